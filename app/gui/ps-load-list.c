#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-load-list.h"
#include "ps-param-editor.h"

/* The load types and case types as the study file spells them (STUDY-FILES.md). */
static const char *const load_types[] = { "point", "uniform", "linear", "moment", NULL };
static const char *const case_types[]
    = { "permanent", "imposed", "snow", "wind", "temperature", NULL };
/* EN 1990 Table A1.1 categories of imposed loads. */
static const char *const categories[] = { "A", "B", "C", "D", "E", "F", "G", "H", NULL };
static const char *const restraints[] = { "continuous", "ends", "spacing", NULL };
static const char *const load_levels[] = { "top-flange", "shear-centre", "bottom-flange", NULL };

#define LABEL_CHARS 10

struct _PsLoadList
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;
  GHashTable *params; /* path -> PsParamEditor (weak, owned by the rows) */
  gboolean loading;

  GtkWidget *loads_box;
  GtkWidget *add_button;
  GtkWidget *cases_box;
  GtkWidget *add_case_button;
  GtkWidget *design_box;
  GtkWidget *code;
  GtkWidget *combinations;     /* the dropdown */
  GtkWidget *add_combination;  /* shown with the study's own list */
  GPtrArray *combination_rows; /* per combination of the own list, weak */
  GPtrArray *case_dropdowns;   /* per load, weak */
  GPtrArray *type_dropdowns;   /* per load, weak */
  GPtrArray *remove_buttons;   /* per load, weak */
  guint pending;               /* REBUILD_* */
  guint idle;
};

G_DEFINE_FINAL_TYPE (PsLoadList, ps_load_list, GTK_TYPE_BOX)

enum
{
  REBUILD_LOADS = 1 << 0,
  REBUILD_CASES = 1 << 1,
  REBUILD_DESIGN = 1 << 2
};

static void rebuild_loads (PsLoadList *self);
static void schedule (PsLoadList *self, guint what);
static void rebuild_cases (PsLoadList *self);
static void rebuild_design (PsLoadList *self);

/* ---- values ---------------------------------------------------------------- */

double
ps_load_first_value (JsonNode *node, PsQuantity quantity, double fallback)
{
  g_autoptr (GError) error = NULL;
  double v;

  if (node == NULL)
    return fallback;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      return json_array_get_length (a) > 0
                 ? ps_load_first_value (json_array_get_element (a, 0), quantity, fallback)
                 : fallback;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    return ps_load_first_value (json_object_get_member (json_node_get_object (node), "from"),
                                quantity, fallback);
  if (ps_json_node_quantity (node, "", quantity, PS_CHECK_FINITE, &v, &error))
    return v;
  return fallback;
}

double
ps_load_beam_length (JsonObject *beam)
{
  JsonNode *spans = beam ? json_object_get_member (beam, "spans") : NULL;
  double total = 0.0;

  if (g_strcmp0 (ps_gui_json_string_member (beam, "support", ""), "continuous") == 0
      && spans != NULL && JSON_NODE_HOLDS_ARRAY (spans))
    {
      JsonArray *a = json_node_get_array (spans);

      for (guint i = 0; i < json_array_get_length (a); i++)
        total += ps_load_first_value (json_array_get_element (a, i), PS_QTY_LENGTH, 1.0);
      if (total > 0.0)
        return total;
    }
  return beam ? ps_load_first_value (json_object_get_member (beam, "span"), PS_QTY_LENGTH, 1.0)
              : 1.0;
}

static JsonObject *
root (PsLoadList *self)
{
  return ps_document_get_root (self->document);
}

static JsonObject *
beam (PsLoadList *self)
{
  return ps_gui_json_ensure_object (root (self), "beam");
}

static JsonArray *
loads (PsLoadList *self)
{
  JsonNode *n = json_object_get_member (beam (self), "loads");

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    {
      json_object_set_array_member (beam (self), "loads", json_array_new ());
      n = json_object_get_member (beam (self), "loads");
    }
  return json_node_get_array (n);
}

static JsonObject *
cases (PsLoadList *self)
{
  return ps_gui_json_ensure_object (root (self), "cases");
}

static JsonObject *
design (PsLoadList *self)
{
  return ps_gui_json_ensure_object (root (self), "design");
}

static guint
index_of (const char *const *names, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
edited (PsLoadList *self)
{
  if (!self->loading)
    ps_document_changed (self->document);
}

/* Forgets the parameter editors under @prefix, and the reasons their text was
 * refused: the rows are built again. */
static void
forget_params_under (PsLoadList *self, const char *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      {
        ps_document_set_field_error (self->document, key, NULL);
        g_hash_table_iter_remove (&iter);
      }
}

static GtkWidget *
param_row (PsLoadList *self, GtkWidget *parent, const char *label, const char *path,
           PsQuantity quantity, gboolean sweepable)
{
  GtkWidget *p = ps_param_editor_new (self->document, path, quantity, FALSE, sweepable);

  gtk_box_append (GTK_BOX (parent), ps_gui_labelled (label, p, LABEL_CHARS));
  g_hash_table_replace (self->params, g_strdup (path), p);
  ps_field_set_add (self->fields, path, p);
  return p;
}

static GtkWidget *
frame (const char *title, GtkWidget **body)
{
  GtkWidget *f = gtk_frame_new (NULL);
  GtkWidget *l = gtk_label_new (title);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (l), attrs);
  pango_attr_list_unref (attrs);
  gtk_frame_set_label_widget (GTK_FRAME (f), l);
  *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (*body, 8);
  gtk_widget_set_margin_end (*body, 8);
  gtk_widget_set_margin_top (*body, 6);
  gtk_widget_set_margin_bottom (*body, 8);
  gtk_frame_set_child (GTK_FRAME (f), *body);
  return f;
}

static GtkWidget *
dropdown (const char *const *labels)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, labels[i]);
  return gtk_drop_down_new (G_LIST_MODEL (model), NULL);
}

/* ---- loads ----------------------------------------------------------------- */

/* The names of the cases in file order, for the drop-downs of the loads. */
static GPtrArray *
case_names (PsLoadList *self)
{
  GPtrArray *names = g_ptr_array_new ();
  JsonNode *n = json_object_get_member (root (self), "cases");

  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      g_autoptr (GList) members = json_object_get_members (json_node_get_object (n));

      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (names, l->data);
    }
  return names;
}

