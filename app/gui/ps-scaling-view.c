#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "backends/ps-backend.h"
#include "history/ps-history.h"
#include "plot/ps-plot-study.h"
#include "ps-gui-chart.h"
#include "ps-machine.h"
#include "ps-scaling-view.h"
#include "scaling/ps-scaling.h"

struct _PsScalingView
{
  GtkBox parent_instance;

  PsDocument *doc;

  /* Template children. */
  GtkWidget *backend_row;
  GtkWidget *backends_label;
  GtkWidget *workers_entry;
  GtkWidget *mode_dropdown;
  GtkWidget *repeats_spin;
  GtkWidget *run_button;
  GtkWidget *cancel_button;
  GtkWidget *status_label;
  GtkWidget *grid;
  GtkWidget *chart_dropdown;
  GtkWidget *history_dropdown;
  GtkWidget *chart;

  GPtrArray *checks; /* GtkCheckButton, with the backend name as "backend" data */
  guint n_points;
  guint generation; /* of the run whose points the table shows */
  struct RunData *running;
  char *status;
  char *result_json;   /* the last run's scaling.json text */
  GPtrArray *history;  /* scaling.json texts, newest first */
  char *history_study; /* the study name the list is of */
  int overlay;         /* index into history, or -1 */
  char *tmp_dir;       /* for the merged overlay file */
};

G_DEFINE_FINAL_TYPE (PsScalingView, ps_scaling_view, GTK_TYPE_BOX)

static const char *const chart_names[] = { "speedup", "efficiency", "time", NULL };

typedef struct RunData
{
  PsScalingView *view; /* owned */
  PsStudy *study;
  char **backends;
  GArray *workers;
  PsScalingMode mode;
  guint repeats;
  gint cancel;
  guint generation;
  PsHistory *history; /* worker thread only */
  gboolean warned;
  char *dir;
} RunData;

static void
run_data_free (RunData *d)
{
  g_clear_object (&d->view);
  g_clear_pointer (&d->study, ps_study_free);
  g_strfreev (d->backends);
  g_array_unref (d->workers);
  g_clear_pointer (&d->history, ps_history_close);
  g_free (d->dir);
  g_free (d);
}

static void
set_status (PsScalingView *self, const char *text)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (self->status_label), text != NULL ? text : "");
}

/* ---- table ---------------------------------------------------------------- */

static void
cell (PsScalingView *self, int col, int row, const char *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), col == 0 ? 0.0f : 1.0f);
  if (row == 0)
    gtk_widget_add_css_class (l, "heading");
  else
    gtk_widget_add_css_class (l, "numeric");
  gtk_grid_attach (GTK_GRID (self->grid), l, col, row, 1, 1);
}

static void
clear_table (PsScalingView *self)
{
  GtkWidget *child;
  const char *heads[] = { N_ ("Backend"),  N_ ("Workers"), N_ ("Items"),
                          N_ ("Median s"), N_ ("Speedup"), N_ ("Efficiency") };

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  for (int c = 0; c < (int)G_N_ELEMENTS (heads); c++)
    cell (self, c, 0, _ (heads[c]));
  self->n_points = 0;
}

static char *
fmt_metric (double v, int digits)
{
  return isfinite (v) ? g_strdup_printf ("%.*g", digits, v) : g_strdup ("—");
}

static void
add_point (PsScalingView *self, const char *backend, const PsScalingPoint *p)
{
  int row = (int)++self->n_points;
  g_autofree char *w = g_strdup_printf ("%d%s", p->workers, p->oversubscribed ? "*" : "");
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, p->size);
  g_autofree char *t = fmt_metric (p->wall_median, 4);
  g_autofree char *s = fmt_metric (p->speedup, 3);
  g_autofree char *e = fmt_metric (p->efficiency, 3);

  cell (self, 0, row, backend);
  cell (self, 1, row, w);
  cell (self, 2, row, n);
  cell (self, 3, row, t);
  cell (self, 4, row, s);
  cell (self, 5, row, e);
}

/* ---- charts and overlay --------------------------------------------------- */

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static const char *
str_member (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
             ? json_node_get_string (n)
             : NULL;
}

/* The base result with the overlay's series added, their backends named after the
 * run's date. NULL when there is nothing to show. */
