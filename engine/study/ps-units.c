#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ps-units.h"

typedef struct
{
  const char *name;
  const char *example;
  const char *si;
  PsDim dim;
} QuantityInfo;

static const QuantityInfo quantities[PS_QTY_N_QUANTITIES] = {
  [PS_QTY_DIMENSIONLESS] = { N_ ("a dimensionless number"), "0.5", "", { 0, 0, 0 } },
  [PS_QTY_LENGTH] = { N_ ("a length"), "\"250 mm\"", "m", { 0, 1, 0 } },
  [PS_QTY_FORCE] = { N_ ("a force"), "\"50 kN\"", "N", { 1, 1, -2 } },
  [PS_QTY_FORCE_PER_LENGTH] = { N_ ("a force per length"), "\"5 kN/m\"", "N/m", { 1, 0, -2 } },
  [PS_QTY_STRESS] = { N_ ("a stress"), "\"355 MPa\"", "Pa", { 1, -1, -2 } },
  [PS_QTY_DENSITY] = { N_ ("a density"), "\"7850 kg/m^3\"", "kg/m^3", { 1, -3, 0 } },
  [PS_QTY_TIME] = { N_ ("a time"), "\"10 min\"", "s", { 0, 0, 1 } },
  [PS_QTY_AREA] = { N_ ("an area"), "\"53.8 cm^2\"", "m^2", { 0, 2, 0 } },
  [PS_QTY_SECOND_MOMENT] = { N_ ("a second moment of area"), "\"8356 cm^4\"", "m^4", { 0, 4, 0 } },
  [PS_QTY_SECTION_MODULUS] = { N_ ("a section modulus"), "\"557 cm^3\"", "m^3", { 0, 3, 0 } },
  [PS_QTY_MOMENT] = { N_ ("a moment"), "\"120 kN*m\"", "N*m", { 1, 2, -2 } },
  [PS_QTY_MASS_PER_LENGTH] = { N_ ("a mass per length"), "\"42.2 kg/m\"", "kg/m", { 1, -1, 0 } },
};

const char *
ps_quantity_name (PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, "");
  return _ (quantities[quantity].name);
}

const char *
ps_quantity_example (PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, "");
  return quantities[quantity].example;
}

const char *
ps_quantity_si_unit (PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, "");
  return quantities[quantity].si;
}

PsDim
ps_quantity_dim (PsQuantity quantity)
{
  g_return_val_if_fail (quantity < PS_QTY_N_QUANTITIES, quantities[0].dim);
  return quantities[quantity].dim;
}

typedef struct
{
  const char *name;
  double scale;
  PsDim dim;
  gboolean prefixable;
} BaseUnit;

/* Imperial factors are exact by definition (NIST SP 811, appendix B). */
static const BaseUnit base_units[] = {
  { "m", 1.0, { 0, 1, 0 }, TRUE },
  { "g", 1e-3, { 1, 0, 0 }, TRUE },
  { "t", 1e3, { 1, 0, 0 }, FALSE },
  { "s", 1.0, { 0, 0, 1 }, TRUE },
  { "min", 60.0, { 0, 0, 1 }, FALSE },
  { "h", 3600.0, { 0, 0, 1 }, FALSE },
  { "N", 1.0, { 1, 1, -2 }, TRUE },
  { "Pa", 1.0, { 1, -1, -2 }, TRUE },
  { "bar", 1e5, { 1, -1, -2 }, FALSE },
  { "in", 0.0254, { 0, 1, 0 }, FALSE },
  { "ft", 0.3048, { 0, 1, 0 }, FALSE },
  { "lbf", 4.4482216152605, { 1, 1, -2 }, FALSE },
  { "kip", 4448.2216152605, { 1, 1, -2 }, FALSE },
  { "psi", 6894.757293168361, { 1, -1, -2 }, FALSE },
  { "ksi", 6894757.293168361, { 1, -1, -2 }, FALSE },
};

typedef struct
{
  const char *name;
  double scale;
} Prefix;

static const Prefix prefixes[] = {
  { "G", 1e9 },  { "M", 1e6 },  { "k", 1e3 },  { "c", 1e-2 },
  { "m", 1e-3 }, { "µ", 1e-6 }, { "u", 1e-6 }, { "n", 1e-9 },
};

static const BaseUnit *
find_base (const char *name, gsize len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (base_units); i++)
    if (strlen (base_units[i].name) == len && strncmp (base_units[i].name, name, len) == 0)
      return &base_units[i];
  return NULL;
}

/* Looks up one unit symbol without exponent: a base unit, or a prefix and a
 * prefixable base unit. The whole symbol is tried first so that "min" is minutes and
 * "mm" is millimetres. */
