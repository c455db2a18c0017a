#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-test-utils.h"

/* Beam results against textbook formulas, written out here independently of the engine.
 *
 * Sources:
 *   [AISC]  AISC Steel Construction Manual, 15th ed., Table 3-23 "Shears, Moments and
 *           Deflections": case 1 (simple beam, uniform load), 7 (simple beam, point
 *           load at centre), 8 (simple beam, point load at any point), 12 (fixed at one
 *           end, supported at the other, uniform load), 15 (fixed both ends, uniform),
 *           16 (fixed both ends, point load at centre), 22 (cantilever, uniform), 24
 *           (cantilever, point load at free end).
 *   [Roark] Roark's Formulas for Stress and Strain, 8th ed., Table 8.1 (same cases).
 *   Section properties: rectangle A = bh, I = bh^3/12, W = bh^2/6; solid circle
 *   A = pi d^2/4, I = pi d^4/64, W = pi d^3/32; tube I = pi (D^4 - d^4)/64, W = 2I/D
 *   (Roark Table A.1). IPE 300 from the ArcelorMittal catalogue.
 *
 * Coordinates: x from the left support; a cantilever is fixed at x = 0 and free at
 * x = L; a propped cantilever is fixed at x = 0 and pinned at x = L.
 */

#define GRAVITY 9.80665 /* standard gravity, m/s^2 (3rd CGPM 1901) */

/* The inputs, deliberately not round, and their SI values. */
#define SPAN_TEXT "7.35 m"
#define L_M 7.35
#define P_TEXT "83.7 kN"
#define P_N 83.7e3
#define W_TEXT "23.85 kN/m"
#define W_NPM 23.85e3
#define E_PA 203.5e9
#define FD_PA 287.3e6
#define RHO 7712.0
#define I_M4 9271.4e-8
#define WEL_M3 611.9e-6
#define A_M2 58.37e-4
#define C_M 0.1553

#define CUSTOM_MATERIAL                                                                            \
  "{\"name\": \"test steel\", \"E\": \"203.5 GPa\", \"strength\": \"287.3 MPa\", "                 \
  "\"density\": \"7712 kg/m^3\"}"
#define CUSTOM_SECTION                                                                             \
  "{\"shape\": \"custom\", \"I\": \"9271.4 cm^4\", \"W\": \"611.9 cm^3\", \"A\": \"58.37 cm^2\"}"
#define UNIFORM_LOAD "{\"type\": \"uniform\", \"value\": \"" W_TEXT "\"}"
#define MIDSPAN_LOAD "{\"type\": \"point\", \"position\": \"midspan\", \"value\": \"" P_TEXT "\"}"

/* Closed forms evaluated two ways agree to rounding. */
#define RTOL 1e-12

/* A position is right when it is one of the (up to three) places where the maximum is
 * reached; NAN marks an unused place. */
static void
assert_x_impl (const char *file, int line, const char *func, const char *label, double x,
               double tol, double x1, double x2, double x3)
{
  const double xs[] = { x1, x2, x3 };

  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    if (!isnan (xs[i]) && fabs (x - xs[i]) <= tol)
      return;
  {
    g_autofree char *msg = g_strdup_printf ("%s: position %.17g m, expected one of %.17g, "
                                            "%.17g, %.17g m (tolerance %.3g m)",
                                            label, x, x1, x2, x3, tol);
    g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
  }
}

#define assert_x(label, x, tol, x1, x2, x3)                                                        \
  assert_x_impl (__FILE__, __LINE__, G_STRFUNC, (label), (x), (tol), (x1), (x2), (x3))

/* assert_close() and assert_x() of a quantity @what of the case @label: the failure
 * names "@label: @what". */
#define assert_close_of(label, what, got, want, rtol)                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *what_ = g_strdup_printf ("%s: %s", (label), (what));                          \
                                                                                                   \
    assert_close (what_, (got), (want), (rtol));                                                   \
  }                                                                                                \
  G_STMT_END

#define assert_x_of(label, what, x, tol, x1, x2, x3)                                               \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *what_ = g_strdup_printf ("%s: %s", (label), (what));                          \
                                                                                                   \
    assert_x (what_, (x), (tol), (x1), (x2), (x3));                                                \
  }                                                                                                \
  G_STMT_END

static PsStudy *
load_beam (const char *beam, const char *checks)
{
  g_autofree char *json
      = g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"beam\", \"name\": "
                         "\"test\", \"beam\": {%s}%s%s}",
                         beam, checks ? ", \"checks\": " : "", checks ? checks : "");
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data (json, -1, &error);

  if (study == NULL)
    g_error ("study refused: %s\n%s", error->message, json);
  g_assert_no_error (error);
  g_assert_true (ps_study_get_kind (study) == &ps_beam_class);
  g_assert_nonnull (study->model);
  return study;
}

