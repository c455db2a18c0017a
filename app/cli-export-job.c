/* parastudy-cli export-job: a batch script for running a study on a cluster. */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "parastudy.h"
#include "backends/mpi/ps-mpi-launch.h"

int ps_cli_export_job (int argc, char **argv);

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_INVALID = 2,
};

int
ps_cli_export_job (int argc, char **argv)
{
  g_autofree char *scheduler = NULL;
  g_autofree char *time = NULL;
  g_autofree char *out = NULL;
  g_autofree char *results = NULL;
  g_autofree char *partition = NULL;
  g_autofree char *account = NULL;
  g_autofree char *job_name = NULL;
  g_autofree char *launcher = NULL;
  g_autofree char *program = NULL;
  g_autofree char *rows = NULL;
  gint nodes = 0, tasks_per_node = 0, threads = 1;
  GOptionEntry entries[] = {
    { "scheduler", 0, 0, G_OPTION_ARG_STRING, &scheduler, N_ ("The cluster's scheduler: slurm"),
      "NAME" },
    { "nodes", 'N', 0, G_OPTION_ARG_INT, &nodes, N_ ("Nodes (machines) to run on"), "K" },
    { "tasks-per-node", 0, 0, G_OPTION_ARG_INT, &tasks_per_node, N_ ("MPI ranks on each node"),
      "P" },
    { "workers-per-rank", 0, 0, G_OPTION_ARG_INT, &threads,
      N_ ("OpenMP threads in each rank (default 1)"), "T" },
    { "time", 't', 0, G_OPTION_ARG_STRING, &time, N_ ("Wall-time limit"), "HH:MM:SS" },
    { "partition", 0, 0, G_OPTION_ARG_STRING, &partition, N_ ("Slurm partition (queue)"), "NAME" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_ ("Slurm account to charge"), "NAME" },
    { "job-name", 0, 0, G_OPTION_ARG_STRING, &job_name, N_ ("Job name (default parastudy-STUDY)"),
      "NAME" },
    { "launcher", 0, 0, G_OPTION_ARG_STRING, &launcher,
      N_ ("mpirun (default) or srun (Open MPI built with Slurm's PMI)"), "NAME" },
    { "program", 0, 0, G_OPTION_ARG_STRING, &program,
      N_ ("parastudy-cli on the cluster (default: from PATH)"), "PATH" },
    { "results", 0, 0, G_OPTION_ARG_STRING, &results,
      N_ ("The run's output folder (default STUDY-results)"), "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows, N_ ("Rows in results.csv: all, passing or none"),
      "WHICH" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_ ("Write the script here (default: standard output)"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new (_ ("STUDY.json — write a cluster batch script for an MPI run"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *script = NULL;
  PsSlurmJob job = { 0 };

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("parastudy-cli export-job: %s\n", error->message);
      return EXIT_INVALID;
    }
  if (argc != 2)
    {
      g_printerr ("parastudy-cli export-job: %s\n",
                  _ ("expected one study file: parastudy-cli export-job STUDY.json --scheduler "
                     "slurm --nodes K --tasks-per-node P --time HH:MM:SS"));
      return EXIT_INVALID;
    }
  if (scheduler == NULL || !g_str_equal (scheduler, "slurm"))
    {
      g_printerr ("parastudy-cli export-job: --scheduler: %s \"%s\"\n",
                  _ ("the supported scheduler is slurm, got"), scheduler ? scheduler : "");
      return EXIT_INVALID;
    }
  if (nodes == 0 || tasks_per_node == 0 || time == NULL)
    {
      g_printerr ("parastudy-cli export-job: %s\n",
                  _ ("--nodes, --tasks-per-node and --time are required"));
      return EXIT_INVALID;
    }
  if (threads < 1)
    {
      g_printerr ("parastudy-cli export-job: --workers-per-rank: %s (got %d)\n", _ ("must be ≥ 1"),
                  threads);
      return EXIT_INVALID;
    }
  /* The job would fail on the cluster after waiting in the queue: check now. */
  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    {
      g_printerr ("parastudy-cli export-job: %s: %s\n", argv[1], error->message);
      return EXIT_INVALID;
    }
  summary = g_strdup_printf ("%s study \"%s\", %" G_GUINT64_FORMAT " items",
                             ps_study_get_kind_name (study), ps_study_get_name (study),
                             ps_study_get_n_items (study));
  job.study_path = argv[1];
  job.out_dir = results;
  job.job_name = job_name;
  job.nodes = nodes;
  job.tasks_per_node = tasks_per_node;
  job.threads_per_rank = threads;
  job.time = time;
  job.partition = partition;
  job.account = account;
  job.launcher = launcher;
  job.program = program;
  job.rows = rows;
  job.summary = summary;
  script = ps_mpi_slurm_script (&job, &error);
  if (script == NULL)
    {
      g_printerr ("parastudy-cli export-job: %s\n", error->message);
      return EXIT_INVALID;
    }
  if (out == NULL)
    {
      fputs (script, stdout);
      return EXIT_OK;
    }
  if (!g_file_set_contents_full (out, script, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0755, &error))
    {
      g_printerr ("parastudy-cli export-job: %s\n", error->message);
      return EXIT_FAILED;
    }
  g_print (_ ("wrote %s: submit it with sbatch %s\n"), out, out);
  return EXIT_OK;
}