/* A new load of @type in case @case_name, at values that keep the study valid. */
static JsonObject *
new_load (PsLoadList *self, const char *case_name, const char *type)
{
  JsonObject *l = json_object_new ();
  double length = ps_load_beam_length (beam (self));

  json_object_set_string_member (l, "case", case_name);
  json_object_set_string_member (l, "type", type);
  if (g_str_equal (type, "point"))
    {
      json_object_set_double_member (l, "value", 10e3);
      json_object_set_double_member (l, "position", length / 2);
    }
  else if (g_str_equal (type, "uniform"))
    json_object_set_double_member (l, "value", 5e3);
  else if (g_str_equal (type, "linear"))
    {
      json_object_set_double_member (l, "start", 0.0);
      json_object_set_double_member (l, "end", 5e3);
      json_object_set_double_member (l, "from", 0.0);
      json_object_set_double_member (l, "to", length);
    }
  else
    {
      json_object_set_double_member (l, "value", 10e3);
      json_object_set_double_member (l, "position", 0.0);
    }
  return l;
}

static guint
widget_index (GtkWidget *w)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "load-index"));
}

static void
on_case_selected (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint i = widget_index (GTK_WIDGET (d));
  guint sel = gtk_drop_down_get_selected (d);
  GtkStringList *model = GTK_STRING_LIST (gtk_drop_down_get_model (d));
  JsonArray *a;

  if (self->loading || sel == GTK_INVALID_LIST_POSITION)
    return;
  a = loads (self);
  if (i >= json_array_get_length (a))
    return;
  json_object_set_string_member (json_array_get_object_element (a, i), "case",
                                 gtk_string_list_get_string (model, sel));
  edited (self);
}

static void
on_type_selected (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint i = widget_index (GTK_WIDGET (d));
  guint sel = gtk_drop_down_get_selected (d);
  JsonArray *a;
  JsonObject *old;
  g_autofree char *case_name = NULL;

  if (self->loading || sel == GTK_INVALID_LIST_POSITION)
    return;
  a = loads (self);
  if (i >= json_array_get_length (a))
    return;
  old = json_array_get_object_element (a, i);
  case_name = g_strdup (ps_gui_json_string_member (old, "case", "G"));
  /* The values of another type mean other things: start from a valid load. The
   * list is copied, json-glib cannot replace an element in place. */
  {
    JsonArray *copy = json_array_sized_new (json_array_get_length (a));

    for (guint k = 0; k < json_array_get_length (a); k++)
      if (k == i)
        json_array_add_object_element (copy, new_load (self, case_name, load_types[sel]));
      else
        json_array_add_element (copy, json_node_copy (json_array_get_element (a, k)));
    json_object_set_array_member (beam (self), "loads", copy);
  }
  schedule (self, REBUILD_LOADS);
  edited (self);
}

static void
on_remove_load (GtkButton *b, PsLoadList *self)
{
  guint i = widget_index (GTK_WIDGET (b));
  JsonArray *a = loads (self);

  if (i >= json_array_get_length (a))
    return;
  json_array_remove_element (a, i);
  schedule (self, REBUILD_LOADS);
  edited (self);
}

static void
on_add_load (PsLoadList *self)
{
  g_autoptr (GPtrArray) names = case_names (self);
  JsonArray *a = loads (self);
  const char *c;

  if (names->len == 0)
    {
      JsonObject *g = json_object_new ();

      json_object_set_string_member (g, "type", "permanent");
      json_object_set_object_member (cases (self), "G", g);
      schedule (self, REBUILD_CASES);
    }
  /* A new load goes into the last variable case, where most added loads belong. */
  g_ptr_array_set_size (names, 0);
  g_ptr_array_unref (names);
  names = case_names (self);
  c = g_ptr_array_index (names, names->len - 1);
  json_array_add_object_element (a, new_load (self, c, "uniform"));
  schedule (self, REBUILD_LOADS);
  edited (self);
}

static void
on_partial_toggled (GtkCheckButton *check, PsLoadList *self)
{
  guint i = widget_index (GTK_WIDGET (check));
  JsonArray *a = loads (self);
  JsonObject *l;

  if (self->loading || i >= json_array_get_length (a))
    return;
  l = json_array_get_object_element (a, i);
  if (gtk_check_button_get_active (check))
    {
      double length = ps_load_beam_length (beam (self));

      json_object_set_double_member (l, "from", 0.0);
      json_object_set_double_member (l, "to", length / 2);
    }
  else
    {
      json_object_remove_member (l, "from");
      json_object_remove_member (l, "to");
    }
  schedule (self, REBUILD_LOADS);
  edited (self);
}

static void
load_row (PsLoadList *self, guint i, JsonObject *l, GPtrArray *names)
{
  static const char *type_labels[]
      = { N_ ("Point force"), N_ ("Uniform"), N_ ("Linear"), N_ ("Moment"), NULL };
  const char *type = ps_gui_json_string_member (l, "type", "point");
  const char *case_name = ps_gui_json_string_member (l, "case", "");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkStringList *case_model = gtk_string_list_new (NULL);
  const char *translated[G_N_ELEMENTS (type_labels)];
  g_autofree char *title = g_strdup_printf (_ ("Load %u"), i + 1);
  g_autofree char *prefix = g_strdup_printf ("beam.loads[%u]", i);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *cd, *td, *rm;
  guint case_sel = GTK_INVALID_LIST_POSITION;

  for (guint k = 0; k < G_N_ELEMENTS (type_labels); k++)
    translated[k] = type_labels[k] ? _ (type_labels[k]) : NULL;
  gtk_widget_add_css_class (box, "load-row");
  gtk_label_set_width_chars (GTK_LABEL (label), LABEL_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (head), label);

  for (guint k = 0; k < names->len; k++)
    {
      gtk_string_list_append (case_model, g_ptr_array_index (names, k));
      if (g_str_equal (g_ptr_array_index (names, k), case_name))
        case_sel = k;
    }
  /* A case the file names but does not declare stays visible, for the engine's
   * message to point at. */
  if (case_sel == GTK_INVALID_LIST_POSITION && *case_name != '\0')
    {
      gtk_string_list_append (case_model, case_name);
      case_sel = names->len;
    }
  cd = gtk_drop_down_new (G_LIST_MODEL (case_model), NULL);
  gtk_widget_set_tooltip_text (cd, _ ("The load case the load belongs to"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cd), case_sel);
  g_object_set_data (G_OBJECT (cd), "load-index", GUINT_TO_POINTER (i));
  g_signal_connect (cd, "notify::selected", G_CALLBACK (on_case_selected), self);
  gtk_box_append (GTK_BOX (head), cd);
  {
    g_autofree char *p = g_strdup_printf ("%s.case", prefix);

    ps_field_set_add (self->fields, p, cd);
  }

  td = dropdown (translated);
  gtk_widget_set_hexpand (td, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (td), index_of (load_types, type));
  g_object_set_data (G_OBJECT (td), "load-index", GUINT_TO_POINTER (i));
  g_signal_connect (td, "notify::selected", G_CALLBACK (on_type_selected), self);
  gtk_box_append (GTK_BOX (head), td);
  ps_field_set_add (self->fields, prefix, td);

  rm = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (rm, _ ("Remove this load"));
  g_object_set_data (G_OBJECT (rm), "load-index", GUINT_TO_POINTER (i));
  g_signal_connect (rm, "clicked", G_CALLBACK (on_remove_load), self);
  gtk_box_append (GTK_BOX (head), rm);
  gtk_box_append (GTK_BOX (box), head);

  g_ptr_array_add (self->case_dropdowns, cd);
  g_ptr_array_add (self->type_dropdowns, td);
  g_ptr_array_add (self->remove_buttons, rm);

#define ROW(label, member, q)                                                                      \
  do                                                                                               \
    {                                                                                              \
      g_autofree char *p = g_strdup_printf ("%s." member, prefix);                                 \
      param_row (self, box, label, p, q, TRUE);                                                    \
    }                                                                                              \
  while (0)
  if (g_str_equal (type, "uniform"))
    {
      GtkWidget *partial = gtk_check_button_new_with_label (_ ("Over part of the beam only"));
      gboolean is_partial = json_object_has_member (l, "from") || json_object_has_member (l, "to");

      ROW (_ ("Value q"), "value", PS_QTY_FORCE_PER_LENGTH);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (partial), is_partial);
      g_object_set_data (G_OBJECT (partial), "load-index", GUINT_TO_POINTER (i));
      g_signal_connect (partial, "toggled", G_CALLBACK (on_partial_toggled), self);
      gtk_box_append (GTK_BOX (box), ps_gui_labelled ("", partial, LABEL_CHARS));
      if (is_partial)
        {
          ROW (_ ("From x"), "from", PS_QTY_LENGTH);
          ROW (_ ("To x"), "to", PS_QTY_LENGTH);
        }
    }
  else if (g_str_equal (type, "linear"))
    {
      ROW (_ ("Start q₁"), "start", PS_QTY_FORCE_PER_LENGTH);
      ROW (_ ("End q₂"), "end", PS_QTY_FORCE_PER_LENGTH);
      ROW (_ ("From x"), "from", PS_QTY_LENGTH);
      ROW (_ ("To x"), "to", PS_QTY_LENGTH);
    }
  else if (g_str_equal (type, "moment"))
    {
      ROW (_ ("Moment M"), "value", PS_QTY_MOMENT);
      ROW (_ ("Position x"), "position", PS_QTY_LENGTH);
    }
  else
    {
      ROW (_ ("Force P"), "value", PS_QTY_FORCE);
      ROW (_ ("Position x"), "position", PS_QTY_LENGTH);
    }
