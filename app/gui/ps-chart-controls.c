#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-chart-controls.h"

typedef enum
{
  MODE_NONE,
  MODE_CURVES, /* output against x, one curve per value of the second parameter */
  MODE_MAP,    /* a map over x and the second parameter */
  MODE_SPECIMEN,
} Mode;

struct _PsChartControls
{
  GtkBox parent_instance;

  PsRunData *data; /* borrowed */
  char *chart;
  Mode mode;
  GPtrArray *params;  /* PsPlotParameter, the run's varying parameters */
  GPtrArray *x_names; /* char *: the parameters the x dropdown offers */
  GPtrArray *second_names;
  GPtrArray *specimens; /* char * */
  GtkWidget *x_dd, *second_dd, *specimen_dd;
  GtkWidget *flow;           /* the choices, wrapped to the width there is */
  GPtrArray *fixed_children; /* the flow's children of the parameters held fixed */
  GPtrArray *fixed_dd;       /* GtkDropDown * per parameter, NULL for those on an axis */
  GPtrArray *fixed_strings;  /* "NAME=KEY", NULL-terminated, for ps_chart_controls_get_params */
  gboolean building;
};

G_DEFINE_FINAL_TYPE (PsChartControls, ps_chart_controls, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_numeric (const PsPlotParameter *p)
{
  const char *k = g_ptr_array_index (p->keys, 0);
  char *end;

  g_ascii_strtod (k, &end);
  return end != k && *end == '\0';
}

static const PsPlotParameter *
find_param (PsChartControls *self, const char *name)
{
  for (guint i = 0; name != NULL && i < self->params->len; i++)
    {
      const PsPlotParameter *p = g_ptr_array_index (self->params, i);

      if (g_str_equal (p->name, name))
        return p;
    }
  return NULL;
}

static const char *
selected_name (GtkWidget *dd, GPtrArray *names)
{
  guint i;

  if (dd == NULL || !gtk_widget_get_visible (dd))
    return NULL;
  i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));
  return i < names->len ? g_ptr_array_index (names, i) : NULL;
}

/* A label and a dropdown of @texts, added to the choices; returns the dropdown. */
static GtkWidget *
add_choice (PsChartControls *self, gboolean fixed, const char *label, GPtrArray *texts,
            guint selected)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *l = gtk_label_new (label);
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dd;

  for (guint i = 0; i < texts->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (texts, i));
  dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  if (selected < texts->len)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), selected);
  gtk_widget_add_css_class (l, "dim-label");
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), dd);
  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  if (fixed)
    g_ptr_array_add (self->fixed_children, gtk_widget_get_parent (box));
  return dd;
}

static void on_changed (PsChartControls *self);
static void on_axis_changed (PsChartControls *self);

/* The labels of @names' parameters. */
static GPtrArray *
labels_of (PsChartControls *self, GPtrArray *names)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < names->len; i++)
    {
      const PsPlotParameter *p = find_param (self, g_ptr_array_index (names, i));

      g_ptr_array_add (out, p != NULL ? p->label : g_ptr_array_index (names, i));
    }
  return out;
}

