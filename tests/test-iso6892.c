#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-iso6892.h"
#include "ps-regression.h"
#include "ps-test-utils.h"

/* The ISO 6892-1 / ASTM E8-E111 analysis (ps-iso6892-math.h) on synthetic curves built
 * here with exactly known answers: a yield drop with a serrated plateau (ReH, ReL with
 * the initial transient ignored, Ae from the horizontal through the last minimum and
 * the hardening line), necking and fracture (Ag, At, A with the elastic part removed,
 * and the fracture that is never reached), proof strengths of a bilinear curve in
 * closed form, the ISO 6892-1 Annex G iteration from a bad first window, the ASTM
 * E111 chord and tangent moduli of a piecewise-linear curve with a toe, a preload
 * corrected by toe compensation, the Hollomon law and the Ramberg-Osgood curve with
 * known exponents; and the study-file options of the analysis with their errors. */

typedef struct
{
  GArray *x, *y;
} Curve;

static void
curve_init (Curve *c)
{
  c->x = g_array_new (FALSE, FALSE, sizeof (double));
  c->y = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
curve_clear (Curve *c)
{
  g_array_unref (c->x);
  g_array_unref (c->y);
}

static void
add (Curve *c, double x, double y)
{
  g_array_append_val (c->x, x);
  g_array_append_val (c->y, y);
}

static const double *
X (const Curve *c)
{
  return (const double *)c->x->data;
}

static const double *
Y (const Curve *c)
{
  return (const double *)c->y->data;
}

static PsIsoParams
params_window (double from, double to)
{
  PsIsoParams p;

  ps_iso_params_init (&p);
  p.window.window = PS_REG_WINDOW_STRAIN;
  p.window.from = from;
  p.window.to = to;
  return p;
}

/* ---------------------------------------------------------------------------------
 * A yield drop, a serrated plateau, hardening, necking and fracture
 * ------------------------------------------------------------------------------ */

#define YP_E 205e9
#define YP_REH 392e6
#define YP_EL 0.021   /* the last minimum of the plateau: hardening starts here */
#define YP_LAST 372e6 /* its stress */
#define YP_REL 371e6  /* the lowest stress after the initial transient */
#define YP_EU (YP_EL + 0.12)
#define YP_RM 540e6
#define YP_EF (YP_EU + 0.06)
#define YP_RF 360e6

/* Elastic to ReH (the peak a sample), a drop to a transient minimum of 360 MPa, a
 * plateau whose serrations (7 MPa, above the 0.5 % hysteresis) have minima of 371.5,
 * 371 and finally 372 MPa at YP_EL, linear hardening to Rm at YP_EU, linear necking
 * to 360 MPa at YP_EF, then the fracture (a fall to 20 MPa). With @fracture FALSE the
 * test stops before it. Returns the index of ReH, ReL and the last minimum. */
static void
yield_curve (Curve *c, gboolean fracture, guint *i_reh, guint *i_rel)
{
  const double eh = YP_REH / YP_E;
  const double plateau[] = { 376e6, 371.5e6, 376e6, YP_REL, 376e6, 374e6, 376.5e6 };
  const double H = (YP_RM - YP_LAST) / (YP_EU - YP_EL);
  double e;

  for (int k = 0; k <= 95; k++)
    add (c, eh * k / 95, YP_REH * k / 95);
  *i_reh = c->x->len - 1;
  add (c, eh + 0.0001, 360e6);
  e = eh + 0.00035;
  for (int k = 0; e < YP_EL - 1e-9; k++, e += 0.00025)
    {
      if (plateau[k % G_N_ELEMENTS (plateau)] == YP_REL && *i_rel == 0)
        *i_rel = c->x->len;
      add (c, e, plateau[k % G_N_ELEMENTS (plateau)]);
    }
  for (int k = 0; k <= 120; k++)
    add (c, YP_EL + 0.001 * k, YP_LAST + H * 0.001 * k);
  for (int k = 1; k <= 60; k++)
    add (c, YP_EU + 0.001 * k, YP_RM - (YP_RM - YP_RF) / 0.06 * 0.001 * k);
  if (fracture)
    {
      add (c, YP_EF + 0.0002, 20e6);
      add (c, YP_EF + 0.0004, 2e6);
    }
}

static void
test_yield_point (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0002, 0.0012);
  PsIsoResult r;
  guint i_reh = 0, i_rel = 0;
  g_autofree char *notes = NULL;

  curve_init (&c);
  yield_curve (&c, TRUE, &i_reh, &i_rel);
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  assert_close ("E", r.E, YP_E, 1e-12);
  g_assert_cmpfloat (fabs (r.toe_strain), <, 1e-15);
  g_assert_true (r.has_yield_point);
  g_assert_cmpfloat (r.ReH, ==, YP_REH);
  assert_close ("ReH strain", r.ReH_strain, YP_REH / YP_E, 1e-12);
  /* The transient's 360 MPa is ignored: ReL is the lowest stress after it. */
  g_assert_cmpfloat (r.ReL, ==, YP_REL);
  assert_close ("ReL strain", r.ReL_strain, g_array_index (c.x, double, i_rel), 1e-12);
  /* The horizontal through 372 MPa meets the hardening line at YP_EL. */
  assert_close ("Ae end", r.Ae_end_strain, YP_EL, 1e-10);
  assert_close ("Ae", r.Ae, YP_EL - YP_REH / YP_E, 1e-10);
  g_assert_cmpfloat (r.Rm, ==, YP_RM);
  assert_close ("Agt", r.Agt, YP_EU, 1e-12);
  assert_close ("Ag = Agt - Rm/E", r.Ag, YP_EU - YP_RM / YP_E, 1e-12);
  g_assert_true (r.has_fracture);
  g_test_message ("imax %" G_GUINT64_FORMAT " (%g, %g) fracture %" G_GUINT64_FORMAT " of %u",
                  r.i_max, X (&c)[r.i_max], Y (&c)[r.i_max], r.i_fracture, c.x->len);
  assert_close ("fracture stress", r.fracture_stress, YP_RF, 1e-12);
  assert_close ("At", r.At, YP_EF, 1e-12);
  assert_close ("A = At - Rf/E", r.A, YP_EF - YP_RF / YP_E, 1e-12);
  /* Rp0.2 lies on the plateau; the default offset list is Rp0.2 alone. */
  g_assert_cmpint (p.n_offsets, ==, 1);
  g_assert_cmpfloat (r.Rp[0], <, YP_REH);
  g_assert_cmpfloat (r.Rp[0], >, 360e6);
  notes = ps_iso6892_notes_text (&p, &r);
  g_assert_null (notes);
  curve_clear (&c);
}

