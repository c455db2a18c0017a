#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "ps-error.h"
#include "study/ps-json.h"
#include "ps-machine.h"
#include "ps-scaling.h"
#include "study/ps-study-private.h"
#include "ps-stats.h"

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

/* The interval of a point's median time: its 95 % interval when known, else the
 * range of its samples (a point of one or few samples). */
static void
median_bounds (const PsScalingPoint *p, double *lo, double *hi)
{
  if (p->wall_median_lo > 0.0 && p->wall_median_hi >= p->wall_median_lo)
    {
      *lo = p->wall_median_lo;
      *hi = p->wall_median_hi;
    }
  else
    {
      *lo = p->wall_min > 0.0 ? p->wall_min : p->wall_median;
      *hi = p->wall_max > 0.0 ? p->wall_max : p->wall_median;
    }
}

/* Karp-Flatt's serial fraction from a speedup S at p workers. */
static double
karp_flatt (double S, double p)
{
  return (1.0 / S - 1.0 / p) / (1.0 - 1.0 / p);
}

/* Karp-Flatt is reported only where the noise of the speedup moves it by less than
 * this (it is a fraction of the run: an interval wider than 0.1 says nothing). */
#define KF_MAX_WIDTH 0.1

void
ps_scaling_compute_metrics (PsScalingMode mode, PsScalingPoint *points, guint n)
{
  const PsScalingPoint *base = one_worker_point (points, n);
  double t1_lo = NAN, t1_hi = NAN, last_kf = NAN;

  if (base != NULL)
    median_bounds (base, &t1_lo, &t1_hi);
  for (guint i = 0; i < n; i++)
    {
      PsScalingPoint *pt = &points[i];
      double p = pt->workers, tp = pt->wall_median, t1, tp_lo, tp_hi;

      pt->speedup = pt->efficiency = pt->overhead = pt->karp_flatt = NAN;
      pt->speedup_lo = pt->speedup_hi = pt->efficiency_lo = pt->efficiency_hi = NAN;
      pt->warnings &= ~(guint)(PS_SCALING_WARN_WIDE | PS_SCALING_WARN_KF_UNDEFINED
                               | PS_SCALING_WARN_KF_RISING);
      if (mode == PS_SCALING_SIZE || base == NULL || !(tp > 0.0) || !(base->wall_median > 0.0))
        continue;
      t1 = base->wall_median;
      median_bounds (pt, &tp_lo, &tp_hi);
      if (mode == PS_SCALING_STRONG)
        {
          pt->speedup = t1 / tp;
          pt->efficiency = pt->speedup / p;
          pt->overhead = p * tp - t1;
          pt->speedup_lo = t1_lo / tp_hi;
          pt->speedup_hi = t1_hi / tp_lo;
          pt->efficiency_lo = pt->speedup_lo / p;
          pt->efficiency_hi = pt->speedup_hi / p;
        }
      else
        {
          pt->speedup = p * t1 / tp; /* scaled speedup */
          pt->efficiency = t1 / tp;
          pt->overhead = p * (tp - t1);
          pt->speedup_lo = p * t1_lo / tp_hi;
          pt->speedup_hi = p * t1_hi / tp_lo;
          pt->efficiency_lo = t1_lo / tp_hi;
          pt->efficiency_hi = t1_hi / tp_lo;
        }
      if (pt->workers > 1)
        {
          /* The effect is the speedup's distance from 1 (no gain); an interval wider
           * than that cannot tell a gain from noise. */
          if (pt->speedup_hi - pt->speedup_lo > fabs (pt->speedup - 1.0))
            pt->warnings |= PS_SCALING_WARN_WIDE;
          double kf = karp_flatt (pt->speedup, p);
          double kf_a = karp_flatt (pt->speedup_lo, p), kf_b = karp_flatt (pt->speedup_hi, p);

          if (isfinite (kf) && isfinite (kf_a) && isfinite (kf_b)
              && fabs (kf_a - kf_b) <= KF_MAX_WIDTH && kf > -0.5 && kf < 1.5)
            {
              pt->karp_flatt = kf;
              /* Rising by more than its noise from the previous worker count: the
               * overhead grows with p, which a constant serial fraction would not. */
              if (isfinite (last_kf) && kf > last_kf + 0.5 * fabs (kf_a - kf_b) + 0.01)
                pt->warnings |= PS_SCALING_WARN_KF_RISING;
              last_kf = kf;
            }
          else
            pt->warnings |= PS_SCALING_WARN_KF_UNDEFINED;
        }
    }
}

