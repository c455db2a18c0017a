/* libFuzzer harness: the regression study's CSV reader and fit, on a specimen file
 * whose bytes are the input. The first byte picks the layout (delimiter, decimal
 * separator) and whether the ISO 6892-1 analysis runs; the rest is the file, read as
 * a study's one specimen.
 *
 * Each input costs what reading and fitting it costs, no more (issue 22): the file
 * lives in memory (a memfd, reached by its /proc/self/fd path, so that the reader
 * opens and reads it as any file but nothing touches a disk), and the kind's own
 * evaluation runs in this thread (its workspace, eval into a summary and rows in
 * memory, summary_to_json) instead of a whole run, which would start a backend,
 * sample the machine and write nothing useful here. Inputs above 64 KiB are passed
 * over: a lab file's every layout and every reader state fit in far less, and larger
 * inputs only make each execution slower. */
#define _GNU_SOURCE /* memfd_create */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parastudy.h"

#define MAX_SPECIMEN_BYTES (1u << 16)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The specimen file and the summary, kept between inputs (libFuzzer runs them one
 * after the other in one thread): the regression summary holds a 7,000-bin histogram,
 * and a fresh one per input spent more time in page faults than the reader did. */
static int fd = -1;
static char *file;
static gpointer summary;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const layouts[][2]
      = { { ",", "." }, { ";", "," }, { "\\t", "." }, { ";", "." } };
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *json = NULL;
  const PsKindClass *kind;
  gpointer workspace;
  PsErrors errors;
  PsBuf rows;
  guint layout;
  gboolean iso;

  if (size < 1 || size > MAX_SPECIMEN_BYTES)
    return 0;
  if (fd < 0)
    {
      fd = memfd_create ("fuzz-csv", MFD_CLOEXEC);
      g_assert (fd >= 0);
      file = g_strdup_printf ("/proc/self/fd/%d", fd);
    }
  layout = data[0] % G_N_ELEMENTS (layouts);
  iso = (data[0] & 0x80) != 0;
  if (ftruncate (fd, 0) != 0
      || (size > 1 && pwrite (fd, data + 1, size - 1, 0) != (ssize_t)(size - 1)))
    return 0;
  json = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Fuzz\","
      "  \"source\": { \"type\": \"csv\", \"path\": \"%s\","
      "    \"strain\": { \"column\": \"strain\", \"unit\": \"%%\" },"
      "    \"stress\": { \"column\": \"stress\", \"unit\": \"MPa\" },"
      "    \"specimen_column\": null, \"delimiter\": \"%s\", \"decimal\": \"%s\" },"
      "  \"fit\": { \"window\": { \"type\": \"auto\" }, \"offset\": 0.002%s } }",
      file, layouts[layout][0], layouts[layout][1],
      iso ? ", \"modulus_method\": \"iso6892-annex-g\", \"offsets\": [\"0.2 %\"]" : "");
  study = ps_study_load_data (json, -1, &error);
  if (study == NULL)
    return 0;
  kind = ps_study_get_kind (study);
  workspace = kind->workspace_new (study);
  if (summary == NULL)
    summary = g_malloc (kind->summary_size);
  kind->summary_init (study, summary);
  ps_errors_init (&errors);
  ps_buf_init (&rows, 4096);
  kind->write_header (study, &rows);
  kind->eval (study, workspace, 0, ps_study_get_n_items (study), summary, &errors, PS_ROWS_ALL,
              &rows);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  kind->summary_to_json (study, summary, builder);
  json_builder_end_object (builder);
  ps_buf_clear (&rows);
  ps_errors_clear (&errors);
  kind->workspace_free (workspace);
  return 0;
}
