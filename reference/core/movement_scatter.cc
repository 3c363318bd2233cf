#include "core/movement_scatter.h"

#include <algorithm>
#include <type_traits>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "parity/reference/error.h"

namespace parity::ref {

Tensor ScatterInto(const Tensor& data, const Tensor& updates, const std::vector<int64_t>& target,
                   const std::string& reduction) {
  if (data.dtype() != updates.dtype()) {
    throw Error("updates type " + DataTypeName(updates.dtype()) + " differs from data type " +
                DataTypeName(data.dtype()));
  }
  enum class Mode { kNone, kAdd, kMul, kMax, kMin };
  Mode mode;
  if (reduction == "none") {
    mode = Mode::kNone;
  } else if (reduction == "add") {
    mode = Mode::kAdd;
  } else if (reduction == "mul") {
    mode = Mode::kMul;
  } else if (reduction == "max") {
    mode = Mode::kMax;
  } else if (reduction == "min") {
    mode = Mode::kMin;
  } else {
    throw Error("unknown reduction '" + reduction + "'");
  }
  Tensor out = data;
  VisitStorage(out, [&](auto& ov) {
    using Vec = std::decay_t<decltype(ov)>;
    using T = typename Vec::value_type;
    const auto& uv = std::get<Vec>(updates.storage());
    for (size_t k = 0; k < target.size(); ++k) {
      T& dst = ov[target[k]];
      if constexpr (std::is_same_v<T, std::string>) {
        if (mode != Mode::kNone) throw Error("reduction '" + reduction + "' does not apply to strings");
        dst = uv[k];
      } else {
        switch (mode) {
          case Mode::kNone:
            dst = uv[k];
            break;
          case Mode::kAdd:
            dst = dst + uv[k];
            break;
          case Mode::kMul:
            dst = dst * uv[k];
            break;
          case Mode::kMax:
            dst = std::max(dst, uv[k]);
            break;
          case Mode::kMin:
            dst = std::min(dst, uv[k]);
            break;
        }
      }
    }
  });
  out.WrapToDtype();
  return out;
}

Tensor ScatterAlongAxis(const OpContext& ctx, const std::string& reduction) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  const Tensor& updates = ctx.Input(2);
  ctx.Check(indices.shape() == updates.shape(), "indices and updates must have the same shape");
  ctx.Check(indices.rank() == data.rank() && data.rank() >= 1, "indices must have data's rank");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), data.rank());
  const int64_t dim = data.shape()[axis];
  for (int64_t d = 0; d < data.rank(); ++d) {
    ctx.Check(d == axis || indices.shape()[d] <= data.shape()[d], "indices shape exceeds data shape");
  }
  const std::vector<int64_t> idx = indices.ToInt64Vector();
  const auto target = SourceIndices(
      indices.shape(), data.shape(),
      [&, i = int64_t{0}](const std::vector<int64_t>& c, std::vector<int64_t>& dst) mutable {
        dst = c;
        const int64_t v = idx[i++];
        if (v < -dim || v >= dim) {
          ctx.Fail("index " + std::to_string(v) + " is out of range for dimension " + std::to_string(dim));
        }
        dst[axis] = v < 0 ? v + dim : v;
      });
  return ScatterInto(data, updates, target, reduction);
}

}  // namespace parity::ref
