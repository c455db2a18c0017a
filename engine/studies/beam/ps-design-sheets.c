#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>

#include "ps-design-sheets.h"

/* The strings of one sheet under construction, freed together. */
typedef struct
{
  GPtrArray *strings;
} Pool;

static const char *
keep (Pool *p, char *s)
{
  g_ptr_array_add (p->strings, s);
  return s;
}

static const char *cat (Pool *p, const char *format, ...) G_GNUC_PRINTF (2, 3);

static const char *
cat (Pool *p, const char *format, ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return keep (p, s);
}

/* @v with four significant digits, "." as decimal sign whatever the locale (the sheet
 * is a technical document), no exponent. */
static const char *
num (Pool *p, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  int decimals;

  if (isnan (v))
    return "—";
  if (isinf (v))
    return v > 0 ? "∞" : "−∞";
  if (v == 0.0)
    return "0";
  decimals = 3 - (int)floor (log10 (fabs (v)));
  decimals = CLAMP (decimals, 0, 9);
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, v);
  return keep (p, g_strdup (buf));
}

static const char *
with_unit (Pool *p, double v, const char *unit)
{
  return cat (p, "%s %s", num (p, v), unit);
}

#define KN(v) with_unit (&pool, (v)*1e-3, "kN")
#define KNM(v) with_unit (&pool, (v)*1e-3, "kN·m")
#define MPA(v) with_unit (&pool, (v)*1e-6, "MPa")
#define GPA(v) with_unit (&pool, (v)*1e-9, "GPa")
#define MM(v) with_unit (&pool, (v)*1e3, "mm")
#define MM2(v) with_unit (&pool, (v)*1e6, "mm²")
#define CM3(v) with_unit (&pool, (v)*1e6, "cm³")
#define CM4(v) with_unit (&pool, (v)*1e8, "cm⁴")
#define CM6(v) with_unit (&pool, (v)*1e12, "cm⁶")
#define M(v) with_unit (&pool, (v), "m")
#define N(v) num (&pool, (v))

static const char *
duration_name (PsLoadDuration duration)
{
  switch (duration)
    {
    case PS_DURATION_PERMANENT:
      return _ ("permanent");
    case PS_DURATION_LONG_TERM:
      return _ ("long-term");
    case PS_DURATION_MEDIUM_TERM:
      return _ ("medium-term");
    case PS_DURATION_SHORT_TERM:
      return _ ("short-term");
    case PS_DURATION_INSTANTANEOUS:
      return _ ("instantaneous");
    }
  return "?";
}

const char *
ps_ec5_refusal_message (PsEc5Refusal refusal)
{
  switch (refusal)
    {
    case PS_EC5_OK:
      return "";
    case PS_EC5_REFUSE_SECTION:
      return _ ("the section's width and depth must be positive lengths");
    case PS_EC5_REFUSE_MATERIAL:
      return _ ("the timber's strengths or moduli are missing");
    case PS_EC5_REFUSE_SERVICE_CLASS:
      return _ ("the service class must be 1, 2 or 3 (EN 1995-1-1 2.3.1.3)");
    case PS_EC5_REFUSE_DURATION:
      return _ ("the load-duration class is not one of EN 1995-1-1 Table 2.1");
    case PS_EC5_REFUSE_FACTORS:
      return _ ("k_mod, k_def, γ_M or k_cr is not a positive number");
    case PS_EC5_REFUSE_LTB_HARDWOOD:
      return _ ("lateral stability of hardwood needs G_0.05 (EN 1995-1-1 (6.31)), which the "
                "table does not give; restrain the beam laterally");
    case PS_EC5_REFUSE_LTB_DIAGRAM:
      return _ ("the cantilever's moment diagram is not one of EN 1995-1-1 Table 6.1 (uniform "
                "load, point load at the free end)");
    case PS_EC5_REFUSE_NAN:
      return _ ("an action or a result is not a number");
    }
  return "";
}

const char *
ps_ec2_refusal_message (PsEc2Refusal refusal)
{
  switch (refusal)
    {
    case PS_EC2_OK:
      return "";
    case PS_EC2_REFUSE_SECTION:
      return _ ("the section's dimensions are not consistent (b, h, d > 0, d < h, 0 < d2 < d)");
    case PS_EC2_REFUSE_MATERIAL:
      return _ ("the concrete's strengths, modulus or strains are missing");
    case PS_EC2_REFUSE_STEEL:
      return _ ("the reinforcement area, f_yk or E_s is missing or not positive");
    case PS_EC2_REFUSE_OVER_REINFORCED:
      return _ ("over-reinforced: the neutral axis exceeds the ductility limit of EN 1992-1-1 "
                "5.5(4) even with the compression steel counted");
    case PS_EC2_REFUSE_NO_TOP_STEEL:
      return _ ("hogging moments (or a cantilever) need top reinforcement As2 with d2");
    case PS_EC2_REFUSE_FACTORS:
      return _ ("a partial factor or α coefficient is not a positive number");
    case PS_EC2_REFUSE_NAN:
      return _ ("an action or a result is not a number");
    }
  return "";
}

const char *
ps_ec9_refusal_message (PsEc9Refusal refusal)
{
  switch (refusal)
    {
    case PS_EC9_OK:
      return "";
    case PS_EC9_REFUSE_SECTION:
      return _ ("the section's dimensions are not consistent");
    case PS_EC9_REFUSE_MATERIAL:
      return _ ("the alloy's f_o, E or G is missing");
    case PS_EC9_REFUSE_WELDED:
      return _ ("welded members (heat-affected zones, EN 1999-1-1 6.1.6) are not covered");
    case PS_EC9_REFUSE_CLASS_4:
      return _ ("class 4 section: the effective section (EN 1999-1-1 6.1.5, 6.2.5.2) is not "
                "implemented");
    case PS_EC9_REFUSE_SLENDER_WEB:
      return _ ("slender web, h_w/t_w > 39ε: shear buckling (EN 1999-1-1 6.7.4) is not "
                "implemented");
    case PS_EC9_REFUSE_LTB_CANTILEVER:
      return _ ("lateral-torsional buckling of a cantilever is not implemented; restrain it "
                "laterally");
    case PS_EC9_REFUSE_LTB_DIAGRAM:
      return _ ("no C1, C2 here for this moment diagram with the load above the shear centre");
    case PS_EC9_REFUSE_FACTORS:
      return _ ("a partial factor is not a positive number");
    case PS_EC9_REFUSE_NAN:
      return _ ("an action or a result is not a number");
    }
  return "";
}

