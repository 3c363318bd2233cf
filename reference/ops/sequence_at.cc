// SequenceAt: output = input_sequence[position]; position is an int32/int64 scalar in [-n, n-1] (negative counts
// from the back); out of range is an error.
//   SequenceAt-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceAt(OpContext& ctx) {
  const auto& seq = ctx.InputValue(0).sequence("input 0 (input_sequence)");
  const Tensor& position = ctx.Input(1);
  ctx.Check(position.size() == 1, "position must be a scalar, got shape " + ShapeToString(position.shape()));
  const int64_t n = static_cast<int64_t>(seq.size());
  int64_t p = position.AsInt64(0);
  ctx.Check(p >= -n && p < n,
            "position " + std::to_string(p) + " is out of range for a sequence of " + std::to_string(n));
  if (p < 0) p += n;
  ctx.SetOutput(0, seq[p]);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceAt").Versions({11}).Run(RunSequenceAt));

}  // namespace parity::ref
