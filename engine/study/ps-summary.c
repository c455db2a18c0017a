#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <stdarg.h>

#include "study/ps-summary.h"
#include "study/ps-text.h"

static void
row_free (gpointer data)
{
  PsSummaryRow *r = data;

  g_free (r->key);
  g_free (r->label);
  g_free (r->text);
  g_free (r);
}

GPtrArray *
ps_summary_rows_new (void)
{
  return g_ptr_array_new_with_free_func (row_free);
}

PsSummaryRow *
ps_summary_add (GPtrArray *rows, const char *key, const char *label, PsSummaryType type,
                const char *unit, char *text)
{
  PsSummaryRow *r = g_new0 (PsSummaryRow, 1);

  r->key = g_strdup (key);
  r->label = g_strdup (label);
  r->type = type;
  r->values[0] = r->values[1] = r->values[2] = NAN;
  r->unit = unit != NULL ? unit : "";
  r->text = text != NULL ? text : g_strdup ("");
  g_ptr_array_add (rows, r);
  return r;
}

PsSummaryRow *
ps_summary_add_values (GPtrArray *rows, const char *key, const char *label, PsSummaryType type,
                       const char *unit, char *text, ...)
{
  PsSummaryRow *r = ps_summary_add (rows, key, label, type, unit, text);
  guint n = type == PS_SUMMARY_ESTIMATE ? 3
            : type == PS_SUMMARY_RANGE  ? 2
            : type == PS_SUMMARY_TEXT   ? 0
                                        : 1;
  va_list ap;

  va_start (ap, text);
  for (guint i = 0; i < n; i++)
    r->values[i] = va_arg (ap, double);
  va_end (ap);
  return r;
}

void
ps_summary_rows_to_text (GPtrArray *rows, GString *out)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PsSummaryRow *r = g_ptr_array_index (rows, i);

      ps_text_label (out, r->label);
      g_string_append (out, r->text);
      g_string_append_c (out, '\n');
    }
}

void
ps_summary_add_screen_count (GPtrArray *rows, JsonObject *o, const char *member, const char *label)
{
  gint64 v = json_object_get_int_member_with_default (o, member, -1);

  if (v < 0)
    return;
  ps_summary_add_values (rows, member, label, PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%'" G_GINT64_FORMAT, v), (double)v);
}

void
ps_summary_add_screen_number (GPtrArray *rows, JsonObject *o, const char *member, const char *label,
                              double scale, const char *unit, const char *si_unit)
{
  double v = ps_summary_get_number (o, member);
  char *text;

  if (isnan (v) && !json_object_has_member (o, member))
    return;
  text = isfinite (v) ? g_strdup_printf ("%.6g %s", v * scale, unit) : g_strdup ("—");
  ps_summary_add_values (rows, member, label, PS_SUMMARY_NUMBER, si_unit, g_strstrip (text), v);
}

void
ps_summary_add_generic (GPtrArray *rows, JsonObject *s)
{
  static const char *const skip[] = { "parastudy_version",
                                      "study",
                                      "kind",
                                      "study_file",
                                      "study_sha256",
                                      "items",
                                      "backend",
                                      "workers",
                                      "chunk_items",
                                      "chunks",
                                      "started",
                                      "wall_seconds",
                                      "cpu_seconds",
                                      "peak_rss_bytes",
                                      "workers_cpu_seconds",
                                      "workers_peak_rss_bytes",
                                      NULL };
  g_autoptr (GList) members = json_object_get_members (s);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (s, l->data);

      if (g_strv_contains (skip, l->data) || !JSON_NODE_HOLDS_VALUE (n))
        continue;
      if (json_node_get_value_type (n) == G_TYPE_STRING)
        ps_summary_add (rows, l->data, l->data, PS_SUMMARY_TEXT, "",
                        g_strdup (json_node_get_string (n)));
      else if (json_node_get_value_type (n) == G_TYPE_INT64)
        ps_summary_add_values (rows, l->data, l->data, PS_SUMMARY_COUNT, "",
                               g_strdup_printf ("%'" G_GINT64_FORMAT, json_node_get_int (n)),
                               (double)json_node_get_int (n));
      else
        ps_summary_add_values (rows, l->data, l->data, PS_SUMMARY_NUMBER, "",
                               g_strdup_printf ("%.6g", json_node_get_double (n)),
                               json_node_get_double (n));
    }
}

double
ps_summary_get_number (JsonObject *o, const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return NAN;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (n);
    default:
      return NAN;
    }
}

guint64
ps_summary_get_count (JsonObject *o, const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return 0;
  return (guint64)json_node_get_int (n);
}

const char *
ps_summary_get_string (JsonObject *o, const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return "";
  return json_node_get_string (n);
}

JsonObject *
ps_summary_get_object (JsonObject *o, const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

JsonArray *
ps_summary_get_array (JsonObject *o, const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}