/* The same test stopped before fracture: A and At are missing with their reason, the
 * rest is as before. A larger fall asked for than the curve has: no fracture either;
 * a little less, and the fracture is where the fall began. */
static void
test_no_fracture (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0002, 0.0012);
  PsIsoResult r;
  guint i_reh = 0, i_rel = 0;
  g_autofree char *notes = NULL;

  curve_init (&c);
  yield_curve (&c, FALSE, &i_reh, &i_rel);
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_assert_false (r.has_fracture);
  g_assert_true (isnan (r.A) && isnan (r.At));
  g_assert_true (r.notes & PS_ISO_NOTE_NO_FRACTURE);
  assert_close ("Ag still", r.Ag, YP_EU - YP_RM / YP_E, 1e-12);
  notes = ps_iso6892_notes_text (&p, &r);
  g_assert_nonnull (notes);
  g_assert_true (g_str_has_prefix (notes, "fracture not reached: the force never falls by 80 %"));
  curve_clear (&c);

  curve_init (&c);
  yield_curve (&c, TRUE, &i_reh, &i_rel);
  /* The steepest fall: from 369 MPa (the highest of the 5 points before) to 2 MPa,
   * 99.46 %. */
  p.fracture_drop = 0.995;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_assert_false (r.has_fracture);
  p.fracture_drop = 0.99;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_assert_true (r.has_fracture);
  assert_close ("At", r.At, YP_EF, 1e-12);
  curve_clear (&c);
}

