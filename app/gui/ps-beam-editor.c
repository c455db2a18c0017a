#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ps-beam-editor.h"
#include "ps-gui-util.h"
#include "ps-load-list.h"
#include "ps-param-editor.h"

static const char *const supports[]
    = { "simply-supported", "cantilever", "fixed-fixed", "propped-cantilever", "continuous", NULL };
static const char *const shapes[]
    = { "rectangular", "circular", "hollow-circular", "standard", "custom", NULL };

struct _PsBeamEditor
{
  GtkBox parent_instance;

  PsDocument *document;
  PsFieldSet *fields;
  GHashTable *params; /* path -> PsParamEditor (weak, owned by the form) */
  gboolean loading;

  /* Template children. */
  GtkWidget *name_entry;
  GtkWidget *description_entry;
  GtkWidget *support;
  GtkWidget *load_model;
  GtkWidget *load_type_row;
  GtkWidget *value_row;
  GtkWidget *position_row;
  GtkWidget *actions_box;
  GtkWidget *checks_frame;
  GtkWidget *span_label;
  GtkWidget *load_list; /* a PsLoadList in a design study, else NULL */
  guint spans_idle;
  GtkWidget *load_type;
  GtkWidget *position_mode;
  GtkWidget *position_box;
  GtkWidget *value_box;
  GtkWidget *span_box;
  GtkWidget *diagram;
  GtkWidget *self_weight;
  GtkWidget *shape;
  GtkWidget *section_box;
  GtkWidget *material_box;
  GtkWidget *custom_materials;
  GtkWidget *limit;
  GtkWidget *safety;
  GtkWidget *count_label;
  GtkWidget *error_label;

  GHashTable *designations; /* selected standard sections */
  GtkWidget *section_search;
  GtkStringFilter *section_filter;
};

/* Width of the labels in front of the fields, in characters. */
#define LABEL_CHARS 10

G_DEFINE_FINAL_TYPE (PsBeamEditor, ps_beam_editor, GTK_TYPE_BOX)

static void
ps_beam_editor_dispose (GObject *object)
{
  PsBeamEditor *self = PS_BEAM_EDITOR (object);

  g_clear_handle_id (&self->spans_idle, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, ps_field_set_free);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->designations, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_BEAM_EDITOR);
  G_OBJECT_CLASS (ps_beam_editor_parent_class)->dispose (object);
}

static JsonObject *
beam (PsBeamEditor *self)
{
  return ps_gui_json_ensure_object (ps_document_get_root (self->document), "beam");
}

static JsonObject *
load (PsBeamEditor *self)
{
  return ps_gui_json_ensure_object (beam (self), "load");
}

