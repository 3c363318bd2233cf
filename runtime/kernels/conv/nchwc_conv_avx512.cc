// Group-1 convolution on channel-blocked tensors, AVX-512: one zmm holds 16 output channels of one output column.
// A register tile is FB output blocks x OW columns (FB * OW <= 24 accumulators): per input channel it loads FB
// weight vectors and broadcasts OW input values, so the weights of the filter group stream from L1/L2 once per
// tile while the FMAs (FB * OW per channel) stay ahead of the loads. Interior columns (every tap inside the input
// horizontally) take the wide tiles; the few edge columns are paired (left edge with right edge) so they keep
// 2 * FB independent accumulation chains instead of FB.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cstdint>

#include "kernels/conv/nchwc_avx512_util.h"
#include "kernels/conv/nchwc_pointwise_narrow.h"
#include "kernels/conv/nchwc_stem.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/activation_kind.h"

// The accumulator tile lives in registers only if every helper touching it is inlined into the tile function;
// GCC's inliner gives up on some instantiations otherwise (and the tile then round-trips through the stack).
#define PARITY_NCHWC_INLINE __attribute__((always_inline)) inline

namespace parity::rt {
namespace {

using nchwc_avx512::EqualTiles;
using nchwc_avx512::InteriorColumns;
using nchwc_avx512::InteriorOf;
using nchwc_avx512::WithWidth;

constexpr int kB = kNchwcBlock;

template <int FB, int OW>
struct Acc {
  __m512 v[FB][OW];
};

// Where one tap's input values sit: column j of channel ci at base[j * col_stride + ci * chan_stride].
struct TapInput {
  const float* base;
  int64_t col_stride;
  int64_t chan_stride;
};

// Columns [J0, J0 + NJ) of the tile accumulate channels [0, cn) of one tap; wp points at the tap's packed
// weights of output block 0 (16 floats per channel). CS > 0 is the column stride as a compile-time constant
// (broadcasts then address with immediate offsets instead of one register per column); CS == 0 reads it from
// `in`.
template <int FB, int OW, int J0, int NJ, int CS>
PARITY_NCHWC_INLINE void Accumulate(Acc<FB, OW>& acc, const TapInput& in, const float* wp, int64_t w_block_stride,
                                    int cn) {
  const int64_t cs = CS > 0 ? CS : in.col_stride;
  auto channel = [&](int ci) {
    __m512 wv[FB];
#pragma GCC unroll 4
    for (int f = 0; f < FB; ++f) wv[f] = _mm512_loadu_ps(wp + f * w_block_stride + ci * kB);
    const float* xc = in.base + ci * in.chan_stride;
#pragma GCC unroll 24
    for (int j = 0; j < NJ; ++j) {
      const __m512 xv = _mm512_set1_ps(xc[j * cs]);
#pragma GCC unroll 4
      for (int f = 0; f < FB; ++f) acc.v[f][J0 + j] = _mm512_fmadd_ps(xv, wv[f], acc.v[f][J0 + j]);
    }
  };
  if (cn == kB) {
#pragma GCC unroll 2
    for (int ci = 0; ci < kB; ++ci) channel(ci);
  } else {
    for (int ci = 0; ci < cn; ++ci) channel(ci);
  }
}

// Plain-input (stem) variant: steps t in [0, n) read base[off[t] + j * CS] against weights wp + 16 * t, one kernel
// row's (kx, channel) pairs flattened into one loop (a 3-channel stem has too few channels per tap to amortize a
// loop of its own).
template <int FB, int OW, int CS>
PARITY_NCHWC_INLINE void AccumulateSteps(Acc<FB, OW>& acc, const float* base, const int64_t* off, int n,
                                         const float* wp, int64_t w_block_stride, int64_t col_stride) {
  const int64_t cs = CS > 0 ? CS : col_stride;
  // One step per iteration: unrolled twice, the 24-accumulator tile plus two steps' weights spill.
#pragma GCC unroll 1
  for (int t = 0; t < n; ++t) {
    __m512 wv[FB];
#pragma GCC unroll 4
    for (int f = 0; f < FB; ++f) wv[f] = _mm512_loadu_ps(wp + f * w_block_stride + t * kB);
    const float* xc = base + off[t];
#pragma GCC unroll 24
    for (int j = 0; j < OW; ++j) {
      const __m512 xv = _mm512_set1_ps(xc[j * cs]);
#pragma GCC unroll 4
      for (int f = 0; f < FB; ++f) acc.v[f][j] = _mm512_fmadd_ps(xv, wv[f], acc.v[f][j]);
    }
  }
}

constexpr int kMaxFlatSteps = 64;  // kernel_w * channels of a plain input flattened per kernel row

// The input channels [c0, c1) a pass over the row accumulates; the first pass starts from the bias, later ones
// from the partial sums in y, and only the last applies residual and activation.
struct ChannelChunk {
  int64_t c0, c1;
  bool first, last;
};

// Channels of the chunk at tap (ky, kx) for columns [J0, J0 + NJ) whose first column reads input column ix.
template <int FB, int OW, int J0, int NJ, int CS>
PARITY_NCHWC_INLINE void AccumulateTap(Acc<FB, OW>& acc, const NchwcConvRowArgs& a, const ChannelChunk& ch, int64_t iy,
                                       int64_t ix, int64_t col_stride, const float* wp) {
  if (a.in_blocked) {
    TapInput in{a.x + (ch.c0 / kB) * a.x_block_stride + (iy * a.in_w + ix) * kB, col_stride * kB, 1};
    for (int64_t c0 = ch.c0; c0 < ch.c1; c0 += kB) {
      const int cn = static_cast<int>(std::min<int64_t>(kB, ch.c1 - c0));
      Accumulate<FB, OW, J0, NJ, CS>(acc, in, wp + c0 * kB, a.w_block_stride, cn);
      in.base += a.x_block_stride;
    }
  } else {
    TapInput in{a.x + ch.c0 * a.x_block_stride + iy * a.in_w + ix, col_stride, a.x_block_stride};
    Accumulate<FB, OW, J0, NJ, CS>(acc, in, wp + ch.c0 * kB, a.w_block_stride, static_cast<int>(ch.c1 - ch.c0));
  }
}

// Column j of the tile starts from the bias (first chunk) or from the partial sums stored at output column ox.
template <int FB, int OW>
PARITY_NCHWC_INLINE void LoadColumn(Acc<FB, OW>& acc, int j, const NchwcConvRowArgs& a, const ChannelChunk& ch,
                                    int64_t ox) {
#pragma GCC unroll 4
  for (int f = 0; f < FB; ++f) {
    acc.v[f][j] = _mm512_loadu_ps(ch.first ? a.bias + f * kB : a.y + f * a.y_block_stride + ox * kB);
  }
}

// Stores column j of the tile to output column ox: the raw partial sums, or (last chunk) with residual and the
// in-register activation (Relu / Clip).
template <int FB, int OW>
PARITY_NCHWC_INLINE void StoreColumn(const Acc<FB, OW>& acc, int j, const NchwcConvRowArgs& a, const ChannelChunk& ch,
                                     int64_t ox) {
  const __m512 lo = _mm512_set1_ps(a.act == static_cast<int>(Activation::kRelu) ? 0.f : a.alpha);
  const __m512 hi = _mm512_set1_ps(a.beta);
#pragma GCC unroll 4
  for (int f = 0; f < FB; ++f) {
    __m512 v = acc.v[f][j];
    if (ch.last) {
      if (a.res) v = _mm512_add_ps(v, _mm512_loadu_ps(a.res + f * a.y_block_stride + ox * kB));
      if (a.act == static_cast<int>(Activation::kRelu)) v = _mm512_max_ps(v, lo);
      if (a.act == static_cast<int>(Activation::kClip)) v = _mm512_min_ps(_mm512_max_ps(v, lo), hi);
    }
    _mm512_storeu_ps(a.y + f * a.y_block_stride + ox * kB, v);
  }
}

// Floats of one tap's packed weights per output block: channels padded to whole blocks for blocked inputs, exact
// for plain inputs (a 3-channel 7x7 stem's weights then fit L1).
int64_t PackedTapFloats(const NchwcConvRowArgs& a) {
  return (a.in_blocked ? (a.c + kB - 1) / kB * kB : a.c) * kB;
}

// OW consecutive interior columns starting at ox.
template <int FB, int OW, int CS>
void InteriorTile(const NchwcConvRowArgs& a, const ChannelChunk& ch, int64_t ox) {
  Acc<FB, OW> acc;
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) LoadColumn(acc, j, a, ch, ox + j);
  const int64_t tap_floats = PackedTapFloats(a);
  const int64_t steps = a.kernel_w * a.c;
  if (!a.in_blocked && steps <= kMaxFlatSteps) {
    int64_t off[kMaxFlatSteps];  // (kx, channel) -> input offset from the row's first tap
    for (int64_t t = 0; t < steps; ++t) off[t] = (t % a.c) * a.x_block_stride + (t / a.c) * a.dilation_w;
    for (int64_t ky = 0; ky < a.kernel_h; ++ky) {
      const int64_t iy = a.oy * a.stride_h - a.pad_top + ky * a.dilation_h;
      if (iy < 0 || iy >= a.in_h) continue;
      const float* base = a.x + iy * a.in_w + ox * a.stride_w - a.pad_left;
      AccumulateSteps<FB, OW, CS>(acc, base, off, static_cast<int>(steps), a.w + ky * a.kernel_w * tap_floats,
                                  a.w_block_stride, a.stride_w);
    }
  } else {
    for (int64_t ky = 0; ky < a.kernel_h; ++ky) {
      const int64_t iy = a.oy * a.stride_h - a.pad_top + ky * a.dilation_h;
      if (iy < 0 || iy >= a.in_h) continue;
      for (int64_t kx = 0; kx < a.kernel_w; ++kx) {
        const int64_t ix = ox * a.stride_w - a.pad_left + kx * a.dilation_w;
        AccumulateTap<FB, OW, 0, OW, CS>(acc, a, ch, iy, ix, a.stride_w, a.w + (ky * a.kernel_w + kx) * tap_floats);
      }
    }
  }
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) StoreColumn(acc, j, a, ch, ox + j);
}

