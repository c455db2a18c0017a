/* libFuzzer harness: the limit-state compiler and both interpreters. The input is
 * the expression over variables R, S, F and constants D, pi2; a compiled program is
 * evaluated on a few samples by ps_expr_eval() and ps_expr_eval_block(), which must
 * agree bit for bit (NaN with NaN). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "expr/ps-expr.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const vars[] = { "R", "S", "F" };
  static const char *const consts[] = { "D", "pi2" };
  static const double const_values[] = { 0.02, 6.283185307179586 };
  static const double samples[][3] = {
    { 300e6, 75e3, 1.0 },
    { -1.5, 0.0, 2.5 },
    { 1e308, -1e308, 1e-308 },
    { 0.0, 0.0, 0.0 },
  };
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr = NULL;
  guint pos = 0;

  expr = ps_expr_compile_full (text, vars, 3, consts, const_values, 2, &pos, &error);
  if (expr == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  {
    enum
    {
      N = 4
    };
    double cols[3][N], out[N];
    const double *colp[3] = { cols[0], cols[1], cols[2] };
    g_autofree double *ws = g_new (double, ps_expr_get_stack_depth (expr) * PS_EXPR_BLOCK);

    for (int i = 0; i < N; i++)
      for (int v = 0; v < 3; v++)
        cols[v][i] = samples[i][v];
    ps_expr_eval_block (expr, colp, N, out, ws);
    for (int i = 0; i < N; i++)
      {
        double one = ps_expr_eval (expr, samples[i]);

        if (!(isnan (one) && isnan (out[i])) && memcmp (&one, &out[i], sizeof one) != 0)
          g_error ("eval %.17g and eval_block %.17g differ for \"%s\"", one, out[i], text);
      }
    g_free (ps_expr_to_string (expr));
    ps_expr_linear_form (expr, NULL, NULL);
  }
  return 0;
}
