#include "core/control_flow_util.h"

#include <string>
#include <type_traits>
#include <variant>

#include "parity/reference/error.h"

namespace parity::ref {

namespace {

// Product of dims [from, to).
int64_t DimProduct(const Shape& shape, size_t from, size_t to) {
  int64_t p = 1;
  for (size_t i = from; i < to; ++i) p *= shape[i];
  return p;
}

}  // namespace

Tensor SliceAlongAxis(const Tensor& t, int64_t axis, int64_t start, int64_t length) {
  const Shape& in_shape = t.shape();
  if (axis < 0 || axis >= t.rank()) throw Error("slice axis " + std::to_string(axis) + " out of range");
  if (start < 0 || length < 0 || start + length > in_shape[axis]) {
    throw Error("slice [" + std::to_string(start) + ", " + std::to_string(start + length) + ") exceeds dim " +
                std::to_string(in_shape[axis]) + " of shape " + ShapeToString(in_shape));
  }
  Shape out_shape = in_shape;
  out_shape[axis] = length;
  Tensor out(t.dtype(), out_shape);
  const int64_t outer = DimProduct(in_shape, 0, axis);
  const int64_t inner = DimProduct(in_shape, axis + 1, in_shape.size());
  const int64_t in_dim = in_shape[axis];
  VisitStorage(t, [&](const auto& src) {
    using Vec = std::decay_t<decltype(src)>;
    auto& dst = std::get<Vec>(out.storage());
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t src_base = (o * in_dim + start) * inner;
      const int64_t dst_base = o * length * inner;
      for (int64_t i = 0; i < length * inner; ++i) dst[dst_base + i] = src[src_base + i];
    }
  });
  return out;
}

Tensor TakeAlongAxis(const Tensor& t, int64_t axis, int64_t index) {
  Tensor slice = SliceAlongAxis(t, axis, index, 1);
  Shape shape = t.shape();
  shape.erase(shape.begin() + axis);
  return slice.Reshaped(shape);
}

Tensor ConcatAlongAxis(const std::vector<Tensor>& parts, int64_t axis) {
  if (parts.empty()) throw Error("cannot concatenate zero tensors");
  const Tensor& first = parts[0];
  if (axis < 0 || axis >= first.rank()) throw Error("concat axis " + std::to_string(axis) + " out of range");
  Shape out_shape = first.shape();
  out_shape[axis] = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    const Tensor& part = parts[p];
    bool same = part.dtype() == first.dtype() && part.rank() == first.rank();
    for (int64_t d = 0; same && d < first.rank(); ++d) same = d == axis || part.shape()[d] == first.shape()[d];
    if (!same) {
      throw Error("tensor " + std::to_string(p) + " (" + DataTypeName(part.dtype()) + " " +
                  ShapeToString(part.shape()) + ") does not match tensor 0 (" + DataTypeName(first.dtype()) + " " +
                  ShapeToString(first.shape()) + ") outside concat axis " + std::to_string(axis));
    }
    out_shape[axis] += part.shape()[axis];
  }
  Tensor out(first.dtype(), out_shape);
  const int64_t outer = DimProduct(out_shape, 0, axis);
  const int64_t inner = DimProduct(out_shape, axis + 1, out_shape.size());
  VisitStorage(out, [&](auto& dst) {
    using Vec = std::decay_t<decltype(dst)>;
    int64_t offset = 0;  // position along the concat axis where the current part starts
    for (const Tensor& part : parts) {
      const auto& src = std::get<Vec>(part.storage());
      const int64_t len = part.shape()[axis];
      for (int64_t o = 0; o < outer; ++o) {
        const int64_t dst_base = (o * out_shape[axis] + offset) * inner;
        const int64_t src_base = o * len * inner;
        for (int64_t i = 0; i < len * inner; ++i) dst[dst_base + i] = src[src_base + i];
      }
      offset += len;
    }
  });
  return out;
}

Tensor StackAlongAxis(const std::vector<Tensor>& parts, int64_t axis) {
  if (parts.empty()) throw Error("cannot stack zero tensors");
  const Shape& shape = parts[0].shape();
  if (axis < 0 || axis > static_cast<int64_t>(shape.size())) {
    throw Error("stack axis " + std::to_string(axis) + " out of range");
  }
  std::vector<Tensor> expanded;
  expanded.reserve(parts.size());
  for (size_t p = 0; p < parts.size(); ++p) {
    if (parts[p].shape() != shape) {
      throw Error("tensor " + std::to_string(p) + " has shape " + ShapeToString(parts[p].shape()) + ", tensor 0 has " +
                  ShapeToString(shape) + "; stacked tensors must share a shape");
    }
    Shape with_axis = shape;
    with_axis.insert(with_axis.begin() + axis, 1);
    expanded.push_back(parts[p].Reshaped(with_axis));
  }
  return ConcatAlongAxis(expanded, axis);
}

}  // namespace parity::ref
