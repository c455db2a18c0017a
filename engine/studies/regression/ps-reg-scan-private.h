/* ps-reg-scan-private.h: the streaming scans of the stress–strain fit (private).
 *
 * The per-specimen fit (ps_reg_fit_points in ps-regression-math-private.h) reads the whole
 * stress array once for its maximum, finds where that maximum first occurs, and later
 * walks from the elastic window to the first crossing below the offset line. These
 * loops are most of its time, so each has a portable scalar version
 * (ps_reg_scan_max_scalar, ps_reg_scan_crossing_scalar in ps-regression-math-private.h, which
 * the gpu backend's kernel also runs) and, on x86-64, an AVX2 one chosen at run time.
 * Both compute every value with the same operations in the same order (selections and
 * comparisons, and f = y - (E (x - offset) + s0) with no fused multiply-add), so they
 * return the same indices and the same bits; the test suite compares them on random
 * and adversarial data.
 *
 * Plain C types (int for gboolean, size_t for gsize), so that ps-regression-math-private.h can
 * declare these for nvcc too.
 */
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C"
{
#endif

  /* The maximum of y[0..n) (n >= 1) and the index of its first occurrence. Returns
   * FALSE, leaving the outputs unset, when some y is not finite. */
  int ps_reg_scan_max (const double *y, size_t n, double *ymax, size_t *imax);

  /* The first i in (from, n) with f(i) <= 0 and f(i - 1) > 0, where f(i) = y[i] -
   * (E (x[i] - offset) + s0); n when there is none. */
  size_t ps_reg_scan_crossing (const double *x, const double *y, size_t from, size_t n, double E,
                               double offset, double s0);

  /* For tests: TRUE makes the two functions above use the scalar code even where AVX2
   * is available. Not thread-safe; set it before any fit runs. */
  void ps_reg_scan_force_portable (int portable);
  /* Whether the AVX2 code is in use. */
  int ps_reg_scan_uses_avx2 (void);

#ifdef __cplusplus
}
#endif
