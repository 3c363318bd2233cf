// SequenceInsert: a copy of input_sequence with `tensor` inserted before `position` (optional int scalar in
// [-n, n]; negative counts from the back; absent means append). The tensor must have the sequence's element type.
//   SequenceInsert-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceInsert(OpContext& ctx) {
  const Value& in = ctx.InputValue(0);
  std::vector<Tensor> seq = in.sequence("input 0 (input_sequence)");
  const Tensor& tensor = ctx.Input(1);
  DataType dtype = in.sequence_element_type();
  ctx.Check(dtype == DataType::kUndefined || tensor.dtype() == dtype,
            "cannot insert a " + DataTypeName(tensor.dtype()) + " tensor into a sequence of " + DataTypeName(dtype));
  if (dtype == DataType::kUndefined) dtype = tensor.dtype();
  const int64_t n = static_cast<int64_t>(seq.size());
  int64_t p = n;
  if (ctx.HasInput(2)) {
    const Tensor& position = ctx.Input(2);
    ctx.Check(position.size() == 1, "position must be a scalar, got shape " + ShapeToString(position.shape()));
    p = position.AsInt64(0);
    ctx.Check(p >= -n && p <= n,
              "position " + std::to_string(p) + " is out of range [-n, n] for a sequence of " + std::to_string(n));
    if (p < 0) p += n;
  }
  seq.insert(seq.begin() + p, tensor);
  ctx.SetOutput(0, Value::Sequence(std::move(seq), dtype));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceInsert").Versions({11}).Run(RunSequenceInsert));

}  // namespace parity::ref
