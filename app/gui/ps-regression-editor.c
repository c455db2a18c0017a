#define G_LOG_DOMAIN "parastudy"
/* newlocale() for the engine's number reader */
#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "studies/regression/ps-csv-private.h"
#include "ps-gui-util.h"
#include "ps-param-editor.h"
#include "ps-regression-editor.h"

/* The preview reads at most this much of the first file. */
#define PREVIEW_ROWS 20
#define PREVIEW_MAX_COLUMNS 32
#define PREVIEW_MAX_BYTES (1 << 20)
/* The width of the labels in front of the fields, in characters. */
#define LABEL_CHARS 16

enum
{
  SOURCE_FOLDER,
  SOURCE_FILE,
  SOURCE_SYNTHETIC
};

enum
{
  WINDOW_STRAIN,
  WINDOW_STRESS,
  WINDOW_AUTO
};

static const char *const window_types[] = { "strain", "stress", "auto", NULL };

/* The strain units the engine reads (ps-regression.c), with their scale to a
 * ratio. The test cross-checks every one against the engine. */
static const struct
{
  const char *name;
  double scale;
} strain_units[] = {
  { "", 1.0 },      { "1", 1.0 },     { "mm/mm", 1.0 },        { "m/m", 1.0 },
  { "in/in", 1.0 }, { "-", 1.0 },     { "%", 1e-2 },           { "µε", 1e-6 },
  { "με", 1e-6 },   { "ue", 1e-6 },   { "microstrain", 1e-6 }, { "µm/m", 1e-6 },
  { "um/m", 1e-6 }, { "mm/m", 1e-3 }, { "‰", 1e-3 },
};

/* What the unit drop-downs offer; a unit the file holds that is not listed is
 * added to its drop-down. */
static const char *const strain_choices[]
    = { "mm/mm", "%", "‰", "µε", "mm/m", "m/m", "in/in", NULL };
static const char *const stress_choices[]
    = { "MPa", "N/mm^2", "kPa", "Pa", "GPa", "psi", "ksi", NULL };
static const char *const length_choices[] = { "mm", "µm", "m", "in", NULL };
static const char *const force_choices[] = { "N", "kN", "MN", "lbf", "kip", NULL };

static const char *const delimiter_values[] = { ",", ";", "tab", "space", "|", NULL };
static const char *const delimiter_labels[]
    = { N_ ("Comma ( , )"), N_ ("Semicolon ( ; )"),    N_ ("Tab"),
        N_ ("Space"),       N_ ("Vertical bar ( | )"), NULL };
static const char *const decimal_values[] = { ".", ",", NULL };
static const char *const decimal_labels[] = { N_ ("Point ( . )"), N_ ("Comma ( , )"), NULL };
static const char *const characteristic_values[] = { "normal", "lognormal", NULL };
static const char *const characteristic_labels[] = { N_ ("Normal"), N_ ("Lognormal"), NULL };
/* "constant" stands for a plain value in the file. */
static const char *const dist_values[]
    = { "constant", "normal", "lognormal", "uniform", "gumbel", "weibull", NULL };
static const char *const dist_labels[]
    = { N_ ("Constant"), N_ ("Normal"), N_ ("Lognormal"), N_ ("Uniform"), N_ ("Gumbel"),
        N_ ("Weibull"),  NULL };

/* ---- a row of the preview --------------------------------------------------- */

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

/* ---- the form --------------------------------------------------------------- */

typedef enum
{
  F_TEXT,     /* a string */
  F_COLUMN,   /* a header name, or a column number from 1 */
  F_QUANTITY, /* a number in the display unit, or with its own unit: SI in the file */
  F_RATIO,    /* a strain or a fraction, in the display unit ("%") or with its own */
  F_INT,      /* a spin button */
  F_CHOICE,   /* a drop-down of values */
} FieldKind;

/* One form field that edits one JSON member on its own. */
typedef struct
{
  PsRegressionEditor *self;
  char *path;
  FieldKind kind;
  PsQuantity quantity;
  const char *unit; /* display unit (F_QUANTITY, F_RATIO) */
  const char *def;  /* shown when the member is missing (F_TEXT, F_COLUMN, F_CHOICE) */
  double def_num;   /* the same for F_INT */
  gboolean optional;
  gboolean preview; /* a change reloads the preview */
  GtkWidget *widget;
} Field;

/* A distribution of the synthetic generator: constant (a plain value) or an object. */
typedef struct
{
  PsRegressionEditor *self;
  const char *member; /* "E", "yield", "noise_sd" */
  const char *unit;
  GtkWidget *kind;
  GtkWidget *mean;
  GtkWidget *sd;
} DistRow;

struct _PsRegressionEditor
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;   /* engine errors → widgets */
  GHashTable *widgets;  /* path → widget (borrowed) */
  GPtrArray *all;       /* Field */
  GHashTable *bad;      /* path → message: fields whose text does not read */
  GHashTable *mismatch; /* path → message: names the preview did not find */
  JsonObject *stash;    /* what a switch of source, input or window put aside */
  gboolean loading;
  locale_t c_locale;

  GtkWidget *source_type;
  GtkWidget *source_stack;

  GtkWidget *path;
  GtkWidget *pattern_row;
  GtkWidget *specimen_row;
  GtkWidget *input;
  GtkWidget *column_rows[4]; /* strain, stress, displacement, force: label, entry, unit */
  GtkWidget *force_rows;
  GtkWidget *preview_frame;
  GtkWidget *preview;
  GListStore *preview_rows;
  GtkWidget *preview_skipped;
  GtkWidget *preview_status;
  char *preview_file;
  char **preview_titles;
  guint preview_n_columns;
  int map_x, map_y, map_specimen; /* preview columns mapped, or -1 */
  char *map_x_label, *map_y_label;
  GtkNativeDialog *chooser;

  DistRow dists[3];

  GtkWidget *window_type;
  GtkWidget *window_range;
  GtkWidget *window_from;
  GtkWidget *window_to;
  GtkWidget *window_unit;
  GtkWidget *window_auto_note;

  GtkWidget *histogram;
  GtkWidget *hist_box;
  GtkWidget *hist_from;
  GtkWidget *hist_to;
  GtkWidget *hist_bins;

  GtkWidget *count;
  GtkWidget *error;
};

G_DEFINE_FINAL_TYPE (PsRegressionEditor, ps_regression_editor, GTK_TYPE_BOX)

static void
field_free (gpointer data)
{
  Field *f = data;

  g_free (f->path);
  g_free (f);
}

static void
ps_regression_editor_dispose (GObject *object)
{
  PsRegressionEditor *self = PS_REGRESSION_EDITOR (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, ps_field_set_free);
  G_OBJECT_CLASS (ps_regression_editor_parent_class)->dispose (object);
}

static void
ps_regression_editor_finalize (GObject *object)
{
  PsRegressionEditor *self = PS_REGRESSION_EDITOR (object);

  g_hash_table_unref (self->widgets);
  g_ptr_array_unref (self->all);
  g_hash_table_unref (self->bad);
  g_hash_table_unref (self->mismatch);
  json_object_unref (self->stash);
  g_clear_object (&self->preview_rows);
  g_free (self->preview_file);
  g_strfreev (self->preview_titles);
  g_free (self->map_x_label);
  g_free (self->map_y_label);
  if (self->c_locale != (locale_t)0)
    freelocale (self->c_locale);
  G_OBJECT_CLASS (ps_regression_editor_parent_class)->finalize (object);
}

static void
ps_regression_editor_class_init (PsRegressionEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_regression_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = ps_regression_editor_finalize;
}

static void
ps_regression_editor_init (PsRegressionEditor *self)
{
  self->fields = ps_field_set_new ();
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all = g_ptr_array_new_with_free_func (field_free);
  self->bad = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->mismatch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stash = json_object_new ();
  self->preview_rows = g_list_store_new (PS_TYPE_PREVIEW_ROW);
  self->c_locale = newlocale (LC_ALL_MASK, "C", (locale_t)0);
  self->map_x = self->map_y = self->map_specimen = -1;
}

/* ---- small helpers ------------------------------------------------------------ */

static JsonObject *
root_of (PsRegressionEditor *self)
{
  return ps_document_get_root (self->document);
}

static JsonObject *
source_of (PsRegressionEditor *self)
{
  return ps_gui_json_ensure_object (root_of (self), "source");
}

static JsonNode *
node_at (PsRegressionEditor *self, const char *path)
{
  const char *member;
  JsonObject *parent = ps_json_parent_for_path (root_of (self), path, FALSE, &member);

  return parent != NULL ? json_object_get_member (parent, member) : NULL;
}

static gboolean
is_synthetic (PsRegressionEditor *self)
{
  return g_strcmp0 (ps_gui_json_string (json_object_get_member (source_of (self), "type")),
                    "synthetic")
         == 0;
}

static gboolean
is_force_input (JsonObject *src)
{
  return json_object_has_member (src, "force") && !json_object_has_member (src, "stress");
}

