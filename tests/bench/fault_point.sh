#!/usr/bin/env bash
# A deliberately wrong option point (the runtime's fault-injection hook) is marked FAIL in the bench table, the
# correct one passes, and `parity bench` exits 1.
set -uo pipefail
parity=$1 config=$2 out=$3
log=$("$parity" bench "$config" --fresh --set "output=$out" 2>&1)
code=$?
echo "$log"
[ "$code" -eq 1 ] || { echo "expected exit 1, got $code"; exit 1; }
echo "$log" | grep -E "fault_injection=Conv.*FAIL" >/dev/null || { echo "the faulty point is not marked FAIL"; exit 1; }
echo "$log" | grep -E "runtime\[fusion=all,threads=1\].* pass" >/dev/null || { echo "the correct point does not pass"; exit 1; }
echo "fault point marked FAIL as it should"
