/* ps-expr-ad.h: forward-mode automatic differentiation of the limit-state bytecode.
 *
 * FORM and SORM need the gradient of g. Every value of the bytecode carries its
 * tangent, the vector of its partial derivatives with respect to the n variables
 * (dual numbers, Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008,
 * ch. 3), so one pass gives g and its exact gradient. The values are computed by the
 * same operations in the same order as ps_expr_run() (ps-expr-eval.h), so g is the
 * bits that ps_expr_eval() gives; the tangents add only their own arithmetic. Plain
 * data and PS_HD functions, for the CPU and a later device kernel alike.
 *
 * The rules, for a value r of operands a and b with tangents ta and tb:
 *   ADD SUB  ta +- tb              MUL  ta b + a tb        DIV  (ta - r tb) / b
 *   NEG      -ta                   SQRT ta / (2 r)         EXP  r ta
 *   LOG      ta / a                SIN  cos(a) ta          COS  -sin(a) ta
 *   TAN      (1 + r^2) ta          ABS  -ta if a < 0, else ta (the right derivative at 0)
 *   POW      b a^(b-1) ta + r ln(a) tb, the second term only where tb is not 0, so that
 *            a negative base to a constant integer power has its derivative
 *   MIN MAX  the tangent of the operand chosen (as the value: a NaN operand is chosen)
 */
#pragma once

#include "ps-expr-eval-private.h"

static inline PS_HD double
ps_expr_run_grad (const PsExprOp *code, unsigned n_ops, unsigned n_vars, const double *vars,
                  double *stack, double *tan, double *grad)
{
  unsigned sp = 0;

  for (unsigned k = 0; k < n_ops; k++)
    {
      const PsExprOp ins = code[k];
      double *t = tan + (sp > 0 ? sp - 1 : 0) * n_vars; /* the top's tangent */

      switch (ins.op)
        {
        case PS_EXPR_OP_PUSH_CONST:
        case PS_EXPR_OP_PUSH_VAR:
          {
            double *tn = tan + sp * n_vars;

            for (unsigned j = 0; j < n_vars; j++)
              tn[j] = 0.0;
            if (ins.op == PS_EXPR_OP_PUSH_VAR)
              {
                stack[sp] = vars[ins.index];
                tn[ins.index] = 1.0;
              }
            else
              stack[sp] = ins.value;
            sp++;
          }
          break;
        case PS_EXPR_OP_ADD:
        case PS_EXPR_OP_SUB:
        case PS_EXPR_OP_MUL:
        case PS_EXPR_OP_DIV:
        case PS_EXPR_OP_POW:
        case PS_EXPR_OP_MIN:
        case PS_EXPR_OP_MAX:
          {
            double a, b, r;
            double *ta, *tb;

            sp--;
            a = stack[sp - 1];
            b = stack[sp];
            ta = tan + (sp - 1) * n_vars;
            tb = tan + sp * n_vars;
            switch (ins.op)
              {
              case PS_EXPR_OP_ADD:
                r = a + b;
                for (unsigned j = 0; j < n_vars; j++)
                  ta[j] = ta[j] + tb[j];
                break;
              case PS_EXPR_OP_SUB:
                r = a - b;
                for (unsigned j = 0; j < n_vars; j++)
                  ta[j] = ta[j] - tb[j];
                break;
              case PS_EXPR_OP_MUL:
                r = a * b;
                for (unsigned j = 0; j < n_vars; j++)
                  ta[j] = ta[j] * b + a * tb[j];
                break;
              case PS_EXPR_OP_DIV:
                r = a / b;
                for (unsigned j = 0; j < n_vars; j++)
                  ta[j] = (ta[j] - r * tb[j]) / b;
                break;
              case PS_EXPR_OP_POW:
                {
                  r = ps_pow (a, b);
                  double da = b * ps_pow (a, b - 1.0);
                  double db = r * ps_log (a);

                  for (unsigned j = 0; j < n_vars; j++)
                    ta[j] = tb[j] != 0.0 ? da * ta[j] + db * tb[j] : da * ta[j];
                }
                break;
              case PS_EXPR_OP_MIN:
                {
                  int first = (a < b || a != a);

                  r = first ? a : b;
                  for (unsigned j = 0; j < n_vars; j++)
                    ta[j] = first ? ta[j] : tb[j];
                }
                break;
              default: /* MAX */
                {
                  int first = (a > b || a != a);

                  r = first ? a : b;
                  for (unsigned j = 0; j < n_vars; j++)
                    ta[j] = first ? ta[j] : tb[j];
                }
                break;
              }
            stack[sp - 1] = r;
          }
          break;
        case PS_EXPR_OP_NEG:
          stack[sp - 1] = -stack[sp - 1];
          for (unsigned j = 0; j < n_vars; j++)
            t[j] = -t[j];
          break;
        case PS_EXPR_OP_SQRT:
          {
            double r = sqrt (stack[sp - 1]);

            stack[sp - 1] = r;
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = t[j] / (2.0 * r);
          }
          break;
        case PS_EXPR_OP_EXP:
          {
            double r = ps_exp (stack[sp - 1]);

            stack[sp - 1] = r;
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = r * t[j];
          }
          break;
        case PS_EXPR_OP_LOG:
          {
            double a = stack[sp - 1];

            stack[sp - 1] = ps_log (a);
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = t[j] / a;
          }
          break;
        case PS_EXPR_OP_SIN:
          {
            double a = stack[sp - 1], c = ps_cos (a);

            stack[sp - 1] = ps_sin (a);
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = c * t[j];
          }
          break;
        case PS_EXPR_OP_COS:
          {
            double a = stack[sp - 1], s = ps_sin (a);

            stack[sp - 1] = ps_cos (a);
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = -s * t[j];
          }
          break;
        case PS_EXPR_OP_TAN:
          {
            double r = ps_tan (stack[sp - 1]);

            stack[sp - 1] = r;
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = (1.0 + r * r) * t[j];
          }
          break;
        case PS_EXPR_OP_ABS:
          {
            double a = stack[sp - 1];

            stack[sp - 1] = fabs (a);
            for (unsigned j = 0; j < n_vars; j++)
              t[j] = a < 0.0 ? -t[j] : t[j];
          }
          break;
        default:
          for (unsigned j = 0; j < n_vars; j++)
            grad[j] = ps_math_nan ();
          return ps_math_nan ();
        }
    }
  for (unsigned j = 0; j < n_vars; j++)
    grad[j] = tan[j];
  return stack[0];
}

#if !defined(__CUDACC__)
G_BEGIN_DECLS

/* Doubles of workspace that ps_expr_eval_grad() needs: (1 + n_vars) per stack slot. */
gsize ps_expr_grad_workspace_size (const PsExpr *expr);

/* g at @vars, bitwise ps_expr_eval (expr, vars), and its gradient into
 * @grad[n_vars]. Thread-safe; allocates nothing. */
double ps_expr_eval_grad (const PsExpr *expr, const double *vars, double *grad, double *workspace);

G_END_DECLS
#endif
