#include "kernels/conv/conv.h"

#include "kernels/conv/conv_internal.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

std::string ShapeProblem(const ConvShape& s) {
  if (s.batch < 1 || s.in_channels < 1 || s.out_channels < 1 || s.in_h < 1 || s.in_w < 1) {
    return "conv: batch, channels and input size must be positive";
  }
  if (s.kernel_h < 1 || s.kernel_w < 1 || s.stride_h < 1 || s.stride_w < 1 || s.dilation_h < 1 || s.dilation_w < 1) {
    return "conv: kernel size, strides and dilations must be positive";
  }
  if (s.pad_top < 0 || s.pad_left < 0 || s.pad_bottom < 0 || s.pad_right < 0) return "conv: pads must be >= 0";
  if (s.groups < 1 || s.in_channels % s.groups != 0 || s.out_channels % s.groups != 0) {
    return "conv: groups must divide in_channels and out_channels";
  }
  if (s.out_h() < 1 || s.out_w() < 1) return "conv: the kernel does not fit the padded input";
  return "";
}

bool IsDepthwise(const ConvShape& s) {
  return s.groups == s.in_channels && s.out_channels == s.in_channels;
}

}  // namespace

std::string ConvAlgoRejection(const ConvShape& s, ConvAlgo algo) {
  std::string problem = ShapeProblem(s);
  if (!problem.empty()) return problem;
  switch (algo) {
    case ConvAlgo::kAuto:
    case ConvAlgo::kIm2col:
      return "";
    case ConvAlgo::kGemm1x1:
      if (s.kernel_h != 1 || s.kernel_w != 1) return "conv algo gemm1x1 needs a 1x1 kernel";
      if (s.stride_h != 1 || s.stride_w != 1) return "conv algo gemm1x1 needs stride 1 (use im2col)";
      if (s.pad_top != 0 || s.pad_left != 0 || s.pad_bottom != 0 || s.pad_right != 0) {
        return "conv algo gemm1x1 needs zero padding (use im2col)";
      }
      return "";
    case ConvAlgo::kDepthwise:
      if (!IsDepthwise(s)) return "conv algo depthwise needs groups == in_channels == out_channels";
      if (s.kernel_h != s.kernel_w || (s.kernel_h != 3 && s.kernel_h != 5)) {
        return "conv algo depthwise supports 3x3 and 5x5 kernels only";
      }
      if (s.stride_h != s.stride_w || s.stride_h > 2) return "conv algo depthwise needs equal strides of 1 or 2";
      if (s.dilation_h != 1 || s.dilation_w != 1) return "conv algo depthwise needs dilation 1";
      return "";
    case ConvAlgo::kDirect:
      return "conv algo direct is not implemented for NCHW fp32 in this build";
    case ConvAlgo::kWinograd:
      if (s.kernel_h != 3 || s.kernel_w != 3) return "conv algo winograd needs a 3x3 kernel";
      if (s.stride_h != 1 || s.stride_w != 1) return "conv algo winograd needs stride 1";
      if (s.dilation_h != 1 || s.dilation_w != 1) return "conv algo winograd needs dilation 1";
      if (s.groups != 1) return "conv algo winograd needs groups = 1";
      return "";
  }
  return "conv: unknown algorithm";
}

ConvAlgo ChooseConvAlgo(const ConvShape& s) {
  if (ConvAlgoRejection(s, ConvAlgo::kDepthwise).empty()) return ConvAlgo::kDepthwise;
  if (ConvAlgoRejection(s, ConvAlgo::kGemm1x1).empty()) return ConvAlgo::kGemm1x1;
  // Winograd (conv=winograd) is never the automatic choice: its transformed filters are 16/9 the size of the
  // im2col weights, and in whole models, where the weights stream from memory, it measured no faster than im2col
  // (resnet50 layers 2-4 within noise; parity_rt_bench with PARITY_RT_PROFILE=2), although warm-cache layer
  // benchmarks (parity_kernel_bench BM_ConvAlgo) show 1.2-2x from 128 channels up.
  return ConvAlgo::kIm2col;
}

bool PrepareConv(const ConvShape& shape, const float* weights, ConvAlgo algo, const ConvPrepareOptions& options,
                 PreparedConv* out, std::string* error) {
  std::string why = ConvAlgoRejection(shape, algo);
  if (!why.empty()) {
    if (error != nullptr) *error = why;
    return false;
  }
  if (algo == ConvAlgo::kAuto) algo = ChooseConvAlgo(shape);
  PreparedConv p;
  p.shape_ = shape;
  p.algo_ = algo;
  p.kernels_ = options.kernels != nullptr ? options.kernels : &ActiveKernelTable();
  p.blocking_ = options.gemm_blocking;
  const int64_t taps = shape.kernel_h * shape.kernel_w;
  if (algo == ConvAlgo::kDepthwise) {
    p.depthwise_.assign(weights, weights + shape.out_channels * taps);
  } else if (algo == ConvAlgo::kWinograd) {
    GemmOptions gemm;
    gemm.kernels = p.kernels_;
    gemm.blocking = options.gemm_blocking;
    p.packed_ = PackWinogradWeights(shape, weights, gemm);
  } else {
    const int64_t m = shape.out_channels / shape.groups;
    const int64_t k = shape.in_channels / shape.groups * taps;
    GemmOptions gemm;
    gemm.kernels = p.kernels_;
    gemm.blocking = options.gemm_blocking;
    p.packed_.reserve(shape.groups);
    for (int64_t g = 0; g < shape.groups; ++g) p.packed_.push_back(PackA(false, m, k, weights + g * m * k, k, gemm));
  }
  *out = std::move(p);
  return true;
}

void RunConv(const PreparedConv& conv, const ConvRunArgs& args) {
  if (conv.algo_ == ConvAlgo::kDepthwise) {
    RunConvDepthwise(conv.shape_, *conv.kernels_, conv.depthwise_.data(), args);
  } else if (conv.algo_ == ConvAlgo::kWinograd) {
    RunConvWinograd(conv.shape_, *conv.kernels_, conv.packed_, args);
  } else {
    RunConvGemm(conv.shape_, conv.algo_, conv.packed_, conv.blocking_, args);
  }
}

}  // namespace parity::rt
