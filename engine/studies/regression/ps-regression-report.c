/* ps-regression-report.c: the regression study's sections of the calculation
 * report: the specimens and the fit (inputs); the ISO 6892-1 results table, the
 * statistics and the EN 1990 Annex D derivation of the characteristic values
 * (results). */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/regression/ps-regression.h"
#include "study/ps-study-private.h"

/* Specimens in the report's table of results; results.csv has every one. */
#define REPORT_MAX_SPECIMENS 200

void
ps_regression_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsRegressionModel *m = study->model;
  PsReportTable t;

  ps_report_heading (w, 2, _ ("Specimens and fit"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Source"),
                       m->source == PS_REG_SOURCE_SYNTHETIC ? _ ("synthetic (seeded generator)")
                       : m->source == PS_REG_SOURCE_FOLDER  ? _ ("a folder of CSV files")
                                                            : _ ("one CSV file"));
  if (m->path != NULL)
    ps_report_table_row (&t, _ ("Path"), m->path);
  ps_report_table_row_take (&t, _ ("Specimens"), ps_report_format_count (study->n_items));
  if (m->force_input)
    {
      ps_report_table_row_take (&t, _ ("Original cross-section S0"),
                                g_strdup_printf ("%.5g mm²", m->area * 1e6));
      ps_report_table_row_take (&t, _ ("Gauge length L0"),
                                g_strdup_printf ("%.5g mm", m->gauge_length * 1e3));
    }
  ps_report_table_row (&t, _ ("Elastic window"),
                       m->window == PS_REG_WINDOW_STRAIN ? _ ("by strain")
                       : m->window == PS_REG_WINDOW_STRESS
                           ? _ ("by stress (fractions of the maximum)")
                           : _ ("automatic (most linear)"));
  if (m->window != PS_REG_WINDOW_AUTO)
    {
      /* Strains, or fractions of the maximum stress: both as engineers write them, in
       * per cent. */
      g_autofree char *from = ps_report_format_in (m->from, "%");
      g_autofree char *to = ps_report_format_in (m->to, "%");

      ps_report_table_row_take (&t, _ ("Window"), g_strdup_printf ("%s … %s", from, to));
    }
  ps_report_table_row_take (&t, _ ("Offset"), ps_report_format_in (m->offset, "%"));
  ps_report_table_row_take (&t, _ ("Characteristic fractile"),
                            ps_report_format_decimal (m->fractile, 6));
  ps_report_table_row (&t, _ ("Coefficient of variation V_X"),
                       m->annex.vx == PS_ANNEX_D_VX_UNKNOWN ? _ ("unknown (from the specimens)")
                       : m->annex.vx == PS_ANNEX_D_VX_KNOWN_SAMPLE
                           ? _ ("known (taken as the specimens')")
                           : _ ("known (given)"));
  if (m->annex.vx == PS_ANNEX_D_VX_KNOWN_VALUE)
    ps_report_table_row_take (&t, _ ("V_X given"), g_strdup_printf ("%g", m->annex.vx_value));
  ps_report_table_row (&t, _ ("Design values (EN 1990 Table D2)"),
                       m->annex.design ? _ ("yes") : _ ("no"));
  if (m->iso)
    {
      const PsIsoParams *p = &m->iso_params;
      g_autoptr (GString) offsets = g_string_new (NULL);

      for (int k = 0; k < p->n_offsets; k++)
        g_string_append_printf (offsets, "%s%g %%", k > 0 ? ", " : "", 100 * p->offsets[k]);
      ps_report_table_row (&t, _ ("Modulus (ISO 6892-1 analysis)"),
                           ps_iso6892_modulus_name (p->modulus));
      ps_report_table_row (&t, _ ("Proof strength offsets"), offsets->str);
      ps_report_table_row_take (&t, _ ("Total extension of Rt"),
                                g_strdup_printf ("%g %%", 100 * p->rt_total));
      ps_report_table_row_take (
          &t, _ ("Upper yield point"),
          g_strdup_printf (_ ("a fall of %g %% of the force, no higher force over %g %% strain"),
                           100 * p->yield_drop, 100 * p->yield_hold));
      ps_report_table_row_take (
          &t, _ ("Fracture"),
          g_strdup_printf (_ ("a fall of %g %% of the highest of the %d points before"),
                           100 * p->fracture_drop, p->fracture_points));
      ps_report_table_row (&t, _ ("Toe compensation"), p->toe_compensation ? _ ("yes") : _ ("no"));
    }
  ps_report_table_write (w, &t, NULL, NULL);
  ps_report_para (
      w,
      _ ("Young's modulus E and the intercept σ₀ from a least-squares line over the "
         "elastic window; the offset yield strength is the first crossing of the curve "
         "with σ = E(ε − offset) + σ₀ (EN ISO 6892-1, Rp0.2). Characteristic values: EN "
         "1990:2002 Annex D, D7.2, normal or lognormal."),
      FALSE);
  if (m->iso)
    ps_report_para (
        w,
        _ ("ISO 6892-1 analysis: proof strengths Rp where the curve falls below the line of the "
           "modulus moved by the plastic extension; ReH, the highest force before its first "
           "fall, and ReL, the lowest force during yielding after the initial transient "
           "(3.10.2); Ae from ReH to the start of work hardening; Rm, the maximum force; Agt "
           "and Ag = Agt − Rm/E at it; At and A = At − R_f/E at fracture; Hollomon's n and K "
           "over the uniform plastic range (ISO 10275). Extensions are from the extensometer, "
           "after toe compensation."),
        FALSE);
}

