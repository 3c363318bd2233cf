// RoiAlign: for every roi (rois [R, 4] = x1, y1, x2, y2, scaled by spatial_scale, on image batch_indices[r]),
// pools each output_height x output_width bin of X [N, C, H, W] from a grid of bilinear samples
// (sampling_ratio per bin side, or ceil(roi_size / output_size) when 0). Output [R, C, oh, ow].
//   mode avg: mean of the samples; mode max: max over samples of the largest weighted corner term w_i * v_i
//   (onnxruntime's definition, which the ONNX reference and tests follow).
//   Samples more than one pixel outside the image contribute 0; others clamp to the edge.
//   coordinate_transformation_mode half_pixel shifts rois by -0.5 pixel; output_half_pixel does not and grows
//   rois to at least one pixel. RoiAlign-10 behaves as output_half_pixel; 16+ defaults to half_pixel.
#include <algorithm>
#include <cmath>

#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

struct RoiAlignParams {
  bool max_mode = false;
  bool half_pixel = false;
  int64_t out_h = 1, out_w = 1, sampling_ratio = 0;
  float spatial_scale = 1;
};

// One bilinear sample: the four corner offsets within a plane and their weights (all 0 outside the image).
struct Sample {
  int64_t off[4] = {0, 0, 0, 0};
  float w[4] = {0, 0, 0, 0};
};

