/* ps-beam-design.c: the design path of the beam study (ps-beam-design.h): the study
 * file into a model, the evaluation of each configuration (analysis, combinations,
 * code checks), its results.csv row and its part of summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-beam-design.h"
#include "ps-beam-sections-private.h"
#include "ps-design-sheets.h"
#include "ps-ec3.h"
#include "ps-aisc360.h"
#include "ps-error.h"
#include "ps-tables.h"
#include "study/ps-json.h"

/* Densities for the self-weight. Steel 7850 kg/m^3 (77.0 kN/m^3, EN 1991-1-1:2002
 * Table A.4); normal-weight concrete 24 kN/m^3 plain and 25 kN/m^3 reinforced
 * (EN 1991-1-1 Table A.1 and its note 1: +1 kN/m^3 for normal reinforcement);
 * aluminium 2700 kg/m^3 (EN 1999-1-1 3.2.5); timber the class's mean density
 * (EN 14080, EN 338: EN 1991-1-1 4.1 takes mean values for self-weight). */
#define STEEL_DENSITY 7850.0
#define CONCRETE_PLAIN_DENSITY (24e3 / PS_GRAVITY)
#define CONCRETE_RC_DENSITY (25e3 / PS_GRAVITY)

/* Row fields of a parameter's values are formatted once up to this many values. */
#define PRE_FORMAT_MAX 65536

/* ---------------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------------ */

static const char *const check_names[PS_CHECK_N]
    = { "bending",      "shear",      "interaction",         "ltb",
        "tension",      "deflection", "deflection_variable", "span_depth",
        "reinforcement" };

const char *
ps_beam_check_name (int check)
{
  return check >= 0 && check < PS_CHECK_N ? check_names[check] : "";
}

const char *
ps_beam_check_label (int check)
{
  switch (check)
    {
    case PS_CHECK_BENDING:
      return _ ("bending");
    case PS_CHECK_SHEAR:
      return _ ("shear");
    case PS_CHECK_INTERACTION:
      return _ ("bending and shear");
    case PS_CHECK_LTB:
      return _ ("lateral-torsional buckling");
    case PS_CHECK_TENSION:
      return _ ("flexural tension (plain concrete)");
    case PS_CHECK_DEFLECTION:
      return _ ("deflection");
    case PS_CHECK_DEFLECTION_VARIABLE:
      return _ ("deflection, variable actions");
    case PS_CHECK_SPAN_DEPTH:
      return _ ("span/depth");
    case PS_CHECK_REINFORCEMENT:
      return _ ("reinforcement limits");
    }
  return "";
}

const char *
ps_beam_checker_code (PsBeamChecker checker)
{
  switch (checker)
    {
    case PS_BEAM_CHECKER_EC3:
      return "EN 1993-1-1";
    case PS_BEAM_CHECKER_AISC:
      return "AISC 360-16";
    case PS_BEAM_CHECKER_EC5:
      return "EN 1995-1-1";
    case PS_BEAM_CHECKER_EC2_RC:
    case PS_BEAM_CHECKER_EC2_PLAIN:
      return "EN 1992-1-1";
    case PS_BEAM_CHECKER_EC9:
      return "EN 1999-1-1";
    default:
      return "";
    }
}

/* Results files are the same in every language: their reasons are English. */
const char *
ps_beam_refusal_text_en (gint32 code)
{
  int source = code >> 8, why = code & 0xff;

  switch (source)
    {
    case PS_BEAM_REFUSED_BY_PAIR:
      switch (why)
        {
        case PS_BEAM_PAIR_STEEL_SHAPE:
          return "steel is checked for rolled I (IPE, HE, W, UB, UC), rhs, shs and chs sections";
        case PS_BEAM_PAIR_TIMBER_SHAPE:
          return "timber is checked (EN 1995-1-1) for rectangular sections";
        case PS_BEAM_PAIR_CONCRETE_SHAPE:
          return "concrete is checked (EN 1992-1-1) for rectangular (plain) and rc-rectangular "
                 "sections";
        case PS_BEAM_PAIR_ALUMINIUM_SHAPE:
          return "aluminium is checked (EN 1999-1-1) for I, rectangular and chs sections";
        case PS_BEAM_PAIR_RC_MATERIAL:
          return "an rc-rectangular section needs a concrete class (C12/15 to C90/105)";
        case PS_BEAM_PAIR_NO_SHAPE_CHECK:
          return "no design code check for circular and custom sections";
        case PS_BEAM_PAIR_ALLOY_THICKNESS:
          return "EN 1999-1-1 Table 3.2b gives the alloy no strength for this thickness";
        case PS_BEAM_PAIR_CANTILEVER_LTB:
          return "lateral-torsional buckling of a steel cantilever is not implemented "
                 "(restrain it continuously)";
        }
      break;
    case PS_BEAM_REFUSED_BY_EC3:
    case PS_BEAM_REFUSED_BY_AISC:
      {
        gboolean en = source == PS_BEAM_REFUSED_BY_EC3;

        switch ((PsSteelRefusal)why)
          {
          case PS_STEEL_REFUSED_BAD_INPUT:
            return en ? "EN 1993-1-1: a section property, strength or action is missing or "
                        "not a number"
                      : "AISC 360-16: a section property, strength or action is missing or "
                        "not a number";
          case PS_STEEL_REFUSED_THICKNESS:
            return en ? "EN 1993-1-1: an element is thicker than the grade's f_y table"
                      : "AISC 360-16: an element is thicker than the grade's F_y table";
          case PS_STEEL_REFUSED_CLASS4:
            return "EN 1993-1-1: class 4 section (W_eff of EN 1993-1-5 not implemented)";
          case PS_STEEL_REFUSED_SHEAR_BUCKLING:
            return "EN 1993-1-1: web slender in shear, h_w/t_w > 72 eps/eta (EN 1993-1-5 not "
                   "implemented)";
          case PS_STEEL_REFUSED_LTB_DATA:
            return en ? "EN 1993-1-1: no torsion, warping or weak-axis data for "
                        "lateral-torsional buckling"
                      : "AISC 360-16: no torsion, warping or weak-axis data for "
                        "lateral-torsional buckling";
          case PS_STEEL_REFUSED_LTB_SEGMENT:
            return en ? "EN 1993-1-1: no length between lateral restraints"
                      : "AISC 360-16: no unbraced length";
          case PS_STEEL_REFUSED_LTB_C2:
            return "EN 1993-1-1: load above the shear centre on a segment with end moments "
                   "and a point load inside (C2 needs Galea's tables, CM STA-CAL 1-02 / ECCS "
                   "119 Annex B, not implemented): load at the shear centre or restrain closer";
          case PS_STEEL_REFUSED_SHAPE:
            return "AISC 360-16: only doubly symmetric I-shapes (F2, F3) are implemented";
          case PS_STEEL_REFUSED_WEB_NONCOMPACT:
            return "AISC 360-16: web not compact (F4, F5 not implemented)";
          case PS_STEEL_OK:
            break;
          }
        break;
      }
    case PS_BEAM_REFUSED_BY_EC5:
      switch ((PsEc5Refusal)why)
        {
        case PS_EC5_REFUSE_SECTION:
          return "EN 1995-1-1: b or h is not a positive length";
        case PS_EC5_REFUSE_MATERIAL:
          return "EN 1995-1-1: a strength or modulus of the class is missing";
        case PS_EC5_REFUSE_SERVICE_CLASS:
          return "EN 1995-1-1: the service class is not 1, 2 or 3";
        case PS_EC5_REFUSE_DURATION:
          return "EN 1995-1-1: no load-duration class";
        case PS_EC5_REFUSE_FACTORS:
          return "EN 1995-1-1: k_mod, k_def, gamma_M or k_cr not positive";
        case PS_EC5_REFUSE_LTB_HARDWOOD:
          return "EN 1995-1-1: lateral stability of hardwood (6.3.3) not implemented";
        case PS_EC5_REFUSE_LTB_DIAGRAM:
          return "EN 1995-1-1: a cantilever moment diagram outside Table 6.1";
        case PS_EC5_REFUSE_NAN:
          return "EN 1995-1-1: an action or a result is not a number";
        case PS_EC5_OK:
          break;
        }
      break;
    case PS_BEAM_REFUSED_BY_EC2_RC:
    case PS_BEAM_REFUSED_BY_EC2_PLAIN:
      switch ((PsEc2Refusal)why)
        {
        case PS_EC2_REFUSE_SECTION:
          return "EN 1992-1-1: a dimension is not positive, or d >= h, or d2 >= d";
        case PS_EC2_REFUSE_MATERIAL:
          return "EN 1992-1-1: a property of the concrete class is missing";
        case PS_EC2_REFUSE_STEEL:
          return "EN 1992-1-1: As, fyk or E_s is not positive";
        case PS_EC2_REFUSE_OVER_REINFORCED:
          return "EN 1992-1-1: over-reinforced (x_u/d beyond the ductility limit of 5.5(4), or "
                 "the steel does not yield)";
        case PS_EC2_REFUSE_NO_TOP_STEEL:
          return "EN 1992-1-1: hogging moment and no top reinforcement (As2, d2)";
        case PS_EC2_REFUSE_FACTORS:
          return "EN 1992-1-1: a partial factor or coefficient is not positive";
        case PS_EC2_REFUSE_NAN:
          return "EN 1992-1-1: an action or a result is not a number";
        case PS_EC2_OK:
          break;
        }
      break;
    case PS_BEAM_REFUSED_BY_EC9:
      switch ((PsEc9Refusal)why)
        {
        case PS_EC9_REFUSE_SECTION:
          return "EN 1999-1-1: a dimension is not positive or the section is inconsistent";
        case PS_EC9_REFUSE_MATERIAL:
          return "EN 1999-1-1: f_o, E or G of the alloy is missing";
        case PS_EC9_REFUSE_WELDED:
          return "EN 1999-1-1: heat-affected zones are not implemented";
        case PS_EC9_REFUSE_CLASS_4:
          return "EN 1999-1-1: class 4 section (W_eff of 6.2.5.2 not implemented)";
        case PS_EC9_REFUSE_SLENDER_WEB:
          return "EN 1999-1-1: web slender in shear (6.7.4 not implemented)";
        case PS_EC9_REFUSE_LTB_CANTILEVER:
          return "EN 1999-1-1: lateral-torsional buckling of a cantilever not implemented";
        case PS_EC9_REFUSE_LTB_DIAGRAM:
          return "EN 1999-1-1: load above the shear centre on a moment diagram without "
                 "tabulated C1, C2";
        case PS_EC9_REFUSE_FACTORS:
          return "EN 1999-1-1: a partial factor is not positive";
        case PS_EC9_REFUSE_NAN:
          return "EN 1999-1-1: an action or a result is not a number";
        case PS_EC9_OK:
          break;
        }
      break;
    }
  return "refused";
}

const char *
ps_beam_refusal_text (gint32 code)
{
  int source = code >> 8, why = code & 0xff;

  switch (source)
    {
    case PS_BEAM_REFUSED_BY_PAIR:
      switch (why)
        {
        case PS_BEAM_PAIR_STEEL_SHAPE:
          return _ ("Steel is checked for rolled I sections (IPE, HE, W, UB, UC) and rhs, shs "
                    "and chs hollow sections; this section has no steel check.");
        case PS_BEAM_PAIR_TIMBER_SHAPE:
          return _ ("Timber is checked to EN 1995-1-1 for rectangular sections only.");
        case PS_BEAM_PAIR_CONCRETE_SHAPE:
          return _ ("Concrete is checked to EN 1992-1-1 for rectangular sections (plain "
                    "concrete) and rc-rectangular ones (reinforced).");
        case PS_BEAM_PAIR_ALUMINIUM_SHAPE:
          return _ ("Aluminium is checked to EN 1999-1-1 for I, rectangular and chs sections.");
        case PS_BEAM_PAIR_RC_MATERIAL:
          return _ ("An rc-rectangular section needs a concrete class (C12/15 to C90/105).");
        case PS_BEAM_PAIR_NO_SHAPE_CHECK:
          return _ ("No design code checks circular or custom sections.");
        case PS_BEAM_PAIR_ALLOY_THICKNESS:
          return _ ("EN 1999-1-1 Table 3.2b gives the alloy no strength for the section's "
                    "thickness.");
        case PS_BEAM_PAIR_CANTILEVER_LTB:
          return _ ("Lateral-torsional buckling of a steel cantilever is not implemented (its "
                    "critical moment is not that of a segment between fork supports): "
                    "restrain it continuously (design.lateral_restraint \"continuous\").");
        }
      break;
    case PS_BEAM_REFUSED_BY_EC3:
    case PS_BEAM_REFUSED_BY_AISC:
      return ps_steel_refusal_describe ((PsSteelRefusal)why);
    case PS_BEAM_REFUSED_BY_EC5:
      return ps_ec5_refusal_message ((PsEc5Refusal)why);
    case PS_BEAM_REFUSED_BY_EC2_RC:
    case PS_BEAM_REFUSED_BY_EC2_PLAIN:
      return ps_ec2_refusal_message ((PsEc2Refusal)why);
    case PS_BEAM_REFUSED_BY_EC9:
      return ps_ec9_refusal_message ((PsEc9Refusal)why);
    }
  return _ ("Refused.");
}

/* ---------------------------------------------------------------------------------
 * Text helpers
 * ------------------------------------------------------------------------------ */

/* A length in mm as a label shows it, in the C locale. */
static char *
fmt_mm (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v * 1e3));
}

/* ---------------------------------------------------------------------------------
 * Materials
 * ------------------------------------------------------------------------------ */

static const char *
family_name (PsBeamFamily f)
{
  switch (f)
    {
    case PS_BEAM_FAMILY_STEEL:
      return _ ("steel");
    case PS_BEAM_FAMILY_TIMBER:
      return _ ("timber");
    case PS_BEAM_FAMILY_CONCRETE:
      return _ ("concrete");
    case PS_BEAM_FAMILY_ALUMINIUM:
      return _ ("aluminium");
    }
  return "";
}

static void
clear_material (gpointer data)
{
  PsBeamDesignMaterial *m = data;

  g_free (m->base.name);
  g_free (m->base.csv);
  g_free (m->custom_steel);
  g_free (m->custom_timber);
  g_free (m->custom_concrete);
}

/* The Table 3.2b rows of alloy @name, in thickness order. */
static guint
alloy_rows (const char *name, const PsAluminiumAlloy **rows)
{
  guint n = 0;

  for (guint i = 0; i < ps_aluminium_alloys_get_n () && n < PS_BEAM_MAX_ALLOY_ROWS; i++)
    {
      const PsAluminiumAlloy *row = ps_aluminium_alloys_get_nth (i);

      /* The lookup compares names as the tables do (case, spaces, hyphens); a row is
       * the alloy's when the lookup at its own upper thickness finds it. */
      if (ps_aluminium_alloy_lookup (name, row->t_max) == row)
        rows[n++] = row;
    }
  return n;
}

/* A required stress of a custom material, > 0. */
static gboolean
custom_stress (JsonObject *o, const char *path, const char *key, double *out, GError **error)
{
  return ps_json_get_quantity (o, path, key, TRUE, PS_QTY_STRESS, PS_CHECK_POSITIVE, out, error);
}

