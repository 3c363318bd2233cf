// SequenceErase: a copy of input_sequence without the element at `position` (optional int scalar in [-n, n-1];
// negative counts from the back; absent means the last element).
//   SequenceErase-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceErase(OpContext& ctx) {
  const Value& in = ctx.InputValue(0);
  std::vector<Tensor> seq = in.sequence("input 0 (input_sequence)");
  const int64_t n = static_cast<int64_t>(seq.size());
  ctx.Check(n > 0, "cannot erase from an empty sequence");
  int64_t p = n - 1;
  if (ctx.HasInput(1)) {
    const Tensor& position = ctx.Input(1);
    ctx.Check(position.size() == 1, "position must be a scalar, got shape " + ShapeToString(position.shape()));
    p = position.AsInt64(0);
    ctx.Check(p >= -n && p < n,
              "position " + std::to_string(p) + " is out of range for a sequence of " + std::to_string(n));
    if (p < 0) p += n;
  }
  seq.erase(seq.begin() + p);
  ctx.SetOutput(0, Value::Sequence(std::move(seq), in.sequence_element_type()));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceErase").Versions({11}).Run(RunSequenceErase));

}  // namespace parity::ref
