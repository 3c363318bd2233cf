#!/usr/bin/env bash
# Loads an HTML report in headless Chromium and checks what the browser built from it: the DOM must hold the tables
# and the inline-SVG charts, and a screenshot must be a non-empty PNG.
# Usage: html_in_chromium.sh REPORT.html OUT_DIR      Exit: 0 ok, 1 check failed, 77 chromium not installed (skip).
set -euo pipefail

report="$1"
out="$2"
browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$(command -v "$candidate")"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "SKIP: chromium not installed (Debian: apt-get install chromium)"
  exit 77
fi

mkdir -p "$out"
cp "$report" "$out/report.html"  # a copy, so the browser never touches the source tree
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$profile")
url="file://$out/report.html"

timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" >"$out/dom.html" 2>"$out/chromium-dom.log" || {
  echo "FAIL: chromium --dump-dom exited with $? (log: $out/chromium-dom.log)"; exit 1; }
rm -f "$out/screenshot.png"
timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1280,2400 --screenshot="$out/screenshot.png" \
  "$url" >"$out/chromium-shot.log" 2>&1 || { echo "FAIL: chromium --screenshot exited with $?"; exit 1; }

fail=0
check() {  # check DESCRIPTION MIN_COUNT PATTERN
  local n
  n=$(grep -o -- "$3" "$out/dom.html" | wc -l)
  if [ "$n" -lt "$2" ]; then echo "FAIL: $1: found $n of '$3', want >= $2"; fail=1; else echo "ok: $1 ($n)"; fi
}
check "tables" 6 "<table"
check "inline SVG charts" 6 "<svg"
check "Pareto fronts" 1 'class="pareto"'
check "escaped model name" 1 "resnet&lt;50&gt; &amp;"
check "bars" 6 "<rect"
if grep -q "<script" "$out/dom.html"; then echo "FAIL: the report contains a script"; fail=1; fi

size=$(stat -c %s "$out/screenshot.png" 2>/dev/null || echo 0)
signature="$(head -c 8 "$out/screenshot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')"
if [ "$size" -lt 10000 ] || [ "$signature" != "89504e470d0a1a0a" ]; then
  echo "FAIL: screenshot $out/screenshot.png is not a plausible PNG ($size bytes)"; fail=1
else
  echo "ok: screenshot $out/screenshot.png ($size bytes)"
fi
exit $fail