/* A beam body with the span, material and self-weight every case shares. */
static PsStudy *
load_simple (const char *support, const char *load, const char *section, gboolean self_weight,
             const char *checks)
{
  g_autofree char *beam = g_strdup_printf (
      "\"support\": \"%s\", \"load\": %s, \"span\": \"" SPAN_TEXT
      "\", \"section\": %s, \"material\": " CUSTOM_MATERIAL ", \"self_weight\": %s",
      support, load, section, self_weight ? "true" : "false");

  return load_beam (beam, checks);
}

static void
eval_ok (const PsStudy *study, guint64 item, PsBeamOutputs *o)
{
  g_autofree char *msg = NULL;

  memset (o, 0, sizeof *o);
  if (!ps_beam_eval_item (study->model, item, o, &msg))
    g_error ("item %" G_GUINT64_FORMAT " failed: %s", item, msg);
}

typedef struct
{
  double d, xd;    /* max deflection and where; NAN: not checked */
  double m, xm[3]; /* max moment and up to three places it is reached */
  double v, xv[3]; /* max shear likewise */
} Expect;

static void
check (const char *label, const PsBeamOutputs *o, const Expect *e, double L)
{
  double tol = 1e-9 * L;

  assert_close_of (label, "max deflection", o->deflection, e->d, RTOL);
  assert_x_of (label, "x of max deflection", o->x_deflection, tol, e->xd, NAN, NAN);
  assert_close_of (label, "max moment", o->moment, e->m, RTOL);
  assert_x_of (label, "x of max moment", o->x_moment, tol, e->xm[0], e->xm[1], e->xm[2]);
  assert_close_of (label, "max shear", o->shear, e->v, RTOL);
  assert_x_of (label, "x of max shear", o->x_shear, tol, e->xv[0], e->xv[1], e->xv[2]);
  assert_close_of (label, "span/deflection", o->ratio, L / e->d, RTOL);
}

/* One support and load on the custom section and material: the study's one item,
 * evaluated into @o and checked against @e. */
static void
check_case (const char *label, const char *support, const char *load, gboolean self_weight,
            const Expect *e, PsBeamOutputs *o)
{
  g_autoptr (PsStudy) st = load_simple (support, load, CUSTOM_SECTION, self_weight, NULL);

  eval_ok (st, 0, o);
  check (label, o, e, L_M);
}

/* ---------------------------------------------------------------------------------
 * The closed forms, one support and load case each
 * ------------------------------------------------------------------------------ */

/* [AISC] case 7: PL^3/48EI at L/2, PL/4 at L/2, P/2 at either support. */
static void
test_ss_point_midspan (void)
{
  const double L = L_M, P = P_N, EI = E_PA * I_M4;
  Expect e
      = { P * L * L * L / (48 * EI), L / 2, P * L / 4, { L / 2, NAN, NAN }, P / 2, { 0, L, NAN } };
  PsBeamOutputs o;

  check_case ("simply supported, point at midspan", "simply-supported", MIDSPAN_LOAD, FALSE, &e,
              &o);
}

/* [AISC] case 8, point load P at distance a from the left support, b = L - a.
 * For a > b: delta_max = P a b (a + 2b) sqrt(3a(a + 2b)) / (27 EI L) at
 * x = sqrt(a(a + 2b)/3); M_max = Pab/L at x = a; V_max = Pa/L at the right support.
 * For a < b the same with a and b exchanged and x measured from the right. */
static void
check_point_at (double a)
{
  g_autofree char *load = g_strdup_printf ("{\"type\": \"point\", \"position\": \"%.17g m\", "
                                           "\"value\": \"" P_TEXT "\"}",
                                           a);
  const double L = L_M, P = P_N, EI = E_PA * I_M4, b = L - a;
  const double big = MAX (a, b), small = MIN (a, b);
  double dmax
      = P * big * small * (big + 2 * small) * sqrt (3 * big * (big + 2 * small)) / (27 * EI * L);
  double xd = sqrt (big * (big + 2 * small) / 3);
  Expect e = { dmax,
               a > b ? xd : L - xd,
               P * a * b / L,
               { a, NAN, NAN },
               MAX (P * b / L, P * a / L),
               { a > b ? L : 0, NAN, NAN } };
  g_autofree char *label = g_strdup_printf ("simply supported, point at a = %g m", a);
  PsBeamOutputs o;
  double best = 0, xbest = 0;
  const int n = 200000;

  check_case (label, "simply-supported", load, FALSE, &e, &o);

  /* The transcription of case 8 checked against the deflection curve itself,
   * y = P b x (L^2 - b^2 - x^2) / (6 L EI) for x <= a, mirrored beyond a. */
  for (int i = 0; i <= n; i++)
    {
      double x = L * i / n, y;

      if (x <= a)
        y = P * b * x * (L * L - b * b - x * x) / (6 * L * EI);
      else
        y = P * a * (L - x) * (L * L - a * a - (L - x) * (L - x)) / (6 * L * EI);
      if (y > best)
        best = y, xbest = x;
    }
  assert_close ("case 8 against its deflection curve", dmax, best, 1e-9);
  assert_x ("case 8 position against its deflection curve", e.xd, 2 * L / n, xbest, NAN, NAN);
}