double
ps_scaling_timer_resolution (void)
{
  struct timespec res;

  if (clock_getres (CLOCK_MONOTONIC, &res) != 0)
    return 1e-6;
  return MAX ((double)res.tv_sec + 1e-9 * (double)res.tv_nsec, 1e-9);
}

void
ps_scaling_fit_clear (PsScalingFit *fit)
{
  memset (fit, 0, sizeof *fit);
  fit->serial_fraction = fit->serial_fraction_se = fit->max_speedup = NAN;
  fit->serial_fraction_lo = fit->serial_fraction_hi = NAN;
  fit->max_speedup_lo = fit->max_speedup_hi = NAN;
  fit->exponent = fit->exponent_se = fit->c0 = fit->c1 = fit->adj_r2 = NAN;
  fit->runner_up_adj_r2 = NAN;
}

/* The serial fraction s by weighted least squares through the origin, y = s x, over
 * the points with p > 1 workers (T1 the 1-worker point), held in [0, 1]:
 *   Amdahl (strong):   Tp / T1 = s + (1 - s) / p   ->  x = 1 - 1/p, y = Tp/T1 - 1/p;
 *   Gustafson (weak):  p T1 / Tp = p - s (p - 1)   ->  x = p - 1,   y = p - p T1/Tp.
 * The weights are 1/sigma^2 of y, sigma taken from the intervals of the two medians
 * (half-width / 1.96, relative errors added in quadrature); without intervals for
 * every point, the fit is unweighted. The objective is convex in s, so the bounded
 * least-squares solution is the unbounded one clamped to [0, 1]. */
static gboolean
fit_serial_fraction (const PsScalingPoint *points, guint n, gboolean gustafson, PsScalingFit *fit)
{
  const PsScalingPoint *base = one_worker_point (points, n);
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree double *w = g_new (double, n);
  double t1_lo, t1_hi, swxx = 0.0, swxy = 0.0, rss = 0.0, s, se;
  gboolean weighted = TRUE;
  guint m = 0;

  ps_scaling_fit_clear (fit);
  if (base == NULL || !(base->wall_median > 0.0))
    return FALSE;
  median_bounds (base, &t1_lo, &t1_hi);
  for (guint i = 0; i < n; i++)
    if (points[i].workers > 1 && points[i].wall_median > 0.0)
      {
        double p = points[i].workers, ratio = points[i].wall_median / base->wall_median;
        double lo, hi, r1, rp, dy;

        median_bounds (&points[i], &lo, &hi);
        x[m] = gustafson ? p - 1.0 : 1.0 - 1.0 / p;
        y[m] = gustafson ? p - p / ratio : ratio - 1.0 / p;
        r1 = (t1_hi - t1_lo) / (2.0 * 1.96 * base->wall_median);
        rp = (hi - lo) / (2.0 * 1.96 * points[i].wall_median);
        /* y's error: ratio's relative error times ratio (Amdahl) or p/ratio (Gustafson). */
        dy = (gustafson ? p / ratio : ratio) * sqrt (r1 * r1 + rp * rp);
        if (dy > 0.0 && isfinite (dy))
          w[m] = 1.0 / (dy * dy);
        else
          weighted = FALSE;
        m++;
      }
  if (m < 1)
    return FALSE;
  for (guint i = 0; i < m; i++)
    {
      double wi = weighted ? w[i] : 1.0;

      swxx += wi * x[i] * x[i];
      swxy += wi * x[i] * y[i];
    }
  if (!(swxx > 0.0))
    return FALSE;
  s = CLAMP (swxy / swxx, 0.0, 1.0);
  for (guint i = 0; i < m; i++)
    {
      double r = y[i] - s * x[i];

      rss += (weighted ? w[i] : 1.0) * r * r;
    }
  /* Weighted: the weights carry the scale, and the residual variance is rescaled
   * only when the data scatter more than their intervals say (Birge ratio > 1). */
  if (weighted)
    se = sqrt (MAX (1.0, m > 1 ? rss / (double)(m - 1) : 1.0) / swxx);
  else
    se = m > 1 ? sqrt (rss / (double)(m - 1) / swxx) : NAN;
  fit->model = gustafson ? "gustafson" : "amdahl";
  fit->weighted = weighted;
  fit->serial_fraction = s;
  fit->serial_fraction_se = se;
  if (isfinite (se))
    {
      fit->serial_fraction_lo = CLAMP (s - 1.96 * se, 0.0, 1.0);
      fit->serial_fraction_hi = CLAMP (s + 1.96 * se, 0.0, 1.0);
    }
  if (!gustafson && s > 0.0)
    {
      fit->max_speedup = 1.0 / s;
      if (isfinite (fit->serial_fraction_hi) && fit->serial_fraction_hi > 0.0)
        fit->max_speedup_lo = 1.0 / fit->serial_fraction_hi;
      fit->max_speedup_hi
          = fit->serial_fraction_lo > 0.0 ? 1.0 / fit->serial_fraction_lo : INFINITY;
    }
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

static const double size_b[] = { 0.0, 0.5, 1.0, 1.5, 2.0, 3.0 };

static double
size_term (double n, double b, int j)
{
  return pow (n, b) * pow (log2 (n), (double)j);
}

double
ps_scaling_fit_size_eval (const PsScalingFit *fit, double n)
{
  return fit->c0 + fit->c1 * size_term (n, fit->exponent, fit->log_exponent);
}

static void
size_term_name (char *buf, gsize len, double b, int j)
{
  GString *s = g_string_new (NULL);

  if (b == 0.0 && j == 0)
    g_string_append (s, "1");
  if (b != 0.0)
    {
      if (b == 1.0)
        g_string_append (s, "n");
      else
        g_string_append_printf (s, "n^%g", b);
    }
  if (j > 0)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, "log2(n)");
      if (j > 1)
        g_string_append_printf (s, "^%d", j);
    }
  g_strlcpy (buf, s->str, len);
  g_string_free (s, TRUE);
}

