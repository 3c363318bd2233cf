#include <fmt/format.h>

#include "reports/format.h"
#include "reports/render.h"

namespace parity::report {
namespace {

// The header is documented column by column in docs/reports.md; append new columns at the end only.
constexpr const char* kColumns[] = {"run_id",
                                    "model",
                                    "backend_kind",
                                    "backend",
                                    "option_name",
                                    "options",
                                    "reference_backend",
                                    "status",
                                    "verdict",
                                    "output",
                                    "dtype",
                                    "shape",
                                    "cosine",
                                    "max_abs",
                                    "max_rel",
                                    "mean_abs",
                                    "rmse",
                                    "snr_db",
                                    "nan_count",
                                    "inf_count",
                                    "output_gates_failed",
                                    "run_gates_failed",
                                    "top1",
                                    "top5",
                                    "delta_top1",
                                    "delta_top5",
                                    "flip_count",
                                    "median_ms",
                                    "p90_ms",
                                    "p99_ms",
                                    "mean_ms",
                                    "stddev_ms",
                                    "throughput_ips",
                                    "gflops",
                                    "pct_peak",
                                    "compile_ms",
                                    "peak_memory_bytes",
                                    "seconds",
                                    "error"};

std::string Opt(const std::optional<double>& v) {
  return v ? FormatExact(*v) : "";
}

std::string Metric(const OutputResult* o, const char* name) {
  if (o == nullptr) return "";
  auto it = o->metrics.find(name);
  return it == o->metrics.end() ? "" : FormatExact(it->second);
}

int FailedGates(const Run& run, const std::string* output) {
  int n = 0;
  for (const auto& g : run.gates) {
    if (!g.passed && (output == nullptr || g.scope == "output:" + *output)) ++n;
  }
  return n;
}

std::vector<std::string> RunCells(const Run& run) {
  std::string options;
  for (const auto& [k, v] : run.backend.options) options += (options.empty() ? "" : ";") + k + "=" + v;
  return {run.id,  run.model.name,        run.backend.kind,          run.backend.name,        run.backend.option_name,
          options, run.reference_backend, RunStatusName(run.status), VerdictName(run.verdict)};
}

std::vector<std::string> OutputCells(const Run& run, const OutputResult* o) {
  if (o == nullptr) return std::vector<std::string>(12, "");
  std::vector<std::string> c = {o->name, o->dtype, FormatShape(o->shape)};
  for (const char* m :
       {metric::kCosine, metric::kMaxAbs, metric::kMaxRel, metric::kMeanAbs, metric::kRmse, metric::kSnrDb}) {
    c.push_back(Metric(o, m));
  }
  c.push_back(std::to_string(o->nan_count));
  c.push_back(std::to_string(o->inf_count));
  c.push_back(std::to_string(FailedGates(run, &o->name)));
  return c;
}

std::vector<std::string> TailCells(const Run& run) {
  std::vector<std::string> c = {std::to_string(FailedGates(run, nullptr))};
  if (run.accuracy) {
    const Accuracy& a = *run.accuracy;
    for (double v : {a.top1, a.top5, a.delta_top1, a.delta_top5}) c.push_back(FormatExact(v));
    c.push_back(std::to_string(a.flip_count));
  } else {
    c.insert(c.end(), 5, "");
  }
  if (run.perf) {
    const Perf& p = *run.perf;
    for (double v : {p.compute.median_ms, p.compute.p90_ms, p.compute.p99_ms, p.compute.mean_ms, p.compute.stddev_ms,
                     p.throughput_ips}) {
      c.push_back(FormatExact(v));
    }
    c.insert(c.end(), {Opt(p.gflops), Opt(p.pct_peak), Opt(p.compile_ms),
                       p.peak_memory_bytes ? std::to_string(*p.peak_memory_bytes) : ""});
  } else {
    c.insert(c.end(), 10, "");
  }
  c.push_back(FormatExact(run.seconds));
  c.push_back(run.error);
  return c;
}

std::string Line(const std::vector<std::string>& cells) {
  std::string s;
  for (size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + EscapeCsv(cells[i]);
  return s + "\n";
}

}  // namespace

std::string RenderCsv(const Results& results) {
  std::string s = Line(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  for (const auto& run : results.runs) {
    const std::vector<std::string> head = RunCells(run), tail = TailCells(run);
    auto emit = [&](const OutputResult* o) {
      std::vector<std::string> row = head;
      const std::vector<std::string> mid = OutputCells(run, o);
      row.insert(row.end(), mid.begin(), mid.end());
      row.insert(row.end(), tail.begin(), tail.end());
      s += Line(row);
    };
    if (run.outputs.empty()) emit(nullptr);  // errors and perf-only runs still get a row
    for (const auto& o : run.outputs) emit(&o);
  }
  return s;
}

}  // namespace parity::report
