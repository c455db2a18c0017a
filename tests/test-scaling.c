/* Scaling metrics and fits against hand-computed values and synthetic data; scaling
 * runs end to end; the run history (schema, migration, concurrent writers, a corrupt
 * file). */
#define G_LOG_DOMAIN "test-scaling"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"

static PsScalingPoint
point (int workers, double wall)
{
  PsScalingPoint p = { 0 };

  p.workers = workers;
  p.size = 1000;
  p.repeats = 1;
  p.wall_min = p.wall_median = p.wall_max = wall;
  return p;
}

/* The default worker lists, written out by hand from their rule: 1, the powers of two
 * below the core count, then the core count. */
static void
test_default_workers (void)
{
  static const struct
  {
    int cores;
    int n;
    int workers[6];
  } cases[] = {
    { 0, 1, { 1 } },
    { 1, 1, { 1 } },
    { 2, 2, { 1, 2 } },
    { 3, 3, { 1, 2, 3 } },
    { 6, 4, { 1, 2, 4, 6 } },
    { 8, 4, { 1, 2, 4, 8 } },
    { 16, 5, { 1, 2, 4, 8, 16 } },
    { 24, 6, { 1, 2, 4, 8, 16, 24 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (int));

      g_array_append_val (w, cases[c].cores); /* appended after what is there */
      ps_scaling_default_workers (cases[c].cores, w);
      g_assert_cmpuint (w->len, ==, (guint)cases[c].n + 1);
      g_assert_cmpint (g_array_index (w, int, 0), ==, cases[c].cores);
      for (int i = 0; i < cases[c].n; i++)
        g_assert_cmpint (g_array_index (w, int, i + 1), ==, cases[c].workers[i]);
    }
}

/* Strong scaling from Amdahl's law with serial fraction 0.1 and T1 = 10 s:
 * Tp = 10 (0.1 + 0.9 / p), so T2 = 5.5, T4 = 3.25, T8 = 2.125. By hand:
 *   p = 2: S = 10 / 5.5 = 1.8181818..., E = 0.9090909..., overhead 2 * 5.5 - 10 = 1,
 *          Karp-Flatt (1/S - 1/p) / (1 - 1/p) = (0.55 - 0.5) / 0.5 = 0.1;
 *   p = 4: S = 3.0769230..., E = 0.7692307..., overhead 4 * 3.25 - 10 = 3, KF 0.1;
 *   p = 8: S = 4.7058823..., E = 0.5882352..., overhead 8 * 2.125 - 10 = 7, KF 0.1. */
static void
test_strong_metrics (void)
{
  PsScalingPoint pts[] = { point (1, 10.0), point (2, 5.5), point (4, 3.25), point (8, 2.125) };
  const double speedup[] = { 1.0, 1.8181818181818181, 3.0769230769230769, 4.7058823529411765 };
  const double efficiency[]
      = { 1.0, 0.90909090909090909, 0.76923076923076923, 0.58823529411764706 };
  const double overhead[] = { 0.0, 1.0, 3.0, 7.0 };
  PsScalingFit fit;

  ps_scaling_compute_metrics (PS_SCALING_STRONG, pts, G_N_ELEMENTS (pts));
  for (guint i = 0; i < G_N_ELEMENTS (pts); i++)
    {
      assert_close ("speedup", pts[i].speedup, speedup[i], 1e-12);
      assert_close ("efficiency", pts[i].efficiency, efficiency[i], 1e-12);
      g_assert_cmpfloat_with_epsilon (pts[i].overhead, overhead[i], 1e-12);
      if (i == 0)
        g_assert_true (isnan (pts[i].karp_flatt));
      else
        assert_close ("Karp-Flatt", pts[i].karp_flatt, 0.1, 1e-12);
    }
  g_assert_true (ps_scaling_fit_amdahl (pts, G_N_ELEMENTS (pts), &fit));
  g_assert_cmpstr (fit.model, ==, "amdahl");
  assert_close ("serial fraction", fit.serial_fraction, 0.1, 1e-12);
  g_assert_cmpfloat (fit.serial_fraction_se, <, 1e-12);
  assert_close ("ceiling", fit.max_speedup, 10.0, 1e-12);
}

/* Weak scaling, T1 = 4 s, T2 = 4.4 s, T4 = 5 s. By hand: efficiency T1/Tp = 1, 0.90909...,
 * 0.8; scaled speedup p T1 / Tp = 1, 1.8181818..., 3.2; overhead p (Tp - T1) = 0, 0.8, 4. */
static void
test_weak_metrics (void)
{
  PsScalingPoint pts[] = { point (1, 4.0), point (2, 4.4), point (4, 5.0) };
  const double eff[] = { 1.0, 0.90909090909090909, 0.8 };
  const double scaled[] = { 1.0, 1.8181818181818181, 3.2 };
  const double overhead[] = { 0.0, 0.8, 4.0 };

  ps_scaling_compute_metrics (PS_SCALING_WEAK, pts, G_N_ELEMENTS (pts));
  for (guint i = 0; i < G_N_ELEMENTS (pts); i++)
    {
      assert_close ("weak efficiency", pts[i].efficiency, eff[i], 1e-12);
      assert_close ("scaled speedup", pts[i].speedup, scaled[i], 1e-12);
      g_assert_cmpfloat_with_epsilon (pts[i].overhead, overhead[i], 1e-12);
    }
}

/* Amdahl's law with serial fraction 0.07 and 2 % multiplicative noise (a fixed seed):
 * the fit finds the fraction within 3 standard errors, and the error is honest (not
 * zero, not huge). */
static void
test_amdahl_fit_noisy (void)
{
  const int p[] = { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261121);
  PsScalingPoint pts[G_N_ELEMENTS (p)];
  PsScalingFit fit;
  const double s = 0.07;

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      double noise = i == 0 ? 1.0 : 1.0 + 0.02 * (2.0 * g_rand_double (rand) - 1.0);

      pts[i] = point (p[i], 20.0 * (s + (1.0 - s) / p[i]) * noise);
    }
  g_assert_true (ps_scaling_fit_amdahl (pts, G_N_ELEMENTS (pts), &fit));
  g_test_message ("fitted s = %.5f +- %.5f (true %.2f)", fit.serial_fraction,
                  fit.serial_fraction_se, s);
  g_assert_cmpfloat (fabs (fit.serial_fraction - s), <=, 3.0 * fit.serial_fraction_se);
  g_assert_cmpfloat (fit.serial_fraction_se, >, 1e-5);
  g_assert_cmpfloat (fit.serial_fraction_se, <, 0.01);
  assert_close ("ceiling", fit.max_speedup, 1.0 / fit.serial_fraction, 1e-12);
}

