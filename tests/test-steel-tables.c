#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-steel-tables.h"
#include "ps-steel.h"
#include "ps-test-utils.h"

/* The data the steel checks read: the design columns of data/sections.csv against the
 * catalogues they come from, data/steel-grades.csv against EN 1993-1-1 Table 3.1 and the
 * ASTM grades, the parametric hollow sections against the SCI "Blue Book" and a
 * numerical integration of their shape, and the loaders' messages for bad input. */

#define MPA 1e6
#define KSI 6.894757293168361e6
#define IN 25.4e-3
#define IN2 (IN * IN)
#define IN3 (IN2 * IN)
#define IN4 (IN2 * IN2)
#define IN6 (IN3 * IN3)
#define CM2 1e-4
#define CM3 1e-6
#define CM4 1e-8
#define CM6 1e-12

/* ---------------------------------------------------------------------------------
 * Section design columns
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *designation;
  const char *what;
  gsize offset; /* of the double in PsSectionInfo */
  double want;  /* SI */
  double rtol;
  const char *source;
} ColumnCase;

#define COL(m) G_STRUCT_OFFSET (PsSectionInfo, m)

static const ColumnCase column_cases[] = {
  /* ArcelorMittal Sections and Merchant Bars catalogue, IPE 300. */
  { "IPE 300", "W_pl,y", COL (Wpl_y), 628.4 * CM3, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "A_v,z", COL (Av_z), 25.68 * CM2, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "I_z", COL (Iz), 603.8 * CM4, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "W_el,z", COL (Wel_z), 80.50 * CM3, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "W_pl,z", COL (Wpl_z), 125.2 * CM3, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "i_z", COL (i_z), 3.35e-2, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "I_t", COL (It), 20.12 * CM4, 1e-9, "ArcelorMittal: IPE 300" },
  { "IPE 300", "I_w", COL (Iw), 125.9e3 * CM6, 1e-9, "ArcelorMittal: IPE 300" },
  /* ArcelorMittal, HE 300 B. */
  { "HEB 300", "W_pl,y", COL (Wpl_y), 1869 * CM3, 1e-9, "ArcelorMittal: HE 300 B" },
  { "HEB 300", "A_v,z", COL (Av_z), 47.43 * CM2, 1e-9, "ArcelorMittal: HE 300 B" },
  { "HEB 300", "I_z", COL (Iz), 8563 * CM4, 1e-9, "ArcelorMittal: HE 300 B" },
  { "HEB 300", "I_t", COL (It), 185.0 * CM4, 1e-9, "ArcelorMittal: HE 300 B" },
  { "HEB 300", "I_w", COL (Iw), 1688e3 * CM6, 1e-9, "ArcelorMittal: HE 300 B" },
  /* AISC Manual 15th ed. Table 1-1, W18x50 (= W460x74), as used in AISC Design Examples
   * v15.0, F.1: imperial values; the table holds the database's metric ones (3 figures). */
  { "W460x74", "Z_x", COL (Wpl_y), 101 * IN3, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "S_x", COL (W), 88.9 * IN3, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "r_y", COL (i_z), 1.65 * IN, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "r_ts", COL (r_ts), 1.98 * IN, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "h_o", COL (h_o), 17.4 * IN, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "J", COL (It), 1.24 * IN4, 6e-3, "AISC Manual Table 1-1: W18x50" },
  { "W460x74", "C_w", COL (Iw), 3040 * IN6, 6e-3, "AISC Manual Table 1-1: W18x50" },
  /* W24x62 (= W610x92), AISC Design Examples v15.0, G.1A: d = 23.7 in, t_w = 0.430 in;
   * Z_x = 153 in^3 (AISC Manual Table 1-1). */
  { "W610x92", "d", COL (h), 23.7 * IN, 6e-3, "AISC Design Examples G.1A: W24x62" },
  { "W610x92", "t_w", COL (tw), 0.430 * IN, 6e-3, "AISC Design Examples G.1A: W24x62" },
  { "W610x92", "Z_x", COL (Wpl_y), 153 * IN3, 6e-3, "AISC Manual Table 1-1: W24x62" },
  /* SCI/ArcelorMittal Orange Book (UK NA), UB 457 x 191 x 67. */
  { "UB 457x191x67", "W_pl,y", COL (Wpl_y), 1470 * CM3, 1e-9, "Orange Book: UB 457x191x67" },
  { "UB 457x191x67", "I_z", COL (Iz), 1450 * CM4, 1e-9, "Orange Book: UB 457x191x67" },
  { "UB 457x191x67", "I_t", COL (It), 37.0 * CM4, 1e-9, "Orange Book: UB 457x191x67" },
  { "UB 457x191x67", "I_w", COL (Iw), 0.704e6 * CM6, 1e-9, "Orange Book: UB 457x191x67" },
  { "UC 203x203x46", "I_y", COL (I), 4560 * CM4, 1e-9, "Orange Book: UC 203x203x46" },
  { "UC 203x203x46", "I_t", COL (It), 22.1 * CM4, 1e-9, "Orange Book: UC 203x203x46" },
};

