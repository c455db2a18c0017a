#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/ps-expr.h"
#include "plot/ps-plot.h"
#include "ps-gui-chart.h"
#include "ps-gui-util.h"
#include "ps-reliability-editor.h"
#include "rng/ps-dist.h"

static const char *const distributions[]
    = { "normal",      "lognormal",        "gumbel", "uniform", "weibull",
        "exponential", "truncated-normal", "beta",   "gamma",   "gumbel-min",
        "frechet",     "triangular",       NULL };
/* The value columns of a variable row, in order. */
static const char *const value_keys[]
    = { "mean", "sd", "lower", "upper", "shape", "scale", "alpha", "beta", "mode" };
#define N_VALUES G_N_ELEMENTS (value_keys)
static const char *const value_labels[N_VALUES] = {
  N_ ("Mean"),  N_ ("SD"), N_ ("Lower"), N_ ("Upper"), N_ ("Shape"),
  N_ ("Scale"), N_ ("α"),  N_ ("β"),     N_ ("Mode"),
};
/* Which values each distribution takes (bits of value_keys, in the order of
 * distributions): STUDY-FILES.md and ps_dist_init_full(). A value the file has is
 * shown whatever the distribution, so that nothing is hidden. */
#define V(k) (1u << (k))
static const guint dist_values[] = {
  V (0) | V (1),                         /* normal */
  V (0) | V (1) | V (2),                 /* lognormal, three-parameter with lower */
  V (0) | V (1),                         /* gumbel */
  V (0) | V (1) | V (2) | V (3),         /* uniform */
  V (0) | V (1) | V (4) | V (5),         /* weibull */
  V (0),                                 /* exponential */
  V (0) | V (1) | V (2) | V (3),         /* truncated-normal */
  V (6) | V (7) | V (2) | V (3),         /* beta */
  V (0) | V (1) | V (4) | V (5),         /* gamma */
  V (0) | V (1),                         /* gumbel-min */
  V (0) | V (1) | V (4) | V (5) | V (2), /* frechet, lower = the location */
  V (2) | V (8) | V (3),                 /* triangular */
};
#undef V
G_STATIC_ASSERT (G_N_ELEMENTS (dist_values) + 1 == G_N_ELEMENTS (distributions));

static const char *const methods[]
    = { "monte-carlo", "lhs", "form", "sorm", "importance-sampling", "subset", NULL };
static const char *const method_labels[] = {
  N_ ("Monte Carlo"),         N_ ("Latin hypercube"),   N_ ("FORM"), N_ ("SORM"),
  N_ ("Importance sampling"), N_ ("Subset simulation"), NULL,
};
/* The options of the form, and the methods that take each (STUDY-FILES.md;
 * ps_rel_method_parse's key lists), as bits of methods[]. */
typedef enum
{
  OPT_SAMPLES,
  OPT_TARGET_COV,
  OPT_SEED,
  OPT_TIME_LIMIT,
  OPT_ALGORITHM,
  OPT_TOLERANCE,
  OPT_MAX_ITERATIONS,
  OPT_SAMPLES_PER_LEVEL,
  OPT_P0,
  N_OPTS
} MethodOption;
static const char *const option_keys[N_OPTS] = {
  "samples",        "target_cov",        "seed", "time_limit", "algorithm", "tolerance",
  "max_iterations", "samples_per_level", "p0",
};
#define M(k) (1u << (k))
static const guint option_methods[N_OPTS] = {
  [OPT_SAMPLES] = M (0) | M (1) | M (4),
  [OPT_TARGET_COV] = M (0) | M (4) | M (5),
  [OPT_SEED] = M (0) | M (1) | M (4) | M (5),
  [OPT_TIME_LIMIT] = M (0) | M (1) | M (4),
  [OPT_ALGORITHM] = M (2) | M (3) | M (4),
  [OPT_TOLERANCE] = M (2) | M (3) | M (4),
  [OPT_MAX_ITERATIONS] = M (2) | M (3) | M (4),
  [OPT_SAMPLES_PER_LEVEL] = M (5),
  [OPT_P0] = M (5),
};
#undef M
/* Members a method object keeps from the file although the form has no field for
 * them, with the methods that take them. */
static const char *const kept_keys[] = { "start", "centre", "max_non_finite" };
static const char *const algorithms[] = { "ihlrf", "hlrf", NULL };

typedef struct
{
  GtkWidget *name;
  GtkWidget *dist;
  GtkWidget *values[N_VALUES];
  GtkWidget *density;
  GtkWidget *remove;
} VarRow;

typedef struct
{
  GtkWidget *name;
  GtkWidget *value;
  GtkWidget *remove;
} ConstRow;

typedef struct
{
  GtkWidget *a, *b;
  GtkWidget *rho;
  GtkWidget *type;
  GtkWidget *remove;
} CorrRow;

static const char *const corr_types[] = { "normal-copula", "spearman", "pearson", NULL };

struct _PsReliabilityEditor
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;
  gboolean loading;

  /* Template children. */
  GtkWidget *name_entry;
  GtkWidget *description_entry;
  GtkWidget *var_grid;
  GtkWidget *const_grid;
  GtkWidget *limit_state;
  GtkWidget *limit_error;
  GtkWidget *g_unit;
  GtkWidget *method_box;
  GtkWidget *method_name;
  GtkWidget *samples;
  GtkWidget *target_cov;
  GtkWidget *seed;
  GtkWidget *time_limit;
  GtkWidget *pdf_box;
  GtkWidget *corr_grid;
  GtkWidget *corr_message;
  GtkWidget *sens_check;
  GtkWidget *sens_samples;
  GtkWidget *sens_seed;
  GtkWidget *error_label;

  GtkWidget *headers[N_VALUES + 4]; /* name, distribution, values, density */
  GtkWidget *options[N_OPTS];       /* the field of each method option */
  GtkWidget *corr_headers[4];
  GtkWidget *pdf_expander;
  GtkWidget *pdf_title;
  GtkWidget *pdf_chart;
  GPtrArray *vars;   /* VarRow */
  GPtrArray *consts; /* ConstRow */
  GPtrArray *corrs;  /* CorrRow */
  VarRow *selected;  /* the variable whose density is plotted */
  guint error_position;
};

/* Width of the labels in front of the fields, in characters. */
#define LABEL_CHARS 12

G_DEFINE_FINAL_TYPE (PsReliabilityEditor, ps_reliability_editor, GTK_TYPE_BOX)

