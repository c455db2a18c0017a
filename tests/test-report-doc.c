/* test-report-doc.c: the calculation report as a document one can sign, and the
 * export (issue 20).
 *
 * Every example study is run, its report written and read back with poppler's
 * pdftotext and pdfinfo and rendered with pdftoppm, independent readers of the file:
 * the title block and "page N of M" on every page, the inputs' units, no raw summary
 * keys, no heading as the last line of a page, the contents over six pages. The
 * title block from the study's "report" object and --meta, the DRAFT mark of a
 * report of unsaved edits, the XLSX workbook read back with Python's zipfile and
 * an XML parser against results.csv, the HTML's self-containment, and the decimal
 * comma and translated headings of pt_BR and es.
 */
#define G_LOG_DOMAIN "test-report-doc"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "report/ps-report-private.h"
#include "report/ps-report.h"
#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"

static char *tmp_dir;

static char *
example (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir != NULL ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

static char *
make_run_of (PsStudy *study, const char *dir_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunResult) result = NULL;
  char *dir = g_build_filename (tmp_dir, dir_name, NULL);
  PsRunOptions opts;

  ps_run_options_init (&opts);
  opts.rows = PS_ROWS_ALL;
  opts.workers = 1;
  result = ps_run_to_dir (study, &opts, dir, &error);
  g_assert_no_error (error);
  return dir;
}

static gboolean
have_programs (const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *p = g_find_program_in_path (names[i]);

      if (p == NULL)
        {
          g_autofree char *msg = g_strdup_printf ("%s not installed", names[i]);

          g_test_skip (msg);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
have_poppler (void)
{
  const char *names[] = { "pdfinfo", "pdftotext", "pdftoppm", "pdffonts", NULL };

  return have_programs (names);
}

static char *
run_capture (const char *const *argv, int *status)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (*status, NULL))
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  int status;
  g_autofree char *out = run_capture (argv, &status);
  const char *p = strstr (out, "Pages:");

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (p);
  return (guint)g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

/* The text of each page, as pdftotext separates them with form feeds. */
static char **
pdf_page_texts (const char *pdf, guint *n)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;
  g_autofree char *out = run_capture (argv, &status);
  char **pages;

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = g_strsplit (out, "\f", -1);
  *n = g_strv_length (pages);
  /* The text ends with a form feed: the last piece is empty. */
  if (*n > 0 && strspn (pages[*n - 1], " \t\n") == strlen (pages[*n - 1]))
    {
      g_free (pages[*n - 1]);
      pages[*n - 1] = NULL;
      (*n)--;
    }
  return pages;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected \"%s\" in the text:\n%.3000s", needle, haystack);
}

static void
assert_lacks (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect \"%s\" in the text", needle);
}

/* A numbered heading alone on its line: "2 Results", "1.3 Sections"; it has a word
 * (three lower-case letters in a row), which a table's last value ("360.4 MPa") has not. */
static gboolean
is_heading (const char *line)
{
  static const char *const re = "^[0-9]+(\\.[0-9]+)* [[:upper:]][^ ]*( [^ ]+){0,5}$";

  return g_regex_match_simple (re, line, 0, 0) && strstr (line, "  ") == NULL
         && g_regex_match_simple ("[[:lower:]]{3}", line, 0, 0);
}

/* The last line of a page's body, before the footer "… page N of M". */
static const char *
last_body_line (char **lines)
{
  const char *last = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (*g_strstrip (lines[i]) == '\0' || strstr (l, "page ") != NULL)
        continue;
      last = l;
    }
  return last;
}

