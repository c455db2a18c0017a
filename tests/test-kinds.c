/* test-kinds.c: the table of study kinds (study/ps-kind.h), the summary rows every
 * front end prints (study/ps-summary.h, ps-run-view.h) and the JSON path carried by
 * validation errors (ps-error.h). */
#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "plot/ps-plot-study.h"
#include "ps-cli-test-utils.h"
#include "ps-run-view.h"
#include "ps-test-utils.h"
#include "studies/empty/ps-empty.h"
#include "studies/regression/ps-regression.h"
#include "studies/reliability/ps-reliability.h"

/* The kinds as the issue lists them, in the order menus show them. */
static const char *const visible[] = { "beam", "reliability", "regression", NULL };

/* ---------------------------------------------------------------------------------
 * The table
 * ------------------------------------------------------------------------------ */

static void
test_table_order (void)
{
  const PsKindClass *const *kinds = ps_kinds_list ();
  guint n = 0, shown = 0;

  for (; kinds[n] != NULL; n++)
    {
      g_assert_true (ps_kind_lookup (kinds[n]->name) == kinds[n]);
      for (guint k = 0; k < n; k++)
        g_assert_cmpstr (kinds[k]->name, !=, kinds[n]->name);
      if (!kinds[n]->hidden)
        {
          g_assert_cmpstr (kinds[n]->name, ==, visible[shown]);
          shown++;
        }
    }
  g_assert_cmpuint (shown, ==, g_strv_length ((char **)visible));
  g_assert_true (ps_kind_lookup ("beam") == &ps_beam_class);
  g_assert_true (ps_kind_lookup ("reliability") == &ps_reliability_class);
  g_assert_true (ps_kind_lookup ("regression") == &ps_regression_class);
  /* The benchmarks' kind is there, but not offered. */
  g_assert_true (ps_kind_lookup ("empty") == &ps_empty_class);
  g_assert_true (ps_empty_class.hidden);
  g_assert_null (ps_kind_lookup ("bridge"));
  g_assert_null (ps_kind_lookup (""));
  g_assert_null (ps_kind_lookup (NULL));
}

static void
test_names_text (void)
{
  g_autofree char *plain = ps_kinds_names_text (FALSE);
  g_autofree char *quoted = ps_kinds_names_text (TRUE);

  g_assert_cmpstr (plain, ==, "beam, reliability or regression");
  g_assert_cmpstr (quoted, ==, "\"beam\", \"reliability\" or \"regression\"");
}

/* What a front end needs of a kind it offers is there, and the example is a study of
 * that kind. */
static void
test_visible_kinds_complete (void)
{
  static const char *const common_keys[] = { "parastudy", "kind", "name", "description", NULL };

  for (guint i = 0; visible[i] != NULL; i++)
    {
      const PsKindClass *k = ps_kind_lookup (visible[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = NULL;
      const char *percent;
      guint n_charts = 0;

      g_test_message ("%s", visible[i]);
      g_assert_nonnull (k->label);
      g_assert_nonnull (k->title_new);
      g_assert_nonnull (k->summary_title);
      /* One %s, the study's name. */
      percent = strchr (k->summary_title, '%');
      g_assert_nonnull (percent);
      g_assert_true (g_str_has_prefix (percent, "%s"));
      g_assert_null (strchr (percent + 1, '%'));
      for (guint j = 0; common_keys[j] != NULL; j++)
        g_assert_true (g_strv_contains (k->top_level_keys, common_keys[j]));
      g_assert_nonnull (k->init);
      g_assert_nonnull (k->eval);
      g_assert_nonnull (k->merge);
      g_assert_nonnull (k->summary_to_json);
      g_assert_nonnull (k->summary_rows);
      g_assert_nonnull (k->chart_data_file);
      g_assert_nonnull (k->chart_build);
      for (; k->charts != NULL && k->charts[n_charts].name != NULL; n_charts++)
        g_assert_nonnull (k->charts[n_charts].description);
      g_assert_cmpuint (n_charts, >=, 2);
      g_assert_nonnull (k->report_inputs);
      g_assert_nonnull (k->report_charts);
      for (guint c = 0; k->report_charts[c].chart != NULL; c++)
        {
          gboolean found = FALSE;

          for (guint j = 0; j < n_charts; j++)
            found |= g_str_equal (k->charts[j].name, k->report_charts[c].chart);
          g_assert_true (found);
        }

      g_assert_nonnull (k->example);
      study = ps_study_load_data (k->example, -1, &error);
      g_assert_no_error (error);
      g_assert_true (ps_study_get_kind (study) == k);
      g_assert_cmpstr (ps_study_get_kind_name (study), ==, visible[i]);
    }
}

/* A study file's root may hold its kind's keys only; the message lists them. */
static void
test_top_level_keys (void)
{
  for (guint i = 0; visible[i] != NULL; i++)
    {
      const PsKindClass *k = ps_kind_lookup (visible[i]);
      g_autoptr (JsonNode) root = json_from_string (k->example, NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = NULL;

      json_object_set_int_member (json_node_get_object (root), "colour", 3);
      text = json_to_string (root, FALSE);
      study = ps_study_load_data (text, -1, &error);
      g_assert_null (study);
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "colour: "));
      for (guint j = 0; k->top_level_keys[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, k->top_level_keys[j]));
    }
}

/* ---------------------------------------------------------------------------------
 * Summary rows
 * ------------------------------------------------------------------------------ */

static const PsSummaryRow *
find_row (GPtrArray *rows, const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PsSummaryRow *r = g_ptr_array_index (rows, i);

      if (g_str_equal (r->key, key))
        return r;
    }
  g_error ("no row \"%s\"", key);
  return NULL;
}

