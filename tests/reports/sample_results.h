// A fixed, fully populated Results used by the round-trip and golden tests: two models (one with characters that
// need escaping in every format), every run status and verdict, accuracy, layer-wise, perf with e2e, NaN and Inf.
#pragma once

#include "reports/results.h"

namespace parity::report::testing {

Results MakeSampleResults();

}  // namespace parity::report::testing
