#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-error.h"
#include "ps-json-scan.h"
#include "ps-json.h"

/* A single pass over the text with an explicit stack (no recursion), so that nesting
 * of any depth costs nothing before it is refused. It checks only what json-glib
 * accepts and a study must not have; any other malformation is left to json-glib,
 * whose messages name the line and column. */

typedef struct
{
  gboolean is_object;
  guint64 count;    /* members or elements so far */
  GHashTable *keys; /* objects: the decoded keys seen, for duplicates */
  char *key;        /* objects: the member being read */
} Level;

typedef struct
{
  const char *p, *end, *start;
  const PsJsonScanLimits *limits;
  GArray *stack; /* Level */
  guint64 values;
  GString *str; /* the last string, decoded */
  gboolean str_has_nul;
  GError **error;
} Scan;

static void
level_clear (gpointer data)
{
  Level *l = data;

  g_clear_pointer (&l->keys, g_hash_table_unref);
  g_clear_pointer (&l->key, g_free);
}

static void
position (Scan *s, const char *at, guint *line, guint *column)
{
  *line = 1;
  *column = 1;
  for (const char *q = s->start; q < at; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar)*q & 0xC0) != 0x80)
        (*column)++;
    }
}

/* The JSON path of the value being read: "beam.loads[2].from". */
static char *
current_path (Scan *s)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < s->stack->len; i++)
    {
      Level *l = &g_array_index (s->stack, Level, i);

      if (l->is_object)
        {
          if (l->key == NULL)
            break;
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, l->key);
        }
      else
        g_string_append_printf (path, "[%" G_GUINT64_FORMAT "]", l->count);
    }
  /* A path through hundreds of nested lists says nothing past its ends. */
  if (path->len > 160)
    {
      const char *t = path->str + path->len - 40, *h = path->str + 80;
      g_autofree char *tail = NULL;

      while (((guchar)*t & 0xC0) == 0x80)
        t++;
      while (h > path->str && ((guchar)*h & 0xC0) == 0x80)
        h--;
      tail = g_strdup (t);
      g_string_truncate (path, (gsize)(h - path->str));
      g_string_append_printf (path, "…%s", tail);
    }
  return g_string_free (path, FALSE);
}

static gboolean G_GNUC_PRINTF (3, 4) fail (Scan *s, const char *at, const char *format, ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *path = current_path (s);
  guint line, column;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  position (s, at, &line, &column);
  ps_json_set_error (s->error, path, _ ("%s (line %u, column %u)"), msg, line, column);
  return FALSE;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = (guchar)p[i], d;

      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Reads a string at s->p (on its opening quote) into s->str, decoded. FALSE on a
 * malformed string: the scan stops and json-glib reports it. */
static gboolean
read_string (Scan *s)
{
  g_string_truncate (s->str, 0);
  s->str_has_nul = FALSE;
  s->p++;
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c == '\\')
        {
          if (s->p + 1 >= s->end)
            return FALSE;
          switch (s->p[1])
            {
            case '"':
            case '\\':
            case '/':
              g_string_append_c (s->str, s->p[1]);
              s->p += 2;
              break;
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
              g_string_append_c (s->str, ' ');
              s->p += 2;
              break;
            case 'u':
              {
                int u = s->p + 6 <= s->end ? hex4 (s->p + 2) : -1;
                gunichar ch;

                if (u < 0)
                  return FALSE;
                s->p += 6;
                ch = (gunichar)u;
                if (u >= 0xD800 && u <= 0xDBFF && s->p + 6 <= s->end && s->p[0] == '\\'
                    && s->p[1] == 'u')
                  {
                    int lo = hex4 (s->p + 2);

                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                      {
                        ch = 0x10000 + (((gunichar)u - 0xD800) << 10) + ((gunichar)lo - 0xDC00);
                        s->p += 6;
                      }
                  }
                if (ch == 0)
                  {
                    /* Shown as written; such a string is refused anyway. */
                    s->str_has_nul = TRUE;
                    g_string_append (s->str, "\\u0000");
                  }
                else
                  g_string_append_unichar (s->str, ch);
                break;
              }
            default:
              return FALSE;
            }
          continue;
        }
      g_string_append_c (s->str, c);
      s->p++;
    }
  return FALSE;
}