static void
add_refusal (PsCalcSheet *sheet, const char *clause, const char *message)
{
  ps_calc_sheet_add (sheet, clause, _ ("Design refused: the code cannot check it"), "", "", message,
                     NAN);
}

static const char *
ratio_limit (Pool *p, double w, double limit, double L_ref)
{
  if (isnan (L_ref) || !(limit > 0.0))
    return "";
  return cat (p, "L/%.0f", L_ref / limit);
}

void
ps_sls_sheet_add (PsCalcSheet *sheet, const char *clause, const char *total_symbol, double w_total,
                  double w_variable, const PsDesignActions *a, const PsDesignResult *r)
{
  Pool pool = { g_ptr_array_new_with_free_func (g_free) };

  if (!isnan (a->limit_total))
    ps_calc_sheet_add (sheet, clause, _ ("Deflection, all actions (SLS)"),
                       cat (&pool, "%s ≤ w_lim (%s)", total_symbol,
                            ratio_limit (&pool, w_total, a->limit_total, a->L_ref)),
                       cat (&pool, "%s / %s", MM (fabs (w_total)), MM (a->limit_total)),
                       cat (&pool, "%s = %s", total_symbol, MM (fabs (w_total))),
                       r->u[PS_CHECK_DEFLECTION]);
  if (!isnan (a->limit_variable))
    ps_calc_sheet_add (sheet, clause, _ ("Deflection, variable actions (SLS)"),
                       cat (&pool, "w_Q ≤ w_lim,Q (%s)",
                            ratio_limit (&pool, w_variable, a->limit_variable, a->L_ref)),
                       cat (&pool, "%s / %s", MM (fabs (w_variable)), MM (a->limit_variable)),
                       cat (&pool, "w_Q = %s", MM (fabs (w_variable))),
                       r->u[PS_CHECK_DEFLECTION_VARIABLE]);
  g_ptr_array_unref (pool.strings);
}

static const char *
lef_row (PsEc5LefCase c)
{
  switch (c)
    {
    case PS_EC5_LEF_CONSTANT_MOMENT:
      return _ ("simply supported, constant moment");
    case PS_EC5_LEF_UNIFORM_LOAD:
      return _ ("simply supported, uniformly distributed load");
    case PS_EC5_LEF_POINT_MIDDLE:
      return _ ("simply supported, concentrated force at the middle");
    case PS_EC5_LEF_OTHER_SIMPLE:
      return _ ("other moment diagram: the constant-moment row, the most severe");
    case PS_EC5_LEF_CANTILEVER_UNIFORM:
      return _ ("cantilever, uniformly distributed load");
    case PS_EC5_LEF_CANTILEVER_POINT:
      return _ ("cantilever, concentrated force at the free end");
    case PS_EC5_LEF_NONE:
      break;
    }
  return "";
}

