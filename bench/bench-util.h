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

/* What the machine did during a measurement: the CPU time of all processes (from
 * /proc/stat) and of this one and its children, so that the share used by other
 * processes can be reported: other developers' builds and tests run on the same
 * machine, and a figure taken while they did is worth less. */
typedef struct
{
  double wall;
  double busy; /* CPU seconds of the whole machine */
  double own;  /* CPU seconds of this process and its waited-for children */
} LoadSample;

static inline void
load_sample (LoadSample *s)
{
  g_autofree char *stat = NULL;
  struct rusage self, children;
  long tck = sysconf (_SC_CLK_TCK);

  s->wall = now_s ();
  s->busy = NAN;
  if (g_file_get_contents ("/proc/stat", &stat, NULL, NULL) && g_str_has_prefix (stat, "cpu "))
    {
      guint64 v[8] = { 0 };

      /* user nice system idle iowait irq softirq steal */
      if (sscanf (stat + 4,
                  "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                  " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                  " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                  &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7])
              == 8
          && tck > 0)
        s->busy = (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)tck;
    }
  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  s->own = (double)(self.ru_utime.tv_sec + self.ru_stime.tv_sec + children.ru_utime.tv_sec
                    + children.ru_stime.tv_sec)
           + 1e-6
                 * (double)(self.ru_utime.tv_usec + self.ru_stime.tv_usec
                            + children.ru_utime.tv_usec + children.ru_stime.tv_usec);
}

/* The share of all cores that other processes used between @a and @b; NAN when the
 * interval is too short for /proc/stat's resolution. */
static inline double
other_load (const LoadSample *a, const LoadSample *b)
{
  double wall = b->wall - a->wall;
  double other = (b->busy - a->busy) - (b->own - a->own);

  if (!(wall >= 0.5) || !isfinite (other))
    return NAN;
  return CLAMP (other / (wall * (double)ps_machine_get ()->cores), 0.0, 1.0);
}
