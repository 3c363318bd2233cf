// Pointwise conv rows with few input channels (16, 24 or 32) on channel-blocked tensors: the weight-stationary
// AVX-512 path that the blocked conv row kernel hands them to. Internal header of kernels/conv.
#ifndef PARITY_RUNTIME_KERNELS_CONV_NCHWC_POINTWISE_NARROW_H_
#define PARITY_RUNTIME_KERNELS_CONV_NCHWC_POINTWISE_NARROW_H_

#include "kernels/conv/nchwc_ukernels.h"

namespace parity::rt {

// True when `a` is a blocked-input 1x1 unpadded stride-1 (in the row) conv row with 16, 24 or 32
// input channels.
inline bool PointwiseNarrowApplies(const NchwcConvRowArgs& a) {
  return a.in_blocked && (a.c == 16 || a.c == 24 || a.c == 32) && a.kernel_h == 1 && a.kernel_w == 1 &&
         a.pad_top == 0 && a.pad_left == 0 && a.stride_w == 1 && a.in_w == a.out_w;
}

// Computes the row `a` describes (same contract as NchwcConvRowArgs) and returns true, or returns false without
// touching anything when PointwiseNarrowApplies(a) is false.
bool NchwcPointwiseNarrowAvx512(const NchwcConvRowArgs& a);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_NCHWC_POINTWISE_NARROW_H_
