#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-beam-actions.h"
#include "ps-test-utils.h"

/* The beam analysis of ps-beam-analysis-math.h and the load cases and combinations
 * of ps-beam-actions.c against closed forms written out here.
 *
 * Sources:
 *   [AISC]   AISC Steel Construction Manual, 15th ed., Table 3-23 "Shears, Moments and
 *            Deflections"; the cases are named by their titles.
 *   [Roark]  Roark's Formulas for Stress and Strain, 8th ed., Table 8.1: the general
 *            expressions of a straight beam in singularity functions,
 *            y = y_A + theta_A x + M_A x^2/2EI + R_A x^3/6EI + loading terms, with the
 *            left-end values fixed by the right end's conditions (cases 1 point load,
 *            2 partial linearly distributed load, 3 concentrated moment; a to e the end
 *            conditions). Written below with w positive downward (Roark's y is up).
 *   [TY]     Timoshenko and Young, Theory of Structures, 2nd ed., continuous beams:
 *            the three-moment equation (a fixed end as a span of zero length) and
 *            member stiffnesses, solved by hand in the tests.
 *   [EN1990] EN 1990:2002 + A1:2005, expressions 6.10, 6.10a, 6.10b, 6.14b, 6.15b,
 *            6.16b, Table A1.1 (psi factors) and Table A1.2(B) (gamma_G = 1.35 / 1.00,
 *            gamma_Q = 1.5, xi = 0.85), recommended values.
 *   [ASCE]   ASCE/SEI 7-16, 2.3.1 (LRFD) and 2.4.1 (ASD) basic combinations.
 *   [F.1-1A] AISC Design Examples v15.0, Example F.1-1A: W18x50, 35 ft simple span,
 *            w_D = 0.45 kip/ft, w_L = 0.75 kip/ft; w_u = 1.74 kip/ft, M_u = 266 kip-ft;
 *            w_a = 1.20 kip/ft, M_a = 184 kip-ft.
 *
 * Sign conventions of the engine: x from the left end, loads and w positive downward,
 * sagging moment positive, V = dM/dx, a concentrated moment positive clockwise.
 */

#define RTOL 1e-9

/* |got - want| <= tol, for values that may be zero. */
static void
assert_close_abs_impl (const char *file, int line, const char *func, const char *label, double got,
                       double want, double tol)
{
  if (!(fabs (got - want) <= tol))
    {
      g_autofree char *msg = g_strdup_printf ("%s: got %.17g, expected %.17g (difference %.3g, "
                                              "tolerance %.3g)",
                                              label, got, want, fabs (got - want), tol);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

#define assert_close_abs(label, got, want, tol)                                                    \
  assert_close_abs_impl (__FILE__, __LINE__, G_STRFUNC, (label), (got), (want), (tol))

/* The non-round inputs the single-span cases share. */
#define L_M 7.35
#define EI_NM2 (203.5e9 * 9271.4e-8)

/* ---------------------------------------------------------------------------------
 * Running the engine on one load case
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsBaPlan plan;
  PsBaCombo combo;
  PsBaWork w;
  double *mem;
  PsBaComboResult r;
  PsBaEnvelope e;
} Engine;

/* One case, one combination with factor 1, every span loaded, deflections wanted. */
static void
engine_run (Engine *en, const PsBaConfig *c)
{
  size_t n = ps_ba_work_doubles (1, c->n_spans, PS_BA_MAX_SEGMENTS);

  memset (&en->plan, 0, sizeof en->plan);
  memset (&en->combo, 0, sizeof en->combo);
  en->plan.n_cases = 1;
  en->plan.n_patterns = 1;
  en->plan.pattern[0] = (1u << c->n_spans) - 1u;
  en->plan.n_combos = 1;
  en->plan.combo = &en->combo;
  en->combo.limit = PS_BA_SLS;
  en->combo.deflection = 1;
  en->combo.factor[0] = 1.0;
  en->mem = g_new0 (double, n);
  ps_ba_work_init (&en->w, en->mem, 1, c->n_spans, PS_BA_MAX_SEGMENTS);
  ps_ba_evaluate (&en->plan, c, &en->w, &en->r, &en->e);
  /* Leaves the arrangement in w.tot for ps_ba_at(). */
  ps_ba_combo_parts (&en->plan, 0, 0, &en->w);
  ps_ba_arrange (&en->w, en->plan.pattern[0], 0);
}

static void
engine_clear (Engine *en)
{
  g_free (en->mem);
}

static void
engine_at (Engine *en, double x, int side, double *V, double *M, double *theta, double *w)
{
  double T, W;

  ps_ba_at (&en->w.seg, en->w.tot, x, side, V, M, &T, &W);
  *theta = T / EI_NM2;
  *w = W / EI_NM2;
}

static void
config_single (PsBaConfig *c, int left, int right, double L)
{
  memset (c, 0, sizeof *c);
  c->n_spans = 1;
  c->left = left;
  c->right = right;
  c->x[1] = L;
  c->EI = EI_NM2;
}

static void
config_add (PsBaConfig *c, int type, double a, double b, double v1, double v2)
{
  PsBaLoad *l = &c->load[c->n_loads++];

  l->type = type;
  l->lc = 0;
  l->a = a;
  l->b = b;
  l->v1 = v1;
  l->v2 = v2;
}

/* ---------------------------------------------------------------------------------
 * [Roark] Table 8.1 general expressions
 * ------------------------------------------------------------------------------ */

typedef struct
{
  int left, right;
  double L;
  const PsBaConfig *c;
  double RA, MA, TA; /* left-end reaction, moment (sagging sign), EI * slope */
} Ref;

/* The singularity function <x - a>^n; <x - a>^0 is 1 from a on (the right side). */
static double
mac (double x, double a, int n, int side)
{
  double r = 1.0;

  if (x < a || (x == a && n == 0 && side == 0))
    return 0.0;
  for (int i = 0; i < n; i++)
    r *= x - a;
  return r;
}

/* V, M, EI theta, EI w at x with left-end values RA, MA, TA and every load of c. */
static void
ref_eval (const Ref *r, double RA, double MA, double TA, double x, int side, double *V, double *M,
          double *T, double *W)
{
  *V = RA;
  *M = MA + RA * x;
  *T = TA - (MA * x + RA * x * x / 2.0);
  *W = TA * x - (MA * x * x / 2.0 + RA * x * x * x / 6.0);
  for (int i = 0; i < r->c->n_loads; i++)
    {
      const PsBaLoad *l = &r->c->load[i];

      if (l->type == PS_BA_POINT)
        {
          /* [Roark] case 1, load W at a. */
          *V -= l->v1 * mac (x, l->a, 0, side);
          *M -= l->v1 * mac (x, l->a, 1, side);
          *T += l->v1 * mac (x, l->a, 2, side) / 2.0;
          *W += l->v1 * mac (x, l->a, 3, side) / 6.0;
        }
      else if (l->type == PS_BA_MOMENT)
        {
          /* [Roark] case 3, moment M_o at a. */
          *M += l->v1 * mac (x, l->a, 0, side);
          *T -= l->v1 * mac (x, l->a, 1, side);
          *W -= l->v1 * mac (x, l->a, 2, side) / 2.0;
        }
      else
        {
          /* [Roark] case 2 (w_a at a rising to w_l at l) started at a with the slope of
           * the load, less the same started at b: the load between a and b. */
          double k = (l->v2 - l->v1) / (l->b - l->a);
          const double p[2] = { l->a, l->b }, q[2] = { l->v1, l->v2 }, sg[2] = { 1.0, -1.0 };

          for (int e = 0; e < 2; e++)
            {
              *V -= sg[e] * (q[e] * mac (x, p[e], 1, side) + k * mac (x, p[e], 2, side) / 2.0);
              *M -= sg[e]
                    * (q[e] * mac (x, p[e], 2, side) / 2.0 + k * mac (x, p[e], 3, side) / 6.0);
              *T += sg[e]
                    * (q[e] * mac (x, p[e], 3, side) / 6.0 + k * mac (x, p[e], 4, side) / 24.0);
              *W += sg[e]
                    * (q[e] * mac (x, p[e], 4, side) / 24.0 + k * mac (x, p[e], 5, side) / 120.0);
            }
        }
    }
}

/* The two right-end conditions of the support, as functions of the unknowns. */
static void
ref_conditions (const Ref *r, double u1, double u2, double g[2])
{
  double V, M, T, W, RA = u1, MA = 0.0, TA = 0.0;

  if (r->left == PS_BA_PINNED)
    TA = u2; /* simply supported: R_A and theta_A */
  else
    MA = u2; /* fixed at x = 0: R_A and M_A */
  ref_eval (r, RA, MA, TA, r->L, 1, &V, &M, &T, &W);
  if (r->right == PS_BA_FREE)
    {
      g[0] = V; /* [Roark] a: free end, V = M = 0 */
      g[1] = M;
    }
  else if (r->right == PS_BA_PINNED)
    {
      g[0] = M; /* [Roark] c, e: simply supported end, M = y = 0 */
      g[1] = W;
    }
  else
    {
      g[0] = T; /* [Roark] d: fixed end, theta = y = 0 */
      g[1] = W;
    }
}

static void
ref_solve (Ref *r, const PsBaConfig *c)
{
  double g0[2], g1[2], g2[2], a11, a12, a21, a22, det, u1, u2;

  r->c = c;
  r->left = c->left;
  r->right = c->right;
  r->L = c->x[1];
  ref_conditions (r, 0.0, 0.0, g0);
  ref_conditions (r, 1.0, 0.0, g1);
  ref_conditions (r, 0.0, 1.0, g2);
  a11 = g1[0] - g0[0];
  a21 = g1[1] - g0[1];
  a12 = g2[0] - g0[0];
  a22 = g2[1] - g0[1];
  det = a11 * a22 - a12 * a21;
  u1 = (-g0[0] * a22 + g0[1] * a12) / det;
  u2 = (-a11 * g0[1] + a21 * g0[0]) / det;
  r->RA = u1;
  r->MA = r->left == PS_BA_PINNED ? 0.0 : u2;
  r->TA = r->left == PS_BA_PINNED ? u2 : 0.0;
}

static void
ref_at (const Ref *r, double x, int side, double *V, double *M, double *T, double *W)
{
  ref_eval (r, r->RA, r->MA, r->TA, x, side, V, M, T, W);
}

typedef struct
{
  double M_max, x_M_max, M_min, x_M_min, V_abs, w_abs, x_w;
} RefExtrema;

/* Bisection on f = V (which 0) or EI theta (which 1) between lo and hi. */
static double
ref_bisect (const Ref *r, int which, double lo, double hi)
{
  double V, M, T, W, flo;

  ref_at (r, lo, 1, &V, &M, &T, &W);
  flo = which == 0 ? V : T;
  for (int i = 0; i < 200; i++)
    {
      double mid = 0.5 * (lo + hi), f;

      ref_at (r, mid, 1, &V, &M, &T, &W);
      f = which == 0 ? V : T;
      if ((f < 0) == (flo < 0))
        {
          lo = mid;
          flo = f;
        }
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* The extrema of the closed forms: at the ends and breakpoints (both sides) and where
 * V (for M) or the slope (for w) changes sign, bracketed on 400 sub-intervals of each
 * piece and bisected. */
static void
ref_extrema (const Ref *r, RefExtrema *e)
{
  double pts[32];
  int n = 0;

  pts[n++] = 0.0;
  pts[n++] = r->L;
  for (int i = 0; i < r->c->n_loads; i++)
    {
      pts[n++] = r->c->load[i].a;
      if (r->c->load[i].type == PS_BA_DISTRIBUTED)
        pts[n++] = r->c->load[i].b;
    }
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && pts[j - 1] > pts[j]; j--)
      {
        double t = pts[j];

        pts[j] = pts[j - 1];
        pts[j - 1] = t;
      }
  e->M_max = -INFINITY;
  e->M_min = INFINITY;
  e->x_M_max = e->x_M_min = e->x_w = 0.0;
  e->V_abs = e->w_abs = -1.0;
  for (int i = 0; i + 1 < n; i++)
    {
      double p0 = pts[i], p1 = pts[i + 1];
      const int N = 400;
      double prevV = 0, prevT = 0;

      if (!(p1 > p0))
        continue;
      for (int k = 0; k <= N; k++)
        {
          double x = k == N ? p1 : p0 + (p1 - p0) * k / N, V, M, T, W;
          int side = k == N ? 0 : 1;
          double cand[3];
          int nc = 0;

          ref_at (r, x, side, &V, &M, &T, &W);
          if (k == 0 || k == N)
            {
              cand[nc++] = x;
              e->V_abs = MAX (e->V_abs, fabs (V));
            }
          if (k > 0 && ((V < 0) != (prevV < 0)))
            cand[nc++] = ref_bisect (r, 0, p0 + (p1 - p0) * (k - 1) / N, x);
          if (k > 0 && ((T < 0) != (prevT < 0)))
            {
              double xr = ref_bisect (r, 1, p0 + (p1 - p0) * (k - 1) / N, x), V2, M2, T2, W2;

              ref_at (r, xr, 1, &V2, &M2, &T2, &W2);
              if (fabs (W2) > e->w_abs)
                {
                  e->w_abs = fabs (W2);
                  e->x_w = xr;
                }
            }
          for (int j = 0; j < nc; j++)
            {
              double V2, M2, T2, W2;

              ref_at (r, cand[j], j == 0 ? side : 1, &V2, &M2, &T2, &W2);
              if (M2 > e->M_max)
                {
                  e->M_max = M2;
                  e->x_M_max = cand[j];
                }
              if (M2 < e->M_min)
                {
                  e->M_min = M2;
                  e->x_M_min = cand[j];
                }
              if (fabs (W2) > e->w_abs)
                {
                  e->w_abs = fabs (W2);
                  e->x_w = cand[j];
                }
            }
          prevV = V;
          prevT = T;
        }
    }
  e->w_abs /= EI_NM2;
}

/* ---------------------------------------------------------------------------------
 * Every single-span support and load type against [Roark]
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *support;
  int left, right;
} SupportCase;

static const SupportCase supports[] = {
  { "simply-supported", PS_BA_PINNED, PS_BA_PINNED },
  { "cantilever", PS_BA_FIXED, PS_BA_FREE },
  { "fixed-fixed", PS_BA_FIXED, PS_BA_FIXED },
  { "propped-cantilever", PS_BA_FIXED, PS_BA_PINNED },
};

typedef struct
{
  const char *name;
  int type;
  double a, b, v1, v2;
  gboolean at_end; /* a moment at the end of the beam that is not fixed (x = L or 0) */
} LoadCase;

static const LoadCase load_cases[] = {
  { "point", PS_BA_POINT, 2.6, 0, 83.7e3, 0, FALSE },
  { "partial-uniform", PS_BA_DISTRIBUTED, 1.15, 5.4, 23.85e3, 23.85e3, FALSE },
  { "triangular", PS_BA_DISTRIBUTED, 0.8, 6.1, 0.0, 31.2e3, FALSE },
  { "trapezoidal", PS_BA_DISTRIBUTED, 1.7, 6.9, 12.4e3, 27.9e3, FALSE },
  { "end-moment", PS_BA_MOMENT, 0, 0, 41.3e3, 0, TRUE },
  { "interior-moment", PS_BA_MOMENT, 4.35, 0, 37.6e3, 0, FALSE },
};

typedef struct
{
  const SupportCase *s;
  const LoadCase *l;
} SingleCase;

static void
test_single_span (gconstpointer data)
{
  const SingleCase *sc = data;
  const SupportCase *s = sc->s;
  const LoadCase *lc = sc->l;
  g_autofree char *label = g_strdup_printf ("%s, %s", s->support, lc->name);
  PsBaConfig c;
  Engine en;
  Ref r;
  RefExtrema re;
  double sV, sM, sW, V, M, T, W;
  const double probes[] = { 0.37, 1.93, 3.0, 4.52, 5.77, 7.02 };

  config_single (&c, s->left, s->right, L_M);
  {
    double a = lc->a;

    /* An end moment acts at the end that is not fixed when there is one: x = 0 for
     * the simply supported beam, x = L for the cantilever and the propped cantilever;
     * on a fixed-fixed beam it goes straight into the support at x = 0. */
    if (lc->at_end && s->right != PS_BA_FIXED && s->left == PS_BA_FIXED)
      a = L_M;
    config_add (&c, lc->type, a, lc->b, lc->v1, lc->v2);
  }
  engine_run (&en, &c);
  ref_solve (&r, &c);
  ref_extrema (&r, &re);

  /* The natural scales of the case: tolerances are relative to them, so that values
   * that vanish (a moment on a fixed end) compare too. */
  sV = lc->type == PS_BA_POINT         ? fabs (lc->v1)
       : lc->type == PS_BA_DISTRIBUTED ? MAX (fabs (lc->v1), fabs (lc->v2)) * L_M
                                       : fabs (lc->v1) / L_M;
  sM = sV * L_M;
  sW = sM * L_M * L_M / EI_NM2;

  /* Reactions and the moments the fixed ends take. */
  {
    double total = 0.0;

    for (int i = 0; i < c.n_loads; i++)
      if (c.load[i].type == PS_BA_POINT)
        total += c.load[i].v1;
      else if (c.load[i].type == PS_BA_DISTRIBUTED)
        total += 0.5 * (c.load[i].v1 + c.load[i].v2) * (c.load[i].b - c.load[i].a);
    assert_close_abs (label, en.r.R_max[0], r.RA, RTOL * sV);
    if (s->right != PS_BA_FREE)
      assert_close_abs (label, en.r.R_max[1], total - r.RA, RTOL * sV);
    if (s->left == PS_BA_FIXED)
      assert_close_abs (label, en.r.M_end_max[0], r.MA, RTOL * sM);
    if (s->right == PS_BA_FIXED)
      {
        ref_at (&r, L_M, 1, &V, &M, &T, &W);
        assert_close_abs (label, en.r.M_end_max[1], M, RTOL * sM);
      }
  }

  /* The extrema and where they are. */
  assert_close_abs (label, en.r.actions.M_Ed_sag, MAX (re.M_max, 0.0), RTOL * sM);
  assert_close_abs (label, en.r.actions.M_Ed_hog, MAX (-re.M_min, 0.0), RTOL * sM);
  if (re.M_max > 1e-3 * sM)
    assert_close_abs (label, en.r.x_M_sag, re.x_M_max, 1e-8 * L_M);
  if (-re.M_min > 1e-3 * sM)
    assert_close_abs (label, en.r.x_M_hog, re.x_M_min, 1e-8 * L_M);
  assert_close_abs (label, en.r.actions.V_Ed, re.V_abs, RTOL * sV);
  assert_close_abs (label, en.r.w_max, re.w_abs, RTOL * sW);
  if (re.w_abs > 1e-3 * sW)
    assert_close_abs (label, en.r.x_w, re.x_w, 1e-6 * L_M);

  /* The curves themselves. */
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      double eV, eM, eth, ew, x = probes[i];

      ref_at (&r, x, 1, &V, &M, &T, &W);
      engine_at (&en, x, 1, &eV, &eM, &eth, &ew);
      assert_close_abs (label, eV, V, RTOL * sV);
      assert_close_abs (label, eM, M, RTOL * sM);
      assert_close_abs (label, ew, W / EI_NM2, RTOL * sW);
      assert_close_abs (label, eth, T / EI_NM2, RTOL * sW / L_M);
    }
  engine_clear (&en);
}

/* ---------------------------------------------------------------------------------
 * [AISC] Table 3-23 closed forms, written out
 * ------------------------------------------------------------------------------ */

/* "Simple beam—concentrated load at any point", a > b. */
static void
test_aisc_simple_point (void)
{
  const double L = L_M, P = 83.7e3, a = 4.9, b = L - a;
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_PINNED, PS_BA_PINNED, L);
  config_add (&c, PS_BA_POINT, a, 0, P, 0);
  engine_run (&en, &c);
  assert_close ("R1 = Pb/L", en.r.R_max[0], P * b / L, RTOL);
  assert_close ("R2 = Pa/L", en.r.R_max[1], P * a / L, RTOL);
  assert_close ("M_max = Pab/L", en.r.actions.M_Ed_sag, P * a * b / L, RTOL);
  assert_close ("at the load", en.r.x_M_sag, a, RTOL);
  assert_close ("delta_max = Pab(a+2b) sqrt(3a(a+2b)) / 27EIL", en.r.w_max,
                P * a * b * (a + 2 * b) * sqrt (3 * a * (a + 2 * b)) / (27 * EI_NM2 * L), 1e-10);
  assert_close ("at x = sqrt(a(a+2b)/3)", en.r.x_w, sqrt (a * (a + 2 * b) / 3), 1e-9);
  /* Under the load V jumps from R1 to -R2: the larger side is the section's shear, and
   * the largest |V| (R2, all along b) goes with the largest moment there. */
  assert_close ("V at M_max = max(R1, R2)", en.r.actions.V_Ed_at_M, P * a / L, RTOL);
  assert_close ("V_max = R2", en.r.actions.V_Ed, P * a / L, RTOL);
  assert_close ("M at V_max = Pab/L", en.r.actions.M_Ed_at_V, P * a * b / L, RTOL);
  engine_clear (&en);
}

