// Small helpers shared by op kernels: axis normalization, broadcasting, strides, element access.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/kernel.h"

namespace parity::rt {

inline int64_t NormAxis(const KernelBuilder& b, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1)) {
    b.Fail("axis " + std::to_string(axis) + " out of range for rank " + std::to_string(rank));
  }
  return axis < 0 ? axis + rank : axis;
}

// Highest rank the index-walking kernels support (their per-run index arrays live on the stack).
constexpr int kMaxRank = 8;

inline Dims Strides(const Dims& d) {
  Dims s(d.size(), 1);
  for (int i = static_cast<int>(d.size()) - 2; i >= 0; --i) s[i] = s[i + 1] * d[i + 1];
  return s;
}

// Numpy broadcasting of a and b; Fail()s on incompatible dims.
inline Dims BroadcastDims(const KernelBuilder& kb, const Dims& a, const Dims& b) {
  size_t r = std::max(a.size(), b.size());
  Dims out(r);
  for (size_t i = 0; i < r; ++i) {
    int64_t da = i < r - a.size() ? 1 : a[i - (r - a.size())];
    int64_t db = i < r - b.size() ? 1 : b[i - (r - b.size())];
    if (da != db && da != 1 && db != 1) {
      kb.Fail("cannot broadcast " + DimsToString(a) + " with " + DimsToString(b));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

// Strides of `in` (right-aligned) when read at coordinates of `out`: 0 along broadcast axes.
inline Dims BroadcastStrides(const Dims& in, const Dims& out) {
  Dims s(out.size(), 0);
  Dims own = Strides(in);
  size_t off = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) s[off + i] = in[i] == 1 ? 0 : own[i];
  return s;
}

// The kernel needs constant inputs to stay alive: keep their shared pointers.
inline ConstPtr KeepConst(const KernelBuilder& b, int i) {
  return b.has_input(i) ? b.in(i).data : nullptr;
}

// Copies n bytes unless source and destination are the same buffer (aliased by the planner).
inline void CopyIfDistinct(void* dst, const void* src, size_t n) {
  if (dst != src && n) std::memmove(dst, src, n);
}

inline std::vector<int64_t> IntsOrAttr(const KernelBuilder& b, int input, const char* attr, const char* what) {
  if (b.has_input(input)) return b.ConstInts(input, what);
  return b.node().AttrInts(attr);
}

}  // namespace parity::rt
