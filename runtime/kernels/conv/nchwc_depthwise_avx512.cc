// Depthwise convolution on channel-blocked tensors, AVX-512: one zmm holds the 16 channels of one pixel, so every
// tap is a plain vector FMA (input vector x weight vector) with no broadcasts or shuffles.
//
// Sliding path (dilation 1, stride_w 1 or 2, kernel 3x3 / Kx5 / Kx7: every mobilenet / efficientnet layer): the
// row is cut into groups of 8 output columns, 8 independent accumulators that cover the FMA latency (4 cycles x 2
// ports). Within a kernel row the (8 - 1) * stride + KW input vectors of a group are each loaded once and feed
// every tap that reads them (input-stationary order), so loads stay well below the FMA count. 3x3 keeps its 9
// weight vectors in registers for the whole row; wider kernels load one kernel row of weights per group.
// Groups that reach into the left / right padding skip their out-of-range inputs with branches. The pattern
// repeats every row, so the branches predict well, and edges cost little more than interior columns; that matters
// for 7- and 14-wide maps, where a per-column edge path (one latency-bound FMA chain per column) would dominate.
// Rows whose width is a multiple of 8 or 7 (every mobilenet width: 112, 56, 28, 14, 7) are cut into equal groups,
// all inline with the weights held in registers, the edge groups masked in place (20-45% faster per row than
// the mixed groups below, most on stride-2 rows). Other widths: the narrow last groups (the last 9..15 columns
// become two groups of >= 4) take the unmasked code when their inputs are in range, as on stride-2 rows of even
// width.
//
// General path (other dilations, strides >= 3, other kernel widths): interior columns in groups of 8 with each
// FMA taking its input from memory, edge columns one at a time over their in-range taps only.
//
// Padded path (several rows per call on a narrow plane, sliding geometries not cut into equal groups): the input
// rows the call needs are copied once into a 16 KiB stack buffer with their horizontal zero padding, so every column
// group is unmasked and the weights load once per call; on narrow maps, where a row is only 9-16 columns, this
// saved a tenth to a fifth of the time against the mixed groups.
//
// Kernel rows outside the input are skipped. The epilogue (bias, residual, Relu / Clip) is applied in registers
// before the store.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/activation_kind.h"

#define PARITY_DW_INLINE __attribute__((always_inline)) inline