/* Gustafson: scaled speedup S = p - s (p - 1) with s = 0.05, so Tp = p T1 / S. */
static void
test_gustafson_fit (void)
{
  const int p[] = { 1, 2, 4, 8, 16 };
  PsScalingPoint pts[G_N_ELEMENTS (p)];
  PsScalingFit fit;

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    pts[i] = point (p[i], p[i] * 3.0 / (p[i] - 0.05 * (p[i] - 1)));
  g_assert_true (ps_scaling_fit_gustafson (pts, G_N_ELEMENTS (pts), &fit));
  g_assert_cmpstr (fit.model, ==, "gustafson");
  assert_close ("Gustafson serial fraction", fit.serial_fraction, 0.05, 1e-10);
}

/* T = 2e-9 n^1.5: the fitted exponent is 1.5. */
static void
test_size_fit (void)
{
  const double n[] = { 1e5, 2e5, 4e5, 8e5, 1.6e6 };
  PsScalingPoint pts[G_N_ELEMENTS (n)];
  PsScalingFit fit;

  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    {
      pts[i] = point (1, 2e-9 * pow (n[i], 1.5));
      pts[i].size = (guint64)n[i];
    }
  g_assert_true (ps_scaling_fit_size (pts, G_N_ELEMENTS (pts), &fit));
  assert_close ("exponent", fit.exponent, 1.5, 1e-10);
  g_assert_false (ps_scaling_fit_size (pts, 1, &fit));
}

