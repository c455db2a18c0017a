#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-beam-design.h"

/* The fast paths of the beam design path (ps-beam-design-fast.h) against the general
 * analysis of every configuration. Each study is run with the fast paths off (the
 * reference: the exact analysis and the checks of every configuration), with the
 * proportional groups only, and with threshold counting, in chunks that cut the
 * groups; the summaries must agree item for item and every configuration's results to
 * 1e-12. That the general path itself gives the published values is what
 * test-beam-design.c, test-ec3.c, test-aisc360.c and the others test; one published value
 * is checked here on the fast path too (IPE 300 shear). Each study also checks which
 * path its groups took, so that a study meant for the fast path cannot silently fall
 * back to the general one (and a study that must not take it, does not).
 */

#define IPE(x) "{ \"shape\": \"standard\", \"designation\": \"IPE " x "\" }"
#define CASES_GQ                                                                                   \
  "\"G\": { \"type\": \"permanent\" }, \"Q\": { \"type\": \"imposed\", \"category\": \"B\" }"
#define EN_LTB                                                                                     \
  "\"code\": \"EN\", \"combinations\": \"auto\", \"lateral_restraint\": \"ends\","                 \
  " \"load_level\": \"top-flange\", \"deflection\": { \"total\": \"L/250\", \"variable\": "        \
  "\"L/360\" }"

/* A design study: @beam's members, @cases, @design and @root_extra members of the root. */
static PsStudy *
load_study_with (const char *beam, const char *cases, const char *design, const char *root_extra)
{
  g_autofree char *json
      = g_strdup_printf ("{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"fast\","
                         "  \"beam\": { %s }, \"cases\": { %s }, \"design\": { %s }%s%s }",
                         beam, cases, design, root_extra ? ", " : "", root_extra ? root_extra : "");
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data (json, -1, &error);

  if (study == NULL)
    g_error ("study refused: %s\n%s", error->message, json);
  return study;
}

static PsStudy *
load_study (const char *beam, const char *cases, const char *design)
{
  return load_study_with (beam, cases, design, NULL);
}

static PsBeamDesign *
design_of (PsStudy *study)
{
  return ((PsBeamModel *)ps_study_get_model (study))->design;
}

/* The study run in chunks of @chunk items, merged in order, as a backend runs it. */
static PsBeamSummary *
run (PsStudy *study, PsBeamFastLevel level, guint64 chunk, PsRowsMode mode,
     PsBeamFastCounts *counts)
{
  const PsKindClass *k = ps_study_get_kind (study);
  guint64 n = ((PsBeamModel *)ps_study_get_model (study))->n_items;
  PsBeamSummary *acc = g_malloc0 (k->summary_size), *part = g_malloc0 (k->summary_size);
  gpointer ws = k->workspace_new (study);
  PsBuf rows;

  ps_beam_design_set_fast (design_of (study), level);
  ps_buf_init (&rows, 4096);
  k->summary_init (study, acc);
  for (guint64 b = 0; b < n; b += chunk)
    {
      PsErrors errors;

      ps_errors_init (&errors);
      k->summary_init (study, part);
      rows.len = 0;
      k->eval (study, ws, b, MIN (b + chunk, n), part, &errors, mode, &rows);
      k->merge (study, acc, part);
      ps_errors_clear (&errors);
    }
  ps_beam_design_workspace_counts (ws, counts);
  k->workspace_free (ws);
  ps_buf_clear (&rows);
  g_free (part);
  ps_beam_design_set_fast (design_of (study), PS_BEAM_FAST_ALL);
  return acc;
}

static gboolean
close_to (double a, double b, double scale)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  if (a == b)
    return TRUE;
  return fabs (a - b) <= 1e-12 * MAX (MAX (fabs (a), fabs (b)), scale);
}

#define assert_close(what, a, b, scale)                                                            \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (!close_to ((a), (b), (scale)))                                                             \
      g_error ("%s: %.17g (fast) != %.17g (general)", what, (double)(a), (double)(b));             \
  }                                                                                                \
  G_STMT_END

