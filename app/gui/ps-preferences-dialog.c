#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "parastudy.h"
#include "ps-gui-util.h"
#include "ps-preferences-dialog.h"

struct _PsPreferencesDialog
{
  GtkWindow parent_instance;

  GtkWidget *backend;
  GtkWidget *workers;
  GtkWidget *units;
  GtkWidget *paper;
};

G_DEFINE_FINAL_TYPE (PsPreferencesDialog, ps_preferences_dialog, GTK_TYPE_WINDOW)

/* The settings' string values, in drop-down order. */
static const char *const unit_values[] = { "engineering", "si", NULL };
static const char *const paper_values[] = { "a4", "letter", NULL };

static void
ps_preferences_dialog_class_init (PsPreferencesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesDialog, backend);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesDialog, workers);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesDialog, units);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesDialog, paper);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static gboolean
get_index (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *values = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], s))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
set_index (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *values = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **)values))
    return NULL;
  return g_variant_new_string (values[i]);
}

static void
ps_preferences_dialog_init (PsPreferencesDialog *self)
{
  GSettings *settings = ps_gui_settings ();
  const PsBackend *const *all = ps_backends_list ();
  static const char *backend_values[16];
  g_autoptr (GtkStringList) backends = gtk_string_list_new (NULL);
  const char *units[] = { _ ("Engineering (kN, MPa, mm)"), _ ("SI (N, Pa, m)"), NULL };
  const char *papers[] = { _ ("A4"), _ ("US Letter"), NULL };
  g_autoptr (GtkStringList) unit_list = gtk_string_list_new (units);
  g_autoptr (GtkStringList) paper_list = gtk_string_list_new (papers);
  guint n = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; all[i] != NULL && n < G_N_ELEMENTS (backend_values) - 1; i++)
    {
      backend_values[n++] = all[i]->name;
      gtk_string_list_append (backends, all[i]->name);
    }
  backend_values[n] = NULL;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->backend), G_LIST_MODEL (backends));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->units), G_LIST_MODEL (unit_list));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->paper), G_LIST_MODEL (paper_list));

  g_settings_bind_with_mapping (settings, "default-backend", self->backend, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_index, set_index,
                                (gpointer)backend_values, NULL);
  g_settings_bind (settings, "default-workers",
                   gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->workers)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "units", self->units, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_index, set_index, (gpointer)unit_values, NULL);
  g_settings_bind_with_mapping (settings, "report-paper-size", self->paper, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_index, set_index,
                                (gpointer)paper_values, NULL);
}

GtkWidget *
ps_preferences_dialog_new (GtkWindow *parent)
{
  return g_object_new (PS_TYPE_PREFERENCES_DIALOG, "transient-for", parent, NULL);
}
