/* ps-scaling.h: how a run scales with workers and with the size of the work.
 *
 * Strong scaling runs the same study at several worker counts; weak scaling makes the
 * work grow with the worker count (p times the items at p workers); size scaling runs
 * one worker count at several sizes. Each point is timed R times after a warm-up run;
 * the metrics are taken from the median wall time:
 *
 *   strong: speedup S = T1 / Tp, efficiency S / p, overhead p Tp - T1,
 *           Karp-Flatt e = (1/S - 1/p) / (1 - 1/p);
 *           Amdahl fit: Tp / T1 = s + (1 - s) / p, least squares for s (through
 *           the origin in x = 1 - 1/p, y = Tp/T1 - 1/p), ceiling 1 / s;
 *   weak:   efficiency T1 / Tp, scaled speedup S = p T1 / Tp, overhead p (Tp - T1),
 *           Karp-Flatt as above with S; Gustafson fit: S = p - s (p - 1);
 *   size:   T(n) = c0 + c1 n^b log2(n)^j, chosen over b in {0, 1/2, 1, 3/2, 2, 3} and
 *           j in {0, 1, 2} by adjusted R^2 (the performance-model normal form of
 *           Extra-P: Calotoiu et al., "Using automated performance modeling to find
 *           scalability bugs in complex codes", SC13).
 *
 * Each point is calibrated as Google Benchmark and hyperfine do: the study is run
 * back to back enough times that one timed sample lasts at least the minimum time
 * (and never less than 1000 times the clock's resolution), the time per run being
 * the sample over the runs in it; then samples are taken until the 95 % interval of
 * their median is within 2 % of it, or 10 samples, or the point's time budget (or
 * exactly the number of repeats asked for). Intervals of the median are
 * distribution-free (ps-stats.h); speedups and efficiencies carry the intervals of
 * the two medians they come from. Fits are least squares weighted by those
 * intervals, with the serial fraction held in [0, 1].
 *
 * T1 is the 1-worker point of the same backend (added to the worker list when it is
 * missing). Scaling runs write no result rows: they time the computation.
 */
#pragma once

#include "ps-run.h"

G_BEGIN_DECLS

typedef enum
{
  PS_SCALING_STRONG,
  PS_SCALING_WEAK,
  PS_SCALING_SIZE,
} PsScalingMode;

#define PS_SCALING_MAX_SAMPLES 100

/* What a reader of a point should be told. */
typedef enum
{
  PS_SCALING_WARN_OVERSUBSCRIBED = 1 << 0, /* more workers than cores */
  PS_SCALING_WARN_OTHER_LOAD = 1 << 1,     /* other processes used a noticeable share */
  PS_SCALING_WARN_WIDE = 1 << 2,           /* the speedup's interval is wider than its effect */
  PS_SCALING_WARN_OUTLIERS = 1 << 3,       /* samples beyond 1.5 IQR */
  PS_SCALING_WARN_SHORT = 1 << 4,          /* samples shorter than the minimum time */
  PS_SCALING_WARN_NO_INTERVAL = 1 << 5,    /* too few samples for an interval (< 6) */
  PS_SCALING_WARN_KF_UNDEFINED = 1 << 6,   /* Karp-Flatt not defined within the noise */
  PS_SCALING_WARN_KF_RISING = 1 << 7,      /* Karp-Flatt rises with p: growing overhead */
} PsScalingWarning;

/* "oversubscribed", "other_load", … as scaling.json lists them. */
const char *ps_scaling_warning_name (PsScalingWarning warning);

/* The warning named @name ("other_load", as scaling.json lists them) in words, for the
 * point @point of scaling.json (for its figures); a static, translated string. */
const char *ps_scaling_warning_text (const char *name, JsonObject *point);

/* A share of the machine's CPU above this, used by other processes while a point was
 * measured, is reported. */
#define PS_SCALING_OTHER_LOAD_LIMIT 0.10

typedef struct
{
  int workers;
  guint64 size; /* items */
  gboolean oversubscribed;
  guint repeats;                          /* timed samples */
  double wall_min, wall_median, wall_max; /* s, per run */
  double cpu_median;                      /* s, per run, with the workers' CPU time */
  /* NAN where the mode does not define them. */
  double speedup, efficiency, overhead, karp_flatt;

  /* Calibration and statistics (per run, s). */
  guint inner;                           /* runs per timed sample */
  double sample_seconds;                 /* median duration of one sample */
  double wall_mean, wall_sd;             /* sd NAN for one sample */
  double wall_median_lo, wall_median_hi; /* 95 % interval; 0 or NAN when unknown */
  guint outliers;
  double cpu_per_wall;
  double speedup_lo, speedup_hi, efficiency_lo, efficiency_hi;
  double other_load; /* share of all cores other processes used; NAN when unknown */
  guint warnings;    /* PsScalingWarning */
  guint n_samples;
  double samples[PS_SCALING_MAX_SAMPLES]; /* wall per run of each sample, s */
} PsScalingPoint;

