// Resize: interpolates X to a new shape, given per-axis `scales` (output = floor(input * scale)) or target `sizes`
// (scale = size / input). Interpolation and coordinate mapping: see core/resize_common.h.
//   Resize-10: inputs X, scales; mode nearest | linear; coordinates map asymmetrically (x / scale) and nearest
//   truncates (ceil when downsampling), as Upsample did.
//   Resize-11: inputs X, roi, scales, sizes (exactly one of scales / sizes non-empty); mode cubic;
//   coordinate_transformation_mode (half_pixel, pytorch_half_pixel, align_corners, asymmetric,
//   tf_half_pixel_for_nn, tf_crop_and_resize with `roi` = [starts..., ends...] in normalised input coordinates and
//   extrapolation_value outside it), nearest_mode, cubic_coeff_a, exclude_outside.
//   Resize-13: roi and scales become optional; adds bfloat16.
//   Resize-18: `antialias` (linear/cubic kernels widened when downsampling), `axes` (scales, sizes and roi list
//   only those axes; the others keep their size), keep_aspect_ratio_policy for sizes: stretch | not_larger |
//   not_smaller (one scale for all listed axes, the min or max of size/input; sizes become round-half-up of
//   scale * input).
//   Resize-19: coordinate mode half_pixel_symmetric.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/elementwise.h"
#include "core/op_context.h"
#include "core/resize_common.h"

namespace parity::ref {
namespace {

// Present and non-empty optional input.
const Tensor* OptionalInput(const OpContext& ctx, int i) {
  if (!ctx.HasInput(i)) return nullptr;
  const Tensor& t = ctx.Input(i);
  return t.size() > 0 ? &t : nullptr;
}

ResizeParams::Mode ParseMode(const OpContext& ctx) {
  const std::string mode = ctx.GetString("mode");
  if (mode == "nearest") return ResizeParams::Mode::kNearest;
  if (mode == "linear") return ResizeParams::Mode::kLinear;
  if (mode == "cubic" && ctx.version() >= 11) return ResizeParams::Mode::kCubic;
  ctx.Fail("unknown mode '" + mode + "'");
}

// Output sizes and scales from `sizes`, over the listed axes (the others keep scale 1).
void FromSizes(const OpContext& ctx, const Shape& in, const std::vector<int64_t>& axes,
               const std::vector<int64_t>& sizes, ResizeParams& p) {
  ctx.Check(sizes.size() == axes.size(), "sizes has " + std::to_string(sizes.size()) + " entries, expected " +
                                             std::to_string(axes.size()));
  const std::string policy = ctx.version() >= 18 ? ctx.GetString("keep_aspect_ratio_policy") : "stretch";
  for (size_t i = 0; i < axes.size(); ++i) {
    p.out_shape[axes[i]] = sizes[i];
    p.scales[axes[i]] = static_cast<double>(sizes[i]) / static_cast<double>(in[axes[i]]);
  }
  if (policy == "stretch") return;
  ctx.Check(policy == "not_larger" || policy == "not_smaller", "unknown keep_aspect_ratio_policy '" + policy + "'");
  double scale = p.scales[axes[0]];
  for (int64_t a : axes) scale = policy == "not_larger" ? std::min(scale, p.scales[a]) : std::max(scale, p.scales[a]);
  for (int64_t a : axes) {
    p.scales[a] = scale;
    p.out_shape[a] = static_cast<int64_t>(scale * static_cast<double>(in[a]) + 0.5);
  }
}

void RunResize(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t rank = x.rank();
  ResizeParams p;
  p.mode = ParseMode(ctx);
  p.scales.assign(rank, 1.0);
  p.out_shape = x.shape();
  std::vector<int64_t> axes;
  if (ctx.version() >= 18 && ctx.HasAttr("axes")) {
    axes = NormalizeAxes(ctx.GetInts("axes"), rank);
  } else {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  }
  const Tensor* scales = ctx.version() >= 11 ? OptionalInput(ctx, 2) : &ctx.Input(1);
  const Tensor* sizes = ctx.version() >= 11 ? OptionalInput(ctx, 3) : nullptr;
  ctx.Check((scales != nullptr) != (sizes != nullptr), "exactly one of scales and sizes must be given");
  if (scales != nullptr) {
    const std::vector<double> s = scales->ToDoubleVector();
    ctx.Check(s.size() == axes.size(), "scales has " + std::to_string(s.size()) + " entries, expected " +
                                           std::to_string(axes.size()));
    for (size_t i = 0; i < axes.size(); ++i) {
      ctx.Check(s[i] > 0, "scales must be positive");
      p.scales[axes[i]] = s[i];
      p.out_shape[axes[i]] = static_cast<int64_t>(std::floor(s[i] * static_cast<double>(x.shape()[axes[i]])));
    }
  } else {
    FromSizes(ctx, x.shape(), axes, sizes->ToInt64Vector(), p);
  }
  if (ctx.version() < 11) {
    p.coordinate_mode = "asymmetric";
    p.nearest_mode = "simple";
  } else {
    p.coordinate_mode = ctx.GetString("coordinate_transformation_mode");
    p.nearest_mode = ctx.GetString("nearest_mode");
    p.cubic_coeff_a = ctx.GetFloat("cubic_coeff_a");
    p.exclude_outside = ctx.GetInt("exclude_outside") != 0;
    p.extrapolation_value = ctx.GetFloat("extrapolation_value");
  }
  if (ctx.version() >= 18) p.antialias = ctx.GetInt("antialias") != 0;
  ctx.Check(!(p.antialias && p.mode == ResizeParams::Mode::kNearest), "antialias does not apply to nearest mode");
  ctx.Check(p.coordinate_mode != "half_pixel_symmetric" || ctx.version() >= 19,
            "half_pixel_symmetric needs Resize-19");
  if (p.coordinate_mode == "tf_crop_and_resize") {
    const Tensor* roi = OptionalInput(ctx, 1);
    ctx.Check(roi != nullptr, "tf_crop_and_resize needs roi");
    const std::vector<double> r = roi->ToDoubleVector();
    const size_t n = axes.size();
    ctx.Check(r.size() == 2 * n, "roi has " + std::to_string(r.size()) + " entries, expected " +
                                     std::to_string(2 * n));
    p.roi.assign(rank, 0.0);
    p.roi.resize(2 * rank, 1.0);
    for (size_t i = 0; i < n; ++i) {
      p.roi[axes[i]] = r[i];
      p.roi[rank + axes[i]] = r[n + i];
    }
  }
  ctx.SetOutput(0, ResizeTensor(x, p));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Resize")
                        .Versions({10, 11, 13, 18, 19})
                        .String("mode", "nearest")
                        .String("coordinate_transformation_mode", "half_pixel").Only(11)
                        .Float("cubic_coeff_a", -0.75).Only(11)
                        .Int("exclude_outside", 0).Only(11)
                        .Float("extrapolation_value", 0.0).Only(11)
                        .String("nearest_mode", "round_prefer_floor").Only(11)
                        .Int("antialias", 0).Only(18)
                        .Attr("axes", AttrType::kInts).Only(18)
                        .String("keep_aspect_ratio_policy", "stretch").Only(18)
                        .Run(RunResize));

}  // namespace parity::ref
