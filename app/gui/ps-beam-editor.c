#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-beam-editor.h"
#include "ps-gui-util.h"
#include "ps-param-editor.h"

static const char *const supports[]
    = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever", NULL };
static const char *const shapes[]
    = { "rectangular", "circular", "hollow-circular", "standard", "custom", NULL };

struct _PsBeamEditor
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;
  GHashTable *params; /* path -> PsParamEditor (weak, owned by the form) */
  gboolean loading;

  /* Template children. */
  GtkWidget *name_entry;
  GtkWidget *description_entry;
  GtkWidget *support;
  GtkWidget *load_type;
  GtkWidget *position_mode;
  GtkWidget *position_box;
  GtkWidget *value_box;
  GtkWidget *span_box;
  GtkWidget *diagram;
  GtkWidget *self_weight;
  GtkWidget *shape;
  GtkWidget *section_box;
  GtkWidget *material_box;
  GtkWidget *custom_materials;
  GtkWidget *limit;
  GtkWidget *safety;
  GtkWidget *count_label;
  GtkWidget *error_label;

  GHashTable *designations; /* selected standard sections */
  GtkWidget *section_search;
  GtkStringFilter *section_filter;
};

/* Width of the labels in front of the fields, in characters. */
#define LABEL_CHARS 10

G_DEFINE_FINAL_TYPE (PsBeamEditor, ps_beam_editor, GTK_TYPE_BOX)

static void
ps_beam_editor_dispose (GObject *object)
{
  PsBeamEditor *self = PS_BEAM_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, ps_field_set_free);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->designations, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_BEAM_EDITOR);
  G_OBJECT_CLASS (ps_beam_editor_parent_class)->dispose (object);
}

static JsonObject *
beam (PsBeamEditor *self)
{
  return ps_gui_json_ensure_object (ps_document_get_root (self->document), "beam");
}

static JsonObject *
load (PsBeamEditor *self)
{
  return ps_gui_json_ensure_object (beam (self), "load");
}

