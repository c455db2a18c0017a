#define G_LOG_DOMAIN "parastudy"
/* newlocale(), pread() */
#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-csv-private.h"
#include "ps-distfit.h"
#include "ps-error.h"
#include "ps-iso6892.h"
#include "ps-philox.h"
#include "ps-reg-scan-private.h"
#include "ps-regression.h"
#include "study/ps-json.h"
#include "study/ps-study-private.h"

/* Items per chunk: about this many points (or bytes of CSV text / 24) per chunk, so
 * that a chunk is a few milliseconds of work whatever the specimen size. */
#define CHUNK_POINTS 262144
#define CHUNK_MAX_ITEMS 4096
/* Points of strain prefetched while the stress is scanned (2 KB). */
#define PREFETCH_STRAIN 256

static const char *const reason_names[PS_REG_N_REASONS] = {
  "fitted",
  "read_error",
  "header",
  "unparsable_line",
  "non_finite",
  "too_few_points",
  "strain_not_increasing",
  "non_positive_modulus",
  "invalid_parameters",
};

const char *
ps_regression_reason_name (PsRegError reason)
{
  g_return_val_if_fail (reason < PS_REG_N_REASONS, "unknown");
  return reason_names[reason];
}

/* ---------------------------------------------------------------------------------
 * Parsing the study
 * ------------------------------------------------------------------------------ */

static void
column_clear (PsRegColumn *c)
{
  g_free (c->name);
  g_free (c->fold);
  g_free (c->unit);
}

static void
model_free (gpointer data)
{
  PsRegressionModel *m = data;

  g_free (m->path);
  g_free (m->full);
  g_free (m->pattern);
  column_clear (&m->x);
  column_clear (&m->y);
  column_clear (&m->specimen);
  for (guint64 i = 0; m->specimens != NULL && i < m->n_specimens; i++)
    {
      g_free (m->specimens[i].name);
      g_free (m->specimens[i].csv);
      g_free (m->specimens[i].file);
      g_free (m->specimens[i].display);
    }
  g_free (m->specimens);
  if (m->c_locale != (locale_t)0)
    freelocale (m->c_locale);
  g_free (m);
}

/* Strain units: a ratio of lengths, per cent or microstrain. */
static gboolean
strain_unit_scale (const char *unit, double *scale)
{
  static const struct
  {
    const char *name;
    double scale;
  } units[] = {
    { "", 1.0 },      { "1", 1.0 },     { "mm/mm", 1.0 },        { "m/m", 1.0 },
    { "in/in", 1.0 }, { "-", 1.0 },     { "%", 1e-2 },           { "µε", 1e-6 },
    { "με", 1e-6 },   { "ue", 1e-6 },   { "microstrain", 1e-6 }, { "µm/m", 1e-6 },
    { "um/m", 1e-6 }, { "mm/m", 1e-3 }, { "‰", 1e-3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].name))
      {
        *scale = units[i].scale;
        return TRUE;
      }
  return FALSE;
}

#define STRAIN_UNITS "mm/mm, m/m, in/in, %, ‰, µε (or ue, microstrain, µm/m)"

/* The scale to SI of @unit as a unit of @quantity (PS_QTY_DIMENSIONLESS: a strain
 * unit); FALSE when it is not one. Besides ps_unit_parse ()'s units, a force may be in
 * kilogram-force (9.806 65 N, the standard acceleration of gravity of the 3rd CGPM,
 * 1901), as older machines write it. */
static gboolean
column_unit_scale (PsQuantity quantity, const char *unit, double *scale)
{
  PsDim dim, want = ps_quantity_dim (quantity);
  g_autofree char *msg = NULL;

  if (quantity == PS_QTY_DIMENSIONLESS)
    return strain_unit_scale (unit, scale);
  if (quantity == PS_QTY_FORCE && (g_str_equal (unit, "kgf") || g_str_equal (unit, "kp")))
    {
      *scale = 9.80665;
      return TRUE;
    }
  if (!ps_unit_parse (unit, scale, &dim, &msg))
    return FALSE;
  return dim.kg == want.kg && dim.m == want.m && dim.s == want.s;
}

/* Whether @unit is a unit a units row of a test machine's export may hold: of strain,
 * stress, force, length or time. */
