#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng/ps-dist.h"
#include "expr/ps-expr.h"
#include "ps-gui-util.h"
#include "ps-reliability-editor.h"

static const char *const distributions[]
    = { "normal",  "lognormal",   "gumbel",           "uniform",
        "weibull", "exponential", "truncated-normal", NULL };
/* The value columns of a variable row, in order. */
static const char *const value_keys[] = { "mean", "sd", "lower", "upper", "shape", "scale" };
#define N_VALUES G_N_ELEMENTS (value_keys)

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
  GtkWidget *method_box;
  GtkWidget *samples;
  GtkWidget *target_cov;
  GtkWidget *seed;
  GtkWidget *time_limit;
  GtkWidget *error_label;

  GPtrArray *vars;   /* VarRow */
  GPtrArray *consts; /* ConstRow */
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
  g_clear_pointer (&self->vars, g_ptr_array_unref);
  g_clear_pointer (&self->consts, g_ptr_array_unref);
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
    json_node_set_double (n, v);
  else
    json_node_set_string (n, t);
  return n;
}

/* The PsDist of a row, or FALSE with @message. */
static gboolean
row_dist (VarRow *r, PsDist *d, char **message)
{
  PsDistParams p = { 0 };
  gboolean *has[N_VALUES]
      = { &p.has_mean, &p.has_sd, &p.has_lower, &p.has_upper, &p.has_shape, &p.has_scale };
  double *val[N_VALUES] = { &p.mean, &p.sd, &p.lower, &p.upper, &p.shape, &p.scale };

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
  return ps_dist_init (d, distributions[gtk_drop_down_get_selected (GTK_DROP_DOWN (r->dist))], &p,
                       message);
}

static void
draw_density (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  VarRow *r = user_data;
  g_autofree char *msg = NULL;
  PsDist d;
  double m, s, lo, hi, ymax = 0, ys[64];
  GdkRGBA fg;
  const int n = G_N_ELEMENTS (ys);

  if (!row_dist (r, &d, &msg))
    return;
  m = ps_dist_mean (&d);
  s = ps_dist_sd (&d);
  if (!isfinite (m) || !isfinite (s) || s <= 0)
    return;
  lo = m - 4 * s;
  hi = m + 4 * s;
  if (d.kind == PS_DIST_LOGNORMAL || d.kind == PS_DIST_WEIBULL || d.kind == PS_DIST_EXPONENTIAL)
    lo = MAX (lo, 0);
  for (int i = 0; i < n; i++)
    {
      double x = lo + (hi - lo) * i / (n - 1);

      ys[i] = ps_gui_dist_density (&d, x, (hi - lo) * 1e-3);
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
                   height - 1 - (height - 3) * (isfinite (ys[i]) ? ys[i] : 0) / ymax);
  cairo_line_to (cr, width, height);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
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

      json_object_set_string_member (
          v, "distribution", distributions[gtk_drop_down_get_selected (GTK_DROP_DOWN (r->dist))]);
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
add_var (PsReliabilityEditor *self, const char *name, JsonObject *v)
{
  VarRow *r = g_new0 (VarRow, 1);
  const char *dist
      = v ? json_object_get_string_member_with_default (v, "distribution", "normal") : "normal";
  guint di = 0;
  g_autofree char *path = g_strdup_printf ("variables.%s", name);

  for (guint i = 0; distributions[i]; i++)
    if (g_str_equal (distributions[i], dist))
      di = i;
  r->name = small_entry (self, name, 5);
  r->dist = gtk_drop_down_new_from_strings (distributions);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (r->dist), di);
  g_signal_connect_swapped (r->dist, "notify::selected", G_CALLBACK (edited), self);
  for (guint k = 0; k < N_VALUES; k++)
    {
      g_autofree char *t = node_as_text (v ? json_object_get_member (v, value_keys[k]) : NULL);

      /* Narrow at least, wider with the window: the table fits a 1024-pixel one. */
      r->values[k] = small_entry (self, t, 5);
      gtk_widget_set_hexpand (r->values[k], TRUE);
    }
  r->density = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (r->density), 90);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (r->density), 28);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (r->density), draw_density, r, NULL);
  gtk_widget_set_tooltip_text (r->density, _ ("Probability density, mean ± 4 sd"));
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
relayout_vars (PsReliabilityEditor *self)
{
  for (guint i = 0; i < self->vars->len; i++)
    {
      VarRow *r = g_ptr_array_index (self->vars, i);
      GtkWidget *ws[] = { r->name,      r->dist,      r->values[0], r->values[1], r->values[2],
                          r->values[3], r->values[4], r->values[5], r->density,   r->remove };

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
  GtkWidget *ws[] = { r->name,      r->dist,      r->values[0], r->values[1], r->values[2],
                      r->values[3], r->values[4], r->values[5], r->density,   r->remove };

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

/* Compiles the limit state on its own, with the form's variables and constants, so
 * that its error and position show under the entry whatever else is wrong. */
static void
validate_limit_state (PsReliabilityEditor *self)
{
  g_autoptr (GPtrArray) vnames = g_ptr_array_new ();
  g_autoptr (GPtrArray) cnames = g_ptr_array_new ();
  g_autoptr (GArray) cvalues = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr = NULL;
  const char *text;

  if (self->limit_state == NULL || !gtk_widget_get_sensitive (self->limit_state))
    return;
  text = text_of (self->limit_state);
  for (guint i = 0; i < self->vars->len; i++)
    g_ptr_array_add (vnames,
                     (gpointer)text_of (((VarRow *)g_ptr_array_index (self->vars, i))->name));
  for (guint i = 0; i < self->consts->len; i++)
    {
      ConstRow *c = g_ptr_array_index (self->consts, i);
      double v = NAN;
      PsDim dim;
      g_autofree char *m = NULL;
      g_autofree char *t = ps_gui_number_to_c (text_of (c->value));

      if (!ps_units_parse_any (t, &v, &dim, &m))
        v = NAN;
      g_ptr_array_add (cnames, (gpointer)text_of (c->name));
      g_array_append_val (cvalues, v);
    }
  expr = ps_expr_compile_full (
      text, (const char *const *)vnames->pdata, vnames->len, (const char *const *)cnames->pdata,
      (const double *)(void *)cvalues->data, cnames->len, &self->error_position, &error);
  if (expr == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->limit_error), error->message);
      ps_gui_mark_invalid (self->limit_state, error->message);
      ps_document_set_field_error (self->document, "limit_state", error->message);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->limit_error), "");
      ps_gui_mark_invalid (self->limit_state, NULL);
      ps_document_set_field_error (self->document, "limit_state", NULL);
    }
  gtk_widget_set_visible (self->limit_error, expr == NULL);
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