static gboolean
strain_scale (const char *unit, double *scale)
{
  for (guint i = 0; i < G_N_ELEMENTS (strain_units); i++)
    if (g_str_equal (unit, strain_units[i].name))
      {
        *scale = strain_units[i].scale;
        return TRUE;
      }
  return FALSE;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

/* "0.2" in @unit (a strain unit; "" for a plain fraction) or "0.2 %" with a unit of
 * its own, as a ratio. */
static gboolean
parse_ratio (const char *text, const char *unit, double *out, char **message)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  char *end;
  double v, scale = 1.0;

  if (*t == '\0')
    {
      *message = g_strdup (_ ("a value is needed"));
      return FALSE;
    }
  v = g_ascii_strtod (t, &end);
  if (end == t)
    {
      *message = g_strdup_printf (_ ("“%s” is not a number"), t);
      return FALSE;
    }
  while (*end == ' ')
    end++;
  if (*end == '\0')
    strain_scale (unit, &scale);
  else if (!strain_scale (end, &scale))
    {
      *message = g_strdup_printf (_ ("“%s” is not a strain unit (expected %s)"), end,
                                  "mm/mm, %, ‰, µε, mm/m");
      return FALSE;
    }
  if (!isfinite (v))
    {
      *message = g_strdup (_ ("not a finite number"));
      return FALSE;
    }
  *out = v * scale;
  return TRUE;
}

/* The text a ratio member is shown with, in @unit. */
static char *
ratio_text (JsonNode *n, const char *unit)
{
  double scale = 1.0, v;
  g_autofree char *msg = NULL;

  strain_scale (unit, &scale);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("");
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    {
      if (parse_ratio (json_node_get_string (n), "", &v, &msg))
        return format_number (v / scale);
      return g_strdup (json_node_get_string (n));
    }
  return format_number (json_node_get_double (n) / scale);
}

static char *
quantity_text (JsonNode *n, PsQuantity quantity, const char *unit)
{
  g_autoptr (GError) error = NULL;
  double si;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("");
  if (ps_json_node_quantity (n, "", quantity, PS_CHECK_FINITE, &si, &error))
    return ps_gui_format_value (si, unit);
  return g_strdup (ps_gui_json_string (n) ? ps_gui_json_string (n) : "");
}

/* A drop-down of @values shown as @labels (translated; NULL: the values). */
static GtkWidget *
choice_new (const char *const *values, const char *const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GPtrArray *v = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dd;

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (list, labels ? _ (labels[i]) : values[i]);
      g_ptr_array_add (v, g_strdup (values[i]));
    }
  dd = gtk_drop_down_new (G_LIST_MODEL (list), NULL);
  g_object_set_data_full (G_OBJECT (dd), "values", v, (GDestroyNotify)g_ptr_array_unref);
  return dd;
}

static const char *
choice_value (GtkWidget *dd)
{
  GPtrArray *v = g_object_get_data (G_OBJECT (dd), "values");
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));

  return i < v->len ? v->pdata[i] : NULL;
}

/* Selects @value, adding it when the drop-down does not list it; NULL selects
 * nothing. */
static void
choice_set (GtkWidget *dd, const char *value)
{
  GPtrArray *v = g_object_get_data (G_OBJECT (dd), "values");

  if (value == NULL)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), GTK_INVALID_LIST_POSITION);
      return;
    }
  for (guint i = 0; i < v->len; i++)
    if (g_str_equal (v->pdata[i], value))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), i);
        return;
      }
  g_ptr_array_add (v, g_strdup (value));
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (dd))), value);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), v->len - 1);
}

/* The delimiter as the drop-down lists it ("tab" for "\t"). */
static const char *
delimiter_name (const char *s)
{
  if (s == NULL)
    return ",";
  if (g_str_equal (s, "\t") || g_str_equal (s, "\\t"))
    return "tab";
  if (g_str_equal (s, " "))
    return "space";
  return s;
}

static char
delimiter_char (const char *s)
{
  s = delimiter_name (s);
  if (g_str_equal (s, "tab"))
    return '\t';
  if (g_str_equal (s, "space"))
    return ' ';
  return s[0];
}

static GtkWidget *
unit_label (const char *unit)
{
  g_autoptr (GString) shown = g_string_new (unit);
  GtkWidget *l;

  /* As engineers write them: "mm²", not the file's "mm^2". */
  g_string_replace (shown, "^2", "²", 0);
  l = gtk_label_new (unit ? shown->str : NULL);

  gtk_widget_add_css_class (l, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  return l;
}

static void
register_widget (PsRegressionEditor *self, const char *path, GtkWidget *widget)
{
  g_hash_table_replace (self->widgets, g_strdup (path), widget);
  ps_field_set_add (self->fields, path, widget);
}

/* ---- status and field errors -------------------------------------------------- */

/* The entry a column-name mismatch of @path ("source.stress") is shown on. */
static GtkWidget *
mismatch_widget (PsRegressionEditor *self, const char *path)
{
  g_autofree char *wpath = g_str_has_suffix (path, "specimen_column")
                               ? g_strdup (path)
                               : g_strconcat (path, ".column", NULL);

  return g_hash_table_lookup (self->widgets, wpath);
}

static void
refresh_status (PsRegressionEditor *self)
{
  const PsStudy *study = ps_document_get_study (self->document);
  GHashTable *tables[] = { self->mismatch, self->bad };

  if (study != NULL)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, ps_study_get_n_items (study));
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s specimen", "%s specimens",
                                          ps_study_get_n_items (study)),
                             n);

      gtk_label_set_text (GTK_LABEL (self->count), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->count), _ ("— specimens"));
  ps_gui_show_document_error (self->error, self->fields, self->document);
  /* The form's own reasons win over the engine's: they are about the text typed. */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GtkWidget *w
              = t == 0 ? mismatch_widget (self, key) : g_hash_table_lookup (self->widgets, key);

          if (w != NULL)
            ps_gui_mark_invalid (w, value);
        }
    }
}

/* Records (or, with NULL, clears) why the text of the field at @path cannot be
 * written; the document then refuses to run with that reason. */
static void
set_bad (PsRegressionEditor *self, const char *path, const char *message)
{
  GtkWidget *w = g_hash_table_lookup (self->widgets, path);

  if (message != NULL)
    g_hash_table_replace (self->bad, g_strdup (path), g_strdup (message));
  else
    g_hash_table_remove (self->bad, path);
  ps_document_set_field_error (self->document, path, message);
  if (w != NULL)
    ps_gui_mark_invalid (w, message);
}

static void
clear_bad_under (PsRegressionEditor *self, const char *prefix)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (self->bad);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = keys; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      g_ptr_array_add (paths, g_strdup (l->data));
  for (guint i = 0; i < paths->len; i++)
    set_bad (self, paths->pdata[i], NULL);
}

static void
set_mismatch (PsRegressionEditor *self, const char *path, const char *message)
{
  GtkWidget *w = mismatch_widget (self, path);

  if (message != NULL)
    g_hash_table_replace (self->mismatch, g_strdup (path), g_strdup (message));
  else if (!g_hash_table_remove (self->mismatch, path))
    return;
  ps_document_set_field_error (self->document, path, message);
  if (w != NULL)
    ps_gui_mark_invalid (w, message);
}

/* ---- the preview ---------------------------------------------------------------- */

static void refresh_preview (PsRegressionEditor *self);

/* The folder relative paths in the study start from. */
static char *
study_dir (PsRegressionEditor *self)
{
  GFile *file = ps_document_get_file (self->document);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path != NULL ? g_path_get_dirname (path) : g_get_current_dir ();
}

static char *
resolve (PsRegressionEditor *self, const char *path)
{
  g_autofree char *dir = NULL;

  if (g_path_is_absolute (path))
    return g_strdup (path);
  dir = study_dir (self);
  return g_build_filename (dir, path, NULL);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* The first file of a folder source, in the engine's order (byte order of the
 * names matching the pattern, hidden files left out). */
static char *
first_file (const char *folder, const char *pattern, char **message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr (GPatternSpec) spec = g_pattern_spec_new (pattern);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_pattern_spec_match_string (spec, name))
      g_ptr_array_add (names, g_strdup (name));
  if (names->len == 0)
    {
      *message = g_strdup_printf (_ ("No files matching “%s” in %s"), pattern, folder);
      return NULL;
    }
  g_ptr_array_sort (names, compare_names);
  return g_build_filename (folder, names->pdata[0], NULL);
}

/* The first @want lines of @path (at most PREVIEW_MAX_BYTES), without their line
 * breaks. */
