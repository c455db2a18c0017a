/* ps-plot-regression.c: one specimen's stress–strain curve with its elastic fit
 * and the offset line, drawn from the points the engine reads or generates again. */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plot/ps-plot-study.h"
#include "ps-error.h"
#include "studies/ps-regression.h"

PsChart *reg_specimen_chart (PsRunData *d, const PsPlotParams *p, const PsStudy *study,
                             GError **error);

PsChart *
reg_specimen_chart (PsRunData *d, const PsPlotParams *p, const PsStudy *study, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
               _ ("the specimen chart is not available yet"));
  return NULL;
}