/* A custom steel: what EN 1993-1-1 and AISC 360-16 read of a grade, f_y, f_u and E,
 * for every thickness. G defaults to E / (2 (1 + nu)) with nu = 0.3 (EN 1993-1-1
 * 3.2.6(1)) under EN, and to 77 200 MPa (AISC 360-16, Nomenclature) under AISC. */
static gboolean
custom_steel (PsBeamDesign *d, JsonObject *o, const char *path, PsBeamDesignMaterial *m,
              GError **error)
{
  static const char *const keys[] = { "name", "family", "fy", "fu", "E", "G", "density", NULL };
  PsSteelGradeInfo *g = g_new0 (PsSteelGradeInfo, 1);
  double fy, fu, E, G = NAN;

  m->custom_steel = g;
  if (!ps_json_check_keys (o, path, keys, error) || !custom_stress (o, path, "fy", &fy, error)
      || !custom_stress (o, path, "fu", &fu, error) || !custom_stress (o, path, "E", &E, error)
      || !ps_json_get_quantity (o, path, "G", FALSE, PS_QTY_STRESS, PS_CHECK_POSITIVE, &G, error)
      || !ps_json_get_quantity (o, path, "density", FALSE, PS_QTY_DENSITY, PS_CHECK_POSITIVE,
                                &m->base.density, error))
    return FALSE;
  if (isnan (G))
    G = d->actions->code == PS_LOAD_CODE_ASCE ? 77.2e9 : E / (2.0 * (1.0 + 0.3));
  if (fu < fy)
    {
      g_autofree char *p = ps_json_path (path, "fu");

      ps_json_set_error (error, p, _ ("must not be less than fy"));
      return FALSE;
    }
  g->name = m->base.name;
  g->code = d->actions->code == PS_LOAD_CODE_ASCE ? "AISC" : "EN";
  g->standard = "";
  g->grade.t1 = INFINITY;
  g->grade.fy1 = fy;
  g->grade.fu1 = fu;
  g->grade.t2 = g->grade.fy2 = g->grade.fu2 = NAN;
  g->grade.E = E;
  g->grade.G = G;
  m->steel = g;
  return TRUE;
}

/* A custom timber: what the EN 1995-1-1 checks read (f_m,k, f_v,k, E_0,mean, E_0,05,
 * rho_k), its mean density for the self-weight, and the product, which selects
 * gamma_M, k_mod, k_def and k_h. */
static gboolean
custom_timber (JsonObject *o, const char *path, PsBeamDesignMaterial *m, GError **error)
{
  static const char *const keys[]
      = { "name",   "family", "f_m_k",   "f_v_k",   "E_0_mean", "E_0_05",
          "G_mean", "rho_k",  "density", "product", "hardwood", NULL };
  PsTimberClass *c = g_new0 (PsTimberClass, 1);
  const char *product = "solid";
  gboolean hardwood = FALSE;

  m->custom_timber = c;
  c->G_mean = c->f_t_0_k = c->f_c_0_k = NAN;
  if (!ps_json_check_keys (o, path, keys, error)
      || !custom_stress (o, path, "f_m_k", &c->f_m_k, error)
      || !custom_stress (o, path, "f_v_k", &c->f_v_k, error)
      || !custom_stress (o, path, "E_0_mean", &c->E_0_mean, error)
      || !custom_stress (o, path, "E_0_05", &c->E_0_05, error)
      || !ps_json_get_quantity (o, path, "G_mean", FALSE, PS_QTY_STRESS, PS_CHECK_POSITIVE,
                                &c->G_mean, error)
      || !ps_json_get_quantity (o, path, "rho_k", TRUE, PS_QTY_DENSITY, PS_CHECK_POSITIVE,
                                &c->rho_k, error)
      || !ps_json_get_quantity (o, path, "density", TRUE, PS_QTY_DENSITY, PS_CHECK_POSITIVE,
                                &c->rho_mean, error)
      || !ps_json_get_string (o, path, "product", FALSE, &product, error)
      || !ps_json_get_bool (o, path, "hardwood", FALSE, &hardwood, error))
    return FALSE;
  if (g_str_equal (product, "solid"))
    c->product = PS_TIMBER_SOLID;
  else if (g_str_equal (product, "glulam"))
    c->product = PS_TIMBER_GLULAM;
  else
    {
      g_autofree char *p = ps_json_path (path, "product");

      ps_json_set_error (error, p, _ ("expected \"solid\" or \"glulam\", got \"%s\""), product);
      return FALSE;
    }
  c->name = m->base.name;
  c->hardwood = hardwood;
  m->timber = c;
  return TRUE;
}

/* A custom concrete from f_ck alone: the other values of EN 1992-1-1 Table 3.1 by the
 * table's own expressions, f_cm = f_ck + 8 MPa, E_cm = 22 (f_cm/10)^0.3 GPa,
 * f_ctm = 0.30 f_ck^(2/3) up to C50/60 and 2.12 ln (1 + f_cm/10) above,
 * f_ctk,0.05 = 0.7 f_ctm, eps_cu2 = eps_cu3 = 3.5 per mille below 50 MPa and
 * 2.6 + 35 ((90 - f_ck)/100)^4 per mille from 50 MPa (MPa throughout). E_cm and f_ctm
 * may be given instead (a tested value). Table 3.1 spans f_ck 12 to 90 MPa. */
static gboolean
custom_concrete (JsonObject *o, const char *path, PsBeamDesignMaterial *m, GError **error)
{
  static const char *const keys[] = { "name", "family", "f_ck", "E_cm", "f_ctm", "density", NULL };
  PsConcreteClass *c = g_new0 (PsConcreteClass, 1);
  double fck, fcm, eps;

  m->custom_concrete = c;
  c->f_ck_cube = c->eps_c1 = c->eps_cu1 = c->eps_c2 = c->n = c->eps_c3 = NAN;
  c->E_cm = c->f_ctm = NAN;
  if (!ps_json_check_keys (o, path, keys, error)
      || !custom_stress (o, path, "f_ck", &c->f_ck, error)
      || !ps_json_get_quantity (o, path, "E_cm", FALSE, PS_QTY_STRESS, PS_CHECK_POSITIVE, &c->E_cm,
                                error)
      || !ps_json_get_quantity (o, path, "f_ctm", FALSE, PS_QTY_STRESS, PS_CHECK_POSITIVE,
                                &c->f_ctm, error)
      || !ps_json_get_quantity (o, path, "density", FALSE, PS_QTY_DENSITY, PS_CHECK_POSITIVE,
                                &m->base.density, error))
    return FALSE;
  fck = c->f_ck / 1e6;
  if (fck < 12.0 || fck > 90.0)
    {
      g_autofree char *p = ps_json_path (path, "f_ck");

      ps_json_set_error (error, p,
                         _ ("must be between 12 and 90 MPa, the range of EN 1992-1-1 Table 3.1 "
                            "(got %g MPa)"),
                         fck);
      return FALSE;
    }
  fcm = fck + 8.0;
  c->f_cm = fcm * 1e6;
  if (isnan (c->E_cm))
    c->E_cm = 22.0 * pow (fcm / 10.0, 0.3) * 1e9;
  if (isnan (c->f_ctm))
    c->f_ctm = (fck <= 50.0 ? 0.30 * pow (fck, 2.0 / 3.0) : 2.12 * log (1.0 + fcm / 10.0)) * 1e6;
  c->f_ctk_005 = 0.7 * c->f_ctm;
  c->f_ctk_095 = 1.3 * c->f_ctm;
  eps = fck < 50.0 ? 3.5 : 2.6 + 35.0 * pow ((90.0 - fck) / 100.0, 4.0);
  c->eps_cu2 = c->eps_cu3 = eps * 1e-3;
  c->name = m->base.name;
  m->concrete = c;
  return TRUE;
}

/* A material object of a design study: "family" says which code's values it must
 * carry. */
static gboolean
parse_custom_material (PsBeamDesign *d, JsonObject *o, const char *path, PsBeamDesignMaterial *m,
                       GError **error)
{
  const char *name, *family;

  if (!ps_json_get_string (o, path, "name", TRUE, &name, error)
      || !ps_json_get_string (o, path, "family", TRUE, &family, error))
    return FALSE;
  m->base.name = g_strdup (name);
  if (g_str_equal (family, "steel"))
    return custom_steel (d, o, path, m, error);
  if (g_str_equal (family, "timber"))
    return custom_timber (o, path, m, error);
  if (g_str_equal (family, "concrete"))
    return custom_concrete (o, path, m, error);
  {
    g_autofree char *p = ps_json_path (path, "family");

    ps_json_set_error (error, p,
                       _ ("expected \"steel\", \"timber\" or \"concrete\", got \"%s\" (an "
                          "aluminium alloy is named from EN 1999-1-1 Table 3.2b)"),
                       family);
  }
  return FALSE;
}

