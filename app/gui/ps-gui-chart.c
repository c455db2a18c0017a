#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-gui-chart.h"

/* Margins of the plot area inside the widget, in pixels. */
#define M_LEFT 78.0
#define M_RIGHT 18.0
#define M_TOP 14.0
#define M_BOTTOM 44.0

struct _PsGuiChart
{
  GtkWidget parent_instance;

  PsGuiChartType type;
  double *x, *y;
  guint8 *flag;
  gsize n;
  char *x_label, *y_label;
  double dx0, dx1, dy0, dy1; /* the data's extent */
  double vx0, vx1, vy0, vy1; /* the view */
  gssize hover;
  char *readout;

  double drag_vx0, drag_vy0; /* view origin when a drag began */
  int last_width, last_height;
  double mouse_x, mouse_y;
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
plot_rect (int width, int height, double *x0, double *y0, double *w, double *h)
{
  *x0 = M_LEFT;
  *y0 = M_TOP;
  *w = MAX (10.0, width - M_LEFT - M_RIGHT);
  *h = MAX (10.0, height - M_TOP - M_BOTTOM);
}

static double
px_of (PsGuiChart *self, double x, double x0, double w)
{
  return x0 + (x - self->vx0) / (self->vx1 - self->vx0) * w;
}

static double
py_of (PsGuiChart *self, double y, double y0, double h)
{
  return y0 + h - (y - self->vy0) / (self->vy1 - self->vy0) * h;
}

/* "Nice" tick spacing: 1, 2 or 5 times a power of ten, about @n ticks. */
static double
tick_step (double span, int n)
{
  double raw = span / n;
  double p = pow (10, floor (log10 (raw)));
  double f = raw / p;

  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

void
ps_gui_chart_draw (PsGuiChart *self, cairo_t *cr, int width, int height)
{
  double x0, y0, w, h, step;
  char buf[64];
  cairo_text_extents_t ext;

  plot_rect (width, height, &x0, &y0, &w, &h);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);

  if (self->n == 0)
    {
      const char *msg = _ ("No data to plot: run the study");

      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      cairo_text_extents (cr, msg, &ext);
      cairo_move_to (cr, (width - ext.width) / 2, height / 2.0);
      cairo_show_text (cr, msg);
      cairo_restore (cr);
      return;
    }

  /* Grid and tick labels; lines on half pixels so that they stay sharp. */
  cairo_set_line_width (cr, 1);
  step = tick_step (self->vx1 - self->vx0, 6);
  for (double t = ceil (self->vx0 / step) * step; t <= self->vx1 + step * 1e-9; t += step)
    {
      double px = floor (px_of (self, t, x0, w)) + 0.5;

      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_move_to (cr, px, y0);
      cairo_line_to (cr, px, y0 + h);
      cairo_stroke (cr);
      g_snprintf (buf, sizeof buf, "%.4g", fabs (t) < step * 1e-9 ? 0.0 : t);
      cairo_text_extents (cr, buf, &ext);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, px - ext.width / 2, y0 + h + 15);
      cairo_show_text (cr, buf);
    }
  step = tick_step (self->vy1 - self->vy0, 5);
  for (double t = ceil (self->vy0 / step) * step; t <= self->vy1 + step * 1e-9; t += step)
    {
      double py = floor (py_of (self, t, y0, h)) + 0.5;

      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_move_to (cr, x0, py);
      cairo_line_to (cr, x0 + w, py);
      cairo_stroke (cr);
      g_snprintf (buf, sizeof buf, "%.4g", fabs (t) < step * 1e-9 ? 0.0 : t);
      cairo_text_extents (cr, buf, &ext);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, x0 - ext.width - 6, py + ext.height / 2);
      cairo_show_text (cr, buf);
    }
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_rectangle (cr, floor (x0) + 0.5, floor (y0) + 0.5, floor (w), floor (h));
  cairo_stroke (cr);

  /* Axis titles. */
  cairo_text_extents (cr, self->x_label, &ext);
  cairo_move_to (cr, x0 + (w - ext.width) / 2, height - 8);
  cairo_show_text (cr, self->x_label);
  cairo_save (cr);
  cairo_text_extents (cr, self->y_label, &ext);
  cairo_move_to (cr, 14, y0 + (h + ext.width) / 2);
  cairo_rotate (cr, -G_PI / 2);
  cairo_show_text (cr, self->y_label);
  cairo_restore (cr);

  /* The data, clipped to the plot area. */
  cairo_rectangle (cr, x0, y0, w, h);
  cairo_clip (cr);
  if (self->type == PS_GUI_CHART_LINE)
    {
      gboolean pen = FALSE;

      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_set_line_width (cr, 1.6);
      for (gsize i = 0; i < self->n; i++)
        {
          if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
            {
              pen = FALSE;
              continue;
            }
          if (pen)
            cairo_line_to (cr, px_of (self, self->x[i], x0, w), py_of (self, self->y[i], y0, h));
          else
            cairo_move_to (cr, px_of (self, self->x[i], x0, w), py_of (self, self->y[i], y0, h));
          pen = TRUE;
        }
      cairo_stroke (cr);
    }
  else
    {
      /* One mark per occupied pixel and class: a million points cost one pass. */
      int iw = (int)ceil (w) + 1, ih = (int)ceil (h) + 1;
      guint8 *seen = g_malloc0 ((gsize)iw * (gsize)ih);
      double r = self->n > 5000 ? 1.2 : 2.5;

      for (gsize i = 0; i < self->n; i++)
        {
          double px, py;
          int ix, iy;
          guint8 bit;

          if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
            continue;
          px = px_of (self, self->x[i], x0, w);
          py = py_of (self, self->y[i], y0, h);
          if (px < x0 || py < y0 || px > x0 + w || py > y0 + h)
            continue;
          ix = (int)(px - x0);
          iy = (int)(py - y0);
          bit = self->flag == NULL ? 1 : self->flag[i] ? 1 : 2;
          seen[(gsize)iy * (gsize)iw + (gsize)ix] |= bit;
        }
      for (int cls = 2; cls >= 1; cls--)
        {
          if (cls == 1)
            cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.8);
          else
            cairo_set_source_rgba (cr, 0.85, 0.25, 0.15, 0.7);
          for (int iy = 0; iy < ih; iy++)
            for (int ix = 0; ix < iw; ix++)
              if (seen[(gsize)iy * (gsize)iw + (gsize)ix] & cls)
                cairo_rectangle (cr, x0 + ix + 0.5 - r, y0 + iy + 0.5 - r, 2 * r, 2 * r);
          cairo_fill (cr);
        }
      g_free (seen);
    }
  if (self->hover >= 0 && (gsize)self->hover < self->n)
    {
      double px = px_of (self, self->x[self->hover], x0, w);
      double py = py_of (self, self->y[self->hover], y0, h);

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 1.5);
      cairo_arc (cr, px, py, 5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* The legend, when points are classed. */
  if (self->flag != NULL && self->type == PS_GUI_CHART_SCATTER)
    {
      const char *labels[] = { _ ("passing"), _ ("failing") };

      for (int k = 0; k < 2; k++)
        {
          double lx = x0 + w - 150 + k * 75, ly = y0 + 12;

          if (k == 0)
            cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          else
            cairo_set_source_rgb (cr, 0.85, 0.25, 0.15);
          cairo_rectangle (cr, lx, ly - 7, 8, 8);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          cairo_move_to (cr, lx + 12, ly);
          cairo_show_text (cr, labels[k]);
        }
    }
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
  self->last_width = width;
  self->last_height = height;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ps_gui_chart_draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
ps_gui_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 420;
}

