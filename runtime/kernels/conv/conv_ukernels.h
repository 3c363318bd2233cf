// The ISA boundary of the convolution kernels: leaf functions on raw pointers, one exported per ISA.
// Internal header: only conv drivers and isa_dispatch include it.
#ifndef PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// A depthwise convolution of one NCHW channel plane, dilation 1: all out_h x out_w outputs (bias folded in).
struct DepthwisePlaneArgs {
  const float* input;  // channel plane, in_h x in_w, row-major
  int64_t in_h;
  int64_t in_w;
  const float* weights;  // kernel x kernel taps, row-major
  int kernel;            // 3 or 5
  int stride;            // 1 or 2
  int64_t pad_left;
  int64_t pad_top;
  float bias;
  float* out;  // out_h x out_w floats, row-major
  int64_t out_h;
  int64_t out_w;
};

using DepthwisePlaneFn = void (*)(const DepthwisePlaneArgs* args);

void DepthwisePlaneGeneric(const DepthwisePlaneArgs* args);
void DepthwisePlaneAvx2(const DepthwisePlaneArgs* args);
void DepthwisePlaneAvx512(const DepthwisePlaneArgs* args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_
