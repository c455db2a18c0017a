#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "parastudy-application.h"
#include "parastudy-window.h"
#include "ps-gui-resources.h"
#include "ps-gui-util.h"
#include "ps-preferences-dialog.h"

struct _ParastudyApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ParastudyApplication, parastudy_application, GTK_TYPE_APPLICATION)

const char *
parastudy_application_get_examples_dir (void)
{
  static char *dir;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("PARASTUDY_EXAMPLES");
      g_autofree char *installed = g_build_filename (PKGDATADIR, "examples", NULL);

      /* An uninstalled build uses the source tree's examples. */
      if (env != NULL && g_file_test (env, G_FILE_TEST_IS_DIR))
        dir = g_strdup (env);
      else if (g_file_test (PS_GUI_SOURCE_EXAMPLES, G_FILE_TEST_IS_DIR))
        dir = g_strdup (PS_GUI_SOURCE_EXAMPLES);
      else
        dir = g_steal_pointer (&installed);
      g_once_init_leave (&once, 1);
    }
  return dir;
}

static GtkWindow *
get_window (ParastudyApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (parastudy_window_new (self));
  return window;
}

static void
parastudy_application_activate (GApplication *app)
{
  gtk_window_present (get_window (PARASTUDY_APPLICATION (app)));
}

static void
parastudy_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  GtkWindow *window = get_window (PARASTUDY_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    parastudy_window_open_file (PARASTUDY_WINDOW (window), files[i]);
  gtk_window_present (window);
}

static void
action_preferences (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (ps_preferences_dialog_new (parent)));
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *authors[] = { _ ("The Parastudy developers"), NULL };

  gtk_show_about_dialog (parent, "program-name", _ ("Parastudy"), "logo-icon-name",
                         PARASTUDY_APP_ID, "version", PACKAGE_VERSION, "comments",
                         _ ("Parametric studies for civil engineers: beam sweeps, stress–strain "
                            "regression and Monte Carlo reliability, on one core or many."),
                         "license-type", GTK_LICENSE_GPL_3_0, "authors", authors,
                         "translator-credits", _ ("translator-credits"), NULL);
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing asks about unsaved studies; the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", action_preferences },
  { "about", action_about },
  { "quit", action_quit },
};

static void
parastudy_application_startup (GApplication *app)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
    { "win.new-study('beam')", { "<Primary>n", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.close-study", { "<Primary>w", NULL } },
    { "win.export-report", { "<Primary>e", NULL } },
    { "win.export-csv", { "<Primary><Shift>e", NULL } },
    { "win.run", { "<Primary>r", "F5", NULL } },
    { "win.cancel", { "Escape", NULL } },
    { "win.show-help-overlay", { "<Primary>question", NULL } },
  };
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (parastudy_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  gtk_css_provider_load_from_resource (css, "/org/parastudy/Parastudy/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (PARASTUDY_APP_ID);
}

static void
parastudy_application_class_init (ParastudyApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = parastudy_application_activate;
  app_class->open = parastudy_application_open;
  app_class->startup = parastudy_application_startup;
}

static void
parastudy_application_init (ParastudyApplication *self)
{
}

ParastudyApplication *
parastudy_application_new (GApplicationFlags extra_flags)
{
  /* The resources live in a static library: register them explicitly so the linker
   * keeps them. */
  static gsize once;

  if (g_once_init_enter (&once))
    {
      ps_gui_register_resource ();
      g_once_init_leave (&once, 1);
    }
  return g_object_new (PARASTUDY_TYPE_APPLICATION, "application-id", PARASTUDY_APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN | extra_flags, "resource-base-path",
                       "/org/parastudy/Parastudy", NULL);
}
