/* A run's checkpoints, and resuming an interrupted run from one (ps-run.h,
 * ps-run-resume-private.h).
 *
 * Why resuming gives the same bytes as an uninterrupted run: chunks are committed in
 * order, and a checkpoint is written between two commits, so it holds exactly the
 * state after its last chunk: the merged summary bit for bit, the item errors, and
 * the results file's length, which covers the rows of those chunks and no others
 * (they were written with write(2), and are flushed before the checkpoint is). A
 * resumed run cuts the results file to that length, takes the summary and errors
 * back and goes on at the next chunk: every later merge and row is what the
 * uninterrupted run would have done.
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-error.h"
#include "ps-run-resume-private.h"
#include "study/ps-json.h"
#include "study/ps-kind.h"
#include "study/ps-study-private.h"

#define CHECKPOINT_TMP_NAME "checkpoint.json.tmp"
#define CHECKPOINT_FORMAT 1
/* The end of the results file whose SHA-256 a checkpoint keeps: enough to tell a
 * results file that is not the one it counted, cheap to read every few seconds. */
#define TAIL_BYTES 65536

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define BYTE_ORDER_NAME "little-endian"
#else
#define BYTE_ORDER_NAME "big-endian"
#endif

static const char *const rows_names[] = { "none", "passing", "all" };

gboolean
ps_run_is_checkpoint_file (const char *name)
{
  return g_str_equal (name, PS_CHECKPOINT_NAME) || g_str_equal (name, CHECKPOINT_TMP_NAME);
}

void
ps_run_test_hang (guint64 chunk)
{
  const char *v = g_getenv ("PARASTUDY_TEST_HANG_CHUNK");

  if (v == NULL || *v == '\0' || g_ascii_strtoull (v, NULL, 10) != chunk)
    return;
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

/* Test hooks of the checkpoint tests: the value of variable @name, or -1. */
static gint64
env_number (const char *name)
{
  const char *v = g_getenv (name);

  return v != NULL && *v != '\0' ? g_ascii_strtoll (v, NULL, 10) : -1;
}

static void
die_here (void)
{
  kill (getpid (), SIGKILL);
  for (;;)
    pause ();
}

/* ---- the results file ------------------------------------------------------------ */

static gboolean
read_exactly (int fd, guint8 *buf, gsize length, off_t offset)
{
  while (length > 0)
    {
      ssize_t n = pread (fd, buf, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      length -= (gsize)n;
      offset += n;
    }
  return TRUE;
}

/* The SHA-256 of the TAIL_BYTES bytes (or fewer) before @length in @fd, or NULL. */
static char *
tail_sha256 (int fd, guint64 length)
{
  gsize n = (gsize)MIN (length, (guint64)TAIL_BYTES);
  g_autofree guint8 *buf = g_malloc (MAX (n, 1));

  if (!read_exactly (fd, buf, n, (off_t)(length - n)))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, buf, n);
}

/* ---- the process that writes ------------------------------------------------------ */

/* Which process @pid is, beyond its number: this boot of the machine and the time
 * the process started (ticks since boot, /proc/PID/stat field 22), "" when unknown.
 * A pid is reused, by a later process or after a reboot (a power cut), and a
 * checkpoint of a dead run must not be taken for a live one's. */
static char *
process_identity (pid_t pid)
{
  g_autofree char *boot = NULL, *stat = NULL;
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_auto (GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot, NULL, NULL)
      || !g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return g_strdup ("");
  /* Field 3 (the state) is the first after the command's name in parentheses. */
  fields = g_strsplit (after + 2, " ", 21);
  if (g_strv_length (fields) < 21)
    return g_strdup ("");
  return g_strdup_printf ("%s/%s", g_strstrip (boot), fields[19]);
}

/* ---- writing ---------------------------------------------------------------------- */

struct _PsCheckpointer
{
  const PsStudy *study;
  char *dir;
  char *stage;
  char *path, *tmp_path;
  int results_fd;
  guint64 header_bytes;
  PsRowsMode rows;
  guint64 chunk_items;
  guint64 n_chunks;
  double interval; /* s */
  gint64 last_us;  /* the run's start, then the end of the last checkpoint */
  guint written;
  gint64 kill_at_chunk; /* test hooks, or -1 */
  gint64 kill_in_checkpoint;
  char *identity; /* process_identity() of this process */
};

static double
resolve_interval (const PsRunOptions *options)
{
  const char *env = g_getenv ("PARASTUDY_CHECKPOINT_SECONDS");

  if (options->checkpoint_interval != 0.0)
    return options->checkpoint_interval;
  if (env != NULL && *env != '\0')
    {
      char *end;
      double v = g_ascii_strtod (env, &end);

      if (end != env && *end == '\0' && isfinite (v))
        return v;
    }
  return PS_CHECKPOINT_SECONDS;
}

PsCheckpointer *
ps_checkpointer_new (const PsStudy *study, const PsRunOptions *options, const char *dir,
                     const char *stage, int results_fd, guint64 header_bytes)
{
  double interval = resolve_interval (options);
  PsCheckpointer *ck;

  if (interval < 0.0)
    return NULL;
  ck = g_new0 (PsCheckpointer, 1);
  ck->study = study;
  ck->dir = g_strdup (dir);
  ck->stage = g_strdup (stage);
  ck->path = g_build_filename (stage, PS_CHECKPOINT_NAME, NULL);
  ck->tmp_path = g_build_filename (stage, CHECKPOINT_TMP_NAME, NULL);
  ck->results_fd = results_fd;
  ck->header_bytes = header_bytes;
  ck->rows = results_fd >= 0 ? options->rows : PS_ROWS_NONE;
  ck->chunk_items = study->klass->chunk_items (study);
  ck->n_chunks = (study->n_items + ck->chunk_items - 1) / ck->chunk_items;
  ck->interval = interval;
  ck->last_us = g_get_monotonic_time ();
  /* PARASTUDY_TEST_KILL_AT_CHUNK=K: SIGKILL when chunk K is committed, after its rows
   * were written and before a checkpoint could count them (kill -9 mid-run).
   * PARASTUDY_TEST_KILL_IN_CHECKPOINT=N: SIGKILL in the N-th checkpoint, between the
   * temporary file and the rename (a power cut mid-write). */
  ck->kill_at_chunk = env_number ("PARASTUDY_TEST_KILL_AT_CHUNK");
  ck->kill_in_checkpoint = env_number ("PARASTUDY_TEST_KILL_IN_CHECKPOINT");
  ck->identity = process_identity (getpid ());
  return ck;
}

void
ps_checkpointer_free (PsCheckpointer *ck)
{
  if (ck == NULL)
    return;
  g_free (ck->dir);
  g_free (ck->stage);
  g_free (ck->path);
  g_free (ck->tmp_path);
  g_free (ck->identity);
  g_free (ck);
}

static gboolean
io_error (GError **error, const char *path, int saved)
{
  g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing the checkpoint %s: %s"), path,
               g_strerror (saved));
  return FALSE;
}