static void
test_ss_point_at_a_gt_b (void)
{
  check_point_at (4.85);
}

static void
test_ss_point_at_a_lt_b (void)
{
  check_point_at (2.15);
}

/* Exactly at midspan given as a distance: case 8 must agree with case 7. */
static void
test_ss_point_at_half (void)
{
  g_autoptr (PsStudy) st = load_simple ("simply-supported",
                                        "{\"type\": \"point\", "
                                        "\"position\": \"3.675 m\", \"value\": \"" P_TEXT "\"}",
                                        CUSTOM_SECTION, FALSE, NULL);
  const double L = L_M, P = P_N, EI = E_PA * I_M4;
  PsBeamOutputs o;

  eval_ok (st, 0, &o);
  assert_close ("a = L/2: deflection", o.deflection, P * L * L * L / (48 * EI), RTOL);
  assert_close ("a = L/2: moment", o.moment, P * L / 4, RTOL);
  assert_close ("a = L/2: shear", o.shear, P / 2, RTOL);
  assert_x ("a = L/2: x of deflection", o.x_deflection, 1e-9 * L, L / 2, NAN, NAN);
}

/* [AISC] case 1: 5wL^4/384EI at L/2, wL^2/8 at L/2, wL/2 at either support. */
static void
test_ss_uniform (void)
{
  const double L = L_M, w = W_NPM, EI = E_PA * I_M4;
  Expect e = { 5 * w * L * L * L * L / (384 * EI),
               L / 2,
               w * L * L / 8,
               { L / 2, NAN, NAN },
               w * L / 2,
               { 0, L, NAN } };
  PsBeamOutputs o;

  check_case ("simply supported, uniform", "simply-supported", UNIFORM_LOAD, FALSE, &e, &o);
}

/* [AISC] case 24: PL^3/3EI at the free end, PL at the fixed end, P all along. */
static void
test_cantilever_point (void)
{
  const double L = L_M, P = P_N, EI = E_PA * I_M4;
  Expect e = { P * L * L * L / (3 * EI), L, P * L, { 0, NAN, NAN }, P, { 0, L, NAN } };
  PsBeamOutputs o;

  check_case ("cantilever, point at the free end", "cantilever",
              "{\"type\": \"point\", \"position\": \"free-end\", \"value\": \"" P_TEXT "\"}", FALSE,
              &e, &o);
  g_assert_cmpfloat (o.x_shear, >=, 0);
  g_assert_cmpfloat (o.x_shear, <=, L);
}

/* [AISC] case 22: wL^4/8EI at the free end, wL^2/2 and wL at the fixed end. */
static void
test_cantilever_uniform (void)
{
  const double L = L_M, w = W_NPM, EI = E_PA * I_M4;
  Expect e
      = { w * L * L * L * L / (8 * EI), L, w * L * L / 2, { 0, NAN, NAN }, w * L, { 0, NAN, NAN } };
  PsBeamOutputs o;

  check_case ("cantilever, uniform", "cantilever", UNIFORM_LOAD, FALSE, &e, &o);
}

/* [AISC] case 15: wL^4/384EI at L/2, wL^2/12 at the ends, wL/2 at the ends. */
static void
test_fixed_uniform (void)
{
  const double L = L_M, w = W_NPM, EI = E_PA * I_M4;
  Expect e = {
    w * L * L * L * L / (384 * EI), L / 2, w * L * L / 12, { 0, L, NAN }, w * L / 2, { 0, L, NAN }
  };
  PsBeamOutputs o;

  check_case ("fixed-fixed, uniform", "fixed-fixed", UNIFORM_LOAD, FALSE, &e, &o);
}

/* [AISC] case 16: PL^3/192EI at L/2, PL/8 at the ends and at midspan, P/2 all along. */
static void
test_fixed_point_midspan (void)
{
  const double L = L_M, P = P_N, EI = E_PA * I_M4;
  Expect e
      = { P * L * L * L / (192 * EI), L / 2, P * L / 8, { 0, L / 2, L }, P / 2, { 0, L / 2, L } };
  PsBeamOutputs o;

  check_case ("fixed-fixed, point at midspan", "fixed-fixed", MIDSPAN_LOAD, FALSE, &e, &o);
  g_assert_cmpfloat (o.x_shear, >=, 0);
  g_assert_cmpfloat (o.x_shear, <=, L);
}

