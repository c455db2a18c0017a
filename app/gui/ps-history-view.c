#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-history-view.h"
#include "ps-run-task.h"
#include "ps-run-view.h"

enum
{
  COL_DATE,
  COL_BACKEND,
  COL_WALL,
  COL_MACHINE,
  COL_RESULTS,
  N_COLS
};

struct _PsHistoryView
{
  GtkBox parent_instance;

  PsDocument *doc;
  gulong result_id;
  gboolean opening; /* the result being set is the one Open chose */

  GtkWidget *title;
  GtkWidget *header;
  GtkWidget *list;
  GtkWidget *open_button;
  GtkWidget *compare_button;
  GtkWidget *compare_title;
  GtkWidget *compare_grid;
  GtkWidget *compare_scroller;
  GtkSizeGroup *columns[N_COLS];

  GArray *runs;         /* PsHistoryRun, newest first; plain runs only */
  GHashTable *compared; /* key -> char *[2] (a GStrv) */
};

G_DEFINE_FINAL_TYPE (PsHistoryView, ps_history_view, GTK_TYPE_BOX)

/* ---- the texts of a run --------------------------------------------------- */

static char *
date_text (const char *iso8601)
{
  g_autoptr (GDateTime) t = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr (GDateTime) local = t ? g_date_time_to_local (t) : NULL;

  return local ? g_date_time_format (local, "%x %X") : g_strdup (iso8601 ? iso8601 : "—");
}

static char *
backend_text (const PsHistoryRun *r)
{
  /* TRANSLATORS: a past run's backend and worker count: "threads, 4 workers" */
  return g_strdup_printf (ngettext ("%s, %d worker", "%s, %d workers", (gulong)MAX (r->workers, 0)),
                          r->backend ? r->backend : "?", r->workers);
}

static char *
wall_text (double seconds)
{
  /* TRANSLATORS: a wall time in seconds: "1.25 s" */
  return g_strdup_printf (_ ("%.3g s"), seconds);
}

/* The machine's name and processor, from the machine JSON the history keeps. */
static char *
machine_text (const char *machine_json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o;
  const char *host, *cpu;

  if (machine_json == NULL || !json_parser_load_from_data (parser, machine_json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup ("—");
  o = json_node_get_object (json_parser_get_root (parser));
  host = json_object_get_string_member_with_default (o, "hostname", "");
  cpu = json_object_get_string_member_with_default (o, "cpu_model", "");
  if (*host != '\0' && *cpu != '\0')
    return g_strdup_printf ("%s · %s", host, cpu);
  return g_strdup (*host != '\0' ? host : *cpu != '\0' ? cpu : "—");
}

/* The run's own figures as the Summary tab shows them, less the run's facts (its
 * backend and times have columns of their own). */
static gboolean
is_run_fact (const char *key)
{
  return g_strcmp0 (key, "run") == 0 || g_strcmp0 (key, "item_errors") == 0
         || g_strcmp0 (key, "stopped") == 0;
}

static PsRunView *
view_of (const PsHistoryRun *r)
{
  return r->summary ? ps_run_view_new_from_data (r->summary, -1, NULL) : NULL;
}

static char *
results_text (const PsHistoryRun *r)
{
  g_autoptr (PsRunView) view = view_of (r);
  GString *out = g_string_new (NULL);
  GPtrArray *rows;
  guint shown = 0;

  if (view == NULL)
    return g_string_free (out, FALSE);
  if (ps_summary_get_object (view->summary, "stopped") != NULL)
    g_string_append (out, _ ("stopped by user"));
  rows = ps_run_view_get_rows (view, PS_SUMMARY_SCREEN);
  for (guint i = 0; i < rows->len && shown < 3; i++)
    {
      const PsSummaryRow *f = rows->pdata[i];

      if (is_run_fact (f->key))
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %s", f->label, f->text);
      shown++;
    }
  return g_string_free (out, FALSE);
}

/* ---- the list ------------------------------------------------------------- */

static GtkWidget *
cell (PsHistoryView *self, int column, const char *text, gboolean heading)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (l, text);
  switch (column)
    {
    case COL_DATE:
      gtk_label_set_width_chars (GTK_LABEL (l), 17);
      break;
    case COL_BACKEND:
      gtk_label_set_width_chars (GTK_LABEL (l), 13);
      break;
    case COL_WALL:
      gtk_label_set_width_chars (GTK_LABEL (l), 8);
      break;
    case COL_MACHINE:
      gtk_label_set_width_chars (GTK_LABEL (l), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (l), 16);
      break;
    default:
      /* The rest of the width; the whole text in the tooltip and in Compare. */
      gtk_label_set_width_chars (GTK_LABEL (l), 8);
      gtk_widget_set_hexpand (l, TRUE);
      break;
    }
  if (heading)
    gtk_widget_add_css_class (l, "heading");
  gtk_size_group_add_widget (self->columns[column], l);
  return l;
}

static GtkWidget *
row_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  return box;
}