static void
add_uint (JsonBuilder *b, const char *name, guint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, (gint64)v);
}

static void
add_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, v);
}

static char *
checkpoint_text (PsCheckpointer *ck, guint64 chunks_done, gconstpointer summary,
                 const PsErrors *errors, guint64 rows_bytes, const char *results_tail,
                 double elapsed, double cpu_seconds, const char *started)
{
  const PsStudy *study = ck->study;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *written = g_date_time_format_iso8601 (now);
  g_autofree char *data = NULL, *sha = NULL;

  if (study->klass->summary_save != NULL)
    study->klass->summary_save (study, summary, bytes);
  else
    g_byte_array_append (bytes, summary, (guint)study->klass->summary_size);
  data = g_base64_encode (bytes->data, bytes->len);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data, bytes->len);

  json_builder_begin_object (b);
  add_uint (b, "parastudy_checkpoint", CHECKPOINT_FORMAT);
  add_string (b, "parastudy_version", PACKAGE_VERSION);
  add_string (b, "study", study->name);
  add_string (b, "study_sha256", study->checksum);
  add_string (b, "kind", study->klass->name);
  add_string (b, "host", g_get_host_name ());
  add_uint (b, "pid", (guint64)getpid ());
  add_string (b, "process", ck->identity);
  add_string (b, "started", started != NULL ? started : "");
  add_string (b, "written", written);
  ps_json_add_number (b, "elapsed_seconds", elapsed);
  ps_json_add_number (b, "cpu_seconds", cpu_seconds);
  add_uint (b, "items", study->n_items);
  add_uint (b, "chunk_items", ck->chunk_items);
  add_uint (b, "chunks", ck->n_chunks);
  add_uint (b, "chunks_committed", chunks_done);
  add_uint (b, "items_committed", MIN (study->n_items, chunks_done * ck->chunk_items));
  add_string (b, "rows", rows_names[ck->rows]);
  if (ck->results_fd >= 0)
    {
      add_uint (b, "results_bytes", ck->header_bytes + rows_bytes);
      add_uint (b, "rows_bytes", rows_bytes);
      add_string (b, "results_tail_sha256", results_tail);
    }
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  add_string (b, "byte_order", BYTE_ORDER_NAME);
  add_uint (b, "bytes", bytes->len);
  add_string (b, "sha256", sha);
  add_string (b, "base64", data);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "item_errors");
  json_builder_begin_object (b);
  add_uint (b, "count", errors->count);
  json_builder_set_member_name (b, "first");
  json_builder_begin_array (b);
  if (errors->first != NULL)
    for (guint i = 0; i < errors->first->len; i++)
      {
        const PsItemError *e = &g_array_index (errors->first, PsItemError, i);

        json_builder_begin_object (b);
        add_uint (b, "item", e->item);
        add_string (b, "message", e->message);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return ps_json_builder_to_data (b, TRUE);
}