/* "Simple beam—uniform load partially distributed": w over length b, a from the
 * left support, c from the right one. */
static void
test_aisc_simple_partial_uniform (void)
{
  const double L = L_M, w = 23.85e3, a = 1.15, b = 4.25, c0 = L - a - b;
  const double R1 = w * b * (2 * c0 + b) / (2 * L);
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_PINNED, PS_BA_PINNED, L);
  config_add (&c, PS_BA_DISTRIBUTED, a, a + b, w, w);
  engine_run (&en, &c);
  assert_close ("R1 = wb(2c+b)/2L", en.r.R_max[0], R1, RTOL);
  assert_close ("R2 = wb(2a+b)/2L", en.r.R_max[1], w * b * (2 * a + b) / (2 * L), RTOL);
  assert_close ("M_max = R1(a + R1/2w)", en.r.actions.M_Ed_sag, R1 * (a + R1 / (2 * w)), RTOL);
  assert_close ("at x = a + R1/w", en.r.x_M_sag, a + R1 / w, RTOL);
  engine_clear (&en);
}

/* "Simple beam—load increasing uniformly to one end", total W. */
static void
test_aisc_simple_triangular (void)
{
  const double L = L_M, q = 31.2e3, W = q * L / 2;
  const double xs[] = { 1.1, 2.9, 5.3 };
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_PINNED, PS_BA_PINNED, L);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L, 0, q);
  engine_run (&en, &c);
  assert_close ("R1 = W/3", en.r.R_max[0], W / 3, RTOL);
  assert_close ("R2 = 2W/3", en.r.R_max[1], 2 * W / 3, RTOL);
  assert_close ("M_max = 2WL/9sqrt3", en.r.actions.M_Ed_sag, 2 * W * L / (9 * sqrt (3)), RTOL);
  assert_close ("at x = L/sqrt3", en.r.x_M_sag, L / sqrt (3), RTOL);
  assert_close ("delta_max = 0.01304 WL^3/EI (rounded in the table)", en.r.w_max,
                0.01304 * W * L * L * L / EI_NM2, 5e-4);
  assert_close ("at x = L sqrt(1 - sqrt(8/15))", en.r.x_w, L * sqrt (1 - sqrt (8.0 / 15)), 1e-9);
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double x = xs[i], V, M, th, w;

      engine_at (&en, x, 1, &V, &M, &th, &w);
      assert_close ("delta_x = Wx(3x^4 - 10L^2x^2 + 7L^4)/180EIL^2", w,
                    W * x * (3 * pow (x, 4) - 10 * L * L * x * x + 7 * pow (L, 4))
                        / (180 * EI_NM2 * L * L),
                    1e-10);
    }
  engine_clear (&en);
}

/* "Beam fixed at one end, supported at other—concentrated load at any point": the
 * table's supported end is our x = L, so its a is L - x_load. Both ranges of the
 * deflection formula. */
