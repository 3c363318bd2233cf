// Transpose: output dimension i is input dimension perm[i]; perm defaults to reversing the dimensions.
//   Transpose-1 (in force at opset 7).   Transpose-13: adds bfloat16.
//   Transpose-21/23/24/25: add int4, float4e2m1, float8e8m0, int2 types (data only moves).
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunTranspose(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t rank = x.rank();
  std::vector<int64_t> perm;
  if (ctx.HasAttr("perm")) {
    perm = ctx.GetInts("perm");
  } else {
    for (int64_t d = rank; d-- > 0;) perm.push_back(d);
  }
  ctx.Check(static_cast<int64_t>(perm.size()) == rank,
            "perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
  std::vector<bool> seen(rank, false);
  Shape out(rank);
  for (int64_t i = 0; i < rank; ++i) {
    ctx.Check(perm[i] >= 0 && perm[i] < rank && !seen[perm[i]], "perm is not a permutation of 0.." +
                                                                    std::to_string(rank - 1));
    seen[perm[i]] = true;
    out[i] = x.shape()[perm[i]];
  }
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    for (int64_t i = 0; i < rank; ++i) src[perm[i]] = c[i];
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Transpose")
                        .Versions({1, 13, 21, 23, 24, 25})
                        .Attr("perm", AttrType::kInts)
                        .Run(RunTranspose));

}  // namespace parity::ref
