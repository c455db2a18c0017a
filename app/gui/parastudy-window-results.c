#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "parastudy-window-private.h"
#include "ps-beam-detail.h"
#include "ps-chart-controls.h"
#include "ps-gui-chart.h"
#include "ps-lightest-view.h"
#include "ps-reliability-results.h"
#include "ps-result-columns.h"
#include "ps-run-view.h"
#include "ps-scaling-view.h"
#include "ps-specimen-view.h"

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

/* The items that could not be computed (a specimen that could not be fitted, a
 * configuration that failed), each with its reason, in a list below the figures:
 * in view, not only in the last column of a wide table. */
static void
add_failed_items (ParastudyWindow *self, int *row, const PsRunView *view)
{
  const GArray *first = view->errors.first;
  GtkWidget *title, *list;
  g_autofree char *heading = NULL;

  if (view->errors.count == 0 || first == NULL || first->len == 0)
    return;
  heading = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%'llu item failed", "%'llu items failed", view->errors.count),
      (unsigned long long)view->errors.count);
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 12);
  gtk_grid_attach (GTK_GRID (self->summary_grid), title, 0, (*row)++, 2, 1);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "failed-items");
  gtk_widget_add_css_class (list, "frame");
  for (guint i = 0; i < first->len; i++)
    {
      const PsItemError *e = &g_array_index (first, PsItemError, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *what = g_strdup_printf (_ ("Item %llu"), (unsigned long long)e->item);
      GtkWidget *item = gtk_label_new (what);
      GtkWidget *why = gtk_label_new (e->message);

      gtk_widget_add_css_class (item, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (item), 0);
      gtk_label_set_xalign (GTK_LABEL (why), 0);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (why), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (why), TRUE);
      gtk_widget_set_hexpand (why, TRUE);
      gtk_box_append (GTK_BOX (box), item);
      gtk_box_append (GTK_BOX (box), why);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 3);
      gtk_widget_set_margin_bottom (box, 3);
      gtk_list_box_append (GTK_LIST_BOX (list), box);
    }
  gtk_grid_attach (GTK_GRID (self->summary_grid), list, 0, (*row)++, 2, 1);
  if (view->errors.count > first->len)
    {
      g_autofree char *more = g_strdup_printf (
          _ ("The first %u are listed; the Table's Reason column has every one."), first->len);
      GtkWidget *note = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_grid_attach (GTK_GRID (self->summary_grid), note, 0, (*row)++, 2, 1);
    }
}

static void load_table_for (ParastudyWindow *self, const PsDocumentResult *r);

