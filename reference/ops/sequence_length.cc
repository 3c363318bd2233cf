// SequenceLength: the number of tensors in input_sequence, as an int64 scalar.
//   SequenceLength-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceLength(OpContext& ctx) {
  const auto& seq = ctx.InputValue(0).sequence("input 0 (input_sequence)");
  ctx.SetOutput(0, Tensor::ScalarInt(DataType::kInt64, static_cast<int64_t>(seq.size())));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceLength").Versions({11}).Run(RunSequenceLength));

}  // namespace parity::ref