static gboolean
parse_material (PsBeamDesign *d, JsonNode *node, const char *path, GArray *out, GError **error)
{
  PsBeamDesignMaterial m = { 0 };

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!parse_custom_material (d, json_node_get_object (node), path, &m, error))
        {
          clear_material (&m);
          return FALSE;
        }
    }
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ps_json_set_error (error, path,
                         _ ("expected the name of a material of the code tables such as "
                            "\"S355\", \"GL24h\", \"C30/37\" or \"6061-T6\", or a material "
                            "object with \"family\" and the values its code needs, got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  else
    {
      const char *name = json_node_get_string (node);

      if ((m.steel = ps_steel_grades_lookup (name)) != NULL)
        m.base.name = g_strdup (m.steel->name);
      else if ((m.concrete = ps_concrete_class_lookup (name)) != NULL)
        m.base.name = g_strdup (m.concrete->name);
      else if ((m.timber = ps_timber_class_lookup (name)) != NULL)
        m.base.name = g_strdup (m.timber->name);
      else if ((m.n_alloy_rows = alloy_rows (name, m.alloy)) > 0)
        m.base.name = g_strdup (m.alloy[0]->name);
      else
        {
          GString *known = g_string_new (NULL);

          for (guint i = 0; i < ps_steel_grades_get_n (); i++)
            g_string_append_printf (known, "%s%s", i ? ", " : "",
                                    ps_steel_grades_get_nth (i)->name);
          for (guint i = 0; i < ps_timber_classes_get_n (); i++)
            g_string_append_printf (known, ", %s", ps_timber_classes_get_nth (i)->name);
          for (guint i = 0; i < ps_concrete_classes_get_n (); i++)
            g_string_append_printf (known, ", %s", ps_concrete_classes_get_nth (i)->name);
          for (guint i = 0; i < ps_aluminium_alloys_get_n (); i++)
            {
              const char *alloy = ps_aluminium_alloys_get_nth (i)->name;

              if (strstr (known->str, alloy) == NULL)
                g_string_append_printf (known, ", %s", alloy);
            }
          ps_json_set_error (error, path,
                             _ ("unknown material \"%s\": a design study takes a steel grade, "
                                "a timber or concrete class or an aluminium alloy of the code "
                                "tables (%s), or a material object"),
                             name, known->str);
          g_string_free (known, TRUE);
          return FALSE;
        }
    }

  if (m.steel != NULL)
    {
      m.family = PS_BEAM_FAMILY_STEEL;
      m.base.E = m.steel->grade.E;
      m.base.f_d = m.steel->grade.fy1;
      if (m.base.density == 0.0)
        m.base.density = STEEL_DENSITY;
    }
  else if (m.concrete != NULL)
    {
      m.family = PS_BEAM_FAMILY_CONCRETE;
      ps_ec2_concrete_from_class (m.concrete, &m.ec2);
      m.base.E = m.concrete->E_cm;
      m.base.f_d = m.concrete->f_ck;
      if (m.base.density == 0.0)
        m.base.density = CONCRETE_RC_DENSITY;
    }
  else if (m.timber != NULL)
    {
      m.family = PS_BEAM_FAMILY_TIMBER;
      ps_ec5_material_from_class (m.timber, &m.ec5);
      m.base.E = m.timber->E_0_mean;
      m.base.f_d = m.timber->f_m_k;
      m.base.density = m.timber->rho_mean;
      /* Under AISC the family check below refuses timber with the clearer reason. */
      if (d->factors.service_class == 0 && d->actions->code != PS_LOAD_CODE_ASCE)
        {
          ps_json_set_error (error, "design.service_class",
                             _ ("missing: %s is timber, whose checks need the service class "
                                "1, 2 or 3 (EN 1995-1-1 2.3.1.3)"),
                             m.base.name);
          clear_material (&m);
          return FALSE;
        }
      if (d->factors.service_class != 0
          && !ps_ec5_options_from_tables (&m.ec5_options, m.timber->product,
                                          d->factors.service_class, "design.service_class", error))
        {
          clear_material (&m);
          return FALSE;
        }
      if (!isnan (d->factors.gamma_M_timber))
        m.ec5_options.gamma_M = d->factors.gamma_M_timber;
    }
  else
    {
      m.family = PS_BEAM_FAMILY_ALUMINIUM;
      m.base.E = PS_ALUMINIUM_E;
      m.base.f_d = m.alloy[0]->f_o;
      m.base.density = PS_ALUMINIUM_DENSITY;
    }
  if (d->actions->code == PS_LOAD_CODE_ASCE && m.family != PS_BEAM_FAMILY_STEEL)
    {
      ps_json_set_error (error, path,
                         _ ("%s is %s: design.code \"AISC\" checks steel only (AISC 360-16); "
                            "use \"EN\" to check it to its Eurocode"),
                         m.base.name, family_name (m.family));
      clear_material (&m);
      return FALSE;
    }
  m.base.csv = ps_beam_csv_text (m.base.name);
  m.base.csv_len = strlen (m.base.csv);
  g_array_append_val (out, m);
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Sections
 * ------------------------------------------------------------------------------ */

static void
clear_section (gpointer data)
{
  PsBeamDesignSection *s = data;

  g_free (s->base.label);
  g_free (s->base.error);
  g_free (s->base.csv);
}

static void
section_init (PsBeamDesignSection *s, PsBeamShapeKind kind)
{
  memset (s, 0, sizeof *s);
  s->kind = kind;
  s->base.b = s->base.h = s->base.d = s->base.D = s->base.t = NAN;
  s->base.A = s->base.I = s->base.W = NAN;
  s->rc.cover = s->rc.phi = s->rc.phi2 = NAN;
}

/* One parametric section from its values (in the order of the shape's keys). */
static void
parametric_section (const char *shape, const char *path, const double *v, PsBeamDesignSection *s)
{
  g_autoptr (GError) err = NULL;

  if (g_str_equal (shape, "rhs") || g_str_equal (shape, "shs"))
    {
      gboolean square = g_str_equal (shape, "shs");
      double h = square ? v[0] : v[0], b = square ? v[0] : v[1], t = square ? v[1] : v[2];
      g_autofree char *sh = fmt_mm (h), *sb = fmt_mm (b), *st = fmt_mm (t);

      section_init (s, PS_BEAM_SHAPE_RHS);
      s->base.h = h;
      s->base.b = b;
      s->base.t = t;
      s->base.label = g_strdup_printf ("%s %sx%sx%s", square ? "SHS" : "RHS", sh, sb, st);
      if (!ps_steel_section_rhs_new (h, b, t, &s->steel, &err))
        s->base.error = g_strdup_printf ("%s.%s", path, err->message);
      else
        {
          s->base.A = s->steel.A;
          s->base.I = s->steel.Iy;
          s->base.W = s->steel.Wel_y;
        }
    }
  else if (g_str_equal (shape, "chs") || g_str_equal (shape, "hollow-circular"))
    {
      double D = v[0], t = v[1];
      g_autofree char *sD = fmt_mm (D), *st = fmt_mm (t);

      section_init (s, PS_BEAM_SHAPE_CHS);
      s->base.D = D;
      s->base.t = t;
      s->base.label = g_strdup_printf ("CHS %sx%s", sD, st);
      if (!ps_steel_section_chs_new (D, t, &s->steel, &err))
        s->base.error = g_strdup_printf ("%s.%s", path, err->message);
      else
        {
          s->base.A = s->steel.A;
          s->base.I = s->steel.Iy;
          s->base.W = s->steel.Wel_y;
        }
    }
  else if (g_str_equal (shape, "rectangular"))
    {
      double b = v[0], h = v[1];
      g_autofree char *sb = fmt_mm (b), *sh = fmt_mm (h);

      section_init (s, PS_BEAM_SHAPE_RECTANGULAR);
      s->base.b = b;
      s->base.h = h;
      s->base.A = b * h;
      s->base.I = b * h * h * h / 12.0;
      s->base.W = b * h * h / 6.0;
      s->base.label = g_strdup_printf ("rectangular %sx%s", sb, sh);
    }
  else if (g_str_equal (shape, "circular"))
    {
      double dd = v[0];

      section_init (s, PS_BEAM_SHAPE_OTHER);
      s->base.d = dd;
      s->base.A = G_PI * dd * dd / 4.0;
      s->base.I = G_PI * pow (dd, 4) / 64.0;
      s->base.W = G_PI * pow (dd, 3) / 32.0;
      s->base.label = g_strdup ("circular");
    }
  else /* custom: I, W or c, A */
    {
      section_init (s, PS_BEAM_SHAPE_OTHER);
      s->base.I = v[0];
      s->base.W = v[1];
      s->base.A = v[2];
      s->base.label = g_strdup ("custom");
    }
  s->base.shape = g_intern_string (shape);
  ps_beam_section_csv (&s->base);
}

typedef struct
{
  GArray *sections;
  const char *path;
} GridContext;

/* One section of a parametric entry's grid (ps_beam_section_grid()). */
static gboolean
add_parametric_section (const char *shape, const double *v, gpointer user_data)
{
  GridContext *c = user_data;
  PsBeamDesignSection s;

  parametric_section (shape, c->path, v, &s);
  g_array_append_val (c->sections, s);
  return s.base.error == NULL;
}

static gboolean
add_parametric (const char *shape, JsonObject *obj, const char *path, GArray *sections,
                GError **error)
{
  GridContext c = { sections, path };
  guint first = sections->len;
  guint64 total, invalid;

  if (!ps_beam_section_grid (obj, path, shape, ps_memory_budget () / 1024, add_parametric_section,
                             &c, &total, &invalid, error))
    return FALSE;
  if (invalid == total)
    {
      /* Nothing of this entry can be computed: a mistake in the file, not a
       * configuration that fails. */
      g_set_error_literal (error, PS_ERROR, PS_ERROR_INVALID,
                           g_array_index (sections, PsBeamDesignSection, first).base.error);
      if (error != NULL && *error != NULL)
        ps_error_set_json_path (*error, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_section (JsonNode *node, const char *path, GArray *sections, GError **error)
{
  JsonObject *obj;
  const char *shape = ps_beam_section_shape (node, path, error);

  if (shape == NULL)
    return FALSE;
  obj = json_node_get_object (node);
  if (g_str_equal (shape, "standard"))
    {
      g_autoptr (GPtrArray) infos = g_ptr_array_new ();

      if (!ps_beam_section_designations (obj, path, infos, error))
        return FALSE;
      for (guint i = 0; i < infos->len; i++)
        {
          const PsSectionInfo *info = infos->pdata[i];
          PsBeamDesignSection s;
          g_autoptr (GError) err = NULL;

          section_init (&s, PS_BEAM_SHAPE_I);
          s.info = info;
          s.base.shape = "standard";
          s.base.label = g_strdup (info->designation);
          s.base.b = info->b;
          s.base.h = info->h;
          s.base.A = info->A;
          s.base.I = info->I;
          s.base.W = info->W;
          if (!ps_steel_section_from_info (info, &s.steel, &err))
            s.kind = PS_BEAM_SHAPE_OTHER;
          ps_beam_section_csv (&s.base);
          g_array_append_val (sections, s);
        }
      return TRUE;
    }
  if (g_str_equal (shape, "rc-rectangular"))
    {
      PsBeamDesignSection s;
      PsRcSection rc;
      GString *label;

      if (!ps_rc_section_from_json (obj, path, &rc, error))
        return FALSE;
      section_init (&s, PS_BEAM_SHAPE_RC);
      s.rc = rc;
      s.base.shape = "rc-rectangular";
      s.base.b = rc.section.b;
      s.base.h = rc.section.h;
      s.base.A = rc.section.b * rc.section.h;
      s.base.I = rc.section.b * pow (rc.section.h, 3) / 12.0;
      s.base.W = rc.section.b * rc.section.h * rc.section.h / 6.0;
      {
        g_autofree char *sb = fmt_mm (rc.section.b), *sh = fmt_mm (rc.section.h);

        label = g_string_new (NULL);
        g_string_append_printf (label, "RC %sx%s", sb, sh);
      }
      if (rc.n_bars > 0)
        {
          g_autofree char *sp = fmt_mm (rc.phi);

          g_string_append_printf (label, " %dx%s", rc.n_bars, sp);
        }
      else
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (label, " As%s",
                                  g_ascii_formatd (buf, sizeof buf, "%.4g", rc.section.As * 1e6));
        }
      if (rc.section.As2 > 0.0)
        {
          if (rc.n_bars2 > 0)
            {
              g_autofree char *sp = fmt_mm (rc.phi2);

              g_string_append_printf (label, " top %dx%s", rc.n_bars2, sp);
            }
          else
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (
                  label, " top As%s",
                  g_ascii_formatd (buf, sizeof buf, "%.4g", rc.section.As2 * 1e6));
            }
        }
      s.base.label = g_string_free (label, FALSE);
      ps_beam_section_csv (&s.base);
      g_array_append_val (sections, s);
      return TRUE;
    }
  if (ps_beam_section_is_parametric (shape))
    return add_parametric (shape, obj, path, sections, error);
  {
    g_autofree char *p = ps_json_path (path, "shape");

    ps_json_set_error (error, p,
                       _ ("expected \"standard\", \"rhs\", \"shs\", \"chs\", \"rectangular\", "
                          "\"rc-rectangular\", \"hollow-circular\", \"circular\" or \"custom\", "
                          "got \"%s\""),
                       shape);
  }
  return FALSE;
}

/* A list, or one object, of @member of @beam, parsed by @parse into @out. */
static gboolean
parse_list (PsBeamDesign *d, JsonObject *beam, const char *member, const char *missing,
            gboolean (*parse) (PsBeamDesign *, JsonNode *, const char *, GArray *, GError **),
            GArray *out, GError **error)
{
  JsonNode *node = json_object_get_member (beam, member);
  g_autofree char *path = ps_json_path ("beam", member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      ps_json_set_error (error, path, "%s", missing);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      if (json_array_get_length (a) == 0)
        {
          ps_json_set_error (error, path, _ ("an empty list (expected at least one)"));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);

          if (!parse (d, json_array_get_element (a, i), p, out, error))
            return FALSE;
        }
      return TRUE;
    }
  return parse (d, node, path, out, error);
}

static gboolean
parse_section_entry (PsBeamDesign *d, JsonNode *node, const char *path, GArray *out, GError **error)
{
  return parse_section (node, path, out, error);
}

/* ---------------------------------------------------------------------------------
 * Pairs of material and section
 * ------------------------------------------------------------------------------ */

/* The thickness that picks an aluminium alloy's row of Table 3.2b: the thickest
 * element of an I section, the wall of a tube, the smaller side of a bar. */
static double
alloy_thickness (const PsBeamDesignSection *s)
{
  switch (s->kind)
    {
    case PS_BEAM_SHAPE_I:
      return MAX (s->info->tf, s->info->tw);
    case PS_BEAM_SHAPE_CHS:
      return s->base.t;
    default:
      return MIN (s->base.b, s->base.h);
    }
}

/* What the analysis and the check of material @im and section @is read. */
static void
pair_prepare (const PsBeamDesign *d, guint64 im, guint64 is, PsBeamPair *p)
{
  const PsBeamDesignMaterial *mat = &d->materials[im];
  const PsBeamDesignSection *sec = &d->sections[is];
  gboolean cantilever = d->actions->support == PS_BEAM_SUPPORT_CANTILEVER;
  double density = mat->base.density, E = mat->base.E;
  gint32 why = 0;

  p->checker = PS_BEAM_CHECKER_NONE;
  p->refusal = 0;
  if (sec->kind == PS_BEAM_SHAPE_OTHER)
    why = PS_BEAM_PAIR_NO_SHAPE_CHECK;
  else if (sec->kind == PS_BEAM_SHAPE_RC && mat->family != PS_BEAM_FAMILY_CONCRETE)
    why = PS_BEAM_PAIR_RC_MATERIAL;
  else
    switch (mat->family)
      {
      case PS_BEAM_FAMILY_STEEL:
        if (sec->kind != PS_BEAM_SHAPE_I && sec->kind != PS_BEAM_SHAPE_RHS
            && sec->kind != PS_BEAM_SHAPE_CHS)
          why = PS_BEAM_PAIR_STEEL_SHAPE;
        else if (cantilever && d->actions->plan.restraint != PS_BA_RESTRAINT_CONTINUOUS
                 && sec->kind != PS_BEAM_SHAPE_CHS)
          why = PS_BEAM_PAIR_CANTILEVER_LTB;
        else
          {
            p->checker = d->actions->code == PS_LOAD_CODE_ASCE ? PS_BEAM_CHECKER_AISC
                                                               : PS_BEAM_CHECKER_EC3;
            p->steel = sec->steel;
            p->steel_material = ps_steel_grade_material (&mat->steel->grade,
                                                         ps_steel_section_thickness (&p->steel));
          }
        break;
      case PS_BEAM_FAMILY_TIMBER:
        if (sec->kind != PS_BEAM_SHAPE_RECTANGULAR)
          why = PS_BEAM_PAIR_TIMBER_SHAPE;
        else
          {
            p->checker = PS_BEAM_CHECKER_EC5;
            p->ec5.b = sec->base.b;
            p->ec5.h = sec->base.h;
            p->ec5_material = mat->ec5;
            p->ec5_options = mat->ec5_options;
            p->ec5_options.cantilever = cantilever;
            E = mat->ec5.E_0_mean;
          }
        break;
      case PS_BEAM_FAMILY_CONCRETE:
        p->ec2_concrete = mat->ec2;
        p->ec2_options = d->ec2;
        E = mat->ec2.E_cm;
        if (sec->kind == PS_BEAM_SHAPE_RC)
          {
            p->checker = PS_BEAM_CHECKER_EC2_RC;
            p->ec2 = sec->rc.section;
            density = CONCRETE_RC_DENSITY;
          }
        else if (sec->kind == PS_BEAM_SHAPE_RECTANGULAR)
          {
            p->checker = PS_BEAM_CHECKER_EC2_PLAIN;
            memset (&p->ec2, 0, sizeof p->ec2);
            p->ec2.b = sec->base.b;
            p->ec2.h = sec->base.h;
            density = CONCRETE_PLAIN_DENSITY;
          }
        else
          why = PS_BEAM_PAIR_CONCRETE_SHAPE;
        break;
      case PS_BEAM_FAMILY_ALUMINIUM:
        if (sec->kind != PS_BEAM_SHAPE_I && sec->kind != PS_BEAM_SHAPE_RECTANGULAR
            && sec->kind != PS_BEAM_SHAPE_CHS)
          why = PS_BEAM_PAIR_ALUMINIUM_SHAPE;
        else
          {
            double t = alloy_thickness (sec);
            const PsAluminiumAlloy *row = NULL;

            for (guint i = 0; i < mat->n_alloy_rows; i++)
              if (t > mat->alloy[i]->t_min && t <= mat->alloy[i]->t_max)
                row = mat->alloy[i];
            if (row == NULL)
              {
                why = PS_BEAM_PAIR_ALLOY_THICKNESS;
                break;
              }
            p->checker = PS_BEAM_CHECKER_EC9;
            ps_ec9_alloy_from_table (row, &p->ec9_alloy);
            p->ec9_options = d->ec9;
            p->ec9_options.cantilever = cantilever;
            memset (&p->ec9, 0, sizeof p->ec9);
            p->ec9.W_el = p->ec9.W_pl = p->ec9.I_z = p->ec9.I_t = p->ec9.I_w = NAN;
            if (sec->kind == PS_BEAM_SHAPE_I)
              {
                p->ec9.shape = PS_EC9_I_SECTION;
                p->ec9.h = sec->info->h;
                p->ec9.b = sec->info->b;
                p->ec9.tw = sec->info->tw;
                p->ec9.tf = sec->info->tf;
                p->ec9.r = sec->info->r;
                p->ec9.W_el = sec->info->W;
                p->ec9.W_pl = sec->info->Wpl_y;
                p->ec9.I_z = sec->info->Iz;
                p->ec9.I_t = sec->info->It;
                p->ec9.I_w = sec->info->Iw;
              }
            else if (sec->kind == PS_BEAM_SHAPE_RECTANGULAR)
              {
                p->ec9.shape = PS_EC9_RECTANGULAR;
                p->ec9.b = sec->base.b;
                p->ec9.h = sec->base.h;
              }
            else
              {
                p->ec9.shape = PS_EC9_CHS;
                p->ec9.D = sec->base.D;
                p->ec9.t = sec->base.t;
              }
          }
        break;
      }
  if (why != 0)
    p->refusal = PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_PAIR, why);
  p->EI = E * sec->base.I;
  p->mass = density * sec->base.A;
  p->self_weight = p->mass * PS_GRAVITY;
}

/* EN 1992-1-1 7.4.2 needs the span and K of Table 7.4N. In a continuous beam the span
 * with the smallest allowed span/depth (l / (K F3), F3 = 7/l past 7 m) is checked:
 * end spans take K = 1.3, inner ones and spans with a fixed end 1.5. */
static void
ec2_span (const PsBeamActions *a, const PsBaConfig *c, PsEc2Options *o)
{
  double worst = -1.0;

  switch (a->support)
    {
    case PS_BEAM_SUPPORT_SIMPLY_SUPPORTED:
      o->span_type = PS_EC2_SPAN_SIMPLE;
      o->span = c->x[1];
      return;
    case PS_BEAM_SUPPORT_CANTILEVER:
      o->span_type = PS_EC2_SPAN_CANTILEVER;
      o->span = c->x[1];
      return;
    case PS_BEAM_SUPPORT_FIXED_FIXED:
      o->span_type = PS_EC2_SPAN_INTERIOR;
      o->span = c->x[1];
      return;
    case PS_BEAM_SUPPORT_PROPPED_CANTILEVER:
      o->span_type = PS_EC2_SPAN_END;
      o->span = c->x[1];
      return;
    case PS_BEAM_SUPPORT_CONTINUOUS:
      break;
    }
  for (int s = 0; s < c->n_spans; s++)
    {
      double l = c->x[s + 1] - c->x[s];
      gboolean left_free = s == 0 && c->left == PS_BA_PINNED;
      gboolean right_free = s == c->n_spans - 1 && c->right == PS_BA_PINNED;
      PsEc2Span type = left_free && right_free   ? PS_EC2_SPAN_SIMPLE
                       : left_free || right_free ? PS_EC2_SPAN_END
                                                 : PS_EC2_SPAN_INTERIOR;
      double f3 = o->partitions && l > 7.0 ? 7.0 / l : 1.0;
      double v = l / (ps_ec2_K (type) * f3);

      if (v > worst)
        {
          worst = v;
          o->span = l;
          o->span_type = type;
        }
    }
}

/* @memo (may be NULL): the workspace's one-entry memo of the energy M_cr (EN 1993-1-1),
 * which only saves time: a hit gives the bits a computation would. */
static void
check_pair (const PsBeamDesign *d, const PsBeamPair *p, const PsEc2Options *ec2,
            const PsDesignActions *a, PsDesignResult *r, PsBeamCheckDetail *det,
            PsLtbEnergyMemo *memo)
{
  switch (p->checker)
    {
    case PS_BEAM_CHECKER_EC3:
      ps_ec3_check_memo (&p->steel, &p->steel_material, &d->ec3, a, memo, r, &det->ec3);
      break;
    case PS_BEAM_CHECKER_AISC:
      ps_aisc_check (&p->steel, &p->steel_material, &d->aisc, a, r, &det->aisc);
      break;
    case PS_BEAM_CHECKER_EC5:
      ps_ec5_check (&p->ec5, &p->ec5_material, &p->ec5_options, a, r, &det->ec5);
      break;
    case PS_BEAM_CHECKER_EC2_RC:
      ps_ec2_check_rc (&p->ec2, &p->ec2_concrete, ec2, a, r, &det->ec2);
      break;
    case PS_BEAM_CHECKER_EC2_PLAIN:
      ps_ec2_check_plain (p->ec2.b, p->ec2.h, &p->ec2_concrete, ec2, a, r, &det->plain);
      break;
    case PS_BEAM_CHECKER_EC9:
      ps_ec9_check (&p->ec9, &p->ec9_alloy, &p->ec9_options, a, r, &det->ec9);
      break;
    case PS_BEAM_CHECKER_NONE:
      ps_design_result_init (r);
      r->refused = 1;
      break;
    }
}

static gint32
check_refusal (PsBeamChecker checker, const PsBeamCheckDetail *det)
{
  switch (checker)
    {
    case PS_BEAM_CHECKER_EC3:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_EC3, det->ec3.refusal);
    case PS_BEAM_CHECKER_AISC:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_AISC, det->aisc.refusal);
    case PS_BEAM_CHECKER_EC5:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_EC5, det->ec5.refusal);
    case PS_BEAM_CHECKER_EC2_RC:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_EC2_RC, det->ec2.refusal);
    case PS_BEAM_CHECKER_EC2_PLAIN:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_EC2_PLAIN, det->plain.refusal);
    case PS_BEAM_CHECKER_EC9:
      return PS_BEAM_REFUSAL (PS_BEAM_REFUSED_BY_EC9, det->ec9.refusal);
    default:
      return 0;
    }
}

