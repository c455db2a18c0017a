/* ps-regression-math-private.h: the stress–strain fit of one specimen, for the CPU and the GPU.
 *
 * ps-regression.c (the CPU kernel) and engine/backends/cuda/ps-cuda.cu (the GPU
 * kernel) both include this file and call these functions, so that a specimen is
 * generated and fitted with the same operations in the same order on both: compiled
 * without contraction into fused multiply-adds (-ffp-contract=off, --fmad=false) they
 * give the same bits. Plain C types only (no GLib), so that nvcc compiles it for the
 * device: PS_HD is __host__ __device__ under nvcc (ps-math-private.h).
 *
 * The two streaming scans of the fit (the maximum stress and where it first occurs;
 * the first crossing below the offset line) are called through ps_reg_scan_max_any ()
 * and ps_reg_scan_crossing_any (): on the host the run-time dispatchers of
 * ps-reg-scan.c (AVX2 where the processor has it), on the device the scalar loops
 * defined here, which are also the dispatchers' portable versions.
 */
#pragma once

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rng/ps-dist.h"
#include "rng/ps-math-private.h"
#include "rng/ps-philox.h"
#include "ps-reg-scan-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

  /* Why a specimen could not be fitted. */
  typedef enum
  {
    PS_REG_OK = 0,
    PS_REG_ERR_READ,           /* the file could not be opened or read */
    PS_REG_ERR_HEADER,         /* the header line lacks a named column */
    PS_REG_ERR_PARSE,          /* a line that is not numbers (file and line named) */
    PS_REG_ERR_NON_FINITE,     /* NaN or infinity in the data */
    PS_REG_ERR_TOO_FEW,        /* too few points in the elastic window */
    PS_REG_ERR_NOT_INCREASING, /* the strain falls in the elastic window (by more than
                                  the tolerance), or does not increase across it */
    PS_REG_ERR_MODULUS,        /* the fitted modulus is not positive */
    PS_REG_ERR_PARAMS,         /* synthetic: a drawn E or yield stress is not positive */
    PS_REG_N_REASONS
  } PsRegError;

  typedef enum
  {
    PS_REG_WINDOW_STRAIN, /* from <= strain <= to */
    PS_REG_WINDOW_STRESS, /* from * max <= stress <= to * max */
    PS_REG_WINDOW_AUTO,   /* the most linear of the stress windows of PS_REG_AUTO_* */
  } PsRegWindow;

/* The auto window: stress windows [a, a + PS_REG_AUTO_WIDTH] of the maximum stress for
 * a = 0.05, 0.10, ..., 0.50; the one with the highest R^2 wins, the lowest on a tie. */
#define PS_REG_AUTO_N 10
#define PS_REG_AUTO_STEP 0.05
#define PS_REG_AUTO_WIDTH 0.30

/* Streams of the synthetic generator: key (seed, stream), counter the specimen or,
 * for the noise, specimen * points + point (ps-philox.h). */
