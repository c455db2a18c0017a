/* ps-beam-math-private.h: the arithmetic of one beam configuration, for the CPU and the GPU.
 *
 * ps-beam.c (the CPU kernel) and engine/backends/cuda/ps-cuda.cu (the GPU kernel)
 * both include this file and call these functions, so that the two compute every
 * output with the same operations in the same order: compiled without contraction
 * into fused multiply-adds (-ffp-contract=off, --fmad=false) they give the same bits.
 * Plain C types only (no GLib), so that nvcc compiles it for the device: PS_HD is
 * __host__ __device__ under nvcc (ps-math-private.h).
 *
 * Closed forms for the maxima of each support and load case.
 *
 * Source: AISC Steel Construction Manual, 15th ed., Table 3-23 "Shears, Moments and
 * Deflections" (cases 1, 7, 8, 12, 15, 16, 22, 24); the same formulas are in
 * Roark's Formulas for Stress and Strain, 8th ed., Table 8.1.
 *
 *   delta_max = cPd * P L^3 / EI + cqd * q L^4 / EI
 *   M_max     = cPm * P L       + cqm * q L^2
 *   V_max     = cPv * P         + cqv * q L
 *
 * Superposing a point load and a uniform load (the self-weight) is exact for these
 * cases because both maxima occur at the same section; the simply supported beam with
 * a point load off midspan is handled separately. Coordinates x run from the left
 * support; a cantilever is fixed at x = 0 and free at x = L; a propped cantilever is
 * fixed at x = 0 and pinned at x = L.
 */
#pragma once

#include <math.h>
#include <stdint.h>