static void
update_buttons (PsHistoryView *self)
{
  g_autoptr (GList) selected = gtk_list_box_get_selected_rows (GTK_LIST_BOX (self->list));
  guint n = g_list_length (selected);

  gtk_widget_set_sensitive (self->open_button, n == 1);
  gtk_widget_set_sensitive (self->compare_button, n == 2);
}

static void
clear_comparison (PsHistoryView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->compare_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->compare_grid), child);
  g_hash_table_remove_all (self->compared);
  gtk_widget_set_visible (self->compare_scroller, FALSE);
  gtk_widget_set_visible (self->compare_title, FALSE);
}

void
ps_history_view_refresh (PsHistoryView *self)
{
  const PsStudy *study = self->doc ? ps_document_get_study (self->doc) : NULL;
  const char *name = study ? ps_study_get_name (study) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsHistory) history = NULL;
  g_autoptr (GArray) all = NULL;
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0));)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), GTK_WIDGET (row));
  g_array_set_size (self->runs, 0);
  clear_comparison (self);
  if (name != NULL)
    {
      history = ps_history_open (NULL, &error);
      if (history != NULL)
        all = ps_history_list_runs (history, name, 500, &error);
    }
  if (all != NULL)
    for (guint i = 0; i < all->len; i++)
      {
        PsHistoryRun *r = &g_array_index (all, PsHistoryRun, i);

        /* A scaling study's timed runs are the Scaling tab's. */
        if (r->scaling_mode != NULL)
          continue;
        g_array_append_val (self->runs, *r);
        memset (r, 0, sizeof *r);
      }
  for (guint i = 0; i < self->runs->len; i++)
    {
      const PsHistoryRun *r = &g_array_index (self->runs, PsHistoryRun, i);
      g_autofree char *texts[N_COLS]
          = { date_text (r->recorded), backend_text (r), wall_text (r->wall_seconds),
              machine_text (r->machine), results_text (r) };
      GtkWidget *box = row_box ();

      for (int c = 0; c < N_COLS; c++)
        gtk_box_append (GTK_BOX (box), cell (self, c, texts[c], FALSE));
      if (study != NULL && g_strcmp0 (r->study_sha256, ps_study_get_checksum (study)) != 0)
        {
          gtk_widget_set_tooltip_text (box, _ ("A run of an earlier version of this study"));
          gtk_widget_add_css_class (box, "dim-label");
        }
      gtk_list_box_append (GTK_LIST_BOX (self->list), box);
    }
  if (error != NULL)
    {
      g_autofree char *msg
          = g_strdup_printf (_ ("The run history cannot be read: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->title), msg);
    }
  else if (name == NULL)
    gtk_label_set_text (GTK_LABEL (self->title), _ ("Open a valid study to see its past runs."));
  else if (self->runs->len == 0)
    gtk_label_set_text (GTK_LABEL (self->title),
                        _ ("No run of this study in the history yet: run it (Ctrl+R)."));
  else
    {
      g_autofree char *msg = g_strdup_printf (
          ngettext ("%u past run of “%s”, newest first. Select one to open it, two to compare "
                    "them (Ctrl+click).",
                    "%u past runs of “%s”, newest first. Select one to open it, two to compare "
                    "them (Ctrl+click).",
                    self->runs->len),
          self->runs->len, name);

      gtk_label_set_text (GTK_LABEL (self->title), msg);
    }
  gtk_widget_set_visible (self->header, self->runs->len > 0);
  update_buttons (self);
}

static void
on_result_changed (PsDocument *doc, PsHistoryView *self)
{
  /* A run just recorded (or an opened one, which changes nothing here). */
  if (!self->opening)
    ps_history_view_refresh (self);
}

void
ps_history_view_set_document (PsHistoryView *self, PsDocument *doc)
{
  if (self->doc == doc)
    return;
  if (self->doc != NULL)
    g_clear_signal_handler (&self->result_id, self->doc);
  g_set_object (&self->doc, doc);
  if (doc != NULL)
    self->result_id
        = g_signal_connect_object (doc, "result-changed", G_CALLBACK (on_result_changed), self, 0);
  ps_history_view_refresh (self);
}

/* ---- open and compare ----------------------------------------------------- */

static int
selected_indexes (PsHistoryView *self, int out[2])
{
  g_autoptr (GList) selected = gtk_list_box_get_selected_rows (GTK_LIST_BOX (self->list));
  int n = 0;

  for (GList *l = selected; l != NULL && n < 2; l = l->next)
    out[n++] = gtk_list_box_row_get_index (l->data);
  /* Older first: the list is newest first. */
  if (n == 2 && out[0] < out[1])
    {
      int t = out[0];

      out[0] = out[1];
      out[1] = t;
    }
  return (int)g_list_length (selected);
}

/* The run's results folder when it still holds this very run (the same study and
 * start time), else a folder of its own made from the history's summary.json. */
static PsDocumentResult *
result_of_run (const PsHistoryRun *r, GError **error)
{
  g_autoptr (PsRunView) hist = view_of (r);
  g_autofree char *dir = NULL;
  g_autoptr (PsRunView) there = NULL;
  PsDocumentResult *out;

  if (hist == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("the history keeps no summary of it"));
      return NULL;
    }
  dir = ps_run_task_dir_for (r->study_name, r->study_sha256);
  there = ps_run_view_load (dir, NULL);
  if (there == NULL || g_strcmp0 (there->started, hist->started) != 0
      || g_strcmp0 (there->study_sha256, hist->study_sha256) != 0)
    {
      g_autofree char *leaf = g_strdup_printf ("run-%" G_GINT64_FORMAT, r->id);
      g_autofree char *path = NULL;

      g_free (dir);
      dir = g_build_filename (g_get_user_cache_dir (), "parastudy", "history", leaf, NULL);
      path = g_build_filename (dir, "summary.json", NULL);
      if (g_mkdir_with_parents (dir, 0755) != 0
          || !g_file_set_contents (path, r->summary, -1, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot create %s"), dir);
          return NULL;
        }
    }
  out = ps_run_task_result_from_dir (dir, NULL, error);
  if (out != NULL)
    {
      g_free (out->summary_text);
      out->summary_text = ps_run_view_summary_text (hist);
    }
  return out;
}

gboolean
ps_history_view_open_selected (PsHistoryView *self)
{
  g_autoptr (GError) error = NULL;
  PsDocumentResult *r;
  GtkWidget *stack;
  int idx[2];

  if (self->doc == NULL || selected_indexes (self, idx) != 1)
    return FALSE;
  r = result_of_run (&g_array_index (self->runs, PsHistoryRun, idx[0]), &error);
  if (r == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("This run cannot be opened: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->title), msg);
      return FALSE;
    }
  self->opening = TRUE;
  ps_document_set_result (self->doc, r);
  self->opening = FALSE;
  /* Its figures are the Summary tab's. */
  stack = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_STACK);
  if (stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (stack), "summary") != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "summary");
  return TRUE;
}

