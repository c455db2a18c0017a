#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "parastudy-window-private.h"
#include "parastudy-window.h"
#include "ps-backend-picker.h"
#include "ps-beam-editor.h"
#include "ps-csv-model.h"
#include "ps-gui-chart.h"
#include "ps-gui-util.h"
#include "ps-mpi-run.h"
#include "ps-regression-editor.h"
#include "ps-reliability-editor.h"
#include "ps-run-task.h"
#include "ps-scaling-view.h"
#include "plot/ps-plot-study.h"
#include "report/ps-report.h"

struct _ParastudyWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children. */
  GtkWidget *info_bar;
  GtkWidget *info_label;
  GtkWidget *sidebar;
  GtkWidget *view_stack;
  GtkWidget *editor_stack;
  GtkWidget *summary_title;
  GtkWidget *summary_grid;
  GtkWidget *passing_only;
  GtkWidget *table_info;
  GtkWidget *table_scroller;
  GtkWidget *table_view;
  GtkWidget *chart_type;
  GtkWidget *chart_x;
  GtkWidget *chart_y;
  GtkWidget *chart_readout;
  GtkWidget *chart_holder;
  GtkWidget *scaling_holder;
  GtkWidget *scaling_view;
  GtkWidget *backend_picker;
  GtkWidget *run_button;
  GtkWidget *cancel_button;
  GtkWidget *progress_bar;
  GtkWidget *progress_label;
  GMenu *examples_menu;
  GMenu *recent_menu;

  GListStore *documents;
  PsDocument *current;
  gboolean info_visible;

  GCancellable *run_cancellable;
  PsDocument *running; /* strong while a run is going */

  GHashTable *summary_values; /* key -> GtkLabel */
  PsCsvModel *table_model;
  char *table_path;
  GtkWidget *chart;
  PsRunData *run_data; /* the current result's run folder, for the engine's charts */
  PsStudy *run_study;  /* the study @run_data was checked against */
  const PsChartInfo *kind_charts;
  guint n_kind_charts;
  int probe_column;
  gboolean chart_updating;
  gboolean force_close;
};

G_DEFINE_FINAL_TYPE (ParastudyWindow, parastudy_window, GTK_TYPE_APPLICATION_WINDOW)

static void update_actions (ParastudyWindow *self);
static void show_result (ParastudyWindow *self);

/* ---- info bar ------------------------------------------------------------- */

static void
show_message (ParastudyWindow *self, GtkMessageType type, const char *message)
{
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->info_bar), type);
  gtk_label_set_text (GTK_LABEL (self->info_label), message);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), TRUE);
  self->info_visible = TRUE;
}

static void
hide_message (ParastudyWindow *self)
{
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), FALSE);
  self->info_visible = FALSE;
}

static void
on_info_bar_response (ParastudyWindow *self, int response)
{
  hide_message (self);
}

/* ---- actions and run bar state -------------------------------------------- */

static void
set_enabled (ParastudyWindow *self, const char *name, gboolean enabled)
{
  GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (a != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (a), enabled);
}

static void
update_actions (ParastudyWindow *self)
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
  set_enabled (self, "export-csv", has_result && self->table_path != NULL);
  set_enabled (self, "export-chart",
               self->chart != NULL && ps_gui_chart_get_n_points (PS_GUI_CHART (self->chart)) > 0);
  set_enabled (self, "copy-summary", has_result);
  gtk_widget_set_visible (self->cancel_button, running);

  if (!has_doc)
    gtk_widget_set_tooltip_text (self->run_button, _ ("Open or create a study first"));
  else if (running)
    gtk_widget_set_tooltip_text (self->run_button, _ ("A run is going: cancel it with Esc"));
  else if (blocker != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_ ("Cannot run: %s"), blocker);

      gtk_widget_set_tooltip_text (self->run_button, tip);
    }
  else if (!backend_ok)
    gtk_widget_set_tooltip_text (self->run_button, ps_backend_picker_get_reason (picker));
  else
    gtk_widget_set_tooltip_text (self->run_button, _ ("Run the study (Ctrl+R)"));
}

/* ---- sidebar -------------------------------------------------------------- */

static void
update_row (GtkWidget *row, PsDocument *doc)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *mark = gtk_widget_get_next_sibling (title);
  GFile *file = ps_document_get_file (doc);
  g_autofree char *path = file ? g_file_get_parse_name (file) : NULL;

  gtk_label_set_text (GTK_LABEL (title), ps_document_get_title (doc));
  gtk_widget_set_visible (mark, ps_document_get_dirty (doc));
  gtk_widget_set_tooltip_text (row, path ? path : _ ("Not saved yet"));
}

