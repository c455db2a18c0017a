#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-test-utils.h"

/* Unit parsing against the definitions of the units.
 *
 * Sources for the reference values:
 *   [SI]   BIPM, The International System of Units (SI Brochure), 9th ed. 2019:
 *          Table 7 (prefixes), Table 4 (N, Pa), Table 8 (min, h, t).
 *   [NIST] NIST Special Publication 811 (2008), Appendix B.8/B.9 and the 1959
 *          international yard and pound agreement: 1 in = 0.0254 m exactly,
 *          1 lb = 0.45359237 kg exactly, standard gravity 9.80665 m/s^2 exactly (3rd
 *          CGPM 1901), so 1 lbf = 0.45359237 kg * 9.80665 m/s^2 = 4.4482216152605 N and
 *          1 ksi = 1000 lbf/in^2 = 6.894757293168361 MPa.
 * The expected values below are written from those definitions, not from the
 * program's tables.
 */

#define LB_KG 0.45359237
#define G_N 9.80665
#define IN_M 0.0254
#define LBF_N (LB_KG * G_N)

/* Rounding in a product of a few factors: a handful of ulps. */
#define RTOL 1e-14

/* Asserts that the dimensions @got and @want are the same, exponent by exponent. */
#define assert_dim_eq(got, want)                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_cmpint ((got).kg, ==, (want).kg);                                                     \
    g_assert_cmpint ((got).m, ==, (want).m);                                                       \
    g_assert_cmpint ((got).s, ==, (want).s);                                                       \
  }                                                                                                \
  G_STMT_END

typedef struct
{
  const char *text;
  PsQuantity quantity;
  double want; /* SI */
  const char *source;
} QuantityCase;

static const QuantityCase quantity_cases[] = {
  /* Lengths: [SI] prefixes m = 1e-3, c = 1e-2, µ = 1e-6; [NIST] inch. */
  { "250 mm", PS_QTY_LENGTH, 0.25, "SI" },
  { "12 m", PS_QTY_LENGTH, 12.0, "SI" },
  { "2.385 m", PS_QTY_LENGTH, 2.385, "SI" },
  { "  2.385e3 mm  ", PS_QTY_LENGTH, 2.385, "SI" },
  { "738.5mm", PS_QTY_LENGTH, 0.7385, "SI" },
  { "-2.385 cm", PS_QTY_LENGTH, -0.02385, "SI" },
  { "12 µm", PS_QTY_LENGTH, 12e-6, "SI, U+00B5 micro sign" },
  { "12 \xce\xbcm", PS_QTY_LENGTH, 12e-6, "SI, U+03BC Greek mu" },
  { "12 um", PS_QTY_LENGTH, 12e-6, "SI, ASCII u for micro" },
  { "36 in", PS_QTY_LENGTH, 36 * IN_M, "NIST" },
  { "2.5 ft", PS_QTY_LENGTH, 2.5 * 12 * IN_M, "NIST" },
  /* Forces: [SI] N = kg m s^-2; [NIST] lbf, kip = 1000 lbf. */
  { "50 kN", PS_QTY_FORCE, 50e3, "SI" },
  { "83.7 kN", PS_QTY_FORCE, 83700.0, "SI" },
  { "1 lbf", PS_QTY_FORCE, LBF_N, "NIST" },
  { "7.25 kip", PS_QTY_FORCE, 7.25 * 1000 * LBF_N, "NIST" },
  { "0.75 MN", PS_QTY_FORCE, 0.75e6, "SI" },
  { "12 kN*m/m", PS_QTY_FORCE, 12e3, "SI, N m / m = N" },
  /* Force per length. */
  { "5 kN/m", PS_QTY_FORCE_PER_LENGTH, 5e3, "SI" },
  { "5.25 kN / m", PS_QTY_FORCE_PER_LENGTH, 5250.0, "SI" },
  { "3.7 N/mm", PS_QTY_FORCE_PER_LENGTH, 3700.0, "SI" },
  /* Stresses: [SI] Pa = N/m^2, G = 1e9, M = 1e6; [NIST] psi, ksi; bar = 1e5 Pa. */
  { "200 GPa", PS_QTY_STRESS, 200e9, "SI" },
  { "355 MPa", PS_QTY_STRESS, 355e6, "SI" },
  { "355 N/mm^2", PS_QTY_STRESS, 355e6, "SI" },
  { "235 N/mm²", PS_QTY_STRESS, 235e6, "SI, superscript two" },
  { "2.5 ksi", PS_QTY_STRESS, 2.5 * 1000 * LBF_N / (IN_M * IN_M), "NIST" },
  { "36.6 psi", PS_QTY_STRESS, 36.6 * LBF_N / (IN_M * IN_M), "NIST" },
  { "2.385 bar", PS_QTY_STRESS, 2.385e5, "SI Brochure Table 8 note" },
  /* Density: [SI] kg = 1e3 g. */
  { "7850 kg/m^3", PS_QTY_DENSITY, 7850.0, "SI" },
  { "7850 kg/m³", PS_QTY_DENSITY, 7850.0, "SI, superscript three" },
  { "2.7 g/cm^3", PS_QTY_DENSITY, 2700.0, "SI" },
  { "2.385 t/m^3", PS_QTY_DENSITY, 2385.0, "SI Table 8 (t = 1000 kg)" },
  /* Time: [SI] Table 8. */
  { "10 min", PS_QTY_TIME, 600.0, "SI Table 8" },
  { "1.5 h", PS_QTY_TIME, 5400.0, "SI Table 8" },
  { "250 ms", PS_QTY_TIME, 0.25, "SI" },
  /* Area, second moment, section modulus. */
  { "53.81 cm^2", PS_QTY_AREA, 53.81e-4, "SI" },
  { "53.81 cm²", PS_QTY_AREA, 53.81e-4, "SI" },
  { "8356 cm^4", PS_QTY_SECOND_MOMENT, 8356e-8, "SI" },
  { "8356 cm⁴", PS_QTY_SECOND_MOMENT, 8356e-8, "SI, superscript four" },
  { "83.56e6 mm^4", PS_QTY_SECOND_MOMENT, 8356e-8, "SI" },
  { "557.1 cm³", PS_QTY_SECTION_MODULUS, 557.1e-6, "SI" },
  { "557.1 cm^3", PS_QTY_SECTION_MODULUS, 557.1e-6, "SI" },
  /* Moments. */
  { "120 kN*m", PS_QTY_MOMENT, 120e3, "SI" },
  { "120 kN·m", PS_QTY_MOMENT, 120e3, "SI, U+00B7 middle dot" },
  { "120 kN.m", PS_QTY_MOMENT, 120e3, "SI" },
  { "120 kN m", PS_QTY_MOMENT, 120e3, "SI, space as product" },
  { "45.5 kip*ft", PS_QTY_MOMENT, 45.5 * 1000 * LBF_N * 12 * IN_M, "NIST" },
  /* Mass per length and plain numbers. */
  { "42.2 kg/m", PS_QTY_MASS_PER_LENGTH, 42.2, "SI" },
  { "0.385", PS_QTY_DIMENSIONLESS, 0.385, "plain number" },
  { "1.5", PS_QTY_DIMENSIONLESS, 1.5, "plain number" },
};