/* [AISC] case 12, deflection curve with u measured from the pinned end:
 *   y(u) = w u (L^3 - 3 L u^2 + 2 u^3) / (48 EI).
 * Its maximum is found here numerically: a scan of 1,000,001 points, then golden-section
 * search on the bracketing interval. Returns the maximum and sets *u_max. */
static double
propped_max (double w, double L, double EI, double *u_max)
{
  const int n = 1000000;
  const double phi = (sqrt (5.0) - 1) / 2;
  double best = -1, ub = 0, lo, hi;

#define PROPPED_Y(u) (w * (u) * (L * L * L - 3 * L * (u) * (u) + 2 * (u) * (u) * (u)) / (48 * EI))
  for (int i = 0; i <= n; i++)
    {
      double u = L * i / n, y = PROPPED_Y (u);

      if (y > best)
        best = y, ub = u;
    }
  lo = MAX (0, ub - L / n);
  hi = MIN (L, ub + L / n);
  for (int it = 0; it < 200 && hi - lo > 1e-15 * L; it++)
    {
      double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);

      if (PROPPED_Y (x1) < PROPPED_Y (x2))
        lo = x1;
      else
        hi = x2;
    }
  *u_max = (lo + hi) / 2;
  best = MAX (best, PROPPED_Y (*u_max));
#undef PROPPED_Y
  return best;
}

static void
check_propped (gboolean self_weight)
{
  g_autoptr (PsStudy) st
      = load_simple ("propped-cantilever", UNIFORM_LOAD, CUSTOM_SECTION, self_weight, NULL);
  const double L = L_M, EI = E_PA * I_M4;
  const double q = self_weight ? RHO * A_M2 * GRAVITY : 0;
  const double w = W_NPM + q;
  double u, dmax = propped_max (w, L, EI, &u);
  PsBeamOutputs o;
  const char *label
      = self_weight ? "propped cantilever, uniform + self-weight" : "propped cantilever, uniform";

  eval_ok (st, 0, &o);
  /* The numerical maximum is good to the rounding of y near a flat top. */
  assert_close_of (label, "max deflection", o.deflection, dmax, 1e-10);
  assert_x_of (label, "x of max deflection", o.x_deflection, 1e-6 * L, L - u, NAN, NAN);
  /* [AISC] M_max = wL^2/8 at the fixed end, V_max = 5wL/8 at the fixed end. */
  assert_close_of (label, "max moment", o.moment, w * L * L / 8, RTOL);
  assert_x_of (label, "x of max moment", o.x_moment, 1e-9 * L, 0, NAN, NAN);
  assert_close_of (label, "max shear", o.shear, 5 * w * L / 8, RTOL);
  assert_x_of (label, "x of max shear", o.x_shear, 1e-9 * L, 0, NAN, NAN);
  /* And the rounded figures AISC prints: delta_max = wL^4/185EI at 0.4215 L from the
   * pinned end. */
  assert_close ("AISC delta ~ wL^4/185EI", o.deflection, w * L * L * L * L / (185 * EI), 3e-3);
  assert_close ("AISC x ~ 0.4215 L", L - o.x_deflection, 0.4215 * L, 1e-4);
}

static void
test_propped_uniform (void)
{
  check_propped (FALSE);
}

static void
test_propped_uniform_self_weight (void)
{
  check_propped (TRUE);
}

/* ---------------------------------------------------------------------------------
 * Self-weight
 * ------------------------------------------------------------------------------ */

/* q = rho A g adds to a uniform load; with self_weight the results equal those for
 * w + q, and equal the ones without it plus those for q alone (superposition). */
static void
test_self_weight_uniform (void)
{
  g_autoptr (PsStudy) without
      = load_simple ("simply-supported", UNIFORM_LOAD, CUSTOM_SECTION, FALSE, NULL);
  const double L = L_M, EI = E_PA * I_M4, q = RHO * A_M2 * GRAVITY, w = W_NPM + q;
  Expect e = { 5 * w * L * L * L * L / (384 * EI),
               L / 2,
               w * L * L / 8,
               { L / 2, NAN, NAN },
               w * L / 2,
               { 0, L, NAN } };
  PsBeamOutputs o, o0;

  check_case ("simply supported, uniform + self-weight", "simply-supported", UNIFORM_LOAD, TRUE, &e,
              &o);
  eval_ok (without, 0, &o0);
  assert_close ("superposition: deflection", o.deflection,
                o0.deflection + 5 * q * L * L * L * L / (384 * EI), RTOL);
  assert_close ("superposition: moment", o.moment, o0.moment + q * L * L / 8, RTOL);
  assert_close ("superposition: shear", o.shear, o0.shear + q * L / 2, RTOL);
  assert_close ("mass per metre = rho A", o.mass, RHO * A_M2, RTOL);
  assert_close ("mass per metre without self-weight", o0.mass, RHO * A_M2, RTOL);
}

