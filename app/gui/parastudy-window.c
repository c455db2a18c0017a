#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "parastudy-window-private.h"
#include "parastudy-window.h"
#include "ps-backend-picker.h"
#include "ps-beam-editor.h"
#include "ps-regression-editor.h"
#include "ps-reliability-editor.h"
#include "ps-history-view.h"
#include "ps-run-task.h"
#include "ps-scaling-view.h"
#include "ps-source-view.h"
#include "studies/regression/ps-regression.h"
#include "studies/reliability/ps-reliability.h"

G_DEFINE_FINAL_TYPE (ParastudyWindow, parastudy_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- info bar ------------------------------------------------------------- */

void
_parastudy_window_show_message (ParastudyWindow *self, GtkMessageType type, const char *message)
{
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->info_bar), type);
  gtk_label_set_text (GTK_LABEL (self->info_label), message);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), TRUE);
  self->info_visible = TRUE;
}

void
_parastudy_window_hide_message (ParastudyWindow *self)
{
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), FALSE);
  self->info_visible = FALSE;
}

static void
on_info_bar_response (ParastudyWindow *self, int response)
{
  _parastudy_window_hide_message (self);
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

void
_parastudy_window_update_title (ParastudyWindow *self)
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

/* The form of each study kind that has one. */
static const struct
{
  const PsKindClass *kind;
  GtkWidget *(*editor_new) (PsDocument *document);
} editors[] = {
  { &ps_beam_class, ps_beam_editor_new },
  { &ps_reliability_class, ps_reliability_editor_new },
  { &ps_regression_class, ps_regression_editor_new },
};

static GtkWidget *
create_editor (PsDocument *doc)
{
  const char *kind = ps_document_get_kind (doc);
  const PsKindClass *klass = ps_kind_lookup (kind);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (editors); i++)
    if (klass != NULL && editors[i].kind == klass)
      break;
  if (i < G_N_ELEMENTS (editors))
    return editors[i].editor_new (doc);
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
      _parastudy_window_update_actions (self);
      _parastudy_window_update_title (self);
    }
}

static void
on_document_result_changed (PsDocument *doc, ParastudyWindow *self)
{
  if (doc == self->current)
    {
      _parastudy_window_show_result (self);
      _parastudy_window_update_actions (self);
    }
}

/* The form of @doc in the Study tab, made when it has none. */
static void
show_editor (ParastudyWindow *self, PsDocument *doc)
{
  g_autofree char *name = page_name (doc);

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
}

/* The Source tab replaced the study's tree: its form is made again from the new one
 * (the old form held members of the old tree). */
static void
on_document_replaced (PsDocument *doc, ParastudyWindow *self)
{
  g_autofree char *name = page_name (doc);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (self->editor_stack), name);

  if (page != NULL)
    gtk_stack_remove (GTK_STACK (self->editor_stack), page);
  if (doc == self->current)
    show_editor (self, doc);
}

static void
select_document (ParastudyWindow *self, PsDocument *doc)
{

  if (self->current == doc)
    return;
  self->current = doc;
  /* The message and the table's scroll position were the previous study's: a table
   * scrolled right past the next study's columns showed it blank (issue 19 item 15). */
  _parastudy_window_hide_message (self);
  if (doc == NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->editor_stack), "empty");
  else
    {
      show_editor (self, doc);
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
  ps_source_view_set_document (PS_SOURCE_VIEW (self->source_view), doc);
  ps_history_view_set_document (
      PS_HISTORY_VIEW (gtk_stack_get_child_by_name (GTK_STACK (self->view_stack), "history")), doc);
  /* Scrolled back while the previous table is still laid out: the column view's
   * list cannot scroll to a position in a model it has not measured yet. */
  for (int i = 0; i < 2; i++)
    {
      GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (self->table_scroller);
      GtkAdjustment *adj = i == 0 ? gtk_scrolled_window_get_hadjustment (sw)
                                  : gtk_scrolled_window_get_vadjustment (sw);

      if (gtk_adjustment_get_value (adj) != 0.0)
        gtk_adjustment_set_value (adj, 0.0);
    }
  _parastudy_window_show_result (self);
  _parastudy_window_update_actions (self);
  _parastudy_window_update_title (self);
}

static void
on_sidebar_row_selected (ParastudyWindow *self, GtkListBoxRow *row)
{
  if (row != NULL)
    select_document (self, g_object_get_data (G_OBJECT (row), "document"));
}

