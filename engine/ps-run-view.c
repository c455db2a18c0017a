#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-error.h"
#include "ps-run-view.h"
#include "ps-run.h"

typedef struct
{
  PsRunView view;
  GPtrArray *rows[PS_SUMMARY_REPORT + 1];
} RunView;

PsRunView *
ps_run_view_new (JsonObject *summary)
{
  RunView *rv = g_new0 (RunView, 1);
  PsRunView *v = &rv->view;
  JsonObject *errors = ps_summary_get_object (summary, "item_errors");
  JsonArray *first = ps_summary_get_array (errors, "first");

  v->summary = json_object_ref (summary);
  v->kind_name = ps_summary_get_string (summary, "kind");
  v->kind = ps_kind_lookup (v->kind_name);
  v->study = ps_summary_get_string (summary, "study");
  v->study_file = json_object_get_string_member_with_default (summary, "study_file", NULL);
  v->study_sha256 = ps_summary_get_string (summary, "study_sha256");
  v->started = ps_summary_get_string (summary, "started");
  v->backend = ps_summary_get_string (summary, "backend");
  v->workers = (int)json_object_get_int_member_with_default (summary, "workers", 0);
  v->items = ps_summary_get_count (summary, "items");
  v->wall_seconds = json_object_get_double_member_with_default (summary, "wall_seconds", 0.0);
  v->cpu_seconds = json_object_get_double_member_with_default (summary, "cpu_seconds", 0.0);
  ps_errors_init (&v->errors);
  for (guint i = 0; first != NULL && i < json_array_get_length (first); i++)
    {
      JsonObject *e = json_array_get_object_element (first, i);

      if (e != NULL)
        ps_errors_add (&v->errors, ps_summary_get_count (e, "item"),
                       g_strdup (ps_summary_get_string (e, "message")));
    }
  /* The count includes the errors not kept. */
  v->errors.count = ps_summary_get_count (errors, "count");
  return v;
}

PsRunView *
ps_run_view_new_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("expected a JSON object"));
      return NULL;
    }
  return ps_run_view_new (json_node_get_object (root));
}

PsRunView *
ps_run_view_load (const char *run_dir, GError **error)
{
  g_autofree char *path = g_build_filename (run_dir, "summary.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (!g_file_test (run_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: no such run folder (expected the --out folder of parastudy-cli run)"),
                   run_dir);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: not a run folder: it has no summary.json"), run_dir);
      return NULL;
    }
  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", path, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s: expected a JSON object"), path);
      return NULL;
    }
  return ps_run_view_new (json_node_get_object (root));
}

void
ps_run_view_free (PsRunView *view)
{
  RunView *rv = (RunView *)view;

  if (view == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (rv->rows); i++)
    g_clear_pointer (&rv->rows[i], g_ptr_array_unref);
  ps_errors_clear (&view->errors);
  json_object_unref (view->summary);
  g_free (rv);
}

/* The item errors and the run, as the terminal summary ends. */
static void
add_terminal_run_rows (PsRunView *v, GPtrArray *rows)
{
  if (v->errors.count > 0 && v->errors.first != NULL)
    {
      PsItemError *e = &g_array_index (v->errors.first, PsItemError, 0);

      /* The item's own message stays as the results files have it. */
      ps_summary_add_values (
          rows, "item_errors", C_ ("summary", "item errors"), PS_SUMMARY_COUNT, "",
          g_strdup_printf (_ ("%llu (first: item %llu: %s)"), (unsigned long long)v->errors.count,
                           (unsigned long long)e->item, e->message),
          (double)v->errors.count);
    }
  ps_summary_add_values (
      rows, "run", C_ ("summary", "run"), PS_SUMMARY_NUMBER, "s",
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d worker, %.3f s wall, %.3f s CPU",
                                    "%s, %d workers, %.3f s wall, %.3f s CPU", v->workers),
                       v->backend, v->workers, v->wall_seconds, v->cpu_seconds),
      v->wall_seconds);
}

/* The run and the item errors, as the Summary tab ends. */
static void
add_screen_run_rows (PsRunView *v, GPtrArray *rows)
{
  ps_summary_add_values (rows, "run", _ ("Run"), PS_SUMMARY_NUMBER, "s",
                         g_strdup_printf (_ ("%s, %d worker(s), %.3f s wall, %.3f s CPU"),
                                          v->backend, v->workers, v->wall_seconds, v->cpu_seconds),
                         v->wall_seconds);
  if (v->errors.count > 0)
    ps_summary_add_values (
        rows, "item_errors", _ ("Items that could not be computed"), PS_SUMMARY_COUNT, "",
        g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64)v->errors.count), (double)v->errors.count);
}

/* A run the user stopped: what its figures are of, first, in every view. */
static void
add_stopped_row (PsRunView *v, PsSummaryView which, GPtrArray *rows)
{
  JsonObject *stopped = ps_summary_get_object (v->summary, "stopped");
  PsCountUnit unit;
  guint64 done, planned;
  g_autofree char *count = NULL;

  if (stopped == NULL)
    return;
  unit = ps_count_unit_from_name (ps_summary_get_string (stopped, "unit"));
  done = ps_summary_get_count (stopped, "done");
  planned = ps_summary_get_count (stopped, "planned");
  count = ps_count_progress_text (unit, done, planned);
  ps_summary_add_values (
      rows, "stopped",
      which == PS_SUMMARY_TERMINAL ? C_ ("summary", "stopped by user") : _ ("Stopped by user"),
      PS_SUMMARY_COUNT, "",
      /* TRANSLATORS: the figures of a run cancelled part way:
       * "after 12,000 of 1,000,000 samples: the figures are of these" */
      g_strdup_printf (_ ("after %s: the figures are of these"), count), (double)done);
}

GPtrArray *
ps_run_view_get_rows (PsRunView *view, PsSummaryView which)
{
  RunView *rv = (RunView *)view;
  GPtrArray *rows;

  g_return_val_if_fail (which <= PS_SUMMARY_REPORT, NULL);
  if (rv->rows[which] != NULL)
    return rv->rows[which];
  rows = ps_summary_rows_new ();
  add_stopped_row (view, which, rows);
  if (view->kind != NULL && view->kind->summary_rows != NULL)
    view->kind->summary_rows (view->summary, which, rows);
  else if (which == PS_SUMMARY_SCREEN)
    ps_summary_add_generic (rows, view->summary);
  if (which == PS_SUMMARY_TERMINAL)
    add_terminal_run_rows (view, rows);
  else if (which == PS_SUMMARY_SCREEN)
    add_screen_run_rows (view, rows);
  rv->rows[which] = rows;
  return rows;
}

char *
ps_run_view_summary_text (PsRunView *view)
{
  GString *out = g_string_new (NULL);

  if (view->kind != NULL && view->kind->summary_title != NULL)
    {
      /* The format is the kind's N_() literal, "%s (beam study)": xgettext marks it
       * c-format, so msgfmt checks that its translations keep the one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_string_append_printf (out, _ (view->kind->summary_title), view->study);
#pragma GCC diagnostic pop
    }
  else
    g_string_append_printf (out, _ ("%s (%s study)"), view->study, view->kind_name);
  g_string_append_c (out, '\n');
  ps_summary_rows_to_text (ps_run_view_get_rows (view, PS_SUMMARY_TERMINAL), out);
  return g_string_free (out, FALSE);
}