static void
on_doc_notify (PsDocument *doc, GParamSpec *pspec, GtkWidget *row)
{
  update_row (row, doc);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  PsDocument *doc = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *mark = gtk_label_new ("●");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (mark, "dirty-mark");
  gtk_widget_set_tooltip_text (mark, _ ("Modified since it was saved"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "document", doc);
  g_signal_connect_object (doc, "notify", G_CALLBACK (on_doc_notify), row, 0);
  update_row (row, doc);
  return row;
}

static void
update_title (ParastudyWindow *self)
{
  g_autofree char *title = NULL;

  if (self->current == NULL)
    title = g_strdup (_ ("Parastudy"));
  else
    title = g_strdup_printf ("%s%s — %s", ps_document_get_dirty (self->current) ? "• " : "",
                             ps_document_get_title (self->current), _ ("Parastudy"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static char *
page_name (PsDocument *doc)
{
  return g_strdup_printf ("doc-%p", (void *)doc);
}

static GtkWidget *
create_editor (PsDocument *doc)
{
  const char *kind = ps_document_get_kind (doc);

  if (g_strcmp0 (kind, "beam") == 0)
    return ps_beam_editor_new (doc);
  if (g_strcmp0 (kind, "reliability") == 0)
    return ps_reliability_editor_new (doc);
  if (g_strcmp0 (kind, "regression") == 0)
    return ps_regression_editor_new (doc);
  else
    {
      /* Kinds without a form (a file whose kind is wrong) show the file and its
       * validation, so they can still be saved. */
      g_autofree char *json = ps_document_dup_json (doc);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *note = gtk_label_new (NULL);
      GtkWidget *view = gtk_text_view_new ();
      g_autofree char *text
          = g_strdup_printf (_ ("There is no form for “%s” studies in this version; the file is "
                                "shown as it is."),
                             kind ? kind : "?");

      gtk_label_set_text (GTK_LABEL (note), text);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), json, -1);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_widget_set_vexpand (view, TRUE);
      gtk_box_append (GTK_BOX (box), note);
      gtk_box_append (GTK_BOX (box), view);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 12);
      return box;
    }
}

static void
on_document_changed (PsDocument *doc, ParastudyWindow *self)
{
  if (doc == self->current)
    {
      ps_scaling_view_set_document (PS_SCALING_VIEW (self->scaling_view), doc);
      update_actions (self);
      update_title (self);
    }
}

static void
on_document_result_changed (PsDocument *doc, ParastudyWindow *self)
{
  if (doc == self->current)
    {
      show_result (self);
      update_actions (self);
    }
}

static void
select_document (ParastudyWindow *self, PsDocument *doc)
{
  g_autofree char *name = NULL;

  if (self->current == doc)
    return;
  self->current = doc;
  if (doc == NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->editor_stack), "empty");
  else
    {
      name = page_name (doc);
      if (gtk_stack_get_child_by_name (GTK_STACK (self->editor_stack), name) == NULL)
        {
          GtkWidget *scroller = gtk_scrolled_window_new ();

          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), create_editor (doc));
          /* Horizontal scrolling only when the window is narrower than the form:
           * the form's width must not widen the other tabs. */
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                          GTK_POLICY_AUTOMATIC);
          gtk_stack_add_named (GTK_STACK (self->editor_stack), scroller, name);
        }
      gtk_stack_set_visible_child_name (GTK_STACK (self->editor_stack), name);
      for (int i = 0;; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->sidebar), i);

          if (row == NULL)
            break;
          if (g_object_get_data (G_OBJECT (row), "document") == doc)
            {
              gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar), row);
              break;
            }
        }
    }
  ps_scaling_view_set_document (PS_SCALING_VIEW (self->scaling_view), doc);
  show_result (self);
  update_actions (self);
  update_title (self);
}

static void
on_sidebar_row_selected (ParastudyWindow *self, GtkListBoxRow *row)
{
  if (row != NULL)
    select_document (self, g_object_get_data (G_OBJECT (row), "document"));
}

static void
add_document (ParastudyWindow *self, PsDocument *doc)
{
  g_signal_connect_object (doc, "changed", G_CALLBACK (on_document_changed), self, 0);
  g_signal_connect_object (doc, "result-changed", G_CALLBACK (on_document_result_changed), self, 0);
  g_signal_connect_object (doc, "notify::dirty", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->documents, doc);
  select_document (self, doc);
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "study");
}

static void
remove_document (ParastudyWindow *self, PsDocument *doc)
{
  guint pos;
  g_autofree char *name = page_name (doc);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (self->editor_stack), name);
  guint n;

  if (!g_list_store_find (self->documents, doc, &pos))
    return;
  if (self->current == doc)
    self->current = NULL;
  g_object_ref (doc);
  g_list_store_remove (self->documents, pos);
  if (page != NULL)
    gtk_stack_remove (GTK_STACK (self->editor_stack), page);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  if (n > 0)
    {
      g_autoptr (PsDocument) next
          = g_list_model_get_item (G_LIST_MODEL (self->documents), MIN (pos, n - 1));

      select_document (self, next);
    }
  else
    select_document (self, NULL);
  g_object_unref (doc);
}

/* ---- opening and saving --------------------------------------------------- */

static PsDocument *
find_document (ParastudyWindow *self, GFile *file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PsDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      GFile *f = ps_document_get_file (doc);

      if (f != NULL && g_file_equal (f, file))
        return doc;
    }
  return NULL;
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

gboolean
parastudy_window_open_file (ParastudyWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDocument) doc = NULL;
  PsDocument *open = find_document (self, file);

  if (open != NULL)
    {
      select_document (self, open);
      return TRUE;
    }
  doc = ps_document_new_from_file (file, &error);
  if (doc == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *msg = g_strdup_printf (_ ("Could not open %s: %s"), name, error->message);

      show_message (self, GTK_MESSAGE_ERROR, msg);
      return FALSE;
    }
  add_recent (file);
  add_document (self, doc);
  if (ps_document_get_error (doc) != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("The study needs fixing before it can run: %s"),
                                              ps_document_get_error (doc));

      show_message (self, GTK_MESSAGE_WARNING, msg);
    }
  else
    hide_message (self);
  return TRUE;
}

PsDocument *
parastudy_window_add_data (ParastudyWindow *self, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDocument) doc = ps_document_new_from_data (json, NULL, &error);

  if (doc == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      return NULL;
    }
  add_document (self, doc);
  return doc;
}

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

      show_message (self, GTK_MESSAGE_ERROR, msg);
      return FALSE;
    }
  add_recent (file);
  hide_message (self);
  update_title (self);
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
        remove_document (d->self, d->doc);
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
  g_autofree char *name = g_strdup_printf ("%s.json", ps_document_get_title (doc));

  for (char *p = name; *p; p++)
    if (*p == '/')
      *p = '-';
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
    remove_document (self, doc);
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
new_study (ParastudyWindow *self, const char *kind)
{
  const char *text = ps_study_example (kind);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDocument) doc = NULL;
  JsonObject *root;
  g_autofree char *name = NULL;

  if (text == NULL)
    return;
  doc = ps_document_new_from_data (text, NULL, &error);
  if (doc == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  root = ps_document_get_root (doc);
  name = g_strdup_printf (g_str_equal (kind, "beam") ? _ ("New beam study")
                                                     : _ ("New reliability study"));
  json_object_set_string_member (root, "name", name);
  json_object_remove_member (root, "description");
  add_document (self, doc);
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
};

