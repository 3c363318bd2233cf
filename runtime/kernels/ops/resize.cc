// Resize (opset 10+) and Upsample on float tensors. The common case (4-D NCHW resized over H and W, nearest or
// linear, simple coordinate modes) runs the 2-D kernel below; everything else (any rank and axes, cubic,
// antialias, exclude_outside, half_pixel_symmetric, tf_crop_and_resize with extrapolation, keep_aspect_ratio_policy,
// Resize-10's truncating nearest) runs the separable N-D kernel in resize_nd.cc. Scales, sizes and roi must be
// constant inputs.
#include <cmath>

#include "kernels/common/op_util.h"
#include "kernels/ops/resize_nd.h"

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

// Output sizes and per-axis scales from `sizes` over the listed axes (keep_aspect_ratio_policy applied).
void FromSizes(KernelBuilder& b, const std::vector<int64_t>& axes, const std::vector<int64_t>& sizes,
               ResizeSpec* r) {
  b.Require(sizes.size() == axes.size(), "sizes must have one entry per resized axis");
  std::string policy = b.node().AttrString("keep_aspect_ratio_policy", "stretch");
  b.Require(policy == "stretch" || policy == "not_larger" || policy == "not_smaller",
            "keep_aspect_ratio_policy '" + policy + "' is not supported");
  for (size_t i = 0; i < axes.size(); ++i) {
    r->out[axes[i]] = sizes[i];
    r->scales[axes[i]] = static_cast<double>(sizes[i]) / static_cast<double>(r->in[axes[i]]);
  }
  if (policy == "stretch") return;
  double scale = r->scales[axes[0]];
  for (int64_t a : axes) scale = policy == "not_larger" ? std::min(scale, r->scales[a]) : std::max(scale, r->scales[a]);
  for (int64_t a : axes) {
    r->scales[a] = scale;
    r->out[a] = static_cast<int64_t>(scale * static_cast<double>(r->in[a]) + 0.5);  // round half up
  }
}

// A present, non-empty constant optional input (Resize-11/12 pass empty tensors for the unused one of scales/sizes).
bool NonEmpty(const KernelBuilder& b, int i) {
  return b.has_input(i) && NumElements(b.dims(i)) > 0;
}

std::vector<double> ConstDoubles(const KernelBuilder& b, int i, const char* what) {
  const ConstTensor& t = b.ConstInput(i, what);
  std::vector<double> v;
  for (int64_t k = 0; k < t.size(); ++k) {
    v.push_back(t.dtype == DType::kF32 ? t.as<float>()[k] : static_cast<double>(t.as<int64_t>()[k]));
  }
  return v;
}

// Parses scales / sizes (and the resized axes) into r->out and r->scales.
void ParseTargets(KernelBuilder& b, int opset, std::vector<int64_t>* axes, ResizeSpec* r) {
  const Node& n = b.node();
  const int64_t rank = static_cast<int64_t>(r->in.size());
  if (opset >= 18 && n.HasAttr("axes")) {
    for (int64_t a : n.AttrInts("axes")) axes->push_back(NormAxis(b, a, rank));
  } else {
    for (int64_t d = 0; d < rank; ++d) axes->push_back(d);
  }
  std::vector<double> scales;
  if (n.op == "Upsample" && n.HasAttr("scales")) {
    for (float f : n.AttrFloats("scales")) scales.push_back(f);
  } else if (opset < 11) {
    scales = ConstDoubles(b, 1, "scales");
  } else if (NonEmpty(b, 3)) {
    b.Require(!NonEmpty(b, 2), "only one of scales and sizes may be given");
    FromSizes(b, *axes, b.ConstInts(3, "sizes"), r);
    return;
  } else {
    b.Require(NonEmpty(b, 2), "one of scales and sizes must be given");
    scales = ConstDoubles(b, 2, "scales");
  }
  b.Require(scales.size() == axes->size(), "scales must have one entry per resized axis");
  for (size_t i = 0; i < axes->size(); ++i) {
    b.Require(scales[i] > 0, "scales must be positive");
    int64_t a = (*axes)[i];
    r->scales[a] = scales[i];
    r->out[a] = static_cast<int64_t>(std::floor(scales[i] * static_cast<double>(r->in[a])));
  }
}

