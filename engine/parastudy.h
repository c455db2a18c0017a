/* parastudy.h: the engine's public interface, for the front ends and tests. */
#pragma once

#include "backends/ps-backend.h"
#include "ps-error.h"
#include "ps-fmt.h"
#include "ps-machine.h"
#include "history/ps-history.h"
#include "ps-run.h"
#include "scaling/ps-scaling.h"
#include "studies/beam/ps-beam.h"
#include "studies/beam/ps-tables.h"
#include "study/ps-json.h"
#include "study/ps-kind.h"
#include "study/ps-param.h"
#include "study/ps-study.h"
#include "study/ps-units.h"
