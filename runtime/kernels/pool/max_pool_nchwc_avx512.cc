// MaxPool (and AveragePool) rows of channel-blocked tensors, AVX-512: one zmm holds the 16 channels of a pixel,
// so a window reduction is one vector max (or add) per tap.
//
// Sliding path (MaxPool, dilation_w 1, stride_w 1 or 2, kernel width 2 or 3: the CNN pooling layers): groups of
// 8 output columns, 8 independent chains that hide the max latency. Within a kernel row the (8 - 1) * stride + KW
// inputs of a group are each loaded once and combined into every column whose window holds them
// (input-stationary), 17 loads instead of 24 for 3x3 stride 2. Groups that reach into the padding or past the
// input (ceil mode), and the narrow last groups, skip their out-of-range inputs with predictable branches.
// General path (AveragePool, dilations, strides >= 3, other widths): interior columns 8 at a time with one load
// per tap, edge columns one at a time over their in-image taps.
//
// The max is _mm512_max_ps(tap, acc), which keeps acc unless tap > acc: bit-identical to std::max(acc, tap) of
// the portable loop, NaN and signed-zero ties included, because every column still sees its taps in (ky, kx)
// order. Sums run in that order too and are divided (not multiplied by a reciprocal), so AveragePool is
// bit-identical as well.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>
#include <limits>

#include "kernels/pool/pool_ukernels.h"

#define PARITY_POOL_INLINE __attribute__((always_inline)) inline

