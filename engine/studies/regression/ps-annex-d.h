/* ps-annex-d.h: characteristic and design values from test results, EN 1990:2002
 * Annex D (D7.2, D7.3), for the regression study's quantities (E, Rp0.2, Rm, ...).
 *
 * From n results with mean m_X and standard deviation s_X (and m_Y, s_Y of Y = ln X):
 *   normal     X_k = m_X (1 - k_n V_X),  V_X = s_X / m_X or the known value  (D7.2)
 *   lognormal  X_k = exp (m_Y - k_n s_Y), or with V_X known
 *              exp (m_Y - k_n sigma_Y), sigma_Y = sqrt (ln (V_X^2 + 1))     (D7.2)
 *   design     X_d = eta_d m_X (1 - k_d,n V_X), eta_d exp (m_Y - k_d,n s_Y) (D7.3)
 * k_n is EN 1990 Table D1's value at the tabulated sizes of the 5 % fractile; between
 * them and for any other fractile p it is the prediction-interval factor the tables
 * are built on, u_(1-p) sqrt (1 + 1/n) with V_X known and t_(n-1; 1-p) sqrt (1 + 1/n)
 * with V_X unknown (Student's t with n - 1 degrees of freedom). k_d,n is Table D2's
 * at its tabulated sizes and the same factor for p = 0.001 between them (Table D2's
 * finite-n entries; its n = infinity entry is 3.04 = 0.8 x 3.8).
 *
 * With V_X unknown Table D1 starts at n = 3 and Table D2 at n = 4: below, there is no
 * value and the result says why.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  PS_ANNEX_D_VX_UNKNOWN,      /* V_X from the sample, k_n of the "V_X unknown" row */
  PS_ANNEX_D_VX_KNOWN_SAMPLE, /* V_X known a priori and equal to the sample's */
  PS_ANNEX_D_VX_KNOWN_VALUE,  /* V_X known a priori: the given value */
} PsAnnexDVx;

typedef struct
{
  double fractile;    /* p of the characteristic value: 0.05 (Table D1) or any in (0, 0.5) */
  int vx;             /* PsAnnexDVx */
  double vx_value;    /* PS_ANNEX_D_VX_KNOWN_VALUE */
  gboolean lognormal; /* the headline value's distribution (both are computed) */
  gboolean design;    /* also the design values of D7.3 (Table D2) */
  double eta_d;       /* the conversion factor of D.2 (default 1: left to the user) */
} PsAnnexDOptions;

typedef struct
{
  gboolean ok;              /* the value is computed; else reason says why */
  double k;                 /* the factor used (k_n or k_d,n) */
  gboolean tabulated;       /* k is the table's entry */
  double normal, lognormal; /* the values; NAN where not computed */
  char *reason;             /* newly allocated, or NULL */
} PsAnnexDValue;

typedef struct
{
  guint64 n;
  double mean, sd, vx;          /* of X; vx is the V_X used */
  PsAnnexDValue characteristic; /* D7.2 */
  PsAnnexDValue design;         /* D7.3, when asked for */
} PsAnnexDResult;

/* Defaults: the 5 % fractile, V_X unknown, normal, no design value, eta_d = 1. */
void ps_annex_d_options_init (PsAnnexDOptions *o);

/* Reads the study's "characteristic" object: "fractile" (0 < p < 0.5), "distribution"
 * ("normal" | "lognormal"), "vx_known" (true, false or a value of V_X), "design"
 * (true | false), "eta_d" (> 0). Errors name "characteristic.<key>". */
gboolean ps_annex_d_parse (JsonObject *c, PsAnnexDOptions *o, GError **error);

/* k_n of EN 1990 Table D1 (p = 0.05 at n = 1, 2, 3, 4, 5, 6, 8, 10, 20, 30) or of the
 * prediction-interval formula otherwise; @tabulated (may be NULL) says which. NAN when
 * V_X is unknown and n < 3. n = 0 means infinity. */
double ps_annex_d_k_n (guint64 n, double p, gboolean vx_known, gboolean *tabulated);

/* k_d,n of EN 1990 Table D2 (the ULS design value), or the formula for p = 0.001
 * between its sizes; NAN when V_X is unknown and n < 4. n = 0 means infinity. */
double ps_annex_d_k_dn (guint64 n, gboolean vx_known, gboolean *tabulated);

/* The characteristic (and design) values of n results with mean and sd of X and of
 * ln X (ln_mean, ln_sd NAN when some result is not positive: no lognormal values).
 * Free with ps_annex_d_result_clear (). */
void ps_annex_d_compute (guint64 n, double mean, double sd, double ln_mean, double ln_sd,
                         const PsAnnexDOptions *o, PsAnnexDResult *r);

void ps_annex_d_result_clear (PsAnnexDResult *r);

/* Adds the members of @r to the object being built: "n", "mean", "sd", "V_X",
 * "characteristic" {"fractile", "vx", "k_n", "k_source", "normal", "lognormal",
 * "value", "distribution", "reason" (when not computed)} and, when asked for, "design"
 * {"eta_d", "k_dn", "k_source", "normal", "lognormal", "value", "distribution",
 * "reason", "convention"}. */
void ps_annex_d_to_json (JsonBuilder *b, const PsAnnexDOptions *o, const PsAnnexDResult *r);

G_END_DECLS
