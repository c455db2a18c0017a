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
 * The kinds added for issue 17 (p[4] and p[5] are used by these only):
 *
 *   kind         p[0]      p[1]      p[2]      p[3]         p[4]        x = F^-1(u)
 *   beta         alpha     beta      lower     upper-lower  ln B(a, b)  lower + w I^-1(u; a, b)
 *   gamma        k         theta     ln G(k)   -            -           theta P^-1(k, u)
 *   gumbel-min   mu        beta      -         -            -           mu + beta ln(-ln(1 - u))
 *   frechet      s         -1/alpha  m         alpha        -           m + s (-ln u)^(-1/alpha)
 *   triangular   a         c         b         (c-a)/(b-a)  -           see
 * ps_dist_triangular_quantile lognormal3   mu_ln     s_ln      lower     -            - lower +
 * exp(mu_ln + s_ln z(u))
 *
 * Beta and gamma have no closed-form quantile. Their CDFs, the regularised incomplete
 * beta I_x(a, b) and gamma P(k, x), are computed here from +, -, *, /, ps_exp and ps_log
 * only (continued fractions and series of DLMF 8.17.22, 8.11.4 and 8.9.2, evaluated
 * in a fixed order), and inverted by Newton's method inside a bisection bracket with
 * a fixed iteration rule; ln B and ln Gamma are computed once on the host by
 * ps_dist_init_full() (GSL) and stored in p[], so the device reads the same bits.
 * Every operation is then the same IEEE operation on every backend and the samples
 * are identical to the bit, as for the other kinds. A GSL quantile (gsl_cdf_beta_Pinv)
 * would be as accurate but is host-only and rounds differently; the tests compare
 * the two to 1e-10.
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
  PS_DIST_BETA,
  PS_DIST_GAMMA,
  PS_DIST_GUMBEL_MIN,
  PS_DIST_FRECHET,
  PS_DIST_TRIANGULAR,
  PS_DIST_LOGNORMAL3,
} PsDistKind;

#define PS_DIST_N_KINDS (PS_DIST_LOGNORMAL3 + 1)

typedef struct
{
  int kind; /* a PsDistKind */
  double p[6];
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

/* ---- the kinds of issue 17: incomplete beta and gamma and their inverses ---------- */

#define PS_DIST_TINY 1e-300

/* The regularised incomplete gamma P(k, x) and Q(k, x) = 1 - P, for k > 0, x >= 0,
 * lgk = ln Gamma(k). Below x = k + 1 the series P = x^k e^-x / Gamma(k) sum x^n /
 * (k (k+1) ... (k+n)) (DLMF 8.11.4 with 8.7.1); above it Legendre's continued fraction
 * for Q (DLMF 8.9.2) by the modified Lentz method. The side that is computed directly
 * is the small one, so that the other's 1 - loses nothing that matters. */
static inline PS_HD void
ps_dist_gamma_inc (double k, double x, double lgk, double *p, double *q)
{
  if (!(x > 0.0))
    {
      *p = x == 0.0 ? 0.0 : ps_math_nan ();
      *q = x == 0.0 ? 1.0 : ps_math_nan ();
      return;
    }
  if (x == ps_math_inf ())
    {
      *p = 1.0;
      *q = 0.0;
      return;
    }
  double pre = ps_exp (k * ps_log (x) - x - lgk);
  if (x < k + 1.0)
    {
      double term = 1.0 / k, sum = term;

      for (int n = 1; n < 2000; n++)
        {
          term = term * (x / (k + (double)n));
          sum = sum + term;
          if (ps_math_fabs (term) < ps_math_fabs (sum) * 1e-17)
            break;
        }
      *p = sum * pre;
      *q = 1.0 - *p;
      return;
    }
  double b = x + 1.0 - k, c = 1.0 / PS_DIST_TINY, d = 1.0 / b, h = d;
  for (int i = 1; i < 2000; i++)
    {
      double an = -(double)i * ((double)i - k);

      b = b + 2.0;
      d = an * d + b;
      d = ps_math_fabs (d) < PS_DIST_TINY ? PS_DIST_TINY : d;
      c = b + an / c;
      c = ps_math_fabs (c) < PS_DIST_TINY ? PS_DIST_TINY : c;
      d = 1.0 / d;
      double del = d * c;
      h = h * del;
      if (ps_math_fabs (del - 1.0) < 1e-16)
        break;
    }
  *q = pre * h;
  *p = 1.0 - *q;
}

/* The continued fraction of I_x(a, b) (DLMF 8.17.22) without its prefactor, by the
 * modified Lentz method; converges fast for x < (a + 1) / (a + b + 2). */
static inline PS_HD double
ps_dist_beta_cf (double a, double b, double x)
{
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), h;

  d = ps_math_fabs (d) < PS_DIST_TINY ? PS_DIST_TINY : d;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m < 2000; m++)
    {
      double dm = (double)m, m2 = 2.0 * dm;
      double an = dm * (b - dm) * x / ((a + m2 - 1.0) * (a + m2));

      d = 1.0 + an * d;
      d = ps_math_fabs (d) < PS_DIST_TINY ? PS_DIST_TINY : d;
      c = 1.0 + an / c;
      c = ps_math_fabs (c) < PS_DIST_TINY ? PS_DIST_TINY : c;
      d = 1.0 / d;
      h = h * d * c;
      an = -(a + dm) * (a + b + dm) * x / ((a + m2) * (a + m2 + 1.0));
      d = 1.0 + an * d;
      d = ps_math_fabs (d) < PS_DIST_TINY ? PS_DIST_TINY : d;
      c = 1.0 + an / c;
      c = ps_math_fabs (c) < PS_DIST_TINY ? PS_DIST_TINY : c;
      d = 1.0 / d;
      double del = d * c;
      h = h * del;
      if (ps_math_fabs (del - 1.0) < 1e-16)
        break;
    }
  return h;
}

