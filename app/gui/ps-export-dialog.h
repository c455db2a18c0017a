/* ps-export-dialog.h: File ▸ Export…, a run's results as an XLSX workbook, an HTML
 * page or a PDF report (ps_export_write), with the report's title block (project, job
 * number, element, author, checker, date, revision, status). The title block starts
 * from what was last exported for the same study (remembered per study file, in
 * report-meta.ini under the user's configuration folder), else from the study's own
 * "report" object. */
#pragma once

#include <gtk/gtk.h>

#include "ps-document.h"
#include "report/ps-report.h"

G_BEGIN_DECLS

#define PS_TYPE_EXPORT_DIALOG (ps_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsExportDialog, ps_export_dialog, PS, EXPORT_DIALOG, GtkWindow)

/* @document must have a finished run. */
GtkWidget *ps_export_dialog_new (GtkWindow *parent, PsDocument *document);

/* ---- for the GUI tests ---------------------------------------------------- */

/* The title block's fields: "project", "job_number", "element", "author", "checker",
 * "date", "revision" (as the study file names them). */
GtkWidget *ps_export_dialog_get_field (PsExportDialog *self, const char *name);
void ps_export_dialog_set_status (PsExportDialog *self, PsReportStatus status);
/* Selects the format; FALSE when this build cannot write it (XLSX without
 * libxlsxwriter). */
gboolean ps_export_dialog_set_format (PsExportDialog *self, PsExportFormat format);
/* Writes the export to @path as the Export button does after its file chooser, and
 * remembers the title block for the study. */
gboolean ps_export_dialog_write (PsExportDialog *self, const char *path, GError **error);

G_END_DECLS
