/* ps-beam-design-fast.c: proportional groups of the design path (ps-beam-design-fast.h).
 *
 * The analysis (ps-beam-analysis-math.h) is linear: each load case is analysed on its
 * own (a piece) and a combination is the sum of the pieces times its factors. When
 * every load has the same shape, the piece of case c is V_c times the piece of a unit
 * load of that shape (V_c: the sum of the values of the case's loads), so combination
 * k is s_k = sum_c f_kc V_c times the unit state, its variable part
 * sum_{c variable} f_kc V_c times it, its permanent part sum_{c permanent} f_kc V_c
 * times it, and its psi2-weighted characteristic variable part
 * sum_{c variable, f_kc != 0} psi2_c V_c times it (ps_ba_combo_parts()). With a single
 * span there is a single arrangement (ps_beam_actions.c: build_patterns()), so each
 * combination's extrema are those of the unit state times the scalar: when the scalar
 * is positive, moments, shears, reactions and deflections scale by it, and the
 * positions of the extrema and the shape of the moment diagram between restraints do
 * not change. The envelope over the combinations is then rebuilt from the scaled
 * combinations with the rules ps_ba_combine() applies.
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-beam-design-fast.h"

void
ps_beam_fast_study_init (const PsBeamActions *a, PsBeamFastStudy *fs)
{
  const PsBaPlan *p = &a->plan;
  int inner = -1;
  const PsParam *param;

  memset (fs, 0, sizeof *fs);
  fs->inner_case = -1;
  if (a->n_spans != 1 || p->n_patterns != 1)
    return;
  /* The innermost parameter with more than one value: the digit that changes from
   * one item to the next within a group. */
  for (int k = (int)a->n_params - 1; k >= 0 && inner < 0; k--)
    if (a->params[k]->count > 1)
      inner = k;
  if (inner < 0)
    return;
  param = a->params[inner];
  for (guint i = 0; i < a->n_loads; i++)
    {
      const PsBeamLoadSpec *l = &a->loads[i];

      if (param == &l->value && (l->type != PS_BA_DISTRIBUTED || l->uniform))
        {
          fs->load = i;
          fs->inner_case = l->lc;
        }
    }
  if (fs->inner_case < 0)
    return;
  /* No cancellation and no sign flip: every factor and psi2 non-negative. */
  for (int k = 0; k < p->n_combos; k++)
    for (int c = 0; c < p->n_cases; c++)
      if (!(p->combo[k].factor[c] >= 0.0 && p->combo[k].factor[c] < INFINITY))
        return;
  for (int c = 0; c < p->n_cases; c++)
    if (!(p->psi2[c] >= 0.0 && p->psi2[c] < INFINITY))
      return;

  {
    gboolean up = TRUE, down = TRUE;

    fs->v_min = fs->v_max = param->values[0];
    for (guint64 j = 0; j < param->count; j++)
      {
        double v = param->values[j];

        if (!(v >= 0.0 && v < INFINITY))
          return;
        fs->v_min = MIN (fs->v_min, v);
        fs->v_max = MAX (fs->v_max, v);
        if (j > 0)
          {
            up = up && v >= param->values[j - 1];
            down = down && v <= param->values[j - 1];
          }
      }
    fs->direction = up ? 1 : down ? -1 : 0;
  }
  fs->param = (guint)inner;
  fs->dim = 2 + (guint)inner;
  fs->plan = *p;
  fs->combos = g_new0 (PsBaCombo, MAX (p->n_combos, 1));
  fs->kept = g_new0 (int, MAX (p->n_combos, 1));
  fs->plan.n_combos = 0;
  for (int k = 0; k < p->n_combos; k++)
    if (p->combo[k].limit == PS_BA_ULS || p->combo[k].deflection)
      {
        fs->combos[fs->plan.n_combos] = p->combo[k];
        fs->kept[fs->plan.n_combos++] = k;
      }
  fs->plan.combo = fs->combos;
  fs->proportional = TRUE;
}

