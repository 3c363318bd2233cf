// parity_rt_bench MODEL.onnx [threads] [iters] [layout] [fusion] [conv] — compiles a model with the runtime and
// prints the compile table and median/min latency of Run (inputs: deterministic pattern; int64 inputs 16000).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "parity/runtime/runtime.h"

namespace {
double ProcessCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace parity::rt;  // NOLINT(google-build-using-namespace): small tool
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s MODEL.onnx [threads] [iters] [layout] [fusion] [conv] [dim=value | disable=PASS | arena=0 ...]\n",
                 argv[0]);
    return 2;
  }
  onnx::ModelProto model;
  std::ifstream f(argv[1], std::ios::binary);
  if (!model.ParseFromIstream(&f)) return std::fprintf(stderr, "cannot read %s\n", argv[1]), 1;
  CompileOptions o;
  o.threads = argc > 2 ? std::stoi(argv[2]) : 1;
  int iters = argc > 3 ? std::stoi(argv[3]) : 50;
  if (argc > 4) o.layout = ParseLayout(argv[4]);
  if (argc > 5) o.fusion = ParseFusionLevel(argv[5]);
  if (argc > 6) o.conv_algo = ParseConvAlgo(argv[6]);
  for (int i = 7; i < argc; ++i) {
    std::string kv = argv[i];
    size_t eq = kv.rfind('=');
    if (kv.substr(0, eq) == "disable") {  // disable=PASS turns one graph pass off
      o.disabled_passes.insert(kv.substr(eq + 1));
      continue;
    }
    if (kv.substr(0, eq) == "arena") {  // arena=0: every value in its own buffer
      o.arena = kv.substr(eq + 1) != "0";
      continue;
    }
    o.dims[kv.substr(0, eq)] = std::stoll(kv.substr(eq + 1));
  }
  auto exe = Compile(model, o);
  std::printf("%s\n%s", o.CanonicalName().c_str(), exe->stats().ToTable().c_str());
  std::vector<HostTensor> in;
  for (const auto& info : exe->inputs()) {
    int64_t n = 1;
    for (auto d : info.dims) n *= d;
    if (info.dtype == 7) {
      in.push_back(HostTensor::FromInt64s(info.dims, std::vector<int64_t>(n, 16000)));
      continue;
    }
    std::vector<float> v(n);
    for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>((i * 7919) % 1000) / 1000.f - 0.5f;
    in.push_back(HostTensor::FromFloats(info.dims, v));
  }
  for (int i = 0; i < 5; ++i) exe->Run(in);
  std::vector<double> ms, cpu;
  for (int i = 0; i < iters; ++i) {
    const double c0 = ProcessCpuMs();
    auto t0 = std::chrono::steady_clock::now();
    exe->Run(in);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(ProcessCpuMs() - c0);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("latency: median %.3f ms, min %.3f ms, p90 %.3f ms (%d iters)\n", ms[ms.size() / 2], ms[0],
              ms[ms.size() * 9 / 10], iters);
  // CPU time of all threads: on a loaded machine it tracks the work done far better than wall time.
  std::printf("cpu time: median %.3f ms, min %.3f ms\n", cpu[cpu.size() / 2], cpu[0]);
  return 0;
}
