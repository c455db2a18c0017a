/* test-i18n: the engine's messages in Brazilian Portuguese and Spanish, and results
 * files that do not depend on the language or the decimal separator of the user.
 *
 * The CLI ($PS_CLI) runs with LC_ALL=pt_BR.UTF-8 or es_ES.UTF-8 and the catalogues of
 * this build ($PARASTUDY_LOCALEDIR, BUILD/po). The translated words asserted below
 * are those written in po/pt_BR.po and po/es.po (the catalogues), not text copied from
 * the program's output; each is checked against the untranslated message under
 * LC_ALL=C as well, so a test cannot pass with the catalogue not loaded. A test skips
 * when the locale is not installed (tools/deps.sh generates both).
 */
#define _GNU_SOURCE /* memfd_create */
#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"
#include "ps-worker.h"

static const char *const locales[] = { "pt_BR.UTF-8", "es_ES.UTF-8" };
/* Their catalogues: po/pt_BR.po and po/es.po. */
static const char *const catalogues[] = { "pt_BR", "es" };

static const char *
localedir (void)
{
  return g_getenv ("PARASTUDY_LOCALEDIR");
}

/* Whether @locale is installed and this build's catalogue for it exists; skips the
 * test otherwise. */
static gboolean
have_locale (const char *locale)
{
  const char *lang = g_str_has_prefix (locale, "es") ? catalogues[1] : catalogues[0];
  g_autofree char *mo = NULL;
  gboolean ok;

  if (cli_path () == NULL || !g_file_test (cli_path (), G_FILE_TEST_IS_EXECUTABLE)
      || localedir () == NULL)
    {
      g_test_skip ("PS_CLI or PARASTUDY_LOCALEDIR is not set (run through meson test)");
      return FALSE;
    }
  mo = g_build_filename (localedir (), lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *why = g_strdup_printf ("%s was not built", mo);

      g_test_skip (why);
      return FALSE;
    }
  ok = setlocale (LC_ALL, locale) != NULL;
  setlocale (LC_ALL, "C");
  if (!ok)
    {
      g_autofree char *why
          = g_strdup_printf ("the %s locale is not installed (tools/deps.sh)", locale);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Temporary files
 * ------------------------------------------------------------------------------ */

static char *
tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *path = g_dir_make_tmp ("parastudy-test-i18n-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static char *
write_file (const char *dir, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* ---------------------------------------------------------------------------------
 * Bad input: the message in the user's language, exit status 2
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *file;
  const char *contents;
  const char *path;     /* the JSON path, which stays as the user typed it */
  const char *english;  /* part of the message under LC_ALL=C */
  const char *words[2]; /* the same part in po/pt_BR.po and po/es.po */
} BadCase;

static const BadCase bad_cases[] = {
  /* (a) a bad value: a range with no steps. */
  { "steps.json",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Steps\", \"beam\": {"
    "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", \"value\": \"7.5 kN/m\"},"
    "\"span\": {\"from\": \"2 m\", \"to\": \"9.5 m\", \"steps\": 0},"
    "\"section\": {\"shape\": \"rectangular\", \"b\": \"180 mm\", \"h\": \"420 mm\"},"
    "\"material\": \"S355\"}, \"checks\": {\"deflection_limit\": \"L/300\"}}",
    "beam.span.steps: ",
    "must be ≥ 1 (got 0)",
    { "deve ser ≥ 1 (recebido 0)", "debe ser ≥ 1 (se recibió 0)" } },
  /* (a) a bad value: an unknown support. */
  { "support.json",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Support\", \"beam\": {"
    "\"support\": \"hinged\", \"load\": {\"type\": \"uniform\", \"value\": \"7.5 kN/m\"},"
    "\"span\": \"6 m\", \"section\": {\"shape\": \"rectangular\", \"b\": \"180 mm\", "
    "\"h\": \"420 mm\"}, \"material\": \"S355\"}}",
    "beam.support: ",
    "expected \"simply-supported\", \"cantilever\", \"fixed-fixed\" or \"propped-cantilever\", "
    "got \"hinged\"",
    { "esperado \"simply-supported\", \"cantilever\", \"fixed-fixed\" ou \"propped-cantilever\", "
      "recebido \"hinged\"",
      "se esperaba \"simply-supported\", \"cantilever\", \"fixed-fixed\" o "
      "\"propped-cantilever\", se recibió \"hinged\"" } },
  /* (b) a limit-state syntax error: "*" is the 5th character of "R - * S". */
  { "limit.json",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Limit\", \"variables\": {"
    "\"R\": {\"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\"},"
    "\"S\": {\"distribution\": \"normal\", \"mean\": \"180 MPa\", \"sd\": \"25 MPa\"}},"
    "\"limit_state\": \"R - * S\", \"method\": {\"samples\": 1000}}",
    "limit_state: ",
    "position 5: unexpected \"*\": expected a number, a name or \"(\"\n  R - * S\n      ^",
    { "posição 5: \"*\" inesperado: esperado um número, um nome ou \"(\"\n  R - * S\n      ^",
      "posición 5: \"*\" inesperado: se esperaba un número, un nombre o \"(\"\n  R - * S\n      "
      "^" } },
  /* (c) a missing CSV source: a folder of specimens that is not there. */
  { "coupons.json",
    "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Coupons\", \"source\": {"
    "\"type\": \"csv\", \"path\": \"no-such-coupons\", \"strain\": {\"column\": \"strain\"},"
    "\"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}},"
    "\"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0005, \"to\": 0.0025}}}",
    "source.path: ",
    "no-such-coupons does not exist",
    { "no-such-coupons não existe", "no-such-coupons no existe" } },
  /* (d) a unit of the wrong quantity: a force where a length goes. The quantity
   * names are catalogue entries too ("a length", "a force"). */
  { "span-unit.json",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Units\", \"beam\": {"
    "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", \"value\": \"7.5 kN/m\"},"
    "\"span\": \"6.25 kN\", \"section\": {\"shape\": \"rectangular\", \"b\": \"180 mm\", "
    "\"h\": \"420 mm\"}, \"material\": \"S355\"}}",
    "beam.span: ",
    "expected a length such as \"250 mm\", got \"6.25 kN\" (a force)",
    { "esperado um comprimento como \"250 mm\", recebido \"6.25 kN\" (uma força)",
      "se esperaba una longitud como \"250 mm\", se recibió \"6.25 kN\" (una fuerza)" } },
  /* (d) a unit that does not exist. */
  { "unknown-unit.json",
    "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Units\", \"beam\": {"
    "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", \"value\": \"7.5 kN/m\"},"
    "\"span\": \"6 m\", \"section\": {\"shape\": \"rectangular\", \"b\": \"180 furlongs\", "
    "\"h\": \"420 mm\"}, \"material\": \"S355\"}}",
    "beam.section.b: ",
    "unknown unit \"furlongs\" in \"180 furlongs\" (expected a length such as \"250 mm\")",
    { "unidade desconhecida \"furlongs\" em \"180 furlongs\" (esperado um comprimento como "
      "\"250 mm\")",
      "unidad desconocida \"furlongs\" en \"180 furlongs\" (se esperaba una longitud como "
      "\"250 mm\")" } },
  /* (e) a distribution without one of its parameters (engine/rng/ps-dist.c). */
  { "distribution.json",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Dist\", \"variables\": {"
    "\"R\": {\"distribution\": \"normal\", \"mean\": \"300 MPa\"}},"
    "\"limit_state\": \"R\", \"method\": {\"samples\": 1000}}",
    "variables.R: ",
    "normal: 'sd' is required",
    { "normal: 'sd' é obrigatório", "normal: 'sd' es obligatorio" } },
  /* (e) a Weibull whose sd/mean no shape reaches. */
  { "weibull.json",
    "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Dist\", \"variables\": {"
    "\"R\": {\"distribution\": \"weibull\", \"mean\": \"300 MPa\", \"sd\": \"1e-9 MPa\"}},"
    "\"limit_state\": \"R\", \"method\": {\"samples\": 1000}}",
    "variables.R: ",
    "is outside the range of a Weibull distribution with shape between",
    { "está fora do intervalo de uma distribuição de Weibull com forma entre",
      "está fuera del rango de una distribución de Weibull con forma entre" } },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (dir, c->file, c->contents);

  g_assert_nonnull (study);
  {
    /* C.UTF-8: untranslated, and "≥" printed as itself. */
    g_autoptr (CliResult) r = cli_run (dir, "C.UTF-8", "run", c->file, "--no-history");

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, c->path));
    g_assert_nonnull (strstr (r->err, c->english));
  }
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr (CliResult) r = NULL;
      g_autofree char *out = NULL;

      if (!have_locale (locales[l]))
        return;
      r = cli_run (dir, locales[l], "run", c->file, "--no-history", "--out", "out");
      g_assert_cmpint (r->status, ==, 2);
      /* The file and the JSON path as typed, then the translated message. */
      g_assert_true (g_str_has_prefix (r->err, "parastudy-cli: "));
      g_assert_nonnull (strstr (r->err, c->file));
      g_assert_nonnull (strstr (r->err, c->path));
      g_assert_nonnull (strstr (r->err, c->words[l]));
      g_assert_null (strstr (r->err, c->english));
      /* Bad input never leaves a results folder behind. */
      out = g_build_filename (dir, "out", NULL);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Results files: the same bytes in every locale and on every backend
 * ------------------------------------------------------------------------------ */

/* summary.json without what differs from run to run (time, memory, machine) or names
 * the backend. */
static char *
summary_without_timing (const char *dir)
{
  g_autofree char *text = read_file (dir, "summary.json");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  static const char *const drop[] = { "started", "wall_seconds", "cpu_seconds", "peak_rss_bytes",
                                      "machine", "backend",      "workers" };
  JsonObject *obj;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (drop); i++)
    {
      g_assert_true (json_object_has_member (obj, drop[i]));
      json_object_remove_member (obj, drop[i]);
    }
  /* The processes backend also measures its workers. */
  if (json_object_has_member (obj, "workers_peak_rss_bytes"))
    json_object_remove_member (obj, "workers_peak_rss_bytes");
  if (json_object_has_member (obj, "workers_cpu_seconds"))
    json_object_remove_member (obj, "workers_cpu_seconds");
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Runs @study in C, pt_BR and es (serial) and pt_BR (processes, 2 workers) and
 * checks every results file is the same bytes; returns the C run's folder. */
static void
check_same_results (const char *dir, const char *study, const char *const *files,
                    const char *expect_in_results)
{
  struct
  {
    const char *locale, *backend, *workers;
  } runs[] = {
    { "C", "serial", "1" },
    { "pt_BR.UTF-8", "serial", "1" },
    { "es_ES.UTF-8", "serial", "1" },
    { "pt_BR.UTF-8", "processes", "2" },
  };
  g_autofree char *c_dir = g_build_filename (dir, "out-0", NULL);
  g_autofree char *c_summary = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = g_strdup_printf ("out-%u", i);
      g_autofree char *out_path = g_build_filename (dir, out, NULL);
      g_autofree char *summary = NULL;
      g_autoptr (CliResult) r = NULL;

      if (i > 0 && !have_locale (runs[i].locale))
        return;
      r = cli_run (dir, runs[i].locale, "run", study, "--backend", runs[i].backend, "--workers",
                   runs[i].workers, "--rows", "all", "--no-history", "--out", out);
      g_assert_cmpint (r->status, ==, 0);
      summary = summary_without_timing (out_path);
      if (i == 0)
        {
          c_summary = g_steal_pointer (&summary);
          if (expect_in_results != NULL)
            g_assert_nonnull (strstr (c_summary, expect_in_results));
          continue;
        }
      g_assert_cmpstr (summary, ==, c_summary);
      for (guint f = 0; files[f] != NULL; f++)
        {
          g_autofree char *a = read_file (c_dir, files[f]);
          g_autofree char *b = read_file (out_path, files[f]);

          g_assert_cmpstr (b, ==, a);
        }
    }
}

/* A beam with the point load at a distance a: positions past the span are item
 * errors whose reason holds numbers (4.25 m, 3.5 m), and an absolute deflection limit
 * with a decimal (12.5 mm) goes into summary.json. */
static void
test_results_beam (void)
{
  static const char *const files[] = { "results.csv", NULL };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "point.json",
      "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Point load sweep\", \"beam\": {"
      "\"support\": \"simply-supported\", \"load\": {\"type\": \"point\", "
      "\"value\": [\"12.5 kN\", \"40 kN\"], "
      "\"position\": [\"0.75 m\", \"2.5 m\", \"4.25 m\", \"6.5 m\"]},"
      "\"span\": [\"3.5 m\", \"5.25 m\"],"
      "\"section\": [{\"shape\": \"rectangular\", \"b\": \"150 mm\", \"h\": [\"250.5 mm\", "
      "\"400 mm\"]}, {\"shape\": \"hollow-circular\", \"D\": \"60 mm\", \"t\": [\"5 mm\", \"32.5 "
      "mm\"]}],"
      "\"material\": [\"S355\", \"C24\"]},"
      "\"checks\": {\"deflection_limit\": \"12.5 mm\", \"safety_factor\": 1.35}}");

  g_assert_nonnull (study);
  check_same_results (dir, "point.json", files,
                      "the load position a = 4.25 m is not inside the span (0, 3.5 m)");
  {
    g_autofree char *c_dir = g_build_filename (dir, "out-0", NULL);
    g_autofree char *summary = read_file (c_dir, "summary.json");
    g_autofree char *rows = read_file (c_dir, "results.csv");

    g_assert_nonnull (strstr (summary, "\"deflection_limit\" : \"12.5 mm\""));
    g_assert_nonnull (
        strstr (rows, "hollow-circular section: t = 0.0325 m must be less than D/2 = 0.03 m"));
  }
  rm_rf (dir);
}

