#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "parastudy.h"
#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"

/* End-to-end tests of parastudy-cli: each runs the built program ($PS_CLI) in a
 * temporary folder and checks its exit status, its messages and the files it
 * leaves behind. */

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  return g_build_filename (PS_SOURCE_DATADIR, "examples", name, NULL);
}

/* ---------------------------------------------------------------------------------
 * Temporary folders
 * ------------------------------------------------------------------------------ */

typedef struct
{
  char *path;
} TmpDir;

static TmpDir *
tmp_dir_new (void)
{
  g_autoptr (GError) error = NULL;
  TmpDir *t = g_new0 (TmpDir, 1);

  t->path = g_dir_make_tmp ("parastudy-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  return t;
}

static void
tmp_dir_free (TmpDir *t)
{
  rm_rf (t->path);
  g_free (t->path);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpDir, tmp_dir_free)

static char *
tmp_file (TmpDir *t, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (t->path, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted and joined with spaces; "" when it is empty or
 * missing. */
static char *
dir_listing (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

/* ---------------------------------------------------------------------------------
 * Running the CLI
 * ------------------------------------------------------------------------------ */

/* One message: a single line, ending in a newline. */
static void
assert_one_line (const char *text)
{
  g_assert_cmpuint (strlen (text), >, 1);
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);
}

static void
assert_success (const CliResult *r)
{
  if (r->status != 0)
    g_error ("parastudy-cli exited with %d: %s", r->status, r->err);
  /* stdout is a pipe, not a terminal: no progress line, nothing on stderr. */
  g_assert_cmpstr (r->err, ==, "");
}

/* ---------------------------------------------------------------------------------
 * Reading the results
 * ------------------------------------------------------------------------------ */

static JsonObject *
read_json_object (const char *path, JsonParser **parser_out)
{
  g_autoptr (GError) error = NULL;
  JsonParser *parser = json_parser_new ();
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  *parser_out = parser;
  return json_node_get_object (root);
}

/* Splits CSV text into records of fields, with RFC 4180 quoting. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  GPtrArray *record = NULL;
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gboolean quoted = FALSE;

      if (record == NULL)
        record = g_ptr_array_new_with_free_func (g_free);
      g_string_truncate (field, 0);
      if (*p == '"')
        {
          quoted = TRUE;
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0'); /* an unterminated quote */
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
        }
      while (*p != '\0' && *p != ',' && *p != '\n')
        {
          g_assert_false (quoted); /* text after a closing quote */
          g_string_append_c (field, *p++);
        }
      g_ptr_array_add (record, g_strdup (field->str));
      if (*p == ',')
        {
          p++;
          if (*p == '\n' || *p == '\0')
            g_ptr_array_add (record, g_strdup (""));
        }
      if (*p == '\n' || *p == '\0')
        {
          g_ptr_array_add (records, record);
          record = NULL;
          if (*p == '\n')
            p++;
        }
    }
  g_assert_null (record);
  g_string_free (field, TRUE);
  return records;
}

static const char *
csv_field (GPtrArray *records, guint row, guint col)
{
  GPtrArray *r = g_ptr_array_index (records, row);

  g_assert_cmpuint (col, <, r->len);
  return g_ptr_array_index (r, col);
}

static guint
csv_column (GPtrArray *records, const char *name)
{
  GPtrArray *header = g_ptr_array_index (records, 0);

  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (g_ptr_array_index (header, i), name))
      return i;
  g_error ("no column \"%s\" in results.csv", name);
  return 0;
}

static guint64
count_lines (const char *text)
{
  guint64 n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* Every record has as many fields as the header, and the items are 0, 1, 2... in
 * order when @all_rows. */
static void
assert_csv_shape (GPtrArray *records, gboolean all_rows)
{
  GPtrArray *header;

  g_assert_cmpuint (records->len, >=, 1);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "item");
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *r = g_ptr_array_index (records, i);

      if (r->len != header->len)
        g_error ("results.csv row %u has %u fields, the header %u", i, r->len, header->len);
      if (all_rows)
        g_assert_cmpuint (g_ascii_strtoull (g_ptr_array_index (r, 0), NULL, 10), ==, i - 1);
    }
}

/* materials x sections x spans x loads x positions, from the study file. */
static guint64
study_file_items (const char *path)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *root = read_json_object (path, &parser);
  JsonObject *beam = json_object_get_object_member (root, "beam");
  JsonObject *load = NULL;
  JsonNode *position = NULL;

  if (json_object_has_member (beam, "loads"))
    return design_study_items (beam);
  load = json_object_get_object_member (beam, "load");
  position = json_object_get_member (load, "position");
  return param_count (json_object_get_member (beam, "material"))
         * section_count (json_object_get_member (beam, "section"))
         * param_count (json_object_get_member (beam, "span"))
         * param_count (json_object_get_member (load, "value"))
         * (position != NULL
                    && (JSON_NODE_HOLDS_OBJECT (position) || JSON_NODE_HOLDS_ARRAY (position))
                ? param_count (position)
                : 1);
}