/* @v times @scale with @digits significant digits and @unit (none when ""), for a
 * table cell; "—" when not determined. */
static char *
cell (double v, double scale, int digits, const char *unit)
{
  if (!isfinite (v))
    return g_strdup ("—");
  if (*unit == '\0')
    return g_strdup_printf ("%.*g", digits, v * scale);
  return g_strdup_printf ("%.*g %s", digits, v * scale, unit);
}

/* One row per specimen, as ISO 6892-1's test report gives them: S0 when the study
 * gives it, E, ReH and ReL (or the first proof strength), Rm, Ag, A, and Hollomon's n;
 * a specimen that could not be fitted with its reason. */
static void
iso_table (PsReportWriter *w, const PsRegressionModel *m, PsRunData *d)
{
  const char *const *names = ps_run_data_get_text_column (d, "specimen");
  const char *const *err = ps_run_data_get_text_column (d, "error");
  guint n = ps_run_data_get_n_rows (d), shown = MIN (n, REPORT_MAX_SPECIMENS);
  char rp_col[48], rp_name[32];
  const double *E = ps_run_data_get_column (d, "E_iso_Pa");
  const double *reh = ps_run_data_get_column (d, "ReH_Pa");
  const double *rel = ps_run_data_get_column (d, "ReL_Pa");
  const double *rp, *rm = ps_run_data_get_column (d, "Rm_Pa");
  const double *ag = ps_run_data_get_column (d, "Ag");
  const double *a = ps_run_data_get_column (d, "A");
  const double *hn = ps_run_data_get_column (d, "n");
  gboolean s0 = m->force_input;
  PsReportTable t;
  g_autofree char *rp_head = NULL;
  const char *header[10];
  guint c = 0;

  ps_iso6892_rp_name (m->iso_params.offsets[0], rp_name, sizeof rp_name);
  g_snprintf (rp_col, sizeof rp_col, "%s_Pa", rp_name);
  rp = ps_run_data_get_column (d, rp_col);
  if (names == NULL || E == NULL || rp == NULL || rm == NULL)
    {
      ps_report_para (w, _ ("results.csv is missing or lacks the ISO 6892-1 columns."), TRUE);
      return;
    }
  rp_head = g_strdup_printf ("%s (MPa)", rp_name);
  header[c++] = _ ("Specimen");
  if (s0)
    header[c++] = _ ("S0 (mm²)");
  header[c++] = _ ("E (GPa)");
  header[c++] = _ ("ReH (MPa)");
  header[c++] = _ ("ReL (MPa)");
  header[c++] = rp_head;
  header[c++] = _ ("Rm (MPa)");
  header[c++] = _ ("Ag (%)");
  header[c++] = _ ("A (%)");
  header[c++] = _ ("n");
  ps_report_table_init (&t, c);
  for (guint r = 0; r < shown; r++)
    {
      ps_report_table_add (&t, g_strdup (names[r]));
      if (s0)
        ps_report_table_add (&t, g_strdup_printf ("%.4g", m->area * 1e6));
      if (err != NULL && err[r][0] != '\0')
        {
          /* Not fitted: the reason across the row's first value cell, the rest empty. */
          ps_report_table_add (&t, g_strdup_printf (_ ("not fitted: %s"), err[r]));
          for (guint k = s0 ? 3 : 2; k < c; k++)
            ps_report_table_add (&t, g_strdup (""));
          continue;
        }
      ps_report_table_add (&t, cell (E[r], 1e-9, 4, ""));
      ps_report_table_add (&t, cell (reh != NULL ? reh[r] : NAN, 1e-6, 4, ""));
      ps_report_table_add (&t, cell (rel != NULL ? rel[r] : NAN, 1e-6, 4, ""));
      ps_report_table_add (&t, cell (rp[r], 1e-6, 4, ""));
      ps_report_table_add (&t, cell (rm[r], 1e-6, 4, ""));
      ps_report_table_add (&t, cell (ag != NULL ? ag[r] : NAN, 100, 3, ""));
      ps_report_table_add (&t, cell (a != NULL ? a[r] : NAN, 100, 3, ""));
      ps_report_table_add (&t, cell (hn != NULL ? hn[r] : NAN, 1, 3, ""));
    }
  ps_report_table_write (w, &t, header, NULL);
  if (shown < n)
    {
      g_autofree char *note = g_strdup_printf (
          _ ("The first %u of %u specimens; results.csv has every one."), shown, n);

      ps_report_para (w, note, TRUE);
    }
  ps_report_para (w,
                  _ ("ReH and ReL are given for a discontinuous yield (an upper yield point), "
                     "the proof strength otherwise; — where ISO 6892-1 leaves a quantity "
                     "undetermined (the notes column of results.csv says why)."),
                  TRUE);
}