PsCalcSheet *
ps_ec5_sheet (const PsEc5Section *s, const PsEc5Material *m, const PsEc5Options *o,
              const PsDesignActions *a, const PsDesignResult *r, const PsEc5Details *d)
{
  PsCalcSheet *sheet = ps_calc_sheet_new (_ ("Timber beam, EN 1995-1-1:2004+A1:2008"));
  Pool pool = { g_ptr_array_new_with_free_func (g_free) };
  const char *fd = m->product == PS_TIMBER_GLULAM ? "f_m,g,d" : "f_m,d";

  if (r->refused)
    add_refusal (sheet, "EN 1995-1-1", ps_ec5_refusal_message (d->refusal));
  ps_calc_sheet_add (sheet, "", _ ("Rectangular section"), "W = b h² / 6",
                     cat (&pool, "%s × (%s)² / 6", MM (s->b), MM (s->h)), CM3 (d->W), NAN);
  if (isnan (d->k_mod))
    goto done;
  ps_calc_sheet_add (
      sheet, "EN 1995-1-1 3.1.3(2), Table 3.1",
      _ ("Modification factor for the shortest-acting action and the service class"), "k_mod",
      cat (&pool, _ ("service class %d, %s"), o->service_class, duration_name (a->duration)),
      N (d->k_mod), NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 2.4.1, Table 2.3",
                     _ ("Partial factor (recommended value; a national annex may differ)"), "γ_M",
                     m->product == PS_TIMBER_GLULAM ? _ ("glued laminated timber")
                                                    : _ ("solid timber"),
                     N (d->gamma_M), NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 2.4.1 (2.14)", _ ("Design bending strength"),
                     cat (&pool, "%s = k_mod f_m,k / γ_M", fd),
                     cat (&pool, "%s × %s / %s", N (d->k_mod), MPA (m->f_m_k), N (d->gamma_M)),
                     MPA (d->f_m_d), NAN);
  if (m->product == PS_TIMBER_GLULAM)
    ps_calc_sheet_add (sheet, "EN 1995-1-1 3.3(3) (3.2)",
                       _ ("Depth factor, glued laminated timber"),
                       "k_h = min((600 mm / h)^0.1, 1.1) for h < 600 mm",
                       cat (&pool, "h = %s", MM (s->h)), N (d->k_h), NAN);
  else
    ps_calc_sheet_add (sheet, "EN 1995-1-1 3.2(3) (3.1)", _ ("Depth factor, solid timber"),
                       "k_h = min((150 mm / h)^0.2, 1.3) for h < 150 mm, ρ_k ≤ 700 kg/m³",
                       cat (&pool, "h = %s, ρ_k = %s kg/m³", MM (s->h), N (m->rho_k)), N (d->k_h),
                       NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 6.1.6", _ ("Bending stress"), "σ_m,d = M_Ed / W",
                     cat (&pool, "%s / %s", KNM (d->M_Ed), CM3 (d->W)), MPA (d->sigma_m_d), NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 6.1.6 (6.11)", _ ("Bending"),
                     cat (&pool, "σ_m,d ≤ k_h %s", fd),
                     cat (&pool, "%s ≤ %s × %s", MPA (d->sigma_m_d), N (d->k_h), MPA (d->f_m_d)),
                     cat (&pool, "M_Rd = %s", KNM (r->M_Rd)), r->u[PS_CHECK_BENDING]);

  ps_calc_sheet_add (sheet, "EN 1995-1-1 2.4.1 (2.14)", _ ("Design shear strength"),
                     "f_v,d = k_mod f_v,k / γ_M",
                     cat (&pool, "%s × %s / %s", N (d->k_mod), MPA (m->f_v_k), N (d->gamma_M)),
                     MPA (d->f_v_d), NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 6.1.7(2) (6.13a)",
                     _ ("Effective width for shear (k_cr recommended; a national annex may "
                        "differ)"),
                     "b_ef = k_cr b", cat (&pool, "%s × %s", N (d->k_cr), MM (s->b)), MM (d->b_ef),
                     NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 6.1.7", _ ("Shear stress"), "τ_d = 1.5 V_Ed / (b_ef h)",
                     cat (&pool, "1.5 × %s / (%s × %s)", KN (d->V_Ed), MM (d->b_ef), MM (s->h)),
                     MPA (d->tau_d), NAN);
  ps_calc_sheet_add (sheet, "EN 1995-1-1 6.1.7 (6.13)", _ ("Shear"), "τ_d ≤ f_v,d",
                     cat (&pool, "%s ≤ %s", MPA (d->tau_d), MPA (d->f_v_d)),
                     cat (&pool, "V_Rd = %s", KN (r->V_Rd)), r->u[PS_CHECK_SHEAR]);

  if (a->ltb_restrained)
    ps_calc_sheet_add (sheet, "EN 1995-1-1 6.3.3(5)", _ ("Lateral torsional stability"),
                       "k_crit = 1", _ ("compression edge restrained along its length"), "1", NAN);
  else if (d->ltb_checked)
    {
      ps_calc_sheet_add (
          sheet, "EN 1995-1-1 6.3.3(2), Table 6.1", _ ("Effective length"),
          a->load_level == PS_LOAD_LEVEL_TOP_FLANGE
              ? "l_ef = (l_ef/l) l + 2h"
              : (d->lef_load < 0.0 ? "l_ef = (l_ef/l) l − 0.5h" : "l_ef = (l_ef/l) l"),
          cat (&pool, "%s: %s × %s%s%s", lef_row (d->lef_case), N (d->lef_ratio), M (d->l),
               d->lef_load != 0.0 ? (d->lef_load > 0.0 ? " + " : " − ") : "",
               d->lef_load != 0.0 ? MM (fabs (d->lef_load)) : ""),
          M (d->l_ef), NAN);
      ps_calc_sheet_add (sheet, "EN 1995-1-1 6.3.3(3) (6.32)",
                         _ ("Critical bending stress, softwood rectangular section"),
                         "σ_m,crit = 0.78 b² E_0,05 / (h l_ef)",
                         cat (&pool, "0.78 × (%s)² × %s / (%s × %s)", MM (s->b), MPA (m->E_0_05),
                              MM (s->h), MM (d->l_ef)),
                         MPA (d->sigma_m_crit), NAN);
      ps_calc_sheet_add (sheet, "EN 1995-1-1 6.3.3(2) (6.30)",
                         _ ("Relative slenderness for bending"), "λ_rel,m = √(f_m,k / σ_m,crit)",
                         cat (&pool, "√(%s / %s)", MPA (m->f_m_k), MPA (d->sigma_m_crit)),
                         N (d->lambda_rel_m), NAN);
      ps_calc_sheet_add (sheet, "EN 1995-1-1 6.3.3(4) (6.34)", _ ("Lateral stability factor"),
                         d->lambda_rel_m <= 0.75  ? "k_crit = 1 (λ_rel,m ≤ 0.75)"
                         : d->lambda_rel_m <= 1.4 ? "k_crit = 1.56 − 0.75 λ_rel,m"
                                                  : "k_crit = 1 / λ_rel,m²",
                         cat (&pool, "λ_rel,m = %s", N (d->lambda_rel_m)), N (d->k_crit), NAN);
      ps_calc_sheet_add (sheet, "EN 1995-1-1 6.3.3(3) (6.33)", _ ("Lateral torsional stability"),
                         cat (&pool, "σ_m,d ≤ k_crit k_h %s", fd),
                         cat (&pool, "%s / %s ≤ %s × %s × %s", KNM (d->M_Ed_ltb), CM3 (d->W),
                              N (d->k_crit), N (d->k_h), MPA (d->f_m_d)),
                         cat (&pool, "M_b,Rd = %s", KNM (r->Mb_Rd)), r->u[PS_CHECK_LTB]);
    }

  if (!isnan (a->limit_total) || !isnan (a->limit_variable))
    {
      ps_calc_sheet_add (sheet, "EN 1995-1-1 3.1.4, Table 3.2", _ ("Deformation factor"), "k_def",
                         cat (&pool, _ ("service class %d"), o->service_class), N (d->k_def), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1995-1-1 2.3.2.2 (2.3), (2.4)", _ ("Final deflection, permanent actions"),
          "u_fin,G = u_inst,G (1 + k_def)",
          cat (&pool, "%s × (1 + %s)", MM (d->u_inst_G), N (d->k_def)), MM (d->u_fin_G), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1995-1-1 2.3.2.2 (2.5)", _ ("Final deflection, variable actions"),
          "u_fin,Q = u_inst,Q + ψ₂ u_inst,Q k_def",
          cat (&pool, "%s + %s × %s", MM (d->u_inst_Q), MM (d->psi2_u_inst_Q), N (d->k_def)),
          MM (d->u_fin_Q), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1995-1-1 2.3.2.2 (2.2)", _ ("Final deflection"), "u_fin = u_fin,G + u_fin,Q",
          cat (&pool, "%s + %s", MM (d->u_fin_G), MM (d->u_fin_Q)), MM (d->u_fin), NAN);
      ps_sls_sheet_add (sheet, "EN 1995-1-1 7.2 (Table 7.2: w_inst l/300–l/500, w_fin l/150–l/300)",
                        "u_fin", d->u_fin, d->u_inst_Q, a, r);
    }
done:
  g_ptr_array_unref (pool.strings);
  return sheet;
}

