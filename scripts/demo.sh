#!/usr/bin/env bash
# The demo command: installs what is missing, builds, and runs the bundled demo end to end (no ../shared needed):
# the bundled mnist-8 model and its three test data sets through the reference interpreter, then its latency.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
# The expected outputs were computed by another float32 engine, so compare at float32-level tolerances.
./build/harness/parity conformance suites/mnist-8 --backend reference --rtol 1e-4 --atol 1e-4 -v
./build/harness/parity perf suites/mnist-8/model.onnx --backend reference --iters 50
