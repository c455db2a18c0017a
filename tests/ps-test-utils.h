/* ps-test-utils.h: small helpers shared by the GLib test programs. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "config.h"
#include "parastudy.h"
/* Tests reach into a study's fields. */
#include "study/ps-study-private.h"

/* Asserts |got - want| <= rtol |want|, printing both values on failure. */
static inline void
assert_close_impl (const char *file, int line, const char *func, const char *label, double got,
                   double want, double rtol)
{
  if (!(fabs (got - want) <= rtol * fabs (want)))
    {
      g_autofree char *msg
          = g_strdup_printf ("%s: got %.17g, expected %.17g (relative error "
                             "%.3g, tolerance %.3g)",
                             label, got, want, fabs (got - want) / fabs (want), rtol);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

#define assert_close(label, got, want, rtol)                                                       \
  assert_close_impl (__FILE__, __LINE__, G_STRFUNC, (label), (got), (want), (rtol))

/* The number of values of a sweepable parameter, read from a study file itself (not
 * from the engine), so that item counts can be checked independently. */
static inline guint64
param_count (JsonNode *node)
{
  if (node == NULL)
    return 1;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return (guint64)json_object_get_int_member (json_node_get_object (node), "steps");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  return 1;
}

static inline guint64
section_count (JsonNode *node)
{
  JsonObject *obj;
  guint64 n = 1;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      n = 0;
      for (guint i = 0; i < json_array_get_length (a); i++)
        n += section_count (json_array_get_element (a, i));
      return n;
    }
  obj = json_node_get_object (node);
  if (g_str_equal (json_object_get_string_member (obj, "shape"), "standard"))
    return param_count (json_object_get_member (obj, "designation"));
  {
    g_autoptr (GList) members = json_object_get_members (obj);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "shape"))
        n *= param_count (json_object_get_member (obj, l->data));
  }
  return n;
}

/* The item count of a design study (beam.loads), read from its file: materials x
 * sections x every span x every sweepable value of every load. */
static inline guint64
design_study_items (JsonObject *beam)
{
  static const char *const swept[] = { "value", "position", "start", "end", "from", "to" };
  JsonArray *loads = json_object_get_array_member (beam, "loads");
  guint64 n = param_count (json_object_get_member (beam, "material"))
              * section_count (json_object_get_member (beam, "section"));

  if (json_object_has_member (beam, "spans"))
    {
      JsonArray *spans = json_object_get_array_member (beam, "spans");

      for (guint i = 0; i < json_array_get_length (spans); i++)
        n *= param_count (json_array_get_element (spans, i));
    }
  else
    n *= param_count (json_object_get_member (beam, "span"));
  for (guint i = 0; i < json_array_get_length (loads); i++)
    for (guint k = 0; k < G_N_ELEMENTS (swept); k++)
      n *= param_count (
          json_object_get_member (json_array_get_object_element (loads, i), swept[k]));
  return n;
}

/* Loads data/examples/NAME (from $PS_EXAMPLES, else the source tree). */
static inline PsStudy *
load_example (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PsStudy *study;

  path = dir != NULL ? g_build_filename (dir, name, NULL)
                     : g_build_filename (PS_SOURCE_DATADIR, "examples", name, NULL);
  study = ps_study_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (study);
  return study;
}

/* Loads a study from the text @json, as if it were the file @path (or NULL), failing
 * the test with the message and the text where it does not load. */
static inline PsStudy *
load_text_ok (const char *json, const char *path)
{
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data_at (json, -1, path, &error);

  if (error != NULL)
    g_error ("%s\nin %s", error->message, json);
  g_assert_nonnull (study);
  return study;
}

/* Runs @study with @options, writing into @out_dir where it is not NULL; any error
 * fails the test. */
static inline PsRunResult *
run_ok (const PsStudy *study, const PsRunOptions *options, const char *out_dir)
{
  g_autoptr (GError) error = NULL;
  PsRunResult *result = out_dir != NULL ? ps_run_to_dir (study, options, out_dir, &error)
                                        : ps_run_study (study, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The summary document of a run (summary.json), parsed. */
static inline JsonObject *
summary_object (const PsStudy *study, const PsRunResult *r)
{
  g_autofree char *text = ps_run_summary_json (study, r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* summary.json without what may differ between two runs of the same study: the times,
 * the memory, and which backend and how many workers ran it. */
static inline char *
summary_json_untimed (const PsStudy *study, const PsRunResult *r)
{
  static const char *const varying[]
      = { "started", "wall_seconds", "cpu_seconds", "peak_rss_bytes", "backend", "workers" };
  g_autoptr (JsonObject) obj = summary_object (study, r);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < G_N_ELEMENTS (varying); i++)
    {
      g_assert_true (json_object_has_member (obj, varying[i]));
      json_object_remove_member (obj, varying[i]);
    }
  /* Only runs with worker processes have these. */
  if (json_object_has_member (obj, "workers_cpu_seconds"))
    json_object_remove_member (obj, "workers_cpu_seconds");
  json_node_set_object (node, obj);
  return json_to_string (node, TRUE);
}

/* Removes @path and, for a folder, everything in it (symbolic links are not followed). */
static inline void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}