void
_parastudy_window_show_result (ParastudyWindow *self)
{
  const PsDocumentResult *r = self->current ? ps_document_get_result (self->current) : NULL;
  JsonObject *s;
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
  gtk_label_set_text (GTK_LABEL (self->summary_title),
                      json_object_get_string_member_with_default (s, "study", ""));
  /* The kind's figures, then the run's (ps-run-view.h). */
  {
    g_autoptr (PsRunView) view = ps_run_view_new (s);
    GPtrArray *rows = ps_run_view_get_rows (view, PS_SUMMARY_SCREEN);

    for (guint i = 0; i < rows->len; i++)
      {
        const PsSummaryRow *f = g_ptr_array_index (rows, i);

        add_figure (self, &row, f->key, f->label, f->text);
      }
    add_figure (self, &row, "dir", _ ("Results folder"), r->dir);
    add_failed_items (self, &row, view);
  }
  load_table_for (self, r);
  /* Reliability: the design point, SORM, subset levels and Sobol indices. */
  if (g_strcmp0 (json_object_get_string_member_with_default (s, "kind", ""), "reliability") == 0)
    {
      GtkWidget *more
          = ps_reliability_results_new (s, self->run_data, ps_document_get_root (self->current));

      if (more != NULL)
        gtk_grid_attach (GTK_GRID (self->summary_grid), more, 0, row, 2, 1);
    }
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

/* A Table column: which field of the row, and how it is shown (ps-result-columns.h). */
typedef struct
{
  guint column;
  PsColumnDisplay *display;
} TableColumn;

static void
table_column_free (gpointer p)
{
  TableColumn *tc = p;

  ps_column_display_free (tc->display);
  g_free (tc);
}

static void
setup_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer user_data)
{
  TableColumn *tc = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), tc->display->style == PS_COLUMN_NUMBER ? 1 : 0);
  if (tc->display->style == PS_COLUMN_NUMBER)
    gtk_widget_add_css_class (label, "numeric-cell");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *f, GtkListItem *item, gpointer user_data)
{
  TableColumn *tc = user_data;
  g_autofree char *field = ps_csv_row_dup_field (gtk_list_item_get_item (item), tc->column);
  g_autofree char *text = ps_column_display_format (tc->display, field);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (tc->display->style == PS_COLUMN_CHECK)
    {
      gboolean fail = g_str_equal (field, "0");

      if (fail)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
  ps_beam_detail_style_cell (label, gtk_list_item_get_item (item), tc->column);
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
  GtkSelectionModel *sel;

  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->table_view), NULL);
  clear_columns (self);
  g_set_object (&self->table_model, model);
  g_free (self->table_path);
  self->table_path = g_strdup (path);
  if (model == NULL)
    {
      gtk_widget_set_sensitive (self->passing_only, FALSE);
      ps_beam_detail_watch (PS_BEAM_DETAIL (self->beam_detail), NULL, NULL);
      update_table_info (self);
      update_chart_axes (self);
      return;
    }
  for (guint c = 0; c < ps_csv_model_get_n_columns (model); c++)
    {
      GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *col;
      PsProbeSorter *sorter = g_object_new (PS_TYPE_PROBE_SORTER, NULL);
      TableColumn *tc = g_new0 (TableColumn, 1);
      g_autofree char *title = NULL;

      tc->column = c;
      tc->display = ps_column_display_new (ps_csv_model_get_column_name (model, c));
      title = ps_column_display_title (tc->display);
      g_object_set_data_full (G_OBJECT (f), "ps-table-column", tc, table_column_free);
      sorter->window = self;
      sorter->column = (int)c;
      g_signal_connect (f, "setup", G_CALLBACK (setup_cell), tc);
      g_signal_connect (f, "bind", G_CALLBACK (bind_cell), tc);
      col = gtk_column_view_column_new (title, f);
      gtk_column_view_column_set_sorter (col, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (col, TRUE);
      /* Columns no row fills (the dimensions of section shapes the study does not
       * use) are left out; the file keeps them. */
      gtk_column_view_column_set_visible (col, !ps_csv_model_column_is_empty (model, c));
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->table_view), col);
      g_object_unref (sorter);
      g_object_unref (col);
    }
  /* Selecting a row of a beam study shows it in detail (ps-beam-detail.h). */
  sel = ps_beam_detail_watch (PS_BEAM_DETAIL (self->beam_detail), model,
                              self->run_study != NULL ? self->current : NULL);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->table_view), sel);
  g_object_unref (sel);
  gtk_widget_set_sensitive (self->passing_only, ps_csv_model_find_column (model, "pass") >= 0);
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->passing_only)))
    ps_csv_model_set_filter_column (model, ps_csv_model_find_column (model, "pass"));
  update_table_info (self);
  update_chart_axes (self);
}

/* What writing every row of @study would take on disk: the rows of its first
 * items, evaluated here (a few hundred, a blink), scaled to all of them. 0 when the
 * kind writes no rows. */
static guint64
estimate_rows_bytes (const PsStudy *study)
{
  const PsKindClass *k = ps_study_get_kind (study);
  guint64 n = ps_study_get_n_items (study), sample = MIN (n, 256);
  gpointer ws, summary;
  PsErrors errors;
  PsBuf rows;
  guint64 bytes;

  if (k->eval == NULL || k->summary_init == NULL || k->write_header == NULL || sample == 0)
    return 0;
  ws = k->workspace_new != NULL ? k->workspace_new (study) : NULL;
  summary = g_malloc0 (k->summary_size);
  k->summary_init (study, summary);
  ps_errors_init (&errors);
  ps_buf_init (&rows, 64 * 1024);
  k->eval (study, ws, 0, sample, summary, &errors, PS_ROWS_ALL, &rows);
  bytes = (guint64)((double)rows.len / (double)sample * (double)n);
  ps_buf_clear (&rows);
  ps_errors_clear (&errors);
  g_free (summary);
  if (ws != NULL && k->workspace_free != NULL)
    k->workspace_free (ws);
  return bytes;
}

static void
on_write_rows_clicked (ParastudyWindow *self)
{
  self->rows_all_once = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (self), "run", NULL);
  /* Nothing ran (Run disabled): the next ordinary run keeps its default. */
  if (!parastudy_window_is_running (self))
    self->rows_all_once = FALSE;
}

