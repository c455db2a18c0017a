/* ps-cuda-beam.cu: the beam kernel and its host wrappers (ps-cuda-beam.h); the
 * arithmetic is ps-beam-math.h's. See ps-cuda.cu for why the results are bitwise the
 * CPU's. */
#include <float.h>

#include "ps-cuda-beam.h"
#include "ps-cuda-private.h"

#define THREADS 256

typedef struct
{
  PsCudaBeamParams p; /* device pointers */
  PsBeamCase c;
  uint64_t batch_items; /* rows: the length of each column of a slot (its stride) */
} BeamK;

/* One CUDA block per chunk; the block's threads take the chunk's items in turn and
 * their partials are reduced in shared memory. The summary's counts are order-free;
 * min and max are exact whatever the order; the lightest passing configuration is the
 * smallest mass, then the smallest item, which is what the serial backend's
 * strict-less-than in item order keeps.
 *
 * With @rows (else NULL) each valid item's row fields are also stored, structure of
 * arrays: field f of the item at position i of the batch at rows[f * batch_items + i]
 * and its checks at flags[i], so that a warp's stores are contiguous. */
__global__ static void
__launch_bounds__ (THREADS)
    beam_kernel (BeamK k, uint64_t first_chunk, PsCudaBeamChunk *out, double *rows, uint8_t *flags)
{
  __shared__ uint64_t sh_u[32];
  __shared__ double sh_v[THREADS];
  __shared__ uint64_t sh_i[THREADS];
  uint64_t chunk = first_chunk + blockIdx.x;
  uint64_t begin = chunk * k.p.chunk_items;
  uint64_t end = begin + k.p.chunk_items < k.p.n_items ? begin + k.p.chunk_items : k.p.n_items;
  uint64_t inner = k.p.n_load * k.p.n_position;
  uint64_t batch_begin = first_chunk * k.p.chunk_items;
  uint64_t valid = 0, passing = 0, fail_d = 0, fail_s = 0, errors = 0;
  uint64_t light_item = UINT64_MAX;
  double light_mass = INFINITY;
  double vmin[PS_BEAM_N_OUT], vmax[PS_BEAM_N_OUT];
  PsCudaBeamChunk *o = &out[blockIdx.x];

  for (int j = 0; j < PS_BEAM_N_OUT; j++)
    {
      vmin[j] = INFINITY;
      vmax[j] = -INFINITY;
    }
  for (uint64_t item = begin + threadIdx.x; item < end; item += blockDim.x)
    {
      uint64_t it = k.p.cycle_items ? item % k.p.cycle_items : item;
      uint64_t im, is, iL, jj;
      PsBeamRunCoef r;
      PsBeamOutputs bo;
      double v[PS_BEAM_N_OUT];

      ps_beam_item_group (it, inner, k.p.n_span, k.p.n_sections, &im, &is, &iL, &jj);
      if (k.p.sec_invalid[is])
        {
          errors++;
          continue;
        }
      ps_beam_run_coef (&k.c, k.p.mat_E[im], k.p.mat_fd[im], k.p.mat_density[im], k.p.sec_A[is],
                        k.p.sec_I[is], k.p.sec_W[is], k.p.span[iL], &r);
      if (k.p.load_case != PS_LOAD_POINT_AT)
        ps_beam_fast_outputs (&r, k.p.load[jj], &bo);
      else if (!ps_beam_point_at_outputs (&r, k.p.load[jj / k.p.n_position],
                                          k.p.position[jj % k.p.n_position], &bo))
        {
          errors++;
          continue;
        }
      valid++;
      ps_beam_out_values (&bo, v);
      for (int j = 0; j < PS_BEAM_N_OUT; j++)
        {
          vmin[j] = v[j] < vmin[j] ? v[j] : vmin[j];
          vmax[j] = v[j] > vmax[j] ? v[j] : vmax[j];
        }
      fail_d += !bo.pass_deflection;
      fail_s += !bo.pass_strength;
      if (bo.pass_deflection && bo.pass_strength)
        {
          passing++;
          /* Items rise within a thread: the first of a mass is kept. */
          if (bo.mass < light_mass)
            {
              light_mass = bo.mass;
              light_item = it;
            }
        }
      if (rows != NULL)
        {
          double rv[PS_BEAM_N_ROW];
          uint64_t at = item - batch_begin;

          ps_beam_row_values (&bo, rv);
          for (int f = 0; f < PS_BEAM_N_ROW; f++)
            rows[f * k.batch_items + at] = rv[f];
          flags[at] = ps_beam_row_flags (&bo);
        }
    }

  valid = block_sum_u64 (valid, sh_u);
  if (threadIdx.x == 0)
    o->valid = valid;
  passing = block_sum_u64 (passing, sh_u);
  if (threadIdx.x == 0)
    o->passing = passing;
  fail_d = block_sum_u64 (fail_d, sh_u);
  if (threadIdx.x == 0)
    o->fail_deflection = fail_d;
  fail_s = block_sum_u64 (fail_s, sh_u);
  if (threadIdx.x == 0)
    o->fail_strength = fail_s;
  errors = block_sum_u64 (errors, sh_u);
  if (threadIdx.x == 0)
    o->errors = errors;

  /* min and max, one output at a time, by a tree in shared memory. */
  for (int j = 0; j < 2 * PS_BEAM_N_OUT; j++)
    {
      bool is_min = j < PS_BEAM_N_OUT;
      int q = is_min ? j : j - PS_BEAM_N_OUT;

      __syncthreads ();
      sh_v[threadIdx.x] = is_min ? vmin[q] : vmax[q];
      __syncthreads ();
      for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
        {
          if (threadIdx.x < s)
            {
              double a = sh_v[threadIdx.x], b = sh_v[threadIdx.x + s];
              sh_v[threadIdx.x] = is_min ? (b < a ? b : a) : (b > a ? b : a);
            }
          __syncthreads ();
        }
      if (threadIdx.x == 0)
        {
          if (is_min)
            o->min[q] = sh_v[0];
          else
            o->max[q] = sh_v[0];
        }
    }

  /* The lightest passing: smallest (mass, item). */
  __syncthreads ();
  sh_v[threadIdx.x] = light_mass;
  sh_i[threadIdx.x] = light_item;
  __syncthreads ();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
    {
      if (threadIdx.x < s)
        {
          double mb = sh_v[threadIdx.x + s];
          uint64_t ib = sh_i[threadIdx.x + s];

          if (mb < sh_v[threadIdx.x] || (mb == sh_v[threadIdx.x] && ib < sh_i[threadIdx.x]))
            {
              sh_v[threadIdx.x] = mb;
              sh_i[threadIdx.x] = ib;
            }
        }
      __syncthreads ();
    }
  if (threadIdx.x == 0)
    {
      o->lightest_mass = sh_v[0];
      o->lightest_item = sh_i[0];
    }
}