static guint
index_of (GPtrArray *names, const char *name)
{
  for (guint i = 0; name != NULL && i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* One dropdown per varying parameter that is on no axis, at the value chosen before
 * or the middle one (the engine's default). */
static void
build_fixed (PsChartControls *self)
{
  const char *x = selected_name (self->x_dd, self->x_names);
  const char *second = selected_name (self->second_dd, self->second_names);
  g_autoptr (GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->fixed_dd->len; i++)
    if (g_ptr_array_index (self->fixed_dd, i) != NULL)
      g_hash_table_insert (
          before, g_strdup (((PsPlotParameter *)g_ptr_array_index (self->params, i))->name),
          GUINT_TO_POINTER (gtk_drop_down_get_selected (g_ptr_array_index (self->fixed_dd, i))
                            + 1));
  for (guint i = 0; i < self->fixed_children->len; i++)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), g_ptr_array_index (self->fixed_children, i));
  g_ptr_array_set_size (self->fixed_children, 0);
  g_ptr_array_set_size (self->fixed_dd, 0);
  for (guint i = 0; i < self->params->len; i++)
    {
      PsPlotParameter *p = g_ptr_array_index (self->params, i);
      guint sel = GPOINTER_TO_UINT (g_hash_table_lookup (before, p->name));
      g_autofree char *label = NULL;
      GtkWidget *dd;

      if (g_strcmp0 (p->name, x) == 0 || g_strcmp0 (p->name, second) == 0)
        {
          g_ptr_array_add (self->fixed_dd, NULL);
          continue;
        }
      /* TRANSLATORS: a parameter held fixed on a chart: "Material =" [S355]. */
      label = g_strdup_printf (_ ("%s ="), p->label);
      dd = add_choice (self, TRUE, label, p->texts, sel > 0 ? sel - 1 : p->middle);
      gtk_widget_set_tooltip_text (dd, _ ("The value this parameter is held at on the chart"));
      g_signal_connect_swapped (dd, "notify::selected", G_CALLBACK (on_changed), self);
      g_ptr_array_add (self->fixed_dd, dd);
    }
}

static void
on_changed (PsChartControls *self)
{
  if (!self->building)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_axis_changed (PsChartControls *self)
{
  if (self->building)
    return;
  self->building = TRUE;
  /* The two axes never show the same parameter. */
  if (self->second_dd != NULL
      && g_strcmp0 (selected_name (self->x_dd, self->x_names),
                    selected_name (self->second_dd, self->second_names))
             == 0)
    {
      guint s = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->second_dd));

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->second_dd),
                                  (s + 1) % self->second_names->len);
    }
  build_fixed (self);
  self->building = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
clear (PsChartControls *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  g_ptr_array_set_size (self->fixed_children, 0);
  self->x_dd = self->second_dd = self->specimen_dd = NULL;
  g_ptr_array_set_size (self->fixed_dd, 0);
  g_ptr_array_set_size (self->x_names, 0);
  g_ptr_array_set_size (self->second_names, 0);
  g_ptr_array_set_size (self->specimens, 0);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  self->mode = MODE_NONE;
}