static void
add_flexure (PsCalcSheet *sheet, Pool *p, const char *what, const PsEc2Flexure *f,
             const PsEc2Details *d, const PsEc2Section *s, double M_Ed, double u)
{
  Pool pool = *p;

  ps_calc_sheet_add (
      sheet, "EN 1992-1-1 3.1.7(3), 6.1", cat (&pool, _ ("Neutral axis depth, %s"), what),
      f->A_c > 0.0 ? "x = (A_s f_yd − A_s2 σ_s2) / (η f_cd b λ)" : "x = A_s f_yd / (η f_cd b λ)",
      f->A_c > 0.0 ? cat (&pool, "(%s × %s − %s × %s) / (%s × %s × %s × %s)", MM2 (f->A_t),
                          MPA (d->f_yd), MM2 (f->A_c), MPA (f->sigma_s2), N (d->eta), MPA (d->f_cd),
                          MM (s->b), N (d->lambda))
                   : cat (&pool, "%s × %s / (%s × %s × %s × %s)", MM2 (f->A_t), MPA (d->f_yd),
                          N (d->eta), MPA (d->f_cd), MM (s->b), N (d->lambda)),
      MM (f->x), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 5.5(4) (5.10a/b), δ = 1",
                     _ ("Ductility: neutral axis depth"), "x_u/d ≤ (δ − k₁)/k₂",
                     cat (&pool, "%s / %s ≤ %s", MM (f->x), MM (f->d_t), N (d->xu_d_max)),
                     N (f->x_d), f->x_d / d->xu_d_max);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 3.1.7(3), 3.2.7",
                     cat (&pool, _ ("Moment resistance, %s"), what),
                     f->A_c > 0.0 ? "M_Rd = η f_cd b λ x (d − λx/2) + A_s2 σ_s2 (d − d₂)"
                                  : "M_Rd = η f_cd b λ x (d − λx/2)",
                     f->A_c > 0.0 ? cat (&pool, "%s × (%s − %s) + %s × %s × (%s − %s)", KN (f->F_c),
                                         MM (f->d_t), MM (0.5 * d->lambda * f->x), MM2 (f->A_c),
                                         MPA (f->sigma_s2), MM (f->d_t), MM (f->d_c))
                                  : cat (&pool, "%s × (%s − %s)", KN (f->F_c), MM (f->d_t),
                                         MM (0.5 * d->lambda * f->x)),
                     KNM (f->M_Rd), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 6.1", cat (&pool, _ ("Bending, %s"), what), "M_Ed ≤ M_Rd",
                     cat (&pool, "%s ≤ %s", KNM (M_Ed), KNM (f->M_Rd)), "", u);
  *p = pool;
}

