// Upsample (deprecated by Resize): scales every dimension by `scales` (each >= 1); output = floor(input * scale).
// Coordinates map asymmetrically (x_original = x / scale): nearest truncates x_original, linear interpolates
// between the two neighbours (the upper one clamped to the edge).
//   Upsample-7: `scales` attribute.   Upsample-9: `scales` becomes a float input.   Upsample-10: deprecated,
//   same behaviour (kept so opset-10 models still load).
#include <cmath>
#include <string>

#include "core/op_context.h"
#include "core/resize_common.h"

namespace parity::ref {
namespace {

void RunUpsample(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const std::vector<double> scales = ctx.version() >= 9 ? ctx.Input(1).ToDoubleVector() : ctx.GetFloats("scales");
  ctx.Check(static_cast<int64_t>(scales.size()) == x.rank(),
            "scales has " + std::to_string(scales.size()) + " entries for rank " + std::to_string(x.rank()));
  ResizeParams p;
  const std::string mode = ctx.GetString("mode");
  if (mode == "nearest") {
    p.mode = ResizeParams::Mode::kNearest;
  } else if (mode == "linear" || mode == "bilinear") {
    p.mode = ResizeParams::Mode::kLinear;
  } else {
    ctx.Fail("unknown mode '" + mode + "'");
  }
  p.coordinate_mode = "asymmetric";
  p.nearest_mode = "simple";
  p.scales = scales;
  for (int64_t d = 0; d < x.rank(); ++d) {
    ctx.Check(scales[d] >= 1, "scales must be >= 1");
    p.out_shape.push_back(static_cast<int64_t>(std::floor(scales[d] * static_cast<double>(x.shape()[d]))));
  }
  ctx.SetOutput(0, ResizeTensor(x, p));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Upsample")
                        .Versions({7, 9, 10})
                        .String("mode", "nearest")
                        .Attr("scales", AttrType::kFloats, /*required=*/true).Only(7, 8)
                        .Run(RunUpsample));

}  // namespace parity::ref
