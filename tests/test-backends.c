/* test-backends.c: every backend gives the serial backend's answer (the conformance
 * test, as SUNDIALS runs one test_nvector.c body on every vector implementation and
 * ggml's test-backend-ops runs every operation on every backend).
 *
 * For every backend of ps_backends_list(), every example study of data/examples and
 * a few studies at the edges of the backends' chunking (one item; item counts that
 * are no multiple of a chunk, a CUDA block or a sample block, with item errors),
 * every rows mode and 1, 2 and 3 workers, a run's folder holds what a serial run's
 * holds (ps-backend-test-utils.h): summary.json less its run members (which leaves
 * the item errors and the kind's summary, bit for bit), and results.csv and
 * convergence.csv byte for byte. A run in this process also leaves no process behind,
 * reports the backend and worker count it ran with, and, evaluating out of process,
 * its workers' memory.
 *
 * The test cases are /backends/BACKEND/STUDY/ROWS/WORKERS, made by looping over the
 * tables: a backend is tested by being registered, an example by being added to
 * data/examples. A backend that is not available here (not built, no device, no
 * mpirun) has its cases skipped with the reason.
 *
 * A backend that runs under a launcher (mpi: mpirun -n WORKERS parastudy-cli run ...)
 * runs through the command of its launch_argv(). A launch costs a second or more, so
 * such a backend runs each study three times, not nine: every rows mode once, at 1,
 * 2 and 3 workers in turn (every worker count for a kind with one rows mode); the
 * whole table with -m thorough (or -m slow). --launched runs only the backends with a
 * launcher, --not-launched only the others (meson runs the two as two tests, the first
 * alone: MPI ranks poll on every core).
 *
 * A kind without rows (reliability) has one rows mode: none. A study of more than a
 * million items runs its rows modes other than none on a smaller copy (its edit in
 * row_copies), as the command line writes no rows for it unless asked.
 */
#define G_LOG_DOMAIN "test-backends"
#include "config.h"

#include <string.h>

#include "ps-backend-test-utils.h"

static char *tmp_dir;

typedef struct
{
  char *name;      /* in the test paths: the file name less ".json" */
  char *path;      /* the study file */
  char *rows_path; /* the file for rows modes other than none, when not @path */
  gboolean has_rows;
} Study;

typedef struct
{
  const PsBackend *backend;
  const Study *study;
  PsRowsMode rows;
  int workers;
} Case;

static const char *const rows_names[]
    = { [PS_ROWS_NONE] = "none", [PS_ROWS_PASSING] = "passing", [PS_ROWS_ALL] = "all" };

/* ---------------------------------------------------------------------------------
 * The studies
 * ------------------------------------------------------------------------------ */

/* At the edges of the chunking, for every kind: one item (one configuration, one
 * sample, one specimen), fewer items than workers; then item counts that are no
 * multiple of the CUDA block (256 threads), of a chunk, or of the reliability block
 * of 4,096 samples, with item errors (a hollow section with t >= D/2, point loads
 * outside the span). */
