// ScatterElements: output = copy of data, then for every element of `indices` (same shape as updates, same rank as
// data): output[i][indices[i][j][k]][k] = reduce(that, updates[i][j][k]) for axis = 1 (likewise for any axis).
//   ScatterElements-11: replace only.   ScatterElements-13: adds bfloat16.
//   ScatterElements-16: `reduction` none/add/mul.   ScatterElements-18: adds max/min.
// Negative indices count from the back. Updates are applied in row-major order, so with "none" a repeated index
// keeps the last update.
#include <string>

#include "core/elementwise.h"
#include "core/movement_scatter.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunScatterElements(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  const Tensor& updates = ctx.Input(2);
  ctx.Check(indices.shape() == updates.shape(), "indices and updates must have the same shape");
  ctx.Check(indices.rank() == data.rank() && data.rank() >= 1, "indices must have data's rank");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), data.rank());
  const int64_t dim = data.shape()[axis];
  for (int64_t d = 0; d < data.rank(); ++d) {
    ctx.Check(d == axis || indices.shape()[d] <= data.shape()[d], "indices shape exceeds data shape");
  }
  const std::string reduction = ctx.version() >= 16 ? ctx.GetString("reduction") : "none";
  ctx.Check(ctx.version() >= 18 || (reduction != "max" && reduction != "min"),
            "reduction '" + reduction + "' needs version 18");
  const std::vector<int64_t> idx = indices.ToInt64Vector();
  const auto target = SourceIndices(
      indices.shape(), data.shape(),
      [&, i = int64_t{0}](const std::vector<int64_t>& c, std::vector<int64_t>& dst) mutable {
        dst = c;
        const int64_t v = idx[i++];
        if (v < -dim || v >= dim) {
          ctx.Fail("index " + std::to_string(v) + " is out of range for dimension " + std::to_string(dim));
        }
        dst[axis] = v < 0 ? v + dim : v;
      });
  ctx.SetOutput(0, ScatterInto(data, updates, target, reduction));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ScatterElements")
                        .Versions({11, 13, 16, 18})
                        .Int("axis", 0)
                        .String("reduction", "none").Only(16)
                        .Run(RunScatterElements));

}  // namespace parity::ref