static gboolean
known_unit (const char *unit)
{
  static const PsQuantity quantities[]
      = { PS_QTY_DIMENSIONLESS, PS_QTY_STRESS, PS_QTY_FORCE, PS_QTY_LENGTH, PS_QTY_TIME };
  double scale;

  if (*unit == '\0')
    return FALSE;
  if (g_str_equal (unit, "sec") || g_str_equal (unit, "ms"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (quantities); i++)
    if (column_unit_scale (quantities[i], unit, &scale))
      return TRUE;
  return FALSE;
}

/* A strain: a number, or a string with a strain unit ("0.05 %", "500 µε"). */
gboolean
ps_regression_strain_node (JsonNode *node, const char *path, gboolean required, double *out,
                           GError **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        ps_json_set_error (error, path,
                           _ ("missing (expected a strain such as 0.002 or \"0.2 %%\")"));
      return !required;
    }
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE
          || json_node_get_value_type (node) == G_TYPE_INT64))
    *out = json_node_get_double (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end;
      double v = g_ascii_strtod (text, &end), scale;

      if (end == text)
        {
          ps_json_set_error (error, path,
                             _ ("expected a strain such as 0.002 or \"0.2 %%\", got \"%s\""), text);
          return FALSE;
        }
      while (*end == ' ')
        end++;
      if (!strain_unit_scale (end, &scale))
        {
          ps_json_set_error (error, path, _ ("\"%s\" is not a strain unit (expected %s)"), end,
                             STRAIN_UNITS);
          return FALSE;
        }
      *out = v * scale;
    }
  else
    {
      ps_json_set_error (error, path, _ ("expected a strain such as 0.002 or \"0.2 %%\", got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  if (!isfinite (*out))
    {
      ps_json_set_error (error, path, _ ("must be a finite number"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_strain (JsonObject *obj, const char *parent, const char *member, gboolean required, double *out,
            GError **error)
{
  g_autofree char *path = ps_json_path (parent, member);

  return ps_regression_strain_node (json_object_get_member (obj, member), path, required, out,
                                    error);
}

/* A column: {"column": "name" or 1-based number, "unit": "..."}. @quantity is
 * PS_QTY_DIMENSIONLESS for a strain column. */
static gboolean
parse_column (JsonObject *source, const char *member, PsQuantity quantity, gboolean header,
              PsRegColumn *col, GError **error)
{
  static const char *const keys[] = { "column", "unit", NULL };
  g_autofree char *path = ps_json_path ("source", member);
  g_autofree char *cpath = ps_json_path (path, "column");
  JsonObject *obj = ps_json_get_object (source, "source", member, TRUE, error);
  JsonNode *node;
  const char *unit = NULL;

  if (obj == NULL || !ps_json_check_keys (obj, path, keys, error))
    return FALSE;
  node = json_object_get_member (obj, "column");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node))
    {
      col->name = g_strdup (json_node_get_string (node));
      col->column = -1;
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 c = json_node_get_int (node);

      if (c < 1 || c > 1000)
        {
          ps_json_set_error (
              error, cpath, _ ("a column number counts from 1 (the first field) to 1000, got %lld"),
              (long long)c);
          return FALSE;
        }
      col->column = (int)(c - 1);
    }
  else
    {
      ps_json_set_error (
          error, cpath,
          _ ("expected the column's header name (a string) or its number from 1, got %s"),
          node ? ps_json_type_name (node) : _ ("nothing"));
      return FALSE;
    }
  if (col->name != NULL)
    col->fold = ps_csv_fold (col->name, col->name + strlen (col->name));
  /* Without a unit the file's units row gives it; a file has one only under a header,
   * so a column given by number needs its unit here (a strain is mm/mm by default). */
  if (!ps_json_get_string (obj, path, "unit", quantity != PS_QTY_DIMENSIONLESS && !header, &unit,
                           error))
    return FALSE;
  if (unit == NULL)
    {
      col->scale = NAN;
      return TRUE;
    }
  if (quantity == PS_QTY_DIMENSIONLESS)
    {
      if (!strain_unit_scale (unit, &col->scale))
        {
          g_autofree char *upath = ps_json_path (path, "unit");

          ps_json_set_error (error, upath, _ ("\"%s\" is not a strain unit (expected %s)"), unit,
                             STRAIN_UNITS);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *msg = NULL;
      g_autofree char *upath = ps_json_path (path, "unit");
      PsDim dim, want = ps_quantity_dim (quantity);

      if (!ps_unit_parse (unit, &col->scale, &dim, &msg))
        {
          ps_json_set_error (error, upath, "%s", msg);
          return FALSE;
        }
      if (dim.kg != want.kg || dim.m != want.m || dim.s != want.s)
        {
          ps_json_set_error (error, upath, _ ("\"%s\" is not a unit of %s (e.g. %s)"), unit,
                             ps_quantity_name (quantity), ps_quantity_si_unit (quantity));
          return FALSE;
        }
    }
  col->unit = g_strdup (unit);
  return TRUE;
}

static gboolean
get_char (JsonObject *source, const char *member, char def, char *out, GError **error)
{
  const char *s = NULL;
  g_autofree char *path = ps_json_path ("source", member);

  if (!ps_json_get_string (source, "source", member, FALSE, &s, error))
    return FALSE;
  if (s == NULL)
    {
      *out = def;
      return TRUE;
    }
  if (g_str_equal (s, "tab") || g_str_equal (s, "\\t"))
    s = "\t";
  else if (g_str_equal (s, "space"))
    s = " ";
  if (strlen (s) != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r' || g_ascii_isalnum (s[0]))
    {
      ps_json_set_error (
          error, path, _ ("expected one character such as \",\", \";\" or \"tab\", got \"%s\""), s);
      return FALSE;
    }
  *out = s[0];
  return TRUE;
}

/* How the lines of one file map to the study's columns: found from its header and
 * units row (a folder's files may differ), or once at load for a file of many
 * specimens. */
typedef struct
{
  int xc, yc, sc;          /* 0-based columns of strain, stress, specimen (or -1) */
  int n_fields;            /* fields a data line needs */
  double x_scale, y_scale; /* from its numbers to strain and Pa */
} Layout;

static void
layout_init (const PsRegressionModel *m, Layout *lay)
{
  lay->xc = m->x.column;
  lay->yc = m->y.column;
  lay->sc = m->specimen.column;
  lay->n_fields = m->n_fields;
  lay->x_scale = m->x_scale;
  lay->y_scale = m->y_scale;
}

/* The study's named columns as a message lists them: "strain" and "stress". */
static char *
named_columns (const PsRegressionModel *m)
{
  const PsRegColumn *cols[3] = { &m->x, &m->y, &m->specimen };
  GString *s = g_string_new (NULL);
  guint n = 0, total = 0;

  for (int c = 0; c < 3; c++)
    total += cols[c]->name != NULL;
  for (int c = 0; c < 3; c++)
    if (cols[c]->name != NULL)
      {
        if (n > 0)
          g_string_append (s, n + 1 == total ? " and " : ", ");
        g_string_append_printf (s, "\"%s\"", cols[c]->name);
        n++;
      }
  return g_string_free (s, FALSE);
}

/* Matches the fields of [p, end) against the named columns. Returns how many of the
 * named columns it holds; @lay takes their indices (-1 for a named column it does not
 * hold: the callers use @lay only when it holds them all, the preview shows the
 * others). With @msg, a missing one is described. */
static int
match_header (const PsRegressionModel *m, const char *p, const char *end, Layout *lay, char **msg)
{
  const PsRegColumn *cols[3] = { &m->x, &m->y, &m->specimen };
  int at[3], k = 0, max = -1, named = 0, found = 0;
  const char *q = p;

  for (int c = 0; c < 3; c++)
    {
      at[c] = cols[c]->name != NULL ? -1 : cols[c]->column;
      named += cols[c]->name != NULL;
    }
  while (q != NULL)
    {
      const char *f, *fe;

      q = ps_csv_next_field (q, end, m->delimiter, &f, &fe);
      for (int c = 0; c < 3; c++)
        if (cols[c]->name != NULL && at[c] < 0
            && ps_csv_field_is (f, fe, cols[c]->name, cols[c]->fold))
          {
            at[c] = k;
            found++;
          }
      k++;
    }
  if (found < named)
    {
      for (int c = 0; c < 3 && msg != NULL; c++)
        if (cols[c]->name != NULL && at[c] < 0)
          {
            g_autofree char *text = ps_csv_to_utf8 (p, p + MIN (end - p, 200));

            *msg = g_strdup_printf ("no column named \"%s\" in the header line \"%s\"",
                                    cols[c]->name, text);
            break;
          }
    }
  for (int c = 0; c < 3; c++)
    max = MAX (max, at[c]);
  lay->xc = at[0];
  lay->yc = at[1];
  lay->sc = at[2];
  lay->n_fields = max + 1;
  return found;
}

static const char *
x_quantity_name (const PsRegressionModel *m)
{
  return m->force_input ? "displacement" : "strain";
}

static const char *
y_quantity_name (const PsRegressionModel *m)
{
  return m->force_input ? "force" : "stress";
}

/* The line [l, le) under the header: a units row when none of the study's columns
 * holds a number there and some field is a unit, in brackets or not ("(s),(mm),(N)",
 * "s;mm;N"). Sets *@is_units; for a units row, the columns whose unit the study does
 * not give take the row's. Returns FALSE with @msg (naming @display, @line and the
 * column) for a unit that is not one of its column's quantity. */
static gboolean
units_row (const PsRegressionModel *m, const char *display, guint64 line, const char *l,
           const char *le, Layout *lay, gboolean *is_units, char **msg)
{
  const char *q = l, *fields[2][2] = { { NULL, NULL }, { NULL, NULL } };
  int cols[2] = { lay->xc, lay->yc }, k = 0;
  gboolean any_unit = FALSE;
  locale_t c = m->c_locale;

  *is_units = FALSE;
  /* The study's columns first: a number there is data (every file's first data line
   * comes here, so this is the common way out). */
  while (q != NULL)
    {
      const char *f, *fe;

      q = ps_csv_next_field (q, le, m->delimiter, &f, &fe);
      for (int j = 0; j < 2; j++)
        if (k == cols[j])
          {
            double v;

            if (ps_csv_parse_double (f, fe, m->decimal, c, &v) != PS_CSV_BAD)
              return TRUE;
            fields[j][0] = f;
            fields[j][1] = fe;
          }
      k++;
    }
  for (q = l; q != NULL && !any_unit;)
    {
      const char *f, *fe, *u, *ue;

      q = ps_csv_next_field (q, le, m->delimiter, &f, &fe);
      if (f < fe)
        {
          gboolean bracketed = ps_csv_unit_field (f, fe, &u, &ue);
          g_autofree char *unit = ps_csv_to_utf8 (u, ue);

          any_unit = bracketed || known_unit (unit);
        }
    }
  if (!any_unit)
    return TRUE;
  *is_units = TRUE;
  for (int j = 0; j < 2; j++)
    {
      const PsRegColumn *col = j == 0 ? &m->x : &m->y;
      PsQuantity qty = j == 0 ? (m->force_input ? PS_QTY_LENGTH : PS_QTY_DIMENSIONLESS)
                              : (m->force_input ? PS_QTY_FORCE : PS_QTY_STRESS);
      double div = j == 0 ? m->x_div : m->y_div, scale;
      double *out = j == 0 ? &lay->x_scale : &lay->y_scale;
      const char *u, *ue;
      g_autofree char *unit = NULL;

      /* The study's unit wins; an empty field leaves the column without one. */
      if (col->unit != NULL || fields[j][0] == NULL)
        continue;
      ps_csv_unit_field (fields[j][0], fields[j][1], &u, &ue);
      if (u == ue)
        continue;
      unit = ps_csv_to_utf8 (u, ue);
      if (!column_unit_scale (qty, unit, &scale))
        {
          *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": unknown unit \"%s\" in the units "
                                  "row, column %d (%s, the %s): expected %s",
                                  display, line, unit, cols[j] + 1,
                                  col->name != NULL ? col->name : "unnamed",
                                  j == 0 ? x_quantity_name (m) : y_quantity_name (m),
                                  qty == PS_QTY_DIMENSIONLESS ? STRAIN_UNITS
                                  : qty == PS_QTY_LENGTH      ? "mm, m, in"
                                  : qty == PS_QTY_FORCE       ? "N, kN, lbf, kgf"
                                                              : "MPa, N/mm², kPa, GPa, psi, ksi");
          return FALSE;
        }
      *out = scale / div;
    }
  return TRUE;
}

/* After the header and units row: a column still without a unit takes the default
 * (strain in mm/mm), or is an error. */
static gboolean
layout_units_done (const PsRegressionModel *m, const char *display, Layout *lay, char **msg)
{
  if (isnan (lay->x_scale) && !m->force_input)
    lay->x_scale = 1.0 / m->x_div;
  if (isnan (lay->x_scale) || isnan (lay->y_scale))
    {
      const PsRegColumn *col = isnan (lay->x_scale) ? &m->x : &m->y;
      const char *what = isnan (lay->x_scale) ? x_quantity_name (m) : y_quantity_name (m);

      *msg = g_strdup_printf ("%s: no unit for the %s column \"%s\": give source.%s.unit, or "
                              "a units row under the header",
                              display, what, col->name != NULL ? col->name : "?", what);
      return FALSE;
    }
  return TRUE;
}

/* The next line of [*p, end): sets [*line, *line_end) without the line break. */
static inline gboolean
next_line (const char **p, const char *end, const char **line, const char **line_end)
{
  const char *q;

  if (*p >= end)
    return FALSE;
  q = memchr (*p, '\n', (gsize)(end - *p));
  *line = *p;
  *line_end = q != NULL ? q : end;
  *p = q != NULL ? q + 1 : end;
  if (*line_end > *line && (*line_end)[-1] == '\r')
    (*line_end)--;
  return TRUE;
}

static inline gboolean
blank_line (const char *p, const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* Where find_layout () found the header and the units row of a file, for the preview:
 * line numbers from 1 (0: none) and the lines' text. On failure, the header is the
 * line that was to be it (with skip_lines) or the one holding most of the named
 * columns (without), if any. */
typedef struct
{
  guint64 header_line;
  const char *header, *header_end;
  guint64 units_line;
  const char *units, *units_end;
} LayoutLines;

/* Reads the top of one specimen's file, [*p, end), as far as its data: the skipped
 * lines, the header (the line after skip_lines, or without skip_lines the first line
 * holding every named column), and a units row under it. On return *@p is at the
 * first data line and *@line counts the lines before it; @where (may be NULL) says
 * where the header and units row were. Returns FALSE with @msg (file and line named)
 * when there is no header or a unit is wrong. */
static gboolean
find_layout (const PsRegressionModel *m, const char *display, const char **p, const char *end,
             guint64 *line, Layout *lay, LayoutLines *where, char **msg)
{
  const char *l, *le, *q;
  gboolean is_units = FALSE, ok;
  LayoutLines unused;

  if (where == NULL)
    where = &unused;
  memset (where, 0, sizeof *where);
  *p = ps_csv_skip_bom (*p, end);
  layout_init (m, lay);
  if (m->skip_given)
    while (*line < m->skip_lines && next_line (p, end, &l, &le))
      (*line)++;
  if (m->header)
    {
      if (m->skip_given)
        {
          char *why = NULL;

          if (!next_line (p, end, &l, &le))
            {
              *msg = g_strdup_printf (
                  "%s: no header line (the file has %" G_GUINT64_FORMAT " lines)", display, *line);
              return FALSE;
            }
          (*line)++;
          where->header_line = *line;
          where->header = l;
          where->header_end = le;
          match_header (m, l, le, lay, &why);
          if (why != NULL)
            {
              *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s", display, *line, why);
              g_free (why);
              return FALSE;
            }
        }
      else
        {
          const char *best = NULL, *best_end = NULL;
          guint64 best_line = 0;
          int best_found = 0;
          gboolean found = FALSE;

          while (next_line (p, end, &l, &le))
            {
              int k;

              (*line)++;
              if (blank_line (l, le))
                continue;
              k = match_header (m, l, le, lay, NULL);
              if (k == (m->x.name != NULL) + (m->y.name != NULL) + (m->specimen.name != NULL))
                {
                  found = TRUE;
                  break;
                }
              if (k > best_found)
                best = l, best_end = le, best_line = *line, best_found = k;
            }
          if (!found)
            {
              g_autofree char *names = named_columns (m);

              if (best != NULL)
                {
                  char *why = NULL;

                  where->header_line = best_line;
                  where->header = best;
                  where->header_end = best_end;
                  match_header (m, best, best_end, lay, &why);
                  *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s (no line of the file "
                                          "names %s)",
                                          display, best_line, why, names);
                  g_free (why);
                }
              else
                *msg = g_strdup_printf ("%s: no line names the columns %s (without "
                                        "source.skip_lines the header is the first line that "
                                        "does)",
                                        display, names);
              return FALSE;
            }
          where->header_line = *line;
          where->header = l;
          where->header_end = le;
        }
      q = *p;
      if (next_line (&q, end, &l, &le))
        {
          ok = units_row (m, display, *line + 1, l, le, lay, &is_units, msg);
          if (is_units)
            {
              *p = q;
              (*line)++;
              where->units_line = *line;
              where->units = l;
              where->units_end = le;
            }
          if (!ok)
            return FALSE;
        }
    }
  return layout_units_done (m, display, lay, msg);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* The names of the files of a folder source, in the order of its specimens; NULL
 * with the reason when it has none. */
static GPtrArray *
list_folder (const PsRegressionModel *m, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPatternSpec) spec = g_pattern_spec_new (m->pattern);
  const char *name;

  dir = g_dir_open (m->full, 0, &local_error);
  if (dir == NULL)
    {
      ps_json_set_error (error, "source.path", "%s", local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_pattern_spec_match_string (spec, name))
      g_ptr_array_add (names, g_strdup (name));
  if (names->len == 0)
    {
      ps_json_set_error (error, "source.path", _ ("no files matching \"%s\" in the folder %s"),
                         m->pattern, m->full);
      return NULL;
    }
  /* Byte order of the names: the same list on every machine and file system. */
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gboolean
load_folder (PsRegressionModel *m, GError **error)
{
  g_autoptr (GPtrArray) names = list_folder (m, error);

  if (names == NULL)
    return FALSE;
  m->n_specimens = names->len;
  m->specimens = g_new0 (PsRegSpecimen, names->len);
  for (guint i = 0; i < names->len; i++)
    {
      PsRegSpecimen *s = &m->specimens[i];
      const char *n = names->pdata[i];
      const char *dot = strrchr (n, '.');
      struct stat st;

      s->file = g_build_filename (m->full, n, NULL);
      s->display = g_build_filename (m->path, n, NULL);
      s->name = dot != NULL && dot != n ? g_strndup (n, (gsize)(dot - n)) : g_strdup (n);
      s->csv = ps_csv_escape (s->name);
      s->line = 1;
      if (stat (s->file, &st) != 0 || !S_ISREG (st.st_mode))
        continue; /* not a file: reported when the specimen is read */
      s->regular = TRUE;
      s->length = (guint64)st.st_size;
      m->max_bytes = MAX (m->max_bytes, s->length);
      m->total_bytes += s->length;
    }
  return TRUE;
}

/* One file of one specimen, named after the file as a folder's files are. */
static gboolean
load_one_file (PsRegressionModel *m, GError **error)
{
  g_autofree char *base = g_path_get_basename (m->full);
  const char *dot = strrchr (base, '.');
  PsRegSpecimen *s;
  struct stat st;

  if (stat (m->full, &st) != 0)
    {
      int saved = errno;

      ps_json_set_error (error, "source.path", _ ("cannot open %s: %s"), m->full,
                         g_strerror (saved));
      return FALSE;
    }
  m->n_specimens = 1;
  m->specimens = g_new0 (PsRegSpecimen, 1);
  s = &m->specimens[0];
  s->file = g_strdup (m->full);
  s->display = g_strdup (m->path);
  s->name = dot != NULL && dot != base ? g_strndup (base, (gsize)(dot - base)) : g_strdup (base);
  s->csv = ps_csv_escape (s->name);
  s->line = 1;
  s->regular = S_ISREG (st.st_mode);
  s->length = (guint64)st.st_size;
  m->max_bytes = m->total_bytes = s->length;
  return TRUE;
}

/* One file with a specimen column: a streamed scan finds where each specimen's rows
 * are. Rows of a specimen must be together. */
static gboolean
load_file (PsRegressionModel *m, GError **error)
{
  FILE *f = fopen (m->full, "rb");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) specs = g_array_new (FALSE, TRUE, sizeof (PsRegSpecimen));
  char *buf = NULL;
  size_t cap = 0;
  ssize_t len;
  guint64 offset = 0, line = 0;
  Layout lay;
  /* Before the header, the line that may be a units row, then data. */
  enum
  {
    HEADER,
    UNITS,
    DATA
  } state
      = m->header ? HEADER : DATA;
  int named = (m->x.name != NULL) + (m->y.name != NULL) + (m->specimen.name != NULL);
  int best_found = 0;
  guint64 best_line = 0;
  g_autofree char *best = NULL;
  gboolean ok = TRUE;

  layout_init (m, &lay);
  if (f == NULL)
    {
      int saved = errno;

      ps_json_set_error (error, "source.path", _ ("cannot open %s: %s"), m->full,
                         g_strerror (saved));
      return FALSE;
    }
  while ((len = getline (&buf, &cap, f)) > 0)
    {
      const char *p = buf, *end = buf + len, *l = NULL, *le = NULL;
      const char *fld = NULL, *fe = NULL, *q;
      int k, sc;

      line++;
      offset += (guint64)len;
      if (line == 1)
        p = ps_csv_skip_bom (p, end);
      next_line (&p, end, &l, &le);
      if (m->skip_given && line <= m->skip_lines)
        continue;
      if (state == HEADER)
        {
          g_autofree char *msg = NULL;
          int found;

          if (!m->skip_given && blank_line (l, le))
            continue;
          found = match_header (m, l, le, &lay, m->skip_given ? &msg : NULL);
          if (found == named)
            {
              state = UNITS;
              continue;
            }
          if (m->skip_given)
            {
              ps_json_set_error (error, "source", "%s:%" G_GUINT64_FORMAT ": %s", m->path, line,
                                 msg);
              ok = FALSE;
              break;
            }
          if (found > best_found)
            {
              g_free (best);
              best = g_strndup (l, (gsize)(le - l));
              best_found = found;
              best_line = line;
            }
          continue;
        }
      if (state == UNITS)
        {
          g_autofree char *msg = NULL;
          gboolean is_units;

          state = DATA;
          if (!units_row (m, m->path, line, l, le, &lay, &is_units, &msg))
            {
              ps_json_set_error (error, "source", "%s", msg);
              ok = FALSE;
              break;
            }
          if (is_units)
            continue;
        }
      if (blank_line (l, le) || ps_csv_empty_fields (l, le, m->delimiter))
        {
          if (specs->len > 0)
            g_array_index (specs, PsRegSpecimen, specs->len - 1).length += (guint64)len;
          continue;
        }
      sc = lay.sc;
      q = l;
      for (k = 0; q != NULL && k <= sc; k++)
        q = ps_csv_next_field (q, le, m->delimiter, &fld, &fe);
      if (k <= sc)
        {
          /* No specimen field: the line stays with the current specimen, whose fit
           * reports it. */
          if (specs->len == 0)
            {
              ps_json_set_error (error, "source", _ ("%s:%llu: no specimen field (column %d)"),
                                 m->path, (unsigned long long)line, sc + 1);
              ok = FALSE;
              break;
            }
          g_array_index (specs, PsRegSpecimen, specs->len - 1).length += (guint64)len;
          continue;
        }
      if (specs->len > 0)
        {
          PsRegSpecimen *last = &g_array_index (specs, PsRegSpecimen, specs->len - 1);

          if (strlen (last->name) == (gsize)(fe - fld)
              && memcmp (last->name, fld, (gsize)(fe - fld)) == 0)
            {
              last->length += (guint64)len;
              continue;
            }
        }
      {
        PsRegSpecimen s = { 0 };

        s.name = ps_csv_field_dup (fld, fe);
        if (g_hash_table_contains (seen, s.name))
          {
            ps_json_set_error (
                error, "source",
                _ ("%s:%llu: rows of specimen \"%s\" start again "
                   "after other specimens (the rows of a specimen must be together)"),
                m->path, (unsigned long long)line, s.name);
            g_free (s.name);
            ok = FALSE;
            break;
          }
        g_hash_table_add (seen, g_strdup (s.name));
        s.csv = ps_csv_escape (s.name);
        /* A byte order mark before the first line of data is not part of it. */
        s.offset = offset - (guint64)len + (guint64)(l - buf);
        s.length = (guint64)len - (guint64)(l - buf);
        s.line = line;
        s.display = g_strdup (m->path);
        g_array_append_val (specs, s);
      }
    }
  if (ok && ferror (f))
    {
      ps_json_set_error (error, "source.path", _ ("cannot read %s"), m->full);
      ok = FALSE;
    }
  if (ok && state == HEADER)
    {
      g_autofree char *names = named_columns (m);

      if (best != NULL)
        {
          g_autofree char *why = NULL;

          match_header (m, best, best + strlen (best), &lay, &why);
          ps_json_set_error (error, "source", _ ("%s:%llu: %s (no line of the file names %s)"),
                             m->path, (unsigned long long)best_line, why, names);
        }
      else
        ps_json_set_error (error, "source",
                           _ ("%s: no line names the columns %s (without source.skip_lines the "
                              "header is the first line that does)"),
                           m->path, names);
      ok = FALSE;
    }
  if (ok)
    {
      g_autofree char *msg = NULL;

      if (layout_units_done (m, m->path, &lay, &msg))
        {
          m->x.column = lay.xc;
          m->y.column = lay.yc;
          m->specimen.column = lay.sc;
          m->n_fields = lay.n_fields;
          m->x_scale = lay.x_scale;
          m->y_scale = lay.y_scale;
        }
      else
        {
          ps_json_set_error (error, "source", "%s", msg);
          ok = FALSE;
        }
    }
  free (buf);
  fclose (f);
  m->n_specimens = specs->len;
  m->specimens = (PsRegSpecimen *)g_array_free (g_steal_pointer (&specs), FALSE);
  if (!ok)
    return FALSE;
  if (m->n_specimens == 0)
    {
      ps_json_set_error (error, "source.path", _ ("%s has no data lines"), m->path);
      return FALSE;
    }
  for (guint64 i = 0; i < m->n_specimens; i++)
    {
      m->max_bytes = MAX (m->max_bytes, m->specimens[i].length);
      m->total_bytes += m->specimens[i].length;
    }
  return TRUE;
}

/* @path of a source, from the folder of the study file at @study_path (NULL: the
 * current folder) unless it is absolute. */
static char *
resolve_path (const char *study_path, const char *path)
{
  g_autofree char *dir = NULL;

  if (g_path_is_absolute (path))
    return g_strdup (path);
  dir = study_path != NULL ? g_path_get_dirname (study_path) : g_get_current_dir ();
  return g_build_filename (dir, path, NULL);
}

/* The decimal separator: "." or ",". */
static gboolean
get_decimal (JsonObject *source, char *out, GError **error)
{
  if (!get_char (source, "decimal", '.', out, error))
    return FALSE;
  if (*out != '.' && *out != ',')
    {
      ps_json_set_error (error, "source.decimal", _ ("expected \".\" or \",\", got \"%c\""), *out);
      return FALSE;
    }
  return TRUE;
}

/* The specimen column of a file of many specimens: a header name or a number from 1. */
static gboolean
parse_specimen_column (JsonNode *spec, PsRegColumn *col, GError **error)
{
  if (JSON_NODE_HOLDS_VALUE (spec) && json_node_get_value_type (spec) == G_TYPE_STRING
      && *json_node_get_string (spec))
    {
      const char *name = json_node_get_string (spec);

      col->name = g_strdup (name);
      col->fold = ps_csv_fold (name, name + strlen (name));
    }
  else if (JSON_NODE_HOLDS_VALUE (spec) && json_node_get_value_type (spec) == G_TYPE_INT64
           && json_node_get_int (spec) >= 1 && json_node_get_int (spec) <= 1000)
    col->column = (int)json_node_get_int (spec) - 1;
  else
    {
      ps_json_set_error (error, "source.specimen_column",
                         _ ("expected the column's header name or its number from 1, or null "
                            "for a folder of one file per specimen, got %s"),
                         ps_json_type_name (spec));
      return FALSE;
    }
  return TRUE;
}

/* What m->full is: with a specimen column a file of many specimens, else a folder of
 * one file per specimen or a file of one. */
static gboolean
source_of_path (PsRegressionModel *m, gboolean specimen_column, GError **error)
{
  if (specimen_column)
    {
      m->source = PS_REG_SOURCE_FILE;
      if (!g_file_test (m->full, G_FILE_TEST_IS_REGULAR))
        {
          ps_json_set_error (error, "source.path",
                             _ ("%s is not a file (with \"specimen_column\" the "
                                "source is one file)"),
                             m->full);
          return FALSE;
        }
    }
  else if (g_file_test (m->full, G_FILE_TEST_IS_DIR))
    m->source = PS_REG_SOURCE_FOLDER;
  else if (g_file_test (m->full, G_FILE_TEST_IS_REGULAR))
    m->source = PS_REG_SOURCE_ONE_FILE;
  else
    {
      ps_json_set_error (error, "source.path",
                         g_file_test (m->full, G_FILE_TEST_EXISTS)
                             ? _ ("%s is neither a file nor a folder")
                             : _ ("%s does not exist"),
                         m->full);
      return FALSE;
    }
  return TRUE;
}

/* Whether @member of the source names its column (a string), which needs a header. */
static gboolean
names_column (JsonObject *src, const char *member)
{
  JsonNode *node = json_object_get_member (src, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), "column");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
parse_csv_source (PsRegressionModel *m, const PsStudy *study, JsonObject *src, GError **error)
{
  static const char *const keys[]
      = { "type",         "path", "pattern",      "strain",          "stress",    "force",
          "displacement", "area", "gauge_length", "specimen_column", "delimiter", "decimal",
          "skip_lines",   NULL };
  static const char *const named[]
      = { "strain", "stress", "force", "displacement", "specimen_column" };
  const char *path = NULL, *pattern = NULL;
  gint64 skip = 0;
  gboolean has_stress = json_object_has_member (src, "stress");
  gboolean has_force = json_object_has_member (src, "force");
  gboolean header = FALSE;
  JsonNode *spec, *skip_node = json_object_get_member (src, "skip_lines");

  if (!ps_json_check_keys (src, "source", keys, error)
      || !ps_json_get_string (src, "source", "path", TRUE, &path, error)
      || !ps_json_get_string (src, "source", "pattern", FALSE, &pattern, error)
      || !get_char (src, "delimiter", ',', &m->delimiter, error)
      || !get_decimal (src, &m->decimal, error)
      || !ps_json_get_int (src, "source", "skip_lines", FALSE, 0, 1000000, &skip, error))
    return FALSE;
  if (m->decimal == m->delimiter)
    {
      ps_json_set_error (error, "source.delimiter",
                         _ ("is the decimal separator too (\"%c\"): with \",\" decimals the "
                            "delimiter is usually \";\""),
                         m->decimal);
      return FALSE;
    }
  m->skip_lines = (guint)skip;
  m->skip_given = skip_node != NULL && !JSON_NODE_HOLDS_NULL (skip_node);
  m->pattern = g_strdup (pattern != NULL ? pattern : "*.csv");
  m->path = g_strdup (path);
  m->full = resolve_path (study->path, path);
  m->specimen.column = -1;
  m->x_div = m->y_div = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    header |= names_column (src, named[i]);

  if (has_stress == has_force)
    {
      ps_json_set_error (error, "source",
                         has_stress ? _ ("give either \"stress\" and \"strain\" or \"force\" and "
                                         "\"displacement\", not both")
                                    : _ ("missing \"stress\" and \"strain\" (or \"force\" and "
                                         "\"displacement\" with \"area\" and \"gauge_length\")"));
      return FALSE;
    }
  if (has_stress)
    {
      if (json_object_has_member (src, "displacement") || json_object_has_member (src, "area")
          || json_object_has_member (src, "gauge_length"))
        {
          ps_json_set_error (error, "source",
                             _ ("\"displacement\", \"area\" and \"gauge_length\" go with "
                                "\"force\", not with \"stress\""));
          return FALSE;
        }
      if (!parse_column (src, "strain", PS_QTY_DIMENSIONLESS, header, &m->x, error)
          || !parse_column (src, "stress", PS_QTY_STRESS, header, &m->y, error))
        return FALSE;
    }
  else
    {
      m->force_input = TRUE;
      if (json_object_has_member (src, "strain"))
        {
          ps_json_set_error (error, "source.strain",
                             _ ("with \"force\" input the strain is displacement / gauge_length"));
          return FALSE;
        }
      if (!parse_column (src, "displacement", PS_QTY_LENGTH, header, &m->x, error)
          || !parse_column (src, "force", PS_QTY_FORCE, header, &m->y, error)
          || !ps_json_get_quantity (src, "source", "area", TRUE, PS_QTY_AREA, PS_CHECK_POSITIVE,
                                    &m->area, error)
          || !ps_json_get_quantity (src, "source", "gauge_length", TRUE, PS_QTY_LENGTH,
                                    PS_CHECK_POSITIVE, &m->gauge_length, error))
        return FALSE;
      m->x_div = m->gauge_length;
      m->y_div = m->area;
    }
  /* NAN (no unit in the study) stays NAN until a units row gives one. */
  m->x_scale = m->x.scale / m->x_div;
  m->y_scale = m->y.scale / m->y_div;

  spec = json_object_get_member (src, "specimen_column");
  if (spec != NULL && !JSON_NODE_HOLDS_NULL (spec)
      && !parse_specimen_column (spec, &m->specimen, error))
    return FALSE;
  if (!source_of_path (m, spec != NULL && !JSON_NODE_HOLDS_NULL (spec), error))
    return FALSE;
  m->header = m->x.name != NULL || m->y.name != NULL || m->specimen.name != NULL;
  m->n_fields = MAX (MAX (m->x.column, m->y.column), m->specimen.column) + 1;

  m->c_locale = newlocale (LC_ALL_MASK, "C", (locale_t)0);
  if (m->source == PS_REG_SOURCE_FOLDER)
    return load_folder (m, error);
  if (m->source == PS_REG_SOURCE_ONE_FILE)
    return load_one_file (m, error);
  return load_file (m, error);
}

/* ---------------------------------------------------------------------------------
 * The preview of a CSV source
 * ------------------------------------------------------------------------------ */

/* A preview reads at most this much of its file: without skip_lines the header is
 * searched for in it. */
#define PREVIEW_MAX_BYTES (1 << 20)

/* The first bytes of @file, enough for @want lines (PREVIEW_MAX_BYTES at most), in
 * @text; a line cut by that limit is left out. */
static gboolean
read_head (const char *file, guint64 want, GString *text, GError **error)
{
  FILE *f = fopen (file, "rb");
  char buf[65536];
  guint64 newlines = 0;
  gboolean at_end = FALSE;

  if (f == NULL)
    {
      int saved = errno;

      ps_json_set_error (error, "source.path", _ ("cannot open %s: %s"), file, g_strerror (saved));
      return FALSE;
    }
  while (newlines < want && text->len < PREVIEW_MAX_BYTES)
    {
      size_t n = fread (buf, 1, sizeof buf, f);

      for (size_t i = 0; i < n; i++)
        newlines += buf[i] == '\n';
      g_string_append_len (text, buf, (gssize)n);
      if (n < sizeof buf)
        {
          at_end = TRUE;
          break;
        }
    }
  if (ferror (f))
    {
      ps_json_set_error (error, "source.path", _ ("cannot read %s"), file);
      fclose (f);
      return FALSE;
    }
  fclose (f);
  if (!at_end)
    {
      const char *last = memrchr (text->str, '\n', text->len);

      g_string_truncate (text, last != NULL ? (gsize)(last - text->str) + 1 : 0);
    }
  return TRUE;
}

/* The fields of [l, le), unquoted, in UTF-8 (ps_csv_to_utf8 (): a Latin-1 export's
 * "Längenänderung" as the loader reads header names). */
static char **
split_fields (char delimiter, const char *l, const char *le, guint *n)
{
  GPtrArray *fields = g_ptr_array_new ();
  const char *q = l;

  while (q != NULL)
    {
      const char *f, *fe;
      g_autofree char *field = NULL;

      q = ps_csv_next_field (q, le, delimiter, &f, &fe);
      field = ps_csv_field_dup (f, fe);
      g_ptr_array_add (fields, ps_csv_to_utf8 (field, field + strlen (field)));
    }
  *n = fields->len;
  g_ptr_array_add (fields, NULL);
  return (char **)g_ptr_array_free (fields, FALSE);
}

/* Field @k of [l, le) read as a number, as a run reads it; PS_CSV_BAD when the line
 * has no such field. */
static PsCsvNumber
read_field (const PsRegressionModel *m, const char *l, const char *le, int k, double *v)
{
  const char *q = l, *f = NULL, *fe = NULL;
  int i;

  *v = 0;
  if (k < 0)
    return PS_CSV_BAD;
  for (i = 0; q != NULL && i <= k; i++)
    q = ps_csv_next_field (q, le, m->delimiter, &f, &fe);
  return i > k ? ps_csv_parse_double (f, fe, m->decimal, m->c_locale, v) : PS_CSV_BAD;
}

/* A column of the preview, as far as the study gives it: a header name, a number
 * from 1, or not mapped yet; and its unit. A unit that is not one of @quantity is
 * kept as written with a scale of 1: the study's own validation reports it, and the
 * rest of the file is still shown. */
static void
preview_column (JsonObject *source, const char *member, PsQuantity quantity, PsRegColumn *col)
{
  JsonNode *n = json_object_get_member (source, member);
  JsonObject *obj = n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
  JsonNode *c = obj != NULL ? json_object_get_member (obj, "column") : NULL;
  JsonNode *unit = obj != NULL ? json_object_get_member (obj, "unit") : NULL;

  col->column = -1;
  col->scale = NAN;
  if (c != NULL && JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_STRING
      && *json_node_get_string (c))
    {
      const char *name = json_node_get_string (c);

      col->name = g_strdup (name);
      col->fold = ps_csv_fold (name, name + strlen (name));
    }
  else if (c != NULL && JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_INT64
           && json_node_get_int (c) >= 1 && json_node_get_int (c) <= 1000)
    col->column = (int)json_node_get_int (c) - 1;
  if (unit != NULL && JSON_NODE_HOLDS_VALUE (unit)
      && json_node_get_value_type (unit) == G_TYPE_STRING)
    {
      col->unit = g_strdup (json_node_get_string (unit));
      if (!column_unit_scale (quantity, col->unit, &col->scale))
        col->scale = 1.0;
    }
}

/* The unit the loader reads column @column (the x column when @is_x, else y) of a
 * file in: the study's, else the units row's field (@where), else a strain's
 * default; as units_row() and layout_units_done() choose it. */
static void
preview_unit (const PsRegressionModel *m, gboolean is_x, int column, const LayoutLines *where,
              PsRegPreviewUnit *u)
{
  const PsRegColumn *col = is_x ? &m->x : &m->y;
  PsQuantity qty = is_x ? (m->force_input ? PS_QTY_LENGTH : PS_QTY_DIMENSIONLESS)
                        : (m->force_input ? PS_QTY_FORCE : PS_QTY_STRESS);

  u->text = NULL;
  u->from = PS_REG_UNIT_NONE;
  u->scale = NAN;
  if (col->unit != NULL)
    {
      u->from = PS_REG_UNIT_STUDY;
      u->text = g_strdup (col->unit);
    }
  else if (where->units != NULL && column >= 0)
    {
      const char *q = where->units, *f = NULL, *fe = NULL, *un, *ue;
      int k;

      for (k = 0; q != NULL && k <= column; k++)
        q = ps_csv_next_field (q, where->units_end, m->delimiter, &f, &fe);
      if (k > column)
        {
          ps_csv_unit_field (f, fe, &un, &ue);
          if (un < ue)
            {
              u->from = PS_REG_UNIT_UNITS_ROW;
              u->text = ps_csv_to_utf8 (un, ue);
            }
        }
    }
  if (u->text == NULL && is_x && !m->force_input)
    {
      u->from = PS_REG_UNIT_DEFAULT;
      u->text = g_strdup ("mm/mm");
    }
  if (u->text != NULL && !column_unit_scale (qty, u->text, &u->scale))
    u->scale = NAN;
}

typedef struct
{
  const char *l, *le;
} Span;

/* The lines of [p, end), line breaks left out. */
static GArray *
split_lines (const char *p, const char *end)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Span));
  Span span;

  while (next_line (&p, end, &span.l, &span.le))
    g_array_append_val (lines, span);
  return lines;
}

gboolean
ps_regression_preview (JsonObject *source, const char *study_path, guint max_rows,
                       PsRegressionPreview **out, GError **error)
{
  g_autoptr (PsRegressionPreview) p = g_new0 (PsRegressionPreview, 1);
  PsRegressionModel m = { 0 };
  const char *type = NULL, *path = NULL, *pattern = NULL;
  JsonNode *spec = json_object_get_member (source, "specimen_column");
  JsonNode *skip_node = json_object_get_member (source, "skip_lines");
  gboolean has_spec = spec != NULL && !JSON_NODE_HOLDS_NULL (spec);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (PsRegressionPreviewRow));
  g_autoptr (GArray) lines = NULL;
  g_autofree char *display = NULL;
  g_autofree char *why = NULL;
  gint64 skip = 0;
  guint64 line = 0, first_data, want;
  const char *q, *start, *end;
  Layout lay;
  LayoutLines where;
  gboolean ok = FALSE;

  g_return_val_if_fail (source != NULL && out != NULL, FALSE);
  if (!ps_json_get_string (source, "source", "type", TRUE, &type, error))
    return FALSE;
  if (!g_str_equal (type, "csv"))
    {
      ps_json_set_error (error, "source.type", _ ("only a CSV source has a file to preview"));
      return FALSE;
    }
  /* The separators, the lines skipped and the file as the loader takes them; the
   * columns as far as the study names them (a column it does not name yet is not
   * mapped), and the units as written. */
  if (!ps_json_get_string (source, "source", "path", TRUE, &path, error)
      || !ps_json_get_string (source, "source", "pattern", FALSE, &pattern, error)
      || !get_char (source, "delimiter", ',', &m.delimiter, error)
      || !get_decimal (source, &m.decimal, error)
      || !ps_json_get_int (source, "source", "skip_lines", FALSE, 0, 1000000, &skip, error))
    return FALSE;
  if (m.decimal == m.delimiter)
    {
      ps_json_set_error (error, "source.delimiter",
                         _ ("is the decimal separator too (\"%c\"): with \",\" decimals the "
                            "delimiter is usually \";\""),
                         m.decimal);
      return FALSE;
    }
  m.skip_lines = (guint)skip;
  m.skip_given = skip_node != NULL && !JSON_NODE_HOLDS_NULL (skip_node);
  m.pattern = g_strdup (pattern != NULL ? pattern : "*.csv");
  m.path = g_strdup (path);
  m.full = resolve_path (study_path, path);
  m.force_input
      = json_object_has_member (source, "force") && !json_object_has_member (source, "stress");
  preview_column (source, m.force_input ? "displacement" : "strain",
                  m.force_input ? PS_QTY_LENGTH : PS_QTY_DIMENSIONLESS, &m.x);
  preview_column (source, m.force_input ? "force" : "stress",
                  m.force_input ? PS_QTY_FORCE : PS_QTY_STRESS, &m.y);
  /* The units as the file's numbers read, before the area and gauge length. */
  m.x_div = m.y_div = 1.0;
  m.x_scale = m.x.scale;
  m.y_scale = m.y.scale;
  m.specimen.column = -1;
  if (has_spec && !parse_specimen_column (spec, &m.specimen, NULL))
    m.specimen.column = -1;
  m.header = m.x.name != NULL || m.y.name != NULL || m.specimen.name != NULL;
  m.n_fields = MAX (MAX (m.x.column, m.y.column), m.specimen.column) + 1;
  m.c_locale = newlocale (LC_ALL_MASK, "C", (locale_t)0);

  if (!source_of_path (&m, has_spec, error))
    goto out;
  if (m.source == PS_REG_SOURCE_FOLDER)
    {
      g_autoptr (GPtrArray) names = list_folder (&m, error);

      if (names == NULL)
        goto out;
      p->file = g_build_filename (m.full, names->pdata[0], NULL);
      display = g_build_filename (m.path, names->pdata[0], NULL);
    }
  else
    {
      p->file = g_strdup (m.full);
      display = g_strdup (m.path);
    }
  /* The lines skipped, the header, a units row and the rows, with room for a few
   * blank lines; without skip_lines, as far as the header may be. */
  want = m.skip_given ? m.skip_lines + 2 + max_rows + 8 : G_MAXUINT64;
  if (!read_head (p->file, want, text, error))
    goto out;

  /* The header and units row where a run finds them. */
  end = text->str + text->len;
  q = text->str;
  find_layout (&m, display, &q, end, &line, &lay, &where, &why);
  start = ps_csv_skip_bom (text->str, end);
  lines = split_lines (start, end);
  /* Where the loader stopped at the header (a named column it lacks), the preview
   * goes on with the columns it found and looks for a units row under it. */
  if (why != NULL && where.header_line > 0 && where.units_line == 0
      && where.header_line < lines->len)
    {
      const Span *u = &g_array_index (lines, Span, where.header_line);
      Layout units = lay;
      gboolean is_units = FALSE;
      g_autofree char *ignored = NULL;

      units_row (&m, display, where.header_line + 1, u->l, u->le, &units, &is_units, &ignored);
      if (is_units)
        {
          where.units_line = where.header_line + 1;
          where.units = u->l;
          where.units_end = u->le;
        }
    }
  if (where.header_line > 0)
    first_data = MAX (where.header_line, where.units_line);
  else if (m.skip_given)
    first_data = MIN (m.skip_lines, lines->len);
  else
    first_data = 0;

  for (guint64 i = 0; i < lines->len; i++)
    {
      const Span *l = &g_array_index (lines, Span, i);
      PsRegressionPreviewRow row = { 0 };

      if (i + 1 <= first_data)
        {
          if ((where.header_line == 0 || i + 1 < where.header_line) && skipped->len < max_rows)
            g_ptr_array_add (skipped, ps_csv_to_utf8 (l->l, l->le));
          continue;
        }
      if (blank_line (l->l, l->le) || ps_csv_empty_fields (l->l, l->le, m.delimiter))
        continue;
      if (rows->len == max_rows)
        break;
      row.line = i + 1;
      row.fields = split_fields (m.delimiter, l->l, l->le, &row.n_fields);
      row.x_read = read_field (&m, l->l, l->le, lay.xc, &row.x);
      row.y_read = read_field (&m, l->l, l->le, lay.yc, &row.y);
      g_array_append_val (rows, row);
    }
  if (where.header_line > 0)
    p->header_fields
        = split_fields (m.delimiter, where.header, where.header_end, &p->n_header_fields);
  if (where.units_line > 0)
    p->units_fields = split_fields (m.delimiter, where.units, where.units_end, &p->n_units_fields);
  p->header_line = where.header_line;
  p->units_line = where.units_line;
  preview_unit (&m, TRUE, lay.xc, &where, &p->x_unit);
  preview_unit (&m, FALSE, lay.yc, &where, &p->y_unit);
  p->problem = g_steal_pointer (&why);

  p->source = m.source;
  p->force_input = m.force_input;
  p->delimiter = m.delimiter;
  p->decimal = m.decimal;
  p->skip_lines = (guint)(where.header_line > 0 ? where.header_line - 1
                          : m.skip_given        ? m.skip_lines
                                                : first_data);
  p->header = m.header;
  p->x = m.x;
  p->y = m.y;
  p->specimen = m.specimen;
  p->x.column = lay.xc;
  p->y.column = lay.yc;
  p->specimen.column = lay.sc;
  memset (&m.x, 0, sizeof m.x);
  memset (&m.y, 0, sizeof m.y);
  memset (&m.specimen, 0, sizeof m.specimen);
  p->n_skipped = skipped->len;
  g_ptr_array_add (skipped, NULL);
  p->skipped = (char **)g_ptr_array_steal (skipped, NULL);
  p->n_rows = rows->len;
  p->rows = (PsRegressionPreviewRow *)g_array_free (g_steal_pointer (&rows), FALSE);
  *out = g_steal_pointer (&p);
  ok = TRUE;
out:
  g_free (m.pattern);
  g_free (m.path);
  g_free (m.full);
  column_clear (&m.x);
  column_clear (&m.y);
  column_clear (&m.specimen);
  if (m.c_locale != (locale_t)0)
    freelocale (m.c_locale);
  return ok;
}

void
ps_regression_preview_free (PsRegressionPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->file);
  g_strfreev (preview->skipped);
  g_strfreev (preview->header_fields);
  g_strfreev (preview->units_fields);
  g_free (preview->x_unit.text);
  g_free (preview->y_unit.text);
  g_free (preview->problem);
  column_clear (&preview->x);
  column_clear (&preview->y);
  column_clear (&preview->specimen);
  for (guint i = 0; i < preview->n_rows; i++)
    g_strfreev (preview->rows[i].fields);
  g_free (preview->rows);
  g_free (preview);
}

/* A distribution of the synthetic generator, or a plain value (then constant). */
static gboolean
parse_synthetic_dist (JsonObject *src, const char *member, PsQuantity quantity, PsDist *d,
                      GError **error)
{
  static const char *const keys[]
      = { "distribution", "mean", "sd", "lower", "upper", "shape", "scale", NULL };
  g_autofree char *path = ps_json_path ("source", member);
  JsonNode *node = json_object_get_member (src, member);
  PsDistParams p = { 0 };
  const char *dist = NULL;
  g_autofree char *msg = NULL;
  JsonObject *obj;
  struct
  {
    const char *key;
    gboolean *has;
    double *value;
  } fields[] = {
    { "mean", &p.has_mean, &p.mean },    { "sd", &p.has_sd, &p.sd },
    { "lower", &p.has_lower, &p.lower }, { "upper", &p.has_upper, &p.upper },
    { "scale", &p.has_scale, &p.scale },
  };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      double v;

      if (!ps_json_node_quantity (node, path, quantity, PS_CHECK_NON_NEGATIVE, &v, error))
        return FALSE;
      *d = (PsDist){ PS_DIST_NORMAL, { v, 0.0, 0.0, 0.0 } }; /* exactly v */
      return TRUE;
    }
  obj = json_node_get_object (node);
  if (!ps_json_check_keys (obj, path, keys, error)
      || !ps_json_get_string (obj, path, "distribution", TRUE, &dist, error))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      if (!json_object_has_member (obj, fields[f].key))
        continue;
      if (!ps_json_get_quantity (obj, path, fields[f].key, TRUE, quantity, PS_CHECK_FINITE,
                                 fields[f].value, error))
        return FALSE;
      *fields[f].has = TRUE;
    }
  if (json_object_has_member (obj, "shape"))
    {
      if (!ps_json_get_quantity (obj, path, "shape", TRUE, PS_QTY_DIMENSIONLESS, PS_CHECK_POSITIVE,
                                 &p.shape, error))
        return FALSE;
      p.has_shape = TRUE;
    }
  if (!ps_dist_init (d, dist, &p, &msg))
    {
      ps_json_set_error (error, path, "%s", msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_synthetic (PsRegressionModel *m, JsonObject *src, GError **error)
{
  static const char *const keys[] = { "type",      "specimens",  "points",   "E",    "yield",
                                      "hardening", "max_strain", "noise_sd", "seed", NULL };
  gint64 specimens = 0, points = 0, seed = 1;

  m->source = PS_REG_SOURCE_SYNTHETIC;
  m->hardening = 0.01;
  m->max_strain = 0.02;
  if (!ps_json_check_keys (src, "source", keys, error)
      || !ps_json_get_int (src, "source", "specimens", TRUE, 1, G_GINT64_CONSTANT (1) << 40,
                           &specimens, error)
      || !ps_json_get_int (src, "source", "points", TRUE, 3, 100000000, &points, error)
      || !ps_json_get_int (src, "source", "seed", FALSE, 0, G_MAXINT64, &seed, error)
      || !parse_synthetic_dist (src, "E", PS_QTY_STRESS, &m->E, error)
      || !parse_synthetic_dist (src, "yield", PS_QTY_STRESS, &m->fy, error)
      || !ps_json_get_quantity (src, "source", "hardening", FALSE, PS_QTY_DIMENSIONLESS,
                                PS_CHECK_NON_NEGATIVE, &m->hardening, error)
      || !get_strain (src, "source", "max_strain", FALSE, &m->max_strain, error))
    return FALSE;
  if (!json_object_has_member (src, "noise_sd"))
    m->noise_sd = (PsDist){ PS_DIST_NORMAL, { 0.0, 0.0, 0.0, 0.0 } };
  else if (!parse_synthetic_dist (src, "noise_sd", PS_QTY_STRESS, &m->noise_sd, error))
    return FALSE;
  if (m->hardening >= 1.0)
    {
      ps_json_set_error (error, "source.hardening",
                         _ ("is the hardening modulus as a fraction of E: must be < 1 (got %g)"),
                         m->hardening);
      return FALSE;
    }
  if (!(m->max_strain > 0))
    {
      ps_json_set_error (error, "source.max_strain", _ ("must be > 0 (got %g)"), m->max_strain);
      return FALSE;
    }
  m->n_specimens = (guint64)specimens;
  m->points = (guint64)points;
  m->seed = (guint64)seed;
  return TRUE;
}

/* The study's "fit" members: the window fit's and the ISO 6892-1 analysis's. */
static gboolean
check_fit_keys (JsonObject *fit, GError **error)
{
  static const char *const own[]
      = { "window", "offset", "min_points", "strain_tolerance", "iso6892", NULL };
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; own[i] != NULL; i++)
    g_ptr_array_add (keys, (gpointer)own[i]);
  for (guint i = 0; ps_iso6892_fit_keys[i] != NULL; i++)
    g_ptr_array_add (keys, (gpointer)ps_iso6892_fit_keys[i]);
  g_ptr_array_add (keys, NULL);
  return ps_json_check_keys (fit, "fit", (const char *const *)keys->pdata, error);
}

/* The ISO 6892-1 analysis: on with "iso6892": true or any of its options. Its
 * elastic window is the study's, and without "offsets" its proof strength is at the
 * study's offset. */
static gboolean
parse_iso (PsRegressionModel *m, JsonObject *fit, GError **error)
{
  PsIsoParams *p = &m->iso_params;
  gboolean asked = FALSE;
  const char *option = NULL;

  ps_iso_params_init (p);
  ps_regression_fit_params (m, &p->window);
  p->offsets[0] = m->offset;
  if (fit == NULL)
    return TRUE;
  for (guint i = 0; ps_iso6892_fit_keys[i] != NULL && option == NULL; i++)
    if (json_object_has_member (fit, ps_iso6892_fit_keys[i]))
      option = ps_iso6892_fit_keys[i];
  asked = option != NULL;
  if (json_object_has_member (fit, "iso6892"))
    {
      if (!ps_json_get_bool (fit, "fit", "iso6892", FALSE, &asked, error))
        return FALSE;
      if (!asked && option != NULL)
        {
          ps_json_set_error (error, "fit.iso6892",
                             _ ("is false, but fit.%s is an option of the ISO 6892-1 analysis"),
                             option);
          return FALSE;
        }
    }
  if (!ps_iso6892_parse (fit, p, error))
    return FALSE;
  if (asked && !json_object_has_member (fit, "offsets") && !(m->offset > 0))
    {
      ps_json_set_error (error, "fit.offset",
                         _ ("the ISO 6892-1 analysis takes its proof strength at this offset "
                            "when fit.offsets is not given: must be > 0 (got %g)"),
                         m->offset);
      return FALSE;
    }
  m->iso = asked;
  if (asked)
    {
      PsIsoResult r;
      PsIsoQuantity q[PS_ISO_MAX_QUANTITIES];

      ps_iso_result_init (&r);
      m->n_iso = ps_iso6892_quantities (p, &r, q);
      for (guint k = 0; k < m->n_iso; k++)
        {
          g_strlcpy (m->iso_names[k], q[k].name, sizeof m->iso_names[k]);
          m->iso_units[k] = q[k].unit;
        }
    }
  return TRUE;
}

void
ps_regression_iso_column (const PsRegressionModel *m, guint k, char *buf, gsize size)
{
  g_return_if_fail (k < m->n_iso);
  g_snprintf (buf, size, "%s%s%s", m->iso_names[k], k == 0 ? "_iso" : "",
              g_str_equal (m->iso_units[k], "Pa") ? "_Pa" : "");
}

static gboolean
parse_fit (PsRegressionModel *m, JsonObject *root, GError **error)
{
  static const char *const wkeys[] = { "type", "from", "to", NULL };
  JsonObject *fit = ps_json_get_object (root, "", "fit", FALSE, error);
  JsonObject *w;
  const char *type = NULL;
  gint64 min_points = 5;

  m->window = PS_REG_WINDOW_STRAIN;
  m->from = 0.0005; /* ISO 527-1 chord */
  m->to = 0.0025;
  m->offset = 0.002;
  m->min_points = 5;
  /* 10 µε: the resolution of a class 1 extensometer (ISO 9513, 0.5 µm) on a 50 mm
   * gauge length; quantised strain noise smaller than this is not a fall. */
  m->strain_tol = 1e-5;
  if (fit == NULL)
    return error == NULL || *error == NULL;
  if (!check_fit_keys (fit, error) || !get_strain (fit, "fit", "offset", FALSE, &m->offset, error)
      || !ps_json_get_int (fit, "fit", "min_points", FALSE, 3, 1000000, &min_points, error)
      || !get_strain (fit, "fit", "strain_tolerance", FALSE, &m->strain_tol, error))
    return FALSE;
  m->min_points = (guint)min_points;
  if (!(m->strain_tol >= 0))
    {
      ps_json_set_error (error, "fit.strain_tolerance", _ ("must be ≥ 0 (got %g)"), m->strain_tol);
      return FALSE;
    }
  if (!(m->offset >= 0))
    {
      ps_json_set_error (error, "fit.offset", _ ("must be ≥ 0 (got %g)"), m->offset);
      return FALSE;
    }
  w = ps_json_get_object (fit, "fit", "window", FALSE, error);
  if (w == NULL)
    return error == NULL || *error == NULL;
  if (!ps_json_check_keys (w, "fit.window", wkeys, error)
      || !ps_json_get_string (w, "fit.window", "type", TRUE, &type, error))
    return FALSE;
  if (g_str_equal (type, "auto"))
    {
      m->window = PS_REG_WINDOW_AUTO;
      if (json_object_has_member (w, "from") || json_object_has_member (w, "to"))
        {
          ps_json_set_error (error, "fit.window",
                             _ ("the auto window chooses its own range: leave out \"from\" and "
                                "\"to\""));
          return FALSE;
        }
      m->from = PS_REG_AUTO_STEP;
      m->to = PS_REG_AUTO_STEP + PS_REG_AUTO_WIDTH;
      return TRUE;
    }
  if (g_str_equal (type, "strain"))
    m->window = PS_REG_WINDOW_STRAIN;
  else if (g_str_equal (type, "stress"))
    m->window = PS_REG_WINDOW_STRESS;
  else
    {
      ps_json_set_error (error, "fit.window.type",
                         _ ("expected \"strain\", \"stress\" or \"auto\", got \"%s\""), type);
      return FALSE;
    }
  /* Stress windows are fractions of the maximum stress: "10 %" reads as 0.1 too. */
  if (!get_strain (w, "fit.window", "from", TRUE, &m->from, error)
      || !get_strain (w, "fit.window", "to", TRUE, &m->to, error))
    return FALSE;
  if (!(m->from >= 0))
    {
      ps_json_set_error (error, "fit.window.from", _ ("must be ≥ 0 (got %g)"), m->from);
      return FALSE;
    }
  if (!(m->to > m->from))
    {
      ps_json_set_error (error, "fit.window.to", _ ("must be greater than from (%g), got %g"),
                         m->from, m->to);
      return FALSE;
    }
  if (m->window == PS_REG_WINDOW_STRESS && m->to > 1.0)
    {
      ps_json_set_error (error, "fit.window.to",
                         _ ("a stress window is a fraction of the maximum stress: must be ≤ 1 "
                            "(got %g)"),
                         m->to);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_summary_options (PsRegressionModel *m, JsonObject *root, GError **error)
{
  static const char *const hkeys[] = { "from", "to", "bins", NULL };
  JsonObject *c = ps_json_get_object (root, "", "characteristic", FALSE, error);
  JsonObject *h;

  ps_annex_d_options_init (&m->annex);
  if (c == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (!ps_annex_d_parse (c, &m->annex, error))
    return FALSE;
  m->fractile = m->annex.fractile;
  m->lognormal = m->annex.lognormal;
  h = ps_json_get_object (root, "", "histogram", FALSE, error);
  if (h == NULL)
    return error == NULL || *error == NULL;
  {
    gint64 bins = 0;

    if (!ps_json_check_keys (h, "histogram", hkeys, error)
        || !ps_json_get_quantity (h, "histogram", "from", TRUE, PS_QTY_STRESS,
                                  PS_CHECK_NON_NEGATIVE, &m->hist_from, error)
        || !ps_json_get_quantity (h, "histogram", "to", TRUE, PS_QTY_STRESS, PS_CHECK_POSITIVE,
                                  &m->hist_to, error)
        || !ps_json_get_int (h, "histogram", "bins", TRUE, 1, PS_REG_HIST_MAX_LINEAR, &bins, error))
      return FALSE;
    if (!(m->hist_to > m->hist_from))
      {
        ps_json_set_error (error, "histogram.to", _ ("must be greater than from"));
        return FALSE;
      }
    m->hist_linear = TRUE;
    m->hist_bins = (guint)bins;
  }
  return TRUE;
}

static gboolean
regression_init (PsStudy *study, JsonObject *root, GError **error)
{
  PsRegressionModel *m = g_new0 (PsRegressionModel, 1);
  JsonObject *src;
  const char *type = NULL;

  study->model = m;
  study->model_free = model_free;

  src = ps_json_get_object (root, "", "source", TRUE, error);
  if (src == NULL || !ps_json_get_string (src, "source", "type", TRUE, &type, error))
    return FALSE;
  /* The fit first: a bad window is reported before a large folder is listed. */
  if (!parse_fit (m, root, error)
      || !parse_iso (m, ps_json_get_object (root, "", "fit", FALSE, NULL), error)
      || !parse_summary_options (m, root, error))
    return FALSE;
  if (g_str_equal (type, "synthetic"))
    {
      if (!parse_synthetic (m, src, error))
        return FALSE;
      m->max_points = m->points;
    }
  else if (g_str_equal (type, "csv"))
    {
      if (!parse_csv_source (m, study, src, error))
        return FALSE;
      /* A data line takes at least two bytes ("1\n"): an upper bound of the points. */
      m->max_points = m->max_bytes / 2 + 1;
    }
  else
    {
      ps_json_set_error (error, "source.type", _ ("expected \"csv\" or \"synthetic\", got \"%s\""),
                         type);
      return FALSE;
    }
  study->n_items = m->n_specimens;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * The fit
 * ------------------------------------------------------------------------------ */

/* The co-moments (ps_reg_line_add_points, ps_reg_line_merge), the line
 * (ps_reg_line_solve) and the fit of one specimen (ps_reg_fit_points) are in
 * ps-regression-math-private.h: the gpu backend's kernel calls the same functions. */

void
ps_reg_fit_line (const double *x, const double *y, gsize n, PsRegLineFit *fit)
{
  PsRegLine l = { 0 };

  ps_reg_line_add_points (&l, x, y, n);
  ps_reg_line_solve (&l, fit);
}

static inline gboolean
is_finite (double v)
{
  return ps_reg_is_finite (v);
}

void
ps_regression_fit_params (const PsRegressionModel *m, PsRegFitParams *p)
{
  p->window = m->window;
  p->from = m->from;
  p->to = m->to;
  p->offset = m->offset;
  p->min_points = m->min_points;
  p->strain_tol = m->strain_tol;
}

PsRegError
ps_regression_fit (const PsRegressionModel *m, const double *x, const double *y, gsize n,
                   PsSpecimenFit *fit)
{
  PsRegFitParams p;

  ps_regression_fit_params (m, &p);
  /* The strain is first read at the elastic window and the yield, near the start of
   * the curve, after a pass over the stress: ask for its first lines now, so that they
   * arrive during that pass. */
  if (n > 0)
    {
      for (gsize i = 0; i < MIN (n, PREFETCH_STRAIN); i += 8)
        __builtin_prefetch (x + i);
      __builtin_prefetch (x + n - 1);
    }
  return ps_reg_fit_points (&p, x, y, n, fit);
}

gboolean
ps_regression_generate (const PsRegressionModel *m, guint64 i, double *x, double *y, double *u)
{
  gsize n = (gsize)m->points;
  PsRegSynth sy;

  if (!ps_reg_synth_init (&m->E, &m->fy, &m->noise_sd, m->hardening, m->max_strain, m->seed,
                          m->points, i, &sy))
    return FALSE;
  if (sy.sd > 0)
    {
      PsDist noise = ps_reg_synth_noise (&sy);

      /* A block at a time, the values of ps_reg_synth_noise_at (). */
      ps_rng_uniforms (m->seed, PS_REG_STREAM_NOISE, i * m->points, n, u);
      ps_dist_quantile_block (&noise, u, n, u);
    }
  else
    memset (u, 0, n * sizeof *u);
  for (gsize j = 0; j < n; j++)
    ps_reg_synth_point (&sy, j, u[j], &x[j], &y[j]);
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Reading a specimen
 * ------------------------------------------------------------------------------ */

typedef struct
{
  double *x, *y, *u;
  guint64 *line;
  char *buf;
  gsize cap_points;
  gsize cap_bytes;
  int fd; /* PS_REG_SOURCE_FILE: the file, opened once per worker */
} Workspace;

static gpointer
reg_workspace_new (const PsStudy *study)
{
  const PsRegressionModel *m = study->model;
  Workspace *ws = g_new0 (Workspace, 1);

  ws->cap_points = (gsize)MAX (m->max_points, 1);
  ws->x = g_new (double, ws->cap_points);
  ws->y = g_new (double, ws->cap_points);
  ws->fd = -1;
  if (m->source == PS_REG_SOURCE_SYNTHETIC)
    ws->u = g_new (double, ws->cap_points);
  else
    {
      ws->line = g_new (guint64, ws->cap_points);
      ws->cap_bytes = (gsize)m->max_bytes + 1;
      ws->buf = g_malloc (ws->cap_bytes);
    }
  if (m->source == PS_REG_SOURCE_FILE)
    ws->fd = open (m->full, O_RDONLY | O_CLOEXEC);
  return ws;
}

static void
reg_workspace_free (gpointer data)
{
  Workspace *ws = data;

  if (ws == NULL)
    return;
  if (ws->fd >= 0)
    close (ws->fd);
  g_free (ws->x);
  g_free (ws->y);
  g_free (ws->u);
  g_free (ws->line);
  g_free (ws->buf);
  g_free (ws);
}

/* The text of @errnum for a reason written into results files: the C locale's, not
 * the user's language, so that the files do not depend on who ran the study. */
static const char *
c_strerror (const PsRegressionModel *m, int errnum)
{
  return m->c_locale != (locale_t)0 ? strerror_l (errnum, m->c_locale) : g_strerror (errnum);
}

/* Reads specimen @item's text into ws->buf; returns its length, or -1 with @msg. */
static gssize
read_text (const PsRegressionModel *m, Workspace *ws, guint64 item, char **msg)
{
  const PsRegSpecimen *s = &m->specimens[item];
  gsize got = 0;

  if (m->source == PS_REG_SOURCE_FILE)
    {
      if (ws->fd < 0)
        {
          *msg = g_strdup_printf ("%s: cannot open the file", s->display);
          return -1;
        }
      while (got < s->length)
        {
          ssize_t r
              = pread (ws->fd, ws->buf + got, (size_t)(s->length - got), (off_t)(s->offset + got));

          if (r < 0 && errno == EINTR)
            continue;
          if (r <= 0)
            {
              *msg = g_strdup_printf ("%s: %s", s->display,
                                      r < 0 ? c_strerror (m, errno)
                                            : "the file is shorter than when the study was loaded");
              return -1;
            }
          got += (gsize)r;
        }
      return (gssize)got;
    }
  {
    /* O_NONBLOCK: a named pipe among the specimens would block open () until a writer
     * comes (for ever, out of reach of the run's cancellation); only regular files are
     * specimens, which fstat () then says. The stat () of the folder's listing already
     * told the regular files: the fstat () is left out for them (a syscall of some
     * microseconds, 6 % of the reading time of 22 kB files); one made a pipe since
     * still cannot block, and reads as empty. */
    int fd = open (s->file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;

    if (fd < 0)
      {
        int saved = errno;

        *msg = g_strdup_printf ("%s: cannot open: %s", s->display, c_strerror (m, saved));
        return -1;
      }
    if (!s->regular && fstat (fd, &st) != 0)
      {
        int saved = errno;

        close (fd);
        *msg = g_strdup_printf ("%s: %s", s->display, c_strerror (m, saved));
        return -1;
      }
    if (!s->regular && !S_ISREG (st.st_mode))
      {
        close (fd);
        *msg = g_strdup_printf ("%s: not a regular file (%s)", s->display,
                                S_ISDIR (st.st_mode)    ? c_strerror (m, EISDIR)
                                : S_ISFIFO (st.st_mode) ? "a named pipe"
                                                        : "a socket or a device");
        return -1;
      }
    for (;;)
      {
        ssize_t r = read (fd, ws->buf + got, ws->cap_bytes - got);

        if (r < 0 && errno == EINTR)
          continue;
        if (r < 0)
          {
            int saved = errno;

            close (fd);
            *msg = g_strdup_printf ("%s: %s", s->display, c_strerror (m, saved));
            return -1;
          }
        if (r == 0)
          break;
        got += (gsize)r;
        if (got == ws->cap_bytes)
          {
            close (fd);
            *msg = g_strdup_printf ("%s: the file grew after the study was loaded", s->display);
            return -1;
          }
      }
    close (fd);
    return (gssize)got;
  }
}

static const char *
column_label (const PsRegColumn *c, char *buf, gsize size)
{
  if (c->name != NULL)
    return c->name;
  g_snprintf (buf, size, "%d", c->column + 1);
  return buf;
}

/* Parses specimen @item into ws->x, ws->y (strain, Pa) and ws->line. */
static PsRegError
read_specimen (const PsRegressionModel *m, Workspace *ws, guint64 item, gsize *n_out, char **msg)
{
  const PsRegSpecimen *s = &m->specimens[item];
  gssize len = read_text (m, ws, item, msg);
  const char *p, *end, *l, *le;
  guint64 line;
  Layout lay;
  int xc, yc, n_fields;
  double x_scale, y_scale;
  gsize n = 0;
  char lab[16];

  *n_out = 0;
  if (len < 0)
    return PS_REG_ERR_READ;
  p = ws->buf;
  end = ws->buf + len;
  line = s->line - 1;
  /* A file of its own has its own header and units; the rows of a file of many
   * specimens were placed at load. */
  if (m->source != PS_REG_SOURCE_FILE)
    {
      if (!find_layout (m, s->display, &p, end, &line, &lay, NULL, msg))
        return PS_REG_ERR_HEADER;
    }
  else
    layout_init (m, &lay);
  xc = lay.xc;
  yc = lay.yc;
  n_fields = lay.n_fields;
  x_scale = lay.x_scale;
  y_scale = lay.y_scale;
  while (next_line (&p, end, &l, &le))
    {
      const char *q = l, *fx = NULL, *fxe = NULL, *fy = NULL, *fye = NULL;
      double vx = 0, vy = 0;
      PsCsvNumber rx, ry;
      int k;

      line++;
      if (blank_line (l, le))
        continue;
      for (k = 0; q != NULL && k < n_fields; k++)
        {
          const char *f, *fe;

          q = ps_csv_next_field (q, le, m->delimiter, &f, &fe);
          if (k == xc)
            fx = f, fxe = fe;
          if (k == yc)
            fy = f, fye = fe;
        }
      if (k < n_fields)
        {
          /* Rows of empty fields under the table, as spreadsheets save it. */
          if (ps_csv_empty_fields (l, le, m->delimiter))
            continue;
          *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": expected at least %d fields "
                                  "separated by '%c', found %d: \"%.*s\"",
                                  s->display, line, n_fields, m->delimiter, k,
                                  (int)MIN (le - l, 200), l);
          return PS_REG_ERR_PARSE;
        }
      rx = ps_csv_parse_double (fx, fxe, m->decimal, m->c_locale, &vx);
      ry = ps_csv_parse_double (fy, fye, m->decimal, m->c_locale, &vy);
      if (rx == PS_CSV_BAD || ry == PS_CSV_BAD)
        {
          gboolean bx = rx == PS_CSV_BAD;

          if (ps_csv_empty_fields (l, le, m->delimiter))
            continue;
          *msg = g_strdup_printf (
              "%s:%" G_GUINT64_FORMAT ": \"%.*s\" is not a number (column %s, decimal "
              "separator '%c')",
              s->display, line, (int)MIN (bx ? fxe - fx : fye - fy, 100), bx ? fx : fy,
              column_label (bx ? &m->x : &m->y, lab, sizeof lab), m->decimal);
          return PS_REG_ERR_PARSE;
        }
      if (rx == PS_CSV_NON_FINITE || ry == PS_CSV_NON_FINITE)
        {
          gboolean bx = rx == PS_CSV_NON_FINITE;

          *msg = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": \"%.*s\" is not a finite number "
                                  "(column %s)",
                                  s->display, line, (int)MIN (bx ? fxe - fx : fye - fy, 100),
                                  bx ? fx : fy, column_label (bx ? &m->x : &m->y, lab, sizeof lab));
          return PS_REG_ERR_NON_FINITE;
        }
      if (G_UNLIKELY (n == ws->cap_points))
        {
          *msg = g_strdup_printf ("%s: more points than the study expected", s->display);
          return PS_REG_ERR_READ;
        }
      ws->x[n] = vx * x_scale;
      ws->y[n] = vy * y_scale;
      ws->line[n] = line;
      n++;
    }
  *n_out = n;
  return PS_REG_OK;
}

gboolean
ps_regression_read_points (const PsRegressionModel *m, guint64 item, GArray *strain, GArray *stress,
                           GError **error)
{
  PsStudy study = { 0 };
  Workspace *ws;
  g_autofree char *msg = NULL;
  gsize n = 0;
  PsRegError status;

  study.model = (gpointer)m;
  ws = reg_workspace_new (&study);
  if (m->source == PS_REG_SOURCE_SYNTHETIC)
    {
      n = (gsize)m->points;
      status
          = ps_regression_generate (m, item, ws->x, ws->y, ws->u) ? PS_REG_OK : PS_REG_ERR_PARAMS;
      if (status != PS_REG_OK)
        msg = g_strdup_printf (_ ("specimen %llu: its drawn E or yield stress is not positive"),
                               (unsigned long long)item);
    }
  else
    status = read_specimen (m, ws, item, &n, &msg);
  if (status == PS_REG_OK)
    {
      g_array_append_vals (strain, ws->x, (guint)n);
      g_array_append_vals (stress, ws->y, (guint)n);
    }
  else
    g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s", msg);
  reg_workspace_free (ws);
  return status == PS_REG_OK;
}

/* ---------------------------------------------------------------------------------
 * Summary
 * ------------------------------------------------------------------------------ */

static inline void
moments_add (PsRegMoments *s, double v)
{
  double d;

  s->n += 1.0;
  d = v - s->mean;
  s->mean += d / s->n;
  s->m2 += d * (v - s->mean);
}

/* Chan, Golub and LeVeque's pairwise update: @acc followed by @next. */
static void
moments_merge (PsRegMoments *acc, const PsRegMoments *next)
{
  double n, d;

  if (next->n == 0)
    return;
  if (acc->n == 0)
    {
      *acc = *next;
      return;
    }
  n = acc->n + next->n;
  d = next->mean - acc->mean;
  acc->mean += d * (next->n / n);
  acc->m2 += next->m2 + d * d * (acc->n * next->n / n);
  acc->n = n;
}

double
ps_reg_moments_sd (const PsRegMoments *s)
{
  return s->n > 1 ? sqrt (s->m2 / (s->n - 1)) : NAN;
}

double
ps_regression_k_n (guint64 n)
{
  return ps_annex_d_k_n (n, 0.05, FALSE, NULL);
}

void
ps_regression_characteristic (const PsRegMoments *x, const PsRegMoments *ln_x, double *normal,
                              double *lognormal)
{
  PsAnnexDOptions o;
  PsAnnexDResult r;
  gboolean logs = ln_x != NULL && ln_x->n == x->n;

  ps_annex_d_options_init (&o);
  ps_annex_d_compute ((guint64)x->n, x->mean, ps_reg_moments_sd (x), logs ? ln_x->mean : NAN,
                      logs ? ps_reg_moments_sd (ln_x) : NAN, &o, &r);
  *normal = r.characteristic.normal;
  *lognormal = r.characteristic.lognormal;
  ps_annex_d_result_clear (&r);
}

static PsCountUnit
reg_count_items (const PsStudy *study, guint64 items, guint64 *count)
{
  *count = items;
  return PS_COUNT_SPECIMENS;
}

static guint64
reg_chunk_items (const PsStudy *study)
{
  const PsRegressionModel *m = study->model;
  double per_item;

  if (m->source == PS_REG_SOURCE_SYNTHETIC)
    per_item = (double)m->points;
  else
    per_item = (double)m->total_bytes / (double)MAX (m->n_specimens, 1) / 24.0;
  return (guint64)CLAMP (CHUNK_POINTS / MAX (per_item, 1.0), 1.0, (double)CHUNK_MAX_ITEMS);
}

static void
reg_summary_init (const PsStudy *study, gpointer summary)
{
  PsRegressionSummary *s = summary;

  memset (s, 0, sizeof *s);
  s->E_min = INFINITY;
  s->E_max = -INFINITY;
  for (guint k = 0; k < PS_ISO_MAX_QUANTITIES; k++)
    {
      s->iso[k].min = INFINITY;
      s->iso[k].max = -INFINITY;
    }
}

static void
hist_add (const PsRegressionModel *m, PsRegressionSummary *s, double E)
{
  double b;

  if (m->hist_linear)
    b = (E - m->hist_from) / (m->hist_to - m->hist_from) * m->hist_bins;
  else
    b = (log10 (E) - PS_REG_HIST_LOG_MIN) * PS_REG_HIST_PER_DECADE;
  if (!(b >= 0))
    s->hist_below++;
  else if (b >= (m->hist_linear ? m->hist_bins : PS_REG_HIST_BINS))
    s->hist_above++;
  else
    s->hist[(gsize)b]++;
}

static void
summary_add (const PsRegressionModel *m, PsRegressionSummary *s, const PsSpecimenFit *f)
{
  s->fitted++;
  moments_add (&s->E, f->E);
  moments_add (&s->ln_E, log (f->E));
  s->E_min = MIN (s->E_min, f->E);
  s->E_max = MAX (s->E_max, f->E);
  hist_add (m, s, f->E);
  moments_add (&s->ultimate, f->ultimate);
  if (f->ultimate > 0)
    moments_add (&s->ln_ultimate, log (f->ultimate));
  else
    s->nonpositive_ultimate++;
  if (f->has_yield)
    {
      moments_add (&s->yield, f->yield);
      if (f->yield > 0)
        moments_add (&s->ln_yield, log (f->yield));
      else
        s->nonpositive_yield++;
    }
  else
    s->yield_none++;
}

void
ps_regression_summary_add (const PsRegressionModel *m, PsRegressionSummary *s,
                           const PsSpecimenFit *fit)
{
  summary_add (m, s, fit);
}

static void
stat_add (PsRegStat *st, double v)
{
  moments_add (&st->x, v);
  if (v > 0)
    moments_add (&st->ln_x, log (v));
  else
    st->nonpositive++;
  st->min = MIN (st->min, v);
  st->max = MAX (st->max, v);
}

static void
stat_merge (PsRegStat *acc, const PsRegStat *next)
{
  moments_merge (&acc->x, &next->x);
  moments_merge (&acc->ln_x, &next->ln_x);
  acc->nonpositive += next->nonpositive;
  acc->min = MIN (acc->min, next->min);
  acc->max = MAX (acc->max, next->max);
}

/* A specimen the ISO 6892-1 analysis succeeded on: the window fit's statistics when
 * the window fit succeeded too (the chord and tangent moduli do without it), and
 * each quantity that was determined. */
static void
summary_add_iso (const PsRegressionModel *m, PsRegressionSummary *s, const PsSpecimenFit *f,
                 const PsIsoResult *r)
{
  PsIsoQuantity q[PS_ISO_MAX_QUANTITIES];
  guint nq = ps_iso6892_quantities (&m->iso_params, r, q);

  if (r->window_status == PS_REG_OK)
    summary_add (m, s, f);
  else
    s->fitted++;
  for (guint k = 0; k < nq; k++)
    if (is_finite (q[k].value))
      stat_add (&s->iso[k], q[k].value);
  s->iso_yield_point += r->has_yield_point != 0;
  s->iso_fracture += r->has_fracture != 0;
  s->iso_toe += (r->notes & PS_ISO_NOTE_TOE) != 0;
}

/* Appends @text to the row at @p as one quoted CSV field (a line break as a space). */
static char *
put_quoted (char *p, const char *text)
{
  *p++ = '"';
  for (const char *e = text; *e; e++)
    {
      if (*e == '"')
        *p++ = '"';
      *p++ = *e == '\n' || *e == '\r' ? ' ' : *e;
    }
  *p++ = '"';
  return p;
}

static inline char *
put_number (char *p, double v)
{
  /* Empty where there is no value: an unfitted specimen, no yield, not determined. */
  if (is_finite (v))
    p = ps_fmt_double (p, v);
  *p++ = ',';
  return p;
}

/* The row of specimen @item: the window fit @f (when @err is PS_REG_OK), then in a
 * study with the ISO 6892-1 analysis its quantities @ir (NULL: empty) and @notes,
 * then the reason and message of a specimen that could not be fitted. */
static void
write_row (const PsRegressionModel *m, PsBuf *rows, guint64 item, const PsSpecimenFit *f,
           const PsIsoResult *ir, PsRegError err, const char *msg, const char *notes)
{
  const char *name = m->source != PS_REG_SOURCE_SYNTHETIC ? m->specimens[item].csv : NULL;
  gsize ln = name != NULL ? strlen (name) : 0;
  gsize lm = msg != NULL ? strlen (msg) : 0;
  gsize lnotes = notes != NULL ? strlen (notes) : 0;
  char *p = ps_buf_reserve (rows, 160 + ln + 2 * lm + 2 * lnotes
                                      + (16 + (m->iso ? m->n_iso + 4 : 0)) * PS_FMT_MAX);
  char *start = p;
  gboolean window_ok = err == PS_REG_OK && (ir == NULL || ir->window_status == PS_REG_OK);
  double v[] = { f->E,
                 f->E_se,
                 f->sigma0,
                 f->sigma0_se,
                 f->r2,
                 f->window_from,
                 f->window_to,
                 f->yield,
                 f->yield_strain,
                 f->ultimate,
                 f->ultimate_strain,
                 f->break_strain };

  p = ps_fmt_u64 (p, item);
  *p++ = ',';
  if (name != NULL)
    memcpy (p, name, ln), p += ln;
  else
    p = ps_fmt_u64 (p, item);
  *p++ = ',';
  p = ps_fmt_u64 (p, f->points);
  *p++ = ',';
  p = ps_fmt_u64 (p, f->window_points);
  *p++ = ',';
  for (guint k = 0; k < G_N_ELEMENTS (v); k++)
    p = put_number (p, window_ok ? v[k] : NAN);
  if (m->iso)
    {
      PsIsoQuantity q[PS_ISO_MAX_QUANTITIES];
      guint nq = 0;

      if (err == PS_REG_OK && ir != NULL)
        nq = ps_iso6892_quantities (&m->iso_params, ir, q);
      p = put_number (p, nq > 0 ? q[0].value : NAN);
      p = put_number (p, nq > 0 ? ir->E_se : NAN);
      p = put_number (p, nq > 0 ? ir->E_r2 : NAN);
      for (guint k = 1; k < m->n_iso; k++)
        p = put_number (p, k < nq ? q[k].value : NAN);
      p = put_number (p, nq > 0 ? ir->toe_strain : NAN);
      if (nq > 0)
        *p++ = ir->notes & PS_ISO_NOTE_TOE ? '1' : '0';
      *p++ = ',';
      if (notes != NULL)
        p = put_quoted (p, notes);
      *p++ = ',';
    }
  if (err != PS_REG_OK)
    {
      const char *r = reason_names[err];
      gsize lr = strlen (r);

      memcpy (p, r, lr), p += lr;
      *p++ = ',';
      p = put_quoted (p, msg);
    }
  else
    *p++ = ',';
  *p++ = '\n';
  rows->len += (gsize)(p - start);
}

void
ps_regression_write_fit_row (const PsRegressionModel *m, PsBuf *rows, guint64 item,
                             const PsSpecimenFit *fit)
{
  write_row (m, rows, item, fit, NULL, PS_REG_OK, NULL, NULL);
}

static char *
fit_error_message (const PsRegressionModel *m, const Workspace *ws, guint64 item,
                   const PsSpecimenFit *f, PsRegError err)
{
  g_autofree char *where = NULL;
  char from[G_ASCII_DTOSTR_BUF_SIZE], to[G_ASCII_DTOSTR_BUF_SIZE];

  if (m->source == PS_REG_SOURCE_SYNTHETIC)
    where = g_strdup_printf ("specimen %" G_GUINT64_FORMAT, item);
  else if (err != PS_REG_ERR_TOO_FEW && f->bad_point < f->points)
    where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, m->specimens[item].display,
                             ws->line[f->bad_point]);
  else
    where = g_strdup (m->specimens[item].display);
  g_ascii_formatd (from, sizeof from, "%g", m->from);
  g_ascii_formatd (to, sizeof to, "%g", m->to);
  switch (err)
    {
    case PS_REG_ERR_TOO_FEW:
      if (m->window == PS_REG_WINDOW_AUTO)
        return g_strdup_printf ("%s: no auto window holds %u points (%" G_GUINT64_FORMAT
                                " points in all)",
                                where, m->min_points, f->points);
      return g_strdup_printf (
          "%s: %" G_GUINT64_FORMAT " points in the elastic window (%s %s to "
          "%s%s), at least %u needed",
          where, f->window_points, m->window == PS_REG_WINDOW_STRAIN ? "strain" : "stress", from,
          to, m->window == PS_REG_WINDOW_STRESS ? " of the maximum" : "", m->min_points);
    case PS_REG_ERR_NON_FINITE:
      return g_strdup_printf ("%s: a value is not a finite number", where);
    case PS_REG_ERR_NOT_INCREASING:
      if (f->bad_point < f->points && f->bad_point > 0)
        {
          double top = ws->x[0];
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], t[G_ASCII_DTOSTR_BUF_SIZE];

          for (guint64 i = 1; i < f->bad_point; i++)
            top = MAX (top, ws->x[i]);
          if (ws->x[f->bad_point] < top - m->strain_tol)
            return g_strdup_printf ("%s: the strain falls in the elastic window, to %s after %s, "
                                    "by more than fit.strain_tolerance (%s)",
                                    where,
                                    g_ascii_formatd (b, sizeof b, "%.6g", ws->x[f->bad_point]),
                                    g_ascii_formatd (a, sizeof a, "%.6g", top),
                                    g_ascii_formatd (t, sizeof t, "%g", m->strain_tol));
        }
      return g_strdup_printf ("%s: the strain does not increase in the elastic window", where);
    case PS_REG_ERR_MODULUS:
      return g_strdup_printf ("%s: the fitted modulus is not positive", where);
    default:
      return g_strdup_printf ("%s: %s", where, reason_names[err]);
    }
}

/* Why the ISO 6892-1 analysis found no modulus where the window fit did (or did not
 * matter): its own points are missing. In English, as every results message. */
static char *
iso_error_message (const PsRegressionModel *m, guint64 item, PsRegError err)
{
  const PsIsoParams *p = &m->iso_params;
  const char *where = m->source == PS_REG_SOURCE_SYNTHETIC ? NULL : m->specimens[item].display;
  g_autofree char *who
      = where != NULL ? g_strdup (where) : g_strdup_printf ("specimen %" G_GUINT64_FORMAT, item);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  const char *unit = p->chord_axis == PS_ISO_AT_STRAIN ? "" : " MPa";
  double scale = p->chord_axis == PS_ISO_AT_STRAIN ? 1.0 : 1e-6;

  if (err == PS_REG_ERR_MODULUS)
    return g_strdup_printf ("%s: the %s modulus is not positive", who,
                            ps_iso6892_modulus_name (p->modulus));
  switch (p->modulus)
    {
    case PS_ISO_MODULUS_CHORD:
      return g_strdup_printf ("%s: the chord modulus (ASTM E111) needs the curve to reach %s%s "
                              "and %s%s before the maximum force",
                              who, g_ascii_formatd (a, sizeof a, "%g", p->chord_from * scale), unit,
                              g_ascii_formatd (b, sizeof b, "%g", p->chord_to * scale), unit);
    case PS_ISO_MODULUS_TANGENT:
      return g_strdup_printf ("%s: fewer than 3 points within %s %% of %s%s for the tangent "
                              "modulus (ASTM E111)",
                              who, g_ascii_formatd (a, sizeof a, "%g", 100 * p->tangent_band),
                              g_ascii_formatd (b, sizeof b, "%g", p->tangent_at * scale), unit);
    default:
      return g_strdup_printf ("%s: ISO 6892-1 Annex G found no modulus: Rp0.2 not reached, or "
                              "fewer than 3 points between %s %% and %s %% of it",
                              who, g_ascii_formatd (a, sizeof a, "%g", 100 * p->annex_g_lo),
                              g_ascii_formatd (b, sizeof b, "%g", 100 * p->annex_g_hi));
    }
}

static void
reg_eval (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end, gpointer summary,
          PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  const PsRegressionModel *m = study->model;
  PsRegressionSummary *s = summary;
  Workspace *ws = workspace;

  for (guint64 item = begin; item < end; item++)
    {
      PsSpecimenFit f;
      PsIsoResult ir;
      PsRegError err;
      char *msg = NULL;
      gsize n = 0;

      s->specimens++;
      if (m->source == PS_REG_SOURCE_SYNTHETIC)
        {
          n = (gsize)m->points;
          if (!ps_regression_generate (m, item, ws->x, ws->y, ws->u))
            {
              memset (&f, 0, sizeof f);
              f.points = n;
              err = PS_REG_ERR_PARAMS;
              msg = g_strdup_printf ("specimen %" G_GUINT64_FORMAT ": a drawn E, yield stress or "
                                     "noise sd is not positive",
                                     item);
            }
          else
            err = PS_REG_OK;
        }
      else
        {
          err = read_specimen (m, ws, item, &n, &msg);
          if (err != PS_REG_OK)
            {
              memset (&f, 0, sizeof f);
              f.points = n;
            }
        }
      if (err == PS_REG_OK && !m->iso)
        err = ps_regression_fit (m, ws->x, ws->y, n, &f);
      else if (err == PS_REG_OK)
        {
          int method = m->iso_params.modulus;

          err = ps_iso_analyse_fit (&m->iso_params, ws->x, ws->y, n, &ir, &f);
          /* The chord and tangent moduli fail for want of their own points; Annex G
           * for want of its own after the window (its first guess) succeeded; else it
           * is the window fit's failure, told as without the analysis. */
          if (err != PS_REG_OK && err != PS_REG_ERR_NON_FINITE
              && (method == PS_ISO_MODULUS_CHORD || method == PS_ISO_MODULUS_TANGENT
                  || ir.window_status == PS_REG_OK))
            msg = iso_error_message (m, item, err);
          else if (err != PS_REG_OK)
            f.bad_point = ir.bad_point;
        }
      s->points += n;
      if (err == PS_REG_OK)
        {
          char *notes = NULL;

          if (!m->iso)
            summary_add (m, s, &f);
          else
            {
              summary_add_iso (m, s, &f, &ir);
              notes = ps_iso6892_notes_text (&m->iso_params, &ir);
            }
          if (mode != PS_ROWS_NONE)
            write_row (m, rows, item, &f, m->iso ? &ir : NULL, err, NULL, notes);
          g_free (notes);
          continue;
        }
      if (msg == NULL)
        msg = fit_error_message (m, ws, item, &f, err);
      s->failed[err]++;
      if (mode == PS_ROWS_ALL)
        write_row (m, rows, item, &f, NULL, err, msg, NULL);
      ps_errors_add (errors, item, msg);
    }
}

static void
reg_merge (const PsStudy *study, gpointer acc_p, gconstpointer next_p)
{
  PsRegressionSummary *acc = acc_p;
  const PsRegressionSummary *next = next_p;

  acc->specimens += next->specimens;
  acc->fitted += next->fitted;
  for (int r = 0; r < PS_REG_N_REASONS; r++)
    acc->failed[r] += next->failed[r];
  acc->yield_none += next->yield_none;
  acc->points += next->points;
  moments_merge (&acc->E, &next->E);
  moments_merge (&acc->yield, &next->yield);
  moments_merge (&acc->ultimate, &next->ultimate);
  moments_merge (&acc->ln_E, &next->ln_E);
  moments_merge (&acc->ln_yield, &next->ln_yield);
  moments_merge (&acc->ln_ultimate, &next->ln_ultimate);
  acc->nonpositive_yield += next->nonpositive_yield;
  acc->nonpositive_ultimate += next->nonpositive_ultimate;
  acc->E_min = MIN (acc->E_min, next->E_min);
  acc->E_max = MAX (acc->E_max, next->E_max);
  acc->hist_below += next->hist_below;
  acc->hist_above += next->hist_above;
  for (int k = 0; k < PS_REG_HIST_BINS; k++)
    acc->hist[k] += next->hist[k];
  for (guint k = 0; k < PS_ISO_MAX_QUANTITIES; k++)
    stat_merge (&acc->iso[k], &next->iso[k]);
  acc->iso_yield_point += next->iso_yield_point;
  acc->iso_fracture += next->iso_fracture;
  acc->iso_toe += next->iso_toe;
}

static void
reg_write_header (const PsStudy *study, PsBuf *buf)
{
  static const char header[]
      = "item,specimen,points,window_points,E_Pa,E_se_Pa,sigma0_Pa,sigma0_se_Pa,r2,"
        "window_strain_from,window_strain_to,yield_Pa,yield_strain,ultimate_Pa,ultimate_strain,"
        "break_strain,";
  static const char tail[] = "error_reason,error\n";
  const PsRegressionModel *m = study->model;

  ps_buf_append (buf, header, sizeof header - 1);
  if (m->iso)
    {
      char col[48];

      /* The ISO 6892-1 quantities (ps_iso6892_quantities ()), E with its standard
       * error and R^2 first, then the toe compensation and the notes. */
      for (guint k = 0; k < m->n_iso; k++)
        {
          ps_regression_iso_column (m, k, col, sizeof col);
          ps_buf_append (buf, col, strlen (col));
          ps_buf_append (buf, ",", 1);
          if (k == 0)
            ps_buf_append (buf, "E_iso_se_Pa,E_iso_r2,", strlen ("E_iso_se_Pa,E_iso_r2,"));
        }
      ps_buf_append (buf, "toe_strain,toe_compensated,notes,",
                     strlen ("toe_strain,toe_compensated,notes,"));
    }
  ps_buf_append (buf, tail, sizeof tail - 1);
}

static const char *
window_name (PsRegWindow w)
{
  switch (w)
    {
    case PS_REG_WINDOW_STRAIN:
      return "strain";
    case PS_REG_WINDOW_STRESS:
      return "stress";
    default:
      return "auto";
    }
}

static const char *
source_name (PsRegSource s)
{
  switch (s)
    {
    case PS_REG_SOURCE_FOLDER:
      return "csv-folder";
    case PS_REG_SOURCE_FILE:
      return "csv-file";
    case PS_REG_SOURCE_ONE_FILE:
      return "csv-one-file";
    default:
      return "synthetic";
    }
}

/* The statistics of one quantity (unit, n, mean, sd, V_X, the EN 1990 Annex D
 * characteristic and design values, CoV, and min and max when given) as members of
 * the object being built. @nonpositive values leave the lognormal undefined. */
static void
statistics_members (const PsRegressionModel *m, JsonBuilder *b, const char *unit,
                    const PsRegMoments *x, const PsRegMoments *ln_x, guint64 nonpositive,
                    double min, double max)
{
  double sd = ps_reg_moments_sd (x);
  gboolean logs = nonpositive == 0 && ln_x->n == x->n;
  PsAnnexDResult r;

  ps_annex_d_compute ((guint64)x->n, x->n > 0 ? x->mean : NAN, sd, logs ? ln_x->mean : NAN,
                      logs ? ps_reg_moments_sd (ln_x) : NAN, &m->annex, &r);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit);
  ps_annex_d_to_json (b, &m->annex, &r);
  ps_json_add_number (b, "cov", sd / x->mean);
  /* Y = ln X, from which the lognormal values are computed (D7.2), for a checker. */
  ps_json_add_number (b, "ln_mean", logs && ln_x->n > 0 ? ln_x->mean : NAN);
  ps_json_add_number (b, "ln_sd", logs ? ps_reg_moments_sd (ln_x) : NAN);
  if (!isnan (min))
    {
      ps_json_add_number (b, "min", x->n > 0 ? min : NAN);
      ps_json_add_number (b, "max", x->n > 0 ? max : NAN);
    }
  ps_annex_d_result_clear (&r);
}

static void
add_statistics (const PsRegressionModel *m, JsonBuilder *b, const char *name, const PsRegMoments *x,
                const PsRegMoments *ln_x, guint64 nonpositive)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  statistics_members (m, b, "Pa", x, ln_x, nonpositive, NAN, NAN);
  json_builder_end_object (b);
}

/* How the characteristic (and design) values were found, for summary.json. */
static char *
characteristic_method (const PsRegressionModel *m)
{
  char p[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean known = m->annex.vx != PS_ANNEX_D_VX_UNKNOWN;

  g_ascii_formatd (p, sizeof p, "%g", m->annex.fractile);
  return g_strdup_printf (
      "EN 1990:2002 Annex D, D7.2: X_k = m_X (1 - k_n V_X) (normal) and exp(m_Y - k_n %s) with "
      "Y = ln X (lognormal), fractile %s, V_X %s; k_n %s%s",
      known ? "sigma_Y, sigma_Y = sqrt(ln(V_X^2 + 1))" : "s_Y", p,
      m->annex.vx == PS_ANNEX_D_VX_UNKNOWN        ? "unknown (from the sample)"
      : m->annex.vx == PS_ANNEX_D_VX_KNOWN_SAMPLE ? "known (taken as the sample's)"
                                                  : "known (given)",
      fabs (m->annex.fractile - 0.05) < 1e-12
          ? "from Table D1 at its sizes (n = 1 to 30 and infinity) and between them from the "
            "formula the table is computed from, "
          : "from the formula of Table D1 for this fractile, ",
      known ? "u_(1-p) sqrt(1 + 1/n)" : "t_(n-1; 1-p) sqrt(1 + 1/n) (Student's t)");
}

static double
log_edge (guint64 k)
{
  return pow (10.0, PS_REG_HIST_LOG_MIN + (double)k / PS_REG_HIST_PER_DECADE);
}

static void
add_histogram (const PsRegressionModel *m, const PsRegressionSummary *s, JsonBuilder *b)
{
  json_builder_set_member_name (b, "histogram_E");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, "Pa");
  if (m->hist_linear)
    {
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, "linear bins from the study file (histogram.from, .to, "
                                        ".bins); bin k covers [edge k, edge k+1)");
      json_builder_set_member_name (b, "edges");
      json_builder_begin_array (b);
      for (guint k = 0; k <= m->hist_bins; k++)
        json_builder_add_double_value (
            b, m->hist_from + (m->hist_to - m->hist_from) * (double)k / m->hist_bins);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_array (b);
      for (guint k = 0; k < m->hist_bins; k++)
        json_builder_add_int_value (b, (gint64)s->hist[k]);
      json_builder_end_array (b);
    }
  else
    {
      guint64 lo = 0, hi = 0, group;
      gboolean any = FALSE;

      for (guint64 k = 0; k < PS_REG_HIST_BINS; k++)
        if (s->hist[k] > 0)
          {
            if (!any)
              lo = k;
            hi = k;
            any = TRUE;
          }
      group = any ? (hi - lo + PS_REG_HIST_REPORTED) / PS_REG_HIST_REPORTED : 1;
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (
          b, "fixed logarithmic bins, 1000 per decade from 1e6 Pa to 1e13 Pa (fine bin j covers "
             "[10^(6 + j/1000), 10^(6 + (j+1)/1000)) Pa), counted during the run; the occupied "
             "fine bins are reported in groups of equal logarithmic width, at most 40");
      json_builder_set_member_name (b, "fine_bins_per_group");
      json_builder_add_int_value (b, (gint64)group);
      json_builder_set_member_name (b, "edges");
      json_builder_begin_array (b);
      for (guint64 k = lo; any && k <= hi + 1; k += group)
        json_builder_add_double_value (b, log_edge (k));
      if (any && (hi + 1 - lo) % group != 0)
        json_builder_add_double_value (b, log_edge (lo + ((hi + 1 - lo) / group + 1) * group));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_array (b);
      for (guint64 k = lo; any && k <= hi; k += group)
        {
          guint64 c = 0;

          for (guint64 j = k; j < k + group && j < PS_REG_HIST_BINS; j++)
            c += s->hist[j];
          json_builder_add_int_value (b, (gint64)c);
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "below");
  json_builder_add_int_value (b, (gint64)s->hist_below);
  json_builder_set_member_name (b, "above");
  json_builder_add_int_value (b, (gint64)s->hist_above);
  json_builder_end_object (b);
}

/* The ISO 6892-1 analysis: its options, its counts and the statistics of each of
 * its quantities. */
static void
add_iso (const PsRegressionModel *m, const PsRegressionSummary *s, JsonBuilder *b)
{
  const PsIsoParams *p = &m->iso_params;

  json_builder_set_member_name (b, "iso6892");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "modulus_method");
  json_builder_add_string_value (b, ps_iso6892_modulus_name (p->modulus));
  json_builder_set_member_name (b, "offsets");
  json_builder_begin_array (b);
  for (int k = 0; k < p->n_offsets; k++)
    json_builder_add_double_value (b, p->offsets[k]);
  json_builder_end_array (b);
  ps_json_add_number (b, "total_extension", p->rt_total);
  json_builder_set_member_name (b, "toe_compensation");
  json_builder_add_boolean_value (b, p->toe_compensation);
  json_builder_set_member_name (b, "fracture");
  json_builder_begin_object (b);
  ps_json_add_number (b, "drop", p->fracture_drop);
  json_builder_set_member_name (b, "points");
  json_builder_add_int_value (b, p->fracture_points);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "specimens_with_yield_point");
  json_builder_add_int_value (b, (gint64)s->iso_yield_point);
  json_builder_set_member_name (b, "specimens_with_fracture");
  json_builder_add_int_value (b, (gint64)s->iso_fracture);
  json_builder_set_member_name (b, "specimens_toe_compensated");
  json_builder_add_int_value (b, (gint64)s->iso_toe);
  json_builder_set_member_name (b, "quantities");
  json_builder_begin_object (b);
  for (guint k = 0; k < m->n_iso; k++)
    {
      const PsRegStat *st = &s->iso[k];

      json_builder_set_member_name (b, m->iso_names[k]);
      json_builder_begin_object (b);
      statistics_members (m, b, m->iso_units[k], &st->x, &st->ln_x, st->nonpositive, st->min,
                          st->max);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
reg_summary_to_json (const PsStudy *study, gconstpointer summary, JsonBuilder *b)
{
  const PsRegressionModel *m = study->model;
  const PsRegressionSummary *s = summary;
  guint64 failed = 0;

  for (int r = 1; r < PS_REG_N_REASONS; r++)
    failed += s->failed[r];
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source_name (m->source));
  if (m->source != PS_REG_SOURCE_SYNTHETIC)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, m->path);
    }
  else
    {
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, (gint64)m->seed);
    }
  json_builder_set_member_name (b, "window");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, window_name (m->window));
  if (m->window != PS_REG_WINDOW_AUTO)
    {
      ps_json_add_number (b, "from", m->from);
      ps_json_add_number (b, "to", m->to);
    }
  else
    {
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, "of the stress windows [a, a + 0.30] of the maximum "
                                        "stress, a = 0.05, 0.10, ..., 0.50, before the maximum, "
                                        "the one with the highest R^2 (the lowest on a tie)");
    }
  json_builder_end_object (b);
  ps_json_add_number (b, "offset", m->offset);
  json_builder_set_member_name (b, "min_points");
  json_builder_add_int_value (b, m->min_points);
  json_builder_set_member_name (b, "specimens");
  json_builder_add_int_value (b, (gint64)s->specimens);
  json_builder_set_member_name (b, "points");
  json_builder_add_int_value (b, (gint64)s->points);
  json_builder_set_member_name (b, "fitted");
  json_builder_add_int_value (b, (gint64)s->fitted);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, (gint64)failed);
  json_builder_set_member_name (b, "failed_by_reason");
  json_builder_begin_object (b);
  for (int r = 1; r < PS_REG_N_REASONS; r++)
    {
      json_builder_set_member_name (b, reason_names[r]);
      json_builder_add_int_value (b, (gint64)s->failed[r]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "yield_none");
  json_builder_add_int_value (b, (gint64)s->yield_none);
  add_statistics (m, b, "E", &s->E, &s->ln_E, 0);
  ps_json_add_number (b, "E_min", s->E_min);
  ps_json_add_number (b, "E_max", s->E_max);
  add_statistics (m, b, "yield", &s->yield, &s->ln_yield, s->nonpositive_yield);
  add_statistics (m, b, "ultimate", &s->ultimate, &s->ln_ultimate, s->nonpositive_ultimate);
  {
    g_autofree char *method = characteristic_method (m);

    json_builder_set_member_name (b, "characteristic_method");
    json_builder_add_string_value (b, method);
  }
  add_histogram (m, s, b);
  if (m->iso)
    add_iso (m, s, b);
}

