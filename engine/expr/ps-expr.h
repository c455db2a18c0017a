/* ps-expr.h: limit-state expressions compiled to a flat stack bytecode.
 *
 * An expression such as "R - F/(pi*D^2/4)" over named random variables and
 * constants is parsed once, constant sub-expressions are folded, and the result is
 * a flat array of PsExprOp: plain structs with no pointers, so that the same array
 * can be copied to a GPU and run by a device interpreter unchanged.
 *
 * Grammar, loosest first: `+ -` (left), `* /` (left), unary `-` and `+`, `^`
 * (right, and tighter than unary minus: -2^2 = -4, 2^-1 = 0.5, 2^3^2 = 512);
 * operands are numbers (1, 2.5, 1e-3, .5), names (variables, then constants,
 * then the built-in constant pi), parenthesised expressions and the functions
 * sqrt exp log sin cos tan abs (one argument) and min max pow (two).
 *
 * Semantics of every operation, for any interpreter of the bytecode:
 *   ADD SUB MUL DIV NEG  IEEE-754 binary64 arithmetic, no fused multiply-add;
 *   SQRT ABS             correctly rounded sqrt and fabs;
 *   EXP LOG SIN COS TAN POW  ps_exp ps_log ps_sin ps_cos ps_tan ps_pow (ps-math-private.h);
 *   MIN(a, b)            (a < b || a != a) ? a : b   (a NaN operand gives NaN)
 *   MAX(a, b)            (a > b || a != a) ? a : b
 * Binary operations pop b, then a, and push a OP b. NaN is a value, not an
 * error: callers count the samples where g is NaN.
 */
#pragma once

#include <glib.h>

#include "study/ps-units.h"

G_BEGIN_DECLS

typedef enum
{
  PS_EXPR_OP_PUSH_CONST, /* push value */
  PS_EXPR_OP_PUSH_VAR,   /* push variable number index */
  PS_EXPR_OP_ADD,
  PS_EXPR_OP_SUB,
  PS_EXPR_OP_MUL,
  PS_EXPR_OP_DIV,
  PS_EXPR_OP_NEG,
  PS_EXPR_OP_POW,
  PS_EXPR_OP_SQRT,
  PS_EXPR_OP_EXP,
  PS_EXPR_OP_LOG,
  PS_EXPR_OP_SIN,
  PS_EXPR_OP_COS,
  PS_EXPR_OP_TAN,
  PS_EXPR_OP_ABS,
  PS_EXPR_OP_MIN,
  PS_EXPR_OP_MAX,
  PS_EXPR_N_OPS
} PsExprOpcode;

/* One instruction: 16 bytes, the same layout on the host and on the device. */
typedef struct
{
  guint8 op;     /* a PsExprOpcode */
  guint8 pad[3]; /* zero */
  guint32 index; /* PUSH_VAR: the variable's number; otherwise 0 */
  double value;  /* PUSH_CONST: the constant; otherwise 0 */
} PsExprOp;

G_STATIC_ASSERT (sizeof (PsExprOp) == 16);

/* Limits that keep the parser's recursion and an interpreter's stack small and fixed:
 * deeper expressions are compile errors. */
#define PS_EXPR_MAX_NESTING 64 /* parentheses, function calls, unary minus, ^ */
#define PS_EXPR_MAX_STACK 128  /* stack slots needed by the bytecode */

/* ps_expr_eval_block() works on this many samples at a time. */
#define PS_EXPR_BLOCK 256

typedef struct _PsExpr PsExpr;

/* Compiles @text over the variables @var_names (PUSH_VAR index i is var_names[i]) and
 * the named constants, whose values are folded in. Returns NULL with a PS_ERROR_INVALID
 * error whose message is "position N: what went wrong", then the text and a caret
 * under character N (1-based; the end of the text is one past its last character).
 * A name defined twice, or empty, is an error too. */
PsExpr *ps_expr_compile (const char *text, const char *const *var_names, guint n_vars,
                         const char *const *const_names, const double *const_values, guint n_consts,
                         GError **error);
/* The same, and where the error is: @error_position (may be NULL) is set to the N of
 * the message, or 0 when the error is not at a place in the text (a bad name list).
 * For a user interface, which should not read it back out of a translated message. */