/* The built-in beam-deflection limit state is an expression with a coefficient
 * written by the program and parsed again: it must not take the decimal comma. */
static void
test_results_reliability (void)
{
  static const char *const files[] = { "convergence.csv", NULL };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "deflection.json",
      "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Deflection\", \"variables\": {"
      "\"P\": {\"distribution\": \"normal\", \"mean\": \"20 kN\", \"sd\": \"3.5 kN\"},"
      "\"E\": {\"distribution\": \"lognormal\", \"mean\": \"210 GPa\", \"sd\": \"10.5 GPa\"}},"
      "\"constants\": {\"L\": \"4.5 m\", \"I\": \"8356 cm^4\", \"limit\": \"10.5 mm\"},"
      "\"limit_state\": {\"builtin\": \"beam-deflection\", \"support\": \"simply-supported\","
      "\"load\": \"point-midspan\"},"
      "\"method\": {\"samples\": 40000, \"seed\": 11}}");

  g_assert_nonnull (study);
  /* 1/48 for a simply supported beam with a midspan point load (AISC Table 3-23,
   * case 7): 0.020833333333333332 to 17 digits. */
  check_same_results (dir, "deflection.json", files, "0.020833333333333332 * P * L^3");
  rm_rf (dir);
}

/* A folder of specimens where one "file" is a folder: its read error is an item
 * error in results.csv, in English whatever the user's language. */
