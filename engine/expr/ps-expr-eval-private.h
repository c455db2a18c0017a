/* ps-expr-eval-private.h: the limit-state bytecode interpreter for one sample, the single
 * definition that ps_expr_eval() (CPU) and the gpu backend's kernel (ps-cuda.cu) both
 * run, so that g is computed with the same operations in the same order on both.
 *
 * SQRT is IEEE sqrt and ABS fabs (correctly rounded everywhere; nvcc's default
 * -prec-sqrt=true); POW, EXP, LOG, SIN, COS and TAN are the bit-reproducible
 * functions of ps-math-private.h. MIN and MAX propagate a NaN in either operand.
 */
#pragma once

#include "ps-expr.h"
#include "rng/ps-math-private.h"

static inline PS_HD double
ps_expr_op_min (double a, double b)
{
  return (a < b || a != a) ? a : b;
}

static inline PS_HD double
ps_expr_op_max (double a, double b)
{
  return (a > b || a != a) ? a : b;
}

/* Runs the @n_ops instructions of @code on the variables @vars; @stack holds at least
 * the program's stack depth (ps_expr_get_stack_depth). An opcode the compiler does not
 * emit gives NaN, so that a corrupt program shows. */
static inline PS_HD double
ps_expr_run (const PsExprOp *code, unsigned n_ops, const double *vars, double *stack)
{
  unsigned sp = 0;

  for (unsigned k = 0; k < n_ops; k++)
    {
      const PsExprOp ins = code[k];

      switch (ins.op)
        {
        case PS_EXPR_OP_PUSH_CONST:
          stack[sp++] = ins.value;
          break;
        case PS_EXPR_OP_PUSH_VAR:
          stack[sp++] = vars[ins.index];
          break;
        case PS_EXPR_OP_ADD:
          sp--;
          stack[sp - 1] = stack[sp - 1] + stack[sp];
          break;
        case PS_EXPR_OP_SUB:
          sp--;
          stack[sp - 1] = stack[sp - 1] - stack[sp];
          break;
        case PS_EXPR_OP_MUL:
          sp--;
          stack[sp - 1] = stack[sp - 1] * stack[sp];
          break;
        case PS_EXPR_OP_DIV:
          sp--;
          stack[sp - 1] = stack[sp - 1] / stack[sp];
          break;
        case PS_EXPR_OP_POW:
          sp--;
          stack[sp - 1] = ps_pow (stack[sp - 1], stack[sp]);
          break;
        case PS_EXPR_OP_MIN:
          sp--;
          stack[sp - 1] = ps_expr_op_min (stack[sp - 1], stack[sp]);
          break;
        case PS_EXPR_OP_MAX:
          sp--;
          stack[sp - 1] = ps_expr_op_max (stack[sp - 1], stack[sp]);
          break;
        case PS_EXPR_OP_NEG:
          stack[sp - 1] = -stack[sp - 1];
          break;
        case PS_EXPR_OP_SQRT:
          stack[sp - 1] = sqrt (stack[sp - 1]);
          break;
        case PS_EXPR_OP_EXP:
          stack[sp - 1] = ps_exp (stack[sp - 1]);
          break;
        case PS_EXPR_OP_LOG:
          stack[sp - 1] = ps_log (stack[sp - 1]);
          break;
        case PS_EXPR_OP_SIN:
          stack[sp - 1] = ps_sin (stack[sp - 1]);
          break;
        case PS_EXPR_OP_COS:
          stack[sp - 1] = ps_cos (stack[sp - 1]);
          break;
        case PS_EXPR_OP_TAN:
          stack[sp - 1] = ps_tan (stack[sp - 1]);
          break;
        case PS_EXPR_OP_ABS:
          stack[sp - 1] = fabs (stack[sp - 1]);
          break;
        default:
          return ps_math_nan ();
        }
    }
  return stack[0];
}