#define PS_REG_STREAM_E 1
#define PS_REG_STREAM_YIELD 2
#define PS_REG_STREAM_NOISE_SD 3
#define PS_REG_STREAM_NOISE 4

  /* Single-pass co-moments of (x, y) (Welford). */
  typedef struct
  {
    double n, mx, my, sxx, sxy, syy;
  } PsRegLine;

  typedef struct
  {
    double slope, intercept;
    double slope_se, intercept_se;
    double r2;
    double residual_sd;
    double sse;
  } PsRegLineFit;

  /* One specimen's results. */
  typedef struct
  {
    double E, E_se, sigma0, sigma0_se, r2;
    uint64_t points, window_points;
    double window_from, window_to; /* strain of the first and last point of the window */
    int has_yield;                 /* gboolean */
    double yield, yield_strain;
    double ultimate, ultimate_strain, break_strain;
    uint64_t bad_point; /* for an error: the point it concerns */
  } PsSpecimenFit;

  /* How a specimen is fitted: the fit options of the study. */
  typedef struct
  {
    int window; /* PsRegWindow */
    double from, to;
    double offset;
    unsigned min_points;
    /* Repeated strains are data (an extensometer quantised at 1e-5 repeats them); a
     * strain more than this below the highest one before it in the window is an
     * error. 0 refuses any fall. */
    double strain_tol;
  } PsRegFitParams;

  static inline PS_HD int ps_reg_is_finite (double v) { return fabs (v) <= DBL_MAX; }

  static inline PS_HD void ps_reg_line_add (PsRegLine *l, double x, double y)
  {
    double r, dx, dy;

    l->n += 1.0;
    r = 1.0 / l->n;
    dx = x - l->mx;
    dy = y - l->my;
    l->mx += dx * r;
    l->my += dy * r;
    l->sxx += dx * (x - l->mx);
    l->sxy += dx * (y - l->my);
    l->syy += dy * (y - l->my);
  }

  /* Merges the co-moments @b into @a (Chan, Golub and LeVeque). */
  static inline PS_HD void ps_reg_line_merge (PsRegLine *a, const PsRegLine *b)
  {
    double n, dx, dy, w;

    if (b->n == 0)
      return;
    if (a->n == 0)
      {
        *a = *b;
        return;
      }
    n = a->n + b->n;
    dx = b->mx - a->mx;
    dy = b->my - a->my;
    w = a->n * b->n / n;
    a->mx += dx * (b->n / n);
    a->my += dy * (b->n / n);
    a->sxx += b->sxx + dx * dx * w;
    a->sxy += b->sxy + dx * dy * w;
    a->syy += b->syy + dy * dy * w;
    a->n = n;
  }

  /* Adds n points in one pass: point i goes to lane i mod 4, each lane a Welford update
   * (the four share each step's 1/k, and do not wait on each other), and the lanes are
   * then merged into @l by the pairwise formulas of Chan, Golub and LeVeque ("Algorithms
   * for computing the sample variance", The American Statistician 37 (1983)). As stable
   * as ps_reg_line_add() point by point, and four times shorter a chain of dependent
   * operations. */
  static inline PS_HD void ps_reg_line_add_points (PsRegLine *l, const double *x, const double *y,
                                                   size_t n)
  {
    double mx[4] = { 0 }, my[4] = { 0 }, sxx[4] = { 0 }, sxy[4] = { 0 }, syy[4] = { 0 };
    double k = 0, kx, ky;
    size_t i = 0, rest;

    if (n == 0)
      return;
    /* The lanes work on the points less the first one: their means are then of the
     * size of the spread of the data, not of its offset, and the rounding of the
     * running means no longer costs digits of the co-moments. */
    kx = x[0];
    ky = y[0];
    for (; i + 4 <= n; i += 4)
      {
        double r;

        k += 1.0;
        r = 1.0 / k;
        for (int j = 0; j < 4; j++)
          {
            double u = x[i + j] - kx, v = y[i + j] - ky;
            double du = u - mx[j], dv = v - my[j];

            mx[j] += du * r;
            my[j] += dv * r;
            sxx[j] += du * (u - mx[j]);
            sxy[j] += du * (v - my[j]);
            syy[j] += dv * (v - my[j]);
          }
      }
    rest = n - i;
    if (rest > 0)
      {
        double r = 1.0 / (k + 1.0);

        for (size_t j = 0; j < rest; j++)
          {
            double u = x[i + j] - kx, v = y[i + j] - ky;
            double du = u - mx[j], dv = v - my[j];

            mx[j] += du * r;
            my[j] += dv * r;
            sxx[j] += du * (u - mx[j]);
            sxy[j] += du * (v - my[j]);
            syy[j] += dv * (v - my[j]);
          }
      }
    {
      PsRegLine sum = { 0, 0, 0, 0, 0, 0 };

      for (size_t j = 0; j < 4; j++)
        {
          PsRegLine lane = { j < rest ? k + 1.0 : k, mx[j], my[j], sxx[j], sxy[j], syy[j] };

          ps_reg_line_merge (&sum, &lane);
        }
      sum.mx += kx;
      sum.my += ky;
      ps_reg_line_merge (l, &sum);
    }
  }

  /* The least-squares line of the co-moments (n >= 3 for the standard errors). */
  static inline PS_HD void ps_reg_line_solve (const PsRegLine *l, PsRegLineFit *f)
  {
    double n = l->n, sse, s2;

    f->slope = l->sxy / l->sxx;
    f->intercept = l->my - f->slope * l->mx;
    sse = l->syy - f->slope * l->sxy;
    sse = sse > 0 ? sse : 0.0;
    s2 = n > 2 ? sse / (n - 2) : ps_math_nan ();
    f->sse = sse;
    f->residual_sd = sqrt (s2);
    f->slope_se = sqrt (s2 / l->sxx);
    f->intercept_se = sqrt (s2 * (1.0 / n + l->mx * l->mx / l->sxx));
    f->r2 = l->syy > 0 ? 1.0 - sse / l->syy : ps_math_nan ();
  }

  /* ---- the scans, scalar ------------------------------------------------------ */

  static inline PS_HD double ps_reg_offset_gap (double x, double y, double E, double offset,
                                                double s0)
  {
    return y - (E * (x - offset) + s0);
  }

  /* ps_reg_scan_max () without AVX2: four independent lanes without branches; the
   * finite check rides along. */
  static inline PS_HD int ps_reg_scan_max_scalar (const double *y, size_t n, double *ymax,
                                                  size_t *imax)
  {
    double m4[4] = { y[0], y[0], y[0], y[0] };
    int bad = 0;
    size_t i, j = 0;
    double m, m01, m23;

    for (i = 0; i + 4 <= n; i += 4)
      for (int k = 0; k < 4; k++)
        {
          double v = y[i + k];

          bad |= !(fabs (v) <= DBL_MAX);
          m4[k] = v > m4[k] ? v : m4[k];
        }
    for (; i < n; i++)
      {
        bad |= !(fabs (y[i]) <= DBL_MAX);
        m4[0] = y[i] > m4[0] ? y[i] : m4[0];
      }
    if (bad)
      return 0;
    m01 = m4[0] > m4[1] ? m4[0] : m4[1];
    m23 = m4[2] > m4[3] ? m4[2] : m4[3];
    m = m01 > m23 ? m01 : m23;
    while (y[j] != m)
      j++;
    /* The stored value, not m: of a +0 and a -0 the first one is reported. */
    *ymax = y[j];
    *imax = j;
    return 1;
  }

  /* ps_reg_scan_crossing () without AVX2 (from < n). */
  static inline PS_HD size_t ps_reg_scan_crossing_scalar (const double *x, const double *y,
                                                          size_t from, size_t n, double E,
                                                          double offset, double s0)
  {
    double fprev = ps_reg_offset_gap (x[from], y[from], E, offset, s0);

    for (size_t i = from + 1; i < n; i++)
      {
        double f = ps_reg_offset_gap (x[i], y[i], E, offset, s0);

        if (f <= 0 && fprev > 0)
          return i;
        fprev = f;
      }
    return n;
  }

  /* The scans as the fit calls them: the dispatchers on the host, the scalar loops on
   * the device. */
  static inline PS_HD int ps_reg_scan_max_any (const double *y, size_t n, double *ymax,
                                               size_t *imax)
  {
#if defined(__CUDA_ARCH__)
    return ps_reg_scan_max_scalar (y, n, ymax, imax);
#else
  return ps_reg_scan_max (y, n, ymax, imax);
#endif
  }

  static inline PS_HD size_t ps_reg_scan_crossing_any (const double *x, const double *y,
                                                       size_t from, size_t n, double E,
                                                       double offset, double s0)
  {
#if defined(__CUDA_ARCH__)
    return from < n ? ps_reg_scan_crossing_scalar (x, y, from, n, E, offset, s0) : n;
#else
  return ps_reg_scan_crossing (x, y, from, n, E, offset, s0);
#endif
  }

  /* ---- the fit ------------------------------------------------------------------ */

  /* The window of stress fractions [lo, hi] of the maximum: the points from the first
   * with stress >= lo up to the last before the stress first exceeds hi, at or before
   * the maximum. */
  static inline PS_HD PsRegError ps_reg_stress_window (const double *x, const double *y,
                                                       size_t imax, double lo, double hi,
                                                       double tol, PsRegLine *l, size_t *i0,
                                                       size_t *i1, uint64_t *bad)
  {
    size_t i = 0, first;
    double top = -DBL_MAX;

    memset (l, 0, sizeof *l);
    while (i <= imax && !(y[i] >= lo))
      i++;
    first = *i0 = i;
    for (; i <= imax && y[i] <= hi; i++)
      {
        if (!ps_reg_is_finite (x[i]))
          {
            *bad = i;
            return PS_REG_ERR_NON_FINITE;
          }
        if (x[i] < top - tol)
          {
            *bad = i;
            return PS_REG_ERR_NOT_INCREASING;
          }
        top = x[i] > top ? x[i] : top;
      }
    *i1 = i;
    ps_reg_line_add_points (l, x + first, y + first, i - first);
    return PS_REG_OK;
  }

  /* @fit before the fit of @n points: nothing known yet. */
  static inline PS_HD void ps_reg_fit_init (PsSpecimenFit *fit, uint64_t n)
  {
    memset (fit, 0, sizeof *fit);
    fit->points = n;
    fit->yield = fit->yield_strain = ps_math_nan ();
    fit->E = fit->E_se = fit->sigma0 = fit->sigma0_se = fit->r2 = ps_math_nan ();
    fit->window_from = fit->window_to = ps_math_nan ();
    fit->ultimate = fit->ultimate_strain = fit->break_strain = ps_math_nan ();
  }

  /* The index of the first stress that is not finite (there is one). */
  static inline PS_HD size_t ps_reg_first_non_finite (const double *y)
  {
    size_t i = 0;

    while (ps_reg_is_finite (y[i]))
      i++;
    return i;
  }

  /* The fit after its first pass, which found every stress finite, their maximum
   * @ymax and the index @imax where it first occurs: the ultimate point, the elastic
   * window and its line, and the offset yield. */
  static inline PS_HD PsRegError ps_reg_fit_after_max (const PsRegFitParams *p, const double *x,
                                                       const double *y, size_t n, double ymax,
                                                       size_t imax, PsSpecimenFit *fit)
  {
    PsRegLine l = { 0, 0, 0, 0, 0, 0 };
    PsRegLineFit lf;
    double E, s0;
    size_t i, i0 = 0, i1 = 0;
    PsRegError err;

    if (!ps_reg_is_finite (x[n - 1]) || !ps_reg_is_finite (x[imax]))
      {
        fit->bad_point = !ps_reg_is_finite (x[imax]) ? imax : n - 1;
        return PS_REG_ERR_NON_FINITE;
      }
    fit->ultimate = ymax;
    fit->ultimate_strain = x[imax];
    fit->break_strain = x[n - 1];

    /* Pass 2, the window only. */
    switch (p->window)
      {
      case PS_REG_WINDOW_STRAIN:
        for (i = 0; i < n && !(x[i] >= p->from); i++)
          if (!ps_reg_is_finite (x[i]))
            {
              fit->bad_point = i;
              return PS_REG_ERR_NON_FINITE;
            }
        i0 = i;
        {
          double top = -DBL_MAX;

          for (; i < n && x[i] <= p->to; i++)
            {
              if (x[i] < top - p->strain_tol)
                {
                  fit->bad_point = i;
                  return PS_REG_ERR_NOT_INCREASING;
                }
              top = x[i] > top ? x[i] : top;
            }
        }
        i1 = i;
        ps_reg_line_add_points (&l, x + i0, y + i0, i1 - i0);
        if (i1 < n && !ps_reg_is_finite (x[i1]))
          {
            fit->bad_point = i1;
            return PS_REG_ERR_NON_FINITE;
          }
        break;
      case PS_REG_WINDOW_STRESS:
        err = ps_reg_stress_window (x, y, imax, p->from * ymax, p->to * ymax, p->strain_tol, &l,
                                    &i0, &i1, &fit->bad_point);
        if (err != PS_REG_OK)
          return err;
        break;
      default: /* PS_REG_WINDOW_AUTO */
        {
          double best_r2 = -INFINITY;
          int found = 0;

          for (int k = 0; k < PS_REG_AUTO_N; k++)
            {
              double a = PS_REG_AUTO_STEP * (k + 1);
              PsRegLine c;
              size_t c0, c1;

              err = ps_reg_stress_window (x, y, imax, a * ymax, (a + PS_REG_AUTO_WIDTH) * ymax,
                                          p->strain_tol, &c, &c0, &c1, &fit->bad_point);
              if (err != PS_REG_OK)
                return err;
              if (c.n < p->min_points || !(c.sxx > 0))
                continue;
              ps_reg_line_solve (&c, &lf);
              if (!found || lf.r2 > best_r2)
                {
                  found = 1;
                  best_r2 = lf.r2;
                  l = c;
                  i0 = c0;
                  i1 = c1;
                }
            }
          if (!found)
            {
              fit->bad_point = 0;
              fit->window_points = 0;
              return PS_REG_ERR_TOO_FEW;
            }
        }
        break;
      }
    fit->window_points = (uint64_t)l.n;
    if (l.n < p->min_points)
      {
        fit->bad_point = i0;
        return PS_REG_ERR_TOO_FEW;
      }
    if (!(l.sxx > 0))
      {
        fit->bad_point = i0;
        return PS_REG_ERR_NOT_INCREASING;
      }
    ps_reg_line_solve (&l, &lf);
    fit->window_from = x[i0];
    fit->window_to = x[i1 - 1];
    fit->E = lf.slope;
    fit->E_se = lf.slope_se;
    fit->sigma0 = lf.intercept;
    fit->sigma0_se = lf.intercept_se;
    fit->r2 = lf.r2;
    if (!(lf.slope > 0) || !ps_reg_is_finite (lf.slope))
      {
        fit->bad_point = i0;
        return PS_REG_ERR_MODULUS;
      }

    /* Pass 3, from the window on to the first crossing below the offset line. */
    E = lf.slope;
    s0 = lf.intercept;
    i = ps_reg_scan_crossing_any (x, y, i0, n, E, p->offset, s0);
    if (i < n)
      {
        double f = ps_reg_offset_gap (x[i], y[i], E, p->offset, s0);
        double fprev = ps_reg_offset_gap (x[i - 1], y[i - 1], E, p->offset, s0);
        double t = fprev / (fprev - f);

        fit->has_yield = 1;
        fit->yield_strain = x[i - 1] + t * (x[i] - x[i - 1]);
        fit->yield = y[i - 1] + t * (y[i] - y[i - 1]);
      }
    return PS_REG_OK;
  }

  /* Fits the @n points (strain, stress in Pa) of one specimen: ps_regression_fit ()
   * with the study's options in @p. */
  static inline PS_HD PsRegError ps_reg_fit_points (const PsRegFitParams *p, const double *x,
                                                    const double *y, size_t n, PsSpecimenFit *fit)
  {
    double ymax;
    size_t imax = 0;

    ps_reg_fit_init (fit, n);
    if (n == 0)
      return PS_REG_ERR_TOO_FEW;
    /* Pass 1, the stress only (the pass that streams the specimen from memory): its
     * maximum, that it is finite, and where the maximum first occurs. */
    if (!ps_reg_scan_max_any (y, n, &ymax, &imax))
      {
        fit->bad_point = ps_reg_first_non_finite (y);
        return PS_REG_ERR_NON_FINITE;
      }
    return ps_reg_fit_after_max (p, x, y, n, ymax, imax, fit);
  }

  /* ---- the synthetic specimens -------------------------------------------------- */

  /* The drawn properties of one synthetic specimen and its curve: elastic with modulus
   * E up to the yield stress fy, then linear hardening with modulus H, sampled at
   * strains j * step, plus normal noise of standard deviation sd. */
  typedef struct
  {
    double E, fy, sd;
    double step, ey, H;
  } PsRegSynth;

  /* Draws specimen @i's properties. Returns 0 when a drawn E or yield stress is not
   * positive and finite, or the noise's sd is negative. */
  static inline PS_HD int ps_reg_synth_init (const PsDist *E, const PsDist *fy,
                                             const PsDist *noise_sd, double hardening,
                                             double max_strain, uint64_t seed, uint64_t points,
                                             uint64_t i, PsRegSynth *s)
  {
    s->E = ps_dist_quantile (E, ps_rng_uniform (seed, PS_REG_STREAM_E, i));
    s->fy = ps_dist_quantile (fy, ps_rng_uniform (seed, PS_REG_STREAM_YIELD, i));
    s->sd = ps_dist_quantile (noise_sd, ps_rng_uniform (seed, PS_REG_STREAM_NOISE_SD, i));
    s->step = max_strain / (double)(points - 1);
    if (!(s->E > 0) || !(s->fy > 0) || !(s->sd >= 0) || !ps_reg_is_finite (s->E)
        || !ps_reg_is_finite (s->fy))
      return 0;
    s->ey = s->fy / s->E;
    s->H = hardening * s->E;
    return 1;
  }

  /* The distribution of the noise (used when sd > 0). */
  static inline PS_HD PsDist ps_reg_synth_noise (const PsRegSynth *s)
  {
    PsDist noise;

    noise.kind = PS_DIST_NORMAL;
    noise.p[0] = 0.0;
    noise.p[1] = s->sd;
    noise.p[2] = 0.0;
    noise.p[3] = 0.0;
    return noise;
  }

  /* The noise of point @j of specimen @i, one at a time: the scalar definition, which
   * ps_rng_uniforms () and ps_dist_quantile_block () reproduce a block at a time. */
  static inline PS_HD double ps_reg_synth_noise_at (const PsRegSynth *s, const PsDist *noise,
                                                    uint64_t seed, uint64_t points, uint64_t i,
                                                    uint64_t j)
  {
    return s->sd > 0 ? ps_dist_quantile (noise,
                                         ps_rng_uniform (seed, PS_REG_STREAM_NOISE, i * points + j))
                     : 0.0;
  }

  /* Point @j of the curve, with noise @u. */
  static inline PS_HD void ps_reg_synth_point (const PsRegSynth *s, uint64_t j, double u, double *x,
                                               double *y)
  {
    double e = (double)j * s->step;

    *x = e;
    *y = (e <= s->ey ? s->E * e : s->fy + s->H * (e - s->ey)) + u;
  }

#ifdef __cplusplus
}
#endif
