/* ps-sls-math.h: the serviceability checks every material shares, and the helper that
 * records a utilisation so that a NaN never passes.
 *
 * Deflection limits come from the study (design.deflection: {"total": "L/250",
 * "variable": "L/360"}); the analysis turns them into lengths with the reference span
 * (twice the length for a cantilever) in PsDesignActions.limit_total and
 * limit_variable, NAN where the study sets none. EN 1990 A1.4.3 and EN 1992/1993/1995/
 * 1999 leave the limits to the project; the codes' recommended ranges are quoted on the
 * calculation sheets.
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

  /* Records the utilisation of a check that applies. A utilisation that is not a number
   * (missing data, a NaN action) or negative cannot be trusted to pass: the design is
   * refused, and the value is kept so that the sheet shows it. */
  static inline PS_HD void ps_design_set_u (PsDesignResult *r, PsCheckId check, double u)
  {
    r->u[check] = u;
    if (!(u >= 0.0))
      r->refused = 1;
  }

  /* The larger of two values, NaN when either is (fmax would drop a NaN demand and
   * let the design pass). */
  static inline PS_HD double ps_design_max2 (double x, double y)
  {
    if (isnan (x) || isnan (y))
      return NAN;
    return x > y ? x : y;
  }

  /* demand / limit for a deflection limit that is given; a limit that is not positive is
   * bad input and refuses, as does a deflection that is not a number. */
  static inline PS_HD void ps_sls_check_one (PsDesignResult *r, PsCheckId check, double w,
                                             double limit)
  {
    if (isnan (limit))
      return;
    if (!(limit > 0.0))
      {
        r->u[check] = NAN;
        r->refused = 1;
        return;
      }
    ps_design_set_u (r, check, fabs (w) / limit);
  }

  /* u_deflection = |w_total| / limit_total and u_deflection_variable = |w_variable| /
   * limit_variable, each where its limit is given. Timber passes its final deflection
   * u_fin (EN 1995-1-1 2.3.2.2) in w_total; reinforced concrete its cracked, creep-
   * affected deflection (EN 1992-1-1 7.4.3). */
  static inline PS_HD void ps_sls_check (const PsDesignActions *a, PsDesignResult *r)
  {
    ps_sls_check_one (r, PS_CHECK_DEFLECTION, a->w_total, a->limit_total);
    ps_sls_check_one (r, PS_CHECK_DEFLECTION_VARIABLE, a->w_variable, a->limit_variable);
  }

#ifdef __cplusplus
}
#endif
