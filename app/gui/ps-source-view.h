/* ps-source-view.h: the Source tab, the study file as text (issue 19 item 14).
 *
 * The text is what Save writes. Each edit is read back at once: text that is not JSON
 * is refused with its line and column and the document keeps its tree; JSON replaces
 * the document's tree (ps_document_set_json), which the engine validates as after an
 * edit in the form, and its message is shown with the line and column of the member
 * it names. The form is rebuilt from the new tree; edits made in the form show here.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_SOURCE_VIEW (ps_source_view_get_type ())
G_DECLARE_FINAL_TYPE (PsSourceView, ps_source_view, PS, SOURCE_VIEW, GtkBox)

GtkWidget *ps_source_view_new (void);
/* The study shown (NULL: none). */
void ps_source_view_set_document (PsSourceView *self, PsDocument *doc);

GtkTextBuffer *ps_source_view_get_buffer (PsSourceView *self);
/* The message under the text (hidden while there is none). */
GtkWidget *ps_source_view_get_error_label (PsSourceView *self);
/* Where the message points, from 1 (0: nowhere). */
guint ps_source_view_get_error_line (PsSourceView *self);
guint ps_source_view_get_error_column (PsSourceView *self);

/* Where the member @path ("beam.loads[2].from") of the JSON @text is written: the
 * line and column (from 1, in characters) of its key, or of its element in a list.
 * A path that is not in the text gives its closest parent that is; FALSE when not
 * even the first member is found. */
gboolean ps_json_locate_path (const char *text, const char *path, guint *line, guint *column);

G_END_DECLS
