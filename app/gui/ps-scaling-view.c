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
  GtkWidget *history_button;
  GtkWidget *history_list;
  GtkWidget *notes_label;
  GtkWidget *chart;

  GPtrArray *checks; /* GtkCheckButton, with the backend name as "backend" data */
  guint n_points;
  guint generation; /* of the run whose points the table shows */
  struct RunData *running;
  char *status;
  char *result_json;         /* the last run's scaling.json text */
  GPtrArray *history;        /* scaling.json texts, newest first */
  GPtrArray *history_checks; /* GtkCheckButton per history entry */
  char *history_study;       /* the study name the list is of */
  char *notes;               /* the fits and the warnings, in words */
  char *tmp_dir;             /* for the merged overlay file */
};

G_DEFINE_FINAL_TYPE (PsScalingView, ps_scaling_view, GTK_TYPE_BOX)

static const char *const chart_names[] = { "speedup", "efficiency", "time", NULL };

/* The last scaling result of a document is kept on it, so that switching studies
 * shows each one's own measurements. */
#define RESULT_KEY "ps-scaling-result-json"

typedef struct RunData
{
  PsScalingView *view; /* owned */
  PsDocument *doc;     /* owned: the study measured */
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
  g_clear_object (&d->doc);
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
  const char *heads[] = { N_ ("Backend"), N_ ("Workers"),    N_ ("Items"), N_ ("Median s"),
                          N_ ("Speedup"), N_ ("Efficiency"), N_ ("Notes") };

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

static double
num_member (JsonObject *o, const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_double (n) : NAN;
}

/* The [lo, hi] of "…_ci95"; FALSE when scaling.json has none (null). */
static gboolean
interval_member (JsonObject *o, const char *key, double *lo, double *hi)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;
  JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;

  if (a == NULL || json_array_get_length (a) != 2)
    return FALSE;
  *lo = json_array_get_double_element (a, 0);
  *hi = json_array_get_double_element (a, 1);
  return TRUE;
}

/* "lab-a (Intel Xeon …)" from scaling.json's machine. */
static char *
machine_label (JsonObject *root)
{
  JsonNode *n = json_object_get_member (root, "machine");
  JsonObject *m = n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
  const char *host = m != NULL ? str_member (m, "hostname") : NULL;

  return g_strdup (host != NULL ? host : _ ("unknown machine"));
}

/* "2026-11-21 07:34": the minute is enough, and keeps the legend narrow. */
static char *
when_label (JsonObject *root)
{
  const char *started = str_member (root, "started");
  char *when = g_strndup (started != NULL ? started : _ ("earlier"), 16);

  g_strdelimit (when, "T", ' ');
  return when;
}

