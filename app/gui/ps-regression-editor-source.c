#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-csv-preview.h"
#include "ps-regression-editor-private.h"
#include "studies/regression/ps-regression.h"

/* The source drop-down's entries. A folder and a file of one specimen are the same
 * JSON (a path, no specimen column): the path tells them apart, as the loader does. */
enum
{
  SOURCE_FOLDER,
  SOURCE_ONE_FILE,
  SOURCE_FILE,
  SOURCE_SYNTHETIC
};

static gboolean
is_synthetic (PsRegressionEditor *self)
{
  return g_strcmp0 (ps_gui_json_string (
                        json_object_get_member (_ps_regression_editor_source (self), "type")),
                    "synthetic")
         == 0;
}

static gboolean
is_force_input (JsonObject *src)
{
  return json_object_has_member (src, "force") && !json_object_has_member (src, "stress");
}

/* ---- the source ----------------------------------------------------------------------- */

/* The folder relative paths in the study start from. */
static char *
study_dir (PsRegressionEditor *self)
{
  GFile *file = ps_document_get_file (self->document);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path != NULL ? g_path_get_dirname (path) : g_get_current_dir ();
}

/* The source's path resolved from the study's folder, or NULL when it has none. */
static char *
source_full_path (PsRegressionEditor *self)
{
  const char *path
      = ps_gui_json_string (json_object_get_member (_ps_regression_editor_source (self), "path"));
  g_autofree char *dir = NULL;

  if (path == NULL || *path == '\0')
    return NULL;
  if (g_path_is_absolute (path))
    return g_strdup (path);
  dir = study_dir (self);
  return g_build_filename (dir, path, NULL);
}

static guint
source_index (PsRegressionEditor *self)
{
  JsonObject *src = _ps_regression_editor_source (self);
  JsonNode *spec = json_object_get_member (src, "specimen_column");
  g_autofree char *full = NULL;

  if (is_synthetic (self))
    return SOURCE_SYNTHETIC;
  if (spec != NULL && !JSON_NODE_HOLDS_NULL (spec))
    return SOURCE_FILE;
  full = source_full_path (self);
  if (full != NULL && g_file_test (full, G_FILE_TEST_IS_DIR))
    return SOURCE_FOLDER;
  if (full != NULL && g_file_test (full, G_FILE_TEST_IS_REGULAR))
    return SOURCE_ONE_FILE;
  return self->one_specimen_file ? SOURCE_ONE_FILE : SOURCE_FOLDER;
}

void
_ps_regression_editor_source_load (PsRegressionEditor *self)
{
  guint type = source_index (self);
  gboolean force = is_force_input (_ps_regression_editor_source (self));
  gboolean was = self->loading;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->source_type), type);
  gtk_stack_set_visible_child_name (GTK_STACK (self->source_stack),
                                    type == SOURCE_SYNTHETIC ? "synthetic" : "csv");
  gtk_widget_set_visible (self->pattern_row, type == SOURCE_FOLDER);
  gtk_widget_set_visible (self->specimen_row, type == SOURCE_FILE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), force ? 1 : 0);
  for (int i = 0; i < 4; i++)
    gtk_widget_set_visible (self->column_rows[i], force == (i >= 2));
  gtk_widget_set_visible (self->force_rows, force);
  _ps_regression_editor_load_fields (self, "source.");
  for (int i = 0; i < 3; i++)
    _ps_regression_editor_dist_load (&self->dists[i]);
  self->loading = was;
}