static guint
index_of (const char *const *names, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static GtkWidget *
add_param (PsBeamEditor *self, GtkWidget *box, const char *path, PsQuantity quantity,
           gboolean small)
{
  GtkWidget *p = ps_param_editor_new (self->document, path, quantity, small, TRUE);

  gtk_box_append (GTK_BOX (box), p);
  g_hash_table_replace (self->params, g_strdup (path), p);
  ps_field_set_add (self->fields, path, p);
  return p;
}

static void
param_row (PsBeamEditor *self, GtkWidget *parent, const char *label, const char *path,
           PsQuantity quantity, gboolean small)
{
  GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_append (GTK_BOX (parent), ps_gui_labelled (label, holder, LABEL_CHARS));
  add_param (self, holder, path, quantity, small);
}

static void
forget_params_under (PsBeamEditor *self, const char *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* The diagram of the support and load case, redrawn from the study file. */
static void
draw_diagram (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  PsBeamEditor *self = user_data;
  JsonObject *l = load (self);
  const char *support = ps_gui_json_string_member (beam (self), "support", "simply-supported");
  const char *type = ps_gui_json_string_member (l, "type", "point");
  JsonNode *pos = json_object_get_member (l, "position");
  double x0 = 30, x1 = width - 30, y = height * 0.55;
  GdkRGBA fg;
  double frac = 0.5;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.0);

  /* The beam. */
  cairo_rectangle (cr, x0, y - 3, x1 - x0, 6);
  cairo_fill (cr);

  /* Supports: a hatched wall for a fixed end, a triangle for a pin, a triangle on
   * a circle for a roller. */
  for (int end = 0; end < 2; end++)
    {
      double x = end == 0 ? x0 : x1;
      gboolean fixed
          = (end == 0
             && (g_str_equal (support, "cantilever") || g_str_equal (support, "fixed-fixed")
                 || g_str_equal (support, "propped-cantilever")))
            || (end == 1 && g_str_equal (support, "fixed-fixed"));
      gboolean free_end = end == 1 && g_str_equal (support, "cantilever");

      if (free_end)
        continue;
      if (fixed)
        {
          double s = end == 0 ? -1 : 1;

          cairo_move_to (cr, x + 0.5, y - 20);
          cairo_line_to (cr, x + 0.5, y + 20);
          cairo_stroke (cr);
          for (int k = 0; k < 8; k++)
            {
              cairo_move_to (cr, x, y - 20 + k * 5.5);
              cairo_line_to (cr, x + s * 8, y - 14 + k * 5.5);
            }
          cairo_stroke (cr);
        }
      else
        {
          cairo_move_to (cr, x, y + 3);
          cairo_line_to (cr, x - 8, y + 17);
          cairo_line_to (cr, x + 8, y + 17);
          cairo_close_path (cr);
          cairo_stroke (cr);
          if (end == 1)
            {
              cairo_arc (cr, x, y + 21, 3.5, 0, 2 * G_PI);
              cairo_stroke (cr);
            }
        }
    }

  /* Loads. */
  cairo_set_source_rgba (cr, 0.8, 0.15, 0.1, 1);
  if (g_str_equal (type, "uniform"))
    {
      int n = 12;

      cairo_move_to (cr, x0, y - 30);
      cairo_line_to (cr, x1, y - 30);
      cairo_stroke (cr);
      for (int k = 0; k <= n; k++)
        {
          double x = x0 + (x1 - x0) * k / n;

          cairo_move_to (cr, x, y - 30);
          cairo_line_to (cr, x, y - 6);
          cairo_stroke (cr);
          cairo_move_to (cr, x - 3, y - 11);
          cairo_line_to (cr, x, y - 5);
          cairo_line_to (cr, x + 3, y - 11);
          cairo_fill (cr);
        }
    }
  else
    {
      double x;

      if (g_str_equal (support, "cantilever")
          || g_strcmp0 (ps_gui_json_string_member (l, "position", ""), "free-end") == 0)
        frac = 1.0;
      else if (pos != NULL && !JSON_NODE_HOLDS_VALUE (pos))
        frac = 0.3;
      else if (pos != NULL && json_node_get_value_type (pos) != G_TYPE_STRING)
        frac = 0.3;
      x = x0 + (x1 - x0) * frac;
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, x, y - 40);
      cairo_line_to (cr, x, y - 8);
      cairo_stroke (cr);
      cairo_move_to (cr, x - 5, y - 14);
      cairo_line_to (cr, x, y - 4);
      cairo_line_to (cr, x + 5, y - 14);
      cairo_fill (cr);
    }

  /* The span, dimensioned under the beam. */
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x0, y + 32.5);
  cairo_line_to (cr, x1, y + 32.5);
  cairo_stroke (cr);
  cairo_move_to (cr, (x0 + x1) / 2 - 4, y + 46);
  cairo_show_text (cr, "L");
}

static void
refresh_status (PsBeamEditor *self)
{
  const PsStudy *study = ps_document_get_study (self->document);

  if (study != NULL)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, ps_study_get_n_items (study));
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s configuration", "%s configurations",
                                          ps_study_get_n_items (study)),
                             n);

      gtk_label_set_text (GTK_LABEL (self->count_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->count_label), _ ("— configurations"));
  ps_gui_show_document_error (self->error_label, self->fields, self->document);
  gtk_widget_queue_draw (self->diagram);
}

static void
on_document_changed (PsBeamEditor *self)
{
  refresh_status (self);
}

static void
edited (PsBeamEditor *self)
{
  if (!self->loading)
    ps_document_changed (self->document);
}

static void
on_support_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->support));

  if (self->loading)
    return;
  json_object_set_string_member (beam (self), "support", supports[i]);
  edited (self);
}

static void rebuild_load (PsBeamEditor *self);

