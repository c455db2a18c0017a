#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "parastudy-window-private.h"
#include "ps-backend-picker.h"
#include "ps-export-dialog.h"
#include "ps-gui-chart.h"
#include "ps-gui-util.h"
#include "ps-mpi-run.h"
#include "ps-run-task.h"
#include "report/ps-report.h"

/* ---- what can be done now ------------------------------------------------- */

static void
set_enabled (ParastudyWindow *self, const char *name, gboolean enabled)
{
  GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (a != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (a), enabled);
}

/* The Resume bar: shown while the current study's results folder holds the
 * checkpoint of an interrupted run of this very study (ps_run_dir_find_checkpoint). */
static void
update_resume (ParastudyWindow *self, gboolean can_run)
{
  g_autoptr (PsStudy) study = NULL;
  g_autofree char *dir = NULL;
  PsCheckpointInfo info;
  gboolean found = FALSE;

  if (can_run)
    study = ps_document_dup_study (self->current, NULL);
  if (study != NULL)
    {
      dir = ps_run_task_default_dir (study);
      found = ps_run_dir_find_checkpoint (dir, study, &info, NULL);
    }
  if (found)
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (info.started, NULL);
      g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when
          = local != NULL ? g_date_time_format (local, "%x %X") : g_strdup (info.started);
      g_autofree char *text = g_strdup_printf (
          _ ("The run of this study started %s was interrupted after %" PRIu64 " of %" PRIu64
             " items (%.0f s of work): Resume goes on from there."),
          when, info.items_done, info.items, info.elapsed_seconds);

      gtk_label_set_text (GTK_LABEL (self->resume_label), text);
      ps_checkpoint_info_clear (&info);
    }
  set_enabled (self, "resume", found);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->resume_bar), found);
}

void
_parastudy_window_update_actions (ParastudyWindow *self)
{
  gboolean running = self->running != NULL;
  gboolean has_doc = self->current != NULL;
  g_autofree char *blocker = has_doc ? ps_document_dup_blocker (self->current) : NULL;
  PsBackendPicker *picker = PS_BACKEND_PICKER (self->backend_picker);
  gboolean backend_ok = ps_backend_picker_get_backend (picker) != NULL;
  gboolean has_result = has_doc && ps_document_get_result (self->current) != NULL;
  gboolean can_run = has_doc && !running && blocker == NULL && backend_ok;

  set_enabled (self, "save", has_doc);
  set_enabled (self, "save-as", has_doc);
  set_enabled (self, "close-study", has_doc && self->current != self->running);
  set_enabled (self, "run", can_run);
  set_enabled (self, "cancel", running);
  set_enabled (self, "export-report", has_result);
  set_enabled (self, "export", has_result);
  set_enabled (self, "export-csv", has_result && self->table_path != NULL);
  set_enabled (self, "export-chart",
               self->chart != NULL && ps_gui_chart_get_n_points (PS_GUI_CHART (self->chart)) > 0);
  set_enabled (self, "copy-summary", has_result);
  gtk_widget_set_visible (self->cancel_button, running);
  update_resume (self, can_run);

  if (!has_doc)
    gtk_widget_set_tooltip_text (self->run_button, _ ("Open or create a study first"));
  else if (running)
    gtk_widget_set_tooltip_text (self->run_button, _ ("A run is going: cancel it with Esc"));
  else if (blocker != NULL)
    {
      GtkWidget *editor = parastudy_window_get_editor (self);
      PsFieldSet *fields = editor ? g_object_get_data (G_OBJECT (editor), "ps-field-set") : NULL;
      g_autofree char *words
          = fields ? ps_field_set_in_words (fields, blocker, TRUE) : g_strdup (blocker);
      g_autofree char *tip = g_strdup_printf (_ ("Cannot run: %s"), words);

      gtk_widget_set_tooltip_text (self->run_button, tip);
    }
  else if (!backend_ok)
    gtk_widget_set_tooltip_text (self->run_button, ps_backend_picker_get_reason (picker));
  else
    gtk_widget_set_tooltip_text (self->run_button, _ ("Run the study (Ctrl+R)"));
}

/* ---- opening and saving --------------------------------------------------- */

static void
on_open_response (GtkNativeDialog *dialog, int response, ParastudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) f = g_list_model_get_item (files, i);

          parastudy_window_open_file (self, f);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Study files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
