// AVX-512 row kernel of the blocked direct convolution (16 output channels = one zmm per output column):
// 8 columns at a time keep 8 accumulators in registers; each input value is broadcast into an FMA.
#include <immintrin.h>

#include "kernels/ops/conv_nchwc_row.h"

namespace parity::rt {
namespace {

template <int kCols>
void Columns(const NchwcRowArgs& a, int64_t ox) {
  __m512 acc[kCols];
  __m512 bias = _mm512_loadu_ps(a.bias);
  for (int j = 0; j < kCols; ++j) acc[j] = bias;
  int64_t kk = a.kh * a.kw;
  for (int64_t ki = 0; ki < a.kh; ++ki) {
    int64_t iy = a.oy * a.sh - a.pt + ki * a.dh;
    if (iy < 0 || iy >= a.ih) continue;
    for (int64_t kj = 0; kj < a.kw; ++kj) {
      int64_t ix = ox * a.sw - a.pl + kj * a.dw;
      const float* wk = a.w + (ki * a.kw + kj) * 16;
      if (a.in_blocked) {
        for (int64_t c = 0; c < a.c; ++c) {
          const float* xp = a.x + (((c >> 4) * a.ih + iy) * a.iw + ix) * 16 + (c & 15);
          __m512 wv = _mm512_loadu_ps(wk + c * kk * 16);
          for (int j = 0; j < kCols; ++j) acc[j] = _mm512_fmadd_ps(_mm512_set1_ps(xp[j * a.sw * 16]), wv, acc[j]);
        }
      } else {
        for (int64_t c = 0; c < a.c; ++c) {
          const float* xp = a.x + (c * a.ih + iy) * a.iw + ix;
          __m512 wv = _mm512_loadu_ps(wk + c * kk * 16);
          for (int j = 0; j < kCols; ++j) acc[j] = _mm512_fmadd_ps(_mm512_set1_ps(xp[j * a.sw]), wv, acc[j]);
        }
      }
    }
  }
  for (int j = 0; j < kCols; ++j) {
    if (a.res) acc[j] = _mm512_add_ps(acc[j], _mm512_loadu_ps(a.res + (ox + j) * 16));
    _mm512_storeu_ps(a.y + (ox + j) * 16, acc[j]);
  }
}

}  // namespace

void ConvNchwcRowAvx512(const NchwcRowArgs& a) {
  int64_t ox = a.ox0;
  for (; ox + 8 <= a.ox1; ox += 8) Columns<8>(a, ox);
  for (; ox < a.ox1; ++ox) Columns<1>(a, ox);
}

}  // namespace parity::rt
