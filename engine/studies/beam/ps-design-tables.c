#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ps-design-tables.h"
#include "ps-error.h"
#include "study/ps-json.h"

extern const char ps_embedded_timber_classes_csv[];
extern const char ps_embedded_timber_factors_csv[];
extern const char ps_embedded_concrete_classes_csv[];
extern const char ps_embedded_reinforcing_steels_csv[];
extern const char ps_embedded_aluminium_alloys_csv[];

/* One embedded CSV file: its comment lines, its header and its rows split in fields. */
typedef struct
{
  char *source;
  GStrv header;
  GPtrArray *rows; /* GStrv */
} Csv;

typedef struct
{
  GArray *timber;    /* PsTimberClass */
  GArray *factors;   /* PsTimberFactors */
  GArray *concrete;  /* PsConcreteClass */
  GArray *rebar;     /* PsRebarSteel */
  GArray *aluminium; /* PsAluminiumAlloy */
  char *timber_source, *factors_source, *concrete_source, *rebar_source, *aluminium_source;
} DesignTables;

static void
csv_parse (const char *text, Csv *csv)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *source = g_string_new (NULL);

  csv->header = NULL;
  csv->rows = g_ptr_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '#')
        {
          const char *c = line + 1;

          while (*c == ' ')
            c++;
          if (source->len > 0)
            g_string_append_c (source, '\n');
          g_string_append (source, c);
          continue;
        }
      if (line[0] == '\0')
        continue;
      if (csv->header == NULL)
        csv->header = g_strsplit (line, ",", -1);
      else
        {
          GStrv f = g_strsplit (line, ",", -1);

          /* The files are part of the build and tested: a malformed row is a bug. */
          if (g_strv_length (f) != g_strv_length (csv->header))
            g_error ("embedded design table: row \"%s\" has %u fields, the header %u", line,
                     g_strv_length (f), g_strv_length (csv->header));
          g_ptr_array_add (csv->rows, f);
        }
    }
  csv->source = g_string_free (source, FALSE);
}

static void
csv_clear (Csv *csv)
{
  for (guint i = 0; i < csv->rows->len; i++)
    g_strfreev (g_ptr_array_index (csv->rows, i));
  g_ptr_array_unref (csv->rows);
  g_strfreev (csv->header);
}

static guint
csv_column (const Csv *csv, const char *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (strcmp (csv->header[i], name) == 0)
      return i;
  g_error ("embedded design table: no column \"%s\"", name);
  return 0;
}

static const char *
csv_text (const Csv *csv, guint row, const char *column)
{
  GStrv f = g_ptr_array_index (csv->rows, row);

  return f[csv_column (csv, column)];
}

static double
csv_number (const Csv *csv, guint row, const char *column)
{
  const char *text = csv_text (csv, row, column);
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0')
    g_error ("embedded design table: \"%s\" in column %s is not a number", text, column);
  return v;
}

