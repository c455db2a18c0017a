/* bench-util.h: timing and machine-load helpers shared by the benchmark programs. */
#pragma once

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ps-machine.h"

static inline double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* What the machine did during a measurement, and the share of all cores other
 * processes used meanwhile: the engine's own sampler (ps-machine.h), which the scaling
 * command uses too, so that a benchmark and `parastudy-cli scale` report load alike. */
typedef PsLoadSample LoadSample;

static inline void
load_sample (LoadSample *s)
{
  ps_load_sample (s);
}

static inline double
other_load (const LoadSample *a, const LoadSample *b)
{
  return ps_load_other_share (a, b);
}
