/* test-gui-daily: issue 19 items 4 and 14, under Xvfb, in English and (with --pt_BR)
 * in Brazilian Portuguese.
 *
 * Item 4: numbers are typed and shown with the locale's decimal separator ("0,9" in
 * pt_BR) in the parameter fields, with or without a unit, in lists (separated by ';'
 * where the comma is the decimal separator), in spin buttons and in the reliability and
 * regression forms, while the study file keeps "0.9". Item 14: New … Study starts from
 * a small example titled "New … study" that Save As proposes as the file name; the
 * Source tab shows the study file and edits it with the engine's validation, its
 * mistakes with line and column; quitting with several modified studies asks once
 * (Save All / Discard / Cancel) and Save All saves every one. Screenshots at 1024 x 700
 * (PS_SCREENSHOT_DIR, daily-*.png and daily-*-pt_BR.png) are looked at.
 */
#define G_LOG_DOMAIN "test-gui-daily"
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "ps-beam-editor.h"
#include "ps-gui-test-utils.h"
#include "ps-gui-util.h"
#include "ps-param-editor.h"
#include "ps-regression-editor.h"
#include "ps-reliability-editor.h"
#include "ps-source-view.h"

static const char *shot_suffix = "";
static gboolean pt_br;

static char *
shot (GtkWidget *widget, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  return screenshot (widget, full);
}

/* @c ("0.9") as the user types it in this locale ("0,9" in pt_BR). */
static char *
typed (const char *c)
{
  char *t = g_strdup (c);

  for (char *p = t; pt_br && *p; p++)
    {
      if (*p == '.')
        *p = ',';
      else if (*p == ',')
        *p = ';';
    }
  return t;
}

static double
member_double (JsonObject *root, const char *path)
{
  const char *member;
  JsonObject *parent = ps_json_parent_for_path (root, path, FALSE, &member);
  JsonNode *n = parent ? json_object_get_member (parent, member) : NULL;

  g_assert_nonnull (n);
  g_assert_true (JSON_NODE_HOLDS_VALUE (n));
  return json_node_get_double (n);
}

static void
set_entry (GtkEditable *entry, const char *c_text)
{
  g_autofree char *t = typed (c_text);

  gtk_editable_set_text (entry, t);
  iterate ();
}

static GtkWidget *
find_spin (GtkWidget *root, int digits)
{
  if (GTK_IS_SPIN_BUTTON (root)
      && (int)gtk_spin_button_get_digits (GTK_SPIN_BUTTON (root)) == digits)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *s = find_spin (c, digits);

      if (s != NULL)
        return s;
    }
  return NULL;
}

