/* ps-study.h: a study, loaded from its JSON file, and the interface every study
 * kind implements.
 *
 * A study is N independent items. A kind evaluates any range of items into a
 * partial summary (and, when asked, result rows); partial summaries are merged in
 * item order. Backends only decide who evaluates which range, so every backend and
 * worker count gives the same answer.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-fmt.h"

G_BEGIN_DECLS

#define PS_FORMAT_VERSION 1

typedef enum
{
  PS_STUDY_BEAM,
  PS_STUDY_RELIABILITY,
  PS_STUDY_REGRESSION,
  PS_STUDY_EMPTY, /* items that cost nothing: for measuring the backends (bench/) */
} PsStudyKind;

typedef enum
{
  PS_ROWS_NONE,
  PS_ROWS_PASSING,
  PS_ROWS_ALL,
} PsRowsMode;

typedef struct _PsStudy PsStudy;
typedef struct _PsKindClass PsKindClass;

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

struct _PsKindClass
{
  const char *name;
  gsize summary_size;
  /* Items per chunk. A function of the study only, never of the backend or the
   * worker count, so that merges happen at the same boundaries everywhere. */
  guint64 (*chunk_items) (const PsStudy *study);
  gpointer (*workspace_new) (const PsStudy *study);
  void (*workspace_free) (gpointer workspace);
  void (*summary_init) (const PsStudy *study, gpointer summary);
  /* Evaluates items [begin, end) into @summary (initialised by the caller) and
   * appends rows to @rows when @mode is not PS_ROWS_NONE. No allocation per item. */
  void (*eval) (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end,
                gpointer summary, PsErrors *errors, PsRowsMode mode, PsBuf *rows);
  /* @acc = @acc followed by @next (later items). */
  void (*merge) (const PsStudy *study, gpointer acc, gconstpointer next);
  /* NULL for kinds without per-item rows. */
  void (*write_header) (const PsStudy *study, PsBuf *buf);
  void (*summary_to_json) (const PsStudy *study, gconstpointer summary, JsonBuilder *builder);
  void (*summary_to_text) (const PsStudy *study, gconstpointer summary, GString *out);
  /* Optional: asked after each commit with the summary of every item so far, in
   * item order. TRUE ends the run there (adaptive stopping): the items used are the
   * same on every backend because commits happen in order. */
  gboolean (*is_done) (const PsStudy *study, gconstpointer summary, double elapsed);
  /* Optional: extra result files (e.g. convergence.csv) written into @dir, each
   * atomically, after a successful run. */
  gboolean (*write_outputs) (const PsStudy *study, gconstpointer summary, const char *dir,
                             GError **error);
  /* Optional: makes the study @n_items items long (weak and size scaling runs), for
   * kinds whose items are open-ended (Monte Carlo sample blocks). Without it the
   * items repeat cyclically (see ps_study_set_items()). */
  gboolean (*set_items) (PsStudy *study, guint64 n_items, GError **error);
};

struct _PsStudy
{
  PsStudyKind kind;
  char *name;
  char *description;
  char *path;     /* the file it came from, or NULL */
  char *checksum; /* SHA-256 of the file's text */
  char *text;     /* the file's text, for processes that load the study again */
  gsize text_length;
  guint64 n_items;
  guint64 cycle_items; /* 0, or the item count as written when items repeat cyclically */
  const PsKindClass *klass;
  gpointer model;
  GDestroyNotify model_free;
};

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
const char *ps_study_kind_name (PsStudyKind kind);
/* The study file's name without its folder and its ".json": "beam-grid" for
 * data/examples/beam-grid.json. Free with g_free(). */
char *ps_study_file_stem (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsStudy, ps_study_free)

G_END_DECLS

G_BEGIN_DECLS
/* The example study file of a kind ("beam"), or NULL. */
const char *ps_study_example (const char *kind);
G_END_DECLS
