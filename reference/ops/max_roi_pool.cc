// MaxRoiPool (Fast R-CNN RoI pooling): for each region r = rois[r] = (batch_index, x1, y1, x2, y2) in input
// coordinates, scaled by spatial_scale and rounded (half away from zero), the region (at least 1x1 cells,
// corners inclusive) is cut into pooled_shape = [ph, pw] bins of fractional size; bin (i, j) covers rows
// [floor(i*h/ph), ceil((i+1)*h/ph)) (and the same for columns) offset by the region start and clipped to X.
// y[r, c, i, j] = max of X[batch_index, c] over the bin, or 0 for an empty bin. X is [N, C, H, W].
//   MaxRoiPool-1: float types.   MaxRoiPool-22: adds bfloat16.
#include <algorithm>
#include <cmath>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunMaxRoiPool(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& rois = ctx.Input(1);
  ctx.Check(IsFloating(x.dtype()) && x.rank() == 4, "X must be a floating [N, C, H, W] tensor");
  ctx.Check(rois.rank() == 2 && rois.dim(1) == 5, "rois must be [num_rois, 5], got " + ShapeToString(rois.shape()));
  const std::vector<int64_t> pooled = ctx.GetInts("pooled_shape");
  ctx.Check(pooled.size() == 2 && pooled[0] > 0 && pooled[1] > 0, "pooled_shape must be two positive values");
  const double scale = ctx.GetFloat("spatial_scale");
  const int64_t c = x.dim(1), h = x.dim(2), w = x.dim(3), ph = pooled[0], pw = pooled[1];
  Tensor y(x.dtype(), {rois.dim(0), c, ph, pw});
  const std::vector<double> r = rois.ToDoubleVector();
  for (int64_t n = 0; n < rois.dim(0); ++n) {
    const int64_t batch = static_cast<int64_t>(r[n * 5]);
    ctx.Check(batch >= 0 && batch < x.dim(0), "roi " + std::to_string(n) + " has batch index out of range");
    const int64_t x1 = static_cast<int64_t>(std::round(r[n * 5 + 1] * scale));
    const int64_t y1 = static_cast<int64_t>(std::round(r[n * 5 + 2] * scale));
    const int64_t x2 = static_cast<int64_t>(std::round(r[n * 5 + 3] * scale));
    const int64_t y2 = static_cast<int64_t>(std::round(r[n * 5 + 4] * scale));
    const double bin_h = static_cast<double>(std::max<int64_t>(y2 - y1 + 1, 1)) / static_cast<double>(ph);
    const double bin_w = static_cast<double>(std::max<int64_t>(x2 - x1 + 1, 1)) / static_cast<double>(pw);
    for (int64_t ch = 0; ch < c; ++ch) {
      const double* plane = x.reals().data() + (batch * c + ch) * h * w;
      for (int64_t i = 0; i < ph; ++i) {
        const int64_t hs = std::clamp<int64_t>(static_cast<int64_t>(std::floor(i * bin_h)) + y1, 0, h);
        const int64_t he = std::clamp<int64_t>(static_cast<int64_t>(std::ceil((i + 1) * bin_h)) + y1, 0, h);
        for (int64_t j = 0; j < pw; ++j) {
          const int64_t ws = std::clamp<int64_t>(static_cast<int64_t>(std::floor(j * bin_w)) + x1, 0, w);
          const int64_t we = std::clamp<int64_t>(static_cast<int64_t>(std::ceil((j + 1) * bin_w)) + x1, 0, w);
          double best = 0;
          bool any = false;
          for (int64_t yy = hs; yy < he; ++yy) {
            for (int64_t xx = ws; xx < we; ++xx) {
              const double v = plane[yy * w + xx];
              if (!any || v > best) best = v;
              any = true;
            }
          }
          y.reals()[((n * c + ch) * ph + i) * pw + j] = best;
        }
      }
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("MaxRoiPool")
                        .Versions({1, 22})
                        .Attr("pooled_shape", AttrType::kInts, true)
                        .Float("spatial_scale", 1.0)
                        .Run(RunMaxRoiPool));

}  // namespace parity::ref