// OW consecutive columns of a 1x1 unpadded conv on a blocked input: no tap loops, so the compiler keeps the
// accumulator tile in registers from the first load to the store (with the general tap loops around it, it
// spilled the tile once per tap, which dominated shallow convs such as a 16-channel expansion).
template <int FB, int OW, int CS>
void PointwiseTile(const NchwcConvRowArgs& a, const ChannelChunk& ch, int64_t ox) {
  Acc<FB, OW> acc;
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) LoadColumn(acc, j, a, ch, ox + j);
  const float* x = a.x + (ch.c0 / kB) * a.x_block_stride + (a.oy * a.stride_h * a.in_w + ox) * kB;
  const float* wp = a.w + ch.c0 * kB;
  for (int64_t c0 = ch.c0; c0 < ch.c1; c0 += kB) {
    const int cn = static_cast<int>(std::min<int64_t>(kB, ch.c1 - c0));
    Accumulate<FB, OW, 0, OW, CS>(acc, TapInput{x, CS, 1}, wp, a.w_block_stride, cn);
    x += a.x_block_stride;
    wp += kB * kB;
  }
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) StoreColumn(acc, j, a, ch, ox + j);
}

// Two arbitrary columns (ox0 <= ox1; typically the left and right edge), skipping taps outside the input.
template <int FB>
void EdgePair(const NchwcConvRowArgs& a, const ChannelChunk& ch, int64_t ox0, int64_t ox1) {
  Acc<FB, 2> acc;
  LoadColumn(acc, 0, a, ch, ox0);
  LoadColumn(acc, 1, a, ch, ox1);
  const int64_t tap_floats = PackedTapFloats(a);
  for (int64_t ky = 0; ky < a.kernel_h; ++ky) {
    const int64_t iy = a.oy * a.stride_h - a.pad_top + ky * a.dilation_h;
    if (iy < 0 || iy >= a.in_h) continue;
    for (int64_t kx = 0; kx < a.kernel_w; ++kx) {
      const int64_t ix0 = ox0 * a.stride_w - a.pad_left + kx * a.dilation_w;
      const int64_t ix1 = ox1 * a.stride_w - a.pad_left + kx * a.dilation_w;
      const bool in0 = ix0 >= 0 && ix0 < a.in_w, in1 = ix1 >= 0 && ix1 < a.in_w;
      const float* wp = a.w + (ky * a.kernel_w + kx) * tap_floats;
      if (in0 && in1) {
        AccumulateTap<FB, 2, 0, 2, 0>(acc, a, ch, iy, ix0, (ox1 - ox0) * a.stride_w, wp);
      } else if (in0) {
        AccumulateTap<FB, 2, 0, 1, 0>(acc, a, ch, iy, ix0, 0, wp);
      } else if (in1) {
        AccumulateTap<FB, 2, 1, 1, 0>(acc, a, ch, iy, ix1, 0, wp);
      }
    }
  }
  // A self-pair (ox0 == ox1) computed the same column twice: one store.
  StoreColumn(acc, 0, a, ch, ox0);
  if (ox1 != ox0) StoreColumn(acc, 1, a, ch, ox1);
}

