// Pointwise (1x1) convolution rows on channel-blocked tensors whose input has only 16, 24 or 32 channels (the
// expansions and narrow projections at the top of mobilenet-style networks), AVX-512, weight-stationary: the
// weight vectors of one output block for a pass of K = 16 or 24 input channels stay in registers for a sweep of
// the row, and each pixel's K input values are broadcast straight into the FMAs (embedded broadcasts). A group of
// P pixels keeps P independent accumulators. 32 channels take two 16-channel passes, the partial sums staying in
// the output row (in L1).
//
// Why not the general register tile (nchwc_conv_avx512.cc): that tile loads and stores its 22-24 accumulators
// around every pass over the input channels, and with only 16 or 24 channels per pass that fixed cost is a third
// of the tile's time (measured: 120-130 GFLOP/s on a 16-channel expansion against 150-160 here, 175 for deep
// inputs). With 32 channels the gain is smaller (mobilenet_v2's 32 -> 192 convs 6%, its 32 -> 16 projection 8%),
// and at 48 the tile is ahead.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#include "kernels/conv/nchwc_avx512_util.h"
#include "kernels/conv/nchwc_pointwise_narrow.h"
#include "kernels/gemm/activation_kind.h"

namespace parity::rt {
namespace {

using nchwc_avx512::Epilogue;
using nchwc_avx512::EqualTiles;
using nchwc_avx512::WithWidth;

constexpr int kB = kNchwcBlock;

// Row-wide state of one output block.
template <int K>
struct BlockCtx {
  __m512 w[K];  // weight vector of input channel c, all 16 output channels of the block
  __m512 bias, lo, hi;
  const float* x;  // input pixel 0, channel block 0
  int64_t x_block_stride;
  const float* res;  // residual pixel 0 of the block, or null
  float* y;          // output pixel 0 of the block
  int act;
};

// Pixels [p, p + P): K broadcast FMAs per pixel, channel-major so consecutive FMAs feed different accumulators.
// The first pass starts from the bias, later ones from the partial sums in y; only the last applies the epilogue.
template <int K, int P>
__attribute__((always_inline)) inline void PixelGroup(const BlockCtx<K>& c, int64_t p, bool first, bool last) {
  __m512 acc[P];
#pragma GCC unroll 16
  for (int j = 0; j < P; ++j) acc[j] = first ? c.bias : _mm512_loadu_ps(c.y + (p + j) * kB);
#pragma GCC unroll 32
  for (int k = 0; k < K; ++k) {
    const float* xk = c.x + (k / kB) * c.x_block_stride + p * kB + k % kB;
#pragma GCC unroll 16
    for (int j = 0; j < P; ++j) acc[j] = _mm512_fmadd_ps(c.w[k], _mm512_set1_ps(xk[j * kB]), acc[j]);
  }
#pragma GCC unroll 16
  for (int j = 0; j < P; ++j) {
    __m512 v = acc[j];
    if (last) v = Epilogue(v, c.res ? c.res + (p + j) * kB : nullptr, c.act, c.lo, c.hi);
    _mm512_storeu_ps(c.y + (p + j) * kB, v);
  }
}

// The row's pixels in ceil(n / P) groups as equal as possible.
template <int K, int P>
void BlockRow(const BlockCtx<K>& c, int64_t pixels, bool first, bool last) {
  EqualTiles<P>(0, pixels, [&](int64_t p, int64_t n) {
    WithWidth<P>(n, [&](auto width) { PixelGroup<K, decltype(width)::value>(c, p, first, last); });
  });
}

// P: 16 weights + 12 accumulators, or 24 weights + 8 accumulators (the broadcasts need no register).
template <int K>
constexpr int PixelsPerGroup() {
  return K == 16 ? 12 : 8;
}

// The input channels in passes of K (16: one channel block per pass; 24: the whole input), each pass a sweep of
// the row with that pass's K weight vectors in registers.
template <int K>
void Blocks(const NchwcConvRowArgs& a) {
  BlockCtx<K> c;
  const float* x = a.x + a.oy * a.stride_h * a.in_w * kB;
  c.x_block_stride = a.x_block_stride;
  c.lo = _mm512_set1_ps(a.alpha);  // Clip bounds (Epilogue applies Relu against zero)
  c.hi = _mm512_set1_ps(a.beta);
  c.act = a.act;
  for (int f = 0; f < a.blocks; ++f) {
    c.bias = _mm512_loadu_ps(a.bias + f * kB);
    c.res = a.res ? a.res + f * a.y_block_stride : nullptr;
    c.y = a.y + f * a.y_block_stride;
    for (int64_t k0 = 0; k0 < a.c; k0 += K) {
      const float* w = a.w + f * a.w_block_stride + k0 * kB;
#pragma GCC unroll 32
      for (int k = 0; k < K; ++k) c.w[k] = _mm512_loadu_ps(w + k * kB);
      c.x = x + k0 / kB * a.x_block_stride;
      BlockRow<K, PixelsPerGroup<K>()>(c, a.out_w, k0 == 0, k0 + K >= a.c);
    }
  }
}

}  // namespace

bool NchwcPointwiseNarrowAvx512(const NchwcConvRowArgs& a) {
  if (!PointwiseNarrowApplies(a)) return false;
  if (a.c == 24) {
    Blocks<24>(a);
  } else {
    Blocks<16>(a);
  }
  return true;
}

}  // namespace parity::rt
