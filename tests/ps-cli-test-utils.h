/* ps-cli-test-utils.h: running the built parastudy-cli ($PS_CLI) from a GLib test
 * program and capturing what it says. Everything is static inline: each test program
 * is one translation unit. */
#pragma once

#include <glib.h>
#include <sys/wait.h>

static inline const char *
cli_path (void)
{
  return g_getenv ("PS_CLI");
}

/* Skips the test when the CLI was not built (PS_CLI unset). */
static inline gboolean
have_cli (void)
{
  if (cli_path () == NULL || !g_file_test (cli_path (), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PS_CLI does not name the built parastudy-cli");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  int status; /* exit status, or -1 when it did not exit normally */
  char *out;
  char *err;
} CliResult;

static inline void
cli_result_free (CliResult *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Runs parastudy-cli with @args (NULL-terminated) in @cwd (NULL: this process's) with
 * LC_ALL=@locale and LANGUAGE unset, so that the messages are those of @locale
 * whatever the machine's; @env are extra NAME=VALUE pairs (NULL-terminated, may be
 * NULL) and @setup, when not NULL, runs in the child before the program starts. */
static inline CliResult *
cli_runv (const char *cwd, const char *locale, const char *const *env, GSpawnChildSetupFunc setup,
          const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  CliResult *r = g_new0 (CliResult, 1);
  int wait_status = 0;

  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (env[i], "=", 2);

      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (gpointer)cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (cwd, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, setup, NULL, &r->out, &r->err,
                &wait_status, &error);
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("LC_ALL=%s: status %d, stderr: %s", locale, r->status, r->err);
  return r;
}

/* cli_run (cwd, locale, "run", study, ...): cli_runv() with the arguments listed. */
#define cli_run(cwd, locale, ...)                                                                  \
  cli_runv ((cwd), (locale), NULL, NULL, (const char *const[]){ __VA_ARGS__, NULL })
