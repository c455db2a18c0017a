/* parastudy-cli scale and history: scaling studies and the run history. */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ps-cli-scale.h"
#include "study/ps-text.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_INVALID = 2,
  EXIT_CANCELLED = 130,
};

static int
report (const char *command, const GError *error)
{
  g_printerr ("parastudy-cli %s: %s\n", command, error->message);
  if (g_error_matches (error, PS_ERROR, PS_ERROR_INVALID))
    return EXIT_INVALID;
  if (g_error_matches (error, PS_ERROR, PS_ERROR_CANCELLED))
    return EXIT_CANCELLED;
  return EXIT_FAILED;
}

/* Records a run in the history. A history that cannot be written never fails the
 * run: the reason is printed and the run's own results stand. */
void
ps_cli_record_run (const char *history_path, gboolean enabled, const PsStudy *study,
                   const PsRunResult *run)
{
  g_autoptr (GError) error = NULL;

  if (enabled && !ps_history_record_run (history_path, study, run, NULL, &error))
    g_printerr ("parastudy-cli: %s: %s\n", _ ("warning: the run was not recorded in the history"),
                error->message);
}

static gboolean
parse_double_list (const char *text, GArray *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double v = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || *end != '\0' || !(v > 0.0) || !isfinite (v))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("--sizes: \"%s\" is not a positive factor of the study's size"),
                       parts[i]);
          return FALSE;
        }
      g_array_append_val (out, v);
    }
  return TRUE;
}

typedef struct
{
  PsHistory *history;
  const char *mode;
  gboolean warned;
} RecordData;

static void
on_scaling_run (const PsStudy *study, const PsRunResult *run, gpointer user_data)
{
  RecordData *d = user_data;
  g_autoptr (GError) error = NULL;

  if (d->history == NULL || d->warned)
    return;
  if (!ps_history_add_run (d->history, study, run, d->mode, &error))
    {
      g_printerr ("parastudy-cli scale: %s: %s\n",
                  _ ("warning: runs are not being recorded in the history"), error->message);
      d->warned = TRUE;
    }
}

/* Prints @text in @width characters, on the right or on the left (printf pads bytes,
 * and a translation may have accented letters). */
static void
print_cell (const char *text, glong width, gboolean right)
{
  glong pad = MAX (width - g_utf8_strlen (text, -1), 0);

  if (right)
    g_print ("%*s%s", (int)pad, "", text);
  else
    g_print ("%s%*s", text, (int)pad, "");
}

static const char *
mode_label (PsScalingMode mode)
{
  switch (mode)
    {
    case PS_SCALING_STRONG:
      return C_ ("scaling mode", "strong");
    case PS_SCALING_WEAK:
      return C_ ("scaling mode", "weak");
    case PS_SCALING_SIZE:
      return C_ ("scaling mode", "size");
    default:
      return ps_scaling_mode_name (mode);
    }
}

static void
on_scaling_progress (const PsScalingProgress *p, gpointer user_data)
{
  g_printerr ("  %-10s ", p->backend);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%3d worker   %12llu items  median %9.4f s",
                           "%3d workers  %12llu items  median %9.4f s", p->point.workers),
              p->point.workers, (unsigned long long)p->point.size, p->point.wall_median);
  g_printerr ("%s  (%u/%u)\n", p->point.oversubscribed ? _ ("  oversubscribed") : "", p->done,
              p->total);
}

