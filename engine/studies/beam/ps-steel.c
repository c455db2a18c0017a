#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-steel.h"

static gboolean
finite_positive (double x)
{
  return isfinite (x) && x > 0;
}

gboolean
ps_steel_section_from_info (const PsSectionInfo *info, PsSteelSection *out, GError **error)
{
  static const char *const rolled[] = { "IPE", "HEA", "HEB", "W", "UB", "UC" };
  gboolean known = FALSE;

  g_return_val_if_fail (info != NULL && out != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rolled); i++)
    if (g_str_equal (info->family, rolled[i]))
      known = TRUE;
  if (!known)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: the steel checks know rolled I sections (IPE, HE, W, UB, UC), not "
                      "the family “%s”"),
                   info->designation, info->family);
      return FALSE;
    }
  out->shape = PS_STEEL_SHAPE_I_ROLLED;
  out->h = info->h;
  out->b = info->b;
  out->tw = info->tw;
  out->tf = info->tf;
  out->r = info->r;
  out->A = info->A;
  out->Iy = info->I;
  out->Wel_y = info->W;
  out->Wpl_y = info->Wpl_y;
  out->Iz = info->Iz;
  out->Wel_z = info->Wel_z;
  out->Wpl_z = info->Wpl_z;
  out->It = info->It;
  out->Iw = info->Iw;
  out->Av_z = info->Av_z;
  out->i_z = info->i_z;
  out->r_ts = info->r_ts;
  out->h_o = info->h_o;
  return TRUE;
}

/* EN 10210-2 computes the properties with an outside corner radius of 1.5 t, so the
 * flat part of each side, b - 3t, must be positive. */
gboolean
ps_steel_section_rhs_new (double h, double b, double t, PsSteelSection *out, GError **error)
{
  const struct
  {
    const char *key;
    double v;
  } dims[] = { { "h", h }, { "b", b }, { "t", t } };

  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    if (!finite_positive (dims[i].v))
      {
        g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: must be a positive length"),
                     dims[i].key);
        return FALSE;
      }
  if (!(3 * t < MIN (h, b)))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("t: must be less than a third of the smaller side (%g mm), so that the "
                      "corners of EN 10210-2 (outside radius 1.5 t) fit (got %g mm)"),
                   MIN (h, b) / 3 * 1e3, t * 1e3);
      return FALSE;
    }
  ps_steel_section_rhs (h, b, t, out);
  return TRUE;
}

gboolean
ps_steel_section_chs_new (double D, double t, PsSteelSection *out, GError **error)
{
  if (!finite_positive (D))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("D: must be a positive length"));
      return FALSE;
    }
  if (!finite_positive (t))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("t: must be a positive length"));
      return FALSE;
    }
  if (!(2 * t < D))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("t: must be less than half of D (%g mm) (got %g mm)"), D / 2 * 1e3, t * 1e3);
      return FALSE;
    }
  ps_steel_section_chs (D, t, out);
  return TRUE;
}

gboolean
ps_steel_material_for (const PsSteelGradeInfo *grade, const PsSteelSection *s, PsSteelMaterial *out,
                       GError **error)
{
  double t = ps_steel_section_thickness (s);

  *out = ps_steel_grade_material (&grade->grade, t);
  if (isnan (out->fy))
    {
      double tmax = isnan (grade->grade.t2) ? grade->grade.t1 : grade->grade.t2;

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: an element %g mm thick is beyond the thicknesses its table gives "
                      "f_y for (up to %g mm)"),
                   grade->name, t * 1e3, tmax * 1e3);
      return FALSE;
    }
  return TRUE;
}

const char *
ps_steel_refusal_describe (PsSteelRefusal why)
{
  switch (why)
    {
    case PS_STEEL_OK:
      return "";
    case PS_STEEL_REFUSED_BAD_INPUT:
      return _ ("A section property, strength or action is missing, not a number or out of "
                "range: nothing is checked.");
    case PS_STEEL_REFUSED_THICKNESS:
      return _ ("The element is thicker than the steel grade's table gives a yield strength "
                "for: no f_y, nothing is checked.");
    case PS_STEEL_REFUSED_CLASS4:
      return _ ("Class 4 cross-section: its resistance needs the effective section of "
                "EN 1993-1-5 (W_eff), which is not implemented. Choose a stockier section.");
    case PS_STEEL_REFUSED_SHEAR_BUCKLING:
      return _ ("The web is slender in shear (h_w/t_w > 72 ε/η): its resistance needs the shear "
                "buckling rules of EN 1993-1-5 section 5, which are not implemented.");
    case PS_STEEL_REFUSED_LTB_DATA:
      return _ ("The section table gives no torsion or warping constant (or weak-axis data) "
                "for this section: lateral-torsional buckling cannot be checked.");
    case PS_STEEL_REFUSED_LTB_SEGMENT:
      return _ ("The beam is not restrained continuously, but no length between lateral "
                "restraints is known: lateral-torsional buckling cannot be checked.");
    case PS_STEEL_REFUSED_LTB_C2:
      return _ ("The load acts above the shear centre on a segment whose moment diagram has "
                "end moments and is not that of a uniform load. NCCI SN003b tabulates C2 only "
                "for segments without end moments and gives the combined case as graphs (the "
                "tables behind them: Galéa, Revue Construction Métallique STA-CAL 1-02, "
                "reproduced in ECCS publication 119 Annex B); the energy method used for a "
                "uniform load needs the load's position, which a point load inside the "
                "segment does not give here. The check is refused. Load at the shear centre "
                "or restrain the beam at closer spacing.");
    case PS_STEEL_REFUSED_SHAPE:
      return _ ("AISC 360-16: only doubly symmetric I-shapes (Sections F2, F3) are "
                "implemented; hollow sections (F7, F8) are not.");
    case PS_STEEL_REFUSED_WEB_NONCOMPACT:
      return _ ("AISC 360-16: the web is not compact (h/t_w > 3.76 √(E/F_y)); Sections F4 "
                "and F5 are not implemented.");
    }
  return _ ("Refused.");
}

char *
ps_steel_fmt (double v, int sig)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  int decimals = 0;

  if (isnan (v))
    return g_strdup ("—");
  if (isinf (v))
    return g_strdup (v > 0 ? "∞" : "−∞");
  if (v != 0)
    {
      int mag = (int)floor (log10 (fabs (v)));

      decimals = sig - 1 - mag;
      if (decimals < 0)
        decimals = 0;
      if (decimals > 12)
        decimals = 12;
    }
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, v);
  if (buf[0] == '-')
    return g_strconcat ("−", buf + 1, NULL);
  return g_strdup (buf);
}

char *
ps_steel_fmt_unit (double v, int sig, const char *unit)
{
  g_autofree char *n = ps_steel_fmt (v, sig);

  return g_strconcat (n, " ", unit, NULL);
}
