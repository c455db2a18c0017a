/* ps-cli-scale.h: the scale and history commands (app/cli-scale.c). */
#pragma once

#include "parastudy.h"

int ps_cli_scale (int argc, char **argv);
int ps_cli_history (int argc, char **argv);
/* Records a finished run in the history unless @enabled is FALSE; a failure to record
 * is a warning on stderr, never an error of the run. */
void ps_cli_record_run (const char *history_path, gboolean enabled, const PsStudy *study,
                        const PsRunResult *run);
