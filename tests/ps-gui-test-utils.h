/* ps-gui-test-utils.h: the harness the GUI tests share.
 *
 * One application and one main window per test program, under Xvfb, driven through
 * the window's actions as a user would drive it. A test program calls
 * gui_test_setenv() before g_test_init(), gui_test_open_window() after it (FALSE: no
 * display, the program has skipped), and returns gui_test_finish (g_test_run ()).
 * Everything is static inline: each test program is one translation unit.
 */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
/* Tests reach into a study's fields. */
#include "study/ps-study-private.h"

static ParastudyApplication *app;
static ParastudyWindow *window;
static char *gui_test_history_dir;
static char *gui_test_cache_dir;

static inline char *
example_path (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

static inline void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @cond holds or @timeout_s passes. */
static inline gboolean
wait_until (gboolean (*cond) (void), double timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64)(timeout_s * 1e6);

  while (!cond ())
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

static inline gboolean
not_running (void)
{
  return !parastudy_window_is_running (window);
}

static inline gboolean
action_enabled (const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

static inline void
activate (const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), name, NULL);
}

static inline PsDocument *
open_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_assert_true (parastudy_window_open_file (window, file));
  iterate ();
  return parastudy_window_get_document (window);
}

/* A study from text, for runs whose size the test chooses. */
static inline PsDocument *
open_text (const char *json)
{
  PsDocument *doc = parastudy_window_add_data (window, json);

  g_assert_nonnull (doc);
  iterate ();
  return doc;
}

/* Runs the current study and waits for it to end; the run must succeed (no message in
 * the message bar). */
static inline void
run_and_wait (void)
{
  g_assert_true (action_enabled ("run"));
  activate ("run");
  g_assert_true (parastudy_window_is_running (window));
  g_assert_true (wait_until (not_running, 120));
  iterate ();
  if (parastudy_window_get_info_message (window) != NULL)
    g_error ("the run failed: %s", parastudy_window_get_info_message (window));
}

/* Cancels the running study: the window is back within a second, says that the run
 * was cancelled, and can run it again. */
static inline void
cancel_within_a_second (void)
{
  gint64 t0 = g_get_monotonic_time (), waited;

  activate ("cancel");
  g_assert_true (wait_until (not_running, 1.0));
  waited = g_get_monotonic_time () - t0;
  g_test_message ("the window was back %.1f ms after Cancel", waited / 1e3);
  g_assert_cmpint (waited, <, 1000000);
  g_assert_nonnull (parastudy_window_get_info_message (window));
  g_assert_nonnull (strstr (parastudy_window_get_info_message (window), "cancel"));
  g_assert_true (action_enabled ("run"));
}

/* Closes every open study. Tests never keep edits: an edited study is saved to a
 * scratch file first, so that closing asks nothing. */
static inline void
close_all (void)
{
  PsDocument *doc;

  while ((doc = parastudy_window_get_document (window)) != NULL)
    {
      if (ps_document_get_dirty (doc))
        {
          g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "ps-gui-test-save.json", NULL);
          g_autoptr (GFile) f = g_file_new_for_path (tmp);

          g_assert_true (ps_document_save (doc, f, NULL));
          g_unlink (tmp);
        }
      g_assert_true (action_enabled ("close-study"));
      activate ("close-study");
      iterate ();
      if (parastudy_window_get_document (window) == doc)
        g_error ("the study was not closed");
    }
}

