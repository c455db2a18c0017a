/* test-gui-reliability.c: the reliability form and results under xvfb-run (issue 17,
 * "Front ends"; issue 19 item 6): the method and its options, correlations with the
 * engine's positive-definiteness check on the offending field, the density of a
 * variable with its axes, the unit of g and a limit state whose units do not match,
 * and the design point, importance factors, SORM, subset levels and Sobol indices
 * of runs of the examples. Screenshots at 1024 x 700, in English and (--pt_BR) in
 * Brazilian Portuguese. */
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
#include "ps-gui-chart.h"
#include "ps-gui-test-utils.h"
#include "ps-reliability-editor.h"

static const char *shot_suffix = "";

static char *
shot_named (GtkWidget *widget, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  return screenshot (widget, full);
}

static PsReliabilityEditor *
editor (void)
{
  GtkWidget *e = parastudy_window_get_editor (window);

  g_assert_true (PS_IS_RELIABILITY_EDITOR (e));
  return PS_RELIABILITY_EDITOR (e);
}

/* The descendant of @root named @name (gtk_widget_set_name), or NULL. */
static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *w = find_named (c, name);

      if (w != NULL)
        return w;
    }
  return NULL;
}

static const char *
cell_text (GtkWidget *grid, int column, int row)
{
  GtkWidget *w = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  g_assert_nonnull (w);
  return GTK_IS_LABEL (w) ? gtk_label_get_text (GTK_LABEL (w))
                          : gtk_editable_get_text (GTK_EDITABLE (w));
}

static JsonObject *
method_of (PsDocument *doc)
{
  return json_object_get_object_member (ps_document_get_root (doc), "method");
}

/* The visible state of an option's row, found by its field's registered path. */
static gboolean
row_visible_for (const char *label)
{
  GtkWidget *e = GTK_WIDGET (editor ());

  /* The option rows are labelled boxes in the method's box. */
  {
    GPtrArray *stack = g_ptr_array_new ();
    gboolean found = FALSE, visible = FALSE;

    g_ptr_array_add (stack, e);
    while (stack->len > 0 && !found)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), label) == 0)
          {
            found = TRUE;
            visible = gtk_widget_get_visible (gtk_widget_get_parent (w));
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    g_assert_true (found);
    return visible;
  }
}

/* Choosing FORM writes method.name and shows FORM's options instead of the
 * samples; choosing subset simulation its own; Monte Carlo again its samples. */
static void
test_choose_form (void)
{
  PsDocument *doc = open_example ("reliability-load-strength.json");
  GtkWidget *dd;

  parastudy_window_show_page (window, "study");
  dd = ps_reliability_editor_get_method_dropdown (editor ());
  g_assert_true (row_visible_for (_ ("Samples (most)")));
  g_assert_false (row_visible_for (_ ("Tolerance")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), 2);
  iterate ();
  g_assert_cmpstr (json_object_get_string_member (method_of (doc), "name"), ==, "form");
  g_assert_false (json_object_has_member (method_of (doc), "samples"));
  g_assert_false (row_visible_for (_ ("Samples (most)")));
  g_assert_true (row_visible_for (_ ("Tolerance")));
  g_assert_null (ps_document_get_error (doc));
  g_assert_true (action_enabled ("run"));
  g_free (shot_named (GTK_WIDGET (window), "reliability-form-method"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), 5);
  iterate ();
  g_assert_cmpstr (json_object_get_string_member (method_of (doc), "name"), ==, "subset");
  g_assert_true (row_visible_for (_ ("Per level")));
  g_assert_null (ps_document_get_error (doc));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), 0);
  iterate ();
  g_assert_cmpstr (json_object_get_string_member (method_of (doc), "name"), ==, "monte-carlo");
  g_assert_cmpint (json_object_get_int_member (method_of (doc), "samples"), ==, 100000000);
  close_all ();
}

/* Three pairs whose correlations cannot hold together (0.9, 0.9 and -0.9: the
 * determinant of the matrix is 1 - 3 (0.81) - 2 (0.729) < 0): the engine's Nataf
 * code refuses it and the rho of the last pair of the offending row is marked, the
 * message under the list names the pairs; a consistent value clears both. */
