/* libFuzzer harness: the regression study's CSV reader and fit, on a specimen file
 * whose bytes are the input. The first byte picks the layout (delimiter, decimal
 * separator, whether a units row or metadata may come first), the rest is the file,
 * written to a temporary folder and read as a study's one specimen. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "parastudy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;

static gboolean
discard (const char *data, gsize length, gpointer user_data, GError **error)
{
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const layouts[][2]
      = { { ",", "." }, { ";", "," }, { "\\t", "." }, { ";", "." } };
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) run = NULL;
  g_autofree char *csv = NULL, *json = NULL, *study_path = NULL;
  PsRunOptions o;
  guint layout;

  if (size < 1 || size > (1u << 20))
    return 0;
  if (dir == NULL)
    dir = g_dir_make_tmp ("fuzz-csv-XXXXXX", NULL);
  layout = data[0] % G_N_ELEMENTS (layouts);
  csv = g_build_filename (dir, "S1.csv", NULL);
  study_path = g_build_filename (dir, "study.json", NULL);
  if (!g_file_set_contents (csv, (const char *)data + 1, (gssize)size - 1, NULL))
    return 0;
  json = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Fuzz\","
      "  \"source\": { \"type\": \"csv\", \"path\": \"%s\","
      "    \"strain\": { \"column\": \"strain\", \"unit\": \"%%\" },"
      "    \"stress\": { \"column\": \"stress\", \"unit\": \"MPa\" },"
      "    \"specimen_column\": null, \"delimiter\": \"%s\", \"decimal\": \"%s\" },"
      "  \"fit\": { \"window\": { \"type\": \"auto\" }, \"offset\": 0.002 } }",
      dir, layouts[layout][0], layouts[layout][1]);
  study = ps_study_load_data_at (json, -1, study_path, &error);
  if (study == NULL)
    return 0;
  ps_run_options_init (&o);
  o.backend = "serial";
  o.rows = PS_ROWS_ALL;
  o.rows_write = discard;
  run = ps_run_study (study, &o, &error);
  if (run != NULL)
    g_free (ps_run_summary_json (study, run));
  g_unlink (csv);
  return 0;
}
