/* parastudy: the desktop application. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "../ps-app-i18n.h"
#include "parastudy-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (ParastudyApplication) app = NULL;

  ps_app_i18n_init ();

  app = parastudy_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
