#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-backend-picker.h"
#include "ps-gui-util.h"
#include "ps-mpi-run.h"

/* The backends offered: the engine's list (ps_backends_list()), each with what it
 * can do here (ps_backend_get_info()). All that the picker knows of a backend comes
 * from its label, its description, its flags and that information. */
typedef struct
{
  const PsBackend *backend;
  PsBackendInfo info; /* info.reason: why it cannot run here, when not available */
} BackendChoice;

struct _PsBackendPicker
{
  GtkBox parent_instance;

  GtkWidget *dropdown;
  GtkWidget *workers_label;
  GtkWidget *workers_spin;
  GtkWidget *mpi_button;
  GtkWidget *hostfile_title;
  GtkWidget *mpi_hostfile_label;
  GtkWidget *hostfile_choose;
  GtkWidget *hostfile_local;
  GtkWidget *mpi_threads_spin;

  BackendChoice *backends;
  guint n_backends;
  guint last;         /* the choice shown */
  char *mpi_hostfile; /* NULL: a launcher's workers on this machine */
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
  const PsBackend *const *list = ps_backends_list ();

  while (list[self->n_backends] != NULL)
    self->n_backends++;
  self->backends = g_new0 (BackendChoice, self->n_backends);
  for (guint i = 0; i < self->n_backends; i++)
    {
      BackendChoice *c = &self->backends[i];
      g_autoptr (GError) error = NULL;

      c->backend = list[i];
      ps_backend_get_info (c->backend, &c->info);
      /* A backend that runs under a launcher runs here when its command can be built
       * (the launcher and parastudy-cli found), which its launch_argv() tells. */
      if (c->info.available && (c->backend->flags & PS_BACKEND_NEEDS_LAUNCHER)
          && !ps_mpi_run_check_launcher (c->backend, &error))
        {
          c->info.available = FALSE;
          c->info.reason = g_strdup (error->message);
        }
    }
}

static gboolean
choice_usable (PsBackendPicker *self, guint i)
{
  return i < self->n_backends && self->backends[i].info.available;
}

static gboolean
choice_has (PsBackendPicker *self, guint i, PsBackendFlags flag)
{
  return i < self->n_backends && (self->backends[i].backend->flags & flag) != 0;
}

/* The count shown when a backend that takes one is chosen: the preference, else the
 * backend's own default. */
static int
choice_default_workers (PsBackendPicker *self, guint i)
{
  int w = g_settings_get_int (ps_gui_settings (), "default-workers");

  return w > 0 ? w : MAX (self->backends[i].info.default_workers, 1);
}

/* ---- the popover: host file and threads per worker
 * ---------------------------------------------------------- */

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

/* The backends' labels as the window shows them, for xgettext: the engine's labels
 * with the context "backend", so that a language can name them in its own words in
 * the GUI while the command line keeps the engine's. */
static const char *const gui_backend_labels[] G_GNUC_UNUSED = {
  /* TRANSLATORS: a place a study is computed on, in the window's "Run on" list. */
  NC_ ("backend", "Serial"),
  /* TRANSLATORS: a place a study is computed on, in the window's "Run on" list. */
  NC_ ("backend", "Threads"),
  /* TRANSLATORS: a place a study is computed on, in the window's "Run on" list. */
  NC_ ("backend", "Processes"),
  /* TRANSLATORS: a place a study is computed on, in the window's "Run on" list. */
  NC_ ("backend", "MPI"),
  /* TRANSLATORS: a place a study is computed on, in the window's "Run on" list. */
  NC_ ("backend", "GPU"),
};

const char *
ps_backend_picker_label (const PsBackend *backend)
{
  const char *t = g_dpgettext2 (GETTEXT_PACKAGE, "backend", backend->label);

  /* Until a catalogue has the GUI's word, the engine's translation. */
  return t != backend->label ? t : _ (backend->label);
}

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
  const BackendChoice *c = &self->backends[i];
  gboolean ok = choice_usable (self, i);
  g_autofree char *tip = NULL;

  gtk_label_set_text (GTK_LABEL (label), ps_backend_picker_label (c->backend));
  gtk_widget_set_sensitive (label, ok);
  if (!ok)
    tip = g_strdup (c->info.reason);
  else if (c->info.details != NULL)
    tip = g_strdup_printf ("%s\n%s", _ (c->backend->description), c->info.details);
  else
    tip = g_strdup (_ (c->backend->description));
  gtk_widget_set_tooltip_text (label, tip);
  gtk_list_item_set_selectable (item, ok);
  gtk_list_item_set_activatable (item, ok);
}