/* One candidate T = c0 + c1 f(n): least squares with c0 >= 0 and c1 >= 0 (time does
 * not shrink as the work grows, and a start-up cost is not negative); the residual
 * sum of squares, relative to the times so that the small sizes count as much as the
 * large ones. */
static gboolean
size_candidate (const double *n, const double *t, guint m, double b, int j, double *c0, double *c1,
                double *adj_r2)
{
  double sf = 0.0, st = 0.0, sff = 0.0, sft = 0.0, sw = 0.0, rss = 0.0, tss = 0.0, mt;

  /* Weights 1/t^2: relative errors. */
  for (guint i = 0; i < m; i++)
    {
      double f = size_term (n[i], b, j), w = 1.0 / (t[i] * t[i]);

      sw += w;
      sf += w * f;
      st += w * t[i];
      sff += w * f * f;
      sft += w * f * t[i];
    }
  if (b == 0.0 && j == 0)
    {
      *c0 = 0.0;
      *c1 = st / sw;
    }
  else
    {
      double det = sw * sff - sf * sf;

      if (!(fabs (det) > 0.0))
        return FALSE;
      *c1 = (sw * sft - sf * st) / det;
      *c0 = (st - *c1 * sf) / sw;
      if (*c0 < 0.0)
        {
          *c0 = 0.0;
          *c1 = sft / sff;
        }
      if (*c1 < 0.0)
        {
          *c1 = 0.0;
          *c0 = st / sw;
        }
    }
  mt = st / sw;
  for (guint i = 0; i < m; i++)
    {
      double w = 1.0 / (t[i] * t[i]), r = t[i] - (*c0 + *c1 * size_term (n[i], b, j));

      rss += w * r * r;
      tss += w * (t[i] - mt) * (t[i] - mt);
    }
  /* Two coefficients; one for the constant model. */
  {
    double k = (b == 0.0 && j == 0) ? 0.0 : 1.0;
    double r2 = tss > 0.0 ? 1.0 - rss / tss : 1.0;

    *adj_r2 = (double)m - k - 1.0 > 0.0
                  ? 1.0 - (1.0 - r2) * ((double)m - 1.0) / ((double)m - k - 1.0)
                  : r2;
  }
  return TRUE;
}