gssize
ps_gui_chart_pick (PsGuiChart *self, double px, double py, char **readout)
{
  int width = self->last_width > 0 ? self->last_width : gtk_widget_get_width (GTK_WIDGET (self));
  int height
      = self->last_height > 0 ? self->last_height : gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, w, h, best = 20.0 * 20.0;
  gssize found = -1;

  if (readout != NULL)
    *readout = NULL;
  if (self->n == 0 || width <= 0)
    return -1;
  plot_rect (width, height, &x0, &y0, &w, &h);
  for (gsize i = 0; i < self->n; i++)
    {
      double dx = px_of (self, self->x[i], x0, w) - px;
      double dy = py_of (self, self->y[i], y0, h) - py;
      double d = dx * dx + dy * dy;

      if (d < best)
        {
          best = d;
          found = (gssize)i;
        }
    }
  if (found >= 0 && readout != NULL)
    *readout = g_strdup_printf (_ ("row %" G_GSSIZE_FORMAT ": %s = %.6g, %s = %.6g"), found,
                                self->x_label, self->x[found], self->y_label, self->y[found]);
  return found;
}

static void
on_motion (GtkEventControllerMotion *c, double x, double y, PsGuiChart *self)
{
  g_autofree char *text = NULL;
  gssize i;

  self->mouse_x = x;
  self->mouse_y = y;
  i = ps_gui_chart_pick (self, x, y, &text);

  set_readout (self, text);
  if (i != self->hover)
    {
      self->hover = i;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *c, PsGuiChart *self)
{
  self->hover = -1;
  set_readout (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ps_gui_chart_zoom_at (PsGuiChart *self, double px, double py, double factor)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, w, h, cx, cy;

  if (self->n == 0)
    return;
  plot_rect (MAX (width, 1), MAX (height, 1), &x0, &y0, &w, &h);
  cx = self->vx0 + (px - x0) / w * (self->vx1 - self->vx0);
  cy = self->vy0 + (y0 + h - py) / h * (self->vy1 - self->vy0);
  self->vx0 = cx + (self->vx0 - cx) * factor;
  self->vx1 = cx + (self->vx1 - cx) * factor;
  self->vy0 = cy + (self->vy0 - cy) * factor;
  self->vy1 = cy + (self->vy1 - cy) * factor;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *c, double dx, double dy, PsGuiChart *self)
{
  /* Zoom about the pointer, whose position the motion controller keeps. */
  ps_gui_chart_zoom_at (self, self->mouse_x, self->mouse_y, dy > 0 ? 1.25 : 0.8);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *g, double x, double y, PsGuiChart *self)
{
  self->drag_vx0 = self->vx0;
  self->drag_vy0 = self->vy0;
}

static void
on_drag_update (GtkGestureDrag *g, double ox, double oy, PsGuiChart *self)
{
  double x0, y0, w, h, sx, sy;

  plot_rect (gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
             &x0, &y0, &w, &h);
  sx = -ox / w * (self->vx1 - self->vx0);
  sy = oy / h * (self->vy1 - self->vy0);
  self->vx1 = self->drag_vx0 + sx + (self->vx1 - self->vx0);
  self->vx0 = self->drag_vx0 + sx;
  self->vy1 = self->drag_vy0 + sy + (self->vy1 - self->vy0);
  self->vy0 = self->drag_vy0 + sy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ps_gui_chart_finalize (GObject *object)
{
  PsGuiChart *self = PS_GUI_CHART (object);

  g_free (self->x);
  g_free (self->y);
  g_free (self->flag);
  g_free (self->x_label);
  g_free (self->y_label);
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

  self->hover = -1;
  self->x_label = g_strdup ("");
  self->y_label = g_strdup ("");
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _ ("Scroll to zoom, drag to pan; the nearest point is read out"));
}

GtkWidget *
ps_gui_chart_new (void)
{
  return g_object_new (PS_TYPE_GUI_CHART, NULL);
}

void
ps_gui_chart_reset_view (PsGuiChart *self)
{
  double px = (self->dx1 - self->dx0) * 0.04, py = (self->dy1 - self->dy0) * 0.06;

  if (px <= 0)
    px = fabs (self->dx0) * 0.1 + 1e-12;
  if (py <= 0)
    py = fabs (self->dy0) * 0.1 + 1e-12;
  self->vx0 = self->dx0 - px;
  self->vx1 = self->dx1 + px;
  self->vy0 = self->dy0 - py;
  self->vy1 = self->dy1 + py;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ps_gui_chart_set_data (PsGuiChart *self, PsGuiChartType type, const double *x, const double *y,
                       const guint8 *flag, gsize n, const char *x_label, const char *y_label)
{
  ps_gui_chart_clear (self);
  self->type = type;
  self->n = n;
  self->x = g_memdup2 (x, n * sizeof (double));
  self->y = g_memdup2 (y, n * sizeof (double));
  self->flag = flag ? g_memdup2 (flag, n) : NULL;
  g_free (self->x_label);
  g_free (self->y_label);
  self->x_label = g_strdup (x_label);
  self->y_label = g_strdup (y_label);
  self->dx0 = self->dy0 = INFINITY;
  self->dx1 = self->dy1 = -INFINITY;
  for (gsize i = 0; i < n; i++)
    if (isfinite (x[i]) && isfinite (y[i]))
      {
        self->dx0 = MIN (self->dx0, x[i]);
        self->dx1 = MAX (self->dx1, x[i]);
        self->dy0 = MIN (self->dy0, y[i]);
        self->dy1 = MAX (self->dy1, y[i]);
      }
  if (!isfinite (self->dx0))
    {
      self->dx0 = self->dy0 = 0;
      self->dx1 = self->dy1 = 1;
    }
  ps_gui_chart_reset_view (self);
}

void
ps_gui_chart_clear (PsGuiChart *self)
{
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->flag, g_free);
  self->n = 0;
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gsize
ps_gui_chart_get_n_points (PsGuiChart *self)
{
  return self->n;
}

gboolean
ps_gui_chart_export (PsGuiChart *self, const char *path, const char *format, int width, int height,
                     GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (g_str_equal (format, "svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_equal (format, "pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  ps_gui_chart_draw (self, cr, width, height);
  cairo_destroy (cr);
  if (g_str_equal (format, "png") || (!g_str_equal (format, "svg") && !g_str_equal (format, "pdf")))
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("Could not write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
