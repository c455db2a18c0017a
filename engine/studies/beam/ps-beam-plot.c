/* ps-beam-plot.c: the beam study's charts, from results.csv alone.
 *
 * Every parameter column is one axis of the grid, so a chart of output against one
 * parameter, one curve per value of another, fixes every other varying parameter at
 * its middle value (and says so in the title).
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/ps-plot-study-private.h"
#include "ps-error.h"
#include "studies/beam/ps-beam.h"
#include "study/ps-summary.h"
#include "study/ps-units.h"

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
  /* A design study's columns. */
  { "M_Ed_Nm", N_ ("Design moment M_Ed"), "N*m" },
  { "M_Ed_hogging_Nm", N_ ("Hogging design moment"), "N*m" },
  { "V_Ed_N", N_ ("Design shear V_Ed"), "N" },
  { "deflection_variable_m", N_ ("Deflection, variable actions"), "m" },
  { "M_Rd_Nm", N_ ("Moment resistance M_Rd"), "N*m" },
  { "V_Rd_N", N_ ("Shear resistance V_Rd"), "N" },
  { "M_cr_Nm", N_ ("Critical moment M_cr"), "N*m" },
  { "lambda_LT", N_ ("Slenderness λ_LT"), "" },
  { "chi_LT", N_ ("Reduction factor χ_LT"), "" },
  { "Mb_Rd_Nm", N_ ("Buckling resistance M_b,Rd"), "N*m" },
  { "u_bending", N_ ("Utilisation, bending"), "" },
  { "u_shear", N_ ("Utilisation, shear"), "" },
  { "u_interaction", N_ ("Utilisation, bending and shear"), "" },
  { "u_ltb", N_ ("Utilisation, lateral-torsional buckling"), "" },
  { "u_tension", N_ ("Utilisation, flexural tension"), "" },
  { "u_deflection", N_ ("Utilisation, deflection"), "" },
  { "u_deflection_variable", N_ ("Utilisation, deflection (variable)"), "" },
  { "u_span_depth", N_ ("Utilisation, span/depth"), "" },
  { "u_reinforcement", N_ ("Utilisation, reinforcement limits"), "" },
  { "u_max", N_ ("Largest utilisation"), "" },
};

static const ColumnInfo *
info_for (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (g_str_equal (column_info[i].column, column))
      return &column_info[i];
  return NULL;
}

/* A design study's parameter columns are named after their JSON path and unit:
 * "spans[1]_m", "loads[0].value_N_per_m". */
static const struct
{
  const char *suffix, *unit;
} param_units[] = { { "_N_per_m", "N/m" }, { "_N_m", "N*m" }, { "_N", "N" }, { "_m", "m" } };

static gboolean
is_design_param (const char *name)
{
  return g_str_has_prefix (name, "spans[") || g_str_has_prefix (name, "loads[");
}

/* A column's label; a design study's parameter by the JSON path the engineer wrote,
 * without the unit suffix ("loads[1].value"; interned, so that it can be returned
 * like the translated labels). */
static const char *
name_label (const char *name)
{
  const ColumnInfo *i = info_for (name);

  if (i == NULL && is_design_param (name))
    for (guint k = 0; k < G_N_ELEMENTS (param_units); k++)
      if (g_str_has_suffix (name, param_units[k].suffix))
        {
          g_autofree char *path = g_strndup (name, strlen (name) - strlen (param_units[k].suffix));

          return g_intern_string (path);
        }
  return i != NULL ? _ (i->label) : name;
}

static const char *
column_label (const PsColumn *c)
{
  return name_label (c->name);
}

static char *
param_label_dup (const PsColumn *c)
{
  return g_strdup (column_label (c));
}

static const char *
column_unit (const PsColumn *c)
{
  const ColumnInfo *i = info_for (c->name);

  if (i == NULL && is_design_param (c->name))
    for (guint k = 0; k < G_N_ELEMENTS (param_units); k++)
      if (g_str_has_suffix (c->name, param_units[k].suffix))
        return param_units[k].unit;
  return i != NULL ? i->unit : "";
}

/* The beam grid's parameter columns, slowest first. */
static const char *const beam_params[]
    = { "material", "section", "b_m",    "h_m",          "d_m",       "D_outer_m",
        "t_m",      "span_m",  "load_N", "load_N_per_m", "position_m" };

static gboolean
is_param (const PsColumn *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (beam_params); i++)
    if (g_str_equal (c->name, beam_params[i]))
      return TRUE;
  return is_design_param (c->name);
}

static char *
list_columns (const PsRunData *d, gboolean params)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ps_run_data_get_n_columns (d); i++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, i);

      if (g_str_equal (c->name, "item") || g_str_equal (c->name, "error")
          || g_str_has_prefix (c->name, "pass") || is_param (c) != params)
        continue;
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, c->name);
    }
  return g_string_free (s, FALSE);
}

