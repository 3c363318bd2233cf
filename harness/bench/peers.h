// Peer engines timed beside parity's points, so every ratio is taken side by side under the same load:
// "onnxruntime" (onnxruntime-node from tools/peers, run as a child process that reports every iteration) and
// "opencv" (OpenCV DNN, in process). A peer that is not installed or cannot run the model throws InputError with
// the reason; the bench records it in that peer's row and goes on.
#pragma once

#include <map>
#include <string>

#include "harness/bench/bench_spec.h"
#include "harness/config/run_config.h"
#include "reports/results.h"

namespace onnx {
class ModelProto;
}

namespace parity {

report::Perf TimePeer(const std::string& peer, const ModelSpec& model, const onnx::ModelProto& proto,
                      const std::map<std::string, Value>& feeds, int threads, const BenchSpec& spec);

}  // namespace parity