static void
test_aisc_propped_point (void)
{
  const double L = L_M, P = 83.7e3;
  const double as[] = { 1.9, 4.4 }; /* a < 0.414 L and a > 0.414 L */

  for (guint i = 0; i < G_N_ELEMENTS (as); i++)
    {
      double a = as[i], b = L - a, dmax, xd;
      PsBaConfig c;
      Engine en;

      config_single (&c, PS_BA_FIXED, PS_BA_PINNED, L);
      config_add (&c, PS_BA_POINT, L - a, 0, P, 0);
      engine_run (&en, &c);
      assert_close ("R1 = Pb^2(a+2L)/2L^3", en.r.R_max[1],
                    P * b * b * (a + 2 * L) / (2 * pow (L, 3)), RTOL);
      assert_close ("R2 = Pa(3L^2-a^2)/2L^3", en.r.R_max[0],
                    P * a * (3 * L * L - a * a) / (2 * pow (L, 3)), RTOL);
      assert_close ("M2 = Pab(a+L)/2L^2 at the fixed end", en.r.actions.M_Ed_hog,
                    P * a * b * (a + L) / (2 * L * L), RTOL);
      assert_close ("M1 = R1 a at the load", en.r.actions.M_Ed_sag,
                    P * b * b * (a + 2 * L) / (2 * pow (L, 3)) * a, RTOL);
      if (a < 0.414 * L)
        {
          xd = L * (L * L + a * a) / (3 * L * L - a * a);
          dmax = P * a * pow (L * L - a * a, 3) / (3 * EI_NM2 * pow (3 * L * L - a * a, 2));
        }
      else
        {
          xd = L * sqrt (a / (2 * L + a));
          dmax = P * a * b * b / (6 * EI_NM2) * sqrt (a / (2 * L + a));
        }
      assert_close ("delta_max", en.r.w_max, dmax, 1e-10);
      assert_close ("its position from the supported end", L - en.r.x_w, xd, 1e-9);
      engine_clear (&en);
    }
}

/* "Beam fixed at both ends—concentrated load at any point", a > b. */
static void
test_aisc_fixed_point (void)
{
  const double L = L_M, P = 83.7e3, a = 4.6, b = L - a;
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_FIXED, PS_BA_FIXED, L);
  config_add (&c, PS_BA_POINT, a, 0, P, 0);
  engine_run (&en, &c);
  assert_close ("R1 = Pb^2(3a+b)/L^3", en.r.R_max[0], P * b * b * (3 * a + b) / pow (L, 3), RTOL);
  assert_close ("R2 = Pa^2(a+3b)/L^3", en.r.R_max[1], P * a * a * (a + 3 * b) / pow (L, 3), RTOL);
  assert_close ("M1 = Pab^2/L^2", -en.r.M_end_max[0], P * a * b * b / (L * L), RTOL);
  assert_close ("M2 = Pa^2b/L^2 (the largest hogging)", en.r.actions.M_Ed_hog,
                P * a * a * b / (L * L), RTOL);
  assert_close ("Ma = 2Pa^2b^2/L^3", en.r.actions.M_Ed_sag, 2 * P * a * a * b * b / pow (L, 3),
                RTOL);
  assert_close ("delta_max = 2Pa^3b^2/3EI(3a+b)^2", en.r.w_max,
                2 * P * pow (a, 3) * b * b / (3 * EI_NM2 * pow (3 * a + b, 2)), 1e-10);
  assert_close ("at x = 2aL/(3a+b)", en.r.x_w, 2 * a * L / (3 * a + b), 1e-9);
  engine_clear (&en);
}

/* "Cantilever beam—concentrated load at any point" (b from the fixed end) and
 * "Cantilever beam—load increasing uniformly to fixed end" (total W). */
static void
test_aisc_cantilever (void)
{
  const double L = L_M, P = 83.7e3, bb = 5.2, q = 31.2e3, W = q * L / 2;
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_FIXED, PS_BA_FREE, L);
  config_add (&c, PS_BA_POINT, bb, 0, P, 0);
  engine_run (&en, &c);
  assert_close ("R = P", en.r.R_max[0], P, RTOL);
  assert_close ("M_max = Pb", en.r.actions.M_Ed_hog, P * bb, RTOL);
  assert_close ("delta_max = Pb^2(3L-b)/6EI", en.r.w_max, P * bb * bb * (3 * L - bb) / (6 * EI_NM2),
                1e-10);
  assert_close ("at the free end", en.r.x_w, L, RTOL);
  engine_clear (&en);

  config_single (&c, PS_BA_FIXED, PS_BA_FREE, L);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L, q, 0);
  engine_run (&en, &c);
  assert_close ("R = W", en.r.R_max[0], W, RTOL);
  assert_close ("M_max = WL/3", en.r.actions.M_Ed_hog, W * L / 3, RTOL);
  assert_close ("delta_max = WL^3/15EI", en.r.w_max, W * L * L * L / (15 * EI_NM2), 1e-10);
  engine_clear (&en);
}

/* The uniform load on the other three supports: "Beam fixed at both ends—uniformly
 * distributed loads" (wL^2/12, wL^2/24, wL^4/384EI), "Beam fixed at one end,
 * supported at other—uniformly distributed load" (5wL/8, 3wL/8, wL^2/8, 9wL^2/128 at
 * 3L/8 from the supported end; delta at x = L(1 + sqrt 33)/16, the table's 0.4215 L,
 * from the curve wx(L^3 - 3Lx^2 + 2x^3)/48EI), "Cantilever beam—uniformly distributed
 * load" (wL^2/2, wL^4/8EI). */
static void
test_aisc_uniform (void)
{
  const double L = L_M, w = 23.85e3;
  PsBaConfig c;
  Engine en;
  double u = (1 + sqrt (33)) / 16;

  config_single (&c, PS_BA_FIXED, PS_BA_FIXED, L);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L, w, w);
  engine_run (&en, &c);
  assert_close ("fixed: wL^2/12", en.r.actions.M_Ed_hog, w * L * L / 12, RTOL);
  assert_close ("fixed: wL^2/24", en.r.actions.M_Ed_sag, w * L * L / 24, RTOL);
  assert_close ("fixed: wL^4/384EI", en.r.w_max, w * pow (L, 4) / (384 * EI_NM2), 1e-10);
  engine_clear (&en);

  config_single (&c, PS_BA_FIXED, PS_BA_PINNED, L);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L, w, w);
  engine_run (&en, &c);
  assert_close ("propped: 5wL/8", en.r.R_max[0], 5 * w * L / 8, RTOL);
  assert_close ("propped: 3wL/8", en.r.R_max[1], 3 * w * L / 8, RTOL);
  assert_close ("propped: wL^2/8", en.r.actions.M_Ed_hog, w * L * L / 8, RTOL);
  assert_close ("propped: 9wL^2/128", en.r.actions.M_Ed_sag, 9 * w * L * L / 128, RTOL);
  assert_close ("propped: at 3L/8 from the supported end", L - en.r.x_M_sag, 3 * L / 8, RTOL);
  assert_close ("propped: delta_max", en.r.w_max,
                w * pow (L, 4) * u * (1 - 3 * u * u + 2 * u * u * u) / (48 * EI_NM2), 1e-10);
  assert_close ("propped: ~wL^4/185EI as printed", en.r.w_max, w * pow (L, 4) / (185 * EI_NM2),
                3e-3);
  assert_close ("propped: at 0.4215 L from the supported end", L - en.r.x_w, u * L, 1e-9);
  engine_clear (&en);

  config_single (&c, PS_BA_FIXED, PS_BA_FREE, L);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L, w, w);
  engine_run (&en, &c);
  assert_close ("cantilever: wL^2/2", en.r.actions.M_Ed_hog, w * L * L / 2, RTOL);
  assert_close ("cantilever: wL^4/8EI", en.r.w_max, w * pow (L, 4) / (8 * EI_NM2), 1e-10);
  engine_clear (&en);
}

/* Concentrated moments: [Roark] 3e with a = 0 (simply supported, moment M_o at one
 * end: R = M_o/L, delta_max = M_o L^2 / (9 sqrt3 EI) at L(1 - 1/sqrt3) from that end),
 * 3a at the free end (cantilever: M = M_o all along, delta = M_o L^2/2EI), and 3d
 * (fixed at both ends, M_o at a: M_A = M_o b(2a - b)/L^2, R_A = -6 M_o a b/L^3). */
static void
test_roark_moments (void)
{
  const double L = L_M, C = 41.3e3, a = 2.9, b = L - a;
  PsBaConfig c;
  Engine en;

  config_single (&c, PS_BA_PINNED, PS_BA_PINNED, L);
  config_add (&c, PS_BA_MOMENT, 0, 0, C, 0);
  engine_run (&en, &c);
  assert_close ("3e: R_A = -M_o/L", en.r.R_max[0], -C / L, RTOL);
  assert_close ("3e: R_B = M_o/L", en.r.R_max[1], C / L, RTOL);
  assert_close ("3e: M_max = M_o at the loaded end", en.r.actions.M_Ed_sag, C, RTOL);
  assert_close ("3e: delta_max = M_o L^2/9sqrt3 EI", en.r.w_max,
                C * L * L / (9 * sqrt (3) * EI_NM2), 1e-10);
  assert_close ("3e: at L(1 - 1/sqrt3)", en.r.x_w, L * (1 - 1 / sqrt (3)), 1e-9);
  engine_clear (&en);

  config_single (&c, PS_BA_FIXED, PS_BA_FREE, L);
  config_add (&c, PS_BA_MOMENT, L, 0, C, 0);
  engine_run (&en, &c);
  assert_close ("3a: M = -M_o (hogging) all along", en.r.actions.M_Ed_hog, C, RTOL);
  assert_close ("3a: delta = M_o L^2/2EI", en.r.w_max, C * L * L / (2 * EI_NM2), 1e-10);
  engine_clear (&en);

  config_single (&c, PS_BA_FIXED, PS_BA_FIXED, L);
  config_add (&c, PS_BA_MOMENT, a, 0, C, 0);
  engine_run (&en, &c);
  assert_close ("3d: M_A = M_o b(2a-b)/L^2", en.r.M_end_max[0], C * b * (2 * a - b) / (L * L),
                RTOL);
  assert_close ("3d: R_A = -6 M_o ab/L^3", en.r.R_max[0], -6 * C * a * b / pow (L, 3), RTOL);
  engine_clear (&en);
}

/* ---------------------------------------------------------------------------------
 * Continuous beams
 * ------------------------------------------------------------------------------ */

static void
config_spans (PsBaConfig *c, int left, int right, const double *L, int n)
{
  memset (c, 0, sizeof *c);
  c->n_spans = n;
  c->left = left;
  c->right = right;
  c->EI = EI_NM2;
  for (int s = 0; s < n; s++)
    c->x[s + 1] = c->x[s] + L[s];
}

/* [AISC] "Continuous beam—two equal spans—uniform load on both spans":
 * R = 3wl/8, 10wl/8, 3wl/8; M = wl^2/8 over the centre support, 9wl^2/128 at 3l/8;
 * delta_max = wl^4/185EI at 0.4215 l from the outer supports (as the propped
 * cantilever, the same curve). */
static void
test_two_equal_spans (void)
{
  const double l = 6.35, w = 17.4e3, L[2] = { l, l }, u = (1 + sqrt (33)) / 16;
  PsBaConfig c;
  Engine en;

  config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 2);
  config_add (&c, PS_BA_DISTRIBUTED, 0, 2 * l, w, w);
  engine_run (&en, &c);
  assert_close ("R1 = 3wl/8", en.r.R_max[0], 3 * w * l / 8, RTOL);
  assert_close ("R2 = 10wl/8", en.r.R_max[1], 10 * w * l / 8, RTOL);
  assert_close ("R3 = 3wl/8", en.r.R_max[2], 3 * w * l / 8, RTOL);
  assert_close ("M over the centre support = wl^2/8", en.r.actions.M_Ed_hog, w * l * l / 8, RTOL);
  assert_close ("there", en.r.x_M_hog, l, RTOL);
  assert_close ("M_max in span = 9wl^2/128", en.r.actions.M_Ed_sag, 9 * w * l * l / 128, RTOL);
  assert_close ("V_max = 5wl/8 at the centre support", en.r.actions.V_Ed, 5 * w * l / 8, RTOL);
  assert_close ("delta_max ~ wl^4/185EI as printed", en.r.w_max, w * pow (l, 4) / (185 * EI_NM2),
                3e-3);
  assert_close ("delta_max exactly", en.r.w_max,
                w * pow (l, 4) * u * (1 - 3 * u * u + 2 * u * u * u) / (48 * EI_NM2), 1e-10);
  g_assert_true (fabs (en.r.x_w - u * l) < 1e-8 * l
                 || fabs (en.r.x_w - (2 * l - u * l)) < 1e-8 * l);
  engine_clear (&en);
}