static void
grid_text (GtkGrid *grid, int column, int row, const char *text, gboolean dim)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 40);
  gtk_label_set_selectable (GTK_LABEL (l), !dim);
  if (dim)
    gtk_widget_add_css_class (l, "dim-label");
  gtk_grid_attach (grid, l, column, row, 1, 1);
}

static const PsSummaryRow *
find_row (GPtrArray *rows, const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((PsSummaryRow *)rows->pdata[i])->key, key) == 0)
      return rows->pdata[i];
  return NULL;
}

/* The change from the older run to the newer of a figure both have as a number in
 * the same unit: "+1.2 %", "no change", or NULL. */
static char *
change_text (const PsSummaryRow *a, const PsSummaryRow *b)
{
  double x, y;

  if (a == NULL || b == NULL || a->type == PS_SUMMARY_TEXT || b->type == PS_SUMMARY_TEXT
      || g_strcmp0 (a->unit, b->unit) != 0)
    return NULL;
  x = a->values[0];
  y = b->values[0];
  if (!isfinite (x) || !isfinite (y))
    return NULL;
  if (x == y)
    return g_strdup (_ ("no change"));
  if (x == 0)
    return NULL;
  /* TRANSLATORS: the relative change of a figure between two runs: "+1.2 %" */
  return g_strdup_printf (_ ("%+.3g %%"), 100.0 * (y - x) / fabs (x));
}

