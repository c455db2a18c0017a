/* The signal watchdog of parastudy-cli run (ps-cli-watchdog.h). */
#define _GNU_SOURCE /* pipe2 */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "parastudy.h"
#include "ps-cli-watchdog.h"

/* A process has one set of signal handlers: this state is the process's too. The
 * handler only stores to the flags and writes to the pipe (async-signal-safe); the
 * watchdog thread does the rest. */
static int wake_fds[2] = { -1, -1 };
static volatile sig_atomic_t caught_signal = 0;
static gint *cancel_flag = NULL;
static GMutex lock;
static gboolean committing = FALSE; /* under lock: the run is moving its outputs into place */
static gboolean fired = FALSE;      /* under lock: the watchdog is ending the process */
static char *watched_dir = NULL;    /* under lock */
static int grace_ms = PS_CLI_WATCHDOG_GRACE_MS;

static void
on_signal (int sig)
{
  int saved = errno;
  unsigned char byte = (unsigned char)sig;
  ssize_t n;

  if (caught_signal == 0)
    caught_signal = sig;
  if (cancel_flag != NULL)
    g_atomic_int_set (cancel_flag, 1);
  n = write (wake_fds[1], &byte, 1);
  (void)n;
  errno = saved;
}

static void
say (const char *text)
{
  g_autofree char *line = g_strdup_printf ("parastudy-cli: %s\n", text);
  gsize left = strlen (line);
  const char *p = line;

  /* Not stdio: the thread that was stopped may hold its lock. */
  while (left > 0)
    {
      ssize_t n = write (STDERR_FILENO, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      p += n;
      left -= (gsize)n;
    }
}

/* Ends the process with 128 + @sig: removes the run's staging folder first, unless
 * the run is committing its outputs (then they are complete, and a commit cut short
 * is finished by the next run or reader of the folder). */
static G_NORETURN void
give_up (int sig)
{
  g_mutex_lock (&lock);
  fired = TRUE;
  if (!committing)
    {
      if (watched_dir != NULL)
        {
          ps_run_dir_discard_own (watched_dir);
          say (_ ("the run did not stop soon enough after the signal: it was ended and its "
                  "files removed"));
        }
    }
  else
    say (_ ("the run was ended while its results were being moved into place: the next run "
            "or reader of the folder completes them"));
  /* The lock stays taken: the run must not start its commit now. */
  _exit (128 + sig);
}

static gpointer
watch (gpointer data)
{
  unsigned char sig = 0;
  gint64 deadline;

  for (;;)
    {
      ssize_t n = read (wake_fds[0], &sig, 1);

      if (n == 1)
        break;
      if (n == 0 || errno != EINTR)
        return NULL;
    }
  deadline = g_get_monotonic_time () + grace_ms * G_TIME_SPAN_MILLISECOND;
  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      struct pollfd p = { wake_fds[0], POLLIN, 0 };
      int n;

      if (left <= 0)
        break;
      n = poll (&p, 1, (int)((left + 999) / 1000));
      /* A second signal: at once. */
      if (n > 0 || (n < 0 && errno != EINTR))
        break;
    }
  give_up (sig);
}

void
ps_cli_watchdog_start (gint *flag, int grace)
{
  struct sigaction sa = { 0 };

  cancel_flag = flag;
  grace_ms = grace;
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  /* Without a watchdog (no pipe), the run still stops at its next chunk. */
  if (pipe2 (wake_fds, O_CLOEXEC) == 0)
    g_thread_unref (g_thread_new ("watchdog", watch, NULL));
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
}

void
ps_cli_watchdog_set_dir (const char *out_dir)
{
  g_mutex_lock (&lock);
  g_free (watched_dir);
  watched_dir = g_strdup (out_dir);
  g_mutex_unlock (&lock);
}

gboolean
ps_cli_watchdog_may_commit (gpointer user_data)
{
  gboolean ok;

  g_mutex_lock (&lock);
  ok = !fired && (cancel_flag == NULL || g_atomic_int_get (cancel_flag) == 0);
  committing = ok;
  g_mutex_unlock (&lock);
  return ok;
}

int
ps_cli_watchdog_signal (void)
{
  return caught_signal;
}
