#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "study/ps-json.h"
#include "ps-machine.h"
#include "ps-scaling.h"
#include "study/ps-study-private.h"

const char *
ps_scaling_mode_name (PsScalingMode mode)
{
  switch (mode)
    {
    case PS_SCALING_STRONG:
      return "strong";
    case PS_SCALING_WEAK:
      return "weak";
    case PS_SCALING_SIZE:
      return "size";
    default:
      return "unknown";
    }
}

gboolean
ps_scaling_mode_from_name (const char *name, PsScalingMode *mode)
{
  for (int m = PS_SCALING_STRONG; m <= PS_SCALING_SIZE; m++)
    if (g_strcmp0 (name, ps_scaling_mode_name ((PsScalingMode)m)) == 0)
      {
        *mode = (PsScalingMode)m;
        return TRUE;
      }
  return FALSE;
}

void
ps_scaling_default_workers (int cores, GArray *out)
{
  for (int w = 1; w < cores; w *= 2)
    g_array_append_val (out, w);
  cores = MAX (cores, 1);
  g_array_append_val (out, cores);
}

gboolean
ps_scaling_parse_workers (const char *text, GArray *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint before = out->len;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 v;
      int w;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 1, 65536, &v, NULL))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("\"%s\" is not a worker count between 1 and 65536"), parts[i]);
          g_array_set_size (out, before);
          return FALSE;
        }
      w = (int)v;
      g_array_append_val (out, w);
    }
  return TRUE;
}

static const PsScalingPoint *
one_worker_point (const PsScalingPoint *points, guint n)
{
  for (guint i = 0; i < n; i++)
    if (points[i].workers == 1)
      return &points[i];
  return NULL;
}

void
ps_scaling_compute_metrics (PsScalingMode mode, PsScalingPoint *points, guint n)
{
  const PsScalingPoint *base = one_worker_point (points, n);

  for (guint i = 0; i < n; i++)
    {
      PsScalingPoint *pt = &points[i];
      double p = pt->workers, tp = pt->wall_median, t1;

      pt->speedup = pt->efficiency = pt->overhead = pt->karp_flatt = NAN;
      if (mode == PS_SCALING_SIZE || base == NULL || !(tp > 0.0))
        continue;
      t1 = base->wall_median;
      if (mode == PS_SCALING_STRONG)
        {
          pt->speedup = t1 / tp;
          pt->efficiency = pt->speedup / p;
          pt->overhead = p * tp - t1;
        }
      else
        {
          pt->speedup = p * t1 / tp; /* scaled speedup */
          pt->efficiency = t1 / tp;
          pt->overhead = p * (tp - t1);
        }
      if (pt->workers > 1)
        pt->karp_flatt = (1.0 / pt->speedup - 1.0 / p) / (1.0 - 1.0 / p);
    }
}

/* Least squares through the origin, y = s x: s and its standard error. */
static gboolean
fit_origin (const double *x, const double *y, guint n, double *s, double *se)
{
  double sxx = 0.0, sxy = 0.0, rss = 0.0;

  for (guint i = 0; i < n; i++)
    {
      sxx += x[i] * x[i];
      sxy += x[i] * y[i];
    }
  if (n < 1 || !(sxx > 0.0))
    return FALSE;
  *s = sxy / sxx;
  for (guint i = 0; i < n; i++)
    {
      double r = y[i] - *s * x[i];

      rss += r * r;
    }
  *se = n > 1 ? sqrt (rss / (double)(n - 1) / sxx) : NAN;
  return TRUE;
}

static void
fit_clear (PsScalingFit *fit)
{
  memset (fit, 0, sizeof *fit);
  fit->serial_fraction = fit->serial_fraction_se = fit->max_speedup = NAN;
  fit->exponent = fit->exponent_se = NAN;
}

/* The serial fraction s by least squares through the origin, y = s x, over the points
 * with p > 1 workers (T1 the 1-worker point):
 *   Amdahl (strong):   Tp / T1 = s + (1 - s) / p   ->  x = 1 - 1/p, y = Tp/T1 - 1/p;
 *   Gustafson (weak):  p T1 / Tp = p - s (p - 1)   ->  x = p - 1,   y = p - p T1/Tp. */