static char *
merged_json (PsScalingView *self, char **note)
{
  const char *over_text = self->overlay >= 0 && (guint)self->overlay < self->history->len
                              ? g_ptr_array_index (self->history, self->overlay)
                              : NULL;
  g_autoptr (JsonNode) base = parse (self->result_json);
  g_autoptr (JsonNode) over = parse (over_text);
  JsonObject *bo, *oo;
  JsonArray *bs, *os;
  const char *started;

  if (over == NULL)
    return self->result_json != NULL ? g_strdup (self->result_json) : NULL;
  if (base == NULL)
    return g_strdup (over_text);
  bo = json_node_get_object (base);
  oo = json_node_get_object (over);
  if (g_strcmp0 (str_member (bo, "mode"), str_member (oo, "mode")) != 0)
    {
      *note = g_strdup_printf (_ ("The earlier result is %s scaling and this one %s: not overlaid"),
                               str_member (oo, "mode"), str_member (bo, "mode"));
      return g_strdup (self->result_json);
    }
  bs = json_object_get_array_member (bo, "series");
  os = json_object_get_array_member (oo, "series");
  started = str_member (oo, "started");
  for (guint i = 0; os != NULL && bs != NULL && i < json_array_get_length (os); i++)
    {
      JsonNode *sn = json_node_copy (json_array_get_element (os, i));
      JsonObject *so = JSON_NODE_HOLDS_OBJECT (sn) ? json_node_get_object (sn) : NULL;

      if (so != NULL)
        {
          /* "threads (2026-11-21 07:34)": the minute is enough, and keeps the
           * legend narrow. */
          g_autofree char *when = g_strndup (started != NULL ? started : _ ("earlier"), 16);
          g_autofree char *name = NULL;

          g_strdelimit (when, "T", ' ');
          name = g_strdup_printf ("%s (%s)", str_member (so, "backend"), when);

          json_object_set_string_member (so, "backend", name);
        }
      json_array_add_element (bs, sn);
    }
  return json_to_string (base, TRUE);
}

static void
update_chart (PsScalingView *self)
{
  g_autofree char *note = NULL;
  g_autofree char *text = merged_json (self, &note);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsScalingData) data = NULL;
  guint sel = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->chart_dropdown));
  PsChart *chart;

  if (text == NULL)
    {
      ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), NULL,
                              _ ("Run a scaling study, or pick an earlier one to show"));
      return;
    }
  if (self->tmp_dir == NULL)
    self->tmp_dir = g_dir_make_tmp ("parastudy-scaling-XXXXXX", &error);
  if (self->tmp_dir != NULL)
    {
      path = g_build_filename (self->tmp_dir, "scaling.json", NULL);
      if (g_file_set_contents (path, text, -1, &error))
        data = ps_scaling_data_load (path, &error);
    }
  chart = data != NULL ? ps_plot_scaling_chart (data, chart_names[MIN (sel, 2u)], &error) : NULL;
  ps_gui_chart_set_chart (PS_GUI_CHART (self->chart), chart, chart == NULL ? error->message : NULL);
  if (note != NULL)
    set_status (self, note);
}

/* ---- history -------------------------------------------------------------- */

static void
refresh_history (PsScalingView *self, gboolean force)
{
  const PsStudy *study = self->doc != NULL ? ps_document_get_study (self->doc) : NULL;
  const char *name = study != NULL ? ps_study_get_name (study) : NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsHistory) history = NULL;

  if (!force && g_strcmp0 (name, self->history_study) == 0)
    return;
  g_free (self->history_study);
  self->history_study = g_strdup (name);
  g_ptr_array_set_size (self->history, 0);
  self->overlay = -1;
  gtk_string_list_append (labels, _ ("No earlier result"));
  if (name != NULL && (history = ps_history_open (NULL, &error)) != NULL)
    {
      g_autoptr (GPtrArray) texts = ps_history_list_scaling (history, name, &error);

      for (guint i = 0; texts != NULL && i < texts->len; i++)
        {
          g_autoptr (JsonNode) root = parse (g_ptr_array_index (texts, i));
          JsonObject *o = root != NULL ? json_node_get_object (root) : NULL;
          g_autofree char *label = NULL;

          if (o == NULL)
            continue;
          label = g_strdup_printf (_ ("%s — %s scaling"),
                                   str_member (o, "started") ? str_member (o, "started") : "?",
                                   str_member (o, "mode") ? str_member (o, "mode") : "?");
          g_ptr_array_add (self->history, g_strdup (g_ptr_array_index (texts, i)));
          gtk_string_list_append (labels, label);
        }
    }
  if (error != NULL)
    g_message (_ ("the scaling history could not be read: %s"), error->message);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->history_dropdown), G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->history_dropdown), 0);
  gtk_widget_set_sensitive (self->history_dropdown, self->history->len > 0);
}

/* ---- run ------------------------------------------------------------------ */