static void
test_quantities (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (quantity_cases); i++)
    {
      const QuantityCase *c = &quantity_cases[i];
      g_autofree char *msg = NULL;
      g_autofree char *label = g_strdup_printf ("\"%s\" as %s (%s)", c->text,
                                                ps_quantity_name (c->quantity), c->source);
      double v = NAN;
      gboolean ok = ps_units_parse_quantity (c->text, c->quantity, &v, &msg);

      if (!ok)
        g_error ("%s: refused: %s", label, msg);
      g_assert_null (msg);
      assert_close (label, v, c->want, RTOL);
    }
}

/* 1 ksi = 6.894757293168361 MPa to all the digits NIST SP 811 B.8 gives (the factor
 * is exact by definition; the printed value is its first 16 digits). */
static void
test_ksi_nist (void)
{
  g_autofree char *msg = NULL;
  double v = 0;

  g_assert_true (ps_units_parse_quantity ("1 ksi", PS_QTY_STRESS, &v, &msg));
  assert_close ("1 ksi", v, 6.894757293168361e6, 2e-16);
  g_assert_true (ps_units_parse_quantity ("1 psi", PS_QTY_STRESS, &v, &msg));
  assert_close ("1 psi", v, 6.894757293168361e3, 2e-16);
  g_assert_true (ps_units_parse_quantity ("1 lbf", PS_QTY_FORCE, &v, &msg));
  assert_close ("1 lbf", v, 4.4482216152605, 2e-16);
  g_assert_true (ps_units_parse_quantity ("36 in", PS_QTY_LENGTH, &v, &msg));
  assert_close ("36 in", v, 0.9144, 2e-16);
  g_assert_null (msg);
}

typedef struct
{
  const char *text;
  PsQuantity quantity;
  const char *must_contain[3];
} ErrorCase;

/* Every error a user can make in a number with a unit, with the words the message must
 * carry to be useful. */
