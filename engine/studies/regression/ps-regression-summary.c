/* ps-regression-summary.c: the regression study's summary rows, read from its
 * summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/regression/ps-regression.h"

/* How a quantity is shown: E in GPa, other stresses in MPa, extensions in per cent,
 * exponents as they are. */
typedef struct
{
  double scale;
  const char *unit;    /* as shown */
  const char *si_unit; /* of the values in summary.json */
} Display;

static Display
display_of (const char *name, const char *si_unit)
{
  if (g_str_equal (si_unit, "Pa"))
    return (Display){ name[0] == 'E' && name[1] == '\0' ? 1e-9 : 1e-6,
                      name[0] == 'E' && name[1] == '\0' ? "GPa" : "MPa", "Pa" };
  /* Hollomon's and Ramberg-Osgood's exponents; every other ratio is an extension. */
  if (g_str_equal (name, "n") || g_str_equal (name, "RO_n"))
    return (Display){ 1.0, "", "" };
  return (Display){ 100.0, "%", "" };
}

/* @v as shown, with its unit: "202.7 GPa", "15.2 %"; "—" when not finite. */
static char *
format_value (double v, const Display *d)
{
  if (!isfinite (v))
    return g_strdup ("—");
  if (*d->unit == '\0')
    return g_strdup_printf ("%.4g", v * d->scale);
  return g_strdup_printf ("%.4g %s", v * d->scale, d->unit);
}

/* Whether the characteristic values are the default ones, 5 % with V_X unknown, whose
 * terminal lines are pinned by the tests as they were before the other options. */
static gboolean
default_characteristic (JsonObject *c)
{
  return fabs (ps_summary_get_number (c, "fractile") - 0.05) < 1e-12
         && g_str_equal (ps_summary_get_string (c, "vx"), "unknown");
}

/* The terminal's text of one quantity's statistics (summary.json's object @q) in
 * @unit after multiplying by @scale. */
static char *
terminal_stat_text (JsonObject *q, double scale, const char *unit)
{
  JsonObject *c = ps_summary_get_object (q, "characteristic");
  JsonObject *d = ps_summary_get_object (q, "design");
  guint64 n = ps_summary_get_count (q, "n");
  double mean = ps_summary_get_number (q, "mean");
  double sd = ps_summary_get_number (q, "sd");
  double kn = ps_summary_get_number (c, "normal");
  double kl = ps_summary_get_number (c, "lognormal");
  double fractile = ps_summary_get_number (c, "fractile");
  gboolean known = !g_str_equal (ps_summary_get_string (c, "vx"), "unknown");
  g_autoptr (GString) t = g_string_new (NULL);

  /* CoV as the run computed it, sd / mean: summary.json writes null for an infinite
   * one. Fewer than 3 values have no k_n (V_X unknown): the reason is given, not
   * "nan". */
  if (default_characteristic (c) && n < 2)
    g_string_printf (t,
                     _ ("mean %.5g %s (one value); no 5 %% characteristic value: EN 1990 "
                        "Table D1 (V_X unknown) needs at least 3 values"),
                     mean * scale, unit);
  else if (default_characteristic (c) && n < 3)
    g_string_printf (t,
                     _ ("mean %.5g %s, sd %.4g, CoV %.3g; no 5 %% characteristic value: EN "
                        "1990 Table D1 (V_X unknown) needs at least 3 values, there are 2"),
                     mean * scale, unit, sd * scale, sd / mean);
  else if (default_characteristic (c) && isfinite (kl))
    g_string_printf (t,
                     _ ("mean %.5g %s, sd %.4g, CoV %.3g; 5 %% characteristic %.5g (normal), "
                        "%.5g (lognormal)"),
                     mean * scale, unit, sd * scale, sd / mean, kn * scale, kl * scale);
  else
    {
      if (n < 2)
        g_string_printf (t, _ ("mean %.5g %s (one value)"), mean * scale, unit);
      else
        g_string_printf (t, _ ("mean %.5g %s, sd %.4g, CoV %.3g"), mean * scale, unit, sd * scale,
                         sd / mean);
      if (isfinite (kn) && isfinite (kl))
        g_string_append_printf (t,
                                known ? _ ("; %g %% characteristic (V_X known) %.5g (normal), "
                                           "%.5g (lognormal)")
                                      : _ ("; %g %% characteristic %.5g (normal), %.5g "
                                           "(lognormal)"),
                                100 * fractile, kn * scale, kl * scale);
      else if (isfinite (kn))
        g_string_append_printf (t,
                                known ? _ ("; %g %% characteristic (V_X known) %.5g (normal)")
                                      : _ ("; %g %% characteristic %.5g (normal)"),
                                100 * fractile, kn * scale);
      else if (known)
        g_string_append_printf (t,
                                _ ("; no %g %% characteristic value: one value gives no V_X "
                                   "of its own (give characteristic.vx_known as a value)"),
                                100 * fractile);
      else
        g_string_append_printf (t,
                                _ ("; no %g %% characteristic value: EN 1990 Table D1 (V_X "
                                   "unknown) needs at least 3 values"),
                                100 * fractile);
    }
  /* A ratio without a unit (Hollomon's n): no blank where the unit would be. */
  if (*unit == '\0')
    {
      g_string_replace (t, " ,", ",", 1);
      g_string_replace (t, "  (", " (", 1);
    }
  if (d != NULL)
    {
      double dn = ps_summary_get_number (d, "normal");
      double dl = ps_summary_get_number (d, "lognormal");

      if (isfinite (dn) && isfinite (dl))
        g_string_append_printf (t, _ ("; design %.5g (normal), %.5g (lognormal)"), dn * scale,
                                dl * scale);
      else if (isfinite (dn))
        g_string_append_printf (t, _ ("; design %.5g (normal)"), dn * scale);
      else
        g_string_append (t, known ? _ ("; no design value: one value gives no V_X of its own")
                                  : _ ("; no design value: EN 1990 Table D2 (V_X unknown) "
                                       "needs at least 4 values"));
    }
  return g_string_free (g_steal_pointer (&t), FALSE);
}

