/* test-gui-beam.c: the beam editor's loads, cases and design rules, and the detail of
 * a configuration beside the results table (issues 15 and 16, GUI parts), driven as a
 * user drives them under Xvfb, with screenshots at 1024 x 700 in English and (run again
 * with --pt_BR) Brazilian Portuguese. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-beam-detail.h"
#include "ps-beam-editor.h"
#include "ps-gui-chart.h"
#include "ps-gui-test-utils.h"
#include "ps-gui-util.h"
#include "ps-load-list.h"
#include "ps-param-editor.h"

static const char *shot_suffix = "";

static char *
shot_named (GtkWidget *widget, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  return screenshot (widget, full);
}

static JsonNode *
node_at (PsDocument *doc, const char *path)
{
  return ps_json_node_for_path (ps_document_get_root (doc), path);
}

static const char *
string_at (PsDocument *doc, const char *path)
{
  JsonNode *n = node_at (doc, path);

  g_assert_nonnull (n);
  return json_node_get_string (n);
}

static guint
n_loads (PsDocument *doc)
{
  JsonNode *n = node_at (doc, "beam.loads");

  g_assert_nonnull (n);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (n));
  return json_array_get_length (json_node_get_array (n));
}

static void
type_into (GtkWidget *param, const char *text)
{
  g_assert_nonnull (param);
  gtk_editable_set_text (ps_param_editor_get_entry (PS_PARAM_EDITOR (param)), text);
  iterate ();
}

/* The study is valid: no validation message. */
static void
assert_valid (PsDocument *doc)
{
  if (ps_document_get_error (doc) != NULL)
    g_error ("the study is not valid: %s", ps_document_get_error (doc));
  g_assert_nonnull (ps_document_get_study (doc));
}

static void
test_load_list (void)
{
  PsDocument *doc = open_example ("beam-office-floor.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  PsLoadList *list = PS_LOAD_LIST (ps_beam_editor_get_load_list (editor));
  guint64 n_items = ps_study_get_n_items (ps_document_get_study (doc));
  JsonObject *cases;

  g_assert_nonnull (list);
  g_assert_cmpuint (n_loads (doc), ==, 2);
  /* The example's loads as they are: values in kN/m, the list of three swept. */
  g_assert_nonnull (ps_beam_editor_get_param (editor, "beam.loads[0].value"));
  {
    /* Lists are separated by ";" where the decimal separator is a comma. */
    g_autofree char *shown = g_strdup (gtk_editable_get_text (ps_param_editor_get_entry (
        PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.loads[1].value")))));

    g_strdelimit (shown, ";", ',');
    g_assert_cmpstr (shown, ==, "6, 9, 15");
  }

  /* Add a load: a uniform load in the last case. */
  g_signal_emit_by_name (ps_load_list_get_add_button (list), "clicked");
  iterate ();
  g_assert_cmpuint (n_loads (doc), ==, 3);
  g_assert_cmpstr (string_at (doc, "beam.loads[2].case"), ==, "Q");
  g_assert_cmpstr (string_at (doc, "beam.loads[2].type"), ==, "uniform");
  assert_valid (doc);
  g_assert_cmpuint (ps_study_get_n_items (ps_document_get_study (doc)), ==, n_items);

  /* Its case to G, its type to a point force. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_case_dropdown (list, 2)), 0);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.loads[2].case"), ==, "G");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_type_dropdown (list, 2)), 0);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.loads[2].type"), ==, "point");
  g_assert_cmpstr (string_at (doc, "beam.loads[2].case"), ==, "G");
  g_assert_nonnull (node_at (doc, "beam.loads[2].position"));
  assert_valid (doc);

  /* Its force typed in kN, its position with a unit of its own. */
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].value"), "25");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].value")), ==, 25e3);
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].position"), "1500 mm");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].position")), ==, 1.5);
  assert_valid (doc);

  /* A moment: its value in kN·m. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_type_dropdown (list, 2)), 3);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.loads[2].type"), ==, "moment");
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].value"), "12");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].value")), ==, 12e3);
  assert_valid (doc);

  /* A linear load over part of the beam. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_type_dropdown (list, 2)), 2);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.loads[2].type"), ==, "linear");
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].end"), "4");
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].to"), "2");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].end")), ==, 4e3);
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].to")), ==, 2.0);
  assert_valid (doc);
  shot_named (GTK_WIDGET (editor), "beam-design-form-whole");

  /* A from past the beam's end is refused, the engine naming the load's path. */
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].to"), "40");
  g_assert_nonnull (ps_document_get_error (doc));
  g_test_message ("%s", ps_document_get_error (doc));
  g_assert_nonnull (strstr (ps_document_get_error (doc), "beam.loads[2]"));
  type_into (ps_beam_editor_get_param (editor, "beam.loads[2].to"), "2");
  assert_valid (doc);

  /* A new case: snow, after G and Q; the loads' case lists offer it. */
  g_signal_emit_by_name (ps_load_list_get_add_case_button (list), "clicked");
  iterate ();
  cases = json_node_get_object (node_at (doc, "cases"));
  g_assert_true (json_object_has_member (cases, "S"));
  g_assert_cmpstr (string_at (doc, "cases.S.type"), ==, "snow");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_case_dropdown (list, 2)), 2);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.loads[2].case"), ==, "S");
  assert_valid (doc);

  /* ASCE 7 LRFD: design.code and method. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_code_dropdown (list)), 1);
  iterate ();
  g_assert_cmpstr (string_at (doc, "design.code"), ==, "AISC");
  g_assert_cmpstr (string_at (doc, "design.method"), ==, "LRFD");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_code_dropdown (list)), 0);
  iterate ();
  g_assert_cmpstr (string_at (doc, "design.code"), ==, "EN");
  g_assert_null (node_at (doc, "design.method"));

  /* Remove the load again. */
  g_signal_emit_by_name (ps_load_list_get_remove_button (list, 2), "clicked");
  iterate ();
  g_assert_cmpuint (n_loads (doc), ==, 2);
  assert_valid (doc);
  g_assert_cmpuint (ps_study_get_n_items (ps_document_get_study (doc)), ==, n_items);
  close_all ();
}

