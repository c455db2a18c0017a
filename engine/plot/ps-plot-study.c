/* ps-plot-study.c: a run directory's data, and the charts of each study kind.
 *
 * Beam charts work from results.csv alone: every parameter column is one axis of
 * the grid, so a chart of output against one parameter, one curve per value of
 * another, fixes every other varying parameter at its middle value (and says so in
 * the title). Reliability charts read convergence.csv and, for the histogram of g,
 * draw the samples again through the engine from the study file.
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/ps-expr.h"
#include "plot/ps-plot-study.h"
#include "ps-error.h"
#include "rng/ps-dist.h"
#include "rng/ps-philox.h"
#include "studies/regression/ps-regression.h"
#include "studies/reliability/ps-reliability.h"

typedef struct
{
  char *name;
  double *num; /* NAN where not a number */
  char **text; /* interned (owned by the chunk), NULL until asked for */
  gboolean is_text;
} Column;

struct _PsRunData
{
  char *dir;
  PsRunView *view;
  JsonObject *summary;     /* the view's */
  const PsKindClass *kind; /* the view's */
  GPtrArray *columns;      /* Column *, results.csv or convergence.csv */
  guint n_rows;
  GStringChunk *strings;
  const PsStudy *study; /* borrowed, or owned_study */
  PsStudy *owned_study;
};

static void
column_free (gpointer p)
{
  Column *c = p;

  g_free (c->name);
  g_free (c->num);
  g_free (c->text);
  g_free (c);
}

void
ps_run_data_free (PsRunData *d)
{
  if (d == NULL)
    return;
  g_free (d->dir);
  ps_run_view_free (d->view);
  g_ptr_array_unref (d->columns);
  g_string_chunk_free (d->strings);
  ps_study_free (d->owned_study);
  g_free (d);
}

/* Splits one CSV line (RFC 4180 quotes) into @fields, in place. */
static guint
split_csv (char *line, char **fields, guint max)
{
  guint n = 0;
  char *p = line;

  while (n < max)
    {
      if (*p == '"')
        {
          char *w = ++p;

          fields[n++] = w;
          while (*p)
            {
              if (*p == '"' && p[1] == '"')
                {
                  *w++ = '"';
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                *w++ = *p++;
            }
          while (*p && *p != ',')
            p++;
          *w = '\0';
        }
      else
        {
          fields[n++] = p;
          while (*p && *p != ',')
            p++;
        }
      if (*p != ',')
        {
          *p = '\0';
          break;
        }
      *p++ = '\0';
    }
  return n;
}

static gboolean
load_csv (PsRunData *d, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  gsize len;
  char *line, *next;
  guint n_cols = 0, lineno = 1, cap = 1024;
  char **fields;

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s", local->message);
      return FALSE;
    }
  line = text;
  next = strchr (line, '\n');
  if (next == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: line 1: no header line"), path);
      return FALSE;
    }
  *next = '\0';
  fields = g_new (char *, 256);
  n_cols = split_csv (line, fields, 256);
  for (guint i = 0; i < n_cols; i++)
    {
      Column *c = g_new0 (Column, 1);

      c->name = g_strdup (g_strstrip (fields[i]));
      c->num = g_new (double, cap);
      c->text = g_new (char *, cap);
      g_ptr_array_add (d->columns, c);
    }
  for (line = next + 1; *line; line = next + 1)
    {
      guint n;

      lineno++;
      next = strchr (line, '\n');
      if (next == NULL)
        next = line + strlen (line) - 1 + (line[0] == '\0');
      else
        *next = '\0';
      if (line[0] == '\0' || line[0] == '\r')
        {
          if (next[1] == '\0' || next <= line)
            break;
          continue;
        }
      n = split_csv (line, fields, 256);
      if (n != n_cols)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("%s: line %u: %u fields, the header has %u"), path, lineno, n, n_cols);
          g_free (fields);
          return FALSE;
        }
      if (d->n_rows == cap)
        {
          cap *= 2;
          for (guint i = 0; i < n_cols; i++)
            {
              Column *c = g_ptr_array_index (d->columns, i);

              c->num = g_renew (double, c->num, cap);
              c->text = g_renew (char *, c->text, cap);
            }
        }
      for (guint i = 0; i < n_cols; i++)
        {
          Column *c = g_ptr_array_index (d->columns, i);
          char *end;
          double v;

          if (fields[i][0] == '\0')
            v = NAN;
          else
            {
              v = g_ascii_strtod (fields[i], &end);
              if (end == fields[i] || (*end != '\0' && *end != '\r'))
                {
                  v = NAN;
                  c->is_text = TRUE;
                }
            }
          c->num[d->n_rows] = v;
          c->text[d->n_rows] = g_string_chunk_insert_const (d->strings, fields[i]);
        }
      d->n_rows++;
      if (next[1] == '\0')
        break;
    }
  g_free (fields);
  return TRUE;
}

PsRunData *
ps_run_data_load (const char *run_dir, GError **error)
{
  g_autoptr (PsRunData) d = g_new0 (PsRunData, 1);

  d->dir = g_strdup (run_dir);
  d->columns = g_ptr_array_new_with_free_func (column_free);
  d->strings = g_string_chunk_new (4096);
  d->view = ps_run_view_load (run_dir, error);
  if (d->view == NULL)
    return NULL;
  d->summary = d->view->summary;
  d->kind = d->view->kind;
  if (d->kind == NULL || d->kind->chart_data_file == NULL)
    {
      g_autofree char *summary = g_build_filename (run_dir, "summary.json", NULL);
      g_autofree char *names = ps_kinds_names_text (FALSE);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: kind: expected %s, got \"%s\""),
                   summary, names, d->view->kind_name);
      return NULL;
    }
  {
    g_autofree char *csv = g_build_filename (run_dir, d->kind->chart_data_file, NULL);

    /* A beam run with --rows none has no results.csv: its charts say so when asked. */
    if (g_file_test (csv, G_FILE_TEST_EXISTS) && !load_csv (d, csv, error))
      return NULL;
  }
  return g_steal_pointer (&d);
}

