#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-test-utils.h"

/* Every case starts from a valid study and breaks one thing; the loader must refuse
 * it with a PS_ERROR_INVALID error that names the JSON path and says what was
 * expected. */

/* A small version of data/examples/beam-grid.json: a point load at midspan. */
static const char base_grid[]
    = "{\n"
      "  \"parastudy\": 1,\n"
      "  \"kind\": \"beam\",\n"
      "  \"name\": \"Floor beam sweep\",\n"
      "  \"description\": \"Simply supported floor beam, point load at midspan.\",\n"
      "  \"beam\": {\n"
      "    \"support\": \"simply-supported\",\n"
      "    \"load\": { \"type\": \"point\", \"position\": \"midspan\",\n"
      "              \"value\": { \"from\": \"10 kN\", \"to\": \"200 kN\", \"steps\": 5 } },\n"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 6 },\n"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": \"300 mm\",\n"
      "                 \"h\": { \"from\": \"200 mm\", \"to\": \"1000 mm\", \"steps\": 7 } },\n"
      "    \"material\": [\"S355\", \"C30/37\", \"C24\"],\n"
      "    \"self_weight\": false\n"
      "  },\n"
      "  \"checks\": { \"deflection_limit\": \"L/360\", \"safety_factor\": 1.5 }\n"
      "}\n";

/* Like data/examples/beam-crane-girder.json: a point load at swept positions. */
static const char base_point_at[]
    = "{\n"
      "  \"parastudy\": 1,\n"
      "  \"kind\": \"beam\",\n"
      "  \"name\": \"Crane runway\",\n"
      "  \"beam\": {\n"
      "    \"support\": \"simply-supported\",\n"
      "    \"load\": { \"type\": \"point\", \"value\": [\"60 kN\", \"90 kN\", \"120 kN\"],\n"
      "              \"position\": { \"from\": \"0.25 m\", \"to\": \"5.75 m\", \"steps\": 23 } },\n"
      "    \"span\": \"6 m\",\n"
      "    \"section\": { \"shape\": \"standard\", \"designation\": [\"HEB 240\", \"HEB 300\"] },\n"
      "    \"material\": \"S355\",\n"
      "    \"self_weight\": true\n"
      "  },\n"
      "  \"checks\": { \"deflection_limit\": \"L/600\", \"safety_factor\": 1.35 }\n"
      "}\n";

/* Like data/examples/beam-timber-cantilever.json: a uniform load on a cantilever. */
static const char base_uniform[]
    = "{\n"
      "  \"parastudy\": 1,\n"
      "  \"kind\": \"beam\",\n"
      "  \"name\": \"Timber balcony cantilever\",\n"
      "  \"beam\": {\n"
      "    \"support\": \"cantilever\",\n"
      "    \"load\": { \"type\": \"uniform\",\n"
      "              \"value\": { \"from\": \"1 kN/m\", \"to\": \"6 kN/m\", \"steps\": 11 } },\n"
      "    \"span\": { \"from\": \"0.8 m\", \"to\": \"2.4 m\", \"steps\": 9 },\n"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": [\"90 mm\", \"115 mm\", \"140 mm\"],\n"
      "                 \"h\": { \"from\": \"160 mm\", \"to\": \"400 mm\", \"steps\": 13 } },\n"
      "    \"material\": [\"C24\", \"GL24h\"],\n"
      "    \"self_weight\": true\n"
      "  },\n"
      "  \"checks\": { \"deflection_limit\": \"L/150\", \"safety_factor\": 1.5 }\n"
      "}\n";

/* Sets the member at a dotted path ("beam.section.h.steps") to a JSON text, or
 * removes it when @json is NULL. */
typedef struct
{
  const char *path;
  const char *json;
} Edit;

#define MAX_EDITS 4
#define MAX_WORDS 3

/* The edited member first holds a placeholder string that is replaced by the edit's
 * text once the document is written out, so that numbers reach the loader exactly as
 * written here (json-glib would reformat 1e19 as "1e+19.0", which it cannot read). */
static void
apply_edit (JsonNode *root, const Edit *edit, const char *placeholder)
{
  g_auto (GStrv) parts = g_strsplit (edit->path, ".", -1);
  guint n = g_strv_length (parts);
  JsonObject *obj;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  obj = json_node_get_object (root);
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (obj, parts[i]);

      g_assert_nonnull (child);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (child));
      obj = json_node_get_object (child);
    }
  if (edit->json == NULL)
    {
      g_assert_true (json_object_has_member (obj, parts[n - 1]));
      json_object_remove_member (obj, parts[n - 1]);
    }
  else
    json_object_set_string_member (obj, parts[n - 1], placeholder);
}

static char *
edited_text (const char *base, const Edit *edits)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (base ? base : base_grid, &error);
  g_autofree char *text = NULL;
  GString *out;

  g_assert_no_error (error);
  for (guint i = 0; i < MAX_EDITS && edits[i].path != NULL; i++)
    {
      g_autofree char *placeholder = g_strdup_printf ("@edit-%u@", i);

      apply_edit (root, &edits[i], placeholder);
    }
  text = json_to_string (root, TRUE);
  out = g_string_new (text);
  for (guint i = 0; i < MAX_EDITS && edits[i].path != NULL; i++)
    if (edits[i].json != NULL)
      {
        g_autofree char *quoted = g_strdup_printf ("\"@edit-%u@\"", i);

        g_assert_cmpuint (g_string_replace (out, quoted, edits[i].json, 0), ==, 1);
      }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------------
 * Bad input
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *base; /* NULL: base_grid */
  const char *raw;  /* the whole text, instead of base and edits */
  Edit edits[MAX_EDITS];
  const char *want_path; /* the message starts with "PATH: "; NULL: not a path error */
  const char *want_words[MAX_WORDS];
  double max_seconds; /* 0: not timed */
} BadCase;

