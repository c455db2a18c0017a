/* ps-ec3.h: the EN 1993-1-1 calculation sheet of one steel beam check.
 *
 * ps_ec3_check() (ps-ec3-math.h) computes; ps_ec3_sheet() writes what it computed as
 * the lines a checker reads (ps-calc-sheet.h): clause, formula, numbers substituted,
 * result and utilisation, in kN, kN·m, mm, mm², cm³, cm⁴, MPa.
 */
#pragma once

#include <glib.h>

#include "ps-calc-sheet.h"
#include "ps-ec3-math.h"

G_BEGIN_DECLS

/* section_name and grade_name label the sheet ("IPE 300", "S355"); either may be NULL. */
PsCalcSheet *ps_ec3_sheet (const char *section_name, const char *grade_name,
                           const PsSteelSection *s, const PsSteelMaterial *mat,
                           const PsEc3Options *o, const PsDesignActions *a, const PsDesignResult *r,
                           const PsEc3Detail *d);

G_END_DECLS
