/* ps-ec9-math.h: aluminium beams to EN 1999-1-1:2007 (Eurocode 9), members without
 * welds (no heat-affected zones) and without holes, bent about the major axis.
 *
 * Sections: doubly symmetric I-sections (extruded, root fillets r), solid rectangles,
 * circular hollow sections. Checks:
 *   classification  6.1.4.3 (6.1)-(6.4) slenderness beta, 6.1.4.4 Table 6.2 limits by
 *                   buckling class A/B, epsilon = sqrt(250 / f_o)
 *   u_bending       M_Ed / M_o,Rd, M_o,Rd = alpha W_el f_o / gamma_M1 (6.2.5.1 (6.25),
 *                   alpha of Table 6.4); class 4 is refused (W_eff not implemented).
 *                   M_u,Rd (6.24) concerns net sections at holes: none here.
 *   u_shear         V_Ed / V_Rd, V_Rd = A_v f_o / (sqrt(3) gamma_M1) (6.2.6 (6.29)), webs
 *                   with h_w / t_w <= 39 epsilon; slender webs (6.7.4) are refused
 *   u_ltb           6.3.2 (6.55)-(6.58) where the segment is not restrained, with M_cr of
 *                   EN 1999-1-1 Annex I (I.2) / NCCI SN003a for fork supports (k = k_w = 1)
 *                   and the C1, C2 of the recognised moment diagrams
 *   u_deflection(_variable)  ps-sls-math.h
 * Partial factors are options with the recommended values of 6.1.3 (gamma_M1 = 1.10,
 * gamma_M2 = 1.25); a national annex may differ.
 *
 * Plain C, no GLib, no allocation (PS_HD: also compiled by nvcc). SI units.
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"
#include "ps-moment-shape-math.h"
#include "ps-ltb-energy-math.h"
#include "ps-sls-math.h"

#ifdef __cplusplus
extern "C"
{
#endif

  typedef enum
  {
    PS_EC9_I_SECTION,
    PS_EC9_RECTANGULAR,
    PS_EC9_CHS,
  } PsEc9Shape;

  typedef struct
  {
    PsEc9Shape shape;
    double h, b, tw, tf, r; /* I-section; rectangular uses b, h; m */
    double D, t;            /* circular hollow section, m */
    /* Section properties where published (the section table); NAN: computed from the
     * plates with the fillets ignored, which gives smaller, conservative values. */
    double W_el, W_pl, I_z, I_t, I_w;
  } PsEc9Section;

  typedef enum
  {
    PS_EC9_BUCKLING_A,
    PS_EC9_BUCKLING_B,
  } PsEc9BucklingClass;

  typedef struct
  {
    double f_o, f_u; /* Pa, Table 3.2 */
    PsEc9BucklingClass buckling_class;
    double E, G; /* Pa, 3.2.5: 70 GPa, 27 GPa */
  } PsEc9Alloy;

  typedef struct
  {
    double gamma_M1, gamma_M2; /* 6.1.3: 1.10, 1.25 */
    int welded;                /* heat-affected zones: not covered, refused */
    int cantilever;            /* the LTB segment is a cantilever: refused */
  } PsEc9Options;

  typedef enum
  {
    PS_EC9_OK,
    PS_EC9_REFUSE_SECTION,        /* a dimension not positive, or inconsistent */
    PS_EC9_REFUSE_MATERIAL,       /* f_o, E or G missing */
    PS_EC9_REFUSE_WELDED,         /* heat-affected zones are not covered */
    PS_EC9_REFUSE_CLASS_4,        /* slender section: W_eff (6.2.5.2) not implemented */
    PS_EC9_REFUSE_SLENDER_WEB,    /* h_w / t_w > 39 epsilon: shear buckling (6.7.4) */
    PS_EC9_REFUSE_LTB_CANTILEVER, /* M_cr of a cantilever not implemented */
    PS_EC9_REFUSE_LTB_DIAGRAM,    /* destabilising load on a diagram without C1, C2 here */
    PS_EC9_REFUSE_FACTORS,
    PS_EC9_REFUSE_NAN,
  } PsEc9Refusal;

  typedef struct
  {
    PsEc9Refusal refusal;
    /* classification (6.1.4) */
    double epsilon;
    double beta_1_out, beta_2_out, beta_3_out; /* Table 6.2 limits times epsilon */
    double beta_1_int, beta_2_int, beta_3_int;
    double c_f, beta_f; /* flange outstand flat width and beta = c/t_f */
    double c_w, beta_w; /* web flat width and beta = 0.40 c/t_w (6.2) */
    double beta_tube;   /* 3 sqrt(D/t) (6.4) */
    int class_f, class_w, section_class;
    /* bending (6.2.5.1) */
    double W_el, W_pl, alpha, M_Ed, M_Rd;
    /* shear (6.2.6) */
    double V_Ed, h_w, hw_tw, hw_tw_max, A_v, V_Rd;
    /* lateral torsional buckling (6.3.2) */
    int ltb_checked;
    PsMomentShape shape;
    double psi, C1, C2, z_g, L, I_z, I_t, I_w, M_cr;
    int c_energy; /* C1, C2 from the energy M_cr of the exact diagram (ps_ec9_C1_C2_energy) */
    double alpha_LT, lambda_0, lambda_LT, phi_LT, chi_LT, M_Ed_ltb, Mb_Rd;
  } PsEc9Details;

  static inline PS_HD void ps_ec9_options_init (PsEc9Options *o)
  {
    o->gamma_M1 = 1.10;
    o->gamma_M2 = 1.25;
    o->welded = 0;
    o->cantilever = 0;
  }

  /* Table 6.2: beta_1/eps, beta_2/eps, beta_3/eps of parts without welds. */
  static inline PS_HD void ps_ec9_beta_limits (PsEc9BucklingClass bc, int internal,
                                               double limits[3])
  {
    if (bc == PS_EC9_BUCKLING_A)
      {
        limits[0] = internal ? 11.0 : 3.0;
        limits[1] = internal ? 16.0 : 4.5;
        limits[2] = internal ? 22.0 : 6.0;
      }
    else
      {
        limits[0] = internal ? 13.0 : 2.5;
        limits[1] = internal ? 16.5 : 4.0;
        limits[2] = internal ? 18.0 : 5.0;
      }
  }

  /* 6.1.4.4(1): class 1 for beta <= beta_1, 2 for <= beta_2, 3 for <= beta_3, else 4. */
  static inline PS_HD int ps_ec9_part_class (double beta, double b1, double b2, double b3)
  {
    if (beta <= b1)
      return 1;
    if (beta <= b2)
      return 2;
    if (beta <= b3)
      return 3;
    return 4;
  }

  /* C1 and C2 of a diagram the table lacks, from the energy M_cr of its exact pieces
   * (ps_ltb_energy_mcr_pieces(): Trahair 1993 ch. 6; Timoshenko & Gere 6.2-6.5), fork
   * supports, as EN 1993-1-1 takes them (ps_ec3_moment_factors_diagram()): C1 =
   * M_cr(z_g = 0) / M_cr,0 and, with the load at z_g (m above the shear centre, the
   * load's direction is in the diagram), the C2 for which (I.2) gives the energy M_cr:
   * C2 = (B - r^2) / (2 r z_g), r = M_cr / (C1 pi^2 E I_z / L^2), B = I_w/I_z + L^2 G I_t /
   * (pi^2 E I_z). Returns 0 when the diagram is not complete or M_cr not usable. */
  static inline PS_HD int ps_ec9_C1_C2_energy (const PsMomentPieces *dg, double L, double E,
                                               double G, double Iz, double It, double Iw,
                                               double z_g, double *C1, double *C2)
  {
    double pi2 = 3.14159265358979323846 * 3.14159265358979323846;
    double mcr_sc, mcr, m0, B, r;

    if (!dg->complete || dg->n < 1)
      return 0;
    ps_ltb_energy_pair (NULL, L, E, G, Iz, It, Iw, dg, z_g, &mcr_sc, &mcr);
    m0 = pi2 * E * Iz / (L * L);
    B = Iw / Iz + L * L * G * It / (pi2 * E * Iz);
    if (!(mcr_sc > 0.0 && mcr_sc < INFINITY && mcr > 0.0 && mcr < INFINITY && m0 > 0.0 && B > 0.0))
      return 0;
    *C1 = mcr_sc / (m0 * sqrt (B));
    *C2 = 0.0;
    if (z_g != 0.0)
      {
        r = mcr / (*C1 * m0);
        *C2 = (B - r * r) / (2.0 * r * z_g);
      }
    return 1;
  }

  /* C1 and C2 for fork supports (k = k_w = 1), ENV 1993-1-1:1992 Annex F Table F.1.2 and
   * NCCI SN003a Table 3.2: uniform moment 1.0; uniform load 1.127, 0.454; central point
   * load 1.348, 0.630. A linear diagram (no load in the segment) takes C1 = 1.0, the
   * uniform-moment value and the smallest C1 of all linear diagrams, and has no load
   * whose level matters. Any other diagram takes C1 = 1.0 and C2 = 0 when the load acts
   * at or below the shear centre, and is refused (return 0) when it acts above it. */
  static inline PS_HD int ps_ec9_C1_C2 (PsMomentShape shape, double z_g, double *C1, double *C2)
  {
    switch (shape)
      {
      case PS_MOMENT_SHAPE_UNIFORM:
      case PS_MOMENT_SHAPE_LINEAR:
        *C1 = 1.0;
        *C2 = 0.0;
        return 1;
      case PS_MOMENT_SHAPE_PARABOLIC:
        *C1 = 1.127;
        *C2 = 0.454;
        return 1;
      case PS_MOMENT_SHAPE_TRIANGULAR:
        *C1 = 1.348;
        *C2 = 0.630;
        return 1;
      default:
        *C1 = 1.0;
        *C2 = 0.0;
        return z_g <= 0.0;
      }
  }

  /* Elastic critical moment, EN 1999-1-1 Annex I (I.2) with k = k_w = 1 and z_j = 0
   * (doubly symmetric): M_cr = C1 pi^2 E I_z / L^2 [sqrt(I_w/I_z + L^2 G I_t/(pi^2 E I_z)
   * + (C2 z_g)^2) - C2 z_g], z_g > 0 for a load above the shear centre. */
  static inline PS_HD double ps_ec9_M_cr (double C1, double C2, double z_g, double L, double E,
                                          double G, double I_z, double I_t, double I_w)
  {
    const double pi2 = 9.869604401089358; /* pi^2 */
    double Pz = pi2 * E * I_z / (L * L);
    double c2z = C2 * z_g;

    return C1 * Pz * (sqrt (I_w / I_z + L * L * G * I_t / (pi2 * E * I_z) + c2z * c2z) - c2z);
  }

  static inline PS_HD void ps_ec9_refuse (PsDesignResult *r, PsEc9Details *d, PsEc9Refusal why)
  {
    r->refused = 1;
    if (d->refusal == PS_EC9_OK)
      d->refusal = why;
  }

  static inline PS_HD void ps_ec9_details_init (PsEc9Details *d)
  {
    d->refusal = PS_EC9_OK;
    d->epsilon = NAN;
    d->beta_1_out = d->beta_2_out = d->beta_3_out = NAN;
    d->beta_1_int = d->beta_2_int = d->beta_3_int = NAN;
    d->c_f = d->beta_f = d->c_w = d->beta_w = d->beta_tube = NAN;
    d->class_f = d->class_w = d->section_class = 0;
    d->W_el = d->W_pl = d->alpha = d->M_Ed = d->M_Rd = NAN;
    d->V_Ed = d->h_w = d->hw_tw = d->hw_tw_max = d->A_v = d->V_Rd = NAN;
    d->ltb_checked = 0;
    d->shape = PS_MOMENT_SHAPE_OTHER;
    d->psi = d->C1 = d->C2 = d->z_g = d->L = d->I_z = d->I_t = d->I_w = d->M_cr = NAN;
    d->c_energy = 0;
    d->alpha_LT = d->lambda_0 = d->lambda_LT = d->phi_LT = d->chi_LT = NAN;
    d->M_Ed_ltb = d->Mb_Rd = NAN;
  }

  static inline PS_HD int ps_ec9_positive (double x) { return x > 0.0 && !isinf (x); }

  /* Checks one combination. */
  static inline PS_HD void ps_ec9_check (const PsEc9Section *s, const PsEc9Alloy *m,
                                         const PsEc9Options *o, const PsDesignActions *a,
                                         PsDesignResult *r, PsEc9Details *d)
  {
    double lim[3];
    double f_o = m->f_o;

    ps_design_result_init (r);
    ps_ec9_details_init (d);
    if (!ps_ec9_positive (f_o) || !ps_ec9_positive (m->E) || !ps_ec9_positive (m->G))
      {
        ps_ec9_refuse (r, d, PS_EC9_REFUSE_MATERIAL);
        return;
      }
    if (!ps_ec9_positive (o->gamma_M1))
      {
        ps_ec9_refuse (r, d, PS_EC9_REFUSE_FACTORS);
        return;
      }
    if (o->welded)
      {
        ps_ec9_refuse (r, d, PS_EC9_REFUSE_WELDED);
        return;
      }
    switch (s->shape)
      {
      case PS_EC9_I_SECTION:
        if (!ps_ec9_positive (s->h) || !ps_ec9_positive (s->b) || !ps_ec9_positive (s->tw)
            || !ps_ec9_positive (s->tf) || !(s->r >= 0.0) || !(2.0 * (s->tf + s->r) < s->h)
            || !(s->tw + 2.0 * s->r < s->b))
          {
            ps_ec9_refuse (r, d, PS_EC9_REFUSE_SECTION);
            return;
          }
        break;
      case PS_EC9_RECTANGULAR:
        if (!ps_ec9_positive (s->h) || !ps_ec9_positive (s->b))
          {
            ps_ec9_refuse (r, d, PS_EC9_REFUSE_SECTION);
            return;
          }
        break;
      case PS_EC9_CHS:
        if (!ps_ec9_positive (s->D) || !ps_ec9_positive (s->t) || !(2.0 * s->t < s->D))
          {
            ps_ec9_refuse (r, d, PS_EC9_REFUSE_SECTION);
            return;
          }
        break;
      default:
        ps_ec9_refuse (r, d, PS_EC9_REFUSE_SECTION);
        return;
      }

    /* 6.1.4.4(2): epsilon = sqrt(250 / f_o), f_o in N/mm^2. */
    d->epsilon = sqrt (250.0 / (f_o * 1e-6));
    ps_ec9_beta_limits (m->buckling_class, 0, lim);
    d->beta_1_out = lim[0] * d->epsilon;
    d->beta_2_out = lim[1] * d->epsilon;
    d->beta_3_out = lim[2] * d->epsilon;
    ps_ec9_beta_limits (m->buckling_class, 1, lim);
    d->beta_1_int = lim[0] * d->epsilon;
    d->beta_2_int = lim[1] * d->epsilon;
    d->beta_3_int = lim[2] * d->epsilon;

    if (s->shape == PS_EC9_I_SECTION)
      {
        double h = s->h, b = s->b, tw = s->tw, tf = s->tf;
        double hw = h - 2.0 * tf;
        double Iy = (b * h * h * h - (b - tw) * hw * hw * hw) / 12.0;

        /* 6.1.4.3: the compression flange is an outstand in uniform compression,
         * beta = c/t (6.1); the web an internal part with the neutral axis at its
         * centre, beta = 0.40 c/t (6.2); c the flat widths clear of the root fillets. */
        d->c_f = 0.5 * (b - tw - 2.0 * s->r);
        d->beta_f = d->c_f / tf;
        d->c_w = h - 2.0 * tf - 2.0 * s->r;
        d->beta_w = 0.40 * d->c_w / tw;
        d->class_f = ps_ec9_part_class (d->beta_f, d->beta_1_out, d->beta_2_out, d->beta_3_out);
        d->class_w = ps_ec9_part_class (d->beta_w, d->beta_1_int, d->beta_2_int, d->beta_3_int);
        d->section_class = d->class_f > d->class_w ? d->class_f : d->class_w;
        d->W_el = isnan (s->W_el) ? 2.0 * Iy / h : s->W_el;
        d->W_pl = isnan (s->W_pl) ? b * tf * (h - tf) + 0.25 * tw * hw * hw : s->W_pl;
        d->I_z = isnan (s->I_z) ? (2.0 * tf * b * b * b + hw * tw * tw * tw) / 12.0 : s->I_z;
        d->I_t = isnan (s->I_t) ? (2.0 * b * tf * tf * tf + hw * tw * tw * tw) / 3.0 : s->I_t;
        d->I_w = isnan (s->I_w) ? tf * b * b * b * (h - tf) * (h - tf) / 24.0 : s->I_w;
        /* 6.2.6(2)(a): A_v = h_w t_w without heat-affected zones; h_w between flanges. */
        d->h_w = hw;
        d->hw_tw = hw / tw;
        d->hw_tw_max = 39.0 * d->epsilon;
        d->A_v = hw * tw;
      }
    else if (s->shape == PS_EC9_RECTANGULAR)
      {
        double h = s->h, b = s->b;
        double lo = fmin (b, h), hi = fmax (b, h);

        /* A solid section has no thin parts to buckle locally. */
        d->class_f = d->class_w = d->section_class = 1;
        d->W_el = isnan (s->W_el) ? b * h * h / 6.0 : s->W_el;
        d->W_pl = isnan (s->W_pl) ? b * h * h / 4.0 : s->W_pl;
        d->I_z = isnan (s->I_z) ? h * b * b * b / 12.0 : s->I_z;
        /* Torsion constant of a rectangle, Roark's Formulas for Stress and Strain (7th
         * ed.) Table 10.7 case 4: K = hi lo^3 [1/3 - 0.21 (lo/hi)(1 - lo^4/(12 hi^4))]. */
        d->I_t = isnan (s->I_t)
                     ? hi * lo * lo * lo
                           * (1.0 / 3.0
                              - 0.21 * lo / hi
                                    * (1.0 - lo * lo * lo * lo / (12.0 * hi * hi * hi * hi)))
                     : s->I_t;
        d->I_w = isnan (s->I_w) ? 0.0 : s->I_w;
        /* 6.2.6(2)(b): A_v = eta_v A, eta_v = 0.8 for a solid bar. */
        d->A_v = 0.8 * b * h;
      }
    else
      {
        double D = s->D, t = s->t, Di = D - 2.0 * t;
        double I = 3.141592653589793 / 64.0 * (D * D * D * D - Di * Di * Di * Di);

        /* 6.1.4.3 (6.4): beta = 3 sqrt(D/t), against the internal-part limits. */
        d->beta_tube = 3.0 * sqrt (D / t);
        d->class_w = ps_ec9_part_class (d->beta_tube, d->beta_1_int, d->beta_2_int, d->beta_3_int);
        d->section_class = d->class_w;
        d->W_el = isnan (s->W_el) ? 2.0 * I / D : s->W_el;
        d->W_pl = isnan (s->W_pl) ? (D * D * D - Di * Di * Di) / 6.0 : s->W_pl;
        /* 6.2.6(2)(b): A_v = eta_v A, eta_v = 0.6 for a round tube. */
        d->A_v = 0.6 * 3.141592653589793 / 4.0 * (D * D - Di * Di);
      }
    r->section_class = d->section_class;

    /* 6.2.5.1 (6.25), Table 6.4: alpha = W_pl / W_el for classes 1 and 2, 1 for class 3
     * (the conservative value; 6.2.5.1 allows interpolating for class 3). */
    d->M_Ed = ps_design_max2 (fabs (a->M_Ed_sag), fabs (a->M_Ed_hog));
    if (d->section_class == 4)
      ps_ec9_refuse (r, d, PS_EC9_REFUSE_CLASS_4);
    else
      {
        d->alpha = d->section_class <= 2 ? d->W_pl / d->W_el : 1.0;
        d->M_Rd = d->alpha * d->W_el * f_o / o->gamma_M1;
        r->M_Rd = d->M_Rd;
        ps_design_set_u (r, PS_CHECK_BENDING, d->M_Ed / d->M_Rd);
      }

    /* 6.2.6 (6.29): V_Rd = A_v f_o / (sqrt(3) gamma_M1) for non-slender webs. */
    d->V_Ed = fabs (a->V_Ed);
    if (s->shape == PS_EC9_I_SECTION && !(d->hw_tw <= d->hw_tw_max))
      ps_ec9_refuse (r, d, PS_EC9_REFUSE_SLENDER_WEB);
    else
      {
        d->V_Rd = d->A_v * f_o / (sqrt (3.0) * o->gamma_M1);
        r->V_Rd = d->V_Rd;
        ps_design_set_u (r, PS_CHECK_SHEAR, d->V_Ed / d->V_Rd);
      }

    /* 6.3.2: lateral torsional buckling of an unrestrained segment. A circular tube
     * has equal stiffness about both axes and does not buckle laterally. */
    if (!a->ltb_restrained && s->shape != PS_EC9_CHS && d->section_class != 4)
      {
        if (o->cantilever)
          ps_ec9_refuse (r, d, PS_EC9_REFUSE_LTB_CANTILEVER);
        else
          {
            double h_lev = s->h;

            d->shape = ps_moment_shape_exact (&a->ltb, a->ltb_uniform_load, &d->psi);
            d->z_g = a->load_level == PS_LOAD_LEVEL_TOP_FLANGE      ? 0.5 * h_lev
                     : a->load_level == PS_LOAD_LEVEL_BOTTOM_FLANGE ? -0.5 * h_lev
                                                                    : 0.0;
            d->c_energy = 0;
            /* A diagram the table lacks: the energy M_cr of its exact pieces, where the
             * analysis gave them whole (the same rule as EN 1993-1-1, issue 16). */
            if (d->shape == PS_MOMENT_SHAPE_OTHER
                && ps_ec9_C1_C2_energy (&a->ltb.diagram, a->ltb.L, m->E, m->G, d->I_z, d->I_t,
                                        d->I_w, d->z_g, &d->C1, &d->C2))
              d->c_energy = 1;
            if (!d->c_energy && !ps_ec9_C1_C2 (d->shape, d->z_g, &d->C1, &d->C2))
              ps_ec9_refuse (r, d, PS_EC9_REFUSE_LTB_DIAGRAM);
            else
              {
                d->ltb_checked = 1;
                d->L = a->ltb.L;
                d->M_cr
                    = ps_ec9_M_cr (d->C1, d->C2, d->z_g, d->L, m->E, m->G, d->I_z, d->I_t, d->I_w);
                /* 6.3.2.2(1): alpha_LT = 0.10, lambda_0,LT = 0.6 for classes 1 and 2;
                 * 0.20 and 0.4 for classes 3 and 4. */
                d->alpha_LT = d->section_class <= 2 ? 0.10 : 0.20;
                d->lambda_0 = d->section_class <= 2 ? 0.6 : 0.4;
                /* 6.3.2.3 (6.58): lambda_LT = sqrt(alpha W_el f_o / M_cr). */
                d->lambda_LT = sqrt (d->alpha * d->W_el * f_o / d->M_cr);
                /* 6.3.2.2 (6.56), (6.57). */
                d->phi_LT = 0.5
                            * (1.0 + d->alpha_LT * (d->lambda_LT - d->lambda_0)
                               + d->lambda_LT * d->lambda_LT);
                d->chi_LT = fmin (
                    1.0,
                    1.0 / (d->phi_LT + sqrt (d->phi_LT * d->phi_LT - d->lambda_LT * d->lambda_LT)));
                d->Mb_Rd = d->chi_LT * d->alpha * d->W_el * f_o / o->gamma_M1;
                d->M_Ed_ltb = fabs (a->ltb.M_max);
                r->M_cr = d->M_cr;
                r->lambda_LT = d->lambda_LT;
                r->chi_LT = d->chi_LT;
                r->Mb_Rd = d->Mb_Rd;
                ps_design_set_u (r, PS_CHECK_LTB, d->M_Ed_ltb / d->Mb_Rd);
              }
          }
      }

    ps_sls_check (a, r);
    if (r->refused && d->refusal == PS_EC9_OK)
      d->refusal = PS_EC9_REFUSE_NAN;
  }

#ifdef __cplusplus
}
#endif