static gboolean
fit_serial_fraction (const PsScalingPoint *points, guint n, gboolean gustafson, PsScalingFit *fit)
{
  const PsScalingPoint *base = one_worker_point (points, n);
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  guint m = 0;

  fit_clear (fit);
  if (base == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (points[i].workers > 1 && points[i].wall_median > 0.0)
      {
        double p = points[i].workers, ratio = points[i].wall_median / base->wall_median;

        x[m] = gustafson ? p - 1.0 : 1.0 - 1.0 / p;
        y[m] = gustafson ? p - p / ratio : ratio - 1.0 / p;
        m++;
      }
  if (!fit_origin (x, y, m, &fit->serial_fraction, &fit->serial_fraction_se))
    return FALSE;
  fit->model = gustafson ? "gustafson" : "amdahl";
  if (!gustafson && fit->serial_fraction > 0.0)
    fit->max_speedup = 1.0 / fit->serial_fraction;
  return TRUE;
}

gboolean
ps_scaling_fit_amdahl (const PsScalingPoint *points, guint n, PsScalingFit *fit)
{
  return fit_serial_fraction (points, n, FALSE, fit);
}

gboolean
ps_scaling_fit_gustafson (const PsScalingPoint *points, guint n, PsScalingFit *fit)
{
  return fit_serial_fraction (points, n, TRUE, fit);
}

gboolean
ps_scaling_fit_size (const PsScalingPoint *points, guint n, PsScalingFit *fit)
{
  double sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0, rss = 0.0, mx, my, b, a;
  guint m = 0;

  fit_clear (fit);
  for (guint i = 0; i < n; i++)
    if (points[i].size > 0 && points[i].wall_median > 0.0)
      {
        sx += log ((double)points[i].size);
        sy += log (points[i].wall_median);
        m++;
      }
  if (m < 2)
    return FALSE;
  mx = sx / m;
  my = sy / m;
  for (guint i = 0; i < n; i++)
    if (points[i].size > 0 && points[i].wall_median > 0.0)
      {
        double dx = log ((double)points[i].size) - mx;

        sxx += dx * dx;
        sxy += dx * (log (points[i].wall_median) - my);
      }
  if (!(sxx > 0.0))
    return FALSE;
  b = sxy / sxx;
  a = my - b * mx;
  for (guint i = 0; i < n; i++)
    if (points[i].size > 0 && points[i].wall_median > 0.0)
      {
        double r = log (points[i].wall_median) - (a + b * log ((double)points[i].size));

        rss += r * r;
      }
  fit->model = "size";
  fit->exponent = b;
  fit->exponent_se = m > 2 ? sqrt (rss / (double)(m - 2) / sxx) : NAN;
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, (int (*) (const void *, const void *))compare_doubles);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void
series_free (gpointer data)
{
  PsScalingSeries *s = data;

  g_free (s->backend);
  g_array_unref (s->points);
  g_free (s);
}

void
ps_scaling_result_free (PsScalingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->study_name);
  g_free (result->study_kind);
  g_free (result->study_checksum);
  g_free (result->study_path);
  g_free (result->started);
  g_ptr_array_unref (result->series);
  g_free (result);
}

/* One point: a fresh copy of the study at @size items, @warmup untimed runs and
 * @repeats timed ones. */
static gboolean
measure (const PsStudy *study, const PsScalingOptions *o, const char *backend, int workers,
         guint64 size, PsScalingPoint *pt, GError **error)
{
  g_autoptr (PsStudy) copy = NULL;
  g_autofree double *wall = g_new (double, MAX (o->repeats, 1u));
  g_autofree double *cpu = g_new (double, MAX (o->repeats, 1u));
  PsRunOptions ro;

  copy = ps_study_load_data_at (study->text, (gssize)study->text_length, study->path, error);
  if (copy == NULL || !ps_study_set_items (copy, size, error))
    return FALSE;
  ps_run_options_init (&ro);
  ro.backend = backend;
  ro.workers = workers;
  ro.rows = PS_ROWS_NONE;
  ro.cancel = o->cancel;

  memset (pt, 0, sizeof *pt);
  pt->workers = workers;
  pt->size = copy->n_items;
  pt->oversubscribed = workers > ps_machine_get ()->cores;
  pt->repeats = o->repeats;
  for (guint r = 0; r < o->warmup + o->repeats; r++)
    {
      g_autoptr (PsRunResult) run = ps_run_study (copy, &ro, error);

      if (run == NULL)
        return FALSE;
      if (r < o->warmup)
        continue;
      wall[r - o->warmup] = run->wall_seconds;
      cpu[r - o->warmup] = run->cpu_seconds;
      pt->size = run->items;
      if (o->run_done != NULL)
        o->run_done (copy, run, o->run_done_data);
    }
  /* median() sorts, so the extremes are at the ends afterwards. */
  pt->wall_median = median (wall, o->repeats);
  pt->wall_min = wall[0];
  pt->wall_max = wall[o->repeats - 1];
  pt->cpu_median = median (cpu, o->repeats);
  return TRUE;
}

