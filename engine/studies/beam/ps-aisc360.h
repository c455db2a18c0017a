/* ps-aisc360.h: the AISC 360-16 calculation sheet of one steel beam check (flexure,
 * Chapter F; shear, Chapter G), from the values ps_aisc_check() (ps-aisc360-math.h)
 * computed, in kN, kN·m, mm, mm², cm³, MPa.
 */
#pragma once

#include <glib.h>

#include "ps-aisc360-math.h"
#include "ps-calc-sheet.h"

G_BEGIN_DECLS

PsCalcSheet *ps_aisc_sheet (const char *section_name, const char *grade_name,
                            const PsSteelSection *s, const PsSteelMaterial *mat,
                            const PsAiscOptions *o, const PsDesignActions *a,
                            const PsDesignResult *r, const PsAiscDetail *d);

G_END_DECLS
