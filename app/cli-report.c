/* cli-report.c: `parastudy-cli report STUDY.json --run RUN_DIR --out report.pdf`. */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "parastudy.h"

int ps_cli_report (int argc, char **argv);

int
ps_cli_report (int argc, char **argv)
{
  g_printerr ("parastudy-cli report: %s\n", _ ("not available yet"));
  return 1;
}
