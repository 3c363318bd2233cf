// Strided views of a contiguous tensor: element (i0, i1, ...) of the view is at offset + sum(ik * strides[k]) in
// the tensor's storage. Shared by the fold_matmul_views pass, which composes Transpose / Reshape / Slice into a
// view instead of copying, and by parity.StridedMatMul, which reads its operands and writes its result through
// views. Offsets and strides are in elements.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/buffer.h"

namespace parity::rt {

struct StridedView {
  int64_t offset = 0;
  Dims dims;
  Dims strides;
};

// The whole of a contiguous (row-major) tensor.
inline StridedView ContiguousView(const Dims& dims) {
  StridedView v{0, dims, Dims(dims.size(), 1)};
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) v.strides[i] = v.strides[i + 1] * dims[i + 1];
  return v;
}

// Reshapes view v to new_dims without moving data (numpy's no-copy reshape): the old dims are matched to the new
// ones in groups of equal products, and each group of old dims must be contiguous among itself. Size-1 dims
// never constrain anything. False when the reshape would need a copy, or for empty tensors.
inline bool ReshapeView(const StridedView& v, const Dims& new_dims, StridedView* out) {
  Dims od, os;
  for (size_t i = 0; i < v.dims.size(); ++i) {
    if (v.dims[i] <= 0) return false;
    if (v.dims[i] != 1) od.push_back(v.dims[i]), os.push_back(v.strides[i]);
  }
  int64_t total = 1;
  for (int64_t d : new_dims) {
    if (d <= 0) return false;
    total *= d;
  }
  int64_t old_total = 1;
  for (int64_t d : od) old_total *= d;
  if (total != old_total) return false;
  Dims ns(new_dims.size(), 1);
  const size_t nn = new_dims.size(), on = od.size();
  size_t ni = 0, oi = 0;
  while (ni < nn && oi < on) {
    size_t nj = ni + 1, oj = oi + 1;
    int64_t np = new_dims[ni], op = od[oi];
    while (np != op) {
      if (np < op) {
        np *= new_dims[nj++];
      } else {
        op *= od[oj++];
      }
    }
    for (size_t k = oi; k + 1 < oj; ++k) {
      if (os[k] != od[k + 1] * os[k + 1]) return false;
    }
    ns[nj - 1] = os[oj - 1];
    for (size_t k = nj - 1; k > ni; --k) ns[k - 1] = ns[k] * new_dims[k];
    ni = nj;
    oi = oj;
  }
  *out = StridedView{v.offset, new_dims, ns};
  return true;
}

// Dims permuted like Transpose(perm): out dim i is in dim perm[i].
inline StridedView TransposeView(const StridedView& v, const std::vector<int64_t>& perm) {
  StridedView t{v.offset, Dims(perm.size()), Dims(perm.size())};
  for (size_t i = 0; i < perm.size(); ++i) {
    t.dims[i] = v.dims[perm[i]];
    t.strides[i] = v.strides[perm[i]];
  }
  return t;
}

// How the GEMM reads a rows x cols matrix with row stride rs and column stride cs: plain with leading dimension
// ld (unit column stride), or transposed (unit row stride). False when neither fits or rows would overlap.
inline bool GemmLayout(int64_t rows, int64_t cols, int64_t rs, int64_t cs, bool* trans, int64_t* ld) {
  if (cols == 1 || cs == 1) {
    *trans = false;
    *ld = rows == 1 ? cols : rs;
    if (*ld >= cols) return true;
  }
  if (rows == 1 || rs == 1) {
    *trans = true;
    *ld = cols == 1 ? rows : cs;
    if (*ld >= rows) return true;
  }
  return false;
}

// True when every element of the view lies inside a tensor of `size` elements (strides are non-negative).
inline bool ViewInBounds(const StridedView& v, int64_t size) {
  if (v.offset < 0 || v.dims.size() != v.strides.size()) return false;
  int64_t last = v.offset;
  for (size_t i = 0; i < v.dims.size(); ++i) {
    if (v.dims[i] <= 0 || v.strides[i] < 0) return false;
    last += (v.dims[i] - 1) * v.strides[i];
  }
  return last < size;
}

// True when the view visits each element of a `size`-element tensor exactly once (a permutation of a contiguous
// layout), so writing through it fully defines the tensor.
inline bool ViewCoversExactly(const StridedView& v, int64_t size) {
  if (v.offset != 0 || v.dims.size() != v.strides.size()) return false;
  std::vector<std::pair<int64_t, int64_t>> by_stride;  // (stride, dim) of the dims that matter
  int64_t elems = 1;
  for (size_t i = 0; i < v.dims.size(); ++i) {
    elems *= v.dims[i];
    if (v.dims[i] != 1) by_stride.emplace_back(v.strides[i], v.dims[i]);
  }
  if (elems != size) return false;
  std::sort(by_stride.begin(), by_stride.end());
  int64_t expect = 1;
  for (const auto& [stride, dim] : by_stride) {
    if (stride != expect) return false;
    expect *= dim;
  }
  return true;
}

}  // namespace parity::rt
