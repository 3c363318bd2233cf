// Resize (opset 10+) and Upsample on 4-D NCHW float tensors over H and W: nearest (all nearest_modes) and
// linear (bilinear), with the common coordinate transformation modes. Scales or sizes from constant inputs.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

struct Axis {
  int64_t in = 1, out = 1;
  float scale = 1.f;
};

class ResizeKernel : public Kernel {
 public:
  ResizeKernel(int64_t planes, Axis h, Axis w, bool linear, std::string ctm, std::string nearest)
      : planes_(planes), h_(h), w_(w), linear_(linear), ctm_(std::move(ctm)), nearest_(std::move(nearest)) {
    Precompute(h_, &hy0_, &hy1_, &hfy_);
    Precompute(w_, &wx0_, &wx1_, &wfx_);
  }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, planes_, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) {
        const float* xp = x + p * h_.in * w_.in;
        float* yp = y + p * h_.out * w_.out;
        for (int64_t oy = 0; oy < h_.out; ++oy) {
          for (int64_t ox = 0; ox < w_.out; ++ox) {
            if (!linear_) {
              yp[oy * w_.out + ox] = xp[hy0_[oy] * w_.in + wx0_[ox]];
              continue;
            }
            float fy = hfy_[oy], fx = wfx_[ox];
            const float* r0 = xp + hy0_[oy] * w_.in;
            const float* r1 = xp + hy1_[oy] * w_.in;
            float top = r0[wx0_[ox]] * (1 - fx) + r0[wx1_[ox]] * fx;
            float bot = r1[wx0_[ox]] * (1 - fx) + r1[wx1_[ox]] * fx;
            yp[oy * w_.out + ox] = top * (1 - fy) + bot * fy;
          }
        }
      }
    });
  }

 private:
  float Source(const Axis& a, int64_t o) const {
    float s = a.scale;
    if (ctm_ == "asymmetric") return o / s;
    // ONNX uses the unrounded resized length in * scale here (matters when scales do not divide evenly).
    float len = static_cast<float>(a.in) * s;
    if (ctm_ == "align_corners") return len > 1.f ? o * static_cast<float>(a.in - 1) / (len - 1.f) : 0.f;
    if (ctm_ == "pytorch_half_pixel" && a.out == 1) return 0.f;
    return (o + 0.5f) / s - 0.5f;  // half_pixel, pytorch_half_pixel
  }
  int64_t Nearest(float v, int64_t n) const {
    int64_t i;
    if (nearest_ == "floor")
      i = static_cast<int64_t>(std::floor(v));
    else if (nearest_ == "ceil")
      i = static_cast<int64_t>(std::ceil(v));
    else if (nearest_ == "round_prefer_ceil")
      i = static_cast<int64_t>(std::floor(v + 0.5f));
    else
      i = (v - std::floor(v)) == 0.5f ? static_cast<int64_t>(std::floor(v)) : static_cast<int64_t>(std::round(v));
    return std::clamp<int64_t>(i, 0, n - 1);
  }
  void Precompute(const Axis& a, std::vector<int64_t>* i0, std::vector<int64_t>* i1, std::vector<float>* f) const {
    for (int64_t o = 0; o < a.out; ++o) {
      float s = Source(a, o);
      if (!linear_) {
        i0->push_back(Nearest(s, a.in));
        continue;
      }
      s = std::clamp(s, 0.f, static_cast<float>(a.in - 1));
      int64_t lo = static_cast<int64_t>(std::floor(s));
      i0->push_back(lo);
      i1->push_back(std::min(lo + 1, a.in - 1));
      f->push_back(s - lo);
    }
  }
  int64_t planes_;
  Axis h_, w_;
  bool linear_;
  std::string ctm_, nearest_;
  std::vector<int64_t> hy0_, hy1_, wx0_, wx1_;
  std::vector<float> hfy_, wfx_;
};

std::unique_ptr<Kernel> MakeResize(KernelBuilder& b) {
  b.ExpectFloat(0);
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4, "only 4-D inputs are supported");
  const Node& n = b.node();
  std::string mode = n.AttrString("mode", "nearest");
  b.Require(mode == "nearest" || mode == "linear" || mode == "bilinear", "mode '" + mode + "' is not supported");
  std::vector<float> scales;
  std::vector<int64_t> sizes;
  bool upsample = n.op == "Upsample";
  int scales_idx = upsample || (b.num_inputs() == 2) ? 1 : 2;
  if (b.has_input(3)) {
    sizes = b.ConstInts(3, "sizes");
  } else if (upsample && n.HasAttr("scales")) {
    scales = n.AttrFloats("scales");
  } else {
    const ConstTensor& s = b.ConstInput(scales_idx, "scales");
    scales.assign(s.as<float>(), s.as<float>() + s.size());
  }
  Dims out = x;
  if (!sizes.empty()) {
    b.Require(sizes.size() == 4, "sizes for a subset of axes are not supported");
    out.assign(sizes.begin(), sizes.end());
    for (int i = 0; i < 4; ++i) scales.push_back(static_cast<float>(out[i]) / static_cast<float>(x[i]));
  } else {
    b.Require(scales.size() == 4, "scales for a subset of axes are not supported");
    for (int i = 0; i < 4; ++i) out[i] = static_cast<int64_t>(std::floor(x[i] * scales[i]));
  }
  b.Require(out[0] == x[0] && out[1] == x[1], "resizing N or C is not supported");
  std::string ctm =
      n.AttrString("coordinate_transformation_mode", upsample || b.num_inputs() == 2 ? "asymmetric" : "half_pixel");
  b.Require(ctm == "asymmetric" || ctm == "half_pixel" || ctm == "pytorch_half_pixel" || ctm == "align_corners",
            "coordinate_transformation_mode '" + ctm + "' is not supported");
  b.Require(n.AttrInt("exclude_outside", 0) == 0, "exclude_outside is not supported");
  b.Require(n.AttrInt("antialias", 0) == 0, "antialias is not supported");
  b.Require(!n.HasAttr("axes"), "the axes attribute is not supported");
  b.Require(n.AttrString("keep_aspect_ratio_policy", "stretch") == "stretch",
            "keep_aspect_ratio_policy is not supported");
  b.Require(n.AttrFloat("cubic_coeff_a", -0.75f) == -0.75f || mode != "cubic", "cubic is not supported");
  b.SetOutput(0, DType::kF32, out);
  return std::make_unique<ResizeKernel>(x[0] * x[1], Axis{x[2], out[2], scales[2]}, Axis{x[3], out[3], scales[3]},
                                        mode != "nearest", ctm,
                                        upsample ? "floor" : n.AttrString("nearest_mode", "round_prefer_floor"));
}

PARITY_REGISTER_OP({"", "Resize", 10, kMaxOpset, &MakeResize});
PARITY_REGISTER_OP({"", "Upsample", 7, 9, &MakeResize});

}  // namespace
}  // namespace parity::rt
