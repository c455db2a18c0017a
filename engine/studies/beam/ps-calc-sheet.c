#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-calc-sheet.h"

static void
calc_line_free (gpointer data)
{
  PsCalcLine *line = data;

  g_free (line->clause);
  g_free (line->description);
  g_free (line->formula);
  g_free (line->substituted);
  g_free (line->result);
  g_free (line);
}

PsCalcSheet *
ps_calc_sheet_new (const char *title)
{
  PsCalcSheet *sheet = g_new0 (PsCalcSheet, 1);

  sheet->lines = g_ptr_array_new_with_free_func (calc_line_free);
  sheet->title = g_strdup (title);
  return sheet;
}

void
ps_calc_sheet_free (PsCalcSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_ptr_array_unref (sheet->lines);
  g_free (sheet->title);
  g_free (sheet);
}

/* Every text is copied; NULL is kept as an empty string, so that readers need not
 * test each field. */
void
ps_calc_sheet_add (PsCalcSheet *sheet, const char *clause, const char *description,
                   const char *formula, const char *substituted, const char *result,
                   double utilisation)
{
  PsCalcLine *line;

  g_return_if_fail (sheet != NULL);
  line = g_new0 (PsCalcLine, 1);
  line->clause = g_strdup (clause != NULL ? clause : "");
  line->description = g_strdup (description != NULL ? description : "");
  line->formula = g_strdup (formula != NULL ? formula : "");
  line->substituted = g_strdup (substituted != NULL ? substituted : "");
  line->result = g_strdup (result != NULL ? result : "");
  line->utilisation = utilisation;
  g_ptr_array_add (sheet->lines, line);
}