static gboolean
lookup_symbol (const char *name, gsize len, double *scale, PsDim *dim)
{
  const BaseUnit *base = find_base (name, len);

  if (base != NULL)
    {
      *scale = base->scale;
      *dim = base->dim;
      return TRUE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize plen = strlen (prefixes[i].name);

      if (len > plen && strncmp (name, prefixes[i].name, plen) == 0)
        {
          base = find_base (name + plen, len - plen);
          if (base != NULL && base->prefixable)
            {
              *scale = prefixes[i].scale * base->scale;
              *dim = base->dim;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
is_symbol_char (const char *p)
{
  if (g_ascii_isalpha (*p))
    return TRUE;
  /* µ (U+00B5) and μ (U+03BC) as micro. */
  return ((guchar)p[0] == 0xC2 && (guchar)p[1] == 0xB5)
         || ((guchar)p[0] == 0xCE && (guchar)p[1] == 0xBC);
}

gboolean
ps_unit_parse (const char *unit, double *scale, PsDim *dim, char **error_message)
{
  const char *p = unit;
  double total = 1.0;
  PsDim d = { 0, 0, 0 };
  int sign = 1;
  gboolean expect_symbol = TRUE;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    {
      *error_message = g_strdup (_ ("no unit"));
      return FALSE;
    }

  while (*p != '\0')
    {
      if (expect_symbol)
        {
          const char *start = p;
          char symbol[16];
          gsize len = 0;
          double s;
          PsDim sd;
          int power = 1;

          while (*p != '\0' && is_symbol_char (p))
            {
              gsize n = g_ascii_isalpha (*p) ? 1 : 2;

              if (len + n >= sizeof symbol)
                break;
              /* Normalise both micro signs to "µ". */
              if (n == 2)
                {
                  symbol[len++] = (char)0xC2;
                  symbol[len++] = (char)0xB5;
                }
              else
                symbol[len++] = *p;
              p += n;
            }
          symbol[len] = '\0';
          if (len == 0 || !lookup_symbol (symbol, len, &s, &sd))
            {
              if (len == 0)
                *error_message = g_strdup_printf (_ ("\"%s\" is not a unit"), unit);
              else
                *error_message
                    = g_strdup_printf (_ ("unknown unit \"%.*s\""), (int)(p - start), start);
              return FALSE;
            }
          if (*p == '^')
            {
              char *end;
              long v;

              p++;
              v = strtol (p, &end, 10);
              if (end == p || v < -9 || v > 9)
                {
                  *error_message = g_strdup_printf (_ ("bad exponent in unit \"%s\""), unit);
                  return FALSE;
                }
              power = (int)v;
              p = end;
            }
          else if ((guchar)p[0] == 0xC2 && ((guchar)p[1] == 0xB2 || (guchar)p[1] == 0xB3))
            {
              power = (guchar)p[1] == 0xB2 ? 2 : 3;
              p += 2;
            }
          else if ((guchar)p[0] == 0xE2 && (guchar)p[1] == 0x81 && (guchar)p[2] == 0xB4)
            {
              power = 4;
              p += 3;
            }
          total *= pow (s, sign * power);
          d.kg += sign * power * sd.kg;
          d.m += sign * power * sd.m;
          d.s += sign * power * sd.s;
          expect_symbol = FALSE;
        }
      else
        {
          if (*p == '/')
            sign = -1;
          else if (*p == '*' || *p == '.')
            sign = 1;
          else if ((guchar)p[0] == 0xC2 && (guchar)p[1] == 0xB7) /* middle dot */
            {
              sign = 1;
              p++;
            }
          else if (*p == ' ')
            {
              while (p[1] == ' ')
                p++;
              if (p[1] == '\0')
                {
                  p++;
                  break;
                }
              if (p[1] == '/' || p[1] == '*')
                {
                  p++;
                  continue;
                }
              sign = 1;
            }
          else
            {
              /* Quote the whole character, which may take several bytes. */
              const char *next = g_utf8_find_next_char (p, NULL);
              int len = next != NULL ? (int)(next - p) : 1;

              if (!g_utf8_validate (p, len, NULL))
                *error_message = g_strdup_printf (_ ("unexpected byte 0x%02x in unit"), (guchar)*p);
              else
                *error_message
                    = g_strdup_printf (_ ("unexpected \"%.*s\" in unit \"%s\""), len, p, unit);
              return FALSE;
            }
          p++;
          while (*p == ' ')
            p++;
          expect_symbol = TRUE;
        }
    }
  if (expect_symbol)
    {
      *error_message = g_strdup_printf (_ ("unit \"%s\" ends with an operator"), unit);
      return FALSE;
    }
  *scale = total;
  *dim = d;
  return TRUE;
}

static gboolean
dim_equal (PsDim a, PsDim b)
{
  return a.kg == b.kg && a.m == b.m && a.s == b.s;
}

static char *
describe_dim (PsDim d)
{
  for (guint q = 0; q < PS_QTY_N_QUANTITIES; q++)
    if (dim_equal (quantities[q].dim, d))
      return g_strdup (_ (quantities[q].name));
  return g_strdup_printf (_ ("a quantity in kg^%d m^%d s^%d"), d.kg, d.m, d.s);
}

gboolean
ps_units_parse_quantity (const char *text, PsQuantity quantity, double *value_si,
                         char **error_message)
{
  const char *p = text;
  char *end;
  double value, scale = 1.0;
  PsDim dim = { 0, 0, 0 };
  PsDim want = ps_quantity_dim (quantity);

  while (g_ascii_isspace (*p))
    p++;
  value = g_ascii_strtod (p, &end);
  if (end == p)
    {
      *error_message
          = g_strdup_printf (_ ("expected %s such as %s, got \"%s\""), ps_quantity_name (quantity),
                             ps_quantity_example (quantity), text);
      return FALSE;
    }
  if (!isfinite (value))
    {
      *error_message = g_strdup_printf (_ ("must be a finite number (got \"%s\")"), text);
      return FALSE;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end == '\0')
    {
      if (quantity != PS_QTY_DIMENSIONLESS)
        {
          *error_message
              = g_strdup_printf (_ ("\"%s\" has no unit: expected %s such as %s "
                                    "(a plain number is read as SI)"),
                                 text, ps_quantity_name (quantity), ps_quantity_example (quantity));
          return FALSE;
        }
    }
  else
    {
      char *msg = NULL;
      g_autofree char *unit = g_strchomp (g_strdup (end));

      if (!ps_unit_parse (unit, &scale, &dim, &msg))
        {
          *error_message
              = g_strdup_printf (_ ("%s in \"%s\" (expected %s such as %s)"), msg, text,
                                 ps_quantity_name (quantity), ps_quantity_example (quantity));
          g_free (msg);
          return FALSE;
        }
    }
  if (!dim_equal (dim, want))
    {
      g_autofree char *got = describe_dim (dim);

      *error_message = g_strdup_printf (_ ("expected %s such as %s, got \"%s\" (%s)"),
                                        ps_quantity_name (quantity), ps_quantity_example (quantity),
                                        text, got);
      return FALSE;
    }
  *value_si = value * scale;
  if (!isfinite (*value_si))
    {
      *error_message = g_strdup_printf (_ ("\"%s\" is out of range"), text);
      return FALSE;
    }
  return TRUE;
}

char *
ps_dim_describe (PsDim d)
{
  return describe_dim (d);
}

static void
append_power (GString *s, const char *symbol, int power)
{
  if (power == 0)
    return;
  if (s->len > 0)
    g_string_append (s, "·");
  g_string_append (s, symbol);
  if (power != 1)
    g_string_append_printf (s, "^%d", power);
}

char *
ps_dim_si_unit (PsDim d)
{
  GString *s;

  if (d.kg == 0 && d.m == 0 && d.s == 0)
    return g_strdup ("1");
  for (guint q = 1; q < PS_QTY_N_QUANTITIES; q++)
    if (dim_equal (quantities[q].dim, d))
      {
        g_auto (GStrv) parts = g_strsplit (quantities[q].si, "*", -1);

        return g_strjoinv ("·", parts);
      }
  s = g_string_new (NULL);
  /* Forces read better in newtons: kg·m·s^-2 is N. */
  if (d.kg != 0 && d.s == -2 * d.kg)
    {
      append_power (s, "N", d.kg);
      append_power (s, "m", d.m - d.kg);
    }
  else
    {
      append_power (s, "kg", d.kg);
      append_power (s, "m", d.m);
      append_power (s, "s", d.s);
    }
  return g_string_free (s, FALSE);
}

gboolean
ps_units_parse_any (const char *text, double *value_si, PsDim *dim, char **error_message)
{
  const char *p = text;
  char *end;
  double value, scale = 1.0;
  PsDim d = { 0, 0, 0 };

  while (g_ascii_isspace (*p))
    p++;
  value = g_ascii_strtod (p, &end);
  if (end == p || !isfinite (value))
    {
      *error_message = g_strdup_printf (_ ("expected a finite number with a unit such as "
                                           "\"300 MPa\", got \"%s\""),
                                        text);
      return FALSE;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    {
      char *msg = NULL;
      g_autofree char *unit = g_strchomp (g_strdup (end));

      if (!ps_unit_parse (unit, &scale, &d, &msg))
        {
          *error_message = g_strdup_printf (_ ("%s in \"%s\""), msg, text);
          g_free (msg);
          return FALSE;
        }
    }
  *value_si = value * scale;
  *dim = d;
  if (!isfinite (*value_si))
    {
      *error_message = g_strdup_printf (_ ("\"%s\" is out of range"), text);
      return FALSE;
    }
  return TRUE;
}
