/* ps-aisc360-math.h: the flexure and shear checks of ANSI/AISC 360-16 "Specification
 * for Structural Steel Buildings" for doubly symmetric I-shaped members bent about the
 * major axis: Chapter F, Sections F1 (C_b), F2 (compact webs and flanges: yielding and
 * lateral-torsional buckling) and F3 (compact webs, noncompact or slender flanges),
 * Chapter G, Section G2.1 (shear of webs without stiffeners), LRFD or ASD.
 *
 * Webs that are not compact (Sections F4, F5) and hollow sections (F7, F8) are not
 * implemented here: they are refused, never passed. Plain C for the CPU and the GPU
 * kernels (see ps-steel-math.h); SI units (Pa, m, N, N m) throughout.
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"
#include "ps-steel-math.h"

#ifdef __cplusplus
extern "C"
{
#endif

  typedef enum
  {
    PS_AISC_LRFD,
    PS_AISC_ASD,
  } PsAiscMethod;

  /* Resistance and safety factors, AISC 360-16 B3.1/B3.2 with the values of F1(1)
   * (phi_b = 0.90, Omega_b = 1.67) and G1 / G2.1(a) (phi_v = 1.00, Omega_v = 1.50 for
   * webs of rolled I-shapes with h/t_w <= 2.24 sqrt (E/F_y); 0.90 and 1.67 otherwise). */
  typedef struct
  {
    PsAiscMethod method;
    double phi_b, omega_b;
    double phi_v_rolled, omega_v_rolled; /* G2.1(a) */
    double phi_v, omega_v;               /* G1 */
  } PsAiscOptions;

  static inline PS_HD void ps_aisc_options_init (PsAiscOptions *o)
  {
    o->method = PS_AISC_LRFD;
    o->phi_b = 0.90;
    o->omega_b = 1.67;
    o->phi_v_rolled = 1.00;
    o->omega_v_rolled = 1.50;
    o->phi_v = 0.90;
    o->omega_v = 1.67;
  }

  /* Compactness of an element, Table B4.1b. */
  typedef enum
  {
    PS_AISC_COMPACT,
    PS_AISC_NONCOMPACT,
    PS_AISC_SLENDER,
  } PsAiscCompactness;

  /* The LTB range of F2.2. */
  typedef enum
  {
    PS_AISC_LTB_NONE,      /* continuously braced: no LTB limit state */
    PS_AISC_LTB_PLASTIC,   /* L_b <= L_p (F2-1 governs) */
    PS_AISC_LTB_INELASTIC, /* L_p < L_b <= L_r (F2-2) */
    PS_AISC_LTB_ELASTIC,   /* L_b > L_r (F2-3, F2-4) */
  } PsAiscLtbRange;

  /* Every value a checker reads on the AISC 360-16 sheet, SI units. */
  typedef struct
  {
    PsSteelRefusal refusal;
    double Fy, E, G;
    /* section values used (derived ones flagged) */
    double d, bf, tf, tw, h, Zx, Sx, ry, J, Cw, Iy;
    double rts, ho;
    int rts_derived, ho_derived;
    /* Table B4.1b, case 10 (flanges) and 15 (webs) */
    double lambda_f, lambda_pf, lambda_rf;
    PsAiscCompactness flange;
    double lambda_w, lambda_pw, lambda_rw;
    PsAiscCompactness web;
    /* F2.1 yielding and F3 flange local buckling */
    double Mp, Mn_yield, Mn_flb, kc;
    /* F1, F2.2 lateral-torsional buckling */
    PsAiscLtbRange ltb_range;
    double Lb, Lp, Lr, c, Cb, Cb_load_height, Fcr, Mn_ltb, M_cr;
    double M_A, M_B, M_C, M_max; /* |M| at the quarter points and largest, F1-1 */
    /* design values */
    double factor_b; /* phi_b (LRFD) or 1/Omega_b (ASD) */
    double Mu, Mc_section, Mc_ltb;
    /* G2.1 */
    double Aw, h_tw, lim_rolled, kv, lim_cv1, Cv1, Vn, factor_v, Vu, Vc;
    int rolled_shear; /* G2.1(a) factors */
    double w_total, limit_total, w_variable, limit_variable;
  } PsAiscDetail;

  static inline PS_HD int ps_aisc_positive (double x) { return x > 0.0 && x < INFINITY; }

  /* C_b = 12.5 M_max / (2.5 M_max + 3 M_A + 4 M_B + 3 M_C) (F1-1), absolute values of the
   * largest moment (ps_steel_segment_max) and of the moments at the quarter point, middle
   * and three-quarter point of the unbraced segment. */
  static inline PS_HD double ps_aisc_cb (const PsMomentSegment *m)
  {
    double mx = ps_steel_segment_max (m), ma = fabs (m->M_q1), mb = fabs (m->M_mid),
           mc = fabs (m->M_q3);

    return 12.5 * mx / (2.5 * mx + 3.0 * ma + 4.0 * mb + 3.0 * mc);
  }

  static inline PS_HD void ps_aisc_refuse (PsDesignResult *r, PsAiscDetail *d, PsSteelRefusal why)
  {
    r->refused = 1;
    d->refusal = why;
  }

  /* The checks of AISC 360-16 for a doubly symmetric rolled I-shape. The actions are
   * the required strengths of the method: factored (LRFD) or service-level (ASD)
   * combinations. */
  static inline PS_HD void ps_aisc_check (const PsSteelSection *s, const PsSteelMaterial *mat,
                                          const PsAiscOptions *o, const PsDesignActions *a,
                                          PsDesignResult *r, PsAiscDetail *d)
  {
    double Fy = mat->fy, E = mat->E;
    double sq = 0.0;
    int lrfd = o->method == PS_AISC_LRFD;

    ps_design_result_init (r);
    d->refusal = PS_STEEL_OK;
    d->Fy = Fy;
    d->E = E;
    d->G = mat->G;
    d->ltb_range = PS_AISC_LTB_NONE;
    d->w_total = a->w_total;
    d->limit_total = a->limit_total;
    d->w_variable = a->w_variable;
    d->limit_variable = a->limit_variable;
    d->Cb = d->Cb_load_height = d->Fcr = d->Mn_ltb = d->M_cr = d->Mc_ltb = NAN;
    d->Lb = d->Lp = d->Lr = NAN;
    d->lambda_f = d->lambda_w = d->Mp = d->Mn_flb = d->kc = NAN;
    d->rts = d->ho = NAN;
    d->rts_derived = d->ho_derived = 0;

    if (s->shape != PS_STEEL_SHAPE_I_ROLLED)
      {
        ps_aisc_refuse (r, d, PS_STEEL_REFUSED_SHAPE);
        return;
      }
    if (isnan (Fy) && ps_aisc_positive (ps_steel_section_thickness (s)))
      {
        ps_aisc_refuse (r, d, PS_STEEL_REFUSED_THICKNESS);
        return;
      }
    d->d = s->h;
    d->bf = s->b;
    d->tf = s->tf;
    d->tw = s->tw;
    /* h: clear distance between flanges less the fillets (B4.1b(b)), d - 2 k_des with
     * k_des = t_f + r (data/sections.csv stores r = k_des - t_f for W shapes). */
    d->h = s->h - 2.0 * (s->tf + s->r);
    d->Zx = s->Wpl_y;
    d->Sx = s->Wel_y;
    d->ry = s->i_z;
    d->J = s->It;
    d->Cw = s->Iw;
    d->Iy = s->Iz;
    if (!ps_aisc_positive (Fy) || !ps_aisc_positive (E) || !ps_aisc_positive (d->d)
        || !ps_aisc_positive (d->bf) || !ps_aisc_positive (d->tf) || !ps_aisc_positive (d->tw)
        || !ps_aisc_positive (d->h) || !ps_aisc_positive (d->Zx) || !ps_aisc_positive (d->Sx)
        || !(a->M_Ed_sag >= 0.0 && a->M_Ed_sag < INFINITY)
        || !(a->M_Ed_hog >= 0.0 && a->M_Ed_hog < INFINITY) || !(fabs (a->V_Ed) < INFINITY))
      {
        ps_aisc_refuse (r, d, PS_STEEL_REFUSED_BAD_INPUT);
        return;
      }
    sq = sqrt (E / Fy);
    if (lrfd)
      d->factor_b = o->phi_b;
    else
      d->factor_b = 1.0 / o->omega_b;

    /* Table B4.1b: flanges of rolled I-shapes (case 10), lambda = b_f/(2 t_f),
     * lambda_p = 0.38 sqrt (E/F_y), lambda_r = 1.0 sqrt (E/F_y); webs in flexure
     * (case 15), lambda = h/t_w, lambda_p = 3.76 sqrt (E/F_y), lambda_r = 5.70 sqrt (E/F_y). */
    d->lambda_f = d->bf / (2.0 * d->tf);
    d->lambda_pf = 0.38 * sq;
    d->lambda_rf = 1.0 * sq;
    d->flange = d->lambda_f <= d->lambda_pf   ? PS_AISC_COMPACT
                : d->lambda_f <= d->lambda_rf ? PS_AISC_NONCOMPACT
                                              : PS_AISC_SLENDER;
    d->lambda_w = d->h / d->tw;
    d->lambda_pw = 3.76 * sq;
    d->lambda_rw = 5.70 * sq;
    d->web = d->lambda_w <= d->lambda_pw   ? PS_AISC_COMPACT
             : d->lambda_w <= d->lambda_rw ? PS_AISC_NONCOMPACT
                                           : PS_AISC_SLENDER;
    if (d->web != PS_AISC_COMPACT)
      {
        ps_aisc_refuse (r, d, PS_STEEL_REFUSED_WEB_NONCOMPACT);
        return;
      }

    /* F2.1 yielding: M_n = M_p = F_y Z_x (F2-1). F3.2 flange local buckling:
     * noncompact M_n = M_p - (M_p - 0.7 F_y S_x)(lambda - lambda_pf)/(lambda_rf - lambda_pf)
     * (F3-1); slender M_n = 0.9 E k_c S_x / lambda^2 (F3-2), k_c = 4/sqrt (h/t_w),
     * 0.35 <= k_c <= 0.76. */
    d->Mp = Fy * d->Zx;
    d->Mn_yield = d->Mp;
    d->kc = NAN;
    if (d->flange == PS_AISC_COMPACT)
      d->Mn_flb = NAN;
    else if (d->flange == PS_AISC_NONCOMPACT)
      d->Mn_flb = d->Mp
                  - (d->Mp - 0.7 * Fy * d->Sx) * (d->lambda_f - d->lambda_pf)
                        / (d->lambda_rf - d->lambda_pf);
    else
      {
        double kc = 4.0 / sqrt (d->lambda_w);

        if (kc < 0.35)
          kc = 0.35;
        if (kc > 0.76)
          kc = 0.76;
        d->kc = kc;
        d->Mn_flb = 0.9 * E * kc * d->Sx / (d->lambda_f * d->lambda_f);
      }
    d->Mc_section
        = d->factor_b * (isnan (d->Mn_flb) || d->Mn_flb > d->Mn_yield ? d->Mn_yield : d->Mn_flb);
    d->Mu = a->M_Ed_sag > a->M_Ed_hog ? a->M_Ed_sag : a->M_Ed_hog;
    r->M_Rd = d->Mc_section;
    r->u[PS_CHECK_BENDING] = d->Mu / d->Mc_section;

    /* F2.2 lateral-torsional buckling of the unbraced segment. */
    if (!a->ltb_restrained)
      {
        double Lb = a->ltb.L, jc, x, rts = s->r_ts, ho = s->h_o;

        d->Lb = Lb;
        d->M_max = ps_steel_segment_max (&a->ltb);
        d->M_A = fabs (a->ltb.M_q1);
        d->M_B = fabs (a->ltb.M_mid);
        d->M_C = fabs (a->ltb.M_q3);
        if (!ps_aisc_positive (Lb))
          {
            ps_aisc_refuse (r, d, PS_STEEL_REFUSED_LTB_SEGMENT);
            return;
          }
        /* h_o = d - t_f and r_ts^2 = sqrt (I_y C_w) / S_x (F2-7, doubly symmetric) where
         * the section table does not give them. */
        d->ho_derived = !ps_aisc_positive (ho);
        if (d->ho_derived)
          ho = d->d - d->tf;
        d->rts_derived = !ps_aisc_positive (rts);
        if (d->rts_derived)
          rts = sqrt (sqrt (d->Iy * d->Cw) / d->Sx);
        d->rts = rts;
        d->ho = ho;
        if (!ps_aisc_positive (d->ry) || !ps_aisc_positive (d->J) || !ps_aisc_positive (rts)
            || !ps_aisc_positive (ho) || !(d->M_max >= 0.0 && d->M_max < INFINITY))
          {
            ps_aisc_refuse (r, d, PS_STEEL_REFUSED_LTB_DATA);
            return;
          }
        d->c = 1.0; /* F2-8a, doubly symmetric I-shape */
        jc = d->J * d->c / (d->Sx * ho);
        /* L_p = 1.76 r_y sqrt (E/F_y) (F2-5);
         * L_r = 1.95 r_ts E/(0.7 F_y) sqrt (Jc/(S_x h_o) + sqrt ((Jc/(S_x h_o))^2
         *       + 6.76 (0.7 F_y/E)^2)) (F2-6). */
        d->Lp = 1.76 * d->ry * sq;
        x = 0.7 * Fy / E;
        d->Lr = 1.95 * rts * (E / (0.7 * Fy)) * sqrt (jc + sqrt (jc * jc + 6.76 * x * x));
        d->Cb = d->M_max > 0.0 ? ps_aisc_cb (&a->ltb) : 1.0;
        /* F1-1 does not account for the height of the load. For loads on the flange on
         * the side they act towards (gravity loads on the top flange) this file applies
         * C_b* = C_b 1.4^(2y/h_o) with y = -h_o/2, i.e. C_b / 1.4 (Helwig, Frank and
         * Yura, "Lateral-torsional buckling of singly symmetric I-beams", J. Struct.
         * Eng. 123(9), 1997). A load below the shear centre is stabilising; its benefit
         * is not taken. */
        d->Cb_load_height = d->Cb;
        {
          /* Loads inside the segment act downwards where the diagram bulges above its
           * chord (sagging positive); none act inside a linear diagram. */
          double chord = 0.5 * (a->ltb.M_a + a->ltb.M_b);
          double bulge = a->ltb.M_mid - chord;
          int loaded = fabs (bulge) > 1e-6 * d->M_max;

          if (loaded && a->load_level == PS_LOAD_LEVEL_TOP_FLANGE && bulge > 0.0)
            d->Cb_load_height = d->Cb / 1.4;
          else if (loaded && a->load_level == PS_LOAD_LEVEL_BOTTOM_FLANGE && bulge < 0.0)
            d->Cb_load_height = d->Cb / 1.4;
        }
        {
          double cb = d->Cb_load_height;
          double lr = Lb / rts;

          /* Elastic LTB stress (F2-4), also the elastic critical moment reported. */
          d->Fcr
              = cb * PS_STEEL_PI * PS_STEEL_PI * E / (lr * lr) * sqrt (1.0 + 0.078 * jc * lr * lr);
          d->M_cr = d->Fcr * d->Sx;
          if (Lb <= d->Lp)
            {
              d->ltb_range = PS_AISC_LTB_PLASTIC;
              d->Mn_ltb = d->Mp;
            }
          else if (Lb <= d->Lr)
            {
              d->ltb_range = PS_AISC_LTB_INELASTIC;
              d->Mn_ltb
                  = cb * (d->Mp - (d->Mp - 0.7 * Fy * d->Sx) * (Lb - d->Lp) / (d->Lr - d->Lp));
            }
          else
            {
              d->ltb_range = PS_AISC_LTB_ELASTIC;
              d->Mn_ltb = d->Fcr * d->Sx;
            }
          if (d->Mn_ltb > d->Mp)
            d->Mn_ltb = d->Mp;
        }
        d->Mc_ltb = d->factor_b * d->Mn_ltb;
        r->M_cr = d->M_cr;
        r->Mb_Rd = d->Mc_ltb;
        r->u[PS_CHECK_LTB] = d->M_max / d->Mc_ltb;
      }

    /* G2.1: V_n = 0.6 F_y A_w C_v1 (G2-1), A_w = d t_w. (a) Webs of rolled I-shapes with
     * h/t_w <= 2.24 sqrt (E/F_y): C_v1 = 1.0 (G2-2), phi_v = 1.00, Omega_v = 1.50.
     * (b) Otherwise, with k_v = 5.34 (webs without transverse stiffeners, G2.1(b)(2)):
     * C_v1 = 1.0 when h/t_w <= 1.10 sqrt (k_v E/F_y) (G2-3), else
     * C_v1 = 1.10 sqrt (k_v E/F_y)/(h/t_w) (G2-4), with phi_v = 0.90, Omega_v = 1.67 (G1). */
    d->Aw = d->d * d->tw;
    d->h_tw = d->lambda_w;
    d->lim_rolled = 2.24 * sq;
    d->kv = 5.34;
    d->lim_cv1 = 1.10 * sqrt (d->kv * E / Fy);
    d->rolled_shear = d->h_tw <= d->lim_rolled;
    if (d->rolled_shear || d->h_tw <= d->lim_cv1)
      d->Cv1 = 1.0;
    else
      d->Cv1 = d->lim_cv1 / d->h_tw;
    d->Vn = 0.6 * Fy * d->Aw * d->Cv1;
    if (d->rolled_shear)
      d->factor_v = lrfd ? o->phi_v_rolled : 1.0 / o->omega_v_rolled;
    else
      d->factor_v = lrfd ? o->phi_v : 1.0 / o->omega_v;
    d->Vc = d->factor_v * d->Vn;
    d->Vu = fabs (a->V_Ed);
    r->V_Rd = d->Vc;
    r->u[PS_CHECK_SHEAR] = d->Vu / d->Vc;

    if (a->limit_total > 0.0 && a->limit_total < INFINITY)
      r->u[PS_CHECK_DEFLECTION] = fabs (a->w_total) / a->limit_total;
    if (a->limit_variable > 0.0 && a->limit_variable < INFINITY)
      r->u[PS_CHECK_DEFLECTION_VARIABLE] = fabs (a->w_variable) / a->limit_variable;

    /* No NaN passes. */
    if (isnan (r->u[PS_CHECK_BENDING]) || isnan (r->u[PS_CHECK_SHEAR])
        || (!a->ltb_restrained && isnan (r->u[PS_CHECK_LTB]))
        || (a->limit_total > 0.0 && isnan (r->u[PS_CHECK_DEFLECTION]))
        || (a->limit_variable > 0.0 && isnan (r->u[PS_CHECK_DEFLECTION_VARIABLE])))
      ps_aisc_refuse (r, d, PS_STEEL_REFUSED_BAD_INPUT);
  }

#ifdef __cplusplus
}
#endif
