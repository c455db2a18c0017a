#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "ps-error.h"
#include "ps-expr-eval-private.h"
#include "ps-expr.h"
#include "ps-math-private.h"
#include "study/ps-units.h"

struct _PsExpr
{
  PsExprOp *code;
  guint n_ops;
  guint stack_depth;
  guint n_vars;
  char **var_names; /* for the disassembly */
  guint8 *uses_var; /* n_vars flags */
};

/* ---------------------------------------------------------------------------------
 * The operations. The compiler folds constants with these same functions and both
 * interpreters call them, so a folded constant has the bits the unfolded code would
 * have computed.
 */

static double
apply_binary (PsExprOpcode op, double a, double b)
{
  switch (op)
    {
    case PS_EXPR_OP_ADD:
      return a + b;
    case PS_EXPR_OP_SUB:
      return a - b;
    case PS_EXPR_OP_MUL:
      return a * b;
    case PS_EXPR_OP_DIV:
      return a / b;
    case PS_EXPR_OP_POW:
      return ps_pow (a, b);
    case PS_EXPR_OP_MIN:
      return ps_expr_op_min (a, b);
    case PS_EXPR_OP_MAX:
      return ps_expr_op_max (a, b);
    default:
      g_assert_not_reached ();
    }
}

static double
apply_unary (PsExprOpcode op, double a)
{
  switch (op)
    {
    case PS_EXPR_OP_NEG:
      return -a;
    case PS_EXPR_OP_SQRT:
      return sqrt (a);
    case PS_EXPR_OP_EXP:
      return ps_exp (a);
    case PS_EXPR_OP_LOG:
      return ps_log (a);
    case PS_EXPR_OP_SIN:
      return ps_sin (a);
    case PS_EXPR_OP_COS:
      return ps_cos (a);
    case PS_EXPR_OP_TAN:
      return ps_tan (a);
    case PS_EXPR_OP_ABS:
      return fabs (a);
    default:
      g_assert_not_reached ();
    }
}

/* How many operands each operation pops; PUSH_* pop none and push one. */
static const guint8 op_arity[PS_EXPR_N_OPS] = {
  [PS_EXPR_OP_PUSH_CONST] = 0, [PS_EXPR_OP_PUSH_VAR] = 0, [PS_EXPR_OP_ADD] = 2,
  [PS_EXPR_OP_SUB] = 2,        [PS_EXPR_OP_MUL] = 2,      [PS_EXPR_OP_DIV] = 2,
  [PS_EXPR_OP_NEG] = 1,        [PS_EXPR_OP_POW] = 2,      [PS_EXPR_OP_SQRT] = 1,
  [PS_EXPR_OP_EXP] = 1,        [PS_EXPR_OP_LOG] = 1,      [PS_EXPR_OP_SIN] = 1,
  [PS_EXPR_OP_COS] = 1,        [PS_EXPR_OP_TAN] = 1,      [PS_EXPR_OP_ABS] = 1,
  [PS_EXPR_OP_MIN] = 2,        [PS_EXPR_OP_MAX] = 2,
};

static const char *const op_names[PS_EXPR_N_OPS] = {
  [PS_EXPR_OP_PUSH_CONST] = "PUSH_CONST",
  [PS_EXPR_OP_PUSH_VAR] = "PUSH_VAR",
  [PS_EXPR_OP_ADD] = "ADD",
  [PS_EXPR_OP_SUB] = "SUB",
  [PS_EXPR_OP_MUL] = "MUL",
  [PS_EXPR_OP_DIV] = "DIV",
  [PS_EXPR_OP_NEG] = "NEG",
  [PS_EXPR_OP_POW] = "POW",
  [PS_EXPR_OP_SQRT] = "SQRT",
  [PS_EXPR_OP_EXP] = "EXP",
  [PS_EXPR_OP_LOG] = "LOG",
  [PS_EXPR_OP_SIN] = "SIN",
  [PS_EXPR_OP_COS] = "COS",
  [PS_EXPR_OP_TAN] = "TAN",
  [PS_EXPR_OP_ABS] = "ABS",
  [PS_EXPR_OP_MIN] = "MIN",
  [PS_EXPR_OP_MAX] = "MAX",
};

const char *
ps_expr_opcode_name (PsExprOpcode op)
{
  g_return_val_if_fail (op < PS_EXPR_N_OPS, "?");
  return op_names[op];
}

typedef struct
{
  const char *name;
  PsExprOpcode op;
  guint n_args;
} FunctionInfo;

static const FunctionInfo functions[] = {
  { "sqrt", PS_EXPR_OP_SQRT, 1 }, { "exp", PS_EXPR_OP_EXP, 1 }, { "log", PS_EXPR_OP_LOG, 1 },
  { "sin", PS_EXPR_OP_SIN, 1 },   { "cos", PS_EXPR_OP_COS, 1 }, { "tan", PS_EXPR_OP_TAN, 1 },
  { "abs", PS_EXPR_OP_ABS, 1 },   { "min", PS_EXPR_OP_MIN, 2 }, { "max", PS_EXPR_OP_MAX, 2 },
  { "pow", PS_EXPR_OP_POW, 2 },
};

#define FUNCTION_LIST "sqrt, exp, log, sin, cos, tan, abs, min, max, pow"

/* ---------------------------------------------------------------------------------
 * Error messages: "position N: what\n  text\n  ^" with the caret under character N.
 * Positions count characters; a byte that is not valid UTF-8 counts as one.
 */

#define ECHO_WIDTH 72

/* The length in bytes of the character at s[i], and whether it is valid UTF-8. */
static gsize
unit_at (const char *s, gsize i, gsize len, gunichar *ch)
{
  gunichar c = g_utf8_get_char_validated (s + i, (gssize)(len - i));

  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *ch = (gunichar)-1;
      return 1;
    }
  *ch = c;
  return (gsize)g_utf8_skip[(guchar)s[i]];
}

/* Whether a character can be shown as itself in one terminal column. */
static gboolean
unit_is_showable (gunichar ch)
{
  if (ch == (gunichar)-1)
    return FALSE;
  if (ch < 0x80)
    return g_ascii_isprint ((char)ch);
  return g_unichar_isprint (ch) && !g_unichar_iszerowidth (ch) && !g_unichar_iswide (ch);
}

