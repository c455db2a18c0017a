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

#include "ps-dist.h"
#include "study/ps-study.h"

G_BEGIN_DECLS

/* Why a specimen could not be fitted. */
typedef enum
{
  PS_REG_OK = 0,
  PS_REG_ERR_READ,           /* the file could not be opened or read */
  PS_REG_ERR_HEADER,         /* the header line lacks a named column */
  PS_REG_ERR_PARSE,          /* a line that is not numbers (file and line named) */
  PS_REG_ERR_NON_FINITE,     /* NaN or infinity in the data */
  PS_REG_ERR_TOO_FEW,        /* too few points in the elastic window */
  PS_REG_ERR_NOT_INCREASING, /* the strain decreases inside the elastic window */
  PS_REG_ERR_MODULUS,        /* the fitted modulus is not positive */
  PS_REG_ERR_PARAMS,         /* synthetic: a drawn E or yield stress is not positive */
  PS_REG_N_REASONS
} PsRegError;

typedef enum
{
  PS_REG_SOURCE_FOLDER,    /* one CSV file per specimen */
  PS_REG_SOURCE_FILE,      /* one CSV file with a specimen column */
  PS_REG_SOURCE_SYNTHETIC, /* generated from a seed */
} PsRegSource;

typedef enum
{
  PS_REG_WINDOW_STRAIN, /* from <= strain <= to */
  PS_REG_WINDOW_STRESS, /* from * max <= stress <= to * max */
  PS_REG_WINDOW_AUTO,   /* the most linear of the stress windows of PS_REG_AUTO_* */
} PsRegWindow;

/* The auto window: stress windows [a, a + PS_REG_AUTO_WIDTH] of the maximum stress for
 * a = 0.05, 0.10, ..., 0.50; the one with the highest R^2 wins, the lowest on a tie. */
#define PS_REG_AUTO_N 10
#define PS_REG_AUTO_STEP 0.05
#define PS_REG_AUTO_WIDTH 0.30

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
  double scale; /* to SI */
  char *unit;   /* as written */
} PsRegColumn;

typedef struct
{
  char *name;     /* the specimen's name */
  char *csv;      /* its results.csv field */
  char *file;     /* PS_REG_SOURCE_FOLDER: the file to open */
  char *display;  /* the file as messages name it (the study's path) */
  guint64 offset; /* PS_REG_SOURCE_FILE: first byte of its rows */
  guint64 length; /* bytes */
  guint64 line;   /* number of its first line (1-based) */
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
  gboolean force_input;       /* force and displacement instead of stress and strain */
  PsRegColumn x, y, specimen; /* strain (or displacement), stress (or force) */
  double area, gauge_length;  /* m^2, m, for force input */
  double x_scale, y_scale;    /* from the file's numbers to strain and Pa */
  gboolean header;            /* a header line follows the skipped lines */
  int n_fields;               /* fields a data line needs: 1 + the largest column */
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

  /* Summary */
  double fractile;
  gboolean lognormal; /* the headline characteristic value */
  gboolean hist_linear;
  double hist_from, hist_to;
  guint hist_bins;

  guint64 max_points; /* per specimen: the scratch size */
} PsRegressionModel;

/* Streams of the synthetic generator: key (seed, stream), counter the specimen or,
 * for the noise, specimen * points + point (ps-philox.h). */
#define PS_REG_STREAM_E 1
#define PS_REG_STREAM_YIELD 2
#define PS_REG_STREAM_NOISE_SD 3
#define PS_REG_STREAM_NOISE 4

/* Single-pass co-moments of (x, y) (Welford). */
typedef struct
{
  double n, mx, my, sxx, sxy, syy;
} PsRegLine;

static inline void
ps_reg_line_add (PsRegLine *l, double x, double y)
{
  double r, dx, dy;

  l->n += 1.0;
  r = 1.0 / l->n;
  dx = x - l->mx;
  dy = y - l->my;
  l->mx += dx * r;
  l->my += dy * r;
  l->sxx += dx * (x - l->mx);
  l->sxy += dx * (y - l->my);
  l->syy += dy * (y - l->my);
}

typedef struct
{
  double slope, intercept;
  double slope_se, intercept_se;
  double r2;
  double residual_sd;
  double sse;
} PsRegLineFit;

/* Adds n points in one pass: point i goes to lane i mod 4, each lane a Welford update
 * (the four share each step's 1/k, and do not wait on each other), and the lanes are
 * then merged into @l by the pairwise formulas of Chan, Golub and LeVeque ("Algorithms
 * for computing the sample variance", The American Statistician 37 (1983)). As stable as
 * ps_reg_line_add() point by point, and four times shorter a chain of dependent
 * operations. */
void ps_reg_line_add_points (PsRegLine *l, const double *x, const double *y, gsize n);
/* Merges the co-moments @b into @a (Chan, Golub and LeVeque). */
void ps_reg_line_merge (PsRegLine *a, const PsRegLine *b);

/* The least-squares line of the co-moments (n >= 3 for the standard errors). */
void ps_reg_line_solve (const PsRegLine *l, PsRegLineFit *fit);
/* The same, for arrays: one pass (ps_reg_line_add_points). */
void ps_reg_fit_line (const double *x, const double *y, gsize n, PsRegLineFit *fit);

/* One specimen's results. */
typedef struct
{
  double E, E_se, sigma0, sigma0_se, r2;
  guint64 points, window_points;
  double window_from, window_to; /* strain of the first and last point of the window */
  gboolean has_yield;
  double yield, yield_strain;
  double ultimate, ultimate_strain, break_strain;
  guint64 bad_point; /* for an error: the point it concerns */
} PsSpecimenFit;

/* Fits one specimen's points (strain, stress in Pa) as the study says. Returns
 * PS_REG_OK or the reason it could not, with fit->bad_point set where one point is to
 * blame. Allocates nothing. */
PsRegError ps_regression_fit (const PsRegressionModel *m, const double *strain,
                              const double *stress, gsize n, PsSpecimenFit *fit);

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
} PsRegressionSummary;

/* Specimen @item's points (strain, stress in Pa), read again from its CSV or generated
 * again, as a run reads them; appended to @strain and @stress. */
gboolean ps_regression_read_points (const PsRegressionModel *m, guint64 item, GArray *strain,
                                    GArray *stress, GError **error);

extern const PsKindClass ps_regression_class;

gboolean ps_regression_study_init (PsStudy *study, JsonObject *root, GError **error);

const char *ps_regression_reason_name (PsRegError reason);

/* EN 1990:2002 Table D1, V_X unknown, 5 % fractile: k_n for @n samples (linear in n
 * between the tabulated sizes, in 1/n from 30 to infinity); NAN below 3. */
double ps_regression_k_n (guint64 n);

/* The 5 % characteristic values, EN 1990 D7.2 (normal) and D7.3-style with the
 * logarithms (lognormal), V_X unknown; NAN when there are fewer than 3 values. */
void ps_regression_characteristic (const PsRegMoments *x, const PsRegMoments *ln_x, double *normal,
                                   double *lognormal);

double ps_reg_moments_sd (const PsRegMoments *s);

G_END_DECLS