namespace parity::rt {
namespace {

constexpr int kB = kNchwcBlock;

// Per-call geometry, resolved once: pointers are computed from it per column group.
struct RowCtx {
  const float* x;
  const float* w;
  const float* res;
  float* y;
  __m512 bias, lo, hi;
  int act;
  int64_t iy0;       // input row of kernel row 0 (may be negative)
  int64_t ky0, ky1;  // kernel rows whose input row is inside the image: [ky0, ky1)
  int64_t in_w, kw, sw, dh, dw, pl;
};

// ceil(a / step) for a >= 0, step >= 1. Strides and dilations are almost always 1 or 2, and a 64-bit division
// takes tens of cycles; every call resolves several ranges, and a 7-wide row is only ~35 cycles of FMAs.
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

// Residual, activation and store of kCols consecutive output columns starting at ox.
template <int kCols>
PARITY_DW_INLINE void Store(const RowCtx& c, __m512 (&acc)[kCols], int64_t ox) {
  if (c.res != nullptr) {
#pragma GCC unroll 16
    for (int j = 0; j < kCols; ++j) acc[j] = _mm512_add_ps(acc[j], _mm512_loadu_ps(c.res + (ox + j) * kB));
  }
  if (c.act == static_cast<int>(Activation::kRelu)) {
#pragma GCC unroll 16
    for (int j = 0; j < kCols; ++j) acc[j] = _mm512_max_ps(acc[j], _mm512_setzero_ps());
  } else if (c.act == static_cast<int>(Activation::kClip)) {
#pragma GCC unroll 16
    for (int j = 0; j < kCols; ++j) acc[j] = _mm512_min_ps(_mm512_max_ps(acc[j], c.lo), c.hi);
  }
#pragma GCC unroll 16
  for (int j = 0; j < kCols; ++j) _mm512_storeu_ps(c.y + (ox + j) * kB, acc[j]);
}

// A loaded vector the compiler must keep in a register: without the barrier GCC folds every use back into a
// memory operand (one load per FMA), and zmm loads issue well below the 2 FMAs per cycle (measured: load-fed FMAs
// reach ~60% of the register-only FMA rate).
PARITY_DW_INLINE __m512 LoadKeep(const float* p) {
  __m512 v = _mm512_loadu_ps(p);
  __asm__("" : "+v"(v));
  return v;
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

// One kernel row of a group, input-stationary: input i (column ix0 + i of input row `row`) feeds tap kx of output
// column j = (i - kx) / SW. Only one input vector is live at a time. kMasked: inputs whose bit is clear (padding)
// are skipped, and their addresses are never formed.
template <int KW, int SW, int kCols, bool kMasked>
PARITY_DW_INLINE void SlidingRow(__m512 (&acc)[kCols], const float* row, int64_t ix0, const __m512* w, uint64_t bits) {
  constexpr int kInputs = (kCols - 1) * SW + KW;
#pragma GCC unroll 64
  for (int i = 0; i < kInputs; ++i) {
    if (kMasked && ((bits >> i) & 1) == 0) continue;  // padding: a predictable branch, cheaper than a mask
    const __m512 xv = LoadKeep(row + (ix0 + i) * kB);
#pragma GCC unroll 16
    for (int kx = 0; kx < KW; ++kx) {
      const int j = (i - kx) / SW;
      if (i >= kx && (i - kx) % SW == 0 && j < kCols) acc[j] = _mm512_fmadd_ps(xv, w[kx], acc[j]);
    }
  }
}

// kCols output columns from ox. KH > 0: all KH * KW weights in registers (`wreg`), kernel-row loop unrolled so
// they stay there; KH == 0: one kernel row of weights loaded per row.
template <int KH, int KW, int SW, int kCols, bool kMasked>
PARITY_DW_INLINE void SlidingGroup(const RowCtx& c, const __m512* wreg, int64_t ox) {
  constexpr int kInputs = (kCols - 1) * SW + KW;
  __m512 acc[kCols];
#pragma GCC unroll 16
  for (int j = 0; j < kCols; ++j) acc[j] = c.bias;
  const int64_t ix0 = ox * SW - c.pl;
  const uint64_t bits = kMasked ? InputBits(ix0, c.in_w, kInputs) : 0;
  const int64_t row_floats = c.in_w * kB;
  if constexpr (KH > 0) {
#pragma GCC unroll 16
    for (int ky = 0; ky < KH; ++ky) {
      if (ky < c.ky0 || ky >= c.ky1) continue;
      SlidingRow<KW, SW, kCols, kMasked>(acc, c.x + (c.iy0 + ky) * row_floats, ix0, wreg + ky * KW, bits);
    }
  } else {
    for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
      __m512 wr[KW];
#pragma GCC unroll 16
      for (int kx = 0; kx < KW; ++kx) wr[kx] = _mm512_loadu_ps(c.w + (ky * KW + kx) * kB);
      SlidingRow<KW, SW, kCols, kMasked>(acc, c.x + (c.iy0 + ky) * row_floats, ix0, wr, bits);
    }
  }
  Store<kCols>(c, acc, ox);
}

// Weights of the sliding path held in registers (KH > 0) for a whole row.
template <int KH, int KW>
struct SlidingWeights {
  static constexpr int kCount = KH > 0 ? KH* KW : 1;
  __m512 v[kCount];
  explicit PARITY_DW_INLINE SlidingWeights(const float* w) {
    if constexpr (KH > 0) {
#pragma GCC unroll 16
      for (int t = 0; t < KH * KW; ++t) v[t] = _mm512_loadu_ps(w + t * kB);
    }
  }
};

// Calls f(std::integral_constant<int, n>()) for a group width n in [1, 8] (larger n: 8): the group functions take
// their width as a template argument, so their accumulators are a fixed set of registers.
template <typename F>
PARITY_DW_INLINE void WithGroupWidth(int64_t n, F&& f) {
  switch (n) {
    case 1:
      return f(std::integral_constant<int, 1>());
    case 2:
      return f(std::integral_constant<int, 2>());
    case 3:
      return f(std::integral_constant<int, 3>());
    case 4:
      return f(std::integral_constant<int, 4>());
    case 5:
      return f(std::integral_constant<int, 5>());
    case 6:
      return f(std::integral_constant<int, 6>());
    case 7:
      return f(std::integral_constant<int, 7>());
    default:
      return f(std::integral_constant<int, 8>());
  }
}

// A group of n (1..8) columns that may reach into the padding: edges and the narrow last groups. Out of line (one
// copy per width is a lot of code); it loads the weights itself.
template <int KH, int KW, int SW>
__attribute__((noinline)) void MaskedGroup(const RowCtx& ctx, int64_t ox, int64_t n) {
  const RowCtx c = ctx;  // not aliased by the stores (see SlidingRowAll)
  const SlidingWeights<KH, KW> w(c.w);
  WithGroupWidth(n, [&](auto cols) { SlidingGroup<KH, KW, SW, decltype(cols)::value, true>(c, w.v, ox); });
}

// A narrow group (n < 8 columns) whose inputs are all in range: the last groups of a row whose right edge needs
// no padding (stride 2 on an even width). Out of line, like MaskedGroup.
template <int KH, int KW, int SW>
__attribute__((noinline)) void CleanGroup(const RowCtx& ctx, int64_t ox, int64_t n) {
  const RowCtx c = ctx;  // not aliased by the stores (see SlidingRowAll)
  const SlidingWeights<KH, KW> w(c.w);
  WithGroupWidth(n, [&](auto cols) { SlidingGroup<KH, KW, SW, decltype(cols)::value, false>(c, w.v, ox); });
}

// Width of the group starting `left` columns before the end of the row: 8, except that the last 9..15 columns
// become two groups of >= 4 (a 1- or 2-column group would be one latency-bound FMA chain).
int64_t GroupWidth(int64_t left) {
  return left >= 16 ? 8 : left > 8 ? (left + 1) / 2 : left;
}

// Width of the equal groups a 3x3 row of `out_w` columns is cut into (EqualGroupsRow), or 0: the mixed groups.
int EqualGroupWidth(int64_t out_w) {
  return out_w % 8 == 0 ? 8 : out_w % 7 == 0 ? 7 : 0;
}

// A row of `out_w` = k * kCols columns as k equal groups, all inline with the weights in registers: the groups
// that reach into the padding take the masked code in place. Rows of 28 (stride 2 from 56) otherwise end in two
// out-of-line 6-column groups, each reloading the weights.
template <int KH, int KW, int SW, int kCols>
void EqualGroupsRow(const RowCtx& ctx, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  const RowCtx c = ctx;  // not aliased by the stores (see SlidingRowAll)
  const SlidingWeights<KH, KW> w(c.w);
  for (int64_t ox = 0; ox < out_w; ox += kCols) {
    if (ox >= ox_in0 && ox + kCols <= ox_in1) {
      SlidingGroup<KH, KW, SW, kCols, false>(c, w.v, ox);
    } else {
      SlidingGroup<KH, KW, SW, kCols, true>(c, w.v, ox);
    }
  }
}

// The whole output row: equal groups when the width allows (3x3), else leading groups that reach into the left
// padding, then the clean 8-column groups (every input in range) with the weights in registers, then the rest
// (right padding, narrow last groups).
template <int KH, int KW, int SW>
void SlidingRowAll(const RowCtx& ctx, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  if constexpr (KH > 0) {
    const int width = EqualGroupWidth(out_w);
    if (width == 8) return EqualGroupsRow<KH, KW, SW, 8>(ctx, ox_in0, ox_in1, out_w);
    if (width == 7) return EqualGroupsRow<KH, KW, SW, 7>(ctx, ox_in0, ox_in1, out_w);
  }
  // A private copy: the output stores (may_alias vector types) could otherwise alias `ctx`, forcing a reload of
  // every field after each store.
  const RowCtx c = ctx;
  int64_t ox = 0;
  for (; ox < out_w && ox < ox_in0; ox += GroupWidth(out_w - ox)) {
    MaskedGroup<KH, KW, SW>(c, ox, GroupWidth(out_w - ox));
  }
  if (GroupWidth(out_w - ox) == 8 && ox + 8 <= ox_in1) {
    const SlidingWeights<KH, KW> w(c.w);
    do {
      SlidingGroup<KH, KW, SW, 8, false>(c, w.v, ox);
      ox += 8;
    } while (GroupWidth(out_w - ox) == 8 && ox + 8 <= ox_in1);
  }
  for (; ox < out_w; ox += GroupWidth(out_w - ox)) {
    const int64_t n = GroupWidth(out_w - ox);
    if (ox + n <= ox_in1) {
      CleanGroup<KH, KW, SW>(c, ox, n);
    } else {
      MaskedGroup<KH, KW, SW>(c, ox, n);
    }
  }
}

template <int KH, int KW>
void SlidingStrides(const RowCtx& c, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  if (c.sw == 1) return SlidingRowAll<KH, KW, 1>(c, ox_in0, ox_in1, out_w);
  SlidingRowAll<KH, KW, 2>(c, ox_in0, ox_in1, out_w);
}

// False when the sliding path does not cover the geometry.
bool Sliding(const RowCtx& c, int64_t kernel_h, int64_t ox_in0, int64_t ox_in1, int64_t out_w) {
  if (c.dw != 1 || c.dh != 1 || (c.sw != 1 && c.sw != 2)) return false;
  if (c.kw == 3 && kernel_h == 3) return SlidingStrides<3, 3>(c, ox_in0, ox_in1, out_w), true;
  if (c.kw == 5) return SlidingStrides<0, 5>(c, ox_in0, ox_in1, out_w), true;
  if (c.kw == 7) return SlidingStrides<0, 7>(c, ox_in0, ox_in1, out_w), true;
  return false;
}

// ---- General path ----

// kCols interior columns from ox, any kernel, stride and dilation: each FMA takes its input from memory.
template <int kCols>
PARITY_DW_INLINE void GeneralGroup(const RowCtx& c, int64_t ox) {
  __m512 acc[kCols];
#pragma GCC unroll 16
  for (int j = 0; j < kCols; ++j) acc[j] = c.bias;
  const float* col = c.x + (ox * c.sw - c.pl) * kB;
  const int64_t col_step = c.sw * kB, tap_step = c.dw * kB;
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* p = col + (c.iy0 + ky * c.dh) * c.in_w * kB;
    const float* wr = c.w + ky * c.kw * kB;
    for (int64_t kx = 0; kx < c.kw; ++kx) {
      const __m512 wv = _mm512_loadu_ps(wr + kx * kB);
      const float* q = p + kx * tap_step;
#pragma GCC unroll 16
      for (int j = 0; j < kCols; ++j) acc[j] = _mm512_fmadd_ps(_mm512_loadu_ps(q + j * col_step), wv, acc[j]);
    }
  }
  Store<kCols>(c, acc, ox);
}

// Remainder after the 8-column groups: at most one group each of 4, 2 and 1 columns.
template <int kCols>
PARITY_DW_INLINE void GeneralTail(const RowCtx& c, int64_t ox, int64_t ox1) {
  if (ox + kCols <= ox1) {
    GeneralGroup<kCols>(c, ox);
    ox += kCols;
  }
  if constexpr (kCols > 1) GeneralTail<kCols / 2>(c, ox, ox1);
}

void GeneralInterior(const RowCtx& ctx, int64_t ox0, int64_t ox1) {
  const RowCtx c = ctx;  // not aliased by the stores (see SlidingRowAll)
  int64_t ox = ox0;
  for (; ox + 8 <= ox1; ox += 8) GeneralGroup<8>(c, ox);
  GeneralTail<4>(c, ox, ox1);
}

// Taps of one edge column (some horizontal taps fall in the padding) added to acc.
PARITY_DW_INLINE __m512 EdgeTaps(const RowCtx& c, int64_t ox, __m512 acc) {
  const int64_t ix0 = ox * c.sw - c.pl;
  int64_t kx0, kx1;
  ValidTaps(ix0, c.dw, c.kw, c.in_w, &kx0, &kx1);
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* row = c.x + (c.iy0 + ky * c.dh) * c.in_w * kB;
    const float* wr = c.w + ky * c.kw * kB;
    for (int64_t kx = kx0; kx < kx1; ++kx) {
      acc = _mm512_fmadd_ps(_mm512_loadu_ps(row + (ix0 + kx * c.dw) * kB), _mm512_loadu_ps(wr + kx * kB), acc);
    }
  }
  return acc;
}

