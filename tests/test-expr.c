#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "ps-error.h"
#include "ps-expr.h"
#include "ps-math-private.h"

/* The variables and constants most cases use, with values that are not round. */
static const char *const var_names[] = { "R", "S", "F" };
static const char *const const_names[] = { "D", "k" };
static const double const_values[] = { 0.02, 3.5 };
#define N_VARS 3
#define N_CONSTS 2
static const double var_values[N_VARS] = { 2.385, -1.25, 0.75 };

static PsExpr *
compile_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PsExpr *expr
      = ps_expr_compile (text, var_names, N_VARS, const_names, const_values, N_CONSTS, &error);

  if (error != NULL)
    g_test_message ("compiling \"%s\": %s", text, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (expr);
  return expr;
}

static gboolean
same_double (double a, double b)
{
  return (isnan (a) && isnan (b)) || memcmp (&a, &b, sizeof a) == 0;
}

/* Evaluates one sample with the block interpreter, in a workspace of exactly the
 * advertised size (so that ASan sees any overrun). */
static double
eval_one_by_block (const PsExpr *expr, const double *vars, guint n_vars)
{
  g_autofree double *ws = g_new (double, ps_expr_get_stack_depth (expr) * PS_EXPR_BLOCK);
  const double *cols[8];
  double out = 0.0;

  g_assert_cmpuint (n_vars, <=, G_N_ELEMENTS (cols));
  for (guint v = 0; v < n_vars; v++)
    cols[v] = &vars[v];
  ps_expr_eval_block (expr, cols, 1, &out, ws);
  return out;
}

static void
assert_close (const char *what, double got, double expected, double rel)
{
  double tol = rel * MAX (1.0, fabs (expected));

  if (!(fabs (got - expected) <= tol))
    g_error ("%s: got %.17g, expected %.17g (tolerance %g)", what, got, expected, tol);
}

/* Appends @piece @n times: the long and deeply nested texts below. */
static void
append_repeated (GString *s, const char *piece, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append (s, piece);
}

/* ---------------------------------------------------------------------------------
 * Precedence, associativity and functions; the expected values are the same
 * formulas written in C.
 */

static void
test_precedence (void)
{
  const double R = var_values[0], S = var_values[1], F = var_values[2];
  const double D = const_values[0], k = const_values[1];
  const struct
  {
    const char *text;
    double expected;
  } cases[] = {
    { "2+3*4", 2.0 + 3.0 * 4.0 },
    { "(2+3)*4", (2.0 + 3.0) * 4.0 },
    { "2^3^2", pow (2.0, pow (3.0, 2.0)) },
    { "-2^2", -pow (2.0, 2.0) },
    { "(-2)^2", pow (-2.0, 2.0) },
    { "2*-3", 2.0 * -3.0 },
    { "--2", 2.0 },
    { "-+-2.5", 2.5 },
    { "+2 - -3", 5.0 },
    { "10/4/5", (10.0 / 4.0) / 5.0 },
    { "10-4-3", (10.0 - 4.0) - 3.0 },
    { "2^-1", 0.5 },
    { "4 - 2 * 3 ^ 2 / 6 + 1", 4.0 - (2.0 * pow (3.0, 2.0)) / 6.0 + 1.0 },
    { "min(3,max(1,2))", 2.0 },
    { "pow(2,10)", 1024.0 },
    { "sqrt(2)*sqrt(2)", sqrt (2.0) * sqrt (2.0) },
    { "abs(-3.5)", 3.5 },
    { "exp(log(7.3))", exp (log (7.3)) },
    { "sin(pi/2)", sin (G_PI / 2.0) },
    { "cos(pi)", cos (G_PI) },
    { "tan(pi/4)", tan (G_PI / 4.0) },
    { "1.5e3 * .5 + 2.5E-1 - 1.", 1.5e3 * 0.5 + 2.5e-1 - 1.0 },
    { "2*R - 3*S", 2.0 * R - 3.0 * S },
    { "R^2 - S^2", pow (R, 2.0) - pow (S, 2.0) },
    { "-R^2", -pow (R, 2.0) },
    { "-R^-S", -pow (R, -S) },
    { "2^R^S", pow (2.0, pow (R, S)) },
    { "R - S*F/k", R - (S * F) / k },
    { "R/S/F", (R / S) / F },
    { "R - S - F", (R - S) - F },
    { "R*-S", R * -S },
    { "-(R - S) * 2", -(R - S) * 2.0 },
    { "2 * (R + S) ^ 2", 2.0 * pow (R + S, 2.0) },
    { "k * D ^ 2 / 4 * pi", ((k * pow (D, 2.0)) / 4.0) * G_PI },
    { "exp(-R/10) * max(S, F)", exp (-R / 10.0) * MAX (S, F) },
    { "sqrt(abs(S)) + log(R)", sqrt (fabs (S)) + log (R) },
    { "min(R, S) * max(-R, S)", MIN (R, S) * MAX (-R, S) },
    { "pow(R, 0.5) - sqrt(R)", pow (R, 0.5) - sqrt (R) },
    { " ( ( R ) )\t", R },
    { "sin(R)^2 + cos(R)^2", pow (sin (R), 2.0) + pow (cos (R), 2.0) },
  };
  const double vars[N_VARS] = { R, S, F };

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 25);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PsExpr) expr = compile_ok (cases[i].text);
      double got = ps_expr_eval (expr, vars);

      assert_close (cases[i].text, got, cases[i].expected, 1e-14);
      g_assert_true (same_double (eval_one_by_block (expr, vars, N_VARS), got));
    }

  /* The ones that are exact or nearly so in any arithmetic. */
  {
    g_autoptr (PsExpr) a = compile_ok ("sqrt(2)*sqrt(2)");
    g_autoptr (PsExpr) b = compile_ok ("sin(pi/2)");
    g_autoptr (PsExpr) c = compile_ok ("2^3^2");

    assert_close ("sqrt(2)*sqrt(2) ~ 2", ps_expr_eval (a, NULL), 2.0, 1e-15);
    assert_close ("sin(pi/2) ~ 1", ps_expr_eval (b, NULL), 1.0, 1e-15);
    g_assert_cmpfloat (ps_expr_eval (c, NULL), ==, 512.0);
  }
}