static void
test_correlation_not_pd (void)
{
  PsDocument *doc = open_text (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Three\", \"variables\": {"
      "  \"A\": { \"distribution\": \"normal\", \"mean\": \"10 kN\", \"sd\": \"1 kN\" },"
      "  \"B\": { \"distribution\": \"normal\", \"mean\": \"10 kN\", \"sd\": \"1 kN\" },"
      "  \"C\": { \"distribution\": \"normal\", \"mean\": \"40 kN\", \"sd\": \"2 kN\" } },"
      "  \"limit_state\": \"C - A - B\", \"method\": { \"name\": \"form\" } }");
  GtkWidget *grid;
  const char *pairs[3][3] = { { "A", "B", "0.9" }, { "A", "C", "0.9" }, { "B", "C", "-0.9" } };
  GtkWidget *rho3, *message = NULL;

  parastudy_window_show_page (window, "study");
  grid = ps_reliability_editor_get_correlation_grid (editor ());
  for (int i = 0; i < 3; i++)
    {
      GtkWidget *add = NULL;
      GPtrArray *stack = g_ptr_array_new ();

      /* The Add Correlation button: the button after the grid's message. */
      g_ptr_array_add (stack, gtk_widget_get_parent (grid));
      while (stack->len > 0)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

          if (GTK_IS_BUTTON (w) && gtk_widget_get_parent (w) == gtk_widget_get_parent (grid))
            add = w;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
               c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
      g_ptr_array_unref (stack);
      g_assert_nonnull (add);
      g_signal_emit_by_name (add, "clicked");
      iterate ();
      for (int k = 0; k < 3; k++)
        gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (GTK_GRID (grid), k, i + 1)),
                               pairs[i][k]);
      iterate ();
    }
  g_assert_cmpstr (ps_document_get_error_path (doc), ==, "correlation[2].rho");
  if (*shot_suffix == '\0')
    g_assert_nonnull (strstr (ps_document_get_error (doc), "positive definite"));
  rho3 = gtk_grid_get_child_at (GTK_GRID (grid), 2, 3);
  g_assert_true (gtk_widget_has_css_class (rho3, "error"));
  g_assert_false (
      gtk_widget_has_css_class (gtk_grid_get_child_at (GTK_GRID (grid), 2, 1), "error"));
  for (GtkWidget *w = gtk_widget_get_next_sibling (grid); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      message = w;
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "(correlation[1])"));
  g_assert_false (action_enabled ("run"));
  g_free (shot_named (GTK_WIDGET (window), "reliability-correlation-not-pd"));
  g_free (shot_named (gtk_widget_get_parent (grid), "reliability-correlation-not-pd-list"));

  /* With rho_BC = 0.7: det = 1 - (0.81 + 0.81 + 0.49) + 2 (0.9)(0.9)(0.7) = 0.024 > 0. */
  gtk_editable_set_text (GTK_EDITABLE (rho3), "0.7");
  iterate ();
  g_assert_null (ps_document_get_error (doc));
  g_assert_false (gtk_widget_has_css_class (rho3, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (action_enabled ("run"));
  close_all ();
}

/* Issue 19 item 6: the unit of g is shown; "R - F" with R in Pa and F in N is
 * refused on the field, naming both, and Run says why it is disabled. */
static void
test_limit_state_units (void)
{
  PsDocument *doc = open_text (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Bar\", \"variables\": {"
      "  \"R\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" },"
      "  \"F\": { \"distribution\": \"normal\", \"mean\": \"50 kN\", \"sd\": \"5 kN\" } },"
      "  \"constants\": { \"A\": \"250 mm^2\" },"
      "  \"limit_state\": \"R - F / A\", \"method\": { \"name\": \"form\" } }");
  PsReliabilityEditor *e;
  GtkEditable *ls;
  GtkWidget *err;

  parastudy_window_show_page (window, "study");
  e = editor ();
  ls = ps_reliability_editor_get_limit_state (e);
  g_assert_null (ps_document_get_error (doc));
  g_assert_nonnull (strstr (ps_reliability_editor_get_g_unit (e), "Pa"));
  gtk_editable_set_text (ls, "R - F");
  iterate ();
  err = ps_reliability_editor_get_limit_state_error (e);
  g_assert_true (gtk_widget_get_visible (err));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (err)), "\"R\""));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (err)), "Pa"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (err)), "\"F\""));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (err)), " N "));
  g_assert_cmpuint (ps_reliability_editor_get_error_position (e), ==, 3);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (ls), "error"));
  g_assert_false (action_enabled ("run"));
  g_free (shot_named (GTK_WIDGET (window), "daily-6-limit-state-units"));
  g_free (shot_named (gtk_widget_get_parent (GTK_WIDGET (ls)), "daily-6-limit-state-units-field"));
  gtk_editable_set_text (ls, "R * A - F");
  iterate ();
  g_assert_false (gtk_widget_get_visible (err));
  g_assert_nonnull (strstr (ps_reliability_editor_get_g_unit (e), "N"));
  g_assert_true (action_enabled ("run"));
  close_all ();
}

