/* ps-param-editor.h: one sweepable numeric parameter as a form row.
 *
 * Fixed value, list of values or range (from, to, steps, linear or log), entered in
 * the display unit (kN, MPa, mm) or with a unit of its own ("12 ft" is refused with
 * the reason, "1200 mm" accepted); the study file always receives SI numbers.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_PARAM_EDITOR (ps_param_editor_get_type ())
G_DECLARE_FINAL_TYPE (PsParamEditor, ps_param_editor, PS, PARAM_EDITOR, GtkBox)

/* @path: the member it edits, dot separated from the root ("beam.span"). @small: a
 * section dimension, shown in mm. @sweepable: FALSE offers only a fixed value. */
GtkWidget *ps_param_editor_new (PsDocument *document, const char *path, PsQuantity quantity,
                                gboolean small, gboolean sweepable);
/* Reads the value again from the document (after the member was replaced). */
void ps_param_editor_reload (PsParamEditor *self);
/* The entry of the fixed value, the list or the range start (for tests). */
GtkEditable *ps_param_editor_get_entry (PsParamEditor *self);
const char *ps_param_editor_get_path (PsParamEditor *self);

/* Navigates @path ("beam.section.h") from @root; the last member's parent object
 * is created when @create, and the member's name stored in @member. */
JsonObject *ps_json_parent_for_path (JsonObject *root, const char *path, gboolean create,
                                     const char **member);

/* The node at @path, whose steps may index arrays ("beam.loads[2].value",
 * "beam.spans[1]"), or NULL. Borrowed. */
JsonNode *ps_json_node_for_path (JsonObject *root, const char *path);
/* Puts @node (taken) at @path: a member is added or replaced (plain objects on the
 * way are created), an array's element replaced. FALSE when an array or its element
 * on the way is missing. */
gboolean ps_json_set_path (JsonObject *root, const char *path, JsonNode *node);

G_END_DECLS