/* The document facts every report has, whatever its kind. */
static void
check_pages (const char *pdf, const char *const *units)
{
  guint pages = pdf_pages (pdf);
  guint n = 0;
  g_auto (GStrv) texts = pdf_page_texts (pdf, &n);
  g_autofree char *all = g_strjoinv ("\n", texts);

  g_assert_cmpuint (n, ==, pages);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("page %u of %u", i + 1, pages);
      g_autofree char *copy = g_strdup (texts[i]);
      g_auto (GStrv) lines = g_strsplit (copy, "\n", -1);
      const char *last;

      /* The title block's fields and the page number on every page. */
      assert_contains (texts[i], "Project");
      assert_contains (texts[i], "Job number");
      assert_contains (texts[i], "Checked by");
      assert_contains (texts[i], "Revision");
      assert_contains (texts[i], footer);
      last = last_body_line (lines);
      if (last != NULL && is_heading (last))
        g_error ("%s: page %u ends with the heading \"%s\"", pdf, i + 1, last);
    }
  /* Raw summary keys belong to the appendix only. */
  assert_lacks (all, "peak_rss_bytes");
  assert_lacks (all, "chunk_items");
  /* Inputs in engineering units: no "1e+06 (SI)", no "Mean (SI)" column. */
  assert_lacks (all, "Mean (SI)");
  /* Rounding noise printed as a figure (a pinned end's moment of 10^-15 of the span's). */
  assert_lacks (all, "0.000000000");
  {
    /* No number in exponent notation, a probability of failure included: engineers
     * write 7.85 × 10⁻⁵ (ps_report_format_decimal()), not 7.85e-05. */
    g_auto (GStrv) lines = g_strsplit (all, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_regex_match_simple ("(^|[ (])-?[0-9.]+e[+-]?[0-9]+( |$)", lines[i], 0, 0))
        g_error ("%s: a number in exponent notation in the text: %s", pdf, lines[i]);
  }
  for (guint i = 0; units != NULL && units[i] != NULL; i++)
    assert_contains (all, units[i]);
  if (pages > 6)
    assert_contains (all, "Contents");
  else
    assert_lacks (all, "Contents");
}

/* The first and last page as PNG at 50 dpi: poppler renders them, nonempty. */
static void
render_png (const char *pdf, const char *stem)
{
  g_autofree char *prefix = g_build_filename (tmp_dir, stem, NULL);
  g_autofree char *first = g_strconcat (prefix, "-01.png", NULL);
  g_autofree char *alt = g_strconcat (prefix, "-1.png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", pdf, prefix, NULL };
  int status;
  g_autofree char *out = NULL;
  GStatBuf st;

  out = run_capture (argv, &status);
  g_assert_nonnull (out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_stat (first, &st) == 0 || g_stat (alt, &st) == 0);
  g_assert_cmpint (st.st_size, >, 1000);
}

