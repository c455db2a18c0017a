/* ps-app-i18n.h: the gettext set-up of every Parastudy program (the application,
 * parastudy-cli and parastudy-worker), in one place so that a worker process speaks
 * the language of the run that started it.
 *
 * PARASTUDY_LOCALEDIR, when set, replaces the installed catalogues: a build tree
 * writes them to BUILD/po/LANG/LC_MESSAGES/parastudy.mo, so PARASTUDY_LOCALEDIR=BUILD/po
 * runs the uninstalled programs (and the tests) translated.
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>

static inline void
ps_app_i18n_init (void)
{
  const char *dir = g_getenv ("PARASTUDY_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
