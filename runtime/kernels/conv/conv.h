// fp32 2-D convolution (NCHW) with weights packed once and a fused epilogue.
//
//   y[n, co, oh, ow] = epilogue( sum_{ci, ky, kx} w[co, ci, ky, kx] * x[n, g*Cin/G + ci, ih, iw] )
//   ih = oh * stride_h - pad_top + ky * dilation_h,  iw = ow * stride_w - pad_left + kx * dilation_w
// with zero padding; per-output-channel bias, activation and residual as in gemm/epilogue.h (the residual has the
// output's shape). Algorithms (ConvAlgo of the runtime options):
//   kGemm1x1    1x1, stride 1, no padding: one GEMM per (image, group) on the input as is.
//   kIm2col     any shape: GEMM whose B panels are gathered straight from the image (implicit im2col).
//   kDepthwise  groups == Cin == Cout, square 3x3 or 5x5 kernel, equal strides 1 or 2, dilation 1.
//   kWinograd   3x3, stride 1, dilation 1, one group: F(2x2, 3x3) with the 16 transformed filters packed as A.
//   kDirect     not implemented for NCHW fp32 in this build; requesting it is an error.
//   kAuto       depthwise, else 1x1, else im2col (Winograd only when asked for: see ChooseConvAlgo).
//
// Ownership: PreparedConv owns packed weights (the source weights may be freed after PrepareConv). Run does not
// keep pointers past its return. Threading: RunConv is const and may be called concurrently (scratch is per
// thread); one call uses up to pool->NumThreads() threads.
#ifndef PARITY_RUNTIME_KERNELS_CONV_CONV_H_
#define PARITY_RUNTIME_KERNELS_CONV_CONV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/gemm/epilogue.h"
#include "kernels/gemm/gemm.h"
#include "parity/runtime/options.h"

namespace parity::rt {

struct ConvShape {
  int64_t batch = 1;
  int64_t in_channels = 0;
  int64_t in_h = 0;
  int64_t in_w = 0;
  int64_t out_channels = 0;
  int64_t kernel_h = 1;
  int64_t kernel_w = 1;
  int64_t stride_h = 1;
  int64_t stride_w = 1;
  int64_t dilation_h = 1;
  int64_t dilation_w = 1;
  int64_t pad_top = 0;
  int64_t pad_left = 0;
  int64_t pad_bottom = 0;
  int64_t pad_right = 0;
  int64_t groups = 1;

  int64_t out_h() const { return (in_h + pad_top + pad_bottom - dilation_h * (kernel_h - 1) - 1) / stride_h + 1; }
  int64_t out_w() const { return (in_w + pad_left + pad_right - dilation_w * (kernel_w - 1) - 1) / stride_w + 1; }
  // Multiply-adds of one call (all images).
  int64_t Macs() const {
    return batch * out_channels * out_h() * out_w() * (in_channels / groups) * kernel_h * kernel_w;
  }
};

struct ConvPrepareOptions {
  const KernelTable* kernels = nullptr;  // null: ActiveKernelTable()
  GemmBlocking gemm_blocking;            // used by the GEMM-based algorithms
};

struct ConvRunArgs {
  const float* input = nullptr;  // [batch, in_channels, in_h, in_w]
  float* output = nullptr;       // [batch, out_channels, out_h, out_w]; must not alias input or residual
  const float* bias = nullptr;   // out_channels floats, or null
  ActivationParams activation;
  const float* residual = nullptr;  // output-shaped, or null
  ResidualOrder residual_order = ResidualOrder::kBeforeActivation;
  ThreadPool* pool = nullptr;  // null: calling thread only
};

class PreparedConv {
 public:
  PreparedConv() = default;
  const ConvShape& shape() const { return shape_; }
  ConvAlgo algo() const { return algo_; }  // never kAuto once prepared
  const KernelTable* kernels() const { return kernels_; }

 private:
  friend bool PrepareConv(const ConvShape&, const float*, ConvAlgo, const ConvPrepareOptions&, PreparedConv*,
                          std::string*);
  friend void RunConv(const PreparedConv&, const ConvRunArgs&);

  ConvShape shape_;
  ConvAlgo algo_ = ConvAlgo::kAuto;
  const KernelTable* kernels_ = nullptr;
  GemmBlocking blocking_;
  // GEMM algorithms: one packed A (Cout/G x Cin/G*KH*KW) per group; Winograd: the 16 U_xi (Cout x Cin)
  std::vector<PackedMatrix> packed_;
  std::vector<float> depthwise_;      // depthwise: C x KH*KW taps
};

// Why `algo` cannot compute `shape` (empty when it can). kAuto always applies to a valid shape.
std::string ConvAlgoRejection(const ConvShape& shape, ConvAlgo algo);

// The algorithm kAuto picks for `shape`.
ConvAlgo ChooseConvAlgo(const ConvShape& shape);

// Validates the shape and packs `weights` ([out_channels, in_channels / groups, kernel_h, kernel_w]) for `algo`.
// On failure returns false and sets *error (shape invalid, or algo cannot apply); never falls back silently.
bool PrepareConv(const ConvShape& shape, const float* weights, ConvAlgo algo, const ConvPrepareOptions& options,
                 PreparedConv* out, std::string* error);

void RunConv(const PreparedConv& conv, const ConvRunArgs& args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_CONV_H_
