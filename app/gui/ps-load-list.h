/* ps-load-list.h: the actions of a beam design study as form rows.
 *
 * Three frames: the list of loads (`beam.loads`: each with its case, its type, point,
 * uniform, linear or moment, and its values and positions, every one a sweepable
 * PsParamEditor), the load cases (`cases`: name, type, EN 1990 category, optional ψ
 * factors) and the combinations and design rules (`design`: code and method, the
 * automatic combinations, pattern loading, lateral restraint, load level and
 * deflection limits). Edits go straight into the document's tree.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"
#include "ps-gui-util.h"

G_BEGIN_DECLS

#define PS_TYPE_LOAD_LIST (ps_load_list_get_type ())
G_DECLARE_FINAL_TYPE (PsLoadList, ps_load_list, PS, LOAD_LIST, GtkBox)

/* @fields: the form's field set (borrowed; it outlives the widget's rows). */
GtkWidget *ps_load_list_new (PsDocument *document, PsFieldSet *fields);
/* Builds every row again from the document (after a change made elsewhere). */
void ps_load_list_rebuild (PsLoadList *self);

/* For the tests: the parameter editor of @path ("beam.loads[1].value"), or NULL;
 * the Add load button; the case and type drop-downs of load @i; the Add case
 * button; the Remove button of load @i. */
GtkWidget *ps_load_list_get_param (PsLoadList *self, const char *path);
GtkWidget *ps_load_list_get_add_button (PsLoadList *self);
GtkWidget *ps_load_list_get_case_dropdown (PsLoadList *self, guint i);
GtkWidget *ps_load_list_get_type_dropdown (PsLoadList *self, guint i);
GtkWidget *ps_load_list_get_remove_button (PsLoadList *self, guint i);
GtkWidget *ps_load_list_get_add_case_button (PsLoadList *self);
GtkWidget *ps_load_list_get_code_dropdown (PsLoadList *self);
GtkWidget *ps_load_list_get_combinations_dropdown (PsLoadList *self);
GtkWidget *ps_load_list_get_add_combination_button (PsLoadList *self);
GtkWidget *ps_load_list_get_combination_widget (PsLoadList *self, guint i, const char *case_name);

/* The first value @node gives (a number, a quantity with its unit, the first of a
 * list, the start of a range) in SI, or @fallback. For the beam sketch. */
double ps_load_first_value (JsonNode *node, PsQuantity quantity, double fallback);
/* The length of the whole beam the study describes (its span, or the sum of its
 * spans), each at its first value. */
double ps_load_beam_length (JsonObject *beam);

G_END_DECLS
