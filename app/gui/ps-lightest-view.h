/* ps-lightest-view.h: the "Lightest" tab of a beam sweep (issue 19 item 11, issue 15):
 * the lightest passing design in full (section as b × h or its designation,
 * material, every swept parameter, mass and utilisation) and, when the study has
 * group_by, the load–span table of summary.json's lightest_by_group with a map of it.
 */
#pragma once

#include <gtk/gtk.h>

#include "plot/ps-plot-study.h"

G_BEGIN_DECLS

#define PS_TYPE_LIGHTEST_VIEW (ps_lightest_view_get_type ())
G_DECLARE_FINAL_TYPE (PsLightestView, ps_lightest_view, PS, LIGHTEST_VIEW, GtkBox)

GtkWidget *ps_lightest_view_new (void);
/* Shows the run @data (borrowed, NULL for none). Returns whether it has a lightest
 * passing design to show (summary.json's lightest_passing member). */
gboolean ps_lightest_view_set_run (PsLightestView *self, PsRunData *data);

/* For the tests: the text of figure @key of the lightest design ("material",
 * "section", "span_m"…), the group table's number of rows and the text of a cell
 * (row, column; column 0 the first grouped parameter), and the map's chart widget. */
const char *ps_lightest_view_get_text (PsLightestView *self, const char *key);
guint ps_lightest_view_get_n_groups (PsLightestView *self);
const char *ps_lightest_view_get_cell (PsLightestView *self, guint row, guint column);
GtkWidget *ps_lightest_view_get_chart (PsLightestView *self);

G_END_DECLS