const char *
ps_run_data_get_kind (const PsRunData *d)
{
  return d->view->kind_name;
}

PsRunView *
ps_run_data_get_view (const PsRunData *d)
{
  return d->view;
}

const char *
ps_run_data_get_dir (const PsRunData *d)
{
  return d->dir;
}

JsonObject *
ps_run_data_get_summary (const PsRunData *d)
{
  return d->summary;
}

gboolean
ps_run_data_check_study (PsRunData *d, const PsStudy *study, GError **error)
{
  const char *sha = json_object_get_string_member_with_default (d->summary, "study_sha256", "");

  if (study->checksum == NULL || !g_str_equal (sha, study->checksum))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s does not hold a run of %s: the run was made from \"%s\" (SHA-256 "
                      "%.12s…), this study file's SHA-256 is %.12s…; run the study again or "
                      "give its own run folder"),
                   d->dir, study->path != NULL ? study->path : study->name,
                   json_object_get_string_member_with_default (d->summary, "study", "?"), sha,
                   study->checksum != NULL ? study->checksum : "?");
      return FALSE;
    }
  d->study = study;
  return TRUE;
}

/* The study, for charts that regenerate data: the one checked, or the file the
 * summary names (when it still has the same checksum). */
static const PsStudy *
get_study (PsRunData *d, GError **error)
{
  const char *file;
  g_autoptr (GError) local = NULL;
  PsStudy *s;

  if (d->study != NULL)
    return d->study;
  file = json_object_get_string_member_with_default (d->summary, "study_file", NULL);
  if (file == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: summary.json names no study file; this chart needs the study"), d->dir);
      return NULL;
    }
  s = ps_study_load_file (file, &local);
  if (s == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("this chart needs the study file %s: %s"),
                   file, local->message);
      return NULL;
    }
  d->owned_study = s;
  if (!ps_run_data_check_study (d, s, error))
    return NULL;
  return s;
}

guint
ps_run_data_get_n_rows (const PsRunData *d)
{
  return d->n_rows;
}

static Column *
find_column (const PsRunData *d, const char *name)
{
  for (guint i = 0; i < d->columns->len; i++)
    {
      Column *c = g_ptr_array_index (d->columns, i);

      if (g_str_equal (c->name, name))
        return c;
    }
  /* "span" finds "span_m", "load" finds "load_N" or "load_N_per_m". */
  for (guint i = 0; i < d->columns->len; i++)
    {
      Column *c = g_ptr_array_index (d->columns, i);
      gsize n = strlen (name);

      if (strncmp (c->name, name, n) == 0 && c->name[n] == '_')
        return c;
    }
  return NULL;
}

gboolean
ps_run_data_has_column (const PsRunData *d, const char *name)
{
  return find_column (d, name) != NULL;
}

const double *
ps_run_data_get_column (PsRunData *d, const char *name)
{
  Column *c = find_column (d, name);

  return c != NULL ? c->num : NULL;
}

const char *const *
ps_run_data_get_text_column (PsRunData *d, const char *name)
{
  Column *c = find_column (d, name);

  return c != NULL ? (const char *const *)c->text : NULL;
}

/* Names and units of the columns. */

typedef struct
{
  const char *column;
  const char *label;
  const char *unit;
} ColumnInfo;

static const ColumnInfo column_info[] = {
  { "material", N_ ("Material"), NULL },
  { "section", N_ ("Section"), NULL },
  { "b_m", N_ ("Width b"), "m" },
  { "h_m", N_ ("Depth h"), "m" },
  { "d_m", N_ ("Diameter d"), "m" },
  { "D_outer_m", N_ ("Outer diameter D"), "m" },
  { "t_m", N_ ("Wall t"), "m" },
  { "A_m2", N_ ("Area A"), "m^2" },
  { "I_m4", N_ ("Second moment I"), "m^4" },
  { "W_m3", N_ ("Section modulus W"), "m^3" },
  { "span_m", N_ ("Span"), "m" },
  { "load_N", N_ ("Load"), "N" },
  { "load_N_per_m", N_ ("Load"), "N/m" },
  { "position_m", N_ ("Load position"), "m" },
  { "mass_kg_per_m", N_ ("Mass"), "kg/m" },
  { "deflection_m", N_ ("Deflection"), "m" },
  { "x_deflection_m", N_ ("Position of max. deflection"), "m" },
  { "moment_N_m", N_ ("Moment"), "N*m" },
  { "x_moment_m", N_ ("Position of max. moment"), "m" },
  { "shear_N", N_ ("Shear"), "N" },
  { "x_shear_m", N_ ("Position of max. shear"), "m" },
  { "stress_Pa", N_ ("Bending stress"), "Pa" },
  { "utilisation", N_ ("Utilisation"), "" },
  { "span_deflection_ratio", N_ ("Span / deflection"), "" },
  { "E_Pa", N_ ("Young's modulus E"), "Pa" },
  { "yield_Pa", N_ ("Yield strength"), "Pa" },
  { "ultimate_Pa", N_ ("Ultimate strength"), "Pa" },
};

static const ColumnInfo *
info_for (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (g_str_equal (column_info[i].column, column))
      return &column_info[i];
  return NULL;
}

static const char *
column_label (const Column *c)
{
  const ColumnInfo *i = info_for (c->name);

  return i != NULL ? _ (i->label) : c->name;
}

static const char *
column_unit (const Column *c)
{
  const ColumnInfo *i = info_for (c->name);

  return i != NULL ? i->unit : "";
}

/* The beam grid's parameter columns, slowest first. */
static const char *const beam_params[]
    = { "material", "section", "b_m",    "h_m",          "d_m",       "D_outer_m",
        "t_m",      "span_m",  "load_N", "load_N_per_m", "position_m" };

static gboolean
is_param (const Column *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (beam_params); i++)
    if (g_str_equal (c->name, beam_params[i]))
      return TRUE;
  return FALSE;
}

static char *
list_columns (const PsRunData *d, gboolean params)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < d->columns->len; i++)
    {
      Column *c = g_ptr_array_index (d->columns, i);

      if (g_str_equal (c->name, "item") || g_str_equal (c->name, "error")
          || g_str_has_prefix (c->name, "pass") || is_param (c) != params)
        continue;
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, c->name);
    }
  return g_string_free (s, FALSE);
}

