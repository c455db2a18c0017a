#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "backends/mpi/ps-mpi-launch.h"
#include "ps-error.h"
#include "ps-mpi-run.h"

/* The study's path in a command line built before the study is written. */
#define STUDY_PLACEHOLDER "STUDY.json"

/* How long mpirun has to leave after SIGTERM before it is killed. */
#define TERM_GRACE_MS 5000
/* Lines of mpirun's stderr kept for an error message: its first ones (Open MPI
 * says what is wrong first, then adds banners) and its last ones. */
#define HEAD_LINES 10
#define TAIL_LINES 6

typedef struct
{
  GTask *task; /* NULL once it has returned (cancelled early) */
  GSubprocess *process;
  GCancellable *cancellable;
  gulong cancel_id;
  char *study_tmp; /* a temporary copy of the study, removed at the end */
  char *dir;
  PsRunProgressFunc progress_func;
  gpointer progress_data;
  GDataInputStream *err_in;
  GOutputStream *out_mem;
  GPtrArray *head; /* the first HEAD_LINES lines of stderr */
  GQueue tail;     /* the last TAIL_LINES lines after those (char *) */
  guint skipped;   /* lines between head and tail */
  GPtrArray *own;  /* parastudy-cli's own messages on stderr */
  int pending;     /* stdout, stderr and the exit still to come */
  guint kill_id;   /* the SIGKILL after TERM_GRACE_MS */
  gboolean cancelled;
} MpiRun;

static void
mpi_run_free (MpiRun *r)
{
  if (r->cancellable != NULL && r->cancel_id != 0)
    g_cancellable_disconnect (r->cancellable, r->cancel_id);
  g_clear_object (&r->cancellable);
  if (r->kill_id != 0)
    g_source_remove (r->kill_id);
  if (r->study_tmp != NULL)
    g_unlink (r->study_tmp);
  g_free (r->study_tmp);
  g_free (r->dir);
  g_clear_object (&r->err_in);
  g_clear_object (&r->out_mem);
  g_clear_object (&r->process);
  g_queue_clear_full (&r->tail, g_free);
  g_clear_pointer (&r->head, g_ptr_array_unref);
  g_clear_pointer (&r->own, g_ptr_array_unref);
  g_clear_object (&r->task);
  g_free (r);
}

/* ---- finding the programs -------------------------------------------------------- */

char *
ps_mpi_run_find_program (void)
{
  const char *env = g_getenv ("PARASTUDY_CLI");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && *env != '\0')
    return g_file_test (env, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      /* Installed side by side; in a build tree the GUI is in app/gui, the CLI in app. */
      const char *const rel[] = { "parastudy-cli", "../parastudy-cli", NULL };

      for (guint i = 0; rel[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, rel[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE)
              && !g_file_test (path, G_FILE_TEST_IS_DIR))
            return g_canonicalize_filename (path, NULL);
        }
    }
  return g_find_program_in_path ("parastudy-cli");
}

gboolean
ps_mpi_run_check_launcher (const PsBackend *backend, GError **error)
{
  g_autofree char *program = ps_mpi_run_find_program ();
  g_auto (GStrv) argv = NULL;
  PsBackendLaunch launch;

  if (backend->launch_argv == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s runs under a launcher that Parastudy cannot start"), _ (backend->label));
      return FALSE;
    }
  ps_backend_launch_init (&launch);
  launch.program = program;
  argv = backend->launch_argv (&launch, STUDY_PLACEHOLDER, NULL, NULL, error);
  return argv != NULL;
}

/* ---- the run ---------------------------------------------------------------------- */

static void
child_setup (gpointer user_data)
{
  /* mpirun ends its ranks when it gets SIGTERM; it gets one if the GUI dies. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The study on disk for the ranks to read: the user's file if saved and unmodified,
 * else a temporary copy beside it (relative CSV paths resolve from the study's
 * folder), or in the temporary folder for an untitled study. */
static char *
study_file (PsDocument *doc, char **tmp_out, GError **error)
{
  GFile *file = ps_document_get_file (doc);
  g_autofree char *json = NULL;
  g_autofree char *tmp = NULL;
  int fd = -1;

  *tmp_out = NULL;
  if (file != NULL && !ps_document_get_dirty (doc) && g_file_get_path (file) != NULL)
    return g_file_get_path (file);
  json = ps_document_dup_json (doc);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : NULL;

      if (dir != NULL)
        {
          tmp = g_build_filename (dir, ".parastudy-mpi-XXXXXX.json", NULL);
          fd = g_mkstemp (tmp);
          if (fd < 0)
            g_clear_pointer (&tmp, g_free);
        }
    }
  if (fd < 0)
    {
      fd = g_file_open_tmp ("parastudy-mpi-XXXXXX.json", &tmp, error);
      if (fd < 0)
        return NULL;
    }
  close (fd);
  if (!g_file_set_contents (tmp, json, -1, error))
    {
      g_unlink (tmp);
      return NULL;
    }
  *tmp_out = g_strdup (tmp);
  return g_steal_pointer (&tmp);
}