gboolean
ps_history_view_compare_selected (PsHistoryView *self)
{
  const PsHistoryRun *run[2];
  g_autoptr (PsRunView) view0 = NULL;
  g_autoptr (PsRunView) view1 = NULL;
  PsRunView *view[2];
  GPtrArray *rows[2];
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GtkGrid *grid = GTK_GRID (self->compare_grid);
  int idx[2], row = 0;

  if (selected_indexes (self, idx) != 2)
    return FALSE;
  clear_comparison (self);
  for (int k = 0; k < 2; k++)
    {
      run[k] = &g_array_index (self->runs, PsHistoryRun, idx[k]);
      view[k] = view_of (run[k]);
      if (k == 0)
        view0 = view[k];
      else
        view1 = view[k];
      if (view[k] == NULL)
        return FALSE;
      rows[k] = ps_run_view_get_rows (view[k], PS_SUMMARY_SCREEN);
    }
  /* Every figure of either run, in the older run's order. */
  for (int k = 0; k < 2; k++)
    for (guint i = 0; i < rows[k]->len; i++)
      {
        const char *key = ((PsSummaryRow *)rows[k]->pdata[i])->key;

        if (!is_run_fact (key) && !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
          g_ptr_array_add (keys, (gpointer)key);
      }

  grid_text (grid, 0, row, "", TRUE);
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *d = date_text (run[k]->recorded);

      grid_text (grid, k + 1, row, d, FALSE);
      gtk_widget_add_css_class (gtk_grid_get_child_at (grid, k + 1, row), "heading");
    }
  grid_text (grid, 3, row, _ ("Change"), TRUE);
  row++;
  {
    const char *labels[] = { N_ ("Backend"), N_ ("Wall time"), N_ ("Machine"), N_ ("Status") };

    for (guint f = 0; f < G_N_ELEMENTS (labels); f++, row++)
      {
        grid_text (grid, 0, row, _ (labels[f]), TRUE);
        for (int k = 0; k < 2; k++)
          {
            g_autofree char *t = NULL;

            if (f == 0)
              t = backend_text (run[k]);
            else if (f == 1)
              t = wall_text (run[k]->wall_seconds);
            else if (f == 2)
              t = machine_text (run[k]->machine);
            else
              {
                const PsSummaryRow *s = find_row (rows[k], "stopped");

                t = s != NULL ? g_strdup_printf ("%s %s", s->label, s->text)
                              : g_strdup (_ ("complete"));
              }
            grid_text (grid, k + 1, row, t, FALSE);
          }
        if (f == 1 && run[0]->wall_seconds > 0)
          {
            g_autofree char *c = g_strdup_printf (
                _ ("%+.3g %%"),
                100.0 * (run[1]->wall_seconds - run[0]->wall_seconds) / run[0]->wall_seconds);

            grid_text (grid, 3, row, c, TRUE);
          }
      }
  }
  for (guint i = 0; i < keys->len; i++, row++)
    {
      const char *key = keys->pdata[i];
      const PsSummaryRow *f[2] = { find_row (rows[0], key), find_row (rows[1], key) };
      g_autofree char *change = change_text (f[0], f[1]);
      char **texts = g_new0 (char *, 3);

      grid_text (grid, 0, row, f[0] ? f[0]->label : f[1]->label, TRUE);
      for (int k = 0; k < 2; k++)
        {
          texts[k] = g_strdup (f[k] ? f[k]->text : "—");
          grid_text (grid, k + 1, row, texts[k], FALSE);
        }
      if (change != NULL)
        grid_text (grid, 3, row, change, TRUE);
      g_hash_table_replace (self->compared, g_strdup (key), texts);
    }
  gtk_widget_set_visible (self->compare_title, TRUE);
  gtk_widget_set_visible (self->compare_scroller, TRUE);
  return TRUE;
}

static void
on_open_clicked (PsHistoryView *self)
{
  ps_history_view_open_selected (self);
}

static void
on_compare_clicked (PsHistoryView *self)
{
  ps_history_view_compare_selected (self);
}

/* ---- for the tests -------------------------------------------------------- */

guint
ps_history_view_get_n_runs (PsHistoryView *self)
{
  return self->runs->len;
}

