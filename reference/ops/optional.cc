// Optional: wraps its input into an optional value, or makes an empty optional when the input is omitted (the
// `type` attribute then says what the optional would hold; it is required in that case). An optional with content
// is represented by the content itself, so with an input this is an identity.
//   Optional-15: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunOptional(OpContext& ctx) {
  if (ctx.HasInput(0)) {
    ctx.SetOutput(0, ctx.InputValue(0));
    return;
  }
  ctx.Check(ctx.HasAttr("type"), "an Optional without input needs the 'type' attribute");
  ctx.SetOutput(0, Value());
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Optional").Versions({15}).Attr("type", AttrType::kTypeProto).Run(RunOptional));

}  // namespace parity::ref
