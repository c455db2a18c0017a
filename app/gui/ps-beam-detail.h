/* ps-beam-detail.h: one beam configuration of the Table, in detail.
 *
 * Beside the results table of a beam study: for the row selected, the utilisation of
 * each code check as a bar against 1.0 (with its clause), the governing check and
 * combination, the support reactions and the shear, moment and deflection diagrams.
 * The reactions and diagrams come from the kind's item_diagram, the very call
 * `parastudy-cli diagram` makes, on the study the run was made from.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-csv-model.h"
#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_BEAM_DETAIL (ps_beam_detail_get_type ())
G_DECLARE_FINAL_TYPE (PsBeamDetail, ps_beam_detail, PS, BEAM_DETAIL, GtkBox)

GtkWidget *ps_beam_detail_new (void);
/* Puts the detail at the right of @table_scroller, in a paned that takes its place. */
void ps_beam_detail_attach (PsBeamDetail *self, GtkWidget *table_scroller);
/* The selection model for a table over @model (NULL: none): selecting a row shows
 * it. @document is the study the run was made from, or NULL when the results do not
 * belong to it; the detail shows only for beam studies. */
GtkSelectionModel *ps_beam_detail_watch (PsBeamDetail *self, PsCsvModel *model,
                                         PsDocument *document);
/* Shows row @row (of the file) of the model watched. */
void ps_beam_detail_show_row (PsBeamDetail *self, guint row);

/* The CSS class of a row of @model by its governing check ("governs-ltb"), or NULL
 * (the file has no such column). */
const char *ps_beam_detail_row_class (PsCsvModel *model, guint row);
/* Tints the table's cell @label of @row in column @column by the row's governing check
 * where the column is governing_check or u_max. */
void ps_beam_detail_style_cell (GtkWidget *label, PsCsvRow *row, guint column);

/* For the tests: what is shown. */
gboolean ps_beam_detail_get_active (PsBeamDetail *self);
const char *ps_beam_detail_get_title (PsBeamDetail *self);
guint ps_beam_detail_get_n_checks (PsBeamDetail *self);
/* The column ("u_bending"), label with its clause, and utilisation of check @i. */
const char *ps_beam_detail_get_check_column (PsBeamDetail *self, guint i);
const char *ps_beam_detail_get_check_label (PsBeamDetail *self, guint i);
double ps_beam_detail_get_check_value (PsBeamDetail *self, guint i);
guint ps_beam_detail_get_n_reactions (PsBeamDetail *self);
double ps_beam_detail_get_reaction (PsBeamDetail *self, guint i, double *x);
/* The chart of the shear (0), moment (1) and deflection (2) diagrams. */
GtkWidget *ps_beam_detail_get_chart (PsBeamDetail *self, guint i);

G_END_DECLS
