#include "harness/run/gates.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace parity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double AccuracyValue(const report::Run& run, const std::string& metric) {
  if (!run.accuracy) return kNaN;
  const auto& a = *run.accuracy;
  if (metric == "top1") return a.top1;
  if (metric == "top5") return a.top5;
  if (metric == "delta_top1") return a.delta_top1;
  if (metric == "delta_top5") return a.delta_top5;
  if (metric == "flips") return static_cast<double>(a.flip_count);
  return kNaN;
}

double PerfValue(const report::Run& run, const std::string& metric) {
  if (!run.perf) return kNaN;
  const auto& c = run.perf->compute;
  if (metric == "median_ms") return c.median_ms;
  if (metric == "p90_ms") return c.p90_ms;
  if (metric == "p99_ms") return c.p99_ms;
  if (metric == "mean_ms") return c.mean_ms;
  if (metric == "throughput_ips") return run.perf->throughput_ips;
  return kNaN;
}

report::Gate Make(const GateSpec& g, const std::string& scope, double value) {
  report::Gate r;
  r.scope = scope;
  r.metric = g.metric;
  r.op = g.op;
  r.threshold = g.threshold;
  r.value = value;
  r.passed = report::GatePasses(g.op, value, g.threshold);
  return r;
}

}  // namespace

void EvaluateGates(const std::vector<GateSpec>& gates, report::Run& run) {
  for (const GateSpec& g : gates) {
    if (g.scope == "accuracy") {
      run.gates.push_back(Make(g, "accuracy", AccuracyValue(run, g.metric)));
    } else if (g.scope == "perf") {
      run.gates.push_back(Make(g, "perf", PerfValue(run, g.metric)));
    } else {
      bool matched = false;
      for (const auto& out : run.outputs) {
        if (g.output != "*" && g.output != out.name) continue;
        auto it = out.metrics.find(g.metric);
        if (it == out.metrics.end()) {
          if (g.output == "*") continue;  // "*" gates apply where the metric exists (e.g. cosine on floats)
          run.gates.push_back(Make(g, "output:" + out.name, kNaN));
        } else {
          run.gates.push_back(Make(g, "output:" + out.name, it->second));
        }
        matched = true;
      }
      if (!matched) run.gates.push_back(Make(g, "output:" + g.output, kNaN));
    }
  }
  run.verdict = report::DeriveVerdict(run);
}

std::vector<std::string> DescribeBreaches(const report::Run& run, const std::vector<GateSpec>& gates) {
  std::vector<std::string> lines;
  if (run.status != report::RunStatus::kOk) {
    lines.push_back("model " + run.model.name + ", backend " + run.backend.name + ": " +
                    report::RunStatusName(run.status) + ": " + run.error);
    return lines;
  }
  for (const auto& g : run.gates) {
    if (g.passed) continue;
    std::ostringstream os;
    os.precision(8);
    os << "model " << run.model.name << ", backend " << run.backend.name << ", " << g.scope << ", " << g.metric
       << " = " << g.value << ", required " << g.op << " " << g.threshold;
    for (const auto& s : gates) {
      if (s.metric == g.metric && s.op == g.op && s.threshold == g.threshold) {
        os << " (gate at " << s.where << ")";
        break;
      }
    }
    lines.push_back(os.str());
  }
  return lines;
}

}  // namespace parity