static guint
index_of (const char *const *names, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static GtkWidget *
add_param (PsBeamEditor *self, GtkWidget *box, const char *path, PsQuantity quantity,
           gboolean small)
{
  GtkWidget *p = ps_param_editor_new (self->document, path, quantity, small, TRUE);

  gtk_box_append (GTK_BOX (box), p);
  g_hash_table_replace (self->params, g_strdup (path), p);
  ps_field_set_add (self->fields, path, p);
  return p;
}

static void
param_row (PsBeamEditor *self, GtkWidget *parent, const char *label, const char *path,
           PsQuantity quantity, gboolean small)
{
  GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_append (GTK_BOX (parent), ps_gui_labelled (label, holder, LABEL_CHARS));
  add_param (self, holder, path, quantity, small);
}

static void
forget_params_under (PsBeamEditor *self, const char *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static gboolean
is_design (PsBeamEditor *self)
{
  return json_object_has_member (beam (self), "loads");
}

static gboolean
is_continuous (PsBeamEditor *self)
{
  return g_strcmp0 (ps_gui_json_string_member (beam (self), "support", ""), "continuous") == 0;
}

/* One load of the sketch, in metres and SI values at their first swept value. */
typedef struct
{
  char type; /* 'p'oint, 'u'niform (and linear), 'm'oment */
  guint colour;
  double a, b;   /* position, or extent */
  double q1, q2; /* intensities at a and b, or the force or moment */
} SketchLoad;

static const GdkRGBA case_colours[] = {
  { 0.35, 0.40, 0.50, 1 }, /* the first case, usually G */
  { 0.80, 0.15, 0.10, 1 }, { 0.10, 0.45, 0.75, 1 }, { 0.15, 0.55, 0.25, 1 },
  { 0.60, 0.30, 0.65, 1 }, { 0.85, 0.50, 0.05, 1 },
};

static double
sketch_position (JsonNode *n, double length, double fallback)
{
  const char *s = ps_gui_json_string (n);

  if (g_strcmp0 (s, "midspan") == 0)
    return length / 2;
  if (g_strcmp0 (s, "free-end") == 0)
    return length;
  return ps_load_first_value (n, PS_QTY_LENGTH, fallback);
}

static void
sketch_load (JsonObject *l, double length, guint colour, GArray *out)
{
  const char *type = ps_gui_json_string_member (l, "type", "point");
  SketchLoad s = { 'p', colour, 0, length, 0, 0 };

  if (g_str_equal (type, "uniform") || g_str_equal (type, "linear"))
    {
      s.type = 'u';
      s.a = ps_load_first_value (json_object_get_member (l, "from"), PS_QTY_LENGTH, 0.0);
      s.b = ps_load_first_value (json_object_get_member (l, "to"), PS_QTY_LENGTH, length);
      if (g_str_equal (type, "linear"))
        {
          s.q1 = ps_load_first_value (json_object_get_member (l, "start"), PS_QTY_FORCE_PER_LENGTH,
                                      0.0);
          s.q2 = ps_load_first_value (json_object_get_member (l, "end"), PS_QTY_FORCE_PER_LENGTH,
                                      0.0);
        }
      else
        s.q1 = s.q2 = ps_load_first_value (json_object_get_member (l, "value"),
                                           PS_QTY_FORCE_PER_LENGTH, 1.0);
    }
  else
    {
      s.type = g_str_equal (type, "moment") ? 'm' : 'p';
      s.a = sketch_position (json_object_get_member (l, "position"), length, length / 2);
      s.q1 = ps_load_first_value (json_object_get_member (l, "value"),
                                  s.type == 'm' ? PS_QTY_MOMENT : PS_QTY_FORCE, 1.0);
    }
  g_array_append_val (out, s);
}

/* A hatched wall for a fixed end (@side -1 left, +1 right), a triangle for a pin,
 * a triangle on a circle for a roller. */
static void
draw_support (cairo_t *cr, double x, double y, int kind, int side)
{
  if (kind == 2)
    {
      cairo_move_to (cr, x + 0.5, y - 20);
      cairo_line_to (cr, x + 0.5, y + 20);
      cairo_stroke (cr);
      for (int k = 0; k < 8; k++)
        {
          cairo_move_to (cr, x, y - 20 + k * 5.5);
          cairo_line_to (cr, x + side * 8, y - 14 + k * 5.5);
        }
      cairo_stroke (cr);
      return;
    }
  cairo_move_to (cr, x, y + 3);
  cairo_line_to (cr, x - 8, y + 17);
  cairo_line_to (cr, x + 8, y + 17);
  cairo_close_path (cr);
  cairo_stroke (cr);
  if (kind == 1)
    {
      cairo_arc (cr, x, y + 21, 3.5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
}

/* The beam, its supports and spans and every load of the study at its place
 * (arrows for forces, blocks for distributed loads, arcs for moments, one colour a
 * case), redrawn from the study file. */
static void
draw_diagram (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  PsBeamEditor *self = user_data;
  JsonObject *b = beam (self);
  const char *support = ps_gui_json_string_member (b, "support", "simply-supported");
  double length = ps_load_beam_length (b);
  double x0 = 30, x1 = width - 30, y = height * 0.6, qmax = 0.0, base;
  g_autoptr (GArray) ls = g_array_new (FALSE, FALSE, sizeof (SketchLoad));
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  GdkRGBA fg;

#define PX(x) (x0 + (x1 - x0) * CLAMP ((x) / length, 0.0, 1.0))
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!(length > 0.0))
    length = 1.0;

  /* The loads, each at its first swept value. */
  if (is_design (self))
    {
      JsonNode *ln = json_object_get_member (b, "loads");
      JsonNode *cn = json_object_get_member (ps_document_get_root (self->document), "cases");
      g_autoptr (GList) members = cn && JSON_NODE_HOLDS_OBJECT (cn)
                                      ? json_object_get_members (json_node_get_object (cn))
                                      : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (names, l->data);
      for (guint i = 0;
           ln && JSON_NODE_HOLDS_ARRAY (ln) && i < json_array_get_length (json_node_get_array (ln));
           i++)
        {
          JsonNode *n = json_array_get_element (json_node_get_array (ln), i);
          const char *c;
          guint ci = 0;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          c = ps_gui_json_string_member (json_node_get_object (n), "case", "");
          g_ptr_array_find_with_equal_func (names, c, g_str_equal, &ci);
          sketch_load (json_node_get_object (n), length, ci % G_N_ELEMENTS (case_colours), ls);
        }
    }
  else
    {
      JsonNode *n = json_object_get_member (b, "load");

      if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
        {
          JsonObject *l = json_node_get_object (n);

          sketch_load (l, length, 1, ls);
          /* A point load without a position is at midspan, or a cantilever's free end. */
          if (g_array_index (ls, SketchLoad, 0).type == 'p'
              && !json_object_has_member (l, "position"))
            g_array_index (ls, SketchLoad, 0).a
                = g_str_equal (support, "cantilever") ? length : length / 2;
        }
    }
  for (guint i = 0; i < ls->len; i++)
    {
      SketchLoad *s = &g_array_index (ls, SketchLoad, i);

      if (s->type == 'u')
        qmax = MAX (qmax, MAX (fabs (s->q1), fabs (s->q2)));
    }

  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.0);
  /* The beam. */
  cairo_rectangle (cr, x0, y - 3, x1 - x0, 6);
  cairo_fill (cr);

  /* Supports. */
  if (g_str_equal (support, "continuous"))
    {
      JsonNode *sn = json_object_get_member (b, "spans");
      JsonNode *en = json_object_get_member (b, "ends");
      double x = 0.0;
      const char *ends[2] = { "pinned", "pinned" };

      if (en != NULL && JSON_NODE_HOLDS_ARRAY (en)
          && json_array_get_length (json_node_get_array (en)) == 2)
        for (int e = 0; e < 2; e++)
          ends[e] = ps_gui_json_string (json_array_get_element (json_node_get_array (en), e));
      g_array_append_val (xs, x);
      for (guint i = 0;
           sn && JSON_NODE_HOLDS_ARRAY (sn) && i < json_array_get_length (json_node_get_array (sn));
           i++)
        {
          x += ps_load_first_value (json_array_get_element (json_node_get_array (sn), i),
                                    PS_QTY_LENGTH, 1.0);
          g_array_append_val (xs, x);
        }
      for (guint i = 0; i < xs->len; i++)
        {
          int kind = i == 0 ? 0 : 1;

          if ((i == 0 && g_strcmp0 (ends[0], "fixed") == 0)
              || (i == xs->len - 1 && g_strcmp0 (ends[1], "fixed") == 0))
            kind = 2;
          draw_support (cr, PX (g_array_index (xs, double, i)), y, kind, i == 0 ? -1 : 1);
        }
    }
  else
    {
      gboolean left_fixed = g_str_equal (support, "cantilever")
                            || g_str_equal (support, "fixed-fixed")
                            || g_str_equal (support, "propped-cantilever");
      double e = length, zero = 0.0;

      draw_support (cr, x0, y, left_fixed ? 2 : 0, -1);
      if (g_str_equal (support, "fixed-fixed"))
        draw_support (cr, x1, y, 2, 1);
      else if (!g_str_equal (support, "cantilever"))
        draw_support (cr, x1, y, 1, 1);
      g_array_append_val (xs, zero);
      g_array_append_val (xs, e);
    }

  /* Distributed loads first, under the arrows of the forces. */
  base = 0.0;
  for (guint i = 0; i < ls->len; i++)
    {
      SketchLoad *s = &g_array_index (ls, SketchLoad, i);
      GdkRGBA c = case_colours[s->colour];
      double h1, h2, xa = PX (s->a), xb = PX (s->b);

      if (s->type != 'u' || !(qmax > 0.0))
        continue;
      /* Stacked, one over the other, as the loads add up. */
      h1 = 4 + 14 * fabs (s->q1) / qmax;
      h2 = 4 + 14 * fabs (s->q2) / qmax;
      cairo_move_to (cr, xa, y - 5 - base);
      cairo_line_to (cr, xa, y - 5 - base - h1);
      cairo_line_to (cr, xb, y - 5 - base - h2);
      cairo_line_to (cr, xb, y - 5 - base);
      cairo_close_path (cr);
      c.alpha = 0.25;
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_fill_preserve (cr);
      c.alpha = 1;
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_stroke (cr);
      for (int k = 0; k <= 6; k++)
        {
          double x = xa + (xb - xa) * k / 6.0;

          cairo_move_to (cr, x - 2.5, y - 10 - base);
          cairo_line_to (cr, x, y - 5 - base);
          cairo_line_to (cr, x + 2.5, y - 10 - base);
          cairo_fill (cr);
        }
      base += MAX (h1, h2) + 2;
    }
  for (guint i = 0; i < ls->len; i++)
    {
      SketchLoad *s = &g_array_index (ls, SketchLoad, i);
      double x = PX (s->a);

      gdk_cairo_set_source_rgba (cr, &case_colours[s->colour]);
      cairo_set_line_width (cr, 2.0);
      if (s->type == 'p')
        {
          cairo_move_to (cr, x, y - 42);
          cairo_line_to (cr, x, y - 8);
          cairo_stroke (cr);
          cairo_move_to (cr, x - 5, y - 14);
          cairo_line_to (cr, x, y - 4);
          cairo_line_to (cr, x + 5, y - 14);
          cairo_fill (cr);
        }
      else if (s->type == 'm')
        {
          /* Three quarters of a circle about the point, the arrow showing the sense
           * (anticlockwise for a positive moment). */
          double r = 11, th, tx, ty, px, py;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, r, G_PI * 0.75, G_PI * 2.25);
          cairo_stroke (cr);
          /* The arrow at the end the moment turns towards: on screen, y downwards,
           * increasing angles turn clockwise. */
          th = s->q1 >= 0 ? G_PI * 0.75 : G_PI * 2.25;
          tx = s->q1 >= 0 ? sin (th) : -sin (th);
          ty = s->q1 >= 0 ? -cos (th) : cos (th);
          px = x + r * cos (th);
          py = y + r * sin (th);
          cairo_move_to (cr, px + 6 * tx, py + 6 * ty);
          cairo_line_to (cr, px + 4 * cos (th), py + 4 * sin (th));
          cairo_line_to (cr, px - 4 * cos (th), py - 4 * sin (th));
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }

  /* The spans, dimensioned under the beam. */
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x0, y + 32.5);
  cairo_line_to (cr, x1, y + 32.5);
  cairo_stroke (cr);
  for (guint i = 0; i < xs->len; i++)
    {
      double x = PX (g_array_index (xs, double, i));

      cairo_move_to (cr, x + 0.5, y + 28);
      cairo_line_to (cr, x + 0.5, y + 37);
      cairo_stroke (cr);
      if (i > 0)
        {
          double xm = (x + PX (g_array_index (xs, double, i - 1))) / 2;
          g_autofree char *t = xs->len > 2 ? g_strdup_printf ("L%u", i) : g_strdup ("L");

          cairo_move_to (cr, xm - 4, y + 48);
          cairo_show_text (cr, t);
        }
    }
  /* The cases' colours. */
  for (guint i = 0; i < names->len && i < G_N_ELEMENTS (case_colours); i++)
    {
      gdk_cairo_set_source_rgba (cr, &case_colours[i]);
      cairo_rectangle (cr, 4 + i * 34, 4, 8, 8);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 15 + i * 34, 12);
      cairo_show_text (cr, g_ptr_array_index (names, i));
    }
#undef PX
}

