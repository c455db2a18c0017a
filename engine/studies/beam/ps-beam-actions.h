/* ps-beam-actions.h: the loads, load cases and combinations of a beam design study
 * (study keys beam.loads, beam.spans, beam.ends, cases, design.*), and the exact
 * analysis of one configuration under them (ps-beam-analysis-math.h).
 *
 * A study is parsed once into a PsBeamActions: the load list with its sweepable
 * values (PsParam), the cases with their EN 1990 psi factors, and the combinations,
 * generated ("auto") from EN 1990 Annex A1 or ASCE 7-16 chapter 2, or given. Each
 * configuration of a sweep is then one value index per sweepable parameter
 * (ps_beam_actions_get_param()) plus EI and the self-weight per length, which the
 * section and material give:
 *
 *   PsBaConfig cfg;
 *   if (!ps_beam_actions_config (actions, index, E * I, rho * A * g, &cfg, &msg))
 *     ... the configuration is invalid (a load beyond the end of the beam): msg ...
 *   ps_beam_actions_evaluate (actions, &cfg, work, results, &envelope);
 *
 * results[k] (k < ps_beam_actions_get_n_combinations()) holds the PsDesignActions of
 * combination k for the code checks (ps-design-math.h); the envelope the largest
 * moments, shear, reactions and deflections and the combinations that govern them.
 * The work area (ps_beam_actions_work_new()) is reused for every configuration;
 * nothing is allocated per configuration.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-beam-analysis-math.h"
#include "study/ps-param.h"

G_BEGIN_DECLS

typedef enum
{
  PS_BEAM_SUPPORT_SIMPLY_SUPPORTED,
  PS_BEAM_SUPPORT_CANTILEVER,
  PS_BEAM_SUPPORT_FIXED_FIXED,
  PS_BEAM_SUPPORT_PROPPED_CANTILEVER,
  PS_BEAM_SUPPORT_CONTINUOUS,
} PsBeamSupportKind;

typedef enum
{
  PS_CASE_PERMANENT,
  PS_CASE_IMPOSED,
  PS_CASE_SNOW,
  PS_CASE_WIND,
  PS_CASE_TEMPERATURE,
} PsCaseType;

/* The rules that combine the cases: design.code "EN" (EN 1990) or "AISC" (ASCE 7-16). */
typedef enum
{
  PS_LOAD_CODE_EN,
  PS_LOAD_CODE_ASCE,
} PsLoadCode;

typedef enum
{
  PS_LOAD_METHOD_LRFD,
  PS_LOAD_METHOD_ASD,
} PsLoadMethod;

typedef struct
{
  char *name;
  PsCaseType type;
  char category; /* 'A' .. 'H' for an imposed case with a category, else 0 */
  double psi[3]; /* psi0, psi1, psi2; NAN for an imposed case without category or psi */
} PsBeamActionCase;

typedef enum
{
  PS_BEAM_AT_VALUE,
  PS_BEAM_AT_MIDSPAN,
  PS_BEAM_AT_FREE_END,
} PsBeamAt;

typedef struct
{
  char *path; /* "beam.loads[2]" */
  int lc;
  int type;         /* PsBaLoadType */
  gboolean uniform; /* a distributed load given by "value" */
  PsBeamAt at;      /* where a point load or moment is */
  gboolean has_from, has_to;
  /* The sweepable values it uses (the others empty): value (point N, uniform N/m,
   * moment N m), start and end (linear, N/m), position, from, to (m). */
  PsParam value, start, end, position, from, to;
} PsBeamLoadSpec;

typedef struct
{
  PsBeamSupportKind support;
  int left, right; /* PsBaEnd */
  guint n_spans;
  PsParam span[PS_BA_MAX_SPANS];

  guint n_loads;
  PsBeamLoadSpec *loads;
  gboolean self_weight;
  int self_weight_case; /* the case "G"; -1 without self-weight */

  guint n_cases;
  PsBeamActionCase cases[PS_BA_MAX_CASES];

  PsLoadCode code;
  PsLoadMethod method;
  gboolean equation_6_10ab;
  gboolean pattern_loading;
  gboolean auto_combinations;

  guint n_combos;
  PsBaCombo *combos;
  char **combo_names;

  PsBaPlan plan;
  int max_segments;

  /* The sweepable parameters in a fixed order (spans, then each load's values) and
   * the JSON path of each ("beam.spans[1]", "beam.loads[2].value"). */
  guint n_params;
  PsParam **params;
  char **param_paths;
} PsBeamActions;

