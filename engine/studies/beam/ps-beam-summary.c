/* ps-beam-summary.c: the beam study's summary rows, read from its summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/beam/ps-beam.h"

/* The range of output @name ("deflection") over the computed configurations. */
static void
output_range (JsonObject *s, const char *name, double *min, double *max)
{
  JsonObject *o = ps_summary_get_object (ps_summary_get_object (s, "outputs"), name);

  *min = ps_summary_get_number (o, "min");
  *max = ps_summary_get_number (o, "max");
}

static void
add_range (GPtrArray *rows, JsonObject *s, const char *name, const char *label, double scale,
           const char *unit, const char *si_unit)
{
  double lo, hi;
  g_autofree char *key = g_strconcat ("outputs.", name, NULL);

  output_range (s, name, &lo, &hi);
  ps_summary_add_values (
      rows, key, label, PS_SUMMARY_RANGE, si_unit,
      g_strdup_printf ("%.4g – %.4g%s%s", lo * scale, hi * scale, *unit ? " " : "", unit), lo, hi);
}

static void
terminal_rows (JsonObject *s, GPtrArray *rows)
{
  guint64 items = ps_summary_get_count (s, "configurations");
  guint64 passing = ps_summary_get_count (s, "passing");
  JsonObject *l = ps_summary_get_object (s, "lightest_passing");

  ps_summary_add_values (rows, "configurations", C_ ("summary", "configurations"), PS_SUMMARY_COUNT,
                         "", g_strdup_printf ("%" G_GUINT64_FORMAT, items), (double)items);
  ps_summary_add_values (rows, "passing", C_ ("summary", "passing"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT " (%.1f %%)", passing,
                                          items ? 100.0 * (double)passing / (double)items : 0.0),
                         (double)passing);
  ps_summary_add (
      rows, "failing", C_ ("summary", "failing"), PS_SUMMARY_TEXT, "",
      g_strdup_printf (_ ("deflection %llu, strength %llu"),
                       (unsigned long long)ps_summary_get_count (s, "failing_deflection"),
                       (unsigned long long)ps_summary_get_count (s, "failing_strength")));
  if (ps_summary_get_count (s, "computed") > 0)
    {
      add_range (rows, s, "deflection", C_ ("summary", "deflection"), 1e3, "mm", "m");
      add_range (rows, s, "stress", C_ ("summary", "stress"), 1e-6, "MPa", "Pa");
      add_range (rows, s, "utilisation", C_ ("summary", "utilisation"), 1, "", "");
    }
  if (l != NULL)
    {
      const char *section = ps_summary_get_string (l, "section");
      double mass = ps_summary_get_number (l, "mass_per_metre");
      GString *t = g_string_new (NULL);

      g_string_append_printf (t, "%.4g kg/m: %s, %s", mass, ps_summary_get_string (l, "material"),
                              section);
      /* summary.json gives b only for sections that have one; the rectangular ones are
       * named by their shape. */
      if (json_object_has_member (l, "b") && g_str_equal (section, "rectangular"))
        g_string_append_printf (t, " %g × %g mm", ps_summary_get_number (l, "b") * 1e3,
                                ps_summary_get_number (l, "h") * 1e3);
      g_string_append_printf (t, _ (", span %g m, load %g %s (item %llu)"),
                              ps_summary_get_number (l, "span"),
                              ps_summary_get_number (l, "load") * 1e-3,
                              g_str_equal (ps_summary_get_string (s, "load_case"),
                                           ps_beam_load_case_name (PS_LOAD_UNIFORM))
                                  ? "kN/m"
                                  : "kN",
                              (unsigned long long)ps_summary_get_count (l, "item"));
      ps_summary_add_values (rows, "lightest_passing", C_ ("summary", "lightest passing"),
                             PS_SUMMARY_NUMBER, "kg/m", g_string_free (t, FALSE), mass);
    }
  else
    ps_summary_add (rows, "lightest_passing", C_ ("summary", "lightest passing"), PS_SUMMARY_TEXT,
                    "", g_strdup (_ ("none: no configuration passes both checks")));
}

