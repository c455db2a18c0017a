/* test-gui-regression: the regression study form, driven as a user would, under Xvfb.
 *
 * The examples open in the form and save back to files the engine reads as the same
 * study; edits reach the file in SI; bad values disable Run with the JSON path in
 * its tooltip; the preview shows the first rows of the first file as the file holds
 * them (read here independently, line by line). Reference values come from the
 * engine loading study text directly and from the CSV files, never from the form.
 */
#define G_LOG_DOMAIN "test-gui-regression"
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-test-utils.h"
#include "ps-param-editor.h"
#include "ps-regression-editor.h"
#include "studies/regression/ps-regression.h"

static PsRegressionEditor *
editor (void)
{
  GtkWidget *e = parastudy_window_get_editor (window);

  g_assert_true (PS_IS_REGRESSION_EDITOR (e));
  return PS_REGRESSION_EDITOR (e);
}

static gboolean
run_enabled (void)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run");
}

static const char *
run_tooltip (void)
{
  return gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
}

static GtkWidget *
field (const char *path)
{
  GtkWidget *w = ps_regression_editor_get_field (editor (), path);

  if (w == NULL)
    g_error ("the form has no field for %s", path);
  return w;
}

static void
type_into (const char *path, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (path)), text);
  iterate ();
}

static void
choose (const char *path, const char *value)
{
  g_assert_true (ps_regression_editor_set_choice (editor (), path, value));
  iterate ();
}

static JsonNode *
member (PsDocument *doc, const char *path)
{
  const char *m;
  JsonObject *parent = ps_json_parent_for_path (ps_document_get_root (doc), path, FALSE, &m);

  return parent ? json_object_get_member (parent, m) : NULL;
}

static double
member_double (PsDocument *doc, const char *path)
{
  JsonNode *n = member (doc, path);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) == G_TYPE_STRING)
    g_error ("%s is not a number in the document", path);
  return json_node_get_double (n);
}

static const PsRegressionModel *
model_of (PsDocument *doc)
{
  const PsStudy *study = ps_document_get_study (doc);

  g_assert_nonnull (study);
  g_assert_true (ps_study_get_kind (study) == &ps_regression_class);
  return study->model;
}

/* ---- the same study ------------------------------------------------------------- */

/* NAN on both sides is the same study: a value left unset (a column's scale when its
 * unit comes from the file's units row). */
static void
assert_close (const char *what, double a, double b)
{
  if (!(a == b || (isnan (a) && isnan (b)) || fabs (a - b) <= 1e-12 * MAX (fabs (a), fabs (b))))
    g_error ("%s: %.17g != %.17g", what, a, b);
}

static void
assert_same_dist (const char *what, const PsDist *a, const PsDist *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  for (int i = 0; i < 4; i++)
    assert_close (what, a->p[i], b->p[i]);
}

static void
assert_same_column (const PsRegColumn *a, const PsRegColumn *b)
{
  g_assert_cmpint (a->column, ==, b->column);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->unit, ==, b->unit);
  assert_close ("column scale", a->scale, b->scale);
}

