#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <gsl/gsl_fit.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "parastudy.h"
#include "ps-cli-test-utils.h"
#include "ps-regression.h"
#include "ps-test-utils.h"

/* Tensile tests as laboratories export them: a units row under the header (its units
 * used where the study gives none; an unknown one named by file, line and column),
 * metadata above the header found without skip_lines, a single file as one specimen,
 * quoted fields, CRLF, a byte order mark, Latin-1 headers, trailing empty columns and
 * rows, repeated and slightly falling strain, the Instron Bluehill, ZwickRoell
 * testXpert and MTS TestSuite examples, two specimens without "nan", and the command
 * line when every specimen fails. The curves are written here from exactly known
 * moduli; unit factors are NIST SP 811's. */

/* NIST SP 811 (2008), appendix B: 1 ksi = 6.894 757 MPa (exact from the inch and the
 * pound-force). */
#define KSI_PA 6894757.293168361

static void
write_file (const char *dir, const char *name, const char *text, gssize len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
}

static void
mkdir_in (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static PsStudy *
load_in (const char *dir, const char *json, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "study.json", NULL);

  return ps_study_load_data_at (json, -1, path, error);
}

static PsStudy *
load_ok (const char *dir, const char *json)
{
  g_autofree char *path = g_build_filename (dir, "study.json", NULL);

  return load_text_ok (json, path);
}

static PsRunResult *
run_serial (const PsStudy *study, const char *out_dir)
{
  PsRunOptions options;

  ps_run_options_init (&options);
  options.backend = "serial";
  options.workers = 1;
  options.rows = PS_ROWS_ALL;
  return run_ok (study, &options, out_dir);
}

static const PsRegressionSummary *
summary_of (const PsRunResult *r)
{
  return r->summary;
}

static const char *
first_error (const PsRunResult *r)
{
  g_assert_cmpuint (r->errors.count, >, 0);
  return g_array_index (r->errors.first, PsItemError, 0).message;
}

#define E_PA 203.7e9
#define FY_PA 347.3e6
#define H_PA (0.0123 * E_PA)

/* The exact bilinear curve of the tests: E to FY, then hardening H. */
static double
bilinear (double e)
{
  return e <= FY_PA / E_PA ? E_PA * e : FY_PA + H_PA * (e - FY_PA / E_PA);
}

/* Data lines of the curve at 121 strains, strain and stress each divided by the file's
 * unit (x_unit, y_unit in SI), with @delim and @decimal, prefixed by a time and an
 * extension column and followed by @tail on each line. */
static void
append_curve (GString *s, double x_unit, double y_unit, char delim, char decimal, const char *tail,
              const char *eol)
{
  for (int i = 0; i <= 120; i++)
    {
      double e = 0.0000437 * i;
      char buf[3][G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf[0], sizeof buf[0], "%.17g", e / x_unit);
      g_ascii_formatd (buf[1], sizeof buf[1], "%.17g", bilinear (e) / y_unit);
      g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", 0.1 * i);
      for (int k = 0; k < 3; k++)
        for (char *p = buf[k]; *p; p++)
          *p = *p == '.' ? decimal : *p;
      g_string_append_printf (s, "%s%c0%c%s%c%s%s%s", buf[2], delim, delim, buf[0], delim, buf[1],
                              tail, eol);
    }
}

