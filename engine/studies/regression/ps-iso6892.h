/* ps-iso6892.h: the ISO 6892-1 analysis of a tensile test (ps-iso6892-math.h), GLib
 * side: its options read from a study's "fit" object, its per-specimen notes as text,
 * and its results as named quantities, the form results.csv, summary.json and
 * distributions.json will take them in.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-iso6892-math.h"

G_BEGIN_DECLS

/* The members of "fit" that ps_iso6892_parse () reads, NULL-terminated, for the kind's
 * check of unknown keys. */
extern const char *const ps_iso6892_fit_keys[];

/* Reads the ISO 6892-1 options of the study's "fit" object into @p, which holds the
 * defaults (ps_iso_params_init ()) and the study's window:
 *   "modulus_method": "window" | "chord" | "tangent" | "iso6892-annex-g";
 *   "chord": {"from", "to"}: two stresses ("20 MPa") or two strains ("0.05 %");
 *   "tangent": {"at": a stress or strain, "band": a fraction (0.05)};
 *   "annex_g": {"from": 0.10, "to": 0.40 .. 0.50} (fractions of Rp0.2);
 *   "offsets": ["0.2 %", "0.5 %"] (1 to 8 plastic extensions of Rp);
 *   "total_extension": "0.5 %" (Rt);
 *   "yield_point": {"drop": "0.5 %", "hold": "0.05 %"};
 *   "fracture": {"drop": "80 %", "points": 5};
 *   "hollomon": {"from", "to"} (engineering plastic strains, e.g. "10 %", "20 %");
 *   "ramberg_osgood": true | false; "toe_compensation": true | false.
 * Errors name the path ("fit.offsets[1]: ..."). */
gboolean ps_iso6892_parse (JsonObject *fit, PsIsoParams *p, GError **error);

/* "window", "chord", "tangent" or "iso6892-annex-g", as the study file writes it. */
const char *ps_iso6892_modulus_name (int method);

/* The name of the proof strength at plastic extension @offset: "Rp0.2" for 0.002. */
void ps_iso6892_rp_name (double offset, char *buf, gsize size);

/* What @r's notes say, one sentence each, "; " between them, or NULL when it has none.
 * In English, as the kind's per-specimen messages are, so that results files are the
 * same bytes in every language. */
char *ps_iso6892_notes_text (const PsIsoParams *p, const PsIsoResult *r);

typedef struct
{
  char name[24];    /* "E", "Rp0.2", "Rt0.5", "ReH", ..., as ISO 6892-1 writes them */
  const char *unit; /* "Pa", or "1" for ratios (extensions, n) */
  double value;     /* NAN where not determined */
} PsIsoQuantity;

#define PS_ISO_MAX_QUANTITIES (20 + PS_ISO_MAX_OFFSETS)

/* The quantities of one specimen, always the same list for the same @p: E, Rp at each
 * offset, Rt, ReH, ReL, Ae, Rm, Agt, Ag, At, A, n, K (and RO_n when asked for);
 * returns how many were written to @out (at most PS_ISO_MAX_QUANTITIES). */
guint ps_iso6892_quantities (const PsIsoParams *p, const PsIsoResult *r, PsIsoQuantity *out);

G_END_DECLS
