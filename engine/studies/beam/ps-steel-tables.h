/* ps-steel-tables.h: the steel grades of data/steel-grades.csv (f_y, f_u by thickness,
 * E, G; sources named in the file), embedded in the engine at build time.
 *
 * The parser takes any text in the file's format and reports a malformed line with its
 * number, so that the embedded table and a user's table are read alike; values are SI.
 */
#pragma once

#include <glib.h>

#include "ps-steel-math.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;     /* "S355", "A992" */
  const char *code;     /* "EN" or "AISC": the code whose tables the values come from */
  const char *standard; /* product standard, "EN 10025-2" */
  PsSteelGrade grade;   /* SI: m, Pa */
} PsSteelGradeInfo;

typedef struct _PsSteelGradeTable PsSteelGradeTable;

PsSteelGradeTable *ps_steel_grade_table_parse (const char *csv, GError **error);
void ps_steel_grade_table_free (PsSteelGradeTable *table);
guint ps_steel_grade_table_get_n (const PsSteelGradeTable *table);
const PsSteelGradeInfo *ps_steel_grade_table_get_nth (const PsSteelGradeTable *table, guint i);
const PsSteelGradeInfo *ps_steel_grade_table_lookup (const PsSteelGradeTable *table,
                                                     const char *name);
const char *ps_steel_grade_table_get_source (const PsSteelGradeTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSteelGradeTable, ps_steel_grade_table_free)

/* The built-in table (data/steel-grades.csv). */
guint ps_steel_grades_get_n (void);
const PsSteelGradeInfo *ps_steel_grades_get_nth (guint i);
const PsSteelGradeInfo *ps_steel_grades_lookup (const char *name);
const char *ps_steel_grades_get_source (void);

/* Looks a grade up; an unknown name is a PS_ERROR_INVALID naming the known grades. */
const PsSteelGradeInfo *ps_steel_grades_find (const char *name, GError **error);

G_END_DECLS
