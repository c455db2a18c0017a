/* ps-param.h: a sweepable numeric parameter: a value, a list or a range.
 *
 * The values are materialised once (count doubles) so that the grid can be walked
 * without recomputing them; the grid itself (their product) never is.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-json.h"

G_BEGIN_DECLS

typedef enum
{
  PS_PARAM_VALUE,
  PS_PARAM_LIST,
  PS_PARAM_RANGE,
} PsParamKind;

typedef struct
{
  PsParamKind kind;
  PsQuantity quantity;
  gboolean log_scale;
  guint64 count;
  double *values; /* count values, SI */
} PsParam;

/* The most values one parameter may have: past this the study is refused before any
 * memory is allocated for it. */
#define PS_PARAM_MAX_VALUES (G_GUINT64_CONSTANT (1) << 32)

void ps_param_init_value (PsParam *param, PsQuantity quantity, double value);
gboolean ps_param_parse (JsonNode *node, const char *path, PsQuantity quantity, PsCheck check,
                         PsParam *param, GError **error);
void ps_param_clear (PsParam *param);

/* Bytes of memory this machine lets the study's tables take (a quarter of RAM). */
guint64 ps_memory_budget (void);

static inline double
ps_param_get (const PsParam *param, guint64 k)
{
  return param->values[k];
}

G_END_DECLS
