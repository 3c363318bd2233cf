// Depthwise convolution driver (NCHW): channels spread over threads; each plane comes from the ISA's plane
// kernel, which also applies the bias and the epilogue (fused into the store where the ISA can).
#include "kernels/conv/conv_internal.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {

void RunConvDepthwise(const ConvShape& s, const KernelTable& kernels, const float* taps, const ConvRunArgs& args) {
  const int64_t oh_n = s.out_h();
  const int64_t ow_n = s.out_w();
  const int64_t plane_in = s.in_h * s.in_w;
  const int64_t plane_out = oh_n * ow_n;
  const int64_t k2 = s.kernel_h * s.kernel_w;
  const bool needs_epilogue = args.activation.kind != Activation::kNone || args.residual != nullptr;
  auto run = [&](int64_t begin, int64_t end) {
    EpilogueArgs e{};
    e.activation = static_cast<int>(args.activation.kind);
    e.act_alpha = args.activation.alpha;
    e.act_beta = args.activation.beta;
    e.residual_after_activation = args.residual_order == ResidualOrder::kAfterActivation ? 1 : 0;
    e.residual_ld = ow_n;
    for (int64_t bc = begin; bc < end; ++bc) {
      const int64_t c = bc % s.in_channels;
      DepthwisePlaneArgs plane;
      plane.input = args.input + bc * plane_in;
      plane.in_h = s.in_h;
      plane.in_w = s.in_w;
      plane.weights = taps + c * k2;
      plane.kernel = static_cast<int>(s.kernel_h);
      plane.stride = static_cast<int>(s.stride_h);
      plane.pad_left = s.pad_left;
      plane.pad_top = s.pad_top;
      plane.bias = args.bias != nullptr ? args.bias[c] : 0.0f;
      plane.out = args.output + bc * plane_out;
      plane.out_h = oh_n;
      plane.out_w = ow_n;
      e.residual = args.residual != nullptr ? args.residual + bc * plane_out : nullptr;
      plane.epilogue = needs_epilogue ? &e : nullptr;
      kernels.conv.depthwise_plane(&plane);
    }
  };
  ParallelForOrInline(args.pool, s.batch * s.in_channels, run);
}

}  // namespace parity::rt