static void
parse_timber (DesignTables *t)
{
  Csv csv;

  csv_parse (ps_embedded_timber_classes_csv, &csv);
  t->timber = g_array_new (FALSE, TRUE, sizeof (PsTimberClass));
  for (guint i = 0; i < csv.rows->len; i++)
    {
      PsTimberClass c = { 0 };
      const char *product = csv_text (&csv, i, "product");

      c.name = g_intern_string (csv_text (&csv, i, "name"));
      c.product = strcmp (product, "glulam") == 0 ? PS_TIMBER_GLULAM : PS_TIMBER_SOLID;
      c.hardwood = strcmp (csv_text (&csv, i, "wood"), "hardwood") == 0;
      c.f_m_k = csv_number (&csv, i, "f_m_k") * 1e6;
      c.f_t_0_k = csv_number (&csv, i, "f_t_0_k") * 1e6;
      c.f_c_0_k = csv_number (&csv, i, "f_c_0_k") * 1e6;
      c.f_v_k = csv_number (&csv, i, "f_v_k") * 1e6;
      c.E_0_mean = csv_number (&csv, i, "E_0_mean") * 1e6;
      c.E_0_05 = csv_number (&csv, i, "E_0_05") * 1e6;
      c.G_mean = csv_number (&csv, i, "G_mean") * 1e6;
      c.rho_k = csv_number (&csv, i, "rho_k");
      c.rho_mean = csv_number (&csv, i, "rho_mean");
      g_array_append_val (t->timber, c);
    }
  t->timber_source = g_strdup (csv.source);
  g_free (csv.source);
  csv_clear (&csv);

  csv_parse (ps_embedded_timber_factors_csv, &csv);
  t->factors = g_array_new (FALSE, TRUE, sizeof (PsTimberFactors));
  for (guint i = 0; i < csv.rows->len; i++)
    {
      PsTimberFactors f = { 0 };
      static const char *const k_mod[5] = { "k_mod_permanent", "k_mod_long", "k_mod_medium",
                                            "k_mod_short", "k_mod_instantaneous" };

      f.product = strcmp (csv_text (&csv, i, "product"), "glulam") == 0 ? PS_TIMBER_GLULAM
                                                                        : PS_TIMBER_SOLID;
      f.service_class = (int)csv_number (&csv, i, "service_class");
      for (guint k = 0; k < 5; k++)
        f.k_mod[k] = csv_number (&csv, i, k_mod[k]);
      f.k_def = csv_number (&csv, i, "k_def");
      f.gamma_M = csv_number (&csv, i, "gamma_M");
      g_array_append_val (t->factors, f);
    }
  t->factors_source = g_strdup (csv.source);
  g_free (csv.source);
  csv_clear (&csv);
}

static void
parse_concrete (DesignTables *t)
{
  Csv csv;

  csv_parse (ps_embedded_concrete_classes_csv, &csv);
  t->concrete = g_array_new (FALSE, TRUE, sizeof (PsConcreteClass));
  for (guint i = 0; i < csv.rows->len; i++)
    {
      PsConcreteClass c = { 0 };

      c.name = g_intern_string (csv_text (&csv, i, "name"));
      c.f_ck = csv_number (&csv, i, "f_ck") * 1e6;
      c.f_ck_cube = csv_number (&csv, i, "f_ck_cube") * 1e6;
      c.f_cm = csv_number (&csv, i, "f_cm") * 1e6;
      c.f_ctm = csv_number (&csv, i, "f_ctm") * 1e6;
      c.f_ctk_005 = csv_number (&csv, i, "f_ctk_005") * 1e6;
      c.f_ctk_095 = csv_number (&csv, i, "f_ctk_095") * 1e6;
      c.E_cm = csv_number (&csv, i, "E_cm_GPa") * 1e9;
      c.eps_c1 = csv_number (&csv, i, "eps_c1") * 1e-3;
      c.eps_cu1 = csv_number (&csv, i, "eps_cu1") * 1e-3;
      c.eps_c2 = csv_number (&csv, i, "eps_c2") * 1e-3;
      c.eps_cu2 = csv_number (&csv, i, "eps_cu2") * 1e-3;
      c.n = csv_number (&csv, i, "n");
      c.eps_c3 = csv_number (&csv, i, "eps_c3") * 1e-3;
      c.eps_cu3 = csv_number (&csv, i, "eps_cu3") * 1e-3;
      g_array_append_val (t->concrete, c);
    }
  t->concrete_source = g_strdup (csv.source);
  g_free (csv.source);
  csv_clear (&csv);

  csv_parse (ps_embedded_reinforcing_steels_csv, &csv);
  t->rebar = g_array_new (FALSE, TRUE, sizeof (PsRebarSteel));
  for (guint i = 0; i < csv.rows->len; i++)
    {
      PsRebarSteel s = { 0 };

      s.name = g_intern_string (csv_text (&csv, i, "name"));
      s.f_yk = csv_number (&csv, i, "f_yk_MPa") * 1e6;
      s.E_s = csv_number (&csv, i, "E_s_GPa") * 1e9;
      s.k_min = csv_number (&csv, i, "k_min");
      s.eps_uk = csv_number (&csv, i, "eps_uk_percent") * 1e-2;
      g_array_append_val (t->rebar, s);
    }
  t->rebar_source = g_strdup (csv.source);
  g_free (csv.source);
  csv_clear (&csv);
}

