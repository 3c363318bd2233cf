// `parity diff BASE.json NEW.json`: what changed between two results files, and whether any change is a regression.
//
// Contract (docs/cli.md, "parity diff")
// - Runs are matched by id. Ids only in BASE are "removed", only in NEW "added"; neither is a regression.
// - Latency (perf.compute, and perf.e2e when both sides have it): the change is the median of NEW's samples against
//   BASE's, in percent; the evidence is a two-sided Mann–Whitney U test on the two sample sets (harness/perf/
//   mann_whitney.h) and the size is the Hodges–Lehmann shift in ms. A slowdown is a regression when p < alpha AND
//   the median change exceeds threshold_pct; with fewer than stats::kMinSamples samples on either side the verdict
//   is "too few samples" and never a regression.
// - Throughput (perf.throughput_ips) is one number per run, so its evidence is borrowed from the compute samples:
//   the U test only uses ranks and per-iteration throughput is a decreasing function of per-iteration latency, so
//   the test on throughputs would give the same p. A drop is a regression under the same two conditions.
// - Precision: per output (matched by name), every metric whose relative change |new - base| / |base| exceeds
//   metric_tolerance is listed (NaN equals NaN). Metrics with a known direction (cosine and snr_db higher is better;
//   max_abs, max_rel, mean_abs, rmse lower is better) are a regression when they get worse; others are "changed".
//   NaN/Inf counts that grow are regressions. Accuracy: top1, top5, delta_top1, delta_top5 that drop and flip_count
//   that grows are regressions (any change is listed; the tolerance does not apply, one image is meaningful).
// - Verdict: pass or none -> fail/error/invalid is a regression, the reverse an improvement. Status ok -> error or
//   invalid is a regression.
// - Exit codes: 0 no regression, 1 at least one regression, 2 bad input (missing or corrupt file; the message names
//   it) or bad options.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "reports/results.h"

namespace parity {

struct DiffOptions {
  std::string base_path;
  std::string new_path;
  double alpha = 0.01;          // significance level of the U test, in (0, 1)
  double threshold_pct = 5;     // minimum median slowdown / throughput drop that counts, in percent, >= 0
  double metric_tolerance = 0;  // relative change of a precision metric below which it is not listed, >= 0
  std::string json_path;        // also write the diff as JSON here when not empty
};

// How one compared quantity moved. kRegression is the only kind that fails the diff.
enum class DiffVerdict {
  kRegression,
  kImprovement,
  kNotSignificant,  // p >= alpha
  kBelowThreshold,  // significant, but the change is within threshold_pct
  kTooFewSamples,   // fewer than stats::kMinSamples samples on a side
  kChanged,         // a change with no better/worse direction (unknown metric, verdict none <-> pass)
  kAdded,           // present only in NEW
  kRemoved,         // present only in BASE
};
const char* DiffVerdictName(DiffVerdict verdict);  // "regression", "improvement", "not significant", ...

struct DiffRow {
  std::string run;     // run id
  std::string metric;  // "compute.median_ms", "e2e.median_ms", "throughput_ips", "output:<name>.<metric>",
                       // "accuracy.<field>", "verdict", "status", "perf", "run"
  std::optional<double> base_value, new_value;  // numeric quantities; absent for text ones or a missing side
  std::string base_text, new_text;              // display form ("12.3 ms", "pass", "—" when missing)
  std::optional<double> change_pct;             // (new - base) / |base| * 100 when defined
  // Latency and throughput rows: the U test and the Hodges–Lehmann shift (NEW minus BASE, ms; positive = slower).
  std::optional<double> p_value;
  std::optional<double> z;
  std::optional<double> shift_ms;
  size_t n_base = 0, n_new = 0;  // sample counts of latency rows
  DiffVerdict verdict = DiffVerdict::kChanged;
};

struct DiffReport {
  DiffOptions options;
  std::vector<DiffRow> rows;  // in NEW's run order, then removed runs
  std::vector<std::string> added, removed;
  size_t compared = 0;  // runs present in both
  size_t Count(DiffVerdict verdict) const;
  bool HasRegression() const { return Count(DiffVerdict::kRegression) > 0; }
};

// The comparison itself, on loaded results. Throws std::invalid_argument on options out of range.
DiffReport DiffResults(const report::Results& base, const report::Results& next, const DiffOptions& options);

// "| run | metric | base | new | change | p | verdict |" table followed by the summary line.
std::string RenderDiffMarkdown(const DiffReport& diff);
std::string DiffSummaryLine(const DiffReport& diff);
// Schema "parity.diff/1": options, rows (numbers as numbers, non-finite ones as "NaN"/"Infinity"/"-Infinity"),
// added, removed, summary counts per verdict and the exit code.
nlohmann::json DiffToJson(const DiffReport& diff);

// Loads both files, diffs, prints the table to `out`, writes options.json_path when set; returns the exit code.
// Bad input (report::ResultsError from loading, options out of range, an unwritable --json file) is printed to `err`
// as "parity: <message>" and returns 2.
int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace parity
