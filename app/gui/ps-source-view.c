#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-source-view.h"

struct _PsSourceView
{
  GtkBox parent_instance;

  PsDocument *document;
  GtkWidget *view;
  GtkWidget *error;
  GtkTextTag *error_tag;
  gboolean loading;
  gboolean applying;
  guint error_line;
  guint error_column;
};

G_DEFINE_FINAL_TYPE (PsSourceView, ps_source_view, GTK_TYPE_BOX)

/* ---- where a JSON path is written ------------------------------------------ */

static const char *
skip_ws (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* @p at the opening quote: after the closing one. */
static const char *
skip_string (const char *p)
{
  for (p++; *p && *p != '"'; p++)
    if (*p == '\\' && p[1] != '\0')
      p++;
  return *p ? p + 1 : p;
}

static const char *
skip_value (const char *p)
{
  int depth = 0;

  if (*p == '"')
    return skip_string (p);
  if (*p != '{' && *p != '[')
    {
      while (*p && !strchr (",}] \t\r\n", *p))
        p++;
      return p;
    }
  while (*p)
    {
      if (*p == '"')
        {
          p = skip_string (p);
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
      p++;
    }
  return p;
}

/* The member @key of the object at @p: its key's quote, and its value in @value. */
static const char *
find_member (const char *p, const char *key, gsize key_len, const char **value)
{
  if (*p != '{')
    return NULL;
  p = skip_ws (p + 1);
  while (*p == '"')
    {
      const char *k = p, *end = skip_string (p);
      gboolean match = (gsize)(end - k) == key_len + 2 && strncmp (k + 1, key, key_len) == 0;

      p = skip_ws (end);
      if (*p != ':')
        return NULL;
      p = skip_ws (p + 1);
      if (match)
        {
          *value = p;
          return k;
        }
      p = skip_ws (skip_value (p));
      if (*p != ',')
        return NULL;
      p = skip_ws (p + 1);
    }
  return NULL;
}

static const char *
find_element (const char *p, guint64 index)
{
  if (*p != '[')
    return NULL;
  p = skip_ws (p + 1);
  for (guint64 i = 0; *p && *p != ']'; i++)
    {
      if (i == index)
        return p;
      p = skip_ws (skip_value (p));
      if (*p != ',')
        return NULL;
      p = skip_ws (p + 1);
    }
  return NULL;
}

gboolean
ps_json_locate_path (const char *text, const char *path, guint *line, guint *column)
{
  const char *value = skip_ws (text), *best = NULL, *q = path;
  const char *line_start = text;

  while (q != NULL && *q != '\0')
    {
      const char *found, *next_value = NULL;

      if (*q == '[')
        {
          char *end;
          guint64 index = g_ascii_strtoull (q + 1, &end, 10);

          if (*end != ']')
            break;
          found = find_element (value, index);
          next_value = found;
          q = end + 1;
        }
      else
        {
          gsize n = strcspn (q, ".[");

          found = find_member (value, q, n, &next_value);
          q += n;
        }
      if (found == NULL)
        break;
      best = found;
      value = skip_ws (next_value);
      if (*q == '.')
        q++;
    }
  if (best == NULL)
    return FALSE;
  *line = 1;
  for (const char *p = text; p < best; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint)g_utf8_strlen (line_start, best - line_start) + 1;
  return TRUE;
}

/* ---- the view ---------------------------------------------------------------- */

static void
show_error (PsSourceView *self, const char *message, guint line, guint column)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  self->error_line = message != NULL ? line : 0;
  self->error_column = message != NULL ? column : 0;
  gtk_widget_set_visible (self->error, message != NULL);
  gtk_label_set_text (GTK_LABEL (self->error), message != NULL ? message : "");
  if (message == NULL || line == 0)
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &start, (int)line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
}

/* The document's own message, pointed at the member it names. */
static void
show_document_error (PsSourceView *self, const char *text)
{
  const char *message = ps_document_get_error (self->document);
  const char *path = ps_document_get_error_path (self->document);
  guint line = 0, column = 0;

  if (message == NULL)
    {
      show_error (self, NULL, 0, 0);
      return;
    }
  if (path != NULL && *path != '\0' && ps_json_locate_path (text, path, &line, &column))
    {
      g_autofree char *with = g_strdup_printf (_ ("line %u, column %u: %s"), line, column, message);

      show_error (self, with, line, column);
    }
  else
    show_error (self, message, 0, 0);
}

static void
load (PsSourceView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_autofree char *json = self->document ? ps_document_dup_json (self->document) : g_strdup ("");

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, json, -1);
  self->loading = FALSE;
  if (self->document != NULL)
    show_document_error (self, json);
  else
    show_error (self, NULL, 0, 0);
}

static void
on_buffer_changed (PsSourceView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  guint line = 0, column = 0;
  gboolean ok;

  if (self->loading || self->document == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->applying = TRUE;
  ok = ps_document_set_json (self->document, text, &line, &column, &error);
  self->applying = FALSE;
  if (!ok)
    show_error (self, error->message, line, column);
  else
    show_document_error (self, text);
}

static void
on_document_changed (PsSourceView *self)
{
  /* An edit in the form: the text follows. Its own edits are already in the text. */
  if (!self->applying)
    load (self);
}

static void
ps_source_view_dispose (GObject *object)
{
  PsSourceView *self = PS_SOURCE_VIEW (object);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_object_remove_weak_pointer (G_OBJECT (self->document), (gpointer *)&self->document);
      self->document = NULL;
    }
  G_OBJECT_CLASS (ps_source_view_parent_class)->dispose (object);
}

static void
ps_source_view_class_init (PsSourceViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_source_view_dispose;
}

static void
ps_source_view_init (PsSourceView *self)
{
  GtkWidget *note = gtk_label_new (_ ("The study file as Save writes it. Edits apply to the form "
                                      "as you type; a mistake is shown with its line and column."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextBuffer *buffer;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  self->view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "frame");
  self->error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error), 0);
  gtk_label_set_selectable (GTK_LABEL (self->error), TRUE);
  gtk_widget_add_css_class (self->error, "error");
  gtk_widget_set_visible (self->error, FALSE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  self->error_tag
      = gtk_text_buffer_create_tag (buffer, "error", "underline", PANGO_UNDERLINE_ERROR, NULL);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  gtk_box_append (GTK_BOX (self), note);
  gtk_box_append (GTK_BOX (self), scroller);
  gtk_box_append (GTK_BOX (self), self->error);
}

GtkWidget *
ps_source_view_new (void)
{
  return g_object_new (PS_TYPE_SOURCE_VIEW, NULL);
}

void
ps_source_view_set_document (PsSourceView *self, PsDocument *doc)
{
  if (self->document == doc)
    return;
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_object_remove_weak_pointer (G_OBJECT (self->document), (gpointer *)&self->document);
    }
  self->document = doc;
  if (doc != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (doc), (gpointer *)&self->document);
      g_signal_connect_swapped (doc, "changed", G_CALLBACK (on_document_changed), self);
    }
  load (self);
}

GtkTextBuffer *
ps_source_view_get_buffer (PsSourceView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
}

GtkWidget *
ps_source_view_get_error_label (PsSourceView *self)
{
  return self->error;
}

guint
ps_source_view_get_error_line (PsSourceView *self)
{
  return self->error_line;
}

guint
ps_source_view_get_error_column (PsSourceView *self)
{
  return self->error_column;
}