namespace parity::rt {
namespace {

constexpr int kB = 16;  // channels per block (one zmm)

struct PoolCtx {
  const float* x;
  float* y;
  int64_t iy0;       // input row of kernel row 0 (may be negative)
  int64_t ky0, ky1;  // kernel rows whose input row is inside the image: [ky0, ky1)
  int64_t in_w, kw, sw, dh, dw, pl;
  float row_extent;  // AveragePool divisor factor of the rows: in-image rows, or the clipped padded window
  const PoolNchwcRowArgs* args;
};

// ceil(a / step) for a >= 0, step >= 1: strides and dilations are almost always 1 or 2, and a 64-bit division
// takes tens of cycles, as much as a short row of taps.
int64_t CeilDiv(int64_t a, int64_t step) {
  if (step == 1) return a;
  if (step == 2) return (a + 1) >> 1;
  return (a + step - 1) / step;
}

// First k in [0, n) with base + k * step >= 0, and one past the last k with base + k * step < limit (step >= 1).
void ValidTaps(int64_t base, int64_t step, int64_t n, int64_t limit, int64_t* k0, int64_t* k1) {
  int64_t lo = base >= 0 ? 0 : CeilDiv(-base, step);
  int64_t hi = base >= limit ? 0 : CeilDiv(limit - base, step);
  if (lo > n) lo = n;
  if (hi > n) hi = n;
  if (hi < lo) hi = lo;
  *k0 = lo;
  *k1 = hi;
}

// A loaded vector kept in a register: without the barrier GCC folds each use back into a memory operand, one
// load per tap, and the loads are the bottleneck here.
PARITY_POOL_INLINE __m512 LoadKeep(const float* p) {
  __m512 v = _mm512_loadu_ps(p);
  __asm__("" : "+v"(v));
  return v;
}

template <bool kMax>
PARITY_POOL_INLINE __m512 Combine(__m512 tap, __m512 acc) {
  if constexpr (kMax) {
    return _mm512_max_ps(tap, acc);
  } else {
    return _mm512_add_ps(acc, tap);
  }
}

template <bool kMax>
PARITY_POOL_INLINE __m512 Init() {
  return kMax ? _mm512_set1_ps(-std::numeric_limits<float>::infinity()) : _mm512_setzero_ps();
}

// AveragePool: acc / denom, or 0 when the window has nothing to average.
PARITY_POOL_INLINE __m512 Divide(__m512 acc, float denom) {
  return denom != 0.0f ? _mm512_div_ps(acc, _mm512_set1_ps(denom)) : _mm512_setzero_ps();
}

// AveragePool divisor of column ox: in-image taps, or (count_include_pad) the undilated window clipped to the
// padded extent, the same formula as the portable loops.
float Denominator(const PoolCtx& c, int64_t ox, int64_t kx0, int64_t kx1) {
  const PoolNchwcRowArgs& a = *c.args;
  if (!a.count_include_pad) return c.row_extent * static_cast<float>(kx1 - kx0);
  const int64_t x0 = ox * a.stride_w - a.pad_left;
  const int64_t x1 = x0 + a.kernel_w < a.in_w + a.pad_right ? x0 + a.kernel_w : a.in_w + a.pad_right;
  return c.row_extent * static_cast<float>(x1 - (x0 > -a.pad_left ? x0 : -a.pad_left));
}

// ---- Sliding path ----

// Bit i set when input column ix0 + i lies in [0, in_w), for i < n <= 64.
uint64_t InputBits(int64_t ix0, int64_t in_w, int n) {
  int64_t lo = -ix0, hi = in_w - ix0;  // valid i: lo <= i < hi
  if (lo < 0) lo = 0;
  if (hi > n) hi = n;
  if (hi <= lo) return 0;
  const uint64_t upper = hi >= 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1;
  return upper & ~((uint64_t{1} << lo) - 1);
}

// kCols output columns from ox, input-stationary: input i (column ix0 + i) is combined into column
// j = (i - kx) / SW for each tap kx that reads it; a column sees its taps in (ky, kx) order. kMasked: inputs
// outside the row are skipped, and their addresses are never formed.
template <bool kMax, int KW, int SW, int kCols, bool kMasked>
PARITY_POOL_INLINE void SlidingGroup(const PoolCtx& c, int64_t ox) {
  constexpr int kInputs = (kCols - 1) * SW + KW;
  __m512 acc[kCols];
#pragma GCC unroll 8
  for (int j = 0; j < kCols; ++j) acc[j] = Init<kMax>();
  const int64_t ix0 = ox * SW - c.pl;
  const uint64_t bits = kMasked ? InputBits(ix0, c.in_w, kInputs) : 0;
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* row = c.x + (c.iy0 + ky * c.dh) * c.in_w * kB;
#pragma GCC unroll 32
    for (int i = 0; i < kInputs; ++i) {
      if (kMasked && ((bits >> i) & 1) == 0) continue;
      const __m512 xv = LoadKeep(row + (ix0 + i) * kB);
#pragma GCC unroll 4
      for (int kx = 0; kx < KW; ++kx) {
        const int j = (i - kx) / SW;
        if (i >= kx && (i - kx) % SW == 0 && j < kCols) acc[j] = Combine<kMax>(xv, acc[j]);
      }
    }
  }
#pragma GCC unroll 8
  for (int j = 0; j < kCols; ++j) _mm512_storeu_ps(c.y + (ox + j) * kB, acc[j]);
}

// A group of n (1..8) columns that may reach outside the input: edges, ceil-mode overhang and the narrow last
// groups. Out of line: one copy per width is a lot of code.
template <bool kMax, int KW, int SW>
__attribute__((noinline)) void MaskedGroup(const PoolCtx& ctx, int64_t ox, int64_t n) {
  const PoolCtx c = ctx;  // not aliased by the stores (see SlidingRow)
  switch (n) {
    case 1:
      return SlidingGroup<kMax, KW, SW, 1, true>(c, ox);
    case 2:
      return SlidingGroup<kMax, KW, SW, 2, true>(c, ox);
    case 3:
      return SlidingGroup<kMax, KW, SW, 3, true>(c, ox);
    case 4:
      return SlidingGroup<kMax, KW, SW, 4, true>(c, ox);
    case 5:
      return SlidingGroup<kMax, KW, SW, 5, true>(c, ox);
    case 6:
      return SlidingGroup<kMax, KW, SW, 6, true>(c, ox);
    case 7:
      return SlidingGroup<kMax, KW, SW, 7, true>(c, ox);
    default:
      return SlidingGroup<kMax, KW, SW, 8, true>(c, ox);
  }
}

// Width of the group starting `left` columns before the end of the row: 8, except that the last 9..15 columns
// become two groups of >= 4 (a 1- or 2-column group would be one latency-bound chain).
int64_t GroupWidth(int64_t left) {
  return left >= 16 ? 8 : left > 8 ? (left + 1) / 2 : left;
}

// The whole output row: leading groups that reach into the left padding, the clean 8-column groups, the rest.
template <bool kMax, int KW, int SW>
void SlidingRow(const PoolCtx& ctx, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  // A private copy: the output stores (may_alias vector types) could otherwise alias `ctx`, forcing a reload of
  // every field after each store.
  const PoolCtx c = ctx;
  int64_t ox = 0;
  for (; ox < out_w && ox < ox_in0; ox += GroupWidth(out_w - ox)) {
    MaskedGroup<kMax, KW, SW>(c, ox, GroupWidth(out_w - ox));
  }
  for (; GroupWidth(out_w - ox) == 8 && ox + 8 <= ox_in1; ox += 8) SlidingGroup<kMax, KW, SW, 8, false>(c, ox);
  for (; ox < out_w; ox += GroupWidth(out_w - ox)) MaskedGroup<kMax, KW, SW>(c, ox, GroupWidth(out_w - ox));
}

template <bool kMax, int KW>
void SlidingStrides(const PoolCtx& c, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  if (c.sw == 1) return SlidingRow<kMax, KW, 1>(c, ox_in0, ox_in1, out_w);
  SlidingRow<kMax, KW, 2>(c, ox_in0, ox_in1, out_w);
}

// MaxPool only (AveragePool keeps the general path: its per-column division dominates, and sliding copies would
// double the code of this file). False when the sliding path does not cover the geometry.
bool SlidingMax(const PoolCtx& c, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  if (c.dw != 1 || (c.sw != 1 && c.sw != 2)) return false;
  if (c.kw == 3) return SlidingStrides<true, 3>(c, ox_in0, ox_in1, out_w), true;
  if (c.kw == 2) return SlidingStrides<true, 2>(c, ox_in0, ox_in1, out_w), true;
  return false;
}

// ---- General path ----

// kCols interior columns from ox. SW > 0: compile-time column stride (immediate displacements).
template <bool kMax, int SW, int kCols>
PARITY_POOL_INLINE void Group(const PoolCtx& c, int64_t ox, float denom) {
  __m512 acc[kCols];
#pragma GCC unroll 8
  for (int j = 0; j < kCols; ++j) acc[j] = Init<kMax>();
  const float* col = c.x + (ox * c.sw - c.pl) * kB;
  const int64_t col_step = (SW > 0 ? SW : c.sw) * kB, tap_step = c.dw * kB;
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* p = col + (c.iy0 + ky * c.dh) * c.in_w * kB;
    for (int64_t kx = 0; kx < c.kw; ++kx) {
      const float* q = p + kx * tap_step;
#pragma GCC unroll 8
      for (int j = 0; j < kCols; ++j) acc[j] = Combine<kMax>(_mm512_loadu_ps(q + j * col_step), acc[j]);
    }
  }
#pragma GCC unroll 8
  for (int j = 0; j < kCols; ++j) {
    if constexpr (!kMax) acc[j] = Divide(acc[j], denom);
    _mm512_storeu_ps(c.y + (ox + j) * kB, acc[j]);
  }
}