/* [AISC] "Continuous beam—three equal spans—all spans loaded": R = 0.4wl, 1.1wl,
 * 1.1wl, 0.4wl; M = 0.1wl^2 over the inner supports, 0.08wl^2 at 0.4l in the end
 * spans. */
static void
test_three_equal_spans (void)
{
  const double l = 5.85, w = 21.3e3, L[3] = { l, l, l };
  PsBaConfig c;
  Engine en;

  config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 3);
  config_add (&c, PS_BA_DISTRIBUTED, 0, 3 * l, w, w);
  engine_run (&en, &c);
  assert_close ("R1 = 0.4wl", en.r.R_max[0], 0.4 * w * l, RTOL);
  assert_close ("R2 = 1.1wl", en.r.R_max[1], 1.1 * w * l, RTOL);
  assert_close ("R3 = 1.1wl", en.r.R_max[2], 1.1 * w * l, RTOL);
  assert_close ("R4 = 0.4wl", en.r.R_max[3], 0.4 * w * l, RTOL);
  assert_close ("M_B = 0.1wl^2", en.r.actions.M_Ed_hog, 0.1 * w * l * l, RTOL);
  assert_close ("end span 0.08wl^2", en.r.actions.M_Ed_sag, 0.08 * w * l * l, RTOL);
  g_assert_true (fabs (en.r.x_M_sag - 0.4 * l) < 1e-9 * l
                 || fabs (en.r.x_M_sag - (3 * l - 0.4 * l)) < 1e-9 * l);
  engine_clear (&en);
}

/* Unequal spans by [TY]'s three-moment equation, solved here by hand:
 *   two spans, uniform w:   M_B = -w (L1^3 + L2^3) / (8 (L1 + L2));
 *   three spans, uniform w: 2(L1+L2) M_B + L2 M_C = -w (L1^3 + L2^3)/4,
 *                           L2 M_B + 2(L2+L3) M_C = -w (L2^3 + L3^3)/4;
 * reactions from the spans' statics, R = wL/2 + (M_right - M_left)/L on each side. */
static void
test_unequal_spans (void)
{
  const double w = 19.6e3;
  PsBaConfig c;
  Engine en;

  {
    const double L[2] = { 5.2, 7.9 };
    double MB = -w * (pow (L[0], 3) + pow (L[1], 3)) / (8 * (L[0] + L[1]));

    config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 2);
    config_add (&c, PS_BA_DISTRIBUTED, 0, L[0] + L[1], w, w);
    engine_run (&en, &c);
    assert_close ("two spans: M_B", -en.r.actions.M_Ed_hog, MB, RTOL);
    assert_close ("two spans: R_A", en.r.R_max[0], w * L[0] / 2 + MB / L[0], RTOL);
    assert_close ("two spans: R_B", en.r.R_max[1], w * (L[0] + L[1]) / 2 - MB / L[0] - MB / L[1],
                  RTOL);
    assert_close ("two spans: R_C", en.r.R_max[2], w * L[1] / 2 + MB / L[1], RTOL);
    /* The longer span's sagging moment, R_C^2/2w, from x = L at zero shear. */
    assert_close ("two spans: M_max", en.r.actions.M_Ed_sag,
                  pow (w * L[1] / 2 + MB / L[1], 2) / (2 * w), RTOL);
    engine_clear (&en);
  }
  {
    const double L[3] = { 4.7, 6.8, 5.5 };
    double a11 = 2 * (L[0] + L[1]), a12 = L[1], a22 = 2 * (L[1] + L[2]);
    double r1 = -w * (pow (L[0], 3) + pow (L[1], 3)) / 4,
           r2 = -w * (pow (L[1], 3) + pow (L[2], 3)) / 4;
    double det = a11 * a22 - a12 * a12;
    double MB = (r1 * a22 - a12 * r2) / det, MC = (a11 * r2 - a12 * r1) / det;

    config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 3);
    config_add (&c, PS_BA_DISTRIBUTED, 0, L[0] + L[1] + L[2], w, w);
    engine_run (&en, &c);
    assert_close ("three spans: R_A", en.r.R_max[0], w * L[0] / 2 + MB / L[0], RTOL);
    assert_close ("three spans: R_B", en.r.R_max[1],
                  w * (L[0] + L[1]) / 2 - MB / L[0] + (MC - MB) / L[1], RTOL);
    assert_close ("three spans: R_C", en.r.R_max[2],
                  w * (L[1] + L[2]) / 2 - (MC - MB) / L[1] - MC / L[2], RTOL);
    assert_close ("three spans: R_D", en.r.R_max[3], w * L[2] / 2 + MC / L[2], RTOL);
    assert_close ("three spans: largest hogging", en.r.actions.M_Ed_hog, MAX (-MB, -MC), RTOL);
    engine_clear (&en);
  }
}

/* A fixed end as a span of zero length in [TY]'s equation: two spans, fixed at the
 * left, uniform w:
 *   2 L1 M_A + L1 M_B = -w L1^3/4,   L1 M_A + 2(L1+L2) M_B = -w (L1^3 + L2^3)/4. */
static void
test_fixed_end (void)
{
  const double w = 14.2e3, L[2] = { 6.1, 4.3 };
  double a11 = 2 * L[0], a12 = L[0], a22 = 2 * (L[0] + L[1]);
  double r1 = -w * pow (L[0], 3) / 4, r2 = -w * (pow (L[0], 3) + pow (L[1], 3)) / 4;
  double det = a11 * a22 - a12 * a12;
  double MA = (r1 * a22 - a12 * r2) / det, MB = (a11 * r2 - a12 * r1) / det;
  PsBaConfig c;
  Engine en;

  config_spans (&c, PS_BA_FIXED, PS_BA_PINNED, L, 2);
  config_add (&c, PS_BA_DISTRIBUTED, 0, L[0] + L[1], w, w);
  engine_run (&en, &c);
  assert_close ("M_A at the fixed end", en.r.M_end_max[0], MA, RTOL);
  assert_close ("R_A", en.r.R_max[0], w * L[0] / 2 + (MB - MA) / L[0], RTOL);
  assert_close ("R_B", en.r.R_max[1], w * (L[0] + L[1]) / 2 - (MB - MA) / L[0] - MB / L[1], RTOL);
  assert_close ("R_C", en.r.R_max[2], w * L[1] / 2 + MB / L[1], RTOL);
  assert_close ("largest hogging", en.r.actions.M_Ed_hog, MAX (-MA, -MB), RTOL);
  engine_clear (&en);
}

/* Loads exactly on an inner support of two equal spans. A point load there goes into
 * that support: no shear, moment or deflection anywhere. A clockwise moment C there
 * is shared by the two spans in proportion to their stiffnesses, 3EI/l each for a far
 * end pinned ([TY], slope-deflection): the joint moment jumps from -C/2 to +C/2, and
 * the end reactions are -C/2l and +C/2l, the middle one 0. */
static void
test_inner_support_loads (void)
{
  const double l = 5.65, P = 47.3e3, C = 33.8e3, L[2] = { l, l };
  PsBaConfig c;
  Engine en;

  config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 2);
  config_add (&c, PS_BA_POINT, l, 0, P, 0);
  engine_run (&en, &c);
  assert_close ("point: R_B = P", en.r.R_max[1], P, RTOL);
  assert_close_abs ("point: R_A = 0", en.r.R_max[0], 0.0, RTOL * P);
  assert_close_abs ("point: R_C = 0", en.r.R_max[2], 0.0, RTOL * P);
  assert_close_abs ("point: no moment", en.r.actions.M_Ed_sag + en.r.actions.M_Ed_hog, 0.0,
                    RTOL * P * l);
  assert_close_abs ("point: no deflection", en.r.w_max, 0.0, 1e-20);
  engine_clear (&en);

  config_spans (&c, PS_BA_PINNED, PS_BA_PINNED, L, 2);
  config_add (&c, PS_BA_MOMENT, l, 0, C, 0);
  engine_run (&en, &c);
  assert_close ("moment: M(l+) = C/2", en.r.actions.M_Ed_sag, C / 2, RTOL);
  assert_close ("moment: M(l-) = -C/2", en.r.actions.M_Ed_hog, C / 2, RTOL);
  assert_close ("moment: at the support", en.r.x_M_sag, l, RTOL);
  assert_close ("moment: R_A = -C/2l", en.r.R_max[0], -C / (2 * l), RTOL);
  assert_close_abs ("moment: R_B = 0", en.r.R_max[1], 0.0, RTOL * C / l);
  assert_close ("moment: R_C = C/2l", en.r.R_max[2], C / (2 * l), RTOL);
  engine_clear (&en);
}

/* ---------------------------------------------------------------------------------
 * Superposition
 * ------------------------------------------------------------------------------ */

/* A point load, a partial uniform load and a moment on a three-span beam with a fixed
 * end: the curves and reactions of all three together are the sums of those of each
 * alone (the engine analyses each case on each span separately, so the three are
 * put in one case here and compared with three separate runs). */
static void
test_superposition (void)
{
  const double L[3] = { 5.3, 6.7, 4.9 };
  const PsBaLoad loads[3] = {
    { PS_BA_POINT, 0, 7.4, 0, 61.5e3, 0 },
    { PS_BA_DISTRIBUTED, 0, 2.2, 9.8, 13.7e3, 13.7e3 },
    { PS_BA_MOMENT, 0, 14.1, 0, -28.4e3, 0 },
  };
  const double probes[] = { 0.9, 3.3, 5.3, 6.05, 7.4, 9.1, 12.0, 13.8, 16.2 };
  PsBaConfig all, one[3];
  Engine eall, eone[3];

  config_spans (&all, PS_BA_FIXED, PS_BA_PINNED, L, 3);
  for (int i = 0; i < 3; i++)
    {
      config_spans (&one[i], PS_BA_FIXED, PS_BA_PINNED, L, 3);
      all.load[all.n_loads++] = loads[i];
      one[i].load[one[i].n_loads++] = loads[i];
      engine_run (&eone[i], &one[i]);
    }
  engine_run (&eall, &all);
  for (int j = 0; j < 4; j++)
    assert_close_abs ("reaction", eall.r.R_max[j],
                      eone[0].r.R_max[j] + eone[1].r.R_max[j] + eone[2].r.R_max[j], 1e-9 * 61.5e3);
  assert_close_abs ("fixed-end moment", eall.r.M_end_max[0],
                    eone[0].r.M_end_max[0] + eone[1].r.M_end_max[0] + eone[2].r.M_end_max[0],
                    1e-9 * 61.5e3);
  for (guint k = 0; k < G_N_ELEMENTS (probes); k++)
    for (int side = 0; side < 2; side++)
      {
        double V, M, th, w, sV = 0, sM = 0, sth = 0, sw = 0;

        engine_at (&eall, probes[k], side, &V, &M, &th, &w);
        for (int i = 0; i < 3; i++)
          {
            double V1, M1, th1, w1;

            engine_at (&eone[i], probes[k], side, &V1, &M1, &th1, &w1);
            sV += V1;
            sM += M1;
            sth += th1;
            sw += w1;
          }
        assert_close_abs ("V", V, sV, 1e-9 * 61.5e3);
        assert_close_abs ("M", M, sM, 1e-9 * 61.5e3 * 5);
        assert_close_abs ("theta", th, sth, 1e-9 * fabs (sth) + 1e-15);
        assert_close_abs ("w", w, sw, 1e-9 * fabs (sw) + 1e-15);
      }
  engine_clear (&eall);
  for (int i = 0; i < 3; i++)
    engine_clear (&eone[i]);
}

/* Only the deflections depend on EI: combining the same pieces again with twice the
 * stiffness halves them and leaves the forces as they were. */
