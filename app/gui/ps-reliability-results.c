#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "ps-gui-chart.h"
#include "ps-reliability-results.h"
#include "report/ps-report-private.h"
#include "study/ps-units.h"

static GtkWidget *
heading (const char *text)
{
  GtkWidget *l = gtk_label_new (text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (l), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_set_margin_top (l, 12);
  return l;
}

static GtkWidget *
new_table (const char *const *headers, guint n, const char *name)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_name (grid, name);
  for (guint k = 0; k < n; k++)
    {
      GtkWidget *l = gtk_label_new (headers[k]);

      gtk_label_set_xalign (GTK_LABEL (l), k == 0 ? 0.0f : 1.0f);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), l, (int)k, 0, 1, 1);
    }
  return grid;
}

static void
cell (GtkWidget *grid, int column, int row, const char *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), column == 0 ? 0.0f : 1.0f);
  gtk_label_set_selectable (GTK_LABEL (l), TRUE);
  if (column > 0)
    gtk_widget_add_css_class (l, "numeric");
  gtk_grid_attach (GTK_GRID (grid), l, column, row, 1, 1);
}

/* @v with @digits: after the point for style 'f' ('+' also shows the sign),
 * significant for 'g' (a small probability or a large threshold as engineers write
 * it, 7.85 × 10⁻⁵, as the report does); a dash when it is missing. */
static char *
number (double v, char style, int digits)
{
  if (!isfinite (v))
    return g_strdup ("—");
  switch (style)
    {
    case '+':
      return g_strdup_printf ("%+.*f", digits, v);
    case 'g':
      return ps_report_format_decimal (v, digits);
    default:
      return g_strdup_printf ("%.*f", digits, v);
    }
}

static double
member_double (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) == G_TYPE_STRING)
    return NAN;
  return json_node_get_double (n);
}

/* "[low, high]" of a two-element array. */
static char *
interval (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  JsonArray *a;
  g_autofree char *lo = NULL, *hi = NULL;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return g_strdup ("");
  a = json_node_get_array (n);
  if (json_array_get_length (a) != 2)
    return g_strdup ("");
  lo = number (json_array_get_double_element (a, 0), 'f', 4);
  hi = number (json_array_get_double_element (a, 1), 'f', 4);
  return g_strdup_printf ("[%s, %s]", lo, hi);
}

/* x* in the unit the variable's mean (or another value) is written in, "358.5 MPa";
 * in SI where the file gives plain numbers. */
static char *
physical (JsonObject *study_root, const char *name, double x)
{
  static const char *const keys[] = { "mean", "lower", "upper", "mode", "scale", "sd" };
  JsonObject *vars
      = study_root && json_object_has_member (study_root, "variables")
                && JSON_NODE_HOLDS_OBJECT (json_object_get_member (study_root, "variables"))
            ? json_object_get_object_member (study_root, "variables")
            : NULL;
  JsonNode *v = vars ? json_object_get_member (vars, name) : NULL;

  for (guint k = 0; v != NULL && JSON_NODE_HOLDS_OBJECT (v) && k < G_N_ELEMENTS (keys); k++)
    {
      JsonNode *n = json_object_get_member (json_node_get_object (v), keys[k]);
      const char *t;
      char *end;
      double scale;
      PsDim dim;
      g_autofree char *msg = NULL, *unit = NULL;

      if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      t = json_node_get_string (n);
      g_ascii_strtod (t, &end);
      if (end == t)
        continue;
      unit = g_strstrip (g_strdup (end));
      if (*unit == '\0' || !ps_unit_parse (unit, &scale, &dim, &msg))
        continue;
      return g_strdup_printf ("%.5g %s", x / scale, unit);
    }
  return g_strdup_printf ("%.6g", x);
}

static GtkWidget *
engine_chart (PsRunData *run_data, const char *name)
{
  g_autoptr (GError) error = NULL;
  PsChart *chart;
  GtkWidget *w;

  if (run_data == NULL)
    return NULL;
  chart = ps_plot_study_chart (run_data, name, NULL, &error);
  if (chart == NULL)
    {
      g_debug ("no %s chart: %s", name, error->message);
      return NULL;
    }
  w = ps_gui_chart_new ();
  gtk_widget_set_name (w, name);
  gtk_widget_set_size_request (w, 520, 240);
  gtk_widget_set_halign (w, GTK_ALIGN_START);
  ps_gui_chart_set_chart (PS_GUI_CHART (w), chart, NULL);
  return w;
}