static GPtrArray *
read_head (const char *path, guint want, char **message)
{
  FILE *f = fopen (path, "rb");
  g_autoptr (GString) text = g_string_new (NULL);
  GPtrArray *lines;
  char buf[65536];
  guint newlines = 0;
  gboolean at_end = FALSE;
  const char *p, *end;

  if (f == NULL)
    {
      int saved = errno;

      *message = g_strdup_printf (_ ("Cannot open %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  while (newlines < want && text->len < PREVIEW_MAX_BYTES)
    {
      size_t n = fread (buf, 1, sizeof buf, f);

      for (size_t i = 0; i < n; i++)
        newlines += buf[i] == '\n';
      g_string_append_len (text, buf, (gssize)n);
      if (n < sizeof buf)
        {
          at_end = TRUE;
          break;
        }
    }
  if (ferror (f))
    {
      *message = g_strdup_printf (_ ("Cannot read %s"), path);
      fclose (f);
      return NULL;
    }
  fclose (f);
  lines = g_ptr_array_new_with_free_func (g_free);
  p = text->str;
  end = text->str + text->len;
  while (p < end && lines->len < want)
    {
      const char *q = memchr (p, '\n', (gsize)(end - p));
      const char *le = q != NULL ? q : end;

      if (q == NULL && !at_end)
        break; /* cut by the size limit */
      if (le > p && le[-1] == '\r')
        le--;
      g_ptr_array_add (lines, g_strndup (p, (gsize)(le - p)));
      p = q != NULL ? q + 1 : end;
    }
  return lines;
}

static gboolean
blank (const char *s)
{
  for (; *s; s++)
    if (*s != ' ' && *s != '\t')
      return FALSE;
  return TRUE;
}

/* A column of the source: its header name or its 0-based number. */
static void
column_of (JsonObject *src, const char *member, const char **name, int *number)
{
  JsonNode *n = json_object_get_member (src, member);

  *name = NULL;
  *number = -1;
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    n = json_object_get_member (json_node_get_object (n), "column");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return;
  if (json_node_get_value_type (n) == G_TYPE_STRING && *json_node_get_string (n))
    *name = json_node_get_string (n);
  else if (json_node_get_value_type (n) == G_TYPE_INT64 && json_node_get_int (n) >= 1
           && json_node_get_int (n) <= 1000)
    *number = (int)json_node_get_int (n) - 1;
}

static char *
unit_of (JsonObject *src, const char *member)
{
  JsonNode *n = json_object_get_member (src, member);
  const char *u = NULL;

  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    u = ps_gui_json_string (json_object_get_member (json_node_get_object (n), "unit"));
  return g_strdup (u ? u : "");
}

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
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, PsRegressionEditor *self)
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
add_preview_column (PsRegressionEditor *self, const char *title, int k)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (k));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->preview), column);
  g_object_unref (column);
}

static void
clear_preview (PsRegressionEditor *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->preview));

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->preview), c);
    }
  g_list_store_remove_all (self->preview_rows);
  g_clear_pointer (&self->preview_file, g_free);
  g_clear_pointer (&self->preview_titles, g_strfreev);
  g_clear_pointer (&self->map_x_label, g_free);
  g_clear_pointer (&self->map_y_label, g_free);
  self->preview_n_columns = 0;
  self->map_x = self->map_y = self->map_specimen = -1;
  gtk_label_set_text (GTK_LABEL (self->preview_skipped), "");
  gtk_widget_set_visible (self->preview_skipped, FALSE);
}

/* The fields of @line, unquoted and valid UTF-8; @starts gets each field's text in
 * @line for the number reader. */
static GPtrArray *
split_line (const char *line, char delimiter, GArray *starts)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line, *end = line + strlen (line);

  if (starts != NULL)
    g_array_set_size (starts, 0);
  while (p != NULL)
    {
      const char *f, *fe;
      g_autofree char *raw = NULL;

      p = ps_csv_next_field (p, end, delimiter, &f, &fe);
      raw = ps_csv_field_dup (f, fe);
      g_ptr_array_add (fields, g_utf8_make_valid (raw, -1));
      if (starts != NULL)
        {
          const char *range[2] = { f, fe };

          g_array_append_vals (starts, range, 2);
        }
    }
  return fields;
}

static void
refresh_preview (PsRegressionEditor *self)
{
  JsonObject *src = source_of (self);
  const char *path = ps_gui_json_string (json_object_get_member (src, "path"));
  JsonNode *spec = json_object_get_member (src, "specimen_column");
  gboolean one_file = spec != NULL && !JSON_NODE_HOLDS_NULL (spec);
  gboolean force = is_force_input (src);
  const char *xm = force ? "displacement" : "strain", *ym = force ? "force" : "stress";
  const char *xname, *yname, *sname = NULL;
  int xcol, ycol, scol = -1;
  char delimiter = delimiter_char (ps_gui_json_string (json_object_get_member (src, "delimiter")));
  const char *dec = ps_gui_json_string (json_object_get_member (src, "decimal"));
  char decimal = dec != NULL && dec[0] == ',' ? ',' : '.';
  JsonNode *skip_node = json_object_get_member (src, "skip_lines");
  guint skip = skip_node && JSON_NODE_HOLDS_VALUE (skip_node)
                       && json_node_get_value_type (skip_node) == G_TYPE_INT64
                       && json_node_get_int (skip_node) >= 0
                   ? (guint)MIN (json_node_get_int (skip_node), 1000000)
                   : 0;
  const char *pattern = ps_gui_json_string (json_object_get_member (src, "pattern"));
  g_autofree char *full = NULL, *file = NULL, *message = NULL, *xunit = NULL, *yunit = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) header = NULL;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr (GString) status = g_string_new (NULL);
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *first_bad = NULL;
  guint first = skip, n_rows = 0, max_fields = 0;
  gboolean has_header;
  const char *error_path = ps_document_get_error_path (self->document);

  clear_preview (self);
  set_mismatch (self, "source.strain", NULL);
  set_mismatch (self, "source.stress", NULL);
  set_mismatch (self, "source.displacement", NULL);
  set_mismatch (self, "source.force", NULL);
  set_mismatch (self, "source.specimen_column", NULL);
  gtk_widget_set_visible (self->preview_frame, !is_synthetic (self));
  if (is_synthetic (self))
    return;

  column_of (src, xm, &xname, &xcol);
  column_of (src, ym, &yname, &ycol);
  if (one_file)
    {
      const char *sn = ps_gui_json_string (spec);

      if (sn != NULL && *sn != '\0')
        sname = sn;
      else if (JSON_NODE_HOLDS_VALUE (spec) && json_node_get_value_type (spec) == G_TYPE_INT64)
        scol = (int)json_node_get_int (spec) - 1;
    }
  xunit = unit_of (src, xm);
  yunit = unit_of (src, ym);
  has_header = xname != NULL || yname != NULL || sname != NULL;

  if (path == NULL || *path == '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->preview_status),
                          one_file ? _ ("Choose the CSV file of the specimens.")
                                   : _ ("Choose the folder of the specimens’ CSV files."));
      return;
    }
  full = resolve (self, path);
  if (one_file)
    file = g_strdup (full);
  else
    file = first_file (full, pattern ? pattern : "*.csv", &message);
  if (file != NULL)
    lines = read_head (file, skip + (has_header ? 1 : 0) + PREVIEW_ROWS + 8, &message);
  if (lines == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->preview_status), message);
      return;
    }
  self->preview_file = g_strdup (file);

  /* The lines the study skips, shown dimmed above the table. */
  if (skip > 0)
    {
      g_autoptr (GString) s = g_string_new (NULL);

      for (guint i = 0; i < MIN (skip, lines->len) && i < 3; i++)
        {
          g_autofree char *v = g_utf8_make_valid (lines->pdata[i], -1);

          g_string_append_printf (s, "%s%u  %s", i ? "\n" : "", i + 1, v);
        }
      if (skip > 3)
        g_string_append_printf (s, "\n%s", _ ("…"));
      gtk_label_set_text (GTK_LABEL (self->preview_skipped), s->str);
      gtk_widget_set_visible (self->preview_skipped, TRUE);
    }

  if (has_header)
    {
      /* With separators the engine refuses, its reason is the one to show: a
       * header cut at the wrong character names no column. */
      gboolean flag = !g_str_has_prefix (error_path ? error_path : "", "source.delimiter")
                      && !g_str_has_prefix (error_path ? error_path : "", "source.decimal");
      const char *names[3] = { xname, yname, sname };
      int *cols[3] = { &xcol, &ycol, &scol };
      const char *paths[3] = { force ? "source.displacement" : "source.strain",
                               force ? "source.force" : "source.stress", "source.specimen_column" };

      if (lines->len <= skip)
        {
          g_autofree char *t = g_strdup_printf (
              _ ("%s has no header line after the %u lines skipped."), file, skip);

          gtk_label_set_text (GTK_LABEL (self->preview_status), t);
          return;
        }
      header = split_line (lines->pdata[skip], delimiter, NULL);
      first = skip + 1;
      for (int c = 0; c < 3; c++)
        {
          if (names[c] == NULL)
            continue;
          for (guint k = 0; k < header->len && *cols[c] < 0; k++)
            if (g_ascii_strcasecmp (header->pdata[k], names[c]) == 0)
              *cols[c] = (int)k;
          if (*cols[c] < 0 && flag)
            {
              g_autofree char *base = g_path_get_basename (file);
              g_autofree char *m
                  = g_strdup_printf (_ ("no column named “%s” in the header of %s (line %u)"),
                                     names[c], base, skip + 1);

              set_mismatch (self, paths[c], m);
            }
        }
      max_fields = header->len;
    }
  self->map_x = xcol;
  self->map_y = ycol;
  self->map_specimen = scol;

  for (guint i = first; i < lines->len && n_rows < PREVIEW_ROWS; i++)
    {
      PsPreviewRow *row;
      int mapped[2] = { xcol, ycol };

      if (blank (lines->pdata[i]))
        continue;
      row = g_object_new (PS_TYPE_PREVIEW_ROW, NULL);
      row->line = i + 1;
      g_ptr_array_unref (row->fields);
      row->fields = split_line (lines->pdata[i], delimiter, starts);
      for (int c = 0; c < 2; c++)
        {
          double v;
          guint k = (guint)mapped[c];

          if (mapped[c] < 0 || k >= row->fields->len || k >= 64)
            continue;
          if (ps_csv_parse_double (g_array_index (starts, const char *, 2 * k),
                                   g_array_index (starts, const char *, 2 * k + 1), decimal,
                                   self->c_locale, &v)
              != PS_CSV_NUMBER)
            {
              row->bad |= G_GUINT64_CONSTANT (1) << k;
              if (first_bad == NULL)
                first_bad = g_strdup_printf (
                    _ ("line %u: “%s” is not a number with “%c” as the decimal separator"),
                    row->line, (char *)row->fields->pdata[k], decimal);
            }
        }
      max_fields = MAX (max_fields, row->fields->len);
      g_list_store_append (self->preview_rows, row);
      g_object_unref (row);
      n_rows++;
    }

  /* The columns: the header's names (or numbers), the mapped ones named. */
  self->preview_n_columns = MIN (max_fields, PREVIEW_MAX_COLUMNS);
  add_preview_column (self, _ ("Line"), -1);
  for (guint k = 0; k < self->preview_n_columns; k++)
    {
      g_autofree char *name = header != NULL && k < header->len
                                  ? g_strdup (header->pdata[k])
                                  : g_strdup_printf (_ ("Column %u"), k + 1);
      char *title;

      if ((int)k == xcol)
        title = g_strdup_printf ("%s → %s [%s]", name, force ? _ ("displacement") : _ ("strain"),
                                 xunit);
      else if ((int)k == ycol)
        title = g_strdup_printf ("%s → %s [%s]", name, force ? _ ("force") : _ ("stress"), yunit);
      else if ((int)k == scol)
        title = g_strdup_printf ("%s → %s", name, _ ("specimen"));
      else
        title = g_steal_pointer (&name);
      g_ptr_array_add (titles, title);
      add_preview_column (self, title, (int)k);
    }
  /* The last column takes the width left, so that the table fills its ps_gui_frame (a
   * table narrower than its scroller would also show GTK's overshoot shade). */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->preview));
    g_autoptr (GtkColumnViewColumn) last
        = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);

    gtk_column_view_column_set_expand (last, TRUE);
  }
  g_ptr_array_add (titles, NULL);
  self->preview_titles = (char **)g_ptr_array_free (g_steal_pointer (&titles), FALSE);

  {
    g_autofree char *base = g_path_get_basename (file);

    g_string_printf (status,
                     g_dngettext (GETTEXT_PACKAGE, "%s: the first %u data row",
                                  "%s: the first %u data rows", n_rows),
                     base, n_rows);
  }
  for (int c = 0; c < 2; c++)
    {
      int col = c == 0 ? xcol : ycol;

      if (col >= 0 && (guint)col >= max_fields && n_rows > 0)
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
  gtk_label_set_text (GTK_LABEL (self->preview_status), status->str);
}