/* ---------------------------------------------------------------------------------
 * distributions.json
 * ------------------------------------------------------------------------------ */

/* The quantities distributions.json fits: E, the proof strength and Rm of the window
 * fit, or every quantity of the ISO 6892-1 analysis; their results.csv columns and
 * their statistics in the summary. */
typedef struct
{
  char name[32];
  const char *unit;
  char column[48];
  const PsRegMoments *x, *ln_x;
  guint64 nonpositive;
  GArray *values;
  int at; /* the column's index in results.csv, or -1 */
} DistQuantity;

static guint
dist_quantities (const PsRegressionModel *m, const PsRegressionSummary *s, DistQuantity *q)
{
  guint n = 0;

  if (m->iso)
    {
      for (guint k = 0; k < m->n_iso; k++, n++)
        {
          g_strlcpy (q[n].name, m->iso_names[k], sizeof q[n].name);
          q[n].unit = m->iso_units[k];
          ps_regression_iso_column (m, k, q[n].column, sizeof q[n].column);
          q[n].x = &s->iso[k].x;
          q[n].ln_x = &s->iso[k].ln_x;
          q[n].nonpositive = s->iso[k].nonpositive;
        }
      return n;
    }
  q[0] = (DistQuantity){ "E", "Pa", "E_Pa", &s->E, &s->ln_E, 0, NULL, -1 };
  q[1] = (DistQuantity){ "",   "Pa", "yield_Pa", &s->yield, &s->ln_yield, s->nonpositive_yield,
                         NULL, -1 };
  ps_iso6892_rp_name (m->offset, q[1].name, sizeof q[1].name);
  q[2] = (DistQuantity){
    "Rm", "Pa", "ultimate_Pa", &s->ultimate, &s->ln_ultimate, s->nonpositive_ultimate, NULL, -1
  };
  return 3;
}