void
ps_beam_fast_study_clear (PsBeamFastStudy *fs)
{
  g_clear_pointer (&fs->combos, g_free);
  g_clear_pointer (&fs->kept, g_free);
  fs->proportional = FALSE;
}

PsBeamFastGroup *
ps_beam_fast_group_new (const PsBeamActions *a)
{
  PsBeamFastGroup *g = g_new0 (PsBeamFastGroup, 1);

  g->n_combos = (int)a->n_combos;
  g->res = g_new0 (PsBaComboResult, MAX (a->n_combos, 1u));
  g->kept_res = g_new0 (PsBaComboResult, MAX (a->n_combos, 1u));
  g->s0 = g_new0 (double, MAX (a->n_combos, 1u));
  return g;
}

void
ps_beam_fast_group_free (PsBeamFastGroup *g)
{
  if (g == NULL)
    return;
  g_free (g->res);
  g_free (g->kept_res);
  g_free (g->s0);
  g_free (g);
}

/* The case totals at value @v of the group's load. */
static inline void
case_totals (const PsBaPlan *p, const PsBeamFastStudy *fs, const PsBeamFastGroup *g, double v,
             double *V)
{
  for (int c = 0; c < p->n_cases; c++)
    V[c] = g->base[c];
  V[fs->inner_case] += v;
}

/* s_k of combination @k for case totals @V. */
static inline double
combo_scalar (const PsBaPlan *p, int k, const double *V)
{
  double s = 0.0;

  for (int c = 0; c < p->n_cases; c++)
    s += p->combo[k].factor[c] * V[c];
  return s;
}

static gboolean
same_shape (const PsBaLoad *a, const PsBaLoad *b)
{
  if (a->type != b->type || a->a != b->a)
    return FALSE;
  if (a->type != PS_BA_DISTRIBUTED)
    return TRUE;
  return a->b == b->b && a->v1 == a->v2 && b->v1 == b->v2;
}

gboolean
ps_beam_fast_group_init (const PsBeamActions *a, const PsBeamFastStudy *fs, const PsBaConfig *cfg,
                         PsBaWork *work, PsBeamFastGroup *g)
{
  const PsBaPlan *p = &a->plan;
  const PsBaLoad *unit;
  double Vmin[PS_BA_MAX_CASES] = { 0 }, Vmax[PS_BA_MAX_CASES] = { 0 }, V0[PS_BA_MAX_CASES] = { 0 };

  if (!fs->proportional || cfg->n_spans != 1 || (guint)cfg->n_loads <= fs->load)
    return FALSE;
  unit = &cfg->load[fs->load];
  for (int c = 0; c < p->n_cases; c++)
    g->base[c] = 0.0;
  for (int i = 0; i < cfg->n_loads; i++)
    {
      const PsBaLoad *l = &cfg->load[i];

      if (i == (int)fs->load)
        {
          if (!same_shape (l, l))
            return FALSE;
          continue;
        }
      /* A load of zero value adds nothing, whatever its shape. */
      if (l->v1 == 0.0 && (l->type != PS_BA_DISTRIBUTED || l->v2 == 0.0))
        continue;
      if (!same_shape (unit, l) || !(l->v1 > 0.0 && l->v1 < INFINITY))
        return FALSE;
      g->base[l->lc] += l->v1;
    }
  case_totals (p, fs, g, fs->v_min, Vmin);
  case_totals (p, fs, g, fs->v_max, Vmax);
  case_totals (p, fs, g, unit->v1, V0);
  for (int k = 0; k < p->n_combos; k++)
    {
      g->s0[k] = combo_scalar (p, k, V0);
      if (!(combo_scalar (p, k, Vmin) > 0.0 && combo_scalar (p, k, Vmax) > 0.0 && g->s0[k] > 0.0
            && g->s0[k] < INFINITY))
        return FALSE;
    }
  g->inner_case = fs->inner_case;
  g->cfg = *cfg;
  ps_ba_evaluate (&fs->plan, &g->cfg, work, g->kept_res, &g->env);
  for (int i = 0; i < fs->plan.n_combos; i++)
    g->res[fs->kept[i]] = g->kept_res[i];
  return TRUE;
}