/* ---- fields that edit one member ----------------------------------------------- */

static void
edited (PsRegressionEditor *self, gboolean preview)
{
  /* Validated first: the preview looks at the engine's verdict on the separators. */
  ps_document_changed (self->document);
  if (preview)
    refresh_preview (self);
}

/* The member the field's text stands for; NULL with @message when it cannot be
 * written, NULL without for an empty optional field (the member is removed). */
static JsonNode *
field_node (Field *f, char **message)
{
  const char *text = NULL;
  g_autofree char *t = NULL;
  JsonNode *n;
  double v;

  if (f->kind == F_INT)
    {
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (n, (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (f->widget)));
      return n;
    }
  if (f->kind == F_CHOICE)
    {
      const char *value = choice_value (f->widget);

      if (value == NULL)
        return NULL;
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (n, value);
      return n;
    }
  text = gtk_editable_get_text (GTK_EDITABLE (f->widget));
  t = g_strstrip (g_strdup (text));
  if (*t == '\0')
    {
      if (!f->optional)
        *message = g_strdup (f->kind == F_COLUMN ? _ ("a column name or number is needed")
                                                 : _ ("a value is needed"));
      return NULL;
    }
  switch (f->kind)
    {
    case F_TEXT:
      n = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (n, text);
      return n;
    case F_COLUMN:
      {
        char *end;
        guint64 c = g_ascii_strtoull (t, &end, 10);

        n = json_node_new (JSON_NODE_VALUE);
        /* A number is the column's position from 1; anything else a header name. */
        if (*end == '\0' && g_ascii_isdigit (t[0]))
          {
            if (c < 1 || c > 1000)
              {
                json_node_unref (n);
                *message = g_strdup (_ ("a column number counts from 1 to 1000"));
                return NULL;
              }
            json_node_set_int (n, (gint64)c);
          }
        else
          json_node_set_string (n, t);
        return n;
      }
    case F_QUANTITY:
      if (!ps_gui_parse_value (t, f->unit, f->quantity, &v, message))
        return NULL;
      return ps_gui_json_double_node (v);
    case F_RATIO:
      if (!parse_ratio (t, f->unit, &v, message))
        return NULL;
      return ps_gui_json_double_node (v);
    default:
      g_assert_not_reached ();
    }
}

static void
field_changed (Field *f)
{
  PsRegressionEditor *self = f->self;
  g_autofree char *message = NULL;
  JsonNode *node;
  JsonObject *parent;
  const char *member;

  if (self->loading)
    return;
  node = field_node (f, &message);
  if (message != NULL)
    {
      set_bad (self, f->path, message);
      return;
    }
  if (node == NULL && f->kind == F_CHOICE)
    return;
  parent = ps_json_parent_for_path (root_of (self), f->path, TRUE, &member);
  if (node != NULL)
    json_object_set_member (parent, member, node);
  else
    json_object_remove_member (parent, member);
  set_bad (self, f->path, NULL);
  edited (self, f->preview);
}

static void
field_load (Field *f)
{
  JsonNode *n = node_at (f->self, f->path);
  g_autofree char *text = NULL;

  switch (f->kind)
    {
    case F_TEXT:
    case F_COLUMN:
      if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
      else
        text = g_strdup (ps_gui_json_string (n) ? ps_gui_json_string (n) : f->def ? f->def : "");
      break;
    case F_QUANTITY:
      text = quantity_text (n, f->quantity, f->unit);
      break;
    case F_RATIO:
      text = ratio_text (n, f->unit);
      break;
    case F_INT:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (f->widget),
                                 n != NULL && JSON_NODE_HOLDS_VALUE (n)
                                         && json_node_get_value_type (n) != G_TYPE_STRING
                                     ? json_node_get_double (n)
                                     : f->def_num);
      return;
    case F_CHOICE:
      {
        const char *v = ps_gui_json_string (n) ? ps_gui_json_string (n) : f->def;

        if (g_str_equal (f->path, "source.delimiter"))
          v = delimiter_name (v);
        choice_set (f->widget, v);
        return;
      }
    }
  gtk_editable_set_text (GTK_EDITABLE (f->widget), text);
}

static Field *
add_field (PsRegressionEditor *self, const char *path, FieldKind kind, GtkWidget *widget)
{
  Field *f = g_new0 (Field, 1);

  f->self = self;
  f->path = g_strdup (path);
  f->kind = kind;
  f->widget = widget;
  f->preview = g_str_has_prefix (path, "source.");
  g_ptr_array_add (self->all, f);
  register_widget (self, path, widget);
  if (kind == F_INT)
    g_signal_connect_swapped (widget, "value-changed", G_CALLBACK (field_changed), f);
  else if (kind == F_CHOICE)
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (field_changed), f);
  else
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (field_changed), f);
  return f;
}

static GtkWidget *
entry_new (int chars, const char *placeholder)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (e), chars);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (e), placeholder);
  return e;
}

static Field *
entry_field (PsRegressionEditor *self, const char *path, FieldKind kind, int chars,
             const char *placeholder)
{
  return add_field (self, path, kind, entry_new (chars, placeholder));
}

static Field *
spin_field (PsRegressionEditor *self, const char *path, double min, double max, double def)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);
  Field *f;

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  f = add_field (self, path, F_INT, spin);
  f->def_num = def;
  return f;
}

static void
load_fields_under (PsRegressionEditor *self, const char *prefix)
{
  gboolean was = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->all->len; i++)
    {
      Field *f = g_ptr_array_index (self->all, i);

      if (g_str_has_prefix (f->path, prefix))
        field_load (f);
    }
  self->loading = was;
}

/* ---- the synthetic distributions ------------------------------------------------ */

static void
dist_load (DistRow *d)
{
  JsonNode *n = json_object_get_member (source_of (d->self), d->member);
  const char *unit = d->unit;
  g_autofree char *mean = NULL, *sd = NULL;

  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *o = json_node_get_object (n);

      choice_set (d->kind, ps_gui_json_string (json_object_get_member (o, "distribution")));
      mean = quantity_text (json_object_get_member (o, "mean"), PS_QTY_STRESS, unit);
      sd = quantity_text (json_object_get_member (o, "sd"), PS_QTY_STRESS, unit);
    }
  else
    {
      choice_set (d->kind, "constant");
      mean = quantity_text (n, PS_QTY_STRESS, unit);
      sd = g_strdup ("");
    }
  gtk_editable_set_text (GTK_EDITABLE (d->mean), mean);
  gtk_editable_set_text (GTK_EDITABLE (d->sd), sd);
  gtk_widget_set_sensitive (d->sd, g_strcmp0 (choice_value (d->kind), "constant") != 0);
}

