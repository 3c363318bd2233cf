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

// kWinograd (F(2x2, 3x3)): the 16 transformed filter matrices U_xi (Cout x Cin), packed as A.
std::vector<PackedMatrix> PackWinogradWeights(const ConvShape& s, const float* weights, const GemmOptions& gemm);
void RunConvWinograd(const ConvShape& s, const KernelTable& kernels, const std::vector<PackedMatrix>& u,
                     const ConvRunArgs& args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_CONV_INTERNAL_H_
