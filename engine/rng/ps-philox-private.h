/* ps-philox-private.h: for the tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ps_rng_uniforms() computed by the portable C loop only, never the x86 AVX2 kernel,
 * so that the tests check both against the scalar definition. */
void ps_rng_uniforms_portable (guint64 seed, guint32 var, guint64 first_sample, gsize n,
                               double *out);

/* ps_rng_uniforms() computed by the AVX2 kernel, never the AVX-512 one; FALSE (and
 * nothing written) where the build or the CPU has no AVX2. */
gboolean ps_rng_uniforms_avx2 (guint64 seed, guint32 var, guint64 first_sample, gsize n,
                               double *out);

G_END_DECLS
