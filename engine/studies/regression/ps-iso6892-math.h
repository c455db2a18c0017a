/* ps-iso6892-math.h: the tensile-test quantities of ISO 6892-1 and ASTM E8/E111 for one
 * specimen's stress–strain curve, for the CPU and (later) the GPU.
 *
 * Plain C types only (no GLib), static inline and PS_HD like ps-regression-math.h, on
 * whose elastic-window fit and scans it builds, so that nvcc can compile it for the
 * device. Nothing here allocates; the curve is read, never written. Strains are
 * ratios (not per cent) and stresses Pa, as the kind reads them.
 *
 * One call, ps_iso_analyse (), gives:
 *   - the modulus E and the line sigma = E eps + sigma0 by one of four methods: the
 *     study's elastic window; the chord between two stresses or two strains (ASTM
 *     E111-17, 9.3); the tangent at a stress or strain (ASTM E111 tangent modulus, a local
 *     least-squares line); or ISO 6892-1:2019 Annex G (the regression between 10 %
 *     and 40 % (up to 50 %) of Rp0.2, iterated because Rp0.2 depends on E), with R^2
 *     and the standard error of the slope;
 *   - toe compensation (the toe region of ASTM E8/E8M and E111; ISO 6892-1): the strain
 *     origin moved to where the elastic line meets zero stress, -sigma0 / E, so that a
 *     preload or a slack start does not count as extension;
 *   - proof strengths Rp at any plastic extensions and Rt at a total extension (ISO
 *     6892-1:2019, proof strength, plastic extension and total extension);
 *   - the upper and lower yield strengths ReH, ReL (3.10.2.1, 3.10.2.2) and the
 *     percentage yield point extension Ae of discontinuous yielding;
 *   - Rm, the percentage total and plastic extensions at maximum force Agt and Ag, the
 *     fracture and the percentage total extension at fracture At and elongation after
 *     fracture A (from the extensometer, the elastic part removed);
 *   - the Hollomon law sigma_t = K eps_p^n on the true curve (ISO 10275:2020) and,
 *     on request, the Ramberg–Osgood exponent.
 *
 * What cannot be determined is NAN with a note bit saying why (PS_ISO_NOTE_*);
 * ps-iso6892.c turns the bits into messages.
 */