static Column *
require_column (PsRunData *d, const char *name, gboolean param, GError **error)
{
  Column *c = find_column (d, name);

  if (c == NULL)
    {
      g_autofree char *list = list_columns (d, param);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   param ? _ ("--x/--series: the run has no parameter \"%s\" (available: %s)")
                         : _ ("--y: the run has no output \"%s\" (available: %s)"),
                   name, list);
    }
  return c;
}

/* A row's value of a column as a hashable key: text by pointer (interned), numbers
 * by their bits. */
static inline guint64
row_key (const Column *c, guint row)
{
  if (c->is_text)
    return (guint64)(guintptr)c->text[row];
  {
    double v = c->num[row];
    guint64 k;

    if (isnan (v))
      return G_MAXUINT64;
    memcpy (&k, &v, sizeof k);
    return k;
  }
}

static guint
count_distinct (const Column *c, const guint *rows, guint n)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *keys = g_new (guint64, n);

  for (guint i = 0; i < n; i++)
    {
      keys[i] = row_key (c, rows[i]);
      g_hash_table_add (seen, &keys[i]);
    }
  return g_hash_table_size (seen);
}

static int
cmp_double_ptr (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The middle distinct value of @c over @rows: numbers sorted, text in order of
 * first appearance (grid order). Returns the row holding it. */
static guint
middle_row (const Column *c, const guint *rows, guint n)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *keys = g_new (guint64, n);
  g_autoptr (GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      keys[i] = row_key (c, rows[i]);
      if (!g_hash_table_contains (seen, &keys[i]))
        {
          g_hash_table_add (seen, &keys[i]);
          g_array_append_val (firsts, rows[i]);
        }
    }
  if (!c->is_text)
    {
      g_autofree double *vals = g_new (double, firsts->len);
      double mid;

      for (guint i = 0; i < firsts->len; i++)
        vals[i] = c->num[g_array_index (firsts, guint, i)];
      qsort (vals, firsts->len, sizeof (double), cmp_double_ptr);
      mid = vals[(firsts->len - 1) / 2];
      for (guint i = 0; i < firsts->len; i++)
        if (c->num[g_array_index (firsts, guint, i)] == mid)
          return g_array_index (firsts, guint, i);
    }
  return g_array_index (firsts, guint, (firsts->len - 1) / 2);
}

/* "600 mm" for a row's value of a parameter, in the unit an axis would use. */
static char *
format_value (const Column *c, guint row)
{
  const char *unit = column_unit (c), *prefix = "";
  double v = c->num[row], f;

  if (c->is_text)
    return g_strdup (c->text[row]);
  f = ps_si_prefix (fabs (v), unit, &prefix);
  if (unit == NULL || *unit == '\0')
    return g_strdup_printf ("%.4g", v);
  return g_strdup_printf ("%.4g %s%s", v / f, prefix, g_str_equal (unit, "N*m") ? "N·m" : unit);
}

/* Rows of the beam grid with every varying parameter other than @keep fixed at
 * its middle value, unless fixing it would leave fewer than two values of a kept
 * column. Appends "Depth h = 600 mm" notes to @fixed. */
static guint *
fix_other_params (PsRunData *d, Column *const *keep, guint n_keep, guint *n_rows, GString *fixed)
{
  guint n = d->n_rows;
  guint *rows = g_new (guint, MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    rows[i] = i;
  for (guint p = 0; p < G_N_ELEMENTS (beam_params); p++)
    {
      Column *c = find_column (d, beam_params[p]);
      gboolean kept = FALSE;
      guint mid, m = 0;
      guint *sub;
      gboolean ok = TRUE;

      if (c == NULL || !g_str_equal (c->name, beam_params[p]))
        continue;
      for (guint k = 0; k < n_keep; k++)
        kept |= keep[k] == c;
      if (kept || count_distinct (c, rows, n) <= 1)
        continue;
      mid = middle_row (c, rows, n);
      sub = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        if (row_key (c, rows[i]) == row_key (c, mid))
          sub[m++] = rows[i];
      for (guint k = 0; k < n_keep && ok; k++)
        if (keep[k] != NULL && !keep[k]->is_text && count_distinct (keep[k], rows, n) > 1
            && count_distinct (keep[k], sub, m) < 2)
          ok = FALSE;
      if (!ok)
        {
          g_free (sub);
          continue;
        }
      {
        g_autofree char *v = format_value (c, mid);

        g_string_append_printf (fixed, "%s%s = %s", fixed->len ? ", " : "", column_label (c), v);
      }
      g_free (rows);
      rows = sub;
      n = m;
    }
  *n_rows = n;
  return rows;
}

static int
cmp_rows_by_x (gconstpointer a, gconstpointer b, gpointer user)
{
  const Column *x = user;
  double u = x->num[*(const guint *)a], v = x->num[*(const guint *)b];

  return (u > v) - (u < v);
}

static char *
make_title (const char *main, GString *fixed)
{
  if (fixed->len == 0)
    return g_strdup (main);
  return g_strdup_printf ("%s (%s)", main, fixed->str);
}

static PsChart *
beam_output_vs_param (PsRunData *d, const PsPlotParams *p, GError **error)
{
  Column *x, *y, *s = NULL;
  Column *keep[2];
  g_autoptr (GString) fixed = g_string_new (NULL);
  g_autofree guint *rows = NULL;
  guint n;
  PsChart *chart;
  g_autofree char *title = NULL;

  if ((x = require_column (d, p->x != NULL ? p->x : "span", TRUE, error)) == NULL
      || (y = require_column (d, p->y != NULL ? p->y : "deflection", FALSE, error)) == NULL)
    return NULL;
  if (x->is_text)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--x: \"%s\" is not numeric; use it as --series"), x->name);
      return NULL;
    }
  if (p->series != NULL && (s = require_column (d, p->series, TRUE, error)) == NULL)
    return NULL;
  /* By default one curve per material. */
  if (p->series == NULL)
    s = find_column (d, "material");
  keep[0] = x;
  keep[1] = s;
  rows = fix_other_params (d, keep, 2, &n, fixed);
  chart = ps_chart_new (PS_CHART_XY);
  title = g_strdup_printf (_ ("%s against %s"), column_label (y), column_label (x));
  {
    g_autofree char *t = make_title (title, fixed);

    ps_chart_set_title (chart, t);
  }
  ps_chart_set_axis (chart, PS_AXIS_X, column_label (x), column_unit (x), PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, column_label (y), column_unit (y), PS_SCALE_LINEAR);

  /* One curve per value of the series parameter, in grid order. */
  {
    g_autoptr (GHashTable) groups = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
    g_autofree guint64 *keys = g_new (guint64, MAX (n, 1u));

    for (guint i = 0; i < n; i++)
      {
        GArray *g;

        keys[i] = s != NULL ? row_key (s, rows[i]) : 0;
        g = g_hash_table_lookup (groups, &keys[i]);
        if (g == NULL)
          {
            g = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (groups, &keys[i], g);
            g_ptr_array_add (order, g);
          }
        g_array_append_val (g, rows[i]);
      }
    for (guint k = 0; k < order->len && k < 24; k++)
      {
        GArray *g = g_ptr_array_index (order, k);
        g_autofree double *xs = g_new (double, g->len);
        g_autofree double *ys = g_new (double, g->len);
        g_autofree char *name = NULL;
        int id;

        g_array_sort_with_data (g, cmp_rows_by_x, x);
        for (guint i = 0; i < g->len; i++)
          {
            xs[i] = x->num[g_array_index (g, guint, i)];
            ys[i] = y->num[g_array_index (g, guint, i)];
          }
        if (s != NULL)
          name = format_value (s, g_array_index (g, guint, 0));
        id = ps_chart_add_series (chart, name, g->len > 1 ? PS_SERIES_LINE : PS_SERIES_POINTS, xs,
                                  ys, g->len);
        (void)id;
      }
    if (order->len <= 1)
      ps_chart_set_legend (chart, s != NULL && order->len == 1 ? PS_LEGEND_AUTO : PS_LEGEND_NONE);
  }
  return chart;
}