static void
test_fit_needs_points (void)
{
  PsScalingPoint pts[] = { point (1, 1.0) };
  PsScalingFit fit;

  g_assert_false (ps_scaling_fit_amdahl (pts, 1, &fit));
  g_assert_false (ps_scaling_fit_gustafson (pts, 1, &fit));
}

/* ---- scaling runs -------------------------------------------------------------------- */

static const char small_beam[]
    = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Small sweep\","
      "  \"beam\": { \"support\": \"simply-supported\","
      "    \"load\": { \"type\": \"uniform\","
      "                \"value\": { \"from\": \"1 kN/m\", \"to\": \"30 kN/m\", \"steps\": 500 } },"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 200 },"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": \"200 mm\", \"h\": \"400 mm\" },"
      "    \"material\": \"S355\" } }";

static const char small_mc[]
    = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Small MC\","
      "  \"variables\": { \"R\": { \"distribution\": \"normal\", \"mean\": 1500, \"sd\": 150 },"
      "                   \"S\": { \"distribution\": \"normal\", \"mean\": 1000, \"sd\": 100 } },"
      "  \"limit_state\": \"R - S\","
      "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 409600, \"seed\": 3 } }";

static PsScalingResult *
scale (const char *json, PsScalingMode mode, const char *const *backends, const int *workers,
       guint n_workers, const double *sizes, guint n_sizes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (json, -1, &error);
  PsScalingOptions o = { 0 };
  PsScalingResult *r;

  g_assert_no_error (error);
  o.backends = backends;
  o.workers = workers;
  o.n_workers = n_workers;
  o.sizes = sizes;
  o.n_sizes = n_sizes;
  o.mode = mode;
  o.repeats = 2;
  o.warmup = 1;
  r = ps_scaling_run (study, &o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
test_run_strong (void)
{
  const char *const backends[] = { "threads", "processes", NULL };
  int cores = (int)g_get_num_processors ();
  const int workers[] = { 2, cores + 1 };
  g_autoptr (PsScalingResult) r
      = scale (small_beam, PS_SCALING_STRONG, backends, workers, 2, NULL, 0);
  g_autofree char *json = ps_scaling_result_to_json (r);
  g_autofree char *csv = ps_scaling_result_to_csv (r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *series;

  g_assert_cmpuint (r->series->len, ==, 2);
  for (guint i = 0; i < r->series->len; i++)
    {
      PsScalingSeries *s = g_ptr_array_index (r->series, i);
      const PsScalingPoint *p0 = &g_array_index (s->points, PsScalingPoint, 0);
      const PsScalingPoint *plast = &g_array_index (s->points, PsScalingPoint, 2);

      /* The 1-worker point is added, the rest follow in the order given. */
      g_assert_cmpuint (s->points->len, ==, 3);
      g_assert_cmpint (p0->workers, ==, 1);
      assert_close ("T1 / T1", p0->speedup, 1.0, 0.0);
      g_assert_cmpuint (p0->size, ==, 100000);
      g_assert_false (p0->oversubscribed);
      g_assert_true (plast->oversubscribed);
      g_assert_cmpfloat (p0->wall_min, <=, p0->wall_median);
      g_assert_cmpfloat (p0->wall_median, <=, p0->wall_max);
      g_assert_cmpstr (s->fit.model, ==, "amdahl");
    }
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "parastudy_scaling"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "mode"), ==, "strong");
  g_assert_true (json_object_has_member (root, "machine"));
  series = json_object_get_array_member (root, "series");
  g_assert_cmpuint (json_array_get_length (series), ==, 2);
  g_assert_true (json_node_is_null (json_object_get_member (
      json_array_get_object_element (
          json_object_get_array_member (json_array_get_object_element (series, 0), "points"), 0),
      "karp_flatt")));
  /* Header plus 6 points. */
  {
    g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 8);
    g_assert_true (g_str_has_prefix (lines[0], "backend,mode,workers,size,oversubscribed"));
  }
}

