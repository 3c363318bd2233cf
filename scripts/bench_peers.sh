#!/usr/bin/env bash
# Median latency of the runtime and of ONNX Runtime (../shared/tools/ort-bench.js, onnxruntime-node from
# tools/peers) on the architecture models, measured in the same run and interleaved (the machine is shared and
# noisy), plus the reference interpreter on resnet50. Prints a Markdown table.
# With SUITE=real: the trained models of ../shared/models/real the runtime was never tuned on, at the input shapes
# of configs/gates, against tools/peers/ort_peer.js (which can feed Silero VAD its int64 sample rate).
# Usage: [MODELS="resnet50 ..."] [SUITE=arch|real] scripts/bench_peers.sh [ROUNDS=3] [ITERS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
ITERS=${2:-30}
SHARED=../shared
PARITY=build/harness/parity
if [ ! -d tools/peers/node_modules/onnxruntime-node ]; then
  (cd tools/peers && npm install --ignore-scripts --no-audit --no-fund >/dev/null)
fi
export NODE_PATH=$PWD/tools/peers/node_modules
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

# ONNX Runtime's median latency: PEER MODEL THREADS [INPUT ARGS...].
ort_bench_median() { node "$SHARED/tools/ort-bench.js" "$1" "$2" "$ITERS" --warmup 5 | field median_ms; }
ort_peer_median() {  # the median of tools/peers/ort_peer.js's samples
  local model=$1 threads=$2
  shift 2
  node tools/peers/ort_peer.js "$model" "$threads" 5 "$ITERS" "$@" | node -e 'let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const a = JSON.parse(s).samples_ms.sort((x, y) => x - y); console.log(a[a.length >> 1]); });'
}

# One table row: ROUNDS interleaved rounds of parity and PEER, the median of the round medians of each.
# row NAME THREADS DIGITS MODEL PEER [INPUT ARGS understood by both parity perf and PEER...]
row() {
  local name=$1 threads=$2 digits=$3 model=$4 peer=$5 r a b
  shift 5
  local rt=() ort=()
  for ((r = 0; r < ROUNDS; r++)); do
    rt+=("$($PARITY perf "$model" --backend runtime --set threads="$threads" "$@" --warmup 5 --iters "$ITERS" \
            --json | field median_ms)")
    ort+=("$("$peer" "$model" "$threads" "$@")")
  done
  a=$(printf '%s\n' "${rt[@]}" | median)
  b=$(printf '%s\n' "${ort[@]}" | median)
  printf "| %s | %d | %.${digits}f | %.${digits}f | %.2f |\n" "$name" "$threads" "$a" "$b" "$(echo "$a / $b" | bc -l)"
}

echo "| model | threads | parity runtime (ms) | ONNX Runtime (ms) | ratio |"
echo "|---|---:|---:|---:|---:|"
if [ "${SUITE:-arch}" = real ]; then
  # name | model under ../shared/models/real | input arguments understood by both parity perf and ort_peer.js
  specs=(
    "mnist-8|mnist-8/model.onnx|"
    "ultraface-rfb-320|ultraface-rfb-320/model.onnx|"
    "ppocr-v4-det|ppocr-v4-det/model.onnx|--shape x=1x3x320x320"
    "ppocr-v2-cls|ppocr-v2-cls/model.onnx|--shape x=1x3x48x192"
    "silero-vad-v6|silero-vad-v6/model.onnx|--shape input=1x512 --shape state=2x1x128 --value state=0 --value sr=16000"
    "iris-mlp|iris-mlp/model.onnx|"
  )
  for spec in "${specs[@]}"; do
    IFS='|' read -r name path args <<<"$spec"
    for threads in 1 2; do
      # shellcheck disable=SC2086  # args are several words on purpose
      row "$name" "$threads" 3 "$SHARED/models/real/$path" ort_peer_median $args
    done
  done
  exit 0
fi

for model in ${MODELS:-resnet50 mobilenet_v2 squeezenet1_1 bert_like_l4_d256_s128}; do
  for threads in 1 2; do
    row "$model" "$threads" 2 "$SHARED/models/arch/$model.onnx" ort_bench_median
  done
done
[ -n "${MODELS:-}" ] && exit 0  # a subset: skip the reference line
ref=$($PARITY perf "$SHARED/models/arch/resnet50.onnx" --backend reference --threads 2 --warmup 2 --iters 10 --json \
      | field median_ms)
echo
echo "Reference interpreter (double precision), resnet50, batch 1, 2 threads: median ${ref} ms"