static gboolean
kill_late (gpointer user_data)
{
  MpiRun *r = user_data;

  r->kill_id = 0;
  g_subprocess_force_exit (r->process);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  MpiRun *r = user_data;

  if (r->cancelled || r->task == NULL)
    return;
  r->cancelled = TRUE;
  g_subprocess_send_signal (r->process, SIGTERM);
  r->kill_id = g_timeout_add (TERM_GRACE_MS, kill_late, r);
  /* The window is back at once; the process is waited for in the background. */
  g_task_return_new_error (r->task, PS_ERROR, PS_ERROR_CANCELLED,
                           _ ("the MPI run was stopped (mpirun ended its ranks)"));
  g_clear_object (&r->task);
}

/* Why the run failed, from mpirun's status and what it wrote on stderr: the
 * program's own messages first, else the last lines. */
static char *
failure_message (MpiRun *r)
{
  GString *out = g_string_new (NULL);
  int status = g_subprocess_get_status (r->process);

  if (g_subprocess_get_if_signaled (r->process))
    g_string_printf (out, _ ("mpirun was ended by signal %d"),
                     g_subprocess_get_term_sig (r->process));
  else
    g_string_printf (out, _ ("mpirun exited with status %d"),
                     g_subprocess_get_if_exited (r->process)
                         ? g_subprocess_get_exit_status (r->process)
                         : status);
  /* One paragraph: the message bar wraps it. */
  if (r->own->len > 0)
    for (guint i = 0; i < r->own->len; i++)
      g_string_append_printf (out, "%s%s", i == 0 ? ": " : " · ",
                              (const char *)g_ptr_array_index (r->own, i));
  else
    {
      for (guint i = 0; i < r->head->len; i++)
        g_string_append_printf (out, "%s%s", i == 0 ? ": " : " · ",
                                (const char *)g_ptr_array_index (r->head, i));
      if (r->skipped > 0)
        g_string_append (out, " · …");
      for (GList *l = r->tail.head; l != NULL; l = l->next)
        g_string_append_printf (out, " · %s", (const char *)l->data);
    }
  return g_string_free (out, FALSE);
}

/* The text summary parastudy-cli printed, without its "wrote" lines. */
static char *
summary_text (MpiRun *r)
{
  const char *data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (r->out_mem));
  gsize size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (r->out_mem));
  g_autofree char *text = g_strndup (data != NULL ? data : "", size);
  char *wrote = strstr (text, "\n  wrote ");

  if (wrote != NULL)
    wrote[1] = '\0';
  return g_steal_pointer (&text);
}

static void
part_done (MpiRun *r)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PsDocumentResult *result;

  if (--r->pending > 0)
    return;
  if (r->task == NULL)
    {
      mpi_run_free (r); /* cancelled: the operation has returned already */
      return;
    }
  if (!g_subprocess_get_successful (r->process))
    {
      g_task_return_new_error (r->task, PS_ERROR, PS_ERROR_FAILED, "%s",
                               text = failure_message (r));
      mpi_run_free (r);
      return;
    }
  text = summary_text (r);
  result = ps_run_task_result_from_dir (r->dir, text, &error);
  if (result == NULL)
    g_task_return_error (r->task, g_steal_pointer (&error));
  else
    g_task_return_pointer (r->task, result, (GDestroyNotify)ps_document_result_free);
  mpi_run_free (r);
}

static void
on_process_exit (GObject *source, GAsyncResult *res, gpointer user_data)
{
  MpiRun *r = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), res, NULL);
  if (r->kill_id != 0)
    {
      g_source_remove (r->kill_id);
      r->kill_id = 0;
    }
  part_done (r);
}

static void
on_stdout_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), res, NULL);
  part_done (user_data);
}

