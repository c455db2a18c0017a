/* test-gpu.c: the gpu backend (CUDA) against the serial backend, beyond what
 * test-backends.c checks on every backend (every example study and the edge studies,
 * every rows mode).
 *
 * With a CUDA device, the cases below run on the gpu and on the serial backend and
 * their results folders are compared (ps-backend-test-utils.h): summary.json less the
 * run's own members (the item errors, and the kind's summary with doubles printed to
 * 17 significant digits, so equal text is equal bits), results.csv and
 * convergence.csv byte for byte. The comparison is bitwise, floats included, because
 * the device code is compiled with --fmad=false and calls the same functions as the
 * CPU: ps-math-private.h, ps-dist.h and ps-philox.h, and the kinds' arithmetic in
 * ps-beam-math-private.h and ps-regression-math-private.h.
 *
 * The host half of the device path runs everywhere (/gpu/host/...): the backend turns
 * per-item results into rows and summaries with ps_beam_write_rows (),
 * ps_regression_summary_add () and ps_regression_write_fit_row (), and finds a
 * specimen's maximum stress by a block reduction before ps_reg_fit_after_max (). Those
 * tests feed them per-item results computed on the CPU, emulate the chunking and the
 * fallback to the kind's own code for chunks with item errors, and compare with the
 * serial backend byte for byte.
 *
 * Without a device each of those tests is skipped (g_test_skip, with the reason the
 * backend gives), and the tests of what a user sees then still run: the CLI refuses
 * --backend gpu with the reason and exit status 2 and writes nothing, and `backends`
 * lists gpu as unavailable with the reason.
 *
 * PARASTUDY_GPU_BATCH_CHUNKS=1 makes every chunk a batch of its own: studies of many
 * chunks then run as many batches, the case of a study larger than device memory.
 */
#define G_LOG_DOMAIN "test-gpu"
#include "config.h"

#include <string.h>

#include "ps-backend-gpu.h"
#include "ps-backend-test-utils.h"
#include "ps-regression.h"

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

/* Skips the test unless a device is present. */
static gboolean
need_device (void)
{
  g_autofree char *reason = NULL;

  if (ps_backend_gpu.is_available (&reason))
    return TRUE;
  {
    g_autofree char *msg = g_strdup_printf ("no usable CUDA device: %s", reason);

    g_test_skip (msg);
  }
  return FALSE;
}

typedef struct
{
  PsRunResult *result;
  GString *rows;
  char *summary_json;
} Run;

static gboolean
rows_to_string (const char *data, gsize length, gpointer user_data, GError **error)
{
  g_string_append_len (user_data, data, (gssize)length);
  return TRUE;
}

static void
run_clear (Run *r)
{
  ps_run_result_free (r->result);
  if (r->rows)
    g_string_free (r->rows, TRUE);
  g_free (r->summary_json);
}

static void
run_on (const PsStudy *study, const char *backend, PsRowsMode rows, Run *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PsRunOptions options;

  memset (r, 0, sizeof *r);
  r->rows = g_string_new (NULL);
  ps_run_options_init (&options);
  options.backend = backend;
  options.rows = rows;
  options.rows_write = rows_to_string;
  options.rows_data = r->rows;
  r->result = ps_run_study (study, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->result);
  json_builder_begin_object (b);
  study->klass->summary_to_json (study, r->result->summary, b);
  json_builder_end_object (b);
  r->summary_json = ps_json_builder_to_data (b, TRUE);
}

/* Runs @study on serial and gpu and asserts that they agree bit for bit. */
static void
compare_backends (const PsStudy *study, PsRowsMode rows)
{
  g_autofree char *tmp = g_dir_make_tmp ("parastudy-test-gpu-XXXXXX", NULL);
  g_autofree char *serial_dir = g_build_filename (tmp, "serial", NULL);
  g_autofree char *gpu_dir = g_build_filename (tmp, "gpu", NULL);
  g_autoptr (PsRunResult) s = run_to_dir_ok (study, "serial", 1, rows, serial_dir, NULL, NULL);
  g_autoptr (PsRunResult) g = run_to_dir_ok (study, "gpu", 1, rows, gpu_dir, NULL, NULL);

  g_assert_cmpstr (g->backend, ==, "gpu");
  assert_same_answer (serial_dir, gpu_dir, study->name);
  rm_rf (tmp);
}

static PsStudy *
load_text (const char *json)
{
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data (json, -1, &error);

  g_assert_no_error (error);
  return study;
}

/* ---------------------------------------------------------------------------------
 * Tests that run everywhere
 * ------------------------------------------------------------------------------ */

