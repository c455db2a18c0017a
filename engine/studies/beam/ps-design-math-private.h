/* ps-design-math-private.h: what the beam analysis hands to the code checks, and what the
 * checks hand back, for one configuration and one combination.
 *
 * The analysis (loads, combinations, continuous beams: ps-beam-analysis-math.h) fills
 * a PsDesignActions per combination; each design code (EN 1993-1-1, AISC 360-16,
 * EN 1995-1-1, EN 1992-1-1, EN 1999-1-1) reads the actions, the section and the
 * material and writes the utilisation of each of its checks into a PsDesignResult,
 * together with the intermediate values a calculation sheet prints (the sheets
 * themselves are text, made on the host from these numbers).
 *
 * Plain C types only (no GLib), so that the gpu backend's kernels can include it:
 * PS_HD is __host__ __device__ under nvcc (ps-math-private.h). SI units throughout: N, m,
 * N m, Pa.
 */
#pragma once

#include <math.h>

#include "rng/ps-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

  /* The checks a configuration can be given, in the order of results.csv's
   * u_<check> columns. A code leaves the ones it does not make at NAN. */
  typedef enum
  {
    PS_CHECK_BENDING,             /* u_bending: M_Ed / M_Rd (sagging and hogging) */
    PS_CHECK_SHEAR,               /* u_shear: V_Ed / V_Rd (incl. shear buckling limit) */
    PS_CHECK_INTERACTION,         /* u_interaction: bending with high shear (EN 1993 6.2.8) */
    PS_CHECK_LTB,                 /* u_ltb: lateral-torsional buckling, M_Ed / M_b,Rd */
    PS_CHECK_TENSION,             /* u_tension: plain concrete flexural tension (EN 1992 12.6) */
    PS_CHECK_DEFLECTION,          /* u_deflection: total (or final, timber) / limit */
    PS_CHECK_DEFLECTION_VARIABLE, /* u_deflection_variable: variable actions / limit */
    PS_CHECK_SPAN_DEPTH,          /* u_span_depth: EN 1992 7.4.2 l/d against its limit */
    PS_CHECK_REINFORCEMENT,       /* u_reinforcement: As,min / As and As / As,max (9.2.1.1) */
    PS_CHECK_N
  } PsCheckId;

  /* Load duration of the shortest-acting action in a combination (EN 1995-1-1 2.3.1.2,
   * Table 2.1), for timber k_mod; ASCE 7 / EN 1990 cases map onto it. */
  typedef enum
  {
    PS_DURATION_PERMANENT,
    PS_DURATION_LONG_TERM,
    PS_DURATION_MEDIUM_TERM,
    PS_DURATION_SHORT_TERM,
    PS_DURATION_INSTANTANEOUS,
  } PsLoadDuration;

  typedef enum
  {
    PS_LOAD_LEVEL_SHEAR_CENTRE,
    PS_LOAD_LEVEL_TOP_FLANGE,    /* destabilising (above the shear centre) */
    PS_LOAD_LEVEL_BOTTOM_FLANGE, /* stabilising */
  } PsLoadLevel;

