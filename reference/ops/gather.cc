// Gather: picks entries of `data` along `axis` by `indices`: out[i.., j.., k..] = data[i.., indices[j..], k..];
// output shape = data.shape[:axis] + indices.shape + data.shape[axis+1:].
//   Gather-1 (in force at opset 7).   Gather-11: negative indices count from the back; negative axis.
//   Gather-13: adds bfloat16. An index outside [-dim, dim) is an error.
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGather(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  ctx.Check(data.rank() >= 1, "data must have rank >= 1");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), data.rank());
  const int64_t dim = data.shape()[axis];
  std::vector<int64_t> idx = indices.ToInt64Vector();
  for (int64_t& i : idx) {
    if (i < -dim || i >= dim) {
      ctx.Fail("index " + std::to_string(i) + " is out of range for dimension " + std::to_string(dim));
    }
    if (i < 0) i += dim;
  }
  Shape out(data.shape().begin(), data.shape().begin() + axis);
  out.insert(out.end(), indices.shape().begin(), indices.shape().end());
  out.insert(out.end(), data.shape().begin() + axis + 1, data.shape().end());
  const int64_t q = indices.rank();
  const auto index = SourceIndices(out, data.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    int64_t flat = 0;
    for (int64_t k = 0; k < q; ++k) flat = flat * indices.shape()[k] + c[axis + k];
    for (int64_t d = 0; d < axis; ++d) src[d] = c[d];
    src[axis] = idx[flat];
    for (int64_t d = axis + 1; d < data.rank(); ++d) src[d] = c[d + q - 1];
  });
  ctx.SetOutput(0, TakeElements(data, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Gather").Versions({1, 11, 13}).Int("axis", 0).Run(RunGather));

}  // namespace parity::ref
