#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backends/ps-backend.h"
#include "ps-error.h"
#include "study/ps-json.h"
#include "ps-machine.h"
#include "ps-run-view.h"
#include "ps-run.h"
#include "ps-run-resume-private.h"
#include "study/ps-study-private.h"

struct _PsExec
{
  const PsStudy *study;
  const PsRunOptions *options;
  guint64 chunk_items;
  guint64 n_chunks;
  guint64 next_commit;
  gpointer acc;
  PsErrors errors;
  guint64 items_done;
  gint64 t0;
  gint failed;  /* atomic */
  gint done;    /* atomic: the study said it has enough items */
  gint stopped; /* atomic: latched once a stop was seen, so a reset cancel flag
                 * cannot resume a run that skipped chunks */
  GError *error;
  guint64 rows_bytes;
  guint64 workers_rss;
  double workers_cpu;

  /* Checkpoints and resuming (ps-run-resume.c). */
  guint64 first_chunk;          /* where a resumed run goes on, else 0 */
  double elapsed_before;        /* s: the interrupted run's time up to its checkpoint */
  double cpu_before;            /* s: its CPU time */
  const char *started;          /* ISO 8601: when the run, or the run it resumes, started */
  double cpu0;                  /* ps_cpu_seconds() when this run started */
  PsCheckpointer *checkpointer; /* NULL: no checkpoints */
};

void
ps_run_options_init (PsRunOptions *options)
{
  memset (options, 0, sizeof *options);
  options->rows = PS_ROWS_NONE;
}

guint64
ps_exec_get_n_chunks (PsExec *exec)
{
  return exec->n_chunks;
}

guint64
ps_exec_get_first_chunk (PsExec *exec)
{
  return exec->first_chunk;
}

guint64
ps_exec_get_chunk_items (PsExec *exec)
{
  return exec->chunk_items;
}

const PsRunOptions *
ps_exec_get_options (PsExec *exec)
{
  return exec->options;
}

void
ps_exec_add_workers_rss (PsExec *exec, guint64 bytes)
{
  exec->workers_rss += bytes;
}

void
ps_exec_add_workers_cpu (PsExec *exec, double seconds)
{
  exec->workers_cpu += seconds;
}

const PsStudy *
ps_exec_get_study (PsExec *exec)
{
  return exec->study;
}

gboolean
ps_exec_should_stop (PsExec *exec)
{
  if (g_atomic_int_get (&exec->stopped))
    return TRUE;
  if (g_atomic_int_get (&exec->failed) || g_atomic_int_get (&exec->done)
      || (exec->options->cancel != NULL && g_atomic_int_get (exec->options->cancel) != 0))
    {
      g_atomic_int_set (&exec->stopped, 1);
      return TRUE;
    }
  return FALSE;
}

void
ps_study_eval_chunk (const PsStudy *study, guint64 chunk_items, guint64 chunk, PsRowsMode mode,
                     gpointer workspace, gpointer summary, PsErrors *errors, PsBuf *rows)
{
  guint64 begin = chunk * chunk_items;
  guint64 end = MIN (study->n_items, begin + chunk_items);
  guint64 cycle = study->cycle_items;

  study->klass->summary_init (study, summary);
  ps_errors_clear (errors);
  rows->len = 0;
  ps_run_test_hang (chunk);
  if (cycle == 0 || (begin < cycle && end <= cycle))
    {
      study->klass->eval (study, workspace, begin, end, summary, errors, mode, rows);
      return;
    }

  /* A study made longer for a scaling run: the range wraps round the study's own
   * items, each piece evaluated on its own and merged in order. */
  g_autofree guint8 *part = g_malloc (study->klass->summary_size);
  for (guint64 b = begin; b < end;)
    {
      guint64 first = b % cycle;
      guint64 n = MIN (end - b, cycle - first);
      PsErrors part_errors;

      ps_errors_init (&part_errors);
      study->klass->summary_init (study, part);
      study->klass->eval (study, workspace, first, first + n, part, &part_errors, mode, rows);
      study->klass->merge (study, summary, part);
      ps_errors_merge (errors, &part_errors);
      b += n;
    }
}

void
ps_exec_eval_chunk (PsExec *exec, guint64 chunk, gpointer workspace, gpointer summary,
                    PsErrors *errors, PsBuf *rows)
{
  ps_study_eval_chunk (exec->study, exec->chunk_items, chunk, exec->options->rows, workspace,
                       summary, errors, rows);
}

