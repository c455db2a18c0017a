#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "ps-annex-d.h"
#include "study/ps-json.h"

/* EN 1990:2002, Annex D, Table D1 (values of k_n for the 5 % characteristic value) and
 * Table D2 (values of k_d,n for the ULS design value); n = 0 stands for infinity.
 * NAN where the tables have no entry ("-"). */
static const guint64 table_n[] = { 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 0 };
static const double d1_known[]
    = { 2.31, 2.01, 1.89, 1.83, 1.80, 1.77, 1.74, 1.72, 1.68, 1.67, 1.64 };
static const double d1_unknown[]
    = { NAN, NAN, 3.37, 2.63, 2.33, 2.18, 2.00, 1.92, 1.76, 1.73, 1.64 };
static const double d2_known[]
    = { 4.36, 3.77, 3.56, 3.44, 3.37, 3.33, 3.27, 3.23, 3.16, 3.13, 3.04 };
static const double d2_unknown[]
    = { NAN, NAN, NAN, 11.40, 7.85, 6.36, 5.07, 4.51, 3.64, 3.44, 3.04 };

/* The fractile of Table D2's finite-n entries: they are the prediction-interval factors
 * of p = 0.001 (u = 3.09; e.g. t_(3; 0.999) sqrt (5/4) = 11.42 for 11.40 at n = 4). */
#define D2_FRACTILE 0.001

void
ps_annex_d_options_init (PsAnnexDOptions *o)
{
  o->fractile = 0.05;
  o->vx = PS_ANNEX_D_VX_UNKNOWN;
  o->vx_value = NAN;
  o->lognormal = FALSE;
  o->design = FALSE;
  o->eta_d = 1.0;
}

static int
table_index (guint64 n)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_n); i++)
    if (table_n[i] == n)
      return (int)i;
  return -1;
}

/* The prediction-interval factor the Tables D1 and D2 are computed from (the Bayesian
 * prediction with vague prior of Gulvanessian, Calgaro and Holicky, Designers' Guide to
 * EN 1990, Thomas Telford 2002, on Annex D): u_(1-p) sqrt (1 + 1/n) with V_X known,
 * t_(n-1; 1-p) sqrt (1 + 1/n) with V_X unknown. Table D1 rounds these (3.37 at n = 3:
 * t_(2; 0.95) = 2.920, times sqrt (4/3)). */
static double
prediction_factor (guint64 n, double p, gboolean vx_known)
{
  double root = n == 0 ? 1.0 : sqrt (1.0 + 1.0 / (double)n);

  if (vx_known || n == 0)
    return gsl_cdf_ugaussian_Qinv (p) * root;
  return gsl_cdf_tdist_Qinv (p, (double)(n - 1)) * root;
}

double
ps_annex_d_k_n (guint64 n, double p, gboolean vx_known, gboolean *tabulated)
{
  int i = table_index (n);

  if (tabulated != NULL)
    *tabulated = FALSE;
  if (!vx_known && n != 0 && n < 3)
    return NAN;
  if (i >= 0 && fabs (p - 0.05) < 1e-12)
    {
      if (tabulated != NULL)
        *tabulated = TRUE;
      return vx_known ? d1_known[i] : d1_unknown[i];
    }
  return prediction_factor (n, p, vx_known);
}

double
ps_annex_d_k_dn (guint64 n, gboolean vx_known, gboolean *tabulated)
{
  int i = table_index (n);

  if (tabulated != NULL)
    *tabulated = FALSE;
  if (!vx_known && n != 0 && n < 4)
    return NAN;
  if (i >= 0)
    {
      if (tabulated != NULL)
        *tabulated = TRUE;
      return vx_known ? d2_known[i] : d2_unknown[i];
    }
  return prediction_factor (n, D2_FRACTILE, vx_known);
}

