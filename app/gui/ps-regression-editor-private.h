/* ps-regression-editor-private.h: the regression form's state, shared by its files.
 *
 * ps-regression-editor.c holds the type, the status line and field errors, the
 * elastic fit and the summary options; ps-regression-editor-fields.c the fields
 * that each edit one JSON member and the synthetic distributions;
 * ps-regression-editor-source.c the choice of source and input, the file chooser
 * and the preview of the first file.
 */
#pragma once

#include "ps-gui-util.h"
#include "ps-regression-editor.h"

G_BEGIN_DECLS

/* The width of the labels in front of the fields, in characters. */
#define LABEL_CHARS 16

typedef enum
{
  F_TEXT,     /* a string */
  F_COLUMN,   /* a header name, or a column number from 1 */
  F_QUANTITY, /* a number in the display unit, or with its own unit: SI in the file */
  F_RATIO,    /* a strain or a fraction, in the display unit ("%") or with its own */
  F_INT,      /* a spin button */
  F_CHOICE,   /* a drop-down of values */
} FieldKind;

/* One form field that edits one JSON member on its own. */
typedef struct
{
  PsRegressionEditor *self;
  char *path;
  FieldKind kind;
  PsQuantity quantity;
  const char *unit; /* display unit (F_QUANTITY, F_RATIO) */
  const char *def;  /* shown when the member is missing (F_TEXT, F_COLUMN, F_CHOICE) */
  double def_num;   /* the same for F_INT */
  gboolean optional;
  gboolean preview; /* a change reloads the preview */
  GtkWidget *widget;
} Field;

/* A distribution of the synthetic generator: constant (a plain value) or an object. */
typedef struct
{
  PsRegressionEditor *self;
  const char *member; /* "E", "yield", "noise_sd" */
  const char *unit;
  GtkWidget *kind;
  GtkWidget *mean;
  GtkWidget *sd;
} DistRow;

struct _PsRegressionEditor
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;   /* engine errors → widgets */
  GHashTable *widgets;  /* path → widget (borrowed) */
  GPtrArray *all;       /* Field */
  GHashTable *bad;      /* path → message: fields whose text does not read */
  GHashTable *mismatch; /* path → message: names the preview did not find */
  JsonObject *stash;    /* what a switch of source, input or window put aside */
  gboolean loading;
  /* A CSV source without a specimen column whose path is neither a folder nor a
   * file yet: the kind chosen last (a folder, or one file of one specimen). */
  gboolean one_specimen_file;
  GtkNativeDialog *chooser;
  DistRow dists[3];

  /* Template children. */
  GtkWidget *name_entry;
  GtkWidget *description_entry;
  GtkWidget *source_type;
  GtkWidget *source_stack;
  GtkWidget *pattern_row;
  GtkWidget *specimen_row;
  GtkWidget *input;
  GtkWidget *column_rows[4]; /* strain, stress, displacement, force: label, entry, unit */
  GtkWidget *force_rows;
  GtkWidget *preview_frame;
  GtkWidget *preview;
  GtkWidget *window_type;
  GtkWidget *window_range_row;
  GtkWidget *window_range;
  GtkWidget *window_from;
  GtkWidget *window_to;
  GtkWidget *window_unit;
  GtkWidget *window_auto_note;
  GtkWidget *histogram;
  GtkWidget *hist_box;
  GtkWidget *hist_from;
  GtkWidget *hist_to;
  GtkWidget *hist_unit;
  GtkWidget *hist_bins;
  GtkWidget *count_label;
  GtkWidget *error_label;
};

/* ps-regression-editor.c */

/* Records (or, with NULL, clears) why the text of the field at @path cannot be
 * written; the document then refuses to run with that reason. */
void _ps_regression_editor_set_bad (PsRegressionEditor *self, const char *path,
                                    const char *message);
void _ps_regression_editor_clear_bad_under (PsRegressionEditor *self, const char *prefix);
/* The same for a column name the preview did not find in the header (@path:
 * "source.stress", "source.specimen_column"). */
void _ps_regression_editor_set_mismatch (PsRegressionEditor *self, const char *path,
                                         const char *message);

/* ps-regression-editor-fields.c */

JsonObject *_ps_regression_editor_root (PsRegressionEditor *self);
/* The "source" object, created when missing. */
JsonObject *_ps_regression_editor_source (PsRegressionEditor *self);
JsonNode *_ps_regression_editor_node_at (PsRegressionEditor *self, const char *path);
/* "0.2" in @unit (a strain unit; "" for a plain fraction) or "0.2 %" with a unit of
 * its own, as a ratio. */
gboolean _ps_regression_editor_parse_ratio (const char *text, const char *unit, double *out,
                                            char **message);
/* The text a ratio member is shown with, in @unit. */
char *_ps_regression_editor_ratio_text (JsonNode *n, const char *unit);
/* The text a quantity member is shown with, in @unit. */
char *_ps_regression_editor_quantity_text (JsonNode *n, PsQuantity quantity, const char *unit);
/* Makes @dd a drop-down of @values shown as @labels (translated; NULL: the values). */
void _ps_regression_editor_choice_setup (GtkWidget *dd, const char *const *values,
                                         const char *const *labels);
/* Puts an entry @label first in the drop-down @dd: the member left out (a unit the
 * file's units row gives). */
void _ps_regression_editor_choice_add_none (GtkWidget *dd, const char *label);
/* Shows "Auto" in @spin below 0. */
void _ps_regression_editor_auto_spin (GtkWidget *spin);
/* Shows @unit in @label as engineers write it ("mm²", not "mm^2"). */
void _ps_regression_editor_set_unit_label (GtkWidget *label, const char *unit);
/* @widget edits @path: engine errors at @path mark it. */
void _ps_regression_editor_register (PsRegressionEditor *self, const char *path, GtkWidget *widget);
/* @widget edits the member at @path on its own, as @kind says. */
Field *_ps_regression_editor_add_field (PsRegressionEditor *self, const char *path, FieldKind kind,
                                        GtkWidget *widget);
/* Fills the fields whose path starts with @prefix from the document. */
void _ps_regression_editor_load_fields (PsRegressionEditor *self, const char *prefix);
/* After an edit: the document validates it; @preview reads the preview again. */
void _ps_regression_editor_edited (PsRegressionEditor *self, gboolean preview);
/* The synthetic generator's distribution of @member in @d's widgets. */
void _ps_regression_editor_dist_setup (PsRegressionEditor *self, DistRow *d, const char *member,
                                       const char *unit);
void _ps_regression_editor_dist_load (DistRow *d);

/* ps-regression-editor-source.c */

void _ps_regression_editor_class_source_init (GtkWidgetClass *widget_class);
/* Shows the source of the file: its kind, its input and its fields. */
void _ps_regression_editor_source_load (PsRegressionEditor *self);
/* Reads the first rows of the source's first file again, and marks the column
 * names its header does not hold. */
void _ps_regression_editor_refresh_preview (PsRegressionEditor *self);

G_END_DECLS
