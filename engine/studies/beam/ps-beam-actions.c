#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-beam-actions.h"
#include "ps-error.h"
#include "study/ps-json.h"

const char *const ps_beam_actions_beam_keys[]
    = { "support", "span", "spans", "ends", "loads", "self_weight", NULL };
const char *const ps_beam_actions_design_keys[]
    = { "code",       "method",          "combinations",
        "equation",   "pattern_loading", "lateral_restraint",
        "load_level", "deflection",      NULL };

/* ---------------------------------------------------------------------------------
 * Cases and their factors
 * ------------------------------------------------------------------------------ */

/* EN 1990:2002 + A1:2005, Annex A1, Table A1.1 "Recommended values of psi factors
 * for buildings". National annexes may set other values (the Dutch NEN-EN 1990 NB,
 * for one, has psi0 = 0.4 for category A and 0.5 for B); a case's "psi" overrides
 * them. */
static const struct
{
  char category;
  double psi[3];
} psi_imposed[] = {
  { 'A', { 0.7, 0.5, 0.3 } }, /* domestic, residential areas */
  { 'B', { 0.7, 0.5, 0.3 } }, /* office areas */
  { 'C', { 0.7, 0.7, 0.6 } }, /* congregation areas */
  { 'D', { 0.7, 0.7, 0.6 } }, /* shopping areas */
  { 'E', { 1.0, 0.9, 0.8 } }, /* storage areas */
  { 'F', { 0.7, 0.7, 0.6 } }, /* traffic area, vehicle weight <= 30 kN */
  { 'G', { 0.7, 0.5, 0.3 } }, /* traffic area, 30 kN < vehicle weight <= 160 kN */
  { 'H', { 0.0, 0.0, 0.0 } }, /* roofs */
};
/* Table A1.1, snow loads on buildings for sites at altitude H <= 1000 m a.s.l.
 * (Finland, Iceland, Norway, Sweden and sites above 1000 m: 0.7, 0.5, 0.2, given
 * through "psi"), wind loads, and temperature (non-fire). */
static const double psi_snow[3] = { 0.5, 0.2, 0.0 };
static const double psi_wind[3] = { 0.6, 0.2, 0.0 };
static const double psi_temperature[3] = { 0.6, 0.5, 0.0 };

/* EN 1990 Table A1.2(B): gamma_G,sup = 1.35, gamma_G,inf = 1.00, gamma_Q = 1.5 (0
 * where favourable), xi = 0.85 in expression 6.10b (recommended values). */
#define GAMMA_G_SUP 1.35
#define GAMMA_G_INF 1.0
#define GAMMA_Q 1.5
#define XI 0.85

static const char *const case_type_names[]
    = { "permanent", "imposed", "snow", "wind", "temperature", NULL };

const char *
ps_beam_case_type_name (PsCaseType type)
{
  return case_type_names[type];
}

/* The load-duration class of a case for timber (EN 1995-1-1, 2.3.1.2, Table 2.2):
 * storage long-term, other imposed floor loads medium-term, roofs (category H,
 * maintenance) short-term; snow and wind each appear in two classes of the table and
 * national annexes choose: short-term, the lower k_mod, is taken for both. */
static PsLoadDuration
case_duration (const PsBeamActionCase *c)
{
  switch (c->type)
    {
    case PS_CASE_PERMANENT:
      return PS_DURATION_PERMANENT;
    case PS_CASE_IMPOSED:
      return c->category == 'E'   ? PS_DURATION_LONG_TERM
             : c->category == 'H' ? PS_DURATION_SHORT_TERM
                                  : PS_DURATION_MEDIUM_TERM;
    default:
      return PS_DURATION_SHORT_TERM;
    }
}

static gboolean
parse_cases (PsBeamActions *a, JsonObject *root, GError **error)
{
  static const char *const keys[] = { "type", "category", "psi", NULL };
  JsonObject *cases = ps_json_get_object (root, "", "cases", TRUE, error);
  g_autoptr (GList) members = NULL;

  if (cases == NULL)
    return FALSE;
  members = json_object_get_members (cases);
  if (members == NULL)
    {
      ps_json_set_error (error, "cases",
                         _ ("an empty object (expected cases such as \"G\": "
                            "{\"type\": \"permanent\"})"));
      return FALSE;
    }
  if (g_list_length (members) > PS_BA_MAX_CASES)
    {
      ps_json_set_error (error, "cases", _ ("%u cases, more than the %d this version handles"),
                         g_list_length (members), PS_BA_MAX_CASES);
      return FALSE;
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = ps_json_path ("cases", name);
      PsBeamActionCase *c = &a->cases[a->n_cases];
      JsonObject *obj = ps_json_get_object (cases, "cases", name, TRUE, error);
      const char *type = NULL, *category = NULL;
      JsonNode *psi;
      guint t;

      if (obj == NULL || !ps_json_check_keys (obj, path, keys, error)
          || !ps_json_get_string (obj, path, "type", TRUE, &type, error)
          || !ps_json_get_string (obj, path, "category", FALSE, &category, error))
        return FALSE;
      if (*name == '\0')
        {
          ps_json_set_error (error, path, _ ("a case needs a name"));
          return FALSE;
        }
      for (t = 0; case_type_names[t] != NULL; t++)
        if (g_str_equal (type, case_type_names[t]))
          break;
      if (case_type_names[t] == NULL)
        {
          g_autofree char *p = ps_json_path (path, "type");

          ps_json_set_error (error, p,
                             _ ("expected \"permanent\", \"imposed\", \"snow\", \"wind\" or "
                                "\"temperature\", got \"%s\""),
                             type);
          return FALSE;
        }
      c->name = g_strdup (name);
      a->n_cases++;
      c->type = (PsCaseType)t;
      c->category = 0;
      c->psi[0] = c->psi[1] = c->psi[2] = NAN;
      if (category != NULL)
        {
          g_autofree char *p = ps_json_path (path, "category");

          if (c->type != PS_CASE_IMPOSED)
            {
              ps_json_set_error (error, p, _ ("only an imposed case has a category"));
              return FALSE;
            }
          if (strlen (category) != 1 || category[0] < 'A' || category[0] > 'H')
            {
              ps_json_set_error (error, p,
                                 _ ("expected an EN 1990 Table A1.1 category from \"A\" "
                                    "to \"H\", got \"%s\""),
                                 category);
              return FALSE;
            }
          c->category = category[0];
          for (guint i = 0; i < G_N_ELEMENTS (psi_imposed); i++)
            if (psi_imposed[i].category == c->category)
              memcpy (c->psi, psi_imposed[i].psi, sizeof c->psi);
        }
      else if (c->type == PS_CASE_SNOW)
        memcpy (c->psi, psi_snow, sizeof c->psi);
      else if (c->type == PS_CASE_WIND)
        memcpy (c->psi, psi_wind, sizeof c->psi);
      else if (c->type == PS_CASE_TEMPERATURE)
        memcpy (c->psi, psi_temperature, sizeof c->psi);

      psi = json_object_get_member (obj, "psi");
      if (psi != NULL && !JSON_NODE_HOLDS_NULL (psi))
        {
          g_autofree char *p = ps_json_path (path, "psi");
          JsonArray *arr;

          if (c->type == PS_CASE_PERMANENT)
            {
              ps_json_set_error (error, p, _ ("a permanent case has no psi factors"));
              return FALSE;
            }
          if (!JSON_NODE_HOLDS_ARRAY (psi)
              || json_array_get_length (arr = json_node_get_array (psi)) != 3)
            {
              ps_json_set_error (error, p,
                                 _ ("expected a list of three factors [psi0, psi1, psi2] "
                                    "such as [0.7, 0.5, 0.3]"));
              return FALSE;
            }
          for (guint i = 0; i < 3; i++)
            {
              g_autofree char *pi = g_strdup_printf ("%s[%u]", p, i);
              double v;

              if (!ps_json_node_quantity (json_array_get_element (arr, i), pi, PS_QTY_DIMENSIONLESS,
                                          PS_CHECK_FINITE, &v, error))
                return FALSE;
              if (!(v >= 0.0 && v <= 1.0))
                {
                  ps_json_set_error (error, pi, _ ("a psi factor lies between 0 and 1 (got %g)"),
                                     v);
                  return FALSE;
                }
              c->psi[i] = v;
            }
        }
    }
  return TRUE;
}

static int
find_case (const PsBeamActions *a, const char *name)
{
  for (guint i = 0; i < a->n_cases; i++)
    if (g_str_equal (a->cases[i].name, name))
      return (int)i;
  return -1;
}

static void
set_undeclared_error (const PsBeamActions *a, GError **error, const char *path, const char *name)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < a->n_cases; i++)
    g_string_append_printf (names, "%s\"%s\"", i ? ", " : "", a->cases[i].name);
  ps_json_set_error (error, path, _ ("\"%s\" is not declared in \"cases\" (declared: %s)"), name,
                     names->str);
}

/* ---------------------------------------------------------------------------------
 * Supports and spans
 * ------------------------------------------------------------------------------ */