/* The backend says whether it can run, with a reason when it cannot. */
static void
test_detection (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *line = ps_gpu_describe ();
  gboolean ok = ps_backend_gpu.is_available (&reason);

  g_assert_true (ps_backend_lookup ("gpu") == &ps_backend_gpu);
  if (ok)
    {
      g_assert_null (reason);
      g_assert_nonnull (strstr (line, "compute capability"));
      g_assert_nonnull (strstr (line, "driver CUDA"));
    }
  else
    {
      g_assert_nonnull (reason);
      g_assert_cmpuint (strlen (reason), >, 0);
      g_assert_cmpstr (line, ==, reason);
    }
}

static int
run_cli (const char *const *args, char **out, char **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("PS_CLI");
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer)cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Without a device, `run --backend gpu` fails before it runs with the reason and exit
 * status 2 (bad input: the machine cannot do what was asked), leaving no output. */
static void
test_cli_unavailable (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *study = example_path ("beam-grid.json");
  g_autofree char *tmp = g_dir_make_tmp ("parastudy-test-gpu-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "run", study, "--backend", "gpu", "--out", dir, "--no-history", NULL };
  int code;

  if (ps_backend_gpu.is_available (&reason))
    {
      g_test_skip ("a CUDA device is present: the gpu backend is available");
      g_rmdir (tmp);
      return;
    }
  code = run_cli (args, &out, &err);
  g_assert_cmpint (code, ==, 2);
  g_assert_nonnull (strstr (err, "the gpu backend is not available"));
  g_assert_nonnull (strstr (err, reason));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* `backends` lists gpu: unavailable with the reason, or the device. */
static void
test_cli_backends (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "backends", NULL };
  gboolean ok = ps_backend_gpu.is_available (&reason);
  g_auto (GStrv) lines = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", 2);

      if (g_strcmp0 (words[0], "gpu") != 0 || words[1] == NULL)
        continue;
      g_strchug (words[1]);
      found = TRUE;
      if (ok)
        {
          g_assert_true (g_str_has_prefix (words[1], "available"));
          g_assert_nonnull (lines[i + 1]);
          g_assert_nonnull (strstr (lines[i + 1], "compute capability"));
        }
      else
        {
          g_assert_true (g_str_has_prefix (words[1], "unavailable"));
          g_assert_nonnull (strstr (lines[i], reason));
        }
    }
  g_assert_true (found);
}

/* ---------------------------------------------------------------------------------
 * Tests that need a device
 * ------------------------------------------------------------------------------ */

/* A study of many chunks run one chunk per batch: the double-buffered batch loop
 * goes round many times, and target_cov stops the reliability run at the same
 * sample as the serial one. */