static void
dist_changed (DistRow *d)
{
  PsRegressionEditor *self = d->self;
  JsonObject *src = source_of (self);
  const char *kind = choice_value (d->kind);
  gboolean constant = g_strcmp0 (kind, "constant") == 0;
  g_autofree char *mpath = g_strdup_printf ("source.%s.mean", d->member);
  g_autofree char *spath = g_strdup_printf ("source.%s.sd", d->member);
  g_autofree char *msg = NULL;
  double mean, sd = 0;
  JsonNode *n;
  JsonObject *o;

  if (self->loading || kind == NULL)
    return;
  gtk_widget_set_sensitive (d->sd, !constant);
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (d->mean)), d->unit, PS_QTY_STRESS,
                           &mean, &msg))
    {
      set_bad (self, spath, NULL);
      set_bad (self, mpath, msg);
      return;
    }
  set_bad (self, mpath, NULL);
  if (!constant
      && !ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (d->sd)), d->unit, PS_QTY_STRESS,
                              &sd, &msg))
    {
      set_bad (self, spath, msg);
      return;
    }
  set_bad (self, spath, NULL);
  if (constant)
    json_object_set_member (src, d->member, ps_gui_json_double_node (mean));
  else
    {
      /* Edited in place: other members of the distribution (lower, upper, shape)
       * stay. */
      n = json_object_get_member (src, d->member);
      if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
        json_object_set_object_member (src, d->member, json_object_new ());
      o = json_object_get_object_member (src, d->member);
      json_object_set_string_member (o, "distribution", kind);
      json_object_set_member (o, "mean", ps_gui_json_double_node (mean));
      json_object_set_member (o, "sd", ps_gui_json_double_node (sd));
    }
  edited (self, FALSE);
}

/* ---- the elastic window ----------------------------------------------------------- */

static guint
window_index (const char *type)
{
  for (guint i = 0; window_types[i] != NULL; i++)
    if (g_strcmp0 (type, window_types[i]) == 0)
      return i;
  return WINDOW_STRAIN;
}

static void
window_load (PsRegressionEditor *self)
{
  JsonNode *wn = node_at (self, "fit.window");
  JsonObject *w = wn != NULL && JSON_NODE_HOLDS_OBJECT (wn) ? json_node_get_object (wn) : NULL;
  guint i = window_index (w ? ps_gui_json_string (json_object_get_member (w, "type")) : "strain");
  const char *unit = i == WINDOW_STRAIN ? "%" : "";
  gboolean was = self->loading;
  g_autofree char *from = NULL, *to = NULL;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->window_type), i);
  if (w != NULL)
    {
      from = ratio_text (json_object_get_member (w, "from"), unit);
      to = ratio_text (json_object_get_member (w, "to"), unit);
    }
  else
    {
      /* The engine's default window (ISO 527-1's chord), shown as it applies. */
      from = g_strdup ("0.05");
      to = g_strdup ("0.25");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->window_from), from);
  gtk_editable_set_text (GTK_EDITABLE (self->window_to), to);
  gtk_label_set_text (GTK_LABEL (self->window_unit),
                      /* xgettext:no-c-format */
                      i == WINDOW_STRAIN ? _ ("% strain") : _ ("× the maximum stress"));
  gtk_widget_set_visible (self->window_range, i != WINDOW_AUTO);
  gtk_widget_set_visible (self->window_auto_note, i == WINDOW_AUTO);
  self->loading = was;
}

/* The window is written whole (type, from and to), so that it is never half one
 * type and half the other. */
static void
window_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->window_type));
  const char *unit = i == WINDOW_STRAIN ? "%" : "";
  g_autofree char *msg = NULL;
  double from, to;
  JsonObject *w;

  if (self->loading || i > WINDOW_AUTO)
    return;
  if (i != WINDOW_AUTO)
    {
      if (!parse_ratio (gtk_editable_get_text (GTK_EDITABLE (self->window_from)), unit, &from,
                        &msg))
        {
          set_bad (self, "fit.window.to", NULL);
          set_bad (self, "fit.window.from", msg);
          return;
        }
      set_bad (self, "fit.window.from", NULL);
      if (!parse_ratio (gtk_editable_get_text (GTK_EDITABLE (self->window_to)), unit, &to, &msg))
        {
          set_bad (self, "fit.window.to", msg);
          return;
        }
      set_bad (self, "fit.window.to", NULL);
    }
  w = ps_gui_json_ensure_object (ps_gui_json_ensure_object (root_of (self), "fit"), "window");
  json_object_set_string_member (w, "type", window_types[i]);
  if (i == WINDOW_AUTO)
    {
      json_object_remove_member (w, "from");
      json_object_remove_member (w, "to");
    }
  else
    {
      json_object_set_member (w, "from", ps_gui_json_double_node (from));
      json_object_set_member (w, "to", ps_gui_json_double_node (to));
    }
  edited (self, FALSE);
}

static void
on_window_type_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->window_type));
  JsonObject *fit;
  JsonNode *old;
  g_autofree char *key = NULL;

  if (self->loading || i > WINDOW_AUTO)
    return;
  /* The window of the other type is put aside, so that switching back restores
   * it; a type never used starts from a usual window. */
  fit = ps_gui_json_ensure_object (root_of (self), "fit");
  old = json_object_get_member (fit, "window");
  if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
    {
      g_autofree char *old_key = g_strdup_printf (
          "window:%s", window_types[window_index (ps_gui_json_string (
                           json_object_get_member (json_node_get_object (old), "type")))]);

      json_object_set_member (self->stash, old_key, json_node_copy (old));
    }
  key = g_strdup_printf ("window:%s", window_types[i]);
  if (json_object_has_member (self->stash, key))
    json_object_set_member (fit, "window",
                            json_node_copy (json_object_get_member (self->stash, key)));
  else
    {
      JsonObject *w = json_object_new ();

      json_object_set_string_member (w, "type", window_types[i]);
      if (i == WINDOW_STRAIN)
        {
          json_object_set_double_member (w, "from", 0.0005);
          json_object_set_double_member (w, "to", 0.0025);
        }
      else if (i == WINDOW_STRESS)
        {
          json_object_set_double_member (w, "from", 0.1);
          json_object_set_double_member (w, "to", 0.4);
        }
      json_object_set_object_member (fit, "window", w);
    }
  clear_bad_under (self, "fit.window");
  window_load (self);
  edited (self, FALSE);
}

/* ---- the histogram ------------------------------------------------------------------ */

static const char *
modulus_unit (void)
{
  return ps_gui_engineering_units () ? "GPa" : "Pa";
}

static void
histogram_load (PsRegressionEditor *self)
{
  JsonNode *h = json_object_get_member (root_of (self), "histogram");
  JsonObject *o = h != NULL && JSON_NODE_HOLDS_OBJECT (h) ? json_node_get_object (h) : NULL;
  gboolean was = self->loading;
  g_autofree char *from = NULL, *to = NULL;
  JsonNode *bins = o ? json_object_get_member (o, "bins") : NULL;

  self->loading = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->histogram), o != NULL);
  from = o ? quantity_text (json_object_get_member (o, "from"), PS_QTY_STRESS, modulus_unit ())
           : ps_gui_format_value (150e9, modulus_unit ());
  to = o ? quantity_text (json_object_get_member (o, "to"), PS_QTY_STRESS, modulus_unit ())
         : ps_gui_format_value (250e9, modulus_unit ());
  gtk_editable_set_text (GTK_EDITABLE (self->hist_from), from);
  gtk_editable_set_text (GTK_EDITABLE (self->hist_to), to);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hist_bins), bins && JSON_NODE_HOLDS_VALUE (bins)
                                                                    ? json_node_get_double (bins)
                                                                    : 50);
  gtk_widget_set_sensitive (self->hist_box, o != NULL);
  self->loading = was;
}

static void
histogram_changed (PsRegressionEditor *self)
{
  gboolean on = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->histogram));
  JsonObject *root = root_of (self);
  g_autofree char *msg = NULL;
  double from, to;
  JsonObject *h;

  if (self->loading)
    return;
  gtk_widget_set_sensitive (self->hist_box, on);
  if (!on)
    {
      clear_bad_under (self, "histogram");
      json_object_remove_member (root, "histogram");
      edited (self, FALSE);
      return;
    }
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->hist_from)), modulus_unit (),
                           PS_QTY_STRESS, &from, &msg))
    {
      set_bad (self, "histogram.to", NULL);
      set_bad (self, "histogram.from", msg);
      return;
    }
  set_bad (self, "histogram.from", NULL);
  if (!ps_gui_parse_value (gtk_editable_get_text (GTK_EDITABLE (self->hist_to)), modulus_unit (),
                           PS_QTY_STRESS, &to, &msg))
    {
      set_bad (self, "histogram.to", msg);
      return;
    }
  set_bad (self, "histogram.to", NULL);
  h = ps_gui_json_ensure_object (root, "histogram");
  json_object_set_member (h, "from", ps_gui_json_double_node (from));
  json_object_set_member (h, "to", ps_gui_json_double_node (to));
  json_object_set_int_member (
      h, "bins", (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->hist_bins)));
  edited (self, FALSE);
}

/* ---- the source ----------------------------------------------------------------------- */

static guint
source_index (PsRegressionEditor *self)
{
  JsonObject *src = source_of (self);
  JsonNode *spec = json_object_get_member (src, "specimen_column");

  if (is_synthetic (self))
    return SOURCE_SYNTHETIC;
  return spec != NULL && !JSON_NODE_HOLDS_NULL (spec) ? SOURCE_FILE : SOURCE_FOLDER;
}