gboolean
ps_annex_d_parse (JsonObject *c, PsAnnexDOptions *o, GError **error)
{
  static const char *const keys[]
      = { "fractile", "distribution", "vx_known", "design", "eta_d", NULL };
  const char *dist = NULL;
  JsonNode *vx;

  if (c == NULL)
    return TRUE;
  if (!ps_json_check_keys (c, "characteristic", keys, error)
      || !ps_json_get_quantity (c, "characteristic", "fractile", FALSE, PS_QTY_DIMENSIONLESS,
                                PS_CHECK_POSITIVE, &o->fractile, error)
      || !ps_json_get_string (c, "characteristic", "distribution", FALSE, &dist, error)
      || !ps_json_get_bool (c, "characteristic", "design", FALSE, &o->design, error)
      || !ps_json_get_quantity (c, "characteristic", "eta_d", FALSE, PS_QTY_DIMENSIONLESS,
                                PS_CHECK_POSITIVE, &o->eta_d, error))
    return FALSE;
  if (!(o->fractile < 0.5))
    {
      ps_json_set_error (error, "characteristic.fractile",
                         _ ("a lower fractile is below 0.5 (0.05 for EN 1990 Table D1), got %g"),
                         o->fractile);
      return FALSE;
    }
  if (dist != NULL && !g_str_equal (dist, "normal") && !g_str_equal (dist, "lognormal"))
    {
      ps_json_set_error (error, "characteristic.distribution",
                         _ ("expected \"normal\" or \"lognormal\", got \"%s\""), dist);
      return FALSE;
    }
  o->lognormal = dist != NULL && g_str_equal (dist, "lognormal");
  vx = json_object_get_member (c, "vx_known");
  if (vx != NULL && JSON_NODE_HOLDS_VALUE (vx) && json_node_get_value_type (vx) == G_TYPE_BOOLEAN)
    o->vx = json_node_get_boolean (vx) ? PS_ANNEX_D_VX_KNOWN_SAMPLE : PS_ANNEX_D_VX_UNKNOWN;
  else if (vx != NULL && !JSON_NODE_HOLDS_NULL (vx))
    {
      if (!ps_json_node_quantity (vx, "characteristic.vx_known", PS_QTY_DIMENSIONLESS,
                                  PS_CHECK_POSITIVE, &o->vx_value, NULL)
          || !(o->vx_value < 1))
        {
          ps_json_set_error (error, "characteristic.vx_known",
                             _ ("expected true, false or the known coefficient of variation "
                                "V_X (0 < V_X < 1, e.g. 0.05)"));
          return FALSE;
        }
      o->vx = PS_ANNEX_D_VX_KNOWN_VALUE;
    }
  return TRUE;
}

static char *
no_value_reason (guint64 n, gboolean design)
{
  return g_strdup_printf ("not computed: EN 1990 Annex D Table %s (V_X unknown) gives %s from "
                          "n = %d, and there %s %" G_GUINT64_FORMAT " value%s; with V_X known "
                          "from earlier tests give characteristic.vx_known",
                          design ? "D2" : "D1", design ? "k_d,n" : "k_n", design ? 4 : 3,
                          n == 1 ? "is" : "are", n, n == 1 ? "" : "s");
}

static void
one_value (guint64 n, double mean, double vx, double ln_mean, double ln_sd, gboolean known,
           double k, double scale, PsAnnexDValue *v)
{
  v->k = k;
  v->normal = v->lognormal = NAN;
  if (!isfinite (k))
    return;
  v->ok = TRUE;
  v->normal = scale * mean * (1.0 - k * vx);
  if (isfinite (ln_mean))
    {
      /* D7.2: with V_X known, sigma_Y = sqrt (ln (V_X^2 + 1)); else s_Y of the logs. */
      double sy = known ? sqrt (log1p (vx * vx)) : ln_sd;

      v->lognormal = scale * exp (ln_mean - k * sy);
    }
}