/* ---------------------------------------------------------------------------------
 * Proof strengths, Annex G, chord and tangent moduli, toe compensation
 * ------------------------------------------------------------------------------ */

#define BL_E 203.7e9
#define BL_FY 347.3e6
#define BL_H (0.0123 * BL_E)

/* The bilinear curve of test-regression's /bilinear-yield, sampled unevenly, to a
 * strain of 0.05; the offset line E (eps - a) meets the hardening branch at
 * eps* = (fy - H ey + a E) / (E - H), and interpolation on a straight branch is
 * exact. */
static void
bilinear_curve (Curve *c, double shift_stress)
{
  const double ey = BL_FY / BL_E;

  for (double e = 0; e < 0.0015; e += 0.0000371)
    add (c, e, BL_E * e);
  for (double e = 0.0018; e < 0.05; e += 0.000613)
    add (c, e, BL_FY + BL_H * (e - ey));
  (void)shift_stress;
}

static double
bilinear_rp (double a, double *strain)
{
  const double ey = BL_FY / BL_E;
  double es = (BL_FY - BL_H * ey + a * BL_E) / (BL_E - BL_H);

  *strain = es;
  return BL_E * (es - a);
}

static void
test_proof_strengths (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0002, 0.0012);
  PsIsoResult r;
  const double offsets[] = { 0.001, 0.002, 0.005, 0.08 };
  g_autofree char *notes = NULL;

  curve_init (&c);
  bilinear_curve (&c, 0);
  p.n_offsets = G_N_ELEMENTS (offsets);
  memcpy (p.offsets, offsets, sizeof offsets);
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  for (int k = 0; k < 3; k++)
    {
      double es, rp = bilinear_rp (offsets[k], &es);

      assert_close ("Rp", r.Rp[k], rp, 1e-10);
      assert_close ("Rp strain", r.Rp_strain[k], es, 1e-10);
    }
  /* 8 % plastic is past the end of the test. */
  g_assert_true (isnan (r.Rp[3]));
  g_assert_cmpuint (r.rp_missing, ==, 1u << 3);
  /* Rt0.5: the hardening branch at a total strain of 0.005. */
  assert_close ("Rt0.5", r.Rt, BL_FY + BL_H * (0.005 - BL_FY / BL_E), 1e-12);
  g_assert_false (r.has_yield_point);
  g_assert_true (r.notes & PS_ISO_NOTE_NO_YIELD_POINT);
  notes = ps_iso6892_notes_text (&p, &r);
  g_assert_nonnull (strstr (notes, "Rp8 not reached"));
  curve_clear (&c);
}

/* ISO 6892-1 Annex G from a first window that reaches into the plastic range (so the
 * first E is too low): the iteration settles on the exact E and the exact Rp0.2. */
static void
test_annex_g (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0005, 0.004);
  PsIsoResult r, w;
  double es, rp = bilinear_rp (0.002, &es);

  curve_init (&c);
  bilinear_curve (&c, 0);
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &w), ==, PS_REG_OK);
  g_assert_cmpfloat (w.E, <, 0.9 * BL_E);
  p.modulus = PS_ISO_MODULUS_ANNEX_G;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_test_message ("window E %.6g, Annex G E %.10g after %d iterations", w.E, r.E, r.E_iterations);
  assert_close ("E", r.E, BL_E, 1e-12);
  assert_close ("R^2", r.E_r2, 1.0, 1e-12);
  assert_close ("Rp0.2", r.Rp[0], rp, 1e-10);
  g_assert_cmpint (r.E_iterations, >=, 2);
  g_assert_false (r.notes & PS_ISO_NOTE_ANNEX_G_NO_CONVERGE);
  /* The fitted points lie between 10 % and 40 % of Rp0.2. */
  g_assert_cmpfloat (Y (&c)[r.E_first], >=, 0.1 * rp);
  g_assert_cmpfloat (Y (&c)[r.E_last], <=, 0.4 * rp);
  g_assert_cmpfloat (Y (&c)[r.E_first - 1], <, 0.1 * rp);
  curve_clear (&c);
}