/* The axial stressed bar of the issue: R in Pa, F in N, D a constant in m. */
static void
test_axial_bar (void)
{
  const char *const names[] = { "R", "F" };
  const char *const cnames[] = { "D" };
  const double cvalues[] = { 20e-3 };
  const double area = G_PI * pow (20e-3, 2.0) / 4.0;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr
      = ps_expr_compile ("R - F/(pi*D^2/4)", names, 2, cnames, cvalues, 1, &error);
  const double samples[][2] = {
    { 300e6, 75e3 },
    { 243.7e6, 81.25e3 },
    { 210e6, 66.1e3 },
    { 150e6, 90e3 },
  };
  const PsExprOp *code;
  guint n_ops;
  double coef[2], c0;

  g_assert_no_error (error);
  g_assert_nonnull (expr);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      double expected = samples[i][0] - samples[i][1] / area;
      assert_close ("axial bar", ps_expr_eval (expr, samples[i]), expected, 1e-15);
    }
  /* 75 kN on a 20 mm bar is 238.7 MPa. */
  assert_close ("axial bar stress", 300e6 - ps_expr_eval (expr, samples[0]), 238.73241463784e6,
                1e-12);

  /* The area is folded into one constant: R, F, A, DIV, SUB. */
  code = ps_expr_get_code (expr, &n_ops);
  g_assert_cmpuint (n_ops, ==, 5);
  g_assert_cmpuint (code[0].op, ==, PS_EXPR_OP_PUSH_VAR);
  g_assert_cmpuint (code[0].index, ==, 0);
  g_assert_cmpuint (code[1].op, ==, PS_EXPR_OP_PUSH_VAR);
  g_assert_cmpuint (code[1].index, ==, 1);
  g_assert_cmpuint (code[2].op, ==, PS_EXPR_OP_PUSH_CONST);
  assert_close ("folded area", code[2].value, area, 1e-15);
  g_assert_cmpuint (code[3].op, ==, PS_EXPR_OP_DIV);
  g_assert_cmpuint (code[4].op, ==, PS_EXPR_OP_SUB);
  g_assert_cmpuint (ps_expr_get_stack_depth (expr), ==, 3);

  /* Linear in F because D is a constant. */
  g_assert_true (ps_expr_linear_form (expr, coef, &c0));
  g_assert_cmpfloat (coef[0], ==, 1.0);
  assert_close ("coefficient of F", coef[1], -1.0 / area, 1e-15);
  g_assert_cmpfloat (c0, ==, 0.0);
}

/* ---------------------------------------------------------------------------------
 * Errors: the position in the first line, and the caret under it in the third.
 */

/* The text as the error echoes it: tabs and newlines as spaces. */
static char *
echo_of (const char *text)
{
  char *s = g_strdup (text);

  for (char *c = s; *c != '\0'; c++)
    if (*c == '\t' || *c == '\n' || *c == '\r')
      *c = ' ';
  return s;
}

/* Checks the three-line shape of a compile error and returns its position. */
static guint
check_error_shape (const GError *error, const char *text, gboolean check_echo)
{
  g_auto (GStrv) lines = NULL;
  guint64 pos = 0;
  char *end = NULL;
  gsize n_spaces = 0;

  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  g_assert_true (g_str_has_prefix (lines[0], "position "));
  pos = g_ascii_strtoull (lines[0] + strlen ("position "), &end, 10);
  g_assert_true (end != NULL && end[0] == ':' && end[1] == ' ');
  g_assert_cmpuint (pos, >=, 1);

  g_assert_true (g_str_has_prefix (lines[1], "  "));
  g_assert_true (g_str_has_prefix (lines[2], "  "));
  while (lines[2][2 + n_spaces] == ' ')
    n_spaces++;
  g_assert_cmpint (lines[2][2 + n_spaces], ==, '^');
  g_assert_cmpint (lines[2][3 + n_spaces], ==, '\0');

  if (check_echo)
    {
      g_autofree char *echo = echo_of (text);

      g_assert_cmpstr (lines[1] + 2, ==, echo);
      /* Short texts are echoed whole, so the caret sits in column pos. */
      g_assert_cmpuint (n_spaces + 1, ==, pos);
    }
  return (guint)pos;
}

