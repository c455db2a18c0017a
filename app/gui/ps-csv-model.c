#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-csv-model.h"
#include "parastudy.h"

struct _PsCsvRow
{
  GObject parent_instance;
  PsCsvModel *model; /* strong */
  guint row;
};

G_DEFINE_FINAL_TYPE (PsCsvRow, ps_csv_row, G_TYPE_OBJECT)

struct _PsCsvModel
{
  GObject parent_instance;

  GMappedFile *map;
  const char *data;
  gsize len;
  char **columns;
  guint n_columns;
  guint64 *offsets; /* n_rows + 1: the start of each row, then the end */
  guint n_rows;

  guint *view; /* the visible rows in order, or NULL for all in file order */
  guint n_view;
  int filter_column;
  int sort_column;
  gboolean descending;
  guint8 *filled; /* per column: a row has a value there; NULL until asked */
};

static void ps_csv_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsCsvModel, ps_csv_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ps_csv_model_list_model_init))

static void
ps_csv_row_finalize (GObject *object)
{
  g_clear_object (&PS_CSV_ROW (object)->model);
  G_OBJECT_CLASS (ps_csv_row_parent_class)->finalize (object);
}

static void
ps_csv_row_class_init (PsCsvRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_csv_row_finalize;
}

static void
ps_csv_row_init (PsCsvRow *self)
{
}

PsCsvModel *
ps_csv_row_get_model (PsCsvRow *row)
{
  return row->model;
}

guint
ps_csv_row_get_row (PsCsvRow *row)
{
  return row->row;
}

char *
ps_csv_row_dup_field (PsCsvRow *row, guint column)
{
  return ps_csv_model_dup_field (row->model, row->row, column);
}

static void
ps_csv_model_finalize (GObject *object)
{
  PsCsvModel *self = PS_CSV_MODEL (object);

  g_clear_pointer (&self->map, g_mapped_file_unref);
  g_strfreev (self->columns);
  g_free (self->offsets);
  g_free (self->view);
  g_free (self->filled);
  G_OBJECT_CLASS (ps_csv_model_parent_class)->finalize (object);
}

static void
ps_csv_model_class_init (PsCsvModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_csv_model_finalize;
}

static void
ps_csv_model_init (PsCsvModel *self)
{
  self->filter_column = -1;
  self->sort_column = -1;
}

static GType
get_item_type (GListModel *model)
{
  return PS_TYPE_CSV_ROW;
}

static guint
get_n_items (GListModel *model)
{
  PsCsvModel *self = PS_CSV_MODEL (model);

  return self->view != NULL ? self->n_view : self->n_rows;
}

static gpointer
get_item (GListModel *model, guint position)
{
  PsCsvModel *self = PS_CSV_MODEL (model);
  PsCsvRow *row;

  if (position >= get_n_items (model))
    return NULL;
  row = g_object_new (PS_TYPE_CSV_ROW, NULL);
  row->model = g_object_ref (self);
  row->row = self->view != NULL ? self->view[position] : position;
  return row;
}

static void
ps_csv_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Cuts field @column out of the line [p, end): handles "quoted, fields" with ""
 * escapes, which the engine writes for messages that hold commas. */
static char *
cut_field (const char *p, const char *end, guint column)
{
  guint c = 0;

  while (p <= end)
    {
      GString *s = c == column ? g_string_new (NULL) : NULL;

      if (p < end && *p == '"')
        {
          p++;
          while (p < end)
            {
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  if (s)
                    g_string_append_c (s, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (s)
                    g_string_append_c (s, *p);
                  p++;
                }
            }
        }
      while (p < end && *p != ',')
        {
          if (s)
            g_string_append_c (s, *p);
          p++;
        }
      if (s)
        return g_string_free (s, FALSE);
      p++; /* the comma */
      c++;
    }
  return g_strdup ("");
}

static void
row_bounds (PsCsvModel *self, guint row, const char **begin, const char **end)
{
  const char *b = self->data + self->offsets[row];
  const char *e = self->data + self->offsets[row + 1];

  while (e > b && (e[-1] == '\n' || e[-1] == '\r'))
    e--;
  *begin = b;
  *end = e;
}

char *
ps_csv_model_dup_field (PsCsvModel *self, guint row, guint column)
{
  const char *b, *e;

  g_return_val_if_fail (row < self->n_rows, NULL);
  row_bounds (self, row, &b, &e);
  return cut_field (b, e, column);
}

double
ps_csv_model_get_number (PsCsvModel *self, guint row, guint column)
{
  g_autofree char *f = ps_csv_model_dup_field (self, row, column);
  char *endp;
  double v;

  if (*f == '\0')
    return NAN;
  v = g_ascii_strtod (f, &endp);
  return *endp == '\0' ? v : NAN;
}