/* ASTM E111 chord and tangent moduli on a piecewise-linear curve with a toe: 50 GPa to
 * (0.0004, 20 MPa), 200 GPa to 300 MPa, then 2 GPa. The chord between 50 and 250 MPa
 * and the tangent at 150 MPa lie on the 200 GPa branch; the chord between strains
 * 0.0002 (10 MPa, on the toe) and 0.001 (140 MPa) is (140 - 10) / 0.0008 = 162.5 GPa.
 * The toe is compensated: the 200 GPa line meets zero stress at 0.0003. */
static void
test_chord_tangent (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0002, 0.0012);
  PsIsoResult r;
  const double e1 = 0.0004, e2 = 0.0004 + 280e6 / 200e9;

  curve_init (&c);
  for (int k = 0; k <= 40; k++)
    add (&c, 1e-5 * k, 50e9 * 1e-5 * k);
  for (int k = 1; k <= 140; k++)
    add (&c, e1 + 1e-5 * k, 20e6 + 200e9 * 1e-5 * k);
  for (int k = 1; k <= 100; k++)
    add (&c, e2 + 1e-4 * k, 300e6 + 2e9 * 1e-4 * k);
  p.modulus = PS_ISO_MODULUS_CHORD;
  p.chord_axis = PS_ISO_AT_STRESS;
  p.chord_from = 50e6;
  p.chord_to = 250e6;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  assert_close ("chord E, stresses", r.E, 200e9, 1e-12);
  assert_close ("toe", r.toe_strain, 0.0003, 1e-9);
  g_assert_true (r.notes & PS_ISO_NOTE_TOE);
  assert_close ("chord R^2", r.E_r2, 1.0, 1e-12);

  p.chord_axis = PS_ISO_AT_STRAIN;
  p.chord_from = 0.0002;
  p.chord_to = 0.001;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  assert_close ("chord E, strains", r.E, 162.5e9, 1e-12);

  p.modulus = PS_ISO_MODULUS_TANGENT;
  p.chord_axis = PS_ISO_AT_STRESS;
  p.tangent_at = 150e6;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  assert_close ("tangent E", r.E, 200e9, 1e-12);
  g_assert_cmpuint (r.E_points, >=, 7);
  curve_clear (&c);
}

/* A preload: the bilinear curve recorded from sigma_p = 25 MPa with the extensometer
 * zeroed there (recorded strain eps - sigma_p / E). Toe compensation moves the origin
 * back: every extension and strength equals the curve's own, and the result says so;
 * without it, Rt0.5 is taken 0.000123 too early. */
static void
test_preload (void)
{
  Curve c, s;
  PsIsoParams p = params_window (0.0002, 0.0012);
  PsIsoResult r, ref, raw;
  const double ep = 25e6 / BL_E;
  g_autofree char *notes = NULL;

  curve_init (&c);
  curve_init (&s);
  bilinear_curve (&c, 0);
  for (guint i = 0; i < c.x->len; i++)
    if (X (&c)[i] >= ep)
      add (&s, X (&c)[i] - ep, Y (&c)[i]);
  g_assert_cmpfloat (Y (&s)[0], >, 20e6);
  p.n_offsets = 2;
  p.offsets[1] = 0.005;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &ref), ==, PS_REG_OK);
  g_assert_cmpint (ps_iso_analyse (&p, X (&s), Y (&s), s.x->len, &r), ==, PS_REG_OK);
  assert_close ("toe", r.toe_strain, -ep, 1e-9);
  g_assert_true (r.notes & PS_ISO_NOTE_TOE);
  notes = ps_iso6892_notes_text (&p, &r);
  g_assert_true (g_str_has_prefix (notes, "toe compensated"));
  assert_close ("E", r.E, BL_E, 1e-12);
  assert_close ("Rp0.2", r.Rp[0], ref.Rp[0], 1e-10);
  assert_close ("Rp0.2 strain", r.Rp_strain[0], ref.Rp_strain[0], 1e-9);
  assert_close ("Rp0.5", r.Rp[1], ref.Rp[1], 1e-10);
  assert_close ("Rt0.5", r.Rt, ref.Rt, 1e-10);
  assert_close ("Agt", r.Agt, ref.Agt, 1e-9);
  assert_close ("Ag", r.Ag, ref.Ag, 1e-9);
  p.toe_compensation = FALSE;
  g_assert_cmpint (ps_iso_analyse (&p, X (&s), Y (&s), s.x->len, &raw), ==, PS_REG_OK);
  assert_close ("Rt0.5 uncompensated", raw.Rt, BL_FY + BL_H * (0.005 + ep - BL_FY / BL_E), 1e-10);
  /* The proof strengths do not depend on it: the offset line is the fitted line's. */
  assert_close ("Rp0.2 uncompensated", raw.Rp[0], ref.Rp[0], 1e-10);
  curve_clear (&c);
  curve_clear (&s);
}