static gboolean
is_beam_study (const char *path)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *root = read_json_object (path, &parser);

  return g_strcmp0 (json_object_get_string_member_with_default (root, "kind", ""), "beam") == 0;
}

/* The summary without what depends on the machine, the backend or the clock. */
static char *
summary_invariant (JsonObject *summary)
{
  static const char *const volatile_keys[]
      = { "backend",        "workers", "wall_seconds", "cpu_seconds",
          "peak_rss_bytes", "started", "machine",      "workers_cpu_seconds" };
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), summary);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) copy = json_from_string (text, NULL);
  JsonObject *obj;

  /* A deep copy, through text: json_node_copy shares the object. */
  g_assert_nonnull (copy);
  obj = json_node_get_object (copy);
  for (guint i = 0; i < G_N_ELEMENTS (volatile_keys); i++)
    if (json_object_has_member (obj, volatile_keys[i]))
      json_object_remove_member (obj, volatile_keys[i]);
  return json_to_string (copy, TRUE);
}

/* ---------------------------------------------------------------------------------
 * run
 * ------------------------------------------------------------------------------ */

#define TIMBER "beam-timber-cantilever.json"

static void
test_run_summary_and_rows (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *out = NULL, *summary_path = NULL, *csv_path = NULL, *csv = NULL;
  g_autofree char *listing = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  const char *const keys[] = { "study",          "items",          "backend",    "workers",
                               "wall_seconds",   "configurations", "passing",    "lightest_passing",
                               "max_deflection", "max_stress",     "item_errors" };
  JsonObject *s;
  guint64 items, want_items = study_file_items (study);
  guint pass_col;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  r = cli_run (tmp->path, "C", "run", study, "--backend", "serial", "--out", out);
  assert_success (r);
  g_assert_nonnull (strstr (r->out, "summary.json"));

  summary_path = g_build_filename (out, "summary.json", NULL);
  s = read_json_object (summary_path, &parser);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (s, keys[i]))
      g_error ("summary.json has no \"%s\"", keys[i]);
  g_assert_cmpstr (json_object_get_string_member (s, "study"), ==, "Timber balcony cantilever");
  g_assert_cmpstr (json_object_get_string_member (s, "backend"), ==, "serial");
  g_assert_cmpint (json_object_get_int_member (s, "workers"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (s, "wall_seconds"), >=, 0.0);
  items = (guint64)json_object_get_int_member (s, "items");
  g_assert_cmpuint (items, ==, want_items);
  g_assert_cmpuint (items, ==, 11 * 9 * 3 * 13 * 2);
  g_assert_cmpint (json_object_get_int_member (s, "configurations"), ==, (gint64)items);
  g_assert_cmpint (json_object_get_int_member (s, "passing"), >, 0);
  g_assert_cmpint (json_object_get_int_member (s, "passing"), <, (gint64)items);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "lightest_passing")));
  g_assert_cmpfloat (json_object_get_double_member (s, "max_deflection"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "max_stress"), >, 0.0);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (s, "item_errors"), "count"), ==,
      0);

  csv_path = g_build_filename (out, "results.csv", NULL);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (csv), ==, items + 1);
  records = csv_parse (csv);
  g_assert_cmpuint (records->len, ==, items + 1);
  assert_csv_shape (records, TRUE);

  /* The summary's passing count is the number of rows that pass. */
  pass_col = csv_column (records, "pass");
  {
    gint64 passing = 0;

    for (guint i = 1; i < records->len; i++)
      passing += g_str_equal (csv_field (records, i, pass_col), "1");
    g_assert_cmpint (passing, ==, json_object_get_int_member (s, "passing"));
  }

  /* The extremes and the lightest passing configuration agree with the rows (which
   * carry 10 significant digits). */
  {
    guint mass_col = csv_column (records, "mass_kg_per_m");
    guint def_col = csv_column (records, "deflection_m");
    guint stress_col = csv_column (records, "stress_Pa");
    JsonObject *lightest = json_object_get_object_member (s, "lightest_passing");
    double max_def = 0, max_stress = 0, min_mass = G_MAXDOUBLE;
    guint64 min_item = G_MAXUINT64;

    for (guint i = 1; i < records->len; i++)
      {
        double mass = g_ascii_strtod (csv_field (records, i, mass_col), NULL);

        max_def = MAX (max_def, g_ascii_strtod (csv_field (records, i, def_col), NULL));
        max_stress = MAX (max_stress, g_ascii_strtod (csv_field (records, i, stress_col), NULL));
        if (g_str_equal (csv_field (records, i, pass_col), "1") && mass < min_mass)
          {
            min_mass = mass;
            min_item = i - 1;
          }
      }
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "max_deflection"), max_def,
                                    1e-9 * max_def);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "max_stress"), max_stress,
                                    1e-9 * max_stress);
    g_assert_cmpint (json_object_get_int_member (lightest, "item"), ==, (gint64)min_item);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (lightest, "mass_per_metre"),
                                    min_mass, 1e-9 * min_mass);
  }

  /* Only the two results: no temporary files left behind. */
  listing = dir_listing (out);
  g_assert_cmpstr (listing, ==, "results.csv summary.json");
}