PsCalcSheet *
ps_ec2_rc_sheet (const PsEc2Section *s, const PsEc2Concrete *c, const PsEc2Options *o,
                 const PsDesignActions *a, const PsDesignResult *r, const PsEc2Details *d)
{
  PsCalcSheet *sheet = ps_calc_sheet_new (_ ("Reinforced concrete beam, EN 1992-1-1:2004"));
  Pool pool = { g_ptr_array_new_with_free_func (g_free) };

  if (r->refused)
    add_refusal (sheet, "EN 1992-1-1", ps_ec2_refusal_message (d->refusal));
  ps_calc_sheet_add (sheet, "", _ ("Rectangular section, bottom reinforcement"), "b × h, d, A_s",
                     cat (&pool, "%s × %s, d = %s", MM (s->b), MM (s->h), MM (s->d)), MM2 (s->As),
                     NAN);
  if (s->As2 > 0.0)
    ps_calc_sheet_add (sheet, "", _ ("Top reinforcement"), "A_s2 at d₂",
                       cat (&pool, "d₂ = %s", MM (s->d2)), MM2 (s->As2), NAN);
  if (isnan (d->f_cd))
    goto done;
  ps_calc_sheet_add (sheet, "EN 1992-1-1 3.1.6(1) (3.15), 2.4.2.4",
                     _ ("Design compressive strength (α_cc = 1.0 and γ_C = 1.5 recommended; "
                        "the UK NA takes α_cc = 0.85)"),
                     "f_cd = α_cc f_ck / γ_C",
                     cat (&pool, "%s × %s / %s", N (o->alpha_cc), MPA (c->f_ck), N (o->gamma_C)),
                     MPA (d->f_cd), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 3.2.7(2), 2.4.2.4", _ ("Design yield strength"),
                     "f_yd = f_yk / γ_S", cat (&pool, "%s / %s", MPA (s->f_yk), N (o->gamma_S)),
                     MPA (d->f_yd), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 3.1.7(3) (3.19)–(3.22)", _ ("Rectangular stress block"),
                     "λ = 0.8, η = 1.0 (f_ck ≤ 50 MPa); else λ = 0.8 − (f_ck − 50)/400, η = 1 − "
                     "(f_ck − 50)/200",
                     cat (&pool, "f_ck = %s", MPA (c->f_ck)),
                     cat (&pool, "λ = %s, η = %s", N (d->lambda), N (d->eta)), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 5.5(4) (5.10a/b)",
                     _ ("Ductility limit without redistribution (δ = 1, recommended k₁..k₄)"),
                     "x_u/d ≤ (δ − k₁)/k₂, k₂ = 1.25 (0.6 + 0.0014/ε_cu2)",
                     cat (&pool, "(1 − %s) / %s", N (d->k_duct_1), N (d->k_duct_2)),
                     N (d->xu_d_max), NAN);
  add_flexure (sheet, &pool, _ ("sagging"), &d->sag, d, s, d->M_Ed_sag, d->M_Ed_sag / d->sag.M_Rd);
  if (d->hog_checked)
    add_flexure (sheet, &pool, _ ("hogging"), &d->hog, d, s, d->M_Ed_hog,
                 d->M_Ed_hog / d->hog.M_Rd);

  ps_calc_sheet_add (sheet, "EN 1992-1-1 6.2.2(1)", _ ("Size factor and reinforcement ratio"),
                     "k = 1 + √(200 mm / d) ≤ 2.0, ρ_l = A_sl / (b d) ≤ 0.02",
                     cat (&pool, "d = %s, A_sl = %s", MM (d->d_shear), MM2 (d->A_sl)),
                     cat (&pool, "k = %s, ρ_l = %s", N (d->k_shear), N (d->rho_l)), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 6.2.2(1) (6.2a), (6.3N)",
                     _ ("Shear resistance without shear reinforcement (C_Rd,c = 0.18/γ_C "
                        "recommended)"),
                     "V_Rd,c = max(C_Rd,c k (100 ρ_l f_ck)^⅓, 0.035 k^1.5 f_ck^0.5) b d",
                     cat (&pool, "max(%s, %s) × %s × %s", MPA (d->v_Rd_c), MPA (d->v_min),
                          MM (s->b), MM (d->d_shear)),
                     KN (d->V_Rd_c), NAN);
  ps_calc_sheet_add (
      sheet, "EN 1992-1-1 6.2.2(6) (6.5), (6.6N)",
      _ ("Upper limit of shear without shear reinforcement"),
      "V_Ed ≤ 0.5 b d ν f_cd, ν = 0.6 (1 − f_ck/250)",
      cat (&pool, "0.5 × %s × %s × %s × %s", MM (s->b), MM (d->d_shear), N (d->nu), MPA (d->f_cd)),
      KN (d->V_Rd_max), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 6.2.2",
                     _ ("Shear (the minimum links of 9.2.2(5) are not checked here)"),
                     "V_Ed ≤ V_Rd,c", cat (&pool, "%s ≤ %s", KN (d->V_Ed), KN (r->V_Rd)),
                     cat (&pool, "V_Rd = %s", KN (r->V_Rd)), r->u[PS_CHECK_SHEAR]);

  ps_calc_sheet_add (sheet, "EN 1992-1-1 9.2.1.1(1) (9.1N)", _ ("Minimum tension reinforcement"),
                     "A_s,min = max(0.26 f_ctm / f_yk, 0.0013) b_t d",
                     cat (&pool, "max(0.26 × %s / %s, 0.0013) × %s × %s", MPA (c->f_ctm),
                          MPA (s->f_yk), MM (s->b), MM (s->d)),
                     MM2 (d->As_min), d->As_min / s->As);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 9.2.1.1(3)",
                     _ ("Maximum reinforcement (0.04 A_c recommended)"), "A_s,max = 0.04 A_c",
                     cat (&pool, "0.04 × %s × %s", MM (s->b), MM (s->h)), MM2 (d->As_max),
                     fmax (s->As, s->As2 > 0.0 ? s->As2 : 0.0) / d->As_max);
  if (d->hog_checked)
    ps_calc_sheet_add (
        sheet, "EN 1992-1-1 9.2.1.1(1) (9.1N)", _ ("Minimum top reinforcement (hogging)"),
        "A_s,min = max(0.26 f_ctm / f_yk, 0.0013) b_t (h − d₂)",
        cat (&pool, "A_s2 = %s", MM2 (s->As2)), MM2 (d->As_min_top), d->As_min_top / s->As2);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 9.2.1.1", _ ("Reinforcement limits"),
                     "A_s,min ≤ A_s ≤ A_s,max", "", "", r->u[PS_CHECK_REINFORCEMENT]);

  if (d->span_depth_checked && !isnan (d->ld_limit))
    {
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.2(2), Table 7.4N", _ ("Structural system factor"),
                         "K",
                         cat (&pool, "%s",
                              o->span_type == PS_EC2_SPAN_SIMPLE     ? _ ("simply supported")
                              : o->span_type == PS_EC2_SPAN_END      ? _ ("end span")
                              : o->span_type == PS_EC2_SPAN_INTERIOR ? _ ("interior span")
                                                                     : _ ("cantilever")),
                         N (d->K), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1992-1-1 6.1, 3.1.7(3)",
          _ ("Tension reinforcement the design moment requires"),
          d->As2_req > 0.0 ? "A_s,req = η f_cd b λ x_lim / f_yd + A_s2,req"
                           : "A_s,req = η f_cd b (d − √(d² − 2 M_Ed/(η f_cd b))) / f_yd",
          cat (&pool, "M_Ed = %s, d = %s", KNM (d->M_ld), MM (d->d_ld)),
          cat (&pool, "%s%s%s", MM2 (d->As_req), d->As2_req > 0.0 ? ", A_s2,req = " : "",
               d->As2_req > 0.0 ? MM2 (d->As2_req) : ""),
          NAN);
      ps_calc_sheet_add (
          sheet, "EN 1992-1-1 7.4.2(2)", _ ("Reinforcement ratios"),
          "ρ₀ = √f_ck × 10⁻³, ρ = A_s,req / (b d), ρ′ = A_s2,req / (b d)",
          cat (&pool, "√%s × 10⁻³; %s / (%s × %s)", N (c->f_ck * 1e-6), MM2 (d->As_req), MM (s->b),
               MM (d->d_ld)),
          cat (&pool, "ρ₀ = %s, ρ = %s, ρ′ = %s", N (d->rho_0), N (d->rho), N (d->rho_p)), NAN);
      ps_calc_sheet_add (
          sheet, d->eq_716b ? "EN 1992-1-1 7.4.2(2) (7.16b)" : "EN 1992-1-1 7.4.2(2) (7.16a)",
          _ ("Basic span/effective depth ratio"),
          d->eq_716b ? "l/d = K [11 + 1.5 √f_ck ρ₀/(ρ − ρ′) + √f_ck √(ρ′/ρ₀) / 12]"
                     : "l/d = K [11 + 1.5 √f_ck ρ₀/ρ + 3.2 √f_ck (ρ₀/ρ − 1)^1.5]",
          cat (&pool, "K = %s, f_ck = %s", N (d->K), MPA (c->f_ck)), N (d->ld_basic), NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.2(2) (7.17)",
                         _ ("Steel stress factor (a national annex may cap it; UK NA 1.5)"),
                         "310/σ_s = 500 / (f_yk A_s,req / A_s,prov)",
                         cat (&pool, "500 / (%s × %s / %s)", N (s->f_yk * 1e-6), MM2 (d->As_req),
                              MM2 (d->As_prov)),
                         N (d->F_steel), NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.2(2)",
                         _ ("Span factor (spans over 7 m supporting brittle partitions)"),
                         "7 / l_eff (l_eff > 7 m)", cat (&pool, "l = %s", M (d->l)), N (d->F_span),
                         NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.2", _ ("Span/depth ratio"),
                         "l/d ≤ (l/d)_basic × 310/σ_s × F_span",
                         cat (&pool, "%s / %s = %s ≤ %s × %s × %s", M (d->l), MM (d->d_ld),
                              N (d->ld_actual), N (d->ld_basic), N (d->F_steel), N (d->F_span)),
                         cat (&pool, "(l/d)_lim = %s", N (d->ld_limit)), r->u[PS_CHECK_SPAN_DEPTH]);
    }

  if (d->deflection_checked)
    {
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.3(5) (7.20)",
                         _ ("Effective modulus for creep (applied to the whole total deflection)"),
                         "E_c,eff = E_cm / (1 + φ(∞,t₀))",
                         cat (&pool, "%s / (1 + %s)", GPA (c->E_cm), N (o->phi_creep)),
                         GPA (d->E_c_eff), NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.3(3)",
                         _ ("Second moments of area, uncracked and cracked (long-term)"),
                         "I_I, I_II with α_e = E_s / E_c,eff",
                         cat (&pool, "α_e = %s", N (d->alpha_e_lt)),
                         cat (&pool, "I_I = %s, I_II = %s", CM4 (d->I_I), CM4 (d->I_II)), NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.3(3)", _ ("Cracking moment"),
                         "M_cr = f_ctm I_I / (h − x_I)",
                         cat (&pool, "%s × %s / (%s − %s)", MPA (c->f_ctm), CM4 (d->I_I_st),
                              MM (s->h), MM (d->x_I_st)),
                         KNM (d->M_cr), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1992-1-1 7.4.3(3) (7.19)",
          _ ("Distribution coefficient (fully cracked when the SLS moment is not known)"),
          "ζ = 1 − β (M_cr / M)², β = 0.5 sustained, 1.0 short-term",
          isnan (a->M_sls) ? _ ("M not given: ζ = 1")
                           : cat (&pool, "M = %s, M_cr = %s", KNM (d->M_sls), KNM (d->M_cr)),
          cat (&pool, "ζ = %s (total), %s (variable)", N (d->zeta_lt), N (d->zeta_st)), NAN);
      ps_calc_sheet_add (sheet, "EN 1992-1-1 7.4.3(3) (7.18)",
                         _ ("Deflection, interpolated between cracked and uncracked"),
                         "w = w_an EI_an [ζ / (E I_II) + (1 − ζ) / (E I_I)]",
                         cat (&pool, "w_an = %s (total), %s (variable)", MM (d->w_total_gross),
                              MM (d->w_variable_gross)),
                         cat (&pool, "%s, %s", MM (d->w_total), MM (d->w_variable)), NAN);
      ps_sls_sheet_add (sheet, "EN 1992-1-1 7.4.1 (L/250, L/500 recommended)", "w", d->w_total,
                        d->w_variable, a, r);
    }
