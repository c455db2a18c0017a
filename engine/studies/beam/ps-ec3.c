#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-ec3.h"
#include "ps-steel.h"

/* Units of the sheet, from SI. */
#define MM(x) ((x)*1e3)
#define MM2(x) ((x)*1e6)
#define CM3(x) ((x)*1e6)
#define CM4(x) ((x)*1e8)
#define CM6(x) ((x)*1e12)
#define MPA(x) ((x)*1e-6)
#define KN(x) ((x)*1e-3)

#define EN "EN 1993-1-1"

/* Adds a line whose texts are printf formats' results; frees them. */
static void
line (PsCalcSheet *sheet, const char *clause, const char *description, char *formula,
      char *substituted, char *result, double u)
{
  ps_calc_sheet_add (sheet, clause, description, formula, substituted, result, u);
  g_free (formula);
  g_free (substituted);
  g_free (result);
}

/* A number with sig significant figures, as a temporary owned by the pool. */
static const char *
n (GPtrArray *pool, double v, int sig)
{
  char *s = ps_steel_fmt (v, sig);

  g_ptr_array_add (pool, s);
  return s;
}

/* A sampled moment of the segment that is rounding noise beside its largest (a pinned
 * end's 10^-15 of the span moment) is printed as 0, not as -0.000000000000. */
static double
rounding_zero (double v, const PsMomentSegment *m)
{
  return fabs (v) <= 1e-9 * ps_steel_segment_max (m) ? 0.0 : v;
}

static const char *
class_name (GPtrArray *pool, int c)
{
  char *s = g_strdup_printf (_ ("class %d"), c);

  g_ptr_array_add (pool, s);
  return s;
}

static const char *
curve_name (PsEc3Curve c)
{
  static const char *const names[] = { "a0", "a", "b", "c", "d" };

  return names[c];
}

static void
sheet_material (PsCalcSheet *sheet, GPtrArray *p, const char *grade_name,
                const PsSteelMaterial *mat, const PsEc3Options *o, const PsEc3Detail *d)
{
  line (sheet, EN " 3.2.6, Table 3.1", _ ("Material: yield strength for the thickest element"),
        g_strdup ("f_y(t), E, G"),
        g_strdup_printf ("%s, t = %s mm", grade_name != NULL ? grade_name : "—",
                         n (p, MM (d->t_fy), 3)),
        g_strdup_printf ("f_y = %s MPa, E = %s MPa, G = %s MPa", n (p, MPA (mat->fy), 3),
                         n (p, MPA (mat->E), 3), n (p, MPA (mat->G), 3)),
        NAN);
  line (sheet, EN " 6.1(1)",
        _ ("Partial factors (recommended values; a National Annex may set "
           "others)"),
        g_strdup ("γ_M0, γ_M1"), g_strdup (""),
        g_strdup_printf ("γ_M0 = %s, γ_M1 = %s", n (p, o->gamma_M0, 3), n (p, o->gamma_M1, 3)),
        NAN);
}