template <bool kMax, int SW>
void Interior(const PoolCtx& ctx, int64_t ox0, int64_t ox1, float denom) {
  const PoolCtx c = ctx;  // not aliased by the stores (see SlidingRow)
  int64_t ox = ox0;
  for (; ox + 8 <= ox1; ox += 8) Group<kMax, SW, 8>(c, ox, denom);
  if (ox + 4 <= ox1) {
    Group<kMax, SW, 4>(c, ox, denom);
    ox += 4;
  }
  if (ox + 2 <= ox1) {
    Group<kMax, SW, 2>(c, ox, denom);
    ox += 2;
  }
  if (ox < ox1) Group<kMax, SW, 1>(c, ox, denom);
}

// One edge column: only its in-image horizontal taps [kx0, kx1).
template <bool kMax>
void EdgeColumn(const PoolCtx& c, int64_t ox, int64_t kx0, int64_t kx1, float denom) {
  const int64_t ix0 = ox * c.sw - c.pl;
  __m512 acc = Init<kMax>();
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* row = c.x + (c.iy0 + ky * c.dh) * c.in_w * kB;
    for (int64_t kx = kx0; kx < kx1; ++kx) acc = Combine<kMax>(_mm512_loadu_ps(row + (ix0 + kx * c.dw) * kB), acc);
  }
  if constexpr (!kMax) acc = Divide(acc, denom);
  _mm512_storeu_ps(c.y + ox * kB, acc);
}

