// Dataset accuracy: top-1/top-5 of the truth and of a tested backend over a labelled dataset, their delta, and
// the samples whose top-1 changed (flips). The truth's predictions are computed once per model and reused for
// every backend.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/backend.h"
#include "harness/datasets/dataset.h"
#include "reports/results.h"

namespace parity {

// Top-k class indices (descending score, ties to the lower index) of a logits/probabilities output.
std::vector<int64_t> TopClasses(const Value& output, int k);

struct Predictions {
  std::vector<std::vector<int64_t>> top;  // per sample, top-5 classes
  std::vector<int64_t> labels;
  std::vector<std::string> ids;
  std::vector<std::string> errors;  // per sample: "" or why it could not be evaluated
};

// Runs `backend` over the dataset, reading output `output` (empty: the first). `progress` gets (done, total).
Predictions Predict(Backend& backend, const Dataset& dataset, const std::string& output,
                    const std::function<void(size_t, size_t)>& progress);

// Accuracy of `tested` against labels, with the truth's figures and the flips (at most `max_flips` listed).
report::Accuracy ScoreAccuracy(const std::string& dataset_name, const Predictions& truth, const Predictions& tested,
                               size_t max_flips = 100);

// A stderr progress bar ("label 1234/10000 12.3%"), redrawn at most every 200 ms; silent unless stderr is a TTY
// or PARITY_PROGRESS=1.
std::function<void(size_t, size_t)> ProgressBar(const std::string& label);

}  // namespace parity
