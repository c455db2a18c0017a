/* ps-study-private.h: the study's fields, for the kinds that fill them
 * (PsKindClass.init), the run and the backends. Front ends use the getters of
 * study/ps-study.h. */
#pragma once

#include "study/ps-study.h"

G_BEGIN_DECLS

struct _PsStudy
{
  const PsKindClass *klass;
  char *name;
  char *description;
  char *path;     /* the file it came from, or NULL */
  char *checksum; /* SHA-256 of the file's text */
  char *text;     /* the file's text, for processes that load the study again */
  gsize text_length;
  guint64 n_items;
  guint64 cycle_items;       /* 0, or the item count as written when items repeat cyclically */
  PsReportMeta *report_meta; /* the "report" object, or NULL */
  gpointer model;
  GDestroyNotify model_free;
  gboolean internal; /* loaded by ps_study_load_internal(): engine_keys allowed */
};

/* As ps_study_load_data_at(), for a text the engine wrote or already checked: the
 * round studies of a study that runs in rounds (PsKindClass.rounds_next), and the
 * text of a loaded study sent to worker processes and MPI ranks. Accepts the kind's
 * engine_keys, which a user's file may not have. */
PsStudy *ps_study_load_internal (const char *data, gssize length, const char *path, GError **error);
/* Whether @study was loaded by ps_study_load_internal(), for PsKindClass.init. */
gboolean ps_study_is_internal (const PsStudy *study);

G_END_DECLS
