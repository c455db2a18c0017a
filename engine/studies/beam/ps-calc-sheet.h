/* ps-calc-sheet.h: a calculation sheet, the lines a checker reads for one design check.
 *
 * Each line names the clause of the code it applies, says in words what it computes
 * (translated), gives the formula in symbols, the same formula with the numbers
 * substituted, the result with its unit, and the utilisation where the line is a check
 * (NAN where it is not). The code checks (ps-ec3.c, ps-aisc360.c and the timber,
 * concrete and aluminium ones) fill sheets from their intermediate values; the report
 * prints them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *clause, *description, *formula, *substituted, *result;
  double utilisation; /* NAN if none */
} PsCalcLine;

typedef struct
{
  GPtrArray *lines; /* PsCalcLine* */
  char *title;
} PsCalcSheet;

PsCalcSheet *ps_calc_sheet_new (const char *title);
void ps_calc_sheet_free (PsCalcSheet *sheet);
void ps_calc_sheet_add (PsCalcSheet *sheet, const char *clause, const char *description,
                        const char *formula, const char *substituted, const char *result,
                        double utilisation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCalcSheet, ps_calc_sheet_free)

G_END_DECLS