done:
  g_ptr_array_unref (pool.strings);
  return sheet;
}

PsCalcSheet *
ps_ec2_plain_sheet (double b, double h, const PsEc2Concrete *c, const PsEc2Options *o,
                    const PsDesignActions *a, const PsDesignResult *r, const PsEc2PlainDetails *d)
{
  PsCalcSheet *sheet = ps_calc_sheet_new (_ ("Plain concrete beam, EN 1992-1-1:2004 Section 12"));
  Pool pool = { g_ptr_array_new_with_free_func (g_free) };

  if (r->refused)
    add_refusal (sheet, "EN 1992-1-1 12", ps_ec2_refusal_message (d->refusal));
  ps_calc_sheet_add (sheet, "", _ ("Rectangular section"), "W = b h² / 6",
                     cat (&pool, "%s × (%s)² / 6", MM (b), MM (h)), CM3 (d->W), NAN);
  if (isnan (d->f_ctd_pl))
    goto done;
  ps_calc_sheet_add (
      sheet, "EN 1992-1-1 12.3.1 (12.1)",
      _ ("Design tensile strength of plain concrete (α_ct,pl = 0.8 recommended, "
         "UK NA 0.6)"),
      "f_ctd,pl = α_ct,pl f_ctk,0.05 / γ_C",
      cat (&pool, "%s × %s / %s", N (o->alpha_ct_pl), MPA (c->f_ctk_005), N (o->gamma_C)),
      MPA (d->f_ctd_pl), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 12.6.3(4)", _ ("Flexural tensile stress"),
                     "σ_ct = M_Ed / W", cat (&pool, "%s / %s", KNM (d->M_Ed), CM3 (d->W)),
                     MPA (d->sigma_ct), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 12.6.3(4), 12.3.1",
                     _ ("Flexural tension: the section must stay uncracked (plain concrete is "
                        "never checked against its compressive strength in bending)"),
                     "σ_ct ≤ f_ctd,pl",
                     cat (&pool, "%s ≤ %s", MPA (d->sigma_ct), MPA (d->f_ctd_pl)),
                     cat (&pool, "M_Rd = f_ctd,pl W = %s", KNM (r->M_Rd)), r->u[PS_CHECK_TENSION]);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 12.6.3(3) (12.4)", _ ("Shear stress"),
                     "τ_cp = k V_Ed / A_cc, k = 1.5, A_cc = b h",
                     cat (&pool, "1.5 × %s / (%s × %s)", KN (d->V_Ed), MM (b), MM (h)),
                     MPA (d->tau_cp), NAN);
  ps_calc_sheet_add (sheet, "EN 1992-1-1 12.6.3(3) (12.5)", _ ("Shear (σ_cp = 0, no axial force)"),
                     "τ_cp ≤ f_cvd = √(f_ctd,pl² + σ_cp f_ctd,pl)",
                     cat (&pool, "%s ≤ %s", MPA (d->tau_cp), MPA (d->f_cvd)),
                     cat (&pool, "V_Rd = %s", KN (r->V_Rd)), r->u[PS_CHECK_SHEAR]);
  if (!isnan (d->w_total) || !isnan (d->w_variable))
    {
      ps_calc_sheet_add (
          sheet, "EN 1992-1-1 7.4.3(5) (7.20)",
          _ ("Effective modulus for creep, uncracked section"), "E_c,eff = E_cm / (1 + φ(∞,t₀))",
          cat (&pool, "%s / (1 + %s)", GPA (c->E_cm), N (o->phi_creep)), GPA (d->E_c_eff), NAN);
      ps_sls_sheet_add (sheet, "EN 1992-1-1 7.4.1", "w", d->w_total, d->w_variable, a, r);
    }
