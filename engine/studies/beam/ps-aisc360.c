#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-aisc360.h"
#include "ps-steel.h"

#define MM(x) ((x)*1e3)
#define MM2(x) ((x)*1e6)
#define CM3(x) ((x)*1e6)
#define CM4(x) ((x)*1e8)
#define CM6(x) ((x)*1e12)
#define MPA(x) ((x)*1e-6)
#define KN(x) ((x)*1e-3)

#define AISC "AISC 360-16"

static void
line (PsCalcSheet *sheet, const char *clause, const char *description, char *formula,
      char *substituted, char *result, double u)
{
  ps_calc_sheet_add (sheet, clause, description, formula, substituted, result, u);
  g_free (formula);
  g_free (substituted);
  g_free (result);
}

static const char *
n (GPtrArray *pool, double v, int sig)
{
  char *s = ps_steel_fmt (v, sig);

  g_ptr_array_add (pool, s);
  return s;
}

static const char *
compactness (PsAiscCompactness c)
{
  switch (c)
    {
    case PS_AISC_COMPACT:
      return _ ("compact");
    case PS_AISC_NONCOMPACT:
      return _ ("noncompact");
    default:
      return _ ("slender");
    }
}

/* "φ_b = 0.90" or "1/Ω_b = 1/1.67", as the method uses it. */
static char *
factor_text (GPtrArray *p, gboolean lrfd, const char *sym, double phi, double omega)
{
  return lrfd ? g_strdup_printf ("φ_%s = %s", sym, n (p, phi, 2))
              : g_strdup_printf ("1/Ω_%s = 1/%s", sym, n (p, omega, 3));
}

