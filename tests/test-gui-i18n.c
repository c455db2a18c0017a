/* test-gui-i18n: the main window in Brazilian Portuguese, under Xvfb.
 *
 * The window runs with LC_ALL=pt_BR.UTF-8 and this build's catalogues
 * (PARASTUDY_LOCALEDIR), as the application's main() sets them up
 * (app/ps-app-i18n.h). It shows an example with engine validation errors: a
 * limit-state syntax error under its entry and a study file the engine refuses, and
 * renders each to a PNG (PS_SCREENSHOT_DIR) to be looked at. The translated words
 * asserted come from po/pt_BR.po. The run bar offers MPI as in English. Skips when
 * the locale is not installed.
 */
#define G_LOG_DOMAIN "test-gui-i18n"
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-test-utils.h"
#include "ps-reliability-editor.h"

/* The reliability example with a stray operator in its limit state: the engine's
 * message, translated, under the entry. */
static void
test_limit_state_error (void)
{
  g_autofree char *path = example_path ("reliability-axial-bar.json");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *png = NULL;
  PsReliabilityEditor *editor;
  GtkWidget *label;
  const char *text;

  g_assert_true (parastudy_window_open_file (window, file));
  iterate ();
  parastudy_window_show_page (window, "study");
  editor = PS_RELIABILITY_EDITOR (parastudy_window_get_editor (window));
  gtk_editable_set_text (ps_reliability_editor_get_limit_state (editor), "R - * F");
  iterate ();
  label = ps_reliability_editor_get_limit_state_error (editor);
  g_assert_true (gtk_widget_get_visible (label));
  text = gtk_label_get_text (GTK_LABEL (label));
  g_test_message ("shown: %s", text);
  /* po/pt_BR.po: "posição %zu: " and "\"%c\" inesperado: esperado um número, ...". */
  g_assert_nonnull (strstr (text, "posição 5: \"*\" inesperado: esperado um número"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  /* The position comes from the compiler, not from the (translated) message: the "*"
   * is the fifth character of "R - * F". */
  g_assert_cmpuint (ps_reliability_editor_get_error_position (editor), ==, 5);
  png = screenshot (GTK_WIDGET (window), "i18n-pt_BR-limit-state-error");
  close_all ();
}

/* A beam study whose span the engine refuses, opened in the window. */
static void
test_invalid_study (void)
{
  static const char text[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Viga inválida\", \"beam\": {"
        "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", "
        "\"value\": \"7.5 kN/m\"}, \"span\": {\"from\": \"2 m\", \"to\": \"9.5 m\", "
        "\"steps\": 0}, \"section\": {\"shape\": \"rectangular\", \"b\": \"180 mm\", "
        "\"h\": \"420 mm\"}, \"material\": \"S355\"}}";
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-i18n-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "viga.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *png = NULL;
  const char *tip;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  parastudy_window_open_file (window, file);
  iterate ();
  parastudy_window_show_page (window, "study");
  tip = gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
  g_test_message ("run tooltip: %s", tip ? tip : "(none)");
  g_test_message ("info: %s", parastudy_window_get_info_message (window)
                                  ? parastudy_window_get_info_message (window)
                                  : "(none)");
  png = screenshot (GTK_WIDGET (window), "i18n-pt_BR-invalid-study");
  /* po/pt_BR.po: "deve ser ≥ %lld (recebido %.0f)". */
  g_assert_true (
      (tip != NULL && strstr (tip, "deve ser ≥ 1 (recebido 0)") != NULL)
      || (parastudy_window_get_info_message (window) != NULL
          && strstr (parastudy_window_get_info_message (window), "deve ser ≥ 1 (recebido 0)")
                 != NULL));
  close_all ();
  g_unlink (path);
  g_rmdir (dir);
}

/* MPI is offered in pt_BR as in English: the picker asks the engine, not the
 * translated output of `parastudy-cli backends` ("disponível"), which made MPI look
 * unavailable in this language. */
static void
test_mpi_offered (void)
{
  const PsBackend *mpi = ps_backend_lookup ("mpi");
  g_autofree char *mpirun = g_find_program_in_path ("mpirun");
  GtkDropDown *dd = GTK_DROP_DOWN (parastudy_window_get_backend_dropdown (window));
  g_autofree char *png = NULL;

  g_assert_nonnull (mpi);
  if (mpi->flags & PS_BACKEND_NOT_BUILT)
    {
      g_test_skip ("this build has no MPI backend");
      return;
    }
  if (mpirun == NULL)
    {
      g_test_skip ("mpirun is not installed (Debian: openmpi-bin)");
      return;
    }
  open_example ("beam-steel-ipe.json");
  g_assert_true (parastudy_window_set_backend (window, "mpi", 2));
  g_assert_cmpuint (gtk_drop_down_get_selected (dd), ==, 3);
  g_assert_true (gtk_widget_get_visible (parastudy_window_get_mpi_button (window)));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  png = screenshot (GTK_WIDGET (window), "i18n-pt_BR-mpi");
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  close_all ();
}

/* The window at 1024 x 700 in Brazilian Portuguese, whose words are longer. */
static void
test_screenshot_small (void)
{
  screenshots_at (1024, 700, "i18n-pt_BR-small");
}

int
main (int argc, char *argv[])
{
  gui_test_setenv ();
  g_setenv ("LC_ALL", "pt_BR.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  ps_app_i18n_init ();
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "pt_BR.UTF-8") != 0)
    {
      g_test_skip ("the pt_BR.UTF-8 locale is not installed (tools/deps.sh)");
      return gui_test_finish (0);
    }
  if (g_getenv ("PARASTUDY_LOCALEDIR") == NULL)
    {
      g_test_skip ("PARASTUDY_LOCALEDIR is not set (run through meson test)");
      return gui_test_finish (0);
    }
  if (!gui_test_open_window ())
    return gui_test_finish (0);

  g_test_add_func ("/gui/i18n/pt_BR/limit-state-error", test_limit_state_error);
  g_test_add_func ("/gui/i18n/pt_BR/invalid-study", test_invalid_study);
  g_test_add_func ("/gui/i18n/pt_BR/mpi-offered", test_mpi_offered);
  g_test_add_func ("/gui/i18n/pt_BR/screenshot-1024x700", test_screenshot_small);
  return gui_test_finish (g_test_run ());
}
