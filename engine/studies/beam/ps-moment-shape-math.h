/* ps-moment-shape-math.h: the shape of the moment diagram of a segment between lateral
 * restraints, read from its five ordinates (ends, quarter points, middle).
 *
 * The stability rules of the codes tabulate a few diagrams: EN 1995-1-1 Table 6.1 gives
 * the effective length of a timber beam for a constant moment, a uniformly distributed
 * load and a central point load (and a cantilever's uniform and tip loads); the C1, C2
 * factors of ENV 1993-1-1:1992 Annex F Table F.1.2 (also NCCI SN003a Tables 3.1-3.2 and
 * EN 1999-1-1 Annex I) are tabulated for the same loadings. A check recognises these
 * shapes here and takes the conservative row, or refuses, for any other.
 *
 * Plain C, no GLib (PS_HD: also compiled by nvcc).
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

  typedef enum
  {
    PS_MOMENT_SHAPE_NONE,           /* no moment in the segment */
    PS_MOMENT_SHAPE_UNIFORM,        /* constant moment */
    PS_MOMENT_SHAPE_LINEAR,         /* linear between the ends, no load inside (psi) */
    PS_MOMENT_SHAPE_PARABOLIC,      /* uniform load, zero end moments */
    PS_MOMENT_SHAPE_TRIANGULAR,     /* point load at mid-length, zero end moments */
    PS_MOMENT_SHAPE_CANTILEVER_UDL, /* zero at one end, quadratic: a cantilever's uniform load */
    PS_MOMENT_SHAPE_OTHER,
  } PsMomentShape;

  /* Ordinates agree with a shape when they are within this fraction of |M_max|: the
   * analysis's moments are exact up to rounding, so the tolerance only absorbs that. */
#define PS_MOMENT_SHAPE_RTOL 1e-3

  static inline PS_HD int ps_moment_shape_near (double a, double b, double tol)
  {
    return fabs (a - b) <= tol;
  }

  /* The shape of @s and, for a linear diagram, the end-moment ratio psi = M_small /
   * M_large (signed, -1 <= psi <= 1). A segment with a NaN ordinate is OTHER. */
  static inline PS_HD PsMomentShape ps_moment_shape (const PsMomentSegment *s, double *psi)
  {
    double m = fabs (s->M_max);
    double tol, lin_q1, lin_mid, lin_q3;

    if (psi != 0)
      *psi = NAN;
    if (isnan (s->M_a) || isnan (s->M_b) || isnan (s->M_q1) || isnan (s->M_mid) || isnan (s->M_q3)
        || isnan (s->M_max))
      return PS_MOMENT_SHAPE_OTHER;
    if (m == 0.0)
      return PS_MOMENT_SHAPE_NONE;
    tol = PS_MOMENT_SHAPE_RTOL * m;
    if (ps_moment_shape_near (s->M_a, s->M_mid, tol) && ps_moment_shape_near (s->M_b, s->M_mid, tol)
        && ps_moment_shape_near (s->M_q1, s->M_mid, tol)
        && ps_moment_shape_near (s->M_q3, s->M_mid, tol))
      {
        if (psi != 0)
          *psi = 1.0;
        return PS_MOMENT_SHAPE_UNIFORM;
      }
    lin_q1 = 0.75 * s->M_a + 0.25 * s->M_b;
    lin_mid = 0.5 * (s->M_a + s->M_b);
    lin_q3 = 0.25 * s->M_a + 0.75 * s->M_b;
    if (ps_moment_shape_near (s->M_q1, lin_q1, tol) && ps_moment_shape_near (s->M_mid, lin_mid, tol)
        && ps_moment_shape_near (s->M_q3, lin_q3, tol))
      {
        if (psi != 0)
          *psi = fabs (s->M_a) >= fabs (s->M_b) ? s->M_b / s->M_a : s->M_a / s->M_b;
        return PS_MOMENT_SHAPE_LINEAR;
      }
    if (ps_moment_shape_near (s->M_a, 0.0, tol) && ps_moment_shape_near (s->M_b, 0.0, tol))
      {
        if (ps_moment_shape_near (s->M_q1, 0.75 * s->M_mid, tol)
            && ps_moment_shape_near (s->M_q3, 0.75 * s->M_mid, tol))
          return PS_MOMENT_SHAPE_PARABOLIC;
        if (ps_moment_shape_near (s->M_q1, 0.5 * s->M_mid, tol)
            && ps_moment_shape_near (s->M_q3, 0.5 * s->M_mid, tol))
          return PS_MOMENT_SHAPE_TRIANGULAR;
      }
    /* A cantilever's uniform load: M = M_root (x / L)^2 with x from the free end. */
    if (ps_moment_shape_near (s->M_a, 0.0, tol)
        && ps_moment_shape_near (s->M_q1, s->M_b / 16.0, tol)
        && ps_moment_shape_near (s->M_mid, s->M_b / 4.0, tol)
        && ps_moment_shape_near (s->M_q3, 9.0 * s->M_b / 16.0, tol))
      return PS_MOMENT_SHAPE_CANTILEVER_UDL;
    if (ps_moment_shape_near (s->M_b, 0.0, tol)
        && ps_moment_shape_near (s->M_q3, s->M_a / 16.0, tol)
        && ps_moment_shape_near (s->M_mid, s->M_a / 4.0, tol)
        && ps_moment_shape_near (s->M_q1, 9.0 * s->M_a / 16.0, tol))
      return PS_MOMENT_SHAPE_CANTILEVER_UDL;
    return PS_MOMENT_SHAPE_OTHER;
  }

  /* The shape of @s where its five ordinates are enough to tell it: a linear (or
   * constant) diagram is fixed by them, but a parabola's ordinates are also those of two
   * equal point loads at the third points, and a triangle's those of other kinked
   * diagrams, whose equivalent moment factors are lower (EN 1993-1-1 LTB, issue 16:
   * C1 = 1.094 against a UDL's 1.127). A parabola is taken only where the analysis found
   * the load uniform (@uniform_load: PsDesignActions.ltb_uniform_load), a central point
   * load only where the exact diagram (s->diagram) is two straight pieces meeting at
   * mid-length; otherwise OTHER, which the checks treat conservatively. */
  static inline PS_HD PsMomentShape ps_moment_shape_exact (const PsMomentSegment *s,
                                                           int uniform_load, double *psi)
  {
    PsMomentShape shape = ps_moment_shape (s, psi);
    const PsMomentPieces *d = &s->diagram;

    if ((shape == PS_MOMENT_SHAPE_PARABOLIC || shape == PS_MOMENT_SHAPE_CANTILEVER_UDL)
        && !uniform_load)
      return PS_MOMENT_SHAPE_OTHER;
    if (shape == PS_MOMENT_SHAPE_TRIANGULAR
        && !(d->complete && d->n == 2 && fabs (d->x[1] - 0.5) <= PS_MOMENT_SHAPE_RTOL
             && fabs (d->q[0]) <= PS_MOMENT_SHAPE_RTOL && fabs (d->q[1]) <= PS_MOMENT_SHAPE_RTOL))
      return PS_MOMENT_SHAPE_OTHER;
    return shape;
  }

#ifdef __cplusplus
}
#endif
