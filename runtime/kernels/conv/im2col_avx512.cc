// Implicit-im2col B-panel packer, AVX-512: each 16 columns of a panel row are one masked gather, or two masked
// loads when the columns read consecutive input elements (stride 1 and at most two output rows). The portable
// packer copies runs of a single output row, which at 14x14 and 7x7 outputs are a few floats each, so its
// per-run overhead (index math, memcpy calls, zero fills) cost more than the copying itself.
// GCC 12 flags its own _mm512_undefined_ps() as maybe-uninitialized (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#include "kernels/conv/conv_ukernels.h"

namespace parity::rt {
namespace {

// Where the 16 columns n .. n+15 start reading: the input row/column of tap (0, 0), and its plane offset.
struct ColumnOrigins {
  __m512i ih;
  __m512i iw;
  __m512i offset;   // ih * in_w + iw
  __mmask16 valid;  // columns < n_end
  // Stride 1, dilation 1, and the 16 columns span at most two output rows: each row's lanes read consecutive
  // input elements, so two masked loads replace the gather. first_row: lanes in the first row; row_offset[r]:
  // plane offset read by the first lane of row r, shifted so that lane t of the vector reads row_offset[r] + t.
  bool contiguous;
  __mmask16 first_row;
  int64_t row_offset[2];
};

ColumnOrigins OriginsOf(const Im2colPackArgs& p, int64_t n, int64_t n_end) {
  alignas(64) int32_t ih[16];
  alignas(64) int32_t iw[16];
  int64_t oh = n / p.out_w;
  int64_t ow = n % p.out_w;
  for (int t = 0; t < 16; ++t) {
    ih[t] = static_cast<int32_t>(oh * p.stride_h - p.pad_top);
    iw[t] = static_cast<int32_t>(ow * p.stride_w - p.pad_left);
    if (++ow == p.out_w) {
      ow = 0;
      ++oh;
    }
  }
  ColumnOrigins o;
  o.ih = _mm512_load_si512(ih);
  o.iw = _mm512_load_si512(iw);
  o.offset = _mm512_add_epi32(_mm512_mullo_epi32(o.ih, _mm512_set1_epi32(static_cast<int32_t>(p.in_w))), o.iw);
  const int64_t left = n_end - n;
  o.valid = left >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (left > 0 ? left : 0)) - 1u);
  const int64_t ow0 = n % p.out_w;
  const int64_t in_first = p.out_w - ow0 < 16 ? p.out_w - ow0 : 16;
  o.contiguous = p.stride_w == 1 && p.dilation_w == 1 && (in_first == 16 || 16 - in_first <= p.out_w);
  o.first_row = static_cast<__mmask16>(in_first >= 16 ? 0xFFFF : (1u << in_first) - 1u);
  o.row_offset[0] = static_cast<int64_t>(ih[0]) * p.in_w + iw[0];
  o.row_offset[1] = in_first < 16 ? static_cast<int64_t>(ih[in_first]) * p.in_w + iw[in_first] - in_first : 0;
  return o;
}

// One panel: nr / 16 column vectors (at most 4), all kc rows.
void PackPanel(const Im2colPackArgs& p, int64_t n, int64_t n_end, float* dst) {
  constexpr int kMaxVectors = 4;
  const int vectors = p.nr / 16;
  ColumnOrigins cols[kMaxVectors];
  for (int v = 0; v < vectors; ++v) cols[v] = OriginsOf(p, n + 16 * v, n_end);
  const __m512i in_h = _mm512_set1_epi32(static_cast<int32_t>(p.in_h));
  const __m512i in_w = _mm512_set1_epi32(static_cast<int32_t>(p.in_w));
  const int64_t taps = p.kernel_h * p.kernel_w;
  const int64_t plane = p.in_h * p.in_w;
  int64_t c = p.k0 / taps;
  int64_t ky = p.k0 / p.kernel_w % p.kernel_h;
  int64_t kx = p.k0 % p.kernel_w;
  for (int64_t kk = 0; kk < p.kc; ++kk) {
    const int32_t dy = static_cast<int32_t>(ky * p.dilation_h);
    const int32_t dx = static_cast<int32_t>(kx * p.dilation_w);
    const int64_t shift_scalar = c * plane + dy * p.in_w + dx;
    const __m512i shift = _mm512_set1_epi32(static_cast<int32_t>(shift_scalar));
    for (int v = 0; v < vectors; ++v) {
      // Unsigned compares fold the >= 0 and < size tests: negative coordinates wrap to huge values.
      const __m512i ih = _mm512_add_epi32(cols[v].ih, _mm512_set1_epi32(dy));
      const __m512i iw = _mm512_add_epi32(cols[v].iw, _mm512_set1_epi32(dx));
      const __mmask16 inside = cols[v].valid & _mm512_cmplt_epu32_mask(ih, in_h) & _mm512_cmplt_epu32_mask(iw, in_w);
      __m512 x;
      if (cols[v].contiguous) {
        // Masked-off lanes never touch memory, so the row pointers may lie outside the image.
        const int64_t s0 = cols[v].row_offset[0] + shift_scalar;
        const int64_t s1 = cols[v].row_offset[1] + shift_scalar;
        x = _mm512_maskz_loadu_ps(inside & cols[v].first_row, p.image + s0);
        x = _mm512_mask_loadu_ps(x, inside & static_cast<__mmask16>(~cols[v].first_row), p.image + s1);
      } else {
        const __m512i index = _mm512_add_epi32(cols[v].offset, shift);
        x = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), inside, index, p.image, 4);
      }
      _mm512_storeu_ps(dst + kk * p.nr + 16 * v, x);
    }
    if (++kx == p.kernel_w) {
      kx = 0;
      if (++ky == p.kernel_h) {
        ky = 0;
        ++c;
      }
    }
  }
}

}  // namespace

void Im2colPackAvx512(const Im2colPackArgs* args) {
  const Im2colPackArgs& p = *args;
  const int64_t n_end = p.n0 + p.nc;
  float* dst = p.dst;
  for (int64_t n = p.n0; n < n_end; n += p.nr) {
    PackPanel(p, n, n_end, dst);
    dst += p.kc * p.nr;
  }
}

}  // namespace parity::rt
