#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-beam-design.h"
#include "ps-beam.h"
#include "ps-beam-sections-private.h"
#include "ps-error.h"
#include "study/ps-json.h"
#include "ps-tables.h"
#include "study/ps-study-private.h"

/* The closed forms of each support and load case, and the evaluation of one
 * configuration, are in ps-beam-math-private.h: the gpu backend's kernel calls the same
 * functions. */

double
ps_beam_deflection_coefficient (PsSupport support, PsLoadCase load_case)
{
  PsBeamCaseCoef c = ps_beam_case_coef (support);

  return load_case == PS_LOAD_UNIFORM ? c.cqd : c.cPd;
}

gboolean
ps_beam_case_from_names (const char *support, const char *load, PsSupport *s, PsLoadCase *load_case)
{
  static const char *supports[]
      = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (supports); i++)
    if (g_strcmp0 (support, supports[i]) == 0)
      break;
  if (i == G_N_ELEMENTS (supports))
    return FALSE;
  *s = (PsSupport)i;
  if (g_strcmp0 (load, "uniform") == 0)
    *load_case = PS_LOAD_UNIFORM;
  else if (g_strcmp0 (load, "point-midspan") == 0
           && (*s == PS_SUPPORT_SIMPLY_SUPPORTED || *s == PS_SUPPORT_FIXED_FIXED))
    *load_case = PS_LOAD_POINT_MIDSPAN;
  else if (g_strcmp0 (load, "point-free-end") == 0 && *s == PS_SUPPORT_CANTILEVER)
    *load_case = PS_LOAD_POINT_FREE_END;
  else
    return FALSE;
  return TRUE;
}

const char *
ps_beam_support_name (PsSupport support)
{
  static const char *names[]
      = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever" };
  return names[support];
}

const char *
ps_beam_load_case_name (PsLoadCase load_case)
{
  static const char *names[] = { "point load at midspan", "point load at the free end",
                                 "point load at distance a", "uniform load" };
  return names[load_case];
}

static const char *out_names[PS_BEAM_N_OUT] = {
  "deflection",     "moment", "shear", "stress", "utilisation", "span_deflection_ratio",
  "mass_per_metre",
};
static const char *out_units[PS_BEAM_N_OUT] = { "m", "N*m", "N", "Pa", "", "", "kg/m" };

const char *
ps_beam_out_name (PsBeamOut out)
{
  return out_names[out];
}

const char *
ps_beam_out_unit (PsBeamOut out)
{
  return out_units[out];
}

/* ---------------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------------ */

static void
model_free (gpointer data)
{
  PsBeamModel *m = data;

  for (guint i = 0; i < m->n_materials; i++)
    {
      g_free (m->materials[i].name);
      g_free (m->materials[i].csv);
    }
  g_free (m->materials);
  for (guint64 i = 0; i < m->n_sections; i++)
    {
      g_free (m->sections[i].label);
      g_free (m->sections[i].error);
      g_free (m->sections[i].csv);
    }
  g_free (m->sections);
  if (m->span_csv)
    for (guint64 i = 0; i < m->span.count; i++)
      g_free (m->span_csv[i]);
  if (m->load_csv)
    for (guint64 i = 0; i < m->load.count; i++)
      g_free (m->load_csv[i]);
  if (m->position_csv)
    for (guint64 i = 0; i < m->position.count; i++)
      g_free (m->position_csv[i]);
  g_free (m->span_csv);
  g_free (m->load_csv);
  g_free (m->position_csv);
  ps_param_clear (&m->span);
  ps_param_clear (&m->load);
  ps_param_clear (&m->position);
  g_free (m->limit_text);
  ps_beam_design_free (m->design);
  g_free (m);
}

