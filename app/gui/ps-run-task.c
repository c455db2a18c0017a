#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-run-task.h"
#include "ps-run-view.h"

typedef struct
{
  PsStudy *study;
  char *backend;
  int workers;
  PsRowsMode rows;
  gboolean resume;
  char *dir;

  gint cancel; /* atomic: the engine's cancel flag */
  GCancellable *cancellable;
  gulong cancel_id;

  GMutex lock;
  PsProgress progress; /* latest, under lock */
  gboolean idle_pending;
  gboolean finished; /* under lock: no progress after the result */
  PsRunProgressFunc progress_func;
  gpointer progress_data;
} RunData;

static void
run_data_clear (RunData *d)
{
  ps_study_free (d->study);
  g_free (d->backend);
  g_free (d->dir);
  g_clear_object (&d->cancellable);
  g_mutex_clear (&d->lock);
}

static RunData *
run_data_ref (RunData *d)
{
  return g_atomic_rc_box_acquire (d);
}

static void
run_data_unref (gpointer d)
{
  g_atomic_rc_box_release_full (d, (GDestroyNotify)run_data_clear);
}

static gboolean
deliver_progress (gpointer user_data)
{
  RunData *d = user_data;
  PsProgress p;
  gboolean finished;

  g_mutex_lock (&d->lock);
  p = d->progress;
  d->idle_pending = FALSE;
  finished = d->finished;
  g_mutex_unlock (&d->lock);
  if (!finished && d->progress_func != NULL)
    d->progress_func (&p, d->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the engine's committing thread. */
static void
on_engine_progress (const PsProgress *progress, gpointer user_data)
{
  RunData *d = user_data;
  gboolean schedule;

  g_mutex_lock (&d->lock);
  d->progress = *progress;
  schedule = !d->idle_pending && !d->finished;
  d->idle_pending = TRUE;
  g_mutex_unlock (&d->lock);
  if (schedule)
    g_idle_add_full (G_PRIORITY_LOW, deliver_progress, run_data_ref (d), run_data_unref);
}

static void
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  RunData *d = user_data;

  g_atomic_int_set (&d->cancel, 1);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *d = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunResult) result = NULL;
  PsDocumentResult *out;
  PsRunOptions opts;

  ps_run_options_init (&opts);
  opts.backend = d->backend;
  opts.workers = d->workers;
  opts.rows = d->rows;
  opts.resume = d->resume;
  opts.progress = on_engine_progress;
  opts.progress_data = d;
  opts.cancel = &d->cancel;
  /* A cancelled Monte Carlo run keeps the samples done so far (issue 19 item 13). */
  opts.keep_partial = TRUE;

  result = ps_run_to_dir (d->study, &opts, d->dir, &error);

  g_mutex_lock (&d->lock);
  d->finished = TRUE;
  g_mutex_unlock (&d->lock);

  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The run history, as the command line keeps it; a history that cannot be written
   * never fails the run. */
  {
    g_autoptr (GError) history_error = NULL;

    if (!ps_history_record_run (NULL, d->study, result, NULL, &history_error))
      g_message (_ ("the run was not recorded in the history: %s"), history_error->message);
  }
  out = g_new0 (PsDocumentResult, 1);
  out->dir = g_strdup (d->dir);
  out->summary_json = ps_run_summary_json (d->study, result);
  out->summary_text = ps_run_summary_text (d->study, result);
  out->summary = json_from_string (out->summary_json, NULL);
  out->backend = g_strdup (result->backend);
  out->workers = result->workers;
  out->wall_seconds = result->wall_seconds;
  out->stopped = result->stopped;
  g_task_return_pointer (task, out, (GDestroyNotify)ps_document_result_free);
}