static const BadCase bad_cases[] = {
  /* The document. */
  { "malformed-json", .raw = "{ \"parastudy\": 1, \"kind\": \"beam\", ", .want_words = { "JSON" } },
  { "trailing-garbage", .raw = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"x\" } }",
    .want_words = { "JSON" } },
  { "empty-text", .raw = "", .want_words = { "JSON" } },
  { "root-list", .raw = "[1, 2, 3]", .want_path = "(study)", .want_words = { "object", "a list" } },
  { "root-string", .raw = "\"beam\"", .want_path = "(study)",
    .want_words = { "object", "a string" } },
  { "missing-version", .edits = { { "parastudy", NULL } }, .want_path = "parastudy",
    .want_words = { "missing", "whole number" } },
  { "version-2", .edits = { { "parastudy", "2" } }, .want_path = "parastudy",
    .want_words = { "newer", "2" } },
  { "version-0", .edits = { { "parastudy", "0" } }, .want_path = "parastudy",
    .want_words = { "must be ≥ 1", "got 0" } },
  { "version-fraction", .edits = { { "parastudy", "1.5" } }, .want_path = "parastudy",
    .want_words = { "whole number" } },
  { "version-string", .edits = { { "parastudy", "\"1\"" } }, .want_path = "parastudy",
    .want_words = { "whole number", "a string" } },
  { "missing-kind", .edits = { { "kind", NULL } }, .want_path = "kind",
    .want_words = { "missing", "string" } },
  { "unknown-kind", .edits = { { "kind", "\"bridge\"" } }, .want_path = "kind",
    .want_words = { "\"beam\"", "\"bridge\"" } },
  { "kind-number", .edits = { { "kind", "1" } }, .want_path = "kind",
    .want_words = { "expected a string", "a number" } },
  { "missing-name", .edits = { { "name", NULL } }, .want_path = "name",
    .want_words = { "missing", "string" } },
  { "empty-name", .edits = { { "name", "\"\"" } }, .want_path = "name", .want_words = { "empty" } },
  { "description-list", .edits = { { "description", "[\"a\"]" } }, .want_path = "description",
    .want_words = { "expected a string", "a list" } },
  { "unknown-top-level-key", .edits = { { "colour", "\"red\"" } }, .want_path = "colour",
    .want_words = { "unknown key", "beam" } },
  { "missing-beam", .edits = { { "beam", NULL } }, .want_path = "beam",
    .want_words = { "missing", "object" } },
  { "beam-list", .edits = { { "beam", "[]" } }, .want_path = "beam",
    .want_words = { "expected an object", "a list" } },

  /* Unknown keys at every level. */
  { "unknown-beam-key", .edits = { { "beam.spna", "\"4 m\"" } }, .want_path = "beam.spna",
    .want_words = { "unknown key", "span" } },
  { "unknown-load-key", .edits = { { "beam.load.magnitude", "\"10 kN\"" } },
    .want_path = "beam.load.magnitude", .want_words = { "unknown key", "position" } },
  { "unknown-section-key", .edits = { { "beam.section.d", "\"20 mm\"" } },
    .want_path = "beam.section.d", .want_words = { "unknown key", "shape, b, h" } },
  { "unknown-range-key", .edits = { { "beam.span.step", "1" } }, .want_path = "beam.span.step",
    .want_words = { "unknown key", "steps" } },
  { "unknown-checks-key", .edits = { { "checks.limit", "\"L/250\"" } }, .want_path = "checks.limit",
    .want_words = { "unknown key", "deflection_limit" } },

  /* Numbers and units. */
  { "span-boolean", .edits = { { "beam.span", "true" } }, .want_path = "beam.span",
    .want_words = { "a length", "a boolean" } },
  { "span-null", .edits = { { "beam.span", "null" } }, .want_path = "beam.span",
    .want_words = { "missing", "a length" } },
  { "span-missing", .edits = { { "beam.span", NULL } }, .want_path = "beam.span",
    .want_words = { "missing", "a length" } },
  { "span-force-unit", .edits = { { "beam.span", "\"50 kN\"" } }, .want_path = "beam.span",
    .want_words = { "length", "50 kN", "a force" } },
  { "span-no-unit", .edits = { { "beam.span", "\"12\"" } }, .want_path = "beam.span",
    .want_words = { "no unit", "length" } },
  { "span-nan", .edits = { { "beam.span", "\"nan m\"" } }, .want_path = "beam.span",
    .want_words = { "finite" } },
  { "span-inf", .edits = { { "beam.span", "\"inf m\"" } }, .want_path = "beam.span",
    .want_words = { "finite" } },
  { "span-unknown-unit", .edits = { { "beam.span", "\"12 furlong\"" } }, .want_path = "beam.span",
    .want_words = { "unknown unit", "length" } },
  { "span-not-a-number", .edits = { { "beam.span", "\"twelve m\"" } }, .want_path = "beam.span",
    .want_words = { "a length", "twelve" } },
  { "span-zero", .edits = { { "beam.span", "0" } }, .want_path = "beam.span",
    .want_words = { "must be > 0" } },
  { "span-out-of-range", .edits = { { "beam.span", "\"1e308 km\"" } }, .want_path = "beam.span",
    .want_words = { "out of range" } },
  { "h-negative", .edits = { { "beam.section.h", "\"-200 mm\"" } }, .want_path = "beam.section.h",
    .want_words = { "must be > 0", "-0.2" } },
  { "range-from-negative", .edits = { { "beam.section.h.from", "\"-200 mm\"" } },
    .want_path = "beam.section.h.from", .want_words = { "must be > 0" } },
  { "range-missing-to", .edits = { { "beam.span.to", NULL } }, .want_path = "beam.span.to",
    .want_words = { "missing", "a length" } },
  { "range-missing-steps", .edits = { { "beam.span.steps", NULL } }, .want_path = "beam.span.steps",
    .want_words = { "missing", "whole number" } },
  { "steps-zero", .edits = { { "beam.section.h.steps", "0" } }, .want_path = "beam.section.h.steps",
    .want_words = { "must be ≥ 1", "got 0" } },
  { "steps-negative", .edits = { { "beam.load.value.steps", "-3" } },
    .want_path = "beam.load.value.steps", .want_words = { "must be ≥ 1", "got -3" } },
  { "steps-fraction", .edits = { { "beam.section.h.steps", "2.5" } },
    .want_path = "beam.section.h.steps", .want_words = { "whole number", "2.5" } },
  { "steps-string", .edits = { { "beam.section.h.steps", "\"7\"" } },
    .want_path = "beam.section.h.steps", .want_words = { "whole number", "a string" } },
  /* Every beam parameter is positive, so a log range from 0 is refused at "from". */
  { "log-range-from-zero",
    .edits = { { "beam.span", "{ \"from\": 0, \"to\": \"12 m\", \"steps\": 4, "
                              "\"scale\": \"log\" }" } },
    .want_path = "beam.span.from", .want_words = { "must be > 0" } },
  { "log-range-from-negative",
    .edits = { { "beam.span", "{ \"from\": \"-1 m\", \"to\": \"12 m\", \"steps\": 4, "
                              "\"scale\": \"log\" }" } },
    .want_path = "beam.span.from", .want_words = { "must be > 0" } },
  { "bad-scale", .edits = { { "beam.span.scale", "\"exponential\"" } },
    .want_path = "beam.span.scale", .want_words = { "\"linear\"", "\"log\"", "exponential" } },
  { "scale-number", .edits = { { "beam.span.scale", "10" } }, .want_path = "beam.span.scale",
    .want_words = { "expected a string", "a number" } },
  { "empty-list", .edits = { { "beam.load.value", "[]" } }, .want_path = "beam.load.value",
    .want_words = { "empty list", "at least one" } },
  { "list-wrong-unit", .edits = { { "beam.span", "[\"2 m\", \"3 m\", \"4 kg\"]" } },
    .want_path = "beam.span[2]", .want_words = { "a length", "4 kg" } },
  { "list-of-range", .edits = { { "beam.span", "[{ \"from\": 1, \"to\": 2, \"steps\": 2 }]" } },
    .want_path = "beam.span[0]", .want_words = { "a length", "an object" } },

  /* Sections. */
  { "section-missing", .edits = { { "beam.section", NULL } }, .want_path = "beam.section",
    .want_words = { "missing" } },
  { "section-string", .edits = { { "beam.section", "\"IPE 300\"" } }, .want_path = "beam.section",
    .want_words = { "section object", "a string" } },
  { "section-empty-list", .edits = { { "beam.section", "[]" } }, .want_path = "beam.section",
    .want_words = { "empty list", "at least one section" } },
  { "section-missing-shape", .edits = { { "beam.section.shape", NULL } },
    .want_path = "beam.section.shape", .want_words = { "missing" } },
  { "unknown-shape", .edits = { { "beam.section.shape", "\"triangular\"" } },
    .want_path = "beam.section.shape", .want_words = { "\"rectangular\"", "triangular" } },
  { "rectangular-missing-b", .edits = { { "beam.section.b", NULL } }, .want_path = "beam.section.b",
    .want_words = { "missing", "a length" } },
  { "unknown-designation",
    .edits = { { "beam.section", "{ \"shape\": \"standard\", \"designation\": \"IPE 301\" }" } },
    .want_path = "beam.section.designation", .want_words = { "unknown section", "IPE 301" } },
  { "unknown-designation-in-list",
    .edits = { { "beam.section", "{ \"shape\": \"standard\", "
                                 "\"designation\": [\"IPE 300\", \"HEB 999\"] }" } },
    .want_path = "beam.section.designation", .want_words = { "unknown section", "HEB 999" } },
  { "designation-number",
    .edits = { { "beam.section", "{ \"shape\": \"standard\", \"designation\": 300 }" } },
    .want_path = "beam.section.designation", .want_words = { "designation", "a number" } },
  { "designation-empty-list",
    .edits = { { "beam.section", "{ \"shape\": \"standard\", \"designation\": [] }" } },
    .want_path = "beam.section.designation", .want_words = { "designation", "a list" } },
  { "designation-list-element",
    .edits
    = { { "beam.section", "{ \"shape\": \"standard\", \"designation\": [\"IPE 300\", 5] }" } },
    .want_path = "beam.section.designation", .want_words = { "element 1", "a number" } },
  { "custom-w-and-c",
    .edits
    = { { "beam.section", "{ \"shape\": \"custom\", \"I\": \"8356 cm^4\", "
                          "\"W\": \"557 cm^3\", \"c\": \"150 mm\", \"A\": \"53.8 cm^2\" }" } },
    .want_path = "beam.section", .want_words = { "exactly one", "\"W\"", "\"c\"" } },
  { "custom-neither-w-nor-c",
    .edits = { { "beam.section", "{ \"shape\": \"custom\", \"I\": \"8356 cm^4\", "
                                 "\"A\": \"53.8 cm^2\" }" } },
    .want_path = "beam.section", .want_words = { "exactly one" } },
  { "custom-i-wrong-unit",
    .edits = { { "beam.section", "{ \"shape\": \"custom\", \"I\": \"8356 cm^3\", "
                                 "\"W\": \"557 cm^3\", \"A\": \"53.8 cm^2\" }" } },
    .want_path = "beam.section.I", .want_words = { "second moment of area", "8356 cm^3" } },
  { "hollow-t-too-thick",
    .edits = { { "beam.section", "{ \"shape\": \"hollow-circular\", \"D\": \"100 mm\", "
                                 "\"t\": [\"50 mm\", \"60 mm\"] }" } },
    .want_path = "beam.section", .want_words = { "hollow-circular", "D/2" } },
  { "hollow-t-too-thick-in-list",
    .edits = { { "beam.section", "[{ \"shape\": \"circular\", \"d\": \"100 mm\" }, "
                                 "{ \"shape\": \"hollow-circular\", \"D\": \"100 mm\", "
                                 "\"t\": \"70 mm\" }]" } },
    .want_path = "beam.section[1]", .want_words = { "hollow-circular", "D/2" } },
  { "section-list-element-bad",
    .edits = { { "beam.section", "[{ \"shape\": \"circular\", \"d\": \"100 mm\" }, "
                                 "{ \"shape\": \"circular\", \"d\": \"0 mm\" }]" } },
    .want_path = "beam.section[1].d", .want_words = { "must be > 0" } },
  { "too-many-sections",
    .edits
    = { { "beam.section.b", "{ \"from\": \"100 mm\", \"to\": \"300 mm\", \"steps\": 100000 }" },
        { "beam.section.h", "{ \"from\": \"100 mm\", \"to\": \"900 mm\", \"steps\": 100000 }" } },
    .want_path = "beam.section", .want_words = { "too many sections", "memory" },
    .max_seconds = 1.0 },

  /* Materials. */
  { "material-missing", .edits = { { "beam.material", NULL } }, .want_path = "beam.material",
    .want_words = { "missing", "S355" } },
  { "material-empty-list", .edits = { { "beam.material", "[]" } }, .want_path = "beam.material",
    .want_words = { "empty list", "at least one material" } },
  { "unknown-material", .edits = { { "beam.material", "\"S999\"" } }, .want_path = "beam.material",
    .want_words = { "unknown material \"S999\"", "built-in", "S355" } },
  { "unknown-material-in-list", .edits = { { "beam.material", "[\"S355\", \"Oak\"]" } },
    .want_path = "beam.material[1]", .want_words = { "\"Oak\"", "built-in", "C24" } },
  { "material-number", .edits = { { "beam.material", "355" } }, .want_path = "beam.material",
    .want_words = { "material name", "a number" } },
  { "material-object-missing-E",
    .edits = { { "beam.material", "{ \"name\": \"Oak\", \"strength\": \"20 MPa\", "
                                  "\"density\": \"700 kg/m^3\" }" } },
    .want_path = "beam.material.E", .want_words = { "missing", "a stress" } },
  { "material-object-E-wrong-unit",
    .edits = { { "beam.material", "[\"S355\", { \"name\": \"Oak\", \"E\": \"11 GN\", "
                                  "\"strength\": \"20 MPa\", \"density\": \"700 kg/m^3\" }]" } },
    .want_path = "beam.material[1].E", .want_words = { "a stress", "11 GN" } },
  { "material-object-unknown-key",
    .edits
    = { { "beam.material", "{ \"name\": \"Oak\", \"E\": \"11 GPa\", \"strength\": \"20 MPa\", "
                           "\"density\": \"700 kg/m^3\", \"colour\": \"brown\" }" } },
    .want_path = "beam.material.colour", .want_words = { "unknown key", "density" } },
  { "material-object-density-zero",
    .edits
    = { { "beam.material", "{ \"name\": \"Oak\", \"E\": \"11 GPa\", \"strength\": \"20 MPa\", "
                           "\"density\": 0 }" } },
    .want_path = "beam.material.density", .want_words = { "must be > 0" } },

  /* Supports and loads. */
  { "bad-support", .edits = { { "beam.support", "\"pinned\"" } }, .want_path = "beam.support",
    .want_words = { "\"simply-supported\"", "\"pinned\"" } },
  { "missing-support", .edits = { { "beam.support", NULL } }, .want_path = "beam.support",
    .want_words = { "missing" } },
  { "missing-load", .edits = { { "beam.load", NULL } }, .want_path = "beam.load",
    .want_words = { "missing", "object" } },
  { "bad-load-type", .edits = { { "beam.load.type", "\"moment\"" } }, .want_path = "beam.load.type",
    .want_words = { "\"point\"", "\"uniform\"", "moment" } },
  { "missing-load-type", .edits = { { "beam.load.type", NULL } }, .want_path = "beam.load.type",
    .want_words = { "missing" } },
  { "missing-load-value", .edits = { { "beam.load.value", NULL } }, .want_path = "beam.load.value",
    .want_words = { "missing", "a force" } },
  { "point-load-per-length", .edits = { { "beam.load.value", "\"5 kN/m\"" } },
    .want_path = "beam.load.value", .want_words = { "a force", "5 kN/m" } },
  { "cantilever-point-at-midspan", .edits = { { "beam.support", "\"cantilever\"" } },
    .want_path = "beam.load.position", .want_words = { "cantilever", "free-end" } },
  { "cantilever-point-at-distance",
    .edits = { { "beam.support", "\"cantilever\"" }, { "beam.load.position", "\"1 m\"" } },
    .want_path = "beam.load.position", .want_words = { "cantilever", "free-end" } },
  { "simply-supported-free-end", .edits = { { "beam.load.position", "\"free-end\"" } },
    .want_path = "beam.load.position", .want_words = { "no free end", "midspan" } },
  { "fixed-fixed-point-at-distance",
    .edits = { { "beam.support", "\"fixed-fixed\"" }, { "beam.load.position", "\"1 m\"" } },
    .want_path = "beam.load.position", .want_words = { "fixed", "midspan" } },
  { "propped-cantilever-point", .edits = { { "beam.support", "\"propped-cantilever\"" } },
    .want_path = "beam.load.type", .want_words = { "propped cantilever", "\"uniform\"" } },
  { "position-word", .edits = { { "beam.load.position", "\"quarter\"" } },
    .want_path = "beam.load.position", .want_words = { "a length", "quarter" } },
  { "position-zero", .base = base_point_at, .edits = { { "beam.load.position.from", "0" } },
    .want_path = "beam.load.position.from", .want_words = { "must be > 0" } },
  { "uniform-with-position", .base = base_uniform,
    .edits = { { "beam.load.position", "\"midspan\"" } }, .want_path = "beam.load.position",
    .want_words = { "uniform load has no position" } },
  { "uniform-with-force", .base = base_uniform, .edits = { { "beam.load.value", "\"5 kN\"" } },
    .want_path = "beam.load.value", .want_words = { "a force per length", "5 kN" } },
  { "self-weight-string", .edits = { { "beam.self_weight", "\"yes\"" } },
    .want_path = "beam.self_weight", .want_words = { "true or false", "a string" } },

  /* Checks. */
  { "checks-number", .edits = { { "checks", "5" } }, .want_path = "checks",
    .want_words = { "expected an object", "a number" } },
  { "deflection-limit-L0", .edits = { { "checks.deflection_limit", "\"L/0\"" } },
    .want_path = "checks.deflection_limit", .want_words = { "L/N", "N > 0", "L/0" } },
  { "deflection-limit-Labc", .edits = { { "checks.deflection_limit", "\"L/abc\"" } },
    .want_path = "checks.deflection_limit", .want_words = { "L/N", "L/abc" } },
  { "deflection-limit-L-negative", .edits = { { "checks.deflection_limit", "\"L/-360\"" } },
    .want_path = "checks.deflection_limit", .want_words = { "N > 0", "L/-360" } },
  { "deflection-limit-force", .edits = { { "checks.deflection_limit", "\"20 kN\"" } },
    .want_path = "checks.deflection_limit", .want_words = { "a length", "20 kN" } },
  { "deflection-limit-boolean", .edits = { { "checks.deflection_limit", "false" } },
    .want_path = "checks.deflection_limit", .want_words = { "a length", "a boolean" } },
  { "safety-factor-negative", .edits = { { "checks.safety_factor", "-1" } },
    .want_path = "checks.safety_factor", .want_words = { "must be > 0", "-1" } },
  { "safety-factor-with-unit", .edits = { { "checks.safety_factor", "\"1.5 m\"" } },
    .want_path = "checks.safety_factor", .want_words = { "dimensionless", "1.5 m" } },

  /* Grids too large for memory or for a 64-bit item number. */
  { "steps-beyond-memory", .edits = { { "beam.section.h.steps", "1000000000000000" } },
    .want_path = "beam.section.h.steps",
    .want_words = { "1000000000000000 values", "more than this machine allows" },
    .max_seconds = 1.0 },
  { "steps-beyond-memory-position", .base = base_point_at,
    .edits = { { "beam.load.position.steps", "1000000000000000" } },
    .want_path = "beam.load.position.steps", .want_words = { "more than this machine allows" },
    .max_seconds = 1.0 },
  { "steps-beyond-int64", .edits = { { "beam.span.steps", "1e19" } },
    .want_path = "beam.span.steps", .want_words = { "must be ≤" }, .max_seconds = 1.0 },
  /* 10^6 values each in span, load and position and 5 materials: 5 10^18 > 2^62. */
  { "grid-beyond-2^62", .base = base_point_at,
    .edits
    = { { "beam.span", "{ \"from\": \"4 m\", \"to\": \"8 m\", \"steps\": 1000000 }" },
        { "beam.load.value", "{ \"from\": \"1 kN\", \"to\": \"2 kN\", \"steps\": 1000000 }" },
        { "beam.load.position", "{ \"from\": \"1 m\", \"to\": \"2 m\", \"steps\": 1000000 }" },
        { "beam.material", "[\"S235\", \"S275\", \"S355\", \"S355\", \"S235\"]" } },
    .want_path = "beam", .want_words = { "2^62", "steps" }, .max_seconds = 5.0 },
  /* 5 10^6 values in each of three dimensions: the product wraps a 64-bit integer. */
  { "grid-beyond-2^64", .base = base_point_at,
    .edits
    = { { "beam.span", "{ \"from\": \"4 m\", \"to\": \"8 m\", \"steps\": 5000000 }" },
        { "beam.load.value", "{ \"from\": \"1 kN\", \"to\": \"2 kN\", \"steps\": 5000000 }" },
        { "beam.load.position", "{ \"from\": \"1 m\", \"to\": \"2 m\", \"steps\": 5000000 }" } },
    .want_path = "beam", .want_words = { "2^62" }, .max_seconds = 10.0 },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *text = c->raw ? g_strdup (c->raw) : edited_text (c->base, c->edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  double seconds = g_timer_elapsed (timer, NULL);

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_test_message ("%s: %s", c->name, error->message);
  if (c->want_path != NULL)
    {
      g_autofree char *prefix = g_strconcat (c->want_path, ": ", NULL);

      if (!g_str_has_prefix (error->message, prefix))
        g_error ("%s: expected the message to start with \"%s\", got \"%s\"", c->name, prefix,
                 error->message);
    }
  for (guint i = 0; i < MAX_WORDS && c->want_words[i] != NULL; i++)
    if (strstr (error->message, c->want_words[i]) == NULL)
      g_error ("%s: expected \"%s\" in \"%s\"", c->name, c->want_words[i], error->message);
  if (c->max_seconds > 0)
    g_assert_cmpfloat (seconds, <, c->max_seconds);
}

/* The path the message starts with is also the error's data (what the GUI marks);
 * the study as a whole is "". A message that names no path has none. */
static void
test_bad_case_path_data (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *text = c->raw ? g_strdup (c->raw) : edited_text (c->base, c->edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  if (c->want_path == NULL)
    {
      if (g_str_has_prefix (error->message, "not valid JSON"))
        g_assert_null (ps_error_get_json_path (error));
      return;
    }
  g_assert_cmpstr (ps_error_get_json_path (error), ==,
                   g_str_equal (c->want_path, "(study)") ? "" : c->want_path);
}

/* The same refusal when the caller does not want the error. */
static void
test_bad_case_null_error (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *text = c->raw ? g_strdup (c->raw) : edited_text (c->base, c->edits);
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, NULL);

  if (study != NULL && g_str_equal (c->name, "checks-number"))
    {
      /* Known bug: parse_checks() decides whether ps_json_get_object() failed by
       * looking at *error, which it cannot do when error is NULL. */
      g_test_incomplete ("known bug: an invalid \"checks\" is accepted when error is NULL");
      return;
    }
  g_assert_null (study);
}

/* A length that stops short of the text: the rest must not be read. */
static void
test_truncated_length (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) whole = ps_study_load_data (base_grid, -1, &error);
  g_autoptr (PsStudy) cut = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (whole);
  cut = ps_study_load_data (base_grid, (gssize)strlen (base_grid) / 2, &error);
  g_assert_null (cut);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "JSON"));
}

