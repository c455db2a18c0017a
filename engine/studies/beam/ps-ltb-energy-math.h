/* ps-ltb-energy-math.h: the elastic critical moment of a doubly symmetric beam segment
 * with fork supports at both ends (k = k_w = 1: lateral deflection and twist prevented,
 * warping and lateral rotation free, the definition of NCCI SN003b 2 and 3) under a
 * quadratic moment diagram, that is a uniform load with end moments, applied at a height
 * z_g above the shear centre, by the energy method (Rayleigh-Ritz).
 *
 * Total potential energy of the buckled segment, N.S. Trahair, "Flexural-Torsional
 * Buckling of Structures" (E & FN Spon, 1993), ch. 6 (general moment distribution and
 * load height), also S.P. Timoshenko and J.M. Gere, "Theory of Elastic Stability"
 * (2nd ed., 1961), 6.2-6.5:
 *   Pi = 1/2 int (E I_z u''^2 + E I_w phi''^2 + G I_t phi'^2) dx + int M u'' phi dx
 *        - 1/2 int q z_g phi^2 dx,
 * u the lateral deflection of the shear centre, phi the twist, M the moment (sagging
 * positive), q = -M'' the load (downward positive), z_g > 0 above the shear centre (a
 * downward load there is destabilising). The sign of the M u'' phi term depends on the
 * axes chosen; it does not change the eigenvalues (u -> -u).
 *
 * Trial functions satisfying the fork conditions u = u'' = phi = phi'' = 0 at both ends:
 *   u = sum a_m sin (m pi xi), phi = sum b_n sin (n pi xi), xi = x / L, m, n = 1..N.
 * With M = lambda M0, q = lambda q0 the Hessian of Pi is [[D_u, lambda C], [lambda C^T,
 * D_phi - lambda Q]] with D_u, D_phi, Q diagonal; it is positive definite exactly when its
 * Schur complement
 *   S(lambda) = D_phi - lambda Q - lambda^2 C^T D_u^-1 C
 * is. Scaled by 2 / L and divided by D1 = G I_t (pi/L)^2 + E I_w (pi/L)^4 it reads, with
 * lambda = t M_cr,0, M_cr,0 = sqrt (E I_z D1) the critical uniform moment:
 *   S(t)_np = delta_np d_n - t delta_np g - t^2 4 sum_m I_mn I_mp,
 *   d_n = (G I_t (n pi/L)^2 + E I_w (n pi/L)^4) / D1,
 *   g = q0 z_g M_cr,0 / D1,
 *   I_mn = int_0^1 M0(xi) sin (m pi xi) sin (n pi xi) dxi.
 * By Sylvester's law of inertia the number of negative eigenvalues of the Hessian, for
 * t > 0, is the number of buckling eigenvalues in (0, t): S(t) is positive definite
 * exactly for t below the smallest positive one, and the signs of the pivots of its LDL^T
 * decide which side of it t lies on. A bracketed search on that test
 * (ps_ltb_energy_bisect()) finds M_cr = t M_cr,0 max|M0| with no eigen-solver, in fixed-size
 * arrays, with +, -, *, / only (the same bits on the host and under nvcc, as ps-steel-math.h).
 *
 * For M0 = c0 + c1 xi + c2 xi^2, I_mn = (1/2) sum_k c_k [J_k(m - n) - J_k(m + n)] with
 * J_k(p) = int_0^1 xi^k cos (p pi xi) dxi: J_k(0) = 1/(k + 1); for p != 0, J_0 = 0,
 * J_1 = ((-1)^p - 1)/(p pi)^2, J_2 = 2 (-1)^p/(p pi)^2 (integration by parts).
 *
 * For a uniform moment the first sine is the exact buckled shape and the method gives the
 * closed form M_cr,0 (Timoshenko & Gere 6.2); for other diagrams the Ritz value converges
 * from above as N grows (tests/test-ltb-energy.c checks N = 15 against N = 16).
 *
 * ps_ltb_energy_mcr_pieces() takes the exact diagram of the analysis instead
 * (PsMomentPieces, ps-design-math-private.h): pieces on which M0 is a quadratic (a
 * uniform load q0), point loads P at the breaks (the jumps of V) and point moments (the
 * jumps of M, which enter I_mn only). The same energy (Trahair 1993, 6.3 and 6.5, where
 * a concentrated load at height z_g adds - 1/2 P z_g phi(x_P)^2), the same Schur
 * complement and root search, with
 *   I_mn = 1/2 sum_pieces [A(m - n) - A(m + n)],  A(p) = int_piece M0 cos (p pi xi) dxi,
 * integrated exactly by parts: for a quadratic M0 on [xi_0, xi_1], w = p pi,
 *   A(p) = [M0 sin (w xi)/w + M0' cos (w xi)/w^2 - M0'' sin (w xi)/w^3] from xi_0 to xi_1,
 * and the load-height term a full matrix instead of a diagonal,
 *   Q_np = int q0 sin (n pi xi) sin (p pi xi) dxi + sum_j P_j sin (n pi xi_j) sin (p pi xi_j),
 *   S(t)_np = delta_np d_n - t (2 z_g M_cr,0 / (L^2 D1)) Q_np - t^2 4 sum_m I_mn I_mp,
 * q0 and P in the dimensionless units of PsMomentPieces (q L^2 / |M|max, P L / |M|max).
 * One piece of uniform load reduces it to ps_ltb_energy_mcr().
 */