/* The two numeric parameters with the most values, for a heatmap's default axes. */
static void
default_grid_axes (PsRunData *d, Column **x, Column **y)
{
  guint best[2] = { 0, 0 };
  g_autofree guint *all = g_new (guint, MAX (d->n_rows, 1u));

  for (guint i = 0; i < d->n_rows; i++)
    all[i] = i;
  *x = *y = NULL;
  /* Span on x when it varies: the engineer's usual view. */
  for (guint p = 0; p < G_N_ELEMENTS (beam_params); p++)
    {
      Column *c = find_column (d, beam_params[p]);
      guint n;

      if (c == NULL || c->is_text || !g_str_equal (c->name, beam_params[p]))
        continue;
      n = count_distinct (c, all, d->n_rows);
      if (n < 2)
        continue;
      if (n > best[0])
        {
          best[1] = best[0];
          *y = *x;
          best[0] = n;
          *x = c;
        }
      else if (n > best[1])
        {
          best[1] = n;
          *y = c;
        }
    }
  {
    Column *span = find_column (d, "span_m");

    if (span != NULL && *y == span)
      {
        *y = *x;
        *x = span;
      }
  }
}

static gboolean
grid_cells (PsRunData *d, Column *x, Column *y, const guint *rows, guint n, double **xs, guint *nx,
            double **ys, guint *ny, gint **cell_row)
{
  g_autoptr (GArray) ux = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) uy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GHashTable) hx = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) hy = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *kx = g_new (guint64, MAX (n, 1u));
  g_autofree guint64 *ky = g_new (guint64, MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    {
      kx[i] = row_key (x, rows[i]);
      ky[i] = row_key (y, rows[i]);
      if (!isnan (x->num[rows[i]]) && !g_hash_table_contains (hx, &kx[i]))
        {
          g_hash_table_add (hx, &kx[i]);
          g_array_append_val (ux, x->num[rows[i]]);
        }
      if (!isnan (y->num[rows[i]]) && !g_hash_table_contains (hy, &ky[i]))
        {
          g_hash_table_add (hy, &ky[i]);
          g_array_append_val (uy, y->num[rows[i]]);
        }
    }
  if (ux->len < 1 || uy->len < 1 || (gsize)ux->len * uy->len > 4000000)
    return FALSE;
  g_array_sort (ux, cmp_double_ptr);
  g_array_sort (uy, cmp_double_ptr);
  *nx = ux->len;
  *ny = uy->len;
  *xs = g_memdup2 (ux->data, ux->len * sizeof (double));
  *ys = g_memdup2 (uy->data, uy->len * sizeof (double));
  *cell_row = g_new (gint, (gsize)ux->len * uy->len);
  for (gsize k = 0; k < (gsize)ux->len * uy->len; k++)
    (*cell_row)[k] = -1;
  for (guint i = 0; i < n; i++)
    {
      double *px = bsearch (&x->num[rows[i]], *xs, *nx, sizeof (double), cmp_double_ptr);
      double *py = bsearch (&y->num[rows[i]], *ys, *ny, sizeof (double), cmp_double_ptr);

      if (px != NULL && py != NULL)
        (*cell_row)[(gsize)(py - *ys) * *nx + (gsize)(px - *xs)] = (gint)rows[i];
    }
  return TRUE;
}