/* The warnings of a point, in words, for the line under the table. */
static void
append_warnings (GString *out, const PsScalingPoint *p)
{
  const char *sep = "";

  if (p->warnings & PS_SCALING_WARN_OVERSUBSCRIBED)
    {
      g_string_append_printf (out, "%s%s", sep, _ ("more workers than cores"));
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_OTHER_LOAD)
    {
      g_string_append (out, sep);
      g_string_append_printf (out, _ ("other processes used %.0f %% of the machine"),
                              100.0 * p->other_load);
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_WIDE)
    {
      g_string_append_printf (out, "%s%s", sep,
                              _ ("the speedup's interval is wider than its distance from 1"));
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_OUTLIERS)
    {
      g_string_append (out, sep);
      g_string_append_printf (
          out, g_dngettext (GETTEXT_PACKAGE, "%u outlier", "%u outliers", p->outliers),
          p->outliers);
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_SHORT)
    {
      g_string_append_printf (out, "%s%s", sep,
                              _ ("samples shorter than --min-time (--max-time reached)"));
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_NO_INTERVAL)
    {
      g_string_append_printf (out, "%s%s", sep,
                              _ ("fewer than 6 samples: no interval of the median"));
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_KF_UNDEFINED)
    {
      g_string_append_printf (out, "%s%s", sep,
                              _ ("Karp-Flatt not shown: the timings are too noisy for it"));
      sep = "; ";
    }
  if (p->warnings & PS_SCALING_WARN_KF_RISING)
    {
      g_string_append_printf (out, "%s%s", sep,
                              _ ("Karp-Flatt rises with the workers: overhead grows, not a "
                                 "serial fraction"));
      sep = "; ";
    }
}

static void
print_table (const PsScalingResult *r)
{
  const char *heads[] = {
    C_ ("scaling table", "backend"),
    C_ ("scaling table", "workers"),
    C_ ("scaling table", "size"),
    C_ ("scaling table", "median s"),
    /* xgettext:no-c-format */
    C_ ("scaling table", "± %"),
    C_ ("scaling table", "speedup"),
    /* xgettext:no-c-format */
    C_ ("scaling table", "95 % interval"),
    C_ ("scaling table", "efficiency"),
    C_ ("scaling table", "overhead s"),
    C_ ("scaling table", "Karp-Flatt"),
    C_ ("scaling table", "CPU/wall"),
  };
  /* The narrowest columns; a translated heading may widen its column, so the widths
   * are counted in characters and the rows follow them. */
  int w[G_N_ELEMENTS (heads)] = { 10, 8, 13, 10, 6, 9, 15, 11, 11, 11, 9 };
  g_autoptr (GString) notes = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
    w[k] = MAX (w[k], (int)g_utf8_strlen (heads[k], -1));
  if (r->repeats > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s — %s scaling, %u repeat",
                          "%s — %s scaling, %u repeats", r->repeats),
             r->study_name, mode_label (r->mode), r->repeats);
  else
    g_print (_ ("%s — %s scaling, samples until the median is known within 2 %%"), r->study_name,
             mode_label (r->mode));
  g_print ("\n  ");
  g_print (_ ("each sample at least %.3g s (runs repeated back to back); clock resolution %.3g s"),
           MAX (r->min_time, 1000.0 * r->timer_resolution), r->timer_resolution);
  g_print ("\n  ");
  for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
    {
      if (k > 0)
        g_print (" ");
      print_cell (heads[k], w[k], k > 0);
    }
  g_print ("\n");
  for (guint i = 0; i < r->series->len; i++)
    {
      const PsScalingSeries *s = g_ptr_array_index (r->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          const PsScalingPoint *p = &g_array_index (s->points, PsScalingPoint, j);
          g_autofree char *interval = NULL;

          g_print ("  %-*s %*d %*" G_GUINT64_FORMAT " %*.4g", w[0], s->backend, w[1], p->workers,
                   w[2], p->size, w[3], p->wall_median);
          if (isfinite (p->wall_median_lo) && p->wall_median_lo > 0.0)
            g_print (
                " %*.1f", w[4],
                100.0 * MAX (p->wall_median - p->wall_median_lo, p->wall_median_hi - p->wall_median)
                    / p->wall_median);
          else
            g_print (" %*s", w[4], "");
          if (isfinite (p->speedup))
            {
              interval = isfinite (p->speedup_lo)
                             ? g_strdup_printf ("%.3f–%.3f", p->speedup_lo, p->speedup_hi)
                             : g_strdup ("");
              g_print (" %*.3f ", w[5], p->speedup);
              print_cell (interval, w[6], TRUE);
              g_print (" %*.1f %% %*.4g", w[7] - 2, 100.0 * p->efficiency, w[8], p->overhead);
            }
          else
            g_print (" %*s %*s %*s %*s", w[5], "", w[6], "", w[7], "", w[8], "");
          if (isfinite (p->karp_flatt))
            g_print (" %*.4f", w[9], p->karp_flatt);
          else
            g_print (" %*s", w[9], "–");
          if (isfinite (p->cpu_per_wall))
            g_print (" %*.2f", w[10], p->cpu_per_wall);
          g_print ("%s\n", p->oversubscribed ? _ ("  (oversubscribed)") : "");
          if (p->warnings != 0)
            {
              g_string_append_printf (notes, "  ! %s, ", s->backend);
              g_string_append_printf (
                  notes, g_dngettext (GETTEXT_PACKAGE, "%d worker", "%d workers", p->workers),
                  p->workers);
              g_string_append (notes, ": ");
              append_warnings (notes, p);
              g_string_append_c (notes, '\n');
            }
        }
      if (s->fit.model != NULL && g_str_equal (s->fit.model, "size"))
        {
          g_print ("  %-10s ", s->backend);
          g_print (_ ("time = %.4g s + %.4g s × %s (adjusted R² %.4f)"), s->fit.c0, s->fit.c1,
                   s->fit.term, s->fit.adj_r2);
          if (s->fit.runner_up[0] != '\0')
            g_print (_ ("; next best %s (%.4f)"), s->fit.runner_up, s->fit.runner_up_adj_r2);
          g_print ("\n");
        }
      else if (s->fit.model != NULL)
        {
          g_print ("  %-10s ", s->backend);
          /* The model is amdahl or gustafson, as in scaling.json. */
          g_print (_ ("%s fit: serial fraction %.4f (95 %% %.4f–%.4f)"), s->fit.model,
                   s->fit.serial_fraction, s->fit.serial_fraction_lo, s->fit.serial_fraction_hi);
          if (isfinite (s->fit.max_speedup))
            g_print (_ (", speedup ceiling %.1f"), s->fit.max_speedup);
          g_print ("\n");
        }
    }
  if (notes->len > 0)
    g_print ("%s", notes->str);
}