typedef struct
{
  const char *example;
  const char *count_key; /* a whole-number row whose value is this member of summary.json */
} RowsCase;

static const RowsCase rows_cases[] = {
  { "beam-timber-cantilever.json", "configurations" },
  { "reliability-load-strength.json", "samples" },
  { "regression-coupons.json", "specimens" },
};

/* The summary parastudy-cli run prints is the terminal view's rows of the
 * summary.json it wrote, line by line, in every language; the rows' values are
 * summary.json's. */
/* Whether @locale is installed and this build's catalogues are known
 * ($PARASTUDY_LOCALEDIR, set by meson test). */
static gboolean
have_locale (const char *locale)
{
  gboolean ok;

  if (g_str_equal (locale, "C"))
    return TRUE;
  if (g_getenv ("PARASTUDY_LOCALEDIR") == NULL)
    return FALSE;
  ok = setlocale (LC_ALL, locale) != NULL;
  setlocale (LC_ALL, "C");
  return ok;
}

static void
test_rows_match_cli (gconstpointer data)
{
  const RowsCase *c = data;
  const char *locales[] = { "C", "pt_BR.UTF-8", "es_ES.UTF-8" };
  g_autofree char *dir = g_dir_make_tmp ("ps-kinds-XXXXXX", NULL);
  g_autofree char *examples = g_strdup (g_getenv ("PS_EXAMPLES"));
  g_autofree char *study = g_build_filename (examples, c->example, NULL);

  if (!have_cli ())
    return;
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autofree char *out = g_build_filename (dir, locales[l], NULL);
      g_autoptr (CliResult) r = cli_run (examples, locales[l], "run", study, "--out", out,
                                         "--no-history", "--workers", "2");
      g_autoptr (GError) error = NULL;
      g_autoptr (PsRunView) view = NULL;
      g_autofree char *text = NULL;
      GPtrArray *rows;

      if (!have_locale (locales[l]))
        {
          g_test_message ("%s is not installed", locales[l]);
          continue;
        }
      g_assert_cmpint (r->status, ==, 0);
      view = ps_run_view_load (out, &error);
      g_assert_no_error (error);
      g_assert_true (view->kind == ps_kind_lookup (view->kind_name));
      /* The rows' text in the language the CLI ran in. */
      g_assert_nonnull (setlocale (LC_ALL, locales[l]));
      text = ps_run_view_summary_text (view);
      rows = ps_run_view_get_rows (view, PS_SUMMARY_TERMINAL);
      g_assert_nonnull (setlocale (LC_ALL, "C"));
      /* All of it but the last line, which lists the files written. */
      g_test_message ("%s", r->out);
      g_assert_true (g_str_has_prefix (r->out, text));
      g_assert_cmpuint (text[strlen (text) - 1], ==, '\n');
      {
        const char *rest = r->out + strlen (text);
        const char *end = strchr (rest, '\n');

        g_assert_nonnull (end);
        g_assert_cmpstr (end + 1, ==, "");
        g_assert_nonnull (g_strstr_len (rest, end - rest, "summary.json"));
      }

      g_assert_cmpfloat (find_row (rows, c->count_key)->values[0], ==,
                         ps_summary_get_number (view->summary, c->count_key));
      g_assert_cmpstr (find_row (rows, "run")->unit, ==, "s");
      g_assert_cmpfloat (find_row (rows, "run")->values[0], ==, view->wall_seconds);
    }
  rm_rf (dir);
}