/* The study's ISO 6892-1 quantities and whether the analysis ran. */
static JsonObject *
iso_quantities (JsonObject *s)
{
  return ps_summary_get_object (ps_summary_get_object (s, "iso6892"), "quantities");
}

typedef void (*IsoQuantityRow) (GPtrArray *rows, JsonObject *iso, const char *name, JsonObject *q,
                                const Display *d, const char *key);

/* The rows of the ISO 6892-1 analysis: what it found (terse on the terminal, fuller on
 * screen), then each quantity's by @row. */
static void
add_iso_rows (GPtrArray *rows, JsonObject *iso, JsonObject *quantities, gboolean terse,
              IsoQuantityRow row)
{
  g_autoptr (GList) members = json_object_get_members (quantities);
  const char *method = ps_summary_get_string (iso, "modulus_method");
  unsigned long long yield_point = ps_summary_get_count (iso, "specimens_with_yield_point");
  unsigned long long fracture = ps_summary_get_count (iso, "specimens_with_fracture");
  unsigned long long toe = ps_summary_get_count (iso, "specimens_toe_compensated");

  if (terse)
    ps_summary_add (rows, "iso6892", C_ ("summary", "ISO 6892-1"), PS_SUMMARY_TEXT, "",
                    g_strdup_printf (_ ("modulus %s; %llu with a yield point, %llu with fracture, "
                                        "%llu toe-compensated"),
                                     method, yield_point, fracture, toe));
  else
    ps_summary_add (rows, "iso6892", _ ("ISO 6892-1 analysis"), PS_SUMMARY_TEXT, "",
                    g_strdup_printf (_ ("modulus: %s; %llu with a yield point, %llu with "
                                        "fracture, %llu toe-compensated"),
                                     method, yield_point, fracture, toe));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *q = ps_summary_get_object (quantities, name);
      Display d = display_of (name, ps_summary_get_string (q, "unit"));
      g_autofree char *key = g_strconcat ("iso.", name, NULL);

      row (rows, iso, name, q, &d, key);
    }
}

/* A quantity on the terminal; E again only when its method is not the window fit's. */
static void
terminal_quantity (GPtrArray *rows, JsonObject *iso, const char *name, JsonObject *q,
                   const Display *d, const char *key)
{
  if (ps_summary_get_count (q, "n") == 0
      || (g_str_equal (name, "E")
          && g_str_equal (ps_summary_get_string (iso, "modulus_method"), "window")))
    return;
  ps_summary_add_values (rows, key, name, PS_SUMMARY_NUMBER, d->si_unit,
                         terminal_stat_text (q, d->scale, d->unit),
                         ps_summary_get_number (q, "mean"));
}

