/* ps-steel.h: the host side of the steel checks: sections from the section table and
 * from the parametric shapes of a study ({"shape": "rhs", "h", "b", "t"}, "shs",
 * {"shape": "chs", "D", "t"}), validated with messages, the refusal reasons in words,
 * and the number formatting of the calculation sheets (ps-ec3.c, ps-aisc360.c).
 */
#pragma once

#include <glib.h>

#include "ps-steel-math.h"
#include "ps-steel-tables.h"
#include "ps-tables.h"

G_BEGIN_DECLS

/* A rolled I section of the table (families IPE, HEA, HEB, W, UB, UC). */
gboolean ps_steel_section_from_info (const PsSectionInfo *info, PsSteelSection *out,
                                     GError **error);

/* Hot-finished hollow sections (EN 10210-2). The messages name the offending key ("t",
 * "b", "D") for the caller to prefix with its JSON path. */
gboolean ps_steel_section_rhs_new (double h, double b, double t, PsSteelSection *out,
                                   GError **error);
gboolean ps_steel_section_chs_new (double D, double t, PsSteelSection *out, GError **error);

/* f_y, f_u, E, G of a grade for the section's thickest element; an element thicker
 * than the grade's table is an error naming both. */
gboolean ps_steel_material_for (const PsSteelGradeInfo *grade, const PsSteelSection *s,
                                PsSteelMaterial *out, GError **error);

/* Why a check was refused, one translated sentence. */
const char *ps_steel_refusal_describe (PsSteelRefusal why);

/* Sheet numbers: sig significant figures (at least the integer digits), in the C
 * locale. ps_steel_fmt_unit appends a unit after a thin space. */
char *ps_steel_fmt (double v, int sig);
char *ps_steel_fmt_unit (double v, int sig, const char *unit);

G_END_DECLS