/* Everything the engine reads from a regression study file. */
static void
assert_same_study (const PsStudy *sa, const PsStudy *sb)
{
  const PsRegressionModel *a = sa->model, *b = sb->model;

  g_assert_cmpstr (sa->name, ==, sb->name);
  g_assert_cmpstr (sa->description, ==, sb->description);
  g_assert_cmpuint (sa->n_items, ==, sb->n_items);
  g_assert_cmpint (a->source, ==, b->source);
  g_assert_cmpstr (a->path, ==, b->path);
  g_assert_cmpstr (a->pattern, ==, b->pattern);
  g_assert_cmpint (a->delimiter, ==, b->delimiter);
  g_assert_cmpint (a->decimal, ==, b->decimal);
  g_assert_cmpuint (a->skip_lines, ==, b->skip_lines);
  g_assert_cmpint (a->force_input, ==, b->force_input);
  assert_same_column (&a->x, &b->x);
  assert_same_column (&a->y, &b->y);
  g_assert_cmpint (a->specimen.column, ==, b->specimen.column);
  g_assert_cmpstr (a->specimen.name, ==, b->specimen.name);
  assert_close ("area", a->area, b->area);
  assert_close ("gauge_length", a->gauge_length, b->gauge_length);
  assert_close ("x_scale", a->x_scale, b->x_scale);
  assert_close ("y_scale", a->y_scale, b->y_scale);
  g_assert_cmpint (a->header, ==, b->header);
  g_assert_cmpuint (a->n_specimens, ==, b->n_specimens);
  for (guint64 i = 0; a->specimens != NULL && i < a->n_specimens; i++)
    g_assert_cmpstr (a->specimens[i].name, ==, b->specimens[i].name);
  g_assert_cmpuint (a->points, ==, b->points);
  assert_same_dist ("E", &a->E, &b->E);
  assert_same_dist ("yield", &a->fy, &b->fy);
  assert_same_dist ("noise_sd", &a->noise_sd, &b->noise_sd);
  assert_close ("hardening", a->hardening, b->hardening);
  assert_close ("max_strain", a->max_strain, b->max_strain);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpint (a->window, ==, b->window);
  assert_close ("window from", a->from, b->from);
  assert_close ("window to", a->to, b->to);
  assert_close ("offset", a->offset, b->offset);
  g_assert_cmpuint (a->min_points, ==, b->min_points);
  assert_close ("fractile", a->fractile, b->fractile);
  g_assert_cmpint (a->lognormal, ==, b->lognormal);
  g_assert_cmpint (a->hist_linear, ==, b->hist_linear);
  assert_close ("hist from", a->hist_from, b->hist_from);
  assert_close ("hist to", a->hist_to, b->hist_to);
  g_assert_cmpuint (a->hist_bins, ==, b->hist_bins);
}

/* Saves the document into a temporary folder and loads the text written as a study
 * at @original's place (relative CSV paths then name the same files). */
static PsStudy *
save_and_reload (PsDocument *doc, const char *original, JsonNode **saved_root)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-regression-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PsStudy *study;

  g_assert_true (ps_document_save (doc, file, &error));
  g_assert_no_error (error);
  g_assert_false (ps_document_get_dirty (doc));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  study = ps_study_load_data_at (text, -1, original, &error);
  g_assert_no_error (error);
  g_assert_nonnull (study);
  if (saved_root != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      *saved_root = json_node_copy (json_parser_get_root (parser));
    }
  g_unlink (path);
  g_rmdir (dir);
  return study;
}

static JsonNode *
parse_file (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

/* ---- tests -------------------------------------------------------------------------- */

/* Every regression example opens in the form, unmodified and runnable, with the
 * engine's specimen count shown; saved without edits it is the same JSON tree and
 * the engine reads the same study from it. */
static void
test_examples_round_trip (void)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autoptr (GDir) d = g_dir_open (dir ? dir : PS_SOURCE_DATADIR "/examples", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL, *count = NULL;
      g_autoptr (PsStudy) ref = NULL, saved = NULL;
      g_autoptr (JsonNode) original = NULL, written = NULL;
      g_autoptr (GError) error = NULL;
      PsDocument *doc;

      if (!g_str_has_prefix (name, "regression-") || !g_str_has_suffix (name, ".json"))
        continue;
      path = example_path (name);
      ref = ps_study_load_file (path, &error);
      g_assert_no_error (error);
      doc = open_example (name);
      editor ();
      g_assert_false (ps_document_get_dirty (doc));
      g_assert_null (ps_document_dup_blocker (doc));
      g_assert_true (run_enabled ());
      count = g_strdup_printf ("%'" G_GUINT64_FORMAT " ", ref->n_items);
      g_assert_true (g_str_has_prefix (
          gtk_label_get_text (GTK_LABEL (ps_regression_editor_get_count_label (editor ()))),
          count));

      saved = save_and_reload (doc, path, &written);
      assert_same_study (ref, saved);
      original = parse_file (path);
      g_assert_true (json_node_equal (original, written));
      g_test_message ("%s: %" G_GUINT64_FORMAT " specimens, saved unchanged", name, saved->n_items);
      close_all ();
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
}

/* Values edited and put back reach the file as SI numbers (strings with units in the
 * example become numbers) and the engine reads the same study. */
static void
test_edit_round_trip (void)
{
  g_autofree char *path = example_path ("regression-coupons.json");
  g_autoptr (PsStudy) ref = ps_study_load_file (path, NULL);
  g_autoptr (PsStudy) saved = NULL;
  g_autoptr (JsonNode) written = NULL;
  PsDocument *doc = open_example ("regression-coupons.json");
  JsonNode *n;

  g_assert_nonnull (ref);
  /* The example holds "0.2 %" and a window of "0.02 %" to "0.12 %": shown in %. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("fit.offset"))), ==, "0.2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("fit.window.from"))), ==, "0.02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("fit.window.to"))), ==, "0.12");
  type_into ("fit.offset", "0.3");
  g_assert_true (ps_document_get_dirty (doc));
  assert_close ("offset", model_of (doc)->offset, 0.003);
  type_into ("fit.offset", "0.2");
  type_into ("fit.window.from", "0.05");
  assert_close ("from", model_of (doc)->from, 0.0005);
  type_into ("fit.window.from", "0.02");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), 3);
  iterate ();
  g_assert_cmpuint (model_of (doc)->skip_lines, ==, 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), 2);
  iterate ();
  choose ("characteristic.distribution", "normal");
  g_assert_false (model_of (doc)->lognormal);
  choose ("characteristic.distribution", "lognormal");
  g_assert_true (run_enabled ());

  saved = save_and_reload (doc, path, &written);
  assert_same_study (ref, saved);
  /* In SI, as numbers. */
  n = json_object_get_member (json_object_get_object_member (json_node_get_object (written), "fit"),
                              "offset");
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_DOUBLE);
  assert_close ("offset in the file", json_node_get_double (n), 0.002);
  close_all ();
}