static void
update_buttons (PsScalingView *self)
{
  gtk_widget_set_sensitive (self->run_button, self->running == NULL && self->doc != NULL);
  gtk_widget_set_visible (self->cancel_button, self->running != NULL);
}

typedef struct
{
  PsScalingView *view;
  guint generation;
  char *backend;
  PsScalingPoint point;
  guint done, total;
} PointMsg;

static gboolean
on_point_idle (gpointer user_data)
{
  PointMsg *m = user_data;
  PsScalingView *self = m->view;

  if (self->running != NULL && m->generation == self->generation)
    {
      g_autofree char *s
          = g_strdup_printf (_ ("%s, %d workers: median %.4g s (%u of %u points)"), m->backend,
                             m->point.workers, m->point.wall_median, m->done, m->total);

      add_point (self, m->backend, &m->point);
      set_status (self, s);
    }
  g_object_unref (m->view);
  g_free (m->backend);
  g_free (m);
  return G_SOURCE_REMOVE;
}

/* Worker thread. */
static void
on_progress (const PsScalingProgress *p, gpointer user_data)
{
  RunData *d = user_data;
  PointMsg *m = g_new0 (PointMsg, 1);

  m->view = g_object_ref (d->view);
  m->generation = d->generation;
  m->backend = g_strdup (p->backend);
  m->point = p->point;
  m->done = p->done;
  m->total = p->total;
  g_idle_add_full (G_PRIORITY_DEFAULT, on_point_idle, m, NULL);
}

/* Worker thread: every timed run goes to the history, as parastudy-cli scale does;
 * a history that cannot be written only stops the recording. */
static void
on_run_done (const PsStudy *study, const PsRunResult *run, gpointer user_data)
{
  RunData *d = user_data;
  g_autoptr (GError) error = NULL;

  if (d->history == NULL || d->warned)
    return;
  if (!ps_history_add_run (d->history, study, run, ps_scaling_mode_name (d->mode), &error))
    {
      g_message (_ ("runs are not being recorded in the history: %s"), error->message);
      d->warned = TRUE;
    }
}

static void
scaling_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *d = task_data;
  PsScalingOptions o = { 0 };
  g_autoptr (GError) error = NULL;
  PsScalingResult *result;

  d->history = ps_history_open (NULL, &error);
  if (d->history == NULL)
    {
      g_message (_ ("the scaling runs will not be recorded in the history: %s"), error->message);
      g_clear_error (&error);
    }
  o.backends = (const char *const *)d->backends;
  o.workers = (const int *)(gpointer)d->workers->data;
  o.n_workers = d->workers->len;
  o.mode = d->mode;
  o.repeats = d->repeats;
  o.warmup = 1;
  o.progress = on_progress;
  o.progress_data = d;
  o.cancel = &d->cancel;
  o.run_done = on_run_done;
  o.run_done_data = d;
  result = ps_scaling_run (d->study, &o, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ps_scaling_result_write (result, d->dir, &error))
    {
      ps_scaling_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (d->history != NULL && !d->warned)
    {
      g_autofree char *text = ps_scaling_result_to_json (result);

      if (!ps_history_add_scaling (d->history, d->study, ps_scaling_mode_name (d->mode), text,
                                   &error))
        g_message (_ ("the scaling study was not recorded in the history: %s"), error->message);
    }
  g_task_return_pointer (task, result, (GDestroyNotify)ps_scaling_result_free);
}

static void
on_scaling_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PsScalingView *self = PS_SCALING_VIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsScalingResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  self->running = NULL;
  self->generation++;
  if (result == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("The scaling run failed: %s"), error->message);

      set_status (self, msg);
    }
  else
    {
      g_autofree char *msg = NULL;
      guint n = 0;

      /* The table again, now with the metrics of every point. */
      clear_table (self);
      for (guint i = 0; i < result->series->len; i++)
        {
          PsScalingSeries *s = g_ptr_array_index (result->series, i);

          for (guint k = 0; k < s->points->len; k++, n++)
            add_point (self, s->backend, &g_array_index (s->points, PsScalingPoint, k));
        }
      g_free (self->result_json);
      self->result_json = ps_scaling_result_to_json (result);
      msg = g_strdup_printf (_ ("%u points measured; written to %s"), n,
                             (const char *)g_task_get_task_data (G_TASK (res)) != NULL
                                 ? ((RunData *)g_task_get_task_data (G_TASK (res)))->dir
                                 : "");
      set_status (self, msg);
      refresh_history (self, TRUE);
      update_chart (self);
    }
  update_buttons (self);
}