static void
terminal_rows (JsonObject *s, GPtrArray *rows)
{
  static const char *const names[] = { "E", "yield", "ultimate" };
  const char *labels[]
      = { C_ ("summary", "E"), C_ ("summary", "yield"), C_ ("summary", "ultimate") };
  const double scales[] = { 1e-9, 1e-6, 1e-6 };
  const char *units[] = { "GPa", "MPa", "MPa" };
  JsonObject *by_reason = ps_summary_get_object (s, "failed_by_reason");
  JsonObject *window = ps_summary_get_object (s, "window");
  JsonObject *iso = ps_summary_get_object (s, "iso6892");
  JsonObject *quantities = iso_quantities (s);
  const char *window_type = ps_summary_get_string (window, "type");
  guint64 specimens = ps_summary_get_count (s, "specimens");
  guint64 yield_none = ps_summary_get_count (s, "yield_none");
  g_autoptr (GString) failed = g_string_new (NULL);

  /* The reasons are named as in summary.json's "failed", and the window as in the
   * study file. */
  for (int r = 1; r < PS_REG_N_REASONS; r++)
    {
      guint64 n = ps_summary_get_count (by_reason, ps_regression_reason_name (r));

      if (n > 0)
        g_string_append_printf (failed, ", %" G_GUINT64_FORMAT " %s", n,
                                ps_regression_reason_name (r));
    }
  ps_summary_add_values (rows, "specimens", C_ ("summary", "specimens"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%llu (%llu fitted%s)"), (unsigned long long)specimens,
                                          (unsigned long long)ps_summary_get_count (s, "fitted"),
                                          failed->str),
                         (double)specimens);
  if (!g_str_equal (window_type, "auto"))
    ps_summary_add_values (
        rows, "window", C_ ("summary", "window"), PS_SUMMARY_RANGE, "",
        g_strdup_printf (_ ("%s %g to %g, offset %g"), window_type,
                         ps_summary_get_number (window, "from"),
                         ps_summary_get_number (window, "to"), ps_summary_get_number (s, "offset")),
        ps_summary_get_number (window, "from"), ps_summary_get_number (window, "to"));
  else
    ps_summary_add (
        rows, "window", C_ ("summary", "window"), PS_SUMMARY_TEXT, "",
        g_strdup_printf (_ ("%s, offset %g"), window_type, ps_summary_get_number (s, "offset")));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *q = ps_summary_get_object (s, names[i]);

      if (ps_summary_get_count (q, "n") == 0)
        continue;
      ps_summary_add_values (rows, names[i], labels[i], PS_SUMMARY_NUMBER, "Pa",
                             terminal_stat_text (q, scales[i], units[i]),
                             ps_summary_get_number (q, "mean"));
    }
  if (yield_none > 0)
    ps_summary_add_values (rows, "yield_none", C_ ("summary", "no offset yield"), PS_SUMMARY_COUNT,
                           "",
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu specimen",
                                                         "%llu specimens", yield_none),
                                            (unsigned long long)yield_none),
                           (double)yield_none);
  if (iso == NULL || quantities == NULL)
    return;
  /* The ISO 6892-1 analysis: what it found, then each quantity (E again only when its
   * method is not the window fit's above). */
  add_iso_rows (rows, iso, quantities, TRUE, terminal_quantity);
}

/* ---- the GUI's Summary tab ------------------------------------------------------- */

/* What summary.json's reason names mean, in words. */
static const char *
reason_words (int reason)
{
  switch (reason)
    {
    case PS_REG_ERR_READ:
      return _ ("file not readable");
    case PS_REG_ERR_HEADER:
      return _ ("columns not found");
    case PS_REG_ERR_PARSE:
      return _ ("line that is not numbers");
    case PS_REG_ERR_NON_FINITE:
      return _ ("value not finite");
    case PS_REG_ERR_TOO_FEW:
      return _ ("too few points in the elastic window");
    case PS_REG_ERR_NOT_INCREASING:
      return _ ("strain falls in the elastic window");
    case PS_REG_ERR_MODULUS:
      return _ ("modulus not positive");
    default:
      return _ ("drawn properties not positive");
    }
}