static void
parse_aluminium (DesignTables *t)
{
  Csv csv;

  csv_parse (ps_embedded_aluminium_alloys_csv, &csv);
  t->aluminium = g_array_new (FALSE, TRUE, sizeof (PsAluminiumAlloy));
  for (guint i = 0; i < csv.rows->len; i++)
    {
      PsAluminiumAlloy a = { 0 };
      g_autofree char *name
          = g_strdup_printf ("%s-%s", csv_text (&csv, i, "alloy"), csv_text (&csv, i, "temper"));

      a.name = g_intern_string (name);
      a.alloy = g_intern_string (csv_text (&csv, i, "alloy"));
      a.temper = g_intern_string (csv_text (&csv, i, "temper"));
      a.t_min = csv_number (&csv, i, "t_min_mm") * 1e-3;
      a.t_max = csv_number (&csv, i, "t_max_mm") * 1e-3;
      a.f_o = csv_number (&csv, i, "f_o_MPa") * 1e6;
      a.f_u = csv_number (&csv, i, "f_u_MPa") * 1e6;
      a.A = csv_number (&csv, i, "A_percent");
      a.f_o_haz = csv_number (&csv, i, "f_o_haz_MPa") * 1e6;
      a.f_u_haz = csv_number (&csv, i, "f_u_haz_MPa") * 1e6;
      a.rho_o_haz = csv_number (&csv, i, "rho_o_haz");
      a.rho_u_haz = csv_number (&csv, i, "rho_u_haz");
      a.buckling_class = strcmp (csv_text (&csv, i, "buckling_class"), "A") == 0
                             ? PS_EC9_BUCKLING_A
                             : PS_EC9_BUCKLING_B;
      a.n_p = csv_number (&csv, i, "n_p");
      g_array_append_val (t->aluminium, a);
    }
  t->aluminium_source = g_strdup (csv.source);
  g_free (csv.source);
  csv_clear (&csv);
}

static const DesignTables *
get_tables (void)
{
  static gsize once = 0;
  static DesignTables tables;

  if (g_once_init_enter (&once))
    {
      parse_timber (&tables);
      parse_concrete (&tables);
      parse_aluminium (&tables);
      g_once_init_leave (&once, 1);
    }
  return &tables;
}

/* Names compare without case, spaces, hyphens, slashes, underscores or dots, and an
 * aluminium designation without its "EN AW" prefix. */
static char *
normalise (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '/' && *p != '_' && *p != '.')
      g_string_append_c (s, g_ascii_tolower (*p));
  if (g_str_has_prefix (s->str, "enaw"))
    g_string_erase (s, 0, 4);
  return g_string_free (s, FALSE);
}

static gboolean
same_name (const char *a, const char *b)
{
  g_autofree char *na = normalise (a);
  g_autofree char *nb = normalise (b);

  return strcmp (na, nb) == 0;
}

/* "C14, C16, …" for an error message. */
static char *
list_names (const GArray *array, gsize size, gsize name_offset)
{
  GString *s = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < array->len; i++)
    {
      const char *name = *(const char *const *)(array->data + i * size + name_offset);

      if (last != NULL && strcmp (last, name) == 0)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, name);
      last = name;
    }
  return g_string_free (s, FALSE);
}

guint
ps_timber_classes_get_n (void)
{
  return get_tables ()->timber->len;
}

const PsTimberClass *
ps_timber_classes_get_nth (guint i)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (i < t->timber->len, NULL);
  return &g_array_index (t->timber, PsTimberClass, i);
}