/* Issue 19 item 4. */
static void
test_locale_numbers (void)
{
  static const char beam[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Locale\", \"beam\": {"
        "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", "
        "\"value\": [5000, 12500]}, \"span\": 4.5, \"section\": {\"shape\": \"rectangular\", "
        "\"b\": \"200 mm\", \"h\": \"400 mm\"}, \"material\": \"S355\"}, "
        "\"checks\": {\"deflection_limit\": \"L/300\", \"safety_factor\": 1.5}}";
  PsDocument *doc;
  PsBeamEditor *editor;
  GtkEditable *span, *load, *h;
  GtkWidget *spin;
  JsonObject *root;
  JsonArray *a;
  g_autofree char *expect = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (ps_gui_decimal_comma (), ==, pt_br);
  doc = open_text (beam);
  parastudy_window_show_page (window, "study");
  editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  span = ps_param_editor_get_entry (
      PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.span")));
  load = ps_param_editor_get_entry (
      PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.load.value")));
  h = ps_param_editor_get_entry (
      PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.section.h")));
  root = ps_document_get_root (doc);

  /* Shown in the locale: 4.5 m, and the list 5 and 12.5 kN/m. */
  expect = typed ("4.5");
  g_assert_cmpstr (gtk_editable_get_text (span), ==, expect);
  g_free (expect);
  expect = typed ("5, 12.5");
  g_assert_cmpstr (gtk_editable_get_text (load), ==, expect);

  /* Typed in the locale, with and without a unit: the tree holds the number. */
  set_entry (span, "0.9");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (span), "error"));
  g_assert_cmpfloat_with_epsilon (member_double (root, "beam.span"), 0.9, 1e-12);
  set_entry (span, "6.25 m");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (span), "error"));
  g_assert_cmpfloat_with_epsilon (member_double (root, "beam.span"), 6.25, 1e-12);
  set_entry (h, "0.45 m");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (h), "error"));
  g_assert_cmpfloat_with_epsilon (member_double (root, "beam.section.h"), 0.45, 1e-12);
  set_entry (h, "412.5");
  g_assert_cmpfloat_with_epsilon (member_double (root, "beam.section.h"), 0.4125, 1e-12);

  /* A list: "7.5, 10, 12.5" in English, "7,5; 10; 12,5" in pt_BR. */
  set_entry (load, "7.5, 10, 12.5");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (load), "error"));
  a = json_object_get_array_member (
      json_object_get_object_member (json_object_get_object_member (root, "beam"), "load"),
      "value");
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (a, 0), 7500, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (a, 2), 12500, 1e-9);
  if (pt_br)
    {
      /* "1,2,3" where the comma is the decimal separator: refused, saying to use ';'. */
      gtk_editable_set_text (load, "1,2,3");
      iterate ();
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (load), "error"));
      g_assert_cmpuint (
          json_array_get_length (json_object_get_array_member (
              json_object_get_object_member (json_object_get_object_member (root, "beam"), "load"),
              "value")),
          ==, 3);
      g_assert_nonnull (
          strstr (gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window)), "“;”"));
      set_entry (load, "7.5, 10, 12.5");
    }

  /* The safety factor's spin button (two decimals): shown and read in the locale. */
  spin = find_spin (GTK_WIDGET (editor), 2);
  g_assert_nonnull (spin);
  g_free (expect);
  expect = typed ("1.50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, expect);
  set_entry (GTK_EDITABLE (spin), "1.75");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  iterate ();
  g_assert_cmpfloat_with_epsilon (member_double (root, "checks.safety_factor"), 1.75, 1e-12);

  /* The file stays locale-free. */
  json = ps_document_dup_json (doc);
  g_assert_nonnull (strstr (json, "0.4125"));
  g_assert_nonnull (strstr (json, "1.75"));
  g_assert_null (strstr (json, "0,4125"));
  g_assert_true (action_enabled ("run"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  g_free (shot (GTK_WIDGET (window), "daily-4-locale-beam"));

  close_all ();
}

static GtkWidget *
find_entry (GtkWidget *root, const char *text)
{
  if (GTK_IS_ENTRY (root) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *s = find_entry (c, text);

      if (s != NULL)
        return s;
    }
  return NULL;
}

/* Issue 19 item 4 in the reliability and regression forms. */
static void
test_locale_numbers_other_forms (void)
{
  PsDocument *doc = open_example ("reliability-axial-bar.json");
  GtkWidget *editor = parastudy_window_get_editor (window);
  GtkWidget *field;
  g_autofree char *json = NULL;

  g_assert_true (PS_IS_RELIABILITY_EDITOR (editor));
  /* The mean of R, "300 MPa", typed as "312,5 MPa" in pt_BR: the file holds
   * "312.5 MPa". */
  field = find_entry (editor, "300 MPa");
  g_assert_nonnull (field);
  set_entry (GTK_EDITABLE (field), "312.5 MPa");
  json = ps_document_dup_json (doc);
  g_assert_nonnull (strstr (json, "\"312.5 MPa\""));
  g_assert_null (ps_document_get_error (doc));
  g_assert_true (action_enabled ("run"));
  g_clear_pointer (&json, g_free);
  close_all ();

  doc = open_example ("regression-synthetic.json");
  editor = parastudy_window_get_editor (window);
  field = ps_regression_editor_get_field (PS_REGRESSION_EDITOR (editor), "fit.offset");
  g_assert_nonnull (field);
  {
    g_autofree char *expect = typed ("0.2");

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, expect);
  }
  set_entry (GTK_EDITABLE (field), "0.15");
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  g_assert_cmpfloat_with_epsilon (member_double (ps_document_get_root (doc), "fit.offset"), 0.0015,
                                  1e-15);
  json = ps_document_dup_json (doc);
  g_assert_nonnull (strstr (json, "0.0015"));
  close_all ();
}

/* Issue 19 item 14: New … Study starts small, titled "New … study", and Save As
 * proposes that title. */
static void
test_new_studies (void)
{
  static const char *const kinds[] = { "beam", "reliability", "regression" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const PsKindClass *kind = ps_kind_lookup (kinds[i]);
      g_autoptr (GVariant) target = g_variant_ref_sink (g_variant_new_string (kinds[i]));
      g_autofree char *file_name = NULL;
      g_autofree char *expect = NULL;
      g_autofree char *png = NULL;
      PsDocument *doc;
      const PsStudy *study;

      g_action_group_activate_action (G_ACTION_GROUP (window), "new-study", target);
      iterate ();
      doc = parastudy_window_get_document (window);
      g_assert_nonnull (doc);
      g_assert_cmpstr (ps_document_get_kind (doc), ==, kinds[i]);
      g_assert_cmpstr (ps_document_get_title (doc), ==, _ (kind->title_new));
      g_assert_false (ps_document_get_dirty (doc));
      g_assert_null (ps_document_get_file (doc));
      study = ps_document_get_study (doc);
      g_assert_nonnull (study);
      /* Small: beam configurations, specimens; the kinds' own examples have 3,000,000
       * configurations and 10,000 specimens. */
      g_test_message ("%s: %" G_GUINT64_FORMAT " items", kinds[i], ps_study_get_n_items (study));
      g_assert_cmpuint (ps_study_get_n_items (study), <=, 1000);
      g_assert_true (action_enabled ("run"));
      file_name = ps_document_dup_file_name (doc);
      expect = g_strdup_printf ("%s.json", _ (kind->title_new));
      g_assert_cmpstr (file_name, ==, expect);
      if (i == 0)
        {
          parastudy_window_show_page (window, "study");
          png = shot (GTK_WIDGET (window), "daily-14-new-beam-study");
        }
      /* It runs in a moment. */
      g_assert_true (parastudy_window_set_backend (window, "threads", 2));
      run_and_wait ();
      close_all ();
    }
}

static guint
line_of (const char *text, const char *at, guint *column)
{
  guint line = 1;
  const char *start = text;

  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      {
        line++;
        start = p + 1;
      }
  *column = (guint)g_utf8_strlen (start, at - start) + 1;
  return line;
}

static void
set_source (PsSourceView *view, const char *text)
{
  gtk_text_buffer_set_text (ps_source_view_get_buffer (view), text, -1);
  iterate ();
}

static char *
source_text (PsSourceView *view)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (ps_source_view_get_buffer (view), &a, &b);
  return gtk_text_buffer_get_text (ps_source_view_get_buffer (view), &a, &b, FALSE);
}

