/* test-gui-export.c: File ▸ Export… and Resume in the window.
 *
 * Export: a run beam study exported through the export dialog as XLSX, HTML and PDF
 * into a temporary folder; each file is what its format is (an XLSX file is a zip
 * archive holding xl/workbook.xml, ISO/IEC 29500-2 Open Packaging Conventions; a PDF
 * starts with "%PDF-", ISO 32000-1 clause 7.5.2; the HTML page references nothing
 * outside itself), the title block typed in the dialog is in the report, and a new
 * dialog for the same study starts from it.
 *
 * Resume: parastudy-cli runs the study into the window's results folder and is killed
 * at the commit of its third chunk (PARASTUDY_TEST_KILL_AT_CHUNK, a checkpoint after
 * every chunk), as tests/test-resume.c does; the window then shows the Resume bar,
 * and pressing Resume gives the files of an uninterrupted run.
 */
#define G_LOG_DOMAIN "test-gui-export"
#include "config.h"

#include "ps-backend-test-utils.h"
#include "ps-cli-test-utils.h"
#include "ps-export-dialog.h"
#include "ps-gui-test-utils.h"
#include "ps-run-task.h"

static char *tmp_dir;

/* 12 x 20 x 50 x 10 x 2 = 240,000 configurations, 8 chunks (tests/test-resume.c). */
static const char beam_json[]
    = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"GUI resume\",\n"
      "  \"beam\": { \"support\": \"simply-supported\",\n"
      "    \"load\": { \"type\": \"point\",\n"
      "              \"position\": { \"from\": \"0.5 m\", \"to\": \"9 m\", \"steps\": 12 },\n"
      "              \"value\": { \"from\": \"10 kN\", \"to\": \"200 kN\", \"steps\": 20 } },\n"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"8 m\", \"steps\": 50 },\n"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": \"300 mm\",\n"
      "                 \"h\": { \"from\": \"200 mm\", \"to\": \"1000 mm\", \"steps\": 10 } },\n"
      "    \"material\": [\"S355\", \"C30/37\"] } }\n";

static char *
read_all (const char *path, gsize *len)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, NULL));
  return text;
}

/* Whether @len bytes of @data (binary: NUL bytes included) hold @what. */
static gboolean
holds (const char *data, gsize len, const char *what)
{
  gsize n = strlen (what);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, what, n) == 0)
      return TRUE;
  return FALSE;
}

static void
set_field (PsExportDialog *dialog, const char *name, const char *text)
{
  GtkWidget *entry = ps_export_dialog_get_field (dialog, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_export_formats (void)
{
  PsDocument *doc = open_example ("beam-timber-cantilever.json");
  g_autofree char *dir = g_build_filename (tmp_dir, "export", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "out.html", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  g_autoptr (GError) error = NULL;
  PsExportDialog *dialog;
  gsize len = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_false (action_enabled ("export"));
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  run_and_wait ();
  g_assert_true (action_enabled ("export"));

  dialog = PS_EXPORT_DIALOG (ps_export_dialog_new (GTK_WINDOW (window), doc));
  gtk_window_present (GTK_WINDOW (dialog));
  set_field (dialog, "project", "Footbridge Wharf Lane");
  set_field (dialog, "job_number", "J-4711");
  set_field (dialog, "element", "Cantilever C3");
  set_field (dialog, "author", "A. Engineer");
  set_field (dialog, "checker", "B. Checker");
  set_field (dialog, "date", "2026-12-07");
  set_field (dialog, "revision", "P2");
  ps_export_dialog_set_status (dialog, PS_REPORT_STATUS_FOR_CHECKING);
  g_free (screenshot (GTK_WIDGET (dialog), "gui-export-dialog"));

  /* PDF: ISO 32000-1 7.5.2, the header "%PDF-" and the version. */
  g_assert_true (ps_export_dialog_set_format (dialog, PS_EXPORT_PDF));
  g_assert_true (ps_export_dialog_write (dialog, pdf, &error));
  g_assert_no_error (error);
  text = read_all (pdf, &len);
  g_assert_true (len > 5 && memcmp (text, "%PDF-", 5) == 0);
  g_clear_pointer (&text, g_free);

  /* HTML: the title block, and nothing fetched from outside. */
  g_assert_true (ps_export_dialog_set_format (dialog, PS_EXPORT_HTML));
  g_assert_true (ps_export_dialog_write (dialog, html, &error));
  g_assert_no_error (error);
  text = read_all (html, &len);
  g_assert_nonnull (strstr (text, "Footbridge Wharf Lane"));
  g_assert_nonnull (strstr (text, "J-4711"));
  g_assert_nonnull (strstr (text, "B. Checker"));
  lower = g_ascii_strdown (text, -1);
  g_assert_null (strstr (lower, "<link"));
  g_assert_null (strstr (lower, "<script src"));
  g_assert_null (strstr (lower, "src=\"http"));
  g_assert_null (strstr (lower, "href=\"http"));
  g_assert_null (strstr (lower, "url(http"));
  g_assert_null (strstr (lower, "@import"));
  g_clear_pointer (&text, g_free);

  /* XLSX: a zip archive (local file header signature 0x04034b50, APPNOTE 4.3.7) with
   * the workbook part; the names of local headers are stored uncompressed. */
  if (ps_export_have_xlsx ())
    {
      g_assert_true (ps_export_dialog_set_format (dialog, PS_EXPORT_XLSX));
      g_assert_true (ps_export_dialog_write (dialog, xlsx, &error));
      g_assert_no_error (error);
      text = read_all (xlsx, &len);
      g_assert_true (len > 4 && memcmp (text, "PK\x03\x04", 4) == 0);
      g_assert_true (holds (text, len, "xl/workbook.xml"));
      g_clear_pointer (&text, g_free);
    }
  else
    {
      g_assert_false (ps_export_dialog_set_format (dialog, PS_EXPORT_XLSX));
      g_test_message ("this build writes no XLSX (no libxlsxwriter)");
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  /* Remembered for the study: a new dialog starts from the last title block. */
  dialog = PS_EXPORT_DIALOG (ps_export_dialog_new (GTK_WINDOW (window), doc));
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (ps_export_dialog_get_field (dialog, "project"))), ==,
      "Footbridge Wharf Lane");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (ps_export_dialog_get_field (dialog, "checker"))), ==,
      "B. Checker");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
  close_all ();
}