static void
test_errors (void)
{
  const struct
  {
    const char *text;
    guint position;
    const char *message; /* the first line after "position N: " starts with this */
  } cases[] = {
    { "R - Q * 2", 5, "unknown name \"Q\" (variables: R, S, F; constants: D, k)" },
    { "R + 2 # S", 7, "unexpected character \"#\"" },
    { "R + \xc3\xa9", 5, "unexpected character \"\xc3\xa9\" (U+00E9)" },
    { "R\t+ S $ 2", 7, "unexpected character \"$\"" },
    { "(R + S * 2", 11, "missing closing parenthesis for the \"(\" at position 1" },
    { "R * (S - (F + 1)", 17, "missing closing parenthesis for the \"(\" at position 5" },
    { "min(R, S", 9, "missing closing parenthesis for the \"(\" at position 4" },
    { "R * (S - ", 10, "unexpected end of input" },
    { "R +", 4, "unexpected end of input" },
    { "sqrt(", 6, "unexpected end of input" },
    { "R S", 3, "two operands in a row" },
    { "2 (R)", 3, "two operands in a row" },
    { "R - 2.5e3 D", 11, "two operands in a row: expected an operator before \"D\"" },
    { "(R)(S)", 4, "two operands in a row" },
    { "min(R)", 1, "min takes 2 arguments, got 1" },
    { "R + max(1, 2, S)", 5, "max takes 2 arguments, got 3" },
    { "sqrt(R, S)", 1, "sqrt takes 1 argument, got 2" },
    { "2 * pow()", 5, "pow takes 2 arguments, got 0" },
    { "R - sine(S)", 5, "unknown function \"sine\"" },
    { "2 * R(S)", 5, "\"R\" is a variable, not a function" },
    { "D(2) + R", 1, "\"D\" is a constant, not a function" },
    { "sqrt + R", 1, "\"sqrt\" is a function: write sqrt(...)" },
    { "", 1, "empty expression" },
    { "  \t ", 1, "empty expression" },
    { "R / (D - 0.02)", 3, "division by zero: the divisor is a constant equal to 0" },
    { "R + 1 + 2/(D - 0.02)", 10, "division by zero in a constant expression" },
    { "R - 3/0", 6, "division by zero in a constant expression" },
    { "R - 1e999", 5, "number out of range: 1e999" },
    { "1e+ R", 1, "malformed number \"1e+\"" },
    { "R + )", 5, "unexpected \")\"" },
    { "R)", 2, "unmatched closing parenthesis" },
    { "R, S", 2, "unexpected \",\" outside a function's arguments" },
    { "(R, S)", 3, "unexpected \",\": only a function's arguments" },
    { "R * * S", 5, "unexpected \"*\"" },
    { "R + \xff", 5, "unexpected byte 0xFF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsExpr) expr = ps_expr_compile (cases[i].text, var_names, N_VARS, const_names,
                                                 const_values, N_CONSTS, &error);
      g_autofree char *prefix
          = g_strdup_printf ("position %u: %s", cases[i].position, cases[i].message);
      gboolean valid_utf8 = g_utf8_validate (cases[i].text, -1, NULL);

      g_autofree char *escaped = g_strescape (cases[i].text, NULL);

      g_test_message ("%s -> %s", escaped, error != NULL ? error->message : "(no error)");
      g_assert_null (expr);
      g_assert_nonnull (error);
      g_assert_cmpuint (check_error_shape (error, cases[i].text, valid_utf8), ==,
                        cases[i].position);
      g_assert_true (g_str_has_prefix (error->message, prefix));

      /* The same position from the compiler itself, for interfaces that must not read
       * it out of a (translated) message; reset to 0 by a later error with no place. */
      {
        g_autoptr (GError) again = NULL;
        g_autoptr (PsExpr) none = NULL;
        guint at = 12345;

        none = ps_expr_compile_full (cases[i].text, var_names, N_VARS, const_names, const_values,
                                     N_CONSTS, &at, &again);
        g_assert_null (none);
        g_assert_cmpuint (at, ==, cases[i].position);
        g_clear_error (&again);
        none = ps_expr_compile_full ("R", (const char *const[]){ "R", "R" }, 2, NULL, NULL, 0, &at,
                                     &again);
        g_assert_null (none);
        g_assert_nonnull (again);
        g_assert_cmpuint (at, ==, 0);
      }
    }

  /* The exact message of the example in the documentation. */
  {
    const char *const names[] = { "R", "S" };
    const char *const cnames[] = { "D" };
    const double cvalues[] = { 0.02 };
    g_autoptr (GError) error = NULL;
    g_autoptr (PsExpr) expr = ps_expr_compile ("R - Q * 2", names, 2, cnames, cvalues, 1, &error);

    g_assert_null (expr);
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "position 5: unknown name \"Q\" (variables: R, S; constants: D)\n"
                     "  R - Q * 2\n"
                     "      ^");
  }
}

/* Long texts are echoed as a window around the position; the caret still sits
 * under the character it names. */
static void
test_error_window (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr = NULL;
  g_auto (GStrv) lines = NULL;
  gsize caret;
  guint pos;

  append_repeated (text, "R + ", 40);
  g_string_append (text, "Qx");
  append_repeated (text, " * S", 40);

  expr
      = ps_expr_compile (text->str, var_names, N_VARS, const_names, const_values, N_CONSTS, &error);
  g_assert_null (expr);
  pos = check_error_shape (error, text->str, FALSE);
  g_assert_cmpuint (pos, ==, 40 * 4 + 1);
  g_assert_true (strstr (error->message, "unknown name \"Qx\"") != NULL);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], "  ..."));
  g_assert_true (g_str_has_suffix (lines[1], "..."));
  caret = strchr (lines[2], '^') - lines[2];
  g_assert_cmpuint (strlen (lines[1]), >, caret + 1);
  g_assert_cmpint (lines[1][caret], ==, 'Q');
  g_assert_cmpint (lines[1][caret + 1], ==, 'x');

  /* At the end of a long text the caret is one past the last character. */
  g_clear_error (&error);
  g_clear_pointer (&expr, ps_expr_free);
  g_strfreev (g_steal_pointer (&lines));
  g_string_truncate (text, 0);
  append_repeated (text, "R + ", 40);
  g_string_append (text, "S -");
  expr
      = ps_expr_compile (text->str, var_names, N_VARS, const_names, const_values, N_CONSTS, &error);
  g_assert_null (expr);
  pos = check_error_shape (error, text->str, FALSE);
  g_assert_cmpuint (pos, ==, text->len + 1);
  g_assert_true (strstr (error->message, "unexpected end of input") != NULL);
  lines = g_strsplit (error->message, "\n", -1);
  caret = strchr (lines[2], '^') - lines[2];
  g_assert_cmpuint (caret, ==, strlen (lines[1]));
  g_assert_cmpint (lines[1][caret - 1], ==, '-');
}

