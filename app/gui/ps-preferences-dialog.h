/* ps-preferences-dialog.h: the Preferences window over the GSettings keys. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PS_TYPE_PREFERENCES_DIALOG (ps_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsPreferencesDialog, ps_preferences_dialog, PS, PREFERENCES_DIALOG, GtkWindow)

GtkWidget *ps_preferences_dialog_new (GtkWindow *parent);

G_END_DECLS
