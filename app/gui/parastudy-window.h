/* parastudy-window.h: the main window: open studies, editor, run bar, results. */
#pragma once

#include <gtk/gtk.h>

#include "parastudy-application.h"

G_BEGIN_DECLS

#define PARASTUDY_TYPE_WINDOW (parastudy_window_get_type ())
G_DECLARE_FINAL_TYPE (ParastudyWindow, parastudy_window, PARASTUDY, WINDOW, GtkApplicationWindow)

ParastudyWindow *parastudy_window_new (ParastudyApplication *application);
/* Opens a study file (or selects it when already open). Errors show in the window. */
gboolean parastudy_window_open_file (ParastudyWindow *self, GFile *file);

G_END_DECLS
