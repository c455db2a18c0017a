#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-rel-driver.h"
#include "ps-rel-eval.h"
#include "ps-rel-parse.h"
#include "ps-reliability.h"
#include "study/ps-json.h"
#include "study/ps-study-private.h"

/* ---------------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------------ */

static void
model_free (gpointer data)
{
  ps_rel_setup_free (data);
}

static gboolean
reliability_init (PsStudy *study, JsonObject *root, GError **error)
{
  g_autofree char *dir = study->path != NULL ? g_path_get_dirname (study->path) : NULL;
  PsReliabilityModel *m = ps_rel_setup_parse_at (root, dir, error);
  JsonNode *round;

  if (m == NULL)
    return FALSE;
  study->model = m;
  study->model_free = model_free;
  /* Only the engine writes "round" (the loader refuses it in a user's file). */
  round = json_object_get_member (root, "round");
  if (round != NULL && ps_study_is_internal (study) && !ps_rel_round_parse (round, m, error))
    return FALSE;
  study->n_items = ps_rel_eval_n_items (m);
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------------------ */

static gpointer
rel_workspace_new (const PsStudy *study)
{
  return ps_rel_eval_workspace_new (study->model);
}

static guint64
rel_chunk_items (const PsStudy *study)
{
  return ps_rel_eval_chunk_items (study->model);
}

/* A Monte Carlo or LHS study's items are blocks of PS_REL_BLOCK samples, the last one
 * short; the items of other methods are the rounds' own (points, chains). */
static PsCountUnit
rel_count_items (const PsStudy *study, guint64 items, guint64 *count)
{
  const PsReliabilityModel *m = study->model;

  if (ps_rel_has_rounds (m) || m->round != NULL)
    {
      *count = items;
      return PS_COUNT_ITEMS;
    }
  *count = items >= study->n_items ? m->max_samples : MIN (m->max_samples, items * PS_REL_BLOCK);
  return PS_COUNT_SAMPLES;
}

static void
rel_summary_init (const PsStudy *study, gpointer summary)
{
  memset (summary, 0, sizeof (PsReliabilitySummary));
}

static void
rel_eval (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end, gpointer summary,
          PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  ps_rel_eval (study->model, workspace, begin, end, summary, mode != PS_ROWS_NONE ? rows : NULL);
}

static void
rel_merge (const PsStudy *study, gpointer acc, gconstpointer next)
{
  ps_rel_merge (acc, next);
}

void
ps_reliability_estimate (guint64 failures, guint64 n, PsReliabilityEstimate *e)
{
  const double z = 1.959963984540054; /* Phi^-1(0.975) */
  double nd = (double)n, p, denom, centre, half;

  if (n == 0)
    {
      e->pf = e->pf_low = e->pf_high = e->cov = e->beta = e->beta_low = e->beta_high = NAN;
      return;
    }
  p = (double)failures / nd;
  denom = 1.0 + z * z / nd;
  centre = (p + z * z / (2.0 * nd)) / denom;
  half = z * sqrt (p * (1.0 - p) / nd + z * z / (4.0 * nd * nd)) / denom;
  e->pf = p;
  /* At the ends the interval reaches 0 or 1 exactly; rounding must not move it. */
  e->pf_low = failures == 0 ? 0.0 : MAX (0.0, centre - half);
  e->pf_high = failures == n ? 1.0 : MIN (1.0, centre + half);
  e->cov = failures > 0 ? sqrt ((1.0 - p) / (nd * p)) : INFINITY;
  e->beta = failures > 0 ? gsl_cdf_ugaussian_Qinv (p) : INFINITY;
  e->beta_low = gsl_cdf_ugaussian_Qinv (e->pf_high);
  e->beta_high = e->pf_low > 0 ? gsl_cdf_ugaussian_Qinv (e->pf_low) : INFINITY;
}

static gboolean
rel_is_done (const PsStudy *study, gconstpointer summary, double elapsed)
{
  return ps_rel_is_done (study->model, summary, elapsed);
}

static void
rel_summary_to_json (const PsStudy *study, gconstpointer summary, JsonBuilder *b)
{
  ps_rel_summary_to_json (study->model, summary, b);
}

static gboolean
rel_write_outputs (const PsStudy *study, gconstpointer summary, const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "convergence.csv", NULL);
  g_autofree char *csv = ps_rel_convergence_csv (study->model, summary);
  g_autoptr (GError) local_error = NULL;

  if (!g_file_set_contents (path, csv, -1, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rel_set_items (PsStudy *study, guint64 n_items, GError **error)
{
  PsReliabilityModel *m = study->model;

  if (ps_rel_has_rounds (m) || m->round != NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("a scaling run of a reliability study needs the method \"monte-carlo\" or "
                      "\"lhs\" without a sensitivity analysis (got \"%s\")"),
                   ps_rel_method_name (m->method.kind));
      return FALSE;
    }
  if (n_items > G_MAXUINT64 / PS_REL_BLOCK)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("too many samples"));
      return FALSE;
    }
  ps_rel_setup_init_checkpoints (m, n_items * PS_REL_BLOCK);
  study->n_items = n_items;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Rounds
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const PsStudy *study;
  PsRelDriver *driver;
  guint round;
} Rounds;