static void
sheet_class (PsCalcSheet *sheet, GPtrArray *p, const PsSteelSection *s, const PsEc3Detail *d)
{
  line (sheet, EN " Table 5.2", _ ("Material factor"), g_strdup ("ε = √(235 MPa / f_y)"),
        g_strdup_printf ("= √(235 / %s)", n (p, MPA (d->fy), 3)),
        g_strdup_printf ("ε = %s", n (p, d->epsilon, 3)), NAN);
  switch (s->shape)
    {
    case PS_STEEL_SHAPE_I_ROLLED:
      line (sheet, EN " Table 5.2 (sheet 2)", _ ("Flange outstand in compression"),
            g_strdup ("c/t_f = (b − t_w − 2r)/(2 t_f); limits 9ε, 10ε, 14ε"),
            g_strdup_printf ("= (%s − %s − 2 × %s)/(2 × %s) = %s; limits %s, %s, %s",
                             n (p, MM (s->b), 4), n (p, MM (s->tw), 3), n (p, MM (s->r), 3),
                             n (p, MM (s->tf), 3), n (p, d->ratio_flange, 3),
                             n (p, d->lim_flange[0], 3), n (p, d->lim_flange[1], 3),
                             n (p, d->lim_flange[2], 3)),
            g_strdup (class_name (p, d->class_flange)), NAN);
      line (sheet, EN " Table 5.2 (sheet 1)", _ ("Web, internal part in bending"),
            g_strdup ("c/t_w = (h − 2t_f − 2r)/t_w; limits 72ε, 83ε, 124ε"),
            g_strdup_printf ("= (%s − 2 × %s − 2 × %s)/%s = %s; limits %s, %s, %s",
                             n (p, MM (s->h), 4), n (p, MM (s->tf), 3), n (p, MM (s->r), 3),
                             n (p, MM (s->tw), 3), n (p, d->ratio_web, 3), n (p, d->lim_web[0], 3),
                             n (p, d->lim_web[1], 3), n (p, d->lim_web[2], 3)),
            g_strdup (class_name (p, d->class_web)), NAN);
      break;
    case PS_STEEL_SHAPE_RHS:
      line (sheet, EN " Table 5.2 (sheet 1)",
            _ ("Compression flange, internal part in compression (c = b − 3t, Table 5.2 note)"),
            g_strdup ("c/t = (b − 3t)/t; limits 33ε, 38ε, 42ε"),
            g_strdup_printf ("= (%s − 3 × %s)/%s = %s; limits %s, %s, %s", n (p, MM (s->b), 4),
                             n (p, MM (s->tf), 3), n (p, MM (s->tf), 3), n (p, d->ratio_flange, 3),
                             n (p, d->lim_flange[0], 3), n (p, d->lim_flange[1], 3),
                             n (p, d->lim_flange[2], 3)),
            g_strdup (class_name (p, d->class_flange)), NAN);
      line (sheet, EN " Table 5.2 (sheet 1)", _ ("Webs, internal parts in bending (c = h − 3t)"),
            g_strdup ("c/t = (h − 3t)/t; limits 72ε, 83ε, 124ε"),
            g_strdup_printf ("= (%s − 3 × %s)/%s = %s; limits %s, %s, %s", n (p, MM (s->h), 4),
                             n (p, MM (s->tw), 3), n (p, MM (s->tw), 3), n (p, d->ratio_web, 3),
                             n (p, d->lim_web[0], 3), n (p, d->lim_web[1], 3),
                             n (p, d->lim_web[2], 3)),
            g_strdup (class_name (p, d->class_web)), NAN);
      break;
    case PS_STEEL_SHAPE_CHS:
      line (sheet, EN " Table 5.2 (sheet 3)", _ ("Tubular section in bending"),
            g_strdup ("d/t; limits 50ε², 70ε², 90ε²"),
            g_strdup_printf ("= %s/%s = %s; limits %s, %s, %s", n (p, MM (s->h), 4),
                             n (p, MM (s->tw), 3), n (p, d->ratio_web, 3), n (p, d->lim_web[0], 3),
                             n (p, d->lim_web[1], 3), n (p, d->lim_web[2], 3)),
            g_strdup (class_name (p, d->class_web)), NAN);
      break;
    }
  line (sheet, EN " 5.5.2(6)", _ ("Cross-section class: that of its least favourable part"),
        g_strdup (""), g_strdup (""), g_strdup (class_name (p, d->section_class)), NAN);
}

