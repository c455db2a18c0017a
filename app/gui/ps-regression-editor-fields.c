#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-param-editor.h"
#include "ps-regression-editor-private.h"

/* The strain units the engine reads (ps-regression.c), with their scale to a
 * ratio. The test cross-checks every one against the engine. */
static const struct
{
  const char *name;
  double scale;
} strain_units[] = {
  { "", 1.0 },      { "1", 1.0 },     { "mm/mm", 1.0 },        { "m/m", 1.0 },
  { "in/in", 1.0 }, { "-", 1.0 },     { "%", 1e-2 },           { "µε", 1e-6 },
  { "με", 1e-6 },   { "ue", 1e-6 },   { "microstrain", 1e-6 }, { "µm/m", 1e-6 },
  { "um/m", 1e-6 }, { "mm/m", 1e-3 }, { "‰", 1e-3 },
};

/* "constant" stands for a plain value in the file. */
static const char *const dist_values[]
    = { "constant", "normal", "lognormal", "uniform", "gumbel", "weibull", NULL };
static const char *const dist_labels[]
    = { N_ ("Constant"), N_ ("Normal"), N_ ("Lognormal"), N_ ("Uniform"), N_ ("Gumbel"),
        N_ ("Weibull"),  NULL };

/* ---- small helpers ------------------------------------------------------------ */

JsonObject *
_ps_regression_editor_root (PsRegressionEditor *self)
{
  return ps_document_get_root (self->document);
}

JsonObject *
_ps_regression_editor_source (PsRegressionEditor *self)
{
  return ps_gui_json_ensure_object (_ps_regression_editor_root (self), "source");
}

JsonNode *
_ps_regression_editor_node_at (PsRegressionEditor *self, const char *path)
{
  const char *member;
  JsonObject *parent
      = ps_json_parent_for_path (_ps_regression_editor_root (self), path, FALSE, &member);

  return parent != NULL ? json_object_get_member (parent, member) : NULL;
}

static gboolean
strain_scale (const char *unit, double *scale)
{
  for (guint i = 0; i < G_N_ELEMENTS (strain_units); i++)
    if (g_str_equal (unit, strain_units[i].name))
      {
        *scale = strain_units[i].scale;
        return TRUE;
      }
  return FALSE;
}

static char *
format_number (double v)
{
  return ps_gui_format_number (v, "%.6g");
}

gboolean
_ps_regression_editor_parse_ratio (const char *text, const char *unit, double *out, char **message)
{
  g_autofree char *t = g_strstrip (ps_gui_number_to_c (text));
  char *end;
  double v, scale = 1.0;

  if (*t == '\0')
    {
      *message = g_strdup (_ ("a value is needed"));
      return FALSE;
    }
  v = g_ascii_strtod (t, &end);
  if (end == t)
    {
      *message = g_strdup_printf (_ ("“%s” is not a number"), t);
      return FALSE;
    }
  while (*end == ' ')
    end++;
  if (*end == '\0')
    strain_scale (unit, &scale);
  else if (!strain_scale (end, &scale))
    {
      *message = g_strdup_printf (_ ("“%s” is not a strain unit (expected %s)"), end,
                                  "mm/mm, %, ‰, µε, mm/m");
      return FALSE;
    }
  if (!isfinite (v))
    {
      *message = g_strdup (_ ("not a finite number"));
      return FALSE;
    }
  *out = v * scale;
  return TRUE;
}

char *
_ps_regression_editor_ratio_text (JsonNode *n, const char *unit)
{
  double scale = 1.0, v;
  g_autofree char *msg = NULL;

  strain_scale (unit, &scale);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("");
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    {
      if (_ps_regression_editor_parse_ratio (json_node_get_string (n), "", &v, &msg))
        return format_number (v / scale);
      return g_strdup (json_node_get_string (n));
    }
  return format_number (json_node_get_double (n) / scale);
}

char *
_ps_regression_editor_quantity_text (JsonNode *n, PsQuantity quantity, const char *unit)
{
  g_autoptr (GError) error = NULL;
  double si;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("");
  if (ps_json_node_quantity (n, "", quantity, PS_CHECK_FINITE, &si, &error))
    return ps_gui_format_value (si, unit);
  return g_strdup (ps_gui_json_string (n) ? ps_gui_json_string (n) : "");
}

