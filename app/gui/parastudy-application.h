/* parastudy-application.h: the GtkApplication (org.parastudy.Parastudy). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PARASTUDY_TYPE_APPLICATION (parastudy_application_get_type ())
G_DECLARE_FINAL_TYPE (ParastudyApplication, parastudy_application, PARASTUDY, APPLICATION,
                      GtkApplication)

#define PARASTUDY_APP_ID "org.parastudy.Parastudy"

ParastudyApplication *parastudy_application_new (GApplicationFlags extra_flags);
/* The folder of the example studies (installed, or the source tree's). */
const char *parastudy_application_get_examples_dir (void);

G_END_DECLS