static void
on_close_study_response (GtkDialog *dialog, int response, ParastudyWindow *self)
{
  PsDocument *doc = g_object_get_data (G_OBJECT (dialog), "document");

  if (response == RESPONSE_DISCARD)
    remove_document (self, doc);
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
      remove_document (self, doc);
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

static void
on_close_window_response (GtkDialog *dialog, int response, ParastudyWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_DISCARD)
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
on_close_request (GtkWindow *window)
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

    dialog = confirm_dialog (self, _ ("Close without saving?"), secondary);
  }
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_window_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- running -------------------------------------------------------------- */

static char *
format_duration (double s)
{
  if (s < 0 || !isfinite (s))
    return g_strdup ("—");
  if (s < 60)
    return g_strdup_printf (_ ("%.0f s"), ceil (s));
  if (s < 3600)
    return g_strdup_printf (_ ("%.0f min %02.0f s"), floor (s / 60), fmod (floor (s), 60));
  return g_strdup_printf (_ ("%.0f h %02.0f min"), floor (s / 3600), fmod (floor (s / 60), 60));
}

static void
on_run_progress (const PsProgress *p, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  double frac = p->items_total ? (double)p->items_done / (double)p->items_total : 0;
  double rate = p->elapsed > 0 ? (double)p->items_done / p->elapsed : 0;
  g_autofree char *text = NULL, *left = NULL, *label = NULL;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), CLAMP (frac, 0, 1));
  {
    g_autofree char *done = g_strdup_printf ("%'" G_GUINT64_FORMAT, p->items_done);
    g_autofree char *total = g_strdup_printf ("%'" G_GUINT64_FORMAT, p->items_total);

    /* TRANSLATORS: progress of a run: "1,200 of 3,000,000 items" */
    text = g_strdup_printf (_ ("%s of %s items"), done, total);
  }
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  left = format_duration (p->eta);
  label = g_strdup_printf (_ ("%.3g items/s · %s left"), rate, left);
  gtk_label_set_text (GTK_LABEL (self->progress_label), label);
}

static void
end_run (ParastudyWindow *self)
{
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->running);
  update_actions (self);
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
          show_message (self, GTK_MESSAGE_INFO, msg);
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_ ("The run failed: %s"), error->message);

          gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Failed"));
          show_message (self, GTK_MESSAGE_ERROR, msg);
        }
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("Done in %.2f s (%s, %d worker(s))"),
                                               r->wall_seconds, r->backend, r->workers);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 1.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
      gtk_label_set_text (GTK_LABEL (self->progress_label), "");
      hide_message (self);
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

static void
action_run (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
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
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  dir = ps_run_task_default_dir (study);
  req.backend = backend->name;
  req.workers = ps_backend_picker_get_workers (picker);
  /* Rows for up to a million items, as the command line does by default. */
  req.rows = study->n_items <= 1000000 ? PS_ROWS_ALL : PS_ROWS_NONE;
  req.dir = dir;

  self->running = g_object_ref (self->current);
  self->run_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _ ("Starting…"));
  gtk_label_set_text (GTK_LABEL (self->progress_label), "");
  hide_message (self);
  update_actions (self);
  if (ps_backend_picker_is_mpi (picker))
    {
      /* MPI runs outside this process: mpirun and parastudy-cli (ps-mpi-run.h). */
      PsMpiRunRequest mreq = { 0 };

      mreq.ranks = req.workers;
      mreq.threads_per_rank = ps_backend_picker_get_threads_per_rank (picker);
      mreq.hostfile = ps_backend_picker_get_hostfile (picker);
      mreq.rows = req.rows;
      mreq.dir = dir;
      ps_study_free (study);
      ps_mpi_run_start (self->running, &mreq, self->run_cancellable, on_run_progress, self,
                        on_run_done, g_object_ref (self));
      return;
    }
  ps_run_task_start (study, &req, self->run_cancellable, on_run_progress, self, on_run_done,
                     g_object_ref (self));
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

/* ---- summary ---------------------------------------------------------------- */

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static void
add_figure (ParastudyWindow *self, int *row, const char *key, const char *name, const char *value)
{
  GtkWidget *n = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (n), 0);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_widget_add_css_class (v, "summary-value");
  gtk_grid_attach (GTK_GRID (self->summary_grid), n, 0, *row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->summary_grid), v, 1, *row, 1, 1);
  if (key != NULL)
    g_hash_table_replace (self->summary_values, g_strdup (key), v);
  (*row)++;
}

static double
num (JsonObject *o, const char *key)
{
  JsonNode *n = o ? json_object_get_member (o, key) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) == G_TYPE_STRING)
    return NAN;
  return json_node_get_double (n);
}

static gint64
count (JsonObject *o, const char *key)
{
  return json_object_get_int_member_with_default (o, key, -1);
}

static void
add_number (ParastudyWindow *self, int *row, JsonObject *s, const char *key, const char *name,
            double scale, const char *unit)
{
  double v = num (s, key);
  g_autofree char *text = NULL;

  if (isnan (v) && !json_object_has_member (s, key))
    return;
  text = isfinite (v) ? g_strdup_printf ("%.6g %s", v * scale, unit) : g_strdup ("—");
  add_figure (self, row, key, name, g_strstrip (text));
}

static void
add_count (ParastudyWindow *self, int *row, JsonObject *s, const char *key, const char *name)
{
  gint64 v = count (s, key);
  g_autofree char *text = NULL;

  if (v < 0)
    return;
  text = g_strdup_printf ("%'" G_GINT64_FORMAT, v);
  add_figure (self, row, key, name, text);
}

