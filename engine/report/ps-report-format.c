/* ps-report-format.c: numbers in the units engineers write, for the report.
 *
 * Numbers are formatted in the C locale and their decimal point replaced by the
 * locale's own, so that "1.5 kN" reads "1,5 kN" in pt_BR and es whatever printf's
 * rounding; machine-readable text (the appendix, XLSX cells) never comes here.
 */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/ps-plot.h"
#include "report/ps-report-private.h"

/* The unit of each quantity in the report: what European structural engineers write
 * in calculations (EN 1990-1993 practice: kN, kN/m, kN·m, MPa, section properties
 * in mm², cm⁴ and cm³ as the section tables give them). */
static const char *const quantity_units[PS_QTY_N_QUANTITIES] = {
  [PS_QTY_DIMENSIONLESS] = "",
  [PS_QTY_LENGTH] = "m",
  [PS_QTY_FORCE] = "kN",
  [PS_QTY_FORCE_PER_LENGTH] = "kN/m",
  [PS_QTY_STRESS] = "MPa",
  [PS_QTY_DENSITY] = "kg/m^3",
  [PS_QTY_TIME] = "s",
  [PS_QTY_AREA] = "mm^2",
  [PS_QTY_SECOND_MOMENT] = "cm^4",
  [PS_QTY_SECTION_MODULUS] = "cm^3",
  [PS_QTY_MOMENT] = "kN*m",
  [PS_QTY_MASS_PER_LENGTH] = "kg/m",
};

const char *
ps_report_quantity_unit (PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, "");
  return quantity_units[quantity];
}

/* Replaces the '.' of C-locale @text by the locale's decimal separator. */
static char *
localise_decimal (char *text)
{
  const char *dp = localeconv ()->decimal_point;
  char *dot = strchr (text, '.');
  char *out;

  if (dot == NULL || dp == NULL || g_str_equal (dp, "."))
    return text;
  *dot = '\0';
  out = g_strconcat (text, dp, dot + 1, NULL);
  g_free (text);
  return out;
}

char *
ps_report_format_decimal (double v, int digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  double a = fabs (v);
  char *text;

  if (!isfinite (v))
    return g_strdup ("—");
  if (a == 0.0)
    return g_strdup ("0");
  digits = CLAMP (digits, 1, 17);
  if (a < 1e-4 || a >= 1e12)
    {
      /* As engineers write a small probability: 7.853 × 10⁻⁵, not 7.853e-05. */
      static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
      char *e;
      GString *t;
      int exp10;

      g_snprintf (fmt, sizeof fmt, "%%.%de", digits - 1);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      e = strchr (buf, 'e');
      if (e == NULL)
        return localise_decimal (g_strdup (buf));
      exp10 = atoi (e + 1);
      *e = '\0';
      if (strchr (buf, '.') != NULL)
        {
          gsize n = strlen (buf);

          while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
          if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
        }
      t = g_string_new (buf);
      g_string_append (t, " × 10");
      if (exp10 < 0)
        g_string_append (t, "⁻");
      {
        char digits_text[16];

        g_snprintf (digits_text, sizeof digits_text, "%d", ABS (exp10));
        for (const char *d = digits_text; *d != '\0'; d++)
          g_string_append (t, sup[*d - '0']);
      }
      return localise_decimal (g_string_free (t, FALSE));
    }
  else
    {
      int e = (int)floor (log10 (a));
      int decimals = CLAMP (digits - 1 - e, 0, 15);

      g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
      text = g_strdup (g_ascii_formatd (buf, sizeof buf, fmt, v));
      if (strchr (text, '.') != NULL)
        {
          gsize n = strlen (text);

          while (n > 0 && text[n - 1] == '0')
            text[--n] = '\0';
          if (n > 0 && text[n - 1] == '.')
            text[--n] = '\0';
        }
      if (g_str_equal (text, "-0"))
        {
          g_free (text);
          return g_strdup ("0");
        }
    }
  return localise_decimal (text);
}

char *
ps_report_unit_label (const char *unit)
{
  GString *s;

  if (unit == NULL)
    return g_strdup ("");
  s = g_string_new (NULL);
  for (const char *p = unit; *p != '\0'; p++)
    {
      if (*p == '^' && p[1] >= '0' && p[1] <= '9')
        {
          static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

          g_string_append (s, sup[p[1] - '0']);
          p++;
        }
      else if (*p == '^' && p[1] == '-' && p[2] >= '0' && p[2] <= '9')
        {
          static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

          g_string_append (s, "⁻");
          g_string_append (s, sup[p[2] - '0']);
          p += 2;
        }
      else if (*p == '*' || (*p == ' ' && p[1] != '\0' && p != unit))
        g_string_append (s, "·");
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* The factor from SI to @unit (value_in_unit = value_si / scale). */
static double
unit_scale (const char *unit)
{
  double scale = 1.0;
  PsDim dim;
  g_autofree char *message = NULL;

  if (unit == NULL || *unit == '\0')
    return 1.0;
  if (g_str_equal (unit, "%"))
    return 0.01;
  if (!ps_unit_parse (unit, &scale, &dim, &message))
    {
      g_critical ("report: %s: %s", unit, message);
      return 1.0;
    }
  return scale;
}

/* Significant digits: four, as engineers quote results, or the whole number. */
static char *
format_scaled (double v)
{
  return ps_report_format_decimal (v, 4);
}

char *
ps_report_format_value (double value_si, const char *unit)
{
  if (!isfinite (value_si))
    return g_strdup ("—");
  return format_scaled (value_si / unit_scale (unit));
}

char *
ps_report_format_in (double value_si, const char *unit)
{
  g_autofree char *num = NULL;
  g_autofree char *label = NULL;

  if (!isfinite (value_si))
    return g_strdup ("—");
  num = ps_report_format_value (value_si, unit);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&num);
  label = ps_report_unit_label (unit);
  if (g_str_equal (unit, "%"))
    return g_strconcat (num, " %", NULL);
  return g_strconcat (num, " ", label, NULL);
}

char *
ps_report_format_quantity (double value_si, PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, g_strdup ("—"));
  return ps_report_format_in (value_si, quantity_units[quantity]);
}

char *
ps_report_format_as_written (double value_si, const char *as_written)
{
  const char *p = as_written;
  char *end;

  if (p == NULL)
    return ps_report_format_decimal (value_si, 6);
  while (g_ascii_isspace (*p))
    p++;
  g_ascii_strtod (p, &end);
  if (end == p)
    return ps_report_format_decimal (value_si, 6);
  while (g_ascii_isspace (*end))
    end++;
  if (*end == '\0')
    return ps_report_format_decimal (value_si, 6);
  {
    g_autofree char *unit = g_strstrip (g_strdup (end));
    double scale;
    PsDim dim;
    g_autofree char *message = NULL;

    if (!g_str_equal (unit, "%") && !ps_unit_parse (unit, &scale, &dim, &message))
      return ps_report_format_decimal (value_si, 6);
    return ps_report_format_in (value_si, unit);
  }
}

char *
ps_report_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

char *
ps_report_format_number (double v, const char *unit)
{
  const char *prefix = "";
  double f;

  if (!isfinite (v))
    return g_strdup ("—");
  f = ps_si_prefix (fabs (v), unit, &prefix);
  if (unit == NULL || *unit == '\0')
    return g_strdup_printf ("%.6g", v);
  return g_strdup_printf ("%.6g %s%s", v / f, prefix, g_str_equal (unit, "N*m") ? "N·m" : unit);
}