static JsonArray *
series_of (JsonObject *root)
{
  JsonNode *n = root != NULL ? json_object_get_member (root, "series") : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static gboolean
overlay_active (PsScalingView *self, guint i)
{
  return i < self->history_checks->len
         && gtk_check_button_get_active (g_ptr_array_index (self->history_checks, i));
}

/* The base result with the series of each picked earlier result added, each named
 * after its backend, machine and date, so that curves of several machines are told
 * apart in the legend. NULL when there is nothing to show. */
static char *
merged_json (PsScalingView *self, char **note)
{
  g_autoptr (JsonNode) base = parse (self->result_json);
  JsonArray *bs;

  for (guint h = 0; h < self->history->len; h++)
    {
      g_autoptr (JsonNode) over = NULL;
      JsonObject *oo;
      JsonArray *os;
      g_autofree char *machine = NULL;
      g_autofree char *when = NULL;

      if (!overlay_active (self, h)
          || (over = parse (g_ptr_array_index (self->history, h))) == NULL)
        continue;
      oo = json_node_get_object (over);
      if (base == NULL)
        {
          /* The first picked result is the base; its series are named as well. */
          base = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (base, json_object_ref (oo));
          bs = series_of (json_node_get_object (base));
          os = json_array_new ();
          for (guint i = 0; bs != NULL && i < json_array_get_length (bs); i++)
            json_array_add_element (os, json_node_copy (json_array_get_element (bs, i)));
          json_object_set_array_member (json_node_get_object (base), "series", json_array_new ());
        }
      else if (g_strcmp0 (str_member (json_node_get_object (base), "mode"), str_member (oo, "mode"))
               != 0)
        {
          g_free (*note);
          *note = g_strdup_printf (
              _ ("An earlier result is %s scaling and this one %s: not overlaid"),
              str_member (oo, "mode"), str_member (json_node_get_object (base), "mode"));
          continue;
        }
      else
        os = series_of (oo) != NULL ? json_array_ref (series_of (oo)) : json_array_new ();
      bs = series_of (json_node_get_object (base));
      machine = machine_label (oo);
      when = when_label (oo);
      for (guint i = 0; bs != NULL && i < json_array_get_length (os); i++)
        {
          JsonNode *sn = json_node_copy (json_array_get_element (os, i));
          JsonObject *so = JSON_NODE_HOLDS_OBJECT (sn) ? json_node_get_object (sn) : NULL;

          if (so != NULL)
            {
              /* TRANSLATORS: a chart legend entry: backend — machine (date). */
              g_autofree char *name
                  = g_strdup_printf (_ ("%s — %s (%s)"), str_member (so, "backend"), machine, when);

              json_object_set_string_member (so, "backend", name);
              /* The measured curves are what is compared; their fit lines would
               * double the legend, which then no longer fits beside the table. */
              if (json_object_has_member (so, "fit"))
                json_object_remove_member (so, "fit");
            }
          json_array_add_element (bs, sn);
        }
      json_array_unref (os);
    }
  return base != NULL ? json_to_string (base, TRUE) : NULL;
}

/* A fit's figure with its 95 % interval in words: "0.0412 (95 % interval 0.0301 to
 * 0.0523)", or the figure alone when scaling.json gives no interval. */
static char *
with_interval (JsonObject *fit, const char *key, const char *ci_key, int digits)
{
  double v = num_member (fit, key), lo, hi;

  if (!isfinite (v))
    return g_strdup (_ ("not defined"));
  if (interval_member (fit, ci_key, &lo, &hi))
    return g_strdup_printf (_ ("%.*g (95 %% interval %.*g to %.*g)"), digits, v, digits, lo, digits,
                            hi);
  return g_strdup_printf (_ ("%.*g (no interval)"), digits, v);
}

static void
append_fit (GString *out, const char *backend, JsonObject *fit)
{
  const char *model = str_member (fit, "model");

  if (g_strcmp0 (model, "size") == 0)
    {
      g_string_append_printf (out, _ ("%s: time = %.4g s + %.4g s × %s (adjusted R² %.4f)"),
                              backend, num_member (fit, "c0"), num_member (fit, "c1"),
                              str_member (fit, "term") ? str_member (fit, "term") : "?",
                              num_member (fit, "adj_r2"));
    }
  else if (model != NULL)
    {
      g_autofree char *s = with_interval (fit, "serial_fraction", "serial_fraction_ci95", 3);
      g_autofree char *c = with_interval (fit, "max_speedup", "max_speedup_ci95", 3);

      if (g_str_equal (model, "gustafson"))
        g_string_append_printf (out, _ ("%s, Gustafson fit: serial fraction %s"), backend, s);
      else
        g_string_append_printf (out, _ ("%s, Amdahl fit: serial fraction %s, speedup ceiling %s"),
                                backend, s, c);
    }
  g_string_append_c (out, '\n');
}

/* Fills the table and the notes under it from a scaling.json text: one row per
 * point, a warning sign on the points with warnings, then each fit with its
 * intervals and each warning in words (issue 21). */
static void
show_result (PsScalingView *self)
{
  g_autoptr (JsonNode) root = parse (self->result_json);
  g_autoptr (GString) notes = g_string_new (NULL);
  JsonArray *series = root != NULL ? series_of (json_node_get_object (root)) : NULL;

  clear_table (self);
  for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
    {
      JsonObject *so = json_array_get_object_element (series, i);
      const char *backend = so != NULL ? str_member (so, "backend") : NULL;
      JsonNode *pn = so != NULL ? json_object_get_member (so, "points") : NULL;
      JsonArray *points
          = pn != NULL && JSON_NODE_HOLDS_ARRAY (pn) ? json_node_get_array (pn) : NULL;
      JsonNode *fn = so != NULL ? json_object_get_member (so, "fit") : NULL;

      if (backend == NULL)
        continue;
      for (guint k = 0; points != NULL && k < json_array_get_length (points); k++)
        {
          JsonObject *po = json_array_get_object_element (points, k);
          JsonNode *wn = po != NULL ? json_object_get_member (po, "warnings") : NULL;
          JsonArray *warnings
              = wn != NULL && JSON_NODE_HOLDS_ARRAY (wn) ? json_node_get_array (wn) : NULL;
          guint n_warn = warnings != NULL ? json_array_get_length (warnings) : 0;
          int row;
          int workers;
          g_autofree char *w = NULL;
          g_autofree char *n = NULL;
          g_autofree char *t = NULL;
          g_autofree char *sp = NULL;
          g_autofree char *e = NULL;

          if (po == NULL)
            continue;
          row = (int)++self->n_points;
          workers = (int)json_object_get_int_member_with_default (po, "workers", 0);
          w = g_strdup_printf (
              "%d%s", workers,
              json_object_get_boolean_member_with_default (po, "oversubscribed", FALSE) ? "*" : "");
          n = g_strdup_printf ("%" G_GINT64_FORMAT,
                               json_object_get_int_member_with_default (po, "size", 0));
          t = fmt_metric (num_member (po, "wall_median"), 4);
          sp = fmt_metric (num_member (po, "speedup"), 3);
          e = fmt_metric (num_member (po, "efficiency"), 3);
          cell (self, 0, row, backend);
          cell (self, 1, row, w);
          cell (self, 2, row, n);
          cell (self, 3, row, t);
          cell (self, 4, row, sp);
          cell (self, 5, row, e);
          cell (self, 6, row, n_warn > 0 ? "⚠" : "");
          for (guint j = 0; j < n_warn; j++)
            {
              const char *name = json_array_get_string_element (warnings, j);

              if (j == 0)
                g_string_append_printf (notes, _ ("%s, %d workers: "), backend, workers);
              else
                g_string_append (notes, "; ");
              g_string_append (notes, ps_scaling_warning_text (name, po));
              if (j + 1 == n_warn)
                g_string_append_c (notes, '\n');
            }
        }
      if (fn != NULL && JSON_NODE_HOLDS_OBJECT (fn))
        {
          g_autoptr (GString) fit = g_string_new (NULL);

          append_fit (fit, backend, json_node_get_object (fn));
          g_string_prepend (notes, fit->str);
        }
    }
  if (notes->len > 0)
    g_string_truncate (notes, notes->len - 1);
  g_free (self->notes);
  self->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  gtk_label_set_text (GTK_LABEL (self->notes_label), self->notes);
  gtk_widget_set_visible (self->notes_label, self->notes[0] != '\0');
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

static void on_overlay_toggled (PsScalingView *self);

/* The picker of earlier scaling results: one check button per result of the study in
 * the history, whichever machine measured it, labelled machine, date, backends and
 * mode; each one checked is drawn as named series on the charts. */
static void
refresh_history (PsScalingView *self, gboolean force)
{
  const PsStudy *study = self->doc != NULL ? ps_document_get_study (self->doc) : NULL;
  const char *name = study != NULL ? ps_study_get_name (study) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsHistory) history = NULL;
  GtkWidget *child;

  if (!force && g_strcmp0 (name, self->history_study) == 0)
    return;
  g_free (self->history_study);
  self->history_study = g_strdup (name);
  g_ptr_array_set_size (self->history, 0);
  g_ptr_array_set_size (self->history_checks, 0);
  while ((child = gtk_widget_get_first_child (self->history_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->history_list), child);
  if (name != NULL && (history = ps_history_open (NULL, &error)) != NULL)
    {
      g_autoptr (GPtrArray) texts = ps_history_list_scaling (history, name, &error);

      for (guint i = 0; texts != NULL && i < texts->len; i++)
        {
          g_autoptr (JsonNode) root = parse (g_ptr_array_index (texts, i));
          JsonObject *o = root != NULL ? json_node_get_object (root) : NULL;
          JsonArray *series = o != NULL ? series_of (o) : NULL;
          g_autoptr (GString) backends = g_string_new (NULL);
          g_autofree char *machine = NULL;
          g_autofree char *when = NULL;
          g_autofree char *label = NULL;
          GtkWidget *check;

          if (o == NULL)
            continue;
          for (guint k = 0; series != NULL && k < json_array_get_length (series); k++)
            {
              JsonObject *so = json_array_get_object_element (series, k);
              const char *b = so != NULL ? str_member (so, "backend") : NULL;

              g_string_append_printf (backends, "%s%s", k > 0 ? ", " : "", b != NULL ? b : "?");
            }
          machine = machine_label (o);
          when = when_label (o);
          /* TRANSLATORS: machine — date — backends (strong/weak/size scaling). */
          label = g_strdup_printf (_ ("%s — %s — %s (%s scaling)"), machine, when, backends->str,
                                   str_member (o, "mode") ? str_member (o, "mode") : "?");
          check = gtk_check_button_new_with_label (label);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_overlay_toggled), self);
          gtk_box_append (GTK_BOX (self->history_list), check);
          g_ptr_array_add (self->history_checks, check);
          g_ptr_array_add (self->history, g_strdup (g_ptr_array_index (texts, i)));
        }
    }
  if (error != NULL)
    g_message (_ ("the scaling history could not be read: %s"), error->message);
  gtk_widget_set_sensitive (self->history_button, self->history->len > 0);
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

  if (self->running != NULL && m->generation == self->generation && self->running->doc == self->doc)
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
      RunData *d = g_task_get_task_data (G_TASK (res));
      g_autofree char *text = ps_scaling_result_to_json (result);
      g_autofree char *msg = NULL;
      guint n = 0;

      for (guint i = 0; i < result->series->len; i++)
        n += ((PsScalingSeries *)g_ptr_array_index (result->series, i))->points->len;
      g_object_set_data_full (G_OBJECT (d->doc), RESULT_KEY, g_strdup (text), g_free);
      if (d->doc != self->doc)
        {
          /* Measured for a study that is no longer shown: kept on it. */
          update_buttons (self);
          return;
        }
      g_free (self->result_json);
      self->result_json = g_steal_pointer (&text);
      /* The table again, now with the metrics of every point. */
      show_result (self);
      msg = g_strdup_printf (_ ("%u points measured; written to %s"), n, d->dir);
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
  d->doc = g_object_ref (self->doc);
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
on_overlay_toggled (PsScalingView *self)
{
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
  self->history_checks = g_ptr_array_new ();
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

  show_result (self);
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
  g_ptr_array_unref (self->history_checks);
  g_free (self->notes);
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
  CHILD (history_button);
  CHILD (history_list);
  CHILD (notes_label);
  CHILD (chart);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, ps_scaling_view_start);
  gtk_widget_class_bind_template_callback (widget_class, ps_scaling_view_cancel);
  gtk_widget_class_bind_template_callback (widget_class, update_chart);
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
  if (g_set_object (&self->doc, doc))
    {
      /* Another study: its own last result (issue 19, item 2), or none. */
      g_free (self->result_json);
      self->result_json
          = doc != NULL ? g_strdup (g_object_get_data (G_OBJECT (doc), RESULT_KEY)) : NULL;
      show_result (self);
      refresh_history (self, TRUE);
      /* A run of this study still measuring: its points so far are not kept, the
       * table fills again from the next one. */
      if (self->running != NULL && self->running->doc == doc)
        clear_table (self);
      if (self->running != NULL && self->running->doc == doc)
        set_status (self, _ ("Measuring…"));
      else
        set_status (self, self->result_json == NULL && doc != NULL
                              ? _ ("No scaling measurements of this study yet")
                              : NULL);
      update_chart (self);
    }
  else
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
  for (guint i = 0; i < self->history_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->history_checks, i), (int)i == index);
  update_chart (self);
}

