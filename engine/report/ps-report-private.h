/* ps-report-private.h: what the study kinds use to write their parts of the report.
 *
 * The report is written once against a small writer (headings, paragraphs, tables,
 * charts, page breaks) that lays it out as PDF or HTML; a kind's sections
 * (PsKindClass.report_inputs) write through these calls and know neither format.
 */
#pragma once

#include "plot/ps-plot-study.h"
#include "report/ps-report.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

/* A heading: level 1 a part ("Inputs"), 2 a section. */
void ps_report_heading (PsReportWriter *writer, int level, const char *text);
/* A paragraph; @small for notes and sources. */
void ps_report_para (PsReportWriter *writer, const char *text, gboolean small);
void ps_report_chart (PsReportWriter *writer, PsChart *chart);
/* Chart @name of the run (plot/ps-plot-study.h), or a note that says why it could
 * not be drawn. */
void ps_report_run_chart (PsReportWriter *writer, PsRunData *data, const char *name,
                          const PsPlotParams *params);
void ps_report_page_break (PsReportWriter *writer);

/* A table, filled cell by cell in row order, then written. */
typedef struct
{
  GPtrArray *cells; /* strings, row-major */
  guint n_cols;
} PsReportTable;

void ps_report_table_init (PsReportTable *table, guint n_cols);
/* Appends one cell. Takes @text. */
void ps_report_table_add (PsReportTable *table, char *text);
/* Appends a row of two cells, @key and @value (copied, or taken). */
void ps_report_table_row (PsReportTable *table, const char *key, const char *value);
void ps_report_table_row_take (PsReportTable *table, const char *key, char *value);
/* Writes the table and empties it. @header: n_cols strings, or NULL for none;
 * @widths: the columns' relative widths, or NULL for equal ones. */
void ps_report_table_write (PsReportWriter *writer, PsReportTable *table, const char *const *header,
                            const double *widths);

/* A number with an SI prefix and its unit ("12.5 kN", "3.2 mm"), six significant
 * digits; "—" when not finite. */
char *ps_report_format_number (double v, const char *unit);

G_END_DECLS