#include "rng/ps-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_GRAVITY 9.80665 /* standard gravity, m/s^2 (CGPM 1901) */

  typedef enum
  {
    PS_SUPPORT_SIMPLY_SUPPORTED,
    PS_SUPPORT_CANTILEVER,
    PS_SUPPORT_FIXED_FIXED,
    PS_SUPPORT_PROPPED_CANTILEVER,
  } PsSupport;

  typedef enum
  {
    PS_LOAD_POINT_MIDSPAN,
    PS_LOAD_POINT_FREE_END,
    PS_LOAD_POINT_AT, /* at a distance a from the left support */
    PS_LOAD_UNIFORM,
  } PsLoadCase;

  /* The outputs the summary keeps extremes of, in this order. */
  typedef enum
  {
    PS_BEAM_OUT_DEFLECTION,
    PS_BEAM_OUT_MOMENT,
    PS_BEAM_OUT_SHEAR,
    PS_BEAM_OUT_STRESS,
    PS_BEAM_OUT_UTILISATION,
    PS_BEAM_OUT_RATIO,
    PS_BEAM_OUT_MASS,
    PS_BEAM_N_OUT
  } PsBeamOut;

  /* The numeric fields of a results.csv row, in the order of its columns. */
  typedef enum
  {
    PS_BEAM_ROW_MASS,
    PS_BEAM_ROW_DEFLECTION,
    PS_BEAM_ROW_X_DEFLECTION,
    PS_BEAM_ROW_MOMENT,
    PS_BEAM_ROW_X_MOMENT,
    PS_BEAM_ROW_SHEAR,
    PS_BEAM_ROW_X_SHEAR,
    PS_BEAM_ROW_STRESS,
    PS_BEAM_ROW_UTILISATION,
    PS_BEAM_ROW_RATIO,
    PS_BEAM_N_ROW
  } PsBeamRowValue;

  /* One configuration's results. */
  typedef struct
  {
    double deflection, x_deflection;    /* m */
    double moment, x_moment;            /* N m, m */
    double shear, x_shear;              /* N, m */
    double stress;                      /* Pa */
    double utilisation;                 /* safety factor * stress / f_d */
    double ratio;                       /* span / deflection */
    double mass;                        /* kg/m */
    int pass_deflection, pass_strength; /* gboolean */
  } PsBeamOutputs;

  typedef struct
  {
    double cPd, cPm, cPv;
    double cqd, cqm, cqv;
    double fxd, fxm, fxv; /* positions of the maxima as fractions of L */
  } PsBeamCaseCoef;

  /* The study-wide constants of the evaluation. */
  typedef struct
  {
    PsBeamCaseCoef c;
    int load_case; /* PsLoadCase */
    int self_weight;
    /* Deflection limit: span / limit_ratio when limit_ratio > 0, else limit_abs. */
    double limit_ratio, limit_abs;
    double safety_factor;
  } PsBeamCase;

  /* Everything that is constant while only the load (and its position) vary: one
   * material, section and span. Hoisting it leaves the inner loop a few multiplies. */
  typedef struct
  {
    double L, EI, inv_EI, inv_W, sfd, q, mass, lim;
    double a_d, b_d, a_m, b_m, a_v, b_v;
    double x_d, x_m, x_v;
  } PsBeamRunCoef;

  /* Propped cantilever under a uniform load: y(u) = w L^4 u (1 - 3u^2 + 2u^3) / 48EI
   * with u measured from the pinned end; y' = 0 at 8u^3 - 9u^2 + 1 = 0,
   * u = (1 + sqrt 33)/16. */
  static inline PS_HD double ps_beam_propped_u (void) { return (1.0 + sqrt (33.0)) / 16.0; }

  static inline PS_HD double ps_beam_propped_cqd (void)
  {
    double u = ps_beam_propped_u ();

    return u * (1.0 - 3.0 * u * u + 2.0 * u * u * u) / 48.0;
  }

  static inline PS_HD PsBeamCaseCoef ps_beam_case_coef_of (double cPd, double cPm, double cPv,
                                                           double cqd, double cqm, double cqv,
                                                           double fxd, double fxm, double fxv)
  {
    PsBeamCaseCoef c;

    c.cPd = cPd;
    c.cPm = cPm;
    c.cPv = cPv;
    c.cqd = cqd;
    c.cqm = cqm;
    c.cqv = cqv;
    c.fxd = fxd;
    c.fxm = fxm;
    c.fxv = fxv;
    return c;
  }

  /* The coefficients of @support (a PsSupport); all zero for an unknown one. */
  static inline PS_HD PsBeamCaseCoef ps_beam_case_coef (int support)
  {
    switch (support)
      {
      case PS_SUPPORT_SIMPLY_SUPPORTED:
        return ps_beam_case_coef_of (1.0 / 48, 1.0 / 4, 1.0 / 2, 5.0 / 384, 1.0 / 8, 1.0 / 2, 0.5,
                                     0.5, 0.0);
      case PS_SUPPORT_CANTILEVER:
        return ps_beam_case_coef_of (1.0 / 3, 1.0, 1.0, 1.0 / 8, 1.0 / 2, 1.0, 1.0, 0.0, 0.0);
      case PS_SUPPORT_FIXED_FIXED:
        return ps_beam_case_coef_of (1.0 / 192, 1.0 / 8, 1.0 / 2, 1.0 / 384, 1.0 / 12, 1.0 / 2, 0.5,
                                     0.0, 0.0);
      case PS_SUPPORT_PROPPED_CANTILEVER:
        return ps_beam_case_coef_of (0, 0, 0, ps_beam_propped_cqd (), 1.0 / 8, 5.0 / 8,
                                     1.0 - ps_beam_propped_u (), 0.0, 0.0);
      default:
        return ps_beam_case_coef_of (0, 0, 0, 0, 0, 0, 0, 0, 0);
      }
  }

  static inline PS_HD void ps_beam_case_init (PsBeamCase *k, int support, int load_case,
                                              int self_weight, double limit_ratio, double limit_abs,
                                              double safety_factor)
  {
    k->c = ps_beam_case_coef (support);
    k->load_case = load_case;
    k->self_weight = self_weight;
    k->limit_ratio = limit_ratio;
    k->limit_abs = limit_abs;
    k->safety_factor = safety_factor;
  }

  /* Item @item of a grid whose innermost @inner items vary only the load (and its
   * position): the material, section and span digits, and the item's index @j in its
   * run of @inner. */
  static inline PS_HD void ps_beam_item_group (uint64_t item, uint64_t inner, uint64_t n_span,
                                               uint64_t n_sections, uint64_t *im, uint64_t *is,
                                               uint64_t *iL, uint64_t *j)
  {
    uint64_t g = item / inner;

    *j = item % inner;
    *iL = g % n_span;
    *is = (g / n_span) % n_sections;
    *im = g / (n_span * n_sections);
  }

  /* The constants of one material (E, f_d, density), section (A, I, W) and span L. */
  static inline PS_HD void ps_beam_run_coef (const PsBeamCase *k, double E, double f_d,
                                             double density, double A, double I, double W, double L,
                                             PsBeamRunCoef *r)
  {
    const PsBeamCaseCoef *c = &k->c;
    double L2 = L * L, L3 = L2 * L, L4 = L3 * L;

    r->L = L;
    r->EI = E * I;
    r->inv_EI = 1.0 / r->EI;
    r->inv_W = 1.0 / W;
    r->sfd = k->safety_factor / f_d;
    r->mass = density * A;
    r->q = k->self_weight ? r->mass * PS_GRAVITY : 0.0;
    r->lim = k->limit_ratio > 0 ? L / k->limit_ratio : k->limit_abs;
    if (k->load_case == PS_LOAD_UNIFORM)
      {
        r->a_d = c->cqd * L4 * r->inv_EI;
        r->a_m = c->cqm * L2;
        r->a_v = c->cqv * L;
      }
    else
      {
        r->a_d = c->cPd * L3 * r->inv_EI;
        r->a_m = c->cPm * L;
        r->a_v = c->cPv;
      }
    r->b_d = c->cqd * r->q * L4 * r->inv_EI;
    r->b_m = c->cqm * r->q * L2;
    r->b_v = c->cqv * r->q * L;
    r->x_d = c->fxd * L;
    r->x_m = c->fxm * L;
    r->x_v = c->fxv * L;
  }

  /* Every case but a point load off midspan, load (or load per length) @x. The CPU's
   * vectorised counting loop (count_passing in ps-beam.c) forms deflection and
   * utilisation with these expressions in this order. */
  static inline PS_HD void ps_beam_fast_outputs (const PsBeamRunCoef *r, double x, PsBeamOutputs *o)
  {
    o->deflection = r->a_d * x + r->b_d;
    o->moment = r->a_m * x + r->b_m;
    o->shear = r->a_v * x + r->b_v;
    o->stress = o->moment * r->inv_W;
    o->utilisation = o->stress * r->sfd;
    o->ratio = r->L / o->deflection;
    o->mass = r->mass;
    o->x_deflection = r->x_d;
    o->x_moment = r->x_m;
    o->x_shear = r->x_v;
    o->pass_deflection = o->deflection <= r->lim;
    o->pass_strength = o->utilisation <= 1.0;
  }

  /* Whether a point load at @a lies inside the span (0, L). */
  static inline PS_HD int ps_beam_point_inside (const PsBeamRunCoef *r, double a)
  {
    return a > 0 && a < r->L;
  }

  /* Simply supported, point load P at distance a from the left support, plus the
   * uniform self-weight q. Without q: AISC Table 3-23 case 8. With q the two maxima of
   * deflection lie at different sections, so the maximum of the superposed deflection
   * curve is found where its slope vanishes, by bisection between the two (the slope
   * is monotone because the bending moment does not change sign). Returns 0, leaving
   * @o untouched, for a load outside the span (ps_beam_point_inside). */
  static inline PS_HD int ps_beam_point_at_outputs (const PsBeamRunCoef *r, double P, double a,
                                                    PsBeamOutputs *o)
  {
    double L = r->L, q = r->q, b = L - a;
    double R1, R2, xm, dmax, xd;

    if (!ps_beam_point_inside (r, a))
      return 0;
    R1 = P * b / L + q * L / 2.0;
    R2 = P * a / L + q * L / 2.0;
    o->shear = R1 >= R2 ? R1 : R2;
    o->x_shear = R1 >= R2 ? 0.0 : L;

    if (q == 0.0)
      xm = a;
    else if (R1 - q * a <= 0.0)
      xm = R1 / q;
    else if (R1 - P - q * a >= 0.0)
      xm = (R1 - P) / q;
    else
      xm = a;
    o->moment = R1 * xm - q * xm * xm / 2.0 - (xm > a ? P * (xm - a) : 0.0);
    o->x_moment = xm;

    if (q == 0.0)
      {
        if (a >= b)
          {
            xd = sqrt (a * (a + 2.0 * b) / 3.0);
            dmax = P * a * b * (a + 2.0 * b) * sqrt (3.0 * a * (a + 2.0 * b)) / (27.0 * L)
                   * r->inv_EI;
          }
        else
          {
            xd = L - sqrt (b * (b + 2.0 * a) / 3.0);
            dmax = P * a * b * (b + 2.0 * a) * sqrt (3.0 * b * (b + 2.0 * a)) / (27.0 * L)
                   * r->inv_EI;
          }
      }
    else
      {
        /* EI * slope of the point-load and uniform-load deflection curves. */
        double xp = a >= b ? sqrt (a * (a + 2.0 * b) / 3.0) : L - sqrt (b * (b + 2.0 * a) / 3.0);
        double lo = xp < L / 2.0 ? xp : L / 2.0, hi = xp > L / 2.0 ? xp : L / 2.0;

        for (int it = 0; it < 200 && hi - lo > 1e-15 * L; it++)
          {
            double x = 0.5 * (lo + hi), s;

            if (x <= a)
              s = P * b * (L * L - b * b - 3.0 * x * x) / (6.0 * L);
            else
              {
                double u = L - x;
                s = -P * a * (L * L - a * a - 3.0 * u * u) / (6.0 * L);
              }
            s += q * (L * L * L - 6.0 * L * x * x + 4.0 * x * x * x) / 24.0;
            if (s > 0)
              lo = x;
            else
              hi = x;
          }
        xd = 0.5 * (lo + hi);
        if (xd <= a)
          dmax = P * b * xd * (L * L - b * b - xd * xd) / (6.0 * L);
        else
          {
            double u = L - xd;
            dmax = P * a * u * (L * L - a * a - u * u) / (6.0 * L);
          }
        dmax += q * xd * (L * L * L - 2.0 * L * xd * xd + xd * xd * xd) / 24.0;
        dmax *= r->inv_EI;
      }
    o->deflection = dmax;
    o->x_deflection = xd;
    o->stress = o->moment * r->inv_W;
    o->utilisation = o->stress * r->sfd;
    o->ratio = L / o->deflection;
    o->mass = r->mass;
    o->pass_deflection = o->deflection <= r->lim;
    o->pass_strength = o->utilisation <= 1.0;
    return 1;
  }

  /* The outputs of the summary's extremes, in PsBeamOut order. */
  static inline PS_HD void ps_beam_out_values (const PsBeamOutputs *o, double v[PS_BEAM_N_OUT])
  {
    v[PS_BEAM_OUT_DEFLECTION] = o->deflection;
    v[PS_BEAM_OUT_MOMENT] = o->moment;
    v[PS_BEAM_OUT_SHEAR] = o->shear;
    v[PS_BEAM_OUT_STRESS] = o->stress;
    v[PS_BEAM_OUT_UTILISATION] = o->utilisation;
    v[PS_BEAM_OUT_RATIO] = o->ratio;
    v[PS_BEAM_OUT_MASS] = o->mass;
  }

  /* The numeric fields of the row, in PsBeamRowValue (column) order. */
  static inline PS_HD void ps_beam_row_values (const PsBeamOutputs *o, double v[PS_BEAM_N_ROW])
  {
    v[PS_BEAM_ROW_MASS] = o->mass;
    v[PS_BEAM_ROW_DEFLECTION] = o->deflection;
    v[PS_BEAM_ROW_X_DEFLECTION] = o->x_deflection;
    v[PS_BEAM_ROW_MOMENT] = o->moment;
    v[PS_BEAM_ROW_X_MOMENT] = o->x_moment;
    v[PS_BEAM_ROW_SHEAR] = o->shear;
    v[PS_BEAM_ROW_X_SHEAR] = o->x_shear;
    v[PS_BEAM_ROW_STRESS] = o->stress;
    v[PS_BEAM_ROW_UTILISATION] = o->utilisation;
    v[PS_BEAM_ROW_RATIO] = o->ratio;
  }

  /* The checks of a row, packed in one byte: bit 0 the deflection, bit 1 the strength. */
#define PS_BEAM_ROW_PASS_DEFLECTION 1u
#define PS_BEAM_ROW_PASS_STRENGTH 2u

  static inline PS_HD uint8_t ps_beam_row_flags (const PsBeamOutputs *o)
  {
    return (uint8_t)((o->pass_deflection ? PS_BEAM_ROW_PASS_DEFLECTION : 0u)
                     | (o->pass_strength ? PS_BEAM_ROW_PASS_STRENGTH : 0u));
  }

#ifdef __cplusplus
}
#endif