static void
on_task_done (GObject *source, GParamSpec *pspec, gpointer user_data)
{
  RunData *d = user_data;

  /* Disconnecting from the main thread: a handler running now has finished. */
  if (d->cancellable != NULL && d->cancel_id != 0)
    g_cancellable_disconnect (d->cancellable, d->cancel_id);
  d->cancel_id = 0;
}

void
ps_run_task_start (PsStudy *study, const PsRunRequest *request, GCancellable *cancellable,
                   PsRunProgressFunc progress, gpointer progress_data, GAsyncReadyCallback callback,
                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *d = g_atomic_rc_box_new0 (RunData);

  g_mutex_init (&d->lock);
  d->study = study;
  d->backend = g_strdup (request->backend);
  d->workers = request->workers;
  d->rows = request->rows;
  d->dir = g_strdup (request->dir);
  d->resume = request->resume;
  d->progress_func = progress;
  d->progress_data = progress_data;
  if (cancellable != NULL)
    {
      d->cancellable = g_object_ref (cancellable);
      d->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), d, NULL);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_run_task_start);
  g_task_set_name (task, "parastudy run");
  /* The engine reports cancellation itself (PS_ERROR_CANCELLED) after it stopped. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, d, run_data_unref);
  g_signal_connect (task, "notify::completed", G_CALLBACK (on_task_done), d);
  g_task_run_in_thread (task, run_thread);
}

PsDocumentResult *
ps_run_task_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
ps_run_task_dir_for (const char *study_name, const char *sha256)
{
  g_autofree char *name = g_strdup (study_name != NULL ? study_name : "");
  g_autofree char *leaf = NULL;

  for (char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '-';
  leaf = g_strdup_printf ("%.40s-%.12s", name, sha256 != NULL ? sha256 : "");
  return g_build_filename (g_get_user_cache_dir (), "parastudy", "results", leaf, NULL);
}

char *
ps_run_task_default_dir (const PsStudy *study)
{
  return ps_run_task_dir_for (ps_study_get_name (study), ps_study_get_checksum (study));
}

PsDocumentResult *
ps_run_task_cached_result (const PsStudy *study)
{
  g_autofree char *dir = ps_run_task_default_dir (study);
  g_autoptr (PsRunView) view = NULL;
  PsDocumentResult *out;

  /* The folder is named after the checksum's first digits only: the whole checksum
   * in summary.json decides. */
  view = ps_run_view_load (dir, NULL);
  if (view == NULL || g_strcmp0 (view->study_sha256, ps_study_get_checksum (study)) != 0)
    return NULL;
  out = ps_run_task_result_from_dir (dir, NULL, NULL);
  if (out != NULL)
    {
      g_free (out->summary_text);
      out->summary_text = ps_run_view_summary_text (view);
    }
  return out;
}

PsDocumentResult *
ps_run_task_result_from_dir (const char *dir, const char *summary_text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PsDocumentResult) out = NULL;
  JsonObject *o;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("The run wrote no summary: %s"),
                   local_error->message);
      return NULL;
    }
  out = g_new0 (PsDocumentResult, 1);
  out->summary = json_from_string (text, &local_error);
  if (out->summary == NULL || !JSON_NODE_HOLDS_OBJECT (out->summary))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s is not a run summary: %s"), path,
                   local_error != NULL ? local_error->message : _ ("not a JSON object"));
      return NULL;
    }
  o = json_node_get_object (out->summary);
  out->dir = g_strdup (dir);
  out->summary_json = g_steal_pointer (&text);
  out->summary_text = summary_text != NULL && *summary_text != '\0' ? g_strdup (summary_text)
                                                                    : g_strdup (out->summary_json);
  out->backend = g_strdup (json_object_get_string_member_with_default (o, "backend", "?"));
  out->workers = (int)json_object_get_int_member_with_default (o, "workers", 0);
  out->wall_seconds = json_object_get_double_member_with_default (o, "wall_seconds", 0.0);
  out->stopped = json_object_has_member (o, "stopped");
  return g_steal_pointer (&out);
}