static void
test_results_regression (void)
{
  static const char *const files[] = { "results.csv", NULL };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *coupons = g_build_filename (dir, "coupons", NULL);
  g_autofree char *bad = g_build_filename (coupons, "c3.csv", NULL);
  g_autofree char *study = NULL;

  g_assert_cmpint (g_mkdir_with_parents (bad, 0755), ==, 0);
  for (int s = 1; s <= 2; s++)
    {
      g_autoptr (GString) csv = g_string_new ("strain;stress\n");
      g_autofree char *name = g_strdup_printf ("c%d.csv", s);
      g_autofree char *path = NULL;

      /* Elastic to 0.3 % strain (E = 205 and 198.5 GPa), then a plateau; decimal commas
       * as the file's own convention, which the study declares. */
      for (int k = 0; k <= 60; k++)
        {
          double e = 0.0001 * k;
          double E = s == 1 ? 205e3 : 198.5e3;
          double sig = e <= 0.003 ? E * e : E * 0.003 + 1000.0 * (e - 0.003);
          char eb[G_ASCII_DTOSTR_BUF_SIZE], sb[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (eb, sizeof eb, "%.6f", e);
          g_ascii_formatd (sb, sizeof sb, "%.4f", sig);
          g_strdelimit (eb, ".", ',');
          g_strdelimit (sb, ".", ',');
          g_string_append_printf (csv, "%s;%s\n", eb, sb);
        }
      path = write_file (coupons, name, csv->str);
    }
  study = write_file (
      dir, "coupons.json",
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Coupons\", \"source\": {"
      "\"type\": \"csv\", \"path\": \"coupons\", \"delimiter\": \";\", \"decimal\": \",\","
      "\"strain\": {\"column\": \"strain\"}, \"stress\": {\"column\": \"stress\", "
      "\"unit\": \"MPa\"}},"
      "\"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0005, \"to\": 0.0025}}}");

  /* EISDIR's text in the C locale. */
  check_same_results (dir, "coupons.json", files, "Is a directory");
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The processes backend: the same language as a serial run
 * ------------------------------------------------------------------------------ */

/* A worker started as the processes backend starts it, given a study it cannot load,
 * answers with the message a serial run gives in the same locale. */
static void
test_worker_message (void)
{
  static const char text[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Negative\", \"beam\": {"
        "\"support\": \"cantilever\", \"load\": {\"type\": \"uniform\", \"value\": \"4.5 kN/m\"},"
        "\"span\": \"-2.5 m\", \"section\": {\"shape\": \"circular\", \"d\": \"90 mm\"},"
        "\"material\": \"C24\"}}";
  const char *const words[2]
      = { "beam.span: deve ser > 0 (recebido ", "beam.span: debe ser > 0 (se recibió " };

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr (GSubprocessLauncher) launcher = NULL;
      g_autoptr (GSubprocess) proc = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) serial_error = NULL;
      g_autofree char *worker = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *message = NULL;
      PsWorkerHello hello = { 0 };
      PsWorkerReply reply = { 0 };
      PsStudy *study;
      int sv[2], arena;

      if (!have_locale (locales[l]))
        return;
      worker = ps_worker_find_executable (&reason);
      g_assert_nonnull (worker);

      /* The serial side: the engine in this process, in the same locale. */
      g_assert_nonnull (setlocale (LC_ALL, locales[l]));
      bindtextdomain (GETTEXT_PACKAGE, localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      study = ps_study_load_data (text, -1, &serial_error);
      setlocale (LC_ALL, "C");
      g_assert_null (study);
      g_assert_nonnull (serial_error);
      g_assert_nonnull (strstr (serial_error->message, words[l]));

      g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), ==, 0);
      arena = memfd_create ("test-i18n-arena", MFD_CLOEXEC);
      g_assert_cmpint (arena, >=, 0);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", locales[l], TRUE);
      g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
      g_subprocess_launcher_take_fd (launcher, sv[1], 0);
      g_subprocess_launcher_take_fd (launcher, dup (sv[1]), 1);
      g_subprocess_launcher_take_fd (launcher, arena, 3);
      proc = g_subprocess_launcher_spawn (launcher, &error, worker, NULL);
      g_assert_no_error (error);
      g_clear_object (&launcher); /* closes our copies of the worker's descriptors */

      hello.magic = PS_WORKER_MAGIC;
      hello.protocol = PS_WORKER_PROTOCOL;
      hello.n_items = 1;
      hello.chunk_items = 1;
      hello.text_length = sizeof text - 1;
      g_assert_true (ps_worker_send (sv[0], &hello, sizeof hello));
      g_assert_true (ps_worker_send (sv[0], text, sizeof text - 1));
      g_assert_true (ps_worker_recv (sv[0], &reply, sizeof reply));
      g_assert_cmpuint (reply.type, ==, PS_WORKER_FAILED);
      g_assert_cmpuint (reply.message_length, <, 4096);
      message = g_malloc0 (reply.message_length + 1u);
      g_assert_true (ps_worker_recv (sv[0], message, reply.message_length));
      close (sv[0]);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (message, ==, serial_error->message);
    }
}

