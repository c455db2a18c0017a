/* ps-steel-math.h: steel cross-sections and grades for the code checks of EN 1993-1-1
 * (ps-ec3-math.h) and AISC 360-16 (ps-aisc360-math.h).
 *
 * A PsSteelSection holds every property the checks read, in SI units (m, m^2, m^3, m^4,
 * m^6). Rolled I sections come from the section table (ps_steel_section_from_info() in
 * ps-steel.c fills one from a PsSectionInfo); rectangular and circular hollow sections
 * are parametric, their properties computed here from EN 10210-2 (hot-finished hollow
 * sections), so that a sweep over h, b, t or D can compute them per configuration, on
 * the CPU and in the GPU kernels alike.
 *
 * Plain C (no GLib), only +, -, *, / and sqrt (IEEE 754 correctly rounded), so that the
 * same bits come out under nvcc (PS_HD, -ffp-contract=off / --fmad=false).
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_STEEL_PI 3.14159265358979323846

  typedef enum
  {
    PS_STEEL_SHAPE_I_ROLLED, /* doubly symmetric hot-rolled I or H (IPE, HE, W, UB, UC) */
    PS_STEEL_SHAPE_RHS,      /* rectangular or square hollow section, EN 10210 */
    PS_STEEL_SHAPE_CHS,      /* circular hollow section, EN 10210 */
  } PsSteelShape;

  /* What each check needs of a cross-section. Bending is about y (the strong axis, h
   * the depth in the plane of bending). Values a source does not publish are NAN; the
   * checks derive what the codes allow them to (A_v, r_ts, h_o) and refuse the rest. */
  typedef struct
  {
    PsSteelShape shape;
    double h, b;   /* depth and width, m (CHS: h = b = D) */
    double tw, tf; /* web and flange thickness, m (hollow: tw = tf = t) */
    double r;      /* I: root radius; RHS: outside corner radius used for the properties */
    double A;
    double Iy, Wel_y, Wpl_y;
    double Iz, Wel_z, Wpl_z;
    double It, Iw;
    double Av_z; /* shear area as published (I sections), NAN: EN 1993-1-1 6.2.6(3) */
    double i_z;
    double r_ts, h_o; /* AISC 360-16 F2; NAN: derived by F2-7 and h - tf */
  } PsSteelSection;

  /* A grade's strength by element thickness (EN 1993-1-1 Table 3.1 gives two ranges,
   * t <= 40 mm and 40 < t <= 80 mm; ASTM grades one). Thicknesses beyond t2 (or t1 where
   * t2 is NAN) are outside the table: f_y is NAN and the checks refuse. */
  typedef struct
  {
    double t1, fy1, fu1; /* t1 = INFINITY: no thickness limit */
    double t2, fy2, fu2; /* NAN: no second range */
    double E, G;         /* Pa */
  } PsSteelGrade;

  /* The yield and ultimate strengths and elastic moduli a check uses, Pa. */
  typedef struct
  {
    double fy, fu, E, G;
  } PsSteelMaterial;

  /* The thickness that selects f_y: the thickest element (for rolled I sections the
   * flange, EN 1993-1-1 Table 3.1 "nominal thickness of the element"). */
  static inline PS_HD double ps_steel_section_thickness (const PsSteelSection *s)
  {
    return s->tf > s->tw ? s->tf : s->tw;
  }

  /* f_y, f_u, E and G of a grade for an element of thickness t (m). */
  static inline PS_HD PsSteelMaterial ps_steel_grade_material (const PsSteelGrade *g, double t)
  {
    PsSteelMaterial m;

    m.E = g->E;
    m.G = g->G;
    if (t > 0 && t <= g->t1)
      {
        m.fy = g->fy1;
        m.fu = g->fu1;
      }
    else if (t > 0 && !isnan (g->t2) && t <= g->t2)
      {
        m.fy = g->fy2;
        m.fu = g->fu2;
      }
    else
      {
        m.fy = NAN;
        m.fu = NAN;
      }
    return m;
  }

  /* One rounded corner (a square of side R less a quarter disc of radius R, the
   * "spandrel") about a line through the corner along one of its faces, at distance c
   * from the axis, the spandrel lying towards the axis: area (1 - pi/4) R^2, first
   * moment about the face R^3 (10 - 3 pi)/12, second moment R^4 (1 - 5 pi/16). Returns
   * its second moment about the axis and, in *first, its first moment about the axis. */
  static inline PS_HD double ps_steel_spandrel (double R, double c, double *first)
  {
    double a = (1.0 - PS_STEEL_PI / 4.0) * R * R;
    double s1 = R * R * R * (10.0 - 3.0 * PS_STEEL_PI) / 12.0;
    double s2 = R * R * R * R * (1.0 - 5.0 * PS_STEEL_PI / 16.0);

    *first = c * a - s1;
    return c * c * a - 2.0 * c * s1 + s2;
  }

  /* Second moment and plastic modulus about the axis parallel to the side of width b, of
   * a hollow rectangle h x b, wall t, outside corner radius ro, inside ri. */
  static inline PS_HD void ps_steel_rhs_axis (double h, double b, double t, double ro, double ri,
                                              double *I, double *Wpl)
  {
    double hi = h - 2.0 * t, bi = b - 2.0 * t;
    double fo, fi;
    double jo = ps_steel_spandrel (ro, h / 2.0, &fo);
    double ji = ps_steel_spandrel (ri, h / 2.0 - t, &fi);

    *I = (b * h * h * h - bi * hi * hi * hi) / 12.0 - 4.0 * jo + 4.0 * ji;
    *Wpl = (b * h * h - bi * hi * hi) / 4.0 - 4.0 * fo + 4.0 * fi;
  }

  /* A hot-finished rectangular (or square) hollow section h x b x t, EN 10210-2:2006.
   * Corner radii for the calculation of properties: outside ro = 1.5 t, inside
   * ri = 1.0 t (EN 10210-2 Annex B, B.1). A, I, W_pl are the exact properties of that
   * shape (EN 10210-2 Annex B, B.2 (area, second moment, plastic modulus)); the torsion
   * constant is B.2's thin-walled formula
   *   I_t = t^3 h_p / 3 + 2 K A_h,  K = 2 A_h t / h_p,
   *   h_p = 2 [(b - t) + (h - t)] - 2 R_c (4 - pi),  A_h = (b - t)(h - t) - R_c^2 (4 - pi),
   *   R_c = (ro + ri) / 2.
   * The warping constant of a closed section is small and is taken as 0 (a lower value
   * gives a lower M_cr: on the safe side). The caller checks 0 < 2 t < min (h, b). */
  static inline PS_HD void ps_steel_section_rhs (double h, double b, double t, PsSteelSection *s)
  {
    double ro = 1.5 * t, ri = 1.0 * t, rc = (ro + ri) / 2.0;
    double hp = 2.0 * ((b - t) + (h - t)) - 2.0 * rc * (4.0 - PS_STEEL_PI);
    double ah = (b - t) * (h - t) - rc * rc * (4.0 - PS_STEEL_PI);
    double k = 2.0 * ah * t / hp;

    s->shape = PS_STEEL_SHAPE_RHS;
    s->h = h;
    s->b = b;
    s->tw = s->tf = t;
    s->r = ro;
    s->A = 2.0 * t * (b + h - 2.0 * t) - (4.0 - PS_STEEL_PI) * (ro * ro - ri * ri);
    ps_steel_rhs_axis (h, b, t, ro, ri, &s->Iy, &s->Wpl_y);
    ps_steel_rhs_axis (b, h, t, ro, ri, &s->Iz, &s->Wpl_z);
    s->Wel_y = 2.0 * s->Iy / h;
    s->Wel_z = 2.0 * s->Iz / b;
    s->It = t * t * t * hp / 3.0 + 2.0 * k * ah;
    s->Iw = 0.0;
    s->Av_z = NAN;
    s->i_z = sqrt (s->Iz / s->A);
    s->r_ts = NAN;
    s->h_o = NAN;
  }

  /* A circular hollow section D x t (EN 10210-2 Annex B, B.3): A = pi (D^2 - d^2)/4,
   * I = pi (D^4 - d^4)/64, W_el = 2 I / D, W_pl = (D^3 - d^3)/6, I_t = 2 I, d = D - 2t. */
  static inline PS_HD void ps_steel_section_chs (double D, double t, PsSteelSection *s)
  {
    double d = D - 2.0 * t;

    s->shape = PS_STEEL_SHAPE_CHS;
    s->h = s->b = D;
    s->tw = s->tf = t;
    s->r = 0.0;
    s->A = PS_STEEL_PI * (D * D - d * d) / 4.0;
    s->Iy = s->Iz = PS_STEEL_PI * (D * D * D * D - d * d * d * d) / 64.0;
    s->Wel_y = s->Wel_z = 2.0 * s->Iy / D;
    s->Wpl_y = s->Wpl_z = (D * D * D - d * d * d) / 6.0;
    s->It = 2.0 * s->Iy;
    s->Iw = 0.0;
    s->Av_z = NAN;
    s->i_z = sqrt (s->Iz / s->A);
    s->r_ts = NAN;
    s->h_o = NAN;
  }

  /* The largest |M| of a segment: its M_max, or a sampled value if larger (so that an
   * M_max below one of the samples cannot understate the action). NaN propagates. */
  static inline PS_HD double ps_steel_segment_max (const PsMomentSegment *m)
  {
    double v[6] = { m->M_max, m->M_a, m->M_b, m->M_q1, m->M_mid, m->M_q3 };
    double mx = fabs (v[0]);

    for (int i = 1; i < 6; i++)
      {
        double x = fabs (v[i]);

        if (isnan (x))
          return x;
        if (x > mx)
          mx = x;
      }
    return mx;
  }

  /* Why a code refused to check a design (no utilisation is then trusted). The sheets
   * (ps-ec3.c, ps-aisc360.c) turn the code into a sentence. */
  typedef enum
  {
    PS_STEEL_OK = 0,
    PS_STEEL_REFUSED_BAD_INPUT,      /* a section property, strength or action not finite */
    PS_STEEL_REFUSED_THICKNESS,      /* element thicker than the grade's table (no f_y) */
    PS_STEEL_REFUSED_CLASS4,         /* EN: class 4 section, W_eff (EN 1993-1-5) not done */
    PS_STEEL_REFUSED_SHEAR_BUCKLING, /* EN: h_w/t_w > 72 eps/eta, EN 1993-1-5 section 5 */
    PS_STEEL_REFUSED_LTB_DATA,       /* I_z, I_t or I_w missing for the LTB check */
    PS_STEEL_REFUSED_LTB_SEGMENT,    /* no segment length for an unrestrained beam */
    PS_STEEL_REFUSED_LTB_C2,         /* EN: destabilising load, C2 not available */
    PS_STEEL_REFUSED_SHAPE,          /* AISC: only F2/F3 I-shapes are implemented */
    PS_STEEL_REFUSED_WEB_NONCOMPACT, /* AISC: web not compact (F4/F5 not implemented) */
  } PsSteelRefusal;

#ifdef __cplusplus
}
#endif
