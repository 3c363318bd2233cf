// OptionalGetElement: the value held by an optional (a tensor or a sequence); an empty optional is an error.
//   OptionalGetElement-15: input must be an optional.
//   OptionalGetElement-18: input may also be a plain tensor/sequence, returned unchanged.
// (Optionals with content are held as their content, so both versions return the input value.)
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunOptionalGetElement(OpContext& ctx) {
  const Value& in = ctx.InputValue(0);
  ctx.Check(!in.is_none(), "the optional input is empty");
  ctx.SetOutput(0, in);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("OptionalGetElement").Versions({15, 18}).Run(RunOptionalGetElement));

}  // namespace parity::ref
