#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ps-error.h"
#include "study/ps-json.h"
#include "ps-history.h"
#include "ps-machine.h"
#include "study/ps-study-private.h"

struct _PsHistory
{
  sqlite3 *db;
  char *path;
};

/* Version 1, the first schema: plain runs only. Kept here because a database of
 * version 1 is migrated from it. */
static const char schema_v1[] = "CREATE TABLE runs ("
                                "  id INTEGER PRIMARY KEY,"
                                "  recorded TEXT NOT NULL,"
                                "  study_name TEXT NOT NULL,"
                                "  study_sha256 TEXT NOT NULL,"
                                "  kind TEXT NOT NULL,"
                                "  backend TEXT NOT NULL,"
                                "  workers INTEGER NOT NULL,"
                                "  items INTEGER NOT NULL,"
                                "  wall_seconds REAL,"
                                "  cpu_seconds REAL,"
                                "  machine TEXT,"
                                "  summary TEXT);"
                                "PRAGMA user_version = 1;";

/* Version 2: peak memory and the scaling mode of each run, and the scaling results. */
static const char migrate_v1_v2[] = "ALTER TABLE runs ADD COLUMN peak_rss_bytes INTEGER;"
                                    "ALTER TABLE runs ADD COLUMN scaling_mode TEXT;"
                                    "CREATE INDEX runs_by_study ON runs (study_name);"
                                    "CREATE TABLE scaling ("
                                    "  id INTEGER PRIMARY KEY,"
                                    "  recorded TEXT NOT NULL,"
                                    "  study_name TEXT NOT NULL,"
                                    "  study_sha256 TEXT NOT NULL,"
                                    "  kind TEXT NOT NULL,"
                                    "  mode TEXT NOT NULL,"
                                    "  result TEXT NOT NULL);"
                                    "PRAGMA user_version = 2;";

static gboolean
db_error (PsHistory *h, int rc, const char *what, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("history database %s: %s: %s"), h->path, what,
               h->db ? sqlite3_errmsg (h->db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (PsHistory *h, const char *sql, const char *what, GError **error)
{
  int rc = sqlite3_exec (h->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || db_error (h, rc, what, error);
}

static gboolean
get_version (PsHistory *h, int *version, GError **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h->db, "PRAGMA user_version", -1, &st, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (st);
      return db_error (h, rc, _ ("cannot read it"), error);
    }
  *version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return TRUE;
}

/* Creates or migrates the schema in one write transaction, so that two programs
 * opening a new database at once do not both create it. */
static gboolean
migrate (PsHistory *h, GError **error)
{
  int version;

  if (!exec_sql (h, "BEGIN IMMEDIATE", _ ("cannot lock it"), error))
    return FALSE;
  if (!get_version (h, &version, error))
    goto fail;
  if (version > PS_HISTORY_SCHEMA_VERSION)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("history database %s has schema version %d, newer than this program's (%d): "
                      "update Parastudy or use another file with --history"),
                   h->path, version, PS_HISTORY_SCHEMA_VERSION);
      goto fail;
    }
  if (version == 0 && !exec_sql (h, schema_v1, _ ("cannot create its tables"), error))
    goto fail;
  if (version <= 1 && !exec_sql (h, migrate_v1_v2, _ ("cannot migrate it to version 2"), error))
    goto fail;
  return exec_sql (h, "COMMIT", _ ("cannot write it"), error);

fail:
  sqlite3_exec (h->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

char *
ps_history_default_path (void)
{
  const char *env = g_getenv ("PARASTUDY_HISTORY");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "parastudy", "history.db", NULL);
}

void
ps_history_close (PsHistory *h)
{
  if (h == NULL)
    return;
  sqlite3_close (h->db);
  g_free (h->path);
  g_free (h);
}

const char *
ps_history_get_path (PsHistory *h)
{
  return h->path;
}

PsHistory *
ps_history_open (const char *path, GError **error)
{
  g_autoptr (PsHistory) h = g_new0 (PsHistory, 1);
  g_autofree char *dir = NULL;
  int rc;

  h->path = path != NULL ? g_strdup (path) : ps_history_default_path ();
  dir = g_path_get_dirname (h->path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("history database %s: cannot create %s: %s"),
                   h->path, dir, g_strerror (saved));
      return NULL;
    }
  rc = sqlite3_open_v2 (h->path, &h->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      db_error (h, rc, _ ("cannot open it"), error);
      return NULL;
    }
  sqlite3_busy_timeout (h->db, 5000);
  /* WAL lets readers and one writer work at once; it needs a write lock to switch,
   * which a busy database may refuse: then the rollback journal is used. */
  rc = sqlite3_exec (h->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    {
      db_error (h, rc, _ ("it is not a Parastudy history (damaged or another kind of file)"),
                error);
      return NULL;
    }
  if (!migrate (h, error))
    return NULL;
  return g_steal_pointer (&h);
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format_iso8601 (now);
}

static char *
machine_json (void)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  ps_machine_to_json (ps_machine_get (), b);
  return ps_json_builder_to_data (b, FALSE);
}

