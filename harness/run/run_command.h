// `parity run CONFIG` and `parity gate CONFIG`: every model of the config against the truth on every backend —
// output metrics, dataset accuracy, layer-wise divergence, gates — written to <output>/results.json one finished
// run at a time (resumable: finished runs are skipped on a rerun), then rendered as the configured reports.
#pragma once

#include <ostream>

#include "harness/config/run_config.h"

namespace parity {

struct RunCommandOptions {
  bool gate = false;  // exit 1 when a gate is breached or a run fails
};

// Returns the exit code: 0, or with options.gate 1 when any run failed a gate or errored.
int RunConfigCommand(const RunConfig& config, const RunCommandOptions& options, std::ostream& out);

}  // namespace parity
