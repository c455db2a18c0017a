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

/* The JSON path a PS_ERROR_INVALID error about a study file is about
 * ("beam.span.steps", "" for the study as a whole), or NULL when it names none. The
 * message starts with the same path, translated for the study as a whole; front ends
 * that point at the field read it here. */
const char *ps_error_get_json_path (const GError *error);
/* Attaches @path to @error, a PS_ERROR error (study/ps-json.h does, for every error
 * it sets). */
void ps_error_set_json_path (GError *error, const char *path);

G_END_DECLS