PsScalingResult *
ps_scaling_run (const PsStudy *study, const PsScalingOptions *o, GError **error)
{
  g_autoptr (PsScalingResult) result = g_new0 (PsScalingResult, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_backends = 0, total, done = 0;

  if (study->text == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("the study has no text to run again"));
      return NULL;
    }
  if (o->repeats < 1)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--repeats: at least 1"));
      return NULL;
    }
  while (o->backends != NULL && o->backends[n_backends] != NULL)
    n_backends++;
  if (n_backends == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--backend: name at least one backend"));
      return NULL;
    }
  for (guint b = 0; b < n_backends; b++)
    {
      PsRunOptions ro;

      ps_run_options_init (&ro);
      ro.backend = o->backends[b];
      if (!ps_run_check_options (&ro, error))
        return NULL;
    }

  if (o->mode == PS_SCALING_SIZE)
    {
      int w = o->n_workers > 0 ? o->workers[0] : 1;

      if (o->n_workers > 1)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("--size-scaling runs at one worker count (got %u)"), o->n_workers);
          return NULL;
        }
      if (o->n_sizes < 2)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("--size-scaling needs at least two sizes"));
          return NULL;
        }
      g_array_append_val (counts, w);
    }
  else
    {
      int one = 1;

      if (o->n_workers == 0)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--workers: name the worker counts"));
          return NULL;
        }
      g_array_append_val (counts, one);
      for (guint i = 0; i < o->n_workers; i++)
        {
          gboolean seen = FALSE;

          if (o->workers[i] < 1)
            {
              g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--workers: %d is not ≥ 1"),
                           o->workers[i]);
              return NULL;
            }
          for (guint j = 0; j < counts->len; j++)
            seen |= g_array_index (counts, int, j) == o->workers[i];
          if (!seen)
            g_array_append_val (counts, o->workers[i]);
        }
    }
  for (guint i = 0; i < o->n_sizes; i++)
    if (!(o->sizes[i] > 0.0) || !isfinite (o->sizes[i]))
      {
        g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--sizes: %g is not a positive factor"),
                     o->sizes[i]);
        return NULL;
      }

  result->mode = o->mode;
  result->repeats = o->repeats;
  result->study_name = g_strdup (study->name);
  result->study_kind = g_strdup (ps_study_get_kind_name (study));
  result->study_checksum = g_strdup (study->checksum);
  result->study_path = g_strdup (study->path);
  result->started = g_date_time_format_iso8601 (now);
  result->series = g_ptr_array_new_with_free_func (series_free);
  total = n_backends * (o->mode == PS_SCALING_SIZE ? o->n_sizes : counts->len);

  for (guint b = 0; b < n_backends; b++)
    {
      PsScalingSeries *s = g_new0 (PsScalingSeries, 1);
      guint n = o->mode == PS_SCALING_SIZE ? o->n_sizes : counts->len;

      s->backend = g_strdup (o->backends[b]);
      s->points = g_array_new (FALSE, TRUE, sizeof (PsScalingPoint));
      g_ptr_array_add (result->series, s);
      for (guint i = 0; i < n; i++)
        {
          int w = o->mode == PS_SCALING_SIZE ? g_array_index (counts, int, 0)
                                             : g_array_index (counts, int, i);
          double factor = o->mode == PS_SCALING_SIZE   ? o->sizes[i]
                          : o->mode == PS_SCALING_WEAK ? (double)w
                                                       : 1.0;
          guint64 size = (guint64)MAX (1.0, llround ((double)study->n_items * factor));
          PsScalingPoint pt;

          if (!measure (study, o, s->backend, w, size, &pt, error))
            return NULL;
          g_array_append_val (s->points, pt);
          if (o->progress != NULL)
            {
              PsScalingProgress p = { pt, s->backend, ++done, total };

              o->progress (&p, o->progress_data);
            }
        }
      ps_scaling_compute_metrics (o->mode, (PsScalingPoint *)s->points->data, s->points->len);
      if (o->mode == PS_SCALING_STRONG)
        ps_scaling_fit_amdahl ((PsScalingPoint *)s->points->data, s->points->len, &s->fit);
      else if (o->mode == PS_SCALING_WEAK)
        ps_scaling_fit_gustafson ((PsScalingPoint *)s->points->data, s->points->len, &s->fit);
      else
        ps_scaling_fit_size ((PsScalingPoint *)s->points->data, s->points->len, &s->fit);
    }
  return g_steal_pointer (&result);
}