/* A run error of the processes backend (every worker dies on chunk 0) in the user's
 * language, with the signal's number as the program knows it. */
static void
test_processes_run_error (void)
{
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer catches the SIGSEGV and ends the worker its own way. */
  const char *const words[2]
      = { "falhou duas vezes: seu trabalhador ", "falló dos veces: su trabajador " };
#else
  const char *const words[2] = { "falhou duas vezes: seu trabalhador foi encerrado pelo sinal 11",
                                 "falló dos veces: su trabajador fue terminado por la señal 11" };
#endif
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "crash.json",
      "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Crash\", \"beam\": {"
      "\"support\": \"cantilever\", \"load\": {\"type\": \"uniform\", \"value\": \"4.5 kN/m\"},"
      "\"span\": [\"2.5 m\", \"3 m\"], \"section\": {\"shape\": \"circular\", \"d\": \"90 mm\"},"
      "\"material\": \"C24\"}}");
  const char *const env[] = { "PARASTUDY_WORKER_CRASH_CHUNK=0", NULL };

  g_assert_nonnull (study);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr (CliResult) r = NULL;

      if (!have_locale (locales[l]))
        return;
      r = cli_runv (dir, locales[l], env, NULL,
                    (const char *const[]){ "run", "crash.json", "--backend", "processes",
                                           "--workers", "1", "--no-history", NULL });
      g_assert_cmpint (r->status, ==, 1);
      g_assert_nonnull (strstr (r->err, words[l]));
    }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The terminal summary: labels translated, numbers and units as they are
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *english;  /* the label under LC_ALL=C */
  const char *words[2]; /* msgctxt "summary" in po/pt_BR.po and po/es.po */
  gboolean same_value;  /* the value is the same text in every language (no decimals) */
} Label;