// Widest interior tile per filter-group size: FB * OW <= 24 accumulators, plus FB weights and one broadcast.
template <int FB>
constexpr int WideTile() {
  return FB == 1 ? 16 : FB == 2 ? 12 : FB == 3 ? 8 : 6;
}

// Input channels per pass: the pass's weights (FB blocks x channels x 16 floats) stay within ~32 KiB, so every
// tile of the row reads them from L1 instead of streaming them from L2 once per tile.
template <int FB>
int64_t ChunkChannels(const NchwcConvRowArgs& a) {
  constexpr int64_t kBudgetFloats = 32 * 1024 / sizeof(float);
  const int64_t per_channel = FB * a.kernel_h * a.kernel_w * kB;
  const int64_t fit = kBudgetFloats / per_channel / kB * kB;
  // Only pointwise convs gain (measured on resnet50): a KxK pass over one 16-channel chunk has too little work
  // per tile, and its weights stream well from L2 in order.
  if (!a.in_blocked || a.kernel_h * a.kernel_w > 1) return a.c;
  return std::max<int64_t>(kB, fit);
}

// Valid columns [lo, hi) of kernel column kx when the tile is the whole output row (ox = 0 .. out_w - 1).
struct ColumnRange {
  int64_t lo, hi;
};

ColumnRange ValidColumns(const NchwcConvRowArgs& a, int64_t kx) {
  const int64_t ix0 = kx * a.dilation_w - a.pad_left, sw = a.stride_w;
  const int64_t lo = ix0 >= 0 ? 0 : (-ix0 + sw - 1) / sw;
  const int64_t hi = ix0 >= a.in_w ? 0 : std::min(a.out_w, (a.in_w - ix0 + sw - 1) / sw);
  return {lo, hi};
}

