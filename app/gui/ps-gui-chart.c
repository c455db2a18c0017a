#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "parastudy.h"
#include "ps-gui-chart.h"

struct _PsGuiChart
{
  GtkWidget parent_instance;

  PsChart *chart;
  char *message;
  char *readout;
  gboolean drawn; /* the chart's geometry is that of a draw at the widget's size */
  double mouse_x, mouse_y;
  double drag_x0[2], drag_x1[2], drag_y0[2]; /* views when a drag began */
};

G_DEFINE_FINAL_TYPE (PsGuiChart, ps_gui_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_READOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_readout (PsGuiChart *self, const char *text)
{
  if (g_strcmp0 (self->readout, text) == 0)
    return;
  g_free (self->readout);
  self->readout = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

static void
draw_message (PsGuiChart *self, cairo_t *cr, int width, int height)
{
  const char *msg = self->message ? self->message : _ ("No data to plot: run the study");
  cairo_text_extents_t ext;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 13);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_text_extents (cr, msg, &ext);
  cairo_move_to (cr, MAX (4, (width - ext.width) / 2), height / 2.0);
  cairo_show_text (cr, msg);
}

static void
ps_gui_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PsGuiChart *self = PS_GUI_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->chart != NULL)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      ps_chart_draw (self->chart, cr, width, height, 96);
      self->drawn = TRUE;
    }
  else
    draw_message (self, cr, width, height);
  cairo_destroy (cr);
}

static void
ps_gui_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 420;
}

char *
ps_gui_chart_pick (PsGuiChart *self, double px, double py)
{
  PsChartPick pick;
  g_autofree char *x = NULL, *y = NULL;

  if (self->chart == NULL || !self->drawn || !ps_chart_pick (self->chart, px, py, 24.0, &pick))
    return NULL;
  /* In the units the axes are labelled in (mm, kN), not the data's SI units. */
  x = ps_chart_format_axis_value (self->chart, PS_AXIS_X, pick.x);
  y = ps_chart_format_axis_value (self->chart, PS_AXIS_Y, pick.y);
  if (pick.series < 0)
    return g_strdup_printf (_ ("x = %s, y = %s: %.6g"), x, y, pick.value);
  return g_strdup_printf (_ ("point %lu: x = %s, y = %s"), (unsigned long)pick.index, x, y);
}

static void
on_motion (GtkEventControllerMotion *c, double x, double y, PsGuiChart *self)
{
  g_autofree char *text = NULL;

  self->mouse_x = x;
  self->mouse_y = y;
  text = ps_gui_chart_pick (self, x, y);
  set_readout (self, text);
}

static void
on_leave (GtkEventControllerMotion *c, PsGuiChart *self)
{
  set_readout (self, NULL);
}

