#include "core/resize_common.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/movement_take.h"
#include "parity/reference/error.h"

namespace parity::ref {
namespace {

// The 1-D filter for one output coordinate: input indices (already clamped to the edge) and weights.
struct Taps {
  std::vector<int64_t> index;
  std::vector<double> weight;
  bool outside = false;  // tf_crop_and_resize sampled outside the input: the element is extrapolation_value
};

double MapCoordinate(const ResizeParams& p, double scale, int64_t in_len, int64_t out_len, double x,
                     const double* roi_start_end) {
  const double input_width = static_cast<double>(in_len);
  const double output_width = scale * input_width;  // the real-valued length, as the ONNX reference uses
  const std::string& m = p.coordinate_mode;
  if (m == "half_pixel") return (x + 0.5) / scale - 0.5;
  if (m == "asymmetric") return x / scale;
  if (m == "align_corners") return output_width == 1 ? 0.0 : x * (input_width - 1) / (output_width - 1);
  if (m == "pytorch_half_pixel") return output_width == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
  if (m == "tf_half_pixel_for_nn") return (x + 0.5) / scale;
  if (m == "half_pixel_symmetric") {
    const double adjustment = static_cast<double>(out_len) / output_width;
    const double center = input_width / 2;
    const double offset = center * (1 - adjustment);
    return offset + (x + 0.5) / scale - 0.5;
  }
  if (m == "tf_crop_and_resize") {
    const double start = roi_start_end[0];
    const double end = roi_start_end[1];
    double x_ori = output_width == 1 ? (end - start) * (input_width - 1) / 2
                                     : x * (end - start) * (input_width - 1) / (output_width - 1);
    return x_ori + start * (input_width - 1);
  }
  throw Error("unknown coordinate_transformation_mode '" + m + "'");
}

double CubicKernel(double x, double a) {  // Keys' cubic convolution kernel
  x = std::fabs(x);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

// Weights of taps base+first .. base+first+n-1 for the interpolating modes.
std::vector<double> FilterWeights(const ResizeParams& p, double ratio, double scale, int64_t& first) {
  using Mode = ResizeParams::Mode;
  if (!p.antialias) {
    if (p.mode == Mode::kLinear) {
      first = 0;
      return {1 - ratio, ratio};
    }
    const double a = p.cubic_coeff_a;
    first = -1;
    // The ONNX reference's closed forms for offsets -1, 0, 1, 2 (kept as written for identical rounding).
    const double r1 = ratio + 1;
    const double q = 1 - ratio;
    const double q1 = q + 1;
    return {((a * r1 - 5 * a) * r1 + 8 * a) * r1 - 4 * a, ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1,
            ((a + 2) * q - (a + 3)) * q * q + 1, ((a * q1 - 5 * a) * q1 + 8 * a) * q1 - 4 * a};
  }
  const double s = std::min(scale, 1.0);
  std::vector<double> w;
  double sum = 0;
  if (p.mode == Mode::kLinear) {
    first = static_cast<int64_t>(std::floor(-1 / s) + 1);
    const int64_t count = 2 - 2 * first;
    for (int64_t i = first; i < first + count; ++i) {
      w.push_back(std::clamp(1 - std::fabs((static_cast<double>(i) - ratio) * s), 0.0, 1.0));
    }
  } else {
    first = static_cast<int64_t>(std::floor(-2 / s) + 1);
    for (int64_t i = first; i < 2 - first; ++i) w.push_back(CubicKernel(s * (static_cast<double>(i) - ratio), p.cubic_coeff_a));
  }
  for (double v : w) sum += v;
  for (double& v : w) v /= sum;
  return w;
}

int64_t NearestOffset(const std::string& mode, double ratio) {  // 0 picks base, 1 picks base + 1
  if (ratio == 1) return 1;  // x is integral
  if (mode == "round_prefer_floor") return ratio <= 0.5 ? 0 : 1;
  if (mode == "round_prefer_ceil") return ratio < 0.5 ? 0 : 1;
  if (mode == "floor") return 0;
  if (mode == "ceil") return 1;
  throw Error("unknown nearest_mode '" + mode + "'");
}

Taps AxisTaps(const ResizeParams& p, int64_t axis, int64_t in_len, int64_t out_len, int64_t o) {
  Taps t;
  const double scale = p.scales[axis];
  const size_t rank = p.out_shape.size();
  double roi[2] = {0, 1};
  if (!p.roi.empty()) {
    roi[0] = p.roi[axis];
    roi[1] = p.roi[rank + axis];
  }
  const double x = MapCoordinate(p, scale, in_len, out_len, static_cast<double>(o), roi);
  if (p.coordinate_mode == "tf_crop_and_resize" && (x < 0 || x > static_cast<double>(in_len - 1))) {
    t.outside = true;
    return t;
  }
  auto clamp = [&](int64_t i) { return std::clamp<int64_t>(i, 0, in_len - 1); };
  if (p.mode == ResizeParams::Mode::kNearest) {
    int64_t i;
    if (p.nearest_mode == "simple") {
      i = scale < 1 ? static_cast<int64_t>(std::ceil(x)) : static_cast<int64_t>(x);
    } else {
      const double base = std::ceil(x) - 1;
      i = static_cast<int64_t>(base) + NearestOffset(p.nearest_mode, x - base);
    }
    t.index.push_back(clamp(i));
    t.weight.push_back(1);
    return t;
  }
  const double base_d = std::ceil(x) - 1;
  const int64_t base = static_cast<int64_t>(base_d);
  int64_t first = 0;
  std::vector<double> w = FilterWeights(p, x - base_d, scale, first);
  if (p.exclude_outside) {
    double sum = 0;
    for (size_t k = 0; k < w.size(); ++k) {
      const int64_t i = base + first + static_cast<int64_t>(k);
      if (i < 0 || i >= in_len) w[k] = 0;
      sum += w[k];
    }
    for (double& v : w) v /= sum;
  }
  for (size_t k = 0; k < w.size(); ++k) {
    t.index.push_back(clamp(base + first + static_cast<int64_t>(k)));
    t.weight.push_back(w[k]);
  }
  return t;
}

}  // namespace

Tensor ResizeTensor(const Tensor& x, const ResizeParams& p) {
  const Shape& in = x.shape();
  const size_t rank = in.size();
  if (p.scales.size() != rank || p.out_shape.size() != rank) throw Error("resize: scales/sizes rank mismatch");
  if (!p.roi.empty() && p.roi.size() != 2 * rank) throw Error("roi must hold 2 * rank values");
  for (size_t d = 0; d < rank; ++d) {
    if (p.out_shape[d] < 0) throw Error("negative output size");
    if (in[d] == 0 && p.out_shape[d] > 0) throw Error("cannot resize an empty dimension to a non-empty one");
  }
  const bool crop = p.coordinate_mode == "tf_crop_and_resize";
  std::vector<std::vector<Taps>> taps(rank);
  for (size_t d = 0; d < rank; ++d) {
    for (int64_t o = 0; o < p.out_shape[d]; ++o) {
      if (!crop && p.scales[d] == 1 && p.out_shape[d] == in[d]) {
        taps[d].push_back(Taps{{o}, {1.0}, false});  // identity axis: the filters reduce to picking o exactly
      } else {
        taps[d].push_back(AxisTaps(p, static_cast<int64_t>(d), in[d], p.out_shape[d], o));
      }
    }
  }
  std::vector<int64_t> strides(rank, 1);
  for (size_t d = rank; d-- > 1;) strides[d - 1] = strides[d] * in[d];
  const std::vector<double> xv = x.ToDoubleVector();
  std::vector<double> out(static_cast<size_t>(ElementCount(p.out_shape)));
  std::vector<const Taps*> cur(rank);
  std::vector<size_t> k(rank);
  ForEachCoord(p.out_shape, [&](int64_t i, const std::vector<int64_t>& c) {
    bool outside = false;
    for (size_t d = 0; d < rank; ++d) {
      cur[d] = &taps[d][c[d]];
      outside = outside || cur[d]->outside;
    }
    if (outside) {
      out[i] = p.extrapolation_value;
      return;
    }
    // Sum over the tensor product of the per-axis taps (an odometer over tap positions).
    std::fill(k.begin(), k.end(), 0);
    double acc = 0;
    while (true) {
      double w = 1;
      int64_t flat = 0;
      for (size_t d = 0; d < rank; ++d) {
        w *= cur[d]->weight[k[d]];
        flat += cur[d]->index[k[d]] * strides[d];
      }
      acc += w * xv[flat];
      size_t d = rank;
      while (d-- > 0) {
        if (++k[d] < cur[d]->index.size()) break;
        k[d] = 0;
      }
      if (d == static_cast<size_t>(-1)) break;
    }
    out[i] = acc;
  });
  Tensor result(x.dtype(), p.out_shape);
  VisitStorage(result, [&](auto& rv) {
    using T = typename std::decay_t<decltype(rv)>::value_type;
    if constexpr (std::is_same_v<T, std::string>) {
      throw Error("cannot resize strings");
    } else {
      // Integers: truncate toward zero through int64, then wrap to the dtype (never an out-of-range cast).
      for (size_t i = 0; i < out.size(); ++i) {
        rv[i] = std::is_same_v<T, double> ? static_cast<T>(out[i]) : static_cast<T>(static_cast<int64_t>(out[i]));
      }
    }
  });
  result.WrapToDtype();
  return result;
}

}  // namespace parity::ref
