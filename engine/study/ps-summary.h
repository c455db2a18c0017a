/* ps-summary.h: a run's summary as typed rows.
 *
 * Each kind reads its rows from its summary.json object (PsKindClass.summary_rows),
 * so the terminal summary, the GUI's Summary tab and the report's key results come
 * from one function per kind, and from the file a run leaves behind. A row has the
 * member it comes from, a translated label, its values in SI units and the text the
 * view shows. The three views differ in which figures they show and how (the
 * terminal's is terse and pinned by tests in every locale); the view argument says
 * which one is asked for.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  PS_SUMMARY_TERMINAL, /* the lines parastudy-cli run prints after a run */
  PS_SUMMARY_SCREEN,   /* the GUI's Summary tab */
  PS_SUMMARY_REPORT,   /* the report's key results */
} PsSummaryView;

typedef enum
{
  PS_SUMMARY_TEXT,     /* no values: the text only */
  PS_SUMMARY_COUNT,    /* values[0], a whole number */
  PS_SUMMARY_NUMBER,   /* values[0] */
  PS_SUMMARY_RANGE,    /* values[0] to values[1] */
  PS_SUMMARY_ESTIMATE, /* values[0], with the interval values[1] to values[2] */
} PsSummaryType;

typedef struct
{
  char *key;   /* the summary.json member it comes from, or a name of its own for a
                * figure derived from several ("passing_percent") */
  char *label; /* translated */
  PsSummaryType type;
  double values[3];
  const char *unit; /* the SI unit of the values ("m", "Pa", "kg/m"), "" for none */
  char *text;       /* the figure as the view shows it: translated, with its unit */
} PsSummaryRow;

/* A new, empty array of rows (PsSummaryRow, freed with the array). */
GPtrArray *ps_summary_rows_new (void);
/* Appends a row and returns it, for setting its values. Takes @text. */
PsSummaryRow *ps_summary_add (GPtrArray *rows, const char *key, const char *label,
                              PsSummaryType type, const char *unit, char *text);
/* Appends a row of the given @type with its values (one for COUNT and NUMBER, two for
 * RANGE, three for ESTIMATE). Takes @text. */
PsSummaryRow *ps_summary_add_values (GPtrArray *rows, const char *key, const char *label,
                                     PsSummaryType type, const char *unit, char *text, ...);
/* Appends the text of @rows as the terminal summary prints it: two spaces, the
 * label padded to PS_TEXT_LABEL_WIDTH characters (study/ps-text.h), the text. */
void ps_summary_rows_to_text (GPtrArray *rows, GString *out);
/* The Summary tab's figures: a whole number with digit grouping ("12,345"), left out
 * when @member is missing; a number times @scale with six significant digits and
 * @unit ("12.5 mm"), "—" when null, left out when missing. @si_unit is the unit of
 * the member's value, kept in the row. */
void ps_summary_add_screen_count (GPtrArray *rows, JsonObject *object, const char *member,
                                  const char *label);
void ps_summary_add_screen_number (GPtrArray *rows, JsonObject *object, const char *member,
                                   const char *label, double scale, const char *unit,
                                   const char *si_unit);
/* Every plain top-level member of a summary.json object but the run's own facts,
 * labelled by its name: the Summary tab of a kind without a layout of its own. */
void ps_summary_add_generic (GPtrArray *rows, JsonObject *summary);

/* Reading a summary.json object. A number is NAN when the member is missing, null
 * (summary.json writes no NaN or infinity) or not a number; a string is "" when
 * missing; an object or array is NULL when missing or of another type. */
double ps_summary_get_number (JsonObject *object, const char *member);
/* A whole number, or 0 when missing or not one. */
guint64 ps_summary_get_count (JsonObject *object, const char *member);
const char *ps_summary_get_string (JsonObject *object, const char *member);
JsonObject *ps_summary_get_object (JsonObject *object, const char *member);
JsonArray *ps_summary_get_array (JsonObject *object, const char *member);

G_END_DECLS