static char *
result_dir (const PsStudy *study)
{
  g_autofree char *name = g_strdup (ps_study_get_name (study));
  g_autofree char *leaf = NULL;

  g_strdelimit (name, "/\\:*?\"<>| ", '_');
  leaf = g_strdup_printf ("%.40s-%.12s", name,
                          ps_study_get_checksum (study) != NULL ? ps_study_get_checksum (study)
                                                                : "");
  return g_build_filename (g_get_user_cache_dir (), "parastudy", "scaling", leaf, NULL);
}

gboolean
ps_scaling_view_start (PsScalingView *self)
{
  g_autoptr (GPtrArray) backends = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) workers = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *reason = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  PsStudy *study;
  RunData *d;

  g_return_val_if_fail (PS_IS_SCALING_VIEW (self), FALSE);
  if (self->running != NULL)
    return FALSE;
  if (self->doc == NULL)
    {
      set_status (self, _ ("Open or create a study first"));
      return FALSE;
    }
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *c = g_ptr_array_index (self->checks, i);

      if (gtk_widget_get_sensitive (c) && gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
        g_ptr_array_add (backends, g_strdup (g_object_get_data (G_OBJECT (c), "backend")));
    }
  if (backends->len == 0)
    {
      set_status (self, _ ("Choose at least one backend"));
      return FALSE;
    }
  if (!ps_scaling_parse_workers (gtk_editable_get_text (GTK_EDITABLE (self->workers_entry)),
                                 workers, &error))
    {
      g_autofree char *msg = g_strdup_printf (_ ("Workers: %s"), error->message);

      set_status (self, msg);
      return FALSE;
    }
  if (workers->len == 0)
    {
      set_status (self, _ ("Workers: give at least one worker count, e.g. 1,2,4"));
      return FALSE;
    }
  reason = ps_document_dup_blocker (self->doc);
  if (reason != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("Cannot run: %s"), reason);

      set_status (self, msg);
      return FALSE;
    }
  study = ps_document_dup_study (self->doc, &error);
  if (study == NULL)
    {
      set_status (self, error->message);
      return FALSE;
    }
  g_ptr_array_add (backends, NULL);
  d = g_new0 (RunData, 1);
  d->view = g_object_ref (self);
  d->study = study;
  d->backends = (char **)g_ptr_array_steal (backends, NULL);
  d->workers = g_steal_pointer (&workers);
  d->mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode_dropdown)) == 1
                ? PS_SCALING_WEAK
                : PS_SCALING_STRONG;
  d->repeats = (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->repeats_spin));
  d->generation = ++self->generation;
  d->dir = result_dir (study);

  clear_table (self);
  set_status (self, _ ("Measuring…"));
  self->running = d;
  task = g_task_new (self, NULL, on_scaling_done, NULL);
  g_task_set_name (task, "parastudy scaling");
  g_task_set_task_data (task, d, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (task, scaling_thread);
  update_buttons (self);
  return TRUE;
}

void
ps_scaling_view_cancel (PsScalingView *self)
{
  if (self->running != NULL)
    g_atomic_int_set (&self->running->cancel, 1);
}

/* ---- the form --------------------------------------------------------------- */

static void
on_overlay_selected (PsScalingView *self)
{
  guint sel = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->history_dropdown));

  self->overlay = sel == GTK_INVALID_LIST_POSITION || sel == 0 ? -1 : (int)sel - 1;
  update_chart (self);
}

static void
ps_scaling_view_init (PsScalingView *self)
{
  const PsBackend *const *list = ps_backends_list ();
  GtkWidget *after;
  g_autoptr (GString) def = g_string_new (NULL);
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (int));

  self->checks = g_ptr_array_new ();
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->overlay = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A check button for each backend of the engine's table, after "Backends:". */
  after = self->backends_label;
  for (guint i = 0; list[i] != NULL; i++)
    {
      GtkWidget *c = gtk_check_button_new_with_label (_ (list[i]->label));
      PsBackendInfo info;

      ps_backend_get_info (list[i], &info);
      g_object_set_data_full (G_OBJECT (c), "backend", g_strdup (list[i]->name), g_free);
      /* A scaling study runs in this process: a backend that runs under a launcher
       * is measured by `parastudy-cli scale` under it (mpirun -n N). */
      if (info.available && (list[i]->flags & PS_BACKEND_NEEDS_LAUNCHER))
        {
          info.available = FALSE;
          info.reason = g_strdup (
              _ ("Runs under a launcher: measure it with parastudy-cli scale under the launcher"));
        }
      gtk_widget_set_sensitive (c, info.available);
      gtk_widget_set_tooltip_text (c, info.available ? _ (list[i]->description) : info.reason);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (c),
                                   g_strcmp0 (list[i]->name, ps_backend_default_name ()) == 0);
      ps_backend_info_clear (&info);
      g_ptr_array_add (self->checks, c);
      gtk_box_insert_child_after (GTK_BOX (self->backend_row), c, after);
      after = c;
    }
  ps_scaling_default_workers (ps_machine_get ()->cores, counts);
  for (guint i = 0; i < counts->len; i++)
    g_string_append_printf (def, "%s%d", i > 0 ? "," : "", g_array_index (counts, int, i));
  gtk_editable_set_text (GTK_EDITABLE (self->workers_entry), def->str);

  clear_table (self);
  refresh_history (self, TRUE);
  update_chart (self);
  update_buttons (self);
}

