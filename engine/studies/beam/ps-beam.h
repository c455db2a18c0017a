/* ps-beam.h: the beam parametric sweep.
 *
 * The study is the full factorial grid of five dimensions, slowest first:
 * material, section, span, load value, load position. Item i maps to one grid
 * point by mixed-radix digits; nothing proportional to the number of items is
 * stored.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-beam-math-private.h"   /* PsSupport, PsLoadCase, PsBeamOutputs, PsBeamOut */
#include "ps-design-math-private.h" /* PsCheckId */
#include "study/ps-param.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

typedef enum
{
  PS_BEAM_DIM_MATERIAL,
  PS_BEAM_DIM_SECTION,
  PS_BEAM_DIM_SPAN,
  PS_BEAM_DIM_LOAD,
  PS_BEAM_DIM_POSITION,
  PS_BEAM_N_DIMS
} PsBeamDim;

typedef struct
{
  char *name;
  double E, f_d, density;
  char *csv; /* pre-formatted row field */
  gsize csv_len;
} PsBeamMaterial;

typedef struct
{
  const char *shape;    /* "rectangular", "circular", "hollow-circular", "standard", "custom" */
  char *label;          /* shape, or the designation */
  double b, h, d, D, t; /* m, NAN where not applicable */
  double A, I, W;       /* m^2, m^4, m^3 */
  char *error;          /* why this section is not valid, or NULL */
  char *csv;            /* pre-formatted row fields */
  gsize csv_len;
} PsBeamSection;

/* The most groups of "group_by" (load–span tables) and the refused configurations
 * whose reasons summary.json lists. */
#define PS_BEAM_MAX_GROUPS 1024
#define PS_BEAM_MAX_REFUSALS 5

/* What a design study (beam.loads, design: ps-beam-design.c) adds to the summary.
 * Fixed size, so that a partial summary travels between processes as it is. */
typedef struct
{
  guint64 refused;
  guint64 fail_check[PS_CHECK_N]; /* configurations with u_<check> > 1, not refused */
  /* The envelope over the computed configurations (NAN: none). */
  double max_M_sag, max_M_hog, max_V, max_w, max_w_variable;
  double max_u;       /* largest u_max of a configuration that was not refused */
  guint64 max_u_item; /* its item (the first of equals), G_MAXUINT64: none */
  guint n_refusals;   /* the first refused items, in item order */
  guint64 refusal_item[PS_BEAM_MAX_REFUSALS];
  gint32 refusal_code[PS_BEAM_MAX_REFUSALS];
  /* The lightest passing configuration of each group (G_MAXUINT64: none passes). */
  double group_mass[PS_BEAM_MAX_GROUPS];
  guint64 group_item[PS_BEAM_MAX_GROUPS];
} PsBeamDesignSummary;

/* The pass/fail map over span × load that every run of a single-load study keeps,
 * so that a sweep too large to write its rows still shows where it passes: each
 * axis's values in at most this many bins of consecutive values. */
#define PS_BEAM_MAP_BINS 32

typedef struct
{
  guint64 items;
  guint64 valid;
  guint64 passing;
  guint64 fail_deflection;
  guint64 fail_strength;
  double min[PS_BEAM_N_OUT];
  double max[PS_BEAM_N_OUT];
  double lightest_mass;
  guint64 lightest_item; /* G_MAXUINT64 when nothing passes */
  /* Computed and passing configurations per (span bin, load bin); single-load
   * studies only (ps_beam_map_bin()). */
  guint64 map_valid[PS_BEAM_MAP_BINS][PS_BEAM_MAP_BINS];
  guint64 map_passing[PS_BEAM_MAP_BINS][PS_BEAM_MAP_BINS];
  PsBeamDesignSummary design; /* design studies only */
} PsBeamSummary;

typedef struct _PsBeamDesign PsBeamDesign;

