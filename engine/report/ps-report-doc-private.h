/* ps-report-doc-private.h: what the report and the export share inside
 * engine/report/. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef void (*PsReportLeafFunc) (const char *path, JsonNode *node, gpointer data);

/* Calls @func for every leaf of @node with its JSON path ("beam.span.from"); an array
 * of plain values is one leaf, arrays of objects are walked (their first 50 elements),
 * down to six levels. */
void ps_report_json_leaves (JsonNode *node, const char *path, guint depth, PsReportLeafFunc func,
                            gpointer data);

G_END_DECLS
