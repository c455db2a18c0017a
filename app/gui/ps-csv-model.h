/* ps-csv-model.h: a results.csv file as a virtual GListModel.
 *
 * The file is mapped, not read: only the offsets of its lines are kept (8 bytes a
 * row), and a row's fields are cut out of the mapping when a visible list item asks
 * for them. A million rows open in a fraction of a second and a GtkColumnView over
 * the model builds widgets only for the rows on screen. Sorting and filtering
 * reorder an index array; the rows themselves are never copied.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_TYPE_CSV_ROW (ps_csv_row_get_type ())
G_DECLARE_FINAL_TYPE (PsCsvRow, ps_csv_row, PS, CSV_ROW, GObject)

#define PS_TYPE_CSV_MODEL (ps_csv_model_get_type ())
G_DECLARE_FINAL_TYPE (PsCsvModel, ps_csv_model, PS, CSV_MODEL, GObject)

PsCsvModel *ps_csv_model_new_from_file (const char *path, GError **error);

guint ps_csv_model_get_n_columns (PsCsvModel *self);
const char *ps_csv_model_get_column_name (PsCsvModel *self, guint column);
/* The column called @name, or -1. */
int ps_csv_model_find_column (PsCsvModel *self, const char *name);
/* Rows in the file (without the header), whatever the filter. */
guint ps_csv_model_get_n_rows (PsCsvModel *self);
/* Whether @column is empty in every row (a beam study's columns of the section
 * shapes it does not use). One pass over the file, the first time it is asked,
 * that stops as soon as every column has a value. */
gboolean ps_csv_model_column_is_empty (PsCsvModel *self, guint column);

/* Field @column of file row @row, newly allocated. */
char *ps_csv_model_dup_field (PsCsvModel *self, guint row, guint column);
/* The field as a number, NAN when it is empty or not a number. */
double ps_csv_model_get_number (PsCsvModel *self, guint row, guint column);

/* Shows only the rows whose @column holds "1" (or every row for -1). */
void ps_csv_model_set_filter_column (PsCsvModel *self, int column);
/* Sorts the visible rows by @column (numbers numerically, text by byte order);
 * -1 restores file order. Ties keep file order. */
void ps_csv_model_sort (PsCsvModel *self, int column, gboolean descending);

guint ps_csv_row_get_row (PsCsvRow *row);
PsCsvModel *ps_csv_row_get_model (PsCsvRow *row);
char *ps_csv_row_dup_field (PsCsvRow *row, guint column);

G_END_DECLS
