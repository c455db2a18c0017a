/* cli-report.c: `parastudy-cli report STUDY.json --run RUN_DIR --out report.pdf`.
 *
 * The title block comes from the study file's "report" object and --meta FILE (whose
 * members win). Exit status 2 for bad input (the study, a run folder that is missing
 * or was made from another study file, a bad scaling.json, metadata file or option),
 * 1 when the report cannot be written; a failed report leaves no file behind.
 */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "parastudy.h"
#include "report/ps-report.h"

int ps_cli_report (int argc, char **argv);

static int
report_fail (const char *what, const GError *error)
{
  if (what != NULL)
    g_printerr ("parastudy-cli report: %s: %s\n", what, error->message);
  else
    g_printerr ("parastudy-cli report: %s\n", error->message);
  if (error->domain == PS_ERROR && (error->code == PS_ERROR_IO || error->code == PS_ERROR_FAILED))
    return 1;
  return 2;
}

int
ps_cli_report (int argc, char **argv)
{
  g_autofree char *run_dir = NULL;
  g_autofree char *scaling = NULL;
  g_autofree char *out = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *format = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta_file = NULL;
  gboolean appendix = FALSE;
  g_autoptr (PsReportMeta) meta = NULL;
  GOptionEntry entries[]
      = { { "run", 'r', 0, G_OPTION_ARG_FILENAME, &run_dir, N_ ("The run folder of this study"),
            "RUN_DIR" },
          { "scaling", 's', 0, G_OPTION_ARG_FILENAME, &scaling,
            N_ ("A scaling.json (or its folder) for the scaling section"), "DIR" },
          { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Output file (default: report.pdf)"),
            "FILE" },
          { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_ ("a4 (default) or letter"), "SIZE" },
          { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_ ("pdf (default) or html"), "FORMAT" },
          { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The report's date (title block)"),
            "TEXT" },
          { "meta", 0, 0, G_OPTION_ARG_FILENAME, &meta_file,
            N_ ("A JSON file with the title block (project, job_number, element, author, "
                "checker, date, revision, status, revisions); its members replace the study's "
                "\"report\" ones"),
            "FILE" },
          { "appendix", 0, 0, G_OPTION_ARG_NONE, &appendix,
            N_ ("Append the run's summary.json, as written, for machines"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new (_ ("STUDY.json — write the calculation report of a run"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  PsReportOptions opts;
  guint pages;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return report_fail (NULL, error);
  if (argc != 2 || run_dir == NULL)
    {
      g_printerr ("parastudy-cli report: %s\n",
                  _ ("expected: parastudy-cli report STUDY.json --run RUN_DIR --out report.pdf"));
      return 2;
    }
  ps_report_options_init (&opts);
  if (paper != NULL)
    {
      if (g_ascii_strcasecmp (paper, "a4") == 0)
        opts.paper = PS_PAPER_A4;
      else if (g_ascii_strcasecmp (paper, "letter") == 0)
        opts.paper = PS_PAPER_LETTER;
      else
        {
          g_printerr ("parastudy-cli report: --paper: %s \"%s\"\n",
                      _ ("expected a4 or letter, got"), paper);
          return 2;
        }
    }
  if (format != NULL)
    {
      if (g_ascii_strcasecmp (format, "pdf") == 0)
        opts.format = PS_REPORT_PDF;
      else if (g_ascii_strcasecmp (format, "html") == 0)
        opts.format = PS_REPORT_HTML;
      else
        {
          g_printerr ("parastudy-cli report: --format: %s \"%s\"\n",
                      _ ("expected pdf or html, got"), format);
          return 2;
        }
    }
  opts.scaling = scaling;
  opts.date = date;
  opts.appendix = appendix;
  if (meta_file != NULL)
    {
      meta = ps_report_meta_load_file (meta_file, &error);
      if (meta == NULL)
        return report_fail ("--meta", error);
      opts.meta = meta;
    }
  if (out == NULL)
    out = g_strdup (opts.format == PS_REPORT_HTML ? "report.html" : "report.pdf");

  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    return report_fail (argv[1], error);
  pages = ps_report_write (study, run_dir, &opts, out, &error);
  if (pages == 0)
    return report_fail (NULL, error);
  if (opts.format == PS_REPORT_HTML)
    g_print (_ ("wrote %s\n"), out);
  else
    g_print (_ ("wrote %s (%u pages)\n"), out, pages);
  return 0;
}
