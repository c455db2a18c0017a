#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "plot/ps-plot.h"
#include "ps-beam-detail.h"
#include "ps-gui-chart.h"
#include "ps-gui-util.h"
#include "studies/beam/ps-tables.h"
#include "study/ps-kind.h"

typedef struct
{
  char *column; /* "u_bending" */
  char *label;  /* "Bending (EN 1993-1-1 6.2.5)" */
  double u;
  gboolean governs;
} Check;

static void
check_clear (gpointer p)
{
  Check *c = p;

  g_free (c->column);
  g_free (c->label);
}

struct _PsBeamDetail
{
  GtkBox parent_instance;

  GtkWidget *scroller; /* the end child of the paned, shown for beam studies */
  GtkWidget *title;
  GtkWidget *governing;
  GtkWidget *bars;
  GtkWidget *reactions;
  GtkWidget *charts[3];
  GtkWidget *message;

  PsCsvModel *model;
  PsStudy *study;
  char *code; /* design.code: "EN" or "AISC", NULL for a single-load study */
  gboolean active;
  GArray *checks;     /* Check */
  GArray *reaction_x; /* double */
  GArray *reaction_R; /* double */
};

G_DEFINE_FINAL_TYPE (PsBeamDetail, ps_beam_detail, GTK_TYPE_BOX)

/* ---- checks and their clauses ------------------------------------------------ */

typedef enum
{
  FAMILY_STEEL,
  FAMILY_TIMBER,
  FAMILY_CONCRETE,
  FAMILY_ALUMINIUM
} Family;

/* The material family of a results row, from the built-in table, else from the
 * name's form (GL24h and C24 timber, C30/37 concrete, 6061-T6 aluminium). */
static Family
family_of (const char *material)
{
  const PsMaterialInfo *m = material ? ps_materials_lookup (material) : NULL;
  const char *f = m ? m->family : NULL;

  if (f != NULL)
    return g_str_equal (f, "timber")      ? FAMILY_TIMBER
           : g_str_equal (f, "concrete")  ? FAMILY_CONCRETE
           : g_str_equal (f, "aluminium") ? FAMILY_ALUMINIUM
                                          : FAMILY_STEEL;
  if (material == NULL)
    return FAMILY_STEEL;
  if (strchr (material, '/') != NULL)
    return FAMILY_CONCRETE;
  if (g_ascii_isdigit (material[0]))
    return FAMILY_ALUMINIUM;
  if (g_str_has_prefix (material, "GL") || g_str_has_prefix (material, "D")
      || (material[0] == 'C' && g_ascii_isdigit (material[1])))
    return FAMILY_TIMBER;
  return FAMILY_STEEL;
}