/* Every font in the PDF is embedded (pdffonts' "emb" column). */
static void
check_fonts (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  int status;
  g_autofree char *out = run_capture (argv, &status);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      guint n;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      f = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (f);
      /* name type [type] encoding emb sub uni object ID */
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (f[n - 5], ==, "yes");
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

typedef struct
{
  const char *name;
  const char *units[8];
} Example;

/* The units each example's inputs are written in. */
static const Example examples[] = {
  { "beam-steel-ipe.json", { "kN/m", "GPa", "MPa", "mm²", "cm⁴", "cm³", " m", NULL } },
  { "beam-timber-cantilever.json", { "GPa", "MPa", "cm⁴", " m", NULL } },
  { "beam-crane-girder.json", { "GPa", "MPa", "cm⁴", NULL } },
  { "beam-grid.json", { "GPa", "MPa", NULL } },
  { "reliability-axial-bar.json", { "300 MPa", "75 kN", "20 mm", NULL } },
  { "reliability-load-strength.json", { NULL } },
  { "regression-coupons.json", { NULL } },
  { "regression-synthetic.json", { NULL } },
  { "regression-aluminium-force.json", { NULL } },
  { "beam-office-floor.json", { "kN/m", "MPa", "GPa", "mm²", "cm⁴", "kg/m", NULL } },
  { "beam-purlin-snow.json", { "kN/m", "MPa", "mm²", "cm⁴", NULL } },
  { "beam-rc.json", { "kN/m", "MPa", NULL } },
  { "beam-glulam.json", { "kN/m", "MPa", NULL } },
  { "beam-aluminium.json", { "MPa", "mm²", "cm⁴", NULL } },
  { "beam-w-girder-asce.json", { "MPa", "mm²", "cm⁴", NULL } },
  { "reliability-sorm-beam.json", { "MPa", " kN", NULL } },
  { "reliability-importance-sampling.json", { "MPa", NULL } },
  { "reliability-sobol.json", { "MPa", NULL } },
  { "reliability-form-correlated.json", { " kN", NULL } },
  { "reliability-monte-carlo-correlated.json", { " kN", NULL } },
  { "reliability-subset.json", { " kN", NULL } },
  { "reliability-lhs.json", { "MPa", NULL } },
  { "regression-iso6892-bluehill.json", { "MPa", NULL } },
};

static void
test_examples (void)
{
  if (!have_poppler ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = example (examples[i].name);
      g_autoptr (PsStudy) study = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *stem = g_strndup (examples[i].name, strlen (examples[i].name) - 5);
      g_autofree char *run_name = g_strconcat ("run-", stem, NULL);
      g_autofree char *run = NULL;
      g_autofree char *pdf_name = g_strconcat (stem, ".pdf", NULL);
      g_autofree char *pdf = g_build_filename (tmp_dir, pdf_name, NULL);
      PsReportOptions opts;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      study = ps_study_load_file (path, &error);
      g_assert_no_error (error);
      run = make_run_of (study, run_name);
      ps_report_options_init (&opts);
      g_assert_cmpuint (ps_report_write (study, run, &opts, pdf, &error), >, 0);
      g_assert_no_error (error);
      g_test_message ("%s", pdf);
      check_pages (pdf, examples[i].units);
      render_png (pdf, stem);
      if (i == 0)
        check_fonts (pdf);
    }
}

/* A study file with a "report" object (STUDY-FILES.md), written next to the runs. */
static const char meta_study[]
    = "{\n"
      "  \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Bar with a title block\",\n"
      "  \"report\": {\n"
      "    \"project\": \"Ponte do Rio Pardo\", \"job_number\": \"J-2041\",\n"
      "    \"element\": \"Tie rod T3\", \"author\": \"A. Engineer\", \"checker\": \"C. Checker\",\n"
      "    \"date\": \"2026-11-30\", \"status\": \"for-checking\",\n"
      "    \"revisions\": [\n"
      "      { \"rev\": \"P1\", \"date\": \"2026-11-02\", \"description\": \"First issue\",\n"
      "        \"by\": \"AE\" },\n"
      "      { \"rev\": \"P2\", \"date\": \"2026-11-30\", \"description\": \"Load updated\",\n"
      "        \"by\": \"AE\" } ]\n"
      "  },\n"
      "  \"variables\": {\n"
      "    \"R\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" },\n"
      "    \"F\": { \"distribution\": \"normal\", \"mean\": \"75 kN\", \"sd\": \"5 kN\" }\n"
      "  },\n"
      "  \"constants\": { \"D\": \"20 mm\" },\n"
      "  \"limit_state\": \"R - F / (pi * D^2 / 4)\",\n"
      "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 200000, \"seed\": 7 }\n"
      "}\n";

static char *meta_path, *meta_run;

static void
setup_meta_study (void)
{
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;

  meta_path = g_build_filename (tmp_dir, "meta-study.json", NULL);
  g_assert_true (g_file_set_contents (meta_path, meta_study, -1, NULL));
  study = ps_study_load_file (meta_path, &error);
  g_assert_no_error (error);
  meta_run = make_run_of (study, "meta-run");
}