// Fills the modes and roi of r from the attributes.
void ParseModes(KernelBuilder& b, int opset, const std::vector<int64_t>& axes, ResizeSpec* r) {
  const Node& n = b.node();
  std::string mode = n.AttrString("mode", "nearest");
  b.Require(mode == "nearest" || mode == "linear" || mode == "bilinear" || (mode == "cubic" && opset >= 11),
            "mode '" + mode + "' is not supported");
  r->mode = mode == "nearest" ? ResizeSpec::kNearest : mode == "cubic" ? ResizeSpec::kCubic : ResizeSpec::kLinear;
  bool legacy = n.op == "Upsample" || opset < 11;
  r->ctm = legacy ? "asymmetric" : n.AttrString("coordinate_transformation_mode", "half_pixel");
  r->nearest = legacy ? "simple" : n.AttrString("nearest_mode", "round_prefer_floor");
  static const char* kModes[] = {"half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners",
                                 "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"};
  b.Require(std::find(std::begin(kModes), std::end(kModes), r->ctm) != std::end(kModes),
            "coordinate_transformation_mode '" + r->ctm + "' is not supported");
  b.Require(r->nearest == "simple" || r->nearest == "round_prefer_floor" || r->nearest == "round_prefer_ceil" ||
                r->nearest == "floor" || r->nearest == "ceil",
            "nearest_mode '" + r->nearest + "' is not supported");
  r->cubic_a = n.AttrFloat("cubic_coeff_a", -0.75f);
  r->exclude_outside = n.AttrInt("exclude_outside", 0) != 0;
  r->extrapolation = n.AttrFloat("extrapolation_value", 0.f);
  r->antialias = opset >= 18 && n.AttrInt("antialias", 0) != 0;
  b.Require(!(r->antialias && r->mode == ResizeSpec::kNearest), "antialias does not apply to nearest mode");
  if (r->ctm != "tf_crop_and_resize") return;
  b.Require(NonEmpty(b, 1), "tf_crop_and_resize needs roi");
  std::vector<double> roi = ConstDoubles(b, 1, "roi");
  b.Require(roi.size() == 2 * axes.size(), "roi must have 2 entries per resized axis");
  const size_t rank = r->in.size();
  r->roi.assign(rank, 0.0);
  r->roi.resize(2 * rank, 1.0);
  for (size_t i = 0; i < axes.size(); ++i) {
    r->roi[axes[i]] = roi[i];
    r->roi[rank + axes[i]] = roi[axes.size() + i];
  }
}

// The 2-D kernel reproduces the general semantics exactly only in this subset.
bool FitsFastPath(const ResizeSpec& r) {
  if (r.in.size() != 4 || r.out[0] != r.in[0] || r.out[1] != r.in[1] || r.mode == ResizeSpec::kCubic) return false;
  if (r.antialias) return false;
  // Legacy nearest truncates, which equals the 2-D kernel's floor only when no axis shrinks.
  bool shrinks = r.scales[2] < 1 || r.scales[3] < 1;
  if (r.mode == ResizeSpec::kNearest && r.nearest == "simple" && shrinks) return false;
  return r.ctm == "asymmetric" || r.ctm == "half_pixel" || r.ctm == "pytorch_half_pixel" || r.ctm == "align_corners";
}

std::unique_ptr<Kernel> MakeResizeForOpset(KernelBuilder& b, int opset) {
  b.ExpectFloat(0);
  ResizeSpec r;
  r.in = b.dims(0);
  r.out = r.in;
  r.scales.assign(r.in.size(), 1.0);
  std::vector<int64_t> axes;
  ParseTargets(b, opset, &axes, &r);
  ParseModes(b, opset, axes, &r);
  for (size_t d = 0; d < r.in.size(); ++d) {
    b.Require(r.out[d] >= 0, "negative output size");
    b.Require(r.in[d] > 0 || r.out[d] == 0, "cannot resize an empty dimension");
  }
  b.SetOutput(0, DType::kF32, r.out);
  if (!FitsFastPath(r)) return MakeResizeNd(r);
  const Dims& x = r.in;
  auto axis = [&](int d) { return Axis{x[d], r.out[d], static_cast<float>(r.scales[d])}; };
  return std::make_unique<ResizeKernel>(x[0] * x[1], axis(2), axis(3), r.mode != ResizeSpec::kNearest, r.ctm,
                                        r.nearest == "simple" ? "floor" : r.nearest);
}

std::unique_ptr<Kernel> MakeResize10(KernelBuilder& b) { return MakeResizeForOpset(b, 10); }
std::unique_ptr<Kernel> MakeResize11(KernelBuilder& b) { return MakeResizeForOpset(b, 11); }
std::unique_ptr<Kernel> MakeResize18(KernelBuilder& b) { return MakeResizeForOpset(b, 18); }
std::unique_ptr<Kernel> MakeUpsample(KernelBuilder& b) { return MakeResizeForOpset(b, 9); }

PARITY_REGISTER_OP({"", "Resize", 10, 10, &MakeResize10});
PARITY_REGISTER_OP({"", "Resize", 11, 17, &MakeResize11});
PARITY_REGISTER_OP({"", "Resize", 18, kMaxOpset, &MakeResize18});
PARITY_REGISTER_OP({"", "Upsample", 7, 9, &MakeUpsample});

}  // namespace
}  // namespace parity::rt