static void
add_design_point (GtkWidget *box, JsonObject *s, PsRunData *run_data, JsonObject *study_root)
{
  JsonObject *dp = json_object_get_object_member (s, "design_point");
  JsonObject *x
      = dp && json_object_has_member (dp, "x") ? json_object_get_object_member (dp, "x") : NULL;
  JsonObject *u
      = dp && json_object_has_member (dp, "u") ? json_object_get_object_member (dp, "u") : NULL;
  JsonObject *alpha
      = json_object_has_member (s, "alpha") ? json_object_get_object_member (s, "alpha") : NULL;
  JsonObject *imp = json_object_has_member (s, "importance_factors")
                        ? json_object_get_object_member (s, "importance_factors")
                        : NULL;
  const char *headers[] = { _ ("Variable"), _ ("x* (design point)"), _ ("u* (standard)"), _ ("α"),
                            _ ("Importance α²") };
  GtkWidget *grid;
  GtkWidget *chart;
  g_autoptr (GList) names = NULL;
  int row = 1;

  if (x == NULL)
    return;
  gtk_box_append (GTK_BOX (box), heading (_ ("Design point")));
  grid = new_table (headers, G_N_ELEMENTS (headers), "design-point");
  gtk_widget_set_tooltip_text (grid,
                               _ ("α is the unit normal to the limit state at the design point "
                                  "in standard space; α² is the variable's share of the "
                                  "variance of g there (positive α: a load, negative: a "
                                  "resistance)"));
  names = json_object_get_members (x);
  for (GList *l = names; l != NULL; l = l->next, row++)
    {
      const char *name = l->data;
      double a = member_double (alpha, name);
      g_autofree char *xs = physical (study_root, name, member_double (x, name));
      g_autofree char *us = number (member_double (u, name), 'f', 4);
      g_autofree char *as = number (a, '+', 4);
      g_autofree char *is
          = number (isfinite (a) ? a * a : fabs (member_double (imp, name)), 'f', 4);

      cell (grid, 0, row, name);
      cell (grid, 1, row, xs);
      cell (grid, 2, row, us);
      cell (grid, 3, row, as);
      cell (grid, 4, row, is);
    }
  gtk_box_append (GTK_BOX (box), grid);
  chart = engine_chart (run_data, "importance-factors");
  if (chart != NULL)
    gtk_box_append (GTK_BOX (box), chart);
}

static void
add_sorm (GtkWidget *box, JsonObject *s)
{
  JsonObject *sorm = json_object_get_object_member (s, "sorm");
  const char *headers[] = { _ ("Estimate"), _ ("Pf"), _ ("β") };
  struct
  {
    const char *key, *label;
  } rows[] = {
    { "breitung", N_ ("Breitung (1984)") },
    { "hohenbichler", N_ ("Hohenbichler–Rackwitz (1988)") },
    { "tvedt", N_ ("Tvedt (1990), exact for a paraboloid") },
  };
  GtkWidget *grid;
  JsonNode *curv = json_object_get_member (sorm, "curvatures");

  gtk_box_append (GTK_BOX (box), heading (_ ("SORM")));
  grid = new_table (headers, G_N_ELEMENTS (headers), "sorm");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      double pf = member_double (sorm, rows[i].key);
      /* β = −Φ⁻¹(Pf), the generalised reliability index (Ditlevsen 1979). */
      double beta = pf > 0 && pf < 1 ? gsl_cdf_ugaussian_Qinv (pf) : NAN;
      g_autofree char *p = number (pf, 'g', 4);
      g_autofree char *b = number (beta, 'f', 4);

      cell (grid, 0, (int)i + 1, _ (rows[i].label));
      cell (grid, 1, (int)i + 1, p);
      cell (grid, 2, (int)i + 1, b);
    }
  gtk_box_append (GTK_BOX (box), grid);
  if (curv != NULL && JSON_NODE_HOLDS_ARRAY (curv))
    {
      JsonArray *a = json_node_get_array (curv);
      g_autoptr (GString) t = g_string_new (_ ("Principal curvatures:"));

      for (guint i = 0; i < json_array_get_length (a); i++)
        g_string_append_printf (t, " %.4g", json_array_get_double_element (a, i));
      {
        GtkWidget *l = gtk_label_new (t->str);

        gtk_label_set_xalign (GTK_LABEL (l), 0);
        gtk_label_set_wrap (GTK_LABEL (l), TRUE);
        gtk_label_set_selectable (GTK_LABEL (l), TRUE);
        gtk_box_append (GTK_BOX (box), l);
      }
    }
}