static void
test_combine_new_EI (void)
{
  PsBaConfig c;
  Engine en;
  PsBaComboResult r2;
  PsBaEnvelope e2;

  config_single (&c, PS_BA_FIXED, PS_BA_PINNED, L_M);
  config_add (&c, PS_BA_DISTRIBUTED, 1.7, 6.9, 12.4e3, 27.9e3);
  engine_run (&en, &c);
  c.EI = 2 * EI_NM2;
  ps_ba_combine (&en.plan, &c, &en.w, &r2, &e2);
  g_assert_cmpfloat (r2.w_max, ==, en.r.w_max / 2);
  g_assert_cmpfloat (r2.x_w, ==, en.r.x_w);
  g_assert_cmpfloat (r2.actions.M_Ed_sag, ==, en.r.actions.M_Ed_sag);
  g_assert_cmpfloat (r2.actions.M_Ed_hog, ==, en.r.actions.M_Ed_hog);
  g_assert_cmpfloat (r2.R_max[0], ==, en.r.R_max[0]);
  engine_clear (&en);
}

/* ---------------------------------------------------------------------------------
 * Study files: cases, combinations, pattern loading
 * ------------------------------------------------------------------------------ */

static PsBeamActions *
load_actions (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  return ps_beam_actions_new (json_node_get_object (json_parser_get_root (parser)), error);
}

static char *
study_text (const char *beam, const char *cases, const char *design)
{
  return g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"t\", "
                          "\"beam\": {%s}, \"cases\": {%s}%s%s}",
                          beam, cases, design ? ", \"design\": " : "", design ? design : "");
}

static PsBeamActions *
load_ok (const char *beam, const char *cases, const char *design)
{
  g_autofree char *json = study_text (beam, cases, design);
  g_autoptr (GError) error = NULL;
  PsBeamActions *a = load_actions (json, &error);

  if (a == NULL)
    g_error ("refused: %s\n%s", error->message, json);
  return a;
}

typedef struct
{
  PsBeamActions *a;
  PsBeamWork *work;
  PsBaConfig cfg;
  PsBaComboResult *res;
  PsBaEnvelope env;
} Study;

static void
study_eval (Study *s, PsBeamActions *a, const guint64 *index, double EI, double sw)
{
  g_autofree char *msg = NULL;

  s->a = a;
  s->work = ps_beam_actions_work_new (a);
  s->res = g_new0 (PsBaComboResult, ps_beam_actions_get_n_combinations (a));
  if (!ps_beam_actions_config (a, index, EI, sw, &s->cfg, &msg))
    g_error ("configuration refused: %s", msg);
  ps_beam_actions_evaluate (a, &s->cfg, s->work, s->res, &s->env);
}

static void
study_clear (Study *s)
{
  ps_beam_actions_work_free (s->work);
  g_free (s->res);
  ps_beam_actions_free (s->a);
}

static const char *
combo_name (const Study *s, int k)
{
  g_assert_cmpint (k, >=, 0);
  return ps_beam_actions_get_combination_name (s->a, (guint)k);
}

/* [F.1-1A] with LRFD: the governing combination is 1.2D + 1.6L, w_u = 1.74 kip/ft,
 * M_u = w_u L^2/8 = 266 kip-ft; the live-load deflection is [AISC] "Simple
 * beam—uniformly distributed load" 5 w_L L^4/384EI with I = 800 in^4, E = 29000 ksi. */
#define KIP 4448.2216152605
#define FT 0.3048
#define IN 0.0254
#define KSI 6894757.2931783

static void
test_f1_1a (gconstpointer data)
{
  gboolean asd = GPOINTER_TO_INT (data);
  g_autofree char *design
      = g_strdup_printf ("{\"code\": \"AISC\", \"method\": \"%s\"}", asd ? "ASD" : "LRFD");
  PsBeamActions *a
      = load_ok ("\"support\": \"simply-supported\", \"span\": \"35 ft\", \"loads\": ["
                 "{\"case\": \"D\", \"type\": \"uniform\", \"value\": \"0.45 kip/ft\"},"
                 "{\"case\": \"L\", \"type\": \"uniform\", \"value\": \"0.75 kip/ft\"}]",
                 "\"D\": {\"type\": \"permanent\"}, \"L\": {\"type\": \"imposed\"}", design);
  const double EI = 29000 * KSI * 800 * pow (IN, 4), L = 35 * FT;
  Study s;

  study_eval (&s, a, NULL, EI, 0.0);
  if (!asd)
    {
      g_assert_cmpstr (combo_name (&s, s.env.combo_M_sag), ==, "LRFD (2): 1.2 D + 1.6 L");
      assert_close ("M_u = 266 kip-ft (rounded in the example)", s.env.actions.M_Ed_sag,
                    266 * KIP * FT, 2e-3);
      assert_close ("M_u = 1.74 L^2/8", s.env.actions.M_Ed_sag, 1.74 * KIP / FT * L * L / 8, 1e-12);
      assert_close ("V_u = 1.74 L/2", s.env.actions.V_Ed, 1.74 * KIP / FT * L / 2, 1e-12);
      g_assert_true (ps_beam_actions_find_combination (a, "LRFD (1): 1.4 D") >= 0);
    }
  else
    {
      g_assert_cmpstr (combo_name (&s, s.env.combo_M_sag), ==, "ASD (2): D + L");
      assert_close ("M_a = 184 kip-ft (rounded in the example)", s.env.actions.M_Ed_sag,
                    184 * KIP * FT, 2e-3);
      assert_close ("M_a = 1.20 L^2/8", s.env.actions.M_Ed_sag, 1.20 * KIP / FT * L * L / 8, 1e-12);
    }
  assert_close ("live-load deflection 5 w_L L^4/384EI", s.env.actions.w_variable,
                5 * 0.75 * KIP / FT * pow (L, 4) / (384 * EI), 1e-10);
  assert_close ("total deflection 5 (w_D + w_L) L^4/384EI", s.env.actions.w_total,
                5 * 1.20 * KIP / FT * pow (L, 4) / (384 * EI), 1e-10);
  assert_close ("permanent deflection", s.env.actions.w_permanent,
                5 * 0.45 * KIP / FT * pow (L, 4) / (384 * EI), 1e-10);
  study_clear (&s);
}

/* [EN1990] 6.10 for G = 8.5 kN/m, Q = 12 kN/m (category B) over 7 m:
 * q_Ed = 1.35 * 8.5 + 1.5 * 12 = 29.475 kN/m, M_Ed = q_Ed L^2/8 = 180.5 kN m; with
 * 6.10a/b: 6.10a 1.35 * 8.5 + 1.5 * 0.7 * 12 = 24.075 kN/m, 6.10b
 * 0.85 * 1.35 * 8.5 + 1.5 * 12 = 27.754 kN/m, which governs. */
