/* ps-report-private.h: what the study kinds use to write their parts of the report.
 *
 * The report is written once against a small writer (headings, paragraphs, tables,
 * charts, page breaks) that lays it out as PDF or HTML; a kind's sections
 * (PsKindClass.report_inputs) write through these calls and know neither format.
 *
 * Layout rules the writer keeps for every kind, so a section need not: headings are
 * numbered ("2.3 Materials") and kept with the first lines of the block after them
 * (a heading never ends a page); a table that runs over a page repeats its header;
 * a chart stays with its caption; every page has the title block and "page N of M".
 *
 * Numbers: write quantities in the units an engineer writes, with the unit named,
 * through ps_report_format_quantity() (the default unit of each quantity: kN, kN/m,
 * m, MPa, mm², cm⁴, cm³, kN·m, kg/m) or ps_report_format_in() (a unit of your choice:
 * "mm", "GPa"). Both use the locale's decimal separator and never an exponent where a
 * unit prefix does. In a table with a unit per column, give the units to
 * ps_report_table_write_units() and the bare numbers (ps_report_format_value()) to
 * the cells.
 *
 * A calculation sheet (one code check, line by line: clause | formula | numbers
 * substituted | result | utilisation) is ps_report_calc_sheet().
 */
#pragma once

#include "plot/ps-plot-study.h"
#include "report/ps-report.h"
#include "study/ps-kind.h"
#include "study/ps-units.h"

G_BEGIN_DECLS

/* A heading: level 1 a part ("Inputs"), 2 a section, 3 a subsection (not numbered,
 * not in the contents). Kept with the block that follows it. */
void ps_report_heading (PsReportWriter *writer, int level, const char *text);
/* A paragraph; @small for notes and sources. */
void ps_report_para (PsReportWriter *writer, const char *text, gboolean small);
/* Keeps the next block (a paragraph, table, chart) on the same page as the block
 * after it: an introduction with its table, a note with its chart. */
void ps_report_keep_with_next (PsReportWriter *writer);
/* A chart, full width, without a caption. */
void ps_report_chart (PsReportWriter *writer, PsChart *chart);
/* A chart with its caption under it, numbered ("Figure 3 — @caption"), kept on one
 * page. @caption NULL: the chart's title. */
void ps_report_chart_caption (PsReportWriter *writer, PsChart *chart, const char *caption);
/* Chart @name of the run (plot/ps-plot-study.h) with its title as the caption, or a
 * note that says why it could not be drawn. A chart that does not apply to the run
 * (PS_ERROR_UNSUPPORTED: a FORM chart of a Monte Carlo run, a map of a sweep with one
 * varying parameter) is left out without a note; its reason is stored in @why_not
 * when that is not NULL and holds none yet. Whether the chart was drawn. */
gboolean ps_report_run_chart (PsReportWriter *writer, PsRunData *data, const char *name,
                              const PsPlotParams *params, char **why_not);
void ps_report_page_break (PsReportWriter *writer);
/* Monospaced text, line by line as given (a file's text, a formula listing). */
void ps_report_code (PsReportWriter *writer, const char *text);

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
/* As ps_report_table_write(), with a unit per column shown in the header ("Span
 * [m]"): @units has n_cols entries, NULL or "" for a column without one (text).
 * Columns with a unit are right-aligned. Units are written as in study files
 * ("kN/m", "cm^4", "kN*m") and shown as engineers print them (kN/m, cm⁴, kN·m). */
void ps_report_table_write_units (PsReportWriter *writer, PsReportTable *table,
                                  const char *const *header, const char *const *units,
                                  const double *widths);

/* One line of a calculation sheet. @description may be NULL; @utilisation is NAN on
 * lines that are not a verification. */
typedef struct
{
  const char *clause;      /* "EN 1993-1-1 6.2.5(2)" */
  const char *description; /* "Bending resistance" */
  const char *formula;     /* "M_c,Rd = W_pl·f_y/γ_M0" */
  const char *substituted; /* "628 cm³ × 355 MPa / 1.0" */
  const char *result;      /* "222.9 kN·m" */
  double utilisation;      /* M_Ed/M_c,Rd, or NAN */
} PsReportCalcLine;

/* A calculation sheet: a heading (level 3, NULL for none) and a table Clause |
 * Formula | Numbers substituted | Result | Utilisation, each utilisation with "✓"
 * when it is at most 1 and "✗" above; the heading stays with the first lines. */
void ps_report_calc_sheet (PsReportWriter *writer, const char *title, const PsReportCalcLine *lines,
                           guint n_lines);

/* A number with an SI prefix and its unit ("12.5 kN", "3.2 mm"), six significant
 * digits; "—" when not finite. */
char *ps_report_format_number (double v, const char *unit);

/* @value_si in the engineering unit of @quantity, with the unit: "12.5 kN", "5 kN/m",
 * "2.4 m", "355 MPa", "1200 mm²", "8356 cm⁴", "557 cm³", "120 kN·m", "42.2 kg/m",
 * "7850 kg/m³"; four significant digits (more for a whole number), the locale's
 * decimal separator, "—" when not finite. */
char *ps_report_format_quantity (double value_si, PsQuantity quantity);
/* The unit ps_report_format_quantity() uses for @quantity, as study files write it
 * ("kN/m", "cm^4"). */
const char *ps_report_quantity_unit (PsQuantity quantity);
/* @value_si in @unit ("mm", "GPa", "kN*m", "cm^4"), with the unit shown as printed;
 * "" or NULL for a plain number. An unknown unit is a programming error. */
char *ps_report_format_in (double value_si, const char *unit);
/* The number alone, in @unit, for a table that names the unit in its header. */
char *ps_report_format_value (double value_si, const char *unit);
/* @value_si in the unit of @as_written, a value as the study file has it ("300 MPa"
 * shows a stress in MPa; "20 mm" a length in mm); a plain number as a plain number. */
char *ps_report_format_as_written (double value_si, const char *as_written);
/* A unit as printed: "cm^4" → "cm⁴", "kN*m" → "kN·m", "kg/m^3" → "kg/m³". */
char *ps_report_unit_label (const char *unit);
/* A whole number with the locale's digit grouping. */
char *ps_report_format_count (guint64 n);
/* A plain number with @digits significant digits and the locale's decimal separator,
 * never in exponent notation between 1e-4 and 1e12. */
char *ps_report_format_decimal (double v, int digits);

G_END_DECLS
