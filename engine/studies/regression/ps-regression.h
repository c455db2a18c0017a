/* ps-regression.h: stress–strain regression over tensile-test specimens.
 *
 * One item is one specimen. The model holds only where each specimen is: the list of
 * files of a folder, the byte ranges of the specimens of one file, or the seed of the
 * synthetic generator. Each item reads (or generates) its own points into per-worker
 * scratch and fits them:
 *
 *   - the elastic line sigma = E eps + sigma0 by least squares over a window, with a
 *     single-pass co-moment update (Welford; the accuracy of two-pass formulas),
 *     standard errors of E and sigma0 and R^2;
 *   - the offset yield strength: the first crossing of the curve below the line
 *     sigma = E (eps - offset) + sigma0, linearly interpolated between the two
 *     bracketing points (none when the curve never crosses it);
 *   - the ultimate strength (the first maximum of the stress) and its strain, and the
 *     strain at break (the last point).
 *
 * The summary is plain old data of a fixed size (no pointers): counts, co-moments of
 * E, yield and ultimate strength and of their logarithms, and a histogram of E with
 * bins fixed by the study before the run. Partial summaries are merged in item order
 * (Chan et al.'s pairwise update), so every backend and worker count gives the same
 * summary, bit for bit.
 */
#pragma once

#include <locale.h>

#include "rng/ps-dist.h"
#include "ps-annex-d.h"     /* EN 1990 Annex D options */
#include "ps-iso6892.h"     /* PsIsoParams, PsIsoResult, ps_iso_analyse_fit (), the quantities */
#include "ps-csv-private.h" /* PsCsvNumber */
#include "ps-regression-math-private.h" /* PsRegError, PsRegWindow, PsRegLine, PsSpecimenFit, the fit */
#include "study/ps-kind.h"

G_BEGIN_DECLS

typedef enum
{
  PS_REG_SOURCE_FOLDER,    /* one CSV file per specimen */
  PS_REG_SOURCE_FILE,      /* one CSV file with a specimen column */
  PS_REG_SOURCE_SYNTHETIC, /* generated from a seed */
  PS_REG_SOURCE_ONE_FILE,  /* one CSV file of one specimen, named after the file */
} PsRegSource;

/* The histogram of E. By default the bins are fixed for every study: bin k covers
 * [10^(6 + k/1000), 10^(6 + (k+1)/1000)) Pa, 1000 bins per decade from 1 MPa to
 * 10 TPa (0.23 % wide), so that any material fits without knowing it in advance;
 * summary.json groups the occupied ones into at most PS_REG_HIST_REPORTED bins of
 * equal logarithmic width and states their edges. A study may instead set linear
 * bins ("histogram": {"from", "to", "bins"}). */
#define PS_REG_HIST_BINS 7000
#define PS_REG_HIST_LOG_MIN 6
#define PS_REG_HIST_PER_DECADE 1000
#define PS_REG_HIST_REPORTED 40
#define PS_REG_HIST_MAX_LINEAR 1000

typedef struct
{
  int column;   /* 0-based index, or -1 while named */
  char *name;   /* the header name, or NULL when given by number */
  char *fold;   /* the name as headers are compared (ps_csv_fold) */
  double scale; /* to SI; NAN where the file's units row is to give it */
  char *unit;   /* as written in the study, or NULL */
} PsRegColumn;

typedef struct
{
  char *name;       /* the specimen's name */
  char *csv;        /* its results.csv field */
  char *file;       /* PS_REG_SOURCE_FOLDER, _ONE_FILE: the file to open */
  char *display;    /* the file as messages name it (the study's path) */
  guint64 offset;   /* PS_REG_SOURCE_FILE: first byte of its rows */
  guint64 length;   /* bytes */
  guint64 line;     /* number of its first line (1-based) */
  gboolean regular; /* a regular file when the study was loaded (stat ()) */
} PsRegSpecimen;