static gboolean
is_serviceability (int check)
{
  return check == PS_CHECK_DEFLECTION || check == PS_CHECK_DEFLECTION_VARIABLE
         || check == PS_CHECK_SPAN_DEPTH;
}

/* The code checks of one configuration, analysed into @res and @env, for the ultimate
 * combinations @uls[0 .. n_uls - 1] (d->uls: every one). */
static void
design_check_of (const PsBeamDesign *d, const PsBeamPair *p, const PsBaConfig *cfg,
                 const PsBaComboResult *res, const PsBaEnvelope *env, PsBeamCheckDetail *det,
                 PsLtbEnergyMemo *memo, PsBeamDesignOut *o, const int *uls, guint n_uls)
{
  PsEc2Options ec2 = p->ec2_options;
  double best = NAN;

  o->M_sag = env->actions.M_Ed_sag;
  o->M_hog = env->actions.M_Ed_hog;
  o->V = env->actions.V_Ed;
  o->w = env->actions.w_total;
  o->w_variable = env->actions.w_variable;
  o->mass = p->mass;
  o->M_Rd = o->V_Rd = o->M_cr = o->lambda_LT = o->chi_LT = o->Mb_Rd = NAN;
  for (int c = 0; c < PS_CHECK_N; c++)
    {
      o->u[c] = NAN;
      o->u_combo[c] = -1;
    }
  o->u_max = NAN;
  o->governing_check = o->governing_combination = o->strength_combination = -1;
  o->refused = FALSE;
  o->refusal = 0;
  o->pass = FALSE;
  if (p->checker == PS_BEAM_CHECKER_NONE)
    {
      o->refused = TRUE;
      o->refusal = p->refusal;
      return;
    }
  if (p->checker == PS_BEAM_CHECKER_EC2_RC)
    ec2_span (d->actions, cfg, &ec2);

  for (guint i = 0; i < n_uls; i++)
    {
      int k = uls[i];
      PsDesignResult r;
      double su = NAN;

      check_pair (d, p, &ec2, &res[k].actions, &r, det, memo);
      if (r.refused && !o->refused)
        {
          o->refused = TRUE;
          o->refusal = check_refusal (p->checker, det);
        }
      for (int c = 0; c < PS_CHECK_N; c++)
        {
          if (isnan (r.u[c]))
            continue;
          if (o->u_combo[c] < 0 || r.u[c] > o->u[c])
            {
              o->u[c] = r.u[c];
              o->u_combo[c] = k;
            }
          if (!is_serviceability (c) && (isnan (su) || r.u[c] > su))
            su = r.u[c];
        }
      if (o->strength_combination < 0 || (!isnan (su) && (isnan (best) || su > best)))
        {
          best = su;
          o->strength_combination = k;
          o->M_Rd = r.M_Rd;
          o->V_Rd = r.V_Rd;
          o->M_cr = r.M_cr;
          o->lambda_LT = r.lambda_LT;
          o->chi_LT = r.chi_LT;
          o->Mb_Rd = r.Mb_Rd;
        }
    }
  /* The deflections come from the serviceability combinations that give them. */
  if (o->u_combo[PS_CHECK_DEFLECTION] >= 0 && env->combo_w_total >= 0)
    o->u_combo[PS_CHECK_DEFLECTION] = env->combo_w_total;
  if (o->u_combo[PS_CHECK_DEFLECTION_VARIABLE] >= 0 && env->combo_w_variable >= 0)
    o->u_combo[PS_CHECK_DEFLECTION_VARIABLE] = env->combo_w_variable;
  for (int c = 0; c < PS_CHECK_N; c++)
    if (!isnan (o->u[c]) && (o->governing_check < 0 || o->u[c] > o->u_max))
      {
        o->u_max = o->u[c];
        o->governing_check = c;
      }
  if (o->governing_check >= 0)
    o->governing_combination = o->u_combo[o->governing_check];
  o->pass = !o->refused && o->governing_check >= 0 && o->u_max <= 1.0;
}

/* The code checks of one configuration for every ultimate combination. */
static void
design_check (const PsBeamDesign *d, const PsBeamPair *p, const PsBaConfig *cfg,
              const PsBaComboResult *res, const PsBaEnvelope *env, PsBeamCheckDetail *det,
              PsLtbEnergyMemo *memo, PsBeamDesignOut *o)
{
  design_check_of (d, p, cfg, res, env, det, memo, o, d->uls, d->n_uls);
}

/* ---------------------------------------------------------------------------------
 * The workspace
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsBeamWork *work;
  PsBaComboResult *res;
  PsBaEnvelope env;
  PsBaConfig cfg;
  guint64 *digits;
  guint64 pair_m, pair_s; /* G_MAXUINT64: none yet */
  PsBeamPair pair;
  PsBeamCheckDetail detail;
  PsLtbEnergyMemo ltb_memo; /* the last energy M_cr of EN 1993-1-1 (ps-ltb-energy-math.h) */
  /* The proportional group last prepared: its first item (G_MAXUINT64: none) and
   * whether it is proportional. */
  PsBeamFastGroup *group;
  guint64 group_first;
  gboolean group_ok;
  guint64 *group_digits;
  int *uls;      /* scratch: the ultimate combinations a threshold count checks */
  double *uls_s; /* scratch: their scalars at the two ends of the range, 2 d->n_uls */
  PsBeamFastCounts counts;
} Work;

gpointer
ps_beam_design_workspace_new (const PsBeamDesign *d)
{
  Work *w = g_new0 (Work, 1);

  w->work = ps_beam_actions_work_new (d->actions);
  w->res = g_new0 (PsBaComboResult, MAX (ps_beam_actions_get_n_combinations (d->actions), 1u));
  w->digits = g_new0 (guint64, d->n_dims);
  w->pair_m = w->pair_s = G_MAXUINT64;
  w->group = ps_beam_fast_group_new (d->actions);
  w->group_first = G_MAXUINT64;
  w->group_digits = g_new0 (guint64, d->n_dims);
  w->uls = g_new0 (int, MAX (d->n_uls, 1u));
  w->uls_s = g_new0 (double, 2 * MAX (d->n_uls, 1u));
  ps_ltb_energy_memo_init (&w->ltb_memo);
  return w;
}

void
ps_beam_design_workspace_free (gpointer workspace)
{
  Work *w = workspace;

  if (w == NULL)
    return;
  ps_beam_actions_work_free (w->work);
  g_free (w->res);
  g_free (w->digits);
  ps_beam_fast_group_free (w->group);
  g_free (w->group_digits);
  g_free (w->uls);
  g_free (w->uls_s);
  g_free (w);
}

void
ps_beam_design_item_digits (const PsBeamDesign *d, guint64 item, guint64 *digits)
{
  for (guint k = 0; k < d->n_dims; k++)
    digits[k] = (item / d->stride[k]) % d->count[k];
}

/* The configuration of @digits into @cfg, with w->pair made that of its material and
 * section; FALSE with the reason (owned by the caller, only when @error_message is not
 * NULL) when it cannot be computed. */
static gboolean
config_of (const PsBeamDesign *d, Work *w, const guint64 *digits, PsBaConfig *cfg,
           char **error_message)
{
  const PsBeamDesignSection *sec = &d->sections[digits[1]];

  if (digits[0] != w->pair_m || digits[1] != w->pair_s)
    {
      pair_prepare (d, digits[0], digits[1], &w->pair);
      w->pair_m = digits[0];
      w->pair_s = digits[1];
    }
  if (sec->base.error != NULL)
    {
      if (error_message != NULL)
        *error_message = g_strdup (sec->base.error);
      return FALSE;
    }
  return ps_beam_actions_config (d->actions, digits + 2, w->pair.EI, w->pair.self_weight, cfg,
                                 error_message);
}

/* The configuration of w->digits into w->cfg. */
static gboolean
config_digits (const PsBeamDesign *d, Work *w, char **error_message)
{
  return config_of (d, w, w->digits, &w->cfg, error_message);
}

static gboolean
eval_digits (const PsBeamDesign *d, Work *w, PsBeamDesignOut *o, char **error_message)
{
  if (!config_digits (d, w, error_message))
    return FALSE;
  ps_beam_actions_evaluate (d->actions, &w->cfg, w->work, w->res, &w->env);
  design_check (d, &w->pair, &w->cfg, w->res, &w->env, &w->detail, &w->ltb_memo, o);
  return TRUE;
}

gboolean
ps_beam_design_eval_item (const PsBeamDesign *d, guint64 item, PsBeamDesignOut *out,
                          char **error_message)
{
  Work *w = ps_beam_design_workspace_new (d);
  gboolean ok;

  g_return_val_if_fail (item < d->n_items, FALSE);
  ps_beam_design_item_digits (d, item, w->digits);
  ok = eval_digits (d, w, out, error_message);
  ps_beam_design_workspace_free (w);
  return ok;
}

gboolean
ps_beam_design_item_config (const PsBeamDesign *d, guint64 item, PsBeamPair *pair, PsBaConfig *cfg,
                            char **error_message)
{
  Work *w = ps_beam_design_workspace_new (d);
  gboolean ok;

  g_return_val_if_fail (item < d->n_items, FALSE);
  ps_beam_design_item_digits (d, item, w->digits);
  ok = config_digits (d, w, error_message);
  if (pair != NULL)
    *pair = w->pair;
  if (ok && cfg != NULL)
    *cfg = w->cfg;
  ps_beam_design_workspace_free (w);
  return ok;
}

/* ---------------------------------------------------------------------------------
 * Summary
 * ------------------------------------------------------------------------------ */

void
ps_beam_design_summary_init (const PsBeamDesign *d, PsBeamDesignSummary *s)
{
  memset (s, 0, sizeof *s);
  s->max_M_sag = s->max_M_hog = s->max_V = s->max_w = s->max_w_variable = NAN;
  s->max_u = NAN;
  s->max_u_item = G_MAXUINT64;
  for (guint g = 0; g < PS_BEAM_MAX_GROUPS; g++)
    {
      s->group_mass[g] = INFINITY;
      s->group_item[g] = G_MAXUINT64;
    }
}

static inline void
take_max (double *acc, double v)
{
  if (!isnan (v) && (isnan (*acc) || v > *acc))
    *acc = v;
}

static guint
group_of (const PsBeamDesign *d, const guint64 *digits)
{
  guint g = 0;

  for (guint i = 0; i < d->n_group_params; i++)
    {
      guint k = d->group_param[i];

      g = g * (guint)d->count[2 + k] + (guint)digits[2 + k];
    }
  return g;
}

/* One computed configuration in the pass map's cell (summary.json "pass_map"). */
static inline void
map_add (const PsBeamDesign *d, PsBeamSummary *s, const guint64 *digits, gboolean pass)
{
  guint i, k;

  if (d->map_param[0] < 0)
    return;
  i = ps_beam_map_bin (digits[2 + d->map_param[0]], d->count[2 + d->map_param[0]]);
  k = ps_beam_map_bin (digits[2 + d->map_param[1]], d->count[2 + d->map_param[1]]);
  s->map_valid[i][k]++;
  s->map_passing[i][k] += pass;
}

