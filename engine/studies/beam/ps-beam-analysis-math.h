/* ps-beam-analysis-math.h: the exact analysis of a prismatic Euler-Bernoulli beam
 * (constant EI) under any set of loads in load cases, and the combinations of those
 * cases, for one configuration of a sweep.
 *
 * Plain C (no GLib, no allocation): PS_HD functions, so that the gpu backend's kernels
 * can include this file as ps-beam-math.h is included. Compiled without contraction
 * into fused multiply-adds (-ffp-contract=off, --fmad=false) the CPU and the GPU give
 * the same bits. Apart from sqrt no libm function is called.
 *
 * Conventions. x runs from the left end of the whole beam. Loads act downward when
 * positive (point loads in N, distributed loads in N/m); a concentrated moment is
 * positive clockwise (x to the right, loads downward) and raises the bending moment
 * by its value, M(a+) = M(a-) + C, as Roark's Formulas for Stress and Strain (8th ed.,
 * Table 8.1, case 3, M_o) write it. The bending moment M is positive when sagging
 * (tension at the bottom), the shear V = dM/dx (the sum of the upward forces left of
 * the section), dV/dx = -q. The deflection w is positive downward, the slope
 * theta = dw/dx, and EI w'' = -M. Reactions are positive upward; the moment a fixed
 * support takes is given with the sign of a bending moment (hogging negative).
 *
 * Supports. A beam is n spans (1 <= n <= PS_BA_MAX_SPANS) over supports at
 * x[0] < x[1] < ... < x[n], pinned in between; each end is pinned or fixed, and a
 * cantilever is one span fixed at x[0] and free at x[1] (no support there). The four
 * single-span supports are: simply supported (pinned, pinned), cantilever (fixed,
 * free), fixed-fixed, propped cantilever (fixed at 0, pinned at L).
 *
 * Method. Each span is first a simply supported beam carrying its own loads (the
 * primary structure); the support moments that restore the continuity of the slope
 * over the inner supports and its zero value at fixed ends are the unknowns of
 * Clapeyron's three-moment equation, a tridiagonal system solved in O(n) (Timoshenko
 * and Young, Theory of Structures, 2nd ed., the chapter on continuous beams; a fixed
 * end enters as an adjacent span of zero length). A cantilever is statically determinate. Along the
 * beam the load intensity is linear between breakpoints (supports, point loads, moments, the ends
 * of distributed loads), so on each segment V is a quadratic, M a cubic, EI theta a quartic and EI
 * w a quintic in the distance t from the segment's start, all fixed by six numbers: V, M, EI theta
 * and EI w at the start (after the jumps there) and the intensity q and its slope k (PsBaState).
 *
 * Extrema are exact: M at segment ends and at the roots of V (closed form), |V| at the
 * ends and where q changes sign, |w| at the ends and at the roots of the slope. The
 * slope is monotone between the roots of M, and M between the roots of V, so every
 * root is bracketed; the roots of M are closed form where the intensity is constant
 * (M a quadratic), the others are found by safeguarded Newton (Halley for the
 * slope; at most PS_BA_ROOT_ITERATIONS steps, stopping on a small step,
 * ps_ba_root()). Nothing depends on the configuration evaluated before:
 * deterministic, to the last bits, in any order.
 *
 * Superposition. The analysis is linear: each load case is analysed on each span
 * separately (a piece), once per configuration; a combination and a pattern of
 * loaded spans are then a weighted sum of the pieces' six numbers per segment. EI
 * scales only the deflections, which are kept as EI theta and EI w until the end.
 * The deflections of a state whose factors are a multiple of those of a state
 * already searched in the configuration are that state's, scaled (ps_ba_memo_get()).
 * ps-beam-actions.c builds the pieces themselves from each load's response at unit
 * value, kept while only the load values change.
 *
 * Combinations (PsBaPlan, built on the host by ps-beam-actions.c): a factor per case;
 * permanent cases act on every span, the variable cases of a combination act together
 * on the spans of each pattern in turn (pattern loading of continuous beams), and the
 * combination's results are the envelope over those arrangements.
 */
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ps-design-math-private.h"
#include "ps-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_BA_MAX_SPANS 10
#define PS_BA_MAX_SUPPORTS (PS_BA_MAX_SPANS + 1)
#define PS_BA_MAX_LOADS 64 /* the self-weight included */
#define PS_BA_MAX_CASES 16
#define PS_BA_MAX_BREAKS (PS_BA_MAX_SUPPORTS + 2 * PS_BA_MAX_LOADS)
#define PS_BA_MAX_SEGMENTS (PS_BA_MAX_BREAKS - 1)
#define PS_BA_MAX_PATTERNS 32
#define PS_BA_MAX_MEMO 16
/* A piece's reactions: one per support position x[j], then the moments the left and
 * the right end take when fixed. */
#define PS_BA_R_LEFT_MOMENT PS_BA_MAX_SUPPORTS
#define PS_BA_R_RIGHT_MOMENT (PS_BA_MAX_SUPPORTS + 1)
#define PS_BA_RSTRIDE (PS_BA_MAX_SUPPORTS + 2)
#define PS_BA_ROOT_ITERATIONS 64
/* ps_ba_root() stops after a Newton step below 1e-8 of the bracket, or a Halley step
 * below 1e-6 of it: the error left is then about (step)^2 / h or (step)^3 / h^2,
 * 1e-16 or 1e-18 of the bracket h. */
