/* ps-gui-util.h: small helpers shared by the application's widgets. */
#pragma once

#include <gtk/gtk.h>

#include "parastudy.h"
#include "ps-document.h"

G_BEGIN_DECLS

/* The application's settings (org.parastudy.Parastudy), found in the installed
 * schemas or, for an uninstalled build, in the build folder. Borrowed. */
GSettings *ps_gui_settings (void);
/* Whether values are shown in engineering units (kN, MPa, mm) rather than SI. */
gboolean ps_gui_engineering_units (void);

/* The unit a quantity is shown in. @small: a section dimension (mm, not m). */
const char *ps_gui_display_unit (PsQuantity quantity, gboolean small);
/* The factor from @unit to SI (1 for an unknown unit). */
double ps_gui_unit_scale (const char *unit);

/* Numbers as the user types and reads them (issue 19 item 4): whether the locale's
 * decimal separator is a comma (pt_BR, es). There, "0,9" and "0.9" are both read as
 * nine tenths, no thousands separator is read, and the values of a list are separated
 * by ';' ("1,5; 2,5"); elsewhere by ',' or ';' ("1.5, 2.5"). Study files always hold
 * the C form ("0.9"). */
gboolean ps_gui_decimal_comma (void);
/* @text with the locale's decimal commas made full stops, for the engine (owned). */
char *ps_gui_number_to_c (const char *text);
/* A number written in C (g_ascii_formatd) with the locale's decimal separator (owned). */
char *ps_gui_number_to_locale (const char *text);
/* @v in @format ("%.6g") with the locale's decimal separator (owned). */
char *ps_gui_format_number (double v, const char *format);
/* What joins the values of a list for display ("; " or ", "), and the characters
 * read as separating them (";" or ",;"). */
const char *ps_gui_list_separator (void);
const char *ps_gui_list_separators (void);

/* "12.5" in @unit, or "12.5 kN" with its own unit, into SI. Returns FALSE with a
 * message (owned) saying what was wrong. */
gboolean ps_gui_parse_value (const char *text, const char *unit, PsQuantity quantity, double *si,
                             char **message);
/* An SI value written in @unit for an entry, in the locale: "12.5" or "12,5". */
char *ps_gui_format_value (double si, const char *unit);

/* A member of @object that is an object, created when missing. */
JsonObject *ps_gui_json_ensure_object (JsonObject *object, const char *member);
/* The string @node holds, or NULL when it is missing or not a string. Borrowed. */
const char *ps_gui_json_string (JsonNode *node);
/* The string member @member of @object (which may be NULL), or @fallback. */
const char *ps_gui_json_string_member (JsonObject *object, const char *member,
                                       const char *fallback);
/* A new value node holding @v. */
JsonNode *ps_gui_json_double_node (double v);

/* Fields of a form registered by the JSON path they edit, so that the engine's
 * validation message ("beam.span.steps: …") highlights the one it names. */
typedef struct _PsFieldSet PsFieldSet;

PsFieldSet *ps_field_set_new (void);
void ps_field_set_free (PsFieldSet *set);
void ps_field_set_add (PsFieldSet *set, const char *path, GtkWidget *widget);
/* Clears the marks, then marks the field whose path is the longest prefix of
 * @path (if any) with @message. Returns the widget marked, or NULL. */
GtkWidget *ps_field_set_show_error (PsFieldSet *set, const char *path, const char *message);
void ps_gui_mark_invalid (GtkWidget *widget, const char *message);
/* @problems (lines "json.path: message") with each path replaced by the label of the
 * field of @set it names, where there is one, followed by the path in parentheses if
 * @with_path (owned). */
char *ps_field_set_in_words (PsFieldSet *set, const char *problems, gboolean with_path);

/* Every spin button under @root takes the mouse wheel only while it has the focus;
 * otherwise the wheel scrolls the scrolled window around it. */
void ps_gui_guard_spin_scroll (GtkWidget *root);

/* @widget after a left-aligned label @label_chars characters wide, as the study
 * editors' templates lay out their rows; for the rows they add in code. */
GtkWidget *ps_gui_labelled (const char *text, GtkWidget *widget, int label_chars);

/* Fills the Name and Description entries of a study editor's template from the
 * root's members of @document and writes edits back; the name entry is registered
 * in @fields as "name". */
void ps_gui_editor_bind_header (GtkWidget *name, GtkWidget *description, PsDocument *document,
                                PsFieldSet *fields);
/* Shows @document's validation message in @label (hidden while there is none) and
 * marks the field of @fields it names. */
void ps_gui_show_document_error (GtkWidget *label, PsFieldSet *fields, PsDocument *document);

/* The probability density of @dist at @x, from its CDF by a central difference. */
double ps_gui_dist_density (const void *dist, double x, double h);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsFieldSet, ps_field_set_free)

G_END_DECLS