/* ---- checkpoints (ps-run-resume.c) ------------------------------------------------ */

/* After chunk exec->next_commit - 1 was committed: a checkpoint when one is due.
 * Not after the last chunk or a stop (the run is about to commit or give up its
 * outputs), nor once a cancel was asked (a watchdog may be removing the stage). */
static void
checkpoint_after_commit (PsExec *exec)
{
  double now = exec->elapsed_before + (double)(g_get_monotonic_time () - exec->t0) * 1e-6;
  double cpu = exec->cpu_before + ps_cpu_seconds () - exec->cpu0 + exec->workers_cpu;

  if (exec->next_commit >= exec->n_chunks || g_atomic_int_get (&exec->done)
      || g_atomic_int_get (&exec->failed) || g_atomic_int_get (&exec->stopped)
      || (exec->options->cancel != NULL && g_atomic_int_get (exec->options->cancel) != 0))
    return;
  if (!ps_checkpointer_after_commit (exec->checkpointer, exec->next_commit, exec->acc,
                                     &exec->errors, exec->rows_bytes, now, cpu, exec->started,
                                     &exec->error))
    g_atomic_int_set (&exec->failed, 1);
}

void
ps_exec_commit_chunk (PsExec *exec, guint64 chunk, gconstpointer summary, PsErrors *errors,
                      PsBuf *rows)
{
  const PsRunOptions *o = exec->options;
  guint64 begin = chunk * exec->chunk_items;
  guint64 end = MIN (exec->study->n_items, begin + exec->chunk_items);

  if (g_atomic_int_get (&exec->failed) || g_atomic_int_get (&exec->done))
    return;
  if (chunk != exec->next_commit)
    {
      /* A chunk before this one was skipped by a stop: never commit out of order. */
      g_atomic_int_set (&exec->stopped, 1);
      return;
    }
  exec->next_commit++;
  exec->study->klass->merge (exec->study, exec->acc, summary);
  ps_errors_merge (&exec->errors, errors);
  if (rows->len > 0 && o->rows_write != NULL)
    {
      if (!o->rows_write (rows->data, rows->len, o->rows_data, &exec->error))
        {
          g_atomic_int_set (&exec->failed, 1);
          return;
        }
      exec->rows_bytes += rows->len;
    }
  exec->items_done += end - begin;
  if (o->progress != NULL)
    {
      PsProgress p = { 0 };

      p.items_done = exec->items_done;
      p.items_total = exec->study->n_items;
      p.elapsed = exec->elapsed_before + (double)(g_get_monotonic_time () - exec->t0) * 1e-6;
      p.eta = p.items_done > 0
                  ? p.elapsed * (double)(p.items_total - p.items_done) / (double)p.items_done
                  : -1.0;
      o->progress (&p, o->progress_data);
    }
  if (exec->study->klass->is_done != NULL
      && exec->study->klass->is_done (exec->study, exec->acc,
                                      exec->elapsed_before
                                          + (double)(g_get_monotonic_time () - exec->t0) * 1e-6))
    g_atomic_int_set (&exec->done, 1);
  if (exec->checkpointer != NULL)
    checkpoint_after_commit (exec);
}

void
ps_run_result_free (PsRunResult *result)
{
  if (result == NULL)
    return;
  if (result->summary != NULL && result->kind != NULL && result->kind->summary_clear != NULL)
    result->kind->summary_clear (result->summary);
  g_free (result->summary);
  g_free (result->failure);
  ps_errors_clear (&result->errors);
  g_free (result->backend);
  g_free (result->started);
  g_free (result);
}

static const PsBackend *
resolve_backend (const PsRunOptions *options, int *workers_out, GError **error)
{
  const char *name = options->backend ? options->backend : ps_backend_default_name ();
  const PsBackend *backend = ps_backend_lookup (name);
  g_autofree char *reason = NULL;
  int workers;

  if (backend == NULL)
    {
      GString *names = g_string_new (NULL);
      const PsBackend *const *all = ps_backends_list ();

      for (guint i = 0; all[i] != NULL; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", all[i]->name);
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("unknown backend \"%s\" (available: %s)"),
                   name, names->str);
      g_string_free (names, TRUE);
      return NULL;
    }
  if (!backend->is_available (&reason))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED, _ ("the %s backend is not available: %s"),
                   backend->name, reason ? reason : _ ("unknown reason"));
      return NULL;
    }
  workers = options->workers > 0 ? options->workers : backend->default_workers ();
  if (workers > 4096)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--workers: at most 4096 (got %d)"),
                   workers);
      return NULL;
    }
  /* The serial backend, and any with a fixed worker count, is one worker whatever
   * was asked. */
  if (backend->flags & PS_BACKEND_FIXED_WORKERS)
    workers = 1;
  *workers_out = workers;
  return backend;
}

