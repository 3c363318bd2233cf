// The Cast kernel, shared with CastLike (which only differs in where the target type comes from).
#pragma once

#include <memory>

#include "kernels/kernel.h"

namespace parity::rt {

// Validates Cast's saturate/round_mode attributes on b's node and returns a kernel converting input 0 to the ONNX
// dtype `to` (output 0). Fails for targets the runtime cannot store (string, complex).
std::unique_ptr<Kernel> MakeCastTo(KernelBuilder& b, int to);

}  // namespace parity::rt
