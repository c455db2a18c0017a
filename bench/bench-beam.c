/* bench-beam: throughput of the beam sweep.
 *
 * Runs a beam study (by default data/examples/beam-grid.json, 3,000,000
 * configurations) on the serial backend and on the threads backend with one and two
 * workers, in three ways: summary only; every row formatted into a sink that throws
 * it away (formatting alone); every row written to results.csv. It also writes the
 * same number of bytes with plain write() calls, to the same folder, so that the
 * rows figures can be read against what the disk and the page cache can take. The
 * same grid scaled up (300 M and 3 G configurations) gives runs long enough for a
 * meaningful parallel efficiency, and numpy and numba versions of the grid, run as
 * subprocesses, give a reference point and an independent check of the pass count.
 */
#define G_LOG_DOMAIN "bench-beam"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "parastudy.h"

#ifndef PS_BENCH_SRCDIR
#define PS_BENCH_SRCDIR "bench"
#endif

#define RAW_BLOCK (4u << 20) /* bytes per write() of the raw disk measurement */
#define SCALE 10             /* steps multiplier of each scaled dimension */

typedef enum
{
  MODE_SUMMARY,   /* ps_run_study, no rows */
  MODE_FORMAT,    /* every row formatted into a sink that discards it */
  MODE_FILE,      /* ps_run_to_dir, every row written to results.csv */
  MODE_FILE_SYNC, /* the same, then fdatasync of results.csv */
  MODE_RAW,       /* write() of as many bytes in 4 MiB blocks: the page cache */
  MODE_RAW_SYNC,  /* the same, then fdatasync: the disk */
  N_MODES
} Mode;

static const char *const mode_names[N_MODES] = {
  "summary only", "format only (discard)",   "rows to file", "rows to file + fdatasync",
  "raw write()",  "raw write() + fdatasync",
};

static const char *const mode_keys[N_MODES] = {
  "summary", "format", "file", "file_sync", "raw", "raw_sync",
};

typedef struct
{
  const char *label;
  const char *backend; /* NULL: not an engine run */
  int workers;
} Config;

static const Config configs[] = {
  { "serial", "serial", 1 },
  { "threads x1", "threads", 1 },
  { "threads x2", "threads", 2 },
};
#define N_CONFIGS G_N_ELEMENTS (configs)
static const Config raw_config = { "write()", NULL, 1 };

typedef struct
{
  char *variant;
  Mode mode;
  const Config *config;
  int repeats;
  guint64 items;
  guint64 bytes; /* written per run: rows (with the header for files) or raw bytes */
  double warmup;
  GArray *times; /* sorted, seconds */
  double best, median;
  double speedup, efficiency; /* vs serial; NAN where it does not apply */
  double cpu_best;            /* CPU seconds of the engine in the best run, or NAN */
  double other_load;          /* share of the machine other processes used meanwhile */
  guint64 passing;
} Measurement;

typedef struct
{
  char *variant;
  char *impl;
  int threads;
  JsonObject *record; /* the script's JSON line, or NULL */
  double other_load;  /* share of the machine other processes used meanwhile */
  char *failure;      /* why there is no record */
} PyRun;

typedef struct
{
  /* Options. */
  int repeats;
  int rows_repeats;
  int python_large_repeats;
  char *out_dir;
  char *python;
  char *scripts_dir;
  char *json_path;
  gboolean no_python;
  gboolean no_large;
  gboolean no_rows;
  gboolean keep;

  /* State. */
  gboolean made_out_dir;
  GPtrArray *measurements; /* Measurement */
  GPtrArray *py_runs;      /* PyRun */
  GPtrArray *warnings;     /* char* */
  GPtrArray *created;      /* files to remove at the end */
} Bench;

static void warn (Bench *b, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
warn (Bench *b, const char *format, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "WARNING: %s\n", msg);
  g_ptr_array_add (b->warnings, msg);
}

static void
measurement_free (gpointer data)
{
  Measurement *m = data;

  g_free (m->variant);
  g_array_unref (m->times);
  g_free (m);
}

static void
py_run_free (gpointer data)
{
  PyRun *p = data;

  g_free (p->variant);
  g_free (p->impl);
  g_clear_pointer (&p->record, json_object_unref);
  g_free (p->failure);
  g_free (p);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* "3M", "300M", "3G": the size of a variant, for labels. */
static char *
count_label (guint64 n)
{
  if (n >= 1000000000 && n % 1000000000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "G", n / 1000000000);
  if (n >= 1000000 && n % 1000000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "M", n / 1000000);
  if (n >= 1000 && n % 1000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "k", n / 1000);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static gboolean
discard_rows (const char *data, gsize length, gpointer user_data, GError **error)
{
  guint64 *bytes = user_data;

  *bytes += length;
  return TRUE;
}

static gboolean
sync_path (const char *path, GError **error)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);

  if (fd < 0 || fdatasync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "fdatasync %s: %s", path,
                   g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* One engine run; the clock covers the engine call (and the fdatasync in
 * MODE_FILE_SYNC), not the removal of the previous run's file. */
static gboolean
engine_once (const PsStudy *study, Mode mode, const Config *cfg, const char *dir, double *seconds,
             double *cpu, guint64 *bytes, guint64 *passing, GError **error)
{
  g_autofree char *csv = g_build_filename (dir, "results.csv", NULL);
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;
  guint64 sink = 0;
  double t0, t1;

  ps_run_options_init (&o);
  o.backend = cfg->backend;
  o.workers = cfg->workers;
  o.rows = mode == MODE_SUMMARY ? PS_ROWS_NONE : PS_ROWS_ALL;
  if (mode == MODE_FORMAT)
    {
      o.rows_write = discard_rows;
      o.rows_data = &sink;
    }
  if (mode == MODE_FILE || mode == MODE_FILE_SYNC)
    {
      /* Unlinking the last run's file drops its dirty pages before the clock starts,
       * so no run pays for another's writeback. */
      g_unlink (csv);
      t0 = now_s ();
      r = ps_run_to_dir (study, &o, dir, error);
      if (r != NULL && mode == MODE_FILE_SYNC && !sync_path (csv, error))
        g_clear_pointer (&r, ps_run_result_free);
      t1 = now_s ();
    }
  else
    {
      t0 = now_s ();
      r = ps_run_study (study, &o, error);
      t1 = now_s ();
    }
  if (r == NULL)
    return FALSE;
  *seconds = t1 - t0;
  *cpu = r->cpu_seconds;
  if (mode == MODE_FILE || mode == MODE_FILE_SYNC)
    {
      GStatBuf st;

      *bytes = g_stat (csv, &st) == 0 ? (guint64)st.st_size : r->rows_bytes;
    }
  else
    *bytes = mode == MODE_FORMAT ? sink : 0;
  *passing = ((const PsBeamSummary *)r->summary)->passing;
  return TRUE;
}

static gboolean
write_fd (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize)n;
    }
  return TRUE;
}