// A whole output row as one tile, when every kernel column loses at most one column at each end to padding:
// each weight vector then serves every column of the row (narrow 7x7 maps: half the weight traffic of an interior
// tile plus an edge pair, which is what bounds those layers).
bool FitsFullRowTile(const NchwcConvRowArgs& a, int wide) {
  if (a.out_w < 3 || a.out_w > wide) return false;
  for (int64_t kx = 0; kx < a.kernel_w; ++kx) {
    const ColumnRange r = ValidColumns(a, kx);
    if (r.lo > 1 || r.hi < a.out_w - 1) return false;
  }
  return true;
}

template <int FB, int OW, int CS>
void FullRowTile(const NchwcConvRowArgs& a, const ChannelChunk& ch) {
  Acc<FB, OW> acc;
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) LoadColumn(acc, j, a, ch, j);
  const int64_t tap_floats = PackedTapFloats(a), sw = a.stride_w;
  for (int64_t ky = 0; ky < a.kernel_h; ++ky) {
    const int64_t iy = a.oy * a.stride_h - a.pad_top + ky * a.dilation_h;
    if (iy < 0 || iy >= a.in_h) continue;
    for (int64_t kx = 0; kx < a.kernel_w; ++kx) {
      const ColumnRange r = ValidColumns(a, kx);
      const int64_t ix = kx * a.dilation_w - a.pad_left + r.lo * sw;  // input column of the first valid column
      const float* wp = a.w + (ky * a.kernel_w + kx) * tap_floats;
      if (r.lo == 0 && r.hi == OW) {
        AccumulateTap<FB, OW, 0, OW, CS>(acc, a, ch, iy, ix, sw, wp);
      } else if (r.lo == 1 && r.hi == OW) {
        AccumulateTap<FB, OW, 1, OW - 1, CS>(acc, a, ch, iy, ix, sw, wp);
      } else if (r.lo == 0) {
        AccumulateTap<FB, OW, 0, OW - 1, CS>(acc, a, ch, iy, ix, sw, wp);
      } else {
        AccumulateTap<FB, OW, 1, OW - 2, CS>(acc, a, ch, iy, ix, sw, wp);
      }
    }
  }