/* ---------------------------------------------------------------------------------
 * Hardening laws
 * ------------------------------------------------------------------------------ */

/* The engineering stress R and strain e of the point whose true plastic strain is
 * @p on the Hollomon curve sigma_t = K p^n: e_p = exp (p) - 1, e = e_p + R / E and
 * R (1 + e) = sigma_t, a quadratic in R. */
static void
hollomon_point (double K, double n, double E, double p, double *e, double *R)
{
  double ep = expm1 (p), st = K * pow (p, n), b = 1 + ep;

  *R = (-b + sqrt (b * b + 4 * st / E)) * E / 2;
  *e = ep + *R / E;
}

/* Elastic (200 GPa) to the first plastic point, then the Hollomon curve K = 800 MPa,
 * n = 0.21 in true plastic strain from 0.003 to 0.3; the engineering maximum lies
 * inside (at p = n, Considere), and over the uniform range (0.2 % plastic strain to
 * Ag) ISO 10275's regression returns n and K. An explicit range (n10-20) too. */
static void
test_hollomon (void)
{
  Curve c;
  PsIsoParams p = params_window (0.0002, 0.001);
  PsIsoResult r;
  const double K = 800e6, n = 0.21, E = 200e9;
  double e0, R0;

  curve_init (&c);
  hollomon_point (K, n, E, 0.003, &e0, &R0);
  for (double e = 0; e < R0 / E; e += 1e-4)
    add (&c, e, E * e);
  for (int k = 1; k <= 100; k++)
    {
      double e, R;

      hollomon_point (K, n, E, 0.003 * k, &e, &R);
      add (&c, e, R);
    }
  add (&c, X (&c)[c.x->len - 1] + 1e-4, 1e6);
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  assert_close ("E", r.E, E, 1e-12);
  g_test_message ("n %.15g K %.15g over %" G_GUINT64_FORMAT " points", r.hollomon_n, r.hollomon_K,
                  r.hollomon_points);
  g_assert_cmpuint (r.hollomon_points, >=, 60);
  assert_close ("n", r.hollomon_n, n, 1e-9);
  assert_close ("K", r.hollomon_K, K, 1e-9);
  assert_close ("R^2", r.hollomon_r2, 1, 1e-12);
  /* Considere: the maximum force where the true plastic strain is n (a sample there). */
  assert_close ("Ag", log1p (r.Ag), n, 1e-9);
  g_assert_true (r.has_fracture);

  p.hollomon_from = 0.10;
  p.hollomon_to = 0.20;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_assert_cmpfloat (r.hollomon_from, ==, 0.10);
  assert_close ("n10-20", r.hollomon_n, n, 1e-9);
  curve_clear (&c);
}

/* The Ramberg-Osgood curve eps = sigma / E + 0.002 (sigma / s02)^n written point by
 * point (E = 70 GPa, s02 = 250 MPa, n = 12.5): given E and s02 the fit returns n;
 * through the whole analysis (E from the window, s02 = its Rp0.2) within 1 %. */
