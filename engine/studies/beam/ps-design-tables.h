/* ps-design-tables.h: the design codes' material tables, embedded from data/ at build
 * time (their sources are named in each file's header): timber strength classes and
 * factors (EN 338, EN 14080, EN 1995-1-1 Tables 2.3, 3.1, 3.2), concrete classes and
 * reinforcing steels (EN 1992-1-1 Table 3.1, Annex C), aluminium alloys (EN 1999-1-1
 * Table 3.2b). Values here are SI (Pa, kg/m^3, strains as fractions).
 *
 * Lookups compare names without case, spaces, hyphens, slashes or underscores
 * ("c30/37" = "C30/37", "gl 24h" = "GL24h", "EN AW-6061 T6" = "6061-T6"). The _get
 * functions set a PS_ERROR_INVALID error naming @path and the known names.
 */
#pragma once

#include <glib.h>

#include "ps-ec2-math.h"
#include "ps-ec5-math.h"
#include "ps-ec9-math.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  PsTimberProduct product;
  gboolean hardwood;
  double f_m_k, f_t_0_k, f_c_0_k, f_v_k; /* Pa */
  double E_0_mean, E_0_05, G_mean;       /* Pa */
  double rho_k, rho_mean;                /* kg/m^3 */
} PsTimberClass;

typedef struct
{
  PsTimberProduct product;
  int service_class;
  double k_mod[5]; /* by PsLoadDuration */
  double k_def;
  double gamma_M;
} PsTimberFactors;

typedef struct
{
  const char *name;
  double f_ck, f_ck_cube, f_cm, f_ctm, f_ctk_005, f_ctk_095;   /* Pa */
  double E_cm;                                                 /* Pa */
  double eps_c1, eps_cu1, eps_c2, eps_cu2, n, eps_c3, eps_cu3; /* strains as fractions */
} PsConcreteClass;

typedef struct
{
  const char *name;
  double f_yk, E_s; /* Pa */
  double k_min;
  double eps_uk; /* fraction */
} PsRebarSteel;

typedef struct
{
  const char *name; /* "6061-T6" */
  const char *alloy, *temper;
  double t_min, t_max;     /* m: the row holds for t_min < t <= t_max */
  double f_o, f_u;         /* Pa */
  double A;                /* minimum elongation, per cent */
  double f_o_haz, f_u_haz; /* Pa */
  double rho_o_haz, rho_u_haz;
  PsEc9BucklingClass buckling_class;
  double n_p;
} PsAluminiumAlloy;

/* EN 1999-1-1 3.2.5 constants of every aluminium alloy. */
#define PS_ALUMINIUM_E 70e9
#define PS_ALUMINIUM_G 27e9
#define PS_ALUMINIUM_DENSITY 2700.0

guint ps_timber_classes_get_n (void);
const PsTimberClass *ps_timber_classes_get_nth (guint i);
const PsTimberClass *ps_timber_class_lookup (const char *name);
const PsTimberClass *ps_timber_class_get (const char *name, const char *path, GError **error);
/* The factors of @product in @service_class (1-3); an error naming @path otherwise. */
gboolean ps_timber_factors_get (PsTimberProduct product, gint64 service_class, const char *path,
                                PsTimberFactors *out, GError **error);

guint ps_concrete_classes_get_n (void);
const PsConcreteClass *ps_concrete_classes_get_nth (guint i);
const PsConcreteClass *ps_concrete_class_lookup (const char *name);
const PsConcreteClass *ps_concrete_class_get (const char *name, const char *path, GError **error);

const PsRebarSteel *ps_rebar_steel_lookup (const char *name);
const PsRebarSteel *ps_rebar_steel_get (const char *name, const char *path, GError **error);

guint ps_aluminium_alloys_get_n (void);
const PsAluminiumAlloy *ps_aluminium_alloys_get_nth (guint i);
/* The row of @name ("6061-T6") whose thickness range holds @t (m); NULL when the alloy
 * is unknown or @t is outside every range. */
const PsAluminiumAlloy *ps_aluminium_alloy_lookup (const char *name, double t);
const PsAluminiumAlloy *ps_aluminium_alloy_get (const char *name, double t, const char *path,
                                                GError **error);

/* The comment lines of each file (the sources), for reports. */
const char *ps_timber_classes_get_source (void);
const char *ps_timber_factors_get_source (void);
const char *ps_concrete_classes_get_source (void);
const char *ps_rebar_steels_get_source (void);
const char *ps_aluminium_alloys_get_source (void);

/* Inputs of the checks from the tables. */
void ps_ec5_material_from_class (const PsTimberClass *c, PsEc5Material *m);
gboolean ps_ec5_options_from_tables (PsEc5Options *o, PsTimberProduct product, gint64 service_class,
                                     const char *path, GError **error);
void ps_ec2_concrete_from_class (const PsConcreteClass *c, PsEc2Concrete *out);
void ps_ec9_alloy_from_table (const PsAluminiumAlloy *a, PsEc9Alloy *out);

G_END_DECLS