/* The regularised incomplete beta I_y(a, b) and its complement 1 - I_y = I_{1-y}(b, a)
 * for y in [0, 1], lbab = ln B(a, b); the small side is computed directly. */
static inline PS_HD void
ps_dist_beta_inc (double a, double b, double y, double lbab, double *p, double *q)
{
  if (!(y > 0.0) || !(y < 1.0))
    {
      *p = y <= 0.0 ? 0.0 : (y >= 1.0 ? 1.0 : ps_math_nan ());
      *q = y <= 0.0 ? 1.0 : (y >= 1.0 ? 0.0 : ps_math_nan ());
      return;
    }
  double pre = ps_exp (a * ps_log (y) + b * ps_log1p (-y) - lbab);
  if (y < (a + 1.0) / (a + b + 2.0))
    {
      *p = pre * ps_dist_beta_cf (a, b, y) / a;
      *q = 1.0 - *p;
    }
  else
    {
      *q = pre * ps_dist_beta_cf (b, a, 1.0 - y) / b;
      *p = 1.0 - *q;
    }
}

/* One step of the safeguarded Newton iteration shared by the beta and gamma
 * quantiles: f(x) = F(x) - t (lower side) or t - S(x) (upper side, S = 1 - F) rises
 * with x and has slope pdf. The bracket [lo, hi] is narrowed by the sign of f; a
 * Newton step that leaves it is replaced by bisection (geometric when the bracket
 * spans more than a factor of 4 above 0). Returns the next x. */
static inline PS_HD double
ps_dist_newton_step (double x, double f, double pdf, double *lo, double *hi)
{
  *lo = f < 0.0 ? x : *lo;
  *hi = f > 0.0 ? x : *hi;
  double xn = x - f / pdf;
  int inside = (xn > *lo) & (xn < *hi) & (xn == xn);
  if (inside)
    return xn;
  if (*hi == ps_math_inf ())
    return x > 0.0 ? 2.0 * x : 1.0;
  if (*lo > 0.0 && *hi > 4.0 * *lo)
    return sqrt (*lo * *hi);
  return 0.5 * (*lo + *hi);
}

/* The x with P(k, x) = t (upper = 0) or Q(k, x) = t (upper = 1), t in (0, 1). The
 * start is Wilson and Hilferty's cube (Johnson, Kotz and Balakrishnan, vol. 1, eq.
 * 18.24), or the leading term of the series where that is not positive. */