static const struct
{
  const char *name;
  const char *json;
} edge_studies[] = {
  { "one-beam",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"one\", \"beam\": {"
    "\"support\": \"fixed-fixed\", \"load\": {\"type\": \"uniform\", \"value\": \"12.5 kN/m\"},"
    "\"span\": \"7.25 m\", \"section\": {\"shape\": \"standard\", \"designation\": \"IPE 300\"},"
    "\"material\": \"S355\", \"self_weight\": true}, \"checks\": {\"deflection_limit\": "
    "\"L/300\", \"safety_factor\": 1.35}}" },
  { "one-reliability",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"one\", \"variables\": {"
    "\"R\": {\"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\"},"
    "\"S\": {\"distribution\": \"gumbel\", \"mean\": \"200 MPa\", \"sd\": \"40 MPa\"}},"
    "\"limit_state\": \"R - S\", \"method\": {\"samples\": 1, \"seed\": 3}}" },
  { "one-regression",
    "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"one\", \"source\": {"
    "\"type\": \"synthetic\", \"specimens\": 1, \"points\": 733, \"E\": {\"distribution\": "
    "\"normal\", \"mean\": \"70 GPa\", \"sd\": \"2 GPa\"}, \"yield\": {\"distribution\": "
    "\"normal\", \"mean\": \"275 MPa\", \"sd\": \"9 MPa\"}, \"hardening\": 0.02, "
    "\"max_strain\": 0.03, \"noise_sd\": \"0.5 MPa\", \"seed\": 11}, \"fit\": {\"window\": "
    "{\"type\": \"strain\", \"from\": 0.0004, \"to\": 0.002}, \"offset\": 0.002}}" },
  /* 3 x 7 x 13 x 11 = 3003 configurations, a third of them invalid sections. */
  { "ragged-beam",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"ragged\", \"beam\": {"
    "\"support\": \"simply-supported\", \"load\": {\"type\": \"point\", \"value\": "
    "{\"from\": \"3 kN\", \"to\": \"95 kN\", \"steps\": 11}, \"position\": {\"from\": \"0.5 m\","
    " \"to\": \"9.5 m\", \"steps\": 13}}, \"span\": {\"from\": \"2 m\", \"to\": \"9 m\", "
    "\"steps\": 7}, \"section\": {\"shape\": \"hollow-circular\", \"D\": \"219.1 mm\", \"t\": "
    "[\"6.3 mm\", \"12.5 mm\", \"120 mm\"]}, \"material\": \"S275\", \"self_weight\": true}}" },
  /* 3 blocks and 1,234 samples. */
  { "ragged-reliability",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"ragged\", \"variables\": {"
    "\"fy\": {\"distribution\": \"weibull\", \"mean\": \"355 MPa\", \"sd\": \"25 MPa\"},"
    "\"M\": {\"distribution\": \"truncated-normal\", \"mean\": \"150 kN*m\", \"sd\": "
    "\"45 kN*m\", \"lower\": \"0 kN*m\", \"upper\": \"400 kN*m\"}},"
    "\"constants\": {\"W\": \"557000 mm^3\"}, \"limit_state\": \"max(fy - M / W, "
    "-sqrt(abs(sin(M / 1e5))))\", \"method\": {\"samples\": 13522, \"seed\": 8}}" },
  { "ragged-regression",
    "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"ragged\", \"source\": {"
    "\"type\": \"synthetic\", \"specimens\": 37, \"points\": 301, \"E\": {\"distribution\": "
    "\"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"}, \"yield\": {\"distribution\": "
    "\"normal\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"}, \"hardening\": 0.01, "
    "\"max_strain\": 0.02, \"noise_sd\": \"1 MPa\", \"seed\": 5}, \"fit\": {\"window\": "
    "{\"type\": \"auto\"}, \"offset\": 0.002}}" },
};

/* beam-grid (3,000,000 configurations) at 40 x 50 x 3 x 20 = 120,000: four chunks. */
static void
edit_beam_grid (JsonObject *root)
{
  JsonObject *beam = json_object_get_object_member (root, "beam");

  json_object_set_int_member (
      json_object_get_object_member (json_object_get_object_member (beam, "load"), "value"),
      "steps", 50);
  json_object_set_int_member (json_object_get_object_member (beam, "span"), "steps", 40);
  json_object_set_int_member (
      json_object_get_object_member (json_object_get_object_member (beam, "section"), "h"), "steps",
      20);
}

/* The smaller copies of the examples of more than a million items, for their rows. */
static const struct
{
  const char *example;
  void (*edit) (JsonObject *root);
} row_copies[] = {
  { "beam-grid.json", edit_beam_grid },
};