static void
append_caret_lines (GString *msg, const char *text, gsize pos0)
{
  gsize len = strlen (text);
  gsize n_units = 0;
  gsize w0, w1, u = 0;

  for (gsize i = 0; i < len; n_units++)
    {
      gunichar ch;
      i += unit_at (text, i, len, &ch);
    }

  w0 = 0;
  w1 = n_units;
  if (n_units > ECHO_WIDTH)
    {
      w0 = pos0 > ECHO_WIDTH / 2 ? pos0 - ECHO_WIDTH / 2 : 0;
      w1 = MIN (n_units, w0 + ECHO_WIDTH);
      if (w1 - w0 < ECHO_WIDTH)
        w0 = w1 - ECHO_WIDTH;
    }

  g_string_append (msg, "\n  ");
  if (w0 > 0)
    g_string_append (msg, "...");
  for (gsize i = 0; i < len && u < w1; u++)
    {
      gunichar ch;
      gsize k = unit_at (text, i, len, &ch);

      if (u >= w0)
        {
          if (ch == '\t' || ch == '\n' || ch == '\r')
            g_string_append_c (msg, ' ');
          else if (unit_is_showable (ch))
            g_string_append_len (msg, text + i, (gssize)k);
          else
            g_string_append_c (msg, '?');
        }
      i += k;
    }
  if (w1 < n_units)
    g_string_append (msg, "...");

  g_string_append (msg, "\n  ");
  if (w0 > 0)
    g_string_append (msg, "   ");
  for (gsize i = w0; i < pos0; i++)
    g_string_append_c (msg, ' ');
  g_string_append_c (msg, '^');
}

/* The 0-based character index of byte offset @offset. */
static gsize
char_index (const char *text, gsize offset)
{
  gsize len = strlen (text);
  gsize n = 0;

  for (gsize i = 0; i < offset && i < len; n++)
    {
      gunichar ch;
      i += unit_at (text, i, len, &ch);
    }
  return n;
}

/* ---------------------------------------------------------------------------------
 * The parser: recursive descent that emits postfix code as it goes. Every operand
 * it parses is a contiguous run of code starting at `start`; when all the operands
 * of an operation are constants their code is replaced by one PUSH_CONST.
 */

typedef enum
{
  TOK_END,
  TOK_NUMBER,
  TOK_NAME,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  TOK_CARET,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
} TokenKind;

typedef struct
{
  TokenKind kind;
  gsize start; /* byte offset */
  gsize len;
  double value;
} Token;

typedef struct
{
  const char *text;
  gsize len;
  gsize pos; /* byte offset of the next token */
  Token tok;

  const char *const *var_names;
  guint n_vars;
  const char *const *const_names;
  const double *const_values;
  guint n_consts;

  GArray *code;
  guint nesting;
  GError **error;
  guint error_position; /* 1-based character of the first error, 0 for none */
  gsize last_end;       /* byte offset just past the last token read */

  /* Whether units are checked, and the units of the variables and constants (NULL:
   * unknown). */
  gboolean check_dims;
  const PsExprDim *var_dims;
  const PsExprDim *const_dims;
} Parser;

typedef struct
{
  guint start;       /* index of the operand's first instruction */
  gboolean is_const; /* its code is a single PUSH_CONST of value */
  double value;
  PsExprDim dim;  /* its unit, when units are checked */
  gsize from, to; /* its text, as byte offsets */
} Operand;

typedef enum
{
  CONTEXT_TOP,
  CONTEXT_PAREN,
  CONTEXT_CALL,
} Context;