static void
source_load (PsRegressionEditor *self)
{
  guint type = source_index (self);
  gboolean force = is_force_input (source_of (self));
  gboolean was = self->loading;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->source_type), type);
  gtk_stack_set_visible_child_name (GTK_STACK (self->source_stack),
                                    type == SOURCE_SYNTHETIC ? "synthetic" : "csv");
  gtk_widget_set_visible (self->pattern_row, type == SOURCE_FOLDER);
  gtk_widget_set_visible (self->specimen_row, type == SOURCE_FILE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), force ? 1 : 0);
  for (int i = 0; i < 4; i++)
    gtk_widget_set_visible (self->column_rows[i], force == (i >= 2));
  gtk_widget_set_visible (self->force_rows, force);
  load_fields_under (self, "source.");
  for (int i = 0; i < 3; i++)
    dist_load (&self->dists[i]);
  self->loading = was;
}

static JsonNode *
default_source (gboolean synthetic)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  /* A usual S355 coupon set, in SI. */
  const char *synthetic_json
      = "{\"type\": \"synthetic\", \"specimens\": 100, \"points\": 500,"
        " \"E\": {\"distribution\": \"normal\", \"mean\": 2e11, \"sd\": 1e10},"
        " \"yield\": {\"distribution\": \"normal\", \"mean\": 3.55e8, \"sd\": 2e7},"
        " \"hardening\": 0.01, \"max_strain\": 0.02, \"noise_sd\": 1e6, \"seed\": 1}";
  const char *csv_json = "{\"type\": \"csv\", \"path\": \"\","
                         " \"strain\": {\"column\": \"strain\", \"unit\": \"mm/mm\"},"
                         " \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"},"
                         " \"delimiter\": \",\", \"decimal\": \".\", \"skip_lines\": 0}";

  json_parser_load_from_data (parser, synthetic ? synthetic_json : csv_json, -1, NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static void
on_source_type_changed (PsRegressionEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->source_type));
  JsonObject *root = root_of (self);
  guint old = source_index (self);
  JsonObject *src;

  if (self->loading || i > SOURCE_SYNTHETIC || i == old)
    return;
  /* A switch between CSV and synthetic puts the old source aside: switching back
   * restores it as it was. */
  if ((i == SOURCE_SYNTHETIC) != (old == SOURCE_SYNTHETIC))
    {
      const char *put = old == SOURCE_SYNTHETIC ? "source:synthetic" : "source:csv";
      const char *take = i == SOURCE_SYNTHETIC ? "source:synthetic" : "source:csv";

      json_object_set_member (self->stash, put,
                              json_node_copy (json_object_get_member (root, "source")));
      json_object_set_member (root, "source",
                              json_object_has_member (self->stash, take)
                                  ? json_node_copy (json_object_get_member (self->stash, take))
                                  : default_source (i == SOURCE_SYNTHETIC));
    }
  src = source_of (self);
  if (i == SOURCE_FILE && source_index (self) != SOURCE_FILE)
    {
      GtkWidget *e = g_hash_table_lookup (self->widgets, "source.specimen_column");
      g_autofree char *t = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (e))));

      json_object_set_string_member (src, "specimen_column", *t ? t : "specimen");
    }
  else if (i == SOURCE_FOLDER && source_index (self) != SOURCE_FOLDER)
    json_object_set_null_member (src, "specimen_column");
  clear_bad_under (self, "source.");
  source_load (self);
  edited (self, TRUE);
}

static void
on_input_changed (PsRegressionEditor *self)
{
  gboolean force = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input)) == 1;
  JsonObject *src = source_of (self);
  const char *drop[] = { "strain", "stress" };
  const char *add[] = { "displacement", "force", "area", "gauge_length" };
  const char *defaults[] = { "{\"column\": \"displacement\", \"unit\": \"mm\"}",
                             "{\"column\": \"force\", "
                             "\"unit\": \"kN\"}",
                             "1e-4", "0.05" };

  if (self->loading || force == is_force_input (src))
    return;
  /* The members of the other input are put aside, to come back on a switch back. */
  for (int k = 0; k < 4; k++)
    {
      const char *m = force ? (k < 2 ? drop[k] : NULL) : add[k];

      if (m != NULL && json_object_has_member (src, m))
        {
          json_object_set_member (self->stash, m, json_node_copy (json_object_get_member (src, m)));
          json_object_remove_member (src, m);
        }
    }
  for (int k = 0; k < 4; k++)
    {
      const char *m = force ? add[k] : (k < 2 ? drop[k] : NULL);

      if (m == NULL)
        continue;
      if (json_object_has_member (self->stash, m))
        json_object_set_member (src, m, json_node_copy (json_object_get_member (self->stash, m)));
      else
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          const char *def = force    ? defaults[k]
                            : k == 0 ? "{\"column\": \"strain\", \"unit\": \"mm/mm\"}"
                                     : "{\"column\": \"stress\", \"unit\": \"MPa\"}";

          json_parser_load_from_data (parser, def, -1, NULL);
          json_object_set_member (src, m, json_node_copy (json_parser_get_root (parser)));
        }
    }
  clear_bad_under (self, "source.strain");
  clear_bad_under (self, "source.stress");
  clear_bad_under (self, "source.displacement");
  clear_bad_under (self, "source.force");
  clear_bad_under (self, "source.area");
  clear_bad_under (self, "source.gauge_length");
  source_load (self);
  edited (self, TRUE);
}