gboolean
ps_run_check_options (const PsRunOptions *options, GError **error)
{
  int workers;

  return resolve_backend (options, &workers, error) != NULL;
}

/* Takes what an interrupted run had committed: the run goes on at its first
 * uncommitted chunk, with its summary and errors, its rows' length and its times. */
static void
resume_exec (PsExec *exec, PsResumeState *resume, PsRunResult *result)
{
  exec->first_chunk = resume->first_chunk;
  exec->next_commit = resume->first_chunk;
  memcpy (exec->acc, resume->summary, exec->study->klass->summary_size);
  exec->errors = resume->errors;
  ps_errors_init (&resume->errors);
  exec->items_done = MIN (exec->study->n_items, resume->first_chunk * exec->chunk_items);
  exec->rows_bytes = resume->rows_bytes;
  exec->elapsed_before = resume->elapsed;
  exec->cpu_before = resume->cpu_seconds;
  if (resume->started != NULL)
    {
      g_free (result->started);
      result->started = g_strdup (resume->started);
    }
}

/* Runs @study; with @resume, from where an interrupted run's checkpoint left it (its
 * summary and errors are taken), and with @checkpointer, writing checkpoints. */
static PsRunResult *
run_study (const PsStudy *study, const PsRunOptions *options, PsResumeState *resume,
           PsCheckpointer *checkpointer, GError **error)
{
  g_autoptr (PsRunResult) result = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  const PsBackend *backend;
  PsExec exec = { 0 };
  int workers = 1;

  backend = resolve_backend (options, &workers, error);
  if (backend == NULL)
    return NULL;

  exec.study = study;
  exec.options = options;
  exec.chunk_items = study->klass->chunk_items (study);
  exec.n_chunks = (study->n_items + exec.chunk_items - 1) / exec.chunk_items;
  exec.acc = g_malloc (study->klass->summary_size);
  study->klass->summary_init (study, exec.acc);
  ps_errors_init (&exec.errors);
  exec.checkpointer = checkpointer;

  result = g_new0 (PsRunResult, 1);
  result->kind = study->klass;
  result->started = g_date_time_format_iso8601 (now);
  if (resume != NULL)
    resume_exec (&exec, resume, result);
  exec.started = result->started;
  exec.cpu0 = ps_cpu_seconds ();
  exec.t0 = g_get_monotonic_time ();
  if (!backend->execute (&exec, workers, &exec.error) && exec.error == NULL)
    g_set_error (&exec.error, PS_ERROR, PS_ERROR_FAILED, _ ("the %s backend failed"),
                 backend->name);

  result->wall_seconds = exec.elapsed_before + (double)(g_get_monotonic_time () - exec.t0) * 1e-6;
  /* The workers' time too: a processes or MPI run computes in them. */
  result->cpu_seconds = exec.cpu_before + ps_cpu_seconds () - exec.cpu0 + exec.workers_cpu;
  result->peak_rss_bytes = ps_peak_rss_bytes ();
  result->workers_peak_rss_bytes = exec.workers_rss;
  result->workers_cpu_seconds = exec.workers_cpu;
  result->summary = exec.acc;
  result->errors = exec.errors;
  result->backend = g_strdup (backend->name);
  result->workers = workers;
  result->items = MIN (study->n_items, exec.next_commit * exec.chunk_items);
  result->chunk_items = exec.chunk_items;
  result->chunks = exec.n_chunks;
  result->rows_bytes = exec.rows_bytes;

  if (exec.error != NULL)
    {
      g_propagate_error (error, exec.error);
      return NULL;
    }
  result->items_planned = study->n_items;
  if (exec.next_commit != exec.n_chunks && !g_atomic_int_get (&exec.done))
    {
      /* A prefix of Monte Carlo sample blocks is a Monte Carlo run of fewer samples:
       * its merged summary is kept (issue 19 item 13). */
      if (options->cancel != NULL && g_atomic_int_get (options->cancel) && options->keep_partial
          && study->klass->set_items != NULL && exec.next_commit > exec.first_chunk)
        {
          result->stopped = TRUE;
          return g_steal_pointer (&result);
        }
      if (options->cancel != NULL && g_atomic_int_get (options->cancel))
        g_set_error (error, PS_ERROR, PS_ERROR_CANCELLED,
                     _ ("the run was cancelled after %llu of %llu items"),
                     (unsigned long long)exec.items_done, (unsigned long long)study->n_items);
      else
        g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
                     _ ("the run stopped after %llu of %llu items"),
                     (unsigned long long)exec.items_done, (unsigned long long)study->n_items);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* One round of a study of several rounds: the round's own items on the backend. */
static PsRunResult *
run_one (const PsStudy *study, const PsRunOptions *options, GError **error)
{
  return run_study (study, options, NULL, NULL, error);
}

/* ---- studies of several rounds ------------------------------------------------------ */

typedef struct
{
  const PsRunOptions *options;
  guint round;
  guint64 items_before; /* of the rounds before this one */
  gint64 t0;
} RoundsProgress;

static void
on_round_progress (const PsProgress *p, gpointer user_data)
{
  RoundsProgress *rp = user_data;
  PsProgress q = *p;

  q.items_done += rp->items_before;
  q.items_total += rp->items_before;
  q.elapsed = (double)(g_get_monotonic_time () - rp->t0) * 1e-6;
  /* How many rounds follow is decided as they go: no estimate of the time left. */
  q.eta = -1.0;
  q.round = rp->round;
  rp->options->progress (&q, rp->options->progress_data);
}

static gboolean
collect_rows (const char *data, gsize length, gpointer user_data, GError **error)
{
  g_byte_array_append (user_data, (const guint8 *)data, (guint)length);
  return TRUE;
}

static PsRunResult *
run_rounds (const PsStudy *study, gpointer rounds, const PsRunOptions *options, GError **error)
{
  const PsKindClass *k = study->klass;
  g_autoptr (PsRunResult) result = g_new0 (PsRunResult, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GByteArray) rows = g_byte_array_new ();
  RoundsProgress rp = { options, 0, 0, g_get_monotonic_time () };
  const PsBackend *backend;
  double cpu0 = ps_cpu_seconds ();
  gboolean ok = TRUE;
  int workers = 1;

  backend = resolve_backend (options, &workers, error);
  if (backend == NULL)
    {
      k->rounds_free (rounds);
      return NULL;
    }
  result->kind = k;
  result->started = g_date_time_format_iso8601 (now);
  result->backend = g_strdup (backend->name);
  result->workers = workers;
  while (ok)
    {
      g_autoptr (GError) local = NULL;
      g_autofree char *text = NULL;
      g_autoptr (PsStudy) round = NULL;
      g_autoptr (PsRunResult) r = NULL;
      PsRunOptions ro = *options;

      if (options->cancel != NULL && g_atomic_int_get (options->cancel) != 0)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_CANCELLED,
                       _ ("the run was cancelled after %u rounds"), result->rounds);
          ok = FALSE;
          break;
        }
      text = k->rounds_next (rounds, &local);
      if (text == NULL)
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              ok = FALSE;
            }
          break;
        }
      round = ps_study_load_internal (text, -1, study->path, &local);
      if (round == NULL)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("round %u: %s"), result->rounds + 1,
                       local->message);
          ok = FALSE;
          break;
        }
      /* The round's rows are its items' outputs, for the next decision: in memory,
       * in item order, whatever the backend. */
      ro.rows = PS_ROWS_ALL;
      ro.rows_write = collect_rows;
      ro.rows_data = rows;
      ro.rows_dir = NULL;
      /* A round cut short would steer the next one: a cancel ends the run. */
      ro.keep_partial = FALSE;
      rp.round = result->rounds + 1;
      if (options->progress != NULL)
        {
          ro.progress = on_round_progress;
          ro.progress_data = &rp;
        }
      g_byte_array_set_size (rows, 0);
      r = run_one (round, &ro, error);
      if (r == NULL)
        {
          ok = FALSE;
          break;
        }
      result->rounds++;
      result->items += r->items;
      result->chunks += r->chunks;
      result->chunk_items = MAX (result->chunk_items, r->chunk_items);
      result->workers_peak_rss_bytes
          = MAX (result->workers_peak_rss_bytes, r->workers_peak_rss_bytes);
      result->workers_cpu_seconds += r->workers_cpu_seconds;
      ps_errors_merge (&result->errors, &r->errors);
      rp.items_before += r->items;
      ok = k->rounds_update (rounds, round, r->summary, rows->data, rows->len, error);
    }
  if (!ok)
    {
      k->rounds_free (rounds);
      return NULL;
    }
  result->summary = g_malloc (k->summary_size);
  k->summary_init (study, result->summary);
  k->rounds_finish (rounds, result->summary);
  k->rounds_free (rounds);
  result->wall_seconds = (double)(g_get_monotonic_time () - rp.t0) * 1e-6;
  result->cpu_seconds = ps_cpu_seconds () - cpu0 + result->workers_cpu_seconds;
  result->peak_rss_bytes = ps_peak_rss_bytes ();
  return g_steal_pointer (&result);
}