template <bool kMax>
void Row(const PoolNchwcRowArgs& a) {
  PoolCtx c;
  c.x = a.x;
  c.y = a.y;
  c.iy0 = a.oy * a.stride_h - a.pad_top;
  ValidTaps(c.iy0, a.dilation_h, a.kernel_h, a.in_h, &c.ky0, &c.ky1);
  c.in_w = a.in_w;
  c.kw = a.kernel_w;
  c.sw = a.stride_w;
  c.dh = a.dilation_h;
  c.dw = a.dilation_w;
  c.pl = a.pad_left;
  c.args = &a;
  c.row_extent = static_cast<float>(c.ky1 - c.ky0);
  if (a.count_include_pad) {
    const int64_t y1 = c.iy0 + a.kernel_h < a.in_h + a.pad_bottom ? c.iy0 + a.kernel_h : a.in_h + a.pad_bottom;
    c.row_extent = static_cast<float>(y1 - (c.iy0 > -a.pad_top ? c.iy0 : -a.pad_top));
  }
  // Interior columns: ox * sw - pl >= 0 and ox * sw - pl + (kw - 1) * dw < in_w.
  int64_t ox0, ox1;
  ValidTaps(-a.pad_left, a.stride_w, a.out_w, a.in_w - (a.kernel_w - 1) * a.dilation_w, &ox0, &ox1);
  if (ox1 <= ox0) ox0 = ox1 = 0;  // no interior column: everything is edge
  if constexpr (kMax) {
    if (SlidingMax(c, ox0, ox1, a.out_w)) return;
  }
  if (ox1 > ox0) {
    const float denom = kMax ? 0.0f : Denominator(c, ox0, 0, a.kernel_w);
    if (a.stride_w == 1) {
      Interior<kMax, 1>(c, ox0, ox1, denom);
    } else if (a.stride_w == 2) {
      Interior<kMax, 2>(c, ox0, ox1, denom);
    } else {
      Interior<kMax, 0>(c, ox0, ox1, denom);
    }
  }
  for (int64_t ox = 0; ox < a.out_w; ++ox) {
    if (ox == ox0 && ox1 > ox0) ox = ox1;  // skip the interior
    if (ox >= a.out_w) break;
    int64_t kx0, kx1;
    ValidTaps(ox * a.stride_w - a.pad_left, a.dilation_w, a.kernel_w, a.in_w, &kx0, &kx1);
    EdgeColumn<kMax>(c, ox, kx0, kx1, kMax ? 0.0f : Denominator(c, ox, kx0, kx1));
  }
}

}  // namespace

void MaxPoolNchwcRowAvx512(const PoolNchwcRowArgs* args) {
  Row<true>(*args);
}

void AvgPoolNchwcRowAvx512(const PoolNchwcRowArgs* args) {
  Row<false>(*args);
}

}  // namespace parity::rt