/* Point loads plus the self-weight where both maxima fall at the same section:
 * [AISC] cases 7 + 1, 24 + 22, 16 + 15. */
static void
test_self_weight_point_symmetric (void)
{
  const double L = L_M, P = P_N, EI = E_PA * I_M4, q = RHO * A_M2 * GRAVITY;
  const double L3 = L * L * L, L4 = L3 * L;
  struct
  {
    const char *support, *load;
    Expect e;
  } cases[] = {
    { "simply-supported",
      MIDSPAN_LOAD,
      { P * L3 / (48 * EI) + 5 * q * L4 / (384 * EI),
        L / 2,
        P * L / 4 + q * L * L / 8,
        { L / 2, NAN, NAN },
        P / 2 + q * L / 2,
        { 0, L, NAN } } },
    { "cantilever",
      "{\"type\": \"point\", \"value\": \"" P_TEXT "\"}",
      { P * L3 / (3 * EI) + q * L4 / (8 * EI),
        L,
        P * L + q * L * L / 2,
        { 0, NAN, NAN },
        P + q * L,
        { 0, NAN, NAN } } },
    { "fixed-fixed",
      MIDSPAN_LOAD,
      { P * L3 / (192 * EI) + q * L4 / (384 * EI),
        L / 2,
        P * L / 8 + q * L * L / 12,
        { 0, L, NAN },
        P / 2 + q * L / 2,
        { 0, L, NAN } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s, point + self-weight", cases[i].support);
      PsBeamOutputs o;

      check_case (label, cases[i].support, cases[i].load, TRUE, &cases[i].e, &o);
    }
}

/* Simply supported, point load at a plus the self-weight q: the maxima of the two
 * curves lie at different sections, so the reference is a brute-force maximisation
 * of the superposed curves over 200,001 evenly spaced points:
 *   deflection  y = P b x (L^2 - b^2 - x^2) / (6 L EI)  (x <= a, mirrored for x > a)
 *                 + q x (L^3 - 2 L x^2 + x^3) / (24 EI)          [AISC cases 8 and 1]
 *   moment      M = R1 x - q x^2 / 2 - P <x - a>,  R1 = P b / L + q L / 2.
 * Each position is a multiple of L/200000, so the grid passes through the load point,
 * where the moment diagram has its kink. The loads make the moment maximum fall at the
 * load (83.7 kN) or, for the light load (2.385 kN) near a support, in the span. */
static void
test_self_weight_point_at (void)
{
  static const double frac[] = { 0.66, 0.28, 0.9, 0.07 };
  static const double loads[] = { 83.7e3, 2.385e3 };
  const double L = L_M, EI = E_PA * I_M4, q = RHO * A_M2 * GRAVITY;
  const int n = 200000;
  GString *pos = g_string_new ("[");
  g_autofree char *load = NULL;
  g_autoptr (PsStudy) st = NULL;
  guint in_span = 0;

  for (guint k = 0; k < G_N_ELEMENTS (frac); k++)
    g_string_append_printf (pos, "%s\"%.17g m\"", k ? ", " : "", frac[k] * L);
  g_string_append (pos, "]");
  load = g_strdup_printf ("{\"type\": \"point\", \"position\": %s, \"value\": [\"83.7 kN\", "
                          "\"2.385 kN\"]}",
                          pos->str);
  g_string_free (pos, TRUE);
  st = load_simple ("simply-supported", load, CUSTOM_SECTION, TRUE, NULL);
  g_assert_cmpuint (st->n_items, ==, G_N_ELEMENTS (frac) * G_N_ELEMENTS (loads));

  for (guint ip = 0; ip < G_N_ELEMENTS (loads); ip++)
    for (guint ia = 0; ia < G_N_ELEMENTS (frac); ia++)
      {
        const double P = loads[ip], a = frac[ia] * L, b = L - a;
        const double R1 = P * b / L + q * L / 2, R2 = P * a / L + q * L / 2;
        double dbest = 0, xd = 0, mbest = 0, xm = 0;
        g_autofree char *label = g_strdup_printf ("P = %g N at a = %g m + self-weight", P, a);
        PsBeamOutputs o;

        for (int i = 0; i <= n; i++)
          {
            double x = L * i / n, y, m;

            if (x <= a)
              y = P * b * x * (L * L - b * b - x * x) / (6 * L * EI);
            else
              y = P * a * (L - x) * (L * L - a * a - (L - x) * (L - x)) / (6 * L * EI);
            y += q * x * (L * L * L - 2 * L * x * x + x * x * x) / (24 * EI);
            m = R1 * x - q * x * x / 2 - (x > a ? P * (x - a) : 0);
            if (y > dbest)
              dbest = y, xd = x;
            if (m > mbest)
              mbest = m, xm = x;
          }
        if (fabs (xm - a) > L / n)
          in_span++;

        eval_ok (st, ip * G_N_ELEMENTS (frac) + ia, &o);
        assert_close_of (label, "max deflection", o.deflection, dbest, 1e-6);
        assert_x_of (label, "x of max deflection", o.x_deflection, 2.0 * L / n, xd, NAN, NAN);
        assert_close_of (label, "max moment", o.moment, mbest, 1e-6);
        assert_x_of (label, "x of max moment", o.x_moment, 2.0 * L / n, xm, NAN, NAN);
        /* The shear is largest at a support: the larger reaction. */
        assert_close_of (label, "max shear", o.shear, MAX (R1, R2), RTOL);
        assert_x_of (label, "x of max shear", o.x_shear, 1e-9 * L, R1 >= R2 ? 0 : L, NAN, NAN);
        assert_close ("mass per metre", o.mass, RHO * A_M2, RTOL);
      }
  /* Both kinds of moment maximum were exercised. */
  g_assert_cmpuint (in_span, >=, 2);
}

/* ---------------------------------------------------------------------------------
 * Sections and materials
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *section;
  const char *material;
  double A, I, W;         /* expected, SI */
  double E, f_d, density; /* expected, SI */
} SectionCase;

/* Simply supported under a uniform load ([AISC] case 1) with a safety factor of 1.5:
 * deflection 5wL^4/384EI checks I, stress = (wL^2/8)/W checks W, the mass rho A
 * checks A, and utilisation = 1.5 stress / f_d. */
static void
test_sections (void)
{
  const double b = 0.1385, h = 0.4127, d = 0.2731, D = 0.3239, t = 0.0088, di = D - 2 * t;
  const double Ic = G_PI * (D * D * D * D - di * di * di * di) / 64;
  const SectionCase cases[] = {
    { "rectangular, GL24h (EN 14080)",
      "{\"shape\": \"rectangular\", \"b\": \"138.5 mm\", "
      "\"h\": \"412.7 mm\"}",
      "\"GL24h\"", b * h, b * h * h * h / 12, b * h * h / 6, 11.5e9, 0.8 * 24e6 / 1.25, 420 },
    { "circular, 6061-T6 (EN 1999-1-1)", "{\"shape\": \"circular\", \"d\": \"273.1 mm\"}",
      "\"6061-T6\"", G_PI * d * d / 4, G_PI * d * d * d * d / 64, G_PI * d * d * d / 32, 70e9,
      240e6 / 1.1, 2700 },
    { "hollow-circular, S355 (EN 1993-1-1)",
      "{\"shape\": \"hollow-circular\", \"D\": "
      "\"323.9 mm\", \"t\": \"8.8 mm\"}",
      "\"S355\"", G_PI * (D * D - di * di) / 4, Ic, 2 * Ic / D, 210e9, 355e6, 7850 },
    { "standard IPE 300 (ArcelorMittal), S235",
      "{\"shape\": \"standard\", \"designation\": "
      "\"IPE 300\"}",
      "\"S235\"", 53.81e-4, 8356e-8, 557.1e-6, 210e9, 235e6, 7850 },
    { "custom with W", CUSTOM_SECTION, CUSTOM_MATERIAL, A_M2, I_M4, WEL_M3, E_PA, FD_PA, RHO },
    { "custom with c: W = I/c",
      "{\"shape\": \"custom\", \"I\": \"9271.4 cm^4\", "
      "\"c\": \"155.3 mm\", \"A\": \"58.37 cm^2\"}",
      CUSTOM_MATERIAL, A_M2, I_M4, I_M4 / C_M, E_PA, FD_PA, RHO },
  };
  const double L = L_M, w = W_NPM;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SectionCase *c = &cases[i];
      g_autofree char *beam
          = g_strdup_printf ("\"support\": \"simply-supported\", \"load\": " UNIFORM_LOAD
                             ", \"span\": \"" SPAN_TEXT "\", "
                             "\"section\": %s, \"material\": %s",
                             c->section, c->material);
      g_autoptr (PsStudy) st = load_beam (beam, "{\"safety_factor\": 1.5}");
      const PsBeamModel *m = st->model;
      const double M = w * L * L / 8, sigma = M / c->W;
      PsBeamOutputs o;

      g_assert_cmpuint (m->n_sections, ==, 1);
      assert_close_of (c->label, "A", m->sections[0].A, c->A, RTOL);
      assert_close_of (c->label, "I", m->sections[0].I, c->I, RTOL);
      assert_close_of (c->label, "W", m->sections[0].W, c->W, RTOL);

      eval_ok (st, 0, &o);
      assert_close_of (c->label, "deflection", o.deflection,
                       5 * w * L * L * L * L / (384 * c->E * c->I), RTOL);
      assert_close_of (c->label, "moment", o.moment, M, RTOL);
      assert_close_of (c->label, "stress = M/W", o.stress, sigma, RTOL);
      assert_close_of (c->label, "utilisation = 1.5 stress / f_d", o.utilisation,
                       1.5 * sigma / c->f_d, RTOL);
      assert_close_of (c->label, "mass = rho A", o.mass, c->density * c->A, RTOL);
      g_assert_true (o.pass_strength == (1.5 * sigma / c->f_d <= 1.0));
      /* Default deflection limit L/250 when "checks" names none. */
      g_assert_true (o.pass_deflection == (o.deflection <= L / 250));
    }
}