#undef ROW
  gtk_box_append (GTK_BOX (self->loads_box), box);
}

static void
rebuild_loads (PsLoadList *self)
{
  g_autoptr (GPtrArray) names = case_names (self);
  JsonArray *a = loads (self);
  gboolean was = self->loading;

  self->loading = TRUE;
  forget_params_under (self, "beam.loads");
  g_ptr_array_set_size (self->case_dropdowns, 0);
  g_ptr_array_set_size (self->type_dropdowns, 0);
  g_ptr_array_set_size (self->remove_buttons, 0);
  clear_box (self->loads_box);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (JSON_NODE_HOLDS_OBJECT (n))
        load_row (self, i, json_node_get_object (n), names);
    }
  if (json_array_get_length (a) == 0)
    {
      GtkWidget *none = gtk_label_new (_ ("No loads yet: add one."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->loads_box), none);
    }
  self->loading = was;
}

/* ---- cases ----------------------------------------------------------------- */

static const char *
case_of (GtkWidget *w)
{
  return g_object_get_data (G_OBJECT (w), "case");
}

static void
on_case_renamed (GtkEditable *entry, PsLoadList *self)
{
  const char *old = case_of (GTK_WIDGET (entry));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *path = g_strdup_printf ("cases.%s", old);
  JsonObject *c = cases (self), *renamed;
  g_autoptr (GList) members = NULL;
  JsonArray *a;

  if (self->loading || old == NULL || g_str_equal (name, old))
    return;
  if (*name == '\0' || json_object_has_member (c, name) || strchr (name, '.') != NULL)
    {
      const char *why = *name == '\0'                ? _ ("a case needs a name")
                        : strchr (name, '.') != NULL ? _ ("a case's name cannot hold a dot")
                                                     : _ ("another case has this name");

      ps_gui_mark_invalid (GTK_WIDGET (entry), why);
      ps_document_set_field_error (self->document, path, why);
      return;
    }
  ps_gui_mark_invalid (GTK_WIDGET (entry), NULL);
  ps_document_set_field_error (self->document, path, NULL);
  /* Same order, the one member renamed; the loads of the case follow it. */
  renamed = json_object_new ();
  members = json_object_get_members (c);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (renamed, g_str_equal (l->data, old) ? name : l->data,
                            json_node_copy (json_object_get_member (c, l->data)));
  json_object_set_object_member (root (self), "cases", renamed);
  a = loads (self);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *l = json_array_get_object_element (a, i);

      if (g_strcmp0 (ps_gui_json_string_member (l, "case", NULL), old) == 0)
        json_object_set_string_member (l, "case", name);
    }
  g_object_set_data_full (G_OBJECT (entry), "case", g_strdup (name), g_free);
  schedule (self, REBUILD_LOADS);
  edited (self);
}

static void
on_case_type (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  JsonObject *c;
  guint sel = gtk_drop_down_get_selected (d);

  if (self->loading || sel == GTK_INVALID_LIST_POSITION)
    return;
  c = ps_gui_json_ensure_object (cases (self), case_of (GTK_WIDGET (d)));
  json_object_set_string_member (c, "type", case_types[sel]);
  if (g_str_equal (case_types[sel], "imposed"))
    {
      if (!json_object_has_member (c, "category"))
        json_object_set_string_member (c, "category", "B");
    }
  else
    json_object_remove_member (c, "category");
  schedule (self, REBUILD_CASES);
  edited (self);
}

static void
on_category (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint sel = gtk_drop_down_get_selected (d);

  if (self->loading || sel == GTK_INVALID_LIST_POSITION)
    return;
  json_object_set_string_member (ps_gui_json_ensure_object (cases (self), case_of (GTK_WIDGET (d))),
                                 "category", categories[sel]);
  edited (self);
}