static const char source_study[]
    = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Source\", \"beam\": {"
      "\"support\": \"cantilever\", \"load\": {\"type\": \"uniform\", "
      "\"value\": \"3 kN/m\"}, \"span\": \"2 m\", \"section\": {\"shape\": \"rectangular\", "
      "\"b\": \"90 mm\", \"h\": {\"from\": \"160 mm\", \"to\": \"400 mm\", \"steps\": 13}}, "
      "\"material\": \"C24\"}, \"checks\": {\"deflection_limit\": \"L/150\"}}";

/* Issue 19 item 14: the Source tab. */
static void
test_source_view (void)
{
  PsDocument *doc = open_text (source_study);
  PsSourceView *view = PS_SOURCE_VIEW (parastudy_window_get_source_view (window));
  GtkWidget *label = ps_source_view_get_error_label (view);
  g_autofree char *original = ps_document_dup_json (doc);
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  GString *edit;
  const char *at;
  guint line, column;
  GtkEditable *span;

  /* Where a path is written: a list's element, a missing member's closest parent. */
  g_assert_true (ps_json_locate_path ("{\n \"a\": [1, {\"b\": 2}]\n}", "a[1].b", &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 12);
  g_assert_true (ps_json_locate_path ("{\n \"a\": [1, {\"b\": 2}]\n}", "a[5]", &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 2);
  g_assert_false (ps_json_locate_path ("{\"a\": 1}", "z", &line, &column));

  parastudy_window_show_page (window, "source");
  text = source_text (view);
  g_assert_cmpstr (text, ==, original);
  g_assert_false (gtk_widget_get_visible (label));
  g_free (shot (GTK_WIDGET (window), "daily-14-source"));

  /* Not JSON: a comma missing after "kind". The document keeps its tree. */
  edit = g_string_new (original);
  at = strstr (edit->str, "\"kind\" : \"beam\",");
  g_assert_nonnull (at);
  g_string_erase (edit, at - edit->str + strlen ("\"kind\" : \"beam\""), 1);
  set_source (view, edit->str);
  g_assert_true (gtk_widget_get_visible (label));
  g_test_message ("syntax: %s", gtk_label_get_text (GTK_LABEL (label)));
  line = line_of (edit->str, strstr (edit->str, "\"kind\""), &column);
  /* json-glib stops at the next token, on the line of "kind" or the one after. */
  g_assert_cmpuint (ps_source_view_get_error_line (view), >=, line);
  g_assert_cmpuint (ps_source_view_get_error_line (view), <=, line + 1);
  prefix = g_strdup_printf (_ ("line %u, column %u: %s"), ps_source_view_get_error_line (view),
                            ps_source_view_get_error_column (view), "");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), prefix));
  g_free (text);
  text = ps_document_dup_json (doc);
  g_assert_cmpstr (text, ==, original);
  g_free (shot (GTK_WIDGET (window), "daily-14-source-syntax-error"));
  g_string_free (edit, TRUE);

  /* JSON the engine refuses: a span of zero, with the line and column of "span". */
  edit = g_string_new (original);
  at = strstr (edit->str, "\"span\" : ");
  g_assert_nonnull (at);
  {
    const char *v = at + strlen ("\"span\" : ");
    const char *end = strchr (v, ',');
    gsize pos = (gsize)(v - edit->str);

    g_string_erase (edit, (gssize)pos, end - v);
    g_string_insert (edit, (gssize)pos, "\"0 m\"");
  }
  set_source (view, edit->str);
  line = line_of (edit->str, strstr (edit->str, "\"span\""), &column);
  g_test_message ("engine: %s", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpuint (ps_source_view_get_error_line (view), ==, line);
  g_assert_cmpuint (ps_source_view_get_error_column (view), ==, column);
  g_free (prefix);
  prefix = g_strdup_printf (_ ("line %u, column %u: %s"), line, column, "");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), prefix));
  g_assert_nonnull (ps_document_get_error (doc));
  g_assert_true (g_str_has_prefix (ps_document_get_error_path (doc), "beam.span"));
  g_assert_false (action_enabled ("run"));
  g_assert_true (ps_document_get_dirty (doc));
  g_free (shot (GTK_WIDGET (window), "daily-14-source-engine-error"));

  /* A valid edit applies to the document, and the form shows it. */
  {
    gsize pos = (gsize)(strstr (edit->str, "\"0 m\"") - edit->str);

    g_string_erase (edit, (gssize)pos, strlen ("\"0 m\""));
    g_string_insert (edit, (gssize)pos, "\"3.5 m\"");
  }
  set_source (view, edit->str);
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_null (ps_document_get_error (doc));
  g_assert_true (action_enabled ("run"));
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (ps_document_get_root (doc), "beam"), "span"),
                   ==, "3.5 m");
  span = ps_param_editor_get_entry (PS_PARAM_EDITOR (ps_beam_editor_get_param (
      PS_BEAM_EDITOR (parastudy_window_get_editor (window)), "beam.span")));
  {
    g_autofree char *expect = typed ("3.5");

    g_assert_cmpstr (gtk_editable_get_text (span), ==, expect);
  }

  /* An edit in the form shows in the text. */
  set_entry (span, "4.25");
  g_free (text);
  text = source_text (view);
  g_assert_nonnull (strstr (text, "4.25"));
  g_free (original);
  original = ps_document_dup_json (doc);
  g_assert_cmpstr (text, ==, original);
  g_string_free (edit, TRUE);
  close_all ();
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
chooser_shown (void)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static GFile *scratch;
static const char *saved_path;

