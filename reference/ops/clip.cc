// Clip: y = min(max(x, min), max) elementwise; when min > max every element becomes max.
//   Clip-6: bounds are the float attributes min (default -FLT_MAX) and max (default FLT_MAX); float16/float/
//   double.
//   Clip-11: bounds are optional scalar inputs 1 (min) and 2 (max) of x's type; an omitted bound does not clip.
//   Clip-12: adds the integer types.   Clip-13: adds bfloat16.
// NaN inputs stay NaN.
#include <cmath>
#include <limits>

#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// The bound given as input `index` (a one-element tensor of x's type), or nothing when omitted.
const Tensor* BoundInput(const OpContext& ctx, int index, const Tensor& x, const char* name) {
  if (!ctx.HasInput(index)) return nullptr;
  const Tensor& bound = ctx.Input(index);
  ctx.Check(bound.size() == 1, std::string(name) + " must hold one value, got shape " + ShapeToString(bound.shape()));
  ctx.Check(bound.dtype() == x.dtype(), std::string(name) + " has type " + DataTypeName(bound.dtype()) +
                                            ", input has " + DataTypeName(x.dtype()));
  return &bound;
}

template <typename T>
T ClipValue(T v, const T* lo, const T* hi) {
  if constexpr (std::is_same_v<T, double>) {
    if (std::isnan(v)) return v;
  }
  if (lo != nullptr && v < *lo) v = *lo;
  if (hi != nullptr && v > *hi) v = *hi;
  return v;
}

void RunClip(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  if (ctx.version() < 11) {
    ctx.Check(IsFloating(x.dtype()), "Clip-6 needs a floating-point input, got " + DataTypeName(x.dtype()));
    const double lo = ctx.GetFloat("min");
    const double hi = ctx.GetFloat("max");
    ctx.SetOutput(0, MapReal(x, "Clip", [&](double v) { return ClipValue(v, &lo, &hi); }));
    return;
  }
  ctx.Check(StorageOf(x.dtype()) != StorageKind::kString && x.dtype() != DataType::kBool,
            "input must be numeric, got " + DataTypeName(x.dtype()));
  ctx.Check(ctx.version() >= 12 || IsFloating(x.dtype()), "integer inputs need Clip-12 or later");
  const Tensor* lo = BoundInput(ctx, 1, x, "min");
  const Tensor* hi = BoundInput(ctx, 2, x, "max");
  Tensor out = x;
  VisitNumeric(x, [&](const auto& xv) {
    using T = typename std::decay_t<decltype(xv)>::value_type;
    const T* lo_value = lo ? &std::get<std::vector<T>>(lo->storage())[0] : nullptr;
    const T* hi_value = hi ? &std::get<std::vector<T>>(hi->storage())[0] : nullptr;
    auto& ov = std::get<std::vector<T>>(out.storage());
    for (auto& v : ov) v = ClipValue(v, lo_value, hi_value);
  });
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Clip")
                        .Versions({6, 11, 12, 13})
                        .Float("min", -std::numeric_limits<float>::max()).Only(6, 6)
                        .Float("max", std::numeric_limits<float>::max()).Only(6, 6)
                        .Run(RunClip));

}  // namespace parity::ref