/* Runs @study, in rounds when its kind decides the next items from the last ones' results
 * (FORM, subset simulation, …); a study of one round may resume from @resume and write
 * checkpoints with @checkpointer (a study of several rounds is not checkpointed). */
static PsRunResult *
run_study_or_rounds (const PsStudy *study, const PsRunOptions *options, PsResumeState *resume,
                     PsCheckpointer *checkpointer, GError **error)
{
  PsRunResult *result;
  gpointer rounds = NULL;

  if (study->klass->rounds_new != NULL)
    {
      g_autoptr (GError) local = NULL;

      rounds = study->klass->rounds_new (study, &local);
      if (rounds == NULL && local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  result = rounds != NULL ? run_rounds (study, rounds, options, error)
                          : run_study (study, options, resume, checkpointer, error);
  if (result != NULL && study->klass->summary_failure != NULL)
    result->failure = study->klass->summary_failure (study, result->summary);
  return result;
}

PsRunResult *
ps_run_study (const PsStudy *study, const PsRunOptions *options, GError **error)
{
  return run_study_or_rounds (study, options, NULL, NULL, error);
}

char *
ps_run_summary_json (const PsStudy *study, const PsRunResult *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "parastudy_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "study");
  json_builder_add_string_value (b, study->name);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, study->klass->name);
  if (study->path)
    {
      json_builder_set_member_name (b, "study_file");
      json_builder_add_string_value (b, study->path);
    }
  json_builder_set_member_name (b, "study_sha256");
  json_builder_add_string_value (b, study->checksum);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, (gint64)r->items);
  json_builder_set_member_name (b, "backend");
  json_builder_add_string_value (b, r->backend);
  json_builder_set_member_name (b, "workers");
  json_builder_add_int_value (b, r->workers);
  json_builder_set_member_name (b, "chunk_items");
  json_builder_add_int_value (b, (gint64)r->chunk_items);
  json_builder_set_member_name (b, "chunks");
  json_builder_add_int_value (b, (gint64)r->chunks);
  if (r->rounds > 0)
    {
      json_builder_set_member_name (b, "rounds");
      json_builder_add_int_value (b, r->rounds);
    }
  if (r->stopped)
    {
      /* The items counted in the study's own terms, for the words of front ends that
       * read the file (ps-run-view.c). */
      guint64 done, planned;
      PsCountUnit unit = ps_study_count_items (study, r->items, &done);

      ps_study_count_items (study, r->items_planned, &planned);
      json_builder_set_member_name (b, "stopped");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, "user");
      json_builder_set_member_name (b, "items_planned");
      json_builder_add_int_value (b, (gint64)r->items_planned);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, ps_count_unit_name (unit));
      json_builder_set_member_name (b, "done");
      json_builder_add_int_value (b, (gint64)done);
      json_builder_set_member_name (b, "planned");
      json_builder_add_int_value (b, (gint64)planned);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, r->started);
  json_builder_set_member_name (b, "wall_seconds");
  json_builder_add_double_value (b, r->wall_seconds);
  json_builder_set_member_name (b, "cpu_seconds");
  json_builder_add_double_value (b, r->cpu_seconds);
  json_builder_set_member_name (b, "peak_rss_bytes");
  json_builder_add_int_value (b, (gint64)r->peak_rss_bytes);
  if (r->workers_cpu_seconds > 0)
    {
      json_builder_set_member_name (b, "workers_cpu_seconds");
      json_builder_add_double_value (b, r->workers_cpu_seconds);
    }
  if (r->workers_peak_rss_bytes > 0)
    {
      json_builder_set_member_name (b, "workers_peak_rss_bytes");
      json_builder_add_int_value (b, (gint64)r->workers_peak_rss_bytes);
    }
  json_builder_set_member_name (b, "machine");
  ps_machine_to_json (ps_machine_get (), b);

  json_builder_set_member_name (b, "item_errors");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, (gint64)r->errors.count);
  json_builder_set_member_name (b, "first");
  json_builder_begin_array (b);
  if (r->errors.first != NULL)
    for (guint i = 0; i < r->errors.first->len; i++)
      {
        PsItemError *e = &g_array_index (r->errors.first, PsItemError, i);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "item");
        json_builder_add_int_value (b, (gint64)e->item);
        json_builder_set_member_name (b, "message");
        json_builder_add_string_value (b, e->message);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
  json_builder_end_object (b);

  study->klass->summary_to_json (study, r->summary, b);
  if (r->stopped)
    {
      /* What ended the run, in the member the sampling kinds already name it in (it
       * replaces their "time" or "samples", in place). */
      json_builder_set_member_name (b, "stopped_by");
      json_builder_add_string_value (b, "user");
    }
  json_builder_end_object (b);

  return ps_json_builder_to_data (b, TRUE);
}

