#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-tables.h"

extern const char ps_embedded_materials_csv[];
extern const char ps_embedded_sections_csv[];

typedef struct
{
  GPtrArray *materials; /* PsMaterialInfo */
  GPtrArray *sections;  /* PsSectionInfo */
  char *materials_source;
  char *sections_source;
} Tables;

/* Collects the comment lines that name sources, so reports can quote them. Lines
 * that start with "##" are notes for whoever maintains the file (how values were
 * taken and checked) and are not quoted. */
static void
append_comment (GString *s, const char *line)
{
  const char *c = line + 1;

  if (*c == '#')
    return;

  while (*c == ' ')
    c++;
  if (s->len > 0)
    g_string_append_c (s, '\n');
  g_string_append (s, c);
}

static double
field (char **fields, guint i)
{
  return g_ascii_strtod (fields[i], NULL);
}

/* An empty field is a value the row's source does not publish. */
static double
field_or_nan (char **fields, guint i)
{
  return fields[i][0] == '\0' ? NAN : g_ascii_strtod (fields[i], NULL);
}

static void
parse_materials (Tables *t)
{
  g_auto (GStrv) lines = g_strsplit (ps_embedded_materials_csv, "\n", -1);
  GString *source = g_string_new (NULL);
  gboolean header_seen = FALSE;

  t->materials = g_ptr_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      PsMaterialInfo *m;

      if (lines[i][0] == '#')
        {
          append_comment (source, lines[i]);
          continue;
        }
      if (lines[i][0] == '\0')
        continue;
      if (!header_seen)
        {
          header_seen = TRUE;
          continue;
        }
      f = g_strsplit (lines[i], ",", -1);
      g_assert (g_strv_length (f) == 7);
      m = g_new0 (PsMaterialInfo, 1);
      m->name = g_intern_string (f[0]);
      m->family = g_intern_string (f[1]);
      m->E = field (f, 2) * 1e9;
      m->f_k = field (f, 3) * 1e6;
      m->gamma_M = field (f, 4);
      m->k_mod = field (f, 5);
      m->f_d = m->k_mod * m->f_k / m->gamma_M;
      m->density = field (f, 6);
      g_ptr_array_add (t->materials, m);
    }
  t->materials_source = g_string_free (source, FALSE);
}

static void
parse_sections (Tables *t)
{
  g_auto (GStrv) lines = g_strsplit (ps_embedded_sections_csv, "\n", -1);
  GString *source = g_string_new (NULL);
  gboolean header_seen = FALSE;

  t->sections = g_ptr_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      PsSectionInfo *s;

      if (lines[i][0] == '#')
        {
          append_comment (source, lines[i]);
          continue;
        }
      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      if (!header_seen)
        {
          header_seen = TRUE;
          continue;
        }
      f = g_strsplit (lines[i], ",", -1);
      g_assert (g_strv_length (f) == 21);
      s = g_new0 (PsSectionInfo, 1);
      s->designation = g_intern_string (f[0]);
      s->family = g_intern_string (f[1]);
      s->h = field (f, 2) * 1e-3;
      s->b = field (f, 3) * 1e-3;
      s->tw = field (f, 4) * 1e-3;
      s->tf = field (f, 5) * 1e-3;
      s->r = field (f, 6) * 1e-3;
      s->A = field (f, 7) * 1e-4;
      s->I = field (f, 8) * 1e-8;
      s->W = field (f, 9) * 1e-6;
      s->mass = field (f, 10);
      s->Wpl_y = field_or_nan (f, 11) * 1e-6;
      s->Iz = field_or_nan (f, 12) * 1e-8;
      s->Wel_z = field_or_nan (f, 13) * 1e-6;
      s->Wpl_z = field_or_nan (f, 14) * 1e-6;
      s->It = field_or_nan (f, 15) * 1e-8;
      s->Iw = field_or_nan (f, 16) * 1e-12;
      s->Av_z = field_or_nan (f, 17) * 1e-4;
      s->i_z = field_or_nan (f, 18) * 1e-2;
      s->r_ts = field_or_nan (f, 19) * 1e-3;
      s->h_o = field_or_nan (f, 20) * 1e-3;
      g_ptr_array_add (t->sections, s);
    }
  t->sections_source = g_string_free (source, FALSE);
}

static const Tables *
get_tables (void)
{
  static gsize once = 0;
  static Tables tables;

  if (g_once_init_enter (&once))
    {
      parse_materials (&tables);
      parse_sections (&tables);
      g_once_init_leave (&once, 1);
    }
  return &tables;
}

/* Names compare without case, spaces, hyphens or slashes: "c30/37", "C 30/37",
 * "ipe300", "IPE 300", "w310X39" all match. */
static char *
normalise (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '/' && *p != '_')
      g_string_append_c (s, g_ascii_tolower (*p));
  /* EN 10365 writes "HE 200 A" for what catalogues call "HEA 200". */
  if (g_str_has_prefix (s->str, "he") && s->len > 3 && g_ascii_isdigit (s->str[2])
      && (s->str[s->len - 1] == 'a' || s->str[s->len - 1] == 'b'))
    {
      char series = s->str[s->len - 1];

      g_string_truncate (s, s->len - 1);
      g_string_insert_c (s, 2, series);
    }
  return g_string_free (s, FALSE);
}

guint
ps_materials_get_n (void)
{
  return get_tables ()->materials->len;
}

const PsMaterialInfo *
ps_materials_get_nth (guint i)
{
  const Tables *t = get_tables ();

  g_return_val_if_fail (i < t->materials->len, NULL);
  return g_ptr_array_index (t->materials, i);
}

const PsMaterialInfo *
ps_materials_lookup (const char *name)
{
  const Tables *t = get_tables ();
  g_autofree char *want = normalise (name);

  for (guint i = 0; i < t->materials->len; i++)
    {
      const PsMaterialInfo *m = g_ptr_array_index (t->materials, i);
      g_autofree char *have = normalise (m->name);

      if (strcmp (want, have) == 0)
        return m;
    }
  return NULL;
}

const char *
ps_materials_get_source (void)
{
  return get_tables ()->materials_source;
}

guint
ps_sections_get_n (void)
{
  return get_tables ()->sections->len;
}

const PsSectionInfo *
ps_sections_get_nth (guint i)
{
  const Tables *t = get_tables ();

  g_return_val_if_fail (i < t->sections->len, NULL);
  return g_ptr_array_index (t->sections, i);
}

const PsSectionInfo *
ps_sections_lookup (const char *designation)
{
  const Tables *t = get_tables ();
  g_autofree char *want = normalise (designation);

  for (guint i = 0; i < t->sections->len; i++)
    {
      const PsSectionInfo *s = g_ptr_array_index (t->sections, i);
      g_autofree char *have = normalise (s->designation);

      if (strcmp (want, have) == 0)
        return s;
    }
  return NULL;
}

const char *
ps_sections_get_source (void)
{
  return get_tables ()->sections_source;
}