// Edge columns: left edges [0, left_end) paired with right edges [right_begin, out_w), so two dependent FMA
// chains interleave.
void GeneralEdges(const RowCtx& ctx, int64_t left_end, int64_t right_begin, int64_t out_w) {
  const RowCtx c = ctx;  // not aliased by the stores (see SlidingRowAll)
  int64_t l = 0, r = right_begin;
  for (; l < left_end && r < out_w; ++l, ++r) {
    __m512 pair[2] = {EdgeTaps(c, l, c.bias), EdgeTaps(c, r, c.bias)};
    __m512 one[1] = {pair[0]};
    Store<1>(c, one, l);
    one[0] = pair[1];
    Store<1>(c, one, r);
  }
  for (; l < left_end; ++l) {
    __m512 one[1] = {EdgeTaps(c, l, c.bias)};
    Store<1>(c, one, l);
  }
  for (; r < out_w; ++r) {
    __m512 one[1] = {EdgeTaps(c, r, c.bias)};
    Store<1>(c, one, r);
  }
}

// ---- Padded path (several rows of a narrow plane) ----

// Stack buffer of the padded input rows: 16 KiB, so it stays in L1 next to the output (a 14x14 plane with its
// padding takes 14 KiB). Wider maps gain nothing from the copy: their rows are long enough to amortize the edges
// (28x28 measured 25% slower through a 53 KiB copy).
constexpr int64_t kPaddedFloats = 4 * 1024;

