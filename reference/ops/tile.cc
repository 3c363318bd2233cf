// Tile: repeats the input `repeats[d]` times along every dimension d (output dim = dim * repeats[d]).
//   Tile-6: `repeats` is an int64 input with one entry per dimension.   Tile-13: adds bfloat16.
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunTile(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const std::vector<int64_t> repeats = ctx.Input(1).ToInt64Vector();
  ctx.Check(static_cast<int64_t>(repeats.size()) == x.rank(),
            "repeats has " + std::to_string(repeats.size()) + " entries for rank " + std::to_string(x.rank()));
  Shape out = x.shape();
  for (size_t d = 0; d < out.size(); ++d) {
    ctx.Check(repeats[d] >= 0, "repeats must be non-negative");
    out[d] *= repeats[d];
  }
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    for (size_t d = 0; d < c.size(); ++d) src[d] = c[d] % x.shape()[d];
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Tile").Versions({6, 13}).Run(RunTile));

}  // namespace parity::ref
