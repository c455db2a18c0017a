#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-specimen-view.h"
#include "study/ps-summary.h"

struct _PsSpecimenView
{
  GtkBox parent_instance;

  GtkWidget *title;
  GtkWidget *grid;
  GHashTable *values; /* key -> GtkLabel */
};

G_DEFINE_FINAL_TYPE (PsSpecimenView, ps_specimen_view, GTK_TYPE_BOX)

void
ps_specimen_view_show (PsSpecimenView *self, PsRunData *data, const char *specimen)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_hash_table_remove_all (self->values);
  if (data != NULL && specimen != NULL)
    rows = ps_plot_study_item_figures (data, specimen, &error);
  if (rows == NULL)
    {
      if (error != NULL)
        g_debug ("no figures for %s: %s", specimen, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  title = g_strdup_printf (_ ("Specimen %s"), specimen);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  for (guint i = 0; i < rows->len; i++)
    {
      const PsSummaryRow *r = g_ptr_array_index (rows, i);
      GtkWidget *n = gtk_label_new (r->label);
      GtkWidget *v = gtk_label_new (r->text);

      gtk_label_set_xalign (GTK_LABEL (n), 0);
      gtk_widget_add_css_class (n, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (v), 1);
      gtk_label_set_selectable (GTK_LABEL (v), TRUE);
      gtk_label_set_wrap (GTK_LABEL (v), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (v), 24);
      gtk_widget_add_css_class (v, "numeric-cell");
      gtk_grid_attach (GTK_GRID (self->grid), n, 0, (int)i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), v, 1, (int)i, 1, 1);
      g_hash_table_replace (self->values, g_strdup (r->key), v);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

const char *
ps_specimen_view_get_text (PsSpecimenView *self, const char *key)
{
  GtkWidget *v = g_hash_table_lookup (self->values, key);

  return v != NULL && gtk_widget_get_visible (GTK_WIDGET (self))
             ? gtk_label_get_text (GTK_LABEL (v))
             : NULL;
}

static void
ps_specimen_view_finalize (GObject *object)
{
  PsSpecimenView *self = PS_SPECIMEN_VIEW (object);

  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (ps_specimen_view_parent_class)->finalize (object);
}

static void
ps_specimen_view_class_init (PsSpecimenViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_specimen_view_finalize;
}

static void
ps_specimen_view_init (PsSpecimenView *self)
{
  GtkWidget *heading = gtk_label_new (_ ("ISO 6892-1 quantities"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "dim-label");
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_box_append (GTK_BOX (self), self->title);
  gtk_box_append (GTK_BOX (self), heading);
  /* A long list of quantities scrolls rather than make the window taller. */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_widget_set_vexpand (scroller, TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->grid);
    gtk_box_append (GTK_BOX (self), scroller);
  }
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ps_specimen_view_new (void)
{
  return g_object_new (PS_TYPE_SPECIMEN_VIEW, NULL);
}
