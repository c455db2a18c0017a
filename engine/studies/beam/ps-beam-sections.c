/* ps-beam-sections.c: the parser of beam.section entries (ps-beam-sections-private.h). */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-beam-sections-private.h"
#include "ps-fmt.h"
#include "study/ps-json.h"
#include "study/ps-param.h"

char *
ps_beam_csv_text (const char *s)
{
  GString *out;

  if (strpbrk (s, ",\"\n\r") == NULL)
    return g_strdup (s);
  out = g_string_new ("\"");
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
ps_beam_csv_number (double v)
{
  char buf[PS_FMT_MAX + 1];
  char *end;

  if (isnan (v))
    return g_strdup ("");
  end = ps_fmt_double (buf, v);
  *end = '\0';
  return g_strdup (buf);
}

void
ps_beam_section_csv (PsBeamSection *s)
{
  g_autofree char *label = ps_beam_csv_text (s->label);
  double f[] = { s->b, s->h, s->d, s->D, s->t, s->A, s->I, s->W };
  GString *out = g_string_new (label);

  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    {
      g_autofree char *v = ps_beam_csv_number (f[i]);

      g_string_append_c (out, ',');
      g_string_append (out, v);
    }
  s->csv_len = out->len;
  s->csv = g_string_free (out, FALSE);
}

const char *
ps_beam_section_shape (JsonNode *node, const char *path, GError **error)
{
  const char *shape = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ps_json_set_error (error, path, _ ("expected a section object with a \"shape\", got %s"),
                         ps_json_type_name (node));
      return NULL;
    }
  if (!ps_json_get_string (json_node_get_object (node), path, "shape", TRUE, &shape, error))
    return NULL;
  return shape;
}

gboolean
ps_beam_section_designations (JsonObject *obj, const char *path, GPtrArray *infos, GError **error)
{
  static const char *const keys[] = { "shape", "designation", NULL };
  JsonNode *dn = json_object_get_member (obj, "designation");
  g_autofree char *dpath = ps_json_path (path, "designation");
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  if (!ps_json_check_keys (obj, path, keys, error))
    return FALSE;
  if (dn != NULL && JSON_NODE_HOLDS_ARRAY (dn)
      && json_array_get_length (json_node_get_array (dn)) > 0)
    {
      JsonArray *a = json_node_get_array (dn);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              ps_json_set_error (error, dpath,
                                 _ ("expected a list of designations such as \"IPE 300\", "
                                    "element %u is %s"),
                                 i, ps_json_type_name (e));
              return FALSE;
            }
          g_ptr_array_add (names, (gpointer)json_node_get_string (e));
        }
    }
  else if (dn != NULL && JSON_NODE_HOLDS_VALUE (dn)
           && json_node_get_value_type (dn) == G_TYPE_STRING)
    g_ptr_array_add (names, (gpointer)json_node_get_string (dn));
  else
    {
      ps_json_set_error (error, dpath,
                         _ ("expected a designation such as \"IPE 300\", \"HEB 200\", "
                            "\"W460x74\" or \"UB 457 x 191 x 67\" (or a list), got %s"),
                         dn ? ps_json_type_name (dn) : _ ("nothing"));
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const PsSectionInfo *info = ps_sections_lookup (names->pdata[i]);

      if (info == NULL)
        {
          ps_json_set_error (error, dpath,
                             _ ("unknown section \"%s\" (the table has IPE, HEA, HEB, W, "
                                "UB and UC shapes; `parastudy-cli sections` lists them)"),
                             (const char *)names->pdata[i]);
          return FALSE;
        }
      g_ptr_array_add (infos, (gpointer)info);
    }
  return TRUE;
}

/* The parametric shapes: their keys, and the parameters in the order a section is
 * made from (custom's second is W or c, settled by the file). */