static gboolean
resume_revealed (void)
{
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (window->resume_bar));
}

static void
test_resume (void)
{
  g_autofree char *file = g_build_filename (tmp_dir, "resume.json", NULL);
  g_autofree char *ref = g_build_filename (tmp_dir, "resume-ref", NULL);
  g_autofree char *kill_at = g_strdup ("PARASTUDY_TEST_KILL_AT_CHUNK=3");
  const char *env[] = { "PARASTUDY_CHECKPOINT_SECONDS=0", kill_at, NULL };
  g_autoptr (GFile) gfile = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autoptr (CliResult) killed = NULL;
  g_autoptr (CliResult) whole = NULL;
  g_autoptr (GError) error = NULL;
  PsDocument *doc;

  if (!have_cli ())
    return;
  /* The study as the window saves it, so that the run's SHA-256 is the window's. */
  doc = open_text (beam_json);
  json = ps_document_dup_json (doc);
  close_all ();
  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  study = ps_study_load_file (file, &error);
  g_assert_no_error (error);
  dir = ps_run_task_default_dir (study);
  rm_rf (dir);

  {
    const char *args[] = { "run",     file,        "--out", dir,      "--no-history", "--backend",
                           "threads", "--workers", "2",     "--rows", "all",          NULL };

    killed = cli_runv (tmp_dir, "C", env, NULL, args);
  }
  g_assert_cmpint (killed->status, ==, -1);
  {
    const char *args[] = { "run",       file,     "--out",  ref,   "--no-history",
                           "--backend", "serial", "--rows", "all", NULL };

    whole = cli_runv (tmp_dir, "C", NULL, NULL, args);
  }
  g_assert_cmpint (whole->status, ==, 0);

  gfile = g_file_new_for_path (file);
  g_assert_true (parastudy_window_open_file (window, gfile));
  iterate ();
  g_assert_true (resume_revealed ());
  g_assert_true (action_enabled ("resume"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window->resume_label)), "of 240000"));
  /* The bar on the smallest screen the window is made for. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  g_free (screenshot (GTK_WIDGET (window), "gui-resume-bar-1024x700"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);

  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  activate ("resume");
  g_assert_true (parastudy_window_is_running (window));
  g_assert_true (wait_until (not_running, 120));
  iterate ();
  if (parastudy_window_get_info_message (window) != NULL)
    g_error ("the resumed run failed: %s", parastudy_window_get_info_message (window));
  g_assert_false (resume_revealed ());
  g_assert_nonnull (ps_document_get_result (parastudy_window_get_document (window)));
  assert_same_answer (ref, dir, "resumed in the window");
  close_all ();
  rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  int status;

  gui_test_setenv ();
  tmp_dir = g_dir_make_tmp ("ps-gui-export-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    /* The remembered title blocks and the results folders of this program only. */
    g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  if (g_getenv ("PS_CLI") == NULL && g_getenv ("PARASTUDY_CLI") != NULL)
    g_setenv ("PS_CLI", g_getenv ("PARASTUDY_CLI"), TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gui_test_open_window ())
    return gui_test_finish (0);

  g_test_add_func ("/gui/export/xlsx-html-pdf", test_export_formats);
  g_test_add_func ("/gui/resume/button-resumes-run", test_resume);
  status = gui_test_finish (g_test_run ());
  rm_rf (tmp_dir);
  g_free (tmp_dir);
  return status;
}
