#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-steel-tables.h"

extern const char ps_embedded_steel_grades_csv[];

struct _PsSteelGradeTable
{
  GPtrArray *grades; /* PsSteelGradeInfo, names interned */
  char *source;
};

/* The columns of data/steel-grades.csv, in order. */
enum
{
  COL_NAME,
  COL_CODE,
  COL_STANDARD,
  COL_UNIT,
  COL_T1,
  COL_FY1,
  COL_FU1,
  COL_T2,
  COL_FY2,
  COL_FU2,
  COL_E,
  COL_G,
  N_COLS
};

static const char *const column_names[N_COLS] = { "name",  "code", "standard", "unit",
                                                  "t1_mm", "fy1",  "fu1",      "t2_mm",
                                                  "fy2",   "fu2",  "E",        "G" };

/* One numeric field: empty gives NAN when allowed, anything else must be a whole
 * number in the C locale. */
static gboolean
parse_number (const char *text, gboolean may_be_empty, guint line, guint col, double *out,
              GError **error)
{
  char *end = NULL;
  double v;

  if (text[0] == '\0')
    {
      if (may_be_empty)
        {
          *out = NAN;
          return TRUE;
        }
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("steel grades, line %u: column “%s” is empty"), line, column_names[col]);
      return FALSE;
    }
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v <= 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("steel grades, line %u: column “%s” must be a positive number (got “%s”)"),
                   line, column_names[col], text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

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

static gboolean
parse_row (char **f, guint line, PsSteelGradeInfo *g, GError **error)
{
  double unit, v[N_COLS];
  static const gboolean may_be_empty[N_COLS]
      = { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE };

  if (f[COL_NAME][0] == '\0')
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("steel grades, line %u: no name"), line);
      return FALSE;
    }
  if (strcmp (f[COL_UNIT], "MPa") == 0)
    unit = 1e6;
  else if (strcmp (f[COL_UNIT], "ksi") == 0)
    unit = 6.894757293168361e6; /* 1 ksi = 1000 lbf/in^2, exact definitions of lb and in */
  else
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("steel grades, line %u: unit must be “MPa” or “ksi” (got “%s”)"), line,
                   f[COL_UNIT]);
      return FALSE;
    }
  if (strcmp (f[COL_CODE], "EN") != 0 && strcmp (f[COL_CODE], "AISC") != 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("steel grades, line %u: code must be “EN” or “AISC” (got “%s”)"), line,
                   f[COL_CODE]);
      return FALSE;
    }
  for (guint c = COL_T1; c < N_COLS; c++)
    if (!parse_number (f[c], may_be_empty[c], line, c, &v[c], error))
      return FALSE;
  /* A second range needs all three of its values and a thickness above the first. */
  if (isnan (v[COL_T2]) != isnan (v[COL_FY2]) || isnan (v[COL_T2]) != isnan (v[COL_FU2])
      || (!isnan (v[COL_T2]) && (isnan (v[COL_T1]) || v[COL_T2] <= v[COL_T1])))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("steel grades, line %u: the second thickness range needs t2_mm > t1_mm, "
                      "fy2 and fu2"),
                   line);
      return FALSE;
    }
  if (v[COL_FU1] < v[COL_FY1] || (!isnan (v[COL_FY2]) && v[COL_FU2] < v[COL_FY2]))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("steel grades, line %u: f_u is below f_y"),
                   line);
      return FALSE;
    }
  g->name = g_intern_string (f[COL_NAME]);
  g->code = g_intern_string (f[COL_CODE]);
  g->standard = g_intern_string (f[COL_STANDARD]);
  g->grade.t1 = isnan (v[COL_T1]) ? INFINITY : v[COL_T1] * 1e-3;
  g->grade.fy1 = v[COL_FY1] * unit;
  g->grade.fu1 = v[COL_FU1] * unit;
  g->grade.t2 = v[COL_T2] * 1e-3;
  g->grade.fy2 = v[COL_FY2] * unit;
  g->grade.fu2 = v[COL_FU2] * unit;
  g->grade.E = v[COL_E] * unit;
  g->grade.G = v[COL_G] * unit;
  return TRUE;
}