gboolean
ps_history_add_run (PsHistory *h, const PsStudy *study, const PsRunResult *run,
                    const char *scaling_mode, GError **error)
{
  static const char sql[]
      = "INSERT INTO runs (recorded, study_name, study_sha256, kind, backend, workers, items,"
        " wall_seconds, cpu_seconds, peak_rss_bytes, machine, summary, scaling_mode)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *recorded = now_iso8601 ();
  g_autofree char *machine = machine_json ();
  g_autofree char *summary = ps_run_summary_json (study, run);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h->db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    return db_error (h, rc, _ ("cannot record the run"), error);
  sqlite3_bind_text (st, 1, recorded, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, study->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, study->checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, ps_study_get_kind_name (study), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, run->backend, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 6, run->workers);
  sqlite3_bind_int64 (st, 7, (sqlite3_int64)run->items);
  sqlite3_bind_double (st, 8, run->wall_seconds);
  sqlite3_bind_double (st, 9, run->cpu_seconds);
  sqlite3_bind_int64 (st, 10, (sqlite3_int64)(run->peak_rss_bytes + run->workers_peak_rss_bytes));
  sqlite3_bind_text (st, 11, machine, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 12, summary, -1, SQLITE_STATIC);
  if (scaling_mode != NULL)
    sqlite3_bind_text (st, 13, scaling_mode, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 13);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE || db_error (h, rc, _ ("cannot record the run"), error);
}

gboolean
ps_history_record_run (const char *path, const PsStudy *study, const PsRunResult *run,
                       const char *scaling_mode, GError **error)
{
  g_autoptr (PsHistory) history = ps_history_open (path, error);

  return history != NULL && ps_history_add_run (history, study, run, scaling_mode, error);
}

gboolean
ps_history_add_scaling (PsHistory *h, const PsStudy *study, const char *mode,
                        const char *scaling_json, GError **error)
{
  static const char sql[] = "INSERT INTO scaling (recorded, study_name, study_sha256, kind, mode,"
                            " result) VALUES (?, ?, ?, ?, ?, ?)";
  g_autofree char *recorded = now_iso8601 ();
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h->db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    return db_error (h, rc, _ ("cannot record the scaling study"), error);
  sqlite3_bind_text (st, 1, recorded, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, study->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, study->checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, ps_study_get_kind_name (study), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, mode, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, scaling_json, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE || db_error (h, rc, _ ("cannot record the scaling study"), error);
}

static char *
column_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);

  return t != NULL ? g_strdup ((const char *)t) : NULL;
}

static void
run_clear (gpointer data)
{
  PsHistoryRun *r = data;

  g_free (r->recorded);
  g_free (r->study_name);
  g_free (r->study_sha256);
  g_free (r->kind);
  g_free (r->backend);
  g_free (r->machine);
  g_free (r->summary);
  g_free (r->scaling_mode);
}

GArray *
ps_history_list_runs (PsHistory *h, const char *study, guint limit, GError **error)
{
  static const char sql[]
      = "SELECT id, recorded, study_name, study_sha256, kind, backend, workers, items,"
        " wall_seconds, cpu_seconds, peak_rss_bytes, machine, summary, scaling_mode"
        " FROM runs WHERE ?1 IS NULL OR study_name = ?1 ORDER BY id DESC LIMIT ?2";
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (PsHistoryRun));
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h->db, sql, -1, &st, NULL);

  g_array_set_clear_func (runs, run_clear);
  if (rc != SQLITE_OK)
    {
      g_array_unref (runs);
      db_error (h, rc, _ ("cannot read it"), error);
      return NULL;
    }
  if (study != NULL)
    sqlite3_bind_text (st, 1, study, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, limit > 0 ? (sqlite3_int64)limit : -1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      PsHistoryRun r = { 0 };

      r.id = sqlite3_column_int64 (st, 0);
      r.recorded = column_text (st, 1);
      r.study_name = column_text (st, 2);
      r.study_sha256 = column_text (st, 3);
      r.kind = column_text (st, 4);
      r.backend = column_text (st, 5);
      r.workers = sqlite3_column_int (st, 6);
      r.items = (guint64)sqlite3_column_int64 (st, 7);
      r.wall_seconds = sqlite3_column_double (st, 8);
      r.cpu_seconds = sqlite3_column_double (st, 9);
      r.peak_rss_bytes = (guint64)sqlite3_column_int64 (st, 10);
      r.machine = column_text (st, 11);
      r.summary = column_text (st, 12);
      r.scaling_mode = column_text (st, 13);
      g_array_append_val (runs, r);
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (runs);
      db_error (h, rc, _ ("cannot read it"), error);
      return NULL;
    }
  return runs;
}

GPtrArray *
ps_history_list_scaling (PsHistory *h, const char *study, GError **error)
{
  static const char sql[] = "SELECT result FROM scaling WHERE ?1 IS NULL OR study_name = ?1"
                            " ORDER BY id DESC";
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h->db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    {
      g_ptr_array_unref (out);
      db_error (h, rc, _ ("cannot read it"), error);
      return NULL;
    }
  if (study != NULL)
    sqlite3_bind_text (st, 1, study, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, column_text (st, 0));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (out);
      db_error (h, rc, _ ("cannot read it"), error);
      return NULL;
    }
  return out;
}
