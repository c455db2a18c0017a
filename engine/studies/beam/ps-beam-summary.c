/* ps-beam-summary.c: the beam study's summary rows, read from its summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/beam/ps-beam-design.h"
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

/* ---------------------------------------------------------------------------------
 * Design studies
 * ------------------------------------------------------------------------------ */

static gboolean
is_design (JsonObject *s)
{
  const char *code = ps_summary_get_string (s, "code_check");

  return *code != '\0' && !g_str_equal (code, "none");
}

static const char *
no_code_check_text (void)
{
  return _ ("no design code check was made: stress against f_d only (add a design object "
            "to check to EN 1993/1995/1992/1999 or AISC 360)");
}

/* "EN 1990, EN 1993-1-1 (3 ULS and 3 SLS combinations)". */
static char *
codes_text (JsonObject *s)
{
  JsonArray *codes = ps_summary_get_array (s, "codes");
  JsonArray *combos = ps_summary_get_array (s, "combinations");
  const char *method = ps_summary_get_string (s, "method");
  GString *t = g_string_new (NULL);
  guint uls = 0, sls = 0;

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    g_string_append_printf (t, "%s%s", i ? ", " : "", json_array_get_string_element (codes, i));
  if (*method)
    g_string_append_printf (t, " %s", method);
  for (guint i = 0; combos != NULL && i < json_array_get_length (combos); i++)
    {
      JsonObject *c = json_array_get_object_element (combos, i);

      if (g_str_equal (ps_summary_get_string (c, "limit"), "ULS"))
        uls++;
      else
        sls++;
    }
  g_string_append_printf (t, _ (" (%u ULS and %u SLS combinations)"), uls, sls);
  return g_string_free (t, FALSE);
}

/* "bending 3, lateral-torsional buckling 20": the checks that some configuration
 * fails, with how many fail each. */
static char *
failing_text (JsonObject *s)
{
  JsonObject *f = ps_summary_get_object (s, "failing_by_check");
  GString *t = g_string_new (NULL);

  for (int c = 0; c < PS_CHECK_N; c++)
    {
      guint64 n = ps_summary_get_count (f, ps_beam_check_name (c));

      if (n > 0)
        g_string_append_printf (t, "%s%s %" G_GUINT64_FORMAT, t->len ? ", " : "",
                                ps_beam_check_label (c), n);
    }
  return g_string_free (t, FALSE);
}

/* The reason of the first refusal, in the user's language. */
static const char *
first_refusal (JsonObject *s)
{
  JsonArray *r = ps_summary_get_array (s, "refusals");

  if (r == NULL || json_array_get_length (r) == 0)
    return NULL;
  return ps_beam_refusal_text ((gint32)json_object_get_int_member_with_default (
      json_array_get_object_element (r, 0), "code", 0));
}

/* A configuration of summary.json: "S355, IPE 300 (item 12): utilisation 0.930,
 * lateral-torsional buckling" with @show_u, else "S355, IPE 300 (item 12):
 * lateral-torsional buckling, 6.10: 1.35 G + 1.5 Q". */
static char *
configuration_text (JsonObject *c, gboolean show_u)
{
  const char *check = ps_summary_get_string (c, "governing_check");
  const char *label = "—";

  for (int k = 0; k < PS_CHECK_N; k++)
    if (g_str_equal (check, ps_beam_check_name (k)))
      label = ps_beam_check_label (k);
  if (show_u)
    return g_strdup_printf (
        _ ("%s, %s (item %llu): utilisation %.3f, %s"), ps_summary_get_string (c, "material"),
        ps_summary_get_string (c, "section"), (unsigned long long)ps_summary_get_count (c, "item"),
        ps_summary_get_number (c, "utilisation"), label);
  return g_strdup_printf (_ ("%s, %s (item %llu): %s, %s"), ps_summary_get_string (c, "material"),
                          ps_summary_get_string (c, "section"),
                          (unsigned long long)ps_summary_get_count (c, "item"), label,
                          ps_summary_get_string (c, "governing_combination"));
}