/* One line of the coupon file cut by hand: ';' between fields. */
static char **
split_by_hand (const char *line)
{
  return g_strsplit (line, ";", -1);
}

/* The preview holds the first data rows of the first file of the folder as the file
 * holds them, with the mapped columns named; a skip count that makes a comment line
 * the header disables Run with the reason. */
static void
test_preview (void)
{
  g_autofree char *csv = example_path ("coupons/C01.csv");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *t0 = NULL, *t1 = NULL;
  PsRegressionEditor *e;
  guint rows;

  open_example ("regression-coupons.json");
  e = editor ();
  g_assert_true (g_str_has_suffix (ps_regression_editor_get_preview_file (e), "C01.csv"));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  /* Two comment lines, the header, then data (lines 4…). */
  g_assert_true (g_str_has_prefix (lines[0], "#"));
  rows = ps_regression_editor_get_preview_n_rows (e);
  g_assert_cmpuint (rows, ==, MIN (20, g_strv_length (lines) - 4));
  g_assert_cmpuint (ps_regression_editor_get_preview_n_columns (e), ==, 2);
  t0 = ps_regression_editor_dup_preview_title (e, 0);
  t1 = ps_regression_editor_dup_preview_title (e, 1);
  g_assert_nonnull (strstr (t0, "deformação"));
  g_assert_nonnull (strstr (t0, "%"));
  g_assert_nonnull (strstr (t1, "tensão"));
  g_assert_nonnull (strstr (t1, "MPa"));
  for (guint r = 0; r < rows; r++)
    {
      g_auto (GStrv) f = NULL;
      g_autofree char *line = g_strdup (lines[3 + r]);

      g_strchomp (line); /* a CRLF file keeps its \r here */
      f = split_by_hand (line);
      g_assert_cmpuint (ps_regression_editor_get_preview_line (e, r), ==, 4 + r);
      g_assert_cmpstr (ps_regression_editor_get_preview_cell (e, r, 0), ==, g_strstrip (f[0]));
      g_assert_cmpstr (ps_regression_editor_get_preview_cell (e, r, 1), ==, g_strstrip (f[1]));
    }
  g_assert_null (strstr (ps_regression_editor_get_preview_status (e), "not a number"));

  /* Decimal points in a file of decimal commas: the cells do not read. */
  choose ("source.decimal", ".");
  g_assert_nonnull (strstr (ps_regression_editor_get_preview_status (e), "not a number"));
  choose ("source.decimal", ",");
  g_assert_null (strstr (ps_regression_editor_get_preview_status (e), "not a number"));

  /* One line skipped: the second comment line is taken for the header. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), 1);
  iterate ();
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.strain"));
  g_assert_nonnull (strstr (run_tooltip (), "deformação"));
  g_assert_true (gtk_widget_has_css_class (field ("source.strain.column"), "error"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), 2);
  iterate ();
  g_assert_true (run_enabled ());
  g_assert_false (gtk_widget_has_css_class (field ("source.strain.column"), "error"));

  /* A column by number: no header, and the header line is then a data row. */
  type_into ("source.strain.column", "1");
  type_into ("source.stress.column", "2");
  g_assert_cmpstr (ps_regression_editor_get_preview_cell (e, 0, 0), ==, "deformação");
  g_assert_cmpuint (ps_regression_editor_get_preview_line (e, 0), ==, 3);
  close_all ();

  /* One file with a specimen column, comma separated. */
  open_example ("regression-aluminium-force.json");
  e = editor ();
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);
  g_free (csv);
  csv = example_path ("aluminium-6061.csv");
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (ps_regression_editor_get_preview_file (e), ==, csv);
  g_assert_cmpuint (ps_regression_editor_get_preview_n_columns (e), ==, 3);
  {
    g_auto (GStrv) f = g_strsplit (g_strchomp (lines[1]), ",", -1);
    g_autofree char *ts = ps_regression_editor_dup_preview_title (e, 0);

    g_assert_nonnull (strstr (ts, "specimen"));
    for (guint k = 0; k < 3; k++)
      g_assert_cmpstr (ps_regression_editor_get_preview_cell (e, 0, k), ==, f[k]);
  }
  close_all ();
}