typedef struct
{
  PsSupport support;
  PsLoadCase load_case;
  gboolean self_weight;
  /* Deflection limit: span / limit_ratio when limit_ratio > 0, else limit_abs. */
  double limit_ratio;
  double limit_abs;
  char *limit_text;
  double safety_factor;

  guint n_materials;
  PsBeamMaterial *materials;
  guint64 n_sections;
  PsBeamSection *sections;
  PsParam span;
  PsParam load;     /* N, or N/m for a uniform load */
  PsParam position; /* m; one NAN value unless PS_LOAD_POINT_AT */

  gboolean load_ascending; /* load values in increasing order (the map's fast path) */
  guint64 count[PS_BEAM_N_DIMS];
  guint64 stride[PS_BEAM_N_DIMS];
  guint64 n_items;

  /* Pre-formatted row fields of the span, load and position values. */
  char **span_csv, **load_csv, **position_csv;

  /* A design study (beam.loads with cases, design: the code checks) has its model
   * here, and none of the fields above but n_items; NULL for the single-load study. */
  PsBeamDesign *design;
} PsBeamModel;

extern const PsKindClass ps_beam_class;

/* The kind's pieces in the other files of its folder, for its class. */
void ps_beam_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows);
extern const PsChartInfo ps_beam_charts[];
GPtrArray *ps_beam_chart_parameters (PsRunData *data);
GPtrArray *ps_beam_item_figures (PsRunData *data, const char *item, GError **error);
PsChart *ps_beam_chart_build (PsRunData *data, const char *name, const PsPlotParams *params,
                              GError **error);
void ps_beam_report_inputs (PsReportWriter *writer, const PsStudy *study);
void ps_beam_report_results (PsReportWriter *writer, const PsStudy *study, PsRunData *data);

const char *ps_beam_support_name (PsSupport support);
const char *ps_beam_load_case_name (PsLoadCase load_case);
const char *ps_beam_out_name (PsBeamOut out);
const char *ps_beam_out_unit (PsBeamOut out);

/* The coefficient c of the maximum deflection, c P L^3 / EI for a point load or
 * c w L^4 / EI for a uniform load (AISC Table 3-23). */
double ps_beam_deflection_coefficient (PsSupport support, PsLoadCase load_case);
/* "simply-supported" + "point-midspan" | "point-free-end" | "uniform". */
gboolean ps_beam_case_from_names (const char *support, const char *load, PsSupport *s,
                                  PsLoadCase *load_case);

/* The pass map of items [@begin, @end) of a single-load study into @s, by the
 * kind's own evaluation on this host: for a backend (the GPU) whose kernel returns
 * the other figures of a chunk, so that its summary is that of every backend. */
void ps_beam_map_chunk (const PsStudy *study, guint64 begin, guint64 end, PsBeamSummary *s);
void ps_beam_map_axis_to_json (JsonBuilder *b, const char *name, const char *unit,
                               const char *column, const PsParam *p);
void ps_beam_map_counts_to_json (const PsBeamSummary *s, guint ns, guint nl, JsonBuilder *b);

/* The map bins of an axis of @count values, and the bin of value @i. */
static inline guint
ps_beam_map_n_bins (guint64 count)
{
  return (guint)MIN (count, (guint64)PS_BEAM_MAP_BINS);
}

static inline guint
ps_beam_map_bin (guint64 i, guint64 count)
{
  return (guint)(i * ps_beam_map_n_bins (count) / count);
}

/* The grid digits of item @item. */
void ps_beam_item_digits (const PsBeamModel *model, guint64 item, guint64 digits[PS_BEAM_N_DIMS]);

/* Evaluates one item on its own. Returns FALSE with @error_message set for an item
 * that cannot be computed (a point load outside the span, an invalid section). */
gboolean ps_beam_eval_item (const PsBeamModel *model, guint64 item, PsBeamOutputs *out,
                            char **error_message);

/* Appends to @rows the results.csv rows (@mode: all, or the passing ones) of the items
 * [@first, @first + @n), from outputs computed elsewhere (the gpu backend): the
 * numeric fields of item @first + i are values[k][i] (k a PsBeamRowValue) and its
 * checks flags[i] (PS_BEAM_ROW_PASS_*). Every item must be one that evaluates without
 * error. The text is the text the kind's own evaluation writes for those outputs. */
void ps_beam_write_rows (const PsBeamModel *model, guint64 first, guint64 n, PsRowsMode mode,
                         const double *const values[PS_BEAM_N_ROW], const guint8 *flags,
                         PsBuf *rows);

G_END_DECLS