static JsonNode *
default_source (gboolean synthetic)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  /* A usual S355 coupon set, in SI. */
  const char *synthetic_json
      = "{\"type\": \"synthetic\", \"specimens\": 100, \"points\": 500,"
        " \"E\": {\"distribution\": \"normal\", \"mean\": 2e11, \"sd\": 1e10},"
        " \"yield\": {\"distribution\": \"normal\", \"mean\": 3.55e8, \"sd\": 2e7},"
        " \"hardening\": 0.01, \"max_strain\": 0.02, \"noise_sd\": 1e6, \"seed\": 1}";
  const char *csv_json = "{\"type\": \"csv\", \"path\": \"\","
                         " \"strain\": {\"column\": \"strain\", \"unit\": \"mm/mm\"},"
                         " \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"},"
                         " \"delimiter\": \",\", \"decimal\": \".\"}";

  json_parser_load_from_data (parser, synthetic ? synthetic_json : csv_json, -1, NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static void
on_source_type_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->source_type));
  JsonObject *root = _ps_regression_editor_root (self);
  guint old = source_index (self);
  JsonObject *src;

  if (self->loading || i > SOURCE_SYNTHETIC || i == old)
    return;
  /* A switch between CSV and synthetic puts the old source aside: switching back
   * restores it as it was. */
  if ((i == SOURCE_SYNTHETIC) != (old == SOURCE_SYNTHETIC))
    {
      const char *put = old == SOURCE_SYNTHETIC ? "source:synthetic" : "source:csv";
      const char *take = i == SOURCE_SYNTHETIC ? "source:synthetic" : "source:csv";

      json_object_set_member (self->stash, put,
                              json_node_copy (json_object_get_member (root, "source")));
      json_object_set_member (root, "source",
                              json_object_has_member (self->stash, take)
                                  ? json_node_copy (json_object_get_member (self->stash, take))
                                  : default_source (i == SOURCE_SYNTHETIC));
    }
  src = _ps_regression_editor_source (self);
  if (i == SOURCE_FILE && source_index (self) != SOURCE_FILE)
    {
      GtkWidget *e = g_hash_table_lookup (self->widgets, "source.specimen_column");
      g_autofree char *t = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (e))));

      json_object_set_string_member (src, "specimen_column", *t ? t : "specimen");
    }
  else if ((i == SOURCE_FOLDER || i == SOURCE_ONE_FILE) && source_index (self) != i)
    {
      self->one_specimen_file = i == SOURCE_ONE_FILE;
      json_object_set_null_member (src, "specimen_column");
      /* A folder's path for one file, or a file's for a folder: to be chosen again. */
      if (source_index (self) != i)
        json_object_set_string_member (src, "path", "");
    }
  _ps_regression_editor_clear_bad_under (self, "source.");
  _ps_regression_editor_source_load (self);
  _ps_regression_editor_edited (self, TRUE);
}

static void
on_input_changed (PsRegressionEditor *self)
{
  gboolean force = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input)) == 1;
  JsonObject *src = _ps_regression_editor_source (self);
  const char *drop[] = { "strain", "stress" };
  const char *add[] = { "displacement", "force", "area", "gauge_length" };
  const char *defaults[] = { "{\"column\": \"displacement\", \"unit\": \"mm\"}",
                             "{\"column\": \"force\", "
                             "\"unit\": \"kN\"}",
                             "1e-4", "0.05" };

  if (self->loading || force == is_force_input (src))
    return;
  /* The members of the other input are put aside, to come back on a switch back. */
  for (int k = 0; k < 4; k++)
    {
      const char *m = force ? (k < 2 ? drop[k] : NULL) : add[k];

      if (m != NULL && json_object_has_member (src, m))
        {
          json_object_set_member (self->stash, m, json_node_copy (json_object_get_member (src, m)));
          json_object_remove_member (src, m);
        }
    }
  for (int k = 0; k < 4; k++)
    {
      const char *m = force ? add[k] : (k < 2 ? drop[k] : NULL);

      if (m == NULL)
        continue;
      if (json_object_has_member (self->stash, m))
        json_object_set_member (src, m, json_node_copy (json_object_get_member (self->stash, m)));
      else
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          const char *def = force    ? defaults[k]
                            : k == 0 ? "{\"column\": \"strain\", \"unit\": \"mm/mm\"}"
                                     : "{\"column\": \"stress\", \"unit\": \"MPa\"}";

          json_parser_load_from_data (parser, def, -1, NULL);
          json_object_set_member (src, m, json_node_copy (json_parser_get_root (parser)));
        }
    }
  _ps_regression_editor_clear_bad_under (self, "source.strain");
  _ps_regression_editor_clear_bad_under (self, "source.stress");
  _ps_regression_editor_clear_bad_under (self, "source.displacement");
  _ps_regression_editor_clear_bad_under (self, "source.force");
  _ps_regression_editor_clear_bad_under (self, "source.area");
  _ps_regression_editor_clear_bad_under (self, "source.gauge_length");
  _ps_regression_editor_source_load (self);
  _ps_regression_editor_edited (self, TRUE);
}