static PsChart *
beam_heatmap (PsRunData *d, const PsPlotParams *p, gboolean passfail, GError **error)
{
  Column *x = NULL, *y = NULL, *v = NULL, *keep[2];
  g_autoptr (GString) fixed = g_string_new (NULL);
  g_autofree guint *rows = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree double *vals = NULL;
  g_autofree gint *cell = NULL;
  guint n, nx, ny;
  PsChart *chart;

  default_grid_axes (d, &x, &y);
  if (p->x != NULL && (x = require_column (d, p->x, TRUE, error)) == NULL)
    return NULL;
  if (p->series != NULL && (y = require_column (d, p->series, TRUE, error)) == NULL)
    return NULL;
  if (x == NULL || y == NULL || x == y)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("this chart needs two parameters that vary in the sweep (--x and "
                      "--series); the run has fewer"));
      return NULL;
    }
  if (x->is_text || y->is_text)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("a map needs numeric parameters on both axes (\"%s\" is text)"),
                   x->is_text ? x->name : y->name);
      return NULL;
    }
  if (!passfail
      && (v = require_column (d, p->y != NULL ? p->y : "utilisation", FALSE, error)) == NULL)
    return NULL;
  keep[0] = x;
  keep[1] = y;
  rows = fix_other_params (d, keep, 2, &n, fixed);
  if (!grid_cells (d, x, y, rows, n, &xs, &nx, &ys, &ny, &cell))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the run has no grid of %s against %s to map"), x->name, y->name);
      return NULL;
    }
  vals = g_new (double, (gsize)nx *ny);
  {
    Column *pd = find_column (d, "pass_deflection"), *ps = find_column (d, "pass_strength");

    for (gsize k = 0; k < (gsize)nx * ny; k++)
      {
        gint r = cell[k];

        if (r < 0)
          vals[k] = NAN;
        else if (!passfail)
          vals[k] = v->num[r];
        else if (pd == NULL || ps == NULL || isnan (pd->num[r]) || isnan (ps->num[r]))
          vals[k] = 4; /* not computed */
        else
          vals[k] = pd->num[r] != 0 && ps->num[r] != 0   ? 0
                    : pd->num[r] == 0 && ps->num[r] == 0 ? 3
                    : pd->num[r] == 0                    ? 1
                                                         : 2;
      }
  }
  chart = ps_chart_new (PS_CHART_HEATMAP);
  {
    g_autofree char *main
        = passfail ? g_strdup (_ ("Pass / fail")) : g_strdup_printf ("%s", column_label (v));
    g_autofree char *t = make_title (main, fixed);

    ps_chart_set_title (chart, t);
  }
  ps_chart_set_axis (chart, PS_AXIS_X, column_label (x), column_unit (x), PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, column_label (y), column_unit (y), PS_SCALE_LINEAR);
  ps_chart_set_heatmap (chart, xs, nx, ys, ny, vals, passfail ? NULL : column_label (v),
                        passfail ? NULL : column_unit (v));
  if (passfail)
    {
      const PsColor colors[] = { { 0.0, 0.62, 0.45, 1 },
                                 { 0.90, 0.62, 0.0, 1 },
                                 { 0.84, 0.37, 0.0, 1 },
                                 { 0.55, 0.10, 0.10, 1 },
                                 { 0.75, 0.75, 0.75, 1 } };
      const char *names[] = { _ ("passes"), _ ("fails deflection"), _ ("fails strength"),
                              _ ("fails both"), _ ("not computed") };

      ps_chart_set_heatmap_categories (chart, 5, colors, names);
    }
  return chart;
}

/* Reliability. */

static PsChart *
rel_convergence (PsRunData *d, GError **error)
{
  Column *n = find_column (d, "samples"), *pf = find_column (d, "pf");
  Column *lo = find_column (d, "pf_low95"), *hi = find_column (d, "pf_high95");
  PsChart *chart;
  int id;
  PsColor blue = ps_color_palette (0);
  JsonObject *exact;
  g_autofree double *ylo = NULL;

  if (n == NULL || pf == NULL || lo == NULL || hi == NULL || d->n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: convergence.csv is missing or has no rows"), d->dir);
      return NULL;
    }
  /* On a log axis a zero lower bound has no place: draw it at the bottom. */
  ylo = g_new (double, d->n_rows);
  for (guint i = 0; i < d->n_rows; i++)
    ylo[i] = lo->num[i] > 0 ? lo->num[i] : pf->num[i] > 0 ? pf->num[i] * 1e-3 : NAN;
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Convergence of the probability of failure"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Samples"), "", PS_SCALE_LOG);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Probability of failure P_f"), "", PS_SCALE_LOG);
  /* xgettext:no-c-format */
  id = ps_chart_add_band (chart, _ ("95 % interval (Wilson)"), n->num, ylo, hi->num, d->n_rows);
  ps_chart_series_set_color (chart, id, blue);
  id = ps_chart_add_series (chart, _ ("estimate"), PS_SERIES_LINE, n->num, pf->num, d->n_rows);
  ps_chart_series_set_color (chart, id, blue);
  exact = json_object_has_member (d->summary, "exact")
                  && JSON_NODE_HOLDS_OBJECT (json_object_get_member (d->summary, "exact"))
              ? json_object_get_object_member (d->summary, "exact")
              : NULL;
  if (exact != NULL && json_object_has_member (exact, "pf"))
    {
      double e = json_object_get_double_member (exact, "pf");

      id = ps_chart_add_function_line (chart, _ ("exact"), e, 0);
      ps_chart_series_set_color (chart, id, ps_color_palette (1));
      ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
    }
  /* The view: from the first estimate that is not zero. */
  return chart;
}

#define G_SAMPLES 200000