static PsColumn *
require_column (PsRunData *d, const char *name, gboolean param, GError **error)
{
  PsColumn *c = ps_run_data_find_column (d, name);

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

/* "600 mm" for a row's value of a parameter, in the unit an axis would use. */
static char *
format_value (const PsColumn *c, guint row)
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
/* Whether row @row of @c holds @value, a key of ps_beam_chart_parameters(). */
static gboolean
row_has_value (const PsColumn *c, guint row, const char *value)
{
  char *end;
  double v;

  if (c->is_text)
    return g_strcmp0 (c->text[row], value) == 0;
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0')
    return FALSE;
  return c->num[row] == v || fabs (c->num[row] - v) <= 1e-12 * fabs (v);
}

/* The value @list ("NAME=VALUE", ended by NULL) gives for column @c, or NULL. */
static const char *
fixed_value (const char *const *list, const PsColumn *c)
{
  gsize len = strlen (c->name);

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (strncmp (list[i], c->name, len) == 0 && list[i][len] == '=')
      return list[i] + len + 1;
  return NULL;
}

static guint *
fix_other_params (PsRunData *d, PsColumn *const *keep, guint n_keep, const char *const *chosen,
                  guint *n_rows, GString *fixed)
{
  guint n = ps_run_data_get_n_rows (d);
  guint *rows = g_new (guint, MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    rows[i] = i;
  /* The parameter columns in the grid's order, slowest first. */
  for (guint p = 0; p < ps_run_data_get_n_columns (d); p++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, p);
      gboolean kept = FALSE;
      guint mid, m = 0;
      guint *sub;
      gboolean ok = TRUE;

      if (!is_param (c))
        continue;
      for (guint k = 0; k < n_keep; k++)
        kept |= keep[k] == c;
      if (kept || ps_column_count_distinct (c, rows, n) <= 1)
        continue;
      mid = ps_column_middle_row (c, rows, n);
      sub = g_new (guint, n);
      /* The value the caller chose, when some row has it; else the middle one. */
      if (fixed_value (chosen, c) != NULL)
        {
          for (guint i = 0; i < n; i++)
            if (row_has_value (c, rows[i], fixed_value (chosen, c)))
              sub[m++] = rows[i];
          if (m > 0)
            mid = sub[0];
        }
      if (m == 0)
        for (guint i = 0; i < n; i++)
          if (ps_column_row_key (c, rows[i]) == ps_column_row_key (c, mid))
            sub[m++] = rows[i];
      for (guint k = 0; k < n_keep && ok && fixed_value (chosen, c) == NULL; k++)
        if (keep[k] != NULL && !keep[k]->is_text && ps_column_count_distinct (keep[k], rows, n) > 1
            && ps_column_count_distinct (keep[k], sub, m) < 2)
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
cmp_rows_by_x_num (gconstpointer a, gconstpointer b, gpointer user)
{
  const PsColumn *x = user;
  double u = x->num[*(const guint *)a], v = x->num[*(const guint *)b];

  return (u > v) - (u < v);
}

/* The rows of the run holding each distinct value of @c, numbers in increasing
 * order, text in grid order. */
static GArray *
distinct_rows (PsRunData *d, const PsColumn *c)
{
  guint n = ps_run_data_get_n_rows (d);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1u));
  GArray *firsts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      keys[i] = ps_column_row_key (c, i);
      if (!g_hash_table_contains (seen, &keys[i]))
        {
          g_hash_table_add (seen, &keys[i]);
          g_array_append_val (firsts, i);
        }
    }
  if (!c->is_text)
    g_array_sort_with_data (firsts, cmp_rows_by_x_num, (gpointer)c);
  return firsts;
}

static gboolean
varies (PsRunData *d, const PsColumn *c)
{
  g_autoptr (GArray) r = distinct_rows (d, c);

  return r->len >= 2;
}

static gboolean is_section_property (PsRunData *d, const PsColumn *c);

/* The parameters that vary, for messages. */
static char *
list_varying (PsRunData *d)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ps_run_data_get_n_columns (d); i++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, i);

      if (is_param (c) && !is_section_property (d, c) && varies (d, c))
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", c->name);
    }
  if (s->len == 0)
    g_string_append (s, _ ("none"));
  return g_string_free (s, FALSE);
}

/* A chart is never drawn against a parameter that takes one value only. */
static gboolean
require_varying (PsRunData *d, const PsColumn *c, const char *option, GError **error)
{
  g_autofree char *list = NULL;

  if (varies (d, c))
    return TRUE;
  list = list_varying (d);
  g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
               _ ("%s: \"%s\" does not vary in this run (parameters that vary: %s)"), option,
               c->name, list);
  return FALSE;
}

