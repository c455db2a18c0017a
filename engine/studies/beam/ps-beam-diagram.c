/* ps-beam-diagram.c: the reactions and the shear, moment and deflection diagrams of one
 * beam configuration under one combination, as JSON members, terminal lines and
 * charts (parastudy-cli diagram, the "diagram" chart, the report). */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plot/ps-plot.h"
#include "ps-beam-design.h"

static PsChart *
diagram_chart (const PsBeamDiagram *dg, const double *y, const char *title, const char *label,
               const char *unit, double scale)
{
  PsChart *c = ps_chart_new (PS_CHART_XY);
  g_autofree double *v = g_new (double, MAX (dg->n, 1u));
  double zero[2] = { 0.0, 0.0 }, ends[2];
  int id;

  for (guint i = 0; i < dg->n; i++)
    v[i] = scale * y[i];
  ends[0] = dg->x[0];
  ends[1] = dg->x[dg->n - 1];
  ps_chart_set_title (c, title);
  ps_chart_set_axis (c, PS_AXIS_X, _ ("Position x"), "m", PS_SCALE_LINEAR);
  ps_chart_set_axis (c, PS_AXIS_Y, label, unit, PS_SCALE_LINEAR);
  /* The beam's axis, then the diagram over it. */
  id = ps_chart_add_series (c, NULL, PS_SERIES_LINE, ends, zero, 2);
  ps_chart_series_set_color (c, id, (PsColor){ 0.4, 0.4, 0.4, 1 });
  ps_chart_series_set_in_legend (c, id, FALSE);
  id = ps_chart_add_series (c, label, PS_SERIES_LINE, dg->x, v, dg->n);
  ps_chart_series_set_in_legend (c, id, FALSE);
  ps_chart_set_legend (c, PS_LEGEND_NONE);
  return c;
}

void
ps_beam_diagram_output (const PsBeamActions *a, const PsBaConfig *cfg, int combination,
                        JsonBuilder *json, GString *text, GPtrArray *charts)
{
  g_autoptr (PsBeamWork) work = ps_beam_actions_work_new (a);
  g_autoptr (PsBeamDiagram) dg = ps_beam_actions_diagram (a, cfg, work, combination, 200);
  const char *name = ps_beam_actions_get_combination_name (a, (guint)dg->combination);
  gboolean uls = ps_beam_actions_get_combination (a, (guint)dg->combination)->limit == PS_BA_ULS;

  if (json != NULL)
    ps_beam_diagram_to_json (a, dg, json);
  if (text != NULL)
    {
      g_string_append_printf (text, _ ("Combination: %s (%s)\n"), name, uls ? "ULS" : "SLS");
      if (a->n_spans > 1 && dg->pattern != 0)
        {
          g_string_append (text, _ ("Variable loads on spans:"));
          for (guint s = 0; s < a->n_spans; s++)
            if (dg->pattern >> s & 1u)
              g_string_append_printf (text, " %u", s + 1);
          g_string_append_c (text, '\n');
        }
      g_string_append (text, _ ("Reactions (upward positive):\n"));
      for (guint j = 0; j < dg->n_supports; j++)
        {
          g_autofree char *x = g_strdup_printf ("%.6g m", dg->x_support[j]);

          g_string_append_printf (text, _ ("  x = %-10s R = %.6g kN\n"), x, dg->R[j] * 1e-3);
        }
      for (int e = 0; e < 2; e++)
        if (dg->fixed[e])
          {
            g_autofree char *x = g_strdup_printf ("%.6g m", e == 0 ? 0.0 : dg->x[dg->n - 1]);

            g_string_append_printf (text, _ ("  x = %-10s M = %.6g kN·m (fixed end)\n"), x,
                                    dg->M_end[e] * 1e-3);
          }
      g_string_append (text, _ ("Extrema:\n"));
      g_string_append_printf (text, _ ("  largest moment   M = %.6g kN·m at x = %.6g m\n"),
                              dg->forces.M_max * 1e-3, dg->forces.x_M_max);
      g_string_append_printf (text, _ ("  smallest moment  M = %.6g kN·m at x = %.6g m\n"),
                              dg->forces.M_min * 1e-3, dg->forces.x_M_min);
      g_string_append_printf (text, _ ("  largest shear    |V| = %.6g kN at x = %.6g m\n"),
                              dg->forces.V_abs * 1e-3, dg->forces.x_V);
      g_string_append_printf (text, _ ("  largest deflection |w| = %.6g mm at x = %.6g m\n"),
                              dg->w_max * 1e3, dg->x_w);
    }
  if (charts != NULL)
    {
      g_autofree char *tv = g_strdup_printf (_ ("Shear force, %s"), name);
      g_autofree char *tm = g_strdup_printf (_ ("Bending moment (sagging positive), %s"), name);
      g_autofree char *tw = g_strdup_printf (_ ("Deflection (downward positive), %s"), name);

      g_ptr_array_add (charts, diagram_chart (dg, dg->V, tv, _ ("Shear V"), "N", 1.0));
      g_ptr_array_add (charts, diagram_chart (dg, dg->M, tm, _ ("Moment M"), "N*m", 1.0));
      g_ptr_array_add (charts, diagram_chart (dg, dg->w, tw, _ ("Deflection w"), "m", 1.0));
    }
}
