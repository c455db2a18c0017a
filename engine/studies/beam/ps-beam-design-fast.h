/* ps-beam-design-fast.h: the fast paths of the beam design path (ps-beam-design.c).
 *
 * A group is the run of consecutive configurations that differ only in the innermost
 * varying parameter of the grid, when that parameter is the value of a load (a point
 * load, a moment or a uniform distributed load). When every load of the beam, the
 * self-weight included, has the same shape (type, position, extent) on a single span,
 * the analysis is linear in one scalar per combination: the state of combination k is
 * s_k times that of one unit state, s_k = sum over the cases of the combination factor
 * times the case's total value. The group is then analysed once, always at its first
 * item (so that the results do not depend on where a backend cuts the chunks), and the
 * results of every other item are those of the first scaled field by field: forces,
 * moments and deflections scale, positions, lengths and limits do not
 * (ps_beam_fast_scale()). Every s_k must be positive over the whole group, every
 * value and factor non-negative (no sign flip, no cancellation).
 *
 * Threshold counting (ps-beam-design.c, rows "none"): when the group's values are
 * monotone and the checker is one whose utilisations are non-decreasing in the scale
 * of the actions (EN 1993-1-1 and AISC 360: bending, shear, the bending-shear
 * interaction, LTB with M_cr from the moment shape only, deflections), the failing
 * configurations of each check are a suffix of the group in the direction of
 * increasing load, found from a few exact evaluations of single configurations.
 */
#pragma once

#include "ps-beam-actions.h"

G_BEGIN_DECLS

typedef struct _PsBeamDesign PsBeamDesign;

/* How much of the fast paths a run may take (tests turn them off to compare). */
typedef enum
{
  PS_BEAM_FAST_OFF,          /* the general analysis of every configuration */
  PS_BEAM_FAST_PROPORTIONAL, /* proportional groups, every configuration checked */
  PS_BEAM_FAST_ALL,          /* also threshold counting for rows "none" (the default) */
} PsBeamFastLevel;

/* What the study allows, once for all its groups. */
typedef struct
{
  gboolean proportional; /* groups may be proportional (then the fields below hold) */
  guint param;           /* the group's parameter (an index of the actions' list) */
  guint dim;             /* its grid dimension, 2 + param */
  guint load;            /* the load whose value it is (beam.loads[load]) */
  int inner_case;        /* that load's case */
  double v_min, v_max;   /* the smallest and largest of its values */
  int direction;         /* +1: values non-decreasing in the item index, -1:
                            non-increasing, 0: neither (no threshold counting) */
  /* The combinations the fast path reads (the ultimate ones, and those whose
   * deflections enter the envelope) as a plan of their own, for the analysis of each
   * group's first item: combination i of it is the study's kept[i]. The others (the
   * serviceability combinations no check reads) are left out; they change nothing of
   * the ones kept (ps_ba_combine()). */
  PsBaPlan plan;
  PsBaCombo *combos;
  int *kept;
} PsBeamFastStudy;

/* One group's proportional model: the analysis of its first item and the case totals
 * less the group's load. */
typedef struct
{
  int n_combos;
  int inner_case;       /* the case of the group's load */
  PsBaConfig cfg;       /* of the first item */
  PsBaComboResult *res; /* of each combination the plan keeps, by the study's index */
  PsBaComboResult *kept_res;
  PsBaEnvelope env;
  double base[PS_BA_MAX_CASES];
  double *s0; /* s_k at the first item, n_combos */
} PsBeamFastGroup;

/* Which paths a workspace's groups took (a partial range of a group counts once). */
typedef struct
{
  guint64 general, proportional, threshold;
  /* The items the threshold counts covered and the exact evaluations they made. */
  guint64 threshold_items, threshold_evaluations;
} PsBeamFastCounts;

void ps_beam_fast_study_init (const PsBeamActions *a, PsBeamFastStudy *fs);
void ps_beam_fast_study_clear (PsBeamFastStudy *fs);

PsBeamFastGroup *ps_beam_fast_group_new (const PsBeamActions *a);
void ps_beam_fast_group_free (PsBeamFastGroup *g);
/* Whether the group whose first item has configuration @cfg is proportional; if so
 * it is analysed (in @work, laid out for the study: ps_beam_work_get()) into @g. */
gboolean ps_beam_fast_group_init (const PsBeamActions *a, const PsBeamFastStudy *fs,
                                  const PsBaConfig *cfg, PsBaWork *work, PsBeamFastGroup *g);
/* s_k of combination @k at value @v of the group's load. */
double ps_beam_fast_scalar (const PsBeamActions *a, const PsBeamFastGroup *g, int k, double v);
/* The results of the group's item whose group load has value @v: the actions of each
 * ultimate combination into @res[k] (what the code checks read; the other members and
 * combinations are left as they are) and the envelope into @env. */
void ps_beam_fast_scale (const PsBeamActions *a, const PsBeamFastGroup *g, double v,
                         PsBaComboResult *res, PsBaEnvelope *env);

/* For tests: the fast paths a design study's runs take (default PS_BEAM_FAST_ALL). */
void ps_beam_design_set_fast (PsBeamDesign *d, PsBeamFastLevel level);
/* For tests: the paths the groups evaluated with @workspace took so far. */
void ps_beam_design_workspace_counts (gpointer workspace, PsBeamFastCounts *counts);

G_END_DECLS
