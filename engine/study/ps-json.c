#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-error.h"
#include "ps-json.h"

char *
ps_json_path (const char *parent, const char *member)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (member);
  return g_strconcat (parent, ".", member, NULL);
}

void
ps_json_set_error (GError **error, const char *path, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (error == NULL)
    return;
  g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", path && *path ? path : _ ("(study)"),
               msg);
  if (*error != NULL)
    ps_error_set_json_path (*error, path != NULL ? path : "");
}

const char *
ps_json_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _ ("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _ ("a list");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _ ("a string");
    case G_TYPE_BOOLEAN:
      return _ ("a boolean");
    default:
      return _ ("a number");
    }
}

gboolean
ps_json_check_keys (JsonObject *object, const char *path, const char *const *allowed,
                    GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (allowed, key))
        {
          g_autofree char *p = ps_json_path (path, key);
          g_autofree char *list = g_strjoinv (", ", (char **)allowed);

          ps_json_set_error (error, p, _ ("unknown key (expected one of: %s)"), list);
          return FALSE;
        }
    }
  return TRUE;
}

JsonObject *
ps_json_get_object (JsonObject *parent, const char *parent_path, const char *member,
                    gboolean required, GError **error)
{
  g_autofree char *p = ps_json_path (parent_path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        ps_json_set_error (error, p, _ ("missing (expected an object)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ps_json_set_error (error, p, _ ("expected an object, got %s"), ps_json_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
ps_json_get_string (JsonObject *parent, const char *parent_path, const char *member,
                    gboolean required, const char **out, GError **error)
{
  g_autofree char *p = ps_json_path (parent_path, member);
  JsonNode *node = json_object_get_member (parent, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          ps_json_set_error (error, p, _ ("missing (expected a string)"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ps_json_set_error (error, p, _ ("expected a string, got %s"), ps_json_type_name (node));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
ps_json_get_bool (JsonObject *parent, const char *parent_path, const char *member,
                  gboolean default_value, gboolean *out, GError **error)
{
  g_autofree char *p = ps_json_path (parent_path, member);
  JsonNode *node = json_object_get_member (parent, member);

  *out = default_value;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      ps_json_set_error (error, p, _ ("expected true or false, got %s"), ps_json_type_name (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
ps_json_get_int (JsonObject *parent, const char *parent_path, const char *member, gboolean required,
                 gint64 min, gint64 max, gint64 *out, GError **error)
{
  g_autofree char *p = ps_json_path (parent_path, member);
  JsonNode *node = json_object_get_member (parent, member);
  double v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          ps_json_set_error (error, p, _ ("missing (expected a whole number)"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      ps_json_set_error (error, p, _ ("expected a whole number, got %s"), ps_json_type_name (node));
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    v = (double)json_node_get_int (node);
  else
    v = json_node_get_double (node);
  if (!isfinite (v) || v != floor (v))
    {
      ps_json_set_error (error, p, _ ("expected a whole number, got %g"), v);
      return FALSE;
    }
  /* 2^63 and above do not fit a gint64 (and (double) G_MAXINT64 rounds up to 2^63). */
  if (v >= 9223372036854775808.0 || v < -9223372036854775808.0)
    {
      ps_json_set_error (error, p, _ ("must be ≤ %lld (got %.17g)"), (long long)max, v);
      return FALSE;
    }
  if (v < (double)min)
    {
      ps_json_set_error (error, p, _ ("must be ≥ %lld (got %.0f)"), (long long)min, v);
      return FALSE;
    }
  if (v > (double)max)
    {
      ps_json_set_error (error, p, _ ("must be ≤ %lld (got %.0f)"), (long long)max, v);
      return FALSE;
    }
  *out = json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : (gint64)v;
  return TRUE;
}

gboolean
ps_json_node_quantity (JsonNode *node, const char *path, PsQuantity quantity, PsCheck check,
                       double *out, GError **error)
{
  double v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      ps_json_set_error (error, path, _ ("missing (expected %s such as %s)"),
                         ps_quantity_name (quantity), ps_quantity_example (quantity));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *msg = NULL;

      if (!ps_units_parse_quantity (json_node_get_string (node), quantity, &v, &msg))
        {
          ps_json_set_error (error, path, "%s", msg);
          return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node)
           && (json_node_get_value_type (node) == G_TYPE_DOUBLE
               || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      v = json_node_get_double (node);
    }
  else
    {
      ps_json_set_error (error, path, _ ("expected %s such as %s, got %s"),
                         ps_quantity_name (quantity), ps_quantity_example (quantity),
                         ps_json_type_name (node));
      return FALSE;
    }
  if (!isfinite (v))
    {
      ps_json_set_error (error, path, _ ("must be a finite number"));
      return FALSE;
    }
  if (check == PS_CHECK_POSITIVE && !(v > 0))
    {
      ps_json_set_error (error, path, _ ("must be > 0 (got %g%s%s)"), v,
                         *ps_quantity_si_unit (quantity) ? " " : "",
                         ps_quantity_si_unit (quantity));
      return FALSE;
    }
  if (check == PS_CHECK_NON_NEGATIVE && !(v >= 0))
    {
      ps_json_set_error (error, path, _ ("must be ≥ 0 (got %g%s%s)"), v,
                         *ps_quantity_si_unit (quantity) ? " " : "",
                         ps_quantity_si_unit (quantity));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
ps_json_get_quantity (JsonObject *parent, const char *parent_path, const char *member,
                      gboolean required, PsQuantity quantity, PsCheck check, double *out,
                      GError **error)
{
  g_autofree char *p = ps_json_path (parent_path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && !required)
    return TRUE;
  return ps_json_node_quantity (node, p, quantity, check, out, error);
}

void
ps_json_add_number (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

/* json-glib (1.6) writes a double with "%.17g" and appends ".0" when the text has no
 * decimal point, so 1e-08 comes out as "1e-08.0", which is not JSON (RFC 8259, section
 * 6). Outside strings, a number's ".0" after an exponent is dropped, in place. */
static void
fix_exponent_numbers (char *text)
{
  gboolean in_string = FALSE, in_exponent = FALSE;
  char *out = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            *out++ = *p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE, in_exponent = FALSE;
      else if ((*p == 'e' || *p == 'E') && out > text && g_ascii_isdigit (out[-1]))
        in_exponent = TRUE;
      else if (in_exponent && *p == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
        {
          p++;
          in_exponent = FALSE;
          continue;
        }
      else if (!g_ascii_isdigit (*p) && *p != '+' && *p != '-')
        in_exponent = FALSE;
      *out++ = *p;
    }
  *out = '\0';
}

char *
ps_json_builder_to_data (JsonBuilder *builder, gboolean pretty)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *text;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  fix_exponent_numbers (text);
  return text;
}
