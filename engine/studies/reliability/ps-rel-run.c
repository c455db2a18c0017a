#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <string.h>

#include "ps-rel-driver.h"
#include "ps-rel-eval.h"
#include "ps-rel-run.h"

/* One round's items in chunks, as the kind's run makes them, each chunk cut into
 * @n_pieces ranges evaluated one after the other and merged (what a backend's workers
 * would do with smaller chunks); the adaptive stop is asked after each chunk, in
 * order. */
static void
run_round (const PsRelSetup *m, guint n_pieces, PsReliabilitySummary *acc, GByteArray *rows)
{
  guint64 n_items = ps_rel_eval_n_items (m), chunk = ps_rel_eval_chunk_items (m);
  gpointer ws = ps_rel_eval_workspace_new (m);
  g_autofree PsReliabilitySummary *c = g_new0 (PsReliabilitySummary, 1);
  g_autofree PsReliabilitySummary *part = g_new0 (PsReliabilitySummary, 1);
  gint64 t0 = g_get_monotonic_time ();
  PsBuf buf;

  n_pieces = MAX (n_pieces, 1);
  ps_buf_init (&buf, 1 << 16);
  for (guint64 b = 0; b < n_items; b += chunk)
    {
      guint64 e = MIN (n_items, b + chunk);

      memset (c, 0, sizeof *c);
      for (guint k = 0; k < n_pieces; k++)
        {
          memset (part, 0, sizeof *part);
          buf.len = 0;
          ps_rel_eval (m, ws, b + (e - b) * k / n_pieces, b + (e - b) * (k + 1) / n_pieces, part,
                       &buf);
          ps_rel_merge (c, part);
          if (rows != NULL)
            g_byte_array_append (rows, (const guint8 *)buf.data, (guint)buf.len);
        }
      ps_rel_merge (acc, c);
      if (ps_rel_is_done (m, acc, (double)(g_get_monotonic_time () - t0) * 1e-6))
        break;
    }
  ps_buf_clear (&buf);
  ps_rel_eval_workspace_free (ws);
}

gboolean
ps_rel_setup_run (const PsRelSetup *s, guint n_pieces, JsonBuilder *b)
{
  g_autofree PsReliabilitySummary *final = g_new0 (PsReliabilitySummary, 1);
  gboolean ok;

  if (!ps_rel_has_rounds (s))
    run_round (s, n_pieces, final, NULL);
  else
    {
      PsRelDriver *d = ps_rel_driver_new (s);
      const PsRelRound *r;

      while ((r = ps_rel_driver_next (d)) != NULL)
        {
          PsRelSetup rm = *s;
          g_autofree PsReliabilitySummary *sum = g_new0 (PsReliabilitySummary, 1);
          g_autoptr (GByteArray) rows = g_byte_array_new ();
          g_autoptr (GError) error = NULL;

          rm.round = (PsRelRound *)r;
          run_round (&rm, n_pieces, sum, rows);
          if (!ps_rel_driver_update (d, sum, rows->data, rows->len, &error))
            g_error ("%s", error->message);
        }
      ps_rel_driver_finish (d, final);
      ps_rel_driver_free (d);
    }
  ps_rel_summary_to_json (s, final, b);
  ok = ps_rel_summary_converged (s, final, NULL);
  ps_rel_summary_clear (final);
  return ok;
}