void
ps_regression_editor_set_source_file (PsRegressionEditor *self, GFile *file)
{
  g_autofree char *dir = study_dir (self);
  g_autoptr (GFile) base = g_file_new_for_path (dir);
  g_autofree char *rel = g_file_get_relative_path (base, file);
  g_autofree char *abs = g_file_get_path (file);
  g_autofree char *text = NULL;
  GtkWidget *path = g_hash_table_lookup (self->widgets, "source.path");

  text = g_strdup (rel != NULL ? rel : abs);
  /* A folder is written with a trailing slash, as the examples do. */
  if (g_file_test (abs, G_FILE_TEST_IS_DIR) && !g_str_has_suffix (text, "/"))
    {
      char *t = g_strconcat (text, "/", NULL);

      g_free (text);
      text = t;
    }
  gtk_editable_set_text (GTK_EDITABLE (path), text);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, PsRegressionEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ps_regression_editor_set_source_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_choose (PsRegressionEditor *self)
{
  gboolean folder = source_index (self) == SOURCE_FOLDER;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *dir = study_dir (self);
  g_autoptr (GFile) start = g_file_new_for_path (dir);

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (
      folder ? _ ("Folder of the specimens’ CSV files") : _ ("CSV file of the specimens"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Select"),
      _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  if (!folder)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _ ("CSV and text files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_pattern (filter, "*.CSV");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ---- building the form ----------------------------------------------------------------- */

static void
column_row (PsRegressionEditor *self, GtkWidget *grid, int y, const char *label, const char *member,
            const char *const *units, const char *def_unit)
{
  g_autofree char *cpath = g_strdup_printf ("source.%s.column", member);
  g_autofree char *upath = g_strdup_printf ("source.%s.unit", member);
  g_autofree char *mpath = g_strdup_printf ("source.%s", member);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  Field *c, *u;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), LABEL_CHARS);
  gtk_box_append (GTK_BOX (row), name);
  c = entry_field (self, cpath, F_COLUMN, 16, _ ("header name or number"));
  gtk_widget_set_tooltip_text (c->widget,
                               _ ("The column’s name in the header line, or its number from 1"));
  gtk_box_append (GTK_BOX (row), c->widget);
  u = add_field (self, upath, F_CHOICE, choice_new (units, NULL));
  u->def = def_unit;
  gtk_widget_set_tooltip_text (u->widget, _ ("The unit of the numbers in this column"));
  gtk_box_append (GTK_BOX (row), u->widget);
  ps_field_set_add (self->fields, mpath, c->widget);
  gtk_box_append (GTK_BOX (grid), row);
  self->column_rows[y] = row;
}

static GtkWidget *
build_csv_page (PsRegressionEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row, *button, *scroller, *label;
  const char *inputs[] = { _ ("Strain and stress"), _ ("Displacement and force"), NULL };
  Field *f;
  const char *area_unit = ps_gui_engineering_units () ? "mm^2" : "m^2";
  const char *length_unit = ps_gui_engineering_units () ? "mm" : "m";

  /* Where the data are. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = entry_field (self, "source.path", F_TEXT, 30, _ ("folder/ or file.csv"));
  gtk_widget_set_tooltip_text (f->widget, _ ("Relative paths start from the study file’s folder"));
  self->path = f->widget;
  gtk_widget_set_hexpand (f->widget, TRUE);
  gtk_box_append (GTK_BOX (row), f->widget);
  button = gtk_button_new_with_mnemonic (_ ("C_hoose…"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Path"), row, LABEL_CHARS));

  f = entry_field (self, "source.pattern", F_TEXT, 12, "*.csv");
  f->optional = TRUE;
  gtk_widget_set_tooltip_text (f->widget, _ ("The files of the folder taken as specimens"));
  self->pattern_row = ps_gui_labelled (_ ("File names"), f->widget, LABEL_CHARS);
  gtk_widget_set_hexpand (f->widget, FALSE);
  gtk_box_append (GTK_BOX (box), self->pattern_row);
  f = entry_field (self, "source.specimen_column", F_COLUMN, 12, NULL);
  f->def = "specimen";
  gtk_widget_set_tooltip_text (f->widget,
                               _ ("The column naming the specimen of each row; the rows of a "
                                  "specimen are together"));
  self->specimen_row = ps_gui_labelled (_ ("Specimen column"), f->widget, LABEL_CHARS);
  gtk_widget_set_hexpand (f->widget, FALSE);
  gtk_box_append (GTK_BOX (box), self->specimen_row);

  /* How the text is cut. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = add_field (self, "source.delimiter", F_CHOICE,
                 choice_new (delimiter_values, delimiter_labels));
  f->def = ",";
  gtk_box_append (GTK_BOX (row), f->widget);
  label = gtk_label_new (_ ("Decimal separator"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = add_field (self, "source.decimal", F_CHOICE, choice_new (decimal_values, decimal_labels));
  f->def = ".";
  gtk_box_append (GTK_BOX (row), f->widget);
  label = gtk_label_new (_ ("Lines to skip"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = spin_field (self, "source.skip_lines", 0, 1000000, 0);
  gtk_widget_set_tooltip_text (f->widget,
                               _ ("Comment lines before the header line (or the first data line)"));
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_widget_set_hexpand (row, FALSE);
  {
    GtkWidget *l = ps_gui_labelled (_ ("Delimiter"), row, LABEL_CHARS);

    gtk_widget_set_hexpand (row, FALSE);
    gtk_box_append (GTK_BOX (box), l);
  }

  /* What the columns are. */
  self->input = gtk_drop_down_new_from_strings (inputs);
  gtk_widget_set_halign (self->input, GTK_ALIGN_START);
  g_signal_connect_swapped (self->input, "notify::selected", G_CALLBACK (on_input_changed), self);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Input"), self->input, LABEL_CHARS));
  gtk_widget_set_hexpand (self->input, FALSE);
  column_row (self, box, 0, _ ("Strain"), "strain", strain_choices, "mm/mm");
  column_row (self, box, 1, _ ("Stress"), "stress", stress_choices, NULL);
  column_row (self, box, 2, _ ("Displacement"), "displacement", length_choices, NULL);
  column_row (self, box, 3, _ ("Force"), "force", force_choices, NULL);
  f = entry_field (self, "source.area", F_QUANTITY, 10, NULL);
  f->quantity = PS_QTY_AREA;
  f->unit = area_unit;
  gtk_widget_set_tooltip_text (f->widget, _ ("Cross-section area of the specimen"));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_box_append (GTK_BOX (row), unit_label (area_unit));
  label = gtk_label_new (_ ("Gauge length"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = entry_field (self, "source.gauge_length", F_QUANTITY, 10, NULL);
  f->quantity = PS_QTY_LENGTH;
  f->unit = length_unit;
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_box_append (GTK_BOX (row), unit_label (length_unit));
  gtk_widget_set_hexpand (row, FALSE);
  self->force_rows = ps_gui_labelled (_ ("Area"), row, LABEL_CHARS);
  gtk_widget_set_hexpand (row, FALSE);
  gtk_box_append (GTK_BOX (box), self->force_rows);

  /* The preview of the first file. */
  {
    GtkWidget *pbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

    self->preview_skipped = gtk_label_new (NULL);
    gtk_widget_add_css_class (self->preview_skipped, "dim-label");
    gtk_widget_add_css_class (self->preview_skipped, "monospace");
    gtk_label_set_xalign (GTK_LABEL (self->preview_skipped), 0);
    gtk_label_set_ellipsize (GTK_LABEL (self->preview_skipped), PANGO_ELLIPSIZE_END);
    gtk_widget_set_tooltip_text (self->preview_skipped, _ ("Lines skipped"));
    gtk_box_append (GTK_BOX (pbox), self->preview_skipped);
    self->preview = gtk_column_view_new (GTK_SELECTION_MODEL (
        gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->preview_rows)))));
    gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->preview), TRUE);
    gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->preview), TRUE);
    gtk_widget_add_css_class (self->preview, "data-table");
    scroller = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->preview);
    gtk_box_append (GTK_BOX (pbox), scroller);
    self->preview_status = gtk_label_new (NULL);
    gtk_label_set_xalign (GTK_LABEL (self->preview_status), 0);
    gtk_label_set_wrap (GTK_LABEL (self->preview_status), TRUE);
    gtk_widget_add_css_class (self->preview_status, "dim-label");
    gtk_box_append (GTK_BOX (pbox), self->preview_status);
    self->preview_frame = ps_gui_frame (_ ("Preview of the first file"), pbox);
    gtk_box_append (GTK_BOX (box), self->preview_frame);
  }
  return box;
}

static void
dist_row (PsRegressionEditor *self, GtkWidget *grid, int y, DistRow *d, const char *label,
          const char *member, const char *unit)
{
  g_autofree char *path = g_strdup_printf ("source.%s", member);
  g_autofree char *mpath = g_strdup_printf ("source.%s.mean", member);
  g_autofree char *spath = g_strdup_printf ("source.%s.sd", member);
  GtkWidget *l = gtk_label_new (label);

  d->self = self;
  d->member = member;
  d->unit = unit;
  d->kind = choice_new (dist_values, dist_labels);
  d->mean = entry_new (10, NULL);
  d->sd = entry_new (10, NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_grid_attach (GTK_GRID (grid), l, 0, y, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), d->kind, 1, y, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), d->mean, 2, y, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), d->sd, 3, y, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), unit_label (unit), 4, y, 1, 1);
  register_widget (self, path, d->kind);
  register_widget (self, mpath, d->mean);
  register_widget (self, spath, d->sd);
  g_signal_connect_swapped (d->kind, "notify::selected", G_CALLBACK (dist_changed), d);
  g_signal_connect_swapped (d->mean, "changed", G_CALLBACK (dist_changed), d);
  g_signal_connect_swapped (d->sd, "changed", G_CALLBACK (dist_changed), d);
}

