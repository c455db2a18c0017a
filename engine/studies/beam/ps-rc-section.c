#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-rc-section.h"
#include "study/ps-json.h"

/* "3 x 16 mm": a whole number of bars, a multiplication sign, a diameter with its unit. */
static gboolean
parse_bars (const char *text, int *n, double *phi, char **why)
{
  const char *p = text;
  char *end = NULL;
  guint64 count;
  g_autofree char *msg = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  count = g_ascii_strtoull (p, &end, 10);
  p = end;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == 'x' || *p == 'X')
    p++;
  else if (g_str_has_prefix (p, "×"))
    p += strlen ("×");
  else
    return FALSE;
  if (count < 1 || count > 1000)
    {
      *why = g_strdup_printf (_ ("the number of bars must be between 1 and 1000 (got %s)"), text);
      return TRUE;
    }
  if (!ps_units_parse_quantity (p, PS_QTY_LENGTH, phi, &msg))
    {
      *why = g_strdup_printf (_ ("bar diameter: %s"), msg);
      return TRUE;
    }
  if (!(*phi > 0.0))
    {
      *why = g_strdup (_ ("the bar diameter must be > 0"));
      return TRUE;
    }
  *n = (int)count;
  return TRUE;
}

gboolean
ps_rc_parse_steel_area (JsonNode *node, const char *path, double *area, int *n, double *phi,
                        GError **error)
{
  *n = 0;
  *phi = NAN;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *why = NULL;
      g_autofree char *msg = NULL;

      if (parse_bars (text, n, phi, &why))
        {
          if (why != NULL)
            {
              ps_json_set_error (error, path, "%s", why);
              return FALSE;
            }
          *area = *n * G_PI / 4.0 * *phi * *phi;
          return TRUE;
        }
      if (!ps_units_parse_quantity (text, PS_QTY_AREA, area, &msg))
        {
          ps_json_set_error (error, path,
                             _ ("expected an area such as \"603 mm^2\" or bars such as "
                                "\"3 x 16 mm\", got \"%s\""),
                             text);
          return FALSE;
        }
      if (!(*area > 0.0))
        {
          ps_json_set_error (error, path, _ ("must be > 0 (got %g m^2)"), *area);
          return FALSE;
        }
      return TRUE;
    }
  return ps_json_node_quantity (node, path, PS_QTY_AREA, PS_CHECK_POSITIVE, area, error);
}