void
_parastudy_window_add_document (ParastudyWindow *self, PsDocument *doc)
{
  /* A study opened unmodified shows its last results, when its results folder holds
   * a run of this very study (issue 19 item 12). */
  if (ps_document_get_result (doc) == NULL && !ps_document_get_dirty (doc)
      && ps_document_get_study (doc) != NULL)
    {
      PsDocumentResult *cached = ps_run_task_cached_result (ps_document_get_study (doc));

      if (cached != NULL)
        ps_document_set_result (doc, cached);
    }
  g_signal_connect_object (doc, "changed", G_CALLBACK (on_document_changed), self, 0);
  g_signal_connect_object (doc, "replaced", G_CALLBACK (on_document_replaced), self, 0);
  g_signal_connect_object (doc, "result-changed", G_CALLBACK (on_document_result_changed), self, 0);
  g_signal_connect_object (doc, "notify::dirty", G_CALLBACK (_parastudy_window_update_title), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->documents, doc);
  select_document (self, doc);
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "study");
}

void
_parastudy_window_remove_document (ParastudyWindow *self, PsDocument *doc)
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

/* ---- opening ------------------------------------------------------------- */

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

void
_parastudy_window_add_recent (GFile *file)
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

      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, msg);
      return FALSE;
    }
  _parastudy_window_add_recent (file);
  _parastudy_window_add_document (self, doc);
  if (ps_document_get_error (doc) != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("The study needs fixing before it can run: %s"),
                                              ps_document_get_error (doc));

      _parastudy_window_show_message (self, GTK_MESSAGE_WARNING, msg);
    }
  else
    _parastudy_window_hide_message (self);
  return TRUE;
}

PsDocument *
parastudy_window_add_data (ParastudyWindow *self, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDocument) doc = ps_document_new_from_data (json, NULL, &error);

  if (doc == NULL)
    {
      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
      return NULL;
    }
  _parastudy_window_add_document (self, doc);
  return doc;
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

static void
parastudy_window_dispose (GObject *object)
{
  ParastudyWindow *self = PARASTUDY_WINDOW (object);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  _parastudy_window_results_dispose (self);
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
  GTK_WINDOW_CLASS (klass)->close_request = _parastudy_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/parastudy-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, ParastudyWindow, name)
  CHILD (info_bar);
  CHILD (resume_bar);
  CHILD (resume_label);
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
  CHILD (chart);
  CHILD (scaling_view);
  CHILD (view_switcher);
  CHILD (source_view);
  CHILD (chart_controls);
  CHILD (specimen_view);
  CHILD (lightest_view);
  CHILD (backend_picker);
  CHILD (run_button);
  CHILD (cancel_button);
  CHILD (progress_bar);
  CHILD (progress_label);
  CHILD (kinds_menu);
  CHILD (examples_menu);
  CHILD (recent_menu);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  _parastudy_window_class_results_init (widget_class);

  g_type_ensure (PS_TYPE_BACKEND_PICKER);
  g_type_ensure (PS_TYPE_SOURCE_VIEW);
}

static void
parastudy_window_init (ParastudyWindow *self)
{
  GtkDropTarget *drop;

  self->documents = g_list_store_new (PS_TYPE_DOCUMENT);
  self->summary_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->probe_column = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  _parastudy_window_actions_init (self);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->sidebar), G_LIST_MODEL (self->documents), create_row,
                           self, NULL);
  g_signal_connect_swapped (self->backend_picker, "notify::backend",
                            G_CALLBACK (_parastudy_window_update_actions), self);
  _parastudy_window_results_init (self);
  /* The History tab (ps-history-view.h), after Scaling. */
  gtk_stack_add_titled (GTK_STACK (self->view_stack), ps_history_view_new (), "history",
                        _ ("History"));
  /* Each tab as wide as its own name, not as the widest: eight tabs fit beside the
   * sidebar of a 1024 pixel window in English, and scroll sideways in longer words. */
  gtk_box_layout_set_homogeneous (
      GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->view_switcher)), FALSE);
  gtk_widget_add_css_class (self->view_switcher, "view-switcher");
  for (GtkWidget *b = gtk_widget_get_first_child (self->view_switcher); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    gtk_widget_set_hexpand (b, FALSE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _parastudy_window_update_actions (self);
  _parastudy_window_update_title (self);
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
  ps_backend_picker_set_options (PS_BACKEND_PICKER (self->backend_picker), hostfile,
                                 threads_per_rank);
}

GtkWidget *
parastudy_window_get_mpi_button (ParastudyWindow *self)
{
  return ps_backend_picker_get_options_button (PS_BACKEND_PICKER (self->backend_picker));
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

GMenuModel *
parastudy_window_get_kinds_menu (ParastudyWindow *self)
{
  return G_MENU_MODEL (self->kinds_menu);
}

GtkWidget *
parastudy_window_get_source_view (ParastudyWindow *self)
{
  return self->source_view;
}

GtkWidget *
parastudy_window_get_scaling_view (ParastudyWindow *self)
{
  return self->scaling_view;
}