void
_ps_regression_editor_choice_setup (GtkWidget *dd, const char *const *values,
                                    const char *const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GPtrArray *v = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (list, labels ? _ (labels[i]) : values[i]);
      g_ptr_array_add (v, g_strdup (values[i]));
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (dd), G_LIST_MODEL (list));
  g_object_unref (list);
  g_object_set_data_full (G_OBJECT (dd), "values", v, (GDestroyNotify)g_ptr_array_unref);
}

void
_ps_regression_editor_choice_add_none (GtkWidget *dd, const char *label)
{
  GPtrArray *v = g_object_get_data (G_OBJECT (dd), "values");
  const char *const first[] = { label, NULL };

  g_ptr_array_insert (v, 0, g_strdup (""));
  gtk_string_list_splice (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (dd))), 0, 0,
                          first);
}

/* "Auto" in a spin button below 0 (an optional count left to the engine). */
static gboolean
auto_output (GtkSpinButton *spin, gpointer user_data)
{
  if (gtk_spin_button_get_value (spin) >= 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), _ ("Auto"));
  return TRUE;
}

static int
auto_input (GtkSpinButton *spin, double *value, gpointer user_data)
{
  g_autofree char *t = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end;
  gint64 n;

  if (*t == '\0' || g_utf8_collate (t, _ ("Auto")) == 0 || g_ascii_strcasecmp (t, "auto") == 0)
    {
      *value = -1;
      return TRUE;
    }
  n = g_ascii_strtoll (t, &end, 10);
  if (*end != '\0' || end == t)
    return GTK_INPUT_ERROR;
  *value = (double)n;
  return TRUE;
}

void
_ps_regression_editor_auto_spin (GtkWidget *spin)
{
  g_signal_connect (spin, "output", G_CALLBACK (auto_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (auto_input), NULL);
}

static const char *
choice_value (GtkWidget *dd)
{
  GPtrArray *v = g_object_get_data (G_OBJECT (dd), "values");
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));

  return i < v->len ? v->pdata[i] : NULL;
}

/* Selects @value, adding it when the drop-down does not list it; NULL selects
 * nothing. */