static int
cmp_rows_by_x (gconstpointer a, gconstpointer b, gpointer user)
{
  const PsColumn *x = user;
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

static void default_grid_axes (PsRunData *d, PsColumn **x, PsColumn **y);

/* The output asked for, or @fallback; a design study's run has no "utilisation"
 * column, and its largest utilisation stands in for it. */
static const char *
default_output (PsRunData *d, const char *asked, const char *fallback)
{
  const char *name = asked != NULL ? asked : fallback;

  if (g_str_equal (name, "utilisation") && ps_run_data_find_column (d, "utilisation") == NULL
      && ps_run_data_find_column (d, "u_max") != NULL)
    return "u_max";
  return name;
}

/* The pass/fail category of a design study's row: 0 passes, 1 fails a serviceability
 * check, 2 a strength check, 3 both, 4 not computed, 5 refused. */
static double
design_category (PsRunData *d, guint row)
{
  static const char *const strength[]
      = { "u_bending", "u_shear", "u_interaction", "u_ltb", "u_tension", "u_reinforcement" };
  static const char *const service[] = { "u_deflection", "u_deflection_variable", "u_span_depth" };
  PsColumn *pass = ps_run_data_find_column (d, "pass");
  PsColumn *refusal = ps_run_data_find_column (d, "refusal");
  gboolean fs = FALSE, fd = FALSE;

  if (pass == NULL || isnan (pass->num[row]))
    return 4;
  if (refusal != NULL && refusal->is_text && refusal->text[row] != NULL && *refusal->text[row])
    return 5;
  if (pass->num[row] != 0)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (strength); i++)
    {
      PsColumn *c = ps_run_data_find_column (d, strength[i]);

      fs = fs || (c != NULL && c->num[row] > 1.0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (service); i++)
    {
      PsColumn *c = ps_run_data_find_column (d, service[i]);

      fd = fd || (c != NULL && c->num[row] > 1.0);
    }
  return fs && fd ? 3 : fd ? 1 : 2;
}

/* The deflection limit of output @y as a ratio of the span ("L/250" gives 250), or
 * an absolute length in @abs_m (then 0 is returned); 0 and NAN when there is none. */
static double
deflection_limit (PsRunData *d, const PsColumn *y, double *abs_m)
{
  JsonObject *s = ps_run_data_get_summary (d);
  JsonObject *o;
  const char *text = NULL;

  *abs_m = NAN;
  if ((o = ps_summary_get_object (s, "deflection_limits")) != NULL)
    text = ps_summary_get_string (o, g_str_equal (y->name, "deflection_variable_m") ? "variable"
                                                                                    : "total");
  else if ((o = ps_summary_get_object (s, "checks")) != NULL
           && g_str_equal (y->name, "deflection_m"))
    text = ps_summary_get_string (o, "deflection_limit");
  if (text == NULL || *text == '\0')
    return 0;
  if (g_str_has_prefix (text, "L/"))
    {
      double r = g_ascii_strtod (text + 2, NULL);

      return r > 0 ? r : 0;
    }
  if (!ps_units_parse_quantity (text, PS_QTY_LENGTH, abs_m, NULL))
    *abs_m = NAN;
  return 0;
}

static int
add_line (PsChart *chart, const char *label, double a, double b, double lo, double hi)
{
  double xs[2] = { lo, hi }, ys[2] = { a + b * lo, a + b * hi };

  return ps_chart_add_series (chart, label, PS_SERIES_LINE, xs, ys, 2);
}

/* The lines an engineer reads a chart of a check's output against: the deflection
 * limit on a deflection chart (L/ratio, sloping when the span is on x) and
 * utilisation = 1 on a utilisation chart. */
static void
add_limit_lines (PsRunData *d, PsChart *chart, const PsColumn *x, const PsColumn *y,
                 const guint *rows, guint n)
{
  const PsColor red = { 0.80, 0.10, 0.10, 1 };
  double lo = INFINITY, hi = -INFINITY;
  int id = -1;

  /* Lines over the data's x range, as series, so that the view takes them in. */
  for (guint i = 0; i < n; i++)
    if (isfinite (x->num[rows[i]]))
      {
        lo = MIN (lo, x->num[rows[i]]);
        hi = MAX (hi, x->num[rows[i]]);
      }
  if (!(hi >= lo))
    return;

  if (g_str_equal (y->name, "utilisation") || g_str_has_prefix (y->name, "u_"))
    id = add_line (chart, _ ("utilisation = 1"), 1.0, 0.0, lo, hi);
  else if (g_str_has_prefix (y->name, "deflection"))
    {
      double abs_m, ratio = deflection_limit (d, y, &abs_m);
      PsColumn *span = ps_run_data_find_column (d, "span_m");
      g_autofree char *label = NULL;

      if (ratio > 0 && span != NULL && span == x)
        {
          label = g_strdup_printf (_ ("deflection limit L/%g"), ratio);
          id = add_line (chart, label, 0.0, 1.0 / ratio, lo, hi);
        }
      else if (ratio > 0 && span != NULL && n > 0)
        {
          gboolean same = TRUE;

          for (guint i = 1; i < n; i++)
            same = same && span->num[rows[i]] == span->num[rows[0]];
          if (same)
            {
              label = g_strdup_printf (_ ("deflection limit L/%g"), ratio);
              id = add_line (chart, label, span->num[rows[0]] / ratio, 0.0, lo, hi);
            }
        }
      else if (isfinite (abs_m))
        id = add_line (chart, _ ("deflection limit"), abs_m, 0.0, lo, hi);
    }
  if (id >= 0)
    {
      ps_chart_series_set_color (chart, id, red);
      ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
      ps_chart_set_legend (chart, PS_LEGEND_AUTO);
    }
}

static PsChart *
beam_output_vs_param (PsRunData *d, const PsPlotParams *p, GError **error)
{
  PsColumn *x, *y, *s = NULL;
  PsColumn *keep[2];
  g_autoptr (GString) fixed = g_string_new (NULL);
  g_autofree guint *rows = NULL;
  guint n;
  PsChart *chart;
  g_autofree char *title = NULL;

  if (p->x == NULL && ps_run_data_find_column (d, "span") == NULL)
    {
      /* A continuous beam: its first parameter that varies. */
      PsColumn *other = NULL;

      default_grid_axes (d, &x, &other);
    }
  else if ((x = require_column (d, p->x != NULL ? p->x : "span", TRUE, error)) == NULL)
    return NULL;
  if (x == NULL)
    {
      g_autofree char *list = list_columns (d, TRUE);

      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("--x: no parameter varies in this run; name one (available: %s)"), list);
      return NULL;
    }
  if ((y = require_column (d, default_output (d, p->y, "deflection"), FALSE, error)) == NULL)
    return NULL;
  if (x->is_text)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--x: \"%s\" is not numeric; use it as --series"), x->name);
      return NULL;
    }
  if (p->x != NULL && !require_varying (d, x, "--x", error))
    return NULL;
  if (p->series != NULL && (s = require_column (d, p->series, TRUE, error)) == NULL)
    return NULL;
  /* By default one curve per material. */
  if (p->series == NULL)
    s = ps_run_data_find_column (d, "material");
  keep[0] = x;
  keep[1] = s;
  rows = fix_other_params (d, keep, 2, p->fixed, &n, fixed);
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

        keys[i] = s != NULL ? ps_column_row_key (s, rows[i]) : 0;
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
  add_limit_lines (d, chart, x, y, rows, n);
  return chart;
}