static void
sheet_bending (PsCalcSheet *sheet, GPtrArray *p, const PsEc3Options *o, const PsEc3Detail *d)
{
  gboolean plastic = d->section_class <= 2;

  line (sheet, plastic ? EN " 6.2.5(2), (6.13)" : EN " 6.2.5(2), (6.14)",
        plastic ? _ ("Bending resistance, class 1 or 2: plastic modulus")
                : _ ("Bending resistance, class 3: elastic modulus"),
        g_strdup (plastic ? "M_c,Rd = W_pl,y f_y / γ_M0" : "M_c,Rd = W_el,y f_y / γ_M0"),
        g_strdup_printf ("= %s cm³ × %s MPa / %s", n (p, CM3 (d->W_y), 4), n (p, MPA (d->fy), 3),
                         n (p, o->gamma_M0, 3)),
        g_strdup_printf ("M_c,Rd = %s kN·m", n (p, KN (d->M_c_Rd), 4)), NAN);
  line (sheet, EN " 6.2.5(1), (6.12)", _ ("Bending"), g_strdup ("M_Ed / M_c,Rd ≤ 1"),
        g_strdup_printf ("= %s / %s", n (p, KN (d->M_Ed), 4), n (p, KN (d->M_c_Rd), 4)),
        g_strdup_printf ("%s", n (p, d->M_Ed / d->M_c_Rd, 3)), d->M_Ed / d->M_c_Rd);
}

static void
sheet_shear (PsCalcSheet *sheet, GPtrArray *p, const PsSteelSection *s, const PsEc3Options *o,
             const PsEc3Detail *d, gboolean refused_here)
{
  switch (s->shape)
    {
    case PS_STEEL_SHAPE_I_ROLLED:
      if (d->A_v_published)
        line (sheet, EN " 6.2.6(3)(a)",
              _ ("Shear area, rolled I, load parallel to the web (section table value of "
                 "A − 2b t_f + (t_w + 2r) t_f), not less than η h_w t_w"),
              g_strdup ("A_v = max (A_v,z, η h_w t_w)"),
              g_strdup_printf ("= max (%s, %s × %s × %s) mm²", n (p, MM2 (d->A_v_formula), 4),
                               n (p, d->eta_Av, 3), n (p, MM (d->h_w), 4), n (p, MM (s->tw), 3)),
              g_strdup_printf ("A_v = %s mm²", n (p, MM2 (d->A_v), 4)), NAN);
      else
        line (sheet, EN " 6.2.6(3)(a)",
              _ ("Shear area, rolled I, load parallel to the web, not less than η h_w t_w"),
              g_strdup ("A_v = max (A − 2b t_f + (t_w + 2r) t_f, η h_w t_w)"),
              g_strdup_printf ("= max (%s − 2 × %s × %s + (%s + 2 × %s) × %s, %s × %s × %s) mm²",
                               n (p, MM2 (s->A), 4), n (p, MM (s->b), 4), n (p, MM (s->tf), 3),
                               n (p, MM (s->tw), 3), n (p, MM (s->r), 3), n (p, MM (s->tf), 3),
                               n (p, d->eta_Av, 3), n (p, MM (d->h_w), 4), n (p, MM (s->tw), 3)),
              g_strdup_printf ("A_v = %s mm²", n (p, MM2 (d->A_v), 4)), NAN);
      break;
    case PS_STEEL_SHAPE_RHS:
      line (sheet, EN " 6.2.6(3)(f)",
            _ ("Shear area, rectangular hollow section, load parallel to the depth"),
            g_strdup ("A_v = A h / (b + h)"),
            g_strdup_printf ("= %s mm² × %s / (%s + %s)", n (p, MM2 (s->A), 4), n (p, MM (s->h), 4),
                             n (p, MM (s->b), 4), n (p, MM (s->h), 4)),
            g_strdup_printf ("A_v = %s mm²", n (p, MM2 (d->A_v), 4)), NAN);
      break;
    case PS_STEEL_SHAPE_CHS:
      line (sheet, EN " 6.2.6(3)(g)", _ ("Shear area, circular hollow section"),
            g_strdup ("A_v = 2A / π"), g_strdup_printf ("= 2 × %s mm² / π", n (p, MM2 (s->A), 4)),
            g_strdup_printf ("A_v = %s mm²", n (p, MM2 (d->A_v), 4)), NAN);
      break;
    }
  if (s->shape != PS_STEEL_SHAPE_CHS)
    line (sheet, EN " 6.2.6(6); EN 1993-1-5 5.1(2)",
          _ ("Shear buckling limit of the web (η = 1.0 by 6.2.6(3) Note; EN 1993-1-5 5.1(2) "
             "recommends 1.2 up to S460 and a National Annex may set it)"),
          g_strdup ("h_w / t_w ≤ 72 ε / η"),
          g_strdup_printf ("%s / %s = %s; 72 × %s / %s = %s", n (p, MM (d->h_w), 4),
                           n (p, MM (s->tw), 3), n (p, d->hw_tw, 3), n (p, d->epsilon, 3),
                           n (p, d->eta_buckling, 3), n (p, d->lim_shear_buckling, 3)),
          g_strdup (d->hw_tw <= d->lim_shear_buckling ? _ ("no shear buckling check needed")
                                                      : _ ("EN 1993-1-5 needed: refused")),
          NAN);
  if (refused_here)
    return;
  line (sheet, EN " 6.2.6(2), (6.18)", _ ("Plastic shear resistance"),
        g_strdup ("V_pl,Rd = A_v (f_y / √3) / γ_M0"),
        g_strdup_printf ("= %s mm² × (%s MPa / √3) / %s", n (p, MM2 (d->A_v), 4),
                         n (p, MPA (d->fy), 3), n (p, o->gamma_M0, 3)),
        g_strdup_printf ("V_pl,Rd = %s kN", n (p, KN (d->V_pl_Rd), 4)), NAN);
  line (sheet, EN " 6.2.6(1), (6.17)", _ ("Shear"), g_strdup ("V_Ed / V_pl,Rd ≤ 1"),
        g_strdup_printf ("= %s / %s", n (p, KN (d->V_Ed), 4), n (p, KN (d->V_pl_Rd), 4)),
        g_strdup_printf ("%s", n (p, d->V_Ed / d->V_pl_Rd, 3)), d->V_Ed / d->V_pl_Rd);
}

