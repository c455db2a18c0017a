#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-calc-sheet.h"
#include "ps-design-sheets.h"
#include "ps-moment-shape-math.h"
#include "ps-sls-math.h"
#include "ps-test-utils.h"

/* The shared serviceability check (ps-sls-math.h), the moment-diagram shapes the
 * stability rules use (ps-moment-shape-math.h) and the calculation sheet type. */

static PsDesignActions
sls_actions (double w_total, double w_variable, double limit_total, double limit_variable)
{
  PsDesignActions a;

  memset (&a, 0, sizeof a);
  a.L_ref = 6.0;
  a.w_total = w_total;
  a.w_variable = w_variable;
  a.limit_total = limit_total;
  a.limit_variable = limit_variable;
  a.M_sls = NAN;
  return a;
}

/* L = 6 m: L/250 = 24 mm, L/360 = 16.667 mm. A cantilever of 3 m has L_ref = 6 m
 * (twice its length), so the same limits. */
static void
test_deflection (void)
{
  PsDesignResult r;
  PsDesignActions a = sls_actions (-18e-3, 20e-3, 6.0 / 250, 6.0 / 360);

  ps_design_result_init (&r);
  ps_sls_check (&a, &r);
  g_assert_false (r.refused);
  assert_close ("u_deflection", r.u[PS_CHECK_DEFLECTION], 0.75, 1e-12);
  assert_close ("u_deflection_variable", r.u[PS_CHECK_DEFLECTION_VARIABLE], 1.2, 1e-12);

  /* No limit: no check. */
  a = sls_actions (18e-3, 20e-3, NAN, NAN);
  ps_design_result_init (&r);
  ps_sls_check (&a, &r);
  g_assert_false (r.refused);
  g_assert_true (isnan (r.u[PS_CHECK_DEFLECTION]));
  g_assert_true (isnan (r.u[PS_CHECK_DEFLECTION_VARIABLE]));

  /* A NaN deflection against a limit never passes. */
  a = sls_actions (NAN, 1e-3, 0.024, 0.016);
  ps_design_result_init (&r);
  ps_sls_check (&a, &r);
  g_assert_true (r.refused);
  assert_close ("variable still checked", r.u[PS_CHECK_DEFLECTION_VARIABLE], 1e-3 / 0.016, 1e-12);

  /* A limit that is not positive is bad input: refused. */
  a = sls_actions (1e-3, 1e-3, 0.0, NAN);
  ps_design_result_init (&r);
  ps_sls_check (&a, &r);
  g_assert_true (r.refused);
}

static void
test_set_u (void)
{
  PsDesignResult r;

  ps_design_result_init (&r);
  ps_design_set_u (&r, PS_CHECK_BENDING, 0.5);
  g_assert_false (r.refused);
  ps_design_set_u (&r, PS_CHECK_SHEAR, INFINITY);
  g_assert_false (r.refused);
  ps_design_set_u (&r, PS_CHECK_LTB, NAN);
  g_assert_true (r.refused);
  ps_design_result_init (&r);
  ps_design_set_u (&r, PS_CHECK_LTB, -0.1);
  g_assert_true (r.refused);
  g_assert_true (isnan (ps_design_max2 (NAN, 1.0)));
  g_assert_true (isnan (ps_design_max2 (1.0, NAN)));
  g_assert_cmpfloat (ps_design_max2 (1.0, 2.0), ==, 2.0);
}

typedef struct
{
  PsMomentSegment s;
  PsMomentShape shape;
  double psi;
} ShapeCase;

/* Ordinates at the ends, quarter points and middle of the textbook diagrams: uniform
 * load w L^2/8 (quarter points 3/4 of the maximum), central point load P L / 4
 * (quarter points 1/2), end moments M and psi M (linear), a cantilever's uniform load
 * (x/L)^2 from the free end. */
static const ShapeCase shape_cases[] = {
  { { 6, 0, 0, 75, 100, 75, 100 }, PS_MOMENT_SHAPE_PARABOLIC, NAN },
  { { 6, 0, 0, 50, 100, 50, 100 }, PS_MOMENT_SHAPE_TRIANGULAR, NAN },
  { { 6, 100, 100, 100, 100, 100, 100 }, PS_MOMENT_SHAPE_UNIFORM, 1.0 },
  { { 6, 100, -50, 62.5, 25, -12.5, 100 }, PS_MOMENT_SHAPE_LINEAR, -0.5 },
  { { 6, 0, 100, 25, 50, 75, 100 }, PS_MOMENT_SHAPE_LINEAR, 0.0 },
  { { 3, 0, -100, -6.25, -25, -56.25, -100 }, PS_MOMENT_SHAPE_CANTILEVER_UDL, NAN },
  { { 6, 0, 0, 80, 100, 60, 100 }, PS_MOMENT_SHAPE_OTHER, NAN },
  { { 6, 0, 0, 0, 0, 0, 0 }, PS_MOMENT_SHAPE_NONE, NAN },
  { { 6, 0, 0, NAN, 100, 75, 100 }, PS_MOMENT_SHAPE_OTHER, NAN },
};

static void
test_moment_shapes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shape_cases); i++)
    {
      double psi;

      g_assert_cmpint (ps_moment_shape (&shape_cases[i].s, &psi), ==, shape_cases[i].shape);
      if (!isnan (shape_cases[i].psi))
        assert_close ("psi", psi, shape_cases[i].psi, 1e-12);
    }
}

static void
test_calc_sheet (void)
{
  g_autoptr (PsCalcSheet) sheet = ps_calc_sheet_new ("EN 1993-1-1");
  PsCalcLine *line;
  PsDesignResult r;
  PsDesignActions a = sls_actions (12e-3, 5e-3, 0.024, NAN);

  ps_calc_sheet_add (sheet, "EN 1993-1-1 6.2.6(2)", "Plastic shear resistance",
                     "V_pl,Rd = A_v (f_y/√3)/γ_M0", "= 2568 mm² × (355 MPa/√3)/1.0", "= 526.4 kN",
                     0.5);
  ps_calc_sheet_add (sheet, NULL, NULL, NULL, NULL, NULL, NAN);
  g_assert_cmpstr (sheet->title, ==, "EN 1993-1-1");
  g_assert_cmpuint (sheet->lines->len, ==, 2);
  line = g_ptr_array_index (sheet->lines, 0);
  g_assert_cmpstr (line->clause, ==, "EN 1993-1-1 6.2.6(2)");
  g_assert_cmpstr (line->result, ==, "= 526.4 kN");
  g_assert_cmpfloat (line->utilisation, ==, 0.5);
  line = g_ptr_array_index (sheet->lines, 1);
  g_assert_cmpstr (line->clause, ==, "");
  g_assert_true (isnan (line->utilisation));

  ps_design_result_init (&r);
  ps_sls_check (&a, &r);
  ps_sls_sheet_add (sheet, "EN 1993-1-1 7.2.1", "w", a.w_total, a.w_variable, &a, &r);
  g_assert_cmpuint (sheet->lines->len, ==, 3);
  line = g_ptr_array_index (sheet->lines, 2);
  g_assert_cmpstr (line->formula, ==, "w ≤ w_lim (L/250)");
  g_assert_cmpstr (line->substituted, ==, "12.00 mm / 24.00 mm");
  assert_close ("sheet u", line->utilisation, 0.5, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/sls/deflection", test_deflection);
  g_test_add_func ("/engine/sls/set-u", test_set_u);
  g_test_add_func ("/engine/sls/moment-shapes", test_moment_shapes);
  g_test_add_func ("/engine/sls/calc-sheet", test_calc_sheet);
  return g_test_run ();
}