static void
on_load_type_changed (PsBeamEditor *self)
{
  gboolean uniform = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->load_type)) == 1;
  JsonObject *l;

  if (self->loading)
    return;
  l = load (self);
  json_object_set_string_member (l, "type", uniform ? "uniform" : "point");
  if (uniform)
    json_object_remove_member (l, "position");
  else if (!json_object_has_member (l, "position"))
    json_object_set_string_member (
        l, "position",
        g_str_equal (ps_gui_json_string_member (beam (self), "support", ""), "cantilever")
            ? "free-end"
            : "midspan");
  rebuild_load (self);
  edited (self);
}

static void
on_position_mode_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->position_mode));
  JsonObject *l;

  if (self->loading)
    return;
  l = load (self);
  if (i == 0)
    json_object_set_string_member (l, "position", "midspan");
  else if (i == 1)
    json_object_set_string_member (l, "position", "free-end");
  else
    json_object_set_double_member (l, "position", 1.0);
  rebuild_load (self);
  edited (self);
}

static void
rebuild_load (PsBeamEditor *self)
{
  JsonObject *l = load (self);
  gboolean uniform = g_strcmp0 (ps_gui_json_string_member (l, "type", "point"), "uniform") == 0;
  JsonNode *pos = json_object_get_member (l, "position");
  const char *pos_name = ps_gui_json_string_member (l, "position", NULL);
  guint pos_mode = pos == NULL || g_strcmp0 (pos_name, "midspan") == 0 ? 0
                   : g_strcmp0 (pos_name, "free-end") == 0             ? 1
                                                                       : 2;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->load_type), uniform ? 1 : 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->position_mode), pos_mode);
  gtk_widget_set_visible (gtk_widget_get_parent (self->position_mode), !uniform);
  forget_params_under (self, "beam.load.");
  clear_box (self->value_box);
  add_param (self, self->value_box, "beam.load.value",
             uniform ? PS_QTY_FORCE_PER_LENGTH : PS_QTY_FORCE, FALSE);
  clear_box (self->position_box);
  if (!uniform && pos_mode == 2)
    add_param (self, self->position_box, "beam.load.position", PS_QTY_LENGTH, FALSE);
  self->loading = FALSE;
}

static JsonObject *
section (PsBeamEditor *self)
{
  JsonNode *n = json_object_get_member (beam (self), "section");

  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);

      /* A list of sections: the form edits the first. */
      if (json_array_get_length (a) > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (a, 0)))
        return json_array_get_object_element (a, 0);
    }
  return ps_gui_json_ensure_object (beam (self), "section");
}

static void
sync_designations (PsBeamEditor *self)
{
  JsonObject *s = section (self);
  g_autoptr (GList) keys = g_hash_table_get_keys (self->designations);
  guint n = g_list_length (keys);

  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  if (n == 1)
    json_object_set_string_member (s, "designation", keys->data);
  else
    {
      JsonArray *a = json_array_new ();

      /* Keep the table's order, which is the order the engine reports them in. */
      for (guint i = 0; i < ps_sections_get_n (); i++)
        {
          const char *d = ps_sections_get_nth (i)->designation;

          if (g_hash_table_contains (self->designations, d))
            json_array_add_string_element (a, d);
        }
      json_object_set_array_member (s, "designation", a);
    }
}

static void
on_designation_toggled (GtkCheckButton *check, PsBeamEditor *self)
{
  const char *d = g_object_get_data (G_OBJECT (check), "designation");

  if (self->loading || d == NULL)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->designations, g_strdup (d));
  else
    g_hash_table_remove (self->designations, d);
  sync_designations (self);
  edited (self);
}

static void
setup_designation (GtkSignalListItemFactory *f, GtkListItem *item, PsBeamEditor *self)
{
  GtkWidget *check = gtk_check_button_new ();

  g_signal_connect (check, "toggled", G_CALLBACK (on_designation_toggled), self);
  gtk_list_item_set_child (item, check);
}