/* The value on the line of @out labelled @label, or NULL. A summary line is two
 * spaces, the label, spaces up to the 19th character (at least one) and the value:
 * the padding is counted in characters, so accented labels line up too. */
static char *
value_of (const char *out, const char *label)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat ("  ", label, " ", NULL);
  glong pad = MAX (1, 17 - g_utf8_strlen (label, -1));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *v;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      v = lines[i] + strlen (prefix) - 1;
      for (glong k = 0; k < pad; k++, v++)
        if (*v != ' ')
          return NULL;
      if (*v == ' ' || *v == '\0')
        return NULL;
      return g_strdup (v);
    }
  return NULL;
}

/* Runs @study in C, pt_BR and es (serial, the same output folder name) and checks
 * the heading and every label of the summary printed on stdout. */
static void
check_summary (const char *dir, const char *study, const char *const heading[3],
               const Label *labels, guint n_labels)
{
  g_autoptr (CliResult) c
      = cli_run (dir, "C", "run", study, "--backend", "serial", "--no-history", "--out", "out");

  g_assert_cmpint (c->status, ==, 0);
  g_assert_nonnull (strstr (c->out, heading[0]));
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr (CliResult) r = NULL;

      if (!have_locale (locales[l]))
        return;
      r = cli_run (dir, locales[l], "run", study, "--backend", "serial", "--no-history", "--out",
                   "out");
      g_assert_cmpint (r->status, ==, 0);
      g_assert_nonnull (strstr (r->out, heading[l + 1]));
      g_assert_null (strstr (r->out, heading[0]));
      for (guint i = 0; i < n_labels; i++)
        {
          g_autofree char *english = value_of (c->out, labels[i].english);
          g_autofree char *translated = value_of (r->out, labels[i].words[l]);

          g_test_message ("%s: \"%s\" -> \"%s\"", locales[l], labels[i].english,
                          labels[i].words[l]);
          g_assert_nonnull (english);
          g_assert_nonnull (translated);
          if (!g_str_equal (labels[i].english, labels[i].words[l]))
            {
              g_autofree char *untranslated = value_of (r->out, labels[i].english);

              g_assert_null (untranslated);
            }
          if (labels[i].same_value)
            g_assert_cmpstr (translated, ==, english);
        }
    }
}

