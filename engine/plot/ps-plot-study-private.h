/* ps-plot-study-private.h: a run's columns, for the study kinds' chart builders
 * (PsKindClass.chart_build, in each kind's folder). */
#pragma once

#include <math.h>
#include <string.h>

#include "plot/ps-plot-study.h"

G_BEGIN_DECLS

/* A column of the run's CSV file (results.csv, convergence.csv). */
typedef struct
{
  char *name;
  double *num;      /* NAN where not a number */
  char **text;      /* every row's field as written, interned (owned by the run data) */
  gboolean is_text; /* some field is not a number */
} PsColumn;

/* The column @name, or NULL: "span" also finds "span_m", "load" finds "load_N" or
 * "load_N_per_m". */
PsColumn *ps_run_data_find_column (const PsRunData *data, const char *name);
guint ps_run_data_get_n_columns (const PsRunData *data);
PsColumn *ps_run_data_get_nth_column (const PsRunData *data, guint i);
/* The study, for charts that regenerate data: the one checked
 * (ps_run_data_check_study()), or the file summary.json names when it still has the
 * same checksum. */
const PsStudy *ps_run_data_get_study (PsRunData *data, GError **error);

/* A row's value of a column as a hashable key: text by pointer (interned), numbers
 * by their bits. */
static inline guint64
ps_column_row_key (const PsColumn *c, guint row)
{
  if (c->is_text)
    return (guint64)(guintptr)c->text[row];
  {
    double v = c->num[row];
    guint64 k;

    if (isnan (v))
      return G_MAXUINT64;
    memcpy (&k, &v, sizeof k);
    return k;
  }
}

/* The number of distinct values of @c over @rows. */
guint ps_column_count_distinct (const PsColumn *c, const guint *rows, guint n);
/* The middle distinct value of @c over @rows: numbers sorted, text in order of
 * first appearance (grid order). Returns the row holding it. */
guint ps_column_middle_row (const PsColumn *c, const guint *rows, guint n);
/* qsort () order of doubles. */
int ps_plot_compare_doubles (gconstpointer a, gconstpointer b);

G_END_DECLS
