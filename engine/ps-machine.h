/* ps-machine.h: what the run ran on, for run metadata and reports. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *cpu_model;
  int cores;
  guint64 memory_bytes;
  char *os;
  char *hostname;
  const char *compiler;
  const char *flags;
} PsMachine;

PsMachine *ps_machine_get (void); /* owned by the engine, do not free */
void ps_machine_to_json (const PsMachine *machine, JsonBuilder *builder);

guint64 ps_peak_rss_bytes (void);
double ps_cpu_seconds (void);

/* What the machine did during a measurement: the CPU time of all processes (from
 * /proc/stat) and of this one and its waited-for children, so that the share of the
 * machine that other processes used can be reported with a timing. */
typedef struct
{
  double wall; /* s, monotonic */
  double busy; /* CPU seconds of the whole machine; NAN when unknown */
  double own;  /* CPU seconds of this process and its waited-for children */
} PsLoadSample;

void ps_load_sample (PsLoadSample *sample);
/* The share of all cores other processes used between @a and @b, in [0, 1]; NAN when
 * the interval is too short for /proc/stat's resolution (under 0.5 s) or unknown. */
double ps_load_other_share (const PsLoadSample *a, const PsLoadSample *b);

G_END_DECLS
