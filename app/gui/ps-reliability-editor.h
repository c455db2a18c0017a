/* ps-reliability-editor.h: the form of a reliability study: variables
 * (with their density), constants, limit state (with the unit of g), method and its
 * options, correlations and sensitivity. */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_RELIABILITY_EDITOR (ps_reliability_editor_get_type ())
G_DECLARE_FINAL_TYPE (PsReliabilityEditor, ps_reliability_editor, PS, RELIABILITY_EDITOR, GtkBox)

GtkWidget *ps_reliability_editor_new (PsDocument *document);
GtkEditable *ps_reliability_editor_get_limit_state (PsReliabilityEditor *self);
/* The label under the limit state: the compiler's message with a caret, or "". */
GtkWidget *ps_reliability_editor_get_limit_state_error (PsReliabilityEditor *self);
/* The position (1-based) of the limit-state error shown, or 0. */
guint ps_reliability_editor_get_error_position (PsReliabilityEditor *self);
/* For tests: the "Unit of g" line, the correlation pairs' grid (row 0 the headers,
 * then A, B, rho, type, remove per row), the method's drop-down (in the order
 * monte-carlo, lhs, form, sorm, importance-sampling, subset) and the density plot
 * (shown: its expander is opened). */
const char *ps_reliability_editor_get_g_unit (PsReliabilityEditor *self);
GtkWidget *ps_reliability_editor_get_correlation_grid (PsReliabilityEditor *self);
GtkWidget *ps_reliability_editor_get_method_dropdown (PsReliabilityEditor *self);
GtkWidget *ps_reliability_editor_get_density_chart (PsReliabilityEditor *self);

G_END_DECLS
