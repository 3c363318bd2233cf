// RoiAlign: for every region of interest (rois [R, 4] as x1, y1, x2, y2 in input coordinates times spatial_scale,
// on image batch_indices[r]), pools each of output_height x output_width bins of X [N, C, H, W] from a grid of
// bilinear samples (sampling_ratio per bin side, or ceil(roi_size / output_size) when 0). Output [R, C, oh, ow].
//   mode avg: mean of the bilinear samples.
//   mode max: the maximum over samples of the largest of the four weighted corner terms w_i * v_i (not of the
//   interpolated value): onnxruntime's behaviour, which the ONNX reference and tests reproduce.
//   Samples more than one pixel outside the image contribute 0; others clamp to the edge.
//   coordinate_transformation_mode: half_pixel shifts the roi by -0.5 pixel; output_half_pixel does not, and
//   grows rois smaller than one pixel to one pixel.
//   RoiAlign-10: behaves as output_half_pixel.   RoiAlign-16: coordinate_transformation_mode (default half_pixel).
//   RoiAlign-22: adds bfloat16.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/op_context.h"

namespace parity::ref {
namespace {

struct RoiAlignParams {
  bool max_mode = false;
  bool half_pixel = false;
  int64_t out_h = 1, out_w = 1, sampling_ratio = 0;
  double spatial_scale = 1;
};

// Bilinear sample of one H x W plane at (y, x); returns the four weighted corner terms.
void Corners(const double* plane, int64_t h, int64_t w, double y, double x, double terms[4]) {
  std::fill(terms, terms + 4, 0.0);
  if (y < -1.0 || y > static_cast<double>(h) || x < -1.0 || x > static_cast<double>(w)) return;
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  int64_t y_low = static_cast<int64_t>(y);
  int64_t x_low = static_cast<int64_t>(x);
  int64_t y_high, x_high;
  if (y_low >= h - 1) {
    y_high = y_low = h - 1;
    y = static_cast<double>(y_low);
  } else {
    y_high = y_low + 1;
  }
  if (x_low >= w - 1) {
    x_high = x_low = w - 1;
    x = static_cast<double>(x_low);
  } else {
    x_high = x_low + 1;
  }
  const double ly = y - static_cast<double>(y_low), lx = x - static_cast<double>(x_low);
  const double hy = 1 - ly, hx = 1 - lx;
  terms[0] = hy * hx * plane[y_low * w + x_low];
  terms[1] = hy * lx * plane[y_low * w + x_high];
  terms[2] = ly * hx * plane[y_high * w + x_low];
  terms[3] = ly * lx * plane[y_high * w + x_high];
}

void PoolRoi(const RoiAlignParams& p, const double* plane, int64_t h, int64_t w, const double* roi, double* out) {
  const double offset = p.half_pixel ? 0.5 : 0.0;
  const double start_w = roi[0] * p.spatial_scale - offset;
  const double start_h = roi[1] * p.spatial_scale - offset;
  double roi_w = roi[2] * p.spatial_scale - offset - start_w;
  double roi_h = roi[3] * p.spatial_scale - offset - start_h;
  if (!p.half_pixel) {
    roi_w = std::max(roi_w, 1.0);
    roi_h = std::max(roi_h, 1.0);
  }
  const double bin_h = roi_h / static_cast<double>(p.out_h);
  const double bin_w = roi_w / static_cast<double>(p.out_w);
  const int64_t grid_h = p.sampling_ratio > 0 ? p.sampling_ratio : static_cast<int64_t>(std::ceil(bin_h));
  const int64_t grid_w = p.sampling_ratio > 0 ? p.sampling_ratio : static_cast<int64_t>(std::ceil(bin_w));
  const double count = static_cast<double>(std::max<int64_t>(grid_h * grid_w, 1));
  for (int64_t ph = 0; ph < p.out_h; ++ph) {
    for (int64_t pw = 0; pw < p.out_w; ++pw) {
      double acc = 0;
      bool first = true;
      for (int64_t iy = 0; iy < grid_h; ++iy) {
        const double y = start_h + static_cast<double>(ph) * bin_h +
                         (static_cast<double>(iy) + 0.5) * bin_h / static_cast<double>(grid_h);
        for (int64_t ix = 0; ix < grid_w; ++ix) {
          const double x = start_w + static_cast<double>(pw) * bin_w +
                           (static_cast<double>(ix) + 0.5) * bin_w / static_cast<double>(grid_w);
          double t[4];
          Corners(plane, h, w, y, x, t);
          if (p.max_mode) {
            const double m = std::max({t[0], t[1], t[2], t[3]});
            acc = first ? m : std::max(acc, m);
            first = false;
          } else {
            acc += t[0] + t[1] + t[2] + t[3];
          }
        }
      }
      out[ph * p.out_w + pw] = p.max_mode ? acc : acc / count;
    }
  }
}

void RunRoiAlign(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& rois_t = ctx.Input(1);
  const Tensor& batch_t = ctx.Input(2);
  ctx.Check(x.rank() == 4, "X must be [N, C, H, W]");
  ctx.Check(rois_t.rank() == 2 && rois_t.shape()[1] == 4, "rois must be [num_rois, 4]");
  const int64_t num_rois = rois_t.shape()[0];
  ctx.Check(batch_t.size() == num_rois, "batch_indices must have one entry per roi");
  RoiAlignParams p;
  const std::string mode = ctx.GetString("mode");
  ctx.Check(mode == "avg" || mode == "max", "mode must be avg or max, got '" + mode + "'");
  p.max_mode = mode == "max";
  const std::string ctm = ctx.version() >= 16 ? ctx.GetString("coordinate_transformation_mode") : "output_half_pixel";
  ctx.Check(ctm == "half_pixel" || ctm == "output_half_pixel", "unknown coordinate_transformation_mode '" + ctm + "'");
  p.half_pixel = ctm == "half_pixel";
  p.out_h = ctx.GetInt("output_height");
  p.out_w = ctx.GetInt("output_width");
  p.sampling_ratio = ctx.GetInt("sampling_ratio");
  p.spatial_scale = ctx.GetFloat("spatial_scale");
  ctx.Check(p.out_h >= 1 && p.out_w >= 1 && p.sampling_ratio >= 0, "invalid output size or sampling_ratio");
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  const std::vector<double> xv = x.ToDoubleVector();
  const std::vector<double> rois = rois_t.ToDoubleVector();
  const std::vector<int64_t> batch = batch_t.ToInt64Vector();
  Tensor out(x.dtype(), {num_rois, c, p.out_h, p.out_w});
  auto& ov = out.reals();
  for (int64_t r = 0; r < num_rois; ++r) {
    ctx.Check(batch[r] >= 0 && batch[r] < n, "batch index " + std::to_string(batch[r]) + " is out of range");
    for (int64_t ch = 0; ch < c; ++ch) {
      PoolRoi(p, xv.data() + (batch[r] * c + ch) * h * w, h, w, rois.data() + r * 4,
              ov.data() + (r * c + ch) * p.out_h * p.out_w);
    }
  }
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("RoiAlign")
                        .Versions({10, 16, 22})
                        .String("mode", "avg")
                        .Int("output_height", 1)
                        .Int("output_width", 1)
                        .Int("sampling_ratio", 0)
                        .Float("spatial_scale", 1.0)
                        .String("coordinate_transformation_mode", "half_pixel").Only(16)
                        .Run(RunRoiAlign));

}  // namespace parity::ref