static void
test_section_columns (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_cases); i++)
    {
      const ColumnCase *c = &column_cases[i];
      const PsSectionInfo *s = ps_sections_lookup (c->designation);
      char label[160];

      if (s == NULL)
        g_error ("section \"%s\" not found", c->designation);
      g_snprintf (label, sizeof label, "%s %s (%s)", c->designation, c->what, c->source);
      assert_close (label, G_STRUCT_MEMBER (double, s, c->offset), c->want, c->rtol);
    }
}

/* Every row against the relations its columns must satisfy: W_pl > W_el, I_z < I_y,
 * i_z = sqrt (I_z / A), the EN 1993-1-1 6.2.6(3)(a) shear area for the catalogue's A_v,z,
 * and AISC 360-16 F2-7 (r_ts^2 = sqrt (I_y C_w) / S_x) with h_o = d - t_f for W shapes. */
static void
test_section_columns_consistent (void)
{
  guint n = ps_sections_get_n (), n_av = 0, n_rts = 0;

  for (guint i = 0; i < n; i++)
    {
      const PsSectionInfo *s = ps_sections_get_nth (i);
      char label[160];

      g_assert_cmpfloat (s->Wpl_y, >, s->W);
      g_assert_cmpfloat (s->Iz, <, s->I);
      g_assert_cmpfloat (s->Wpl_z, >, s->Wel_z);
      g_assert_cmpfloat (s->It, >, 0);
      g_assert_cmpfloat (s->Iw, >, 0);
      g_snprintf (label, sizeof label, "%s: i_z against sqrt (I_z / A)", s->designation);
      /* i_z is published to 3 figures; the Orange Book gives UB and UC to 0.1 cm (and
       * its A to 3 figures): within 0.8 mm. */
      if (g_str_equal (s->family, "UB") || g_str_equal (s->family, "UC"))
        g_assert_cmpfloat (fabs (s->i_z - sqrt (s->Iz / s->A)), <=, 0.8e-3);
      else
        assert_close (label, s->i_z, sqrt (s->Iz / s->A), 0.01);
      if (!isnan (s->Av_z))
        {
          double av = s->A - 2 * s->b * s->tf + (s->tw + 2 * s->r) * s->tf;

          g_snprintf (label, sizeof label, "%s: A_v,z against 6.2.6(3)(a)", s->designation);
          assert_close (label, s->Av_z, av, 0.005);
          n_av++;
        }
      if (!isnan (s->r_ts))
        {
          g_snprintf (label, sizeof label, "%s: r_ts against F2-7", s->designation);
          assert_close (label, s->r_ts * s->r_ts, sqrt (s->Iz * s->Iw) / s->W, 0.02);
          g_snprintf (label, sizeof label, "%s: h_o against d - t_f", s->designation);
          assert_close (label, s->h_o, s->h - s->tf, 0.01);
          n_rts++;
        }
    }
  g_test_message ("%u rows with A_v,z, %u with r_ts", n_av, n_rts);
  g_assert_cmpuint (n_av, ==, 18 + 24 + 24);
  g_assert_cmpuint (n_rts, >, 70);
}

