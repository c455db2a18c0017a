#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-error.h"
#include "ps-machine.h"
#include "ps-param.h"

guint64
ps_memory_budget (void)
{
  guint64 memory = ps_machine_get ()->memory_bytes;

  return memory > 0 ? memory / 4 : G_GUINT64_CONSTANT (1) << 30;
}

void
ps_param_init_value (PsParam *param, PsQuantity quantity, double value)
{
  param->kind = PS_PARAM_VALUE;
  param->quantity = quantity;
  param->log_scale = FALSE;
  param->count = 1;
  param->values = g_new (double, 1);
  param->values[0] = value;
}

void
ps_param_clear (PsParam *param)
{
  g_clear_pointer (&param->values, g_free);
  param->count = 0;
}

static gboolean
check_allocation (const char *path, guint64 count, GError **error)
{
  /* One parameter may take a quarter of the study's memory budget; the grid's other
   * tables need the rest. Checked before anything is allocated. */
  guint64 budget = ps_memory_budget () / 4;
  double need_bytes = (double)count * (double)sizeof (double);

  if (count > PS_PARAM_MAX_VALUES || need_bytes > (double)budget)
    {
      g_autofree char *need = NULL;
      g_autofree char *have = g_format_size_full (budget, G_FORMAT_SIZE_IEC_UNITS);

      if (need_bytes < 1e18)
        need = g_format_size_full ((guint64)need_bytes, G_FORMAT_SIZE_IEC_UNITS);
      else
        need = g_strdup_printf (_ ("%.3g bytes"), need_bytes);
      ps_json_set_error (error, path,
                         _ ("%llu values need %s of memory, more than this machine "
                            "allows for one parameter (%s)"),
                         (unsigned long long)count, need, have);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_range (JsonObject *obj, const char *path, PsQuantity quantity, PsCheck check, PsParam *param,
             GError **error)
{
  static const char *const keys[] = { "from", "to", "steps", "scale", NULL };
  const char *scale = NULL;
  double from = 0, to = 0;
  gint64 steps = 0;
  g_autofree char *steps_path = ps_json_path (path, "steps");

  if (!ps_json_check_keys (obj, path, keys, error)
      || !ps_json_get_quantity (obj, path, "from", TRUE, quantity, check, &from, error)
      || !ps_json_get_quantity (obj, path, "to", TRUE, quantity, check, &to, error)
      || !ps_json_get_int (obj, path, "steps", TRUE, 1, G_MAXINT64, &steps, error)
      || !ps_json_get_string (obj, path, "scale", FALSE, &scale, error))
    return FALSE;

  if (scale != NULL && g_strcmp0 (scale, "linear") != 0 && g_strcmp0 (scale, "log") != 0)
    {
      g_autofree char *p = ps_json_path (path, "scale");

      ps_json_set_error (error, p, _ ("expected \"linear\" or \"log\", got \"%s\""), scale);
      return FALSE;
    }
  param->log_scale = g_strcmp0 (scale, "log") == 0;
  if (param->log_scale && !(from > 0 && to > 0))
    {
      ps_json_set_error (error, path, _ ("a log range needs from > 0 and to > 0 (got %g and %g)"),
                         from, to);
      return FALSE;
    }
  if (!check_allocation (steps_path, (guint64)steps, error))
    return FALSE;

  param->kind = PS_PARAM_RANGE;
  param->count = (guint64)steps;
  param->values = g_try_new (double, param->count);
  if (param->values == NULL)
    {
      ps_json_set_error (error, steps_path, _ ("not enough memory for %lld values"),
                         (long long)steps);
      return FALSE;
    }
  for (guint64 k = 0; k < param->count; k++)
    {
      double t = param->count == 1 ? 0.0 : (double)k / (double)(param->count - 1);
      double v;

      if (k + 1 == param->count && param->count > 1)
        v = to;
      else if (param->log_scale)
        v = exp (log (from) + (log (to) - log (from)) * t);
      else
        v = from + (to - from) * t;
      param->values[k] = v;
    }
  return TRUE;
}

gboolean
ps_param_parse (JsonNode *node, const char *path, PsQuantity quantity, PsCheck check,
                PsParam *param, GError **error)
{
  param->quantity = quantity;
  param->log_scale = FALSE;
  param->values = NULL;
  param->count = 0;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return parse_range (json_node_get_object (node), path, quantity, check, param, error);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0)
        {
          ps_json_set_error (error, path, _ ("an empty list (expected at least one value)"));
          return FALSE;
        }
      param->kind = PS_PARAM_LIST;
      param->count = n;
      param->values = g_new (double, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);

          if (!ps_json_node_quantity (json_array_get_element (array, i), p, quantity, check,
                                      &param->values[i], error))
            {
              ps_param_clear (param);
              return FALSE;
            }
        }
      return TRUE;
    }

  param->kind = PS_PARAM_VALUE;
  param->count = 1;
  param->values = g_new (double, 1);
  if (!ps_json_node_quantity (node, path, quantity, check, &param->values[0], error))
    {
      ps_param_clear (param);
      return FALSE;
    }
  return TRUE;
}