/* The preview takes the loader's first file of a folder (byte order of the names,
 * hidden files left out) and, when the loader finds none, shows the loader's own
 * reason, the one that keeps the study from running. */
static void
test_preview_loader (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-regression-XXXXXX", NULL);
  g_autofree char *json = NULL;
  const char *names[] = { "b.csv", "A.csv", ".0.csv" };
  const PsRegressionModel *m;
  PsDocument *doc;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (path, "strain,stress\n0.001,205\n0.002,410\n", -1, NULL));
    }
  json = g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"order\", "
                          "\"source\": {\"type\": \"csv\", \"path\": \"%s\", "
                          "\"strain\": {\"column\": \"strain\", \"unit\": \"mm/mm\"}, "
                          "\"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}}}",
                          dir);
  doc = open_text (json);
  m = model_of (doc);
  g_assert_cmpuint (m->n_specimens, ==, 2);
  g_assert_cmpstr (ps_regression_editor_get_preview_file (editor ()), ==, m->specimens[0].file);
  g_assert_true (g_str_has_suffix (ps_regression_editor_get_preview_file (editor ()), "/A.csv"));
  g_assert_cmpuint (ps_regression_editor_get_preview_n_rows (editor ()), ==, 2);

  type_into ("source.pattern", "*.dat");
  g_assert_false (run_enabled ());
  g_assert_null (ps_regression_editor_get_preview_file (editor ()));
  g_assert_nonnull (ps_document_get_error (doc));
  g_assert_cmpstr (ps_regression_editor_get_preview_status (editor ()), ==,
                   ps_document_get_error (doc));
  type_into ("source.pattern", "*.csv");
  g_assert_true (run_enabled ());
  close_all ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A laboratory export previewed as a run reads it (issue 18): ZwickRoell testXpert's
 * Latin-1 file, its metadata above the header shown as the lines skipped, the
 * header found without skip_lines, the units row under it on each column's second
 * title line, and each mapped column named with the unit a run reads it in and
 * whence that unit comes; a unit set in the form wins over the units row's. The
 * lines and fields asserted are those of data/examples/lab-exports/testxpert. */
