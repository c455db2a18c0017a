/* test-gui-i18n: the main window in Brazilian Portuguese, under Xvfb.
 *
 * The window runs with LC_ALL=pt_BR.UTF-8 and this build's catalogues
 * (PARASTUDY_LOCALEDIR), as the application's main() sets them up
 * (app/ps-app-i18n.h). It shows an example with engine validation errors: a
 * limit-state syntax error under its entry and a study file the engine refuses, and
 * renders each to a PNG (PS_SCREENSHOT_DIR) to be looked at. The translated words
 * asserted come from po/pt_BR.po. Skips when the locale is not installed.
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
#include "ps-reliability-editor.h"

static ParastudyApplication *app;
static ParastudyWindow *window;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

static char *
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("PS_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  char *path = g_build_filename (dir ? dir : g_get_tmp_dir (), file, NULL);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int w, h;

  /* Let the layout and a frame happen first. */
  for (int i = 0; i < 10; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_assert_cmpint (w, >, 0);
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

static void
close_all (void)
{
  PsDocument *doc;

  while ((doc = parastudy_window_get_document (window)) != NULL)
    {
      if (ps_document_get_dirty (doc))
        {
          g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "ps-gui-i18n-save.json", NULL);
          g_autoptr (GFile) f = g_file_new_for_path (tmp);

          g_assert_true (ps_document_save (doc, f, NULL));
          g_unlink (tmp);
        }
      g_action_group_activate_action (G_ACTION_GROUP (window), "close-study", NULL);
      iterate ();
    }
}

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

static gboolean
ignore_no_session_bus (const char *domain, GLogLevelFlags level, const char *message,
                       gpointer user_data)
{
  return strstr (message, "session bus") == NULL;
}

int
main (int argc, char *argv[])
{
  g_autofree char *history_dir = g_dir_make_tmp ("ps-gui-i18n-history-XXXXXX", NULL);
  g_autofree char *history_db = g_build_filename (history_dir, "history.db", NULL);
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("PARASTUDY_HISTORY", history_db, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LC_ALL", "pt_BR.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  ps_app_i18n_init ();
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "pt_BR.UTF-8") != 0)
    {
      g_test_skip ("the pt_BR.UTF-8 locale is not installed (tools/deps.sh)");
      return 0;
    }
  if (g_getenv ("PARASTUDY_LOCALEDIR") == NULL)
    {
      g_test_skip ("PARASTUDY_LOCALEDIR is not set (run through meson test)");
      return 0;
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run -a)");
      return 0;
    }

  g_test_log_set_fatal_handler (ignore_no_session_bus, NULL);
  app = parastudy_application_new (G_APPLICATION_NON_UNIQUE);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  window = parastudy_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_test_add_func ("/gui/i18n/pt_BR/limit-state-error", test_limit_state_error);
  g_test_add_func ("/gui/i18n/pt_BR/invalid-study", test_invalid_study);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_clear_object (&app);
  for (const char *const *sfx = (const char *const[]){ "", "-wal", "-shm", NULL }; *sfx; sfx++)
    {
      g_autofree char *f = g_strconcat (history_db, *sfx, NULL);

      g_unlink (f);
    }
  g_rmdir (history_dir);
  return status;
}
