/* parastudy-worker: one worker process of the processes backend. It is started by a
 * run (engine/backends/processes/ps-backend-processes.c) and talks to it over descriptors 0, 1
 * and 3 (engine/backends/processes/ps-worker.h); it is not meant to be run by hand. */
#define G_LOG_DOMAIN "parastudy-worker"
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "backends/processes/ps-worker.h"
#include "ps-app-i18n.h"

int
main (int argc, char **argv)
{
  /* The same language as the run that started it: its messages reach the user. */
  ps_app_i18n_init ();
  if (isatty (STDIN_FILENO))
    {
      fprintf (stderr, "%s\n",
               _ ("parastudy-worker is started by parastudy runs with --backend "
                  "processes; it is not meant to be run by hand"));
      return 2;
    }
  return ps_worker_main ();
}