static void
update_table_info (ParastudyWindow *self)
{
  g_autofree char *text = NULL;
  guint64 bytes = 0;

  if (self->table_model == NULL && self->run_data != NULL && self->run_study != NULL
      && ps_run_data_get_n_rows (self->run_data) == 0
      && (bytes = estimate_rows_bytes (self->run_study)) > 0)
    {
      /* A sweep run without its rows (more than a million configurations): the
       * Charts show the pass map the run kept; the rows can be written on request. */
      g_autofree char *size = g_format_size (bytes);
      g_autofree char *label = g_strdup_printf (_ ("Write All Rows (about %s)"), size);

      text = g_strdup_printf (
          _ ("%'llu configurations: too many to keep one row each unless asked. The Charts "
             "show the share that passes by span and load, which the run keeps."),
          (unsigned long long)ps_study_get_n_items (self->run_study));
      gtk_button_set_label (GTK_BUTTON (self->write_rows_button), label);
      gtk_widget_set_tooltip_text (
          self->write_rows_button,
          _ ("Runs the study again and writes a results.csv row for every configuration"));
    }
  gtk_widget_set_visible (self->write_rows_button, bytes > 0);
  if (text != NULL)
    ;
  else if (self->table_model == NULL)
    text = g_strdup (_ ("No per-item results: run the study"));
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
      _parastudy_window_show_message (self, GTK_MESSAGE_ERROR, error->message);
      set_table_model (self, NULL, NULL);
      return FALSE;
    }
  set_table_model (self, model, path);
  _parastudy_window_update_actions (self);
  return TRUE;
}

/* The Lightest tab, shown for runs that have a lightest passing design. */
static void
update_lightest (ParastudyWindow *self)
{
  gboolean has = ps_lightest_view_set_run (PS_LIGHTEST_VIEW (self->lightest_view), self->run_data);
  GtkStackPage *page = gtk_stack_get_page (GTK_STACK (self->view_stack), self->lightest_view);

  if (!has
      && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->view_stack)), "lightest")
             == 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "summary");
  gtk_stack_page_set_visible (page, has);
}

static void
load_run_data (ParastudyWindow *self, const PsDocumentResult *r)
{
  g_autoptr (GError) error = NULL;

  /* The chart choices and the Lightest tab borrow the run data. */
  ps_chart_controls_reset (PS_CHART_CONTROLS (self->chart_controls));
  g_clear_pointer (&self->run_data, ps_run_data_free);
  g_clear_pointer (&self->run_study, ps_study_free);
  update_lightest (self);
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
  update_lightest (self);
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
    { "lightest", N_ ("Lightest passing per group") },
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
  /* Plotted in the units the Table shows (mm, kN, MPa), so the axes and the hover
   * read-out agree with it. */
  g_autoptr (PsColumnDisplay) dx = ps_column_display_new (xname);
  g_autoptr (PsColumnDisplay) dy = ps_column_display_new (yname);

  for (guint r = 0; r < n; r++)
    {
      int cls = pc >= 0 && ps_csv_model_get_number (m, r, (guint)pc) != 1.0;

      x[cls][k[cls]] = ps_csv_model_get_number (m, r, (guint)xc) * dx->scale;
      y[cls][k[cls]] = ps_csv_model_get_number (m, r, (guint)yc) * dy->scale;
      k[cls]++;
    }
  ps_chart_set_axis (chart, PS_AXIS_X, dx->label, dx->unit, PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, dy->label, dy->unit, PS_SCALE_LINEAR);
  if (pc >= 0)
    {
      int a = ps_chart_add_series (chart, _ ("passing"), PS_SERIES_POINTS, x[0], y[0], k[0]);
      int b = ps_chart_add_series (chart, _ ("failing"), PS_SERIES_POINTS, x[1], y[1], k[1]);

      ps_chart_series_set_color (chart, a, (PsColor){ 0.0, 0.45, 0.70, 1 });
      ps_chart_series_set_color (chart, b, (PsColor){ 0.84, 0.37, 0.0, 1 });
    }
  else
    ps_chart_add_series (chart, dy->label, PS_SERIES_POINTS, x[0], y[0], k[0]);
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
      /* The drop-downs show the columns' titles; the file's names are beside them. */
      GPtrArray *names = g_object_get_data (G_OBJECT (cols), "ps-column-names");

      xname = g_ptr_array_index (names, xi);
      yname = g_ptr_array_index (names, yi);
    }
  scatter = types == NULL || ti >= self->n_kind_charts;
  if (scatter || self->run_data == NULL)
    {
      ps_chart_controls_set_chart (PS_CHART_CONTROLS (self->chart_controls), NULL, NULL);
      ps_specimen_view_show (PS_SPECIMEN_VIEW (self->specimen_view), NULL, NULL);
    }
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
      PsChartControls *controls = PS_CHART_CONTROLS (self->chart_controls);
      PsPlotParams params = { 0 };

      /* The parameters on the axes, those held fixed and the specimen are chosen in
       * the chart controls (ps-chart-controls.h); the output of a chart against a
       * parameter in y. */
      if (ps_chart_controls_set_chart (controls, self->run_data, name))
        ps_chart_controls_get_params (controls, &params);
      if (g_str_equal (name, "output-vs-param"))
        params.y = yname;
      chart = ps_plot_study_chart (self->run_data, name, &params, &error);
      if (chart == NULL)
        {
          g_clear_error (&error);
          chart = ps_plot_study_chart (self->run_data, name, NULL, &error);
        }
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), chart, error ? error->message : NULL);
      ps_specimen_view_show (PS_SPECIMEN_VIEW (self->specimen_view), self->run_data,
                             g_str_equal (name, "specimen") ? params.specimen : NULL);
    }
  /* Kind charts take their x among the parameters that vary (the controls). */
  gtk_widget_set_visible (self->chart_x, scatter);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (self->chart_x), scatter);
  gtk_widget_set_sensitive (
      self->chart_y, scatter
                         || (ti < self->n_kind_charts
                             && g_str_equal (self->kind_charts[ti].name, "output-vs-param")));
  _parastudy_window_update_actions (self);
}

