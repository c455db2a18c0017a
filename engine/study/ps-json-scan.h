/* ps-json-scan.h: what a study file's JSON must not do, checked before it is parsed.
 *
 * json-glib builds the document recursively (a file of 80,000 nested "[" overflows the
 * stack), keeps the last of two members with the same name, cuts a key at an escaped
 * U+0000 ("span\u0000junk" becomes a second "span"), reads an integer beyond 64 bits as
 * -1, and spends tens of bytes per value. ps_json_scan() refuses those before json-glib
 * sees the text, in one pass without recursion, with the JSON path and the line and
 * column: nesting deeper than PS_JSON_MAX_DEPTH, duplicate keys, U+0000 in a string,
 * numbers out of range, a list longer than PS_JSON_MAX_LIST (a sweep that long is a
 * range) and more than PS_JSON_MAX_VALUES values in all (which bounds the memory the
 * document takes). Other syntax errors are left to json-glib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_JSON_MAX_DEPTH 256
#define PS_JSON_MAX_LIST G_GUINT64_CONSTANT (1000000)
#define PS_JSON_MAX_VALUES G_GUINT64_CONSTANT (4000000)

typedef struct
{
  guint max_depth;
  guint64 max_list;
  guint64 max_values;
} PsJsonScanLimits;

void ps_json_scan_limits_init (PsJsonScanLimits *limits);
/* @limits NULL: the defaults above. */
gboolean ps_json_scan (const char *text, gssize length, const PsJsonScanLimits *limits,
                       GError **error);

G_END_DECLS