static void
sheet_interaction (PsCalcSheet *sheet, GPtrArray *p, const PsSteelSection *s, const PsEc3Options *o,
                   const PsEc3Detail *d)
{
  double u;

  if (!d->interaction_applies)
    {
      line (sheet, EN " 6.2.8(2)",
            _ ("Bending and shear: shear at most half the resistance, "
               "no reduction of the moment resistance"),
            g_strdup ("V_Ed ≤ 0.5 V_pl,Rd"),
            g_strdup_printf ("%s ≤ 0.5 × %s kN", n (p, KN (d->V_Ed), 4), n (p, KN (d->V_pl_Rd), 4)),
            g_strdup (_ ("no interaction")), NAN);
      return;
    }
  line (sheet, EN " 6.2.8(3), (6.29)", _ ("Reduction factor for high shear"),
        g_strdup ("ρ = (2 V_Ed / V_pl,Rd − 1)²"),
        g_strdup_printf ("= (2 × %s / %s − 1)²", n (p, KN (d->V_Ed_int), 4),
                         n (p, KN (d->V_pl_Rd), 4)),
        g_strdup_printf ("ρ = %s", n (p, d->rho, 3)), NAN);
  if (s->shape == PS_STEEL_SHAPE_I_ROLLED && d->section_class <= 2)
    line (sheet, EN " 6.2.8(5), (6.30)", _ ("Moment resistance reduced by shear (I section)"),
          g_strdup ("M_y,V,Rd = (W_pl,y − ρ A_w² / (4 t_w)) f_y / γ_M0 ≤ M_c,Rd, A_w = h_w t_w"),
          g_strdup_printf ("= (%s cm³ − %s × (%s mm²)² / (4 × %s mm)) × %s MPa / %s",
                           n (p, CM3 (s->Wpl_y), 4), n (p, d->rho, 3), n (p, MM2 (d->A_w), 4),
                           n (p, MM (s->tw), 3), n (p, MPA (d->fy), 3), n (p, o->gamma_M0, 3)),
          g_strdup_printf ("M_y,V,Rd = %s kN·m", n (p, KN (d->M_V_Rd), 4)), NAN);
  else
    line (sheet, EN " 6.2.8(3)",
          _ ("Moment resistance reduced by shear: (1 − ρ) f_y over the whole section (on the "
             "safe side of reducing it over the shear area only)"),
          g_strdup ("M_V,Rd = (1 − ρ) M_c,Rd"),
          g_strdup_printf ("= (1 − %s) × %s kN·m", n (p, d->rho, 3), n (p, KN (d->M_c_Rd), 4)),
          g_strdup_printf ("M_V,Rd = %s kN·m", n (p, KN (d->M_V_Rd), 4)), NAN);
  u = d->M_V_Rd > 0 ? d->M_Ed_int / d->M_V_Rd : INFINITY;
  line (sheet, EN " 6.2.8", _ ("Bending with high shear"), g_strdup ("M_Ed / M_V,Rd ≤ 1"),
        g_strdup_printf ("= %s / %s", n (p, KN (d->M_Ed_int), 4), n (p, KN (d->M_V_Rd), 4)),
        g_strdup_printf ("%s", n (p, u, 3)), u);
}