#pragma once

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "rng/ps-math-private.h"
#include "ps-regression-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_ISO_MAX_OFFSETS 8

  typedef enum
  {
    PS_ISO_MODULUS_WINDOW = 0, /* the least-squares line over the study's elastic window */
    PS_ISO_MODULUS_CHORD,      /* ASTM E111 chord modulus between two points */
    PS_ISO_MODULUS_TANGENT,    /* ASTM E111 tangent modulus at one point */
    PS_ISO_MODULUS_ANNEX_G,    /* ISO 6892-1 Annex G, iterated with Rp0.2 */
  } PsIsoModulus;

  /* Whether chord and tangent points are stresses (Pa) or strains. */
  typedef enum
  {
    PS_ISO_AT_STRESS = 0,
    PS_ISO_AT_STRAIN = 1,
  } PsIsoAxis;

  /* Why a quantity is missing, or what was done: bits of PsIsoResult.notes. */
  enum
  {
    PS_ISO_NOTE_TOE = 1u << 0,                 /* the origin moved by more than strain_tol */
    PS_ISO_NOTE_NO_FRACTURE = 1u << 1,         /* no force drop of fracture_drop: no A, At */
    PS_ISO_NOTE_RP_NOT_REACHED = 1u << 2,      /* some Rp offset never reached (rp_missing) */
    PS_ISO_NOTE_RT_NOT_REACHED = 1u << 3,      /* the total extension of Rt never reached */
    PS_ISO_NOTE_NO_YIELD_POINT = 1u << 4,      /* continuous yielding: no ReH, ReL, Ae */
    PS_ISO_NOTE_ANNEX_G_NO_CONVERGE = 1u << 5, /* Annex G iterations did not settle */
    PS_ISO_NOTE_HOLLOMON = 1u << 6,            /* fewer than 3 points in the n range */
    PS_ISO_NOTE_RAMBERG_OSGOOD = 1u << 7,      /* RO exponent not determined */
    PS_ISO_NOTE_NO_HARDENING = 1u << 8,        /* yield point but no work hardening: no Ae end */
  };

  typedef struct
  {
    PsRegFitParams window; /* the elastic window (also Annex G's first guess) */
    int modulus;           /* PsIsoModulus */
    int chord_axis;        /* PsIsoAxis of chord_from/to and tangent_at */
    double chord_from, chord_to;
    double tangent_at;
    double tangent_band;           /* the tangent's points: within +-band * at of the point */
    double annex_g_lo, annex_g_hi; /* fractions of Rp0.2 (0.10, 0.40) */
    int annex_g_max_iter;
    double offsets[PS_ISO_MAX_OFFSETS]; /* plastic extensions of Rp (0.002 for Rp0.2) */
    int n_offsets;
    double rt_total;      /* total extension of Rt (0.005) */
    double yield_drop;    /* ReH: a fall of this fraction of the force (0.005) ... */
    double yield_hold;    /* ... and no higher force over this strain after it (0.0005) */
    double fracture_drop; /* fracture: a fall of this fraction (0.8) of the highest ... */
    int fracture_points;  /* ... of this many points before it (5) */
    double ag_plateau;    /* Agt at the middle of the points within this of Fm (0) */
    /* Hollomon range in engineering plastic strain; NAN: from the end of Ae (or the
     * 0.2 % plastic strain) to Ag, the whole uniform range (ISO 10275). */
    double hollomon_from, hollomon_to;
    int ramberg_osgood;    /* fit the Ramberg–Osgood exponent */
    double ro_min_plastic; /* its points: plastic strain at least this (1e-4) */
    int toe_compensation;  /* move the strain origin to -sigma0 / E */
  } PsIsoParams;

  typedef struct
  {
    int status;          /* PsRegError: PS_REG_OK, or why there is no analysis */
    int window_status;   /* PsRegError of the study's elastic-window fit */
    unsigned notes;      /* PS_ISO_NOTE_* */
    unsigned rp_missing; /* bit k: offset k never reached */
    uint64_t bad_point;  /* for an error: the point it concerns */

    /* The elastic line sigma = E eps + sigma0 and its quality. */
    double E, E_se, E_r2, sigma0;
    uint64_t E_points, E_first, E_last; /* the fitted points [E_first, E_last] */
    int E_iterations;                   /* Annex G */
    double toe_strain;                  /* eps where the line meets zero stress; subtracted below */

    /* Strains below are toe-compensated total strains (ratios, not per cent). */
    double Rp[PS_ISO_MAX_OFFSETS], Rp_strain[PS_ISO_MAX_OFFSETS];
    double Rt, Rt_strain;
    int has_yield_point;
    double ReH, ReH_strain, ReL, ReL_strain, Ae, Ae_end_strain;
    double Rm, Agt, Ag;
    uint64_t i_max;
    int has_fracture;
    double fracture_stress, At, A;
    uint64_t i_fracture;
    double hollomon_n, hollomon_K, hollomon_r2;
    double hollomon_from, hollomon_to; /* the plastic strains of the range used */
    uint64_t hollomon_points;
    double ro_n; /* Ramberg–Osgood: eps = sigma / E + 0.002 (sigma / Rp0.2)^n */
    double ro_E, ro_s02;
    uint64_t ro_points;
  } PsIsoResult;

  /* The defaults: the window fit, Rp0.2, Rt0.5, the ISO 6892-1 Annex A figures for ReH
   * (a 0.5 % fall of force, then no higher force over 0.05 % strain), fracture at a
   * fall of 80 % of the highest of the 5 points before, Hollomon over the uniform range, no RO, toe
   * compensation on. */
  static inline PS_HD void ps_iso_params_init (PsIsoParams *p)
  {
    memset (p, 0, sizeof *p);
    p->window.window = PS_REG_WINDOW_STRAIN;
    p->window.from = 0.0005;
    p->window.to = 0.0025;
    p->window.offset = 0.002;
    p->window.min_points = 5;
    p->window.strain_tol = 1e-5;
    p->modulus = PS_ISO_MODULUS_WINDOW;
    p->chord_axis = PS_ISO_AT_STRESS;
    p->chord_from = p->chord_to = p->tangent_at = ps_math_nan ();
    p->tangent_band = 0.05;
    p->annex_g_lo = 0.10;
    p->annex_g_hi = 0.40;
    p->annex_g_max_iter = 20;
    p->offsets[0] = 0.002;
    p->n_offsets = 1;
    p->rt_total = 0.005;
    p->yield_drop = 0.005;
    p->yield_hold = 0.0005;
    p->fracture_drop = 0.8;
    p->fracture_points = 5;
    p->ag_plateau = 0.0;
    p->hollomon_from = p->hollomon_to = ps_math_nan ();
    p->ramberg_osgood = 0;
    p->ro_min_plastic = 1e-4;
    p->toe_compensation = 1;
  }

  /* ---- small pieces ------------------------------------------------------------- */

  static inline PS_HD double ps_iso_lerp (double x0, double x1, double t)
  {
    return x0 + t * (x1 - x0);
  }

  /* The least-squares line of the points [i0, i1) into @f; their count. */
  static inline PS_HD double ps_iso_line (const double *x, const double *y, size_t i0, size_t i1,
                                          PsRegLineFit *f)
  {
    PsRegLine l = { 0, 0, 0, 0, 0, 0 };

    ps_reg_line_add_points (&l, x + i0, y + i0, i1 > i0 ? i1 - i0 : 0);
    if (l.n >= 2 && l.sxx > 0)
      ps_reg_line_solve (&l, f);
    else
      f->slope = f->intercept = f->slope_se = f->intercept_se = f->r2 = ps_math_nan ();
    return l.n;
  }

  /* The first crossing of the curve, from @from on, below the line E (eps - offset) +
   * sigma0, interpolated; returns 0 when it never crosses. */
  static inline PS_HD int ps_iso_offset_crossing (const double *x, const double *y, size_t from,
                                                  size_t n, double E, double sigma0, double offset,
                                                  double *stress, double *strain)
  {
    size_t i = ps_reg_scan_crossing_any (x, y, from, n, E, offset, sigma0);
    double f, fprev, t;

    if (i >= n)
      return 0;
    f = ps_reg_offset_gap (x[i], y[i], E, offset, sigma0);
    fprev = ps_reg_offset_gap (x[i - 1], y[i - 1], E, offset, sigma0);
    t = fprev / (fprev - f);
    *strain = ps_iso_lerp (x[i - 1], x[i], t);
    *stress = ps_iso_lerp (y[i - 1], y[i], t);
    return 1;
  }

  /* Where the curve, rising before index @imax, first reaches @v on @axis (stress or
   * strain): the interpolated strain and stress there and the index after it. */
  static inline PS_HD int ps_iso_reach (const double *x, const double *y, size_t imax, int axis,
                                        double v, double *strain, double *stress, size_t *after)
  {
    const double *a = axis == PS_ISO_AT_STRAIN ? x : y;
    size_t i = 0;
    double t;

    while (i <= imax && a[i] < v)
      i++;
    if (i > imax)
      return 0;
    if (i == 0)
      {
        *strain = x[0];
        *stress = y[0];
        *after = 0;
        return 1;
      }
    t = (v - a[i - 1]) / (a[i] - a[i - 1]);
    *strain = ps_iso_lerp (x[i - 1], x[i], t);
    *stress = ps_iso_lerp (y[i - 1], y[i], t);
    *after = i;
    return 1;
  }

  /* ---- the modulus --------------------------------------------------------------- */

  /* ASTM E111-17, 9.3: the chord modulus, the slope of the chord between two points of
   * the curve given as stresses or strains. R^2 and the slope's standard error are
   * those of the least-squares line of the points between them (how straight that
   * part is); the line through the chord's ends is the elastic line. */
  static inline PS_HD int ps_iso_modulus_chord (const PsIsoParams *p, const double *x,
                                                const double *y, size_t imax, PsIsoResult *r)
  {
    double ea, sa, eb, sb;
    size_t ia, ib;
    PsRegLineFit lf;

    if (!ps_iso_reach (x, y, imax, p->chord_axis, p->chord_from, &ea, &sa, &ia)
        || !ps_iso_reach (x, y, imax, p->chord_axis, p->chord_to, &eb, &sb, &ib) || !(eb > ea))
      return 0;
    r->E = (sb - sa) / (eb - ea);
    r->sigma0 = sa - r->E * ea;
    r->E_points = (uint64_t)ps_iso_line (x, y, ia, ib, &lf);
    r->E_se = lf.slope_se;
    r->E_r2 = lf.r2;
    r->E_first = ia;
    r->E_last = ib > 0 ? ib - 1 : 0;
    return 1;
  }

  /* ASTM E111-17, tangent modulus: the slope at a point, that of the least-squares
   * line of the points within +-band of it (in stress or in strain) before Fm. */
  static inline PS_HD int ps_iso_modulus_tangent (const PsIsoParams *p, const double *x,
                                                  const double *y, size_t imax, PsIsoResult *r)
  {
    const double *a = p->chord_axis == PS_ISO_AT_STRAIN ? x : y;
    double lo = p->tangent_at * (1 - p->tangent_band), hi = p->tangent_at * (1 + p->tangent_band);
    size_t i0 = 0, i1;
    PsRegLineFit lf;

    while (i0 <= imax && a[i0] < lo)
      i0++;
    for (i1 = i0; i1 <= imax && a[i1] <= hi; i1++)
      ;
    if (ps_iso_line (x, y, i0, i1, &lf) < 3 || !(lf.slope > 0))
      return 0;
    r->E = lf.slope;
    r->sigma0 = lf.intercept;
    r->E_se = lf.slope_se;
    r->E_r2 = lf.r2;
    r->E_points = i1 - i0;
    r->E_first = i0;
    r->E_last = i1 - 1;
    return 1;
  }

  /* ISO 6892-1:2019, Annex G: E is the slope of the least-squares line of the points
   * between annex_g_lo and annex_g_hi of Rp0.2 (10 % and 40 %, up to 50 %), and Rp0.2
   * depends on E; starting from the window's line, the two are recomputed until the
   * fitted points no longer change (then E, and with it Rp0.2, are fixed). */
  static inline PS_HD int ps_iso_modulus_annex_g (const PsIsoParams *p, const double *x,
                                                  const double *y, size_t n, size_t imax,
                                                  PsIsoResult *r)
  {
    size_t prev0 = (size_t)-1, prev1 = (size_t)-1;
    int it;

    for (it = 1; it <= p->annex_g_max_iter; it++)
      {
        double rp, ep;
        size_t i0 = 0, i1;
        PsRegLineFit lf;

        if (!ps_iso_offset_crossing (x, y, (size_t)r->E_first, n, r->E, r->sigma0, 0.002, &rp, &ep))
          return 0;
        while (i0 <= imax && y[i0] < p->annex_g_lo * rp)
          i0++;
        for (i1 = i0; i1 <= imax && y[i1] <= p->annex_g_hi * rp; i1++)
          ;
        r->E_iterations = it;
        if (i0 == prev0 && i1 == prev1)
          return 1;
        if (ps_iso_line (x, y, i0, i1, &lf) < 3 || !(lf.slope > 0))
          return 0;
        r->E = lf.slope;
        r->sigma0 = lf.intercept;
        r->E_se = lf.slope_se;
        r->E_r2 = lf.r2;
        r->E_points = i1 - i0;
        r->E_first = i0;
        r->E_last = i1 - 1;
        prev0 = i0;
        prev1 = i1;
      }
    r->notes |= PS_ISO_NOTE_ANNEX_G_NO_CONVERGE;
    return 1;
  }

  /* ---- the yield point --------------------------------------------------------- */

  /* ISO 6892-1:2019, 3.10.2.1, with the rule Annex A gives computer evaluation: ReH is
   * the highest force before the first fall of at least yield_drop (0.5 %) of it that
   * is followed by no higher force over yield_hold (0.05 %) of strain. Looked for from the end of
   * the elastic line (a fall in the elastic range is noise) up to Fm. Returns the index, or
   * (size_t)-1. */
  static inline PS_HD size_t ps_iso_upper_yield (const PsIsoParams *p, const double *x,
                                                 const double *y, size_t from, size_t imax)
  {
    size_t h = from, failed = (size_t)-1;

    for (size_t i = from + 1; i < imax; i++)
      {
        if (y[i] > y[h])
          {
            h = i;
            continue;
          }
        if (h != failed && y[i] <= y[h] * (1 - p->yield_drop))
          {
            size_t j = h + 1;
            int held = 1;

            for (; j <= imax && x[j] <= x[h] + p->yield_hold; j++)
              if (y[j] > y[h])
                {
                  held = 0;
                  break;
                }
            /* The hold must be seen: a point past the strain range, still not above. */
            if (held && j <= imax && y[j] <= y[h])
              return h;
            failed = h;
          }
      }
    return (size_t)-1;
  }

  /* The yield range after ReH at @h: its local extremes, told from noise by a
   * hysteresis of @band (a minimum counts once the stress has risen @band above it, a
   * maximum once it has fallen @band below it). ReL is the lowest stress after the
   * first minimum (the initial transient, ISO 6892-1, 3.10.2.2), or that minimum when
   * it is the only one; the last minimum is where uniform work hardening starts.
   * The end of Ae (the start of uniform work hardening) is where the horizontal through
   * the last minimum meets the least-squares line of the work hardening just above it
   * (the points between band and 5 band above that minimum), the evaluation ISO
   * 6892-1:2019 draws for Ae; Ae is measured from ReH. */
  static inline PS_HD void ps_iso_yield_range (const double *x, const double *y, size_t h,
                                               size_t imax, double band, PsIsoResult *r)
  {
    size_t run = h, first_min = (size_t)-1, first_max_after = (size_t)-1, last_min = (size_t)-1;
    int falling = 1, minima = 0;
    double yrun = y[h];

    /* This scan over the whole yield range was three quarters of the analysis: on
     * noisy data "a new extreme" is a coin toss the branch predictor loses. The running
     * extreme is therefore updated by selects (conditional moves) and only the rare
     * turn of direction branches; the tests and their order are the same as "if new
     * extreme ... else if turned ...", so the indices are the same. */
    for (size_t j = h + 1; j <= imax; j++)
      {
        double v = y[j];

        if (falling)
          {
            int lower = v < yrun;

            if (!lower && v >= yrun + band)
              {
                minima++;
                if (minima == 1)
                  first_min = run;
                last_min = run;
                falling = 0;
                run = j;
                yrun = v;
                continue;
              }
            run = lower ? j : run;
            yrun = lower ? v : yrun;
          }
        else
          {
            int higher = v > yrun;

            if (!higher && v <= yrun - band)
              {
                if (first_max_after == (size_t)-1)
                  first_max_after = run;
                falling = 1;
                run = j;
                yrun = v;
                continue;
              }
            run = higher ? j : run;
            yrun = higher ? v : yrun;
          }
      }
    if (minima == 0)
      {
        r->notes |= PS_ISO_NOTE_NO_HARDENING;
        return;
      }
    {
      size_t lo = minima == 1 ? first_min : first_max_after, at = lo;

      for (size_t j = lo; j <= last_min; j++)
        if (y[j] < y[at])
          at = j;
      r->ReL = y[at];
      r->ReL_strain = x[at];
    }
    {
      double level = y[last_min];
      size_t k = last_min + 1, k1;
      PsRegLineFit lf;
      double end;

      while (k <= imax && y[k] <= level + band)
        k++;
      for (k1 = k; k1 <= imax && y[k1] <= level + 5 * band; k1++)
        ;
      if (ps_iso_line (x, y, k, k1, &lf) >= 2 && lf.slope > 0)
        end = (level - lf.intercept) / lf.slope;
      else
        end = x[k <= imax ? k : imax];
      r->Ae_end_strain = end;
    }
  }

  /* ---- fracture ------------------------------------------------------------------ */

  /* The fracture: the first point, from Fm on, at which the force has fallen by at
   * least fracture_drop (80 %) of the highest of the fracture_points (5) points before
   * it; the fracture point is the last point before the largest single step of that
   * fall (a necking curve falls slowly before it, a sampled fall may take two steps).
   * Returns its index, or (size_t)-1. */
  static inline PS_HD size_t ps_iso_fracture (const PsIsoParams *p, const double *y, size_t n,
                                              size_t imax)
  {
    size_t w = p->fracture_points > 0 ? (size_t)p->fracture_points : 1;

    for (size_t i = imax + 1; i < n; i++)
      {
        size_t j0 = i > w ? i - w : 0, top;

        j0 = j0 < imax ? imax : j0;
        top = j0;
        for (size_t j = j0; j < i; j++)
          if (y[j] >= y[top])
            top = j;
        if (y[top] > 0 && y[top] - y[i] >= p->fracture_drop * y[top])
          {
            size_t f = top;

            for (size_t k = top + 1; k <= i; k++)
              if (y[k - 1] - y[k] > y[f] - y[f + 1])
                f = k - 1;
            return f;
          }
      }
    return (size_t)-1;
  }

  /* ---- hardening ----------------------------------------------------------------- */

  /* ISO 10275:2020: the strain-hardening exponent n and K of sigma_t = K eps_p^n by the
   * least-squares line of ln sigma_t on ln eps_p over the points before Fm whose
   * engineering plastic strain e_p = e - R / E lies in [from, to]; sigma_t = R (1 + e)
   * and eps_p = ln (1 + e_p) (constant volume, valid up to Fm). @e0 is the strain
   * origin (toe). Returns the points used. */
  static inline PS_HD uint64_t ps_iso_hollomon (const double *x, const double *y, size_t imax,
                                                double E, double e0, double from, double to,
                                                double *n_out, double *K, double *r2)
  {
    PsRegLine l = { 0, 0, 0, 0, 0, 0 };
    PsRegLineFit lf;

    for (size_t i = 0; i <= imax; i++)
      {
        double e = x[i] - e0, ep = e - y[i] / E;

        if (ep >= from && ep <= to && ep > 0 && y[i] > 0)
          ps_reg_line_add (&l, log (log1p (ep)), log (y[i] * (1 + e)));
      }
    if (l.n < 3 || !(l.sxx > 0))
      return (uint64_t)l.n;
    ps_reg_line_solve (&l, &lf);
    *n_out = lf.slope;
    *K = exp (lf.intercept);
    *r2 = lf.r2;
    return (uint64_t)l.n;
  }

  /* The Ramberg–Osgood exponent of eps = sigma / E + 0.002 (sigma / s02)^n (Ramberg and
   * Osgood, NACA TN 902, 1943, with the 0.2 % offset form) for given E and s02: the
   * least-squares slope through the origin of ln (e_p / 0.002) on ln (sigma / s02),
   * e_p = e - sigma / E, over the points before Fm with e_p >= @min_plastic. */
  static inline PS_HD uint64_t ps_iso_ramberg_osgood (const double *x, const double *y, size_t imax,
                                                      double E, double s02, double e0,
                                                      double min_plastic, double *n_out)
  {
    double suu = 0, suv = 0;
    uint64_t k = 0;

    for (size_t i = 0; i <= imax; i++)
      {
        double ep = (x[i] - e0) - y[i] / E;

        if (ep >= min_plastic && y[i] > 0)
          {
            double u = log (y[i] / s02), v = log (ep / 0.002);

            suu += u * u;
            suv += u * v;
            k++;
          }
      }
    if (k < 3 || !(suu > 0))
      return k;
    *n_out = suv / suu;
    return k;
  }

  /* The true stress and strain of point @i (toe origin @e0), valid up to Fm:
   * sigma_t = R (1 + e), eps_t = ln (1 + e) (ISO 10275, constant volume). */
  static inline PS_HD void ps_iso_true_point (const double *x, const double *y, size_t i, double e0,
                                              double *eps_t, double *sigma_t)
  {
    double e = x[i] - e0;

    *eps_t = log1p (e);
    *sigma_t = y[i] * (1 + e);
  }

  /* ---- the analysis ------------------------------------------------------------ */

  static inline PS_HD void ps_iso_result_init (PsIsoResult *r)
  {
    double nan = ps_math_nan ();

    memset (r, 0, sizeof *r);
    r->E = r->E_se = r->E_r2 = r->sigma0 = r->toe_strain = nan;
    for (int k = 0; k < PS_ISO_MAX_OFFSETS; k++)
      r->Rp[k] = r->Rp_strain[k] = nan;
    r->Rt = r->Rt_strain = nan;
    r->ReH = r->ReH_strain = r->ReL = r->ReL_strain = r->Ae = r->Ae_end_strain = nan;
    r->Rm = r->Agt = r->Ag = nan;
    r->fracture_stress = r->At = r->A = nan;
    r->hollomon_n = r->hollomon_K = r->hollomon_r2 = nan;
    r->hollomon_from = r->hollomon_to = nan;
    r->ro_n = r->ro_E = r->ro_s02 = nan;
  }

  /* Analyses the @n points (strain, stress in Pa) of one specimen, and gives in @fit
   * the study's elastic-window fit it starts from (what ps_reg_fit_points () gives;
   * its status in r->window_status). Returns PS_REG_OK, or why there is no analysis at
   * all (as ps_reg_fit_points () does: non-finite values, a window without points, a
   * modulus that is not positive; with the chord and tangent moduli, which do not
   * need the window, their own points missing); a quantity that alone cannot be
   * determined is NAN with its note. */
  static inline PS_HD int ps_iso_analyse_fit (const PsIsoParams *p, const double *x,
                                              const double *y, size_t n, PsIsoResult *r,
                                              PsSpecimenFit *fit)
  {
    double ymax, e0, rp02 = ps_math_nan ();
    size_t imax = 0, after, h;
    int err;

    ps_iso_result_init (r);
    ps_reg_fit_init (fit, n);
    if (n == 0)
      return r->window_status = r->status = PS_REG_ERR_TOO_FEW;
    if (!ps_reg_scan_max_any (y, n, &ymax, &imax))
      {
        r->bad_point = fit->bad_point = ps_reg_first_non_finite (y);
        return r->window_status = r->status = PS_REG_ERR_NON_FINITE;
      }
    /* The window's line: the modulus itself, or the first guess of Annex G. */
    err = ps_reg_fit_after_max (&p->window, x, y, n, ymax, imax, fit);
    r->window_status = err;
    for (size_t i = 0; i < n; i++)
      if (!ps_reg_is_finite (x[i]))
        {
          r->bad_point = i;
          return r->status = PS_REG_ERR_NON_FINITE;
        }
    if (err != PS_REG_OK && p->modulus != PS_ISO_MODULUS_CHORD
        && p->modulus != PS_ISO_MODULUS_TANGENT)
      {
        r->bad_point = fit->bad_point;
        return r->status = err;
      }
    r->E = fit->E;
    r->E_se = fit->E_se;
    r->E_r2 = fit->r2;
    r->sigma0 = fit->sigma0;
    r->E_points = fit->window_points;
    {
      /* The window's first point: where the offset scans start. */
      size_t i0 = 0;

      if (err == PS_REG_OK)
        while (i0 < n && x[i0] < fit->window_from)
          i0++;
      r->E_first = i0;
      r->E_last = i0 + (fit->window_points > 0 ? fit->window_points - 1 : 0);
    }
    switch (p->modulus)
      {
      case PS_ISO_MODULUS_CHORD:
        if (!ps_iso_modulus_chord (p, x, y, imax, r))
          return r->status = PS_REG_ERR_TOO_FEW;
        break;
      case PS_ISO_MODULUS_TANGENT:
        if (!ps_iso_modulus_tangent (p, x, y, imax, r))
          return r->status = PS_REG_ERR_TOO_FEW;
        break;
      case PS_ISO_MODULUS_ANNEX_G:
        if (!ps_iso_modulus_annex_g (p, x, y, n, imax, r))
          return r->status = PS_REG_ERR_TOO_FEW;
        break;
      default:
        break;
      }
    if (!(r->E > 0) || !ps_reg_is_finite (r->E))
      {
        r->bad_point = r->E_first;
        return r->status = PS_REG_ERR_MODULUS;
      }

    /* Toe compensation: the origin of extension where the line meets zero stress. */
    e0 = p->toe_compensation ? -r->sigma0 / r->E : 0.0;
    r->toe_strain = e0;
    if (p->toe_compensation && fabs (e0) > p->window.strain_tol)
      r->notes |= PS_ISO_NOTE_TOE;

    /* Proof strengths: the offset line is E (eps - e0 - offset), i.e. through the
     * toe-compensated origin. */
    for (int k = 0; k < p->n_offsets && k < PS_ISO_MAX_OFFSETS; k++)
      {
        double s, e;

        if (ps_iso_offset_crossing (x, y, (size_t)r->E_first, n, r->E, r->sigma0, p->offsets[k], &s,
                                    &e))
          {
            r->Rp[k] = s;
            r->Rp_strain[k] = e - e0;
            if (fabs (p->offsets[k] - 0.002) < 1e-12)
              rp02 = s;
          }
        else
          {
            r->rp_missing |= 1u << k;
            r->notes |= PS_ISO_NOTE_RP_NOT_REACHED;
          }
      }
    /* Rt: where the total extension reaches rt_total. */
    if (ps_iso_reach (x, y, n - 1, PS_ISO_AT_STRAIN, p->rt_total + e0, &r->Rt_strain, &r->Rt,
                      &after))
      r->Rt_strain -= e0;
    else
      r->notes |= PS_ISO_NOTE_RT_NOT_REACHED;

    /* Rm, Agt (the middle of a plateau at Fm, as ISO 6892-1 takes it) and Ag = Agt -
     * Rm / E, the elastic part removed. */
    r->Rm = ymax;
    r->i_max = imax;
    {
      size_t j = imax;

      while (j + 1 < n && y[j + 1] >= ymax * (1 - p->ag_plateau))
        j++;
      r->Agt = 0.5 * (x[imax] + x[j]) - e0;
      r->Ag = r->Agt - ymax / r->E;
    }

    /* Discontinuous yielding. */
    h = ps_iso_upper_yield (p, x, y, (size_t)r->E_last, imax);
    if (h != (size_t)-1)
      {
        r->has_yield_point = 1;
        r->ReH = y[h];
        r->ReH_strain = x[h] - e0;
        ps_iso_yield_range (x, y, h, imax, p->yield_drop * y[h], r);
        if (!(r->notes & PS_ISO_NOTE_NO_HARDENING))
          {
            r->ReL_strain -= e0;
            r->Ae_end_strain -= e0;
            r->Ae = r->Ae_end_strain - r->ReH_strain;
          }
      }
    else
      r->notes |= PS_ISO_NOTE_NO_YIELD_POINT;

    /* Fracture, At and A = At - R_f / E (the elastic part removed). */
    {
      size_t f = ps_iso_fracture (p, y, n, imax);

      if (f != (size_t)-1)
        {
          r->has_fracture = 1;
          r->i_fracture = f;
          r->fracture_stress = y[f];
          r->At = x[f] - e0;
          r->A = r->At - y[f] / r->E;
        }
      else
        r->notes |= PS_ISO_NOTE_NO_FRACTURE;
    }

    /* Hollomon over the uniform plastic range (ISO 10275): from the end of the yield
     * point extension (or the 0.2 % plastic strain) to Ag, unless the study says. */
    {
      double from = p->hollomon_from, to = p->hollomon_to;

      if (!(from >= 0))
        {
          from = 0.002;
          if (r->has_yield_point && ps_reg_is_finite (r->Ae_end_strain))
            from = fmax (from, r->Ae_end_strain - r->ReL / r->E);
        }
      if (!(to >= 0))
        to = r->Ag;
      r->hollomon_from = from;
      r->hollomon_to = to;
      r->hollomon_points = ps_iso_hollomon (x, y, imax, r->E, e0, from, to, &r->hollomon_n,
                                            &r->hollomon_K, &r->hollomon_r2);
      if (r->hollomon_points < 3)
        r->notes |= PS_ISO_NOTE_HOLLOMON;
    }

    if (p->ramberg_osgood)
      {
        double s02 = rp02, e02;

        if (!(s02 > 0)
            && !ps_iso_offset_crossing (x, y, (size_t)r->E_first, n, r->E, r->sigma0, 0.002, &s02,
                                        &e02))
          s02 = ps_math_nan ();
        r->ro_E = r->E;
        r->ro_s02 = s02;
        if (s02 > 0)
          r->ro_points
              = ps_iso_ramberg_osgood (x, y, imax, r->E, s02, e0, p->ro_min_plastic, &r->ro_n);
        if (!(r->ro_n > 0))
          r->notes |= PS_ISO_NOTE_RAMBERG_OSGOOD;
      }
    return r->status = PS_REG_OK;
  }

  /* ps_iso_analyse_fit () without the window fit. */
  static inline PS_HD int ps_iso_analyse (const PsIsoParams *p, const double *x, const double *y,
                                          size_t n, PsIsoResult *r)
  {
    PsSpecimenFit fit;

    return ps_iso_analyse_fit (p, x, y, n, r, &fit);
  }

#ifdef __cplusplus
}
#endif