static void
refresh_status (PsBeamEditor *self)
{
  const PsStudy *study = ps_document_get_study (self->document);

  if (study != NULL)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, ps_study_get_n_items (study));
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s configuration", "%s configurations",
                                          ps_study_get_n_items (study)),
                             n);

      gtk_label_set_text (GTK_LABEL (self->count_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->count_label), _ ("— configurations"));
  ps_gui_show_document_error (self->error_label, self->fields, self->document);
  gtk_widget_queue_draw (self->diagram);
}

static void
on_document_changed (PsBeamEditor *self)
{
  refresh_status (self);
}

static void
edited (PsBeamEditor *self)
{
  if (!self->loading)
    ps_document_changed (self->document);
}

static void rebuild_spans (PsBeamEditor *self);

static gboolean
spans_idle (gpointer data)
{
  PsBeamEditor *self = data;

  self->spans_idle = 0;
  rebuild_spans (self);
  return G_SOURCE_REMOVE;
}

/* The span rows are built again from the main loop, never inside the handler of a
 * button they destroy. */
static void
schedule_spans (PsBeamEditor *self)
{
  if (self->spans_idle == 0)
    self->spans_idle = g_idle_add (spans_idle, self);
}

static JsonArray *
spans (PsBeamEditor *self)
{
  JsonNode *n = json_object_get_member (beam (self), "spans");

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    {
      json_object_set_array_member (beam (self), "spans", json_array_new ());
      n = json_object_get_member (beam (self), "spans");
    }
  return json_node_get_array (n);
}