static void
test_run_weak_and_size (void)
{
  const char *const backends[] = { "threads", NULL };
  const int workers[] = { 2, 4 };
  const double sizes[] = { 0.25, 0.5, 1.0 };
  g_autoptr (PsScalingResult) weak
      = scale (small_mc, PS_SCALING_WEAK, backends, workers, 2, NULL, 0);
  g_autoptr (PsScalingResult) beam_weak
      = scale (small_beam, PS_SCALING_WEAK, backends, workers, 1, NULL, 0);
  g_autoptr (PsScalingResult) size
      = scale (small_mc, PS_SCALING_SIZE, backends, workers, 1, sizes, 3);
  PsScalingSeries *s = g_ptr_array_index (weak->series, 0);

  /* 409,600 samples = 100 blocks per worker. */
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 0).size, ==, 100);
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 1).size, ==, 200);
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 2).size, ==, 400);
  g_assert_cmpstr (s->fit.model, ==, "gustafson");
  /* A beam sweep repeats its grid: 2 x 100,000 configurations at 2 workers. */
  s = g_ptr_array_index (beam_weak->series, 0);
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 1).size, ==, 200000);

  s = g_ptr_array_index (size->series, 0);
  g_assert_cmpuint (s->points->len, ==, 3);
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 0).size, ==, 25);
  g_assert_cmpuint (g_array_index (s->points, PsScalingPoint, 2).size, ==, 100);
  g_assert_true (isnan (g_array_index (s->points, PsScalingPoint, 0).speedup));
  g_assert_cmpstr (s->fit.model, ==, "size");
  g_assert_true (isfinite (s->fit.exponent));
}

/* A study made longer repeats its items: a beam sweep of N items at 2.5 N gives the
 * passing count of 2 N + N/2 items, counted independently by running the pieces. */
