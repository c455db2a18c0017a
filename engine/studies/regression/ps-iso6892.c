#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-iso6892.h"
#include "ps-regression.h"
#include "study/ps-json.h"

const char *const ps_iso6892_fit_keys[] = {
  "modulus_method", "chord",    "tangent",  "annex_g",        "offsets",          "total_extension",
  "yield_point",    "fracture", "hollomon", "ramberg_osgood", "toe_compensation", NULL,
};

static const char *const modulus_names[] = {
  [PS_ISO_MODULUS_WINDOW] = "window",
  [PS_ISO_MODULUS_CHORD] = "chord",
  [PS_ISO_MODULUS_TANGENT] = "tangent",
  [PS_ISO_MODULUS_ANNEX_G] = "iso6892-annex-g",
};

const char *
ps_iso6892_modulus_name (int method)
{
  g_return_val_if_fail (method >= 0 && method < (int)G_N_ELEMENTS (modulus_names), "window");
  return modulus_names[method];
}

void
ps_iso6892_rp_name (double offset, char *buf, gsize size)
{
  char pct[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (pct, sizeof pct, "%.6g", offset * 100);
  g_snprintf (buf, size, "Rp%s", pct);
}

/* A point of a chord or tangent: a stress (a string with a stress unit) or a strain.
 * Sets *@axis, or checks it against the one already set (*@axis >= 0). */
static gboolean
stress_or_strain (JsonObject *obj, const char *parent, const char *member, int *axis, double *out,
                  GError **error)
{
  g_autofree char *path = ps_json_path (parent, member);
  JsonNode *node = json_object_get_member (obj, member);
  g_autofree char *msg = NULL;
  int here;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      ps_json_set_error (error, path,
                         _ ("missing (expected a stress such as \"150 MPa\" or a strain such "
                            "as \"0.05 %%\")"));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && ps_units_parse_quantity (json_node_get_string (node), PS_QTY_STRESS, out, &msg))
    here = PS_ISO_AT_STRESS;
  else if (ps_regression_strain_node (node, path, TRUE, out, NULL))
    here = PS_ISO_AT_STRAIN;
  else
    {
      ps_json_set_error (error, path,
                         _ ("expected a stress such as \"150 MPa\" or a strain such as "
                            "\"0.05 %%\""));
      return FALSE;
    }
  if (*axis >= 0 && *axis != here)
    {
      ps_json_set_error (error, path, _ ("give both points as stresses or both as strains"));
      return FALSE;
    }
  if (!(*out > 0))
    {
      ps_json_set_error (error, path, _ ("must be > 0"));
      return FALSE;
    }
  *axis = here;
  return TRUE;
}

