#include "reports/tables.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "reports/format.h"

namespace parity::report {
namespace {

// Appends a column; `numeric` columns are right-aligned by the renderers.
void AddColumn(Table& t, std::string name, bool numeric) {
  t.header.push_back(std::move(name));
  t.numeric.push_back(numeric);
}

std::string MetricCell(const OutputResult* o, const char* name) {
  if (o == nullptr) return kMissing;
  auto it = o->metrics.find(name);
  if (it == o->metrics.end()) return kMissing;
  if (std::string(name) == metric::kCosine) return FormatCosine(it->second);
  if (std::string(name) == metric::kSnrDb) return FormatFixed(it->second, 1);
  return FormatSig(it->second, 3);
}

const OutputResult* FindOutput(const Run& run, const std::string& name) {
  for (const auto& o : run.outputs) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

template <typename T, typename F>
std::string OptCell(const std::optional<T>& v, F&& format) {
  return v ? format(*v) : std::string(kMissing);
}

void AddOutputCells(const ModelGroup& g, const Run& run, std::vector<std::string>& row) {
  for (const auto& name : g.outputs) {
    const OutputResult* o = FindOutput(run, name);
    for (const char* m : {metric::kCosine, metric::kMaxAbs, metric::kMaxRel, metric::kSnrDb}) {
      row.push_back(MetricCell(o, m));
    }
  }
}

void AddAccuracyCells(const Run& run, std::vector<std::string>& row) {
  if (!run.accuracy) {
    row.insert(row.end(), 4, kMissing);
    return;
  }
  const Accuracy& a = *run.accuracy;
  row.push_back(FormatPercent(a.top1));
  row.push_back(FormatPercent(a.top5));
  row.push_back(FormatDeltaPp(a.delta_top1));
  row.push_back(std::to_string(a.flip_count));
}

void AddPerfCells(const Run& run, std::vector<std::string>& row) {
  if (!run.perf) {
    row.insert(row.end(), 5, kMissing);
    return;
  }
  const Perf& p = *run.perf;
  row.push_back(FormatSig(p.compute.median_ms, 3));
  row.push_back(FormatSig(p.compute.p99_ms, 3));
  row.push_back(FormatSig(p.throughput_ips, 4));
  row.push_back(OptCell(p.gflops, [](double v) { return FormatSig(v, 3); }));
  row.push_back(OptCell(p.pct_peak, [](double v) { return FormatSig(v, 3) + "%"; }));
}

std::string OutputOfScope(const std::string& scope) {
  const std::string prefix = "output:";
  return scope.compare(0, prefix.size(), prefix) == 0 ? scope.substr(prefix.size()) : scope;
}

std::string FusedInto(const Layerwise& l, const Divergence& d) {
  for (const auto& r : l.rows) {
    if (r.node == d.node && r.output == d.output) return r.fused_into.empty() ? kMissing : r.fused_into;
  }
  return kMissing;
}

}  // namespace

std::vector<ModelGroup> GroupByModel(const Results& results) {
  std::vector<ModelGroup> groups;
  std::map<std::string, size_t> index;
  for (const auto& run : results.runs) {
    auto [it, added] = index.emplace(run.model.name, groups.size());
    if (added) groups.push_back({run.model.name, &run.model, {}, {}, false, false});
    ModelGroup& g = groups[it->second];
    g.runs.push_back(&run);
    for (const auto& o : run.outputs) {
      if (std::find(g.outputs.begin(), g.outputs.end(), o.name) == g.outputs.end()) g.outputs.push_back(o.name);
    }
    g.has_accuracy |= run.accuracy.has_value();
    g.has_perf |= run.perf.has_value();
  }
  return groups;
}

std::string PointLabel(const Run& run) {
  return run.backend.option_name.empty() ? run.backend.name : run.backend.name + " / " + run.backend.option_name;
}

std::string SummaryLine(const Results& results) {
  std::map<Verdict, int> counts;
  for (const auto& r : results.runs) ++counts[r.verdict];
  std::string line = fmt::format("{} run{}", results.runs.size(), results.runs.size() == 1 ? "" : "s");
  const char* sep = ": ";
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kError, Verdict::kInvalid, Verdict::kNone}) {
    if (counts[v] == 0) continue;
    line += fmt::format("{}{} {}", sep, counts[v], v == Verdict::kNone ? "ungated" : VerdictName(v));
    sep = ", ";
  }
  return line;
}