PsSteelGradeTable *
ps_steel_grade_table_parse (const char *csv, GError **error)
{
  g_autoptr (PsSteelGradeTable) t = g_new0 (PsSteelGradeTable, 1);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) source = g_string_new (NULL);
  gboolean header_seen = FALSE;

  g_return_val_if_fail (csv != NULL, NULL);
  t->grades = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      g_autofree PsSteelGradeInfo *g = NULL;
      char *line = g_strstrip (lines[i]);

      if (line[0] == '#')
        {
          append_comment (source, line);
          continue;
        }
      if (line[0] == '\0')
        continue;
      f = g_strsplit (line, ",", -1);
      if (g_strv_length (f) != N_COLS)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("steel grades, line %u: %u columns, expected %u"), i + 1,
                       g_strv_length (f), (guint)N_COLS);
          return NULL;
        }
      for (guint c = 0; c < N_COLS; c++)
        g_strstrip (f[c]);
      if (!header_seen)
        {
          for (guint c = 0; c < N_COLS; c++)
            if (strcmp (f[c], column_names[c]) != 0)
              {
                g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                             _ ("steel grades, line %u: column %u must be “%s” (got “%s”)"), i + 1,
                             c + 1, column_names[c], f[c]);
                return NULL;
              }
          header_seen = TRUE;
          continue;
        }
      g = g_new0 (PsSteelGradeInfo, 1);
      if (!parse_row (f, i + 1, g, error))
        return NULL;
      if (ps_steel_grade_table_lookup (t, g->name) != NULL)
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("steel grades, line %u: grade “%s” appears twice"), i + 1, g->name);
          return NULL;
        }
      g_ptr_array_add (t->grades, g_steal_pointer (&g));
    }
  if (t->grades->len == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("steel grades: no grade in the table"));
      return NULL;
    }
  t->source = g_string_free (g_steal_pointer (&source), FALSE);
  return g_steal_pointer (&t);
}

void
ps_steel_grade_table_free (PsSteelGradeTable *table)
{
  if (table == NULL)
    return;
  if (table->grades != NULL)
    g_ptr_array_unref (table->grades);
  g_free (table->source);
  g_free (table);
}

guint
ps_steel_grade_table_get_n (const PsSteelGradeTable *table)
{
  return table->grades->len;
}

const PsSteelGradeInfo *
ps_steel_grade_table_get_nth (const PsSteelGradeTable *table, guint i)
{
  g_return_val_if_fail (i < table->grades->len, NULL);
  return g_ptr_array_index (table->grades, i);
}

/* Grade names compare without case, spaces or hyphens: "s355", "S 355", "a-992". */
static char *
normalise (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '_')
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

const PsSteelGradeInfo *
ps_steel_grade_table_lookup (const PsSteelGradeTable *table, const char *name)
{
  g_autofree char *want = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  want = normalise (name);
  for (guint i = 0; i < table->grades->len; i++)
    {
      const PsSteelGradeInfo *g = g_ptr_array_index (table->grades, i);
      g_autofree char *have = normalise (g->name);

      if (strcmp (want, have) == 0)
        return g;
    }
  return NULL;
}

const char *
ps_steel_grade_table_get_source (const PsSteelGradeTable *table)
{
  return table->source;
}

static const PsSteelGradeTable *
builtin (void)
{
  static gsize once = 0;
  static PsSteelGradeTable *table;

  if (g_once_init_enter (&once))
    {
      g_autoptr (GError) error = NULL;

      table = ps_steel_grade_table_parse (ps_embedded_steel_grades_csv, &error);
      if (table == NULL)
        g_error ("data/steel-grades.csv: %s", error->message);
      g_once_init_leave (&once, 1);
    }
  return table;
}

guint
ps_steel_grades_get_n (void)
{
  return ps_steel_grade_table_get_n (builtin ());
}

const PsSteelGradeInfo *
ps_steel_grades_get_nth (guint i)
{
  return ps_steel_grade_table_get_nth (builtin (), i);
}

const PsSteelGradeInfo *
ps_steel_grades_lookup (const char *name)
{
  return ps_steel_grade_table_lookup (builtin (), name);
}

const char *
ps_steel_grades_get_source (void)
{
  return ps_steel_grade_table_get_source (builtin ());
}

const PsSteelGradeInfo *
ps_steel_grades_find (const char *name, GError **error)
{
  const PsSteelGradeInfo *g = ps_steel_grades_lookup (name);
  g_autoptr (GString) known = NULL;

  if (g != NULL)
    return g;
  known = g_string_new (NULL);
  for (guint i = 0; i < ps_steel_grades_get_n (); i++)
    {
      if (i > 0)
        g_string_append (known, ", ");
      g_string_append (known, ps_steel_grades_get_nth (i)->name);
    }
  g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("unknown steel grade “%s” (known: %s)"), name,
               known->str);
  return NULL;
}