static const char *
c_source_text (PsEc3CSource c)
{
  switch (c)
    {
    case PS_EC3_C_SN003_UDL:
      return _ ("NCCI SN003b Table 3.2, uniform load, k = 1: C1 = 1.127, C2 = 0.454");
    case PS_EC3_C_SN003_POINT:
      return _ ("NCCI SN003b Table 3.2, central point load, k = 1: C1 = 1.348, C2 = 0.630");
    case PS_EC3_C_ENERGY:
      return _ ("M_cr by the energy method (Rayleigh–Ritz, Trahair 1993 ch. 6; Timoshenko & "
                "Gere 6.2–6.5) for the uniform load with end moments, fork supports at the "
                "restraints (NCCI SN003b), load at z_g = h/2; C1 = M_cr(z_g = 0) / M_cr,0 and "
                "the C2 for which SN003b (1) gives the same M_cr");
    case PS_EC3_C_ENERGY_DIAGRAM:
      return _ ("M_cr by the energy method (Rayleigh–Ritz, Trahair 1993 ch. 6; Timoshenko & "
                "Gere 6.2–6.5) for the exact moment diagram of the segment (its pieces between "
                "point loads and load ends), fork supports at the restraints (NCCI SN003b); "
                "C1 = M_cr(z_g = 0) / M_cr,0 and, for a destabilising load at z_g = h/2, the C2 "
                "for which SN003b (1) gives the same M_cr");
    case PS_EC3_C_BOUND:
      return _ ("Moment diagram not known exactly (more pieces than the analysis keeps, or a "
                "varying load): C1 = 1.0, the uniform-moment value and the lowest C1 of any "
                "diagram (Trahair 1993 ch. 6); C2 = 0.630, the largest of NCCI SN003b "
                "Table 3.2 (k = 1), for a destabilising load");
    case PS_EC3_C_LYS_C2_BOUND:
      return _ ("C1 by Lopez, Yong & Serna (2006) from the moments at the ends, quarter points "
                "and middle; C2 = 0.630, the largest of NCCI SN003b Table 3.2 (k = 1), on the "
                "safe side for a destabilising load");
    default:
      return _ ("C1 by Lopez, Yong & Serna (2006) from the moments at the ends, quarter points "
                "and middle (k = k_w = 1)");
    }
}