static void
summary_add (const PsBeamDesign *d, PsBeamSummary *s, guint64 item, const guint64 *digits,
             const PsBeamDesignOut *o)
{
  PsBeamDesignSummary *ds = &s->design;

  s->valid++;
  map_add (d, s, digits, o->pass);
  take_max (&ds->max_M_sag, o->M_sag);
  take_max (&ds->max_M_hog, o->M_hog);
  take_max (&ds->max_V, o->V);
  take_max (&ds->max_w, o->w);
  take_max (&ds->max_w_variable, o->w_variable);
  if (o->refused)
    {
      ds->refused++;
      if (ds->n_refusals < PS_BEAM_MAX_REFUSALS)
        {
          ds->refusal_item[ds->n_refusals] = item;
          ds->refusal_code[ds->n_refusals] = o->refusal;
          ds->n_refusals++;
        }
      return;
    }
  {
    gboolean fail_d = FALSE, fail_s = FALSE;

    for (int c = 0; c < PS_CHECK_N; c++)
      if (o->u[c] > 1.0)
        {
          ds->fail_check[c]++;
          if (is_serviceability (c))
            fail_d = TRUE;
          else
            fail_s = TRUE;
        }
    s->fail_deflection += fail_d;
    s->fail_strength += fail_s;
  }
  if (!isnan (o->u_max) && (ds->max_u_item == G_MAXUINT64 || o->u_max > ds->max_u))
    {
      ds->max_u = o->u_max;
      ds->max_u_item = item;
    }
  if (o->pass)
    {
      s->passing++;
      if (o->mass < s->lightest_mass)
        {
          s->lightest_mass = o->mass;
          s->lightest_item = item;
        }
      if (d->n_group_params > 0)
        {
          guint g = group_of (d, digits);

          if (o->mass < ds->group_mass[g])
            {
              ds->group_mass[g] = o->mass;
              ds->group_item[g] = item;
            }
        }
    }
}

void
ps_beam_design_summary_merge (const PsBeamDesign *d, PsBeamSummary *acc_s,
                              const PsBeamSummary *next_s)
{
  PsBeamDesignSummary *acc = &acc_s->design;
  const PsBeamDesignSummary *next = &next_s->design;

  acc->refused += next->refused;
  for (int c = 0; c < PS_CHECK_N; c++)
    acc->fail_check[c] += next->fail_check[c];
  take_max (&acc->max_M_sag, next->max_M_sag);
  take_max (&acc->max_M_hog, next->max_M_hog);
  take_max (&acc->max_V, next->max_V);
  take_max (&acc->max_w, next->max_w);
  take_max (&acc->max_w_variable, next->max_w_variable);
  if (next->max_u_item != G_MAXUINT64
      && (acc->max_u_item == G_MAXUINT64 || next->max_u > acc->max_u
          || (next->max_u == acc->max_u && next->max_u_item < acc->max_u_item)))
    {
      acc->max_u = next->max_u;
      acc->max_u_item = next->max_u_item;
    }
  for (guint i = 0; i < next->n_refusals && acc->n_refusals < PS_BEAM_MAX_REFUSALS; i++)
    {
      acc->refusal_item[acc->n_refusals] = next->refusal_item[i];
      acc->refusal_code[acc->n_refusals] = next->refusal_code[i];
      acc->n_refusals++;
    }
  for (guint g = 0; g < d->n_groups; g++)
    if (next->group_mass[g] < acc->group_mass[g]
        || (next->group_mass[g] == acc->group_mass[g] && next->group_item[g] < acc->group_item[g]))
      {
        acc->group_mass[g] = next->group_mass[g];
        acc->group_item[g] = next->group_item[g];
      }
}

/* ---------------------------------------------------------------------------------
 * Rows
 * ------------------------------------------------------------------------------ */

/* The columns after the parameters, before "error": one per field a computed row
 * fills. */
static const char *const out_columns[] = { "mass_kg_per_m", "M_Ed_Nm",      "M_Ed_hogging_Nm",
                                           "V_Ed_N",        "deflection_m", "deflection_variable_m",
                                           "M_Rd_Nm",       "V_Rd_N",       "M_cr_Nm",
                                           "lambda_LT",     "chi_LT",       "Mb_Rd_Nm" };

void
ps_beam_design_write_header (const PsBeamDesign *d, PsBuf *buf)
{
  GString *h = g_string_new ("item,material,section,b_m,h_m,d_m,D_outer_m,t_m,A_m2,I_m4,W_m3");

  for (guint k = 0; k < d->n_params; k++)
    g_string_append_printf (h, ",%s", d->param_column[k]);
  for (guint i = 0; i < G_N_ELEMENTS (out_columns); i++)
    g_string_append_printf (h, ",%s", out_columns[i]);
  for (int c = 0; c < PS_CHECK_N; c++)
    g_string_append_printf (h, ",u_%s", check_names[c]);
  g_string_append (h, ",u_max,governing_check,governing_combination,pass,refusal,error\n");
  ps_buf_append (buf, h->str, h->len);
  g_string_free (h, TRUE);
}

static inline char *
put_num (char *p, double v)
{
  if (!isnan (v))
    p = ps_fmt_double (p, v);
  *p++ = ',';
  return p;
}

static inline char *
put_quoted (char *p, const char *s)
{
  *p++ = '"';
  for (; *s; s++)
    {
      if (*s == '"')
        *p++ = '"';
      *p++ = *s;
    }
  *p++ = '"';
  return p;
}

static void
write_row (const PsBeamDesign *d, PsBuf *rows, guint64 item, const guint64 *digits,
           const PsBeamDesignOut *o, const char *error_message)
{
  const PsBeamDesignMaterial *mat = &d->materials[digits[0]];
  const PsBeamDesignSection *sec = &d->sections[digits[1]];
  const char *refusal = o != NULL && o->refused ? ps_beam_refusal_text_en (o->refusal) : NULL;
  const char *combo = o != NULL && o->governing_combination >= 0
                          ? d->combination_csv[o->governing_combination]
                          : "";
  gsize need = 64 + mat->base.csv_len + sec->base.csv_len + (gsize)d->n_params * (PS_FMT_MAX + 1)
               + (G_N_ELEMENTS (out_columns) + PS_CHECK_N + 2) * (PS_FMT_MAX + 1) + strlen (combo)
               + (refusal ? 2 * strlen (refusal) + 4 : 0)
               + (error_message ? 2 * strlen (error_message) + 4 : 0);
  char *p = ps_buf_reserve (rows, need);
  char *start = p;

  p = ps_fmt_u64 (p, item);
  *p++ = ',';
  memcpy (p, mat->base.csv, mat->base.csv_len), p += mat->base.csv_len, *p++ = ',';
  memcpy (p, sec->base.csv, sec->base.csv_len), p += sec->base.csv_len, *p++ = ',';
  for (guint k = 0; k < d->n_params; k++)
    {
      guint64 j = digits[2 + k];

      if (d->param_csv[k] != NULL)
        {
          gsize l = strlen (d->param_csv[k][j]);

          memcpy (p, d->param_csv[k][j], l);
          p += l;
          *p++ = ',';
        }
      else
        p = put_num (p, ps_beam_actions_get_param (d->actions, k)->values[j]);
    }
  if (o != NULL)
    {
      const double v[] = { o->mass, o->M_sag, o->M_hog, o->V,         o->w,      o->w_variable,
                           o->M_Rd, o->V_Rd,  o->M_cr,  o->lambda_LT, o->chi_LT, o->Mb_Rd };
      gsize l;

      G_STATIC_ASSERT (G_N_ELEMENTS (v) == G_N_ELEMENTS (out_columns));
      for (guint i = 0; i < G_N_ELEMENTS (v); i++)
        p = put_num (p, v[i]);
      for (int c = 0; c < PS_CHECK_N; c++)
        p = put_num (p, o->u[c]);
      p = put_num (p, o->u_max);
      if (o->governing_check >= 0)
        {
          l = strlen (check_names[o->governing_check]);
          memcpy (p, check_names[o->governing_check], l);
          p += l;
        }
      *p++ = ',';
      l = strlen (combo);
      memcpy (p, combo, l);
      p += l;
      *p++ = ',';
      *p++ = o->pass ? '1' : '0';
      *p++ = ',';
      if (refusal != NULL)
        p = put_quoted (p, refusal);
      *p++ = ',';
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (out_columns) + PS_CHECK_N + 5; i++)
        *p++ = ',';
      p = put_quoted (p, error_message);
    }
  *p++ = '\n';
  rows->len += (gsize)(p - start);
}

static void
odometer (const PsBeamDesign *d, guint64 *digits)
{
  for (int k = (int)d->n_dims - 1; k >= 0; k--)
    {
      if (++digits[k] < d->count[k])
        return;
      digits[k] = 0;
    }
}

/* Items [@lo, @hi) by the general analysis of each. */
static void
eval_general (const PsBeamDesign *d, Work *w, guint64 lo, guint64 hi, PsBeamSummary *s,
              PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  ps_beam_design_item_digits (d, lo, w->digits);
  for (guint64 item = lo; item < hi; item++)
    {
      PsBeamDesignOut o;
      char *msg = NULL;

      if (!eval_digits (d, w, &o, &msg))
        {
          if (mode == PS_ROWS_ALL)
            write_row (d, rows, item, w->digits, NULL, msg);
          ps_errors_add (errors, item, msg);
        }
      else
        {
          summary_add (d, s, item, w->digits, &o);
          if (mode == PS_ROWS_ALL || (mode == PS_ROWS_PASSING && o.pass))
            write_row (d, rows, item, w->digits, &o, NULL);
        }
      odometer (d, w->digits);
    }
}

/* ---------------------------------------------------------------------------------
 * The fast paths (ps-beam-design-fast.h)
 * ------------------------------------------------------------------------------ */

void
ps_beam_design_set_fast (PsBeamDesign *d, PsBeamFastLevel level)
{
  d->fast_level = level;
}

void
ps_beam_design_workspace_counts (gpointer workspace, PsBeamFastCounts *counts)
{
  *counts = ((const Work *)workspace)->counts;
}

/* Makes the group whose first item is @first the workspace's: TRUE when it is
 * proportional, its first item then analysed into w->group and w->pair its pair. The
 * analysis is always that of the group's first item, wherever the chunk begins, so that
 * the results do not depend on how a backend cuts the items into chunks. */
static gboolean
group_prepare (const PsBeamDesign *d, Work *w, guint64 first)
{
  if (w->group_first != first)
    {
      w->group_first = first;
      w->group_ok = FALSE;
      ps_beam_design_item_digits (d, first, w->group_digits);
      if (!config_of (d, w, w->group_digits, &w->cfg, NULL)
          || !ps_beam_fast_group_init (d->actions, &d->fast, &w->cfg, ps_beam_work_get (w->work),
                                       w->group))
        return FALSE;
      w->group_ok = TRUE;
    }
  if (w->group_ok && (w->group_digits[0] != w->pair_m || w->group_digits[1] != w->pair_s))
    {
      pair_prepare (d, w->group_digits[0], w->group_digits[1], &w->pair);
      w->pair_m = w->group_digits[0];
      w->pair_s = w->group_digits[1];
    }
  return w->group_ok;
}

/* Item @item of the prepared proportional group, from its first item's analysis. */
static void
eval_scaled (const PsBeamDesign *d, Work *w, guint64 item, PsBeamDesignOut *o)
{
  const PsParam *param = ps_beam_actions_get_param (d->actions, d->fast.param);

  ps_beam_fast_scale (d->actions, w->group, param->values[item - w->group_first], w->res, &w->env);
  design_check (d, &w->pair, &w->group->cfg, w->res, &w->env, &w->detail, &w->ltb_memo, o);
}

/* Items [@lo, @hi) of the prepared proportional group, each checked. */
static void
eval_proportional (const PsBeamDesign *d, Work *w, guint64 lo, guint64 hi, PsBeamSummary *s,
                   PsRowsMode mode, PsBuf *rows)
{
  ps_beam_design_item_digits (d, lo, w->digits);
  for (guint64 item = lo; item < hi; item++)
    {
      PsBeamDesignOut o;

      w->digits[d->fast.dim] = item - w->group_first;
      eval_scaled (d, w, item, &o);
      summary_add (d, s, item, w->digits, &o);
      if (mode == PS_ROWS_ALL || (mode == PS_ROWS_PASSING && o.pass))
        write_row (d, rows, item, w->digits, &o, NULL);
    }
}

/* The exact evaluations of single items a threshold count makes, by position q in the
 * direction of increasing load (q = 0 the least loaded end of the range). */
#define THRESHOLD_CACHE 24

typedef struct
{
  const PsBeamDesign *d;
  Work *w;
  guint64 lo, hi, n;
  int dir;
  int n_cached, next;
  guint64 q[THRESHOLD_CACHE];
  PsBeamDesignOut o[THRESHOLD_CACHE];
  /* The ultimate combinations checked: those no other one dominates. */
  int *uls;
  guint n_uls;
  /* Checks whose utilisation is an affine function of the group's load value: one
   * combination feeds it, and its resistance does not depend on the load. */
  gboolean affine[PS_CHECK_N];
} Threshold;

static inline guint64
threshold_item (const Threshold *t, guint64 q)
{
  return t->dir > 0 ? t->lo + q : t->hi - 1 - q;
}

static inline double
threshold_value (const Threshold *t, guint64 q)
{
  const PsParam *param = ps_beam_actions_get_param (t->d->actions, t->d->fast.param);

  return param->values[threshold_item (t, q) - t->w->group_first];
}

static const PsBeamDesignOut *
threshold_eval (Threshold *t, guint64 q)
{
  int slot;

  for (int i = 0; i < t->n_cached; i++)
    if (t->q[i] == q)
      return &t->o[i];
  if (t->n_cached < THRESHOLD_CACHE)
    slot = t->n_cached++;
  else
    {
      /* Full: replace the oldest but the two ends (slots 0 and 1). */
      slot = 2 + t->next;
      t->next = (t->next + 1) % (THRESHOLD_CACHE - 2);
    }
  t->q[slot] = q;
  t->w->counts.threshold_evaluations++;
  {
    const PsBeamDesign *d = t->d;
    Work *w = t->w;

    ps_beam_fast_scale (d->actions, w->group, threshold_value (t, q), w->res, &w->env);
    design_check_of (d, &w->pair, &w->group->cfg, w->res, &w->env, &w->detail, &w->ltb_memo,
                     &t->o[slot], t->uls, t->n_uls);
  }
  return &t->o[slot];
}

static inline gboolean
fails (const PsBeamDesignOut *o, int c)
{
  return o->u[c] > 1.0;
}

/* The first position at which check @c fails, knowing that position 0 passes and
 * position n - 1 fails: from the ends' utilisations (each linear in its combination's
 * scalar, itself affine in the load value, so linear interpolation in the value is exact
 * while one combination governs), confirmed by the item there failing and the one before
 * passing, else by bisection. */
static guint64
threshold_find (Threshold *t, int c, const PsBeamDesignOut *o0, const PsBeamDesignOut *o1)
{
  guint64 pass = 0, fail = t->n - 1;
  double u0 = o0->u[c], u1 = o1->u[c], v0 = threshold_value (t, 0),
         v1 = threshold_value (t, t->n - 1);

  if (!isnan (u0) && u1 > u0 && v1 > v0)
    {
      double v = v0 + (1.0 - u0) / (u1 - u0) * (v1 - v0);
      guint64 a = 1, b = t->n - 1;

      /* The first position whose value reaches v. */
      while (a < b)
        {
          guint64 m = a + (b - a) / 2;

          if (threshold_value (t, m) >= v)
            b = m;
          else
            a = m + 1;
        }
      /* An affine utilisation is known at every position from the ends to rounding
       * (a few ulps): where it lies clear of 1 on both sides of the crossing, the
       * evaluations would only confirm it. */
      if (t->affine[c])
        {
          double ua = u0 + (u1 - u0) * ((threshold_value (t, a) - v0) / (v1 - v0));
          double ub = u0 + (u1 - u0) * ((threshold_value (t, a - 1) - v0) / (v1 - v0));
          double margin = 1e-9 * MAX (1.0, u1);

          if (ua > 1.0 + margin && ub < 1.0 - margin)
            return a;
        }
      if (fails (threshold_eval (t, a), c))
        {
          fail = a;
          if (!fails (threshold_eval (t, a - 1), c))
            return a;
          fail = a - 1;
        }
      else
        {
          pass = a;
          if (a + 1 < t->n && fails (threshold_eval (t, a + 1), c))
            return a + 1;
          pass = MIN (a + 1, t->n - 1);
        }
    }
  while (fail - pass > 1)
    {
      guint64 m = pass + (fail - pass) / 2;

      if (fails (threshold_eval (t, m), c))
        fail = m;
      else
        pass = m;
    }
  return fail;
}

