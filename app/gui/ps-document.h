/* ps-document.h: one open study in the application.
 *
 * The document is the study file's JSON tree; the form editors are views that edit
 * members of it. After every edit the tree is validated by the engine (the same
 * ps_study_load_data() the command line uses), so the configuration count, the
 * error and the JSON path it names always describe what Save would write.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "parastudy.h"

G_BEGIN_DECLS

#define PS_TYPE_DOCUMENT (ps_document_get_type ())
G_DECLARE_FINAL_TYPE (PsDocument, ps_document, PS, DOCUMENT, GObject)

PsDocument *ps_document_new_from_data (const char *data, GFile *file, GError **error);
PsDocument *ps_document_new_from_file (GFile *file, GError **error);

JsonObject *ps_document_get_root (PsDocument *self);
GFile *ps_document_get_file (PsDocument *self);
const char *ps_document_get_title (PsDocument *self);
gboolean ps_document_get_dirty (PsDocument *self);
/* "beam", "reliability", "regression" or NULL. */
const char *ps_document_get_kind (PsDocument *self);

/* Call after editing the tree: marks it modified, validates it and emits ::changed. */
void ps_document_changed (PsDocument *self);

/* A form field whose text cannot be turned into JSON reports its reason here (NULL
 * clears it); @field is the JSON path it edits. */
void ps_document_set_field_error (PsDocument *self, const char *field, const char *reason);

/* The study as validated after the last edit, or NULL (borrowed). */
const PsStudy *ps_document_get_study (PsDocument *self);
/* The engine's validation message ("beam.span.steps: must be ≥ 1 (got 0)"), or NULL. */
const char *ps_document_get_error (PsDocument *self);
/* The JSON path the validation message names, or NULL. */
const char *ps_document_get_error_path (PsDocument *self);
/* The validation path, or NULL where it names a field whose text is invalid (the
 * engine then checked that field's old value). */
const char *ps_document_get_current_error_path (PsDocument *self);
/* Every problem, one a line: each field whose text is invalid, in path order, then
 * the engine's message unless it is about such a field; NULL when there is none. */
char *ps_document_dup_problems (PsDocument *self);
/* Why the study cannot run now (every problem, one a line), or NULL. */
char *ps_document_dup_blocker (PsDocument *self);
/* A new copy of the validated study to hand to a run (owned). */
PsStudy *ps_document_dup_study (PsDocument *self, GError **error);

char *ps_document_dup_json (PsDocument *self);
/* Replaces the whole tree with @text, the study file as the Source view edits it.
 * FALSE with @error, the document unchanged, when @text is not a JSON object;
 * @line and @column (from 1; 0 where unknown) say where the text is wrong. Otherwise
 * the tree is validated as after a form's edit: ::replaced (views rebuild from the new
 * tree), then ::changed; text equal to the tree changes nothing. */
gboolean ps_document_set_json (PsDocument *self, const char *text, guint *line, guint *column,
                               GError **error);
/* The file name Save As proposes: the file's, else the title ("New beam study.json"). */
char *ps_document_dup_file_name (PsDocument *self);
gboolean ps_document_save (PsDocument *self, GFile *file, GError **error);

/* The last finished run. */
typedef struct
{
  char *dir;          /* where summary.json and results.csv were written */
  char *summary_json; /* the engine's summary.json text */
  char *summary_text; /* ps_run_summary_text() */
  JsonNode *summary;  /* summary_json parsed */
  char *backend;
  int workers;
  double wall_seconds;
  /* Cancelled part way: the summary is of the items done (summary.json "stopped"). */
  gboolean stopped;
} PsDocumentResult;

const PsDocumentResult *ps_document_get_result (PsDocument *self);
/* Takes @result. */
void ps_document_set_result (PsDocument *self, PsDocumentResult *result);
void ps_document_result_free (PsDocumentResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsDocumentResult, ps_document_result_free)

G_END_DECLS