/* --compare A.json B.json */
static int
compare (const char *path_a, const char *path_b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsScalingResult) a = ps_scaling_result_load (path_a, &error);
  g_autoptr (PsScalingResult) b = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *interval_head;

  if (a == NULL)
    return report ("scale", error);
  b = ps_scaling_result_load (path_b, &error);
  if (b == NULL)
    return report ("scale", error);
  if (a->mode != b->mode)
    {
      g_printerr ("parastudy-cli scale: %s\n",
                  _ ("--compare: the two results are of different scaling modes"));
      return EXIT_INVALID;
    }
  rows = ps_scaling_compare (a, b);
  g_print ("A  %s — %s\n   %s\n", path_a, a->study_name, a->machine);
  g_print ("B  %s — %s\n   %s\n", path_b, b->study_name, b->machine);
  if (rows->len == 0)
    {
      g_printerr ("parastudy-cli scale: %s\n",
                  _ ("--compare: no points in common (backend and workers or size)"));
      return EXIT_INVALID;
    }
  /* xgettext:no-c-format */
  interval_head = C_ ("scaling table", "95 % interval");
  g_print ("  %-10s %8s %13s %12s %12s %9s %17s %9s\n", C_ ("scaling table", "backend"),
           C_ ("scaling table", "workers"), C_ ("scaling table", "size"), _ ("A median s"),
           _ ("B median s"), _ ("B/A"), interval_head, _ ("p (U test)"));
  for (guint i = 0; i < rows->len; i++)
    {
      const PsScalingComparison *c = &g_array_index (rows, PsScalingComparison, i);
      g_autofree char *interval = g_strdup_printf ("%.3f–%.3f", c->ratio_lo, c->ratio_hi);

      g_print ("  %-10s %8d %13" G_GUINT64_FORMAT " %12.4g %12.4g %9.3f ", c->backend, c->workers,
               c->size, c->median_a, c->median_b, c->ratio);
      print_cell (interval, 17, TRUE);
      if (isfinite (c->p_value))
        g_print (" %9.4f", c->p_value);
      g_print ("\n");
    }
  g_print ("  %s\n", _ ("B/A < 1: B is faster. p: Mann-Whitney U test of the samples "
                        "(two-sided); p < 0.05 says the difference is not noise."));
  return EXIT_OK;
}