PsExpr *ps_expr_compile_full (const char *text, const char *const *var_names, guint n_vars,
                              const char *const *const_names, const double *const_values,
                              guint n_consts, guint *error_position, GError **error);
void ps_expr_free (PsExpr *expr);

/* The unit of a name or of a (sub-)expression, for the dimensional check. */
typedef enum
{
  PS_EXPR_DIM_KNOWN,   /* given with a unit ("300 MPa"; "0.8" as text is dimensionless) */
  PS_EXPR_DIM_UNKNOWN, /* given as a plain number: SI of some unit nobody said */
  PS_EXPR_DIM_NUMBER,  /* a number written in the expression, pi, exp(...): a factor without
                        * unit, or in a sum the unit of the other side (the file's numbers
                        * are SI) */
} PsExprDimKind;

typedef struct
{
  PsExprDimKind kind;
  PsDim dim; /* for PS_EXPR_DIM_KNOWN */
} PsExprDim;

/* ps_expr_compile_full() that also checks that the expression is dimensionally
 * consistent: both sides of + and -, and the arguments of min and max, have the same
 * unit, and exponents have none. @var_dims and @const_dims are the units of the names
 * (NULL: all unknown); a name of unknown unit makes every result it enters unknown,
 * and so do a power that is not a constant or leaves no whole powers of kg, m and s
 * (D^0.5, sqrt of an odd power): only what is known to be inconsistent is refused.
 * exp, log, sin, cos and tan give numbers whatever their argument (a file may scale a
 * quantity by a plain number there). @g_dim (may be NULL) receives the unit of the
 * whole expression. The error names the two sub-expressions and their units. */
PsExpr *ps_expr_compile_dims (const char *text, const char *const *var_names,
                              const PsExprDim *var_dims, guint n_vars,
                              const char *const *const_names, const double *const_values,
                              const PsExprDim *const_dims, guint n_consts, PsExprDim *g_dim,
                              guint *error_position, GError **error);
/* The unit of @dim in words for a user interface: "Pa", "N·m", "1" (no unit) or
 * NULL when it is not known. */
char *ps_expr_dim_to_string (PsExprDim dim);

/* The bytecode (borrowed): a postfix program that leaves one value on the stack. */
const PsExprOp *ps_expr_get_code (const PsExpr *expr, guint *n_ops);
/* The most values the program has on its stack at once (at least 1). */
guint ps_expr_get_stack_depth (const PsExpr *expr);
guint ps_expr_get_n_vars (const PsExpr *expr);
/* Whether variable @index appears in the program (FALSE when it is out of range). */
gboolean ps_expr_uses_variable (const PsExpr *expr, guint index);

/* One sample: @vars[i] is the value of variable i. Thread-safe; allocates nothing. */
double ps_expr_eval (const PsExpr *expr, const double *vars);

/* @n samples at once: @vars[v] points at @n values of variable v (structure of
 * arrays) and @out receives @n values; @workspace holds
 * ps_expr_get_stack_depth() * PS_EXPR_BLOCK doubles and overlaps neither. The program
 * runs one instruction at a time over PS_EXPR_BLOCK samples (a loop the compiler
 * vectorises): no allocation and no per-sample dispatch. The results are bitwise
 * those of ps_expr_eval(). */
void ps_expr_eval_block (const PsExpr *expr, const double *const *vars, gsize n, double *out,
                         double *workspace);

/* A disassembly, one instruction a line, for debugging and tests. */
char *ps_expr_to_string (const PsExpr *expr);
const char *ps_expr_opcode_name (PsExprOpcode op);

/* Whether g is c0 + sum coef[i] x_i: sums and differences of variables and constants,
 * products with a side free of variables, divisions by a divisor free of variables.
 * On TRUE fills @coef[n_vars] and @constant (either may be NULL); a coefficient that
 * is not finite gives FALSE. Used for the exact Pf of linear normal cases. */
gboolean ps_expr_linear_form (const PsExpr *expr, double *coef, double *constant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsExpr, ps_expr_free)

G_END_DECLS