static void
test_title_block (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "meta.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (tmp_dir, "meta2.pdf", NULL);
  g_autofree char *meta_file = g_build_filename (tmp_dir, "meta.json", NULL);
  guint n = 0;

  if (!have_poppler () || !have_cli ())
    return;
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "report", meta_path, "--run", meta_run, "--out", pdf);
    g_auto (GStrv) texts = NULL;

    g_assert_cmpint (r->status, ==, 0);
    texts = pdf_page_texts (pdf, &n);
    for (guint i = 0; i < n; i++)
      {
        assert_contains (texts[i], "Ponte do Rio Pardo");
        assert_contains (texts[i], "J-2041");
        assert_contains (texts[i], "Tie rod T3");
        assert_contains (texts[i], "A. Engineer");
        assert_contains (texts[i], "C. Checker");
        assert_contains (texts[i], "P2"); /* the revision: the last one's */
        assert_contains (texts[i], "For checking");
        assert_lacks (texts[i], "DRAFT");
      }
    /* The revision table on the cover. */
    assert_contains (texts[0], "First issue");
    assert_contains (texts[0], "Load updated");
  }
  /* --meta replaces the members it sets. */
  g_assert_true (g_file_set_contents (
      meta_file, "{ \"checker\": \"D. Other\", \"status\": \"issued\", \"revision\": \"C1\" }", -1,
      NULL));
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "report", meta_path, "--run", meta_run, "--meta",
                                       meta_file, "--out", pdf2);
    g_auto (GStrv) texts = NULL;

    g_assert_cmpint (r->status, ==, 0);
    texts = pdf_page_texts (pdf2, &n);
    g_assert_cmpuint (n, >, 1);
    assert_contains (texts[n - 1], "D. Other");
    assert_contains (texts[n - 1], "Issued");
    assert_contains (texts[n - 1], "C1");
    assert_contains (texts[n - 1], "Ponte do Rio Pardo");
    assert_lacks (texts[n - 1], "C. Checker");
  }
  /* A bad status is bad input that names its JSON path; no file is left. */
  g_assert_true (g_file_set_contents (meta_file, "{ \"status\": \"approved\" }", -1, NULL));
  {
    g_autofree char *bad = g_build_filename (tmp_dir, "bad-meta.pdf", NULL);
    g_autoptr (CliResult) r = cli_run (NULL, "C", "report", meta_path, "--run", meta_run, "--meta",
                                       meta_file, "--out", bad);

    g_assert_cmpint (r->status, ==, 2);
    assert_contains (r->err, "status");
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

/* The loader takes "report" for every kind and names the path of a bad member. */
static void
test_study_report_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (meta_study, -1, &error);
  const PsReportMeta *m;
  g_autofree char *bad = NULL;
  g_autoptr (PsStudy) none = NULL;

  g_assert_no_error (error);
  m = ps_study_get_report_meta (study);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->job_number, ==, "J-2041");
  g_assert_cmpint (m->status, ==, PS_REPORT_STATUS_FOR_CHECKING);
  g_assert_cmpuint (m->revisions->len, ==, 2);

  {
    GString *text = g_string_new (meta_study);

    g_string_replace (text, "\"checker\"", "\"checkerr\"", 1);
    bad = g_string_free (text, FALSE);
  }
  none = ps_study_load_data (bad, -1, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "report"));
  g_assert_nonnull (strstr (error->message, "checkerr"));
}

/* A report of text that is not the file as saved says DRAFT on every page. */
static void
test_draft (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "draft.pdf", NULL);
  g_autofree char *clean = g_build_filename (tmp_dir, "clean.pdf", NULL);
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) texts = NULL;
  PsReportOptions opts;
  guint n = 0;

  if (!have_poppler ())
    return;
  study = ps_study_load_file (meta_path, &error);
  g_assert_no_error (error);
  ps_report_options_init (&opts);
  g_assert_cmpuint (ps_report_write (study, meta_run, &opts, clean, &error), >, 0);
  texts = pdf_page_texts (clean, &n);
  for (guint i = 0; i < n; i++)
    assert_lacks (texts[i], "DRAFT");
  g_strfreev (texts);

  /* The GUI's case: the editor's text, and the file as saved with another SHA-256. */
  opts.saved_path = meta_path;
  opts.saved_sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
  g_assert_cmpuint (ps_report_write (study, meta_run, &opts, pdf, &error), >, 0);
  g_assert_no_error (error);
  texts = pdf_page_texts (pdf, &n);
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    {
      assert_contains (texts[i], "DRAFT");
      assert_contains (texts[i], "unsaved edits");
    }
  /* The SHA-256 as saved is the one given, not that of the text reported. */
  assert_contains (texts[0], opts.saved_sha256);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Reads an XLSX workbook with Python's zipfile and ElementTree: the sheet names, the
 * Results sheet's header, its row count and its cell B2 and last row's first cell;
 * or a row of another sheet. Prints one fact a line. */