static void
choice_set (GtkWidget *dd, const char *value)
{
  GPtrArray *v = g_object_get_data (G_OBJECT (dd), "values");

  if (value == NULL)
    {
      /* "" is the entry for a member left out, where the drop-down has one. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), v->len > 0 && *(char *)v->pdata[0] == '\0'
                                                          ? 0
                                                          : GTK_INVALID_LIST_POSITION);
      return;
    }
  for (guint i = 0; i < v->len; i++)
    if (g_str_equal (v->pdata[i], value))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), i);
        return;
      }
  g_ptr_array_add (v, g_strdup (value));
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (dd))), value);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), v->len - 1);
}

/* The delimiter as the drop-down lists it ("tab" for "\t"). */
static const char *
delimiter_name (const char *s)
{
  if (s == NULL)
    return ",";
  if (g_str_equal (s, "\t") || g_str_equal (s, "\\t"))
    return "tab";
  if (g_str_equal (s, " "))
    return "space";
  return s;
}

void
_ps_regression_editor_set_unit_label (GtkWidget *label, const char *unit)
{
  g_autoptr (GString) shown = g_string_new (unit);

  /* As engineers write them: "mm²", not the file's "mm^2". */
  g_string_replace (shown, "^2", "²", 0);
  gtk_label_set_text (GTK_LABEL (label), unit != NULL ? shown->str : "");
}

void
_ps_regression_editor_register (PsRegressionEditor *self, const char *path, GtkWidget *widget)
{
  g_hash_table_replace (self->widgets, g_strdup (path), widget);
  ps_field_set_add (self->fields, path, widget);
}

/* ---- fields that edit one member ----------------------------------------------- */

void
_ps_regression_editor_edited (PsRegressionEditor *self, gboolean preview)
{
  /* Validated first: the preview looks at the engine's verdict on the separators. */
  ps_document_changed (self->document);
  if (preview)
    _ps_regression_editor_refresh_preview (self);
}

/* The member the field's text stands for; NULL with @message when it cannot be
 * written, NULL without for an empty optional field (the member is removed). */
static JsonNode *
field_node (Field *f, char **message)
{
  const char *text = NULL;
  g_autofree char *t = NULL;
  JsonNode *n;
  double v;

  if (f->kind == F_INT)
    {
      double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (f->widget));

      if (f->optional && value < 0)
        return NULL;
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (n, (gint64)value);
      return n;
    }
  if (f->kind == F_CHOICE)
    {
      const char *value = choice_value (f->widget);

      if (value == NULL || *value == '\0')
        return NULL;
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (n, value);
      return n;
    }
  text = gtk_editable_get_text (GTK_EDITABLE (f->widget));
  t = g_strstrip (g_strdup (text));
  if (*t == '\0')
    {
      if (!f->optional)
        *message = g_strdup (f->kind == F_COLUMN ? _ ("a column name or number is needed")
                                                 : _ ("a value is needed"));
      return NULL;
    }
  switch (f->kind)
    {
    case F_TEXT:
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (n, text);
      return n;
    case F_COLUMN:
      {
        char *end;
        guint64 c = g_ascii_strtoull (t, &end, 10);

        n = json_node_new (JSON_NODE_VALUE);
        /* A number is the column's position from 1; anything else a header name. */
        if (*end == '\0' && g_ascii_isdigit (t[0]))
          {
            if (c < 1 || c > 1000)
              {
                json_node_unref (n);
                *message = g_strdup (_ ("a column number counts from 1 to 1000"));
                return NULL;
              }
            json_node_set_int (n, (gint64)c);
          }
        else
          json_node_set_string (n, t);
        return n;
      }
    case F_QUANTITY:
      if (!ps_gui_parse_value (t, f->unit, f->quantity, &v, message))
        return NULL;
      return ps_gui_json_double_node (v);
    case F_RATIO:
      if (!_ps_regression_editor_parse_ratio (t, f->unit, &v, message))
        return NULL;
      return ps_gui_json_double_node (v);
    default:
      g_assert_not_reached ();
    }
}

static void
field_changed (Field *f)
{
  PsRegressionEditor *self = f->self;
  g_autofree char *message = NULL;
  JsonNode *node;
  JsonObject *parent;
  const char *member;

  if (self->loading)
    return;
  node = field_node (f, &message);
  if (message != NULL)
    {
      _ps_regression_editor_set_bad (self, f->path, message);
      return;
    }
  /* Nothing chosen yet writes nothing; the entry of a member left out removes it. */
  if (node == NULL && f->kind == F_CHOICE && choice_value (f->widget) == NULL)
    return;
  parent = ps_json_parent_for_path (_ps_regression_editor_root (self), f->path, TRUE, &member);
  if (node != NULL)
    json_object_set_member (parent, member, node);
  else
    json_object_remove_member (parent, member);
  _ps_regression_editor_set_bad (self, f->path, NULL);
  _ps_regression_editor_edited (self, f->preview);
}

static void
field_load (Field *f)
{
  JsonNode *n = _ps_regression_editor_node_at (f->self, f->path);
  g_autofree char *text = NULL;

  switch (f->kind)
    {
    case F_TEXT:
    case F_COLUMN:
      if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
      else
        text = g_strdup (ps_gui_json_string (n) ? ps_gui_json_string (n) : f->def ? f->def : "");
      break;
    case F_QUANTITY:
      text = _ps_regression_editor_quantity_text (n, f->quantity, f->unit);
      break;
    case F_RATIO:
      text = _ps_regression_editor_ratio_text (n, f->unit);
      break;
    case F_INT:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (f->widget),
                                 n != NULL && JSON_NODE_HOLDS_VALUE (n)
                                         && json_node_get_value_type (n) != G_TYPE_STRING
                                     ? json_node_get_double (n)
                                     : f->def_num);
      return;
    case F_CHOICE:
      {
        const char *v = ps_gui_json_string (n) ? ps_gui_json_string (n) : f->def;

        if (g_str_equal (f->path, "source.delimiter"))
          v = delimiter_name (v);
        choice_set (f->widget, v);
        return;
      }
    }
  gtk_editable_set_text (GTK_EDITABLE (f->widget), text);
}

Field *
_ps_regression_editor_add_field (PsRegressionEditor *self, const char *path, FieldKind kind,
                                 GtkWidget *widget)
{
  Field *f = g_new0 (Field, 1);

  f->self = self;
  f->path = g_strdup (path);
  f->kind = kind;
  f->widget = widget;
  f->preview = g_str_has_prefix (path, "source.");
  g_ptr_array_add (self->all, f);
  _ps_regression_editor_register (self, path, widget);
  if (kind == F_INT)
    g_signal_connect_swapped (widget, "value-changed", G_CALLBACK (field_changed), f);
  else if (kind == F_CHOICE)
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (field_changed), f);
  else
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (field_changed), f);
  return f;
}

