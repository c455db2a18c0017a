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
};

G_END_DECLS
