// Compress: keeps the slices along `axis` whose entry in the 1-D bool `condition` is true; without `axis` the input
// is flattened first (output 1-D). condition may be shorter than the axis (missing entries count as false) but
// not longer.
//   Compress-9.   Compress-11: negative axis counts from the back.
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunCompress(OpContext& ctx) {
  const Tensor& x0 = ctx.Input(0);
  const Tensor& cond = ctx.Input(1);
  ctx.Check(cond.rank() == 1, "condition must be 1-D");
  const bool has_axis = ctx.HasAttr("axis");
  const Tensor x = has_axis ? x0 : x0.Reshaped({x0.size()});
  const int64_t axis = has_axis ? NormalizeAxis(ctx.GetInt("axis"), x.rank()) : 0;
  const int64_t dim = x.shape()[axis];
  ctx.Check(cond.size() <= dim, "condition has " + std::to_string(cond.size()) + " entries for dimension " +
                                    std::to_string(dim));
  std::vector<int64_t> kept;
  for (int64_t i = 0; i < cond.size(); ++i) {
    if (cond.AsDouble(i) != 0) kept.push_back(i);
  }
  Shape out = x.shape();
  out[axis] = static_cast<int64_t>(kept.size());
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    src = c;
    src[axis] = kept[c[axis]];
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Compress").Versions({9, 11}).Attr("axis", AttrType::kInt).Run(RunCompress));

}  // namespace parity::ref