gboolean
ps_scaling_fit_size (const PsScalingPoint *points, guint n, PsScalingFit *fit)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *t = g_new (double, n);
  double best = -INFINITY, second = -INFINITY;
  guint m = 0;

  ps_scaling_fit_clear (fit);
  for (guint i = 0; i < n; i++)
    if (points[i].size > 1 && points[i].wall_median > 0.0)
      {
        x[m] = (double)points[i].size;
        t[m] = points[i].wall_median;
        m++;
      }
  /* Two coefficients and a choice of term need a third point. */
  if (m < 3)
    return FALSE;
  for (guint bi = 0; bi < G_N_ELEMENTS (size_b); bi++)
    for (int j = 0; j <= 2; j++)
      {
        double c0, c1, adj;
        char name[48];

        if (!size_candidate (x, t, m, size_b[bi], j, &c0, &c1, &adj))
          continue;
        size_term_name (name, sizeof name, size_b[bi], j);
        /* A tie goes to the simpler model, found first (lower b, then lower j). */
        if (adj > best + 1e-12)
          {
            second = best;
            g_strlcpy (fit->runner_up, fit->term, sizeof fit->runner_up);
            best = adj;
            fit->exponent = size_b[bi];
            fit->log_exponent = j;
            fit->c0 = c0;
            fit->c1 = c1;
            g_strlcpy (fit->term, name, sizeof fit->term);
          }
        else if (adj > second + 1e-12)
          {
            second = adj;
            g_strlcpy (fit->runner_up, name, sizeof fit->runner_up);
          }
      }
  if (!isfinite (best))
    return FALSE;
  fit->model = "size";
  fit->adj_r2 = best;
  fit->runner_up_adj_r2 = isfinite (second) ? second : NAN;
  fit->exponent_se = NAN;
  return TRUE;
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
  g_free (result->machine);
  g_free (result->study_name);
  g_free (result->study_kind);
  g_free (result->study_checksum);
  g_free (result->study_path);
  g_free (result->started);
  if (result->series != NULL)
    g_ptr_array_unref (result->series);
  g_free (result);
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One timed sample: @inner runs back to back. Returns the sample's wall time and
 * adds the runs' CPU time to @cpu; with @last, the sample's last run (for the history:
 * one record per sample kept, not one per run back to back, and none for a sample
 * that is not used). */
static gboolean
time_sample (const PsStudy *copy, const PsRunOptions *ro, guint inner, PsRunResult **last,
             double *wall, double *cpu, guint64 *items, GError **error)
{
  double t0 = now_s ();

  *cpu = 0.0;
  for (guint k = 0; k < inner; k++)
    {
      g_autoptr (PsRunResult) run = ps_run_study (copy, ro, error);

      if (run == NULL)
        return FALSE;
      *cpu += run->cpu_seconds;
      *items = run->items;
      if (last != NULL && k + 1 == inner)
        {
          g_clear_pointer (last, ps_run_result_free);
          *last = g_steal_pointer (&run);
        }
    }
  *wall = now_s () - t0;
  return TRUE;
}

#define AUTO_MAX_SAMPLES 10
#define AUTO_MIN_SAMPLES 6 /* the fewest with a 95 % interval of the median */
#define AUTO_PRECISION 0.02

/* One point: a fresh copy of the study at @size items; @warmup untimed runs; the
 * calibration (runs per sample so that a sample lasts the minimum time); then the
 * timed samples. */