static void
assert_same_summary (const PsBeamSummary *f, const PsBeamSummary *g)
{
  const PsBeamDesignSummary *fd = &f->design, *gd = &g->design;

  g_assert_cmpuint (f->items, ==, g->items);
  g_assert_cmpuint (f->valid, ==, g->valid);
  g_assert_cmpuint (f->passing, ==, g->passing);
  g_assert_cmpuint (f->fail_strength, ==, g->fail_strength);
  g_assert_cmpuint (f->fail_deflection, ==, g->fail_deflection);
  g_assert_cmpuint (f->lightest_item, ==, g->lightest_item);
  g_assert_true (f->lightest_mass == g->lightest_mass);
  g_assert_cmpuint (fd->refused, ==, gd->refused);
  for (int c = 0; c < PS_CHECK_N; c++)
    g_assert_cmpuint (fd->fail_check[c], ==, gd->fail_check[c]);
  /* The pass map (summary.json "pass_map"), counted by thresholds too. */
  g_assert_true (memcmp (f->map_valid, g->map_valid, sizeof f->map_valid) == 0);
  g_assert_true (memcmp (f->map_passing, g->map_passing, sizeof f->map_passing) == 0);
  assert_close ("max_M_sag", fd->max_M_sag, gd->max_M_sag, 0.0);
  assert_close ("max_M_hog", fd->max_M_hog, gd->max_M_hog, 0.0);
  assert_close ("max_V", fd->max_V, gd->max_V, 0.0);
  assert_close ("max_w", fd->max_w, gd->max_w, 0.0);
  assert_close ("max_w_variable", fd->max_w_variable, gd->max_w_variable, 0.0);
  assert_close ("max_u", fd->max_u, gd->max_u, 0.0);
  g_assert_cmpuint (fd->max_u_item, ==, gd->max_u_item);
  g_assert_cmpuint (fd->n_refusals, ==, gd->n_refusals);
  for (guint i = 0; i < fd->n_refusals; i++)
    {
      g_assert_cmpuint (fd->refusal_item[i], ==, gd->refusal_item[i]);
      g_assert_cmpint (fd->refusal_code[i], ==, gd->refusal_code[i]);
    }
  for (guint i = 0; i < PS_BEAM_MAX_GROUPS; i++)
    {
      g_assert_cmpuint (fd->group_item[i], ==, gd->group_item[i]);
      g_assert_true (fd->group_mass[i] == gd->group_mass[i]);
    }
}