#pragma GCC unroll 24
  for (int j = 0; j < OW; ++j) StoreColumn(acc, j, a, ch, j);
}

template <int FB, int OW, int CS>
void FullRowDispatch(const NchwcConvRowArgs& a, const ChannelChunk& ch) {
  if constexpr (OW >= 3) {
    if (a.out_w == OW) return FullRowTile<FB, OW, CS>(a, ch);
    return FullRowDispatch<FB, OW - 1, CS>(a, ch);
  }
}

template <int FB, int CS>
void RowPass(const NchwcConvRowArgs& a, const ChannelChunk& ch) {
  // Plain-input stems with 4 blocks: 4 x 5 accumulators (at 4 x 6 GCC spills some inside the step loop).
  constexpr bool kPlainInput = CS == 1 || CS == 2;
  constexpr int kWide = kPlainInput && FB == 4 ? 5 : WideTile<FB>();
  if constexpr (CS == kB) {
    if (a.kernel_h == 1 && a.kernel_w == 1 && a.pad_top == 0 && a.pad_left == 0 && a.in_w == a.out_w) {
      EqualTiles<kWide>(0, a.out_w, [&](int64_t ox, int64_t width) {
        WithWidth<kWide>(width, [&](auto w) { PointwiseTile<FB, decltype(w)::value, CS>(a, ch, ox); });
      });
      return;
    }
  }
  if constexpr (CS == kB || CS == 2 * kB) {
    if (FitsFullRowTile(a, kWide)) return FullRowDispatch<FB, kWide, CS>(a, ch);
  }
  const InteriorColumns interior = InteriorOf(a);
  const int64_t in0 = interior.begin, in1 = interior.end;
  EqualTiles<kWide>(in0, in1 - in0, [&](int64_t ox, int64_t width) {
    WithWidth<kWide>(width, [&](auto w) { InteriorTile<FB, decltype(w)::value, CS>(a, ch, ox); });
  });
  // Edge columns [0, in0) and [in1, out_w), paired left with right; a single left-over pairs with itself.
  int64_t left = 0, right = a.out_w - 1;
  while (left < in0 && right >= in1) EdgePair<FB>(a, ch, left++, right--);
  while (left + 1 < in0) EdgePair<FB>(a, ch, left, left + 1), left += 2;
  while (right - 1 >= in1) EdgePair<FB>(a, ch, right - 1, right), right -= 2;
  if (left < in0) EdgePair<FB>(a, ch, left, left);
  if (right >= in1) EdgePair<FB>(a, ch, right, right);
}

template <int FB>
void Row(const NchwcConvRowArgs& a) {
  const int64_t chunk = ChunkChannels<FB>(a);
  for (int64_t c0 = 0; c0 < a.c; c0 += chunk) {
    const int64_t c1 = std::min(a.c, c0 + chunk);
    const ChannelChunk ch{c0, c1, c0 == 0, c1 == a.c};
    // Column strides of the common geometries as constants: blocked or plain input, stride 1 or 2.
    const int64_t col_stride = a.stride_w * (a.in_blocked ? kB : 1);
    switch (col_stride) {
      case kB:
        RowPass<FB, kB>(a, ch);
        break;
      case 2 * kB:
        RowPass<FB, 2 * kB>(a, ch);
        break;
      case 1:
        RowPass<FB, 1>(a, ch);
        break;
      case 2:
        RowPass<FB, 2>(a, ch);
        break;
      default:
        RowPass<FB, 0>(a, ch);
    }
  }
}

}  // namespace

void NchwcConvRowAvx512(const NchwcConvRowArgs* args) {
  if (NchwcPointwiseNarrowAvx512(*args)) return;  // 16- to 32-channel inputs: weights in registers
  if (NchwcStemRowAvx512(*args)) return;          // 3x3 stems on 3-channel plain inputs: the same idea
  switch (args->blocks) {
    case 1:
      return Row<1>(*args);
    case 2:
      return Row<2>(*args);
    case 3:
      return Row<3>(*args);
    default:
      return Row<4>(*args);
  }
}

}  // namespace parity::rt