static void
ps_reliability_editor_dispose (GObject *object)
{
  PsReliabilityEditor *self = PS_RELIABILITY_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, ps_field_set_free);
  self->selected = NULL;
  g_clear_pointer (&self->vars, g_ptr_array_unref);
  g_clear_pointer (&self->consts, g_ptr_array_unref);
  g_clear_pointer (&self->corrs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_RELIABILITY_EDITOR);
  G_OBJECT_CLASS (ps_reliability_editor_parent_class)->dispose (object);
}

static const char *
text_of (GtkWidget *w)
{
  return gtk_editable_get_text (GTK_EDITABLE (w));
}

static char *
node_as_text (JsonNode *n)
{
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("");
  /* Shown with the locale's decimal separator ("300,5 MPa" in pt_BR). */
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    return ps_gui_number_to_locale (json_node_get_string (n));
  return ps_gui_format_number (json_node_get_double (n), "%.10g");
}

/* A value as the file may hold it: a plain number stays a number (SI), text with a
 * unit stays text ("300 MPa"), which the engine reads as SI. */
static JsonNode *
value_node (const char *text)
{
  g_autofree char *t = g_strstrip (ps_gui_number_to_c (text));
  JsonNode *n = json_node_new (JSON_NODE_VALUE);
  char *end;
  double v = g_ascii_strtod (t, &end);

  if (end != t && *end == '\0')
    {
      if (v == floor (v) && fabs (v) < 9e15 && strpbrk (t, ".eE") == NULL)
        json_node_set_int (n, (gint64)v);
      else
        json_node_set_double (n, v);
    }
  else
    json_node_set_string (n, t);
  return n;
}

static guint
row_dist_index (VarRow *r)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->dist));

  return i < G_N_ELEMENTS (dist_values) ? i : 0;
}

/* The PsDist of a row, or FALSE with @message. */
static gboolean
row_dist (VarRow *r, PsDist *d, char **message)
{
  PsDistParams p = { 0 };
  gboolean *has[N_VALUES] = { &p.has_mean,  &p.has_sd,    &p.has_lower, &p.has_upper, &p.has_shape,
                              &p.has_scale, &p.has_alpha, &p.has_beta,  &p.has_mode };
  double *val[N_VALUES]
      = { &p.mean, &p.sd, &p.lower, &p.upper, &p.shape, &p.scale, &p.alpha, &p.beta, &p.mode };

  for (guint k = 0; k < N_VALUES; k++)
    {
      g_autofree char *t = ps_gui_number_to_c (text_of (r->values[k]));
      PsDim dim;

      if (*t == '\0')
        continue;
      if (!ps_units_parse_any (t, val[k], &dim, message))
        return FALSE;
      *has[k] = TRUE;
    }
  return ps_dist_init_full (d, distributions[row_dist_index (r)], &p, message);
}

/* The unit a row's values are written in ("MPa" of "300 MPa"): its text, its scale
 * to SI and its dimension; FALSE when they are plain numbers. Shape parameters
 * (shape, alpha, beta) have none. */
static gboolean
row_unit (VarRow *r, char **unit, double *scale, PsDim *dim)
{
  static const guint with_unit[] = { 0, 1, 2, 3, 5, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (with_unit); i++)
    {
      const char *t = text_of (r->values[with_unit[i]]);
      char *end;

      g_ascii_strtod (t, &end);
      if (end == t)
        continue;
      while (g_ascii_isspace (*end))
        end++;
      if (*end == '\0')
        {
          /* "0.8" as text is a number without unit; as typed here it is plain. */
          continue;
        }
      {
        g_autofree char *msg = NULL;
        g_autofree char *u = g_strchomp (g_strdup (end));

        if (!ps_unit_parse (u, scale, dim, &msg))
          return FALSE;
        if (unit != NULL)
          *unit = g_steal_pointer (&u);
        return TRUE;
      }
    }
  return FALSE;
}

static void
draw_density (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  VarRow *r = user_data;
  g_autofree char *msg = NULL;
  PsDist d;
  double lo, hi, ymax = 0, ys[64];
  GdkRGBA fg;
  const int n = G_N_ELEMENTS (ys);

  if (!row_dist (r, &d, &msg))
    return;
  lo = ps_dist_quantile (&d, 1e-4);
  hi = ps_dist_quantile (&d, 1 - 1e-4);
  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo))
    return;
  for (int i = 0; i < n; i++)
    {
      double x = lo + (hi - lo) * i / (n - 1);

      ys[i] = ps_dist_pdf (&d, x);
      if (isfinite (ys[i]))
        ymax = MAX (ymax, ys[i]);
    }
  if (ymax <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_move_to (cr, 0, height);
  for (int i = 0; i < n; i++)
    cairo_line_to (cr, (double)width * i / (n - 1),
                   height - 1 - (height - 3) * (isfinite (ys[i]) ? MIN (ys[i], ymax) : 0) / ymax);
  cairo_line_to (cr, width, height);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
}

/* The density of the selected variable with its axes: x in the unit its values are
 * written in, f(x) per that unit. */
static void
update_pdf (PsReliabilityEditor *self)
{
  VarRow *r = self->selected;
  g_autofree char *msg = NULL, *unit = NULL, *title = NULL, *yunit = NULL;
  double scale = 1.0, lo, hi;
  PsDim dim;
  PsDist d;
  PsChart *chart;
  const int n = 241;
  g_autofree double *xs = NULL, *ys = NULL;

  if (self->pdf_chart == NULL)
    return;
  if (r == NULL && self->vars->len > 0)
    r = self->selected = g_ptr_array_index (self->vars, 0);
  if (r == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->pdf_title), "");
      ps_gui_chart_set_chart (PS_GUI_CHART (self->pdf_chart), NULL, _ ("No variables"));
      return;
    }
  title = g_strdup_printf (_ ("Probability density of %s (%s) with its axes"), text_of (r->name),
                           distributions[row_dist_index (r)]);
  gtk_label_set_text (GTK_LABEL (self->pdf_title), title);
  if (!row_dist (r, &d, &msg))
    {
      ps_gui_chart_set_chart (PS_GUI_CHART (self->pdf_chart), NULL, msg);
      return;
    }
  if (!row_unit (r, &unit, &scale, &dim))
    scale = 1.0;
  lo = ps_dist_quantile (&d, 1e-4);
  hi = ps_dist_quantile (&d, 1 - 1e-4);
  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo))
    {
      ps_gui_chart_set_chart (PS_GUI_CHART (self->pdf_chart), NULL,
                              _ ("The density cannot be drawn for these values"));
      return;
    }
  {
    double w = hi - lo, s0, s1;

    ps_dist_support (&d, &s0, &s1);
    lo = MAX (lo - 0.05 * w, s0);
    hi = MIN (hi + 0.05 * w, s1);
  }
  xs = g_new (double, n);
  ys = g_new (double, n);
  for (int i = 0; i < n; i++)
    {
      double x = lo + (hi - lo) * i / (n - 1);

      xs[i] = x / scale;
      ys[i] = ps_dist_pdf (&d, x) * scale;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_axis (chart, PS_AXIS_X, text_of (r->name), unit, PS_SCALE_LINEAR);
  yunit = unit != NULL ? g_strdup_printf ("1/%s", unit) : NULL;
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density f(x)"), yunit, PS_SCALE_LINEAR);
  ps_chart_set_legend (chart, PS_LEGEND_NONE);
  ps_chart_add_series (chart, text_of (r->name), PS_SERIES_LINE, xs, ys, n);
  ps_gui_chart_set_chart (PS_GUI_CHART (self->pdf_chart), chart, NULL);
}