static void
beam_summary (ParastudyWindow *self, JsonObject *s, int *row)
{
  gint64 n = count (s, "configurations");
  gint64 passing = count (s, "passing");
  JsonNode *lp = json_object_get_member (s, "lightest_passing");

  add_count (self, row, s, "configurations", _ ("Configurations"));
  add_count (self, row, s, "passing", _ ("Passing"));
  if (n > 0 && passing >= 0)
    {
      g_autofree char *t = g_strdup_printf ("%.1f %%", 100.0 * (double)passing / (double)n);

      add_figure (self, row, "passing_percent", _ ("Passing share"), t);
    }
  add_count (self, row, s, "failing_deflection", _ ("Failing deflection"));
  add_count (self, row, s, "failing_strength", _ ("Failing strength"));
  if (lp != NULL && JSON_NODE_HOLDS_OBJECT (lp))
    {
      JsonObject *o = json_node_get_object (lp);
      g_autofree char *t
          = g_strdup_printf (_ ("%s %s, %.6g kg/m (span %.6g m, utilisation %.3f)"),
                             json_object_get_string_member_with_default (o, "material", "?"),
                             json_object_get_string_member_with_default (o, "section", "?"),
                             num (o, "mass_per_metre"), num (o, "span"), num (o, "utilisation"));

      add_figure (self, row, "lightest_passing", _ ("Lightest passing"), t);
      add_number (self, row, o, "mass_per_metre", _ ("Lightest mass"), 1, "kg/m");
    }
  else if (lp != NULL)
    add_figure (self, row, "lightest_passing", _ ("Lightest passing"), _ ("none passes"));
  add_number (self, row, s, "max_deflection", _ ("Largest deflection"), 1e3, "mm");
  add_number (self, row, s, "max_stress", _ ("Largest stress"), 1e-6, "MPa");
  add_number (self, row, s, "max_moment", _ ("Largest moment"), 1e-3, "kN·m");
  add_number (self, row, s, "max_utilisation", _ ("Largest utilisation"), 1, "");
}

/* The exact method's description: summary.json holds the English text, which the
 * catalogue translates (engine/studies/reliability/ps-reliability.c marks it). */
static const char *
translated_method (JsonObject *exact)
{
  const char *method = json_object_get_string_member_with_default (exact, "method", "");

  return *method != '\0' ? _ (method) : method;
}

static void
reliability_summary (ParastudyWindow *self, JsonObject *s, int *row)
{
  JsonNode *ci = json_object_get_member (s, "pf_ci95");
  JsonNode *bci = json_object_get_member (s, "beta_ci95");
  JsonNode *exact = json_object_get_member (s, "exact");

  add_number (self, row, s, "pf", _ ("Probability of failure Pf"), 1, "");
  if (ci != NULL && JSON_NODE_HOLDS_ARRAY (ci)
      && json_array_get_length (json_node_get_array (ci)) == 2)
    {
      JsonArray *a = json_node_get_array (ci);
      g_autofree char *t = g_strdup_printf ("%.6g – %.6g", json_array_get_double_element (a, 0),
                                            json_array_get_double_element (a, 1));

      /* xgettext:no-c-format */
      add_figure (self, row, "pf_ci95", _ ("Pf, 95 % interval"), t);
    }
  add_number (self, row, s, "beta", _ ("Reliability index β"), 1, "");
  if (bci != NULL && JSON_NODE_HOLDS_ARRAY (bci)
      && json_array_get_length (json_node_get_array (bci)) == 2)
    {
      JsonArray *a = json_node_get_array (bci);
      g_autofree char *t = g_strdup_printf ("%.6g – %.6g", json_array_get_double_element (a, 0),
                                            json_array_get_double_element (a, 1));

      /* xgettext:no-c-format */
      add_figure (self, row, "beta_ci95", _ ("β, 95 % interval"), t);
    }
  add_number (self, row, s, "cov", _ ("CoV of Pf"), 1, "");
  add_count (self, row, s, "samples", _ ("Samples"));
  add_count (self, row, s, "failures", _ ("Failures"));
  add_count (self, row, s, "nan_samples", _ ("Samples where g is NaN"));
  if (json_object_has_member (s, "stopped_by"))
    add_figure (self, row, "stopped_by", _ ("Stopped by"),
                json_object_get_string_member_with_default (s, "stopped_by", ""));
  if (exact != NULL && JSON_NODE_HOLDS_OBJECT (exact))
    {
      JsonObject *e = json_node_get_object (exact);
      g_autofree char *t = g_strdup_printf (
          _ ("Pf %.6g, β %.6g (%s); estimate off by %.2f standard errors"), num (e, "pf"),
          num (e, "beta"), translated_method (e), num (e, "deviation_in_standard_errors"));

      add_figure (self, row, "exact", _ ("Exact"), t);
    }
}

/* Kinds without their own layout: every plain figure the engine reports. */
static void
generic_summary (ParastudyWindow *self, JsonObject *s, int *row)
{
  static const char *const skip[]
      = { "parastudy_version", "study",          "kind",    "study_file",
          "study_sha256",      "items",          "backend", "workers",
          "chunk_items",       "chunks",         "started", "wall_seconds",
          "cpu_seconds",       "peak_rss_bytes", NULL };
  g_autoptr (GList) members = json_object_get_members (s);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (s, l->data);
      g_autofree char *t = NULL;

      if (g_strv_contains (skip, l->data) || !JSON_NODE_HOLDS_VALUE (n))
        continue;
      if (json_node_get_value_type (n) == G_TYPE_STRING)
        t = g_strdup (json_node_get_string (n));
      else if (json_node_get_value_type (n) == G_TYPE_INT64)
        t = g_strdup_printf ("%'" G_GINT64_FORMAT, json_node_get_int (n));
      else
        t = g_strdup_printf ("%.6g", json_node_get_double (n));
      add_figure (self, row, l->data, l->data, t);
    }
}

static void load_table_for (ParastudyWindow *self, const PsDocumentResult *r);