/* The pass map's counts of the items [lo, hi) of one group, those in [pass_lo, pass_hi)
 * passing: only the group's own parameter (the innermost, stride 1) changes along it,
 * so the items fall into runs of one cell each, counted a run at a time (a map bin
 * holds the digits i with floor (i nb / count) = b, from ceil (b count / nb)). The
 * cell's other coordinate is the same for the whole range. */
static void
map_add_range (const PsBeamDesign *d, Work *w, PsBeamSummary *s, guint64 lo, guint64 hi,
               guint64 pass_lo, guint64 pass_hi)
{
  guint64 count = d->count[d->fast.dim], nb = ps_beam_map_n_bins (count), d0, bin;
  guint cell[2];
  int along = -1;

  if (d->map_param[0] < 0)
    return;
  ps_beam_design_item_digits (d, lo, w->digits);
  d0 = w->digits[d->fast.dim];
  for (int j = 0; j < 2; j++)
    {
      guint dim = 2 + (guint)d->map_param[j];

      if (dim == d->fast.dim)
        along = j;
      else
        cell[j] = ps_beam_map_bin (w->digits[dim], d->count[dim]);
    }
  if (along < 0)
    {
      guint64 n_pass
          = MIN (hi, pass_hi) > MAX (lo, pass_lo) ? MIN (hi, pass_hi) - MAX (lo, pass_lo) : 0;

      s->map_valid[cell[0]][cell[1]] += hi - lo;
      s->map_passing[cell[0]][cell[1]] += n_pass;
      return;
    }
  bin = d0 * nb / count;
  for (guint64 item = lo; item < hi; bin++)
    {
      guint64 next_digit = ((bin + 1) * count + nb - 1) / nb;
      guint64 end = MIN (hi, lo + (next_digit - d0)), n_pass;

      cell[along] = (guint)bin;
      n_pass
          = MIN (end, pass_hi) > MAX (item, pass_lo) ? MIN (end, pass_hi) - MAX (item, pass_lo) : 0;
      s->map_valid[cell[0]][cell[1]] += end - item;
      s->map_passing[cell[0]][cell[1]] += n_pass;
      item = end;
    }
}

/* Items [@lo, @hi) of the prepared proportional group counted into @s from a few exact
 * evaluations; FALSE (nothing added) when the ends do not show the monotone behaviour
 * the count relies on. */
static gboolean
eval_threshold (const PsBeamDesign *d, Work *w, guint64 lo, guint64 hi, PsBeamSummary *s)
{
  PsBeamDesignSummary *ds = &s->design;
  Threshold t = { .d = d, .w = w, .lo = lo, .hi = hi, .n = hi - lo, .dir = d->fast.direction };
  PsBeamDesignOut o0, o1;
  guint64 T[PS_CHECK_N], t_all, t_strength, t_deflection;

  /* The checkers counted here give every utilisation non-decreasing in the scale of
   * the actions, and every combination of a proportional group has the same shape: a
   * combination whose scalar is below another's by a margin (far above rounding) over
   * the whole range never gives a larger utilisation, and is not checked. */
  t.uls = w->uls;
  {
    double v0 = threshold_value (&t, 0), v1 = threshold_value (&t, t.n - 1);
    double *s0 = w->uls_s, *s1 = w->uls_s + d->n_uls;

    for (guint i = 0; i < d->n_uls; i++)
      {
        s0[i] = ps_beam_fast_scalar (d->actions, w->group, d->uls[i], v0);
        s1[i] = ps_beam_fast_scalar (d->actions, w->group, d->uls[i], v1);
      }
    for (guint i = 0; i < d->n_uls; i++)
      {
        gboolean dominated = FALSE;

        for (guint j = 0; j < d->n_uls && !dominated; j++)
          dominated = d->uls[j] != d->uls[i] && s0[j] >= s0[i] * (1.0 + 1e-9)
                      && s1[j] >= s1[i] * (1.0 + 1e-9);
        if (!dominated)
          t.uls[t.n_uls++] = d->uls[i];
      }
  }
  {
    const PsBaPlan *plan = &d->actions->plan;
    int n_deflection = 0;

    for (int k = 0; k < plan->n_combos; k++)
      n_deflection += plan->combo[k].deflection != 0;
    /* M_Ed, V_Ed and the LTB segment's moments are s_k(v) times the unit state's, s_k
     * affine in v; M_c,Rd, V_pl,Rd, M_b,Rd (M_cr from the moment shape) and AISC's phi
     * M_n do not depend on the load. The bending-shear interaction is not affine. */
    t.affine[PS_CHECK_BENDING] = t.affine[PS_CHECK_SHEAR] = t.affine[PS_CHECK_LTB] = t.n_uls == 1;
    t.affine[PS_CHECK_DEFLECTION] = t.affine[PS_CHECK_DEFLECTION_VARIABLE] = n_deflection == 1;
  }
  o0 = *threshold_eval (&t, 0);
  o1 = *threshold_eval (&t, t.n - 1);
  if (o0.refused != o1.refused || (o0.refused && o0.refusal != o1.refusal))
    return FALSE;
  if (!o0.refused && (o0.governing_check < 0 || o1.governing_check < 0))
    return FALSE;
  if (!o0.refused)
    for (int c = 0; c < PS_CHECK_N; c++)
      if (fails (&o0, c) && !fails (&o1, c))
        return FALSE;

  /* The largest actions are those of the most loaded end. */
  s->valid += t.n;
  take_max (&ds->max_M_sag, o1.M_sag);
  take_max (&ds->max_M_hog, o1.M_hog);
  take_max (&ds->max_V, o1.V);
  take_max (&ds->max_w, o1.w);
  take_max (&ds->max_w_variable, o1.w_variable);
  if (o0.refused)
    {
      /* The checkers counted here refuse a section for what it is, not for its load. */
      map_add_range (d, w, s, lo, hi, lo, lo);
      ds->refused += t.n;
      for (guint64 item = lo; item < hi && ds->n_refusals < PS_BEAM_MAX_REFUSALS; item++)
        {
          ds->refusal_item[ds->n_refusals] = item;
          ds->refusal_code[ds->n_refusals] = o0.refusal;
          ds->n_refusals++;
        }
      return TRUE;
    }

  t_all = t_strength = t_deflection = t.n;
  for (int c = 0; c < PS_CHECK_N; c++)
    {
      if (fails (&o0, c))
        T[c] = 0;
      else if (!fails (&o1, c))
        T[c] = t.n;
      else
        T[c] = threshold_find (&t, c, &o0, &o1);
      ds->fail_check[c] += t.n - T[c];
      t_all = MIN (t_all, T[c]);
      if (is_serviceability (c))
        t_deflection = MIN (t_deflection, T[c]);
      else
        t_strength = MIN (t_strength, T[c]);
    }
  s->fail_strength += t.n - t_strength;
  s->fail_deflection += t.n - t_deflection;
  s->passing += t_all;
  if (t.dir > 0)
    map_add_range (d, w, s, lo, hi, lo, lo + t_all);
  else
    map_add_range (d, w, s, lo, hi, hi - t_all, hi);

  /* The largest u_max is the most loaded end's. summary_add() keeps the first item of
   * equals and replaces the running largest only by a larger one, so the item is
   * needed only then: with the load increasing in the item index, the first position
   * of the run of equals that ends there. */
  {
    double m = o1.u_max;

    if (ds->max_u_item == G_MAXUINT64 || m > ds->max_u)
      {
        guint64 first = lo;

        if (t.dir > 0 && o0.u_max != m)
          {
            guint64 below = 0, at = t.n - 1;

            if (threshold_eval (&t, t.n - 2)->u_max == m)
              at = t.n - 2;
            else
              below = t.n - 2;
            while (at - below > 1)
              {
                guint64 q = below + (at - below) / 2;

                if (threshold_eval (&t, q)->u_max == m)
                  at = q;
                else
                  below = q;
              }
            first = threshold_item (&t, at);
          }
        ds->max_u = m;
        ds->max_u_item = first;
      }
  }

  /* The lightest: every item of a group has the same section; the first passing one
   * in item order. */
  if (t_all > 0)
    {
      guint64 first = t.dir > 0 ? lo : hi - t_all;

      if (o0.mass < s->lightest_mass)
        {
          s->lightest_mass = o0.mass;
          s->lightest_item = first;
        }
      if (d->n_group_params > 0)
        {
          guint g;

          ps_beam_design_item_digits (d, first, w->digits);
          g = group_of (d, w->digits);
          if (o0.mass < ds->group_mass[g])
            {
              ds->group_mass[g] = o0.mass;
              ds->group_item[g] = first;
            }
        }
    }
  return TRUE;
}

/* Whether the prepared group's ranges may be counted by thresholds. */
static gboolean
threshold_allowed (const PsBeamDesign *d, const Work *w, PsRowsMode mode)
{
  return mode == PS_ROWS_NONE && d->fast_level >= PS_BEAM_FAST_ALL && d->fast.direction != 0
         && !d->fast_param_grouped
         && (w->pair.checker == PS_BEAM_CHECKER_EC3 || w->pair.checker == PS_BEAM_CHECKER_AISC);
}

guint64
ps_beam_design_chunk_items (const PsBeamDesign *d)
{
  /* A configuration of the general path costs microseconds; one of a proportional
   * group a fraction of that, and one counted by thresholds nanoseconds. A chunk of
   * whole groups is analysed once per group (a cut group twice, once per part) and
   * counted in one piece; about 16,384 items keeps a chunk of written rows to a few
   * MB and tens of milliseconds. */
  const guint64 general = 1024, target = 16384;

  if (d->fast.proportional)
    {
      guint64 size = d->count[d->fast.dim];

      if (size <= target)
        return size * (target / size);
    }
  return general;
}

void
ps_beam_design_eval (const PsBeamDesign *d, gpointer workspace, guint64 begin, guint64 end,
                     PsBeamSummary *s, PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  Work *w = workspace;
  guint64 size;

  s->items += end - begin;
  if (begin >= end)
    return;
  if (d->fast_level == PS_BEAM_FAST_OFF || !d->fast.proportional)
    {
      eval_general (d, w, begin, end, s, errors, mode, rows);
      w->counts.general++;
      return;
    }
  size = d->count[d->fast.dim];
  for (guint64 lo = begin; lo < end;)
    {
      guint64 first = lo - lo % size, hi = MIN (first + size, end);

      if (!group_prepare (d, w, first))
        {
          eval_general (d, w, lo, hi, s, errors, mode, rows);
          w->counts.general++;
        }
      else if (hi - lo >= 3 && threshold_allowed (d, w, mode) && eval_threshold (d, w, lo, hi, s))
        {
          w->counts.threshold++;
          w->counts.threshold_items += hi - lo;
        }
      else
        {
          eval_proportional (d, w, lo, hi, s, mode, rows);
          w->counts.proportional++;
        }
      lo = hi;
    }
}

void
ps_beam_design_eval_outputs (const PsBeamDesign *d, gpointer workspace, guint64 begin, guint64 end,
                             PsBeamDesignOut *out, gboolean *ok)
{
  Work *w = workspace;

  for (guint64 item = begin; item < end; item++)
    {
      guint64 i = item - begin;

      if (d->fast_level != PS_BEAM_FAST_OFF && d->fast.proportional
          && group_prepare (d, w, item - item % d->count[d->fast.dim]))
        {
          eval_scaled (d, w, item, &out[i]);
          ok[i] = TRUE;
          w->counts.proportional++;
        }
      else
        {
          ps_beam_design_item_digits (d, item, w->digits);
          ok[i] = eval_digits (d, w, &out[i], NULL);
          w->counts.general++;
        }
    }
}

/* ---------------------------------------------------------------------------------
 * The study file
 * ------------------------------------------------------------------------------ */

gboolean
ps_beam_design_wanted (JsonObject *root)
{
  return ps_beam_actions_wanted (root) || json_object_has_member (root, "design");
}

/* Keys of @extra added to the NULL-terminated @base; free the array only. */
static const char **
keys_union (const char *const *base, const char *const *extra)
{
  GPtrArray *k = g_ptr_array_new ();

  for (guint i = 0; base[i] != NULL; i++)
    g_ptr_array_add (k, (gpointer)base[i]);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (k, (gpointer)extra[i]);
  g_ptr_array_add (k, NULL);
  return (const char **)g_ptr_array_free (k, FALSE);
}

static gboolean
check_root (JsonObject *root, GError **error)
{
  static const char *const beam_extra[] = { "section", "material", NULL };
  g_autofree const char **keys = keys_union (ps_beam_actions_beam_keys, beam_extra);
  JsonObject *beam;

  if (json_object_has_member (root, "checks"))
    {
      ps_json_set_error (error, "checks",
                         _ ("a design study takes its deflection limits from "
                            "\"design.deflection\" and its partial factors from the codes; "
                            "\"checks\" (safety_factor) belongs to the single-load study"));
      return FALSE;
    }
  beam = ps_json_get_object (root, "", "beam", TRUE, error);
  if (beam == NULL)
    return FALSE;
  if (json_object_has_member (beam, "load"))
    {
      ps_json_set_error (error, "beam.load",
                         _ ("a design study gives its loads as a list in \"loads\", each with "
                            "its case, such as [{\"case\": \"G\", \"type\": \"uniform\", "
                            "\"value\": \"8.5 kN/m\"}]"));
      return FALSE;
    }
  if (!json_object_has_member (beam, "loads"))
    {
      ps_json_set_error (error, "beam.loads",
                         _ ("missing: a study with \"design\" gives its loads as a list in "
                            "\"loads\", each with its case declared in \"cases\""));
      return FALSE;
    }
  return ps_json_check_keys (beam, "beam", keys, error);
}