/* The clause each check verifies, by code and material. */
static const char *
clause_of (const char *check, Family family, gboolean aisc)
{
  static const struct
  {
    const char *check;
    const char *clause[5]; /* EN steel, timber, concrete, aluminium; AISC */
  } clauses[] = {
    { "bending",
      { "EN 1993-1-1 6.2.5", "EN 1995-1-1 6.1.6", "EN 1992-1-1 6.1", "EN 1999-1-1 6.2.5",
        "AISC 360-16 F2" } },
    { "shear",
      { "EN 1993-1-1 6.2.6", "EN 1995-1-1 6.1.7", "EN 1992-1-1 6.2.2", "EN 1999-1-1 6.2.6",
        "AISC 360-16 G2" } },
    { "interaction", { "EN 1993-1-1 6.2.8", NULL, NULL, "EN 1999-1-1 6.2.8", NULL } },
    { "ltb",
      { "EN 1993-1-1 6.3.2", "EN 1995-1-1 6.3.3", NULL, "EN 1999-1-1 6.3.2", "AISC 360-16 F2.2" } },
    { "tension", { NULL, NULL, "EN 1992-1-1 12.6.1", NULL, NULL } },
    { "deflection",
      { "EN 1990 A1.4.3", "EN 1995-1-1 2.2.3", "EN 1990 A1.4.3", "EN 1990 A1.4.3",
        "ASCE 7-16 CC.1.2" } },
    { "deflection_variable",
      { "EN 1990 A1.4.3", "EN 1995-1-1 2.2.3", "EN 1990 A1.4.3", "EN 1990 A1.4.3",
        "ASCE 7-16 CC.1.2" } },
    { "span_depth", { NULL, NULL, "EN 1992-1-1 7.4.2", NULL, NULL } },
    { "reinforcement", { NULL, NULL, "EN 1992-1-1 9.2.1.1", NULL, NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    if (g_str_equal (clauses[i].check, check))
      return clauses[i].clause[aisc ? 4 : family];
  return NULL;
}

static const char *
check_label (const char *check)
{
  static const struct
  {
    const char *check, *label;
  } labels[] = {
    { "bending", N_ ("Bending") },
    { "shear", N_ ("Shear") },
    { "interaction", N_ ("Bending and shear") },
    { "ltb", N_ ("Lateral-torsional buckling") },
    { "tension", N_ ("Flexural tension") },
    { "deflection", N_ ("Deflection") },
    { "deflection_variable", N_ ("Deflection, variable actions") },
    { "span_depth", N_ ("Span/depth") },
    { "reinforcement", N_ ("Reinforcement limits") },
    { "max", N_ ("Largest") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].check, check))
      return _ (labels[i].label);
  return check;
}

const char *
ps_beam_detail_row_class (PsCsvModel *model, guint row)
{
  static const char *const known[]
      = { "bending",       "shear",      "interaction",         "ltb",
          "tension",       "deflection", "deflection_variable", "span_depth",
          "reinforcement", NULL };
  static const char *const classes[]
      = { "governs-bending",    "governs-shear",      "governs-interaction",
          "governs-ltb",        "governs-tension",    "governs-deflection",
          "governs-deflection", "governs-span-depth", "governs-reinforcement" };
  int c = model ? ps_csv_model_find_column (model, "governing_check") : -1;
  g_autofree char *v = NULL;

  if (c < 0)
    return NULL;
  v = ps_csv_model_dup_field (model, row, (guint)c);
  for (guint i = 0; known[i] != NULL; i++)
    if (g_strcmp0 (v, known[i]) == 0)
      return classes[i];
  return NULL;
}

void
ps_beam_detail_style_cell (GtkWidget *label, PsCsvRow *row, guint column)
{
  static const char *const classes[]
      = { "governs-bending", "governs-shear",      "governs-interaction", "governs-ltb",
          "governs-tension", "governs-deflection", "governs-span-depth",  "governs-reinforcement" };
  PsCsvModel *model = ps_csv_row_get_model (row);
  const char *name = ps_csv_model_get_column_name (model, column);
  const char *cls = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (g_strcmp0 (name, "governing_check") == 0 || g_strcmp0 (name, "u_max") == 0)
    cls = ps_beam_detail_row_class (model, ps_csv_row_get_row (row));
  if (cls != NULL)
    gtk_widget_add_css_class (label, cls);
}

/* ---- drawing the bars ----------------------------------------------------------- */

#define ROW_H 38

/* Each check on two lines: its name and clause, then its bar against 1.0 (the dashed
 * line) and its value. */
static void
draw_bars (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  PsBeamDetail *self = data;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  double x0 = 0, x1 = width - 48, umax = 1.2;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < self->checks->len; i++)
    umax = MAX (umax, MIN (g_array_index (self->checks, Check, i).u, 3.0) * 1.05);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (guint i = 0; i < self->checks->len; i++)
    {
      Check *c = &g_array_index (self->checks, Check, i);
      double y = i * ROW_H, w = (x1 - x0) * MIN (c->u, umax) / umax;
      g_autofree char *value = g_strdup_printf ("%.3f", c->u);
      int tw, th;

      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_text (layout, c->label, -1);
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, layout);

      /* Green to 0.9, amber to 1.0, red beyond. */
      if (c->u > 1.0)
        cairo_set_source_rgb (cr, 0.84, 0.19, 0.15);
      else if (c->u > 0.9)
        cairo_set_source_rgb (cr, 0.90, 0.60, 0.05);
      else
        cairo_set_source_rgb (cr, 0.20, 0.60, 0.30);
      cairo_rectangle (cr, x0, y + 20, MAX (w, 1.0), 12);
      cairo_fill (cr);
      if (c->governs)
        {
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 1.5);
          cairo_rectangle (cr, x0 + 0.75, y + 20.75, MAX (w, 1.0) - 1.5, 10.5);
          cairo_stroke (cr);
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, value, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, x1 + 6, y + 26 - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  /* The limit, 1.0, across every bar. */
  if (self->checks->len > 0)
    {
      double x = floor (x0 + (x1 - x0) / umax) + 0.5;

      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]){ 4, 3 }, 2, 0);
      for (guint i = 0; i < self->checks->len; i++)
        {
          cairo_move_to (cr, x, i * ROW_H + 17);
          cairo_line_to (cr, x, i * ROW_H + 35);
        }
      cairo_stroke (cr);
    }
  g_object_unref (layout);
}