/* A tube whose wall is thicker than its radius (t = 170 mm > D/2 = 161.95 mm) next to
 * one that exists: only the bad one's items fail, with a message naming D/2. */
static void
test_invalid_section_item (void)
{
  g_autoptr (PsStudy) st = load_simple ("simply-supported", UNIFORM_LOAD,
                                        "{\"shape\": \"hollow-circular\", \"D\": \"323.9 mm\", "
                                        "\"t\": [\"8.8 mm\", \"170 mm\"]}",
                                        FALSE, NULL);
  g_autofree char *msg = NULL;
  PsBeamOutputs o;

  g_assert_cmpuint (st->n_items, ==, 2);
  eval_ok (st, 0, &o);
  g_assert_false (ps_beam_eval_item (st->model, 1, &o, &msg));
  g_assert_nonnull (msg);
  g_test_message ("%s", msg);
  g_assert_nonnull (strstr (msg, "D/2"));
}

/* A point load at or beyond the end of the span is refused item by item. */
static void
test_point_outside_span (void)
{
  g_autoptr (PsStudy) st = load_simple ("simply-supported",
                                        "{\"type\": \"point\", "
                                        "\"position\": [\"2.15 m\", \"7.35 m\", \"8.1 m\"], "
                                        "\"value\": \"" P_TEXT "\"}",
                                        CUSTOM_SECTION, FALSE, NULL);
  PsBeamOutputs o;

  g_assert_cmpuint (st->n_items, ==, 3);
  eval_ok (st, 0, &o);
  for (guint64 item = 1; item < 3; item++)
    {
      g_autofree char *msg = NULL;

      g_assert_false (ps_beam_eval_item (st->model, item, &o, &msg));
      g_assert_nonnull (msg);
      g_assert_nonnull (strstr (msg, "span"));
    }
}