/* The Summary tab's figures have the keys the GUI and its tests look up. */
static void
test_screen_rows_keys (void)
{
  static const char *const beam_keys[] = { "configurations",
                                           "passing",
                                           "passing_percent",
                                           "failing_deflection",
                                           "failing_strength",
                                           "max_deflection",
                                           "max_stress",
                                           "max_moment",
                                           "max_utilisation",
                                           "run",
                                           NULL };
  static const char *const reliability_keys[]
      = { "pf", "pf_ci95", "beta", "beta_ci95", "cov", "samples", "failures", "run", NULL };
  const char *const *keys[] = { beam_keys, reliability_keys };
  const char *examples[] = { "beam-timber-cantilever.json", "reliability-load-strength.json" };

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr (PsStudy) study = load_example (examples[e]);
      g_autoptr (PsRunResult) result = NULL;
      g_autoptr (PsRunView) view = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *json = NULL;
      PsRunOptions o;
      GPtrArray *rows;

      ps_run_options_init (&o);
      o.backend = "serial";
      result = ps_run_study (study, &o, &error);
      g_assert_no_error (error);
      json = ps_run_summary_json (study, result);
      view = ps_run_view_new_from_data (json, -1, &error);
      g_assert_no_error (error);
      rows = ps_run_view_get_rows (view, PS_SUMMARY_SCREEN);
      for (guint i = 0; keys[e][i] != NULL; i++)
        g_assert_nonnull (find_row (rows, keys[e][i]));
      /* Borrowed and kept: asked twice, the same rows. */
      g_assert_true (ps_run_view_get_rows (view, PS_SUMMARY_SCREEN) == rows);
    }
}

/* The run's item errors come back from summary.json: their count, and the first ones
 * with their item. A point load beyond the span is an item error (the span is 3.5
 * m, the positions 1 m and 4 m). */
