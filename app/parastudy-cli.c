/* parastudy-cli: the engine from the command line.
 *
 * Everything the GUI does can be done here headless; exit status 0 is success, 1 a
 * run that failed, 2 bad input (the message names the JSON path or the argument),
 * 128 + the signal for a run ended by one: 130 for SIGINT (Ctrl+C), 143 for SIGTERM.
 */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "parastudy.h"
#include "ps-app-i18n.h"
#include "ps-cli-scale.h"
#include "ps-cli-watchdog.h"
#include "backends/mpi/ps-mpi-launch.h"
#include "study/ps-text.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_INVALID = 2,
  EXIT_CANCELLED = 130,
};

static gint cancel_flag = 0;

/* Reading the study and the arguments is "bad input" (2) whatever went wrong; during
 * a run, only an invalid option is, and an I/O error is a failed run (1). */
static gboolean reading_input = TRUE;

static int
exit_code_for (const GError *error)
{
  if (error->domain == PS_ERROR && error->code == PS_ERROR_CANCELLED)
    return ps_cli_watchdog_signal () != 0 ? 128 + ps_cli_watchdog_signal () : EXIT_CANCELLED;
  if (reading_input && error->domain == PS_ERROR)
    return EXIT_INVALID;
  if (error->domain == PS_ERROR
      && (error->code == PS_ERROR_INVALID || error->code == PS_ERROR_UNSUPPORTED))
    return EXIT_INVALID;
  if (error->domain == G_OPTION_ERROR)
    return EXIT_INVALID;
  return EXIT_FAILED;
}

static int
fail (const char *what, const GError *error)
{
  if (what != NULL)
    g_printerr ("parastudy-cli: %s: %s\n", what, error->message);
  else
    g_printerr ("parastudy-cli: %s\n", error->message);
  return exit_code_for (error);
}

typedef struct
{
  gint64 last_us;
  gboolean shown;
} ProgressLine;

static void
on_progress (const PsProgress *p, gpointer user_data)
{
  ProgressLine *line = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - line->last_us < 100000 && p->items_done < p->items_total)
    return;
  line->last_us = now;
  line->shown = TRUE;
  fputs ("\r  ", stderr);
  fprintf (stderr, _ ("%5.1f %%  %llu / %llu items  %.3g items/s  %.0f s left   "),
           100.0 * (double)p->items_done / (double)MAX (p->items_total, 1),
           (unsigned long long)p->items_done, (unsigned long long)p->items_total,
           p->elapsed > 0 ? (double)p->items_done / p->elapsed : 0.0, p->eta > 0 ? p->eta : 0.0);
  fflush (stderr);
}

/* --progress-lines: for a program that runs this one (the GUI's MPI runs). */
static void
on_progress_line (const PsProgress *p, gpointer user_data)
{
  ProgressLine *line = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = NULL;

  if (now - line->last_us < 100000 && p->items_done < p->items_total)
    return;
  line->last_us = now;
  text = ps_mpi_progress_format (p);
  fputs (text, stderr);
  fflush (stderr);
}

/* The names of the backends, in list order, joined by @sep; only those with every
 * flag of @with and none of @without. */
static char *
backend_names (PsBackendFlags with, PsBackendFlags without, const char *sep)
{
  const PsBackend *const *all = ps_backends_list ();
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; all[i] != NULL; i++)
    if ((all[i]->flags & with) == with && (all[i]->flags & without) == 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? sep : "", all[i]->name);
  return g_strdup (names->str);
}

static char *
default_out_dir (const char *study_path)
{
  g_autofree char *stem = ps_study_file_stem (study_path);

  return g_strconcat (stem, "-results", NULL);
}

