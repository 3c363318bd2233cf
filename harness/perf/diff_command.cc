#include "harness/perf/diff_command.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/perf/mann_whitney.h"
#include "reports/format.h"

namespace parity {

namespace {

constexpr const char kMissing[] = "—";

enum class Direction { kHigherIsBetter, kLowerIsBetter, kNone };

// The harness's metric names (harness/compare/metrics.cc); anything else is listed as "changed" without judgement.
Direction MetricDirection(const std::string& metric) {
  static const std::map<std::string, Direction> kKnown = {
      {"cosine", Direction::kHigherIsBetter},         {"snr_db", Direction::kHigherIsBetter},
      {"top1_agreement", Direction::kHigherIsBetter}, {"topk_agreement", Direction::kHigherIsBetter},
      {"exact_match", Direction::kHigherIsBetter},    {"max_abs", Direction::kLowerIsBetter},
      {"max_abs_scaled", Direction::kLowerIsBetter},  {"mean_abs", Direction::kLowerIsBetter},
      {"median_abs", Direction::kLowerIsBetter},      {"max_rel", Direction::kLowerIsBetter},
      {"mean_rel", Direction::kLowerIsBetter},        {"rmse", Direction::kLowerIsBetter},
      {"frac_outside", Direction::kLowerIsBetter},    {"max_ulp", Direction::kLowerIsBetter},
      {"nan_count", Direction::kLowerIsBetter},       {"inf_count", Direction::kLowerIsBetter},
  };
  auto it = kKnown.find(metric);
  return it == kKnown.end() ? Direction::kNone : it->second;
}

bool SameValue(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

std::optional<double> ChangePct(double base, double next) {
  if (base == 0 || !std::isfinite(base) || !std::isfinite(next)) return std::nullopt;
  return (next - base) / std::fabs(base) * 100;
}

// |next - base| / |base|; infinite when base is 0 or either value is not finite (and they differ).
double RelativeChange(double base, double next) {
  if (SameValue(base, next)) return 0;
  if (base == 0 || !std::isfinite(base) || !std::isfinite(next)) return std::numeric_limits<double>::infinity();
  return std::fabs(next - base) / std::fabs(base);
}

// A NaN is worse than any number whatever the direction: the backend produced garbage.
DiffVerdict Judge(Direction direction, double base, double next) {
  if (direction == Direction::kNone) return DiffVerdict::kChanged;
  if (std::isnan(next)) return DiffVerdict::kRegression;
  if (std::isnan(base)) return DiffVerdict::kImprovement;
  const bool higher = next > base;
  return higher == (direction == Direction::kHigherIsBetter) ? DiffVerdict::kImprovement : DiffVerdict::kRegression;
}

std::vector<double> Finite(const std::vector<double>& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) out.push_back(v);
  }
  return out;
}

std::string FormatMs(double ms) {
  return report::FormatSig(ms, 4) + " ms";
}

// Both values at 4 significant digits (cosine at up to 8, where the interesting digits are), or at full precision
// when that would show them equal.
std::pair<std::string, std::string> FormatPair(const std::string& metric, double base, double next) {
  const bool cosine = metric.size() >= 6 && metric.compare(metric.size() - 6, 6, "cosine") == 0;
  std::string a = cosine ? report::FormatCosine(base) : report::FormatSig(base, 4);
  std::string b = cosine ? report::FormatCosine(next) : report::FormatSig(next, 4);
  if (a == b) return {report::FormatExact(base), report::FormatExact(next)};
  return {a, b};
}

DiffRow NumericRow(const std::string& run, const std::string& metric, double base, double next, DiffVerdict verdict) {
  DiffRow row;
  row.run = run;
  row.metric = metric;
  row.base_value = base;
  row.new_value = next;
  std::tie(row.base_text, row.new_text) = FormatPair(metric, base, next);
  row.change_pct = ChangePct(base, next);
  row.verdict = verdict;
  return row;
}

DiffRow PresenceRow(const std::string& run, const std::string& metric, bool in_base) {
  DiffRow row;
  row.run = run;
  row.metric = metric;
  row.base_text = in_base ? "present" : kMissing;
  row.new_text = in_base ? kMissing : "present";
  row.verdict = in_base ? DiffVerdict::kRemoved : DiffVerdict::kAdded;
  return row;
}

DiffRow TextRow(const std::string& run, const std::string& metric, std::string base, std::string next,
                DiffVerdict verdict) {
  DiffRow row;
  row.run = run;
  row.metric = metric;
  row.base_text = std::move(base);
  row.new_text = std::move(next);
  row.verdict = verdict;
  return row;
}

// Classifies a change that has statistical evidence: `worse_pct` is the change in the bad direction (slowdown or
// throughput drop) in percent.
DiffVerdict Classify(double p, std::optional<double> worse_pct, const DiffOptions& options) {
  if (p >= options.alpha) return DiffVerdict::kNotSignificant;
  if (!worse_pct) return DiffVerdict::kBelowThreshold;
  if (*worse_pct > options.threshold_pct) return DiffVerdict::kRegression;
  if (*worse_pct < -options.threshold_pct) return DiffVerdict::kImprovement;
  return DiffVerdict::kBelowThreshold;
}

// One latency row; also returns the U test (when there were enough samples) for the throughput row to reuse.
DiffRow LatencyRow(const std::string& run, const std::string& name, const report::LatencyStats& base,
                   const report::LatencyStats& next, const DiffOptions& options,
                   std::optional<stats::MannWhitneyResult>* test) {
  const std::vector<double> xs = Finite(base.samples_ms), ys = Finite(next.samples_ms);
  const double base_median = xs.empty() ? base.median_ms : stats::Median(xs);
  const double new_median = ys.empty() ? next.median_ms : stats::Median(ys);
  DiffRow row = NumericRow(run, name + ".median_ms", base_median, new_median, DiffVerdict::kTooFewSamples);
  row.base_text = FormatMs(base_median);
  row.new_text = FormatMs(new_median);
  row.n_base = xs.size();
  row.n_new = ys.size();
  if (xs.size() < stats::kMinSamples || ys.size() < stats::kMinSamples) return row;
  const stats::MannWhitneyResult u = stats::MannWhitneyU(xs, ys);
  row.p_value = u.p_two_sided;
  row.z = u.z;
  row.shift_ms = stats::HodgesLehmannShift(xs, ys);
  row.verdict = Classify(u.p_two_sided, row.change_pct, options);
  if (test) *test = u;
  return row;
}

DiffRow ThroughputRow(const std::string& run, double base, double next,
                      const std::optional<stats::MannWhitneyResult>& compute_test, const DiffOptions& options) {
  DiffRow row = NumericRow(run, "throughput_ips", base, next, DiffVerdict::kTooFewSamples);
  row.base_text = report::FormatSig(base, 4) + " /s";
  row.new_text = report::FormatSig(next, 4) + " /s";
  if (!compute_test) return row;
  row.p_value = compute_test->p_two_sided;
  row.z = -compute_test->z;  // faster iterations mean higher throughput
  std::optional<double> drop_pct;
  if (row.change_pct) drop_pct = -*row.change_pct;
  row.verdict = Classify(compute_test->p_two_sided, drop_pct, options);
  return row;
}

void DiffPerf(const report::Run& base, const report::Run& next, const DiffOptions& options,
              std::vector<DiffRow>& rows) {
  if (!base.perf || !next.perf) {
    if (base.perf || next.perf) rows.push_back(PresenceRow(next.id, "perf", base.perf.has_value()));
    return;
  }
  std::optional<stats::MannWhitneyResult> compute_test;
  rows.push_back(LatencyRow(next.id, "compute", base.perf->compute, next.perf->compute, options, &compute_test));
  if (base.perf->e2e && next.perf->e2e) {
    rows.push_back(LatencyRow(next.id, "e2e", *base.perf->e2e, *next.perf->e2e, options, nullptr));
  } else if (base.perf->e2e || next.perf->e2e) {
    rows.push_back(PresenceRow(next.id, "e2e", base.perf->e2e.has_value()));
  }
  if (base.perf->throughput_ips != 0 || next.perf->throughput_ips != 0) {
    rows.push_back(ThroughputRow(next.id, base.perf->throughput_ips, next.perf->throughput_ips, compute_test, options));
  }
}

void DiffCount(const std::string& run, const std::string& metric, int64_t base, int64_t next,
               std::vector<DiffRow>& rows) {
  if (base == next) return;
  const auto b = static_cast<double>(base), n = static_cast<double>(next);
  DiffRow row = NumericRow(run, metric, b, n, n > b ? DiffVerdict::kRegression : DiffVerdict::kImprovement);
  row.base_text = std::to_string(base);
  row.new_text = std::to_string(next);
  rows.push_back(std::move(row));
}

void DiffOutput(const std::string& run, const report::OutputResult& base, const report::OutputResult& next,
                const DiffOptions& options, std::vector<DiffRow>& rows) {
  const std::string prefix = "output:" + next.name + ".";
  for (const auto& [name, base_value] : base.metrics) {
    auto it = next.metrics.find(name);
    if (it == next.metrics.end()) {
      rows.push_back(PresenceRow(run, prefix + name, true));
      continue;
    }
    if (RelativeChange(base_value, it->second) <= options.metric_tolerance) continue;
    const DiffVerdict verdict = Judge(MetricDirection(name), base_value, it->second);
    rows.push_back(NumericRow(run, prefix + name, base_value, it->second, verdict));
  }
  for (const auto& [name, value] : next.metrics) {
    if (!base.metrics.count(name)) rows.push_back(PresenceRow(run, prefix + name, false));
  }
  DiffCount(run, prefix + "nan_count", base.nan_count, next.nan_count, rows);
  DiffCount(run, prefix + "inf_count", base.inf_count, next.inf_count, rows);
}

void DiffOutputs(const report::Run& base, const report::Run& next, const DiffOptions& options,
                 std::vector<DiffRow>& rows) {
  std::map<std::string, const report::OutputResult*> base_outputs;
  for (const auto& o : base.outputs) base_outputs.emplace(o.name, &o);
  for (const auto& o : next.outputs) {
    auto it = base_outputs.find(o.name);
    if (it == base_outputs.end()) {
      rows.push_back(PresenceRow(next.id, "output:" + o.name, false));
      continue;
    }
    DiffOutput(next.id, *it->second, o, options, rows);
    base_outputs.erase(it);
  }
  for (const auto& o : base.outputs) {
    if (base_outputs.count(o.name)) rows.push_back(PresenceRow(next.id, "output:" + o.name, true));
  }
}

void DiffRate(const std::string& run, const std::string& field, double base, double next, bool is_delta,
              std::vector<DiffRow>& rows) {
  if (SameValue(base, next)) return;
  DiffRow row = NumericRow(run, "accuracy." + field, base, next, Judge(Direction::kHigherIsBetter, base, next));
  row.base_text = is_delta ? report::FormatDeltaPp(base) : report::FormatPercent(base);
  row.new_text = is_delta ? report::FormatDeltaPp(next) : report::FormatPercent(next);
  row.change_pct.reset();  // a relative change of a rate reads wrongly; the change column shows percentage points
  rows.push_back(std::move(row));
}

void DiffAccuracy(const report::Run& base, const report::Run& next, std::vector<DiffRow>& rows) {
  if (!base.accuracy || !next.accuracy) {
    if (base.accuracy || next.accuracy) rows.push_back(PresenceRow(next.id, "accuracy", base.accuracy.has_value()));
    return;
  }
  const report::Accuracy& a = *base.accuracy;
  const report::Accuracy& b = *next.accuracy;
  if (a.dataset != b.dataset)
    rows.push_back(TextRow(next.id, "accuracy.dataset", a.dataset, b.dataset, DiffVerdict::kChanged));
  if (a.samples != b.samples) {
    rows.push_back(NumericRow(next.id, "accuracy.samples", static_cast<double>(a.samples),
                              static_cast<double>(b.samples), DiffVerdict::kChanged));
  }
  DiffRate(next.id, "top1", a.top1, b.top1, false, rows);
  DiffRate(next.id, "top5", a.top5, b.top5, false, rows);
  DiffRate(next.id, "delta_top1", a.delta_top1, b.delta_top1, true, rows);
  DiffRate(next.id, "delta_top5", a.delta_top5, b.delta_top5, true, rows);
  DiffCount(next.id, "accuracy.flip_count", a.flip_count, b.flip_count, rows);
}

bool Failing(report::Verdict v) {
  return v == report::Verdict::kFail || v == report::Verdict::kError || v == report::Verdict::kInvalid;
}

void DiffStatusAndVerdict(const report::Run& base, const report::Run& next, std::vector<DiffRow>& rows) {
  if (base.status != next.status) {
    const bool broke = base.status == report::RunStatus::kOk;
    const bool fixed = next.status == report::RunStatus::kOk;
    rows.push_back(TextRow(next.id, "status", report::RunStatusName(base.status), report::RunStatusName(next.status),
                           broke   ? DiffVerdict::kRegression
                           : fixed ? DiffVerdict::kImprovement
                                   : DiffVerdict::kChanged));
  }
  if (base.verdict != next.verdict) {
    const DiffVerdict verdict = !Failing(base.verdict) && Failing(next.verdict)   ? DiffVerdict::kRegression
                                : Failing(base.verdict) && !Failing(next.verdict) ? DiffVerdict::kImprovement
                                                                                  : DiffVerdict::kChanged;
    rows.push_back(
        TextRow(next.id, "verdict", report::VerdictName(base.verdict), report::VerdictName(next.verdict), verdict));
  }
}

void CheckOptions(const DiffOptions& o) {
  if (!(o.alpha > 0 && o.alpha < 1)) throw std::invalid_argument(fmt::format("--alpha {} must be in (0, 1)", o.alpha));
  if (!(o.threshold_pct >= 0) || !std::isfinite(o.threshold_pct)) {
    throw std::invalid_argument(fmt::format("--threshold {} must be a finite percentage >= 0", o.threshold_pct));
  }
  if (!(o.metric_tolerance >= 0)) {
    throw std::invalid_argument(fmt::format("--metric-tolerance {} must be >= 0", o.metric_tolerance));
  }
}

std::string FormatChange(const DiffRow& row) {
  std::string text;
  if (row.change_pct) {
    text = fmt::format("{:+.1f}%", *row.change_pct);
  } else if (row.base_value && row.new_value && std::isfinite(*row.base_value) && std::isfinite(*row.new_value) &&
             row.metric.rfind("accuracy.", 0) == 0 && row.metric != "accuracy.samples" &&
             row.metric != "accuracy.flip_count") {
    text = report::FormatDeltaPp(*row.new_value - *row.base_value);
  }
  if (row.shift_ms) {
    const std::string sign = *row.shift_ms > 0 ? "+" : "";  // FormatSig writes the minus itself
    text += (text.empty() ? "" : " ") + fmt::format("(HL {}{} ms)", sign, report::FormatSig(*row.shift_ms, 3));
  }
  return text.empty() ? kMissing : text;
}

std::string Plural(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

nlohmann::json Number(std::optional<double> v) {
  if (!v) return nullptr;
  if (std::isnan(*v)) return "NaN";
  if (std::isinf(*v)) return *v > 0 ? "Infinity" : "-Infinity";
  return *v;
}

}  // namespace

const char* DiffVerdictName(DiffVerdict verdict) {
  switch (verdict) {
    case DiffVerdict::kRegression:
      return "regression";
    case DiffVerdict::kImprovement:
      return "improvement";
    case DiffVerdict::kNotSignificant:
      return "not significant";
    case DiffVerdict::kBelowThreshold:
      return "below threshold";
    case DiffVerdict::kTooFewSamples:
      return "too few samples";
    case DiffVerdict::kChanged:
      return "changed";
    case DiffVerdict::kAdded:
      return "added";
    case DiffVerdict::kRemoved:
      return "removed";
  }
  return "?";
}

size_t DiffReport::Count(DiffVerdict verdict) const {
  return static_cast<size_t>(
      std::count_if(rows.begin(), rows.end(), [verdict](const DiffRow& r) { return r.verdict == verdict; }));
}

DiffReport DiffResults(const report::Results& base, const report::Results& next, const DiffOptions& options) {
  CheckOptions(options);
  DiffReport diff;
  diff.options = options;
  std::map<std::string, const report::Run*> base_runs;
  for (const auto& run : base.runs) base_runs.emplace(run.id, &run);  // ids are unique; keep the first if not
  std::map<std::string, bool> seen;
  for (const auto& run : next.runs) {
    if (seen.count(run.id)) continue;
    seen[run.id] = true;
    auto it = base_runs.find(run.id);
    if (it == base_runs.end()) {
      diff.added.push_back(run.id);
      diff.rows.push_back(PresenceRow(run.id, "run", false));
      continue;
    }
    ++diff.compared;
    DiffStatusAndVerdict(*it->second, run, diff.rows);
    DiffPerf(*it->second, run, options, diff.rows);
    DiffOutputs(*it->second, run, options, diff.rows);
    DiffAccuracy(*it->second, run, diff.rows);
  }
  for (const auto& run : base.runs) {
    if (seen.count(run.id)) continue;
    seen[run.id] = true;
    diff.removed.push_back(run.id);
    diff.rows.push_back(PresenceRow(run.id, "run", true));
  }
  return diff;
}

std::string DiffSummaryLine(const DiffReport& diff) {
  const size_t regressions = diff.Count(DiffVerdict::kRegression);
  return fmt::format("{}: {} compared, {} added, {} removed; {}, {}, {}", regressions ? "REGRESSION" : "OK",
                     Plural(diff.compared, "run"), diff.added.size(), diff.removed.size(),
                     Plural(regressions, "regression"), Plural(diff.Count(DiffVerdict::kImprovement), "improvement"),
                     Plural(diff.Count(DiffVerdict::kChanged), "other change"));
}

std::string RenderDiffMarkdown(const DiffReport& diff) {
  std::string out = "| run | metric | base | new | change | p | verdict |\n|---|---|---|---|---|---|---|\n";
  for (const DiffRow& row : diff.rows) {
    const std::string p = row.p_value ? report::FormatSig(*row.p_value, 2) : kMissing;
    const std::string verdict =
        row.verdict == DiffVerdict::kRegression ? "**REGRESSION**" : DiffVerdictName(row.verdict);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", report::EscapeMarkdown(row.run),
                       report::EscapeMarkdown(row.metric), report::EscapeMarkdown(row.base_text),
                       report::EscapeMarkdown(row.new_text), FormatChange(row), p, verdict);
  }
  return out + "\n" + DiffSummaryLine(diff) + "\n";
}

