/* ps-report-meta.c: the report's title block, from a study file's "report" object or
 * a --meta file. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-error.h"
#include "report/ps-report.h"
#include "study/ps-json.h"

static const char *const status_names[] = {
  [PS_REPORT_STATUS_UNSET] = NULL,
  [PS_REPORT_STATUS_DRAFT] = "draft",
  [PS_REPORT_STATUS_FOR_CHECKING] = "for-checking",
  [PS_REPORT_STATUS_ISSUED] = "issued",
};

const char *
ps_report_status_name (PsReportStatus status)
{
  g_return_val_if_fail (status <= PS_REPORT_STATUS_ISSUED, NULL);
  return status_names[status];
}

static void
revision_free (gpointer data)
{
  PsReportRevision *r = data;

  g_free (r->rev);
  g_free (r->date);
  g_free (r->description);
  g_free (r->by);
  g_free (r);
}

PsReportMeta *
ps_report_meta_new (void)
{
  PsReportMeta *m = g_new0 (PsReportMeta, 1);

  m->revisions = g_ptr_array_new_with_free_func (revision_free);
  return m;
}

void
ps_report_meta_free (PsReportMeta *m)
{
  if (m == NULL)
    return;
  g_free (m->project);
  g_free (m->job_number);
  g_free (m->element);
  g_free (m->author);
  g_free (m->checker);
  g_free (m->date);
  g_free (m->revision);
  g_ptr_array_unref (m->revisions);
  g_free (m);
}

static PsReportRevision *
revision_copy (const PsReportRevision *r)
{
  PsReportRevision *c = g_new0 (PsReportRevision, 1);

  c->rev = g_strdup (r->rev);
  c->date = g_strdup (r->date);
  c->description = g_strdup (r->description);
  c->by = g_strdup (r->by);
  return c;
}

static void
copy_revisions (PsReportMeta *to, const PsReportMeta *from)
{
  g_ptr_array_set_size (to->revisions, 0);
  for (guint i = 0; i < from->revisions->len; i++)
    g_ptr_array_add (to->revisions, revision_copy (g_ptr_array_index (from->revisions, i)));
}

PsReportMeta *
ps_report_meta_copy (const PsReportMeta *m)
{
  PsReportMeta *c = ps_report_meta_new ();

  if (m == NULL)
    return c;
  ps_report_meta_merge (c, m);
  return c;
}

static void
merge_string (char **to, const char *from)
{
  if (from != NULL)
    {
      g_free (*to);
      *to = g_strdup (from);
    }
}

void
ps_report_meta_merge (PsReportMeta *m, const PsReportMeta *over)
{
  if (over == NULL)
    return;
  merge_string (&m->project, over->project);
  merge_string (&m->job_number, over->job_number);
  merge_string (&m->element, over->element);
  merge_string (&m->author, over->author);
  merge_string (&m->checker, over->checker);
  merge_string (&m->date, over->date);
  merge_string (&m->revision, over->revision);
  if (over->status != PS_REPORT_STATUS_UNSET)
    m->status = over->status;
  if (over->revisions->len > 0)
    copy_revisions (m, over);
}

/* A text member: a string, or a whole number (a job number or revision written as
 * 1234). Missing or null leaves *out NULL. */
static gboolean
get_text (JsonObject *o, const char *path, const char *member, char **out, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  g_autofree char *p = NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (n));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
      return TRUE;
    }
  p = ps_json_path (path, member);
  ps_json_set_error (error, p, _ ("expected a string, got %s"), ps_json_type_name (n));
  return FALSE;
}

PsReportMeta *
ps_report_meta_parse (JsonObject *o, const char *path, GError **error)
{
  static const char *const keys[] = { "project", "job_number", "element", "author",    "checker",
                                      "date",    "revision",   "status",  "revisions", NULL };
  static const char *const rev_keys[] = { "rev", "date", "description", "by", NULL };
  g_autoptr (PsReportMeta) m = ps_report_meta_new ();
  g_autofree char *status = NULL;
  JsonNode *revs;

  if (!ps_json_check_keys (o, path, keys, error)
      || !get_text (o, path, "project", &m->project, error)
      || !get_text (o, path, "job_number", &m->job_number, error)
      || !get_text (o, path, "element", &m->element, error)
      || !get_text (o, path, "author", &m->author, error)
      || !get_text (o, path, "checker", &m->checker, error)
      || !get_text (o, path, "date", &m->date, error)
      || !get_text (o, path, "revision", &m->revision, error)
      || !get_text (o, path, "status", &status, error))
    return NULL;
  if (status != NULL)
    {
      for (guint s = PS_REPORT_STATUS_DRAFT; s <= PS_REPORT_STATUS_ISSUED; s++)
        if (g_str_equal (status, status_names[s]))
          m->status = s;
      if (m->status == PS_REPORT_STATUS_UNSET)
        {
          g_autofree char *p = ps_json_path (path, "status");

          ps_json_set_error (error, p,
                             _ ("expected \"draft\", \"for-checking\" or \"issued\", got \"%s\""),
                             status);
          return NULL;
        }
    }
  revs = json_object_get_member (o, "revisions");
  if (revs != NULL && !JSON_NODE_HOLDS_NULL (revs))
    {
      g_autofree char *rp = ps_json_path (path, "revisions");
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (revs))
        {
          ps_json_set_error (error, rp,
                             _ ("expected a list of {\"rev\", \"date\", "
                                "\"description\", \"by\"}, got %s"),
                             ps_json_type_name (revs));
          return NULL;
        }
      a = json_node_get_array (revs);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          g_autofree char *ep = g_strdup_printf ("%s[%u]", rp, i);
          PsReportRevision *r;
          JsonObject *eo;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            {
              ps_json_set_error (error, ep,
                                 _ ("expected an object with \"rev\", \"date\", "
                                    "\"description\" and \"by\", got %s"),
                                 ps_json_type_name (e));
              return NULL;
            }
          eo = json_node_get_object (e);
          r = g_new0 (PsReportRevision, 1);
          g_ptr_array_add (m->revisions, r);
          if (!ps_json_check_keys (eo, ep, rev_keys, error)
              || !get_text (eo, ep, "rev", &r->rev, error)
              || !get_text (eo, ep, "date", &r->date, error)
              || !get_text (eo, ep, "description", &r->description, error)
              || !get_text (eo, ep, "by", &r->by, error))
            return NULL;
          if (r->rev == NULL)
            {
              g_autofree char *p = ps_json_path (ep, "rev");

              ps_json_set_error (error, p, _ ("missing (expected the revision, e.g. \"B\")"));
              return NULL;
            }
        }
    }
  return g_steal_pointer (&m);
}

PsReportMeta *
ps_report_meta_load_file (const char *file, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;
  JsonObject *o;
  JsonNode *inner;
  PsReportMeta *m;

  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: no such file"), file);
      return NULL;
    }
  if (!json_parser_load_from_file (parser, file, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", file, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: expected a JSON object with the title block (\"project\", "
                      "\"author\", …)"),
                   file);
      return NULL;
    }
  o = json_node_get_object (root);
  inner = json_object_get_member (o, "report");
  if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
    m = ps_report_meta_parse (json_node_get_object (inner), "report", &local);
  else
    m = ps_report_meta_parse (o, "", &local);
  if (m == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", file, local->message);
      return NULL;
    }
  return m;
}
