/* ps-report.h: the calculation report of a study run, as a multi-page PDF (Cairo
 * PDF surface, Pango text) or one self-contained HTML file with SVG charts.
 *
 * Title page (study, date, program version, machine), inputs (parameters with
 * units, formulas and their sources), results (summary tables and the kind's
 * charts), the estimator and its interval for reliability, and the scaling section
 * when a scaling.json is given. Text is translated through gettext. The file is
 * written to a temporary file and renamed: an error leaves nothing behind.
 */
#pragma once

#include "study/ps-study.h"

G_BEGIN_DECLS

typedef enum
{
  PS_PAPER_A4,
  PS_PAPER_LETTER,
} PsPaper;

typedef enum
{
  PS_REPORT_PDF,
  PS_REPORT_HTML,
} PsReportFormat;

typedef struct
{
  PsPaper paper;
  PsReportFormat format;
  const char *scaling; /* scaling.json or its folder, or NULL */
  const char *date;    /* shown on the title page; NULL for now */
} PsReportOptions;

void ps_report_options_init (PsReportOptions *options);

/* Writes the report of the run in @run_dir of @study to @out. The run must have
 * been made from this study file (checked against its SHA-256). Returns the number
 * of pages written (PDF; 1 for HTML), or 0 with @error set. */
guint ps_report_write (const PsStudy *study, const char *run_dir, const PsReportOptions *options,
                       const char *out, GError **error);

G_END_DECLS