#define EN_BEAM                                                                                    \
  "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": ["                             \
  "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 kN/m\"},"                             \
  "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": \"12 kN/m\"}]"
#define EN_CASES                                                                                   \
  "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"category\": \"B\"}"

static void
test_en_6_10 (void)
{
  Study s;
  const double EI = 210e9 * 8356e-8;

  study_eval (&s, load_ok (EN_BEAM, EN_CASES, NULL), NULL, EI, 0.0);
  g_assert_cmpstr (combo_name (&s, s.env.combo_M_sag), ==, "6.10: 1.35 G + 1.5 Q");
  assert_close ("M_Ed = 180.5 kN m (rounded)", s.env.actions.M_Ed_sag, 180.5e3, 5e-4);
  assert_close ("M_Ed = 29.475 * 7^2/8 kN m", s.env.actions.M_Ed_sag, 29.475e3 * 49 / 8, 1e-12);
  assert_close ("V_Ed = 29.475 * 7/2 kN", s.env.actions.V_Ed, 29.475e3 * 3.5, 1e-12);
  /* The deflections of the characteristic combination G + Q ([AISC] 5wL^4/384EI). */
  assert_close ("w_total", s.env.actions.w_total, 5 * 20.5e3 * pow (7, 4) / (384 * EI), 1e-10);
  assert_close ("w_variable", s.env.actions.w_variable, 5 * 12e3 * pow (7, 4) / (384 * EI), 1e-10);
  assert_close ("w_permanent", s.env.actions.w_permanent, 5 * 8.5e3 * pow (7, 4) / (384 * EI),
                1e-10);
  assert_close ("psi2-weighted variable part (0.3 Q)", s.env.actions.w_quasi_permanent_variable,
                5 * 0.3 * 12e3 * pow (7, 4) / (384 * EI), 1e-10);
  g_assert_cmpstr (combo_name (&s, s.env.combo_w_total), ==, "characteristic: G + Q");
  g_assert_cmpfloat (s.env.actions.L_ref, ==, 7.0);
  /* Every ULS combination carries the deflections. */
  for (guint k = 0; k < ps_beam_actions_get_n_combinations (s.a); k++)
    if (ps_beam_actions_get_combination (s.a, k)->limit == PS_BA_ULS)
      g_assert_cmpfloat (s.res[k].actions.w_total, ==, s.env.actions.w_total);
  /* Permanent and imposed (category B, medium-term) load durations for timber. */
  g_assert_cmpint (s.res[s.env.combo_M_sag].actions.duration, ==, PS_DURATION_MEDIUM_TERM);
  g_assert_cmpint (s.res[ps_beam_actions_find_combination (s.a, "6.10: 1.35 G")].actions.duration,
                   ==, PS_DURATION_PERMANENT);
  study_clear (&s);
}

static void
test_en_6_10ab (void)
{
  Study s;
  int ka, kb;

  study_eval (&s, load_ok (EN_BEAM, EN_CASES, "{\"equation\": \"6.10ab\"}"), NULL, 1e7, 0.0);
  ka = ps_beam_actions_find_combination (s.a, "6.10a: 1.35 G + 1.05 Q");
  kb = ps_beam_actions_find_combination (s.a, "6.10b: 1.1475 G + 1.5 Q");
  g_assert_cmpint (ka, >=, 0);
  g_assert_cmpint (kb, >=, 0);
  assert_close ("6.10a: 24.075 * 7^2/8", s.res[ka].actions.M_Ed_sag, 24.075e3 * 49 / 8, 1e-12);
  assert_close ("6.10b: 27.754 * 7^2/8", s.res[kb].actions.M_Ed_sag,
                (0.85 * 1.35 * 8.5e3 + 1.5 * 12e3) * 49 / 8, 1e-12);
  g_assert_cmpint (s.env.combo_M_sag, ==, kb);
  study_clear (&s);
}

/* [EN1990] Table A1.1 by category, and the types' rows; the frequent and
 * quasi-permanent combinations take psi1 and psi2 from them. */
static void
test_psi_by_category (void)
{
  static const struct
  {
    const char *cases;
    double psi[3];
  } rows[] = {
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"A\"}", { 0.7, 0.5, 0.3 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"B\"}", { 0.7, 0.5, 0.3 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"C\"}", { 0.7, 0.7, 0.6 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"D\"}", { 0.7, 0.7, 0.6 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"E\"}", { 1.0, 0.9, 0.8 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"F\"}", { 0.7, 0.7, 0.6 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"G\"}", { 0.7, 0.5, 0.3 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"H\"}", { 0.0, 0.0, 0.0 } },
    { "\"Q\": {\"type\": \"snow\"}", { 0.5, 0.2, 0.0 } },
    { "\"Q\": {\"type\": \"wind\"}", { 0.6, 0.2, 0.0 } },
    { "\"Q\": {\"type\": \"temperature\"}", { 0.6, 0.5, 0.0 } },
    { "\"Q\": {\"type\": \"imposed\", \"category\": \"A\", \"psi\": [0.4, 0.5, 0.3]}",
      { 0.4, 0.5, 0.3 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *cases
          = g_strdup_printf ("\"G\": {\"type\": \"permanent\"}, %s", rows[i].cases);
      g_autoptr (PsBeamActions) a = load_ok (EN_BEAM, cases, NULL);
      Study s;
      int k;

      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat (a->cases[1].psi[j], ==, rows[i].psi[j]);
      /* Evaluated: the frequent combination's deflection is that of G + psi1 Q. */
      study_eval (&s, g_steal_pointer (&a), NULL, 2e7, 0.0);
      for (k = 0; k < (int)ps_beam_actions_get_n_combinations (s.a); k++)
        if (g_str_has_prefix (combo_name (&s, k), "frequent:"))
          break;
      if (k < (int)ps_beam_actions_get_n_combinations (s.a) && rows[i].psi[1] > 0)
        assert_close ("frequent: G + psi1 Q", s.res[k].w_max,
                      5 * (8.5e3 + rows[i].psi[1] * 12e3) * pow (7, 4) / (384 * 2e7), 1e-10);
      for (k = 0; k < (int)ps_beam_actions_get_n_combinations (s.a); k++)
        if (g_str_has_prefix (combo_name (&s, k), "quasi-permanent:"))
          assert_close ("quasi-permanent: G + psi2 Q", s.res[k].w_max,
                        5 * (8.5e3 + rows[i].psi[2] * 12e3) * pow (7, 4) / (384 * 2e7), 1e-10);
      study_clear (&s);
    }
}

/* The SLS set [EN1990] 6.14b, 6.15b, 6.16b for G, Q (category B) and snow: each
 * variable case leading in turn, the other at psi0 (characteristic) or psi2
 * (frequent), and the ULS 6.10 set with gamma_G,inf for favourable permanent loads. */
static void
test_en_names (void)
{
  static const char *const expected[] = {
    "6.10: 1.35 G",
    "6.10: 1.35 G + 1.5 Q + 0.75 S",
    "6.10: 1.35 G + 1.5 Q",
    "6.10: 1.35 G + 1.05 Q + 1.5 S",
    "6.10: 1.35 G + 1.5 S",
    "6.10: G + 1.5 Q + 0.75 S",
    "6.10: G + 1.5 Q",
    "6.10: G + 1.05 Q + 1.5 S",
    "6.10: G + 1.5 S",
    "characteristic: G + Q + 0.5 S",
    "characteristic: G + Q",
    "characteristic: G + 0.7 Q + S",
    "characteristic: G + S",
    "frequent: G + 0.5 Q",
    "frequent: G + 0.3 Q + 0.2 S",
    "frequent: G + 0.2 S",
    "quasi-permanent: G + 0.3 Q",
    "quasi-permanent: G",
  };
  g_autoptr (PsBeamActions) a
      = load_ok ("\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": ["
                 "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 kN/m\"},"
                 "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": \"12 kN/m\"},"
                 "{\"case\": \"S\", \"type\": \"uniform\", \"value\": \"4 kN/m\"}]",
                 EN_CASES ", \"S\": {\"type\": \"snow\"}", NULL);
  guint n = ps_beam_actions_get_n_combinations (a);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (ps_beam_actions_find_combination (a, expected[i]) < 0)
      {
        g_autoptr (GString) all = g_string_new (NULL);

        for (guint k = 0; k < n; k++)
          g_string_append_printf (all, "\n  %s", ps_beam_actions_get_combination_name (a, k));
        g_error ("no combination \"%s\"; there are:%s", expected[i], all->str);
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

/* [ASCE] 2.3.1 and 2.4.1 for D, L, snow and wind: the sets named by their numbers. */
static void
test_asce_names (void)
{
  static const char *const lrfd[] = {
    "LRFD (1): 1.4 D",
    "LRFD (2): 1.2 D + 1.6 L + 0.5 S",
    "LRFD (2): 1.2 D + 1.6 L",
    "LRFD (3): 1.2 D + L + 1.6 S",
    "LRFD (3): 1.2 D + 1.6 S + 0.5 W",
    "LRFD (4): 1.2 D + L + 0.5 S + W",
    "LRFD (4): 1.2 D + W",
    "LRFD (5): 0.9 D + W",
    "service (2): D + L",
    "service (4): D + 0.75 L + 0.75 S",
    "service (5): D + 0.6 W",
    "service (6): D + 0.75 L + 0.75 S + 0.45 W",
    "service (7): 0.6 D + 0.6 W",
  };
  g_autoptr (PsBeamActions) a
      = load_ok ("\"support\": \"simply-supported\", \"span\": \"9 m\", \"loads\": ["
                 "{\"case\": \"D\", \"type\": \"uniform\", \"value\": \"8 kN/m\"},"
                 "{\"case\": \"L\", \"type\": \"uniform\", \"value\": \"10 kN/m\"},"
                 "{\"case\": \"S\", \"type\": \"uniform\", \"value\": \"3 kN/m\"},"
                 "{\"case\": \"W\", \"type\": \"uniform\", \"value\": \"-5 kN/m\"}]",
                 "\"D\": {\"type\": \"permanent\"}, \"L\": {\"type\": \"imposed\"}, "
                 "\"S\": {\"type\": \"snow\"}, \"W\": {\"type\": \"wind\"}",
                 "{\"code\": \"AISC\"}");

  for (guint i = 0; i < G_N_ELEMENTS (lrfd); i++)
    if (ps_beam_actions_find_combination (a, lrfd[i]) < 0)
      {
        g_autoptr (GString) all = g_string_new (NULL);

        for (guint k = 0; k < ps_beam_actions_get_n_combinations (a); k++)
          g_string_append_printf (all, "\n  %s", ps_beam_actions_get_combination_name (a, k));
        g_error ("no combination \"%s\"; there are:%s", lrfd[i], all->str);
      }
  g_assert_cmpint (ps_beam_actions_get_combination (
                       a, ps_beam_actions_find_combination (a, "LRFD (5): 0.9 D + W"))
                       ->limit,
                   ==, PS_BA_ULS);
  g_assert_cmpint (ps_beam_actions_get_combination (
                       a, ps_beam_actions_find_combination (a, "service (2): D + L"))
                       ->deflection,
                   ==, 1);
}

/* Wind suction on a simple span, [EN1990] 6.10 with gamma_G,inf: the uplift of
 * 1.0 G + 1.5 W (snow left out, favourable) governs the hogging moment. */
static void
test_uplift (void)
{
  Study s;
  const double L = 6.0, g = 1.2e3, sn = 2.0e3, wd = -4.5e3;

  study_eval (&s,
              load_ok ("\"support\": \"simply-supported\", \"span\": \"6 m\", \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"1.2 kN/m\"},"
                       "{\"case\": \"S\", \"type\": \"uniform\", \"value\": \"2 kN/m\"},"
                       "{\"case\": \"W\", \"type\": \"uniform\", \"value\": \"-4.5 kN/m\"}]",
                       "\"G\": {\"type\": \"permanent\"}, \"S\": {\"type\": \"snow\"}, "
                       "\"W\": {\"type\": \"wind\"}",
                       NULL),
              NULL, 1e7, 0.0);
  g_assert_cmpstr (combo_name (&s, s.env.combo_M_hog), ==, "6.10: G + 1.5 W");
  assert_close ("uplift: -(1.0 g + 1.5 w) L^2/8", s.env.actions.M_Ed_hog,
                -(g + 1.5 * wd) * L * L / 8, 1e-12);
  g_assert_cmpstr (combo_name (&s, s.env.combo_M_sag), ==, "6.10: 1.35 G + 1.5 S");
  assert_close ("gravity", s.env.actions.M_Ed_sag, (1.35 * g + 1.5 * sn) * L * L / 8, 1e-12);
  study_clear (&s);
}

/* Pattern loading on two equal spans, G on both and Q: [AISC] "Continuous beam—two
 * equal spans—uniform load on one span" gives R1 = 7ql/16 for Q on the first span
 * alone, so with G everywhere R1 = 3gl/8 + 7ql/16 and the span moment is
 * R1^2 / 2(g + q), more than 9(g + q)l^2/128 with Q on both spans; the hogging over
 * the centre support is largest with both spans loaded, (g + q)l^2/8. */
static void
test_pattern_loading (void)
{
  const double l = 6.0, g = 1.35 * 8.5e3, q = 1.5 * 12e3;
  const double R1 = 3 * g * l / 8 + 7 * q * l / 16;
  Study s;
  int k;

  study_eval (&s,
              load_ok ("\"support\": \"continuous\", \"spans\": [\"6 m\", \"6 m\"], \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 kN/m\"},"
                       "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": \"12 kN/m\"}]",
                       EN_CASES, NULL),
              NULL, 2e7, 0.0);
  k = ps_beam_actions_find_combination (s.a, "6.10: 1.35 G + 1.5 Q");
  g_assert_cmpint (k, >=, 0);
  assert_close ("span moment, Q on one span", s.res[k].actions.M_Ed_sag, R1 * R1 / (2 * (g + q)),
                1e-12);
  g_assert_cmpfloat (s.res[k].actions.M_Ed_sag, >, 9 * (g + q) * l * l / 128 * 1.1);
  g_assert_true (s.res[k].pattern_M_sag == 1u || s.res[k].pattern_M_sag == 2u);
  g_assert_cmpuint (s.res[k].pattern_M_hog, ==, 3u);
  assert_close ("hogging, Q on both", s.res[k].actions.M_Ed_hog, (g + q) * l * l / 8, 1e-12);
  /* Without pattern loading the span moment is that of full loading. */
  study_clear (&s);
  study_eval (&s,
              load_ok ("\"support\": \"continuous\", \"spans\": [\"6 m\", \"6 m\"], \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 kN/m\"},"
                       "{\"case\": \"Q\", \"type\": \"uniform\", \"value\": \"12 kN/m\"}]",
                       EN_CASES, "{\"pattern_loading\": false}"),
              NULL, 2e7, 0.0);
  k = ps_beam_actions_find_combination (s.a, "6.10: 1.35 G + 1.5 Q");
  assert_close ("span moment, full loading", s.res[k].actions.M_Ed_sag, 9 * (g + q) * l * l / 128,
                1e-12);
  study_clear (&s);
}

/* Lateral-torsional buckling segment: restraints every 2 m on a 7 m simple span under
 * a uniform load w: the largest |M| is at 3.5 m, in the segment from 2 to 4 m, where
 * M(x) = w x (L - x)/2. */
static void
test_ltb_segment (void)
{
  Study s;
  const double w = 1.35 * 8.5e3 + 1.5 * 12e3, L = 7.0;
  const PsMomentSegment *seg;

  study_eval (&s,
              load_ok (EN_BEAM, EN_CASES,
                       "{\"lateral_restraint\": {\"spacing\": \"2 m\"}, "
                       "\"load_level\": \"shear-centre\"}"),
              NULL, 2e7, 0.0);
  seg = &s.res[s.env.combo_M_sag].actions.ltb;
#define M_AT(x) (w * (x) * (L - (x)) / 2)
  assert_close ("L", seg->L, 2.0, 1e-12);
  assert_close ("M_a", seg->M_a, M_AT (2.0), 1e-12);
  assert_close ("M_b", seg->M_b, M_AT (4.0), 1e-12);
  assert_close ("M_q1", seg->M_q1, M_AT (2.5), 1e-12);
  assert_close ("M_mid", seg->M_mid, M_AT (3.0), 1e-12);
  assert_close ("M_q3", seg->M_q3, M_AT (3.5), 1e-12);
  assert_close ("M_max", seg->M_max, M_AT (3.5), 1e-12);
  /* The exact diagram: one piece of the uniform load, normalised by M_max, with
   * V = w (L/2 - x) and q = w (statics), made dimensionless by the segment's 2 m. */
  g_assert_cmpint (seg->diagram.n, ==, 1);
  g_assert_true (seg->diagram.complete);
  assert_close ("piece M", seg->diagram.M[0], M_AT (2.0) / M_AT (3.5), 1e-12);
  assert_close ("piece V", seg->diagram.V[0], w * (L / 2 - 2.0) * 2.0 / M_AT (3.5), 1e-12);
  assert_close ("piece q", seg->diagram.q[0], w * 4.0 / M_AT (3.5), 1e-12);
#undef M_AT
  g_assert_cmpint (s.res[s.env.combo_M_sag].actions.load_level, ==, PS_LOAD_LEVEL_SHEAR_CENTRE);
  g_assert_false (s.res[s.env.combo_M_sag].actions.ltb_restrained);
  study_clear (&s);
}

/* The exact diagram of the LTB segment (issue 16): two point loads P at the third points
 * of a 6 m simple span, restrained at its ends: M = P x for x <= 2 m, 2P between the
 * loads, P (6 - x) beyond (statics), three pieces with V = P, 0, -P. A linearly varying
 * load makes M a cubic: not complete. Seventeen point loads give more pieces than the
 * segment keeps: not complete. */
static void
test_ltb_diagram (void)
{
  Study s;
  const PsMomentSegment *seg;
  const PsMomentPieces *d;
  GString *many = g_string_new ("\"support\": \"simply-supported\", \"span\": \"6 m\", "
                                "\"loads\": [");

  study_eval (&s,
              load_ok ("\"support\": \"simply-supported\", \"span\": \"6 m\", \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"point\", \"value\": \"10 kN\", "
                       "\"position\": \"2 m\"},"
                       "{\"case\": \"G\", \"type\": \"point\", \"value\": \"10 kN\", "
                       "\"position\": \"4 m\"}]",
                       EN_CASES, "{\"lateral_restraint\": \"ends\"}"),
              NULL, 2e7, 0.0);
  seg = &s.res[s.env.combo_M_sag].actions.ltb;
  d = &seg->diagram;
  g_assert_false (s.res[s.env.combo_M_sag].actions.ltb_uniform_load);
  g_assert_cmpint (d->n, ==, 3);
  g_assert_true (d->complete);
  assert_close ("x1", d->x[1], 1.0 / 3.0, 1e-12);
  assert_close ("x2", d->x[2], 2.0 / 3.0, 1e-12);
  assert_close ("M0", d->M[0], 0.0, 0);
  assert_close ("M1", d->M[1], 1.0, 1e-12);
  assert_close ("M2", d->M[2], 1.0, 1e-12);
  /* V L / M_max = P 6 / 2P = 3. */
  assert_close ("V0", d->V[0], 3.0, 1e-12);
  g_assert_cmpfloat (fabs (d->V[1]), <, 1e-12);
  assert_close ("V2", d->V[2], -3.0, 1e-12);
  for (int i = 0; i < 3; i++)
    assert_close ("q", d->q[i], 0.0, 0);
  /* The five ordinates are a UDL's. */
  assert_close ("M_q1 / M_mid", seg->M_q1 / seg->M_mid, 0.75, 1e-12);
  study_clear (&s);

  study_eval (&s,
              load_ok ("\"support\": \"simply-supported\", \"span\": \"6 m\", \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"linear\", \"start\": \"0 kN/m\", "
                       "\"end\": \"4 kN/m\", \"from\": \"0 m\", \"to\": \"6 m\"}]",
                       EN_CASES, "{\"lateral_restraint\": \"ends\"}"),
              NULL, 2e7, 0.0);
  g_assert_false (s.res[s.env.combo_M_sag].actions.ltb.diagram.complete);
  study_clear (&s);

  for (int i = 1; i <= 17; i++)
    g_string_append_printf (many,
                            "%s{\"case\": \"G\", \"type\": \"point\", \"value\": \"1 kN\", "
                            "\"position\": \"%g m\"}",
                            i > 1 ? "," : "", 6.0 * i / 18.0);
  g_string_append (many, "]");
  study_eval (&s, load_ok (many->str, EN_CASES, "{\"lateral_restraint\": \"ends\"}"), NULL, 2e7,
              0.0);
  g_assert_false (s.res[s.env.combo_M_sag].actions.ltb.diagram.complete);
  study_clear (&s);
  g_string_free (many, TRUE);
}

/* Explicit combinations, deflection limits per span of a continuous beam. */
static void
test_explicit_and_limits (void)
{
  Study s;
  const double EI = 3e7;

  study_eval (
      &s,
      load_ok ("\"support\": \"continuous\", \"spans\": [\"6 m\", \"3 m\"], "
               "\"loads\": [{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN/m\"}]",
               "\"G\": {\"type\": \"permanent\"}",
               "{\"combinations\": [{\"name\": \"strength\", \"limit\": \"ULS\", "
               "\"factors\": {\"G\": 1.4}}, {\"name\": \"service\", \"limit\": \"SLS\", "
               "\"factors\": {\"G\": 1}}], \"deflection\": {\"total\": \"L/300\"}}"),
      NULL, EI, 0.0);
  g_assert_cmpuint (ps_beam_actions_get_n_combinations (s.a), ==, 2);
  g_assert_cmpstr (combo_name (&s, s.env.combo_M_hog), ==, "strength");
  /* [TY]: M_B = -w (L1^3 + L2^3) / 8 (L1 + L2). */
  assert_close ("M_B", s.env.actions.M_Ed_hog, 1.4 * 5e3 * (216.0 + 27.0) / (8 * 9.0), 1e-12);
  /* The long span governs the deflection; its limit is 6 m / 300. */
  g_assert_cmpfloat (s.env.actions.L_ref, ==, 6.0);
  assert_close ("limit_total", s.env.actions.limit_total, 6.0 / 300, 1e-15);
  g_assert_true (isnan (s.env.actions.limit_variable));
  study_clear (&s);
}

/* ---------------------------------------------------------------------------------
 * Sweeps, configurations, diagrams
 * ------------------------------------------------------------------------------ */

static void
test_params_and_config (void)
{
  g_autoptr (PsBeamActions) a = load_ok (
      "\"support\": \"continuous\", \"spans\": [\"6 m\", {\"from\": \"4 m\", \"to\": "
      "\"8 m\", \"steps\": 3}], \"loads\": ["
      "{\"case\": \"G\", \"type\": \"linear\", \"start\": \"0 kN/m\", \"end\": \"4 kN/m\", "
      "\"from\": \"6 m\", \"to\": \"10 m\"},"
      "{\"case\": \"Q\", \"type\": \"point\", \"value\": \"20 kN\", \"position\": [\"2.5 m\", "
      "\"13 m\"]}]",
      EN_CASES, NULL);
  static const char *const paths[] = { "beam.spans[0]",       "beam.spans[1]",
                                       "beam.loads[0].start", "beam.loads[0].end",
                                       "beam.loads[0].from",  "beam.loads[0].to",
                                       "beam.loads[1].value", "beam.loads[1].position" };
  guint64 index[8] = { 0 };
  PsBaConfig c;
  g_autofree char *msg = NULL;

  g_assert_cmpuint (ps_beam_actions_get_n_params (a), ==, G_N_ELEMENTS (paths));
  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    g_assert_cmpstr (ps_beam_actions_get_param_path (a, k), ==, paths[k]);
  g_assert_cmpuint (ps_beam_actions_get_param (a, 1)->count, ==, 3);

  /* Second span 4 m: the linear load ends at 10 m, the end of the beam. */
  g_assert_true (ps_beam_actions_config (a, index, 1e7, 0, &c, NULL));
  g_assert_cmpfloat (c.x[2], ==, 10.0);
  g_assert_cmpint (c.load[0].type, ==, PS_BA_DISTRIBUTED);
  g_assert_cmpfloat (c.load[0].v2, ==, 4e3);
  /* The point load at 13 m lies beyond a 10 m beam, inside a 14 m one. */
  index[7] = 1;
  g_assert_false (ps_beam_actions_config (a, index, 1e7, 0, &c, &msg));
  g_assert_nonnull (strstr (msg, "beam.loads[1].position"));
  index[1] = 2;
  g_assert_true (ps_beam_actions_config (a, index, 1e7, 0, &c, NULL));
  g_assert_cmpfloat (c.x[2], ==, 14.0);
}

static void
test_self_weight (void)
{
  Study s;
  const double sw = 0.412e3, L = 7.0, EI = 2e7;

  study_eval (&s, load_ok (EN_BEAM ", \"self_weight\": true", EN_CASES, NULL), NULL, EI, sw);
  assert_close ("self-weight is G: 6.10 with 1.35 (g + sw)", s.env.actions.M_Ed_sag,
                (1.35 * (8.5e3 + sw) + 1.5 * 12e3) * L * L / 8, 1e-12);
  assert_close ("and in w_permanent", s.env.actions.w_permanent,
                5 * (8.5e3 + sw) * pow (L, 4) / (384 * EI), 1e-10);
  study_clear (&s);
}

static void
test_diagram (void)
{
  Study s;
  g_autoptr (PsBeamDiagram) d = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  guint n_max = 0;

  study_eval (&s,
              load_ok ("\"support\": \"continuous\", \"spans\": [\"6 m\", \"4.5 m\"], \"loads\": ["
                       "{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 kN/m\"},"
                       "{\"case\": \"Q\", \"type\": \"point\", \"value\": \"20 kN\", \"position\": "
                       "\"2.5 m\"}]",
                       EN_CASES, NULL),
              NULL, 2e7, 0.0);
  d = ps_beam_actions_diagram (s.a, &s.cfg, s.work, -1, 200);
  g_assert_cmpint (d->combination, ==, s.env.combo_M_sag);
  g_assert_cmpuint (d->n, >=, 201);
  for (guint i = 1; i < d->n; i++)
    g_assert_cmpfloat (d->x[i], >=, d->x[i - 1]);
  g_assert_cmpfloat (d->x[0], ==, 0.0);
  g_assert_cmpfloat (d->x[d->n - 1], ==, 10.5);
  /* The exact extremum is a station, and the largest moment of the diagram is the
   * combination's M_Ed. */
  for (guint i = 0; i < d->n; i++)
    if (d->M[i] > d->M[n_max])
      n_max = i;
  g_assert_cmpfloat (d->M[n_max], ==, s.res[d->combination].actions.M_Ed_sag);
  g_assert_cmpfloat (d->x[n_max], ==, s.res[d->combination].x_M_sag);
  /* The point load makes V jump at 2.5 m: both sides are there. */
  for (guint i = 0; i + 1 < d->n; i++)
    if (d->x[i] == 2.5 && d->x[i + 1] == 2.5)
      assert_close ("jump = 1.5 * 20 kN", d->V[i] - d->V[i + 1], 30e3, 1e-9);
  /* Reactions balance the loads of the arrangement. */
  {
    double sum = 0;

    for (guint j = 0; j < d->n_supports; j++)
      sum += d->R[j];
    assert_close ("sum of reactions", sum,
                  1.35 * 8.5e3 * 10.5 + ((d->pattern & 1u) ? 1.5 * 20e3 : 0.0), 1e-12);
  }

  json_builder_begin_object (b);
  ps_beam_diagram_to_json (s.a, d, b);
  json_builder_end_object (b);
  text = ps_json_builder_to_data (b, FALSE);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "reactions")), ==,
                    3);
  g_assert_true (json_object_has_member (
      json_array_get_object_element (json_object_get_array_member (root, "reactions"), 1), "R_N"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "M_Nm")), ==, d->n);
  g_assert_cmpstr (json_object_get_string_member (root, "combination"), ==,
                   combo_name (&s, d->combination));
  study_clear (&s);
}

/* ---------------------------------------------------------------------------------
 * Bad input: every new key, the message names the path
 * ------------------------------------------------------------------------------ */

#define BEAM_OK                                                                                    \
  "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": [{\"case\": \"G\", "           \
  "\"type\": \"uniform\", \"value\": \"8.5 kN/m\"}]"
#define CASES_OK                                                                                   \
  "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"category\": \"B\"}"

typedef struct
{
  const char *label;
  const char *beam, *cases, *design;
  const char *message; /* expected at the start of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "undeclared-case",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": [{\"case\": \"G\", \"type\": "
    "\"uniform\", \"value\": 1}, {\"case\": \"Q\", \"type\": \"uniform\", \"value\": 1}, "
    "{\"case\": \"S\", \"type\": \"point\", \"value\": 1, \"position\": 1}]",
    CASES_OK, NULL, "beam.loads[2].case: \"S\" is not declared in \"cases\"" },
  { "unknown-load-type",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"parabolic\", \"value\": 1}]",
    CASES_OK, NULL, "beam.loads[0].type: expected" },
  { "load-not-object", "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": [3]",
    CASES_OK, NULL, "beam.loads[0]: expected a load object" },
  { "load-unknown-key",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1, \"position\": 1}]",
    CASES_OK, NULL, "beam.loads[0].position: unknown key" },
  { "load-missing-value",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"point\", \"position\": 1}]",
    CASES_OK, NULL, "beam.loads[0].value: missing" },
  { "load-wrong-unit",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN\"}]",
    CASES_OK, NULL, "beam.loads[0].value:" },
  { "moment-wrong-unit",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"moment\", \"value\": \"5 kN\", "
    "\"position\": 1}]",
    CASES_OK, NULL, "beam.loads[0].value:" },
  { "linear-missing-end",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"linear\", \"start\": 1}]",
    CASES_OK, NULL, "beam.loads[0].end: missing" },
  { "point-outside",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"point\", \"value\": 1, \"position\": \"8 m\"}]",
    CASES_OK, NULL, "beam.loads[0].position: 8 m lies beyond the end of the beam (7 m)" },
  { "negative-position",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"point\", \"value\": 1, \"position\": -1}]",
    CASES_OK, NULL, "beam.loads[0].position: must be ≥ 0" },
  { "to-outside",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1, \"to\": \"7.5 m\"}]",
    CASES_OK, NULL, "beam.loads[0].to: 7.5 m lies beyond the end of the beam (7 m)" },
  { "from-ge-to",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1, \"from\": \"3 m\", "
    "\"to\": \"3 m\"}]",
    CASES_OK, NULL, "beam.loads[0].from: must be less than \"to\"" },
  { "midspan-continuous",
    "\"support\": \"continuous\", \"spans\": [5, 5], \"loads\": "
    "[{\"case\": \"G\", \"type\": \"point\", \"value\": 1, "
    "\"position\": \"midspan\"}]",
    CASES_OK, NULL, "beam.loads[0].position: \"midspan\" needs a single span" },
  { "free-end-simple",
    "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": "
    "[{\"case\": \"G\", \"type\": \"point\", \"value\": 1, "
    "\"position\": \"free-end\"}]",
    CASES_OK, NULL, "beam.loads[0].position: only a cantilever has a free end" },
  { "loads-empty", "\"support\": \"simply-supported\", \"span\": \"7 m\", \"loads\": []", CASES_OK,
    NULL, "beam.loads: an empty list" },
  { "spans-empty",
    "\"support\": \"continuous\", \"spans\": [], \"loads\": [{\"case\": \"G\", "
    "\"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.spans: an empty list" },
  { "span-zero",
    "\"support\": \"continuous\", \"spans\": [\"5 m\", \"0 m\"], \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.spans[1]: must be > 0" },
  { "span-negative",
    "\"support\": \"continuous\", \"spans\": [\"5 m\", {\"from\": \"-1 m\", "
    "\"to\": \"3 m\", \"steps\": 3}], \"loads\": [{\"case\": \"G\", \"type\": "
    "\"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.spans[1].from: must be > 0" },
  { "too-many-spans",
    "\"support\": \"continuous\", \"spans\": [1,1,1,1,1,1,1,1,1,1,1], "
    "\"loads\": [{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.spans: 11 spans, more than the 10" },
  { "spans-single",
    "\"support\": \"simply-supported\", \"spans\": [5], \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.spans: only for \"support\": \"continuous\"" },
  { "span-continuous",
    "\"support\": \"continuous\", \"span\": 5, \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.span: a continuous beam takes \"spans\"" },
  { "ends-bad",
    "\"support\": \"continuous\", \"spans\": [5, 5], \"ends\": [\"fixed\", "
    "\"roller\"], \"loads\": [{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.ends[1]: expected \"pinned\" or \"fixed\"" },
  { "ends-length",
    "\"support\": \"continuous\", \"spans\": [5, 5], \"ends\": [\"fixed\"], "
    "\"loads\": [{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.ends: expected the left and the right end" },
  { "unknown-support",
    "\"support\": \"hinged\", \"span\": 5, \"loads\": "
    "[{\"case\": \"G\", \"type\": \"uniform\", \"value\": 1}]",
    CASES_OK, NULL, "beam.support: expected" },
  { "case-unknown-type", BEAM_OK, "\"G\": {\"type\": \"dead\"}", NULL, "cases.G.type: expected" },
  { "case-unknown-category", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"category\": \"K\"}", NULL,
    "cases.Q.category: expected an EN 1990 Table A1.1 category" },
  { "case-category-not-imposed", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"S\": {\"type\": \"snow\", \"category\": \"A\"}", NULL,
    "cases.S.category: only an imposed case has a category" },
  { "case-psi-range", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"psi\": [0.7, 1.5, 0.3]}",
    NULL, "cases.Q.psi[1]: a psi factor lies between 0 and 1" },
  { "case-psi-count", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\", \"psi\": [0.7, 0.5]}", NULL,
    "cases.Q.psi: expected a list of three factors" },
  { "case-psi-permanent", BEAM_OK, "\"G\": {\"type\": \"permanent\", \"psi\": [0.7, 0.5, 0.3]}",
    NULL, "cases.G.psi: a permanent case has no psi factors" },
  { "case-unknown-key", BEAM_OK, "\"G\": {\"type\": \"permanent\", \"gamma\": 1.35}", NULL,
    "cases.G.gamma: unknown key" },
  { "case-needs-category", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"Q\": {\"type\": \"imposed\"}", NULL,
    "cases.Q.category: missing" },
  { "cases-empty", BEAM_OK, "", NULL, "cases: an empty object" },
  { "temperature-asce", BEAM_OK,
    "\"G\": {\"type\": \"permanent\"}, \"T\": {\"type\": \"temperature\"}", "{\"code\": \"AISC\"}",
    "cases.T.type: ASCE 7's basic combinations have no temperature load" },
  { "self-weight-no-G", BEAM_OK ", \"self_weight\": true",
    "\"G\": {\"type\": \"imposed\", \"category\": \"A\"}", NULL,
    "beam.self_weight: the self-weight belongs to case \"G\"" },
  { "code-unknown", BEAM_OK, CASES_OK, "{\"code\": \"BS\"}", "design.code: expected" },
  { "method-en", BEAM_OK, CASES_OK, "{\"method\": \"ASD\"}", "design.method: only for" },
  { "method-unknown", BEAM_OK, CASES_OK, "{\"code\": \"AISC\", \"method\": \"WSD\"}",
    "design.method: expected" },
  { "equation-unknown", BEAM_OK, CASES_OK, "{\"equation\": \"6.11\"}",
    "design.equation: expected" },
  { "equation-aisc", BEAM_OK, CASES_OK, "{\"code\": \"AISC\", \"equation\": \"6.10\"}",
    "design.equation: only for" },
  { "pattern-not-bool", BEAM_OK, CASES_OK, "{\"pattern_loading\": \"yes\"}",
    "design.pattern_loading: expected true or false" },
  { "combinations-bad", BEAM_OK, CASES_OK, "{\"combinations\": \"all\"}",
    "design.combinations: expected \"auto\" or a list" },
  { "combinations-empty", BEAM_OK, CASES_OK, "{\"combinations\": []}",
    "design.combinations: an empty list" },
  { "combination-unknown-case", BEAM_OK, CASES_OK,
    "{\"combinations\": [{\"name\": \"c\", \"limit\": \"ULS\", \"factors\": {\"G\": 1.35, "
    "\"W\": 1.5}}]}",
    "design.combinations[0].factors.W: \"W\" is not declared in \"cases\"" },
  { "combination-limit", BEAM_OK, CASES_OK,
    "{\"combinations\": [{\"name\": \"c\", \"limit\": \"EQU\", \"factors\": {\"G\": 1}}]}",
    "design.combinations[0].limit: expected \"ULS\" or \"SLS\"" },
  { "combination-duplicate", BEAM_OK, CASES_OK,
    "{\"combinations\": [{\"name\": \"c\", \"limit\": \"ULS\", \"factors\": {\"G\": 1}}, "
    "{\"name\": \"c\", \"limit\": \"SLS\", \"factors\": {\"G\": 1}}]}",
    "design.combinations[1].name: \"c\" names an earlier combination" },
  { "combination-negative", BEAM_OK, CASES_OK,
    "{\"combinations\": [{\"name\": \"c\", \"limit\": \"ULS\", \"factors\": {\"G\": -1}}]}",
    "design.combinations[0].factors.G: must be ≥ 0" },
  { "combination-no-factors", BEAM_OK, CASES_OK,
    "{\"combinations\": [{\"name\": \"c\", \"limit\": \"ULS\"}]}",
    "design.combinations[0].factors: missing" },
  { "restraint-bad", BEAM_OK, CASES_OK, "{\"lateral_restraint\": \"some\"}",
    "design.lateral_restraint: expected" },
  { "restraint-spacing", BEAM_OK, CASES_OK, "{\"lateral_restraint\": {\"spacing\": \"0 m\"}}",
    "design.lateral_restraint.spacing: must be > 0" },
  { "load-level", BEAM_OK, CASES_OK, "{\"load_level\": \"web\"}", "design.load_level: expected" },
  { "deflection-limit", BEAM_OK, CASES_OK, "{\"deflection\": {\"total\": \"250\"}}",
    "design.deflection.total: expected \"L/N\"" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bc = data;
  g_autofree char *json = study_text (bc->beam, bc->cases, bc->design);
  g_autoptr (GError) error = NULL;
  PsBeamActions *a = load_actions (json, &error);

  if (a != NULL)
    g_error ("accepted: %s", json);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, bc->message))
    g_error ("message \"%s\", expected it to start with \"%s\"", error->message, bc->message);
}

int
main (int argc, char **argv)
{
  static SingleCase single[G_N_ELEMENTS (supports) * G_N_ELEMENTS (load_cases)];
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (supports); i++)
    for (guint j = 0; j < G_N_ELEMENTS (load_cases); j++)
      {
        g_autofree char *path = g_strdup_printf ("/engine/beam-analysis/single-span/%s/%s",
                                                 supports[i].support, load_cases[j].name);

        single[n].s = &supports[i];
        single[n].l = &load_cases[j];
        g_test_add_data_func (path, &single[n], test_single_span);
        n++;
      }
  g_test_add_func ("/engine/beam-analysis/aisc/simple-point", test_aisc_simple_point);
  g_test_add_func ("/engine/beam-analysis/aisc/simple-partial-uniform",
                   test_aisc_simple_partial_uniform);
  g_test_add_func ("/engine/beam-analysis/aisc/simple-triangular", test_aisc_simple_triangular);
  g_test_add_func ("/engine/beam-analysis/aisc/propped-point", test_aisc_propped_point);
  g_test_add_func ("/engine/beam-analysis/aisc/fixed-point", test_aisc_fixed_point);
  g_test_add_func ("/engine/beam-analysis/aisc/cantilever", test_aisc_cantilever);
  g_test_add_func ("/engine/beam-analysis/aisc/uniform", test_aisc_uniform);
  g_test_add_func ("/engine/beam-analysis/roark/moments", test_roark_moments);
  g_test_add_func ("/engine/beam-analysis/continuous/two-equal-spans", test_two_equal_spans);
  g_test_add_func ("/engine/beam-analysis/continuous/three-equal-spans", test_three_equal_spans);
  g_test_add_func ("/engine/beam-analysis/continuous/unequal-spans", test_unequal_spans);
  g_test_add_func ("/engine/beam-analysis/continuous/fixed-end", test_fixed_end);
  g_test_add_func ("/engine/beam-analysis/continuous/pattern-loading", test_pattern_loading);
  g_test_add_func ("/engine/beam-analysis/continuous/inner-support-loads",
                   test_inner_support_loads);
  g_test_add_func ("/engine/beam-analysis/superposition", test_superposition);
  g_test_add_func ("/engine/beam-analysis/combine-new-EI", test_combine_new_EI);
  g_test_add_data_func ("/engine/beam-analysis/combinations/f1-1a-lrfd", GINT_TO_POINTER (0),
                        test_f1_1a);
  g_test_add_data_func ("/engine/beam-analysis/combinations/f1-1a-asd", GINT_TO_POINTER (1),
                        test_f1_1a);
  g_test_add_func ("/engine/beam-analysis/combinations/en-6.10", test_en_6_10);
  g_test_add_func ("/engine/beam-analysis/combinations/en-6.10ab", test_en_6_10ab);
  g_test_add_func ("/engine/beam-analysis/combinations/psi-by-category", test_psi_by_category);
  g_test_add_func ("/engine/beam-analysis/combinations/en-names", test_en_names);
  g_test_add_func ("/engine/beam-analysis/combinations/asce-names", test_asce_names);
  g_test_add_func ("/engine/beam-analysis/combinations/uplift", test_uplift);
  g_test_add_func ("/engine/beam-analysis/combinations/explicit-and-limits",
                   test_explicit_and_limits);
  g_test_add_func ("/engine/beam-analysis/ltb-segment", test_ltb_segment);
  g_test_add_func ("/engine/beam-analysis/ltb-diagram", test_ltb_diagram);
  g_test_add_func ("/engine/beam-analysis/params-and-config", test_params_and_config);
  g_test_add_func ("/engine/beam-analysis/self-weight", test_self_weight);
  g_test_add_func ("/engine/beam-analysis/diagram", test_diagram);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/engine/beam-analysis/bad-input/%s", bad_cases[i].label);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  return g_test_run ();
}