static gboolean
write_checkpoint (PsCheckpointer *ck, guint64 chunks_done, gconstpointer summary,
                  const PsErrors *errors, guint64 rows_bytes, double elapsed, double cpu_seconds,
                  const char *started, GError **error)
{
  g_autofree char *tail = NULL, *text = NULL;
  gsize left, length;
  const char *p;
  int fd;

  /* The rows first: the checkpoint must never count bytes that are not on disk. */
  if (ck->results_fd >= 0)
    {
      g_autofree char *results = g_build_filename (ck->stage, "results.csv", NULL);

      if (fdatasync (ck->results_fd) != 0)
        return io_error (error, results, errno);
      tail = tail_sha256 (ck->results_fd, ck->header_bytes + rows_bytes);
      if (tail == NULL)
        return io_error (error, results, errno != 0 ? errno : EIO);
    }
  text = checkpoint_text (ck, chunks_done, summary, errors, rows_bytes, tail, elapsed, cpu_seconds,
                          started);
  fd = open (ck->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return io_error (error, ck->tmp_path, errno);
  length = strlen (text);
  for (p = text, left = length; left > 0;)
    {
      ssize_t n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (ck->tmp_path);
          return io_error (error, ck->tmp_path, saved);
        }
      p += n;
      left -= (gsize)n;
    }
  if (fdatasync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (ck->tmp_path);
      return io_error (error, ck->tmp_path, saved);
    }
  if (ck->kill_in_checkpoint >= 0 && ck->written + 1 == (guint64)ck->kill_in_checkpoint)
    die_here ();
  if (g_rename (ck->tmp_path, ck->path) != 0)
    {
      int saved = errno;

      g_unlink (ck->tmp_path);
      return io_error (error, ck->path, saved);
    }
  /* The rename, and the first time the stage's own entry in the output folder. */
  if (!ps_run_fsync_path (ck->stage, TRUE, error)
      || (ck->written == 0 && !ps_run_fsync_path (ck->dir, TRUE, error)))
    return FALSE;
  ck->written++;
  return TRUE;
}

