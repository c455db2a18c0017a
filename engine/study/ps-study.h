/* ps-study.h: a study, loaded from its JSON file.
 *
 * A study is N independent items. Its kind (study/ps-kind.h) evaluates any range of
 * items into a partial summary (and, when asked, result rows); partial summaries are
 * merged in item order. Backends only decide who evaluates which range, so every
 * backend and worker count gives the same answer.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-fmt.h"

G_BEGIN_DECLS

#define PS_FORMAT_VERSION 1

typedef enum
{
  PS_ROWS_NONE,
  PS_ROWS_PASSING,
  PS_ROWS_ALL,
} PsRowsMode;

typedef struct _PsStudy PsStudy;
typedef struct _PsKindClass PsKindClass;
typedef struct _PsReportMeta PsReportMeta; /* report/ps-report.h */

/* The first item errors of a range, in item order, and how many there were. */
#define PS_MAX_REPORTED_ERRORS 100

typedef struct
{
  guint64 item;
  char *message;
} PsItemError;

typedef struct
{
  guint64 count;
  GArray *first; /* PsItemError, at most PS_MAX_REPORTED_ERRORS */
} PsErrors;

void ps_errors_init (PsErrors *errors);
void ps_errors_clear (PsErrors *errors);
void ps_errors_add (PsErrors *errors, guint64 item, char *message /* owned */);
/* Appends @next, which covers later items than @acc. Empties @next. */
void ps_errors_merge (PsErrors *acc, PsErrors *next);

PsStudy *ps_study_load_file (const char *path, GError **error);
PsStudy *ps_study_load_data (const char *data, gssize length, GError **error);
/* As ps_study_load_data(), for the text of the file @path (relative paths inside the
 * study are taken from its folder); @path may be NULL. */
PsStudy *ps_study_load_data_at (const char *data, gssize length, const char *path, GError **error);
void ps_study_free (PsStudy *study);
/* Makes the study @n_items items long, for scaling runs: more (or fewer) Monte Carlo
 * samples, or, for kinds with a fixed set of items, item i evaluated as item
 * i mod N of the study as written. Results then describe the scaled workload. */
gboolean ps_study_set_items (PsStudy *study, guint64 n_items, GError **error);
/* The study's kind (study/ps-kind.h), and its name ("beam"). */
const PsKindClass *ps_study_get_kind (const PsStudy *study);
const char *ps_study_get_kind_name (const PsStudy *study);
const char *ps_study_get_name (const PsStudy *study);
/* NULL when the file has none. */
const char *ps_study_get_description (const PsStudy *study);
/* The file it was loaded from, or NULL. */
const char *ps_study_get_path (const PsStudy *study);
/* The SHA-256 of the file's text, in hexadecimal. */
const char *ps_study_get_checksum (const PsStudy *study);
/* The file's text, for processes that load the study again. */
const char *ps_study_get_text (const PsStudy *study, gsize *length);
guint64 ps_study_get_n_items (const PsStudy *study);
/* The study file's "report" object (the report's title block), or NULL when it has
 * none. Every kind accepts it. */
const PsReportMeta *ps_study_get_report_meta (const PsStudy *study);
/* The kind's model, of the type its header declares (PsBeamModel…): for the kind's
 * own code, the backends, tests and benchmarks of its internals. */
gpointer ps_study_get_model (const PsStudy *study);
/* The study file's name without its folder and its ".json": "beam-grid" for
 * data/examples/beam-grid.json. Free with g_free(). */
char *ps_study_file_stem (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsStudy, ps_study_free)

G_END_DECLS