/* The quantity @name in words, for a label: "Upper yield strength ReH". */
static char *
quantity_words (const char *name)
{
  static const struct
  {
    const char *name;
    const char *words;
  } known[] = {
    { "E", N_ ("Modulus E") },
    { "ReH", N_ ("Upper yield strength ReH") },
    { "ReL", N_ ("Lower yield strength ReL") },
    { "Ae", N_ ("Yield point extension Ae") },
    { "Rm", N_ ("Tensile strength Rm") },
    { "Agt", N_ ("Total extension at maximum force Agt") },
    { "Ag", N_ ("Plastic extension at maximum force Ag") },
    { "At", N_ ("Total extension at fracture At") },
    { "A", N_ ("Elongation after fracture A") },
    { "n", N_ ("Strain-hardening exponent n") },
    { "K", N_ ("Strength coefficient K") },
    { "RO_n", N_ ("Ramberg–Osgood exponent") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (name, known[i].name))
      return g_strdup (_ (known[i].words));
  if (g_str_has_prefix (name, "Rp"))
    return g_strdup_printf (_ ("Proof strength %s"), name);
  if (g_str_has_prefix (name, "Rt"))
    return g_strdup_printf (_ ("Proof strength, total extension, %s"), name);
  return g_strdup (name);
}

/* "5 %, lognormal" or "2 %, normal, V_X known": how the characteristic value of @c
 * was taken. */
static char *
characteristic_words (JsonObject *c)
{
  gboolean known = !g_str_equal (ps_summary_get_string (c, "vx"), "unknown");
  gboolean lognormal = g_str_equal (ps_summary_get_string (c, "distribution"), "lognormal");

  return g_strdup_printf (
      known ? (lognormal ? _ ("%g %%, lognormal, V_X known") : _ ("%g %%, normal, V_X known"))
            : (lognormal ? _ ("%g %%, lognormal") : _ ("%g %%, normal")),
      100 * ps_summary_get_number (c, "fractile"));
}

/* The mean of @q (a row @key) and its characteristic value (@key_k) and, when asked
 * for, its design value (@key_d), each a row of its own. */
static void
screen_quantity (GPtrArray *rows, JsonObject *q, const char *key, const char *mean_label,
                 const char *char_label, const char *design_label, const Display *d)
{
  JsonObject *c = ps_summary_get_object (q, "characteristic");
  JsonObject *des = ps_summary_get_object (q, "design");
  guint64 n = ps_summary_get_count (q, "n");
  double mean = ps_summary_get_number (q, "mean");
  double sd = ps_summary_get_number (q, "sd");
  double value = ps_summary_get_number (c, "value");
  g_autofree char *m = format_value (mean, d);
  g_autofree char *s = format_value (sd, d);
  g_autofree char *how = characteristic_words (c);
  g_autofree char *key_k = g_strconcat (key, "_k", NULL);
  g_autofree char *label_k = g_strdup_printf ("%s (%s)", char_label, how);

  if (n == 0)
    return;
  ps_summary_add_values (rows, key, mean_label, PS_SUMMARY_NUMBER, d->si_unit,
                         n < 2 ? g_strdup_printf (_ ("%s (one specimen)"), m)
                               : g_strdup_printf (_ ("%s (sd %s, CoV %.2g %%, %llu specimens)"), m,
                                                  s, 100 * sd / mean, (unsigned long long)n),
                         mean);
  ps_summary_add_values (rows, key_k, label_k, PS_SUMMARY_NUMBER, d->si_unit,
                         isfinite (value) ? format_value (value, d)
                                          : g_strdup (_ ("— (EN 1990 Table D1 with V_X unknown "
                                                         "needs at least 3 specimens)")),
                         value);
  if (des != NULL)
    {
      g_autofree char *key_d = g_strconcat (key, "_d", NULL);
      double dv = ps_summary_get_number (des, "value");

      ps_summary_add_values (rows, key_d, design_label, PS_SUMMARY_NUMBER, d->si_unit,
                             isfinite (dv) ? format_value (dv, d)
                                           : g_strdup (_ ("— (EN 1990 Table D2 with V_X unknown "
                                                          "needs at least 4 specimens)")),
                             dv);
    }
}

static void
screen_iso_quantity (GPtrArray *rows, JsonObject *iso, const char *name, JsonObject *q,
                     const Display *d, const char *key)
{
  g_autofree char *words = quantity_words (name);
  g_autofree char *mean_label = g_strdup_printf (_ ("%s, mean"), words);
  g_autofree char *char_label = g_strdup_printf (_ ("%s, characteristic"), words);
  g_autofree char *design_label = g_strdup_printf (_ ("%s, design value"), words);

  (void)iso;
  screen_quantity (rows, q, key, mean_label, char_label, design_label, d);
}

static void
screen_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *by_reason = ps_summary_get_object (s, "failed_by_reason");
  JsonObject *window = ps_summary_get_object (s, "window");
  JsonObject *iso = ps_summary_get_object (s, "iso6892");
  JsonObject *quantities = iso_quantities (s);
  const char *window_type = ps_summary_get_string (window, "type");
  guint64 failed = ps_summary_get_count (s, "failed");
  double offset = ps_summary_get_number (s, "offset");
  const Display gpa = { 1e-9, "GPa", "Pa" }, mpa = { 1e-6, "MPa", "Pa" };
  char rp[32];
  g_autofree char *yield_label = NULL;
  g_autofree char *design_yield = NULL;

  ps_iso6892_rp_name (offset, rp, sizeof rp);
  yield_label = g_strdup_printf (_ ("Mean proof strength %s"), rp);
  design_yield = g_strdup_printf (_ ("Design value of %s (EN 1990 D7.3)"), rp);
  ps_summary_add_screen_count (rows, s, "specimens", _ ("Specimens"));
  ps_summary_add_screen_count (rows, s, "fitted", _ ("Fitted"));
  if (failed > 0)
    {
      g_autoptr (GString) why = g_string_new (NULL);

      for (int r = 1; r < PS_REG_N_REASONS; r++)
        {
          guint64 n = ps_summary_get_count (by_reason, ps_regression_reason_name (r));

          if (n > 0)
            g_string_append_printf (why, "%s%llu %s", why->len > 0 ? ", " : "",
                                    (unsigned long long)n, reason_words (r));
        }
      ps_summary_add_values (rows, "failed", _ ("Not fitted"), PS_SUMMARY_COUNT, "",
                             g_strdup_printf ("%llu (%s)", (unsigned long long)failed, why->str),
                             (double)failed);
    }
  if (g_str_equal (window_type, "strain"))
    ps_summary_add_values (
        rows, "window", _ ("Elastic window"), PS_SUMMARY_RANGE, "",
        g_strdup_printf (_ ("strain %g %% to %g %%"), 100 * ps_summary_get_number (window, "from"),
                         100 * ps_summary_get_number (window, "to")),
        ps_summary_get_number (window, "from"), ps_summary_get_number (window, "to"));
  else if (g_str_equal (window_type, "stress"))
    ps_summary_add_values (rows, "window", _ ("Elastic window"), PS_SUMMARY_RANGE, "",
                           g_strdup_printf (_ ("stress %g %% to %g %% of the maximum"),
                                            100 * ps_summary_get_number (window, "from"),
                                            100 * ps_summary_get_number (window, "to")),
                           ps_summary_get_number (window, "from"),
                           ps_summary_get_number (window, "to"));
  else
    ps_summary_add (rows, "window", _ ("Elastic window"), PS_SUMMARY_TEXT, "",
                    g_strdup (_ ("automatic (the most linear stress window)")));
  screen_quantity (rows, ps_summary_get_object (s, "E"), "E", _ ("Mean modulus E"),
                   _ ("Characteristic modulus E_k"), _ ("Design value of E (EN 1990 D7.3)"), &gpa);
  {
    double lo = ps_summary_get_number (s, "E_min"), hi = ps_summary_get_number (s, "E_max");

    if (isfinite (lo) && isfinite (hi))
      ps_summary_add_values (rows, "E_range", _ ("Range of E"), PS_SUMMARY_RANGE, "Pa",
                             g_strdup_printf ("%.4g – %.4g GPa", lo * 1e-9, hi * 1e-9), lo, hi);
  }
  screen_quantity (rows, ps_summary_get_object (s, "yield"), "yield", yield_label,
                   _ ("Characteristic yield strength f_y,k"), design_yield, &mpa);
  screen_quantity (rows, ps_summary_get_object (s, "ultimate"), "ultimate",
                   _ ("Mean tensile strength Rm"), _ ("Characteristic tensile strength R_m,k"),
                   _ ("Design value of Rm (EN 1990 D7.3)"), &mpa);
  if (ps_summary_get_count (s, "yield_none") > 0)
    ps_summary_add_values (
        rows, "yield_none", _ ("Specimens without a proof strength"), PS_SUMMARY_COUNT, "",
        g_strdup_printf ("%llu", (unsigned long long)ps_summary_get_count (s, "yield_none")),
        (double)ps_summary_get_count (s, "yield_none"));
  if (iso == NULL || quantities == NULL)
    return;
  add_iso_rows (rows, iso, quantities, FALSE, screen_iso_quantity);
}