/* ---- showing a row --------------------------------------------------------------- */

static void
clear_shown (PsBeamDetail *self, const char *message)
{
  g_array_set_size (self->checks, 0);
  g_array_set_size (self->reaction_x, 0);
  g_array_set_size (self->reaction_R, 0);
  gtk_label_set_text (GTK_LABEL (self->title), _ ("Select a row of the table"));
  gtk_label_set_text (GTK_LABEL (self->governing), "");
  gtk_label_set_text (GTK_LABEL (self->reactions), "");
  gtk_label_set_text (GTK_LABEL (self->message), message ? message : "");
  gtk_widget_set_visible (self->message, message != NULL);
  gtk_widget_set_size_request (self->bars, -1, 0);
  for (guint i = 0; i < 3; i++)
    {
      ps_gui_chart_set_chart (PS_GUI_CHART (self->charts[i]), NULL, NULL);
      gtk_widget_set_visible (self->charts[i], FALSE);
    }
  gtk_widget_queue_draw (self->bars);
}

static char *
field (PsBeamDetail *self, guint row, const char *column)
{
  int c = ps_csv_model_find_column (self->model, column);

  return c >= 0 ? ps_csv_model_dup_field (self->model, row, (guint)c) : NULL;
}

static void
read_checks (PsBeamDetail *self, guint row)
{
  g_autofree char *material = field (self, row, "material");
  g_autofree char *governing = field (self, row, "governing_check");
  Family family = family_of (material);
  gboolean aisc = g_strcmp0 (self->code, "AISC") == 0;

  for (guint c = 0; c < ps_csv_model_get_n_columns (self->model); c++)
    {
      const char *name = ps_csv_model_get_column_name (self->model, c);
      double u;
      Check k;
      const char *clause;

      /* The largest is the governing one's, already drawn. */
      if (!g_str_has_prefix (name, "u_") || g_str_equal (name, "u_max"))
        continue;
      u = ps_csv_model_get_number (self->model, row, c);
      if (!isfinite (u))
        continue;
      clause = clause_of (name + 2, family, aisc);
      k.column = g_strdup (name);
      k.label = clause ? g_strdup_printf ("%s (%s)", check_label (name + 2), clause)
                       : g_strdup (check_label (name + 2));
      k.u = u;
      k.governs = g_strcmp0 (governing, name + 2) == 0;
      g_array_append_val (self->checks, k);
    }
  /* A single-load study: its one utilisation against the safety factor. */
  if (self->checks->len == 0)
    {
      int c = ps_csv_model_find_column (self->model, "utilisation");
      double u = c >= 0 ? ps_csv_model_get_number (self->model, row, (guint)c) : NAN;

      if (isfinite (u))
        {
          Check k = { g_strdup ("utilisation"), g_strdup (_ ("Stress × safety factor / strength")),
                      u, TRUE };

          g_array_append_val (self->checks, k);
        }
    }
}

static const char *const chart_titles[]
    = { N_ ("Shear force V"), N_ ("Bending moment M, sagging positive"),
        N_ ("Deflection w, downward positive") };