static void
test_ramberg_osgood (void)
{
  Curve c;
  PsIsoParams p;
  PsIsoResult r;
  const double E = 70e9, s02 = 250e6, n = 12.5;
  double got = NAN;

  curve_init (&c);
  for (double s = 0; s <= 1.3 * s02; s += 1e6)
    add (&c, s / E + 0.002 * pow (s / s02, n), s);
  add (&c, X (&c)[c.x->len - 1] + 1e-4, 1e6);
  g_assert_cmpuint (ps_iso_ramberg_osgood (X (&c), Y (&c), c.x->len - 2, E, s02, 0, 1e-4, &got), >=,
                    40);
  assert_close ("n, E and s02 given", got, n, 1e-10);

  ps_iso_params_init (&p);
  p.window.window = PS_REG_WINDOW_STRESS;
  p.window.from = 0.1;
  p.window.to = 0.4;
  p.ramberg_osgood = TRUE;
  g_assert_cmpint (ps_iso_analyse (&p, X (&c), Y (&c), c.x->len, &r), ==, PS_REG_OK);
  g_test_message ("E %.6g Rp0.2 %.6g n %.6g", r.ro_E, r.ro_s02, r.ro_n);
  /* The window (10 % to 40 % of the maximum) holds a little plastic strain: at 130 MPa
   * 0.002 (130 / 250)^12.5 = 5.6e-7 beside 1.9e-3 elastic. */
  assert_close ("E", r.ro_E, E, 1e-3);
  assert_close ("Rp0.2 = s02", r.ro_s02, s02, 1e-3);
  assert_close ("n", r.ro_n, n, 0.01);
  curve_clear (&c);
}

/* ---------------------------------------------------------------------------------
 * The lab exports, read and analysed
 * ------------------------------------------------------------------------------ */

/* The examples of data/examples/lab-exports read as a run reads them and analysed:
 * the Instron S355 coupons were written with an upper yield point of 392, 386 and
 * 398 MPa, a transient 2 MPa below ReL, a plateau 2 to 6 MPa above it and hardening
 * from ReL itself (371, 368, 376 MPa: the lowest stress after the transient, within
 * the +-0.3 MPa noise and the 0.5 MPa of the first hardening step), and break with a
 * fall to 12 % of Rm;
 * the MTS bars yield continuously; the testXpert sheet starts at a 35 N preload. */
static void
test_lab_exports (void)
{
  static const double reh[] = { 392e6, 386e6, 398e6 }, rel[] = { 371e6, 368e6, 376e6 };
  PsIsoParams p;
  PsIsoResult r;

  {
    g_autoptr (PsStudy) study = load_example ("lab-exports/instron-bluehill.json");
    const PsRegressionModel *m = study->model;

    for (guint64 i = 0; i < study->n_items; i++)
      {
        g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr (GError) error = NULL;

        g_assert_true (ps_regression_read_points (m, i, x, y, &error));
        ps_iso_params_init (&p);
        ps_regression_fit_params (m, &p.window);
        g_assert_cmpint (ps_iso_analyse (&p, (double *)x->data, (double *)y->data, x->len, &r), ==,
                         PS_REG_OK);
        g_test_message ("%s: E %.4g ReH %.5g ReL %.5g Ae %.4g Rm %.5g Ag %.4g A %.4g n %.3f",
                        m->specimens[i].name, r.E, r.ReH, r.ReL, r.Ae, r.Rm, r.Ag, r.A,
                        r.hollomon_n);
        g_assert_true (r.has_yield_point);
        assert_close ("ReH", r.ReH, reh[i], 2e-3);
        assert_close ("ReL", r.ReL, rel[i], 3e-3);
        g_assert_true (r.has_fracture);
        g_assert_cmpfloat (r.Ae, >, 0.01);
        g_assert_cmpfloat (r.A, >, r.Ag);
      }
  }
  {
    g_autoptr (PsStudy) study = load_example ("lab-exports/mts-testsuite.json");
    const PsRegressionModel *m = study->model;
    g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));

    g_assert_true (ps_regression_read_points (m, 0, x, y, NULL));
    ps_iso_params_init (&p);
    ps_regression_fit_params (m, &p.window);
    g_assert_cmpint (ps_iso_analyse (&p, (double *)x->data, (double *)y->data, x->len, &r), ==,
                     PS_REG_OK);
    g_assert_false (r.has_yield_point);
    g_assert_true (r.has_fracture);
    /* Written as Ramberg-Osgood with Rp0.2 = 548 MPa. */
    assert_close ("Rp0.2", r.Rp[0], 548e6, 0.01);
  }
  {
    g_autoptr (PsStudy) study = load_example ("lab-exports/zwick-testxpert.json");
    const PsRegressionModel *m = study->model;
    g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));

    g_assert_true (ps_regression_read_points (m, 0, x, y, NULL));
    ps_iso_params_init (&p);
    ps_regression_fit_params (m, &p.window);
    g_assert_cmpint (ps_iso_analyse (&p, (double *)x->data, (double *)y->data, x->len, &r), ==,
                     PS_REG_OK);
    /* 35 N on 40.3 mm^2 at 70.2 GPa: the origin moves back by 1.24e-5. */
    g_assert_true (r.notes & PS_ISO_NOTE_TOE);
    assert_close ("toe", r.toe_strain, -35.0 / 40.3005e-6 / 70.2e9, 0.1);
    assert_close ("Rp0.2", r.Rp[0], 196e6, 0.01);
  }
}

