// Separable N-D Resize: every resized axis gets a 1-D filter (per output coordinate a fixed number of input taps
// with weights, or "outside" for tf_crop_and_resize), applied one axis after another through scratch buffers.
// Tap placement follows the ONNX definition: x = the output coordinate mapped into the input, base = ceil(x) - 1
// and ratio = x - base in (0, 1]; taps past the edges read the edge element unless exclude_outside drops them.
#include "kernels/ops/resize_nd.h"

#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

struct AxisFilter {
  int axis = 0;
  int taps = 1;
  std::vector<int64_t> index;    // [out][taps], clamped to the input
  std::vector<float> weight;     // [out][taps]
  std::vector<uint8_t> outside;  // [out]: element is extrapolation_value
};

double MapCoordinate(const ResizeSpec& r, int d, double x) {
  const double scale = r.scales[d];
  const double in = static_cast<double>(r.in[d]);
  const double len = scale * in;  // the unrounded resized length, as ONNX defines the modes
  const std::string& m = r.ctm;
  if (m == "asymmetric") return x / scale;
  if (m == "align_corners") return len == 1 ? 0.0 : x * (in - 1) / (len - 1);
  if (m == "pytorch_half_pixel") return len == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
  if (m == "tf_half_pixel_for_nn") return (x + 0.5) / scale;
  if (m == "half_pixel_symmetric") {
    double offset = in / 2 * (1 - static_cast<double>(r.out[d]) / len);
    return offset + (x + 0.5) / scale - 0.5;
  }
  if (m == "tf_crop_and_resize") {
    const size_t rank = r.in.size();
    double start = r.roi[d], end = r.roi[rank + d];
    double v = len == 1 ? (end - start) * (in - 1) / 2 : x * (end - start) * (in - 1) / (len - 1);
    return v + start * (in - 1);
  }
  return (x + 0.5) / scale - 0.5;  // half_pixel
}

