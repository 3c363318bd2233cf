// Evaluating a model's gates against a finished run.
#pragma once

#include <string>
#include <vector>

#include "harness/config/run_config.h"
#include "reports/results.h"

namespace parity {

// Appends one report::Gate per (gate, matching output) to run.gates and sets run.verdict. Output gates with
// output "*" apply to every output that has the metric; a gate whose output or metric is absent from the run
// records a failed gate with value NaN (a gate that silently checks nothing would be worse).
void EvaluateGates(const std::vector<GateSpec>& gates, report::Run& run);

// One line per failed gate: model, backend, scope, metric, value, threshold and where the gate is defined.
std::vector<std::string> DescribeBreaches(const report::Run& run, const std::vector<GateSpec>& gates);

}  // namespace parity
