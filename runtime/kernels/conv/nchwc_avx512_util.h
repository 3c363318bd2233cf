// Helpers shared by the AVX-512 blocked conv row kernels (nchwc_conv, nchwc_pointwise_narrow, nchwc_stem). Include
// only from files compiled with AVX-512 flags. Internal header of kernels/conv.
#ifndef PARITY_RUNTIME_KERNELS_CONV_NCHWC_AVX512_UTIL_H_
#define PARITY_RUNTIME_KERNELS_CONV_NCHWC_AVX512_UTIL_H_

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/activation_kind.h"

namespace parity::rt::nchwc_avx512 {

// Calls f(std::integral_constant<int, n>()) for a run-time width n in [1, W] (larger n: W). Tile and pixel-group
// functions take their width as a template argument, so their accumulators are a fixed set of registers.
template <int W, typename F>
__attribute__((always_inline)) inline void WithWidth(int64_t n, F&& f) {
  if constexpr (W > 1) {
    if (n < W) return WithWidth<W - 1>(n, f);
  }
  f(std::integral_constant<int, W>());
}

// Cuts columns [x0, x0 + n) into ceil(n / W) tiles as equal as possible (a narrow last tile would have too few
// accumulation chains) and calls tile(x, width) for each.
template <int W, typename F>
__attribute__((always_inline)) inline void EqualTiles(int64_t x0, int64_t n, F&& tile) {
  const int64_t tiles = (n + W - 1) / W;
  int64_t x = x0;
  for (int64_t t = 0; t < tiles; ++t) {
    const int64_t width = n / tiles + (t < n % tiles ? 1 : 0);
    tile(x, width);
    x += width;
  }
}

// Output columns [begin, end) of row `a` whose every tap lies inside the input horizontally: ox * stride_w -
// pad_left >= 0 and ox * stride_w - pad_left + (kernel_w - 1) * dilation_w < in_w. Empty (begin == end) when none.
struct InteriorColumns {
  int64_t begin, end;
};
__attribute__((always_inline)) inline InteriorColumns InteriorOf(const NchwcConvRowArgs& a) {
  const int64_t sw = a.stride_w;
  const int64_t begin = std::min(a.out_w, (a.pad_left + sw - 1) / sw);
  const int64_t span = a.in_w + a.pad_left - (a.kernel_w - 1) * a.dilation_w;  // interior: ox * sw < span
  const int64_t end = span <= 0 ? begin : std::max(begin, std::min(a.out_w, (span + sw - 1) / sw));
  return {begin, end};
}

// The epilogue of one output pixel of a 16-channel block before its store: the residual (when res is non-null),
// then the in-register activation (`act` an Activation value: Relu, or Clip to [lo, hi]; others are the caller's).
__attribute__((always_inline)) inline __m512 Epilogue(__m512 v, const float* res, int act, __m512 lo, __m512 hi) {
  if (res != nullptr) v = _mm512_add_ps(v, _mm512_loadu_ps(res));
  if (act == static_cast<int>(Activation::kRelu)) v = _mm512_max_ps(v, _mm512_setzero_ps());
  if (act == static_cast<int>(Activation::kClip)) v = _mm512_min_ps(_mm512_max_ps(v, lo), hi);
  return v;
}

}  // namespace parity::rt::nchwc_avx512

#endif  // PARITY_RUNTIME_KERNELS_CONV_NCHWC_AVX512_UTIL_H_
