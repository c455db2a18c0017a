#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-gui-chart.h"
#include "ps-lightest-view.h"
#include "study/ps-summary.h"

struct _PsLightestView
{
  GtkBox parent_instance;

  GtkWidget *design_title;
  GtkWidget *design_grid;
  GtkWidget *groups_title;
  GtkWidget *groups_box;
  GtkWidget *groups_grid;
  GtkWidget *chart;
  GHashTable *values; /* key -> GtkLabel */
  guint n_groups, n_columns;
};

G_DEFINE_FINAL_TYPE (PsLightestView, ps_lightest_view, GTK_TYPE_BOX)

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static GtkWidget *
cell (GtkWidget *grid, const char *text, int col, int row, gboolean head)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  if (head)
    gtk_widget_add_css_class (l, "heading");
  gtk_label_set_selectable (GTK_LABEL (l), !head);
  gtk_grid_attach (GTK_GRID (grid), l, col, row, 1, 1);
  return l;
}

/* The run's parameter for group key @path ("span" is the column span_m,
 * "loads[1].value" loads[1].value_N_per_m), or NULL. */
static const PsPlotParameter *
group_param (GPtrArray *params, const char *path)
{
  g_autofree char *prefix = g_strconcat (path, "_", NULL);

  for (guint i = 0; i < params->len; i++)
    {
      const PsPlotParameter *p = g_ptr_array_index (params, i);

      if (g_str_equal (p->name, path) || g_str_has_prefix (p->name, prefix))
        return p;
    }
  /* summary.json names them from the study's root ("beam.span"), the run's columns
   * from the beam's ("span_m"). */
  if (strchr (path, '.') != NULL)
    return group_param (params, strchr (path, '.') + 1);
  return NULL;
}

/* A grouped parameter's value in words, as the run's parameter shows it. */
static char *
group_value_text (const PsPlotParameter *p, double v)
{
  for (guint k = 0; p != NULL && k < p->keys->len; k++)
    {
      double key = g_ascii_strtod (g_ptr_array_index (p->keys, k), NULL);

      if (key == v || fabs (key - v) <= 1e-9 * fabs (v))
        return g_strdup (g_ptr_array_index (p->texts, k));
    }
  return g_strdup_printf ("%.6g", v);
}

static void
show_design (PsLightestView *self, PsRunData *data, JsonObject *light)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *item = NULL;
  int r = 0;

  clear_grid (self->design_grid);
  g_hash_table_remove_all (self->values);
  if (light == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->design_title),
                          _ ("No configuration passes every check."));
      return;
    }
  item = g_strdup_printf ("%" G_GUINT64_FORMAT, ps_summary_get_count (light, "item"));
  {
    g_autofree char *t = g_strdup_printf (_ ("Lightest passing design (configuration %s)"), item);

    gtk_label_set_text (GTK_LABEL (self->design_title), t);
  }
  rows = ps_plot_study_item_figures (data, item, &error);
  if (rows == NULL)
    {
      /* Without its row in results.csv, what summary.json says of it. */
      g_autofree char *text
          = g_strdup_printf ("%s, %s, %.4g kg/m", ps_summary_get_string (light, "material"),
                             ps_summary_get_string (light, "section"),
                             ps_summary_get_number (light, "mass_per_metre"));

      cell (self->design_grid, text, 0, 0, FALSE);
      g_debug ("lightest design: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++, r++)
    {
      const PsSummaryRow *f = g_ptr_array_index (rows, i);
      GtkWidget *n = cell (self->design_grid, f->label, 0, r, FALSE);
      GtkWidget *v = cell (self->design_grid, f->text, 1, r, FALSE);

      gtk_widget_add_css_class (n, "dim-label");
      gtk_label_set_selectable (GTK_LABEL (n), FALSE);
      gtk_widget_add_css_class (v, "summary-value");
      g_hash_table_replace (self->values, g_strdup (f->key), v);
    }
}

static void
show_groups (PsLightestView *self, PsRunData *data, JsonObject *s)
{
  JsonArray *by = ps_summary_get_array (s, "group_by");
  JsonArray *groups = ps_summary_get_array (s, "lightest_by_group");
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (GError) error = NULL;
  guint nb;
  PsChart *chart;

  clear_grid (self->groups_grid);
  self->n_groups = 0;
  self->n_columns = 0;
  if (by == NULL || groups == NULL || json_array_get_length (by) == 0)
    {
      gtk_widget_set_visible (self->groups_title, FALSE);
      gtk_widget_set_visible (self->groups_box, FALSE);
      gtk_widget_set_visible (self->chart, FALSE);
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), NULL, NULL);
      return;
    }
  params = ps_plot_study_parameters (data);
  nb = json_array_get_length (by);
  for (guint i = 0; i < nb; i++)
    {
      const PsPlotParameter *p = group_param (params, json_array_get_string_element (by, i));

      cell (self->groups_grid, p != NULL ? p->label : json_array_get_string_element (by, i), (int)i,
            0, TRUE);
    }
  cell (self->groups_grid, _ ("Lightest passing"), (int)nb, 0, TRUE);
  cell (self->groups_grid, _ ("Mass"), (int)nb + 1, 0, TRUE);
  cell (self->groups_grid, _ ("Utilisation"), (int)nb + 2, 0, TRUE);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *row = json_array_get_object_element (groups, g);
      JsonObject *l = ps_summary_get_object (row, "lightest");

      for (guint i = 0; i < nb; i++)
        {
          const char *path = json_array_get_string_element (by, i);
          g_autofree char *t
              = group_value_text (group_param (params, path), ps_summary_get_number (row, path));

          cell (self->groups_grid, t, (int)i, (int)g + 1, FALSE);
        }
      if (l != NULL)
        {
          g_autofree char *design = g_strdup_printf ("%s, %s", ps_summary_get_string (l, "section"),
                                                     ps_summary_get_string (l, "material"));
          g_autofree char *mass
              = g_strdup_printf ("%.4g kg/m", ps_summary_get_number (l, "mass_per_metre"));
          g_autofree char *u = g_strdup_printf ("%.3f", ps_summary_get_number (l, "utilisation"));

          cell (self->groups_grid, design, (int)nb, (int)g + 1, FALSE);
          cell (self->groups_grid, mass, (int)nb + 1, (int)g + 1, FALSE);
          cell (self->groups_grid, u, (int)nb + 2, (int)g + 1, FALSE);
        }
      else
        cell (self->groups_grid, _ ("none passes"), (int)nb, (int)g + 1, FALSE);
    }
  self->n_groups = json_array_get_length (groups);
  self->n_columns = nb + 3;
  chart = ps_plot_study_chart (data, "lightest", NULL, &error);
  ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), chart, error ? error->message : NULL);
  gtk_widget_set_visible (self->groups_title, TRUE);
  gtk_widget_set_visible (self->groups_box, TRUE);
  gtk_widget_set_visible (self->chart, TRUE);
}

