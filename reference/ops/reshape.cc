// Reshape: same elements (row-major order) under the shape given by the int64 input `shape`.
//   A 0 in `shape` copies the input's dimension at that position; one -1 is inferred from the element count.
//   Reshape-5: shape becomes an input (was an attribute in Reshape-1).   Reshape-13: adds bfloat16.
//   Reshape-14: `allowzero` = 1 makes a 0 a literal zero-size dimension (then 0 and -1 may not be mixed).
//   Reshape-19/21/23/24/25: add float8, int4/uint4, float4e2m1, float8e8m0 and int2/uint2 types (data only moves).
#include <string>

#include "core/op_context.h"

namespace parity::ref {
namespace {

Shape ResolveShape(const OpContext& ctx, const Shape& in, const std::vector<int64_t>& requested, bool allow_zero) {
  Shape out(requested.size());
  int64_t inferred = -1;
  int64_t known = 1;
  bool has_zero = false;
  for (size_t i = 0; i < requested.size(); ++i) {
    const int64_t d = requested[i];
    if (d == -1) {
      ctx.Check(inferred < 0, "shape has more than one -1");
      inferred = static_cast<int64_t>(i);
      continue;
    }
    ctx.Check(d >= 0, "shape entry " + std::to_string(d) + " is invalid (only -1 may be negative)");
    if (d == 0 && !allow_zero) {
      ctx.Check(i < in.size(), "shape entry " + std::to_string(i) + " is 0 but the input has no such dimension");
      out[i] = in[i];
    } else {
      out[i] = d;
      has_zero = has_zero || d == 0;
    }
    known *= out[i];
  }
  if (inferred >= 0) {
    ctx.Check(!(allow_zero && has_zero), "allowzero = 1 forbids mixing 0 and -1 in shape");
    const int64_t total = ElementCount(in);
    ctx.Check(known != 0 && total % known == 0,
              "cannot infer the -1 dimension: " + std::to_string(total) + " elements over " + std::to_string(known));
    out[inferred] = total / known;
  }
  ctx.Check(ElementCount(out) == ElementCount(in),
            "cannot reshape " + ShapeToString(in) + " to " + ShapeToString(out));
  return out;
}

void RunReshape(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const bool allow_zero = ctx.version() >= 14 && ctx.GetInt("allowzero") != 0;
  const Shape out = ResolveShape(ctx, data.shape(), ctx.Input(1).ToInt64Vector(), allow_zero);
  ctx.SetOutput(0, data.Reshaped(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Reshape")
                        .Versions({5, 13, 14, 19, 21, 23, 24, 25})
                        .Int("allowzero", 0).Only(14)
                        .Run(RunReshape));

}  // namespace parity::ref
