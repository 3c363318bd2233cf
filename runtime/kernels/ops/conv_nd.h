// Portable Conv for spatial ranks the packed convolution library does not take (3-D and up): im2col + SGEMM with
// bias, fused residual and activation. Not registered on its own: MakeConv (conv.cc) is meant to forward the
// inputs of rank >= 5 here.
#pragma once

#include <memory>

#include "kernels/kernel.h"

namespace parity::rt {

std::unique_ptr<Kernel> MakeConvNd(KernelBuilder& b);

}  // namespace parity::rt