static void parser_error (Parser *p, gsize offset, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
parser_error (Parser *p, gsize offset, const char *format, ...)
{
  g_autoptr (GString) msg = g_string_new (NULL);
  gsize pos0 = char_index (p->text, offset);
  va_list args;

  g_string_append_printf (msg, _ ("position %zu: "), pos0 + 1);
  if (p->error_position == 0)
    p->error_position = (guint)(pos0 + 1);
  va_start (args, format);
  g_string_append_vprintf (msg, format, args);
  va_end (args);
  append_caret_lines (msg, p->text, pos0);
  g_set_error_literal (p->error, PS_ERROR, PS_ERROR_INVALID, msg->str);
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
lex_number (Parser *p, gsize start)
{
  const char *s = p->text;
  gsize i = start;
  gsize n_digits = 0;
  char buf[64];
  g_autofree char *heap = NULL;
  char *copy;

  while (g_ascii_isdigit (s[i]))
    i++, n_digits++;
  if (s[i] == '.')
    {
      i++;
      while (g_ascii_isdigit (s[i]))
        i++, n_digits++;
    }
  g_assert (n_digits > 0);
  if (s[i] == 'e' || s[i] == 'E')
    {
      gsize e = i + 1;

      if (s[e] == '+' || s[e] == '-')
        e++;
      if (!g_ascii_isdigit (s[e]))
        {
          parser_error (p, start, _ ("malformed number \"%.*s\": the exponent has no digits"),
                        (int)(e - start), s + start);
          return FALSE;
        }
      while (g_ascii_isdigit (s[e]))
        e++;
      i = e;
    }

  if (i - start < sizeof buf)
    copy = buf;
  else
    copy = heap = g_malloc (i - start + 1);
  memcpy (copy, s + start, i - start);
  copy[i - start] = '\0';

  p->tok.kind = TOK_NUMBER;
  p->tok.start = start;
  p->tok.len = i - start;
  p->tok.value = g_ascii_strtod (copy, NULL);
  p->pos = i;
  if (isinf (p->tok.value))
    {
      parser_error (p, start, _ ("number out of range: %.*s (the largest is about 1.8e308)"),
                    (int)MIN (i - start, 40), s + start);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lex_bad_character (Parser *p, gsize start)
{
  gunichar ch;
  gsize k = unit_at (p->text, start, p->len, &ch);

  if (ch == (gunichar)-1)
    parser_error (p, start, _ ("unexpected byte 0x%02X (not valid UTF-8)"), (guchar)p->text[start]);
  else if (ch < 0x80 && unit_is_showable (ch))
    parser_error (p, start, _ ("unexpected character \"%c\""), (char)ch);
  else if (unit_is_showable (ch))
    parser_error (p, start, _ ("unexpected character \"%.*s\" (U+%04X)"), (int)k, p->text + start,
                  (guint)ch);
  else
    parser_error (p, start, _ ("unexpected character U+%04X"), (guint)ch);
  return FALSE;
}

/* The tokens of one character. */
static const struct
{
  char c;
  TokenKind kind;
} punctuation[] = {
  { '+', TOK_PLUS },  { '-', TOK_MINUS },  { '*', TOK_STAR },   { '/', TOK_SLASH },
  { '^', TOK_CARET }, { '(', TOK_LPAREN }, { ')', TOK_RPAREN }, { ',', TOK_COMMA },
};

/* Reads the next token into p->tok. */
static gboolean
advance (Parser *p)
{
  const char *s = p->text;
  gsize i = p->pos;

  p->last_end = p->tok.start + p->tok.len;
  while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
    i++;

  p->tok.start = i;
  p->tok.len = 1;
  p->tok.value = 0.0;
  p->pos = i + 1;

  if (s[i] == '\0')
    {
      p->tok.kind = TOK_END;
      p->tok.len = 0;
      p->pos = i;
      return TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (punctuation); k++)
    if (s[i] == punctuation[k].c)
      {
        p->tok.kind = punctuation[k].kind;
        return TRUE;
      }

  if (g_ascii_isdigit (s[i]) || (s[i] == '.' && g_ascii_isdigit (s[i + 1])))
    return lex_number (p, i);

  if (is_name_start (s[i]))
    {
      gsize e = i + 1;

      while (is_name_char (s[e]))
        e++;
      p->tok.kind = TOK_NAME;
      p->tok.len = e - i;
      p->pos = e;
      return TRUE;
    }

  return lex_bad_character (p, i);
}

static gboolean
token_is (const Token *tok, const char *text, const char *name)
{
  return strlen (name) == tok->len && memcmp (text + tok->start, name, tok->len) == 0;
}

static void
emit (Parser *p, PsExprOpcode op, guint32 index, double value)
{
  PsExprOp ins = { 0 };

  ins.op = (guint8)op;
  ins.index = index;
  ins.value = value;
  g_array_append_val (p->code, ins);
}

static void
emit_const (Parser *p, guint start, double value, Operand *result)
{
  g_array_set_size (p->code, start);
  emit (p, PS_EXPR_OP_PUSH_CONST, 0, value);
  result->start = start;
  result->is_const = TRUE;
  result->value = value;
}

/* An instruction whose value is known only when the code runs; the code of its
 * operands, if any, starts at @start. */
static void
emit_computed (Parser *p, PsExprOpcode op, guint32 index, guint start, Operand *result)
{
  emit (p, op, index, 0.0);
  result->start = start;
  result->is_const = FALSE;
  result->value = 0.0;
}

static const PsExprDim dim_number = { PS_EXPR_DIM_NUMBER, { 0, 0, 0 } };
static const PsExprDim dim_unknown = { PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } };
static gboolean dim_binary (Parser *p, PsExprOpcode op, gsize op_offset, const Operand *a,
                            const Operand *b, PsExprDim *out);
static gboolean dim_unary (Parser *p, PsExprOpcode op, gsize offset, const Operand *a,
                           PsExprDim *out);

static gboolean emit_binary_code (Parser *p, PsExprOpcode op, gsize op_offset, const Operand *a,
                                  const Operand *b, Operand *result);

/* a op b, where b's code follows a's. */
static gboolean
emit_binary (Parser *p, PsExprOpcode op, gsize op_offset, const Operand *a, const Operand *b,
             Operand *result)
{
  PsExprDim dim = dim_unknown;
  gsize from = a->from, to = b->to;

  if (p->check_dims && !dim_binary (p, op, op_offset, a, b, &dim))
    return FALSE;
  if (!emit_binary_code (p, op, op_offset, a, b, result))
    return FALSE;
  result->dim = dim;
  result->from = from;
  result->to = to;
  return TRUE;
}

static gboolean
emit_binary_code (Parser *p, PsExprOpcode op, gsize op_offset, const Operand *a, const Operand *b,
                  Operand *result)
{
  if (op == PS_EXPR_OP_DIV && b->is_const && b->value == 0.0)
    {
      if (a->is_const)
        parser_error (p, op_offset, _ ("division by zero in a constant expression"));
      else
        parser_error (p, op_offset, _ ("division by zero: the divisor is a constant equal to 0"));
      return FALSE;
    }

  if (a->is_const && b->is_const)
    {
      emit_const (p, a->start, apply_binary (op, a->value, b->value), result);
      return TRUE;
    }

  emit_computed (p, op, 0, a->start, result);
  return TRUE;
}

/* op a, for a function's name or unary minus at @offset, which starts its text. */
static gboolean
emit_unary (Parser *p, PsExprOpcode op, gsize offset, const Operand *a, Operand *result)
{
  PsExprDim dim = dim_unknown;
  gsize to = a->to;

  if (p->check_dims && !dim_unary (p, op, offset, a, &dim))
    return FALSE;
  if (a->is_const)
    emit_const (p, a->start, apply_unary (op, a->value), result);
  else
    emit_computed (p, op, 0, a->start, result);
  result->dim = dim;
  result->from = offset;
  result->to = MAX (to, p->last_end);
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * The dimensional check, done while parsing when the caller gives the names' units.
 */

static gboolean
dim_has_unit (PsExprDim d)
{
  return d.kind == PS_EXPR_DIM_KNOWN && (d.dim.kg != 0 || d.dim.m != 0 || d.dim.s != 0);
}

char *
ps_expr_dim_to_string (PsExprDim d)
{
  if (d.kind == PS_EXPR_DIM_UNKNOWN)
    return NULL;
  if (d.kind == PS_EXPR_DIM_NUMBER)
    return g_strdup ("1");
  return ps_dim_si_unit (d.dim);
}

/* "\"F\" is in N", "\"theta\" has no unit", for the messages. */
static char *
operand_phrase (const Parser *p, const Operand *a)
{
  g_autofree char *unit = ps_dim_si_unit (a->dim.dim);
  int len = (int)MIN (a->to - a->from, 40);

  if (!dim_has_unit (a->dim))
    return g_strdup_printf (_ ("\"%.*s\" has no unit"), len, p->text + a->from);
  return g_strdup_printf (_ ("\"%.*s\" is in %s"), len, p->text + a->from, unit);
}

/* The unit of a op b, or FALSE with the error at @op_offset. */
static gboolean
dim_binary (Parser *p, PsExprOpcode op, gsize op_offset, const Operand *a, const Operand *b,
            PsExprDim *out)
{
  PsExprDim da = a->dim, db = b->dim;

  switch (op)
    {
    case PS_EXPR_OP_ADD:
    case PS_EXPR_OP_SUB:
    case PS_EXPR_OP_MIN:
    case PS_EXPR_OP_MAX:
      if (da.kind == PS_EXPR_DIM_UNKNOWN || db.kind == PS_EXPR_DIM_UNKNOWN)
        *out = dim_unknown;
      else if (da.kind == PS_EXPR_DIM_NUMBER)
        *out = db;
      else if (db.kind == PS_EXPR_DIM_NUMBER
               || (da.dim.kg == db.dim.kg && da.dim.m == db.dim.m && da.dim.s == db.dim.s))
        *out = da;
      else
        {
          g_autofree char *pa = operand_phrase (p, a);
          g_autofree char *pb = operand_phrase (p, b);

          if (op == PS_EXPR_OP_ADD || op == PS_EXPR_OP_SUB)
            parser_error (p, op_offset,
                          _ ("units do not match: %s but %s (both sides of \"%c\" need the same "
                             "unit)"),
                          pa, pb, op == PS_EXPR_OP_ADD ? '+' : '-');
          else
            parser_error (p, op_offset,
                          _ ("units do not match: %s but %s (the arguments of %s need the same "
                             "unit)"),
                          pa, pb, op == PS_EXPR_OP_MIN ? "min" : "max");
          return FALSE;
        }
      return TRUE;

    case PS_EXPR_OP_MUL:
    case PS_EXPR_OP_DIV:
      if (da.kind == PS_EXPR_DIM_UNKNOWN || db.kind == PS_EXPR_DIM_UNKNOWN)
        *out = dim_unknown;
      else if (da.kind == PS_EXPR_DIM_NUMBER && db.kind == PS_EXPR_DIM_NUMBER)
        *out = dim_number;
      else
        {
          int sign = op == PS_EXPR_OP_MUL ? 1 : -1;

          out->kind = PS_EXPR_DIM_KNOWN;
          out->dim.kg = da.dim.kg + sign * db.dim.kg;
          out->dim.m = da.dim.m + sign * db.dim.m;
          out->dim.s = da.dim.s + sign * db.dim.s;
        }
      return TRUE;

    case PS_EXPR_OP_POW:
      if (dim_has_unit (db))
        {
          g_autofree char *pb = operand_phrase (p, b);

          parser_error (p, op_offset, _ ("an exponent has no unit, but %s"), pb);
          return FALSE;
        }
      if (!dim_has_unit (da))
        {
          *out = da;
          return TRUE;
        }
      {
        double e = b->value, k[3];

        /* A power that is not a constant, or leaves no whole powers of the base
         * units (D^0.5 with D in m), has a unit this check cannot write: unknown,
         * and not refused. */
        *out = dim_unknown;
        if (!b->is_const)
          return TRUE;
        k[0] = da.dim.kg * e;
        k[1] = da.dim.m * e;
        k[2] = da.dim.s * e;
        for (guint i = 0; i < 3; i++)
          if (!(fabs (k[i] - nearbyint (k[i])) < 1e-9 && fabs (k[i]) < 1000))
            return TRUE;
        out->kind = PS_EXPR_DIM_KNOWN;
        out->dim.kg = (int)nearbyint (k[0]);
        out->dim.m = (int)nearbyint (k[1]);
        out->dim.s = (int)nearbyint (k[2]);
      }
      return TRUE;

    default:
      *out = dim_unknown;
      return TRUE;
    }
}

/* The unit of f(a) for a one-argument function or unary minus. */
static gboolean
dim_unary (Parser *p, PsExprOpcode op, gsize offset, const Operand *a, PsExprDim *out)
{
  PsExprDim d = a->dim;

  switch (op)
    {
    case PS_EXPR_OP_NEG:
    case PS_EXPR_OP_ABS:
      *out = d;
      return TRUE;
    case PS_EXPR_OP_SQRT:
      *out = d;
      if (dim_has_unit (d) && (d.dim.kg % 2 != 0 || d.dim.m % 2 != 0 || d.dim.s % 2 != 0))
        *out = dim_unknown;
      out->dim.kg /= 2;
      out->dim.m /= 2;
      out->dim.s /= 2;
      return TRUE;
    default:
      /* exp, log, sin, cos, tan: a number. Their argument is not checked: files
       * scale a quantity by a plain number inside them (sin(M / 1e5)), a number that
       * carries the unit the check cannot see. */
      (void)p;
      (void)offset;
      *out = dim_number;
      return TRUE;
    }
}

static gboolean
enter (Parser *p, gsize offset)
{
  if (++p->nesting > PS_EXPR_MAX_NESTING)
    {
      parser_error (p, offset,
                    _ ("expression nested too deeply (more than %d levels of parentheses, "
                       "functions, unary minus and ^)"),
                    PS_EXPR_MAX_NESTING);
      return FALSE;
    }
  return TRUE;
}

static void
leave (Parser *p)
{
  p->nesting--;
}

/* The token after a complete operand is none of the operators nor what closes the
 * current context. */
static gboolean
unexpected_after_operand (Parser *p, Context context, gsize open_offset)
{
  const Token *t = &p->tok;

  switch (t->kind)
    {
    case TOK_NUMBER:
    case TOK_NAME:
    case TOK_LPAREN:
      parser_error (p, t->start, _ ("two operands in a row: expected an operator before \"%.*s\""),
                    (int)MIN (t->len, 40), p->text + t->start);
      break;
    case TOK_END:
      parser_error (p, t->start, _ ("missing closing parenthesis for the \"(\" at position %zu"),
                    char_index (p->text, open_offset) + 1);
      break;
    case TOK_RPAREN:
      parser_error (p, t->start, _ ("unmatched closing parenthesis"));
      break;
    case TOK_COMMA:
      if (context == CONTEXT_TOP)
        parser_error (p, t->start, _ ("unexpected \",\" outside a function's arguments"));
      else
        parser_error (p, t->start,
                      _ ("unexpected \",\": only a function's arguments are "
                         "separated by commas"));
      break;
    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_STAR:
    case TOK_SLASH:
    case TOK_CARET:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean parse_expr (Parser *p, Operand *result);
static gboolean parse_unary (Parser *p, Operand *result);

static const FunctionInfo *
find_function (const Parser *p, const Token *tok)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (token_is (tok, p->text, functions[i].name))
      return &functions[i];
  return NULL;
}

static gboolean
find_name (const Token *tok, const char *text, const char *const *names, guint n, guint *index)
{
  for (guint i = 0; i < n; i++)
    if (token_is (tok, text, names[i]))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

static void
append_name_list (GString *s, const char *what, const char *const *names, guint n)
{
  g_string_append_printf (s, "%s: ", what);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", names[i]);
}

static gboolean
unknown_name (Parser *p, const Token *name)
{
  g_autoptr (GString) known = g_string_new (NULL);

  if (p->n_vars > 0)
    append_name_list (known, _ ("variables"), p->var_names, p->n_vars);
  if (p->n_consts > 0)
    {
      if (known->len > 0)
        g_string_append (known, "; ");
      append_name_list (known, _ ("constants"), p->const_names, p->n_consts);
    }
  if (known->len == 0)
    g_string_append (known, _ ("no variables or constants are defined"));

  parser_error (p, name->start, _ ("unknown name \"%.*s\" (%s)"), (int)MIN (name->len, 40),
                p->text + name->start, known->str);
  return FALSE;
}

static gboolean
parse_call (Parser *p, const Token *name, Operand *result)
{
  const FunctionInfo *f = find_function (p, name);
  gsize open_offset = p->tok.start;
  Operand args[2] = { { 0 } };
  guint n_args = 0;
  guint index;

  if (f == NULL)
    {
      if (find_name (name, p->text, p->var_names, p->n_vars, &index))
        parser_error (p, name->start, _ ("\"%.*s\" is a variable, not a function"), (int)name->len,
                      p->text + name->start);
      else if (find_name (name, p->text, p->const_names, p->n_consts, &index)
               || token_is (name, p->text, "pi"))
        parser_error (p, name->start, _ ("\"%.*s\" is a constant, not a function"), (int)name->len,
                      p->text + name->start);
      else
        parser_error (p, name->start, _ ("unknown function \"%.*s\" (functions: %s)"),
                      (int)MIN (name->len, 40), p->text + name->start, FUNCTION_LIST);
      return FALSE;
    }

  if (!enter (p, open_offset) || !advance (p))
    return FALSE;

  if (p->tok.kind != TOK_RPAREN)
    {
      for (;;)
        {
          Operand arg;

          if (!parse_expr (p, &arg))
            return FALSE;
          if (n_args < G_N_ELEMENTS (args))
            args[n_args] = arg;
          n_args++;

          if (p->tok.kind == TOK_RPAREN)
            break;
          if (p->tok.kind != TOK_COMMA)
            return unexpected_after_operand (p, CONTEXT_CALL, open_offset);
          if (!advance (p))
            return FALSE;
        }
    }

  if (n_args != f->n_args)
    {
      parser_error (p, name->start,
                    g_dngettext (GETTEXT_PACKAGE, "%s takes %u argument, got %u",
                                 "%s takes %u arguments, got %u", f->n_args),
                    f->name, f->n_args, n_args);
      return FALSE;
    }
  leave (p);
  if (!advance (p))
    return FALSE;

  if (f->n_args == 1)
    return emit_unary (p, f->op, name->start, &args[0], result);
  /* No function divides: this fails only on units. */
  if (!emit_binary (p, f->op, name->start, &args[0], &args[1], result))
    return FALSE;
  result->from = name->start;
  result->to = p->last_end;
  return TRUE;
}

static gboolean
parse_primary (Parser *p, Operand *result)
{
  Token tok = p->tok;
  guint start = p->code->len;
  guint index;

  switch (tok.kind)
    {
    case TOK_NUMBER:
      emit_const (p, start, tok.value, result);
      result->dim = dim_number;
      result->from = tok.start;
      result->to = tok.start + tok.len;
      return advance (p);

    case TOK_NAME:
      if (!advance (p))
        return FALSE;
      if (p->tok.kind == TOK_LPAREN)
        return parse_call (p, &tok, result);

      result->from = tok.start;
      result->to = tok.start + tok.len;
      if (find_name (&tok, p->text, p->var_names, p->n_vars, &index))
        {
          emit_computed (p, PS_EXPR_OP_PUSH_VAR, index, start, result);
          result->dim = p->var_dims != NULL ? p->var_dims[index] : dim_unknown;
          return TRUE;
        }
      if (find_name (&tok, p->text, p->const_names, p->n_consts, &index))
        {
          emit_const (p, start, p->const_values[index], result);
          result->dim = p->const_dims != NULL ? p->const_dims[index] : dim_unknown;
          return TRUE;
        }
      if (token_is (&tok, p->text, "pi"))
        {
          emit_const (p, start, G_PI, result);
          result->dim = dim_number;
          return TRUE;
        }
      if (find_function (p, &tok) != NULL)
        {
          parser_error (p, tok.start, _ ("\"%.*s\" is a function: write %.*s(...)"), (int)tok.len,
                        p->text + tok.start, (int)tok.len, p->text + tok.start);
          return FALSE;
        }
      return unknown_name (p, &tok);

    case TOK_LPAREN:
      if (!enter (p, tok.start) || !advance (p) || !parse_expr (p, result))
        return FALSE;
      if (p->tok.kind != TOK_RPAREN)
        return unexpected_after_operand (p, CONTEXT_PAREN, tok.start);
      leave (p);
      result->from = tok.start;
      result->to = p->tok.start + p->tok.len;
      return advance (p);

    case TOK_END:
      parser_error (p, tok.start,
                    _ ("unexpected end of input: expected a number, a name or \"(\""));
      return FALSE;

    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_STAR:
    case TOK_SLASH:
    case TOK_CARET:
    case TOK_RPAREN:
    case TOK_COMMA:
    default:
      parser_error (p, tok.start, _ ("unexpected \"%c\": expected a number, a name or \"(\""),
                    p->text[tok.start]);
      return FALSE;
    }
}

/* power := primary [ '^' unary ]: right-associative, and the exponent may carry a
 * sign (2^-1); a sign in front of the base applies to the whole power (-2^2 = -4). */
static gboolean
parse_power (Parser *p, Operand *result)
{
  Operand base, exponent;
  gsize op_offset;

  if (!parse_primary (p, &base))
    return FALSE;
  if (p->tok.kind != TOK_CARET)
    {
      *result = base;
      return TRUE;
    }

  op_offset = p->tok.start;
  if (!enter (p, op_offset) || !advance (p) || !parse_unary (p, &exponent))
    return FALSE;
  leave (p);
  return emit_binary (p, PS_EXPR_OP_POW, op_offset, &base, &exponent, result);
}

static gboolean
parse_unary (Parser *p, Operand *result)
{
  TokenKind kind = p->tok.kind;
  gsize offset = p->tok.start;
  Operand a;

  if (kind != TOK_MINUS && kind != TOK_PLUS)
    return parse_power (p, result);

  if (!enter (p, offset) || !advance (p) || !parse_unary (p, &a))
    return FALSE;
  leave (p);
  if (kind == TOK_MINUS)
    return emit_unary (p, PS_EXPR_OP_NEG, offset, &a, result);
  *result = a;
  result->from = offset;
  return TRUE;
}

typedef gboolean (*ParseRule) (Parser *p, Operand *result);

/* operand { op operand } for the two left-associative operators of one precedence
 * level: @tok_a stands for @op_a and @tok_b for @op_b. A long chain is a loop, not a
 * recursion. */
static gboolean
parse_left_assoc (Parser *p, ParseRule parse_operand, TokenKind tok_a, PsExprOpcode op_a,
                  TokenKind tok_b, PsExprOpcode op_b, Operand *result)
{
  Operand a, b;

  if (!parse_operand (p, &a))
    return FALSE;
  while (p->tok.kind == tok_a || p->tok.kind == tok_b)
    {
      PsExprOpcode op = p->tok.kind == tok_a ? op_a : op_b;
      gsize op_offset = p->tok.start;

      if (!advance (p) || !parse_operand (p, &b) || !emit_binary (p, op, op_offset, &a, &b, &a))
        return FALSE;
    }
  *result = a;
  return TRUE;
}

/* term := unary { ('*' | '/') unary } */
static gboolean
parse_term (Parser *p, Operand *result)
{
  return parse_left_assoc (p, parse_unary, TOK_STAR, PS_EXPR_OP_MUL, TOK_SLASH, PS_EXPR_OP_DIV,
                           result);
}

/* expr := term { ('+' | '-') term } */
static gboolean
parse_expr (Parser *p, Operand *result)
{
  return parse_left_assoc (p, parse_term, TOK_PLUS, PS_EXPR_OP_ADD, TOK_MINUS, PS_EXPR_OP_SUB,
                           result);
}

/* Names come from the study file: each must be given and given once. */
static gboolean
check_names (const char *const *var_names, guint n_vars, const char *const *const_names,
             guint n_consts, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_vars + n_consts; i++)
    {
      const char *name = i < n_vars ? var_names[i] : const_names[i - n_vars];

      if (name == NULL || name[0] == '\0')
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       i < n_vars ? _ ("variable %u has no name") : _ ("constant %u has no name"),
                       i < n_vars ? i : i - n_vars);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer)name))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("the name \"%s\" is defined more than once"), name);
          return FALSE;
        }
    }
  return TRUE;
}

