// Depthwise plane kernel, AVX-512 intrinsics: 16 consecutive outputs of a row per vector. Window edges (zero
// padding) and the row tail are handled with masked loads and stores, so every output goes through the same
// vector path (the compiler-vectorized generic loop left 7- and 14-wide rows almost entirely to scalar code).
// Bias, Relu / Clip and the residual are applied in registers before the store.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#include "kernels/conv/conv_ukernels.h"
#include "kernels/gemm/activation_kind.h"

namespace parity::rt {
namespace {

// Lanes [lo, hi) of a 32-lane window set, clamped to [0, 32).
uint32_t RangeMask32(int64_t lo, int64_t hi) {
  if (lo < 0) lo = 0;
  if (hi > 32) hi = 32;
  if (hi <= lo) return 0;
  const uint64_t upper = (uint64_t{1} << hi) - 1;
  const uint64_t lower = (uint64_t{1} << lo) - 1;
  return static_cast<uint32_t>(upper & ~lower);
}

// Load masks of one 16-output column block: lanes whose input column lies inside the row.
template <int K, int S>
struct ColumnMasks {
  __mmask16 lo[K];  // S == 1: the taps; S == 2: the first 16 of 32 consecutive inputs
  __mmask16 hi[K];  // S == 2 only: the second 16
};

template <int K, int S>
ColumnMasks<K, S> MasksFor(int64_t ow, int64_t lanes, int64_t pad_left, int64_t in_w) {
  ColumnMasks<K, S> m;
  for (int kx = 0; kx < K; ++kx) {
    const int64_t base = ow * S - pad_left + kx;
    const uint32_t valid = RangeMask32(-base, in_w - base) & RangeMask32(0, S * lanes - (S - 1));
    m.lo[kx] = static_cast<__mmask16>(valid & 0xFFFF);
    m.hi[kx] = static_cast<__mmask16>(valid >> 16);
  }
  return m;
}

// in[base + S * t] for t in [0, 16); elements outside the row read as zero. Masked-off lanes never touch
// memory, so `row + base` may point outside the row.
template <int K, int S>
__m512 LoadTaps(const float* row, int64_t base, const ColumnMasks<K, S>& m, int kx) {
  if constexpr (S == 1) {
    return _mm512_maskz_loadu_ps(m.lo[kx], row + base);
  } else {
    const __m512 lo = _mm512_maskz_loadu_ps(m.lo[kx], row + base);
    const __m512 hi = _mm512_maskz_loadu_ps(m.hi[kx], row + base + 16);
    const __m512i even = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    return _mm512_permutex2var_ps(lo, even, hi);
  }
}

// kAct: 0 none, 1 relu, 2 clip (the activations fused into the store); anything else is applied afterwards.
template <int kAct>
__m512 Finish(__m512 v, const EpilogueArgs* e, const float* residual, __mmask16 mask, __m512 lo, __m512 hi) {
  const bool res = residual != nullptr;
  const bool after = res && e->residual_after_activation;
  if (res && !after) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(mask, residual));
  if constexpr (kAct == 1) v = _mm512_max_ps(v, _mm512_setzero_ps());
  if constexpr (kAct == 2) v = _mm512_min_ps(_mm512_max_ps(v, lo), hi);
  if (after) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(mask, residual));
  return v;
}

// R output rows of one 16-column block at once. One accumulator per output row: a single accumulator would chain
// all K*K FMAs back to back (latency-bound at a quarter of the FMA throughput), and each input row loaded once
// serves every output row whose window covers it.
template <int K, int S, int kAct, int R>
void RowBlock(const DepthwisePlaneArgs& a, const EpilogueArgs* e, const __m512* w, const ColumnMasks<K, S>& masks,
              int64_t ow, __mmask16 store, int64_t oh0, __m512 act_lo, __m512 act_hi) {
  constexpr int kRows = (R - 1) * S + K;
  const __m512 bias = _mm512_set1_ps(a.bias);
  __m512 acc[R];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) acc[r] = bias;
  const int64_t col = ow * S - a.pad_left;
  const int64_t ih0 = oh0 * S - a.pad_top;