static const ErrorCase error_cases[] = {
  { "50 kN", PS_QTY_LENGTH, { "length", "force", "50 kN" } },
  { "355 MPa", PS_QTY_FORCE, { "force", "stress", NULL } },
  { "5 kN/m", PS_QTY_FORCE, { "a force such as", "force per length", NULL } },
  { "12 mm mm", PS_QTY_LENGTH, { "length", "area", NULL } },
  { "2 kg*m/s", PS_QTY_FORCE, { "force", "kg^1 m^1 s^-1", NULL } },
  { "12", PS_QTY_LENGTH, { "no unit", "length", NULL } },
  { "  7.5  ", PS_QTY_STRESS, { "no unit", "stress", NULL } },
  { "12 furlongs", PS_QTY_LENGTH, { "unknown unit", "furlongs", NULL } },
  { "12 kin", PS_QTY_LENGTH, { "unknown unit", "kin", NULL } },
  { "12 kmin", PS_QTY_TIME, { "unknown unit", NULL, NULL } },
  { "355 mpa", PS_QTY_STRESS, { "unknown unit", "mpa", NULL } },
  { "nan m", PS_QTY_LENGTH, { "finite", "nan m", NULL } },
  { "inf m", PS_QTY_LENGTH, { "finite", NULL, NULL } },
  { "-inf m", PS_QTY_LENGTH, { "finite", NULL, NULL } },
  { "1e400 m", PS_QTY_LENGTH, { "finite", NULL, NULL } },
  { "1e300 GPa", PS_QTY_STRESS, { "out of range", NULL, NULL } },
  { "abc", PS_QTY_LENGTH, { "length", "abc", NULL } },
  { "", PS_QTY_LENGTH, { "length", NULL, NULL } },
  { "m", PS_QTY_LENGTH, { "length", NULL, NULL } },
  { "5 kN/", PS_QTY_FORCE_PER_LENGTH, { "operator", "5 kN/", NULL } },
  { "5 kN*", PS_QTY_FORCE, { "operator", NULL, NULL } },
  { "5 kN//m", PS_QTY_FORCE_PER_LENGTH, { "not a unit", NULL, NULL } },
  { "5 m^", PS_QTY_AREA, { "exponent", NULL, NULL } },
  { "5 m^12", PS_QTY_AREA, { "exponent", NULL, NULL } },
  { "355 N/mm2", PS_QTY_STRESS, { "unexpected", NULL, NULL } },
  { "12 kN#m", PS_QTY_MOMENT, { "unexpected \"#\"", NULL, NULL } },
};

static void
test_quantity_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autofree char *msg = NULL;
      double v = NAN;
      gboolean ok = ps_units_parse_quantity (c->text, c->quantity, &v, &msg);

      if (ok)
        g_error ("\"%s\" as %s was accepted as %.17g", c->text, ps_quantity_name (c->quantity), v);
      g_assert_nonnull (msg);
      g_test_message ("\"%s\": %s", c->text, msg);
      for (guint k = 0; k < G_N_ELEMENTS (c->must_contain) && c->must_contain[k]; k++)
        if (strstr (msg, c->must_contain[k]) == NULL)
          g_error ("\"%s\": message \"%s\" does not mention \"%s\"", c->text, msg,
                   c->must_contain[k]);
    }
}

/* Messages end up in GErrors, JSON reports and GTK labels, which all require valid
 * UTF-8 (GLib "Character Set Conversion": every string passed to GLib/GTK is UTF-8),
 * also when the user typed a character the parser does not know. */
static void
test_messages_utf8 (void)
{
  static const char *const texts[] = {
    "12 m\u207b\u00b3" /* m⁻³: superscript minus, U+207B */,
    "5 kN\u2013m" /* en dash U+2013 between symbols */,
    "12 m\u00b2\u00b3" /* two superscripts */,
    "12 m\u20ac" /* euro sign after a symbol */,
    "12 \u20ac" /* euro sign alone */,
    "12 \u00b5" /* a prefix without a unit */,
    "2,385 \u00b5m" /* decimal comma */,
  };

  g_autoptr (GString) bad = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *msg = NULL;
      double v;

      g_assert_true (g_utf8_validate (texts[i], -1, NULL));
      g_assert_false (ps_units_parse_quantity (texts[i], PS_QTY_LENGTH, &v, &msg));
      g_assert_nonnull (msg);
      if (!g_utf8_validate (msg, -1, NULL))
        {
          g_autofree char *text = g_strescape (texts[i], NULL);
          g_autofree char *shown = g_strescape (msg, NULL);

          g_string_append_printf (bad, "\n  \"%s\" -> \"%s\"", text, shown);
        }
    }
  /* All the offending inputs are listed; the other tests still run. */
  if (bad->len > 0)
    g_test_fail_printf ("messages that are not valid UTF-8:%s", bad->str);
}

