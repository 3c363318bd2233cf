#include "core/movement_scatter.h"

#include <algorithm>
#include <type_traits>

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
          case Mode::kNone: dst = uv[k]; break;
          case Mode::kAdd: dst = dst + uv[k]; break;
          case Mode::kMul: dst = dst * uv[k]; break;
          case Mode::kMax: dst = std::max(dst, uv[k]); break;
          case Mode::kMin: dst = std::min(dst, uv[k]); break;
        }
      }
    }
  });
  out.WrapToDtype();
  return out;
}

}  // namespace parity::ref
