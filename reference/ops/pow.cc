// Pow: Z = X ^ Y with multidirectional broadcasting; Z has X's type.
//   Pow-1: as 7 with the opset-6 limited broadcast (broadcast/axis attributes, see core/legacy_broadcast.h).
//   Pow-7: X and Y of one float type (float16/float/double).
//   Pow-12: X int32/int64/float16/float/double, Y any numeric type (the types may differ).
//   Pow-13: adds bfloat16 for X.   Pow-15: adds bfloat16 for Y.
// Integer X with integer Y is an exact power by squaring that wraps like X's dtype (a negative exponent gives
// the truncated 1 / X^-Y: 1 for X = 1, +/-1 for X = -1, else 0). Integer X with a float Y is pow in double
// truncated toward zero. Float X computes pow in double.
#include <cmath>

#include "core/elementwise.h"
#include "core/legacy_broadcast.h"
#include "core/math_unary.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

int64_t IntegerPower(int64_t base, int64_t exponent) {
  if (exponent < 0) {
    if (base == 1) return 1;
    if (base == -1) return (exponent % 2 == 0) ? 1 : -1;
    return 0;
  }
  int64_t result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = WrappingMul(result, base);
    base = WrappingMul(base, base);
    exponent >>= 1;
  }
  return result;
}

// A value converted to int64 the way a float-to-int Cast truncates (non-finite values give 0).
int64_t TruncateToInt(double v) {
  if (!std::isfinite(v) || std::fabs(v) >= 9.2e18) return 0;
  return static_cast<int64_t>(std::trunc(v));
}

void RunPow(OpContext& ctx) {
  const auto [x, y] = LegacyBroadcastOperands(ctx);
  ctx.Check(StorageOf(x.dtype()) != StorageKind::kString && StorageOf(y.dtype()) != StorageKind::kString &&
                x.dtype() != DataType::kBool && y.dtype() != DataType::kBool,
            "X and Y must be numeric, got " + DataTypeName(x.dtype()) + " and " + DataTypeName(y.dtype()));
  if (ctx.version() < 12) {
    ctx.Check(x.dtype() == y.dtype() && IsFloating(x.dtype()),
              "Pow-" + std::to_string(ctx.version()) + " needs X and Y of the same float type, got " +
                  DataTypeName(x.dtype()) + " and " + DataTypeName(y.dtype()));
  }
  const Shape out_shape = BroadcastShapes(x.shape(), y.shape());
  Tensor z(x.dtype(), out_shape);
  const std::vector<double> yd = y.ToDoubleVector();
  if (IsFloating(x.dtype())) {
    const auto& xv = x.reals();
    auto& zv = z.reals();
    ForEachBroadcast(out_shape, {x.shape(), y.shape()},
                     [&](int64_t i, const std::vector<int64_t>& o) { zv[i] = std::pow(xv[o[0]], yd[o[1]]); });
  } else {
    const std::vector<int64_t> xi = x.ToInt64Vector();
    const bool integer_exponent = !IsFloating(y.dtype());
    const std::vector<int64_t> yi = integer_exponent ? y.ToInt64Vector() : std::vector<int64_t>();
    std::vector<int64_t> zi(ElementCount(out_shape));
    ForEachBroadcast(out_shape, {x.shape(), y.shape()}, [&](int64_t i, const std::vector<int64_t>& o) {
      zi[i] = integer_exponent ? IntegerPower(xi[o[0]], yi[o[1]])
                               : TruncateToInt(std::pow(static_cast<double>(xi[o[0]]), yd[o[1]]));
    });
    z = Tensor(DataType::kInt64, out_shape, std::move(zi)).WithDtype(x.dtype());
  }
  ctx.SetOutput(0, std::move(z));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Pow")
                        .Versions({1, 7, 12, 13, 15})
                        .Int("broadcast", 0)
                        .Only(1, 1)
                        .Attr("axis", AttrType::kInt)
                        .Only(1, 1)
                        .Run(RunPow));

}  // namespace parity::ref