static void
test_section_families (void)
{
  static const struct
  {
    const char *lookup, *designation, *family;
  } cases[] = {
    { "UB 254 x 146 x 31", "UB 254 x 146 x 31", "UB" },
    { "ub254x146x31", "UB 254 x 146 x 31", "UB" },
    { "UC 152x152x23", "UC 152 x 152 x 23", "UC" },
    { "UB 1016 x 305 x 584", "UB 1016 x 305 x 584", "UB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PsSectionInfo *s = ps_sections_lookup (cases[i].lookup);

      if (s == NULL)
        g_error ("section \"%s\" not found", cases[i].lookup);
      g_assert_cmpstr (s->designation, ==, cases[i].designation);
      g_assert_cmpstr (s->family, ==, cases[i].family);
    }
  /* The notes in "##" lines stay out of the sources the report quotes. */
  g_assert_nonnull (strstr (ps_sections_get_source (), "Orange Book"));
  g_assert_null (strstr (ps_sections_get_source (), "eurocodepy"));
}

/* ---------------------------------------------------------------------------------
 * Steel grades
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *lookup, *name, *code;
  double t; /* m */
  double fy, fu, E, G;
  const char *source;
} GradeCase;

/* EN 1993-1-1 Table 3.1; E, G: 3.2.6(1). ASTM A992 / A36 through AISC Manual Table 2-4,
 * E = 29 000 ksi, G = 11 200 ksi (AISC 360-16). A thickness exactly at a limit belongs
 * to the thinner range ("t <= 40 mm"). */
static const GradeCase grade_cases[] = {
  { "S235", "S235", "EN", 10e-3, 235 * MPA, 360 * MPA, 210e9, 81e9, "Table 3.1, EN 10025-2" },
  { "S235", "S235", "EN", 40e-3, 235 * MPA, 360 * MPA, 210e9, 81e9, "Table 3.1, t = 40 mm" },
  { "s235", "S235", "EN", 40.001e-3, 215 * MPA, 360 * MPA, 210e9, 81e9, "Table 3.1, t > 40 mm" },
  { "S275", "S275", "EN", 20e-3, 275 * MPA, 430 * MPA, 210e9, 81e9, "Table 3.1" },
  { "S275", "S275", "EN", 60e-3, 255 * MPA, 410 * MPA, 210e9, 81e9, "Table 3.1" },
  { "S 355", "S355", "EN", 10.7e-3, 355 * MPA, 510 * MPA, 210e9, 81e9, "Table 3.1" },
  { "S355", "S355", "EN", 80e-3, 335 * MPA, 470 * MPA, 210e9, 81e9, "Table 3.1, t = 80 mm" },
  { "S420", "S420", "EN", 30e-3, 420 * MPA, 520 * MPA, 210e9, 81e9, "Table 3.1, EN 10025-3" },
  { "S420", "S420", "EN", 50e-3, 390 * MPA, 520 * MPA, 210e9, 81e9, "Table 3.1, EN 10025-3" },
  { "S460", "S460", "EN", 30e-3, 460 * MPA, 540 * MPA, 210e9, 81e9, "Table 3.1, EN 10025-3" },
  { "S460", "S460", "EN", 50e-3, 430 * MPA, 540 * MPA, 210e9, 81e9, "Table 3.1, EN 10025-3" },
  { "S355H", "S355H", "EN", 50e-3, 335 * MPA, 490 * MPA, 210e9, 81e9, "Table 3.1, EN 10210-1" },
  { "A992", "A992", "AISC", 0.57 * IN, 50 * KSI, 65 * KSI, 29000 * KSI, 11200 * KSI, "ASTM A992" },
  { "a-992", "A992", "AISC", 0.2, 50 * KSI, 65 * KSI, 29000 * KSI, 11200 * KSI, "ASTM A992" },
  { "A36", "A36", "AISC", 0.02, 36 * KSI, 58 * KSI, 29000 * KSI, 11200 * KSI, "ASTM A36" },
};

static void
test_grades (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (grade_cases); i++)
    {
      const GradeCase *c = &grade_cases[i];
      const PsSteelGradeInfo *g = ps_steel_grades_lookup (c->lookup);
      PsSteelMaterial m;
      char label[160];

      if (g == NULL)
        g_error ("grade \"%s\" not found", c->lookup);
      g_assert_cmpstr (g->name, ==, c->name);
      g_assert_cmpstr (g->code, ==, c->code);
      m = ps_steel_grade_material (&g->grade, c->t);
      g_snprintf (label, sizeof label, "%s f_y at t = %g mm (%s)", c->name, c->t * 1e3, c->source);
      assert_close (label, m.fy, c->fy, 1e-12);
      g_snprintf (label, sizeof label, "%s f_u at t = %g mm (%s)", c->name, c->t * 1e3, c->source);
      assert_close (label, m.fu, c->fu, 1e-12);
      assert_close ("E", m.E, c->E, 1e-12);
      assert_close ("G", m.G, c->G, 1e-12);
    }
  /* 50 ksi = 344.7 MPa (AISC Manual, SI conversions). */
  assert_close ("A992 F_y in MPa", ps_steel_grades_lookup ("A992")->grade.fy1, 344.7e6, 2e-4);
}