/* Every configuration's results on the proportional path against the general one. */
static void
assert_same_rows (PsStudy *study, guint64 *n_proportional)
{
  const PsKindClass *k = ps_study_get_kind (study);
  PsBeamDesign *d = design_of (study);
  guint64 n = d->n_items;
  g_autofree PsBeamDesignOut *of = g_new0 (PsBeamDesignOut, n);
  g_autofree PsBeamDesignOut *og = g_new0 (PsBeamDesignOut, n);
  g_autofree gboolean *okf = g_new0 (gboolean, n);
  g_autofree gboolean *okg = g_new0 (gboolean, n);
  gpointer ws = k->workspace_new (study);
  PsBeamFastCounts counts;

  /* Backwards in chunks of 7, so that groups are entered in the middle and out of
   * order: the results must not depend on it. */
  for (guint64 e = n; e > 0;)
    {
      guint64 b = e > 7 ? e - 7 : 0;

      ps_beam_design_eval_outputs (d, ws, b, e, of + b, okf + b);
      e = b;
    }
  ps_beam_design_workspace_counts (ws, &counts);
  k->workspace_free (ws);
  ps_beam_design_set_fast (d, PS_BEAM_FAST_OFF);
  ws = k->workspace_new (study);
  ps_beam_design_eval_outputs (d, ws, 0, n, og, okg);
  k->workspace_free (ws);
  ps_beam_design_set_fast (d, PS_BEAM_FAST_ALL);

  *n_proportional = 0;
  for (guint64 i = 0; i < n; i++)
    {
      const PsBeamDesignOut *a = &of[i], *b = &og[i];
      double fscale = MAX (MAX (b->M_sag, b->M_hog), 0.0);

      g_assert_cmpint (okf[i], ==, okg[i]);
      if (!okg[i])
        continue;
      assert_close ("M_sag", a->M_sag, b->M_sag, fscale);
      assert_close ("M_hog", a->M_hog, b->M_hog, fscale);
      assert_close ("V", a->V, b->V, 0.0);
      assert_close ("w", a->w, b->w, 0.0);
      assert_close ("w_variable", a->w_variable, b->w_variable, 0.0);
      assert_close ("M_Rd", a->M_Rd, b->M_Rd, 0.0);
      assert_close ("V_Rd", a->V_Rd, b->V_Rd, 0.0);
      assert_close ("M_cr", a->M_cr, b->M_cr, 0.0);
      assert_close ("lambda_LT", a->lambda_LT, b->lambda_LT, 0.0);
      assert_close ("chi_LT", a->chi_LT, b->chi_LT, 0.0);
      assert_close ("Mb_Rd", a->Mb_Rd, b->Mb_Rd, 0.0);
      assert_close ("mass", a->mass, b->mass, 0.0);
      /* A utilisation computed from a moment or shear that is rounding noise (the
       * moment at a pinned support, the shear at midspan) is compared to 1e-12 absolute. */
      for (int c = 0; c < PS_CHECK_N; c++)
        {
          char what[32];

          g_snprintf (what, sizeof what, "u[%d] of item %" G_GUINT64_FORMAT, c, i);
          assert_close (what, a->u[c], b->u[c], 1.0);
        }
      assert_close ("u_max", a->u_max, b->u_max, 1.0);
      g_assert_cmpint (a->refused, ==, b->refused);
      g_assert_cmpint (a->refusal, ==, b->refusal);
      if (fabs (b->u_max - 1.0) > 1e-12)
        {
          g_assert_cmpint (a->pass, ==, b->pass);
          g_assert_cmpint (a->governing_check, ==, b->governing_check);
        }
    }
  *n_proportional = counts.proportional;
}

typedef enum
{
  EXPECT_GENERAL,      /* no group may take a fast path */
  EXPECT_PROPORTIONAL, /* proportional groups, no threshold counting */
  EXPECT_THRESHOLD,    /* threshold counting for rows "none" */
} Expect;

