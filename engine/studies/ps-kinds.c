/* ps-kinds.c: the table of study kinds.
 *
 * Every kind is listed here once, in the order menus and messages show them; the
 * rest of the program loops over this table (study/ps-kind.h). Adding a kind:
 * engine/studies/README.md.
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "studies/beam/ps-beam.h"
#include "studies/empty/ps-empty.h"
#include "studies/regression/ps-regression.h"
#include "studies/reliability/ps-reliability.h"
#include "study/ps-kind.h"

static const PsKindClass *const kinds[] = {
  &ps_beam_class, &ps_reliability_class, &ps_regression_class, &ps_empty_class, NULL,
};

const PsKindClass *const *
ps_kinds_list (void)
{
  return kinds;
}

const PsKindClass *
ps_kind_lookup (const char *name)
{
  for (guint i = 0; kinds[i] != NULL && name != NULL; i++)
    if (g_str_equal (kinds[i]->name, name))
      return kinds[i];
  return NULL;
}

char *
ps_kinds_names_text (gboolean quoted)
{
  g_autoptr (GString) head = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      if (kinds[i]->hidden)
        continue;
      if (last != NULL)
        g_string_append_printf (head, head->len > 0 ? ", %s%s%s" : "%s%s%s", quoted ? "\"" : "",
                                last, quoted ? "\"" : "");
      last = kinds[i]->name;
    }
  if (head->len == 0)
    return g_strdup_printf (quoted ? "\"%s\"" : "%s", last);
  {
    g_autofree char *tail = g_strdup_printf (quoted ? "\"%s\"" : "%s", last);

    /* TRANSLATORS: the end of a list of choices: "beam, reliability or regression". */
    return g_strdup_printf (C_ ("list", "%s or %s"), head->str, tail);
  }
}
