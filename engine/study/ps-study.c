#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ps-error.h"
#include "report/ps-report.h"
#include "study/ps-json-scan.h"
#include "study/ps-json.h"
#include "study/ps-kind.h"
#include "study/ps-study-private.h"

void
ps_errors_init (PsErrors *errors)
{
  errors->count = 0;
  errors->first = NULL;
}

static void
clear_item_error (gpointer data)
{
  PsItemError *e = data;

  g_free (e->message);
}

void
ps_errors_clear (PsErrors *errors)
{
  g_clear_pointer (&errors->first, g_array_unref);
  errors->count = 0;
}

void
ps_errors_add (PsErrors *errors, guint64 item, char *message)
{
  errors->count++;
  if (errors->first == NULL)
    {
      errors->first = g_array_new (FALSE, FALSE, sizeof (PsItemError));
      g_array_set_clear_func (errors->first, clear_item_error);
    }
  if (errors->first->len < PS_MAX_REPORTED_ERRORS)
    {
      PsItemError e = { item, message };

      g_array_append_val (errors->first, e);
    }
  else
    g_free (message);
}

void
ps_errors_merge (PsErrors *acc, PsErrors *next)
{
  if (next->first != NULL)
    {
      for (guint i = 0; i < next->first->len; i++)
        {
          PsItemError *e = &g_array_index (next->first, PsItemError, i);

          ps_errors_add (acc, e->item, g_steal_pointer (&e->message));
          acc->count--; /* counted below, with the ones not kept */
        }
    }
  acc->count += next->count;
  ps_errors_clear (next);
}

char *
ps_study_file_stem (const char *path)
{
  char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - 5] = '\0';
  return base;
}

const PsKindClass *
ps_study_get_kind (const PsStudy *study)
{
  return study->klass;
}

const char *
ps_study_get_kind_name (const PsStudy *study)
{
  return study->klass->name;
}

const char *
ps_study_get_name (const PsStudy *study)
{
  return study->name;
}

const char *
ps_study_get_description (const PsStudy *study)
{
  return study->description;
}

const char *
ps_study_get_path (const PsStudy *study)
{
  return study->path;
}

const char *
ps_study_get_checksum (const PsStudy *study)
{
  return study->checksum;
}

const char *
ps_study_get_text (const PsStudy *study, gsize *length)
{
  if (length != NULL)
    *length = study->text_length;
  return study->text;
}

const PsReportMeta *
ps_study_get_report_meta (const PsStudy *study)
{
  return study->report_meta;
}

guint64
ps_study_get_n_items (const PsStudy *study)
{
  return study->n_items;
}

gpointer
ps_study_get_model (const PsStudy *study)
{
  return study->model;
}

void
ps_study_free (PsStudy *study)
{
  if (study == NULL)
    return;
  if (study->model_free != NULL && study->model != NULL)
    study->model_free (study->model);
  g_free (study->name);
  g_free (study->description);
  g_free (study->path);
  g_free (study->checksum);
  g_free (study->text);
  ps_report_meta_free (study->report_meta);
  g_free (study);
}

gboolean
ps_study_set_items (PsStudy *study, guint64 n_items, GError **error)
{
  if (n_items == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("a study needs at least one item"));
      return FALSE;
    }
  if (n_items == study->n_items)
    return TRUE;
  if (study->klass->set_items != NULL)
    return study->klass->set_items (study, n_items, error);
  if (study->cycle_items == 0)
    study->cycle_items = study->n_items;
  study->n_items = n_items;
  return TRUE;
}

