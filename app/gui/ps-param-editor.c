#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-gui-util.h"
#include "ps-param-editor.h"

enum
{
  MODE_FIXED,
  MODE_LIST,
  MODE_RANGE
};

struct _PsParamEditor
{
  GtkBox parent_instance;

  PsDocument *document; /* weak: the editor lives inside the document's page */
  char *path;
  char **parts;
  PsQuantity quantity;
  const char *unit;
  gboolean sweepable;
  gboolean position; /* a load's position: also "midspan" or "free-end" */
  gboolean loading;

  GtkWidget *mode;
  GtkWidget *stack;
  GtkWidget *fixed;
  GtkWidget *list;
  GtkWidget *from;
  GtkWidget *to;
  GtkWidget *steps;
  GtkWidget *log;
  GtkWidget *unit_label;
};

G_DEFINE_FINAL_TYPE (PsParamEditor, ps_param_editor, GTK_TYPE_BOX)

JsonObject *
ps_json_parent_for_path (JsonObject *root, const char *path, gboolean create, const char **member)
{
  const char *dot;
  JsonObject *obj = root;

  while ((dot = strchr (path, '.')) != NULL)
    {
      g_autofree char *part = g_strndup (path, (gsize)(dot - path));
      JsonNode *n = json_object_get_member (obj, part);

      if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!create)
            return NULL;
          obj = ps_gui_json_ensure_object (obj, part);
        }
      else
        obj = json_node_get_object (n);
      path = dot + 1;
    }
  *member = path;
  return obj;
}

/* One step of a path: "loads[2]" is the member "loads", then its element 2. */
static gboolean
split_part (const char *part, char **name, gint64 *index)
{
  const char *br = strchr (part, '[');
  char *end = NULL;

  *index = -1;
  if (br == NULL)
    {
      *name = g_strdup (part);
      return TRUE;
    }
  *name = g_strndup (part, (gsize)(br - part));
  *index = g_ascii_strtoll (br + 1, &end, 10);
  return end != br + 1 && *end == ']' && end[1] == '\0' && *index >= 0;
}

/* The node that @part names inside the object @obj, or NULL. */
static JsonNode *
part_node (JsonObject *obj, const char *part)
{
  g_autofree char *name = NULL;
  gint64 index;
  JsonNode *n;

  if (obj == NULL || !split_part (part, &name, &index))
    return NULL;
  n = json_object_get_member (obj, name);
  if (index < 0 || n == NULL)
    return n;
  if (!JSON_NODE_HOLDS_ARRAY (n)
      || (guint64)index >= json_array_get_length (json_node_get_array (n)))
    return NULL;
  return json_array_get_element (json_node_get_array (n), (guint)index);
}

JsonNode *
ps_json_node_for_path (JsonObject *root, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *obj = root;
  JsonNode *n = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      n = part_node (obj, parts[i]);
      if (n == NULL)
        return NULL;
      obj = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
    }
  return n;
}

/* A copy of @array with element @index replaced by @node (taken): json-glib cannot
 * replace an array's element in place (json_node_init_* on a node that holds an
 * object or value unrefs it twice). */
static JsonArray *
array_with (JsonArray *array, guint index, JsonNode *node)
{
  JsonArray *copy = json_array_sized_new (json_array_get_length (array));

  for (guint i = 0; i < json_array_get_length (array); i++)
    json_array_add_element (copy,
                            i == index ? node : json_node_copy (json_array_get_element (array, i)));
  return copy;
}

gboolean
ps_json_set_path (JsonObject *root, const char *path, JsonNode *node)
{
  g_autofree char *parent_path = NULL;
  const char *dot = strrchr (path, '.');
  const char *last = dot ? dot + 1 : path;
  g_autofree char *name = NULL;
  JsonObject *parent = root;
  gint64 index;

  if (strchr (path, '[') == NULL)
    {
      const char *m;

      /* Plain members: the objects on the way are created. */
      parent = ps_json_parent_for_path (root, path, TRUE, &m);
      json_object_set_member (parent, m, node);
      return TRUE;
    }
  if (dot != NULL)
    {
      JsonNode *p;

      parent_path = g_strndup (path, (gsize)(dot - path));
      p = ps_json_node_for_path (root, parent_path);
      if (p == NULL || !JSON_NODE_HOLDS_OBJECT (p))
        {
          json_node_unref (node);
          return FALSE;
        }
      else
        parent = json_node_get_object (p);
    }
  if (!split_part (last, &name, &index))
    {
      json_node_unref (node);
      return FALSE;
    }
  if (index < 0)
    {
      json_object_set_member (parent, name, node);
      return TRUE;
    }
  {
    JsonNode *a = json_object_get_member (parent, name);

    if (a == NULL || !JSON_NODE_HOLDS_ARRAY (a)
        || (guint64)index >= json_array_get_length (json_node_get_array (a)))
      {
        json_node_unref (node);
        return FALSE;
      }
    json_object_set_array_member (parent, name,
                                  array_with (json_node_get_array (a), (guint)index, node));
    return TRUE;
  }
}