/* The two numeric parameters with the most values, for a heatmap's default axes. */
static void
default_grid_axes (PsRunData *d, PsColumn **x, PsColumn **y)
{
  guint n_rows = ps_run_data_get_n_rows (d);
  guint best[2] = { 0, 0 };
  g_autofree guint *all = g_new (guint, MAX (n_rows, 1u));

  for (guint i = 0; i < n_rows; i++)
    all[i] = i;
  *x = *y = NULL;
  /* Span on x when it varies: the engineer's usual view. */
  for (guint p = 0; p < ps_run_data_get_n_columns (d); p++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, p);
      guint n;

      if (!is_param (c) || c->is_text)
        continue;
      n = ps_column_count_distinct (c, all, n_rows);
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
    PsColumn *span = ps_run_data_find_column (d, "span_m");

    if (span != NULL && *y == span)
      {
        *y = *x;
        *x = span;
      }
  }
}

static gboolean
grid_cells (PsRunData *d, PsColumn *x, PsColumn *y, const guint *rows, guint n, double **xs,
            guint *nx, double **ys, guint *ny, gint **cell_row)
{
  g_autoptr (GArray) ux = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) uy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GHashTable) hx = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) hy = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *kx = g_new (guint64, MAX (n, 1u));
  g_autofree guint64 *ky = g_new (guint64, MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    {
      kx[i] = ps_column_row_key (x, rows[i]);
      ky[i] = ps_column_row_key (y, rows[i]);
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
  g_array_sort (ux, ps_plot_compare_doubles);
  g_array_sort (uy, ps_plot_compare_doubles);
  *nx = ux->len;
  *ny = uy->len;
  *xs = g_memdup2 (ux->data, ux->len * sizeof (double));
  *ys = g_memdup2 (uy->data, uy->len * sizeof (double));
  *cell_row = g_new (gint, (gsize)ux->len * uy->len);
  for (gsize k = 0; k < (gsize)ux->len * uy->len; k++)
    (*cell_row)[k] = -1;
  for (guint i = 0; i < n; i++)
    {
      double *px = bsearch (&x->num[rows[i]], *xs, *nx, sizeof (double), ps_plot_compare_doubles);
      double *py = bsearch (&y->num[rows[i]], *ys, *ny, sizeof (double), ps_plot_compare_doubles);

      if (px != NULL && py != NULL)
        (*cell_row)[(gsize)(py - *ys) * *nx + (gsize)(px - *xs)] = (gint)rows[i];
    }
  return TRUE;
}

static PsChart *
beam_heatmap (PsRunData *d, const PsPlotParams *p, gboolean passfail, GError **error)
{
  PsColumn *x = NULL, *y = NULL, *v = NULL, *keep[2];
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
  if ((p->x != NULL && !require_varying (d, x, "--x", error))
      || (p->series != NULL && !require_varying (d, y, "--series", error)))
    return NULL;
  if (x == NULL || y == NULL || x == y)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
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
      && (v = require_column (d, default_output (d, p->y, "utilisation"), FALSE, error)) == NULL)
    return NULL;
  keep[0] = x;
  keep[1] = y;
  rows = fix_other_params (d, keep, 2, p->fixed, &n, fixed);
  if (!grid_cells (d, x, y, rows, n, &xs, &nx, &ys, &ny, &cell))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the run has no grid of %s against %s to map"), x->name, y->name);
      return NULL;
    }
  vals = g_new (double, (gsize)nx *ny);
  {
    PsColumn *pd = ps_run_data_find_column (d, "pass_deflection"),
             *ps = ps_run_data_find_column (d, "pass_strength");
    gboolean design = pd == NULL && ps_run_data_find_column (d, "u_max") != NULL;

    for (gsize k = 0; k < (gsize)nx * ny; k++)
      {
        gint r = cell[k];

        if (r < 0)
          vals[k] = NAN;
        else if (!passfail)
          vals[k] = v->num[r];
        else if (design)
          vals[k] = design_category (d, (guint)r);
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
      const PsColor colors[]
          = { { 0.0, 0.62, 0.45, 1 },  { 0.90, 0.62, 0.0, 1 },  { 0.84, 0.37, 0.0, 1 },
              { 0.55, 0.10, 0.10, 1 }, { 0.75, 0.75, 0.75, 1 }, { 0.35, 0.35, 0.55, 1 } };
      const char *names[] = { _ ("passes"),     _ ("fails deflection"), _ ("fails strength"),
                              _ ("fails both"), _ ("not computed"),     _ ("refused") };
      gboolean design = ps_run_data_find_column (d, "u_max") != NULL;

      ps_chart_set_heatmap_categories (chart, design ? 6 : 5, colors, names);
    }
  return chart;
}