static gboolean
parse_support (PsBeamActions *a, JsonObject *beam, GError **error)
{
  static const char *const supports[] = { "simply-supported",   "cantilever", "fixed-fixed",
                                          "propped-cantilever", "continuous", NULL };
  static const int ends[][2] = { { PS_BA_PINNED, PS_BA_PINNED },
                                 { PS_BA_FIXED, PS_BA_FREE },
                                 { PS_BA_FIXED, PS_BA_FIXED },
                                 { PS_BA_FIXED, PS_BA_PINNED },
                                 { PS_BA_PINNED, PS_BA_PINNED } };
  const char *support = NULL;
  guint i;

  if (!ps_json_get_string (beam, "beam", "support", TRUE, &support, error))
    return FALSE;
  for (i = 0; supports[i] != NULL; i++)
    if (g_str_equal (support, supports[i]))
      break;
  if (supports[i] == NULL)
    {
      ps_json_set_error (error, "beam.support",
                         _ ("expected \"simply-supported\", \"cantilever\", \"fixed-fixed\", "
                            "\"propped-cantilever\" or \"continuous\", got \"%s\""),
                         support);
      return FALSE;
    }
  a->support = (PsBeamSupportKind)i;
  a->left = ends[i][0];
  a->right = ends[i][1];

  if (a->support != PS_BEAM_SUPPORT_CONTINUOUS)
    {
      if (json_object_has_member (beam, "spans") || json_object_has_member (beam, "ends"))
        {
          ps_json_set_error (error,
                             json_object_has_member (beam, "spans") ? "beam.spans" : "beam.ends",
                             _ ("only for \"support\": \"continuous\" (a single span takes "
                                "\"span\")"));
          return FALSE;
        }
      a->n_spans = 1;
      return ps_param_parse (json_object_get_member (beam, "span"), "beam.span", PS_QTY_LENGTH,
                             PS_CHECK_POSITIVE, &a->span[0], error);
    }

  if (json_object_has_member (beam, "span"))
    {
      ps_json_set_error (error, "beam.span",
                         _ ("a continuous beam takes \"spans\", a list of span lengths"));
      return FALSE;
    }
  {
    JsonNode *node = json_object_get_member (beam, "spans");
    JsonArray *arr;
    guint n;

    if (node == NULL || JSON_NODE_HOLDS_NULL (node))
      {
        ps_json_set_error (error, "beam.spans",
                           _ ("missing (expected a list of span lengths such as "
                              "[\"6 m\", \"8 m\"])"));
        return FALSE;
      }
    if (!JSON_NODE_HOLDS_ARRAY (node))
      {
        ps_json_set_error (error, "beam.spans", _ ("expected a list of span lengths, got %s"),
                           ps_json_type_name (node));
        return FALSE;
      }
    arr = json_node_get_array (node);
    n = json_array_get_length (arr);
    if (n == 0)
      {
        ps_json_set_error (error, "beam.spans",
                           _ ("an empty list (expected at least one span length)"));
        return FALSE;
      }
    if (n > PS_BA_MAX_SPANS)
      {
        ps_json_set_error (error, "beam.spans",
                           _ ("%u spans, more than the %d this version handles"), n,
                           PS_BA_MAX_SPANS);
        return FALSE;
      }
    for (guint s = 0; s < n; s++)
      {
        g_autofree char *p = g_strdup_printf ("beam.spans[%u]", s);

        if (!ps_param_parse (json_array_get_element (arr, s), p, PS_QTY_LENGTH, PS_CHECK_POSITIVE,
                             &a->span[s], error))
          return FALSE;
        a->n_spans++;
      }
  }
  {
    JsonNode *node = json_object_get_member (beam, "ends");
    JsonArray *arr;

    if (node == NULL || JSON_NODE_HOLDS_NULL (node))
      return TRUE;
    if (!JSON_NODE_HOLDS_ARRAY (node)
        || json_array_get_length (arr = json_node_get_array (node)) != 2)
      {
        ps_json_set_error (error, "beam.ends",
                           _ ("expected the left and the right end, such as "
                              "[\"fixed\", \"pinned\"]"));
        return FALSE;
      }
    for (guint e = 0; e < 2; e++)
      {
        JsonNode *en = json_array_get_element (arr, e);
        g_autofree char *p = g_strdup_printf ("beam.ends[%u]", e);
        const char *v = JSON_NODE_HOLDS_VALUE (en) && json_node_get_value_type (en) == G_TYPE_STRING
                            ? json_node_get_string (en)
                            : NULL;
        int end;

        if (g_strcmp0 (v, "pinned") == 0)
          end = PS_BA_PINNED;
        else if (g_strcmp0 (v, "fixed") == 0)
          end = PS_BA_FIXED;
        else
          {
            ps_json_set_error (error, p, _ ("expected \"pinned\" or \"fixed\", got %s%s%s"),
                               v ? "\"" : "", v ? v : ps_json_type_name (en), v ? "\"" : "");
            return FALSE;
          }
        if (e == 0)
          a->left = end;
        else
          a->right = end;
      }
  }
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Loads
 * ------------------------------------------------------------------------------ */

static double
param_min (const PsParam *p)
{
  double m = p->values[0];

  for (guint64 i = 1; i < p->count; i++)
    m = MIN (m, p->values[i]);
  return m;
}

static double
param_max (const PsParam *p)
{
  double m = p->values[0];

  for (guint64 i = 1; i < p->count; i++)
    m = MAX (m, p->values[i]);
  return m;
}

static gboolean
parse_member_param (JsonObject *obj, const char *path, const char *member, gboolean required,
                    PsQuantity quantity, PsCheck check, PsParam *param, gboolean *present,
                    GError **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autofree char *p = ps_json_path (path, member);

  if (!required && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (present != NULL)
    *present = TRUE;
  return ps_param_parse (node, p, quantity, check, param, error);
}

static gboolean
parse_position (PsBeamActions *a, JsonObject *obj, const char *path, PsBeamLoadSpec *l,
                GError **error)
{
  JsonNode *node = json_object_get_member (obj, "position");
  g_autofree char *p = ps_json_path (path, "position");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_str_equal (s, "midspan") || g_str_equal (s, "free-end"))
        {
          gboolean midspan = g_str_equal (s, "midspan");

          if (midspan && a->support == PS_BEAM_SUPPORT_CONTINUOUS)
            {
              ps_json_set_error (error, p,
                                 _ ("\"midspan\" needs a single span: give the distance from "
                                    "the left end of the beam"));
              return FALSE;
            }
          if (!midspan && a->support != PS_BEAM_SUPPORT_CANTILEVER)
            {
              ps_json_set_error (error, p, _ ("only a cantilever has a free end"));
              return FALSE;
            }
          l->at = midspan ? PS_BEAM_AT_MIDSPAN : PS_BEAM_AT_FREE_END;
          return TRUE;
        }
    }
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      /* As the single "load" of older studies: midspan, or a cantilever's free end. */
      if (a->support == PS_BEAM_SUPPORT_CONTINUOUS)
        {
          ps_json_set_error (error, p,
                             _ ("missing (expected the distance from the left end of the "
                                "beam, such as \"2.5 m\")"));
          return FALSE;
        }
      l->at = a->support == PS_BEAM_SUPPORT_CANTILEVER ? PS_BEAM_AT_FREE_END : PS_BEAM_AT_MIDSPAN;
      return TRUE;
    }
  l->at = PS_BEAM_AT_VALUE;
  return ps_param_parse (node, p, PS_QTY_LENGTH, PS_CHECK_NON_NEGATIVE, &l->position, error);
}

static void
clear_load (PsBeamLoadSpec *l)
{
  g_free (l->path);
  ps_param_clear (&l->value);
  ps_param_clear (&l->start);
  ps_param_clear (&l->end);
  ps_param_clear (&l->position);
  ps_param_clear (&l->from);
  ps_param_clear (&l->to);
}