static void
bind_designation (GtkSignalListItemFactory *f, GtkListItem *item, PsBeamEditor *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  const char *d = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const PsSectionInfo *info = ps_sections_lookup (d);
  g_autofree char *label = info ? g_strdup_printf ("%s  (%.1f kg/m)", d, info->mass) : g_strdup (d);
  gboolean was = self->loading;

  self->loading = TRUE;
  g_object_set_data_full (G_OBJECT (check), "designation", g_strdup (d), g_free);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->designations, d));
  self->loading = was;
}

static GtkWidget *
standard_sections (PsBeamEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkWidget *list, *scroller;
  JsonNode *d = json_object_get_member (section (self), "designation");

  g_hash_table_remove_all (self->designations);
  if (d != NULL && JSON_NODE_HOLDS_ARRAY (d))
    {
      JsonArray *a = json_node_get_array (d);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *e = ps_gui_json_string (json_array_get_element (a, i));

          if (e != NULL)
            g_hash_table_add (self->designations, g_strdup (e));
        }
    }
  else if (ps_gui_json_string (d) != NULL)
    g_hash_table_add (self->designations, g_strdup (ps_gui_json_string (d)));

  for (guint i = 0; i < ps_sections_get_n (); i++)
    gtk_string_list_append (names, ps_sections_get_nth (i)->designation);
  self->section_filter = gtk_string_filter_new (
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->section_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (names), GTK_FILTER (self->section_filter));

  self->section_search = gtk_search_entry_new ();
  g_object_set (self->section_search, "placeholder-text", _ ("Search sections (IPE, HEA, W…)"),
                NULL);
  g_object_bind_property (self->section_search, "text", self->section_filter, "search",
                          G_BINDING_DEFAULT);
  gtk_box_append (GTK_BOX (box), self->section_search);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_designation), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_designation), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                            factory);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  ps_field_set_add (self->fields, "beam.section.designation", scroller);
  return box;
}

static void
rebuild_section (PsBeamEditor *self)
{
  JsonObject *s = section (self);
  const char *shape = ps_gui_json_string_member (s, "shape", "rectangular");

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->shape), index_of (shapes, shape));
  forget_params_under (self, "beam.section.");
  clear_box (self->section_box);
  if (g_str_equal (shape, "rectangular"))
    {
      param_row (self, self->section_box, _ ("Width b"), "beam.section.b", PS_QTY_LENGTH, TRUE);
      param_row (self, self->section_box, _ ("Depth h"), "beam.section.h", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "circular"))
    {
      param_row (self, self->section_box, _ ("Diameter d"), "beam.section.d", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "hollow-circular"))
    {
      param_row (self, self->section_box, _ ("Outer diameter D"), "beam.section.D", PS_QTY_LENGTH,
                 TRUE);
      param_row (self, self->section_box, _ ("Wall t"), "beam.section.t", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "standard"))
    gtk_box_append (GTK_BOX (self->section_box), standard_sections (self));
  else
    {
      struct
      {
        const char *label, *path;
        PsQuantity q;
      } f[] = {
        { N_ ("Second moment I"), "beam.section.I", PS_QTY_SECOND_MOMENT },
        { N_ ("Modulus W"), "beam.section.W", PS_QTY_SECTION_MODULUS },
        { N_ ("Area A"), "beam.section.A", PS_QTY_AREA },
      };

      for (guint i = 0; i < G_N_ELEMENTS (f); i++)
        {
          param_row (self, self->section_box, _ (f[i].label), f[i].path, f[i].q, FALSE);
        }
    }
  self->loading = FALSE;
}

