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

G_END_DECLS
