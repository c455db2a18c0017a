#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ps-result-columns.h"

/* The SI unit a column name ends with, and the unit shown for it. Longest first:
 * "_N_per_m" before "_m". */
static const struct
{
  const char *suffix;
  const char *unit;
  double scale;
} units[] = {
  { "_kg_per_m", "kg/m", 1.0 }, { "_N_per_m", "kN/m", 1e-3 }, { "_N_m", "kN·m", 1e-3 },
  { "_Nm", "kN·m", 1e-3 },      { "_Pa", "MPa", 1e-6 },       { "_m2", "cm²", 1e4 },
  { "_m3", "cm³", 1e6 },        { "_m4", "cm⁴", 1e8 },        { "_N", "kN", 1e-3 },
  { "_m", "mm", 1e3 },
};

/* Lengths read in metres rather than millimetres: the span and positions along it. */
static const char *const metre_lengths[]
    = { "span", "position", "x_deflection", "x_moment", "x_shear", NULL };
/* Stiffnesses read in GPa. */
static const char *const gpa[] = { "E", "E_se", NULL };

static const struct
{
  const char *name;
  const char *label;
  PsColumnStyle style;
} labels[] = {
  { "item", N_ ("Item"), PS_COLUMN_TEXT },
  { "material", N_ ("Material"), PS_COLUMN_TEXT },
  { "section", N_ ("Section"), PS_COLUMN_TEXT },
  { "b", N_ ("Width b"), PS_COLUMN_NUMBER },
  { "h", N_ ("Depth h"), PS_COLUMN_NUMBER },
  { "d", N_ ("Diameter d"), PS_COLUMN_NUMBER },
  { "D_outer", N_ ("Outer diameter D"), PS_COLUMN_NUMBER },
  { "t", N_ ("Wall t"), PS_COLUMN_NUMBER },
  { "A", N_ ("Area A"), PS_COLUMN_NUMBER },
  { "I", N_ ("Second moment I"), PS_COLUMN_NUMBER },
  { "W", N_ ("Section modulus W"), PS_COLUMN_NUMBER },
  { "span", N_ ("Span L"), PS_COLUMN_NUMBER },
  { "load", N_ ("Load"), PS_COLUMN_NUMBER },
  { "position", N_ ("Load position a"), PS_COLUMN_NUMBER },
  { "mass", N_ ("Mass"), PS_COLUMN_NUMBER },
  { "deflection", N_ ("Deflection"), PS_COLUMN_NUMBER },
  { "deflection_variable", N_ ("Deflection (variable loads)"), PS_COLUMN_NUMBER },
  { "x_deflection", N_ ("Deflection at x"), PS_COLUMN_NUMBER },
  { "moment", N_ ("Moment"), PS_COLUMN_NUMBER },
  { "x_moment", N_ ("Moment at x"), PS_COLUMN_NUMBER },
  { "shear", N_ ("Shear"), PS_COLUMN_NUMBER },
  { "x_shear", N_ ("Shear at x"), PS_COLUMN_NUMBER },
  { "stress", N_ ("Stress"), PS_COLUMN_NUMBER },
  { "utilisation", N_ ("Utilisation"), PS_COLUMN_NUMBER },
  { "span_deflection_ratio", N_ ("Span / deflection"), PS_COLUMN_NUMBER },
  { "pass_deflection", N_ ("Deflection check"), PS_COLUMN_CHECK },
  { "pass_strength", N_ ("Strength check"), PS_COLUMN_CHECK },
  { "pass", N_ ("Result"), PS_COLUMN_CHECK },
  { "error", N_ ("Reason"), PS_COLUMN_TEXT },
  { "M_Ed", N_ ("Design moment M_Ed"), PS_COLUMN_NUMBER },
  { "M_Ed_hogging", N_ ("Hogging moment M_Ed"), PS_COLUMN_NUMBER },
  { "V_Ed", N_ ("Design shear V_Ed"), PS_COLUMN_NUMBER },
  { "M_Rd", N_ ("Moment resistance M_Rd"), PS_COLUMN_NUMBER },
  { "V_Rd", N_ ("Shear resistance V_Rd"), PS_COLUMN_NUMBER },
  { "M_cr", N_ ("Critical moment M_cr"), PS_COLUMN_NUMBER },
  { "lambda_LT", N_ ("Slenderness λ_LT"), PS_COLUMN_NUMBER },
  { "chi_LT", N_ ("Reduction χ_LT"), PS_COLUMN_NUMBER },
  { "Mb_Rd", N_ ("Buckling resistance M_b,Rd"), PS_COLUMN_NUMBER },
  { "u_bending", N_ ("Utilisation, bending"), PS_COLUMN_NUMBER },
  { "u_shear", N_ ("Utilisation, shear"), PS_COLUMN_NUMBER },
  { "u_interaction", N_ ("Utilisation, interaction"), PS_COLUMN_NUMBER },
  { "u_ltb", N_ ("Utilisation, lateral-torsional buckling"), PS_COLUMN_NUMBER },
  { "u_tension", N_ ("Utilisation, tension"), PS_COLUMN_NUMBER },
  { "u_deflection", N_ ("Utilisation, deflection"), PS_COLUMN_NUMBER },
  { "u_deflection_variable", N_ ("Utilisation, deflection (variable)"), PS_COLUMN_NUMBER },
  { "u_span_depth", N_ ("Utilisation, span/depth"), PS_COLUMN_NUMBER },
  { "u_reinforcement", N_ ("Utilisation, reinforcement"), PS_COLUMN_NUMBER },
  { "u_max", N_ ("Utilisation, largest"), PS_COLUMN_NUMBER },
  { "governing_check", N_ ("Governing check"), PS_COLUMN_TEXT },
  { "governing_combination", N_ ("Governing combination"), PS_COLUMN_TEXT },
  { "refusal", N_ ("Refused because"), PS_COLUMN_TEXT },
  { "specimen", N_ ("Specimen"), PS_COLUMN_TEXT },
  { "points", N_ ("Points"), PS_COLUMN_NUMBER },
  { "window_points", N_ ("Points in the fit window"), PS_COLUMN_NUMBER },
  { "E", N_ ("Young's modulus E"), PS_COLUMN_NUMBER },
  { "E_se", N_ ("Standard error of E"), PS_COLUMN_NUMBER },
  { "sigma0", N_ ("Intercept σ₀"), PS_COLUMN_NUMBER },
  { "sigma0_se", N_ ("Standard error of σ₀"), PS_COLUMN_NUMBER },
  { "r2", N_ ("R²"), PS_COLUMN_NUMBER },
  { "window_strain_from", N_ ("Fit window from (strain)"), PS_COLUMN_NUMBER },
  { "window_strain_to", N_ ("Fit window to (strain)"), PS_COLUMN_NUMBER },
  { "yield", N_ ("Yield strength R_p"), PS_COLUMN_NUMBER },
  { "yield_strain", N_ ("Strain at yield"), PS_COLUMN_NUMBER },
  { "ultimate", N_ ("Tensile strength R_m"), PS_COLUMN_NUMBER },
  { "ultimate_strain", N_ ("Strain at R_m"), PS_COLUMN_NUMBER },
  { "break_strain", N_ ("Strain at break"), PS_COLUMN_NUMBER },
  { "error_reason", N_ ("Failure"), PS_COLUMN_TEXT },
  { "samples", N_ ("Samples"), PS_COLUMN_NUMBER },
  { "failures", N_ ("Failures"), PS_COLUMN_NUMBER },
  { "nan_samples", N_ ("Samples without a value"), PS_COLUMN_NUMBER },
  { "non_finite_samples", N_ ("Non-finite samples"), PS_COLUMN_NUMBER },
  { "pf", N_ ("Failure probability P_f"), PS_COLUMN_NUMBER },
  { "pf_low95", N_ ("P_f, lower 95 % bound"), PS_COLUMN_NUMBER },
  { "pf_high95", N_ ("P_f, upper 95 % bound"), PS_COLUMN_NUMBER },
  { "cov", N_ ("Coefficient of variation"), PS_COLUMN_NUMBER },
  { "beta", N_ ("Reliability index β"), PS_COLUMN_NUMBER },
};