/* The members of "beam" and "design" that ps_beam_actions_new() reads; the beam kind
 * accepts these besides its own when it checks for unknown keys. NULL-terminated. */
extern const char *const ps_beam_actions_beam_keys[];
extern const char *const ps_beam_actions_design_keys[];

/* Whether the study at @root describes its loads with "beam.loads". */
gboolean ps_beam_actions_wanted (JsonObject *root);

/* Parses beam.support, beam.span or beam.spans and beam.ends, beam.loads,
 * beam.self_weight, cases and design of @root. Errors name the JSON path. */
PsBeamActions *ps_beam_actions_new (JsonObject *root, GError **error);
void ps_beam_actions_free (PsBeamActions *actions);

guint ps_beam_actions_get_n_params (const PsBeamActions *actions);
PsParam *ps_beam_actions_get_param (const PsBeamActions *actions, guint k);
const char *ps_beam_actions_get_param_path (const PsBeamActions *actions, guint k);

guint ps_beam_actions_get_n_combinations (const PsBeamActions *actions);
const char *ps_beam_actions_get_combination_name (const PsBeamActions *actions, guint k);
const PsBaCombo *ps_beam_actions_get_combination (const PsBeamActions *actions, guint k);
/* The index of the combination called @name, or -1. */
int ps_beam_actions_find_combination (const PsBeamActions *actions, const char *name);
/* "permanent", "imposed", "snow", "wind" or "temperature", as the study file writes it. */
const char *ps_beam_case_type_name (PsCaseType type);

/* The configuration with value @index[k] of parameter k (NULL: the first value of
 * each), bending stiffness @EI (N m^2) and self-weight @self_weight (N/m, used when
 * the study asks for it). FALSE, with a message naming the JSON path, when a load
 * falls outside the beam or a distributed load has from >= to there. */
gboolean ps_beam_actions_config (const PsBeamActions *actions, const guint64 *index, double EI,
                                 double self_weight, PsBaConfig *cfg, char **error_message);

typedef struct _PsBeamWork PsBeamWork;

PsBeamWork *ps_beam_actions_work_new (const PsBeamActions *actions);
void ps_beam_actions_work_free (PsBeamWork *work);
PsBaWork *ps_beam_work_get (PsBeamWork *work);
/* Whether ps_beam_actions_evaluate() keeps each load's response at unit value and
 * builds a configuration's as their weighted sum, and takes the deflections of a
 * state proportional to one already searched from it (TRUE, the default), or
 * analyses every configuration and searches every state from scratch (FALSE, for
 * the tests that compare the two). */
void ps_beam_actions_work_set_cache (PsBeamWork *work, gboolean cache);

/* Every combination of @cfg into @results (ps_beam_actions_get_n_combinations()
 * of them) and the envelope into @envelope. */
void ps_beam_actions_evaluate (const PsBeamActions *actions, const PsBaConfig *cfg,
                               PsBeamWork *work, PsBaComboResult *results, PsBaEnvelope *envelope);

/* The shear, moment and deflection along the beam for one configuration and one
 * combination, in the arrangement of its variable loads that gives the largest |M|:
 * at @n_stations evenly spaced stations (at least 201), both sides of every
 * breakpoint, and the exact extrema, in increasing x. */
typedef struct
{
  int combination;
  uint32_t pattern; /* bit s: span s carries the variable loads */
  guint n;
  double *x, *V, *M, *w; /* m, N, N m, m */
  guint n_supports;
  double x_support[PS_BA_MAX_SUPPORTS], R[PS_BA_MAX_SUPPORTS]; /* m, N */
  gboolean fixed[2];
  double M_end[2]; /* moments the fixed ends take, N m */
  PsBaForces forces;
  double w_max, x_w; /* largest |w| and where, m */
} PsBeamDiagram;

/* @combination -1: the ULS combination that governs the largest |M|. */
PsBeamDiagram *ps_beam_actions_diagram (const PsBeamActions *actions, const PsBaConfig *cfg,
                                        PsBeamWork *work, int combination, guint n_stations);
void ps_beam_diagram_free (PsBeamDiagram *diagram);
/* Adds the diagram as members of the object being built: "combination", "limit",
 * "loaded_spans", "reactions" ([{"x_m", "R_N"}] left to right), "end_moments",
 * "extrema", and the columns "x_m", "V_N", "M_Nm", "w_m". */
void ps_beam_diagram_to_json (const PsBeamActions *actions, const PsBeamDiagram *diagram,
                              JsonBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsBeamActions, ps_beam_actions_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsBeamWork, ps_beam_actions_work_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsBeamDiagram, ps_beam_diagram_free)

G_END_DECLS