static gboolean
parse_factors (PsBeamDesign *d, JsonObject *root, GError **error)
{
  static const char *const extra[]
      = { "gamma_M0",      "gamma_M1", "eta",         "gamma_M",           "gamma_C",
          "gamma_S",       "alpha_cc", "alpha_ct_pl", "creep_coefficient", "gamma_M1_aluminium",
          "service_class", NULL };
  g_autofree const char **keys = keys_union (ps_beam_actions_design_keys, extra);
  PsBeamDesignFactors *f = &d->factors;
  JsonNode *node = json_object_get_member (root, "design");
  JsonObject *design = NULL;
  struct
  {
    const char *member;
    double *value;
  } factors[] = {
    { "gamma_M0", &f->gamma_M0 },
    { "gamma_M1", &f->gamma_M1 },
    { "eta", &f->eta },
    { "gamma_M", &f->gamma_M_timber },
    { "gamma_C", &f->gamma_C },
    { "gamma_S", &f->gamma_S },
    { "alpha_cc", &f->alpha_cc },
    { "alpha_ct_pl", &f->alpha_ct_pl },
    { "gamma_M1_aluminium", &f->gamma_M1_aluminium },
  };

  ps_ec3_options_init (&d->ec3);
  ps_aisc_options_init (&d->aisc);
  ps_ec2_options_init (&d->ec2);
  ps_ec9_options_init (&d->ec9);
  f->gamma_M0 = d->ec3.gamma_M0;
  f->gamma_M1 = d->ec3.gamma_M1;
  f->eta = d->ec3.eta;
  f->gamma_M_timber = NAN;
  f->gamma_C = d->ec2.gamma_C;
  f->gamma_S = d->ec2.gamma_S;
  f->alpha_cc = d->ec2.alpha_cc;
  f->alpha_ct_pl = d->ec2.alpha_ct_pl;
  /* phi (inf, t0) of EN 1992-1-1 3.1.4, Figure 3.1: about 2 for a beam indoors
   * (RH 50 %) loaded at 28 days; a study gives its own with "creep_coefficient". */
  f->creep_coefficient = 2.0;
  f->gamma_M1_aluminium = d->ec9.gamma_M1;
  f->service_class = 0;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      design = ps_json_get_object (root, "", "design", TRUE, error);
      if (design == NULL || !ps_json_check_keys (design, "design", keys, error))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (!ps_json_get_quantity (design, "design", factors[i].member, FALSE, PS_QTY_DIMENSIONLESS,
                                   PS_CHECK_POSITIVE, factors[i].value, error))
          return FALSE;
      if (!ps_json_get_quantity (design, "design", "creep_coefficient", FALSE, PS_QTY_DIMENSIONLESS,
                                 PS_CHECK_NON_NEGATIVE, &f->creep_coefficient, error))
        return FALSE;
      if (json_object_has_member (design, "service_class")
          && !ps_json_get_int (design, "design", "service_class", TRUE, 1, 3, &f->service_class,
                               error))
        return FALSE;
    }
  d->ec3.gamma_M0 = f->gamma_M0;
  d->ec3.gamma_M1 = f->gamma_M1;
  d->ec3.eta = f->eta;
  d->aisc.method = d->actions->method == PS_LOAD_METHOD_ASD ? PS_AISC_ASD : PS_AISC_LRFD;
  d->ec2.gamma_C = f->gamma_C;
  d->ec2.gamma_S = f->gamma_S;
  d->ec2.alpha_cc = f->alpha_cc;
  d->ec2.alpha_ct_pl = f->alpha_ct_pl;
  d->ec2.phi_creep = f->creep_coefficient;
  d->ec9.gamma_M1 = f->gamma_M1_aluminium;
  return TRUE;
}

static gboolean
parse_material_entry (PsBeamDesign *d, JsonNode *node, const char *path, GArray *out,
                      GError **error)
{
  return parse_material (d, node, path, out, error);
}

/* A material that no section of the study can be checked with, or a section no
 * material can, is a mistake in the file. */
static gboolean
check_pairs (const PsBeamDesign *d, JsonObject *beam, GError **error)
{
  JsonNode *mnode = json_object_get_member (beam, "material");
  gboolean mlist = JSON_NODE_HOLDS_ARRAY (mnode);

  for (guint im = 0; im < d->n_materials; im++)
    {
      gint32 why = 0;
      gboolean any = FALSE;

      for (guint64 is = 0; is < d->n_sections && !any; is++)
        {
          PsBeamPair p;
          int reason;

          pair_prepare (d, im, is, &p);
          reason = p.refusal & 0xff;
          any = p.checker != PS_BEAM_CHECKER_NONE || reason == PS_BEAM_PAIR_ALLOY_THICKNESS
                || reason == PS_BEAM_PAIR_CANTILEVER_LTB;
          if (!any && why == 0)
            why = p.refusal;
        }
      if (!any)
        {
          g_autofree char *path
              = mlist ? g_strdup_printf ("beam.material[%u]", im) : g_strdup ("beam.material");

          ps_json_set_error (error, path,
                             _ ("%s: no section of the study can be checked with it. %s"),
                             d->materials[im].base.name, ps_beam_refusal_text (why));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_limits (const PsBeamDesign *d, GError **error)
{
  const PsBeamActions *a = d->actions;
  gboolean any_deflection = FALSE;
  double longest = 0.0;

  for (guint k = 0; k < a->n_combos; k++)
    any_deflection = any_deflection || a->combos[k].deflection;
  if ((a->plan.limit_ratio_total > 0.0 || a->plan.limit_ratio_variable > 0.0) && !any_deflection)
    {
      ps_json_set_error (error, "design.deflection",
                         _ ("no combination gives deflections: add a combination with "
                            "\"limit\": \"SLS\" to design.combinations"));
      return FALSE;
    }
  for (guint s = 0; s < a->n_spans; s++)
    for (guint64 i = 0; i < a->span[s].count; i++)
      longest = MAX (longest, a->span[s].values[i]);
  if (a->plan.restraint == PS_BA_RESTRAINT_SPACING && a->plan.restraint_spacing > longest)
    {
      ps_json_set_error (error, "design.lateral_restraint.spacing",
                         _ ("%g m is longer than every span (the longest is %g m): restraints "
                            "that far apart are the supports alone; write \"ends\""),
                         a->plan.restraint_spacing, longest);
      return FALSE;
    }
  return TRUE;
}

/* The pass map of a run without rows (issue 19): over the two swept parameters with
 * the most steps, usually a span and a load, kept in the order the file gives them. */
static void
choose_map_params (PsBeamDesign *d)
{
  int best[2] = { -1, -1 };

  for (guint k = 0; k < d->n_params; k++)
    {
      guint64 c = d->count[2 + k];

      if (c < 2)
        continue;
      if (best[0] < 0 || c > d->count[2 + best[0]])
        {
          best[1] = best[0];
          best[0] = (int)k;
        }
      else if (best[1] < 0 || c > d->count[2 + best[1]])
        best[1] = (int)k;
    }
  d->map_param[0] = MIN (best[0], best[1]);
  d->map_param[1] = MAX (best[0], best[1]);
  if (best[1] < 0)
    d->map_param[0] = d->map_param[1] = -1;
}

static const char *
quantity_suffix (PsQuantity q)
{
  switch (q)
    {
    case PS_QTY_LENGTH:
      return "_m";
    case PS_QTY_FORCE:
      return "_N";
    case PS_QTY_FORCE_PER_LENGTH:
      return "_N_per_m";
    case PS_QTY_MOMENT:
      return "_N_m";
    default:
      return "";
    }
}

/* The SI unit of a parameter's values, as summary.json writes units. */
static const char *
quantity_unit (PsQuantity q)
{
  switch (q)
    {
    case PS_QTY_LENGTH:
      return "m";
    case PS_QTY_FORCE:
      return "N";
    case PS_QTY_FORCE_PER_LENGTH:
      return "N/m";
    case PS_QTY_MOMENT:
      return "N*m";
    default:
      return "";
    }
}

/* group_by: names of the swept parameters as their paths give them, with or without
 * the leading "beam.". */
static gboolean
parse_group_by (PsBeamDesign *d, JsonObject *root, GError **error)
{
  JsonNode *node = json_object_get_member (root, "group_by");
  JsonArray *arr;
  guint n;
  guint64 groups = 1;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node)
      || (n = json_array_get_length (arr = json_node_get_array (node))) == 0 || n > 8)
    {
      ps_json_set_error (error, "group_by",
                         _ ("expected a list of one to eight swept parameters such as "
                            "[\"spans[1]\", \"loads[1].value\"]"));
      return FALSE;
    }
  d->group_param = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      g_autofree char *path = g_strdup_printf ("group_by[%u]", i);
      const char *name = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
                             ? json_node_get_string (e)
                             : NULL;
      guint k;

      for (k = 0; name != NULL && k < d->n_params; k++)
        {
          const char *p = ps_beam_actions_get_param_path (d->actions, k);

          if (g_str_equal (p, name) || (g_str_has_prefix (p, "beam.") && g_str_equal (p + 5, name)))
            break;
        }
      if (name == NULL || k == d->n_params)
        {
          GString *known = g_string_new (NULL);

          for (guint j = 0; j < d->n_params; j++)
            g_string_append_printf (known, "%s\"%s\"", j ? ", " : "",
                                    ps_beam_actions_get_param_path (d->actions, j) + 5);
          if (name == NULL)
            ps_json_set_error (error, path, _ ("expected the name of a parameter (%s), got %s"),
                               known->str, ps_json_type_name (e));
          else
            ps_json_set_error (error, path, _ ("\"%s\" is not a parameter of the study (%s)"), name,
                               known->str);
          g_string_free (known, TRUE);
          return FALSE;
        }
      for (guint j = 0; j < d->n_group_params; j++)
        if (d->group_param[j] == k)
          {
            ps_json_set_error (error, path, _ ("\"%s\" is listed twice"), name);
            return FALSE;
          }
      d->group_param[d->n_group_params++] = k;
      groups *= d->count[2 + k];
      if (groups > PS_BEAM_MAX_GROUPS)
        {
          ps_json_set_error (error, "group_by",
                             _ ("the parameters make more than %d groups; group by fewer "
                                "or shorter parameters"),
                             PS_BEAM_MAX_GROUPS);
          return FALSE;
        }
    }
  d->n_groups = (guint)groups;
  return TRUE;
}

void
ps_beam_design_free (PsBeamDesign *d)
{
  if (d == NULL)
    return;
  for (guint i = 0; i < d->n_materials; i++)
    clear_material (&d->materials[i]);
  g_free (d->materials);
  for (guint64 i = 0; i < d->n_sections; i++)
    clear_section (&d->sections[i]);
  g_free (d->sections);
  if (d->param_csv != NULL)
    for (guint k = 0; k < d->n_params; k++)
      if (d->param_csv[k] != NULL)
        {
          const PsParam *p = ps_beam_actions_get_param (d->actions, k);

          for (guint64 j = 0; j < p->count; j++)
            g_free (d->param_csv[k][j]);
          g_free (d->param_csv[k]);
        }
  g_free (d->param_csv);
  if (d->param_column != NULL)
    g_strfreev (d->param_column);
  if (d->combination_csv != NULL)
    g_strfreev (d->combination_csv);
  g_free (d->uls);
  g_free (d->group_param);
  g_free (d->count);
  g_free (d->stride);
  ps_beam_fast_study_clear (&d->fast);
  ps_beam_actions_free (d->actions);
  g_free (d);
}

gboolean
ps_beam_design_init (PsBeamModel *m, JsonObject *root, GError **error)
{
  PsBeamDesign *d = g_new0 (PsBeamDesign, 1);
  g_autoptr (GArray) materials = g_array_new (FALSE, TRUE, sizeof (PsBeamDesignMaterial));
  g_autoptr (GArray) sections = g_array_new (FALSE, TRUE, sizeof (PsBeamDesignSection));
  JsonObject *beam;
  guint64 n = 1;

  m->design = d;
  g_array_set_clear_func (materials, clear_material);
  g_array_set_clear_func (sections, clear_section);
  if (!check_root (root, error))
    return FALSE;
  d->actions = ps_beam_actions_new (root, error);
  if (d->actions == NULL || !parse_factors (d, root, error))
    return FALSE;
  beam = json_object_get_object_member (root, "beam");
  if (!parse_list (d, beam, "section", _ ("missing (expected a section object or a list)"),
                   parse_section_entry, sections, error)
      || !parse_list (d, beam, "material",
                      _ ("missing (expected a material such as \"S355\", \"GL24h\", "
                         "\"C30/37\" or a list)"),
                      parse_material_entry, materials, error))
    return FALSE;
  d->n_materials = materials->len;
  d->materials = (PsBeamDesignMaterial *)g_array_steal (materials, NULL);
  d->n_sections = sections->len;
  d->sections = (PsBeamDesignSection *)g_array_steal (sections, NULL);
  for (guint64 i = 0; i < d->n_sections; i++)
    d->has_rc = d->has_rc || d->sections[i].kind == PS_BEAM_SHAPE_RC;
  if (!check_pairs (d, beam, error) || !check_limits (d, error))
    return FALSE;

  /* The grid. */
  d->n_params = ps_beam_actions_get_n_params (d->actions);
  d->n_dims = 2 + d->n_params;
  d->count = g_new0 (guint64, d->n_dims);
  d->stride = g_new0 (guint64, d->n_dims);
  d->count[0] = d->n_materials;
  d->count[1] = d->n_sections;
  for (guint k = 0; k < d->n_params; k++)
    d->count[2 + k] = ps_beam_actions_get_param (d->actions, k)->count;
  for (int k = (int)d->n_dims - 1; k >= 0; k--)
    {
      d->stride[k] = n;
      if (__builtin_mul_overflow (n, d->count[k], &n) || n > (G_GUINT64_CONSTANT (1) << 62))
        {
          ps_json_set_error (error, "beam",
                             _ ("the grid has more than 2^62 configurations; reduce the number "
                                "of steps"));
          return FALSE;
        }
    }
  d->n_items = n;

  d->param_column = g_new0 (char *, d->n_params + 1);
  d->param_csv = g_new0 (char **, MAX (d->n_params, 1u));
  for (guint k = 0; k < d->n_params; k++)
    {
      const PsParam *p = ps_beam_actions_get_param (d->actions, k);
      const char *path = ps_beam_actions_get_param_path (d->actions, k);

      d->param_column[k] = g_strconcat (g_str_has_prefix (path, "beam.") ? path + 5 : path,
                                        quantity_suffix (p->quantity), NULL);
      if (p->count <= PRE_FORMAT_MAX)
        {
          d->param_csv[k] = g_new (char *, p->count);
          for (guint64 j = 0; j < p->count; j++)
            d->param_csv[k][j] = ps_beam_csv_number (p->values[j]);
        }
    }

  choose_map_params (d);
  d->uls = g_new0 (int, MAX (d->actions->n_combos, 1u));
  d->combination_csv = g_new0 (char *, d->actions->n_combos + 1);
  for (guint k = 0; k < d->actions->n_combos; k++)
    {
      d->combination_csv[k]
          = ps_beam_csv_text (ps_beam_actions_get_combination_name (d->actions, k));
      if (d->actions->combos[k].limit == PS_BA_ULS)
        d->uls[d->n_uls++] = (int)k;
    }
  if (d->n_uls == 0)
    {
      ps_json_set_error (error, "design.combinations",
                         _ ("no ultimate combination: add one with \"limit\": \"ULS\" for the "
                            "code checks"));
      return FALSE;
    }
  if (!parse_group_by (d, root, error))
    return FALSE;
  ps_beam_fast_study_init (d->actions, &d->fast);
  d->fast_level = PS_BEAM_FAST_ALL;
  for (guint i = 0; i < d->n_group_params; i++)
    d->fast_param_grouped = d->fast_param_grouped || d->group_param[i] == d->fast.param;
  m->n_items = d->n_items;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * summary.json
 * ------------------------------------------------------------------------------ */

static const char *
support_name (const PsBeamActions *a)
{
  static const char *const names[]
      = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever", "continuous" };

  return names[a->support];
}

static void
add_ratio (JsonBuilder *b, const char *name, double ratio)
{
  json_builder_set_member_name (b, name);
  if (ratio > 0.0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *t = g_strconcat ("L/", g_ascii_formatd (buf, sizeof buf, "%g", ratio), NULL);

      json_builder_add_string_value (b, t);
    }
  else
    json_builder_add_null_value (b);
}

/* The members that describe configuration @item. */
static void
describe_item (const PsBeamDesign *d, guint64 item, JsonBuilder *b)
{
  g_autofree guint64 *digits = g_new0 (guint64, d->n_dims);
  const PsBeamDesignSection *sec;
  PsBeamDesignOut o;
  double L = 0.0;

  ps_beam_design_item_digits (d, item, digits);
  sec = &d->sections[digits[1]];
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, (gint64)item);
  json_builder_set_member_name (b, "material");
  json_builder_add_string_value (b, d->materials[digits[0]].base.name);
  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, sec->base.label);
  if (!isnan (sec->base.b))
    ps_json_add_number (b, "b", sec->base.b);
  if (!isnan (sec->base.h))
    ps_json_add_number (b, "h", sec->base.h);
  if (!isnan (sec->base.D))
    ps_json_add_number (b, "D", sec->base.D);
  if (!isnan (sec->base.t))
    ps_json_add_number (b, "t", sec->base.t);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  for (guint k = 0; k < d->n_params; k++)
    {
      const char *path = ps_beam_actions_get_param_path (d->actions, k);
      double v = ps_beam_actions_get_param (d->actions, k)->values[digits[2 + k]];

      ps_json_add_number (b, path, v);
      if (k < d->actions->n_spans)
        L += v;
    }
  json_builder_end_object (b);
  ps_json_add_number (b, "span", L);
  if (ps_beam_design_eval_item (d, item, &o, NULL))
    {
      ps_json_add_number (b, "mass_per_metre", o.mass);
      ps_json_add_number (b, "utilisation", o.u_max);
      json_builder_set_member_name (b, "governing_check");
      json_builder_add_string_value (b, ps_beam_check_name (o.governing_check));
      json_builder_set_member_name (b, "governing_combination");
      if (o.governing_combination >= 0)
        json_builder_add_string_value (
            b, ps_beam_actions_get_combination_name (d->actions, (guint)o.governing_combination));
      else
        json_builder_add_null_value (b);
      ps_json_add_number (b, "M_Ed", MAX (o.M_sag, o.M_hog));
      ps_json_add_number (b, "V_Ed", o.V);
      ps_json_add_number (b, "deflection", o.w);
      json_builder_set_member_name (b, "pass");
      json_builder_add_boolean_value (b, o.pass);
      if (o.refused)
        {
          json_builder_set_member_name (b, "refusal");
          json_builder_add_string_value (b, ps_beam_refusal_text_en (o.refusal));
        }
    }
}