/* Issue 15: "design.combinations" as an explicit list, edited in the form as in the
 * file: starting a list of one's own gives the ULS and SLS combinations of EN 1990 to
 * start from (6.10 with the recommended gamma_G = 1.35, gamma_Q = 1.5 [EN 1990 Table
 * A1.2(B)], and the characteristic SLS), each factor typed in the locale, a new
 * combination added and one removed; the study stays valid throughout, and a bad
 * factor is highlighted with its own message. */
static void
test_own_combinations (void)
{
  PsDocument *doc = open_example ("beam-office-floor.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  PsLoadList *list = PS_LOAD_LIST (ps_beam_editor_get_load_list (editor));
  GtkWidget *g0, *q1;
  JsonArray *a;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_combinations_dropdown (list)), 2);
  iterate ();
  a = json_node_get_array (node_at (doc, "design.combinations"));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (string_at (doc, "design.combinations[0].limit"), ==, "ULS");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "design.combinations[0].factors.G")), ==,
                     1.35);
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "design.combinations[0].factors.Q")), ==,
                     1.5);
  g_assert_cmpstr (string_at (doc, "design.combinations[1].limit"), ==, "SLS");
  assert_valid (doc);

  /* A factor typed in the locale's own way. */
  g0 = ps_load_list_get_combination_widget (list, 0, "G");
  g_assert_nonnull (g0);
  gtk_editable_set_text (GTK_EDITABLE (g0), ps_gui_decimal_comma () ? "1,2" : "1.2");
  iterate ();
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "design.combinations[0].factors.G")), ==,
                     1.2);
  assert_valid (doc);
  /* A bad one: marked, in words, and the study not run. */
  gtk_editable_set_text (GTK_EDITABLE (g0), "x");
  iterate ();
  g_assert_true (gtk_widget_has_css_class (g0, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (g0));
  g_test_message ("%s", gtk_widget_get_tooltip_text (g0));
  {
    g_autofree char *blocker = ps_document_dup_blocker (doc);

    g_assert_nonnull (blocker);
    g_assert_nonnull (strstr (blocker, "G"));
  }
  gtk_editable_set_text (GTK_EDITABLE (g0), ps_gui_decimal_comma () ? "1,35" : "1.35");
  iterate ();
  g_assert_false (gtk_widget_has_css_class (g0, "error"));
  g_assert_null (ps_document_dup_blocker (doc));
  assert_valid (doc);

  /* A third combination, then the second removed. */
  g_assert_nonnull (ps_load_list_get_add_combination_button (list));
  g_signal_emit_by_name (ps_load_list_get_add_combination_button (list), "clicked");
  iterate ();
  a = json_node_get_array (node_at (doc, "design.combinations"));
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  q1 = ps_load_list_get_combination_widget (list, 2, "Q");
  g_assert_nonnull (q1);
  gtk_editable_set_text (GTK_EDITABLE (q1), "");
  iterate ();
  g_assert_false (json_object_has_member (
      json_node_get_object (node_at (doc, "design.combinations[2].factors")), "Q"));
  assert_valid (doc);
  shot_named (GTK_WIDGET (editor), "beam-own-combinations");
  /* Without its SLS combination the deflection limits have nothing to check: the
   * engine says so. */
  g_signal_emit_by_name (ps_load_list_get_combination_widget (list, 1, NULL), "clicked");
  iterate ();
  a = json_node_get_array (node_at (doc, "design.combinations"));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (string_at (doc, "design.combinations[1].limit"), ==, "ULS");
  g_assert_nonnull (ps_document_get_error (doc));
  g_assert_nonnull (strstr (ps_document_get_error (doc), "SLS"));
  /* Made an SLS combination again, the study is valid. */
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (gtk_widget_get_next_sibling (gtk_widget_get_first_child (
          gtk_widget_get_parent (ps_load_list_get_combination_widget (list, 1, "G"))))),
      1);
  iterate ();
  g_assert_cmpstr (string_at (doc, "design.combinations[1].limit"), ==, "SLS");
  assert_valid (doc);

  /* Back to the automatic set. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_combinations_dropdown (list)), 0);
  iterate ();
  g_assert_cmpstr (string_at (doc, "design.combinations"), ==, "auto");
  assert_valid (doc);
  close_all ();
}

/* A point load "position": "midspan" in the file is shown as the word and kept as the
 * word when its field is edited back to it (a number there would not follow a swept
 * span); a distance typed instead replaces it. */