static void
test_run_rows_passing (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *out = NULL, *summary_path = NULL, *csv_path = NULL, *csv = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *s;
  gint64 passing;
  guint pass_col, def_col, str_col;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  r = cli_run (tmp->path, "C", "run", study, "--backend", "serial", "--rows", "passing", "--out",
               out);
  assert_success (r);
  summary_path = g_build_filename (out, "summary.json", NULL);
  s = read_json_object (summary_path, &parser);
  passing = json_object_get_int_member (s, "passing");
  g_assert_cmpint (passing, >, 0);

  csv_path = g_build_filename (out, "results.csv", NULL);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (csv), ==, (guint64)passing + 1);
  records = csv_parse (csv);
  g_assert_cmpuint (records->len, ==, (guint)passing + 1);
  assert_csv_shape (records, FALSE);
  pass_col = csv_column (records, "pass");
  def_col = csv_column (records, "pass_deflection");
  str_col = csv_column (records, "pass_strength");
  for (guint i = 1; i < records->len; i++)
    {
      g_assert_cmpstr (csv_field (records, i, pass_col), ==, "1");
      g_assert_cmpstr (csv_field (records, i, def_col), ==, "1");
      g_assert_cmpstr (csv_field (records, i, str_col), ==, "1");
      if (i > 1)
        g_assert_cmpuint (g_ascii_strtoull (csv_field (records, i, 0), NULL, 10), >,
                          g_ascii_strtoull (csv_field (records, i - 1, 0), NULL, 10));
    }
}

static void
test_run_rows_none (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *out = NULL, *stale = NULL, *listing = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  /* A results.csv of an earlier run would not match this summary. */
  stale = g_build_filename (out, "results.csv", NULL);
  g_file_set_contents (stale, "stale\n", -1, &error);
  g_assert_no_error (error);

  r = cli_run (tmp->path, "C", "run", study, "--rows", "none", "--out", out);
  assert_success (r);
  listing = dir_listing (out);
  g_assert_cmpstr (listing, ==, "summary.json");
}

static void
test_run_json (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *out = NULL, *summary_path = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (JsonParser) parser = NULL, stdout_parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *s, *printed;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  r = cli_run (tmp->path, "C", "run", study, "--json", "--rows", "none", "--out", out);
  assert_success (r);

  json_parser_load_from_data (stdout_parser, r->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (stdout_parser)));
  printed = json_node_get_object (json_parser_get_root (stdout_parser));

  summary_path = g_build_filename (out, "summary.json", NULL);
  s = read_json_object (summary_path, &parser);
  g_assert_cmpint (json_object_get_int_member (printed, "passing"), ==,
                   json_object_get_int_member (s, "passing"));
  g_assert_cmpint (json_object_get_int_member (printed, "items"), ==,
                   json_object_get_int_member (s, "items"));
  g_assert_cmpstr (json_object_get_string_member (printed, "study_sha256"), ==,
                   json_object_get_string_member (s, "study_sha256"));
}

/* Without --out the results go to STUDY-results in the current folder. */
static void
test_run_default_out_dir (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *example = example_path (TIMBER);
  g_autofree char *text = NULL, *study = NULL, *out = NULL, *listing = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  g_file_get_contents (example, &text, NULL, &error);
  g_assert_no_error (error);
  study = tmp_file (tmp, "balcony.json", text);
  r = cli_run (tmp->path, "C", "run", "balcony.json", "--rows", "passing");
  assert_success (r);
  out = g_build_filename (tmp->path, "balcony-results", NULL);
  listing = dir_listing (out);
  g_assert_cmpstr (listing, ==, "results.csv summary.json");
}

