// Depthwise plane kernel, Generic variant (vectorized by the compiler from depthwise_row.inc).
#include <cstdint>

#include "kernels/conv/conv_ukernels.h"

namespace parity::rt {
namespace {

#include "kernels/conv/depthwise_row.inc"

}  // namespace

void DepthwisePlaneGeneric(const DepthwisePlaneArgs* args) {
  DepthwisePlaneImpl(*args);
  // The plane is still in cache: one pass applies the epilogue.
  if (args->epilogue != nullptr) EpilogueGeneric(args->out, args->out_w, args->out_h, args->out_w, args->epilogue);
}

}  // namespace parity::rt