static PsChart *
rel_g_histogram (PsRunData *d, GError **error)
{
  const PsStudy *study = get_study (d, error);
  const PsReliabilityModel *m;
  gsize n = G_SAMPLES;
  g_autofree double *u = NULL;
  g_autofree double *g = NULL;
  g_autofree double *stack = NULL;
  g_autofree double **x = NULL;
  PsChart *chart;
  int id;
  double lo = INFINITY, hi = -INFINITY;
  const PsColor red = { 0.84, 0.16, 0.16, 1 };

  if (study == NULL)
    return NULL;
  m = study->model;
  u = g_new (double, PS_EXPR_BLOCK);
  g = g_new (double, n);
  stack = g_new (double, ps_expr_get_stack_depth (m->expr) * PS_EXPR_BLOCK);
  x = g_new0 (double *, MAX (m->n_vars, 1u));
  for (guint v = 0; v < m->n_vars; v++)
    x[v] = g_new (double, PS_EXPR_BLOCK);
  /* The first samples of the run itself: same seed, same streams. */
  for (gsize first = 0; first < n; first += PS_EXPR_BLOCK)
    {
      gsize k = MIN ((gsize)PS_EXPR_BLOCK, n - first);

      for (guint v = 0; v < m->n_vars; v++)
        {
          ps_rng_uniforms (m->seed, m->var_keys[v], first, k, u);
          ps_dist_quantile_block (&m->dists[v], u, k, x[v]);
        }
      ps_expr_eval_block (m->expr, (const double *const *)x, k, g + first, stack);
    }
  for (guint v = 0; v < m->n_vars; v++)
    g_free (x[v]);
  /* The histogram covers the 0.05 % to 99.95 % quantiles so one far tail does not
   * squash it, and always includes g = 0. */
  {
    g_autofree double *sorted = g_memdup2 (g, n * sizeof (double));
    gsize k = 0;

    for (gsize i = 0; i < n; i++)
      if (isfinite (sorted[i]))
        sorted[k++] = sorted[i];
    qsort (sorted, k, sizeof (double), cmp_double_ptr);
    if (k > 0)
      {
        lo = MIN (sorted[(gsize)(k * 0.0005)], 0.0);
        hi = MAX (sorted[MIN (k - 1, (gsize)(k * 0.9995))], 0.0);
      }
  }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Limit state g: histogram of the samples"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Limit state g"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density"), "", PS_SCALE_LINEAR);
  ps_chart_add_vspan (chart, -INFINITY, 0, red, _ ("failure g ≤ 0"));
  id = ps_chart_add_histogram (chart, NULL, g, n, 80, lo, hi, TRUE);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  return chart;
}

/* Regression. */

static PsChart *
reg_E_histogram (PsRunData *d, GError **error)
{
  Column *e = find_column (d, "E_Pa");
  PsChart *chart;
  int id;

  if (e == NULL)
    e = find_column (d, "E");
  if (e == NULL || d->n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: results.csv with a column of E is missing or empty"), d->dir);
      return NULL;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Young's modulus E of the specimens"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Young's modulus E"), "Pa", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density"), "", PS_SCALE_LINEAR);
  id = ps_chart_add_histogram (chart, _ ("specimens"), e->num, d->n_rows, 0, NAN, NAN, TRUE);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  /* The normal density with the sample mean and standard deviation. */
  {
    double mean = 0, m2 = 0, cnt = 0, lo = INFINITY, hi = -INFINITY;
    double xs[121], ys[121];

    for (guint i = 0; i < d->n_rows; i++)
      if (isfinite (e->num[i]))
        {
          double dv = e->num[i] - mean;

          cnt++;
          mean += dv / cnt;
          m2 += dv * (e->num[i] - mean);
          lo = MIN (lo, e->num[i]);
          hi = MAX (hi, e->num[i]);
        }
    if (cnt >= 3 && m2 > 0)
      {
        double sd = sqrt (m2 / (cnt - 1));

        lo = MIN (lo, mean - 3.5 * sd);
        hi = MAX (hi, mean + 3.5 * sd);
        for (int k = 0; k <= 120; k++)
          {
            xs[k] = lo + (hi - lo) * k / 120;
            ys[k] = exp (-0.5 * pow ((xs[k] - mean) / sd, 2)) / (sd * sqrt (2 * G_PI));
          }
        id = ps_chart_add_series (chart, _ ("normal density"), PS_SERIES_LINE, xs, ys, 121);
        ps_chart_series_set_color (chart, id, ps_color_palette (1));
      }
  }
  return chart;
}

static const PsChartInfo beam_charts[] = {
  { "output-vs-param", N_ ("An output against one parameter, one curve per value of another") },
  { "heatmap", N_ ("An output (utilisation by default) over two parameters") },
  { "passfail", N_ ("Pass / fail map over two parameters") },
  { NULL, NULL },
};
static const PsChartInfo rel_charts[] = {
  /* xgettext:no-c-format */
  { "convergence", N_ ("Convergence of Pf with its 95 % interval") },
  { "g-histogram", N_ ("Histogram of the limit state g with the failure region") },
  { NULL, NULL },
};
static const PsChartInfo reg_charts[] = {
  { "specimen", N_ ("One specimen's curve with its elastic fit and the offset line") },
  { "E-histogram", N_ ("Histogram of E with the normal density") },
  { NULL, NULL },
};
static const PsChartInfo scaling_charts[] = {
  { "speedup", N_ ("Speedup against workers, with the ideal line and the fit") },
  { "efficiency", N_ ("Parallel efficiency against workers") },
  { "time", N_ ("Wall time against workers or size, log–log") },
  { NULL, NULL },
};

const PsChartInfo *
ps_plot_charts_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "beam") == 0)
    return beam_charts;
  if (g_strcmp0 (kind, "reliability") == 0)
    return rel_charts;
  if (g_strcmp0 (kind, "regression") == 0)
    return reg_charts;
  if (g_strcmp0 (kind, "scaling") == 0)
    return scaling_charts;
  return NULL;
}

static char *
chart_names (const char *kind)
{
  const PsChartInfo *c = ps_plot_charts_for_kind (kind);
  GString *s = g_string_new (NULL);

  for (; c != NULL && c->name != NULL; c++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", c->name);
  return g_string_free (s, FALSE);
}

PsChart *reg_specimen_chart (PsRunData *d, const PsPlotParams *p, const PsStudy *study,
                             GError **error);

PsChart *
ps_plot_study_chart (PsRunData *d, const char *name, const PsPlotParams *params, GError **error)
{
  PsPlotParams none = { NULL, NULL, NULL, NULL };
  const PsChartInfo *c;
  gboolean found = FALSE;

  if (params == NULL)
    params = &none;
  for (c = ps_plot_charts_for_kind (d->view->kind_name); c != NULL && c->name != NULL; c++)
    found |= g_str_equal (c->name, name);
  if (!found)
    {
      g_autofree char *list = chart_names (d->view->kind_name);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--chart %s: not a chart of a %s study (available: %s)"), name,
                   d->view->kind_name, list);
      return NULL;
    }
  if (g_str_equal (d->view->kind_name, "beam"))
    {
      if (d->n_rows == 0)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("%s: the run has no results.csv rows (it was run with --rows none); "
                          "run it again with --rows all"),
                       d->dir);
          return NULL;
        }
      if (g_str_equal (name, "output-vs-param"))
        return beam_output_vs_param (d, params, error);
      return beam_heatmap (d, params, g_str_equal (name, "passfail"), error);
    }
  if (g_str_equal (d->view->kind_name, "reliability"))
    {
      if (g_str_equal (name, "convergence"))
        return rel_convergence (d, error);
      return rel_g_histogram (d, error);
    }
  if (g_str_equal (name, "E-histogram"))
    return reg_E_histogram (d, error);
  {
    const PsStudy *study = get_study (d, error);

    if (study == NULL)
      return NULL;
    return reg_specimen_chart (d, params, study, error);
  }
}