struct _PsCudaBeam
{
  BeamK k;
  uint64_t max_chunks;
  void *dev_tables; /* one allocation for every table */
  Slot slot[PS_CUDA_SLOTS];
  PsCudaBeamChunk *d_out[PS_CUDA_SLOTS];
  PsCudaBeamChunk *h_out[PS_CUDA_SLOTS];
  /* Rows: PS_BEAM_N_ROW columns of k.batch_items values, and the checks. */
  double *d_rows[PS_CUDA_SLOTS], *h_rows[PS_CUDA_SLOTS];
  uint8_t *d_flags[PS_CUDA_SLOTS], *h_flags[PS_CUDA_SLOTS];
};

extern "C" void
ps_cuda_beam_free (PsCudaBeam *b)
{
  if (b == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&b->slot[s]);
      dev_free (b->d_out[s]);
      host_free (b->h_out[s]);
      dev_free (b->d_rows[s]);
      host_free (b->h_rows[s]);
      dev_free (b->d_flags[s]);
      host_free (b->h_flags[s]);
    }
  dev_free (b->dev_tables);
  free (b);
}

extern "C" PsCudaBeam *
ps_cuda_beam_new (const PsCudaBeamParams *p, uint64_t max_chunks, char *err)
{
  PsCudaBeam *b = (PsCudaBeam *)handle_new (sizeof (PsCudaBeam), err);
  size_t nm = p->n_materials * sizeof (double), ns = p->n_sections * sizeof (double);
  size_t nL = p->n_span * sizeof (double), nP = p->n_load * sizeof (double);
  size_t na = p->n_position * sizeof (double), ninv = p->n_sections;
  size_t sizes[] = { nm, nm, nm, ns, ns, ns, ninv, nL, nP, na };
  size_t total = 0;
  char *d;

  if (b == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    total += table_span (sizes[i]);
  b->k.p = *p;
  ps_beam_case_init (&b->k.c, p->support, p->load_case, p->self_weight, p->limit_ratio,
                     p->limit_abs, p->safety_factor);
  b->k.batch_items = max_chunks * p->chunk_items;
  b->max_chunks = max_chunks;
  CU (cudaMalloc, (&b->dev_tables, total));
  d = (char *)b->dev_tables;
  if (put_table (&d, &b->k.p.mat_E, p->mat_E, nm, err)
      || put_table (&d, &b->k.p.mat_fd, p->mat_fd, nm, err)
      || put_table (&d, &b->k.p.mat_density, p->mat_density, nm, err)
      || put_table (&d, &b->k.p.sec_A, p->sec_A, ns, err)
      || put_table (&d, &b->k.p.sec_I, p->sec_I, ns, err)
      || put_table (&d, &b->k.p.sec_W, p->sec_W, ns, err)
      || put_table (&d, &b->k.p.sec_invalid, p->sec_invalid, ninv, err)
      || put_table (&d, &b->k.p.span, p->span, nL, err)
      || put_table (&d, &b->k.p.load, p->load, nP, err)
      || put_table (&d, &b->k.p.position, p->position, na, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      size_t n = b->k.batch_items;

      if (slot_init (&b->slot[s], err)
          || alloc_pair (&b->d_out[s], &b->h_out[s], max_chunks * sizeof (PsCudaBeamChunk), err))
        goto fail;
      if (p->rows
          && (alloc_pair (&b->d_rows[s], &b->h_rows[s], PS_BEAM_N_ROW * n * sizeof (double), err)
              || alloc_pair (&b->d_flags[s], &b->h_flags[s], n, err)))
        goto fail;
    }
  return b;
fail:
  ps_cuda_beam_free (b);
  return NULL;
}

extern "C" int
ps_cuda_beam_launch (PsCudaBeam *b, int slot, uint64_t first_chunk, uint64_t n_chunks, char *err)
{
  Slot *s = &b->slot[slot];

  if (slot_start (s, n_chunks, b->max_chunks, "beam", "chunks", err))
    return -1;
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  beam_kernel<<<(unsigned)n_chunks, THREADS, 0, s->stream>>> (
      b->k, first_chunk, b->d_out[slot], b->d_rows[slot], b->d_flags[slot]);
  /* clang-format on */
  CU_LAUNCH ("beam_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync, (b->h_out[slot], b->d_out[slot], n_chunks * sizeof (PsCudaBeamChunk),
                        cudaMemcpyDeviceToHost, s->stream));
  if (b->k.p.rows)
    {
      /* The batch's items: the columns' first n values, one strided copy. */
      uint64_t begin = first_chunk * b->k.p.chunk_items;
      uint64_t end = (first_chunk + n_chunks) * b->k.p.chunk_items;
      size_t n, pitch = b->k.batch_items * sizeof (double);

      end = end < b->k.p.n_items ? end : b->k.p.n_items;
      n = (size_t)(end - begin);
      CU (cudaMemcpy2DAsync, (b->h_rows[slot], pitch, b->d_rows[slot], pitch, n * sizeof (double),
                              PS_BEAM_N_ROW, cudaMemcpyDeviceToHost, s->stream));
      CU (cudaMemcpyAsync,
          (b->h_flags[slot], b->d_flags[slot], n, cudaMemcpyDeviceToHost, s->stream));
    }
  return slot_finish (s, err);
fail:
  return -1;
}

extern "C" int
ps_cuda_beam_wait (PsCudaBeam *b, int slot, const PsCudaBeamChunk **out, PsCudaTiming *t, char *err)
{
  if (slot_wait (&b->slot[slot], t, err))
    return -1;
  *out = b->h_out[slot];
  return 0;
}

extern "C" void
ps_cuda_beam_rows (PsCudaBeam *b, int slot, const double *values[PS_BEAM_N_ROW],
                   const uint8_t **flags)
{
  for (int f = 0; f < PS_BEAM_N_ROW; f++)
    values[f] = b->h_rows[slot] != NULL ? b->h_rows[slot] + f * b->k.batch_items : NULL;
  *flags = b->h_flags[slot];
}
