// Internal entry points of the convolution algorithms (called by conv.cc after validation).
#ifndef PARITY_RUNTIME_KERNELS_CONV_CONV_INTERNAL_H_
#define PARITY_RUNTIME_KERNELS_CONV_CONV_INTERNAL_H_

#include <vector>

#include "kernels/conv/conv.h"

namespace parity::rt {

// kGemm1x1 and kIm2col: `packed` holds one packed A per group.
void RunConvGemm(const ConvShape& s, ConvAlgo algo, const std::vector<PackedMatrix>& packed,
                 const GemmBlocking& blocking, const ConvRunArgs& args);

// kDepthwise: `taps` is C x KH*KW.
void RunConvDepthwise(const ConvShape& s, const KernelTable& kernels, const float* taps, const ConvRunArgs& args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_CONV_INTERNAL_H_
