/* ps-history-view.h: the History tab (issue 19 item 12).
 *
 * The past runs of the current study, newest first, read from the run history
 * (engine/history: every run the GUI or parastudy-cli made of a study of that name,
 * scaling runs left out): when, on which backend and how many workers, the wall
 * time, the machine and the key results (the first figures of the Summary tab). One
 * selected run can be opened (its results in the Summary tab, with its table and
 * charts while its results folder still holds that run); two can be compared: their
 * figures side by side, with the change of each number.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_HISTORY_VIEW (ps_history_view_get_type ())
G_DECLARE_FINAL_TYPE (PsHistoryView, ps_history_view, PS, HISTORY_VIEW, GtkBox)

GtkWidget *ps_history_view_new (void);
/* Lists the runs of @doc's study (NULL: none), and again after each of its runs. */
void ps_history_view_set_document (PsHistoryView *self, PsDocument *doc);
/* Reads the history again. */
void ps_history_view_refresh (PsHistoryView *self);

/* For the tests, as a user would do it. */
guint ps_history_view_get_n_runs (PsHistoryView *self);
/* The texts of row @index (0: the newest), its cells joined by " | ". */
char *ps_history_view_dup_row_text (PsHistoryView *self, guint index);
/* Selects row @index, adding it to the selection when @add. */
void ps_history_view_select (PsHistoryView *self, guint index, gboolean add);
/* The Open and Compare buttons; FALSE when the selection does not allow them. */
gboolean ps_history_view_open_selected (PsHistoryView *self);
gboolean ps_history_view_compare_selected (PsHistoryView *self);
/* The comparison's texts for figure @key ("pf"): the two runs' values (older
 * first), borrowed; FALSE when the comparison has no such row. */
gboolean ps_history_view_get_compared (PsHistoryView *self, const char *key, const char **first,
                                       const char **second);

G_END_DECLS