double
ps_beam_fast_scalar (const PsBeamActions *a, const PsBeamFastGroup *g, int k, double v)
{
  double V[PS_BA_MAX_CASES] = { 0 };

  for (int lc = 0; lc < a->plan.n_cases; lc++)
    V[lc] = g->base[lc];
  V[g->inner_case] += v;
  return combo_scalar (&a->plan, k, V);
}

/* The actions of the group's first item times @t > 0. The LTB segment's exact diagram
 * (a->ltb.diagram) is normalised by its largest |M| and stays as it is: the same bits
 * for every item of the group, as the memo of the energy M_cr (ps-ltb-energy-math.h)
 * expects. */
static inline void
scale_actions (PsDesignActions *a, double t)
{
  a->M_Ed_sag *= t;
  a->M_Ed_hog *= t;
  a->V_Ed *= t;
  a->V_Ed_at_M *= t;
  a->M_Ed_at_V *= t;
  a->ltb.M_a *= t;
  a->ltb.M_b *= t;
  a->ltb.M_q1 *= t;
  a->ltb.M_mid *= t;
  a->ltb.M_q3 *= t;
  a->ltb.M_max *= t;
}

/* What ps_ba_combine() computes for configuration g->cfg with the group's load at @v,
 * from its results at the group's first item: each combination scaled by its s_k, then
 * the envelope by the rules of ps_ba_combine() (ps-beam-analysis-math.h), in the same
 * order, so that ties resolve alike. A single span: one arrangement, one span. Of
 * @res only the actions of the ultimate combinations are written (what the code checks
 * read); @env is whole. */