static void
on_stderr_line (GObject *source, GAsyncResult *res, gpointer user_data)
{
  MpiRun *r = user_data;
  g_autofree char *raw
      = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), res, NULL, NULL);
  g_autofree char *line = NULL;
  PsProgress p = { 0 };

  if (raw == NULL)
    {
      part_done (r);
      return;
    }
  line = g_utf8_make_valid (raw, -1);
  if (ps_mpi_progress_parse (line, &p))
    {
      if (r->task != NULL && r->progress_func != NULL)
        r->progress_func (&p, r->progress_data);
    }
  else if (*g_strstrip (line) != '\0' && strspn (line, "-") != strlen (line))
    {
      /* Open MPI frames its messages with lines of dashes: those are left out. */
      if (g_str_has_prefix (line, "parastudy-cli") && r->own->len < 8)
        g_ptr_array_add (r->own, g_strdup (line));
      if (r->head->len < HEAD_LINES)
        g_ptr_array_add (r->head, g_strdup (line));
      else
        {
          g_queue_push_tail (&r->tail, g_strdup (line));
          if (g_queue_get_length (&r->tail) > TAIL_LINES)
            {
              g_free (g_queue_pop_head (&r->tail));
              r->skipped++;
            }
        }
    }
  g_data_input_stream_read_line_async (r->err_in, G_PRIORITY_DEFAULT, NULL, on_stderr_line, r);
}

void
ps_mpi_run_start (PsDocument *document, const PsMpiRunRequest *request, GCancellable *cancellable,
                  PsRunProgressFunc progress, gpointer progress_data, GAsyncReadyCallback callback,
                  gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *study_path = NULL;
  g_autofree char *tmp = NULL;
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) envp = NULL;
  const char *rows;
  PsBackendLaunch launch;
  const PsBackend *backend = request->backend;
  MpiRun *r;

  g_task_set_source_tag (task, ps_mpi_run_start);
  g_task_set_name (task, "parastudy mpi run");
  g_task_set_check_cancellable (task, FALSE);

  rows = request->rows == PS_ROWS_ALL       ? "all"
         : request->rows == PS_ROWS_PASSING ? "passing"
                                            : "none";
  ps_backend_launch_init (&launch);
  launch.workers = request->workers;
  launch.threads_per_worker = request->threads_per_worker;
  launch.hostfile = request->hostfile;
  /* On this machine alone, more ranks than cores is the user's choice. */
  launch.oversubscribe
      = request->hostfile == NULL && request->workers > (int)g_get_num_processors ();
  program = ps_mpi_run_find_program ();
  launch.program = program;
  if (backend->launch_argv == NULL)
    {
      g_task_return_new_error (task, PS_ERROR, PS_ERROR_UNSUPPORTED,
                               _ ("%s runs under a launcher that Parastudy cannot start"),
                               _ (backend->label));
      return;
    }
  /* Checked before the study is written anywhere. */
  argv = backend->launch_argv (&launch, STUDY_PLACEHOLDER, request->dir,
                               (const char *const[]){ "--rows", rows, NULL }, &error);
  if (argv == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  study_path = study_file (document, &tmp, &error);
  if (study_path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; argv[i] != NULL; i++)
    if (g_str_equal (argv[i], STUDY_PLACEHOLDER))
      {
        g_free (argv[i]);
        argv[i] = g_strdup (study_path);
        break;
      }

  envp = g_get_environ ();
  if (backend->launch_envp != NULL)
    envp = backend->launch_envp (&launch, envp);
  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  r = g_new0 (MpiRun, 1);
  g_queue_init (&r->tail);
  r->own = g_ptr_array_new_with_free_func (g_free);
  r->head = g_ptr_array_new_with_free_func (g_free);
  r->study_tmp = g_steal_pointer (&tmp);
  r->dir = g_strdup (request->dir);
  r->progress_func = progress;
  r->progress_data = progress_data;
  r->process = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv, &error);
  if (r->process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      mpi_run_free (r);
      return;
    }
  r->task = g_steal_pointer (&task);
  r->pending = 3;
  r->err_in = g_data_input_stream_new (g_subprocess_get_stderr_pipe (r->process));
  g_data_input_stream_read_line_async (r->err_in, G_PRIORITY_DEFAULT, NULL, on_stderr_line, r);
  r->out_mem = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (r->out_mem, g_subprocess_get_stdout_pipe (r->process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                    | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_stdout_done, r);
  g_subprocess_wait_async (r->process, NULL, on_process_exit, r);
  if (cancellable != NULL)
    {
      r->cancellable = g_object_ref (cancellable);
      r->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), r, NULL);
    }
}

PsDocumentResult *
ps_mpi_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
ps_mpi_run_is_result (GAsyncResult *result)
{
  return G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == ps_mpi_run_start;
}