static void
on_psi_changed (GtkEditable *entry, PsLoadList *self)
{
  const char *name = case_of (GTK_WIDGET (entry));
  g_autofree char *path = g_strdup_printf ("cases.%s.psi", name);
  g_auto (GStrv) parts = NULL;
  JsonObject *c;
  JsonArray *a;
  const char *text = gtk_editable_get_text (entry);

  if (self->loading)
    return;
  c = ps_gui_json_ensure_object (cases (self), name);
  ps_gui_mark_invalid (GTK_WIDGET (entry), NULL);
  ps_document_set_field_error (self->document, path, NULL);
  if (strspn (text, " ") == strlen (text))
    {
      json_object_remove_member (c, "psi");
      edited (self);
      return;
    }
  /* In the user's locale: "0,7; 0,5; 0,3" where the decimal separator is a comma. */
  parts = g_strsplit_set (text, ps_gui_list_separators (), -1);
  a = json_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *c_text = ps_gui_number_to_c (g_strstrip (parts[i]));
      char *end;
      double v = g_ascii_strtod (c_text, &end);

      if (*c_text == '\0' || *end != '\0' || !isfinite (v))
        {
          g_autofree char *example
              = g_strdup_printf ("0%s7%s0%s5%s0%s3", ps_gui_decimal_comma () ? "," : ".",
                                 ps_gui_list_separator (), ps_gui_decimal_comma () ? "," : ".",
                                 ps_gui_list_separator (), ps_gui_decimal_comma () ? "," : ".");
          g_autofree char *why
              = g_strdup_printf (_ ("expected ψ₀, ψ₁, ψ₂ as three numbers, such as %s"), example);

          json_array_unref (a);
          ps_gui_mark_invalid (GTK_WIDGET (entry), why);
          ps_document_set_field_error (self->document, path, why);
          return;
        }
      json_array_add_double_element (a, v);
    }
  json_object_set_array_member (c, "psi", a);
  edited (self);
}

static void
on_remove_case (GtkButton *b, PsLoadList *self)
{
  json_object_remove_member (cases (self), case_of (GTK_WIDGET (b)));
  schedule (self, REBUILD_CASES | REBUILD_LOADS);
  edited (self);
}

static void
on_add_case (PsLoadList *self)
{
  static const char *const names[] = { "G", "Q", "S", "W", "T", NULL };
  static const char *const types[] = { "permanent", "imposed", "snow", "wind", "temperature" };
  JsonObject *c = cases (self), *n = json_object_new ();
  g_autofree char *name = NULL;
  const char *type = "imposed";

  for (guint i = 0; names[i] != NULL && name == NULL; i++)
    if (!json_object_has_member (c, names[i]))
      {
        name = g_strdup (names[i]);
        type = types[i];
      }
  for (guint k = 2; name == NULL; k++)
    {
      g_autofree char *t = g_strdup_printf ("Q%u", k);

      if (!json_object_has_member (c, t))
        name = g_steal_pointer (&t);
    }
  json_object_set_string_member (n, "type", type);
  if (g_str_equal (type, "imposed"))
    json_object_set_string_member (n, "category", "B");
  json_object_set_object_member (c, name, n);
  schedule (self, REBUILD_CASES | REBUILD_LOADS);
  edited (self);
}

static void
case_row (PsLoadList *self, const char *name, JsonObject *c)
{
  static const char *type_labels[] = { N_ ("Permanent (G)"), N_ ("Imposed (Q)"), N_ ("Snow"),
                                       N_ ("Wind"),          N_ ("Temperature"), NULL };
  static const char *cat_labels[]
      = { N_ ("A: domestic, residential"), N_ ("B: offices"),       N_ ("C: congregation areas"),
          N_ ("D: shopping areas"),        N_ ("E: storage areas"), N_ ("F: traffic, ≤ 30 kN"),
          N_ ("G: traffic, 30–160 kN"),    N_ ("H: roofs"),         NULL };
  const char *tl[G_N_ELEMENTS (type_labels)], *cl[G_N_ELEMENTS (cat_labels)];
  const char *type = ps_gui_json_string_member (c, "type", "permanent");
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new (), *td, *cd, *psi, *rm;
  g_autofree char *path = g_strdup_printf ("cases.%s", name);
  g_autofree char *ppath = g_strdup_printf ("cases.%s.psi", name);
  g_autofree char *ctpath = g_strdup_printf ("cases.%s.category", name);
  JsonNode *pn = json_object_get_member (c, "psi");

  for (guint k = 0; k < G_N_ELEMENTS (type_labels); k++)
    tl[k] = type_labels[k] ? _ (type_labels[k]) : NULL;
  for (guint k = 0; k < G_N_ELEMENTS (cat_labels); k++)
    cl[k] = cat_labels[k] ? _ (cat_labels[k]) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_tooltip_text (entry, _ ("The case's name, as the loads name it"));
  g_object_set_data_full (G_OBJECT (entry), "case", g_strdup (name), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_case_renamed), self);
  gtk_box_append (GTK_BOX (row), entry);
  ps_field_set_add (self->fields, path, entry);

  td = dropdown (tl);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (td), index_of (case_types, type));
  g_object_set_data_full (G_OBJECT (td), "case", g_strdup (name), g_free);
  g_signal_connect (td, "notify::selected", G_CALLBACK (on_case_type), self);
  gtk_box_append (GTK_BOX (row), td);

  cd = dropdown (cl);
  gtk_widget_set_tooltip_text (cd, _ ("EN 1990 Table A1.1 category: sets ψ₀, ψ₁, ψ₂"));
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (cd), index_of (categories, ps_gui_json_string_member (c, "category", "B")));
  g_object_set_data_full (G_OBJECT (cd), "case", g_strdup (name), g_free);
  g_signal_connect (cd, "notify::selected", G_CALLBACK (on_category), self);
  gtk_widget_set_visible (cd, g_str_equal (type, "imposed"));
  gtk_box_append (GTK_BOX (row), cd);
  ps_field_set_add (self->fields, ctpath, cd);

  psi = gtk_entry_new ();
  gtk_widget_set_hexpand (psi, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (psi), 8);
  gtk_entry_set_placeholder_text (GTK_ENTRY (psi), _ ("ψ from EN 1990"));
  gtk_widget_set_tooltip_text (
      psi, _ ("ψ₀, ψ₁, ψ₂ of this case, such as 0.7, 0.5, 0.3; empty: EN 1990 Table A1.1"));
  if (pn != NULL && JSON_NODE_HOLDS_ARRAY (pn))
    {
      JsonArray *a = json_node_get_array (pn);
      g_autoptr (GString) s = g_string_new (NULL);

      for (guint k = 0; k < json_array_get_length (a); k++)
        {
          g_autofree char *v = ps_gui_format_number (json_array_get_double_element (a, k), "%g");

          g_string_append_printf (s, "%s%s", k ? ps_gui_list_separator () : "", v);
        }
      gtk_editable_set_text (GTK_EDITABLE (psi), s->str);
    }
  g_object_set_data_full (G_OBJECT (psi), "case", g_strdup (name), g_free);
  g_signal_connect (psi, "changed", G_CALLBACK (on_psi_changed), self);
  gtk_box_append (GTK_BOX (row), psi);
  ps_field_set_add (self->fields, ppath, psi);

  rm = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (rm, _ ("Remove this case"));
  g_object_set_data_full (G_OBJECT (rm), "case", g_strdup (name), g_free);
  g_signal_connect (rm, "clicked", G_CALLBACK (on_remove_case), self);
  gtk_box_append (GTK_BOX (row), rm);
  gtk_box_append (GTK_BOX (self->cases_box), row);
}

