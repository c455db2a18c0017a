#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "rng/ps-dist.h"
#include "ps-gui-util.h"

#define APP_ID "org.parastudy.Parastudy"

GSettings *
ps_gui_settings (void)
{
  static GSettings *settings;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *def = g_settings_schema_source_get_default ();
      g_autoptr (GSettingsSchema) schema = NULL;

      if (def != NULL)
        schema = g_settings_schema_source_lookup (def, APP_ID, TRUE);
      if (schema == NULL)
        {
          g_autoptr (GSettingsSchemaSource) src = g_settings_schema_source_new_from_directory (
              PS_GUI_BUILD_SCHEMADIR, def, FALSE, NULL);

          if (src != NULL)
            schema = g_settings_schema_source_lookup (src, APP_ID, FALSE);
        }
      if (schema == NULL)
        g_error ("the settings schema %s is not installed (run meson install, or set "
                 "GSETTINGS_SCHEMA_DIR)",
                 APP_ID);
      settings = g_settings_new_full (schema, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
  return settings;
}

gboolean
ps_gui_engineering_units (void)
{
  g_autofree char *units = g_settings_get_string (ps_gui_settings (), "units");

  return g_strcmp0 (units, "si") != 0;
}

const char *
ps_gui_display_unit (PsQuantity quantity, gboolean small)
{
  gboolean eng = ps_gui_engineering_units ();

  switch (quantity)
    {
    case PS_QTY_LENGTH:
      return eng && small ? "mm" : "m";
    case PS_QTY_FORCE:
      return eng ? "kN" : "N";
    case PS_QTY_FORCE_PER_LENGTH:
      return eng ? "kN/m" : "N/m";
    case PS_QTY_STRESS:
      return eng ? "MPa" : "Pa";
    case PS_QTY_DENSITY:
      return "kg/m^3";
    case PS_QTY_TIME:
      return "s";
    case PS_QTY_AREA:
      return eng ? "cm^2" : "m^2";
    case PS_QTY_SECOND_MOMENT:
      return eng ? "cm^4" : "m^4";
    case PS_QTY_SECTION_MODULUS:
      return eng ? "cm^3" : "m^3";
    case PS_QTY_MOMENT:
      return eng ? "kN*m" : "N*m";
    case PS_QTY_MASS_PER_LENGTH:
      return "kg/m";
    default:
      return "";
    }
}

double
ps_gui_unit_scale (const char *unit)
{
  double scale = 1.0;
  PsDim dim;
  g_autofree char *msg = NULL;

  if (unit == NULL || *unit == '\0' || !ps_unit_parse (unit, &scale, &dim, &msg))
    return 1.0;
  return scale;
}

gboolean
ps_gui_decimal_comma (void)
{
  /* GTK sets the locale from the environment at start-up (setlocale LC_ALL): "," in
   * pt_BR and es, "." in English and C. */
  const char *radix = nl_langinfo (RADIXCHAR);

  return radix != NULL && strcmp (radix, ",") == 0;
}

char *
ps_gui_number_to_c (const char *text)
{
  char *t = g_strdup (text);

  /* No thousands separators are read: a comma is the decimal separator where the
   * locale's is one, and a full stop is read as one everywhere (a value pasted from
   * a study file). */
  if (ps_gui_decimal_comma ())
    for (char *p = t; *p; p++)
      if (*p == ',')
        *p = '.';
  return t;
}

char *
ps_gui_number_to_locale (const char *text)
{
  char *t = g_strdup (text);

  if (ps_gui_decimal_comma ())
    for (char *p = t; *p; p++)
      if (*p == '.')
        *p = ',';
  return t;
}

const char *
ps_gui_list_separator (void)
{
  return ps_gui_decimal_comma () ? "; " : ", ";
}

const char *
ps_gui_list_separators (void)
{
  /* "1,5; 2,5" in a comma-decimal locale: the comma belongs to the numbers there. */
  return ps_gui_decimal_comma () ? ";" : ",;";
}

gboolean
ps_gui_parse_value (const char *text, const char *unit, PsQuantity quantity, double *si,
                    char **message)
{
  g_autofree char *t = g_strstrip (ps_gui_number_to_c (text));
  char *end;
  double v;

  if (*t == '\0')
    {
      *message = g_strdup (_ ("a value is needed"));
      return FALSE;
    }
  v = g_ascii_strtod (t, &end);
  if (end != t && *end == '\0')
    {
      if (!isfinite (v))
        {
          *message = g_strdup (_ ("not a finite number"));
          return FALSE;
        }
      *si = v * ps_gui_unit_scale (unit);
      return TRUE;
    }
  /* With its own unit: the engine's parser checks the dimension. */
  return ps_units_parse_quantity (t, quantity, si, message);
}

char *
ps_gui_format_number (double v, const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return ps_gui_number_to_locale (g_ascii_formatd (buf, sizeof buf, format, v));
}

char *
ps_gui_format_value (double si, const char *unit)
{
  return ps_gui_format_number (si / ps_gui_unit_scale (unit), "%.6g");
}

JsonObject *
ps_gui_json_ensure_object (JsonObject *object, const char *member)
{
  JsonNode *n = json_object_get_member (object, member);

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    {
      json_object_set_object_member (object, member, json_object_new ());
      n = json_object_get_member (object, member);
    }
  return json_node_get_object (n);
}

const char *
ps_gui_json_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

const char *
ps_gui_json_string_member (JsonObject *object, const char *member, const char *fallback)
{
  const char *s = ps_gui_json_string (object ? json_object_get_member (object, member) : NULL);

  return s != NULL ? s : fallback;
}

JsonNode *
ps_gui_json_double_node (double v)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (n, v);
  return n;
}