/* ---------------------------------------------------------------------------------
 * Backends give the same answer
 * ------------------------------------------------------------------------------ */

/* 2 x 16 x 16 x 32 x 8 = 131072 items: four chunks, with a point load at positions
 * some of which lie beyond the shorter spans (error rows), and self-weight. */
static const char backend_study[]
    = "{\n"
      "  \"parastudy\": 1,\n"
      "  \"kind\": \"beam\",\n"
      "  \"name\": \"Backend comparison\",\n"
      "  \"beam\": {\n"
      "    \"support\": \"simply-supported\",\n"
      "    \"load\": { \"type\": \"point\",\n"
      "              \"value\": { \"from\": \"10 kN\", \"to\": \"200 kN\", \"steps\": 32 },\n"
      "              \"position\": [\"0.5 m\", \"1.5 m\", \"2.5 m\", \"3.5 m\", \"5 m\", \"7 m\",\n"
      "                             \"9 m\", \"11 m\"] },\n"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"10 m\", \"steps\": 16 },\n"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": [\"100 mm\", \"200 mm\"],\n"
      "                 \"h\": { \"from\": \"200 mm\", \"to\": \"600 mm\", \"steps\": 8 } },\n"
      "    \"material\": [\"S355\", \"C24\"],\n"
      "    \"self_weight\": true\n"
      "  },\n"
      "  \"checks\": { \"deflection_limit\": \"L/360\", \"safety_factor\": 1.5 }\n"
      "}\n";

typedef struct
{
  const char *name;
  const char *example; /* NULL: backend_study */
  const char *rows;
} BackendCase;

static const BackendCase backend_cases[] = {
  { "point-at-positions", NULL, "all" },
  { "timber-cantilever", TIMBER, "all" },
  { "crane-girder", "beam-crane-girder.json", "all" },
  { "steel-ipe-passing", "beam-steel-ipe.json", "passing" },
  /* 3,000,000 items in 92 chunks: the summary only. */
  { "grid-summary", "beam-grid.json", "none" },
};

static void
test_backends_identical (gconstpointer data)
{
  const BackendCase *c = data;
  const char *const runs[][3] = {
    { "serial", "1", "serial-1" },   { "serial", "2", "serial-2" },
    { "threads", "1", "threads-1" }, { "threads", "2", "threads-2" },
    { "threads", "3", "threads-3" },
  };
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = NULL;
  g_autofree char *ref_csv = NULL, *ref_summary = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  study = c->example ? example_path (c->example) : tmp_file (tmp, "study.json", backend_study);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = g_build_filename (tmp->path, runs[i][2], NULL);
      g_autofree char *csv_path = g_build_filename (out, "results.csv", NULL);
      g_autofree char *summary_path = g_build_filename (out, "summary.json", NULL);
      g_autofree char *csv = NULL, *summary = NULL;
      g_autoptr (CliResult) r = NULL;
      g_autoptr (JsonParser) parser = NULL;
      g_autoptr (GError) error = NULL;
      gsize csv_len = 0;
      JsonObject *s;

      r = cli_run (tmp->path, "C", "run", study, "--backend", runs[i][0], "--workers", runs[i][1],
                   "--rows", c->rows, "--out", out);
      assert_success (r);
      s = read_json_object (summary_path, &parser);
      g_assert_cmpstr (json_object_get_string_member (s, "backend"), ==, runs[i][0]);
      /* The serial backend uses one core whatever --workers says. */
      if (g_str_equal (runs[i][0], "threads") || g_str_equal (runs[i][1], "1"))
        g_assert_cmpint (json_object_get_int_member (s, "workers"), ==,
                         g_ascii_strtoll (runs[i][1], NULL, 10));
      summary = summary_invariant (s);
      if (!g_str_equal (c->rows, "none"))
        {
          g_file_get_contents (csv_path, &csv, &csv_len, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (csv_len, >, 0);
        }
      else
        g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));

      if (i == 0)
        {
          ref_csv = g_steal_pointer (&csv);
          ref_summary = g_steal_pointer (&summary);
          continue;
        }
      g_assert_cmpstr (summary, ==, ref_summary);
      /* Byte for byte; g_assert_cmpstr would print megabytes on failure. */
      if (g_strcmp0 (csv, ref_csv) != 0)
        g_error ("%s: results.csv of %s differs from serial", c->name, runs[i][2]);
    }
  /* Rows of the point-at study include error rows, in item order too. */
  if (c->example == NULL)
    g_assert_nonnull (strstr (ref_csv, "not inside the span"));
}

/* ---------------------------------------------------------------------------------
 * Items that cannot be computed
 * ------------------------------------------------------------------------------ */

