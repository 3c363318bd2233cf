#!/usr/bin/env bash
# A sweep killed with kill -9 halfway, then rerun: it completes without redoing finished points and loses none.
# Usage: kill_resume.sh PARITY CONFIG OUTDIR
set -euo pipefail
parity=$1 config=$2 out=$3
rm -rf "$out"
count_runs() {
  python3 -c 'import json,sys
try: print(len(json.load(open(sys.argv[1]))["runs"]))
except Exception: print(0)' "$out/results.json"
}
"$parity" bench "$config" --fresh --set "output=$out" --set bench.min_time=0.3 > "$out.first.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ "$(count_runs)" -ge 3 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
kill -9 $pid 2>/dev/null || { echo "the sweep finished before it could be killed; make it longer"; exit 1; }
wait $pid 2>/dev/null || true
before=$(count_runs)
python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(open(sys.argv[1]))["runs"]))' \
  "$out/results.json" > "$out.before.ids"
echo "killed with $before finished points"
"$parity" bench "$config" --set "output=$out" --set bench.min_time=0.05 > "$out.second.log" 2>&1
grep -q "resuming" "$out.second.log" || { echo "second run did not resume"; cat "$out.second.log"; exit 1; }
python3 - "$out/results.json" "$out.before.ids" "$out.second.log" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
ids = [r["id"] for r in runs]
before = [l for l in open(sys.argv[2]).read().split("\n") if l]
second = open(sys.argv[3]).read()
assert len(ids) == len(set(ids)), "duplicate runs"
assert all(b in ids for b in before), "a finished point was lost"
redone = [r for r in runs if r["id"] in before and ("done     %s / %s:" % (r["model"]["name"], r["backend"]["name"])) in second]
assert not redone, "finished points were redone: %s" % [r["id"] for r in redone]
assert len(ids) == 12, "expected 12 points (8 sweep + 4 peers), got %d" % len(ids)
print("resume ok: %d before the kill, %d after" % (len(before), len(ids)))
PY