/* The load–span table's grouping follows the spans: "span" is "spans[0]" of a
 * continuous beam and back, and a span removed leaves it. */
static void
fix_group_by (PsBeamEditor *self)
{
  JsonObject *root = ps_document_get_root (self->document);
  JsonNode *g = json_object_get_member (root, "group_by");
  JsonNode *sn = json_object_get_member (beam (self), "spans");
  guint n = sn && JSON_NODE_HOLDS_ARRAY (sn) ? json_array_get_length (json_node_get_array (sn)) : 0;
  JsonArray *a;

  if (g == NULL || !JSON_NODE_HOLDS_ARRAY (g))
    return;
  a = json_array_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (g)); i++)
    {
      const char *p = ps_gui_json_string (json_array_get_element (json_node_get_array (g), i));
      guint k;

      if (p == NULL)
        continue;
      if (is_continuous (self) && g_str_equal (p, "span"))
        json_array_add_string_element (a, "spans[0]");
      else if (sscanf (p, "spans[%u]", &k) == 1)
        {
          if (!is_continuous (self) && k == 0)
            json_array_add_string_element (a, "span");
          else if (is_continuous (self) && k < n)
            json_array_add_string_element (a, p);
        }
      else
        json_array_add_string_element (a, p);
    }
  if (json_array_get_length (a) == 0)
    {
      json_array_unref (a);
      json_object_remove_member (root, "group_by");
    }
  else
    json_object_set_array_member (root, "group_by", a);
}

static void
on_add_span (PsBeamEditor *self)
{
  JsonArray *a = spans (self);
  guint n = json_array_get_length (a);

  if (n > 0)
    json_array_add_element (a, json_node_copy (json_array_get_element (a, n - 1)));
  else
    json_array_add_double_element (a, 5.0);
  schedule_spans (self);
  edited (self);
}

static void
on_remove_span (GtkButton *button, PsBeamEditor *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "span"));
  JsonArray *a = spans (self);

  if (i < json_array_get_length (a) && json_array_get_length (a) > 1)
    json_array_remove_element (a, i);
  fix_group_by (self);
  schedule_spans (self);
  edited (self);
}

static const char *const ends_values[][2] = {
  { "pinned", "pinned" }, { "fixed", "pinned" }, { "pinned", "fixed" }, { "fixed", "fixed" }
};

static void
on_ends_changed (GtkDropDown *d, GParamSpec *pspec, PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (d);

  if (self->loading || i >= G_N_ELEMENTS (ends_values))
    return;
  if (i == 0)
    json_object_remove_member (beam (self), "ends");
  else
    {
      JsonArray *a = json_array_new ();

      json_array_add_string_element (a, ends_values[i][0]);
      json_array_add_string_element (a, ends_values[i][1]);
      json_object_set_array_member (beam (self), "ends", a);
    }
  edited (self);
}

/* The span, or in a continuous beam the list of spans (each sweepable), the
 * buttons that add and remove them and the ends' fixity. */
static void
rebuild_spans (PsBeamEditor *self)
{
  gboolean was = self->loading;

  self->loading = TRUE;
  forget_params_under (self, "beam.span");
  clear_box (self->span_box);
  gtk_label_set_text (GTK_LABEL (self->span_label),
                      is_continuous (self) ? _ ("Spans") : _ ("Span L"));
  if (!is_continuous (self))
    add_param (self, self->span_box, "beam.span", PS_QTY_LENGTH, FALSE);
  else
    {
      static const char *end_labels[] = { N_ ("Pinned ends"), N_ ("Left end fixed"),
                                          N_ ("Right end fixed"), N_ ("Both ends fixed") };
      JsonArray *a = spans (self);
      GtkStringList *model = gtk_string_list_new (NULL);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6), *add, *ends;
      JsonNode *en = json_object_get_member (beam (self), "ends");
      guint sel = 0;

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          GtkWidget *r = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          g_autofree char *path = g_strdup_printf ("beam.spans[%u]", i);
          g_autofree char *name = g_strdup_printf ("L%u", i + 1);
          GtkWidget *l = gtk_label_new (name), *rm;

          gtk_label_set_width_chars (GTK_LABEL (l), 3);
          gtk_box_append (GTK_BOX (r), l);
          gtk_widget_set_hexpand (add_param (self, r, path, PS_QTY_LENGTH, FALSE), TRUE);
          rm = gtk_button_new_from_icon_name ("list-remove-symbolic");
          gtk_widget_set_tooltip_text (rm, _ ("Remove this span"));
          gtk_widget_set_sensitive (rm, json_array_get_length (a) > 1);
          g_object_set_data (G_OBJECT (rm), "span", GUINT_TO_POINTER (i));
          g_signal_connect (rm, "clicked", G_CALLBACK (on_remove_span), self);
          gtk_box_append (GTK_BOX (r), rm);
          gtk_box_append (GTK_BOX (self->span_box), r);
        }
      add = gtk_button_new_with_mnemonic (_ ("Add S_pan"));
      g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_span), self);
      gtk_box_append (GTK_BOX (row), add);
      for (guint k = 0; k < G_N_ELEMENTS (end_labels); k++)
        gtk_string_list_append (model, _ (end_labels[k]));
      if (en != NULL && JSON_NODE_HOLDS_ARRAY (en)
          && json_array_get_length (json_node_get_array (en)) == 2)
        for (guint k = 0; k < G_N_ELEMENTS (ends_values); k++)
          if (g_strcmp0 (ps_gui_json_string (json_array_get_element (json_node_get_array (en), 0)),
                         ends_values[k][0])
                  == 0
              && g_strcmp0 (
                     ps_gui_json_string (json_array_get_element (json_node_get_array (en), 1)),
                     ends_values[k][1])
                     == 0)
            sel = k;
      ends = gtk_drop_down_new (G_LIST_MODEL (model), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ends), sel);
      gtk_widget_set_hexpand (ends, TRUE);
      g_signal_connect (ends, "notify::selected", G_CALLBACK (on_ends_changed), self);
      gtk_box_append (GTK_BOX (row), ends);
      gtk_box_append (GTK_BOX (self->span_box), row);
      ps_field_set_add (self->fields, "beam.spans", add);
      ps_field_set_add (self->fields, "beam.ends", ends);
    }
  self->loading = was;
}