struct _PsFieldSet
{
  GHashTable *fields; /* path -> GtkWidget (weak) */
  GtkWidget *marked;
};

static void
weak_notify (gpointer data, GObject *where_the_object_was)
{
  PsFieldSet *set = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, set->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer)where_the_object_was)
      g_hash_table_iter_remove (&iter);
  if (set->marked == (gpointer)where_the_object_was)
    set->marked = NULL;
}

PsFieldSet *
ps_field_set_new (void)
{
  PsFieldSet *set = g_new0 (PsFieldSet, 1);

  set->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return set;
}

void
ps_field_set_free (PsFieldSet *set)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  if (set == NULL)
    return;
  g_hash_table_iter_init (&iter, set->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_ptr_array_find (seen, value, NULL))
      {
        g_ptr_array_add (seen, value);
        g_object_weak_unref (value, weak_notify, set);
      }
  g_hash_table_unref (set->fields);
  g_free (set);
}

void
ps_field_set_add (PsFieldSet *set, const char *path, GtkWidget *widget)
{
  GHashTableIter iter;
  gpointer value;
  gboolean known = FALSE;

  g_hash_table_iter_init (&iter, set->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == widget)
      known = TRUE;
  if (!known)
    g_object_weak_ref (G_OBJECT (widget), weak_notify, set);
  g_hash_table_replace (set->fields, g_strdup (path), widget);
}

void
ps_gui_mark_invalid (GtkWidget *widget, const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, message);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
    }
}

static gboolean
is_prefix_path (const char *prefix, const char *path)
{
  gsize n = strlen (prefix);

  return strncmp (prefix, path, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

GtkWidget *
ps_field_set_show_error (PsFieldSet *set, const char *path, const char *message)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  GtkWidget *widget = NULL;

  if (set->marked != NULL)
    ps_gui_mark_invalid (set->marked, NULL);
  set->marked = NULL;
  if (path == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, set->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (is_prefix_path (key, path) && (best == NULL || strlen (key) > strlen (best)))
      {
        best = key;
        widget = value;
      }
  if (widget != NULL)
    {
      ps_gui_mark_invalid (widget, message);
      set->marked = widget;
    }
  return widget;
}

double
ps_gui_dist_density (const void *dist, double x, double h)
{
  const PsDist *d = dist;

  return (ps_dist_cdf (d, x + h) - ps_dist_cdf (d, x - h)) / (2.0 * h);
}

GtkWidget *
ps_gui_labelled (const char *text, GtkWidget *widget, int label_chars)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), label_chars);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
on_name_changed (GtkEditable *e, PsDocument *document)
{
  json_object_set_string_member (ps_document_get_root (document), "name",
                                 gtk_editable_get_text (e));
  ps_document_changed (document);
}

static void
on_description_changed (GtkEditable *e, PsDocument *document)
{
  JsonObject *root = ps_document_get_root (document);
  const char *text = gtk_editable_get_text (e);

  if (*text == '\0')
    json_object_remove_member (root, "description");
  else
    json_object_set_string_member (root, "description", text);
  ps_document_changed (document);
}