typedef struct
{
  PsRegSource source;

  /* CSV */
  char *path;    /* as written in the study file */
  char *full;    /* resolved against the study file's folder */
  char *pattern; /* folder: the file names taken, e.g. "*.csv" */
  char delimiter, decimal;
  guint skip_lines;
  gboolean skip_given;        /* skip_lines was given; else the header is searched for */
  gboolean force_input;       /* force and displacement instead of stress and strain */
  PsRegColumn x, y, specimen; /* strain (or displacement), stress (or force) */
  double area, gauge_length;  /* m^2, m, for force input */
  double x_div, y_div;        /* from x and y in SI to strain and Pa: L0, S0 or 1 */
  /* From the file's numbers to strain and Pa: x.scale / x_div, y.scale / y_div;
   * NAN where a units row is to give the unit (PS_REG_SOURCE_FILE: set at load). */
  double x_scale, y_scale;
  gboolean header; /* a header line follows the skipped lines */
  int n_fields;    /* fields a data line needs: 1 + the largest column */
  guint64 n_specimens;
  PsRegSpecimen *specimens;
  guint64 max_bytes; /* of one specimen's text */
  guint64 total_bytes;
  locale_t c_locale;

  /* Synthetic */
  guint64 points;
  PsDist E, fy, noise_sd;
  double hardening; /* hardening modulus / E */
  double max_strain;
  guint64 seed;

  /* Fit */
  PsRegWindow window;
  double from, to;
  double offset;
  guint min_points;
  double strain_tol; /* a fall of the strain in the window larger than this is an error */

  /* ISO 6892-1: asked for by "fit.iso6892": true or by any of its options
   * (ps_iso6892_fit_keys); then every specimen is also analysed by ps_iso_analyse_fit ()
   * and results.csv, summary.json and distributions.json hold its quantities. */
  gboolean iso;
  PsIsoParams iso_params;
  guint n_iso;                                  /* quantities per specimen */
  char iso_names[PS_ISO_MAX_QUANTITIES][24];    /* "E", "Rp0.2", ..., "K" */
  const char *iso_units[PS_ISO_MAX_QUANTITIES]; /* "Pa" or "1" */

  /* Summary */
  PsAnnexDOptions annex; /* EN 1990 Annex D: the "characteristic" object */
  double fractile;       /* annex.fractile */
  gboolean lognormal;    /* annex.lognormal: the headline characteristic value */
  gboolean hist_linear;
  double hist_from, hist_to;
  guint hist_bins;

  guint64 max_points; /* per specimen: the scratch size */
} PsRegressionModel;

/* The least-squares line of n points, in one pass (ps_reg_line_add_points). */
void ps_reg_fit_line (const double *x, const double *y, gsize n, PsRegLineFit *fit);

/* Fits one specimen's points (strain, stress in Pa) as the study says. Returns
 * PS_REG_OK or the reason it could not, with fit->bad_point set where one point is to
 * blame. Allocates nothing. */
PsRegError ps_regression_fit (const PsRegressionModel *m, const double *strain,
                              const double *stress, gsize n, PsSpecimenFit *fit);
/* The study's fit options, as ps_reg_fit_points () and the gpu backend take them. */
void ps_regression_fit_params (const PsRegressionModel *m, PsRegFitParams *p);

/* Generates synthetic specimen @i into @strain and @stress (m->points each); @u is
 * scratch of m->points doubles. Returns FALSE when a drawn E or yield stress is not
 * positive. */
gboolean ps_regression_generate (const PsRegressionModel *m, guint64 i, double *strain,
                                 double *stress, double *u);

/* The statistics of one quantity: Welford/Chan co-moments. */
typedef struct
{
  double n, mean, m2;
} PsRegMoments;

/* The statistics of one ISO 6892-1 quantity over the specimens where it was
 * determined: its moments and those of its logarithm (of the positive values; a
 * non-positive one makes the lognormal undefined), and its range. */
typedef struct
{
  PsRegMoments x, ln_x;
  guint64 nonpositive;
  double min, max;
} PsRegStat;