/* The next record of results.csv into @rec: a line, or more than one where a quoted
 * field holds a line break (a specimen's name may). FALSE at the end. */
static gboolean
next_record (FILE *f, GString *rec, char **buf, size_t *cap)
{
  ssize_t len;
  guint quotes = 0;

  g_string_truncate (rec, 0);
  while ((len = getline (buf, cap, f)) > 0)
    {
      for (ssize_t i = 0; i < len; i++)
        quotes += (*buf)[i] == '"';
      g_string_append_len (rec, *buf, len);
      if (quotes % 2 == 0)
        break;
    }
  while (rec->len > 0 && (rec->str[rec->len - 1] == '\n' || rec->str[rec->len - 1] == '\r'))
    g_string_truncate (rec, rec->len - 1);
  return len > 0 || rec->len > 0;
}

/* Every specimen's value of each quantity, read back from the run's results.csv (the
 * same file, byte for byte, on every backend). FALSE when it is not there. */
static gboolean
read_results_values (const PsRegressionModel *m, const char *path, DistQuantity *q, guint nq)
{
  FILE *f = fopen (path, "rb");
  g_autoptr (GString) rec = g_string_new (NULL);
  char *buf = NULL;
  size_t cap = 0;
  int n_cols = 0;

  if (f == NULL)
    return FALSE;
  if (next_record (f, rec, &buf, &cap))
    {
      const char *p = rec->str, *end = rec->str + rec->len, *fl, *fe;

      for (int k = 0; p != NULL; k++, n_cols++)
        {
          p = ps_csv_next_field (p, end, ',', &fl, &fe);
          for (guint j = 0; j < nq; j++)
            if ((gsize)(fe - fl) == strlen (q[j].column) && memcmp (fl, q[j].column, fe - fl) == 0)
              q[j].at = k;
        }
    }
  while (next_record (f, rec, &buf, &cap))
    {
      const char *p = rec->str, *end = rec->str + rec->len, *fl, *fe;

      for (int k = 0; p != NULL && k < n_cols; k++)
        {
          p = ps_csv_next_field (p, end, ',', &fl, &fe);
          for (guint j = 0; j < nq; j++)
            {
              double v;

              if (q[j].at == k
                  && ps_csv_parse_double (fl, fe, '.', m->c_locale, &v) == PS_CSV_NUMBER)
                g_array_append_val (q[j].values, v);
            }
        }
    }
  free (buf);
  fclose (f);
  return TRUE;
}

