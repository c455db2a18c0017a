/* ps-cuda-reliability.cu: the Monte Carlo kernel of the reliability kind and its
 * host wrappers (ps-cuda-reliability.h): Philox streams, ps_dist_quantile () and the
 * limit state run by ps_expr_run (), as on the CPU. See ps-cuda.cu. */
#include <float.h>

#include "ps-cuda-private.h"
#include "ps-cuda-reliability.h"
#include "ps-expr-eval-private.h"
#include "ps-philox.h"

#define THREADS 256

typedef struct
{
  PsCudaRelParams p; /* device pointers */
} RelK;

/* Samples per thread: four Philox quads (one Philox call gives the uniforms of four
 * consecutive samples of a variable). THREADS * REL_PER_THREAD = PS_REL_BLOCK. */
#define REL_QUADS 4
#define REL_PER_THREAD (4 * REL_QUADS)

/* One CUDA block per item (PS_REL_BLOCK = 4096 samples); nans counts the samples where
 * g is not finite. Thread t takes the quads
 * t, t + 256, t + 512, t + 768 of the block, so that a warp's Philox counters are
 * consecutive. Sample s of variable v is ps_rng_uniform (seed, key[v], s) through
 * ps_dist_quantile: the scalar definitions that the CPU's block functions reproduce
 * bit for bit. */
__global__ static void
__launch_bounds__ (THREADS) rel_kernel (RelK k, uint64_t first_block, uint32_t *fails,
                                        uint32_t *nans, uint32_t *cp_fails, uint32_t *cp_nans)
{
  __shared__ uint64_t sh[32];
  uint64_t blk = first_block + blockIdx.x;
  uint64_t s0 = blk * k.p.block_samples;
  uint64_t s1 = s0 + k.p.block_samples < k.p.max_samples ? s0 + k.p.block_samples : k.p.max_samples;
  double xv[4][PS_CUDA_REL_MAX_VARS];
  double stack[PS_EXPR_MAX_STACK];
  uint32_t fmask = 0, nmask = 0;

  for (int r = 0; r < REL_QUADS; r++)
    {
      uint64_t base = s0 + 4 * ((uint64_t)threadIdx.x + (uint64_t)THREADS * r);

      if (base >= s1)
        continue;
      for (unsigned v = 0; v < k.p.n_vars; v++)
        {
          uint32_t key[2], ctr[4], raw[4];
          PsDist d = k.p.dists[v];

          ps_rng_key_counter (k.p.seed, k.p.keys[v], base, key, ctr);
          ps_philox4x32_10 (ctr, key, raw);
          /* base is a multiple of 4: sample base + j takes raw[j]. */
          for (int j = 0; j < 4; j++)
            xv[j][v] = ps_dist_quantile (&d, ps_rng_u01 (raw[j]));
        }
      for (int j = 0; j < 4; j++)
        {
          double g;

          if (base + j >= s1)
            break;
          g = ps_expr_run (k.p.code, k.p.n_ops, xv[j], stack);
          /* Issue 22: a g that is NaN or infinite is neither safe nor failed; the
           * host evaluates again the chunks that hold one, to count NaNs and
           * infinities apart as the CPU does. */
          fmask |= (uint32_t)(g <= 0.0 && g >= -DBL_MAX) << (4 * r + j);
          nmask |= (uint32_t)(g != g || g > DBL_MAX || g < -DBL_MAX) << (4 * r + j);
        }
    }

  {
    uint64_t f = block_sum_u64 ((uint64_t)__popc (fmask), sh);
    uint64_t n;

    if (threadIdx.x == 0)
      fails[blockIdx.x] = (uint32_t)f;
    n = block_sum_u64 ((uint64_t)__popc (nmask), sh);
    if (threadIdx.x == 0)
      nans[blockIdx.x] = (uint32_t)n;
  }

  /* Checkpoints cp with s0 < cp <= s1: the counts of the samples before cp. The loop
   * is the same for every thread of the block (block_sum_u64 needs them all). */
  if (k.p.n_checkpoints > 0 && k.p.checkpoints[k.p.n_checkpoints - 1] > s0)
    {
      unsigned lo = 0, hi = k.p.n_checkpoints;

      while (lo < hi) /* the first checkpoint > s0 */
        {
          unsigned mid = (lo + hi) / 2;
          if (k.p.checkpoints[mid] > s0)
            hi = mid;
          else
            lo = mid + 1;
        }
      for (unsigned c = lo; c < k.p.n_checkpoints && k.p.checkpoints[c] <= s1; c++)
        {
          uint64_t cp = k.p.checkpoints[c];
          uint32_t before = 0;
          uint64_t f, n;

          for (int r = 0; r < REL_QUADS; r++)
            for (int j = 0; j < 4; j++)
              {
                uint64_t sample = s0 + 4 * ((uint64_t)threadIdx.x + (uint64_t)THREADS * r) + j;
                before |= (uint32_t)(sample < cp) << (4 * r + j);
              }
          f = block_sum_u64 ((uint64_t)__popc (fmask & before), sh);
          if (threadIdx.x == 0)
            cp_fails[c] = (uint32_t)f;
          n = block_sum_u64 ((uint64_t)__popc (nmask & before), sh);
          if (threadIdx.x == 0)
            cp_nans[c] = (uint32_t)n;
        }
    }
}

