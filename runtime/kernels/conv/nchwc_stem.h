// 3x3 network stems on plain NCHW inputs with 3 channels: the weight-stationary AVX-512 path that the blocked
// conv row kernel hands such rows to. Internal header of kernels/conv.
#ifndef PARITY_RUNTIME_KERNELS_CONV_NCHWC_STEM_H_
#define PARITY_RUNTIME_KERNELS_CONV_NCHWC_STEM_H_

#include "kernels/conv/nchwc_ukernels.h"

namespace parity::rt {

// True when `a` is a plain-input conv row with 3 channels, a 3x3 kernel, dilation 1 and horizontal stride 1 or 2.
inline bool StemApplies(const NchwcConvRowArgs& a) {
  return !a.in_blocked && a.c == 3 && a.kernel_w == 3 && a.kernel_h == 3 && a.dilation_h == 1 && a.dilation_w == 1 &&
         (a.stride_w == 1 || a.stride_w == 2);
}

// Computes the row `a` describes (same contract as NchwcConvRowArgs) and returns true, or returns false without
// touching anything when StemApplies(a) is false.
bool NchwcStemRowAvx512(const NchwcConvRowArgs& a);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_NCHWC_STEM_H_
