/* ps-tables.h: the built-in material and standard section tables.
 *
 * Both come from CSV files in data/ (their sources are named there) embedded in the
 * engine at build time. Values here are SI.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *family;
  double E;   /* Pa */
  double f_k; /* Pa */
  double gamma_M;
  double k_mod;
  double f_d;     /* Pa, k_mod f_k / gamma_M */
  double density; /* kg/m^3 */
} PsMaterialInfo;

typedef struct
{
  const char *designation;
  const char *family;
  double h, b, tw, tf, r; /* m */
  double A;               /* m^2 */
  double I;               /* m^4, strong axis */
  double W;               /* m^3, elastic, strong axis */
  double mass;            /* kg/m as published */
  /* For the design checks (EN 1993-1-1, AISC 360-16); NAN where the row's source does
   * not publish the value (data/sections.csv names what the checks derive instead). */
  double Wpl_y; /* m^3, plastic, strong axis (AISC Z_x) */
  double Iz;    /* m^4, weak axis (AISC I_y) */
  double Wel_z; /* m^3 */
  double Wpl_z; /* m^3 */
  double It;    /* m^4, St Venant torsion constant (AISC J) */
  double Iw;    /* m^6, warping constant (AISC C_w) */
  double Av_z;  /* m^2, shear area, load parallel to the web */
  double i_z;   /* m, weak-axis radius of gyration (AISC r_y) */
  double r_ts;  /* m, AISC 360-16 F2-7 */
  double h_o;   /* m, distance between flange centroids */
} PsSectionInfo;

guint ps_materials_get_n (void);
const PsMaterialInfo *ps_materials_get_nth (guint i);
const PsMaterialInfo *ps_materials_lookup (const char *name);
const char *ps_materials_get_source (void);

guint ps_sections_get_n (void);
const PsSectionInfo *ps_sections_get_nth (guint i);
const PsSectionInfo *ps_sections_lookup (const char *designation);
const char *ps_sections_get_source (void);

G_END_DECLS