static void
add_levels (GtkWidget *box, JsonObject *s, PsRunData *run_data)
{
  JsonArray *levels = json_object_get_array_member (s, "levels");
  const char *headers[]
      = { _ ("Level"), _ ("Threshold of g"), _ ("Conditional p"), _ ("CoV"), _ ("g evaluations") };
  GtkWidget *grid, *chart;

  gtk_box_append (GTK_BOX (box), heading (_ ("Subset simulation levels")));
  grid = new_table (headers, G_N_ELEMENTS (headers), "subset-levels");
  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonNode *e = json_array_get_element (levels, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *t = number (member_double (o, "threshold"), 'g', 5);
      g_autofree char *p = number (member_double (o, "p"), 'g', 4);
      g_autofree char *c = number (member_double (o, "cov"), 'f', 3);
      g_autofree char *g = number (member_double (o, "g_evaluations"), 'f', 0);

      cell (grid, 0, (int)i + 1, n);
      cell (grid, 1, (int)i + 1, t);
      cell (grid, 2, (int)i + 1, p);
      cell (grid, 3, (int)i + 1, c);
      cell (grid, 4, (int)i + 1, g);
    }
  gtk_box_append (GTK_BOX (box), grid);
  chart = engine_chart (run_data, "subset-levels");
  if (chart != NULL)
    gtk_box_append (GTK_BOX (box), chart);
}

static void
add_sobol (GtkWidget *box, JsonObject *s, PsRunData *run_data)
{
  JsonObject *sobol = json_object_get_object_member (s, "sobol");
  const char *headers[] = { _ ("Variable"), _ ("First order Sᵢ"),
                            /* xgettext:no-c-format */
                            _ ("95 % interval"), _ ("Total S_Tᵢ"),
                            /* xgettext:no-c-format */
                            _ ("95 % interval") };
  g_autoptr (GList) names = json_object_get_members (sobol);
  GtkWidget *grid, *chart;
  int row = 1;

  gtk_box_append (GTK_BOX (box), heading (_ ("Sobol indices")));
  grid = new_table (headers, G_N_ELEMENTS (headers), "sobol");
  for (GList *l = names; l != NULL; l = l->next, row++)
    {
      JsonNode *e = json_object_get_member (sobol, l->data);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      g_autofree char *f = number (member_double (o, "first"), 'f', 4);
      g_autofree char *fi = interval (o, "first_ci95");
      g_autofree char *t = number (member_double (o, "total"), 'f', 4);
      g_autofree char *ti = interval (o, "total_ci95");

      cell (grid, 0, row, l->data);
      cell (grid, 1, row, f);
      cell (grid, 2, row, fi);
      cell (grid, 3, row, t);
      cell (grid, 4, row, ti);
    }
  gtk_box_append (GTK_BOX (box), grid);
  chart = engine_chart (run_data, "sobol");
  if (chart != NULL)
    gtk_box_append (GTK_BOX (box), chart);
}

static gboolean
has_object (JsonObject *s, const char *name)
{
  JsonNode *n = json_object_get_member (s, name);

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n);
}

GtkWidget *
ps_reliability_results_new (JsonObject *summary, PsRunData *run_data, JsonObject *study_root)
{
  GtkWidget *box;
  JsonNode *levels;

  g_return_val_if_fail (summary != NULL, NULL);
  levels = json_object_get_member (summary, "levels");
  if (!has_object (summary, "design_point") && !has_object (summary, "sorm")
      && !has_object (summary, "sobol") && (levels == NULL || !JSON_NODE_HOLDS_ARRAY (levels)))
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (box, "reliability-results");
  if (has_object (summary, "design_point"))
    add_design_point (box, summary, run_data, study_root);
  if (has_object (summary, "sorm"))
    add_sorm (box, summary);
  if (levels != NULL && JSON_NODE_HOLDS_ARRAY (levels))
    add_levels (box, summary, run_data);
  if (has_object (summary, "sobol"))
    add_sobol (box, summary, run_data);
  return box;
}