/* Writes @bytes to a new file in @dir in RAW_BLOCK blocks, as ps_run_to_dir does
 * (a new file, write(), close), optionally with fdatasync before the close. */
static gboolean
raw_once (const char *dir, const char *block, guint64 bytes, gboolean sync, double *seconds,
          GError **error)
{
  g_autofree char *path = g_build_filename (dir, ".raw-write.XXXXXX", NULL);
  guint64 left = bytes;
  double t0 = now_s (), t1;
  int fd = g_mkstemp (path);
  gboolean ok = fd >= 0;

  while (ok && left > 0)
    {
      gsize n = (gsize)MIN (left, (guint64)RAW_BLOCK);

      ok = write_fd (fd, block, n);
      left -= n;
    }
  if (ok && sync)
    ok = fdatasync (fd) == 0;
  if (fd >= 0 && close (fd) != 0)
    ok = FALSE;
  t1 = now_s ();
  if (!ok)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "writing %s: %s", path,
                   g_strerror (saved));
    }
  if (fd >= 0)
    g_unlink (path);
  *seconds = t1 - t0;
  return ok;
}

/* One warm-up, then @repeats timed runs. */
static Measurement *
measure (Bench *b, const char *variant, const PsStudy *study, Mode mode, const Config *cfg,
         int repeats, guint64 raw_bytes, GError **error)
{
  Measurement *m = g_new0 (Measurement, 1);
  g_autofree char *block = NULL;
  LoadSample l0, l1;

  m->variant = g_strdup (variant);
  m->mode = mode;
  m->config = cfg;
  m->repeats = repeats;
  m->items = ps_study_get_n_items (study);
  m->times = g_array_new (FALSE, FALSE, sizeof (double));
  m->speedup = m->efficiency = m->cpu_best = NAN;
  if (mode == MODE_RAW || mode == MODE_RAW_SYNC)
    {
      /* Text that looks like rows; its content makes no difference to the disk. */
      static const char row[] = "1234567,S355,rectangular,0.3,0.5,,,,0.15,0.003125,0.0125,7.5,"
                                "105000,1177.5,0.001234,3.75,196875,3.75,52500,0,15750000,"
                                "0.06654929577,6078.4,1,1,1,\n";

      block = g_malloc (RAW_BLOCK);
      for (gsize i = 0; i < RAW_BLOCK; i++)
        block[i] = row[i % (sizeof row - 1)];
      m->bytes = raw_bytes;
    }

  load_sample (&l0);
  for (int k = -1; k < repeats; k++)
    {
      double t = 0, cpu = NAN;
      guint64 bytes = 0, passing = 0;
      gboolean ok;

      if (mode == MODE_RAW || mode == MODE_RAW_SYNC)
        ok = raw_once (b->out_dir, block, raw_bytes, mode == MODE_RAW_SYNC, &t, error);
      else
        ok = engine_once (study, mode, cfg, b->out_dir, &t, &cpu, &bytes, &passing, error);
      if (!ok)
        {
          measurement_free (m);
          return NULL;
        }
      if (mode != MODE_RAW && mode != MODE_RAW_SYNC)
        {
          if (k >= 0 && (bytes != m->bytes || passing != m->passing))
            warn (b,
                  "%s %s %s: run %d gave %" G_GUINT64_FORMAT " bytes and %" G_GUINT64_FORMAT
                  " passing, the warm-up %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT,
                  variant, mode_names[mode], cfg->label, k + 1, bytes, passing, m->bytes,
                  m->passing);
          m->bytes = bytes;
          m->passing = passing;
        }
      if (k < 0)
        m->warmup = t;
      else
        {
          if (m->times->len == 0 || t < m->best)
            {
              m->best = t;
              m->cpu_best = cpu;
            }
          g_array_append_val (m->times, t);
        }
    }
  load_sample (&l1);
  m->other_load = other_load (&l0, &l1);
  g_array_sort (m->times, cmp_double);
  m->best = g_array_index (m->times, double, 0);
  m->median = m->times->len % 2 ? g_array_index (m->times, double, m->times->len / 2)
                                : 0.5
                                      * (g_array_index (m->times, double, m->times->len / 2 - 1)
                                         + g_array_index (m->times, double, m->times->len / 2));
  g_ptr_array_add (b->measurements, m);
  return m;
}

static Measurement *
find_measurement (Bench *b, const char *variant, Mode mode, const char *config_label)
{
  for (guint i = 0; i < b->measurements->len; i++)
    {
      Measurement *m = g_ptr_array_index (b->measurements, i);

      if (m->mode == mode && g_str_equal (m->variant, variant)
          && g_str_equal (m->config->label, config_label))
        return m;
    }
  return NULL;
}

