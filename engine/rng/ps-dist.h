/* ps-dist.h: the random variables of the reliability study, sampled by inverse CDF.
 *
 * Every sample is x = F^-1(u) of one uniform u from ps-philox.h, computed with the
 * bit-reproducible functions of ps-math-private.h only, so that the CPU (scalar or vectorised)
 * and the GPU draw identical values. A PsDist is plain data, set up once on the host
 * by ps_dist_init() and copied as it is to the device.
 *
 *   kind                 p[0]     p[1]     p[2]       p[3]      x = F^-1(u)
 *   normal               mu       sigma    -          -         mu + sigma z(u)
 *   lognormal            mu_ln    s_ln     -          -         exp(mu_ln + s_ln z(u))
 *   gumbel (maxima)      mu       beta     -          -         mu - beta ln(-ln u)
 *   uniform              a        b - a    b          -         min(a + (b - a) u, b)
 *   weibull              lambda   1/k      k          -         lambda (-ln(1 - u))^(1/k)
 *   exponential          mean     -        -          -         -mean ln(1 - u)
 *   truncated-normal     mu       +-sigma  Pa         Pw        mu +- sigma z(Pa + v Pw)
 *
 * z is the standard normal quantile, Wichura's AS241 (PPND16, relative error about
 * 1e-16). From the mean m and standard deviation s that a study file gives:
 * lognormal s_ln^2 = ln(1 + (s/m)^2), mu_ln = ln m - s_ln^2/2; gumbel beta =
 * s sqrt(6)/pi, mu = m - gamma beta (Euler-Mascheroni gamma); uniform a, b = m -+
 * sqrt(3) s; weibull k solves Gamma(1 + 2/k)/Gamma(1 + 1/k)^2 = 1 + (s/m)^2 and
 * lambda = m/Gamma(1 + 1/k); the exponential distribution has s = m, so sd may be
 * given only equal to the mean.
 *
 * The truncated normal (parent mu, sigma; bounds lower < upper, either may be
 * infinite) samples z = Phi^-1(Phi(a) + u (Phi(b) - Phi(a))) on the standardised
 * bounds. Phi is computed by Cody's rational approximations (W. J. Cody, "Rational
 * Chebyshev approximation for the error function", Math. Comp. 23 (1969); the ANORM
 * routine of TOMS 715), accurate to about 1e-16 relative in either tail. When the
 * interval lies mostly above the mean the distribution is mirrored (p[1] = -sigma,
 * a = -upper', b = -lower') so that Phi is always evaluated where it is small and
 * accurate, which keeps far-tail intervals such as [8 sigma, 9 sigma] exact to
 * rounding; v is then 1 - u (else u), so that x still rises with u. Pa = Phi(a) and
 * Pw = Phi(b) - Phi(a) are stored; z is clamped to [Phi^-1(Pa), Phi^-1(Pa + Pw)], and
 * ps_dist_init() nudges Pa and Pw by a few ulps where needed so that every sample lies
 * inside [lower, upper].
 */
#pragma once

#include <stdint.h>

#include "ps-math-private.h"

typedef enum
{
  PS_DIST_NONE = 0,
  PS_DIST_NORMAL,
  PS_DIST_LOGNORMAL,
  PS_DIST_GUMBEL,
  PS_DIST_UNIFORM,
  PS_DIST_WEIBULL,
  PS_DIST_EXPONENTIAL,
  PS_DIST_TRUNCATED_NORMAL,
} PsDistKind;

typedef struct
{
  int kind; /* a PsDistKind */
  double p[4];
} PsDist;

/* Wichura's AS241 central region, |q| <= 0.425, q = u - 1/2. */
static inline PS_HD double
ps_dist_ppnd_central (double q)
{
  double r = 0.180625 - q * q;
  double num
      = ((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
            + 45921.953931549871457)
               * r
           + 13731.693765509461125)
              * r
          + 1971.5909503065514427)
             * r
         + 133.14166789178437745)
            * r
        + 3.387132872796366608;
  double den
      = ((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
            + 21213.794301586595867)
               * r
           + 5394.1960214247511077)
              * r
          + 687.1870074920579083)
             * r
         + 42.313330701600911252)
            * r
        + 1.0;
  return q * (num / den);
}