/* ps_units_parse_any: a number with a unit of any dimension (reliability studies). */
static void
test_parse_any (void)
{
  static const struct
  {
    const char *text;
    double want;
    PsDim dim;
  } cases[] = {
    { "300 MPa", 300e6, { 1, -1, -2 } },
    { "2.385 kN/m", 2385.0, { 1, 0, -2 } },
    { "20 mm", 0.02, { 0, 1, 0 } },
    { "0.385", 0.385, { 0, 0, 0 } },
    { "7850 kg/m^3", 7850.0, { 1, -3, 0 } },
    { "2.5 ksi", 2.5 * 1000 * LBF_N / (IN_M * IN_M), { 1, -1, -2 } },
  };
  /* Each refusal must say why: the caller prints the message. */
  static const char *const bad[] = { "abc", "nan MPa", "12 furlongs", "5 kN/", "1e300 GPa" };
  g_autoptr (GString) silent = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *msg = NULL;
      double v = NAN;
      PsDim d = { 9, 9, 9 };

      if (!ps_units_parse_any (cases[i].text, &v, &d, &msg))
        g_error ("\"%s\" refused: %s", cases[i].text, msg);
      assert_close (cases[i].text, v, cases[i].want, RTOL);
      assert_dim_eq (d, cases[i].dim);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *msg = NULL;
      double v;
      PsDim d;

      g_assert_false (ps_units_parse_any (bad[i], &v, &d, &msg));
      if (msg == NULL)
        g_string_append_printf (silent, " \"%s\"", bad[i]);
      g_free (msg);
    }
  if (silent->len > 0)
    g_test_fail_printf ("refused without an error message:%s", silent->str);
}

typedef struct
{
  const char *unit;
  double scale;
  PsDim dim;
  const char *source;
} UnitCase;

static const UnitCase unit_cases[] = {
  { "m", 1.0, { 0, 1, 0 }, "SI" },
  { "mm", 1e-3, { 0, 1, 0 }, "SI" },
  { "µm", 1e-6, { 0, 1, 0 }, "SI" },
  { "km", 1e3, { 0, 1, 0 }, "SI" },
  { "N", 1.0, { 1, 1, -2 }, "SI Table 4" },
  { "kN/m", 1e3, { 1, 0, -2 }, "SI" },
  { "kN / m", 1e3, { 1, 0, -2 }, "SI" },
  { "N/mm²", 1e6, { 1, -1, -2 }, "SI" },
  { "MPa", 1e6, { 1, -1, -2 }, "SI Table 4" },
  { "GPa", 1e9, { 1, -1, -2 }, "SI" },
  { "kg/m^3", 1.0, { 1, -3, 0 }, "SI" },
  { "Mg/m^3", 1e3, { 1, -3, 0 }, "SI" },
  { "cm^4", 1e-8, { 0, 4, 0 }, "SI" },
  { "mm^4", 1e-12, { 0, 4, 0 }, "SI" },
  { "cm³", 1e-6, { 0, 3, 0 }, "SI" },
  { "m^-1", 1.0, { 0, -1, 0 }, "SI" },
  { "kN·m", 1e3, { 1, 2, -2 }, "SI" },
  { "kN*m/m", 1e3, { 1, 1, -2 }, "SI" },
  { "min", 60.0, { 0, 0, 1 }, "SI Table 8" },
  { "h", 3600.0, { 0, 0, 1 }, "SI Table 8" },
  { "ms", 1e-3, { 0, 0, 1 }, "SI" },
  { "t", 1e3, { 1, 0, 0 }, "SI Table 8" },
  { "in", IN_M, { 0, 1, 0 }, "NIST" },
  { "ft", 12 * IN_M, { 0, 1, 0 }, "NIST" },
  { "lbf", LBF_N, { 1, 1, -2 }, "NIST" },
  { "kip/in^2", 1000 * LBF_N / (IN_M * IN_M), { 1, -1, -2 }, "NIST (= ksi)" },
  { "ksi", 1000 * LBF_N / (IN_M * IN_M), { 1, -1, -2 }, "NIST" },
  { "lbf*ft", LBF_N * 12 * IN_M, { 1, 2, -2 }, "NIST" },
  { "kN*m^2/s^2", 1e3, { 1, 3, -4 }, "SI" },
};