static void
rebuild_cases (PsLoadList *self)
{
  JsonObject *c = cases (self);
  g_autoptr (GList) members = json_object_get_members (c);
  gboolean was = self->loading;

  self->loading = TRUE;
  clear_box (self->cases_box);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (c, l->data);

      if (JSON_NODE_HOLDS_OBJECT (n))
        case_row (self, l->data, json_node_get_object (n));
    }
  self->loading = was;
}

/* ---- combinations and design ---------------------------------------------- */

static void
on_code (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint sel = gtk_drop_down_get_selected (d);
  JsonObject *o;

  if (self->loading)
    return;
  o = design (self);
  json_object_set_string_member (o, "code", sel == 0 ? "EN" : "AISC");
  if (sel == 0)
    json_object_remove_member (o, "method");
  else
    {
      json_object_set_string_member (o, "method", sel == 1 ? "LRFD" : "ASD");
      json_object_remove_member (o, "equation");
    }
  schedule (self, REBUILD_DESIGN);
  edited (self);
}

/* One combination of the study's own list, with the factors of every case: the
 * automatic set's first ULS and SLS combinations when the engineer starts a list
 * (EN 1990 6.10 with the recommended gamma_G = 1.35, gamma_Q = 1.5 and the
 * characteristic SLS; ASCE 7-16 2.3.1 (2) 1.2 D + 1.6 L and the D + L of service). */
static JsonObject *
starter_combination (PsLoadList *self, gboolean uls, gboolean en)
{
  JsonObject *c = json_object_new (), *f = json_object_new ();
  g_autoptr (GList) names = json_object_get_members (cases (self));

  json_object_set_string_member (c, "name",
                                 uls ? (en ? "ULS 6.10" : "1.2D + 1.6L") : (en ? "SLS" : "D + L"));
  json_object_set_string_member (c, "limit", uls ? "ULS" : "SLS");
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *k = json_object_get_object_member (cases (self), l->data);
      gboolean permanent
          = k != NULL
            && g_strcmp0 (ps_gui_json_string_member (k, "type", "permanent"), "permanent") == 0;
      double v = !uls ? 1.0 : permanent ? (en ? 1.35 : 1.2) : (en ? 1.5 : 1.6);

      json_object_set_double_member (f, l->data, v);
    }
  json_object_set_object_member (c, "factors", f);
  return c;
}

static JsonArray *
own_list (PsLoadList *self)
{
  JsonNode *n = json_object_get_member (design (self), "combinations");

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static guint
combination_of (GtkWidget *w)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "combination")) - 1;
}

static JsonObject *
combination_at (PsLoadList *self, GtkWidget *w)
{
  JsonArray *a = own_list (self);
  guint i = combination_of (w);

  if (a == NULL || i >= json_array_get_length (a))
    return NULL;
  return json_array_get_object_element (a, i);
}

static void
on_combination_name (GtkEditable *entry, PsLoadList *self)
{
  JsonObject *c = combination_at (self, GTK_WIDGET (entry));

  if (self->loading || c == NULL)
    return;
  json_object_set_string_member (c, "name", gtk_editable_get_text (entry));
  edited (self);
}

static void
on_combination_limit (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  JsonObject *c = combination_at (self, GTK_WIDGET (d));

  if (self->loading || c == NULL)
    return;
  json_object_set_string_member (c, "limit", gtk_drop_down_get_selected (d) == 1 ? "SLS" : "ULS");
  edited (self);
}

static void
on_combination_factor (GtkEditable *entry, PsLoadList *self)
{
  JsonObject *c = combination_at (self, GTK_WIDGET (entry));
  const char *name = g_object_get_data (G_OBJECT (entry), "case");
  g_autofree char *path = g_strdup_printf ("design.combinations[%u].factors.%s",
                                           combination_of (GTK_WIDGET (entry)), name);
  g_autofree char *c_text = NULL;
  const char *text = gtk_editable_get_text (entry);
  JsonObject *f;
  char *end;
  double v;

  if (self->loading || c == NULL)
    return;
  f = ps_gui_json_ensure_object (c, "factors");
  ps_gui_mark_invalid (GTK_WIDGET (entry), NULL);
  ps_document_set_field_error (self->document, path, NULL);
  if (strspn (text, " ") == strlen (text))
    {
      /* An empty factor: the case takes no part in this combination. */
      json_object_remove_member (f, name);
      edited (self);
      return;
    }
  c_text = ps_gui_number_to_c (g_strstrip (g_strdup (text)));
  v = g_ascii_strtod (c_text, &end);
  if (*c_text == '\0' || *end != '\0' || !isfinite (v) || v < 0.0)
    {
      g_autofree char *example = ps_gui_format_number (1.35, "%g");
      g_autofree char *why = g_strdup_printf (
          _ ("expected the partial factor of case %s as a number of zero or more, such as %s"),
          name, example);

      ps_gui_mark_invalid (GTK_WIDGET (entry), why);
      ps_document_set_field_error (self->document, path, why);
      return;
    }
  json_object_set_double_member (f, name, v);
  edited (self);
}

static void
on_remove_combination (GtkButton *b, PsLoadList *self)
{
  JsonArray *a = own_list (self);
  guint i = combination_of (GTK_WIDGET (b));

  if (a == NULL || i >= json_array_get_length (a) || json_array_get_length (a) <= 1)
    return; /* a list keeps at least one combination */
  json_array_remove_element (a, i);
  schedule (self, REBUILD_DESIGN);
  edited (self);
}

static void
on_add_combination (PsLoadList *self)
{
  JsonArray *a = own_list (self);
  gboolean en;

  if (a == NULL)
    return;
  en = g_strcmp0 (ps_gui_json_string_member (design (self), "code", "EN"), "EN") == 0;
  json_array_add_object_element (a, starter_combination (self, TRUE, en));
  {
    JsonObject *c = json_array_get_object_element (a, json_array_get_length (a) - 1);
    g_autofree char *name = g_strdup_printf (_ ("Combination %u"), json_array_get_length (a));

    json_object_set_string_member (c, "name", name);
  }
  schedule (self, REBUILD_DESIGN);
  edited (self);
}