static void
test_run_item_errors (void)
{
  /* In SI, written into the study as numbers: positions at, beyond and inside the
   * spans. */
  static const double spans[] = { 4.0, 6.0, 8.0 };
  static const double positions[] = { 1.0, 2.5, 4.0, 5.5, 7.0, 8.0 };
  static const char *const loads = "[\"60 kN\", \"75 kN\", \"90 kN\", \"105 kN\", \"120 kN\"]";
  static const char *const sections = "[\"HEB 240\", \"HEB 260\", \"HEB 300\"]";
  static const guint64 n_loads = 5, n_sections = 3, n_materials = 1;
  g_autoptr (TmpDir) tmp = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *study = NULL, *out = NULL, *summary_path = NULL, *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *s, *errors;
  JsonArray *first;
  guint64 want = 0, items, error_rows = 0;
  guint err_col, pass_col, def_col;
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  if (!have_cli ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    for (guint k = 0; k < G_N_ELEMENTS (positions); k++)
      if (positions[k] >= spans[i])
        want++;
  want *= n_loads * n_sections * n_materials;
  items = G_N_ELEMENTS (spans) * G_N_ELEMENTS (positions) * n_loads * n_sections * n_materials;

  g_string_append (text, "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Crane runway\",\n"
                         "  \"beam\": { \"support\": \"simply-supported\",\n"
                         "    \"load\": { \"type\": \"point\", \"value\": ");
  g_string_append (text, loads);
  g_string_append (text, ", \"position\": [");
  for (guint k = 0; k < G_N_ELEMENTS (positions); k++)
    g_string_append_printf (text, "%s%s", k ? ", " : "",
                            g_ascii_dtostr (num, sizeof num, positions[k]));
  g_string_append (text, "] },\n    \"span\": [");
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "",
                            g_ascii_dtostr (num, sizeof num, spans[i]));
  g_string_append (text, "],\n    \"section\": { \"shape\": \"standard\", \"designation\": ");
  g_string_append (text, sections);
  g_string_append (text, " },\n    \"material\": \"S355\", \"self_weight\": true },\n"
                         "  \"checks\": { \"deflection_limit\": \"L/600\", "
                         "\"safety_factor\": 1.35 } }\n");

  tmp = tmp_dir_new ();
  study = tmp_file (tmp, "crane.json", text->str);
  g_assert_cmpuint (study_file_items (study), ==, items);
  out = g_build_filename (tmp->path, "out", NULL);
  r = cli_run (tmp->path, "C", "run", study, "--backend", "threads", "--workers", "2", "--rows",
               "all", "--out", out);
  assert_success (r);
  /* The text summary mentions the item errors. */
  g_assert_nonnull (strstr (r->out, "item errors"));

  summary_path = g_build_filename (out, "summary.json", NULL);
  s = read_json_object (summary_path, &parser);
  g_assert_cmpint (json_object_get_int_member (s, "items"), ==, (gint64)items);
  errors = json_object_get_object_member (s, "item_errors");
  g_assert_nonnull (errors);
  g_assert_cmpint (json_object_get_int_member (errors, "count"), ==, (gint64)want);
  /* 7 (span, position) pairs with a >= L, times 5 loads and 3 sections: more errors
   * than the summary lists. */
  g_assert_cmpint (json_object_get_int_member (errors, "count"), ==, 105);
  g_assert_cmpint (json_object_get_int_member (s, "computed"), ==, (gint64)(items - want));
  first = json_object_get_array_member (errors, "first");
  g_assert_cmpuint (json_array_get_length (first), ==, MIN (want, PS_MAX_REPORTED_ERRORS));

  csv_path = g_build_filename (out, "results.csv", NULL);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  records = csv_parse (csv);
  g_assert_cmpuint (records->len, ==, items + 1);
  assert_csv_shape (records, TRUE);
  err_col = csv_column (records, "error");
  pass_col = csv_column (records, "pass");
  def_col = csv_column (records, "deflection_m");
  for (guint i = 1; i < records->len; i++)
    {
      const char *e = csv_field (records, i, err_col);

      if (*e == '\0')
        {
          g_assert_cmpstr (csv_field (records, i, pass_col), !=, "");
          continue;
        }
      error_rows++;
      g_assert_nonnull (strstr (e, "not inside the span"));
      g_assert_cmpstr (csv_field (records, i, pass_col), ==, "");
      g_assert_cmpstr (csv_field (records, i, def_col), ==, "");
    }
  g_assert_cmpuint (error_rows, ==, want);

  /* The reported errors are the first ones, in item order, with the rows' messages. */
  for (guint j = 0; j < json_array_get_length (first); j++)
    {
      JsonObject *e = json_array_get_object_element (first, j);
      gint64 item = json_object_get_int_member (e, "item");

      g_assert_cmpint (item, >=, 0);
      g_assert_cmpint (item, <, (gint64)items);
      if (j > 0)
        {
          JsonObject *prev = json_array_get_object_element (first, j - 1);

          g_assert_cmpint (item, >, json_object_get_int_member (prev, "item"));
        }
      g_assert_cmpstr (json_object_get_string_member (e, "message"), ==,
                       csv_field (records, (guint)item + 1, err_col));
    }
}