static void
test_unit_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_cases); i++)
    {
      const UnitCase *c = &unit_cases[i];
      g_autofree char *msg = NULL;
      g_autofree char *label = g_strdup_printf ("unit \"%s\" (%s)", c->unit, c->source);
      double scale = NAN;
      PsDim dim = { 99, 99, 99 };

      if (!ps_unit_parse (c->unit, &scale, &dim, &msg))
        g_error ("%s: refused: %s", label, msg);
      assert_close (label, scale, c->scale, RTOL);
      if (dim.kg != c->dim.kg || dim.m != c->dim.m || dim.s != c->dim.s)
        g_error ("%s: dimension kg^%d m^%d s^%d, expected kg^%d m^%d s^%d", label, dim.kg, dim.m,
                 dim.s, c->dim.kg, c->dim.m, c->dim.s);
    }
}

static void
test_unit_parse_errors (void)
{
  static const char *const bad[] = {
    "",     "   ",     "5",    "kN/", "kN//m", "kN**m", "m^x",
    "m^10", "furlong", "kmin", "mpa", "N/mm2", "kN#m",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *msg = NULL;
      double scale = 2.385;
      PsDim dim = { 7, 7, 7 };

      if (ps_unit_parse (bad[i], &scale, &dim, &msg))
        g_error ("unit \"%s\" was accepted (scale %g, kg^%d m^%d s^%d)", bad[i], scale, dim.kg,
                 dim.m, dim.s);
      g_assert_nonnull (msg);
      g_assert_cmpuint (strlen (msg), >, 0);
      g_assert_cmpfloat (scale, ==, 2.385);
      g_assert_cmpint (dim.kg, ==, 7);
    }
}

/* The dimension of each quantity follows from its SI unit (SI Brochure Table 4). */
static void
test_quantity_dims (void)
{
  static const struct
  {
    PsQuantity q;
    PsDim dim;
  } cases[] = {
    { PS_QTY_DIMENSIONLESS, { 0, 0, 0 } }, { PS_QTY_LENGTH, { 0, 1, 0 } },
    { PS_QTY_FORCE, { 1, 1, -2 } },        { PS_QTY_FORCE_PER_LENGTH, { 1, 0, -2 } },
    { PS_QTY_STRESS, { 1, -1, -2 } },      { PS_QTY_DENSITY, { 1, -3, 0 } },
    { PS_QTY_TIME, { 0, 0, 1 } },          { PS_QTY_AREA, { 0, 2, 0 } },
    { PS_QTY_SECOND_MOMENT, { 0, 4, 0 } }, { PS_QTY_SECTION_MODULUS, { 0, 3, 0 } },
    { PS_QTY_MOMENT, { 1, 2, -2 } },       { PS_QTY_MASS_PER_LENGTH, { 1, -1, 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsDim d = ps_quantity_dim (cases[i].q);
      g_autofree char *msg = NULL;
      double scale = 0;
      PsDim ud;

      assert_dim_eq (d, cases[i].dim);
      g_assert_cmpuint (strlen (ps_quantity_name (cases[i].q)), >, 0);
      /* The SI unit the program names has that dimension and scale 1. */
      if (cases[i].q != PS_QTY_DIMENSIONLESS)
        {
          const char *si = ps_quantity_si_unit (cases[i].q);

          if (!ps_unit_parse (si, &scale, &ud, &msg))
            g_error ("SI unit \"%s\" of %s refused: %s", si, ps_quantity_name (cases[i].q), msg);
          g_assert_cmpfloat (scale, ==, 1.0);
          assert_dim_eq (ud, d);
        }
    }
}

int
main (int argc, char *argv[])
{
  /* Go on after a failing test, so that every engine bug these tests find is listed
   * in one run (the checks that report known bugs use g_test_fail_printf). */
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n_args = argc + 1;

  memcpy (args, argv, sizeof (char *) * argc);
  args[argc] = (char *)"--keep-going";
  argv = args;
  g_test_init (&n_args, &argv, NULL);

  g_test_add_func ("/engine/units/quantities", test_quantities);
  g_test_add_func ("/engine/units/ksi-nist", test_ksi_nist);
  g_test_add_func ("/engine/units/quantity-errors", test_quantity_errors);
  g_test_add_func ("/engine/units/unit-parse", test_unit_parse);
  g_test_add_func ("/engine/units/unit-parse-errors", test_unit_parse_errors);
  g_test_add_func ("/engine/units/quantity-dims", test_quantity_dims);
  g_test_add_func ("/engine/units/parse-any", test_parse_any);
  g_test_add_func ("/engine/units/messages-utf8", test_messages_utf8);

  return g_test_run ();
}
