// Max-pool plane kernel, Avx512 variant (vectorized by the compiler from max_pool_plane.inc).
#include <cstdint>
#include <limits>

#include "kernels/pool/pool_ukernels.h"

namespace parity::rt {
namespace {

#include "kernels/pool/max_pool_plane.inc"

}  // namespace

void MaxPoolPlaneAvx512(const MaxPoolPlaneArgs* args) { MaxPoolPlaneImpl(*args); }

}  // namespace parity::rt