PsExpr *
ps_expr_compile (const char *text, const char *const *var_names, guint n_vars,
                 const char *const *const_names, const double *const_values, guint n_consts,
                 GError **error)
{
  return ps_expr_compile_full (text, var_names, n_vars, const_names, const_values, n_consts, NULL,
                               error);
}

PsExpr *
ps_expr_compile_full (const char *text, const char *const *var_names, guint n_vars,
                      const char *const *const_names, const double *const_values, guint n_consts,
                      guint *error_position, GError **error)
{
  return ps_expr_compile_dims (text, var_names, NULL, n_vars, const_names, const_values, NULL,
                               n_consts, NULL, error_position, error);
}

PsExpr *
ps_expr_compile_dims (const char *text, const char *const *var_names, const PsExprDim *var_dims,
                      guint n_vars, const char *const *const_names, const double *const_values,
                      const PsExprDim *const_dims, guint n_consts, PsExprDim *g_dim,
                      guint *error_position, GError **error)
{

  g_autoptr (GArray) code = NULL;
  g_autoptr (PsExpr) expr = NULL;
  Parser p = { 0 };
  Operand top;
  gboolean blank = TRUE;
  guint sp = 0, depth = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_vars == 0 || var_names != NULL, NULL);
  g_return_val_if_fail (n_consts == 0 || (const_names != NULL && const_values != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_position != NULL)
    *error_position = 0;
  if (!check_names (var_names, n_vars, const_names, n_consts, error))
    return NULL;

  code = g_array_new (FALSE, TRUE, sizeof (PsExprOp));
  p.text = text;
  p.len = strlen (text);
  p.var_names = var_names;
  p.n_vars = n_vars;
  p.const_names = const_names;
  p.const_values = const_values;
  p.n_consts = n_consts;
  p.code = code;
  p.error = error;
  if (g_dim != NULL)
    *g_dim = dim_unknown;
  p.check_dims = var_dims != NULL || const_dims != NULL || g_dim != NULL;
  p.var_dims = var_dims;
  p.const_dims = const_dims;

  for (const char *c = text; *c != '\0' && blank; c++)
    blank = (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r');
  if (blank)
    {
      parser_error (&p, 0, _ ("empty expression"));
      if (error_position != NULL)
        *error_position = p.error_position;
      return NULL;
    }

  if (!advance (&p) || !parse_expr (&p, &top))
    {
      if (error_position != NULL)
        *error_position = p.error_position;
      return NULL;
    }
  if (p.tok.kind != TOK_END)
    {
      unexpected_after_operand (&p, CONTEXT_TOP, 0);
      if (error_position != NULL)
        *error_position = p.error_position;
      return NULL;
    }
  g_assert (p.nesting == 0);
  if (g_dim != NULL)
    *g_dim = top.dim;

  expr = g_new0 (PsExpr, 1);
  expr->n_vars = n_vars;
  expr->uses_var = g_new0 (guint8, MAX (n_vars, 1));
  expr->var_names = g_new0 (char *, n_vars + 1);
  for (guint i = 0; i < n_vars; i++)
    expr->var_names[i] = g_strdup (var_names[i]);

  for (guint i = 0; i < code->len; i++)
    {
      const PsExprOp *ins = &g_array_index (code, PsExprOp, i);

      if (ins->op == PS_EXPR_OP_PUSH_CONST || ins->op == PS_EXPR_OP_PUSH_VAR)
        sp++;
      else
        sp -= op_arity[ins->op] - 1u;
      depth = MAX (depth, sp);
      if (ins->op == PS_EXPR_OP_PUSH_VAR)
        expr->uses_var[ins->index] = 1;
    }
  g_assert (sp == 1);

  if (depth > PS_EXPR_MAX_STACK)
    {
      parser_error (&p, 0, _ ("expression too complex: it needs %u stack slots, at most %d"), depth,
                    PS_EXPR_MAX_STACK);
      return NULL;
    }

  expr->stack_depth = depth;
  expr->n_ops = code->len;
  expr->code = (PsExprOp *)g_array_free (g_steal_pointer (&code), FALSE);
  return g_steal_pointer (&expr);
}

void
ps_expr_free (PsExpr *expr)
{
  if (expr == NULL)
    return;
  g_free (expr->code);
  g_free (expr->uses_var);
  g_strfreev (expr->var_names);
  g_free (expr);
}

const PsExprOp *
ps_expr_get_code (const PsExpr *expr, guint *n_ops)
{
  g_return_val_if_fail (expr != NULL, NULL);
  if (n_ops != NULL)
    *n_ops = expr->n_ops;
  return expr->code;
}

guint
ps_expr_get_stack_depth (const PsExpr *expr)
{
  g_return_val_if_fail (expr != NULL, 0);
  return expr->stack_depth;
}

guint
ps_expr_get_n_vars (const PsExpr *expr)
{
  g_return_val_if_fail (expr != NULL, 0);
  return expr->n_vars;
}

gboolean
ps_expr_uses_variable (const PsExpr *expr, guint index)
{
  g_return_val_if_fail (expr != NULL, FALSE);
  return index < expr->n_vars && expr->uses_var[index] != 0;
}

/* ---------------------------------------------------------------------------------
 * Interpreters.
 */

double
ps_expr_eval (const PsExpr *expr, const double *vars)
{
  double stack[PS_EXPR_MAX_STACK];

  return ps_expr_run (expr->code, expr->n_ops, vars, stack);
}

/* One loop per instruction over the samples of the block. The right operand of a
 * binary operation that directly follows a PUSH is read from where it lives (the
 * variable's array or the constant) instead of being copied onto the stack first;
 * the arithmetic is the same, so the bits are too. */
#define BINARY_LOOP(EXPR)                                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (y != NULL)                                                                                 \
      for (gsize i = 0; i < m; i++)                                                                \
        {                                                                                          \
          const double a = x[i], b = y[i];                                                         \
          x[i] = (EXPR);                                                                           \
        }                                                                                          \
    else                                                                                           \
      for (gsize i = 0; i < m; i++)                                                                \
        {                                                                                          \
          const double a = x[i], b = c;                                                            \
          x[i] = (EXPR);                                                                           \
        }                                                                                          \
  }                                                                                                \
  G_STMT_END

