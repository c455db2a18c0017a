/* ps-design-sheets.h: calculation sheets of the timber (EN 1995-1-1), concrete
 * (EN 1992-1-1) and aluminium (EN 1999-1-1) checks and of the shared serviceability
 * check, built on the host from a check's inputs, its result and its details.
 *
 * Each line names its clause, says what it computes (translated), gives the formula
 * with symbols, the same formula with the numbers in engineering units (kN, kN·m, mm,
 * mm², cm³, MPa), the result and, for a verification, its utilisation. A refused design
 * starts with a line that says why.
 */
#pragma once

#include <glib.h>

#include "ps-calc-sheet.h"
#include "ps-design-math-private.h"
#include "ps-ec2-math.h"
#include "ps-ec5-math.h"
#include "ps-ec9-math.h"

G_BEGIN_DECLS

/* Why a check refused a design, in the user's language. */
const char *ps_ec5_refusal_message (PsEc5Refusal refusal);
const char *ps_ec2_refusal_message (PsEc2Refusal refusal);
const char *ps_ec9_refusal_message (PsEc9Refusal refusal);

/* Appends the deflection lines (u_deflection, u_deflection_variable) for the deflections
 * @w_total and @w_variable (those the check compared; the analysis's own for steel and
 * aluminium), under @clause (e.g. "EN 1993-1-1 7.2.1"), @total_symbol naming the total
 * ("w", "u_fin"). Nothing where no limit is given. */
void ps_sls_sheet_add (PsCalcSheet *sheet, const char *clause, const char *total_symbol,
                       double w_total, double w_variable, const PsDesignActions *a,
                       const PsDesignResult *r);

PsCalcSheet *ps_ec5_sheet (const PsEc5Section *s, const PsEc5Material *m, const PsEc5Options *o,
                           const PsDesignActions *a, const PsDesignResult *r,
                           const PsEc5Details *d);
PsCalcSheet *ps_ec2_rc_sheet (const PsEc2Section *s, const PsEc2Concrete *c, const PsEc2Options *o,
                              const PsDesignActions *a, const PsDesignResult *r,
                              const PsEc2Details *d);
PsCalcSheet *ps_ec2_plain_sheet (double b, double h, const PsEc2Concrete *c, const PsEc2Options *o,
                                 const PsDesignActions *a, const PsDesignResult *r,
                                 const PsEc2PlainDetails *d);
PsCalcSheet *ps_ec9_sheet (const PsEc9Section *s, const PsEc9Alloy *m, const PsEc9Options *o,
                           const PsDesignActions *a, const PsDesignResult *r,
                           const PsEc9Details *d);

G_END_DECLS