static int
cmd_run (int argc, char **argv)
{
  g_autofree char *backend = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *rows = NULL;
  gboolean json = FALSE;
  gint workers = G_MININT; /* unset */
  double chunk_timeout = 0.0;
  g_autofree char *history_path = NULL;
  gboolean no_history = FALSE;
  gint workers_per_rank = 0;
  gboolean progress_lines = FALSE;
  gboolean resume = FALSE;
  GOptionEntry entries[] = {
    /* Its description lists the backends (below). */
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend, NULL, "NAME" },
    { "workers-per-rank", 0, 0, G_OPTION_ARG_INT, &workers_per_rank,
      N_ ("mpi: OpenMP threads in each MPI rank (default OMP_NUM_THREADS or 1)"), "T" },
    { "progress-lines", 0, 0, G_OPTION_ARG_NONE, &progress_lines,
      N_ ("Print progress on stderr as lines 'progress DONE TOTAL ELAPSED ETA'"), NULL },
    { "chunk-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &chunk_timeout,
      N_ ("processes: a worker that spends longer than this on one chunk is killed and "
          "its chunk retried (default: no limit)"),
      "SECONDS" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers, N_ ("Worker count (default: all cores)"),
      "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, N_ ("Output folder (default: STUDY-results)"),
      "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows,
      N_ ("Rows in results.csv: all, passing or none (default: all up to a million items)"),
      "WHICH" },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume,
      N_ ("Go on with the interrupted run of this study in DIR from its last checkpoint"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the summary as JSON"), NULL },
    { "history", 0, 0, G_OPTION_ARG_FILENAME, &history_path,
      N_ ("History database (default: PARASTUDY_HISTORY or the user's data folder)"), "PATH" },
    { "no-history", 0, 0, G_OPTION_ARG_NONE, &no_history,
      N_ ("Do not record the run in the history"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_ ("STUDY.json — run a study"));
  g_autofree char *names = backend_names (0, 0, ", ");
  g_autofree char *backend_help
      = g_strdup_printf (_ ("one of %s (default %s)"), names, ps_backend_default_name ());
  const PsBackend *chosen = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) result = NULL;
  PsRunOptions opts;
  ProgressLine line = { 0, FALSE };

  entries[0].description = backend_help;
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail (NULL, error);
  if (argc != 2)
    {
      g_printerr ("parastudy-cli run: %s\n",
                  _ ("expected one study file: parastudy-cli run STUDY.json"));
      return EXIT_INVALID;
    }
  if (workers != G_MININT && workers < 1)
    {
      g_printerr ("parastudy-cli run: --workers: %s (got %d)\n", _ ("must be ≥ 1"), workers);
      return EXIT_INVALID;
    }

  if (workers_per_rank != 0 && (workers_per_rank < 1 || workers_per_rank > 4096))
    {
      g_printerr ("parastudy-cli run: --workers-per-rank: %s (got %d)\n",
                  _ ("must be between 1 and 4096"), workers_per_rank);
      return EXIT_INVALID;
    }
  /* Threads in each worker: for backends whose workers run several (MPI ranks). */
  chosen = ps_backend_lookup (backend != NULL ? backend : ps_backend_default_name ());
  if (workers_per_rank != 0 && (chosen == NULL || !(chosen->flags & PS_BACKEND_WORKER_THREADS)))
    {
      g_autofree char *with = backend_names (PS_BACKEND_WORKER_THREADS, 0, ", ");

      g_printerr ("parastudy-cli run: --workers-per-rank: ");
      g_printerr (_ ("goes with --backend %s"), with);
      g_printerr ("\n");
      return EXIT_INVALID;
    }
  if (chosen != NULL && chosen->set_worker_threads != NULL)
    chosen->set_worker_threads (workers_per_rank);

  if (!(chunk_timeout >= 0.0) || !isfinite (chunk_timeout))
    {
      g_printerr ("parastudy-cli run: --chunk-timeout: %s (got %g)\n",
                  _ ("must be a number of seconds ≥ 0"), chunk_timeout);
      return EXIT_INVALID;
    }

  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    return fail (argv[1], error);

  ps_run_options_init (&opts);
  opts.backend = backend;
  opts.workers = workers > 0 ? workers : 0;
  opts.chunk_timeout = chunk_timeout;
  if (rows == NULL)
    opts.rows = ps_study_get_n_items (study) <= 1000000 ? PS_ROWS_ALL : PS_ROWS_NONE;
  else if (g_str_equal (rows, "all"))
    opts.rows = PS_ROWS_ALL;
  else if (g_str_equal (rows, "passing"))
    opts.rows = PS_ROWS_PASSING;
  else if (g_str_equal (rows, "none"))
    opts.rows = PS_ROWS_NONE;
  else
    {
      g_printerr ("parastudy-cli run: --rows: %s \"%s\"\n",
                  _ ("expected all, passing or none, got"), rows);
      return EXIT_INVALID;
    }
  if (ps_study_get_kind (study)->write_header == NULL)
    opts.rows = PS_ROWS_NONE; /* this kind has no per-item rows */
  if (out_dir == NULL)
    out_dir = default_out_dir (argv[1]);
  if (resume)
    {
      PsCheckpointInfo info;

      /* Said before the run, with the reason when there is nothing to resume. */
      if (!ps_run_dir_find_checkpoint (out_dir, study, &info, &error))
        return fail (NULL, error);
      /* Without --rows, the rows of the run it resumes; with other rows the run
       * refuses, with the reason. */
      if (rows == NULL)
        opts.rows = info.rows;
      if (opts.rows == info.rows)
        {
          g_printerr ("parastudy-cli: ");
          g_printerr (_ ("resuming the run started %s: %llu of %llu items done in %.0f s"),
                      info.started, (unsigned long long)info.items_done,
                      (unsigned long long)info.items, info.elapsed_seconds);
          g_printerr ("\n");
        }
      ps_checkpoint_info_clear (&info);
      opts.resume = TRUE;
    }
  opts.cancel = &cancel_flag;
  opts.may_commit = ps_cli_watchdog_may_commit;
  if (isatty (STDOUT_FILENO) && isatty (STDERR_FILENO))
    {
      opts.progress = on_progress;
      opts.progress_data = &line;
    }
  if (progress_lines)
    {
      opts.progress = on_progress_line;
      opts.progress_data = &line;
    }
  if (!ps_run_check_options (&opts, &error))
    return fail (NULL, error);
  ps_cli_watchdog_set_dir (out_dir);
  ps_cli_watchdog_start (&cancel_flag, PS_CLI_WATCHDOG_GRACE_MS);
  reading_input = FALSE;
  result = ps_run_to_dir (study, &opts, out_dir, &error);
  if (line.shown && !progress_lines)
    fputs ("\n", stderr);
  if (result == NULL)
    return fail (argv[1], error);
  ps_cli_record_run (history_path, !no_history, study, result); /* app/cli-scale.c */

  if (json)
    {
      g_autofree char *summary = ps_run_summary_json (study, result);

      fputs (summary, stdout);
      fputs ("\n", stdout);
    }
  else
    {
      g_autofree char *text = ps_run_summary_text (study, result);
      g_autofree char *size = g_format_size (result->rows_bytes);
      g_autoptr (GString) wrote = g_string_new (NULL);

      fputs (text, stdout);
      ps_text_label (wrote, C_ ("summary", "wrote"));
      g_string_append_printf (wrote, "%s/summary.json", out_dir);
      if (opts.rows != PS_ROWS_NONE)
        g_string_append_printf (wrote, ", %s/results.csv (%s)", out_dir, size);
      for (guint i = 0; ps_study_get_kind (study)->output_files != NULL
                        && ps_study_get_kind (study)->output_files[i];
           i++)
        g_string_append_printf (wrote, ", %s/%s", out_dir,
                                ps_study_get_kind (study)->output_files[i]);
      g_print ("%s\n", wrote->str);
      if (rows == NULL && opts.rows == PS_ROWS_NONE
          && ps_study_get_kind (study)->write_header != NULL)
        g_print ("  %s\n", _ ("results.csv not written for a sweep this large: add --rows all or "
                              "--rows passing"));
    }
  /* The files are written and say so; the answer is not one to use. */
  if (result->failure != NULL)
    {
      g_printerr ("parastudy-cli: %s: %s\n", argv[1], result->failure);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static int
cmd_validate (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;

  if (argc != 2)
    {
      g_printerr ("parastudy-cli validate: %s\n", _ ("expected one study file"));
      return EXIT_INVALID;
    }
  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    return fail (argv[1], error);
  g_print (_ ("%s: valid %s study \"%s\", %llu items\n"), argv[1], ps_study_get_kind_name (study),
           ps_study_get_name (study), (unsigned long long)ps_study_get_n_items (study));
  return EXIT_OK;
}

/* The kinds that have an example, for messages: "beam|reliability|regression" with
 * @separator "|". */
static char *
example_kinds (const char *separator)
{
  const PsKindClass *const *kinds = ps_kinds_list ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (!kinds[i]->hidden && kinds[i]->example != NULL)
      g_string_append_printf (s, "%s%s", s->len > 0 ? separator : "", kinds[i]->name);
  return g_string_free (s, FALSE);
}

static int
cmd_example (int argc, char **argv)
{
  const PsKindClass *kind;
  g_autofree char *kinds = example_kinds (", ");

  if (argc != 2)
    {
      g_autofree char *names = ps_kinds_names_text (FALSE);
      g_autofree char *msg = g_strdup_printf (_ ("expected a kind: %s"), names);

      g_printerr ("parastudy-cli example: %s\n", msg);
      return EXIT_INVALID;
    }
  kind = ps_kind_lookup (argv[1]);
  if (kind == NULL || kind->hidden || kind->example == NULL)
    {
      g_autofree char *available = g_strdup_printf (_ ("available: %s"), kinds);

      g_printerr ("parastudy-cli example: %s \"%s\" (%s)\n", _ ("no example for"), argv[1],
                  available);
      return EXIT_INVALID;
    }
  fputs (kind->example, stdout);
  return EXIT_OK;
}

/* Prints @text left-aligned in @width characters (printf pads bytes, and a
 * translation may have accented letters). */
static void
print_padded (const char *text, glong width)
{
  g_print ("%s", text);
  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    g_print (" ");
}

/* The first two columns of a row of `backends`: the name and its state. */
static void
print_backend_state (const char *name, const char *state, glong width)
{
  g_print ("  %-10s ", name);
  print_padded (state, width);
}

/* The table of the backends this build has; then a line about what each uses (the
 * MPI library, the GPU) and one for each backend it was built without. */
static int
cmd_backends (int argc, char **argv)
{
  const PsBackend *const *all = ps_backends_list ();
  const PsMachine *m = ps_machine_get ();
  g_autofree char *mem = g_format_size_full (m->memory_bytes, G_FORMAT_SIZE_IEC_UNITS);
  glong state_width
      = MAX (10, MAX (g_utf8_strlen (_ ("available"), -1), g_utf8_strlen (_ ("unavailable"), -1)));
  g_autoptr (GArray) infos = g_array_new (FALSE, TRUE, sizeof (PsBackendInfo));

  g_array_set_clear_func (infos, (GDestroyNotify)ps_backend_info_clear);
  g_print (_ ("Machine: %s, %d cores, %s memory\n"), m->cpu_model, m->cores, mem);
  for (guint i = 0; all[i] != NULL; i++)
    {
      PsBackendInfo info;

      ps_backend_get_info (all[i], &info);
      g_array_append_val (infos, info);
    }
  for (guint i = 0; all[i] != NULL; i++)
    {
      const PsBackendInfo *info = &g_array_index (infos, PsBackendInfo, i);

      if (all[i]->flags & PS_BACKEND_NOT_BUILT)
        continue;
      print_backend_state (all[i]->name, info->available ? _ ("available") : _ ("unavailable"),
                           state_width);
      g_print (" %s", _ (all[i]->description));
      if (info->available)
        g_print (g_dngettext (GETTEXT_PACKAGE, " (default %d worker)", " (default %d workers)",
                              info->default_workers),
                 info->default_workers);
      else
        g_print (" — %s", info->reason);
      g_print ("\n");
    }
  for (guint i = 0; all[i] != NULL; i++)
    {
      const PsBackendInfo *info = &g_array_index (infos, PsBackendInfo, i);

      if (all[i]->flags & PS_BACKEND_NOT_BUILT)
        {
          print_backend_state (all[i]->name, _ ("unavailable"), state_width);
          g_print (" %s\n", info->reason);
        }
      else if (info->details != NULL)
        g_print ("  %-10s %s\n", "", info->details);
    }
  return EXIT_OK;
}

static int
cmd_tables (int argc, char **argv, gboolean sections)
{
  if (sections)
    {
      g_print ("# %s\n", ps_sections_get_source ());
      print_padded (C_ ("sections table", "designation"), 12);
      g_print (" %8s %8s %10s %12s %10s %8s\n", "h [mm]", "b [mm]", "A [cm²]", "Iy [cm⁴]",
               "Wy [cm³]", "kg/m");
      for (guint i = 0; i < ps_sections_get_n (); i++)
        {
          const PsSectionInfo *s = ps_sections_get_nth (i);

          g_print ("%-12s %8.1f %8.1f %10.2f %12.1f %10.1f %8.1f\n", s->designation, s->h * 1e3,
                   s->b * 1e3, s->A * 1e4, s->I * 1e8, s->W * 1e6, s->mass);
        }
    }
  else
    {
      g_print ("# %s\n", ps_materials_get_source ());
      print_padded (C_ ("materials table", "name"), 10);
      g_print (" ");
      print_padded (C_ ("materials table", "family"), 10);
      g_print (" %8s %10s %10s %10s\n", "E [GPa]", "f_k [MPa]", "f_d [MPa]", "ρ [kg/m³]");
      for (guint i = 0; i < ps_materials_get_n (); i++)
        {
          const PsMaterialInfo *m = ps_materials_get_nth (i);

          g_print ("%-10s %-10s %8.1f %10.1f %10.2f %10.0f\n", m->name, m->family, m->E * 1e-9,
                   m->f_k * 1e-6, m->f_d * 1e-6, m->density);
        }
    }
  return EXIT_OK;
}

int ps_cli_diagram (int argc, char **argv);
int ps_cli_plot (int argc, char **argv);
int ps_cli_export_job (int argc, char **argv);
int ps_cli_report (int argc, char **argv);
int ps_cli_export (int argc, char **argv);

static void
usage (FILE *f)
{
  const PsBackend *const *all = ps_backends_list ();
  g_autofree char *here = backend_names (0, PS_BACKEND_NEEDS_LAUNCHER, "|");
  g_autofree char *kinds = example_kinds ("|");

  fprintf (f, "%s", _ ("Usage: parastudy-cli COMMAND [OPTIONS]\n\nCommands:\n"));
  /* TRANSLATORS: %s is the list of backends, "serial|threads|processes|gpu". */
  fprintf (
      f,
      _ ("  run STUDY.json [--backend %s] [--workers N]\n"
         "                 [--out DIR] [--rows all|passing|none] [--chunk-timeout S]\n"
         "                 [--resume] [--history PATH] [--no-history] [--json]\n"
         "                           Run a study; write DIR/summary.json and DIR/results.csv;\n"
         "                           --resume goes on from the checkpoint of a run that was\n"
         "                           killed\n"),
      here);
  /* Backends that run under a launcher, and how (mpirun -n N parastudy-cli run …). */
  for (guint i = 0; all[i] != NULL; i++)
    if (all[i]->launch_usage != NULL)
      fprintf (f, "  %s\n                           %s\n", all[i]->launch_usage,
               _ (all[i]->launch_help));
  /* TRANSLATORS: %s is the list of study kinds, "beam|reliability|regression". */
  fprintf (f,
           _ ("  export-job STUDY.json --scheduler slurm --nodes K --tasks-per-node P\n"
              "                 --time HH:MM:SS [--workers-per-rank T] [--out job.sh]\n"
              "                           Write a Slurm batch script for an MPI run\n"
              "  scale STUDY.json [--backend B[,B...]] [--workers 1,2,4] [--mode strong|weak]\n"
              "                 [--size-scaling [--sizes F,...]] [--repeats R] [--min-time S]\n"
              "                 [--max-time S] [--out DIR]\n"
              "                           Time the study at several worker counts or sizes;\n"
              "                           write DIR/scaling.json and DIR/scaling.csv\n"
              "  scale --compare A.json B.json\n"
              "                           Compare two scaling results point by point\n"
              "  history [--study NAME] [--json] [--history PATH]\n"
              "                           The runs recorded so far\n"
              "  diagram STUDY.json --item I [--combination NAME] [--json] [--svg FILE]\n"
              "                           Reactions, shear, moment and deflection of one\n"
              "                           configuration (a beam)\n"
              "  plot RUN_DIR --chart NAME --out FILE.png|svg|pdf [--x PARAM --y OUTPUT\n"
              "                 --series PARAM] [--item I] [--list]\n"
              "                           Draw a chart of a run or scaling.json\n"
              "  report STUDY.json --run RUN_DIR [--scaling DIR] --out report.pdf\n"
              "                 [--paper a4|letter] [--format pdf|html] [--meta meta.json]\n"
              "                 [--appendix]       Write the calculation report\n"
              "  export STUDY.json --run RUN_DIR --format xlsx|html|pdf --out FILE\n"
              "                 [--meta meta.json] Export the results (XLSX workbook, HTML, PDF)\n"
              "  validate STUDY.json      Check a study file\n"
              "  example %s\n"
              "                           Print an example study\n"
              "  backends                 What this machine can run on\n"
              "  materials                The built-in materials and their sources\n"
              "  sections                 The built-in standard sections and their sources\n"
              "  version                  Print the version\n"),
           kinds);
}

int
main (int argc, char **argv)
{
  ps_app_i18n_init ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_INVALID : EXIT_OK;
    }
  /* A backend that must start before anything else does so here: with --backend
   * mpi, MPI starts, and every rank but 0 serves chunks and leaves here. Such a rank
   * ends on a signal only after rank 0 could remove the run's files. */
  {
    int status, rank = 0;

    if (ps_mpi_args_want_mpi (argc, argv) && ps_mpi_under_launcher (&rank, NULL) && rank != 0)
      ps_cli_watchdog_start (NULL, PS_CLI_WATCHDOG_RANK_GRACE_MS);
    if (ps_backends_cli_start (&argc, &argv, &status))
      return status;
  }
  if (g_str_equal (argv[1], "run"))
    return cmd_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export-job"))
    return ps_cli_export_job (argc - 1, argv + 1); /* app/cli-export-job.c */
  if (g_str_equal (argv[1], "diagram"))
    return ps_cli_diagram (argc - 1, argv + 1); /* app/cli-diagram.c */
  if (g_str_equal (argv[1], "plot"))
    return ps_cli_plot (argc - 1, argv + 1); /* app/cli-plot.c */
  if (g_str_equal (argv[1], "report"))
    return ps_cli_report (argc - 1, argv + 1); /* app/cli-report.c */
  if (g_str_equal (argv[1], "export"))
    return ps_cli_export (argc - 1, argv + 1); /* app/cli-export.c */
  if (g_str_equal (argv[1], "scale"))
    return ps_cli_scale (argc - 1, argv + 1); /* app/cli-scale.c */
  if (g_str_equal (argv[1], "history"))
    return ps_cli_history (argc - 1, argv + 1); /* app/cli-scale.c */
  if (g_str_equal (argv[1], "validate"))
    return cmd_validate (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "example"))
    return cmd_example (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "backends"))
    return cmd_backends (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "sections"))
    return cmd_tables (argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "materials"))
    return cmd_tables (argc - 1, argv + 1, FALSE);
  if (g_str_equal (argv[1], "version") || g_str_equal (argv[1], "--version"))
    {
      g_print ("parastudy %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  g_printerr ("parastudy-cli: %s \"%s\"\n\n", _ ("unknown command"), argv[1]);
  usage (stderr);
  return EXIT_INVALID;
}