/* "4.206 — S235, IPE 300 (item 2): lateral-torsional buckling, 6.10: …". */
static char *
governing_text (JsonObject *g)
{
  g_autofree char *c = configuration_text (g, FALSE);

  return g_strdup_printf ("%.4g — %s", ps_summary_get_number (g, "utilisation"), c);
}

static void
add_groups_row (JsonObject *s, GPtrArray *rows, const char *label)
{
  JsonArray *g = ps_summary_get_array (s, "lightest_by_group");
  guint n, found = 0;

  if (g == NULL)
    return;
  n = json_array_get_length (g);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *l = json_object_get_member (json_array_get_object_element (g, i), "lightest");

      found += l != NULL && JSON_NODE_HOLDS_OBJECT (l);
    }
  ps_summary_add_values (rows, "lightest_by_group", label, PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%u groups, %u with a passing design"), n, found),
                         (double)found);
}

static void
add_notes (JsonObject *s, GPtrArray *rows, const char *label)
{
  JsonArray *notes = ps_summary_get_array (s, "notes");

  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      const char *n = json_array_get_string_element (notes, i);

      /* summary.json's notes are English; the rows say them in the user's language. */
      if (g_str_has_prefix (n, "reinforced concrete"))
        n = _ ("reinforced concrete: the shear resistance is V_Rd,c of members without "
               "shear reinforcement (EN 1992-1-1 6.2.2); links are not counted");
      else if (g_str_has_prefix (n, "no deflection limit"))
        n = _ ("no deflection limit was given (design.deflection): deflections were not "
               "checked");
      ps_summary_add (rows, "notes", label, PS_SUMMARY_TEXT, "", g_strdup (n));
    }
}

static void
design_terminal_rows (JsonObject *s, GPtrArray *rows)
{
  guint64 items = ps_summary_get_count (s, "configurations");
  guint64 passing = ps_summary_get_count (s, "passing");
  guint64 refused = ps_summary_get_count (s, "refused");
  JsonObject *l = ps_summary_get_object (s, "lightest_passing");
  JsonObject *g = ps_summary_get_object (s, "governing_configuration");
  g_autofree char *failing = failing_text (s);

  ps_summary_add_values (rows, "configurations", C_ ("summary", "configurations"), PS_SUMMARY_COUNT,
                         "", g_strdup_printf ("%" G_GUINT64_FORMAT, items), (double)items);
  ps_summary_add (rows, "code_check", C_ ("summary", "code check"), PS_SUMMARY_TEXT, "",
                  codes_text (s));
  ps_summary_add_values (rows, "passing", C_ ("summary", "passing"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT " (%.1f %%)", passing,
                                          items ? 100.0 * (double)passing / (double)items : 0.0),
                         (double)passing);
  ps_summary_add_values (rows, "failing", C_ ("summary", "failing"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT "%s%s",
                                          ps_summary_get_count (s, "failing"), *failing ? ": " : "",
                                          failing),
                         (double)ps_summary_get_count (s, "failing"));
  if (refused > 0)
    ps_summary_add_values (rows, "refused", C_ ("summary", "refused"), PS_SUMMARY_COUNT, "",
                           g_strdup_printf ("%" G_GUINT64_FORMAT ": %s", refused,
                                            first_refusal (s) ? first_refusal (s) : ""),
                           (double)refused);
  if (ps_summary_get_count (s, "computed") > 0)
    {
      double M = ps_summary_get_number (s, "max_moment");
      double V = ps_summary_get_number (s, "max_shear");
      double w = ps_summary_get_number (s, "max_deflection");

      ps_summary_add_values (rows, "max_moment", C_ ("summary", "M_Ed max"), PS_SUMMARY_NUMBER,
                             "N*m", g_strdup_printf ("%.4g kN·m", M * 1e-3), M);
      ps_summary_add_values (rows, "max_shear", C_ ("summary", "V_Ed max"), PS_SUMMARY_NUMBER, "N",
                             g_strdup_printf ("%.4g kN", V * 1e-3), V);
      if (!isnan (w))
        ps_summary_add_values (rows, "max_deflection", C_ ("summary", "deflection max"),
                               PS_SUMMARY_NUMBER, "m", g_strdup_printf ("%.4g mm", w * 1e3), w);
    }
  if (g != NULL)
    ps_summary_add_values (rows, "governing_configuration", C_ ("summary", "utilisation max"),
                           PS_SUMMARY_NUMBER, "", governing_text (g),
                           ps_summary_get_number (g, "utilisation"));
  if (l != NULL)
    {
      double mass = ps_summary_get_number (l, "mass_per_metre");
      g_autofree char *c = configuration_text (l, TRUE);

      ps_summary_add_values (rows, "lightest_passing", C_ ("summary", "lightest passing"),
                             PS_SUMMARY_NUMBER, "kg/m", g_strdup_printf ("%.4g kg/m — %s", mass, c),
                             mass);
    }
  else
    ps_summary_add (rows, "lightest_passing", C_ ("summary", "lightest passing"), PS_SUMMARY_TEXT,
                    "", g_strdup (_ ("none: no configuration passes every check")));
  add_groups_row (s, rows, C_ ("summary", "groups"));
  add_notes (s, rows, C_ ("summary", "note"));
}