static gboolean
measure (const PsStudy *study, const PsScalingOptions *o, const char *backend, int workers,
         guint64 size, PsScalingPoint *pt, GError **error)
{
  g_autoptr (PsStudy) copy = NULL;
  double cpu[PS_SCALING_MAX_SAMPLES], sample_wall[PS_SCALING_MAX_SAMPLES];
  double target = MAX (o->min_time, 1000.0 * ps_scaling_timer_resolution ());
  double t_start, w, c;
  guint inner = 1, max_samples;
  guint64 items = 0;
  PsLoadSample load0, load1;
  PsSampleStats st;
  PsRunOptions ro;

  copy = ps_study_load_internal (study->text, (gssize)study->text_length, study->path, error);
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
  if (pt->oversubscribed)
    pt->warnings |= PS_SCALING_WARN_OVERSUBSCRIBED;

  for (guint r = 0; r < o->warmup; r++)
    if (!time_sample (copy, &ro, 1, NULL, &w, &c, &items, error))
      return FALSE;

  /* Calibration, as Google Benchmark grows its iteration count: run, then scale the
   * runs per sample by how far short of the target the sample fell (at most 10x at a
   * time, with a 20 % margin), until one sample lasts the target. The calibration
   * samples are not used. */
  t_start = now_s ();
  for (;;)
    {
      if (!time_sample (copy, &ro, inner, NULL, &w, &c, &items, error))
        return FALSE;
      if (w >= target)
        break;
      if (o->max_time > 0.0 && now_s () - t_start + w * 10.0 > o->max_time && w > 0.0
          && w >= 1000.0 * ps_scaling_timer_resolution ())
        {
          pt->warnings |= PS_SCALING_WARN_SHORT;
          break;
        }
      {
        double grow = w > 0.0 ? 1.2 * target / w : 10.0;
        guint next = (guint)MIN ((double)inner * MIN (grow, 10.0), 1e9);

        inner = MAX (next, inner + 1);
      }
    }
  pt->inner = inner;

  max_samples = o->repeats > 0 ? MIN (o->repeats, (guint)PS_SCALING_MAX_SAMPLES) : AUTO_MAX_SAMPLES;
  ps_load_sample (&load0);
  t_start = now_s ();
  for (guint attempt = 0; pt->n_samples < max_samples && attempt < 3 * max_samples; attempt++)
    {
      guint r = pt->n_samples;
      g_autoptr (PsRunResult) last = NULL;

      if (!time_sample (copy, &ro, inner, &last, &w, &c, &items, error))
        return FALSE;
      /* A sample that fell short of the target (the machine got faster, or the
       * calibration was lucky) is not used: the runs per sample grow instead, unless
       * the time budget is spent. */
      if (w < target && !(o->max_time > 0.0 && now_s () - t_start > o->max_time))
        {
          double grow = w > 0.0 ? 1.2 * target / w : 2.0;

          inner = MAX ((guint)MIN ((double)inner * grow, 1e9), inner + 1);
          pt->inner = inner;
          continue;
        }
      if (w < target)
        pt->warnings |= PS_SCALING_WARN_SHORT;
      if (o->run_done != NULL)
        o->run_done (copy, last, o->run_done_data);
      sample_wall[r] = w;
      pt->samples[r] = w / inner;
      cpu[r] = c / inner;
      pt->n_samples = r + 1;
      if (o->repeats == 0 && pt->n_samples >= AUTO_MIN_SAMPLES)
        {
          ps_stats_describe (pt->samples, pt->n_samples, &st);
          if (isfinite (st.median_lo)
              && MAX (st.median - st.median_lo, st.median_hi - st.median)
                     <= AUTO_PRECISION * st.median)
            break;
        }
      if (o->max_time > 0.0 && now_s () - t_start > o->max_time)
        break;
    }
  if (pt->n_samples == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
                   _ ("%s at %d workers: no sample reached %.3g s"), backend, workers, target);
      return FALSE;
    }
  ps_load_sample (&load1);

  pt->repeats = pt->n_samples;
  pt->size = items;
  ps_stats_describe (pt->samples, pt->n_samples, &st);
  pt->wall_median = st.median;
  pt->wall_min = st.min;
  pt->wall_max = st.max;
  pt->wall_mean = st.mean;
  pt->wall_sd = st.sd;
  pt->wall_median_lo = st.median_lo;
  pt->wall_median_hi = st.median_hi;
  pt->outliers = st.outliers;
  if (st.outliers > 0)
    pt->warnings |= PS_SCALING_WARN_OUTLIERS;
  if (!isfinite (st.median_lo))
    pt->warnings |= PS_SCALING_WARN_NO_INTERVAL;
  ps_stats_describe (sample_wall, pt->n_samples, &st);
  pt->sample_seconds = st.median;
  ps_stats_describe (cpu, pt->n_samples, &st);
  pt->cpu_median = st.median;
  pt->cpu_per_wall = pt->wall_median > 0.0 ? pt->cpu_median / pt->wall_median : NAN;
  pt->other_load = ps_load_other_share (&load0, &load1);
  if (pt->other_load > PS_SCALING_OTHER_LOAD_LIMIT)
    pt->warnings |= PS_SCALING_WARN_OTHER_LOAD;
  return TRUE;
}

static char *
machine_name (void)
{
  const PsMachine *m = ps_machine_get ();

  return g_strdup_printf ("%s (%d cores) on %s", m->cpu_model ? m->cpu_model : "?", m->cores,
                          m->hostname ? m->hostname : "?");
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
  if (o->repeats > PS_SCALING_MAX_SAMPLES)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--repeats: at most %d (got %u)"),
                   PS_SCALING_MAX_SAMPLES, o->repeats);
      return NULL;
    }
  if (!(o->min_time >= 0.0) || !isfinite (o->min_time) || !(o->max_time >= 0.0)
      || !isfinite (o->max_time))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--min-time and --max-time: a time of 0 s or more"));
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
  result->min_time = o->min_time;
  result->max_time = o->max_time;
  result->timer_resolution = ps_scaling_timer_resolution ();
  result->machine = machine_name ();
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