static const char xlsx_reader[]
    = "import sys, zipfile, xml.etree.ElementTree as ET\n"
      "ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',\n"
      "      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "assert z.testzip() is None\n"
      "wb = ET.fromstring(z.read('xl/workbook.xml'))\n"
      "rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))\n"
      "target = {r.get('Id'): r.get('Target') for r in rels}\n"
      "shared = []\n"
      "if 'xl/sharedStrings.xml' in z.namelist():\n"
      "    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):\n"
      "        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))\n"
      "def value(c):\n"
      "    t = c.get('t')\n"
      "    if t == 'inlineStr':\n"
      "        return ''.join(x.text or '' for x in c.iter('{%s}t' % ns['m']))\n"
      "    v = c.find('m:v', ns)\n"
      "    if v is None: return ''\n"
      "    return shared[int(v.text)] if t == 's' else v.text\n"
      "for s in wb.find('m:sheets', ns):\n"
      "    name = s.get('name')\n"
      "    print('sheet\\t' + name)\n"
      "    path = 'xl/' + target[s.get('{%s}id' % ns['r'])].lstrip('/').replace('xl/', '')\n"
      "    ws = ET.fromstring(z.read(path))\n"
      "    rows = ws.find('m:sheetData', ns).findall('m:row', ns)\n"
      "    print('rows\\t%s\\t%d' % (name, len(rows)))\n"
      "    pane = ws.find('.//m:pane', ns)\n"
      "    if pane is not None and pane.get('state') == 'frozen':\n"
      "        print('frozen\\t%s\\t%s' % (name, pane.get('ySplit')))\n"
      "    for i, row in enumerate(rows):\n"
      "        if i < 3 or i == len(rows) - 1:\n"
      "            cells = {}\n"
      "            for c in row:\n"
      "                col = 0\n"
      "                for ch in c.get('r').rstrip('0123456789'):\n"
      "                    col = col * 26 + ord(ch) - 64\n"
      "                cells[col - 1] = value(c)\n"
      "            line = [cells.get(k, '') for k in range(max(cells) + 1 if cells else 0)]\n"
      "            print('row\\t%s\\t%d\\t%s' % (name, i + 1, '\\t'.join(line)))\n";