/* AS241 for 1.6 <= r <= 5, r = sqrt(-ln min(u, 1 - u)). */
static inline PS_HD double
ps_dist_ppnd_intermediate (double r)
{
  double t = r - 1.6;
  double num
      = ((((((7.7454501427834140764e-4 * t + 0.0227238449892691845833) * t + 0.24178072517745061177)
                * t
            + 1.27045825245236838258)
               * t
           + 3.64784832476320460504)
              * t
          + 5.7694972214606914055)
             * t
         + 4.6303378461565452959)
            * t
        + 1.42343711074968357734;
  double den = ((((((1.05075007164441684324e-9 * t + 5.475938084995344946e-4) * t
                    + 0.0151986665636164571966)
                       * t
                   + 0.14810397642748007459)
                      * t
                  + 0.68976733498510000455)
                     * t
                 + 1.6763848301838038494)
                    * t
                + 2.05319162663775882187)
                   * t
               + 1.0;
  return num / den;
}

/* AS241 for r > 5 (u below about 1.4e-11 or above 1 - 1.4e-11). */
static inline PS_HD double
ps_dist_ppnd_far (double r)
{
  double t = r - 5.0;
  double num = ((((((2.01033439929228813265e-7 * t + 2.71155556874348757815e-5) * t
                    + 0.0012426609473880784386)
                       * t
                   + 0.026532189526576123093)
                      * t
                  + 0.29656057182850489123)
                     * t
                 + 1.7848265399172913358)
                    * t
                + 5.4637849111641143699)
                   * t
               + 6.6579046435011037772;
  double den = ((((((2.04426310338993978564e-15 * t + 1.4215117583164458887e-7) * t
                    + 1.8463183175100546818e-5)
                       * t
                   + 7.868691311456132591e-4)
                      * t
                  + 0.0148753612908506148525)
                     * t
                 + 0.13692988092273580531)
                    * t
                + 0.59983220655588793769)
                   * t
               + 1.0;
  return num / den;
}

/* The standard normal quantile outside the central region (|u - 1/2| > 0.425),
 * and at u <= 0 (-inf) and u >= 1 (+inf). */
static inline PS_HD double
ps_dist_ppnd_tail (double u)
{
  double pp = u < 0.5 ? u : 1.0 - u;
  double r = sqrt (-ps_log (pp));
  double v = r <= 5.0 ? ps_dist_ppnd_intermediate (r) : ps_dist_ppnd_far (r);
  double x = u < 0.5 ? -v : v;

  x = u <= 0.0 ? -ps_math_inf () : x;
  x = u >= 1.0 ? ps_math_inf () : x;
  return x;
}

/* Phi^-1(u), the standard normal quantile (Wichura, Applied Statistics 37 (1988),
 * algorithm AS241 PPND16). */
static inline PS_HD double
ps_dist_normal_quantile (double u)
{
  double q = u - 0.5;

  return ps_math_fabs (q) > 0.425 ? ps_dist_ppnd_tail (u) : ps_dist_ppnd_central (q);
}

/* Phi(x) and 1 - Phi(x), each accurate to about 1e-16 relative (Cody's ANORM). */
static inline PS_HD void
ps_dist_normal_cdf_both (double x, double *cum, double *ccum)
{
  double y = ps_math_fabs (x);

  if (x != x)
    {
      *cum = *ccum = x;
      return;
    }
  if (y <= 0.67448975)
    {
      double xsq = x * x;
      double xnum = 0.065682337918207449113 * xsq;
      double xden = xsq;

      xnum = (xnum + 2.2352520354606839287) * xsq;
      xden = (xden + 47.20258190468824187) * xsq;
      xnum = (xnum + 161.02823106855587881) * xsq;
      xden = (xden + 976.09855173777669322) * xsq;
      xnum = (xnum + 1067.6894854603709582) * xsq;
      xden = (xden + 10260.932208618978205) * xsq;
      double temp = x * (xnum + 18154.981253343561249) / (xden + 45507.789335026729956);
      *cum = 0.5 + temp;
      *ccum = 0.5 - temp;
      return;
    }

  double temp;
  if (y <= 5.656854249492380195206754896838) /* sqrt(32) */
    {
      const double c[9]
          = { 0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
              597.27027639480026226,  2494.5375852903726711, 6848.1904505362823326,
              11602.651437647350124,  9842.7148383839780218, 1.0765576773720192317e-8 };
      const double d[8] = { 22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                            6485.558298266760755,  18615.571640885098091, 34900.952721145977266,
                            38912.003286093271411, 19685.429676859990727 };
      double xnum = c[8] * y;
      double xden = y;

      for (int i = 0; i < 7; i++)
        {
          xnum = (xnum + c[i]) * y;
          xden = (xden + d[i]) * y;
        }
      temp = (xnum + c[7]) / (xden + d[7]);
    }
  else
    {
      const double p[6]
          = { 0.21589853405795699,     0.1274011611602473639, 0.022235277870649807,
              0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303 };
      const double q[5] = { 1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                            0.00378239633202758244, 7.29751555083966205e-5 };
      double xsq = 1.0 / (x * x);
      double xnum = p[5] * xsq;
      double xden = xsq;

      for (int i = 0; i < 4; i++)
        {
          xnum = (xnum + p[i]) * xsq;
          xden = (xden + q[i]) * xsq;
        }
      temp = xsq * (xnum + p[4]) / (xden + q[4]);
      temp = (0.398942280401432677939946059934 - temp) / y; /* 1/sqrt(2 pi) */
    }

  /* exp(-y^2/2) with y^2 split so that the large part is exact. */
  double ysq = ps_math_rint (y * 16.0) / 16.0;
  double del = (y - ysq) * (y + ysq);
  double small = ps_exp (-ysq * ysq * 0.5) * ps_exp (-del * 0.5) * temp;

  small = y < 37.5193 ? small : 0.0;
  *cum = x > 0.0 ? 1.0 - small : small;
  *ccum = x > 0.0 ? small : 1.0 - small;
}