/* Serial, threads x1 and x2 of one mode, with speedups against the serial run. */
static gboolean
measure_configs (Bench *b, const char *variant, const PsStudy *study, Mode mode, int repeats,
                 GError **error)
{
  Measurement *serial = NULL;

  for (guint c = 0; c < N_CONFIGS; c++)
    {
      Measurement *m;

      fprintf (stderr, "  %-5s %-24s %-11s ...", variant, mode_names[mode], configs[c].label);
      fflush (stderr);
      m = measure (b, variant, study, mode, &configs[c], repeats, 0, error);
      if (m == NULL)
        {
          fprintf (stderr, " failed\n");
          return FALSE;
        }
      fprintf (stderr, " best %.4f s\n", m->best);
      if (c == 0)
        serial = m;
      if (serial != NULL)
        {
          m->speedup = serial->best / m->best;
          if (g_str_equal (configs[c].backend, "threads"))
            m->efficiency = m->speedup / configs[c].workers;
        }
      if (serial != NULL && m->passing != serial->passing)
        warn (b,
              "%s %s: %s counts %" G_GUINT64_FORMAT " passing, serial %" G_GUINT64_FORMAT
              ": the backends disagree",
              variant, mode_names[mode], configs[c].label, m->passing, serial->passing);
    }
  return TRUE;
}

/* The study file with the steps of h, span and (when @scale_load) the load multiplied
 * by SCALE; NULL with a message when the study is not a grid of that form. */
static char *
write_scaled_study (Bench *b, const char *path, gboolean scale_load, char **why)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *beam, *sec, *load;
  JsonObject *ranges[3] = { NULL, NULL, NULL };
  g_autofree char *name = NULL;
  char *out;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  beam = root && json_object_has_member (root, "beam")
             ? json_object_get_object_member (root, "beam")
             : NULL;
  sec = beam && json_object_has_member (beam, "section")
                && JSON_NODE_HOLDS_OBJECT (json_object_get_member (beam, "section"))
            ? json_object_get_object_member (beam, "section")
            : NULL;
  load = beam && json_object_has_member (beam, "load")
             ? json_object_get_object_member (beam, "load")
             : NULL;
  if (sec && json_object_has_member (sec, "h")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (sec, "h")))
    ranges[0] = json_object_get_object_member (sec, "h");
  if (beam && json_object_has_member (beam, "span")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (beam, "span")))
    ranges[1] = json_object_get_object_member (beam, "span");
  if (load && json_object_has_member (load, "value")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (load, "value")))
    ranges[2] = json_object_get_object_member (load, "value");
  for (int i = 0; i < 3; i++)
    if (ranges[i] == NULL || !json_object_has_member (ranges[i], "steps"))
      {
        *why = g_strdup ("the study is not a grid with ranges for beam.section.h, beam.span "
                         "and beam.load.value");
        return NULL;
      }
  for (int i = 0; i < (scale_load ? 3 : 2); i++)
    json_object_set_int_member (ranges[i], "steps",
                                json_object_get_int_member (ranges[i], "steps") * SCALE);
  name = g_strdup_printf (
      "%s (bench-beam: steps x%d)",
      json_object_has_member (root, "name") ? json_object_get_string_member (root, "name") : "beam",
      SCALE);
  json_object_set_string_member (root, "name", name);
  out = g_build_filename (b->out_dir,
                          scale_load ? "bench-beam-large.json" : "bench-beam-medium.json", NULL);
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_set_pretty (gen, TRUE);
  if (!json_generator_to_file (gen, out, &error))
    {
      *why = g_strdup (error->message);
      g_free (out);
      return NULL;
    }
  g_ptr_array_add (b->created, g_strdup (out));
  return out;
}

static JsonObject *
parse_last_json_line (const char *text, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  int n = (int)g_strv_length (lines);

  for (int i = n - 1; i >= 0; i--)
    {
      JsonNode *root;

      if (lines[i][0] != '{')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, error))
        return NULL;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        break;
      return json_object_ref (json_node_get_object (root));
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no JSON line in the output");
  return NULL;
}

static PyRun *
python_run (Bench *b, const char *variant, const char *impl, const char *study_path, int threads,
            int repeats)
{
  PyRun *p = g_new0 (PyRun, 1);
  g_autofree char *script = g_strdup_printf ("%s/beam_%s.py", b->scripts_dir, impl);
  g_autofree char *materials = g_build_filename (PS_SOURCE_DATADIR, "materials.csv", NULL);
  g_autofree char *t = g_strdup_printf ("%d", threads);
  g_autofree char *r = g_strdup_printf ("%d", repeats);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { b->python,   script, "--study",   study_path, "--materials", materials,
                         "--threads", t,      "--repeats", r,          NULL };
  int status = 0;
  gboolean spawned;
  LoadSample l0, l1;

  p->variant = g_strdup (variant);
  p->impl = g_strdup (impl);
  p->threads = threads;
  fprintf (stderr, "  %-5s %-24s %d thread%s ...", variant, impl, threads,
           threads == 1 ? " " : "s");
  fflush (stderr);
  load_sample (&l0);
  spawned = g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                          &status, &error);
  load_sample (&l1);
  p->other_load = other_load (&l0, &l1);
  if (!spawned || !g_spawn_check_wait_status (status, &error)
      || (p->record = parse_last_json_line (out, &error)) == NULL)
    {
      g_autofree char *tail
          = g_strdup (err && strlen (err) > 600 ? err + strlen (err) - 600 : (err ? err : ""));

      p->failure = g_strdup_printf ("%s: %s%s%s", script, error->message, *tail ? "\n" : "",
                                    g_strstrip (tail));
      fprintf (stderr, " failed\n");
      warn (b, "%s", p->failure);
    }
  else if (json_object_has_member (p->record, "skipped"))
    fprintf (stderr, " skipped: %s\n", json_object_get_string_member (p->record, "skipped"));
  else
    fprintf (stderr, " best %.4f s\n", json_object_get_double_member (p->record, "best_s"));
  g_ptr_array_add (b->py_runs, p);
  return p;
}

static gboolean
py_ok (const PyRun *p)
{
  return p != NULL && p->record != NULL && !json_object_has_member (p->record, "skipped")
         && json_object_has_member (p->record, "summary");
}

static gint64
py_summary_int (const PyRun *p, const char *key)
{
  JsonObject *s = json_object_get_object_member (p->record, "summary");

  return json_object_get_int_member_with_default (s, key, -1);
}