void
ps_chart_controls_reset (PsChartControls *self)
{
  clear (self);
  self->data = NULL;
  g_clear_pointer (&self->chart, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* The parameter with the most values among @names other than @except, preferring the
 * span on x (the engineer's usual view, as the engine's default map). */
static guint
pick_axis (PsChartControls *self, GPtrArray *names, const char *except, gboolean prefer_span)
{
  guint best = GTK_INVALID_LIST_POSITION, most = 0;

  if (prefer_span && index_of (names, "span_m") != GTK_INVALID_LIST_POSITION)
    return index_of (names, "span_m");
  for (guint i = 0; i < names->len; i++)
    {
      const PsPlotParameter *p = find_param (self, g_ptr_array_index (names, i));

      if (p != NULL && g_strcmp0 (p->name, except) != 0 && p->keys->len > most)
        {
          most = p->keys->len;
          best = i;
        }
    }
  return best;
}

static void
build_axes (PsChartControls *self)
{
  g_autoptr (GPtrArray) xl = NULL;
  g_autoptr (GPtrArray) sl = NULL;
  guint xi, si;
  gboolean map = self->mode == MODE_MAP;

  for (guint i = 0; i < self->params->len; i++)
    {
      PsPlotParameter *p = g_ptr_array_index (self->params, i);

      if (is_numeric (p))
        g_ptr_array_add (self->x_names, p->name);
      if (!map || is_numeric (p))
        g_ptr_array_add (self->second_names, p->name);
    }
  xi = pick_axis (self, self->x_names, NULL, TRUE);
  if (xi == GTK_INVALID_LIST_POSITION)
    return;
  xl = labels_of (self, self->x_names);
  self->x_dd = add_choice (self, FALSE, map ? _ ("Across") : _ ("Against"), xl, xi);
  gtk_widget_set_tooltip_text (self->x_dd, _ ("The parameter on the x axis (those that vary)"));
  g_signal_connect_swapped (self->x_dd, "notify::selected", G_CALLBACK (on_axis_changed), self);
  si = map ? pick_axis (self, self->second_names, g_ptr_array_index (self->x_names, xi), FALSE)
           : index_of (self->second_names, "material");
  if (!map && si == GTK_INVALID_LIST_POSITION)
    si = pick_axis (self, self->second_names, g_ptr_array_index (self->x_names, xi), FALSE);
  if (si != GTK_INVALID_LIST_POSITION && self->second_names->len >= 2)
    {
      sl = labels_of (self, self->second_names);
      self->second_dd = add_choice (self, FALSE, map ? _ ("Up") : _ ("Curves for"), sl, si);
      gtk_widget_set_tooltip_text (self->second_dd,
                                   map ? _ ("The parameter on the y axis (those that vary)")
                                       : _ ("One curve for each value of this parameter"));
      g_signal_connect_swapped (self->second_dd, "notify::selected", G_CALLBACK (on_axis_changed),
                                self);
    }
  build_fixed (self);
}

static void
build_specimens (PsChartControls *self)
{
  const char *const *names = ps_run_data_get_text_column (self->data, "specimen");
  const char *const *err = ps_run_data_get_text_column (self->data, "error");
  guint n = ps_run_data_get_n_rows (self->data), first = GTK_INVALID_LIST_POSITION;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    return;
  for (guint r = 0; r < n; r++)
    {
      gboolean failed = err != NULL && err[r][0] != '\0';

      g_ptr_array_add (self->specimens, (gpointer)names[r]);
      /* TRANSLATORS: a specimen that could not be fitted, in the specimen picker. */
      g_ptr_array_add (texts, failed ? g_strdup_printf (_ ("%s (not fitted)"), names[r])
                                     : g_strdup (names[r]));
      if (!failed && first == GTK_INVALID_LIST_POSITION)
        first = r;
    }
  self->specimen_dd = add_choice (self, FALSE, _ ("Specimen"), texts,
                                  first == GTK_INVALID_LIST_POSITION ? 0 : first);
  gtk_widget_set_tooltip_text (self->specimen_dd, _ ("The specimen whose curve is drawn"));
  g_signal_connect_swapped (self->specimen_dd, "notify::selected", G_CALLBACK (on_changed), self);
}

gboolean
ps_chart_controls_set_chart (PsChartControls *self, PsRunData *data, const char *chart)
{
  if (data == self->data && g_strcmp0 (chart, self->chart) == 0)
    return self->mode != MODE_NONE;
  self->building = TRUE;
  clear (self);
  self->data = data;
  g_free (self->chart);
  self->chart = g_strdup (chart);
  if (data != NULL && chart != NULL)
    {
      self->params = ps_plot_study_parameters (data);
      if (g_str_equal (chart, "output-vs-param"))
        self->mode = MODE_CURVES;
      else if (g_str_equal (chart, "heatmap") || g_str_equal (chart, "passfail"))
        self->mode = MODE_MAP;
      else if (g_str_equal (chart, "specimen"))
        self->mode = MODE_SPECIMEN;
      if (self->mode == MODE_SPECIMEN)
        build_specimens (self);
      else if (self->mode != MODE_NONE && self->params->len > 0)
        build_axes (self);
      if (self->x_dd == NULL && self->specimen_dd == NULL)
        self->mode = MODE_NONE;
    }
  self->building = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), self->mode != MODE_NONE);
  return self->mode != MODE_NONE;
}