Sample MakeSample(int64_t h, int64_t w, float y, float x) {
  Sample s;
  if (y < -1.f || y > static_cast<float>(h) || x < -1.f || x > static_cast<float>(w)) return s;
  y = std::max(y, 0.f);
  x = std::max(x, 0.f);
  int64_t y0 = static_cast<int64_t>(y), x0 = static_cast<int64_t>(x), y1 = y0 + 1, x1 = x0 + 1;
  if (y0 >= h - 1) {
    y0 = y1 = h - 1;
    y = static_cast<float>(y0);
  }
  if (x0 >= w - 1) {
    x0 = x1 = w - 1;
    x = static_cast<float>(x0);
  }
  float ly = y - static_cast<float>(y0), lx = x - static_cast<float>(x0), hy = 1.f - ly, hx = 1.f - lx;
  s.off[0] = y0 * w + x0;
  s.off[1] = y0 * w + x1;
  s.off[2] = y1 * w + x0;
  s.off[3] = y1 * w + x1;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

class RoiAlignKernel : public Kernel {
 public:
  RoiAlignKernel(Dims x, int64_t rois, RoiAlignParams p) : x_(std::move(x)), rois_(rois), p_(p) {}
  void Run(const RunContext& ctx) override {
    const int64_t* bidx = ctx.in[2].as<int64_t>();
    for (int64_t r = 0; r < rois_; ++r) {
      if (bidx[r] < 0 || bidx[r] >= x_[0]) {
        throw RunError("RoiAlign: batch index " + std::to_string(bidx[r]) + " out of range");
      }
    }
    ParallelForOrInline(ctx.pool, rois_, [&](int64_t s, int64_t e) {
      for (int64_t r = s; r < e; ++r) OneRoi(ctx, r, bidx[r]);
    });
  }

 private:
  // Samples of every bin, bin-major; `count` samples per bin.
  std::vector<Sample> Samples(const float* roi, int64_t* count) const {
    float off = p_.half_pixel ? 0.5f : 0.f;
    float sx = roi[0] * p_.spatial_scale - off, sy = roi[1] * p_.spatial_scale - off;
    float rw = roi[2] * p_.spatial_scale - off - sx, rh = roi[3] * p_.spatial_scale - off - sy;
    if (!p_.half_pixel) {
      rw = std::max(rw, 1.f);
      rh = std::max(rh, 1.f);
    }
    float bh = rh / static_cast<float>(p_.out_h), bw = rw / static_cast<float>(p_.out_w);
    int64_t gh = p_.sampling_ratio > 0 ? p_.sampling_ratio : static_cast<int64_t>(std::ceil(rh / p_.out_h));
    int64_t gw = p_.sampling_ratio > 0 ? p_.sampling_ratio : static_cast<int64_t>(std::ceil(rw / p_.out_w));
    gh = std::max<int64_t>(gh, 0);
    gw = std::max<int64_t>(gw, 0);
    *count = gh * gw;
    std::vector<Sample> out;
    out.reserve(static_cast<size_t>(p_.out_h * p_.out_w * gh * gw));
    for (int64_t ph = 0; ph < p_.out_h; ++ph) {
      for (int64_t pw = 0; pw < p_.out_w; ++pw) {
        for (int64_t iy = 0; iy < gh; ++iy) {
          float y = sy + ph * bh + (iy + .5f) * bh / static_cast<float>(gh);
          for (int64_t ix = 0; ix < gw; ++ix) {
            float x = sx + pw * bw + (ix + .5f) * bw / static_cast<float>(gw);
            out.push_back(MakeSample(x_[2], x_[3], y, x));
          }
        }
      }
    }
    return out;
  }

  void OneRoi(const RunContext& ctx, int64_t r, int64_t batch) const {
    int64_t count = 0;
    std::vector<Sample> samples = Samples(ctx.in[1].as<float>() + r * 4, &count);
    int64_t c = x_[1], plane = x_[2] * x_[3], bins = p_.out_h * p_.out_w;
    float denom = static_cast<float>(std::max<int64_t>(count, 1));
    for (int64_t ch = 0; ch < c; ++ch) {
      const float* src = ctx.in[0].as<float>() + (batch * c + ch) * plane;
      float* dst = ctx.out[0].as<float>() + (r * c + ch) * bins;
      for (int64_t bin = 0; bin < bins; ++bin) {
        float acc = 0;
        for (int64_t i = 0; i < count; ++i) {
          const Sample& s = samples[bin * count + i];
          if (p_.max_mode) {
            float m = std::max(std::max(s.w[0] * src[s.off[0]], s.w[1] * src[s.off[1]]),
                               std::max(s.w[2] * src[s.off[2]], s.w[3] * src[s.off[3]]));
            acc = i == 0 ? m : std::max(acc, m);
          } else {
            acc += s.w[0] * src[s.off[0]] + s.w[1] * src[s.off[1]] + s.w[2] * src[s.off[2]] + s.w[3] * src[s.off[3]];
          }
        }
        dst[bin] = p_.max_mode ? acc : acc / denom;
      }
    }
  }

  Dims x_;
  int64_t rois_;
  RoiAlignParams p_;
};

template <bool kHasTransformMode>
std::unique_ptr<Kernel> MakeRoiAlign(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  b.Require(b.in(2).dtype == DType::kI64, "batch_indices must be integers");
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4, "X must be 4-D, got " + DimsToString(x));
  b.Require(b.dims(1).size() == 2 && b.dims(1)[1] == 4, "rois must be [num_rois, 4]");
  int64_t rois = b.dims(1)[0];
  b.Require(b.dims(2) == Dims{rois}, "batch_indices must be [num_rois]");
  RoiAlignParams p;
  std::string mode = b.node().AttrString("mode", "avg");
  b.Require(mode == "avg" || mode == "max", "mode '" + mode + "' is not supported");
  p.max_mode = mode == "max";
  std::string ctm =
      kHasTransformMode ? b.node().AttrString("coordinate_transformation_mode", "half_pixel") : "output_half_pixel";
  b.Require(ctm == "half_pixel" || ctm == "output_half_pixel",
            "coordinate_transformation_mode '" + ctm + "' is not supported");
  p.half_pixel = ctm == "half_pixel";
  p.out_h = b.node().AttrInt("output_height", 1);
  p.out_w = b.node().AttrInt("output_width", 1);
  p.sampling_ratio = b.node().AttrInt("sampling_ratio", 0);
  p.spatial_scale = b.node().AttrFloat("spatial_scale", 1.f);
  b.Require(p.out_h >= 1 && p.out_w >= 1, "output_height and output_width must be positive");
  b.Require(p.sampling_ratio >= 0, "sampling_ratio must be >= 0");
  b.SetOutput(0, DType::kF32, {rois, x[1], p.out_h, p.out_w});
  return std::make_unique<RoiAlignKernel>(x, rois, p);
}

PARITY_REGISTER_OP({"", "RoiAlign", 10, 15, &MakeRoiAlign<false>});
PARITY_REGISTER_OP({"", "RoiAlign", 16, kMaxOpset, &MakeRoiAlign<true>});

}  // namespace
}  // namespace parity::rt
