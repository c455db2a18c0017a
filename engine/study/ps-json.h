/* ps-json.h: reading study files with errors that name the JSON path.
 *
 * Every getter takes the path of the member it reads ("beam.section.h") and on
 * failure sets a PS_ERROR_INVALID error of the form "PATH: what was expected", with
 * the path attached as data (ps_error_get_json_path()).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-units.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CHECK_FINITE,
  PS_CHECK_POSITIVE,
  PS_CHECK_NON_NEGATIVE,
} PsCheck;

char *ps_json_path (const char *parent, const char *member);

void ps_json_set_error (GError **error, const char *path, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

const char *ps_json_type_name (JsonNode *node);

gboolean ps_json_check_keys (JsonObject *object, const char *path, const char *const *allowed,
                             GError **error);

JsonObject *ps_json_get_object (JsonObject *parent, const char *parent_path, const char *member,
                                gboolean required, GError **error);

gboolean ps_json_get_string (JsonObject *parent, const char *parent_path, const char *member,
                             gboolean required, const char **out, GError **error);

gboolean ps_json_get_bool (JsonObject *parent, const char *parent_path, const char *member,
                           gboolean default_value, gboolean *out, GError **error);

gboolean ps_json_get_int (JsonObject *parent, const char *parent_path, const char *member,
                          gboolean required, gint64 min, gint64 max, gint64 *out, GError **error);

/* A number (SI) or a string with a unit, checked. */
gboolean ps_json_node_quantity (JsonNode *node, const char *path, PsQuantity quantity,
                                PsCheck check, double *out, GError **error);

gboolean ps_json_get_quantity (JsonObject *parent, const char *parent_path, const char *member,
                               gboolean required, PsQuantity quantity, PsCheck check, double *out,
                               GError **error);

/* Adds a member holding @v, or null when @v is not finite (JSON has no NaN or inf). */
void ps_json_add_number (JsonBuilder *builder, const char *name, double v);

/* The text of what @builder built: indented by 2 when @pretty, one line otherwise. */
char *ps_json_builder_to_data (JsonBuilder *builder, gboolean pretty);

G_END_DECLS
