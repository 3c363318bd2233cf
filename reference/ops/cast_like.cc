// CastLike: output = input converted to the element type of the second input, target_type (its values are
// ignored), with Cast's rules (see core/cast_conversion.h).
//   saturate (int, default 1; CastLike-19 on) and round_mode (string, default "up"; CastLike-24 on) as in Cast.
//   CastLike-15: numeric types, bool, string.   CastLike-19: adds the float8 types and saturate.
//   CastLike-21: adds int4/uint4.   CastLike-23: adds float4e2m1.   CastLike-24: adds float8e8m0 and round_mode.
//   CastLike-25: adds int2/uint2.
#include "core/cast_conversion.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunCastLike(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const DataType to = ctx.Input(1).dtype();
  CastOptions options;
  if (ctx.version() >= 19 && ctx.GetInt("saturate") == 0) options.saturation = Saturation::kNoSaturate;
  if (ctx.version() >= 24) options.e8m0_rounding = ParseE8M0Rounding(ctx.GetString("round_mode"));
  ctx.SetOutput(0, CastTensor(x, to, options));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("CastLike")
                        .Versions({15, 19, 21, 23, 24, 25})
                        .Int("saturate", 1).Only(19)
                        .String("round_mode", "up").Only(24)
                        .Run(RunCastLike));

}  // namespace parity::ref