// Keys' cubic convolution kernel with parameter a.
double Cubic(double x, double a) {
  x = std::fabs(x);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

// First tap offset relative to base and tap count of the interpolating filters. Antialias widens the kernel by
// 1/scale when the axis shrinks.
void FilterExtent(const ResizeSpec& r, double scale, int64_t* first, int* count) {
  double s = r.antialias ? std::min(scale, 1.0) : 1.0;
  int64_t support = r.mode == ResizeSpec::kCubic ? 2 : 1;
  *first = static_cast<int64_t>(std::floor(-static_cast<double>(support) / s) + 1);
  *count = static_cast<int>(2 - 2 * *first);
}

double FilterWeight(const ResizeSpec& r, double scale, double dist) {
  double s = r.antialias ? std::min(scale, 1.0) : 1.0;
  if (r.mode == ResizeSpec::kCubic) return Cubic(s * dist, r.cubic_a);
  return std::clamp(1 - std::fabs(dist * s), 0.0, 1.0);
}

int64_t NearestIndex(const ResizeSpec& r, double scale, double x) {
  if (r.nearest == "simple") return scale < 1 ? static_cast<int64_t>(std::ceil(x)) : static_cast<int64_t>(x);
  double base = std::ceil(x) - 1, ratio = x - base;
  bool up = ratio == 1 || r.nearest == "ceil" || (r.nearest == "round_prefer_floor" && ratio > 0.5) ||
            (r.nearest == "round_prefer_ceil" && ratio >= 0.5);
  return static_cast<int64_t>(base) + (up ? 1 : 0);
}

AxisFilter BuildFilter(const ResizeSpec& r, int d) {
  AxisFilter f;
  f.axis = d;
  const int64_t in = r.in[d], out = r.out[d];
  const double scale = r.scales[d];
  int64_t first = 0;
  if (r.mode != ResizeSpec::kNearest) FilterExtent(r, scale, &first, &f.taps);
  f.index.assign(out * f.taps, 0);
  f.weight.assign(out * f.taps, 0.f);
  f.outside.assign(out, 0);
  std::vector<double> w(f.taps);
  for (int64_t o = 0; o < out; ++o) {
    double x = MapCoordinate(r, d, static_cast<double>(o));
    if (r.ctm == "tf_crop_and_resize" && (x < 0 || x > static_cast<double>(in - 1))) {
      f.outside[o] = 1;
      continue;
    }
    if (r.mode == ResizeSpec::kNearest) {
      f.index[o] = std::clamp<int64_t>(NearestIndex(r, scale, x), 0, in - 1);
      f.weight[o] = 1.f;
      continue;
    }
    double base = std::ceil(x) - 1, ratio = x - base;
    double sum = 0;
    for (int k = 0; k < f.taps; ++k) {
      int64_t i = static_cast<int64_t>(base) + first + k;
      w[k] = FilterWeight(r, scale, static_cast<double>(first + k) - ratio);
      if (r.exclude_outside && (i < 0 || i >= in)) w[k] = 0;
      sum += w[k];
    }
    // Antialias and exclude_outside renormalise; the plain filters already sum to one.
    bool norm = r.antialias || r.exclude_outside;
    for (int k = 0; k < f.taps; ++k) {
      f.index[o * f.taps + k] = std::clamp<int64_t>(static_cast<int64_t>(base) + first + k, 0, in - 1);
      f.weight[o * f.taps + k] = static_cast<float>(norm ? w[k] / sum : w[k]);
    }
  }
  return f;
}

class ResizeNdKernel : public Kernel {
 public:
  explicit ResizeNdKernel(const ResizeSpec& r) : extrapolation_(r.extrapolation), in_(r.in) {
    const bool crop = r.ctm == "tf_crop_and_resize";
    Dims cur = r.in;
    for (size_t d = 0; d < r.in.size(); ++d) {
      if (!crop && r.in[d] == r.out[d] && r.scales[d] == 1) continue;  // identity axis
      filters_.push_back(BuildFilter(r, static_cast<int>(d)));
      cur[d] = r.out[d];
      shapes_.push_back(cur);
      max_elems_ = std::max(max_elems_, NumElements(cur));
    }
    out_elems_ = NumElements(r.out);
  }
  size_t ScratchBytes() const override { return filters_.size() > 1 ? 2 * AlignUp(max_elems_ * 4) : 0; }
  void Run(const RunContext& ctx) override {
    const float* src = ctx.in[0].as<float>();
    float* dst = ctx.out[0].as<float>();
    if (filters_.empty()) {
      CopyIfDistinct(dst, src, out_elems_ * sizeof(float));
      return;
    }
    float* bufs[2] = {static_cast<float*>(ctx.scratch),
                      reinterpret_cast<float*>(static_cast<char*>(ctx.scratch) + AlignUp(max_elems_ * 4))};
    Dims cur = in_;
    for (size_t p = 0; p < filters_.size(); ++p) {
      float* y = p + 1 == filters_.size() ? dst : bufs[p % 2];
      Pass(filters_[p], cur, src, y, ctx.pool);
      cur = shapes_[p];
      src = y;
    }
  }

 private:
  void Pass(const AxisFilter& f, const Dims& shape, const float* x, float* y, ThreadPool* pool) const {
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < f.axis; ++d) outer *= shape[d];
    for (size_t d = f.axis + 1; d < shape.size(); ++d) inner *= shape[d];
    const int64_t in_len = shape[f.axis], out_len = static_cast<int64_t>(f.outside.size());
    ParallelForOrInline(pool, outer * out_len, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        int64_t b = r / out_len, o = r % out_len;
        float* yr = y + r * inner;
        if (f.outside[o]) {
          std::fill(yr, yr + inner, extrapolation_);
          continue;
        }
        std::fill(yr, yr + inner, 0.f);
        for (int k = 0; k < f.taps; ++k) {
          float w = f.weight[o * f.taps + k];
          const float* xr = x + (b * in_len + f.index[o * f.taps + k]) * inner;
          for (int64_t i = 0; i < inner; ++i) yr[i] += w * xr[i];
        }
      }
    });
  }

  float extrapolation_;
  Dims in_;
  std::vector<AxisFilter> filters_;
  std::vector<Dims> shapes_;
  int64_t max_elems_ = 0, out_elems_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeResizeNd(const ResizeSpec& spec) {
  return std::make_unique<ResizeNdKernel>(spec);
}

}  // namespace parity::rt