static void
show_result (ParastudyWindow *self)
{
  const PsDocumentResult *r = self->current ? ps_document_get_result (self->current) : NULL;
  JsonObject *s;
  const char *kind;
  int row = 0;

  clear_grid (self->summary_grid);
  g_hash_table_remove_all (self->summary_values);
  if (r == NULL || r->summary == NULL || !JSON_NODE_HOLDS_OBJECT (r->summary))
    {
      gtk_label_set_text (GTK_LABEL (self->summary_title),
                          _ ("No results yet: run the study (Ctrl+R)."));
      load_table_for (self, NULL);
      return;
    }
  s = json_node_get_object (r->summary);
  kind = json_object_get_string_member_with_default (s, "kind", "");
  gtk_label_set_text (GTK_LABEL (self->summary_title),
                      json_object_get_string_member_with_default (s, "study", ""));
  if (g_str_equal (kind, "beam"))
    beam_summary (self, s, &row);
  else if (g_str_equal (kind, "reliability"))
    reliability_summary (self, s, &row);
  else
    generic_summary (self, s, &row);
  {
    g_autofree char *run
        = g_strdup_printf (_ ("%s, %d worker(s), %.3f s wall, %.3f s CPU"), r->backend, r->workers,
                           r->wall_seconds, num (s, "cpu_seconds"));
    gint64 errors = json_object_has_member (s, "item_errors")
                        ? json_object_get_int_member_with_default (
                            json_object_get_object_member (s, "item_errors"), "count", 0)
                        : 0;

    add_figure (self, &row, "run", _ ("Run"), run);
    if (errors > 0)
      {
        g_autofree char *t = g_strdup_printf ("%'" G_GINT64_FORMAT, errors);

        add_figure (self, &row, "item_errors", _ ("Items that could not be computed"), t);
      }
    add_figure (self, &row, "dir", _ ("Results folder"), r->dir);
  }
  load_table_for (self, r);
}

static void
action_copy_summary (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ParastudyWindow *self = user_data;
  const PsDocumentResult *r = self->current ? ps_document_get_result (self->current) : NULL;

  if (r != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), r->summary_text);
}

/* ---- table ---------------------------------------------------------------- */

/* Column sorters never order rows themselves (the model sorts its index); they
 * only answer a probe so the window learns which header was clicked and in which
 * direction, which GTK 4.8 does not tell otherwise. */
#define PS_TYPE_PROBE_SORTER (ps_probe_sorter_get_type ())
G_DECLARE_FINAL_TYPE (PsProbeSorter, ps_probe_sorter, PS, PROBE_SORTER, GtkSorter)

struct _PsProbeSorter
{
  GtkSorter parent_instance;
  ParastudyWindow *window;
  int column;
};

G_DEFINE_FINAL_TYPE (PsProbeSorter, ps_probe_sorter, GTK_TYPE_SORTER)

static GtkOrdering
probe_compare (GtkSorter *sorter, gpointer a, gpointer b)
{
  PsProbeSorter *self = PS_PROBE_SORTER (sorter);

  if (g_object_get_data (a, "probe") != NULL)
    {
      self->window->probe_column = self->column;
      return GTK_ORDERING_SMALLER;
    }
  return GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
probe_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
ps_probe_sorter_class_init (PsProbeSorterClass *klass)
{
  GTK_SORTER_CLASS (klass)->compare = probe_compare;
  GTK_SORTER_CLASS (klass)->get_order = probe_get_order;
}

static void
ps_probe_sorter_init (PsProbeSorter *self)
{
}

static void
on_table_sort_changed (GtkSorter *sorter, GtkSorterChange change, ParastudyWindow *self)
{
  g_autoptr (GObject) a = g_object_new (PS_TYPE_CSV_ROW, NULL);
  g_autoptr (GObject) b = g_object_new (PS_TYPE_CSV_ROW, NULL);
  GtkOrdering o;

  if (self->table_model == NULL)
    return;
  g_object_set_data (a, "probe", GINT_TO_POINTER (1));
  g_object_set_data (b, "probe", GINT_TO_POINTER (1));
  self->probe_column = -1;
  o = gtk_sorter_compare (sorter, a, b);
  if (o == GTK_ORDERING_EQUAL)
    self->probe_column = -1;
  ps_csv_model_sort (self->table_model, self->probe_column, o == GTK_ORDERING_LARGER);
}

static void
setup_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric-cell");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = ps_csv_row_dup_field (gtk_list_item_get_item (item), column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
clear_columns (ParastudyWindow *self)
{
  GListModel *cols = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->table_view));

  while (g_list_model_get_n_items (cols) > 0)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (cols, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->table_view), c);
    }
}

static void update_table_info (ParastudyWindow *self);
static void update_chart_axes (ParastudyWindow *self);

static void
set_table_model (ParastudyWindow *self, PsCsvModel *model, const char *path)
{
  GtkNoSelection *sel;

  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->table_view), NULL);
  clear_columns (self);
  g_set_object (&self->table_model, model);
  g_free (self->table_path);
  self->table_path = g_strdup (path);
  if (model == NULL)
    {
      gtk_widget_set_sensitive (self->passing_only, FALSE);
      update_table_info (self);
      update_chart_axes (self);
      return;
    }
  for (guint c = 0; c < ps_csv_model_get_n_columns (model); c++)
    {
      GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *col;
      PsProbeSorter *sorter = g_object_new (PS_TYPE_PROBE_SORTER, NULL);

      sorter->window = self;
      sorter->column = (int)c;
      g_signal_connect (f, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (f, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      col = gtk_column_view_column_new (ps_csv_model_get_column_name (model, c), f);
      gtk_column_view_column_set_sorter (col, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (col, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->table_view), col);
      g_object_unref (sorter);
      g_object_unref (col);
    }
  sel = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (model)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->table_view), GTK_SELECTION_MODEL (sel));
  g_object_unref (sel);
  gtk_widget_set_sensitive (self->passing_only, ps_csv_model_find_column (model, "pass") >= 0);
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->passing_only)))
    ps_csv_model_set_filter_column (model, ps_csv_model_find_column (model, "pass"));
  update_table_info (self);
  update_chart_axes (self);
}