gboolean
ps_checkpointer_after_commit (PsCheckpointer *ck, guint64 chunks_done, gconstpointer summary,
                              const PsErrors *errors, guint64 rows_bytes, double elapsed,
                              double cpu_seconds, const char *started, GError **error)
{
  if (ck->kill_at_chunk >= 0 && chunks_done == (guint64)ck->kill_at_chunk + 1)
    die_here ();
  if ((double)(g_get_monotonic_time () - ck->last_us) * 1e-6 < ck->interval)
    return TRUE;
  if (!write_checkpoint (ck, chunks_done, summary, errors, rows_bytes, elapsed, cpu_seconds,
                         started, error))
    return FALSE;
  ck->last_us = g_get_monotonic_time ();
  return TRUE;
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct
{
  char *stage; /* its path */
  char *version, *study_name, *sha256, *kind, *host, *process, *started, *written;
  gint64 pid;
  double elapsed, cpu_seconds;
  guint64 items, chunk_items, chunks, chunks_done;
  PsRowsMode rows;
  gboolean has_results;
  guint64 results_bytes, rows_bytes;
  char *results_tail;
  GBytes *summary;
  PsErrors errors;
} Checkpoint;

static void
checkpoint_clear (Checkpoint *c)
{
  g_free (c->stage);
  g_free (c->version);
  g_free (c->study_name);
  g_free (c->sha256);
  g_free (c->kind);
  g_free (c->host);
  g_free (c->process);
  g_free (c->started);
  g_free (c->written);
  g_free (c->results_tail);
  g_clear_pointer (&c->summary, g_bytes_unref);
  ps_errors_clear (&c->errors);
  memset (c, 0, sizeof *c);
}

static gboolean
damaged (GError **error, const char *what)
{
  g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("the checkpoint is damaged: %s"), what);
  return FALSE;
}

static gboolean
get_uint (JsonObject *o, const char *name, guint64 *out, GError **error)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64
      || json_node_get_int (n) < 0)
    {
      g_autofree char *what = g_strdup_printf (_ ("%s is missing or not a count"), name);

      return damaged (error, what);
    }
  *out = (guint64)json_node_get_int (n);
  return TRUE;
}

static gboolean
get_double (JsonObject *o, const char *name, double *out, GError **error)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n)
      || (json_node_get_value_type (n) != G_TYPE_DOUBLE
          && json_node_get_value_type (n) != G_TYPE_INT64))
    {
      g_autofree char *what = g_strdup_printf (_ ("%s is missing or not a number"), name);

      return damaged (error, what);
    }
  *out = json_node_get_double (n);
  return TRUE;
}

static gboolean
get_string (JsonObject *o, const char *name, char **out, GError **error)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      g_autofree char *what = g_strdup_printf (_ ("%s is missing or not a text"), name);

      return damaged (error, what);
    }
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

static JsonObject *
get_object (JsonObject *o, const char *name, GError **error)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    {
      g_autofree char *what = g_strdup_printf (_ ("%s is missing or not an object"), name);

      damaged (error, what);
      return NULL;
    }
  return json_node_get_object (n);
}

static gboolean
read_summary (JsonObject *root, Checkpoint *c, GError **error)
{
  JsonObject *s = get_object (root, "summary", error);
  g_autofree char *order = NULL, *sha = NULL, *data = NULL, *check = NULL;
  guint64 bytes;
  guchar *raw;
  gsize length;

  if (s == NULL || !get_string (s, "byte_order", &order, error)
      || !get_uint (s, "bytes", &bytes, error) || !get_string (s, "sha256", &sha, error)
      || !get_string (s, "base64", &data, error))
    return FALSE;
  if (!g_str_equal (order, BYTE_ORDER_NAME))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the checkpoint was written on a machine of another byte order (%s)"), order);
      return FALSE;
    }
  raw = g_base64_decode (data, &length);
  c->summary = g_bytes_new_take (raw, length);
  check = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, c->summary);
  if (length != bytes || !g_str_equal (check, sha))
    return damaged (error, _ ("its summary does not match its SHA-256"));
  return TRUE;
}

static gboolean
read_errors (JsonObject *root, Checkpoint *c, GError **error)
{
  JsonObject *e = get_object (root, "item_errors", error);
  JsonNode *first;
  JsonArray *list;
  guint64 count;

  if (e == NULL || !get_uint (e, "count", &count, error))
    return FALSE;
  first = json_object_get_member (e, "first");
  if (first == NULL || !JSON_NODE_HOLDS_ARRAY (first))
    return damaged (error, _ ("item_errors.first is missing or not a list"));
  list = json_node_get_array (first);
  if (json_array_get_length (list) > MIN (count, PS_MAX_REPORTED_ERRORS))
    return damaged (error, _ ("item_errors.first is longer than its count"));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      guint64 item;
      char *message;

      if (!JSON_NODE_HOLDS_OBJECT (n) || !get_uint (json_node_get_object (n), "item", &item, error)
          || !get_string (json_node_get_object (n), "message", &message, error))
        return FALSE;
      ps_errors_add (&c->errors, item, message);
    }
  c->errors.count = count;
  return TRUE;
}