/* The worker count, its label and the popover as backend @i wants them. */
static void
show_options (PsBackendPicker *self, guint i)
{
  gboolean launcher = choice_has (self, i, PS_BACKEND_NEEDS_LAUNCHER);
  GtkWidget *hostfile_row[] = { self->hostfile_title, self->mpi_hostfile_label,
                                self->hostfile_choose, self->hostfile_local };

  gtk_widget_set_sensitive (self->workers_spin, !choice_has (self, i, PS_BACKEND_FIXED_WORKERS));
  /* Under a launcher (mpirun) the count is of ranks, each with its threads (the
   * popover), and the host file says where they run. */
  gtk_widget_set_visible (self->mpi_button,
                          launcher || choice_has (self, i, PS_BACKEND_WORKER_THREADS));
  for (guint k = 0; k < G_N_ELEMENTS (hostfile_row); k++)
    gtk_widget_set_visible (hostfile_row[k], launcher);
  gtk_label_set_text_with_mnemonic (GTK_LABEL (self->workers_label),
                                    launcher ? _ ("_Ranks") : _ ("_Workers"));
}

static void
on_backend_selected (PsBackendPicker *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  gboolean changed;

  if (i >= self->n_backends)
    return;
  if (!choice_usable (self, i))
    {
      /* Greyed entries cannot be chosen, even from the keyboard. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), self->last);
      return;
    }
  changed = i != self->last;
  self->last = i;
  show_options (self, i);
  if (choice_has (self, i, PS_BACKEND_FIXED_WORKERS))
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
  for (guint i = 0; i < self->n_backends; i++)
    {
      gtk_string_list_append (labels, ps_backend_picker_label (self->backends[i].backend));
      if (choice_usable (self, i) && g_str_equal (self->backends[i].backend->name, preferred))
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    for (guint i = 0; i < self->n_backends; i++)
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
  show_options (self, selected);
  update_mpi_hostfile_label (self);
  if (choice_usable (self, selected))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->workers_spin),
                               choice_has (self, selected, PS_BACKEND_FIXED_WORKERS)
                                   ? 1
                                   : choice_default_workers (self, selected));
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

  for (guint i = 0; i < self->n_backends; i++)
    ps_backend_info_clear (&self->backends[i].info);
  g_free (self->backends);
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
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, hostfile_title);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, mpi_hostfile_label);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, hostfile_choose);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, hostfile_local);
  gtk_widget_class_bind_template_child (widget_class, PsBackendPicker, mpi_threads_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_backend_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_mpi_hostfile_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_mpi_hostfile_clear);
}

static void
ps_backend_picker_init (PsBackendPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));
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
  return self->last < self->n_backends ? self->backends[self->last].info.reason : NULL;
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
ps_backend_picker_get_threads_per_worker (PsBackendPicker *self)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), 1);
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->mpi_threads_spin));
}

gboolean
ps_backend_picker_select (PsBackendPicker *self, const char *name, int workers)
{
  g_return_val_if_fail (PS_IS_BACKEND_PICKER (self), FALSE);
  for (guint i = 0; i < self->n_backends; i++)
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
ps_backend_picker_set_options (PsBackendPicker *self, const char *hostfile, int threads_per_worker)
{
  g_return_if_fail (PS_IS_BACKEND_PICKER (self));
  g_free (self->mpi_hostfile);
  self->mpi_hostfile = g_strdup (hostfile);
  update_mpi_hostfile_label (self);
  if (threads_per_worker > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->mpi_threads_spin), threads_per_worker);
}

GtkWidget *
ps_backend_picker_get_dropdown (PsBackendPicker *self)
{
  return self->dropdown;
}

GtkWidget *
ps_backend_picker_get_options_button (PsBackendPicker *self)
{
  return self->mpi_button;
}