static void
on_support_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->support));
  JsonObject *b;
  gboolean was;

  if (self->loading)
    return;
  b = beam (self);
  was = is_continuous (self);
  json_object_set_string_member (b, "support", supports[i]);
  /* One span becomes two equal ones, and back: the first. */
  if (is_continuous (self) && !was)
    {
      JsonNode *span = json_object_get_member (b, "span");
      JsonArray *a = json_array_new ();

      for (int k = 0; k < 2; k++)
        {
          if (span != NULL)
            json_array_add_element (a, json_node_copy (span));
          else
            json_array_add_double_element (a, 5.0);
        }
      json_object_remove_member (b, "span");
      json_object_set_array_member (b, "spans", a);
    }
  else if (!is_continuous (self) && was)
    {
      JsonNode *sn = json_object_get_member (b, "spans");

      if (sn != NULL && JSON_NODE_HOLDS_ARRAY (sn)
          && json_array_get_length (json_node_get_array (sn)) > 0)
        json_object_set_member (
            b, "span", json_node_copy (json_array_get_element (json_node_get_array (sn), 0)));
      json_object_remove_member (b, "spans");
      json_object_remove_member (b, "ends");
    }
  if (is_continuous (self) != was)
    {
      fix_group_by (self);
      schedule_spans (self);
    }
  if (self->load_list != NULL)
    ps_load_list_rebuild (PS_LOAD_LIST (self->load_list));
  edited (self);
}

static void rebuild_load (PsBeamEditor *self);

static void
on_load_type_changed (PsBeamEditor *self)
{
  gboolean uniform = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->load_type)) == 1;
  JsonObject *l;

  if (self->loading)
    return;
  l = load (self);
  json_object_set_string_member (l, "type", uniform ? "uniform" : "point");
  if (uniform)
    json_object_remove_member (l, "position");
  else if (!json_object_has_member (l, "position"))
    json_object_set_string_member (
        l, "position",
        g_str_equal (ps_gui_json_string_member (beam (self), "support", ""), "cantilever")
            ? "free-end"
            : "midspan");
  rebuild_load (self);
  edited (self);
}

static void
on_position_mode_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->position_mode));
  JsonObject *l;

  if (self->loading)
    return;
  l = load (self);
  if (i == 0)
    json_object_set_string_member (l, "position", "midspan");
  else if (i == 1)
    json_object_set_string_member (l, "position", "free-end");
  else
    json_object_set_double_member (l, "position", 1.0);
  rebuild_load (self);
  edited (self);
}

static void
rebuild_load (PsBeamEditor *self)
{
  JsonObject *l = load (self);
  gboolean uniform = g_strcmp0 (ps_gui_json_string_member (l, "type", "point"), "uniform") == 0;
  JsonNode *pos = json_object_get_member (l, "position");
  const char *pos_name = ps_gui_json_string_member (l, "position", NULL);
  guint pos_mode = pos == NULL || g_strcmp0 (pos_name, "midspan") == 0 ? 0
                   : g_strcmp0 (pos_name, "free-end") == 0             ? 1
                                                                       : 2;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->load_type), uniform ? 1 : 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->position_mode), pos_mode);
  gtk_widget_set_visible (gtk_widget_get_parent (self->position_mode), !uniform);
  forget_params_under (self, "beam.load.");
  clear_box (self->value_box);
  add_param (self, self->value_box, "beam.load.value",
             uniform ? PS_QTY_FORCE_PER_LENGTH : PS_QTY_FORCE, FALSE);
  clear_box (self->position_box);
  if (!uniform && pos_mode == 2)
    add_param (self, self->position_box, "beam.load.position", PS_QTY_LENGTH, FALSE);
  self->loading = FALSE;
}

/* One load with a safety factor, or loads in cases with combinations and code
 * checks: the rows of the one hidden, the frames of the other shown. */
static void
apply_load_model (PsBeamEditor *self)
{
  gboolean design = is_design (self);
  gboolean was = self->loading;

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->load_model), design ? 1 : 0);
  gtk_widget_set_visible (self->load_type_row, !design);
  gtk_widget_set_visible (self->value_row, !design);
  gtk_widget_set_visible (self->checks_frame, !design);
  if (design)
    {
      gtk_widget_set_visible (gtk_widget_get_parent (self->position_mode), FALSE);
      forget_params_under (self, "beam.load.");
      clear_box (self->value_box);
      clear_box (self->position_box);
      if (self->load_list == NULL)
        {
          self->load_list = ps_load_list_new (self->document, self->fields);
          gtk_box_append (GTK_BOX (self->actions_box), self->load_list);
        }
    }
  else
    {
      if (self->load_list != NULL)
        {
          gtk_box_remove (GTK_BOX (self->actions_box), self->load_list);
          self->load_list = NULL;
        }
      rebuild_load (self);
    }
  self->loading = was;
}