static void
test_cyclic_items (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) base = ps_study_load_data (small_beam, -1, &error);
  g_autoptr (PsStudy) half = ps_study_load_data (small_beam, -1, &error);
  g_autoptr (PsStudy) longer = ps_study_load_data (small_beam, -1, &error);
  g_autoptr (PsRunResult) r_base = NULL, r_half = NULL, r_long = NULL, r_long_t = NULL;
  PsRunOptions o;

  ps_run_options_init (&o);
  o.backend = "serial";
  g_assert_true (ps_study_set_items (half, base->n_items / 2, &error));
  g_assert_true (ps_study_set_items (longer, base->n_items * 5 / 2, &error));
  g_assert_cmpuint (longer->n_items, ==, 250000);
  r_base = ps_run_study (base, &o, &error);
  r_half = ps_run_study (half, &o, &error);
  r_long = ps_run_study (longer, &o, &error);
  o.backend = "threads";
  o.workers = 3;
  r_long_t = ps_run_study (longer, &o, &error);
  g_assert_no_error (error);
  {
    const PsBeamSummary *b = r_base->summary, *h = r_half->summary, *l = r_long->summary,
                        *lt = r_long_t->summary;

    g_assert_cmpuint (l->items, ==, 250000);
    g_assert_cmpuint (l->passing, ==, 2 * b->passing + h->passing);
    g_assert_cmpuint (lt->passing, ==, l->passing);
    g_assert_cmpuint (lt->items, ==, l->items);
  }
  g_assert_false (ps_study_set_items (base, 0, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
}

/* ---- history ---------------------------------------------------------------------- */

/* The folders the tests made, removed after the run. */
static GPtrArray *temp_dirs;

static char *
temp_db (const char *name)
{
  char *dir = g_dir_make_tmp ("ps-history-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_ptr_array_add (temp_dirs, dir);
  return g_build_filename (dir, name, NULL);
}

static int
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int v = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return v;
}

static PsRunResult *
quick_run (PsStudy **study_out)
{
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data (small_mc, -1, &error);
  PsRunOptions o;
  PsRunResult *r;

  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = "serial";
  r = ps_run_study (study, &o, &error);
  g_assert_no_error (error);
  *study_out = study;
  return r;
}

static void
test_history_create (void)
{
  g_autofree char *path = temp_db ("sub/folder/history.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) run = quick_run (&study);
  g_autoptr (GArray) runs = NULL;
  g_autoptr (GPtrArray) scalings = NULL;

  {
    g_autoptr (PsHistory) h = ps_history_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (ps_history_add_run (h, study, run, NULL, &error));
    g_assert_true (ps_history_add_run (h, study, run, "strong", &error));
    g_assert_true (
        ps_history_add_scaling (h, study, "strong", "{\"parastudy_scaling\": 1}", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (user_version (path), ==, PS_HISTORY_SCHEMA_VERSION);
  {
    g_autoptr (PsHistory) h = ps_history_open (path, &error);

    runs = ps_history_list_runs (h, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 2);
    /* Newest first. */
    g_assert_cmpstr (g_array_index (runs, PsHistoryRun, 0).scaling_mode, ==, "strong");
    g_assert_null (g_array_index (runs, PsHistoryRun, 1).scaling_mode);
    g_assert_cmpstr (g_array_index (runs, PsHistoryRun, 1).study_name, ==, "Small MC");
    g_assert_cmpstr (g_array_index (runs, PsHistoryRun, 1).study_sha256, ==, study->checksum);
    g_assert_cmpuint (g_array_index (runs, PsHistoryRun, 1).items, ==, 100);
    g_assert_nonnull (strstr (g_array_index (runs, PsHistoryRun, 1).summary, "\"failures\""));
    g_assert_cmpuint (g_array_index (runs, PsHistoryRun, 1).peak_rss_bytes, >, 0);
    g_clear_pointer (&runs, g_array_unref);
    runs = ps_history_list_runs (h, "Another study", 0, &error);
    g_assert_cmpuint (runs->len, ==, 0);
    scalings = ps_history_list_scaling (h, "Small MC", &error);
    g_assert_cmpuint (scalings->len, ==, 1);
  }
}

/* A database of schema version 1 (runs without memory or scaling, no scaling table),
 * as an older Parastudy wrote it, is migrated on open and keeps its runs. */
static void
test_history_migrate (void)
{
  g_autofree char *path = temp_db ("old.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) run = quick_run (&study);
  g_autoptr (GArray) runs = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db,
                    "CREATE TABLE runs (id INTEGER PRIMARY KEY, recorded TEXT NOT NULL,"
                    " study_name TEXT NOT NULL, study_sha256 TEXT NOT NULL, kind TEXT NOT NULL,"
                    " backend TEXT NOT NULL, workers INTEGER NOT NULL, items INTEGER NOT NULL,"
                    " wall_seconds REAL, cpu_seconds REAL, machine TEXT, summary TEXT);"
                    "INSERT INTO runs VALUES (1, '2026-01-02T03:04:05Z', 'Old study', 'abc',"
                    " 'beam', 'threads', 4, 1234, 1.5, 5.9, '{}', '{}');"
                    "PRAGMA user_version = 1;",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr (PsHistory) h = ps_history_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (ps_history_add_run (h, study, run, "weak", &error));
    runs = ps_history_list_runs (h, NULL, 0, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (user_version (path), ==, 2);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (g_array_index (runs, PsHistoryRun, 1).study_name, ==, "Old study");
  g_assert_cmpuint (g_array_index (runs, PsHistoryRun, 1).items, ==, 1234);
  g_assert_cmpuint (g_array_index (runs, PsHistoryRun, 1).peak_rss_bytes, ==, 0);
  g_assert_null (g_array_index (runs, PsHistoryRun, 1).scaling_mode);
  g_assert_cmpstr (g_array_index (runs, PsHistoryRun, 0).scaling_mode, ==, "weak");
}

static void
test_history_newer (void)
{
  g_autofree char *path = temp_db ("newer.db");
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (ps_history_open (path, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "schema version 99"));
}

static char *
write_study (const char *dir)
{
  char *path = g_build_filename (dir, "small.json", NULL);

  g_assert_true (g_file_set_contents (path, small_mc, -1, NULL));
  return path;
}

/* A corrupt file: the engine says so; the CLI still runs the study (exit 0, a warning)
 * and `history` fails with the reason. */
static void
test_history_corrupt (void)
{
  g_autofree char *path = temp_db ("corrupt.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *study = write_study (dir);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_null (ps_history_open (path, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a Parastudy history"));
  if (cli_path () == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "run", study, "--out", out, "--history", path);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->err, "not recorded in the history"));
    g_assert_nonnull (strstr (r->out, "Small MC"));
  }
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "history", "--history", path);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "not a Parastudy history"));
  }
}

