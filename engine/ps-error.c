#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-error.h"

G_DEFINE_QUARK (parastudy - error - quark, ps_error)