static guint
find_string (GPtrArray *names, const char *const *wanted)
{
  for (guint w = 0; wanted[w] != NULL; w++)
    for (guint i = 0; i < names->len; i++)
      if (g_str_equal (g_ptr_array_index (names, i), wanted[w]))
        return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
update_chart_axes (ParastudyWindow *self)
{
  GtkStringList *cols = gtk_string_list_new (NULL);
  GtkStringList *types = gtk_string_list_new (NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
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

        const char *name = ps_csv_model_get_column_name (self->table_model, c);
        g_autoptr (PsColumnDisplay) d = ps_column_display_new (name);

        g_ascii_strtod (f, &end);
        if (*f != '\0' && *end == '\0' && d->style == PS_COLUMN_NUMBER)
          {
            g_autofree char *title = ps_column_display_title (d);

            gtk_string_list_append (cols, title);
            g_ptr_array_add (names, g_strdup (name));
          }
      }
  g_object_set_data_full (G_OBJECT (cols), "ps-column-names", names,
                          (GDestroyNotify)g_ptr_array_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (cols));
  xi = find_string (names, x_pref);
  yi = find_string (names, y_pref);
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

/* ---- construction --------------------------------------------------------- */

void
_parastudy_window_class_results_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_passing_only_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_readout);
  gtk_widget_class_bind_template_callback (widget_class, update_chart);
  g_type_ensure (PS_TYPE_GUI_CHART);
  g_type_ensure (PS_TYPE_CHART_CONTROLS);
  g_type_ensure (PS_TYPE_SPECIMEN_VIEW);
  g_type_ensure (PS_TYPE_LIGHTEST_VIEW);
  g_type_ensure (PS_TYPE_SCALING_VIEW);
}

void
_parastudy_window_results_init (ParastudyWindow *self)
{
  self->write_rows_button = gtk_button_new ();
  gtk_widget_set_visible (self->write_rows_button, FALSE);
  gtk_widget_insert_after (self->write_rows_button, gtk_widget_get_parent (self->table_info),
                           self->table_info);
  g_signal_connect_swapped (self->write_rows_button, "clicked", G_CALLBACK (on_write_rows_clicked),
                            self);
  gtk_label_set_ellipsize (GTK_LABEL (self->table_info), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (self->table_info), TRUE);
  g_signal_connect (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->table_view)), "changed",
                    G_CALLBACK (on_table_sort_changed), self);
  self->beam_detail = ps_beam_detail_new ();
  ps_beam_detail_attach (PS_BEAM_DETAIL (self->beam_detail), self->table_scroller);
  g_signal_connect_swapped (self->chart_controls, "changed", G_CALLBACK (update_chart), self);
  set_table_model (self, NULL, NULL);
}

gboolean
parastudy_window_select_chart (ParastudyWindow *self, const char *name)
{
  for (guint i = 0; i < self->n_kind_charts; i++)
    if (g_str_equal (self->kind_charts[i].name, name))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->chart_type), i);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
parastudy_window_get_chart_controls (ParastudyWindow *self)
{
  return self->chart_controls;
}

GtkWidget *
parastudy_window_get_specimen_view (ParastudyWindow *self)
{
  return self->specimen_view;
}

GtkWidget *
parastudy_window_get_lightest_view (ParastudyWindow *self)
{
  return self->lightest_view;
}

void
_parastudy_window_results_dispose (ParastudyWindow *self)
{
  g_clear_object (&self->table_model);
  g_clear_pointer (&self->table_path, g_free);
  if (self->chart_controls != NULL)
    ps_chart_controls_reset (PS_CHART_CONTROLS (self->chart_controls));
  g_clear_pointer (&self->run_data, ps_run_data_free);
  g_clear_pointer (&self->run_study, ps_study_free);
}

GtkWidget *
parastudy_window_get_beam_detail (ParastudyWindow *self)
{
  return self->beam_detail;
}