/* The shear, moment (default) or deflection along the beam of configuration --item,
 * from the study (the run's rows do not hold them). */
static PsChart *
beam_diagram (PsRunData *d, const PsPlotParams *p, GError **error)
{
  static const char *const which[] = { "shear", "moment", "deflection" };
  const PsStudy *study;
  g_autoptr (GPtrArray) charts = NULL;
  guint64 item;
  char *end = NULL;
  guint k = 1;

  if (p->specimen == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--item I: the configuration whose diagram to draw (its item number in "
                      "results.csv)"));
      return NULL;
    }
  item = g_ascii_strtoull (p->specimen, &end, 10);
  if (end == p->specimen || *end != '\0' || p->specimen[0] == '-')
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--item: expected a whole number ≥ 0, got \"%s\""), p->specimen);
      return NULL;
    }
  if (p->y != NULL)
    {
      for (k = 0; k < G_N_ELEMENTS (which); k++)
        if (g_str_equal (p->y, which[k]))
          break;
      if (k == G_N_ELEMENTS (which))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("--y: a diagram shows \"shear\", \"moment\" or \"deflection\", got "
                          "\"%s\""),
                       p->y);
          return NULL;
        }
    }
  study = ps_run_data_get_study (d, error);
  if (study == NULL)
    return NULL;
  charts = g_ptr_array_new_with_free_func ((GDestroyNotify)ps_chart_free);
  if (!ps_study_get_kind (study)->item_diagram (study, item, NULL, NULL, NULL, charts, error))
    return NULL;
  return g_ptr_array_steal_index (charts, k);
}

/* The group parameter @path of summary.json's lightest_by_group as a column of the
 * run ("span" is span_m, "loads[1].value" loads[1].value_N_per_m), or NULL. */
static PsColumn *
group_column (PsRunData *d, const char *path)
{
  g_autofree char *prefix = NULL;
  PsColumn *c;

  /* summary.json names them from the study's root ("beam.span"). */
  if (g_str_has_prefix (path, "beam."))
    path += strlen ("beam.");
  prefix = g_strconcat (path, "_", NULL);
  c = ps_run_data_find_column (d, path);
  for (guint i = 0; c == NULL && i < ps_run_data_get_n_columns (d); i++)
    if (g_str_has_prefix (ps_run_data_get_nth_column (d, i)->name, prefix))
      c = ps_run_data_get_nth_column (d, i);
  return c;
}

static int
cmp_double_values (gconstpointer a, gconstpointer b)
{
  return ps_plot_compare_doubles (a, b);
}

/* The distinct values of group parameter @path over @groups, sorted. */
static GArray *
group_values (JsonArray *groups, const char *path)
{
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      double x = ps_summary_get_number (json_array_get_object_element (groups, g), path);
      gboolean seen = FALSE;

      for (guint k = 0; k < v->len && !seen; k++)
        seen = g_array_index (v, double, k) == x;
      if (!seen && isfinite (x))
        g_array_append_val (v, x);
    }
  g_array_sort (v, cmp_double_values);
  return v;
}