static char *
read_xlsx (const char *xlsx)
{
  g_autofree char *script = g_build_filename (tmp_dir, "read-xlsx.py", NULL);
  const char *argv[] = { "python3", script, xlsx, NULL };
  int status;
  char *out;

  g_assert_true (g_file_set_contents (script, xlsx_reader, -1, NULL));
  out = run_capture (argv, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The line of @facts that starts with @prefix, without it. */
static char *
fact (const char *facts, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (facts, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i] + strlen (prefix));
  g_error ("no line \"%s…\" in:\n%s", prefix, facts);
  return NULL;
}

static void
test_xlsx (void)
{
  const char *py[] = { "python3", NULL };
  g_autofree char *path = example ("beam-crane-girder.json");
  g_autofree char *xlsx = g_build_filename (tmp_dir, "beam.xlsx", NULL);
  g_autofree char *small = g_build_filename (tmp_dir, "beam-small.xlsx", NULL);
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *run = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) csv_lines = NULL;
  g_autofree char *facts = NULL;
  PsExportOptions opts;
  guint csv_rows;

  if (!ps_export_have_xlsx ())
    {
      g_test_skip ("built without libxlsxwriter");
      return;
    }
  if (!have_programs (py))
    return;
  study = ps_study_load_file (path, &error);
  g_assert_no_error (error);
  run = make_run_of (study, "xlsx-run");
  ps_export_options_init (&opts);
  opts.format = PS_EXPORT_XLSX;
  g_assert_true (ps_export_write (study, run, &opts, xlsx, &error));
  g_assert_no_error (error);
  facts = read_xlsx (xlsx);
  g_test_message ("%s", facts);
  assert_contains (facts, "sheet\tSummary\n");
  assert_contains (facts, "sheet\tInputs\n");
  assert_contains (facts, "sheet\tResults\n");
  assert_contains (facts, "frozen\tResults\t1\n");

  csv_path = g_build_filename (run, "results.csv", NULL);
  csv = read_text (csv_path);
  csv_lines = g_strsplit (g_strchomp (csv), "\n", -1);
  csv_rows = g_strv_length (csv_lines);
  {
    /* Every CSV line (header and data) is a row of the sheet. */
    g_autofree char *rows = fact (facts, "rows\tResults\t");
    g_autofree char *header = fact (facts, "row\tResults\t1\t");
    g_autofree char *first = fact (facts, "row\tResults\t2\t");
    g_auto (GStrv) cells = g_strsplit (first, "\t", -1);
    g_auto (GStrv) csv_cells = g_strsplit (csv_lines[1], ",", -1);

    g_assert_cmpuint (g_ascii_strtoull (rows, NULL, 10), ==, csv_rows);
    /* Units in the header, as the CSV's column names state them (span_m, stress_Pa). */
    assert_contains (header, "span [m]");
    assert_contains (header, "[Pa]");
    /* The values read back equal the CSV's: the first row's numbers. */
    g_assert_cmpuint (g_strv_length (cells), >=, 14);
    for (guint c = 0; c < 14; c++)
      {
        if (*csv_cells[c] == '\0' || g_ascii_isalpha (*csv_cells[c]))
          continue;
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[c], NULL),
                                        g_ascii_strtod (csv_cells[c], NULL),
                                        1e-9 * fabs (g_ascii_strtod (csv_cells[c], NULL)) + 1e-300);
      }
  }

  /* A sheet too short for the CSV says how many rows were left out and where they are. */
  opts.max_rows = 100;
  g_assert_true (ps_export_write (study, run, &opts, small, &error));
  g_free (facts);
  facts = read_xlsx (small);
  {
    g_autofree char *rows = fact (facts, "rows\tResults\t");
    /* 100 rows: the header, 98 data rows and the note. */
    g_autofree char *left = g_strdup_printf ("%u more rows are left out", csv_rows - 1 - 98);

    g_assert_cmpuint (g_ascii_strtoull (rows, NULL, 10), ==, 100);
    assert_contains (facts, left);
    assert_contains (facts, "results.csv");
  }
}

/* The load–span tables sheet of a beam study with group_by holds one row per group of
 * summary.json's lightest_by_group, the lightest design of each as readable cells (not a
 * JSON dump): the first and last groups read back equal the summary's. */
