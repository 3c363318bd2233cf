#!/usr/bin/env bash
# The demo command: installs what is missing, builds, and runs the bundled demo end to end (no ../shared needed):
# mnist-8 through the double-precision reference and the optimized runtime under two option sets — output metrics,
# layer-wise divergence, accuracy on 1,000 bundled MNIST images — then results.json and Markdown/CSV/HTML reports
# in out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
./build/harness/parity run configs/demo.yaml --fresh
echo
echo "Reports: out/demo/report.md, out/demo/report.html, out/demo/report.csv (from out/demo/results.json)"
