#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-backend-picker.h"
#include "ps-gui-util.h"
#include "ps-mpi-run.h"

/* The backends offered, in the order the run bar lists them. An engine name the
 * backend table does not know is "not in this version". All that the picker knows
 * of a backend comes from this table and the few helpers below it, so that taking
 * the list from the engine instead changes nothing else. */
typedef struct
{
  const char *label;
  const char *engine_names[3];
  const PsBackend *backend;
  char *reason; /* why it cannot run here, or NULL */
} BackendChoice;

#define N_BACKENDS 5

struct _PsBackendPicker
{
  GtkBox parent_instance;

  GtkWidget *dropdown;
  GtkWidget *workers_label;
  GtkWidget *workers_spin;
  GtkWidget *mpi_button;
  GtkWidget *mpi_hostfile_label;
  GtkWidget *mpi_threads_spin;

  BackendChoice backends[N_BACKENDS];
  guint last;         /* the choice shown */
  char *mpi_hostfile; /* NULL: MPI ranks on this machine */
};

enum
{
  PROP_0,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PsBackendPicker, ps_backend_picker, GTK_TYPE_BOX)

static void
init_backends (PsBackendPicker *self)
{
  const BackendChoice choices[N_BACKENDS] = {
    { N_ ("Serial"), { "serial", NULL } },       { N_ ("Threads"), { "threads", NULL } },
    { N_ ("Processes"), { "processes", NULL } }, { N_ ("MPI"), { "mpi", NULL } },
    { N_ ("GPU"), { "gpu", "cuda", NULL } },
  };

  for (guint i = 0; i < N_BACKENDS; i++)
    {
      BackendChoice *c = &self->backends[i];

      *c = choices[i];
      for (guint k = 0; c->engine_names[k] != NULL && c->backend == NULL; k++)
        c->backend = ps_backend_lookup (c->engine_names[k]);
      if (c->backend == NULL)
        c->reason = g_strdup (_ ("Not in this version of Parastudy"));
      else if (!c->backend->is_available (&c->reason))
        {
          if (c->reason == NULL)
            c->reason = g_strdup (_ ("Not available on this machine"));
        }
      else
        g_clear_pointer (&c->reason, g_free);
      /* MPI runs are mpirun running parastudy-cli (ps-mpi-run.h): both must be here. */
      if (c->backend != NULL && c->reason == NULL && g_str_equal (c->backend->name, "mpi"))
        c->reason = ps_mpi_run_dup_unavailable_reason ();
    }
}

static gboolean
choice_usable (PsBackendPicker *self, guint i)
{
  return i < N_BACKENDS && self->backends[i].backend != NULL && self->backends[i].reason == NULL;
}

static gboolean
choice_is_mpi (PsBackendPicker *self, guint i)
{
  return i < N_BACKENDS && self->backends[i].backend != NULL
         && g_str_equal (self->backends[i].backend->name, "mpi");
}

/* Serial runs on one worker, whatever the count says. */
static gboolean
choice_is_single (PsBackendPicker *self, guint i)
{
  return i < N_BACKENDS && self->backends[i].backend != NULL
         && g_str_equal (self->backends[i].backend->name, "serial");
}

/* The count shown when a backend that takes one is chosen: the preference, else the
 * backend's own default. */
static int
choice_default_workers (PsBackendPicker *self, guint i)
{
  int w = g_settings_get_int (ps_gui_settings (), "default-workers");

  return w > 0 ? w : self->backends[i].backend->default_workers ();
}

/* ---- the MPI popover ---------------------------------------------------------- */

static void
update_mpi_hostfile_label (PsBackendPicker *self)
{
  g_autofree char *base = self->mpi_hostfile ? g_path_get_basename (self->mpi_hostfile) : NULL;

  gtk_label_set_text (GTK_LABEL (self->mpi_hostfile_label),
                      base != NULL ? base : _ ("(local machine)"));
  gtk_widget_set_tooltip_text (self->mpi_hostfile_label, self->mpi_hostfile);
}

static void
on_mpi_hostfile_chosen (GtkNativeDialog *dialog, int response, PsBackendPicker *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL && g_file_get_path (file) != NULL)
        {
          g_free (self->mpi_hostfile);
          self->mpi_hostfile = g_file_get_path (file);
          update_mpi_hostfile_label (self);
        }
    }
  g_object_unref (dialog);
}

static void
on_mpi_hostfile_choose (PsBackendPicker *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
      _ ("Choose an MPI Host File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));

  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->mpi_button)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_mpi_hostfile_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_mpi_hostfile_clear (PsBackendPicker *self)
{
  g_clear_pointer (&self->mpi_hostfile, g_free);
  update_mpi_hostfile_label (self);
}

/* ---- the drop-down -------------------------------------------------------------- */

static void
setup_item (GtkSignalListItemFactory *f, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_item (GtkSignalListItemFactory *f, GtkListItem *item, PsBackendPicker *self)
{
  guint i = gtk_list_item_get_position (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gboolean ok = choice_usable (self, i);

  gtk_label_set_text (GTK_LABEL (label), _ (self->backends[i].label));
  gtk_widget_set_sensitive (label, ok);
  gtk_widget_set_tooltip_text (label, ok ? _ (self->backends[i].backend->description)
                                         : self->backends[i].reason);
  gtk_list_item_set_selectable (item, ok);
  gtk_list_item_set_activatable (item, ok);
}

static void
on_backend_selected (PsBackendPicker *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  gboolean changed;

  if (i >= N_BACKENDS)
    return;
  if (!choice_usable (self, i))
    {
      /* Greyed entries cannot be chosen, even from the keyboard. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), self->last);
      return;
    }
  changed = i != self->last;
  self->last = i;
  gtk_widget_set_sensitive (self->workers_spin, !choice_is_single (self, i));
  /* With MPI the count is of ranks, each with its threads (the MPI popover). */
  gtk_widget_set_visible (self->mpi_button, choice_is_mpi (self, i));
  gtk_label_set_text_with_mnemonic (GTK_LABEL (self->workers_label),
                                    choice_is_mpi (self, i) ? _ ("_Ranks") : _ ("_Workers"));
  if (choice_is_single (self, i))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->workers_spin), 1);
  else if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->workers_spin)) <= 1)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->workers_spin),
                               choice_default_workers (self, i));
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/* The preferred backend (the preference, else the engine's default, else the
 * first), shown with its worker count. */