/* The Python versions must count what the engine counts: anything else is a
 * correctness problem on one side. */
static void
check_python (Bench *b, const PyRun *p, const PsBeamSummary *engine)
{
  if (!py_ok (p))
    return;
  if ((guint64)py_summary_int (p, "passing") != engine->passing
      || (guint64)py_summary_int (p, "failing_deflection") != engine->fail_deflection
      || (guint64)py_summary_int (p, "failing_strength") != engine->fail_strength)
    warn (b,
          "%s %s (%d threads) disagrees with the engine: passing %" G_GINT64_FORMAT
          " vs %" G_GUINT64_FORMAT ", failing deflection %" G_GINT64_FORMAT " vs %" G_GUINT64_FORMAT
          ", failing strength %" G_GINT64_FORMAT " vs %" G_GUINT64_FORMAT
          " (Python vs engine): check the items near the limits against the closed form",
          p->variant, p->impl, p->threads, py_summary_int (p, "passing"), engine->passing,
          py_summary_int (p, "failing_deflection"), engine->fail_deflection,
          py_summary_int (p, "failing_strength"), engine->fail_strength);
}

/* The engine's summary (of one serial run), for the checks against Python. */
static gboolean
engine_summary (const PsStudy *study, PsBeamSummary *out, char **text, GError **error)
{
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;

  ps_run_options_init (&o);
  o.backend = "serial";
  r = ps_run_study (study, &o, error);
  if (r == NULL)
    return FALSE;
  *out = *(const PsBeamSummary *)r->summary;
  if (text)
    *text = ps_run_summary_text (study, r);
  return TRUE;
}