/* The density of the selected variable is drawn with axes: theta of the SORM
 * example is a beta variable; the plot has points. */
static void
test_density_plot (void)
{
  GtkWidget *chart;

  open_example ("reliability-sorm-beam.json");
  parastudy_window_show_page (window, "study");
  chart = ps_reliability_editor_get_density_chart (editor ());
  iterate ();
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), >, 0);
  g_free (shot_named (GTK_WIDGET (window), "reliability-editor"));
  g_free (shot_named (GTK_WIDGET (editor ()), "reliability-editor-whole"));
  close_all ();
}

/* Runs of the examples: the design point table names every variable with alpha^2
 * summing to 1 (alpha is a unit vector), the importance chart, SORM's three
 * estimates, subset levels and Sobol indices with their charts. */
static void
test_results (void)
{
  GtkWidget *dp, *sorm, *levels, *sobol, *chart;
  double sum = 0;

  open_example ("reliability-sorm-beam.json");
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  iterate ();
  dp = find_named (GTK_WIDGET (window), "design-point");
  g_assert_nonnull (dp);
  for (int row = 1; row <= 5; row++)
    {
      /* Shown in the locale: "0,8066" in pt_BR. */
      g_autofree char *t = g_strdup (cell_text (dp, 4, row));

      g_strdelimit (t, ",", '.');
      sum += g_ascii_strtod (t, NULL);
    }
  g_assert_cmpfloat (fabs (sum - 1.0), <, 1e-3);
  g_assert_cmpstr (cell_text (dp, 0, 1), ==, "theta");
  /* x* of fy in the unit its mean is written in. */
  g_assert_nonnull (strstr (cell_text (dp, 1, 2), "MPa"));
  chart = find_named (GTK_WIDGET (window), "importance-factors");
  g_assert_nonnull (chart);
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), >, 0);
  sorm = find_named (GTK_WIDGET (window), "sorm");
  g_assert_nonnull (sorm);
  g_assert_nonnull (gtk_grid_get_child_at (GTK_GRID (sorm), 2, 3));
  g_free (shot_named (GTK_WIDGET (window), "reliability-results-sorm"));
  g_free (shot_named (gtk_widget_get_parent (dp), "reliability-results-sorm-whole"));
  close_all ();

  open_example ("reliability-subset.json");
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  iterate ();
  levels = find_named (GTK_WIDGET (window), "subset-levels");
  g_assert_nonnull (levels);
  g_assert_nonnull (gtk_grid_get_child_at (GTK_GRID (levels), 1, 2));
  g_free (shot_named (gtk_widget_get_parent (levels), "reliability-results-subset"));
  close_all ();

  open_example ("reliability-sobol.json");
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  iterate ();
  sobol = find_named (GTK_WIDGET (window), "sobol");
  g_assert_nonnull (sobol);
  g_assert_true (GTK_IS_GRID (sobol));
  g_assert_nonnull (strstr (cell_text (sobol, 2, 1), "["));
  g_free (shot_named (GTK_WIDGET (window), "reliability-results-sobol"));
  g_free (shot_named (gtk_widget_get_parent (sobol), "reliability-results-sobol-whole"));
  close_all ();
}

int
main (int argc, char *argv[])
{
  shot_suffix = gui_test_start_localised (&argc, &argv);
  if (shot_suffix == NULL)
    return gui_test_finish (0);

  g_test_add_func ("/gui/reliability/choose-form", test_choose_form);
  g_test_add_func ("/gui/reliability/correlation-not-positive-definite", test_correlation_not_pd);
  g_test_add_func ("/gui/daily/6-limit-state-units", test_limit_state_units);
  g_test_add_func ("/gui/reliability/density-plot", test_density_plot);
  g_test_add_func ("/gui/reliability/results", test_results);
  return gui_test_finish (g_test_run ());
}