static gboolean
parse_material (JsonNode *node, const char *path, GArray *materials, GError **error)
{
  PsBeamMaterial m = { 0 };

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (node);
      const PsMaterialInfo *info = ps_materials_lookup (name);

      if (info == NULL)
        {
          GString *names = g_string_new (NULL);

          for (guint i = 0; i < ps_materials_get_n (); i++)
            g_string_append_printf (names, "%s%s", i ? ", " : "", ps_materials_get_nth (i)->name);
          ps_json_set_error (error, path,
                             _ ("unknown material \"%s\" (built-in: %s; or an object "
                                "with name, E, strength, density)"),
                             name, names->str);
          g_string_free (names, TRUE);
          return FALSE;
        }
      m.name = g_strdup (info->name);
      m.E = info->E;
      m.f_d = info->f_d;
      m.density = info->density;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      static const char *const keys[] = { "name", "E", "strength", "density", NULL };
      JsonObject *obj = json_node_get_object (node);
      const char *name = NULL;

      if (!ps_json_check_keys (obj, path, keys, error)
          || !ps_json_get_string (obj, path, "name", FALSE, &name, error)
          || !ps_json_get_quantity (obj, path, "E", TRUE, PS_QTY_STRESS, PS_CHECK_POSITIVE, &m.E,
                                    error)
          || !ps_json_get_quantity (obj, path, "strength", TRUE, PS_QTY_STRESS, PS_CHECK_POSITIVE,
                                    &m.f_d, error)
          || !ps_json_get_quantity (obj, path, "density", TRUE, PS_QTY_DENSITY, PS_CHECK_POSITIVE,
                                    &m.density, error))
        return FALSE;
      m.name = g_strdup (name && *name ? name : "custom");
    }
  else
    {
      ps_json_set_error (error, path,
                         _ ("expected a material name such as \"S355\" or an object, "
                            "got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  m.csv = ps_beam_csv_text (m.name);
  m.csv_len = strlen (m.csv);
  g_array_append_val (materials, m);
  return TRUE;
}

static void
section_props (PsBeamSection *s)
{
  if (g_str_equal (s->shape, "rectangular"))
    {
      s->A = s->b * s->h;
      s->I = s->b * s->h * s->h * s->h / 12.0;
      s->W = s->b * s->h * s->h / 6.0;
    }
  else if (g_str_equal (s->shape, "circular"))
    {
      s->A = G_PI * s->d * s->d / 4.0;
      s->I = G_PI * pow (s->d, 4) / 64.0;
      s->W = G_PI * pow (s->d, 3) / 32.0;
    }
  else if (g_str_equal (s->shape, "hollow-circular"))
    {
      double di = s->D - 2.0 * s->t;

      if (!(s->t < s->D / 2.0))
        {
          char t[G_ASCII_DTOSTR_BUF_SIZE], r[G_ASCII_DTOSTR_BUF_SIZE];

          /* A reason written into results files: English, numbers in the C locale. */
          s->error = g_strdup_printf ("hollow-circular section: t = %s m must be less than D/2 = "
                                      "%s m",
                                      g_ascii_formatd (t, sizeof t, "%g", s->t),
                                      g_ascii_formatd (r, sizeof r, "%g", s->D / 2.0));
          s->A = s->I = s->W = NAN;
          return;
        }
      s->A = G_PI * (s->D * s->D - di * di) / 4.0;
      s->I = G_PI * (pow (s->D, 4) - pow (di, 4)) / 64.0;
      s->W = 2.0 * s->I / s->D;
    }
}

/* One section of a parametric entry's grid (ps_beam_section_grid()). */
static gboolean
add_parametric_section (const char *shape, const double *v, gpointer user_data)
{
  GArray *sections = user_data;
  PsBeamSection s = { 0 };

  s.shape = g_intern_string (shape);
  s.label = g_strdup (shape);
  s.b = s.h = s.d = s.D = s.t = NAN;
  if (g_str_equal (shape, "rectangular"))
    s.b = v[0], s.h = v[1];
  else if (g_str_equal (shape, "circular"))
    s.d = v[0];
  else if (g_str_equal (shape, "hollow-circular"))
    s.D = v[0], s.t = v[1];
  else
    s.I = v[0], s.W = v[1], s.A = v[2];
  section_props (&s);
  ps_beam_section_csv (&s);
  g_array_append_val (sections, s);
  return s.error == NULL;
}

static gboolean
parse_section (JsonNode *node, const char *path, GArray *sections, GError **error)
{
  const char *shape = ps_beam_section_shape (node, path, error);
  JsonObject *obj;

  if (shape == NULL)
    return FALSE;
  obj = json_node_get_object (node);
  if (g_str_equal (shape, "standard"))
    {
      g_autoptr (GPtrArray) infos = g_ptr_array_new ();

      if (!ps_beam_section_designations (obj, path, infos, error))
        return FALSE;
      for (guint i = 0; i < infos->len; i++)
        {
          const PsSectionInfo *info = infos->pdata[i];
          PsBeamSection s = { 0 };

          s.shape = "standard";
          s.label = g_strdup (info->designation);
          s.b = info->b;
          s.h = info->h;
          s.d = s.D = s.t = NAN;
          s.A = info->A;
          s.I = info->I;
          s.W = info->W;
          ps_beam_section_csv (&s);
          g_array_append_val (sections, s);
        }
      return TRUE;
    }
  if (g_str_equal (shape, "rectangular") || g_str_equal (shape, "circular")
      || g_str_equal (shape, "hollow-circular") || g_str_equal (shape, "custom"))
    {
      guint first = sections->len;
      guint64 total, invalid;

      if (!ps_beam_section_grid (obj, path, shape, ps_memory_budget () / 512,
                                 add_parametric_section, sections, &total, &invalid, error))
        return FALSE;
      if (invalid == total)
        {
          /* Nothing of this entry can be computed: that is a mistake in the file, not a
           * per-item failure. */
          ps_json_set_error (error, path, "%s",
                             g_array_index (sections, PsBeamSection, first).error);
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *p = ps_json_path (path, "shape");

    ps_json_set_error (error, p,
                       _ ("expected \"rectangular\", \"circular\", "
                          "\"hollow-circular\", \"standard\" or \"custom\", got \"%s\""),
                       shape);
    return FALSE;
  }
}

static void
clear_section (gpointer data)
{
  PsBeamSection *s = data;

  g_free (s->label);
  g_free (s->error);
  g_free (s->csv);
}

static void
clear_material (gpointer data)
{
  PsBeamMaterial *m = data;

  g_free (m->name);
  g_free (m->csv);
}

static gboolean
parse_checks (PsBeamModel *m, JsonObject *root, GError **error)
{
  static const char *const keys[] = { "deflection_limit", "safety_factor", NULL };
  JsonNode *node = json_object_get_member (root, "checks");
  JsonObject *checks;
  JsonNode *lim;

  m->limit_ratio = 250.0;
  m->limit_text = g_strdup ("L/250");
  m->safety_factor = 1.0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  checks = ps_json_get_object (root, "", "checks", TRUE, error);
  if (checks == NULL)
    return FALSE;
  if (!ps_json_check_keys (checks, "checks", keys, error))
    return FALSE;
  if (!ps_json_get_quantity (checks, "checks", "safety_factor", FALSE, PS_QTY_DIMENSIONLESS,
                             PS_CHECK_POSITIVE, &m->safety_factor, error))
    return FALSE;
  lim = json_object_get_member (checks, "deflection_limit");
  if (lim != NULL && !JSON_NODE_HOLDS_NULL (lim))
    {
      const char *text
          = JSON_NODE_HOLDS_VALUE (lim) && json_node_get_value_type (lim) == G_TYPE_STRING
                ? json_node_get_string (lim)
                : NULL;

      if (text != NULL && (text[0] == 'L' || text[0] == 'l') && text[1] == '/')
        {
          char *end;
          double r = g_ascii_strtod (text + 2, &end);

          if (end == text + 2 || *end != '\0' || !isfinite (r) || !(r > 0))
            {
              ps_json_set_error (error, "checks.deflection_limit",
                                 _ ("expected \"L/N\" with N > 0 "
                                    "such as \"L/360\", or a length such as \"20 mm\", got \"%s\""),
                                 text);
              return FALSE;
            }
          m->limit_ratio = r;
          g_free (m->limit_text);
          m->limit_text = g_strdup (text);
        }
      else
        {
          char mm[G_ASCII_DTOSTR_BUF_SIZE];

          if (!ps_json_node_quantity (lim, "checks.deflection_limit", PS_QTY_LENGTH,
                                      PS_CHECK_POSITIVE, &m->limit_abs, error))
            return FALSE;
          m->limit_ratio = 0;
          g_free (m->limit_text);
          /* Written into summary.json: the C locale's decimal point. */
          m->limit_text = g_strdup_printf (
              "%s mm", g_ascii_formatd (mm, sizeof mm, "%g", m->limit_abs * 1e3));
        }
    }
  return TRUE;
}

static gboolean
parse_load (PsBeamModel *m, JsonObject *beam, GError **error)
{
  static const char *const keys[] = { "type", "value", "position", NULL };
  JsonObject *load = ps_json_get_object (beam, "beam", "load", TRUE, error);
  const char *type = NULL;
  JsonNode *pos;

  if (load == NULL || !ps_json_check_keys (load, "beam.load", keys, error)
      || !ps_json_get_string (load, "beam.load", "type", TRUE, &type, error))
    return FALSE;
  pos = json_object_get_member (load, "position");
  if (g_str_equal (type, "uniform"))
    {
      if (pos != NULL)
        {
          ps_json_set_error (error, "beam.load.position", _ ("a uniform load has no position"));
          return FALSE;
        }
      m->load_case = PS_LOAD_UNIFORM;
      if (!ps_param_parse (json_object_get_member (load, "value"), "beam.load.value",
                           PS_QTY_FORCE_PER_LENGTH, PS_CHECK_POSITIVE, &m->load, error))
        return FALSE;
    }
  else if (g_str_equal (type, "point"))
    {
      if (pos == NULL || JSON_NODE_HOLDS_NULL (pos))
        m->load_case
            = m->support == PS_SUPPORT_CANTILEVER ? PS_LOAD_POINT_FREE_END : PS_LOAD_POINT_MIDSPAN;
      else if (JSON_NODE_HOLDS_VALUE (pos) && json_node_get_value_type (pos) == G_TYPE_STRING
               && g_str_equal (json_node_get_string (pos), "midspan"))
        m->load_case = PS_LOAD_POINT_MIDSPAN;
      else if (JSON_NODE_HOLDS_VALUE (pos) && json_node_get_value_type (pos) == G_TYPE_STRING
               && g_str_equal (json_node_get_string (pos), "free-end"))
        m->load_case = PS_LOAD_POINT_FREE_END;
      else
        {
          m->load_case = PS_LOAD_POINT_AT;
          if (!ps_param_parse (pos, "beam.load.position", PS_QTY_LENGTH, PS_CHECK_POSITIVE,
                               &m->position, error))
            return FALSE;
        }
      if (!ps_param_parse (json_object_get_member (load, "value"), "beam.load.value", PS_QTY_FORCE,
                           PS_CHECK_POSITIVE, &m->load, error))
        return FALSE;
    }
  else
    {
      ps_json_set_error (error, "beam.load.type",
                         _ ("expected \"point\" or \"uniform\", got \"%s\""), type);
      return FALSE;
    }
  if (m->position.values == NULL)
    ps_param_init_value (&m->position, PS_QTY_LENGTH, NAN);

  /* Which loads each support takes (the cases with closed forms). */
  switch (m->support)
    {
    case PS_SUPPORT_SIMPLY_SUPPORTED:
      if (m->load_case == PS_LOAD_POINT_FREE_END)
        {
          ps_json_set_error (error, "beam.load.position",
                             _ ("a simply supported beam has no free "
                                "end: use \"midspan\" or a distance from the left support"));
          return FALSE;
        }
      break;
    case PS_SUPPORT_CANTILEVER:
      if (m->load_case == PS_LOAD_POINT_MIDSPAN || m->load_case == PS_LOAD_POINT_AT)
        {
          ps_json_set_error (error, "beam.load.position",
                             _ ("a cantilever takes its point load "
                                "at \"free-end\""));
          return FALSE;
        }
      break;
    case PS_SUPPORT_FIXED_FIXED:
      if (m->load_case == PS_LOAD_POINT_FREE_END || m->load_case == PS_LOAD_POINT_AT)
        {
          ps_json_set_error (error, "beam.load.position",
                             _ ("a fixed–fixed beam takes its point "
                                "load at \"midspan\""));
          return FALSE;
        }
      break;
    case PS_SUPPORT_PROPPED_CANTILEVER:
      if (m->load_case != PS_LOAD_UNIFORM)
        {
          ps_json_set_error (error, "beam.load.type",
                             _ ("a propped cantilever takes a \"uniform\" "
                                "load"));
          return FALSE;
        }
      break;
    }
  return TRUE;
}

/* Row fields of a parameter's values, formatted once; past this many values they
 * are formatted as rows are written instead, to keep the study small. */
#define PRE_FORMAT_MAX 65536

static char **
format_values (const PsParam *p)
{
  char **out;

  if (p->count > PRE_FORMAT_MAX)
    return NULL;
  out = g_new (char *, p->count);

  for (guint64 i = 0; i < p->count; i++)
    out[i] = ps_beam_csv_number (p->values[i]);
  return out;
}

static gboolean
beam_init (PsStudy *study, JsonObject *root, GError **error)
{
  static const char *const keys[]
      = { "support", "load", "span", "section", "material", "self_weight", NULL };
  static const char *const supports[]
      = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever", NULL };
  PsBeamModel *m = g_new0 (PsBeamModel, 1);
  JsonObject *beam;
  JsonNode *node;
  const char *support = NULL;
  g_autoptr (GArray) materials = g_array_new (FALSE, TRUE, sizeof (PsBeamMaterial));
  g_autoptr (GArray) sections = g_array_new (FALSE, TRUE, sizeof (PsBeamSection));
  guint64 n = 1, table_bytes;
  guint i;

  g_array_set_clear_func (materials, clear_material);
  g_array_set_clear_func (sections, clear_section);
  study->model = m;
  study->model_free = model_free;

  if (ps_beam_design_wanted (root))
    {
      if (!ps_beam_design_init (m, root, error))
        return FALSE;
      study->n_items = m->n_items;
      return TRUE;
    }
  {
    static const char *const design_only[] = { "cases", "group_by", NULL };

    for (i = 0; design_only[i] != NULL; i++)
      if (json_object_has_member (root, design_only[i]))
        {
          ps_json_set_error (error, design_only[i],
                             _ ("only in a design study, which gives its loads as a list in "
                                "beam.loads (the single beam.load takes \"checks\")"));
          return FALSE;
        }
  }

  beam = ps_json_get_object (root, "", "beam", TRUE, error);
  if (beam == NULL || !ps_json_check_keys (beam, "beam", keys, error)
      || !ps_json_get_string (beam, "beam", "support", TRUE, &support, error))
    return FALSE;
  for (i = 0; supports[i] != NULL; i++)
    if (g_str_equal (support, supports[i]))
      break;
  if (supports[i] == NULL)
    {
      ps_json_set_error (error, "beam.support",
                         _ ("expected \"simply-supported\", \"cantilever\", "
                            "\"fixed-fixed\" or \"propped-cantilever\", got \"%s\""),
                         support);
      return FALSE;
    }
  m->support = (PsSupport)i;

  if (!parse_load (m, beam, error)
      || !ps_param_parse (json_object_get_member (beam, "span"), "beam.span", PS_QTY_LENGTH,
                          PS_CHECK_POSITIVE, &m->span, error)
      || !ps_json_get_bool (beam, "beam", "self_weight", FALSE, &m->self_weight, error))
    return FALSE;

  node = json_object_get_member (beam, "section");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      ps_json_set_error (error, "beam.section",
                         _ ("missing (expected a section object or a list)"));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      if (json_array_get_length (a) == 0)
        {
          ps_json_set_error (error, "beam.section",
                             _ ("an empty list (expected at least one section)"));
          return FALSE;
        }
      for (i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("beam.section[%u]", i);

          if (!parse_section (json_array_get_element (a, i), p, sections, error))
            return FALSE;
        }
    }
  else if (!parse_section (node, "beam.section", sections, error))
    return FALSE;

  node = json_object_get_member (beam, "material");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      ps_json_set_error (error, "beam.material",
                         _ ("missing (expected a material such as \"S355\", "
                            "an object or a list)"));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      if (json_array_get_length (a) == 0)
        {
          ps_json_set_error (error, "beam.material",
                             _ ("an empty list (expected at least one material)"));
          return FALSE;
        }
      for (i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("beam.material[%u]", i);

          if (!parse_material (json_array_get_element (a, i), p, materials, error))
            return FALSE;
        }
    }
  else if (!parse_material (node, "beam.material", materials, error))
    return FALSE;

  if (!parse_checks (m, root, error))
    return FALSE;

  m->count[PS_BEAM_DIM_MATERIAL] = materials->len;
  m->count[PS_BEAM_DIM_SECTION] = sections->len;
  m->count[PS_BEAM_DIM_SPAN] = m->span.count;
  m->count[PS_BEAM_DIM_LOAD] = m->load.count;
  m->load_ascending = TRUE;
  for (guint64 j = 1; j < m->load.count; j++)
    m->load_ascending &= m->load.values[j - 1] <= m->load.values[j];
  m->count[PS_BEAM_DIM_POSITION] = m->position.count;
  for (int d = PS_BEAM_N_DIMS - 1; d >= 0; d--)
    {
      m->stride[d] = n;
      if (__builtin_mul_overflow (n, m->count[d], &n) || n > (G_GUINT64_CONSTANT (1) << 62))
        {
          ps_json_set_error (error, "beam",
                             _ ("the grid has more than 2^62 configurations; "
                                "reduce the number of steps"));
          return FALSE;
        }
    }
  m->n_items = n;
  study->n_items = n;

  /* The value tables together must fit in memory. */
  table_bytes = sizeof (double) * (m->span.count + m->load.count + m->position.count);
  if (table_bytes > ps_memory_budget ())
    {
      const char *p = "beam.span";
      g_autofree char *need = g_format_size_full (table_bytes, G_FORMAT_SIZE_IEC_UNITS);

      if (m->load.count > m->span.count && m->load.count >= m->position.count)
        p = "beam.load.value";
      else if (m->position.count > m->span.count)
        p = "beam.load.position";
      ps_json_set_error (error, p,
                         _ ("the grid's value tables need %s, more than this machine's "
                            "memory allows"),
                         need);
      return FALSE;
    }

  m->n_materials = materials->len;
  m->materials = (PsBeamMaterial *)g_array_steal (materials, NULL);
  m->n_sections = sections->len;
  m->sections = (PsBeamSection *)g_array_steal (sections, NULL);
  m->span_csv = format_values (&m->span);
  m->load_csv = format_values (&m->load);
  m->position_csv = format_values (&m->position);
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------------------ */

void
ps_beam_item_digits (const PsBeamModel *model, guint64 item, guint64 digits[PS_BEAM_N_DIMS])
{
  for (int d = 0; d < PS_BEAM_N_DIMS; d++)
    digits[d] = (item / model->stride[d]) % model->count[d];
}

/* The study's constants (ps-beam-math-private.h). */
static void
beam_case (const PsBeamModel *m, PsBeamCase *k)
{
  ps_beam_case_init (k, m->support, m->load_case, m->self_weight, m->limit_ratio, m->limit_abs,
                     m->safety_factor);
}

/* The constants of one material, section and span; returns why the section is not
 * valid, or NULL. */
static const char *
run_coef (const PsBeamModel *m, const PsBeamCase *k, guint64 im, guint64 is, guint64 iL,
          PsBeamRunCoef *r)
{
  const PsBeamMaterial *mat = &m->materials[im];
  const PsBeamSection *sec = &m->sections[is];

  ps_beam_run_coef (k, mat->E, mat->f_d, mat->density, sec->A, sec->I, sec->W, m->span.values[iL],
                    r);
  return sec->error;
}

/* ps_beam_point_at_outputs (), with the reason for a load outside the span. */
static gboolean
point_at_outputs (const PsBeamRunCoef *r, double P, double a, PsBeamOutputs *o,
                  char **error_message)
{
  if (!ps_beam_point_inside (r, a))
    {
      char sa[G_ASCII_DTOSTR_BUF_SIZE], sL[G_ASCII_DTOSTR_BUF_SIZE];

      /* A reason written into results files: English, numbers in the C locale. */
      if (error_message)
        *error_message = g_strdup_printf ("the load position a = %s m is not inside the span "
                                          "(0, %s m)",
                                          g_ascii_formatd (sa, sizeof sa, "%g", a),
                                          g_ascii_formatd (sL, sizeof sL, "%g", r->L));
      return FALSE;
    }
  return ps_beam_point_at_outputs (r, P, a, o);
}

static void
summary_add (PsBeamSummary *s, const PsBeamOutputs *o, guint64 item)
{
  double v[PS_BEAM_N_OUT];

  ps_beam_out_values (o, v);
  s->valid++;
  for (int k = 0; k < PS_BEAM_N_OUT; k++)
    {
      if (v[k] < s->min[k])
        s->min[k] = v[k];
      if (v[k] > s->max[k])
        s->max[k] = v[k];
    }
  s->fail_deflection += !o->pass_deflection;
  s->fail_strength += !o->pass_strength;
  if (o->pass_deflection && o->pass_strength)
    {
      s->passing++;
      if (o->mass < s->lightest_mass)
        {
          s->lightest_mass = o->mass;
          s->lightest_item = item;
        }
    }
}

static const char *
value_field (char **table, const PsParam *p, guint64 k, char *buf)
{
  char *end;

  if (table != NULL)
    return table[k];
  if (isnan (p->values[k]))
    return "";
  end = ps_fmt_double (buf, p->values[k]);
  *end = '\0';
  return buf;
}

/* One row: @v the numeric fields (PsBeamRowValue order) and @flags the checks
 * (PS_BEAM_ROW_PASS_*), or @v NULL and the reason the item has no results. */
static void
write_row_values (const PsBeamModel *m, PsBuf *rows, guint64 item, guint64 im, guint64 is,
                  guint64 iL, guint64 iP, guint64 ia, const double *v, guint flags,
                  const char *error_message)
{
  char span_buf[PS_FMT_MAX + 1], load_buf[PS_FMT_MAX + 1], pos_buf[PS_FMT_MAX + 1];
  const char *mat = m->materials[im].csv, *sec = m->sections[is].csv;
  const char *span = value_field (m->span_csv, &m->span, iL, span_buf);
  const char *load = value_field (m->load_csv, &m->load, iP, load_buf);
  gsize lm = m->materials[im].csv_len, ls = m->sections[is].csv_len;
  gsize lL = strlen (span), lP = strlen (load);
  char *p = ps_buf_reserve (rows, 24 + lm + ls + lL + lP + 40 + 11 * PS_FMT_MAX + 16
                                      + (error_message ? 2 * strlen (error_message) + 4 : 0));
  char *start = p;

  p = ps_fmt_u64 (p, item);
  *p++ = ',';
  memcpy (p, mat, lm), p += lm, *p++ = ',';
  memcpy (p, sec, ls), p += ls, *p++ = ',';
  memcpy (p, span, lL), p += lL, *p++ = ',';
  memcpy (p, load, lP), p += lP, *p++ = ',';
  if (m->load_case == PS_LOAD_POINT_AT)
    {
      const char *pos = value_field (m->position_csv, &m->position, ia, pos_buf);
      gsize lpos = strlen (pos);

      memcpy (p, pos, lpos), p += lpos, *p++ = ',';
    }
  if (v != NULL)
    {
      gboolean pass_d = (flags & PS_BEAM_ROW_PASS_DEFLECTION) != 0;
      gboolean pass_s = (flags & PS_BEAM_ROW_PASS_STRENGTH) != 0;

      for (guint k = 0; k < PS_BEAM_N_ROW; k++)
        {
          p = ps_fmt_double (p, v[k]);
          *p++ = ',';
        }
      *p++ = pass_d ? '1' : '0';
      *p++ = ',';
      *p++ = pass_s ? '1' : '0';
      *p++ = ',';
      *p++ = pass_d && pass_s ? '1' : '0';
      *p++ = ',';
    }
  else
    {
      for (int k = 0; k < 13; k++)
        *p++ = ',';
      *p++ = '"';
      for (const char *e = error_message; *e; e++)
        {
          if (*e == '"')
            *p++ = '"';
          *p++ = *e;
        }
      *p++ = '"';
    }
  *p++ = '\n';
  rows->len += (gsize)(p - start);
}

static void
write_row (const PsBeamModel *m, PsBuf *rows, guint64 item, guint64 im, guint64 is, guint64 iL,
           guint64 iP, guint64 ia, const PsBeamOutputs *o, const char *error_message)
{
  double v[PS_BEAM_N_ROW];

  if (o == NULL)
    {
      write_row_values (m, rows, item, im, is, iL, iP, ia, NULL, 0, error_message);
      return;
    }
  ps_beam_row_values (o, v);
  write_row_values (m, rows, item, im, is, iL, iP, ia, v, ps_beam_row_flags (o), NULL);
}

/* Items [j0, j1) of one group (material, section, span) where only the load varies.
 * The counts come from a branch-free loop the compiler vectorises; the extremes come
 * from the extreme loads, since every output is monotone in the load (all
 * coefficients are positive and rounding is monotone). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)                                \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("default", "avx2")))
#endif
static void
count_passing (const double *restrict x, guint64 n, double a_d, double b_d, double a_m, double b_m,
               double inv_W, double sfd, double lim, guint64 *n_def, guint64 *n_str,
               guint64 *n_both)
{
  gint64 cd = 0, cs = 0, cb = 0;

  for (guint64 j = 0; j < n; j++)
    {
      double d = a_d * x[j] + b_d;
      double u = ((a_m * x[j] + b_m) * inv_W) * sfd;
      gint64 okd = d <= lim;
      gint64 oks = u <= 1.0;

      cd += okd;
      cs += oks;
      cb += okd & oks;
    }
  *n_def = (guint64)cd;
  *n_str = (guint64)cs;
  *n_both = (guint64)cb;
}

/* Adds 1 to @bins for each load index in [a, b), by the bins' index ranges. */
static void
map_add_range (guint64 *bins, guint64 a, guint64 b, guint64 count)
{
  guint nb = ps_beam_map_n_bins (count);

  while (a < b)
    {
      guint bin = ps_beam_map_bin (a, count);
      /* The first index of the next bin: ceil ((bin + 1) count / nb). */
      guint64 next = ((guint64)(bin + 1) * count + nb - 1) / nb;
      guint64 end = MIN (b, next);

      bins[bin] += end - a;
      a = end;
    }
}

/* The map of a run of loads [j0, j1) at span @iL, @n_both of them passing. Every
 * output grows with the load (count_passing), so with the loads in increasing
 * order the passing ones are the first @n_both. */
static void
map_add_run (const PsBeamModel *m, const PsBeamRunCoef *r, guint64 iL, guint64 j0, guint64 j1,
             guint64 n_both, PsBeamSummary *s)
{
  guint sb = ps_beam_map_bin (iL, m->count[PS_BEAM_DIM_SPAN]);
  guint64 nl = m->count[PS_BEAM_DIM_LOAD];

  map_add_range (s->map_valid[sb], j0, j1, nl);
  if (m->load_ascending)
    map_add_range (s->map_passing[sb], j0, j0 + n_both, nl);
  else
    for (guint64 j = j0; j < j1; j++)
      {
        PsBeamOutputs o;

        ps_beam_fast_outputs (r, m->load.values[j], &o);
        s->map_passing[sb][ps_beam_map_bin (j, nl)] += o.pass_deflection && o.pass_strength;
      }
}

static void
eval_fast_run (const PsBeamModel *m, const PsBeamRunCoef *r, guint64 first_item, guint64 im,
               guint64 is, guint64 iL, guint64 j0, guint64 j1, PsBeamSummary *s, PsRowsMode mode,
               PsBuf *rows)
{
  const double *x = m->load.values + j0;
  guint64 n = j1 - j0, n_def, n_str, n_both;
  double xmin, xmax;
  PsBeamOutputs lo, hi;

  count_passing (x, n, r->a_d, r->b_d, r->a_m, r->b_m, r->inv_W, r->sfd, r->lim, &n_def, &n_str,
                 &n_both);
  s->valid += n;
  s->passing += n_both;
  s->fail_deflection += n - n_def;
  s->fail_strength += n - n_str;
  map_add_run (m, r, iL, j0, j1, n_both, s);

  if (m->load.kind == PS_PARAM_RANGE)
    {
      xmin = MIN (x[0], x[n - 1]);
      xmax = MAX (x[0], x[n - 1]);
    }
  else
    {
      xmin = xmax = x[0];
      for (guint64 j = 1; j < n; j++)
        {
          xmin = MIN (xmin, x[j]);
          xmax = MAX (xmax, x[j]);
        }
    }
  ps_beam_fast_outputs (r, xmin, &lo);
  ps_beam_fast_outputs (r, xmax, &hi);
  {
    double vlo[PS_BEAM_N_OUT]
        = { lo.deflection, lo.moment, lo.shear, lo.stress, lo.utilisation, hi.ratio, lo.mass };
    double vhi[PS_BEAM_N_OUT]
        = { hi.deflection, hi.moment, hi.shear, hi.stress, hi.utilisation, lo.ratio, hi.mass };

    for (int k = 0; k < PS_BEAM_N_OUT; k++)
      {
        s->min[k] = MIN (s->min[k], vlo[k]);
        s->max[k] = MAX (s->max[k], vhi[k]);
      }
  }

  if (n_both > 0 && r->mass < s->lightest_mass)
    {
      for (guint64 j = 0; j < n; j++)
        {
          PsBeamOutputs o;

          ps_beam_fast_outputs (r, x[j], &o);
          if (o.pass_deflection && o.pass_strength)
            {
              s->lightest_mass = r->mass;
              s->lightest_item = first_item + j;
              break;
            }
        }
    }

  if (mode != PS_ROWS_NONE)
    {
      for (guint64 j = 0; j < n; j++)
        {
          PsBeamOutputs o;

          ps_beam_fast_outputs (r, x[j], &o);
          if (mode == PS_ROWS_ALL || (o.pass_deflection && o.pass_strength))
            write_row (m, rows, first_item + j, im, is, iL, j0 + j, 0, &o, NULL);
        }
    }
}

static void
beam_eval (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end, gpointer summary,
           PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  const PsBeamModel *m = study->model;
  PsBeamSummary *s = summary;
  PsBeamCase c;
  guint64 inner = m->count[PS_BEAM_DIM_LOAD] * m->count[PS_BEAM_DIM_POSITION];
  guint64 item = begin;

  if (m->design != NULL)
    {
      ps_beam_design_eval (m->design, workspace, begin, end, s, errors, mode, rows);
      return;
    }
  beam_case (m, &c);
  s->items += end - begin;
  while (item < end)
    {
      guint64 im, is, iL, j0, j1;
      guint64 na = m->count[PS_BEAM_DIM_POSITION];
      PsBeamRunCoef r;
      const char *error;

      ps_beam_item_group (item, inner, m->count[PS_BEAM_DIM_SPAN], m->count[PS_BEAM_DIM_SECTION],
                          &im, &is, &iL, &j0);
      j1 = MIN (inner, j0 + (end - item));
      error = run_coef (m, &c, im, is, iL, &r);
      if (error != NULL)
        {
          for (guint64 j = j0; j < j1; j++)
            {
              ps_errors_add (errors, item + (j - j0), g_strdup (error));
              if (mode == PS_ROWS_ALL)
                write_row (m, rows, item + (j - j0), im, is, iL, j / na, j % na, NULL, error);
            }
        }
      else if (m->load_case != PS_LOAD_POINT_AT)
        eval_fast_run (m, &r, item, im, is, iL, j0, j1, s, mode, rows);
      else
        {
          for (guint64 j = j0; j < j1; j++)
            {
              guint64 iP = j / na, ia = j % na;
              PsBeamOutputs o;
              char *msg = NULL;

              if (!point_at_outputs (&r, m->load.values[iP], m->position.values[ia], &o, &msg))
                {
                  if (mode == PS_ROWS_ALL)
                    write_row (m, rows, item + (j - j0), im, is, iL, iP, ia, NULL, msg);
                  ps_errors_add (errors, item + (j - j0), msg);
                  continue;
                }
              summary_add (s, &o, item + (j - j0));
              {
                guint sb = ps_beam_map_bin (iL, m->count[PS_BEAM_DIM_SPAN]);
                guint lb = ps_beam_map_bin (iP, m->count[PS_BEAM_DIM_LOAD]);

                s->map_valid[sb][lb]++;
                s->map_passing[sb][lb] += o.pass_deflection && o.pass_strength;
              }
              if (mode == PS_ROWS_ALL
                  || (mode == PS_ROWS_PASSING && o.pass_deflection && o.pass_strength))
                write_row (m, rows, item + (j - j0), im, is, iL, iP, ia, &o, NULL);
            }
        }
      item += j1 - j0;
    }
}

static void beam_summary_init (const PsStudy *study, gpointer summary);

void
ps_beam_map_chunk (const PsStudy *study, guint64 begin, guint64 end, PsBeamSummary *s)
{
  PsBeamSummary *t = g_new (PsBeamSummary, 1);
  PsErrors errors;

  ps_errors_init (&errors);
  beam_summary_init (study, t);
  beam_eval (study, NULL, begin, end, t, &errors, PS_ROWS_NONE, NULL);
  memcpy (s->map_valid, t->map_valid, sizeof s->map_valid);
  memcpy (s->map_passing, t->map_passing, sizeof s->map_passing);
  ps_errors_clear (&errors);
  g_free (t);
}

gboolean
ps_beam_eval_item (const PsBeamModel *m, guint64 item, PsBeamOutputs *out, char **error_message)
{
  guint64 dg[PS_BEAM_N_DIMS];
  PsBeamCase c;
  PsBeamRunCoef r;
  const char *error;

  g_return_val_if_fail (item < m->n_items, FALSE);
  beam_case (m, &c);
  ps_beam_item_digits (m, item, dg);
  error = run_coef (m, &c, dg[PS_BEAM_DIM_MATERIAL], dg[PS_BEAM_DIM_SECTION], dg[PS_BEAM_DIM_SPAN],
                    &r);
  if (error != NULL)
    {
      if (error_message)
        *error_message = g_strdup (error);
      return FALSE;
    }
  if (m->load_case == PS_LOAD_POINT_AT)
    return point_at_outputs (&r, m->load.values[dg[PS_BEAM_DIM_LOAD]],
                             m->position.values[dg[PS_BEAM_DIM_POSITION]], out, error_message);
  ps_beam_fast_outputs (&r, m->load.values[dg[PS_BEAM_DIM_LOAD]], out);
  return TRUE;
}

void
ps_beam_write_rows (const PsBeamModel *m, guint64 first, guint64 n, PsRowsMode mode,
                    const double *const values[PS_BEAM_N_ROW], const guint8 *flags, PsBuf *rows)
{
  guint64 inner = m->count[PS_BEAM_DIM_LOAD] * m->count[PS_BEAM_DIM_POSITION];
  guint64 na = m->count[PS_BEAM_DIM_POSITION];
  guint both = PS_BEAM_ROW_PASS_DEFLECTION | PS_BEAM_ROW_PASS_STRENGTH;

  if (mode == PS_ROWS_NONE)
    return;
  for (guint64 i = 0; i < n;)
    {
      guint64 im, is, iL, j0, j1;

      /* A run of items of one material, section and span. */
      ps_beam_item_group (first + i, inner, m->count[PS_BEAM_DIM_SPAN],
                          m->count[PS_BEAM_DIM_SECTION], &im, &is, &iL, &j0);
      j1 = MIN (inner, j0 + (n - i));
      for (guint64 j = j0; j < j1; j++, i++)
        {
          double v[PS_BEAM_N_ROW];

          if (mode == PS_ROWS_PASSING && (flags[i] & both) != both)
            continue;
          for (int k = 0; k < PS_BEAM_N_ROW; k++)
            v[k] = values[k][i];
          write_row_values (m, rows, first + i, im, is, iL, j / na, j % na, v, flags[i], NULL);
        }
    }
}

/* ---------------------------------------------------------------------------------
 * Summary
 * ------------------------------------------------------------------------------ */

static PsCountUnit
beam_count_items (const PsStudy *study, guint64 items, guint64 *count)
{
  *count = items;
  return PS_COUNT_CONFIGURATIONS;
}

static guint64
beam_chunk_items (const PsStudy *study)
{
  const PsBeamModel *m = study->model;

  /* A design configuration costs microseconds (an analysis, a code check per
   * combination), a single-load one nanoseconds. */
  return m->design != NULL ? ps_beam_design_chunk_items (m->design) : 32768;
}

static gpointer
beam_workspace_new (const PsStudy *study)
{
  const PsBeamModel *m = study->model;

  return m->design != NULL ? ps_beam_design_workspace_new (m->design) : NULL;
}

static void
beam_workspace_free (gpointer ws)
{
  ps_beam_design_workspace_free (ws);
}

static void
beam_summary_init (const PsStudy *study, gpointer summary)
{
  PsBeamSummary *s = summary;

  memset (s, 0, sizeof *s);
  for (int k = 0; k < PS_BEAM_N_OUT; k++)
    {
      s->min[k] = INFINITY;
      s->max[k] = -INFINITY;
    }
  s->lightest_mass = INFINITY;
  s->lightest_item = G_MAXUINT64;
  ps_beam_design_summary_init (((const PsBeamModel *)study->model)->design, &s->design);
}

static void
beam_merge (const PsStudy *study, gpointer acc_p, gconstpointer next_p)
{
  PsBeamSummary *acc = acc_p;
  const PsBeamSummary *next = next_p;

  acc->items += next->items;
  acc->valid += next->valid;
  acc->passing += next->passing;
  acc->fail_deflection += next->fail_deflection;
  acc->fail_strength += next->fail_strength;
  for (int k = 0; k < PS_BEAM_N_OUT; k++)
    {
      acc->min[k] = MIN (acc->min[k], next->min[k]);
      acc->max[k] = MAX (acc->max[k], next->max[k]);
    }
  for (guint i = 0; i < PS_BEAM_MAP_BINS; i++)
    for (guint k = 0; k < PS_BEAM_MAP_BINS; k++)
      {
        acc->map_valid[i][k] += next->map_valid[i][k];
        acc->map_passing[i][k] += next->map_passing[i][k];
      }
  if (next->lightest_mass < acc->lightest_mass
      || (next->lightest_mass == acc->lightest_mass && next->lightest_item < acc->lightest_item))
    {
      acc->lightest_mass = next->lightest_mass;
      acc->lightest_item = next->lightest_item;
    }
  if (((const PsBeamModel *)study->model)->design != NULL)
    ps_beam_design_summary_merge (((const PsBeamModel *)study->model)->design, acc, next);
}

static void
beam_write_header (const PsStudy *study, PsBuf *buf)
{
  const PsBeamModel *m = study->model;
  GString *h;

  if (m->design != NULL)
    {
      ps_beam_design_write_header (m->design, buf);
      return;
    }
  h = g_string_new ("item,material,section,b_m,h_m,d_m,D_outer_m,t_m,A_m2,I_m4,W_m3,"
                    "span_m,");

  g_string_append (h, m->load_case == PS_LOAD_UNIFORM ? "load_N_per_m," : "load_N,");
  if (m->load_case == PS_LOAD_POINT_AT)
    g_string_append (h, "position_m,");
  g_string_append (h, "mass_kg_per_m,deflection_m,x_deflection_m,moment_N_m,x_moment_m,shear_N,"
                      "x_shear_m,stress_Pa,utilisation,span_deflection_ratio,pass_deflection,"
                      "pass_strength,pass,error\n");
  ps_buf_append (buf, h->str, h->len);
  g_string_free (h, TRUE);
}

static void
describe_item (const PsBeamModel *m, guint64 item, JsonBuilder *b)
{
  guint64 dg[PS_BEAM_N_DIMS];
  const PsBeamSection *sec;
  PsBeamOutputs o;

  ps_beam_item_digits (m, item, dg);
  sec = &m->sections[dg[PS_BEAM_DIM_SECTION]];
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, (gint64)item);
  json_builder_set_member_name (b, "material");
  json_builder_add_string_value (b, m->materials[dg[PS_BEAM_DIM_MATERIAL]].name);
  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, sec->label);
  if (!isnan (sec->b))
    ps_json_add_number (b, "b", sec->b);
  if (!isnan (sec->h))
    ps_json_add_number (b, "h", sec->h);
  if (!isnan (sec->d))
    ps_json_add_number (b, "d", sec->d);
  if (!isnan (sec->D))
    ps_json_add_number (b, "D", sec->D);
  if (!isnan (sec->t))
    ps_json_add_number (b, "t", sec->t);
  ps_json_add_number (b, "span", m->span.values[dg[PS_BEAM_DIM_SPAN]]);
  ps_json_add_number (b, "load", m->load.values[dg[PS_BEAM_DIM_LOAD]]);
  if (m->load_case == PS_LOAD_POINT_AT)
    ps_json_add_number (b, "position", m->position.values[dg[PS_BEAM_DIM_POSITION]]);
  if (ps_beam_eval_item (m, item, &o, NULL))
    {
      ps_json_add_number (b, "mass_per_metre", o.mass);
      ps_json_add_number (b, "deflection", o.deflection);
      ps_json_add_number (b, "moment", o.moment);
      ps_json_add_number (b, "stress", o.stress);
      ps_json_add_number (b, "utilisation", o.utilisation);
    }
}

