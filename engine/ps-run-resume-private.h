/* ps-run-resume-private.h: a run's checkpoints and resuming from one
 * (ps-run-resume.c), and the staging folder helpers it shares with ps-run.c.
 *
 * A checkpoint is STAGE/checkpoint.json, written as a temporary file, flushed and
 * renamed over the last one, so that a kill or a power cut leaves either the old one
 * or the new one whole. It holds what the run had committed (ps-run.h): the chunks,
 * the merged summary (the kind's bytes, in base64), the item errors, the results
 * file's length and the SHA-256 of its last bytes, and the study's SHA-256 and the
 * Parastudy version it belongs to. The rows it counts are flushed before it is
 * written.
 */
#pragma once

#include <sys/types.h>

#include "ps-run.h"

G_BEGIN_DECLS

#define PS_STAGE_PREFIX ".parastudy-stage-"
#define PS_CHECKPOINT_NAME "checkpoint.json"

/* The staging folder helpers of ps-run.c. */
gboolean ps_run_fsync_path (const char *path, gboolean directory, GError **error);
void ps_run_remove_tree (const char *path);
gboolean ps_run_process_alive (pid_t pid);
/* The pid in a staging folder's name, or -1 when @name is not one. */
gint64 ps_run_stage_pid (const char *name);
/* Whether @name, in a staging folder, is the checkpoint or its temporary file: not
 * an output of the run. */
gboolean ps_run_is_checkpoint_file (const char *name);

/* Test hook: PARASTUDY_TEST_HANG_CHUNK=K makes the evaluation of chunk K never return
 * (as an item blocked in open() of a named pipe), in every backend and worker. */
void ps_run_test_hang (guint64 chunk);

/* What a resumed run starts from: the checkpoint's committed state. */
typedef struct
{
  guint64 first_chunk;
  gpointer summary; /* the kind's summary_size bytes */
  PsErrors errors;
  guint64 rows_bytes; /* the rows in the results file (its header not counted) */
  double elapsed;     /* s */
  double cpu_seconds;
  char *started;
} PsResumeState;

void ps_resume_state_init (PsResumeState *state);
void ps_resume_state_clear (PsResumeState *state);

/* Finds in @dir the stage of an interrupted run of @study with a checkpoint (the
 * one that got furthest), checks it, claims it for this process (renamed with this
 * process's pid) and leaves in it only the results file, cut to the checkpoint's
 * length, and the checkpoint. Fills @state, opens the results file for appending
 * into *@results_fd (-1 when the run writes no rows) and gives its header's length.
 * Returns the stage, or NULL with the reason (PS_ERROR_INVALID: no checkpoint, another
 * study or version, a damaged one; PS_ERROR_IO). */
char *ps_run_resume_claim (const PsStudy *study, const PsRunOptions *options, const char *dir,
                           PsResumeState *state, int *results_fd, guint64 *header_bytes,
                           GError **error);

typedef struct _PsCheckpointer PsCheckpointer;

/* Checkpoints of a run into @stage, whose rows go to @results_fd (or -1) after a
 * header of @header_bytes; NULL when the run writes none (a negative interval). */
PsCheckpointer *ps_checkpointer_new (const PsStudy *study, const PsRunOptions *options,
                                     const char *dir, const char *stage, int results_fd,
                                     guint64 header_bytes);
void ps_checkpointer_free (PsCheckpointer *ck);
/* After the commit of chunk @chunks_done - 1, with what is committed so far: writes a
 * checkpoint when one is due. FALSE with @error when it could not be written. */
gboolean ps_checkpointer_after_commit (PsCheckpointer *ck, guint64 chunks_done,
                                       gconstpointer summary, const PsErrors *errors,
                                       guint64 rows_bytes, double elapsed, double cpu_seconds,
                                       const char *started, GError **error);

G_END_DECLS