/* Scaling. */

struct _PsScalingData
{
  char *path;
  JsonParser *parser;
  JsonObject *root;
  char *mode;
};

void
ps_scaling_data_free (PsScalingData *s)
{
  if (s == NULL)
    return;
  g_free (s->path);
  g_clear_object (&s->parser);
  g_free (s->mode);
  g_free (s);
}

static gboolean
scaling_error (GError **error, const char *path, const char *where, const char *what)
{
  g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s: %s", path, where, what);
  return FALSE;
}

/* Checks the shape of scaling.json so that drawing can trust it. */
static gboolean
scaling_validate (PsScalingData *s, GError **error)
{
  JsonArray *series;
  JsonNode *node;

  if (json_object_get_int_member_with_default (s->root, "parastudy_scaling", 0) != 1)
    return scaling_error (error, s->path, "parastudy_scaling", _ ("expected 1"));
  s->mode = g_strdup (json_object_get_string_member_with_default (s->root, "mode", ""));
  if (!g_str_equal (s->mode, "strong") && !g_str_equal (s->mode, "weak")
      && !g_str_equal (s->mode, "size"))
    return scaling_error (error, s->path, "mode", _ ("expected strong, weak or size"));
  node = json_object_get_member (s->root, "series");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return scaling_error (error, s->path, "series", _ ("expected an array"));
  series = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonNode *sn = json_array_get_element (series, i);
      JsonObject *so;
      JsonNode *pn;
      g_autofree char *where = g_strdup_printf ("series[%u]", i);

      if (!JSON_NODE_HOLDS_OBJECT (sn))
        return scaling_error (error, s->path, where, _ ("expected an object"));
      so = json_node_get_object (sn);
      pn = json_object_get_member (so, "points");
      if (pn == NULL || !JSON_NODE_HOLDS_ARRAY (pn))
        {
          g_autofree char *w = g_strdup_printf ("series[%u].points", i);
          return scaling_error (error, s->path, w, _ ("expected an array"));
        }
      for (guint k = 0; k < json_array_get_length (json_node_get_array (pn)); k++)
        {
          JsonNode *p = json_array_get_element (json_node_get_array (pn), k);
          JsonObject *po;
          g_autofree char *w = g_strdup_printf ("series[%u].points[%u]", i, k);

          if (!JSON_NODE_HOLDS_OBJECT (p))
            return scaling_error (error, s->path, w, _ ("expected an object"));
          po = json_node_get_object (p);
          if (!json_object_has_member (po, "workers")
              || !json_object_has_member (po, "wall_median"))
            return scaling_error (error, s->path, w, _ ("needs \"workers\" and \"wall_median\""));
        }
    }
  return TRUE;
}