/* The load–span table of summary.json (lightest_by_group, issue 15) as a map: the
 * mass per metre of the lightest passing design of each group over the first two
 * grouped parameters (the others at their first value), empty where none passes. */
static PsChart *
beam_lightest_map (PsRunData *d, GError **error)
{
  JsonObject *s = ps_run_data_get_summary (d);
  JsonArray *by = ps_summary_get_array (s, "group_by");
  JsonArray *groups = ps_summary_get_array (s, "lightest_by_group");
  g_autoptr (GArray) xs = NULL;
  g_autoptr (GArray) ys = NULL;
  g_autofree double *vals = NULL;
  g_autoptr (GString) fixed = g_string_new (NULL);
  const char *xp, *yp = NULL;
  PsColumn *xc, *yc = NULL;
  JsonObject *first;
  PsChart *chart;

  if (by == NULL || groups == NULL || json_array_get_length (by) == 0
      || json_array_get_length (groups) == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the study has no group_by: there is no lightest design per group to "
                      "map"));
      return NULL;
    }
  xp = json_array_get_string_element (by, 0);
  if (json_array_get_length (by) > 1)
    yp = json_array_get_string_element (by, 1);
  xc = group_column (d, xp);
  yc = yp != NULL ? group_column (d, yp) : NULL;
  xs = group_values (groups, xp);
  ys = yp != NULL ? group_values (groups, yp) : NULL;
  first = json_array_get_object_element (groups, 0);
  for (guint i = 2; i < json_array_get_length (by); i++)
    {
      const char *path = json_array_get_string_element (by, i);

      g_string_append_printf (fixed, "%s%s = %.6g", fixed->len ? ", " : "", path,
                              ps_summary_get_number (first, path));
    }
  vals = g_new (double, MAX (1u, xs->len * (ys != NULL ? ys->len : 1u)));
  for (guint k = 0; k < xs->len * (ys != NULL ? ys->len : 1u); k++)
    vals[k] = NAN;
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *row = json_array_get_object_element (groups, g);
      JsonObject *l = ps_summary_get_object (row, "lightest");
      double xv = ps_summary_get_number (row, xp);
      guint ix = 0, iy = 0;
      gboolean other = FALSE;

      for (guint i = 2; i < json_array_get_length (by); i++)
        {
          const char *path = json_array_get_string_element (by, i);

          other = other || ps_summary_get_number (row, path) != ps_summary_get_number (first, path);
        }
      if (l == NULL || other)
        continue;
      while (ix < xs->len && g_array_index (xs, double, ix) != xv)
        ix++;
      if (ys != NULL)
        while (iy < ys->len && g_array_index (ys, double, iy) != ps_summary_get_number (row, yp))
          iy++;
      if (ix < xs->len && (ys == NULL || iy < ys->len))
        vals[iy * xs->len + ix] = ps_summary_get_number (l, "mass_per_metre");
    }
  {
    g_autofree char *t = make_title (_ ("Lightest passing per group"), fixed);

    if (ys == NULL)
      {
        int id;

        chart = ps_chart_new (PS_CHART_XY);
        ps_chart_set_title (chart, t);
        ps_chart_set_axis (chart, PS_AXIS_X, xc != NULL ? column_label (xc) : xp,
                           xc != NULL ? column_unit (xc) : "", PS_SCALE_LINEAR);
        ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Mass"), "kg/m", PS_SCALE_LINEAR);
        id = ps_chart_add_series (chart, _ ("lightest passing"), PS_SERIES_LINE,
                                  (const double *)xs->data, vals, xs->len);
        (void)id;
        ps_chart_set_legend (chart, PS_LEGEND_NONE);
        return chart;
      }
    chart = ps_chart_new (PS_CHART_HEATMAP);
    ps_chart_set_title (chart, t);
  }
  ps_chart_set_axis (chart, PS_AXIS_X, xc != NULL ? column_label (xc) : xp,
                     xc != NULL ? column_unit (xc) : "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, yc != NULL ? column_label (yc) : yp,
                     yc != NULL ? column_unit (yc) : "", PS_SCALE_LINEAR);
  ps_chart_set_heatmap (chart, (const double *)xs->data, xs->len, (const double *)ys->data, ys->len,
                        vals, _ ("Mass"), "kg/m");
  return chart;
}

const PsChartInfo ps_beam_charts[] = {
  { "output-vs-param", N_ ("An output against one parameter, one curve per value of another") },
  { "heatmap", N_ ("An output (utilisation by default) over two parameters") },
  { "passfail", N_ ("Pass / fail map over two parameters") },
  { "lightest", N_ ("The lightest passing design of each group of a study with group_by "
                    "(the load–span table), as a map of its mass per metre") },
  { "diagram", N_ ("Shear, moment or deflection along the beam of one configuration (--item I, "
                   "--y shear|moment|deflection)") },
  { NULL, NULL },
};