static void
on_load_model_changed (PsBeamEditor *self)
{
  gboolean design = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->load_model)) == 1;
  JsonObject *root = ps_document_get_root (self->document), *b = beam (self);

  if (self->loading || design == is_design (self))
    return;
  if (design)
    {
      /* The one load becomes an imposed load beside an empty permanent case; the
       * checks become EN 1990 combinations and the codes' checks. */
      JsonNode *ln = json_object_get_member (b, "load");
      JsonObject *l = ln && JSON_NODE_HOLDS_OBJECT (ln)
                          ? json_object_ref (json_node_get_object (ln))
                          : json_object_new ();
      JsonArray *a = json_array_new ();
      JsonObject *cases = json_object_new (), *g = json_object_new (), *q = json_object_new ();
      JsonObject *d = json_object_new ();

      json_object_set_string_member (l, "case", "Q");
      if (!json_object_has_member (l, "type"))
        json_object_set_string_member (l, "type", "uniform");
      if (!json_object_has_member (l, "value"))
        json_object_set_double_member (l, "value", 5e3);
      json_array_add_object_element (a, l);
      json_object_remove_member (b, "load");
      json_object_set_array_member (b, "loads", a);
      json_object_set_string_member (g, "type", "permanent");
      json_object_set_string_member (q, "type", "imposed");
      json_object_set_string_member (q, "category", "B");
      json_object_set_object_member (cases, "G", g);
      json_object_set_object_member (cases, "Q", q);
      json_object_set_object_member (root, "cases", cases);
      json_object_set_string_member (d, "code", "EN");
      json_object_set_string_member (d, "combinations", "auto");
      json_object_set_object_member (root, "design", d);
      json_object_remove_member (root, "checks");
    }
  else
    {
      /* Back to one load: the first point or uniform load of the list, on a
       * single span. */
      if (is_continuous (self))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->support), 0);
      JsonNode *ln = json_object_get_member (b, "loads");
      JsonObject *l = json_object_new ();

      json_object_set_string_member (l, "type", "uniform");
      json_object_set_double_member (l, "value", 5e3);
      for (guint i = 0;
           ln && JSON_NODE_HOLDS_ARRAY (ln) && i < json_array_get_length (json_node_get_array (ln));
           i++)
        {
          JsonNode *n = json_array_get_element (json_node_get_array (ln), i);
          const char *t;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          t = ps_gui_json_string_member (json_node_get_object (n), "type", "");
          if (g_str_equal (t, "point")
              || (g_str_equal (t, "uniform")
                  && !json_object_has_member (json_node_get_object (n), "from")))
            {
              json_object_unref (l);
              l = json_object_new ();
              json_object_set_string_member (l, "type", t);
              json_object_set_member (
                  l, "value",
                  json_node_copy (json_object_get_member (json_node_get_object (n), "value")));
              if (json_object_has_member (json_node_get_object (n), "position"))
                json_object_set_member (
                    l, "position",
                    json_node_copy (json_object_get_member (json_node_get_object (n), "position")));
              break;
            }
        }
      json_object_remove_member (b, "loads");
      json_object_set_object_member (b, "load", l);
      json_object_remove_member (root, "cases");
      json_object_remove_member (root, "design");
      json_object_remove_member (root, "group_by");
      {
        JsonObject *checks = json_object_new ();

        json_object_set_double_member (checks, "safety_factor", 1.5);
        json_object_set_string_member (checks, "deflection_limit", "L/250");
        json_object_set_object_member (root, "checks", checks);
      }
    }
  apply_load_model (self);
  edited (self);
}

static JsonObject *
section (PsBeamEditor *self)
{
  JsonNode *n = json_object_get_member (beam (self), "section");

  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);

      /* A list of sections: the form edits the first. */
      if (json_array_get_length (a) > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (a, 0)))
        return json_array_get_object_element (a, 0);
    }
  return ps_gui_json_ensure_object (beam (self), "section");
}

static void
sync_designations (PsBeamEditor *self)
{
  JsonObject *s = section (self);
  g_autoptr (GList) keys = g_hash_table_get_keys (self->designations);
  guint n = g_list_length (keys);

  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  if (n == 1)
    json_object_set_string_member (s, "designation", keys->data);
  else
    {
      JsonArray *a = json_array_new ();

      /* Keep the table's order, which is the order the engine reports them in. */
      for (guint i = 0; i < ps_sections_get_n (); i++)
        {
          const char *d = ps_sections_get_nth (i)->designation;

          if (g_hash_table_contains (self->designations, d))
            json_array_add_string_element (a, d);
        }
      json_object_set_array_member (s, "designation", a);
    }
}

static void
on_designation_toggled (GtkCheckButton *check, PsBeamEditor *self)
{
  const char *d = g_object_get_data (G_OBJECT (check), "designation");

  if (self->loading || d == NULL)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->designations, g_strdup (d));
  else
    g_hash_table_remove (self->designations, d);
  sync_designations (self);
  edited (self);
}

static void
setup_designation (GtkSignalListItemFactory *f, GtkListItem *item, PsBeamEditor *self)
{
  GtkWidget *check = gtk_check_button_new ();

  g_signal_connect (check, "toggled", G_CALLBACK (on_designation_toggled), self);
  gtk_list_item_set_child (item, check);
}

static void
bind_designation (GtkSignalListItemFactory *f, GtkListItem *item, PsBeamEditor *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  const char *d = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const PsSectionInfo *info = ps_sections_lookup (d);
  g_autofree char *label = info ? g_strdup_printf ("%s  (%.1f kg/m)", d, info->mass) : g_strdup (d);
  gboolean was = self->loading;

  self->loading = TRUE;
  g_object_set_data_full (G_OBJECT (check), "designation", g_strdup (d), g_free);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->designations, d));
  self->loading = was;
}