static gboolean
in_list (const char *const *list, const char *name)
{
  return g_strv_contains (list, name);
}

PsColumnDisplay *
ps_column_display_new (const char *name)
{
  PsColumnDisplay *d = g_new0 (PsColumnDisplay, 1);
  g_autofree char *base = g_strdup (name);
  gsize len = strlen (name);
  guint load_index;
  char tail;

  d->scale = 1.0;
  d->unit = g_strdup ("");
  d->style = PS_COLUMN_NUMBER;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gsize ls = strlen (units[i].suffix);

      if (len > ls && g_str_has_suffix (name, units[i].suffix))
        {
          base[len - ls] = '\0';
          g_free (d->unit);
          d->unit = g_strdup (units[i].unit);
          d->scale = units[i].scale;
          break;
        }
    }
  if (g_str_equal (d->unit, "mm") && in_list (metre_lengths, base))
    {
      g_free (d->unit);
      d->unit = g_strdup ("m");
      d->scale = 1.0;
    }
  if (g_str_equal (d->unit, "MPa") && in_list (gpa, base))
    {
      g_free (d->unit);
      d->unit = g_strdup ("GPa");
      d->scale = 1e-9;
    }
  /* A design study's loads: "loads[0].value" is the first load of beam.loads. */
  if (sscanf (base, "loads[%u].valu%c", &load_index, &tail) == 2 && tail == 'e')
    {
      d->label = g_strdup_printf (_ ("Load %u"), load_index + 1);
      return d;
    }
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, base))
      {
        d->label = g_strdup (_ (labels[i].label));
        d->style = labels[i].style;
        return d;
      }
  d->label = g_strdup (name);
  g_free (d->unit);
  d->unit = g_strdup ("");
  d->scale = 1.0;
  return d;
}