/* A linear limit state in normal variables: beta = (300 - 180) / sqrt(30^2 + 25^2),
 * so the summary has the exact-Pf line. */
static void
test_summary_reliability (void)
{
  static const char *const heading[3]
      = { "Load and strength (reliability study)", "Load and strength (estudo de confiabilidade)",
          "Load and strength (estudio de fiabilidad)" };
  static const Label labels[] = {
    { "limit state", { "estado limite", "estado límite" }, TRUE },
    { "samples", { "amostras", "muestras" }, FALSE },
    { "failures", { "falhas", "fallos" }, TRUE },
    { "Pf", { "Pf", "Pf" }, FALSE },
    { "beta", { "beta", "beta" }, FALSE },
    { "exact Pf", { "Pf exata", "Pf exacta" }, FALSE },
    { "run", { "execução", "ejecución" }, FALSE },
    { "wrote", { "gravado", "escrito" }, TRUE },
  };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "rel.json",
      "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Load and strength\", "
      "\"variables\": {"
      "\"R\": {\"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\"},"
      "\"S\": {\"distribution\": \"normal\", \"mean\": \"180 MPa\", \"sd\": \"25 MPa\"}},"
      "\"limit_state\": \"R - S\", \"method\": {\"samples\": 20000, \"seed\": 3}}");

  g_assert_nonnull (study);
  check_summary (dir, "rel.json", heading, labels, G_N_ELEMENTS (labels));
  rm_rf (dir);
}

