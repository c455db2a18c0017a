#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-csv-preview.h"
#include "ps-regression-editor-private.h"

enum
{
  WINDOW_STRAIN,
  WINDOW_STRESS,
  WINDOW_AUTO
};

static const char *const window_types[] = { "strain", "stress", "auto", NULL };

/* What the unit drop-downs offer; a unit the file holds that is not listed is
 * added to its drop-down. */
static const char *const strain_choices[]
    = { "mm/mm", "%", "‰", "µε", "mm/m", "m/m", "in/in", NULL };
static const char *const stress_choices[]
    = { "MPa", "N/mm^2", "kPa", "Pa", "GPa", "psi", "ksi", NULL };
static const char *const length_choices[] = { "mm", "µm", "m", "in", NULL };
static const char *const force_choices[] = { "N", "kN", "MN", "lbf", "kip", NULL };

static const char *const delimiter_values[] = { ",", ";", "tab", "space", "|", NULL };
static const char *const delimiter_labels[]
    = { N_ ("Comma ( , )"), N_ ("Semicolon ( ; )"),    N_ ("Tab"),
        N_ ("Space"),       N_ ("Vertical bar ( | )"), NULL };
static const char *const decimal_values[] = { ".", ",", NULL };
static const char *const decimal_labels[] = { N_ ("Point ( . )"), N_ ("Comma ( , )"), NULL };
static const char *const characteristic_values[] = { "normal", "lognormal", NULL };
static const char *const characteristic_labels[] = { N_ ("Normal"), N_ ("Lognormal"), NULL };

/* The fields that each edit one member, by their name in the template. */
static const struct
{
  const char *name;
  const char *path;
  FieldKind kind;
  const char *def;  /* F_TEXT, F_COLUMN, F_CHOICE: shown when the member is missing */
  double def_num;   /* F_INT: the same */
  const char *unit; /* F_RATIO: the display unit */
  gboolean optional;
  const char *const *values; /* F_CHOICE */
  const char *const *labels; /* F_CHOICE: translated; NULL shows the values */
} field_specs[] = {
  { "source_path", "source.path", F_TEXT },
  { "source_pattern", "source.pattern", F_TEXT, .optional = TRUE },
  { "specimen_column", "source.specimen_column", F_COLUMN, .def = "specimen" },
  { "delimiter", "source.delimiter", F_CHOICE, .def = ",", .values = delimiter_values,
    .labels = delimiter_labels },
  { "decimal", "source.decimal", F_CHOICE, .def = ".", .values = decimal_values,
    .labels = decimal_labels },
  /* Left out ("Auto", below 0): the header is searched for. */
  { "skip_lines", "source.skip_lines", F_INT, .def_num = -1, .optional = TRUE },
  { "strain_column", "source.strain.column", F_COLUMN },
  { "strain_unit", "source.strain.unit", F_CHOICE, .values = strain_choices },
  { "stress_column", "source.stress.column", F_COLUMN },
  { "stress_unit", "source.stress.unit", F_CHOICE, .values = stress_choices },
  { "displacement_column", "source.displacement.column", F_COLUMN },
  { "displacement_unit", "source.displacement.unit", F_CHOICE, .values = length_choices },
  { "force_column", "source.force.column", F_COLUMN },
  { "force_unit", "source.force.unit", F_CHOICE, .values = force_choices },
  { "area", "source.area", F_QUANTITY },
  { "gauge_length", "source.gauge_length", F_QUANTITY },
  { "specimens", "source.specimens", F_INT, .def_num = 100 },
  { "points", "source.points", F_INT, .def_num = 500 },
  { "seed", "source.seed", F_INT, .def_num = 1 },
  { "hardening", "source.hardening", F_RATIO, .unit = "", .optional = TRUE },
  { "max_strain", "source.max_strain", F_RATIO, .unit = "%", .optional = TRUE },
  { "offset", "fit.offset", F_RATIO, .unit = "%", .optional = TRUE },
  { "min_points", "fit.min_points", F_INT, .def_num = 5 },
  { "characteristic", "characteristic.distribution", F_CHOICE, .def = "normal",
    .values = characteristic_values, .labels = characteristic_labels },
};

/* The columns of the input, in the order of column_rows. */
static const char *const column_members[] = { "strain", "stress", "displacement", "force" };

/* The synthetic generator's distributions, in the order of dists. */
static const char *const dist_members[] = { "E", "yield", "noise_sd" };

G_DEFINE_FINAL_TYPE (PsRegressionEditor, ps_regression_editor, GTK_TYPE_BOX)