/* Shows the values a row's distribution takes, and a column's header only where a
 * row shows it. */
static void
update_columns (PsReliabilityEditor *self)
{
  guint used = 0;

  for (guint i = 0; i < self->vars->len; i++)
    {
      VarRow *r = g_ptr_array_index (self->vars, i);
      guint takes = dist_values[row_dist_index (r)];

      for (guint k = 0; k < N_VALUES; k++)
        {
          gboolean show = (takes & (1u << k)) || *text_of (r->values[k]) != '\0';

          gtk_widget_set_visible (r->values[k], show);
          if (show)
            used |= 1u << k;
        }
    }
  for (guint k = 0; k < N_VALUES; k++)
    if (self->headers[2 + k] != NULL)
      gtk_widget_set_visible (self->headers[2 + k], (used & (1u << k)) != 0);
}

static void validate_limit_state (PsReliabilityEditor *self);

static void
write_variables (PsReliabilityEditor *self)
{
  JsonObject *root = ps_document_get_root (self->document);
  JsonObject *vars = json_object_new ();
  JsonObject *consts = json_object_new ();
  g_autofree char *dup = NULL;

  for (guint i = 0; i < self->vars->len; i++)
    {
      VarRow *r = g_ptr_array_index (self->vars, i);
      JsonObject *v = json_object_new ();
      const char *name = text_of (r->name);

      json_object_set_string_member (v, "distribution", distributions[row_dist_index (r)]);
      for (guint k = 0; k < N_VALUES; k++)
        if (*text_of (r->values[k]) != '\0')
          json_object_set_member (v, value_keys[k], value_node (text_of (r->values[k])));
      if (json_object_has_member (vars, name) && dup == NULL)
        dup = g_strdup (name);
      json_object_set_object_member (vars, name, v);
      gtk_widget_queue_draw (r->density);
    }
  json_object_set_object_member (root, "variables", vars);
  for (guint i = 0; i < self->consts->len; i++)
    {
      ConstRow *c = g_ptr_array_index (self->consts, i);

      json_object_set_member (consts, text_of (c->name), value_node (text_of (c->value)));
    }
  if (self->consts->len > 0)
    json_object_set_object_member (root, "constants", consts);
  else
    {
      json_object_remove_member (root, "constants");
      json_object_unref (consts);
    }
  if (dup != NULL)
    {
      g_autofree char *m = g_strdup_printf (_ ("the name %s is used twice"), dup);

      ps_document_set_field_error (self->document, "variables", m);
    }
  else
    ps_document_set_field_error (self->document, "variables", NULL);
}

static void
edited (PsReliabilityEditor *self)
{
  if (self->loading)
    return;
  write_variables (self);
  update_columns (self);
  update_pdf (self);
  validate_limit_state (self);
  ps_document_changed (self->document);
}

static void remove_var (GtkButton *button, PsReliabilityEditor *self);
static void remove_const (GtkButton *button, PsReliabilityEditor *self);

static GtkWidget *
small_entry (PsReliabilityEditor *self, const char *text, int chars)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (e), chars);
  gtk_editable_set_text (GTK_EDITABLE (e), text);
  g_signal_connect_swapped (e, "changed", G_CALLBACK (edited), self);
  return e;
}

static void
attach_var_row (PsReliabilityEditor *self, VarRow *r, int y)
{
  int x = 0;

  gtk_grid_attach (GTK_GRID (self->var_grid), r->name, x++, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->var_grid), r->dist, x++, y, 1, 1);
  for (guint k = 0; k < N_VALUES; k++)
    gtk_grid_attach (GTK_GRID (self->var_grid), r->values[k], x++, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->var_grid), r->density, x++, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->var_grid), r->remove, x++, y, 1, 1);
}

static void
select_var (PsReliabilityEditor *self, VarRow *r)
{
  if (self->selected == r)
    return;
  self->selected = r;
  update_pdf (self);
}

static void
on_density_expand (PsReliabilityEditor *self, VarRow *r)
{
  select_var (self, r);
  gtk_expander_set_expanded (GTK_EXPANDER (self->pdf_expander), TRUE);
}

static void
on_row_focus (GtkEventControllerFocus *focus, PsReliabilityEditor *self)
{
  VarRow *r = g_object_get_data (
      G_OBJECT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), "var-row");

  if (r != NULL)
    select_var (self, r);
}

static void
on_density_pressed (GtkGestureClick *click, int n, double x, double y, PsReliabilityEditor *self)
{
  VarRow *r = g_object_get_data (
      G_OBJECT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (click))), "var-row");

  (void)n;
  (void)x;
  (void)y;
  if (r != NULL)
    on_density_expand (self, r);
}

/* Selecting a row, by focusing one of its fields or clicking its small density,
 * plots its density below the table. */
static void
watch_focus (PsReliabilityEditor *self, VarRow *r, GtkWidget *w)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (w), "var-row", r);
  g_signal_connect (focus, "enter", G_CALLBACK (on_row_focus), self);
  gtk_widget_add_controller (w, focus);
}

