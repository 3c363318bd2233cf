// Precision metrics of one output against the reference (the truth).
//
// Which metrics apply is chosen by the tested output's element type:
// - floating outputs: cosine similarity, max/mean/median absolute error, max absolute error over max |ref|
//   (max_abs_scaled), max/mean relative error, RMSE, SNR (dB),
//   the fraction of elements outside atol + rtol*|ref|, the max ULP distance in the tested dtype, and for
//   logits-shaped outputs ([N,C] or [N,C,1,1]) top-1 and top-k agreement;
// - integer and bool outputs: the exact-match rate (and max absolute difference);
// - strings: the exact-match rate.
// NaN and Inf are counted on both sides and excluded from the numeric metrics (never propagated into them);
// an element where the two sides disagree on NaN/Inf counts as a mismatch in `nonfinite_mismatches`.
//
// Relative error near zero: rel_i = |got_i - ref_i| / max(|ref_i|, floor), floor = rel_floor_fraction * RMS(ref)
// (default 1e-3): elements far below the output's typical magnitude are measured against that magnitude instead of
// blowing up. With an all-zero reference the floor is 1e-30.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "harness/core/tensor.h"

namespace parity {

struct MetricOptions {
  double rtol = 1e-3;
  double atol = 1e-5;
  double rel_floor_fraction = 1e-3;
  int topk = 5;              // for top-k agreement of logits-shaped outputs; 0 disables top-k metrics
  bool logits = false;       // force top-k metrics on any output with a class axis last
};

struct OutputMetrics {
  int64_t count = 0;                 // elements compared
  int64_t got_nan = 0, got_inf = 0, ref_nan = 0, ref_inf = 0;
  int64_t nonfinite_mismatches = 0;  // elements where exactly one side is NaN, or infinities differ
  std::map<std::string, double> values;  // metric name -> value (names in docs/metrics.md)
  std::string note;                  // why metrics are missing (shape mismatch, type mismatch, ...)
  bool comparable = true;            // false when shapes or kinds differ (then `values` is empty)
};

// `got` is the backend's output (its declared type is the tested dtype); `ref` is the truth.
OutputMetrics CompareOutputs(const Tensor& got, const Tensor& ref, const MetricOptions& options);

// ULPs between two values in a floating dtype (FLOAT, FLOAT16, BFLOAT16, DOUBLE): both are rounded to the dtype
// first; +0 and -0 are 0 ULPs apart. NaN/Inf are the caller's business.
double UlpDistance(double a, double b, ElementType type);

// Whether a larger value of `metric` means closer to the truth (cosine, snr_db, agreements, exact_match).
bool HigherIsBetter(const std::string& metric);

// The worst value of `metric` over several results (min for higher-is-better metrics, else max).
double Worse(const std::string& metric, double a, double b);

// Names of all metrics, in display order (for tables and for validating gate names in configs).
const std::vector<std::string>& MetricNames();

}  // namespace parity
