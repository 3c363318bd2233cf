// The ISA boundary of the channel-blocked (NCHW16c) direct convolutions: leaf functions on raw pointers.
// A blocked tensor is (N, ceil(C/16), H, W, 16); lanes past C in the last block are unspecified on input (never
// read into a result) and written as computed from zero weights/bias on output.
// Internal header: only the blocked conv op and isa_dispatch include it.
#ifndef PARITY_RUNTIME_KERNELS_CONV_NCHWC_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_CONV_NCHWC_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

constexpr int kNchwcBlock = 16;          // channels per block of the vector kernels (one zmm)
constexpr int kNchwcMaxFilterGroup = 4;  // output blocks per row-kernel or product call

// Group-1 convolution, one output row of up to 4 consecutive 16-channel output blocks (a "filter group"):
//   y[f][ox][lane] = act(bias[f*16 + lane] + res[f][ox][lane] + sum over taps and input channels)
// for ox in [0, out_w). Taps outside the input (zero padding) are skipped. A 1x1 stride-1 unpadded conv may pass
// a run of pixels spanning several image rows as one "row" (in_h = 1, in_w = out_w = run length).
// Weights of the group are packed [f][kh][kw][c_padded][16] with c_padded = 16 * ceil(c / 16) (zeros past c) for
// blocked inputs and c_padded = c for plain inputs;
// output block f starts w_block_stride floats after block f - 1.
struct NchwcConvRowArgs {
  const float* x;          // input image: blocked (ceil(c/16), in_h, in_w, 16), or plain (c, in_h, in_w)
  int in_blocked;          // 1: blocked input; 0: plain NCHW input (the network stem)
  int64_t x_block_stride;  // floats between consecutive input channel blocks (blocked) or channels (plain)
  const float* w;          // packed weights of output block 0 of the group
  int64_t w_block_stride;  // floats between consecutive output blocks' weights
  const float* bias;       // 16 * blocks values (zero padded), never null
  const float* res;        // residual of block 0, row oy: (out_w, 16) with block stride y_block_stride; or null
  float* y;                // output of block 0, row oy: (out_w, 16)
  int64_t y_block_stride;  // floats between consecutive output blocks (out_h * out_w * 16)
  int blocks;              // output blocks in the group, 1..4
  int64_t oy;              // output row
  int64_t out_w;
  int64_t c;  // input channels (group 1)
  int64_t in_h, in_w;
  int64_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  int act;            // Activation (activation_kind.h): kNone, kRelu, kClip in registers; others: the caller's
  float alpha, beta;  // Clip bounds
};

using NchwcConvRowFn = void (*)(const NchwcConvRowArgs* args);

// Depthwise convolution (group == c == oc) of one 16-channel block, output rows [oy, oy + rows):
//   y[r][ox][lane] = act(bias[lane] + res[r][ox][lane] + sum over taps x[iy][ix][lane] * w[ky][kx][lane])
// for ox in [0, out_w), zero padding. Several rows per call let narrow maps (7x7, 14x14) load the weights and
// pad the input once instead of once per row, which is most of a short row's cost.
struct NchwcDepthwiseRowArgs {
  const float* x;     // input plane of the block: (in_h, in_w, 16)
  const float* w;     // (kernel_h, kernel_w, 16)
  const float* bias;  // 16 values, never null
  const float* res;   // residual rows (rows, out_w, 16), or null
  float* y;           // output rows (rows, out_w, 16)
  int64_t oy;
  int64_t rows;  // output rows; 0 means 1
  int64_t out_w;
  int64_t in_h, in_w;
  int64_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  int act;  // Activation: kNone, kRelu, kClip in registers; others: the caller's
  float alpha, beta;
};

using NchwcDepthwiseRowFn = void (*)(const NchwcDepthwiseRowArgs* args);

// Winograd F(4x4, 3x3) on blocked tensors (3x3, stride 1, dilation 1, group 1): the output plane is cut into 4x4
// tiles (row-major over a tiles_w-wide grid; the last row and column may stick out of the image), each computed
// from a 6x6 input patch as Y = A^T [(G g G^T) . (B^T d B)] A. The 36 transformed values of a tile (xi = 6 * i + j)
// are stored as 36 blocked "images" whose pixels are tiles, so the products over channels are 36 pointwise convs.
constexpr int kWinogradTile = 4;   // outputs per tile side
constexpr int kWinogradPatch = 6;  // input pixels per patch side
constexpr int kWinogradXi = kWinogradPatch * kWinogradPatch;

// V = B^T d B of tiles [t0, t0 + tiles) of one 16-channel input block, zero padding outside the image:
//   v[xi * v_xi_stride + (t - t0) * 16 + lane]
// Lanes past the channel count are transformed like the others (unspecified in, unspecified out).
struct NchwcWinogradInputArgs {
  const float* x;  // the block's input plane (in_h, in_w, 16)
  int64_t in_h, in_w, pad_top, pad_left;
  int64_t tiles_w;
  int64_t t0, tiles;
  float* v;
  int64_t v_xi_stride;
};

// y = act(bias + res + A^T M A) for the pixels of tiles [t0, t0 + tiles) inside the out_h x out_w image, one
// 16-channel output block; M is read as m[xi * m_xi_stride + (t - t0) * 16 + lane].
struct NchwcWinogradOutputArgs {
  const float* m;
  int64_t m_xi_stride;
  const float* bias;  // 16 values, never null
  const float* res;   // the block's residual plane (out_h, out_w, 16), or null
  float* y;           // the block's output plane (out_h, out_w, 16)
  int64_t out_h, out_w;
  int64_t tiles_w;
  int64_t t0, tiles;
  int act;  // Activation: kNone, kRelu, kClip in registers; others: the caller's
  float alpha, beta;
};

// One transformed product over the input channels, for `blocks` (1..kNchwcMaxFilterGroup) output blocks and
// `tiles` tiles:
//   m[f * m_block_stride + t * 16 + lane] = sum over c < channels of
//       v[(c / 16) * v_block_stride + t * 16 + c % 16] * u[f * u_block_stride + c * 16 + lane]
// (a pointwise conv without bias or epilogue; lanes of v past `channels` are never read).
struct NchwcWinogradProductArgs {
  const float* v;
  int64_t v_block_stride;
  const float* u;
  int64_t u_block_stride;
  float* m;
  int64_t m_block_stride;
  int blocks;
  int64_t tiles, channels;
};

using NchwcWinogradInputFn = void (*)(const NchwcWinogradInputArgs* args);
using NchwcWinogradProductFn = void (*)(const NchwcWinogradProductArgs* args);
using NchwcWinogradOutputFn = void (*)(const NchwcWinogradOutputArgs* args);

void NchwcConvRowAvx512(const NchwcConvRowArgs* args);
void NchwcDepthwiseRowAvx512(const NchwcDepthwiseRowArgs* args);
void NchwcWinogradInputAvx512(const NchwcWinogradInputArgs* args);
void NchwcWinogradOutputAvx512(const NchwcWinogradOutputArgs* args);
void NchwcWinogradProductAvx512(const NchwcWinogradProductArgs* args);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_CONV_NCHWC_UKERNELS_H_
