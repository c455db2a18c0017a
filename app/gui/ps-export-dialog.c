#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "ps-export-dialog.h"
#include "ps-gui-util.h"

/* The title block's text fields, in the order shown, by the study file's names. */
static const struct
{
  const char *name;
  const char *label;
  gsize offset;
} fields[] = {
  { "project", N_ ("_Project"), G_STRUCT_OFFSET (PsReportMeta, project) },
  { "job_number", N_ ("_Job number"), G_STRUCT_OFFSET (PsReportMeta, job_number) },
  { "element", N_ ("_Element"), G_STRUCT_OFFSET (PsReportMeta, element) },
  { "author", N_ ("_Author"), G_STRUCT_OFFSET (PsReportMeta, author) },
  { "checker", N_ ("_Checker"), G_STRUCT_OFFSET (PsReportMeta, checker) },
  { "date", N_ ("_Date"), G_STRUCT_OFFSET (PsReportMeta, date) },
  { "revision", N_ ("_Revision"), G_STRUCT_OFFSET (PsReportMeta, revision) },
};

#define N_FIELDS G_N_ELEMENTS (fields)

struct _PsExportDialog
{
  GtkWindow parent_instance;

  PsDocument *document;
  GtkWidget *format;
  GtkWidget *entries[N_FIELDS];
  GtkWidget *status;
  /* The formats in the drop-down's order (XLSX only when this build writes it). */
  PsExportFormat formats[3];
  guint n_formats;
};

G_DEFINE_FINAL_TYPE (PsExportDialog, ps_export_dialog, GTK_TYPE_WINDOW)

#define META_FIELD(meta, i) (*(char **)G_STRUCT_MEMBER_P ((gpointer)(meta), fields[i].offset))

/* ---- remembered per study ------------------------------------------------- */

static char *
memory_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "parastudy", "report-meta.ini", NULL);
}

/* The group a study's title block is kept under: its file, or its name when it was
 * never saved. */
static char *
memory_group (PsDocument *doc)
{
  GFile *file = ps_document_get_file (doc);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        return g_strdup (path);
    }
  return g_strconcat ("untitled:", ps_document_get_title (doc), NULL);
}

static PsReportMeta *
recall (PsDocument *doc)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = memory_file ();
  g_autofree char *group = memory_group (doc);
  PsReportMeta *meta;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL)
      || !g_key_file_has_group (kf, group))
    return NULL;
  meta = ps_report_meta_new ();
  for (guint i = 0; i < N_FIELDS; i++)
    META_FIELD (meta, i) = g_key_file_get_string (kf, group, fields[i].name, NULL);
  meta->status = (PsReportStatus)CLAMP (g_key_file_get_integer (kf, group, "status", NULL),
                                        PS_REPORT_STATUS_UNSET, PS_REPORT_STATUS_ISSUED);
  return meta;
}

static void
remember (PsDocument *doc, const PsReportMeta *meta)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = memory_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *group = memory_group (doc);
  g_autoptr (GError) error = NULL;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (kf, group, NULL);
  for (guint i = 0; i < N_FIELDS; i++)
    g_key_file_set_string (kf, group, fields[i].name,
                           META_FIELD (meta, i) != NULL ? META_FIELD (meta, i) : "");
  g_key_file_set_integer (kf, group, "status", meta->status);
  /* Forgetting the title block never fails the export that was written. */
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_key_file_save_to_file (kf, path, &error))
    g_message (_ ("the report's title block was not remembered: %s"),
               error != NULL ? error->message : g_strerror (errno));
}

/* ---- the dialog ----------------------------------------------------------- */

static PsReportMeta *
dialog_meta (PsExportDialog *self)
{
  PsReportMeta *meta = ps_report_meta_new ();

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text
          = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entries[i]))));

      /* An empty field leaves the study's own value. */
      META_FIELD (meta, i) = *text != '\0' ? g_steal_pointer (&text) : NULL;
    }
  meta->status = (PsReportStatus)gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status));
  return meta;
}

static const char *
format_suffix (PsExportFormat format)
{
  switch (format)
    {
    case PS_EXPORT_XLSX:
      return ".xlsx";
    case PS_EXPORT_HTML:
      return ".html";
    case PS_EXPORT_PDF:
    default:
      return ".pdf";
    }
}

static PsExportFormat
selected_format (PsExportDialog *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->format));

  return i < self->n_formats ? self->formats[i] : PS_EXPORT_PDF;
}