/* One axis of the pass map: its unit, the results.csv column it bins (NULL: none) and
 * each bin's first and last value. */
void
ps_beam_map_axis_to_json (JsonBuilder *b, const char *name, const char *unit, const char *column,
                          const PsParam *p)
{
  guint nb = ps_beam_map_n_bins (p->count);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit);
  if (column != NULL)
    {
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, column);
    }
  for (int end = 0; end < 2; end++)
    {
      json_builder_set_member_name (b, end ? "to" : "from");
      json_builder_begin_array (b);
      for (guint bin = 0; bin < nb; bin++)
        {
          guint64 lo = ((guint64)bin * p->count + nb - 1) / nb;
          guint64 hi = ((guint64)(bin + 1) * p->count + nb - 1) / nb;

          json_builder_add_double_value (b, p->values[end ? hi - 1 : lo]);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* "pass_map": computed and passing configurations per span bin (rows) and load bin
 * (columns), whatever the rows written: the charts of a run without results.csv. */
static void
map_to_json (const PsBeamModel *m, const PsBeamSummary *s, JsonBuilder *b)
{
  guint ns = ps_beam_map_n_bins (m->count[PS_BEAM_DIM_SPAN]);
  guint nl = ps_beam_map_n_bins (m->count[PS_BEAM_DIM_LOAD]);

  if (m->design != NULL || ns == 0 || nl == 0)
    return;
  json_builder_set_member_name (b, "pass_map");
  json_builder_begin_object (b);
  ps_beam_map_axis_to_json (b, "span", "m", "span_m", &m->span);
  ps_beam_map_axis_to_json (b, "load", m->load_case == PS_LOAD_UNIFORM ? "N/m" : "N",
                            m->load_case == PS_LOAD_UNIFORM ? "load_N_per_m" : "load_N", &m->load);
  ps_beam_map_counts_to_json (s, ns, nl, b);
  json_builder_end_object (b);
}

/* The pass map's "computed" and "passing" counts, @ns rows of @nl cells. */
void
ps_beam_map_counts_to_json (const PsBeamSummary *s, guint ns, guint nl, JsonBuilder *b)
{
  for (int which = 0; which < 2; which++)
    {
      json_builder_set_member_name (b, which ? "passing" : "computed");
      json_builder_begin_array (b);
      for (guint i = 0; i < ns; i++)
        {
          json_builder_begin_array (b);
          for (guint k = 0; k < nl; k++)
            json_builder_add_int_value (
                b, (gint64)(which ? s->map_passing[i][k] : s->map_valid[i][k]));
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
}

static void
beam_summary_to_json (const PsStudy *study, gconstpointer summary, JsonBuilder *b)
{
  const PsBeamModel *m = study->model;
  const PsBeamSummary *s = summary;

  if (m->design != NULL)
    {
      ps_beam_design_summary_to_json (m, s, b);
      return;
    }
  json_builder_set_member_name (b, "support");
  json_builder_add_string_value (b, ps_beam_support_name (m->support));
  json_builder_set_member_name (b, "code_check");
  json_builder_add_string_value (b, "none");
  json_builder_set_member_name (b, "load_case");
  json_builder_add_string_value (b, ps_beam_load_case_name (m->load_case));
  json_builder_set_member_name (b, "checks");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "deflection_limit");
  json_builder_add_string_value (b, m->limit_text);
  ps_json_add_number (b, "safety_factor", m->safety_factor);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "configurations");
  json_builder_add_int_value (b, (gint64)s->items);
  json_builder_set_member_name (b, "computed");
  json_builder_add_int_value (b, (gint64)s->valid);
  json_builder_set_member_name (b, "passing");
  json_builder_add_int_value (b, (gint64)s->passing);
  json_builder_set_member_name (b, "failing");
  json_builder_add_int_value (b, (gint64)(s->valid - s->passing));
  json_builder_set_member_name (b, "failing_deflection");
  json_builder_add_int_value (b, (gint64)s->fail_deflection);
  json_builder_set_member_name (b, "failing_strength");
  json_builder_add_int_value (b, (gint64)s->fail_strength);
  json_builder_set_member_name (b, "lightest_passing");
  if (s->lightest_item == G_MAXUINT64)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      describe_item (m, s->lightest_item, b);
      json_builder_end_object (b);
    }
  ps_json_add_number (b, "max_deflection", s->max[PS_BEAM_OUT_DEFLECTION]);
  ps_json_add_number (b, "max_stress", s->max[PS_BEAM_OUT_STRESS]);
  ps_json_add_number (b, "max_moment", s->max[PS_BEAM_OUT_MOMENT]);
  ps_json_add_number (b, "max_utilisation", s->max[PS_BEAM_OUT_UTILISATION]);
  json_builder_set_member_name (b, "outputs");
  json_builder_begin_object (b);
  for (int k = 0; k < PS_BEAM_N_OUT; k++)
    {
      json_builder_set_member_name (b, out_names[k]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, out_units[k]);
      ps_json_add_number (b, "min", s->min[k]);
      ps_json_add_number (b, "max", s->max[k]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  map_to_json (m, s, b);
}

/* ---------------------------------------------------------------------------------
 * Diagrams
 * ------------------------------------------------------------------------------ */

/* A single-load configuration as a design study's actions: its load (and
 * self-weight) in one permanent case, under one combination of unit factor, the
 * loads as given. */
static PsBeamActions *
legacy_actions (const PsBeamModel *m, const guint64 *dg, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  double load = m->load.values[dg[PS_BEAM_DIM_LOAD]];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "beam");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "support");
  json_builder_add_string_value (b, ps_beam_support_name (m->support));
  ps_json_add_number (b, "span", m->span.values[dg[PS_BEAM_DIM_SPAN]]);
  json_builder_set_member_name (b, "self_weight");
  json_builder_add_boolean_value (b, m->self_weight);
  json_builder_set_member_name (b, "loads");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "case");
  json_builder_add_string_value (b, "G");
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, m->load_case == PS_LOAD_UNIFORM ? "uniform" : "point");
  ps_json_add_number (b, "value", load);
  if (m->load_case != PS_LOAD_UNIFORM)
    {
      json_builder_set_member_name (b, "position");
      if (m->load_case == PS_LOAD_POINT_MIDSPAN)
        json_builder_add_string_value (b, "midspan");
      else if (m->load_case == PS_LOAD_POINT_FREE_END)
        json_builder_add_string_value (b, "free-end");
      else
        json_builder_add_double_value (b, m->position.values[dg[PS_BEAM_DIM_POSITION]]);
    }
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "G");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "permanent");
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "design");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "combinations");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "loads as given");
  json_builder_set_member_name (b, "limit");
  json_builder_add_string_value (b, "ULS");
  json_builder_set_member_name (b, "factors");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "G");
  json_builder_add_double_value (b, 1.0);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return ps_beam_actions_new (json_node_get_object (root), error);
}

