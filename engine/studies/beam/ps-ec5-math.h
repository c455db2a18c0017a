/* ps-ec5-math.h: timber beams to EN 1995-1-1:2004+A1:2008 (Eurocode 5), rectangular
 * solid timber and glued laminated timber bent about the strong axis.
 *
 * Checks, each a utilisation in PsDesignResult:
 *   u_bending   sigma_m,d <= k_h f_m,d                       6.1.6 (6.11), 3.2, 3.3
 *   u_ltb       sigma_m,d <= k_crit k_h f_m,d                6.3.3 (6.33)
 *   u_shear     tau_d = 1.5 V_d / (k_cr b h) <= f_v,d         6.1.7 (6.13), (6.13a)
 *   u_deflection, u_deflection_variable   u_fin and u_inst,Q  2.3.2.2, 7.2 (ps-sls-math.h)
 * with f_d = k_mod f_k / gamma_M (2.4.1 (2.14)), k_mod from Table 3.1 for the service
 * class and the shortest-acting action of the combination (3.1.3(2)).
 *
 * The partial factor, k_mod, k_def and k_cr are options (recommended values by default,
 * filled from data/timber-factors.csv on the host): a national annex may change them.
 * Every intermediate value lands in PsEc5Details for the calculation sheet.
 *
 * Plain C, no GLib, no allocation (PS_HD: also compiled by nvcc). SI units.
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"
#include "ps-moment-shape-math.h"
#include "ps-sls-math.h"

#ifdef __cplusplus
extern "C"
{
#endif

  typedef enum
  {
    PS_TIMBER_SOLID,  /* EN 338 / EN 14081-1: gamma_M 1.3, k_h from 3.2 */
    PS_TIMBER_GLULAM, /* EN 14080: gamma_M 1.25, k_h from 3.3 */
  } PsTimberProduct;

  typedef struct
  {
    PsTimberProduct product;
    int hardwood;        /* (6.32) is for softwood: lateral stability of hardwood is refused */
    double f_m_k, f_v_k; /* Pa */
    double E_0_mean;     /* Pa, for deflections (the analysis uses it) */
    double E_0_05;       /* Pa, fifth percentile, for lateral stability (6.32) */
    double G_mean;       /* Pa */
    double rho_k;        /* kg/m^3; k_h of solid timber needs rho_k <= 700 (3.2(3)) */
  } PsEc5Material;

  typedef struct
  {
    double b, h; /* width and depth in bending, m */
  } PsEc5Section;

  typedef struct
  {
    int service_class; /* 2.3.1.3: 1, 2 or 3 */
    double k_mod[5];   /* Table 3.1, indexed by PsLoadDuration */
    double k_def;      /* Table 3.2 */
    double gamma_M;    /* Table 2.3 */
    double k_cr;       /* 6.1.7(2): 0.67 recommended for solid and glued laminated timber */
    int cantilever;    /* the segment between restraints is a cantilever (Table 6.1) */
  } PsEc5Options;

  /* Why a design cannot be checked (PsEc5Details.refusal); 0 when it can. */
  typedef enum
  {
    PS_EC5_OK,
    PS_EC5_REFUSE_SECTION,       /* b or h not a positive length */
    PS_EC5_REFUSE_MATERIAL,      /* a strength or modulus missing */
    PS_EC5_REFUSE_SERVICE_CLASS, /* not 1, 2 or 3 */
    PS_EC5_REFUSE_DURATION,      /* not a load-duration class of Table 2.1 */
    PS_EC5_REFUSE_FACTORS,       /* k_mod, k_def, gamma_M or k_cr not positive */
    PS_EC5_REFUSE_LTB_HARDWOOD,  /* (6.32) is for softwood; (6.31) needs G_0.05 */
    PS_EC5_REFUSE_LTB_DIAGRAM,   /* a cantilever moment diagram outside Table 6.1 */
    PS_EC5_REFUSE_NAN,           /* an action or a result is not a number */
  } PsEc5Refusal;

  /* The effective-length rows of EN 1995-1-1 Table 6.1. */
  typedef enum
  {
    PS_EC5_LEF_NONE,               /* no lateral stability check */
    PS_EC5_LEF_CONSTANT_MOMENT,    /* simply supported, constant moment: 1.0 l */
    PS_EC5_LEF_UNIFORM_LOAD,       /* simply supported, uniform load: 0.9 l */
    PS_EC5_LEF_POINT_MIDDLE,       /* simply supported, point load at the middle: 0.8 l */
    PS_EC5_LEF_OTHER_SIMPLE,       /* another diagram between fork supports: 1.0 l, the most
                                      severe row (constant moment) */
    PS_EC5_LEF_CANTILEVER_UNIFORM, /* cantilever, uniform load: 0.5 l */
    PS_EC5_LEF_CANTILEVER_POINT,   /* cantilever, point load at the free end: 0.8 l */
  } PsEc5LefCase;

  typedef struct
  {
    PsEc5Refusal refusal;
    /* strengths (2.4.1, 3.1.3, 3.2, 3.3) */
    double k_mod, gamma_M, f_m_d, f_v_d; /* f_m,d = k_mod f_m,k / gamma_M, without k_h */
    double k_h;                          /* size factor */
    double W;                            /* b h^2 / 6 */
    /* bending (6.1.6) */
    double M_Ed, sigma_m_d;
    /* shear (6.1.7) */
    double V_Ed, k_cr, b_ef, tau_d;
    /* lateral stability (6.3.3) */
    int ltb_checked;
    PsEc5LefCase lef_case;
    double l, lef_ratio, lef_load; /* segment length, Table 6.1 ratio, load-level change (m) */
    double l_ef, M_Ed_ltb, sigma_m_d_ltb, sigma_m_crit, lambda_rel_m, k_crit;
    /* deflection (2.3.2.2) */
    double k_def, u_inst_G, u_inst_Q, psi2_u_inst_Q, u_fin_G, u_fin_Q, u_fin;
  } PsEc5Details;

  /* Table 2.3, 3.1, 3.2 and 6.1.7(2) recommended values for @product and
   * @service_class (1-3; another value leaves factors that refuse). The host fills the
   * same numbers from data/timber-factors.csv (ps_ec5_options_from_tables). */
  static inline PS_HD void ps_ec5_options_init (PsEc5Options *o, PsTimberProduct product,
                                                int service_class)
  {
    const double k_mod_12[5] = { 0.60, 0.70, 0.80, 0.90, 1.10 };
    const double k_mod_3[5] = { 0.50, 0.55, 0.65, 0.70, 0.90 };
    const double k_def[3] = { 0.60, 0.80, 2.00 };
    int ok = service_class >= 1 && service_class <= 3;

    o->service_class = service_class;
    for (int i = 0; i < 5; i++)
      o->k_mod[i] = !ok ? NAN : service_class == 3 ? k_mod_3[i] : k_mod_12[i];
    o->k_def = ok ? k_def[service_class - 1] : NAN;
    o->gamma_M = product == PS_TIMBER_GLULAM ? 1.25 : 1.3;
    o->k_cr = 0.67;
    o->cantilever = 0;
  }

  /* Size factor k_h: EN 1995-1-1 3.2(3) (3.1) for solid timber with rho_k <= 700 kg/m^3
   * and depth below 150 mm; 3.3(3) (3.2) for glued laminated timber below 600 mm. */
  static inline PS_HD double ps_ec5_k_h (PsTimberProduct product, double h, double rho_k)
  {
    double h_mm = h * 1e3;

    if (product == PS_TIMBER_GLULAM)
      return h_mm < 600.0 ? fmin (ps_pow (600.0 / h_mm, 0.1), 1.1) : 1.0;
    if (rho_k <= 700.0 && h_mm < 150.0)
      return fmin (ps_pow (150.0 / h_mm, 0.2), 1.3);
    return 1.0;
  }

  /* k_crit from the relative slenderness for bending: EN 1995-1-1 6.3.3(4) (6.34). */
  static inline PS_HD double ps_ec5_k_crit (double lambda_rel_m)
  {
    if (lambda_rel_m <= 0.75)
      return 1.0;
    if (lambda_rel_m <= 1.4)
      return 1.56 - 0.75 * lambda_rel_m;
    return 1.0 / (lambda_rel_m * lambda_rel_m);
  }

  /* The Table 6.1 row for the segment's moment diagram; PS_EC5_LEF_NONE with a refusal
   * for a cantilever diagram the table does not give. */
  static inline PS_HD PsEc5LefCase ps_ec5_lef_case (const PsMomentSegment *s, int uniform_load,
                                                    int cantilever, double *ratio)
  {
    double psi;
    PsMomentShape shape = ps_moment_shape_exact (s, uniform_load, &psi);

    *ratio = NAN;
    if (cantilever)
      {
        if (shape == PS_MOMENT_SHAPE_CANTILEVER_UDL)
          {
            *ratio = 0.5;
            return PS_EC5_LEF_CANTILEVER_UNIFORM;
          }
        /* A tip load: linear from the fixed end to zero at the free end. */
        if (shape == PS_MOMENT_SHAPE_LINEAR && fabs (psi) <= PS_MOMENT_SHAPE_RTOL)
          {
            *ratio = 0.8;
            return PS_EC5_LEF_CANTILEVER_POINT;
          }
        return PS_EC5_LEF_NONE;
      }
    switch (shape)
      {
      case PS_MOMENT_SHAPE_UNIFORM:
        *ratio = 1.0;
        return PS_EC5_LEF_CONSTANT_MOMENT;
      case PS_MOMENT_SHAPE_PARABOLIC:
        *ratio = 0.9;
        return PS_EC5_LEF_UNIFORM_LOAD;
      case PS_MOMENT_SHAPE_TRIANGULAR:
        *ratio = 0.8;
        return PS_EC5_LEF_POINT_MIDDLE;
      default:
        *ratio = 1.0;
        return PS_EC5_LEF_OTHER_SIMPLE;
      }
  }

  static inline PS_HD void ps_ec5_refuse (PsDesignResult *r, PsEc5Details *d, PsEc5Refusal why)
  {
    r->refused = 1;
    if (d->refusal == PS_EC5_OK)
      d->refusal = why;
  }

  static inline PS_HD void ps_ec5_details_init (PsEc5Details *d)
  {
    d->refusal = PS_EC5_OK;
    d->k_mod = d->gamma_M = d->f_m_d = d->f_v_d = d->k_h = d->W = NAN;
    d->M_Ed = d->sigma_m_d = d->V_Ed = d->k_cr = d->b_ef = d->tau_d = NAN;
    d->ltb_checked = 0;
    d->lef_case = PS_EC5_LEF_NONE;
    d->l = d->lef_ratio = d->lef_load = d->l_ef = d->M_Ed_ltb = d->sigma_m_d_ltb = NAN;
    d->sigma_m_crit = d->lambda_rel_m = d->k_crit = NAN;
    d->k_def = d->u_inst_G = d->u_inst_Q = d->psi2_u_inst_Q = d->u_fin_G = d->u_fin_Q = NAN;
    d->u_fin = NAN;
  }

  /* Checks one combination. @r is initialised here; @d receives every intermediate
   * value. A refused design keeps the utilisations computed before the refusal. */
  static inline PS_HD void ps_ec5_check (const PsEc5Section *s, const PsEc5Material *m,
                                         const PsEc5Options *o, const PsDesignActions *a,
                                         PsDesignResult *r, PsEc5Details *d)
  {
    double b = s->b, h = s->h;

    ps_design_result_init (r);
    ps_ec5_details_init (d);
    if (!(b > 0.0) || !(h > 0.0) || isinf (b) || isinf (h))
      {
        ps_ec5_refuse (r, d, PS_EC5_REFUSE_SECTION);
        return;
      }
    if (!(m->f_m_k > 0.0) || !(m->f_v_k > 0.0) || !(m->E_0_05 > 0.0) || !(m->E_0_mean > 0.0))
      {
        ps_ec5_refuse (r, d, PS_EC5_REFUSE_MATERIAL);
        return;
      }
    if (o->service_class < 1 || o->service_class > 3)
      {
        ps_ec5_refuse (r, d, PS_EC5_REFUSE_SERVICE_CLASS);
        return;
      }
    if ((int)a->duration < (int)PS_DURATION_PERMANENT
        || (int)a->duration > (int)PS_DURATION_INSTANTANEOUS)
      {
        ps_ec5_refuse (r, d, PS_EC5_REFUSE_DURATION);
        return;
      }

    /* 3.1.3(2): k_mod of the shortest-acting action in the combination. */
    d->k_mod = o->k_mod[a->duration];
    d->gamma_M = o->gamma_M;
    d->k_cr = o->k_cr;
    d->k_def = o->k_def;
    if (!(d->k_mod > 0.0) || !(d->gamma_M > 0.0) || !(d->k_cr > 0.0) || !(d->k_def >= 0.0))
      {
        ps_ec5_refuse (r, d, PS_EC5_REFUSE_FACTORS);
        return;
      }
    /* 2.4.1 (2.14): X_d = k_mod X_k / gamma_M. */
    d->f_m_d = d->k_mod * m->f_m_k / d->gamma_M;
    d->f_v_d = d->k_mod * m->f_v_k / d->gamma_M;
    d->k_h = ps_ec5_k_h (m->product, h, m->rho_k);
    d->W = b * h * h / 6.0;

    /* 6.1.6 (6.11): bending about one axis, sagging or hogging (symmetric section). */
    d->M_Ed = ps_design_max2 (fabs (a->M_Ed_sag), fabs (a->M_Ed_hog));
    d->sigma_m_d = d->M_Ed / d->W;
    r->M_Rd = d->k_h * d->f_m_d * d->W;
    ps_design_set_u (r, PS_CHECK_BENDING, d->sigma_m_d / (d->k_h * d->f_m_d));

    /* 6.1.7 (6.13), (6.13a): shear on the effective width k_cr b. */
    d->V_Ed = fabs (a->V_Ed);
    d->b_ef = d->k_cr * b;
    d->tau_d = 1.5 * d->V_Ed / (d->b_ef * h);
    r->V_Rd = d->f_v_d * d->b_ef * h / 1.5;
    ps_design_set_u (r, PS_CHECK_SHEAR, d->tau_d / d->f_v_d);

    /* 6.3.3: lateral torsional stability, unless the compression edge is held along
     * its length (6.3.3(5)). */
    if (!a->ltb_restrained)
      {
        d->l = a->ltb.L;
        d->lef_case = ps_ec5_lef_case (&a->ltb, a->ltb_uniform_load, o->cantilever, &d->lef_ratio);
        if (m->hardwood)
          ps_ec5_refuse (r, d, PS_EC5_REFUSE_LTB_HARDWOOD);
        else if (d->lef_case == PS_EC5_LEF_NONE)
          ps_ec5_refuse (r, d, PS_EC5_REFUSE_LTB_DIAGRAM);
        else
          {
            d->ltb_checked = 1;
            /* Table 6.1, note: load on the compression edge adds 2h; on the tension edge
             * it may subtract 0.5h, which is not taken for a cantilever, whose top edge
             * is the tension edge under gravity load but still destabilising. */
            if (a->load_level == PS_LOAD_LEVEL_TOP_FLANGE)
              d->lef_load = 2.0 * h;
            else if (a->load_level == PS_LOAD_LEVEL_BOTTOM_FLANGE && !o->cantilever)
              d->lef_load = -0.5 * h;
            else
              d->lef_load = 0.0;
            d->l_ef = d->lef_ratio * d->l + d->lef_load;
            /* (6.32): sigma_m,crit = 0.78 b^2 E_0.05 / (h l_ef), softwood rectangular. */
            d->sigma_m_crit = 0.78 * b * b * m->E_0_05 / (h * d->l_ef);
            /* (6.30): lambda_rel,m = sqrt(f_m,k / sigma_m,crit). */
            d->lambda_rel_m = sqrt (m->f_m_k / d->sigma_m_crit);
            d->k_crit = ps_ec5_k_crit (d->lambda_rel_m);
            d->M_Ed_ltb = fabs (a->ltb.M_max);
            d->sigma_m_d_ltb = d->M_Ed_ltb / d->W;
            r->M_cr = d->sigma_m_crit * d->W;
            r->lambda_LT = d->lambda_rel_m;
            r->chi_LT = d->k_crit;
            r->Mb_Rd = d->k_crit * d->k_h * d->f_m_d * d->W;
            ps_design_set_u (r, PS_CHECK_LTB, d->sigma_m_d_ltb / (d->k_crit * d->k_h * d->f_m_d));
          }
      }

    /* 2.3.2.2 (2.3)-(2.5) with EN 1990 (6.16b): u_fin = u_inst,G (1 + k_def)
     * + u_inst,Q1 (1 + psi_2,1 k_def); the analysis gives psi_2 u_inst,Q. */
    d->u_inst_G = a->w_permanent;
    d->u_inst_Q = a->w_variable;
    d->psi2_u_inst_Q = a->w_quasi_permanent_variable;
    d->u_fin_G = d->u_inst_G * (1.0 + d->k_def);
    d->u_fin_Q = d->u_inst_Q + d->k_def * d->psi2_u_inst_Q;
    d->u_fin = d->u_fin_G + d->u_fin_Q;
    {
      PsDesignActions sls = *a;

      sls.w_total = d->u_fin;
      ps_sls_check (&sls, r);
    }
    if (r->refused && d->refusal == PS_EC5_OK)
      d->refusal = PS_EC5_REFUSE_NAN;
  }

#ifdef __cplusplus
}
#endif