PsScalingData *
ps_scaling_data_load (const char *path, GError **error)
{
  g_autoptr (PsScalingData) s = g_new0 (PsScalingData, 1);
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    s->path = g_build_filename (path, "scaling.json", NULL);
  else
    s->path = g_strdup (path);
  if (!g_file_test (s->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: no such scaling file"), s->path);
      return NULL;
    }
  s->parser = json_parser_new ();
  if (!json_parser_load_from_file (s->parser, s->path, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", s->path, local->message);
      return NULL;
    }
  root = json_parser_get_root (s->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: expected a JSON object"), s->path);
      return NULL;
    }
  s->root = json_node_get_object (root);
  if (!scaling_validate (s, error))
    return NULL;
  return g_steal_pointer (&s);
}

const char *
ps_scaling_data_get_mode (const PsScalingData *s)
{
  return s->mode;
}

JsonObject *
ps_scaling_data_get_root (const PsScalingData *s)
{
  return s->root;
}

static double
member_double (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE)
    return NAN;
  return json_node_get_double (n);
}

PsChart *
ps_plot_scaling_chart (PsScalingData *s, const char *name, GError **error)
{
  JsonArray *series = json_object_get_array_member (s->root, "series");
  gboolean size = g_str_equal (s->mode, "size");
  gboolean weak = g_str_equal (s->mode, "weak");
  gboolean speedup = g_str_equal (name, "speedup"), eff = g_str_equal (name, "efficiency");
  gboolean time = g_str_equal (name, "time");
  PsChart *chart;
  double max_p = 1;

  if (!speedup && !eff && !time)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--chart %s: not a scaling chart (available: speedup, efficiency, time)"),
                   name);
      return NULL;
    }
  if (size && !time)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--chart %s: a size scan has one worker count; its chart is \"time\""), name);
      return NULL;
    }
  chart = ps_chart_new (PS_CHART_XY);
  if (speedup)
    {
      ps_chart_set_title (chart, weak ? _ ("Scaled speedup (weak scaling)")
                                      : _ ("Speedup (strong scaling)"));
      ps_chart_set_axis (chart, PS_AXIS_X, _ ("Workers"), "", PS_SCALE_LINEAR);
      ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Speedup"), "", PS_SCALE_LINEAR);
    }
  else if (eff)
    {
      ps_chart_set_title (chart, _ ("Parallel efficiency"));
      ps_chart_set_axis (chart, PS_AXIS_X, _ ("Workers"), "", PS_SCALE_LINEAR);
      ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Efficiency"), "", PS_SCALE_LINEAR);
    }
  else
    {
      ps_chart_set_title (chart, size ? _ ("Wall time against problem size")
                                      : _ ("Wall time against workers"));
      ps_chart_set_axis (chart, PS_AXIS_X, size ? _ ("Items") : _ ("Workers"), "", PS_SCALE_LOG);
      ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Wall time (median)"), "s", PS_SCALE_LOG);
    }

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *so = json_array_get_object_element (series, i);
      JsonArray *pts = json_object_get_array_member (so, "points");
      JsonObject *fit = json_object_has_member (so, "fit")
                                && JSON_NODE_HOLDS_OBJECT (json_object_get_member (so, "fit"))
                            ? json_object_get_object_member (so, "fit")
                            : NULL;
      const char *backend = json_object_get_string_member_with_default (so, "backend", "?");
      guint n = json_array_get_length (pts);
      g_autofree double *x = g_new (double, MAX (n, 1u));
      g_autofree double *y = g_new (double, MAX (n, 1u));
      g_autofree double *ylo = g_new (double, MAX (n, 1u));
      g_autofree double *yhi = g_new (double, MAX (n, 1u));
      PsColor col = ps_color_palette (i);
      int id;

      for (guint k = 0; k < n; k++)
        {
          JsonObject *p = json_array_get_object_element (pts, k);

          x[k] = member_double (p, size ? "size" : "workers");
          max_p = MAX (max_p, x[k]);
          if (speedup)
            y[k] = member_double (p, "speedup");
          else if (eff)
            y[k] = member_double (p, "efficiency");
          else
            {
              y[k] = member_double (p, "wall_median");
              ylo[k] = member_double (p, "wall_min");
              yhi[k] = member_double (p, "wall_max");
            }
        }
      if (time)
        {
          id = ps_chart_add_band (chart, NULL, x, ylo, yhi, n);
          ps_chart_series_set_color (chart, id, col);
          ps_chart_series_set_in_legend (chart, id, FALSE);
        }
      id = ps_chart_add_series (chart, backend, PS_SERIES_LINE, x, y, n);
      ps_chart_series_set_color (chart, id, col);
      id = ps_chart_add_series (chart, NULL, PS_SERIES_POINTS, x, y, n);
      ps_chart_series_set_color (chart, id, col);
      ps_chart_series_set_in_legend (chart, id, FALSE);

      /* The fitted model, dashed in the series' colour. */
      if (fit != NULL)
        {
          const char *model = json_object_get_string_member_with_default (fit, "model", "");
          double f = member_double (fit, "serial_fraction");
          double fx[101], fy[101];
          double lo = 1, hi = 1;
          g_autofree char *label = NULL;

          for (guint k = 0; k < n; k++)
            {
              lo = k == 0 ? x[k] : MIN (lo, x[k]);
              hi = k == 0 ? x[k] : MAX (hi, x[k]);
            }
          if ((g_str_equal (model, "amdahl") || g_str_equal (model, "gustafson")) && isfinite (f)
              && !time)
            {
              gboolean amdahl = g_str_equal (model, "amdahl");

              for (int k = 0; k <= 100; k++)
                {
                  double p = 1 + (hi - 1) * k / 100.0;
                  double sp = amdahl ? 1.0 / (f + (1 - f) / p) : p - f * (p - 1);

                  fx[k] = p;
                  fy[k] = eff ? sp / p : sp;
                }
              label = g_strdup_printf (amdahl ? _ ("%s: Amdahl fit, serial fraction %.3g")
                                              : _ ("%s: Gustafson fit, serial fraction %.3g"),
                                       backend, f);
              id = ps_chart_add_series (chart, label, PS_SERIES_LINE, fx, fy, 101);
              ps_chart_series_set_color (chart, id, col);
              ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
            }
          else if (g_str_equal (model, "size") && time && n > 0)
            {
              double e = member_double (fit, "exponent"), lc = 0;
              guint m = 0;

              /* T = c · size^e: c from the points, least squares in log space. */
              for (guint k = 0; k < n; k++)
                if (x[k] > 0 && y[k] > 0)
                  {
                    lc += log (y[k]) - e * log (x[k]);
                    m++;
                  }
              if (m > 0 && isfinite (e))
                {
                  lc /= m;
                  for (int k = 0; k <= 100; k++)
                    {
                      fx[k] = lo * pow (hi / lo, k / 100.0);
                      fy[k] = exp (lc + e * log (fx[k]));
                    }
                  label = g_strdup_printf (_ ("%s: fit T ∝ size^%.3g"), backend, e);
                  id = ps_chart_add_series (chart, label, PS_SERIES_LINE, fx, fy, 101);
                  ps_chart_series_set_color (chart, id, col);
                  ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
                }
            }
        }
      /* Ideal time: T(1) / p. */
      if (time && !size && !weak && n > 0)
        {
          double t1 = NAN;

          for (guint k = 0; k < n; k++)
            if (x[k] == 1)
              t1 = y[k];
          if (isfinite (t1) && i == 0)
            {
              double ix[2] = { 1, max_p }, iy[2] = { t1, t1 / max_p };

              id = ps_chart_add_series (chart, _ ("ideal"), PS_SERIES_LINE, ix, iy, 2);
              ps_chart_series_set_color (chart, id, (PsColor){ 0.5, 0.5, 0.5, 1 });
              ps_chart_series_set_dash (chart, id, PS_LINE_DOTTED);
            }
        }
    }
  if (speedup || eff)
    {
      int id = ps_chart_add_function_line (chart, _ ("ideal"), eff ? 1 : 0, eff ? 0 : 1);

      ps_chart_series_set_color (chart, id, (PsColor){ 0.5, 0.5, 0.5, 1 });
      ps_chart_series_set_dash (chart, id, PS_LINE_DOTTED);
      /* Speedup from 0 (or 1) to the largest worker count; efficiency 0 to 1.1. */
      ps_chart_set_view (chart, PS_AXIS_X, 0, max_p * 1.05);
      if (eff)
        ps_chart_set_view (chart, PS_AXIS_Y, 0, 1.15);
      else
        ps_chart_set_view (chart, PS_AXIS_Y, 0, max_p * 1.05);
    }
  return chart;
}
