// Shared by Resize and Upsample: separable N-D interpolation (nearest / linear / cubic, optional antialias) with the
// ONNX coordinate transformations. Each output coordinate along an axis maps to a point x_original of the input
// axis; the output element is the tensor product of per-axis 1-D filters (taps and weights) around those points.
//
// Taps follow the ONNX reference: for x = x_original, base = ceil(x) - 1 and ratio = x - base in (0, 1]; linear
// uses taps base, base+1 with weights (1 - ratio, ratio); cubic uses base-1 .. base+2 with Keys' kernel (parameter
// A = cubic_coeff_a); antialias widens the linear/cubic kernel by 1/scale when downsampling and normalises it.
// Taps outside the input read the nearest edge element, unless exclude_outside zeroes them (weights renormalised).
// Nearest picks base or base+1 by `nearest_mode` (an integral x picks x itself).
#pragma once

#include <string>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

struct ResizeParams {
  enum class Mode { kNearest, kLinear, kCubic };
  Mode mode = Mode::kNearest;
  // half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric, tf_half_pixel_for_nn,
  // tf_crop_and_resize.
  std::string coordinate_mode = "half_pixel";
  // round_prefer_floor, round_prefer_ceil, floor, ceil; or "simple" (Resize-10 / Upsample, as onnxruntime does
  // there): truncate when upsampling the axis, ceil when downsampling it.
  std::string nearest_mode = "round_prefer_floor";
  double cubic_coeff_a = -0.75;
  bool exclude_outside = false;
  double extrapolation_value = 0;
  bool antialias = false;
  std::vector<double> scales;  // per input dimension
  Shape out_shape;             // per input dimension
  std::vector<double> roi;     // tf_crop_and_resize only: starts of every dimension, then ends
};

// Resizes x (any numeric type; integer results truncate toward zero as the ONNX reference's astype does).
// Throws Error for unknown modes.
Tensor ResizeTensor(const Tensor& x, const ResizeParams& params);

}  // namespace parity::ref
