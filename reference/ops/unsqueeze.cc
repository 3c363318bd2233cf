// Unsqueeze: inserts size-1 dimensions at the positions `axes` of the output (output rank = rank + len(axes)).
//   Unsqueeze-1: `axes` attribute (required).   Unsqueeze-11: negative axes (counted against the output rank).
//   Unsqueeze-13: `axes` becomes a required int64 input.   Unsqueeze-21/23/24/25: add int4, float4e2m1,
//   float8e8m0, int2 types. Axes may come in any order; repeating one is an error.
#include <algorithm>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunUnsqueeze(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const std::vector<int64_t> raw = ctx.version() >= 13 ? ctx.Input(1).ToInt64Vector() : ctx.GetInts("axes");
  const int64_t out_rank = x.rank() + static_cast<int64_t>(raw.size());
  const std::vector<int64_t> axes = NormalizeAxes(raw, out_rank);
  Shape out;
  int64_t next = 0;
  for (int64_t d = 0; d < out_rank; ++d) {
    const bool inserted = std::find(axes.begin(), axes.end(), d) != axes.end();
    out.push_back(inserted ? 1 : x.shape()[next++]);
  }
  ctx.SetOutput(0, x.Reshaped(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Unsqueeze")
                        .Versions({1, 11, 13, 21, 23, 24, 25})
                        .Attr("axes", AttrType::kInts, /*required=*/true).Only(1, 12)
                        .Run(RunUnsqueeze));

}  // namespace parity::ref