static void
ps_param_editor_finalize (GObject *object)
{
  PsParamEditor *self = PS_PARAM_EDITOR (object);

  g_free (self->path);
  G_OBJECT_CLASS (ps_param_editor_parent_class)->finalize (object);
}

static void on_changed (PsParamEditor *self);
static void on_mode_changed (PsParamEditor *self);

static void
ps_param_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_PARAM_EDITOR);
  G_OBJECT_CLASS (ps_param_editor_parent_class)->dispose (object);
}

static void
ps_param_editor_class_init (PsParamEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_param_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_param_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-param-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, mode);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, fixed);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, list);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, from);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, to);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, steps);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, log);
  gtk_widget_class_bind_template_child (widget_class, PsParamEditor, unit_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
}

static void
ps_param_editor_init (PsParamEditor *self)
{
  /* Nothing is written back while the template and the document fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  if (ps_gui_decimal_comma ())
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->list), _ ("e.g. 2; 4,5; 6"));
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));
}

static gboolean
node_to_si (JsonNode *node, PsQuantity quantity, double *si)
{
  g_autoptr (GError) error = NULL;

  return ps_json_node_quantity (node, "", quantity, PS_CHECK_FINITE, si, &error);
}

static char *
node_text (PsParamEditor *self, JsonNode *node)
{
  double si;

  if (node_to_si (node, self->quantity, &si))
    return ps_gui_format_value (si, self->unit);
  return g_strdup (ps_gui_json_string (node) ? ps_gui_json_string (node) : "");
}

void
ps_param_editor_reload (PsParamEditor *self)
{
  JsonNode *node = ps_json_node_for_path (ps_document_get_root (self->document), self->path);
  guint mode = MODE_FIXED;

  self->loading = TRUE;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *t = node_text (self, json_array_get_element (a, i));

          g_string_append_printf (s, "%s%s", i ? ps_gui_list_separator () : "", t);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->list), s->str);
      g_string_free (s, TRUE);
      mode = MODE_LIST;
    }
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *r = json_node_get_object (node);
      JsonNode *from = json_object_get_member (r, "from");
      JsonNode *to = json_object_get_member (r, "to");
      const char *scale = json_object_get_string_member_with_default (r, "scale", "linear");
      g_autofree char *ft = from ? node_text (self, from) : g_strdup ("");
      g_autofree char *tt = to ? node_text (self, to) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->from), ft);
      gtk_editable_set_text (GTK_EDITABLE (self->to), tt);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->steps),
                                 (double)json_object_get_int_member_with_default (r, "steps", 2));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->log), g_strcmp0 (scale, "log") == 0);
      mode = MODE_RANGE;
    }
  else if (node != NULL)
    {
      g_autofree char *t = node_text (self, node);

      gtk_editable_set_text (GTK_EDITABLE (self->fixed), t);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->mode), mode);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), mode == MODE_LIST    ? "list"
                                                             : mode == MODE_RANGE ? "range"
                                                                                  : "fixed");
  self->loading = FALSE;
}

/* The JSON of the form, or NULL with @widget and @message saying what is wrong. */
static JsonNode *
build_node (PsParamEditor *self, GtkWidget **widget, char **message)
{
  guint mode
      = self->sweepable ? gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode)) : MODE_FIXED;
  double v;

  if (mode == MODE_FIXED)
    {
      *widget = self->fixed;
      if (self->position)
        {
          /* The words a study file takes for a point load's position (STUDY-FILES.md):
           * kept as words, so that they follow a swept span. */
          g_autofree char *t
              = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fixed))));

          if (g_str_equal (t, "midspan") || g_str_equal (t, "free-end"))
            {
              JsonNode *n = json_node_new (JSON_NODE_VALUE);

              json_node_set_string (n, t);
              return n;
            }
        }
      if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->fixed)), self->unit,
                               self->quantity, &v, message))
        return NULL;
      return ps_gui_json_double_node (v);
    }
  if (mode == MODE_LIST)
    {
      g_auto (GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->list)),
                                             ps_gui_list_separators (), -1);
      g_autoptr (JsonArray) a = json_array_new ();
      JsonNode *n;

      *widget = self->list;
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *m = NULL;

          if (*g_strstrip (parts[i]) == '\0' && parts[i + 1] == NULL && i > 0)
            break; /* a trailing comma */
          if (!ps_gui_parse_value (parts[i], self->unit, self->quantity, &v, &m))
            {
              /* "1,2,3" where the comma is the decimal separator. */
              if (ps_gui_decimal_comma () && strchr (parts[i], ',') != NULL
                  && strchr (strchr (parts[i], ',') + 1, ',') != NULL)
                *message
                    = g_strdup_printf (_ ("value %u: %s (separate the values with “;”)"), i + 1, m);
              else
                *message = g_strdup_printf (_ ("value %u: %s"), i + 1, m);
              return NULL;
            }
          json_array_add_double_element (a, v);
        }
      /* An empty field is no list (g_strsplit_set gives no parts for ""). */
      if (json_array_get_length (a) == 0)
        {
          *message = g_strdup (_ ("a value is needed"));
          return NULL;
        }
      n = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (n, a);
      return n;
    }
  else
    {
      g_autoptr (JsonObject) r = json_object_new ();
      JsonNode *n;
      double to;

      *widget = self->from;
      if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->from)), self->unit,
                               self->quantity, &v, message))
        return NULL;
      *widget = self->to;
      if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->to)), self->unit,
                               self->quantity, &to, message))
        return NULL;
      json_object_set_double_member (r, "from", v);
      json_object_set_double_member (r, "to", to);
      json_object_set_int_member (r, "steps",
                                  gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->steps)));
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->log)))
        json_object_set_string_member (r, "scale", "log");
      n = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (n, r);
      return n;
    }
}