static gboolean
is_number_char (char c)
{
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* A number as written: an integer beyond 64 bits, or a number beyond a double's
 * range, would be read by json-glib as something else (-1, inf). */
static gboolean
check_number (Scan *s)
{
  const char *begin = s->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  while (s->p < s->end && is_number_char (*s->p))
    {
      if (*s->p == '.' || *s->p == 'e' || *s->p == 'E')
        integer = FALSE;
      s->p++;
    }
  text = g_strndup (begin, (gsize)(s->p - begin));
  if (integer)
    {
      char *endp;

      errno = 0;
      (void)g_ascii_strtoll (text, &endp, 10);
      if (errno == ERANGE)
        return fail (s, begin, _ ("the number %s is out of range (at most %lld in magnitude)"),
                     text, (long long)G_MAXINT64);
    }
  else
    {
      char *endp;
      double v = g_ascii_strtod (text, &endp);

      if (*endp == '\0' && !isfinite (v))
        return fail (s, begin, _ ("the number %s is out of range"), text);
    }
  return TRUE;
}

/* Counts one value in the innermost list or object; FALSE past the limits. */
static gboolean
count_value (Scan *s, const char *at)
{
  s->values++;
  if (s->values > s->limits->max_values)
    return fail (s, at, _ ("the file holds more than %" PRIu64 " values"), s->limits->max_values);
  if (s->stack->len > 0)
    {
      Level *l = &g_array_index (s->stack, Level, s->stack->len - 1);

      if (!l->is_object && l->count >= s->limits->max_list)
        return fail (s, at,
                     _ ("a list of more than %" PRIu64 " values: write a range "
                        "{\"from\", \"to\", \"steps\"} instead"),
                     s->limits->max_list);
    }
  return TRUE;
}

/* After a value inside a list or object: the separator or the end. */
static void
value_done (Scan *s)
{
  if (s->stack->len > 0)
    {
      Level *l = &g_array_index (s->stack, Level, s->stack->len - 1);

      if (l->is_object)
        g_clear_pointer (&l->key, g_free);
      l->count++;
    }
}

void
ps_json_scan_limits_init (PsJsonScanLimits *limits)
{
  limits->max_depth = PS_JSON_MAX_DEPTH;
  limits->max_list = PS_JSON_MAX_LIST;
  limits->max_values = PS_JSON_MAX_VALUES;
}

gboolean
ps_json_scan (const char *text, gssize length, const PsJsonScanLimits *limits, GError **error)
{
  PsJsonScanLimits defaults;
  g_autoptr (GArray) stack = g_array_new (FALSE, TRUE, sizeof (Level));
  g_autoptr (GString) str = g_string_new (NULL);
  Scan s;

  if (limits == NULL)
    {
      ps_json_scan_limits_init (&defaults);
      limits = &defaults;
    }
  g_array_set_clear_func (stack, level_clear);
  s.start = s.p = text;
  s.end = text + (length < 0 ? strlen (text) : (gsize)length);
  s.limits = limits;
  s.stack = stack;
  s.values = 0;
  s.str = str;
  s.error = error;

  for (;;)
    {
      Level *top;

      skip_space (&s);
      if (s.p >= s.end)
        return TRUE;
      top = stack->len > 0 ? &g_array_index (stack, Level, stack->len - 1) : NULL;

      /* Inside an object, before a value: the key. */
      if (top != NULL && top->is_object && top->key == NULL)
        {
          const char *at = s.p;

          if (*s.p == '}')
            {
              s.p++;
              g_array_set_size (stack, stack->len - 1);
              value_done (&s);
              continue;
            }
          if (*s.p == ',' && top->count > 0)
            {
              s.p++;
              skip_space (&s);
              at = s.p;
            }
          if (s.p >= s.end || *s.p != '"' || !read_string (&s))
            return TRUE;
          if (s.str_has_nul)
            {
              top->key = g_strdup (str->str);
              return fail (&s, at, _ ("a key must not contain the character U+0000"));
            }
          if (g_hash_table_contains (top->keys, str->str))
            {
              top->key = g_strdup (str->str);
              return fail (&s, at, _ ("the key \"%s\" appears twice in this object"), str->str);
            }
          g_hash_table_add (top->keys, g_strdup (str->str));
          top->key = g_strdup (str->str);
          skip_space (&s);
          if (s.p >= s.end || *s.p != ':')
            return TRUE;
          s.p++;
          continue;
        }
      if (top != NULL && !top->is_object)
        {
          if (*s.p == ']')
            {
              s.p++;
              g_array_set_size (stack, stack->len - 1);
              value_done (&s);
              continue;
            }
          if (*s.p == ',' && top->count > 0)
            {
              s.p++;
              skip_space (&s);
              if (s.p >= s.end)
                return TRUE;
            }
        }

      /* A value. */
      if (!count_value (&s, s.p))
        return FALSE;
      switch (*s.p)
        {
        case '{':
        case '[':
          {
            Level l = { 0 };

            if (stack->len >= limits->max_depth)
              return fail (&s, s.p, _ ("nested deeper than %u levels"), limits->max_depth);
            l.is_object = *s.p == '{';
            if (l.is_object)
              l.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
            g_array_append_val (stack, l);
            s.p++;
            break;
          }
        case '"':
          {
            const char *at = s.p;

            if (!read_string (&s))
              return TRUE;
            if (s.str_has_nul)
              return fail (&s, at, _ ("text must not contain the character U+0000"));
            value_done (&s);
            break;
          }
        default:
          if (*s.p == '-' || (*s.p >= '0' && *s.p <= '9'))
            {
              if (!check_number (&s))
                return FALSE;
            }
          else if (s.end - s.p >= 4
                   && (strncmp (s.p, "true", 4) == 0 || strncmp (s.p, "null", 4) == 0))
            s.p += 4;
          else if (s.end - s.p >= 5 && strncmp (s.p, "false", 5) == 0)
            s.p += 5;
          else
            return TRUE; /* json-glib says what is wrong */
          value_done (&s);
          break;
        }
      if (stack->len == 0)
        {
          /* The root value is complete; anything after it is json-glib's to report. */
          return TRUE;
        }
    }
}