/* A "steps" written as a float just at 2^63 passes the "≤ G_MAXINT64" test in
 * ps_json_get_int (2^63 == (double) G_MAXINT64) and is then converted to gint64,
 * which is undefined; the memory message then computes count * 8 in 64 bits. */
static void
test_steps_2_pow_63 (void)
{
  const Edit edits[MAX_EDITS] = { { "beam.span.steps", "9223372036854775807.0" } };
  g_autofree char *text = edited_text (NULL, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "beam.span.steps: "));
  g_test_message ("%s", error->message);
  if (strstr (error->message, " 0 bytes") != NULL)
    {
      g_test_incomplete ("known bug: ps_json_get_int casts 2^63 to gint64 and "
                         "check_allocation overflows count * sizeof (double)");
      return;
    }
  g_assert_null (strstr (error->message, "need 0 bytes"));
}

/* ---------------------------------------------------------------------------------
 * Valid variants
 * ------------------------------------------------------------------------------ */

/* materials x sections x spans x loads x positions, from the JSON text. */
static guint64
expected_items (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (text, &error);
  JsonObject *beam, *load;
  JsonNode *position;

  g_assert_no_error (error);
  beam = json_object_get_object_member (json_node_get_object (root), "beam");
  if (json_object_has_member (beam, "loads"))
    return design_study_items (beam);
  load = json_object_get_object_member (beam, "load");
  position = json_object_get_member (load, "position");
  return param_count (json_object_get_member (beam, "material"))
         * section_count (json_object_get_member (beam, "section"))
         * param_count (json_object_get_member (beam, "span"))
         * param_count (json_object_get_member (load, "value"))
         * (position != NULL
                    && (JSON_NODE_HOLDS_OBJECT (position) || JSON_NODE_HOLDS_ARRAY (position))
                ? param_count (position)
                : 1);
}