/* Everything for one variant of the study: engine runs, then Python. */
static gboolean
bench_variant (Bench *b, const char *path, gboolean is_main, GError **error)
{
  g_autoptr (PsStudy) study = ps_study_load_file (path, error);
  g_autofree char *variant = NULL;
  g_autofree char *text = NULL;
  PsBeamSummary sum;
  int py_repeats;

  if (study == NULL)
    return FALSE;
  if (ps_study_get_kind (study) != &ps_beam_class)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s is a %s study; bench-beam "
                   "runs beam studies",
                   path, ps_study_get_kind_name (study));
      return FALSE;
    }
  variant = count_label (ps_study_get_n_items (study));
  if (!engine_summary (study, &sum, &text, error))
    return FALSE;
  if (is_main)
    printf ("%s\n", text);

  if (!measure_configs (b, variant, study, MODE_SUMMARY, b->repeats, error))
    return FALSE;
  if (is_main && !b->no_rows)
    {
      Measurement *fmt, *file;

      if (!measure_configs (b, variant, study, MODE_FORMAT, b->rows_repeats, error)
          || !measure_configs (b, variant, study, MODE_FILE, b->rows_repeats, error))
        return FALSE;
      fprintf (stderr, "  %-5s %-24s %-11s ...", variant, mode_names[MODE_FILE_SYNC],
               configs[2].label);
      if (measure (b, variant, study, MODE_FILE_SYNC, &configs[2], b->rows_repeats, 0, error)
          == NULL)
        return FALSE;
      fprintf (stderr, " done\n");
      fmt = find_measurement (b, variant, MODE_FORMAT, configs[2].label);
      file = find_measurement (b, variant, MODE_FILE, configs[2].label);
      g_assert (fmt != NULL && file != NULL);
      /* The file is the formatted rows and a header line. */
      if (file->bytes < fmt->bytes || file->bytes - fmt->bytes > 4096)
        warn (b,
              "results.csv has %" G_GUINT64_FORMAT " bytes for %" G_GUINT64_FORMAT
              " bytes of rows formatted",
              file->bytes, fmt->bytes);
      for (Mode mode = MODE_RAW; mode <= MODE_RAW_SYNC; mode++)
        {
          fprintf (stderr, "  %-5s %-24s %-11s ...", variant, mode_names[mode], "");
          if (measure (b, variant, study, mode, &raw_config, b->rows_repeats, file->bytes, error)
              == NULL)
            return FALSE;
          fprintf (stderr, " done\n");
        }
    }

  if (b->no_python)
    return TRUE;
  py_repeats = is_main ? b->repeats : b->python_large_repeats;
  for (int threads = 1; threads <= 2; threads++)
    {
      check_python (b, python_run (b, variant, "numba", path, threads, py_repeats), &sum);
      /* numpy is single-threaded: at the scaled sizes, where one run takes seconds,
       * its two-thread figure would only repeat the one-thread one. */
      if (threads == 1 || is_main)
        check_python (b, python_run (b, variant, "numpy", path, threads, py_repeats), &sum);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Reporting
 * ------------------------------------------------------------------------------ */

static char *
mount_of (const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *mounts = NULL;
  g_auto (GStrv) lines = NULL;
  char *best = NULL;
  gsize best_len = 0;

  if (real == NULL || !g_file_get_contents ("/proc/self/mounts", &mounts, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (mounts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], " ", 4);
      gsize n;

      if (g_strv_length (f) < 3)
        continue;
      n = strlen (f[1]);
      if (g_str_has_prefix (real, f[1])
          && (real[n] == '/' || real[n] == '\0' || g_str_equal (f[1], "/")) && n >= best_len)
        {
          g_free (best);
          best = g_strdup_printf ("%s on %s (%s)", f[1], f[0], f[2]);
          best_len = n;
        }
    }
  return best ? best : g_strdup ("unknown");
}

/* @v with @decimals decimals and @suffix, or "-" when it does not apply. */
static void
fmt_opt (char *buf, gsize size, int decimals, const char *suffix, double v)
{
  if (isfinite (v))
    g_snprintf (buf, size, "%.*f%s", decimals, v, suffix);
  else
    g_strlcpy (buf, "-", size);
}

static void
print_engine_table (Bench *b)
{
  printf ("\nEngine, summary only (ps_run_study, rows none); speedup vs serial, efficiency = "
          "speedup / workers\n");
  printf ("  %-5s %-11s %10s %10s %12s %12s %8s %7s %8s %8s %6s\n", "size", "run", "best s",
          "median s", "Mconf/s best", "Mconf/s med", "speedup", "effic.", "CPU/wall", "warm-up",
          "other");
  for (guint i = 0; i < b->measurements->len; i++)
    {
      Measurement *m = g_ptr_array_index (b->measurements, i);
      char sp[32], ef[32], cw[32], ol[32];

      if (m->mode != MODE_SUMMARY)
        continue;
      fmt_opt (sp, sizeof sp, 2, "", m->speedup);
      fmt_opt (ef, sizeof ef, 0, " %", 100.0 * m->efficiency);
      fmt_opt (cw, sizeof cw, 2, "", m->best >= 0.05 ? m->cpu_best / m->best : NAN);
      fmt_opt (ol, sizeof ol, 0, " %", 100.0 * m->other_load);
      printf ("  %-5s %-11s %10.5f %10.5f %12.1f %12.1f %8s %7s %8s %8.4f %6s\n", m->variant,
              m->config->label, m->best, m->median, (double)m->items / m->best * 1e-6,
              (double)m->items / m->median * 1e-6, sp, ef, cw, m->warmup, ol);
    }
}

static void
print_rows_table (Bench *b)
{
  gboolean any = FALSE;

  for (guint i = 0; i < b->measurements->len && !any; i++)
    any = ((Measurement *)g_ptr_array_index (b->measurements, i))->mode != MODE_SUMMARY;
  if (!any)
    return;
  printf ("\nAll rows (rows all); MB = 10^6 bytes; raw write() writes the same bytes as the "
          "rows file, in 4 MiB blocks\n");
  printf ("  %-5s %-25s %-11s %9s %9s %10s %9s %8s %8s %7s %8s %6s\n", "size", "what", "run",
          "best s", "median s", "Mrows/s", "MB", "MB/s", "speedup", "effic.", "CPU/wall", "other");
  for (guint i = 0; i < b->measurements->len; i++)
    {
      Measurement *m = g_ptr_array_index (b->measurements, i);
      char rows[32], sp[32], ef[32], cw[32], ol[32];
      gboolean raw = m->mode == MODE_RAW || m->mode == MODE_RAW_SYNC;

      if (m->mode == MODE_SUMMARY)
        continue;
      fmt_opt (rows, sizeof rows, 2, "", raw ? NAN : (double)m->items / m->best * 1e-6);
      fmt_opt (sp, sizeof sp, 2, "", m->speedup);
      fmt_opt (ef, sizeof ef, 0, " %", 100.0 * m->efficiency);
      fmt_opt (cw, sizeof cw, 2, "", m->cpu_best / m->best);
      fmt_opt (ol, sizeof ol, 0, " %", 100.0 * m->other_load);
      printf ("  %-5s %-25s %-11s %9.3f %9.3f %10s %9.1f %8.0f %8s %7s %8s %6s\n", m->variant,
              mode_names[m->mode], raw ? "" : m->config->label, m->best, m->median, rows,
              (double)m->bytes * 1e-6, (double)m->bytes * 1e-6 / m->best, sp, ef, cw, ol);
    }
}

static void
print_python_table (Bench *b)
{
  if (b->py_runs->len == 0)
    return;
  printf ("\nPython versions of the same grid (subprocesses; JIT compile excluded); ratio = "
          "engine speed / Python speed, engine on the threads backend with as many workers "
          "as Python threads, best of each\n");
  printf ("  %-5s %-6s %7s %9s %9s %12s %12s %8s %10s %6s\n", "size", "impl", "threads", "best s",
          "median s", "Mconf/s best", "Mconf/s med", "compile", "ratio", "other");
  for (guint i = 0; i < b->py_runs->len; i++)
    {
      PyRun *p = g_ptr_array_index (b->py_runs, i);
      g_autofree char *cfg = g_strdup_printf ("threads x%d", p->threads);
      Measurement *e = find_measurement (b, p->variant, MODE_SUMMARY, cfg);
      char comp[32], ratio[32], ol[32];
      double best;

      if (!py_ok (p))
        {
          printf ("  %-5s %-6s %7d  %s\n", p->variant, p->impl, p->threads,
                  p->record ? json_object_get_string_member (p->record, "skipped")
                            : "failed (see the warnings)");
          continue;
        }
      best = json_object_get_double_member (p->record, "best_s");
      fmt_opt (comp, sizeof comp, 2, " s",
               json_object_get_double_member_with_default (p->record, "compile_s", NAN));
      fmt_opt (ratio, sizeof ratio, 1, "x", e ? best / e->best : NAN);
      fmt_opt (ol, sizeof ol, 0, " %", 100.0 * p->other_load);
      printf ("  %-5s %-6s %7d %9.4f %9.4f %12.1f %12.1f %8s %10s %6s\n", p->variant, p->impl,
              p->threads, best, json_object_get_double_member (p->record, "median_s"),
              json_object_get_double_member (p->record, "configs_per_s_best") * 1e-6,
              json_object_get_double_member (p->record, "configs_per_s_median") * 1e-6, comp, ratio,
              ol);
    }
  printf ("  (numpy's element-wise work is single-threaded: its \"2 threads\" run uses one)\n");
}

typedef struct
{
  const char *name;
  const char *verdict; /* "met", "not met", "not measured" */
  char *detail;
} Target;

static void
target_clear (Target *t)
{
  g_free (t->detail);
}

/* The issue's targets, judged from the measurements. */
static void
judge_targets (Bench *b, const char *main_variant, Target targets[3])
{
  GString *d;
  gboolean all = TRUE, any = FALSE;

  /* 1. Summary only >= 3x numba at the same thread count, at every size measured. */
  d = g_string_new (NULL);
  for (guint i = 0; i < b->py_runs->len; i++)
    {
      PyRun *p = g_ptr_array_index (b->py_runs, i);
      g_autofree char *cfg = g_strdup_printf ("threads x%d", p->threads);
      Measurement *e = find_measurement (b, p->variant, MODE_SUMMARY, cfg);
      double ratio;

      if (!g_str_equal (p->impl, "numba") || !py_ok (p) || e == NULL)
        continue;
      ratio = json_object_get_double_member (p->record, "best_s") / e->best;
      g_string_append_printf (d, "%s%s %d thread%s %.1fx", any ? ", " : "", p->variant, p->threads,
                              p->threads == 1 ? "" : "s", ratio);
      any = TRUE;
      all = all && ratio >= 3.0;
    }
  targets[0].name = "summary only >= 3x numba, same thread count";
  targets[0].verdict = !any ? "not measured" : all ? "met" : "not met";
  targets[0].detail = g_string_free (d, FALSE);

  /* 2. Efficiency >= 90 % at 2 workers: judged on the longest run measured, since the
   * example grid takes milliseconds and start-up dominates it. */
  {
    Measurement *longest = NULL;

    d = g_string_new (NULL);
    any = FALSE;
    for (guint i = 0; i < b->measurements->len; i++)
      {
        Measurement *m = g_ptr_array_index (b->measurements, i);

        if (m->mode != MODE_SUMMARY || !g_str_equal (m->config->label, "threads x2"))
          continue;
        g_string_append_printf (d, "%s%s %.0f %%", any ? ", " : "", m->variant,
                                100.0 * m->efficiency);
        any = TRUE;
        if (longest == NULL || m->items > longest->items)
          longest = m;
      }
    if (longest != NULL)
      g_string_append_printf (d, " (judged on %s, the longest run)", longest->variant);
    targets[1].name = "threads efficiency >= 90 % at 2 workers (summary only)";
    targets[1].verdict = longest == NULL              ? "not measured"
                         : longest->efficiency >= 0.9 ? "met"
                                                      : "not met";
    targets[1].detail = g_string_free (d, FALSE);
  }

  /* 3. Writing every row is limited by the disk, not by formatting: the run must take
   * about as long as writing its bytes does (within 25 %). */
  {
    Measurement *file = find_measurement (b, main_variant, MODE_FILE, "threads x2");
    Measurement *fmt = find_measurement (b, main_variant, MODE_FORMAT, "threads x2");
    Measurement *sync = find_measurement (b, main_variant, MODE_FILE_SYNC, "threads x2");
    Measurement *raw = find_measurement (b, main_variant, MODE_RAW, raw_config.label);
    Measurement *raw_sync = find_measurement (b, main_variant, MODE_RAW_SYNC, raw_config.label);

    targets[2].name = "all rows limited by the disk, not by formatting";
    if (file == NULL || fmt == NULL || raw == NULL || raw_sync == NULL || sync == NULL)
      {
        targets[2].verdict = "not measured";
        targets[2].detail = g_strdup ("");
      }
    else
      {
        /* Disk-limited: the run takes about as long as writing its bytes does.
         * Formatting-limited: formatting alone takes most of the run's time. */
        gboolean disk = file->best <= 1.25 * raw->best;
        gboolean disk_sync = sync->best <= 1.25 * raw_sync->best;
        const char *bound = disk ? "disk-limited"
                            : fmt->best >= 0.75 * file->best
                                ? "formatting-limited"
                                : "limited by neither alone (is the machine busy? see \"other\")";

        targets[2].verdict = disk ? "met" : "not met";
        targets[2].detail = g_strdup_printf (
            "threads x2: rows to file %.0f MB/s (%.2f Mrows/s); formatting alone %.0f MB/s "
            "(%.0f %% of the file run's time); the same bytes with write() %.0f MB/s, page cache "
            "(%.0f %%): %s. Durable (fdatasync at the end): rows %.0f MB/s, write() %.0f MB/s "
            "(%.0f %%): %s",
            (double)file->bytes * 1e-6 / file->best, (double)file->items / file->best * 1e-6,
            (double)fmt->bytes * 1e-6 / fmt->best, 100.0 * fmt->best / file->best,
            (double)raw->bytes * 1e-6 / raw->best, 100.0 * raw->best / file->best, bound,
            (double)sync->bytes * 1e-6 / sync->best,
            (double)raw_sync->bytes * 1e-6 / raw_sync->best, 100.0 * raw_sync->best / sync->best,
            disk_sync ? "disk-limited" : "not disk-limited");
      }
  }
}

static void
add_measurement_json (JsonBuilder *jb, const Measurement *m)
{
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "size");
  json_builder_add_string_value (jb, m->variant);
  json_builder_set_member_name (jb, "mode");
  json_builder_add_string_value (jb, mode_keys[m->mode]);
  json_builder_set_member_name (jb, "run");
  json_builder_add_string_value (jb, m->config->label);
  if (m->config->backend)
    {
      json_builder_set_member_name (jb, "backend");
      json_builder_add_string_value (jb, m->config->backend);
      json_builder_set_member_name (jb, "workers");
      json_builder_add_int_value (jb, m->config->workers);
      json_builder_set_member_name (jb, "passing");
      json_builder_add_int_value (jb, (gint64)m->passing);
    }
  json_builder_set_member_name (jb, "configurations");
  json_builder_add_int_value (jb, (gint64)m->items);
  json_builder_set_member_name (jb, "bytes");
  json_builder_add_int_value (jb, (gint64)m->bytes);
  json_builder_set_member_name (jb, "repeats");
  json_builder_add_int_value (jb, m->repeats);
  json_builder_set_member_name (jb, "warmup_s");
  json_builder_add_double_value (jb, m->warmup);
  json_builder_set_member_name (jb, "times_s");
  json_builder_begin_array (jb);
  for (guint i = 0; i < m->times->len; i++)
    json_builder_add_double_value (jb, g_array_index (m->times, double, i));
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "best_s");
  json_builder_add_double_value (jb, m->best);
  json_builder_set_member_name (jb, "median_s");
  json_builder_add_double_value (jb, m->median);
  json_builder_set_member_name (jb, "configs_per_s_best");
  json_builder_add_double_value (jb, (double)m->items / m->best);
  json_builder_set_member_name (jb, "configs_per_s_median");
  json_builder_add_double_value (jb, (double)m->items / m->median);
  if (m->bytes > 0)
    {
      json_builder_set_member_name (jb, "mb_per_s_best");
      json_builder_add_double_value (jb, (double)m->bytes * 1e-6 / m->best);
    }
  if (isfinite (m->speedup))
    {
      json_builder_set_member_name (jb, "speedup_vs_serial");
      json_builder_add_double_value (jb, m->speedup);
    }
  if (isfinite (m->other_load))
    {
      json_builder_set_member_name (jb, "other_processes_load");
      json_builder_add_double_value (jb, m->other_load);
    }
  if (isfinite (m->cpu_best))
    {
      json_builder_set_member_name (jb, "cpu_s_best_run");
      json_builder_add_double_value (jb, m->cpu_best);
    }
  if (isfinite (m->efficiency))
    {
      json_builder_set_member_name (jb, "efficiency");
      json_builder_add_double_value (jb, m->efficiency);
    }
  json_builder_end_object (jb);
}