static void
test_midspan_word (void)
{
  PsDocument *doc = open_example ("beam-office-floor.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  PsLoadList *list = PS_LOAD_LIST (ps_beam_editor_get_load_list (editor));
  GtkWidget *pos;

  g_signal_emit_by_name (ps_load_list_get_add_button (list), "clicked");
  iterate ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_load_list_get_type_dropdown (list, 2)), 0);
  iterate ();
  pos = ps_beam_editor_get_param (editor, "beam.loads[2].position");
  type_into (pos, "midspan");
  g_assert_cmpstr (string_at (doc, "beam.loads[2].position"), ==, "midspan");
  assert_valid (doc);
  /* Built again from the tree (another load added), the word is still there. */
  g_signal_emit_by_name (ps_load_list_get_add_button (list), "clicked");
  iterate ();
  pos = ps_beam_editor_get_param (editor, "beam.loads[2].position");
  g_assert_cmpstr (gtk_editable_get_text (ps_param_editor_get_entry (PS_PARAM_EDITOR (pos))), ==,
                   "midspan");
  type_into (pos, ps_gui_decimal_comma () ? "2,5" : "2.5");
  g_assert_cmpfloat (json_node_get_double (node_at (doc, "beam.loads[2].position")), ==, 2.5);
  assert_valid (doc);
  close_all ();
}