void
ps_regression_editor_set_source_file (PsRegressionEditor *self, GFile *file)
{
  g_autofree char *dir = study_dir (self);
  g_autoptr (GFile) base = g_file_new_for_path (dir);
  g_autofree char *rel = g_file_get_relative_path (base, file);
  g_autofree char *abs = g_file_get_path (file);
  g_autofree char *text = NULL;
  GtkWidget *path = g_hash_table_lookup (self->widgets, "source.path");

  text = g_strdup (rel != NULL ? rel : abs);
  /* A folder is written with a trailing slash, as the examples do. */
  if (g_file_test (abs, G_FILE_TEST_IS_DIR) && !g_str_has_suffix (text, "/"))
    {
      char *t = g_strconcat (text, "/", NULL);

      g_free (text);
      text = t;
    }
  gtk_editable_set_text (GTK_EDITABLE (path), text);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, PsRegressionEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ps_regression_editor_set_source_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_choose (PsRegressionEditor *self)
{
  gboolean folder = source_index (self) == SOURCE_FOLDER;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *dir = study_dir (self);
  g_autoptr (GFile) start = g_file_new_for_path (dir);

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (
      folder ? _ ("Folder of the specimens’ CSV files") : _ ("CSV file of the specimens"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Select"),
      _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  if (!folder)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _ ("CSV and text files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_pattern (filter, "*.CSV");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ---- the preview of the first file ------------------------------------------------ */

/* The preview shows at most this many data rows. */
#define PREVIEW_ROWS 20

void
_ps_regression_editor_refresh_preview (PsRegressionEditor *self)
{
  PsCsvPreview *preview = PS_CSV_PREVIEW (self->preview);
  JsonObject *src = _ps_regression_editor_source (self);
  const char *path = ps_gui_json_string (json_object_get_member (src, "path"));
  guint type = source_index (self);
  const char *error_path = ps_document_get_error_path (self->document);
  GFile *file = ps_document_get_file (self->document);
  g_autofree char *study_path = file ? g_file_get_path (file) : NULL;
  g_autoptr (PsRegressionPreview) p = NULL;
  g_autoptr (GError) error = NULL;

  ps_csv_preview_clear (preview, NULL);
  _ps_regression_editor_set_mismatch (self, "source.strain", NULL);
  _ps_regression_editor_set_mismatch (self, "source.stress", NULL);
  _ps_regression_editor_set_mismatch (self, "source.displacement", NULL);
  _ps_regression_editor_set_mismatch (self, "source.force", NULL);
  _ps_regression_editor_set_mismatch (self, "source.specimen_column", NULL);
  gtk_widget_set_visible (self->preview_frame, !is_synthetic (self));
  if (is_synthetic (self))
    return;
  if (path == NULL || *path == '\0')
    {
      ps_csv_preview_clear (preview,
                            type == SOURCE_FILE       ? _ ("Choose the CSV file of the specimens.")
                            : type == SOURCE_ONE_FILE ? _ ("Choose the CSV file of the specimen.")
                                                      : _ ("Choose the folder of the specimens’ "
                                                           "CSV files."));
      return;
    }
  if (!ps_regression_preview (src, study_path, PREVIEW_ROWS, &p, &error))
    {
      ps_csv_preview_clear (preview, error->message);
      return;
    }
  ps_csv_preview_show (preview, p);

  /* A name the header does not hold stops the run: the column's entry says so. With
   * separators the engine refuses, its reason is the one to show instead, as a
   * header cut at the wrong character names no column. */
  if (p->header_fields != NULL
      && !g_str_has_prefix (error_path ? error_path : "", "source.delimiter")
      && !g_str_has_prefix (error_path ? error_path : "", "source.decimal"))
    {
      const PsRegColumn *cols[3] = { &p->x, &p->y, &p->specimen };
      const char *paths[3]
          = { p->force_input ? "source.displacement" : "source.strain",
              p->force_input ? "source.force" : "source.stress", "source.specimen_column" };
      g_autofree char *base = g_path_get_basename (p->file);

      for (int c = 0; c < 3; c++)
        if (cols[c]->name != NULL && cols[c]->column < 0)
          {
            g_autofree char *m
                = g_strdup_printf (_ ("no column named “%s” in the header of %s (line %u)"),
                                   cols[c]->name, base, (guint)p->header_line);

            _ps_regression_editor_set_mismatch (self, paths[c], m);
          }
    }
}

/* ---- construction --------------------------------------------------------------- */

void
_ps_regression_editor_class_source_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_source_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose);
  g_type_ensure (PS_TYPE_CSV_PREVIEW);
}