static void
on_shape_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->shape));
  JsonObject *s;

  if (self->loading)
    return;
  s = json_object_new ();
  json_object_set_string_member (s, "shape", shapes[i]);
  /* Starting dimensions of a reasonable floor beam, so the study stays valid. */
  switch (i)
    {
    case 0:
      json_object_set_double_member (s, "b", 0.3);
      json_object_set_double_member (s, "h", 0.5);
      break;
    case 1:
      json_object_set_double_member (s, "d", 0.3);
      break;
    case 2:
      json_object_set_double_member (s, "D", 0.3);
      json_object_set_double_member (s, "t", 0.01);
      break;
    case 3:
      json_object_set_string_member (s, "designation", "IPE 300");
      break;
    default:
      json_object_set_double_member (s, "I", 8.356e-5);
      json_object_set_double_member (s, "W", 5.57e-4);
      json_object_set_double_member (s, "A", 5.38e-3);
      break;
    }
  json_object_set_object_member (beam (self), "section", s);
  rebuild_section (self);
  edited (self);
}

static void
on_material_toggled (GtkCheckButton *check, PsBeamEditor *self)
{
  JsonNode *old = json_object_get_member (beam (self), "material");
  JsonArray *a = json_array_new ();

  if (self->loading)
    return;
  /* Custom materials (objects) stay; built-in names follow the check buttons. */
  if (old != NULL && JSON_NODE_HOLDS_ARRAY (old))
    {
      JsonArray *o = json_node_get_array (old);

      for (guint i = 0; i < json_array_get_length (o); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (o, i)))
          json_array_add_element (a, json_node_copy (json_array_get_element (o, i)));
    }
  else if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
    json_array_add_element (a, json_node_copy (old));
  for (GtkWidget *c = gtk_widget_get_first_child (self->material_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *b
          = GTK_IS_FLOW_BOX_CHILD (c) ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c)) : c;

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (b)))
        json_array_add_string_element (a, g_object_get_data (G_OBJECT (b), "material"));
    }
  if (json_array_get_length (a) == 1)
    {
      json_object_set_member (beam (self), "material",
                              json_node_copy (json_array_get_element (a, 0)));
      json_array_unref (a);
    }
  else
    json_object_set_array_member (beam (self), "material", a);
  edited (self);
}

static gboolean
material_selected (JsonNode *n, const char *name)
{
  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (n))
    return json_node_get_value_type (n) == G_TYPE_STRING
           && g_str_equal (json_node_get_string (n), name);
  if (JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (material_selected (json_array_get_element (a, i), name))
          return TRUE;
    }
  return FALSE;
}

static void
count_custom (JsonNode *n, GString *names)
{
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                            ps_gui_json_string_member (json_node_get_object (n), "name", "?"));
  else if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (n)); i++)
      count_custom (json_array_get_element (json_node_get_array (n), i), names);
}

static void
on_self_weight (PsBeamEditor *self)
{
  if (self->loading)
    return;
  json_object_set_boolean_member (beam (self), "self_weight",
                                  gtk_switch_get_active (GTK_SWITCH (self->self_weight)));
  edited (self);
}

static void
on_checks_changed (PsBeamEditor *self)
{
  JsonObject *checks;
  const char *limit;

  if (self->loading)
    return;
  checks = ps_gui_json_ensure_object (ps_document_get_root (self->document), "checks");
  limit = gtk_editable_get_text (GTK_EDITABLE (self->limit));
  if (*limit == '\0')
    json_object_remove_member (checks, "deflection_limit");
  else
    json_object_set_string_member (checks, "deflection_limit", limit);
  json_object_set_double_member (checks, "safety_factor",
                                 gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->safety)));
  edited (self);
}

static void
ps_beam_editor_class_init (PsBeamEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_beam_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-beam-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PsBeamEditor, name)
  CHILD (name_entry);
  CHILD (description_entry);
  CHILD (support);
  CHILD (load_type);
  CHILD (position_mode);
  CHILD (position_box);
  CHILD (value_box);
  CHILD (span_box);
  CHILD (diagram);
  CHILD (self_weight);
  CHILD (shape);
  CHILD (section_box);
  CHILD (material_box);
  CHILD (custom_materials);
  CHILD (limit);
  CHILD (safety);
  CHILD (count_label);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_support_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_load_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_position_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_self_weight);
  gtk_widget_class_bind_template_callback (widget_class, on_shape_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checks_changed);
}

