/* ps-rel-run.h: a whole reliability study on the host, and its summary members.
 *
 * ps_rel_setup_run() runs the study's rounds (ps-rel-driver.h) in this process, each
 * round's chunks (the kind's, ps-rel-eval.h) cut into @n_pieces ranges, and adds to
 * @b the members summary.json has (ps_rel_summary_to_json()). It is the sequence the
 * reliability kind follows with its round studies on a backend; the tests use it with
 * different @n_pieces to show that the cutting changes nothing, and the OpenTURNS
 * comparison reads its output through tests/ps-rel-oracle.c.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-rel-parse.h"

G_BEGIN_DECLS

/* FALSE when the method did not converge (the members say why); the run itself
 * cannot fail. */
gboolean ps_rel_setup_run (const PsRelSetup *s, guint n_pieces, JsonBuilder *b);

G_END_DECLS
