/* ps-beam-editor.h: the form of a beam parametric study. */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_BEAM_EDITOR (ps_beam_editor_get_type ())
G_DECLARE_FINAL_TYPE (PsBeamEditor, ps_beam_editor, PS, BEAM_EDITOR, GtkBox)

GtkWidget *ps_beam_editor_new (PsDocument *document);
/* The parameter editor of @path ("beam.span"), for tests; NULL when not shown. */
GtkWidget *ps_beam_editor_get_param (PsBeamEditor *self, const char *path);
/* The loads, cases and design rules of a design study (a PsLoadList), or NULL for a
 * single-load study; the drop-down that switches between the two; the support's. */
GtkWidget *ps_beam_editor_get_load_list (PsBeamEditor *self);
GtkWidget *ps_beam_editor_get_load_model (PsBeamEditor *self);
GtkWidget *ps_beam_editor_get_support (PsBeamEditor *self);
/* The label with the live configuration count. */
GtkWidget *ps_beam_editor_get_count_label (PsBeamEditor *self);

G_END_DECLS