char *
ps_run_summary_text (const PsStudy *study, const PsRunResult *r)
{
  g_autofree char *json = ps_run_summary_json (study, r);
  g_autoptr (PsRunView) view = ps_run_view_new_from_data (json, -1, NULL);

  /* From summary.json, as every front end reads a run. */
  return ps_run_view_summary_text (view);
}

typedef struct
{
  int fd;
  const char *path;
} FileSink;

static gboolean
write_all (const char *data, gsize length, gpointer user_data, GError **error)
{
  FileSink *sink = user_data;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing %s: %s"), sink->path,
                       g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize)n;
    }
  return TRUE;
}

/* ---- the outputs of a run, committed as a set --------------------------------------
 *
 * A run writes every output (summary.json, results.csv, the kind's own files) into a
 * staging folder inside the output folder, ".parastudy-stage-PID-XXXXXX". When all of
 * them are written and flushed to disk, it writes the list of their names to
 * STAGE/COMMIT, flushes it, and only then moves each file into the output folder and
 * removes the outputs of an earlier run that this one did not write (a results.csv
 * of an earlier run with rows, say). COMMIT is the point of no return: a stage without
 * it is a run that failed or was killed, and is deleted; a stage with it is a commit
 * that was interrupted (a kill -9 or a power cut between two renames), and is rolled
 * forward. Both happen when a later run, or a reader (ps_run_dir_recover), opens the
 * folder, for stages whose process is gone. So the files of a run are either all
 * there or none of them, and never mixed with an earlier run's. */