static void
update_table_info (ParastudyWindow *self)
{
  g_autofree char *text = NULL;

  if (self->table_model == NULL)
    text = g_strdup (_ ("No per-item results: run the study, or it has more than a million items"));
  else
    {
      g_autofree char *base = g_path_get_basename (self->table_path);

      text = g_strdup_printf (_ ("%s: %'u of %'u rows shown"), base,
                              g_list_model_get_n_items (G_LIST_MODEL (self->table_model)),
                              ps_csv_model_get_n_rows (self->table_model));
    }
  gtk_label_set_text (GTK_LABEL (self->table_info), text);
}

static void
on_passing_only_toggled (ParastudyWindow *self)
{
  gboolean on = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->passing_only));

  if (self->table_model == NULL)
    return;
  ps_csv_model_set_filter_column (self->table_model,
                                  on ? ps_csv_model_find_column (self->table_model, "pass") : -1);
  update_table_info (self);
}

gboolean
parastudy_window_load_table (ParastudyWindow *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsCsvModel) model = ps_csv_model_new_from_file (path, &error);

  if (model == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      set_table_model (self, NULL, NULL);
      return FALSE;
    }
  set_table_model (self, model, path);
  update_actions (self);
  return TRUE;
}

static void
load_run_data (ParastudyWindow *self, const PsDocumentResult *r)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->run_data, ps_run_data_free);
  g_clear_pointer (&self->run_study, ps_study_free);
  if (r == NULL)
    return;
  self->run_data = ps_run_data_load (r->dir, &error);
  if (self->run_data == NULL)
    {
      g_debug ("no charts for %s: %s", r->dir, error->message);
      return;
    }
  /* Charts that regenerate data (the histogram of g) need the study itself. */
  self->run_study = ps_document_dup_study (self->current, NULL);
  if (self->run_study != NULL && !ps_run_data_check_study (self->run_data, self->run_study, NULL))
    g_clear_pointer (&self->run_study, ps_study_free);
}

static void
load_table_for (ParastudyWindow *self, const PsDocumentResult *r)
{
  const char *names[] = { "results.csv", "convergence.csv" };

  load_run_data (self, r);

  if (r != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (r->dir, names[i], NULL);

        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          {
            parastudy_window_load_table (self, path);
            return;
          }
      }
  set_table_model (self, NULL, NULL);
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
        show_message (self, GTK_MESSAGE_ERROR, error->message);
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

GtkWidget *
parastudy_window_get_scaling_view (ParastudyWindow *self)
{
  return self->scaling_view;
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
        show_message (self, GTK_MESSAGE_ERROR,
                      _ ("The report can only be written to a local file"));
      else if (!parastudy_window_export_report (self, path, &error))
        {
          g_autofree char *msg
              = g_strdup_printf (_ ("Could not write the report: %s"), error->message);

          show_message (self, GTK_MESSAGE_ERROR, msg);
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_ ("Wrote the report %s"), path);

          show_message (self, GTK_MESSAGE_INFO, msg);
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

/* ---- charts --------------------------------------------------------------- */

static const char *
chart_label (const char *name)
{
  static const struct
  {
    const char *name, *label;
  } labels[] = {
    { "output-vs-param", N_ ("Output against a parameter") },
    { "heatmap", N_ ("Heat map") },
    { "passfail", N_ ("Pass / fail map") },
    { "convergence", N_ ("Convergence of Pf") },
    { "g-histogram", N_ ("Histogram of g") },
    { "specimen", N_ ("Specimen curve") },
    { "E-histogram", N_ ("Histogram of E") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return _ (labels[i].label);
  return name;
}

/* A scatter of two table columns, passing and failing rows in two colours. */
static PsChart *
scatter_chart (ParastudyWindow *self, const char *xname, const char *yname)
{
  PsCsvModel *m = self->table_model;
  int xc = ps_csv_model_find_column (m, xname), yc = ps_csv_model_find_column (m, yname);
  int pc = ps_csv_model_find_column (m, "pass");
  guint n = ps_csv_model_get_n_rows (m);
  g_autofree double *x[2] = { g_new (double, MAX (n, 1)), g_new (double, MAX (n, 1)) };
  g_autofree double *y[2] = { g_new (double, MAX (n, 1)), g_new (double, MAX (n, 1)) };
  gsize k[2] = { 0, 0 };
  PsChart *chart = ps_chart_new (PS_CHART_XY);

  for (guint r = 0; r < n; r++)
    {
      int cls = pc >= 0 && ps_csv_model_get_number (m, r, (guint)pc) != 1.0;

      x[cls][k[cls]] = ps_csv_model_get_number (m, r, (guint)xc);
      y[cls][k[cls]] = ps_csv_model_get_number (m, r, (guint)yc);
      k[cls]++;
    }
  ps_chart_set_axis (chart, PS_AXIS_X, xname, NULL, PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, yname, NULL, PS_SCALE_LINEAR);
  if (pc >= 0)
    {
      int a = ps_chart_add_series (chart, _ ("passing"), PS_SERIES_POINTS, x[0], y[0], k[0]);
      int b = ps_chart_add_series (chart, _ ("failing"), PS_SERIES_POINTS, x[1], y[1], k[1]);

      ps_chart_series_set_color (chart, a, (PsColor){ 0.0, 0.45, 0.70, 1 });
      ps_chart_series_set_color (chart, b, (PsColor){ 0.84, 0.37, 0.0, 1 });
    }
  else
    ps_chart_add_series (chart, yname, PS_SERIES_POINTS, x[0], y[0], k[0]);
  return chart;
}

static void
update_chart (ParastudyWindow *self)
{
  GtkStringList *cols, *types;
  guint ti, xi, yi;
  const char *xname = NULL, *yname = NULL;
  g_autoptr (GError) error = NULL;
  PsChart *chart = NULL;
  gboolean scatter;

  if (self->chart_updating)
    return;
  cols = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (self->chart_x)));
  types = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (self->chart_type)));
  ti = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->chart_type));
  xi = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->chart_x));
  yi = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->chart_y));
  if (cols != NULL && xi != GTK_INVALID_LIST_POSITION && yi != GTK_INVALID_LIST_POSITION)
    {
      xname = gtk_string_list_get_string (cols, xi);
      yname = gtk_string_list_get_string (cols, yi);
    }
  scatter = types == NULL || ti >= self->n_kind_charts;
  if (self->table_model == NULL && self->run_data == NULL)
    ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), NULL, NULL);
  else if (scatter)
    {
      if (self->table_model != NULL && xname != NULL)
        chart = scatter_chart (self, xname, yname);
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), chart, _ ("No per-item results to plot"));
    }
  else
    {
      const char *name = self->kind_charts[ti].name;
      PsPlotParams params = { 0 };

      params.x = xname;
      params.y = yname;
      /* The axes chosen apply to the output-against-parameter chart; the others
       * are drawn as the engine lays them out. */
      if (g_str_equal (name, "output-vs-param") && xname != NULL)
        chart = ps_plot_study_chart (self->run_data, name, &params, &error);
      if (chart == NULL)
        {
          g_clear_error (&error);
          chart = ps_plot_study_chart (self->run_data, name, NULL, &error);
        }
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), chart, error ? error->message : NULL);
    }
  gtk_widget_set_sensitive (
      self->chart_x, scatter
                         || (ti < self->n_kind_charts
                             && g_str_equal (self->kind_charts[ti].name, "output-vs-param")));
  gtk_widget_set_sensitive (self->chart_y, gtk_widget_get_sensitive (self->chart_x));
  update_actions (self);
}