// One output row over a padded input (every tap of every column in range): unmasked groups only.
template <int KH, int KW, int SW>
PARITY_DW_INLINE void UnmaskedRow(const RowCtx& c, const __m512* wreg, int64_t out_w) {
  for (int64_t ox = 0; ox < out_w;) {
    const int64_t n = GroupWidth(out_w - ox);
    WithGroupWidth(n, [&](auto cols) { SlidingGroup<KH, KW, SW, decltype(cols)::value, false>(c, wreg, ox); });
    ox += n;
  }
}

// Rows [oy, oy + rows) from `padded`: input rows [r0, ...) with pad_left zeros in front, `pw` columns each.
template <int KH, int KW, int SW>
void PaddedRows(const NchwcDepthwiseRowArgs& a, const RowCtx& base, const float* padded, int64_t r0, int64_t pw,
                int64_t rows) {
  RowCtx c = base;  // not aliased by the stores (see SlidingRowAll)
  c.x = padded;
  c.in_w = pw;
  c.pl = 0;
  const SlidingWeights<KH, KW> w(a.w);
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t iy0 = (a.oy + r) * a.stride_h - a.pad_top;
    ValidTaps(iy0, 1, a.kernel_h, a.in_h, &c.ky0, &c.ky1);
    c.iy0 = iy0 - r0;
    c.y = a.y + r * a.out_w * kB;
    c.res = a.res ? a.res + r * a.out_w * kB : nullptr;
    UnmaskedRow<KH, KW, SW>(c, w.v, a.out_w);
  }
}

