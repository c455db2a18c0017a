/* ps-export.c: a run's results in the formats engineers open: XLSX (libxlsxwriter),
 * and the report as HTML or PDF.
 *
 * The workbook is written in libxlsxwriter's constant-memory mode, row by row, so a
 * Results sheet of a million rows is streamed from results.csv without holding it;
 * it is written to a temporary file beside @out and renamed when complete.
 */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "ps-error.h"
#include "ps-run-view.h"
#include "report/ps-report-doc-private.h"
#include "report/ps-report-private.h"
#include "study/ps-study-private.h"

void
ps_export_options_init (PsExportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->format = PS_EXPORT_XLSX;
  ps_report_options_init (&o->report);
}

gboolean
ps_export_format_from_name (const char *name, PsExportFormat *format)
{
  static const char *const names[] = { "xlsx", "html", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (name != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *format = (PsExportFormat)i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ps_export_have_xlsx (void)
{
  return HAVE_XLSXWRITER;
}

#if HAVE_XLSXWRITER

/* Excel's limits (Microsoft, "Excel specifications and limits"): 1,048,576 rows and
 * 32,767 characters in a cell. */
#define SHEET_ROWS 1048576u
#define CELL_CHARS 32767

typedef struct
{
  lxw_workbook *wb;
  lxw_format *bold, *header, *integer, *wrap, *title;
  lxw_error status;
} Book;

static void
note_status (Book *b, lxw_error e)
{
  if (e != LXW_NO_ERROR && b->status == LXW_NO_ERROR)
    b->status = e;
}

static void
put_text (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
  if (text == NULL || *text == '\0')
    return;
  if (strlen (text) > CELL_CHARS)
    {
      const char *end = g_utf8_find_prev_char (text, text + CELL_CHARS);
      g_autofree char *cut = g_strndup (text, end != NULL ? (gsize)(end - text) : 0);

      note_status (b, worksheet_write_string (ws, r, c, cut, f));
      return;
    }
  note_status (b, worksheet_write_string (ws, r, c, text, f));
}

static void
put_number (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
  if (!isfinite (v))
    return;
  note_status (b, worksheet_write_number (ws, r, c, v,
                                          v == floor (v) && fabs (v) < 1e15 ? b->integer : NULL));
}

/* The unit a column name ends with, as results.csv names them ("span_m",
 * "load_N_per_m"): the name without it, and the unit as printed. */
static char *
column_label (const char *name)
{
  static const struct
  {
    const char *suffix;
    const char *unit;
  } units[] = {
    { "_N_per_m", "N/m" }, { "_kg_per_m", "kg/m" }, { "_N_m", "N·m" }, { "_Nm", "N·m" },
    { "_m2", "m²" },       { "_m3", "m³" },         { "_m4", "m⁴" },   { "_Pa", "Pa" },
    { "_N", "N" },         { "_m", "m" },           { "_s", "s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (name, units[i].suffix) && strlen (name) > strlen (units[i].suffix))
      return g_strdup_printf ("%.*s [%s]", (int)(strlen (name) - strlen (units[i].suffix)), name,
                              units[i].unit);
  return g_strdup (name);
}

/* Splits one CSV line (RFC 4180: fields in double quotes may hold commas and "" for
 * a quote) into @fields. */
static void
csv_split (const char *line, GPtrArray *fields)
{
  const char *p = line;

  g_ptr_array_set_size (fields, 0);
  for (;;)
    {
      GString *f = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (f, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (f, *p++);
            }
          while (*p != '\0' && *p != ',')
            p++;
        }
      else
        while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
          g_string_append_c (f, *p++);
      g_ptr_array_add (fields, g_string_free (f, FALSE));
      if (*p != ',')
        break;
      p++;
    }
}

/* A field that is wholly a number. */
static gboolean
field_number (const char *s, double *v)
{
  char *end;

  if (*s == '\0')
    return FALSE;
  *v = g_ascii_strtod (s, &end);
  return *end == '\0' && end != s && isfinite (*v);
}

static void
csv_row (Book *b, lxw_worksheet *ws, guint64 row, const char *line, GPtrArray *fields, guint n_cols)
{
  csv_split (line, fields);
  for (guint c = 0; c < n_cols && c < fields->len; c++)
    {
      const char *s = g_ptr_array_index (fields, c);
      double v;

      if (field_number (s, &v))
        put_number (b, ws, (lxw_row_t)row, (lxw_col_t)c, v);
      else
        put_text (b, ws, (lxw_row_t)row, (lxw_col_t)c, s, NULL);
    }
}

static gboolean
results_sheet (Book *b, const char *csv, const char *csv_name, guint64 max_rows, GError **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, "Results");
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  FILE *f;
  char *line = NULL;
  size_t cap = 0;
  guint64 rows = 0, left_out = 0;
  guint n_cols = 0;
  guint64 limit = max_rows > 0 ? MIN (max_rows, SHEET_ROWS) : SHEET_ROWS;

  if (csv == NULL)
    {
      put_text (b, ws, 0, 0,
                _ ("This run kept no result per item (results.csv), only its summary: a "
                   "sweep too large to write every row unless asked, or a kind that writes "
                   "none."),
                NULL);
      return TRUE;
    }
  f = g_fopen (csv, "re");
  if (f == NULL)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", csv, g_strerror (saved));
      return FALSE;
    }
  while (getline (&line, &cap, f) > 0)
    {
      if (rows == 0)
        {
          csv_split (line, fields);
          n_cols = MIN (fields->len, LXW_COL_MAX);
          for (guint c = 0; c < n_cols; c++)
            {
              g_autofree char *label = column_label (g_ptr_array_index (fields, c));

              put_text (b, ws, 0, (lxw_col_t)c, label, b->header);
            }
          rows = 1;
          continue;
        }
      /* The sheet's last row holds the file's last line, or says how many lines
       * were left out. */
      if (rows + 1 == limit)
        {
          g_autofree char *current = g_strdup (line);

          if (getline (&line, &cap, f) > 0)
            {
              left_out = 2;
              while (getline (&line, &cap, f) > 0)
                left_out++;
              break;
            }
          csv_row (b, ws, rows++, current, fields, n_cols);
          break;
        }
      csv_row (b, ws, rows++, line, fields, n_cols);
    }
  free (line);
  fclose (f);
  if (left_out > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, left_out);
      g_autofree char *note = g_strdup_printf (
          _ ("%s more rows are left out: a sheet holds %" PRIu64 " rows. Every row is in %s."),
          count, limit, csv_name);

      put_text (b, ws, (lxw_row_t)rows, 0, note, b->bold);
      rows++;
    }
  if (n_cols > 0)
    {
      worksheet_freeze_panes (ws, 1, 0);
      worksheet_set_column (ws, 0, (lxw_col_t)(n_cols - 1), 14, NULL);
      if (rows > 1)
        worksheet_autofilter (ws, 0, 0, (lxw_row_t)(rows - 1 - (left_out > 0 ? 1 : 0)),
                              (lxw_col_t)(n_cols - 1));
    }
  return TRUE;
}

/* A summary row's SI unit and the unit the sheet shows it in. */
static const char *
display_unit (const char *si, double *scale)
{
  static const struct
  {
    const char *si, *shown;
    double scale;
  } map[] = {
    { "Pa", "MPa", 1e6 },   { "N", "kN", 1e3 },  { "N/m", "kN/m", 1e3 },
    { "N*m", "kN·m", 1e3 }, { "m", "mm", 1e-3 },
  };

  *scale = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (si, map[i].si))
      {
        *scale = map[i].scale;
        return map[i].shown;
      }
  return si;
}

