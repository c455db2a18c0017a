/* ps-backend.h: the backend interface, a table of functions per backend.
 *
 * A backend decides who evaluates which chunk and where; the study kinds and the
 * commit order (ps-run.h) make the answer independent of that choice.
 */
#pragma once

#include "ps-run.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *description;
  /* Whether this machine can run it; @reason says why not. */
  gboolean (*is_available) (char **reason);
  int (*default_workers) (void);
  gboolean (*execute) (PsExec *exec, int workers, GError **error);
} PsBackend;

const PsBackend *ps_backend_lookup (const char *name);
/* NULL-terminated, in order of preference for display. */
const PsBackend *const *ps_backends_list (void);
const char *ps_backend_default_name (void);

extern const PsBackend ps_backend_serial;
extern const PsBackend ps_backend_threads;
extern const PsBackend ps_backend_processes;

G_END_DECLS