static inline PS_HD double
ps_dist_gamma_inv (double k, double lgk, double t, int upper)
{
  double z = ps_dist_normal_quantile (upper ? 1.0 - t : t);
  double c = 1.0 / (9.0 * k);
  double w = 1.0 - c + z * sqrt (c);
  double x = k * w * w * w;
  double lo = 0.0, hi = ps_math_inf ();

  if (!(t > 0.0) || !(t < 1.0))
    return t == (upper ? 1.0 : 0.0) ? 0.0 : (t != t ? t : ps_math_inf ());
  if (!(x > 0.0) || (!upper && t < 0.01 && k < 1.0))
    {
      double tp = upper ? 1.0 - t : t;
      x = ps_exp ((ps_log (tp) + ps_log (k) + lgk) / k);
    }
  for (int it = 0; it < 300; it++)
    {
      double p, q;

      ps_dist_gamma_inc (k, x, lgk, &p, &q);
      double f = upper ? t - q : p - t;
      if (f == 0.0)
        break;
      double pdf = ps_exp ((k - 1.0) * ps_log (x) - x - lgk);
      double xn = ps_dist_newton_step (x, f, pdf, &lo, &hi);
      double dx = ps_math_fabs (xn - x);
      x = xn;
      if (dx <= 2e-16 * x || (hi < ps_math_inf () && hi - lo <= 2e-16 * hi))
        break;
    }
  return x;
}

/* The y in (0, 1) with I_y(a, b) = t (upper = 0) or 1 - I_y(a, b) = t (upper = 1). The
 * start is the mean, or the leading term of the series in the tail that t lies in
 * (I_y ~ y^a / (a B) near 0). */
static inline PS_HD double
ps_dist_beta_inv (double a, double b, double lbab, double t, int upper)
{
  double tp = upper ? 1.0 - t : t, tq = upper ? t : 1.0 - t;
  double y = a / (a + b);
  double lo = 0.0, hi = 1.0;

  if (!(t > 0.0) || !(t < 1.0))
    return t != t ? t : (tp <= 0.0 ? 0.0 : 1.0);
  double y0 = ps_exp ((ps_log (tp) + ps_log (a) + lbab) / a);
  double y1 = 1.0 - ps_exp ((ps_log (tq) + ps_log (b) + lbab) / b);
  y = y0 < y ? y0 : (y1 > y ? y1 : y);
  for (int it = 0; it < 300; it++)
    {
      double p, q;

      ps_dist_beta_inc (a, b, y, lbab, &p, &q);
      double f = upper ? t - q : p - t;
      if (f == 0.0)
        break;
      double pdf = ps_exp ((a - 1.0) * ps_log (y) + (b - 1.0) * ps_log1p (-y) - lbab);
      double yn = ps_dist_newton_step (y, f, pdf, &lo, &hi);
      double dy = ps_math_fabs (yn - y);
      y = yn;
      if (dy <= 2e-16 * y || hi - lo <= 2e-16 * hi)
        break;
    }
  return y;
}

/* The triangular quantile (lower a, mode c, upper b, fc = (c - a)/(b - a)): a +
 * sqrt(u (b - a)(c - a)) below the mode, b - sqrt((1 - u)(b - a)(b - c)) above it
 * (the inverse of the piecewise quadratic CDF; Johnson, Kotz and Balakrishnan, vol. 2,
 * ch. 26, sec. 9). q is 1 - u, exact for the uniforms of ps-philox.h. */
static inline PS_HD double
ps_dist_triangular_quantile (const double *p, double u, double q)
{
  double w = p[2] - p[0];
  double x = u <= p[3] ? p[0] + sqrt (u * w * (p[1] - p[0])) : p[2] - sqrt (q * w * (p[2] - p[1]));

  x = x < p[0] ? p[0] : x;
  return x > p[2] ? p[2] : x;
}

/* The quantiles of the kinds of issue 17: the x with F(x) = u (upper = 0), or with
 * 1 - F(x) = u (upper = 1), which keeps its accuracy in the upper tail. */
static inline PS_HD double
ps_dist_quantile_new (const PsDist *d, double u, int upper)
{
  double t = upper ? 1.0 - u : u; /* F(x) */
  switch (d->kind)
    {
    case PS_DIST_BETA:
      return d->p[2] + d->p[3] * ps_dist_beta_inv (d->p[0], d->p[1], d->p[4], u, upper);
    case PS_DIST_GAMMA:
      return d->p[1] * ps_dist_gamma_inv (d->p[0], d->p[2], u, upper);
    case PS_DIST_GUMBEL_MIN:
      /* F(x) = 1 - exp(-exp((x - mu)/beta)) */
      return d->p[0] + d->p[1] * ps_log (upper ? -ps_log (u) : -ps_log1p (-u));
    case PS_DIST_FRECHET:
      /* F(x) = exp(-((x - m)/s)^-alpha) */
      return d->p[2]
             + d->p[0] * ps_math_pow_positive (upper ? -ps_log1p (-u) : -ps_log (u), d->p[1]);
    case PS_DIST_TRIANGULAR:
      return ps_dist_triangular_quantile (d->p, t, upper ? u : 1.0 - u);
    case PS_DIST_LOGNORMAL3:
      {
        double z = ps_dist_normal_quantile (u);
        return d->p[2] + ps_exp (d->p[0] + d->p[1] * (upper ? -z : z));
      }
    default:
      return ps_math_nan ();
    }
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
      return ps_dist_quantile_new (d, u, 0);
    }
}