static gboolean
beam_item_diagram (const PsStudy *study, guint64 item, const char *variant, JsonBuilder *json,
                   GString *text, GPtrArray *charts, GError **error)
{
  const PsBeamModel *m = study->model;
  guint64 dg[PS_BEAM_N_DIMS];
  g_autoptr (PsBeamActions) a = NULL;
  g_autofree char *msg = NULL;
  g_autofree PsBaConfig *cfg = NULL;
  const PsBeamMaterial *mat;
  const PsBeamSection *sec;

  if (m->design != NULL)
    return ps_beam_design_diagram (m->design, item, variant, json, text, charts, error);
  if (item >= m->n_items)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--item: %llu is not a configuration of the study (0 to %llu)"),
                   (unsigned long long)item, (unsigned long long)(m->n_items - 1));
      return FALSE;
    }
  if (variant != NULL && !g_str_equal (variant, "loads as given"))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--combination: a single-load study has no load combinations (its load "
                      "is taken as given)"));
      return FALSE;
    }
  ps_beam_item_digits (m, item, dg);
  mat = &m->materials[dg[PS_BEAM_DIM_MATERIAL]];
  sec = &m->sections[dg[PS_BEAM_DIM_SECTION]];
  if (sec->error != NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("configuration %llu: %s"),
                   (unsigned long long)item, sec->error);
      return FALSE;
    }
  a = legacy_actions (m, dg, error);
  if (a == NULL)
    return FALSE;
  cfg = g_new (PsBaConfig, 1);
  if (!ps_beam_actions_config (a, NULL, mat->E * sec->I, mat->density * sec->A * PS_GRAVITY, cfg,
                               &msg))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("configuration %llu: %s"),
                   (unsigned long long)item, msg);
      return FALSE;
    }
  if (json != NULL)
    {
      json_builder_set_member_name (json, "material");
      json_builder_add_string_value (json, mat->name);
      json_builder_set_member_name (json, "section");
      json_builder_add_string_value (json, sec->label);
    }
  if (text != NULL)
    g_string_append_printf (text, _ ("Configuration %llu: %s, %s, beam %g m long\n"),
                            (unsigned long long)item, mat->name, sec->label, cfg->x[cfg->n_spans]);
  ps_beam_diagram_output (a, cfg, 0, json, text, charts);
  return TRUE;
}