/* The names of PsScalingWarning's bits, in bit order, as scaling.json has them. */
static const char *const warning_names[] = {
  "oversubscribed", "other_load",  "wide_interval",        "outliers",
  "short_samples",  "no_interval", "karp_flatt_undefined", "karp_flatt_rising",
};

static void
add_interval (JsonBuilder *b, const char *name, double lo, double hi)
{
  json_builder_set_member_name (b, name);
  if (isfinite (lo) && isfinite (hi) && lo > 0.0)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, lo);
      json_builder_add_double_value (b, hi);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
}

const char *
ps_scaling_warning_text (const char *name, JsonObject *point)
{
  if (g_strcmp0 (name, "oversubscribed") == 0)
    return _ ("more workers than cores");
  if (g_strcmp0 (name, "other_load") == 0)
    return _ ("other processes used a noticeable share of the machine");
  if (g_strcmp0 (name, "wide_interval") == 0)
    return _ ("the speedup's interval is wider than its distance from 1");
  if (g_strcmp0 (name, "outliers") == 0)
    return _ ("some samples are outliers (beyond 1.5 IQR)");
  if (g_strcmp0 (name, "short_samples") == 0)
    return _ ("samples shorter than the minimum time (the time budget ran out)");
  if (g_strcmp0 (name, "no_interval") == 0)
    return _ ("fewer than 6 samples: no interval of the median");
  if (g_strcmp0 (name, "karp_flatt_undefined") == 0)
    return _ ("Karp-Flatt not given: the timings are too noisy for it");
  if (g_strcmp0 (name, "karp_flatt_rising") == 0)
    return _ ("Karp-Flatt rises with the workers: overhead grows, not a serial fraction");
  return name;
}

const char *
ps_scaling_warning_name (PsScalingWarning warning)
{
  for (guint k = 0; k < G_N_ELEMENTS (warning_names); k++)
    if (warning == (1u << k))
      return warning_names[k];
  return NULL;
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
  ps_json_add_number (b, "min_time", r->min_time);
  ps_json_add_number (b, "max_time", r->max_time);
  ps_json_add_number (b, "timer_resolution", r->timer_resolution);
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
          json_builder_set_member_name (b, "inner");
          json_builder_add_int_value (b, p->inner);
          ps_json_add_number (b, "sample_seconds", p->sample_seconds);
          ps_json_add_number (b, "wall_mean", p->wall_mean);
          ps_json_add_number (b, "wall_sd", p->wall_sd);
          add_interval (b, "wall_median_ci95", p->wall_median_lo, p->wall_median_hi);
          json_builder_set_member_name (b, "outliers");
          json_builder_add_int_value (b, p->outliers);
          ps_json_add_number (b, "cpu_per_wall", p->cpu_per_wall);
          add_interval (b, "speedup_ci95", p->speedup_lo, p->speedup_hi);
          add_interval (b, "efficiency_ci95", p->efficiency_lo, p->efficiency_hi);
          ps_json_add_number (b, "other_load", p->other_load);
          json_builder_set_member_name (b, "warnings");
          json_builder_begin_array (b);
          for (guint k = 0; k < G_N_ELEMENTS (warning_names); k++)
            if (p->warnings & (1u << k))
              json_builder_add_string_value (b, warning_names[k]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "samples");
          json_builder_begin_array (b);
          for (guint k = 0; k < p->n_samples; k++)
            json_builder_add_double_value (b, p->samples[k]);
          json_builder_end_array (b);
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
              json_builder_set_member_name (b, "log_exponent");
              json_builder_add_int_value (b, s->fit.log_exponent);
              json_builder_set_member_name (b, "term");
              json_builder_add_string_value (b, s->fit.term);
              ps_json_add_number (b, "c0", s->fit.c0);
              ps_json_add_number (b, "c1", s->fit.c1);
              ps_json_add_number (b, "adj_r2", s->fit.adj_r2);
              json_builder_set_member_name (b, "runner_up");
              if (s->fit.runner_up[0] != '\0')
                json_builder_add_string_value (b, s->fit.runner_up);
              else
                json_builder_add_null_value (b);
              ps_json_add_number (b, "runner_up_adj_r2", s->fit.runner_up_adj_r2);
            }
          else
            {
              ps_json_add_number (b, "serial_fraction", s->fit.serial_fraction);
              ps_json_add_number (b, "serial_fraction_se", s->fit.serial_fraction_se);
              add_interval (b, "serial_fraction_ci95", s->fit.serial_fraction_lo,
                            s->fit.serial_fraction_hi);
              ps_json_add_number (b, "max_speedup", s->fit.max_speedup);
              add_interval (b, "max_speedup_ci95", s->fit.max_speedup_lo, s->fit.max_speedup_hi);
              json_builder_set_member_name (b, "weighted");
              json_builder_add_boolean_value (b, s->fit.weighted);
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
                               "karp_flatt,inner,wall_mean,wall_sd,wall_median_lo,"
                               "wall_median_hi,outliers,cpu_per_wall,speedup_lo,speedup_hi,"
                               "other_load,warnings\n");

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
          g_string_append_printf (out, ",%u", p->inner);
          csv_number (out, p->wall_mean);
          csv_number (out, p->wall_sd);
          csv_number (out, p->wall_median_lo);
          csv_number (out, p->wall_median_hi);
          g_string_append_printf (out, ",%u", p->outliers);
          csv_number (out, p->cpu_per_wall);
          csv_number (out, p->speedup_lo);
          csv_number (out, p->speedup_hi);
          csv_number (out, p->other_load);
          g_string_append_c (out, ',');
          for (guint k = 0, first = 1; k < G_N_ELEMENTS (warning_names); k++)
            if (p->warnings & (1u << k))
              {
                g_string_append_printf (out, "%s%s", first ? "" : ";", warning_names[k]);
                first = 0;
              }
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