/* Runs @study every way and compares. */
static void
check_study (PsStudy *study, Expect expect)
{
  static const guint64 chunks[] = { 1, 2, 3, 7, 13, 64, 500, G_MAXUINT64 / 2 };
  PsBeamFastCounts cg, cf;
  g_autofree PsBeamSummary *ref = run (study, PS_BEAM_FAST_OFF, G_MAXUINT64 / 2, PS_ROWS_NONE, &cg);
  guint64 n_prop;

  g_assert_cmpuint (cg.proportional + cg.threshold, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    for (int level = PS_BEAM_FAST_PROPORTIONAL; level <= PS_BEAM_FAST_ALL; level++)
      {
        g_autofree PsBeamSummary *s = run (study, level, chunks[i], PS_ROWS_NONE, &cf);

        g_test_message ("chunk %" G_GUINT64_FORMAT ", level %d: general %" G_GUINT64_FORMAT
                        ", proportional %" G_GUINT64_FORMAT ", threshold %" G_GUINT64_FORMAT,
                        chunks[i], level, cf.general, cf.proportional, cf.threshold);
        assert_same_summary (s, ref);
        switch (expect)
          {
          case EXPECT_GENERAL:
            g_assert_cmpuint (cf.proportional + cf.threshold, ==, 0);
            break;
          case EXPECT_PROPORTIONAL:
            g_assert_cmpuint (cf.proportional, >, 0);
            g_assert_cmpuint (cf.threshold, ==, 0);
            break;
          case EXPECT_THRESHOLD:
            if (level == PS_BEAM_FAST_ALL && chunks[i] >= 3)
              g_assert_cmpuint (cf.threshold, >, 0);
            else if (level == PS_BEAM_FAST_PROPORTIONAL)
              g_assert_cmpuint (cf.threshold, ==, 0);
            break;
          }
      }
  /* With rows the summary comes from every configuration, on the proportional path. */
  {
    g_autofree PsBeamSummary *s = run (study, PS_BEAM_FAST_ALL, 13, PS_ROWS_ALL, &cf);

    assert_same_summary (s, ref);
    g_assert_cmpuint (cf.threshold, ==, 0);
  }
  assert_same_rows (study, &n_prop);
  if (expect == EXPECT_GENERAL)
    g_assert_cmpuint (n_prop, ==, 0);
  else
    g_assert_cmpuint (n_prop, >, 0);
}

/* Only some groups pass, only some fail: the thresholds fall inside the groups. */
static void
assert_mixed (PsStudy *study)
{
  PsBeamFastCounts c;
  g_autofree PsBeamSummary *s = run (study, PS_BEAM_FAST_OFF, G_MAXUINT64 / 2, PS_ROWS_NONE, &c);

  g_assert_cmpuint (s->passing, >, 0);
  g_assert_cmpuint (s->passing, <, s->valid);
}

/* The benchmark's study (bench/beam-design-grid.json) cut down: simply supported, G +
 * Q + self-weight, EN 1990 auto combinations, EN 1993-1-1 with LTB, imposed load
 * increasing from zero. */
static void
test_en_steel_increasing (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": { \"from\": \"3 m\", \"to\": \"12 m\", "
      "\"steps\": 6 }, \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 "
      "kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"0 kN/m\", \"to\": \"60 "
      "kN/m\","
      " \"steps\": 41 } } ], \"section\": { \"shape\": \"standard\", \"designation\": [\"IPE 140\","
      " \"IPE 220\", \"IPE 300\", \"IPE 400\", \"IPE 600\"] }, \"material\": [\"S235\", \"S355\"],"
      " \"self_weight\": true",
      CASES_GQ, EN_LTB);

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
  /* Whole groups are counted, from far fewer evaluations than items. */
  {
    PsBeamFastCounts c;
    g_autofree PsBeamSummary *s = run (study, PS_BEAM_FAST_ALL, G_MAXUINT64 / 2, PS_ROWS_NONE, &c);

    g_assert_cmpuint (c.threshold_items, ==, s->items);
    g_assert_cmpuint (c.threshold_evaluations, <, c.threshold_items / 2);
  }
}

/* The benchmark's study with the imposed load from 2 kN/m: 1.35 G + 1.5 Q dominates
 * the other ultimate combinations over the whole range, so bending, shear, LTB and
 * both deflections are affine in the imposed load, and a check that crosses 1 needs
 * no evaluation beyond the range's two ends unless the crossing lies within 1e-9 of
 * it (the interaction, which is not affine, does not cross here). */
static void
test_affine_crossings (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": { \"from\": \"3 m\", \"to\": \"12 m\", "
      "\"steps\": 8 }, \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"8.5 "
      "kN/m\" }, { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"2 kN/m\", "
      "\"to\": \"40 kN/m\", \"steps\": 61 } } ], \"section\": { \"shape\": \"standard\", "
      "\"designation\": [\"IPE 160\", \"IPE 240\", \"IPE 330\", \"IPE 450\", \"IPE 600\"] }, "
      "\"material\": [\"S235\", \"S355\"], \"self_weight\": true",
      CASES_GQ, EN_LTB);
  PsBeamFastCounts c;
  g_autofree PsBeamSummary *s = NULL;

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
  s = run (study, PS_BEAM_FAST_ALL, G_MAXUINT64 / 2, PS_ROWS_NONE, &c);
  g_test_message ("%" G_GUINT64_FORMAT " evaluations for %" G_GUINT64_FORMAT " groups",
                  c.threshold_evaluations, c.threshold);
  g_assert_cmpuint (c.threshold_items, ==, s->items);
  g_assert_cmpuint (c.threshold_evaluations, <=, 3 * c.threshold);
}

/* The pass map's two parameters are those with the most steps; here the group's own
 * parameter (the imposed load, 4 steps) is neither, so a whole group falls into one
 * cell of the map (span x permanent load). */
