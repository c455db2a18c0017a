/* ps-ec3-math.h: the steel beam checks of EN 1993-1-1:2005 (+AC:2009) for one
 * configuration and one combination: cross-section class (5.5, Table 5.2), bending
 * (6.2.5), shear (6.2.6) with the shear buckling limit (6.2.6(6)), bending with high
 * shear (6.2.8), lateral-torsional buckling (6.3.2) and the deflection limits.
 *
 * ps_ec3_check() reads a PsSteelSection, a PsSteelMaterial, PsEc3Options and the
 * PsDesignActions of the analysis and writes the utilisations into a PsDesignResult and
 * every intermediate value into a PsEc3Detail, from which ps_ec3_sheet() (ps-ec3.c)
 * prints the calculation sheet. Nothing here allocates or prints; plain C for the CPU
 * and the GPU kernels (see ps-steel-math.h).
 *
 * Partial factors and the other nationally determined parameters take the values the
 * code recommends; a National Annex may set others (PsEc3Options):
 *   gamma_M0 = gamma_M1 = 1.00 (6.1(1) Note 2B),
 *   eta = 1.0 (6.2.6(3) Note: "eta may be conservatively taken equal to 1.0"), used in
 *     A_v >= eta h_w t_w and in the shear buckling limit h_w/t_w <= 72 eps/eta; EN 1993-1-5
 *     5.1(2) Note 2 recommends 1.20 up to S460 and a National Annex may set it,
 *   lambda_LT,0 = 0.4 and beta = 0.75 (6.3.2.3(1) Note, rolled sections).
 * No false passes: a design the code (as implemented here) cannot check is refused
 * (PsDesignResult.refused, PsEc3Detail.refusal) and its utilisations are not trusted.
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"
#include "ps-ltb-energy-math.h"
#include "ps-steel-math.h"

#ifdef __cplusplus
extern "C"
{
#endif

  /* How chi_LT is found (6.3.2.2 general case, 6.3.2.3 rolled sections). */
  typedef enum
  {
    PS_EC3_LTB_AUTO,    /* 6.3.2.3 with f for rolled I sections, 6.3.2.2 for the rest */
    PS_EC3_LTB_GENERAL, /* 6.3.2.2 for every section */
  } PsEc3LtbMethod;

  typedef struct
  {
    double gamma_M0, gamma_M1;
    double eta;        /* 6.2.6(3), (6); EN 1993-1-5 5.1(2) */
    double lambda_LT0; /* 6.3.2.3(1) */
    double beta;       /* 6.3.2.3(1) */
    PsEc3LtbMethod ltb_method;
    int use_f; /* 6.3.2.3(2): modify chi_LT by f (k_c = 1/sqrt(C1)) */
  } PsEc3Options;

  static inline PS_HD void ps_ec3_options_init (PsEc3Options *o)
  {
    o->gamma_M0 = 1.0;
    o->gamma_M1 = 1.0;
    o->eta = 1.0;
    o->lambda_LT0 = 0.4;
    o->beta = 0.75;
    o->ltb_method = PS_EC3_LTB_AUTO;
    o->use_f = 1;
  }

  /* Buckling curves, EN 1993-1-1 Table 6.1 (imperfection factors alpha): Table 6.3
   * gives the same values for lateral-torsional buckling. */
  typedef enum
  {
    PS_EC3_CURVE_A0,
    PS_EC3_CURVE_A,
    PS_EC3_CURVE_B,
    PS_EC3_CURVE_C,
    PS_EC3_CURVE_D,
  } PsEc3Curve;

  static inline PS_HD double ps_ec3_curve_alpha (PsEc3Curve c)
  {
    switch (c)
      {
      case PS_EC3_CURVE_A0:
        return 0.13;
      case PS_EC3_CURVE_A:
        return 0.21;
      case PS_EC3_CURVE_B:
        return 0.34;
      case PS_EC3_CURVE_C:
        return 0.49;
      default:
        return 0.76;
      }
  }

  /* Where C1 (and C2) came from. */
  typedef enum
  {
    PS_EC3_C_NONE,           /* no LTB check */
    PS_EC3_C_LYS,            /* Lopez, Yong & Serna (2006), C2 not needed */
    PS_EC3_C_SN003_UDL,      /* NCCI SN003b Table 3.2: UDL, C1 = 1.127, C2 = 0.454 */
    PS_EC3_C_SN003_POINT,    /* NCCI SN003b Table 3.2: central point load, 1.348, 0.630 */
    PS_EC3_C_LYS_C2_BOUND,   /* C1 Lopez et al., C2 = 0.630 (largest of Table 3.2, k = 1) */
    PS_EC3_C_ENERGY,         /* M_cr by the energy method (ps-ltb-energy-math.h); C1, C2
                                equivalent: C1 at the shear centre, C2 reproduces M_cr */
    PS_EC3_C_ENERGY_DIAGRAM, /* the same for the exact piecewise diagram of the analysis
                                (ps_ltb_energy_mcr_pieces()) */
    PS_EC3_C_BOUND,          /* diagram not known exactly: C1 = 1.0 (uniform moment, the
                                lowest C1 of any diagram), C2 = 0.630 */
  } PsEc3CSource;

  /* What the LTB check did. */
  typedef enum
  {
    PS_EC3_LTB_CHECKED,
    PS_EC3_LTB_RESTRAINED,      /* continuous lateral restraint (design.lateral_restraint) */
    PS_EC3_LTB_NOT_SUSCEPTIBLE, /* CHS: no lateral-torsional buckling */
    PS_EC3_LTB_NOT_REACHED,     /* the check was refused before */
  } PsEc3LtbState;

  /* Every value a checker reads on the EN 1993-1-1 sheet, SI units. */
  typedef struct
  {
    PsSteelRefusal refusal;
    /* material */
    double fy, E, G, t_fy; /* t_fy: the thickness that selected f_y */
    double epsilon;        /* sqrt (235 MPa / f_y), Table 5.2 */
    /* classification, Table 5.2 */
    double c_flange, t_flange, ratio_flange, lim_flange[3];
    int class_flange;
    double c_web, t_web, ratio_web, lim_web[3];
    int class_web;
    int section_class;
    /* bending, 6.2.5 */
    double W_y; /* W_pl,y (class 1, 2) or W_el,y (class 3) */
    double M_Ed, M_c_Rd;
    /* shear, 6.2.6 */
    double h_w, A_v_formula, eta_Av, A_v_min, A_v;
    int A_v_published; /* A_v taken from the section table */
    double eta_buckling, hw_tw, lim_shear_buckling;
    double V_Ed, V_pl_Rd;
    /* bending and shear, 6.2.8 (at the section of largest moment, then of largest shear) */
    int interaction_applies;
    double V_Ed_int, M_Ed_int, rho, A_w, M_V_Rd;
    /* lateral-torsional buckling, 6.3.2 */
    PsEc3LtbState ltb;
    PsEc3CSource c_source;
    double L, k, k_w, psi; /* psi: end-moment ratio of a linear diagram, else NAN */
    int linear_diagram, transverse_load;
    double C1, C2, z_g;
    double M_cr, lambda_LT;
    int ltb_general; /* 6.3.2.2 (1) or 6.3.2.3 (0) */
    PsEc3Curve curve;
    double alpha_LT, lambda_LT0, beta, Phi_LT, chi_LT;
    double k_c, f, chi_LT_mod;
    double M_Ed_ltb, M_b_Rd;
    /* serviceability */
    double w_total, limit_total, w_variable, limit_variable;
  } PsEc3Detail;

  /* Class of one compression part from its c/t and the three limits (Table 5.2). A
   * ratio exactly at a limit belongs to the lower class ("c/t <= 9 eps": class 1). */
  static inline PS_HD int ps_ec3_part_class (double ratio, const double lim[3])
  {
    if (ratio <= lim[0])
      return 1;
    if (ratio <= lim[1])
      return 2;
    if (ratio <= lim[2])
      return 3;
    return 4;
  }

  /* Cross-section class for bending about y, EN 1993-1-1 5.5.2 and Table 5.2.
   *   rolled I: flange outstand in compression c = (b - t_w - 2r)/2, limits 9, 10, 14 eps
   *             (sheet 2); web, internal part in bending, c = h - 2 t_f - 2r, limits 72,
   *             83, 124 eps (sheet 1).
   *   RHS: compression flange, internal part in compression, c = b - 3t (sheet 1 Note:
   *        "c may conservatively be taken as (b - 3t)"), limits 33, 38, 42 eps; webs in
   *        bending, c = h - 3t, limits 72, 83, 124 eps.
   *   CHS: d/t against 50, 70, 90 eps^2 (sheet 3, bending and/or compression).
   * The section takes the class of its least favourable part (5.5.2(6)). */
  static inline PS_HD void ps_ec3_classify (const PsSteelSection *s, double fy, PsEc3Detail *d)
  {
    double e = sqrt (235e6 / fy);

    d->epsilon = e;
    switch (s->shape)
      {
      case PS_STEEL_SHAPE_I_ROLLED:
        d->c_flange = (s->b - s->tw - 2.0 * s->r) / 2.0;
        d->t_flange = s->tf;
        d->lim_flange[0] = 9.0 * e;
        d->lim_flange[1] = 10.0 * e;
        d->lim_flange[2] = 14.0 * e;
        d->c_web = s->h - 2.0 * s->tf - 2.0 * s->r;
        d->t_web = s->tw;
        break;
      case PS_STEEL_SHAPE_RHS:
        d->c_flange = s->b - 3.0 * s->tf;
        d->t_flange = s->tf;
        d->lim_flange[0] = 33.0 * e;
        d->lim_flange[1] = 38.0 * e;
        d->lim_flange[2] = 42.0 * e;
        d->c_web = s->h - 3.0 * s->tw;
        d->t_web = s->tw;
        break;
      default:
        /* CHS: one "part", the wall, d/t against eps^2 limits; reported as the web. */
        d->c_flange = NAN;
        d->t_flange = NAN;
        d->lim_flange[0] = d->lim_flange[1] = d->lim_flange[2] = NAN;
        d->c_web = s->h;
        d->t_web = s->tw;
        break;
      }
    if (s->shape == PS_STEEL_SHAPE_CHS)
      {
        d->lim_web[0] = 50.0 * e * e;
        d->lim_web[1] = 70.0 * e * e;
        d->lim_web[2] = 90.0 * e * e;
        d->ratio_flange = NAN;
        d->class_flange = 0;
      }
    else
      {
        d->lim_web[0] = 72.0 * e;
        d->lim_web[1] = 83.0 * e;
        d->lim_web[2] = 124.0 * e;
        d->ratio_flange = d->c_flange / d->t_flange;
        d->class_flange = ps_ec3_part_class (d->ratio_flange, d->lim_flange);
      }
    d->ratio_web = d->c_web / d->t_web;
    d->class_web = ps_ec3_part_class (d->ratio_web, d->lim_web);
    d->section_class = d->class_web > d->class_flange ? d->class_web : d->class_flange;
  }

  /* C1 for fork-supported segments (k = k_w = 1) from the moment at the ends, quarter
   * points and middle: Lopez, Yong & Serna, "Lateral-torsional buckling of steel beams:
   * a general expression for the moment gradient factor", Lateral and Torsional
   * Buckling of Structural Members (2006); for k1 = k2 = 1 their
   *   C1 = [sqrt (sqrt (k) A1 + ((1 - sqrt (k))/2 A2)^2) + (1 - sqrt (k))/2 A2] / A1
   * reduces to C1 = 1 / sqrt (A1), with
   *   A1 = (M_max^2 + 5 M_2^2 + 10 M_3^2 + 5 M_4^2) / (21 M_max^2)
   * (alpha1 = 1 - k2 = 0, alpha2 = 5 k1^3/k2^2 = 5, alpha3 = 5 (1/k1 + 1/k2) = 10,
   * alpha4 = 5, alpha5 = 1 - k1 = 0), M_max the largest |M| in the segment
   * (ps_steel_segment_max). Valid for any moment diagram the five values describe; for
   * a linear diagram it gives 1.00, 1.30, 1.78, 2.45 at psi = 1, 0.5, 0, -1. */
  static inline PS_HD double ps_ec3_c1_lys (const PsMomentSegment *m)
  {
    double mm = ps_steel_segment_max (m);
    double q1 = m->M_q1 / mm, q2 = m->M_mid / mm, q3 = m->M_q3 / mm;
    double a1 = (1.0 + 5.0 * q1 * q1 + 10.0 * q2 * q2 + 5.0 * q3 * q3) / 21.0;

    return 1.0 / sqrt (a1);
  }

  /* The elastic critical moment, NCCI SN003b (Access Steel, "Elastic critical moment for
   * lateral torsional buckling") equation (1), doubly symmetric sections:
   *   M_cr = C1 pi^2 E I_z / (k L)^2 { sqrt[(k/k_w)^2 I_w/I_z + (k L)^2 G I_t/(pi^2 E I_z)
   *          + (C2 z_g)^2] - C2 z_g }. */
  static inline PS_HD double ps_ec3_mcr (double C1, double C2, double z_g, double k, double k_w,
                                         double L, double E, double G, double Iz, double It,
                                         double Iw)
  {
    double kl = k * L;
    double m0 = PS_STEEL_PI * PS_STEEL_PI * E * Iz / (kl * kl);
    double c2z = C2 * z_g;
    double root = sqrt ((k / k_w) * (k / k_w) * Iw / Iz
                        + kl * kl * G * It / (PS_STEEL_PI * PS_STEEL_PI * E * Iz) + c2z * c2z);

    return C1 * m0 * (root - c2z);
  }

  /* chi_LT by 6.3.2.2 (general case, (6.56)):
   *   Phi = 0.5 [1 + alpha (lambda - 0.2) + lambda^2],
   *   chi = 1 / (Phi + sqrt (Phi^2 - lambda^2)) <= 1. */
  static inline PS_HD double ps_ec3_chi_general (double alpha, double lambda, double *phi)
  {
    double p = 0.5 * (1.0 + alpha * (lambda - 0.2) + lambda * lambda);
    double chi = 1.0 / (p + sqrt (p * p - lambda * lambda));

    *phi = p;
    return chi < 1.0 ? chi : 1.0;
  }

  /* chi_LT by 6.3.2.3 (rolled or equivalent welded sections, (6.57)):
   *   Phi = 0.5 [1 + alpha (lambda - lambda_0) + beta lambda^2],
   *   chi = 1 / (Phi + sqrt (Phi^2 - beta lambda^2)), chi <= 1 and chi <= 1/lambda^2. */
  static inline PS_HD double ps_ec3_chi_rolled (double alpha, double lambda, double lambda0,
                                                double beta, double *phi)
  {
    double p = 0.5 * (1.0 + alpha * (lambda - lambda0) + beta * lambda * lambda);
    double chi = 1.0 / (p + sqrt (p * p - beta * lambda * lambda));
    double cap = 1.0 / (lambda * lambda);

    *phi = p;
    if (chi > 1.0)
      chi = 1.0;
    return chi < cap ? chi : cap;
  }

  /* Refuses: the result carries no trusted utilisation. */
  static inline PS_HD void ps_ec3_refuse (PsDesignResult *r, PsEc3Detail *d, PsSteelRefusal why)
  {
    r->refused = 1;
    d->refusal = why;
  }

  static inline PS_HD int ps_ec3_positive (double x)
  {
    return x > 0.0 && x < INFINITY; /* false for NaN */
  }

  static inline PS_HD int ps_ec3_nonnegative (double x) { return x >= 0.0 && x < INFINITY; }

  /* Relative closeness of a to b, scaled by s (|a - b| <= tol |s|). */
  static inline PS_HD int ps_ec3_near (double a, double b, double s, double tol)
  {
    return fabs (a - b) <= tol * fabs (s);
  }

  /* A destabilising uniform load on a segment with end moments: M_cr by the energy method
   * (ps-ltb-energy-math.h: Trahair 1993 ch. 6; Timoshenko & Gere 6.2-6.5) with fork
   * supports at the restraints (k = k_w = 1, NCCI SN003b) and the load at z_g = h/2
   * (d->z_g). Only where the diagram is known exactly: the analysis found the load
   * inside the segment uniform (a->ltb_uniform_load), and, as a check of the data, M_q1
   * and M_q3 lie on the parabola through M_a, M_mid and M_b,
   *   M(1/4) = 3/8 M_a + 3/4 M_mid - 1/8 M_b, M(3/4) = -1/8 M_a + 3/4 M_mid + 3/8 M_b
   * (Lagrange interpolation), with M_max its largest |M|; then q = -M'' is constant.
   * The ordinates alone do not suffice: two point loads at the third points give five
   * ordinates on a parabola, and taking them for a uniform load overestimates M_cr by
   * 6 to 13 % with end moments (this method with the point loads' own terms). A point
   * load inside the segment puts a kink where the ordinates do not tell: refused
   * (returns 0).
   *
   * The result is written as the three-factor formula's C1 and C2 (NCCI SN003b (1)), so
   * that ps_ec3_mcr() and the sheet reproduce it: C1 = M_cr(z_g = 0) / M_cr,0 (the
   * moment-gradient factor, which k_c = 1/sqrt (C1) of 6.3.2.3(2) also reads), and C2
   * the value for which SN003b (1) gives the energy M_cr: with
   * r = M_cr / (C1 pi^2 E I_z / L^2) and B = I_w/I_z + L^2 G I_t / (pi^2 E I_z),
   * sqrt (B + (C2 z_g)^2) - C2 z_g = r gives C2 = (B - r^2) / (2 r z_g). @sign: +1 when the load
   * inside the segment acts downwards (the diagram bulges above its chord), -1 upwards. */
  static inline PS_HD int ps_ec3_moment_factors_energy (const PsSteelSection *s,
                                                        const PsDesignActions *a, PsEc3Detail *d,
                                                        double sign)
  {
    const PsMomentSegment *m = &a->ltb;
    double mm = ps_steel_segment_max (m), L = m->L, E = d->E, G = d->G;
    double q1 = 0.375 * m->M_a + 0.75 * m->M_mid - 0.125 * m->M_b;
    double q3 = -0.125 * m->M_a + 0.75 * m->M_mid + 0.375 * m->M_b;
    double pmax = ps_ltb_energy_quadratic_max (m->M_a, m->M_mid, m->M_b);
    double mcr_sc, mcr, m0, B, r, c2;
    const double tol = 1e-6;

    if (!a->ltb_uniform_load
        || !(ps_ec3_near (m->M_q1, q1, mm, tol) && ps_ec3_near (m->M_q3, q3, mm, tol)
             && ps_ec3_near (fabs (m->M_max), pmax, mm, tol)))
      return 0;
    /* The solver takes z_g upwards from the shear centre and q = -M'' downwards; d->z_g
     * is the destabilising distance, measured against the load's direction, so the load
     * acts at the height sign * d->z_g. */
    mcr_sc = ps_ltb_energy_mcr (L, E, G, s->Iz, s->It, s->Iw, m->M_a, m->M_mid, m->M_b, 0.0,
                                PS_LTB_ENERGY_N);
    mcr = ps_ltb_energy_mcr (L, E, G, s->Iz, s->It, s->Iw, m->M_a, m->M_mid, m->M_b, sign * d->z_g,
                             PS_LTB_ENERGY_N);
    m0 = PS_STEEL_PI * PS_STEEL_PI * E * s->Iz / (L * L);
    B = s->Iw / s->Iz + L * L * G * s->It / (PS_STEEL_PI * PS_STEEL_PI * E * s->Iz);
    if (!ps_ec3_positive (mcr_sc) || !ps_ec3_positive (mcr) || !ps_ec3_positive (m0)
        || !ps_ec3_positive (B) || !ps_ec3_positive (d->z_g))
      return 0;
    d->C1 = mcr_sc / ps_ec3_mcr (1.0, 0.0, 0.0, 1.0, 1.0, L, E, G, s->Iz, s->It, s->Iw);
    r = mcr / (d->C1 * m0);
    c2 = (B - r * r) / (2.0 * r * d->z_g);
    d->C2 = c2 > 0.0 ? c2 : 0.0; /* a destabilising load never raises M_cr */
    d->c_source = PS_EC3_C_ENERGY;
    return 1;
  }

  /* C1 and C2 from the energy M_cr of the exact diagram of the analysis
   * (a->ltb.diagram, complete; ps-ltb-energy-math.h: Trahair 1993 ch. 6; Timoshenko &
   * Gere 6.2-6.5), fork supports (k = k_w = 1), written as the three-factor formula's
   * C1 and C2 as ps_ec3_moment_factors_energy() does: C1 = M_cr(z_g = 0) / M_cr,0, and
   * the C2 for which NCCI SN003b (1) gives the energy M_cr with the loads at their
   * level. Five ordinates do not determine a diagram with kinks between them (two point
   * loads at the third points have the ordinates of a uniform load, and Lopez et al. then
   * overstate C1, 1.124 for 1.094): the pieces do. The loads act at @z_load (m above the
   * shear centre: +h/2 on the top flange, -h/2 on the bottom one); the pieces carry each
   * load's direction, so loads of both directions are each counted as they act. Where
   * the level lowers M_cr, d->z_g = |z_load| and C2 reproduces it; where it would raise
   * it, the benefit is ignored (z_g = 0, C2 = 0), as for the tabulated cases. Returns 0
   * when the energy M_cr is not usable. */
  static inline PS_HD int ps_ec3_moment_factors_diagram (const PsSteelSection *s,
                                                         const PsDesignActions *a, PsEc3Detail *d,
                                                         double z_load, PsLtbEnergyMemo *memo)
  {
    double L = a->ltb.L, E = d->E, G = d->G, mcr_sc, mcr, m0, B, r, c2;

    ps_ltb_energy_pair (memo, L, E, G, s->Iz, s->It, s->Iw, &a->ltb.diagram, z_load, &mcr_sc, &mcr);
    m0 = PS_STEEL_PI * PS_STEEL_PI * E * s->Iz / (L * L);
    B = s->Iw / s->Iz + L * L * G * s->It / (PS_STEEL_PI * PS_STEEL_PI * E * s->Iz);
    if (!ps_ec3_positive (mcr_sc) || !ps_ec3_positive (mcr) || !ps_ec3_positive (m0)
        || !ps_ec3_positive (B))
      return 0;
    d->C1 = mcr_sc / ps_ec3_mcr (1.0, 0.0, 0.0, 1.0, 1.0, L, E, G, s->Iz, s->It, s->Iw);
    d->C2 = 0.0;
    d->z_g = 0.0;
    if (mcr < mcr_sc)
      {
        d->z_g = fabs (z_load);
        r = mcr / (d->C1 * m0);
        c2 = (B - r * r) / (2.0 * r * d->z_g);
        d->C2 = c2 > 0.0 ? c2 : 0.0;
      }
    d->c_source = PS_EC3_C_ENERGY_DIAGRAM;
    return 1;
  }

  /* Whether the five ordinates agree with the parabola through M_a, M_mid and M_b, with
   * M_max its largest |M| (the uniform-load data check of
   * ps_ec3_moment_factors_energy()). */
  static inline PS_HD int ps_ec3_on_parabola (const PsMomentSegment *m, double tol)
  {
    double mm = ps_steel_segment_max (m);
    double q1 = 0.375 * m->M_a + 0.75 * m->M_mid - 0.125 * m->M_b;
    double q3 = -0.125 * m->M_a + 0.75 * m->M_mid + 0.375 * m->M_b;
    double pmax = ps_ltb_energy_quadratic_max (m->M_a, m->M_mid, m->M_b);

    return ps_ec3_near (m->M_q1, q1, mm, tol) && ps_ec3_near (m->M_q3, q3, mm, tol)
           && ps_ec3_near (fabs (m->M_max), pmax, mm, tol);
  }

  /* C1, C2 and z_g of the segment: see ps_ec3_check(). Returns 0 when C2 is needed
   * and not available (refusal). @memo (may be NULL): ps_ltb_energy_pair(). */
  static inline PS_HD int ps_ec3_moment_factors (const PsSteelSection *s, const PsDesignActions *a,
                                                 PsEc3Detail *d, PsLtbEnergyMemo *memo)
  {
    const PsMomentSegment *m = &a->ltb;
    double mm = ps_steel_segment_max (m), lin_q1, lin_mid, lin_q3;
    double sign, zg = 0.0;
    const double tol = 1e-6, tol_shape = 1e-3;

    lin_q1 = 0.75 * m->M_a + 0.25 * m->M_b;
    lin_mid = 0.5 * m->M_a + 0.5 * m->M_b;
    lin_q3 = 0.25 * m->M_a + 0.75 * m->M_b;
    d->linear_diagram = ps_ec3_near (m->M_q1, lin_q1, mm, tol)
                        && ps_ec3_near (m->M_mid, lin_mid, mm, tol)
                        && ps_ec3_near (m->M_q3, lin_q3, mm, tol);
    d->transverse_load = !d->linear_diagram;
    d->psi = NAN;
    if (d->linear_diagram)
      {
        double big = fabs (m->M_a) >= fabs (m->M_b) ? m->M_a : m->M_b;
        double small = fabs (m->M_a) >= fabs (m->M_b) ? m->M_b : m->M_a;

        d->psi = small / big;
      }

    /* The loads inside the segment act downwards when the diagram bulges above its chord
     * (sagging positive: M'' = -q). A downward load on the top flange, or an upward one
     * on the bottom flange, acts towards the shear centre from outside it: destabilising,
     * z_g = +h/2. A load on the other flange is stabilising; its benefit is conservatively
     * ignored (z_g = 0). */
    sign = m->M_mid >= lin_mid ? 1.0 : -1.0;
    if (a->load_level == PS_LOAD_LEVEL_TOP_FLANGE)
      zg = sign * s->h / 2.0;
    else if (a->load_level == PS_LOAD_LEVEL_BOTTOM_FLANGE)
      zg = -sign * s->h / 2.0;
    if (zg < 0.0 || d->linear_diagram)
      zg = 0.0; /* stabilising, or no load inside the segment: C2 plays no part */
    d->z_g = zg;

    d->C1 = ps_ec3_c1_lys (m);
    d->C2 = 0.0;
    d->c_source = PS_EC3_C_LYS;
    /* Five ordinates determine a linear diagram (Lopez et al. as it is) and, with the
     * analysis's word that the load is uniform, a parabola (below, as before). Any
     * other diagram: the energy M_cr of its exact pieces when the analysis gave them
     * whole; else C1 = 1.0, the uniform-moment value and the lowest C1 of any diagram
     * with the same largest |M| at the shear centre (Trahair 1993 ch. 6: a uniform
     * moment is the most severe distribution), with C2 = 0.630 for a destabilising load
     * as below. */
    if (!d->linear_diagram && !(a->ltb_uniform_load && ps_ec3_on_parabola (m, tol)))
      {
        int no_end = ps_ec3_near (m->M_a, 0.0, mm, tol) && ps_ec3_near (m->M_b, 0.0, mm, tol);
        int one_sign = m->M_q1 * sign >= 0.0 && m->M_mid * sign >= 0.0 && m->M_q3 * sign >= 0.0;

        if (m->diagram.complete && m->diagram.n >= 1)
          {
            double z_load = a->load_level == PS_LOAD_LEVEL_TOP_FLANGE      ? s->h / 2.0
                            : a->load_level == PS_LOAD_LEVEL_BOTTOM_FLANGE ? -s->h / 2.0
                                                                           : 0.0;

            return ps_ec3_moment_factors_diagram (s, a, d, z_load, memo);
          }
        d->C1 = 1.0;
        d->C2 = zg > 0.0 ? 0.630 : 0.0;
        d->c_source = PS_EC3_C_BOUND;
        /* With end moments 0.630 is no bound (see below): refused. */
        return !(zg > 0.0) || (no_end && one_sign);
      }
    if (zg > 0.0)
      {
        /* Reached by a uniform load only (the parabola the analysis vouches for): the
         * other diagrams took the exact-diagram or the bound path above, and the point
         * load cases below are kept for a parabola whose ordinates disagree with the
         * flag within tol_shape only.
         * Destabilising load inside the segment: C2 from NCCI SN003b Table 3.2 (k = 1),
         * which covers segments with no end moments. A UDL (quarter-point moments
         * 3/4 of the middle one) or a central point load (1/2) takes the tabulated pair;
         * any other diagram of one sign with no end moments takes C1 by Lopez et al. and
         * the larger tabulated C2, 0.630: of loads between the ends, the central point
         * load has the largest C2 (its load acts where the buckled shape has its largest
         * twist), and a larger C2 gives a lower M_cr. With end moments SN003b
         * gives C2 only as graphs (tabulated in Y. Galéa, Revue Construction Métallique
         * STA-CAL 1-02 (2002), and ECCS publication 119, Annex B), and 0.630 is no bound
         * there: relative to a maximum moment at an end, the destabilising load's effect
         * is not covered by the no-end-moment cases. That segment takes M_cr by the
         * energy method where the diagram is known exactly
         * (ps_ec3_moment_factors_energy()), and is refused otherwise. */
        int no_end = ps_ec3_near (m->M_a, 0.0, mm, tol) && ps_ec3_near (m->M_b, 0.0, mm, tol);
        int one_sign = m->M_q1 * sign >= 0.0 && m->M_mid * sign >= 0.0 && m->M_q3 * sign >= 0.0;
        int symmetric = ps_ec3_near (m->M_q1, m->M_q3, mm, tol_shape)
                        && ps_ec3_near (fabs (m->M_mid), mm, mm, tol_shape);

        if (!no_end)
          return ps_ec3_moment_factors_energy (s, a, d, sign);
        if (!one_sign)
          return 0;
        /* The five sampled moments of two equal point loads at the third points are
         * those of a uniform load too; the pair of the uniform load is taken only when
         * the analysis saw one (a->ltb_uniform_load), else the bound below. */
        if (symmetric && a->ltb_uniform_load
            && ps_ec3_near (m->M_q1, 0.75 * m->M_mid, mm, tol_shape))
          {
            d->C1 = 1.127;
            d->C2 = 0.454;
            d->c_source = PS_EC3_C_SN003_UDL;
          }
        else if (symmetric && ps_ec3_near (m->M_q1, 0.5 * m->M_mid, mm, tol_shape))
          {
            d->C1 = 1.348;
            d->C2 = 0.630;
            d->c_source = PS_EC3_C_SN003_POINT;
          }
        else
          {
            d->C2 = 0.630;
            d->c_source = PS_EC3_C_LYS_C2_BOUND;
          }
      }
    return 1;
  }

  /* The checks of EN 1993-1-1 for a steel beam bent about its strong axis. */
  static inline PS_HD void ps_ec3_check_memo (const PsSteelSection *s, const PsSteelMaterial *mat,
                                              const PsEc3Options *o, const PsDesignActions *a,
                                              PsLtbEnergyMemo *memo, PsDesignResult *r,
                                              PsEc3Detail *d)
  {
    double fy = mat->fy, g0 = o->gamma_M0, g1 = o->gamma_M1;
    double m_ed;

    ps_design_result_init (r);
    d->refusal = PS_STEEL_OK;
    d->fy = fy;
    d->E = mat->E;
    d->G = mat->G;
    d->t_fy = ps_steel_section_thickness (s);
    d->ltb = PS_EC3_LTB_NOT_REACHED;
    d->c_source = PS_EC3_C_NONE;
    d->interaction_applies = 0;
    d->section_class = 0;
    d->w_total = a->w_total;
    d->limit_total = a->limit_total;
    d->w_variable = a->w_variable;
    d->limit_variable = a->limit_variable;

    if (isnan (fy) && ps_ec3_positive (d->t_fy))
      {
        ps_ec3_refuse (r, d, PS_STEEL_REFUSED_THICKNESS);
        return;
      }
    if (!ps_ec3_positive (fy) || !ps_ec3_positive (mat->E) || !ps_ec3_positive (mat->G)
        || !ps_ec3_positive (s->h) || !ps_ec3_positive (s->b) || !ps_ec3_positive (s->tw)
        || !ps_ec3_positive (s->tf) || !ps_ec3_nonnegative (s->r) || !ps_ec3_positive (s->A)
        || !ps_ec3_positive (s->Wel_y) || !ps_ec3_positive (s->Wpl_y) || !ps_ec3_positive (g0)
        || !ps_ec3_positive (g1) || !ps_ec3_positive (o->eta) || !ps_ec3_nonnegative (a->M_Ed_sag)
        || !ps_ec3_nonnegative (a->M_Ed_hog) || !ps_ec3_nonnegative (fabs (a->V_Ed))
        || !ps_ec3_nonnegative (fabs (a->V_Ed_at_M)) || !ps_ec3_nonnegative (fabs (a->M_Ed_at_V)))
      {
        ps_ec3_refuse (r, d, PS_STEEL_REFUSED_BAD_INPUT);
        return;
      }

    /* 5.5: class. */
    ps_ec3_classify (s, fy, d);
    r->section_class = d->section_class;
    if (!(d->section_class >= 1 && d->section_class <= 3))
      {
        ps_ec3_refuse (r, d, PS_STEEL_REFUSED_CLASS4);
        return;
      }

    /* 6.2.5: M_c,Rd = W_pl,y f_y / gamma_M0 (class 1, 2), W_el,y f_y / gamma_M0 (3). A
     * doubly symmetric section resists sagging and hogging alike. */
    d->W_y = d->section_class <= 2 ? s->Wpl_y : s->Wel_y;
    d->M_c_Rd = d->W_y * fy / g0;
    m_ed = a->M_Ed_sag > a->M_Ed_hog ? a->M_Ed_sag : a->M_Ed_hog;
    d->M_Ed = m_ed;
    r->M_Rd = d->M_c_Rd;
    r->u[PS_CHECK_BENDING] = m_ed / d->M_c_Rd;

    /* 6.2.6: V_pl,Rd = A_v (f_y / sqrt 3) / gamma_M0, A_v per 6.2.6(3):
     *   (a) rolled I, load parallel to the web: A - 2 b t_f + (t_w + 2r) t_f >= eta h_w t_w
     *   (f) RHS of uniform thickness, load parallel to the depth: A h / (b + h)
     *   (g) CHS: 2 A / pi.
     * Shear buckling (6.2.6(6)): webs with h_w/t_w > 72 eps/eta need EN 1993-1-5. */
    d->eta_Av = o->eta;
    d->eta_buckling = o->eta;
    d->A_v_published = 0;
    d->A_v_min = NAN;
    switch (s->shape)
      {
      case PS_STEEL_SHAPE_I_ROLLED:
        d->h_w = s->h - 2.0 * s->tf;
        d->A_v_formula = s->A - 2.0 * s->b * s->tf + (s->tw + 2.0 * s->r) * s->tf;
        d->A_v_min = o->eta * d->h_w * s->tw;
        if (ps_ec3_positive (s->Av_z))
          {
            d->A_v_formula = s->Av_z;
            d->A_v_published = 1;
          }
        d->A_v = d->A_v_formula > d->A_v_min ? d->A_v_formula : d->A_v_min;
        break;
      case PS_STEEL_SHAPE_RHS:
        d->h_w = s->h - 2.0 * s->tf;
        d->A_v_formula = s->A * s->h / (s->b + s->h);
        d->A_v = d->A_v_formula;
        break;
      default:
        d->h_w = NAN;
        d->A_v_formula = 2.0 * s->A / PS_STEEL_PI;
        d->A_v = d->A_v_formula;
        break;
      }
    d->hw_tw = d->h_w / s->tw;
    d->lim_shear_buckling = 72.0 * d->epsilon / o->eta;
    d->V_pl_Rd = d->A_v * fy / (sqrt (3.0) * g0);
    d->V_Ed = fabs (a->V_Ed);
    r->V_Rd = d->V_pl_Rd;
    if (s->shape != PS_STEEL_SHAPE_CHS && !(d->hw_tw <= d->lim_shear_buckling))
      {
        ps_ec3_refuse (r, d, PS_STEEL_REFUSED_SHEAR_BUCKLING);
        return;
      }
    r->u[PS_CHECK_SHEAR] = d->V_Ed / d->V_pl_Rd;

    /* 6.2.8: where V_Ed > 0.5 V_pl,Rd the moment resistance is reduced, with
     * rho = (2 V_Ed / V_pl,Rd - 1)^2 (6.29). I sections, class 1 and 2:
     * M_y,V,Rd = (W_pl,y - rho A_w^2 / (4 t_w)) f_y / gamma_M0 <= M_y,c,Rd (6.30),
     * A_w = h_w t_w. Elsewhere the reduced yield strength (1 - rho) f_y (6.2.8(3)) is
     * applied to the whole section, M_V,Rd = (1 - rho) M_c,Rd: on the safe side. Checked
     * at the section of the largest moment and at that of the largest shear. */
    {
      double vs[2] = { fabs (a->V_Ed_at_M), fabs (a->V_Ed) };
      double ms[2] = { m_ed, fabs (a->M_Ed_at_V) };
      double u_int = NAN;

      d->A_w = d->h_w * s->tw;
      for (int i = 0; i < 2; i++)
        if (vs[i] > 0.5 * d->V_pl_Rd)
          {
            double rho = (2.0 * vs[i] / d->V_pl_Rd - 1.0) * (2.0 * vs[i] / d->V_pl_Rd - 1.0);
            double mv;
            double u;

            if (rho > 1.0)
              rho = 1.0; /* V_Ed > V_pl,Rd: the shear check already fails */
            if (s->shape == PS_STEEL_SHAPE_I_ROLLED && d->section_class <= 2)
              {
                mv = (s->Wpl_y - rho * d->A_w * d->A_w / (4.0 * s->tw)) * fy / g0;
                if (mv > d->M_c_Rd)
                  mv = d->M_c_Rd;
              }
            else
              mv = (1.0 - rho) * d->M_c_Rd;
            u = mv > 0.0 ? ms[i] / mv : INFINITY;
            if (!d->interaction_applies || u > u_int)
              {
                u_int = u;
                d->rho = rho;
                d->M_V_Rd = mv;
                d->V_Ed_int = vs[i];
                d->M_Ed_int = ms[i];
              }
            d->interaction_applies = 1;
          }
      if (!d->interaction_applies)
        {
          d->rho = 0.0;
          d->M_V_Rd = NAN;
          d->V_Ed_int = NAN;
          d->M_Ed_int = NAN;
        }
      r->u[PS_CHECK_INTERACTION] = u_int;
    }

    /* 6.3.2: lateral-torsional buckling of the governing segment between restraints. */
    d->L = a->ltb.L;
    d->k = 1.0;
    d->k_w = 1.0;
    d->C1 = d->C2 = d->z_g = NAN;
    d->M_cr = d->lambda_LT = d->chi_LT = d->chi_LT_mod = d->M_b_Rd = NAN;
    d->Phi_LT = d->alpha_LT = d->k_c = d->f = NAN;
    d->psi = NAN;
    d->M_Ed_ltb = ps_steel_segment_max (&a->ltb);
    d->lambda_LT0 = o->lambda_LT0;
    d->beta = o->beta;
    d->ltb_general = 1;
    d->curve = PS_EC3_CURVE_D;
    if (a->ltb_restrained)
      d->ltb = PS_EC3_LTB_RESTRAINED;
    else if (s->shape == PS_STEEL_SHAPE_CHS)
      d->ltb = PS_EC3_LTB_NOT_SUSCEPTIBLE;
    else
      {
        double hb = s->h / s->b;

        if (!ps_ec3_positive (d->L))
          {
            ps_ec3_refuse (r, d, PS_STEEL_REFUSED_LTB_SEGMENT);
            return;
          }
        if (!ps_ec3_positive (s->Iz) || !ps_ec3_positive (s->It) || !ps_ec3_nonnegative (s->Iw)
            || !ps_ec3_nonnegative (d->M_Ed_ltb))
          {
            ps_ec3_refuse (r, d, PS_STEEL_REFUSED_LTB_DATA);
            return;
          }
        if (d->M_Ed_ltb > 0.0)
          {
            if (!ps_ec3_moment_factors (s, a, d, memo))
              {
                ps_ec3_refuse (r, d, PS_STEEL_REFUSED_LTB_C2);
                return;
              }
          }
        else
          {
            /* No moment in the segment: nothing can buckle; M_cr for uniform moment. */
            d->C1 = 1.0;
            d->C2 = 0.0;
            d->z_g = 0.0;
            d->c_source = PS_EC3_C_LYS;
            d->linear_diagram = 1;
            d->transverse_load = 0;
          }
        d->ltb = PS_EC3_LTB_CHECKED;
        d->M_cr = ps_ec3_mcr (d->C1, d->C2, d->z_g, d->k, d->k_w, d->L, mat->E, mat->G, s->Iz,
                              s->It, s->Iw);
        d->lambda_LT = sqrt (d->W_y * fy / d->M_cr);

        /* 6.3.2.3 for rolled I sections (Table 6.5: h/b <= 2 curve b, > 2 curve c, with
         * lambda_LT,0 and beta), 6.3.2.2 otherwise (Table 6.4: rolled I h/b <= 2 curve a,
         * > 2 curve b; other cross-sections curve d). */
        if (s->shape == PS_STEEL_SHAPE_I_ROLLED && o->ltb_method == PS_EC3_LTB_AUTO)
          {
            d->ltb_general = 0;
            d->curve = hb <= 2.0 ? PS_EC3_CURVE_B : PS_EC3_CURVE_C;
            d->alpha_LT = ps_ec3_curve_alpha (d->curve);
            d->chi_LT
                = ps_ec3_chi_rolled (d->alpha_LT, d->lambda_LT, o->lambda_LT0, o->beta, &d->Phi_LT);
            /* 6.3.2.3(2): chi_LT,mod = chi_LT / f <= 1,
             * f = 1 - 0.5 (1 - k_c) [1 - 2 (lambda_LT - 0.8)^2] <= 1 (6.58), with the
             * correction factor k_c = 1/sqrt (C1) (as the UK National Annex, NA.2.18,
             * prescribes) in place of Table 6.6, which lists a few diagrams only: it
             * gives Table 6.6's 0.94 for a UDL, 0.86 for a central point load and 0.75
             * for psi = 0, and a larger k_c (a larger f, a smaller chi_LT,mod: on the
             * safe side) for linear diagrams with psi < 0 or psi > 0. */
            if (o->use_f)
              {
                double t = d->lambda_LT - 0.8;

                d->k_c = 1.0 / sqrt (d->C1);
                d->f = 1.0 - 0.5 * (1.0 - d->k_c) * (1.0 - 2.0 * t * t);
                if (d->f > 1.0)
                  d->f = 1.0;
                d->chi_LT_mod = d->chi_LT / d->f;
                if (d->chi_LT_mod > 1.0)
                  d->chi_LT_mod = 1.0;
              }
            else
              {
                d->k_c = NAN;
                d->f = 1.0;
                d->chi_LT_mod = d->chi_LT;
              }
          }
        else
          {
            d->ltb_general = 1;
            if (s->shape == PS_STEEL_SHAPE_I_ROLLED)
              d->curve = hb <= 2.0 ? PS_EC3_CURVE_A : PS_EC3_CURVE_B;
            else
              d->curve = PS_EC3_CURVE_D;
            d->alpha_LT = ps_ec3_curve_alpha (d->curve);
            d->chi_LT = ps_ec3_chi_general (d->alpha_LT, d->lambda_LT, &d->Phi_LT);
            d->k_c = NAN;
            d->f = 1.0;
            d->chi_LT_mod = d->chi_LT;
          }
        /* 6.3.2.1 (6.55): M_b,Rd = chi_LT W_y f_y / gamma_M1. */
        d->M_b_Rd = d->chi_LT_mod * d->W_y * fy / g1;
        r->M_cr = d->M_cr;
        r->lambda_LT = d->lambda_LT;
        r->chi_LT = d->chi_LT_mod;
        r->Mb_Rd = d->M_b_Rd;
        r->u[PS_CHECK_LTB] = d->M_Ed_ltb / d->M_b_Rd;
      }

    /* Serviceability: deflections against the limits (EN 1990 A1.4, limits from the
     * study; NAN limit: no check). */
    if (ps_ec3_positive (a->limit_total))
      r->u[PS_CHECK_DEFLECTION] = fabs (a->w_total) / a->limit_total;
    if (ps_ec3_positive (a->limit_variable))
      r->u[PS_CHECK_DEFLECTION_VARIABLE] = fabs (a->w_variable) / a->limit_variable;

    /* No NaN passes: a check that applies but came out NaN refuses the design. */
    if (isnan (r->u[PS_CHECK_BENDING]) || isnan (r->u[PS_CHECK_SHEAR])
        || (d->ltb == PS_EC3_LTB_CHECKED && isnan (r->u[PS_CHECK_LTB]))
        || (ps_ec3_positive (a->limit_total) && isnan (r->u[PS_CHECK_DEFLECTION]))
        || (ps_ec3_positive (a->limit_variable) && isnan (r->u[PS_CHECK_DEFLECTION_VARIABLE])))
      ps_ec3_refuse (r, d, PS_STEEL_REFUSED_BAD_INPUT);
  }

  /* ps_ec3_check_memo() with no memo: every energy M_cr computed. */
  static inline PS_HD void ps_ec3_check (const PsSteelSection *s, const PsSteelMaterial *mat,
                                         const PsEc3Options *o, const PsDesignActions *a,
                                         PsDesignResult *r, PsEc3Detail *d)
  {
    ps_ec3_check_memo (s, mat, o, a, NULL, r, d);
  }

#ifdef __cplusplus
}
#endif
