/* ps-math.h: elementary functions that give the same bits on every backend.
 *
 * PLACEHOLDER: these forward to libm. They are being replaced by implementations
 * built from +, -, *, / and sqrt only (no fused multiply-add), so that the CPU and
 * the CUDA code compute identical values. Keep the names and signatures.
 */
#pragma once

#include <math.h>

#if defined(__CUDACC__)
#define PS_HD __host__ __device__
#else
#define PS_HD
#endif

static inline PS_HD double ps_exp (double x) { return exp (x); }
static inline PS_HD double ps_log (double x) { return log (x); }
static inline PS_HD double ps_sin (double x) { return sin (x); }
static inline PS_HD double ps_cos (double x) { return cos (x); }
static inline PS_HD double ps_tan (double x) { return tan (x); }
static inline PS_HD double ps_pow (double x, double y) { return pow (x, y); }