/* A bin's middle value along one axis of the pass map. */
static double *
map_axis_centres (JsonObject *axis, guint *n)
{
  JsonArray *from = ps_summary_get_array (axis, "from"), *to = ps_summary_get_array (axis, "to");
  double *c;

  *n = from != NULL && to != NULL ? MIN (json_array_get_length (from), json_array_get_length (to))
                                  : 0;
  c = g_new (double, MAX (*n, 1));
  for (guint i = 0; i < *n; i++)
    c[i] = 0.5 * (json_array_get_double_element (from, i) + json_array_get_double_element (to, i));
  return c;
}

/* The share of passing configurations over span × load, from the map every run
 * keeps in summary.json (its "pass_map"): the chart of a sweep too large to write
 * its rows. */
static PsChart *
pass_map_chart (JsonObject *map)
{
  /* A design study's map is over its two parameters with the most steps ("x", "y"). */
  gboolean design = ps_summary_get_object (map, "x") != NULL;
  JsonObject *span = ps_summary_get_object (map, design ? "x" : "span"),
             *load = ps_summary_get_object (map, design ? "y" : "load");
  JsonArray *computed = ps_summary_get_array (map, "computed");
  JsonArray *passing = ps_summary_get_array (map, "passing");
  guint ns, nl;
  g_autofree double *xs = map_axis_centres (span, &ns);
  g_autofree double *ys = map_axis_centres (load, &nl);
  g_autofree double *vals = g_new (double, MAX (ns * nl, 1));
  PsChart *chart = ps_chart_new (PS_CHART_HEATMAP);

  /* Cells are (load row, span column): the span along x as in the other maps. */
  for (guint i = 0; i < ns; i++)
    {
      JsonArray *c = computed != NULL && i < json_array_get_length (computed)
                         ? json_array_get_array_element (computed, i)
                         : NULL;
      JsonArray *p = passing != NULL && i < json_array_get_length (passing)
                         ? json_array_get_array_element (passing, i)
                         : NULL;

      for (guint k = 0; k < nl; k++)
        {
          double n = c != NULL && k < json_array_get_length (c)
                         ? (double)json_array_get_int_element (c, k)
                         : 0;
          double np = p != NULL && k < json_array_get_length (p)
                          ? (double)json_array_get_int_element (p, k)
                          : 0;

          vals[(gsize)k * ns + i] = n > 0 ? 100.0 * np / n : NAN;
        }
    }
  if (design)
    {
      const char *xn = ps_summary_get_string (span, "column");
      const char *yn = ps_summary_get_string (load, "column");
      const char *xl = name_label (xn != NULL ? xn : "x");
      const char *yl = name_label (yn != NULL ? yn : "y");
      g_autofree char *title
          = g_strdup_printf (_ ("Share of configurations that pass, by %s and %s"), xl, yl);

      ps_chart_set_title (chart, title);
      ps_chart_set_axis (chart, PS_AXIS_X, xl, ps_summary_get_string (span, "unit"),
                         PS_SCALE_LINEAR);
      ps_chart_set_axis (chart, PS_AXIS_Y, yl, ps_summary_get_string (load, "unit"),
                         PS_SCALE_LINEAR);
    }
  else
    {
      ps_chart_set_title (chart, _ ("Share of configurations that pass, by span and load"));
      ps_chart_set_axis (chart, PS_AXIS_X, _ ("Span"), ps_summary_get_string (span, "unit"),
                         PS_SCALE_LINEAR);
      ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Load"), ps_summary_get_string (load, "unit"),
                         PS_SCALE_LINEAR);
    }
  ps_chart_set_heatmap (chart, xs, ns, ys, nl, vals, _ ("Passing"), "%");
  return chart;
}