static void
ps_scaling_view_dispose (GObject *object)
{
  PsScalingView *self = PS_SCALING_VIEW (object);

  if (self->running != NULL)
    g_atomic_int_set (&self->running->cancel, 1);
  g_clear_object (&self->doc);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SCALING_VIEW);
  G_OBJECT_CLASS (ps_scaling_view_parent_class)->dispose (object);
}

static void
ps_scaling_view_finalize (GObject *object)
{
  PsScalingView *self = PS_SCALING_VIEW (object);

  if (self->tmp_dir != NULL)
    {
      g_autofree char *path = g_build_filename (self->tmp_dir, "scaling.json", NULL);

      g_unlink (path);
      g_rmdir (self->tmp_dir);
      g_free (self->tmp_dir);
    }
  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->history);
  g_free (self->history_study);
  g_free (self->result_json);
  g_free (self->status);
  G_OBJECT_CLASS (ps_scaling_view_parent_class)->finalize (object);
}

static void
ps_scaling_view_class_init (PsScalingViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_scaling_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_scaling_view_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-scaling-view.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PsScalingView, name)
  CHILD (backend_row);
  CHILD (backends_label);
  CHILD (workers_entry);
  CHILD (mode_dropdown);
  CHILD (repeats_spin);
  CHILD (run_button);
  CHILD (cancel_button);
  CHILD (status_label);
  CHILD (grid);
  CHILD (chart_dropdown);
  CHILD (history_dropdown);
  CHILD (chart);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, ps_scaling_view_start);
  gtk_widget_class_bind_template_callback (widget_class, ps_scaling_view_cancel);
  gtk_widget_class_bind_template_callback (widget_class, update_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_overlay_selected);
  g_type_ensure (PS_TYPE_GUI_CHART);
}

GtkWidget *
ps_scaling_view_new (void)
{
  return g_object_new (PS_TYPE_SCALING_VIEW, NULL);
}

void
ps_scaling_view_set_document (PsScalingView *self, PsDocument *doc)
{
  g_return_if_fail (PS_IS_SCALING_VIEW (self));
  g_set_object (&self->doc, doc);
  refresh_history (self, FALSE);
  update_buttons (self);
}

gboolean
ps_scaling_view_configure (PsScalingView *self, const char *backends, const char *workers,
                           const char *mode, guint repeats)
{
  g_auto (GStrv) names = g_strsplit (backends, ",", -1);
  gboolean ok = TRUE;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *c = g_ptr_array_index (self->checks, i);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (c),
                                   g_strv_contains ((const char *const *)names,
                                                    g_object_get_data (G_OBJECT (c), "backend")));
    }
  for (guint k = 0; names[k] != NULL; k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->checks->len; i++)
        {
          GtkWidget *c = g_ptr_array_index (self->checks, i);

          if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "backend"), names[k]) == 0)
            found = gtk_widget_get_sensitive (c);
        }
      ok = ok && found;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->workers_entry), workers);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->mode_dropdown),
                              g_strcmp0 (mode, "weak") == 0 ? 1 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->repeats_spin), repeats);
  return ok;
}

gboolean
ps_scaling_view_is_running (PsScalingView *self)
{
  return self->running != NULL;
}

guint
ps_scaling_view_get_n_points (PsScalingView *self)
{
  return self->n_points;
}

const char *
ps_scaling_view_get_status (PsScalingView *self)
{
  return self->status;
}

GtkWidget *
ps_scaling_view_get_chart (PsScalingView *self)
{
  return self->chart;
}

guint
ps_scaling_view_get_n_history (PsScalingView *self)
{
  return self->history->len;
}

void
ps_scaling_view_set_overlay (PsScalingView *self, int index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->history_dropdown),
                              index < 0 ? 0 : (guint)index + 1);
  self->overlay = index < 0 || (guint)index >= self->history->len ? -1 : index;
  update_chart (self);
}