/* ---- the report's key results ---------------------------------------------------- */

static void
report_rows (JsonObject *s, GPtrArray *rows)
{
  static const char *const q[] = { "E", "yield", "ultimate" };
  const char *labels[]
      = { _ ("Young's modulus E"), _ ("Yield strength (offset)"), _ ("Ultimate strength") };
  double specimens = ps_summary_get_number (s, "specimens");
  double fitted = ps_summary_get_number (s, "fitted");
  JsonObject *quantities = iso_quantities (s);

  ps_summary_add_values (rows, "specimens", _ ("Specimens"), PS_SUMMARY_COUNT, "",
                         ps_report_format_number (specimens, ""), specimens);
  ps_summary_add_values (rows, "fitted", _ ("Fitted"), PS_SUMMARY_COUNT, "",
                         ps_report_format_number (fitted, ""), fitted);
  for (guint k = 0; k < G_N_ELEMENTS (q); k++)
    {
      JsonObject *o = ps_summary_get_object (s, q[k]);
      JsonObject *c = ps_summary_get_object (o, "characteristic");
      g_autofree char *mean = NULL;
      g_autofree char *sd = NULL;
      g_autofree char *ch = NULL;

      if (o == NULL)
        continue;
      mean = ps_report_format_number (ps_summary_get_number (o, "mean"), "Pa");
      sd = ps_report_format_number (ps_summary_get_number (o, "sd"), "Pa");
      ch = c != NULL ? ps_report_format_number (ps_summary_get_number (c, "value"), "Pa")
                     : g_strdup ("—");
      ps_summary_add_values (
          rows, q[k], labels[k], PS_SUMMARY_NUMBER, "Pa",
          g_strdup_printf (_ ("mean %s, standard deviation %s (CoV %.3g); "
                              "characteristic (%g fractile, %s) %s"),
                           mean, sd, ps_summary_get_number (o, "cov"),
                           c != NULL ? ps_summary_get_number (c, "fractile") : NAN,
                           c != NULL ? ps_summary_get_string (c, "distribution") : "—", ch),
          ps_summary_get_number (o, "mean"));
    }
  if (quantities == NULL)
    return;
  {
    g_autoptr (GList) members = json_object_get_members (quantities);

    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *name = l->data;
        JsonObject *o = ps_summary_get_object (quantities, name);
        JsonObject *c = ps_summary_get_object (o, "characteristic");
        Display d = display_of (name, ps_summary_get_string (o, "unit"));
        g_autofree char *key = g_strconcat ("iso.", name, NULL);
        g_autofree char *words = quantity_words (name);
        g_autofree char *mean = format_value (ps_summary_get_number (o, "mean"), &d);
        g_autofree char *sd = format_value (ps_summary_get_number (o, "sd"), &d);
        g_autofree char *ch = format_value (ps_summary_get_number (c, "value"), &d);
        g_autofree char *how = characteristic_words (c);

        if (ps_summary_get_count (o, "n") == 0)
          continue;
        ps_summary_add_values (rows, key, words, PS_SUMMARY_NUMBER, d.si_unit,
                               g_strdup_printf (_ ("mean %s, standard deviation %s; "
                                                   "characteristic (%s) %s"),
                                                mean, sd, how, ch),
                               ps_summary_get_number (o, "mean"));
      }
  }
}

void
ps_regression_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  switch (view)
    {
    case PS_SUMMARY_TERMINAL:
      terminal_rows (summary, rows);
      break;
    case PS_SUMMARY_SCREEN:
      screen_rows (summary, rows);
      break;
    case PS_SUMMARY_REPORT:
      report_rows (summary, rows);
      break;
    }
}