static char *
default_scaling_dir (const char *study_path)
{
  g_autofree char *stem = ps_study_file_stem (study_path);

  return g_strconcat (stem, "-scaling", NULL);
}

int
ps_cli_scale (int argc, char **argv)
{
  g_autofree char *backends = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *history_path = NULL;
  gboolean size_scaling = FALSE, no_history = FALSE, json = FALSE, compare_mode = FALSE;
  gint repeats = -1, warmup = 1; /* -1: automatic */
  double min_time = 0.2, max_time = 30.0;
  GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backends,
      N_ ("Backends to compare, e.g. threads,processes (default threads)"), "B[,B...]" },
    { "workers", 'w', 0, G_OPTION_ARG_STRING, &workers,
      N_ ("Worker counts, e.g. 1,2,4,8 (default 1 to the core count, doubling)"), "N[,N...]" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name,
      N_ ("strong (same work) or weak (work grows with the workers); default strong"), "MODE" },
    { "size-scaling", 0, 0, G_OPTION_ARG_NONE, &size_scaling,
      N_ ("One worker count, the work at several sizes (--sizes)"), NULL },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes,
      N_ ("Size factors for --size-scaling (default 0.125,0.25,0.5,1)"), "F[,F...]" },
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &repeats,
      N_ ("Timed samples per point (default: until the median is known within 2 %, at most "
          "10)"),
      "R" },
    { "min-time", 0, 0, G_OPTION_ARG_DOUBLE, &min_time,
      N_ ("Shortest timed sample in seconds; short runs are repeated back to back (default 0.2)"),
      "S" },
    { "max-time", 0, 0, G_OPTION_ARG_DOUBLE, &max_time,
      N_ ("Most seconds a point's samples may take (default 30)"), "S" },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare_mode,
      N_ ("Compare two scaling results: scale --compare A.json B.json"), NULL },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup, N_ ("Untimed runs before each point (default 1)"),
      "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_ ("Output folder for scaling.json and scaling.csv (default STUDY-scaling)"), "DIR" },
    { "history", 0, 0, G_OPTION_ARG_FILENAME, &history_path,
      N_ ("History database (default: PARASTUDY_HISTORY or the user's data folder)"), "PATH" },
    { "no-history", 0, 0, G_OPTION_ARG_NONE, &no_history,
      N_ ("Do not record the runs in the history"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print scaling.json"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new (_ ("STUDY.json — how a study's run time scales"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsScalingResult) result = NULL;
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) factors = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) backend_list = NULL;
  g_autoptr (PsHistory) history = NULL;
  PsScalingOptions o = { 0 };
  RecordData record = { NULL, NULL, FALSE };

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("parastudy-cli scale: %s\n", error->message);
      return EXIT_INVALID;
    }
  if (compare_mode)
    {
      if (argc != 3)
        {
          g_printerr ("parastudy-cli scale: %s\n",
                      _ ("expected two scaling results: parastudy-cli scale --compare A.json "
                         "B.json"));
          return EXIT_INVALID;
        }
      return compare (argv[1], argv[2]);
    }
  if (argc != 2)
    {
      g_printerr ("parastudy-cli scale: %s\n",
                  _ ("expected one study file: parastudy-cli scale STUDY.json"));
      return EXIT_INVALID;
    }
  if (size_scaling)
    o.mode = PS_SCALING_SIZE;
  else if (mode_name != NULL && !ps_scaling_mode_from_name (mode_name, &o.mode))
    {
      g_printerr ("parastudy-cli scale: --mode: %s \"%s\"\n", _ ("expected strong or weak, got"),
                  mode_name);
      return EXIT_INVALID;
    }
  if (mode_name != NULL && size_scaling)
    {
      g_printerr ("parastudy-cli scale: %s\n",
                  _ ("--mode and --size-scaling cannot be used together"));
      return EXIT_INVALID;
    }
  if (repeats == 0 || repeats < -1 || repeats > PS_SCALING_MAX_SAMPLES || warmup < 0)
    {
      g_printerr ("parastudy-cli scale: %s\n",
                  _ ("--repeats must be 1 to 100 (absent: automatic) and --warmup at least 0"));
      return EXIT_INVALID;
    }
  if (!(min_time >= 0.0) || !(max_time >= 0.0) || !isfinite (min_time) || !isfinite (max_time))
    {
      g_printerr ("parastudy-cli scale: %s\n", _ ("--min-time and --max-time must be 0 s or more"));
      return EXIT_INVALID;
    }
  if (workers != NULL && !ps_scaling_parse_workers (workers, counts, &error))
    {
      g_prefix_error (&error, "--workers: ");
      return report ("scale", error);
    }
  if (workers == NULL)
    {
      ps_scaling_default_workers (ps_machine_get ()->cores, counts);
      if (size_scaling)
        g_array_set_size (counts, 1);
    }
  if (!parse_double_list (sizes != NULL ? sizes : "0.125,0.25,0.5,1", factors, &error))
    return report ("scale", error);
  if (sizes != NULL && !size_scaling)
    {
      g_printerr ("parastudy-cli scale: %s\n", _ ("--sizes goes with --size-scaling"));
      return EXIT_INVALID;
    }
  backend_list = g_strsplit (backends != NULL ? backends : "threads", ",", -1);

  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    {
      g_prefix_error (&error, "%s: ", argv[1]);
      return report ("scale", error);
    }
  if (!no_history)
    {
      history = ps_history_open (history_path, &error);
      if (history == NULL)
        {
          g_printerr ("parastudy-cli scale: %s: %s\n",
                      _ ("warning: the runs will not be recorded in the history"), error->message);
          g_clear_error (&error);
        }
    }
  record.history = history;
  record.mode = ps_scaling_mode_name (o.mode);

  o.backends = (const char *const *)backend_list;
  o.workers = (const int *)counts->data;
  o.n_workers = counts->len;
  o.sizes = (const double *)factors->data;
  o.n_sizes = size_scaling ? factors->len : 0;
  o.repeats = repeats < 0 ? 0 : (guint)repeats;
  o.warmup = (guint)warmup;
  o.min_time = min_time;
  o.max_time = max_time;
  o.progress = on_scaling_progress;
  o.run_done = on_scaling_run;
  o.run_done_data = &record;

  result = ps_scaling_run (study, &o, &error);
  if (result == NULL)
    return report ("scale", error);
  if (out_dir == NULL)
    out_dir = default_scaling_dir (argv[1]);
  if (!ps_scaling_result_write (result, out_dir, &error))
    return report ("scale", error);
  if (history != NULL && !record.warned)
    {
      g_autofree char *text = ps_scaling_result_to_json (result);

      if (!ps_history_add_scaling (history, study, record.mode, text, &error))
        g_printerr ("parastudy-cli scale: %s: %s\n",
                    _ ("warning: the scaling study was not recorded in the history"),
                    error->message);
    }
  if (json)
    {
      g_autofree char *text = ps_scaling_result_to_json (result);

      g_print ("%s\n", text);
    }
  else
    {
      g_autoptr (GString) wrote = g_string_new (NULL);

      print_table (result);
      ps_text_label (wrote, C_ ("summary", "wrote"));
      g_print ("%s%s/scaling.json, %s/scaling.csv\n", wrote->str, out_dir, out_dir);
    }
  return EXIT_OK;
}