static void
test_xlsx_load_span (void)
{
  const char *py[] = { "python3", NULL };
  g_autofree char *path = example ("beam-office-floor.json");
  g_autofree char *xlsx = g_build_filename (tmp_dir, "load-span.xlsx", NULL);
  g_autofree char *summary_path = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *run = NULL;
  g_autofree char *facts = NULL;
  JsonObject *summary;
  JsonArray *groups, *by;
  guint n;
  PsExportOptions opts;

  if (!ps_export_have_xlsx ())
    {
      g_test_skip ("built without libxlsxwriter");
      return;
    }
  if (!have_programs (py))
    return;
  study = ps_study_load_file (path, &error);
  g_assert_no_error (error);
  run = make_run_of (study, "load-span-run");
  ps_export_options_init (&opts);
  opts.format = PS_EXPORT_XLSX;
  g_assert_true (ps_export_write (study, run, &opts, xlsx, &error));
  g_assert_no_error (error);
  facts = read_xlsx (xlsx);
  g_test_message ("%s", facts);

  summary_path = g_build_filename (run, "summary.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, summary_path, &error));
  g_assert_no_error (error);
  summary = json_node_get_object (json_parser_get_root (parser));
  groups = json_object_get_array_member (summary, "lightest_by_group");
  by = json_object_get_array_member (summary, "group_by");
  n = json_array_get_length (groups);
  /* The test compares the sheet with the summary, whatever the example's grid. */
  g_assert_cmpuint (n, >=, 2);
  assert_contains (facts, "sheet\tLoad-span tables\n");
  {
    g_autofree char *rows = fact (facts, "rows\tLoad-span tables\t");
    g_autofree char *header = fact (facts, "row\tLoad-span tables\t1\t");
    g_auto (GStrv) head = g_strsplit (header, "\t", -1);
    guint nb = json_array_get_length (by);
    guint pick[2] = { 0, n - 1 };

    g_assert_cmpuint (g_ascii_strtoull (rows, NULL, 10), ==, n + 1);
    g_assert_cmpstr (head[0], ==, json_array_get_string_element (by, 0));
    g_assert_cmpstr (head[nb], ==, "Section");
    g_assert_cmpstr (head[nb + 3], ==, "Utilisation");
    for (guint k = 0; k < 2; k++)
      {
        JsonObject *g = json_array_get_object_element (groups, pick[k]);
        JsonNode *ln = json_object_get_member (g, "lightest");
        g_autofree char *prefix = g_strdup_printf ("row\tLoad-span tables\t%u\t", pick[k] + 2);
        g_autofree char *line = fact (facts, prefix);
        g_auto (GStrv) cells = g_strsplit (line, "\t", -1);

        g_assert_null (strchr (line, '{'));
        for (guint c = 0; c < nb; c++)
          g_assert_cmpfloat_with_epsilon (
              g_ascii_strtod (cells[c], NULL),
              json_object_get_double_member (g, json_array_get_string_element (by, c)), 1e-9);
        if (JSON_NODE_HOLDS_NULL (ln))
          g_assert_cmpstr (cells[nb], ==, "none passes");
        else
          {
            JsonObject *l = json_node_get_object (ln);

            g_assert_cmpstr (cells[nb], ==, json_object_get_string_member (l, "section"));
            g_assert_cmpstr (cells[nb + 1], ==, json_object_get_string_member (l, "material"));
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[nb + 3], NULL),
                                            json_object_get_double_member (l, "utilisation"),
                                            1e-12);
          }
      }
  }
}

static void
test_html_and_cli (void)
{
  g_autofree char *html = g_build_filename (tmp_dir, "export.html", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "export.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no-such-dir", "x.xlsx", NULL);
  g_autofree char *text = NULL;

  if (!have_cli ())
    return;
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "export", meta_path, "--run", meta_run,
                                       "--format", "html", "--out", html);

    g_assert_cmpint (r->status, ==, 0);
  }
  text = read_text (html);
  assert_contains (text, "<svg");
  assert_contains (text, "Ponte do Rio Pardo");
  assert_lacks (text, "src=\"http");
  assert_lacks (text, "<link");
  assert_lacks (text, "<script src");
  assert_lacks (text, "url(http");
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "export", meta_path, "--run", meta_run,
                                       "--format", "pdf", "--out", pdf);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  /* Bad input: exit 2, nothing written; a file that cannot be written: exit 1. */
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "export", meta_path, "--run", meta_run,
                                       "--format", "docx", "--out", html);

    g_assert_cmpint (r->status, ==, 2);
    assert_contains (r->err, "--format");
  }
  {
    g_autofree char *other = example ("reliability-axial-bar.json");
    g_autofree char *out = g_build_filename (tmp_dir, "other.html", NULL);
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "export", other, "--run", meta_run, "--format", "html", "--out", out);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "export", meta_path, "--run", meta_run, "--format",
                   ps_export_have_xlsx () ? "xlsx" : "html", "--out", nowhere);

    g_assert_cmpint (r->status, ==, 1);
  }
}