/* ---------------------------------------------------------------------------------
 * validate, example, backends
 * ------------------------------------------------------------------------------ */

static void
test_validate_examples (void)
{
  g_autofree char *dir_path = example_path ("");
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TmpDir) tmp = NULL;
  const char *name;
  guint n = 0;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *want = NULL;
      g_autoptr (CliResult) r = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      r = cli_run (tmp->path, "C", "validate", path);
      if (!is_beam_study (path))
        {
          /* Other kinds validate, or are refused as not supported by this build. */
          if (r->status != 0)
            {
              g_assert_cmpint (r->status, ==, 2);
              g_assert_nonnull (strstr (r->err, "not supported"));
            }
          continue;
        }
      assert_success (r);
      want = g_strdup_printf (" %" G_GUINT64_FORMAT " items", study_file_items (path));
      g_assert_nonnull (strstr (r->out, "valid beam study"));
      g_assert_nonnull (strstr (r->out, want));
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
  /* Validating writes nothing. */
  {
    g_autofree char *listing = dir_listing (tmp->path);

    g_assert_cmpstr (listing, ==, "");
  }
}

static void
test_example_validates (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autoptr (CliResult) r = NULL, v = NULL, bad = NULL;
  g_autofree char *path = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  r = cli_run (tmp->path, "C", "example", "beam");
  assert_success (r);
  g_assert_true (g_str_has_prefix (r->out, "{"));
  path = tmp_file (tmp, "example.json", r->out);
  v = cli_run (tmp->path, "C", "validate", path);
  assert_success (v);
  g_assert_nonnull (strstr (v->out, "valid beam study"));

  bad = cli_run (tmp->path, "C", "example", "bridge");
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_cmpstr (bad->out, ==, "");
  g_assert_nonnull (strstr (bad->err, "bridge"));
}

/* A study file in Latin-1 (a lab's editor saved "Viga é" on line 3): exit 2, the file
 * named once and the line of the first byte that is not UTF-8. */
static void
test_validate_not_utf8 (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autofree char *path = NULL;
  const char *p;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  path = tmp_file (tmp, "latin1.json", "{\n  \"parastudy\": 1,\n  \"name\": \"Viga \xe9\",\n}\n");
  r = cli_run (tmp->path, "C", "validate", path);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_nonnull (strstr (r->err, "line 3: not UTF-8 text (byte 0xE9)"));
  p = strstr (r->err, "latin1.json");
  g_assert_nonnull (p);
  g_assert_null (strstr (p + 1, "latin1.json"));
}

static void
test_backends_list (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autoptr (CliResult) r = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean serial = FALSE, threads = FALSE;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  r = cli_run (tmp->path, "C", "backends");
  assert_success (r);
  lines = g_strsplit (r->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      /* "serial     available  one core…"; " available" is not in " unavailable". */
      if (g_str_has_prefix (line, "serial ") && strstr (line, " available ") != NULL)
        serial = TRUE;
      if (g_str_has_prefix (line, "threads ") && strstr (line, " available ") != NULL)
        threads = TRUE;
    }
  g_assert_true (serial);
  g_assert_true (threads);
}

/* ---------------------------------------------------------------------------------
 * Bad input: exit status 2, one message that names the problem, no files left
 * ------------------------------------------------------------------------------ */

static const char malformed_study[] = "{ \"parastudy\": 1, \"kind\": \"beam\",\n  \"name\": ";

static const char broken_study[]
    = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Broken\",\n"
      "  \"beam\": { \"support\": \"simply-supported\",\n"
      "    \"load\": { \"type\": \"point\", \"value\": \"10 kN\" },\n"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"6 m\", \"steps\": 0 },\n"
      "    \"section\": { \"shape\": \"standard\", \"designation\": \"IPE 300\" },\n"
      "    \"material\": \"S355\" } }\n";

/* In args, "@OUT@" is the output folder, "@GOOD@" a valid study, "@BROKEN@" one with
 * an invalid value, "@MALFORMED@" one that is not JSON and "@MISSING@" a file that
 * does not exist. */