static gboolean
write_json (Bench *b, const char *study_path, const char *date, const char *mount,
            Target targets[3], GError **error)
{
  g_autoptr (JsonBuilder) jb = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "benchmark");
  json_builder_add_string_value (jb, "bench-beam");
  json_builder_set_member_name (jb, "parastudy_version");
  json_builder_add_string_value (jb, PACKAGE_VERSION);
  json_builder_set_member_name (jb, "date");
  json_builder_add_string_value (jb, date);
  json_builder_set_member_name (jb, "study_file");
  json_builder_add_string_value (jb, study_path);
  json_builder_set_member_name (jb, "out_dir");
  json_builder_add_string_value (jb, b->out_dir);
  json_builder_set_member_name (jb, "out_dir_mount");
  json_builder_add_string_value (jb, mount);
  json_builder_set_member_name (jb, "machine");
  ps_machine_to_json (ps_machine_get (), jb);
  json_builder_set_member_name (jb, "measurements");
  json_builder_begin_array (jb);
  for (guint i = 0; i < b->measurements->len; i++)
    add_measurement_json (jb, g_ptr_array_index (b->measurements, i));
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "python");
  json_builder_begin_array (jb);
  for (guint i = 0; i < b->py_runs->len; i++)
    {
      PyRun *p = g_ptr_array_index (b->py_runs, i);

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "size");
      json_builder_add_string_value (jb, p->variant);
      json_builder_set_member_name (jb, "impl");
      json_builder_add_string_value (jb, p->impl);
      json_builder_set_member_name (jb, "threads");
      json_builder_add_int_value (jb, p->threads);
      if (isfinite (p->other_load))
        {
          json_builder_set_member_name (jb, "other_processes_load");
          json_builder_add_double_value (jb, p->other_load);
        }
      if (p->record)
        {
          JsonNode *n = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (n, p->record);
          json_builder_set_member_name (jb, "record");
          json_builder_add_value (jb, n);
        }
      if (p->failure)
        {
          json_builder_set_member_name (jb, "failure");
          json_builder_add_string_value (jb, p->failure);
        }
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "targets");
  json_builder_begin_array (jb);
  for (int i = 0; i < 3; i++)
    {
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "target");
      json_builder_add_string_value (jb, targets[i].name);
      json_builder_set_member_name (jb, "verdict");
      json_builder_add_string_value (jb, targets[i].verdict);
      json_builder_set_member_name (jb, "detail");
      json_builder_add_string_value (jb, targets[i].detail);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "warnings");
  json_builder_begin_array (jb);
  for (guint i = 0; i < b->warnings->len; i++)
    json_builder_add_string_value (jb, g_ptr_array_index (b->warnings, i));
  json_builder_end_array (jb);
  json_builder_end_object (jb);

  root = json_builder_get_root (jb);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_file (gen, b->json_path, error);
}