static void
sheet_ltb (PsCalcSheet *sheet, GPtrArray *p, const PsSteelSection *s, const PsEc3Options *o,
           const PsDesignActions *a, const PsEc3Detail *d)
{
  if (d->ltb == PS_EC3_LTB_RESTRAINED)
    {
      line (sheet, EN " 6.3.2.1",
            _ ("Lateral-torsional buckling: the compression flange is "
               "restrained continuously"),
            g_strdup (""), g_strdup (""), g_strdup (_ ("restrained: no check")), NAN);
      return;
    }
  if (d->ltb == PS_EC3_LTB_NOT_SUSCEPTIBLE)
    {
      line (sheet, EN " 6.3.2.1",
            _ ("Lateral-torsional buckling: a circular hollow section is not susceptible"),
            g_strdup (""), g_strdup (""), g_strdup (_ ("no check")), NAN);
      return;
    }
  if (d->ltb != PS_EC3_LTB_CHECKED)
    return;
  line (sheet, "NCCI SN003b", _ ("Moment diagram of the segment between lateral restraints"),
        g_strdup ("L; M at the ends, quarter points and middle"),
        g_strdup_printf ("L = %s m; %s, %s, %s, %s, %s kN·m", n (p, a->ltb.L, 4),
                         n (p, KN (rounding_zero (a->ltb.M_a, &a->ltb)), 4),
                         n (p, KN (rounding_zero (a->ltb.M_q1, &a->ltb)), 4),
                         n (p, KN (rounding_zero (a->ltb.M_mid, &a->ltb)), 4),
                         n (p, KN (rounding_zero (a->ltb.M_q3, &a->ltb)), 4),
                         n (p, KN (rounding_zero (a->ltb.M_b, &a->ltb)), 4)),
        isnan (d->psi) ? g_strdup (_ ("transverse load in the segment"))
                       : g_strdup_printf ("ψ = %s", n (p, d->psi, 3)),
        NAN);
  line (sheet, "NCCI SN003b 3", c_source_text (d->c_source),
        g_strdup ("C1, C2; z_g = h/2 for a destabilising load, 0 otherwise"),
        g_strdup_printf ("z_g = %s mm", n (p, MM (d->z_g), 4)),
        g_strdup_printf ("C1 = %s, C2 = %s", n (p, d->C1, 4), n (p, d->C2, 3)), NAN);
  line (sheet, "NCCI SN003b (1)", _ ("Elastic critical moment (k = k_w = 1)"),
        g_strdup ("M_cr = C1 π² E I_z / (kL)² {√[(k/k_w)² I_w/I_z + (kL)² G I_t / (π² E I_z) "
                  "+ (C2 z_g)²] − C2 z_g}"),
        g_strdup_printf ("I_z = %s cm⁴, I_t = %s cm⁴, I_w = %s cm⁶, L = %s m",
                         n (p, CM4 (s->Iz), 4), n (p, CM4 (s->It), 4), n (p, CM6 (s->Iw), 4),
                         n (p, d->L, 4)),
        g_strdup_printf ("M_cr = %s kN·m", n (p, KN (d->M_cr), 4)), NAN);
  if (d->c_source == PS_EC3_C_ENERGY || d->c_source == PS_EC3_C_ENERGY_DIAGRAM)
    {
      double m0 = ps_ec3_mcr (1.0, 0.0, 0.0, 1.0, 1.0, d->L, d->E, d->G, s->Iz, s->It, s->Iw);

      line (sheet, "Trahair 1993, ch. 6",
            _ ("Equivalent uniform moment factor of the energy M_cr, load height included "
               "(for information)"),
            g_strdup ("C1,eq = M_cr / M_cr,0"),
            g_strdup_printf ("= %s / %s kN·m", n (p, KN (d->M_cr), 4), n (p, KN (m0), 4)),
            g_strdup_printf ("C1,eq = %s", n (p, d->M_cr / m0, 4)), NAN);
    }
  line (sheet, EN " 6.3.2.2(1)", _ ("Non-dimensional slenderness"),
        g_strdup ("λ̄_LT = √(W_y f_y / M_cr)"),
        g_strdup_printf ("= √(%s cm³ × %s MPa / %s kN·m)", n (p, CM3 (d->W_y), 4),
                         n (p, MPA (d->fy), 3), n (p, KN (d->M_cr), 4)),
        g_strdup_printf ("λ̄_LT = %s", n (p, d->lambda_LT, 3)), NAN);
  if (d->ltb_general)
    {
      line (sheet, EN " 6.3.2.2, Tables 6.3, 6.4",
            s->shape == PS_STEEL_SHAPE_I_ROLLED
                ? _ ("Buckling curve, general case: rolled I, a for h/b ≤ 2, b above")
                : _ ("Buckling curve, general case: other cross-sections, d"),
            g_strdup ("h/b → curve → α_LT"), g_strdup_printf ("h/b = %s", n (p, s->h / s->b, 3)),
            g_strdup_printf ("curve %s, α_LT = %s", curve_name (d->curve), n (p, d->alpha_LT, 2)),
            NAN);
      line (sheet, EN " 6.3.2.2(1), (6.56)", _ ("Reduction factor for lateral-torsional buckling"),
            g_strdup ("Φ_LT = 0.5 [1 + α_LT (λ̄_LT − 0.2) + λ̄_LT²]; χ_LT = 1 / (Φ_LT + √(Φ_LT² − "
                      "λ̄_LT²)) ≤ 1"),
            g_strdup_printf ("Φ_LT = 0.5 [1 + %s (%s − 0.2) + %s²] = %s", n (p, d->alpha_LT, 2),
                             n (p, d->lambda_LT, 3), n (p, d->lambda_LT, 3), n (p, d->Phi_LT, 4)),
            g_strdup_printf ("χ_LT = %s", n (p, d->chi_LT, 3)), NAN);
    }
  else
    {
      line (sheet, EN " 6.3.2.3, Tables 6.3, 6.5",
            _ ("Buckling curve, rolled sections: b for h/b ≤ 2, c above"),
            g_strdup ("h/b → curve → α_LT; λ̄_LT,0, β (recommended values)"),
            g_strdup_printf ("h/b = %s", n (p, s->h / s->b, 3)),
            g_strdup_printf ("curve %s, α_LT = %s, λ̄_LT,0 = %s, β = %s", curve_name (d->curve),
                             n (p, d->alpha_LT, 2), n (p, o->lambda_LT0, 2), n (p, o->beta, 2)),
            NAN);
      line (sheet, EN " 6.3.2.3(1), (6.57)",
            _ ("Reduction factor for lateral-torsional buckling, rolled sections"),
            g_strdup ("Φ_LT = 0.5 [1 + α_LT (λ̄_LT − λ̄_LT,0) + β λ̄_LT²]; χ_LT = 1 / (Φ_LT + "
                      "√(Φ_LT² − β λ̄_LT²)) ≤ min (1, 1/λ̄_LT²)"),
            g_strdup_printf ("Φ_LT = 0.5 [1 + %s (%s − %s) + %s × %s²] = %s", n (p, d->alpha_LT, 2),
                             n (p, d->lambda_LT, 3), n (p, o->lambda_LT0, 2), n (p, o->beta, 2),
                             n (p, d->lambda_LT, 3), n (p, d->Phi_LT, 4)),
            g_strdup_printf ("χ_LT = %s", n (p, d->chi_LT, 3)), NAN);
      if (o->use_f)
        line (sheet, EN " 6.3.2.3(2), (6.58)",
              _ ("Modification for the moment distribution (k_c = 1/√C1, UK National Annex "
                 "NA.2.18)"),
              g_strdup ("f = 1 − 0.5 (1 − k_c)[1 − 2 (λ̄_LT − 0.8)²] ≤ 1; χ_LT,mod = χ_LT / f ≤ 1"),
              g_strdup_printf ("k_c = 1/√%s = %s; f = %s", n (p, d->C1, 4), n (p, d->k_c, 3),
                               n (p, d->f, 3)),
              g_strdup_printf ("χ_LT,mod = %s", n (p, d->chi_LT_mod, 3)), NAN);
    }
  line (sheet, EN " 6.3.2.1(3), (6.55)", _ ("Buckling resistance moment"),
        g_strdup ("M_b,Rd = χ_LT W_y f_y / γ_M1"),
        g_strdup_printf ("= %s × %s cm³ × %s MPa / %s", n (p, d->chi_LT_mod, 3),
                         n (p, CM3 (d->W_y), 4), n (p, MPA (d->fy), 3), n (p, o->gamma_M1, 3)),
        g_strdup_printf ("M_b,Rd = %s kN·m", n (p, KN (d->M_b_Rd), 4)), NAN);
  line (sheet, EN " 6.3.2.1(1), (6.54)", _ ("Lateral-torsional buckling"),
        g_strdup ("M_Ed / M_b,Rd ≤ 1"),
        g_strdup_printf ("= %s / %s", n (p, KN (d->M_Ed_ltb), 4), n (p, KN (d->M_b_Rd), 4)),
        g_strdup_printf ("%s", n (p, d->M_Ed_ltb / d->M_b_Rd, 3)), d->M_Ed_ltb / d->M_b_Rd);
}