const PsTimberClass *
ps_timber_class_lookup (const char *name)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < t->timber->len; i++)
    if (same_name (name, g_array_index (t->timber, PsTimberClass, i).name))
      return &g_array_index (t->timber, PsTimberClass, i);
  return NULL;
}

const PsTimberClass *
ps_timber_class_get (const char *name, const char *path, GError **error)
{
  const PsTimberClass *c = ps_timber_class_lookup (name);

  if (c == NULL)
    {
      const DesignTables *t = get_tables ();
      g_autofree char *known
          = list_names (t->timber, sizeof (PsTimberClass), G_STRUCT_OFFSET (PsTimberClass, name));

      ps_json_set_error (error, path, _ ("unknown timber strength class \"%s\" (known: %s)"), name,
                         known);
    }
  return c;
}

gboolean
ps_timber_factors_get (PsTimberProduct product, gint64 service_class, const char *path,
                       PsTimberFactors *out, GError **error)
{
  const DesignTables *t = get_tables ();

  for (guint i = 0; i < t->factors->len; i++)
    {
      const PsTimberFactors *f = &g_array_index (t->factors, PsTimberFactors, i);

      if (f->product == product && f->service_class == service_class)
        {
          *out = *f;
          return TRUE;
        }
    }
  ps_json_set_error (error, path,
                     _ ("service class must be 1, 2 or 3 (EN 1995-1-1 2.3.1.3), got %" PRId64),
                     service_class);
  return FALSE;
}

guint
ps_concrete_classes_get_n (void)
{
  return get_tables ()->concrete->len;
}

const PsConcreteClass *
ps_concrete_classes_get_nth (guint i)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (i < t->concrete->len, NULL);
  return &g_array_index (t->concrete, PsConcreteClass, i);
}

const PsConcreteClass *
ps_concrete_class_lookup (const char *name)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < t->concrete->len; i++)
    if (same_name (name, g_array_index (t->concrete, PsConcreteClass, i).name))
      return &g_array_index (t->concrete, PsConcreteClass, i);
  return NULL;
}

const PsConcreteClass *
ps_concrete_class_get (const char *name, const char *path, GError **error)
{
  const PsConcreteClass *c = ps_concrete_class_lookup (name);

  if (c == NULL)
    {
      const DesignTables *t = get_tables ();
      g_autofree char *known = list_names (t->concrete, sizeof (PsConcreteClass),
                                           G_STRUCT_OFFSET (PsConcreteClass, name));

      ps_json_set_error (error, path, _ ("unknown concrete strength class \"%s\" (known: %s)"),
                         name, known);
    }
  return c;
}

const PsRebarSteel *
ps_rebar_steel_lookup (const char *name)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < t->rebar->len; i++)
    if (same_name (name, g_array_index (t->rebar, PsRebarSteel, i).name))
      return &g_array_index (t->rebar, PsRebarSteel, i);
  return NULL;
}

const PsRebarSteel *
ps_rebar_steel_get (const char *name, const char *path, GError **error)
{
  const PsRebarSteel *s = ps_rebar_steel_lookup (name);

  if (s == NULL)
    {
      const DesignTables *t = get_tables ();
      g_autofree char *known
          = list_names (t->rebar, sizeof (PsRebarSteel), G_STRUCT_OFFSET (PsRebarSteel, name));

      ps_json_set_error (error, path, _ ("unknown reinforcing steel \"%s\" (known: %s)"), name,
                         known);
    }
  return s;
}

guint
ps_aluminium_alloys_get_n (void)
{
  return get_tables ()->aluminium->len;
}

const PsAluminiumAlloy *
ps_aluminium_alloys_get_nth (guint i)
{
  const DesignTables *t = get_tables ();

  g_return_val_if_fail (i < t->aluminium->len, NULL);
  return &g_array_index (t->aluminium, PsAluminiumAlloy, i);
}