static void
test_preview_lab_export (void)
{
  PsRegressionEditor *e;
  PsDocument *doc;
  const char *status;
  g_autofree char *t0 = NULL, *t1 = NULL, *t3 = NULL, *t1kn = NULL;

  doc = open_example ("lab-exports/zwick-testxpert.json");
  e = editor ();
  /* The form says what the file is read as: one file of one specimen, the header
   * searched for ("Auto" lines to skip), the units left to the file. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field ("source.type"))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.skip_lines"))), ==, "Auto");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field ("source.force.unit"))), ==,
                    0);
  g_assert_null (member (doc, "source.force.unit"));
  g_assert_null (member (doc, "source.skip_lines"));
  g_assert_true (
      g_str_has_suffix (ps_regression_editor_get_preview_file (e), "/testxpert/Probe_07.TXT"));
  g_assert_nonnull (ps_regression_editor_get_preview_skipped (e));
  g_assert_true (g_str_has_prefix (ps_regression_editor_get_preview_skipped (e),
                                   "1  Prüfvorschrift;EN ISO 6892-1 B30\n"));
  g_assert_cmpuint (ps_regression_editor_get_preview_n_columns (e), ==, 4);
  t0 = ps_regression_editor_dup_preview_title (e, 0);
  t1 = ps_regression_editor_dup_preview_title (e, 1);
  t3 = ps_regression_editor_dup_preview_title (e, 3);
  g_assert_cmpstr (t0, ==, "Prüfzeit\ns");
  g_assert_cmpstr (t1, ==, "Standardkraft → force [N]\nN");
  g_assert_cmpstr (t3, ==, "Längenänderung → displacement [mm]\nmm");
  g_assert_cmpuint (ps_regression_editor_get_preview_line (e, 0), ==, 11);
  g_assert_cmpstr (ps_regression_editor_get_preview_cell (e, 0, 1), ==, "57,6");
  status = ps_regression_editor_get_preview_status (e);
  g_test_message ("status: %s", status);
  g_assert_nonnull (strstr (status, "header on line 9, units row on line 10"));
  g_assert_nonnull (strstr (status, "displacement in mm (from the units row)"));
  g_assert_nonnull (strstr (status, "force in N (from the units row)"));
  g_assert_null (strstr (status, "a run stops here"));
  g_assert_true (run_enabled ());

  g_assert_true (ps_regression_editor_set_choice (e, "source.force.unit", "kN"));
  iterate ();
  t1kn = ps_regression_editor_dup_preview_title (e, 1);
  g_assert_cmpstr (t1kn, ==, "Standardkraft → force [kN]\nN");
  g_assert_nonnull (
      strstr (ps_regression_editor_get_preview_status (e), "force in kN (as the study says)"));
  g_assert_cmpstr (json_node_get_string (member (doc, "source.force.unit")), ==, "kN");
  /* Back to the file's unit: the member goes. */
  g_assert_true (ps_regression_editor_set_choice (e, "source.force.unit", ""));
  iterate ();
  g_assert_null (member (doc, "source.force.unit"));
  g_assert_nonnull (
      strstr (ps_regression_editor_get_preview_status (e), "force in N (from the units row)"));

  /* Eight lines skipped: the same header, now at a fixed place; Auto again removes
   * skip_lines. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), 8);
  iterate ();
  g_assert_cmpint (json_node_get_int (member (doc, "source.skip_lines")), ==, 8);
  g_assert_nonnull (strstr (ps_regression_editor_get_preview_status (e), "header on line 9"));
  g_assert_true (run_enabled ());
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.skip_lines")), -1);
  iterate ();
  g_assert_null (member (doc, "source.skip_lines"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.skip_lines"))), ==, "Auto");

  /* A folder chosen instead of the file: the path is to be chosen again. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field ("source.type")), 0);
  iterate ();
  g_assert_cmpstr (json_node_get_string (member (doc, "source.path")), ==, "");
  g_assert_false (run_enabled ());
  close_all ();
}

/* Bad values: Run is disabled with the JSON path in its tooltip and the field is
 * marked; good values enable it again. */
static void
test_invalid_values (void)
{
  PsDocument *doc = open_example ("regression-coupons.json");

  g_assert_true (run_enabled ());
  /* Not a number. */
  type_into ("fit.offset", "abc");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "fit.offset"));
  g_assert_true (gtk_widget_has_css_class (field ("fit.offset"), "error"));
  /* Not a strain unit. */
  type_into ("fit.offset", "0.2 MPa");
  g_assert_false (run_enabled ());
  type_into ("fit.offset", "0.2");
  g_assert_true (run_enabled ());
  g_assert_false (gtk_widget_has_css_class (field ("fit.offset"), "error"));

  /* A window that ends before it starts: the engine's reason. */
  type_into ("fit.window.to", "0.01");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "fit.window.to"));
  g_assert_true (gtk_widget_has_css_class (field ("fit.window.to"), "error"));
  type_into ("fit.window.to", "0.12");
  g_assert_true (run_enabled ());

  /* The decimal comma as the delimiter too. */
  choose ("source.delimiter", ",");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.delimiter"));
  choose ("source.delimiter", ";");
  g_assert_true (run_enabled ());

  /* No column. */
  type_into ("source.stress.column", "");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.stress.column"));
  type_into ("source.stress.column", "tensão");
  g_assert_true (run_enabled ());

  /* A folder that is not there. */
  type_into ("source.path", "no-such-folder/");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.path"));
  g_assert_null (ps_regression_editor_get_preview_file (editor ()));
  type_into ("source.path", "coupons/");
  g_assert_true (run_enabled ());
  g_assert_nonnull (ps_regression_editor_get_preview_file (editor ()));
  g_assert_true (ps_document_get_dirty (doc));
  close_all ();
}

