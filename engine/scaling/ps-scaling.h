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
 *   size:   time against size on log-log axes, fitted exponent b in T = a n^b.
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

typedef struct
{
  int workers;
  guint64 size; /* items */
  gboolean oversubscribed;
  guint repeats;
  double wall_min, wall_median, wall_max; /* s */
  double cpu_median;                      /* s */
  /* NAN where the mode does not define them. */
  double speedup, efficiency, overhead, karp_flatt;
} PsScalingPoint;

typedef struct
{
  const char *model; /* "amdahl", "gustafson", "size", or NULL when there is no fit */
  double serial_fraction, serial_fraction_se;
  double max_speedup; /* amdahl: 1 / s; NAN when s <= 0 */
  double exponent, exponent_se;
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
  guint repeats;
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
  guint repeats;
  guint warmup; /* runs before each point's timed ones; 1 by default */
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

/* Runs the scaling study. The study file's text is loaded again for each point, so
 * @study itself is not changed. */
PsScalingResult *ps_scaling_run (const PsStudy *study, const PsScalingOptions *options,
                                 GError **error);
void ps_scaling_result_free (PsScalingResult *result);

char *ps_scaling_result_to_json (const PsScalingResult *result);
char *ps_scaling_result_to_csv (const PsScalingResult *result);
/* Writes DIR/scaling.json and DIR/scaling.csv, each atomically. */
gboolean ps_scaling_result_write (const PsScalingResult *result, const char *dir, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsScalingResult, ps_scaling_result_free)

G_END_DECLS
