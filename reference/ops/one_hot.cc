// OneHot: out has indices' shape with a new dimension of size `depth` inserted at `axis`; the element is
// values[1] ("on") where its position along that axis equals the index, else values[0] ("off").
// indices and depth may be any numeric type (non-integers truncate); indices outside [-depth, depth) select
// nothing, so their row is all "off".
//   OneHot-9: indices in [0, depth).   OneHot-11: negative indices count from the back (index + depth).
#include <cmath>
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunOneHot(OpContext& ctx) {
  const Tensor& indices = ctx.Input(0);
  const Tensor& depth_t = ctx.Input(1);
  const Tensor& values = ctx.Input(2);
  ctx.Check(depth_t.size() == 1, "depth must hold one value");
  ctx.Check(values.size() == 2, "values must hold [off, on]");
  const int64_t depth = static_cast<int64_t>(std::trunc(depth_t.AsDouble(0)));
  ctx.Check(depth >= 1, "depth must be positive, got " + std::to_string(depth));
  const int64_t r = indices.rank();
  int64_t axis = ctx.GetInt("axis");
  ctx.Check(axis >= -r - 1 && axis <= r, "axis " + std::to_string(axis) + " is out of range");
  if (axis < 0) axis += r + 1;
  Shape out = indices.shape();
  out.insert(out.begin() + axis, depth);
  std::vector<int64_t> idx(indices.size());
  for (int64_t i = 0; i < indices.size(); ++i) {
    int64_t v = static_cast<int64_t>(std::trunc(indices.AsDouble(i)));
    if (v < 0 && ctx.version() >= 11) v += depth;
    idx[i] = v;
  }
  // Output element picks values[1] (flat 1) when on, values[0] when off.
  std::vector<int64_t> pick(static_cast<size_t>(ElementCount(out)));
  ForEachCoord(out, [&](int64_t i, const std::vector<int64_t>& c) {
    int64_t flat = 0;
    for (int64_t d = 0; d <= r; ++d) {
      if (d != axis) flat = flat * out[d] + c[d];
    }
    pick[i] = idx[flat] == c[axis] ? 1 : 0;
  });
  ctx.SetOutput(0, TakeElements(values.Reshaped({2}), out, pick));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("OneHot").Versions({9, 11}).Int("axis", -1).Run(RunOneHot));

}  // namespace parity::ref