void
ps_column_display_free (PsColumnDisplay *d)
{
  if (d == NULL)
    return;
  g_free (d->label);
  g_free (d->unit);
  g_free (d);
}

char *
ps_column_display_title (const PsColumnDisplay *d)
{
  if (*d->unit == '\0')
    return g_strdup (d->label);
  /* TRANSLATORS: a table column's title: the quantity and its unit, "Deflection (mm)". */
  return g_strdup_printf (_ ("%s (%s)"), d->label, d->unit);
}

char *
ps_column_display_format (const PsColumnDisplay *d, const char *field)
{
  char *end;
  double v;

  if (field == NULL || *field == '\0')
    return g_strdup ("");
  if (d->style == PS_COLUMN_TEXT)
    return g_strdup (field);
  if (d->style == PS_COLUMN_CHECK)
    {
      if (g_str_equal (field, "1") || g_ascii_strcasecmp (field, "true") == 0)
        /* TRANSLATORS: a configuration that passes its checks, in the Table. */
        return g_strdup (_ ("✔ pass"));
      if (g_str_equal (field, "0") || g_ascii_strcasecmp (field, "false") == 0)
        /* TRANSLATORS: a configuration that fails a check, in the Table. */
        return g_strdup (_ ("✘ fail"));
      return g_strdup (field);
    }
  v = g_ascii_strtod (field, &end);
  if (*end != '\0')
    return g_strdup (field);
  v *= d->scale;
  /* Printed in the locale (its decimal separator and digit grouping): whole numbers
   * up to 10⁹ in full, others to four significant digits. */
  if (fabs (v) < 1e9 && fabs (v) >= 1e4)
    return g_strdup_printf ("%'.0f", v);
  if (v == floor (v) && fabs (v) < 1e4)
    return g_strdup_printf ("%.0f", v);
  return g_strdup_printf ("%.4g", v);
}
