// Identity: output = input, for any value: tensors of every type, sequences (Identity-14) and optionals
// (Identity-16; an empty optional stays empty).
//   Identity-1: tensors (in force at opset 7).   Identity-13: adds bfloat16.   Identity-14: adds sequences.
//   Identity-16: adds optionals.   Identity-19: adds the float8 types.   Identity-21: adds int4/uint4.
//   Identity-23: adds float4e2m1.   Identity-24: adds float8e8m0.   Identity-25: adds int2/uint2.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunIdentity(OpContext& ctx) {
  const Value& input = ctx.InputValue(0);
  ctx.Check(!input.is_sequence() || ctx.version() >= 14, "sequence inputs need Identity-14 or later");
  ctx.Check(!input.is_none() || ctx.version() >= 16, "optional inputs need Identity-16 or later");
  ctx.SetOutput(0, input);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Identity").Versions({1, 13, 14, 16, 19, 21, 23, 24, 25}).Run(RunIdentity));

}  // namespace parity::ref