static void
test_summary_beam (void)
{
  static const char *const heading[3]
      = { "Sweep (beam study)", "Sweep (estudo de viga)", "Sweep (estudio de viga)" };
  static const Label labels[] = {
    { "configurations", { "configurações", "configuraciones" }, TRUE },
    { "passing", { "aprovadas", "cumplen" }, FALSE },
    { "failing", { "reprovadas", "no cumplen" }, FALSE },
    { "deflection", { "flecha", "flecha" }, FALSE },
    { "stress", { "tensão", "tensión" }, FALSE },
    { "utilisation", { "utilização", "aprovechamiento" }, FALSE },
    { "lightest passing", { "mais leve aprovada", "más ligera que cumple" }, FALSE },
    { "run", { "execução", "ejecución" }, FALSE },
  };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "beam.json",
      "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Sweep\", \"beam\": {"
      "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", "
      "\"value\": [\"2.5 kN/m\", \"7.5 kN/m\", \"17.5 kN/m\"]},"
      "\"span\": [\"3.5 m\", \"5.25 m\", \"7 m\"],"
      "\"section\": {\"shape\": \"rectangular\", \"b\": \"150 mm\", \"h\": [\"250.5 mm\", "
      "\"400 mm\"]}, \"material\": [\"S355\", \"C24\"]},"
      "\"checks\": {\"deflection_limit\": \"L/300\"}}");

  g_assert_nonnull (study);
  check_summary (dir, "beam.json", heading, labels, G_N_ELEMENTS (labels));
  rm_rf (dir);
}