#define UNARY_LOOP(EXPR)                                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    for (gsize i = 0; i < m; i++)                                                                  \
      {                                                                                            \
        const double a = x[i];                                                                     \
        x[i] = (EXPR);                                                                             \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

PS_MATH_CLONES static void
eval_sub_block (const PsExpr *expr, const double *const *vars, gsize offset, gsize m,
                double *restrict out, double *restrict ws)
{
  const PsExprOp *code = expr->code;
  guint n_ops = expr->n_ops;
  guint sp = 0;

  for (guint k = 0; k < n_ops; k++)
    {
      const PsExprOp *ins = &code[k];
      PsExprOpcode op = (PsExprOpcode)ins->op;
      const double *restrict y = NULL;
      double *restrict x;
      double c = 0.0;

      if (op == PS_EXPR_OP_PUSH_CONST || op == PS_EXPR_OP_PUSH_VAR)
        {
          PsExprOpcode next = k + 1 < n_ops ? (PsExprOpcode)code[k + 1].op : PS_EXPR_N_OPS;

          if (sp > 0 && next < PS_EXPR_N_OPS && op_arity[next] == 2)
            {
              /* Fused: the pushed value is the right operand of the next op. */
              if (op == PS_EXPR_OP_PUSH_VAR)
                y = vars[ins->index] + offset;
              else
                c = ins->value;
              op = next;
              k++;
              sp++;
            }
          else
            {
              x = ws + (gsize)sp * PS_EXPR_BLOCK;
              if (op == PS_EXPR_OP_PUSH_VAR)
                memcpy (x, vars[ins->index] + offset, m * sizeof (double));
              else
                for (gsize i = 0; i < m; i++)
                  x[i] = ins->value;
              sp++;
              continue;
            }
        }
      else if (op_arity[op] == 2)
        y = ws + (gsize)(sp - 1) * PS_EXPR_BLOCK;

      if (op_arity[op] == 2)
        sp--;
      x = ws + (gsize)(sp - 1) * PS_EXPR_BLOCK;

      switch (op)
        {
        case PS_EXPR_OP_ADD:
          BINARY_LOOP (a + b);
          break;
        case PS_EXPR_OP_SUB:
          BINARY_LOOP (a - b);
          break;
        case PS_EXPR_OP_MUL:
          BINARY_LOOP (a * b);
          break;
        case PS_EXPR_OP_DIV:
          BINARY_LOOP (a / b);
          break;
        case PS_EXPR_OP_POW:
          BINARY_LOOP (ps_pow (a, b));
          break;
        case PS_EXPR_OP_MIN:
          BINARY_LOOP (ps_expr_op_min (a, b));
          break;
        case PS_EXPR_OP_MAX:
          BINARY_LOOP (ps_expr_op_max (a, b));
          break;
        case PS_EXPR_OP_NEG:
          UNARY_LOOP (-a);
          break;
        case PS_EXPR_OP_SQRT:
          UNARY_LOOP (sqrt (a));
          break;
        case PS_EXPR_OP_EXP:
          UNARY_LOOP (ps_exp (a));
          break;
        case PS_EXPR_OP_LOG:
          UNARY_LOOP (ps_log (a));
          break;
        case PS_EXPR_OP_SIN:
          UNARY_LOOP (ps_sin (a));
          break;
        case PS_EXPR_OP_COS:
          UNARY_LOOP (ps_cos (a));
          break;
        case PS_EXPR_OP_TAN:
          UNARY_LOOP (ps_tan (a));
          break;
        case PS_EXPR_OP_ABS:
          UNARY_LOOP (fabs (a));
          break;
        case PS_EXPR_OP_PUSH_CONST:
        case PS_EXPR_OP_PUSH_VAR:
        case PS_EXPR_N_OPS:
        default:
          g_assert_not_reached ();
        }
    }

  memcpy (out, ws, m * sizeof (double));
}

void
ps_expr_eval_block (const PsExpr *expr, const double *const *vars, gsize n, double *out,
                    double *workspace)
{
  for (gsize offset = 0; offset < n; offset += PS_EXPR_BLOCK)
    eval_sub_block (expr, vars, offset, MIN (n - offset, PS_EXPR_BLOCK), out + offset, workspace);
}

/* ---------------------------------------------------------------------------------
 * Disassembly and analysis.
 */

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void
append_double (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (digits == 17 || g_ascii_strtod (buf, NULL) == v || isnan (v))
        break;
    }
  g_string_append (s, buf);
}

