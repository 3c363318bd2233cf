// Flatten: reshapes the input to 2-D (d0*...*d(axis-1), d(axis)*...*d(n-1)); axis = 0 gives (1, all).
//   Flatten-1: axis in [0, rank].   Flatten-9: any type.   Flatten-11: negative axis counts from the back.
//   Flatten-13: adds bfloat16.   Flatten-21/23/24/25: add int4, float4e2m1, float8e8m0, int2 types.
#include <string>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunFlatten(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  int64_t axis = ctx.GetInt("axis");
  const int64_t rank = x.rank();
  ctx.Check(axis >= -rank && axis <= rank && (axis >= 0 || ctx.version() >= 11),
            "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  if (axis < 0) axis += rank;
  int64_t outer = 1;
  int64_t inner = 1;
  for (int64_t d = 0; d < rank; ++d) (d < axis ? outer : inner) *= x.shape()[d];
  ctx.SetOutput(0, x.Reshaped({outer, inner}));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Flatten").Versions({1, 9, 11, 13, 21, 23, 24, 25}).Int("axis", 1).Run(RunFlatten));

}  // namespace parity::ref