template <int KH, int KW>
void PaddedRowsStrides(const NchwcDepthwiseRowArgs& a, const RowCtx& base, const float* padded, int64_t r0, int64_t pw,
                       int64_t rows) {
  if (a.stride_w == 1) return PaddedRows<KH, KW, 1>(a, base, padded, r0, pw, rows);
  PaddedRows<KH, KW, 2>(a, base, padded, r0, pw, rows);
}

// Several rows of a sliding-path geometry whose padded input rows fit the stack buffer: the input rows are copied
// once with their horizontal padding, so no column group needs the masked (edge) code, and the weights are loaded
// once. False when the geometry does not qualify. Out of line: its stack buffer must not burden single-row calls.
// The geometry test and kernel dispatch restate Sliding()'s on purpose: routed through one shared dispatcher (a
// lambda per geometry), GCC laid out the single-row path differently and it ran 15-60% slower (7x7 to 28x28).
__attribute__((noinline)) bool MultiRow(const NchwcDepthwiseRowArgs& a, const RowCtx& base, int64_t rows) {
  // Rows wider than 16 columns amortize their edges themselves, and a few of their rows would fill the buffer.
  if (rows < 2 || a.out_w > 16) return false;
  if (a.dilation_h != 1 || a.dilation_w != 1 || (a.stride_w != 1 && a.stride_w != 2)) return false;
  const bool k3x3 = a.kernel_w == 3 && a.kernel_h == 3;
  if (!k3x3 && a.kernel_w != 5 && a.kernel_w != 7) return false;
  // 3x3 rows of equal groups (EqualGroupsRow) are faster without the copy: 14 -> 7 at stride 2 by a third, 14-wide
  // stride 1 by a sixth, 7-wide the same.
  if (k3x3 && EqualGroupWidth(a.out_w) != 0) return false;
  const int64_t pw = (a.out_w - 1) * a.stride_w + a.kernel_w;
  const int64_t r0 = std::max<int64_t>(0, a.oy * a.stride_h - a.pad_top);
  const int64_t r1 = std::min(a.in_h, (a.oy + rows - 1) * a.stride_h - a.pad_top + a.kernel_h);
  if (r1 <= r0 || (r1 - r0) * pw * kB > kPaddedFloats) return false;
  alignas(64) float padded[kPaddedFloats];
  for (int64_t iy = r0; iy < r1; ++iy) {
    const float* src = a.x + iy * a.in_w * kB;
    float* dst = padded + (iy - r0) * pw * kB;
    for (int64_t px = 0; px < pw; ++px) {
      const int64_t ix = px - a.pad_left;
      const __m512 v = ix >= 0 && ix < a.in_w ? _mm512_loadu_ps(src + ix * kB) : _mm512_setzero_ps();
      _mm512_store_ps(dst + px * kB, v);
    }
  }
  if (k3x3) {
    PaddedRowsStrides<3, 3>(a, base, padded, r0, pw, rows);
  } else if (a.kernel_w == 5) {
    PaddedRowsStrides<0, 5>(a, base, padded, r0, pw, rows);
  } else {
    PaddedRowsStrides<0, 7>(a, base, padded, r0, pw, rows);
  }
  return true;
}

