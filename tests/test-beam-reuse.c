#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-beam-actions.h"

/* What ps_beam_actions_evaluate() reuses between configurations changes no result:
 * the loads' responses at unit value, kept while only the load values change and
 * weighted by them, and the deflections of a state taken, scaled, from a
 * proportional state of the same configuration (ps-beam-analysis-math.h). The
 * reference is the same analysis done from scratch for every configuration
 * (ps_beam_actions_work_set_cache (work, FALSE)), whose values the published closed
 * forms of test-beam-analysis.c check; the property tested here is the agreement,
 * so no published values enter.
 *
 * Studies cover every support, load type and combination rule: continuous beams of
 * two and three spans (one with a fixed end), with and without pattern loading, a
 * cantilever, a fixed-fixed beam and a propped cantilever; uniform, partial,
 * linearly varying, point and moment loads, each of them swept; EN 1990 (6.10 and
 * 6.10a/b, two variable cases) and ASCE 7 (LRFD and ASD). Each study's
 * configurations run in sweep order (the innermost parameter first, so that the
 * unit responses are reused) and shuffled, with the section (EI and self-weight)
 * changing too. Every action of every combination and of the envelope must agree
 * with the reference to 1e-10 relative; a value that is rounding noise of an
 * exact zero (the moment at a pinned end, a reaction of a support that carries
 * nothing) is compared to 1e-12 of the largest value of its kind instead. The two
 * reusing orders must agree bit for bit: nothing may depend on the configuration
 * evaluated before, or a chunked run would differ from a serial one.
 */

#define RTOL 1e-10
#define NOISE 1e-12

typedef struct
{
  const char *name;
  const char *beam;
  const char *cases;
  const char *design;
} ReuseStudy;

#define EN_GQ                                                                                      \
  "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"category\": \"B\"}"