static GtkWidget *
standard_sections (PsBeamEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkWidget *list, *scroller;
  JsonNode *d = json_object_get_member (section (self), "designation");

  g_hash_table_remove_all (self->designations);
  if (d != NULL && JSON_NODE_HOLDS_ARRAY (d))
    {
      JsonArray *a = json_node_get_array (d);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *e = ps_gui_json_string (json_array_get_element (a, i));

          if (e != NULL)
            g_hash_table_add (self->designations, g_strdup (e));
        }
    }
  else if (ps_gui_json_string (d) != NULL)
    g_hash_table_add (self->designations, g_strdup (ps_gui_json_string (d)));

  for (guint i = 0; i < ps_sections_get_n (); i++)
    gtk_string_list_append (names, ps_sections_get_nth (i)->designation);
  self->section_filter = gtk_string_filter_new (
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->section_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (names), GTK_FILTER (self->section_filter));

  self->section_search = gtk_search_entry_new ();
  g_object_set (self->section_search, "placeholder-text", _ ("Search sections (IPE, HEA, W…)"),
                NULL);
  g_object_bind_property (self->section_search, "text", self->section_filter, "search",
                          G_BINDING_DEFAULT);
  gtk_box_append (GTK_BOX (box), self->section_search);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_designation), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_designation), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                            factory);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  ps_field_set_add (self->fields, "beam.section.designation", scroller);
  return box;
}

static void
rebuild_section (PsBeamEditor *self)
{
  JsonObject *s = section (self);
  const char *shape = ps_gui_json_string_member (s, "shape", "rectangular");

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->shape), index_of (shapes, shape));
  forget_params_under (self, "beam.section.");
  clear_box (self->section_box);
  if (g_str_equal (shape, "rectangular"))
    {
      param_row (self, self->section_box, _ ("Width b"), "beam.section.b", PS_QTY_LENGTH, TRUE);
      param_row (self, self->section_box, _ ("Depth h"), "beam.section.h", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "circular"))
    {
      param_row (self, self->section_box, _ ("Diameter d"), "beam.section.d", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "hollow-circular"))
    {
      param_row (self, self->section_box, _ ("Outer diameter D"), "beam.section.D", PS_QTY_LENGTH,
                 TRUE);
      param_row (self, self->section_box, _ ("Wall t"), "beam.section.t", PS_QTY_LENGTH, TRUE);
    }
  else if (g_str_equal (shape, "standard"))
    gtk_box_append (GTK_BOX (self->section_box), standard_sections (self));
  else
    {
      struct
      {
        const char *label, *path;
        PsQuantity q;
      } f[] = {
        { N_ ("Second moment I"), "beam.section.I", PS_QTY_SECOND_MOMENT },
        { N_ ("Modulus W"), "beam.section.W", PS_QTY_SECTION_MODULUS },
        { N_ ("Area A"), "beam.section.A", PS_QTY_AREA },
      };

      for (guint i = 0; i < G_N_ELEMENTS (f); i++)
        {
          param_row (self, self->section_box, _ (f[i].label), f[i].path, f[i].q, FALSE);
        }
    }
  self->loading = FALSE;
}

static void
on_shape_changed (PsBeamEditor *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->shape));
  JsonObject *s;

  if (self->loading)
    return;
  s = json_object_new ();
  json_object_set_string_member (s, "shape", shapes[i]);
  /* Starting dimensions of a reasonable floor beam, so the study stays valid. */
  switch (i)
    {
    case 0:
      json_object_set_double_member (s, "b", 0.3);
      json_object_set_double_member (s, "h", 0.5);
      break;
    case 1:
      json_object_set_double_member (s, "d", 0.3);
      break;
    case 2:
      json_object_set_double_member (s, "D", 0.3);
      json_object_set_double_member (s, "t", 0.01);
      break;
    case 3:
      json_object_set_string_member (s, "designation", "IPE 300");
      break;
    default:
      json_object_set_double_member (s, "I", 8.356e-5);
      json_object_set_double_member (s, "W", 5.57e-4);
      json_object_set_double_member (s, "A", 5.38e-3);
      break;
    }
  json_object_set_object_member (beam (self), "section", s);
  rebuild_section (self);
  edited (self);
}

static void
on_material_toggled (GtkCheckButton *check, PsBeamEditor *self)
{
  JsonNode *old = json_object_get_member (beam (self), "material");
  JsonArray *a = json_array_new ();

  if (self->loading)
    return;
  /* Custom materials (objects) stay; built-in names follow the check buttons. */
  if (old != NULL && JSON_NODE_HOLDS_ARRAY (old))
    {
      JsonArray *o = json_node_get_array (old);

      for (guint i = 0; i < json_array_get_length (o); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (o, i)))
          json_array_add_element (a, json_node_copy (json_array_get_element (o, i)));
    }
  else if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
    json_array_add_element (a, json_node_copy (old));
  for (GtkWidget *c = gtk_widget_get_first_child (self->material_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *b
          = GTK_IS_FLOW_BOX_CHILD (c) ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c)) : c;

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (b)))
        json_array_add_string_element (a, g_object_get_data (G_OBJECT (b), "material"));
    }
  if (json_array_get_length (a) == 1)
    {
      json_object_set_member (beam (self), "material",
                              json_node_copy (json_array_get_element (a, 0)));
      json_array_unref (a);
    }
  else
    json_object_set_array_member (beam (self), "material", a);
  edited (self);
}

static gboolean
material_selected (JsonNode *n, const char *name)
{
  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (n))
    return json_node_get_value_type (n) == G_TYPE_STRING
           && g_str_equal (json_node_get_string (n), name);
  if (JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (material_selected (json_array_get_element (a, i), name))
          return TRUE;
    }
  return FALSE;
}

static void
count_custom (JsonNode *n, GString *names)
{
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                            ps_gui_json_string_member (json_node_get_object (n), "name", "?"));
  else if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (n)); i++)
      count_custom (json_array_get_element (json_node_get_array (n), i), names);
}

static void
on_self_weight (PsBeamEditor *self)
{
  if (self->loading)
    return;
  json_object_set_boolean_member (beam (self), "self_weight",
                                  gtk_switch_get_active (GTK_SWITCH (self->self_weight)));
  edited (self);
}

