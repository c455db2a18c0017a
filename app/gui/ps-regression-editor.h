/* ps-regression-editor.h: the form of a stress–strain regression study.
 *
 * The data source (a folder of CSV files, one CSV file with a specimen column, or
 * the synthetic generator) with a preview of the first rows of the first file as
 * the engine would cut them, the column mapping and units, the elastic window and
 * offset, and the characteristic-value options. Edits go into the document's JSON
 * member by member: keys the form does not show stay as they are, values are
 * written in SI.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_REGRESSION_EDITOR (ps_regression_editor_get_type ())
G_DECLARE_FINAL_TYPE (PsRegressionEditor, ps_regression_editor, PS, REGRESSION_EDITOR, GtkBox)

GtkWidget *ps_regression_editor_new (PsDocument *document);

/* The widget that edits the JSON member @path ("source.area", "fit.offset",
 * "source.E.mean", "source.type"), or NULL. An entry, a spin button or a drop-down. */
GtkWidget *ps_regression_editor_get_field (PsRegressionEditor *self, const char *path);
/* Selects the entry @value of the drop-down at @path ("source.stress.unit", "kPa");
 * FALSE when it offers no such value. */
gboolean ps_regression_editor_set_choice (PsRegressionEditor *self, const char *path,
                                          const char *value);
/* The source as the chooser sets it: @file (a folder or a CSV file) becomes
 * source.path, relative to the study file's folder when it lies inside it. */
void ps_regression_editor_set_source_file (PsRegressionEditor *self, GFile *file);

/* The preview: the file shown (NULL when none could be read), its rows and
 * columns, and the line under it (what was read, the header's and units row's
 * lines, the unit of each mapped column, or why nothing was). */
const char *ps_regression_editor_get_preview_file (PsRegressionEditor *self);
guint ps_regression_editor_get_preview_n_rows (PsRegressionEditor *self);
guint ps_regression_editor_get_preview_n_columns (PsRegressionEditor *self);
/* The title of preview column @column (0-based, after the line number), newly
 * allocated: the header name or "Column N", with the quantity mapped to it and its
 * unit, and on a second line the units row's field when there is one. */
char *ps_regression_editor_dup_preview_title (PsRegressionEditor *self, guint column);
/* The text of field @column of preview row @row, or NULL. */
const char *ps_regression_editor_get_preview_cell (PsRegressionEditor *self, guint row,
                                                   guint column);
/* The file's line number of preview row @row (1-based). */
guint ps_regression_editor_get_preview_line (PsRegressionEditor *self, guint row);
/* The lines skipped shown above the preview, or NULL when none are. */
const char *ps_regression_editor_get_preview_skipped (PsRegressionEditor *self);
const char *ps_regression_editor_get_preview_status (PsRegressionEditor *self);
GtkWidget *ps_regression_editor_get_preview_view (PsRegressionEditor *self);

/* "12 specimens", or a dash while the study is invalid. */
GtkWidget *ps_regression_editor_get_count_label (PsRegressionEditor *self);

G_END_DECLS
