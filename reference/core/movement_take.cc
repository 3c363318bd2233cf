#include "core/movement_take.h"

#include <algorithm>
#include <string>
#include <utility>

#include "parity/reference/error.h"

namespace parity::ref {

Tensor TakeElements(const Tensor& src, Shape out_shape, const std::vector<int64_t>& index) {
  Tensor out(src.dtype(), std::move(out_shape));
  if (static_cast<int64_t>(index.size()) != out.size()) throw Error("TakeElements: index count mismatch");
  VisitStorage(src, [&](const auto& sv) {
    using Vec = std::decay_t<decltype(sv)>;
    auto& ov = std::get<Vec>(out.storage());
    for (size_t i = 0; i < index.size(); ++i) ov[i] = sv[index[i]];
  });
  return out;
}

Tensor TakeElementsOrFill(const Tensor& src, Shape out_shape, const std::vector<int64_t>& index, const Tensor& fill) {
  if (fill.dtype() != src.dtype() || fill.size() != 1) {
    throw Error("fill value must be one element of type " + DataTypeName(src.dtype()));
  }
  Tensor out(src.dtype(), std::move(out_shape));
  if (static_cast<int64_t>(index.size()) != out.size()) throw Error("TakeElementsOrFill: index count mismatch");
  VisitStorage(src, [&](const auto& sv) {
    using Vec = std::decay_t<decltype(sv)>;
    auto& ov = std::get<Vec>(out.storage());
    const auto& fv = std::get<Vec>(fill.storage())[0];
    for (size_t i = 0; i < index.size(); ++i) ov[i] = index[i] < 0 ? fv : sv[index[i]];
  });
  return out;
}

void CopyElements(const Tensor& src, int64_t src_begin, int64_t count, Tensor& dst, int64_t dst_begin) {
  if (src.dtype() != dst.dtype()) {
    throw Error("cannot combine " + DataTypeName(src.dtype()) + " with " + DataTypeName(dst.dtype()));
  }
  VisitStorage(src, [&](const auto& sv) {
    using Vec = std::decay_t<decltype(sv)>;
    auto& dv = std::get<Vec>(dst.storage());
    std::copy(sv.begin() + src_begin, sv.begin() + src_begin + count, dv.begin() + dst_begin);
  });
}

}  // namespace parity::ref