// Output row oy (to y, residual res) through the sliding or general path.
void OneRow(const NchwcDepthwiseRowArgs& a, int64_t oy, float* y, const float* res) {
  RowCtx c;
  c.x = a.x;
  c.w = a.w;
  c.res = res;
  c.y = y;
  c.bias = _mm512_loadu_ps(a.bias);
  c.act = a.act;
  c.lo = _mm512_set1_ps(a.alpha);
  c.hi = _mm512_set1_ps(a.beta);
  c.iy0 = oy * a.stride_h - a.pad_top;
  ValidTaps(c.iy0, a.dilation_h, a.kernel_h, a.in_h, &c.ky0, &c.ky1);
  c.in_w = a.in_w;
  c.kw = a.kernel_w;
  c.sw = a.stride_w;
  c.dh = a.dilation_h;
  c.dw = a.dilation_w;
  c.pl = a.pad_left;
  // Interior columns: ox * sw - pl >= 0 and ox * sw - pl + (kw - 1) * dw < in_w.
  int64_t ox0, ox1;
  ValidTaps(-a.pad_left, a.stride_w, a.out_w, a.in_w - (a.kernel_w - 1) * a.dilation_w, &ox0, &ox1);
  if (ox1 <= ox0) ox0 = ox1 = 0;  // no interior column: everything is edge
  if (Sliding(c, a.kernel_h, ox0, ox1, a.out_w)) return;
  GeneralInterior(c, ox0, ox1);
  GeneralEdges(c, ox0, ox1, a.out_w);
}

}  // namespace

void NchwcDepthwiseRowAvx512(const NchwcDepthwiseRowArgs* args) {
  // Fields are read one by one: the caller has just stored them, and a whole-struct copy (vector loads across
  // several scalar stores) stalls on store forwarding, which costs a 7-wide row a third of its time.
  const NchwcDepthwiseRowArgs& a = *args;
  const int64_t rows = std::max<int64_t>(1, a.rows);
  if (rows > 1) {
    RowCtx base;  // the fields MultiRow sets per row stay unset here (a memset costs a short row 10%)
    base.w = a.w;
    base.bias = _mm512_loadu_ps(a.bias);
    base.act = a.act;
    base.lo = _mm512_set1_ps(a.alpha);
    base.hi = _mm512_set1_ps(a.beta);
    base.kw = a.kernel_w;
    base.sw = a.stride_w;
    base.dh = base.dw = 1;
    if (MultiRow(a, base, rows)) return;
  }
  for (int64_t r = 0; r < rows; ++r) {
    OneRow(a, a.oy + r, a.y + r * a.out_w * kB, a.res ? a.res + r * a.out_w * kB : nullptr);
  }
}

}  // namespace parity::rt
