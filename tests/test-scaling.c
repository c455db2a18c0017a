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
#include "scaling/ps-stats.h"

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

/* ---- statistics of timings ----------------------------------------------------------- */

/* The distribution-free 95 % interval of the median: for n = 10 it is (x(2), x(9)) and
 * for n = 6 (x(1), x(6)); n = 5 has none (Conover, Practical Nonparametric Statistics,
 * 3rd ed., Table A3: P(B <= 0) = 1/32 > 0.025 for n = 5, 1/64 for n = 6;
 * P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024 for n = 10). */
static void
test_median_interval (void)
{
  const double x[] = { 1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9, 11.0 };
  double lo, hi;

  g_assert_true (ps_stats_median_interval (x, 10, 0.95, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 2.2);
  g_assert_cmpfloat (hi, ==, 9.9);
  g_assert_true (ps_stats_median_interval (x, 6, 0.95, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 1.1);
  g_assert_cmpfloat (hi, ==, 6.6);
  g_assert_false (ps_stats_median_interval (x, 5, 0.95, &lo, &hi));
  g_assert_true (isnan (lo));
}

/* Mean, sample sd, quartiles (type 7, as numpy's percentile) and Tukey's outliers, by
 * hand: samples 1..9 and 30: mean 7.5, q1 = 3.25, q3 = 7.75, IQR 4.5, upper fence
 * 14.5: one outlier (30). */
static void
test_describe (void)
{
  const double x[] = { 5, 1, 9, 2, 8, 3, 30, 4, 7, 6 };
  PsSampleStats st;
  double ss = 0.0;

  ps_stats_describe (x, G_N_ELEMENTS (x), &st);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    ss += (x[i] - 7.5) * (x[i] - 7.5);
  assert_close ("mean", st.mean, 7.5, 1e-15);
  assert_close ("sd", st.sd, sqrt (ss / 9.0), 1e-15);
  assert_close ("median", st.median, 5.5, 1e-15);
  assert_close ("q1", st.q1, 3.25, 1e-15);
  assert_close ("q3", st.q3, 7.75, 1e-15);
  g_assert_cmpuint (st.outliers, ==, 1);
  g_assert_cmpfloat (st.min, ==, 1.0);
  g_assert_cmpfloat (st.max, ==, 30.0);
}

/* Mann-Whitney U: two samples of five that do not overlap give U = 0 and the exact
 * two-sided p = 2 / C(10, 5) = 2/252 = 0.0079365 (as scipy.stats.mannwhitneyu(…,
 * method="exact")); identical samples give p = 1; samples of 30 with ties use the
 * normal approximation: a shift of 3 standard deviations is significant. */
static void
test_mann_whitney (void)
{
  const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 6, 7, 8, 9, 10 };
  double u, p;
  double big_a[30], big_b[30];

  ps_stats_mann_whitney (a, 5, b, 5, &u, &p);
  g_assert_cmpfloat (u, ==, 0.0);
  assert_close ("exact p", p, 2.0 / 252.0, 1e-12);
  ps_stats_mann_whitney (b, 5, a, 5, &u, &p);
  g_assert_cmpfloat (u, ==, 25.0);
  assert_close ("exact p, reversed", p, 2.0 / 252.0, 1e-12);
  ps_stats_mann_whitney (a, 5, a, 5, &u, &p);
  g_assert_cmpfloat (p, ==, 1.0);
  /* U of a = {1, 3} against b = {2}: one pair a > b: U = 1 of 2; C(3,1) = 3
   * arrangements, P(U <= 1) = 2/3 and P(U >= 1) = 2/3: p = 1. */
  {
    const double a2[] = { 1, 3 }, b2[] = { 2 };

    ps_stats_mann_whitney (a2, 2, b2, 1, &u, &p);
    g_assert_cmpfloat (u, ==, 1.0);
    g_assert_cmpfloat (p, ==, 1.0);
  }
  for (int i = 0; i < 30; i++)
    {
      big_a[i] = 10.0 + (i % 5);
      big_b[i] = 13.0 + (i % 5);
    }
  ps_stats_mann_whitney (big_a, 30, big_b, 30, &u, &p);
  g_assert_cmpfloat (p, <, 1e-6);
}

/* ---- fits with intervals ------------------------------------------------------------- */

static PsScalingPoint
point_ci (int workers, double wall, double rel)
{
  PsScalingPoint p = point (workers, wall);

  p.wall_median_lo = wall * (1.0 - rel);
  p.wall_median_hi = wall * (1.0 + rel);
  p.wall_min = p.wall_median_lo;
  p.wall_max = p.wall_median_hi;
  return p;
}

/* Amdahl's law with serial fraction 0.15 and a 1 % interval on every median: the
 * weighted fit recovers s within its 95 % interval, the speedups carry intervals that
 * contain the exact speedup, and the serial fraction stays in [0, 1] for superlinear
 * data (s would be negative) and for a slowdown (s would exceed 1). */
static void
test_amdahl_bounded (void)
{
  const int p[] = { 1, 2, 4, 8, 16 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  PsScalingPoint pts[G_N_ELEMENTS (p)], super[G_N_ELEMENTS (p)], slow[G_N_ELEMENTS (p)];
  PsScalingFit fit;
  const double s = 0.15;

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      double exact = 10.0 * (s + (1.0 - s) / p[i]);
      double noise = i == 0 ? 1.0 : 1.0 + 0.005 * (2.0 * g_rand_double (rand) - 1.0);

      pts[i] = point_ci (p[i], exact * noise, 0.01);
      super[i] = point_ci (p[i], 10.0 / (1.2 * p[i]) * (i == 0 ? 1.2 : 1.0), 0.01);
      slow[i] = point_ci (p[i], 10.0 * (1.0 + 0.1 * i), 0.01);
    }
  ps_scaling_compute_metrics (PS_SCALING_STRONG, pts, G_N_ELEMENTS (p));
  g_assert_true (ps_scaling_fit_amdahl (pts, G_N_ELEMENTS (p), &fit));
  g_assert_true (fit.weighted);
  g_test_message ("s = %.5f [%.5f, %.5f]", fit.serial_fraction, fit.serial_fraction_lo,
                  fit.serial_fraction_hi);
  g_assert_cmpfloat (fit.serial_fraction_lo, <=, s);
  g_assert_cmpfloat (fit.serial_fraction_hi, >=, s);
  g_assert_cmpfloat (fit.serial_fraction_hi - fit.serial_fraction_lo, <, 0.05);
  for (guint i = 1; i < G_N_ELEMENTS (p); i++)
    {
      double exact = 1.0 / (s + (1.0 - s) / p[i]);

      g_assert_cmpfloat (pts[i].speedup_lo, <=, exact);
      g_assert_cmpfloat (pts[i].speedup_hi, >=, exact);
      g_assert_true (isfinite (pts[i].karp_flatt));
      assert_close ("Karp-Flatt", pts[i].karp_flatt, s, 0.1);
    }
  g_assert_true (ps_scaling_fit_amdahl (super, G_N_ELEMENTS (p), &fit));
  g_assert_cmpfloat (fit.serial_fraction, ==, 0.0);
  g_assert_true (isnan (fit.max_speedup));
  g_assert_true (ps_scaling_fit_amdahl (slow, G_N_ELEMENTS (p), &fit));
  g_assert_cmpfloat (fit.serial_fraction, ==, 1.0);
  assert_close ("ceiling of s = 1", fit.max_speedup, 1.0, 0.0);
  g_assert_true (ps_scaling_fit_gustafson (slow, G_N_ELEMENTS (p), &fit));
  g_assert_cmpfloat (fit.serial_fraction, >=, 0.0);
  g_assert_cmpfloat (fit.serial_fraction, <=, 1.0);
}

/* Gustafson with s = 0.08 and noisy medians with intervals: recovered within the
 * interval. */
static void
test_gustafson_noisy (void)
{
  const int p[] = { 1, 2, 4, 8, 12, 16 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  PsScalingPoint pts[G_N_ELEMENTS (p)];
  PsScalingFit fit;
  const double s = 0.08;

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      double exact = p[i] * 3.0 / (p[i] - s * (p[i] - 1));
      double noise = i == 0 ? 1.0 : 1.0 + 0.01 * (2.0 * g_rand_double (rand) - 1.0);

      pts[i] = point_ci (p[i], exact * noise, 0.02);
    }
  g_assert_true (ps_scaling_fit_gustafson (pts, G_N_ELEMENTS (p), &fit));
  g_test_message ("s = %.5f [%.5f, %.5f]", fit.serial_fraction, fit.serial_fraction_lo,
                  fit.serial_fraction_hi);
  g_assert_cmpfloat (fit.serial_fraction_lo, <=, s);
  g_assert_cmpfloat (fit.serial_fraction_hi, >=, s);
}

/* Karp-Flatt is not given as a number where the noise hides it: microsecond points
 * whose intervals are as wide as the effect (the "Karp-Flatt 219.9"). And it is
 * flagged when it rises with p (overhead growing). */
static void
test_karp_flatt_defined (void)
{
  PsScalingPoint noisy[] = { point_ci (1, 1e-6, 0.5), point_ci (2, 2e-4, 0.6) };
  /* Tp = T1 (s + (1 - s)/p) + c (p - 1): a constant serial fraction plus an overhead
   * that grows with p: e rises. */
  PsScalingPoint rising[] = { point_ci (1, 10.0, 0.001), point_ci (2, 5.5 + 0.2, 0.001),
                              point_ci (4, 3.25 + 0.6, 0.001), point_ci (8, 2.125 + 1.4, 0.001) };

  ps_scaling_compute_metrics (PS_SCALING_STRONG, noisy, 2);
  g_assert_true (isnan (noisy[1].karp_flatt));
  g_assert_true (noisy[1].warnings & PS_SCALING_WARN_KF_UNDEFINED);
  ps_scaling_compute_metrics (PS_SCALING_STRONG, rising, 4);
  g_assert_true (isfinite (rising[3].karp_flatt));
  g_assert_cmpfloat (rising[3].karp_flatt, >, rising[1].karp_flatt);
  g_assert_true (rising[3].warnings & PS_SCALING_WARN_KF_RISING);
  g_assert_false (rising[1].warnings & PS_SCALING_WARN_KF_RISING);
}

/* Size models T(n) = c0 + c1 n^b log2(n)^j generated here, with and without noise: the
 * chosen term is the one the times came from. The case: a linear workload
 * with a start-up cost (T = 0.05 + 1e-7 n), which T = a n^b fitted with b = 0.65. */
static void
test_size_models (void)
{
  static const struct
  {
    double c0, c1, b;
    int j;
    double noise;
    const char *term;
  } cases[] = {
    { 0.05, 1e-7, 1.0, 0, 0.0, "n" },        { 0.05, 1e-7, 1.0, 0, 0.01, "n" },
    { 0.0, 3e-9, 1.0, 1, 0.0, "n log2(n)" }, { 0.0, 3e-9, 1.0, 1, 0.005, "n log2(n)" },
    { 0.2, 1e-12, 2.0, 0, 0.0, "n^2" },      { 0.0, 1e-8, 1.5, 0, 0.01, "n^1.5" },
    { 0.0, 2e-6, 0.5, 0, 0.0, "n^0.5" },
  };
  const double n[] = { 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7 };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (100 + c);
      PsScalingPoint pts[G_N_ELEMENTS (n)];
      PsScalingFit fit;

      for (guint i = 0; i < G_N_ELEMENTS (n); i++)
        {
          double t = cases[c].c0
                     + cases[c].c1 * pow (n[i], cases[c].b) * pow (log2 (n[i]), (double)cases[c].j);

          t *= 1.0 + cases[c].noise * (2.0 * g_rand_double (rand) - 1.0);
          pts[i] = point (1, t);
          pts[i].size = (guint64)n[i];
        }
      g_assert_true (ps_scaling_fit_size (pts, G_N_ELEMENTS (n), &fit));
      g_test_message ("case %u: %s (adj R2 %.6f), c0 %.4g, c1 %.4g; next %s (%.6f)", c, fit.term,
                      fit.adj_r2, fit.c0, fit.c1, fit.runner_up, fit.runner_up_adj_r2);
      g_assert_cmpstr (fit.term, ==, cases[c].term);
      g_assert_cmpfloat (fit.exponent, ==, cases[c].b);
      g_assert_cmpint (fit.log_exponent, ==, cases[c].j);
      if (cases[c].noise == 0.0)
        {
          assert_close ("c1", fit.c1, cases[c].c1, 1e-6);
          g_assert_cmpfloat (fabs (fit.c0 - cases[c].c0), <=, 1e-9 + 1e-6 * cases[c].c0);
        }
      g_assert_cmpfloat (fit.adj_r2, >, fit.runner_up_adj_r2);
      assert_close ("model at n", ps_scaling_fit_size_eval (&fit, n[3]), pts[3].wall_median,
                    3.0 * cases[c].noise + 1e-9);
    }
}

