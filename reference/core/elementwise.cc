#include "core/elementwise.h"

#include <algorithm>

namespace parity::ref {

Shape BroadcastShapes(const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      throw Error("shapes " + ShapeToString(a) + " and " + ShapeToString(b) + " cannot be broadcast together");
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

Shape BroadcastShapes(const std::vector<Shape>& shapes) {
  Shape out;
  for (const Shape& s : shapes) out = BroadcastShapes(out, s);
  return out;
}

std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out) {
  if (in.size() > out.size()) {
    throw Error("cannot broadcast " + ShapeToString(in) + " to " + ShapeToString(out));
  }
  std::vector<int64_t> strides(out.size(), 0);
  int64_t stride = 1;
  for (size_t k = in.size(); k-- > 0;) {
    const size_t d = k + (out.size() - in.size());
    if (in[k] == out[d]) {
      strides[d] = stride;
    } else if (in[k] != 1) {
      throw Error("cannot broadcast " + ShapeToString(in) + " to " + ShapeToString(out));
    }
    stride *= in[k];
  }
  return strides;
}

int64_t NormalizeAxis(int64_t axis, int64_t rank, const char* what) {
  if (axis < -rank || axis >= rank) {
    throw Error(std::string(what) + " " + std::to_string(axis) + " is out of range [" + std::to_string(-rank) + ", " +
                std::to_string(rank - 1) + "] for rank " + std::to_string(rank));
  }
  return axis < 0 ? axis + rank : axis;
}

std::vector<int64_t> NormalizeAxes(const std::vector<int64_t>& axes, int64_t rank, const char* what) {
  std::vector<int64_t> out;
  out.reserve(axes.size());
  for (int64_t a : axes) {
    const int64_t n = NormalizeAxis(a, rank, what);
    if (std::find(out.begin(), out.end(), n) != out.end()) {
      throw Error(std::string(what) + " lists axis " + std::to_string(a) + " twice");
    }
    out.push_back(n);
  }
  return out;
}

std::vector<int64_t> StridesOf(const Shape& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

}  // namespace parity::ref