PsCsvModel *
ps_csv_model_new_from_file (const char *path, GError **error)
{
  g_autoptr (PsCsvModel) self = g_object_new (PS_TYPE_CSV_MODEL, NULL);
  g_autoptr (GError) local_error = NULL;
  const char *p, *end, *nl;
  g_autofree char *header = NULL;
  gsize cap;

  self->map = g_mapped_file_new (path, FALSE, &local_error);
  if (self->map == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  self->data = g_mapped_file_get_contents (self->map);
  self->len = g_mapped_file_get_length (self->map);
  if (self->data == NULL || self->len == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: the file is empty"), path);
      return NULL;
    }
  end = self->data + self->len;
  nl = memchr (self->data, '\n', self->len);
  if (nl == NULL)
    nl = end;
  header = g_strndup (self->data, (gsize)(nl - self->data));
  g_strchomp (header);
  self->columns = g_strsplit (header, ",", -1);
  self->n_columns = g_strv_length (self->columns);

  /* Offsets of the rows: a guess from the first rows' length, grown as needed. */
  cap = 1024;
  self->offsets = g_new (guint64, cap);
  p = nl < end ? nl + 1 : end;
  while (p < end)
    {
      const char *q = memchr (p, '\n', (gsize)(end - p));

      if (self->n_rows + 2 > cap)
        {
          cap = cap * 2;
          self->offsets = g_renew (guint64, self->offsets, cap);
        }
      self->offsets[self->n_rows++] = (guint64)(p - self->data);
      if (self->n_rows == G_MAXUINT - 1)
        break;
      p = q != NULL ? q + 1 : end;
    }
  self->offsets[self->n_rows] = (guint64)(p - self->data);
  return g_steal_pointer (&self);
}

guint
ps_csv_model_get_n_columns (PsCsvModel *self)
{
  return self->n_columns;
}

const char *
ps_csv_model_get_column_name (PsCsvModel *self, guint column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->columns[column];
}

int
ps_csv_model_find_column (PsCsvModel *self, const char *name)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (g_str_equal (self->columns[i], name))
      return (int)i;
  return -1;
}

guint
ps_csv_model_get_n_rows (PsCsvModel *self)
{
  return self->n_rows;
}

static void
find_filled_columns (PsCsvModel *self)
{
  guint left = self->n_columns;

  self->filled = g_new0 (guint8, MAX (self->n_columns, 1));
  for (guint r = 0; r < self->n_rows && left > 0; r++)
    {
      const char *p, *end;
      guint c = 0;
      gsize n = 0;

      row_bounds (self, r, &p, &end);
      for (gboolean quoted = FALSE; p <= end; p++)
        {
          if (p == end || (!quoted && *p == ','))
            {
              if (n > 0 && c < self->n_columns && !self->filled[c])
                {
                  self->filled[c] = TRUE;
                  left--;
                }
              c++;
              n = 0;
              continue;
            }
          if (*p == '"')
            quoted = !quoted;
          n++;
        }
    }
}

gboolean
ps_csv_model_column_is_empty (PsCsvModel *self, guint column)
{
  g_return_val_if_fail (column < self->n_columns, TRUE);
  if (self->filled == NULL)
    find_filled_columns (self);
  return !self->filled[column];
}

typedef struct
{
  double num;
  char *text; /* NULL for numbers */
  guint row;
} SortKey;

static int
compare_keys (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortKey *x = a, *y = b;
  gboolean descending = GPOINTER_TO_INT (user_data);
  int c;

  if (x->text != NULL || y->text != NULL)
    c = g_strcmp0 (x->text ? x->text : "", y->text ? y->text : "");
  else if (isnan (x->num) || isnan (y->num))
    /* Empty cells go last whichever the direction. */
    return isnan (x->num) - isnan (y->num) != 0 ? (isnan (x->num) ? 1 : -1)
                                                : (x->row < y->row ? -1 : x->row > y->row);
  else
    c = x->num < y->num ? -1 : x->num > y->num;
  if (descending)
    c = -c;
  if (c == 0)
    c = x->row < y->row ? -1 : x->row > y->row;
  return c;
}

static void
rebuild_view (PsCsvModel *self)
{
  guint old_n = get_n_items (G_LIST_MODEL (self));
  guint n = 0;
  guint *view;

  g_clear_pointer (&self->view, g_free);
  self->n_view = 0;
  if (self->filter_column < 0 && self->sort_column < 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_rows);
      return;
    }
  view = g_new (guint, MAX (self->n_rows, 1));
  for (guint r = 0; r < self->n_rows; r++)
    {
      if (self->filter_column >= 0)
        {
          const char *b, *e;
          g_autofree char *f = NULL;

          row_bounds (self, r, &b, &e);
          f = cut_field (b, e, (guint)self->filter_column);
          if (!g_str_equal (f, "1") && g_ascii_strcasecmp (f, "true") != 0)
            continue;
        }
      view[n++] = r;
    }
  if (self->sort_column >= 0 && n > 1)
    {
      SortKey *keys = g_new (SortKey, n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *f = ps_csv_model_dup_field (self, view[i], (guint)self->sort_column);
          char *endp;

          keys[i].row = view[i];
          keys[i].text = NULL;
          keys[i].num = NAN;
          if (*f != '\0')
            {
              keys[i].num = g_ascii_strtod (f, &endp);
              if (*endp != '\0')
                keys[i].text = g_steal_pointer (&f);
            }
        }
      g_qsort_with_data (keys, (gint)n, sizeof (SortKey), compare_keys,
                         GINT_TO_POINTER (self->descending));
      for (guint i = 0; i < n; i++)
        {
          view[i] = keys[i].row;
          g_free (keys[i].text);
        }
      g_free (keys);
    }
  self->view = view;
  self->n_view = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
}

void
ps_csv_model_set_filter_column (PsCsvModel *self, int column)
{
  g_return_if_fail (column < (int)self->n_columns);
  if (self->filter_column == column)
    return;
  self->filter_column = column;
  rebuild_view (self);
}

void
ps_csv_model_sort (PsCsvModel *self, int column, gboolean descending)
{
  g_return_if_fail (column < (int)self->n_columns);
  if (self->sort_column == column && self->descending == descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  rebuild_view (self);
}
