// Squeeze: removes size-1 dimensions: those listed in `axes`, or every size-1 dimension when axes is absent.
//   Squeeze-1: `axes` attribute.   Squeeze-11: negative axes.   Squeeze-13: `axes` becomes an optional int64 input.
//   Squeeze-21/23/24/25: add int4, float4e2m1, float8e8m0, int2 types.
// Listing an axis whose size is not 1 is an error; an empty axes list behaves as an absent one.
#include <algorithm>
#include <string>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSqueeze(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  std::vector<int64_t> axes;
  if (ctx.version() >= 13 && ctx.HasInput(1)) axes = ctx.Input(1).ToInt64Vector();
  if (ctx.version() < 13 && ctx.HasAttr("axes")) axes = ctx.GetInts("axes");
  // An empty list squeezes every size-1 dimension, as an absent one does.
  const bool has_axes = !axes.empty();
  axes = NormalizeAxes(axes, x.rank());
  Shape out;
  for (int64_t d = 0; d < x.rank(); ++d) {
    const bool listed = std::find(axes.begin(), axes.end(), d) != axes.end();
    if (listed) ctx.Check(x.shape()[d] == 1, "cannot squeeze axis " + std::to_string(d) + " of size " +
                                                 std::to_string(x.shape()[d]));
    const bool drop = has_axes ? listed : x.shape()[d] == 1;
    if (!drop) out.push_back(x.shape()[d]);
  }
  ctx.SetOutput(0, x.Reshaped(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Squeeze")
                        .Versions({1, 11, 13, 21, 23, 24, 25})
                        .Attr("axes", AttrType::kInts).Only(1, 12)
                        .Run(RunSqueeze));

}  // namespace parity::ref
