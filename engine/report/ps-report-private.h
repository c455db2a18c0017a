/* ps-report-private.h: what the study kinds use to write their parts of the report. */
#pragma once

#include "report/ps-report.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

/* A number with an SI prefix and its unit ("12.5 kN", "3.2 mm"), six significant
 * digits; "—" when not finite. */
char *ps_report_format_number (double v, const char *unit);

G_END_DECLS
