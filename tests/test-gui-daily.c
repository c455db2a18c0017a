/* test-gui-daily: issue 19 item 4, under Xvfb, in English and (with --pt_BR) in
 * Brazilian Portuguese.
 *
 * Item 4: numbers are typed and shown with the locale's decimal separator ("0,9" in
 * pt_BR) in the parameter fields, with or without a unit, in lists (separated by ';'
 * where the comma is the decimal separator), in spin buttons and in the reliability and
 * regression forms, while the study file keeps "0.9". Screenshots at 1024 x 700
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
  return gui_test_finish (g_test_run ());
}