typedef struct
{
  guint64 specimens;
  guint64 fitted;
  guint64 failed[PS_REG_N_REASONS];
  guint64 yield_none;
  guint64 points;
  PsRegMoments E, yield, ultimate;
  PsRegMoments ln_E, ln_yield, ln_ultimate;
  guint64 nonpositive_yield, nonpositive_ultimate;
  double E_min, E_max;
  guint64 hist_below, hist_above;
  guint64 hist[PS_REG_HIST_BINS];
  /* ISO 6892-1 (PsRegressionModel.iso): each quantity of ps_iso6892_quantities (), in
   * its order; specimens with a yield point, with a fracture, and toe-compensated. */
  PsRegStat iso[PS_ISO_MAX_QUANTITIES];
  guint64 iso_yield_point, iso_fracture, iso_toe;
} PsRegressionSummary;

/* Adds a fitted specimen (ps_regression_fit () returned PS_REG_OK) to @s as the kind's
 * evaluation adds it: its E, yield and ultimate strength to the statistics and the
 * histogram (the specimen and point counts are the caller's). Only for a study
 * without the ISO 6892-1 analysis (m->iso FALSE): the gpu backend's device fits. */
void ps_regression_summary_add (const PsRegressionModel *m, PsRegressionSummary *s,
                                const PsSpecimenFit *fit);
/* Appends the results.csv row of fitted specimen @item (the study's own index), as
 * the kind's evaluation writes it. */
void ps_regression_write_fit_row (const PsRegressionModel *m, PsBuf *rows, guint64 item,
                                  const PsSpecimenFit *fit);

/* Specimen @item's points (strain, stress in Pa), read again from its CSV or generated
 * again, as a run reads them; appended to @strain and @stress. */
gboolean ps_regression_read_points (const PsRegressionModel *m, guint64 item, GArray *strain,
                                    GArray *stress, GError **error);

/* A strain in a study file at @path: a number, or a string with a strain unit
 * ("0.2 %", "500 µε"); FALSE with the error naming @path. A missing or null @node is
 * an error only when @required. */
gboolean ps_regression_strain_node (JsonNode *node, const char *path, gboolean required,
                                    double *out, GError **error);

/* The first rows of a CSV source's first file, read as the loader reads them: the
 * form's preview of a regression study. */
typedef struct
{
  guint64 line;  /* in the file, from 1 */
  char **fields; /* NULL-terminated: the fields of the line as a run cuts them,
                  * unquoted, in UTF-8 (a Latin-1 line read as Latin-1) */
  guint n_fields;
  /* How the fields of the x and y columns read (ps_csv_parse_double with the
   * study's decimal separator), and the numbers as written; PS_CSV_BAD also when
   * the column is not mapped or the line has no such field. */
  PsCsvNumber x_read, y_read;
  double x, y;
} PsRegressionPreviewRow;

/* Where the unit a column's numbers are read in comes from. */
typedef enum
{
  PS_REG_UNIT_NONE,      /* none: a run stops at the file ("no unit for the … column") */
  PS_REG_UNIT_STUDY,     /* the study's source.COLUMN.unit */
  PS_REG_UNIT_UNITS_ROW, /* the file's units row, under its header */
  PS_REG_UNIT_DEFAULT,   /* a strain without one: mm/mm */
} PsRegUnitFrom;

typedef struct
{
  char *text; /* as written ("MPa", "kN", without the brackets of "(kN)"), or NULL */
  PsRegUnitFrom from;
  double scale; /* from the file's numbers to SI (a strain: to a ratio); NAN when
                 * none, or when it is not a unit of the column's quantity */
} PsRegPreviewUnit;

