/* ps-plot-study.c: a run directory's data, the charts of a run (each kind builds its
 * own, in its folder: PsKindClass.chart_build) and the scaling charts.
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/ps-plot-study-private.h"
#include "ps-error.h"
#include "study/ps-study-private.h"

typedef PsColumn Column;

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
const PsStudy *
ps_run_data_get_study (PsRunData *d, GError **error)
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

PsColumn *
ps_run_data_find_column (const PsRunData *d, const char *name)
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

guint
ps_run_data_get_n_columns (const PsRunData *d)
{
  return d->columns->len;
}

PsColumn *
ps_run_data_get_nth_column (const PsRunData *d, guint i)
{
  return g_ptr_array_index (d->columns, i);
}

gboolean
ps_run_data_has_column (const PsRunData *d, const char *name)
{
  return ps_run_data_find_column (d, name) != NULL;
}

const double *
ps_run_data_get_column (PsRunData *d, const char *name)
{
  Column *c = ps_run_data_find_column (d, name);

  return c != NULL ? c->num : NULL;
}

const char *const *
ps_run_data_get_text_column (PsRunData *d, const char *name)
{
  Column *c = ps_run_data_find_column (d, name);

  return c != NULL ? (const char *const *)c->text : NULL;
}

guint
ps_column_count_distinct (const PsColumn *c, const guint *rows, guint n)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *keys = g_new (guint64, n);

  for (guint i = 0; i < n; i++)
    {
      keys[i] = ps_column_row_key (c, rows[i]);
      g_hash_table_add (seen, &keys[i]);
    }
  return g_hash_table_size (seen);
}

int
ps_plot_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The middle distinct value of @c over @rows: numbers sorted, text in order of
 * first appearance (grid order). Returns the row holding it. */
guint
ps_column_middle_row (const PsColumn *c, const guint *rows, guint n)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *keys = g_new (guint64, n);
  g_autoptr (GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      keys[i] = ps_column_row_key (c, rows[i]);
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
      qsort (vals, firsts->len, sizeof (double), ps_plot_compare_doubles);
      mid = vals[(firsts->len - 1) / 2];
      for (guint i = 0; i < firsts->len; i++)
        if (c->num[g_array_index (firsts, guint, i)] == mid)
          return g_array_index (firsts, guint, i);
    }
  return g_array_index (firsts, guint, (firsts->len - 1) / 2);
}

static const PsChartInfo scaling_charts[] = {
  { "speedup", N_ ("Speedup against workers, with the ideal line and the fit") },
  { "efficiency", N_ ("Parallel efficiency against workers") },
  { "time", N_ ("Wall time against workers or size, log–log") },
  { NULL, NULL },
};

const PsChartInfo *
ps_plot_charts_for_kind (const char *kind)
{
  const PsKindClass *k;

  if (g_strcmp0 (kind, "scaling") == 0)
    return scaling_charts;
  k = ps_kind_lookup (kind);
  return k != NULL ? k->charts : NULL;
}

static char *
chart_names (const PsKindClass *kind)
{
  GString *s = g_string_new (NULL);

  for (const PsChartInfo *c = kind->charts; c != NULL && c->name != NULL; c++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", c->name);
  return g_string_free (s, FALSE);
}

PsChart *
ps_plot_study_chart (PsRunData *d, const char *name, const PsPlotParams *params, GError **error)
{
  PsPlotParams none = { NULL, NULL, NULL, NULL, NULL };
  gboolean found = FALSE;

  if (params == NULL)
    params = &none;
  for (const PsChartInfo *c = d->kind->charts; c != NULL && c->name != NULL; c++)
    found |= g_str_equal (c->name, name);
  if (!found)
    {
      g_autofree char *list = chart_names (d->kind);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--chart %s: not a chart of a %s study (available: %s)"), name, d->kind->name,
                   list);
      return NULL;
    }
  return d->kind->chart_build (d, name, params, error);
}

void
ps_plot_parameter_free (PsPlotParameter *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->label);
  g_clear_pointer (&p->keys, g_ptr_array_unref);
  g_clear_pointer (&p->texts, g_ptr_array_unref);
  g_free (p);
}

GPtrArray *
ps_plot_study_parameters (PsRunData *d)
{
  if (d->kind->chart_parameters == NULL || ps_run_data_get_n_rows (d) == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)ps_plot_parameter_free);
  return d->kind->chart_parameters (d);
}

GPtrArray *
ps_plot_study_item_figures (PsRunData *d, const char *item, GError **error)
{
  if (d->kind->item_figures == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("a %s study has no figures per item"),
                   d->kind->name);
      return NULL;
    }
  return d->kind->item_figures (d, item, error);
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
              double e = member_double (fit, "exponent");
              double c0 = member_double (fit, "c0"), c1 = member_double (fit, "c1");
              gint64 j = json_object_get_int_member_with_default (fit, "log_exponent", 0);
              const char *term = json_object_get_string_member_with_default (fit, "term", NULL);

              /* The fitted model T(n) = c0 + c1 n^b log2(n)^j (ps-scaling.h). A file of an
               * earlier version has the exponent only: T = c n^b through the points. */
              if (!isfinite (c1))
                {
                  double lc = 0;
                  guint m = 0;

                  for (guint k = 0; k < n; k++)
                    if (x[k] > 0 && y[k] > 0)
                      {
                        lc += log (y[k]) - e * log (x[k]);
                        m++;
                      }
                  c0 = 0.0;
                  c1 = m > 0 ? exp (lc / m) : NAN;
                  j = 0;
                }
              if (isfinite (e) && isfinite (c1))
                {
                  for (int k = 0; k <= 100; k++)
                    {
                      fx[k] = lo * pow (hi / lo, k / 100.0);
                      fy[k] = (isfinite (c0) ? c0 : 0.0)
                              + c1 * pow (fx[k], e) * pow (log2 (fx[k]), (double)j);
                    }
                  if (term != NULL)
                    label = g_strdup_printf (_ ("%s: fit T = c₀ + c₁·%s"), backend, term);
                  else
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
