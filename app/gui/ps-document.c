#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ps-document.h"
#include "study/ps-json-scan.h"

struct _PsDocument
{
  GObject parent_instance;

  JsonNode *root;
  GFile *file;
  char *title;
  gboolean dirty;

  PsStudy *study;
  char *error;
  char *error_path;
  GHashTable *field_errors; /* path -> reason */

  PsDocumentResult *result;
};

G_DEFINE_FINAL_TYPE (PsDocument, ps_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_DIRTY,
  N_PROPS
};

enum
{
  CHANGED,
  RESULT_CHANGED,
  REPLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
ps_document_result_free (PsDocumentResult *result)
{
  if (result == NULL)
    return;
  g_free (result->dir);
  g_free (result->summary_json);
  g_free (result->summary_text);
  g_clear_pointer (&result->summary, json_node_unref);
  g_free (result->backend);
  g_free (result);
}

static void
ps_document_finalize (GObject *object)
{
  PsDocument *self = PS_DOCUMENT (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->file);
  g_free (self->title);
  g_clear_pointer (&self->study, ps_study_free);
  g_free (self->error);
  g_free (self->error_path);
  g_hash_table_unref (self->field_errors);
  ps_document_result_free (self->result);
  G_OBJECT_CLASS (ps_document_parent_class)->finalize (object);
}

static void
ps_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PsDocument *self = PS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_document_class_init (PsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_document_finalize;
  object_class->get_property = ps_document_get_property;

  properties[PROP_TITLE]
      = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after an edit, once the tree has been validated again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[RESULT_CHANGED] = g_signal_new ("result-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted when the whole tree was replaced (ps_document_set_json), before ::changed:
   * views holding members of the old tree rebuild from the new one. */
  signals[REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ps_document_init (PsDocument *self)
{
  self->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
validate (PsDocument *self)
{
  g_autofree char *json = ps_document_dup_json (self);
  g_autofree char *path = self->file ? g_file_get_path (self->file) : NULL;
  g_autoptr (GError) error = NULL;
  PsStudy *study;

  g_clear_pointer (&self->study, ps_study_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->error_path, g_free);
  /* Relative paths in the study (a regression's CSV) are read from its folder. */
  study = ps_study_load_data_at (json, -1, path, &error);
  if (study == NULL)
    {
      self->error = g_strdup (error->message);
      self->error_path = g_strdup (ps_error_get_json_path (error));
      return;
    }
  self->study = study;
}

static void
update_title (PsDocument *self)
{
  const char *name = NULL;
  JsonObject *root = ps_document_get_root (self);

  if (root != NULL && json_object_has_member (root, "name"))
    {
      JsonNode *n = json_object_get_member (root, "name");

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        name = json_node_get_string (n);
    }
  g_free (self->title);
  if (name != NULL && *name != '\0')
    self->title = g_strdup (name);
  else if (self->file != NULL)
    self->title = g_file_get_basename (self->file);
  else
    self->title = g_strdup (_ ("Untitled study"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

PsDocument *
ps_document_new_from_data (const char *data, GFile *file, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  PsDocument *self;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, -1, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("not a study file (invalid JSON): %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("not a study file: expected a JSON object with \"parastudy\", \"kind\" and "
                      "\"name\""));
      return NULL;
    }
  self = g_object_new (PS_TYPE_DOCUMENT, NULL);
  self->root = json_node_copy (root);
  self->file = file ? g_object_ref (file) : NULL;
  validate (self);
  update_title (self);
  return self;
}

PsDocument *
ps_document_new_from_file (GFile *file, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (!g_utf8_validate (contents, (gssize)length, NULL) || strlen (contents) != length)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: not UTF-8 text"), name);
      return NULL;
    }
  return ps_document_new_from_data (contents, file, error);
}

JsonObject *
ps_document_get_root (PsDocument *self)
{
  g_return_val_if_fail (PS_IS_DOCUMENT (self), NULL);
  return json_node_get_object (self->root);
}

GFile *
ps_document_get_file (PsDocument *self)
{
  return self->file;
}

const char *
ps_document_get_title (PsDocument *self)
{
  return self->title;
}

gboolean
ps_document_get_dirty (PsDocument *self)
{
  return self->dirty;
}

const char *
ps_document_get_kind (PsDocument *self)
{
  JsonObject *root = ps_document_get_root (self);
  JsonNode *n = json_object_get_member (root, "kind");

  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static void
set_dirty (PsDocument *self, gboolean dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
ps_document_changed (PsDocument *self)
{
  validate (self);
  set_dirty (self, TRUE);
  update_title (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
ps_document_set_field_error (PsDocument *self, const char *field, const char *reason)
{
  const char *old = g_hash_table_lookup (self->field_errors, field);

  if (g_strcmp0 (old, reason) == 0)
    return;
  if (reason == NULL)
    g_hash_table_remove (self->field_errors, field);
  else
    g_hash_table_insert (self->field_errors, g_strdup (field), g_strdup (reason));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Where json-glib stopped reading @text. It says so as "<data>:LINE:COLUMN: Parse
 * error: …", but through its catalogue, whose pt_BR translation drops a colon
 * ("<data>:317: Erro na análise: …" for line 3, column 17): the position is read
 * from the untranslated message, parsed again in the C locale of this thread. */
static gboolean
syntax_position (const char *text, guint *line, guint *column)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t)0), old;

  if (c == (locale_t)0)
    return FALSE;
  old = uselocale (c);
  json_parser_load_from_data (parser, text, -1, &error);
  uselocale (old);
  freelocale (c);
  if (error == NULL)
    return FALSE;
  for (const char *p = strchr (error->message, ':'); p != NULL; p = strchr (p + 1, ':'))
    {
      char *end;
      guint64 l, col;

      if (!g_ascii_isdigit (p[1]))
        continue;
      l = g_ascii_strtoull (p + 1, &end, 10);
      if (*end != ':' || !g_ascii_isdigit (end[1]))
        continue;
      col = g_ascii_strtoull (end + 1, &end, 10);
      if (*end != ':' || l > G_MAXUINT || col > G_MAXUINT)
        continue;
      *line = (guint)l;
      *column = (guint)col;
      return TRUE;
    }
  return FALSE;
}

/* json-glib's message less its "<data>:…: " in front, with our line and column. */
static char *
syntax_error (const char *text, const char *message, guint *line, guint *column)
{
  const char *rest = g_str_has_prefix (message, "<") ? strstr (message, ": ") : NULL;

  rest = rest != NULL ? rest + 2 : message;
  if (!syntax_position (text, line, column))
    return g_strdup (rest);
  return g_strdup_printf (_ ("line %u, column %u: %s"), *line, *column, rest);
}

gboolean
ps_document_set_json (PsDocument *self, const char *text, guint *line, guint *column,
                      GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root, *old;
  guint l = 0, c = 0;

  /* What the engine refuses before json-glib reads the text (duplicate keys, depth),
   * with its own line and column in the message. */
  if (!ps_json_scan (text, -1, NULL, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_autofree char *msg = syntax_error (text, local_error->message, &l, &c);

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("not valid JSON: %s"), msg);
      if (line != NULL)
        *line = l;
      if (column != NULL)
        *column = c;
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("not a study file: expected a JSON object with \"parastudy\", \"kind\" and "
                      "\"name\""));
      if (line != NULL)
        *line = 1;
      if (column != NULL)
        *column = 1;
      return FALSE;
    }
  if (json_node_equal (root, self->root))
    return TRUE;
  /* The old tree lives until every view has let go of it. */
  old = g_steal_pointer (&self->root);
  self->root = json_node_copy (root);
  /* The forms are rebuilt from the tree: what their fields held is gone. */
  g_hash_table_remove_all (self->field_errors);
  g_signal_emit (self, signals[REPLACED], 0);
  ps_document_changed (self);
  json_node_unref (old);
  return TRUE;
}

const PsStudy *
ps_document_get_study (PsDocument *self)
{
  return self->study;
}

const char *
ps_document_get_error (PsDocument *self)
{
  return self->error;
}

const char *
ps_document_get_error_path (PsDocument *self)
{
  return self->error_path;
}

static gboolean
path_within (const char *prefix, const char *path)
{
  gsize n = strlen (prefix);

  return strncmp (prefix, path, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

const char *
ps_document_get_current_error_path (PsDocument *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->error == NULL || self->error_path == NULL)
    return self->error_path;
  /* The tree still holds the old value of a field whose text is invalid: what the
   * engine says of it is about that old value, not what the user sees. */
  g_hash_table_iter_init (&iter, self->field_errors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (path_within (key, self->error_path) || path_within (self->error_path, key))
      return NULL;
  return self->error_path;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

char *
ps_document_dup_problems (PsDocument *self)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  gboolean stale = FALSE;

  /* Every field in path order, so the text does not depend on hashing. */
  g_hash_table_iter_init (&iter, self->field_errors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", k,
                              (const char *)g_hash_table_lookup (self->field_errors, k));
    }
  if (self->error != NULL && self->error_path != NULL)
    stale = ps_document_get_current_error_path (self) == NULL;
  if (self->error != NULL && !stale)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, self->error);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

char *
ps_document_dup_blocker (PsDocument *self)
{
  char *problems = ps_document_dup_problems (self);

  if (problems != NULL)
    return problems;
  if (self->error != NULL)
    return g_strdup (self->error);
  if (self->study == NULL)
    return g_strdup (_ ("The study is not valid"));
  return NULL;
}

PsStudy *
ps_document_dup_study (PsDocument *self, GError **error)
{
  g_autofree char *json = ps_document_dup_json (self);
  g_autofree char *path = self->file ? g_file_get_path (self->file) : NULL;

  return ps_study_load_data_at (json, -1, path, error);
}

char *
ps_document_dup_json (PsDocument *self)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, self->root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
ps_document_dup_file_name (PsDocument *self)
{
  g_autofree char *name = NULL;

  if (self->file != NULL)
    return g_file_get_basename (self->file);
  name = g_strdup_printf ("%s.json", self->title);
  /* The title as it is ("New beam study.json"), less what cannot be in a file name. */
  for (char *p = name; *p; p++)
    if (*p == '/' || *p == '\\')
      *p = '-';
  return g_steal_pointer (&name);
}

gboolean
ps_document_save (PsDocument *self, GFile *file, GError **error)
{
  g_autofree char *json = ps_document_dup_json (self);

  /* g_file_replace_contents writes a temporary file and renames it: a failed save
   * never leaves half a study file behind. */
  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, error))
    return FALSE;
  if (file != self->file)
    {
      g_set_object (&self->file, file);
      /* Relative paths inside the study now start from the new folder. */
      validate (self);
    }
  set_dirty (self, FALSE);
  update_title (self);
  return TRUE;
}

const PsDocumentResult *
ps_document_get_result (PsDocument *self)
{
  return self->result;
}

void
ps_document_set_result (PsDocument *self, PsDocumentResult *result)
{
  ps_document_result_free (self->result);
  self->result = result;
  g_signal_emit (self, signals[RESULT_CHANGED], 0);
}
