// Range: the 1-D sequence start, start + delta, start + 2 * delta, ... of
// max(ceil((limit - start) / delta), 0) elements; start, limit and delta are scalars of one type.
//   Range-11: float/double/int16/int32/int64.
//   Range-27: adds float16/bfloat16 and stash_type (int, default 1 = FLOAT), the precision those two types are
//   computed in. The reference computes every float type in double, so stash_type does not change its result.
// Integers are computed exactly (the element count by exact ceiling division); a zero delta is an error.
#include <algorithm>
#include <cmath>

#include "core/op_context.h"

namespace parity::ref {
namespace {

double Scalar(const OpContext& ctx, int index, const char* name, DataType dtype) {
  const Tensor& t = ctx.Input(index);
  ctx.Check(t.size() == 1, std::string(name) + " must be a scalar, got shape " + ShapeToString(t.shape()));
  ctx.Check(t.dtype() == dtype, std::string(name) + " has type " + DataTypeName(t.dtype()) + ", start has " +
                                    DataTypeName(dtype));
  return t.AsDouble(0);
}

void RunRange(OpContext& ctx) {
  const DataType dtype = ctx.Input(0).dtype();
  ctx.Check(IsFloating(dtype) || IsSignedInteger(dtype), "inputs must be float or signed integer scalars, got " +
                                                             DataTypeName(dtype));
  if (IsFloating(dtype)) {
    const double start = Scalar(ctx, 0, "start", dtype);
    const double limit = Scalar(ctx, 1, "limit", dtype);
    const double delta = Scalar(ctx, 2, "delta", dtype);
    ctx.Check(delta != 0.0, "delta must not be 0");
    const double count = std::max(std::ceil((limit - start) / delta), 0.0);
    ctx.Check(std::isfinite(count), "the element count is not finite");
    const auto n = static_cast<int64_t>(count);
    Tensor out(dtype, {n});
    for (int64_t i = 0; i < n; ++i) out.reals()[i] = start + static_cast<double>(i) * delta;
    ctx.SetOutput(0, std::move(out));
    return;
  }
  Scalar(ctx, 1, "limit", dtype);  // type and shape checks
  Scalar(ctx, 2, "delta", dtype);
  const int64_t start = ctx.Input(0).AsInt64(0);
  const int64_t limit = ctx.Input(1).AsInt64(0);
  const int64_t delta = ctx.Input(2).AsInt64(0);
  ctx.Check(delta != 0, "delta must not be 0");
  // ceil((limit - start) / delta) with exact integers (the difference fits: inputs are at most 64-bit values
  // whose difference is taken in __int128).
  const __int128 span = static_cast<__int128>(limit) - start;
  __int128 count = span / delta;
  if (span % delta != 0 && ((span < 0) == (delta < 0))) ++count;
  if (count < 0) count = 0;
  const auto n = static_cast<int64_t>(count);
  Tensor out(dtype, {n});
  for (int64_t i = 0; i < n; ++i) out.ints()[i] = static_cast<int64_t>(start + static_cast<__int128>(i) * delta);
  out.WrapToDtype();
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Range").Versions({11, 27}).Int("stash_type", 1).Only(27).Run(RunRange));

}  // namespace parity::ref
