// The ISA boundary of the convolution kernels: leaf functions on raw pointers, one exported per ISA.
// Internal header: only conv drivers and isa_dispatch include it.
#ifndef PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_

#include <cstdint>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {

// A depthwise convolution of one NCHW channel plane, dilation 1: all out_h x out_w outputs (bias folded in),
// then the epilogue when one is given (its bias fields are unused; its residual matches out[0], row stride
// residual_ld).
struct DepthwisePlaneArgs {
  const float* input;  // channel plane, in_h x in_w, row-major
  int64_t in_h;
  int64_t in_w;
  const float* weights;  // kernel x kernel taps, row-major
  int kernel;            // 3 or 5
  int stride;            // 1 or 2
  int64_t pad_left;
  int64_t pad_top;
  float bias;
  float* out;  // out_h x out_w floats, row-major
  int64_t out_h;
  int64_t out_w;
  const EpilogueArgs* epilogue;  // activation / residual, or null
};

using DepthwisePlaneFn = void (*)(const DepthwisePlaneArgs* args);

// Implicit im2col: rows [k0, k0 + kc) x columns [n0, n0 + nc) of one image's im2col matrix, packed into nr-wide
// B panels (layout of gemm_ukernels.h, columns past nc zeroed). Row k is (channel, ky, kx) = (k / (KH*KW),
// k / KW % KH, k % KW); column n is output pixel (n / out_w, n % out_w). Requires in_channels*in_h*in_w < 2^31.
struct Im2colPackArgs {
  const float* image;  // first channel of the group, in_h x in_w planes
  int64_t in_h;
  int64_t in_w;
  int64_t kernel_h;
  int64_t kernel_w;
  int64_t stride_h;
  int64_t stride_w;
  int64_t dilation_h;
  int64_t dilation_w;
  int64_t pad_top;
  int64_t pad_left;
  int64_t out_w;
  int64_t k0;
  int64_t kc;
  int64_t n0;
  int64_t nc;
  int nr;
  float* dst;
};

using Im2colPackFn = void (*)(const Im2colPackArgs* args);

void Im2colPackAvx512(const Im2colPackArgs* args);

// Winograd F(2x2, 3x3), one channel and a band of tile rows. Tile (tr, j) covers outputs [2tr, 2tr+2) x [2j, 2j+2)
// and reads the 4x4 input patch at (2tr - pad_top, 2j - pad_left), zero outside the image.
// Input transform: the 16 transformed values of tile (tile_row0 + tr, j) go to
// v[xi * v_stride + tr * tiles_w + j], xi = 4 * row + column of B^T d B.
struct WinogradInputArgs {
  const float* plane;  // one input channel, in_h x in_w
  int64_t in_h;
  int64_t in_w;
  int64_t pad_top;
  int64_t pad_left;
  int64_t tile_row0;
  int64_t tile_rows;
  int64_t tiles_w;
  float* v;
  int64_t v_stride;
};

// Output transform: reads m[xi * m_stride + tr * tiles_w + j] (the 16 GEMM results of one output channel) and
// writes A^T M A + bias to the output rows and columns that exist (out_h x out_w plane).
struct WinogradOutputArgs {
  const float* m;
  int64_t m_stride;
  int64_t tile_row0;
  int64_t tile_rows;
  int64_t tiles_w;
  float bias;
  float* out;
  int64_t out_h;
  int64_t out_w;
};

using WinogradInputFn = void (*)(const WinogradInputArgs* args);
using WinogradOutputFn = void (*)(const WinogradOutputArgs* args);

void WinogradInputGeneric(const WinogradInputArgs* args);
void WinogradInputAvx2(const WinogradInputArgs* args);
void WinogradInputAvx512(const WinogradInputArgs* args);
void WinogradOutputGeneric(const WinogradOutputArgs* args);
void WinogradOutputAvx2(const WinogradOutputArgs* args);
void WinogradOutputAvx512(const WinogradOutputArgs* args);

void DepthwisePlaneGeneric(const DepthwisePlaneArgs* args);
void DepthwisePlaneAvx2(const DepthwisePlaneArgs* args);
void DepthwisePlaneAvx512(const DepthwisePlaneArgs* args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_CONV_UKERNELS_H_