int
ps_cli_history (int argc, char **argv)
{
  g_autofree char *study = NULL;
  g_autofree char *history_path = NULL;
  gboolean json = FALSE;
  gint limit = 50;
  GOptionEntry entries[]
      = { { "study", 's', 0, G_OPTION_ARG_STRING, &study, N_ ("Only the runs of this study name"),
            "NAME" },
          { "history", 0, 0, G_OPTION_ARG_FILENAME, &history_path,
            N_ ("History database (default: PARASTUDY_HISTORY or the user's data folder)"),
            "PATH" },
          { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_ ("At most N runs, newest first (0: all)"),
            "N" },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_ ("— the runs recorded so far"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsHistory) history = NULL;
  g_autoptr (GArray) runs = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 || limit < 0)
    {
      g_printerr ("parastudy-cli history: %s\n",
                  error ? error->message : _ ("expected no arguments besides the options"));
      return EXIT_INVALID;
    }
  history = ps_history_open (history_path, &error);
  if (history == NULL)
    return report ("history", error);
  runs = ps_history_list_runs (history, study, (guint)limit, &error);
  if (runs == NULL)
    return report ("history", error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < runs->len; i++)
        {
          const PsHistoryRun *r = &g_array_index (runs, PsHistoryRun, i);
          g_autoptr (JsonParser) parser = json_parser_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "recorded");
          json_builder_add_string_value (b, r->recorded);
          json_builder_set_member_name (b, "study");
          json_builder_add_string_value (b, r->study_name);
          json_builder_set_member_name (b, "study_sha256");
          json_builder_add_string_value (b, r->study_sha256);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, r->kind);
          json_builder_set_member_name (b, "backend");
          json_builder_add_string_value (b, r->backend);
          json_builder_set_member_name (b, "workers");
          json_builder_add_int_value (b, r->workers);
          json_builder_set_member_name (b, "items");
          json_builder_add_int_value (b, (gint64)r->items);
          json_builder_set_member_name (b, "wall_seconds");
          json_builder_add_double_value (b, r->wall_seconds);
          json_builder_set_member_name (b, "cpu_seconds");
          json_builder_add_double_value (b, r->cpu_seconds);
          json_builder_set_member_name (b, "peak_rss_bytes");
          json_builder_add_int_value (b, (gint64)r->peak_rss_bytes);
          json_builder_set_member_name (b, "scaling_mode");
          if (r->scaling_mode != NULL)
            json_builder_add_string_value (b, r->scaling_mode);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "summary");
          if (r->summary != NULL && json_parser_load_from_data (parser, r->summary, -1, NULL))
            json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      text = ps_json_builder_to_data (b, TRUE);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u run", "%s: %u runs", runs->len),
           ps_history_get_path (history), runs->len);
  g_print ("%s\n", limit > 0 && runs->len == (guint)limit ? _ (" (newest)") : "");
  for (guint i = 0; i < runs->len; i++)
    {
      const PsHistoryRun *r = &g_array_index (runs, PsHistoryRun, i);

      g_print ("  %5" G_GINT64_FORMAT "  %.19s  %-28s %-11s %-9s %3d  ", r->id, r->recorded,
               r->study_name, r->kind, r->backend, r->workers);
      g_print (_ ("%12llu items  %9.3f s"), (unsigned long long)r->items, r->wall_seconds);
      if (r->scaling_mode != NULL)
        {
          g_print ("  ");
          /* The scaling mode (strong, weak or size) as the history records it. */
          g_print (_ ("scaling %s"), r->scaling_mode);
        }
      g_print ("\n");
    }
  return EXIT_OK;
}
