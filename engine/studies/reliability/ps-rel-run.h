/* ps-rel-run.h: a whole study of issue 17 on the host, and its summary members.
 *
 * ps_rel_setup_run() runs the study's method (and the Sobol analysis when asked) one
 * round after the other, each round's items cut into @n_pieces chunks, and adds the
 * results to @b as the members that summary.json will have. It is the sequence the
 * reliability kind will follow with its rounds on a backend; the tests use it with
 * different @n_pieces to show that the chunking changes nothing, and the OpenTURNS
 * comparison reads its output through tests/ps-rel-oracle.c.
 *
 * Members (all methods): "method", "converged" (and "reason" when FALSE), "pf",
 * "beta", "g_evaluations"; FORM and SORM: "iterations", "gradient", "design_point"
 * {"x": {var: value}, "u": {var: value}}, "alpha", "importance_factors" {var:
 * alpha^2 with the sign of alpha}; SORM: "sorm" {"breitung", "hohenbichler",
 * "tvedt", "curvatures"}; sampling methods: "samples", "pf_ci95", "cov" (and
 * "failures"; importance sampling "centre"; subset "levels" [{"threshold", "p",
 * "cov", "gamma", "g_evaluations"}]); with a sensitivity analysis "sobol" {var:
 * {"first", "first_ci95", "total", "total_ci95"}} and "sobol_samples".
 */
#pragma once

#include "ps-rel-parse.h"

G_BEGIN_DECLS

/* FALSE when the method did not converge (the members say why); the run itself
 * cannot fail. */
gboolean ps_rel_setup_run (const PsRelSetup *s, guint n_pieces, JsonBuilder *b);

G_END_DECLS
