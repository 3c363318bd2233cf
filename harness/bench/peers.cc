#include "harness/bench/peers.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "harness/backends/backend.h"
#include "harness/bench/timing.h"
#include "harness/core/errors.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

std::string Capture(const std::string& command, int& status) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw InputError("cannot run: " + command);
  std::string out;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  status = pclose(pipe);
  return out;
}

report::Perf TimeOnnxRuntime(const ModelSpec& model, const std::map<std::string, Value>& feeds, int threads,
                             const BenchSpec& spec) {
  const fs::path peers = fs::path(PARITY_SOURCE_DIR) / "tools" / "peers";
  if (!fs::exists(peers / "node_modules" / "onnxruntime-node")) {
    throw InputError("onnxruntime-node is not installed in " + peers.string() + " (scripts/setup.sh installs it)");
  }
  // As many iterations as Google Benchmark would run for min_time, estimated from a short probe is overkill here:
  // a fixed count keeps the peer's cost predictable.
  const int iters = std::max(20, static_cast<int>(spec.min_time_s * 40) * spec.repetitions);
  std::string shapes;
  for (const auto& [name, v] : feeds) {
    if (v.kind != Value::Kind::kTensor) continue;
    std::string dims;
    for (size_t i = 0; i < v.tensor.dims.size(); ++i) dims += (i ? "x" : "") + std::to_string(v.tensor.dims[i]);
    if (!dims.empty()) shapes += " --shape '" + name + "=" + dims + "'";
  }
  const std::string cmd = "NODE_PATH='" + (peers / "node_modules").string() + "' node '" +
                          (peers / "ort_peer.js").string() + "' '" + model.path + "' " + std::to_string(threads) +
                          " " + std::to_string(spec.warmup) + " " + std::to_string(iters) + shapes + " 2>&1";
  int status = 0;
  const std::string out = Capture(cmd, status);
  const auto brace = out.rfind("{\"runtime\"");
  if (status != 0 || brace == std::string::npos) {
    throw InputError("onnxruntime could not run the model: " + out.substr(0, 400));
  }
  const auto j = nlohmann::json::parse(out.substr(brace));
  report::Perf p;
  p.threads = threads;
  p.compute = report::ComputeLatencyStats(j.at("samples_ms").get<std::vector<double>>());
  p.throughput_ips = p.compute.mean_ms > 0 ? 1000.0 / p.compute.mean_ms : 0;
  p.compile_ms = j.value("load_ms", 0.0);
  return p;
}

report::Perf TimeOpenCv(const onnx::ModelProto& proto, const std::map<std::string, Value>& feeds, int threads,
                        const BenchSpec& spec) {
  BackendOptions o;
  o.threads = threads;
  auto backend = CreateBackend("opencv", o);
  backend->Load(proto);
  const TimingResult t = TimeCompute("opencv", *backend, feeds, spec);
  report::Perf p;
  p.threads = threads;
  p.compute = report::ComputeLatencyStats(t.samples_ms);
  p.throughput_ips = p.compute.mean_ms > 0 ? 1000.0 / p.compute.mean_ms : 0;
  return p;
}

}  // namespace

report::Perf TimePeer(const std::string& peer, const ModelSpec& model, const onnx::ModelProto& proto,
                      const std::map<std::string, Value>& feeds, int threads, const BenchSpec& spec) {
  if (peer == "onnxruntime") return TimeOnnxRuntime(model, feeds, threads, spec);
  if (peer == "opencv") return TimeOpenCv(proto, feeds, threads, spec);
  throw InputError("unknown peer '" + peer + "'; allowed: onnxruntime, opencv");
}

}  // namespace parity
