// One model of a run config against every backend: feeds, the truth's outputs and predictions (computed once),
// and one report::Run per backend.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "harness/config/run_config.h"
#include "reports/results.h"

namespace parity {

// Calls `finished` with each backend's run as soon as it is complete (so it can be saved before the next
// starts). `skip(run_id)` says which runs are already in the results (resume). Never throws for a model or
// backend failure: that becomes the run's status and error.
void RunModel(const RunConfig& config, const ModelSpec& model, const std::function<bool(const std::string&)>& skip,
              const std::function<void(report::Run)>& finished);

// Feed sets of a model: its test_data_set folders, else one set generated from its input specs.
std::vector<std::map<std::string, Value>> BuildFeedSets(const ModelSpec& model, const std::vector<IoInfo>& inputs);

// The id of a model x backend run (stable across sessions: used for resume).
std::string RunIdOf(const ModelSpec& model, const BackendSpec& backend);

}  // namespace parity
