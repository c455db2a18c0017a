/* ps-specimen-view.h: the figures of the specimen picked on the curve chart (issue 18):
 * E and its ISO 6892-1 quantities (ReH, ReL, Rp0.2, Rm, Ag, A…) from the run's
 * results.csv, or why it was not fitted, shown beside the chart whose markers show
 * the same values. */
#pragma once

#include <gtk/gtk.h>

#include "plot/ps-plot-study.h"

G_BEGIN_DECLS

#define PS_TYPE_SPECIMEN_VIEW (ps_specimen_view_get_type ())
G_DECLARE_FINAL_TYPE (PsSpecimenView, ps_specimen_view, PS, SPECIMEN_VIEW, GtkBox)

GtkWidget *ps_specimen_view_new (void);
/* Shows @specimen's figures of @data (borrowed), or hides the view when either is
 * NULL or the run has none. */
void ps_specimen_view_show (PsSpecimenView *self, PsRunData *data, const char *specimen);
/* The text shown for figure @key ("Rp0.2", "E"), or NULL: for the tests. */
const char *ps_specimen_view_get_text (PsSpecimenView *self, const char *key);

G_END_DECLS