static void
add_var (PsReliabilityEditor *self, const char *name, JsonObject *v)
{
  VarRow *r = g_new0 (VarRow, 1);
  const char *dist
      = v ? json_object_get_string_member_with_default (v, "distribution", "normal") : "normal";
  guint di = 0;
  g_autofree char *path = g_strdup_printf ("variables.%s", name);
  g_autoptr (GtkStringList) names = gtk_string_list_new (distributions);
  GtkGesture *click;

  for (guint i = 0; distributions[i]; i++)
    if (g_str_equal (distributions[i], dist))
      di = i;
  r->name = small_entry (self, name, 5);
  r->dist = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (r->dist), di);
  gtk_widget_set_tooltip_text (r->dist, _ ("Distribution"));
  g_signal_connect_swapped (r->dist, "notify::selected", G_CALLBACK (edited), self);
  for (guint k = 0; k < N_VALUES; k++)
    {
      g_autofree char *t = node_as_text (v ? json_object_get_member (v, value_keys[k]) : NULL);

      /* Narrow at least, wider with the window: the table fits a 1024-pixel one. */
      r->values[k] = small_entry (self, t, 5);
      gtk_widget_set_hexpand (r->values[k], TRUE);
      gtk_widget_set_tooltip_text (r->values[k], _ (value_labels[k]));
      watch_focus (self, r, r->values[k]);
    }
  watch_focus (self, r, r->name);
  r->density = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (r->density), 70);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (r->density), 28);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (r->density), draw_density, r, NULL);
  gtk_widget_set_tooltip_text (r->density,
                               _ ("Probability density; click to plot it with its axes below"));
  g_object_set_data (G_OBJECT (r->density), "var-row", r);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_density_pressed), self);
  gtk_widget_add_controller (r->density, GTK_EVENT_CONTROLLER (click));
  r->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (r->remove, _ ("Remove this variable"));
  gtk_widget_add_css_class (r->remove, "flat");
  g_object_set_data (G_OBJECT (r->remove), "row", r);
  g_signal_connect (r->remove, "clicked", G_CALLBACK (remove_var), self);
  ps_field_set_add (self->fields, path, r->name);
  for (guint k = 0; k < N_VALUES; k++)
    {
      g_autofree char *vp = g_strdup_printf ("%s.%s", path, value_keys[k]);

      ps_field_set_add (self->fields, vp, r->values[k]);
    }
  g_ptr_array_add (self->vars, r);
  attach_var_row (self, r, (int)self->vars->len);
}

static void
var_row_widgets (VarRow *r, GtkWidget **ws)
{
  guint n = 0;

  ws[n++] = r->name;
  ws[n++] = r->dist;
  for (guint k = 0; k < N_VALUES; k++)
    ws[n++] = r->values[k];
  ws[n++] = r->density;
  ws[n++] = r->remove;
}

static void
relayout_vars (PsReliabilityEditor *self)
{
  for (guint i = 0; i < self->vars->len; i++)
    {
      VarRow *r = g_ptr_array_index (self->vars, i);
      GtkWidget *ws[N_VALUES + 4];

      var_row_widgets (r, ws);
      for (guint k = 0; k < G_N_ELEMENTS (ws); k++)
        {
          g_object_ref (ws[k]);
          gtk_grid_remove (GTK_GRID (self->var_grid), ws[k]);
        }
      attach_var_row (self, r, (int)i + 1);
      for (guint k = 0; k < G_N_ELEMENTS (ws); k++)
        g_object_unref (ws[k]);
    }
}

static void
remove_var (GtkButton *button, PsReliabilityEditor *self)
{
  VarRow *r = g_object_get_data (G_OBJECT (button), "row");
  GtkWidget *ws[N_VALUES + 4];

  var_row_widgets (r, ws);
  if (self->selected == r)
    self->selected = NULL;
  for (guint k = 0; k < G_N_ELEMENTS (ws); k++)
    gtk_grid_remove (GTK_GRID (self->var_grid), ws[k]);
  g_ptr_array_remove (self->vars, r);
  relayout_vars (self);
  edited (self);
}

static void
on_add_var (PsReliabilityEditor *self)
{
  g_autofree char *name = g_strdup_printf ("X%u", self->vars->len + 1);
  g_autoptr (JsonObject) v = json_object_new ();

  json_object_set_string_member (v, "distribution", "normal");
  json_object_set_double_member (v, "mean", 1.0);
  json_object_set_double_member (v, "sd", 0.1);
  add_var (self, name, v);
  edited (self);
}

static void
add_const (PsReliabilityEditor *self, const char *name, JsonNode *value)
{
  ConstRow *c = g_new0 (ConstRow, 1);
  g_autofree char *t = node_as_text (value);
  g_autofree char *path = g_strdup_printf ("constants.%s", name);
  int y = (int)self->consts->len;

  c->name = small_entry (self, name, 8);
  c->value = small_entry (self, t, 12);
  c->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (c->remove, "flat");
  gtk_widget_set_tooltip_text (c->remove, _ ("Remove this constant"));
  g_object_set_data (G_OBJECT (c->remove), "row", c);
  g_signal_connect (c->remove, "clicked", G_CALLBACK (remove_const), self);
  gtk_grid_attach (GTK_GRID (self->const_grid), c->name, 0, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->const_grid), c->value, 1, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->const_grid), c->remove, 2, y, 1, 1);
  ps_field_set_add (self->fields, path, c->value);
  g_ptr_array_add (self->consts, c);
}

static void
remove_const (GtkButton *button, PsReliabilityEditor *self)
{
  ConstRow *c = g_object_get_data (G_OBJECT (button), "row");

  gtk_grid_remove (GTK_GRID (self->const_grid), c->name);
  gtk_grid_remove (GTK_GRID (self->const_grid), c->value);
  gtk_grid_remove (GTK_GRID (self->const_grid), c->remove);
  g_ptr_array_remove (self->consts, c);
  edited (self);
}

static void
on_add_const (PsReliabilityEditor *self)
{
  g_autofree char *name = g_strdup_printf ("c%u", self->consts->len + 1);
  g_autoptr (JsonNode) v = ps_gui_json_double_node (1.0);

  add_const (self, name, v);
  edited (self);
}

/* The unit of a value as typed: known with a unit, unknown for a plain number (the
 * engine's reading, ps-rel-parse.c). */
static PsExprDim
text_dim (const char *text)
{
  PsExprDim d = { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } };
  g_autofree char *m = NULL;
  char *end;
  double v;

  g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  if (end == text || *end == '\0')
    return d;
  if (ps_units_parse_any (text, &v, &d.dim, &m))
    d.kind = PS_EXPR_DIM_KNOWN;
  return d;
}

/* Compiles the limit state on its own, with the form's variables and constants and
 * their units, so that its error and position show under the entry whatever else is
 * wrong, and the unit of g beside it (issue 19 item 6). */