typedef struct
{
  const char *model; /* "amdahl", "gustafson", "size", or NULL when there is no fit */
  double serial_fraction, serial_fraction_se;
  double serial_fraction_lo, serial_fraction_hi; /* 95 %, within [0, 1] */
  double max_speedup;                            /* amdahl: 1 / s; NAN when s <= 0 */
  double max_speedup_lo, max_speedup_hi;
  gboolean weighted; /* by the intervals of the medians */
  /* size: T(n) = c0 + c1 n^exponent log2(n)^log_exponent */
  double exponent, exponent_se; /* exponent_se: NAN (the exponent is chosen, not fitted) */
  int log_exponent;
  double c0, c1, adj_r2;
  char term[48];      /* "n^1.5 log2(n)" */
  char runner_up[48]; /* the second-best term, or "" */
  double runner_up_adj_r2;
} PsScalingFit;

typedef struct
{
  char *backend;
  GArray *points; /* PsScalingPoint */
  PsScalingFit fit;
} PsScalingSeries;

typedef struct
{
  PsScalingMode mode;
  guint repeats; /* asked for; 0: until the interval is narrow enough */
  double min_time, max_time, timer_resolution;
  char *machine; /* "CPU model (N cores) on host" */
  char *study_name, *study_kind, *study_checksum, *study_path;
  GPtrArray *series; /* PsScalingSeries */
  char *started;
} PsScalingResult;

typedef struct
{
  PsScalingPoint point; /* the point just measured (metrics not yet computed) */
  const char *backend;
  guint done, total; /* points */
} PsScalingProgress;

typedef void (*PsScalingProgressFunc) (const PsScalingProgress *progress, gpointer user_data);

typedef struct
{
  const char *const *backends; /* NULL-terminated */
  const int *workers;          /* n_workers counts; strong and weak */
  guint n_workers;
  const double *sizes; /* size scaling: factors of the study's own size */
  guint n_sizes;
  PsScalingMode mode;
  /* Timed samples per point; 0: until the median's 95 % interval is within 2 %, or
   * 10 samples, or @max_time. */
  guint repeats;
  guint warmup;    /* runs before each point's timed ones; 1 by default */
  double min_time; /* s, the shortest timed sample (0: 1000 times the clock's resolution) */
  double max_time; /* s, the most a point may take once calibrated (0: no limit) */
  PsScalingProgressFunc progress;
  gpointer progress_data;
  const gint *cancel;
  /* Called after each timed run, e.g. to record it in the history. */
  void (*run_done) (const PsStudy *study, const PsRunResult *run, gpointer user_data);
  gpointer run_done_data;
} PsScalingOptions;

const char *ps_scaling_mode_name (PsScalingMode mode);
/* Appends the worker counts of "1,2,4" to @out (int). The error names the bad entry. */
gboolean ps_scaling_parse_workers (const char *text, GArray *out, GError **error);
/* Appends the default worker counts for @cores cores to @out (int): 1 and the powers of
 * two below @cores, then @cores itself (1, 2, 4, 6 for six cores). */
void ps_scaling_default_workers (int cores, GArray *out);
gboolean ps_scaling_mode_from_name (const char *name, PsScalingMode *mode);

/* Fills speedup, efficiency, overhead and karp_flatt of @points (n of one backend)
 * from their median times and @mode. */
void ps_scaling_compute_metrics (PsScalingMode mode, PsScalingPoint *points, guint n);
/* Least-squares fits; FALSE when there are too few points. */
gboolean ps_scaling_fit_amdahl (const PsScalingPoint *points, guint n, PsScalingFit *fit);
gboolean ps_scaling_fit_gustafson (const PsScalingPoint *points, guint n, PsScalingFit *fit);
gboolean ps_scaling_fit_size (const PsScalingPoint *points, guint n, PsScalingFit *fit);
void ps_scaling_fit_clear (PsScalingFit *fit);
/* The size model T(n) = c0 + c1 n^b log2(n)^j at @n. */
double ps_scaling_fit_size_eval (const PsScalingFit *fit, double n);
/* The clock's resolution, s. */
double ps_scaling_timer_resolution (void);

/* Runs the scaling study. The study file's text is loaded again for each point, so
 * @study itself is not changed. */
PsScalingResult *ps_scaling_run (const PsStudy *study, const PsScalingOptions *options,
                                 GError **error);
void ps_scaling_result_free (PsScalingResult *result);

char *ps_scaling_result_to_json (const PsScalingResult *result);
char *ps_scaling_result_to_csv (const PsScalingResult *result);
/* Writes DIR/scaling.json and DIR/scaling.csv, each atomically. */
gboolean ps_scaling_result_write (const PsScalingResult *result, const char *dir, GError **error);

/* Reads a scaling.json (or the folder holding it) back. */
PsScalingResult *ps_scaling_result_load (const char *path, GError **error);

/* One point of two scaling results compared (A against B, same backend, mode and
 * workers or size): the ratio of the medians B/A with its interval and the
 * Mann-Whitney U test of the samples. */
typedef struct
{
  const char *backend;
  int workers;
  guint64 size;
  double median_a, median_b;
  double ratio, ratio_lo, ratio_hi; /* B / A */
  double u, p_value;
} PsScalingComparison;

/* Matches the points of @a and @b; a point of one without a partner is left out. */
GArray *ps_scaling_compare (const PsScalingResult *a, const PsScalingResult *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsScalingResult, ps_scaling_result_free)

G_END_DECLS