static const ReuseStudy studies[] = {
  { "two-spans-pattern",
    "\"support\": \"continuous\", \"spans\": [{\"from\": \"4 m\", \"to\": \"8 m\", \"steps\": 5}, "
    "{\"from\": \"4.3 m\", \"to\": \"7.9 m\", \"steps\": 4}], \"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8 kN/m\"},"
    "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": {\"from\": \"2 kN/m\", \"to\": \"20 "
    "kN/m\", "
    "\"steps\": 7}},"
    "{\"case\": \"Q\", \"type\": \"point\", \"value\": {\"from\": \"10 kN\", \"to\": \"40 kN\", "
    "\"steps\": 3}, \"position\": {\"from\": \"1.3 m\", \"to\": \"5.1 m\", \"steps\": 3}}]",
    EN_GQ, "{\"code\": \"EN\", \"pattern_loading\": true}" },
  { "three-spans-fixed-end",
    "\"support\": \"continuous\", \"spans\": [{\"from\": \"3.1 m\", \"to\": \"6.2 m\", \"steps\": "
    "3}, "
    "\"5.3 m\", {\"from\": \"2.7 m\", \"to\": \"4.4 m\", \"steps\": 2}], \"ends\": [\"fixed\", "
    "\"pinned\"], \"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"6.5 kN/m\", \"from\": {\"from\": \"0.4 "
    "m\", "
    "\"to\": \"2.2 m\", \"steps\": 2}, \"to\": \"9.6 m\"},"
    "{\"case\": \"Q\", \"type\": \"linear\", \"start\": {\"from\": \"0 kN/m\", \"to\": \"6 kN/m\", "
    "\"steps\": 3}, \"end\": \"9 kN/m\", \"from\": \"1.7 m\", \"to\": \"8.3 m\"},"
    "{\"case\": \"Q\", \"type\": \"moment\", \"value\": {\"from\": \"-12 kN m\", \"to\": \"18 kN "
    "m\", "
    "\"steps\": 4}, \"position\": \"4.9 m\"},"
    "{\"case\": \"S\", \"type\": \"point\", \"value\": {\"from\": \"5 kN\", \"to\": \"25 kN\", "
    "\"steps\": 5}, \"position\": \"10.2 m\"}]",
    EN_GQ ", \"S\": {\"type\": \"snow\"}",
    "{\"code\": \"EN\", \"pattern_loading\": true, \"equation\": \"6.10ab\", "
    "\"lateral_restraint\": "
    "{\"spacing\": \"1.5 m\"}}" },
  { "three-spans-no-pattern",
    "\"support\": \"continuous\", \"spans\": [\"4.2 m\", {\"from\": \"3.6 m\", \"to\": \"6.6 m\", "
    "\"steps\": 4}, \"3.9 m\"], \"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"7 kN/m\"},"
    "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": {\"from\": \"1 kN/m\", \"to\": \"11 "
    "kN/m\", "
    "\"steps\": 6}, \"from\": \"2.5 m\", \"to\": \"7.5 m\"},"
    "{\"case\": \"Q\", \"type\": \"point\", \"value\": \"15 kN\", \"position\": {\"from\": \"0.6 "
    "m\", "
    "\"to\": \"9.6 m\", \"steps\": 4}}]",
    EN_GQ, "{\"code\": \"EN\", \"pattern_loading\": false}" },
  { "cantilever-aisc-lrfd",
    "\"support\": \"cantilever\", \"span\": {\"from\": \"1.5 m\", \"to\": \"3.5 m\", \"steps\": "
    "5}, "
    "\"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"4 kN/m\"},"
    "{\"case\": \"L\", \"type\": \"linear\", \"start\": \"6 kN/m\", \"end\": {\"from\": \"0 "
    "kN/m\", "
    "\"to\": \"3 kN/m\", \"steps\": 3}, \"from\": \"0.2 m\", \"to\": \"1.4 m\"},"
    "{\"case\": \"L\", \"type\": \"point\", \"value\": {\"from\": \"2 kN\", \"to\": \"9 kN\", "
    "\"steps\": 4}, \"position\": \"free-end\"},"
    "{\"case\": \"S\", \"type\": \"moment\", \"value\": \"3 kN m\", \"position\": \"0.9 m\"}]",
    "\"G\": {\"type\": \"permanent\"}, \"L\": {\"type\": \"imposed\"}, \"S\": {\"type\": \"snow\"}",
    "{\"code\": \"AISC\", \"method\": \"LRFD\"}" },
  { "fixed-fixed-aisc-asd",
    "\"support\": \"fixed-fixed\", \"span\": {\"from\": \"4 m\", \"to\": \"9 m\", \"steps\": 6}, "
    "\"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN/m\", \"from\": \"0.5 m\", \"to\": "
    "\"3.5 m\"},"
    "{\"case\": \"L\", \"type\": \"point\", \"value\": {\"from\": \"5 kN\", \"to\": \"30 kN\", "
    "\"steps\": 6}, \"position\": {\"from\": \"0.7 m\", \"to\": \"3.1 m\", \"steps\": 3}},"
    "{\"case\": \"W\", \"type\": \"uniform\", \"value\": {\"from\": \"-3 kN/m\", \"to\": \"3 "
    "kN/m\", "
    "\"steps\": 3}}]",
    "\"G\": {\"type\": \"permanent\"}, \"L\": {\"type\": \"imposed\"}, \"W\": {\"type\": \"wind\"}",
    "{\"code\": \"AISC\", \"method\": \"ASD\"}" },
  { "propped-cantilever",
    "\"support\": \"propped-cantilever\", \"span\": {\"from\": \"3 m\", \"to\": \"7 m\", "
    "\"steps\": "
    "5}, \"self_weight\": true, \"loads\": ["
    "{\"case\": \"G\", \"type\": \"linear\", \"start\": \"0 kN/m\", \"end\": \"5 kN/m\", \"from\": "
    "\"0 m\", \"to\": \"3 m\"},"
    "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": {\"from\": \"2 kN/m\", \"to\": \"12 "
    "kN/m\", "
    "\"steps\": 6}, \"from\": {\"from\": \"0.3 m\", \"to\": \"1.2 m\", \"steps\": 2}, \"to\": "
    "\"2.9 "
    "m\"},"
    "{\"case\": \"Q\", \"type\": \"moment\", \"value\": {\"from\": \"-8 kN m\", \"to\": \"8 kN "
    "m\", "
    "\"steps\": 3}, \"position\": \"0 m\"},"
    "{\"case\": \"W\", \"type\": \"point\", \"value\": \"6 kN\", \"position\": \"2.2 m\"}]",
    EN_GQ ", \"W\": {\"type\": \"wind\"}", "{\"code\": \"EN\", \"equation\": \"6.10ab\"}" },
};

/* Sections: EI (N m^2) and self-weight (N/m), the outermost digit of an item. */
static const double section_EI[] = { 2.1e11 * 1943e-8, 2.1e11 * 5790e-8, 2.1e11 * 11770e-8 };
static const double section_sw[] = { 224.0, 414.0, 0.0 };
#define N_SECTIONS 3

typedef struct
{
  gboolean ok;
  PsBaComboResult *res;
  PsBaEnvelope env;
} Out;

static PsBeamActions *
load_study (const ReuseStudy *st)
{
  g_autofree char *json = g_strdup_printf (
      "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"t\", \"beam\": {%s}, \"cases\": {%s}, "
      "\"design\": %s}",
      st->beam, st->cases, st->design);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  PsBeamActions *a;

  if (!json_parser_load_from_data (parser, json, -1, &error))
    g_error ("%s: %s", st->name, error->message);
  a = ps_beam_actions_new (json_node_get_object (json_parser_get_root (parser)), &error);
  if (a == NULL)
    g_error ("%s: %s\n%s", st->name, error->message, json);
  return a;
}

static guint64
n_items (const PsBeamActions *a)
{
  guint64 n = N_SECTIONS;

  for (guint k = 0; k < ps_beam_actions_get_n_params (a); k++)
    n *= ps_beam_actions_get_param (a, k)->count;
  return n;
}

/* Item @item: the section outermost, then the parameters in order, the last
 * innermost, as a sweep runs them. */
static void
eval_item (const PsBeamActions *a, PsBeamWork *work, guint64 item, Out *o)
{
  guint np = ps_beam_actions_get_n_params (a);
  g_autofree guint64 *index = g_new0 (guint64, MAX (np, 1u));
  PsBaConfig cfg;
  guint sec;

  for (guint k = np; k-- > 0;)
    {
      guint64 c = ps_beam_actions_get_param (a, k)->count;

      index[k] = item % c;
      item /= c;
    }
  sec = (guint)item;
  o->ok = ps_beam_actions_config (a, index, section_EI[sec], section_sw[sec], &cfg, NULL);
  if (o->ok)
    ps_beam_actions_evaluate (a, &cfg, work, o->res, &o->env);
}

typedef struct
{
  const char *study;
  guint64 item;
  const char *combo;
  gboolean exact;
} Where;

static void
check_value (const Where *w, const char *what, double got, double want, double scale)
{
  double d = fabs (got - want);

  if (isnan (got) && isnan (want))
    return;
  if (w->exact ? got == want
               : d <= RTOL * MAX (fabs (got), fabs (want)) || d <= NOISE * fabs (scale))
    return;
  g_error ("%s, item %" G_GUINT64_FORMAT ", %s, %s: %.17g, from scratch %.17g (%s)", w->study,
           w->item, w->combo, what, got, want,
           w->exact ? "the orders differ" : "beyond the tolerance");
}

/* The largest value of each kind, in @o, for the noise floor. */
typedef struct
{
  double M, V, w, R;
} Scales;

static void
scales_of (const PsBeamActions *a, const Out *o, Scales *s)
{
  s->M = s->V = s->w = s->R = 0.0;
  for (guint k = 0; k <= ps_beam_actions_get_n_combinations (a); k++)
    {
      const PsDesignActions *x
          = k < ps_beam_actions_get_n_combinations (a) ? &o->res[k].actions : &o->env.actions;

      s->M = MAX (s->M, MAX (x->M_Ed_sag, x->M_Ed_hog));
      s->V = MAX (s->V, x->V_Ed);
      if (!isnan (x->w_total))
        s->w = MAX (s->w, MAX (x->w_total, x->w_variable));
    }
  for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
    s->R = MAX (s->R, MAX (fabs (o->env.R_max[j]), fabs (o->env.R_min[j])));
  for (guint k = 0; k < ps_beam_actions_get_n_combinations (a); k++)
    for (int j = 0; j < 2; j++)
      s->M = MAX (s->M, MAX (fabs (o->res[k].M_end_max[j]), fabs (o->res[k].M_end_min[j])));
}

static void
check_actions (const Where *w, const PsDesignActions *x, const PsDesignActions *y, const Scales *s)
{
  check_value (w, "M_Ed_sag", x->M_Ed_sag, y->M_Ed_sag, s->M);
  check_value (w, "M_Ed_hog", x->M_Ed_hog, y->M_Ed_hog, s->M);
  check_value (w, "V_Ed", x->V_Ed, y->V_Ed, s->V);
  check_value (w, "V_Ed_at_M", x->V_Ed_at_M, y->V_Ed_at_M, s->V);
  check_value (w, "M_Ed_at_V", x->M_Ed_at_V, y->M_Ed_at_V, s->M);
  check_value (w, "ltb.L", x->ltb.L, y->ltb.L, 0.0);
  check_value (w, "ltb.M_a", x->ltb.M_a, y->ltb.M_a, s->M);
  check_value (w, "ltb.M_b", x->ltb.M_b, y->ltb.M_b, s->M);
  check_value (w, "ltb.M_q1", x->ltb.M_q1, y->ltb.M_q1, s->M);
  check_value (w, "ltb.M_mid", x->ltb.M_mid, y->ltb.M_mid, s->M);
  check_value (w, "ltb.M_q3", x->ltb.M_q3, y->ltb.M_q3, s->M);
  check_value (w, "ltb.M_max", x->ltb.M_max, y->ltb.M_max, s->M);
  check_value (w, "w_total", x->w_total, y->w_total, s->w);
  check_value (w, "w_variable", x->w_variable, y->w_variable, s->w);
  check_value (w, "w_permanent", x->w_permanent, y->w_permanent, s->w);
  check_value (w, "w_quasi_permanent_variable", x->w_quasi_permanent_variable,
               y->w_quasi_permanent_variable, s->w);
  check_value (w, "L_ref", x->L_ref, y->L_ref, 0.0);
  check_value (w, "L_ref_variable", x->L_ref_variable, y->L_ref_variable, 0.0);
  check_value (w, "M_sls", x->M_sls, y->M_sls, s->M);
  if (x->duration != y->duration || x->ltb_restrained != y->ltb_restrained)
    g_error ("%s, item %" G_GUINT64_FORMAT ", %s: duration or restraint differ", w->study, w->item,
             w->combo);
}

static void
check_same (const char *study, guint64 item, const PsBeamActions *a, const Out *x, const Out *y,
            gboolean exact)
{
  guint nc = ps_beam_actions_get_n_combinations (a);
  Where w = { study, item, "envelope", exact };
  Scales s;

  if (x->ok != y->ok)
    g_error ("%s, item %" G_GUINT64_FORMAT ": accepted by one evaluation only", study, item);
  if (!x->ok)
    return;
  scales_of (a, y, &s);
  for (guint k = 0; k < nc; k++)
    {
      const PsBaComboResult *p = &x->res[k], *q = &y->res[k];

      w.combo = ps_beam_actions_get_combination_name (a, k);
      check_actions (&w, &p->actions, &q->actions, &s);
      check_value (&w, "w_max", p->w_max, q->w_max, s.w);
      for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
        {
          check_value (&w, "R_max", p->R_max[j], q->R_max[j], s.R);
          check_value (&w, "R_min", p->R_min[j], q->R_min[j], s.R);
        }
      for (int j = 0; j < 2; j++)
        {
          check_value (&w, "M_end_max", p->M_end_max[j], q->M_end_max[j], s.M);
          check_value (&w, "M_end_min", p->M_end_min[j], q->M_end_min[j], s.M);
        }
    }
  w.combo = "envelope";
  check_actions (&w, &x->env.actions, &y->env.actions, &s);
  for (int j = 0; j < PS_BA_MAX_SUPPORTS; j++)
    {
      check_value (&w, "R_max", x->env.R_max[j], y->env.R_max[j], s.R);
      check_value (&w, "R_min", x->env.R_min[j], y->env.R_min[j], s.R);
    }
}

static void
test_reuse (gconstpointer data)
{
  const ReuseStudy *st = data;
  g_autoptr (PsBeamActions) a = load_study (st);
  g_autoptr (PsBeamWork) seq = ps_beam_actions_work_new (a);
  g_autoptr (PsBeamWork) shuf = ps_beam_actions_work_new (a);
  g_autoptr (PsBeamWork) scratch = ps_beam_actions_work_new (a);
  guint nc = ps_beam_actions_get_n_combinations (a);
  guint64 total = n_items (a), n = MIN (total, 600), start = 0;
  g_autofree guint64 *order = g_new (guint64, n);
  g_autofree Out *o_seq = g_new0 (Out, n), *o_shuf = g_new0 (Out, n);
  Out ref;
  guint hits = 0;

  /* A run of consecutive items from a random start (a chunk of a sweep), which
   * changes every kind of parameter at least once. */
  if (total > n)
    start = (guint64)g_test_rand_int_range (0, (gint32)(total - n));
  memset (&ref, 0, sizeof ref);
  ref.res = g_new0 (PsBaComboResult, nc);
  ps_beam_actions_work_set_cache (scratch, FALSE);
  for (guint64 i = 0; i < n; i++)
    {
      order[i] = i;
      o_seq[i].res = g_new0 (PsBaComboResult, nc);
      o_shuf[i].res = g_new0 (PsBaComboResult, nc);
    }
  for (guint64 i = n; i-- > 1;)
    {
      guint64 j = (guint64)g_test_rand_int_range (0, (gint32)i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint64 i = 0; i < n; i++)
    eval_item (a, seq, start + i, &o_seq[i]);
  for (guint64 i = 0; i < n; i++)
    eval_item (a, shuf, start + order[i], &o_shuf[order[i]]);
  for (guint64 i = 0; i < n; i++)
    {
      eval_item (a, scratch, start + i, &ref);
      hits += ref.ok;
      check_same (st->name, start + i, a, &o_seq[i], &ref, FALSE);
      check_same (st->name, start + i, a, &o_shuf[i], &ref, FALSE);
      check_same (st->name, start + i, a, &o_shuf[i], &o_seq[i], TRUE);
    }
  /* The study must give configurations to compare. */
  g_assert_cmpuint (hits, >, n / 2);
  for (guint64 i = 0; i < n; i++)
    {
      g_free (o_seq[i].res);
      g_free (o_shuf[i].res);
    }
  g_free (ref.res);
}

/* The largest deflection the root searches find is not exceeded anywhere along
 * the beam: the diagram of the governing combination at 4001 stations (and its
 * exact extrema) against its w_max, for every configuration of the studies. */
static void
test_no_missed_extremum (gconstpointer data)
{
  const ReuseStudy *st = data;
  g_autoptr (PsBeamActions) a = load_study (st);
  g_autoptr (PsBeamWork) work = ps_beam_actions_work_new (a);
  guint np = ps_beam_actions_get_n_params (a);
  g_autofree guint64 *index = g_new0 (guint64, MAX (np, 1u));
  guint64 total = n_items (a) / N_SECTIONS, step = MAX (total / 40, 1u);

  for (guint64 item = 0; item < total; item += step)
    {
      guint64 r = item;
      PsBaConfig cfg;

      for (guint k = np; k-- > 0;)
        {
          guint64 c = ps_beam_actions_get_param (a, k)->count;

          index[k] = r % c;
          r /= c;
        }
      if (!ps_beam_actions_config (a, index, section_EI[0], section_sw[0], &cfg, NULL))
        continue;
      for (guint k = 0; k < ps_beam_actions_get_n_combinations (a); k++)
        {
          g_autoptr (PsBeamDiagram) d = ps_beam_actions_diagram (a, &cfg, work, (int)k, 4001);
          double m = 0.0, M = 0.0;

          for (guint i = 0; i < d->n; i++)
            {
              m = MAX (m, fabs (d->w[i]));
              M = MAX (M, fabs (d->M[i]));
            }
          g_assert_cmpfloat (m, <=, d->w_max * (1.0 + 1e-12));
          g_assert_cmpfloat (M, <=, MAX (d->forces.M_max, -d->forces.M_min) * (1.0 + 1e-12));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      g_autofree char *p1 = g_strdup_printf ("/engine/beam-reuse/agrees/%s", studies[i].name);
      g_autofree char *p2 = g_strdup_printf ("/engine/beam-reuse/extrema/%s", studies[i].name);

      g_test_add_data_func (p1, &studies[i], test_reuse);
      g_test_add_data_func (p2, &studies[i], test_no_missed_extremum);
    }
  return g_test_run ();
}