char *
ps_expr_to_string (const PsExpr *expr)
{
  GString *s;

  g_return_val_if_fail (expr != NULL, NULL);

  s = g_string_new (NULL);
  for (guint k = 0; k < expr->n_ops; k++)
    {
      const PsExprOp *ins = &expr->code[k];

      g_string_append_printf (s, "%4u  %s", k, op_names[ins->op]);
      if (ins->op == PS_EXPR_OP_PUSH_CONST)
        {
          g_string_append_c (s, ' ');
          append_double (s, ins->value);
        }
      else if (ins->op == PS_EXPR_OP_PUSH_VAR)
        g_string_append_printf (s, " %u (%s)", ins->index, expr->var_names[ins->index]);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "stack depth %u\n", expr->stack_depth);
  return g_string_free (s, FALSE);
}

/* Runs the code over linear forms c0 + sum c_i x_i instead of numbers; any
 * operation that would leave that set (a product of two forms with variables, a
 * division by one, a function of one) makes the answer FALSE. */
gboolean
ps_expr_linear_form (const PsExpr *expr, double *coef, double *constant)
{
  guint nv, depth, sp = 0;
  g_autofree double *rows = NULL;
  g_autofree double *k = NULL;
  g_autofree gboolean *has = NULL;

  g_return_val_if_fail (expr != NULL, FALSE);

  nv = expr->n_vars;
  depth = expr->stack_depth;
  rows = g_new0 (double, (gsize)depth *nv + 1);
  k = g_new0 (double, depth);
  has = g_new0 (gboolean, depth);

  for (guint j = 0; j < expr->n_ops; j++)
    {
      const PsExprOp *ins = &expr->code[j];
      PsExprOpcode op = (PsExprOpcode)ins->op;
      double *r, *rb;
      guint a, b;

      if (op == PS_EXPR_OP_PUSH_CONST || op == PS_EXPR_OP_PUSH_VAR)
        {
          r = rows + (gsize)sp * nv;
          memset (r, 0, nv * sizeof (double));
          if (op == PS_EXPR_OP_PUSH_VAR)
            r[ins->index] = 1.0;
          k[sp] = op == PS_EXPR_OP_PUSH_CONST ? ins->value : 0.0;
          has[sp] = op == PS_EXPR_OP_PUSH_VAR;
          sp++;
          continue;
        }

      if (op_arity[op] == 1)
        {
          a = sp - 1;
          r = rows + (gsize)a * nv;
          if (op == PS_EXPR_OP_NEG)
            {
              for (guint i = 0; i < nv; i++)
                r[i] = -r[i];
              k[a] = -k[a];
            }
          else if (has[a])
            return FALSE;
          else
            k[a] = apply_unary (op, k[a]);
          continue;
        }

      b = --sp;
      a = sp - 1;
      r = rows + (gsize)a * nv;
      rb = rows + (gsize)b * nv;
      switch (op)
        {
        case PS_EXPR_OP_ADD:
        case PS_EXPR_OP_SUB:
          for (guint i = 0; i < nv; i++)
            r[i] = apply_binary (op, r[i], rb[i]);
          k[a] = apply_binary (op, k[a], k[b]);
          has[a] = has[a] || has[b];
          break;
        case PS_EXPR_OP_MUL:
          if (!has[a])
            {
              for (guint i = 0; i < nv; i++)
                r[i] = k[a] * rb[i];
              has[a] = has[b];
            }
          else if (!has[b])
            {
              for (guint i = 0; i < nv; i++)
                r[i] = r[i] * k[b];
            }
          else
            return FALSE;
          k[a] = k[a] * k[b];
          break;
        case PS_EXPR_OP_DIV:
          if (has[b])
            return FALSE;
          for (guint i = 0; i < nv; i++)
            r[i] = r[i] / k[b];
          k[a] = k[a] / k[b];
          break;
        case PS_EXPR_OP_POW:
        case PS_EXPR_OP_MIN:
        case PS_EXPR_OP_MAX:
        default:
          if (has[a] || has[b])
            return FALSE;
          k[a] = apply_binary (op, k[a], k[b]);
          break;
        }
    }

  if (!isfinite (k[0]))
    return FALSE;
  for (guint i = 0; i < nv; i++)
    if (!isfinite (rows[i]))
      return FALSE;

  if (coef != NULL)
    memcpy (coef, rows, nv * sizeof (double));
  if (constant != NULL)
    *constant = k[0];
  return TRUE;
}