static void
summary_sheet (Book *b, const PsStudy *study, PsRunView *v, const PsReportMeta *meta,
               const char *date, const char *run_dir)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, "Summary");
  GPtrArray *rows = ps_run_view_get_rows (v, PS_SUMMARY_REPORT);
  lxw_row_t r = 0;
  g_autofree char *backend = g_strdup_printf ("%s, %d", v->backend, v->workers);
  const char *facts[][2] = {
    { _ ("Study"), study->name },
    { _ ("Study kind"), ps_study_get_kind_name (study) },
    { _ ("Study file"), study->path },
    { _ ("Study SHA-256"), study->checksum },
    { _ ("Project"), meta->project },
    { _ ("Job number"), meta->job_number },
    { _ ("Element"), meta->element },
    { _ ("Prepared by"), meta->author },
    { _ ("Checked by"), meta->checker },
    { _ ("Date"), date },
    { _ ("Revision"), meta->revision },
    { _ ("Status"), ps_report_status_name (meta->status) },
    { _ ("Program"), "Parastudy " PACKAGE_VERSION },
    { _ ("Run started"), v->started },
    { _ ("Backend, workers"), backend },
    { _ ("Run folder"), run_dir },
  };
  const char *h[] = { _ ("Result"),
                      _ ("Value"),
                      _ ("Low"),
                      _ ("High"),
                      _ ("Unit"),
                      _ ("As in the report"),
                      _ ("summary.json member") };

  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 4, 14, NULL);
  worksheet_set_column (ws, 5, 5, 60, b->wrap);
  worksheet_set_column (ws, 6, 6, 22, NULL);
  put_text (b, ws, r++, 0, study->name, b->title);
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      put_text (b, ws, r, 0, facts[i][0], b->bold);
      put_text (b, ws, r, 1, facts[i][1], NULL);
      r++;
    }
  put_text (b, ws, r, 0, _ ("Wall time [s]"), b->bold);
  put_number (b, ws, r++, 1, v->wall_seconds);
  if (v->errors.count > 0)
    {
      put_text (b, ws, r, 0, _ ("Items not computed"), b->bold);
      put_number (b, ws, r++, 1, (double)v->errors.count);
    }
  r++;
  for (guint c = 0; c < G_N_ELEMENTS (h); c++)
    put_text (b, ws, r, (lxw_col_t)c, h[c], b->header);
  r++;
  for (guint i = 0; i < rows->len; i++, r++)
    {
      const PsSummaryRow *row = g_ptr_array_index (rows, i);
      double scale;
      const char *unit = display_unit (row->unit, &scale);

      put_text (b, ws, r, 0, row->label, NULL);
      if (row->type != PS_SUMMARY_TEXT)
        put_number (b, ws, r, 1, row->values[0] / scale);
      if (row->type == PS_SUMMARY_RANGE)
        {
          put_number (b, ws, r, 2, row->values[0] / scale);
          put_number (b, ws, r, 3, row->values[1] / scale);
        }
      else if (row->type == PS_SUMMARY_ESTIMATE)
        {
          put_number (b, ws, r, 2, row->values[1] / scale);
          put_number (b, ws, r, 3, row->values[2] / scale);
        }
      put_text (b, ws, r, 4, unit, NULL);
      put_text (b, ws, r, 5, row->text, b->wrap);
      put_text (b, ws, r, 6, row->key, NULL);
    }
}