Table EnvironmentTable(const Environment& env) {
  Table t;
  AddColumn(t, "item", false);
  AddColumn(t, "value", false);
  std::vector<std::string> libs;
  for (const auto& [name, version] : env.libraries) libs.push_back(name + " " + version);
  const std::string peak =
      env.peak_gflops ? fmt::format("{} ({})", FormatSig(*env.peak_gflops, 4), env.peak_gflops_source) : kMissing;
  const std::vector<std::pair<const char*, std::string>> items = {
      {"CPU", env.cpu_model},
      {"CPU flags", fmt::format("{}", fmt::join(env.cpu_flags, " "))},
      {"cores", std::to_string(env.cores)},
      {"memory", FormatBytes(static_cast<double>(env.memory_bytes))},
      {"OS", env.os},
      {"compiler", env.compiler},
      {"build type", env.build_type},
      {"libraries", fmt::format("{}", fmt::join(libs, ", "))},
      {"git revision", env.git_revision},
      {"host", env.hostname},
      {"peak GFLOP/s", peak}};
  for (const auto& [k, v] : items) {
    t.rows.push_back({k, v.empty() ? kMissing : v});
    t.row_class.emplace_back();
  }
  return t;
}

Table ModelTable(const ModelGroup& g) {
  Table t;
  AddColumn(t, "point", false);
  AddColumn(t, "status", false);
  for (const auto& name : g.outputs) {
    const std::string suffix = g.outputs.size() > 1 ? " (" + name + ")" : "";
    for (const char* h : {"cosine", "max abs", "max rel", "SNR dB"}) AddColumn(t, h + suffix, true);
  }
  if (g.has_accuracy) {
    for (const char* h : {"top-1", "top-5", "Δ top-1", "flips"}) AddColumn(t, h, true);
  }
  if (g.has_perf) {
    for (const char* h : {"p50 ms", "p99 ms", "inf/s", "GFLOP/s", "% peak"}) AddColumn(t, h, true);
  }
  AddColumn(t, "verdict", false);
  for (const Run* run : g.runs) {
    std::vector<std::string> row = {PointLabel(*run), RunStatusName(run->status)};
    AddOutputCells(g, *run, row);
    if (g.has_accuracy) AddAccuracyCells(*run, row);
    if (g.has_perf) AddPerfCells(*run, row);
    row.push_back(VerdictName(run->verdict));
    t.rows.push_back(std::move(row));
    t.row_class.push_back(VerdictName(run->verdict));
  }
  return t;
}

Table BreachTable(const Results& results) {
  Table t;
  for (const char* h : {"model", "point", "output / scope", "metric"}) AddColumn(t, h, false);
  AddColumn(t, "value", true);
  AddColumn(t, "required", true);
  for (const auto& run : results.runs) {
    for (const auto& gate : run.gates) {
      if (gate.passed) continue;
      t.rows.push_back({run.model.name, PointLabel(run), OutputOfScope(gate.scope), gate.metric,
                        FormatSig(gate.value, 4), gate.op + " " + FormatSig(gate.threshold, 4)});
      t.row_class.emplace_back("fail");
    }
  }
  return t;
}

Table LayerwiseTable(const Results& results) {
  Table t;
  for (const char* h :
       {"model", "point", "metric", "threshold", "first divergent node", "op", "output", "value", "fused into"}) {
    AddColumn(t, h, std::string(h) == "threshold" || std::string(h) == "value");
  }
  for (const auto& run : results.runs) {
    if (!run.layerwise) continue;
    const Layerwise& l = *run.layerwise;
    std::vector<std::string> row = {run.model.name, PointLabel(run), l.metric, FormatSig(l.threshold, 4)};
    if (l.first_divergent) {
      const Divergence& d = *l.first_divergent;
      row.insert(row.end(), {d.node, d.op, d.output, FormatSig(d.value, 4), FusedInto(l, d)});
    } else {
      row.insert(row.end(), {"none within threshold", kMissing, kMissing, kMissing, kMissing});
    }
    t.rows.push_back(std::move(row));
    t.row_class.emplace_back(l.first_divergent ? "fail" : "pass");
  }
  return t;
}

Table ErrorTable(const Results& results) {
  Table t;
  for (const char* h : {"model", "point", "status", "message"}) AddColumn(t, h, false);
  for (const auto& run : results.runs) {
    if (run.status == RunStatus::kOk) continue;
    t.rows.push_back({run.model.name, PointLabel(run), RunStatusName(run.status), run.error});
    t.row_class.emplace_back(RunStatusName(run.status));
  }
  return t;
}

Table WarningTable(const Results& results) {
  Table t;
  for (const char* h : {"model", "point", "warning"}) AddColumn(t, h, false);
  for (const auto& run : results.runs) {
    for (const auto& o : run.outputs) {
      if (o.nan_count == 0 && o.inf_count == 0) continue;
      t.rows.push_back({run.model.name, PointLabel(run),
                        fmt::format("output {}: {} NaN, {} Inf", o.name, o.nan_count, o.inf_count)});
      t.row_class.emplace_back();
    }
    if (!run.perf) continue;
    for (const auto& w : run.perf->warnings) {
      t.rows.push_back({run.model.name, PointLabel(run), w});
      t.row_class.emplace_back();
    }
  }
  return t;
}

}  // namespace parity::report
