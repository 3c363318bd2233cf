// Winograd F(4x4, 3x3) transforms on channel-blocked tensors, AVX-512: one zmm carries the 16 channels of one
// pixel, so both 1-D passes of each 2-D transform are plain vector arithmetic with no shuffles.
//
//   B^T = [4  0 -5  0 1 0;  0 -4 -4  1 1 0;  0 4 -4 -1 1 0;  0 -2 -1 2 1 0;  0 2 -1 -2 1 0;  0 4 0 -5 0 1]
//   A^T = [1 1 1 1 1 0;  0 1 -1 2 -2 0;  0 1 1 4 4 0;  0 1 -1 8 -8 1]
//
// (Lavin & Gray's interpolation points 0, +-1, +-2, infinity.) The passes share subexpressions the way the
// matrices pair their rows: rows 1/2 and 3/4 of B^T (and of A^T) are a sum and a difference of the same terms.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cstdint>

#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/activation_kind.h"

namespace parity::rt {
namespace {

constexpr int kB = kNchwcBlock;
constexpr int kP = kWinogradPatch;
constexpr int kT = kWinogradTile;

// r = B^T d along one dimension.
inline void InputPass(const __m512 d[kP], __m512 r[kP]) {
  const __m512 two = _mm512_set1_ps(2.f), four = _mm512_set1_ps(4.f), five = _mm512_set1_ps(5.f);
  const __m512 a = _mm512_fnmadd_ps(four, d[2], d[4]);  // d4 - 4 d2
  const __m512 b = _mm512_fnmadd_ps(four, d[1], d[3]);  // d3 - 4 d1
  const __m512 c = _mm512_sub_ps(d[4], d[2]);
  const __m512 e = _mm512_mul_ps(two, _mm512_sub_ps(d[3], d[1]));
  r[0] = _mm512_fmadd_ps(four, d[0], _mm512_fnmadd_ps(five, d[2], d[4]));
  r[1] = _mm512_add_ps(a, b);
  r[2] = _mm512_sub_ps(a, b);
  r[3] = _mm512_add_ps(c, e);
  r[4] = _mm512_sub_ps(c, e);
  r[5] = _mm512_fmadd_ps(four, d[1], _mm512_fnmadd_ps(five, d[3], d[5]));
}

// o = A^T m along one dimension.
inline void OutputPass(const __m512 m[kP], __m512 o[kT]) {
  const __m512 two = _mm512_set1_ps(2.f), four = _mm512_set1_ps(4.f), eight = _mm512_set1_ps(8.f);
  const __m512 s12 = _mm512_add_ps(m[1], m[2]), d12 = _mm512_sub_ps(m[1], m[2]);
  const __m512 s34 = _mm512_add_ps(m[3], m[4]), d34 = _mm512_sub_ps(m[3], m[4]);
  o[0] = _mm512_add_ps(_mm512_add_ps(m[0], s12), s34);
  o[1] = _mm512_fmadd_ps(two, d34, d12);
  o[2] = _mm512_fmadd_ps(four, s34, s12);
  o[3] = _mm512_add_ps(_mm512_fmadd_ps(eight, d34, d12), m[5]);
}

// Transforms one 6x6 patch: pixel (py, px) at patch[py * row_stride + px * 16].
inline void InputTile(const float* patch, int64_t row_stride, float* v, int64_t v_xi_stride) {
  __m512 t[kP][kP];  // t[py][j]: rows transformed along x
  for (int py = 0; py < kP; ++py) {
    __m512 d[kP];
    for (int px = 0; px < kP; ++px) d[px] = _mm512_loadu_ps(patch + py * row_stride + px * kB);
    InputPass(d, t[py]);
  }
  for (int j = 0; j < kP; ++j) {
    __m512 d[kP], r[kP];
    for (int py = 0; py < kP; ++py) d[py] = t[py][j];
    InputPass(d, r);
    for (int i = 0; i < kP; ++i) _mm512_storeu_ps(v + (i * kP + j) * v_xi_stride, r[i]);
  }
}

// Copies the patch at (iy0, ix0) into a dense 6x6 buffer with zeros outside the image.
void GatherBorderPatch(const NchwcWinogradInputArgs& a, int64_t iy0, int64_t ix0, float* buf) {
  const __m512 zero = _mm512_setzero_ps();
  for (int py = 0; py < kP; ++py) {
    const int64_t iy = iy0 + py;
    for (int px = 0; px < kP; ++px) {
      const int64_t ix = ix0 + px;
      const bool inside = iy >= 0 && iy < a.in_h && ix >= 0 && ix < a.in_w;
      const __m512 val = inside ? _mm512_loadu_ps(a.x + (iy * a.in_w + ix) * kB) : zero;
      _mm512_storeu_ps(buf + (py * kP + px) * kB, val);
    }
  }
}

inline __m512 Activate(__m512 v, int act, __m512 lo, __m512 hi) {
  if (act == static_cast<int>(Activation::kRelu)) return _mm512_max_ps(v, _mm512_setzero_ps());
  if (act == static_cast<int>(Activation::kClip)) return _mm512_min_ps(_mm512_max_ps(v, lo), hi);
  return v;
}

// FB output blocks x NT tiles of the product (FB * NT <= 24 accumulators): per channel, FB weight loads and NT
// broadcasts feed FB * NT FMAs; the tile starts from zero and is stored once. The same shape as the blocked conv's
// pointwise tile (nchwc_conv_avx512.cc) without its bias and epilogue steps; built from that file's helpers the
// product measured 15% slower on 16-channel products, so it keeps its own loops.
template <int FB, int NT>
__attribute__((always_inline)) inline void ProductTile(const NchwcWinogradProductArgs& a, int64_t t0) {
  __m512 acc[FB][NT];
  for (int f = 0; f < FB; ++f) {
    for (int j = 0; j < NT; ++j) acc[f][j] = _mm512_setzero_ps();
  }
  const float* v = a.v + t0 * kB;
  for (int64_t c0 = 0; c0 < a.channels; c0 += kB, v += a.v_block_stride) {
    const int cn = static_cast<int>(std::min<int64_t>(kB, a.channels - c0));
    const float* u = a.u + c0 * kB;
    for (int ci = 0; ci < cn; ++ci) {
      __m512 w[FB];
      for (int f = 0; f < FB; ++f) w[f] = _mm512_loadu_ps(u + f * a.u_block_stride + ci * kB);
      for (int j = 0; j < NT; ++j) {
        const __m512 x = _mm512_set1_ps(v[j * kB + ci]);
        for (int f = 0; f < FB; ++f) acc[f][j] = _mm512_fmadd_ps(x, w[f], acc[f][j]);
      }
    }
  }
  for (int f = 0; f < FB; ++f) {
    for (int j = 0; j < NT; ++j) _mm512_storeu_ps(a.m + f * a.m_block_stride + (t0 + j) * kB, acc[f][j]);
  }
}

template <int FB, int NT>
void ProductRemainder(const NchwcWinogradProductArgs& a, int64_t t0, int64_t n) {
  if constexpr (NT > 1) {
    if (n == NT) return ProductTile<FB, NT>(a, t0);
    return ProductRemainder<FB, NT - 1>(a, t0, n);
  } else {
    (void)n;
    ProductTile<FB, 1>(a, t0);
  }
}

template <int FB>
void Product(const NchwcWinogradProductArgs& a) {
  constexpr int kWide = FB == 1 ? 16 : FB == 2 ? 12 : FB == 3 ? 8 : 6;
  // Tiles as equal as possible: a narrow last tile would have too few accumulation chains.
  const int64_t n = a.tiles, count = (n + kWide - 1) / kWide;
  int64_t t0 = 0;
  for (int64_t i = 0; i < count; ++i) {
    const int64_t width = n / count + (i < n % count ? 1 : 0);
    if (width == kWide) {
      ProductTile<FB, kWide>(a, t0);
    } else {
      ProductRemainder<FB, kWide>(a, t0, width);
    }
    t0 += width;
  }
}

}  // namespace

void NchwcWinogradProductAvx512(const NchwcWinogradProductArgs* args) {
  switch (args->blocks) {
    case 1:
      return Product<1>(*args);
    case 2:
      return Product<2>(*args);
    case 3:
      return Product<3>(*args);
    default:
      return Product<4>(*args);
  }
}

void NchwcWinogradInputAvx512(const NchwcWinogradInputArgs* args) {
  const NchwcWinogradInputArgs& a = *args;
  alignas(64) float border[kP * kP * kB];
  for (int64_t k = 0; k < a.tiles; ++k) {
    const int64_t t = a.t0 + k;
    const int64_t iy0 = (t / a.tiles_w) * kT - a.pad_top, ix0 = (t % a.tiles_w) * kT - a.pad_left;
    float* v = a.v + k * kB;
    if (iy0 >= 0 && ix0 >= 0 && iy0 + kP <= a.in_h && ix0 + kP <= a.in_w) {
      InputTile(a.x + (iy0 * a.in_w + ix0) * kB, a.in_w * kB, v, a.v_xi_stride);
    } else {
      GatherBorderPatch(a, iy0, ix0, border);
      InputTile(border, kP * kB, v, a.v_xi_stride);
    }
  }
}

void NchwcWinogradOutputAvx512(const NchwcWinogradOutputArgs* args) {
  const NchwcWinogradOutputArgs& a = *args;
  const __m512 bias = _mm512_loadu_ps(a.bias);
  const __m512 lo = _mm512_set1_ps(a.alpha), hi = _mm512_set1_ps(a.beta);
  for (int64_t k = 0; k < a.tiles; ++k) {
    const int64_t t = a.t0 + k;
    const int64_t oy0 = (t / a.tiles_w) * kT, ox0 = (t % a.tiles_w) * kT;
    const int rows = static_cast<int>(std::min<int64_t>(kT, a.out_h - oy0));
    const int cols = static_cast<int>(std::min<int64_t>(kT, a.out_w - ox0));
    const float* m = a.m + k * kB;
    __m512 s[kP][kT];  // s[i][q]: rows of M transformed along j
    for (int i = 0; i < kP; ++i) {
      __m512 d[kP];
      for (int j = 0; j < kP; ++j) d[j] = _mm512_loadu_ps(m + (i * kP + j) * a.m_xi_stride);
      OutputPass(d, s[i]);
    }
    for (int q = 0; q < cols; ++q) {
      __m512 d[kP], o[kT];
      for (int i = 0; i < kP; ++i) d[i] = s[i][q];
      OutputPass(d, o);
      for (int p = 0; p < rows; ++p) {
        const int64_t offset = ((oy0 + p) * a.out_w + ox0 + q) * kB;
        __m512 val = _mm512_add_ps(o[p], bias);
        if (a.res != nullptr) val = _mm512_add_ps(val, _mm512_loadu_ps(a.res + offset));
        _mm512_storeu_ps(a.y + offset, Activate(val, a.act, lo, hi));
      }
    }
  }
}

}  // namespace parity::rt
