// Shared parsing and helper loops of the Conv kernels (plain and blocked layouts).
#pragma once

#include "kernels/common/activation.h"
#include "kernels/common/window.h"

namespace parity::rt {

struct ConvSetup {
  int64_t n = 1, c = 1, oc = 1, group = 1, cg = 1, ocg = 1;
  Window w;
  ConstPtr weight;  // [OC, C/group, kh, kw] fp32
  ConstPtr bias;    // [OC] or null
  int residual_index = -1;
  Act act = Act::kNone;
  float alpha = 0, beta = 0;
  double flops = 0;

  // Epilogue of group g of image n; residual rn points at the image's residual (or null).
  EpilogueParams Epi(int64_t g, const float* rn, int64_t out_hw) const {
    EpilogueParams e;
    e.bias = bias ? bias->as<float>() + g * ocg : nullptr;
    e.bias_per_row = true;
    e.residual = rn ? rn + g * ocg * out_hw : nullptr;
    e.ld_residual = out_hw;
    e.act = act;
    e.alpha = alpha;
    e.beta = beta;
    return e;
  }
};

// Validates inputs/attributes of a Conv node (incl. fused residual/epilogue) and returns its geometry.
ConvSetup ParseConv(const KernelBuilder& b);
// Whether the blocked row kernels apply this activation in registers; the others run over the output afterwards.
inline bool ActInRegisters(Act a) { return a == Act::kNone || a == Act::kRelu || a == Act::kClip; }

// The window geometry and epilogue fields every blocked row-kernel argument struct (kernels/conv/nchwc_ukernels.h)
// has, for one output row of the conv.
template <typename RowArgs>
void SetRowWindow(const ConvSetup& s, RowArgs& a) {
  const Window& w = s.w;
  a.out_w = w.ow;
  a.in_h = w.ih;
  a.in_w = w.iw;
  a.kernel_h = w.kh;
  a.kernel_w = w.kw;
  a.stride_h = w.sh;
  a.stride_w = w.sw;
  a.dilation_h = w.dh;
  a.dilation_w = w.dw;
  a.pad_top = w.pt;
  a.pad_left = w.pl;
  a.act = ActInRegisters(s.act) ? static_cast<int>(s.act) : 0;
  a.alpha = s.alpha;
  a.beta = s.beta;
}

// Group-1 blocked convs (direct or Winograd) with fewer nominal FLOPs run on the calling thread, as the GEMM path
// decides: a fork/join costs microseconds, and far more when the machine is oversubscribed (instances x threads).
constexpr double kMinParallelConvFlops = 2.0 * (1 << 20);

// Conv on channel-blocked tensors (conv_nchwc.cc).
std::unique_ptr<Kernel> MakeConvNchwc(KernelBuilder& b);
// Whether a blocked conv runs as Winograd F(4x4, 3x3) under conv algorithm `algo` (conv_nchwc_winograd.cc): the
// shape allows it and the CPU has the kernels, and the algorithm is winograd, or auto and the map is large enough.
bool NchwcWinogradApplies(const ConvSetup& s, bool in_blocked, ConvAlgo algo);
std::unique_ptr<Kernel> MakeConvNchwcWinograd(KernelBuilder& b, const ConvSetup& s);

// Weight packings of the blocked row kernels (kernels/conv/nchwc_ukernels.h), block size b:
// group-1 [oc, c, kh, kw] (kk = kh * kw taps) -> [ceil(oc/b)][kk][c_pad][b], zeros past c and oc;
ConstPtr PackBlockedConvWeights(const float* w, int64_t oc, int64_t c, int64_t kk, int64_t c_pad, int b);
// depthwise [c, 1, kh, kw] -> [ceil(c/b)][kk][b];
ConstPtr PackBlockedDepthwiseWeights(const float* w, int64_t c, int64_t kk, int b);
// bias [n] (or null: zeros) -> [ceil(n/b) * b].
ConstPtr PadBlockedBias(const float* bias, int64_t n, int b);

}  // namespace parity::rt