static void
combination_row (PsLoadList *self, guint i, JsonObject *c)
{
  static const char *limit_labels[] = { N_ ("Ultimate (ULS)"), N_ ("Serviceability (SLS)"), NULL };
  const char *ll[3];
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_entry_new (), *limit, *rm;
  JsonObject *f = json_object_get_object_member (c, "factors");
  g_autoptr (GList) names = json_object_get_members (cases (self));
  g_autofree char *path = g_strdup_printf ("design.combinations[%u]", i);

  for (guint k = 0; k < 3; k++)
    ll[k] = limit_labels[k] ? _ (limit_labels[k]) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (name), ps_gui_json_string_member (c, "name", ""));
  gtk_editable_set_width_chars (GTK_EDITABLE (name), 10);
  gtk_widget_set_tooltip_text (name, _ ("The combination's name, as results.csv gives it"));
  g_object_set_data (G_OBJECT (name), "combination", GUINT_TO_POINTER (i + 1));
  g_signal_connect (name, "changed", G_CALLBACK (on_combination_name), self);
  gtk_box_append (GTK_BOX (row), name);
  ps_field_set_add (self->fields, path, name);

  limit = dropdown (ll);
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (limit), g_strcmp0 (ps_gui_json_string_member (c, "limit", "ULS"), "SLS") == 0);
  g_object_set_data (G_OBJECT (limit), "combination", GUINT_TO_POINTER (i + 1));
  g_signal_connect (limit, "notify::selected", G_CALLBACK (on_combination_limit), self);
  gtk_box_append (GTK_BOX (row), limit);

  for (GList *l = names; l != NULL; l = l->next)
    {
      GtkWidget *label = gtk_label_new (l->data), *e = gtk_entry_new ();
      g_autofree char *fpath
          = g_strdup_printf ("design.combinations[%u].factors.%s", i, (const char *)l->data);
      g_autofree char *tip = g_strdup_printf (
          _ ("Partial factor of case %s; empty: not in this combination"), (const char *)l->data);

      gtk_box_append (GTK_BOX (row), label);
      if (f != NULL && json_object_has_member (f, l->data))
        {
          g_autofree char *v
              = ps_gui_format_number (json_object_get_double_member (f, l->data), "%g");

          gtk_editable_set_text (GTK_EDITABLE (e), v);
        }
      gtk_editable_set_width_chars (GTK_EDITABLE (e), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (e), 5);
      gtk_widget_set_tooltip_text (e, tip);
      g_object_set_data (G_OBJECT (e), "combination", GUINT_TO_POINTER (i + 1));
      g_object_set_data_full (G_OBJECT (e), "case", g_strdup (l->data), g_free);
      g_signal_connect (e, "changed", G_CALLBACK (on_combination_factor), self);
      gtk_box_append (GTK_BOX (row), e);
      ps_field_set_add (self->fields, fpath, e);
    }

  rm = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (rm, _ ("Remove this combination"));
  g_object_set_data (G_OBJECT (rm), "combination", GUINT_TO_POINTER (i + 1));
  g_signal_connect (rm, "clicked", G_CALLBACK (on_remove_combination), self);
  gtk_box_append (GTK_BOX (row), rm);
  g_ptr_array_add (self->combination_rows, row);
  gtk_box_append (GTK_BOX (self->design_box), ps_gui_labelled ("", row, LABEL_CHARS));
}

static void
on_combinations (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint sel = gtk_drop_down_get_selected (d);
  JsonObject *o;
  gboolean en;

  if (self->loading)
    return;
  o = design (self);
  en = g_strcmp0 (ps_gui_json_string_member (o, "code", "EN"), "EN") == 0;
  if (sel == 2 || (!en && sel == 1))
    {
      /* The study's own list: the file's, or one to start from. */
      if (own_list (self) == NULL)
        {
          JsonArray *a = json_array_new ();

          json_array_add_object_element (a, starter_combination (self, TRUE, en));
          json_array_add_object_element (a, starter_combination (self, FALSE, en));
          json_object_set_array_member (o, "combinations", a);
          json_object_remove_member (o, "equation");
          schedule (self, REBUILD_DESIGN);
          edited (self);
        }
      return;
    }
  json_object_set_string_member (o, "combinations", "auto");
  if (en)
    {
      if (sel == 1)
        json_object_set_string_member (o, "equation", "6.10ab");
      else
        json_object_remove_member (o, "equation");
    }
  schedule (self, REBUILD_DESIGN);
  edited (self);
}

static void
on_pattern (GtkCheckButton *check, PsLoadList *self)
{
  if (self->loading)
    return;
  json_object_set_boolean_member (design (self), "pattern_loading",
                                  gtk_check_button_get_active (check));
  edited (self);
}

static void
on_restraint (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  guint sel = gtk_drop_down_get_selected (d);

  if (self->loading)
    return;
  if (sel == 2)
    {
      JsonObject *r = json_object_new ();

      json_object_set_double_member (r, "spacing", ps_load_beam_length (beam (self)) / 3);
      json_object_set_object_member (design (self), "lateral_restraint", r);
    }
  else
    json_object_set_string_member (design (self), "lateral_restraint", restraints[sel]);
  schedule (self, REBUILD_DESIGN);
  edited (self);
}

static void
on_load_level (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  if (self->loading)
    return;
  json_object_set_string_member (design (self), "load_level",
                                 load_levels[gtk_drop_down_get_selected (d)]);
  edited (self);
}

static void
on_deflection (GtkEditable *entry, PsLoadList *self)
{
  const char *member = g_object_get_data (G_OBJECT (entry), "member");
  const char *text = gtk_editable_get_text (entry);
  JsonObject *o;

  if (self->loading)
    return;
  o = ps_gui_json_ensure_object (design (self), "deflection");
  if (*text == '\0')
    json_object_remove_member (o, member);
  else
    json_object_set_string_member (o, member, text);
  if (json_object_get_size (o) == 0)
    json_object_remove_member (design (self), "deflection");
  edited (self);
}

static void
on_service_class (GtkDropDown *d, GParamSpec *pspec, PsLoadList *self)
{
  if (self->loading)
    return;
  json_object_set_int_member (design (self), "service_class", gtk_drop_down_get_selected (d) + 1);
  edited (self);
}

static GtkWidget *
deflection_entry (PsLoadList *self, const char *member, const char *placeholder)
{
  GtkWidget *e = gtk_entry_new ();
  JsonNode *d = json_object_get_member (design (self), "deflection");
  g_autofree char *path = g_strdup_printf ("design.deflection.%s", member);

  gtk_entry_set_placeholder_text (GTK_ENTRY (e), placeholder);
  gtk_widget_set_hexpand (e, TRUE);
  gtk_widget_set_tooltip_text (e, _ ("L/N, or a length such as 20 mm; empty: not checked"));
  if (d != NULL && JSON_NODE_HOLDS_OBJECT (d))
    gtk_editable_set_text (GTK_EDITABLE (e),
                           ps_gui_json_string_member (json_node_get_object (d), member, ""));
  g_object_set_data (G_OBJECT (e), "member", (gpointer)member);
  g_signal_connect (e, "changed", G_CALLBACK (on_deflection), self);
  ps_field_set_add (self->fields, path, e);
  return e;
}

