#include "kernels/ops/conv_common.h"

#include <algorithm>
#include <cstring>

namespace parity::rt {

ConvSetup ParseConv(const KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  b.ExpectFloat(0);
  ConvSetup s;
  const Dims& x = b.dims(0);
  b.Require(x.size() == 3 || x.size() == 4, "input must be 3-D or 4-D, got " + DimsToString(x));
  const ConstTensor& wt = b.ConstInput(1, "W");
  b.Require(wt.dtype == DType::kF32 && wt.dims.size() == x.size(), "weight must be float with the input's rank");
  s.n = x[0];
  s.c = x[1];
  s.oc = wt.dims[0];
  s.group = b.node().AttrInt("group", 1);
  b.Require(s.group >= 1 && s.c % s.group == 0 && s.oc % s.group == 0, "channels not divisible by group");
  s.cg = s.c / s.group;
  s.ocg = s.oc / s.group;
  b.Require(wt.dims[1] == s.cg, "weight has " + std::to_string(wt.dims[1]) + " input channels per group, input has " +
                                    std::to_string(s.cg));
  Dims k(wt.dims.begin() + 2, wt.dims.end());
  std::vector<int64_t> ks = b.node().AttrInts("kernel_shape");
  b.Require(ks.empty() || ks == std::vector<int64_t>(k.begin(), k.end()), "kernel_shape disagrees with W");
  s.w = ParseWindow(b, x, k);
  s.weight = b.in(1).data;
  if (b.has_input(2)) {
    s.bias = b.in(2).data;
    if (!s.bias) b.ConstInput(2, "B");
    b.Require(s.bias->size() == s.oc, "bias must have OC elements");
  }
  s.residual_index = b.node().residual_input;
  if (s.residual_index >= 0) {
    Dims out = WindowOutDims(s.w, s.n, s.oc);
    b.Require(b.has_input(s.residual_index) && b.dims(s.residual_index) == out,
              "fused residual must have the output's dims " + DimsToString(out));
  }
  s.act = b.node().epilogue.act;
  s.alpha = b.node().epilogue.alpha;
  s.beta = b.node().epilogue.beta;
  s.flops = 2.0 * s.n * s.oc * s.w.oh * s.w.ow * s.cg * s.w.kh * s.w.kw;
  return s;
}

ConstPtr PackBlockedConvWeights(const float* w, int64_t oc, int64_t c, int64_t kk, int64_t c_pad, int b) {
  ConstPtr packed = MakeConst(DType::kF32, {(oc + b - 1) / b, kk, c_pad, b});
  float* p = packed->mut<float>();
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t i = 0; i < c; ++i)
      for (int64_t k = 0; k < kk; ++k) p[(((o / b) * kk + k) * c_pad + i) * b + o % b] = w[(o * c + i) * kk + k];
  return packed;
}

ConstPtr PackBlockedDepthwiseWeights(const float* w, int64_t c, int64_t kk, int b) {
  ConstPtr packed = MakeConst(DType::kF32, {(c + b - 1) / b, kk, b});
  float* p = packed->mut<float>();
  for (int64_t i = 0; i < c; ++i)
    for (int64_t k = 0; k < kk; ++k) p[((i / b) * kk + k) * b + i % b] = w[i * kk + k];
  return packed;
}

ConstPtr PadBlockedBias(const float* bias, int64_t n, int b) {
  ConstPtr padded = MakeConst(DType::kF32, {(n + b - 1) / b * b});
  if (bias) std::copy_n(bias, n, padded->mut<float>());
  return padded;
}

}  // namespace parity::rt