/* ---------------------------------------------------------------------------------
 * Options and quantities
 * ------------------------------------------------------------------------------ */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_parse (void)
{
  g_autoptr (JsonObject) fit = parse_object (
      "{\"modulus_method\": \"chord\", \"chord\": {\"from\": \"20 MPa\", \"to\": \"0.15 GPa\"},"
      " \"offsets\": [\"0.2 %\", \"0.5 %\", 0.01], \"total_extension\": \"0.5 %\","
      " \"yield_point\": {\"drop\": \"1 %\", \"hold\": \"0.1 %\"},"
      " \"fracture\": {\"drop\": \"60 %\", \"points\": 8},"
      " \"hollomon\": {\"from\": \"10 %\", \"to\": \"20 %\"}, \"ramberg_osgood\": true,"
      " \"toe_compensation\": false, \"annex_g\": {\"from\": 0.1, \"to\": 0.5}}");
  PsIsoParams p, r;
  PsIsoResult res;
  PsIsoQuantity q[PS_ISO_MAX_QUANTITIES];
  g_autoptr (GError) error = NULL;
  const char *names[] = { "E",  "Rp0.2", "Rp0.5", "Rp1", "Rt0.5", "ReH", "ReL", "Ae",
                          "Rm", "Agt",   "Ag",    "At",  "A",     "n",   "K",   "RO_n" };
  guint nq;

  ps_iso_params_init (&p);
  g_assert_true (ps_iso6892_parse (fit, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.modulus, ==, PS_ISO_MODULUS_CHORD);
  g_assert_cmpstr (ps_iso6892_modulus_name (p.modulus), ==, "chord");
  g_assert_cmpint (p.chord_axis, ==, PS_ISO_AT_STRESS);
  assert_close ("chord from", p.chord_from, 20e6, 1e-15);
  assert_close ("chord to", p.chord_to, 150e6, 1e-15);
  g_assert_cmpint (p.n_offsets, ==, 3);
  assert_close ("offset", p.offsets[1], 0.005, 1e-15);
  assert_close ("drop", p.yield_drop, 0.01, 1e-15);
  assert_close ("hold", p.yield_hold, 0.001, 1e-15);
  assert_close ("fracture", p.fracture_drop, 0.6, 1e-15);
  g_assert_cmpint (p.fracture_points, ==, 8);
  assert_close ("hollomon", p.hollomon_to, 0.2, 1e-15);
  g_assert_true (p.ramberg_osgood);
  g_assert_false (p.toe_compensation);
  assert_close ("annex G", p.annex_g_hi, 0.5, 1e-15);

  /* The quantities of a result: the same names whatever it holds. */
  ps_iso_result_init (&res);
  nq = ps_iso6892_quantities (&p, &res, q);
  g_assert_cmpuint (nq, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < nq; i++)
    {
      g_assert_cmpstr (q[i].name, ==, names[i]);
      g_assert_true (isnan (q[i].value));
    }
  g_assert_cmpstr (q[0].unit, ==, "Pa");
  g_assert_cmpstr (q[7].unit, ==, "1");

  /* Nothing given: the defaults stay. */
  {
    g_autoptr (JsonObject) empty = parse_object ("{}");

    ps_iso_params_init (&r);
    g_assert_true (ps_iso6892_parse (empty, &r, NULL));
    g_assert_cmpint (r.modulus, ==, PS_ISO_MODULUS_WINDOW);
    g_assert_cmpint (r.n_offsets, ==, 1);
    assert_close ("Rp0.2", r.offsets[0], 0.002, 0);
  }
}

typedef struct
{
  const char *fit;
  const char *path;
} BadFit;

static const BadFit bad_fits[] = {
  { "{\"modulus_method\": \"secant\"}", "fit.modulus_method:" },
  { "{\"modulus_method\": \"chord\"}", "fit.chord:" },
  { "{\"modulus_method\": \"chord\", \"chord\": {\"from\": \"20 MPa\", \"to\": \"0.1 %\"}}",
    "fit.chord.to:" },
  { "{\"modulus_method\": \"chord\", \"chord\": {\"from\": \"200 MPa\", \"to\": \"20 MPa\"}}",
    "fit.chord.to:" },
  { "{\"modulus_method\": \"chord\", \"chord\": {\"from\": \"2 m\", \"to\": \"20 MPa\"}}",
    "fit.chord.from:" },
  { "{\"chord\": {\"from\": \"20 MPa\", \"to\": \"100 MPa\"}}", "fit.chord:" },
  { "{\"modulus_method\": \"tangent\", \"tangent\": {\"band\": 0.1}}", "fit.tangent.at:" },
  { "{\"offsets\": []}", "fit.offsets:" },
  { "{\"offsets\": \"0.2 %\"}", "fit.offsets:" },
  { "{\"offsets\": [\"0.2 %\", \"-0.5 %\"]}", "fit.offsets[1]:" },
  { "{\"offsets\": [\"0.2 mm\"]}", "fit.offsets[0]:" },
  { "{\"annex_g\": {\"from\": 0.1, \"to\": 0.6}}", "fit.annex_g.to:" },
  { "{\"annex_g\": {\"from\": 0.3, \"to\": 0.2}}", "fit.annex_g.to:" },
  { "{\"fracture\": {\"points\": 0}}", "fit.fracture.points:" },
  { "{\"fracture\": {\"drop\": 1.5}}", "fit.fracture.drop:" },
  { "{\"hollomon\": {\"from\": \"20 %\", \"to\": \"10 %\"}}", "fit.hollomon:" },
  { "{\"yield_point\": {\"slope\": 1}}", "fit.yield_point.slope:" },
  { "{\"ramberg_osgood\": \"yes\"}", "fit.ramberg_osgood:" },
};

static void
test_parse_bad (gconstpointer data)
{
  const BadFit *b = data;
  g_autoptr (JsonObject) fit = parse_object (b->fit);
  g_autoptr (GError) error = NULL;
  PsIsoParams p;

  ps_iso_params_init (&p);
  g_assert_false (ps_iso6892_parse (fit, &p, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", b->fit, error->message);
  if (!g_str_has_prefix (error->message, b->path))
    g_error ("%s: expected the message to start with \"%s\", got \"%s\"", b->fit, b->path,
             error->message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/iso6892/yield-point", test_yield_point);
  g_test_add_func ("/engine/iso6892/no-fracture", test_no_fracture);
  g_test_add_func ("/engine/iso6892/proof-strengths", test_proof_strengths);
  g_test_add_func ("/engine/iso6892/annex-g", test_annex_g);
  g_test_add_func ("/engine/iso6892/chord-tangent", test_chord_tangent);
  g_test_add_func ("/engine/iso6892/preload", test_preload);
  g_test_add_func ("/engine/iso6892/hollomon", test_hollomon);
  g_test_add_func ("/engine/iso6892/ramberg-osgood", test_ramberg_osgood);
  g_test_add_func ("/engine/iso6892/lab-exports", test_lab_exports);
  g_test_add_func ("/engine/iso6892/parse", test_parse);
  for (guint i = 0; i < G_N_ELEMENTS (bad_fits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/iso6892/parse-bad/%u", i);

      g_test_add_data_func (path, &bad_fits[i], test_parse_bad);
    }
  return g_test_run ();
}
