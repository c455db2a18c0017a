/* ps-ltb-test-utils.h: exact moment diagrams for the lateral-torsional buckling tests
 * (test-ec3.c, test-ltb-energy.c). */
#pragma once

#include <math.h>
#include <string.h>

#include "ps-design-math-private.h"

/* Point loads P_j at xi_j (fractions of L, increasing, inside (0, 1)), no end moments,
 * as PsMomentPieces with |M|max = 1: M(xi) = sum_j P_j G(xi, xi_j), the simply supported
 * beam's influence line G = xi (1 - xi_j) for xi <= xi_j, xi_j (1 - xi) beyond. */
static inline PsMomentPieces
pieces_point_loads (const double *xj, const double *pj, int n)
{
  PsMomentPieces d;
  double R = 0.0, mx = 0.0;

  memset (&d, 0, sizeof d);
  for (int j = 0; j < n; j++)
    R += pj[j] * (1.0 - xj[j]); /* left reaction */
  d.n = n + 1;
  d.complete = 1;
  for (int i = 0; i <= n; i++)
    {
      double x = i == 0 ? 0.0 : xj[i - 1], M = 0.0, V = R;

      for (int j = 0; j < n; j++)
        {
          M += pj[j] * (x <= xj[j] ? x * (1.0 - xj[j]) : xj[j] * (1.0 - x));
          if (j < i)
            V -= pj[j];
        }
      d.x[i] = x;
      d.M[i] = M;
      d.V[i] = V;
      d.q[i] = 0.0;
      mx = fabs (M) > mx ? fabs (M) : mx;
    }
  for (int i = 0; i <= n; i++)
    {
      d.M[i] /= mx;
      d.V[i] /= mx;
    }
  return d;
}
