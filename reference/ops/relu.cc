// Relu: y = max(0, x), elementwise.
//   Relu-6:  float types.            Relu-13: adds bfloat16.
//   Relu-14: adds int8/16/32/64 (integers compared exactly).
// (Relu-1's legacy `consumed_inputs` attribute predates opset 6 and is out of scope.)
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunRelu(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) || (ctx.version() >= 14 && IsSignedInteger(x.dtype())),
            "Relu-" + std::to_string(ctx.version()) + " does not accept " + DataTypeName(x.dtype()));
  ctx.SetOutput(0, MapNumeric(x, [](auto v) { return v > 0 ? v : decltype(v){0}; }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Relu").Versions({6, 13, 14}).Run(RunRelu));

}  // namespace parity::ref