#define COMMIT_NAME "COMMIT"

/* Every file a run may write into its folder: what an earlier run left and this one
 * did not write again is removed at the commit. */
static const char *const output_names[]
    = { "summary.json", "results.csv", "convergence.csv", "distributions.json", NULL };

gboolean
ps_run_fsync_path (const char *path, gboolean directory, GError **error)
{
  int fd = open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  int rc, saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot open %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  rc = directory ? fsync (fd) : fdatasync (fd);
  saved = errno;
  close (fd);
  /* Some file systems cannot sync a folder; the files themselves were synced. */
  if (rc != 0 && !(directory && (saved == EINVAL || saved == EROFS)))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

void
ps_run_remove_tree (const char *path)
{
  g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          ps_run_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* Moves the committed files of @stage into @dir and removes the earlier run's other
 * outputs, then the stage. Safe to repeat after an interruption. */
static gboolean
roll_forward (const char *dir, const char *stage, GError **error)
{
  g_autofree char *commit = g_build_filename (stage, COMMIT_NAME, NULL);
  g_autofree char *list = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (commit, &list, NULL, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  names = g_strsplit (list, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *from = NULL, *to = NULL;

      if (names[i][0] == '\0' || strchr (names[i], '/') != NULL)
        continue;
      from = g_build_filename (stage, names[i], NULL);
      to = g_build_filename (dir, names[i], NULL);
      /* Already moved by an interrupted commit: nothing to do. */
      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot move the results into %s: %s"), to,
                       g_strerror (saved));
          return FALSE;
        }
    }
  for (guint k = 0; output_names[k] != NULL; k++)
    if (!g_strv_contains ((const char *const *)names, output_names[k]))
      {
        g_autofree char *old = g_build_filename (dir, output_names[k], NULL);

        g_unlink (old);
      }
  ps_run_fsync_path (dir, TRUE, NULL);
  ps_run_remove_tree (stage);
  return TRUE;
}

gboolean
ps_run_process_alive (pid_t pid)
{
  return pid > 0 && (kill (pid, 0) == 0 || errno == EPERM);
}

gint64
ps_run_stage_pid (const char *name)
{
  gint64 pid;
  char *end;

  if (!g_str_has_prefix (name, PS_STAGE_PREFIX))
    return -1;
  pid = g_ascii_strtoll (name + strlen (PS_STAGE_PREFIX), &end, 10);
  if (end == name + strlen (PS_STAGE_PREFIX) || *end != '-' || pid <= 0 || pid > G_MAXINT)
    return -1;
  return pid;
}

/* Rolls forward or removes the stages of processes that are gone; those with a
 * checkpoint (and no COMMIT) stay when @keep_checkpoints, for a resume. */
static gboolean
recover_dir (const char *dir, gboolean keep_checkpoints, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gboolean ok = TRUE;

  if (d == NULL)
    return TRUE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *stage = NULL, *commit = NULL, *checkpoint = NULL;
      gint64 pid = ps_run_stage_pid (name);

      if (pid < 0 || ps_run_process_alive ((pid_t)pid))
        continue;
      stage = g_build_filename (dir, name, NULL);
      commit = g_build_filename (stage, COMMIT_NAME, NULL);
      checkpoint = g_build_filename (stage, PS_CHECKPOINT_NAME, NULL);
      if (g_file_test (commit, G_FILE_TEST_IS_REGULAR))
        ok = roll_forward (dir, stage, ok ? error : NULL) && ok;
      else if (!keep_checkpoints || !g_file_test (checkpoint, G_FILE_TEST_IS_REGULAR))
        ps_run_remove_tree (stage);
    }
  return ok;
}