done:
  g_ptr_array_unref (pool.strings);
  return sheet;
}

static const char *
class_text (Pool *p, int cls)
{
  return cat (p, _ ("class %d"), cls);
}

PsCalcSheet *
ps_ec9_sheet (const PsEc9Section *s, const PsEc9Alloy *m, const PsEc9Options *o,
              const PsDesignActions *a, const PsDesignResult *r, const PsEc9Details *d)
{
  PsCalcSheet *sheet = ps_calc_sheet_new (_ ("Aluminium beam, EN 1999-1-1:2007"));
  Pool pool = { g_ptr_array_new_with_free_func (g_free) };
  const char *bc = m->buckling_class == PS_EC9_BUCKLING_A ? "A" : "B";

  if (r->refused)
    add_refusal (sheet, "EN 1999-1-1", ps_ec9_refusal_message (d->refusal));
  if (isnan (d->epsilon))
    goto done;
  ps_calc_sheet_add (sheet, "EN 1999-1-1 6.1.4.4(2)", _ ("Material factor"), "ε = √(250 / f_o)",
                     cat (&pool, "√(250 / %s)", N (m->f_o * 1e-6)), N (d->epsilon), NAN);
  if (s->shape == PS_EC9_I_SECTION)
    {
      ps_calc_sheet_add (
          sheet, "EN 1999-1-1 6.1.4.3 (6.1), Table 6.2",
          cat (&pool, _ ("Flange outstand, uniform compression (buckling class %s, no welds)"), bc),
          "β = c / t_f, c = (b − t_w − 2r)/2; β₁, β₂, β₃ = (3, 4.5, 6) ε (A) or (2.5, 4, 5) ε (B)",
          cat (&pool, "%s / %s = %s; limits %s, %s, %s", MM (d->c_f), MM (s->tf), N (d->beta_f),
               N (d->beta_1_out), N (d->beta_2_out), N (d->beta_3_out)),
          class_text (&pool, d->class_f), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1999-1-1 6.1.4.3 (6.2), Table 6.2",
          cat (&pool, _ ("Web, internal part in bending (buckling class %s, no welds)"), bc),
          "β = 0.40 c / t_w, c = h − 2t_f − 2r; β₁, β₂, β₃ = (11, 16, 22) ε (A) or (13, 16.5, 18) "
          "ε (B)",
          cat (&pool, "0.40 × %s / %s = %s; limits %s, %s, %s", MM (d->c_w), MM (s->tw),
               N (d->beta_w), N (d->beta_1_int), N (d->beta_2_int), N (d->beta_3_int)),
          class_text (&pool, d->class_w), NAN);
    }
  else if (s->shape == PS_EC9_CHS)
    ps_calc_sheet_add (
        sheet, "EN 1999-1-1 6.1.4.3 (6.4), Table 6.2",
        cat (&pool, _ ("Round tube (buckling class %s, no welds)"), bc), "β = 3 √(D / t)",
        cat (&pool, "3 √(%s / %s) = %s; limits %s, %s, %s", MM (s->D), MM (s->t), N (d->beta_tube),
             N (d->beta_1_int), N (d->beta_2_int), N (d->beta_3_int)),
        class_text (&pool, d->class_w), NAN);
  else
    ps_calc_sheet_add (sheet, "EN 1999-1-1 6.1.4", _ ("Solid rectangular section"), "", "",
                       class_text (&pool, 1), NAN);
  ps_calc_sheet_add (sheet, "EN 1999-1-1 6.1.4", _ ("Cross-section class"), "", "",
                     class_text (&pool, d->section_class), NAN);
  if (!isnan (d->M_Rd))
    {
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.2.5.1, Table 6.4",
                         _ ("Shape factor (class 1, 2: W_pl/W_el; class 3: 1)"), "α = W_pl / W_el",
                         cat (&pool, "%s / %s", CM3 (d->W_pl), CM3 (d->W_el)), N (d->alpha), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.2.5.1 (6.25), 6.1.3",
                         _ ("Bending resistance (γ_M1 = 1.10 recommended)"),
                         "M_o,Rd = α W_el f_o / γ_M1",
                         cat (&pool, "%s × %s × %s / %s", N (d->alpha), CM3 (d->W_el), MPA (m->f_o),
                              N (o->gamma_M1)),
                         KNM (d->M_Rd), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.2.5 (6.23)", _ ("Bending"), "M_Ed ≤ M_Rd",
                         cat (&pool, "%s ≤ %s", KNM (d->M_Ed), KNM (d->M_Rd)), "",
                         r->u[PS_CHECK_BENDING]);
    }
  if (s->shape == PS_EC9_I_SECTION)
    ps_calc_sheet_add (
        sheet, "EN 1999-1-1 6.2.6(1)", _ ("Web slenderness for shear"), "h_w / t_w ≤ 39 ε",
        cat (&pool, "%s / %s = %s ≤ %s", MM (d->h_w), MM (s->tw), N (d->hw_tw), N (d->hw_tw_max)),
        "", d->hw_tw / d->hw_tw_max);
  if (!isnan (d->V_Rd))
    {
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.2.6(2)", _ ("Shear area"),
                         s->shape == PS_EC9_I_SECTION     ? "A_v = h_w t_w"
                         : s->shape == PS_EC9_RECTANGULAR ? "A_v = 0.8 A"
                                                          : "A_v = 0.6 A",
                         "", MM2 (d->A_v), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1999-1-1 6.2.6 (6.29)", _ ("Shear resistance"), "V_Rd = A_v f_o / (√3 γ_M1)",
          cat (&pool, "%s × %s / (√3 × %s)", MM2 (d->A_v), MPA (m->f_o), N (o->gamma_M1)),
          KN (d->V_Rd), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.2.6 (6.28)", _ ("Shear"), "V_Ed ≤ V_Rd",
                         cat (&pool, "%s ≤ %s", KN (d->V_Ed), KN (d->V_Rd)), "",
                         r->u[PS_CHECK_SHEAR]);
    }
  if (a->ltb_restrained)
    ps_calc_sheet_add (sheet, "EN 1999-1-1 6.3.2", _ ("Lateral torsional buckling"), "", "",
                       _ ("compression flange restrained along its length: no check"), NAN);
  else if (d->ltb_checked)
    {
      if (d->c_energy)
        ps_calc_sheet_add (
            sheet, "Trahair 1993, ch. 6",
            _ ("Equivalent uniform moment factors from the energy M_cr (Rayleigh–Ritz) of the "
               "exact moment diagram of the segment, fork supports: C₁ = M_cr(z_g = 0) / "
               "M_cr,0, and the C₂ for which (I.2) gives the same M_cr"),
            "C₁, C₂ (k = k_w = 1)", cat (&pool, "z_g = %s", MM (d->z_g)),
            cat (&pool, "C₁ = %s, C₂ = %s", N (d->C1), N (d->C2)), NAN);
      else
        ps_calc_sheet_add (sheet, "ENV 1993-1-1 Annex F Table F.1.2; NCCI SN003a Table 3.2",
                           _ ("Equivalent uniform moment factors for the moment diagram"),
                           "C₁, C₂ (k = k_w = 1)", cat (&pool, "z_g = %s", MM (d->z_g)),
                           cat (&pool, "C₁ = %s, C₂ = %s", N (d->C1), N (d->C2)), NAN);
      ps_calc_sheet_add (
          sheet, "EN 1999-1-1 Annex I.1.2 (I.2); NCCI SN003a",
          _ ("Elastic critical moment (section constants without the fillets, conservative)"),
          "M_cr = C₁ π² E I_z / L² [√(I_w/I_z + L² G I_t / (π² E I_z) + (C₂ z_g)²) − C₂ z_g]",
          cat (&pool, "L = %s, I_z = %s, I_t = %s, I_w = %s", M (d->L), CM4 (d->I_z), CM4 (d->I_t),
               CM6 (d->I_w)),
          KNM (d->M_cr), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.3.2.3 (6.58)", _ ("Slenderness"),
                         "λ̄_LT = √(α W_el f_o / M_cr)",
                         cat (&pool, "√(%s × %s × %s / %s)", N (d->alpha), CM3 (d->W_el),
                              MPA (m->f_o), KNM (d->M_cr)),
                         N (d->lambda_LT), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.3.2.2 (6.56), (6.57)",
                         _ ("Reduction factor (α_LT = 0.10, λ̄₀ = 0.6 for classes 1, 2; 0.20, 0.4 "
                            "for class 3)"),
                         "Φ = 0.5 [1 + α_LT (λ̄ − λ̄₀) + λ̄²], χ_LT = 1 / (Φ + √(Φ² − λ̄²)) ≤ 1",
                         cat (&pool, "α_LT = %s, λ̄₀ = %s, Φ = %s", N (d->alpha_LT), N (d->lambda_0),
                              N (d->phi_LT)),
                         N (d->chi_LT), NAN);
      ps_calc_sheet_add (sheet, "EN 1999-1-1 6.3.2.1 (6.54), (6.55)",
                         _ ("Lateral torsional buckling"), "M_Ed ≤ M_b,Rd = χ_LT α W_el f_o / γ_M1",
                         cat (&pool, "%s ≤ %s × %s × %s × %s / %s", KNM (d->M_Ed_ltb),
                              N (d->chi_LT), N (d->alpha), CM3 (d->W_el), MPA (m->f_o),
                              N (o->gamma_M1)),
                         cat (&pool, "M_b,Rd = %s", KNM (d->Mb_Rd)), r->u[PS_CHECK_LTB]);
    }
  ps_sls_sheet_add (sheet, "EN 1999-1-1 7.2.1", "w", a->w_total, a->w_variable, a, r);
done:
  g_ptr_array_unref (pool.strings);
  return sheet;
}