static char *
write_study (const char *name, const char *text)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  char *path = g_build_filename (tmp_dir, file, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
write_row_copy (const char *example_path, const char *name)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strconcat (name, "-rows.json", NULL);
  char *path = g_build_filename (tmp_dir, file, NULL);
  g_autofree char *base = g_path_get_basename (example_path);

  json_parser_load_from_file (parser, example_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (row_copies); i++)
    if (g_str_equal (row_copies[i].example, base))
      row_copies[i].edit (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_to_file (gen, path, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
has_row_copy (const char *example_path)
{
  g_autofree char *base = g_path_get_basename (example_path);

  for (guint i = 0; i < G_N_ELEMENTS (row_copies); i++)
    if (g_str_equal (row_copies[i].example, base))
      return TRUE;
  return FALSE;
}

static Study *
study_new (const char *name, char *path /* owned */)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) s = ps_study_load_file (path, &error);
  Study *study = g_new0 (Study, 1);

  g_assert_no_error (error);
  study->name = g_strdup (name);
  study->path = path;
  study->has_rows = s->klass->write_header != NULL;
  if (study->has_rows && s->n_items > 1000000)
    {
      if (!has_row_copy (path))
        g_error ("%s has %" G_GUINT64_FORMAT " items: add a smaller copy for its rows to "
                 "row_copies",
                 path, s->n_items);
      study->rows_path = write_row_copy (path, name);
    }
  return study;
}

/* Every example of data/examples, in name order, then the edge studies. */
static GPtrArray *
studies_new (void)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autoptr (GPtrArray) files = NULL;
  GPtrArray *studies = g_ptr_array_new ();

  if (dir == NULL)
    dir = PS_SOURCE_DATADIR "/examples";
  files = dir_names (dir);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *name = NULL;

      if (!g_str_has_suffix (file, ".json"))
        continue;
      name = g_strndup (file, strlen (file) - strlen (".json"));
      g_ptr_array_add (studies, study_new (name, g_build_filename (dir, file, NULL)));
    }
  g_assert_cmpuint (studies->len, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (edge_studies); i++)
    g_ptr_array_add (studies, study_new (edge_studies[i].name,
                                         write_study (edge_studies[i].name, edge_studies[i].json)));
  return studies;
}

/* ---------------------------------------------------------------------------------
 * The serial references
 * ------------------------------------------------------------------------------ */

/* Folders of serial runs, by "STUDY/ROWS", made when first asked for. */
static GHashTable *references;

static const char *
study_file (const Study *study, PsRowsMode rows)
{
  return rows != PS_ROWS_NONE && study->rows_path != NULL ? study->rows_path : study->path;
}

static const char *
reference (const Study *study, PsRowsMode rows)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", study->name, rows_names[rows]);
  char *dir = g_hash_table_lookup (references, key);

  if (dir == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) s = ps_study_load_file (study_file (study, rows), &error);
      g_autoptr (PsRunResult) r = NULL;

      g_assert_no_error (error);
      dir = g_build_filename (tmp_dir, "serial", study->name, rows_names[rows], NULL);
      r = run_to_dir_ok (s, "serial", 1, rows, dir, NULL, NULL);
      g_hash_table_insert (references, g_steal_pointer (&key), dir);
    }
  return dir;
}

/* ---------------------------------------------------------------------------------
 * The test
 * ------------------------------------------------------------------------------ */

static void
run_here (const Case *c, const char *dir, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) s = ps_study_load_file (study_file (c->study, c->rows), &error);
  g_autoptr (PsRunResult) r = NULL;

  g_assert_no_error (error);
  r = run_to_dir_ok (s, c->backend->name, c->workers, c->rows, dir, NULL, NULL);
  g_assert_cmpstr (r->backend, ==, c->backend->name);
  g_assert_cmpint (r->workers, ==, (c->backend->flags & PS_BACKEND_FIXED_WORKERS) ? 1 : c->workers);
  if (c->backend->flags & PS_BACKEND_OUT_OF_PROCESS)
    g_assert_cmpuint (r->workers_peak_rss_bytes, >, 0);
  assert_no_children ();
  g_test_message ("%s: %.3f s", what, r->wall_seconds);
}