static guint
find_string (GtkStringList *list, const char *const *wanted)
{
  for (guint w = 0; wanted[w] != NULL; w++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
      if (g_str_equal (gtk_string_list_get_string (list, i), wanted[w]))
        return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
update_chart_axes (ParastudyWindow *self)
{
  GtkStringList *cols = gtk_string_list_new (NULL);
  GtkStringList *types = gtk_string_list_new (NULL);
  static const char *const x_pref[] = { "span_m", "samples", NULL };
  static const char *const y_pref[] = { "deflection_m", "utilisation", "pf", NULL };
  guint xi, yi, n;

  self->chart_updating = TRUE;
  if (self->table_model != NULL && ps_csv_model_get_n_rows (self->table_model) > 0)
    for (guint c = 0; c < ps_csv_model_get_n_columns (self->table_model); c++)
      {
        /* Columns that hold numbers (looked at in the first row). */
        g_autofree char *f = ps_csv_model_dup_field (self->table_model, 0, c);
        char *end;

        g_ascii_strtod (f, &end);
        if (*f != '\0' && *end == '\0')
          gtk_string_list_append (cols, ps_csv_model_get_column_name (self->table_model, c));
      }
  n = g_list_model_get_n_items (G_LIST_MODEL (cols));
  xi = find_string (cols, x_pref);
  yi = find_string (cols, y_pref);
  if (xi == GTK_INVALID_LIST_POSITION)
    xi = n > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  if (yi == GTK_INVALID_LIST_POSITION)
    yi = n > 1 ? 1 : xi;
  self->kind_charts = NULL;
  self->n_kind_charts = 0;
  if (self->run_data != NULL)
    {
      self->kind_charts = ps_plot_charts_for_kind (ps_run_data_get_kind (self->run_data));
      for (guint i = 0; self->kind_charts != NULL && self->kind_charts[i].name != NULL; i++)
        {
          gtk_string_list_append (types, chart_label (self->kind_charts[i].name));
          self->n_kind_charts++;
        }
    }
  gtk_string_list_append (types, _ ("Scatter of two columns"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->chart_type), G_LIST_MODEL (types));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->chart_type), 0);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->chart_x), G_LIST_MODEL (cols));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->chart_y), G_LIST_MODEL (cols));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->chart_x), xi);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->chart_y), yi);
  g_object_unref (cols);
  g_object_unref (types);
  self->chart_updating = FALSE;
  update_chart (self);
}

static void
on_chart_reset (ParastudyWindow *self)
{
  ps_gui_chart_reset_view (PS_GUI_CHART (self->chart));
}

static void
on_chart_readout (ParastudyWindow *self)
{
  g_autofree char *text = NULL;

  g_object_get (self->chart, "readout", &text, NULL);
  gtk_label_set_text (GTK_LABEL (self->chart_readout), text ? text : "");
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
        show_message (self, GTK_MESSAGE_ERROR, error->message);
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

/* ---- drag and drop -------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, ParastudyWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      gboolean any = FALSE;

      for (GSList *l = files; l != NULL; l = l->next)
        any |= parastudy_window_open_file (self, l->data);
      return any;
    }
  return FALSE;
}

/* ---- construction --------------------------------------------------------- */

static const GActionEntry win_actions[] = {
  { "new-study", action_new_study, "s" },
  { "new-example", action_new_example, "s" },
  { "open", action_open },
  { "open-recent", action_open_recent, "s" },
  { "save", action_save },
  { "save-as", action_save_as },
  { "close-study", action_close_study },
  { "run", action_run },
  { "cancel", action_cancel },
  { "export-report", action_export_report },
  { "export-csv", action_export_csv },
  { "export-chart", action_export_chart },
  { "copy-summary", action_copy_summary },
};

static void
parastudy_window_dispose (GObject *object)
{
  ParastudyWindow *self = PARASTUDY_WINDOW (object);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->table_model);
  g_clear_pointer (&self->table_path, g_free);
  g_clear_pointer (&self->run_data, ps_run_data_free);
  g_clear_pointer (&self->run_study, ps_study_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PARASTUDY_TYPE_WINDOW);
  G_OBJECT_CLASS (parastudy_window_parent_class)->dispose (object);
}