static void
test_many_batches (void)
{
  static const char *const names[]
      = { "beam-grid.json", "reliability-load-strength.json", "regression-coupons.json" };

  if (!need_device ())
    return;
  g_setenv ("PARASTUDY_GPU_BATCH_CHUNKS", "1", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = example_path (names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = ps_study_load_file (path, &error);

      g_assert_no_error (error);
      compare_backends (study, PS_ROWS_NONE);
    }
  g_unsetenv ("PARASTUDY_GPU_BATCH_CHUNKS");
}

/* A scaling run's study made longer than written: chunks that wrap round the items. */
static void
test_scaled (void)
{
  g_autofree char *path = example_path ("beam-steel-ipe.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;

  if (!need_device ())
    return;
  study = ps_study_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (ps_study_set_items (study, study->n_items * 5 / 2 + 17, &error));
  g_assert_no_error (error);
  compare_backends (study, PS_ROWS_NONE);
}

/* Rows past one batch (one chunk a batch): the beam's row fields come from the
 * device as structure of arrays, a regression's rows from its device fits. (Rows in
 * batches of the default size are test-backends.c's.) */
static void
test_rows (void)
{
  static const struct
  {
    const char *name;
    PsRowsMode mode;
  } cases[] = {
    { "beam-steel-ipe.json", PS_ROWS_ALL },
    { "beam-crane-girder.json", PS_ROWS_ALL },
    { "beam-timber-cantilever.json", PS_ROWS_PASSING },
    { "regression-synthetic.json", PS_ROWS_ALL },
    { "regression-coupons.json", PS_ROWS_PASSING },
  };

  if (!need_device ())
    return;
  g_setenv ("PARASTUDY_GPU_BATCH_CHUNKS", "1", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = example_path (cases[i].name);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = ps_study_load_file (path, &error);

      g_assert_no_error (error);
      compare_backends (study, cases[i].mode);
    }
  g_unsetenv ("PARASTUDY_GPU_BATCH_CHUNKS");
  /* A scaling run's longer study, 50,000 configurations made 125,003: chunk 1 wraps
   * round (host), chunk 2 is items 15,536 to 48,303 again (device), so rows must be
   * numbered by the study's own items. */
  {
    g_autoptr (PsStudy) study = load_text (
        "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"cycled\", \"beam\": {"
        "\"support\": \"simply-supported\", \"load\": {\"type\": \"point\", \"position\": "
        "\"midspan\", \"value\": {\"from\": \"10 kN\", \"to\": \"200 kN\", \"steps\": 25}},"
        "\"span\": {\"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 40}, \"section\": "
        "{\"shape\": \"rectangular\", \"b\": \"300 mm\", \"h\": {\"from\": \"200 mm\", "
        "\"to\": \"1000 mm\", \"steps\": 50}}, \"material\": \"S355\"}}");
    g_autoptr (GError) error = NULL;

    g_assert_cmpuint (study->n_items, ==, 50000);
    g_assert_true (ps_study_set_items (study, 125003, &error));
    g_assert_no_error (error);
    compare_backends (study, PS_ROWS_PASSING);
  }
}

/* ---------------------------------------------------------------------------------
 * The host half of the device path, run everywhere
 * ------------------------------------------------------------------------------ */

/* The rows and summary of a serial run of @study. */
static void
serial_run (const PsStudy *study, PsRowsMode mode, Run *r)
{
  run_on (study, "serial", mode, r);
}

/* Chunk @k of @study's rows as the gpu backend makes them, with per-item outputs from
 * ps_beam_eval_item () in place of the device's: structure of arrays, formatted by
 * ps_beam_write_rows (); a chunk with an item in error by the kind's own code. */
static void
beam_chunk_rows (const PsStudy *study, guint64 chunk_items, guint64 k, PsRowsMode mode,
                 GString *out)
{
  const PsBeamModel *m = study->model;
  guint64 begin = k * chunk_items, end = MIN (study->n_items, begin + chunk_items);
  guint64 n = end - begin;
  g_autofree double *cols = g_new (double, PS_BEAM_N_ROW *n);
  g_autofree guint8 *flags = g_new (guint8, n);
  const double *values[PS_BEAM_N_ROW];
  PsBuf buf;
  gboolean host = FALSE;

  ps_buf_init (&buf, 1 << 12);
  for (guint64 i = begin; i < end && !host; i++)
    {
      PsBeamOutputs o;
      double v[PS_BEAM_N_ROW];

      if (!ps_beam_eval_item (m, i, &o, NULL))
        {
          host = TRUE;
          break;
        }
      ps_beam_row_values (&o, v);
      for (int f = 0; f < PS_BEAM_N_ROW; f++)
        cols[f * n + (i - begin)] = v[f];
      flags[i - begin] = ps_beam_row_flags (&o);
    }
  if (host)
    {
      gpointer summary = g_malloc (study->klass->summary_size);
      PsErrors errors;

      ps_errors_init (&errors);
      ps_study_eval_chunk (study, chunk_items, k, mode, NULL, summary, &errors, &buf);
      ps_errors_clear (&errors);
      g_free (summary);
    }
  else
    {
      for (int f = 0; f < PS_BEAM_N_ROW; f++)
        values[f] = cols + f * n;
      ps_beam_write_rows (m, begin, n, mode, values, flags, &buf);
    }
  g_string_append_len (out, buf.data, (gssize)buf.len);
  ps_buf_clear (&buf);
}

/* results.csv of every beam example (with a point load off midspan and loads outside
 * the span among them), in small chunks that split runs of one section and span:
 * the same bytes as the serial backend writes. */
static void
test_host_beam_rows (void)
{
  static const char *const names[]
      = { "beam-steel-ipe.json", "beam-crane-girder.json", "beam-timber-cantilever.json" };
  static const PsRowsMode modes[] = { PS_ROWS_ALL, PS_ROWS_PASSING };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (modes); j++)
      {
        g_autofree char *path = example_path (names[i]);
        g_autoptr (GError) error = NULL;
        g_autoptr (PsStudy) study = ps_study_load_file (path, &error);
        g_autoptr (GString) rows = g_string_new (NULL);
        guint64 chunk_items = 997;
        Run s;

        g_assert_no_error (error);
        serial_run (study, modes[j], &s);
        for (guint64 k = 0; k * chunk_items < study->n_items; k++)
          beam_chunk_rows (study, chunk_items, k, modes[j], rows);
        g_assert_cmpuint (rows->len, ==, s.rows->len);
        g_assert_true (memcmp (rows->str, s.rows->str, rows->len) == 0);
        run_clear (&s);
      }
}

/* The device's first pass of a fit, done the way a block of @threads threads does
 * it (each thread a strided share, then a tree), followed by ps_reg_fit_after_max ()
 * from the stored value at the first index of the maximum. */
static PsRegError
fit_as_device (const PsRegFitParams *p, const double *x, const double *y, gsize n,
               PsSpecimenFit *fit)
{
  enum
  {
    threads = 128
  };
  double sh_max[threads];
  guint64 sh_idx[threads];
  gboolean bad = FALSE;

  ps_reg_fit_init (fit, n);
  if (n == 0)
    return PS_REG_ERR_TOO_FEW;
  for (int t = 0; t < threads; t++)
    {
      double mt = y[0];

      for (gsize i = (gsize)t; i < n; i += threads)
        {
          bad |= !(fabs (y[i]) <= DBL_MAX);
          mt = y[i] > mt ? y[i] : mt;
        }
      sh_max[t] = mt;
    }
  for (int st = threads / 2; st > 0; st >>= 1)
    for (int t = 0; t < st; t++)
      sh_max[t] = sh_max[t + st] > sh_max[t] ? sh_max[t + st] : sh_max[t];
  if (bad)
    {
      fit->bad_point = ps_reg_first_non_finite (y);
      return PS_REG_ERR_NON_FINITE;
    }
  for (int t = 0; t < threads; t++)
    {
      sh_idx[t] = G_MAXUINT64;
      for (gsize i = (gsize)t; i < n; i += threads)
        if (y[i] == sh_max[0])
          {
            sh_idx[t] = i;
            break;
          }
    }
  for (int st = threads / 2; st > 0; st >>= 1)
    for (int t = 0; t < st; t++)
      sh_idx[t] = MIN (sh_idx[t], sh_idx[t + st]);
  return ps_reg_fit_after_max (p, x, y, n, y[sh_idx[0]], (gsize)sh_idx[0], fit);
}

/* Every regression example's summary and results.csv made as the gpu backend makes
 * them: a chunk's fits added by ps_regression_summary_add () and written by
 * ps_regression_write_fit_row () in item order, a chunk with a specimen in error
 * evaluated by the kind, partial summaries merged in chunk order. The fits come from
 * ps_regression_fit (); each is also checked, bit for bit, against the device's way
 * of finding the maximum stress (fit_as_device). */
static void
test_host_regression (void)
{
  static const char *const names[] = { "regression-synthetic.json", "regression-coupons.json",
                                       "regression-aluminium-force.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = example_path (names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = ps_study_load_file (path, &error);
      const PsRegressionModel *m;
      g_autoptr (GString) rows = g_string_new (NULL);
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autofree char *json = NULL;
      g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
      gpointer total, part, ws;
      guint64 chunk_items;
      PsRegFitParams p;
      PsErrors errors;
      Run s;

      g_assert_no_error (error);
      m = study->model;
      ps_regression_fit_params (m, &p);
      chunk_items = study->klass->chunk_items (study);
      serial_run (study, PS_ROWS_ALL, &s);
      total = g_malloc (study->klass->summary_size);
      part = g_malloc (study->klass->summary_size);
      ws = study->klass->workspace_new (study);
      ps_errors_init (&errors);
      study->klass->summary_init (study, total);
      for (guint64 k = 0; k * chunk_items < study->n_items; k++)
        {
          guint64 begin = k * chunk_items, end = MIN (study->n_items, begin + chunk_items);
          PsSpecimenFit *fits = g_new (PsSpecimenFit, end - begin);
          guint64 *points = g_new (guint64, end - begin);
          gboolean host = FALSE;
          PsBuf buf;

          ps_buf_init (&buf, 1 << 12);
          for (guint64 it = begin; it < end; it++)
            {
              PsSpecimenFit dev;
              PsRegError err, dev_err;

              g_array_set_size (x, 0);
              g_array_set_size (y, 0);
              if (!ps_regression_read_points (m, it, x, y, NULL))
                {
                  host = TRUE;
                  continue;
                }
              err = ps_regression_fit (m, (double *)x->data, (double *)y->data, x->len,
                                       &fits[it - begin]);
              dev_err = fit_as_device (&p, (double *)x->data, (double *)y->data, x->len, &dev);
              g_assert_cmpint (dev_err, ==, err);
              g_assert_true (memcmp (&dev, &fits[it - begin], sizeof dev) == 0);
              points[it - begin] = x->len;
              host |= err != PS_REG_OK;
            }
          if (host)
            ps_study_eval_chunk (study, chunk_items, k, PS_ROWS_ALL, ws, part, &errors, &buf);
          else
            {
              study->klass->summary_init (study, part);
              for (guint64 it = begin; it < end; it++)
                {
                  PsRegressionSummary *ps = part;

                  ps->specimens++;
                  ps->points += points[it - begin];
                  ps_regression_summary_add (m, ps, &fits[it - begin]);
                  ps_regression_write_fit_row (m, &buf, it, &fits[it - begin]);
                }
            }
          study->klass->merge (study, total, part);
          g_string_append_len (rows, buf.data, (gssize)buf.len);
          ps_buf_clear (&buf);
          g_free (fits);
          g_free (points);
        }
      json_builder_begin_object (b);
      study->klass->summary_to_json (study, total, b);
      json_builder_end_object (b);
      json = ps_json_builder_to_data (b, TRUE);
      g_assert_cmpstr (json, ==, s.summary_json);
      g_assert_cmpuint (rows->len, ==, s.rows->len);
      g_assert_true (memcmp (rows->str, s.rows->str, rows->len) == 0);
      ps_errors_clear (&errors);
      study->klass->workspace_free (ws);
      g_free (total);
      g_free (part);
      run_clear (&s);
    }
}

/* The device's first pass on stresses built to trip it: ties of the maximum in every
 * lane, a -0 before a +0 maximum, the maximum in the first and in the last point, and
 * a point that is not finite; the fit must be ps_regression_fit ()'s, bit for bit. */
static void
test_host_reg_first_pass (void)
{
  PsRegFitParams p = { PS_REG_WINDOW_STRAIN, 0.0, 2.5e-3, 2e-3, 3 };
  enum
  {
    n = 1031
  };
  static double x[n], y[n];
  PsRegressionModel m = { 0 };

  m.window = p.window;
  m.from = p.from;
  m.to = p.to;
  m.offset = p.offset;
  m.min_points = p.min_points;
  for (int c = 0; c < 6; c++)
    {
      PsSpecimenFit a, d;
      PsRegError ea, ed;

      for (int i = 0; i < n; i++)
        {
          x[i] = 2e-5 * i;
          /* Elastic to 1e-3, then flat at 210 MPa: a long tie of the maximum. */
          y[i] = x[i] <= 1e-3 ? 2.1e11 * x[i] : 2.1e8;
        }
      switch (c)
        {
        case 1: /* a maximum of zero, -0 first: the maximum is the stored -0, not the +0
                 * that a reduction may carry */
          for (int i = 0; i < n; i++)
            y[i] = i == 0 ? -5.0 : i == 1 ? -0.0 : 0.0;
          p.window = m.window = PS_REG_WINDOW_STRESS;
          p.from = m.from = 0.1;
          p.to = m.to = 0.4;
          break;
        case 2: /* the maximum at the first point */
          y[0] = 3e8;
          break;
        case 3: /* the maximum at the last point */
          y[n - 1] = 3e8;
          break;
        case 4: /* a NaN in the middle */
          y[n / 2] = NAN;
          break;
        case 5: /* an infinity at the end */
          y[n - 1] = INFINITY;
          break;
        default:
          break;
        }
      ea = ps_regression_fit (&m, x, y, n, &a);
      ed = fit_as_device (&p, x, y, n, &d);
      g_assert_cmpint (ed, ==, ea);
      g_assert_true (memcmp (&a, &d, sizeof a) == 0);
      if (c == 1)
        g_assert_true (signbit (a.ultimate));
      p.window = m.window = PS_REG_WINDOW_STRAIN;
      p.from = m.from = 0.0;
      p.to = m.to = 2.5e-3;
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gpu/detection", test_detection);
  g_test_add_func ("/gpu/cli/unavailable", test_cli_unavailable);
  g_test_add_func ("/gpu/cli/backends", test_cli_backends);
  g_test_add_func ("/gpu/many-batches", test_many_batches);
  g_test_add_func ("/gpu/scaled", test_scaled);
  g_test_add_func ("/gpu/rows", test_rows);
  g_test_add_func ("/gpu/host/beam-rows", test_host_beam_rows);
  g_test_add_func ("/gpu/host/regression", test_host_regression);
  g_test_add_func ("/gpu/host/reg-first-pass", test_host_reg_first_pass);
  return g_test_run ();
}
