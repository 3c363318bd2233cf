// The general Resize configuration (parsed in resize.cc) and the portable separable N-D kernel for it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kernels/kernel.h"

namespace parity::rt {

struct ResizeSpec {
  enum Mode { kNearest, kLinear, kCubic };
  Mode mode = kNearest;
  std::string ctm = "half_pixel";  // coordinate_transformation_mode
  // round_prefer_floor | round_prefer_ceil | floor | ceil, or "simple" (Resize-10 / Upsample): truncate when the
  // axis grows, ceil when it shrinks.
  std::string nearest = "round_prefer_floor";
  double cubic_a = -0.75;
  bool exclude_outside = false;
  float extrapolation = 0.f;
  bool antialias = false;
  Dims in, out;
  std::vector<double> scales;  // per dim
  std::vector<double> roi;     // tf_crop_and_resize: starts of every dim, then ends
};

std::unique_ptr<Kernel> MakeResizeNd(const ResizeSpec& spec);

}  // namespace parity::rt