char *
ps_history_view_dup_row_text (PsHistoryView *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int)index);
  GString *out = g_string_new (NULL);

  if (row == NULL)
    return g_string_free (out, TRUE);
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_list_box_row_get_child (row)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    g_string_append_printf (out, "%s%s", out->len ? " | " : "", gtk_label_get_text (GTK_LABEL (c)));
  return g_string_free (out, FALSE);
}

void
ps_history_view_select (PsHistoryView *self, guint index, gboolean add)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int)index);

  if (!add)
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->list));
  if (row != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
}

gboolean
ps_history_view_get_compared (PsHistoryView *self, const char *key, const char **first,
                              const char **second)
{
  char **texts = g_hash_table_lookup (self->compared, key);

  if (texts == NULL)
    return FALSE;
  *first = texts[0];
  *second = texts[1];
  return TRUE;
}

/* ---- the widget ----------------------------------------------------------- */

static void
ps_history_view_dispose (GObject *object)
{
  PsHistoryView *self = PS_HISTORY_VIEW (object);

  if (self->doc != NULL)
    g_clear_signal_handler (&self->result_id, self->doc);
  g_clear_object (&self->doc);
  for (int c = 0; c < N_COLS; c++)
    g_clear_object (&self->columns[c]);
  G_OBJECT_CLASS (ps_history_view_parent_class)->dispose (object);
}

static void
ps_history_view_finalize (GObject *object)
{
  PsHistoryView *self = PS_HISTORY_VIEW (object);

  g_array_unref (self->runs);
  g_hash_table_unref (self->compared);
  G_OBJECT_CLASS (ps_history_view_parent_class)->finalize (object);
}

static void
ps_history_view_class_init (PsHistoryViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_history_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_history_view_finalize;
}

static void
clear_run (gpointer data)
{
  PsHistoryRun *r = data;

  g_free (r->recorded);
  g_free (r->study_name);
  g_free (r->study_sha256);
  g_free (r->kind);
  g_free (r->backend);
  g_free (r->machine);
  g_free (r->summary);
  g_free (r->scaling_mode);
}

static void
ps_history_view_init (PsHistoryView *self)
{
  static const char *const headings[N_COLS]
      = { N_ ("Date"), N_ ("Backend"), N_ ("Wall time"), N_ ("Machine"), N_ ("Key results") };
  GtkWidget *scroller, *buttons;

  self->runs = g_array_new (FALSE, TRUE, sizeof (PsHistoryRun));
  g_array_set_clear_func (self->runs, clear_run);
  self->compared
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  for (int c = 0; c < N_COLS; c++)
    self->columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_box_append (GTK_BOX (self), self->title);

  self->header = row_box ();
  for (int c = 0; c < N_COLS; c++)
    gtk_box_append (GTK_BOX (self->header), cell (self, c, _ (headings[c]), TRUE));
  gtk_box_append (GTK_BOX (self), self->header);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_MULTIPLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), FALSE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  g_signal_connect_swapped (self->list, "selected-rows-changed", G_CALLBACK (update_buttons), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self), scroller);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->open_button = gtk_button_new_with_mnemonic (_ ("_Open Results"));
  gtk_widget_set_tooltip_text (self->open_button,
                               _ ("Show the selected run's results in the Summary tab"));
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (on_open_clicked), self);
  self->compare_button = gtk_button_new_with_mnemonic (_ ("_Compare"));
  gtk_widget_set_tooltip_text (self->compare_button,
                               _ ("Show the two selected runs' key results side by side"));
  g_signal_connect_swapped (self->compare_button, "clicked", G_CALLBACK (on_compare_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->open_button);
  gtk_box_append (GTK_BOX (buttons), self->compare_button);
  gtk_box_append (GTK_BOX (self), buttons);

  self->compare_title = gtk_label_new (_ ("Comparison (older run first)"));
  gtk_label_set_xalign (GTK_LABEL (self->compare_title), 0);
  gtk_widget_add_css_class (self->compare_title, "heading");
  gtk_box_append (GTK_BOX (self), self->compare_title);
  self->compare_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->compare_grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->compare_grid), 4);
  self->compare_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->compare_scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->compare_scroller), self->compare_grid);
  gtk_widget_set_vexpand (self->compare_scroller, TRUE);
  gtk_box_append (GTK_BOX (self), self->compare_scroller);

  ps_history_view_refresh (self);
}

GtkWidget *
ps_history_view_new (void)
{
  return g_object_new (PS_TYPE_HISTORY_VIEW, NULL);
}