#define STUDY_NAMED(path, extra)                                                                   \
  "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": {\"type\": "          \
  "\"csv\", \"path\": \"" path "\", \"strain\": {\"column\": \"Strain\"}, \"stress\": "            \
  "{\"column\": \"Stress\"" extra "}}, \"fit\": {\"window\": {\"type\": \"strain\", \"from\": "    \
  "0.0002, \"to\": 0.0012}}}"

/* The units row of Instron's raw data, "(s),(mm),(N),(%),(ksi)" under a header below a
 * metadata block, and the same curve with bare units in another file: the study names
 * the columns only, every file is read in its own units, and E is the curve's. */
static void
test_units_row (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autoptr (GString) a = g_string_new ("\"General : Start time\",\"Tue, March 3, 2026\",\n"
                                        "\"Specimen label\",\"A\",\n\n"
                                        "\"Time\",\"Extension\",\"Strain\",\"Stress\"\n"
                                        "\"(s)\",\"(mm)\",\"(%)\",\"(ksi)\"\n");
  g_autoptr (GString) b = g_string_new ("Time;Extension;Strain;Stress\ns;mm;mm/mm;N/mm²\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsStudy) given = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autoptr (PsRunResult) rg = NULL;

  append_curve (a, 0.01, KSI_PA, ',', '.', "", "\n");
  append_curve (b, 1.0, 1e6, ',', '.', "", "\n");
  for (char *p = b->str; *p; p++)
    *p = *p == ',' ? ';' : *p;
  mkdir_in (dir, "d");
  write_file (dir, "d/a.csv", a->str, -1);
  mkdir_in (dir, "e");
  write_file (dir, "e/b.csv", b->str, -1);
  study = load_ok (dir, STUDY_NAMED ("d", ""));
  r = run_serial (study, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  assert_close ("E, (%) and (ksi)", summary_of (r)->E.mean, E_PA, 1e-12);
  g_clear_pointer (&study, ps_study_free);
  g_clear_pointer (&r, ps_run_result_free);
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", "
                        "\"source\": {\"type\": \"csv\", \"path\": \"e\", \"delimiter\": \";\", "
                        "\"strain\": {\"column\": \"Strain\"}, \"stress\": {\"column\": "
                        "\"Stress\"}}, \"fit\": {\"window\": {\"type\": \"strain\", \"from\": "
                        "0.0002, \"to\": 0.0012}}}");
  r = run_serial (study, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  assert_close ("E, bare mm/mm and N/mm²", summary_of (r)->E.mean, E_PA, 1e-12);

  /* The study's unit wins over the row's: MPa where the file says ksi. */
  given = load_ok (dir, STUDY_NAMED ("d", ", \"unit\": \"MPa\""));
  rg = run_serial (given, NULL);
  g_assert_cmpuint (summary_of (rg)->fitted, ==, 1);
  assert_close ("E with the study's MPa", summary_of (rg)->E.mean, E_PA / KSI_PA * 1e6, 1e-12);
  rm_rf (dir);
}

/* An unknown unit in a units row: the specimen's error names the file, the line and
 * the column; in a file of many specimens the study does not load. A column with no
 * unit anywhere is an error too. */
static void
test_unknown_unit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autoptr (GString) a = g_string_new ("# export\nTime,Extension,Strain,Stress\n"
                                        "(s),(mm),(furlong),(MPa)\n");
  g_autoptr (GString) c = g_string_new ("Time,Extension,Strain,Stress\n");
  g_autoptr (GString) f = g_string_new ("Time,Extension,Strain,Stress,id\n"
                                        "(s),(mm),(mm/mm),(MPa/s),()\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autoptr (GError) error = NULL;

  append_curve (a, 1.0, 1e6, ',', '.', "", "\n");
  append_curve (c, 1.0, 1e6, ',', '.', "", "\n");
  append_curve (f, 1.0, 1e6, ',', '.', ",S1", "\n");
  mkdir_in (dir, "d");
  write_file (dir, "d/a.csv", a->str, -1);
  write_file (dir, "d/c.csv", c->str, -1);
  write_file (dir, "all.csv", f->str, -1);
  study = load_ok (dir, STUDY_NAMED ("d", ""));
  r = run_serial (study, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 0);
  g_assert_cmpuint (summary_of (r)->failed[PS_REG_ERR_HEADER], ==, 2);
  g_test_message ("%s", first_error (r));
  g_assert_true (g_str_has_prefix (first_error (r), "d/a.csv:3: unknown unit \"furlong\""));
  g_assert_nonnull (strstr (first_error (r), "column 3 (Strain, the strain)"));
  {
    const char *msg = g_array_index (r->errors.first, PsItemError, 1).message;

    g_test_message ("%s", msg);
    g_assert_true (g_str_has_prefix (msg, "d/c.csv: no unit for the stress column \"Stress\""));
  }
  g_clear_pointer (&study, ps_study_free);
  study = load_in (dir,
                   "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": "
                   "{\"type\": \"csv\", \"path\": \"all.csv\", \"specimen_column\": \"id\", "
                   "\"strain\": {\"column\": \"Strain\"}, \"stress\": {\"column\": \"Stress\"}}}",
                   &error);
  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "source: all.csv:2: unknown unit \"MPa/s\""));
  g_assert_nonnull (strstr (error->message, "column 4"));
  rm_rf (dir);
}

/* Without skip_lines the header is the first line holding the named columns, however
 * many lines come before it; a file without one is an error that names the columns. */
static void
test_header_search (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autoptr (GString) a = g_string_new (NULL);
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append_printf (a, "Parameter %d,%d.5,mm\n", i, i);
  g_string_append (a, "Stress measured as Stress,see below\n\nTime,Extension,Strain,Stress\n");
  append_curve (a, 1.0, 1e6, ',', '.', "", "\n");
  mkdir_in (dir, "d");
  write_file (dir, "d/a.csv", a->str, -1);
  write_file (dir, "d/b.csv", "Time,Extension,Strain,Sigma\n0,0,0,0\n", -1);
  write_file (dir, "d/c.csv", "0,0,0,0\n1,1,1,1\n", -1);
  study = load_ok (dir, STUDY_NAMED ("d", ", \"unit\": \"MPa\""));
  r = run_serial (study, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  g_assert_cmpuint (summary_of (r)->points, ==, 121);
  assert_close ("E", summary_of (r)->E.mean, E_PA, 1e-12);
  g_assert_cmpuint (r->errors.count, ==, 2);
  {
    const char *b = g_array_index (r->errors.first, PsItemError, 0).message;
    const char *c = g_array_index (r->errors.first, PsItemError, 1).message;

    g_test_message ("%s\n%s", b, c);
    g_assert_true (g_str_has_prefix (b, "d/b.csv:1: no column named \"Stress\""));
    g_assert_true (
        g_str_has_prefix (c, "d/c.csv: no line names the columns \"Strain\" and \"Stress\""));
  }
  rm_rf (dir);
}

/* source.path naming one file without a specimen column: one specimen, named after the
 * file; and through the command line. */
static void
test_single_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *results = g_build_filename (out, "results.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GString) a = g_string_new ("Time,Extension,Strain,Stress\n(s),(mm),(),(Pa)\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;

  append_curve (a, 1.0, 1.0, ',', '.', "", "\n");
  write_file (dir, "coupon A.csv", a->str, -1);
  study = load_ok (dir, STUDY_NAMED ("coupon A.csv", ""));
  g_assert_cmpuint (study->n_items, ==, 1);
  r = run_serial (study, out);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  assert_close ("E", summary_of (r)->E.mean, E_PA, 1e-12);
  g_assert_true (g_file_get_contents (results, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\n0,coupon A,121,"));
  {
    g_autofree char *path = g_build_filename (dir, "study.json", NULL);
    g_autofree char *odir = g_build_filename (dir, "cli", NULL);
    g_autoptr (CliResult) c = NULL;

    write_file (dir, "study.json", STUDY_NAMED ("coupon A.csv", ""), -1);
    if (have_cli ())
      {
        c = cli_run (NULL, "C.UTF-8", "run", path, "--out", odir, "--no-history");
        g_assert_cmpint (c->status, ==, 0);
        g_assert_nonnull (strstr (c->out, "1 (1 fitted)"));
      }
  }
  rm_rf (dir);
}

/* One file with everything Windows and spreadsheets add: a UTF-8 byte order mark,
 * CRLF, quoted fields, trailing empty columns, and blank and empty-field rows at the
 * end; all 121 points are read and E is exact. */
static void
test_windows_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autoptr (GString) a
      = g_string_new ("\xEF\xBB\xBF\"Time\";\"Extension\";\"Strain\";\"Stress\";;\r\n"
                      "\"(s)\";\"(mm)\";\"(mm/mm)\";\"(MPa)\";;\r\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;

  append_curve (a, 1.0, 1e6, ';', ',', ";;", "\r\n");
  g_string_append (a, "\r\n;;;;;\r\n\"\";\"\";;;;\r\n\r\n");
  write_file (dir, "w.csv", a->str, -1);
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", "
                        "\"source\": {\"type\": \"csv\", \"path\": \"w.csv\", \"delimiter\": "
                        "\";\", \"decimal\": \",\", \"strain\": {\"column\": \"strain\"}, "
                        "\"stress\": {\"column\": \"STRESS\"}}, \"fit\": {\"window\": {\"type\": "
                        "\"strain\", \"from\": 0.0002, \"to\": 0.0012}}}");
  r = run_serial (study, NULL);
  if (r->errors.count > 0)
    g_error ("%s", first_error (r));
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  g_assert_cmpuint (summary_of (r)->points, ==, 121);
  assert_close ("E", summary_of (r)->E.mean, E_PA, 1e-12);
  rm_rf (dir);
}

/* A header written in Latin-1 ("deformação" as single bytes 0xE7 0xE3) names the
 * study's UTF-8 columns, as does a UTF-8 header in decomposed form and other case; in
 * a file of many specimens too. */
static void
test_latin1_header (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  g_autoptr (GString) a = g_string_new ("t;x;deforma\xE7\xE3o;tens\xE3o\n");
  /* "DEFORMAÇÃO" with combining cedilla (U+0327) and tilde (U+0303). */
  g_autoptr (GString) b = g_string_new ("t;x;DEFORMAC\xCC\xA7"
                                        "A\xCC\x83O;TENS\xC3\x83O\n");
  g_autoptr (GString) f = g_string_new ("# lab\nt;x;deforma\xE7\xE3o;tens\xE3o;corpo\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsStudy) file = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autoptr (PsRunResult) rf = NULL;

  append_curve (a, 0.01, 1e6, ';', ',', "", "\n");
  append_curve (b, 0.01, 1e6, ';', ',', "", "\n");
  for (int k = 0; k < 2; k++)
    {
      gsize before = f->len;

      append_curve (f, 0.01, 1e6, ';', ',', k == 0 ? ";CP1" : ";CP2", "\n");
      (void)before;
    }
  mkdir_in (dir, "d");
  write_file (dir, "d/a.csv", a->str, -1);
  write_file (dir, "d/b.csv", b->str, -1);
  write_file (dir, "f.csv", f->str, -1);
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", "
                        "\"source\": {\"type\": \"csv\", \"path\": \"d\", \"delimiter\": \";\", "
                        "\"decimal\": \",\", \"strain\": {\"column\": \"deformação\", \"unit\": "
                        "\"%\"}, \"stress\": {\"column\": \"tensão\", \"unit\": \"MPa\"}}, "
                        "\"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0002, \"to\": "
                        "0.0012}}}");
  r = run_serial (study, NULL);
  if (r->errors.count > 0)
    g_error ("%s", first_error (r));
  g_assert_cmpuint (summary_of (r)->fitted, ==, 2);
  assert_close ("E", summary_of (r)->E.mean, E_PA, 1e-12);
  file = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", "
                       "\"source\": {\"type\": \"csv\", \"path\": \"f.csv\", \"delimiter\": "
                       "\";\", \"decimal\": \",\", \"specimen_column\": \"Corpo\", \"strain\": "
                       "{\"column\": \"deformação\", \"unit\": \"%\"}, \"stress\": {\"column\": "
                       "\"tensão\", \"unit\": \"MPa\"}}, \"fit\": {\"window\": {\"type\": "
                       "\"strain\", \"from\": 0.0002, \"to\": 0.0012}}}");
  g_assert_cmpuint (file->n_items, ==, 2);
  rf = run_serial (file, NULL);
  g_assert_cmpuint (summary_of (rf)->fitted, ==, 2);
  assert_close ("E, one file", summary_of (rf)->E.mean, E_PA, 1e-12);
  rm_rf (dir);
}

#define REP_JSON(path, extra)                                                                      \
  "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": {\"type\": "          \
  "\"csv\", \"path\": \"" path "\", \"strain\": {\"column\": \"Strain\"}, \"stress\": "            \
  "{\"column\": \"Stress\", \"unit\": \"MPa\"}}, \"fit\": {\"window\": {\"type\": \"strain\", "    \
  "\"from\": 0.0002, \"to\": 0.0012}" extra "}}"

/* Strain that repeats (an extensometer quantised at 1e-5) is data: the fit is GSL's
 * least-squares line of the same points. A fall of half a quantum is within the
 * default tolerance (10 µε); a fall of 3e-5 is an error naming the line and the
 * tolerance; a tolerance of 0 refuses the small fall too. */
static void
test_repeated_strain (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  double x[200], y[200];
  gsize n = 0, w0 = 0, w1 = 0;
  g_autoptr (GString) rep = g_string_new ("Strain,Stress\n");
  g_autoptr (GString) small = g_string_new ("Strain,Stress\n");
  g_autoptr (GString) big = g_string_new ("Strain,Stress\n");
  double c0, c1, cov00, cov01, cov11, sumsq;

  /* Stress rises by 0.83 MPa a step, the strain (1e-5 a quantum) every other step. */
  for (int i = 0; i < 200; i++)
    {
      x[n] = 1e-5 * (i / 2);
      y[n] = 203.7e3 * 0.5e-5 * i;
      g_string_append_printf (rep, "%.5f,%.9g\n", x[n], y[n]);
      g_string_append_printf (small, "%.6f,%.9g\n", i == 101 ? x[n] - 0.5e-5 : x[n], y[n]);
      g_string_append_printf (big, "%.6f,%.9g\n", i == 101 ? x[n] - 3e-5 : x[n], y[n]);
      n++;
    }
  while (x[w0] < 0.0002)
    w0++;
  for (w1 = w0; w1 < n && x[w1] <= 0.0012; w1++)
    ;
  gsl_fit_linear (x + w0, 1, y + w0, 1, w1 - w0, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  write_file (dir, "rep.csv", rep->str, -1);
  write_file (dir, "small.csv", small->str, -1);
  write_file (dir, "big.csv", big->str, -1);
  {
    const char *j = REP_JSON ("rep.csv", "");
    g_autoptr (PsStudy) study = load_ok (dir, j);
    g_autoptr (PsRunResult) r = run_serial (study, NULL);

    g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
    assert_close ("E of repeated strain", summary_of (r)->E.mean, c1 * 1e6, 1e-11);
  }
  {
    const char *j = REP_JSON ("small.csv", "");
    g_autoptr (PsStudy) study = load_ok (dir, j);
    g_autoptr (PsRunResult) r = run_serial (study, NULL);

    g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  }
  {
    const char *j = REP_JSON ("big.csv", "");
    g_autoptr (PsStudy) study = load_ok (dir, j);
    g_autoptr (PsRunResult) r = run_serial (study, NULL);

    g_assert_cmpuint (summary_of (r)->failed[PS_REG_ERR_NOT_INCREASING], ==, 1);
    g_test_message ("%s", first_error (r));
    /* Point 101 is line 103 (the header is line 1). */
    g_assert_true (g_str_has_prefix (first_error (r), "big.csv:103: the strain falls"));
    g_assert_nonnull (strstr (first_error (r), "fit.strain_tolerance (1e-05)"));
  }
  {
    const char *j = REP_JSON ("small.csv", ", \"strain_tolerance\": \"0 µε\"");
    g_autoptr (PsStudy) study = load_ok (dir, j);
    g_autoptr (PsRunResult) r = run_serial (study, NULL);

    g_assert_cmpuint (summary_of (r)->failed[PS_REG_ERR_NOT_INCREASING], ==, 1);
  }
  rm_rf (dir);
}

/* The example exports of data/examples/lab-exports: every specimen fitted, named after
 * its file, and E near the modulus each was written with (Instron: 205, 207 and 203
 * GPa; testXpert: 70.2 GPa; TestSuite: 199 and 201 GPa). */
static void
test_vendor_examples (void)
{
  static const struct
  {
    const char *file;
    guint64 specimens;
    double E;
    const char *first;
  } cases[] = {
    { "lab-exports/instron-bluehill.json", 3, 205e9, "Specimen_RawData_1" },
    { "lab-exports/zwick-testxpert.json", 1, 70.2e9, "Probe_07" },
    { "lab-exports/mts-testsuite.json", 2, 200e9, "B500B-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PsStudy) study = load_example (cases[i].file);
      const PsRegressionModel *m = study->model;
      g_autoptr (PsRunResult) r = run_serial (study, NULL);

      g_test_message ("%s", cases[i].file);
      if (r->errors.count > 0)
        g_error ("%s: %s", cases[i].file, first_error (r));
      g_assert_cmpuint (study->n_items, ==, cases[i].specimens);
      g_assert_cmpuint (summary_of (r)->fitted, ==, cases[i].specimens);
      g_assert_cmpuint (summary_of (r)->yield_none, ==, 0);
      g_assert_cmpstr (m->specimens[0].name, ==, cases[i].first);
      assert_close ("E", summary_of (r)->E.mean, cases[i].E, 0.01);
    }
}

/* Every backend reads the exports alike: serial against threads at 1 and 2 workers,
 * the summary's bytes and its JSON (the threads backend runs the same reader per
 * chunk; test-backends compares the rest). */
static void
test_vendor_backends (void)
{
  static const char *const files[]
      = { "lab-exports/instron-bluehill.json", "lab-exports/zwick-testxpert.json",
          "lab-exports/mts-testsuite.json" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (PsStudy) study = load_example (files[i]);
      g_autoptr (PsRunResult) ref = run_serial (study, NULL);
      g_autofree char *ref_json = summary_json_untimed (study, ref);

      for (int w = 1; w <= 2; w++)
        {
          PsRunOptions options;
          g_autoptr (PsRunResult) r = NULL;
          g_autofree char *json = NULL;

          ps_run_options_init (&options);
          options.backend = "threads";
          options.workers = w;
          options.rows = PS_ROWS_ALL;
          r = run_ok (study, &options, NULL);
          json = summary_json_untimed (study, r);
          g_assert_true (memcmp (r->summary, ref->summary, sizeof (PsRegressionSummary)) == 0);
          g_assert_cmpstr (json, ==, ref_json);
        }
    }
}

/* Two specimens: summary.json gives the reason there is no characteristic value, and
 * the text summary says it instead of "nan". */
static void
test_two_specimens (void)
{
  g_autoptr (PsStudy) study = load_example ("lab-exports/mts-testsuite.json");
  g_autoptr (PsRunResult) r = run_serial (study, NULL);
  g_autofree char *text = ps_run_summary_text (study, r);
  g_autoptr (JsonObject) obj = summary_object (study, r);
  JsonObject *ch = json_object_get_object_member (json_object_get_object_member (obj, "yield"),
                                                  "characteristic");

  g_test_message ("%s", text);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 2);
  g_assert_null (strstr (text, "nan"));
  g_assert_nonnull (strstr (text, "needs at least 3 values, there are 2"));
  g_assert_true (json_node_is_null (json_object_get_member (ch, "normal")));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (ch, "reason"),
                                   "not computed: EN 1990 Annex D Table D1"));
}

/* Every specimen failing is a completed run (exit 0) whose summary names the first
 * file and line; a units row a file of many specimens cannot use is bad input (2). */
static void
test_cli_all_fail (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *study = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GString) a = g_string_new ("Strain,Stress\n(mm/mm),(furlong)\n0,0\n");
  g_autoptr (CliResult) c = NULL;
  g_autoptr (CliResult) d = NULL;

  if (!have_cli ())
    return;
  dir = g_dir_make_tmp ("test-lab-files-XXXXXX", NULL);
  study = g_build_filename (dir, "study.json", NULL);
  bad = g_build_filename (dir, "bad.json", NULL);
  out = g_build_filename (dir, "out", NULL);
  mkdir_in (dir, "d");
  write_file (dir, "d/a.csv", a->str, -1);
  write_file (dir, "d/b.csv", a->str, -1);
  write_file (dir, "all.csv", "Strain,Stress,id\n(mm/mm),(furlong),\n0,0,A\n", -1);
  write_file (dir, "study.json", STUDY_NAMED ("d", ""), -1);
  write_file (dir, "bad.json",
              "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": "
              "{\"type\": \"csv\", \"path\": \"all.csv\", \"specimen_column\": \"id\", "
              "\"strain\": {\"column\": \"Strain\"}, \"stress\": {\"column\": \"Stress\"}}}",
              -1);
  c = cli_run (NULL, "C.UTF-8", "run", study, "--out", out, "--no-history");
  g_test_message ("%s%s", c->out, c->err);
  g_assert_cmpint (c->status, ==, 0);
  g_assert_nonnull (strstr (c->out, "2 (0 fitted, 2 header)"));
  g_assert_nonnull (strstr (c->out, "d/a.csv:2: unknown unit \"furlong\""));
  d = cli_run (NULL, "C.UTF-8", "run", bad, "--out", out, "--no-history");
  g_assert_cmpint (d->status, ==, 2);
  g_assert_nonnull (strstr (d->err, "all.csv:2: unknown unit \"furlong\""));
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/lab-files/units-row", test_units_row);
  g_test_add_func ("/engine/lab-files/unknown-unit", test_unknown_unit);
  g_test_add_func ("/engine/lab-files/header-search", test_header_search);
  g_test_add_func ("/engine/lab-files/single-file", test_single_file);
  g_test_add_func ("/engine/lab-files/windows-file", test_windows_file);
  g_test_add_func ("/engine/lab-files/latin1-header", test_latin1_header);
  g_test_add_func ("/engine/lab-files/repeated-strain", test_repeated_strain);
  g_test_add_func ("/engine/lab-files/vendor-examples", test_vendor_examples);
  g_test_add_func ("/engine/lab-files/vendor-backends", test_vendor_backends);
  g_test_add_func ("/engine/lab-files/two-specimens", test_two_specimens);
  g_test_add_func ("/engine/lab-files/cli-all-fail", test_cli_all_fail);
  return g_test_run ();
}
