/* ps-reliability-results.h: the results of a reliability study that a table of
 * figures does not show: the design point (x*, u*, alpha and the importance factors
 * alpha^2) with its bar chart, SORM's three estimates, the levels of subset
 * simulation and the Sobol indices with their intervals (issue 17, "Results"). */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "plot/ps-plot-study.h"

G_BEGIN_DECLS

/* A box of sections, one per part of @summary (summary.json) that has them, or NULL
 * when it has none (a plain Monte Carlo run). @run_data (may be NULL) gives the
 * engine's charts; @study_root (may be NULL) the units the variables are written in,
 * for x*. */
GtkWidget *ps_reliability_results_new (JsonObject *summary, PsRunData *run_data,
                                       JsonObject *study_root);

G_END_DECLS
