// EyeLike: a 2-D tensor shaped like the input with ones on the k-th diagonal (k > 0 above, k < 0 below the main
// one) and zeros elsewhere; the element type is `dtype` if given, else the input's.
//   EyeLike-9.   EyeLike-22: adds bfloat16.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunEyeLike(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() == 2, "input must be 2-D, got " + ShapeToString(x.shape()));
  const DataType dtype =
      ctx.HasAttr("dtype") ? DataTypeFromOnnx(static_cast<int32_t>(ctx.GetInt("dtype"))) : x.dtype();
  ctx.Check(dtype != DataType::kString, "EyeLike cannot produce strings");
  const int64_t k = ctx.GetInt("k");
  const int64_t rows = x.shape()[0];
  const int64_t cols = x.shape()[1];
  Tensor out(dtype, x.shape());
  VisitStorage(out, [&](auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (!std::is_same_v<T, std::string>) {
      for (int64_t i = 0; i < rows; ++i) {
        const int64_t j = i + k;
        if (j >= 0 && j < cols) v[i * cols + j] = T{1};
      }
    }
  });
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("EyeLike")
                        .Versions({9, 22})
                        .Attr("dtype", AttrType::kInt)
                        .Int("k", 0)
                        .Run(RunEyeLike));

}  // namespace parity::ref