gboolean
ps_lightest_view_set_run (PsLightestView *self, PsRunData *data)
{
  JsonObject *s = data != NULL ? ps_run_data_get_summary (data) : NULL;
  JsonNode *node = s != NULL ? json_object_get_member (s, "lightest_passing") : NULL;

  if (node == NULL)
    {
      show_design (self, NULL, NULL);
      clear_grid (self->groups_grid);
      self->n_groups = 0;
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), NULL, NULL);
      return FALSE;
    }
  show_design (self, data, JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL);
  show_groups (self, data, s);
  return TRUE;
}

const char *
ps_lightest_view_get_text (PsLightestView *self, const char *key)
{
  GtkWidget *v = g_hash_table_lookup (self->values, key);

  return v != NULL ? gtk_label_get_text (GTK_LABEL (v)) : NULL;
}

guint
ps_lightest_view_get_n_groups (PsLightestView *self)
{
  return self->n_groups;
}

const char *
ps_lightest_view_get_cell (PsLightestView *self, guint row, guint column)
{
  GtkWidget *w = gtk_grid_get_child_at (GTK_GRID (self->groups_grid), (int)column, (int)row + 1);

  return w != NULL ? gtk_label_get_text (GTK_LABEL (w)) : NULL;
}

GtkWidget *
ps_lightest_view_get_chart (PsLightestView *self)
{
  return self->chart;
}

static void
ps_lightest_view_finalize (GObject *object)
{
  PsLightestView *self = PS_LIGHTEST_VIEW (object);

  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (ps_lightest_view_parent_class)->finalize (object);
}

static void
ps_lightest_view_class_init (PsLightestViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_lightest_view_finalize;
}

static void
ps_lightest_view_init (PsLightestView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *design = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_widget_set_margin_bottom (inner, 6);
  self->design_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->design_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->design_title), TRUE);
  gtk_widget_add_css_class (self->design_title, "heading");
  self->design_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->design_grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (self->design_grid), 4);
  self->groups_title = gtk_label_new (_ ("Lightest passing design of each group (load–span "
                                         "table)"));
  gtk_label_set_xalign (GTK_LABEL (self->groups_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->groups_title), TRUE);
  gtk_widget_add_css_class (self->groups_title, "heading");
  self->groups_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->groups_grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (self->groups_grid), 2);
  gtk_widget_add_css_class (self->groups_grid, "numeric-cell");
  self->groups_box = self->groups_grid;
  /* The design and the map side by side, the table under them: the page scrolls. */
  self->chart = ps_gui_chart_new ();
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_size_request (self->chart, 300, 280);
  gtk_box_append (GTK_BOX (design), self->design_title);
  gtk_box_append (GTK_BOX (design), self->design_grid);
  gtk_box_append (GTK_BOX (top), design);
  gtk_box_append (GTK_BOX (top), self->chart);
  gtk_box_append (GTK_BOX (inner), top);
  gtk_box_append (GTK_BOX (inner), self->groups_title);
  gtk_box_append (GTK_BOX (inner), self->groups_grid);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self), scroller);
}

GtkWidget *
ps_lightest_view_new (void)
{
  return g_object_new (PS_TYPE_LIGHTEST_VIEW, NULL);
}