/* How a quantity is written in the report's tables: its scale and unit. */
static void
scale_of (const char *name, const char *si_unit, double *scale, const char **unit)
{
  if (g_str_equal (si_unit, "Pa"))
    {
      gboolean modulus = g_str_equal (name, "E") || g_str_equal (name, "E_window");

      *scale = modulus ? 1e-9 : 1e-6;
      *unit = modulus ? "GPa" : "MPa";
    }
  else if (g_str_equal (name, "n") || g_str_equal (name, "RO_n"))
    *scale = 1, *unit = "";
  else
    *scale = 100, *unit = "%";
}

typedef struct
{
  const char *label; /* as the tables name it */
  const char *name;  /* for its display: "E", "Rp0.2", ... */
  JsonObject *q;     /* its statistics in summary.json */
} Quantity;

/* The quantities with statistics: the window fit's E, offset yield and ultimate
 * strength, or the ISO 6892-1 analysis's. */
static GArray *
quantities_of (JsonObject *s, char *rp_name)
{
  JsonObject *iso = ps_summary_get_object (ps_summary_get_object (s, "iso6892"), "quantities");
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Quantity));

  if (iso != NULL)
    {
      g_autoptr (GList) members = json_object_get_members (iso);

      for (GList *l = members; l != NULL; l = l->next)
        {
          Quantity q = { l->data, l->data, ps_summary_get_object (iso, l->data) };

          if (ps_summary_get_count (q.q, "n") > 0)
            g_array_append_val (out, q);
        }
      return out;
    }
  {
    Quantity q[3] = { { "E", "E", ps_summary_get_object (s, "E") },
                      { rp_name, rp_name, ps_summary_get_object (s, "yield") },
                      { "Rm", "Rm", ps_summary_get_object (s, "ultimate") } };

    for (guint k = 0; k < 3; k++)
      if (ps_summary_get_count (q[k].q, "n") > 0)
        g_array_append_val (out, q[k]);
  }
  return out;
}

