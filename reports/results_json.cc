// Results -> JSON. Field order follows nlohmann's ordered-by-key objects, so output is deterministic.
#include <cmath>

#include <nlohmann/json.hpp>

#include "reports/results.h"

namespace parity::report {
namespace {

using nlohmann::json;

// JSON has no NaN/Infinity literal and nlohmann would write null, losing the value; strings keep it.
json Num(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

json NumMap(const std::map<std::string, double>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = Num(v);
  return j;
}

json NumArray(const std::vector<double>& values) {
  json j = json::array();
  for (double v : values) j.push_back(Num(v));
  return j;
}

json Tensor(const TensorInfo& t) {
  return {{"name", t.name}, {"dtype", t.dtype}, {"shape", t.shape}};
}

json EnvironmentJson(const Environment& e) {
  json j = {{"cpu_model", e.cpu_model},
            {"cpu_flags", e.cpu_flags},
            {"cores", e.cores},
            {"memory_bytes", e.memory_bytes},
            {"os", e.os},
            {"compiler", e.compiler},
            {"build_type", e.build_type},
            {"libraries", e.libraries},
            {"git_revision", e.git_revision},
            {"hostname", e.hostname}};
  if (e.peak_gflops) {
    j["peak_gflops"] = Num(*e.peak_gflops);
    j["peak_gflops_source"] = e.peak_gflops_source;
  }
  return j;
}

json ModelJson(const ModelInfo& m) {
  json inputs = json::array();
  for (const auto& t : m.inputs) inputs.push_back(Tensor(t));
  return {{"name", m.name}, {"path", m.path}, {"sha256", m.sha256}, {"opset", m.opset}, {"inputs", inputs}};
}

json BackendJson(const BackendInfo& b) {
  return {{"kind", b.kind}, {"name", b.name}, {"options", b.options}, {"option_name", b.option_name}};
}

json OutputJson(const OutputResult& o) {
  return {{"name", o.name},           {"dtype", o.dtype},        {"shape", o.shape}, {"metrics", NumMap(o.metrics)},
          {"nan_count", o.nan_count}, {"inf_count", o.inf_count}};
}

json GateJson(const Gate& g) {
  return {{"scope", g.scope},      {"metric", g.metric}, {"op", g.op}, {"threshold", Num(g.threshold)},
          {"value", Num(g.value)}, {"passed", g.passed}};
}

json AccuracyJson(const Accuracy& a) {
  json flips = json::array();
  for (const auto& f : a.flips) {
    flips.push_back({{"sample", f.sample},
                     {"id", f.id},
                     {"label", f.label},
                     {"reference_top1", f.reference_top1},
                     {"backend_top1", f.backend_top1}});
  }
  return {{"dataset", a.dataset},
          {"samples", a.samples},
          {"top1", Num(a.top1)},
          {"top5", Num(a.top5)},
          {"reference_top1", Num(a.reference_top1)},
          {"reference_top5", Num(a.reference_top5)},
          {"delta_top1", Num(a.delta_top1)},
          {"delta_top5", Num(a.delta_top5)},
          {"flip_count", a.flip_count},
          {"flips", flips}};
}

json LayerwiseJson(const Layerwise& l) {
  json rows = json::array();
  for (const auto& r : l.rows) {
    rows.push_back({{"index", r.index},
                    {"node", r.node},
                    {"op", r.op},
                    {"output", r.output},
                    {"fused_into", r.fused_into},
                    {"cumulative", NumMap(r.cumulative)},
                    {"isolated", NumMap(r.isolated)}});
  }
  json j = {{"metric", l.metric}, {"threshold", Num(l.threshold)}, {"rows", rows}};
  if (l.first_divergent) {
    const Divergence& d = *l.first_divergent;
    j["first_divergent"] = {{"node", d.node}, {"op", d.op}, {"output", d.output}, {"value", Num(d.value)}};
  }
  return j;
}

json StatsJson(const LatencyStats& s) {
  return {{"samples_ms", NumArray(s.samples_ms)},
          {"mean_ms", Num(s.mean_ms)},
          {"median_ms", Num(s.median_ms)},
          {"p90_ms", Num(s.p90_ms)},
          {"p95_ms", Num(s.p95_ms)},
          {"p99_ms", Num(s.p99_ms)},
          {"min_ms", Num(s.min_ms)},
          {"max_ms", Num(s.max_ms)},
          {"stddev_ms", Num(s.stddev_ms)},
          {"cv", Num(s.cv)},
          {"percentiles_ms", NumMap(s.percentiles_ms)}};
}

json PerfJson(const Perf& p) {
  json j = {{"compute", StatsJson(p.compute)},
            {"throughput_ips", Num(p.throughput_ips)},
            {"batch", p.batch},
            {"instances", p.instances},
            {"threads", p.threads},
            {"flops", Num(p.flops)},
            {"stages_overlap", p.stages_overlap},
            {"warnings", p.warnings}};
  if (p.e2e) {
    j["e2e"] = StatsJson(*p.e2e);
    j["e2e"]["fps"] = Num(p.e2e->fps);
  }
  if (p.gflops) j["gflops"] = Num(*p.gflops);
  if (p.pct_peak) j["pct_peak"] = Num(*p.pct_peak);
  if (p.compile_ms) j["compile_ms"] = Num(*p.compile_ms);
  if (p.peak_memory_bytes) j["peak_memory_bytes"] = *p.peak_memory_bytes;
  return j;
}

json RunJson(const Run& r) {
  json outputs = json::array();
  for (const auto& o : r.outputs) outputs.push_back(OutputJson(o));
  json gates = json::array();
  for (const auto& g : r.gates) gates.push_back(GateJson(g));
  json j = {{"id", r.id},
            {"model", ModelJson(r.model)},
            {"backend", BackendJson(r.backend)},
            {"reference_backend", r.reference_backend},
            {"status", RunStatusName(r.status)},
            {"error", r.error},
            {"outputs", outputs},
            {"gates", gates},
            {"verdict", VerdictName(r.verdict)},
            {"seconds", Num(r.seconds)}};
  if (r.accuracy) j["accuracy"] = AccuracyJson(*r.accuracy);
  if (r.layerwise) j["layerwise"] = LayerwiseJson(*r.layerwise);
  if (r.perf) j["perf"] = PerfJson(*r.perf);
  return j;
}

}  // namespace

nlohmann::json ToJson(const Results& results) {
  json runs = json::array();
  for (const auto& r : results.runs) runs.push_back(RunJson(r));
  return {{"schema", results.schema},
          {"created", results.created},
          {"tool_version", results.tool_version},
          {"environment", EnvironmentJson(results.environment)},
          {"config", {{"path", results.config.path}, {"name", results.config.name}}},
          {"runs", runs}};
}

std::string SerializeResults(const Results& results) {
  // ensure_ascii=false keeps UTF-8 names readable; replace invalid UTF-8 rather than throwing mid-session.
  return ToJson(results).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace parity::report