static void
on_changed (PsParamEditor *self)
{
  GtkWidget *widgets[] = { self->fixed, self->list, self->from, self->to };
  GtkWidget *bad = NULL;
  g_autofree char *message = NULL;
  JsonNode *node;

  if (self->loading || self->document == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    ps_gui_mark_invalid (widgets[i], NULL);
  node = build_node (self, &bad, &message);
  if (node == NULL)
    {
      ps_gui_mark_invalid (bad, message);
      ps_document_set_field_error (self->document, self->path, message);
      return;
    }
  if (!ps_json_set_path (ps_document_get_root (self->document), self->path, node))
    return;
  ps_document_set_field_error (self->document, self->path, NULL);
  ps_document_changed (self->document);
}

static void
on_mode_changed (PsParamEditor *self)
{
  guint mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode));

  if (self->loading)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), mode == MODE_LIST    ? "list"
                                                             : mode == MODE_RANGE ? "range"
                                                                                  : "fixed");
  /* Carry the value over, so that switching modes gives something valid at once. */
  if (mode == MODE_LIST && *gtk_editable_get_text (GTK_EDITABLE (self->list)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->list),
                           gtk_editable_get_text (GTK_EDITABLE (self->fixed)));
  if (mode == MODE_RANGE && *gtk_editable_get_text (GTK_EDITABLE (self->from)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from),
                             gtk_editable_get_text (GTK_EDITABLE (self->fixed)));
      gtk_editable_set_text (GTK_EDITABLE (self->to),
                             gtk_editable_get_text (GTK_EDITABLE (self->fixed)));
    }
  on_changed (self);
}

GtkWidget *
ps_param_editor_new (PsDocument *document, const char *path, PsQuantity quantity, gboolean small,
                     gboolean sweepable)
{
  PsParamEditor *self = g_object_new (PS_TYPE_PARAM_EDITOR, NULL);

  self->document = document;
  self->path = g_strdup (path);
  self->quantity = quantity;
  self->unit = ps_gui_display_unit (quantity, small);
  self->sweepable = sweepable;
  self->position = g_str_has_prefix (path, "beam.loads[") && g_str_has_suffix (path, ".position");
  gtk_widget_set_visible (self->mode, sweepable);
  gtk_label_set_text (GTK_LABEL (self->unit_label), self->unit);
  ps_param_editor_reload (self);
  return GTK_WIDGET (self);
}

GtkEditable *
ps_param_editor_get_entry (PsParamEditor *self)
{
  guint mode
      = self->sweepable ? gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode)) : MODE_FIXED;

  return GTK_EDITABLE (mode == MODE_LIST    ? self->list
                       : mode == MODE_RANGE ? self->from
                                            : self->fixed);
}

const char *
ps_param_editor_get_path (PsParamEditor *self)
{
  return self->path;
}