static void
test_view_errors (void)
{
  static const char text[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Beyond\", \"beam\": {"
        "\"support\": \"simply-supported\", \"load\": {\"type\": \"point\", \"value\": \"10 kN\", "
        "\"position\": [\"1 m\", \"4 m\"]}, \"span\": [\"3.5 m\", \"5 m\"], "
        "\"section\": {\"shape\": \"rectangular\", \"b\": \"100 mm\", \"h\": \"250 mm\"}, "
        "\"material\": \"C24\"}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  g_autoptr (PsRunResult) result = NULL;
  g_autoptr (PsRunView) view = NULL;
  g_autofree char *json = NULL;
  PsRunOptions o;
  PsItemError *e;

  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = "serial";
  result = ps_run_study (study, &o, &error);
  g_assert_no_error (error);
  json = ps_run_summary_json (study, result);
  view = ps_run_view_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  /* Grid order: span, then position; item 1 is span 3.5 m with a = 4 m. */
  g_assert_cmpuint (view->errors.count, ==, 1);
  g_assert_nonnull (view->errors.first);
  e = &g_array_index (view->errors.first, PsItemError, 0);
  g_assert_cmpuint (e->item, ==, 1);
  g_assert_nonnull (strstr (e->message, "4 m"));
  g_assert_cmpstr (view->backend, ==, "serial");
  g_assert_cmpint (view->workers, ==, 1);
  g_assert_cmpuint (view->items, ==, 4);
  g_assert_cmpstr (view->study, ==, "Beyond");
  g_assert_true (view->kind == &ps_beam_class);
  g_assert_nonnull (
      strstr (find_row (ps_run_view_get_rows (view, PS_SUMMARY_TERMINAL), "item_errors")->text,
              "first: item 1"));
}

/* A summary of a kind this program does not have still shows its plain figures. */
static void
test_view_unknown_kind (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunView) view = ps_run_view_new_from_data (
      "{\"kind\": \"bridge\", \"study\": \"B\", \"spans\": 3, \"backend\": \"serial\"}", -1,
      &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  g_assert_null (view->kind);
  g_assert_cmpstr (view->kind_name, ==, "bridge");
  rows = ps_run_view_get_rows (view, PS_SUMMARY_SCREEN);
  g_assert_cmpfloat (find_row (rows, "spans")->values[0], ==, 3);
  g_assert_cmpuint (ps_run_view_get_rows (view, PS_SUMMARY_REPORT)->len, ==, 0);
  g_assert_null (ps_run_view_new_from_data ("[1, 2]", -1, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
}

/* ---------------------------------------------------------------------------------
 * Validation errors carry their JSON path
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  const char *path; /* NULL: none */
} PathCase;

static void
test_error_path (void)
{
  static const PathCase cases[] = {
    { "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"S\", \"beam\": {\"support\": "
      "\"cantilever\", \"load\": {\"type\": \"uniform\", \"value\": \"2 kN/m\"}, \"span\": "
      "{\"from\": \"1 m\", \"to\": \"3 m\", \"steps\": 0}, \"section\": {\"shape\": "
      "\"circular\", \"d\": \"90 mm\"}, \"material\": \"C24\"}}",
      "beam.span.steps" },
    { "{\"parastudy\": 1, \"kind\": \"bridge\", \"name\": \"B\"}", "kind" },
    { "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"R\", \"variables\": {\"R\": "
      "{\"distribution\": \"normal\", \"mean\": 1, \"sd\": -1}}, \"limit_state\": \"R\"}",
      "variables.R" },
    { "[1, 2]", "" },
    { "{\"parastudy\": 1, \"kind\": \"beam\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) copy = NULL;
      g_autoptr (PsStudy) study = ps_study_load_data (cases[i].text, -1, &error);

      g_assert_null (study);
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpstr (ps_error_get_json_path (error), ==, cases[i].path);
      if (cases[i].path != NULL && *cases[i].path != '\0')
        {
          g_autofree char *prefix = g_strconcat (cases[i].path, ": ", NULL);

          g_assert_true (g_str_has_prefix (error->message, prefix));
        }
      /* Copies keep it; a prefixed message keeps it. */
      copy = g_error_copy (error);
      g_assert_cmpstr (ps_error_get_json_path (copy), ==, cases[i].path);
      g_prefix_error (&copy, "study.json: ");
      g_assert_cmpstr (ps_error_get_json_path (copy), ==, cases[i].path);
    }
  /* Other errors name none. */
  {
    g_autoptr (GError) io = g_error_new (PS_ERROR, PS_ERROR_IO, "x");
    g_autoptr (GError) other = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "beam.span: x");

    g_assert_null (ps_error_get_json_path (io));
    g_assert_null (ps_error_get_json_path (other));
    g_assert_null (ps_error_get_json_path (NULL));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("PARASTUDY_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PARASTUDY_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_add_func ("/engine/kinds/table/order", test_table_order);
  g_test_add_func ("/engine/kinds/table/names-text", test_names_text);
  g_test_add_func ("/engine/kinds/table/visible-complete", test_visible_kinds_complete);
  g_test_add_func ("/engine/kinds/table/top-level-keys", test_top_level_keys);
  for (guint i = 0; i < G_N_ELEMENTS (rows_cases); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/engine/kinds/rows/match-cli/%s", rows_cases[i].example);

      g_test_add_data_func (path, &rows_cases[i], test_rows_match_cli);
    }
  g_test_add_func ("/engine/kinds/rows/screen-keys", test_screen_rows_keys);
  g_test_add_func ("/engine/kinds/view/errors", test_view_errors);
  g_test_add_func ("/engine/kinds/view/unknown-kind", test_view_unknown_kind);
  g_test_add_func ("/engine/kinds/errors/json-path", test_error_path);
  return g_test_run ();
}