static void
test_map_off_axis (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": { \"from\": \"3 m\", \"to\": \"11 m\", "
      "\"steps\": 12 }, \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": "
      "{ \"from\": \"2 kN/m\", \"to\": \"20 kN/m\", \"steps\": 10 } },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"1 kN/m\", \"to\": \"40 "
      "kN/m\", \"steps\": 4 } } ], \"section\": { \"shape\": \"standard\", \"designation\": "
      "[\"IPE 220\", \"IPE 360\"] }, \"material\": \"S355\", \"self_weight\": true",
      CASES_GQ, EN_LTB);

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

/* The same with the imposed load decreasing (a list), equation 6.10a/b, and a group_by
 * over the spans. */
static void
test_en_steel_decreasing (void)
{
  g_autoptr (PsStudy) study = load_study_with (
      "\"support\": \"simply-supported\", \"span\": [\"4 m\", \"6.5 m\", \"9 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": [\"70 kN/m\", \"50 kN/m\", \"35 "
      "kN/m\","
      " \"35 kN/m\", \"20 kN/m\", \"12 kN/m\", \"8 kN/m\", \"3 kN/m\", \"0 kN/m\"] } ],"
      " \"section\": { \"shape\": \"standard\", \"designation\": [\"IPE 200\", \"IPE 270\","
      " \"IPE 360\", \"IPE 450\"] }, \"material\": \"S355\", \"self_weight\": true",
      CASES_GQ, EN_LTB ", \"equation\": \"6.10ab\"", "\"group_by\": [\"span\"]");

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

/* Cantilever, point loads at the free end (G and Q at the same point, no self-weight),
 * continuous lateral restraint: proportional. */
static void
test_cantilever_point (void)
{
  g_autoptr (PsStudy) study
      = load_study ("\"support\": \"cantilever\", \"span\": [\"1.5 m\", \"2.5 m\", \"4 m\"],"
                    " \"loads\": [ { \"case\": \"G\", \"type\": \"point\", \"value\": \"10 kN\", "
                    "\"position\": \"free-end\" },"
                    " { \"case\": \"Q\", \"type\": \"point\", \"value\": { \"from\": \"5 kN\", "
                    "\"to\": \"200 kN\","
                    " \"steps\": 30 }, \"position\": \"free-end\" } ], \"section\": [" IPE (
                        "200") ", " IPE ("330") "],"
                                                " \"material\": \"S355\", \"self_weight\": false",
                    CASES_GQ,
                    "\"code\": \"EN\", \"lateral_restraint\": \"continuous\","
                    " \"deflection\": { \"total\": \"L/250\" }");

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

/* Fixed at both ends, uniform loads, AISC 360 LRFD with ASCE 7 combinations and LTB
 * between restraints 2 m apart. The spans are multiples of the spacing: the two end
 * moments are equal, and which end the general analysis takes as the largest |M| (whose
 * restraint segment it checks) is decided by rounding; with an end segment shorter than
 * the other the two choices give different M_cr, and the proportional path keeps the
 * first item's choice for the whole group. With equal end segments they agree. */
static void
test_fixed_aisc_lrfd (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"fixed-fixed\", \"span\": [\"6 m\", \"8 m\", \"12 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"6 kN/m\" },"
      " { \"case\": \"L\", \"type\": \"uniform\", \"value\": { \"from\": \"5 kN/m\", \"to\": \"150 "
      "kN/m\","
      " \"steps\": 25 } } ], \"section\": { \"shape\": \"standard\", \"designation\": [\"W310x39\","
      " \"W460x74\"] }, \"material\": \"A992\", \"self_weight\": true",
      "\"G\": { \"type\": \"permanent\" }, \"L\": { \"type\": \"imposed\", \"category\": \"B\" }",
      "\"code\": \"AISC\", \"method\": \"LRFD\", \"lateral_restraint\": { \"spacing\": \"2 m\" },"
      " \"deflection\": { \"variable\": \"L/360\" }");

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

/* Propped cantilever, partial uniform loads over the same stretch (no self-weight), AISC
 * ASD: its ultimate combinations give the deflections too. */
static void
test_propped_partial_aisc_asd (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"propped-cantilever\", \"span\": [\"5 m\", \"8 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"4 kN/m\", \"from\": "
      "\"1 m\","
      " \"to\": \"4 m\" }, { \"case\": \"L\", \"type\": \"uniform\", \"value\": { \"from\": \"10 "
      "kN/m\","
      " \"to\": \"300 kN/m\", \"steps\": 20 }, \"from\": \"1 m\", \"to\": \"4 m\" } ],"
      " \"section\": { \"shape\": \"standard\", \"designation\": [\"W310x39\", \"W410x54\"] },"
      " \"material\": \"A992\", \"self_weight\": false",
      "\"G\": { \"type\": \"permanent\" }, \"L\": { \"type\": \"imposed\", \"category\": \"B\" }",
      "\"code\": \"AISC\", \"method\": \"ASD\", \"lateral_restraint\": \"ends\","
      " \"deflection\": { \"total\": \"L/240\", \"variable\": \"L/360\" }");

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

/* A point load at a position and end moments: simply supported IPE under G and Q
 * moments at the left end (a linear moment diagram), EN 1993-1-1 with LTB. */
static void
test_end_moment (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"3 m\", \"5 m\", \"8 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"moment\", \"value\": \"10 kN m\", "
      "\"position\": \"0 m\" },"
      " { \"case\": \"Q\", \"type\": \"moment\", \"value\": { \"from\": \"0 kN m\", \"to\": \"400 "
      "kN m\","
      " \"steps\": 33 }, \"position\": \"0 m\" } ], \"section\": [" IPE ("240") ", " IPE (
          "400") "],"
                 " \"material\": [\"S235\", \"S355\"], \"self_weight\": false",
      CASES_GQ, EN_LTB);

  assert_mixed (study);
  check_study (study, EXPECT_THRESHOLD);
}

static void
test_point_position (void)
{
  g_autoptr (PsStudy) study
      = load_study ("\"support\": \"simply-supported\", \"span\": [\"4 m\", \"7 m\"],"
                    " \"loads\": [ { \"case\": \"G\", \"type\": \"point\", \"value\": \"20 kN\", "
                    "\"position\": [\"1 m\", \"2 m\"] },"
                    " { \"case\": \"Q\", \"type\": \"point\", \"value\": { \"from\": \"10 kN\", "
                    "\"to\": \"400 kN\","
                    " \"steps\": 40 }, \"position\": \"1 m\" } ], \"section\": [" IPE (
                        "220") ", " IPE ("360") "],"
                                                " \"material\": \"S275\", \"self_weight\": false",
                    CASES_GQ, EN_LTB);

  assert_mixed (study);
  /* Only the groups with the permanent load at 1 m have loads of one shape; the others
   * are checked by the general path. */
  check_study (study, EXPECT_THRESHOLD);
}

/* Timber (EN 1995-1-1), concrete (EN 1992-1-1, reinforced) and aluminium (EN 1999-1-1):
 * proportional groups, every configuration checked (no threshold counting). */
static void
test_timber (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"4 m\", \"6 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"1 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"0.5 kN/m\", \"to\": "
      "\"15 kN/m\","
      " \"steps\": 25 } } ], \"section\": { \"shape\": \"rectangular\", \"b\": \"140 mm\", \"h\": "
      "[\"300 mm\","
      " \"450 mm\"] }, \"material\": [\"C24\", \"GL28h\"], \"self_weight\": true",
      CASES_GQ,
      "\"code\": \"EN\", \"service_class\": 2, \"lateral_restraint\": \"ends\","
      " \"deflection\": { \"total\": \"L/300\" }");

  assert_mixed (study);
  check_study (study, EXPECT_PROPORTIONAL);
}

static void
test_concrete (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"4 m\", \"6 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"6 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"1 kN/m\", \"to\": \"60 "
      "kN/m\","
      " \"steps\": 20 } } ], \"section\": [ { \"shape\": \"rc-rectangular\", \"b\": \"300 mm\","
      " \"h\": \"450 mm\", \"cover\": \"30 mm\", \"links\": \"8 mm\", \"As\": \"3 x 16 mm\", "
      "\"fyk\": \"500 MPa\" },"
      " { \"shape\": \"rectangular\", \"b\": \"300 mm\", \"h\": \"500 mm\" } ],"
      " \"material\": \"C30/37\", \"self_weight\": true",
      CASES_GQ, "\"code\": \"EN\"");

  check_study (study, EXPECT_PROPORTIONAL);
}