static void
design_screen_rows (JsonObject *s, GPtrArray *rows)
{
  gint64 n = json_object_get_int_member_with_default (s, "configurations", -1);
  gint64 passing = json_object_get_int_member_with_default (s, "passing", -1);
  JsonObject *l = ps_summary_get_object (s, "lightest_passing");
  JsonObject *g = ps_summary_get_object (s, "governing_configuration");
  JsonObject *f = ps_summary_get_object (s, "failing_by_check");

  ps_summary_add_screen_count (rows, s, "configurations", _ ("Configurations"));
  ps_summary_add (rows, "code_check", _ ("Code check"), PS_SUMMARY_TEXT, "", codes_text (s));
  ps_summary_add_screen_count (rows, s, "passing", _ ("Passing"));
  if (n > 0 && passing >= 0)
    {
      double share = 100.0 * (double)passing / (double)n;

      ps_summary_add_values (rows, "passing_percent", _ ("Passing share"), PS_SUMMARY_NUMBER, "%",
                             g_strdup_printf ("%.1f %%", share), share);
    }
  ps_summary_add_screen_count (rows, s, "refused", _ ("Refused (not checkable)"));
  ps_summary_add_screen_count (rows, s, "failing_deflection", _ ("Failing deflection"));
  ps_summary_add_screen_count (rows, s, "failing_strength", _ ("Failing strength"));
  for (int c = 0; f != NULL && c < PS_CHECK_N; c++)
    {
      g_autofree char *key = g_strconcat ("failing_by_check.", ps_beam_check_name (c), NULL);
      g_autofree char *label = g_strdup_printf (_ ("Failing %s"), ps_beam_check_label (c));
      guint64 v = ps_summary_get_count (f, ps_beam_check_name (c));

      if (v > 0)
        ps_summary_add_values (rows, key, label, PS_SUMMARY_COUNT, "",
                               g_strdup_printf ("%'" G_GUINT64_FORMAT, v), (double)v);
    }
  ps_summary_add_screen_number (rows, s, "max_moment", _ ("Largest moment M_Ed"), 1e-3, "kN·m",
                                "N*m");
  ps_summary_add_screen_number (rows, s, "max_shear", _ ("Largest shear V_Ed"), 1e-3, "kN", "N");
  ps_summary_add_screen_number (rows, s, "max_deflection", _ ("Largest deflection"), 1e3, "mm",
                                "m");
  ps_summary_add_screen_number (rows, s, "max_utilisation", _ ("Largest utilisation"), 1, "", "");
  if (g != NULL)
    ps_summary_add_values (rows, "governing_configuration", _ ("Governing configuration"),
                           PS_SUMMARY_NUMBER, "", governing_text (g),
                           ps_summary_get_number (g, "utilisation"));
  if (l != NULL)
    {
      g_autofree char *c = configuration_text (l, TRUE);

      ps_summary_add_values (
          rows, "lightest_passing", _ ("Lightest passing"), PS_SUMMARY_NUMBER, "kg/m",
          g_strdup_printf ("%.6g kg/m — %s", ps_summary_get_number (l, "mass_per_metre"), c),
          ps_summary_get_number (l, "mass_per_metre"));
      ps_summary_add_screen_number (rows, l, "mass_per_metre", _ ("Lightest mass"), 1, "kg/m",
                                    "kg/m");
    }
  else
    ps_summary_add (rows, "lightest_passing", _ ("Lightest passing"), PS_SUMMARY_TEXT, "",
                    g_strdup (_ ("none passes")));
  add_groups_row (s, rows, _ ("Load–span table"));
  add_notes (s, rows, _ ("Note"));
}

