#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "ps-machine.h"

static char *
read_cpu_model (void)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    {
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "model name"))
          {
            const char *colon = strchr (lines[i], ':');

            if (colon != NULL)
              return g_strstrip (g_strdup (colon + 1));
          }
    }
  return g_strdup ("unknown");
}

PsMachine *
ps_machine_get (void)
{
  static gsize once = 0;
  static PsMachine machine;

  if (g_once_init_enter (&once))
    {
      struct utsname u;
      long pages = sysconf (_SC_PHYS_PAGES), page = sysconf (_SC_PAGESIZE);

      machine.cpu_model = read_cpu_model ();
      machine.cores = (int)g_get_num_processors ();
      machine.memory_bytes = pages > 0 && page > 0 ? (guint64)pages * (guint64)page : 0;
      if (uname (&u) == 0)
        {
          machine.os = g_strdup_printf ("%s %s %s", u.sysname, u.release, u.machine);
          machine.hostname = g_strdup (u.nodename);
        }
      else
        {
          machine.os = g_strdup ("unknown");
          machine.hostname = g_strdup ("unknown");
        }
      machine.compiler = PS_COMPILER;
      machine.flags = PS_BUILD_FLAGS;
      g_once_init_leave (&once, 1);
    }
  return &machine;
}

void
ps_machine_to_json (const PsMachine *m, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cpu_model");
  json_builder_add_string_value (b, m->cpu_model);
  json_builder_set_member_name (b, "cores");
  json_builder_add_int_value (b, m->cores);
  json_builder_set_member_name (b, "memory_bytes");
  json_builder_add_int_value (b, (gint64)m->memory_bytes);
  json_builder_set_member_name (b, "os");
  json_builder_add_string_value (b, m->os);
  json_builder_set_member_name (b, "hostname");
  json_builder_add_string_value (b, m->hostname);
  json_builder_set_member_name (b, "compiler");
  json_builder_add_string_value (b, m->compiler);
  json_builder_set_member_name (b, "flags");
  json_builder_add_string_value (b, m->flags);
  json_builder_end_object (b);
}

guint64
ps_peak_rss_bytes (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return 0;
  return (guint64)ru.ru_maxrss * 1024;
}

double
ps_cpu_seconds (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return 0;
  return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec
         + (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

void
ps_load_sample (PsLoadSample *s)
{
  g_autofree char *stat = NULL;
  struct rusage self, children;
  long tck = sysconf (_SC_CLK_TCK);

  s->wall = (double)g_get_monotonic_time () * 1e-6;
  s->busy = NAN;
  if (g_file_get_contents ("/proc/stat", &stat, NULL, NULL) && g_str_has_prefix (stat, "cpu "))
    {
      guint64 v[8] = { 0 };

      /* user nice system idle iowait irq softirq steal (proc(5)) */
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

double
ps_load_other_share (const PsLoadSample *a, const PsLoadSample *b)
{
  double wall = b->wall - a->wall;
  double other = (b->busy - a->busy) - (b->own - a->own);
  int cores = ps_machine_get ()->cores;

  if (!(wall >= 0.5) || !isfinite (other) || cores < 1)
    return NAN;
  return CLAMP (other / (wall * (double)cores), 0.0, 1.0);
}