/* @widget as the renderer of its window draws it. */
static inline GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  g_assert_cmpint (w, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* Saves @widget as NAME.png in $PS_SCREENSHOT_DIR (else the temporary folder) and
 * returns the path. */
static inline char *
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("PS_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  char *path = g_build_filename (dir ? dir : g_get_tmp_dir (), file, NULL);
  g_autoptr (GdkTexture) texture = NULL;

  g_mkdir_with_parents (dir ? dir : g_get_tmp_dir (), 0755);
  /* Let the layout and a frame happen first. */
  for (int i = 0; i < 10; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  texture = render (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

/* The share of pixels that differ clearly from the one at the middle of the left
 * edge (the background). */
static inline double
ink_share (GtkWidget *widget)
{
  g_autoptr (GdkTexture) texture = render (widget);
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guchar *px = g_malloc ((gsize)w * h * 4);
  guint32 bg;
  gsize ink = 0;

  gdk_texture_download (texture, px, (gsize)w * 4);
  memcpy (&bg, px + ((gsize)(h / 2) * w + 2) * 4, 4);
  for (gsize i = 0; i < (gsize)w * h; i++)
    {
      int d = 0;

      for (int c = 0; c < 3; c++)
        d += abs ((int)px[i * 4 + c] - (int)((guchar *)&bg)[c]);
      ink += d > 60;
    }
  return (double)ink / ((double)w * h);
}

/* Nothing right of the sidebar of the window holding @inside is cut off: the run
 * bar and every tab fit the width the pane gets. */
static inline void
assert_right_pane_fits (GtkWidget *inside, const char *what)
{
  GtkWidget *paned = gtk_widget_get_ancestor (inside, GTK_TYPE_PANED);
  GtkWidget *right = gtk_paned_get_end_child (GTK_PANED (paned));
  graphene_rect_t bounds;

  /* The pane is given at least its minimum width and cut off at the paned's edge
   * when that is more than there is. */
  g_assert_true (gtk_widget_compute_bounds (right, paned, &bounds));
  g_test_message ("%s: the right pane ends at %.0f of %d pixels", what,
                  bounds.origin.x + bounds.size.width, gtk_widget_get_width (paned));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (paned));
}

/* The window at @width x @height (a small laptop screen: 1024 x 700) with an example
 * of each kind, its form and the beam study's results, saved as PREFIX-*.png to be
 * looked at. Each form fits the width the window gives it: nothing to scroll
 * sideways to. The window is put back to 1180 x 820 after. */
static inline void
screenshots_at (int width, int height, const char *prefix)
{
  static const struct
  {
    const char *example;
    const char *name;
  } shots[] = {
    { "beam-steel-ipe.json", "beam" },
    { "reliability-axial-bar.json", "reliability" },
    { "lab-exports/zwick-testxpert.json", "regression" },
    { "regression-synthetic.json", "synthetic" },
  };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *form = g_strdup_printf ("%s-%s-form", prefix, shots[i].name);
      g_autofree char *whole = g_strdup_printf ("%s-%s-form-whole", prefix, shots[i].name);
      g_autofree char *p1 = NULL, *p2 = NULL;
      GtkWidget *editor, *scroller;

      open_example (shots[i].example);
      parastudy_window_show_page (window, "study");
      p1 = screenshot (GTK_WIDGET (window), form);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, height);
      editor = parastudy_window_get_editor (window);
      scroller = gtk_widget_get_ancestor (editor, GTK_TYPE_SCROLLED_WINDOW);
      g_assert_nonnull (scroller);
      g_test_message ("%s: the form is %d pixels wide in %d", shots[i].name,
                      gtk_widget_get_width (editor), gtk_widget_get_width (scroller));
      g_assert_cmpint (gtk_widget_get_width (editor), <=, gtk_widget_get_width (scroller));
      assert_right_pane_fits (editor, shots[i].name);
      /* The whole form, as tall as it is. */
      p2 = screenshot (editor, whole);
      if (i == 0)
        {
          g_autofree char *summary = g_strdup_printf ("%s-%s-summary", prefix, shots[i].name);
          g_autofree char *p3 = NULL;

          g_assert_true (parastudy_window_set_backend (window, "threads", 2));
          run_and_wait ();
          parastudy_window_show_page (window, "summary");
          p3 = screenshot (GTK_WIDGET (window), summary);
          assert_right_pane_fits (editor, summary);
        }
      close_all ();
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  iterate ();
}

/* There is no session bus under Xvfb; GLib says so once, and that is not a failure. */
static inline gboolean
gui_test_ignore_no_session_bus (const char *domain, GLogLevelFlags level, const char *message,
                                gpointer user_data)
{
  return strstr (message, "session bus") == NULL;
}

/* Before g_test_init(): settings in memory, runs recorded in a history of this
 * program only, the cairo renderer, no accessibility bus. */
static inline void
gui_test_setenv (void)
{
  g_autofree char *db = NULL;

  gui_test_history_dir = g_dir_make_tmp ("ps-gui-history-XXXXXX", NULL);
  g_assert_nonnull (gui_test_history_dir);
  db = g_build_filename (gui_test_history_dir, "history.db", NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("PARASTUDY_HISTORY", db, TRUE);
  /* Results folders of this program only: a study opened unmodified shows the last
   * results left in its folder (issue 19 item 12), which must not be another test
   * program's, nor the user's. */
  gui_test_cache_dir = g_dir_make_tmp ("ps-gui-cache-XXXXXX", NULL);
  g_assert_nonnull (gui_test_cache_dir);
  g_setenv ("XDG_CACHE_HOME", gui_test_cache_dir, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
}

/* After g_test_init(): the application and its window, 1180 x 820. FALSE, with the
 * program marked skipped, when there is no display. */
static inline gboolean
gui_test_open_window (void)
{
  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run -a)");
      return FALSE;
    }
  g_test_log_set_fatal_handler (gui_test_ignore_no_session_bus, NULL);
  app = parastudy_application_new (G_APPLICATION_NON_UNIQUE);
  /* GTK logs through structured logging, which the handler above does not see:
   * warnings are not fatal while the application looks for a session bus. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  window = parastudy_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return TRUE;
}

static inline void
gui_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      gui_test_remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Closes the window and removes the history and the results folders; returns
 * @status. */
static inline int
gui_test_finish (int status)
{
  static const char *const files[] = { "history.db", "history.db-wal", "history.db-shm" };

  if (window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
  g_clear_object (&app);
  for (guint i = 0; gui_test_history_dir != NULL && i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *f = g_build_filename (gui_test_history_dir, files[i], NULL);

      g_unlink (f);
    }
  if (gui_test_history_dir != NULL)
    g_rmdir (gui_test_history_dir);
  g_clear_pointer (&gui_test_history_dir, g_free);
  if (gui_test_cache_dir != NULL)
    gui_test_remove_tree (gui_test_cache_dir);
  g_clear_pointer (&gui_test_cache_dir, g_free);
  return status;
}

/* The start of a GUI test program that meson runs twice, the second time with --pt_BR
 * (the same assertions, the wording from the catalogue, screenshots *-pt_BR.png):
 * takes --pt_BR out of the arguments, sets the locale, initialises the tests and opens
 * the window at 1024 x 700. Returns the screenshots' suffix ("" or "-pt_BR"), or NULL
 * when the window could not be opened (the program then ends with gui_test_finish (0)). */
static inline const char *
gui_test_start_localised (int *argc, char ***argv)
{
  const char *locale = NULL;

  for (int i = 1; i < *argc; i++)
    if (g_strcmp0 ((*argv)[i], "--pt_BR") == 0)
      {
        locale = "pt_BR.UTF-8";
        for (int k = i; k < *argc; k++)
          (*argv)[k] = (*argv)[k + 1];
        (*argc)--;
        break;
      }
  gui_test_setenv ();
  if (locale != NULL)
    {
      g_setenv ("LC_ALL", locale, TRUE);
      g_unsetenv ("LANGUAGE");
    }
  g_test_init (argc, argv, NULL);
  if (locale != NULL)
    ps_app_i18n_init ();
  if (!gui_test_open_window ())
    return NULL;
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  return locale != NULL ? "-pt_BR" : "";
}