void
ps_beam_fast_scale (const PsBeamActions *actions, const PsBeamFastGroup *g, double v,
                    PsBaComboResult *res, PsBaEnvelope *env)
{
  const PsBaPlan *p = &actions->plan;
  const PsBaConfig *c = &g->cfg;
  const int nsup = 2;
  double V[PS_BA_MAX_CASES] = { 0 };
  PsBaSpanW denv;
  int have_denv = 0, denv_combo_tot = -1, denv_combo_var = -1;
  double M_sls = 0.0;

  for (int lc = 0; lc < p->n_cases; lc++)
    V[lc] = g->base[lc];
  V[g->inner_case] += v;

  memset (&denv, 0, sizeof denv);
  ps_ba_actions_init (&env->actions);
  env->combo_M_sag = env->combo_M_hog = env->combo_V = -1;
  env->combo_w_total = env->combo_w_variable = -1;
  env->x_M_sag = env->x_M_hog = env->x_V = env->x_w_total = env->x_w_variable = NAN;
  for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
    {
      env->R_max[j] = -INFINITY;
      env->R_min[j] = INFINITY;
      env->combo_R_max[j] = env->combo_R_min[j] = -1;
    }

  for (int k = 0; k < p->n_combos; k++)
    {
      const PsBaCombo *cb = &p->combo[k];
      const PsBaComboResult *r0 = &g->res[k];
      const PsDesignActions *a0 = &r0->actions;
      double t;

      if (cb->limit != PS_BA_ULS && !cb->deflection)
        continue; /* not analysed (PsBeamFastStudy.plan), read by nothing */
      t = combo_scalar (p, k, V) / g->s0[k];

      if (cb->deflection)
        {
          /* The unit state's largest deflection (the combination's own, over its
           * scalar) times each part's scalar (ps_ba_combo_parts()). */
          double unit = r0->w_max / g->s0[k];
          double var = 0.0, perm = 0.0, qp = 0.0, tot = r0->w_max * t;
          /* The combination's largest |M| (ps_ba_combine()'s best_abs_M): with a
           * single arrangement the larger of its sagging and hogging moments. */
          double best = (a0->M_Ed_sag > a0->M_Ed_hog ? a0->M_Ed_sag : a0->M_Ed_hog) * t;

          for (int lc = 0; lc < p->n_cases; lc++)
            {
              double f = cb->factor[lc];

              if (f == 0.0)
                continue;
              if (p->variable[lc])
                {
                  var += f * V[lc];
                  qp += p->psi2[lc] * V[lc];
                }
              else
                perm += f * V[lc];
            }
          var *= unit;
          perm *= unit;
          qp *= unit;
          have_denv = 1;
          if (tot > denv.tot[0] || denv_combo_tot < 0)
            {
              denv.tot[0] = tot;
              denv.x_tot[0] = r0->x_w;
              denv_combo_tot = k;
            }
          if (var > denv.var[0] || denv_combo_var < 0)
            {
              denv.var[0] = var;
              denv.x_var[0] = r0->x_w;
              denv_combo_var = k;
            }
          if (perm > denv.perm[0])
            denv.perm[0] = perm;
          if (qp > denv.qp[0])
            denv.qp[0] = qp;
          if (best > M_sls)
            M_sls = best;
        }

      if (cb->limit != PS_BA_ULS)
        continue;
      {
        PsDesignActions *a = &res[k].actions;

        *a = *a0;
        scale_actions (a, t);
        if (env->combo_M_sag < 0 || a->M_Ed_sag > env->actions.M_Ed_sag)
          {
            env->actions.M_Ed_sag = a->M_Ed_sag;
            env->combo_M_sag = k;
            env->x_M_sag = r0->x_M_sag;
          }
        if (env->combo_M_hog < 0 || a->M_Ed_hog > env->actions.M_Ed_hog)
          {
            env->actions.M_Ed_hog = a->M_Ed_hog;
            env->combo_M_hog = k;
            env->x_M_hog = r0->x_M_hog;
          }
        if (env->combo_V < 0 || a->V_Ed > env->actions.V_Ed)
          {
            env->actions.V_Ed = a->V_Ed;
            env->actions.M_Ed_at_V = a->M_Ed_at_V;
            env->combo_V = k;
            env->x_V = r0->x_V;
          }
        for (int j = 0; j < nsup; j++)
          {
            double R_max = r0->R_max[j] * t, R_min = r0->R_min[j] * t;

            if (env->combo_R_max[j] < 0 || R_max > env->R_max[j])
              {
                env->R_max[j] = R_max;
                env->combo_R_max[j] = k;
              }
            if (env->combo_R_min[j] < 0 || R_min < env->R_min[j])
              {
                env->R_min[j] = R_min;
                env->combo_R_min[j] = k;
              }
          }
      }
    }

  ps_ba_envelope_finish (p, c, res, nsup, env);

  if (have_denv)
    {
      double x1, x2;

      ps_ba_fill_w (p, c, &denv, &env->actions, &x1, &x2);
      env->actions.M_sls = M_sls;
      env->combo_w_total = denv_combo_tot;
      env->combo_w_variable = denv_combo_var;
      env->x_w_total = x1;
      env->x_w_variable = x2;
      for (int k = 0; k < p->n_combos; k++)
        if (p->combo[k].limit == PS_BA_ULS)
          {
            PsDesignActions *a = &res[k].actions;

            a->w_total = env->actions.w_total;
            a->w_variable = env->actions.w_variable;
            a->w_permanent = env->actions.w_permanent;
            a->w_quasi_permanent_variable = env->actions.w_quasi_permanent_variable;
            a->L_ref = env->actions.L_ref;
            a->L_ref_variable = env->actions.L_ref_variable;
            a->limit_total = env->actions.limit_total;
            a->limit_variable = env->actions.limit_variable;
            a->M_sls = M_sls;
          }
    }
}