static const struct
{
  const char *shape;
  const char *const keys[6];
  guint n;
  const char *names[3];
  PsQuantity qty[3];
} shapes[] = {
  { "rectangular", { "shape", "b", "h", NULL }, 2, { "b", "h" }, { PS_QTY_LENGTH, PS_QTY_LENGTH } },
  { "circular", { "shape", "d", NULL }, 1, { "d" }, { PS_QTY_LENGTH } },
  { "hollow-circular",
    { "shape", "D", "t", NULL },
    2,
    { "D", "t" },
    { PS_QTY_LENGTH, PS_QTY_LENGTH } },
  { "chs", { "shape", "D", "t", NULL }, 2, { "D", "t" }, { PS_QTY_LENGTH, PS_QTY_LENGTH } },
  { "rhs",
    { "shape", "h", "b", "t", NULL },
    3,
    { "h", "b", "t" },
    { PS_QTY_LENGTH, PS_QTY_LENGTH, PS_QTY_LENGTH } },
  { "shs", { "shape", "b", "t", NULL }, 2, { "b", "t" }, { PS_QTY_LENGTH, PS_QTY_LENGTH } },
  { "custom",
    { "shape", "I", "W", "c", "A", NULL },
    3,
    { "I", "W", "A" },
    { PS_QTY_SECOND_MOMENT, PS_QTY_SECTION_MODULUS, PS_QTY_AREA } },
};

static gint
find_shape (const char *shape)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_str_equal (shapes[i].shape, shape))
      return (gint)i;
  return -1;
}

gboolean
ps_beam_section_is_parametric (const char *shape)
{
  return find_shape (shape) >= 0;
}

gboolean
ps_beam_section_grid (JsonObject *obj, const char *path, const char *shape, guint64 max_sections,
                      PsBeamSectionFunc add, gpointer user_data, guint64 *n_sections,
                      guint64 *n_invalid, GError **error)
{
  gint si = find_shape (shape);
  const char *names[3];
  PsQuantity qty[3];
  PsParam params[3] = { 0 };
  guint n;
  guint64 total = 1, idx[3] = { 0 }, invalid = 0;
  gboolean ok = TRUE, custom_c = FALSE;

  g_return_val_if_fail (si >= 0, FALSE);
  n = shapes[si].n;
  for (guint i = 0; i < n; i++)
    names[i] = shapes[si].names[i], qty[i] = shapes[si].qty[i];
  if (!ps_json_check_keys (obj, path, shapes[si].keys, error))
    return FALSE;
  if (g_str_equal (shape, "custom"))
    {
      gboolean has_w = json_object_has_member (obj, "W");

      if (has_w == json_object_has_member (obj, "c"))
        {
          ps_json_set_error (error, path,
                             _ ("a custom section needs exactly one of \"W\" "
                                "(section modulus) or \"c\" (distance to the extreme fibre)"));
          return FALSE;
        }
      custom_c = !has_w;
      if (custom_c)
        names[1] = "c", qty[1] = PS_QTY_LENGTH;
    }
  for (guint i = 0; i < n && ok; i++)
    {
      g_autofree char *p = ps_json_path (path, names[i]);

      ok = ps_param_parse (json_object_get_member (obj, names[i]), p, qty[i], PS_CHECK_POSITIVE,
                           &params[i], error);
      if (ok && (__builtin_mul_overflow (total, params[i].count, &total) || total > max_sections))
        {
          ps_json_set_error (error, path,
                             _ ("the section's parameters make too many sections for this "
                                "machine's memory"));
          ok = FALSE;
        }
    }
  for (guint64 k = 0; ok && k < total; k++)
    {
      double v[3];

      for (guint p = 0; p < n; p++)
        v[p] = params[p].values[idx[p]];
      if (custom_c)
        v[1] = v[0] / v[1];
      invalid += !add (shape, v, user_data);
      for (int p = (int)n - 1; p >= 0; p--)
        {
          if (++idx[p] < params[p].count)
            break;
          idx[p] = 0;
        }
    }
  for (guint i = 0; i < n; i++)
    ps_param_clear (&params[i]);
  *n_sections = ok ? total : 0;
  *n_invalid = invalid;
  return ok;
}
