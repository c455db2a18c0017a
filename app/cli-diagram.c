/* cli-diagram.c: `parastudy-cli diagram STUDY.json --item I [--combination NAME] [--json]
 * [--svg FILE]`: the reactions and the shear, moment and deflection diagrams of one
 * configuration (PsKindClass.item_diagram). Exit status 2 for bad input (no such item
 * or combination, a kind without diagrams), 1 when the file cannot be written. */
#define G_LOG_DOMAIN "parastudy-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "parastudy.h"
#include "plot/ps-plot.h"
#include "study/ps-json.h"

int ps_cli_diagram (int argc, char **argv);

static int
diagram_fail (const char *what, const GError *error)
{
  if (what != NULL)
    g_printerr ("parastudy-cli diagram: %s: %s\n", what, error->message);
  else
    g_printerr ("parastudy-cli diagram: %s\n", error->message);
  if (error->domain == PS_ERROR && error->code == PS_ERROR_IO)
    return 1;
  return 2;
}

int
ps_cli_diagram (int argc, char **argv)
{
  g_autofree char *item_text = NULL;
  g_autofree char *combination = NULL;
  g_autofree char *svg = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[]
      = { { "item", 'i', 0, G_OPTION_ARG_STRING, &item_text,
            N_ ("The configuration (its item number in results.csv)"), "I" },
          { "combination", 'c', 0, G_OPTION_ARG_STRING, &combination,
            N_ ("The load combination (default: the one with the largest moment)"), "NAME" },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the diagrams as JSON"), NULL },
          { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg,
            N_ ("Draw the shear, moment and deflection diagrams into FILE (.svg, .png or .pdf)"),
            "FILE" },
          { NULL } };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
      _ ("STUDY.json — the reactions and the shear, moment and deflection of one configuration"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GPtrArray) charts = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GString) text = NULL;
  const PsKindClass *kind;
  guint64 item;
  char *end = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return diagram_fail (NULL, error);
  if (argc != 2)
    {
      g_printerr ("parastudy-cli diagram: %s\n",
                  _ ("expected one study file: parastudy-cli diagram STUDY.json --item I"));
      return 2;
    }
  if (item_text == NULL)
    {
      g_printerr ("parastudy-cli diagram: %s\n",
                  _ ("--item I is required (the configuration's item number in results.csv)"));
      return 2;
    }
  item = g_ascii_strtoull (item_text, &end, 10);
  if (end == item_text || *end != '\0' || item_text[0] == '-')
    {
      g_printerr ("parastudy-cli diagram: --item: %s \"%s\"\n",
                  _ ("expected a whole number ≥ 0, got"), item_text);
      return 2;
    }
  study = ps_study_load_file (argv[1], &error);
  if (study == NULL)
    return diagram_fail (argv[1], error);
  kind = ps_study_get_kind (study);
  if (kind->item_diagram == NULL)
    {
      g_printerr ("parastudy-cli diagram: ");
      g_printerr (_ ("a %s study has no diagrams"), ps_study_get_kind_name (study));
      g_printerr ("\n");
      return 2;
    }
  if (svg != NULL)
    charts = g_ptr_array_new_with_free_func ((GDestroyNotify)ps_chart_free);
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "study");
      json_builder_add_string_value (builder, ps_study_get_name (study));
      json_builder_set_member_name (builder, "item");
      json_builder_add_int_value (builder, (gint64)item);
    }
  else
    text = g_string_new (NULL);
  if (!kind->item_diagram (study, item, combination, builder, text, charts, &error))
    return diagram_fail (NULL, error);
  if (json)
    {
      g_autofree char *out = NULL;

      json_builder_end_object (builder);
      out = ps_json_builder_to_data (builder, TRUE);
      fputs (out, stdout);
      fputs ("\n", stdout);
    }
  else
    fputs (text->str, stdout);
  if (svg != NULL)
    {
      if (!ps_charts_write_stacked ((PsChart *const *)charts->pdata, charts->len, svg, 800, 300, 96,
                                    &error))
        return diagram_fail (NULL, error);
      if (!json)
        g_print (_ ("wrote %s\n"), svg);
    }
  return 0;
}