#define PS_BA_ROOT_XTOL_NEWTON 1e-8
#define PS_BA_ROOT_XTOL_HALLEY 1e-6
#define PS_BA_TIE 1e-12

  typedef enum
  {
    PS_BA_POINT,       /* v1 N at a */
    PS_BA_DISTRIBUTED, /* v1 N/m at a rising linearly to v2 N/m at b (uniform: v1 = v2) */
    PS_BA_MOMENT,      /* v1 N m, clockwise, at a */
  } PsBaLoadType;

  typedef enum
  {
    PS_BA_PINNED,
    PS_BA_FIXED,
    PS_BA_FREE, /* the right end of a cantilever only */
  } PsBaEnd;

  typedef enum
  {
    PS_BA_ULS,
    PS_BA_SLS,
  } PsBaLimit;

  typedef enum
  {
    PS_BA_RESTRAINT_ENDS,       /* laterally restrained at the supports and the beam's ends */
    PS_BA_RESTRAINT_CONTINUOUS, /* no lateral-torsional buckling */
    PS_BA_RESTRAINT_SPACING,    /* also every `spacing` from each span's left support */
  } PsBaRestraint;

  typedef struct
  {
    int type; /* PsBaLoadType */
    int lc;   /* its load case, 0 .. n_cases - 1 */
    double a, b, v1, v2;
  } PsBaLoad;

  /* One configuration: the geometry, EI and the loads with their characteristic
   * values. Positions lie in [0, x[n]]; a < b for distributed loads (the host checks
   * both, ps_ba_config_error()). */
  typedef struct
  {
    int n_spans;
    int left, right; /* PsBaEnd */
    double x[PS_BA_MAX_SUPPORTS];
    double EI; /* N m^2 */
    int n_loads;
    PsBaLoad load[PS_BA_MAX_LOADS];
  } PsBaConfig;

  typedef struct
  {
    double V, M, T, W; /* shear N, moment N m, EI theta N m^2, EI w N m^3 */
    double q, k;       /* load intensity N/m and its slope N/m^2 */
  } PsBaState;

  /* The breakpoints of a configuration; segment i runs from x[i] to x[i + 1] and lies
   * in span span[i]; the segments of span s are first[s] .. first[s + 1] - 1. */
  typedef struct
  {
    int n_breaks;
    double x[PS_BA_MAX_BREAKS];
    int span[PS_BA_MAX_SEGMENTS];
    int first[PS_BA_MAX_SUPPORTS];
  } PsBaSegments;

  typedef struct
  {
    int limit;      /* PsBaLimit */
    int deflection; /* 1: its deflections enter the deflection envelope */
    double factor[PS_BA_MAX_CASES];
  } PsBaCombo;

  /* What is constant over a study's configurations. */
  typedef struct
  {
    int n_cases;
    int variable[PS_BA_MAX_CASES]; /* 0: permanent (every span), 1: variable (patterns) */
    double psi2[PS_BA_MAX_CASES];  /* quasi-permanent factor of a variable case */
    int duration[PS_BA_MAX_CASES]; /* PsLoadDuration */
    int n_patterns;
    uint32_t pattern[PS_BA_MAX_PATTERNS]; /* bit s set: span s carries the variable cases */
    int n_combos;
    const PsBaCombo *combo;
    int restraint; /* PsBaRestraint */
    double restraint_spacing;
    int load_level; /* PsLoadLevel */
    /* Deflection limits L_ref / ratio; 0: no limit. */
    double limit_ratio_total, limit_ratio_variable;
  } PsBaPlan;

  /* Caller-owned memory for one configuration's evaluation (ps_ba_work_doubles()
   * doubles, laid out by ps_ba_work_init()); nothing is allocated per configuration. */
  typedef struct
  {
    int n_cases, n_spans, max_segments;
    PsBaSegments seg;
    int i0, i1; /* unknown support moments i0 .. i1 */
    double sub[PS_BA_MAX_SUPPORTS], cp[PS_BA_MAX_SUPPORTS], den[PS_BA_MAX_SUPPORTS];
    int used[PS_BA_MAX_CASES * PS_BA_MAX_SPANS];
    PsBaState *piece;           /* [case][span][segment] */
    double *piece_r;            /* [case][span][PS_BA_RSTRIDE] */
    PsBaState *g;               /* permanent part of a combination [segment] */
    PsBaState *q;               /* variable part on span s [span][segment] */
    PsBaState *qp;              /* psi2-weighted characteristic variable part on span s */
    PsBaState *tot, *var, *qpa; /* one arrangement */
    double rg[PS_BA_RSTRIDE];
    double rq[PS_BA_MAX_SPANS][PS_BA_RSTRIDE];
    double rtot[PS_BA_RSTRIDE];
    /* The deflections searched so far in this configuration (ps_ba_combine()), by
     * the factors of the state searched: a state whose factors are a multiple of an
     * entry's has its deflections multiplied and its positions alike. */
    int n_memo;
    int no_memo; /* 1: search every state (the tests compare the two) */
    int memo_kind[PS_BA_MAX_MEMO];
    double memo_key[PS_BA_MAX_MEMO][PS_BA_MAX_CASES];
    /* Bit ia: arrangement ia searched, with the spans memo_pattern[][ia] loaded; the
     * |EI w| of each span then x of each in memo_w[entry][ia]. */
    uint32_t memo_done[PS_BA_MAX_MEMO];
    uint32_t memo_pattern[PS_BA_MAX_MEMO][PS_BA_MAX_PATTERNS];
    double *memo_w;
  } PsBaWork;

  /* The largest and smallest moment, the largest |V|, and the companions the code
   * checks ask for, of one arrangement. */
  typedef struct
  {
    double M_max, x_M_max, V_at_M_max;
    double M_min, x_M_min, V_at_M_min;
    double V_abs, x_V, M_at_V;
  } PsBaForces;

  typedef struct
  {
    PsDesignActions actions;
    double x_M_sag, x_M_hog, x_V; /* m */
    double w_max, x_w;            /* largest |w| (m) of this combination itself; NAN for a
                                     ULS combination that does not enter the deflections */
    /* The governing arrangements (bit s: span s carries the variable cases): of the
     * largest |M| (the diagram's and the LTB segment's), of the largest sagging and
     * hogging moments, of |V| and of |w|. */
    uint32_t pattern_M, pattern_M_sag, pattern_M_hog, pattern_V, pattern_w;
    double R_max[PS_BA_MAX_SUPPORTS], R_min[PS_BA_MAX_SUPPORTS]; /* at x[j], N */
    double M_end_max[2], M_end_min[2]; /* at fixed ends (0 where pinned), N m */
  } PsBaComboResult;

  /* The envelope over the ULS combinations of the forces and reactions, and over the
   * deflection combinations of the deflections; combo_* is the governing
   * combination's index (-1: none). `actions` carries the largest of each ULS action
   * with the deflections, for a one-shot code check. */
  typedef struct
  {
    PsDesignActions actions;
    int combo_M_sag, combo_M_hog, combo_V, combo_w_total, combo_w_variable;
    double x_M_sag, x_M_hog, x_V, x_w_total, x_w_variable;
    double R_max[PS_BA_MAX_SUPPORTS], R_min[PS_BA_MAX_SUPPORTS];
    int combo_R_max[PS_BA_MAX_SUPPORTS], combo_R_min[PS_BA_MAX_SUPPORTS];
  } PsBaEnvelope;

  /* ---------------------------------------------------------------------------------
   * Geometry and polynomials
   * ------------------------------------------------------------------------------ */

  static inline PS_HD int ps_ba_n_supports (const PsBaConfig *c)
  {
    return c->right == PS_BA_FREE ? c->n_spans : c->n_spans + 1;
  }

  static inline PS_HD double ps_ba_length (const PsBaConfig *c) { return c->x[c->n_spans]; }

  /* The span a point load or moment at @a belongs to: x[s] <= a < x[s + 1], the last
   * span for the right end. A load on an inner support goes to the span on its right,
   * where it only adds to that support's reaction (and, a moment, to the jump). */
  static inline PS_HD int ps_ba_span_of (const PsBaConfig *c, double a)
  {
    int s = 0;

    while (s < c->n_spans - 1 && a >= c->x[s + 1])
      s++;
    return s;
  }

  /* Nonzero when a load lies outside the beam or a distributed load has a >= b:
   * 1 for a position outside, 2 for from >= to; @index is the load. */
  static inline PS_HD int ps_ba_config_error (const PsBaConfig *c, int *index)
  {
    double L = ps_ba_length (c);

    for (int i = 0; i < c->n_loads; i++)
      {
        const PsBaLoad *l = &c->load[i];

        *index = i;
        if (!(l->a >= 0.0 && l->a <= L))
          return 1;
        if (l->type == PS_BA_DISTRIBUTED)
          {
            if (!(l->b >= 0.0 && l->b <= L))
              return 1;
            if (!(l->a < l->b))
              return 2;
          }
      }
    *index = -1;
    return 0;
  }

  static inline PS_HD double ps_ba_V (const PsBaState *s, double t)
  {
    return s->V - t * (s->q + t * (0.5 * s->k));
  }

  static inline PS_HD double ps_ba_M (const PsBaState *s, double t)
  {
    return s->M + t * (s->V - t * (0.5 * s->q + t * (s->k / 6.0)));
  }

  static inline PS_HD double ps_ba_T (const PsBaState *s, double t)
  {
    return s->T - t * (s->M + t * (0.5 * s->V - t * (s->q / 6.0 + t * (s->k / 24.0))));
  }

  static inline PS_HD double ps_ba_W (const PsBaState *s, double t)
  {
    return s->W
           + t
                 * (s->T
                    - t * (0.5 * s->M + t * (s->V / 6.0 - t * (s->q / 24.0 + t * (s->k / 120.0)))));
  }

  /* The state @h further on, before any jump there. */
  static inline PS_HD void ps_ba_advance (PsBaState *s, double h)
  {
    PsBaState e = *s;

    e.V = ps_ba_V (s, h);
    e.M = ps_ba_M (s, h);
    e.T = ps_ba_T (s, h);
    e.W = ps_ba_W (s, h);
    e.q = s->q + s->k * h;
    *s = e;
  }

  static inline PS_HD void ps_ba_add_break (double *br, int *n, double v)
  {
    int i = *n;

    for (int j = 0; j < *n; j++)
      if (br[j] == v)
        return;
    while (i > 0 && br[i - 1] > v)
      {
        br[i] = br[i - 1];
        i--;
      }
    br[i] = v;
    (*n)++;
  }

  /* The breakpoints of @c (sorted, distinct) and the span of each segment. */
  static inline PS_HD void ps_ba_segments (const PsBaConfig *c, PsBaSegments *sg)
  {
    int n = 0;

    for (int j = 0; j <= c->n_spans; j++)
      ps_ba_add_break (sg->x, &n, c->x[j]);
    for (int i = 0; i < c->n_loads; i++)
      {
        ps_ba_add_break (sg->x, &n, c->load[i].a);
        if (c->load[i].type == PS_BA_DISTRIBUTED)
          ps_ba_add_break (sg->x, &n, c->load[i].b);
      }
    sg->n_breaks = n;
    for (int i = 0, s = 0; i < n - 1; i++)
      {
        while (s < c->n_spans - 1 && sg->x[i] >= c->x[s + 1])
          s++;
        sg->span[i] = s;
      }
    for (int s = 0, i = 0; s <= c->n_spans; s++)
      {
        while (i < n - 1 && sg->span[i] < s)
          i++;
        sg->first[s] = s == c->n_spans ? n - 1 : i;
      }
  }

  /* Intensity of a distributed load at x, and its slope. */
  static inline PS_HD double ps_ba_slope (const PsBaLoad *l)
  {
    return (l->v2 - l->v1) / (l->b - l->a);
  }

  static inline PS_HD double ps_ba_intensity (const PsBaLoad *l, double x)
  {
    return x == l->a ? l->v1 : x == l->b ? l->v2 : l->v1 + ps_ba_slope (l) * (x - l->a);
  }

  /* The part of distributed load @l between u and v: its resultant and its first
   * moment about @x0 (trapezoid: resultant (qa + qb)(v - u)/2, centroid from the
   * triangle and rectangle parts). Returns 0 when they do not overlap. */
  static inline PS_HD int ps_ba_clip (const PsBaLoad *l, double u, double v, double x0, double *F,
                                      double *Fx)
  {
    double a = l->a > u ? l->a : u, b = l->b < v ? l->b : v;
    double qa, qb, d, ra, rb;

    if (!(a < b))
      return 0;
    qa = ps_ba_intensity (l, a);
    qb = ps_ba_intensity (l, b);
    d = b - a;
    ra = a - x0;
    rb = b - x0;
    *F = 0.5 * (qa + qb) * d;
    *Fx = d / 6.0 * (qa * (2.0 * ra + rb) + qb * (ra + 2.0 * rb));
    return 1;
  }

  /* Whether case @lc has a load on span @s. */
  static inline PS_HD int ps_ba_span_loaded (const PsBaConfig *c, int lc, int s)
  {
    for (int i = 0; i < c->n_loads; i++)
      {
        const PsBaLoad *l = &c->load[i];
        double F, Fx;

        if (l->lc != lc)
          continue;
        if (l->type == PS_BA_DISTRIBUTED)
          {
            if (ps_ba_clip (l, c->x[s], c->x[s + 1], c->x[s], &F, &Fx))
              return 1;
          }
        else if (ps_ba_span_of (c, l->a) == s)
          return 1;
      }
    return 0;
  }

  /* Sweeps the segments of span @s from the state @cur under the loads of case @lc:
   * applies the jumps at each segment's start, stores the state there in @st and
   * leaves @cur at the span's end. */
  static inline PS_HD void ps_ba_sweep (const PsBaConfig *c, const PsBaSegments *sg, int lc, int s,
                                        PsBaState *cur, PsBaState *st)
  {
    for (int i = sg->first[s]; i < sg->first[s + 1]; i++)
      {
        double x0 = sg->x[i];

        cur->q = 0.0;
        cur->k = 0.0;
        for (int j = 0; j < c->n_loads; j++)
          {
            const PsBaLoad *l = &c->load[j];

            if (l->lc != lc)
              continue;
            if (l->type == PS_BA_DISTRIBUTED)
              {
                if (l->a <= x0 && x0 < l->b)
                  {
                    double k = ps_ba_slope (l);

                    cur->q += x0 == l->a ? l->v1 : l->v1 + k * (x0 - l->a);
                    cur->k += k;
                  }
              }
            else if (l->a == x0)
              {
                if (l->type == PS_BA_POINT)
                  cur->V -= l->v1;
                else
                  cur->M += l->v1;
              }
          }
        st[i] = *cur;
        ps_ba_advance (cur, sg->x[i + 1] - x0);
      }
  }

  /* ---------------------------------------------------------------------------------
   * Pieces: each case on each span
   * ------------------------------------------------------------------------------ */

  static inline PS_HD size_t ps_ba_work_doubles (int n_cases, int n_spans, int max_segments)
  {
    size_t st = sizeof (PsBaState) / sizeof (double);
    size_t cs = (size_t)n_cases * (size_t)n_spans;

    return st * (size_t)max_segments * (cs + 1 + 2 * (size_t)n_spans + 3) + cs * PS_BA_RSTRIDE
           + (size_t)PS_BA_MAX_MEMO * PS_BA_MAX_PATTERNS * 2 * (size_t)n_spans;
  }

  static inline PS_HD void ps_ba_work_init (PsBaWork *w, double *mem, int n_cases, int n_spans,
                                            int max_segments)
  {
    size_t ms = (size_t)max_segments, cs = (size_t)n_cases * (size_t)n_spans;

    w->n_cases = n_cases;
    w->n_spans = n_spans;
    w->max_segments = max_segments;
    w->piece = (PsBaState *)mem;
    w->g = w->piece + cs * ms;
    w->q = w->g + ms;
    w->qp = w->q + (size_t)n_spans * ms;
    w->tot = w->qp + (size_t)n_spans * ms;
    w->var = w->tot + ms;
    w->qpa = w->var + ms;
    w->piece_r = (double *)(w->qpa + ms);
    w->memo_w = w->piece_r + cs * PS_BA_RSTRIDE;
    w->n_memo = 0;
    w->no_memo = 0;
  }

  /* The three-moment equation's matrix, which only the span lengths and the ends
   * define (Thomas algorithm; the matrix is diagonally dominant, no pivoting). */
  static inline PS_HD void ps_ba_factor (const PsBaConfig *c, PsBaWork *w)
  {
    int n = c->n_spans;

    w->i0 = c->left == PS_BA_FIXED ? 0 : 1;
    w->i1 = c->right == PS_BA_FIXED ? n : n - 1;
    for (int i = w->i0; i <= w->i1; i++)
      {
        double Ll = i > 0 ? c->x[i] - c->x[i - 1] : 0.0;
        double Lr = i < n ? c->x[i + 1] - c->x[i] : 0.0;
        double a = i > w->i0 ? Ll : 0.0, b = 2.0 * (Ll + Lr), cc = i < w->i1 ? Lr : 0.0;
        double den = b - (i > w->i0 ? a * w->cp[i - 1] : 0.0);

        w->sub[i] = a;
        w->den[i] = den;
        w->cp[i] = cc / den;
      }
  }

  /* Case @lc on span @s of a beam on supports: the primary (simply supported) span,
   * then the support moments of the whole beam and their effect on every span. */
  static inline PS_HD void ps_ba_span_piece (const PsBaConfig *c, PsBaWork *w, int lc, int s,
                                             PsBaState *st, double *r)
  {
    const PsBaSegments *sg = &w->seg;
    int n = c->n_spans;
    double xs = c->x[s], xe = c->x[s + 1], L = xe - xs;
    double RA = 0.0, RB = 0.0, TL, TR;
    double d[PS_BA_MAX_SUPPORTS], Ms[PS_BA_MAX_SUPPORTS];
    PsBaState cur;

    /* Statics of the primary span. */
    for (int j = 0; j < c->n_loads; j++)
      {
        const PsBaLoad *l = &c->load[j];
        double F, Fx;

        if (l->lc != lc)
          continue;
        if (l->type == PS_BA_DISTRIBUTED)
          {
            if (ps_ba_clip (l, xs, xe, xs, &F, &Fx))
              {
                RB += Fx / L;
                RA += F - Fx / L;
              }
          }
        else if (ps_ba_span_of (c, l->a) == s)
          {
            if (l->type == PS_BA_POINT)
              {
                RA += l->v1 * (xe - l->a) / L;
                RB += l->v1 * (l->a - xs) / L;
              }
            else
              {
                RA -= l->v1 / L;
                RB += l->v1 / L;
              }
          }
      }
    cur.V = RA;
    cur.M = cur.T = cur.W = cur.q = cur.k = 0.0;
    ps_ba_sweep (c, sg, lc, s, &cur, st);
    /* With zero slope at the left support the deflection at the right one is cur.W;
     * the slope that brings it back to zero is -cur.W / L. */
    TL = -cur.W / L;
    TR = cur.T + TL;

    for (int i = 0; i <= n; i++)
      {
        d[i] = 0.0;
        Ms[i] = 0.0;
      }
    d[s] = -6.0 * TL;
    d[s + 1] = 6.0 * TR;
    for (int i = w->i0; i <= w->i1; i++)
      d[i] = (d[i] - (i > w->i0 ? w->sub[i] * d[i - 1] : 0.0)) / w->den[i];
    for (int i = w->i1; i >= w->i0; i--)
      Ms[i] = d[i] - (i < w->i1 ? w->cp[i] * Ms[i + 1] : 0.0);

    for (int t = 0; t < n; t++)
      {
        double xt = c->x[t], Lt = c->x[t + 1] - xt, Ma = Ms[t], Mb = Ms[t + 1], dM = Mb - Ma;
        double th = (t == s ? TL : 0.0) + Lt * (Ma / 3.0 + Mb / 6.0);

        for (int i = sg->first[t]; i < sg->first[t + 1]; i++)
          {
            double u = sg->x[i] - xt;

            st[i].V += dM / Lt;
            st[i].M += Ma + dM * (u / Lt);
            st[i].T += th - u * (Ma + dM * u / (2.0 * Lt));
            st[i].W += u * (th - u * (0.5 * Ma + dM * u / (6.0 * Lt)));
          }
        r[t] += dM / Lt;
        r[t + 1] -= dM / Lt;
      }
    r[s] += RA;
    r[s + 1] += RB;
    r[PS_BA_R_LEFT_MOMENT] = c->left == PS_BA_FIXED ? Ms[0] : 0.0;
    r[PS_BA_R_RIGHT_MOMENT] = c->right == PS_BA_FIXED ? Ms[n] : 0.0;
  }

  /* Case @lc on a cantilever: the reaction and the fixed-end moment from statics. */
  static inline PS_HD void ps_ba_cantilever_piece (const PsBaConfig *c, PsBaWork *w, int lc,
                                                   PsBaState *st, double *r)
  {
    double R = 0.0, M = 0.0;
    PsBaState cur;

    for (int j = 0; j < c->n_loads; j++)
      {
        const PsBaLoad *l = &c->load[j];
        double F, Fx;

        if (l->lc != lc)
          continue;
        if (l->type == PS_BA_DISTRIBUTED)
          {
            if (ps_ba_clip (l, c->x[0], c->x[1], c->x[0], &F, &Fx))
              {
                R += F;
                M -= Fx;
              }
          }
        else if (l->type == PS_BA_POINT)
          {
            R += l->v1;
            M -= l->v1 * (l->a - c->x[0]);
          }
        else
          M -= l->v1;
      }
    cur.V = R;
    cur.M = M;
    cur.T = cur.W = cur.q = cur.k = 0.0;
    ps_ba_sweep (c, &w->seg, lc, 0, &cur, st);
    r[0] = R;
    r[PS_BA_R_LEFT_MOMENT] = M;
  }

  static inline PS_HD PsBaState *ps_ba_piece_states (const PsBaWork *w, int lc, int s)
  {
    return w->piece + ((size_t)lc * (size_t)w->n_spans + (size_t)s) * (size_t)w->max_segments;
  }

  static inline PS_HD double *ps_ba_piece_reactions (const PsBaWork *w, int lc, int s)
  {
    return w->piece_r + ((size_t)lc * (size_t)w->n_spans + (size_t)s) * PS_BA_RSTRIDE;
  }

  /* Analyses every case on every span of @c (w->n_cases cases, c->n_spans spans,
   * at most w->max_segments segments). */
  static inline PS_HD void ps_ba_pieces (const PsBaConfig *c, PsBaWork *w)
  {
    int nseg;

    ps_ba_segments (c, &w->seg);
    nseg = w->seg.n_breaks - 1;
    if (c->right != PS_BA_FREE)
      ps_ba_factor (c, w);
    for (int lc = 0; lc < w->n_cases; lc++)
      for (int s = 0; s < c->n_spans; s++)
        {
          PsBaState *st = ps_ba_piece_states (w, lc, s);
          double *r = ps_ba_piece_reactions (w, lc, s);
          int used = ps_ba_span_loaded (c, lc, s);

          w->used[lc * PS_BA_MAX_SPANS + s] = used;
          if (!used)
            continue;
          for (int i = 0; i < nseg; i++)
            {
              st[i].V = st[i].M = st[i].T = st[i].W = st[i].q = st[i].k = 0.0;
            }
          for (int j = 0; j < PS_BA_RSTRIDE; j++)
            r[j] = 0.0;
          if (c->right == PS_BA_FREE)
            ps_ba_cantilever_piece (c, w, lc, st, r);
          else
            ps_ba_span_piece (c, w, lc, s, st, r);
        }
  }

  /* ---------------------------------------------------------------------------------
   * Combining
   * ------------------------------------------------------------------------------ */

  static inline PS_HD void ps_ba_state_zero (PsBaState *st, int n)
  {
    for (int i = 0; i < n; i++)
      st[i].V = st[i].M = st[i].T = st[i].W = st[i].q = st[i].k = 0.0;
  }

  static inline PS_HD void ps_ba_state_axpy (PsBaState *y, double f, const PsBaState *x, int n)
  {
    for (int i = 0; i < n; i++)
      {
        y[i].V += f * x[i].V;
        y[i].M += f * x[i].M;
        y[i].T += f * x[i].T;
        y[i].W += f * x[i].W;
        y[i].q += f * x[i].q;
        y[i].k += f * x[i].k;
      }
  }

  /* The parts of combination @k: the permanent cases on every span (w->g, w->rg), and
   * on each span s its variable cases (w->q[s], w->rq[s]) and, with @want_qp, their
   * characteristic values weighted by psi2 (w->qp[s]). Returns whether a variable
   * case of the combination has a load. */
  static inline PS_HD int ps_ba_combo_parts (const PsBaPlan *p, int k, int want_qp, PsBaWork *w)
  {
    const PsBaCombo *cb = &p->combo[k];
    int n = w->n_spans, nseg = w->seg.n_breaks - 1, ms = w->max_segments, has_var = 0;

    ps_ba_state_zero (w->g, nseg);
    for (int j = 0; j < PS_BA_RSTRIDE; j++)
      w->rg[j] = 0.0;
    for (int s = 0; s < n; s++)
      {
        ps_ba_state_zero (w->q + (size_t)s * ms, nseg);
        if (want_qp)
          ps_ba_state_zero (w->qp + (size_t)s * ms, nseg);
        for (int j = 0; j < PS_BA_RSTRIDE; j++)
          w->rq[s][j] = 0.0;
      }
    for (int lc = 0; lc < p->n_cases; lc++)
      {
        double f = cb->factor[lc];

        if (f == 0.0)
          continue;
        for (int s = 0; s < n; s++)
          {
            const double *r;

            if (!w->used[lc * PS_BA_MAX_SPANS + s])
              continue;
            r = ps_ba_piece_reactions (w, lc, s);
            if (p->variable[lc])
              {
                has_var = 1;
                ps_ba_state_axpy (w->q + (size_t)s * ms, f, ps_ba_piece_states (w, lc, s), nseg);
                if (want_qp)
                  ps_ba_state_axpy (w->qp + (size_t)s * ms, p->psi2[lc],
                                    ps_ba_piece_states (w, lc, s), nseg);
                for (int j = 0; j < PS_BA_RSTRIDE; j++)
                  w->rq[s][j] += f * r[j];
              }
            else
              {
                ps_ba_state_axpy (w->g, f, ps_ba_piece_states (w, lc, s), nseg);
                for (int j = 0; j < PS_BA_RSTRIDE; j++)
                  w->rg[j] += f * r[j];
              }
          }
      }
    return has_var;
  }

  /* One arrangement: the permanent part plus the variable parts of the spans in
   * @pattern, into w->tot and w->rtot; with bit 0 of @parts also the variable part
   * alone (w->var), with bit 1 its psi2-weighted characteristic values (w->qpa). */
  static inline PS_HD void ps_ba_arrange_parts (PsBaWork *w, uint32_t pattern, int parts)
  {
    int n = w->n_spans, nseg = w->seg.n_breaks - 1, ms = w->max_segments;

    for (int i = 0; i < nseg; i++)
      w->tot[i] = w->g[i];
    for (int j = 0; j < PS_BA_RSTRIDE; j++)
      w->rtot[j] = w->rg[j];
    if (parts & 1)
      ps_ba_state_zero (w->var, nseg);
    if (parts & 2)
      ps_ba_state_zero (w->qpa, nseg);
    for (int s = 0; s < n; s++)
      {
        if (!(pattern >> s & 1u))
          continue;
        ps_ba_state_axpy (w->tot, 1.0, w->q + (size_t)s * ms, nseg);
        for (int j = 0; j < PS_BA_RSTRIDE; j++)
          w->rtot[j] += w->rq[s][j];
        if (parts & 1)
          ps_ba_state_axpy (w->var, 1.0, w->q + (size_t)s * ms, nseg);
        if (parts & 2)
          ps_ba_state_axpy (w->qpa, 1.0, w->qp + (size_t)s * ms, nseg);
      }
  }

  /* ps_ba_arrange_parts() with both parts when @want_w. */
  static inline PS_HD void ps_ba_arrange (PsBaWork *w, uint32_t pattern, int want_w)
  {
    ps_ba_arrange_parts (w, pattern, want_w ? 3 : 0);
  }

  /* ---------------------------------------------------------------------------------
   * Extrema
   * ------------------------------------------------------------------------------ */

  /* Roots of a t^2 + b t + c on (0, h), ascending, by the cancellation-free form of
   * the quadratic formula (Numerical Recipes, 3rd ed., 5.6). */
  static inline PS_HD int ps_ba_quadratic_roots (double a, double b, double c, double h, double *r)
  {
    double t0, t1;
    int n = 0;

    if (a == 0.0)
      {
        if (b == 0.0)
          return 0;
        t0 = -c / b;
        if (t0 > 0.0 && t0 < h)
          r[n++] = t0;
        return n;
      }
    {
      double disc = b * b - 4.0 * a * c, qq;

      if (disc < 0.0)
        return 0;
      qq = -0.5 * (b + (b >= 0.0 ? sqrt (disc) : -sqrt (disc)));
      if (qq == 0.0)
        return 0; /* b = c = 0: a double root at t = 0 */
      t0 = qq / a;
      t1 = c / qq;
    }
    if (t0 > t1)
      {
        double tmp = t0;

        t0 = t1;
        t1 = tmp;
      }
    if (t0 > 0.0 && t0 < h)
      r[n++] = t0;
    if (t1 > 0.0 && t1 < h && t1 != t0)
      r[n++] = t1;
    return n;
  }

  /* Roots of V on (0, h), ascending: a t^2 + b t + c with a = -k/2, b = -q, c = V. */
  static inline PS_HD int ps_ba_v_roots (const PsBaState *s, double h, double *r)
  {
    return ps_ba_quadratic_roots (-0.5 * s->k, -s->q, s->V, h, r);
  }

  /* f(t) = M (which = 0) or EI theta (which = 1) of state @s, and its derivative. */
  static inline PS_HD double ps_ba_fn (const PsBaState *s, int which, double t, double *df)
  {
    if (which == 0)
      {
        *df = ps_ba_V (s, t);
        return ps_ba_M (s, t);
      }
    *df = -ps_ba_M (s, t);
    return ps_ba_T (s, t);
  }

  /* The root of f (ps_ba_fn) in [lo, hi], where f is monotone and f(lo), f(hi) differ
   * in sign: Newton steps (Halley's for the slope, whose second derivative -V costs
   * little more) kept inside the bracket, bisection otherwise (Numerical Recipes,
   * 3rd ed., 9.4 rtsafe and 9.7 for Halley's method). As rtsafe, the search stops on
   * a small step (PS_BA_ROOT_XTOL_*): one of Newton's or Halley's methods, which
   * converge quadratically and cubically, so that the iterate it reaches is exact to
   * the rounding of f. Testing the step before the bracket matters: near the root
   * the computed f is rounding noise, and a step of nothing from an iterate that has
   * just become an end of the bracket would read as one leaving it, bisect away and
   * come back one halving at a time. |w| is read at roots of the slope, where w is
   * stationary, and M at roots of V. */
  static inline PS_HD double ps_ba_root (const PsBaState *s, int which, double lo, double hi,
                                         double flo)
  {
    double xl = lo, xh = hi, x, df, f,
           tol = (which == 1 ? PS_BA_ROOT_XTOL_HALLEY : PS_BA_ROOT_XTOL_NEWTON) * (hi - lo);

    if (flo > 0.0)
      {
        xl = hi;
        xh = lo;
      }
    x = 0.5 * (lo + hi);
    for (int it = 0; it < PS_BA_ROOT_ITERATIONS; it++)
      {
        double xn;

        f = ps_ba_fn (s, which, x, &df);
        if (f == 0.0)
          break;
        if (f < 0.0)
          xl = x;
        else
          xh = x;
        if (which == 1)
          xn = x - 2.0 * f * df / (2.0 * df * df + f * ps_ba_V (s, x));
        else
          xn = x - f / df;
        if (ps_math_fabs (xn - x) <= tol)
          {
            if ((xn >= xl && xn <= xh) || (xn <= xl && xn >= xh))
              x = xn;
            break;
          }
        if (!((xn > xl && xn < xh) || (xn < xl && xn > xh)))
          xn = 0.5 * (xl + xh);
        x = xn;
      }
    return x;
  }

  /* Roots of f on (0, h), given the points 0 = p[0] < ... < p[np - 1] = h between which
   * f is monotone; ascending, at most np - 1. */
  static inline PS_HD int ps_ba_roots_between (const PsBaState *s, int which, const double *p,
                                               int np, double *r)
  {
    double df, fa = ps_ba_fn (s, which, p[0], &df);
    int n = 0;

    for (int i = 0; i + 1 < np; i++)
      {
        double fb = ps_ba_fn (s, which, p[i + 1], &df);

        if ((fa < 0.0 && fb > 0.0) || (fa > 0.0 && fb < 0.0))
          r[n++] = ps_ba_root (s, which, p[i], p[i + 1], fa);
        fa = fb;
      }
    return n;
  }

  /* Where the extreme is reached along a stretch (constant M or V), the section with
   * the largest companion value counts: the conservative one for the interaction
   * checks. Along such a stretch the computed values differ by rounding only, which
   * must not decide: a value takes the place of the best so far when it is larger
   * by more than PS_BA_TIE of it, or level with it to that and with a larger
   * companion (the best value itself stays the largest). */
  static inline PS_HD int ps_ba_beats (double a, double ca, double b, double cb)
  {
    double tol;

    if (!(ps_math_fabs (b) < ps_math_inf ()))
      return a > b || (a == b && ca > cb);
    tol = PS_BA_TIE * ps_math_fabs (b);
    return a > b + tol || (a >= b - tol && ca > cb);
  }

  static inline PS_HD void ps_ba_forces_consider_M (PsBaForces *e, double M, double x, double V)
  {
    if (ps_ba_beats (M, V, e->M_max, e->V_at_M_max))
      {
        e->M_max = M > e->M_max ? M : e->M_max;
        e->x_M_max = x;
        e->V_at_M_max = V;
      }
    if (ps_ba_beats (-M, V, -e->M_min, e->V_at_M_min))
      {
        e->M_min = M < e->M_min ? M : e->M_min;
        e->x_M_min = x;
        e->V_at_M_min = V;
      }
  }

  static inline PS_HD void ps_ba_forces_consider_V (PsBaForces *e, double V, double x, double M)
  {
    double a = ps_math_fabs (V);

    if (ps_ba_beats (a, M, e->V_abs, e->M_at_V))
      {
        e->V_abs = a > e->V_abs ? a : e->V_abs;
        e->x_V = x;
        e->M_at_V = M;
      }
  }

  /* The moment and shear extrema of the states @st. Where a point load makes V jump,
   * the section's |V| is the larger of its two sides (and |M| likewise under a
   * concentrated moment), the conservative value for the interaction checks. */
  static inline PS_HD void ps_ba_forces (const PsBaSegments *sg, const PsBaState *st, PsBaForces *e)
  {
    int nseg = sg->n_breaks - 1;
    double Vl = 0.0, Ml = 0.0;

    e->M_max = -ps_math_inf ();
    e->M_min = ps_math_inf ();
    e->V_abs = -1.0;
    e->x_M_max = e->x_M_min = e->x_V = 0.0;
    e->V_at_M_max = e->V_at_M_min = e->M_at_V = 0.0;
    for (int i = 0; i <= nseg; i++)
      {
        double x = sg->x[i];
        int has_l = i > 0, has_r = i < nseg;
        double Vr = has_r ? st[i].V : 0.0, Mr = has_r ? st[i].M : 0.0;
        double Vs = ps_math_fabs (has_l ? Vl : Vr), Ms = ps_math_fabs (has_l ? Ml : Mr);

        if (has_r && ps_math_fabs (Vr) > Vs)
          Vs = ps_math_fabs (Vr);
        if (has_r && ps_math_fabs (Mr) > Ms)
          Ms = ps_math_fabs (Mr);
        if (has_l)
          {
            ps_ba_forces_consider_M (e, Ml, x, Vs);
            ps_ba_forces_consider_V (e, Vl, x, Ms);
          }
        if (!has_r)
          break;
        ps_ba_forces_consider_M (e, Mr, x, Vs);
        ps_ba_forces_consider_V (e, Vr, x, Ms);
        {
          const PsBaState *s = &st[i];
          double h = sg->x[i + 1] - x, r[2];
          int nr = ps_ba_v_roots (s, h, r);

          for (int j = 0; j < nr; j++)
            ps_ba_forces_consider_M (e, ps_ba_M (s, r[j]), x + r[j], 0.0);
          if (s->k != 0.0)
            {
              double t = -s->q / s->k;

              if (t > 0.0 && t < h)
                ps_ba_forces_consider_V (e, ps_ba_V (s, t), x + t, ps_math_fabs (ps_ba_M (s, t)));
            }
          Vl = ps_ba_V (s, h);
          Ml = ps_ba_M (s, h);
        }
      }
  }

  /* The largest |EI w| on each span (@wabs, @xw: n_spans values) of the states @st,
   * at segment ends and at the roots of the slope. */
  static inline PS_HD void ps_ba_deflections (const PsBaSegments *sg, const PsBaState *st,
                                              int n_spans, double *wabs, double *xw)
  {
    int nseg = sg->n_breaks - 1;

    for (int s = 0; s < n_spans; s++)
      {
        wabs[s] = -1.0;
        xw[s] = 0.0;
      }
    for (int i = 0; i < nseg; i++)
      {
        const PsBaState *s = &st[i];
        double x = sg->x[i], h = sg->x[i + 1] - x;
        double p[4], pm[5], rv[2], rm[3], rt[4];
        int sp = sg->span[i], nv, nm, nt, np = 0;
        double cand[6];
        int nc = 0;

        /* Under a constant intensity (k = 0) M is a quadratic, whose roots are closed
         * form; otherwise a cubic, monotone between the roots of V. */
        if (s->k == 0.0)
          nm = ps_ba_quadratic_roots (-0.5 * s->q, s->V, s->M, h, rm);
        else
          {
            nv = ps_ba_v_roots (s, h, rv);
            p[np++] = 0.0;
            for (int j = 0; j < nv; j++)
              p[np++] = rv[j];
            p[np++] = h;
            nm = ps_ba_roots_between (s, 0, p, np, rm);
          }
        np = 0;
        pm[np++] = 0.0;
        for (int j = 0; j < nm; j++)
          pm[np++] = rm[j];
        pm[np++] = h;
        nt = ps_ba_roots_between (s, 1, pm, np, rt);
        cand[nc++] = 0.0;
        for (int j = 0; j < nt; j++)
          cand[nc++] = rt[j];
        cand[nc++] = h;
        for (int j = 0; j < nc; j++)
          {
            double a = ps_math_fabs (ps_ba_W (s, cand[j]));

            if (a > wabs[sp])
              {
                wabs[sp] = a;
                xw[sp] = x + cand[j];
              }
          }
      }
  }

  /* V, M, EI theta, EI w at @x: the limit from the left (@side 0) or the right (1). */
  static inline PS_HD void ps_ba_at (const PsBaSegments *sg, const PsBaState *st, double x,
                                     int side, double *V, double *M, double *T, double *W)
  {
    int nseg = sg->n_breaks - 1, i = 0;
    double t;

    if (side == 0)
      while (i < nseg - 1 && x > sg->x[i + 1])
        i++;
    else
      while (i < nseg - 1 && x >= sg->x[i + 1])
        i++;
    t = x - sg->x[i];
    *V = ps_ba_V (&st[i], t);
    *M = ps_ba_M (&st[i], t);
    *T = ps_ba_T (&st[i], t);
    *W = ps_ba_W (&st[i], t);
  }

  /* ---------------------------------------------------------------------------------
   * Combinations
   * ------------------------------------------------------------------------------ */

  static inline PS_HD double ps_ba_L_ref (const PsBaConfig *c, int s)
  {
    double L = c->x[s + 1] - c->x[s];

    /* A cantilever's deflection limits apply to twice its length, as
     * PsDesignActions.L_ref is defined (ps-design-math.h). */
    return c->right == PS_BA_FREE ? 2.0 * L : L;
  }

  /* The restraint interval [*a, *b] around @x in span @s. */
  static inline PS_HD void ps_ba_restraint_interval (const PsBaPlan *p, const PsBaConfig *c, int s,
                                                     double x, int prefer_left, double *a,
                                                     double *b)
  {
    double xs = c->x[s], xe = c->x[s + 1];

    *a = xs;
    *b = xe;
    if (p->restraint == PS_BA_RESTRAINT_SPACING && p->restraint_spacing > 0.0)
      {
        double sp = p->restraint_spacing, u = (x - xs) / sp;
        double kf = (double)(int64_t)u; /* u >= 0: the floor */

        if (prefer_left && kf == u && kf > 0.0)
          kf -= 1.0;
        *a = xs + kf * sp;
        *b = *a + sp < xe ? *a + sp : xe;
        if (*a >= xe)
          *a = xe - sp > xs ? xe - sp : xs;
      }
  }

  /* The segment between lateral restraints that holds the largest |M| (at @x_M, of
   * value @M_signed) of the arrangement in w->tot. At an inner support the longer of
   * the two neighbouring segments is taken. Returns whether its load is uniform
   * (ps_ba_segment_uniform()). */
  /* Whether the load on (@a, @b) in the arrangement w->tot is uniform: every piece
   * overlapping it has no slope of intensity and the same intensity, and at every break
   * strictly inside it shear and moment are continuous (no point load, no moment). The
   * comparisons are exact but for rounding: 1e-9 of the largest value compared. */
  static inline PS_HD int ps_ba_segment_uniform (const PsBaWork *w, double a, double b)
  {
    const PsBaSegments *sg = &w->seg;
    int nseg = sg->n_breaks - 1, first = -1;
    double q0 = 0.0, qs = 0.0, vs = 0.0, ms = 0.0;

    for (int i = 0; i < nseg; i++)
      if (sg->x[i + 1] > a && sg->x[i] < b)
        {
          const PsBaState *st = &w->tot[i];

          if (first < 0)
            {
              first = i;
              q0 = st->q;
            }
          qs = fmax (qs, fabs (st->q));
          vs = fmax (vs, fabs (st->V));
          ms = fmax (ms, fabs (st->M));
          if (st->k != 0.0 || fabs (st->q - q0) > 1e-9 * fmax (fabs (st->q), fabs (q0)))
            return 0;
        }
    if (first < 0)
      return 0;
    for (int i = first + 1; i < nseg && sg->x[i] < b; i++)
      {
        double x = sg->x[i], Vl, Ml, Vr, Mr, T, W;

        if (!(x > a))
          continue;
        ps_ba_at (sg, w->tot, x, 0, &Vl, &Ml, &T, &W);
        ps_ba_at (sg, w->tot, x, 1, &Vr, &Mr, &T, &W);
        if (fabs (Vl - Vr) > 1e-9 * (vs + qs * (b - a))
            || fabs (Ml - Mr) > 1e-9 * (ms + vs * (b - a) + qs * (b - a) * (b - a)))
          return 0;
      }
    return 1;
  }

  /* The exact moment diagram of the arrangement @st on (@a, @b) as the pieces of
   * PsMomentPieces (ps-design-math-private.h): one per analysis segment overlapping it,
   * normalised by its largest |M| (at a piece's ends or at the vertex of its parabola).
   * Not complete where an intensity varies along a piece (M a cubic), where there are
   * more pieces than fit, or where the segment carries no moment. */
  static inline PS_HD void ps_ba_ltb_diagram (const PsBaSegments *sg, const PsBaState *st, double a,
                                              double b, PsMomentPieces *d)
  {
    int nseg = sg->n_breaks - 1, n = 0, complete = 1;
    double L = b - a, mx = 0.0;

    d->n = 0;
    d->complete = 0;
    if (!(L > 0.0))
      return;
    for (int i = 0; i < nseg; i++)
      {
        double x0 = sg->x[i], x1 = sg->x[i + 1], s0, e0, h, me;
        PsBaState c;

        if (!(x1 > a && x0 < b))
          continue;
        s0 = x0 > a ? x0 : a;
        e0 = x1 < b ? x1 : b;
        if (!(e0 > s0))
          continue;
        if (n == PS_MOMENT_PIECES_MAX)
          {
            complete = 0;
            break;
          }
        c = st[i];
        if (s0 > x0)
          ps_ba_advance (&c, s0 - x0);
        if (c.k != 0.0)
          complete = 0;
        h = e0 - s0;
        d->x[n] = (s0 - a) / L;
        d->M[n] = c.M;
        d->V[n] = c.V;
        d->q[n] = c.q;
        me = ps_ba_M (&c, h);
        mx = ps_math_fabs (c.M) > mx ? ps_math_fabs (c.M) : mx;
        mx = ps_math_fabs (me) > mx ? ps_math_fabs (me) : mx;
        if (c.q != 0.0)
          {
            double t = c.V / c.q;

            if (t > 0.0 && t < h)
              {
                double mv = ps_math_fabs (ps_ba_M (&c, t));

                mx = mv > mx ? mv : mx;
              }
          }
        n++;
      }
    if (!(mx > 0.0 && mx < ps_math_inf ()) || n == 0)
      return;
    for (int i = 0; i < n; i++)
      {
        d->M[i] = d->M[i] / mx;
        d->V[i] = d->V[i] * L / mx;
        d->q[i] = d->q[i] * L * L / mx;
      }
    d->n = n;
    d->complete = complete;
  }

  static inline PS_HD int ps_ba_ltb_segment (const PsBaPlan *p, const PsBaConfig *c, PsBaWork *w,
                                             double x_M, double M_signed, PsMomentSegment *seg)
  {
    int s = ps_ba_span_of (c, x_M);
    double a, b, a2, b2, V, T, W;

    ps_ba_restraint_interval (p, c, s, x_M, 0, &a, &b);
    /* The same point seen from the other side: the span on the left at a support, or
     * the previous restraint interval at a restraint. */
    if (x_M == c->x[s] && s > 0)
      ps_ba_restraint_interval (p, c, s - 1, x_M, 1, &a2, &b2);
    else
      ps_ba_restraint_interval (p, c, s, x_M, 1, &a2, &b2);
    if (b2 - a2 > b - a)
      {
        a = a2;
        b = b2;
      }
    /* The largest |M| may be reached at several restraints or supports at once (a beam
     * fixed at both ends, a symmetric continuous beam), and which of them the search
     * met first is a matter of rounding. Of the segments that reach it (within
     * 10^-9) at one of their ends, the longest is checked: with the same largest
     * moment, the longer segment has the lower M_cr (EN 1993-1-1 6.3.2.1 checks every
     * segment; picking by rounding once checked a short end segment of a fixed-ended
     * beam and overstated M_cr by a factor of 2.7). */
    {
      double Mabs = ps_math_fabs (M_signed), tol = 1e-9 * Mabs;

      for (int sp = 0; sp < c->n_spans && Mabs > 0.0; sp++)
        {
          double x = c->x[sp];

          for (int guard = 0; guard < 100000 && x < c->x[sp + 1]; guard++)
            {
              double ia, ib, Ma, Mb;

              ps_ba_restraint_interval (p, c, sp, x, 0, &ia, &ib);
              if (!(ib > x))
                break;
              ps_ba_at (&w->seg, w->tot, ia, 1, &V, &Ma, &T, &W);
              ps_ba_at (&w->seg, w->tot, ib, 0, &V, &Mb, &T, &W);
              if (ib - ia > b - a
                  && (ps_math_fabs (Ma) >= Mabs - tol || ps_math_fabs (Mb) >= Mabs - tol))
                {
                  a = ia;
                  b = ib;
                  M_signed = ps_math_fabs (Ma) >= Mabs - tol ? Ma : Mb;
                }
              x = ib;
            }
        }
    }
    seg->L = b - a;
    ps_ba_at (&w->seg, w->tot, a, 1, &V, &seg->M_a, &T, &W);
    ps_ba_at (&w->seg, w->tot, b, 0, &V, &seg->M_b, &T, &W);
    ps_ba_at (&w->seg, w->tot, a + 0.25 * (b - a), 1, &V, &seg->M_q1, &T, &W);
    ps_ba_at (&w->seg, w->tot, a + 0.5 * (b - a), 1, &V, &seg->M_mid, &T, &W);
    ps_ba_at (&w->seg, w->tot, a + 0.75 * (b - a), 1, &V, &seg->M_q3, &T, &W);
    seg->M_max = M_signed;
    ps_ba_ltb_diagram (&w->seg, w->tot, a, b, &seg->diagram);
    return ps_ba_segment_uniform (w, a, b);
  }

  /* ---------------------------------------------------------------------------------
   * Deflections already searched
   *
   * The states whose deflections a configuration's combinations search are weighted
   * sums of the pieces: the permanent part (kind 0, the permanent cases' factors), a
   * variable part (kind 1: the variable cases' factors, or their psi2 for the
   * quasi-permanent part) and an arrangement's total (kind 2, every factor), each on
   * arrangement ia. The analysis is linear, so two states whose factors are
   * proportional, v = lambda u, have deflections in the same ratio |lambda| at the
   * same places: the characteristic, frequent and quasi-permanent combinations of
   * EN 1990 6.5.3 share their permanent part and, with one variable case, their
   * variable parts, and each of those is searched once per configuration.
   * ------------------------------------------------------------------------------ */

  /* The entry of kind @kind whose factors @v (n_cases of them) are a multiple of,
   * and the multiple, or -1. Only an exact multiple counts. */
  static inline PS_HD int ps_ba_memo_find (const PsBaWork *w, int kind, const double *v,
                                           int n_cases, double *lam)
  {
    int i0 = -1;

    for (int lc = 0; lc < n_cases; lc++)
      if (v[lc] != 0.0)
        {
          i0 = lc;
          break;
        }
    if (i0 < 0)
      return -1;
    for (int e = 0; e < w->n_memo; e++)
      {
        const double *u = w->memo_key[e];
        double l;
        int same = 1;

        if (w->memo_kind[e] != kind || u[i0] == 0.0)
          continue;
        l = v[i0] / u[i0];
        for (int lc = 0; lc < n_cases && same; lc++)
          same = v[lc] == l * u[lc];
        if (same)
          {
            *lam = l;
            return e;
          }
      }
    return -1;
  }

  static inline PS_HD double *ps_ba_memo_slot (const PsBaWork *w, int e, int ia)
  {
    return w->memo_w + ((size_t)e * PS_BA_MAX_PATTERNS + (size_t)ia) * 2 * (size_t)w->n_spans;
  }

  /* The deflections of the state of factors @v on arrangement @ia, when an entry
   * has them: returns 1 and fills @wabs, @xw (n_spans values). */
  static inline PS_HD int ps_ba_memo_get (const PsBaWork *w, int kind, const double *v, int n_cases,
                                          int ia, uint32_t pattern, double *wabs, double *xw)
  {
    double l = 1.0;
    int e = ps_ba_memo_find (w, kind, v, n_cases, &l);
    const double *m;

    if (w->no_memo || e < 0 || !(w->memo_done[e] >> ia & 1u) || w->memo_pattern[e][ia] != pattern)
      return 0;
    m = ps_ba_memo_slot (w, e, ia);
    l = ps_math_fabs (l);
    for (int s = 0; s < w->n_spans; s++)
      {
        wabs[s] = l == 1.0 ? m[s] : l * m[s];
        xw[s] = m[w->n_spans + s];
      }
    return 1;
  }

  /* Keeps the deflections @wabs, @xw of the state of factors @v on arrangement
   * @ia (nothing when the table is full or a factor is not finite). */
  static inline PS_HD void ps_ba_memo_put (PsBaWork *w, int kind, const double *v, int n_cases,
                                           int ia, uint32_t pattern, const double *wabs,
                                           const double *xw)
  {
    double l = 1.0, *m;
    int e = ps_ba_memo_find (w, kind, v, n_cases, &l), any = 0;

    if (w->no_memo)
      return;
    if (e < 0)
      {
        for (int lc = 0; lc < n_cases; lc++)
          {
            if (!(ps_math_fabs (v[lc]) < ps_math_inf ()))
              return;
            any |= v[lc] != 0.0;
          }
        if (!any || w->n_memo >= PS_BA_MAX_MEMO)
          return;
        e = w->n_memo++;
        w->memo_kind[e] = kind;
        w->memo_done[e] = 0;
        for (int lc = 0; lc < n_cases; lc++)
          w->memo_key[e][lc] = v[lc];
      }
    m = ps_ba_memo_slot (w, e, ia);
    l = ps_math_fabs (l);
    for (int s = 0; s < w->n_spans; s++)
      {
        m[s] = l == 1.0 ? wabs[s] : wabs[s] / l;
        m[w->n_spans + s] = xw[s];
      }
    w->memo_done[e] |= 1u << ia;
    w->memo_pattern[e][ia] = pattern;
  }

  /* Per-span deflections of one combination (EI-scaled while accumulating). */
  typedef struct
  {
    double tot[PS_BA_MAX_SPANS], x_tot[PS_BA_MAX_SPANS];
    double var[PS_BA_MAX_SPANS], x_var[PS_BA_MAX_SPANS];
    double perm[PS_BA_MAX_SPANS], qp[PS_BA_MAX_SPANS];
    uint32_t pattern[PS_BA_MAX_SPANS];
  } PsBaSpanW;

  static inline PS_HD void ps_ba_span_w_init (PsBaSpanW *d, int n)
  {
    for (int s = 0; s < n; s++)
      {
        d->tot[s] = d->var[s] = d->perm[s] = d->qp[s] = 0.0;
        d->x_tot[s] = d->x_var[s] = 0.0;
        d->pattern[s] = 0;
      }
  }

  /* The deflection members of @a from per-span values (m): the span whose total
   * deflection is the largest fraction of its L_ref gives w_total, L_ref, and its
   * permanent and psi2-weighted parts; the variable deflection is taken likewise. */
  static inline PS_HD void ps_ba_fill_w (const PsBaPlan *p, const PsBaConfig *c, const PsBaSpanW *d,
                                         PsDesignActions *a, double *x_tot, double *x_var)
  {
    int st = 0, sv = 0;

    for (int s = 1; s < c->n_spans; s++)
      {
        if (d->tot[s] / ps_ba_L_ref (c, s) > d->tot[st] / ps_ba_L_ref (c, st))
          st = s;
        if (d->var[s] / ps_ba_L_ref (c, s) > d->var[sv] / ps_ba_L_ref (c, sv))
          sv = s;
      }
    a->w_total = d->tot[st];
    a->w_permanent = d->perm[st];
    a->w_quasi_permanent_variable = d->qp[st];
    a->w_variable = d->var[sv];
    a->L_ref = ps_ba_L_ref (c, st);
    a->L_ref_variable = ps_ba_L_ref (c, sv);
    a->limit_total = p->limit_ratio_total > 0.0 ? a->L_ref / p->limit_ratio_total : NAN;
    a->limit_variable
        = p->limit_ratio_variable > 0.0 ? a->L_ref_variable / p->limit_ratio_variable : NAN;
    *x_tot = d->x_tot[st];
    *x_var = d->x_var[sv];
  }

  static inline PS_HD void ps_ba_actions_init (PsDesignActions *a)
  {
    a->M_Ed_sag = a->M_Ed_hog = a->V_Ed = a->V_Ed_at_M = a->M_Ed_at_V = 0.0;
    a->ltb.L = a->ltb.M_a = a->ltb.M_b = a->ltb.M_q1 = a->ltb.M_mid = a->ltb.M_q3 = a->ltb.M_max
        = 0.0;
    a->ltb.diagram.n = a->ltb.diagram.complete = 0;
    a->ltb_restrained = 0;
    a->ltb_uniform_load = 0;
    a->load_level = PS_LOAD_LEVEL_SHEAR_CENTRE;
    a->duration = PS_DURATION_PERMANENT;
    a->L_ref = a->L_ref_variable = NAN;
    a->w_total = a->w_variable = a->w_permanent = a->w_quasi_permanent_variable = NAN;
    a->limit_total = a->limit_variable = NAN;
    a->M_sls = NAN;
  }

  /* The envelope's companions, once its maxima are known: the combination with the
   * largest |M| lends its shear there, its LTB segment and its duration; reactions past
   * the supports, and a cantilever's free end, are zero. Shared by ps_ba_combine and the
   * design path's scaled groups (ps-beam-design-fast.c), which must agree bit for bit. */
  static inline PS_HD void ps_ba_envelope_finish (const PsBaPlan *p, const PsBaConfig *c,
                                                  const PsBaComboResult *res, int nsup,
                                                  PsBaEnvelope *env)
  {
    int km = env->combo_M_sag, n = c->n_spans;

    if (env->combo_M_hog >= 0 && env->actions.M_Ed_hog > env->actions.M_Ed_sag)
      km = env->combo_M_hog;
    if (km >= 0)
      {
        env->actions.V_Ed_at_M = res[km].actions.V_Ed_at_M;
        env->actions.ltb = res[km].actions.ltb;
        env->actions.ltb_uniform_load = res[km].actions.ltb_uniform_load;
        env->actions.duration = res[km].actions.duration;
      }
    env->actions.ltb_restrained = p->restraint == PS_BA_RESTRAINT_CONTINUOUS;
    env->actions.load_level = (PsLoadLevel)p->load_level;
    for (int j = nsup; j < PS_BA_MAX_SUPPORTS; j++)
      env->R_max[j] = env->R_min[j] = 0.0;
    if (c->right == PS_BA_FREE)
      env->R_max[n] = env->R_min[n] = 0.0;
  }

  /* Combines the pieces in @w (ps_ba_pieces() of @c) into every combination of plan @p:
   * @res (p->n_combos results) and @env. Only the deflections depend on c->EI, so a
   * sweep whose next configuration differs in EI alone may call this again without
   * analysing anew. */
  static inline PS_HD void ps_ba_combine (const PsBaPlan *p, const PsBaConfig *c, PsBaWork *w,
                                          PsBaComboResult *res, PsBaEnvelope *env)
  {
    int n = c->n_spans, nsup = c->n_spans + 1;
    double inv_EI = 1.0 / c->EI;
    PsBaSpanW dw, denv;
    int have_denv = 0, denv_combo_tot[PS_BA_MAX_SPANS], denv_combo_var[PS_BA_MAX_SPANS];
    double M_sls = 0.0; /* the largest |M| of the deflection combinations */
    uint32_t all = n >= 32 ? 0xffffffffu : (1u << n) - 1u;

    ps_ba_span_w_init (&denv, n);
    for (int s = 0; s < n; s++)
      denv_combo_tot[s] = denv_combo_var[s] = -1;
    w->n_memo = 0;

    ps_ba_actions_init (&env->actions);
    env->combo_M_sag = env->combo_M_hog = env->combo_V = -1;
    env->combo_w_total = env->combo_w_variable = -1;
    env->x_M_sag = env->x_M_hog = env->x_V = env->x_w_total = env->x_w_variable = NAN;
    for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
      {
        env->R_max[j] = -ps_math_inf ();
        env->R_min[j] = ps_math_inf ();
        env->combo_R_max[j] = env->combo_R_min[j] = -1;
      }

    for (int k = 0; k < p->n_combos; k++)
      {
        const PsBaCombo *cb = &p->combo[k];
        PsBaComboResult *r = &res[k];
        PsDesignActions *a = &r->actions;
        int want_w = cb->deflection || cb->limit == PS_BA_SLS;
        int has_var = ps_ba_combo_parts (p, k, want_w, w);
        int n_arr = has_var ? p->n_patterns : 1;
        double M_max = -ps_math_inf (), M_min = ps_math_inf (), V_abs = -1.0, best_abs_M = -1.0;
        double wg[PS_BA_MAX_SPANS], xg[PS_BA_MAX_SPANS];
        double wt[PS_BA_MAX_SPANS], xt[PS_BA_MAX_SPANS];
        double wv[PS_BA_MAX_SPANS], xv[PS_BA_MAX_SPANS];
        double wq[PS_BA_MAX_SPANS], xq[PS_BA_MAX_SPANS];
        uint32_t pattern_absM = 0, last_pattern = 0; /* the arrangement left in w->tot */
        double x_absM = 0.0, M_absM = 0.0;
        /* The factors of the states searched for deflections (ps_ba_memo_find()). */
        double vg[PS_BA_MAX_CASES], vv[PS_BA_MAX_CASES], vq[PS_BA_MAX_CASES];

        for (int lc = 0; lc < p->n_cases; lc++)
          {
            double f = cb->factor[lc];

            vg[lc] = p->variable[lc] ? 0.0 : f;
            vv[lc] = p->variable[lc] ? f : 0.0;
            vq[lc] = p->variable[lc] && f != 0.0 ? p->psi2[lc] : 0.0;
          }

        ps_ba_actions_init (a);
        a->duration = PS_DURATION_PERMANENT;
        for (int lc = 0; lc < p->n_cases; lc++)
          if (cb->factor[lc] != 0.0 && p->duration[lc] > (int)a->duration)
            a->duration = (PsLoadDuration)p->duration[lc];
        a->ltb_restrained = p->restraint == PS_BA_RESTRAINT_CONTINUOUS;
        a->load_level = (PsLoadLevel)p->load_level;
        r->pattern_M = r->pattern_M_sag = r->pattern_M_hog = r->pattern_V = r->pattern_w = 0;
        r->w_max = r->x_w = NAN;
        r->x_M_sag = r->x_M_hog = r->x_V = 0.0;
        for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
          {
            r->R_max[j] = j < nsup ? -ps_math_inf () : 0.0;
            r->R_min[j] = j < nsup ? ps_math_inf () : 0.0;
          }
        for (int j = 0; j < 2; j++)
          {
            r->M_end_max[j] = -ps_math_inf ();
            r->M_end_min[j] = ps_math_inf ();
          }
        if (want_w)
          {
            ps_ba_span_w_init (&dw, n);
            if (!ps_ba_memo_get (w, 0, vg, p->n_cases, 0, 0u, wg, xg))
              {
                ps_ba_deflections (&w->seg, w->g, n, wg, xg);
                ps_ba_memo_put (w, 0, vg, p->n_cases, 0, 0u, wg, xg);
              }
          }

        for (int ia = 0; ia < n_arr; ia++)
          {
            uint32_t pat = has_var ? p->pattern[ia] & all : 0u;
            PsBaForces f;
            int hit_t = 0, hit_v = 0, hit_q = 0;

            if (want_w)
              {
                hit_t = ps_ba_memo_get (w, 2, cb->factor, p->n_cases, ia, pat, wt, xt);
                hit_v = ps_ba_memo_get (w, 1, vv, p->n_cases, ia, pat, wv, xv);
                hit_q = ps_ba_memo_get (w, 1, vq, p->n_cases, ia, pat, wq, xq);
              }
            ps_ba_arrange_parts (w, pat, want_w ? (hit_v ? 0 : 1) | (hit_q ? 0 : 2) : 0);
            last_pattern = pat;
            ps_ba_forces (&w->seg, w->tot, &f);
            if (f.M_max > M_max)
              {
                M_max = f.M_max;
                r->x_M_sag = f.x_M_max;
                r->pattern_M_sag = pat;
              }
            if (f.M_min < M_min)
              {
                M_min = f.M_min;
                r->x_M_hog = f.x_M_min;
                r->pattern_M_hog = pat;
              }
            if (ps_math_fabs (f.M_max) > best_abs_M)
              {
                best_abs_M = ps_math_fabs (f.M_max);
                pattern_absM = pat;
                x_absM = f.x_M_max;
                M_absM = f.M_max;
                a->V_Ed_at_M = ps_math_fabs (f.V_at_M_max);
              }
            if (ps_math_fabs (f.M_min) > best_abs_M)
              {
                best_abs_M = ps_math_fabs (f.M_min);
                pattern_absM = pat;
                x_absM = f.x_M_min;
                M_absM = f.M_min;
                a->V_Ed_at_M = ps_math_fabs (f.V_at_M_min);
              }
            if (f.V_abs > V_abs)
              {
                V_abs = f.V_abs;
                r->x_V = f.x_V;
                a->M_Ed_at_V = ps_math_fabs (f.M_at_V);
                r->pattern_V = pat;
              }
            for (int j = 0; j < nsup; j++)
              {
                if (w->rtot[j] > r->R_max[j])
                  r->R_max[j] = w->rtot[j];
                if (w->rtot[j] < r->R_min[j])
                  r->R_min[j] = w->rtot[j];
              }
            for (int j = 0; j < 2; j++)
              {
                double m = w->rtot[PS_BA_R_LEFT_MOMENT + j];

                if (m > r->M_end_max[j])
                  r->M_end_max[j] = m;
                if (m < r->M_end_min[j])
                  r->M_end_min[j] = m;
              }
            if (want_w)
              {
                if (!hit_t)
                  {
                    ps_ba_deflections (&w->seg, w->tot, n, wt, xt);
                    ps_ba_memo_put (w, 2, cb->factor, p->n_cases, ia, pat, wt, xt);
                  }
                if (!hit_v)
                  {
                    ps_ba_deflections (&w->seg, w->var, n, wv, xv);
                    ps_ba_memo_put (w, 1, vv, p->n_cases, ia, pat, wv, xv);
                  }
                /* The quasi-permanent part is often the variable part itself. */
                if (!hit_q && !ps_ba_memo_get (w, 1, vq, p->n_cases, ia, pat, wq, xq))
                  {
                    ps_ba_deflections (&w->seg, w->qpa, n, wq, xq);
                    ps_ba_memo_put (w, 1, vq, p->n_cases, ia, pat, wq, xq);
                  }
                for (int s = 0; s < n; s++)
                  {
                    if (wt[s] > dw.tot[s])
                      {
                        dw.tot[s] = wt[s];
                        dw.x_tot[s] = xt[s];
                        dw.pattern[s] = pat;
                      }
                    if (wv[s] > dw.var[s])
                      {
                        dw.var[s] = wv[s];
                        dw.x_var[s] = xv[s];
                      }
                    if (wq[s] > dw.qp[s])
                      dw.qp[s] = wq[s];
                  }
              }
          }

        /* A moment that should be zero (at a pinned end, where the polynomials of the
         * last segment meet the support) comes out as rounding noise of either sign:
         * below 1e-9 of the larger extreme it is taken as zero, or a simply supported
         * beam would show a hogging moment (EN 1992 would then ask for top steel). */
        {
          double tol = 1e-9
                       * (ps_math_fabs (M_max) > ps_math_fabs (M_min) ? ps_math_fabs (M_max)
                                                                      : ps_math_fabs (M_min));

          a->M_Ed_sag = M_max > tol ? M_max : 0.0;
          a->M_Ed_hog = M_min < -tol ? -M_min : 0.0;
        }
        a->V_Ed = V_abs;
        /* A serviceability combination's own largest |M|; the deflection
         * combinations' largest goes to the ULS ones below (EN 1992-1-1 7.4.3 reads
         * it with the deflections). */
        if (cb->limit == PS_BA_SLS)
          a->M_sls = best_abs_M;
        if (cb->deflection && best_abs_M > M_sls)
          M_sls = best_abs_M;
        if (c->right == PS_BA_FREE)
          r->R_max[n] = r->R_min[n] = 0.0;

        /* The lateral-torsional buckling segment of the arrangement with the largest
         * |M|. */
        if (pattern_absM != last_pattern)
          ps_ba_arrange (w, pattern_absM, 0);
        a->ltb_uniform_load = ps_ba_ltb_segment (p, c, w, x_absM, M_absM, &a->ltb);
        r->pattern_M = pattern_absM;

        if (want_w)
          {
            double x1, x2;

            for (int s = 0; s < n; s++)
              {
                dw.tot[s] *= inv_EI;
                dw.var[s] *= inv_EI;
                dw.qp[s] *= inv_EI;
                dw.perm[s] = wg[s] * inv_EI;
              }
            ps_ba_fill_w (p, c, &dw, a, &x1, &x2);
            r->w_max = -1.0;
            for (int s = 0; s < n; s++)
              if (dw.tot[s] > r->w_max)
                {
                  r->w_max = dw.tot[s];
                  r->x_w = dw.x_tot[s];
                  r->pattern_w = dw.pattern[s];
                }
            if (cb->deflection)
              {
                have_denv = 1;
                for (int s = 0; s < n; s++)
                  {
                    if (dw.tot[s] > denv.tot[s] || denv_combo_tot[s] < 0)
                      {
                        denv.tot[s] = dw.tot[s];
                        denv.x_tot[s] = dw.x_tot[s];
                        denv_combo_tot[s] = k;
                      }
                    if (dw.var[s] > denv.var[s] || denv_combo_var[s] < 0)
                      {
                        denv.var[s] = dw.var[s];
                        denv.x_var[s] = dw.x_var[s];
                        denv_combo_var[s] = k;
                      }
                    if (dw.perm[s] > denv.perm[s])
                      denv.perm[s] = dw.perm[s];
                    if (dw.qp[s] > denv.qp[s])
                      denv.qp[s] = dw.qp[s];
                  }
              }
          }

        if (cb->limit != PS_BA_ULS)
          continue;
        if (env->combo_M_sag < 0 || a->M_Ed_sag > env->actions.M_Ed_sag)
          {
            env->actions.M_Ed_sag = a->M_Ed_sag;
            env->combo_M_sag = k;
            env->x_M_sag = r->x_M_sag;
          }
        if (env->combo_M_hog < 0 || a->M_Ed_hog > env->actions.M_Ed_hog)
          {
            env->actions.M_Ed_hog = a->M_Ed_hog;
            env->combo_M_hog = k;
            env->x_M_hog = r->x_M_hog;
          }
        if (env->combo_V < 0 || a->V_Ed > env->actions.V_Ed)
          {
            env->actions.V_Ed = a->V_Ed;
            env->actions.M_Ed_at_V = a->M_Ed_at_V;
            env->combo_V = k;
            env->x_V = r->x_V;
          }
        for (int j = 0; j < nsup; j++)
          {
            if (env->combo_R_max[j] < 0 || r->R_max[j] > env->R_max[j])
              {
                env->R_max[j] = r->R_max[j];
                env->combo_R_max[j] = k;
              }
            if (env->combo_R_min[j] < 0 || r->R_min[j] < env->R_min[j])
              {
                env->R_min[j] = r->R_min[j];
                env->combo_R_min[j] = k;
              }
          }
      }

    ps_ba_envelope_finish (p, c, res, nsup, env);

    /* Every ULS combination, and the envelope, carry the deflections of the
     * deflection combinations' envelope. */
    if (have_denv)
      {
        double x1, x2;
        int st = 0, sv = 0;

        ps_ba_fill_w (p, c, &denv, &env->actions, &x1, &x2);
        for (int s = 1; s < n; s++)
          {
            if (denv.tot[s] / ps_ba_L_ref (c, s) > denv.tot[st] / ps_ba_L_ref (c, st))
              st = s;
            if (denv.var[s] / ps_ba_L_ref (c, s) > denv.var[sv] / ps_ba_L_ref (c, sv))
              sv = s;
          }
        env->actions.M_sls = M_sls;
        env->combo_w_total = denv_combo_tot[st];
        env->combo_w_variable = denv_combo_var[sv];
        env->x_w_total = x1;
        env->x_w_variable = x2;
        for (int k = 0; k < p->n_combos; k++)
          if (p->combo[k].limit == PS_BA_ULS)
            {
              PsDesignActions *a = &res[k].actions;

              a->w_total = env->actions.w_total;
              a->w_variable = env->actions.w_variable;
              a->w_permanent = env->actions.w_permanent;
              a->w_quasi_permanent_variable = env->actions.w_quasi_permanent_variable;
              a->L_ref = env->actions.L_ref;
              a->L_ref_variable = env->actions.L_ref_variable;
              a->limit_total = env->actions.limit_total;
              a->limit_variable = env->actions.limit_variable;
              a->M_sls = M_sls;
            }
      }
  }

  /* Evaluates every combination of plan @p for configuration @c into @res (p->n_combos
   * results) and @env. @w was laid out for at least p->n_cases cases, c->n_spans spans
   * and the segments of @c. */
  static inline PS_HD void ps_ba_evaluate (const PsBaPlan *p, const PsBaConfig *c, PsBaWork *w,
                                           PsBaComboResult *res, PsBaEnvelope *env)
  {
    ps_ba_pieces (c, w);
    ps_ba_combine (p, c, w, res, env);
  }

#ifdef __cplusplus
}
#endif
