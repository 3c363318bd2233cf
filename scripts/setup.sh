#!/usr/bin/env bash
# Installs every Debian 12 package parity needs; idempotent (installs only what is missing).
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libprotobuf-dev protobuf-compiler libonnx-dev
  libeigen3-dev libyaml-cpp-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libopencv-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js runs the ONNX Runtime peer (onnxruntime-node from npm); Debian's packages serve when none is installed.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

install_peers() {
  # The peer runtimes parity measures against in the same run (tools/peers/package.json); the prebuilt CPU binary
  # ships inside the npm package, so no install script needs to run.
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tools/peers"
  if [ ! -d "$dir/node_modules/onnxruntime-node" ]; then
    echo "setup: installing onnxruntime-node into $dir"
    (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) ||
      echo "setup: onnxruntime-node could not be installed; ONNX Runtime rows of 'parity bench' will say so" >&2
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  install_peers
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 2; }
  SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_peers