static void
test_continuous (void)
{
  PsDocument *doc = open_example ("beam-office-floor.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  JsonArray *spans;

  /* Continuous: the one span becomes two equal ones, each sweepable. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_beam_editor_get_support (editor)), 4);
  iterate ();
  g_assert_cmpstr (string_at (doc, "beam.support"), ==, "continuous");
  g_assert_null (node_at (doc, "beam.span"));
  spans = json_node_get_array (node_at (doc, "beam.spans"));
  g_assert_cmpuint (json_array_get_length (spans), ==, 2);
  g_assert_nonnull (ps_beam_editor_get_param (editor, "beam.spans[1]"));
  /* The example sweeps the span from 4 m: the second span's sweep starts at 7 m. */
  type_into (ps_beam_editor_get_param (editor, "beam.spans[1]"), "7");
  g_assert_cmpfloat (ps_load_first_value (node_at (doc, "beam.spans[1]"), PS_QTY_LENGTH, NAN), ==,
                     7.0);
  g_assert_cmpfloat (ps_load_first_value (node_at (doc, "beam.spans[0]"), PS_QTY_LENGTH, NAN), ==,
                     4.0);
  assert_valid (doc);
  shot_named (GTK_WIDGET (window), "beam-continuous-form");

  /* And back: the first span. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_beam_editor_get_support (editor)), 0);
  iterate ();
  g_assert_null (node_at (doc, "beam.spans"));
  g_assert_nonnull (node_at (doc, "beam.span"));
  assert_valid (doc);
  close_all ();
}

static void
test_single_load (void)
{
  PsDocument *doc = open_example ("beam-steel-ipe.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));

  /* Today's single-load study edits as before. */
  g_assert_null (ps_beam_editor_get_load_list (editor));
  g_assert_nonnull (ps_beam_editor_get_param (editor, "beam.load.value"));
  g_assert_nonnull (ps_beam_editor_get_param (editor, "beam.span"));
  g_assert_cmpuint (
      gtk_drop_down_get_selected (GTK_DROP_DOWN (ps_beam_editor_get_load_model (editor))), ==, 0);
  assert_valid (doc);
  g_assert_null (node_at (doc, "beam.loads"));

  /* To load cases: its load becomes an imposed load, checked to the codes. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_beam_editor_get_load_model (editor)), 1);
  iterate ();
  g_assert_nonnull (ps_beam_editor_get_load_list (editor));
  g_assert_null (node_at (doc, "beam.load"));
  g_assert_null (node_at (doc, "checks"));
  g_assert_cmpuint (n_loads (doc), ==, 1);
  g_assert_cmpstr (string_at (doc, "beam.loads[0].case"), ==, "Q");
  g_assert_cmpstr (string_at (doc, "beam.loads[0].type"), ==, "uniform");
  g_assert_cmpstr (string_at (doc, "cases.G.type"), ==, "permanent");
  g_assert_cmpstr (string_at (doc, "design.combinations"), ==, "auto");
  assert_valid (doc);

  /* And back. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ps_beam_editor_get_load_model (editor)), 0);
  iterate ();
  g_assert_null (ps_beam_editor_get_load_list (editor));
  g_assert_null (node_at (doc, "beam.loads"));
  g_assert_cmpstr (string_at (doc, "beam.load.type"), ==, "uniform");
  assert_valid (doc);
  close_all ();
}

static gboolean
chart_drawn (GtkWidget *chart)
{
  return ps_gui_chart_get_n_points (PS_GUI_CHART (chart)) > 0;
}

static void
test_detail (void)
{
  PsBeamDetail *detail = PS_BEAM_DETAIL (parastudy_window_get_beam_detail (window));
  GtkColumnView *view;
  GtkSingleSelection *sel;
  PsCsvModel *model;
  double x0, x1, R0, R1;
  gboolean seen_bending = FALSE;
  int ub;

  open_example ("beam-office-floor.json");
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "table");
  model = parastudy_window_get_table_model (window);
  g_assert_nonnull (model);
  g_assert_true (ps_beam_detail_get_active (detail));
  view = GTK_COLUMN_VIEW (parastudy_window_get_table_view (window));
  sel = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  g_assert_nonnull (sel);

  /* The first row (IPE 200, 4 m, S235, lightest imposed load). */
  gtk_single_selection_set_selected (sel, 0);
  iterate ();
  g_test_message ("%s", ps_beam_detail_get_title (detail));
  g_assert_nonnull (strstr (ps_beam_detail_get_title (detail), "IPE 200"));
  g_assert_cmpuint (ps_beam_detail_get_n_checks (detail), >=, 4);
  ub = ps_csv_model_find_column (model, "u_bending");
  g_assert_cmpint (ub, >=, 0);
  for (guint i = 0; i < ps_beam_detail_get_n_checks (detail); i++)
    {
      g_test_message ("%s = %.4f", ps_beam_detail_get_check_label (detail, i),
                      ps_beam_detail_get_check_value (detail, i));
      if (g_strcmp0 (ps_beam_detail_get_check_column (detail, i), "u_bending") == 0)
        {
          /* The bar shows the table's value, and names its clause. */
          g_assert_cmpfloat (ps_beam_detail_get_check_value (detail, i), ==,
                             ps_csv_model_get_number (model, 0, (guint)ub));
          g_assert_nonnull (
              strstr (ps_beam_detail_get_check_label (detail, i), "EN 1993-1-1 6.2.5"));
          seen_bending = TRUE;
        }
    }
  g_assert_true (seen_bending);
  /* The row is tinted by the check that governs it, the one the bars outline. */
  {
    g_autofree char *gov = ps_csv_model_dup_field (
        model, 0, (guint)ps_csv_model_find_column (model, "governing_check"));
    g_autofree char *cls = g_strconcat ("governs-", gov, NULL);

    g_assert_cmpstr (ps_beam_detail_row_class (model, 0), ==, cls);
  }

  /* Two reactions of a simply supported beam under uniform loads: by symmetry, equal,
   * and together the total load (statics). */
  g_assert_cmpuint (ps_beam_detail_get_n_reactions (detail), ==, 2);
  R0 = ps_beam_detail_get_reaction (detail, 0, &x0);
  R1 = ps_beam_detail_get_reaction (detail, 1, &x1);
  g_assert_cmpfloat (x0, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (x1, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (R0, R1, 1e-9 * fabs (R0));
  g_assert_cmpfloat (R0, >, 0.0);
  for (guint i = 0; i < 3; i++)
    g_assert_true (chart_drawn (ps_beam_detail_get_chart (detail, i)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  shot_named (GTK_WIDGET (window), "beam-detail");
  g_assert_cmpfloat (ink_share (ps_beam_detail_get_chart (detail, 1)), >, 0.01);

  /* Another row: another configuration shown. */
  gtk_single_selection_set_selected (sel, 5);
  iterate ();
  g_assert_nonnull (strstr (ps_beam_detail_get_title (detail), "5"));
  close_all ();

  /* A purlin over two spans: three reactions, at the ends and over the middle
   * support, where the table's spans put them. */
  open_example ("beam-purlin-snow.json");
  run_and_wait ();
  model = parastudy_window_get_table_model (window);
  sel = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  gtk_single_selection_set_selected (sel, 3);
  iterate ();
  g_assert_true (ps_beam_detail_get_active (detail));
  g_assert_cmpuint (ps_beam_detail_get_n_reactions (detail), ==, 3);
  {
    int s0 = ps_csv_model_find_column (model, "spans[0]_m");
    int s1 = ps_csv_model_find_column (model, "spans[1]_m");
    guint row = ps_csv_row_get_row (gtk_single_selection_get_selected_item (sel));
    double x;

    g_assert_cmpint (s0, >=, 0);
    g_assert_cmpint (s1, >=, 0);
    ps_beam_detail_get_reaction (detail, 1, &x);
    g_assert_cmpfloat_with_epsilon (x, ps_csv_model_get_number (model, row, (guint)s0), 1e-9);
    ps_beam_detail_get_reaction (detail, 2, &x);
    g_assert_cmpfloat_with_epsilon (x,
                                    ps_csv_model_get_number (model, row, (guint)s0)
                                        + ps_csv_model_get_number (model, row, (guint)s1),
                                    1e-9);
  }
  /* Over the middle support of two spans the reaction is the largest (AISC Manual
   * Table 3-23 case 29: 10wl/8 against 3wl/8 at the ends, full load). */
  g_assert_cmpfloat (ps_beam_detail_get_reaction (detail, 1, NULL), >,
                     ps_beam_detail_get_reaction (detail, 0, NULL));
  /* Row 3 has two equal 4 m spans and its largest moment (the diagram shown) is the
   * hogging one under full load: exactly 10/3 (Table 3-23 case 29). */
  g_assert_cmpfloat_with_epsilon (ps_beam_detail_get_reaction (detail, 1, NULL)
                                      / ps_beam_detail_get_reaction (detail, 0, NULL),
                                  10.0 / 3.0, 1e-9);
  parastudy_window_show_page (window, "table");
  shot_named (GTK_WIDGET (window), "beam-detail-continuous");
  close_all ();

  /* A reliability study's results: no beam detail. */
  open_example ("reliability-axial-bar.json");
  run_and_wait ();
  g_assert_false (ps_beam_detail_get_active (detail));
  close_all ();
}

static void
test_form_screenshots (void)
{
  static const char *const examples[]
      = { "beam-office-floor.json", "beam-purlin-snow.json", "beam-w-girder-asce.json" };

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *name = g_strdup_printf ("beam-design-form-%u", i + 1);
      GtkWidget *editor, *scroller;

      open_example (examples[i]);
      assert_valid (parastudy_window_get_document (window));
      parastudy_window_show_page (window, "study");
      shot_named (GTK_WIDGET (window), name);
      editor = parastudy_window_get_editor (window);
      scroller = gtk_widget_get_ancestor (editor, GTK_TYPE_SCROLLED_WINDOW);
      /* Nothing to scroll sideways to. */
      g_assert_cmpint (gtk_widget_get_width (editor), <=, gtk_widget_get_width (scroller));
      close_all ();
    }
}

int
main (int argc, char *argv[])
{
  shot_suffix = gui_test_start_localised (&argc, &argv);
  if (shot_suffix == NULL)
    return gui_test_finish (0);

  g_test_add_func ("/gui/beam/load-list", test_load_list);
  g_test_add_func ("/gui/beam/continuous", test_continuous);
  g_test_add_func ("/gui/beam/own-combinations", test_own_combinations);
  g_test_add_func ("/gui/beam/midspan-word", test_midspan_word);
  g_test_add_func ("/gui/beam/single-load", test_single_load);
  g_test_add_func ("/gui/beam/detail", test_detail);
  g_test_add_func ("/gui/beam/form-screenshots", test_form_screenshots);
  return gui_test_finish (g_test_run ());
}