void
_ps_regression_editor_load_fields (PsRegressionEditor *self, const char *prefix)
{
  gboolean was = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->all->len; i++)
    {
      Field *f = g_ptr_array_index (self->all, i);

      if (g_str_has_prefix (f->path, prefix))
        field_load (f);
    }
  self->loading = was;
}

/* ---- the synthetic distributions ------------------------------------------------ */

void
_ps_regression_editor_dist_load (DistRow *d)
{
  JsonNode *n = json_object_get_member (_ps_regression_editor_source (d->self), d->member);
  const char *unit = d->unit;
  g_autofree char *mean = NULL, *sd = NULL;

  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *o = json_node_get_object (n);

      choice_set (d->kind, ps_gui_json_string (json_object_get_member (o, "distribution")));
      mean = _ps_regression_editor_quantity_text (json_object_get_member (o, "mean"), PS_QTY_STRESS,
                                                  unit);
      sd = _ps_regression_editor_quantity_text (json_object_get_member (o, "sd"), PS_QTY_STRESS,
                                                unit);
    }
  else
    {
      choice_set (d->kind, "constant");
      mean = _ps_regression_editor_quantity_text (n, PS_QTY_STRESS, unit);
      sd = g_strdup ("");
    }
  gtk_editable_set_text (GTK_EDITABLE (d->mean), mean);
  gtk_editable_set_text (GTK_EDITABLE (d->sd), sd);
  gtk_widget_set_sensitive (d->sd, g_strcmp0 (choice_value (d->kind), "constant") != 0);
}

static void
dist_changed (DistRow *d)
{
  PsRegressionEditor *self = d->self;
  JsonObject *src = _ps_regression_editor_source (self);
  const char *kind = choice_value (d->kind);
  gboolean constant = g_strcmp0 (kind, "constant") == 0;
  g_autofree char *mpath = g_strdup_printf ("source.%s.mean", d->member);
  g_autofree char *spath = g_strdup_printf ("source.%s.sd", d->member);
  g_autofree char *msg = NULL;
  double mean, sd = 0;
  JsonNode *n;
  JsonObject *o;

  if (self->loading || kind == NULL)
    return;
  gtk_widget_set_sensitive (d->sd, !constant);
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (d->mean)), d->unit, PS_QTY_STRESS,
                           &mean, &msg))
    {
      _ps_regression_editor_set_bad (self, spath, NULL);
      _ps_regression_editor_set_bad (self, mpath, msg);
      return;
    }
  _ps_regression_editor_set_bad (self, mpath, NULL);
  if (!constant
      && !ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (d->sd)), d->unit, PS_QTY_STRESS,
                              &sd, &msg))
    {
      _ps_regression_editor_set_bad (self, spath, msg);
      return;
    }
  _ps_regression_editor_set_bad (self, spath, NULL);
  if (constant)
    json_object_set_member (src, d->member, ps_gui_json_double_node (mean));
  else
    {
      /* Edited in place: other members of the distribution (lower, upper, shape)
       * stay. */
      n = json_object_get_member (src, d->member);
      if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
        json_object_set_object_member (src, d->member, json_object_new ());
      o = json_object_get_object_member (src, d->member);
      json_object_set_string_member (o, "distribution", kind);
      json_object_set_member (o, "mean", ps_gui_json_double_node (mean));
      json_object_set_member (o, "sd", ps_gui_json_double_node (sd));
    }
  _ps_regression_editor_edited (self, FALSE);
}

void
_ps_regression_editor_dist_setup (PsRegressionEditor *self, DistRow *d, const char *member,
                                  const char *unit)
{
  g_autofree char *path = g_strdup_printf ("source.%s", member);
  g_autofree char *mpath = g_strdup_printf ("source.%s.mean", member);
  g_autofree char *spath = g_strdup_printf ("source.%s.sd", member);

  d->self = self;
  d->member = member;
  d->unit = unit;
  _ps_regression_editor_choice_setup (d->kind, dist_values, dist_labels);
  _ps_regression_editor_register (self, path, d->kind);
  _ps_regression_editor_register (self, mpath, d->mean);
  _ps_regression_editor_register (self, spath, d->sd);
  g_signal_connect_swapped (d->kind, "notify::selected", G_CALLBACK (dist_changed), d);
  g_signal_connect_swapped (d->mean, "changed", G_CALLBACK (dist_changed), d);
  g_signal_connect_swapped (d->sd, "changed", G_CALLBACK (dist_changed), d);
}
