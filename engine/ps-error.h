/* ps-error.h: the engine's error domain.
 *
 * Every error that reaches a front end is a GError in PS_ERROR; the code tells the
 * front end what to do with it (the CLI maps PS_ERROR_INVALID to exit status 2).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_ERROR (ps_error_quark ())

typedef enum
{
  PS_ERROR_INVALID,     /* the study or an argument is wrong: the message names it */
  PS_ERROR_IO,          /* a file could not be read or written */
  PS_ERROR_CANCELLED,   /* the run was cancelled */
  PS_ERROR_UNSUPPORTED, /* the backend or feature is not available here */
  PS_ERROR_FAILED,      /* the run failed for another reason */
} PsErrorCode;

GQuark ps_error_quark (void);

G_END_DECLS
