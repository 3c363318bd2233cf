#include "harness/perf/perf_command.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <numeric>

#include "harness/core/errors.h"
#include "harness/inputs/feeds.h"
#include "harness/io/onnx_model.h"
#include "reports/results.h"

namespace parity {

namespace {

double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int RunPerf(const PerfOptions& options, std::ostream& out) {
  const onnx::ModelProto model = LoadModel(options.model_path);
  BackendOptions backend_options = options.backend_options;
  backend_options.input_shapes = options.shapes;  // static-shape engines compile for the shapes to be fed
  auto backend = CreateBackend(options.backend, backend_options);
  const double load_start = NowMs();
  backend->Load(model);
  const double load_ms = NowMs() - load_start;
  FeedOptions feed_options;
  feed_options.files = options.input_files;
  feed_options.seed = options.seed;
  feed_options.dims = options.dims;
  feed_options.shapes = options.shapes;
  feed_options.values = options.values;
  const auto feeds = MakeFeeds(backend->inputs(), feed_options);
  for (int i = 0; i < options.warmup; ++i) backend->Run(feeds);
  std::vector<double> samples;
  for (int i = 0; i < options.iters; ++i) {
    const double t0 = NowMs();
    backend->Run(feeds);
    samples.push_back(NowMs() - t0);
  }
  const report::LatencyStats s = report::ComputeLatencyStats(samples);
  const int threads = options.backend_options.threads;
  if (options.json) {
    nlohmann::json j = {{"backend", backend->name()}, {"model", options.model_path}, {"threads", threads},
                        {"iters", options.iters},      {"median_ms", s.median_ms},   {"p90_ms", s.p90_ms},
                        {"p99_ms", s.p99_ms},          {"mean_ms", s.mean_ms},       {"min_ms", s.min_ms},
                        {"max_ms", s.max_ms},          {"stddev_ms", s.stddev_ms},   {"load_ms", load_ms}};
    out << j.dump() << "\n";
    return 0;
  }
  out << std::fixed << std::setprecision(3);
  out << "model    " << options.model_path << "\n"
      << "backend  " << backend->name() << " (threads " << (threads > 0 ? std::to_string(threads) : "default")
      << ", warmup " << options.warmup << ", iters " << options.iters << ")\n"
      << "load     " << load_ms << " ms\n"
      << "latency  median " << s.median_ms << "  p90 " << s.p90_ms << "  p99 " << s.p99_ms << "  mean " << s.mean_ms
      << "  min " << s.min_ms << "  max " << s.max_ms << "  (ms)\n";
  return 0;
}

}  // namespace parity
