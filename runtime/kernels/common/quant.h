// Helpers shared by the quantization ops: integer target ranges, the layout of scales / zero points (per-tensor,
// per-axis, blocked), round-half-even, reading scalar-or-vector parameters at run time, and numpy-style batched
// integer matrix products. Integers are stored as int64 in the runtime and all integer arithmetic here is exact.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "ir/import.h"
#include "kernels/common/op_util.h"

namespace parity::rt {

// Range of an ONNX integer type a quantized value saturates to; false for other types.
inline bool QuantIntRange(int onnx_dtype, int64_t* lo, int64_t* hi) {
  switch (onnx_dtype) {
    case onnx_type::kUint8:
      *lo = 0, *hi = 255;
      return true;
    case onnx_type::kInt8:
      *lo = -128, *hi = 127;
      return true;
    case onnx_type::kUint16:
      *lo = 0, *hi = 65535;
      return true;
    case onnx_type::kInt16:
      *lo = -32768, *hi = 32767;
      return true;
    case onnx_type::kInt32:
      *lo = INT32_MIN, *hi = INT32_MAX;
      return true;
    case 21:  // uint4
      *lo = 0, *hi = 15;
      return true;
    case 22:  // int4
      *lo = -8, *hi = 7;
      return true;
    case 25:  // uint2
      *lo = 0, *hi = 3;
      return true;
    case 26:  // int2
      *lo = -2, *hi = 1;
      return true;
    default:
      return false;
  }
}

// round_half_even(v) + zp saturated to [lo, hi]. NaN has no defined quantization; it maps to the zero point.
inline int64_t QuantizeValue(double v, int64_t zp, int64_t lo, int64_t hi) {
  if (std::isnan(v)) return std::clamp<int64_t>(zp, lo, hi);
  double r = std::nearbyint(v) + static_cast<double>(zp);  // default FE_TONEAREST: half to even
  if (r <= static_cast<double>(lo)) return lo;
  if (r >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(r);
}

// Where the scale / zero point of element i lives: one value, one per index along `axis`, or one per block of
// block_size along `axis` (the parameter tensor then has x's shape with that dim cut into blocks).
struct QuantLayout {
  enum Kind { kTensor, kAxis, kBlocked };
  Kind kind = kTensor;
  int64_t len = 1, inner = 1, block = 1, nblocks = 1;
  int64_t Index(int64_t i) const {
    if (kind == kTensor) return 0;
    int64_t a = (i / inner) % len;
    if (kind == kAxis) return a;
    int64_t o = i / (inner * len);
    return (o * nblocks + a / block) * inner + i % inner;
  }
};

inline QuantLayout ParseQuantLayout(const KernelBuilder& b, const Dims& x, const Dims& param, int64_t axis,
                                    int64_t block) {
  QuantLayout l;
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(block >= 0, "block_size must be >= 0");
  if (block == 0 && NumElements(param) == 1 && param.size() <= 1) return l;
  axis = NormAxis(b, axis, std::max<int64_t>(rank, 1));
  b.Require(rank > 0, "per-axis quantization needs a tensor of rank >= 1");
  l.len = x[axis];
  for (int64_t d = axis + 1; d < rank; ++d) l.inner *= x[d];
  if (block == 0) {
    b.Require(param == Dims{x[axis]}, "scale must be a scalar or 1-D of x's dim along axis (per-axis)");
    l.kind = QuantLayout::kAxis;
    return l;
  }
  l.kind = QuantLayout::kBlocked;
  l.block = block;
  l.nblocks = (x[axis] + block - 1) / block;
  Dims want = x;
  want[axis] = l.nblocks;
  b.Require(param == want, "blocked scale must have x's shape with ceil(dim / block_size) along axis");
  return l;
}

// Parameter value k of a run-time tensor stored as f32 or int64, as double.
inline double ParamAt(const TensorRef& t, DType dt, int64_t k) {
  return dt == DType::kF32 ? static_cast<double>(t.as<float>()[k]) : static_cast<double>(t.as<int64_t>()[k]);
}

// Shape of a numpy-style matmul (1-D operands promoted and their unit dim dropped from the output) with the
// element offsets of A and B for every output batch.
struct BatchedMatMul {
  int64_t m = 1, k = 1, n = 1;
  Dims out;
  std::vector<int64_t> a_off, b_off;
};

inline BatchedMatMul PlanBatchedMatMul(const KernelBuilder& kb, Dims a, Dims b) {
  BatchedMatMul p;
  kb.Require(!a.empty() && !b.empty(), "matmul operands must have rank >= 1");
  bool a_vec = a.size() == 1, b_vec = b.size() == 1;
  if (a_vec) a.insert(a.begin(), 1);
  if (b_vec) b.push_back(1);
  p.m = a[a.size() - 2];
  p.k = a.back();
  p.n = b.back();
  kb.Require(b[b.size() - 2] == p.k, "matmul inner dims differ: " + DimsToString(a) + " x " + DimsToString(b));
  Dims ab(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  Dims batch = BroadcastDims(kb, ab, bb);
  Dims as = BroadcastStrides(ab, batch), bs = BroadcastStrides(bb, batch);
  int64_t nb = NumElements(batch);
  for (int64_t i = 0; i < nb; ++i) {
    int64_t ao = 0, bo = 0;
    for (size_t d = batch.size(), r = i; d-- > 0;) {
      int64_t c = static_cast<int64_t>(r) % batch[d];
      r /= batch[d];
      ao += c * as[d];
      bo += c * bs[d];
    }
    p.a_off.push_back(ao * p.m * p.k);
    p.b_off.push_back(bo * p.k * p.n);
  }
  p.out = batch;
  if (!a_vec) p.out.push_back(p.m);
  if (!b_vec) p.out.push_back(p.n);
  return p;
}

// acc[b][i][j] = sum_k (a[i][k] - a_zp[i]) * (b[k][j] - b_zp[j]) for every batch (zero points per row of A /
// per column of B; vectors of size 1 broadcast). acc has out batches * m * n entries.
inline void IntMatMul(const BatchedMatMul& p, const int64_t* a, const int64_t* b, const std::vector<int64_t>& a_zp,
                      const std::vector<int64_t>& b_zp, int64_t* acc) {
  for (size_t bi = 0; bi < p.a_off.size(); ++bi) {
    const int64_t* ab = a + p.a_off[bi];
    const int64_t* bb = b + p.b_off[bi];
    int64_t* c = acc + static_cast<int64_t>(bi) * p.m * p.n;
    for (int64_t i = 0; i < p.m; ++i) {
      int64_t az = a_zp.size() == 1 ? a_zp[0] : a_zp[i];
      for (int64_t j = 0; j < p.n; ++j) c[i * p.n + j] = 0;
      for (int64_t kk = 0; kk < p.k; ++kk) {
        int64_t av = ab[i * p.k + kk] - az;
        if (av == 0) continue;
        for (int64_t j = 0; j < p.n; ++j) {
          int64_t bz = b_zp.size() == 1 ? b_zp[0] : b_zp[j];
          c[i * p.n + j] += av * (bb[kk * p.n + j] - bz);
        }
      }
    }
  }
}

// Zero-point vector of a run-time int64 input (absent: {0}); must hold 1 or `n` values.
inline std::vector<int64_t> ZeroPoints(const RunContext& ctx, int input, int64_t count) {
  if (static_cast<int>(ctx.in.size()) <= input || !ctx.in[input].data) return {0};
  const int64_t* p = ctx.in[input].as<int64_t>();
  return std::vector<int64_t>(p, p + count);
}

}  // namespace parity::rt

namespace parity::rt {

// The ONNX dtype input i is declared with in the model (graph inputs, initializers, value_info, Constant / Cast
// outputs), 0 when unknown. Kernels see only storage dtypes, which do not tell int8 from uint8 or float16 from
// float; the ops whose result type or arithmetic depends on an input's ONNX dtype (QuantizeLinear, QLinearMatMul,
// QLinearConv) refuse when it is unknown.
inline int DeclaredOnnxType(const KernelBuilder& b, int i) {
  return DeclaredInputDtype(b.node(), i);
}

// Saturation range of an integer result whose type is y_zero_point's (input zp, required). Fails naming what is
// unknown or unsupported.
inline void QuantTargetRange(const KernelBuilder& b, int zp, int64_t* lo, int64_t* hi) {
  int t = DeclaredOnnxType(b, zp);
  b.Require(t != 0, "the ONNX dtype of y_zero_point (which sets y's type) is not known");
  b.Require(QuantIntRange(t, lo, hi) && t != onnx_type::kInt32,
            "quantizing to " + OnnxTypeName(t) + " is not supported");
}

}  // namespace parity::rt
