#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-run.h"
#include "study/ps-study-private.h"

static const char *const unit_names[] = {
  [PS_COUNT_ITEMS] = "items",
  [PS_COUNT_SAMPLES] = "samples",
  [PS_COUNT_CONFIGURATIONS] = "configurations",
  [PS_COUNT_SPECIMENS] = "specimens",
};

PsCountUnit
ps_study_count_items (const PsStudy *study, guint64 items, guint64 *count)
{
  if (study != NULL && study->klass->count_items != NULL)
    return study->klass->count_items (study, items, count);
  *count = items;
  return PS_COUNT_ITEMS;
}

const char *
ps_count_unit_name (PsCountUnit unit)
{
  return (guint)unit < G_N_ELEMENTS (unit_names) ? unit_names[unit] : unit_names[0];
}

PsCountUnit
ps_count_unit_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    if (g_strcmp0 (name, unit_names[i]) == 0)
      return (PsCountUnit)i;
  return PS_COUNT_ITEMS;
}

/* A count as it fits a progress bar: whole below a million ("12,345"), else three
 * significant digits times a power of ten ("4.06 × 10⁶"), in the locale's digits. */
char *
ps_count_number_text (double n)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  GString *out;
  int e;
  char digits[8];

  if (!(n >= 1e6) || !isfinite (n))
    return g_strdup_printf ("%'.0f", n);
  e = (int)floor (log10 (n));
  /* 9.996e6 rounds to 10.0 × 10⁶: one power more. */
  if (n / pow (10, e) >= 9.995)
    e++;
  out = g_string_new (NULL);
  g_string_append_printf (out, "%.3g × 10", n / pow (10, e));
  g_snprintf (digits, sizeof digits, "%d", e);
  for (const char *c = digits; *c; c++)
    g_string_append (out, superscript[*c - '0']);
  return g_string_free (out, FALSE);
}

char *
ps_count_progress_text (PsCountUnit unit, guint64 done, guint64 total)
{
  g_autofree char *d = ps_count_number_text ((double)done);
  g_autofree char *t = ps_count_number_text ((double)total);
  gulong n = (gulong)MIN (total, G_MAXULONG);

  /* The plural follows the total: "1 of 3 samples". */
  switch (unit)
    {
    case PS_COUNT_SAMPLES:
      /* TRANSLATORS: progress of a Monte Carlo run: "1,200 of 3,000,000 samples" */
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s of %s sample", "%s of %s samples", n), d, t);
    case PS_COUNT_CONFIGURATIONS:
      /* TRANSLATORS: progress of a beam sweep: "1,200 of 3,000,000 configurations" */
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s of %s configuration", "%s of %s configurations", n), d,
          t);
    case PS_COUNT_SPECIMENS:
      /* TRANSLATORS: progress of a regression study: "12 of 40 specimens" */
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s of %s specimen", "%s of %s specimens", n), d, t);
    case PS_COUNT_ITEMS:
    default:
      /* TRANSLATORS: progress of a run: "1,200 of 3,000,000 items" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s item", "%s of %s items", n),
                              d, t);
    }
}

char *
ps_count_rate_text (PsCountUnit unit, double per_second)
{
  g_autofree char *r = NULL;

  if (!(per_second > 0) || !isfinite (per_second))
    return g_strdup ("—");
  /* Three digits below 100 per second. */
  r = per_second >= 100 ? ps_count_number_text (round (per_second))
                        : g_strdup_printf ("%.3g", per_second);
  switch (unit)
    {
    case PS_COUNT_SAMPLES:
      /* TRANSLATORS: a rate: "12,300 samples/s" */
      return g_strdup_printf (_ ("%s samples/s"), r);
    case PS_COUNT_CONFIGURATIONS:
      /* TRANSLATORS: a rate: "12,300 configurations/s" */
      return g_strdup_printf (_ ("%s configurations/s"), r);
    case PS_COUNT_SPECIMENS:
      /* TRANSLATORS: a rate: "4.5 specimens/s" */
      return g_strdup_printf (_ ("%s specimens/s"), r);
    case PS_COUNT_ITEMS:
    default:
      /* TRANSLATORS: a rate: "12,300 items/s" */
      return g_strdup_printf (_ ("%s items/s"), r);
    }
}

static char *
duration_text (double s)
{
  if (s < 0 || !isfinite (s))
    return g_strdup ("—");
  if (s < 60)
    return g_strdup_printf (_ ("%.0f s"), ceil (s));
  if (s < 3600)
    return g_strdup_printf (_ ("%.0f min %02.0f s"), floor (s / 60), fmod (floor (s), 60));
  return g_strdup_printf (_ ("%.0f h %02.0f min"), floor (s / 3600), fmod (floor (s / 60), 60));
}

void
ps_progress_describe (const PsStudy *study, const PsProgress *p, char **count_text,
                      char **rate_text)
{
  guint64 done, total;
  PsCountUnit unit;

  /* A study of several rounds counts the items of its rounds, whatever they are. */
  if (p->round > 0)
    {
      unit = PS_COUNT_ITEMS;
      done = p->items_done;
      total = p->items_total;
    }
  else
    {
      unit = ps_study_count_items (study, p->items_done, &done);
      ps_study_count_items (study, p->items_total, &total);
    }
  if (count_text != NULL)
    *count_text = ps_count_progress_text (unit, done, total);
  if (rate_text != NULL)
    {
      g_autofree char *rate = ps_count_rate_text (unit, p->elapsed > 0 ? done / p->elapsed : 0);
      g_autofree char *left = duration_text (p->eta);

      /* TRANSLATORS: the time left of a run, then its rate: "8 s left · 12,300 samples/s" */
      *rate_text = g_strdup_printf (_ ("%s left · %s"), left, rate);
    }
}