static double
member_number (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE)
    return NAN;
  return json_node_get_double (n);
}

static void
member_interval (JsonObject *o, const char *name, double *lo, double *hi)
{
  JsonNode *n = json_object_get_member (o, name);

  *lo = *hi = NAN;
  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n)
      && json_array_get_length (json_node_get_array (n)) == 2)
    {
      *lo = json_array_get_double_element (json_node_get_array (n), 0);
      *hi = json_array_get_double_element (json_node_get_array (n), 1);
    }
}

PsScalingResult *
ps_scaling_result_load (const char *path, GError **error)
{
  g_autofree char *file = g_file_test (path, G_FILE_TEST_IS_DIR)
                              ? g_build_filename (path, "scaling.json", NULL)
                              : g_strdup (path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autoptr (PsScalingResult) r = g_new0 (PsScalingResult, 1);
  JsonNode *root;
  JsonObject *o, *study, *machine;
  JsonArray *series;

  if (!json_parser_load_from_file (parser, file, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", file, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member ((o = json_node_get_object (root)), "parastudy_scaling")
      || !json_object_has_member (o, "series")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "series")))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: not a Parastudy scaling result"),
                   file);
      return NULL;
    }
  if (!ps_scaling_mode_from_name (json_object_get_string_member_with_default (o, "mode", ""),
                                  &r->mode))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: unknown scaling mode"), file);
      return NULL;
    }
  r->repeats = (guint)json_object_get_int_member_with_default (o, "repeats", 0);
  r->min_time = member_number (o, "min_time");
  r->max_time = member_number (o, "max_time");
  r->timer_resolution = member_number (o, "timer_resolution");
  r->started = g_strdup (json_object_get_string_member_with_default (o, "started", ""));
  study = json_object_get_object_member (o, "study");
  if (study != NULL)
    {
      r->study_name = g_strdup (json_object_get_string_member_with_default (study, "name", ""));
      r->study_kind = g_strdup (json_object_get_string_member_with_default (study, "kind", ""));
      r->study_checksum
          = g_strdup (json_object_get_string_member_with_default (study, "checksum", ""));
      r->study_path = g_strdup (json_object_get_string_member_with_default (study, "path", NULL));
    }
  machine = json_object_get_object_member (o, "machine");
  r->machine = g_strdup_printf (
      "%s (%" G_GINT64_FORMAT " cores) on %s",
      machine ? json_object_get_string_member_with_default (machine, "cpu_model", "?") : "?",
      machine ? json_object_get_int_member_with_default (machine, "cores", 0) : 0,
      machine ? json_object_get_string_member_with_default (machine, "hostname", "?") : "?");
  r->series = g_ptr_array_new_with_free_func (series_free);
  series = json_object_get_array_member (o, "series");
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *so = json_array_get_object_element (series, i);
      PsScalingSeries *s = g_new0 (PsScalingSeries, 1);
      JsonArray *points;

      g_ptr_array_add (r->series, s);
      s->points = g_array_new (FALSE, TRUE, sizeof (PsScalingPoint));
      ps_scaling_fit_clear (&s->fit);
      if (so == NULL || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (so, "points")))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: series %u has no points"), file,
                       i + 1);
          return NULL;
        }
      s->backend = g_strdup (json_object_get_string_member_with_default (so, "backend", "?"));
      points = json_object_get_array_member (so, "points");
      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          JsonObject *po = json_array_get_object_element (points, j);
          PsScalingPoint p = { 0 };
          JsonNode *samples;

          if (po == NULL)
            continue;
          p.workers = (int)json_object_get_int_member_with_default (po, "workers", 0);
          p.size = (guint64)json_object_get_int_member_with_default (po, "size", 0);
          p.oversubscribed
              = json_object_get_boolean_member_with_default (po, "oversubscribed", FALSE);
          p.wall_min = member_number (po, "wall_min");
          p.wall_median = member_number (po, "wall_median");
          p.wall_max = member_number (po, "wall_max");
          p.cpu_median = member_number (po, "cpu_median");
          p.speedup = member_number (po, "speedup");
          p.efficiency = member_number (po, "efficiency");
          p.overhead = member_number (po, "overhead");
          p.karp_flatt = member_number (po, "karp_flatt");
          p.inner = (guint)json_object_get_int_member_with_default (po, "inner", 1);
          p.wall_mean = member_number (po, "wall_mean");
          p.wall_sd = member_number (po, "wall_sd");
          member_interval (po, "wall_median_ci95", &p.wall_median_lo, &p.wall_median_hi);
          member_interval (po, "speedup_ci95", &p.speedup_lo, &p.speedup_hi);
          member_interval (po, "efficiency_ci95", &p.efficiency_lo, &p.efficiency_hi);
          p.other_load = member_number (po, "other_load");
          p.cpu_per_wall = member_number (po, "cpu_per_wall");
          samples = json_object_get_member (po, "samples");
          if (samples != NULL && JSON_NODE_HOLDS_ARRAY (samples))
            {
              JsonArray *a = json_node_get_array (samples);

              for (guint k = 0; k < json_array_get_length (a) && k < PS_SCALING_MAX_SAMPLES; k++)
                p.samples[p.n_samples++] = json_array_get_double_element (a, k);
            }
          p.repeats = p.n_samples;
          g_array_append_val (s->points, p);
        }
    }
  return g_steal_pointer (&r);
}

