/* ps-csv-private.h: reading numbers and fields from delimited text, as test machines write it.
 *
 * Files come from every lab and every locale: "0,0125;412,7" (Brazil, Europe) as
 * often as "0.0125,412.7". The delimiter and the decimal separator are given, never
 * guessed. Numbers are read correctly rounded: the common case (at most 19
 * significant digits and a power of ten up to 22) by Clinger's exact fast path, the
 * rest by strtod_l() in the C locale, so that the same text gives the same double
 * whatever the separators and whatever the process locale. Nothing here allocates:
 * the readers run once per number of every specimen.
 */
#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

typedef enum
{
  PS_CSV_NUMBER,     /* a finite number */
  PS_CSV_NON_FINITE, /* "nan", "inf", "-Infinity", or an overflowing exponent */
  PS_CSV_BAD,        /* not a number */
} PsCsvNumber;

/* Reads the number in [s, end) (no leading or trailing blanks) with @decimal as the
 * decimal separator ('.' or ','); the other of the two is refused, so that "1.234,5"
 * (a thousands separator) is not misread. @c_locale is a C locale from newlocale(). */
PsCsvNumber ps_csv_parse_double (const char *s, const char *end, char decimal, locale_t c_locale,
                                 double *out);

/* The field that starts at @p on a line ending at @end: on return *@field and
 * *@field_end delimit it (blanks and surrounding double quotes removed) and the
 * result points past its delimiter, or is NULL after the last field. A quoted field
 * may hold the delimiter; "" inside it stands for one quote and is left as it is. */
const char *ps_csv_next_field (const char *p, const char *end, char delimiter, const char **field,
                               const char **field_end);

/* The unquoted text of a field (a "" pair becomes one quote). Newly allocated. */
char *ps_csv_field_dup (const char *field, const char *field_end);

/* @text as one CSV field for results.csv: quoted when it holds a comma, a quote or a
 * line break. Newly allocated. */
char *ps_csv_escape (const char *text);

/* Past the UTF-8 byte order mark that Windows programs put at the start of a file, if
 * [p, end) starts with one; else @p. */
const char *ps_csv_skip_bom (const char *p, const char *end);

/* The text of [s, end) in UTF-8: a copy when it is valid UTF-8, else read as ISO 8859-1
 * (Latin-1), the encoding of older Windows exports ("deformação" in single bytes).
 * Newly allocated. */
char *ps_csv_to_utf8 (const char *s, const char *end);

/* [s, end) as column names are compared: in UTF-8 (ps_csv_to_utf8), a "" pair read as
 * one quote, composed (NFC) and case-folded. Newly allocated. */
char *ps_csv_fold (const char *s, const char *end);

/* Whether the field [f, fe) is the column name @name, whose ps_csv_fold () is @fold:
 * ASCII names and fields are compared without case and without allocating; others
 * through ps_csv_fold (), so that a Latin-1 header names a UTF-8 column. */
gboolean ps_csv_field_is (const char *f, const char *fe, const char *name, const char *fold);

/* The unit in a units-row field: [*u, *ue) without blanks and without the brackets
 * around it, "(mm)" or "[mm]". Returns whether it was in brackets. */
gboolean ps_csv_unit_field (const char *f, const char *fe, const char **u, const char **ue);

/* Whether the line [p, end) is all empty fields: blanks and delimiters only, as
 * spreadsheets write the rows under a table ("; ; ;"). */
gboolean ps_csv_empty_fields (const char *p, const char *end, char delimiter);

G_END_DECLS
