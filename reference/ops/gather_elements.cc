// GatherElements: out[i][j][k] = data[i][indices[i][j][k]][k] for axis = 1 (likewise for any axis); the output has
// the shape of `indices`, which must have data's rank.
//   GatherElements-11: negative indices count from the back.   GatherElements-13: adds bfloat16.
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGatherElements(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  ctx.Check(data.rank() == indices.rank() && data.rank() >= 1, "data and indices must have the same rank >= 1");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), data.rank());
  const int64_t dim = data.shape()[axis];
  for (int64_t d = 0; d < data.rank(); ++d) {
    ctx.Check(d == axis || indices.shape()[d] <= data.shape()[d], "indices shape " +
                                                                       ShapeToString(indices.shape()) +
                                                                       " exceeds data shape " +
                                                                       ShapeToString(data.shape()));
  }
  const std::vector<int64_t> idx = indices.ToInt64Vector();
  const auto index =
      SourceIndices(indices.shape(), data.shape(), [&, i = int64_t{0}](const std::vector<int64_t>& c,
                                                                       std::vector<int64_t>& src) mutable {
        src = c;
        int64_t v = idx[i++];
        if (v < -dim || v >= dim) {
          ctx.Fail("index " + std::to_string(v) + " is out of range for dimension " + std::to_string(dim));
        }
        src[axis] = v < 0 ? v + dim : v;
      });
  ctx.SetOutput(0, TakeElements(data, indices.shape(), index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GatherElements").Versions({11, 13}).Int("axis", 0).Run(RunGatherElements));

}  // namespace parity::ref
