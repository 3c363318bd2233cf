// Rows of a network stem (a 3x3 conv on a plain NCHW input with 3 channels, stride 1 or 2, dilation 1) producing
// channel-blocked rows, AVX-512, weight-stationary per kernel row: for one output block and one kernel row, the 9
// weight vectors sit in registers while a group of up to 8 interior output columns takes one embedded-broadcast
// FMA per (kx, channel) step and column. The one or two edge columns per side (taps in the padding) take a
// per-column loop over their in-range taps.
//
// Why not the general register tile (nchwc_conv_avx512.cc): with 3 input channels its tile walks 27
// single-channel steps, each a broadcast plus one weight load per output block; on mobilenet_v2's 3x3 stride-2
// stem it ran at ~105 GFLOP/s, this kernel at ~125 (squeezenet1_1's: 104 -> 132). 7x7 stems (resnet50) stay on
// the tile: with 21 weights per kernel row this kernel measured 25% slower there.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#include "kernels/conv/nchwc_avx512_util.h"
#include "kernels/conv/nchwc_stem.h"
#include "kernels/gemm/activation_kind.h"

namespace parity::rt {
namespace {

using nchwc_avx512::Epilogue;
using nchwc_avx512::EqualTiles;
using nchwc_avx512::InteriorColumns;
using nchwc_avx512::InteriorOf;
using nchwc_avx512::WithWidth;

constexpr int kB = kNchwcBlock;
constexpr int kChannels = 3;
constexpr int kMaxPixels = 8;  // accumulators per group (measured: 8 > 10, 12, 14)

// Row-wide state of one output block.
struct BlockCtx {
  const float* x;  // input channel 0, row 0, minus pad_left columns (output column 0's first tap)
  int64_t chan_stride, row_stride;
  const float* w;  // the block's packed weights [kh][kw][3][16]
  const float* res;
  float* y;
  __m512 bias, lo, hi;
  int act;
  int64_t iy0, ky0, ky1;  // input row of kernel row 0; kernel rows inside the input: [ky0, ky1)
};

// Output columns [ox, ox + P): every valid kernel row, its KW * 3 weights loaded once for the group.
template <int KH, int KW, int SW, int P>
__attribute__((always_inline)) inline void PixelGroup(const BlockCtx& c, int64_t ox) {
  __m512 acc[P];
#pragma GCC unroll 16
  for (int j = 0; j < P; ++j) acc[j] = c.bias;
#pragma GCC unroll 8
  for (int ky = 0; ky < KH; ++ky) {
    if (ky < c.ky0 || ky >= c.ky1) continue;
    __m512 w[KW * kChannels];
#pragma GCC unroll 32
    for (int t = 0; t < KW * kChannels; ++t) w[t] = _mm512_loadu_ps(c.w + (ky * KW * kChannels + t) * kB);
    const float* row = c.x + (c.iy0 + ky) * c.row_stride + ox * SW;
#pragma GCC unroll 32
    for (int t = 0; t < KW * kChannels; ++t) {
      const float* xt = row + (t % kChannels) * c.chan_stride + t / kChannels;
#pragma GCC unroll 16
      for (int j = 0; j < P; ++j) acc[j] = _mm512_fmadd_ps(w[t], _mm512_set1_ps(xt[j * SW]), acc[j]);
    }
  }
#pragma GCC unroll 16
  for (int j = 0; j < P; ++j) {
    _mm512_storeu_ps(c.y + (ox + j) * kB, Epilogue(acc[j], c.res ? c.res + (ox + j) * kB : nullptr, c.act, c.lo, c.hi));
  }
}

// One column with some taps in the horizontal padding: its in-range taps only (one FMA chain; a row has one or
// two such columns per side).
template <int SW>
void EdgeColumn(const BlockCtx& c, int64_t ox, int64_t pad_left, int64_t in_w) {
  __m512 acc = c.bias;
  for (int64_t ky = c.ky0; ky < c.ky1; ++ky) {
    const float* row = c.x + pad_left + (c.iy0 + ky) * c.row_stride;
    for (int kx = 0; kx < 3; ++kx) {
      const int64_t ix = ox * SW - pad_left + kx;
      if (ix < 0 || ix >= in_w) continue;
      for (int ch = 0; ch < kChannels; ++ch) {
        acc = _mm512_fmadd_ps(_mm512_loadu_ps(c.w + ((ky * 3 + kx) * kChannels + ch) * kB),
                              _mm512_set1_ps(row[ch * c.chan_stride + ix]), acc);
      }
    }
  }
  _mm512_storeu_ps(c.y + ox * kB, Epilogue(acc, c.res ? c.res + ox * kB : nullptr, c.act, c.lo, c.hi));
}

// The whole output row a.oy, every block of the group: interior columns (every tap in range horizontally) in
// groups of at most kMaxPixels as equal as possible, then the edge columns.
template <int SW>
void Row(const NchwcConvRowArgs& a) {
  BlockCtx c;
  c.chan_stride = a.x_block_stride;
  c.row_stride = a.in_w;
  c.x = a.x - a.pad_left;
  c.lo = _mm512_set1_ps(a.alpha);  // Clip bounds (Epilogue applies Relu against zero)
  c.hi = _mm512_set1_ps(a.beta);
  c.act = a.act;
  c.iy0 = a.oy * a.stride_h - a.pad_top;
  c.ky0 = c.iy0 >= 0 ? 0 : -c.iy0;
  c.ky1 = a.in_h - c.iy0 < 3 ? a.in_h - c.iy0 : 3;
  const InteriorColumns interior = InteriorOf(a);
  for (int f = 0; f < a.blocks; ++f) {
    c.w = a.w + f * a.w_block_stride;
    c.bias = _mm512_loadu_ps(a.bias + f * kB);
    c.res = a.res ? a.res + f * a.y_block_stride : nullptr;
    c.y = a.y + f * a.y_block_stride;
    EqualTiles<kMaxPixels>(interior.begin, interior.end - interior.begin, [&](int64_t ox, int64_t width) {
      WithWidth<kMaxPixels>(width, [&](auto p) { PixelGroup<3, 3, SW, decltype(p)::value>(c, ox); });
    });
    for (int64_t e = 0; e < interior.begin; ++e) EdgeColumn<SW>(c, e, a.pad_left, a.in_w);
    for (int64_t e = interior.end; e < a.out_w; ++e) EdgeColumn<SW>(c, e, a.pad_left, a.in_w);
  }
}

}  // namespace

bool NchwcStemRowAvx512(const NchwcConvRowArgs& a) {
  if (!StemApplies(a)) return false;
  a.stride_w == 1 ? Row<1>(a) : Row<2>(a);
  return true;
}

}  // namespace parity::rt
