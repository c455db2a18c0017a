/* ps-hd-private.h: PS_HD marks the functions that nvcc compiles for both the host and the
 * device (ps-math-private.h, ps-philox.h and the headers built on them); to a plain C
 * compiler it is nothing. Plain C, no GLib, so that either compiler takes it alone. */
#pragma once

#if defined(__CUDACC__)
#define PS_HD __host__ __device__
#else
#define PS_HD
#endif