static gboolean
parse_load (PsBeamActions *a, JsonNode *node, guint index, double L_max, GError **error)
{
  static const char *const point_keys[] = { "case", "type", "value", "position", NULL };
  static const char *const uniform_keys[] = { "case", "type", "value", "from", "to", NULL };
  static const char *const linear_keys[] = { "case", "type", "start", "end", "from", "to", NULL };
  PsBeamLoadSpec *l = &a->loads[index];
  JsonObject *obj;
  const char *lc = NULL, *type = NULL;
  char *path = g_strdup_printf ("beam.loads[%u]", index);

  l->path = path;
  a->n_loads = index + 1;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ps_json_set_error (error, path,
                         _ ("expected a load object with \"case\" and \"type\", got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!ps_json_get_string (obj, path, "case", TRUE, &lc, error)
      || !ps_json_get_string (obj, path, "type", TRUE, &type, error))
    return FALSE;
  l->lc = find_case (a, lc);
  if (l->lc < 0)
    {
      g_autofree char *p = ps_json_path (path, "case");

      set_undeclared_error (a, error, p, lc);
      return FALSE;
    }

  if (g_str_equal (type, "point") || g_str_equal (type, "moment"))
    {
      gboolean point = g_str_equal (type, "point");

      l->type = point ? PS_BA_POINT : PS_BA_MOMENT;
      if (!ps_json_check_keys (obj, path, point_keys, error)
          || !parse_member_param (obj, path, "value", TRUE, point ? PS_QTY_FORCE : PS_QTY_MOMENT,
                                  PS_CHECK_FINITE, &l->value, NULL, error)
          || !parse_position (a, obj, path, l, error))
        return FALSE;
      if (l->at == PS_BEAM_AT_VALUE && param_min (&l->position) > L_max)
        {
          g_autofree char *p = ps_json_path (path, "position");

          ps_json_set_error (error, p, _ ("%g m lies beyond the end of the beam (%g m)"),
                             param_min (&l->position), L_max);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (type, "uniform") || g_str_equal (type, "linear"))
    {
      l->type = PS_BA_DISTRIBUTED;
      l->uniform = g_str_equal (type, "uniform");
      if (!ps_json_check_keys (obj, path, l->uniform ? uniform_keys : linear_keys, error))
        return FALSE;
      if (l->uniform)
        {
          if (!parse_member_param (obj, path, "value", TRUE, PS_QTY_FORCE_PER_LENGTH,
                                   PS_CHECK_FINITE, &l->value, NULL, error))
            return FALSE;
        }
      else if (!parse_member_param (obj, path, "start", TRUE, PS_QTY_FORCE_PER_LENGTH,
                                    PS_CHECK_FINITE, &l->start, NULL, error)
               || !parse_member_param (obj, path, "end", TRUE, PS_QTY_FORCE_PER_LENGTH,
                                       PS_CHECK_FINITE, &l->end, NULL, error))
        return FALSE;
      if (!parse_member_param (obj, path, "from", FALSE, PS_QTY_LENGTH, PS_CHECK_NON_NEGATIVE,
                               &l->from, &l->has_from, error)
          || !parse_member_param (obj, path, "to", FALSE, PS_QTY_LENGTH, PS_CHECK_NON_NEGATIVE,
                                  &l->to, &l->has_to, error))
        return FALSE;
      if (l->has_from && param_min (&l->from) >= L_max)
        {
          g_autofree char *p = ps_json_path (path, "from");

          ps_json_set_error (error, p, _ ("%g m lies at or beyond the end of the beam (%g m)"),
                             param_min (&l->from), L_max);
          return FALSE;
        }
      if (l->has_to && param_min (&l->to) > L_max)
        {
          g_autofree char *p = ps_json_path (path, "to");

          ps_json_set_error (error, p, _ ("%g m lies beyond the end of the beam (%g m)"),
                             param_min (&l->to), L_max);
          return FALSE;
        }
      if (l->has_from && l->has_to && param_min (&l->from) >= param_max (&l->to))
        {
          g_autofree char *p = ps_json_path (path, "from");

          ps_json_set_error (error, p, _ ("must be less than \"to\" (got from = %g m, to = %g m)"),
                             param_min (&l->from), param_max (&l->to));
          return FALSE;
        }
      if (l->has_to && param_max (&l->to) <= 0.0)
        {
          g_autofree char *p = ps_json_path (path, "to");

          ps_json_set_error (error, p, _ ("must be greater than 0 m, the left end of the beam"));
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *p = ps_json_path (path, "type");

    ps_json_set_error (error, p,
                       _ ("expected \"point\", \"uniform\", \"linear\" or \"moment\", got \"%s\""),
                       type);
  }
  return FALSE;
}

static gboolean
parse_loads (PsBeamActions *a, JsonObject *beam, GError **error)
{
  JsonNode *node = json_object_get_member (beam, "loads");
  JsonArray *arr;
  guint n;
  double L_max = 0.0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      ps_json_set_error (error, "beam.loads",
                         node == NULL ? _ ("missing (expected a list of loads)")
                                      : _ ("expected a list of loads"));
      return FALSE;
    }
  arr = json_node_get_array (node);
  n = json_array_get_length (arr);
  if (n == 0)
    {
      ps_json_set_error (error, "beam.loads", _ ("an empty list (expected at least one load)"));
      return FALSE;
    }
  if (n > PS_BA_MAX_LOADS - 1)
    {
      ps_json_set_error (error, "beam.loads", _ ("%u loads, more than the %d this version handles"),
                         n, PS_BA_MAX_LOADS - 1);
      return FALSE;
    }
  for (guint s = 0; s < a->n_spans; s++)
    L_max += param_max (&a->span[s]);
  a->loads = g_new0 (PsBeamLoadSpec, n);
  for (guint i = 0; i < n; i++)
    if (!parse_load (a, json_array_get_element (arr, i), i, L_max, error))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Combinations
 * ------------------------------------------------------------------------------ */

typedef struct
{
  GArray *combos; /* PsBaCombo */
  GPtrArray *names;
} ComboList;

/* Subsets of the optional actions of a combination are enumerated up to this many
 * ("effects of one or more loads not acting shall be investigated", ASCE 7-16
 * 2.3.1 and 2.4.1; EN 1990 6.4.3.2: a favourable variable action is left out);
 * beyond it only the combination with all of them is made. */
#define MAX_OPTIONAL 5

static char *
format_factor (double f)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", f));
}

/* Adds the combination of factors @f unless one with the same factors and purpose is
 * there already; its name is @prefix and its terms ("6.10: 1.35 G + 1.5 Q"). */
static void
combo_add (const PsBeamActions *a, ComboList *l, const char *prefix, int limit, int deflection,
           const double *f)
{
  PsBaCombo cb = { 0 };
  GString *name;
  gboolean any = FALSE;

  for (guint i = 0; i < a->n_cases; i++)
    any = any || f[i] != 0.0;
  if (!any)
    return;
  for (guint k = 0; k < l->combos->len; k++)
    {
      const PsBaCombo *o = &g_array_index (l->combos, PsBaCombo, k);
      gboolean same = o->limit == limit && o->deflection == deflection;

      for (guint i = 0; same && i < a->n_cases; i++)
        same = o->factor[i] == f[i];
      if (same)
        return;
    }
  cb.limit = limit;
  cb.deflection = deflection;
  name = g_string_new (prefix);
  g_string_append (name, ":");
  any = FALSE;
  for (guint i = 0; i < a->n_cases; i++)
    {
      cb.factor[i] = f[i];
      if (f[i] == 0.0)
        continue;
      g_string_append (name, any ? " + " : " ");
      if (f[i] != 1.0)
        {
          g_autofree char *t = format_factor (f[i]);

          g_string_append_printf (name, "%s ", t);
        }
      g_string_append (name, a->cases[i].name);
      any = TRUE;
    }
  g_array_append_val (l->combos, cb);
  g_ptr_array_add (l->names, g_string_free (name, FALSE));
}

/* EN 1990 combinations of one family: permanent cases times @g, the leading variable
 * case @lead (or none, -1) times @f_lead, and each subset of the other variable
 * cases, case i times acc[i] (none with @acc NULL) (EN 1990 6.4.3.2 expressions
 * 6.10, 6.10a, 6.10b; 6.5.3 expressions 6.14b, 6.15b, 6.16b). @empty: also the
 * combination without any of the other variable cases when there is no leading one. */
static void
en_family (const PsBeamActions *a, ComboList *l, const char *prefix, int limit, int deflection,
           double g, int lead, double f_lead, const double *acc, gboolean empty)
{
  int others[PS_BA_MAX_CASES], n = 0;
  guint32 full, mask;

  for (guint i = 0; i < a->n_cases && acc != NULL; i++)
    if (a->cases[i].type != PS_CASE_PERMANENT && (int)i != lead)
      others[n++] = (int)i;
  full = n > 0 ? (1u << n) - 1u : 0u;
  for (mask = full;; mask--)
    {
      double f[PS_BA_MAX_CASES] = { 0 };

      if (n > MAX_OPTIONAL && mask != full)
        break;
      if (mask != 0 || lead >= 0 || empty)
        {
          for (guint i = 0; i < a->n_cases; i++)
            if (a->cases[i].type == PS_CASE_PERMANENT)
              f[i] = g;
          if (lead >= 0)
            f[lead] = f_lead;
          for (int j = 0; j < n; j++)
            if (mask >> j & 1u)
              f[others[j]] = acc[others[j]];
          combo_add (a, l, prefix, limit, deflection, f);
        }
      if (mask == 0)
        break;
    }
}

static void
generate_en (const PsBeamActions *a, ComboList *l)
{
  double psi0g[PS_BA_MAX_CASES], psi0[PS_BA_MAX_CASES], psi1[PS_BA_MAX_CASES],
      psi2[PS_BA_MAX_CASES];
  const double gs[] = { GAMMA_G_SUP, GAMMA_G_INF };
  gboolean has_variable = FALSE;

  for (guint i = 0; i < a->n_cases; i++)
    {
      has_variable = has_variable || a->cases[i].type != PS_CASE_PERMANENT;
      psi0g[i] = GAMMA_Q * a->cases[i].psi[0];
      psi0[i] = a->cases[i].psi[0];
      psi1[i] = a->cases[i].psi[1];
      psi2[i] = a->cases[i].psi[2];
    }
  /* Ultimate limit states, persistent and transient design situations (Table
   * A1.2(B)). The permanent cases act as one source (its Note 3): all of them get
   * gamma_G,sup, or all gamma_G,inf. */
  if (!a->equation_6_10ab)
    {
      /* The permanent cases alone: for timber, the combination of permanent duration. */
      en_family (a, l, "6.10", PS_BA_ULS, 0, GAMMA_G_SUP, -1, 0.0, NULL, TRUE);
      for (guint gi = 0; gi < G_N_ELEMENTS (gs); gi++)
        for (guint j = 0; j < a->n_cases; j++)
          if (a->cases[j].type != PS_CASE_PERMANENT)
            en_family (a, l, "6.10", PS_BA_ULS, 0, gs[gi], (int)j, GAMMA_Q, psi0g, FALSE);
    }
  else
    {
      en_family (a, l, "6.10a", PS_BA_ULS, 0, GAMMA_G_SUP, -1, 0.0, psi0g, TRUE);
      en_family (a, l, "6.10a", PS_BA_ULS, 0, GAMMA_G_INF, -1, 0.0, psi0g, FALSE);
      for (guint gi = 0; gi < G_N_ELEMENTS (gs); gi++)
        for (guint j = 0; j < a->n_cases; j++)
          if (a->cases[j].type != PS_CASE_PERMANENT)
            en_family (a, l, "6.10b", PS_BA_ULS, 0, gi == 0 ? XI * GAMMA_G_SUP : GAMMA_G_INF,
                       (int)j, GAMMA_Q, psi0g, FALSE);
    }
  /* Serviceability (6.5.3): the characteristic combination gives the deflections the
   * code checks compare with their limits. */
  for (guint j = 0; j < a->n_cases; j++)
    if (a->cases[j].type != PS_CASE_PERMANENT)
      en_family (a, l, "characteristic", PS_BA_SLS, 1, 1.0, (int)j, 1.0, psi0, FALSE);
  for (guint j = 0; j < a->n_cases; j++)
    if (a->cases[j].type != PS_CASE_PERMANENT)
      en_family (a, l, "frequent", PS_BA_SLS, 0, 1.0, (int)j, psi1[j], psi2, FALSE);
  en_family (a, l, "quasi-permanent", PS_BA_SLS, 0, 1.0, -1, 0.0, psi2, FALSE);
  /* Without variable cases the permanent ones alone are the characteristic
   * combination. */
  if (!has_variable)
    en_family (a, l, "characteristic", PS_BA_SLS, 1, 1.0, -1, 0.0, psi0, TRUE);
}

/* ASCE 7 load symbols of the cases. */
enum
{
  SYM_D,
  SYM_L,
  SYM_LR,
  SYM_S,
  SYM_W,
  N_SYM
};

static int
case_symbol (const PsBeamActionCase *c)
{
  switch (c->type)
    {
    case PS_CASE_PERMANENT:
      return SYM_D;
    case PS_CASE_IMPOSED:
      return c->category == 'H' ? SYM_LR : SYM_L;
    case PS_CASE_SNOW:
      return SYM_S;
    case PS_CASE_WIND:
      return SYM_W;
    default:
      return -1;
    }
}

typedef struct
{
  const char *number;
  int principal;
  double f[N_SYM];
} AsceTemplate;

/* ASCE/SEI 7-16, 2.3.1 "Basic Combinations" (strength design, LRFD), without the
 * seismic combinations 6 and 7 and rain R. "Lr or S or R" is each of Lr and S in
 * turn, "L or 0.5W" each of the two. Exception 1 of 2.3.1 (0.5 L in combinations 3
 * to 5 where L_o <= 100 psf) is not taken: 1.0 L is the conservative value. */
static const AsceTemplate asce_lrfd[] = {
  { "(1)", SYM_D, { 1.4, 0, 0, 0, 0 } },       { "(2)", SYM_L, { 1.2, 1.6, 0.5, 0, 0 } },
  { "(2)", SYM_L, { 1.2, 1.6, 0, 0.5, 0 } },   { "(3)", SYM_LR, { 1.2, 1.0, 1.6, 0, 0 } },
  { "(3)", SYM_LR, { 1.2, 0, 1.6, 0, 0.5 } },  { "(3)", SYM_S, { 1.2, 1.0, 0, 1.6, 0 } },
  { "(3)", SYM_S, { 1.2, 0, 0, 1.6, 0.5 } },   { "(4)", SYM_W, { 1.2, 1.0, 0.5, 0, 1.0 } },
  { "(4)", SYM_W, { 1.2, 1.0, 0, 0.5, 1.0 } }, { "(5)", SYM_W, { 0.9, 0, 0, 0, 1.0 } },
};

/* ASCE/SEI 7-16, 2.4.1 "Basic Combinations" (allowable stress design), without the
 * seismic ones (8, and 0.7E of 5 and 6) and rain R. */
static const AsceTemplate asce_asd[] = {
  { "(1)", SYM_D, { 1.0, 0, 0, 0, 0 } },
  { "(2)", SYM_L, { 1.0, 1.0, 0, 0, 0 } },
  { "(3)", SYM_LR, { 1.0, 0, 1.0, 0, 0 } },
  { "(3)", SYM_S, { 1.0, 0, 0, 1.0, 0 } },
  { "(4)", SYM_LR, { 1.0, 0.75, 0.75, 0, 0 } },
  { "(4)", SYM_S, { 1.0, 0.75, 0, 0.75, 0 } },
  { "(5)", SYM_W, { 1.0, 0, 0, 0, 0.6 } },
  { "(6)", SYM_W, { 1.0, 0.75, 0.75, 0, 0.75 * 0.6 } },
  { "(6)", SYM_W, { 1.0, 0.75, 0, 0.75, 0.75 * 0.6 } },
  { "(7)", SYM_W, { 0.6, 0, 0, 0, 0.6 } },
};

static void
asce_family (const PsBeamActions *a, ComboList *l, const AsceTemplate *t, guint n,
             const char *prefix, int limit, int deflection)
{
  gboolean present[N_SYM] = { FALSE };

  for (guint i = 0; i < a->n_cases; i++)
    if (case_symbol (&a->cases[i]) >= 0)
      present[case_symbol (&a->cases[i])] = TRUE;
  for (guint k = 0; k < n; k++)
    {
      int opt[N_SYM], n_opt = 0;
      g_autofree char *label = g_strdup_printf ("%s %s", prefix, t[k].number);

      if (!present[t[k].principal])
        continue;
      for (int s = SYM_L; s < N_SYM; s++)
        if (s != t[k].principal && t[k].f[s] != 0.0 && present[s])
          opt[n_opt++] = s;
      for (guint32 mask = (1u << n_opt) - 1u;; mask--)
        {
          double f[PS_BA_MAX_CASES] = { 0 };

          for (guint i = 0; i < a->n_cases; i++)
            {
              int s = case_symbol (&a->cases[i]);
              gboolean on = s == SYM_D || s == t[k].principal;

              if (s < 0)
                continue;

              for (int j = 0; j < n_opt; j++)
                on = on || (opt[j] == s && (mask >> j & 1u));
              f[i] = on ? t[k].f[s] : 0.0;
            }
          combo_add (a, l, label, limit, deflection, f);
          if (mask == 0)
            break;
        }
    }
}

static void
generate_asce (const PsBeamActions *a, ComboList *l)
{
  if (a->method == PS_LOAD_METHOD_LRFD)
    {
      asce_family (a, l, asce_lrfd, G_N_ELEMENTS (asce_lrfd), "LRFD", PS_BA_ULS, 0);
      /* Deflections under service loads: the ASD combinations, unfactored. */
      asce_family (a, l, asce_asd, G_N_ELEMENTS (asce_asd), "service", PS_BA_SLS, 1);
    }
  else
    asce_family (a, l, asce_asd, G_N_ELEMENTS (asce_asd), "ASD", PS_BA_ULS, 1);
}

static gboolean
parse_combinations (PsBeamActions *a, JsonNode *node, ComboList *l, GError **error)
{
  static const char *const keys[] = { "name", "limit", "factors", NULL };
  JsonArray *arr;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node)
      || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (node), "auto")))
    {
      a->auto_combinations = TRUE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ps_json_set_error (error, "design.combinations",
                         _ ("expected \"auto\" or a list of combinations "
                            "{\"name\", \"limit\", \"factors\"}, got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  arr = json_node_get_array (node);
  n = json_array_get_length (arr);
  if (n == 0)
    {
      ps_json_set_error (error, "design.combinations",
                         _ ("an empty list (expected at least one combination, or \"auto\")"));
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *path = g_strdup_printf ("design.combinations[%u]", k);
      JsonNode *e = json_array_get_element (arr, k);
      JsonObject *obj, *factors;
      const char *name = NULL, *limit = NULL;
      g_autoptr (GList) members = NULL;
      PsBaCombo cb = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          ps_json_set_error (error, path,
                             _ ("expected a combination {\"name\", \"limit\", \"factors\"}, "
                                "got %s"),
                             ps_json_type_name (e));
          return FALSE;
        }
      obj = json_node_get_object (e);
      if (!ps_json_check_keys (obj, path, keys, error)
          || !ps_json_get_string (obj, path, "name", TRUE, &name, error)
          || !ps_json_get_string (obj, path, "limit", TRUE, &limit, error))
        return FALSE;
      if (*name == '\0')
        {
          g_autofree char *p = ps_json_path (path, "name");

          ps_json_set_error (error, p, _ ("a combination needs a name"));
          return FALSE;
        }
      for (guint j = 0; j < l->names->len; j++)
        if (g_str_equal (l->names->pdata[j], name))
          {
            g_autofree char *p = ps_json_path (path, "name");

            ps_json_set_error (error, p, _ ("\"%s\" names an earlier combination too"), name);
            return FALSE;
          }
      if (g_str_equal (limit, "ULS"))
        cb.limit = PS_BA_ULS;
      else if (g_str_equal (limit, "SLS"))
        {
          cb.limit = PS_BA_SLS;
          cb.deflection = 1;
        }
      else
        {
          g_autofree char *p = ps_json_path (path, "limit");

          ps_json_set_error (error, p, _ ("expected \"ULS\" or \"SLS\", got \"%s\""), limit);
          return FALSE;
        }
      factors = ps_json_get_object (obj, path, "factors", TRUE, error);
      if (factors == NULL)
        return FALSE;
      members = json_object_get_members (factors);
      if (members == NULL)
        {
          g_autofree char *p = ps_json_path (path, "factors");

          ps_json_set_error (error, p,
                             _ ("an empty object (expected factors of cases such as "
                                "{\"G\": 1.35, \"Q\": 1.5})"));
          return FALSE;
        }
      for (GList *m = members; m != NULL; m = m->next)
        {
          g_autofree char *fp = g_strdup_printf ("%s.factors", path);
          g_autofree char *p = ps_json_path (fp, m->data);
          int lc = find_case (a, m->data);
          double v;

          if (lc < 0)
            {
              set_undeclared_error (a, error, p, m->data);
              return FALSE;
            }
          if (!ps_json_node_quantity (json_object_get_member (factors, m->data), p,
                                      PS_QTY_DIMENSIONLESS, PS_CHECK_NON_NEGATIVE, &v, error))
            return FALSE;
          cb.factor[lc] = v;
        }
      g_array_append_val (l->combos, cb);
      g_ptr_array_add (l->names, g_strdup (name));
    }
  return TRUE;
}

/* The arrangements of the variable cases over the spans. Up to five spans every
 * non-empty subset of spans (31 at most) is tried: the exact worst case for any
 * load, not only for the uniform loads that the textbook rules were derived for.
 * Beyond that, EN 1992-1-1 5.1.3's simplified arrangements for buildings: alternate spans (both
 * ways), any two adjacent spans, and all spans. */
static void
build_patterns (PsBeamActions *a)
{
  PsBaPlan *p = &a->plan;
  guint n = a->n_spans;
  uint32_t all = (1u << n) - 1u;

  p->n_patterns = 0;
  if (!a->pattern_loading || n == 1)
    {
      p->pattern[p->n_patterns++] = all;
      return;
    }
  if (n <= 5)
    {
      for (uint32_t m = all; m >= 1; m--)
        p->pattern[p->n_patterns++] = m;
      return;
    }
  {
    uint32_t odd = 0, even = 0;

    for (guint s = 0; s < n; s++)
      {
        if (s % 2 == 0)
          odd |= 1u << s;
        else
          even |= 1u << s;
      }
    p->pattern[p->n_patterns++] = all;
    p->pattern[p->n_patterns++] = odd;
    p->pattern[p->n_patterns++] = even;
    for (guint s = 0; s + 1 < n; s++)
      p->pattern[p->n_patterns++] = 3u << s;
  }
}

static gboolean
parse_ratio (JsonObject *obj, const char *path, const char *member, double *ratio, GError **error)
{
  const char *text = NULL;
  g_autofree char *p = ps_json_path (path, member);
  char *end;
  double r;

  *ratio = 0.0;
  if (!ps_json_get_string (obj, path, member, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if ((text[0] != 'L' && text[0] != 'l') || text[1] != '/')
    goto bad;
  r = g_ascii_strtod (text + 2, &end);
  if (end == text + 2 || *end != '\0' || !isfinite (r) || !(r > 0))
    goto bad;
  *ratio = r;
  return TRUE;

bad:
  ps_json_set_error (error, p, _ ("expected \"L/N\" with N > 0 such as \"L/360\", got \"%s\""),
                     text);
  return FALSE;
}

static gboolean
parse_design (PsBeamActions *a, JsonObject *root, ComboList *l, GError **error)
{
  static const char *const deflection_keys[] = { "total", "variable", NULL };
  static const char *const restraint_keys[] = { "spacing", NULL };
  JsonObject *design = NULL;
  const char *code = NULL, *method = NULL, *equation = NULL, *level = NULL;
  JsonNode *node;

  a->code = PS_LOAD_CODE_EN;
  a->method = PS_LOAD_METHOD_LRFD;
  a->pattern_loading = a->support == PS_BEAM_SUPPORT_CONTINUOUS;
  a->plan.restraint = PS_BA_RESTRAINT_ENDS;
  /* Loads applied to the top flange destabilise: the conservative default. */
  a->plan.load_level = PS_LOAD_LEVEL_TOP_FLANGE;
  node = json_object_get_member (root, "design");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      design = ps_json_get_object (root, "", "design", TRUE, error);
      if (design == NULL)
        return FALSE;
    }
  if (design == NULL)
    {
      a->auto_combinations = TRUE;
      return TRUE;
    }
  if (!ps_json_get_string (design, "design", "code", FALSE, &code, error)
      || !ps_json_get_string (design, "design", "method", FALSE, &method, error)
      || !ps_json_get_string (design, "design", "equation", FALSE, &equation, error)
      || !ps_json_get_string (design, "design", "load_level", FALSE, &level, error)
      || !ps_json_get_bool (design, "design", "pattern_loading", a->pattern_loading,
                            &a->pattern_loading, error))
    return FALSE;
  if (code != NULL && g_str_equal (code, "AISC"))
    a->code = PS_LOAD_CODE_ASCE;
  else if (code != NULL && !g_str_equal (code, "EN"))
    {
      ps_json_set_error (error, "design.code", _ ("expected \"EN\" or \"AISC\", got \"%s\""), code);
      return FALSE;
    }
  if (method != NULL)
    {
      if (a->code != PS_LOAD_CODE_ASCE)
        {
          ps_json_set_error (error, "design.method",
                             _ ("only for \"code\": \"AISC\" (LRFD or ASD)"));
          return FALSE;
        }
      if (g_str_equal (method, "ASD"))
        a->method = PS_LOAD_METHOD_ASD;
      else if (!g_str_equal (method, "LRFD"))
        {
          ps_json_set_error (error, "design.method", _ ("expected \"LRFD\" or \"ASD\", got \"%s\""),
                             method);
          return FALSE;
        }
    }
  if (equation != NULL)
    {
      if (a->code != PS_LOAD_CODE_EN)
        {
          ps_json_set_error (error, "design.equation",
                             _ ("only for \"code\": \"EN\" (EN 1990 6.10 or 6.10a/b)"));
          return FALSE;
        }
      if (g_str_equal (equation, "6.10ab"))
        a->equation_6_10ab = TRUE;
      else if (!g_str_equal (equation, "6.10"))
        {
          ps_json_set_error (error, "design.equation",
                             _ ("expected \"6.10\" or \"6.10ab\", got \"%s\""), equation);
          return FALSE;
        }
    }
  if (level != NULL)
    {
      if (g_str_equal (level, "top-flange"))
        a->plan.load_level = PS_LOAD_LEVEL_TOP_FLANGE;
      else if (g_str_equal (level, "shear-centre") || g_str_equal (level, "shear-center"))
        a->plan.load_level = PS_LOAD_LEVEL_SHEAR_CENTRE;
      else if (g_str_equal (level, "bottom-flange"))
        a->plan.load_level = PS_LOAD_LEVEL_BOTTOM_FLANGE;
      else
        {
          ps_json_set_error (error, "design.load_level",
                             _ ("expected \"top-flange\", \"shear-centre\" or "
                                "\"bottom-flange\", got \"%s\""),
                             level);
          return FALSE;
        }
    }
  node = json_object_get_member (design, "lateral_restraint");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *s
          = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                ? json_node_get_string (node)
                : NULL;

      if (g_strcmp0 (s, "continuous") == 0)
        a->plan.restraint = PS_BA_RESTRAINT_CONTINUOUS;
      else if (g_strcmp0 (s, "ends") == 0)
        a->plan.restraint = PS_BA_RESTRAINT_ENDS;
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *r = json_node_get_object (node);

          if (!ps_json_check_keys (r, "design.lateral_restraint", restraint_keys, error)
              || !ps_json_get_quantity (r, "design.lateral_restraint", "spacing", TRUE,
                                        PS_QTY_LENGTH, PS_CHECK_POSITIVE,
                                        &a->plan.restraint_spacing, error))
            return FALSE;
          a->plan.restraint = PS_BA_RESTRAINT_SPACING;
        }
      else
        {
          ps_json_set_error (error, "design.lateral_restraint",
                             _ ("expected \"continuous\", \"ends\" or {\"spacing\": a length}"));
          return FALSE;
        }
    }
  node = json_object_get_member (design, "deflection");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *d = ps_json_get_object (design, "design", "deflection", TRUE, error);

      if (d == NULL || !ps_json_check_keys (d, "design.deflection", deflection_keys, error)
          || !parse_ratio (d, "design.deflection", "total", &a->plan.limit_ratio_total, error)
          || !parse_ratio (d, "design.deflection", "variable", &a->plan.limit_ratio_variable,
                           error))
        return FALSE;
    }
  return parse_combinations (a, json_object_get_member (design, "combinations"), l, error);
}

