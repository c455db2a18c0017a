#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ps-backend.h"

/* Every backend, in the order front ends show them. A backend this build lacks is
 * here too: its folder gives a stand-in whose is_available() says why (meson.build
 * picks the file). This is the one place to add a backend. */
/* clang-format off */
static const PsBackend *const backends[] = {
  &ps_backend_serial,
  &ps_backend_threads,
  &ps_backend_processes,
  &ps_backend_mpi,
  &ps_backend_gpu,
  NULL,
};
/* clang-format on */

const PsBackend *const *
ps_backends_list (void)
{
  return backends;
}

const PsBackend *
ps_backend_lookup (const char *name)
{
  for (guint i = 0; backends[i] != NULL; i++)
    if (g_strcmp0 (backends[i]->name, name) == 0)
      return backends[i];
  return NULL;
}

const char *
ps_backend_default_name (void)
{
  return "threads";
}

void
ps_backend_get_info (const PsBackend *backend, PsBackendInfo *info)
{
  memset (info, 0, sizeof *info);
  info->available = backend->is_available (&info->reason);
  if (info->available)
    {
      g_clear_pointer (&info->reason, g_free);
      info->default_workers = backend->default_workers ();
    }
  else if (info->reason == NULL)
    info->reason = g_strdup (_ ("unknown reason"));
  if (backend->describe != NULL)
    info->details = backend->describe ();
}

void
ps_backend_info_clear (PsBackendInfo *info)
{
  g_clear_pointer (&info->reason, g_free);
  g_clear_pointer (&info->details, g_free);
}

gboolean
ps_backends_cli_start (int *argc, char ***argv, int *status)
{
  *status = 0;
  for (guint i = 0; backends[i] != NULL; i++)
    if (backends[i]->cli_start != NULL && backends[i]->cli_start (argc, argv, status))
      return TRUE;
  return FALSE;
}

void
ps_backend_launch_init (PsBackendLaunch *launch)
{
  memset (launch, 0, sizeof *launch);
  launch->workers = 1;
}