static gboolean
read_report_meta (PsStudy *study, JsonObject *obj, GError **error)
{
  JsonObject *report = NULL;
  g_autoptr (GError) local = NULL;

  if (!json_object_has_member (obj, "report"))
    return TRUE;
  report = ps_json_get_object (obj, "", "report", FALSE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (report == NULL)
    return TRUE;
  study->report_meta = ps_report_meta_parse (report, "report", error);
  return study->report_meta != NULL;
}

PsStudy *
ps_study_load_data (const char *data, gssize length, GError **error)
{
  return ps_study_load_data_at (data, length, NULL, error);
}

gboolean
ps_study_is_internal (const PsStudy *study)
{
  return study->internal;
}

static PsStudy *load_data (const char *data, gssize length, const char *path, gboolean internal,
                           GError **error);

PsStudy *
ps_study_load_data_at (const char *data, gssize length, const char *path, GError **error)
{
  return load_data (data, length, path, FALSE, error);
}

PsStudy *
ps_study_load_internal (const char *data, gssize length, const char *path, GError **error)
{
  return load_data (data, length, path, TRUE, error);
}

/* The root's keys: the kind's, those every study file may have ("report", the title
 * block of the calculation report), and its engine keys in an internal text; an engine
 * key in a user's file is named as such. */
static gboolean
check_top_level_keys (JsonObject *obj, const PsKindClass *klass, gboolean internal, GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; klass->top_level_keys[i] != NULL; i++)
    g_ptr_array_add (keys, (gpointer)klass->top_level_keys[i]);
  if (!g_strv_contains (klass->top_level_keys, "report"))
    g_ptr_array_add (keys, (gpointer) "report");
  for (guint i = 0; klass->engine_keys != NULL && klass->engine_keys[i] != NULL; i++)
    {
      if (internal)
        g_ptr_array_add (keys, (gpointer)klass->engine_keys[i]);
      else if (json_object_has_member (obj, klass->engine_keys[i]))
        {
          ps_json_set_error (error, klass->engine_keys[i],
                             _ ("written by Parastudy in the studies of its own rounds, "
                                "never in a study file"));
          return FALSE;
        }
    }
  g_ptr_array_add (keys, NULL);
  return ps_json_check_keys (obj, "", (const char *const *)keys->pdata, error);
}

static PsStudy *
load_data (const char *data, gssize length, const char *path, gboolean internal, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PsStudy) study = NULL;
  JsonNode *root;
  JsonObject *obj;
  const char *kind = NULL, *name = NULL, *description = NULL;
  const PsKindClass *klass;
  gint64 version = 0;

  if (length < 0)
    length = (gssize)strlen (data);
  if (!ps_json_scan (data, length, NULL, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("(study): expected a JSON object with \"parastudy\", \"kind\" and \"name\", "
                      "got %s"),
                   ps_json_type_name (root));
      if (error != NULL)
        ps_error_set_json_path (*error, "");
      return NULL;
    }
  obj = json_node_get_object (root);

  if (!ps_json_get_int (obj, "", "parastudy", TRUE, 1, G_MAXINT, &version, error))
    return NULL;
  if (version > PS_FORMAT_VERSION)
    {
      ps_json_set_error (error, "parastudy",
                         _ ("format version %lld is newer than this program reads "
                            "(%d): update Parastudy"),
                         (long long)version, PS_FORMAT_VERSION);
      return NULL;
    }
  if (!ps_json_get_string (obj, "", "kind", TRUE, &kind, error)
      || !ps_json_get_string (obj, "", "name", TRUE, &name, error)
      || !ps_json_get_string (obj, "", "description", FALSE, &description, error))
    return NULL;
  if (*name == '\0')
    {
      ps_json_set_error (error, "name", _ ("must not be empty"));
      return NULL;
    }

  study = g_new0 (PsStudy, 1);
  study->name = g_strdup (name);
  study->description = g_strdup (description);
  study->path = g_strdup (path);
  study->text = g_strndup (data, (gsize)length);
  study->text_length = (gsize)length;
  study->checksum
      = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, (gsize)length);

  klass = ps_kind_lookup (kind);
  if (klass == NULL)
    {
      g_autofree char *names = ps_kinds_names_text (TRUE);

      ps_json_set_error (error, "kind", _ ("expected %s, got \"%s\""), names, kind);
      return NULL;
    }
  study->klass = klass;
  study->internal = internal;
  if (!check_top_level_keys (obj, klass, internal, error) || !read_report_meta (study, obj, error)
      || !klass->init (study, obj, error))
    return NULL;
  return g_steal_pointer (&study);
}

PsStudy *
ps_study_load_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;
  const char *bad = NULL;
  PsStudy *study;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (!g_utf8_validate (contents, (gssize)length, &bad))
    {
      /* The front ends put the file's name in front; the line says where. */
      guint line = 1;

      for (const char *p = contents; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("line %u: not UTF-8 text (byte 0x%02X)"),
                   line, (guint)(guchar)*bad);
      return NULL;
    }
  study = ps_study_load_data_at (contents, (gssize)length, path, error);
  return study;
}
