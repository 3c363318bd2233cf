// GatherND: indices' last dimension (length m) addresses the first m dimensions of data after `batch_dims`
// leading batch dimensions, which data and indices share:
//   out[b.., i..] = data[b.., indices[b.., i.., 0..m-1], rest..];
//   output shape = batch dims + indices.shape[batch_dims:-1] + data.shape[batch_dims + m:].
//   GatherND-11.   GatherND-12: `batch_dims`.   GatherND-13: adds bfloat16.
// Negative index values count from the back of their dimension.
#include <algorithm>
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunGatherND(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  const int64_t b = ctx.version() >= 12 ? ctx.GetInt("batch_dims") : 0;
  const int64_t r = data.rank();
  const int64_t q = indices.rank();
  ctx.Check(r >= 1 && q >= 1 && b >= 0 && b < std::min(r, q), "batch_dims must be less than both ranks");
  for (int64_t d = 0; d < b; ++d) {
    ctx.Check(data.shape()[d] == indices.shape()[d], "data and indices differ in batch dimension " +
                                                         std::to_string(d));
  }
  const int64_t m = indices.shape()[q - 1];
  ctx.Check(m >= 1 && m <= r - b, "indices' last dimension " + std::to_string(m) + " is out of range");
  Shape out(indices.shape().begin(), indices.shape().end() - 1);
  out.insert(out.end(), data.shape().begin() + b + m, data.shape().end());
  const std::vector<int64_t> idx = indices.ToInt64Vector();
  const int64_t index_rank = q - 1;  // output dims that come from indices (batch dims included)
  const auto index = SourceIndices(out, data.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    int64_t tuple = 0;
    for (int64_t d = 0; d < index_rank; ++d) tuple = tuple * indices.shape()[d] + c[d];
    for (int64_t d = 0; d < b; ++d) src[d] = c[d];
    for (int64_t k = 0; k < m; ++k) {
      const int64_t dim = data.shape()[b + k];
      int64_t v = idx[tuple * m + k];
      if (v < -dim || v >= dim) ctx.Fail("index " + std::to_string(v) + " is out of range for dimension " +
                                         std::to_string(dim));
      src[b + k] = v < 0 ? v + dim : v;
    }
    for (int64_t d = b + m; d < r; ++d) src[d] = c[index_rank + d - b - m];
  });
  ctx.SetOutput(0, TakeElements(data, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GatherND").Versions({11, 12, 13}).Int("batch_dims", 0).Only(12).Run(RunGatherND));

}  // namespace parity::ref