static void
cleanup (Bench *b)
{
  g_autofree char *csv = g_build_filename (b->out_dir, "results.csv", NULL);
  g_autofree char *summary = g_build_filename (b->out_dir, "summary.json", NULL);

  if (b->keep)
    return;
  g_unlink (csv);
  g_unlink (summary);
  for (guint i = 0; i < b->created->len; i++)
    g_unlink (g_ptr_array_index (b->created, i));
  if (b->made_out_dir)
    g_rmdir (b->out_dir);
}

int
main (int argc, char **argv)
{
  Bench b = { .repeats = 5, .rows_repeats = 3, .python_large_repeats = 3 };
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  g_autofree char *study_path = NULL;
  g_autofree char *mount = NULL;
  g_autoptr (PsStudy) main_study = NULL;
  g_autofree char *main_variant = NULL;
  const PsMachine *machine;
  Target targets[3] = { { 0 } };
  gboolean ok = TRUE;
  GOptionEntry entries[] = {
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &b.repeats,
      "Timed runs per summary-only measurement, after one warm-up (5)", "R" },
    { "rows-repeats", 0, 0, G_OPTION_ARG_INT, &b.rows_repeats,
      "Timed runs per rows and raw-write measurement (3)", "R" },
    { "python-large-repeats", 0, 0, G_OPTION_ARG_INT, &b.python_large_repeats,
      "Timed runs of the Python versions at the scaled sizes (3)", "R" },
    { "out-dir", 'o', 0, G_OPTION_ARG_FILENAME, &b.out_dir,
      "Folder for results.csv and the raw writes (a new folder under /tmp)", "DIR" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &b.python,
      "Python with numpy and numba (/usr/bin/python3)", "PATH" },
    { "scripts-dir", 0, 0, G_OPTION_ARG_FILENAME, &b.scripts_dir,
      "Folder of beam_numpy.py and beam_numba.py (the source bench/ folder)", "DIR" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &b.no_python, "Skip the Python versions", NULL },
    { "no-large", 0, 0, G_OPTION_ARG_NONE, &b.no_large,
      "Skip the scaled grids (steps x10 of h and span; and of the load)", NULL },
    { "no-rows", 0, 0, G_OPTION_ARG_NONE, &b.no_rows, "Skip the runs that write rows", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &b.keep, "Keep results.csv and the generated studies",
      NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &b.json_path, "Also write a JSON record to FILE",
      "FILE" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  ctx = g_option_context_new ("[STUDY.json] - beam sweep throughput");
  g_option_context_set_summary (ctx, "Measures the beam sweep on the serial and threads "
                                     "backends, summary only and with every row written, against "
                                     "the raw disk and numpy/numba versions of the same grid.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-beam: %s\n", error->message);
      return 2;
    }
  if (argc > 2 || b.repeats < 1 || b.rows_repeats < 1 || b.python_large_repeats < 1)
    {
      fprintf (stderr, "bench-beam: one study file at most, and repeats of at least 1\n");
      return 2;
    }
  study_path = argc == 2 ? g_strdup (argv[1])
                         : g_build_filename (PS_SOURCE_DATADIR, "examples", "beam-grid.json", NULL);
  main_study = ps_study_load_file (study_path, &error);
  if (main_study == NULL)
    {
      fprintf (stderr, "bench-beam: %s\n", error->message);
      return 1;
    }
  main_variant = count_label (ps_study_get_n_items (main_study));
  g_clear_pointer (&main_study, ps_study_free);

  if (b.python == NULL)
    b.python = g_strdup ("/usr/bin/python3");
  if (b.scripts_dir == NULL)
    b.scripts_dir = g_strdup (PS_BENCH_SRCDIR);
  if (b.out_dir == NULL)
    {
      b.out_dir = g_dir_make_tmp ("bench-beam-XXXXXX", &error);
      if (b.out_dir == NULL)
        {
          fprintf (stderr, "bench-beam: %s\n", error->message);
          return 1;
        }
      b.made_out_dir = TRUE;
    }
  else if (g_mkdir_with_parents (b.out_dir, 0755) != 0)
    {
      fprintf (stderr, "bench-beam: cannot create %s: %s\n", b.out_dir, g_strerror (errno));
      return 1;
    }
  b.measurements = g_ptr_array_new_with_free_func (measurement_free);
  b.py_runs = g_ptr_array_new_with_free_func (py_run_free);
  b.warnings = g_ptr_array_new_with_free_func (g_free);
  b.created = g_ptr_array_new_with_free_func (g_free);

  machine = ps_machine_get ();
  mount = mount_of (b.out_dir);
  printf ("bench-beam, parastudy %s, %s\n", PACKAGE_VERSION, date);
  printf ("machine   %s, %d cores, %.1f GiB; %s\n", machine->cpu_model, machine->cores,
          (double)machine->memory_bytes / (1 << 30), machine->compiler);
  printf ("build     %s\n", machine->flags);
  printf ("study     %s\n", study_path);
  printf ("out-dir   %s, %s\n", b.out_dir, mount);
  printf ("repeats   best and median of %d (summary only), %d (rows, raw writes), after one "
          "warm-up each\n\n",
          b.repeats, b.rows_repeats);
  fflush (stdout);

  fprintf (stderr, "measuring (progress on stderr, tables on stdout at the end):\n");
  if (!bench_variant (&b, study_path, TRUE, &error))
    {
      fprintf (stderr, "bench-beam: %s\n", error->message);
      ok = FALSE;
    }
  if (ok && !b.no_large)
    {
      for (int large = 0; large <= 1 && ok; large++)
        {
          g_autofree char *why = NULL;
          g_autofree char *path = write_scaled_study (&b, study_path, large, &why);

          if (path == NULL)
            {
              warn (&b, "no scaled variant: %s", why);
              break;
            }
          if (!bench_variant (&b, path, FALSE, &error))
            {
              fprintf (stderr, "bench-beam: %s\n", error->message);
              ok = FALSE;
            }
        }
    }

  print_engine_table (&b);
  print_rows_table (&b);
  print_python_table (&b);
  {
    guint busy = 0, total = 0;

    for (guint i = 0; i < b.measurements->len; i++, total++)
      busy += ((Measurement *)g_ptr_array_index (b.measurements, i))->other_load > 0.1;
    for (guint i = 0; i < b.py_runs->len; i++, total++)
      busy += ((PyRun *)g_ptr_array_index (b.py_runs, i))->other_load > 0.1;
    printf ("\n\"other\": the share of the machine's CPU time that other processes used during "
            "the measurement (- when it lasted under 0.5 s).\n");
    if (busy > 0)
      printf ("NOTE: %u of %u measurements ran while other processes used more than 10 %% of the "
              "machine: their figures are pessimistic; run again on a quiet machine.\n",
              busy, total);
  }
  judge_targets (&b, main_variant, targets);
  printf ("\nTargets\n");
  for (int i = 0; i < 3; i++)
    printf ("  [%s] %s\n      %s\n", targets[i].verdict, targets[i].name, targets[i].detail);
  if (b.warnings->len > 0)
    {
      printf ("\n%u WARNING%s\n", b.warnings->len, b.warnings->len == 1 ? "" : "S");
      for (guint i = 0; i < b.warnings->len; i++)
        printf ("  WARNING: %s\n", (const char *)g_ptr_array_index (b.warnings, i));
    }
  if (b.json_path != NULL && !write_json (&b, study_path, date, mount, targets, &error))
    {
      fprintf (stderr, "bench-beam: %s\n", error->message);
      ok = FALSE;
    }
  cleanup (&b);
  for (int i = 0; i < 3; i++)
    target_clear (&targets[i]);
  g_ptr_array_unref (b.measurements);
  g_ptr_array_unref (b.py_runs);
  g_ptr_array_unref (b.warnings);
  g_ptr_array_unref (b.created);
  g_free (b.out_dir);
  g_free (b.python);
  g_free (b.scripts_dir);
  g_free (b.json_path);
  return ok ? 0 : 1;
}