/* A microsecond study is calibrated: every sample lasts at least the minimum time,
 * made of many runs back to back, and the time per run is the sample over its runs. */
static void
test_calibration (void)
{
  static const char tiny[]
      = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Tiny\","
        "  \"beam\": { \"support\": \"simply-supported\","
        "    \"load\": { \"type\": \"uniform\", \"value\": \"5 kN/m\" },"
        "    \"span\": \"4 m\","
        "    \"section\": { \"shape\": \"rectangular\", \"b\": \"200 mm\", \"h\": \"400 mm\" },"
        "    \"material\": \"S355\" } }";
  const char *const backends[] = { "serial", NULL };
  const int workers[] = { 1 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (tiny, -1, &error);
  g_autoptr (PsScalingResult) r = NULL;
  g_autofree char *json = NULL;
  PsScalingOptions o = { 0 };
  const PsScalingPoint *pt;

  g_assert_no_error (error);
  o.backends = backends;
  o.workers = workers;
  o.n_workers = 1;
  o.mode = PS_SCALING_STRONG;
  o.repeats = 0; /* automatic */
  o.warmup = 1;
  o.min_time = 0.05;
  o.max_time = 5.0;
  r = ps_scaling_run (study, &o, &error);
  g_assert_no_error (error);
  pt = &g_array_index (((PsScalingSeries *)g_ptr_array_index (r->series, 0))->points,
                       PsScalingPoint, 0);
  g_test_message ("inner %u, sample %.4f s, per run %.3g s, %u samples", pt->inner,
                  pt->sample_seconds, pt->wall_median, pt->n_samples);
  g_assert_cmpuint (pt->inner, >, 10);
  g_assert_cmpfloat (pt->sample_seconds, >=, 0.05);
  g_assert_cmpfloat (pt->wall_median * pt->inner, >=, 0.05 * 0.999);
  g_assert_cmpuint (pt->n_samples, >=, 1);
  g_assert_cmpuint (pt->n_samples, <=, 10);
  g_assert_cmpfloat (pt->wall_min, <=, pt->wall_median);
  /* Only the runs of the timed samples are recorded (none here), and scaling.json
   * keeps its keys and adds the new ones. */
  json = ps_scaling_result_to_json (r);
  g_assert_nonnull (strstr (json, "\"wall_median\""));
  g_assert_nonnull (strstr (json, "\"karp_flatt\""));
  g_assert_nonnull (strstr (json, "\"wall_median_ci95\""));
  g_assert_nonnull (strstr (json, "\"inner\""));
  g_assert_nonnull (strstr (json, "\"samples\""));
}

/* A processes run's CPU time includes its workers': on a CPU-bound study, at least 90 %
 * of workers x wall when the machine is otherwise idle (the bug: 0.001 s CPU for
 * 0.031 s wall). */
static void
test_processes_cpu (void)
{
  static const char mc[]
      = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"CPU\","
        "  \"variables\": { \"R\": { \"distribution\": \"lognormal\", \"mean\": 1500, \"sd\": 150 "
        "},"
        "                   \"S\": { \"distribution\": \"gumbel\", \"mean\": 1000, \"sd\": 100 } },"
        "  \"limit_state\": \"R - S\","
        "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 200000000, \"seed\": 3 } }";
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (mc, -1, &error);
  g_autoptr (PsRunResult) run = NULL;
  PsLoadSample a, b;
  PsRunOptions o;
  double other;
  int workers = MIN (2, ps_machine_get ()->cores);

  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = "processes";
  o.workers = workers;
  ps_load_sample (&a);
  run = ps_run_study (study, &o, &error);
  ps_load_sample (&b);
  g_assert_no_error (error);
  other = ps_load_other_share (&a, &b);
  g_test_message ("wall %.3f s, CPU %.3f s (workers %.3f s), other load %.2f", run->wall_seconds,
                  run->cpu_seconds, run->workers_cpu_seconds, other);
  g_assert_cmpfloat (run->workers_cpu_seconds, >, 0.0);
  g_assert_cmpfloat (run->cpu_seconds, >=, run->workers_cpu_seconds);
  if (isfinite (other) && other < 0.05)
    g_assert_cmpfloat (run->cpu_seconds, >=, 0.9 * workers * run->wall_seconds);
  else
    {
      /* A busy machine shares its cores: half of what the others left is the bound. */
      double left = isfinite (other) ? ps_machine_get ()->cores * (1.0 - other) : 1.0;

      g_test_message ("other processes used %.0f %% of the machine: the 90 %% bound is not "
                      "asserted",
                      100.0 * other);
      g_assert_cmpfloat (run->cpu_seconds, >=, 0.5 * MIN (workers, left) * run->wall_seconds);
    }
}

/* scale --compare: two scaling results written here (A twice as fast as B, ten
 * samples each): ratios 2 with an interval, and a Mann-Whitney p below 0.05. */
static void
test_compare (void)
{
  g_autofree char *db = temp_db ("compare.db");
  g_autofree char *dir = g_path_get_dirname (db);
  g_autoptr (PsScalingResult) ra = g_new0 (PsScalingResult, 1);
  g_autoptr (PsScalingResult) rb = g_new0 (PsScalingResult, 1);
  PsScalingResult *rs[2] = { ra, rb };
  g_autofree char *pa = g_build_filename (dir, "a.json", NULL);
  g_autofree char *pb = g_build_filename (dir, "b.json", NULL);
  g_autoptr (GError) error = NULL;

  for (int k = 0; k < 2; k++)
    {
      PsScalingSeries *s = g_new0 (PsScalingSeries, 1);
      g_autofree char *json = NULL;

      rs[k]->mode = PS_SCALING_STRONG;
      rs[k]->study_name = g_strdup ("Compared");
      rs[k]->study_kind = g_strdup ("beam");
      rs[k]->study_checksum = g_strdup ("0");
      rs[k]->started = g_strdup ("2026-12-07T00:00:00Z");
      rs[k]->series = g_ptr_array_new ();
      s->backend = g_strdup ("threads");
      s->points = g_array_new (FALSE, TRUE, sizeof (PsScalingPoint));
      ps_scaling_fit_clear (&s->fit);
      for (int w = 1; w <= 2; w++)
        {
          PsScalingPoint p = point (w, 0.0);

          for (guint i = 0; i < 10; i++)
            p.samples[i] = (k + 1) * (1.0 + 0.01 * i) / w;
          p.n_samples = 10;
          p.wall_median = (k + 1) * 1.045 / w;
          p.wall_median_lo = (k + 1) * 1.01 / w;
          p.wall_median_hi = (k + 1) * 1.08 / w;
          g_array_append_val (s->points, p);
        }
      g_ptr_array_add (rs[k]->series, s);
      json = ps_scaling_result_to_json (rs[k]);
      g_assert_true (g_file_set_contents (k == 0 ? pa : pb, json, -1, NULL));
      /* The test's series are freed with the result below. */
    }
  {
    g_autoptr (PsScalingResult) la = ps_scaling_result_load (pa, &error);
    g_autoptr (PsScalingResult) lb = NULL;
    g_autoptr (GArray) rows = NULL;

    g_assert_no_error (error);
    lb = ps_scaling_result_load (pb, &error);
    g_assert_no_error (error);
    rows = ps_scaling_compare (la, lb);
    g_assert_cmpuint (rows->len, ==, 2);
    for (guint i = 0; i < rows->len; i++)
      {
        const PsScalingComparison *c = &g_array_index (rows, PsScalingComparison, i);

        assert_close ("B/A", c->ratio, 2.0, 1e-12);
        g_assert_cmpfloat (c->ratio_lo, <, 2.0);
        g_assert_cmpfloat (c->ratio_hi, >, 2.0);
        g_assert_cmpfloat (c->p_value, <, 0.05);
      }
  }
  if (cli_path () != NULL)
    {
      g_autoptr (CliResult) r = cli_run (NULL, "C", "scale", "--compare", pa, pb);

      g_assert_cmpint (r->status, ==, 0);
      g_assert_nonnull (strstr (r->out, "2.000"));
    }
  for (int k = 0; k < 2; k++)
    {
      PsScalingSeries *s = g_ptr_array_index (rs[k]->series, 0);

      g_free (s->backend);
      g_array_unref (s->points);
      g_free (s);
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
  g_test_add_func ("/scaling/stats/median-interval", test_median_interval);
  g_test_add_func ("/scaling/stats/describe", test_describe);
  g_test_add_func ("/scaling/stats/mann-whitney", test_mann_whitney);
  g_test_add_func ("/scaling/fit/amdahl-bounded", test_amdahl_bounded);
  g_test_add_func ("/scaling/fit/gustafson-noisy", test_gustafson_noisy);
  g_test_add_func ("/scaling/metrics/karp-flatt-defined", test_karp_flatt_defined);
  g_test_add_func ("/scaling/fit/size-models", test_size_models);
  g_test_add_func ("/scaling/run/calibration", test_calibration);
  g_test_add_func ("/scaling/run/processes-cpu", test_processes_cpu);
  g_test_add_func ("/scaling/compare", test_compare);
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