/* What the generated combinations need of the cases. */
static gboolean
check_cases_for_code (const PsBeamActions *a, GError **error)
{
  for (guint i = 0; i < a->n_cases; i++)
    {
      const PsBeamActionCase *c = &a->cases[i];
      g_autofree char *path = ps_json_path ("cases", c->name);

      if (a->code == PS_LOAD_CODE_EN && c->type != PS_CASE_PERMANENT && isnan (c->psi[0]))
        {
          g_autofree char *p = ps_json_path (path, "category");

          ps_json_set_error (error, p,
                             _ ("missing: an imposed case needs its EN 1990 category (\"A\" "
                                "to \"H\") or \"psi\" for the combinations"));
          return FALSE;
        }
      if (a->code == PS_LOAD_CODE_ASCE && case_symbol (c) < 0)
        {
          g_autofree char *p = ps_json_path (path, "type");

          ps_json_set_error (error, p,
                             _ ("ASCE 7's basic combinations have no %s load: give "
                                "\"design.combinations\" as a list"),
                             ps_beam_case_type_name (c->type));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * The study
 * ------------------------------------------------------------------------------ */

gboolean
ps_beam_actions_wanted (JsonObject *root)
{
  JsonNode *beam = json_object_get_member (root, "beam");

  return beam != NULL && JSON_NODE_HOLDS_OBJECT (beam)
         && json_object_has_member (json_node_get_object (beam), "loads");
}

void
ps_beam_actions_free (PsBeamActions *a)
{
  if (a == NULL)
    return;
  for (guint s = 0; s < a->n_spans; s++)
    ps_param_clear (&a->span[s]);
  for (guint i = 0; i < a->n_loads; i++)
    clear_load (&a->loads[i]);
  g_free (a->loads);
  for (guint i = 0; i < a->n_cases; i++)
    g_free (a->cases[i].name);
  g_free (a->combos);
  if (a->combo_names != NULL)
    g_strfreev (a->combo_names);
  g_free (a->params);
  if (a->param_paths != NULL)
    g_strfreev (a->param_paths);
  g_free (a);
}

static void
add_param (GPtrArray *params, GPtrArray *paths, PsParam *p, char *path)
{
  g_ptr_array_add (params, p);
  g_ptr_array_add (paths, path);
}

static void
build_params (PsBeamActions *a)
{
  GPtrArray *params = g_ptr_array_new ();
  GPtrArray *paths = g_ptr_array_new ();

  for (guint s = 0; s < a->n_spans; s++)
    add_param (params, paths, &a->span[s],
               a->support == PS_BEAM_SUPPORT_CONTINUOUS ? g_strdup_printf ("beam.spans[%u]", s)
                                                        : g_strdup ("beam.span"));
  for (guint i = 0; i < a->n_loads; i++)
    {
      PsBeamLoadSpec *l = &a->loads[i];

      if (l->type != PS_BA_DISTRIBUTED || l->uniform)
        add_param (params, paths, &l->value, ps_json_path (l->path, "value"));
      if (l->type == PS_BA_DISTRIBUTED && !l->uniform)
        {
          add_param (params, paths, &l->start, ps_json_path (l->path, "start"));
          add_param (params, paths, &l->end, ps_json_path (l->path, "end"));
        }
      if (l->type != PS_BA_DISTRIBUTED && l->at == PS_BEAM_AT_VALUE)
        add_param (params, paths, &l->position, ps_json_path (l->path, "position"));
      if (l->has_from)
        add_param (params, paths, &l->from, ps_json_path (l->path, "from"));
      if (l->has_to)
        add_param (params, paths, &l->to, ps_json_path (l->path, "to"));
    }
  a->n_params = params->len;
  g_ptr_array_add (paths, NULL);
  a->params = (PsParam **)g_ptr_array_free (params, FALSE);
  a->param_paths = (char **)g_ptr_array_free (paths, FALSE);
}

PsBeamActions *
ps_beam_actions_new (JsonObject *root, GError **error)
{
  g_autoptr (PsBeamActions) a = g_new0 (PsBeamActions, 1);
  JsonObject *beam;
  ComboList l;
  gboolean ok;

  a->self_weight_case = -1;
  beam = ps_json_get_object (root, "", "beam", TRUE, error);
  if (beam == NULL || !parse_support (a, beam, error) || !parse_cases (a, root, error)
      || !parse_loads (a, beam, error)
      || !ps_json_get_bool (beam, "beam", "self_weight", FALSE, &a->self_weight, error))
    return NULL;
  if (a->self_weight)
    {
      a->self_weight_case = find_case (a, "G");
      if (a->self_weight_case < 0 || a->cases[a->self_weight_case].type != PS_CASE_PERMANENT)
        {
          ps_json_set_error (error, "beam.self_weight",
                             _ ("the self-weight belongs to case \"G\": declare "
                                "\"G\": {\"type\": \"permanent\"} in \"cases\""));
          return NULL;
        }
    }

  l.combos = g_array_new (FALSE, TRUE, sizeof (PsBaCombo));
  l.names = g_ptr_array_new_with_free_func (g_free);
  ok = parse_design (a, root, &l, error);
  if (ok && a->auto_combinations)
    {
      ok = check_cases_for_code (a, error);
      if (ok && a->code == PS_LOAD_CODE_EN)
        generate_en (a, &l);
      else if (ok)
        generate_asce (a, &l);
    }
  if (ok && l.combos->len == 0)
    {
      ps_json_set_error (error, "design.combinations",
                         _ ("the cases give no combination: declare at least one case whose "
                            "type the code combines"));
      ok = FALSE;
    }
  a->n_combos = l.combos->len;
  a->combos = (PsBaCombo *)g_array_free (l.combos, FALSE);
  g_ptr_array_add (l.names, NULL);
  a->combo_names = (char **)g_ptr_array_free (l.names, FALSE);
  if (!ok)
    return NULL;

  build_patterns (a);
  a->plan.n_cases = (int)a->n_cases;
  for (guint i = 0; i < a->n_cases; i++)
    {
      a->plan.variable[i] = a->cases[i].type != PS_CASE_PERMANENT;
      /* Without a category (ASCE 7 studies) no psi2 is known; the psi2-weighted
       * deflection then counts the case as short-lived. */
      a->plan.psi2[i] = isnan (a->cases[i].psi[2]) ? 0.0 : a->cases[i].psi[2];
      a->plan.duration[i] = case_duration (&a->cases[i]);
    }
  a->plan.n_combos = (int)a->n_combos;
  a->plan.combo = a->combos;
  a->max_segments = (int)(a->n_spans + 1) + 2 * (int)(a->n_loads + (a->self_weight ? 1 : 0)) - 1;
  build_params (a);
  return g_steal_pointer (&a);
}

guint
ps_beam_actions_get_n_params (const PsBeamActions *a)
{
  return a->n_params;
}

PsParam *
ps_beam_actions_get_param (const PsBeamActions *a, guint k)
{
  g_return_val_if_fail (k < a->n_params, NULL);
  return a->params[k];
}

const char *
ps_beam_actions_get_param_path (const PsBeamActions *a, guint k)
{
  g_return_val_if_fail (k < a->n_params, NULL);
  return a->param_paths[k];
}

guint
ps_beam_actions_get_n_combinations (const PsBeamActions *a)
{
  return a->n_combos;
}

const char *
ps_beam_actions_get_combination_name (const PsBeamActions *a, guint k)
{
  g_return_val_if_fail (k < a->n_combos, NULL);
  return a->combo_names[k];
}

const PsBaCombo *
ps_beam_actions_get_combination (const PsBeamActions *a, guint k)
{
  g_return_val_if_fail (k < a->n_combos, NULL);
  return &a->combos[k];
}

int
ps_beam_actions_find_combination (const PsBeamActions *a, const char *name)
{
  for (guint k = 0; k < a->n_combos; k++)
    if (g_str_equal (a->combo_names[k], name))
      return (int)k;
  return -1;
}

/* ---------------------------------------------------------------------------------
 * Configurations
 * ------------------------------------------------------------------------------ */

static double
take (const PsBeamActions *a, const guint64 *index, guint *k)
{
  const PsParam *p = a->params[*k];
  guint64 i = index != NULL ? index[*k] : 0;

  (*k)++;
  return p->values[i < p->count ? i : p->count - 1];
}

static char *
fmt_m (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", v));
}

gboolean
ps_beam_actions_config (const PsBeamActions *a, const guint64 *index, double EI, double self_weight,
                        PsBaConfig *c, char **error_message)
{
  guint k = 0;
  double L;
  int bad, code;

  c->n_spans = (int)a->n_spans;
  c->left = a->left;
  c->right = a->right;
  c->EI = EI;
  c->x[0] = 0.0;
  for (guint s = 0; s < a->n_spans; s++)
    c->x[s + 1] = c->x[s] + take (a, index, &k);
  L = c->x[a->n_spans];
  c->n_loads = 0;
  for (guint i = 0; i < a->n_loads; i++)
    {
      const PsBeamLoadSpec *spec = &a->loads[i];
      PsBaLoad *l = &c->load[c->n_loads++];

      l->type = spec->type;
      l->lc = spec->lc;
      l->b = l->v2 = 0.0;
      if (spec->type != PS_BA_DISTRIBUTED)
        {
          l->v1 = take (a, index, &k);
          l->a = spec->at == PS_BEAM_AT_MIDSPAN    ? 0.5 * L
                 : spec->at == PS_BEAM_AT_FREE_END ? L
                                                   : take (a, index, &k);
          continue;
        }
      if (spec->uniform)
        l->v1 = l->v2 = take (a, index, &k);
      else
        {
          l->v1 = take (a, index, &k);
          l->v2 = take (a, index, &k);
        }
      l->a = spec->has_from ? take (a, index, &k) : 0.0;
      l->b = spec->has_to ? take (a, index, &k) : L;
    }
  if (a->self_weight && self_weight != 0.0)
    {
      PsBaLoad *l = &c->load[c->n_loads++];

      l->type = PS_BA_DISTRIBUTED;
      l->lc = a->self_weight_case;
      l->a = 0.0;
      l->b = L;
      l->v1 = l->v2 = self_weight;
    }

  code = ps_ba_config_error (c, &bad);
  if (code == 0)
    return TRUE;
  if (error_message != NULL)
    {
      const PsBaLoad *l = &c->load[bad];
      const char *path = a->loads[bad].path;
      g_autofree char *sL = fmt_m (L), *sa = fmt_m (l->a), *sb = fmt_m (l->b);

      /* A reason written into results files: English, numbers in the C locale. */
      if (code == 2)
        *error_message = g_strdup_printf ("%s.from: %s m is not less than to (%s m)", path, sa, sb);
      else if (l->type != PS_BA_DISTRIBUTED)
        *error_message
            = g_strdup_printf ("%s.position: %s m lies outside the beam (0 to %s m)", path, sa, sL);
      else if (!(l->a >= 0.0 && l->a <= L))
        *error_message
            = g_strdup_printf ("%s.from: %s m lies outside the beam (0 to %s m)", path, sa, sL);
      else
        *error_message
            = g_strdup_printf ("%s.to: %s m lies outside the beam (0 to %s m)", path, sb, sL);
    }
  return FALSE;
}

/* The unit responses of a configuration's loads (ps_beam_actions_evaluate()). The
 * analysis is linear in the load values, so each case's piece on each span (the
 * states and reactions ps_ba_pieces() computes) is the sum over the case's loads of
 * value times the piece of that load at unit value. Those unit pieces depend on
 * everything but the values: the spans, the ends, each load's type, case, position
 * and extent, and whether a distributed load is uniform. They are kept with that key
 * and recomputed when it changes; consecutive configurations of a sweep mostly
 * differ only in the values (the innermost parameter), and the self-weight and EI,
 * which the section changes, are a value and a factor of the deflections. A
 * linearly varying load has two unit pieces, its start and end intensities. */
typedef struct
{
  int load;  /* index into PsBaConfig.load */
  int value; /* 0: v1 (and v2 of a uniform load), 1: v2 */
} PsBeamUnit;

struct _PsBeamWork
{
  PsBaWork w;
  double *mem;
  gboolean cache; /* ps_beam_actions_work_set_cache() */
  gboolean key_valid;
  PsBaConfig key; /* the geometry and loads of the unit pieces; v1 = v2 = 1 */
  PsBaConfig one; /* one load at a time, for computing them */
  int n_units, max_units;
  PsBeamUnit *unit;
  /* [unit][span][segment] and [unit][span][PS_BA_RSTRIDE], as PsBaWork.piece. */
  PsBaState *unit_st;
  double *unit_r;
  gboolean *unit_used; /* [unit][span] */
  PsBaSegments seg;    /* the segments of the key */
};

PsBeamWork *
ps_beam_actions_work_new (const PsBeamActions *a)
{
  PsBeamWork *work = g_new0 (PsBeamWork, 1);
  size_t n = ps_ba_work_doubles ((int)a->n_cases, (int)a->n_spans, a->max_segments);
  size_t per = (size_t)a->n_spans * (size_t)a->max_segments;

  work->mem = g_new0 (double, n);
  ps_ba_work_init (&work->w, work->mem, (int)a->n_cases, (int)a->n_spans, a->max_segments);
  work->cache = TRUE;
  work->max_units = 2 * (int)(a->n_loads + 1);
  work->unit = g_new0 (PsBeamUnit, (size_t)work->max_units);
  work->unit_st = g_new0 (PsBaState, (size_t)work->max_units * per);
  work->unit_r = g_new0 (double, (size_t)work->max_units * a->n_spans * PS_BA_RSTRIDE);
  work->unit_used = g_new0 (gboolean, (size_t)work->max_units * a->n_spans);
  return work;
}

void
ps_beam_actions_work_free (PsBeamWork *work)
{
  if (work == NULL)
    return;
  g_free (work->mem);
  g_free (work->unit);
  g_free (work->unit_st);
  g_free (work->unit_r);
  g_free (work->unit_used);
  g_free (work);
}

PsBaWork *
ps_beam_work_get (PsBeamWork *work)
{
  return &work->w;
}

void
ps_beam_actions_work_set_cache (PsBeamWork *work, gboolean cache)
{
  work->cache = cache;
  work->key_valid = FALSE;
  work->w.no_memo = !cache;
}

/* Whether the unit pieces in @work are those of @c: everything equal but the load
 * values, and each distributed load uniform in both or in neither. */
static gboolean
key_matches (const PsBeamWork *work, const PsBaConfig *c)
{
  const PsBaConfig *k = &work->key;

  if (!work->key_valid || k->n_spans != c->n_spans || k->left != c->left || k->right != c->right
      || k->n_loads != c->n_loads)
    return FALSE;
  for (int j = 0; j <= c->n_spans; j++)
    if (k->x[j] != c->x[j])
      return FALSE;
  for (int i = 0; i < c->n_loads; i++)
    {
      const PsBaLoad *a = &k->load[i], *b = &c->load[i];

      if (a->type != b->type || a->lc != b->lc || a->a != b->a)
        return FALSE;
      if (b->type == PS_BA_DISTRIBUTED && (a->b != b->b || (a->v1 == a->v2) != (b->v1 == b->v2)))
        return FALSE;
    }
  return TRUE;
}

static PsBaState *
unit_states (const PsBeamWork *work, int u, int s)
{
  const PsBaWork *w = &work->w;

  return work->unit_st + ((size_t)u * (size_t)w->n_spans + (size_t)s) * (size_t)w->max_segments;
}

static double *
unit_reactions (const PsBeamWork *work, int u, int s)
{
  return work->unit_r + ((size_t)u * (size_t)work->w.n_spans + (size_t)s) * PS_BA_RSTRIDE;
}

/* The unit pieces of @c's loads, as ps_ba_pieces() computes a case's pieces, on the
 * segments of the whole configuration. */
static void
units_build (PsBeamWork *work, const PsBaConfig *c)
{
  PsBaWork *w = &work->w;
  int nseg;

  work->key = *c;
  ps_ba_segments (c, &w->seg);
  work->seg = w->seg;
  nseg = w->seg.n_breaks - 1;
  if (c->right != PS_BA_FREE)
    ps_ba_factor (c, w);
  work->one = *c;
  work->one.n_loads = 1;
  work->n_units = 0;
  for (int i = 0; i < c->n_loads; i++)
    {
      const PsBaLoad *l = &c->load[i];
      int n_values = l->type == PS_BA_DISTRIBUTED && l->v1 != l->v2 ? 2 : 1;

      for (int v = 0; v < n_values; v++)
        {
          int u = work->n_units++;
          PsBaLoad *one = &work->one.load[0];

          g_assert (u < work->max_units);
          work->unit[u].load = i;
          work->unit[u].value = v;
          *one = *l;
          one->v1 = n_values == 1 || v == 0 ? 1.0 : 0.0;
          one->v2 = l->type != PS_BA_DISTRIBUTED ? 0.0 : n_values == 1 || v == 1 ? 1.0 : 0.0;
          for (int s = 0; s < c->n_spans; s++)
            {
              PsBaState *st = unit_states (work, u, s);
              double *r = unit_reactions (work, u, s);
              gboolean used = ps_ba_span_loaded (&work->one, l->lc, s);

              work->unit_used[u * c->n_spans + s] = used;
              if (!used)
                continue;
              ps_ba_state_zero (st, nseg);
              for (int j = 0; j < PS_BA_RSTRIDE; j++)
                r[j] = 0.0;
              if (c->right == PS_BA_FREE)
                ps_ba_cantilever_piece (&work->one, w, l->lc, st, r);
              else
                ps_ba_span_piece (&work->one, w, l->lc, s, st, r);
            }
        }
    }
  /* The key keeps of the values only whether each distributed load is uniform. */
  for (int i = 0; i < c->n_loads; i++)
    {
      PsBaLoad *k = &work->key.load[i];

      k->v1 = 1.0;
      k->v2 = c->load[i].v1 == c->load[i].v2 ? 1.0 : 0.0;
    }
  work->key_valid = TRUE;
}

/* The pieces of @c as the unit pieces weighted by its load values (ps_ba_pieces()). */
static void
units_combine (PsBeamWork *work, const PsBaConfig *c)
{
  PsBaWork *w = &work->w;
  int nseg = work->seg.n_breaks - 1;

  w->seg = work->seg;
  for (int lc = 0; lc < w->n_cases; lc++)
    for (int s = 0; s < c->n_spans; s++)
      w->used[lc * PS_BA_MAX_SPANS + s] = FALSE;
  for (int u = 0; u < work->n_units; u++)
    {
      const PsBaLoad *l = &c->load[work->unit[u].load];
      double f = work->unit[u].value == 0 ? l->v1 : l->v2;

      for (int s = 0; s < c->n_spans; s++)
        {
          PsBaState *st = ps_ba_piece_states (w, l->lc, s);
          double *r = ps_ba_piece_reactions (w, l->lc, s);
          const double *ur = unit_reactions (work, u, s);
          int *used = &w->used[l->lc * PS_BA_MAX_SPANS + s];

          if (!work->unit_used[u * c->n_spans + s])
            continue;
          if (!*used)
            {
              *used = TRUE;
              ps_ba_state_zero (st, nseg);
              for (int j = 0; j < PS_BA_RSTRIDE; j++)
                r[j] = 0.0;
            }
          ps_ba_state_axpy (st, f, unit_states (work, u, s), nseg);
          for (int j = 0; j < PS_BA_RSTRIDE; j++)
            r[j] += f * ur[j];
        }
    }
}

void
ps_beam_actions_evaluate (const PsBeamActions *a, const PsBaConfig *cfg, PsBeamWork *work,
                          PsBaComboResult *results, PsBaEnvelope *envelope)
{
  if (!work->cache)
    {
      ps_ba_evaluate (&a->plan, cfg, &work->w, results, envelope);
      return;
    }
  if (!key_matches (work, cfg))
    units_build (work, cfg);
  units_combine (work, cfg);
  ps_ba_combine (&a->plan, cfg, &work->w, results, envelope);
}

/* ---------------------------------------------------------------------------------
 * Diagrams
 * ------------------------------------------------------------------------------ */

void
ps_beam_diagram_free (PsBeamDiagram *d)
{
  if (d == NULL)
    return;
  g_free (d->x);
  g_free (d->V);
  g_free (d->M);
  g_free (d->w);
  g_free (d);
}

static int
cmp_double (gconstpointer pa, gconstpointer pb)
{
  double a = *(const double *)pa, b = *(const double *)pb;

  return a < b ? -1 : a > b ? 1 : 0;
}

PsBeamDiagram *
ps_beam_actions_diagram (const PsBeamActions *a, const PsBaConfig *cfg, PsBeamWork *work,
                         int combination, guint n_stations)
{
  PsBaWork *w = &work->w;
  g_autofree PsBaComboResult *res = g_new0 (PsBaComboResult, a->n_combos);
  PsBaEnvelope env;
  PsBeamDiagram *d = g_new0 (PsBeamDiagram, 1);
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double L = ps_ba_length (cfg), wabs[PS_BA_MAX_SPANS], xw[PS_BA_MAX_SPANS];
  GArray *ax, *aV, *aM, *aw;

  ps_beam_actions_evaluate (a, cfg, work, res, &env);
  if (combination < 0 || (guint)combination >= a->n_combos)
    {
      combination = env.combo_M_sag;
      if (env.combo_M_hog >= 0 && env.actions.M_Ed_hog > env.actions.M_Ed_sag)
        combination = env.combo_M_hog;
      if (combination < 0)
        combination = 0;
    }
  d->combination = combination;
  d->pattern = res[combination].pattern_M;
  ps_ba_combo_parts (&a->plan, combination, 0, w);
  ps_ba_arrange (w, d->pattern, 0);
  ps_ba_forces (&w->seg, w->tot, &d->forces);
  ps_ba_deflections (&w->seg, w->tot, cfg->n_spans, wabs, xw);
  d->w_max = -1.0;
  for (int s = 0; s < cfg->n_spans; s++)
    if (wabs[s] / cfg->EI > d->w_max)
      {
        d->w_max = wabs[s] / cfg->EI;
        d->x_w = xw[s];
      }

  d->n_supports = (guint)ps_ba_n_supports (cfg);
  for (guint j = 0; j < d->n_supports; j++)
    {
      d->x_support[j] = cfg->x[j];
      d->R[j] = w->rtot[j];
    }
  d->fixed[0] = cfg->left == PS_BA_FIXED;
  d->fixed[1] = cfg->right == PS_BA_FIXED;
  d->M_end[0] = w->rtot[PS_BA_R_LEFT_MOMENT];
  d->M_end[1] = w->rtot[PS_BA_R_RIGHT_MOMENT];

  n_stations = MAX (n_stations, 201);
  for (guint i = 0; i < n_stations; i++)
    {
      double x = i + 1 == n_stations ? L : L * (double)i / (double)(n_stations - 1);

      g_array_append_val (xs, x);
    }
  for (int i = 0; i < w->seg.n_breaks; i++)
    g_array_append_val (xs, w->seg.x[i]);
  g_array_append_val (xs, d->forces.x_M_max);
  g_array_append_val (xs, d->forces.x_M_min);
  g_array_append_val (xs, d->forces.x_V);
  for (int s = 0; s < cfg->n_spans; s++)
    g_array_append_val (xs, xw[s]);
  g_array_sort (xs, cmp_double);

  ax = g_array_new (FALSE, FALSE, sizeof (double));
  aV = g_array_new (FALSE, FALSE, sizeof (double));
  aM = g_array_new (FALSE, FALSE, sizeof (double));
  aw = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0, b = 0; i < xs->len; i++)
    {
      double x = g_array_index (xs, double, i);
      gboolean is_break;

      if (i > 0 && x == g_array_index (xs, double, i - 1))
        continue;
      while (b < (guint)w->seg.n_breaks && w->seg.x[b] < x)
        b++;
      is_break = b < (guint)w->seg.n_breaks && w->seg.x[b] == x;
      /* Both sides of an inner breakpoint, where V (or M) may jump. */
      for (int side = 0; side < 2; side++)
        {
          double V, M, T, W;

          if (side == 0 && !(is_break && x > 0.0))
            continue;
          if (side == 1 && is_break && x >= L)
            continue;
          ps_ba_at (&w->seg, w->tot, x, side, &V, &M, &T, &W);
          W /= cfg->EI;
          g_array_append_val (ax, x);
          g_array_append_val (aV, V);
          g_array_append_val (aM, M);
          g_array_append_val (aw, W);
        }
    }
  d->n = ax->len;
  d->x = (double *)g_array_free (ax, FALSE);
  d->V = (double *)g_array_free (aV, FALSE);
  d->M = (double *)g_array_free (aM, FALSE);
  d->w = (double *)g_array_free (aw, FALSE);
  return d;
}

static void
add_column (JsonBuilder *b, const char *name, const double *v, guint n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, v[i]);
  json_builder_end_array (b);
}

void
ps_beam_diagram_to_json (const PsBeamActions *a, const PsBeamDiagram *d, JsonBuilder *b)
{
  const PsBaCombo *cb = &a->combos[d->combination];

  json_builder_set_member_name (b, "combination");
  json_builder_add_string_value (b, a->combo_names[d->combination]);
  json_builder_set_member_name (b, "limit");
  json_builder_add_string_value (b, cb->limit == PS_BA_ULS ? "ULS" : "SLS");
  json_builder_set_member_name (b, "loaded_spans");
  json_builder_begin_array (b);
  for (guint s = 0; s < a->n_spans; s++)
    if (d->pattern >> s & 1u)
      json_builder_add_int_value (b, s + 1);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "reactions");
  json_builder_begin_array (b);
  for (guint j = 0; j < d->n_supports; j++)
    {
      json_builder_begin_object (b);
      ps_json_add_number (b, "x_m", d->x_support[j]);
      ps_json_add_number (b, "R_N", d->R[j]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "end_moments");
  json_builder_begin_array (b);
  for (int e = 0; e < 2; e++)
    if (d->fixed[e])
      {
        json_builder_begin_object (b);
        ps_json_add_number (b, "x_m", e == 0 ? 0.0 : d->x[d->n - 1]);
        ps_json_add_number (b, "M_Nm", d->M_end[e]);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "extrema");
  json_builder_begin_object (b);
  ps_json_add_number (b, "M_max_Nm", d->forces.M_max);
  ps_json_add_number (b, "x_M_max_m", d->forces.x_M_max);
  ps_json_add_number (b, "M_min_Nm", d->forces.M_min);
  ps_json_add_number (b, "x_M_min_m", d->forces.x_M_min);
  ps_json_add_number (b, "V_max_N", d->forces.V_abs);
  ps_json_add_number (b, "x_V_max_m", d->forces.x_V);
  ps_json_add_number (b, "w_max_m", d->w_max);
  ps_json_add_number (b, "x_w_max_m", d->x_w);
  json_builder_end_object (b);

  add_column (b, "x_m", d->x, d->n);
  add_column (b, "V_N", d->V, d->n);
  add_column (b, "M_Nm", d->M, d->n);
  add_column (b, "w_m", d->w, d->n);
}
