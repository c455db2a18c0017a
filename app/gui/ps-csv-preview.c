#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>

#include "ps-csv-preview.h"

/* Columns shown at most. */
#define MAX_COLUMNS 32
/* Lines skipped shown above the table at most. */
#define SKIPPED_SHOWN 3

/* ---- a row of the table ------------------------------------------------------ */

#define PS_TYPE_PREVIEW_ROW (ps_preview_row_get_type ())
G_DECLARE_FINAL_TYPE (PsPreviewRow, ps_preview_row, PS, PREVIEW_ROW, GObject)

struct _PsPreviewRow
{
  GObject parent_instance;
  guint line;
  GPtrArray *fields; /* char *, valid UTF-8 */
  guint64 bad;       /* bit k: field k is a mapped number that does not read */
};

G_DEFINE_FINAL_TYPE (PsPreviewRow, ps_preview_row, G_TYPE_OBJECT)

static void
ps_preview_row_finalize (GObject *object)
{
  g_ptr_array_unref (PS_PREVIEW_ROW (object)->fields);
  G_OBJECT_CLASS (ps_preview_row_parent_class)->finalize (object);
}

static void
ps_preview_row_class_init (PsPreviewRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_preview_row_finalize;
}

static void
ps_preview_row_init (PsPreviewRow *self)
{
  self->fields = g_ptr_array_new_with_free_func (g_free);
}

/* ---- the table ------------------------------------------------------------------ */

struct _PsCsvPreview
{
  GtkBox parent_instance;

  /* Template children. */
  GtkWidget *skipped;
  GtkWidget *view;
  GtkWidget *status;

  GListStore *rows;
  char *file;
  char **titles;
  guint n_columns;
  int map_x, map_y, map_specimen; /* columns mapped, or -1 */
};

G_DEFINE_FINAL_TYPE (PsCsvPreview, ps_csv_preview, GTK_TYPE_BOX)

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, PsCsvPreview *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  PsPreviewRow *row = gtk_list_item_get_item (item);
  int k = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_label_set_attributes (GTK_LABEL (label), NULL);
  if (k < 0)
    {
      g_autofree char *t = g_strdup_printf ("%u", row->line);

      gtk_label_set_text (GTK_LABEL (label), t);
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }
  gtk_label_set_text (GTK_LABEL (label), (guint)k < row->fields->len ? row->fields->pdata[k] : "");
  if (k == self->map_x || k == self->map_y || k == self->map_specimen)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
    }
  if (k < 64 && (row->bad >> k) & 1)
    gtk_widget_add_css_class (label, "error");
}

static void
add_column (PsCsvPreview *self, const char *title, int k)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (k));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->view), column);
  g_object_unref (column);
}

void
ps_csv_preview_clear (PsCsvPreview *self, const char *message)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->view));

  g_return_if_fail (PS_IS_CSV_PREVIEW (self));
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->view), c);
    }
  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->titles, g_strfreev);
  self->n_columns = 0;
  self->map_x = self->map_y = self->map_specimen = -1;
  gtk_label_set_text (GTK_LABEL (self->skipped), "");
  gtk_widget_set_visible (self->skipped, FALSE);
  if (message != NULL)
    gtk_label_set_text (GTK_LABEL (self->status), message);
}

/* The unit a mapped column is read in, as its title shows it. */
static const char *
unit_text (const PsRegPreviewUnit *u)
{
  return u->text != NULL ? u->text : "?";
}

/* The title of column @k: its name and the quantity mapped to it with the unit a run
 * reads it in, and on a second line the field of the units row under it. */
static char *
column_title (const PsRegressionPreview *p, guint k)
{
  g_autofree char *name = p->header_fields != NULL && k < p->n_header_fields
                              ? g_strdup (p->header_fields[k])
                              : g_strdup_printf (_ ("Column %u"), k + 1);
  g_autofree char *title = NULL;

  if ((int)k == p->x.column)
    title
        = g_strdup_printf ("%s → %s [%s]", name, p->force_input ? _ ("displacement") : _ ("strain"),
                           unit_text (&p->x_unit));
  else if ((int)k == p->y.column)
    title = g_strdup_printf ("%s → %s [%s]", name, p->force_input ? _ ("force") : _ ("stress"),
                             unit_text (&p->y_unit));
  else if ((int)k == p->specimen.column)
    title = g_strdup_printf ("%s → %s", name, _ ("specimen"));
  else
    title = g_steal_pointer (&name);
  if (p->units_fields != NULL)
    return g_strdup_printf ("%s\n%s", title, k < p->n_units_fields ? p->units_fields[k] : "");
  return g_steal_pointer (&title);
}

