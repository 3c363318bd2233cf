#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every ctest test.
# Tests that need ../shared (conformance suites, real models) are registered only when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd build
# Label "perf" (timing regressions against a committed baseline) is left out: timing is no unit test.
ctest --output-on-failure -j"$(nproc)" --timeout 1500 -LE perf
