// The files a config run leaves in its output folder: results.json (opened for incremental, resumable writing)
// and the rendered reports. Shared by `parity run|gate` and `parity bench`.
#pragma once

#include <memory>
#include <optional>
#include <ostream>

#include "harness/config/run_config.h"
#include "reports/results_writer.h"

namespace parity {

// Creates the output folder and opens <output>/results.json (removed first unless config.resume), with a header
// describing this session: time, tool version, environment (with `peak_gflops` when given), config.
std::unique_ptr<report::ResultsWriter> OpenResults(const RunConfig& config, std::optional<double> peak_gflops = {},
                                                   const char* peak_source = "");

// The worst value of an output metric over a run's outputs (absent when no output has it).
std::optional<double> WorstMetric(const report::Run& run, const std::string& name);

// Renders every configured report format into <output>/report.<format> and names each file on `out`.
void WriteReports(const RunConfig& config, const report::Results& results, std::ostream& out);

}  // namespace parity