nlohmann::json DiffToJson(const DiffReport& diff) {
  nlohmann::json rows = nlohmann::json::array();
  for (const DiffRow& row : diff.rows) {
    rows.push_back({{"run", row.run},
                    {"metric", row.metric},
                    {"base", row.base_value ? Number(row.base_value) : nlohmann::json(row.base_text)},
                    {"new", row.new_value ? Number(row.new_value) : nlohmann::json(row.new_text)},
                    {"base_text", row.base_text},
                    {"new_text", row.new_text},
                    {"change_pct", Number(row.change_pct)},
                    {"p", Number(row.p_value)},
                    {"z", Number(row.z)},
                    {"shift_ms", Number(row.shift_ms)},
                    {"n_base", row.n_base},
                    {"n_new", row.n_new},
                    {"verdict", DiffVerdictName(row.verdict)}});
  }
  nlohmann::json counts = nlohmann::json::object();
  for (DiffVerdict v :
       {DiffVerdict::kRegression, DiffVerdict::kImprovement, DiffVerdict::kNotSignificant, DiffVerdict::kBelowThreshold,
        DiffVerdict::kTooFewSamples, DiffVerdict::kChanged, DiffVerdict::kAdded, DiffVerdict::kRemoved}) {
    counts[DiffVerdictName(v)] = diff.Count(v);
  }
  const DiffOptions& o = diff.options;
  return {
      {"schema", "parity.diff/1"},
      {"base", o.base_path},
      {"new", o.new_path},
      {"options", {{"alpha", o.alpha}, {"threshold_pct", o.threshold_pct}, {"metric_tolerance", o.metric_tolerance}}},
      {"compared", diff.compared},
      {"added", diff.added},
      {"removed", diff.removed},
      {"rows", rows},
      {"summary", {{"counts", counts}, {"text", DiffSummaryLine(diff)}}},
      {"exit_code", diff.HasRegression() ? 1 : 0}};
}

int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  DiffReport diff;
  try {
    const report::Results base = report::LoadResults(options.base_path);
    const report::Results next = report::LoadResults(options.new_path);
    diff = DiffResults(base, next, options);
  } catch (const report::ResultsError& e) {
    err << "parity: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    err << "parity: " << e.what() << "\n";
    return 2;
  }
  out << RenderDiffMarkdown(diff);
  if (!options.json_path.empty()) {
    std::ofstream file(options.json_path);
    if (!file || !(file << DiffToJson(diff).dump(2) << "\n")) {
      err << "parity: cannot write '" << options.json_path << "'\n";
      return 2;
    }
  }
  return diff.HasRegression() ? 1 : 0;
}

}  // namespace parity