typedef struct
{
  const char *name;
  const char *args[12];
  gboolean one_line; /* the whole of stderr is one line */
  const char *want_words[3];
} BadArgsCase;

static const BadArgsCase bad_args_cases[] = {
  { "missing-file",
    { "run", "@MISSING@", "--out", "@OUT@" },
    TRUE,
    { "missing.json", "No such file" } },
  { "malformed-json",
    { "run", "@MALFORMED@", "--out", "@OUT@" },
    TRUE,
    { "malformed.json", "JSON" } },
  { "invalid-study",
    { "run", "@BROKEN@", "--out", "@OUT@" },
    TRUE,
    { "broken.json", "beam.span.steps", "must be" } },
  { "unknown-backend",
    { "run", "@GOOD@", "--backend", "quantum", "--out", "@OUT@" },
    TRUE,
    { "backend", "\"quantum\"", "serial" } },
  { "workers-negative",
    { "run", "@GOOD@", "--workers", "-1", "--out", "@OUT@" },
    TRUE,
    { "--workers", "-1" } },
  { "workers-too-many",
    { "run", "@GOOD@", "--workers", "5000", "--out", "@OUT@" },
    TRUE,
    { "--workers", "4096" } },
  { "workers-not-a-number",
    { "run", "@GOOD@", "--workers", "many", "--out", "@OUT@" },
    TRUE,
    { "many" } },
  { "rows-bogus",
    { "run", "@GOOD@", "--rows", "bogus", "--out", "@OUT@" },
    TRUE,
    { "--rows", "bogus" } },
  { "unknown-option",
    { "run", "@GOOD@", "--frobnicate", "--out", "@OUT@" },
    TRUE,
    { "frobnicate" } },
  { "no-study", { "run", "--out", "@OUT@" }, TRUE, { "study" } },
  { "two-studies", { "run", "@GOOD@", "@GOOD@", "--out", "@OUT@" }, TRUE, { "one study" } },
  { "validate-missing", { "validate", "@MISSING@" }, TRUE, { "missing.json" } },
  { "validate-broken", { "validate", "@BROKEN@" }, TRUE, { "broken.json", "beam.span.steps" } },
  { "validate-malformed", { "validate", "@MALFORMED@" }, TRUE, { "malformed.json", "JSON" } },
  { "validate-no-file", { "validate" }, TRUE, { "study file" } },
  { "unknown-command", { "frobnicate" }, FALSE, { "unknown command", "frobnicate", "Usage" } },
};

static void
assert_nothing_written (const char *out)
{
  g_autofree char *listing = dir_listing (out);

  /* The folder may have been created, but holds no result and no temporary file. */
  if (listing[0] != '\0')
    g_error ("the failed run left files behind in %s: %s", out, listing);
}

static void
test_bad_args (gconstpointer data)
{
  const BadArgsCase *c = data;
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *good = example_path (TIMBER);
  g_autofree char *out = NULL, *broken = NULL, *malformed = NULL, *missing = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (CliResult) r = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  broken = tmp_file (tmp, "broken.json", broken_study);
  malformed = tmp_file (tmp, "malformed.json", malformed_study);
  missing = g_build_filename (tmp->path, "missing.json", NULL);
  for (guint i = 0; c->args[i] != NULL; i++)
    {
      const char *a = c->args[i];

      if (g_str_equal (a, "@OUT@"))
        a = out;
      else if (g_str_equal (a, "@GOOD@"))
        a = good;
      else if (g_str_equal (a, "@BROKEN@"))
        a = broken;
      else if (g_str_equal (a, "@MALFORMED@"))
        a = malformed;
      else if (g_str_equal (a, "@MISSING@"))
        a = missing;
      g_ptr_array_add (args, (gpointer)a);
    }
  g_ptr_array_add (args, NULL);
  r = cli_runv (tmp->path, "C", NULL, NULL, (const char *const *)args->pdata);

  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  if (c->one_line)
    assert_one_line (r->err);
  for (guint i = 0; i < G_N_ELEMENTS (c->want_words) && c->want_words[i] != NULL; i++)
    if (strstr (r->err, c->want_words[i]) == NULL)
      g_error ("%s: expected \"%s\" in stderr: %s", c->name, c->want_words[i], r->err);
  assert_nothing_written (out);
}

/* An output folder that cannot be created: a clear message and a failed run. */
static void
test_run_unwritable_out (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *file = NULL, *out = NULL;
  g_autoptr (CliResult) r = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  file = tmp_file (tmp, "a-file", "not a folder\n");
  out = g_build_filename (file, "out", NULL);
  r = cli_run (tmp->path, "C", "run", study, "--out", out);
  g_assert_cmpint (r->status, !=, 0);
  g_assert_cmpint (r->status, !=, -1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, out));
  g_assert_nonnull (strstr (r->err, "output folder"));
  g_assert_nonnull (strstr (r->err, "Not a directory"));
  assert_one_line (r->err);
}