const PsAluminiumAlloy *
ps_aluminium_alloy_lookup (const char *name, double t)
{
  const DesignTables *tables = get_tables ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < tables->aluminium->len; i++)
    {
      const PsAluminiumAlloy *a = &g_array_index (tables->aluminium, PsAluminiumAlloy, i);

      if (same_name (name, a->name) && t > a->t_min && t <= a->t_max)
        return a;
    }
  return NULL;
}

const PsAluminiumAlloy *
ps_aluminium_alloy_get (const char *name, double t, const char *path, GError **error)
{
  const DesignTables *tables = get_tables ();
  const PsAluminiumAlloy *a = ps_aluminium_alloy_lookup (name, t);
  double t_max = 0.0;

  if (a != NULL)
    return a;
  for (guint i = 0; i < tables->aluminium->len; i++)
    {
      const PsAluminiumAlloy *row = &g_array_index (tables->aluminium, PsAluminiumAlloy, i);

      if (same_name (name, row->name))
        t_max = MAX (t_max, row->t_max);
    }
  if (t_max > 0.0)
    ps_json_set_error (error, path,
                       _ ("alloy \"%s\" has no EN 1999-1-1 Table 3.2b values for a thickness of "
                          "%g mm (up to %g mm)"),
                       name, t * 1e3, t_max * 1e3);
  else
    {
      g_autofree char *known = list_names (tables->aluminium, sizeof (PsAluminiumAlloy),
                                           G_STRUCT_OFFSET (PsAluminiumAlloy, name));

      ps_json_set_error (error, path, _ ("unknown aluminium alloy \"%s\" (known: %s)"), name,
                         known);
    }
  return NULL;
}

const char *
ps_timber_classes_get_source (void)
{
  return get_tables ()->timber_source;
}

const char *
ps_timber_factors_get_source (void)
{
  return get_tables ()->factors_source;
}

const char *
ps_concrete_classes_get_source (void)
{
  return get_tables ()->concrete_source;
}

const char *
ps_rebar_steels_get_source (void)
{
  return get_tables ()->rebar_source;
}

const char *
ps_aluminium_alloys_get_source (void)
{
  return get_tables ()->aluminium_source;
}

void
ps_ec5_material_from_class (const PsTimberClass *c, PsEc5Material *m)
{
  m->product = c->product;
  m->hardwood = c->hardwood;
  m->f_m_k = c->f_m_k;
  m->f_v_k = c->f_v_k;
  m->E_0_mean = c->E_0_mean;
  m->E_0_05 = c->E_0_05;
  m->G_mean = c->G_mean;
  m->rho_k = c->rho_k;
}

gboolean
ps_ec5_options_from_tables (PsEc5Options *o, PsTimberProduct product, gint64 service_class,
                            const char *path, GError **error)
{
  PsTimberFactors f;

  if (!ps_timber_factors_get (product, service_class, path, &f, error))
    return FALSE;
  ps_ec5_options_init (o, product, (int)service_class);
  for (guint k = 0; k < 5; k++)
    o->k_mod[k] = f.k_mod[k];
  o->k_def = f.k_def;
  o->gamma_M = f.gamma_M;
  return TRUE;
}

void
ps_ec2_concrete_from_class (const PsConcreteClass *c, PsEc2Concrete *out)
{
  out->f_ck = c->f_ck;
  out->f_ctm = c->f_ctm;
  out->f_ctk_005 = c->f_ctk_005;
  out->E_cm = c->E_cm;
  out->eps_cu2 = c->eps_cu2;
  out->eps_cu3 = c->eps_cu3;
}

void
ps_ec9_alloy_from_table (const PsAluminiumAlloy *a, PsEc9Alloy *out)
{
  out->f_o = a->f_o;
  out->f_u = a->f_u;
  out->buckling_class = a->buckling_class;
  out->E = PS_ALUMINIUM_E;
  out->G = PS_ALUMINIUM_G;
}
