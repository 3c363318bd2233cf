// Sliding-window geometry and kernels shared by the convolution and pooling ops (Conv, ConvInteger, QLinearConv,
// ConvTranspose, AveragePool, MaxPool, LpPool).
//
// Conventions: tensors are [N, C, D1, ..., Dn] row-major; `pads` are ONNX-ordered [b1..bn, e1..en]; every kernel
// works on doubles (integers are exact in double far beyond the sizes these ops see).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

class OpContext;

enum class AutoPad { kNotSet, kSameUpper, kSameLower, kValid };

// Window attributes as written on the node, with absent ones filled by their ONNX defaults.
struct WindowAttrs {
  AutoPad auto_pad = AutoPad::kNotSet;
  std::vector<int64_t> kernel;     // kernel_shape
  std::vector<int64_t> strides;    // default 1
  std::vector<int64_t> dilations;  // default 1
  std::vector<int64_t> pads;       // default 0; 2 * spatial entries
  bool ceil_mode = false;          // pools only
};

// Resolved geometry of one window op over one input.
struct WindowGeometry {
  std::vector<int64_t> in;         // input spatial dims
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pad_begin;
  std::vector<int64_t> pad_end;
  std::vector<int64_t> out;        // output spatial dims
  int64_t spatial() const { return static_cast<int64_t>(in.size()); }
  int64_t InSize() const;          // product of `in`
  int64_t OutSize() const;         // product of `out`
  int64_t KernelSize() const;      // product of `kernel`
};

AutoPad ParseAutoPad(const OpContext& ctx);

// Reads auto_pad, kernel_shape, strides, dilations, pads (and ceil_mode when `read_ceil_mode`) for `spatial`
// dims. `weight_kernel` is the kernel from W for convolutions (kernel_shape must then agree with it); pools pass
// an empty vector and kernel_shape is required. Attributes the op version lacks (dilations before MaxPool-10,
// ...) must simply not be read: pass `read_dilations` = false.
WindowAttrs ReadWindowAttrs(const OpContext& ctx, int64_t spatial, const std::vector<int64_t>& weight_kernel,
                            bool read_dilations, bool read_ceil_mode);

// Output size and padding of a convolution: out = floor((in + pb + pe - ((k-1)*d + 1)) / s) + 1; SAME_* pads
// so that out = ceil(in / s), the odd unit of padding going to the end (UPPER) or the beginning (LOWER).
WindowGeometry ConvWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in);

// As ConvWindow, plus ceil_mode: the output size is rounded up, except that a last window starting beyond the
// input and the leading pad is dropped (windows may then overhang the trailing pad; overhanging cells are
// ignored, as pooling ignores padding cells).
WindowGeometry PoolWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in);

// y[n, m, out...] = sum over c, k of w[m, c, k...] * x[n, group(m)*Cg + c, out*s - pb + k*d] (zero outside x),
// for `images` images of `channels` channels, `out_channels` output channels and `group` groups. y must hold
// images * out_channels * g.OutSize() values and is overwritten. Uses im2col + DGemm per group (direct
// accumulation for depthwise convolutions).
void Convolve(const double* x, const double* w, const WindowGeometry& g, int64_t images, int64_t channels,
              int64_t out_channels, int64_t group, double* y, int threads);

// Pooling of `planes` independent [D1..Dn] planes (N*C of them). Cells outside the input (padding, ceil_mode
// overhang) never take part, except that AveragePool with count_include_pad counts the explicit padding cells
// (not the ceil_mode overhang) in its divisor.
enum class PoolKind { kMax, kAverage, kLp };
struct PoolOptions {
  PoolKind kind = PoolKind::kMax;
  bool count_include_pad = false;  // kAverage
  double p = 2;                    // kLp
};
// y receives planes * g.OutSize() values; `argmax` (may be null, kMax only) receives for each output the
// row-major spatial offset of the maximum inside its plane, or -1 for a window without any input cell.
void Pool(const double* x, int64_t planes, const WindowGeometry& g, const PoolOptions& options, double* y,
          int64_t* argmax);

// Runs a pooling op on input 0 of `ctx` ([N, C, D1..Dn], any numeric type): reads the window attributes
// (dilations / ceil_mode only when the op version has them), pools, and returns y with x's dtype. `argmax`
// (optional) receives MaxPool's per-output row-major spatial offsets.
Tensor RunPoolOp(const OpContext& ctx, const PoolOptions& options, bool has_dilations, bool has_ceil_mode,
                 std::vector<int64_t>* argmax = nullptr);

// Output shape [N, C_out, out...] of a window op.
Shape WindowOutputShape(int64_t n, int64_t c, const WindowGeometry& g);

}  // namespace parity::ref
