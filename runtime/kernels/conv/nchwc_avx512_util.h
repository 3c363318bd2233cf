// Helpers shared by the AVX-512 blocked conv row kernels (nchwc_conv, nchwc_pointwise_narrow, nchwc_stem). Include
// only from files compiled with AVX-512 flags. Internal header of kernels/conv.
#ifndef PARITY_RUNTIME_KERNELS_CONV_NCHWC_AVX512_UTIL_H_
#define PARITY_RUNTIME_KERNELS_CONV_NCHWC_AVX512_UTIL_H_

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

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