static GtkWidget *
build_synthetic_page (PsRegressionEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row, *grid, *label;
  const char *heads[] = { N_ ("Distribution"), N_ ("Mean"), N_ ("SD") };
  const char *stress_unit = ps_gui_display_unit (PS_QTY_STRESS, FALSE);
  Field *f;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = spin_field (self, "source.specimens", 1, 1e12, 100);
  gtk_box_append (GTK_BOX (row), f->widget);
  label = gtk_label_new (_ ("Points each"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = spin_field (self, "source.points", 3, 1e8, 500);
  gtk_box_append (GTK_BOX (row), f->widget);
  label = gtk_label_new (_ ("Seed"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = spin_field (self, "source.seed", 0, 9007199254740991.0, 1);
  gtk_widget_set_tooltip_text (f->widget, _ ("The same seed gives the same specimens"));
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Specimens"), row, LABEL_CHARS));
  gtk_widget_set_hexpand (row, FALSE);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      GtkWidget *h = gtk_label_new (_ (heads[i]));

      gtk_widget_add_css_class (h, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (h), 0);
      gtk_grid_attach (GTK_GRID (grid), h, (int)i + 1, 0, 1, 1);
    }
  label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (label), LABEL_CHARS);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  dist_row (self, grid, 1, &self->dists[0], _ ("Modulus E"), "E", modulus_unit ());
  dist_row (self, grid, 2, &self->dists[1], _ ("Yield strength"), "yield", stress_unit);
  dist_row (self, grid, 3, &self->dists[2], _ ("Noise SD"), "noise_sd", stress_unit);
  gtk_widget_set_tooltip_text (self->dists[2].mean,
                               _ ("Standard deviation of the measurement noise on each stress"));
  gtk_box_append (GTK_BOX (box), grid);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = entry_field (self, "source.hardening", F_RATIO, 8, "0.01");
  f->unit = "";
  f->optional = TRUE;
  gtk_widget_set_tooltip_text (f->widget, _ ("The hardening modulus as a fraction of E"));
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_box_append (GTK_BOX (row), unit_label (_ ("× E")));
  label = gtk_label_new (_ ("Strain at break"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = entry_field (self, "source.max_strain", F_RATIO, 8, "2");
  f->unit = "%";
  f->optional = TRUE;
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_box_append (GTK_BOX (row), unit_label ("%"));
  gtk_widget_set_hexpand (row, FALSE);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Hardening"), row, LABEL_CHARS));
  gtk_widget_set_hexpand (row, FALSE);
  return box;
}

GtkWidget *
ps_regression_editor_new (PsDocument *document)
{
  PsRegressionEditor *self = g_object_new (PS_TYPE_REGRESSION_EDITOR, "orientation",
                                           GTK_ORIENTATION_VERTICAL, "spacing", 10, NULL);
  const char *sources[]
      = { _ ("Folder of CSV files, one per specimen"), _ ("One CSV file with a specimen column"),
          _ ("Synthetic specimens"), NULL };
  const char *windows[] = { _ ("Strain range"), _ ("Stress range, as fractions of the maximum"),
                            _ ("Automatic: the most linear stress range"), NULL };
  GtkWidget *box, *row, *label;
  Field *f;

  self->document = g_object_ref (document);
  self->loading = TRUE;
  register_widget (self, "name",
                   ps_gui_editor_header (GTK_WIDGET (self), document, self->fields, LABEL_CHARS));

  /* The data. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->source_type = gtk_drop_down_new_from_strings (sources);
  g_signal_connect_swapped (self->source_type, "notify::selected",
                            G_CALLBACK (on_source_type_changed), self);
  register_widget (self, "source.type", self->source_type);
  row = ps_gui_labelled (_ ("Source"), self->source_type, LABEL_CHARS);
  gtk_widget_set_hexpand (self->source_type, FALSE);
  gtk_box_append (GTK_BOX (box), row);
  self->source_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->source_stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->source_stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->source_stack), build_csv_page (self), "csv");
  gtk_stack_add_named (GTK_STACK (self->source_stack), build_synthetic_page (self), "synthetic");
  gtk_box_append (GTK_BOX (box), self->source_stack);
  ps_field_set_add (self->fields, "source", self->source_type);
  gtk_box_append (GTK_BOX (self), ps_gui_frame (_ ("Data"), box));

  /* The elastic fit. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->window_type = gtk_drop_down_new_from_strings (windows);
  g_signal_connect_swapped (self->window_type, "notify::selected",
                            G_CALLBACK (on_window_type_changed), self);
  register_widget (self, "fit.window", self->window_type);
  row = ps_gui_labelled (_ ("Elastic window"), self->window_type, LABEL_CHARS);
  gtk_widget_set_hexpand (self->window_type, FALSE);
  gtk_box_append (GTK_BOX (box), row);
  self->window_range = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->window_from = entry_new (8, NULL);
  self->window_to = entry_new (8, NULL);
  g_signal_connect_swapped (self->window_from, "changed", G_CALLBACK (window_changed), self);
  g_signal_connect_swapped (self->window_to, "changed", G_CALLBACK (window_changed), self);
  register_widget (self, "fit.window.from", self->window_from);
  register_widget (self, "fit.window.to", self->window_to);
  gtk_box_append (GTK_BOX (self->window_range), self->window_from);
  gtk_box_append (GTK_BOX (self->window_range), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (self->window_range), self->window_to);
  self->window_unit = unit_label (NULL);
  gtk_box_append (GTK_BOX (self->window_range), self->window_unit);
  row = ps_gui_labelled (_ ("From – to"), self->window_range, LABEL_CHARS);
  gtk_widget_set_hexpand (self->window_range, FALSE);
  gtk_box_append (GTK_BOX (box), row);
  g_object_bind_property (self->window_range, "visible", row, "visible", G_BINDING_DEFAULT);
  self->window_auto_note = gtk_label_new (
      /* xgettext:no-c-format */
      _ ("Each specimen’s window is the most linear of the stress ranges 5–35 %, 10–40 %, … "
         "50–80 % of its maximum stress."));
  gtk_label_set_wrap (GTK_LABEL (self->window_auto_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->window_auto_note), 0);
  gtk_widget_add_css_class (self->window_auto_note, "dim-label");
  gtk_box_append (GTK_BOX (box), self->window_auto_note);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = entry_field (self, "fit.offset", F_RATIO, 8, "0.2");
  f->unit = "%";
  f->optional = TRUE;
  gtk_widget_set_tooltip_text (f->widget,
                               /* xgettext:no-c-format */
                               _ ("The offset of the yield line: 0.2 % gives R_p0.2"));
  gtk_box_append (GTK_BOX (row), f->widget);
  /* xgettext:no-c-format */
  gtk_box_append (GTK_BOX (row), unit_label (_ ("% strain")));
  label = gtk_label_new (_ ("Minimum points"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (row), label);
  f = spin_field (self, "fit.min_points", 3, 1000000, 5);
  gtk_box_append (GTK_BOX (row), f->widget);
  gtk_widget_set_hexpand (row, FALSE);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Yield offset"), row, LABEL_CHARS));
  gtk_widget_set_hexpand (row, FALSE);
  gtk_box_append (GTK_BOX (self), ps_gui_frame (_ ("Elastic fit"), box));

  /* The summary. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f = add_field (self, "characteristic.distribution", F_CHOICE,
                 choice_new (characteristic_values, characteristic_labels));
  f->def = "normal";
  gtk_widget_set_tooltip_text (f->widget,
                               /* xgettext:no-c-format */
                               _ ("The distribution the 5 % characteristic value is read from"));
  gtk_box_append (GTK_BOX (row), f->widget);
  /* xgettext:no-c-format */
  label = gtk_label_new (_ ("5 % fractile, EN 1990 Annex D (Table D1, V_X unknown)"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Characteristic"), row, LABEL_CHARS));
  gtk_widget_set_hexpand (row, FALSE);
  ps_field_set_add (self->fields, "characteristic", f->widget);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->histogram = gtk_check_button_new_with_label (_ ("Linear bins for E"));
  g_signal_connect_swapped (self->histogram, "toggled", G_CALLBACK (histogram_changed), self);
  gtk_box_append (GTK_BOX (row), self->histogram);
  self->hist_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->hist_from = entry_new (8, NULL);
  self->hist_to = entry_new (8, NULL);
  self->hist_bins = gtk_spin_button_new_with_range (1, 1000, 1);
  g_signal_connect_swapped (self->hist_from, "changed", G_CALLBACK (histogram_changed), self);
  g_signal_connect_swapped (self->hist_to, "changed", G_CALLBACK (histogram_changed), self);
  g_signal_connect_swapped (self->hist_bins, "value-changed", G_CALLBACK (histogram_changed), self);
  register_widget (self, "histogram", self->histogram);
  register_widget (self, "histogram.from", self->hist_from);
  register_widget (self, "histogram.to", self->hist_to);
  register_widget (self, "histogram.bins", self->hist_bins);
  gtk_box_append (GTK_BOX (self->hist_box), self->hist_from);
  gtk_box_append (GTK_BOX (self->hist_box), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (self->hist_box), self->hist_to);
  gtk_box_append (GTK_BOX (self->hist_box), unit_label (modulus_unit ()));
  label = gtk_label_new (_ ("in"));
  gtk_box_append (GTK_BOX (self->hist_box), label);
  gtk_box_append (GTK_BOX (self->hist_box), self->hist_bins);
  gtk_box_append (GTK_BOX (self->hist_box), gtk_label_new (_ ("bins")));
  gtk_box_append (GTK_BOX (row), self->hist_box);
  gtk_widget_set_tooltip_text (
      self->histogram,
      _ ("Without it, E is counted in fine logarithmic bins that fit any material"));
  gtk_box_append (GTK_BOX (box), ps_gui_labelled (_ ("Histogram"), row, LABEL_CHARS));
  gtk_widget_set_hexpand (row, FALSE);
  gtk_box_append (GTK_BOX (self), ps_gui_frame (_ ("Summary"), box));

  self->count = ps_gui_count_label_new ();
  gtk_box_append (GTK_BOX (self), self->count);
  self->error = ps_gui_error_label_new ();
  gtk_box_append (GTK_BOX (self), self->error);

  /* Fill the form from the file: nothing is written back until the user edits. */
  source_load (self);
  load_fields_under (self, "fit.");
  load_fields_under (self, "characteristic.");
  window_load (self);
  histogram_load (self);
  self->loading = FALSE;
  refresh_preview (self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh_status), self);
  refresh_status (self);
  return GTK_WIDGET (self);
}

/* ---- for the tests --------------------------------------------------------------------- */

GtkWidget *
ps_regression_editor_get_field (PsRegressionEditor *self, const char *path)
{
  return g_hash_table_lookup (self->widgets, path);
}

gboolean
ps_regression_editor_set_choice (PsRegressionEditor *self, const char *path, const char *value)
{
  GtkWidget *dd = g_hash_table_lookup (self->widgets, path);
  GPtrArray *values = dd ? g_object_get_data (G_OBJECT (dd), "values") : NULL;

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (values->pdata[i], value))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), i);
        return TRUE;
      }
  return FALSE;
}

const char *
ps_regression_editor_get_preview_file (PsRegressionEditor *self)
{
  return self->preview_file;
}

guint
ps_regression_editor_get_preview_n_rows (PsRegressionEditor *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows));
}

guint
ps_regression_editor_get_preview_n_columns (PsRegressionEditor *self)
{
  return self->preview_n_columns;
}

char *
ps_regression_editor_dup_preview_title (PsRegressionEditor *self, guint column)
{
  if (self->preview_titles == NULL || column >= self->preview_n_columns)
    return NULL;
  return g_strdup (self->preview_titles[column]);
}

const char *
ps_regression_editor_get_preview_cell (PsRegressionEditor *self, guint row, guint column)
{
  g_autoptr (PsPreviewRow) r = g_list_model_get_item (G_LIST_MODEL (self->preview_rows), row);

  if (r == NULL || column >= r->fields->len)
    return NULL;
  return r->fields->pdata[column];
}

guint
ps_regression_editor_get_preview_line (PsRegressionEditor *self, guint row)
{
  g_autoptr (PsPreviewRow) r = g_list_model_get_item (G_LIST_MODEL (self->preview_rows), row);

  return r ? r->line : 0;
}

const char *
ps_regression_editor_get_preview_status (PsRegressionEditor *self)
{
  return gtk_label_get_text (GTK_LABEL (self->preview_status));
}

GtkWidget *
ps_regression_editor_get_preview_view (PsRegressionEditor *self)
{
  return self->preview;
}

GtkWidget *
ps_regression_editor_get_count_label (PsRegressionEditor *self)
{
  return self->count;
}