static void
on_method_changed (PsReliabilityEditor *self)
{
  JsonObject *m;
  const char *t;

  if (self->loading)
    return;
  m = ps_gui_json_ensure_object (ps_document_get_root (self->document), "method");
  json_object_set_string_member (m, "name", "monte-carlo");
  json_object_set_int_member (m, "samples",
                              (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->samples)));
  json_object_set_int_member (m, "seed",
                              (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->seed)));
  t = text_of (self->target_cov);
  if (*t == '\0')
    json_object_remove_member (m, "target_cov");
  else
    json_object_set_member (m, "target_cov", value_node (t));
  t = text_of (self->time_limit);
  if (*t == '\0')
    json_object_remove_member (m, "time_limit");
  else
    json_object_set_member (m, "time_limit", value_node (t));
  ps_document_changed (self->document);
}

static void
refresh_status (PsReliabilityEditor *self)
{
  ps_gui_show_document_error (self->error_label, self->fields, self->document);
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
  CHILD (method_box);
  CHILD (samples);
  CHILD (target_cov);
  CHILD (seed);
  CHILD (time_limit);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_add_var);
  gtk_widget_class_bind_template_callback (widget_class, on_add_const);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_state_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_method_changed);
}

static void
ps_reliability_editor_init (PsReliabilityEditor *self)
{
  self->fields = ps_field_set_new ();
  self->vars = g_ptr_array_new_with_free_func (g_free);
  self->consts = g_ptr_array_new_with_free_func (g_free);
  /* Nothing is written back while the template and the file fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_autofree char *cov = NULL, *tl = NULL;

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

  /* Method. */
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (self->samples),
      method ? (double)json_object_get_int_member_with_default (method, "samples", 1000000) : 1e6);
  ps_field_set_add (self->fields, "method.samples", self->samples);
  cov = node_as_text (method ? json_object_get_member (method, "target_cov") : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->target_cov), cov);
  ps_field_set_add (self->fields, "method.target_cov", self->target_cov);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (self->seed),
      method ? (double)json_object_get_int_member_with_default (method, "seed", 42) : 42);
  tl = node_as_text (method ? json_object_get_member (method, "time_limit") : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->time_limit), tl);
  ps_field_set_add (self->fields, "method.time_limit", self->time_limit);
  ps_field_set_add (self->fields, "method", self->method_box);

  self->loading = FALSE;
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