/* "stress in MPa (from the units row)": the unit a run reads a column in, and whence. */
static char *
unit_phrase (const char *quantity, const PsRegPreviewUnit *u)
{
  const char *from;

  switch (u->from)
    {
    case PS_REG_UNIT_STUDY:
      from = _ ("as the study says");
      break;
    case PS_REG_UNIT_UNITS_ROW:
      from = _ ("from the units row");
      break;
    case PS_REG_UNIT_DEFAULT:
      from = _ ("by default");
      break;
    case PS_REG_UNIT_NONE:
    default:
      /* TRANSLATORS: %s is "strain", "stress", "displacement" or "force". */
      return g_strdup_printf (_ ("%s without a unit"), quantity);
    }
  /* TRANSLATORS: "stress in MPa (from the units row)". */
  return g_strdup_printf (_ ("%s in %s (%s)"), quantity, u->text, from);
}

void
ps_csv_preview_show (PsCsvPreview *self, const PsRegressionPreview *p)
{
  const PsRegColumn *mapped[2] = { &p->x, &p->y };
  g_autoptr (GString) status = g_string_new (NULL);
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *first_bad = NULL, *base = NULL;
  guint max_fields = 0;

  g_return_if_fail (PS_IS_CSV_PREVIEW (self));
  ps_csv_preview_clear (self, NULL);
  self->file = g_strdup (p->file);

  /* The lines skipped above the header (the study's skip_lines, or the metadata
   * above the header the loader found), shown dimmed above the table. */
  if (p->skip_lines > 0)
    {
      g_autoptr (GString) s = g_string_new (NULL);

      for (guint i = 0; i < p->n_skipped && i < SKIPPED_SHOWN; i++)
        g_string_append_printf (s, "%s%u  %s", i ? "\n" : "", i + 1, p->skipped[i]);
      if (p->skip_lines > SKIPPED_SHOWN)
        g_string_append_printf (s, "\n%s", _ ("…"));
      gtk_label_set_text (GTK_LABEL (self->skipped), s->str);
      gtk_widget_set_visible (self->skipped, TRUE);
    }
  if (p->header && p->header_fields == NULL)
    {
      g_autofree char *t
          = p->problem != NULL
                ? g_strdup (p->problem)
                : g_strdup_printf (_ ("%s has no header line after the %u lines skipped."), p->file,
                                   p->skip_lines);

      gtk_label_set_text (GTK_LABEL (self->status), t);
      return;
    }
  if (p->header_fields != NULL)
    max_fields = p->n_header_fields;
  self->map_x = p->x.column;
  self->map_y = p->y.column;
  self->map_specimen = p->specimen.column;

  for (guint r = 0; r < p->n_rows; r++)
    {
      const PsRegressionPreviewRow *pr = &p->rows[r];
      PsCsvNumber read[2] = { pr->x_read, pr->y_read };
      PsPreviewRow *row = g_object_new (PS_TYPE_PREVIEW_ROW, NULL);

      row->line = (guint)pr->line;
      for (guint k = 0; k < pr->n_fields; k++)
        g_ptr_array_add (row->fields, g_strdup (pr->fields[k]));
      for (int c = 0; c < 2; c++)
        {
          int k = mapped[c]->column;

          if (k < 0 || (guint)k >= pr->n_fields || k >= 64 || read[c] == PS_CSV_NUMBER)
            continue;
          row->bad |= G_GUINT64_CONSTANT (1) << k;
          if (first_bad == NULL)
            first_bad = g_strdup_printf (
                _ ("line %u: “%s” is not a number with “%c” as the decimal separator"), row->line,
                (char *)row->fields->pdata[k], p->decimal);
        }
      max_fields = MAX (max_fields, pr->n_fields);
      g_list_store_append (self->rows, row);
      g_object_unref (row);
    }

  /* The columns: the header's names (or numbers), the mapped ones named. */
  self->n_columns = MIN (max_fields, MAX_COLUMNS);
  add_column (self, _ ("Line"), -1);
  for (guint k = 0; k < self->n_columns; k++)
    {
      char *title = column_title (p, k);

      g_ptr_array_add (titles, title);
      add_column (self, title, (int)k);
    }
  /* The last column takes the width left, so that the table fills its frame (a
   * table narrower than its scroller would also show GTK's overshoot shade). */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->view));
    g_autoptr (GtkColumnViewColumn) last
        = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);

    gtk_column_view_column_set_expand (last, TRUE);
  }
  g_ptr_array_add (titles, NULL);
  self->titles = (char **)g_ptr_array_free (g_steal_pointer (&titles), FALSE);

  base = g_path_get_basename (p->file);
  g_string_printf (status,
                   g_dngettext (GETTEXT_PACKAGE, "%s: the first %u data row",
                                "%s: the first %u data rows", p->n_rows),
                   base, p->n_rows);
  if (p->header_line > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, _ ("header on line %u"), (guint)p->header_line);
    }
  if (p->units_line > 0)
    {
      g_string_append (status, ", ");
      g_string_append_printf (status, _ ("units row on line %u"), (guint)p->units_line);
    }
  for (int c = 0; c < 2; c++)
    if (mapped[c]->column >= 0)
      {
        const char *quantity = c == 0 ? (p->force_input ? _ ("displacement") : _ ("strain"))
                                      : (p->force_input ? _ ("force") : _ ("stress"));
        g_autofree char *phrase = unit_phrase (quantity, c == 0 ? &p->x_unit : &p->y_unit);

        g_string_append (status, c == 0 || p->x.column < 0 ? " · " : ", ");
        g_string_append (status, phrase);
      }
  if (p->problem != NULL)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, _ ("a run stops here: %s"), p->problem);
    }
  for (int c = 0; c < 2; c++)
    {
      int col = mapped[c]->column;

      if (col >= 0 && (guint)col >= max_fields && p->n_rows > 0)
        {
          g_string_append (status, " · ");
          g_string_append_printf (status, _ ("column %d is past the last field (%u)"), col + 1,
                                  max_fields);
        }
    }
  if (first_bad != NULL)
    {
      g_string_append (status, " · ");
      g_string_append (status, first_bad);
    }
  gtk_label_set_text (GTK_LABEL (self->status), status->str);
}