static gpointer
rel_rounds_new (const PsStudy *study, GError **error)
{
  Rounds *r;

  if (!ps_rel_has_rounds (study->model))
    return NULL;
  r = g_new0 (Rounds, 1);
  r->study = study;
  r->driver = ps_rel_driver_new (study->model);
  return r;
}

/* The study's text with the round's member added before its closing brace: the rest
 * of the text, as the user wrote it, is read again by every worker. */
static char *
rel_rounds_next (gpointer data, GError **error)
{
  Rounds *r = data;
  const PsRelRound *round = ps_rel_driver_next (r->driver);
  g_autofree char *member = NULL;
  gsize length;
  const char *text = ps_study_get_text (r->study, &length);
  gsize end = length;

  if (round == NULL)
    return NULL;
  while (end > 0 && text[end - 1] != '}')
    end--;
  if (end == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("the study's text is not an object"));
      return NULL;
    }
  r->round++;
  member = ps_rel_round_to_json (r->study->model, round);
  return g_strdup_printf ("%.*s,\n\"round\": %s\n}\n", (int)(end - 1), text, member);
}

static gboolean
rel_rounds_update (gpointer data, const PsStudy *round, gconstpointer summary, const guint8 *rows,
                   gsize length, GError **error)
{
  Rounds *r = data;

  return ps_rel_driver_update (r->driver, summary, rows, length, error);
}

static void
rel_rounds_finish (gpointer data, gpointer summary)
{
  Rounds *r = data;

  ps_rel_driver_finish (r->driver, summary);
}

static void
rel_rounds_free (gpointer data)
{
  Rounds *r = data;

  ps_rel_driver_free (r->driver);
  g_free (r);
}

static void
rel_summary_clear (gpointer summary)
{
  ps_rel_summary_clear (summary);
}

static char *
rel_summary_failure (const PsStudy *study, gconstpointer summary)
{
  const PsReliabilityModel *m = study->model;
  const char *reason = NULL;

  if (ps_rel_summary_converged (m, summary, &reason))
    return NULL;
  return g_strdup_printf (_ ("method %s: %s; summary.json gives the last state, which is not a "
                             "result"),
                          ps_rel_method_name (m->method.kind), _ (reason));
}

extern const char ps_embedded_example_reliability[];

static const char *const top_level_keys[]
    = { "parastudy",   "kind",   "name",        "description", "variables", "constants",
        "limit_state", "method", "correlation", "sensitivity", NULL };
static const char *const engine_keys[] = { "round", NULL };
static const char *const output_files[] = { "convergence.csv", NULL };
static const PsReportChart report_charts[] = {
  { "convergence", NULL }, { "importance-factors", NULL }, { "subset-levels", NULL },
  { "sobol", NULL },       { "g-histogram", NULL },        { NULL, NULL },
};

const PsKindClass ps_reliability_class = {
  .name = "reliability",
  .label = N_ ("Reliability"),
  .title_new = N_ ("New reliability study"),
  .summary_title = N_ ("%s (reliability study)"),
  .top_level_keys = top_level_keys,
  .engine_keys = engine_keys,
  .init = reliability_init,
  .example = ps_embedded_example_reliability,
  .output_files = output_files,
  .summary_size = sizeof (PsReliabilitySummary),
  .chunk_items = rel_chunk_items,
  .count_items = rel_count_items,
  .workspace_new = rel_workspace_new,
  .workspace_free = ps_rel_eval_workspace_free,
  .summary_init = rel_summary_init,
  .eval = rel_eval,
  .merge = rel_merge,
  .write_header = NULL,
  .summary_to_json = rel_summary_to_json,
  .summary_rows = ps_reliability_summary_rows,
  .chart_data_file = "convergence.csv",
  .charts = ps_reliability_charts,
  .chart_build = ps_reliability_chart_build,
  .report_inputs = ps_reliability_report_inputs,
  .report_results = ps_reliability_report_results,
  .report_charts = report_charts,
  .is_done = rel_is_done,
  .write_outputs = rel_write_outputs,
  .set_items = rel_set_items,
  .rounds_new = rel_rounds_new,
  .rounds_next = rel_rounds_next,
  .rounds_update = rel_rounds_update,
  .rounds_finish = rel_rounds_finish,
  .rounds_free = rel_rounds_free,
  .summary_clear = rel_summary_clear,
  .summary_failure = rel_summary_failure,
};