#pragma GCC unroll 20
  for (int j = 0; j < kRows; ++j) {
    const int64_t ih = ih0 + j;
    // Kernel rows outside the image contribute nothing: skip them instead of reading zeros.
    if (ih < 0 || ih >= a.in_h) continue;
    const float* row = a.input + ih * a.in_w + col;
    __m512 x[K];
#pragma GCC unroll 5
    for (int kx = 0; kx < K; ++kx) x[kx] = LoadTaps<K, S>(row, kx, masks, kx);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      const int ky = j - r * S;
      if (ky < 0 || ky >= K) continue;
#pragma GCC unroll 5
      for (int kx = 0; kx < K; ++kx) acc[r] = _mm512_fmadd_ps(w[ky * K + kx], x[kx], acc[r]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
    const int64_t oh = oh0 + r;
    if (e != nullptr) {
      const float* res = e->residual != nullptr ? e->residual + oh * e->residual_ld + ow : nullptr;
      acc[r] = Finish<kAct>(acc[r], e, res, store, act_lo, act_hi);
    }
    _mm512_mask_storeu_ps(a.out + oh * a.out_w + ow, store, acc[r]);
  }
}

// Column blocks outermost: the load masks depend only on the column, so they are computed once per block.
template <int K, int S, int kAct>
void Plane(const DepthwisePlaneArgs& a, const EpilogueArgs* e) {
  // Rows per pass: enough independent accumulators to cover the FMA latency within the 32 vector registers.
  constexpr int kR = S == 1 ? 8 : 4;
  __m512 w[K * K];
  for (int t = 0; t < K * K; ++t) w[t] = _mm512_set1_ps(a.weights[t]);
  const __m512 act_lo = _mm512_set1_ps(e != nullptr ? e->act_alpha : 0.0f);
  const __m512 act_hi = _mm512_set1_ps(e != nullptr ? e->act_beta : 0.0f);
  for (int64_t ow = 0; ow < a.out_w; ow += 16) {
    const int64_t lanes = a.out_w - ow < 16 ? a.out_w - ow : 16;
    const __mmask16 store = static_cast<__mmask16>(RangeMask32(0, lanes));
    const ColumnMasks<K, S> masks = MasksFor<K, S>(ow, lanes, a.pad_left, a.in_w);
    int64_t oh = 0;
    for (; oh + kR <= a.out_h; oh += kR) RowBlock<K, S, kAct, kR>(a, e, w, masks, ow, store, oh, act_lo, act_hi);
    if (oh + 4 <= a.out_h && kR > 4) {
      RowBlock<K, S, kAct, 4>(a, e, w, masks, ow, store, oh, act_lo, act_hi);
      oh += 4;
    }
    if (oh + 2 <= a.out_h) {
      RowBlock<K, S, kAct, 2>(a, e, w, masks, ow, store, oh, act_lo, act_hi);
      oh += 2;
    }
    if (oh < a.out_h) RowBlock<K, S, kAct, 1>(a, e, w, masks, ow, store, oh, act_lo, act_hi);
  }
}

template <int K, int S>
void PlaneWithEpilogue(const DepthwisePlaneArgs& a) {
  const EpilogueArgs* e = a.epilogue;
  const Activation act = e != nullptr ? static_cast<Activation>(e->activation) : Activation::kNone;
  if (act == Activation::kNone) return Plane<K, S, 0>(a, e);
  if (act == Activation::kRelu) return Plane<K, S, 1>(a, e);
  if (act == Activation::kClip) return Plane<K, S, 2>(a, e);
  // Transcendental activations: one pass over the plane while it is in cache.
  Plane<K, S, 0>(a, nullptr);
  EpilogueAvx512(a.out, a.out_w, a.out_h, a.out_w, e);
}

}  // namespace

void DepthwisePlaneAvx512(const DepthwisePlaneArgs* args) {
  const DepthwisePlaneArgs& a = *args;
  if (a.kernel == 3 && a.stride == 1) return PlaneWithEpilogue<3, 1>(a);
  if (a.kernel == 3 && a.stride == 2) return PlaneWithEpilogue<3, 2>(a);
  if (a.kernel == 5 && a.stride == 1) return PlaneWithEpilogue<5, 1>(a);
  PlaneWithEpilogue<5, 2>(a);
}

}  // namespace parity::rt
