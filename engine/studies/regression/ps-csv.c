#define G_LOG_DOMAIN "parastudy"
/* strtod_l() and newlocale() */
#define _GNU_SOURCE 1
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-csv-private.h"

/* Powers of ten that are exact in a double (10^22 < 2^53 * 2^22). */
static const double exact_pow10[23] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
word_is (const char *s, const char *end, const char *word)
{
  gsize n = strlen (word);

  return (gsize)(end - s) == n && g_ascii_strncasecmp (s, word, n) == 0;
}

/* The slow path: strtod_l on a NUL-terminated copy with '.' as the separator. */
static PsCsvNumber
parse_slow (const char *s, const char *end, char decimal, locale_t c_locale, double *out)
{
  char buf[128];
  gsize n = (gsize)(end - s);
  char *stop;
  double v;

  if (n >= sizeof buf)
    return PS_CSV_BAD;
  for (gsize i = 0; i < n; i++)
    buf[i] = s[i] == decimal ? '.' : s[i];
  buf[n] = '\0';
  v = strtod_l (buf, &stop, c_locale);
  if (stop != buf + n)
    return PS_CSV_BAD;
  *out = v;
  return isfinite (v) ? PS_CSV_NUMBER : PS_CSV_NON_FINITE;
}

PsCsvNumber
ps_csv_parse_double (const char *s, const char *end, char decimal, locale_t c_locale, double *out)
{
  const char *p = s, *body;
  gboolean negative = FALSE, any_digit = FALSE, inexact = FALSE;
  guint64 mantissa = 0;
  int digits = 0, exp10 = 0;

  if (p < end && (*p == '+' || *p == '-'))
    negative = *p++ == '-';
  body = p;
  if (p < end && !g_ascii_isdigit (*p) && *p != decimal)
    {
      if (word_is (body, end, "nan") || word_is (body, end, "inf")
          || word_is (body, end, "infinity"))
        {
          *out = word_is (body, end, "nan") ? NAN : (negative ? -INFINITY : INFINITY);
          return PS_CSV_NON_FINITE;
        }
      return PS_CSV_BAD;
    }
  /* Leading zeros carry no digits. */
  while (p < end && *p == '0')
    p++, any_digit = TRUE;
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      if (digits < 19)
        mantissa = mantissa * 10 + (guint64)(*p - '0'), digits++;
      else
        {
          exp10++;
          inexact |= *p != '0';
        }
    }
  if (p < end && *p == decimal)
    {
      p++;
      if (digits == 0)
        while (p < end && *p == '0')
          p++, exp10--, any_digit = TRUE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          if (digits < 19)
            {
              mantissa = mantissa * 10 + (guint64)(*p - '0');
              digits++;
              exp10--;
            }
          else
            inexact |= *p != '0';
        }
    }
  if (!any_digit)
    return PS_CSV_BAD;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean eneg = FALSE;
      int e = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        eneg = *p++ == '-';
      if (p == end || !g_ascii_isdigit (*p))
        return PS_CSV_BAD;
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (e < 100000)
          e = e * 10 + (*p - '0');
      exp10 += eneg ? -e : e;
    }
  if (p != end)
    return PS_CSV_BAD;
  if (mantissa == 0 && !inexact)
    {
      *out = negative ? -0.0 : 0.0;
      return PS_CSV_NUMBER;
    }
  /* Clinger's fast path: both operands exact, one correctly rounded operation. */
  if (!inexact && mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
    {
      double m = (double)mantissa;
      double v = exp10 >= 0 ? m * exact_pow10[exp10] : m / exact_pow10[-exp10];

      *out = negative ? -v : v;
      return PS_CSV_NUMBER;
    }
  return parse_slow (s, end, decimal, c_locale, out);
}

static inline gboolean
is_blank (char c, char delimiter)
{
  return (c == ' ' || c == '\t') && c != delimiter;
}

