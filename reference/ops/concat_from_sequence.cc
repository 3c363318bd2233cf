// ConcatFromSequence: joins the tensors of input_sequence into one tensor.
//   new_axis = 0 (default): numpy.concatenate along `axis` (in [-r, r-1]); shapes agree except on `axis`.
//   new_axis = 1:           numpy.stack on a new axis `axis` (in [-r-1, r]); shapes agree exactly.
// `axis` is required. An empty sequence is an error (there is nothing to take the shape from).
//   ConcatFromSequence-11: the only version.
#include "core/control_flow_util.h"
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunConcatFromSequence(OpContext& ctx) {
  const auto& seq = ctx.InputValue(0).sequence("input 0 (input_sequence)");
  ctx.Check(!seq.empty(), "cannot concatenate an empty sequence");
  const bool new_axis = ctx.GetInt("new_axis") != 0;
  const int64_t rank = seq[0].rank() + (new_axis ? 1 : 0);
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), rank);
  ctx.SetOutput(0, new_axis ? StackAlongAxis(seq, axis) : ConcatAlongAxis(seq, axis));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ConcatFromSequence")
                        .Versions({11})
                        .Attr("axis", AttrType::kInt, /*required=*/true)
                        .Int("new_axis", 0)
                        .Run(RunConcatFromSequence));

}  // namespace parity::ref