static void
read_diagram (PsBeamDetail *self, guint64 item)
{
  const PsKindClass *kind = ps_study_get_kind (self->study);
  g_autoptr (GPtrArray) charts = g_ptr_array_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  JsonObject *o;
  JsonNode *r;

  json_builder_begin_object (b);
  if (kind->item_diagram == NULL
      || !kind->item_diagram (self->study, item, NULL, b, NULL, charts, &error))
    {
      for (guint i = 0; i < charts->len; i++)
        ps_chart_free (g_ptr_array_index (charts, i));
      gtk_label_set_text (GTK_LABEL (self->message),
                          error ? error->message : _ ("This study has no diagrams"));
      gtk_widget_set_visible (self->message, TRUE);
      return;
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  o = json_node_get_object (root);
  r = json_object_get_member (o, "reactions");
  g_string_append_printf (text, _ ("Reactions, %s:"),
                          json_object_get_string_member_with_default (o, "combination", ""));
  for (guint i = 0; r != NULL && JSON_NODE_HOLDS_ARRAY (r)
                    && i < json_array_get_length (json_node_get_array (r));
       i++)
    {
      JsonObject *e = json_array_get_object_element (json_node_get_array (r), i);
      double x = json_object_get_double_member_with_default (e, "x_m", NAN);
      double R = json_object_get_double_member_with_default (e, "R_N", NAN);

      g_array_append_val (self->reaction_x, x);
      g_array_append_val (self->reaction_R, R);
      g_string_append_printf (text, _ ("\n  x = %.3g m:  R = %.4g kN"), x, R * 1e-3);
    }
  r = json_object_get_member (o, "end_moments");
  for (guint i = 0; r != NULL && JSON_NODE_HOLDS_ARRAY (r)
                    && i < json_array_get_length (json_node_get_array (r));
       i++)
    {
      JsonObject *e = json_array_get_object_element (json_node_get_array (r), i);

      g_string_append_printf (text, _ ("\n  x = %.3g m:  M = %.4g kN·m (fixed end)"),
                              json_object_get_double_member_with_default (e, "x_m", NAN),
                              json_object_get_double_member_with_default (e, "M_Nm", NAN) * 1e-3);
    }
  gtk_label_set_text (GTK_LABEL (self->reactions), text->str);
  for (guint i = 0; i < charts->len; i++)
    {
      if (i < 3)
        {
          /* The combination is named above the reactions: short titles that fit. */
          ps_chart_set_title (g_ptr_array_index (charts, i), _ (chart_titles[i]));
          ps_gui_chart_set_chart (PS_GUI_CHART (self->charts[i]), g_ptr_array_index (charts, i),
                                  NULL);
          gtk_widget_set_visible (self->charts[i], TRUE);
        }
      else
        ps_chart_free (g_ptr_array_index (charts, i));
    }
}

void
ps_beam_detail_show_row (PsBeamDetail *self, guint row)
{
  g_autofree char *item_text = NULL, *gov = NULL, *combo = NULL, *section = NULL, *material = NULL,
                  *umax = NULL, *title = NULL;
  guint64 item;

  clear_shown (self, NULL);
  if (!self->active || self->model == NULL || row >= ps_csv_model_get_n_rows (self->model))
    return;
  item_text = field (self, row, "item");
  if (item_text == NULL || *item_text == '\0')
    {
      clear_shown (self, _ ("This table has no item column"));
      return;
    }
  item = g_ascii_strtoull (item_text, NULL, 10);
  section = field (self, row, "section");
  material = field (self, row, "material");
  title = g_strdup_printf (_ ("Configuration %s: %s, %s"), item_text, section ? section : "",
                           material ? material : "");
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gov = field (self, row, "governing_check");
  combo = field (self, row, "governing_combination");
  umax = field (self, row, "u_max");
  if (gov != NULL && *gov != '\0')
    {
      g_autofree char *t = g_strdup_printf (
          _ ("Governing: %s, u = %.3f, under %s"), check_label (gov),
          umax ? g_ascii_strtod (umax, NULL) : NAN, combo && *combo ? combo : "—");

      gtk_label_set_text (GTK_LABEL (self->governing), t);
    }
  read_checks (self, row);
  gtk_widget_set_size_request (self->bars, -1, (int)self->checks->len * ROW_H);
  gtk_widget_queue_draw (self->bars);
  read_diagram (self, item);
}

static void
on_selected (GtkSingleSelection *sel, GParamSpec *pspec, PsBeamDetail *self)
{
  GObject *item = gtk_single_selection_get_selected_item (sel);

  if (item == NULL)
    clear_shown (self, NULL);
  else
    ps_beam_detail_show_row (self, ps_csv_row_get_row (PS_CSV_ROW (item)));
}

GtkSelectionModel *
ps_beam_detail_watch (PsBeamDetail *self, PsCsvModel *model, PsDocument *document)
{
  GtkSingleSelection *sel;

  g_clear_object (&self->model);
  g_clear_pointer (&self->study, ps_study_free);
  g_clear_pointer (&self->code, g_free);
  self->active = FALSE;
  if (model != NULL && document != NULL && g_strcmp0 (ps_document_get_kind (document), "beam") == 0
      && ps_csv_model_find_column (model, "item") >= 0)
    {
      JsonObject *root = ps_document_get_root (document);
      JsonNode *d = json_object_get_member (root, "design");

      self->study = ps_document_dup_study (document, NULL);
      if (d != NULL && JSON_NODE_HOLDS_OBJECT (d))
        self->code = g_strdup (ps_gui_json_string_member (json_node_get_object (d), "code", "EN"));
      self->active = self->study != NULL;
    }
  if (self->active)
    self->model = g_object_ref (model);
  gtk_widget_set_visible (self->scroller, self->active);
  clear_shown (self, NULL);
  if (model == NULL)
    return NULL;
  sel = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (model)));
  gtk_single_selection_set_autoselect (sel, FALSE);
  gtk_single_selection_set_can_unselect (sel, TRUE);
  gtk_single_selection_set_selected (sel, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (sel, "notify::selected", G_CALLBACK (on_selected), self, 0);
  return GTK_SELECTION_MODEL (sel);
}