static gboolean
saved (void)
{
  return g_file_test (saved_path, G_FILE_TEST_EXISTS) && window == NULL;
}

static GtkWidget *the_chooser;

static gboolean
chooser_in_folder (void)
{
  g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (the_chooser));
  g_autoptr (GFile) parent = chosen ? g_file_get_parent (chosen) : NULL;

  return parent != NULL && g_file_equal (parent, scratch);
}

static char *
copy_example (const char *dir, const char *name)
{
  g_autofree char *src = example_path (name);
  g_autofree char *contents = NULL;
  char *dest = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (dest, contents, -1, NULL));
  return dest;
}

static void
rename_study (PsDocument *doc, const char *name)
{
  json_object_set_string_member (ps_document_get_root (doc), "name", name);
  ps_document_changed (doc);
  iterate ();
}

/* Issue 19 item 14: quitting with three modified studies asks once; Save All saves the
 * two that have files and asks where to put the new one, proposing its title. Last:
 * the window is gone after it. */
static void
test_quit_save_all (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-daily-XXXXXX", NULL);
  g_autofree char *a = copy_example (dir, "beam-steel-ipe.json");
  g_autofree char *b = copy_example (dir, "reliability-axial-bar.json");
  g_autofree char *new_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expect = NULL;
  g_autoptr (GFile) fa = g_file_new_for_path (a);
  g_autoptr (GFile) fb = g_file_new_for_path (b);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GVariant) target = g_variant_ref_sink (g_variant_new_string ("beam"));
  GtkWidget *dialog, *button, *chooser;
  PsDocument *doc;

  g_assert_true (parastudy_window_open_file (window, fa));
  rename_study (parastudy_window_get_document (window), "Saved by Save All (a)");
  g_assert_true (parastudy_window_open_file (window, fb));
  rename_study (parastudy_window_get_document (window), "Saved by Save All (b)");
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-study", target);
  iterate ();
  doc = parastudy_window_get_document (window);
  json_object_set_string_member (ps_document_get_root (doc), "description", "edited");
  ps_document_changed (doc);
  iterate ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate ();
  dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* 3: RESPONSE_SAVE_ALL in parastudy-window-actions.c; Discard (1) and Cancel too. */
  button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), 3);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _ ("Save _All"));
  g_assert_nonnull (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), 1));
  g_assert_nonnull (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL));
  g_free (shot (dialog, "daily-14-quit-save-all"));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_dialog_response (GTK_DIALOG (dialog), 3);
  iterate ();

  /* The two with files are written already. */
  g_assert_true (g_file_get_contents (a, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Saved by Save All (a)"));
  g_free (contents);
  g_assert_true (g_file_get_contents (b, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Saved by Save All (b)"));
  g_clear_pointer (&contents, g_free);
  g_assert_nonnull (window);

  /* The new study: a file chooser proposing its title. */
  g_assert_true (wait_until (chooser_shown, 10));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  expect = g_strdup_printf ("%s.json", _ ("New beam study"));
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (name, ==, expect);
  }
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  /* The chooser changes folder once it has loaded it. */
  scratch = folder;
  the_chooser = chooser;
  g_assert_true (wait_until (chooser_in_folder, 10));
  {
    g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_autofree char *p = chosen ? g_file_get_path (chosen) : NULL;

    g_test_message ("chosen: %s", p ? p : "(none)");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  iterate ();
  g_test_message ("message: %s", window && parastudy_window_get_info_message (window)
                                     ? parastudy_window_get_info_message (window)
                                     : "(none)");
  new_path = g_build_filename (dir, expect, NULL);
  saved_path = new_path;
  g_assert_true (wait_until (saved, 10));
  g_assert_true (g_file_get_contents (new_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"edited\""));
  g_assert_null (window);

  g_unlink (a);
  g_unlink (b);
  g_unlink (new_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  /* meson runs this program a second time with --pt_BR. */
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--pt_BR") == 0)
      {
        pt_br = TRUE;
        for (int k = i; k < argc; k++)
          argv[k] = argv[k + 1];
        argc--;
        break;
      }
  gui_test_setenv ();
  if (pt_br)
    {
      g_setenv ("LC_ALL", "pt_BR.UTF-8", TRUE);
      g_unsetenv ("LANGUAGE");
      shot_suffix = "-pt_BR";
    }
  else
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  ps_app_i18n_init ();
  if (pt_br && g_strcmp0 (setlocale (LC_NUMERIC, NULL), "pt_BR.UTF-8") != 0)
    {
      g_test_skip ("the pt_BR.UTF-8 locale is not installed (tools/deps.sh)");
      return gui_test_finish (0);
    }
  if (!gui_test_open_window ())
    return gui_test_finish (0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);

  g_test_add_func ("/gui/daily/4-locale-numbers", test_locale_numbers);
  g_test_add_func ("/gui/daily/4-locale-numbers-other-forms", test_locale_numbers_other_forms);
  g_test_add_func ("/gui/daily/14-new-studies-small-titled", test_new_studies);
  g_test_add_func ("/gui/daily/14-source-view", test_source_view);
  /* Last: the window is closed by it. */
  g_test_add_func ("/gui/daily/14-quit-save-all", test_quit_save_all);
  return gui_test_finish (g_test_run ());
}
