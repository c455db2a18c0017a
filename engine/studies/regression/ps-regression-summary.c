/* ps-regression-summary.c: the regression study's summary rows, read from its
 * summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/regression/ps-regression.h"

static void
terminal_rows (JsonObject *s, GPtrArray *rows)
{
  static const char *const names[] = { "E", "yield", "ultimate" };
  const char *labels[]
      = { C_ ("summary", "E"), C_ ("summary", "yield"), C_ ("summary", "ultimate") };
  const double scales[] = { 1e-9, 1e-6, 1e-6 };
  const char *units[] = { "GPa", "MPa", "MPa" };
  JsonObject *by_reason = ps_summary_get_object (s, "failed_by_reason");
  JsonObject *window = ps_summary_get_object (s, "window");
  const char *window_type = ps_summary_get_string (window, "type");
  guint64 specimens = ps_summary_get_count (s, "specimens");
  guint64 yield_none = ps_summary_get_count (s, "yield_none");
  g_autoptr (GString) failed = g_string_new (NULL);

  /* The reasons are named as in summary.json's "failed", and the window as in the
   * study file. */
  for (int r = 1; r < PS_REG_N_REASONS; r++)
    {
      guint64 n = ps_summary_get_count (by_reason, ps_regression_reason_name (r));

      if (n > 0)
        g_string_append_printf (failed, ", %" G_GUINT64_FORMAT " %s", n,
                                ps_regression_reason_name (r));
    }
  ps_summary_add_values (rows, "specimens", C_ ("summary", "specimens"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%llu (%llu fitted%s)"), (unsigned long long)specimens,
                                          (unsigned long long)ps_summary_get_count (s, "fitted"),
                                          failed->str),
                         (double)specimens);
  if (!g_str_equal (window_type, "auto"))
    ps_summary_add_values (
        rows, "window", C_ ("summary", "window"), PS_SUMMARY_RANGE, "",
        g_strdup_printf (_ ("%s %g to %g, offset %g"), window_type,
                         ps_summary_get_number (window, "from"),
                         ps_summary_get_number (window, "to"), ps_summary_get_number (s, "offset")),
        ps_summary_get_number (window, "from"), ps_summary_get_number (window, "to"));
  else
    ps_summary_add (
        rows, "window", C_ ("summary", "window"), PS_SUMMARY_TEXT, "",
        g_strdup_printf (_ ("%s, offset %g"), window_type, ps_summary_get_number (s, "offset")));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *q = ps_summary_get_object (s, names[i]);
      JsonObject *c = ps_summary_get_object (q, "characteristic");
      double mean = ps_summary_get_number (q, "mean");
      double sd = ps_summary_get_number (q, "sd");

      if (ps_summary_get_count (q, "n") == 0)
        continue;
      guint64 n = ps_summary_get_count (q, "n");
      char *text;

      /* CoV as the run computed it, sd / mean: summary.json writes null for an
       * infinite one. Fewer than 3 values have no k_n (V_X unknown): the reason is
       * given, not "nan". */
      if (n < 2)
        text = g_strdup_printf (_ ("mean %.5g %s (one value); no 5 %% characteristic value: "
                                   "EN 1990 Table D1 (V_X unknown) needs at least 3 values"),
                                mean * scales[i], units[i]);
      else if (n < 3)
        text = g_strdup_printf (_ ("mean %.5g %s, sd %.4g, CoV %.3g; no 5 %% characteristic "
                                   "value: EN 1990 Table D1 (V_X unknown) needs at least 3 "
                                   "values, there are 2"),
                                mean * scales[i], units[i], sd * scales[i], sd / mean);
      else
        text = g_strdup_printf (_ ("mean %.5g %s, sd %.4g, CoV %.3g; 5 %% "
                                   "characteristic %.5g (normal), %.5g (lognormal)"),
                                mean * scales[i], units[i], sd * scales[i], sd / mean,
                                ps_summary_get_number (c, "normal") * scales[i],
                                ps_summary_get_number (c, "lognormal") * scales[i]);
      ps_summary_add_values (rows, names[i], labels[i], PS_SUMMARY_NUMBER, "Pa", text, mean);
    }
  if (yield_none > 0)
    ps_summary_add_values (rows, "yield_none", C_ ("summary", "no offset yield"), PS_SUMMARY_COUNT,
                           "",
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu specimen",
                                                         "%llu specimens", yield_none),
                                            (unsigned long long)yield_none),
                           (double)yield_none);
}

static void
report_rows (JsonObject *s, GPtrArray *rows)
{
  static const char *const q[] = { "E", "yield", "ultimate" };
  const char *labels[]
      = { _ ("Young's modulus E"), _ ("Yield strength (offset)"), _ ("Ultimate strength") };
  double specimens = ps_summary_get_number (s, "specimens");
  double fitted = ps_summary_get_number (s, "fitted");

  ps_summary_add_values (rows, "specimens", _ ("Specimens"), PS_SUMMARY_COUNT, "",
                         ps_report_format_number (specimens, ""), specimens);
  ps_summary_add_values (rows, "fitted", _ ("Fitted"), PS_SUMMARY_COUNT, "",
                         ps_report_format_number (fitted, ""), fitted);
  for (guint k = 0; k < G_N_ELEMENTS (q); k++)
    {
      JsonObject *o = ps_summary_get_object (s, q[k]);
      JsonObject *c = ps_summary_get_object (o, "characteristic");
      g_autofree char *mean = NULL;
      g_autofree char *sd = NULL;
      g_autofree char *ch = NULL;

      if (o == NULL)
        continue;
      mean = ps_report_format_number (ps_summary_get_number (o, "mean"), "Pa");
      sd = ps_report_format_number (ps_summary_get_number (o, "sd"), "Pa");
      ch = c != NULL ? ps_report_format_number (ps_summary_get_number (c, "value"), "Pa")
                     : g_strdup ("—");
      ps_summary_add_values (
          rows, q[k], labels[k], PS_SUMMARY_NUMBER, "Pa",
          g_strdup_printf (_ ("mean %s, standard deviation %s (CoV %.3g); "
                              "characteristic (%g fractile, %s) %s"),
                           mean, sd, ps_summary_get_number (o, "cov"),
                           c != NULL ? ps_summary_get_number (c, "fractile") : NAN,
                           c != NULL ? ps_summary_get_string (c, "distribution") : "—", ch),
          ps_summary_get_number (o, "mean"));
    }
}

void
ps_regression_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  switch (view)
    {
    case PS_SUMMARY_TERMINAL:
      terminal_rows (summary, rows);
      break;
    case PS_SUMMARY_SCREEN:
      /* No layout of its own yet: every plain figure. */
      ps_summary_add_generic (rows, summary);
      break;
    case PS_SUMMARY_REPORT:
      report_rows (summary, rows);
      break;
    }
}
