/* ps-result-columns.h: how a column of a run's CSV file is shown.
 *
 * Files stay in SI with the unit in the column name (deflection_m, stress_Pa,
 * loads[0].value_N_per_m); the Table, the scatter chart and the failed-items list
 * show the same column with a translated label and the unit an engineer reads
 * (mm, kN, kN·m, MPa, GPa). This is the one place that maps the one to the other.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PS_COLUMN_NUMBER, /* scaled by @scale, shown with @unit */
  PS_COLUMN_TEXT,   /* shown as written */
  PS_COLUMN_CHECK,  /* 1/0: shown as a word ("pass", "fail") */
} PsColumnStyle;

typedef struct
{
  char *label;  /* translated, without the unit ("Deflection") */
  char *unit;   /* the unit shown ("mm"), "" for none */
  double scale; /* shown value = file value × scale */
  PsColumnStyle style;
} PsColumnDisplay;

/* The display of the column called @name (never NULL; unknown columns are shown
 * under their own name, unscaled). Free with ps_column_display_free(). */
PsColumnDisplay *ps_column_display_new (const char *name);
void ps_column_display_free (PsColumnDisplay *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsColumnDisplay, ps_column_display_free)

/* "Deflection (mm)", or the label alone for a pure number or text. */
char *ps_column_display_title (const PsColumnDisplay *d);
/* @field (the file's text) as shown: scaled, in the locale, 4 significant digits
 * or more as needed; a check as "pass"/"fail". */
char *ps_column_display_format (const PsColumnDisplay *d, const char *field);

G_END_DECLS