#pragma once

#include <math.h>

#include "ps-design-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_LTB_ENERGY_NMAX 16
#define PS_LTB_ENERGY_N 15 /* terms used by the EN 1993-1-1 check */
#define PS_LTB_ENERGY_PI 3.14159265358979323846

  /* J_k(p) of the header comment, p >= 0. */
  static inline PS_HD double ps_ltb_energy_j (int k, int p)
  {
    double pp, sgn;

    if (p == 0)
      return 1.0 / (double)(k + 1);
    pp = (double)p * PS_LTB_ENERGY_PI;
    sgn = (p % 2 == 0) ? 1.0 : -1.0;
    if (k == 0)
      return 0.0;
    if (k == 1)
      return (sgn - 1.0) / (pp * pp);
    return 2.0 * sgn / (pp * pp);
  }

  /* The largest |M| of the parabola through M_a (xi = 0), M_mid (1/2) and M_b (1). */
  static inline PS_HD double ps_ltb_energy_quadratic_max (double M_a, double M_mid, double M_b)
  {
    double c2 = 2.0 * M_a - 4.0 * M_mid + 2.0 * M_b;
    double c1 = -3.0 * M_a + 4.0 * M_mid - M_b;
    double m = fabs (M_a) > fabs (M_b) ? fabs (M_a) : fabs (M_b);

    if (c2 != 0.0)
      {
        double xv = -c1 / (2.0 * c2);

        if (xv > 0.0 && xv < 1.0)
          {
            double mv = fabs (M_a + c1 * xv + c2 * xv * xv);

            if (mv > m)
              m = mv;
          }
      }
    return m;
  }

  /* h = 4 I^T I of the header comment, from I_mn in @im. */
  static inline PS_HD void
  ps_ltb_energy_gram (const double im[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX],
                      double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], int n)
  {
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        {
          double v = 0.0;

          for (int k = 0; k < n; k++)
            v += im[k][i] * im[k][j];
          h[i][j] = 4.0 * v;
        }
  }

  /* LDL^T of S(t)_np = delta_np d_n - t gm_np - t^2 h_np without pivoting: the number of
   * its negative pivots, which by Sylvester's law of inertia is the number of its
   * negative eigenvalues (-1 at a zero or NaN pivot), and its determinant, the product
   * of the pivots, in *det. */
  static inline PS_HD int
  ps_ltb_energy_inertia (const double *dn, const double gm[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX],
                         const double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], int n, double t,
                         double *det)
  {
    double l[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], d[PS_LTB_ENERGY_NMAX], prod = 1.0;
    int neg = 0;

    for (int j = 0; j < n; j++)
      {
        double dj = -t * t * h[j][j] - t * gm[j][j] + dn[j];

        for (int k = 0; k < j; k++)
          dj -= l[j][k] * l[j][k] * d[k];
        if (!(dj != 0.0) || isnan (dj))
          return -1;
        d[j] = dj;
        neg += dj < 0.0;
        prod *= dj;
        for (int i = j + 1; i < n; i++)
          {
            double v = -t * t * h[i][j] - t * gm[i][j];

            for (int k = 0; k < j; k++)
              v -= l[i][k] * l[j][k] * d[k];
            l[i][j] = v / dj;
          }
      }
    *det = prod;
    return neg;
  }

  /* The smallest positive t at which S(t) of the header comment stops being positive
   * definite (INFINITY past 1e12). The bracket [lo, hi] keeps S(lo) positive definite
   * and S(hi) not; inside it the search is regula falsi with the Illinois modification
   * (Dowell and Jarratt 1971) on det S(t), which changes sign at the root where exactly
   * one eigenvalue crosses zero, so it is used only while S(hi) has exactly one negative
   * eigenvalue; otherwise, and at a zero pivot, the step is a bisection. The decisions
   * are those of the bisection (the inertia at the trial point), so the bracket always
   * holds the root; it stops at 1e-15 of t, as the bisection did, in about a tenth of
   * the factorisations. */
  static inline PS_HD double
  ps_ltb_energy_bisect (const double *dn, const double gm[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX],
                        const double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], int n)
  {
    double lo = 0.0, hi = 1.0, flo = 1.0, fhi = 0.0, det = 0.0;
    int neg_hi, side = 0;

    flo = 1.0;
    for (;;)
      {
        neg_hi = ps_ltb_energy_inertia (dn, gm, h, n, hi, &det);
        if (neg_hi != 0)
          break;
        lo = hi;
        flo = det;
        hi *= 2.0;
        if (hi > 1e12)
          return INFINITY;
      }
    fhi = det;
    if (lo == 0.0)
      {
        /* S(0) is diagonal, d_n > 0: its determinant. */
        flo = 1.0;
        for (int i = 0; i < n; i++)
          flo *= dn[i];
      }
    for (int it = 0; it < 400 && hi - lo > 1e-15 * hi; it++)
      {
        double mid = 0.5 * (lo + hi), c = mid;
        int neg;

        if (neg_hi == 1 && flo > 0.0 && fhi < 0.0)
          {
            c = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(c > lo && c < hi))
              c = mid;
          }
        neg = ps_ltb_energy_inertia (dn, gm, h, n, c, &det);
        if (neg < 0 && c != mid)
          {
            c = mid;
            neg = ps_ltb_energy_inertia (dn, gm, h, n, c, &det);
          }
        if (neg == 0)
          {
            lo = c;
            flo = det;
            if (side == -1)
              fhi *= 0.5;
            side = -1;
          }
        else
          {
            /* Not positive definite (or a zero pivot at the midpoint: on the bisection's
             * side of caution, the root is at or below it). */
            hi = c;
            fhi = neg < 0 ? 0.0 : det;
            neg_hi = neg;
            if (side == 1)
              flo *= 0.5;
            side = 1;
          }
      }
    return 0.5 * (lo + hi);
  }

  /* M_cr (N m, the largest |M| of the segment at buckling) of a fork-supported segment of
   * length @L under the quadratic moment diagram through @M_a, @M_mid, @M_b (N m, sagging
   * positive; the load q = -M'' is uniform), applied at @z_g (m) above the shear centre,
   * with @n_terms sine terms (1..PS_LTB_ENERGY_NMAX) in each of u and phi. E, G in Pa,
   * I_z, I_t in m^4, I_w in m^6. Returns INFINITY for a segment with no moment (nothing
   * buckles), NAN for invalid input. The moments' scale does not matter: only the
   * diagram's shape enters, and the result is the multiple of it that buckles. */
  static inline PS_HD double ps_ltb_energy_mcr (double L, double E, double G, double Iz, double It,
                                                double Iw, double M_a, double M_mid, double M_b,
                                                double z_g, int n_terms)
  {
    double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], gm[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX];
    double im[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], dn[PS_LTB_ENERGY_NMAX];
    double mmax, c[3], k1, D1, mcr0, q0, g, t;
    int n = n_terms;

    if (!(n >= 1 && n <= PS_LTB_ENERGY_NMAX) || !(L > 0.0 && L < INFINITY)
        || !(E > 0.0 && E < INFINITY) || !(G > 0.0 && G < INFINITY) || !(Iz > 0.0 && Iz < INFINITY)
        || !(It >= 0.0 && It < INFINITY) || !(Iw >= 0.0 && Iw < INFINITY) || !(It > 0.0 || Iw > 0.0)
        || !(fabs (M_a) < INFINITY) || !(fabs (M_mid) < INFINITY) || !(fabs (M_b) < INFINITY)
        || !(fabs (z_g) < INFINITY))
      return NAN;
    mmax = ps_ltb_energy_quadratic_max (M_a, M_mid, M_b);
    if (mmax == 0.0)
      return INFINITY;

    /* The diagram scaled to max |M0| = 1, as c0 + c1 xi + c2 xi^2. */
    c[0] = M_a / mmax;
    c[1] = (-3.0 * M_a + 4.0 * M_mid - M_b) / mmax;
    c[2] = (2.0 * M_a - 4.0 * M_mid + 2.0 * M_b) / mmax;
    q0 = -2.0 * c[2] / (L * L); /* q0 = -M0'', per unit of lambda */

    k1 = PS_LTB_ENERGY_PI / L;
    D1 = G * It * k1 * k1 + E * Iw * k1 * k1 * k1 * k1;
    mcr0 = sqrt (E * Iz * D1);
    g = q0 * z_g * mcr0 / D1;
    for (int i = 0; i < n; i++)
      {
        double f = (double)(i + 1) * (double)(i + 1);

        dn[i] = (G * It * k1 * k1 * f + E * Iw * k1 * k1 * k1 * k1 * f * f) / D1;
      }
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        {
          int dm = i > j ? i - j : j - i, sm = i + j + 2;
          double v = 0.0;

          for (int k = 0; k < 3; k++)
            v += c[k] * (ps_ltb_energy_j (k, dm) - ps_ltb_energy_j (k, sm));
          im[i][j] = 0.5 * v;
        }
    ps_ltb_energy_gram (im, h, n);
    /* A uniform load: the load-height term is diagonal. */
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        gm[i][j] = i == j ? g : 0.0;
    t = ps_ltb_energy_bisect (dn, gm, h, n);
    return t < INFINITY ? t * mcr0 : INFINITY;
  }

  /* sin (pi x) and cos (pi x), exact at the multiples of 1/2 (the ends and middle of a
   * segment), where sin (PS_LTB_ENERGY_PI x) would leave rounding noise. */
  static inline PS_HD double ps_ltb_energy_sinpi (double x)
  {
    double r = x - 2.0 * floor (0.5 * x); /* [0, 2) */

    if (r == 0.0 || r == 1.0)
      return 0.0;
    if (r == 0.5)
      return 1.0;
    if (r == 1.5)
      return -1.0;
    return sin (PS_LTB_ENERGY_PI * r);
  }

  static inline PS_HD double ps_ltb_energy_cospi (double x)
  {
    double r = x - 2.0 * floor (0.5 * x);

    if (r == 0.0)
      return 1.0;
    if (r == 1.0)
      return -1.0;
    if (r == 0.5 || r == 1.5)
      return 0.0;
    return cos (PS_LTB_ENERGY_PI * r);
  }

  /* The largest |M| of the pieces: at their ends and at the vertices of their parabolas. */
  static inline PS_HD double ps_ltb_energy_pieces_max (const PsMomentPieces *d)
  {
    double mx = 0.0;

    for (int i = 0; i < d->n; i++)
      {
        double h = (i + 1 < d->n ? d->x[i + 1] : 1.0) - d->x[i];
        double me = d->M[i] + h * (d->V[i] - 0.5 * d->q[i] * h);

        mx = fabs (d->M[i]) > mx ? fabs (d->M[i]) : mx;
        mx = fabs (me) > mx ? fabs (me) : mx;
        if (d->q[i] != 0.0)
          {
            double t = d->V[i] / d->q[i];

            if (t > 0.0 && t < h)
              {
                double mv = fabs (d->M[i] + t * (d->V[i] - 0.5 * d->q[i] * t));

                mx = mv > mx ? mv : mx;
              }
          }
      }
    return mx;
  }

  /* M_cr (N m, the largest |M| of the segment at buckling) of a fork-supported segment of
   * length @L under the piecewise diagram @d (PsMomentPieces: its shape only; the
   * complete flag is the caller's business), the loads applied at @z_g (m) above the
   * shear centre, with @n_terms sine terms (1..PS_LTB_ENERGY_NMAX). E, G in Pa, I_z,
   * I_t in m^4, I_w in m^6. Returns INFINITY for a diagram with no moment, NAN for
   * invalid input (pieces not in order, not starting at 0, not finite). */
  static inline PS_HD double ps_ltb_energy_mcr_pieces (double L, double E, double G, double Iz,
                                                       double It, double Iw,
                                                       const PsMomentPieces *d, double z_g,
                                                       int n_terms)
  {
    double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], gm[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX];
    double im[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], dn[PS_LTB_ENERGY_NMAX];
    /* Per piece and p = 0 .. 2N: A(p) of M0 and B(p) of 1 (for q0). */
    double A[PS_MOMENT_PIECES_MAX][2 * PS_LTB_ENERGY_NMAX + 1];
    double B[PS_MOMENT_PIECES_MAX][2 * PS_LTB_ENERGY_NMAX + 1];
    double P[PS_MOMENT_PIECES_MAX], sx[PS_MOMENT_PIECES_MAX][PS_LTB_ENERGY_NMAX];
    double mmax, k1, D1, mcr0, gz, t;
    int n = n_terms, np = d->n;

    if (!(n >= 1 && n <= PS_LTB_ENERGY_NMAX) || !(L > 0.0 && L < INFINITY)
        || !(E > 0.0 && E < INFINITY) || !(G > 0.0 && G < INFINITY) || !(Iz > 0.0 && Iz < INFINITY)
        || !(It >= 0.0 && It < INFINITY) || !(Iw >= 0.0 && Iw < INFINITY) || !(It > 0.0 || Iw > 0.0)
        || !(fabs (z_g) < INFINITY) || !(np >= 1 && np <= PS_MOMENT_PIECES_MAX) || d->x[0] != 0.0)
      return NAN;
    for (int i = 0; i < np; i++)
      {
        double e = i + 1 < np ? d->x[i + 1] : 1.0;

        if (!(e > d->x[i] && e <= 1.0) || !(fabs (d->M[i]) < INFINITY)
            || !(fabs (d->V[i]) < INFINITY) || !(fabs (d->q[i]) < INFINITY))
          return NAN;
      }
    mmax = ps_ltb_energy_pieces_max (d);
    if (mmax == 0.0)
      return INFINITY;

    /* The integrals of each piece, the diagram scaled to max |M0| = 1. */
    for (int i = 0; i < np; i++)
      {
        double x0 = d->x[i], x1 = i + 1 < np ? d->x[i + 1] : 1.0, hh = x1 - x0;
        double M0 = d->M[i] / mmax, V0 = d->V[i] / mmax, q = d->q[i] / mmax;
        double M1 = M0 + hh * (V0 - 0.5 * q * hh), V1 = V0 - q * hh;

        A[i][0] = hh * (M0 + hh * (0.5 * V0 - q * hh / 6.0));
        B[i][0] = hh;
        for (int p = 1; p <= 2 * n; p++)
          {
            double w = (double)p * PS_LTB_ENERGY_PI;
            double s0 = ps_ltb_energy_sinpi ((double)p * x0),
                   c0 = ps_ltb_energy_cospi ((double)p * x0);
            double s1 = ps_ltb_energy_sinpi ((double)p * x1),
                   c1 = ps_ltb_energy_cospi ((double)p * x1);

            /* M0'' = -q. */
            A[i][p] = (M1 * s1 - M0 * s0) / w + (V1 * c1 - V0 * c0) / (w * w)
                      + q * (s1 - s0) / (w * w * w);
            B[i][p] = (s1 - s0) / w;
          }
        /* The point load at the piece's start: the drop of V there. */
        P[i] = 0.0;
        if (i > 0)
          {
            double hp = x0 - d->x[i - 1];

            P[i] = (d->V[i - 1] - d->q[i - 1] * hp) / mmax - V0;
          }
      }

    k1 = PS_LTB_ENERGY_PI / L;
    D1 = G * It * k1 * k1 + E * Iw * k1 * k1 * k1 * k1;
    mcr0 = sqrt (E * Iz * D1);
    gz = 2.0 * z_g * mcr0 / (L * L * D1);
    for (int i = 0; i < n; i++)
      {
        double f = (double)(i + 1) * (double)(i + 1);

        dn[i] = (G * It * k1 * k1 * f + E * Iw * k1 * k1 * k1 * k1 * f * f) / D1;
      }
    /* sin (n pi xi_k) at each point load, once. */
    for (int k = 1; k < np; k++)
      if (P[k] != 0.0)
        for (int i = 0; i < n; i++)
          sx[k][i] = ps_ltb_energy_sinpi ((double)(i + 1) * d->x[k]);
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        {
          int dm = i > j ? i - j : j - i, sm = i + j + 2;
          double v = 0.0, qv = 0.0;

          for (int k = 0; k < np; k++)
            {
              v += A[k][dm] - A[k][sm];
              qv += d->q[k] / mmax * (B[k][dm] - B[k][sm]);
            }
          qv *= 0.5;
          for (int k = 1; k < np; k++)
            if (P[k] != 0.0)
              qv += P[k] * sx[k][i] * sx[k][j];
          im[i][j] = 0.5 * v;
          gm[i][j] = gz * qv;
        }
    ps_ltb_energy_gram (im, h, n);
    t = ps_ltb_energy_bisect (dn, gm, h, n);
    return t < INFINITY ? t * mcr0 : INFINITY;
  }

  /* A one-entry memo of the M_cr pair (load at the shear centre, load at z_g) of
   * ps_ltb_energy_pair(), keyed on every input bit for bit: the proportional groups of
   * the design path (ps-beam-design-fast.c) carry the same normalised diagram from item
   * to item and compute it once. A hit returns the bits a computation would. Zero it
   * (ps_ltb_energy_memo_init()) before the first use. */
  typedef struct
  {
    int valid;
    PsMomentPieces d;
    double L, E, G, Iz, It, Iw, z_g;
    double mcr_sc, mcr_zg;
  } PsLtbEnergyMemo;

  static inline PS_HD void ps_ltb_energy_memo_init (PsLtbEnergyMemo *m) { m->valid = 0; }

  /* a and b are the same bits (NaN never is: no entry with a NaN is ever hit). */
  static inline PS_HD int ps_ltb_energy_same (double a, double b)
  {
    return a == b && signbit (a) == signbit (b);
  }

  static inline PS_HD int ps_ltb_energy_memo_hit (const PsLtbEnergyMemo *m, double L, double E,
                                                  double G, double Iz, double It, double Iw,
                                                  const PsMomentPieces *d, double z_g)
  {
    if (!m->valid || m->d.n != d->n || m->d.complete != d->complete || !ps_ltb_energy_same (m->L, L)
        || !ps_ltb_energy_same (m->E, E) || !ps_ltb_energy_same (m->G, G)
        || !ps_ltb_energy_same (m->Iz, Iz) || !ps_ltb_energy_same (m->It, It)
        || !ps_ltb_energy_same (m->Iw, Iw) || !ps_ltb_energy_same (m->z_g, z_g))
      return 0;
    for (int i = 0; i < d->n; i++)
      if (!ps_ltb_energy_same (m->d.x[i], d->x[i]) || !ps_ltb_energy_same (m->d.M[i], d->M[i])
          || !ps_ltb_energy_same (m->d.V[i], d->V[i]) || !ps_ltb_energy_same (m->d.q[i], d->q[i]))
        return 0;
    return 1;
  }

  /* M_cr of the diagram @d with the loads at the shear centre (*@mcr_sc) and at @z_g
   * (*@mcr_zg; the same when @z_g is 0), through @memo when it is not NULL. */
  static inline PS_HD void ps_ltb_energy_pair (PsLtbEnergyMemo *memo, double L, double E, double G,
                                               double Iz, double It, double Iw,
                                               const PsMomentPieces *d, double z_g, double *mcr_sc,
                                               double *mcr_zg)
  {
    if (memo != NULL && ps_ltb_energy_memo_hit (memo, L, E, G, Iz, It, Iw, d, z_g))
      {
        *mcr_sc = memo->mcr_sc;
        *mcr_zg = memo->mcr_zg;
        return;
      }
    *mcr_sc = ps_ltb_energy_mcr_pieces (L, E, G, Iz, It, Iw, d, 0.0, PS_LTB_ENERGY_N);
    *mcr_zg = z_g == 0.0 ? *mcr_sc
                         : ps_ltb_energy_mcr_pieces (L, E, G, Iz, It, Iw, d, z_g, PS_LTB_ENERGY_N);
    if (memo != NULL)
      {
        memo->valid = 1;
        memo->d.n = d->n;
        memo->d.complete = d->complete;
        for (int i = 0; i < d->n; i++)
          {
            memo->d.x[i] = d->x[i];
            memo->d.M[i] = d->M[i];
            memo->d.V[i] = d->V[i];
            memo->d.q[i] = d->q[i];
          }
        memo->L = L;
        memo->E = E;
        memo->G = G;
        memo->Iz = Iz;
        memo->It = It;
        memo->Iw = Iw;
        memo->z_g = z_g;
        memo->mcr_sc = *mcr_sc;
        memo->mcr_zg = *mcr_zg;
      }
  }

#ifdef __cplusplus
}
#endif