struct _PsCudaRel
{
  RelK k;
  uint64_t max_blocks;
  void *dev_tables;
  Slot slot[PS_CUDA_SLOTS];
  uint32_t *d_counts[PS_CUDA_SLOTS]; /* fails, nans, cp_fails, cp_nans */
  uint32_t *h_counts[PS_CUDA_SLOTS];
};

extern "C" void
ps_cuda_rel_free (PsCudaRel *r)
{
  if (r == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&r->slot[s]);
      dev_free (r->d_counts[s]);
      host_free (r->h_counts[s]);
    }
  dev_free (r->dev_tables);
  free (r);
}

static size_t
rel_counts_len (const PsCudaRel *r)
{
  return 2 * r->max_blocks + 2 * (size_t)(r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1);
}

extern "C" PsCudaRel *
ps_cuda_rel_new (const PsCudaRelParams *p, uint64_t max_blocks, char *err)
{
  PsCudaRel *r = (PsCudaRel *)handle_new (sizeof (PsCudaRel), err);
  size_t nd = p->n_vars * sizeof (PsDist), nk = p->n_vars * sizeof (uint32_t);
  size_t nc = p->n_ops * sizeof (PsExprOp), ncp = p->n_checkpoints * sizeof (uint64_t);
  size_t total = table_span (nd) + table_span (nk) + table_span (nc) + table_span (ncp) + 16;
  char *d;

  if (r == NULL)
    return NULL;
  if (p->n_vars > PS_CUDA_REL_MAX_VARS || p->n_vars == 0)
    {
      snprintf (err, PS_CUDA_ERR_LEN,
                "the gpu backend takes 1 to %d random variables (the study has %u)",
                PS_CUDA_REL_MAX_VARS, p->n_vars);
      free (r);
      return NULL;
    }
  if (p->block_samples != THREADS * REL_PER_THREAD)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "the reliability kernel needs blocks of %d samples",
                THREADS * REL_PER_THREAD);
      free (r);
      return NULL;
    }
  r->k.p = *p;
  r->max_blocks = max_blocks;
  CU (cudaMalloc, (&r->dev_tables, total));
  d = (char *)r->dev_tables;
  if (put_table (&d, &r->k.p.dists, p->dists, nd, err)
      || put_table (&d, &r->k.p.keys, p->keys, nk, err)
      || put_table (&d, &r->k.p.code, p->code, nc, err)
      || put_table (&d, &r->k.p.checkpoints, p->checkpoints, ncp, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    if (slot_init (&r->slot[s], err)
        || alloc_pair (&r->d_counts[s], &r->h_counts[s], rel_counts_len (r) * sizeof (uint32_t),
                       err))
      goto fail;
  return r;
fail:
  ps_cuda_rel_free (r);
  return NULL;
}

extern "C" int
ps_cuda_rel_launch (PsCudaRel *r, int slot, uint64_t first_block, uint64_t n_blocks, char *err)
{
  Slot *s = &r->slot[slot];
  uint32_t *d = r->d_counts[slot];
  size_t ncp = r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1;

  if (slot_start (s, n_blocks, r->max_blocks, "reliability", "blocks", err))
    return -1;
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  rel_kernel<<<(unsigned)n_blocks, THREADS, 0, s->stream>>> (
      r->k, first_block, d, d + r->max_blocks, d + 2 * r->max_blocks, d + 2 * r->max_blocks + ncp);
  /* clang-format on */
  CU_LAUNCH ("rel_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync,
      (r->h_counts[slot], d, n_blocks * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  CU (cudaMemcpyAsync, (r->h_counts[slot] + r->max_blocks, d + r->max_blocks,
                        n_blocks * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  CU (cudaMemcpyAsync, (r->h_counts[slot] + 2 * r->max_blocks, d + 2 * r->max_blocks,
                        2 * ncp * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  return slot_finish (s, err);
fail:
  return -1;
}

extern "C" int
ps_cuda_rel_wait (PsCudaRel *r, int slot, PsCudaRelResult *out, PsCudaTiming *t, char *err)
{
  uint32_t *h = r->h_counts[slot];
  size_t ncp = r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1;

  if (slot_wait (&r->slot[slot], t, err))
    return -1;
  out->fails = h;
  out->nans = h + r->max_blocks;
  out->cp_fails = h + 2 * r->max_blocks;
  out->cp_nans = h + 2 * r->max_blocks + ncp;
  return 0;
}