static void
run_under_launcher (const Case *c, const char *dir, const char *what)
{
  const char *const extra[] = { "--rows", rows_names[c->rows], "--no-history", NULL };
  g_autofree char *backend = NULL;
  gint64 workers = 0;
  LaunchResult r;

  run_launched (c->backend, study_file (c->study, c->rows), c->workers, 1, dir, extra, &r);
  if (r.status != 0)
    g_error ("%s: exit status %d\n%s", what, r.status, r.err);
  g_test_message ("%s: %.2f s", what, r.seconds);
  launch_result_clear (&r);
  g_free (answer_of (dir, &backend, &workers));
  g_assert_cmpstr (backend, ==, c->backend->name);
  g_assert_cmpint (workers, ==, c->workers);
}

static void
test_backend (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *reason = NULL;
  g_autofree char *what = g_strdup_printf ("%s on %s, rows %s, workers %d", c->study->name,
                                           c->backend->name, rows_names[c->rows], c->workers);
  g_autofree char *dir = NULL;
  const char *ref;

  if (!c->backend->is_available (&reason))
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", c->backend->name, reason);

      g_test_skip (msg);
      return;
    }
  ref = reference (c->study, c->rows);
  dir = g_strdup_printf ("%s/%s/%s/%s-%d", tmp_dir, c->backend->name, c->study->name,
                         rows_names[c->rows], c->workers);
  if (c->backend->flags & PS_BACKEND_NEEDS_LAUNCHER)
    run_under_launcher (c, dir, what);
  else
    run_here (c, dir, what);
  assert_same_answer (ref, dir, what);
  rm_rf (dir);
}

/* Whether a backend with a launcher runs @rows at @workers (see the top). */
static gboolean
launched_case (const Study *study, guint study_index, PsRowsMode rows, int workers)
{
  if (g_test_thorough () || !study->has_rows)
    return TRUE;
  return workers == 1 + (int)((study_index + (guint)rows) % 3);
}

int
main (int argc, char **argv)
{
  static const PsRowsMode modes[] = { PS_ROWS_ALL, PS_ROWS_PASSING, PS_ROWS_NONE };
  const PsBackend *const *backends;
  g_autoptr (GPtrArray) studies = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  gboolean launched = TRUE, not_launched = TRUE;
  int status;

  g_test_init (&argc, &argv, NULL);
  for (int i = 1; i < argc; i++)
    {
      launched &= !g_str_equal (argv[i], "--not-launched");
      not_launched &= !g_str_equal (argv[i], "--launched");
    }
  tmp_dir = g_dir_make_tmp ("test-backends-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  studies = studies_new ();
  backends = ps_backends_list ();

  for (guint b = 0; backends[b] != NULL; b++)
    for (guint s = 0; s < studies->len; s++)
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        for (int workers = 1; workers <= 3; workers++)
          {
            const Study *study = studies->pdata[s];
            Case *c;
            g_autofree char *path = NULL;

            if (!study->has_rows && modes[m] != PS_ROWS_NONE)
              continue;
            if ((backends[b]->flags & PS_BACKEND_NEEDS_LAUNCHER)
                    ? !launched || !launched_case (study, s, modes[m], workers)
                    : !not_launched)
              continue;
            c = g_new0 (Case, 1);
            c->backend = backends[b];
            c->study = study;
            c->rows = modes[m];
            c->workers = workers;
            g_ptr_array_add (cases, c);
            path = g_strdup_printf ("/backends/%s/%s/%s/%d", backends[b]->name, study->name,
                                    rows_names[modes[m]], workers);
            g_test_add_data_func (path, c, test_backend);
          }
  status = g_test_run ();

  if (g_getenv ("PS_KEEP_TMP") == NULL)
    rm_rf (tmp_dir);
  for (guint i = 0; i < studies->len; i++)
    {
      Study *study = studies->pdata[i];

      g_free (study->name);
      g_free (study->path);
      g_free (study->rows_path);
      g_free (study);
    }
  g_hash_table_unref (references);
  g_free (tmp_dir);
  return status;
}
