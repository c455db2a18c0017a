#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-distfit.h"
#include "study/ps-json.h"

/* Euler–Mascheroni constant, for the Gumbel mean mu + gamma beta. */
#define EULER_GAMMA 0.57721566490153286061

static const char *const family_names[PS_FIT_N] = { "normal", "lognormal", "gumbel", "weibull" };

const char *
ps_distfit_family_name (int family)
{
  g_return_val_if_fail (family >= 0 && family < PS_FIT_N, "normal");
  return family_names[family];
}

double
ps_distfit_q_ks (double lambda)
{
  double sum = 0, sign = 1, prev = 0;

  /* Numerical Recipes, 3rd ed., 6.14.12: the series converges fast except near 0,
   * where Q is 1. */
  if (lambda < 0.2)
    return 1.0;
  for (int j = 1; j <= 100; j++)
    {
      double term = sign * exp (-2.0 * j * j * lambda * lambda);

      sum += term;
      if (fabs (term) <= 1e-12 * fabs (sum) || fabs (term) <= 1e-300 || term == prev)
        break;
      prev = term;
      sign = -sign;
    }
  return CLAMP (2.0 * sum, 0.0, 1.0);
}

static double
cdf (int family, double p1, double p2, double x)
{
  switch (family)
    {
    case PS_FIT_NORMAL:
      return gsl_cdf_gaussian_P (x - p1, p2);
    case PS_FIT_LOGNORMAL:
      return x > 0 ? gsl_cdf_lognormal_P (x, p1, p2) : 0.0;
    case PS_FIT_GUMBEL:
      return exp (-exp (-(x - p1) / p2));
    default:
      return x > 0 ? -expm1 (-pow (x / p2, p1)) : 0.0;
    }
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The Kolmogorov–Smirnov distance of the sorted values @s to the fitted CDF and its
 * p-value, Q_KS ((sqrt n + 0.12 + 0.11 / sqrt n) D) (Stephens 1970; Numerical Recipes,
 * 3rd ed., 14.3.3). */
static void
ks (const double *s, gsize n, PsFit *f, int family)
{
  double d = 0, rn = sqrt ((double)n);

  for (gsize i = 0; i < n; i++)
    {
      double F = cdf (family, f->p1, f->p2, s[i]);

      d = MAX (d, MAX (F - (double)i / n, (double)(i + 1) / n - F));
    }
  f->ks_d = d;
  f->ks_p = ps_distfit_q_ks ((rn + 0.12 + 0.11 / rn) * d);
}

static void
finish (PsFit *f, gsize n)
{
  f->aic = 2.0 * 2 - 2.0 * f->loglik;
  f->ok = isfinite (f->loglik) && isfinite (f->mean) && isfinite (f->sd);
  (void)n;
}

static void
fit_normal (const double *x, gsize n, PsFit *f)
{
  double m = 0, s2 = 0;

  for (gsize i = 0; i < n; i++)
    m += x[i];
  m /= n;
  for (gsize i = 0; i < n; i++)
    s2 += (x[i] - m) * (x[i] - m);
  s2 /= n; /* the maximum-likelihood variance */
  f->p1 = m;
  f->p2 = sqrt (s2);
  f->mean = m;
  f->sd = f->p2;
  f->loglik = -0.5 * n * (log (2 * G_PI * s2) + 1);
  finish (f, n);
}

static void
fit_lognormal (const double *x, gsize n, PsFit *f)
{
  double m = 0, s2 = 0, sl = 0;

  for (gsize i = 0; i < n; i++)
    {
      m += log (x[i]);
      sl += log (x[i]);
    }
  m /= n;
  for (gsize i = 0; i < n; i++)
    s2 += (log (x[i]) - m) * (log (x[i]) - m);
  s2 /= n;
  f->p1 = m;
  f->p2 = sqrt (s2);
  f->mean = exp (m + s2 / 2);
  f->sd = f->mean * sqrt (expm1 (s2));
  f->loglik = -sl - 0.5 * n * (log (2 * G_PI * s2) + 1);
  finish (f, n);
}

/* Gumbel (maxima) by maximum likelihood: beta solves beta = mean - sum x e^(-x/beta) /
 * sum e^(-x/beta), then mu = -beta ln (sum e^(-x/beta) / n) (e.g. Johnson, Kotz and
 * Balakrishnan, Continuous Univariate Distributions 2, 22.7). Values are shifted by
 * their mean and scaled by their sd for the exponentials; the root is bracketed and
 * bisected. */
static void
fit_gumbel (const double *x, gsize n, double m, double s, PsFit *f)
{
  double lo = 1e-3, hi = 10.0, b = 1.0, sum = 0;

  for (int it = 0; it < 200; it++)
    {
      double num = 0, den = 0, g, zmax = -INFINITY;

      b = 0.5 * (lo + hi);
      for (gsize i = 0; i < n; i++)
        zmax = MAX (zmax, -(x[i] - m) / s / b);
      for (gsize i = 0; i < n; i++)
        {
          double z = (x[i] - m) / s, w = exp (-z / b - zmax);

          num += z * w;
          den += w;
        }
      /* g (b) = b - 0 + num / den is increasing in b; its root is the estimate. */
      g = b + num / den;
      if (g > 0)
        hi = b;
      else
        lo = b;
      if (hi - lo < 1e-14 * hi)
        break;
    }
  {
    double zmax = -INFINITY, mu;

    for (gsize i = 0; i < n; i++)
      zmax = MAX (zmax, -(x[i] - m) / s / b);
    for (gsize i = 0; i < n; i++)
      sum += exp (-(x[i] - m) / s / b - zmax);
    mu = -b * (log (sum / n) + zmax);
    f->p1 = m + s * mu;
    f->p2 = s * b;
  }
  f->mean = f->p1 + EULER_GAMMA * f->p2;
  f->sd = G_PI * f->p2 / sqrt (6.0);
  f->loglik = 0;
  for (gsize i = 0; i < n; i++)
    {
      double z = (x[i] - f->p1) / f->p2;

      f->loglik += -log (f->p2) - z - exp (-z);
    }
  finish (f, n);
}

/* Weibull by maximum likelihood: the shape k solves sum x^k ln x / sum x^k - 1/k -
 * mean (ln x) = 0 (increasing in k), the scale is (sum x^k / n)^(1/k) (Johnson, Kotz
 * and Balakrishnan, Continuous Univariate Distributions 1, 21.4). Values scaled by
 * their maximum; the root bracketed and bisected in log k. */
static void
fit_weibull (const double *x, gsize n, PsFit *f)
{
  double xmax = 0, mlog = 0, lo = log (1e-3), hi = log (1e4), k = 1, sk = 0;

  for (gsize i = 0; i < n; i++)
    xmax = MAX (xmax, x[i]);
  for (gsize i = 0; i < n; i++)
    mlog += log (x[i] / xmax);
  mlog /= n;
  for (int it = 0; it < 300; it++)
    {
      double a = 0, c = 0, g, mid = 0.5 * (lo + hi);

      k = exp (mid);
      for (gsize i = 0; i < n; i++)
        {
          double u = x[i] / xmax, p = pow (u, k);

          a += p * log (u);
          c += p;
        }
      g = a / c - 1.0 / k - mlog;
      if (g > 0)
        hi = mid;
      else
        lo = mid;
      if (hi - lo < 1e-14)
        break;
    }
  for (gsize i = 0; i < n; i++)
    sk += pow (x[i] / xmax, k);
  f->p1 = k;
  f->p2 = xmax * pow (sk / n, 1.0 / k);
  f->mean = f->p2 * gsl_sf_gamma (1 + 1 / k);
  f->sd = f->p2 * sqrt (gsl_sf_gamma (1 + 2 / k) - pow (gsl_sf_gamma (1 + 1 / k), 2));
  f->loglik = 0;
  for (gsize i = 0; i < n; i++)
    {
      double u = x[i] / f->p2;

      f->loglik += log (k / f->p2) + (k - 1) * log (u) - pow (u, k);
    }
  finish (f, n);
}

gboolean
ps_distfit_fit (const double *x, gsize n, int prefer, PsDistfit *out)
{
  g_autofree double *s = NULL;
  gboolean positive = TRUE;
  double m = 0, sd = 0, best = INFINITY;

  memset (out, 0, sizeof *out);
  out->n = n;
  out->chosen = prefer;
  if (n < 2)
    return FALSE;
  s = g_memdup2 (x, n * sizeof *x);
  qsort (s, n, sizeof *s, cmp_double);
  if (!(s[n - 1] > s[0]) || !isfinite (s[0]) || !isfinite (s[n - 1]))
    return FALSE;
  positive = s[0] > 0;
  fit_normal (s, n, &out->fit[PS_FIT_NORMAL]);
  m = out->fit[PS_FIT_NORMAL].mean;
  sd = out->fit[PS_FIT_NORMAL].sd;
  if (positive)
    fit_lognormal (s, n, &out->fit[PS_FIT_LOGNORMAL]);
  if (n >= PS_DISTFIT_MIN_ALL)
    {
      fit_gumbel (s, n, m, sd, &out->fit[PS_FIT_GUMBEL]);
      if (positive)
        fit_weibull (s, n, &out->fit[PS_FIT_WEIBULL]);
    }
  for (int k = 0; k < PS_FIT_N; k++)
    if (out->fit[k].ok)
      ks (s, n, &out->fit[k], k);
  if (n >= PS_DISTFIT_MIN_ALL)
    {
      out->by_aic = TRUE;
      for (int k = 0; k < PS_FIT_N; k++)
        if (out->fit[k].ok && out->fit[k].aic < best)
          {
            best = out->fit[k].aic;
            out->chosen = k;
          }
    }
  else if (!out->fit[prefer].ok)
    out->chosen = PS_FIT_NORMAL;
  return TRUE;
}

static void
add_fit (JsonBuilder *b, int family, const PsFit *f)
{
  static const char *const p_names[PS_FIT_N][2] = {
    { "mu", "sigma" }, { "mu_ln", "sigma_ln" }, { "location", "scale" }, { "shape", "scale" }
  };

  json_builder_set_member_name (b, family_names[family]);
  json_builder_begin_object (b);
  ps_json_add_number (b, p_names[family][0], f->p1);
  ps_json_add_number (b, p_names[family][1], f->p2);
  ps_json_add_number (b, "mean", f->mean);
  ps_json_add_number (b, "sd", f->sd);
  ps_json_add_number (b, "log_likelihood", f->loglik);
  ps_json_add_number (b, "aic", f->aic);
  ps_json_add_number (b, "ks_d", f->ks_d);
  ps_json_add_number (b, "ks_p", f->ks_p);
  json_builder_end_object (b);
}

/* One quantity's member of distributions.json: the headline distribution as a
 * reliability variable, then how it was chosen and every fit; or, with @d NULL, no
 * distribution and @reason. */
static void
add_quantity (JsonBuilder *b, const char *name, const char *unit, guint64 n, const PsDistfit *d,
              const char *selection, const char *reason)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "distribution");
  if (d == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_add_string_value (b, family_names[d->chosen]);
      ps_json_add_number (b, "mean", d->fit[d->chosen].mean);
      ps_json_add_number (b, "sd", d->fit[d->chosen].sd);
    }
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64)n);
  if (d == NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
      json_builder_end_object (b);
      return;
    }
  json_builder_set_member_name (b, "selection");
  json_builder_add_string_value (b, selection);
  json_builder_set_member_name (b, "fits");
  json_builder_begin_object (b);
  for (int k = 0; k < PS_FIT_N; k++)
    if (d->fit[k].ok)
      add_fit (b, k, &d->fit[k]);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