static void
test_aluminium (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"2 m\", \"3.5 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"0.3 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"0.2 kN/m\", \"to\": \"8 "
      "kN/m\","
      " \"steps\": 20 } } ], \"section\": { \"shape\": \"chs\", \"D\": [\"60 mm\", \"100 mm\"], "
      "\"t\": \"4 mm\" },"
      " \"material\": [\"6061-T6\", \"6063-T6\"], \"self_weight\": true",
      CASES_GQ, "\"code\": \"EN\", \"deflection\": { \"total\": \"L/200\" }");

  assert_mixed (study);
  check_study (study, EXPECT_PROPORTIONAL);
}

/* Must not take the fast path: a negative value in the group's parameter; loads of two
 * shapes (a point load and the self-weight); the spans varying innermost. */
static void
test_not_fast (void)
{
  g_autoptr (PsStudy) negative = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"4 m\", \"6 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"20 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": [\"-5 kN/m\", \"0 kN/m\", \"10 kN/m\","
      " \"30 kN/m\"] } ], \"section\": [" IPE ("200") ", " IPE ("300") "], \"material\": \"S355\","
                                                                       " \"self_weight\": true",
      CASES_GQ, EN_LTB);
  g_autoptr (PsStudy) mixed = load_study (
      "\"support\": \"simply-supported\", \"span\": [\"4 m\", \"6 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"point\", \"value\": { \"from\": \"10 kN\", \"to\": \"200 "
      "kN\","
      " \"steps\": 12 }, \"position\": \"midspan\" } ], \"section\": [" IPE ("200") ", " IPE (
          "300") "],"
                 " \"material\": \"S355\", \"self_weight\": true",
      CASES_GQ, EN_LTB);
  g_autoptr (PsStudy) spans = load_study (
      "\"support\": \"simply-supported\", \"span\": { \"from\": \"3 m\", \"to\": \"12 m\", "
      "\"steps\": 15 },"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"5 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": \"10 kN/m\" } ],"
      " \"section\": [" IPE ("200") ", " IPE (
          "300") "], \"material\": \"S355\", \"self_weight\": true",
      CASES_GQ, EN_LTB);

  check_study (negative, EXPECT_GENERAL);
  check_study (mixed, EXPECT_GENERAL);
  check_study (spans, EXPECT_GENERAL);
}

