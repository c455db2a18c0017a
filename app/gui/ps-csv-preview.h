/* ps-csv-preview.h: the first rows of a regression study's CSV source, as a table.
 *
 * Shows what ps_regression_preview() read, as a run will read it: the lines skipped
 * above the header (dimmed, above), the data rows with their line numbers, the
 * columns named after the header (or "Column N") with the units row's field on a
 * second line, the strain, stress or specimen each is mapped to in bold with the
 * unit a run reads it in, the cells of a mapped column that do not read as numbers
 * in red, and a line under the table saying what was read (the header's and the
 * units row's lines, each mapped column's unit and where it comes from, what would
 * stop a run), or why nothing was.
 */
#pragma once

#include <gtk/gtk.h>

#include "studies/regression/ps-regression.h"

G_BEGIN_DECLS

#define PS_TYPE_CSV_PREVIEW (ps_csv_preview_get_type ())
G_DECLARE_FINAL_TYPE (PsCsvPreview, ps_csv_preview, PS, CSV_PREVIEW, GtkBox)

/* Shows @preview. */
void ps_csv_preview_show (PsCsvPreview *self, const PsRegressionPreview *preview);
/* Empties the table and says @message (NULL: leaves the line under it as it is). */
void ps_csv_preview_clear (PsCsvPreview *self, const char *message);

/* What is shown: the file (NULL when none could be read), the rows and columns,
 * the line under the table. */
const char *ps_csv_preview_get_file (PsCsvPreview *self);
guint ps_csv_preview_get_n_rows (PsCsvPreview *self);
guint ps_csv_preview_get_n_columns (PsCsvPreview *self);
/* The title of column @column (0-based, after the line numbers), newly allocated. */
char *ps_csv_preview_dup_title (PsCsvPreview *self, guint column);
/* The text of field @column of row @row, or NULL. */
const char *ps_csv_preview_get_cell (PsCsvPreview *self, guint row, guint column);
/* The file's line number of row @row (1-based), or 0. */
guint ps_csv_preview_get_line (PsCsvPreview *self, guint row);
/* The lines skipped shown above the table, or NULL when none are. */
const char *ps_csv_preview_get_skipped (PsCsvPreview *self);
const char *ps_csv_preview_get_status (PsCsvPreview *self);
GtkWidget *ps_csv_preview_get_view (PsCsvPreview *self);

G_END_DECLS