/* Reads @stage's checkpoint into @c. */
static gboolean
load_checkpoint (const char *stage, Checkpoint *c, GError **error)
{
  g_autofree char *path = g_build_filename (stage, PS_CHECKPOINT_NAME, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *rows = NULL;
  guint64 format, pid;
  JsonObject *root;

  memset (c, 0, sizeof *c);
  ps_errors_init (&c->errors);
  c->stage = g_strdup (stage);
  if (!json_parser_load_from_file (parser, path, &local))
    return damaged (error, local->message);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return damaged (error, _ ("it is not a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));
  if (!get_uint (root, "parastudy_checkpoint", &format, error))
    return FALSE;
  if (format != CHECKPOINT_FORMAT)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the checkpoint has format %llu, this Parastudy reads %d"),
                   (unsigned long long)format, CHECKPOINT_FORMAT);
      return FALSE;
    }
  if (!get_string (root, "parastudy_version", &c->version, error)
      || !get_string (root, "study", &c->study_name, error)
      || !get_string (root, "study_sha256", &c->sha256, error)
      || !get_string (root, "kind", &c->kind, error) || !get_string (root, "host", &c->host, error)
      || !get_uint (root, "pid", &pid, error) || !get_string (root, "process", &c->process, error)
      || !get_string (root, "started", &c->started, error)
      || !get_string (root, "written", &c->written, error)
      || !get_double (root, "elapsed_seconds", &c->elapsed, error)
      || !get_double (root, "cpu_seconds", &c->cpu_seconds, error)
      || !get_uint (root, "items", &c->items, error)
      || !get_uint (root, "chunk_items", &c->chunk_items, error)
      || !get_uint (root, "chunks", &c->chunks, error)
      || !get_uint (root, "chunks_committed", &c->chunks_done, error)
      || !get_string (root, "rows", &rows, error))
    return FALSE;
  c->pid = (gint64)pid;
  for (c->rows = PS_ROWS_NONE; c->rows <= PS_ROWS_ALL; c->rows++)
    if (g_str_equal (rows, rows_names[c->rows]))
      break;
  if (c->rows > PS_ROWS_ALL)
    return damaged (error, _ ("rows is not none, passing or all"));
  c->has_results = json_object_has_member (root, "results_bytes");
  if (c->has_results
      && (!get_uint (root, "results_bytes", &c->results_bytes, error)
          || !get_uint (root, "rows_bytes", &c->rows_bytes, error)
          || !get_string (root, "results_tail_sha256", &c->results_tail, error)))
    return FALSE;
  if (c->has_results != (c->rows != PS_ROWS_NONE) || c->rows_bytes > c->results_bytes)
    return damaged (error, _ ("its rows and results file disagree"));
  if (c->chunk_items == 0 || c->chunks_done == 0 || c->chunks_done >= c->chunks)
    return damaged (error, _ ("its chunk counts are out of range"));
  return read_summary (root, c, error) && read_errors (root, c, error);
}

/* Whether the checkpoint @c belongs to a run of @study by this Parastudy, and its
 * results file is the one it counted. */
static gboolean
check_checkpoint (const Checkpoint *c, const PsStudy *study, GError **error)
{
  guint64 chunk_items = study->klass->chunk_items (study);

  if (!g_str_equal (c->version, PACKAGE_VERSION))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the checkpoint was written by Parastudy %s, and this is %s: a run goes on "
                      "only with the version that started it"),
                   c->version, PACKAGE_VERSION);
      return FALSE;
    }
  if (!g_str_equal (c->sha256, study->checksum))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the checkpoint is of another study: \"%s\" with SHA-256 %s, and this "
                      "study's is %s"),
                   c->study_name, c->sha256, study->checksum);
      return FALSE;
    }
  if (!g_str_equal (c->kind, study->klass->name) || c->items != study->n_items
      || c->chunk_items != chunk_items || c->chunks != (c->items + chunk_items - 1) / chunk_items)
    return damaged (error, _ ("its items or chunks are not the study's"));
  if (study->klass->summary_load == NULL
      && g_bytes_get_size (c->summary) != study->klass->summary_size)
    return damaged (error, _ ("its summary is not of this kind"));
  if (c->has_results)
    {
      g_autofree char *path = g_build_filename (c->stage, "results.csv", NULL);
      g_autofree char *tail = NULL;
      struct stat st;
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0 || fstat (fd, &st) != 0 || (guint64)st.st_size < c->results_bytes)
        {
          g_autofree char *what
              = g_strdup_printf (_ ("results.csv is shorter than the %llu bytes it counted"),
                                 (unsigned long long)c->results_bytes);

          if (fd >= 0)
            close (fd);
          return damaged (error, what);
        }
      tail = tail_sha256 (fd, c->results_bytes);
      close (fd);
      if (tail == NULL || !g_str_equal (tail, c->results_tail))
        return damaged (error, _ ("results.csv is not the file it counted"));
    }
  return TRUE;
}