static void
validate_limit_state (PsReliabilityEditor *self)
{
  g_autoptr (GPtrArray) vnames = g_ptr_array_new ();
  g_autoptr (GPtrArray) cnames = g_ptr_array_new ();
  g_autoptr (GArray) cvalues = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vdims = g_array_new (FALSE, TRUE, sizeof (PsExprDim));
  g_autoptr (GArray) cdims = g_array_new (FALSE, TRUE, sizeof (PsExprDim));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr = NULL;
  PsExprDim g = { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } };
  const char *text;

  if (self->limit_state == NULL || !gtk_widget_get_sensitive (self->limit_state))
    return;
  text = text_of (self->limit_state);
  for (guint i = 0; i < self->vars->len; i++)
    {
      VarRow *r = g_ptr_array_index (self->vars, i);
      PsExprDim d = { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } };
      double scale;

      if (row_unit (r, NULL, &scale, &d.dim))
        d.kind = PS_EXPR_DIM_KNOWN;
      g_ptr_array_add (vnames, (gpointer)text_of (r->name));
      g_array_append_val (vdims, d);
    }
  for (guint i = 0; i < self->consts->len; i++)
    {
      ConstRow *c = g_ptr_array_index (self->consts, i);
      double v = NAN;
      PsDim dim;
      PsExprDim d = text_dim (text_of (c->value));
      g_autofree char *m = NULL;
      g_autofree char *t = ps_gui_number_to_c (text_of (c->value));

      if (!ps_units_parse_any (t, &v, &dim, &m))
        v = NAN;
      g_ptr_array_add (cnames, (gpointer)text_of (c->name));
      g_array_append_val (cvalues, v);
      g_array_append_val (cdims, d);
    }
  expr = ps_expr_compile_dims (
      text, (const char *const *)vnames->pdata, (const PsExprDim *)(void *)vdims->data, vnames->len,
      (const char *const *)cnames->pdata, (const double *)(void *)cvalues->data,
      (const PsExprDim *)(void *)cdims->data, cnames->len, &g, &self->error_position, &error);
  if (expr == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->limit_error), error->message);
      ps_gui_mark_invalid (self->limit_state, error->message);
      ps_document_set_field_error (self->document, "limit_state", error->message);
      gtk_label_set_text (GTK_LABEL (self->g_unit), "");
    }
  else
    {
      g_autofree char *unit = ps_expr_dim_to_string (g);
      g_autofree char *t = NULL;

      gtk_label_set_text (GTK_LABEL (self->limit_error), "");
      ps_gui_mark_invalid (self->limit_state, NULL);
      ps_document_set_field_error (self->document, "limit_state", NULL);
      if (unit == NULL)
        t = g_strdup (_ ("Unit of g: not known (some values are plain numbers, read as SI)"));
      else if (g_str_equal (unit, "1"))
        t = g_strdup (_ ("Unit of g: none (a number)"));
      else
        t = g_strdup_printf (_ ("Unit of g: %s"), unit);
      gtk_label_set_text (GTK_LABEL (self->g_unit), t);
    }
  gtk_widget_set_visible (self->limit_error, expr == NULL);
  gtk_widget_set_visible (self->g_unit, expr != NULL);
}

static void
on_limit_state_changed (PsReliabilityEditor *self)
{
  if (self->loading)
    return;
  json_object_set_string_member (ps_document_get_root (self->document), "limit_state",
                                 text_of (self->limit_state));
  validate_limit_state (self);
  ps_document_changed (self->document);
}

/* ---- method ---------------------------------------------------------------- */

static guint
selected_method (PsReliabilityEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->method_name));

  return i < G_N_ELEMENTS (methods) - 1 ? i : 0;
}

/* The row (label and field) of an option. */
static GtkWidget *
option_row (PsReliabilityEditor *self, MethodOption o)
{
  return gtk_widget_get_parent (self->options[o]);
}

static void
show_method_options (PsReliabilityEditor *self)
{
  guint m = selected_method (self);

  for (guint o = 0; o < N_OPTS; o++)
    gtk_widget_set_visible (option_row (self, o), (option_methods[o] & (1u << m)) != 0);
}

static void
on_method_changed (PsReliabilityEditor *self)
{
  JsonObject *root, *old, *m;
  guint mi;

  if (self->loading)
    return;
  show_method_options (self);
  root = ps_document_get_root (self->document);
  mi = selected_method (self);
  old = ps_gui_json_ensure_object (root, "method");
  m = json_object_new ();
  json_object_set_string_member (m, "name", methods[mi]);
  for (guint o = 0; o < N_OPTS; o++)
    {
      GtkWidget *w = self->options[o];

      if (!(option_methods[o] & (1u << mi)))
        continue;
      if (GTK_IS_SPIN_BUTTON (w))
        json_object_set_int_member (m, option_keys[o],
                                    (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (w)));
      else if (GTK_IS_DROP_DOWN (w))
        {
          guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (w));

          /* The default is left out, as in the examples. */
          if (a > 0 && a < G_N_ELEMENTS (algorithms) - 1)
            json_object_set_string_member (m, option_keys[o], algorithms[a]);
        }
      else if (*text_of (w) != '\0')
        json_object_set_member (m, option_keys[o], value_node (text_of (w)));
    }
  for (guint k = 0; k < G_N_ELEMENTS (kept_keys); k++)
    {
      JsonNode *n = json_object_get_member (old, kept_keys[k]);
      gboolean takes = g_str_equal (kept_keys[k], "max_non_finite")
                       || (g_str_equal (kept_keys[k], "start") && (mi == 2 || mi == 3 || mi == 4))
                       || (g_str_equal (kept_keys[k], "centre") && mi == 4);

      if (n != NULL && takes)
        json_object_set_member (m, kept_keys[k], json_node_copy (n));
    }
  json_object_set_object_member (root, "method", m);
  ps_document_changed (self->document);
}

static GtkWidget *
option_entry (PsReliabilityEditor *self, const char *placeholder, const char *tooltip)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (e), placeholder);
  gtk_widget_set_tooltip_text (e, tooltip);
  g_signal_connect_swapped (e, "changed", G_CALLBACK (on_method_changed), self);
  return e;
}