static void
screen_rows (JsonObject *s, GPtrArray *rows)
{
  gint64 n = json_object_get_int_member_with_default (s, "configurations", -1);
  gint64 passing = json_object_get_int_member_with_default (s, "passing", -1);
  JsonNode *lp = json_object_get_member (s, "lightest_passing");

  ps_summary_add_screen_count (rows, s, "configurations", _ ("Configurations"));
  ps_summary_add_screen_count (rows, s, "passing", _ ("Passing"));
  if (n > 0 && passing >= 0)
    {
      double share = 100.0 * (double)passing / (double)n;

      ps_summary_add_values (rows, "passing_percent", _ ("Passing share"), PS_SUMMARY_NUMBER, "%",
                             g_strdup_printf ("%.1f %%", share), share);
    }
  ps_summary_add_screen_count (rows, s, "failing_deflection", _ ("Failing deflection"));
  ps_summary_add_screen_count (rows, s, "failing_strength", _ ("Failing strength"));
  if (lp != NULL && JSON_NODE_HOLDS_OBJECT (lp))
    {
      JsonObject *o = json_node_get_object (lp);

      ps_summary_add_values (
          rows, "lightest_passing", _ ("Lightest passing"), PS_SUMMARY_NUMBER, "kg/m",
          g_strdup_printf (_ ("%s %s, %.6g kg/m (span %.6g m, utilisation %.3f)"),
                           json_object_get_string_member_with_default (o, "material", "?"),
                           json_object_get_string_member_with_default (o, "section", "?"),
                           ps_summary_get_number (o, "mass_per_metre"),
                           ps_summary_get_number (o, "span"),
                           ps_summary_get_number (o, "utilisation")),
          ps_summary_get_number (o, "mass_per_metre"));
      ps_summary_add_screen_number (rows, o, "mass_per_metre", _ ("Lightest mass"), 1, "kg/m",
                                    "kg/m");
    }
  else if (lp != NULL)
    ps_summary_add (rows, "lightest_passing", _ ("Lightest passing"), PS_SUMMARY_TEXT, "",
                    g_strdup (_ ("none passes")));
  ps_summary_add_screen_number (rows, s, "max_deflection", _ ("Largest deflection"), 1e3, "mm",
                                "m");
  ps_summary_add_screen_number (rows, s, "max_stress", _ ("Largest stress"), 1e-6, "MPa", "Pa");
  ps_summary_add_screen_number (rows, s, "max_moment", _ ("Largest moment"), 1e-3, "kN·m", "N*m");
  ps_summary_add_screen_number (rows, s, "max_utilisation", _ ("Largest utilisation"), 1, "", "");
}

static void
add_report_number (GPtrArray *rows, JsonObject *s, const char *key, const char *label,
                   PsSummaryType type, const char *unit)
{
  double v = ps_summary_get_number (s, key);

  ps_summary_add_values (rows, key, label, type, unit, ps_report_format_number (v, unit), v);
}

static void
report_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *l = ps_summary_get_object (s, "lightest_passing");

  add_report_number (rows, s, "configurations", _ ("Configurations"), PS_SUMMARY_COUNT, "");
  add_report_number (rows, s, "passing", _ ("Passing"), PS_SUMMARY_COUNT, "");
  add_report_number (rows, s, "failing_deflection", _ ("Failing the deflection check"),
                     PS_SUMMARY_COUNT, "");
  add_report_number (rows, s, "failing_strength", _ ("Failing the strength check"),
                     PS_SUMMARY_COUNT, "");
  add_report_number (rows, s, "max_deflection", _ ("Largest deflection"), PS_SUMMARY_NUMBER, "m");
  add_report_number (rows, s, "max_stress", _ ("Largest bending stress"), PS_SUMMARY_NUMBER, "Pa");
  add_report_number (rows, s, "max_utilisation", _ ("Largest utilisation"), PS_SUMMARY_NUMBER, "");
  if (l != NULL)
    {
      g_autofree char *span = ps_report_format_number (ps_summary_get_number (l, "span"), "m");
      g_autofree char *mass
          = ps_report_format_number (ps_summary_get_number (l, "mass_per_metre"), "");

      ps_summary_add_values (rows, "lightest_passing", _ ("Lightest passing configuration"),
                             PS_SUMMARY_NUMBER, "kg/m",
                             g_strdup_printf (_ ("%s %s, span %s, %s kg/m (item %.0f)"),
                                              ps_summary_get_string (l, "material"),
                                              ps_summary_get_string (l, "section"), span, mass,
                                              ps_summary_get_number (l, "item")),
                             ps_summary_get_number (l, "mass_per_metre"));
    }
}

void
ps_beam_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  switch (view)
    {
    case PS_SUMMARY_TERMINAL:
      terminal_rows (summary, rows);
      break;
    case PS_SUMMARY_SCREEN:
      screen_rows (summary, rows);
      break;
    case PS_SUMMARY_REPORT:
      report_rows (summary, rows);
      break;
    }
}