/* ---- status and field errors -------------------------------------------------- */

/* The entry a column-name mismatch of @path ("source.stress") is shown on. */
static GtkWidget *
mismatch_widget (PsRegressionEditor *self, const char *path)
{
  g_autofree char *wpath = g_str_has_suffix (path, "specimen_column")
                               ? g_strdup (path)
                               : g_strconcat (path, ".column", NULL);

  return g_hash_table_lookup (self->widgets, wpath);
}

static void
refresh_status (PsRegressionEditor *self)
{
  const PsStudy *study = ps_document_get_study (self->document);
  GHashTable *tables[] = { self->mismatch, self->bad };

  if (study != NULL)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, ps_study_get_n_items (study));
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s specimen", "%s specimens",
                                          ps_study_get_n_items (study)),
                             n);

      gtk_label_set_text (GTK_LABEL (self->count_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->count_label), _ ("— specimens"));
  ps_gui_show_document_error (self->error_label, self->fields, self->document);
  /* The form's own reasons win over the engine's: they are about the text typed. */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GtkWidget *w
              = t == 0 ? mismatch_widget (self, key) : g_hash_table_lookup (self->widgets, key);

          if (w != NULL)
            ps_gui_mark_invalid (w, value);
        }
    }
}

/* Records (or, with NULL, clears) why the text of the field at @path cannot be
 * written; the document then refuses to run with that reason. */
void
_ps_regression_editor_set_bad (PsRegressionEditor *self, const char *path, const char *message)
{
  GtkWidget *w = g_hash_table_lookup (self->widgets, path);

  if (message != NULL)
    g_hash_table_replace (self->bad, g_strdup (path), g_strdup (message));
  else
    g_hash_table_remove (self->bad, path);
  ps_document_set_field_error (self->document, path, message);
  if (w != NULL)
    ps_gui_mark_invalid (w, message);
}

void
_ps_regression_editor_clear_bad_under (PsRegressionEditor *self, const char *prefix)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (self->bad);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = keys; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      g_ptr_array_add (paths, g_strdup (l->data));
  for (guint i = 0; i < paths->len; i++)
    _ps_regression_editor_set_bad (self, paths->pdata[i], NULL);
}

void
_ps_regression_editor_set_mismatch (PsRegressionEditor *self, const char *path, const char *message)
{
  GtkWidget *w = mismatch_widget (self, path);

  if (message != NULL)
    g_hash_table_replace (self->mismatch, g_strdup (path), g_strdup (message));
  else if (!g_hash_table_remove (self->mismatch, path))
    return;
  ps_document_set_field_error (self->document, path, message);
  if (w != NULL)
    ps_gui_mark_invalid (w, message);
}

/* ---- the elastic window ----------------------------------------------------------- */

static guint
window_index (const char *type)
{
  for (guint i = 0; window_types[i] != NULL; i++)
    if (g_strcmp0 (type, window_types[i]) == 0)
      return i;
  return WINDOW_STRAIN;
}

static void
window_load (PsRegressionEditor *self)
{
  JsonNode *wn = _ps_regression_editor_node_at (self, "fit.window");
  JsonObject *w = wn != NULL && JSON_NODE_HOLDS_OBJECT (wn) ? json_node_get_object (wn) : NULL;
  guint i = window_index (w ? ps_gui_json_string (json_object_get_member (w, "type")) : "strain");
  const char *unit = i == WINDOW_STRAIN ? "%" : "";
  gboolean was = self->loading;
  g_autofree char *from = NULL, *to = NULL;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->window_type), i);
  if (w != NULL)
    {
      from = _ps_regression_editor_ratio_text (json_object_get_member (w, "from"), unit);
      to = _ps_regression_editor_ratio_text (json_object_get_member (w, "to"), unit);
    }
  else
    {
      /* The engine's default window (ISO 527-1's chord), shown as it applies. */
      from = g_strdup ("0.05");
      to = g_strdup ("0.25");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->window_from), from);
  gtk_editable_set_text (GTK_EDITABLE (self->window_to), to);
  gtk_label_set_text (GTK_LABEL (self->window_unit),
                      /* xgettext:no-c-format */
                      i == WINDOW_STRAIN ? _ ("% strain") : _ ("× the maximum stress"));
  gtk_widget_set_visible (self->window_range, i != WINDOW_AUTO);
  gtk_widget_set_visible (self->window_auto_note, i == WINDOW_AUTO);
  self->loading = was;
}

