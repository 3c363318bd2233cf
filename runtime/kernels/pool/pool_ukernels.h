// The ISA boundary of the pooling kernels: leaf functions on raw pointers, one exported per ISA.
// Internal header: only pooling ops and isa_dispatch include it.
#ifndef PARITY_RUNTIME_KERNELS_POOL_POOL_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_POOL_POOL_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// MaxPool of one NCHW channel plane, dilation 1: out[oy][ox] = max of the in-image taps of the kernel x kernel
// window at (oy * stride - pad_top, ox * stride - pad_left). Padding never wins (it is -inf); every window must
// hold at least one in-image tap (ONNX output sizes guarantee it). `scratch` holds at least
// MaxPoolScratchFloats(in_w, out_w, kernel_w, stride_w, pad_left) floats.
struct MaxPoolPlaneArgs {
  const float* input;  // in_h x in_w, row-major
  int64_t in_h;
  int64_t in_w;
  int64_t kernel_h;
  int64_t kernel_w;
  int64_t stride_h;
  int64_t stride_w;
  int64_t pad_top;
  int64_t pad_left;
  float* out;  // out_h x out_w, row-major
  int64_t out_h;
  int64_t out_w;
  float* scratch;
};

inline int64_t MaxPoolScratchFloats(int64_t in_w, int64_t out_w, int64_t kernel_w, int64_t stride_w, int64_t pad_left) {
  const int64_t span = (out_w - 1) * stride_w + kernel_w;  // padded columns the windows cover
  const int64_t need = span > pad_left + in_w ? span : pad_left + in_w;
  return need + 64;  // slack for vector tails
}

using MaxPoolPlaneFn = void (*)(const MaxPoolPlaneArgs* args);

// MaxPool / AveragePool of one output row of one 16-channel block of a channel-blocked (NCHW16c) tensor:
//   y[ox][lane] = max (or mean) of x[iy][ix][lane] over the in-image taps of the window whose taps are
//   iy = oy * stride_h - pad_top + ky * dilation_h, ix = ox * stride_w - pad_left + kx * dilation_w,
// for ox in [0, out_w). Same semantics as the portable loops of pool_nchwc.cc: padding never wins (MaxPool of a
// window without in-image taps is -inf); AveragePool divides by the in-image tap count, or with count_include_pad
// by the undilated window clipped to the padded extent (pad_bottom, pad_right); a zero divisor gives 0.
struct PoolNchwcRowArgs {
  const float* x;  // input plane of the block: (in_h, in_w, 16)
  float* y;        // output row (out_w, 16)
  int64_t oy;
  int64_t out_w;
  int64_t in_h, in_w;
  int64_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
  int64_t pad_top, pad_left, pad_bottom, pad_right;
  int count_include_pad;  // AveragePool only
};

using PoolNchwcRowFn = void (*)(const PoolNchwcRowArgs* args);

void MaxPoolNchwcRowAvx512(const PoolNchwcRowArgs* args);
void AvgPoolNchwcRowAvx512(const PoolNchwcRowArgs* args);

void MaxPoolPlaneGeneric(const MaxPoolPlaneArgs* args);
void MaxPoolPlaneAvx2(const MaxPoolPlaneArgs* args);
void MaxPoolPlaneAvx512(const MaxPoolPlaneArgs* args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_POOL_POOL_UKERNELS_H_
