/* ps-empty.h: a study kind whose items cost nothing, for measuring what a backend
 * spends per chunk (bench/). Hidden: not offered in menus or lists of kinds. */
#pragma once

#include "study/ps-kind.h"

G_BEGIN_DECLS

extern const PsKindClass ps_empty_class;

G_END_DECLS
