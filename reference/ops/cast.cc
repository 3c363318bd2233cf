// Cast: output = input converted to the element type `to` (see core/cast_conversion.h for the exact rules:
// FLOAT/DOUBLE targets keep the double value, narrower floats round to nearest-even, floats truncate toward
// zero into integers, integers wrap, strings print/parse as numpy does).
//   to (int, required): the target TensorProto.DataType.
//   saturate (int, default 1; Cast-19 on): for float8 targets, 1 = out-of-range values and infinities become
//   the largest finite value of the right sign; 0 = they become NaN (or infinity for float8e5m2).
//   round_mode (string, default "up"; Cast-24 on): rounding to float8e8m0: "up", "down" or "nearest".
//   Cast-6: numeric types and bool.   Cast-9: adds string.   Cast-13: adds bfloat16.   Cast-19: adds the float8
//   types and saturate.   Cast-21: adds int4/uint4.   Cast-23: adds float4e2m1.   Cast-24: adds float8e8m0 and
//   round_mode.   Cast-25: adds int2/uint2.
#include "core/cast_conversion.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunCast(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const auto to = static_cast<DataType>(ctx.GetInt("to"));
  ctx.Check(StorageOf(to) != StorageKind::kUnsupported, "cannot cast to element type " + DataTypeName(to));
  ctx.Check(ctx.version() >= 9 || (to != DataType::kString && x.dtype() != DataType::kString),
            "casts from or to STRING need Cast-9 or later");
  CastOptions options;
  if (ctx.version() >= 19 && ctx.GetInt("saturate") == 0) options.saturation = Saturation::kNoSaturate;
  if (ctx.version() >= 24) options.e8m0_rounding = ParseE8M0Rounding(ctx.GetString("round_mode"));
  ctx.SetOutput(0, CastTensor(x, to, options));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Cast")
                        .Versions({6, 9, 13, 19, 21, 23, 24, 25})
                        .Attr("to", AttrType::kInt, true)
                        .Int("saturate", 1).Only(19)
                        .String("round_mode", "up").Only(24)
                        .Run(RunCast));

}  // namespace parity::ref
