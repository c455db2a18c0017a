/* cli-plot.c: `parastudy-cli plot RUN_DIR --chart NAME --out FILE.png|svg|pdf`.
 *
 * RUN_DIR is the --out folder of `parastudy-cli run` (summary.json and the CSV
 * files) or a folder holding the scaling harness's scaling.json. Exit status 2 for
 * bad input (no such folder, a chart the kind does not have, a column the run does
 * not have), 1 when the file cannot be written; no partial file either way.
 */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "parastudy.h"
#include "plot/ps-plot-study.h"

int ps_cli_plot (int argc, char **argv);

static int
plot_fail (const GError *error)
{
  g_printerr ("parastudy-cli plot: %s\n", error->message);
  if (error->domain == PS_ERROR && error->code == PS_ERROR_IO)
    return 1;
  return 2;
}

static void
list_charts (const char *kind)
{
  const PsChartInfo *c = ps_plot_charts_for_kind (kind);

  g_print (_ ("Charts of a %s run:\n"), kind);
  for (; c != NULL && c->name != NULL; c++)
    g_print ("  %-16s %s\n", c->name, _ (c->description));
}

int
ps_cli_plot (int argc, char **argv)
{
  g_autofree char *chart_name = NULL;
  g_autofree char *out = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *series = NULL;
  g_autofree char *specimen = NULL;
  g_auto (GStrv) fix = NULL;
  g_autofree char *item = NULL;
  g_autofree char *study_path = NULL;
  gboolean list = FALSE;
  gint width = 800, height = 500;
  double dpi = 96;
  GOptionEntry entries[] = {
    { "chart", 'c', 0, G_OPTION_ARG_STRING, &chart_name, N_ ("Chart name (see --list)"), "NAME" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Output file: .png, .svg or .pdf"), "FILE" },
    { "x", 0, 0, G_OPTION_ARG_STRING, &x, N_ ("Parameter on the x axis (e.g. span)"), "PARAM" },
    { "y", 0, 0, G_OPTION_ARG_STRING, &y,
      N_ ("Output on the y axis or in the map (e.g. "
          "deflection)"),
      "OUTPUT" },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series,
      N_ ("Parameter with one curve per value (a map: the y axis)"), "PARAM" },
    { "specimen", 0, 0, G_OPTION_ARG_STRING, &specimen,
      N_ ("Regression: the specimen (name or item number)"), "NAME" },
    { "fix", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fix,
      N_ ("Hold a parameter that varies at a value (repeatable; default: its middle value)"),
      "PARAM=VALUE" },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item,
      N_ ("Beam diagram: the configuration (item number in results.csv)"), "I" },
    { "study", 0, 0, G_OPTION_ARG_FILENAME, &study_path,
      N_ ("The study file, when it is not where summary.json says"), "STUDY.json" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_ ("Width in pixels (default 800)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_ ("Height in pixels (default 500)"), "PX" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_ ("Resolution (default 96)"), "DPI" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_ ("List the charts of this run"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new (_ ("RUN_DIR — draw a chart of a run (or of scaling.json)"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsChart) chart = NULL;
  g_autofree char *scaling_json = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return plot_fail (error);
  if (argc != 2)
    {
      g_printerr ("parastudy-cli plot: %s\n",
                  _ ("expected one run folder: parastudy-cli plot RUN_DIR --chart NAME --out "
                     "FILE.png"));
      return 2;
    }
  scaling_json = g_build_filename (argv[1], "scaling.json", NULL);
  if (g_file_test (scaling_json, G_FILE_TEST_EXISTS)
      || (g_str_has_suffix (argv[1], ".json") && !g_file_test (argv[1], G_FILE_TEST_IS_DIR)))
    {
      g_autoptr (PsScalingData) sd = ps_scaling_data_load (argv[1], &error);

      if (sd == NULL)
        return plot_fail (error);
      if (list || chart_name == NULL)
        {
          list_charts ("scaling");
          return list ? 0 : 2;
        }
      chart = ps_plot_scaling_chart (sd, chart_name, &error);
    }
  else
    {
      g_autoptr (PsRunData) rd = ps_run_data_load (argv[1], &error);
      g_autoptr (PsStudy) study = NULL;
      /* A beam diagram's configuration travels as the specimen does. */
      PsPlotParams params
          = { x, y, series, item != NULL ? item : specimen, (const char *const *)fix };

      if (rd == NULL)
        return plot_fail (error);
      if (list || chart_name == NULL)
        {
          list_charts (ps_run_data_get_kind (rd));
          if (!list)
            g_printerr ("parastudy-cli plot: %s\n", _ ("--chart NAME is required"));
          return list ? 0 : 2;
        }
      if (study_path != NULL)
        {
          study = ps_study_load_file (study_path, &error);
          if (study == NULL || !ps_run_data_check_study (rd, study, &error))
            return plot_fail (error);
        }
      chart = ps_plot_study_chart (rd, chart_name, &params, &error);
    }
  if (chart == NULL)
    return plot_fail (error);
  if (out == NULL)
    {
      g_printerr ("parastudy-cli plot: %s\n", _ ("--out FILE.png|svg|pdf is required"));
      return 2;
    }
  if (!ps_chart_write (chart, out, width, height, dpi, &error))
    return plot_fail (error);
  g_print (_ ("wrote %s\n"), out);
  return 0;
}