void
ps_beam_detail_attach (PsBeamDetail *self, GtkWidget *table_scroller)
{
  GtkWidget *parent = gtk_widget_get_parent (table_scroller);
  GtkWidget *prev = gtk_widget_get_prev_sibling (table_scroller);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);

  g_object_ref (table_scroller);
  gtk_box_remove (GTK_BOX (parent), table_scroller);
  gtk_paned_set_start_child (GTK_PANED (paned), table_scroller);
  g_object_unref (table_scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), self->scroller);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_insert_child_after (GTK_BOX (parent), paned, prev);
}

/* ---- the widget ------------------------------------------------------------------ */

static void
ps_beam_detail_dispose (GObject *object)
{
  PsBeamDetail *self = PS_BEAM_DETAIL (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->study, ps_study_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->checks, g_array_unref);
  g_clear_pointer (&self->reaction_x, g_array_unref);
  g_clear_pointer (&self->reaction_R, g_array_unref);
  G_OBJECT_CLASS (ps_beam_detail_parent_class)->dispose (object);
}

static void
ps_beam_detail_class_init (PsBeamDetailClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_beam_detail_dispose;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "heading");
  gtk_widget_set_margin_top (l, 6);
  return l;
}

static void
ps_beam_detail_init (PsBeamDetail *self)
{
  GtkBox *box = GTK_BOX (self);

  self->checks = g_array_new (FALSE, TRUE, sizeof (Check));
  g_array_set_clear_func (self->checks, check_clear);
  self->reaction_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->reaction_R = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 10);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 10);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 10);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_widget_add_css_class (self->title, "title-4");
  gtk_box_append (box, self->title);
  self->governing = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->governing), 0);
  gtk_label_set_wrap (GTK_LABEL (self->governing), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->governing), TRUE);
  gtk_box_append (box, self->governing);

  gtk_box_append (box, heading (_ ("Utilisation of each check (limit 1.0)")));
  self->bars = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->bars), draw_bars, self, NULL);
  gtk_box_append (box, self->bars);

  self->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "error");
  gtk_box_append (box, self->message);

  self->reactions = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->reactions), 0);
  gtk_label_set_selectable (GTK_LABEL (self->reactions), TRUE);
  gtk_widget_set_margin_top (self->reactions, 6);
  gtk_box_append (box, self->reactions);

  for (guint i = 0; i < 3; i++)
    {
      self->charts[i] = ps_gui_chart_new ();
      gtk_widget_set_size_request (self->charts[i], -1, 170);
      gtk_box_append (box, self->charts[i]);
    }
}

GtkWidget *
ps_beam_detail_new (void)
{
  PsBeamDetail *self = g_object_new (PS_TYPE_BEAM_DETAIL, NULL);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self));
  gtk_widget_set_size_request (self->scroller, 380, -1);
  gtk_widget_set_visible (self->scroller, FALSE);
  clear_shown (self, NULL);
  return GTK_WIDGET (self);
}

gboolean
ps_beam_detail_get_active (PsBeamDetail *self)
{
  return self->active;
}

const char *
ps_beam_detail_get_title (PsBeamDetail *self)
{
  return gtk_label_get_text (GTK_LABEL (self->title));
}

guint
ps_beam_detail_get_n_checks (PsBeamDetail *self)
{
  return self->checks->len;
}

const char *
ps_beam_detail_get_check_column (PsBeamDetail *self, guint i)
{
  return i < self->checks->len ? g_array_index (self->checks, Check, i).column : NULL;
}

const char *
ps_beam_detail_get_check_label (PsBeamDetail *self, guint i)
{
  return i < self->checks->len ? g_array_index (self->checks, Check, i).label : NULL;
}

double
ps_beam_detail_get_check_value (PsBeamDetail *self, guint i)
{
  return i < self->checks->len ? g_array_index (self->checks, Check, i).u : NAN;
}

guint
ps_beam_detail_get_n_reactions (PsBeamDetail *self)
{
  return self->reaction_R->len;
}

double
ps_beam_detail_get_reaction (PsBeamDetail *self, guint i, double *x)
{
  if (i >= self->reaction_R->len)
    return NAN;
  if (x != NULL)
    *x = g_array_index (self->reaction_x, double, i);
  return g_array_index (self->reaction_R, double, i);
}

GtkWidget *
ps_beam_detail_get_chart (PsBeamDetail *self, guint i)
{
  return i < 3 ? self->charts[i] : NULL;
}
