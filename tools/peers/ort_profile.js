#!/usr/bin/env node
// ort_profile.js — ONNX Runtime's own per-node kernel times for one model, to set beside the runtime's
// PARITY_RT_PROFILE=2 output (which layers the peer runs faster).
//
// Usage: NODE_PATH=tools/peers/node_modules node tools/peers/ort_profile.js MODEL.onnx [THREADS=1] [ITERS=20]
// Inputs: every float input gets a deterministic pattern; symbolic dims are 1. Prints "median_ms node op" per
// node in execution order, then the total. Session options as ../shared/tools/ort-bench.js (optimization 'all').
'use strict';
const ort = require('onnxruntime-node');
const fs = require('fs');
const os = require('os');
const path = require('path');

async function main() {
  const [model, threadsArg, itersArg] = process.argv.slice(2);
  if (!model) {
    console.error('usage: node ort_profile.js MODEL.onnx [THREADS=1] [ITERS=20]');
    process.exit(2);
  }
  const threads = Number(threadsArg || 1), iters = Number(itersArg || 20);
  const prefix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ortprof-')), 'p');
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
    enableProfiling: true, profileFilePrefix: prefix});
  const feeds = {};
  for (const name of session.inputNames) {
    const meta = session.inputMetadata ? session.inputMetadata.find((m) => m.name === name) : null;
    const dims = meta && meta.shape ? meta.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 1)) : [1];
    const n = dims.reduce((a, b) => a * b, 1);
    feeds[name] = new ort.Tensor('float32', Float32Array.from({length: n}, (_, i) => (i % 1000) / 1000), dims);
  }
  for (let i = 0; i < iters; ++i) await session.run(feeds);
  session.endProfiling();
  const dir = path.dirname(prefix);
  const file = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => f.endsWith('.json'));
  const events = JSON.parse(fs.readFileSync(file, 'utf8'));
  const times = new Map();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
    const key = e.name.slice(0, -'_kernel_time'.length);
    if (!times.has(key)) times.set(key, {op: e.args.op_name, durs: []});
    times.get(key).durs.push(e.dur);
  }
  let total = 0;
  for (const [node, t] of times) {
    t.durs.sort((a, b) => a - b);
    const ms = t.durs[Math.floor(t.durs.length / 2)] / 1000;
    total += ms;
    console.log(`${ms.toFixed(3).padStart(8)} ${node} ${t.op}`);
  }
  console.log(`${total.toFixed(3).padStart(8)} total (sum of node medians, ms)`);
}

main().catch((e) => {
  console.error('error: ' + e.message);
  process.exit(1);
});