static void
test_names (void)
{
  g_autoptr (GError) error = NULL;
  PsExpr *expr;

  {
    const char *const dup[] = { "R", "R" };
    expr = ps_expr_compile ("R", dup, 2, NULL, NULL, 0, &error);
    g_assert_null (expr);
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_assert_true (strstr (error->message, "\"R\" is defined more than once") != NULL);
    g_clear_error (&error);
  }
  {
    const char *const v[] = { "R" };
    const char *const c[] = { "R" };
    const double cv[] = { 1.0 };
    expr = ps_expr_compile ("R", v, 1, c, cv, 1, &error);
    g_assert_null (expr);
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    const char *const v[] = { "" };
    expr = ps_expr_compile ("1", v, 1, NULL, NULL, 0, &error);
    g_assert_null (expr);
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    /* Names given by the study come before the built-in pi; a name followed by a
     * parenthesis is a function. */
    const char *const v[] = { "pi", "exp", "f_y2" };
    const double x[] = { 3.0, 0.25, 355e6 };
    g_autoptr (PsExpr) a
        = ps_expr_compile ("pi * exp(0) + exp + f_y2", v, 3, NULL, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (ps_expr_eval (a, x), ==, 3.0 * 1.0 + 0.25 + 355e6);
  }
  {
    /* No variables at all: an expression of constants only. */
    g_autoptr (PsExpr) a = ps_expr_compile ("2 * pi", NULL, 0, NULL, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (ps_expr_eval (a, NULL), ==, 2.0 * G_PI);
    expr = ps_expr_compile ("x", NULL, 0, NULL, NULL, 0, &error);
    g_assert_null (expr);
    g_assert_true (strstr (error->message, "no variables or constants are defined") != NULL);
    g_clear_error (&error);
  }
}

/* ---------------------------------------------------------------------------------
 * Constant folding.
 */

static gboolean
code_has (const PsExpr *expr, PsExprOpcode op)
{
  guint n;
  const PsExprOp *code = ps_expr_get_code (expr, &n);

  for (guint i = 0; i < n; i++)
    if (code[i].op == op)
      return TRUE;
  return FALSE;
}

static void
test_folding (void)
{
  {
    g_autoptr (PsExpr) expr = compile_ok ("R - 2*3");
    g_autofree char *dis = ps_expr_to_string (expr);
    guint n;

    g_test_message ("%s", dis);
    g_assert_null (strstr (dis, "MUL"));
    g_assert_nonnull (strstr (dis, "PUSH_CONST 6\n"));
    g_assert_nonnull (strstr (dis, "PUSH_VAR 0 (R)\n"));
    g_assert_nonnull (strstr (dis, "SUB\n"));
    ps_expr_get_code (expr, &n);
    g_assert_cmpuint (n, ==, 3);
  }
  {
    /* Everything constant becomes one instruction. */
    g_autoptr (PsExpr) expr = compile_ok ("-(2^3) + sqrt(k*k) * min(D, 1) - cos(pi)");
    const PsExprOp *code;
    guint n;

    code = ps_expr_get_code (expr, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (code[0].op, ==, PS_EXPR_OP_PUSH_CONST);
    assert_close ("folded", code[0].value, -8.0 + sqrt (3.5 * 3.5) * 0.02 - cos (G_PI), 1e-15);
    g_assert_cmpuint (ps_expr_get_stack_depth (expr), ==, 1);
  }
  {
    /* Folding does not reassociate: (R*2)*3 keeps both products, as C would. */
    g_autoptr (PsExpr) expr = compile_ok ("R * 2 * 3");
    guint n;

    ps_expr_get_code (expr, &n);
    g_assert_cmpuint (n, ==, 5);
    g_assert_true (code_has (expr, PS_EXPR_OP_MUL));
  }
  {
    /* Unary minus of a constant is a negative constant. */
    g_autoptr (PsExpr) expr = compile_ok ("R * -2.5");
    g_assert_false (code_has (expr, PS_EXPR_OP_NEG));
  }

  /* Folded and unfolded code agree to the bit: D as a constant and as a variable. */
  {
    const char *texts[] = {
      "exp(D) * R",
      "R - F/(pi*D^2/4)",
      "sin(D*7.1) + log(D)/R - tan(D)",
      "pow(D, 1.5) * R + cos(D)",
      "min(D, 1) + max(-D, R) - abs(-D)",
      "sqrt(D) ^ 1.7 - R",
    };
    const char *const names_var[] = { "R", "F", "D" };
    const double x[] = { 2.385, 0.75, 0.02 };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (PsExpr) folded
            = ps_expr_compile (texts[i], names_var, 2, const_names, const_values, 1, &error);
        g_autoptr (PsExpr) unfolded = NULL;

        g_assert_no_error (error);
        unfolded = ps_expr_compile (texts[i], names_var, 3, NULL, NULL, 0, &error);
        g_assert_no_error (error);
        g_assert_true (ps_expr_uses_variable (unfolded, 2));
        g_assert_true (same_double (ps_expr_eval (folded, x), ps_expr_eval (unfolded, x)));
      }
  }
}

/* ---------------------------------------------------------------------------------
 * Block evaluation against the scalar interpreter.
 */

static void
fill_samples (double *const *cols, guint n_vars, gsize n)
{
  for (guint v = 0; v < n_vars; v++)
    for (gsize i = 0; i < n; i++)
      cols[v][i] = g_test_rand_double_range (-5.0, 5.0);

  /* Special values, so that NaN and infinities travel both paths too. */
  for (gsize i = 0; i < n; i += 97)
    cols[0][i] = NAN;
  for (gsize i = 5; i < n; i += 89)
    cols[1 % n_vars][i] = 0.0;
  for (gsize i = 11; i < n; i += 131)
    cols[2 % n_vars][i] = -INFINITY;
  for (gsize i = 13; i < n; i += 151)
    cols[0][i] = 1.0;
}

/* Checks ps_expr_eval_block() on n samples against ps_expr_eval() bit for bit. */
static void
check_block_against_scalar (const PsExpr *expr, double *const *cols, guint n_vars, gsize n)
{
  g_autofree double *ws = g_new (double, ps_expr_get_stack_depth (expr) * PS_EXPR_BLOCK);
  g_autofree double *out = g_new (double, n);
  const double *ccols[8];

  g_assert_cmpuint (n_vars, <=, G_N_ELEMENTS (ccols));
  for (guint v = 0; v < n_vars; v++)
    ccols[v] = cols[v];
  ps_expr_eval_block (expr, ccols, n, out, ws);

  for (gsize i = 0; i < n; i++)
    {
      double x[8];
      double s;

      for (guint v = 0; v < n_vars; v++)
        x[v] = cols[v][i];
      s = ps_expr_eval (expr, x);
      if (!same_double (s, out[i]))
        g_error ("sample %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ": block %.17g, scalar %.17g", i,
                 n, out[i], s);
    }
}

static void
test_block (void)
{
  const char *texts[] = {
    "R - S",
    "R - F/(pi*D^2/4)",
    "sqrt(abs(R))*exp(-S/10) - log(1 + F*F)",
    "min(R, S) - max(F, 0.5) + pow(abs(R), 1.5)",
    "sin(R)*cos(S) - tan(F/10)",
    "-R^2 + 2*R*S - S^2/3",
    "((R - S) * (F + R)) / (1 + S*S) - (R / (F - 1))",
    "R",
    "3.5",
    "-R",
    "2^R^0.5",
    "max(min(R, S), min(S, R)) - (R - (S - (F - (R - (S - F)))))",
    "k - R*S*F/(D + R*R)",
  };
  const gsize sizes[] = { 10000, 1, 255, 256, 257, 513, 1000 };
  const gsize n_max = 10000;
  double *cols[N_VARS];

  for (guint v = 0; v < N_VARS; v++)
    cols[v] = g_new (double, n_max);
  fill_samples (cols, N_VARS, n_max);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr (PsExpr) expr = compile_ok (texts[t]);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        check_block_against_scalar (expr, cols, N_VARS, sizes[s]);
    }

  /* n = 0 writes nothing. */
  {
    g_autoptr (PsExpr) expr = compile_ok ("R - S");
    double ws[2 * PS_EXPR_BLOCK];
    double out = 42.0;
    const double *ccols[N_VARS] = { cols[0], cols[1], cols[2] };

    ps_expr_eval_block (expr, ccols, 0, &out, ws);
    g_assert_cmpfloat (out, ==, 42.0);
  }

  for (guint v = 0; v < N_VARS; v++)
    g_free (cols[v]);
}

/* NaN is a value: it propagates (min and max included) and is never an error. */
static void
test_nan (void)
{
  const double x[N_VARS] = { -1.0, NAN, 2.0 };
  const char *nan_texts[] = {
    "sqrt(R)", "log(R)", "S + 1", "min(S, 1)", "min(1, S)", "max(S, R)", "max(R, S)", "S * 0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nan_texts); i++)
    {
      g_autoptr (PsExpr) expr = compile_ok (nan_texts[i]);
      g_assert_true (isnan (ps_expr_eval (expr, x)));
      g_assert_true (isnan (eval_one_by_block (expr, x, N_VARS)));
    }

  /* A constant that folds to a non-finite value is not an error either. */
  {
    g_autoptr (PsExpr) expr = compile_ok ("R + log(0)");
    g_assert_true (isinf (ps_expr_eval (expr, x)));
  }
  {
    g_autoptr (PsExpr) expr = compile_ok ("min(R, F) + max(R, F)");
    g_assert_cmpfloat (ps_expr_eval (expr, x), ==, -1.0 + 2.0);
  }
}

/* ---------------------------------------------------------------------------------
 * Stack depth, variable use, bytecode layout.
 */

static void
test_stack_depth (void)
{
  const struct
  {
    const char *text;
    guint depth;
  } cases[] = {
    { "R", 1 },
    { "2*3 + k", 1 },
    { "R - S", 2 },
    { "R*S - F", 2 },
    { "R - S*F", 3 },
    { "R - S*F^2", 4 }, /* R, S, F and 2 are all on the stack before the POW */
    { "R - S^2*F", 3 },
    { "R + (S + (F + (R + S)))", 5 },
    { "(((R + S) + F) + R) + S", 2 },
    { "min(R, max(S, F)) - 1", 3 },
    { "-(-(-R))", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PsExpr) expr = compile_ok (cases[i].text);
      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (ps_expr_get_stack_depth (expr), ==, cases[i].depth);
    }
}

static void
test_uses_variable (void)
{
  g_autoptr (PsExpr) expr = compile_ok ("R - 2*F");

  g_assert_true (ps_expr_uses_variable (expr, 0));
  g_assert_false (ps_expr_uses_variable (expr, 1));
  g_assert_true (ps_expr_uses_variable (expr, 2));
  g_assert_false (ps_expr_uses_variable (expr, 3));
  g_assert_cmpuint (ps_expr_get_n_vars (expr), ==, N_VARS);
}

static void
test_layout (void)
{
  g_autoptr (PsExpr) expr = compile_ok ("S - 1.25*F");
  const PsExprOp *code;
  guint n;

  g_assert_cmpuint (sizeof (PsExprOp), ==, 16);
  g_assert_cmpuint (offsetof (PsExprOp, index), ==, 4);
  g_assert_cmpuint (offsetof (PsExprOp, value), ==, 8);

  code = ps_expr_get_code (expr, &n);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (code[i].pad[0] | code[i].pad[1] | code[i].pad[2], ==, 0);
      g_assert_cmpuint (code[i].op, <, PS_EXPR_N_OPS);
    }
  g_assert_cmpuint (code[0].op, ==, PS_EXPR_OP_PUSH_VAR);
  g_assert_cmpuint (code[0].index, ==, 1);
  g_assert_cmpuint (code[1].op, ==, PS_EXPR_OP_PUSH_CONST);
  g_assert_cmpfloat (code[1].value, ==, 1.25);
  g_assert_cmpuint (code[2].op, ==, PS_EXPR_OP_PUSH_VAR);
  g_assert_cmpuint (code[2].index, ==, 2);
  g_assert_cmpuint (code[3].op, ==, PS_EXPR_OP_MUL);
  g_assert_cmpuint (code[4].op, ==, PS_EXPR_OP_SUB);
  g_assert_cmpstr (ps_expr_opcode_name (PS_EXPR_OP_MAX), ==, "MAX");
}

/* ---------------------------------------------------------------------------------
 * Linear forms.
 */

static void
test_linear_form (void)
{
  const double D = const_values[0], k = const_values[1];
  const struct
  {
    const char *text;
    double coef[N_VARS];
    double constant;
  } linear[] = {
    { "2*R - 3.5*S/2 + 4", { 2.0, -3.5 / 2.0, 0.0 }, 4.0 },
    { "-(S - R)", { 1.0, -1.0, 0.0 }, 0.0 },
    { "R - F/(pi*D^2/4)", { 1.0, 0.0, -1.0 / (G_PI * D * D / 4.0) }, 0.0 },
    { "R/k - (S + 1)*2", { 1.0 / k, -2.0, 0.0 }, -2.0 },
    { "k", { 0.0, 0.0, 0.0 }, 3.5 },
    { "R - R + 0.5*F", { 0.0, 0.0, 0.5 }, 0.0 },
    { "-(2*(R - 1.5) - 3*(S + F/4))/5", { -2.0 / 5.0, 3.0 / 5.0, 0.75 / 5.0 }, 3.0 / 5.0 },
    { "exp(1)*R - sqrt(2)", { exp (1.0), 0.0, 0.0 }, -sqrt (2.0) },
  };
  const char *nonlinear[] = {
    "R*S",        "R^2",       "exp(R)",    "R/S", "min(R, S)",    "sqrt(R)",
    "abs(R - S)", "(R - R)*S", "pow(R, 1)", "1/R", "F/(pi*R^2/4)", "R*1e308*10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (linear); i++)
    {
      g_autoptr (PsExpr) expr = compile_ok (linear[i].text);
      double coef[N_VARS] = { -99.0, -99.0, -99.0 };
      double c0 = -99.0;

      g_test_message ("%s", linear[i].text);
      g_assert_true (ps_expr_linear_form (expr, coef, &c0));
      for (guint v = 0; v < N_VARS; v++)
        assert_close (linear[i].text, coef[v], linear[i].coef[v], 1e-15);
      assert_close (linear[i].text, c0, linear[i].constant, 1e-15);

      /* The form reproduces the expression. */
      assert_close (linear[i].text,
                    c0 + coef[0] * var_values[0] + coef[1] * var_values[1]
                        + coef[2] * var_values[2],
                    ps_expr_eval (expr, var_values), 1e-14);
    }

  for (guint i = 0; i < G_N_ELEMENTS (nonlinear); i++)
    {
      g_autoptr (PsExpr) expr = compile_ok (nonlinear[i]);
      g_test_message ("%s", nonlinear[i]);
      g_assert_false (ps_expr_linear_form (expr, NULL, NULL));
    }

  {
    const char *const names[] = { "strength", "load" };
    g_autoptr (GError) error = NULL;
    g_autoptr (PsExpr) expr = ps_expr_compile ("strength - load", names, 2, NULL, NULL, 0, &error);
    double coef[2], c0;

    g_assert_no_error (error);
    g_assert_true (ps_expr_linear_form (expr, coef, &c0));
    g_assert_cmpfloat (coef[0], ==, 1.0);
    g_assert_cmpfloat (coef[1], ==, -1.0);
    g_assert_cmpfloat (c0, ==, 0.0);
  }
}

/* Random well-formed expressions, fully parenthesised, built together with their
 * value computed by walking the tree in C with the same elementary functions: the
 * compiled code (folded or not) must give the same bits. */
static double
gen_expr (GString *s, guint depth, const double *x)
{
  static const char *const numbers[] = { "2.5", "0.5", "3", "1e-3", ".25", "7.125" };
  static const double number_values[] = { 2.5, 0.5, 3.0, 1e-3, 0.25, 7.125 };
  guint kind
      = depth == 0 ? (guint)g_test_rand_int_range (0, 3) : (guint)g_test_rand_int_range (0, 9);
  double a, b;

  switch (kind)
    {
    case 0: /* a variable */
      {
        guint v = (guint)g_test_rand_int_range (0, N_VARS);
        g_string_append (s, var_names[v]);
        return x[v];
      }
    case 1: /* a named constant */
      {
        guint c = (guint)g_test_rand_int_range (0, N_CONSTS + 1);
        if (c == N_CONSTS)
          {
            g_string_append (s, "pi");
            return G_PI;
          }
        g_string_append (s, const_names[c]);
        return const_values[c];
      }
    case 2: /* a number */
      {
        guint c = (guint)g_test_rand_int_range (0, G_N_ELEMENTS (numbers));
        g_string_append (s, numbers[c]);
        return number_values[c];
      }
    case 3: /* unary minus */
      g_string_append (s, "(-");
      a = gen_expr (s, depth - 1, x);
      g_string_append (s, ")");
      return -a;
    case 4: /* a function of one argument */
      {
        static const char *const names[] = { "sqrt", "exp", "log", "sin", "cos", "tan", "abs" };
        guint f = (guint)g_test_rand_int_range (0, G_N_ELEMENTS (names));

        g_string_append_printf (s, "%s(", names[f]);
        a = gen_expr (s, depth - 1, x);
        g_string_append (s, ")");
        switch (f)
          {
          case 0:
            return sqrt (a);
          case 1:
            return ps_exp (a);
          case 2:
            return ps_log (a);
          case 3:
            return ps_sin (a);
          case 4:
            return ps_cos (a);
          case 5:
            return ps_tan (a);
          default:
            return fabs (a);
          }
      }
    case 5: /* a function of two */
      {
        static const char *const names[] = { "min", "max", "pow" };
        guint f = (guint)g_test_rand_int_range (0, G_N_ELEMENTS (names));

        g_string_append_printf (s, "%s(", names[f]);
        a = gen_expr (s, depth - 1, x);
        g_string_append (s, ", ");
        b = gen_expr (s, depth - 1, x);
        g_string_append (s, ")");
        if (f == 0)
          return (a < b || isnan (a)) ? a : b;
        if (f == 1)
          return (a > b || isnan (a)) ? a : b;
        return ps_pow (a, b);
      }
    default: /* a binary operator */
      {
        static const char ops[] = "+-*/^";
        char op = ops[g_test_rand_int_range (0, 5)];

        g_string_append_c (s, '(');
        a = gen_expr (s, depth - 1, x);
        g_string_append_printf (s, " %c ", op);
        b = gen_expr (s, depth - 1, x);
        g_string_append_c (s, ')');
        switch (op)
          {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return a / b;
          default:
            return ps_pow (a, b);
          }
      }
    }
}

static void
test_random_expressions (void)
{
  guint n_compiled = 0;

  for (guint iter = 0; iter < 5000; iter++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsExpr) expr = NULL;
      double x[N_VARS];
      double expected;

      for (guint v = 0; v < N_VARS; v++)
        x[v] = g_test_rand_double_range (-4.0, 4.0);
      expected = gen_expr (s, (guint)g_test_rand_int_range (0, 6), x);

      expr = ps_expr_compile (s->str, var_names, N_VARS, const_names, const_values, N_CONSTS,
                              &error);
      if (expr == NULL)
        {
          /* The only error a well-formed expression can have. */
          g_assert_nonnull (strstr (error->message, "division by zero"));
          continue;
        }
      n_compiled++;
      if (!same_double (ps_expr_eval (expr, x), expected))
        g_error ("%s: got %.17g, expected %.17g", s->str, ps_expr_eval (expr, x), expected);
      g_assert_true (same_double (eval_one_by_block (expr, x, N_VARS), expected));
    }
  g_assert_cmpuint (n_compiled, >, 4500);
}

/* ---------------------------------------------------------------------------------
 * Limits and long inputs.
 */

static void
test_limits (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  PsExpr *expr;

  /* 64 levels of parentheses are fine, 65 are not. */
  append_repeated (s, "(", PS_EXPR_MAX_NESTING);
  g_string_append (s, "R");
  append_repeated (s, ")", PS_EXPR_MAX_NESTING);
  expr = compile_ok (s->str);
  g_assert_cmpfloat (ps_expr_eval (expr, var_values), ==, var_values[0]);
  ps_expr_free (expr);

  g_string_prepend_c (s, '(');
  g_string_append_c (s, ')');
  expr = ps_expr_compile (s->str, var_names, N_VARS, NULL, NULL, 0, &error);
  g_assert_null (expr);
  g_assert_cmpuint (check_error_shape (error, s->str, FALSE), ==, PS_EXPR_MAX_NESTING + 1);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);

  /* The same for a run of unary minus signs. */
  g_string_truncate (s, 0);
  append_repeated (s, "-", PS_EXPR_MAX_NESTING + 1);
  g_string_append (s, "R");
  expr = ps_expr_compile (s->str, var_names, N_VARS, NULL, NULL, 0, &error);
  g_assert_null (expr);
  g_assert_cmpuint (check_error_shape (error, s->str, FALSE), ==, PS_EXPR_MAX_NESTING + 1);
  g_clear_error (&error);
  expr = compile_ok (s->str + 1);
  g_assert_cmpfloat (ps_expr_eval (expr, var_values), ==, var_values[0]);
  ps_expr_free (expr);

  /* Deeply right-nested sums: the stack grows, within the limit. */
  g_string_truncate (s, 0);
  append_repeated (s, "R + (", 60);
  g_string_append (s, "S");
  append_repeated (s, ")", 60);
  expr = compile_ok (s->str);
  g_assert_cmpuint (ps_expr_get_stack_depth (expr), ==, 61);
  {
    double expected = var_values[1];
    for (guint i = 0; i < 60; i++)
      expected = var_values[0] + expected;
    g_assert_cmpfloat (ps_expr_eval (expr, var_values), ==, expected);
  }
  ps_expr_free (expr);

  /* A long flat sum is a loop, not a recursion. */
  g_string_truncate (s, 0);
  g_string_append (s, "R");
  append_repeated (s, "+R", 19999);
  expr = compile_ok (s->str);
  g_assert_cmpuint (ps_expr_get_stack_depth (expr), ==, 2);
  {
    double expected = var_values[0];
    for (guint i = 1; i < 20000; i++)
      expected = expected + var_values[0];
    g_assert_cmpfloat (ps_expr_eval (expr, var_values), ==, expected);
  }
  ps_expr_free (expr);

  g_string_truncate (s, 0);
  g_string_append (s, "1");
  append_repeated (s, "+1", 99999);
  expr = compile_ok (s->str);
  {
    guint n;
    const PsExprOp *code = ps_expr_get_code (expr, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpfloat (code[0].value, ==, 100000.0);
  }
  ps_expr_free (expr);

  /* A very long number. */
  g_string_truncate (s, 0);
  g_string_append (s, "0.");
  append_repeated (s, "3", 500);
  expr = compile_ok (s->str);
  assert_close ("long number", ps_expr_eval (expr, NULL), 1.0 / 3.0, 1e-16);
  ps_expr_free (expr);
}

/* ---------------------------------------------------------------------------------
 * Fuzzing: whatever the text, compile returns an expression or a well-formed error.
 */

static void
check_compiled (const PsExpr *expr, const char *text)
{
  static double col_store[N_VARS][64];
  double *cols[N_VARS] = { col_store[0], col_store[1], col_store[2] };
  g_autofree char *dis = ps_expr_to_string (expr);
  const PsExprOp *code;
  guint n, sp = 0, depth = 0;
  double coef[N_VARS], c0;

  g_assert_nonnull (dis);
  code = ps_expr_get_code (expr, &n);
  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (code[i].op, <, PS_EXPR_N_OPS);
      switch (code[i].op)
        {
        case PS_EXPR_OP_PUSH_CONST:
        case PS_EXPR_OP_PUSH_VAR:
          sp++;
          break;
        case PS_EXPR_OP_ADD:
        case PS_EXPR_OP_SUB:
        case PS_EXPR_OP_MUL:
        case PS_EXPR_OP_DIV:
        case PS_EXPR_OP_POW:
        case PS_EXPR_OP_MIN:
        case PS_EXPR_OP_MAX:
          g_assert_cmpuint (sp, >=, 2);
          sp--;
          break;
        default:
          g_assert_cmpuint (sp, >=, 1);
          break;
        }
      if (code[i].op == PS_EXPR_OP_PUSH_VAR)
        g_assert_cmpuint (code[i].index, <, N_VARS);
      depth = MAX (depth, sp);
    }
  g_assert_cmpuint (sp, ==, 1);
  g_assert_cmpuint (depth, ==, ps_expr_get_stack_depth (expr));

  fill_samples (cols, N_VARS, 64);
  check_block_against_scalar (expr, cols, N_VARS, 64);
  (void)ps_expr_linear_form (expr, coef, &c0);
  (void)text;
}

