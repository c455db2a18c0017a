/* cli-export.c: `parastudy-cli export STUDY.json --run RUN_DIR --format xlsx|html|pdf
 * --out FILE`.
 *
 * XLSX: the summary with its units, the inputs and the per-item results; HTML: the
 * report as one self-contained file; PDF: the report. The format is --format, or the
 * extension of --out. Exit status 2 for bad input (the study, a run folder that is
 * missing or was made from another study file, a bad option or metadata file, a
 * format this build cannot write), 1 when the file cannot be written; a failed export
 * leaves no file behind.
 */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "parastudy.h"
#include "report/ps-report.h"

int ps_cli_export (int argc, char **argv);

static int
export_fail (const char *what, const GError *error)
{
  if (what != NULL)
    g_printerr ("parastudy-cli export: %s: %s\n", what, error->message);
  else
    g_printerr ("parastudy-cli export: %s\n", error->message);
  if (error->domain == PS_ERROR && (error->code == PS_ERROR_IO || error->code == PS_ERROR_FAILED))
    return 1;
  return 2;
}

int
ps_cli_export (int argc, char **argv)
{
  g_autofree char *run_dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *format = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta_file = NULL;
  gboolean appendix = FALSE;
  gint64 max_rows = 0;
  GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_FILENAME, &run_dir, N_ ("The run folder of this study"),
      "RUN_DIR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_ ("xlsx, html or pdf (default: from the extension of --out)"), "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Output file"), "FILE" },
    { "meta", 0, 0, G_OPTION_ARG_FILENAME, &meta_file,
      N_ ("A JSON file with the title block; its members replace the study's \"report\" ones"),
      "FILE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The report's date (title block)"), "TEXT" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_ ("a4 (default) or letter (pdf)"), "SIZE" },
    { "appendix", 0, 0, G_OPTION_ARG_NONE, &appendix,
      N_ ("Append the run's summary.json to the report (html, pdf)"), NULL },
    { "max-rows", 0, 0, G_OPTION_ARG_INT64, &max_rows,
      N_ ("Rows of the Results sheet at most, its header included (xlsx; default: a sheet's "
          "1,048,576)"),
      "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new (_ ("STUDY.json — export a run's results as XLSX, HTML or PDF"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsReportMeta) meta = NULL;
  PsExportOptions opts;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return export_fail (NULL, error);
  if (argc != 2 || run_dir == NULL || out == NULL)
    {
      g_printerr ("parastudy-cli export: %s\n",
                  _ ("expected: parastudy-cli export STUDY.json --run RUN_DIR --format "
                     "xlsx|html|pdf --out FILE"));
      return 2;
    }
  ps_export_options_init (&opts);
  if (format == NULL)
    {
      const char *dot = strrchr (out, '.');

      if (dot == NULL || !ps_export_format_from_name (dot + 1, &opts.format))
        {
          g_printerr ("parastudy-cli export: --format: %s\n",
                      _ ("missing, and --out does not end in .xlsx, .html or .pdf"));
          return 2;
        }
    }
  else if (!ps_export_format_from_name (format, &opts.format))
    {
      g_printerr ("parastudy-cli export: --format: %s \"%s\"\n",
                  _ ("expected xlsx, html or pdf, got"), format);
      return 2;
    }
  if (paper != NULL)
    {
      if (g_ascii_strcasecmp (paper, "a4") == 0)
        opts.report.paper = PS_PAPER_A4;
      else if (g_ascii_strcasecmp (paper, "letter") == 0)
        opts.report.paper = PS_PAPER_LETTER;
      else
        {
          g_printerr ("parastudy-cli export: --paper: %s \"%s\"\n",
                      _ ("expected a4 or letter, got"), paper);
          return 2;
        }
    }
  if (max_rows < 0 || max_rows == 1)
    {
      g_printerr ("parastudy-cli export: --max-rows: %s %" G_GINT64_FORMAT "\n",
                  _ ("expected at least 2 (the header and one row), got"), max_rows);
      return 2;
    }
  opts.max_rows = (guint64)max_rows;
  opts.report.date = date;
  opts.report.appendix = appendix;
  if (meta_file != NULL)
    {
      meta = ps_report_meta_load_file (meta_file, &error);
      if (meta == NULL)
        return export_fail ("--meta", error);
      opts.report.meta = meta;
    }
  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    return export_fail (argv[1], error);
  if (!ps_export_write (study, run_dir, &opts, out, &error))
    return export_fail (NULL, error);
  g_print (_ ("wrote %s\n"), out);
  return 0;
}