void
ps_gui_chart_zoom_at (PsGuiChart *self, double px, double py, double factor)
{
  double cx, cy;

  if (self->chart == NULL || !self->drawn || !ps_chart_to_data (self->chart, px, py, &cx, &cy))
    return;
  for (int a = 0; a < 2; a++)
    {
      PsAxisId axis = a == 0 ? PS_AXIS_X : PS_AXIS_Y;
      double c = a == 0 ? cx : cy, lo, hi;

      ps_chart_get_view (self->chart, axis, &lo, &hi);
      if (ps_chart_get_axis_scale (self->chart, axis) == PS_SCALE_LOG && lo > 0 && c > 0)
        ps_chart_set_view (self->chart, axis, c * pow (lo / c, factor), c * pow (hi / c, factor));
      else
        ps_chart_set_view (self->chart, axis, c + (lo - c) * factor, c + (hi - c) * factor);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *c, double dx, double dy, PsGuiChart *self)
{
  /* About the pointer, whose position the motion controller keeps. */
  ps_gui_chart_zoom_at (self, self->mouse_x, self->mouse_y, dy > 0 ? 1.25 : 0.8);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *g, double x, double y, PsGuiChart *self)
{
  if (self->chart == NULL)
    return;
  ps_chart_get_view (self->chart, PS_AXIS_X, &self->drag_x0[0], &self->drag_x1[0]);
  ps_chart_get_view (self->chart, PS_AXIS_Y, &self->drag_y0[0], &self->drag_y0[1]);
  self->drag_x0[1] = x;
  self->drag_x1[1] = y;
}

static void
on_drag_update (GtkGestureDrag *g, double ox, double oy, PsGuiChart *self)
{
  double ax, ay, bx, by;
  double sx = self->drag_x0[1], sy = self->drag_x1[1];

  if (self->chart == NULL || !self->drawn)
    return;
  /* Put the views back as they were, then shift by the data distance dragged. */
  ps_chart_set_view (self->chart, PS_AXIS_X, self->drag_x0[0], self->drag_x1[0]);
  ps_chart_set_view (self->chart, PS_AXIS_Y, self->drag_y0[0], self->drag_y0[1]);
  if (!ps_chart_to_data (self->chart, sx, sy, &ax, &ay)
      || !ps_chart_to_data (self->chart, sx + ox, sy + oy, &bx, &by))
    return;
  if (ps_chart_get_axis_scale (self->chart, PS_AXIS_X) == PS_SCALE_LOG && ax > 0 && bx > 0)
    ps_chart_set_view (self->chart, PS_AXIS_X, self->drag_x0[0] * ax / bx,
                       self->drag_x1[0] * ax / bx);
  else
    ps_chart_set_view (self->chart, PS_AXIS_X, self->drag_x0[0] - (bx - ax),
                       self->drag_x1[0] - (bx - ax));
  if (ps_chart_get_axis_scale (self->chart, PS_AXIS_Y) == PS_SCALE_LOG && ay > 0 && by > 0)
    ps_chart_set_view (self->chart, PS_AXIS_Y, self->drag_y0[0] * ay / by,
                       self->drag_y0[1] * ay / by);
  else
    ps_chart_set_view (self->chart, PS_AXIS_Y, self->drag_y0[0] - (by - ay),
                       self->drag_y0[1] - (by - ay));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ps_gui_chart_finalize (GObject *object)
{
  PsGuiChart *self = PS_GUI_CHART (object);

  g_clear_pointer (&self->chart, ps_chart_free);
  g_free (self->message);
  g_free (self->readout);
  G_OBJECT_CLASS (ps_gui_chart_parent_class)->finalize (object);
}

static void
ps_gui_chart_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PsGuiChart *self = PS_GUI_CHART (object);

  switch (prop_id)
    {
    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_gui_chart_class_init (PsGuiChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ps_gui_chart_finalize;
  object_class->get_property = ps_gui_chart_get_property;
  widget_class->snapshot = ps_gui_chart_snapshot;
  widget_class->measure = ps_gui_chart_measure;
  properties[PROP_READOUT] = g_param_spec_string ("readout", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_gui_chart_init (PsGuiChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll
      = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
ps_gui_chart_new (void)
{
  return g_object_new (PS_TYPE_GUI_CHART, NULL);
}

void
ps_gui_chart_set_chart (PsGuiChart *self, PsChart *chart, const char *message)
{
  g_clear_pointer (&self->chart, ps_chart_free);
  self->chart = chart;
  self->drawn = FALSE;
  g_free (self->message);
  self->message = g_strdup (message);
  set_readout (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PsChart *
ps_gui_chart_get_chart (PsGuiChart *self)
{
  return self->chart;
}

gsize
ps_gui_chart_get_n_points (PsGuiChart *self)
{
  /* A map has no series: it counts as one, so that it can be exported too. */
  if (self->chart != NULL && ps_chart_get_kind (self->chart) == PS_CHART_HEATMAP)
    return MAX (ps_chart_get_n_series (self->chart), 1);
  return self->chart != NULL ? ps_chart_get_n_series (self->chart) : 0;
}

void
ps_gui_chart_reset_view (PsGuiChart *self)
{
  if (self->chart == NULL)
    return;
  ps_chart_set_view (self->chart, PS_AXIS_X, NAN, NAN);
  ps_chart_set_view (self->chart, PS_AXIS_Y, NAN, NAN);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ps_gui_chart_export (PsGuiChart *self, const char *path, int width, int height, GError **error)
{
  gboolean ok;

  if (self->chart == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("There is no chart to export"));
      return FALSE;
    }
  ok = ps_chart_write (self->chart, path, width, height, 96, error);
  /* The write drew at another size: the next pick must wait for a screen draw. */
  self->drawn = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return ok;
}