/* The decimal separator follows the locale in text ("1,5 kN" in pt_BR and es). */
static void
test_locale_numbers (void)
{
  const char *locales[] = { "pt_BR.UTF-8", "es_ES.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
      g_autofree char *force = NULL;
      g_autofree char *stress = NULL;
      g_autofree char *inertia = NULL;

      if (setlocale (LC_NUMERIC, locales[i]) == NULL)
        {
          g_test_message ("locale %s not installed", locales[i]);
          continue;
        }
      force = ps_report_format_quantity (1500.0, PS_QTY_FORCE);
      stress = ps_report_format_quantity (235e6, PS_QTY_STRESS);
      /* IPE 300: I_y = 8356 cm⁴ (ArcelorMittal sections catalogue). */
      inertia = ps_report_format_quantity (8356e-8, PS_QTY_SECOND_MOMENT);
      setlocale (LC_NUMERIC, old);
      g_assert_cmpstr (force, ==, "1,5 kN");
      g_assert_cmpstr (stress, ==, "235 MPa");
      g_assert_cmpstr (inertia, ==, "8356 cm⁴");
    }
  {
    g_autofree char *force = ps_report_format_quantity (1500.0, PS_QTY_FORCE);
    g_autofree char *line = ps_report_format_quantity (5000.0, PS_QTY_FORCE_PER_LENGTH);
    g_autofree char *moment = ps_report_format_quantity (120e3, PS_QTY_MOMENT);
    g_autofree char *area = ps_report_format_quantity (5381e-6, PS_QTY_AREA);

    g_assert_cmpstr (force, ==, "1.5 kN");
    g_assert_cmpstr (line, ==, "5 kN/m");
    g_assert_cmpstr (moment, ==, "120 kN·m");
    g_assert_cmpstr (area, ==, "5381 mm²");
  }
}

/* pt_BR and es reports: translated headings and the decimal comma in the text, the
 * appendix as the file writes it. */
static void
test_translated_report (void)
{
  static const struct
  {
    const char *locale, *results, *inputs;
  } langs[] = {
    { "pt_BR.UTF-8", "Resultados", "Dados de entrada" },
    { "es_ES.UTF-8", "Resultados", "Datos de entrada" },
  };

  if (!have_poppler () || !have_cli ())
    return;
  if (g_getenv ("PARASTUDY_LOCALEDIR") == NULL)
    {
      g_test_skip ("PARASTUDY_LOCALEDIR is not set (run through meson test)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%u.pdf", i);
      g_autofree char *pdf = g_build_filename (tmp_dir, name, NULL);
      g_autoptr (CliResult) r = NULL;
      g_auto (GStrv) texts = NULL;
      g_autofree char *all = NULL;
      g_autofree char *appendix = NULL;
      guint n = 0;

      if (setlocale (LC_ALL, langs[i].locale) == NULL)
        {
          g_test_message ("locale %s not installed", langs[i].locale);
          setlocale (LC_ALL, "C");
          continue;
        }
      setlocale (LC_ALL, "C");
      r = cli_run (NULL, langs[i].locale, "report", meta_path, "--run", meta_run, "--appendix",
                   "--out", pdf);
      g_assert_cmpint (r->status, ==, 0);
      texts = pdf_page_texts (pdf, &n);
      all = g_strjoinv ("\n", texts);
      assert_contains (all, langs[i].results);
      assert_contains (all, langs[i].inputs);
      /* The inputs as written, with a decimal comma: 7.5 % strength CoV → "300 MPa",
       * and P_f ≈ 0.029 (OpenTURNS' axial stressed beam) → "0,0". */
      assert_contains (all, "0,0");
      /* The appendix is the file's own text: decimal points. */
      appendix = g_strdup (strstr (all, "summary.json"));
      g_assert_nonnull (appendix);
      g_assert_true (g_regex_match_simple ("\"pf\" *: *0\\.0", appendix, 0, 0));
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ps-report-doc-XXXXXX", NULL);
  setup_meta_study ();
  g_test_add_func ("/report/doc/examples", test_examples);
  g_test_add_func ("/report/doc/title-block", test_title_block);
  g_test_add_func ("/report/doc/study-report-key", test_study_report_key);
  g_test_add_func ("/report/doc/draft", test_draft);
  g_test_add_func ("/report/doc/locale-numbers", test_locale_numbers);
  g_test_add_func ("/report/doc/translated", test_translated_report);
  g_test_add_func ("/export/xlsx", test_xlsx);
  g_test_add_func ("/export/xlsx-load-span", test_xlsx_load_span);
  g_test_add_func ("/export/html-and-cli", test_html_and_cli);
  rc = g_test_run ();
  if (g_getenv ("PS_KEEP_TMP") == NULL)
    rm_rf (tmp_dir);
  g_free (tmp_dir);
  g_free (meta_path);
  g_free (meta_run);
  return rc;
}