static void
test_summary_regression (void)
{
  static const char *const heading[3]
      = { "Synthetic (regression study)", "Synthetic (estudo de regressão)",
          "Synthetic (estudio de regresión)" };
  static const Label labels[] = {
    { "specimens", { "corpos de prova", "probetas" }, FALSE },
    { "window", { "janela", "ventana" }, FALSE },
    { "E", { "E", "E" }, FALSE },
    { "yield", { "escoamento", "límite elástico" }, FALSE },
    { "ultimate", { "tensão última", "tensión última" }, FALSE },
    { "run", { "execução", "ejecución" }, FALSE },
  };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (
      dir, "synthetic.json",
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Synthetic\", \"source\": {"
      "\"type\": \"synthetic\", \"specimens\": 24, \"points\": 300,"
      "\"E\": {\"distribution\": \"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"},"
      "\"yield\": {\"distribution\": \"normal\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"},"
      "\"hardening\": 0.01, \"max_strain\": 0.02, \"noise_sd\": \"1 MPa\", \"seed\": 7},"
      "\"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, \"to\": 0.4}, "
      "\"offset\": 0.002}}");

  g_assert_nonnull (study);
  check_summary (dir, "synthetic.json", heading, labels, G_N_ELEMENTS (labels));
  rm_rf (dir);
}

/* The backend table's descriptions (N_() in the backends, _() where printed) and a
 * run error of the engine (engine/ps-run.c). */
static void
test_backends (void)
{
  const char *const descriptions[2] = { "um núcleo, na ordem dos itens: a referência",
                                        "un núcleo, en el orden de los elementos: la referencia" };
  const char *const unknown[2]
      = { "plataforma de execução desconhecida \"tpu\" (disponíveis: serial, ",
          "plataforma de ejecución desconocida \"tpu\" (disponibles: serial, " };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *study = write_file (dir, "dist.json",
                                       "{\"parastudy\": 1, \"kind\": \"reliability\", "
                                       "\"name\": \"B\", \"variables\": {\"R\": "
                                       "{\"distribution\": \"normal\", \"mean\": 2.5, \"sd\": 1}},"
                                       "\"limit_state\": \"R\", \"method\": {\"samples\": 100}}");
  g_autoptr (CliResult) c = cli_run (dir, "C", "backends");
  g_autoptr (CliResult) c_bad
      = cli_run (dir, "C", "run", "dist.json", "--backend", "tpu", "--no-history");

  g_assert_nonnull (study);
  g_assert_cmpint (c->status, ==, 0);
  g_assert_nonnull (strstr (c->out, "one core, in item order: the reference"));
  g_assert_cmpint (c_bad->status, ==, 2);
  g_assert_nonnull (strstr (c_bad->err, "unknown backend \"tpu\" (available: serial, "));
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr (CliResult) r = NULL;
      g_autoptr (CliResult) bad = NULL;

      if (!have_locale (locales[l]))
        return;
      r = cli_run (dir, locales[l], "backends");
      g_assert_cmpint (r->status, ==, 0);
      g_assert_nonnull (strstr (r->out, descriptions[l]));
      bad = cli_run (dir, locales[l], "run", "dist.json", "--backend", "tpu", "--no-history");
      g_assert_cmpint (bad->status, ==, 2);
      g_assert_nonnull (strstr (bad->err, unknown[l]));
    }
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The test process itself untranslated: only the programs it runs are not. */
  setlocale (LC_ALL, "C");

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/i18n/bad-input/%s", bad_cases[i].file);

      g_test_add_data_func (name, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/i18n/results/beam", test_results_beam);
  g_test_add_func ("/i18n/results/reliability", test_results_reliability);
  g_test_add_func ("/i18n/results/regression", test_results_regression);
  g_test_add_func ("/i18n/summary/reliability", test_summary_reliability);
  g_test_add_func ("/i18n/summary/beam", test_summary_beam);
  g_test_add_func ("/i18n/summary/regression", test_summary_regression);
  g_test_add_func ("/i18n/backends", test_backends);
  g_test_add_func ("/i18n/processes/worker-message", test_worker_message);
  g_test_add_func ("/i18n/processes/run-error", test_processes_run_error);
  return g_test_run ();
}