PsCalcSheet *
ps_aisc_sheet (const char *section_name, const char *grade_name, const PsSteelSection *s,
               const PsSteelMaterial *mat, const PsAiscOptions *o, const PsDesignActions *a,
               const PsDesignResult *r, const PsAiscDetail *d)
{
  g_autoptr (GPtrArray) p = g_ptr_array_new_with_free_func (g_free);
  gboolean lrfd = o->method == PS_AISC_LRFD;
  g_autofree char *title
      = g_strdup_printf (lrfd ? _ ("AISC 360-16 (LRFD): %s, %s") : _ ("AISC 360-16 (ASD): %s, %s"),
                         section_name != NULL ? section_name : _ ("section"),
                         grade_name != NULL ? grade_name : _ ("steel"));
  PsCalcSheet *sheet = ps_calc_sheet_new (title);
  PsSteelRefusal why = d->refusal;
  const char *req = lrfd ? "M_u" : "M_a";
  const char *reqv = lrfd ? "V_u" : "V_a";

  line (sheet, AISC " A3.1; ASTM", _ ("Material"), g_strdup ("F_y, E, G"),
        g_strdup (grade_name != NULL ? grade_name : "—"),
        g_strdup_printf ("F_y = %s MPa, E = %s MPa, G = %s MPa", n (p, MPA (mat->fy), 4),
                         n (p, MPA (mat->E), 4), n (p, MPA (mat->G), 4)),
        NAN);
  if (why == PS_STEEL_REFUSED_SHAPE || why == PS_STEEL_REFUSED_THICKNESS
      || (why == PS_STEEL_REFUSED_BAD_INPUT && isnan (d->lambda_w)))
    {
      ps_calc_sheet_add (sheet, AISC, _ ("Not checked"), "", "", ps_steel_refusal_describe (why),
                         NAN);
      return sheet;
    }
  line (sheet, AISC " Table B4.1b, case 10", _ ("Flange of a rolled I-shape in flexure"),
        g_strdup ("λ = b_f / (2 t_f); λ_p = 0.38 √(E/F_y), λ_r = 1.0 √(E/F_y)"),
        g_strdup_printf ("= %s / (2 × %s) = %s; λ_p = %s, λ_r = %s", n (p, MM (d->bf), 4),
                         n (p, MM (d->tf), 3), n (p, d->lambda_f, 3), n (p, d->lambda_pf, 3),
                         n (p, d->lambda_rf, 3)),
        g_strdup (compactness (d->flange)), NAN);
  line (sheet, AISC " Table B4.1b, case 15", _ ("Web of a doubly symmetric I-shape in flexure"),
        g_strdup ("λ = h / t_w; λ_p = 3.76 √(E/F_y), λ_r = 5.70 √(E/F_y)"),
        g_strdup_printf ("= %s / %s = %s; λ_p = %s, λ_r = %s", n (p, MM (d->h), 4),
                         n (p, MM (d->tw), 3), n (p, d->lambda_w, 3), n (p, d->lambda_pw, 3),
                         n (p, d->lambda_rw, 3)),
        g_strdup (compactness (d->web)), NAN);
  if (why == PS_STEEL_REFUSED_WEB_NONCOMPACT)
    {
      ps_calc_sheet_add (sheet, AISC " F4, F5", _ ("Not checked"), "", "",
                         ps_steel_refusal_describe (why), NAN);
      return sheet;
    }
  line (sheet, AISC " F2.1, (F2-1)", _ ("Yielding: plastic moment"), g_strdup ("M_p = F_y Z_x"),
        g_strdup_printf ("= %s MPa × %s cm³", n (p, MPA (d->Fy), 4), n (p, CM3 (d->Zx), 4)),
        g_strdup_printf ("M_p = %s kN·m", n (p, KN (d->Mp), 4)), NAN);
  if (d->flange == PS_AISC_NONCOMPACT)
    line (sheet, AISC " F3.2, (F3-1)", _ ("Flange local buckling, noncompact flange"),
          g_strdup ("M_n = M_p − (M_p − 0.7 F_y S_x)(λ − λ_pf)/(λ_rf − λ_pf)"),
          g_strdup_printf ("= %s − (%s − 0.7 × %s MPa × %s cm³)(%s − %s)/(%s − %s)",
                           n (p, KN (d->Mp), 4), n (p, KN (d->Mp), 4), n (p, MPA (d->Fy), 4),
                           n (p, CM3 (d->Sx), 4), n (p, d->lambda_f, 3), n (p, d->lambda_pf, 3),
                           n (p, d->lambda_rf, 3), n (p, d->lambda_pf, 3)),
          g_strdup_printf ("M_n = %s kN·m", n (p, KN (d->Mn_flb), 4)), NAN);
  else if (d->flange == PS_AISC_SLENDER)
    line (sheet, AISC " F3.2, (F3-2)", _ ("Flange local buckling, slender flange"),
          g_strdup ("M_n = 0.9 E k_c S_x / λ², k_c = 4/√(h/t_w), 0.35 ≤ k_c ≤ 0.76"),
          g_strdup_printf ("= 0.9 × %s MPa × %s × %s cm³ / %s²", n (p, MPA (d->E), 4),
                           n (p, d->kc, 3), n (p, CM3 (d->Sx), 4), n (p, d->lambda_f, 3)),
          g_strdup_printf ("M_n = %s kN·m", n (p, KN (d->Mn_flb), 4)), NAN);
  {
    g_autofree char *f = factor_text (p, lrfd, "b", o->phi_b, o->omega_b);

    line (sheet, lrfd ? AISC " F1(1), B3.1" : AISC " F1(1), B3.2",
          _ ("Available flexural strength of the section (yielding, flange local buckling)"),
          g_strdup (lrfd ? "φ_b M_n" : "M_n / Ω_b"),
          g_strdup_printf ("%s; M_n = %s kN·m", f, n (p, KN (d->Mc_section / d->factor_b), 4)),
          g_strdup_printf ("%s kN·m", n (p, KN (d->Mc_section), 4)), NAN);
  }
  line (sheet, AISC " B3", _ ("Flexure"),
        g_strdup_printf ("%s / %s ≤ 1", req, lrfd ? "φ_b M_n" : "(M_n/Ω_b)"),
        g_strdup_printf ("= %s / %s", n (p, KN (d->Mu), 4), n (p, KN (d->Mc_section), 4)),
        g_strdup_printf ("%s", n (p, d->Mu / d->Mc_section, 3)), d->Mu / d->Mc_section);

  if (a->ltb_restrained)
    line (sheet, AISC " F2.2", _ ("Lateral-torsional buckling: continuously braced"), g_strdup (""),
          g_strdup (""), g_strdup (_ ("braced: no check")), NAN);
  else if (why == PS_STEEL_OK || why == PS_STEEL_REFUSED_BAD_INPUT)
    {
      g_autofree char *f = factor_text (p, lrfd, "b", o->phi_b, o->omega_b);

      if (d->rts_derived || d->ho_derived)
        line (sheet, AISC " F2, (F2-7)",
              _ ("Values the section table does not give, for a doubly symmetric I-shape"),
              g_strdup ("r_ts² = √(I_y C_w) / S_x; h_o = d − t_f"),
              g_strdup_printf ("I_y = %s cm⁴, C_w = %s cm⁶, S_x = %s cm³", n (p, CM4 (d->Iy), 4),
                               n (p, CM6 (d->Cw), 4), n (p, CM3 (d->Sx), 4)),
              g_strdup_printf ("r_ts = %s mm, h_o = %s mm", n (p, MM (d->rts), 4),
                               n (p, MM (d->ho), 4)),
              NAN);
      line (sheet, AISC " F2.2, (F2-5)", _ ("Limiting unbraced length for yielding"),
            g_strdup ("L_p = 1.76 r_y √(E/F_y)"),
            g_strdup_printf ("= 1.76 × %s mm × √(%s / %s)", n (p, MM (d->ry), 4),
                             n (p, MPA (d->E), 4), n (p, MPA (d->Fy), 4)),
            g_strdup_printf ("L_p = %s m", n (p, d->Lp, 4)), NAN);
      line (sheet, AISC " F2.2, (F2-6)",
            _ ("Limiting unbraced length for inelastic lateral-torsional buckling (c = 1, F2-8a)"),
            g_strdup ("L_r = 1.95 r_ts E/(0.7 F_y) √(Jc/(S_x h_o) + √((Jc/(S_x h_o))² + 6.76 "
                      "(0.7 F_y/E)²))"),
            g_strdup_printf ("r_ts = %s mm, J = %s cm⁴, S_x = %s cm³, h_o = %s mm",
                             n (p, MM (d->rts), 4), n (p, CM4 (d->J), 4), n (p, CM3 (d->Sx), 4),
                             n (p, MM (d->ho), 4)),
            g_strdup_printf ("L_r = %s m", n (p, d->Lr, 4)), NAN);
      line (sheet, AISC " F1, (F1-1)", _ ("Lateral-torsional buckling modification factor"),
            g_strdup ("C_b = 12.5 M_max / (2.5 M_max + 3 M_A + 4 M_B + 3 M_C)"),
            g_strdup_printf ("= 12.5 × %s / (2.5 × %s + 3 × %s + 4 × %s + 3 × %s)",
                             n (p, KN (d->M_max), 4), n (p, KN (d->M_max), 4),
                             n (p, KN (d->M_A), 4), n (p, KN (d->M_B), 4), n (p, KN (d->M_C), 4)),
            g_strdup_printf ("C_b = %s", n (p, d->Cb, 3)), NAN);
      if (d->Cb_load_height != d->Cb)
        line (sheet, "Helwig, Frank & Yura (1997)",
              _ ("Load applied to the flange it acts towards (destabilising)"),
              g_strdup ("C_b* = C_b × 1.4^(2y/h_o), y = −h_o/2"),
              g_strdup_printf ("= %s / 1.4", n (p, d->Cb, 3)),
              g_strdup_printf ("C_b* = %s", n (p, d->Cb_load_height, 3)), NAN);
      switch (d->ltb_range)
        {
        case PS_AISC_LTB_PLASTIC:
          line (sheet, AISC " F2.2(a)", _ ("L_b ≤ L_p: lateral-torsional buckling does not apply"),
                g_strdup ("M_n = M_p"),
                g_strdup_printf ("L_b = %s m ≤ %s m", n (p, d->Lb, 4), n (p, d->Lp, 4)),
                g_strdup_printf ("M_n = %s kN·m", n (p, KN (d->Mn_ltb), 4)), NAN);
          break;
        case PS_AISC_LTB_INELASTIC:
          line (sheet, AISC " F2.2(b), (F2-2)", _ ("Inelastic lateral-torsional buckling"),
                g_strdup ("M_n = C_b [M_p − (M_p − 0.7 F_y S_x)(L_b − L_p)/(L_r − L_p)] ≤ M_p"),
                g_strdup_printf ("= %s [%s − (%s − 0.7 × %s MPa × %s cm³)(%s − %s)/(%s − %s)]",
                                 n (p, d->Cb_load_height, 3), n (p, KN (d->Mp), 4),
                                 n (p, KN (d->Mp), 4), n (p, MPA (d->Fy), 4), n (p, CM3 (d->Sx), 4),
                                 n (p, d->Lb, 4), n (p, d->Lp, 4), n (p, d->Lr, 4),
                                 n (p, d->Lp, 4)),
                g_strdup_printf ("M_n = %s kN·m", n (p, KN (d->Mn_ltb), 4)), NAN);
          break;
        case PS_AISC_LTB_ELASTIC:
          line (sheet, AISC " F2.2(c), (F2-3), (F2-4)", _ ("Elastic lateral-torsional buckling"),
                g_strdup ("F_cr = C_b π² E/(L_b/r_ts)² √(1 + 0.078 Jc/(S_x h_o) (L_b/r_ts)²); "
                          "M_n = F_cr S_x ≤ M_p"),
                g_strdup_printf ("L_b/r_ts = %s; F_cr = %s MPa", n (p, d->Lb / d->rts, 4),
                                 n (p, MPA (d->Fcr), 4)),
                g_strdup_printf ("M_n = %s kN·m", n (p, KN (d->Mn_ltb), 4)), NAN);
          break;
        default:
          break;
        }
      line (sheet, lrfd ? AISC " F1(1), B3.1" : AISC " F1(1), B3.2",
            _ ("Available flexural strength, lateral-torsional buckling"),
            g_strdup (lrfd ? "φ_b M_n" : "M_n / Ω_b"), g_strdup (f),
            g_strdup_printf ("%s kN·m", n (p, KN (d->Mc_ltb), 4)), NAN);
      line (sheet, AISC " B3", _ ("Lateral-torsional buckling"),
            g_strdup_printf ("%s / %s ≤ 1", req, lrfd ? "φ_b M_n" : "(M_n/Ω_b)"),
            g_strdup_printf ("= %s / %s", n (p, KN (d->M_max), 4), n (p, KN (d->Mc_ltb), 4)),
            g_strdup_printf ("%s", n (p, d->M_max / d->Mc_ltb, 3)), d->M_max / d->Mc_ltb);
    }
  if (why == PS_STEEL_OK || why == PS_STEEL_REFUSED_BAD_INPUT)
    {
      g_autofree char *f = d->rolled_shear
                               ? factor_text (p, lrfd, "v", o->phi_v_rolled, o->omega_v_rolled)
                               : factor_text (p, lrfd, "v", o->phi_v, o->omega_v);

      line (sheet, d->rolled_shear ? AISC " G2.1(a), (G2-2)" : AISC " G2.1(b), (G2-3), (G2-4)",
            d->rolled_shear ? _ ("Web shear coefficient: rolled I-shape, h/t_w ≤ 2.24 √(E/F_y)")
                            : _ ("Web shear coefficient, no transverse stiffeners (k_v = 5.34)"),
            g_strdup (d->rolled_shear ? "h/t_w ≤ 2.24 √(E/F_y) → C_v1 = 1.0"
                                      : "C_v1 = 1.0 if h/t_w ≤ 1.10 √(k_v E/F_y), else 1.10 "
                                        "√(k_v E/F_y)/(h/t_w)"),
            g_strdup_printf ("h/t_w = %s; 2.24 √(E/F_y) = %s; 1.10 √(k_v E/F_y) = %s",
                             n (p, d->h_tw, 3), n (p, d->lim_rolled, 3), n (p, d->lim_cv1, 3)),
            g_strdup_printf ("C_v1 = %s", n (p, d->Cv1, 3)), NAN);
      line (sheet, AISC " G2.1, (G2-1)", _ ("Nominal shear strength, A_w = d t_w"),
            g_strdup ("V_n = 0.6 F_y A_w C_v1"),
            g_strdup_printf ("= 0.6 × %s MPa × %s mm × %s mm × %s", n (p, MPA (d->Fy), 4),
                             n (p, MM (d->d), 4), n (p, MM (d->tw), 3), n (p, d->Cv1, 3)),
            g_strdup_printf ("V_n = %s kN", n (p, KN (d->Vn), 4)), NAN);
      line (sheet, AISC " G1", _ ("Shear"),
            g_strdup_printf ("%s / %s ≤ 1", reqv, lrfd ? "φ_v V_n" : "(V_n/Ω_v)"),
            g_strdup_printf ("%s; = %s / %s", f, n (p, KN (d->Vu), 4), n (p, KN (d->Vc), 4)),
            g_strdup_printf ("%s", n (p, d->Vu / d->Vc, 3)), d->Vu / d->Vc);
      if (a->limit_total > 0 && isfinite (a->limit_total))
        line (sheet, AISC " L3; ASCE 7-16 App. C", _ ("Deflection, all actions (serviceability)"),
              g_strdup ("Δ / Δ_lim ≤ 1"),
              g_strdup_printf ("= %s mm / %s mm", n (p, MM (fabs (a->w_total)), 3),
                               n (p, MM (a->limit_total), 3)),
              g_strdup_printf ("%s", n (p, fabs (a->w_total) / a->limit_total, 3)),
              fabs (a->w_total) / a->limit_total);
      if (a->limit_variable > 0 && isfinite (a->limit_variable))
        line (sheet, AISC " L3; ASCE 7-16 App. C", _ ("Deflection, live load (serviceability)"),
              g_strdup ("Δ_L / Δ_L,lim ≤ 1"),
              g_strdup_printf ("= %s mm / %s mm", n (p, MM (fabs (a->w_variable)), 3),
                               n (p, MM (a->limit_variable), 3)),
              g_strdup_printf ("%s", n (p, fabs (a->w_variable) / a->limit_variable, 3)),
              fabs (a->w_variable) / a->limit_variable);
    }
  (void)s;
  if (r->refused)
    ps_calc_sheet_add (sheet, AISC, _ ("Not checked"), "", "", ps_steel_refusal_describe (why),
                       NAN);
  return sheet;
}