action_open (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  GtkFileChooserNative *dialog
      = gtk_file_chooser_native_new (_ ("Open a Study"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = json_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void save_as (ParastudyWindow *self, PsDocument *doc, gboolean close_after);

static gboolean
save_to (ParastudyWindow *self, PsDocument *doc, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (!ps_document_save (doc, file, &error))
    {
      g_autofree char *msg
          = g_strdup_printf (_ ("Could not save: %s (your edits are kept)"), error->message);

      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, msg);
      return FALSE;
    }
  _parastudy_window_add_recent (file);
  _parastudy_window_hide_message (self);
  _parastudy_window_update_title (self);
  return TRUE;
}

typedef struct
{
  ParastudyWindow *self;
  PsDocument *doc;
  gboolean close_after;
} SaveAsData;

static void
on_save_as_response (GtkNativeDialog *dialog, int response, SaveAsData *d)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (save_to (d->self, d->doc, file) && d->close_after)
        _parastudy_window_remove_document (d->self, d->doc);
    }
  g_object_unref (d->doc);
  g_free (d);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (ParastudyWindow *self, PsDocument *doc, gboolean close_after)
{
  GtkFileChooserNative *dialog
      = gtk_file_chooser_native_new (_ ("Save the Study"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = json_filter ();
  SaveAsData *d = g_new0 (SaveAsData, 1);
  g_autofree char *name = ps_document_dup_file_name (doc);

  d->self = self;
  d->doc = g_object_ref (doc);
  d->close_after = close_after;
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (ps_document_get_file (doc) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), ps_document_get_file (doc), NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
is_example (GFile *file)
{
  g_autoptr (GFile) dir = g_file_new_for_path (parastudy_application_get_examples_dir ());
  g_autoptr (GFile) parent = g_file_get_parent (file);

  return parent != NULL && g_file_equal (parent, dir);
}

static void
save (ParastudyWindow *self, PsDocument *doc, gboolean close_after)
{
  GFile *file = ps_document_get_file (doc);

  /* Examples open read-only in spirit: saving one asks where to put the copy. */
  if (file == NULL || is_example (file))
    save_as (self, doc, close_after);
  else if (save_to (self, doc, file) && close_after)
    _parastudy_window_remove_document (self, doc);
}

static void
action_save (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;

  if (self->current != NULL)
    save (self, self->current, FALSE);
}

static void
action_save_as (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;

  if (self->current != NULL)
    save_as (self, self->current, FALSE);
}

static void
new_study (ParastudyWindow *self, const char *kind_name)
{
  const PsKindClass *kind = ps_kind_lookup (kind_name);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDocument) doc = NULL;
  JsonObject *root;

  g_autofree char *resource = NULL;
  g_autoptr (GBytes) small = NULL;

  if (kind == NULL || kind->hidden || kind->example == NULL)
    return;
  /* A small study that runs in a moment (issue 19 item 14); the kind's own example is
   * the big one the command line shows. */
  resource = g_strdup_printf ("/org/parastudy/Parastudy/new-studies/%s.json", kind->name);
  small = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  doc = ps_document_new_from_data (small != NULL ? g_bytes_get_data (small, NULL) : kind->example,
                                   NULL, &error);
  if (doc == NULL)
    {
      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  root = ps_document_get_root (doc);
  json_object_set_string_member (root, "name", _ (kind->title_new));
  json_object_remove_member (root, "description");
  {
    /* Made again from its text, so that its title and validation are the new name's. */
    g_autofree char *json = ps_document_dup_json (doc);

    g_clear_object (&doc);
    doc = ps_document_new_from_data (json, NULL, &error);
    g_assert (doc != NULL);
  }
  _parastudy_window_add_document (self, doc);
}

static void
action_new_study (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  new_study (user_data, g_variant_get_string (param, NULL));
}

static void
action_new_example (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  parastudy_window_open_file (self, file);
}

static void
action_open_recent (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  parastudy_window_open_file (self, file);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

/* New ▸ a study of each kind the engine offers, from the kind's example. */
static void
fill_kinds_menu (ParastudyWindow *self)
{
  const PsKindClass *const *kinds = ps_kinds_list ();

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = NULL;

      if (kinds[i]->hidden || kinds[i]->example == NULL)
        continue;
      item = g_menu_item_new (_ (kinds[i]->label), NULL);
      g_menu_item_set_action_and_target_value (item, "win.new-study",
                                               g_variant_new_string (kinds[i]->name));
      g_menu_append_item (self->kinds_menu, item);
    }
}

static void
fill_examples_menu (ParastudyWindow *self)
{
  const char *dir = parastudy_application_get_examples_dir ();
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (d == NULL)
    return;
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (PsDocument) doc = ps_document_new_from_file (file, NULL);
      g_autoptr (GMenuItem) item = NULL;

      item = g_menu_item_new (doc ? ps_document_get_title (doc) : names->pdata[i], NULL);
      g_menu_item_set_action_and_target_value (item, "win.new-example",
                                               g_variant_new_string (path));
      g_menu_append_item (self->examples_menu, item);
    }
}

static void
fill_recent_menu (ParastudyWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr (GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".json") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

/* ---- closing with unsaved changes ----------------------------------------- */

enum
{
  RESPONSE_DISCARD = 1,
  RESPONSE_SAVE = 2,
  RESPONSE_SAVE_ALL = 3,
};

static void
on_close_study_response (GtkDialog *dialog, int response, ParastudyWindow *self)
{
  PsDocument *doc = g_object_get_data (G_OBJECT (dialog), "document");

  if (response == RESPONSE_DISCARD)
    _parastudy_window_remove_document (self, doc);
  else if (response == RESPONSE_SAVE)
    save (self, doc, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
confirm_dialog (ParastudyWindow *self, const char *primary, const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (
      GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
      GTK_BUTTONS_NONE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Discard"), RESPONSE_DISCARD);
  gtk_widget_add_css_class (
      gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), RESPONSE_DISCARD),
      "destructive-action");
  return dialog;
}

static void
close_study (ParastudyWindow *self, PsDocument *doc)
{
  GtkWidget *dialog;
  g_autofree char *primary = NULL;

  if (!ps_document_get_dirty (doc))
    {
      _parastudy_window_remove_document (self, doc);
      return;
    }
  primary = g_strdup_printf (_ ("Save the changes to “%s”?"), ps_document_get_title (doc));
  dialog = confirm_dialog (self, primary, _ ("Closing without saving loses them."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Save"), RESPONSE_SAVE);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SAVE);
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (doc), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_study_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_close_study (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;

  if (self->current != NULL)
    close_study (self, self->current);
}

/* Save All on quitting: the studies with a file of their own are written at once;
 * each of the others asks where, one after the other. The window closes when every
 * one is saved; a file chooser cancelled or a failed save keeps it open. */
typedef struct
{
  ParastudyWindow *self;
  GPtrArray *ask; /* PsDocument, strong */
} SaveAllData;

static void
save_all_free (SaveAllData *d)
{
  g_ptr_array_unref (d->ask);
  g_object_unref (d->self);
  g_free (d);
}

static void save_all_next (SaveAllData *d);

static void
on_save_all_response (GtkNativeDialog *dialog, int response, SaveAllData *d)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      saved = save_to (d->self, g_ptr_array_index (d->ask, 0), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (!saved)
    {
      save_all_free (d);
      return;
    }
  g_ptr_array_remove_index (d->ask, 0);
  save_all_next (d);
}

static void
save_all_next (SaveAllData *d)
{
  PsDocument *doc;
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (d->ask->len == 0)
    {
      /* Closed while @d still holds the window. */
      d->self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (d->self));
      save_all_free (d);
      return;
    }
  doc = g_ptr_array_index (d->ask, 0);
  name = ps_document_dup_file_name (doc);
  title = g_strdup_printf (_ ("Save “%s”"), ps_document_get_title (doc));
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (d->self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _ ("_Save"), _ ("_Cancel"));
  filter = json_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_all_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_all_and_close (ParastudyWindow *self)
{
  SaveAllData *d = g_new0 (SaveAllData, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  d->self = g_object_ref (self);
  d->ask = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PsDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      GFile *file = ps_document_get_file (doc);

      if (!ps_document_get_dirty (doc))
        continue;
      if (file == NULL || is_example (file))
        g_ptr_array_add (d->ask, g_object_ref (doc));
      else if (!save_to (self, doc, file))
        {
          save_all_free (d);
          return;
        }
    }
  save_all_next (d);
}

static void
on_close_window_response (GtkDialog *dialog, int response, ParastudyWindow *self)
{
  /* The dialog lives on until its response has been emitted, after the window may be
   * gone: it lets go of the window now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_DISCARD)
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (response == RESPONSE_SAVE_ALL)
    save_all_and_close (self);
}

gboolean
_parastudy_window_close_request (GtkWindow *window)
{
  ParastudyWindow *self = PARASTUDY_WINDOW (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  g_autoptr (GString) names = g_string_new (NULL);
  guint dirty = 0;
  GtkWidget *dialog;

  if (self->force_close)
    {
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PsDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (ps_document_get_dirty (doc))
        {
          g_string_append_printf (names, "%s“%s”", dirty ? ", " : "", ps_document_get_title (doc));
          dirty++;
        }
    }
  if (dirty == 0)
    {
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return FALSE;
    }
  {
    g_autofree char *secondary
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has changes that are not saved.",
                                        "%s have changes that are not saved.", dirty),
                           names->str);

    dialog = confirm_dialog (self, _ ("Save the changes before closing?"), secondary);
  }
  /* One question for every study (issue 19 item 14). */
  gtk_dialog_add_button (GTK_DIALOG (dialog), dirty > 1 ? _ ("Save _All") : _ ("_Save"),
                         RESPONSE_SAVE_ALL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SAVE_ALL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_window_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- running -------------------------------------------------------------- */

static void
on_run_progress (const PsProgress *p, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  double frac = p->items_total ? (double)p->items_done / (double)p->items_total : 0;
  const PsStudy *study = self->running ? ps_document_get_study (self->running) : NULL;
  g_autofree char *text = NULL, *label = NULL;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), CLAMP (frac, 0, 1));
  /* In the study's own terms: samples, configurations, specimens (issue 19 item 13). */
  ps_progress_describe (study, p, &text, &label);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  gtk_label_set_text (GTK_LABEL (self->progress_label), label);
}

static void
end_run (ParastudyWindow *self)
{
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->running);
  _parastudy_window_update_actions (self);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  g_autoptr (GError) error = NULL;
  PsDocumentResult *r = ps_mpi_run_is_result (result) ? ps_mpi_run_finish (result, &error)
                                                      : ps_run_task_finish (result, &error);
  PsDocument *doc = self->running ? g_object_ref (self->running) : NULL;

  end_run (self);
  gtk_label_set_text (GTK_LABEL (self->progress_label), "");
  if (r == NULL)
    {
      if (g_error_matches (error, PS_ERROR, PS_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_ ("Run cancelled: %s"), error->message);

          gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Cancelled"));
          _parastudy_window_show_message (self, GTK_MESSAGE_INFO, msg);
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_ ("The run failed: %s"), error->message);

          gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Failed"));
          _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, msg);
        }
    }
  else if (r->stopped)
    {
      /* Cancelled part way, the samples so far kept (ps-run-task.c). */
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Stopped by user"));
      _parastudy_window_show_message (
          self, GTK_MESSAGE_INFO,
          _ ("Run cancelled: stopped by user. The result of the samples computed so far is "
             "kept and shown."));
      if (doc != NULL)
        {
          ps_document_set_result (doc, r);
          if (doc == self->current)
            gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "summary");
        }
      else
        ps_document_result_free (r);
    }
  else
    {
      const PsBackend *b = ps_backend_lookup (r->backend);
      g_autofree char *text = g_strdup_printf (_ ("Done in %.2f s"), r->wall_seconds);
      /* The run bar is short at 1024 pixels: where it ran is in the tooltip, with
       * the backend's translated name. */
      g_autofree char *tip = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Done in %.2f s on %s, %d worker",
                       "Done in %.2f s on %s, %d workers", (gulong)MAX (r->workers, 0)),
          r->wall_seconds, b != NULL ? ps_backend_picker_label (b) : r->backend, r->workers);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 1.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
      gtk_widget_set_tooltip_text (self->progress_bar, tip);
      gtk_label_set_text (GTK_LABEL (self->progress_label), "");
      _parastudy_window_hide_message (self);
      if (doc != NULL)
        {
          ps_document_set_result (doc, r);
          if (doc == self->current)
            gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "summary");
        }
      else
        ps_document_result_free (r);
    }
  g_clear_object (&doc);
  g_object_unref (self);
}

/* Runs the current study, or with @resume goes on with its interrupted run. */
static void
start_run (ParastudyWindow *self, gboolean resume)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  PsStudy *study;
  PsRunRequest req = { 0 };
  PsBackendPicker *picker = PS_BACKEND_PICKER (self->backend_picker);
  const PsBackend *backend = ps_backend_picker_get_backend (picker);

  if (self->current == NULL || self->running != NULL || backend == NULL)
    return;
  study = ps_document_dup_study (self->current, &error);
  if (study == NULL)
    {
      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  dir = ps_run_task_default_dir (study);
  req.backend = backend->name;
  req.workers = ps_backend_picker_get_workers (picker);
  /* Rows for up to a million items, as the command line does by default. */
  req.rows
      = ps_study_get_n_items (study) <= 1000000 || self->rows_all_once ? PS_ROWS_ALL : PS_ROWS_NONE;
  self->rows_all_once = FALSE;
  req.dir = dir;
  if (resume)
    {
      PsCheckpointInfo info;

      if (backend->flags & PS_BACKEND_NEEDS_LAUNCHER)
        {
          ps_study_free (study);
          _parastudy_window_show_message (
              self, GTK_MESSAGE_ERROR,
              _ ("An interrupted run resumes on this computer's backends: choose serial, "
                 "threads or processes"));
          return;
        }
      if (!ps_run_dir_find_checkpoint (dir, study, &info, &error))
        {
          ps_study_free (study);
          _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
          _parastudy_window_update_actions (self);
          return;
        }
      /* The rows of the run it resumes: the engine refuses other rows. */
      req.rows = info.rows;
      req.resume = TRUE;
      ps_checkpoint_info_clear (&info);
    }

  self->running = g_object_ref (self->current);
  self->run_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Starting…"));
  gtk_widget_set_tooltip_text (self->progress_bar, NULL);
  gtk_label_set_text (GTK_LABEL (self->progress_label), "");
  _parastudy_window_hide_message (self);
  _parastudy_window_update_actions (self);
  if (backend->flags & PS_BACKEND_NEEDS_LAUNCHER)
    {
      /* Such a run is outside this process: the launcher and parastudy-cli
       * (ps-mpi-run.h). */
      PsMpiRunRequest mreq = { 0 };

      mreq.backend = backend;
      mreq.workers = req.workers;
      mreq.threads_per_worker = ps_backend_picker_get_threads_per_worker (picker);
      mreq.hostfile = ps_backend_picker_get_hostfile (picker);
      mreq.rows = req.rows;
      mreq.dir = dir;
      ps_study_free (study);
      ps_mpi_run_start (self->running, &mreq, self->run_cancellable, on_run_progress, self,
                        on_run_done, g_object_ref (self));
      return;
    }
  if ((backend->flags & PS_BACKEND_WORKER_THREADS) && backend->set_worker_threads != NULL)
    backend->set_worker_threads (ps_backend_picker_get_threads_per_worker (picker));
  ps_run_task_start (study, &req, self->run_cancellable, on_run_progress, self, on_run_done,
                     g_object_ref (self));
}

static void
action_run (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  start_run (user_data, FALSE);
}

static void
action_resume (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  start_run (user_data, TRUE);
}

static void
action_cancel (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;

  if (self->run_cancellable != NULL)
    {
      g_cancellable_cancel (self->run_cancellable);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Cancelling…"));
    }
}

static void
action_copy_summary (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  const PsDocumentResult *r = self->current ? ps_document_get_result (self->current) : NULL;

  if (r != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), r->summary_text);
}