/* ---------------------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------------------ */

static char *
json_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
}

/* The load that puts a simply supported beam with a midspan point load exactly at the
 * deflection limit is P = 48 EI lim / L^3 ([AISC] case 7). Loads a hair below it
 * (1e-12, far above rounding) pass and a hair above it (1e-9) fail. */
static void
check_deflection_boundary (const char *checks, double lim)
{
  const double L = L_M, EI = E_PA * I_M4;
  const double P = 48 * EI * lim / (L * L * L);
  g_autofree char *p_at = json_number (P * (1 - 1e-12));
  g_autofree char *p_beyond = json_number (P * (1 + 1e-9));
  g_autofree char *load = g_strdup_printf ("{\"type\": \"point\", \"position\": \"midspan\", "
                                           "\"value\": [%s, %s]}",
                                           p_at, p_beyond);
  g_autoptr (PsStudy) st = load_simple ("simply-supported", load, CUSTOM_SECTION, FALSE, checks);
  PsBeamOutputs at, beyond;

  eval_ok (st, 0, &at);
  eval_ok (st, 1, &beyond);
  assert_close ("deflection at the limit", at.deflection, lim, 1e-11);
  g_assert_true (at.pass_deflection);
  g_assert_false (beyond.pass_deflection);
  assert_close ("span/deflection at the limit", at.ratio, L / lim, 1e-11);
}

static void
test_limit_ratio (void)
{
  check_deflection_boundary ("{\"deflection_limit\": \"L/360\"}", L_M / 360);
}

static void
test_limit_absolute (void)
{
  check_deflection_boundary ("{\"deflection_limit\": \"20 mm\"}", 0.020);
}

/* Exactly at the limit, with no rounding anywhere: a cantilever under a uniform load
 * ([AISC] case 22) with L = 2.375 m, E I = 2^35 Pa x 2^-13 m^4 and w = 3750 N/m gives
 * delta = w L^4 / 8 EI, a binary fraction the engine and this test both compute
 * exactly. A limit equal to it passes; the next double below fails. */