char *
ps_scaling_result_to_json (const PsScalingResult *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "parastudy_scaling");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "parastudy_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, ps_scaling_mode_name (r->mode));
  json_builder_set_member_name (b, "repeats");
  json_builder_add_int_value (b, r->repeats);
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, r->started);
  json_builder_set_member_name (b, "study");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->study_name);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, r->study_kind);
  json_builder_set_member_name (b, "checksum");
  json_builder_add_string_value (b, r->study_checksum);
  if (r->study_path != NULL)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, r->study_path);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "machine");
  ps_machine_to_json (ps_machine_get (), b);
  json_builder_set_member_name (b, "series");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->series->len; i++)
    {
      const PsScalingSeries *s = g_ptr_array_index (r->series, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "backend");
      json_builder_add_string_value (b, s->backend);
      json_builder_set_member_name (b, "points");
      json_builder_begin_array (b);
      for (guint j = 0; j < s->points->len; j++)
        {
          const PsScalingPoint *p = &g_array_index (s->points, PsScalingPoint, j);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "workers");
          json_builder_add_int_value (b, p->workers);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, (gint64)p->size);
          json_builder_set_member_name (b, "oversubscribed");
          json_builder_add_boolean_value (b, p->oversubscribed);
          ps_json_add_number (b, "wall_min", p->wall_min);
          ps_json_add_number (b, "wall_median", p->wall_median);
          ps_json_add_number (b, "wall_max", p->wall_max);
          ps_json_add_number (b, "cpu_median", p->cpu_median);
          ps_json_add_number (b, "speedup", p->speedup);
          ps_json_add_number (b, "efficiency", p->efficiency);
          ps_json_add_number (b, "overhead", p->overhead);
          ps_json_add_number (b, "karp_flatt", p->karp_flatt);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "fit");
      if (s->fit.model == NULL)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "model");
          json_builder_add_string_value (b, s->fit.model);
          if (g_str_equal (s->fit.model, "size"))
            {
              ps_json_add_number (b, "exponent", s->fit.exponent);
              ps_json_add_number (b, "exponent_se", s->fit.exponent_se);
            }
          else
            {
              ps_json_add_number (b, "serial_fraction", s->fit.serial_fraction);
              ps_json_add_number (b, "serial_fraction_se", s->fit.serial_fraction_se);
              ps_json_add_number (b, "max_speedup", s->fit.max_speedup);
            }
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return ps_json_builder_to_data (b, TRUE);
}

static void
csv_number (GString *out, double v)
{
  if (isfinite (v))
    g_string_append_printf (out, ",%.9g", v);
  else
    g_string_append_c (out, ',');
}

char *
ps_scaling_result_to_csv (const PsScalingResult *r)
{
  GString *out = g_string_new ("backend,mode,workers,size,oversubscribed,repeats,wall_min,"
                               "wall_median,wall_max,cpu_median,speedup,efficiency,overhead,"
                               "karp_flatt\n");

  for (guint i = 0; i < r->series->len; i++)
    {
      const PsScalingSeries *s = g_ptr_array_index (r->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          const PsScalingPoint *p = &g_array_index (s->points, PsScalingPoint, j);

          g_string_append_printf (out, "%s,%s,%d,%" G_GUINT64_FORMAT ",%s,%u", s->backend,
                                  ps_scaling_mode_name (r->mode), p->workers, p->size,
                                  p->oversubscribed ? "yes" : "no", p->repeats);
          csv_number (out, p->wall_min);
          csv_number (out, p->wall_median);
          csv_number (out, p->wall_max);
          csv_number (out, p->cpu_median);
          csv_number (out, p->speedup);
          csv_number (out, p->efficiency);
          csv_number (out, p->overhead);
          csv_number (out, p->karp_flatt);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
ps_scaling_result_write (const PsScalingResult *r, const char *dir, GError **error)
{
  g_autofree char *json = ps_scaling_result_to_json (r);
  g_autofree char *csv = ps_scaling_result_to_csv (r);
  g_autofree char *json_path = g_build_filename (dir, "scaling.json", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "scaling.csv", NULL);
  g_autoptr (GError) local = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("cannot create the output folder %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  /* g_file_set_contents writes a temporary file and renames it into place. */
  if (!g_file_set_contents (csv_path, csv, -1, &local)
      || !g_file_set_contents (json_path, json, -1, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
