// Dropout: output = X (inference), or in training mode output = X * mask / (1 - ratio) with a random mask that
// keeps each element with probability 1 - ratio. The optional second output is the mask.
//   Dropout-7: ratio is a float attribute (default 0.5); always inference; mask has X's type (all ones).
//   Dropout-10: mask is BOOL.
//   Dropout-12: ratio becomes optional input 1 (scalar, default 0.5) and training_mode optional input 2 (BOOL
//   scalar, default false); the seed attribute (int, optional) seeds the mask's generator.
//   Dropout-13: adds bfloat16.   Dropout-22: adds the float8 types.
// Inference (training_mode false) or ratio 0 is the identity with an all-true mask. In training mode the mask is
// drawn exactly as ONNX's reference implementation and its node tests draw it: numpy's legacy MT19937 seeded
// with `seed` (0 when absent), mask = uniform[0, 1) >= ratio, element by element in row-major order; std::mt19937
// is the same generator and numpy's uniform double is (a >> 5, b >> 6) combined into 53 bits.
#include <random>

#include "core/op_context.h"

namespace parity::ref {
namespace {

// numpy's RandomState.random_sample(): a 53-bit double from two 32-bit draws.
double NumpyUniform(std::mt19937& engine) {
  const uint32_t a = engine() >> 5;
  const uint32_t b = engine() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

void SetInferenceOutputs(OpContext& ctx, const Tensor& x) {
  ctx.SetOutput(0, x);
  if (!ctx.OutputRequested(1)) return;
  // Dropout-7's mask has X's type; from Dropout-10 on it is BOOL.
  Tensor mask(ctx.version() < 10 ? x.dtype() : DataType::kBool, x.shape());
  VisitStorage(mask, [](auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (!std::is_same_v<T, std::string>) {
      for (auto& e : v) e = T{1};
    }
  });
  ctx.SetOutput(1, std::move(mask));
}

void RunDropout(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()), "input must be a floating-point tensor, got " + DataTypeName(x.dtype()));
  if (ctx.version() < 12) {
    SetInferenceOutputs(ctx, x);
    return;
  }
  double ratio = 0.5;
  if (ctx.HasInput(1)) {
    const Tensor& r = ctx.Input(1);
    ctx.Check(r.size() == 1 && IsFloating(r.dtype()), "ratio must be a floating-point scalar");
    ratio = r.AsDouble(0);
  }
  bool training = false;
  if (ctx.HasInput(2)) {
    const Tensor& t = ctx.Input(2);
    ctx.Check(t.size() == 1 && t.dtype() == DataType::kBool, "training_mode must be a BOOL scalar");
    training = t.AsInt64(0) != 0;
  }
  if (!training || ratio == 0.0) {
    SetInferenceOutputs(ctx, x);
    return;
  }
  ctx.Check(ratio > 0.0 && ratio < 1.0, "ratio must be in [0, 1) in training mode, got " + std::to_string(ratio));
  std::mt19937 engine(static_cast<uint32_t>(ctx.HasAttr("seed") ? ctx.GetInt("seed") : 0));
  const double scale = 1.0 / (1.0 - ratio);
  Tensor y(x.dtype(), x.shape());
  Tensor mask(DataType::kBool, x.shape());
  for (int64_t i = 0; i < x.size(); ++i) {
    const bool keep = NumpyUniform(engine) >= ratio;
    mask.ints()[i] = keep;
    y.reals()[i] = keep ? x.reals()[i] * scale : 0.0;
  }
  ctx.SetOutput(0, std::move(y));
  if (ctx.OutputRequested(1)) ctx.SetOutput(1, std::move(mask));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Dropout")
                        .Versions({7, 10, 12, 13, 22})
                        .Float("ratio", 0.5).Only(7, 10)
                        .Attr("seed", AttrType::kInt).Only(12)
                        .Run(RunDropout));

}  // namespace parity::ref