/* The options the template has no field for: FORM's and subset simulation's. */
static void
build_method_options (PsReliabilityEditor *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *algorithm = gtk_drop_down_new_from_strings (algorithms);
  struct
  {
    MethodOption o;
    const char *label;
    GtkWidget *w;
  } extra[] = {
    { OPT_ALGORITHM, N_ ("Algorithm"), algorithm },
    { OPT_TOLERANCE, N_ ("Tolerance"),
      option_entry (self, "1e-6", _ ("Stop when the design point moves less than this")) },
    { OPT_MAX_ITERATIONS, N_ ("Iterations"),
      option_entry (self, "100", _ ("The most iterations of the design-point search")) },
    { OPT_SAMPLES_PER_LEVEL, N_ ("Per level"),
      option_entry (self, "1000", _ ("Samples of each level of subset simulation")) },
    { OPT_P0, N_ ("p0"),
      option_entry (self, "0.1", _ ("Conditional probability of each level (0.1 usually)")) },
  };

  for (guint i = 0; methods[i] != NULL; i++)
    gtk_string_list_append (names, _ (method_labels[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->method_name), G_LIST_MODEL (names));
  gtk_widget_set_tooltip_text (algorithm,
                               _ ("ihlrf: improved HL-RF with a line search (default); "
                                  "hlrf: the plain Hasofer-Lind-Rackwitz-Fiessler step"));
  g_signal_connect_swapped (algorithm, "notify::selected", G_CALLBACK (on_method_changed), self);
  self->options[OPT_SAMPLES] = self->samples;
  self->options[OPT_TARGET_COV] = self->target_cov;
  self->options[OPT_SEED] = self->seed;
  self->options[OPT_TIME_LIMIT] = self->time_limit;
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      self->options[extra[i].o] = extra[i].w;
      gtk_box_append (GTK_BOX (self->method_box),
                      ps_gui_labelled (_ (extra[i].label), extra[i].w, LABEL_CHARS));
    }
  g_signal_connect_swapped (self->method_name, "notify::selected", G_CALLBACK (on_method_changed),
                            self);
}

static void
load_method (PsReliabilityEditor *self, JsonObject *method)
{
  const char *name
      = method ? json_object_get_string_member_with_default (method, "name", "monte-carlo")
               : "monte-carlo";

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method_name), 0);
  for (guint i = 0; methods[i] != NULL; i++)
    if (g_str_equal (methods[i], name))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method_name), i);
  for (guint o = 0; o < N_OPTS; o++)
    {
      GtkWidget *w = self->options[o];
      JsonNode *n = method ? json_object_get_member (method, option_keys[o]) : NULL;
      g_autofree char *path = g_strdup_printf ("method.%s", option_keys[o]);

      ps_field_set_add (self->fields, path, w);
      if (GTK_IS_SPIN_BUTTON (w))
        {
          double def = o == OPT_SAMPLES ? 1e6 : 42;

          gtk_spin_button_set_value (GTK_SPIN_BUTTON (w),
                                     n != NULL && JSON_NODE_HOLDS_VALUE (n)
                                             && json_node_get_value_type (n) != G_TYPE_STRING
                                         ? json_node_get_double (n)
                                         : def);
        }
      else if (GTK_IS_DROP_DOWN (w))
        {
          const char *a = ps_gui_json_string (n);

          gtk_drop_down_set_selected (GTK_DROP_DOWN (w), a != NULL && g_str_equal (a, "hlrf"));
        }
      else
        {
          g_autofree char *t = node_as_text (n);

          gtk_editable_set_text (GTK_EDITABLE (w), t);
        }
    }
  ps_field_set_add (self->fields, "method.name", self->method_name);
  ps_field_set_add (self->fields, "method", self->method_box);
  show_method_options (self);
}

/* ---- correlation ------------------------------------------------------------ */

static void
write_correlation (PsReliabilityEditor *self)
{
  JsonObject *root = ps_document_get_root (self->document);
  JsonArray *list;

  if (self->corrs->len == 0)
    {
      json_object_remove_member (root, "correlation");
      return;
    }
  list = json_array_new ();
  for (guint i = 0; i < self->corrs->len; i++)
    {
      CorrRow *c = g_ptr_array_index (self->corrs, i);
      JsonObject *o = json_object_new ();
      JsonArray *between = json_array_new ();
      guint t = gtk_drop_down_get_selected (GTK_DROP_DOWN (c->type));

      json_array_add_string_element (between, text_of (c->a));
      json_array_add_string_element (between, text_of (c->b));
      json_object_set_array_member (o, "between", between);
      json_object_set_member (o, "rho", value_node (text_of (c->rho)));
      if (t > 0 && t < G_N_ELEMENTS (corr_types) - 1)
        json_object_set_string_member (o, "type", corr_types[t]);
      json_array_add_object_element (list, o);
    }
  json_object_set_array_member (root, "correlation", list);
}

/* What the engine says of the correlations (the Nataf transformation refuses a
 * matrix that is not positive definite, naming the pairs), under the list. */
static void
show_correlation_error (PsReliabilityEditor *self)
{
  const char *path = ps_document_get_error_path (self->document);
  const char *message = ps_document_get_error (self->document);
  gboolean mine = path != NULL && message != NULL && g_str_has_prefix (path, "correlation");

  gtk_label_set_text (GTK_LABEL (self->corr_message), mine ? message : "");
  gtk_widget_set_visible (self->corr_message, mine);
}

static void
corr_edited (PsReliabilityEditor *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->corr_headers); k++)
    if (self->corr_headers[k] != NULL)
      gtk_widget_set_visible (self->corr_headers[k], self->corrs->len > 0);
  if (self->loading)
    return;
  write_correlation (self);
  ps_document_changed (self->document);
}

static void remove_corr (GtkButton *button, PsReliabilityEditor *self);

static void
register_corr_fields (PsReliabilityEditor *self, CorrRow *c, guint k)
{
  g_autofree char *base = g_strdup_printf ("correlation[%u]", k);
  g_autofree char *between = g_strdup_printf ("%s.between", base);
  g_autofree char *rho = g_strdup_printf ("%s.rho", base);
  g_autofree char *type = g_strdup_printf ("%s.type", base);

  ps_field_set_add (self->fields, base, c->rho);
  ps_field_set_add (self->fields, between, c->a);
  ps_field_set_add (self->fields, rho, c->rho);
  ps_field_set_add (self->fields, type, c->type);
}