static void
ps_beam_editor_init (PsBeamEditor *self)
{
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->designations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fields = ps_field_set_new ();
  /* Nothing is written back while the template and the file fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->diagram), draw_diagram, self, NULL);
}

GtkWidget *
ps_beam_editor_new (PsDocument *document)
{
  PsBeamEditor *self = g_object_new (PS_TYPE_BEAM_EDITOR, NULL);
  JsonObject *root = ps_document_get_root (document);
  JsonObject *checks;
  g_autoptr (GString) custom = g_string_new (NULL);
  JsonNode *sf;

  self->document = g_object_ref (document);
  self->loading = TRUE;
  ps_gui_editor_bind_header (self->name_entry, self->description_entry, document, self->fields);

  /* Beam and load. */
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (self->support),
      index_of (supports, ps_gui_json_string_member (json_object_get_object_member (root, "beam"),
                                                     "support", "simply-supported")));
  ps_field_set_add (self->fields, "beam.support", self->support);
  ps_field_set_add (self->fields, "beam.load", self->load_type);
  add_param (self, self->span_box, "beam.span", PS_QTY_LENGTH, FALSE);
  gtk_switch_set_active (GTK_SWITCH (self->self_weight),
                         json_object_get_boolean_member_with_default (
                             ps_gui_json_ensure_object (root, "beam"), "self_weight", FALSE));
  ps_field_set_add (self->fields, "beam.self_weight", self->self_weight);
  rebuild_load (self);
  self->loading = TRUE;

  /* Section. */
  ps_field_set_add (self->fields, "beam.section", self->shape);
  rebuild_section (self);
  self->loading = TRUE;

  /* Materials: the built-in table as check buttons. */
  for (guint i = 0; i < ps_materials_get_n (); i++)
    {
      const PsMaterialInfo *m = ps_materials_get_nth (i);
      GtkWidget *check = gtk_check_button_new_with_label (m->name);
      g_autofree char *tip
          = g_strdup_printf (_ ("%s: E = %.0f GPa, f_d = %.1f MPa, ρ = %.0f kg/m³"), m->family,
                             m->E / 1e9, m->f_d / 1e6, m->density);

      gtk_widget_set_tooltip_text (check, tip);
      g_object_set_data_full (G_OBJECT (check), "material", g_strdup (m->name), g_free);
      gtk_check_button_set_active (
          GTK_CHECK_BUTTON (check),
          material_selected (json_object_get_member (beam (self), "material"), m->name));
      g_signal_connect (check, "toggled", G_CALLBACK (on_material_toggled), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->material_box), check);
    }
  count_custom (json_object_get_member (beam (self), "material"), custom);
  if (custom->len > 0)
    {
      g_autofree char *t = g_strdup_printf (_ ("Custom materials in the file: %s"), custom->str);

      gtk_label_set_text (GTK_LABEL (self->custom_materials), t);
      gtk_widget_set_visible (self->custom_materials, TRUE);
    }
  ps_field_set_add (self->fields, "beam.material", self->material_box);

  /* Checks. */
  checks = json_object_has_member (root, "checks") ? json_object_get_object_member (root, "checks")
                                                   : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->limit),
                         ps_gui_json_string_member (checks, "deflection_limit", ""));
  ps_field_set_add (self->fields, "checks.deflection_limit", self->limit);
  sf = checks ? json_object_get_member (checks, "safety_factor") : NULL;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->safety),
                             sf && JSON_NODE_HOLDS_VALUE (sf) ? json_node_get_double (sf) : 1.0);
  ps_field_set_add (self->fields, "checks.safety_factor", self->safety);

  self->loading = FALSE;
  g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  refresh_status (self);
  return GTK_WIDGET (self);
}

GtkWidget *
ps_beam_editor_get_param (PsBeamEditor *self, const char *path)
{
  return g_hash_table_lookup (self->params, path);
}

GtkWidget *
ps_beam_editor_get_count_label (PsBeamEditor *self)
{
  return self->count_label;
}
