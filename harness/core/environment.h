// What machine and build produced a result: CPU, ISA flags, cores, memory, OS, compiler, library versions, git
// revision (recorded in results.json so numbers are never separated from where they were measured).
#pragma once

#include "reports/results.h"

namespace parity {

report::Environment CaptureEnvironment();

}  // namespace parity