static void
rebuild_design (PsLoadList *self)
{
  static const char *code_labels[]
      = { N_ ("EN 1990 and Eurocodes"), N_ ("ASCE 7 and AISC 360, LRFD"),
          N_ ("ASCE 7 and AISC 360, ASD"), NULL };
  static const char *restraint_labels[]
      = { NC_ ("lateral restraint", "Continuous"), NC_ ("lateral restraint", "At the ends"),
          NC_ ("lateral restraint", "At a spacing"), NULL };
  static const char *level_labels[]
      = { N_ ("Top flange"), N_ ("Shear centre"), N_ ("Bottom flange"), NULL };
  const char *l3[4], *l4[4];
  JsonObject *o = design (self);
  gboolean en = g_strcmp0 (ps_gui_json_string_member (o, "code", "EN"), "AISC") != 0;
  gboolean asd = g_strcmp0 (ps_gui_json_string_member (o, "method", "LRFD"), "ASD") == 0;
  JsonNode *combos = json_object_get_member (o, "combinations");
  gboolean listed = combos != NULL && JSON_NODE_HOLDS_ARRAY (combos);
  gboolean continuous
      = g_strcmp0 (ps_gui_json_string_member (beam (self), "support", ""), "continuous") == 0;
  JsonNode *rn = json_object_get_member (o, "lateral_restraint");
  guint restraint = rn != NULL && JSON_NODE_HOLDS_OBJECT (rn)
                        ? 2
                        : index_of (restraints, ps_gui_json_string_member (o, "lateral_restraint",
                                                                           "continuous"));
  GtkStringList *cm = gtk_string_list_new (NULL);
  GtkWidget *d, *check, *hbox;
  gboolean was = self->loading;

  self->loading = TRUE;
  forget_params_under (self, "design.");
  clear_box (self->design_box);

  for (guint k = 0; k < 4; k++)
    l3[k] = code_labels[k] ? _ (code_labels[k]) : NULL;
  self->code = dropdown (l3);
  gtk_widget_set_hexpand (self->code, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->code), en ? 0 : asd ? 2 : 1);
  g_signal_connect (self->code, "notify::selected", G_CALLBACK (on_code), self);
  gtk_box_append (GTK_BOX (self->design_box),
                  ps_gui_labelled (_ ("Code"), self->code, LABEL_CHARS));
  ps_field_set_add (self->fields, "design.code", self->code);

  if (en)
    {
      gtk_string_list_append (cm,
                              _ ("EN 1990 6.10, SLS characteristic, frequent, quasi-permanent"));
      gtk_string_list_append (cm, _ ("EN 1990 6.10a and 6.10b, and the SLS"));
    }
  else
    gtk_string_list_append (cm, asd ? _ ("ASCE 7-16 §2.4 (ASD)") : _ ("ASCE 7-16 §2.3 (LRFD)"));
  if (listed)
    {
      g_autofree char *t
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The study's own list (%u combination)",
                                          "The study's own list (%u combinations)",
                                          json_array_get_length (json_node_get_array (combos))),
                             json_array_get_length (json_node_get_array (combos)));

      gtk_string_list_append (cm, t);
    }
  else
    gtk_string_list_append (cm, _ ("A list of your own"));
  d = gtk_drop_down_new (G_LIST_MODEL (cm), NULL);
  self->combinations = d;
  gtk_widget_set_hexpand (d, TRUE);
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (d),
      listed ? (en ? 2 : 1)
             : (en && g_strcmp0 (ps_gui_json_string_member (o, "equation", ""), "6.10ab") == 0));
  g_signal_connect (d, "notify::selected", G_CALLBACK (on_combinations), self);
  gtk_box_append (GTK_BOX (self->design_box), ps_gui_labelled (_ ("Combinations"), d, LABEL_CHARS));
  ps_field_set_add (self->fields, "design.combinations", d);
  g_ptr_array_set_size (self->combination_rows, 0);
  self->add_combination = NULL;
  if (listed)
    {
      JsonArray *a = json_node_get_array (combos);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *n = json_array_get_element (a, i);

          if (JSON_NODE_HOLDS_OBJECT (n))
            combination_row (self, i, json_node_get_object (n));
        }
      self->add_combination = gtk_button_new_with_label (_ ("Add Combination"));
      gtk_widget_set_halign (self->add_combination, GTK_ALIGN_START);
      g_signal_connect_swapped (self->add_combination, "clicked", G_CALLBACK (on_add_combination),
                                self);
      gtk_box_append (GTK_BOX (self->design_box),
                      ps_gui_labelled ("", self->add_combination, LABEL_CHARS));
    }

  check = gtk_check_button_new_with_label (_ ("Pattern loading: variable loads span by span"));
  gtk_check_button_set_active (
      GTK_CHECK_BUTTON (check),
      json_object_get_boolean_member_with_default (o, "pattern_loading", continuous));
  gtk_widget_set_sensitive (check, continuous);
  g_signal_connect (check, "toggled", G_CALLBACK (on_pattern), self);
  gtk_box_append (GTK_BOX (self->design_box), ps_gui_labelled ("", check, LABEL_CHARS));
  ps_field_set_add (self->fields, "design.pattern_loading", check);

  for (guint k = 0; k < 4; k++)
    l4[k] = restraint_labels[k]
                ? g_dpgettext2 (GETTEXT_PACKAGE, "lateral restraint", restraint_labels[k])
                : NULL;
  d = dropdown (l4);
  gtk_widget_set_tooltip_text (d, _ ("Where the compression flange is held against lateral "
                                     "movement (lateral-torsional buckling)"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d), restraint);
  g_signal_connect (d, "notify::selected", G_CALLBACK (on_restraint), self);
  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (d, TRUE);
  gtk_box_append (GTK_BOX (hbox), d);
  if (restraint == 2)
    {
      GtkWidget *p = ps_param_editor_new (self->document, "design.lateral_restraint.spacing",
                                          PS_QTY_LENGTH, FALSE, FALSE);

      gtk_box_append (GTK_BOX (hbox), p);
      g_hash_table_replace (self->params, g_strdup ("design.lateral_restraint.spacing"), p);
      ps_field_set_add (self->fields, "design.lateral_restraint.spacing", p);
    }
  gtk_box_append (GTK_BOX (self->design_box),
                  ps_gui_labelled (_ ("Lateral restraint"), hbox, LABEL_CHARS));
  ps_field_set_add (self->fields, "design.lateral_restraint", d);

  for (guint k = 0; k < 4; k++)
    l4[k] = level_labels[k] ? _ (level_labels[k]) : NULL;
  d = dropdown (l4);
  gtk_widget_set_hexpand (d, TRUE);
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (d),
      index_of (load_levels, ps_gui_json_string_member (o, "load_level", "shear-centre")));
  if (g_strcmp0 (ps_gui_json_string_member (o, "load_level", ""), "shear-center") == 0)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (d), 1);
  g_signal_connect (d, "notify::selected", G_CALLBACK (on_load_level), self);
  gtk_box_append (GTK_BOX (self->design_box), ps_gui_labelled (_ ("Load level"), d, LABEL_CHARS));
  ps_field_set_add (self->fields, "design.load_level", d);

  {
    static const char *sc_labels[] = { N_ ("1: heated, indoors"), N_ ("2: covered, unheated"),
                                       N_ ("3: exposed to the weather"), NULL };
    const char *l[4];
    gint64 sc = json_object_get_int_member_with_default (o, "service_class", 1);

    for (guint k = 0; k < 4; k++)
      l[k] = sc_labels[k] ? _ (sc_labels[k]) : NULL;
    d = dropdown (l);
    gtk_widget_set_hexpand (d, TRUE);
    gtk_widget_set_tooltip_text (d, _ ("EN 1995-1-1 2.3.1.3, for timber: k_mod and k_def"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (d), (guint)CLAMP (sc, 1, 3) - 1);
    g_signal_connect (d, "notify::selected", G_CALLBACK (on_service_class), self);
    gtk_box_append (GTK_BOX (self->design_box),
                    ps_gui_labelled (_ ("Service class"), d, LABEL_CHARS));
    ps_field_set_add (self->fields, "design.service_class", d);
  }

  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (hbox), deflection_entry (self, "total", _ ("total, e.g. L/250")));
  gtk_box_append (GTK_BOX (hbox), deflection_entry (self, "variable", _ ("variable, e.g. L/360")));
  gtk_box_append (GTK_BOX (self->design_box),
                  ps_gui_labelled (_ ("Deflection limits"), hbox, LABEL_CHARS));
  self->loading = was;
}