static void
compile_any (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsExpr) expr
      = ps_expr_compile (text, var_names, N_VARS, const_names, const_values, N_CONSTS, &error);

  g_assert_true ((expr == NULL) != (error == NULL));
  if (expr != NULL)
    check_compiled (expr, text);
  else
    {
      guint pos = check_error_shape (error, text, FALSE);
      g_assert_cmpuint (pos, <=, strlen (text) + 1);
    }
}

static void
test_fuzz_bytes (void)
{
  const char charset[] = "RSFDk0123456789.eE+-*/^(),  pisqrtminaxlogcobt#_";
  char buf[48];

  for (guint iter = 0; iter < 20000; iter++)
    {
      guint len = (guint)g_test_rand_int_range (0, 40);

      for (guint i = 0; i < len; i++)
        {
          if (iter % 2 == 0)
            buf[i] = (char)g_test_rand_int_range (1, 256);
          else
            buf[i] = charset[g_test_rand_int_range (0, (gint32)sizeof charset - 1)];
        }
      buf[len] = '\0';
      compile_any (buf);
    }
}

static void
test_fuzz_tokens (void)
{
  static const char *const vocab[] = {
    "R",    "S",     "F",    "D",     "k",     "pi",   "Q",    "2",        "2.5",  "1e-3", ".5",
    "0",    "1e999", "7.",   "+",     "-",     "*",    "/",    "^",        "(",    ")",    "(",
    ")",    ",",     "-",    "*",     "sqrt(", "exp(", "log(", "sin(",     "cos(", "tan(", "abs(",
    "min(", "max(",  "pow(", "sine(", "R(",    "sqrt", "#",    "\xc3\xa9", "1e",   " ",
  };
  guint n_ok = 0;

  for (guint iter = 0; iter < 20000; iter++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      guint n_tokens = (guint)g_test_rand_int_range (1, 16);

      for (guint i = 0; i < n_tokens; i++)
        {
          g_string_append (s, vocab[g_test_rand_int_range (0, G_N_ELEMENTS (vocab))]);
          if (g_test_rand_bit ())
            g_string_append_c (s, ' ');
        }
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (PsExpr) expr = ps_expr_compile (s->str, var_names, N_VARS, const_names,
                                                   const_values, N_CONSTS, &error);

        g_assert_true ((expr == NULL) != (error == NULL));
        if (expr != NULL)
          {
            check_compiled (expr, s->str);
            n_ok++;
          }
        else
          check_error_shape (error, s->str, g_utf8_strlen (s->str, -1) <= 72);
      }
    }
  g_test_message ("%u of 20000 random token sequences compiled", n_ok);
  g_assert_cmpuint (n_ok, >, 100);
}