/* Whether the process that wrote @c may still be running: on this host, when its pid
 * is and is still that process; from another host (a node that failed, on a shared
 * file system) it cannot be known, and a resume asked for is taken to mean that it is
 * gone. */
static gboolean
writer_alive (const Checkpoint *c)
{
  g_autofree char *now = NULL;

  if (!g_str_equal (c->host, g_get_host_name ()) || !ps_run_process_alive ((pid_t)c->pid))
    return FALSE;
  now = process_identity ((pid_t)c->pid);
  return *c->process == '\0' || *now == '\0' || g_str_equal (now, c->process);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* Finds the best checkpoint of @study in @dir into @best: the stage of a process that
 * is gone whose checkpoint got furthest. Otherwise the reason: the first refusal, in
 * the order of the stages' names, or that there is none. */
static gboolean
find_checkpoint (const char *dir, const PsStudy *study, Checkpoint *best, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) refusal = NULL;
  g_autofree char *refused = NULL;
  gint64 running = -1;
  gboolean found = FALSE;
  const char *name;

  memset (best, 0, sizeof *best);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (ps_run_stage_pid (name) > 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *stage = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *path = g_build_filename (stage, PS_CHECKPOINT_NAME, NULL);
      g_autoptr (GError) local = NULL;
      Checkpoint c;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (ps_run_process_alive ((pid_t)ps_run_stage_pid (names->pdata[i])))
        {
          /* Its own pid may be another host's; the checkpoint says where it ran. */
          if (load_checkpoint (stage, &c, NULL) && writer_alive (&c))
            {
              running = c.pid;
              checkpoint_clear (&c);
              continue;
            }
          checkpoint_clear (&c);
        }
      if (!load_checkpoint (stage, &c, &local) || !check_checkpoint (&c, study, &local))
        {
          if (refusal == NULL)
            {
              refusal = g_steal_pointer (&local);
              refused = g_steal_pointer (&stage);
            }
          checkpoint_clear (&c);
          continue;
        }
      if (!found || c.chunks_done > best->chunks_done)
        {
          if (found)
            checkpoint_clear (best);
          *best = c;
          found = TRUE;
        }
      else
        checkpoint_clear (&c);
    }
  if (found)
    return TRUE;
  if (refusal != NULL)
    g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("cannot resume from %s: %s"), refused,
                 refusal->message);
  else if (running > 0)
    g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                 _ ("no checkpoint to resume in %s: the run there (pid %lld) is still going"), dir,
                 (long long)running);
  else
    g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                 _ ("no checkpoint to resume in %s (a run writes one after a few seconds; one "
                    "that was cancelled, failed or finished leaves none)"),
                 dir);
  return FALSE;
}

gboolean
ps_run_dir_find_checkpoint (const char *dir, const PsStudy *study, PsCheckpointInfo *info,
                            GError **error)
{
  Checkpoint c;

  memset (info, 0, sizeof *info);
  if (!find_checkpoint (dir, study, &c, error))
    return FALSE;
  info->items = c.items;
  info->items_done = MIN (c.items, c.chunks_done * c.chunk_items);
  info->chunks = c.chunks;
  info->chunks_done = c.chunks_done;
  info->elapsed_seconds = c.elapsed;
  info->started = g_strdup (c.started);
  info->written = g_strdup (c.written);
  info->rows = c.rows;
  checkpoint_clear (&c);
  return TRUE;
}

void
ps_checkpoint_info_clear (PsCheckpointInfo *info)
{
  g_free (info->started);
  g_free (info->written);
  memset (info, 0, sizeof *info);
}

/* ---- resuming --------------------------------------------------------------------- */