/* distributions.json (ps-distfit.h) for a reliability study's "from_tests": from
 * every specimen's value in results.csv, or, in a run that wrote no results.csv, the
 * normal and lognormal from the merged moments. Either way the same bytes on every
 * backend and worker count. */
static gboolean
reg_write_outputs (const PsStudy *study, gconstpointer summary, const char *dir, GError **error)
{
  const PsRegressionModel *m = study->model;
  const PsRegressionSummary *s = summary;
  g_autofree char *results = g_build_filename (dir, "results.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "distributions.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;
  DistQuantity q[PS_ISO_MAX_QUANTITIES];
  guint nq = dist_quantities (m, s, q);
  int prefer = m->lognormal ? PS_FIT_LOGNORMAL : PS_FIT_NORMAL;

  for (guint j = 0; j < nq; j++)
    {
      q[j].values = g_array_new (FALSE, FALSE, sizeof (double));
      q[j].at = -1;
    }
  if (read_results_values (m, results, q, nq))
    {
      PsDistfitQuantity dq[PS_ISO_MAX_QUANTITIES];

      for (guint j = 0; j < nq; j++)
        dq[j] = (PsDistfitQuantity){ q[j].name, q[j].unit, (const double *)q[j].values->data,
                                     q[j].values->len };
      text = ps_distfit_to_json (dq, nq, prefer);
    }
  else
    {
      PsDistfitMoments dm[PS_ISO_MAX_QUANTITIES];

      for (guint j = 0; j < nq; j++)
        dm[j] = (PsDistfitMoments){
          q[j].name,       q[j].unit,    (guint64)q[j].x->n,
          q[j].x->mean,    q[j].x->m2,   q[j].nonpositive == 0 ? (guint64)q[j].ln_x->n : 0,
          q[j].ln_x->mean, q[j].ln_x->m2
        };
      text = ps_distfit_moments_to_json (dm, nq, prefer);
    }
  for (guint j = 0; j < nq; j++)
    g_array_unref (q[j].values);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

extern const char ps_embedded_example_regression[];

static const char *const top_level_keys[]
    = { "parastudy", "kind",           "name",      "description", "source",
        "fit",       "characteristic", "histogram", NULL };
static const char *const output_files[] = { "distributions.json", NULL };
static const PsReportChart report_charts[] = {
  { "E-histogram", NULL },
  { "specimen", NULL },
  { NULL, NULL },
};

const PsKindClass ps_regression_class = {
  .name = "regression",
  .label = N_ ("Regression"),
  .title_new = N_ ("New regression study"),
  .summary_title = N_ ("%s (regression study)"),
  .top_level_keys = top_level_keys,
  .init = regression_init,
  .example = ps_embedded_example_regression,
  .summary_size = sizeof (PsRegressionSummary),
  .chunk_items = reg_chunk_items,
  .count_items = reg_count_items,
  .workspace_new = reg_workspace_new,
  .workspace_free = reg_workspace_free,
  .summary_init = reg_summary_init,
  .eval = reg_eval,
  .merge = reg_merge,
  .write_header = reg_write_header,
  .summary_to_json = reg_summary_to_json,
  .write_outputs = reg_write_outputs,
  .output_files = output_files,
  .summary_rows = ps_regression_summary_rows,
  .chart_data_file = "results.csv",
  .charts = ps_regression_charts,
  .chart_build = ps_regression_chart_build,
  .item_figures = ps_regression_item_figures,
  .report_inputs = ps_regression_report_inputs,
  .report_charts = report_charts,
  .report_results = ps_regression_report_results,
};