/* The Weibull quantile lambda (-ln(1 - u))^(1/k); 0 at u = 0, inf at u = 1. */
static inline PS_HD double
ps_dist_weibull_quantile (double lambda, double inv_k, double u)
{
  double x = lambda * ps_math_pow_positive (-ps_log1p (-u), inv_k);

  x = u <= 0.0 ? 0.0 : x;
  x = u >= 1.0 ? ps_math_inf () : x;
  return u != u ? u : x;
}

/* x = F^-1(u) for u in (0, 1); non-decreasing in u for every kind. */
static inline PS_HD double
ps_dist_quantile (const PsDist *d, double u)
{
  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return d->p[0] + d->p[1] * ps_dist_normal_quantile (u);
    case PS_DIST_LOGNORMAL:
      return ps_exp (d->p[0] + d->p[1] * ps_dist_normal_quantile (u));
    case PS_DIST_GUMBEL:
      return d->p[0] - d->p[1] * ps_log (-ps_log (u));
    case PS_DIST_UNIFORM:
      {
        double x = d->p[0] + d->p[1] * u;
        return x > d->p[2] ? d->p[2] : x;
      }
    case PS_DIST_WEIBULL:
      return ps_dist_weibull_quantile (d->p[0], d->p[1], u);
    case PS_DIST_EXPONENTIAL:
      return -d->p[0] * ps_log1p (-u);
    case PS_DIST_TRUNCATED_NORMAL:
      {
        double za = ps_dist_normal_quantile (d->p[2]);
        double zb = ps_dist_normal_quantile (d->p[2] + d->p[3]);
        /* Mirrored (p[1] < 0), x falls as z rises: take 1 - u so that x rises with
         * u. (1 - u is exact for every uniform that ps-philox.h produces.) */
        double v = d->p[1] < 0.0 ? 1.0 - u : u;
        double z = ps_dist_normal_quantile (d->p[2] + v * d->p[3]);

        z = z < za ? za : z;
        z = z > zb ? zb : z;
        return d->p[0] + d->p[1] * z;
      }
    default:
      return ps_math_nan ();
    }
}

#if !defined(__CUDACC__)
#include <glib.h>

G_BEGIN_DECLS

/* The parameters a study file gives for one variable; has_* says which are present. */
typedef struct
{
  gboolean has_mean;
  double mean;
  gboolean has_sd;
  double sd;
  gboolean has_lower;
  double lower;
  gboolean has_upper;
  double upper;
  gboolean has_shape;
  double shape;
  gboolean has_scale;
  double scale;
} PsDistParams;

gboolean ps_dist_init (PsDist *d, const char *name, const PsDistParams *given,
                       char **error_message);
const char *ps_dist_kind_name (int kind);

void ps_dist_quantile_block (const PsDist *d, const double *u, gsize n, double *x);

double ps_dist_mean (const PsDist *d);
double ps_dist_sd (const PsDist *d);
double ps_dist_cdf (const PsDist *d, double x);

G_END_DECLS
#endif