static void
design_report_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *l = ps_summary_get_object (s, "lightest_passing");
  JsonObject *g = ps_summary_get_object (s, "governing_configuration");
  g_autofree char *failing = failing_text (s);

  add_report_number (rows, s, "configurations", _ ("Configurations"), PS_SUMMARY_COUNT, "");
  ps_summary_add (rows, "code_check", _ ("Design codes"), PS_SUMMARY_TEXT, "", codes_text (s));
  add_report_number (rows, s, "passing", _ ("Passing every check"), PS_SUMMARY_COUNT, "");
  ps_summary_add_values (rows, "failing", _ ("Failing"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT "%s%s",
                                          ps_summary_get_count (s, "failing"), *failing ? ": " : "",
                                          failing),
                         (double)ps_summary_get_count (s, "failing"));
  add_report_number (rows, s, "refused", _ ("Refused (the code check does not cover them)"),
                     PS_SUMMARY_COUNT, "");
  add_report_number (rows, s, "max_moment", _ ("Largest design moment M_Ed"), PS_SUMMARY_NUMBER,
                     "N·m");
  add_report_number (rows, s, "max_shear", _ ("Largest design shear V_Ed"), PS_SUMMARY_NUMBER, "N");
  add_report_number (rows, s, "max_deflection", _ ("Largest deflection"), PS_SUMMARY_NUMBER, "m");
  add_report_number (rows, s, "max_utilisation", _ ("Largest utilisation"), PS_SUMMARY_NUMBER, "");
  if (g != NULL)
    ps_summary_add_values (rows, "governing_configuration",
                           _ ("Governing configuration (largest utilisation)"), PS_SUMMARY_NUMBER,
                           "", governing_text (g), ps_summary_get_number (g, "utilisation"));
  if (l != NULL)
    {
      g_autofree char *c = configuration_text (l, TRUE);
      g_autofree char *mass
          = ps_report_format_number (ps_summary_get_number (l, "mass_per_metre"), "");

      ps_summary_add_values (rows, "lightest_passing", _ ("Lightest passing configuration"),
                             PS_SUMMARY_NUMBER, "kg/m",
                             g_strdup_printf (_ ("%s kg/m — %s"), mass, c),
                             ps_summary_get_number (l, "mass_per_metre"));
    }
  add_groups_row (s, rows, _ ("Load–span table"));
  add_notes (s, rows, _ ("Note"));
}

void
ps_beam_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  gboolean design = is_design (summary);

  switch (view)
    {
    case PS_SUMMARY_TERMINAL:
      if (design)
        design_terminal_rows (summary, rows);
      else
        {
          terminal_rows (summary, rows);
          ps_summary_add (rows, "code_check", C_ ("summary", "code check"), PS_SUMMARY_TEXT, "",
                          g_strdup (no_code_check_text ()));
        }
      break;
    case PS_SUMMARY_SCREEN:
      if (design)
        design_screen_rows (summary, rows);
      else
        {
          screen_rows (summary, rows);
          ps_summary_add (rows, "code_check", _ ("Code check"), PS_SUMMARY_TEXT, "",
                          g_strdup (no_code_check_text ()));
        }
      break;
    case PS_SUMMARY_REPORT:
      if (design)
        design_report_rows (summary, rows);
      else
        {
          ps_summary_add (rows, "code_check", _ ("Design code check"), PS_SUMMARY_TEXT, "",
                          g_strdup (no_code_check_text ()));
          report_rows (summary, rows);
        }
      break;
    }
}