ps_distfit_to_json (const PsDistfitQuantity *q, guint nq, int prefer)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (guint i = 0; i < nq; i++)
    {
      PsDistfit d;
      g_autofree double *finite = g_new (double, MAX (q[i].n, 1));
      gsize m = 0;

      /* Specimens without the quantity (no fracture, no yield point) are left out. */
      for (gsize k = 0; k < q[i].n; k++)
        if (isfinite (q[i].values[k]))
          finite[m++] = q[i].values[k];
      if (!ps_distfit_fit (finite, m, prefer, &d))
        add_quantity (b, q[i].name, q[i].unit, m, NULL, NULL,
                      m < 2 ? "fewer than 2 values" : "the values do not vary");
      else
        add_quantity (b, q[i].name, q[i].unit, m, &d,
                      d.by_aic ? "lowest AIC of normal, lognormal, Gumbel and Weibull (n >= 30), "
                                 "each fitted by maximum likelihood"
                               : "fewer than 30 values: the study's distribution (normal or "
                                 "lognormal), fitted by maximum likelihood",
                      NULL);
    }
  json_builder_end_object (b);
  return ps_json_builder_to_data (b, TRUE);
}

gboolean
ps_distfit_from_moments (const PsDistfitMoments *q, int prefer, PsDistfit *out)
{
  double n = (double)q->n;

  memset (out, 0, sizeof *out);
  out->n = q->n;
  out->chosen = prefer;
  if (q->n < 2 || !(q->m2 > 0) || !isfinite (q->mean))
    return FALSE;
  {
    PsFit *f = &out->fit[PS_FIT_NORMAL];
    double s2 = q->m2 / n; /* the maximum-likelihood variance */

    f->p1 = q->mean;
    f->p2 = sqrt (s2);
    f->mean = f->p1;
    f->sd = f->p2;
    f->loglik = -0.5 * n * (log (2 * G_PI * s2) + 1);
    finish (f, q->n);
  }
  if (q->n_ln == q->n && q->ln_m2 > 0)
    {
      PsFit *f = &out->fit[PS_FIT_LOGNORMAL];
      double s2 = q->ln_m2 / n;

      f->p1 = q->ln_mean;
      f->p2 = sqrt (s2);
      f->mean = exp (f->p1 + s2 / 2);
      f->sd = f->mean * sqrt (expm1 (s2));
      /* The sum of ln x is n times their mean. */
      f->loglik = -n * q->ln_mean - 0.5 * n * (log (2 * G_PI * s2) + 1);
      finish (f, q->n);
    }
  for (int k = 0; k < PS_FIT_N; k++)
    out->fit[k].ks_d = out->fit[k].ks_p = NAN;
  if (!out->fit[prefer].ok)
    out->chosen = PS_FIT_NORMAL;
  return TRUE;
}

char *
ps_distfit_moments_to_json (const PsDistfitMoments *q, guint nq, int prefer)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (guint i = 0; i < nq; i++)
    {
      PsDistfit d;

      if (!ps_distfit_from_moments (&q[i], prefer, &d))
        add_quantity (b, q[i].name, q[i].unit, q[i].n, NULL, NULL,
                      q[i].n < 2 ? "fewer than 2 values" : "the values do not vary");
      else
        add_quantity (b, q[i].name, q[i].unit, q[i].n, &d,
                      "the study's distribution (normal or lognormal), fitted by maximum "
                      "likelihood from the run's moments: without results.csv (--rows none) "
                      "the values are not at hand for Gumbel, Weibull and the "
                      "Kolmogorov-Smirnov test",
                      NULL);
    }
  json_builder_end_object (b);
  return ps_json_builder_to_data (b, TRUE);
}

gboolean
ps_distfit_write (const char *path, const PsDistfitQuantity *q, guint nq, int prefer,
                  GError **error)
{
  g_autofree char *text = ps_distfit_to_json (q, nq, prefer);

  /* g_file_set_contents writes a temporary file and renames it over @path. */
  return g_file_set_contents (path, text, -1, error);
}