/* ---- the widget ------------------------------------------------------------ */

/* Rows are built again from the main loop, never inside the handler of a widget
 * the rebuild destroys. */
static gboolean
rebuild_idle (gpointer data)
{
  PsLoadList *self = data;
  guint what = self->pending;

  self->idle = 0;
  self->pending = 0;
  if (what & REBUILD_CASES)
    rebuild_cases (self);
  if (what & REBUILD_LOADS)
    rebuild_loads (self);
  if (what & REBUILD_DESIGN)
    rebuild_design (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (PsLoadList *self, guint what)
{
  self->pending |= what;
  if (self->idle == 0)
    self->idle = g_idle_add (rebuild_idle, self);
}

static void
ps_load_list_dispose (GObject *object)
{
  PsLoadList *self = PS_LOAD_LIST (object);

  g_clear_handle_id (&self->idle, g_source_remove);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->case_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->type_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->remove_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->combination_rows, g_ptr_array_unref);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (ps_load_list_parent_class)->dispose (object);
}

static void
ps_load_list_class_init (PsLoadListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_load_list_dispose;
}

static void
ps_load_list_init (PsLoadList *self)
{
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->case_dropdowns = g_ptr_array_new ();
  self->type_dropdowns = g_ptr_array_new ();
  self->remove_buttons = g_ptr_array_new ();
  self->combination_rows = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 10);
}

GtkWidget *
ps_load_list_new (PsDocument *document, PsFieldSet *fields)
{
  PsLoadList *self = g_object_new (PS_TYPE_LOAD_LIST, NULL);
  GtkWidget *body, *f, *head;

  self->document = g_object_ref (document);
  self->fields = fields;

  f = frame (_ ("Loads"), &body);
  self->loads_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_box_append (GTK_BOX (body), self->loads_box);
  head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->add_button = gtk_button_new_with_mnemonic (_ ("_Add Load"));
  gtk_widget_set_tooltip_text (self->add_button,
                               _ ("A point force, a uniform or linear load or a moment"));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_load), self);
  gtk_box_append (GTK_BOX (head), self->add_button);
  gtk_box_append (GTK_BOX (body), head);
  gtk_box_append (GTK_BOX (self), f);
  ps_field_set_add (fields, "beam.loads", self->add_button);

  f = frame (_ ("Load cases"), &body);
  self->cases_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (body), self->cases_box);
  self->add_case_button = gtk_button_new_with_mnemonic (_ ("Add _Case"));
  gtk_widget_set_halign (self->add_case_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->add_case_button, "clicked", G_CALLBACK (on_add_case), self);
  gtk_box_append (GTK_BOX (body), self->add_case_button);
  gtk_box_append (GTK_BOX (self), f);
  ps_field_set_add (fields, "cases", self->add_case_button);

  f = frame (_ ("Combinations and design"), &body);
  self->design_box = body;
  gtk_box_append (GTK_BOX (self), f);
  ps_field_set_add (fields, "design", f);

  ps_load_list_rebuild (self);
  return GTK_WIDGET (self);
}

void
ps_load_list_rebuild (PsLoadList *self)
{
  rebuild_cases (self);
  rebuild_loads (self);
  rebuild_design (self);
}

GtkWidget *
ps_load_list_get_param (PsLoadList *self, const char *path)
{
  return g_hash_table_lookup (self->params, path);
}

GtkWidget *
ps_load_list_get_add_button (PsLoadList *self)
{
  return self->add_button;
}

GtkWidget *
ps_load_list_get_case_dropdown (PsLoadList *self, guint i)
{
  return i < self->case_dropdowns->len ? g_ptr_array_index (self->case_dropdowns, i) : NULL;
}

GtkWidget *
ps_load_list_get_type_dropdown (PsLoadList *self, guint i)
{
  return i < self->type_dropdowns->len ? g_ptr_array_index (self->type_dropdowns, i) : NULL;
}

GtkWidget *
ps_load_list_get_remove_button (PsLoadList *self, guint i)
{
  return i < self->remove_buttons->len ? g_ptr_array_index (self->remove_buttons, i) : NULL;
}

GtkWidget *
ps_load_list_get_add_case_button (PsLoadList *self)
{
  return self->add_case_button;
}

GtkWidget *
ps_load_list_get_code_dropdown (PsLoadList *self)
{
  return self->code;
}

GtkWidget *
ps_load_list_get_combinations_dropdown (PsLoadList *self)
{
  return self->combinations;
}

GtkWidget *
ps_load_list_get_add_combination_button (PsLoadList *self)
{
  return self->add_combination;
}

/* The widget of combination @i's row whose "case" is @case_name (a factor entry), or,
 * with @case_name NULL, the row's last widget (its Remove button). */
GtkWidget *
ps_load_list_get_combination_widget (PsLoadList *self, guint i, const char *case_name)
{
  GtkWidget *row;

  if (i >= self->combination_rows->len)
    return NULL;
  row = g_ptr_array_index (self->combination_rows, i);
  if (case_name == NULL)
    return gtk_widget_get_last_child (row);
  for (GtkWidget *c = gtk_widget_get_first_child (row); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "case"), case_name) == 0)
      return c;
  return NULL;
}