/* Area, gauge length and column units: entered in mm², mm or with a unit of their
 * own, the file holds SI and the engine's scales follow. 1 mm² = 1e-6 m²,
 * 1 in = 0.0254 m (exact), 1 lbf = 4.4482216152605 N (NIST SP 811). */
static void
test_units_si (void)
{
  PsDocument *doc = open_example ("regression-aluminium-force.json");
  const PsRegressionModel *m;

  /* The example's "37.5 mm^2" and "50 mm", shown in mm² and mm. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.area"))), ==, "37.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.gauge_length"))), ==, "50");
  type_into ("source.area", "40");
  assert_close ("area", member_double (doc, "source.area"), 40e-6);
  type_into ("source.area", "0.4 cm^2");
  assert_close ("area", member_double (doc, "source.area"), 40e-6);
  type_into ("source.gauge_length", "2 in");
  assert_close ("gauge", member_double (doc, "source.gauge_length"), 0.0508);
  type_into ("source.gauge_length", "3 kN");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.gauge_length"));
  type_into ("source.gauge_length", "50");
  choose ("source.force.unit", "lbf");
  g_assert_true (run_enabled ());
  m = model_of (doc);
  assert_close ("area", m->area, 40e-6);
  assert_close ("gauge", m->gauge_length, 0.05);
  assert_close ("force scale", m->y.scale, 4.4482216152605);
  assert_close ("stress scale", m->y_scale, 4.4482216152605 / 40e-6);
  g_assert_cmpstr (json_node_get_string (member (doc, "source.force.unit")), ==, "lbf");
  close_all ();
}

/* The strain units the form reads are the engine's: "0.25 <unit>" typed as the
 * offset gives the offset the engine reads from the same text in a study file. */
static void
test_strain_units_match_engine (void)
{
  static const char *const units[] = { "mm/mm", "m/m", "in/in",       "%",    "‰",    "µε",
                                       "με",    "ue",  "microstrain", "µm/m", "um/m", "mm/m" };
  g_autofree char *path = example_path ("regression-coupons.json");
  PsDocument *doc = open_example ("regression-coupons.json");

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *text = g_strdup_printf ("0.25 %s", units[i]);
      g_autofree char *json = g_strdup_printf (
          "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"u\","
          " \"source\": {\"type\": \"synthetic\", \"specimens\": 1, \"points\": 10,"
          " \"E\": 2e11, \"yield\": 3e8}, \"fit\": {\"offset\": \"%s\"}}",
          text);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) ref = ps_study_load_data_at (json, -1, path, &error);

      g_assert_no_error (error);
      type_into ("fit.offset", text);
      if (!run_enabled ())
        g_error ("\"%s\": %s", text, run_tooltip ());
      assert_close (text, model_of (doc)->offset, ((const PsRegressionModel *)ref->model)->offset);
    }
  close_all ();
}

/* CSV → synthetic → back: the synthetic source is valid at once, its fields write
 * SI, and switching back restores the CSV source exactly. */