/* The window is written whole (type, from and to), so that it is never half one
 * type and half the other. */
static void
window_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->window_type));
  const char *unit = i == WINDOW_STRAIN ? "%" : "";
  g_autofree char *msg = NULL;
  double from, to;
  JsonObject *w;

  if (self->loading || i > WINDOW_AUTO)
    return;
  if (i != WINDOW_AUTO)
    {
      if (!_ps_regression_editor_parse_ratio (
              gtk_editable_get_text (GTK_EDITABLE (self->window_from)), unit, &from, &msg))
        {
          _ps_regression_editor_set_bad (self, "fit.window.to", NULL);
          _ps_regression_editor_set_bad (self, "fit.window.from", msg);
          return;
        }
      _ps_regression_editor_set_bad (self, "fit.window.from", NULL);
      if (!_ps_regression_editor_parse_ratio (
              gtk_editable_get_text (GTK_EDITABLE (self->window_to)), unit, &to, &msg))
        {
          _ps_regression_editor_set_bad (self, "fit.window.to", msg);
          return;
        }
      _ps_regression_editor_set_bad (self, "fit.window.to", NULL);
    }
  w = ps_gui_json_ensure_object (
      ps_gui_json_ensure_object (_ps_regression_editor_root (self), "fit"), "window");
  json_object_set_string_member (w, "type", window_types[i]);
  if (i == WINDOW_AUTO)
    {
      json_object_remove_member (w, "from");
      json_object_remove_member (w, "to");
    }
  else
    {
      json_object_set_member (w, "from", ps_gui_json_double_node (from));
      json_object_set_member (w, "to", ps_gui_json_double_node (to));
    }
  _ps_regression_editor_edited (self, FALSE);
}

static void
on_window_type_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->window_type));
  JsonObject *fit;
  JsonNode *old;
  g_autofree char *key = NULL;

  if (self->loading || i > WINDOW_AUTO)
    return;
  /* The window of the other type is put aside, so that switching back restores
   * it; a type never used starts from a usual window. */
  fit = ps_gui_json_ensure_object (_ps_regression_editor_root (self), "fit");
  old = json_object_get_member (fit, "window");
  if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
    {
      g_autofree char *old_key = g_strdup_printf (
          "window:%s", window_types[window_index (ps_gui_json_string (
                           json_object_get_member (json_node_get_object (old), "type")))]);

      json_object_set_member (self->stash, old_key, json_node_copy (old));
    }
  key = g_strdup_printf ("window:%s", window_types[i]);
  if (json_object_has_member (self->stash, key))
    json_object_set_member (fit, "window",
                            json_node_copy (json_object_get_member (self->stash, key)));
  else
    {
      JsonObject *w = json_object_new ();

      json_object_set_string_member (w, "type", window_types[i]);
      if (i == WINDOW_STRAIN)
        {
          json_object_set_double_member (w, "from", 0.0005);
          json_object_set_double_member (w, "to", 0.0025);
        }
      else if (i == WINDOW_STRESS)
        {
          json_object_set_double_member (w, "from", 0.1);
          json_object_set_double_member (w, "to", 0.4);
        }
      json_object_set_object_member (fit, "window", w);
    }
  _ps_regression_editor_clear_bad_under (self, "fit.window");
  window_load (self);
  _ps_regression_editor_edited (self, FALSE);
}

/* ---- the histogram ------------------------------------------------------------------ */

/* The GPa or Pa that E is shown in. */
static const char *
modulus_unit (void)
{
  return ps_gui_engineering_units () ? "GPa" : "Pa";
}

static void
histogram_load (PsRegressionEditor *self)
{
  JsonNode *h = json_object_get_member (_ps_regression_editor_root (self), "histogram");
  JsonObject *o = h != NULL && JSON_NODE_HOLDS_OBJECT (h) ? json_node_get_object (h) : NULL;
  gboolean was = self->loading;
  g_autofree char *from = NULL, *to = NULL;
  JsonNode *bins = o ? json_object_get_member (o, "bins") : NULL;

  self->loading = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->histogram), o != NULL);
  from = o ? _ps_regression_editor_quantity_text (json_object_get_member (o, "from"), PS_QTY_STRESS,
                                                  modulus_unit ())
           : ps_gui_format_value (150e9, modulus_unit ());
  to = o ? _ps_regression_editor_quantity_text (json_object_get_member (o, "to"), PS_QTY_STRESS,
                                                modulus_unit ())
         : ps_gui_format_value (250e9, modulus_unit ());
  gtk_editable_set_text (GTK_EDITABLE (self->hist_from), from);
  gtk_editable_set_text (GTK_EDITABLE (self->hist_to), to);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hist_bins), bins && JSON_NODE_HOLDS_VALUE (bins)
                                                                    ? json_node_get_double (bins)
                                                                    : 50);
  gtk_widget_set_sensitive (self->hist_box, o != NULL);
  self->loading = was;
}