/* A group_by over the group's own parameter: the lightest design per imposed load needs
 * every configuration, so no threshold counting; the summary still agrees. */
static void
test_group_by_load (void)
{
  g_autoptr (PsStudy) study = load_study_with (
      "\"support\": \"simply-supported\", \"span\": [\"5 m\", \"8 m\"],"
      " \"loads\": [ { \"case\": \"G\", \"type\": \"uniform\", \"value\": \"4 kN/m\" },"
      " { \"case\": \"Q\", \"type\": \"uniform\", \"value\": { \"from\": \"2 kN/m\", \"to\": \"40 "
      "kN/m\","
      " \"steps\": 15 } } ], \"section\": { \"shape\": \"standard\", \"designation\": [\"IPE 200\","
      " \"IPE 300\", \"IPE 400\"] }, \"material\": \"S355\", \"self_weight\": true",
      CASES_GQ, EN_LTB, "\"group_by\": [\"loads[1].value\"]");

  check_study (study, EXPECT_PROPORTIONAL);
}

/* The published value on the fast path: IPE 300 in S355, V_pl,Rd = A_v f_y/(sqrt 3
 * gamma_M0) = 2,568 mm^2 x 355 MPa/sqrt 3 = 526 kN (issue 16; A_v from the
 * ArcelorMittal catalogue); a point load of 1,000 kN 50 mm from the support fails in
 * shear, one of 400 kN (reaction 393 kN) does not. */