void
ps_beam_design_summary_to_json (const PsBeamModel *m, const PsBeamSummary *s, JsonBuilder *b)
{
  const PsBeamDesign *d = m->design;
  const PsBeamActions *a = d->actions;
  const PsBeamDesignSummary *ds = &s->design;
  gboolean en = a->code == PS_LOAD_CODE_EN;
  gboolean family[4] = { FALSE };

  for (guint i = 0; i < d->n_materials; i++)
    family[d->materials[i].family] = TRUE;
  json_builder_set_member_name (b, "support");
  json_builder_add_string_value (b, support_name (a));
  json_builder_set_member_name (b, "code_check");
  json_builder_add_string_value (b, en ? "EN" : "AISC");
  json_builder_set_member_name (b, "codes");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, en ? "EN 1990" : "ASCE/SEI 7-16");
  if (family[PS_BEAM_FAMILY_STEEL])
    json_builder_add_string_value (b, en ? "EN 1993-1-1" : "AISC 360-16");
  if (family[PS_BEAM_FAMILY_TIMBER])
    json_builder_add_string_value (b, "EN 1995-1-1");
  if (family[PS_BEAM_FAMILY_CONCRETE])
    json_builder_add_string_value (b, "EN 1992-1-1");
  if (family[PS_BEAM_FAMILY_ALUMINIUM])
    json_builder_add_string_value (b, "EN 1999-1-1");
  json_builder_end_array (b);
  if (!en)
    {
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, a->method == PS_LOAD_METHOD_ASD ? "ASD" : "LRFD");
    }
  json_builder_set_member_name (b, "combinations");
  json_builder_begin_array (b);
  for (guint k = 0; k < a->n_combos; k++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, ps_beam_actions_get_combination_name (a, k));
      json_builder_set_member_name (b, "limit");
      json_builder_add_string_value (b, a->combos[k].limit == PS_BA_ULS ? "ULS" : "SLS");
      json_builder_set_member_name (b, "factors");
      json_builder_begin_object (b);
      for (guint c = 0; c < a->n_cases; c++)
        if (a->combos[k].factor[c] != 0.0)
          ps_json_add_number (b, a->cases[c].name, a->combos[k].factor[c]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "deflection_limits");
  json_builder_begin_object (b);
  add_ratio (b, "total", a->plan.limit_ratio_total);
  add_ratio (b, "variable", a->plan.limit_ratio_variable);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "configurations");
  json_builder_add_int_value (b, (gint64)s->items);
  json_builder_set_member_name (b, "computed");
  json_builder_add_int_value (b, (gint64)s->valid);
  json_builder_set_member_name (b, "passing");
  json_builder_add_int_value (b, (gint64)s->passing);
  json_builder_set_member_name (b, "failing");
  json_builder_add_int_value (b, (gint64)(s->valid - s->passing - ds->refused));
  json_builder_set_member_name (b, "refused");
  json_builder_add_int_value (b, (gint64)ds->refused);
  json_builder_set_member_name (b, "failing_deflection");
  json_builder_add_int_value (b, (gint64)s->fail_deflection);
  json_builder_set_member_name (b, "failing_strength");
  json_builder_add_int_value (b, (gint64)s->fail_strength);
  json_builder_set_member_name (b, "failing_by_check");
  json_builder_begin_object (b);
  for (int c = 0; c < PS_CHECK_N; c++)
    {
      json_builder_set_member_name (b, check_names[c]);
      json_builder_add_int_value (b, (gint64)ds->fail_check[c]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "refusals");
  json_builder_begin_array (b);
  for (guint i = 0; i < ds->n_refusals; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, (gint64)ds->refusal_item[i]);
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, ds->refusal_code[i]);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, ps_beam_refusal_text_en (ds->refusal_code[i]));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "envelope");
  json_builder_begin_object (b);
  ps_json_add_number (b, "M_Ed_Nm", ds->max_M_sag);
  ps_json_add_number (b, "M_Ed_hogging_Nm", ds->max_M_hog);
  ps_json_add_number (b, "V_Ed_N", ds->max_V);
  ps_json_add_number (b, "deflection_m", ds->max_w);
  ps_json_add_number (b, "deflection_variable_m", ds->max_w_variable);
  json_builder_end_object (b);
  ps_json_add_number (b, "max_moment",
                      isnan (ds->max_M_hog)   ? ds->max_M_sag
                      : isnan (ds->max_M_sag) ? ds->max_M_hog
                                              : MAX (ds->max_M_sag, ds->max_M_hog));
  ps_json_add_number (b, "max_shear", ds->max_V);
  ps_json_add_number (b, "max_deflection", ds->max_w);
  ps_json_add_number (b, "max_utilisation", ds->max_u);
  json_builder_set_member_name (b, "governing_configuration");
  if (ds->max_u_item == G_MAXUINT64)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      describe_item (d, ds->max_u_item, b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "lightest_passing");
  if (s->lightest_item == G_MAXUINT64)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      describe_item (d, s->lightest_item, b);
      json_builder_end_object (b);
    }
  if (d->n_group_params > 0)
    {
      json_builder_set_member_name (b, "group_by");
      json_builder_begin_array (b);
      for (guint i = 0; i < d->n_group_params; i++)
        json_builder_add_string_value (b, ps_beam_actions_get_param_path (a, d->group_param[i]));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "lightest_by_group");
      json_builder_begin_array (b);
      for (guint g = 0; g < d->n_groups; g++)
        {
          guint rest = g;
          guint64 digit[8] = { 0 };

          for (int i = (int)d->n_group_params - 1; i >= 0; i--)
            {
              guint64 c = d->count[2 + d->group_param[i]];

              if (i < 8)
                digit[i] = rest % c;
              rest /= (guint)c;
            }
          json_builder_begin_object (b);
          for (guint i = 0; i < d->n_group_params && i < 8; i++)
            {
              guint k = d->group_param[i];

              ps_json_add_number (b, ps_beam_actions_get_param_path (a, k),
                                  ps_beam_actions_get_param (a, k)->values[digit[i]]);
            }
          json_builder_set_member_name (b, "lightest");
          if (ds->group_item[g] == G_MAXUINT64)
            json_builder_add_null_value (b);
          else
            {
              json_builder_begin_object (b);
              describe_item (d, ds->group_item[g], b);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (d->map_param[0] >= 0)
    {
      static const char *const axis[2] = { "x", "y" };
      guint nb[2];

      json_builder_set_member_name (b, "pass_map");
      json_builder_begin_object (b);
      for (int i = 0; i < 2; i++)
        {
          guint k = (guint)d->map_param[i];
          const PsParam *p = ps_beam_actions_get_param (a, k);

          nb[i] = ps_beam_map_n_bins (p->count);
          ps_beam_map_axis_to_json (b, axis[i], quantity_unit (p->quantity), d->param_column[k], p);
        }
      ps_beam_map_counts_to_json (s, nb[0], nb[1], b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  if (d->has_rc)
    json_builder_add_string_value (
        b, "reinforced concrete: the shear resistance is V_Rd,c of members without shear "
           "reinforcement (EN 1992-1-1 6.2.2); links are not counted");
  if (a->plan.limit_ratio_total <= 0.0 && a->plan.limit_ratio_variable <= 0.0)
    json_builder_add_string_value (b, "no deflection limit was given (design.deflection): "
                                      "deflections were not checked");
  json_builder_end_array (b);
}

/* ---------------------------------------------------------------------------------
 * Sheets and diagrams
 * ------------------------------------------------------------------------------ */

PsCalcSheet *
ps_beam_design_sheet (const PsBeamDesign *d, guint64 item, int combination, GError **error)
{
  Work *w;
  g_autofree char *msg = NULL;
  PsCalcSheet *sheet = NULL;
  const PsBeamDesignMaterial *mat;
  const PsBeamDesignSection *sec;
  const PsDesignActions *a;
  PsEc2Options ec2;
  PsDesignResult r;
  PsBeamCheckDetail det;

  if (item >= d->n_items || combination < 0 || (guint)combination >= d->actions->n_combos
      || d->actions->combos[combination].limit != PS_BA_ULS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("no such configuration or combination"));
      return NULL;
    }
  w = ps_beam_design_workspace_new (d);
  ps_beam_design_item_digits (d, item, w->digits);
  if (!config_digits (d, w, &msg))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s", msg);
      ps_beam_design_workspace_free (w);
      return NULL;
    }
  mat = &d->materials[w->digits[0]];
  sec = &d->sections[w->digits[1]];
  ps_beam_actions_evaluate (d->actions, &w->cfg, w->work, w->res, &w->env);
  a = &w->res[combination].actions;
  ec2 = w->pair.ec2_options;
  if (w->pair.checker == PS_BEAM_CHECKER_EC2_RC)
    ec2_span (d->actions, &w->cfg, &ec2);
  check_pair (d, &w->pair, &ec2, a, &r, &det, NULL);
  switch (w->pair.checker)
    {
    case PS_BEAM_CHECKER_EC3:
      sheet = ps_ec3_sheet (sec->base.label, mat->base.name, &w->pair.steel,
                            &w->pair.steel_material, &d->ec3, a, &r, &det.ec3);
      break;
    case PS_BEAM_CHECKER_AISC:
      sheet = ps_aisc_sheet (sec->base.label, mat->base.name, &w->pair.steel,
                             &w->pair.steel_material, &d->aisc, a, &r, &det.aisc);
      break;
    case PS_BEAM_CHECKER_EC5:
      sheet = ps_ec5_sheet (&w->pair.ec5, &w->pair.ec5_material, &w->pair.ec5_options, a, &r,
                            &det.ec5);
      break;
    case PS_BEAM_CHECKER_EC2_RC:
      sheet = ps_ec2_rc_sheet (&w->pair.ec2, &w->pair.ec2_concrete, &ec2, a, &r, &det.ec2);
      break;
    case PS_BEAM_CHECKER_EC2_PLAIN:
      sheet = ps_ec2_plain_sheet (w->pair.ec2.b, w->pair.ec2.h, &w->pair.ec2_concrete, &ec2, a, &r,
                                  &det.plain);
      break;
    case PS_BEAM_CHECKER_EC9:
      sheet
          = ps_ec9_sheet (&w->pair.ec9, &w->pair.ec9_alloy, &w->pair.ec9_options, a, &r, &det.ec9);
      break;
    case PS_BEAM_CHECKER_NONE:
      sheet = ps_calc_sheet_new (_ ("No code check"));
      ps_calc_sheet_add (sheet, "", ps_beam_refusal_text (w->pair.refusal), "", "", "", NAN);
      break;
    }
  ps_beam_design_workspace_free (w);
  return sheet;
}

gboolean
ps_beam_design_diagram (const PsBeamDesign *d, guint64 item, const char *combination,
                        JsonBuilder *json, GString *text, GPtrArray *charts, GError **error)
{
  g_autofree char *msg = NULL;
  PsBaConfig *cfg;
  int k = -1;

  if (item >= d->n_items)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--item: %llu is not a configuration of the study (0 to %llu)"),
                   (unsigned long long)item, (unsigned long long)(d->n_items - 1));
      return FALSE;
    }
  if (combination != NULL)
    {
      k = ps_beam_actions_find_combination (d->actions, combination);
      if (k < 0)
        {
          GString *names = g_string_new (NULL);

          for (guint j = 0; j < d->actions->n_combos; j++)
            g_string_append_printf (names, "%s\"%s\"", j ? ", " : "",
                                    ps_beam_actions_get_combination_name (d->actions, j));
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("--combination: the study has no combination \"%s\" (it has %s)"),
                       combination, names->str);
          g_string_free (names, TRUE);
          return FALSE;
        }
    }
  cfg = g_new (PsBaConfig, 1);
  if (!ps_beam_design_item_config (d, item, NULL, cfg, &msg))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("configuration %llu: %s"),
                   (unsigned long long)item, msg);
      g_free (cfg);
      return FALSE;
    }
  {
    g_autofree guint64 *digits = g_new0 (guint64, d->n_dims);
    const char *mat, *sec;

    ps_beam_design_item_digits (d, item, digits);
    mat = d->materials[digits[0]].base.name;
    sec = d->sections[digits[1]].base.label;
    if (json != NULL)
      {
        json_builder_set_member_name (json, "material");
        json_builder_add_string_value (json, mat);
        json_builder_set_member_name (json, "section");
        json_builder_add_string_value (json, sec);
      }
    if (text != NULL)
      g_string_append_printf (text, _ ("Configuration %llu: %s, %s, beam %g m long\n"),
                              (unsigned long long)item, mat, sec, cfg->x[cfg->n_spans]);
  }
  ps_beam_diagram_output (d->actions, cfg, k, json, text, charts);
  g_free (cfg);
  return TRUE;
}