/* A fraction: a number or a strain-like percentage ("0.5 %", "80 %"), in (lo, hi]. */
static gboolean
fraction (JsonObject *obj, const char *parent, const char *member, double lo, double hi,
          double *out, GError **error)
{
  g_autofree char *path = ps_json_path (parent, member);

  if (!ps_regression_strain_node (json_object_get_member (obj, member), path, FALSE, out, error))
    return FALSE;
  if (!(*out > lo && *out <= hi))
    {
      ps_json_set_error (error, path, _ ("must be greater than %g and at most %g (got %g)"), lo, hi,
                         *out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_chord_tangent (JsonObject *fit, PsIsoParams *p, GError **error)
{
  static const char *const ckeys[] = { "from", "to", NULL };
  static const char *const tkeys[] = { "at", "band", NULL };
  int axis = -1;

  if (p->modulus == PS_ISO_MODULUS_CHORD)
    {
      JsonObject *c = ps_json_get_object (fit, "fit", "chord", TRUE, error);

      if (c == NULL || !ps_json_check_keys (c, "fit.chord", ckeys, error)
          || !stress_or_strain (c, "fit.chord", "from", &axis, &p->chord_from, error)
          || !stress_or_strain (c, "fit.chord", "to", &axis, &p->chord_to, error))
        return FALSE;
      if (!(p->chord_to > p->chord_from))
        {
          ps_json_set_error (error, "fit.chord.to", _ ("must be greater than from"));
          return FALSE;
        }
      p->chord_axis = axis;
    }
  if (p->modulus == PS_ISO_MODULUS_TANGENT)
    {
      JsonObject *t = ps_json_get_object (fit, "fit", "tangent", TRUE, error);

      if (t == NULL || !ps_json_check_keys (t, "fit.tangent", tkeys, error)
          || !stress_or_strain (t, "fit.tangent", "at", &axis, &p->tangent_at, error)
          || !fraction (t, "fit.tangent", "band", 0, 0.5, &p->tangent_band, error))
        return FALSE;
      p->chord_axis = axis;
    }
  if (p->modulus != PS_ISO_MODULUS_CHORD && json_object_has_member (fit, "chord"))
    {
      ps_json_set_error (error, "fit.chord", _ ("goes with \"modulus_method\": \"chord\""));
      return FALSE;
    }
  if (p->modulus != PS_ISO_MODULUS_TANGENT && json_object_has_member (fit, "tangent"))
    {
      ps_json_set_error (error, "fit.tangent", _ ("goes with \"modulus_method\": \"tangent\""));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_offsets (JsonObject *fit, PsIsoParams *p, GError **error)
{
  JsonNode *node = json_object_get_member (fit, "offsets");
  JsonArray *a;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || (n = json_array_get_length (json_node_get_array (node))) == 0
      || n > PS_ISO_MAX_OFFSETS)
    {
      ps_json_set_error (error, "fit.offsets",
                         _ ("expected a list of 1 to %d plastic extensions such as [\"0.2 %%\", "
                            "\"0.5 %%\"]"),
                         PS_ISO_MAX_OFFSETS);
      return FALSE;
    }
  a = json_node_get_array (node);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("fit.offsets[%u]", i);

      if (!ps_regression_strain_node (json_array_get_element (a, i), path, TRUE, &p->offsets[i],
                                      error))
        return FALSE;
      if (!(p->offsets[i] > 0))
        {
          ps_json_set_error (error, path, _ ("must be > 0 (got %g)"), p->offsets[i]);
          return FALSE;
        }
    }
  p->n_offsets = (int)n;
  return TRUE;
}

gboolean
ps_iso6892_parse (JsonObject *fit, PsIsoParams *p, GError **error)
{
  static const char *const gkeys[] = { "from", "to", NULL };
  static const char *const ykeys[] = { "drop", "hold", NULL };
  static const char *const fkeys[] = { "drop", "points", NULL };
  static const char *const hkeys[] = { "from", "to", NULL };
  const char *method = NULL;
  JsonObject *o;
  gboolean flag;

  if (fit == NULL)
    return TRUE;
  if (!ps_json_get_string (fit, "fit", "modulus_method", FALSE, &method, error))
    return FALSE;
  if (method != NULL)
    {
      int m = -1;

      for (guint i = 0; i < G_N_ELEMENTS (modulus_names); i++)
        if (g_str_equal (method, modulus_names[i]))
          m = (int)i;
      if (m < 0)
        {
          ps_json_set_error (error, "fit.modulus_method",
                             _ ("expected \"window\", \"chord\", \"tangent\" or "
                                "\"iso6892-annex-g\", got \"%s\""),
                             method);
          return FALSE;
        }
      p->modulus = m;
    }
  if (!parse_chord_tangent (fit, p, error) || !parse_offsets (fit, p, error))
    return FALSE;
  if ((o = ps_json_get_object (fit, "fit", "annex_g", FALSE, error)) != NULL)
    {
      if (!ps_json_check_keys (o, "fit.annex_g", gkeys, error)
          || !fraction (o, "fit.annex_g", "from", 0, 0.5, &p->annex_g_lo, error)
          || !fraction (o, "fit.annex_g", "to", 0, 0.5, &p->annex_g_hi, error))
        return FALSE;
      if (!(p->annex_g_hi > p->annex_g_lo))
        {
          ps_json_set_error (error, "fit.annex_g.to",
                             _ ("must be greater than from (Annex G: 10 %% to 40 %%–50 %% of "
                                "Rp0.2)"));
          return FALSE;
        }
    }
  else if (error != NULL && *error != NULL)
    return FALSE;
  if (json_object_has_member (fit, "total_extension")
      && !fraction (fit, "fit", "total_extension", 0, 1, &p->rt_total, error))
    return FALSE;
  if ((o = ps_json_get_object (fit, "fit", "yield_point", FALSE, error)) != NULL)
    {
      if (!ps_json_check_keys (o, "fit.yield_point", ykeys, error)
          || !fraction (o, "fit.yield_point", "drop", 0, 0.5, &p->yield_drop, error)
          || !fraction (o, "fit.yield_point", "hold", 0, 0.1, &p->yield_hold, error))
        return FALSE;
    }
  else if (error != NULL && *error != NULL)
    return FALSE;
  if ((o = ps_json_get_object (fit, "fit", "fracture", FALSE, error)) != NULL)
    {
      gint64 points = p->fracture_points;

      if (!ps_json_check_keys (o, "fit.fracture", fkeys, error)
          || !fraction (o, "fit.fracture", "drop", 0, 1, &p->fracture_drop, error)
          || !ps_json_get_int (o, "fit.fracture", "points", FALSE, 1, 1000, &points, error))
        return FALSE;
      p->fracture_points = (int)points;
    }
  else if (error != NULL && *error != NULL)
    return FALSE;
  if ((o = ps_json_get_object (fit, "fit", "hollomon", FALSE, error)) != NULL)
    {
      if (!ps_json_check_keys (o, "fit.hollomon", hkeys, error)
          || !ps_regression_strain_node (json_object_get_member (o, "from"), "fit.hollomon.from",
                                         TRUE, &p->hollomon_from, error)
          || !ps_regression_strain_node (json_object_get_member (o, "to"), "fit.hollomon.to", TRUE,
                                         &p->hollomon_to, error))
        return FALSE;
      if (!(p->hollomon_from > 0) || !(p->hollomon_to > p->hollomon_from))
        {
          ps_json_set_error (error, "fit.hollomon",
                             _ ("expected 0 < from < to (plastic strains, e.g. \"10 %%\" and "
                                "\"20 %%\" for n10-20)"));
          return FALSE;
        }
    }
  else if (error != NULL && *error != NULL)
    return FALSE;
  if (!ps_json_get_bool (fit, "fit", "ramberg_osgood", FALSE, &flag, error))
    return FALSE;
  p->ramberg_osgood = flag;
  if (!ps_json_get_bool (fit, "fit", "toe_compensation", TRUE, &flag, error))
    return FALSE;
  p->toe_compensation = flag;
  return TRUE;
}

char *
ps_iso6892_notes_text (const PsIsoParams *p, const PsIsoResult *r)
{
  GString *s = g_string_new (NULL);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

#define SEP() (s->len > 0 ? g_string_append (s, "; ") : s)
  if (r->notes & PS_ISO_NOTE_TOE)
    {
      SEP ();
      g_string_append_printf (s,
                              "toe compensated: the strain origin moved by %s to where the "
                              "elastic line meets zero stress",
                              g_ascii_formatd (a, sizeof a, "%.4g", r->toe_strain));
    }
  if (r->notes & PS_ISO_NOTE_NO_FRACTURE)
    {
      SEP ();
      g_string_append_printf (s,
                              "fracture not reached: the force never falls by %s %% of the "
                              "highest of %d points before, so A and At are not determined",
                              g_ascii_formatd (a, sizeof a, "%g", 100 * p->fracture_drop),
                              p->fracture_points);
    }
  if (r->notes & PS_ISO_NOTE_RP_NOT_REACHED)
    for (int k = 0; k < p->n_offsets; k++)
      if (r->rp_missing & (1u << k))
        {
          char name[32];

          ps_iso6892_rp_name (p->offsets[k], name, sizeof name);
          SEP ();
          g_string_append_printf (s,
                                  "%s not reached: the curve never falls below the line of "
                                  "that plastic extension",
                                  name);
        }
  if (r->notes & PS_ISO_NOTE_RT_NOT_REACHED)
    {
      SEP ();
      g_string_append_printf (s, "Rt%s not reached: the test ends before that total extension",
                              g_ascii_formatd (a, sizeof a, "%g", 100 * p->rt_total));
    }
  if (r->notes & PS_ISO_NOTE_NO_HARDENING)
    {
      SEP ();
      g_string_append (s, "upper yield point without a later minimum and work hardening: ReL "
                          "and Ae are not determined");
    }
  if (r->notes & PS_ISO_NOTE_ANNEX_G_NO_CONVERGE)
    {
      SEP ();
      g_string_append_printf (s,
                              "ISO 6892-1 Annex G: the modulus did not settle in %d "
                              "iterations",
                              p->annex_g_max_iter);
    }
  if (r->notes & PS_ISO_NOTE_HOLLOMON)
    {
      SEP ();
      g_string_append_printf (s,
                              "Hollomon n not determined: fewer than 3 points with plastic "
                              "strain from %s to %s",
                              g_ascii_formatd (a, sizeof a, "%.4g", r->hollomon_from),
                              g_ascii_formatd (b, sizeof b, "%.4g", r->hollomon_to));
    }
  if (r->notes & PS_ISO_NOTE_RAMBERG_OSGOOD)
    {
      SEP ();
      g_string_append (s, "Ramberg-Osgood n not determined (no Rp0.2, or fewer than 3 plastic "
                          "points before Fm)");
    }
#undef SEP
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
add (PsIsoQuantity *out, guint *n, const char *name, const char *unit, double v)
{
  g_strlcpy (out[*n].name, name, sizeof out[*n].name);
  out[*n].unit = unit;
  out[*n].value = v;
  (*n)++;
}

guint
ps_iso6892_quantities (const PsIsoParams *p, const PsIsoResult *r, PsIsoQuantity *out)
{
  guint n = 0;
  char name[32], pct[G_ASCII_DTOSTR_BUF_SIZE];

  add (out, &n, "E", "Pa", r->E);
  for (int k = 0; k < p->n_offsets && k < PS_ISO_MAX_OFFSETS; k++)
    {
      ps_iso6892_rp_name (p->offsets[k], name, sizeof name);
      add (out, &n, name, "Pa", r->Rp[k]);
    }
  g_ascii_formatd (pct, sizeof pct, "%.6g", p->rt_total * 100);
  g_snprintf (name, sizeof name, "Rt%s", pct);
  add (out, &n, name, "Pa", r->Rt);
  add (out, &n, "ReH", "Pa", r->ReH);
  add (out, &n, "ReL", "Pa", r->ReL);
  add (out, &n, "Ae", "1", r->Ae);
  add (out, &n, "Rm", "Pa", r->Rm);
  add (out, &n, "Agt", "1", r->Agt);
  add (out, &n, "Ag", "1", r->Ag);
  add (out, &n, "At", "1", r->At);
  add (out, &n, "A", "1", r->A);
  add (out, &n, "n", "1", r->hollomon_n);
  add (out, &n, "K", "Pa", r->hollomon_K);
  if (p->ramberg_osgood)
    add (out, &n, "RO_n", "1", r->ro_n);
  return n;
}
