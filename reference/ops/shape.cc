// Shape: the input's dimensions as a 1-D int64 tensor.
//   Shape-1 (in force at opset 7).   Shape-13: adds bfloat16.
//   Shape-15: `start`/`end` select dims[start:end] (negative counts from the back, both clamped to [0, rank];
//   an empty range gives an empty tensor).   Shape-19/21/23/24/25: accept the newer element types.
#include <algorithm>

#include "core/op_context.h"

namespace parity::ref {
namespace {

int64_t ClampToRank(int64_t v, int64_t rank) {
  if (v < 0) v += rank;
  return std::clamp<int64_t>(v, 0, rank);
}

void RunShape(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t rank = x.rank();
  int64_t start = 0;
  int64_t end = rank;
  if (ctx.version() >= 15) {
    start = ClampToRank(ctx.GetInt("start"), rank);
    if (ctx.HasAttr("end")) end = ClampToRank(ctx.GetInt("end"), rank);
  }
  std::vector<int64_t> dims;
  for (int64_t d = start; d < end; ++d) dims.push_back(x.shape()[d]);
  const int64_t n = static_cast<int64_t>(dims.size());
  ctx.SetOutput(0, Tensor(DataType::kInt64, {n}, std::move(dims)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Shape")
                        .Versions({1, 13, 15, 19, 21, 23, 24, 25})
                        .Int("start", 0).Only(15)
                        .Attr("end", AttrType::kInt).Only(15)
                        .Run(RunShape));

}  // namespace parity::ref
