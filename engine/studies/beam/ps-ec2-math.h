/* ps-ec2-math.h: concrete beams to EN 1992-1-1:2004 (Eurocode 2), rectangular sections.
 *
 * Reinforced ("rc-rectangular": bottom steel A_s at effective depth d, optional top
 * steel A_s2 at d2 from the top face):
 *   u_bending        M_Ed / M_Rd, rectangular stress block (3.1.7(3)), sagging with A_s in
 *                    tension, hogging with A_s2; the neutral axis limited by the ductility
 *                    condition of 5.5(4) with delta = 1 (x_u/d <= 0.448 up to C50/60)
 *   u_shear          V_Ed / V_Rd,c, members without shear reinforcement (6.2.2 (6.2a/b)),
 *                    and V_Ed <= 0.5 b_w d nu f_cd (6.2.2(6))
 *   u_reinforcement  A_s,min / A_s and A_s / A_s,max (9.2.1.1 (9.1N), (3))
 *   u_span_depth     (l/d) / (l/d)_lim, 7.4.2 (7.16a/b) with K of Table 7.4N, 310/sigma_s
 *                    (7.17) and 7/l_eff beyond 7 m
 *   u_deflection(_variable)  7.4.3: cracked/uncracked interpolation (7.18), (7.19) with
 *                    the effective modulus for creep (7.20), applied to the deflection as
 *                    7.4.3(3) allows
 * Plain ("rectangular" section, concrete material): flexural tension against
 * f_ctd,pl = alpha_ct,pl f_ctk,0.05 / gamma_C (12.3.1 (12.1)) as u_tension, the section
 * uncracked by 12.6.3(4); shear by 12.6.3(3) (12.4), (12.5). Never against the
 * compressive strength.
 *
 * Partial factors and alpha coefficients are options with the recommended values
 * (2.4.2.4 Table 2.1N, 3.1.6, 12.3.1); national annexes may differ (the UK NA takes
 * alpha_cc = 0.85, alpha_cc,pl = alpha_ct,pl = 0.6).
 *
 * Plain C, no GLib, no allocation (PS_HD: also compiled by nvcc). SI units.
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"
#include "ps-sls-math.h"

#ifdef __cplusplus
extern "C"
{
#endif

  typedef struct
  {
    double f_ck, f_ctm, f_ctk_005; /* Pa, Table 3.1 */
    double E_cm;                   /* Pa */
    double eps_cu2, eps_cu3;       /* ultimate strains (not per mille) */
  } PsEc2Concrete;

  typedef struct
  {
    double b, h;    /* m */
    double d;       /* effective depth of A_s from the top face, m */
    double As;      /* bottom steel, m^2 */
    double As2, d2; /* top steel (0: none) and its depth from the top face, m */
    double f_yk;    /* Pa */
    double E_s;     /* Pa, 200 GPa (3.2.7(4)) */
  } PsEc2Section;

  /* Structural system for K of Table 7.4N. */
  typedef enum
  {
    PS_EC2_SPAN_SIMPLE,     /* simply supported: K = 1.0 */
    PS_EC2_SPAN_END,        /* end span of a continuous beam: 1.3 */
    PS_EC2_SPAN_INTERIOR,   /* interior span: 1.5 */
    PS_EC2_SPAN_CANTILEVER, /* cantilever: 0.4 (its tension steel is A_s2 at the top) */
  } PsEc2Span;

  typedef struct
  {
    double gamma_C, gamma_S;         /* 2.4.2.4 Table 2.1N: 1.5, 1.15 */
    double alpha_cc;                 /* 3.1.6(1): 1.0 (UK NA 0.85) */
    double alpha_ct;                 /* 3.1.6(2): 1.0 */
    double alpha_cc_pl, alpha_ct_pl; /* 12.3.1: 0.8 (UK NA 0.6) */
    double xu_d_max;                 /* NAN: 5.5(4) with delta = 1 and k1..k4 recommended */
    int span_depth;                  /* make the 7.4.2 check */
    PsEc2Span span_type;
    double span;             /* m: the span (a cantilever's length) for 7.4.2 */
    double steel_factor_max; /* cap on 310/sigma_s (7.17): INFINITY in EN, UK NA 1.5 */
    int partitions;          /* 7.4.2(2): spans over 7 m carry brittle partitions */
    double phi_creep;        /* phi(inf, t0) for E_c,eff (7.20); 0: no creep */
    double EI_analysis;      /* N m^2 the analysis computed deflections with; NAN:
                                E_cm b h^3 / 12 (gross concrete section) */
  } PsEc2Options;

  typedef enum
  {
    PS_EC2_OK,
    PS_EC2_REFUSE_SECTION,         /* a dimension not positive, d >= h, d2 >= d */
    PS_EC2_REFUSE_MATERIAL,        /* a strength or modulus missing */
    PS_EC2_REFUSE_STEEL,           /* A_s not positive, f_yk or E_s missing */
    PS_EC2_REFUSE_OVER_REINFORCED, /* x_u/d above the ductility limit, or A_s not yielding */
    PS_EC2_REFUSE_NO_TOP_STEEL,    /* a hogging moment and no top reinforcement */
    PS_EC2_REFUSE_FACTORS,         /* a partial factor or coefficient not positive */
    PS_EC2_REFUSE_NAN,             /* an action or a result is not a number */
  } PsEc2Refusal;

  /* The flexural resistance of a rectangular section with tension steel A_t at d_t and
   * compression steel A_c at d_c, both from the compression face. */
  typedef struct
  {
    double d_t, A_t, d_c, A_c;
    double x, x_d;        /* neutral axis depth and x/d_t */
    double eps_s, eps_s2; /* steel strains at the ultimate concrete strain */
    double sigma_s2;      /* compression steel stress (<= f_yd; 0 if not counted) */
    int comp_yields;      /* the compression steel reached f_yd */
    double F_c, z_c;      /* concrete force and its lever arm d_t - lambda x / 2 */
    double M_Rd;
  } PsEc2Flexure;

  typedef struct
  {
    PsEc2Refusal refusal;
    /* materials (3.1.6, 3.1.7(3), 3.2.7) */
    double f_cd, f_yd, eta, lambda, eps_cu3, eps_yd;
    double xu_d_max, k_duct_1, k_duct_2; /* 5.5(4): x_u/d <= (1 - k1)/k2 with delta = 1 */
    /* bending */
    double M_Ed_sag, M_Ed_hog;
    PsEc2Flexure sag, hog; /* hog: A_s2 in tension; unused (NAN) without a hogging moment */
    int hog_checked;
    /* shear (6.2.2) */
    double V_Ed, C_Rd_c, k_shear, d_shear, A_sl, rho_l, v_Rd_c, v_min, V_Rd_c;
    double nu, V_Rd_max;
    /* reinforcement (9.2.1.1) */
    double As_min, As_min_top, As_max;
    /* span/depth (7.4.2) */
    int span_depth_checked;
    double K, l, d_ld, M_ld, M_lim, x_lim, As_req, As2_req, As_prov, rho_0, rho, rho_p;
    int eq_716b; /* (7.16b) used (rho > rho_0) */
    double ld_basic, F_steel, F_span, ld_limit, ld_actual;
    /* deflection by calculation (7.4.3) */
    int deflection_checked;
    double EI_analysis, E_c_eff, alpha_e_lt, alpha_e_st;
    double x_I, I_I, x_II, I_II;             /* long-term (E_c,eff) section */
    double x_I_st, I_I_st, x_II_st, I_II_st; /* short-term (E_cm) section */
    double M_cr, M_sls, zeta_lt, zeta_st;
    double w_total_gross, w_variable_gross, w_total, w_variable;
  } PsEc2Details;

  typedef struct
  {
    PsEc2Refusal refusal;
    double f_ctd_pl, W, M_Ed, sigma_ct;         /* 12.3.1 (12.1), 12.6.3(4) */
    double V_Ed, A_cc, tau_cp, sigma_cp, f_cvd; /* 12.6.3(3) (12.4), (12.5) */
    double E_c_eff, EI_analysis, w_total, w_variable;
  } PsEc2PlainDetails;

  static inline PS_HD void ps_ec2_options_init (PsEc2Options *o)
  {
    o->gamma_C = 1.5;
    o->gamma_S = 1.15;
    o->alpha_cc = 1.0;
    o->alpha_ct = 1.0;
    o->alpha_cc_pl = 0.8;
    o->alpha_ct_pl = 0.8;
    o->xu_d_max = NAN;
    o->span_depth = 1;
    o->span_type = PS_EC2_SPAN_SIMPLE;
    o->span = NAN;
    o->steel_factor_max = INFINITY;
    o->partitions = 1;
    o->phi_creep = 0.0;
    o->EI_analysis = NAN;
  }

  /* K of EN 1992-1-1 Table 7.4N (beams). */
  static inline PS_HD double ps_ec2_K (PsEc2Span span)
  {
    switch (span)
      {
      case PS_EC2_SPAN_SIMPLE:
        return 1.0;
      case PS_EC2_SPAN_END:
        return 1.3;
      case PS_EC2_SPAN_INTERIOR:
        return 1.5;
      case PS_EC2_SPAN_CANTILEVER:
        return 0.4;
      }
    return NAN;
  }

  /* 3.1.7(3) (3.19)-(3.22): lambda and eta of the rectangular stress block. */
  static inline PS_HD void ps_ec2_stress_block (double f_ck_mpa, double *lambda, double *eta)
  {
    if (f_ck_mpa <= 50.0)
      {
        *lambda = 0.8;
        *eta = 1.0;
      }
    else
      {
        *lambda = 0.8 - (f_ck_mpa - 50.0) / 400.0;
        *eta = 1.0 - (f_ck_mpa - 50.0) / 200.0;
      }
  }

  /* Ultimate moment of a rectangular section b wide: equilibrium of the stress block
   * eta f_cd b lambda x, the tension steel at f_yd and the compression steel at
   * sigma_s2 = min(E_s eps_cu3 (x - d_c)/x, f_yd); the concrete the bars displace is
   * not deducted, as in the usual design equations. Compression steel that would lie
   * at or below the neutral axis is not counted. */
  static inline PS_HD void ps_ec2_flexure (double b, double eta, double lambda, double f_cd,
                                           double f_yd, double E_s, double eps_cu, PsEc2Flexure *f)
  {
    double a = eta * f_cd * b * lambda;

    f->sigma_s2 = 0.0;
    f->comp_yields = 0;
    f->x = (f->A_t - f->A_c) * f_yd / a;
    if (f->A_c > 0.0 && f->x > f->d_c && eps_cu * (f->x - f->d_c) / f->x >= f_yd / E_s)
      {
        f->sigma_s2 = f_yd;
        f->comp_yields = 1;
      }
    else if (f->A_c > 0.0)
      {
        /* Elastic compression steel: a x^2 + (A_c E_s eps_cu - A_t f_yd) x
         * - A_c E_s eps_cu d_c = 0, the positive root. */
        double B = f->A_c * E_s * eps_cu - f->A_t * f_yd;
        double C = f->A_c * E_s * eps_cu * f->d_c;
        double x = (-B + sqrt (B * B + 4.0 * a * C)) / (2.0 * a);

        if (x > f->d_c)
          {
            f->x = x;
            f->sigma_s2 = E_s * eps_cu * (x - f->d_c) / x;
          }
        else
          f->x = f->A_t * f_yd / a;
      }
    else
      f->x = f->A_t * f_yd / a;
    f->x_d = f->x / f->d_t;
    f->eps_s = eps_cu * (f->d_t - f->x) / f->x;
    f->eps_s2 = f->A_c > 0.0 ? eps_cu * (f->x - f->d_c) / f->x : NAN;
    f->F_c = a * f->x;
    f->z_c = f->d_t - 0.5 * lambda * f->x;
    f->M_Rd = f->F_c * f->z_c + f->A_c * f->sigma_s2 * (f->d_t - f->d_c);
  }

  /* Transformed section of a rectangle with tension steel A_t at d_t and compression
   * steel A_c at d_c, modular ratio alpha_e: uncracked (x_I, I_I) and cracked
   * (x_II, I_II, concrete in tension ignored). */
  static inline PS_HD void ps_ec2_transformed (double b, double h, double A_t, double d_t,
                                               double A_c, double d_c, double alpha_e, double *x_I,
                                               double *I_I, double *x_II, double *I_II)
  {
    double am1 = alpha_e - 1.0;
    double A = b * h + am1 * (A_t + A_c);
    double xI = (0.5 * b * h * h + am1 * (A_t * d_t + A_c * d_c)) / A;
    double yc = 0.5 * h - xI;
    double qb = am1 * A_c + alpha_e * A_t;
    double qc = am1 * A_c * d_c + alpha_e * A_t * d_t;
    double xII = (-qb + sqrt (qb * qb + 2.0 * b * qc)) / b;

    *x_I = xI;
    *I_I = b * h * h * h / 12.0 + b * h * yc * yc
           + am1 * (A_t * (d_t - xI) * (d_t - xI) + A_c * (xI - d_c) * (xI - d_c));
    *x_II = xII;
    *I_II = b * xII * xII * xII / 3.0 + am1 * A_c * (xII - d_c) * (xII - d_c)
            + alpha_e * A_t * (d_t - xII) * (d_t - xII);
  }

  static inline PS_HD void ps_ec2_refuse (PsDesignResult *r, PsEc2Details *d, PsEc2Refusal why)
  {
    r->refused = 1;
    if (d->refusal == PS_EC2_OK)
      d->refusal = why;
  }

  static inline PS_HD void ps_ec2_flexure_init (PsEc2Flexure *f)
  {
    f->d_t = f->A_t = f->d_c = f->A_c = NAN;
    f->x = f->x_d = f->eps_s = f->eps_s2 = f->sigma_s2 = f->F_c = f->z_c = f->M_Rd = NAN;
    f->comp_yields = 0;
  }

  static inline PS_HD void ps_ec2_details_init (PsEc2Details *d)
  {
    d->refusal = PS_EC2_OK;
    d->f_cd = d->f_yd = d->eta = d->lambda = d->eps_cu3 = d->eps_yd = NAN;
    d->xu_d_max = d->k_duct_1 = d->k_duct_2 = NAN;
    d->M_Ed_sag = d->M_Ed_hog = NAN;
    ps_ec2_flexure_init (&d->sag);
    ps_ec2_flexure_init (&d->hog);
    d->hog_checked = 0;
    d->V_Ed = d->C_Rd_c = d->k_shear = d->d_shear = d->A_sl = d->rho_l = NAN;
    d->v_Rd_c = d->v_min = d->V_Rd_c = d->nu = d->V_Rd_max = NAN;
    d->As_min = d->As_min_top = d->As_max = NAN;
    d->span_depth_checked = 0;
    d->K = d->l = d->d_ld = d->M_ld = d->M_lim = d->x_lim = d->As_req = d->As2_req = NAN;
    d->As_prov = d->rho_0 = d->rho = d->rho_p = NAN;
    d->eq_716b = 0;
    d->ld_basic = d->F_steel = d->F_span = d->ld_limit = d->ld_actual = NAN;
    d->deflection_checked = 0;
    d->EI_analysis = d->E_c_eff = d->alpha_e_lt = d->alpha_e_st = NAN;
    d->x_I = d->I_I = d->x_II = d->I_II = NAN;
    d->x_I_st = d->I_I_st = d->x_II_st = d->I_II_st = NAN;
    d->M_cr = d->M_sls = d->zeta_lt = d->zeta_st = NAN;
    d->w_total_gross = d->w_variable_gross = d->w_total = d->w_variable = NAN;
  }

  /* V_Rd,c of 6.2.2(1) (6.2a), (6.2b) with sigma_cp = 0, for tension steel A_sl at
   * effective depth d (m); also returns k, rho_l, the two stresses (Pa). */
  static inline PS_HD double ps_ec2_V_Rd_c (double b, double d, double A_sl, double f_ck_mpa,
                                            double gamma_C, double *k, double *rho_l,
                                            double *v_Rd_c, double *v_min)
  {
    double kk = fmin (1.0 + sqrt (200.0 / (d * 1e3)), 2.0);
    double rho = fmin (A_sl / (b * d), 0.02);
    /* (6.2a) with the recommended C_Rd,c = 0.18 / gamma_C; stresses in MPa. */
    double v = 0.18 / gamma_C * kk * ps_pow (100.0 * rho * f_ck_mpa, 1.0 / 3.0);
    /* (6.3N): v_min = 0.035 k^(3/2) f_ck^(1/2). */
    double vm = 0.035 * kk * sqrt (kk) * sqrt (f_ck_mpa);

    *k = kk;
    *rho_l = rho;
    *v_Rd_c = v * 1e6;
    *v_min = vm * 1e6;
    return fmax (v, vm) * 1e6 * b * d;
  }

  /* The tension reinforcement a moment needs (for 7.4.2's rho and 310/sigma_s):
   * singly reinforced while M <= M_lim, the moment at the ductility limit x_lim; beyond
   * it, compression steel at d_c (assumed yielding) takes M - M_lim. Without
   * compression steel (d_c NAN) a moment beyond M_lim needs x > x_lim: the section then
   * fails in bending anyway, and the required steel is that of the stress block alone,
   * or infinite where no depth of stress block carries M. */
  static inline PS_HD void ps_ec2_required_steel (double M, double b, double d, double d_c,
                                                  double eta, double lambda, double f_cd,
                                                  double f_yd, double xu_d_max, double *M_lim,
                                                  double *x_lim, double *As_req, double *As2_req)
  {
    double a = eta * f_cd * b * lambda;
    double disc = d * d - 2.0 * M / (eta * f_cd * b);

    *x_lim = xu_d_max * d;
    *M_lim = a * *x_lim * (d - 0.5 * lambda * *x_lim);
    *As2_req = 0.0;
    if (M <= *M_lim || (isnan (d_c) && disc >= 0.0))
      *As_req = a * (d - sqrt (disc)) / lambda / f_yd;
    else if (isnan (d_c))
      *As_req = INFINITY;
    else
      {
        *As2_req = (M - *M_lim) / (f_yd * (d - d_c));
        *As_req = a * *x_lim / f_yd + *As2_req;
      }
  }

  /* (7.16a), (7.16b) basic span/effective depth, f_ck in MPa. */
  static inline PS_HD double ps_ec2_ld_basic (double K, double f_ck_mpa, double rho, double rho_p,
                                              double rho_0, int *b)
  {
    double sf = sqrt (f_ck_mpa);

    if (rho <= rho_0)
      {
        *b = 0;
        if (rho <= 0.0)
          return INFINITY;
        return K * (11.0 + 1.5 * sf * rho_0 / rho + 3.2 * sf * ps_pow (rho_0 / rho - 1.0, 1.5));
      }
    *b = 1;
    return K * (11.0 + 1.5 * sf * rho_0 / (rho - rho_p) + sf / 12.0 * sqrt (rho_p / rho_0));
  }

  /* Checks a reinforced section for one combination. */
  static inline PS_HD void ps_ec2_check_rc (const PsEc2Section *s, const PsEc2Concrete *c,
                                            const PsEc2Options *o, const PsDesignActions *a,
                                            PsDesignResult *r, PsEc2Details *d)
  {
    double b = s->b, h = s->h;
    double f_ck_mpa = c->f_ck * 1e-6;
    int has_top = s->As2 > 0.0;

    ps_design_result_init (r);
    ps_ec2_details_init (d);
    if (!(b > 0.0) || !(h > 0.0) || !(s->d > 0.0) || !(s->d < h) || isinf (b) || isinf (h)
        || (has_top && !(s->d2 > 0.0 && s->d2 < s->d)) || s->As2 < 0.0 || isnan (s->As2))
      {
        ps_ec2_refuse (r, d, PS_EC2_REFUSE_SECTION);
        return;
      }
    if (!(c->f_ck > 0.0) || !(c->f_ctm > 0.0) || !(c->E_cm > 0.0) || !(c->eps_cu2 > 0.0)
        || !(c->eps_cu3 > 0.0))
      {
        ps_ec2_refuse (r, d, PS_EC2_REFUSE_MATERIAL);
        return;
      }
    if (!(s->As > 0.0) || !(s->f_yk > 0.0) || !(s->E_s > 0.0) || isinf (s->As))
      {
        ps_ec2_refuse (r, d, PS_EC2_REFUSE_STEEL);
        return;
      }
    if (!(o->gamma_C > 0.0) || !(o->gamma_S > 0.0) || !(o->alpha_cc > 0.0))
      {
        ps_ec2_refuse (r, d, PS_EC2_REFUSE_FACTORS);
        return;
      }

    /* 3.1.6 (3.15), 3.2.7 (Figure 3.8): design strengths. */
    d->f_cd = o->alpha_cc * c->f_ck / o->gamma_C;
    d->f_yd = s->f_yk / o->gamma_S;
    d->eps_yd = d->f_yd / s->E_s;
    d->eps_cu3 = c->eps_cu3;
    ps_ec2_stress_block (f_ck_mpa, &d->lambda, &d->eta);
    /* 5.5(4) (5.10a), (5.10b) with delta = 1 (no redistribution) and the recommended
     * k1 = 0.44, k3 = 0.54, k2 = k4 = 1.25 (0.6 + 0.0014 / eps_cu2). */
    d->k_duct_1 = f_ck_mpa <= 50.0 ? 0.44 : 0.54;
    d->k_duct_2 = 1.25 * (0.6 + 0.0014 / c->eps_cu2);
    d->xu_d_max = isnan (o->xu_d_max) ? (1.0 - d->k_duct_1) / d->k_duct_2 : o->xu_d_max;

    /* Sagging: A_s in tension at d, A_s2 in compression at d2. */
    d->M_Ed_sag = fabs (a->M_Ed_sag);
    d->M_Ed_hog = fabs (a->M_Ed_hog);
    d->sag.d_t = s->d;
    d->sag.A_t = s->As;
    d->sag.d_c = has_top ? s->d2 : 0.0;
    d->sag.A_c = has_top ? s->As2 : 0.0;
    ps_ec2_flexure (b, d->eta, d->lambda, d->f_cd, d->f_yd, s->E_s, c->eps_cu3, &d->sag);
    r->M_Rd = d->sag.M_Rd;
    if (d->sag.x_d > d->xu_d_max || d->sag.eps_s < d->eps_yd)
      ps_ec2_refuse (r, d, PS_EC2_REFUSE_OVER_REINFORCED);
    {
      double u = d->M_Ed_sag / d->sag.M_Rd;

      /* Hogging: A_s2 in tension at h - d2, A_s in compression at h - d. */
      if (d->M_Ed_hog > 0.0 || isnan (d->M_Ed_hog))
        {
          if (!has_top)
            ps_ec2_refuse (r, d, PS_EC2_REFUSE_NO_TOP_STEEL);
          else
            {
              d->hog_checked = 1;
              d->hog.d_t = h - s->d2;
              d->hog.A_t = s->As2;
              d->hog.d_c = h - s->d;
              d->hog.A_c = s->As;
              ps_ec2_flexure (b, d->eta, d->lambda, d->f_cd, d->f_yd, s->E_s, c->eps_cu3, &d->hog);
              if (d->hog.x_d > d->xu_d_max || d->hog.eps_s < d->eps_yd)
                ps_ec2_refuse (r, d, PS_EC2_REFUSE_OVER_REINFORCED);
              u = ps_design_max2 (u, d->M_Ed_hog / d->hog.M_Rd);
            }
        }
      ps_design_set_u (r, PS_CHECK_BENDING, u);
    }

    /* 6.2.2: members without designed shear reinforcement. Where hogging moments occur
     * the tension face at the section of largest shear is not known here, so the
     * smaller resistance of the two faces is taken. */
    {
      double k, rho, v, vm;

      d->V_Ed = fabs (a->V_Ed);
      d->C_Rd_c = 0.18 / o->gamma_C;
      d->d_shear = s->d;
      d->A_sl = s->As;
      d->V_Rd_c = ps_ec2_V_Rd_c (b, s->d, s->As, f_ck_mpa, o->gamma_C, &d->k_shear, &d->rho_l,
                                 &d->v_Rd_c, &d->v_min);
      if (d->hog_checked)
        {
          double V = ps_ec2_V_Rd_c (b, h - s->d2, s->As2, f_ck_mpa, o->gamma_C, &k, &rho, &v, &vm);

          if (V < d->V_Rd_c)
            {
              d->V_Rd_c = V;
              d->d_shear = h - s->d2;
              d->A_sl = s->As2;
              d->k_shear = k;
              d->rho_l = rho;
              d->v_Rd_c = v;
              d->v_min = vm;
            }
        }
      /* 6.2.2(6) (6.5) with nu of (6.6N). */
      d->nu = 0.6 * (1.0 - f_ck_mpa / 250.0);
      d->V_Rd_max = 0.5 * b * d->d_shear * d->nu * d->f_cd;
      r->V_Rd = fmin (d->V_Rd_c, d->V_Rd_max);
      ps_design_set_u (r, PS_CHECK_SHEAR,
                       ps_design_max2 (d->V_Ed / d->V_Rd_c, d->V_Ed / d->V_Rd_max));
    }

    /* 9.2.1.1(1) (9.1N) and (3): minimum and maximum longitudinal reinforcement, b_t = b. */
    {
      double u;

      d->As_min = fmax (0.26 * c->f_ctm / s->f_yk * b * s->d, 0.0013 * b * s->d);
      d->As_max = 0.04 * b * h;
      u = ps_design_max2 (d->As_min / s->As, fmax (s->As, has_top ? s->As2 : 0.0) / d->As_max);
      if (d->hog_checked)
        {
          double dt = h - s->d2;

          d->As_min_top = fmax (0.26 * c->f_ctm / s->f_yk * b * dt, 0.0013 * b * dt);
          u = ps_design_max2 (u, d->As_min_top / s->As2);
        }
      ps_design_set_u (r, PS_CHECK_REINFORCEMENT, u);
    }

    /* 7.4.2: span/depth ratio. A cantilever's tension steel is the top steel. */
    if (o->span_depth)
      {
        int cant = o->span_type == PS_EC2_SPAN_CANTILEVER;

        d->span_depth_checked = 1;
        d->K = ps_ec2_K (o->span_type);
        d->l = o->span;
        if (cant && !has_top)
          ps_ec2_refuse (r, d, PS_EC2_REFUSE_NO_TOP_STEEL);
        else
          {
            double dc = cant ? h - s->d : s->d2;

            d->d_ld = cant ? h - s->d2 : s->d;
            d->M_ld = cant ? d->M_Ed_hog : d->M_Ed_sag;
            d->As_prov = cant ? s->As2 : s->As;
            ps_ec2_required_steel (d->M_ld, b, d->d_ld, has_top ? dc : NAN, d->eta, d->lambda,
                                   d->f_cd, d->f_yd, d->xu_d_max, &d->M_lim, &d->x_lim, &d->As_req,
                                   &d->As2_req);
            /* 7.4.2(2): rho_0 = sqrt(f_ck) 10^-3, rho and rho' at mid-span (support for
             * a cantilever) from the reinforcement the design moment requires. */
            d->rho_0 = sqrt (f_ck_mpa) * 1e-3;
            d->rho = d->As_req / (b * d->d_ld);
            d->rho_p = d->As2_req / (b * d->d_ld);
            d->ld_basic = ps_ec2_ld_basic (d->K, f_ck_mpa, d->rho, d->rho_p, d->rho_0, &d->eq_716b);
            /* (7.17): 310 / sigma_s = 500 / (f_yk A_s,req / A_s,prov), f_yk in MPa. */
            d->F_steel = d->As_req > 0.0 ? fmin (500.0 / (s->f_yk * 1e-6 * d->As_req / d->As_prov),
                                                 o->steel_factor_max)
                                         : 1.0;
            d->F_span = (o->partitions && d->l > 7.0) ? 7.0 / d->l : 1.0;
            d->ld_limit = d->ld_basic * d->F_steel * d->F_span;
            d->ld_actual = d->l / d->d_ld;
            ps_design_set_u (r, PS_CHECK_SPAN_DEPTH,
                             isinf (d->ld_limit) ? 0.0 : d->ld_actual / d->ld_limit);
          }
      }

    /* 7.4.3: deflections of the analysis (gross section, EI_analysis) scaled to the
     * cracked, creep-affected member. alpha = zeta alpha_II + (1 - zeta) alpha_I (7.18)
     * applied to the deflection (7.4.3(3)); zeta = 1 - beta (M_cr / M)^2 (7.19) with
     * sigma_sr / sigma_s = M_cr / M, beta = 0.5 for the sustained total and 1.0 for the
     * short-term variable part; without the SLS moment the section is taken as fully
     * cracked (zeta = 1), which is conservative. E_c,eff = E_cm / (1 + phi) (7.20) is
     * applied to the whole total deflection, conservatively. Shrinkage curvature
     * (7.4.3(6)) is not included. */
    if (!isnan (a->limit_total) || !isnan (a->limit_variable))
      {
        PsDesignActions sls = *a;
        int hog = d->M_Ed_hog > d->M_Ed_sag && has_top;
        double At = hog ? s->As2 : s->As, dt = hog ? h - s->d2 : s->d;
        double Ac = hog ? s->As : (has_top ? s->As2 : 0.0);
        double dcc = hog ? h - s->d : (has_top ? s->d2 : 0.0);
        double Ig = b * h * h * h / 12.0;

        d->deflection_checked = 1;
        d->EI_analysis = isnan (o->EI_analysis) ? c->E_cm * Ig : o->EI_analysis;
        d->E_c_eff = c->E_cm / (1.0 + o->phi_creep);
        d->alpha_e_lt = s->E_s / d->E_c_eff;
        d->alpha_e_st = s->E_s / c->E_cm;
        ps_ec2_transformed (b, h, At, dt, Ac, dcc, d->alpha_e_lt, &d->x_I, &d->I_I, &d->x_II,
                            &d->I_II);
        ps_ec2_transformed (b, h, At, dt, Ac, dcc, d->alpha_e_st, &d->x_I_st, &d->I_I_st,
                            &d->x_II_st, &d->I_II_st);
        /* Cracking moment with f_ctm on the short-term uncracked section (7.4.3(3)). */
        d->M_cr = c->f_ctm * d->I_I_st / (h - d->x_I_st);
        d->M_sls = fabs (a->M_sls);
        if (isnan (a->M_sls))
          d->zeta_lt = d->zeta_st = 1.0;
        else if (d->M_sls <= d->M_cr)
          d->zeta_lt = d->zeta_st = 0.0;
        else
          {
            double q = d->M_cr / d->M_sls;

            d->zeta_lt = 1.0 - 0.5 * q * q;
            d->zeta_st = 1.0 - q * q;
          }
        d->w_total_gross = a->w_total;
        d->w_variable_gross = a->w_variable;
        d->w_total = a->w_total * d->EI_analysis / d->E_c_eff
                     * (d->zeta_lt / d->I_II + (1.0 - d->zeta_lt) / d->I_I);
        d->w_variable = a->w_variable * d->EI_analysis / c->E_cm
                        * (d->zeta_st / d->I_II_st + (1.0 - d->zeta_st) / d->I_I_st);
        sls.w_total = d->w_total;
        sls.w_variable = d->w_variable;
        ps_sls_check (&sls, r);
      }
    if (r->refused && d->refusal == PS_EC2_OK)
      d->refusal = PS_EC2_REFUSE_NAN;
  }

  /* Checks a plain (unreinforced) rectangular section for one combination: EN 1992-1-1
   * Section 12. The section must stay uncracked (12.6.3(4)): the extreme-fibre tension
   * M / W is compared with f_ctd,pl; the bending compression, never critical before
   * cracking, is not the criterion. */
  static inline PS_HD void ps_ec2_check_plain (double b, double h, const PsEc2Concrete *c,
                                               const PsEc2Options *o, const PsDesignActions *a,
                                               PsDesignResult *r, PsEc2PlainDetails *d)
  {
    ps_design_result_init (r);
    d->refusal = PS_EC2_OK;
    d->f_ctd_pl = d->W = d->M_Ed = d->sigma_ct = NAN;
    d->V_Ed = d->A_cc = d->tau_cp = d->sigma_cp = d->f_cvd = NAN;
    d->E_c_eff = d->EI_analysis = d->w_total = d->w_variable = NAN;
    if (!(b > 0.0) || !(h > 0.0) || isinf (b) || isinf (h))
      {
        r->refused = 1;
        d->refusal = PS_EC2_REFUSE_SECTION;
        return;
      }
    if (!(c->f_ctk_005 > 0.0) || !(c->E_cm > 0.0))
      {
        r->refused = 1;
        d->refusal = PS_EC2_REFUSE_MATERIAL;
        return;
      }
    if (!(o->gamma_C > 0.0) || !(o->alpha_ct_pl > 0.0))
      {
        r->refused = 1;
        d->refusal = PS_EC2_REFUSE_FACTORS;
        return;
      }
    /* 12.3.1 (12.1): f_ctd,pl = alpha_ct,pl f_ctk,0.05 / gamma_C. */
    d->f_ctd_pl = o->alpha_ct_pl * c->f_ctk_005 / o->gamma_C;
    d->W = b * h * h / 6.0;
    d->M_Ed = ps_design_max2 (fabs (a->M_Ed_sag), fabs (a->M_Ed_hog));
    d->sigma_ct = d->M_Ed / d->W;
    r->M_Rd = d->f_ctd_pl * d->W;
    ps_design_set_u (r, PS_CHECK_TENSION, d->sigma_ct / d->f_ctd_pl);

    /* 12.6.3(3): tau_cp = k V_Ed / A_cc (12.4), k = 1.5, over the uncracked section
     * (A_cc = b h) the tension check requires; with N_Ed = 0, sigma_cp = 0 and (12.5)
     * gives f_cvd = f_ctd,pl. */
    d->V_Ed = fabs (a->V_Ed);
    d->A_cc = b * h;
    d->tau_cp = 1.5 * d->V_Ed / d->A_cc;
    d->sigma_cp = 0.0;
    d->f_cvd = sqrt (d->f_ctd_pl * d->f_ctd_pl + d->sigma_cp * d->f_ctd_pl);
    r->V_Rd = d->f_cvd * d->A_cc / 1.5;
    ps_design_set_u (r, PS_CHECK_SHEAR, d->tau_cp / d->f_cvd);

    /* Deflection of the uncracked gross section with creep (7.4.3(5) (7.20)). */
    if (!isnan (a->limit_total) || !isnan (a->limit_variable))
      {
        PsDesignActions sls = *a;
        double Ig = b * h * h * h / 12.0;

        d->EI_analysis = isnan (o->EI_analysis) ? c->E_cm * Ig : o->EI_analysis;
        d->E_c_eff = c->E_cm / (1.0 + o->phi_creep);
        d->w_total = a->w_total * d->EI_analysis / (d->E_c_eff * Ig);
        d->w_variable = a->w_variable * d->EI_analysis / (c->E_cm * Ig);
        sls.w_total = d->w_total;
        sls.w_variable = d->w_variable;
        ps_sls_check (&sls, r);
      }
    if (r->refused && d->refusal == PS_EC2_OK)
      d->refusal = PS_EC2_REFUSE_NAN;
  }

#ifdef __cplusplus
}
#endif