gboolean
ps_rc_section_from_json (JsonObject *object, const char *path, PsRcSection *out, GError **error)
{
  static const char *const keys[]
      = { "shape", "b", "h", "cover", "links", "d", "As", "fyk", "As2", "d2", NULL };
  PsEc2Section *s = &out->section;
  g_autofree char *p_as = ps_json_path (path, "As");
  g_autofree char *p_as2 = ps_json_path (path, "As2");
  g_autofree char *p_cover = ps_json_path (path, "cover");
  g_autofree char *p_d = ps_json_path (path, "d");
  g_autofree char *p_d2 = ps_json_path (path, "d2");
  gboolean has_cover = json_object_has_member (object, "cover");
  gboolean has_d = json_object_has_member (object, "d");
  gboolean has_as2 = json_object_has_member (object, "As2");
  gboolean has_d2 = json_object_has_member (object, "d2");

  memset (out, 0, sizeof *out);
  out->cover = out->phi = out->phi2 = NAN;
  s->d2 = NAN;
  s->E_s = 200e9;
  if (!ps_json_check_keys (object, path, keys, error))
    return FALSE;
  if (json_object_has_member (object, "shape"))
    {
      const char *shape = NULL;
      g_autofree char *p_shape = ps_json_path (path, "shape");

      if (!ps_json_get_string (object, path, "shape", TRUE, &shape, error))
        return FALSE;
      if (strcmp (shape, "rc-rectangular") != 0)
        {
          ps_json_set_error (error, p_shape, _ ("expected \"rc-rectangular\", got \"%s\""), shape);
          return FALSE;
        }
    }
  if (!ps_json_get_quantity (object, path, "b", TRUE, PS_QTY_LENGTH, PS_CHECK_POSITIVE, &s->b,
                             error)
      || !ps_json_get_quantity (object, path, "h", TRUE, PS_QTY_LENGTH, PS_CHECK_POSITIVE, &s->h,
                                error)
      || !ps_json_get_quantity (object, path, "fyk", TRUE, PS_QTY_STRESS, PS_CHECK_POSITIVE,
                                &s->f_yk, error))
    return FALSE;
  if (!ps_rc_parse_steel_area (json_object_get_member (object, "As"), p_as, &s->As, &out->n_bars,
                               &out->phi, error))
    return FALSE;

  if (has_cover && has_d)
    {
      ps_json_set_error (error, path, _ ("give either cover or d, not both"));
      return FALSE;
    }
  if (!has_cover && !has_d)
    {
      ps_json_set_error (error, path, _ ("missing cover or d (the effective depth)"));
      return FALSE;
    }
  if (json_object_has_member (object, "links") && !has_cover)
    {
      g_autofree char *p_links = ps_json_path (path, "links");

      ps_json_set_error (error, p_links, _ ("links go with cover, not with d"));
      return FALSE;
    }
  if (has_cover)
    {
      if (!ps_json_get_quantity (object, path, "cover", TRUE, PS_QTY_LENGTH, PS_CHECK_NON_NEGATIVE,
                                 &out->cover, error))
        return FALSE;
      if (out->cover >= s->h)
        {
          ps_json_set_error (error, p_cover, _ ("must be less than h (%g mm ≥ %g mm)"),
                             out->cover * 1e3, s->h * 1e3);
          return FALSE;
        }
      if (out->n_bars == 0)
        {
          ps_json_set_error (error, p_cover,
                             _ ("the effective depth needs the bar diameter: give As as bars "
                                "(\"3 x 16 mm\") or give d instead of cover"));
          return FALSE;
        }
      if (!ps_json_get_quantity (object, path, "links", FALSE, PS_QTY_LENGTH, PS_CHECK_NON_NEGATIVE,
                                 &out->links, error))
        return FALSE;
      s->d = s->h - out->cover - out->links - 0.5 * out->phi;
      if (!(s->d > 0.0))
        {
          ps_json_set_error (error, p_cover,
                             _ ("leaves no effective depth (h - cover - links - φ/2 = %g mm)"),
                             s->d * 1e3);
          return FALSE;
        }
    }
  else
    {
      if (!ps_json_get_quantity (object, path, "d", TRUE, PS_QTY_LENGTH, PS_CHECK_POSITIVE, &s->d,
                                 error))
        return FALSE;
      if (s->d >= s->h)
        {
          ps_json_set_error (error, p_d, _ ("must be less than h (%g mm ≥ %g mm)"), s->d * 1e3,
                             s->h * 1e3);
          return FALSE;
        }
    }

  if (has_as2 != has_d2)
    {
      ps_json_set_error (error, has_as2 ? p_as2 : p_d2,
                         _ ("top reinforcement needs both As2 and d2"));
      return FALSE;
    }
  if (has_as2)
    {
      if (!ps_rc_parse_steel_area (json_object_get_member (object, "As2"), p_as2, &s->As2,
                                   &out->n_bars2, &out->phi2, error)
          || !ps_json_get_quantity (object, path, "d2", TRUE, PS_QTY_LENGTH, PS_CHECK_POSITIVE,
                                    &s->d2, error))
        return FALSE;
      if (s->d2 >= s->d)
        {
          ps_json_set_error (error, p_d2, _ ("must be less than d (%g mm ≥ %g mm)"), s->d2 * 1e3,
                             s->d * 1e3);
          return FALSE;
        }
    }
  return TRUE;
}