static void
statistics_table (PsReportWriter *w, GArray *qs)
{
  const char *header[] = { _ ("Quantity"), _ ("n"),   _ ("Mean"), _ ("Standard deviation"),
                           _ ("CoV"),      _ ("Min"), _ ("Max") };
  PsReportTable t;

  ps_report_table_init (&t, G_N_ELEMENTS (header));
  for (guint i = 0; i < qs->len; i++)
    {
      const Quantity *q = &g_array_index (qs, Quantity, i);
      double scale;
      const char *unit;

      scale_of (q->name, ps_summary_get_string (q->q, "unit"), &scale, &unit);
      ps_report_table_add (&t, g_strdup (q->label));
      ps_report_table_add (
          &t, g_strdup_printf ("%llu", (unsigned long long)ps_summary_get_count (q->q, "n")));
      ps_report_table_add (&t, cell (ps_summary_get_number (q->q, "mean"), scale, 4, unit));
      ps_report_table_add (&t, cell (ps_summary_get_number (q->q, "sd"), scale, 4, unit));
      ps_report_table_add (&t, cell (ps_summary_get_number (q->q, "cov"), 1, 3, ""));
      ps_report_table_add (&t, cell (ps_summary_get_number (q->q, "min"), scale, 4, unit));
      ps_report_table_add (&t, cell (ps_summary_get_number (q->q, "max"), scale, 4, unit));
    }
  ps_report_table_write (w, &t, header, NULL);
}

/* EN 1990 Annex D, what a checker reads: the formulas, then per quantity n, the mean
 * and V_X, k_n and where it comes from, and the normal and lognormal values worked
 * out with the numbers; the design values of D7.3 when asked for. */