void
ps_chart_controls_get_params (PsChartControls *self, PsPlotParams *params)
{
  params->x = NULL;
  params->series = NULL;
  params->specimen = NULL;
  params->fixed = NULL;
  g_ptr_array_set_size (self->fixed_strings, 0);
  if (self->mode == MODE_SPECIMEN)
    {
      params->specimen = selected_name (self->specimen_dd, self->specimens);
      return;
    }
  if (self->mode == MODE_NONE)
    return;
  params->x = selected_name (self->x_dd, self->x_names);
  params->series = selected_name (self->second_dd, self->second_names);
  for (guint i = 0; i < self->fixed_dd->len; i++)
    {
      GtkDropDown *dd = g_ptr_array_index (self->fixed_dd, i);
      PsPlotParameter *p = g_ptr_array_index (self->params, i);
      guint k;

      if (dd == NULL)
        continue;
      k = gtk_drop_down_get_selected (dd);
      if (k < p->keys->len)
        g_ptr_array_add (
            self->fixed_strings,
            g_strdup_printf ("%s=%s", p->name, (char *)g_ptr_array_index (p->keys, k)));
    }
  g_ptr_array_add (self->fixed_strings, NULL);
  params->fixed = (const char *const *)self->fixed_strings->pdata;
}

GtkDropDown *
ps_chart_controls_get_dropdown (PsChartControls *self, const char *which)
{
  if (g_str_equal (which, "x"))
    return self->x_dd ? GTK_DROP_DOWN (self->x_dd) : NULL;
  if (g_str_equal (which, "second"))
    return self->second_dd ? GTK_DROP_DOWN (self->second_dd) : NULL;
  if (g_str_equal (which, "specimen"))
    return self->specimen_dd ? GTK_DROP_DOWN (self->specimen_dd) : NULL;
  for (guint i = 0; self->params != NULL && i < self->fixed_dd->len; i++)
    if (g_str_equal (((PsPlotParameter *)g_ptr_array_index (self->params, i))->name, which))
      return g_ptr_array_index (self->fixed_dd, i);
  return NULL;
}

static GPtrArray *
names_for (PsChartControls *self, const char *which)
{
  if (g_str_equal (which, "x"))
    return self->x_names;
  if (g_str_equal (which, "second"))
    return self->second_names;
  if (g_str_equal (which, "specimen"))
    return self->specimens;
  {
    const PsPlotParameter *p = find_param (self, which);

    return p != NULL ? p->keys : NULL;
  }
}

gboolean
ps_chart_controls_select (PsChartControls *self, const char *which, const char *value)
{
  GtkDropDown *dd = ps_chart_controls_get_dropdown (self, which);
  GPtrArray *names = names_for (self, which);
  guint i = names != NULL ? index_of (names, value) : GTK_INVALID_LIST_POSITION;

  if (dd == NULL || i == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (dd, i);
  return TRUE;
}

char **
ps_chart_controls_dup_choices (PsChartControls *self, const char *which)
{
  GPtrArray *names = names_for (self, which);
  GStrvBuilder *b = g_strv_builder_new ();
  char **out;

  for (guint i = 0; names != NULL && i < names->len; i++)
    g_strv_builder_add (b, g_ptr_array_index (names, i));
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

static void
ps_chart_controls_finalize (GObject *object)
{
  PsChartControls *self = PS_CHART_CONTROLS (object);

  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_ptr_array_unref (self->x_names);
  g_ptr_array_unref (self->second_names);
  g_ptr_array_unref (self->specimens);
  g_ptr_array_unref (self->fixed_dd);
  g_ptr_array_unref (self->fixed_children);
  g_ptr_array_unref (self->fixed_strings);
  g_free (self->chart);
  G_OBJECT_CLASS (ps_chart_controls_parent_class)->finalize (object);
}

static void
ps_chart_controls_class_init (PsChartControlsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_chart_controls_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ps_chart_controls_init (PsChartControls *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->x_names = g_ptr_array_new ();
  self->second_names = g_ptr_array_new ();
  self->specimens = g_ptr_array_new ();
  self->fixed_dd = g_ptr_array_new ();
  self->fixed_children = g_ptr_array_new ();
  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 4);
  gtk_widget_set_hexpand (self->flow, TRUE);
  gtk_box_append (GTK_BOX (self), self->flow);
  self->fixed_strings = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ps_chart_controls_new (void)
{
  return g_object_new (PS_TYPE_CHART_CONTROLS, NULL);
}