extern const char ps_embedded_example_beam[];

static const char *const top_level_keys[] = { "parastudy", "kind",  "name",   "description", "beam",
                                              "checks",    "cases", "design", "group_by",    NULL };
static const PsReportChart report_charts[] = {
  { "output-vs-param", NULL },
  { "output-vs-param", "utilisation" },
  { "heatmap", NULL },
  { "passfail", NULL },
  { NULL, NULL },
};

const PsKindClass ps_beam_class = {
  .name = "beam",
  .label = N_ ("Beam"),
  .title_new = N_ ("New beam study"),
  .summary_title = N_ ("%s (beam study)"),
  .top_level_keys = top_level_keys,
  .init = beam_init,
  .example = ps_embedded_example_beam,
  .summary_size = sizeof (PsBeamSummary),
  .chunk_items = beam_chunk_items,
  .count_items = beam_count_items,
  .workspace_new = beam_workspace_new,
  .workspace_free = beam_workspace_free,
  .summary_init = beam_summary_init,
  .eval = beam_eval,
  .merge = beam_merge,
  .write_header = beam_write_header,
  .summary_to_json = beam_summary_to_json,
  .summary_rows = ps_beam_summary_rows,
  .chart_data_file = "results.csv",
  .charts = ps_beam_charts,
  .chart_build = ps_beam_chart_build,
  .chart_parameters = ps_beam_chart_parameters,
  .item_figures = ps_beam_item_figures,
  .report_inputs = ps_beam_report_inputs,
  .report_charts = report_charts,
  .report_results = ps_beam_report_results,
  .item_diagram = beam_item_diagram,
};