static void
test_grades_thickness_limits (void)
{
  const PsSteelGradeInfo *s355 = ps_steel_grades_lookup ("S355");
  const PsSteelGradeInfo *s355h = ps_steel_grades_lookup ("S355H");
  PsSteelSection thick = { 0 };
  PsSteelMaterial m;
  g_autoptr (GError) error = NULL;

  /* Beyond Table 3.1 (80 mm; 65 mm for EN 10210-1 hollow sections): no f_y. */
  g_assert_true (isnan (ps_steel_grade_material (&s355->grade, 80.001e-3).fy));
  g_assert_true (isnan (ps_steel_grade_material (&s355h->grade, 65.001e-3).fy));
  g_assert_true (isnan (ps_steel_grade_material (&s355->grade, 0).fy));
  g_assert_true (isnan (ps_steel_grade_material (&s355->grade, NAN).fy));
  thick.shape = PS_STEEL_SHAPE_I_ROLLED;
  thick.tw = 45e-3;
  thick.tf = 90e-3;
  g_assert_false (ps_steel_material_for (s355, &thick, &m, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "S355"));
  g_assert_nonnull (strstr (error->message, "90 mm"));
  g_assert_nonnull (strstr (error->message, "80 mm"));
}

static void
test_grades_unknown (void)
{
  static const char *const unknown[] = { "S500", "S355JR2", "", "A572", "steel", "S35" };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (ps_steel_grades_find (unknown[i], &error));
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "unknown steel grade"));
      g_assert_nonnull (strstr (error->message, unknown[i]));
      /* It lists what is known. */
      g_assert_nonnull (strstr (error->message, "S355"));
      g_assert_nonnull (strstr (error->message, "A992"));
    }
  g_assert_nonnull (ps_steel_grades_find ("s460", NULL));
  g_assert_nonnull (strstr (ps_steel_grades_get_source (), "EN 1993-1-1:2005 Table 3.1"));
  g_assert_nonnull (strstr (ps_steel_grades_get_source (), "ASTM A992"));
}

#define HEADER "name,code,standard,unit,t1_mm,fy1,fu1,t2_mm,fy2,fu2,E,G\n"

static void
test_grades_parser (void)
{
  static const struct
  {
    const char *csv;
    const char *message; /* a part of the expected message; NULL: parses */
  } cases[] = {
    { HEADER "X1,EN,std,MPa,40,235,360,80,215,360,210000,81000\n", NULL },
    { "# a comment\n\n" HEADER "X1,AISC,std,ksi,,50,65,,,,29000,11200\n", NULL },
    { HEADER "X1,EN,std,MPa,40,235,360,80,215,360,210000\n", "line 2: 11 columns, expected 12" },
    { "name,code,standard,unit,t1,fy1,fu1,t2_mm,fy2,fu2,E,G\n", "column 5 must be “t1_mm”" },
    { HEADER "X1,EN,std,psi,40,235,360,80,215,360,210000,81000\n", "unit must be" },
    { HEADER "X1,BS,std,MPa,40,235,360,80,215,360,210000,81000\n", "code must be" },
    { HEADER "X1,EN,std,MPa,40,abc,360,80,215,360,210000,81000\n",
      "column “fy1” must be a positive" },
    { HEADER "X1,EN,std,MPa,40,-235,360,80,215,360,210000,81000\n",
      "column “fy1” must be a positive" },
    { HEADER "X1,EN,std,MPa,40,nan,360,80,215,360,210000,81000\n", "must be a positive" },
    { HEADER "X1,EN,std,MPa,40,235,,80,215,360,210000,81000\n", "column “fu1” is empty" },
    { HEADER "X1,EN,std,MPa,40,235,360,30,215,360,210000,81000\n", "second thickness range" },
    { HEADER "X1,EN,std,MPa,40,235,360,80,,360,210000,81000\n", "second thickness range" },
    { HEADER "X1,EN,std,MPa,40,235,200,80,215,360,210000,81000\n", "f_u is below f_y" },
    { HEADER ",EN,std,MPa,40,235,360,80,215,360,210000,81000\n", "line 2: no name" },
    { HEADER "X1,EN,std,MPa,40,235,360,80,215,360,210000,81000\n"
             "x 1,EN,std,MPa,40,235,360,80,215,360,210000,81000\n",
      "line 3: grade “x 1” appears twice" },
    { HEADER, "no grade" },
    { "", "no grade" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsSteelGradeTable) t = ps_steel_grade_table_parse (cases[i].csv, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (t);
          g_assert_cmpuint (ps_steel_grade_table_get_n (t), ==, 1);
          continue;
        }
      g_assert_null (t);
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" does not contain \"%s\"", i, error->message, cases[i].message);
    }
}

