/* What json-glib accepts and a study file must not: deep nesting (a stack overflow
 * before), duplicate keys (the last won), U+0000 in a key (read as a second "span"),
 * integers beyond 64 bits (read as -1), numbers beyond a double, lists too long to
 * build. Each is refused with the JSON path, the line and the column, by the library
 * and by the CLI with exit status 2; the memory a refused huge file costs is bounded. */
#define G_LOG_DOMAIN "test-json-strict"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"
#include "study/ps-json-scan.h"

static const char head[] = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Strict\",";

static void
expect_invalid (const char *text, gssize len, const char *const *fragments)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, len, &error);

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_test_message ("%s", error->message);
  for (guint i = 0; fragments[i] != NULL; i++)
    if (strstr (error->message, fragments[i]) == NULL)
      g_error ("\"%s\" not in the message: %s", fragments[i], error->message);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* 80,000 nested lists: refused at level 257 without recursing; 256 levels pass the
 * scan (and fail later as a study, for not being an object). */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = nested (80000);
  g_autofree char *ok = nested (PS_JSON_MAX_DEPTH);
  g_autoptr (GError) error = NULL;

  expect_invalid (deep, -1,
                  (const char *[]){ "nested deeper than 256 levels", "line 1, column 257", NULL });
  g_assert_true (ps_json_scan (ok, -1, NULL, &error));
  g_assert_no_error (error);
  expect_invalid (ok, -1, (const char *[]){ "expected a JSON object", NULL });
}

static void
test_duplicate_keys (void)
{
  g_autofree char *top = g_strconcat (head, " \"name\": \"Again\" }", NULL);
  g_autofree char *inner
      = g_strconcat (head, "\n  \"beam\": { \"span\": \"2 m\",\n    \"span\": \"3 m\" } }", NULL);
  /* "sp\u0061n" is "span" once decoded. */
  g_autofree char *escaped
      = g_strconcat (head, " \"beam\": { \"span\": \"2 m\", \"sp\\u0061n\": \"3 m\" } }", NULL);
  g_autofree char *in_list = g_strconcat (
      head,
      " \"beam\": { \"loads\": [ { \"case\": \"G\" }, { \"case\": \"G\", \"case\": \"Q\" } ] } }",
      NULL);

  expect_invalid (top, -1, (const char *[]){ "name: the key \"name\" appears twice", NULL });
  expect_invalid (inner, -1,
                  (const char *[]){ "beam.span: the key \"span\" appears twice", "line 3", NULL });
  expect_invalid (escaped, -1, (const char *[]){ "beam.span:", "appears twice", NULL });
  expect_invalid (in_list, -1, (const char *[]){ "beam.loads[1].case:", "appears twice", NULL });
}

static void
test_nul (void)
{
  g_autofree char *key = g_strconcat (
      head, " \"beam\": { \"span\": \"2 m\", \"span\\u0000junk\": \"3 m\" } }", NULL);
  g_autofree char *value = g_strconcat (head, " \"description\": \"a\\u0000b\" }", NULL);

  expect_invalid (
      key, -1,
      (const char *[]){ "beam.span\\u0000junk", "must not contain the character U+0000", NULL });
  expect_invalid (value, -1, (const char *[]){ "description:", "U+0000", NULL });
}

/* Numbers are reported as written. */
static void
test_numbers (void)
{
  g_autofree char *big = g_strconcat (
      head,
      " \"beam\": { \"span\": { \"from\": 1, \"to\": 2, \"steps\": 18446744073709551617 } } }",
      NULL);
  g_autofree char *inf = g_strconcat (head, " \"beam\": { \"span\": 1e999 } }", NULL);
  g_autofree char *neg
      = g_strconcat (head, " \"beam\": { \"span\": -9223372036854775809 } }", NULL);
  g_autoptr (GError) error = NULL;

  expect_invalid (
      big, -1,
      (const char *[]){ "beam.span.steps:", "18446744073709551617", "out of range", NULL });
  expect_invalid (inf, -1, (const char *[]){ "beam.span:", "1e999", NULL });
  expect_invalid (neg, -1, (const char *[]){ "-9223372036854775809", NULL });
  /* The largest 64-bit integer and ordinary doubles pass. */
  g_assert_true (ps_json_scan ("[9223372036854775807, -9223372036854775808, 1.5e308, 2.5e-320]", -1,
                               NULL, &error));
  g_assert_no_error (error);
}

