#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <stdlib.h>

#include "ps-rel-run.h"
#include "study/ps-json.h"

/* ps-rel-oracle STUDY.json [PIECES]: runs a reliability study's method of issue 17 on
 * the host (ps_rel_setup_run) and prints its summary members as one JSON object, for
 * tests/test-openturns.py, which compares them with OpenTURNS. Exit 2 on bad input
 * (the message names the JSON path), 1 when the method did not converge. */
int
main (int argc, char **argv)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRelSetup) setup = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;
  gboolean ok;

  if (argc < 2)
    {
      g_printerr ("usage: ps-rel-oracle STUDY.json [PIECES]\n");
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("%s: %s\n", argv[1], error ? error->message : "not a JSON object");
      return 2;
    }
  setup = ps_rel_setup_parse (json_node_get_object (json_parser_get_root (parser)), &error);
  if (setup == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  json_builder_begin_object (b);
  ok = ps_rel_setup_run (setup, argc > 2 ? (guint)atoi (argv[2]) : 1, b);
  json_builder_end_object (b);
  text = ps_json_builder_to_data (b, TRUE);
  g_print ("%s\n", text);
  return ok ? 0 : 1;
}