/* The x with 1 - F(x) = q, for q in (0, 1): the upper quantile, accurate where F(x)
 * is too close to 1 for ps_dist_quantile (1 - q) to resolve (FORM design points of
 * loads, importance sampling far in the upper tail). Non-increasing in q. */
static inline PS_HD double
ps_dist_quantile_upper (const PsDist *d, double q)
{
  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return d->p[0] - d->p[1] * ps_dist_normal_quantile (q);
    case PS_DIST_LOGNORMAL:
      return ps_exp (d->p[0] - d->p[1] * ps_dist_normal_quantile (q));
    case PS_DIST_GUMBEL:
      return d->p[0] - d->p[1] * ps_log (-ps_log1p (-q));
    case PS_DIST_UNIFORM:
      {
        double x = d->p[2] - d->p[1] * q;
        return x < d->p[0] ? d->p[0] : x;
      }
    case PS_DIST_WEIBULL:
      return q >= 1.0 ? 0.0 : d->p[0] * ps_math_pow_positive (-ps_log (q), d->p[1]);
    case PS_DIST_EXPONENTIAL:
      return -d->p[0] * ps_log (q);
    case PS_DIST_TRUNCATED_NORMAL:
      return ps_dist_quantile (d, 1.0 - q);
    default:
      return ps_dist_quantile_new (d, q, 1);
    }
}

/* x = F^-1(Phi(z)): the variable whose standard normal image is z (the marginal map
 * of the Nataf transformation). Phi(z) and 1 - Phi(z) are both accurate (Cody), and
 * the quantile is taken from the side where the probability is small, so that z = 8
 * is as good as z = -8. Normal and lognormal variables map exactly. */
static inline PS_HD double
ps_dist_from_normal (const PsDist *d, double z)
{
  double p, q;

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return d->p[0] + d->p[1] * z;
    case PS_DIST_LOGNORMAL:
      return ps_exp (d->p[0] + d->p[1] * z);
    case PS_DIST_LOGNORMAL3:
      return d->p[2] + ps_exp (d->p[0] + d->p[1] * z);
    default:
      break;
    }
  ps_dist_normal_cdf_both (z, &p, &q);
  return z <= 0.0 ? ps_dist_quantile (d, p) : ps_dist_quantile_upper (d, q);
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
  /* issue 17: beta's alpha and beta, frechet's shape may also be given as alpha;
   * triangular's mode */
  gboolean has_alpha;
  double alpha;
  gboolean has_beta;
  double beta;
  gboolean has_mode;
  double mode;
} PsDistParams;

gboolean ps_dist_init (PsDist *d, const char *name, const PsDistParams *given,
                       char **error_message);
/* ps_dist_init() and the kinds of issue 17: beta (alpha, beta, lower = 0, upper = 1),
 * gamma (shape and scale, or mean and sd), gumbel-min (mean, sd), frechet (shape and
 * scale, or mean and sd; lower = the location, 0 by default), triangular (lower, mode,
 * upper), lognormal with lower (three-parameter: mean and sd of the variable itself).
 * ps_dist_init() is kept as it was (it still calls these names unknown) until the
 * reliability kind is switched over; then it becomes this function. */
gboolean ps_dist_init_full (PsDist *d, const char *name, const PsDistParams *given,
                            char **error_message);
/* The names ps_dist_init_full() knows, comma-separated. */
const char *ps_dist_known_names (void);
const char *ps_dist_kind_name (int kind);

void ps_dist_quantile_block (const PsDist *d, const double *u, gsize n, double *x);

double ps_dist_mean (const PsDist *d);
double ps_dist_sd (const PsDist *d);
double ps_dist_cdf (const PsDist *d, double x);
/* Host only (GSL and libm): 1 - F(x) computed directly, the density, and
 * Phi^-1(F(x)), the inverse of ps_dist_from_normal(), from the side where it is
 * accurate. */
double ps_dist_sf (const PsDist *d, double x);
double ps_dist_pdf (const PsDist *d, double x);
double ps_dist_to_normal (const PsDist *d, double x);
/* The support [lower, upper] (either may be infinite). */
void ps_dist_support (const PsDist *d, double *lower, double *upper);

G_END_DECLS
#endif
