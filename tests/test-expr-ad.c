#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-expr-ad.h"
#include "ps-test-utils.h"

/* Forward-mode automatic differentiation of the limit-state bytecode (ps-expr-ad.h).
 *
 * Each case gives g and its partial derivatives written out by hand from the rules
 * of calculus (the reference), at non-trivial points; the AD gradient must match to
 * 1e-13 relative, and its value must be the bits of ps_expr_eval(). */

typedef struct
{
  const char *text;
  double x[3];
  double (*dg) (const double *x, guint i);
} AdCase;

static const char *const names[] = { "a", "b", "c" };

static double
d_poly (const double *x, guint i)
{
  /* a*b - c/a + 3*a^2: (b + c/a^2 + 6a, a, -1/a) */
  double a = x[0], b = x[1], c = x[2];
  return i == 0 ? b + c / (a * a) + 6 * a : (i == 1 ? a : -1 / a);
}

static double
d_funcs (const double *x, guint i)
{
  /* sqrt(a) + exp(b) * log(c) + sin(a*b) - cos(c) + tan(b/4) */
  double a = x[0], b = x[1], c = x[2];
  double t = tan (b / 4);
  if (i == 0)
    return 0.5 / sqrt (a) + b * cos (a * b);
  if (i == 1)
    return exp (b) * log (c) + a * cos (a * b) + (1 + t * t) / 4;
  return exp (b) / c + sin (c);
}

static double
d_pow (const double *x, guint i)
{
  /* a^b + pow(c, 3) - (-a)^2: (b a^(b-1) - 2a, a^b ln a, 3 c^2) */
  double a = x[0], b = x[1], c = x[2];
  return i == 0 ? b * pow (a, b - 1) - 2 * a : (i == 1 ? pow (a, b) * log (a) : 3 * c * c);
}

static double
d_minmax (const double *x, guint i)
{
  /* min(a, b) - max(2*c, b) + abs(c - a), at a < b < 2c and c < a: min is a, max is
   * 2c, abs is a - c */
  return i == 0 ? 1 + 1 : (i == 1 ? 0 : -2 - 1);
}

static double
d_rp14 (const double *x, guint i)
{
  /* a - 32/(pi b^3) sqrt(c^2 / 16 + 1), the shaft of otbenchmark RP14 with x4 = 1 */
  double b = x[1], c = x[2], r = sqrt (c * c / 16 + 1);
  if (i == 0)
    return 1;
  if (i == 1)
    return 3 * 32 / (G_PI * pow (b, 4)) * r;
  return -32 / (G_PI * b * b * b) * (c / 16) / r;
}

static const AdCase cases[] = {
  { "a*b - c/a + 3*a^2", { 2.385, -1.7, 4.2 }, d_poly },
  { "sqrt(a) + exp(b) * log(c) + sin(a*b) - cos(c) + tan(b/4)", { 1.37, 0.62, 2.9 }, d_funcs },
  { "a^b + pow(c, 3) - (-a)^2", { 1.9, 2.3, -1.4 }, d_pow },
  { "min(a, b) - max(2*c, b) + abs(c - a)", { 1.1, 1.6, 0.95 }, d_minmax },
  { "a - 32/(pi*b^3) * sqrt(c^2/16 + 1)", { 75.3, 39.1, 1480.0 }, d_rp14 },
};

static void
test_gradients (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const AdCase *c = &cases[k];
      g_autoptr (GError) error = NULL;
      g_autoptr (PsExpr) expr = ps_expr_compile (c->text, names, 3, NULL, NULL, 0, &error);
      double grad[3], g, g0;
      g_autofree double *ws = NULL;

      g_assert_no_error (error);
      ws = g_new (double, ps_expr_grad_workspace_size (expr));
      g = ps_expr_eval_grad (expr, c->x, grad, ws);
      g0 = ps_expr_eval (expr, c->x);
      g_assert_cmpmem (&g, sizeof g, &g0, sizeof g0);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *label = g_strdup_printf ("%s d/d%s", c->text, names[i]);
          double want = c->dg (c->x, i);

          if (want == 0.0)
            g_assert_cmpfloat (fabs (grad[i]), <=, 1e-15);
          else
            assert_close (label, grad[i], want, 1e-13);
        }
    }
}

/* A negative base to a constant integer power has a derivative (the ln a term is left
 * out where the exponent does not vary); a NaN operand of min gives NaN. */
static void
test_special (void)
{
  g_autoptr (PsExpr) e1 = ps_expr_compile ("a^3", names, 1, NULL, NULL, 0, NULL);
  g_autoptr (PsExpr) e2 = ps_expr_compile ("min(log(a), b)", names, 2, NULL, NULL, 0, NULL);
  double ws[64], grad[2], x[2] = { -2.0, 0.0 };

  g_assert_cmpfloat (ps_expr_eval_grad (e1, x, grad, ws), ==, -8.0);
  g_assert_cmpfloat (grad[0], ==, 12.0);
  g_assert_true (isnan (ps_expr_eval_grad (e2, x, grad, ws)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/expr/ad/gradients", test_gradients);
  g_test_add_func ("/engine/expr/ad/special", test_special);
  return g_test_run ();
}