static void
setup_dropdown (PsBackendPicker *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autofree char *preferred = g_settings_get_string (ps_gui_settings (), "default-backend");
  guint selected = GTK_INVALID_LIST_POSITION;

  init_backends (self);
  for (guint i = 0; i < N_BACKENDS; i++)
    {
      gtk_string_list_append (labels, _ (self->backends[i].label));
      if (choice_usable (self, i) && g_str_equal (self->backends[i].backend->name, preferred))
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    for (guint i = 0; i < N_BACKENDS; i++)
      if (choice_usable (self, i)
          && g_str_equal (self->backends[i].backend->name, ps_backend_default_name ()))
        selected = i;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->dropdown), factory);
  g_object_unref (factory);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->dropdown), G_LIST_MODEL (labels));
  g_object_unref (labels);
  self->last = selected;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), selected);
  gtk_widget_set_visible (self->mpi_button, choice_is_mpi (self, selected));
  update_mpi_hostfile_label (self);
  if (choice_usable (self, selected))
    gtk_spin_button_set_value (
        GTK_SPIN_BUTTON (self->workers_spin),
        choice_is_single (self, selected) ? 1 : choice_default_workers (self, selected));
}

/* ---- the type ------------------------------------------------------------------- */

static void
ps_backend_picker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PsBackendPicker *self = PS_BACKEND_PICKER (object);
  const PsBackend *backend = ps_backend_picker_get_backend (self);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_string (value, backend != NULL ? backend->name : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_backend_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_BACKEND_PICKER);
  G_OBJECT_CLASS (ps_backend_picker_parent_class)->dispose (object);
}

static void
ps_backend_picker_finalize (GObject *object)
{
  PsBackendPicker *self = PS_BACKEND_PICKER (object);

  for (guint i = 0; i < N_BACKENDS; i++)
    g_free (self->backends[i].reason);
  g_free (self->mpi_hostfile);
  G_OBJECT_CLASS (ps_backend_picker_parent_class)->finalize (object);
}

static void
ps_backend_picker_class_init (PsBackendPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ps_backend_picker_get_property;
  object_class->dispose = ps_backend_picker_dispose;
  object_class->finalize = ps_backend_picker_finalize;

  properties[PROP_BACKEND]
      = g_param_spec_string ("backend", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-backend-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, workers_label);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, mpi_button);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, mpi_hostfile_label);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, mpi_threads_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_backend_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_mpi_hostfile_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_mpi_hostfile_clear);
}

static void
ps_backend_picker_init (PsBackendPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_dropdown (self);
}

GtkWidget *
ps_backend_picker_new (void)
{
  return g_object_new (PS_TYPE_BACKEND_PICKER, NULL);
}

const PsBackend *
ps_backend_picker_get_backend (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), NULL);
  return choice_usable (self, self->last) ? self->backends[self->last].backend : NULL;
}

const char *
ps_backend_picker_get_reason (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), NULL);
  return self->last < N_BACKENDS ? self->backends[self->last].reason : NULL;
}

gboolean
ps_backend_picker_is_mpi (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), FALSE);
  return choice_is_mpi (self, self->last);
}

int
ps_backend_picker_get_workers (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), 1);
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->workers_spin));
}

const char *
ps_backend_picker_get_hostfile (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), NULL);
  return self->mpi_hostfile;
}

int
ps_backend_picker_get_threads_per_rank (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), 1);
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->mpi_threads_spin));
}

gboolean
ps_backend_picker_select (PsBackendPicker *self, const char *name, int workers)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), FALSE);
  for (guint i = 0; i < N_BACKENDS; i++)
    if (choice_usable (self, i) && g_str_equal (self->backends[i].backend->name, name))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), i);
        if (workers > 0)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->workers_spin), workers);
        return TRUE;
      }
  return FALSE;
}

void
ps_backend_picker_set_mpi_options (PsBackendPicker *self, const char *hostfile,
                                   int threads_per_rank)
{
  g_return_if_fail (PS_IS_BACKEND_PICKER (self));
  g_free (self->mpi_hostfile);
  self->mpi_hostfile = g_strdup (hostfile);
  update_mpi_hostfile_label (self);
  if (threads_per_rank > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->mpi_threads_spin), threads_per_rank);
}

GtkWidget *
ps_backend_picker_get_dropdown (PsBackendPicker *self)
{
  return self->dropdown;
}

GtkWidget *
ps_backend_picker_get_mpi_button (PsBackendPicker *self)
{
  return self->mpi_button;
}