typedef struct
{
  const char *name;
  const char *base;
  Edit edits[MAX_EDITS];
  /* Optional checks of the model. */
  double span0, span_last; /* first and last span values, SI; 0: not checked */
  double load0;            /* first load value, SI; 0: not checked */
  guint64 sections;        /* number of sections; 0: not checked */
  guint64 invalid_sections;
} GoodCase;

static const GoodCase good_cases[] = {
  { "base-grid", .span0 = 2.0, .span_last = 12.0, .load0 = 10e3, .sections = 7 },
  { "base-point-at", .base = base_point_at, .span0 = 6.0, .load0 = 60e3, .sections = 2 },
  { "base-uniform", .base = base_uniform, .span0 = 0.8, .span_last = 2.4, .load0 = 1e3,
    .sections = 39 },
  { "lists",
    .edits = { { "beam.span", "[\"3 m\", \"4.5 m\", 6, \"7500 mm\"]" },
               { "beam.load.value", "[10000, \"20 kN\", \"35.5 kN\"]" },
               { "beam.section.h", "[\"300 mm\", \"0.45 m\"]" } },
    .span0 = 3.0, .span_last = 7.5, .load0 = 10e3, .sections = 2 },
  { "log-range",
    .edits = { { "beam.span", "{ \"from\": \"1 m\", \"to\": \"100 m\", \"steps\": 3, "
                              "\"scale\": \"log\" }" } },
    .span0 = 1.0, .span_last = 100.0 },
  { "linear-scale-named",
    .edits = { { "beam.span", "{ \"from\": \"2 m\", \"to\": \"3 m\", \"steps\": 2, "
                              "\"scale\": \"linear\" }" } },
    .span0 = 2.0, .span_last = 3.0 },
  { "single-range-step",
    .edits = { { "beam.span", "{ \"from\": \"5 m\", \"to\": \"9 m\", \"steps\": 1 }" } },
    .span0 = 5.0, .span_last = 5.0 },
  { "single-values",
    .edits = { { "beam.span", "\"6 m\"" },
               { "beam.load.value", "\"50 kN\"" },
               { "beam.section.h", "\"500 mm\"" },
               { "beam.material", "\"S355\"" } },
    .span0 = 6.0, .span_last = 6.0, .load0 = 50e3, .sections = 1 },
  { "si-numbers",
    .edits = { { "beam.span", "6.25" },
               { "beam.load.value", "[12500, 25000]" },
               { "beam.section", "{ \"shape\": \"rectangular\", \"b\": 0.3, \"h\": 0.5 }" } },
    .span0 = 6.25, .span_last = 6.25, .load0 = 12500, .sections = 1 },
  { "imperial-and-prefixes",
    .edits = { { "beam.span", "\"20 ft\"" },
               { "beam.load.value", "\"10 kip\"" },
               { "beam.section.b", "\"12 in\"" } },
    .span0 = 6.096, .span_last = 6.096, .load0 = 44482.216152605 },
  { "mixed-section-list",
    .edits = { { "beam.section",
                 "[{ \"shape\": \"rectangular\", \"b\": [\"200 mm\", \"300 mm\"], "
                 "   \"h\": { \"from\": \"300 mm\", \"to\": \"500 mm\", \"steps\": 3 } },"
                 " { \"shape\": \"standard\", \"designation\": [\"IPE 300\", \"HEB 200\"] },"
                 " { \"shape\": \"standard\", \"designation\": \"W310x39\" },"
                 " { \"shape\": \"circular\", \"d\": [\"200 mm\", \"250 mm\"] },"
                 " { \"shape\": \"hollow-circular\", \"D\": \"200 mm\","
                 "   \"t\": [\"10 mm\", \"150 mm\"] },"
                 " { \"shape\": \"custom\", \"I\": \"8356 cm^4\", \"c\": \"150 mm\","
                 "   \"A\": \"53.8 cm^2\" },"
                 " { \"shape\": \"custom\", \"I\": \"8356 cm⁴\", \"W\": \"557 cm³\","
                 "   \"A\": \"53.8 cm²\" }]" } },
    .sections = 15, .invalid_sections = 1 },
  { "custom-material",
    .edits = { { "beam.material",
                 "[\"S355\", { \"name\": \"Oak\", \"E\": \"11 GPa\", \"strength\": \"20 N/mm²\","
                 " \"density\": \"700 kg/m^3\" }, { \"E\": 2e11, \"strength\": 3.55e8,"
                 " \"density\": 7850 }]" } } },
  { "absolute-deflection-limit", .edits = { { "checks.deflection_limit", "\"20 mm\"" } } },
  { "no-checks", .edits = { { "checks", NULL } } },
  { "self-weight", .edits = { { "beam.self_weight", "true" } } },
  { "fixed-fixed-midspan", .edits = { { "beam.support", "\"fixed-fixed\"" } } },
  { "cantilever-free-end",
    .edits = { { "beam.support", "\"cantilever\"" }, { "beam.load.position", "\"free-end\"" } } },
  { "cantilever-default-position",
    .edits = { { "beam.support", "\"cantilever\"" }, { "beam.load.position", NULL } } },
  { "propped-cantilever-uniform", .base = base_uniform,
    .edits = { { "beam.support", "\"propped-cantilever\"" } } },
  { "position-list", .base = base_point_at,
    .edits = { { "beam.load.position", "[\"1 m\", \"2.5 m\", 4]" } } },
  { "name-unicode", .edits = { { "name", "\"Träger – Übersicht\"" } } },
};