void
ps_annex_d_compute (guint64 n, double mean, double sd, double ln_mean, double ln_sd,
                    const PsAnnexDOptions *o, PsAnnexDResult *r)
{
  gboolean known = o->vx != PS_ANNEX_D_VX_UNKNOWN;

  memset (r, 0, sizeof *r);
  r->n = n;
  r->mean = mean;
  r->sd = sd;
  r->vx = o->vx == PS_ANNEX_D_VX_KNOWN_VALUE ? o->vx_value : sd / mean;
  r->characteristic.normal = r->characteristic.lognormal = NAN;
  r->design.normal = r->design.lognormal = r->design.k = NAN;
  if (n == 0)
    {
      r->characteristic.k = NAN;
      r->characteristic.reason = g_strdup ("not computed: no values");
      r->design.reason = o->design ? g_strdup ("not computed: no values") : NULL;
      return;
    }
  if (n == 1 && o->vx == PS_ANNEX_D_VX_KNOWN_SAMPLE)
    {
      r->characteristic.k = NAN;
      r->characteristic.reason = g_strdup ("not computed: one value has no sample V_X; give "
                                           "characteristic.vx_known as a value");
      r->design.reason = o->design ? g_strdup (r->characteristic.reason) : NULL;
      return;
    }
  one_value (n, mean, r->vx, ln_mean, ln_sd, known,
             ps_annex_d_k_n (n, o->fractile, known, &r->characteristic.tabulated), 1.0,
             &r->characteristic);
  if (!r->characteristic.ok)
    r->characteristic.reason = no_value_reason (n, FALSE);
  if (o->design)
    {
      one_value (n, mean, r->vx, ln_mean, ln_sd, known,
                 ps_annex_d_k_dn (n, known, &r->design.tabulated), o->eta_d, &r->design);
      if (!r->design.ok)
        r->design.reason = no_value_reason (n, TRUE);
    }
}

void
ps_annex_d_result_clear (PsAnnexDResult *r)
{
  g_clear_pointer (&r->characteristic.reason, g_free);
  g_clear_pointer (&r->design.reason, g_free);
}

static const char *
vx_name (int vx)
{
  return vx == PS_ANNEX_D_VX_UNKNOWN        ? "unknown"
         : vx == PS_ANNEX_D_VX_KNOWN_SAMPLE ? "known (the sample's)"
                                            : "known (given)";
}

static void
value_members (JsonBuilder *b, const char *kname, const PsAnnexDValue *v, gboolean lognormal)
{
  ps_json_add_number (b, kname, v->k);
  json_builder_set_member_name (b, "k_source");
  json_builder_add_string_value (b, v->tabulated      ? "EN 1990 Annex D table"
                                    : isfinite (v->k) ? "prediction-interval formula"
                                                      : "none");
  ps_json_add_number (b, "normal", v->normal);
  ps_json_add_number (b, "lognormal", v->lognormal);
  ps_json_add_number (b, "value", lognormal ? v->lognormal : v->normal);
  json_builder_set_member_name (b, "distribution");
  json_builder_add_string_value (b, lognormal ? "lognormal" : "normal");
  if (v->reason != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, v->reason);
    }
}

void
ps_annex_d_to_json (JsonBuilder *b, const PsAnnexDOptions *o, const PsAnnexDResult *r)
{
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64)r->n);
  ps_json_add_number (b, "mean", r->mean);
  ps_json_add_number (b, "sd", r->sd);
  ps_json_add_number (b, "V_X", r->vx);
  json_builder_set_member_name (b, "characteristic");
  json_builder_begin_object (b);
  ps_json_add_number (b, "fractile", o->fractile);
  json_builder_set_member_name (b, "vx");
  json_builder_add_string_value (b, vx_name (o->vx));
  value_members (b, "k_n", &r->characteristic, o->lognormal);
  json_builder_end_object (b);
  if (o->design)
    {
      char eta[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *convention = NULL;

      g_ascii_formatd (eta, sizeof eta, "%g", o->eta_d);
      convention = g_strdup_printf (
          "EN 1990 Annex D, D7.3: X_d = eta_d m_X (1 - k_d,n V_X), or eta_d exp(m_Y - k_d,n "
          "s_Y) for the lognormal, with eta_d = %s (the conversion factor, 1 unless the study "
          "gives characteristic.eta_d) and no gamma_M: Table D2 gives the design value "
          "directly (through D7.2 it would be eta_d X_k / gamma_M)",
          eta);
      json_builder_set_member_name (b, "design");
      json_builder_begin_object (b);
      ps_json_add_number (b, "eta_d", o->eta_d);
      value_members (b, "k_dn", &r->design, o->lognormal);
      json_builder_set_member_name (b, "convention");
      json_builder_add_string_value (b, convention);
      json_builder_end_object (b);
    }
}
