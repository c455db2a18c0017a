/* libFuzzer harness: the study loader (strict scan, json-glib, every kind's
 * validation) and, for a study that loads, the evaluation of its first items on the
 * serial backend with every row written (to nowhere). Inputs naming device or
 * process files are skipped: a study may name any path, and reading /dev/zero is not
 * a defect of the loader. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "parastudy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
discard (const char *data, gsize length, gpointer user_data, GError **error)
{
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) run = NULL;
  PsRunOptions o;

  if (size > (1u << 20) || memmem (data, size, "/dev", 4) != NULL
      || memmem (data, size, "/proc", 5) != NULL || memmem (data, size, "/sys", 4) != NULL)
    return 0;
  study = ps_study_load_data ((const char *)data, (gssize)size, &error);
  if (study == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  if (!ps_study_set_items (study, 4, &error))
    return 0;
  ps_run_options_init (&o);
  o.backend = "serial";
  o.rows = PS_ROWS_ALL;
  o.rows_write = discard;
  run = ps_run_study (study, &o, &error);
  if (run != NULL)
    g_free (ps_run_summary_json (study, run));
  return 0;
}
