/* ps-distfit.h: distributions fitted to the specimens' results, from the lab to
 * reliability: the regression study's E, Rp0.2, Rm, ... as random variables a
 * reliability study can use (STUDY-FILES.md: "fy": {"from_tests":
 * "coupons-results/distributions.json", "quantity": "Rp0.2"}).
 *
 * Every family is fitted by maximum likelihood. Normal and lognormal always; with at
 * least PS_DISTFIT_MIN_ALL results also Gumbel (maxima) and Weibull, and the headline
 * distribution is the one with the lowest AIC = 2 k - 2 ln L (Akaike 1974; k = 2
 * parameters for all four). Each fit gives the Kolmogorov–Smirnov distance to the
 * results and its p-value by the asymptotic Kolmogorov distribution with Stephens'
 * correction (Numerical Recipes, 3rd ed., 14.3.3): with parameters estimated from the
 * same data the p-value is optimistic (Lilliefors), a guide rather than a test.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PS_DISTFIT_MIN_ALL 30

typedef enum
{
  PS_FIT_NORMAL,
  PS_FIT_LOGNORMAL,
  PS_FIT_GUMBEL,
  PS_FIT_WEIBULL,
  PS_FIT_N
} PsFitFamily;

typedef struct
{
  gboolean ok;     /* fitted (lognormal and Weibull need every value > 0) */
  double p1, p2;   /* normal: mu, sigma; lognormal: mu_ln, sigma_ln; Gumbel: mu, beta
                    * (location, scale); Weibull: shape k, scale lambda */
  double mean, sd; /* of the fitted distribution */
  double loglik, aic;
  double ks_d, ks_p; /* Kolmogorov–Smirnov distance and p-value */
} PsFit;

typedef struct
{
  guint64 n;
  PsFit fit[PS_FIT_N];
  int chosen;      /* PsFitFamily of the headline distribution */
  gboolean by_aic; /* chosen by AIC (n >= PS_DISTFIT_MIN_ALL), else the preferred one */
} PsDistfit;

/* "normal", "lognormal", "gumbel", "weibull": the reliability study's names. */
const char *ps_distfit_family_name (int family);

/* Fits @x (n values). @prefer (PS_FIT_NORMAL or PS_FIT_LOGNORMAL) is the headline
 * when there are too few values for AIC, or when only it fits. FALSE when n < 2 or
 * the values do not vary (no distribution to fit). */
gboolean ps_distfit_fit (const double *x, gsize n, int prefer, PsDistfit *out);

/* The Kolmogorov distribution's tail Q_KS (lambda) = 2 sum (-1)^(j-1) exp (-2 j^2
 * lambda^2): the probability that sqrt (n) D exceeds lambda. */
double ps_distfit_q_ks (double lambda);

typedef struct
{
  const char *name; /* "E", "Rp0.2", "Rm", ... */
  const char *unit; /* "Pa" */
  const double *values;
  gsize n;
} PsDistfitQuantity;

/* The distributions.json document of @quantities: one member per quantity whose
 * first members, "distribution", "mean" and "sd" (SI), are a reliability variable as
 * STUDY-FILES.md writes one; then "unit", "n", "selection" (how the headline was
 * chosen) and "fits" with every family's parameters, mean, sd, log-likelihood, AIC and
 * Kolmogorov–Smirnov distance and p-value. A quantity with fewer than 2 varying
 * values has "distribution": null and a "reason". Newly allocated, pretty-printed. */
char *ps_distfit_to_json (const PsDistfitQuantity *quantities, guint n_quantities, int prefer);

/* A quantity known only by its moments (a run without results.csv): @n values with
 * @mean and sum of squared deviations @m2, and @n_ln positive ones whose logarithms
 * have @ln_mean and @ln_m2. */
typedef struct
{
  const char *name;
  const char *unit;
  guint64 n;
  double mean, m2;
  guint64 n_ln;
  double ln_mean, ln_m2;
} PsDistfitMoments;

/* The maximum-likelihood normal and (when every value is positive) lognormal of
 * @q, which depend on the values through these moments only; no Gumbel, Weibull or
 * Kolmogorov-Smirnov values (NAN). FALSE when n < 2 or the values do not vary. */
gboolean ps_distfit_from_moments (const PsDistfitMoments *q, int prefer, PsDistfit *out);

/* distributions.json as ps_distfit_to_json () writes it, from moments alone: the
 * "selection" says so, and the fits have no "ks_d" and "ks_p" (null). */
char *ps_distfit_moments_to_json (const PsDistfitMoments *quantities, guint n_quantities,
                                  int prefer);

/* Writes it to @path atomically (a temporary file renamed). */
gboolean ps_distfit_write (const char *path, const PsDistfitQuantity *quantities,
                           guint n_quantities, int prefer, GError **error);

G_END_DECLS