const char *
ps_csv_next_field (const char *p, const char *end, char delimiter, const char **field,
                   const char **field_end)
{
  const char *q;

  while (p < end && is_blank (*p, delimiter))
    p++;
  if (p < end && *p == '"')
    {
      const char *f = ++p;

      /* To the closing quote; "" is an escaped quote. */
      while (p < end)
        {
          if (*p == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  p += 2;
                  continue;
                }
              break;
            }
          p++;
        }
      *field = f;
      *field_end = p;
      if (p < end)
        p++;
      q = memchr (p, delimiter, (gsize)(end - p));
      return q != NULL ? q + 1 : NULL;
    }
  q = memchr (p, delimiter, (gsize)(end - p));
  *field = p;
  *field_end = q != NULL ? q : end;
  while (*field_end > *field && is_blank ((*field_end)[-1], delimiter))
    (*field_end)--;
  return q != NULL ? q + 1 : NULL;
}

char *
ps_csv_field_dup (const char *field, const char *field_end)
{
  GString *s = g_string_sized_new ((gsize)(field_end - field));

  for (const char *p = field; p < field_end; p++)
    {
      g_string_append_c (s, *p);
      if (*p == '"' && p + 1 < field_end && p[1] == '"')
        p++;
    }
  return g_string_free (s, FALSE);
}

char *
ps_csv_escape (const char *text)
{
  GString *s;

  if (strpbrk (text, ",\"\r\n") == NULL)
    return g_strdup (text);
  s = g_string_new ("\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

const char *
ps_csv_skip_bom (const char *p, const char *end)
{
  if (end - p >= 3 && (guchar)p[0] == 0xEF && (guchar)p[1] == 0xBB && (guchar)p[2] == 0xBF)
    return p + 3;
  return p;
}

char *
ps_csv_to_utf8 (const char *s, const char *end)
{
  GString *out;

  if (g_utf8_validate (s, end - s, NULL))
    return g_strndup (s, (gsize)(end - s));
  /* ISO 8859-1 maps byte b to code point U+00bb: every byte is a character. */
  out = g_string_sized_new ((gsize)(end - s) + 16);
  for (const char *p = s; p < end; p++)
    g_string_append_unichar (out, (gunichar)(guchar)*p);
  return g_string_free (out, FALSE);
}

char *
ps_csv_fold (const char *s, const char *end)
{
  g_autofree char *text = ps_csv_to_utf8 (s, end);
  g_autofree char *unq = ps_csv_field_dup (text, text + strlen (text));
  g_autofree char *nfc = g_utf8_normalize (unq, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (nfc != NULL ? nfc : unq, -1);
}

static gboolean
is_ascii (const char *p, const char *end)
{
  for (; p < end; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;
  return TRUE;
}

gboolean
ps_csv_field_is (const char *f, const char *fe, const char *name, const char *fold)
{
  gsize n = strlen (name);
  g_autofree char *ff = NULL;

  if (is_ascii (f, fe) && is_ascii (name, name + n))
    return n == (gsize)(fe - f) && g_ascii_strncasecmp (name, f, n) == 0;
  ff = ps_csv_fold (f, fe);
  return g_str_equal (ff, fold);
}

gboolean
ps_csv_unit_field (const char *f, const char *fe, const char **u, const char **ue)
{
  gboolean bracketed = FALSE;

  while (f < fe && (*f == ' ' || *f == '\t'))
    f++;
  while (fe > f && (fe[-1] == ' ' || fe[-1] == '\t'))
    fe--;
  if (fe - f >= 2 && ((*f == '(' && fe[-1] == ')') || (*f == '[' && fe[-1] == ']')))
    {
      bracketed = TRUE;
      f++, fe--;
      while (f < fe && *f == ' ')
        f++;
      while (fe > f && fe[-1] == ' ')
        fe--;
    }
  *u = f;
  *ue = fe;
  return bracketed;
}

gboolean
ps_csv_empty_fields (const char *p, const char *end, char delimiter)
{
  for (; p < end; p++)
    if (*p != delimiter && *p != ' ' && *p != '\t' && *p != '"')
      return FALSE;
  return TRUE;
}
