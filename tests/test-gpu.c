/* test-gpu.c: the gpu backend (CUDA) against the serial backend.
 *
 * With a CUDA device, every example study of data/examples and the edge cases below
 * run on the gpu and on the serial backend, and everything a run reports is compared:
 * the kind's summary as summary.json writes it (json-glib prints doubles with 17
 * significant digits, so equal text is equal bits), the item count, the item errors
 * (count and messages) and, where asked for, the rows. The comparison is bitwise,
 * floats included, because the device code is compiled with --fmad=false and calls the
 * same ps-math.h, ps-dist.h and ps-philox.h functions as the CPU, and mirrors the
 * kinds' arithmetic expression for expression (engine/backends/cuda/ps-cuda.cu).
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
#include "ps-test-utils.h"

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
  Run s, g;

  run_on (study, "serial", rows, &s);
  run_on (study, "gpu", rows, &g);
  g_assert_cmpstr (g.result->backend, ==, "gpu");
  g_assert_cmpuint (g.result->items, ==, s.result->items);
  g_assert_cmpstr (g.summary_json, ==, s.summary_json);
  g_assert_cmpuint (g.result->errors.count, ==, s.result->errors.count);
  if (s.result->errors.first != NULL)
    {
      g_assert_nonnull (g.result->errors.first);
      g_assert_cmpuint (g.result->errors.first->len, ==, s.result->errors.first->len);
      for (guint i = 0; i < s.result->errors.first->len; i++)
        {
          PsItemError *a = &g_array_index (s.result->errors.first, PsItemError, i);
          PsItemError *b = &g_array_index (g.result->errors.first, PsItemError, i);

          g_assert_cmpuint (b->item, ==, a->item);
          g_assert_cmpstr (b->message, ==, a->message);
        }
    }
  g_assert_cmpuint (g.rows->len, ==, s.rows->len);
  g_assert_true (memcmp (g.rows->str, s.rows->str, s.rows->len) == 0);
  run_clear (&s);
  run_clear (&g);
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

static void
test_example (gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;

  if (!need_device ())
    return;
  path = example_path (data);
  study = ps_study_load_file (path, &error);
  g_assert_no_error (error);
  compare_backends (study, PS_ROWS_NONE);
}

/* One configuration, one sample block of one sample, one specimen. */
static void
test_one_item (void)
{
  static const char *const studies[] = {
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"one\", \"beam\": {"
    "\"support\": \"fixed-fixed\", \"load\": {\"type\": \"uniform\", \"value\": \"12.5 kN/m\"},"
    "\"span\": \"7.25 m\", \"section\": {\"shape\": \"standard\", \"designation\": \"IPE 300\"},"
    "\"material\": \"S355\", \"self_weight\": true}, \"checks\": {\"deflection_limit\": "
    "\"L/300\", \"safety_factor\": 1.35}}",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"one\", \"variables\": {"
    "\"R\": {\"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\"},"
    "\"S\": {\"distribution\": \"gumbel\", \"mean\": \"200 MPa\", \"sd\": \"40 MPa\"}},"
    "\"limit_state\": \"R - S\", \"method\": {\"samples\": 1, \"seed\": 3}}",
    "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"one\", \"source\": {"
    "\"type\": \"synthetic\", \"specimens\": 1, \"points\": 733, \"E\": {\"distribution\": "
    "\"normal\", \"mean\": \"70 GPa\", \"sd\": \"2 GPa\"}, \"yield\": {\"distribution\": "
    "\"normal\", \"mean\": \"275 MPa\", \"sd\": \"9 MPa\"}, \"hardening\": 0.02, "
    "\"max_strain\": 0.03, \"noise_sd\": \"0.5 MPa\", \"seed\": 11}, \"fit\": {\"window\": "
    "{\"type\": \"strain\", \"from\": 0.0004, \"to\": 0.002}, \"offset\": 0.002}}",
  };

  if (!need_device ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      g_autoptr (PsStudy) study = load_text (studies[i]);

      g_assert_cmpuint (study->n_items, ==, 1);
      compare_backends (study, PS_ROWS_ALL);
    }
}

/* Item counts that are not multiples of the CUDA block (256 threads), of a chunk, or
 * of the reliability block of 4,096 samples; with rows, and with item errors (a
 * hollow section with t >= D/2, point loads outside the span). */
static void
test_ragged (void)
{
  static const char *const studies[] = {
    /* 3 x 7 x 13 x 11 = 3003 configurations, a third of them invalid sections. */
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"ragged\", \"beam\": {"
    "\"support\": \"simply-supported\", \"load\": {\"type\": \"point\", \"value\": "
    "{\"from\": \"3 kN\", \"to\": \"95 kN\", \"steps\": 11}, \"position\": {\"from\": \"0.5 m\","
    " \"to\": \"9.5 m\", \"steps\": 13}}, \"span\": {\"from\": \"2 m\", \"to\": \"9 m\", "
    "\"steps\": 7}, \"section\": {\"shape\": \"hollow-circular\", \"D\": \"219.1 mm\", \"t\": "
    "[\"6.3 mm\", \"12.5 mm\", \"120 mm\"]}, \"material\": \"S275\", \"self_weight\": true}}",
    /* 3 blocks and 1,234 samples. */
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"ragged\", \"variables\": {"
    "\"fy\": {\"distribution\": \"weibull\", \"mean\": \"355 MPa\", \"sd\": \"25 MPa\"},"
    "\"M\": {\"distribution\": \"truncated-normal\", \"mean\": \"150 kN*m\", \"sd\": "
    "\"45 kN*m\", \"lower\": \"0 kN*m\", \"upper\": \"400 kN*m\"}},"
    "\"constants\": {\"W\": \"557000 mm^3\"}, \"limit_state\": \"max(fy - M / W, "
    "-sqrt(abs(sin(M / 1e5))))\", \"method\": {\"samples\": 13522, \"seed\": 8}}",
    "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"ragged\", \"source\": {"
    "\"type\": \"synthetic\", \"specimens\": 37, \"points\": 301, \"E\": {\"distribution\": "
    "\"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"}, \"yield\": {\"distribution\": "
    "\"normal\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"}, \"hardening\": 0.01, "
    "\"max_strain\": 0.02, \"noise_sd\": \"1 MPa\", \"seed\": 5}, \"fit\": {\"window\": "
    "{\"type\": \"auto\"}, \"offset\": 0.002}}",
  };

  if (!need_device ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      g_autoptr (PsStudy) study = load_text (studies[i]);

      compare_backends (study, PS_ROWS_ALL);
      compare_backends (study, PS_ROWS_NONE);
    }
}

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

int
main (int argc, char **argv)
{
  static const char *const examples[] = {
    "beam-grid.json",
    "beam-steel-ipe.json",
    "beam-crane-girder.json",
    "beam-timber-cantilever.json",
    "reliability-axial-bar.json",
    "reliability-load-strength.json",
    "regression-coupons.json",
    "regression-aluminium-force.json",
    "regression-synthetic.json",
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gpu/detection", test_detection);
  g_test_add_func ("/gpu/cli/unavailable", test_cli_unavailable);
  g_test_add_func ("/gpu/cli/backends", test_cli_backends);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *name = g_strdup_printf ("/gpu/example/%s", examples[i]);

      g_test_add_data_func (name, examples[i], test_example);
    }
  g_test_add_func ("/gpu/one-item", test_one_item);
  g_test_add_func ("/gpu/ragged", test_ragged);
  g_test_add_func ("/gpu/many-batches", test_many_batches);
  g_test_add_func ("/gpu/scaled", test_scaled);
  return g_test_run ();
}