static void
add_corr (PsReliabilityEditor *self, const char *a, const char *b, const char *rho,
          const char *type)
{
  CorrRow *c = g_new0 (CorrRow, 1);
  int y = (int)self->corrs->len + 1;
  guint ti = 0;

  c->a = gtk_entry_new ();
  c->b = gtk_entry_new ();
  c->rho = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (c->a), 6);
  gtk_editable_set_width_chars (GTK_EDITABLE (c->b), 6);
  gtk_editable_set_width_chars (GTK_EDITABLE (c->rho), 7);
  gtk_editable_set_text (GTK_EDITABLE (c->a), a);
  gtk_editable_set_text (GTK_EDITABLE (c->b), b);
  gtk_editable_set_text (GTK_EDITABLE (c->rho), rho);
  gtk_widget_set_tooltip_text (c->a, _ ("First variable"));
  gtk_widget_set_tooltip_text (c->b, _ ("Second variable"));
  gtk_widget_set_tooltip_text (c->rho, _ ("Correlation coefficient, between -1 and 1"));
  c->type = gtk_drop_down_new_from_strings ((const char *const[]){
      _ ("normal copula"), _ ("Spearman (rank)"), _ ("Pearson (linear)"), NULL });
  for (guint i = 0; corr_types[i] != NULL; i++)
    if (type != NULL && g_str_equal (type, corr_types[i]))
      ti = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->type), ti);
  c->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (c->remove, "flat");
  gtk_widget_set_tooltip_text (c->remove, _ ("Remove this correlation"));
  g_object_set_data (G_OBJECT (c->remove), "row", c);
  g_signal_connect (c->remove, "clicked", G_CALLBACK (remove_corr), self);
  g_signal_connect_swapped (c->a, "changed", G_CALLBACK (corr_edited), self);
  g_signal_connect_swapped (c->b, "changed", G_CALLBACK (corr_edited), self);
  g_signal_connect_swapped (c->rho, "changed", G_CALLBACK (corr_edited), self);
  g_signal_connect_swapped (c->type, "notify::selected", G_CALLBACK (corr_edited), self);
  gtk_grid_attach (GTK_GRID (self->corr_grid), c->a, 0, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->corr_grid), c->b, 1, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->corr_grid), c->rho, 2, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->corr_grid), c->type, 3, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->corr_grid), c->remove, 4, y, 1, 1);
  register_corr_fields (self, c, self->corrs->len);
  g_ptr_array_add (self->corrs, c);
}

static void
remove_corr (GtkButton *button, PsReliabilityEditor *self)
{
  CorrRow *c = g_object_get_data (G_OBJECT (button), "row");
  GtkWidget *ws[] = { c->a, c->b, c->rho, c->type, c->remove };

  for (guint k = 0; k < G_N_ELEMENTS (ws); k++)
    gtk_grid_remove (GTK_GRID (self->corr_grid), ws[k]);
  g_ptr_array_remove (self->corrs, c);
  /* The rows below move up: their fields take the paths of their new places. */
  for (guint i = 0; i < self->corrs->len; i++)
    {
      CorrRow *r = g_ptr_array_index (self->corrs, i);
      GtkWidget *rs[] = { r->a, r->b, r->rho, r->type, r->remove };

      for (guint k = 0; k < G_N_ELEMENTS (rs); k++)
        {
          g_object_ref (rs[k]);
          gtk_grid_remove (GTK_GRID (self->corr_grid), rs[k]);
          gtk_grid_attach (GTK_GRID (self->corr_grid), rs[k], (int)k, (int)i + 1, 1, 1);
          g_object_unref (rs[k]);
        }
      register_corr_fields (self, r, i);
    }
  corr_edited (self);
}

static void
on_add_corr (PsReliabilityEditor *self)
{
  const char *a = "", *b = "";

  if (self->vars->len >= 2)
    {
      a = text_of (((VarRow *)g_ptr_array_index (self->vars, 0))->name);
      b = text_of (((VarRow *)g_ptr_array_index (self->vars, 1))->name);
    }
  add_corr (self, a, b, "0", NULL);
  corr_edited (self);
}

static void
load_correlation (PsReliabilityEditor *self, JsonNode *node)
{
  const char *headers[] = { N_ ("Variable"), N_ ("Variable"), N_ ("ρ"), N_ ("Type") };

  for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
    {
      GtkWidget *l = gtk_label_new (_ (headers[k]));

      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_grid_attach (GTK_GRID (self->corr_grid), l, (int)k, 0, 1, 1);
      self->corr_headers[k] = l;
    }
  ps_field_set_add (self->fields, "correlation", self->corr_grid);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (node), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonNode *between = o ? json_object_get_member (o, "between") : NULL;
      JsonArray *pair
          = between && JSON_NODE_HOLDS_ARRAY (between) ? json_node_get_array (between) : NULL;
      g_autofree char *rho = node_as_text (o ? json_object_get_member (o, "rho") : NULL);
      const char *a = pair && json_array_get_length (pair) > 0
                          ? ps_gui_json_string (json_array_get_element (pair, 0))
                          : NULL;
      const char *b = pair && json_array_get_length (pair) > 1
                          ? ps_gui_json_string (json_array_get_element (pair, 1))
                          : NULL;

      add_corr (self, a ? a : "", b ? b : "", rho,
                o ? json_object_get_string_member_with_default (o, "type", NULL) : NULL);
    }
}

/* ---- sensitivity ------------------------------------------------------------ */

static void
on_sens_changed (PsReliabilityEditor *self)
{
  JsonObject *root, *s;
  gboolean on;

  if (self->loading)
    return;
  root = ps_document_get_root (self->document);
  on = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->sens_check));
  gtk_widget_set_sensitive (self->sens_samples, on);
  gtk_widget_set_sensitive (self->sens_seed, on);
  if (!on)
    json_object_remove_member (root, "sensitivity");
  else
    {
      s = json_object_new ();
      json_object_set_string_member (s, "method", "sobol");
      if (*text_of (self->sens_samples) != '\0')
        json_object_set_member (s, "samples", value_node (text_of (self->sens_samples)));
      if (*text_of (self->sens_seed) != '\0')
        json_object_set_member (s, "seed", value_node (text_of (self->sens_seed)));
      json_object_set_object_member (root, "sensitivity", s);
    }
  ps_document_changed (self->document);
}

static void
load_sensitivity (PsReliabilityEditor *self, JsonNode *node)
{
  JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *samples = node_as_text (o ? json_object_get_member (o, "samples") : NULL);
  g_autofree char *seed = node_as_text (o ? json_object_get_member (o, "seed") : NULL);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->sens_check), o != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->sens_samples), samples);
  gtk_editable_set_text (GTK_EDITABLE (self->sens_seed), seed);
  gtk_widget_set_sensitive (self->sens_samples, o != NULL);
  gtk_widget_set_sensitive (self->sens_seed, o != NULL);
  ps_field_set_add (self->fields, "sensitivity", self->sens_check);
  ps_field_set_add (self->fields, "sensitivity.samples", self->sens_samples);
  ps_field_set_add (self->fields, "sensitivity.seed", self->sens_seed);
}

