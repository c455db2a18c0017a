#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-expr-ad.h"

gsize
ps_expr_grad_workspace_size (const PsExpr *expr)
{
  g_return_val_if_fail (expr != NULL, 0);
  return (gsize)ps_expr_get_stack_depth (expr) * (1 + ps_expr_get_n_vars (expr));
}

double
ps_expr_eval_grad (const PsExpr *expr, const double *vars, double *grad, double *workspace)
{
  guint n_ops, depth = ps_expr_get_stack_depth (expr);
  const PsExprOp *code = ps_expr_get_code (expr, &n_ops);

  return ps_expr_run_grad (code, n_ops, ps_expr_get_n_vars (expr), vars, workspace,
                           workspace + depth, grad);
}
