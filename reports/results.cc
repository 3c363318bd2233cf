// Helpers of the results model that do not touch JSON.
#include "reports/results.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numeric>

#include <fmt/format.h>

namespace parity::report {
namespace {

std::string ErrorText(const std::string& file, const std::string& json_path, const std::string& message) {
  return json_path.empty() ? fmt::format("{}: {}", file, message) : fmt::format("{}: {}: {}", file, json_path, message);
}

}  // namespace

ResultsError::ResultsError(std::string file, std::string json_path, const std::string& message)
    : std::runtime_error(ErrorText(file, json_path, message)),
      file_(std::move(file)),
      json_path_(std::move(json_path)) {}

std::string MakeRunId(const std::string& model, const std::string& backend, const std::string& option_name) {
  return model + "|" + backend + "|" + option_name;
}

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kOk:
      return "ok";
    case RunStatus::kError:
      return "error";
    case RunStatus::kInvalid:
      return "invalid";
  }
  return "error";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kError:
      return "error";
    case Verdict::kInvalid:
      return "invalid";
    case Verdict::kNone:
      return "none";
  }
  return "none";
}

std::optional<RunStatus> ParseRunStatus(const std::string& name) {
  for (RunStatus s : {RunStatus::kOk, RunStatus::kError, RunStatus::kInvalid}) {
    if (name == RunStatusName(s)) return s;
  }
  return std::nullopt;
}

std::optional<Verdict> ParseVerdict(const std::string& name) {
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kError, Verdict::kInvalid, Verdict::kNone}) {
    if (name == VerdictName(v)) return v;
  }
  return std::nullopt;
}

bool GatePasses(const std::string& op, double value, double threshold) {
  // Every comparison with NaN is false, so a NaN metric fails every gate, which is what we want.
  if (op == ">=") return value >= threshold;
  if (op == "<=") return value <= threshold;
  if (op == ">") return value > threshold;
  if (op == "<") return value < threshold;
  throw std::invalid_argument("gate operator '" + op + "' is not one of >=, <=, >, <");
}

Verdict DeriveVerdict(const Run& run) {
  if (run.status == RunStatus::kError) return Verdict::kError;
  if (run.status == RunStatus::kInvalid) return Verdict::kInvalid;
  if (run.gates.empty()) return Verdict::kNone;
  const bool all = std::all_of(run.gates.begin(), run.gates.end(), [](const Gate& g) { return g.passed; });
  return all ? Verdict::kPass : Verdict::kFail;
}

double Percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double rank = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(rank));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = rank - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

LatencyStats ComputeLatencyStats(std::vector<double> samples_ms) {
  LatencyStats s;
  s.samples_ms = samples_ms;
  if (samples_ms.empty()) return s;
  std::sort(samples_ms.begin(), samples_ms.end());
  const double n = static_cast<double>(samples_ms.size());
  s.mean_ms = std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) / n;
  double sq = 0;
  for (double v : samples_ms) sq += (v - s.mean_ms) * (v - s.mean_ms);
  s.stddev_ms = std::sqrt(sq / n);  // population stddev, like numpy's default
  s.cv = s.mean_ms > 0 ? s.stddev_ms / s.mean_ms : 0;
  s.min_ms = samples_ms.front();
  s.max_ms = samples_ms.back();
  s.median_ms = Percentile(samples_ms, 50);
  s.p90_ms = Percentile(samples_ms, 90);
  s.p95_ms = Percentile(samples_ms, 95);
  s.p99_ms = Percentile(samples_ms, 99);
  for (double q : {50.0, 75.0, 90.0, 95.0, 99.0, 99.9})
    s.percentiles_ms[fmt::format("p{}", q)] = Percentile(samples_ms, q);
  return s;
}

std::string NowUtcIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace parity::report