typedef struct
{
  char *file; /* the file shown: the source's file, or the first of its folder */
  /* A folder of one file per specimen, one file with a specimen column, or one file
   * of one specimen (never PS_REG_SOURCE_SYNTHETIC). */
  PsRegSource source;
  gboolean force_input;
  char delimiter, decimal;
  /* The lines before the header: the study's skip_lines, or without it the lines
   * before the one the loader takes for the header (without a header, the lines
   * skipped before the data). */
  guint skip_lines;
  char **skipped; /* NULL-terminated: the first lines skipped, in UTF-8 */
  guint n_skipped;
  gboolean header;      /* a header line follows the lines skipped (a column is named) */
  char **header_fields; /* its fields, unquoted, in UTF-8; NULL when there is none */
  guint n_header_fields;
  guint64 header_line; /* its line in the file, from 1; 0 when there is none */
  /* The units row under the header ("(s)","(mm)","(kN)"), as the loader finds it:
   * its line (0 when there is none) and its fields, unquoted, in UTF-8, brackets
   * kept. */
  guint64 units_line;
  char **units_fields;
  guint n_units_fields;
  /* Strain (or displacement), stress (or force) and specimen: the name the study
   * gives (NULL: a number, or none), the field matched in the header (0-based; -1
   * when it holds no such name or the study names no column) and the unit as
   * written (NULL when none). */
  PsRegColumn x, y, specimen;
  /* The unit a run reads the x and y columns in, and where it comes from (the
   * study's unit wins over the units row's). With force input, before the area and
   * the gauge length. */
  PsRegPreviewUnit x_unit, y_unit;
  PsRegressionPreviewRow *rows; /* the first data lines, blank lines left out */
  guint n_rows;
  /* What stops a run at this file (no header naming the columns, a unit that is not
   * one, a column without a unit), in the loader's words; NULL when nothing does. */
  char *problem;
} PsRegressionPreview;

/* Reads the preview of the study's "source" object (@source; relative paths from
 * the folder of the study file @study_path, NULL: the current folder): the file of
 * a one-file source, or the first of the folder in the order of its specimens, at
 * most @max_rows of its data rows, the lines skipped above its header, and its
 * header and units row found and matched to the columns by the loader's own code
 * (find_layout()). A column that the study does not name yet, or names
 * wrongly, is left unmapped; what stops the loader from finding or reading the file
 * (a folder with no file matching, a file that cannot be opened, bad separators) is
 * the error, which names the JSON path. */
gboolean ps_regression_preview (JsonObject *source, const char *study_path, guint max_rows,
                                PsRegressionPreview **out, GError **error);
void ps_regression_preview_free (PsRegressionPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRegressionPreview, ps_regression_preview_free)

extern const PsKindClass ps_regression_class;

/* The kind's pieces in the other files of its folder, for its class. */
void ps_regression_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows);
extern const PsChartInfo ps_regression_charts[];
GPtrArray *ps_regression_item_figures (PsRunData *data, const char *item, GError **error);
PsChart *ps_regression_chart_build (PsRunData *data, const char *name, const PsPlotParams *params,
                                    GError **error);
void ps_regression_report_inputs (PsReportWriter *writer, const PsStudy *study);
void ps_regression_report_results (PsReportWriter *writer, const PsStudy *study, PsRunData *data);

const char *ps_regression_reason_name (PsRegError reason);

/* EN 1990:2002 Table D1, V_X unknown, 5 % fractile: k_n for @n samples, the table's
 * value at its sizes and the prediction-interval formula the table is computed from
 * between them (ps_annex_d_k_n ()); NAN below 3. */
double ps_regression_k_n (guint64 n);

/* The 5 % characteristic values, EN 1990 D7.2 (normal) and with the logarithms
 * (lognormal), V_X unknown (ps_annex_d_compute ()); NAN when there are fewer than 3
 * values. */
void ps_regression_characteristic (const PsRegMoments *x, const PsRegMoments *ln_x, double *normal,
                                   double *lognormal);

/* The results.csv column of ISO quantity @k of the study: "E_iso_Pa", "Rp0.2_Pa",
 * "Ae", ... (the quantity's name, "_Pa" for a stress; E is "E_iso" beside the
 * window fit's "E_Pa"). */
void ps_regression_iso_column (const PsRegressionModel *m, guint k, char *buf, gsize size);

double ps_reg_moments_sd (const PsRegMoments *s);

G_END_DECLS
