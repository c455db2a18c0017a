/* ps-rc-section.h: the "rc-rectangular" section of a study file, a reinforced concrete
 * rectangle for EN 1992-1-1.
 *
 *   { "shape": "rc-rectangular", "b": "300 mm", "h": "500 mm",
 *     "cover": "30 mm", "links": "8 mm" | "d": "450 mm",
 *     "As": "603 mm^2" | "3 x 16 mm", "fyk": "500 MPa",
 *     "As2": "2 x 12 mm", "d2": "50 mm" }
 *
 * As is the bottom reinforcement (in tension under sagging moments), d its effective
 * depth from the top face. "cover" is the nominal cover of EN 1992-1-1 4.4.1, measured
 * to the outermost bars: with links (optional "links", their diameter) d = h - cover -
 * links - phi/2, which needs As given as bars to know phi. As2 is optional
 * top reinforcement at depth d2 from the top face (in compression under sagging
 * moments, in tension under hogging ones). E_s = 200 GPa (EN 1992-1-1 3.2.7(4)).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-ec2-math.h"

G_BEGIN_DECLS

typedef struct
{
  PsEc2Section section;
  double cover; /* m, NAN when d was given */
  double links; /* m, diameter of the links (0 when not given) */
  int n_bars;   /* 0 when As was given as an area */
  double phi;   /* m, bar diameter, NAN when As was an area */
  int n_bars2;
  double phi2;
} PsRcSection;

/* Parses "603 mm^2" (or a number of m^2) or "3 x 16 mm" ("3x16mm", "3 × 16 mm"): the
 * area and, for bars, their number and diameter (@n 0 and @phi NAN for an area). The
 * error names @path. */
gboolean ps_rc_parse_steel_area (JsonNode *node, const char *path, double *area, int *n,
                                 double *phi, GError **error);

/* Reads an "rc-rectangular" section object at @path. */
gboolean ps_rc_section_from_json (JsonObject *object, const char *path, PsRcSection *out,
                                  GError **error);

G_END_DECLS