static void
parastudy_window_finalize (GObject *object)
{
  ParastudyWindow *self = PARASTUDY_WINDOW (object);

  g_clear_object (&self->documents);
  g_clear_pointer (&self->summary_values, g_hash_table_unref);
  G_OBJECT_CLASS (parastudy_window_parent_class)->finalize (object);
}

static void
parastudy_window_class_init (ParastudyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = parastudy_window_dispose;
  object_class->finalize = parastudy_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/parastudy-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, ParastudyWindow, name)
  CHILD (info_bar);
  CHILD (scaling_holder);
  CHILD (info_label);
  CHILD (sidebar);
  CHILD (view_stack);
  CHILD (editor_stack);
  CHILD (summary_title);
  CHILD (summary_grid);
  CHILD (passing_only);
  CHILD (table_info);
  CHILD (table_scroller);
  CHILD (table_view);
  CHILD (chart_type);
  CHILD (chart_x);
  CHILD (chart_y);
  CHILD (chart_readout);
  CHILD (chart_holder);
  CHILD (backend_picker);
  CHILD (run_button);
  CHILD (cancel_button);
  CHILD (progress_bar);
  CHILD (progress_label);
  CHILD (examples_menu);
  CHILD (recent_menu);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_passing_only_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_reset);

  g_type_ensure (PS_TYPE_BACKEND_PICKER);
  g_type_ensure (PS_TYPE_GUI_CHART);
}

static void
parastudy_window_init (ParastudyWindow *self)
{
  GtkDropTarget *drop;

  self->documents = g_list_store_new (PS_TYPE_DOCUMENT);
  self->summary_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->probe_column = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->sidebar), G_LIST_MODEL (self->documents), create_row,
                           self, NULL);
  g_signal_connect_swapped (self->backend_picker, "notify::backend", G_CALLBACK (update_actions),
                            self);

  self->chart = ps_gui_chart_new ();
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_box_append (GTK_BOX (self->chart_holder), self->chart);
  g_signal_connect_swapped (self->chart, "notify::readout", G_CALLBACK (on_chart_readout), self);
  g_signal_connect_swapped (self->chart_type, "notify::selected", G_CALLBACK (update_chart), self);
  g_signal_connect_swapped (self->chart_x, "notify::selected", G_CALLBACK (update_chart), self);
  g_signal_connect_swapped (self->chart_y, "notify::selected", G_CALLBACK (update_chart), self);
  self->scaling_view = ps_scaling_view_new ();
  gtk_widget_set_vexpand (self->scaling_view, TRUE);
  gtk_box_append (GTK_BOX (self->scaling_holder), self->scaling_view);

  g_signal_connect (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->table_view)), "changed",
                    G_CALLBACK (on_table_sort_changed), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  fill_examples_menu (self);
  fill_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (fill_recent_menu), self, G_CONNECT_SWAPPED);
  set_table_model (self, NULL, NULL);
  update_actions (self);
  update_title (self);
}

ParastudyWindow *
parastudy_window_new (ParastudyApplication *application)
{
  return g_object_new (PARASTUDY_TYPE_WINDOW, "application", application, NULL);
}

/* ---- for tests ------------------------------------------------------------ */

PsDocument *
parastudy_window_get_document (ParastudyWindow *self)
{
  return self->current;
}

GtkWidget *
parastudy_window_get_editor (ParastudyWindow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *scroller, *child;

  if (self->current == NULL)
    return NULL;
  name = page_name (self->current);
  scroller = gtk_stack_get_child_by_name (GTK_STACK (self->editor_stack), name);
  if (scroller == NULL)
    return NULL;
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  /* The scrolled window wraps a non-scrollable child in a viewport. */
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return child;
}

gboolean
parastudy_window_is_running (ParastudyWindow *self)
{
  return self->running != NULL;
}

gboolean
parastudy_window_set_backend (ParastudyWindow *self, const char *name, int workers)
{
  return ps_backend_picker_select (PS_BACKEND_PICKER (self->backend_picker), name, workers);
}

void
parastudy_window_set_mpi_options (ParastudyWindow *self, const char *hostfile, int threads_per_rank)
{
  ps_backend_picker_set_mpi_options (PS_BACKEND_PICKER (self->backend_picker), hostfile,
                                     threads_per_rank);
}

GtkWidget *
parastudy_window_get_mpi_button (ParastudyWindow *self)
{
  return ps_backend_picker_get_mpi_button (PS_BACKEND_PICKER (self->backend_picker));
}

GtkWidget *
parastudy_window_get_run_button (ParastudyWindow *self)
{
  return self->run_button;
}

GtkWidget *
parastudy_window_get_progress_bar (ParastudyWindow *self)
{
  return self->progress_bar;
}

GtkWidget *
parastudy_window_get_backend_dropdown (ParastudyWindow *self)
{
  return ps_backend_picker_get_dropdown (PS_BACKEND_PICKER (self->backend_picker));
}

const char *
parastudy_window_get_summary_text (ParastudyWindow *self, const char *key)
{
  GtkWidget *label = g_hash_table_lookup (self->summary_values, key);

  return label ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

const char *
parastudy_window_get_info_message (ParastudyWindow *self)
{
  return self->info_visible ? gtk_label_get_text (GTK_LABEL (self->info_label)) : NULL;
}

PsCsvModel *
parastudy_window_get_table_model (ParastudyWindow *self)
{
  return self->table_model;
}

GtkWidget *
parastudy_window_get_table_view (ParastudyWindow *self)
{
  return self->table_view;
}

GtkWidget *
parastudy_window_get_table_scroller (ParastudyWindow *self)
{
  return self->table_scroller;
}

GtkWidget *
parastudy_window_get_chart (ParastudyWindow *self)
{
  return self->chart;
}

void
parastudy_window_show_page (ParastudyWindow *self, const char *page)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), page);
}