static void
test_limit_exact (void)
{
  const double L = 2.375, E = 34359738368.0, I = 0.0001220703125, w = 3750;
  const double delta = w * L * L * L * L / (8 * E * I);
  const double lims[] = { delta, nextafter (delta, 0) };

  g_assert_cmpfloat (E * I, ==, 4194304.0);
  for (guint k = 0; k < G_N_ELEMENTS (lims); k++)
    {
      g_autofree char *lim = json_number (lims[k]);
      g_autofree char *checks = g_strdup_printf ("{\"deflection_limit\": \"%s m\"}", lim);
      g_autoptr (PsStudy) st = load_beam ("\"support\": \"cantilever\", \"load\": {\"type\": "
                                          "\"uniform\", \"value\": 3750}, \"span\": 2.375, "
                                          "\"section\": {\"shape\": \"custom\", \"I\": "
                                          "0.0001220703125, \"W\": 0.0009765625, \"A\": 0.00625}, "
                                          "\"material\": {\"name\": \"dyadic\", \"E\": "
                                          "34359738368, \"strength\": \"24 MPa\", \"density\": "
                                          "\"420 kg/m^3\"}",
                                          checks);
      PsBeamOutputs o;

      eval_ok (st, 0, &o);
      g_assert_cmpfloat (o.deflection, ==, delta);
      if (k == 0)
        g_assert_true (o.pass_deflection);
      else
        g_assert_false (o.pass_deflection);
    }
}

/* Utilisation = safety factor x stress / design strength; at 1 it passes, beyond it
 * fails. The strength is chosen so that the midspan point load gives utilisation a hair
 * under 1 (1e-12) and a hair over (1e-9). */
static void
test_strength_boundary (void)
{
  const double L = L_M, P = P_N, sf = 1.65;
  const double sigma = (P * L / 4) / WEL_M3;
  g_autofree char *f_at = json_number (sf * sigma * (1 + 1e-12));
  g_autofree char *f_beyond = json_number (sf * sigma * (1 - 1e-9));
  g_autofree char *beam = g_strdup_printf ("\"support\": \"simply-supported\", \"load\": "
                                           "{\"type\": \"point\", \"value\": \"" P_TEXT "\"}, "
                                           "\"span\": \"" SPAN_TEXT
                                           "\", \"section\": " CUSTOM_SECTION ", \"material\": ["
                                           "{\"E\": \"203.5 GPa\", \"strength\": %s, \"density\": "
                                           "7712}, {\"E\": \"203.5 GPa\", \"strength\": %s, "
                                           "\"density\": 7712}]",
                                           f_at, f_beyond);
  g_autoptr (PsStudy) st = load_beam (beam, "{\"safety_factor\": 1.65}");
  PsBeamOutputs at, beyond;

  eval_ok (st, 0, &at);
  eval_ok (st, 1, &beyond);
  assert_close ("stress = (PL/4)/W", at.stress, sigma, RTOL);
  assert_close ("utilisation at the boundary", at.utilisation, 1.0, 1e-11);
  g_assert_true (at.pass_strength);
  g_assert_false (beyond.pass_strength);
  g_assert_true (beyond.utilisation > 1.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/beam/simply-supported/point-midspan", test_ss_point_midspan);
  g_test_add_func ("/engine/beam/simply-supported/point-at-a-gt-b", test_ss_point_at_a_gt_b);
  g_test_add_func ("/engine/beam/simply-supported/point-at-a-lt-b", test_ss_point_at_a_lt_b);
  g_test_add_func ("/engine/beam/simply-supported/point-at-half", test_ss_point_at_half);
  g_test_add_func ("/engine/beam/simply-supported/uniform", test_ss_uniform);
  g_test_add_func ("/engine/beam/cantilever/point", test_cantilever_point);
  g_test_add_func ("/engine/beam/cantilever/uniform", test_cantilever_uniform);
  g_test_add_func ("/engine/beam/fixed-fixed/uniform", test_fixed_uniform);
  g_test_add_func ("/engine/beam/fixed-fixed/point-midspan", test_fixed_point_midspan);
  g_test_add_func ("/engine/beam/propped-cantilever/uniform", test_propped_uniform);
  g_test_add_func ("/engine/beam/propped-cantilever/uniform-self-weight",
                   test_propped_uniform_self_weight);
  g_test_add_func ("/engine/beam/self-weight/uniform", test_self_weight_uniform);
  g_test_add_func ("/engine/beam/self-weight/point-symmetric", test_self_weight_point_symmetric);
  g_test_add_func ("/engine/beam/self-weight/point-at", test_self_weight_point_at);
  g_test_add_func ("/engine/beam/sections", test_sections);
  g_test_add_func ("/engine/beam/invalid-section-item", test_invalid_section_item);
  g_test_add_func ("/engine/beam/point-outside-span", test_point_outside_span);
  g_test_add_func ("/engine/beam/checks/limit-ratio", test_limit_ratio);
  g_test_add_func ("/engine/beam/checks/limit-absolute", test_limit_absolute);
  g_test_add_func ("/engine/beam/checks/limit-exact", test_limit_exact);
  g_test_add_func ("/engine/beam/checks/strength-boundary", test_strength_boundary);

  return g_test_run ();
}