gboolean
ps_run_dir_recover (const char *dir, GError **error)
{
  return recover_dir (dir, TRUE, error);
}

void
ps_run_dir_discard_own (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (ps_run_stage_pid (name) == (gint64)getpid ())
      {
        g_autofree char *stage = g_build_filename (dir, name, NULL);

        /* A file another thread of the run creates meanwhile keeps the folder: the
         * next pass removes it. */
        for (int pass = 0; pass < 3 && g_file_test (stage, G_FILE_TEST_EXISTS); pass++)
          ps_run_remove_tree (stage);
      }
}

static gboolean
write_file (const char *stage, const char *name, const char *text, GError **error)
{
  g_autofree char *path = g_build_filename (stage, name, NULL);
  FileSink sink = { -1, path };
  gboolean ok;

  sink.fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot write %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  ok = write_all (text, strlen (text), &sink, error);
  if (close (sink.fd) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  return ok;
}

/* Flushes every file of @stage, writes COMMIT listing them, flushes it and the
 * stage, then moves them into @dir. */
static gboolean
commit_stage (const char *dir, const char *stage, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (stage, 0, NULL);
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *commit = g_build_filename (stage, COMMIT_NAME, NULL);
  const char *name;

  if (d == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot read %s"), stage);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (stage, name, NULL);

      /* The checkpoint is not an output: it goes with the stage. */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || ps_run_is_checkpoint_file (name))
        continue;
      if (!ps_run_fsync_path (path, FALSE, error))
        return FALSE;
      g_string_append_printf (list, "%s\n", name);
    }
  if (!write_file (stage, COMMIT_NAME, list->str, error)
      || !ps_run_fsync_path (commit, FALSE, error) || !ps_run_fsync_path (stage, TRUE, error))
    return FALSE;
  return roll_forward (dir, stage, error);
}

