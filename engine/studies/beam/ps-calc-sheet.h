/* ps-calc-sheet.h: a calculation sheet, the lines a checker reads for one code check.
 *
 * Each line gives the clause, what is computed, the formula in symbols, the same
 * formula with the numbers substituted, the result with its unit and, where the line
 * is a verification, its utilisation. The design codes' sheet builders fill it from
 * the intermediate values of their checks; the report prints it.
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
