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
 * exactly for t below the smallest positive one, and a Cholesky factorisation decides
 * which side of it t lies on. Bisection on that test finds M_cr = t M_cr,0 max|M0| with
 * no eigen-solver, in fixed-size arrays, with +, -, *, / only (the same bits on the host
 * and under nvcc, as ps-steel-math.h).
 *
 * For M0 = c0 + c1 xi + c2 xi^2, I_mn = (1/2) sum_k c_k [J_k(m - n) - J_k(m + n)] with
 * J_k(p) = int_0^1 xi^k cos (p pi xi) dxi: J_k(0) = 1/(k + 1); for p != 0, J_0 = 0,
 * J_1 = ((-1)^p - 1)/(p pi)^2, J_2 = 2 (-1)^p/(p pi)^2 (integration by parts).
 *
 * For a uniform moment the first sine is the exact buckled shape and the method gives the
 * closed form M_cr,0 (Timoshenko & Gere 6.2); for other diagrams the Ritz value converges
 * from above as N grows (tests/test-ltb-energy.c checks N = 15 against N = 16).
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

  /* Whether the symmetric n x n matrix @s (row stride PS_LTB_ENERGY_NMAX) is positive
   * definite: Cholesky, failing at the first non-positive pivot (or NaN). */
  static inline PS_HD int ps_ltb_energy_pd (const double s[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX],
                                            int n)
  {
    double l[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX];

    for (int j = 0; j < n; j++)
      {
        double d = s[j][j];

        for (int k = 0; k < j; k++)
          d -= l[j][k] * l[j][k];
        if (!(d > 0.0))
          return 0;
        l[j][j] = sqrt (d);
        for (int i = j + 1; i < n; i++)
          {
            double v = s[i][j];

            for (int k = 0; k < j; k++)
              v -= l[i][k] * l[j][k];
            l[i][j] = v / l[j][j];
          }
      }
    return 1;
  }

  /* Builds S(t) of the header comment into @s from d_n, g and h = 4 I^T I. */
  static inline PS_HD void
  ps_ltb_energy_schur (double s[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], const double *dn, double g,
                       const double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], int n, double t)
  {
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        s[i][j] = -t * t * h[i][j] + (i == j ? dn[i] - t * g : 0.0);
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
    double h[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], s[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX];
    double im[PS_LTB_ENERGY_NMAX][PS_LTB_ENERGY_NMAX], dn[PS_LTB_ENERGY_NMAX];
    double mmax, c[3], k1, D1, mcr0, q0, g, lo, hi;
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
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        {
          double v = 0.0;

          for (int k = 0; k < n; k++)
            v += im[k][i] * im[k][j];
          h[i][j] = 4.0 * v;
        }

    /* Bracket the smallest positive t: S(0) is positive definite (d_n > 0); the t^2 term
     * (h has a positive diagonal when M0 is not zero) makes S(t) indefinite for t large. */
    lo = 0.0;
    hi = 1.0;
    for (;;)
      {
        ps_ltb_energy_schur (s, dn, g, h, n, hi);
        if (!ps_ltb_energy_pd (s, n))
          break;
        lo = hi;
        hi *= 2.0;
        if (hi > 1e12)
          return INFINITY;
      }
    /* Bisection to the last bits: a fixed count keeps the result deterministic. */
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++)
      {
        double mid = 0.5 * (lo + hi);

        ps_ltb_energy_schur (s, dn, g, h, n, mid);
        if (ps_ltb_energy_pd (s, n))
          lo = mid;
        else
          hi = mid;
      }
    return 0.5 * (lo + hi) * mcr0;
  }

#ifdef __cplusplus
}
#endif