static void
histogram_changed (PsRegressionEditor *self)
{
  gboolean on = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->histogram));
  JsonObject *root = _ps_regression_editor_root (self);
  g_autofree char *msg = NULL;
  double from, to;
  JsonObject *h;

  if (self->loading)
    return;
  gtk_widget_set_sensitive (self->hist_box, on);
  if (!on)
    {
      _ps_regression_editor_clear_bad_under (self, "histogram");
      json_object_remove_member (root, "histogram");
      _ps_regression_editor_edited (self, FALSE);
      return;
    }
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->hist_from)), modulus_unit (),
                           PS_QTY_STRESS, &from, &msg))
    {
      _ps_regression_editor_set_bad (self, "histogram.to", NULL);
      _ps_regression_editor_set_bad (self, "histogram.from", msg);
      return;
    }
  _ps_regression_editor_set_bad (self, "histogram.from", NULL);
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->hist_to)), modulus_unit (),
                           PS_QTY_STRESS, &to, &msg))
    {
      _ps_regression_editor_set_bad (self, "histogram.to", msg);
      return;
    }
  _ps_regression_editor_set_bad (self, "histogram.to", NULL);
  h = ps_gui_json_ensure_object (root, "histogram");
  json_object_set_member (h, "from", ps_gui_json_double_node (from));
  json_object_set_member (h, "to", ps_gui_json_double_node (to));
  json_object_set_int_member (
      h, "bins", (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->hist_bins)));
  _ps_regression_editor_edited (self, FALSE);
}

/* ---- construction -------------------------------------------------------------------- */

static void
field_free (gpointer data)
{
  Field *f = data;

  g_free (f->path);
  g_free (f);
}

static void
ps_regression_editor_dispose (GObject *object)
{
  PsRegressionEditor *self = PS_REGRESSION_EDITOR (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, ps_field_set_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_REGRESSION_EDITOR);
  G_OBJECT_CLASS (ps_regression_editor_parent_class)->dispose (object);
}

static void
ps_regression_editor_finalize (GObject *object)
{
  PsRegressionEditor *self = PS_REGRESSION_EDITOR (object);

  g_hash_table_unref (self->widgets);
  g_ptr_array_unref (self->all);
  g_hash_table_unref (self->bad);
  g_hash_table_unref (self->mismatch);
  json_object_unref (self->stash);
  G_OBJECT_CLASS (ps_regression_editor_parent_class)->finalize (object);
}

static void
ps_regression_editor_class_init (PsRegressionEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const others[]
      = { "area_unit",   "gauge_length_unit",  "E_unit", "yield_unit", "noise_sd_unit",
          "offset_unit", "characteristic_note" };

  G_OBJECT_CLASS (klass)->dispose = ps_regression_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_regression_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-regression-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PsRegressionEditor, name)
  CHILD (name_entry);
  CHILD (description_entry);
  CHILD (source_type);
  CHILD (source_stack);
  CHILD (pattern_row);
  CHILD (specimen_row);
  CHILD (input);
  CHILD (force_rows);
  CHILD (preview_frame);
  CHILD (preview);
  CHILD (window_type);
  CHILD (window_range_row);
  CHILD (window_range);
  CHILD (window_from);
  CHILD (window_to);
  CHILD (window_unit);
  CHILD (window_auto_note);
  CHILD (histogram);
  CHILD (hist_box);
  CHILD (hist_from);
  CHILD (hist_to);
  CHILD (hist_unit);
  CHILD (hist_bins);
  CHILD (count_label);
  CHILD (error_label);