/* Limits on lists and values, small here to keep the test quick. */
static void
test_limits (void)
{
  PsJsonScanLimits limits;
  g_autoptr (GError) error = NULL;

  ps_json_scan_limits_init (&limits);
  limits.max_list = 3;
  g_assert_true (ps_json_scan ("{\"material\": [1, 2, 3]}", -1, &limits, &error));
  g_assert_false (ps_json_scan ("{\"material\": [1, 2, 3, 4]}", -1, &limits, &error));
  g_assert_nonnull (strstr (error->message, "material[3]"));
  g_assert_nonnull (strstr (error->message, "write a range"));
  g_clear_error (&error);
  ps_json_scan_limits_init (&limits);
  limits.max_values = 5;
  g_assert_false (ps_json_scan ("{\"a\": [1, 2], \"b\": [3, 4]}", -1, &limits, &error));
  g_assert_nonnull (strstr (error->message, "more than 5 values"));
}

/* Malformed text is left to json-glib, whose message names the line. */
static void
test_syntax_left_to_json_glib (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ps_json_scan ("{ \"a\": [1, 2,, 3] }", -1, NULL, &error));
  g_assert_true (ps_json_scan ("{ \"a\": tru }", -1, NULL, &error));
  g_assert_true (ps_json_scan ("\"unterminated", -1, NULL, &error));
  g_assert_no_error (error);
  expect_invalid ("{ \"a\": [1, 2,, 3] }", -1, (const char *[]){ "not valid JSON", NULL });
}

/* The CLI: exit 2 and the message, no crash (the deep file made parastudy-cli die
 * with SIGSEGV). A 140 MB study with a 20-million-entry material list is refused
 * while using less than 4 times its size in memory (it took 4.7 GB). */
static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("json-strict-XXXXXX", NULL);
  g_autofree char *deep_path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *huge_path = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *deep = nested (80000);
  const char *cli = cli_path ();
  FILE *f;
  struct stat st;

  if (cli == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  g_assert_true (g_file_set_contents (deep_path, deep, -1, NULL));
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "validate", deep_path);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "nested deeper than 256 levels"));
  }
  f = fopen (huge_path, "w");
  g_assert_nonnull (f);
  fputs ("{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Huge\", \"beam\": { \"material\": [",
         f);
  for (guint i = 0; i < 20000000; i++)
    fputs (i ? ",\"S355\"" : "\"S355\"", f);
  fputs ("] } }\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  g_assert_cmpint (g_stat (huge_path, &st), ==, 0);
  {
    const char *argv[] = { cli, "validate", huge_path, NULL };
    g_autofree char *err = NULL;
    GPid pid;
    int status, err_fd;
    struct rusage ru;
    g_autoptr (GError) error = NULL;
    char buf[4096];
    gssize n;
    GString *text = g_string_new (NULL);

    g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                                             G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                             NULL, NULL, &pid, NULL, NULL, &err_fd, &error));
    g_assert_no_error (error);
    while ((n = read (err_fd, buf, sizeof buf)) > 0)
      g_string_append_len (text, buf, n);
    close (err_fd);
    g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
    err = g_string_free (text, FALSE);
    g_test_message ("file %.1f MB, peak RSS %.1f MB: %s", st.st_size / 1e6, ru.ru_maxrss / 1e3,
                    err);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "beam.material["));
    g_assert_cmpfloat ((double)ru.ru_maxrss * 1024.0, <, 4.0 * (double)st.st_size);
  }
  g_unlink (deep_path);
  g_unlink (huge_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-strict/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json-strict/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/json-strict/nul", test_nul);
  g_test_add_func ("/json-strict/numbers", test_numbers);
  g_test_add_func ("/json-strict/limits", test_limits);
  g_test_add_func ("/json-strict/syntax", test_syntax_left_to_json_glib);
  g_test_add_func ("/json-strict/cli", test_cli);
  return g_test_run ();
}