static void
refresh_status (PsReliabilityEditor *self)
{
  ps_gui_show_document_error (self->error_label, self->fields, self->document);
  show_correlation_error (self);
}

static void
ps_reliability_editor_class_init (PsReliabilityEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_reliability_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-reliability-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PsReliabilityEditor, name)
  CHILD (name_entry);
  CHILD (description_entry);
  CHILD (var_grid);
  CHILD (const_grid);
  CHILD (limit_state);
  CHILD (limit_error);
  CHILD (g_unit);
  CHILD (method_box);
  CHILD (method_name);
  CHILD (samples);
  CHILD (target_cov);
  CHILD (seed);
  CHILD (time_limit);
  CHILD (pdf_box);
  CHILD (corr_grid);
  CHILD (corr_message);
  CHILD (sens_check);
  CHILD (sens_samples);
  CHILD (sens_seed);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_add_var);
  gtk_widget_class_bind_template_callback (widget_class, on_add_const);
  gtk_widget_class_bind_template_callback (widget_class, on_add_corr);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_state_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_method_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sens_changed);
}

static void
build_var_headers (PsReliabilityEditor *self)
{
  const char *labels[N_VALUES + 3];
  guint n = 0;

  labels[n++] = N_ ("Name");
  labels[n++] = N_ ("Distribution");
  for (guint k = 0; k < N_VALUES; k++)
    labels[n++] = value_labels[k];
  labels[n++] = N_ ("Density");
  for (guint k = 0; k < n; k++)
    {
      GtkWidget *l = gtk_label_new (_ (labels[k]));

      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_grid_attach (GTK_GRID (self->var_grid), l, (int)k, 0, 1, 1);
      self->headers[k] = l;
    }
}

static void
ps_reliability_editor_init (PsReliabilityEditor *self)
{
  self->fields = ps_field_set_new ();
  self->vars = g_ptr_array_new_with_free_func (g_free);
  self->consts = g_ptr_array_new_with_free_func (g_free);
  self->corrs = g_ptr_array_new_with_free_func (g_free);
  /* Nothing is written back while the template and the file fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  build_var_headers (self);
  build_method_options (self);
  /* The plot is drawn only when asked for: a form that opens does not draw a chart
   * in its first frame (the main loop stays responsive while a run starts). */
  self->pdf_expander = gtk_expander_new (NULL);
  self->pdf_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->pdf_title), 0);
  gtk_expander_set_label_widget (GTK_EXPANDER (self->pdf_expander), self->pdf_title);
  self->pdf_chart = ps_gui_chart_new ();
  gtk_widget_set_size_request (self->pdf_chart, -1, 200);
  gtk_expander_set_child (GTK_EXPANDER (self->pdf_expander), self->pdf_chart);
  gtk_box_append (GTK_BOX (self->pdf_box), self->pdf_expander);
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));
}

GtkWidget *
ps_reliability_editor_new (PsDocument *document)
{
  PsReliabilityEditor *self = g_object_new (PS_TYPE_RELIABILITY_EDITOR, NULL);
  JsonObject *root = ps_document_get_root (document);
  JsonNode *vars = json_object_get_member (root, "variables");
  JsonNode *consts = json_object_get_member (root, "constants");
  JsonNode *ls = json_object_get_member (root, "limit_state");
  JsonObject *method = json_object_has_member (root, "method")
                               && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "method"))
                           ? json_object_get_object_member (root, "method")
                           : NULL;

  self->document = g_object_ref (document);
  self->loading = TRUE;
  ps_gui_editor_bind_header (self->name_entry, self->description_entry, document, self->fields);

  /* Random variables. */
  if (vars != NULL && JSON_NODE_HOLDS_OBJECT (vars))
    {
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (vars));

      for (GList *l = names; l; l = l->next)
        {
          JsonNode *v = json_object_get_member (json_node_get_object (vars), l->data);

          add_var (self, l->data, JSON_NODE_HOLDS_OBJECT (v) ? json_node_get_object (v) : NULL);
        }
    }
  ps_field_set_add (self->fields, "variables", self->var_grid);

  /* Constants. */
  if (consts != NULL && JSON_NODE_HOLDS_OBJECT (consts))
    {
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (consts));

      for (GList *l = names; l; l = l->next)
        add_const (self, l->data, json_object_get_member (json_node_get_object (consts), l->data));
    }

  /* Limit state. */
  if (ps_gui_json_string (ls) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->limit_state), ps_gui_json_string (ls));
  else if (ls != NULL && JSON_NODE_HOLDS_OBJECT (ls))
    {
      g_autofree char *t = g_strdup_printf (
          _ ("built-in: %s"),
          json_object_get_string_member_with_default (json_node_get_object (ls), "builtin", "?"));

      gtk_editable_set_text (GTK_EDITABLE (self->limit_state), t);
      gtk_widget_set_sensitive (self->limit_state, FALSE);
    }
  ps_field_set_add (self->fields, "limit_state", self->limit_state);

  load_method (self, method);
  load_correlation (self, json_object_get_member (root, "correlation"));
  load_sensitivity (self, json_object_get_member (root, "sensitivity"));
  corr_edited (self);

  self->loading = FALSE;
  update_columns (self);
  update_pdf (self);
  validate_limit_state (self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh_status), self);
  refresh_status (self);
  return GTK_WIDGET (self);
}

GtkEditable *
ps_reliability_editor_get_limit_state (PsReliabilityEditor *self)
{
  return GTK_EDITABLE (self->limit_state);
}

GtkWidget *
ps_reliability_editor_get_limit_state_error (PsReliabilityEditor *self)
{
  return self->limit_error;
}

guint
ps_reliability_editor_get_error_position (PsReliabilityEditor *self)
{
  return self->error_position;
}

const char *
ps_reliability_editor_get_g_unit (PsReliabilityEditor *self)
{
  return gtk_label_get_text (GTK_LABEL (self->g_unit));
}

GtkWidget *
ps_reliability_editor_get_correlation_grid (PsReliabilityEditor *self)
{
  return self->corr_grid;
}

GtkWidget *
ps_reliability_editor_get_method_dropdown (PsReliabilityEditor *self)
{
  return self->method_name;
}

GtkWidget *
ps_reliability_editor_get_density_chart (PsReliabilityEditor *self)
{
  gtk_expander_set_expanded (GTK_EXPANDER (self->pdf_expander), TRUE);
  return self->pdf_chart;
}