/* ---------------------------------------------------------------------------------
 * Hollow sections
 * ------------------------------------------------------------------------------ */

/* Hot-finished SHS, EN 10210-2 (Celsius 355): SCI/Tata Steel "Blue Book", Eurocode 3 UK
 * NA edition, as transcribed in xcfem/xc aux/bs_en_10210_hfshs_profiles.json (A, I, W_el,
 * W_pl, I_t to 3 figures). */
static void
test_shs_blue_book (void)
{
  static const struct
  {
    double b, t, A, I, Wel, Wpl, It;
  } cases[] = {
    { 100e-3, 5e-3, 18.7 * CM2, 279 * CM4, 55.9 * CM3, 66.4 * CM3, 439 * CM4 },
    { 200e-3, 10e-3, 74.9 * CM2, 4470 * CM4, 447 * CM3, 531 * CM3, 7030 * CM4 },
    { 100e-3, 5.6e-3, 20.8 * CM2, 306 * CM4, 61.2 * CM3, 73.2 * CM3, 484 * CM4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsSteelSection s;
      char label[96];

      g_assert_true (ps_steel_section_rhs_new (cases[i].b, cases[i].b, cases[i].t, &s, NULL));
      g_snprintf (label, sizeof label, "SHS %gx%g A", cases[i].b * 1e3, cases[i].t * 1e3);
      assert_close (label, s.A, cases[i].A, 0.003);
      assert_close ("I_y", s.Iy, cases[i].I, 0.003);
      assert_close ("I_z", s.Iz, cases[i].I, 0.003);
      assert_close ("W_el", s.Wel_y, cases[i].Wel, 0.003);
      assert_close ("W_pl", s.Wpl_y, cases[i].Wpl, 0.003);
      assert_close ("I_t", s.It, cases[i].It, 0.003);
      g_assert_cmpfloat (s.Iw, ==, 0);
    }
}

/* The RHS formulas against a midpoint-rule integration of the EN 10210-2 shape: the
 * rectangle h x b less the rectangle (h - 2t) x (b - 2t), corners rounded outside with
 * 1.5 t and inside with 1.0 t. */
static gboolean
in_rounded_rect (double y, double z, double h, double b, double R)
{
  double dy = fabs (y) - (h / 2 - R), dz = fabs (z) - (b / 2 - R);

  if (fabs (y) > h / 2 || fabs (z) > b / 2)
    return FALSE;
  if (dy > 0 && dz > 0)
    return dy * dy + dz * dz <= R * R;
  return TRUE;
}

static void
test_rhs_integration (void)
{
  const double h = 200e-3, b = 100e-3, t = 8e-3;
  const int ny = 4000, nz = 2000;
  double A = 0, Iy = 0, Iz = 0, Sy = 0;
  PsSteelSection s;

  for (int i = 0; i < ny; i++)
    for (int j = 0; j < nz; j++)
      {
        double y = -h / 2 + (i + 0.5) * h / ny, z = -b / 2 + (j + 0.5) * b / nz;
        double dA = (h / ny) * (b / nz);

        if (in_rounded_rect (y, z, h, b, 1.5 * t)
            && !in_rounded_rect (y, z, h - 2 * t, b - 2 * t, t))
          {
            A += dA;
            Iy += y * y * dA;
            Iz += z * z * dA;
            Sy += fabs (y) * dA;
          }
      }
  g_assert_true (ps_steel_section_rhs_new (h, b, t, &s, NULL));
  assert_close ("RHS 200x100x8 A", s.A, A, 1e-3);
  assert_close ("RHS 200x100x8 I_y", s.Iy, Iy, 1e-3);
  assert_close ("RHS 200x100x8 I_z", s.Iz, Iz, 1e-3);
  assert_close ("RHS 200x100x8 W_pl,y", s.Wpl_y, Sy, 1e-3);
  assert_close ("RHS 200x100x8 i_z", s.i_z, sqrt (Iz / A), 1e-3);
}

/* CHS 168.3 x 8 by the closed forms of the annulus (hand calculation):
 * d = 152.3 mm; A = pi (168.3^2 - 152.3^2)/4 = 4028.8 mm^2;
 * I = pi (168.3^4 - 152.3^4)/64 = 1.2973e7 mm^4; W_el = 2I/D = 154.17e3 mm^3;
 * W_pl = (168.3^3 - 152.3^3)/6 = 205.73e3 mm^3; I_t = 2I. */
static void
test_chs (void)
{
  PsSteelSection s;

  g_assert_true (ps_steel_section_chs_new (168.3e-3, 8e-3, &s, NULL));
  assert_close ("CHS A", s.A, 4028.8e-6, 1e-4);
  assert_close ("CHS I", s.Iy, 1.2973e-5, 1e-4);
  assert_close ("CHS W_el", s.Wel_y, 154.17e-6, 1e-4);
  assert_close ("CHS W_pl", s.Wpl_y, 205.73e-6, 1e-4);
  assert_close ("CHS I_t", s.It, 2 * 1.2973e-5, 1e-4);
  g_assert_cmpint (s.shape, ==, PS_STEEL_SHAPE_CHS);
}

static void
test_hollow_bad_input (void)
{
  static const struct
  {
    const char *shape;
    double a, b, t;
    const char *message;
  } cases[] = {
    { "rhs", 200e-3, 100e-3, 40e-3, "t: must be less than a third" },
    { "rhs", 200e-3, 100e-3, 0, "t: must be a positive length" },
    { "rhs", -200e-3, 100e-3, 5e-3, "h: must be a positive length" },
    { "rhs", 200e-3, NAN, 5e-3, "b: must be a positive length" },
    { "rhs", 200e-3, INFINITY, 5e-3, "b: must be a positive length" },
    { "chs", 100e-3, 0, 50e-3, "t: must be less than half of D" },
    { "chs", 0, 0, 5e-3, "D: must be a positive length" },
    { "chs", 100e-3, 0, NAN, "t: must be a positive length" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      PsSteelSection s;
      gboolean ok = g_str_equal (cases[i].shape, "rhs")
                        ? ps_steel_section_rhs_new (cases[i].a, cases[i].b, cases[i].t, &s, &error)
                        : ps_steel_section_chs_new (cases[i].a, cases[i].t, &s, &error);

      g_assert_false (ok);
      g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" does not contain \"%s\"", i, error->message, cases[i].message);
    }
}

static void
test_section_from_info (void)
{
  PsSectionInfo odd = *ps_sections_lookup ("IPE 300");
  PsSteelSection s;
  g_autoptr (GError) error = NULL;

  g_assert_true (ps_steel_section_from_info (ps_sections_lookup ("IPE 300"), &s, NULL));
  g_assert_cmpint (s.shape, ==, PS_STEEL_SHAPE_I_ROLLED);
  g_assert_cmpfloat (s.Wpl_y, ==, 628.4e-6);
  odd.family = "UPN";
  g_assert_false (ps_steel_section_from_info (&odd, &s, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UPN"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/steel-tables/sections/design-columns", test_section_columns);
  g_test_add_func ("/engine/steel-tables/sections/consistent", test_section_columns_consistent);
  g_test_add_func ("/engine/steel-tables/sections/uk-families", test_section_families);
  g_test_add_func ("/engine/steel-tables/sections/from-info", test_section_from_info);
  g_test_add_func ("/engine/steel-tables/grades/table-3.1", test_grades);
  g_test_add_func ("/engine/steel-tables/grades/thickness", test_grades_thickness_limits);
  g_test_add_func ("/engine/steel-tables/grades/unknown", test_grades_unknown);
  g_test_add_func ("/engine/steel-tables/grades/parser", test_grades_parser);
  g_test_add_func ("/engine/steel-tables/hollow/shs-blue-book", test_shs_blue_book);
  g_test_add_func ("/engine/steel-tables/hollow/rhs-integration", test_rhs_integration);
  g_test_add_func ("/engine/steel-tables/hollow/chs", test_chs);
  g_test_add_func ("/engine/steel-tables/hollow/bad-input", test_hollow_bad_input);

  return g_test_run ();
}