void
ps_scaling_view_set_compared (PsScalingView *self, guint index, gboolean compared)
{
  g_return_if_fail (index < self->history_checks->len);
  gtk_check_button_set_active (g_ptr_array_index (self->history_checks, index), compared);
}

const char *
ps_scaling_view_get_history_label (PsScalingView *self, guint index)
{
  g_return_val_if_fail (index < self->history_checks->len, NULL);
  return gtk_check_button_get_label (g_ptr_array_index (self->history_checks, index));
}

char *
ps_scaling_view_dup_series_names (PsScalingView *self)
{
  g_autofree char *note = NULL;
  g_autofree char *text = merged_json (self, &note);
  g_autoptr (JsonNode) root = parse (text);
  JsonArray *series = root != NULL ? series_of (json_node_get_object (root)) : NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
    {
      JsonObject *so = json_array_get_object_element (series, i);

      g_string_append_printf (
          out, "%s\n",
          so != NULL && str_member (so, "backend") != NULL ? str_member (so, "backend") : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
ps_scaling_view_get_notes (PsScalingView *self)
{
  return self->notes != NULL ? self->notes : "";
}

void
ps_scaling_view_show_json (PsScalingView *self, const char *scaling_json)
{
  g_return_if_fail (PS_IS_SCALING_VIEW (self) && self->doc != NULL);
  g_object_set_data_full (G_OBJECT (self->doc), RESULT_KEY, g_strdup (scaling_json), g_free);
  g_free (self->result_json);
  self->result_json = g_strdup (scaling_json);
  show_result (self);
  update_chart (self);
}
