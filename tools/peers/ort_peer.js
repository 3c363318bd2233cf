#!/usr/bin/env node
// ONNX Runtime (CPU EP, onnxruntime-node) as a peer row of `parity bench`: times one model and prints one JSON line
// with every iteration's latency, so parity computes the same statistics for ORT as for its own engines.
//   node ort_peer.js MODEL THREADS WARMUP ITERS [--shape NAME=1x3x224x224 ...] [--value NAME=V ...]
// Inputs: float inputs uniform [0,1) from a fixed seed, integer inputs zeros, bool false, or every element V with
// --value (e.g. Silero VAD's sample rate); symbolic dims 1 unless --shape gives the input's full shape. Session: intraOpNumThreads=THREADS, interOpNumThreads=1, opt level all.
'use strict';
const ort = require('onnxruntime-node');

function main() {
  const [model, threadsArg, warmupArg, itersArg, ...rest] = process.argv.slice(2);
  if (!model) {
    console.error('usage: ort_peer.js MODEL THREADS WARMUP ITERS [--shape NAME=DIMS] [--value NAME=V]');
    process.exit(2);
  }
  const shapes = {};
  const values = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--shape') {
      const [name, dims] = rest[++i].split('=');
      shapes[name] = dims.split('x').map(Number);
    } else if (rest[i] === '--value') {
      const [name, v] = rest[++i].split('=');
      values[name] = Number(v);
    }
  }
  return run(model, Number(threadsArg || 1), Number(warmupArg || 5), Number(itersArg || 20), shapes, values);
}

function makeInput(meta, shape, seed, value) {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  if (value !== undefined) {
    switch (meta.type) {
      case 'float32': return new ort.Tensor('float32', new Float32Array(n).fill(value), shape);
      case 'int64': return new ort.Tensor('int64', new BigInt64Array(n).fill(BigInt(Math.trunc(value))), shape);
      case 'int32': return new ort.Tensor('int32', new Int32Array(n).fill(value), shape);
      default: throw new Error(`input '${meta.name}': --value does not apply to type ${meta.type}`);
    }
  }
  switch (meta.type) {
    case 'float32': return new ort.Tensor('float32', Float32Array.from({length: n}, rand), shape);
    case 'int64': return new ort.Tensor('int64', new BigInt64Array(n), shape);
    case 'int32': return new ort.Tensor('int32', new Int32Array(n), shape);
    case 'bool': return new ort.Tensor('bool', new Uint8Array(n), shape);
    default: throw new Error(`input '${meta.name}': unsupported type ${meta.type}`);
  }
}

async function run(model, threads, warmup, iters, shapes, values) {
  const t0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
    logSeverityLevel: 3});  // errors only: UltraFace's initializers-as-inputs warn once per weight
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const feeds = {};
  session.inputNames.forEach((name, i) => {
    const meta = (session.inputMetadata || [])[i] || {name, type: 'float32', shape: [1]};
    const shape = shapes[name] || (meta.shape || []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
    feeds[name] = makeInput({name, type: meta.type || 'float32'}, shape, 42 + i, values[name]);
  });
  for (let i = 0; i < warmup; i++) await session.run(feeds);
  const samples = [];
  for (let i = 0; i < iters; i++) {
    const s = process.hrtime.bigint();
    await session.run(feeds);
    samples.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  console.log(JSON.stringify({runtime: 'onnxruntime', ort_version: ort.env.versions ? ort.env.versions.common : '',
    threads, load_ms: loadMs, samples_ms: samples}));
}

main().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
