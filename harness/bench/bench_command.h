// `parity bench CONFIG`: every model x option point (a sweep) timed with Google Benchmark — compute latency with
// every iteration kept, throughput, end-to-end fps on the model's dataset, GFLOP/s and % of peak, compile time,
// peak memory — each point also checked for precision against the reference and gated (a fast but wrong point is
// marked FAIL), peers (ONNX Runtime, OpenCV DNN) timed in the same run, points in a seeded interleaved order.
// Resumable: each finished point is appended to <output>/results.json; a rerun skips finished points.
#pragma once

#include <ostream>

#include "harness/config/run_config.h"

namespace parity {

// Returns 1 when a point failed a gate, else 0.
int RunBench(const RunConfig& config, std::ostream& out);

}  // namespace parity