static void
on_export_csv_response (GtkNativeDialog *dialog, int response, ParastudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->table_path != NULL)
    {
      g_autoptr (GFile) dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GFile) src = g_file_new_for_path (self->table_path);
      g_autoptr (GError) error = NULL;

      if (!g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_export_csv (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  GtkFileChooserNative *dialog;
  g_autofree char *base = NULL;

  if (self->table_path == NULL)
    return;
  base = g_path_get_basename (self->table_path);
  dialog = gtk_file_chooser_native_new (_ ("Export Results"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), base);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_csv_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- report --------------------------------------------------------------- */

gboolean
parastudy_window_export_report (ParastudyWindow *self, const char *path, GError **error)
{
  const PsDocumentResult *r;
  g_autoptr (PsStudy) study = NULL;
  g_autofree char *paper = NULL;
  PsReportOptions opts;

  g_return_val_if_fail (path != NULL, FALSE);
  r = self->current != NULL ? ps_document_get_result (self->current) : NULL;
  if (r == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Run the study before exporting its report"));
      return FALSE;
    }
  study = ps_document_dup_study (self->current, error);
  if (study == NULL)
    return FALSE;
  ps_report_options_init (&opts);
  paper = g_settings_get_string (ps_gui_settings (), "report-paper-size");
  opts.paper = g_strcmp0 (paper, "letter") == 0 ? PS_PAPER_LETTER : PS_PAPER_A4;
  opts.format = g_str_has_suffix (path, ".html") || g_str_has_suffix (path, ".htm") ? PS_REPORT_HTML
                                                                                    : PS_REPORT_PDF;
  /* ps_report_write writes a temporary file and renames it: a failure leaves the
   * destination as it was. */
  return ps_report_write (study, r->dir, &opts, path, error) > 0;
}

static void
on_export_report_response (GtkNativeDialog *dialog, int response, ParastudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (dest);
      g_autoptr (GError) error = NULL;

      if (path == NULL)
        _parastudy_window_show_message (self, GTK_MESSAGE_ERROR,
                                        _ ("The report can only be written to a local file"));
      else if (!parastudy_window_export_report (self, path, &error))
        {
          g_autofree char *msg
              = g_strdup_printf (_ ("Could not write the report: %s"), error->message);

          _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, msg);
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_ ("Wrote the report %s"), path);

          _parastudy_window_show_message (self, GTK_MESSAGE_INFO, msg);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_export_report (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  GtkFileChooserNative *dialog;
  GtkFileFilter *pdf = gtk_file_filter_new ();
  GtkFileFilter *html = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->current == NULL || ps_document_get_result (self->current) == NULL)
    return;
  name = g_strdup_printf ("%s.pdf", ps_document_get_title (self->current));
  g_strdelimit (name, "/\\", '_');
  dialog = gtk_file_chooser_native_new (_ ("Export the Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_filter_set_name (pdf, _ ("PDF report"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_filter_set_name (html, _ ("HTML report"));
  gtk_file_filter_add_pattern (html, "*.html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), html);
  g_object_unref (pdf);
  g_object_unref (html);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_report_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_export (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;

  if (self->current == NULL || ps_document_get_result (self->current) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (ps_export_dialog_new (GTK_WINDOW (self), self->current)));
}

static void
on_export_chart_response (GtkNativeDialog *dialog, int response, ParastudyWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      if (!g_str_has_suffix (path, ".svg") && !g_str_has_suffix (path, ".pdf")
          && !g_str_has_suffix (path, ".png"))
        {
          char *with = g_strconcat (path, ".png", NULL);

          g_free (path);
          path = with;
        }
      if (!ps_gui_chart_export (PS_GUI_CHART (self->chart), path, 900, 600, &error))
        _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_export_chart (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  GtkFileChooserNative *dialog
      = gtk_file_chooser_native_new (_ ("Export the Chart"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  const struct
  {
    const char *name, *pattern;
  } kinds[] = { { N_ ("PNG image"), "*.png" },
                { N_ ("SVG drawing"), "*.svg" },
                { N_ ("PDF document"), "*.pdf" } };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (GtkFileFilter) f = gtk_file_filter_new ();

      gtk_file_filter_set_name (f, _ (kinds[i].name));
      gtk_file_filter_add_pattern (f, kinds[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), f);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "chart.png");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_chart_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- the actions ---------------------------------------------------------- */

static const GActionEntry win_actions[] = {
  { "new-study", action_new_study, "s" },
  { "new-example", action_new_example, "s" },
  { "open", action_open },
  { "open-recent", action_open_recent, "s" },
  { "save", action_save },
  { "save-as", action_save_as },
  { "close-study", action_close_study },
  { "run", action_run },
  { "resume", action_resume },
  { "cancel", action_cancel },
  { "export", action_export },
  { "export-report", action_export_report },
  { "export-csv", action_export_csv },
  { "export-chart", action_export_chart },
  { "copy-summary", action_copy_summary },
};

void
_parastudy_window_actions_init (ParastudyWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  fill_kinds_menu (self);
  fill_examples_menu (self);
  fill_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (fill_recent_menu), self, G_CONNECT_SWAPPED);
}
