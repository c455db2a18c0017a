/* ps-history.h: every run and every scaling point, kept in an SQLite database.
 *
 * The database is $XDG_DATA_HOME/parastudy/history.db unless PARASTUDY_HISTORY or an
 * explicit path names another. Its schema is versioned (PRAGMA user_version) and
 * migrated forward on open. Several programs may write at once (WAL, a busy
 * timeout). Recording is best effort for the callers: a run whose history cannot be
 * written still succeeds, with a warning.
 */
#pragma once

#include "ps-run.h"

G_BEGIN_DECLS

#define PS_HISTORY_SCHEMA_VERSION 2

typedef struct _PsHistory PsHistory;

typedef struct
{
  gint64 id;
  char *recorded; /* ISO 8601 */
  char *study_name;
  char *study_sha256;
  char *kind;
  char *backend;
  int workers;
  guint64 items;
  double wall_seconds, cpu_seconds;
  guint64 peak_rss_bytes;
  char *machine;      /* JSON */
  char *summary;      /* JSON: the run's summary.json */
  char *scaling_mode; /* NULL for plain runs */
} PsHistoryRun;

/* The default database path: PARASTUDY_HISTORY, else the user's data folder. */
char *ps_history_default_path (void);

/* Opens (creating or migrating) the database at @path; NULL for the default. */
PsHistory *ps_history_open (const char *path, GError **error);
void ps_history_close (PsHistory *history);
const char *ps_history_get_path (PsHistory *history);

/* Records a finished run; @scaling_mode is NULL for a plain run. */
gboolean ps_history_add_run (PsHistory *history, const PsStudy *study, const PsRunResult *run,
                             const char *scaling_mode, GError **error);
/* Opens the database at @path (NULL: the default), records the run and closes it. */
gboolean ps_history_record_run (const char *path, const PsStudy *study, const PsRunResult *run,
                                const char *scaling_mode, GError **error);
/* Records a scaling study's result (scaling.json text). */
gboolean ps_history_add_scaling (PsHistory *history, const PsStudy *study, const char *mode,
                                 const char *scaling_json, GError **error);

/* The runs, newest first; of one study name when @study is not NULL; at most @limit
 * (0: all). PsHistoryRun elements. */
GArray *ps_history_list_runs (PsHistory *history, const char *study, guint limit, GError **error);
/* The scaling results (scaling.json texts), newest first. */
GPtrArray *ps_history_list_scaling (PsHistory *history, const char *study, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsHistory, ps_history_close)

G_END_DECLS