/* ---- the type ------------------------------------------------------------------- */

static void
ps_csv_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_CSV_PREVIEW);
  G_OBJECT_CLASS (ps_csv_preview_parent_class)->dispose (object);
}

static void
ps_csv_preview_finalize (GObject *object)
{
  PsCsvPreview *self = PS_CSV_PREVIEW (object);

  g_clear_object (&self->rows);
  g_free (self->file);
  g_strfreev (self->titles);
  G_OBJECT_CLASS (ps_csv_preview_parent_class)->finalize (object);
}

static void
ps_csv_preview_class_init (PsCsvPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_csv_preview_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_csv_preview_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-csv-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCsvPreview, skipped);
  gtk_widget_class_bind_template_child (widget_class, PsCsvPreview, view);
  gtk_widget_class_bind_template_child (widget_class, PsCsvPreview, status);
}

static void
ps_csv_preview_init (PsCsvPreview *self)
{
  self->rows = g_list_store_new (PS_TYPE_PREVIEW_ROW);
  self->map_x = self->map_y = self->map_specimen = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_column_view_set_model (
      GTK_COLUMN_VIEW (self->view),
      GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
}

/* ---- what is shown ---------------------------------------------------------------- */

const char *
ps_csv_preview_get_file (PsCsvPreview *self)
{
  return self->file;
}

guint
ps_csv_preview_get_n_rows (PsCsvPreview *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

guint
ps_csv_preview_get_n_columns (PsCsvPreview *self)
{
  return self->n_columns;
}

char *
ps_csv_preview_dup_title (PsCsvPreview *self, guint column)
{
  if (self->titles == NULL || column >= self->n_columns)
    return NULL;
  return g_strdup (self->titles[column]);
}

const char *
ps_csv_preview_get_cell (PsCsvPreview *self, guint row, guint column)
{
  g_autoptr (PsPreviewRow) r = g_list_model_get_item (G_LIST_MODEL (self->rows), row);

  if (r == NULL || column >= r->fields->len)
    return NULL;
  return r->fields->pdata[column];
}

guint
ps_csv_preview_get_line (PsCsvPreview *self, guint row)
{
  g_autoptr (PsPreviewRow) r = g_list_model_get_item (G_LIST_MODEL (self->rows), row);

  return r ? r->line : 0;
}

const char *
ps_csv_preview_get_skipped (PsCsvPreview *self)
{
  return gtk_widget_get_visible (self->skipped) ? gtk_label_get_text (GTK_LABEL (self->skipped))
                                                : NULL;
}

const char *
ps_csv_preview_get_status (PsCsvPreview *self)
{
  return gtk_label_get_text (GTK_LABEL (self->status));
}

GtkWidget *
ps_csv_preview_get_view (PsCsvPreview *self)
{
  return self->view;
}