/* A write that fails part way (the file size limit, like a full disk): the partial
 * results are removed and no summary is written. */
static void
limit_file_size (gpointer data)
{
  struct rlimit rl = { 64 * 1024, 64 * 1024 };

  /* EFBIG from write() instead of SIGXFSZ. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rl);
}

static void
test_run_write_fails (void)
{
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = example_path (TIMBER);
  g_autofree char *out = NULL;
  g_autoptr (CliResult) r = NULL;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  out = g_build_filename (tmp->path, "out", NULL);
  r = cli_runv (tmp->path, "C", NULL, limit_file_size,
                (const char *const[]){ "run", study, "--backend", "serial", "--rows", "all",
                                       "--out", out, NULL });
  g_assert_cmpint (r->status, !=, 0);
  g_assert_cmpint (r->status, !=, -1);
  g_assert_nonnull (strstr (r->err, "results.csv"));
  assert_nothing_written (out);
}

/* Ctrl+C during a run: exit status 130 and neither results.csv, summary.json nor the
 * temporary rows file are left behind. */
static void
test_run_cancelled (void)
{
  /* 10^7 items: far more rows than are written before the signal arrives. */
  static const char big_study[]
      = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Big\",\n"
        "  \"beam\": { \"support\": \"simply-supported\",\n"
        "    \"load\": { \"type\": \"point\", \"position\": \"midspan\",\n"
        "              \"value\": { \"from\": \"10 kN\", \"to\": \"200 kN\", \"steps\": 1000 } },\n"
        "    \"span\": { \"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 100 },\n"
        "    \"section\": { \"shape\": \"rectangular\", \"b\": \"300 mm\",\n"
        "                 \"h\": { \"from\": \"200 mm\", \"to\": \"1000 mm\", \"steps\": 100 } },\n"
        "    \"material\": \"S355\" } }\n";
  g_autoptr (TmpDir) tmp = NULL;
  g_autofree char *study = NULL, *out = NULL, *err = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline;
  gboolean started = FALSE;

  if (!have_cli ())
    return;
  tmp = tmp_dir_new ();
  study = tmp_file (tmp, "big.json", big_study);
  out = g_build_filename (tmp->path, "out", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, tmp->path);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "run", study, "--backend",
                                      "threads", "--workers", "2", "--rows", "all", "--out", out,
                                      NULL);
  g_assert_no_error (error);

  /* Wait until the rows are being written, then interrupt. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!started && g_get_monotonic_time () < deadline)
    {
      g_autofree char *listing = dir_listing (out);

      started = strstr (listing, ".parastudy-stage-") != NULL;
      if (!started)
        g_usleep (2000);
    }
  g_assert_true (started);
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 130);
  g_assert_nonnull (strstr (err, "cancelled"));
  assert_nothing_written (out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/run/summary-and-rows", test_run_summary_and_rows);
  g_test_add_func ("/cli/run/rows-passing", test_run_rows_passing);
  g_test_add_func ("/cli/run/rows-none", test_run_rows_none);
  g_test_add_func ("/cli/run/json", test_run_json);
  g_test_add_func ("/cli/run/default-out-dir", test_run_default_out_dir);
  g_test_add_func ("/cli/run/item-errors", test_run_item_errors);
  g_test_add_func ("/cli/run/unwritable-out", test_run_unwritable_out);
  g_test_add_func ("/cli/run/write-fails", test_run_write_fails);
  g_test_add_func ("/cli/run/cancelled", test_run_cancelled);
  for (guint i = 0; i < G_N_ELEMENTS (backend_cases); i++)
    {
      g_autofree char *path
          = g_strconcat ("/cli/run/backends-identical/", backend_cases[i].name, NULL);

      g_test_add_data_func (path, &backend_cases[i], test_backends_identical);
    }
  g_test_add_func ("/cli/validate/examples", test_validate_examples);
  g_test_add_func ("/cli/example/validates", test_example_validates);
  g_test_add_func ("/cli/validate/not-utf8", test_validate_not_utf8);
  g_test_add_func ("/cli/backends/list", test_backends_list);
  for (guint i = 0; i < G_N_ELEMENTS (bad_args_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/cli/bad-input/", bad_args_cases[i].name, NULL);

      g_test_add_data_func (path, &bad_args_cases[i], test_bad_args);
    }

  return g_test_run ();
}