static void
annex_d_section (PsReportWriter *w, const PsRegressionModel *m, GArray *qs)
{
  gboolean known = m->annex.vx != PS_ANNEX_D_VX_UNKNOWN;
  g_autofree char *intro = g_strdup_printf (
      _ ("EN 1990:2002 Annex D, D7.2, fractile p = %g, V_X %s. Normal: X_k = m_X (1 − k_n V_X). "
         "Lognormal: X_k = exp(m_Y − k_n s_Y) with Y = ln X%s. k_n is Table D1's value at its "
         "sizes of the 5 %% fractile; between them, and for another fractile, it is the "
         "prediction-interval factor the table is computed from, %s."),
      m->annex.fractile, known ? _ ("known") : _ ("unknown"),
      known ? _ (" and s_Y = √ln(V_X² + 1)") : "",
      known ? "u₁₋ₚ √(1 + 1/n)" : "t₍ₙ₋₁; ₁₋ₚ₎ √(1 + 1/n)");
  const char *header[] = { _ ("Quantity"), _ ("n"),
                           _ ("m_X"),      _ ("V_X"),
                           _ ("k_n"),      _ ("X_k (normal)"),
                           _ ("m_Y, s_Y"), _ ("X_k (lognormal)") };
  PsReportTable t;

  ps_report_heading (w, 2, _ ("Characteristic values (EN 1990 Annex D)"));
  ps_report_para (w, intro, FALSE);
  ps_report_table_init (&t, G_N_ELEMENTS (header));
  for (guint i = 0; i < qs->len; i++)
    {
      const Quantity *q = &g_array_index (qs, Quantity, i);
      JsonObject *c = ps_summary_get_object (q->q, "characteristic");
      double scale, mean = ps_summary_get_number (q->q, "mean");
      double vx = ps_summary_get_number (q->q, "V_X"), k = ps_summary_get_number (c, "k_n");
      double kn = ps_summary_get_number (c, "normal"), kl = ps_summary_get_number (c, "lognormal");
      double my = ps_summary_get_number (q->q, "ln_mean"),
             sy = ps_summary_get_number (q->q, "ln_sd");
      const char *unit;
      gboolean tab = g_str_equal (ps_summary_get_string (c, "k_source"), "EN 1990 Annex D table");

      scale_of (q->name, ps_summary_get_string (q->q, "unit"), &scale, &unit);
      ps_report_table_add (&t, g_strdup (q->label));
      ps_report_table_add (
          &t, g_strdup_printf ("%llu", (unsigned long long)ps_summary_get_count (q->q, "n")));
      ps_report_table_add (&t, cell (mean, scale, 4, unit));
      ps_report_table_add (&t, (isfinite (vx) ? g_strdup_printf ("%.4f", vx) : g_strdup ("—")));
      ps_report_table_add (
          &t, isfinite (k) ? g_strdup_printf (tab ? _ ("%.3f (Table D1)") : _ ("%.3f (formula)"), k)
                           : g_strdup ("—"));
      if (isfinite (kn))
        {
          g_autofree char *v = cell (kn, scale, 4, unit);
          g_autofree char *mm = cell (mean, scale, 5, "");

          ps_report_table_add (&t, g_strdup_printf ("%s × (1 − %.3f × %.4f) = %s", mm, k, vx, v));
        }
      else
        ps_report_table_add (&t, g_strdup (ps_summary_get_string (c, "reason")));
      ps_report_table_add (&t, isfinite (my) && isfinite (sy)
                                   ? g_strdup_printf ("%.5f, %.5f", my, sy)
                                   : g_strdup ("—"));
      ps_report_table_add (&t, cell (kl, scale, 4, unit));
    }
  ps_report_table_write (w, &t, header, NULL);
  if (!m->annex.design)
    return;
  {
    g_autofree char *text = g_strdup_printf (
        _ ("Design values, EN 1990:2002 Annex D, D7.3: X_d = η_d m_X (1 − k_d,n V_X) (normal), "
           "η_d exp(m_Y − k_d,n s_Y) (lognormal), with η_d = %g and k_d,n from Table D2 (the "
           "0.1 %% fractile's factor between its sizes). No γ_M is applied: Table D2 gives the "
           "design value itself."),
        m->annex.eta_d);
    const char *dheader[]
        = { _ ("Quantity"), _ ("k_d,n"), _ ("X_d (normal)"), _ ("X_d (lognormal)") };

    ps_report_para (w, text, FALSE);
    ps_report_table_init (&t, G_N_ELEMENTS (dheader));
    for (guint i = 0; i < qs->len; i++)
      {
        const Quantity *q = &g_array_index (qs, Quantity, i);
        JsonObject *d = ps_summary_get_object (q->q, "design");
        double scale;
        const char *unit;

        scale_of (q->name, ps_summary_get_string (q->q, "unit"), &scale, &unit);
        ps_report_table_add (&t, g_strdup (q->label));
        ps_report_table_add (&t, cell (ps_summary_get_number (d, "k_dn"), 1, 4, ""));
        if (isfinite (ps_summary_get_number (d, "normal")))
          ps_report_table_add (&t, cell (ps_summary_get_number (d, "normal"), scale, 4, unit));
        else
          ps_report_table_add (&t, g_strdup (ps_summary_get_string (d, "reason")));
        ps_report_table_add (&t, cell (ps_summary_get_number (d, "lognormal"), scale, 4, unit));
      }
    ps_report_table_write (w, &t, dheader, NULL);
  }
}

void
ps_regression_report_results (PsReportWriter *w, const PsStudy *study, PsRunData *d)
{
  const PsRegressionModel *m = study->model;
  JsonObject *s = ps_run_data_get_summary (d);
  char rp_name[32];
  g_autoptr (GArray) qs = NULL;

  ps_iso6892_rp_name (m->offset, rp_name, sizeof rp_name);
  qs = quantities_of (s, rp_name);
  if (m->iso)
    {
      ps_report_heading (w, 2, _ ("Tensile test results (ISO 6892-1)"));
      iso_table (w, m, d);
    }
  ps_report_heading (w, 2, _ ("Statistics of the specimens"));
  statistics_table (w, qs);
  annex_d_section (w, m, qs);
  if (m->iso)
    {
      static const char *const hist[] = { "Rm", "A" };
      char first[32];

      /* The proof strength, Rm and A over the specimens. */
      ps_iso6892_rp_name (m->iso_params.offsets[0], first, sizeof first);
      {
        PsPlotParams params = { NULL, first, NULL, NULL, NULL };

        ps_report_run_chart (w, d, "histogram", &params, NULL);
      }
      for (guint k = 0; k < G_N_ELEMENTS (hist); k++)
        {
          PsPlotParams params = { NULL, hist[k], NULL, NULL, NULL };

          ps_report_run_chart (w, d, "histogram", &params, NULL);
        }
    }
}
