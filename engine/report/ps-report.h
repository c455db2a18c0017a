/* ps-report.h: the calculation report of a study run, as a multi-page PDF (Cairo
 * PDF surface, Pango text) or one self-contained HTML file with SVG charts, and the
 * export of a run's results (ps_export_write: XLSX, HTML or PDF).
 *
 * Every page carries a title block (project, job number, element, author, checker,
 * date, revision, status) and a footer "page N of M". The cover gives the revision
 * table, a signature block and the provenance: the study file's path and SHA-256 as
 * saved, the program, the run (backend, workers, machine, date). A report made from
 * text that is not the saved file (unsaved edits in the GUI) is marked DRAFT on every
 * page with the reason. Then the inputs (the kind's sections, in engineering units,
 * and the study file as written), the results (the kind's summary as a typed table,
 * its charts with their captions), the scaling section when a scaling.json is given,
 * and, on request, the machine-readable summary.json as an appendix. Reports over six
 * pages get a table of contents. Headings are numbered and never end a page. Text is
 * translated through gettext and numbers use the locale's decimal separator (the
 * appendix keeps the file's own text). The file is written to a temporary file and
 * renamed: an error leaves nothing behind.
 *
 * What a front end calls (the GUI's report dialog and File → Export…):
 *   PsReportOptions o;
 *   ps_report_options_init (&o);
 *   o.meta = meta;                  // the dialog's title block, or NULL for the study's
 *   o.saved_path = path;            // when the study reported is the editor's text:
 *   o.saved_sha256 = saved_sha;     //   the file as saved, for the DRAFT mark
 *   o.appendix = TRUE;
 *   ps_report_write (study, run_dir, &o, "report.pdf", &error);
 * and for XLSX (or HTML or PDF through the same call) ps_export_write() below.
 */
#pragma once

#include "study/ps-study.h"

G_BEGIN_DECLS

typedef enum
{
  PS_PAPER_A4,
  PS_PAPER_LETTER,
} PsPaper;

typedef enum
{
  PS_REPORT_PDF,
  PS_REPORT_HTML,
} PsReportFormat;

/* The document's status in the title block. */
typedef enum
{
  PS_REPORT_STATUS_UNSET,
  PS_REPORT_STATUS_DRAFT,
  PS_REPORT_STATUS_FOR_CHECKING,
  PS_REPORT_STATUS_ISSUED,
} PsReportStatus;

/* One line of the revision table. */
typedef struct
{
  char *rev;
  char *date;
  char *description;
  char *by;
} PsReportRevision;

/* The title block: the study file's "report" object or a --meta file
 * (/work/shared/STUDY-FILES.md). Strings are NULL when not given. */
struct _PsReportMeta
{
  char *project;
  char *job_number;
  char *element;
  char *author;
  char *checker;
  char *date;
  char *revision; /* NULL: the last revision's "rev" */
  PsReportStatus status;
  GPtrArray *revisions; /* PsReportRevision *, in the order written (oldest first) */
};

PsReportMeta *ps_report_meta_new (void);
void ps_report_meta_free (PsReportMeta *meta);
PsReportMeta *ps_report_meta_copy (const PsReportMeta *meta);
/* Reads a "report" object. Errors name the JSON path under @path ("report.status:
 * expected …"); unknown members are errors. */
PsReportMeta *ps_report_meta_parse (JsonObject *object, const char *path, GError **error);
/* Reads a metadata file (--meta): a JSON object with the members of "report", or an
 * object that has a "report" member (a study file). Errors name the file. */
PsReportMeta *ps_report_meta_load_file (const char *file, GError **error);
/* Every member set in @over replaces the one in @meta (the revisions as a whole). */
void ps_report_meta_merge (PsReportMeta *meta, const PsReportMeta *over);
/* "draft", "for-checking", "issued" as the file writes them; NULL for unset. */
const char *ps_report_status_name (PsReportStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsReportMeta, ps_report_meta_free)

typedef struct
{
  PsPaper paper;
  PsReportFormat format;
  const char *scaling; /* scaling.json or its folder, or NULL */
  const char *date;    /* the report's date; NULL: the title block's, else today */
  /* The title block: its members replace the study's "report" members (NULL: the
   * study's alone). Borrowed. */
  const PsReportMeta *meta;
  /* The study file as saved, when @study is not (the GUI reports the editor's text).
   * NULL: the study's own path. The SHA-256 as saved is @saved_sha256 or, when NULL,
   * that of the file read now; a report of text whose SHA-256 differs, or of a study
   * never saved, is marked DRAFT with the reason. */
  const char *saved_path;
  const char *saved_sha256;
  /* Appends summary.json as written, for machines. */
  gboolean appendix;
} PsReportOptions;

void ps_report_options_init (PsReportOptions *options);

/* Writes the report of the run in @run_dir of @study to @out. The run must have
 * been made from this study's text (checked against its SHA-256). Returns the number
 * of pages written (PDF; 1 for HTML), or 0 with @error set: PS_ERROR_INVALID for bad
 * input, PS_ERROR_IO when the file cannot be written. */
guint ps_report_write (const PsStudy *study, const char *run_dir, const PsReportOptions *options,
                       const char *out, GError **error);

/* Export: a run's results in the formats engineers open. */
typedef enum
{
  PS_EXPORT_XLSX,
  PS_EXPORT_HTML,
  PS_EXPORT_PDF,
} PsExportFormat;

typedef struct
{
  PsExportFormat format;
  /* HTML and PDF are the report (ps_report_write) with these options; XLSX takes its
   * title block (meta, date) from them. */
  PsReportOptions report;
  /* The Results sheet's rows at most, its header and the last row included; 0: as
   * many as a sheet holds (1,048,576). When the CSV has more, the last row says how
   * many were left out and where they are. */
  guint64 max_rows;
} PsExportOptions;

void ps_export_options_init (PsExportOptions *options);
/* "xlsx", "html" or "pdf" (any case). */
gboolean ps_export_format_from_name (const char *name, PsExportFormat *format);
/* Whether this build writes XLSX (libxlsxwriter was found at configure time). */
gboolean ps_export_have_xlsx (void);
/* Writes the run of @study in @run_dir as @options->format to @out, atomically
 * (temporary file and rename). XLSX: a Summary sheet (the kind's typed rows with
 * their units, the title block and the run), an Inputs sheet (every member of the
 * study file, as written and in SI), a Results sheet (results.csv or the kind's
 * chart data, with units in its frozen header) and, for studies that have them, the
 * load–span tables (summary.json's lightest_by_group). Errors as ps_report_write. */
gboolean ps_export_write (const PsStudy *study, const char *run_dir, const PsExportOptions *options,
                          const char *out, GError **error);

G_END_DECLS