static void
test_ipe300_shear (void)
{
  g_autoptr (PsStudy) study = load_study (
      "\"support\": \"simply-supported\", \"span\": \"6 m\","
      " \"loads\": [ { \"case\": \"Q\", \"type\": \"point\", \"value\": [\"400 kN\", \"700 kN\", "
      "\"1000 kN\"],"
      " \"position\": \"50 mm\" } ], \"section\": " IPE ("300") ", \"material\": \"S355\","
                                                                " \"self_weight\": false",
      "\"Q\": { \"type\": \"imposed\", \"category\": \"B\" }",
      "\"combinations\": [ { \"name\": \"U\", \"limit\": \"ULS\", \"factors\": { \"Q\": 1.0 } } ],"
      " \"lateral_restraint\": \"continuous\"");
  PsBeamDesign *d = design_of (study);
  const PsKindClass *k = ps_study_get_kind (study);
  gpointer ws = k->workspace_new (study);
  PsBeamDesignOut o[3];
  gboolean ok[3];
  PsBeamFastCounts c;

  ps_beam_design_eval_outputs (d, ws, 0, 3, o, ok);
  ps_beam_design_workspace_counts (ws, &c);
  k->workspace_free (ws);
  g_assert_true (ok[0] && ok[1] && ok[2]);
  g_assert_cmpfloat_with_epsilon (o[2].V_Rd / 1e3, 526.0, 0.5);
  g_assert_cmpfloat (o[0].u[PS_CHECK_SHEAR], <, 1.0);
  g_assert_cmpfloat (o[2].u[PS_CHECK_SHEAR], >, 1.0);
  g_assert_false (o[2].pass);
  check_study (study, EXPECT_THRESHOLD);
}

/* A whole study file, fast paths on and off in the chunks of 1024 items a run uses:
 * PS_TEST_FAST_STUDY=bench/beam-design-grid.json (3,000,000 configurations, minutes on
 * the general path) is how the benchmark's grid was compared; not run by default. */
static void
test_study_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_file (g_getenv ("PS_TEST_FAST_STUDY"), &error);
  PsBeamFastCounts c;
  g_autofree PsBeamSummary *f = NULL, *g = NULL;

  g_assert_no_error (error);
  f = run (study, PS_BEAM_FAST_ALL, 1024, PS_ROWS_NONE, &c);
  g_test_message ("passing: %" G_GUINT64_FORMAT "; groups: general %" G_GUINT64_FORMAT
                  ", proportional %" G_GUINT64_FORMAT ", threshold %" G_GUINT64_FORMAT
                  " (%" G_GUINT64_FORMAT " items, %" G_GUINT64_FORMAT " evaluations)",
                  f->passing, c.general, c.proportional, c.threshold, c.threshold_items,
                  c.threshold_evaluations);
  g = run (study, PS_BEAM_FAST_OFF, 1024, PS_ROWS_NONE, &c);
  assert_same_summary (f, g);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/beam-fast/en-steel-increasing", test_en_steel_increasing);
  g_test_add_func ("/engine/beam-fast/en-steel-decreasing", test_en_steel_decreasing);
  g_test_add_func ("/engine/beam-fast/map-off-axis", test_map_off_axis);
  g_test_add_func ("/engine/beam-fast/affine-crossings", test_affine_crossings);
  g_test_add_func ("/engine/beam-fast/cantilever-point", test_cantilever_point);
  g_test_add_func ("/engine/beam-fast/fixed-aisc-lrfd", test_fixed_aisc_lrfd);
  g_test_add_func ("/engine/beam-fast/propped-partial-aisc-asd", test_propped_partial_aisc_asd);
  g_test_add_func ("/engine/beam-fast/end-moment", test_end_moment);
  g_test_add_func ("/engine/beam-fast/point-position", test_point_position);
  g_test_add_func ("/engine/beam-fast/timber", test_timber);
  g_test_add_func ("/engine/beam-fast/concrete", test_concrete);
  g_test_add_func ("/engine/beam-fast/aluminium", test_aluminium);
  g_test_add_func ("/engine/beam-fast/not-fast", test_not_fast);
  g_test_add_func ("/engine/beam-fast/group-by-load", test_group_by_load);
  g_test_add_func ("/engine/beam-fast/ipe300-shear", test_ipe300_shear);
  if (g_getenv ("PS_TEST_FAST_STUDY") != NULL)
    g_test_add_func ("/engine/beam-fast/study-file", test_study_file);
  return g_test_run ();
}
