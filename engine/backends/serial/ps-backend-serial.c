#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-backend.h"
#include "study/ps-study-private.h"

static gboolean
serial_is_available (char **reason)
{
  return TRUE;
}

static int
serial_default_workers (void)
{
  return 1;
}

static gboolean
serial_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  gpointer ws = study->klass->workspace_new (study);
  gpointer summary = g_malloc (study->klass->summary_size);
  guint64 n = ps_exec_get_n_chunks (exec);
  PsErrors errors;
  PsBuf rows;

  ps_errors_init (&errors);
  ps_buf_init (&rows, 1 << 16);
  for (guint64 k = ps_exec_get_first_chunk (exec); k < n && !ps_exec_should_stop (exec); k++)
    {
      ps_exec_eval_chunk (exec, k, ws, summary, &errors, &rows);
      ps_exec_commit_chunk (exec, k, summary, &errors, &rows);
    }
  ps_buf_clear (&rows);
  ps_errors_clear (&errors);
  g_free (summary);
  study->klass->workspace_free (ws);
  return TRUE;
}

const PsBackend ps_backend_serial = {
  .name = "serial",
  .label = N_ ("Serial"),
  .description = N_ ("one core, in item order: the reference"),
  .flags = PS_BACKEND_FIXED_WORKERS,
  .is_available = serial_is_available,
  .default_workers = serial_default_workers,
  .execute = serial_execute,
};