/* SI units of the dimensions study files use. */
static const char *
si_unit_of (PsDim d)
{
  for (guint q = 0; q < PS_QTY_N_QUANTITIES; q++)
    {
      PsDim qd = ps_quantity_dim (q);

      if (qd.kg == d.kg && qd.m == d.m && qd.s == d.s)
        return ps_quantity_si_unit (q);
    }
  return NULL;
}

typedef struct
{
  Book *b;
  lxw_worksheet *ws;
  lxw_row_t r;
} InputsCtx;

static void
input_leaf (const char *path, JsonNode *node, gpointer data)
{
  InputsCtx *x = data;

  if (g_str_equal (path, "report") || g_str_has_prefix (path, "report."))
    return;
  put_text (x->b, x->ws, x->r, 0, path, NULL);
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          double v;
          PsDim dim;
          g_autofree char *message = NULL;

          put_text (x->b, x->ws, x->r, 1, s, NULL);
          if (ps_units_parse_any (s, &v, &dim, &message))
            {
              const char *si = si_unit_of (dim);
              g_autofree char *any = si == NULL ? ps_dim_describe (dim) : NULL;

              put_number (x->b, x->ws, x->r, 2, v);
              put_text (x->b, x->ws, x->r, 3, si != NULL ? si : any, NULL);
            }
        }
      else if (t == G_TYPE_BOOLEAN)
        put_text (x->b, x->ws, x->r, 1, json_node_get_boolean (node) ? "true" : "false", NULL);
      else
        {
          put_number (x->b, x->ws, x->r, 1, json_node_get_double (node));
          put_number (x->b, x->ws, x->r, 2, json_node_get_double (node));
        }
    }
  else if (!JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr (JsonGenerator) g = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (g, node);
      text = json_generator_to_data (g, NULL);
      put_text (x->b, x->ws, x->r, 1, text, NULL);
    }
  x->r++;
}

