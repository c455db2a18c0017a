/* ps-beam-sections-private.h: the one parser of beam.section entries, shared by the
 * single-load study (ps-beam.c) and the design study (ps-beam-design.c), which build
 * different section records from what it reads.
 *
 * A "standard" entry is one designation or a list of them, looked up in the section
 * table; a parametric entry (rectangular, circular, hollow-circular or chs, rhs, shs,
 * custom) is a grid of sweepable parameters, enumerated in the order the shape names
 * them, the last fastest. Every error names the JSON path.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-beam.h"
#include "ps-tables.h"

G_BEGIN_DECLS

/* The text of @s as one CSV field (quoted when it needs it). Newly allocated. */
char *ps_beam_csv_text (const char *s);
/* A number as results.csv writes it, "" for NAN. Newly allocated. */
char *ps_beam_csv_number (double v);
/* Fills s->csv, s->csv_len: the label and b, h, d, D, t, A, I, W as row fields. */
void ps_beam_section_csv (PsBeamSection *s);

/* The "shape" member of the section object @node at @path (borrowed from @node),
 * NULL with @error when @node is not an object or has no shape. */
const char *ps_beam_section_shape (JsonNode *node, const char *path, GError **error);

/* The sections a "standard" entry at @path names, in order, into @infos (borrowed
 * rows of the section table); FALSE with @error naming the path. */
gboolean ps_beam_section_designations (JsonObject *obj, const char *path, GPtrArray *infos,
                                       GError **error);

/* Whether @shape is a parametric shape this parser knows. */
gboolean ps_beam_section_is_parametric (const char *shape);

/* Makes one section from the values @v of a parametric @shape, in its order:
 * rectangular b, h; circular d; hollow-circular and chs D, t; rhs h, b, t; shs b, t;
 * custom I, W, A (a "c" given instead of W is turned into W = I / c). Returns FALSE
 * when the section is not valid (the caller keeps why). */
typedef gboolean (*PsBeamSectionFunc) (const char *shape, const double *v, gpointer user_data);

/* Reads the parameters of the parametric entry @obj at @path and calls @add for each
 * section of their grid. More than @max_sections sections is an error naming @path.
 * *@n_invalid counts the sections @add refused; all of them refused is the caller's
 * to report. */
gboolean ps_beam_section_grid (JsonObject *obj, const char *path, const char *shape,
                               guint64 max_sections, PsBeamSectionFunc add, gpointer user_data,
                               guint64 *n_sections, guint64 *n_invalid, GError **error);

G_END_DECLS