void
ps_resume_state_init (PsResumeState *state)
{
  memset (state, 0, sizeof *state);
  ps_errors_init (&state->errors);
}

void
ps_resume_state_clear (PsResumeState *state)
{
  g_free (state->summary);
  ps_errors_clear (&state->errors);
  g_free (state->started);
  ps_resume_state_init (state);
}

/* Renames @stage to a stage of this process: from then on no other run takes it, and
 * ps_run_dir_recover() sees it as live. */
static char *
claim_stage (const char *dir, const char *stage, GError **error)
{
  g_autofree char *base = g_path_get_basename (stage);
  const char *suffix = strchr (base + strlen (PS_STAGE_PREFIX), '-');
  g_autofree char *leaf = g_strdup_printf (PS_STAGE_PREFIX "%ld%s", (long)getpid (), suffix);
  g_autofree char *claimed = g_build_filename (dir, leaf, NULL);

  if (!g_str_equal (claimed, stage) && g_rename (stage, claimed) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot take over %s: %s"), stage,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&claimed);
}

/* Leaves in @stage only the results file and the checkpoint: what the interrupted run
 * wrote after its last checkpoint (the MPI ranks' parts, the temporary checkpoint, a
 * summary it did not commit) goes. */
static void
clean_stage (const char *stage)
{
  g_autoptr (GDir) d = g_dir_open (stage, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (name, "results.csv") || g_str_equal (name, PS_CHECKPOINT_NAME))
        continue;
      path = g_build_filename (stage, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        ps_run_remove_tree (path);
      else
        g_unlink (path);
    }
}

/* Opens @stage's results file cut to the checkpoint's length, for appending. */
static int
reopen_results (const char *stage, guint64 length, GError **error)
{
  g_autofree char *path = g_build_filename (stage, "results.csv", NULL);
  int fd = open (path, O_RDWR | O_CLOEXEC);

  if (fd < 0 || ftruncate (fd, (off_t)length) != 0 || lseek (fd, (off_t)length, SEEK_SET) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot write %s: %s"), path,
                   g_strerror (saved));
      return -1;
    }
  return fd;
}

char *
ps_run_resume_claim (const PsStudy *study, const PsRunOptions *options, const char *dir,
                     PsResumeState *state, int *results_fd, guint64 *header_bytes, GError **error)
{
  g_autofree char *stage = NULL;
  Checkpoint c;

  *results_fd = -1;
  *header_bytes = 0;
  if (!find_checkpoint (dir, study, &c, error))
    return NULL;
  if (c.rows != options->rows)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("cannot resume from %s: the interrupted run wrote rows \"%s\" and this one "
                      "asks for \"%s\" (resume with --rows %s)"),
                   c.stage, rows_names[c.rows], rows_names[options->rows], rows_names[c.rows]);
      checkpoint_clear (&c);
      return NULL;
    }
  state->summary = g_malloc (study->klass->summary_size);
  study->klass->summary_init (study, state->summary);
  if (study->klass->summary_load != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (c.summary, &length);
      g_autoptr (GError) local = NULL;

      if (!study->klass->summary_load (study, data, length, state->summary, &local))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("cannot resume from %s: %s"), c.stage,
                       local->message);
          checkpoint_clear (&c);
          return NULL;
        }
    }
  else
    memcpy (state->summary, g_bytes_get_data (c.summary, NULL), study->klass->summary_size);
  state->first_chunk = c.chunks_done;
  state->errors = c.errors;
  ps_errors_init (&c.errors);
  state->rows_bytes = c.rows_bytes;
  state->elapsed = c.elapsed;
  state->cpu_seconds = c.cpu_seconds;
  state->started = *c.started != '\0' ? g_strdup (c.started) : NULL;

  /* From here the stage is this run's: a failure leaves it, with its checkpoint, for
   * another try. */
  stage = claim_stage (dir, c.stage, error);
  if (stage == NULL)
    {
      checkpoint_clear (&c);
      return NULL;
    }
  clean_stage (stage);
  if (c.has_results)
    {
      *results_fd = reopen_results (stage, c.results_bytes, error);
      *header_bytes = c.results_bytes - c.rows_bytes;
      if (*results_fd < 0)
        {
          checkpoint_clear (&c);
          return NULL;
        }
    }
  checkpoint_clear (&c);
  return g_steal_pointer (&stage);
}
