// Concat: joins the inputs along `axis`; all other dimensions must match.
//   Concat-4: `axis` required.   Concat-11: negative axis counts from the back.   Concat-13: adds bfloat16.
// Inputs with a zero-size concatenation dimension contribute nothing (but still must match elsewhere).
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunConcat(OpContext& ctx) {
  const std::vector<const Tensor*> inputs = ctx.InputsFrom(0);
  ctx.Check(!inputs.empty(), "needs at least one input");
  const Tensor& first = *inputs[0];
  const int64_t rank = first.rank();
  ctx.Check(rank > 0, "cannot concatenate scalars");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), rank);
  Shape out = first.shape();
  out[axis] = 0;
  for (const Tensor* t : inputs) {
    ctx.Check(t->dtype() == first.dtype(), "inputs have different types");
    bool same = t->rank() == rank;
    for (int64_t d = 0; same && d < rank; ++d) same = d == axis || t->shape()[d] == first.shape()[d];
    ctx.Check(same, "cannot concatenate " + ShapeToString(t->shape()) + " with " + ShapeToString(first.shape()) +
                        " along axis " + std::to_string(axis));
    out[axis] += t->shape()[axis];
  }
  // Each input is a sequence of `outer` blocks of size dim(axis) * inner; the output interleaves them.
  int64_t outer = 1;
  int64_t inner = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (d < axis) outer *= out[d];
    if (d > axis) inner *= out[d];
  }
  Tensor result(first.dtype(), out);
  const int64_t out_block = out[axis] * inner;
  int64_t column = 0;
  for (const Tensor* t : inputs) {
    const int64_t block = t->shape()[axis] * inner;
    for (int64_t o = 0; o < outer; ++o) CopyElements(*t, o * block, block, result, o * out_block + column);
    column += block;
  }
  ctx.SetOutput(0, std::move(result));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Concat")
                        .Versions({4, 11, 13})
                        .Attr("axis", AttrType::kInt, /*required=*/true)
                        .Run(RunConcat));

}  // namespace parity::ref
