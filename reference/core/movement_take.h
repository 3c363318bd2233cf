// Shared by the data-movement ops (Transpose, Slice, Gather*, Expand, Tile, Pad, DepthToSpace, TopK, ...): build an
// output by picking input elements by flat index, for any element type (numbers and strings alike).
#pragma once

#include <cstdint>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

// out[i] = src[index[i]] with out's shape `out_shape` and src's dtype. Indices must lie in [0, src.size()).
Tensor TakeElements(const Tensor& src, Shape out_shape, const std::vector<int64_t>& index);

// As TakeElements, but a negative index picks the single element of `fill` (same dtype as src) instead.
Tensor TakeElementsOrFill(const Tensor& src, Shape out_shape, const std::vector<int64_t>& index, const Tensor& fill);

// Copies src's flat elements [src_begin, src_begin + count) to dst's flat positions from dst_begin (same dtype).
// Used when one output is assembled from several inputs (Concat).
void CopyElements(const Tensor& src, int64_t src_begin, int64_t count, Tensor& dst, int64_t dst_begin);

// Calls visit(flat, coords) for every element of `shape` in row-major order (nothing for an empty shape; once
// with empty coords for a scalar).
template <typename Visit>
void ForEachCoord(const Shape& shape, Visit&& visit) {
  const int64_t count = ElementCount(shape);
  std::vector<int64_t> coords(shape.size(), 0);
  for (int64_t i = 0; i < count; ++i) {
    visit(i, static_cast<const std::vector<int64_t>&>(coords));
    for (size_t d = shape.size(); d-- > 0;) {
      if (++coords[d] < shape[d]) break;
      coords[d] = 0;
    }
  }
}

// Flat index into a tensor of shape `in_shape` for every element of `out_shape`, where source_of(out_coords,
// in_coords) fills the input coordinates that an output element reads. Feeds TakeElements.
template <typename SourceCoord>
std::vector<int64_t> SourceIndices(const Shape& out_shape, const Shape& in_shape, SourceCoord&& source_of) {
  std::vector<int64_t> strides(in_shape.size(), 1);
  for (size_t d = in_shape.size(); d-- > 1;) strides[d - 1] = strides[d] * in_shape[d];
  std::vector<int64_t> index(static_cast<size_t>(ElementCount(out_shape)));
  std::vector<int64_t> src(in_shape.size());
  ForEachCoord(out_shape, [&](int64_t i, const std::vector<int64_t>& c) {
    source_of(c, src);
    int64_t flat = 0;
    for (size_t d = 0; d < src.size(); ++d) flat += src[d] * strides[d];
    index[i] = flat;
  });
  return index;
}

}  // namespace parity::ref