/* A fresh staging folder in @dir for this process. */
static char *
new_stage (const char *dir, GError **error)
{
  g_autofree char *leaf = g_strdup_printf (PS_STAGE_PREFIX "%ld-XXXXXX", (long)getpid ());
  g_autofree char *stage = g_build_filename (dir, leaf, NULL);

  if (g_mkdtemp (stage) == NULL)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot write in %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&stage);
}

/* Opens @stage/results.csv and writes the header of @study's rows into it; its
 * length in *@header_bytes. */
static gboolean
open_results (const PsStudy *study, const char *dir, FileSink *sink, guint64 *header_bytes,
              GError **error)
{
  PsBuf header;
  gboolean ok;

  /* Read too: a checkpoint reads back the end of what is written. */
  sink->fd = open (sink->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (sink->fd < 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot write in %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  ps_buf_init (&header, 1024);
  study->klass->write_header (study, &header);
  ok = write_all (header.data, header.len, sink, error);
  *header_bytes = header.len;
  ps_buf_clear (&header);
  return ok;
}

PsRunResult *
ps_run_to_dir (const PsStudy *study, const PsRunOptions *options, const char *dir, GError **error)
{
  g_autofree char *stage = NULL;
  g_autofree char *results_path = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (PsRunResult) result = NULL;
  g_autoptr (GError) local_error = NULL;
  PsRunOptions opts = *options;
  FileSink sink = { -1, NULL };
  PsResumeState resume;
  PsCheckpointer *checkpointer;
  guint64 header_bytes = 0;

  if (!ps_run_check_options (options, error))
    return NULL;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot create the output folder %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  if (study->klass->write_header == NULL)
    opts.rows = PS_ROWS_NONE;
  /* What a killed run left here: finished (roll forward) or removed. A run that
   * starts afresh gives up the checkpoints of interrupted runs too. */
  if (!recover_dir (dir, opts.resume, error))
    return NULL;
  ps_resume_state_init (&resume);
  if (opts.resume)
    {
      stage = ps_run_resume_claim (study, &opts, dir, &resume, &sink.fd, &header_bytes, error);
      if (stage == NULL)
        {
          ps_resume_state_clear (&resume);
          return NULL;
        }
      if (sink.fd >= 0)
        sink.path = results_path = g_build_filename (stage, "results.csv", NULL);
    }
  else
    {
      stage = new_stage (dir, error);
      if (stage == NULL)
        return NULL;
      if (opts.rows != PS_ROWS_NONE)
        {
          sink.path = results_path = g_build_filename (stage, "results.csv", NULL);
          if (!open_results (study, dir, &sink, &header_bytes, error))
            {
              if (sink.fd >= 0)
                close (sink.fd);
              ps_run_remove_tree (stage);
              return NULL;
            }
        }
    }
  if (sink.fd >= 0)
    {
      opts.rows_write = write_all;
      opts.rows_data = &sink;
      opts.rows_dir = stage;
    }

  checkpointer = ps_checkpointer_new (study, &opts, dir, stage, sink.fd, header_bytes);
  result = run_study_or_rounds (study, &opts, opts.resume ? &resume : NULL, checkpointer,
                                &local_error);
  ps_checkpointer_free (checkpointer);
  ps_resume_state_clear (&resume);
  if (sink.fd >= 0 && close (sink.fd) != 0 && result != NULL)
    {
      int saved = errno;

      g_set_error (&local_error, PS_ERROR, PS_ERROR_IO, _ ("writing %s: %s"), results_path,
                   g_strerror (saved));
      g_clear_pointer (&result, ps_run_result_free);
    }
  if (result == NULL)
    {
      ps_run_remove_tree (stage);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  summary = ps_run_summary_json (study, result);
  if ((study->klass->write_outputs != NULL
       && !study->klass->write_outputs (study, result->summary, stage, error))
      || !write_file (stage, "summary.json", summary, error))
    {
      ps_run_remove_tree (stage);
      return NULL;
    }
  if (opts.may_commit != NULL && !opts.may_commit (opts.may_commit_data))
    {
      ps_run_remove_tree (stage);
      g_set_error (error, PS_ERROR, PS_ERROR_CANCELLED, _ ("the run was cancelled"));
      return NULL;
    }
  if (!commit_stage (dir, stage, error))
    {
      ps_run_remove_tree (stage);
      return NULL;
    }
  return g_steal_pointer (&result);
}
