#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <float.h>
#include <math.h>

#include <glib.h>

#include "ps-reg-scan-private.h"
#include "ps-regression-math-private.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_SCAN 1
#endif

static gboolean force_portable;

void
ps_reg_scan_force_portable (int portable)
{
  force_portable = portable;
}

int
ps_reg_scan_uses_avx2 (void)
{
#ifdef HAVE_AVX2_SCAN
  return !force_portable && __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

/* The scalar versions are ps_reg_scan_max_scalar () and ps_reg_scan_crossing_scalar ()
 * of ps-regression-math-private.h, which the gpu backend's kernel runs too. */

/* ---- AVX2 ------------------------------------------------------------------ */

#ifdef HAVE_AVX2_SCAN
__attribute__ ((target ("avx2"))) static gboolean
max_avx2 (const double *y, gsize n, double *ymax, gsize *imax)
{
  const __m256d sign = _mm256_set1_pd (-0.0), big = _mm256_set1_pd (DBL_MAX);
  const __m256d step = _mm256_set1_pd (16.0);
  __m256d M = _mm256_set1_pd (y[0]), where = _mm256_setzero_pd (), here = where;
  __m256d ok = _mm256_castsi256_pd (_mm256_set1_epi64x (-1));
  gsize i = 0, j;
  double m = y[0], mv, lanes[4], at[4];
  int bad = 0;

  /* Blocks of 16: lane k of M is the maximum of the points 4q + k seen so far, and
   * lane k of where the first block in which it reached that value (it only changes on
   * a strict increase). The first occurrence of the overall maximum then lies in the
   * earliest block among the lanes that hold it, so one pass over the memory finds both
   * the maximum and where it is. */
  for (; i + 16 <= n; i += 16)
    {
      __m256d a = _mm256_loadu_pd (y + i), b = _mm256_loadu_pd (y + i + 4);
      __m256d c = _mm256_loadu_pd (y + i + 8), d = _mm256_loadu_pd (y + i + 12);
      __m256d bm = _mm256_max_pd (_mm256_max_pd (a, b), _mm256_max_pd (c, d));

      where = _mm256_blendv_pd (where, here, _mm256_cmp_pd (bm, M, _CMP_GT_OQ));
      M = _mm256_max_pd (bm, M);
      here = _mm256_add_pd (here, step);
      a = _mm256_and_pd (_mm256_cmp_pd (_mm256_andnot_pd (sign, a), big, _CMP_LE_OQ),
                         _mm256_cmp_pd (_mm256_andnot_pd (sign, b), big, _CMP_LE_OQ));
      c = _mm256_and_pd (_mm256_cmp_pd (_mm256_andnot_pd (sign, c), big, _CMP_LE_OQ),
                         _mm256_cmp_pd (_mm256_andnot_pd (sign, d), big, _CMP_LE_OQ));
      ok = _mm256_and_pd (ok, _mm256_and_pd (a, c));
    }
  bad = _mm256_movemask_pd (ok) != 0xf;
  _mm256_storeu_pd (lanes, M);
  _mm256_storeu_pd (at, where);
  mv = MAX (MAX (lanes[0], lanes[1]), MAX (lanes[2], lanes[3]));
  m = mv;
  for (j = i; j < n; j++)
    {
      bad |= !(fabs (y[j]) <= DBL_MAX);
      m = y[j] > m ? y[j] : m;
    }
  if (bad)
    return FALSE;
  j = i;
  if (i > 0 && mv == m)
    {
      double first = (double)i;

      for (int k = 0; k < 4; k++)
        if (lanes[k] == m && at[k] < first)
          first = at[k];
      j = (gsize)first;
    }
  while (y[j] != m)
    j++;
  *ymax = y[j];
  *imax = j;
  return TRUE;
}

__attribute__ ((target ("avx2"))) static gsize
crossing_avx2 (const double *x, const double *y, gsize from, gsize n, double E, double offset,
               double s0)
{
  const __m256d vE = _mm256_set1_pd (E), voff = _mm256_set1_pd (offset);
  const __m256d vs0 = _mm256_set1_pd (s0), zero = _mm256_setzero_pd ();
  gsize i = from + 1;

  /* Lane k tests point i + k against point i + k - 1; f is formed exactly as the
   * scalar loop forms it (no fused multiply-add: this target has none). */
  for (; i + 4 <= n; i += 4)
    {
      __m256d xv = _mm256_loadu_pd (x + i), yv = _mm256_loadu_pd (y + i);
      __m256d xp = _mm256_loadu_pd (x + i - 1), yp = _mm256_loadu_pd (y + i - 1);
      __m256d f
          = _mm256_sub_pd (yv, _mm256_add_pd (_mm256_mul_pd (vE, _mm256_sub_pd (xv, voff)), vs0));
      __m256d fp
          = _mm256_sub_pd (yp, _mm256_add_pd (_mm256_mul_pd (vE, _mm256_sub_pd (xp, voff)), vs0));
      int mask = _mm256_movemask_pd (_mm256_and_pd (_mm256_cmp_pd (f, zero, _CMP_LE_OQ),
                                                    _mm256_cmp_pd (fp, zero, _CMP_GT_OQ)));

      if (mask != 0)
        return i + (gsize)__builtin_ctz ((unsigned)mask);
    }
  if (i >= n)
    return n;
  return ps_reg_scan_crossing_scalar (x, y, i - 1, n, E, offset, s0);
}
#endif

/* ---- dispatch -------------------------------------------------------------- */

int
ps_reg_scan_max (const double *y, size_t n, double *ymax, size_t *imax)
{
  g_return_val_if_fail (n > 0, FALSE);

#ifdef HAVE_AVX2_SCAN
  if (ps_reg_scan_uses_avx2 ())
    return max_avx2 (y, n, ymax, imax);
#endif
  return ps_reg_scan_max_scalar (y, n, ymax, imax);
}

size_t
ps_reg_scan_crossing (const double *x, const double *y, size_t from, size_t n, double E,
                      double offset, double s0)
{
  if (from >= n)
    return n;
#ifdef HAVE_AVX2_SCAN
  if (ps_reg_scan_uses_avx2 ())
    return crossing_avx2 (x, y, from, n, E, offset, s0);
#endif
  return ps_reg_scan_crossing_scalar (x, y, from, n, E, offset, s0);
}