static void
inputs_sheet (Book *b, const PsStudy *study)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, "Inputs");
  g_autoptr (JsonParser) p = json_parser_new ();
  const char *h[]
      = { _ ("Member (JSON path)"), _ ("As written"), _ ("Value in SI"), _ ("SI unit") };
  InputsCtx x = { b, ws, 1 };

  for (guint c = 0; c < G_N_ELEMENTS (h); c++)
    put_text (b, ws, 0, (lxw_col_t)c, h[c], b->header);
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_column (ws, 0, 0, 36, NULL);
  worksheet_set_column (ws, 1, 1, 36, NULL);
  worksheet_set_column (ws, 2, 3, 14, NULL);
  if (json_parser_load_from_data (p, study->text, (gssize)study->text_length, NULL))
    ps_report_json_leaves (json_parser_get_root (p), "", 0, input_leaf, &x);
}

/* The load–span tables (summary.json's lightest_by_group): one row per group, the
 * grouped parameters (SI, as in the study file) then the lightest passing design of the
 * group as an engineer reads it in a catalogue: section, material, mass, utilisation and
 * what governs it; "none passes" where no design of the group passes. */
static void
groups_sheet (Book *b, JsonArray *by, JsonArray *groups)
{
  static const struct
  {
    const char *key;
    const char *label;
    gboolean number;
  } design[] = {
    { "section", N_ ("Section"), FALSE },
    { "material", N_ ("Material"), FALSE },
    { "mass_per_metre", N_ ("Mass [kg/m]"), TRUE },
    { "utilisation", N_ ("Utilisation"), TRUE },
    { "governing_check", N_ ("Governing check"), FALSE },
    { "governing_combination", N_ ("Governing combination"), FALSE },
  };
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, "Load-span tables");
  guint nb = by != NULL ? MIN (json_array_get_length (by), 64u) : 0;

  for (guint c = 0; c < nb; c++)
    put_text (b, ws, 0, (lxw_col_t)c, json_array_get_string_element (by, c), b->header);
  for (guint k = 0; k < G_N_ELEMENTS (design); k++)
    put_text (b, ws, 0, (lxw_col_t)(nb + k), _ (design[k].label), b->header);
  for (guint i = 0; i < json_array_get_length (groups) && i + 1 < SHEET_ROWS; i++)
    {
      JsonNode *n = json_array_get_element (groups, i);
      JsonObject *o, *l;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      o = json_node_get_object (n);
      for (guint c = 0; c < nb; c++)
        {
          JsonNode *m = json_object_get_member (o, json_array_get_string_element (by, c));

          if (m != NULL && JSON_NODE_HOLDS_VALUE (m))
            put_number (b, ws, i + 1, (lxw_col_t)c, json_node_get_double (m));
        }
      l = ps_summary_get_object (o, "lightest");
      if (l == NULL)
        {
          put_text (b, ws, i + 1, (lxw_col_t)nb, _ ("none passes"), NULL);
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (design); k++)
        {
          JsonNode *m = json_object_get_member (l, design[k].key);

          if (m == NULL || !JSON_NODE_HOLDS_VALUE (m))
            continue;
          if (design[k].number)
            put_number (b, ws, i + 1, (lxw_col_t)(nb + k), json_node_get_double (m));
          else
            put_text (b, ws, i + 1, (lxw_col_t)(nb + k), json_node_get_string (m), NULL);
        }
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_column (ws, 0, (lxw_col_t)(nb + G_N_ELEMENTS (design) - 1), 18, NULL);
}

/* The run's per-item file: results.csv, or the kind's chart data (a reliability
 * run's convergence.csv). NULL when the run wrote neither. */