PsChart *
ps_beam_chart_build (PsRunData *d, const char *name, const PsPlotParams *params, GError **error)
{
  if (g_str_equal (name, "diagram"))
    return beam_diagram (d, params, error);
  if (g_str_equal (name, "lightest"))
    return beam_lightest_map (d, error);
  if (ps_run_data_get_n_rows (d) == 0)
    {
      JsonObject *map = ps_summary_get_object (ps_run_data_get_summary (d), "pass_map");

      if (map != NULL)
        return pass_map_chart (map);
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s: the run kept no result per configuration (results.csv), only its "
                      "summary; run it again writing every row to chart it"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  if (g_str_equal (name, "output-vs-param"))
    return beam_output_vs_param (d, params, error);
  return beam_heatmap (d, params, g_str_equal (name, "passfail"), error);
}

/* Whether @c is a dimension of a section chosen by designation ("IPE 300"): it
 * follows the section and is no parameter of its own. */
static gboolean
is_section_property (PsRunData *d, const PsColumn *c)
{
  static const char *const dims[] = { "b_m", "h_m", "d_m", "D_outer_m", "t_m" };
  PsColumn *section = ps_run_data_find_column (d, "section");

  if (section == NULL || !varies (d, section))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    if (g_str_equal (c->name, dims[i]))
      return TRUE;
  return FALSE;
}

/* The grid's parameters that vary, with their values (ps_plot_study_parameters()). */
GPtrArray *
ps_beam_chart_parameters (PsRunData *d)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)ps_plot_parameter_free);
  guint n = ps_run_data_get_n_rows (d);
  g_autofree guint *all = g_new (guint, MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    all[i] = i;
  for (guint p = 0; p < ps_run_data_get_n_columns (d); p++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, p);
      g_autoptr (GArray) firsts = NULL;
      PsPlotParameter *par;
      guint mid;

      if (!is_param (c) || is_section_property (d, c))
        continue;
      firsts = distinct_rows (d, c);
      if (firsts->len < 2)
        continue;
      mid = ps_column_middle_row (c, all, n);
      par = g_new0 (PsPlotParameter, 1);
      par->name = g_strdup (c->name);
      par->label = param_label_dup (c);
      par->keys = g_ptr_array_new_with_free_func (g_free);
      par->texts = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < firsts->len; k++)
        {
          guint r = g_array_index (firsts, guint, k);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ptr_array_add (par->keys, c->is_text
                                          ? g_strdup (c->text[r])
                                          : g_strdup (g_ascii_dtostr (buf, sizeof buf, c->num[r])));
          g_ptr_array_add (par->texts, format_value (c, r));
          if (ps_column_row_key (c, r) == ps_column_row_key (c, mid))
            par->middle = k;
        }
      g_ptr_array_add (out, par);
    }
  return out;
}

/* A configuration in full, for the screen: material, section (b × h), every swept
 * parameter, mass and utilisation. */
GPtrArray *
ps_beam_item_figures (PsRunData *d, const char *item, GError **error)
{
  PsColumn *ic = ps_run_data_find_column (d, "item");
  PsColumn *b = ps_run_data_find_column (d, "b_m"), *h = ps_run_data_find_column (d, "h_m");
  PsColumn *u = ps_run_data_find_column (d, "u_max");
  static const char *const outputs[]
      = { "mass_kg_per_m", "governing_check", "governing_combination" };
  GPtrArray *rows;
  char *end = NULL;
  double want = item != NULL ? g_ascii_strtod (item, &end) : NAN;
  gint row = -1;

  for (guint r = 0; ic != NULL && end != item && r < ps_run_data_get_n_rows (d) && row < 0; r++)
    if (ic->num[r] == want)
      row = (gint)r;
  if (row < 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("item %s: not a row of results.csv"),
                   item != NULL ? item : "");
      return NULL;
    }
  if (u == NULL)
    u = ps_run_data_find_column (d, "utilisation");
  {
    PsColumn *section = ps_run_data_find_column (d, "section");

    /* b × h names a rectangle; a designation names its section itself. */
    if (section != NULL && section->is_text && g_strcmp0 (section->text[row], "rectangular") != 0)
      b = h = NULL;
  }
  rows = ps_summary_rows_new ();
  for (guint p = 0; p < ps_run_data_get_n_columns (d); p++)
    {
      PsColumn *c = ps_run_data_get_nth_column (d, p);

      if (!is_param (c) || (!c->is_text && isnan (c->num[row])) || is_section_property (d, c))
        continue;
      /* A rectangle's width and depth together, as an engineer names it. */
      if (b != NULL && c == b && h != NULL && !isnan (h->num[row]))
        {
          ps_summary_add (rows, "b_x_h", _ ("Section b × h"), PS_SUMMARY_TEXT, "",
                          g_strdup_printf ("%.4g × %.4g mm", b->num[row] * 1e3, h->num[row] * 1e3));
          continue;
        }
      if (h != NULL && c == h && b != NULL && !isnan (b->num[row]))
        continue;
      if (!c->is_text && !varies (d, c) && !g_str_equal (c->name, "span_m"))
        continue;
      {
        g_autofree char *label = param_label_dup (c);

        ps_summary_add (rows, c->name, label, PS_SUMMARY_TEXT, "", format_value (c, (guint)row));
      }
    }
  for (guint k = 0; k < G_N_ELEMENTS (outputs); k++)
    {
      PsColumn *c = ps_run_data_find_column (d, outputs[k]);

      if (c != NULL && (c->is_text ? c->text[row][0] != '\0' : !isnan (c->num[row])))
        ps_summary_add (rows, c->name,
                        g_str_equal (c->name, "governing_check") ? _ ("Governing check")
                        : g_str_equal (c->name, "governing_combination")
                            ? _ ("Governing combination")
                            : column_label (c),
                        PS_SUMMARY_TEXT, "",
                        c->is_text ? g_strdup (c->text[row]) : format_value (c, (guint)row));
    }
  if (u != NULL && !isnan (u->num[row]))
    ps_summary_add (rows, u->name, column_label (u), PS_SUMMARY_TEXT, "",
                    g_strdup_printf ("%.3f", u->num[row]));
  return rows;
}