static void
sheet_deflection (PsCalcSheet *sheet, GPtrArray *p, const PsEc3Detail *d)
{
  if (d->limit_total > 0 && isfinite (d->limit_total))
    line (sheet, "EN 1990 A1.4.3", _ ("Deflection, all actions (serviceability)"),
          g_strdup ("w / w_lim ≤ 1"),
          g_strdup_printf ("= %s mm / %s mm", n (p, MM (fabs (d->w_total)), 3),
                           n (p, MM (d->limit_total), 3)),
          g_strdup_printf ("%s", n (p, fabs (d->w_total) / d->limit_total, 3)),
          fabs (d->w_total) / d->limit_total);
  if (d->limit_variable > 0 && isfinite (d->limit_variable))
    line (sheet, "EN 1990 A1.4.3", _ ("Deflection, variable actions (serviceability)"),
          g_strdup ("w_Q / w_Q,lim ≤ 1"),
          g_strdup_printf ("= %s mm / %s mm", n (p, MM (fabs (d->w_variable)), 3),
                           n (p, MM (d->limit_variable), 3)),
          g_strdup_printf ("%s", n (p, fabs (d->w_variable) / d->limit_variable, 3)),
          fabs (d->w_variable) / d->limit_variable);
}

PsCalcSheet *
ps_ec3_sheet (const char *section_name, const char *grade_name, const PsSteelSection *s,
              const PsSteelMaterial *mat, const PsEc3Options *o, const PsDesignActions *a,
              const PsDesignResult *r, const PsEc3Detail *d)
{
  g_autoptr (GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = g_strdup_printf (_ ("EN 1993-1-1: %s, %s"),
                                            section_name != NULL ? section_name : _ ("section"),
                                            grade_name != NULL ? grade_name : _ ("steel"));
  PsCalcSheet *sheet = ps_calc_sheet_new (title);
  PsSteelRefusal why = d->refusal;

  sheet_material (sheet, pool, grade_name, mat, o, d);
  if (why == PS_STEEL_OK || why > PS_STEEL_REFUSED_THICKNESS)
    sheet_class (sheet, pool, s, d);
  if (why == PS_STEEL_OK || why >= PS_STEEL_REFUSED_SHEAR_BUCKLING)
    {
      sheet_bending (sheet, pool, o, d);
      sheet_shear (sheet, pool, s, o, d, why == PS_STEEL_REFUSED_SHEAR_BUCKLING);
    }
  if (why == PS_STEEL_OK || why > PS_STEEL_REFUSED_SHEAR_BUCKLING)
    {
      sheet_interaction (sheet, pool, s, o, d);
      sheet_ltb (sheet, pool, s, o, a, d);
    }
  if (why == PS_STEEL_OK)
    sheet_deflection (sheet, pool, d);
  if (r->refused)
    ps_calc_sheet_add (sheet, EN, _ ("Not checked"), "", "", ps_steel_refusal_describe (why), NAN);
  return sheet;
}