static void
on_checks_changed (PsBeamEditor *self)
{
  JsonObject *checks;
  const char *limit;

  if (self->loading)
    return;
  checks = ps_gui_json_ensure_object (ps_document_get_root (self->document), "checks");
  limit = gtk_editable_get_text (GTK_EDITABLE (self->limit));
  if (*limit == '\0')
    json_object_remove_member (checks, "deflection_limit");
  else
    json_object_set_string_member (checks, "deflection_limit", limit);
  json_object_set_double_member (checks, "safety_factor",
                                 gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->safety)));
  edited (self);
}

static void
ps_beam_editor_class_init (PsBeamEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ps_beam_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/parastudy/Parastudy/ps-beam-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PsBeamEditor, name)
  CHILD (name_entry);
  CHILD (description_entry);
  CHILD (support);
  CHILD (load_model);
  CHILD (load_type_row);
  CHILD (value_row);
  CHILD (position_row);
  CHILD (actions_box);
  CHILD (checks_frame);
  CHILD (span_label);
  CHILD (load_type);
  CHILD (position_mode);
  CHILD (position_box);
  CHILD (value_box);
  CHILD (span_box);
  CHILD (diagram);
  CHILD (self_weight);
  CHILD (shape);
  CHILD (section_box);
  CHILD (material_box);
  CHILD (custom_materials);
  CHILD (limit);
  CHILD (safety);
  CHILD (count_label);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_support_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_load_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_load_model_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_position_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_self_weight);
  gtk_widget_class_bind_template_callback (widget_class, on_shape_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checks_changed);
}

static void
ps_beam_editor_init (PsBeamEditor *self)
{
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->designations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fields = ps_field_set_new ();
  /* Nothing is written back while the template and the file fill the form. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_gui_guard_spin_scroll (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->diagram), draw_diagram, self, NULL);
}

GtkWidget *
ps_beam_editor_new (PsDocument *document)
{
  PsBeamEditor *self = g_object_new (PS_TYPE_BEAM_EDITOR, NULL);
  JsonObject *root = ps_document_get_root (document);
  JsonObject *checks;
  g_autoptr (GString) custom = g_string_new (NULL);
  JsonNode *sf;

  self->document = g_object_ref (document);
  self->loading = TRUE;
  ps_gui_editor_bind_header (self->name_entry, self->description_entry, document, self->fields);

  /* Beam and load. */
  gtk_drop_down_set_selected (
      GTK_DROP_DOWN (self->support),
      index_of (supports, ps_gui_json_string_member (json_object_get_object_member (root, "beam"),
                                                     "support", "simply-supported")));
  ps_field_set_add (self->fields, "beam.support", self->support);
  ps_field_set_add (self->fields, "beam.load", self->load_type);
  rebuild_spans (self);
  gtk_switch_set_active (GTK_SWITCH (self->self_weight),
                         json_object_get_boolean_member_with_default (
                             ps_gui_json_ensure_object (root, "beam"), "self_weight", FALSE));
  ps_field_set_add (self->fields, "beam.self_weight", self->self_weight);
  apply_load_model (self);
  self->loading = TRUE;

  /* Section. */
  ps_field_set_add (self->fields, "beam.section", self->shape);
  rebuild_section (self);
  self->loading = TRUE;

  /* Materials: the built-in table as check buttons. */
  for (guint i = 0; i < ps_materials_get_n (); i++)
    {
      const PsMaterialInfo *m = ps_materials_get_nth (i);
      GtkWidget *check = gtk_check_button_new_with_label (m->name);
      g_autofree char *tip
          = g_strdup_printf (_ ("%s: E = %.0f GPa, f_d = %.1f MPa, ρ = %.0f kg/m³"), m->family,
                             m->E / 1e9, m->f_d / 1e6, m->density);

      gtk_widget_set_tooltip_text (check, tip);
      g_object_set_data_full (G_OBJECT (check), "material", g_strdup (m->name), g_free);
      gtk_check_button_set_active (
          GTK_CHECK_BUTTON (check),
          material_selected (json_object_get_member (beam (self), "material"), m->name));
      g_signal_connect (check, "toggled", G_CALLBACK (on_material_toggled), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->material_box), check);
    }
  count_custom (json_object_get_member (beam (self), "material"), custom);
  if (custom->len > 0)
    {
      g_autofree char *t = g_strdup_printf (_ ("Custom materials in the file: %s"), custom->str);

      gtk_label_set_text (GTK_LABEL (self->custom_materials), t);
      gtk_widget_set_visible (self->custom_materials, TRUE);
    }
  ps_field_set_add (self->fields, "beam.material", self->material_box);

  /* Checks. */
  checks = json_object_has_member (root, "checks") ? json_object_get_object_member (root, "checks")
                                                   : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->limit),
                         ps_gui_json_string_member (checks, "deflection_limit", ""));
  ps_field_set_add (self->fields, "checks.deflection_limit", self->limit);
  sf = checks ? json_object_get_member (checks, "safety_factor") : NULL;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->safety),
                             sf && JSON_NODE_HOLDS_VALUE (sf) ? json_node_get_double (sf) : 1.0);
  ps_field_set_add (self->fields, "checks.safety_factor", self->safety);

  self->loading = FALSE;
  g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  refresh_status (self);
  return GTK_WIDGET (self);
}

GtkWidget *
ps_beam_editor_get_param (PsBeamEditor *self, const char *path)
{
  GtkWidget *p = g_hash_table_lookup (self->params, path);

  if (p == NULL && self->load_list != NULL)
    p = ps_load_list_get_param (PS_LOAD_LIST (self->load_list), path);
  return p;
}

GtkWidget *
ps_beam_editor_get_load_list (PsBeamEditor *self)
{
  return self->load_list;
}

GtkWidget *
ps_beam_editor_get_load_model (PsBeamEditor *self)
{
  return self->load_model;
}

GtkWidget *
ps_beam_editor_get_support (PsBeamEditor *self)
{
  return self->support;
}

GtkWidget *
ps_beam_editor_get_count_label (PsBeamEditor *self)
{
  return self->count_label;
}