void
ps_gui_editor_bind_header (GtkWidget *name, GtkWidget *description, PsDocument *document,
                           PsFieldSet *fields)
{
  JsonObject *root = ps_document_get_root (document);

  /* Filled before the handlers are connected: loading the form writes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (name), ps_gui_json_string_member (root, "name", ""));
  g_signal_connect_object (name, "changed", G_CALLBACK (on_name_changed), document, 0);
  ps_field_set_add (fields, "name", name);
  /* The editor is not in the window yet: the name entry's topmost container is the
   * editor itself. The window words the Run button's tooltip with its fields. */
  {
    GtkWidget *editor = name;

    while (gtk_widget_get_parent (editor) != NULL)
      editor = gtk_widget_get_parent (editor);
    g_object_set_data (G_OBJECT (editor), "ps-field-set", fields);
  }
  gtk_editable_set_text (GTK_EDITABLE (description),
                         ps_gui_json_string_member (root, "description", ""));
  g_signal_connect_object (description, "changed", G_CALLBACK (on_description_changed), document,
                           0);
}

/* The text of the label in front of @widget's row (the label beside it or beside one
 * of its nearest containers), or NULL. */
static const char *
row_label_text (GtkWidget *widget)
{
  for (int depth = 0; widget != NULL && depth < 4; depth++, widget = gtk_widget_get_parent (widget))
    for (GtkWidget *w = gtk_widget_get_prev_sibling (widget); w != NULL;
         w = gtk_widget_get_prev_sibling (w))
      if (GTK_IS_LABEL (w) && *gtk_label_get_text (GTK_LABEL (w)) != '\0')
        return gtk_label_get_text (GTK_LABEL (w));
  return NULL;
}

/* @problems with each line's leading JSON path ("beam.span.from: …") replaced by the
 * label of the field it names ("Span L: …"), where the form has one. */
char *
ps_field_set_in_words (PsFieldSet *set, const char *problems, gboolean with_path)
{
  g_auto (GStrv) lines = g_strsplit (problems, "\n", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strstr (lines[i], ": ");
      g_autofree char *path = colon ? g_strndup (lines[i], colon - lines[i]) : NULL;
      const char *best = NULL, *text = NULL;
      GtkWidget *widget = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (path != NULL && strchr (path, ' ') == NULL)
        {
          g_hash_table_iter_init (&iter, set->fields);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (is_prefix_path (key, path) && (best == NULL || strlen (key) > strlen (best)))
              {
                best = key;
                widget = value;
              }
          text = widget != NULL ? row_label_text (widget) : NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (text != NULL && with_path)
        g_string_append_printf (out, "%s (%s): %s", text, path, colon + 2);
      else if (text != NULL)
        g_string_append_printf (out, "%s: %s", text, colon + 2);
      else
        g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ps_gui_show_document_error (GtkWidget *label, PsFieldSet *fields, PsDocument *document)
{
  g_autofree char *raw = ps_document_dup_problems (document);
  g_autofree char *problems = raw != NULL ? ps_field_set_in_words (fields, raw, FALSE) : NULL;
  const char *path = ps_document_get_current_error_path (document);

  /* Every problem at once, the fields' own first: the engine's message alone said
   * nothing of a field whose text could not be read (issue 19 item 3). */
  gtk_label_set_text (GTK_LABEL (label), problems ? problems : "");
  gtk_widget_set_visible (label, problems != NULL);
  ps_field_set_show_error (fields, path, path ? ps_document_get_error (document) : NULL);
}

/* Issue 19 item 5: a spin button the pointer passes over while the wheel scrolls the
 * form must not change its value. Unless it has the focus, its wheel events scroll
 * the form around it instead; the step is GTK's own for a scrolled window's wheel
 * (page size to the power 2/3, gtkscrolledwindow.c). */
static gboolean
on_spin_scroll (GtkEventControllerScroll *scroll, double dx, double dy, gpointer user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (scroll));
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adj;
  double step;

  (void)dx;
  (void)user_data;
  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return GDK_EVENT_PROPAGATE;
  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return GDK_EVENT_PROPAGATE;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL
             ? pow (gtk_adjustment_get_page_size (adj), 2.0 / 3.0)
             : 1.0;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + dy * step);
  return GDK_EVENT_STOP;
}

void
ps_gui_guard_spin_scroll (GtkWidget *root)
{
  if (GTK_IS_SPIN_BUTTON (root))
    {
      GtkEventController *scroll
          = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

      gtk_event_controller_set_name (scroll, "ps-spin-scroll-guard");
      gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
      g_signal_connect (scroll, "scroll", G_CALLBACK (on_spin_scroll), NULL);
      gtk_widget_add_controller (root, scroll);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ps_gui_guard_spin_scroll (child);
}