/* Issue 19 item 6: the dimensional check. The units are those of the SI Brochure
 * (BIPM, 9th edition 2019, Table 4: the pascal is N/m^2 = kg m^-1 s^-2, the newton
 * kg m s^-2); a sum of quantities of different dimensions has no meaning (dimensional
 * homogeneity, e.g. Bridgman, Dimensional Analysis, 1922, ch. 1). */
static void
test_units (void)
{
  static const PsDim pa = { 1, -1, -2 }, newton = { 1, 1, -2 }, metre = { 0, 1, 0 };
  const char *const names[] = { "R", "F", "theta", "x" };
  const PsExprDim dims[] = {
    { PS_EXPR_DIM_KNOWN, pa },
    { PS_EXPR_DIM_KNOWN, newton },
    { PS_EXPR_DIM_KNOWN, { 0, 0, 0 } },
    { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } },
  };
  const char *const cnames[] = { "D", "A", "c" };
  const double cvalues[] = { 0.02, 3e-4, 2.0 };
  const PsExprDim cdims[] = {
    { PS_EXPR_DIM_KNOWN, metre },
    { PS_EXPR_DIM_KNOWN, { 0, 2, 0 } },
    { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } },
  };
  static const struct
  {
    const char *text;
    const char *unit; /* of g; NULL: not known */
  } good[] = {
    { "R - F / (pi * D^2 / 4)", "Pa" },
    { "R * A - F", "N" },
    { "theta * R * A - 2 * F", "N" },
    { "R - 300e6", "Pa" },
    { "sqrt(A) - D", "m" },
    { "F / sqrt(A)^2 - abs(-R)", "Pa" },
    { "max(R, F / A) - min(R, 1)", "Pa" },
    { "R * D^3 - F * D", "N·m" },
    { "R - exp(R) - sin(F / 1e5)", "Pa" },
    { "sqrt(D) - 1", NULL },
    { "D^0.5 - R", NULL },
    { "D^x - F", NULL },
    { "1 - exp(theta) * log(F / (R * A))", "1" },
    { "R - x", NULL },
    { "x * R - F", NULL },
    { "R * c - F / A", NULL },
    { "theta^x - 1", "1" },
  };
  static const struct
  {
    const char *text;
    guint position;
    const char *words[3];
  } bad[] = {
    { "R - F", 3, { "\"R\" is in Pa", "\"F\" is in N", "\"-\"" } },
    { "F / A + F", 7, { "\"F / A\" is in Pa", "\"F\" is in N", "\"+\"" } },
    { "R - (F / D)", 3, { "\"R\" is in Pa", "\"(F / D)\" is in N/m", NULL } },
    { "min(R, F)", 1, { "\"R\" is in Pa", "\"F\" is in N", "min" } },
    { "R - theta", 3, { "\"theta\" has no unit", NULL, NULL } },
    { "R - F * sqrt(A)^2", 3, { "\"F * sqrt(A)^2\" is in N·m^2", NULL, NULL } },
    { "theta^D - 1", 6, { "exponent", "\"D\" is in m", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      PsExprDim g = { PS_EXPR_DIM_KNOWN, { 9, 9, 9 } };
      g_autoptr (PsExpr) expr = ps_expr_compile_dims (good[i].text, names, dims, 4, cnames, cvalues,
                                                      cdims, 3, &g, NULL, &error);
      g_autofree char *unit = NULL;

      g_test_message ("%s", good[i].text);
      g_assert_no_error (error);
      g_assert_nonnull (expr);
      unit = ps_expr_dim_to_string (g);
      g_assert_cmpstr (unit, ==, good[i].unit);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      guint at = 0;
      g_autoptr (PsExpr) expr = ps_expr_compile_dims (bad[i].text, names, dims, 4, cnames, cvalues,
                                                      cdims, 3, NULL, &at, &error);

      g_assert_null (expr);
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (at, ==, bad[i].position);
      /* The message shows the whole expression under "position N: ...". */
      g_assert_nonnull (strstr (error->message, bad[i].text));
      for (guint k = 0; k < G_N_ELEMENTS (bad[i].words) && bad[i].words[k] != NULL; k++)
        g_assert_nonnull (strstr (error->message, bad[i].words[k]));
      g_clear_error (&error);
      /* Without units, the same text compiles. */
      {
        g_autoptr (PsExpr) plain
            = ps_expr_compile (bad[i].text, names, 4, cnames, cvalues, 3, &error);

        g_assert_no_error (error);
        g_assert_nonnull (plain);
      }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/expr/precedence", test_precedence);
  g_test_add_func ("/engine/expr/axial-bar", test_axial_bar);
  g_test_add_func ("/engine/expr/errors", test_errors);
  g_test_add_func ("/engine/expr/error-window", test_error_window);
  g_test_add_func ("/engine/expr/names", test_names);
  g_test_add_func ("/engine/expr/folding", test_folding);
  g_test_add_func ("/engine/expr/block-vs-scalar", test_block);
  g_test_add_func ("/engine/expr/nan", test_nan);
  g_test_add_func ("/engine/expr/stack-depth", test_stack_depth);
  g_test_add_func ("/engine/expr/uses-variable", test_uses_variable);
  g_test_add_func ("/engine/expr/layout", test_layout);
  g_test_add_func ("/engine/expr/linear-form", test_linear_form);
  g_test_add_func ("/engine/expr/random-expressions", test_random_expressions);
  g_test_add_func ("/engine/expr/limits", test_limits);
  g_test_add_func ("/engine/expr/units", test_units);
  g_test_add_func ("/engine/expr/fuzz-bytes", test_fuzz_bytes);
  g_test_add_func ("/engine/expr/fuzz-tokens", test_fuzz_tokens);

  return g_test_run ();
}