GArray *
ps_scaling_compare (const PsScalingResult *a, const PsScalingResult *b)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (PsScalingComparison));

  for (guint i = 0; i < a->series->len; i++)
    {
      const PsScalingSeries *sa = g_ptr_array_index (a->series, i);

      for (guint j = 0; j < b->series->len; j++)
        {
          const PsScalingSeries *sb = g_ptr_array_index (b->series, j);

          /* Series are matched by backend; two results of one series each (two
           * machines, or two backends measured apart) are compared whatever their
           * backends. */
          if (!(a->series->len == 1 && b->series->len == 1)
              && !g_str_equal (sa->backend, sb->backend))
            continue;
          for (guint k = 0; k < sa->points->len; k++)
            {
              const PsScalingPoint *pa = &g_array_index (sa->points, PsScalingPoint, k);

              for (guint l = 0; l < sb->points->len; l++)
                {
                  const PsScalingPoint *pb = &g_array_index (sb->points, PsScalingPoint, l);
                  PsScalingComparison c = { 0 };
                  double alo, ahi, blo, bhi;

                  if (pa->workers != pb->workers
                      || (a->mode == PS_SCALING_SIZE && pa->size != pb->size))
                    continue;
                  c.backend = sa->backend;
                  c.workers = pa->workers;
                  c.size = pa->size;
                  c.median_a = pa->wall_median;
                  c.median_b = pb->wall_median;
                  c.ratio = pb->wall_median / pa->wall_median;
                  median_bounds (pa, &alo, &ahi);
                  median_bounds (pb, &blo, &bhi);
                  c.ratio_lo = blo / ahi;
                  c.ratio_hi = bhi / alo;
                  ps_stats_mann_whitney (pa->samples, pa->n_samples, pb->samples, pb->n_samples,
                                         &c.u, &c.p_value);
                  g_array_append_val (out, c);
                }
            }
        }
    }
  return out;
}