static char *
results_file (const PsStudy *study, const char *run_dir, const char **name)
{
  char *path = g_build_filename (run_dir, "results.csv", NULL);

  *name = "results.csv";
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free (path);
  if (study->klass->chart_data_file != NULL)
    {
      path = g_build_filename (run_dir, study->klass->chart_data_file, NULL);
      *name = study->klass->chart_data_file;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  return NULL;
}

static gboolean
write_xlsx (const PsStudy *study, const char *run_dir, const PsExportOptions *o, const char *out,
            GError **error)
{
  g_autoptr (PsRunView) v = ps_run_view_load (run_dir, error);
  g_autoptr (PsReportMeta) meta = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *date = NULL;
  const char *csv_name = NULL;
  lxw_workbook_options wo = { 0 };
  lxw_doc_properties props = { 0 };
  Book b = { 0 };
  lxw_error e;
  JsonArray *groups;

  if (v == NULL)
    return FALSE;
  if (study->checksum == NULL || !g_str_equal (v->study_sha256, study->checksum))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s does not hold a run of %s: the run was made from \"%s\" (SHA-256 "
                      "%.12s…), this study file's SHA-256 is %.12s…; run the study again or "
                      "give its own run folder"),
                   run_dir, study->path != NULL ? study->path : study->name, v->study,
                   v->study_sha256, study->checksum != NULL ? study->checksum : "?");
      return FALSE;
    }
  meta = ps_report_meta_copy (study->report_meta);
  ps_report_meta_merge (meta, o->report.meta);
  if (o->report.date != NULL)
    date = g_strdup (o->report.date);
  else if (meta->date != NULL)
    date = g_strdup (meta->date);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      date = g_date_time_format (now, "%Y-%m-%d");
    }
  csv = results_file (study, run_dir, &csv_name);

  dir = g_path_get_dirname (out);
  base = g_path_get_basename (out);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("%s: no such folder"), dir);
      return FALSE;
    }
  /* A name of its own beside @out, created by the workbook with the usual mode. */
  tmp = g_strdup_printf ("%s/.%s.%d-%08x.tmp", dir, base, (int)getpid (), g_random_int ());
  wo.constant_memory = LXW_TRUE;
  wo.tmpdir = dir;
  /* A sheet of a million rows can pass 4 GB of XML: ZIP64 then. */
  if (csv != NULL)
    {
      GStatBuf st;

      if (g_stat (csv, &st) == 0 && st.st_size > (goffset)1 << 30)
        wo.use_zip64 = LXW_TRUE;
    }
  b.wb = workbook_new_opt (tmp, &wo);
  if (b.wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("%s: cannot create the workbook"), out);
      return FALSE;
    }
  props.title = study->name;
  props.author = meta->author;
  props.subject = meta->project;
  props.comments = study->checksum;
  workbook_set_properties (b.wb, &props);
  b.bold = workbook_add_format (b.wb);
  format_set_bold (b.bold);
  b.title = workbook_add_format (b.wb);
  format_set_bold (b.title);
  format_set_font_size (b.title, 14);
  b.header = workbook_add_format (b.wb);
  format_set_bold (b.header);
  format_set_bg_color (b.header, 0xE6EBF2);
  format_set_bottom (b.header, LXW_BORDER_THIN);
  format_set_text_wrap (b.header);
  b.integer = workbook_add_format (b.wb);
  format_set_num_format (b.integer, "0");
  b.wrap = workbook_add_format (b.wb);
  format_set_text_wrap (b.wrap);

  summary_sheet (&b, study, v, meta, date, run_dir);
  inputs_sheet (&b, study);
  {
    g_autoptr (GError) local = NULL;

    if (!results_sheet (&b, csv, csv != NULL ? csv : csv_name, o->max_rows, &local))
      {
        workbook_close (b.wb);
        g_unlink (tmp);
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }
  groups = ps_summary_get_array (v->summary, "lightest_by_group");
  if (groups != NULL)
    groups_sheet (&b, ps_summary_get_array (v->summary, "group_by"), groups);
  e = workbook_close (b.wb);
  if (e == LXW_NO_ERROR)
    e = b.status;
  if (e != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s: %s", out, lxw_strerror (e));
      return FALSE;
    }
  /* On disk before it takes the name, so a crash leaves the old file or the new. */
  {
    int fd = g_open (tmp, O_RDONLY, 0);

    if (fd >= 0)
      {
        fsync (fd);
        close (fd);
      }
  }
  if (g_rename (tmp, out) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s: %s", out, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

#endif

gboolean
ps_export_write (const PsStudy *study, const char *run_dir, const PsExportOptions *options,
                 const char *out, GError **error)
{
  PsExportOptions defaults;

  if (options == NULL)
    {
      ps_export_options_init (&defaults);
      options = &defaults;
    }
  if (options->format == PS_EXPORT_HTML || options->format == PS_EXPORT_PDF)
    {
      PsReportOptions ro = options->report;

      ro.format = options->format == PS_EXPORT_HTML ? PS_REPORT_HTML : PS_REPORT_PDF;
      return ps_report_write (study, run_dir, &ro, out, error) > 0;
    }
#if HAVE_XLSXWRITER
  return write_xlsx (study, run_dir, options, out, error);
#else
  g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
               _ ("this build cannot write XLSX: libxlsxwriter was not found when it was "
                  "configured (install libxlsxwriter-dev and configure again)"));
  return FALSE;
#endif
}