static void
test_good_case (gconstpointer data)
{
  const GoodCase *c = data;
  g_autofree char *text = edited_text (c->base, c->edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  const PsBeamModel *m;
  guint64 want = expected_items (text), product = 1;

  g_assert_no_error (error);
  g_assert_nonnull (study);
  g_assert_true (ps_study_get_kind (study) == &ps_beam_class);
  g_assert_cmpstr (study->klass->name, ==, "beam");
  g_assert_nonnull (study->checksum);
  g_assert_cmpuint (strlen (study->checksum), ==, 64);
  g_assert_cmpuint (study->n_items, ==, want);
  m = study->model;
  g_assert_cmpuint (m->n_items, ==, want);
  for (int d = 0; d < PS_BEAM_N_DIMS; d++)
    product *= m->count[d];
  g_assert_cmpuint (product, ==, want);
  g_assert_cmpuint (m->count[PS_BEAM_DIM_SPAN], ==, m->span.count);
  g_assert_cmpuint (m->count[PS_BEAM_DIM_SECTION], ==, m->n_sections);
  g_assert_cmpuint (m->count[PS_BEAM_DIM_MATERIAL], ==, m->n_materials);

  if (c->span0 > 0)
    {
      g_assert_cmpfloat_with_epsilon (m->span.values[0], c->span0, 1e-12 * c->span0);
      if (c->span_last > 0)
        g_assert_cmpfloat (m->span.values[m->span.count - 1], ==, c->span_last);
    }
  if (c->load0 > 0)
    g_assert_cmpfloat_with_epsilon (m->load.values[0], c->load0, 1e-12 * c->load0);
  if (c->sections > 0)
    {
      guint64 invalid = 0;

      g_assert_cmpuint (m->n_sections, ==, c->sections);
      for (guint64 i = 0; i < m->n_sections; i++)
        {
          if (m->sections[i].error != NULL)
            invalid++;
          else
            {
              g_assert_true (m->sections[i].A > 0);
              g_assert_true (m->sections[i].I > 0);
              g_assert_true (m->sections[i].W > 0);
            }
        }
      g_assert_cmpuint (invalid, ==, c->invalid_sections);
    }
}

/* A log range is geometric: 1, 10, 100 m. */
static void
test_log_range_values (void)
{
  const Edit edits[MAX_EDITS] = {
    { "beam.span", "{ \"from\": \"1 m\", \"to\": \"1 km\", \"steps\": 4, \"scale\": \"log\" }" },
  };
  g_autofree char *text = edited_text (NULL, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  const PsBeamModel *m;
  const double want[] = { 1.0, 10.0, 100.0, 1000.0 };

  g_assert_no_error (error);
  m = study->model;
  g_assert_cmpuint (m->span.count, ==, G_N_ELEMENTS (want));
  g_assert_true (m->span.log_scale);
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    g_assert_cmpfloat_with_epsilon (m->span.values[k], want[k], 1e-12 * want[k]);
}

/* A custom section given by "c" has W = I / c. */
static void
test_custom_section_c (void)
{
  const Edit edits[MAX_EDITS] = {
    { "beam.section", "{ \"shape\": \"custom\", \"I\": \"8356 cm^4\", \"c\": \"150 mm\", "
                      "\"A\": \"53.8 cm^2\" }" },
  };
  g_autofree char *text = edited_text (NULL, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  const PsBeamModel *m;

  g_assert_no_error (error);
  m = study->model;
  g_assert_cmpuint (m->n_sections, ==, 1);
  g_assert_cmpfloat_with_epsilon (m->sections[0].I, 8356e-8, 1e-12 * 8356e-8);
  g_assert_cmpfloat_with_epsilon (m->sections[0].W, 8356e-8 / 0.150, 1e-12 * 557e-6);
  g_assert_cmpfloat_with_epsilon (m->sections[0].A, 53.8e-4, 1e-12 * 53.8e-4);
}

/* A point load position beyond some spans is a per-item failure, not a bad file: the
 * study loads, and exactly the items with a >= L fail when evaluated. */
static void
test_position_beyond_span (void)
{
  const Edit edits[MAX_EDITS] = {
    { "beam.span", "[\"4 m\", \"8 m\"]" },
    { "beam.load.position", "{ \"from\": \"1 m\", \"to\": \"6 m\", \"steps\": 6 }" },
  };
  g_autofree char *text = edited_text (base_point_at, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  const PsBeamModel *m;
  guint64 want_fail = 0, failed = 0;

  g_assert_no_error (error);
  g_assert_nonnull (study);
  g_assert_cmpuint (study->n_items, ==, expected_items (text));
  m = study->model;
  g_assert_cmpint (m->load_case, ==, PS_LOAD_POINT_AT);
  for (guint64 s = 0; s < m->span.count; s++)
    for (guint64 a = 0; a < m->position.count; a++)
      if (m->position.values[a] >= m->span.values[s])
        want_fail++;
  want_fail *= m->count[PS_BEAM_DIM_MATERIAL] * m->count[PS_BEAM_DIM_SECTION]
               * m->count[PS_BEAM_DIM_LOAD];
  /* Positions 4, 5 and 6 m on the 4 m span; none on the 8 m span. */
  g_assert_cmpuint (want_fail, ==, 3 * 1 * 2 * 3);

  for (guint64 i = 0; i < study->n_items; i++)
    {
      PsBeamOutputs o;
      g_autofree char *msg = NULL;

      if (!ps_beam_eval_item (m, i, &o, &msg))
        {
          g_assert_nonnull (msg);
          g_assert_nonnull (strstr (msg, "not inside the span"));
          failed++;
        }
      else
        {
          g_assert_null (msg);
          g_assert_true (o.deflection > 0 && isfinite (o.deflection));
        }
    }
  g_assert_cmpuint (failed, ==, want_fail);
}

/* Some invalid hollow sections among valid ones: a per-item failure too. */
static void
test_partly_invalid_hollow (void)
{
  const Edit edits[MAX_EDITS] = {
    { "beam.section", "{ \"shape\": \"hollow-circular\", \"D\": \"100 mm\", "
                      "\"t\": [\"5 mm\", \"60 mm\", \"8 mm\"] }" },
  };
  g_autofree char *text = edited_text (NULL, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);
  const PsBeamModel *m;
  guint64 failed = 0;

  g_assert_no_error (error);
  m = study->model;
  g_assert_cmpuint (m->n_sections, ==, 3);
  g_assert_null (m->sections[0].error);
  g_assert_nonnull (m->sections[1].error);
  g_assert_null (m->sections[2].error);
  for (guint64 i = 0; i < study->n_items; i++)
    {
      PsBeamOutputs o;
      g_autofree char *msg = NULL;

      if (!ps_beam_eval_item (m, i, &o, &msg))
        {
          g_assert_nonnull (strstr (msg, "D/2"));
          failed++;
        }
    }
  g_assert_cmpuint (failed, ==, study->n_items / 3);
}

/* The shipped examples load, with the item counts their own files give. */
static void
test_examples_load (void)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autoptr (GDir) d = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    dir = PS_SOURCE_DATADIR "/examples";
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr (PsStudy) study = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      study = ps_study_load_file (path, &error);
      if (strstr (text, "\"kind\": \"beam\"") == NULL)
        {
          /* Other kinds load, or are refused as not supported by this build. */
          if (study == NULL)
            g_assert_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (study->path, ==, path);
      g_assert_cmpuint (study->n_items, ==, expected_items (text));
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
}

static void
test_example_text_loads (void)
{
  const char *text = ps_kind_lookup ("beam")->example;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;

  g_assert_nonnull (text);
  g_assert_null (ps_kind_lookup ("bridge"));
  study = ps_study_load_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (study->n_items, ==, expected_items (text));
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_file ("/nonexistent/parastudy/study.json", &error);

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_IO);
}

/* A beam body under another kind: refused, either as a kind this build does not
 * support (naming "kind") or as a study of that kind with the wrong keys. */
static void
test_other_kind (gconstpointer data)
{
  const char *kind = data;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", kind);
  const Edit edits[MAX_EDITS] = { { "kind", quoted } };
  g_autofree char *text = edited_text (NULL, edits);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (text, -1, &error);

  g_assert_null (study);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PS_ERROR);
  g_test_message ("%s: %s", kind, error->message);
  if (error->code == PS_ERROR_UNSUPPORTED)
    g_assert_true (g_str_has_prefix (error->message, "kind: "));
  else
    {
      g_assert_cmpint (error->code, ==, PS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, ": "));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/engine/study/errors/", bad_cases[i].name, NULL);
      g_autofree char *path_null
          = g_strconcat ("/engine/study/errors/null-error/", bad_cases[i].name, NULL);
      g_autofree char *path_data
          = g_strconcat ("/engine/study/errors/path-data/", bad_cases[i].name, NULL);

      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
      /* The large grids are slow enough to run once. */
      if (bad_cases[i].max_seconds <= 1.0)
        g_test_add_data_func (path_null, &bad_cases[i], test_bad_case_null_error);
      if (bad_cases[i].max_seconds <= 1.0)
        g_test_add_data_func (path_data, &bad_cases[i], test_bad_case_path_data);
    }
  g_test_add_func ("/engine/study/errors/truncated-length", test_truncated_length);
  g_test_add_func ("/engine/study/errors/steps-2^63-as-float", test_steps_2_pow_63);
  g_test_add_func ("/engine/study/errors/missing-file", test_missing_file);
  g_test_add_data_func ("/engine/study/errors/other-kind/reliability", "reliability",
                        test_other_kind);
  g_test_add_data_func ("/engine/study/errors/other-kind/regression", "regression",
                        test_other_kind);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/engine/study/valid/", good_cases[i].name, NULL);

      g_test_add_data_func (path, &good_cases[i], test_good_case);
    }
  g_test_add_func ("/engine/study/valid/log-range-values", test_log_range_values);
  g_test_add_func ("/engine/study/valid/custom-section-c", test_custom_section_c);
  g_test_add_func ("/engine/study/valid/position-beyond-span", test_position_beyond_span);
  g_test_add_func ("/engine/study/valid/partly-invalid-hollow", test_partly_invalid_hollow);
  g_test_add_func ("/engine/study/valid/examples", test_examples_load);
  g_test_add_func ("/engine/study/valid/example-text", test_example_text_loads);

  return g_test_run ();
}