gboolean
ps_export_dialog_write (PsExportDialog *self, const char *path, GError **error)
{
  const PsDocumentResult *r;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsReportMeta) meta = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *saved = NULL;
  GFile *file;
  PsExportOptions opts;

  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  r = ps_document_get_result (self->document);
  if (r == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Run the study before exporting its results"));
      return FALSE;
    }
  study = ps_document_dup_study (self->document, error);
  if (study == NULL)
    return FALSE;
  meta = dialog_meta (self);
  ps_export_options_init (&opts);
  opts.format = selected_format (self);
  paper = g_settings_get_string (ps_gui_settings (), "report-paper-size");
  opts.report.paper = g_strcmp0 (paper, "letter") == 0 ? PS_PAPER_LETTER : PS_PAPER_A4;
  opts.report.meta = meta;
  /* The study reported is the editor's text: the file as saved gives the provenance,
   * and the DRAFT mark when the two differ. */
  file = ps_document_get_file (self->document);
  saved = file != NULL ? g_file_get_path (file) : NULL;
  opts.report.saved_path = saved;
  if (!ps_export_write (study, r->dir, &opts, path, error))
    return FALSE;
  remember (self->document, meta);
  return TRUE;
}

static void
on_save_response (GtkNativeDialog *chooser, int response, PsExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (dest);
      g_autoptr (GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path == NULL)
        msg = g_strdup (_ ("The export can only be written to a local file"));
      else if (!ps_export_dialog_write (self, path, &error))
        msg = g_strdup_printf (_ ("Could not export: %s"), error->message);
      if (msg != NULL)
        {
          GtkWidget *alert = gtk_message_dialog_new (
              GTK_WINDOW (self), GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", msg);

          g_signal_connect (alert, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (alert));
        }
      else
        gtk_window_destroy (GTK_WINDOW (self));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_clicked (PsExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (
      _ ("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  name = g_strconcat (ps_document_get_title (self->document),
                      format_suffix (selected_format (self)), NULL);
  g_strdelimit (name, "/\\", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
ps_export_dialog_get_field (PsExportDialog *self, const char *name)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].name, name))
      return self->entries[i];
  return NULL;
}

void
ps_export_dialog_set_status (PsExportDialog *self, PsReportStatus status)
{
  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status), status);
}

gboolean
ps_export_dialog_set_format (PsExportDialog *self, PsExportFormat format)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), FALSE);
  for (guint i = 0; i < self->n_formats; i++)
    if (self->formats[i] == format)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->format), i);
        return TRUE;
      }
  return FALSE;
}

static void
ps_export_dialog_dispose (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (ps_export_dialog_parent_class)->dispose (object);
}

static void
ps_export_dialog_class_init (PsExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_export_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
add_row (GtkGrid *grid, int row, const char *label, GtkWidget *widget)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static void
ps_export_dialog_init (PsExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_ ("_Export…"));
  g_autoptr (GtkStringList) formats = gtk_string_list_new (NULL);
  const char *status_names[]
      = { C_ ("report status", "(not set)"), C_ ("report status", "Draft"),
          C_ ("report status", "For checking"), C_ ("report status", "Issued"), NULL };
  g_autofree char *markup = NULL;
  int row = 0;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Export"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  gtk_string_list_append (formats, _ ("PDF report"));
  self->formats[self->n_formats++] = PS_EXPORT_PDF;
  gtk_string_list_append (formats, _ ("HTML report (one self-contained file)"));
  self->formats[self->n_formats++] = PS_EXPORT_HTML;
  if (ps_export_have_xlsx ())
    {
      gtk_string_list_append (formats, _ ("XLSX workbook"));
      self->formats[self->n_formats++] = PS_EXPORT_XLSX;
    }
  self->format = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&formats)), NULL);
  add_row (GTK_GRID (grid), row++, _ ("_Format"), self->format);

  markup = g_markup_printf_escaped ("<b>%s</b>", _ ("Title block"));
  gtk_label_set_markup (GTK_LABEL (heading), markup);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 6);
  gtk_grid_attach (GTK_GRID (grid), heading, 0, row++, 2, 1);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      self->entries[i] = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (self->entries[i]), TRUE);
      add_row (GTK_GRID (grid), row++, _ (fields[i].label), self->entries[i]);
    }
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entries[5]), _ ("today"));
  self->status = gtk_drop_down_new_from_strings (status_names);
  add_row (GTK_GRID (grid), row++, _ ("_Status"), self->status);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), export);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);

  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);
}

GtkWidget *
ps_export_dialog_new (GtkWindow *parent, PsDocument *document)
{
  PsExportDialog *self = g_object_new (PS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr (PsReportMeta) remembered = recall (document);
  const PsStudy *study = ps_document_get_study (document);
  const PsReportMeta *meta
      = remembered != NULL ? remembered : (study != NULL ? ps_study_get_report_meta (study) : NULL);

  self->document = g_object_ref (document);
  if (meta != NULL)
    {
      for (guint i = 0; i < N_FIELDS; i++)
        if (META_FIELD (meta, i) != NULL)
          gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), META_FIELD (meta, i));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status), meta->status);
    }
  return GTK_WIDGET (self);
}
