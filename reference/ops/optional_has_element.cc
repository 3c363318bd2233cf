// OptionalHasElement: bool scalar, true when the input holds a value (a tensor or a sequence), false when it is an
// empty optional.
//   OptionalHasElement-15: input is a required optional.
//   OptionalHasElement-18: input may also be a plain tensor/sequence, and may be omitted (then false).
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunOptionalHasElement(OpContext& ctx) {
  ctx.Check(ctx.version() >= 18 || ctx.HasInput(0), "OptionalHasElement-15 requires its input");
  const bool has = ctx.HasInput(0) && !ctx.InputValue(0).is_none();
  ctx.SetOutput(0, Tensor::ScalarInt(DataType::kBool, has ? 1 : 0));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("OptionalHasElement").Versions({15, 18}).Run(RunOptionalHasElement));

}  // namespace parity::ref
