/* ps-text.h: the labelled lines of the terminal summary a run prints.
 *
 * A summary line is two spaces, a label padded to 16 characters and the value, so
 * that the values line up. The label is translated, and a translated label may have
 * accented letters (two bytes in UTF-8) or be longer: the padding counts characters,
 * not bytes, and a longer label keeps one space before its value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_TEXT_LABEL_WIDTH 16

static inline void
ps_text_label (GString *out, const char *label)
{
  glong width = g_utf8_strlen (label, -1);

  g_string_append (out, "  ");
  g_string_append (out, label);
  for (glong i = width; i < PS_TEXT_LABEL_WIDTH; i++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, ' ');
}

G_END_DECLS