#undef CHILD
  for (guint i = 0; i < G_N_ELEMENTS (column_members); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_row", column_members[i]);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (PsRegressionEditor, column_rows)
                                                     + i * sizeof (GtkWidget *));
    }
  for (guint i = 0; i < G_N_ELEMENTS (dist_members); i++)
    {
      const char *parts[] = { "kind", "mean", "sd" };
      const gssize offsets[] = { G_STRUCT_OFFSET (DistRow, kind), G_STRUCT_OFFSET (DistRow, mean),
                                 G_STRUCT_OFFSET (DistRow, sd) };

      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        {
          g_autofree char *name = g_strdup_printf ("%s_%s", dist_members[i], parts[k]);

          gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                     G_STRUCT_OFFSET (PsRegressionEditor, dists)
                                                         + i * sizeof (DistRow) + offsets[k]);
        }
    }
  /* Found by name in init: the fields of the table and the labels set there. */
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    gtk_widget_class_bind_template_child_full (widget_class, field_specs[i].name, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    gtk_widget_class_bind_template_child_full (widget_class, others[i], FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_window_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, window_changed);
  gtk_widget_class_bind_template_callback (widget_class, histogram_changed);
  _ps_regression_editor_class_source_init (widget_class);
}

static GtkWidget *
child (PsRegressionEditor *self, const char *name)
{
  return GTK_WIDGET (
      gtk_widget_get_template_child (GTK_WIDGET (self), PS_TYPE_REGRESSION_EDITOR, name));
}

/* The unit a section's area or gauge length is shown in. */
static const char *
quantity_unit (PsQuantity quantity)
{
  gboolean engineering = ps_gui_engineering_units ();

  if (quantity == PS_QTY_AREA)
    return engineering ? "mm^2" : "m^2";
  return engineering ? "mm" : "m";
}

static void
ps_regression_editor_init (PsRegressionEditor *self)
{
  const char *stress_unit = ps_gui_display_unit (PS_QTY_STRESS, FALSE);
  const char *dist_units[] = { modulus_unit (), stress_unit, stress_unit };

  self->fields = ps_field_set_new ();
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all = g_ptr_array_new_with_free_func (field_free);
  self->bad = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->mismatch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stash = json_object_new ();
  /* Nothing is written back while the template and the file fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      GtkWidget *widget = child (self, field_specs[i].name);
      Field *f;

      if (field_specs[i].kind == F_CHOICE)
        _ps_regression_editor_choice_setup (widget, field_specs[i].values, field_specs[i].labels);
      /* A column's unit may be left to the file's units row (a strain without one is
       * mm/mm). */
      if (g_str_has_suffix (field_specs[i].name, "_unit"))
        _ps_regression_editor_choice_add_none (widget, _ ("From the file"));
      if (field_specs[i].kind == F_INT && field_specs[i].def_num < 0)
        _ps_regression_editor_auto_spin (widget);
      f = _ps_regression_editor_add_field (self, field_specs[i].path, field_specs[i].kind, widget);
      f->def = field_specs[i].def;
      f->def_num = field_specs[i].def_num;
      f->unit = field_specs[i].unit;
      f->optional = field_specs[i].optional;
      if (field_specs[i].kind == F_QUANTITY)
        {
          f->quantity = g_str_equal (field_specs[i].name, "area") ? PS_QTY_AREA : PS_QTY_LENGTH;
          f->unit = quantity_unit (f->quantity);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (column_members); i++)
    {
      g_autofree char *path = g_strdup_printf ("source.%s", column_members[i]);
      g_autofree char *cpath = g_strdup_printf ("source.%s.column", column_members[i]);

      ps_field_set_add (self->fields, path, g_hash_table_lookup (self->widgets, cpath));
    }
  _ps_regression_editor_set_unit_label (child (self, "area_unit"), quantity_unit (PS_QTY_AREA));
  _ps_regression_editor_set_unit_label (child (self, "gauge_length_unit"),
                                        quantity_unit (PS_QTY_LENGTH));
  for (guint i = 0; i < G_N_ELEMENTS (dist_members); i++)
    {
      g_autofree char *unit = g_strdup_printf ("%s_unit", dist_members[i]);

      _ps_regression_editor_dist_setup (self, &self->dists[i], dist_members[i], dist_units[i]);
      _ps_regression_editor_set_unit_label (child (self, unit), dist_units[i]);
    }

  _ps_regression_editor_register (self, "source.type", self->source_type);
  ps_field_set_add (self->fields, "source", self->source_type);
  _ps_regression_editor_register (self, "fit.window", self->window_type);
  _ps_regression_editor_register (self, "fit.window.from", self->window_from);
  _ps_regression_editor_register (self, "fit.window.to", self->window_to);
  g_object_bind_property (self->window_range, "visible", self->window_range_row, "visible",
                          G_BINDING_DEFAULT);
  ps_field_set_add (self->fields, "characteristic",
                    g_hash_table_lookup (self->widgets, "characteristic.distribution"));
  _ps_regression_editor_register (self, "histogram", self->histogram);
  _ps_regression_editor_register (self, "histogram.from", self->hist_from);
  _ps_regression_editor_register (self, "histogram.to", self->hist_to);
  _ps_regression_editor_register (self, "histogram.bins", self->hist_bins);
  _ps_regression_editor_set_unit_label (self->hist_unit, modulus_unit ());

  /* Texts with a per cent sign are set here, where xgettext can be told that they are
   * not C formats: in a .ui file it takes "0.2 % gives" for one. */
  gtk_widget_set_tooltip_text (child (self, "offset"),
                               /* xgettext:no-c-format */
                               _ ("The offset of the yield line: 0.2 % gives R_p0.2"));
  gtk_label_set_text (GTK_LABEL (child (self, "offset_unit")),
                      /* xgettext:no-c-format */
                      _ ("% strain"));
  gtk_widget_set_tooltip_text (child (self, "characteristic"),
                               /* xgettext:no-c-format */
                               _ ("The distribution the 5 % characteristic value is read from"));
  gtk_label_set_text (GTK_LABEL (child (self, "characteristic_note")),
                      /* xgettext:no-c-format */
                      _ ("5 % fractile, EN 1990 Annex D (Table D1, V_X unknown)"));
}