static void
test_synthetic_switch (void)
{
  PsDocument *doc = open_example ("regression-coupons.json");
  g_autoptr (JsonNode) csv_source
      = json_node_copy (json_object_get_member (ps_document_get_root (doc), "source"));
  const PsRegressionModel *m;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (field ("source.type")), 3);
  iterate ();
  g_assert_cmpstr (json_node_get_string (member (doc, "source.type")), ==, "synthetic");
  g_assert_true (run_enabled ());
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("source.specimens")), 250);
  iterate ();
  g_assert_cmpuint (ps_document_get_study (doc)->n_items, ==, 250);
  g_assert_true (g_str_has_prefix (
      gtk_label_get_text (GTK_LABEL (ps_regression_editor_get_count_label (editor ()))), "250 "));
  /* E in GPa, yield and noise in MPa. */
  type_into ("source.E.mean", "210");
  assert_close ("E mean", member_double (doc, "source.E.mean"), 210e9);
  choose ("source.E", "lognormal");
  g_assert_cmpstr (json_node_get_string (member (doc, "source.E.distribution")), ==, "lognormal");
  choose ("source.noise_sd", "constant");
  type_into ("source.noise_sd.mean", "2");
  assert_close ("noise", member_double (doc, "source.noise_sd"), 2e6);
  type_into ("source.max_strain", "3");
  assert_close ("max strain", member_double (doc, "source.max_strain"), 0.03);
  type_into ("source.yield.sd", "x");
  g_assert_false (run_enabled ());
  g_assert_nonnull (strstr (run_tooltip (), "source.yield.sd"));
  type_into ("source.yield.sd", "25");
  g_assert_true (run_enabled ());
  m = model_of (doc);
  g_assert_cmpint (m->source, ==, PS_REG_SOURCE_SYNTHETIC);
  g_assert_cmpint (m->E.kind, ==, PS_DIST_LOGNORMAL);
  assert_close ("noise", m->noise_sd.p[0], 2e6);

  /* Back to the folder: as it was. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field ("source.type")), 0);
  iterate ();
  g_assert_true (
      json_node_equal (csv_source, json_object_get_member (ps_document_get_root (doc), "source")));
  g_assert_true (run_enabled ());
  g_assert_nonnull (ps_regression_editor_get_preview_file (editor ()));
  close_all ();
}

/* The path a chooser returns is written relative to the study's folder. */
static void
test_source_file (void)
{
  g_autofree char *coupons = example_path ("coupons");
  g_autoptr (GFile) folder = g_file_new_for_path (coupons);
  g_autoptr (GFile) outside = g_file_new_for_path ("/usr/share");

  open_example ("regression-coupons.json");
  type_into ("source.path", "x/");
  ps_regression_editor_set_source_file (editor (), folder);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.path"))), ==, "coupons/");
  g_assert_true (run_enabled ());
  ps_regression_editor_set_source_file (editor (), outside);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("source.path"))), ==, "/usr/share/");
  close_all ();
}

/* ---- screenshot ------------------------------------------------------------------- */

static void
test_screenshot (void)
{
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  GtkWidget *view;

  open_example ("regression-coupons.json");
  parastudy_window_show_page (window, "study");
  p1 = screenshot (GTK_WIDGET (window), "regression-form");
  g_free (p1);
  /* The whole form, below the fold too. */
  p1 = screenshot (GTK_WIDGET (editor ()), "regression-form-whole");
  /* The preview table is drawn: its rows hold text. */
  view = ps_regression_editor_get_preview_view (editor ());
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpfloat (ink_share (view), >, 0.02);
  close_all ();
  open_example ("regression-aluminium-force.json");
  p2 = screenshot (GTK_WIDGET (editor ()), "regression-form-force");
  close_all ();
  open_example ("regression-synthetic.json");
  p3 = screenshot (GTK_WIDGET (editor ()), "regression-form-synthetic");
  close_all ();
}

int
main (int argc, char *argv[])
{
  gui_test_setenv ();
  g_test_init (&argc, &argv, NULL);
  if (!gui_test_open_window ())
    return gui_test_finish (0);

  g_test_add_func ("/gui/regression/examples-round-trip", test_examples_round_trip);
  g_test_add_func ("/gui/regression/edit-round-trip", test_edit_round_trip);
  g_test_add_func ("/gui/regression/preview", test_preview);
  g_test_add_func ("/gui/regression/preview-loader", test_preview_loader);
  g_test_add_func ("/gui/regression/preview-lab-export", test_preview_lab_export);
  g_test_add_func ("/gui/regression/invalid-disables-run", test_invalid_values);
  g_test_add_func ("/gui/regression/units-si", test_units_si);
  g_test_add_func ("/gui/regression/strain-units-match-engine", test_strain_units_match_engine);
  g_test_add_func ("/gui/regression/synthetic-switch", test_synthetic_switch);
  g_test_add_func ("/gui/regression/source-file", test_source_file);
  g_test_add_func ("/gui/regression/screenshot", test_screenshot);
  return gui_test_finish (g_test_run ());
}
