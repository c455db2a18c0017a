/* ps-reliability-editor.h: the form of a Monte Carlo reliability study. */
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

G_END_DECLS