/* Four CLI runs at once into one new database: every run is recorded once. */
static void
test_history_concurrent (void)
{
  const char *cli = cli_path ();
  g_autofree char *path = temp_db ("shared.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *study = write_study (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) runs = NULL;
  g_autoptr (PsHistory) h = NULL;
  GPid pids[4];

  if (cli == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *out = g_strdup_printf ("%s/out%d", dir, i);
      const char *argv[]
          = { cli, "run", study, "--backend", "serial", "--out", out, "--history", path, NULL };

      g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                    NULL, &pids[i], &error));
    }
  for (int i = 0; i < 4; i++)
    {
      int status;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  h = ps_history_open (path, &error);
  g_assert_no_error (error);
  runs = ps_history_list_runs (h, "Small MC", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 4);
}

/* The scale command: files written, history recorded, bad options refused with 2. */
static void
test_cli_scale (void)
{
  g_autofree char *db = temp_db ("cli.db");
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *study = write_study (dir);
  g_autofree char *out = g_build_filename (dir, "scaling", NULL);
  g_autofree char *json_path = g_build_filename (out, "scaling.json", NULL);
  g_autofree char *csv_path = g_build_filename (out, "scaling.csv", NULL);
  const char *bad[][3] = { { "--workers", "0", NULL },
                           { "--workers", "two", NULL },
                           { "--mode", "sideways", NULL },
                           { "--repeats", "0", NULL },
                           { "--sizes", "-1", NULL } };

  if (cli_path () == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "scale", study, "--workers", "1,2", "--repeats", "1", "--backend",
                   "threads,processes", "--out", out, "--history", db);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "amdahl fit"));
  }
  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (csv_path, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PsHistory) h = ps_history_open (db, &error);
    g_autoptr (GArray) runs = ps_history_list_runs (h, NULL, 0, &error);
    g_autoptr (GPtrArray) scalings = ps_history_list_scaling (h, NULL, &error);

    g_assert_no_error (error);
    /* 2 backends x 2 worker counts x 1 repeat; the warm-up runs are not recorded. */
    g_assert_cmpuint (runs->len, ==, 4);
    g_assert_cmpuint (scalings->len, ==, 1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CliResult) r
          = cli_run (NULL, "C", "scale", study, bad[i][0], bad[i][1], "--no-history");

      g_assert_cmpint (r->status, ==, 2);
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scaling/default-workers", test_default_workers);
  g_test_add_func ("/scaling/metrics/strong", test_strong_metrics);
  g_test_add_func ("/scaling/metrics/weak", test_weak_metrics);
  g_test_add_func ("/scaling/fit/amdahl-noisy", test_amdahl_fit_noisy);
  g_test_add_func ("/scaling/fit/gustafson", test_gustafson_fit);
  g_test_add_func ("/scaling/fit/size", test_size_fit);
  g_test_add_func ("/scaling/fit/too-few-points", test_fit_needs_points);
  g_test_add_func ("/scaling/run/strong", test_run_strong);
  g_test_add_func ("/scaling/run/weak-and-size", test_run_weak_and_size);
  g_test_add_func ("/scaling/cyclic-items", test_cyclic_items);
  g_test_add_func ("/scaling/cli", test_cli_scale);
  g_test_add_func ("/history/create", test_history_create);
  g_test_add_func ("/history/migrate-v1", test_history_migrate);
  g_test_add_func ("/history/newer-schema", test_history_newer);
  g_test_add_func ("/history/corrupt", test_history_corrupt);
  g_test_add_func ("/history/concurrent-writers", test_history_concurrent);
  temp_dirs = g_ptr_array_new_with_free_func (g_free);
  rc = g_test_run ();
  for (guint i = 0; i < temp_dirs->len; i++)
    rm_rf (g_ptr_array_index (temp_dirs, i));
  g_ptr_array_unref (temp_dirs);
  return rc;
}
