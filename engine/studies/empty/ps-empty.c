/* ps-empty.c: a study kind whose items cost nothing, for measuring what a backend
 * spends per chunk (bench/dispatch). Not a study an engineer writes:
 *
 *   { "parastudy": 1, "kind": "empty", "name": "...", "items": 1000, "chunk_items": 1 }
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-error.h"
#include "studies/empty/ps-empty.h"
#include "study/ps-json.h"
#include "study/ps-study-private.h"

typedef struct
{
  guint64 chunk_items;
} EmptyModel;

typedef struct
{
  guint64 items;
  guint64 item_sum; /* the sum of the item indices: checks that every item ran once */
} EmptySummary;

static guint64
empty_chunk_items (const PsStudy *study)
{
  return ((const EmptyModel *)study->model)->chunk_items;
}

static gpointer
empty_workspace_new (const PsStudy *study)
{
  return NULL;
}

static void
empty_workspace_free (gpointer workspace)
{
}

static void
empty_summary_init (const PsStudy *study, gpointer summary)
{
  EmptySummary *s = summary;

  s->items = 0;
  s->item_sum = 0;
}

static void
empty_eval (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end, gpointer summary,
            PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  EmptySummary *s = summary;

  s->items += end - begin;
  s->item_sum += (begin + end - 1) * (end - begin) / 2;
}

static void
empty_merge (const PsStudy *study, gpointer acc, gconstpointer next)
{
  EmptySummary *a = acc;
  const EmptySummary *n = next;

  a->items += n->items;
  a->item_sum += n->item_sum;
}

static void
empty_summary_to_json (const PsStudy *study, gconstpointer summary, JsonBuilder *b)
{
  const EmptySummary *s = summary;

  json_builder_set_member_name (b, "evaluated");
  json_builder_add_int_value (b, (gint64)s->items);
  json_builder_set_member_name (b, "item_sum");
  json_builder_add_int_value (b, (gint64)s->item_sum);
}

static gboolean
empty_init (PsStudy *study, JsonObject *root, GError **error)
{
  EmptyModel *m = g_new0 (EmptyModel, 1);
  gint64 items = 0, chunk = 1;

  study->model = m;
  study->model_free = g_free;
  if (!ps_json_get_int (root, "", "items", TRUE, 1, G_MAXINT64, &items, error)
      || !ps_json_get_int (root, "", "chunk_items", FALSE, 1, G_MAXINT64, &chunk, error))
    return FALSE;
  m->chunk_items = (guint64)chunk;
  study->n_items = (guint64)items;
  return TRUE;
}

static void
empty_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  guint64 n = ps_summary_get_count (summary, "evaluated");

  if (view == PS_SUMMARY_TERMINAL)
    ps_summary_add_values (rows, "evaluated", "evaluated", PS_SUMMARY_COUNT, "",
                           g_strdup_printf ("%" G_GUINT64_FORMAT " empty items", n), (double)n);
  else if (view == PS_SUMMARY_SCREEN)
    ps_summary_add_generic (rows, summary);
}

static const char *const top_level_keys[]
    = { "parastudy", "kind", "name", "description", "items", "chunk_items", NULL };

const PsKindClass ps_empty_class = {
  .name = "empty",
  .hidden = TRUE,
  .top_level_keys = top_level_keys,
  .init = empty_init,
  .summary_size = sizeof (EmptySummary),
  .chunk_items = empty_chunk_items,
  .workspace_new = empty_workspace_new,
  .workspace_free = empty_workspace_free,
  .summary_init = empty_summary_init,
  .eval = empty_eval,
  .merge = empty_merge,
  .summary_to_json = empty_summary_to_json,
  .summary_rows = empty_summary_rows,
};