#define PS_MOMENT_PIECES_MAX 16

  /* The exact moment diagram of a segment, as the pieces between its breaks (point
   * loads, moments, the ends of distributed loads). On piece i, from x[i] to x[i + 1]
   * (x[n] = 1), with s = xi - x[i] and xi = x / L the position as a fraction of the
   * segment, M(s) = M[i] + V[i] s - q[i] s^2 / 2: M[i] and V[i] at its start (after the
   * jumps there) and the uniform intensity q[i] on it (downward positive, q = -M''). A
   * point load at a break is the jump of V there, V[i - 1] - q[i - 1] h - V[i] with h
   * the length of piece i - 1; a point moment is the jump of M. All are of the shape
   * only, normalised by the segment's largest |M| and made dimensionless: M / |M|max,
   * V L / |M|max, q L^2 / |M|max; a positive factor on the actions (the proportional
   * groups of ps-beam-design-fast.c) leaves them unchanged. complete = 0 when the
   * pieces are not the whole diagram (a linearly varying intensity, more pieces than
   * fit, or not given at all: n = 0). */
  typedef struct
  {
    int n, complete;
    double x[PS_MOMENT_PIECES_MAX];
    double M[PS_MOMENT_PIECES_MAX], V[PS_MOMENT_PIECES_MAX], q[PS_MOMENT_PIECES_MAX];
  } PsMomentPieces;

  /* The moment diagram of one segment between lateral restraints, signed (sagging
   * positive), for the equivalent uniform moment factors (C1 of NCCI SN003, C_b of
   * AISC 360-16 F1-1). */
  typedef struct
  {
    double L;                 /* length between restraints, m */
    double M_a, M_b;          /* at the segment's ends */
    double M_q1, M_mid, M_q3; /* at its quarter points and middle */
    double M_max;             /* largest absolute value in the segment (signed) */
    PsMomentPieces diagram;   /* the exact diagram, when the analysis gives it */
  } PsMomentSegment;

  /* The design actions of one combination for one configuration. ULS values are
   * factored; SLS deflections are those of the serviceability combination the
   * code prescribes (characteristic for EN, D + L for AISC). */
  typedef struct
  {
    double M_Ed_sag;     /* largest sagging moment, >= 0, N m */
    double M_Ed_hog;     /* largest hogging moment, >= 0, N m */
    double V_Ed;         /* largest absolute shear, N */
    double V_Ed_at_M;    /* shear at the section of max |M| (bending-shear interaction) */
    double M_Ed_at_V;    /* |moment| at the section of max |V| */
    PsMomentSegment ltb; /* the governing segment between restraints (largest |M|) */
    /* 1 when the analysis found the load inside that segment uniform: no point load or
     * moment and no start or end of a distributed load strictly inside it, and no
     * varying intensity, so that its diagram is exactly the parabola through its
     * ordinates. 0: not known (five ordinates cannot tell a uniform load from, e.g., two
     * point loads at the third points). */
    int ltb_uniform_load;
    int ltb_restrained; /* continuous lateral restraint: no LTB check */
    PsLoadLevel load_level;
    PsLoadDuration duration; /* of the shortest-acting action present */
    double L_ref;            /* span used for deflection limits (2 L for a cantilever), m */
    double w_total;          /* SLS deflection, all actions (instantaneous), m */
    double w_variable;       /* SLS deflection from the variable actions alone, m */
    double w_permanent;      /* SLS deflection from the permanent actions, m */
    double w_quasi_permanent_variable;  /* psi_2-weighted variable part (timber u_fin) */
    double limit_total, limit_variable; /* deflection limits, m (NAN: no check) */
    double M_sls; /* largest |M| of the SLS combination, N m (NAN: not given); EN 1992
                     7.4.3 interpolates between cracked and uncracked with it */
    /* Span used for the variable-action limit, m: in a continuous beam the span whose
     * variable deflection is the largest fraction of its length may differ from
     * L_ref's (ps-beam-analysis-math.h). */
    double L_ref_variable;
  } PsDesignActions;

  /* What one code check of one configuration gives back. */
  typedef struct
  {
    double u[PS_CHECK_N]; /* utilisations; NAN where the check does not apply */
    double M_Rd;          /* bending resistance used (sagging), N m */
    double V_Rd;          /* shear resistance, N */
    double M_cr;          /* elastic critical moment for LTB, N m (NAN: none) */
    double lambda_LT, chi_LT;
    double Mb_Rd;      /* LTB resistance, N m (NAN: none) */
    int section_class; /* EN 1993/1999 class 1-4; 0 where not applicable */
    int refused;       /* the code cannot check this design (class 4 w/o W_eff …) */
  } PsDesignResult;

  static inline PS_HD void ps_design_result_init (PsDesignResult *r)
  {
    for (int i = 0; i < PS_CHECK_N; i++)
      r->u[i] = NAN;
    r->M_Rd = r->V_Rd = r->M_cr = r->lambda_LT = r->chi_LT = r->Mb_Rd = NAN;
    r->section_class = 0;
    r->refused = 0;
  }

  /* The largest utilisation and its check (-1 when none applies). A NaN check
   * never governs, and a refused design is reported as failing by the caller. */
  static inline PS_HD double ps_design_result_max (const PsDesignResult *r, int *governing)
  {
    double m = NAN;
    int g = -1;

    for (int i = 0; i < PS_CHECK_N; i++)
      if (!isnan (r->u[i]) && (g < 0 || r->u[i] > m))
        {
          m = r->u[i];
          g = i;
        }
    if (governing != NULL)
      *governing = g;
    return m;
  }

#ifdef __cplusplus
}
#endif