GtkWidget *
ps_regression_editor_new (PsDocument *document)
{
  PsRegressionEditor *self = g_object_new (PS_TYPE_REGRESSION_EDITOR, NULL);

  self->document = g_object_ref (document);
  ps_gui_editor_bind_header (self->name_entry, self->description_entry, document, self->fields);
  _ps_regression_editor_register (self, "name", self->name_entry);

  /* Fill the form from the file: nothing is written back until the user edits. */
  _ps_regression_editor_source_load (self);
  _ps_regression_editor_load_fields (self, "fit.");
  _ps_regression_editor_load_fields (self, "characteristic.");
  window_load (self);
  histogram_load (self);
  self->loading = FALSE;
  _ps_regression_editor_refresh_preview (self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh_status), self);
  refresh_status (self);
  return GTK_WIDGET (self);
}

/* ---- for the tests --------------------------------------------------------------------- */

GtkWidget *
ps_regression_editor_get_field (PsRegressionEditor *self, const char *path)
{
  return g_hash_table_lookup (self->widgets, path);
}

gboolean
ps_regression_editor_set_choice (PsRegressionEditor *self, const char *path, const char *value)
{
  GtkWidget *dd = g_hash_table_lookup (self->widgets, path);
  GPtrArray *values = dd ? g_object_get_data (G_OBJECT (dd), "values") : NULL;

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (values->pdata[i], value))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), i);
        return TRUE;
      }
  return FALSE;
}

const char *
ps_regression_editor_get_preview_file (PsRegressionEditor *self)
{
  return ps_csv_preview_get_file (PS_CSV_PREVIEW (self->preview));
}

guint
ps_regression_editor_get_preview_n_rows (PsRegressionEditor *self)
{
  return ps_csv_preview_get_n_rows (PS_CSV_PREVIEW (self->preview));
}

guint
ps_regression_editor_get_preview_n_columns (PsRegressionEditor *self)
{
  return ps_csv_preview_get_n_columns (PS_CSV_PREVIEW (self->preview));
}

char *
ps_regression_editor_dup_preview_title (PsRegressionEditor *self, guint column)
{
  return ps_csv_preview_dup_title (PS_CSV_PREVIEW (self->preview), column);
}

const char *
ps_regression_editor_get_preview_cell (PsRegressionEditor *self, guint row, guint column)
{
  return ps_csv_preview_get_cell (PS_CSV_PREVIEW (self->preview), row, column);
}

guint
ps_regression_editor_get_preview_line (PsRegressionEditor *self, guint row)
{
  return ps_csv_preview_get_line (PS_CSV_PREVIEW (self->preview), row);
}

const char *
ps_regression_editor_get_preview_skipped (PsRegressionEditor *self)
{
  return ps_csv_preview_get_skipped (PS_CSV_PREVIEW (self->preview));
}

const char *
ps_regression_editor_get_preview_status (PsRegressionEditor *self)
{
  return ps_csv_preview_get_status (PS_CSV_PREVIEW (self->preview));
}

GtkWidget *
ps_regression_editor_get_preview_view (PsRegressionEditor *self)
{
  return ps_csv_preview_get_view (PS_CSV_PREVIEW (self->preview));
}

GtkWidget *
ps_regression_editor_get_count_label (PsRegressionEditor *self)
{
  return self->count_label;
}
