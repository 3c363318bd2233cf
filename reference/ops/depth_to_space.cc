// DepthToSpace: moves blocks of channels into space. Input [N, C, H, W] with C divisible by b*b (b = blocksize);
// output [N, C/(b*b), H*b, W*b], where output (n, c, h*b+i, w*b+j) reads input channel
//   DCR (depth-column-row, default): (i*b + j) * C/(b*b) + c;   CRD (column-row-depth): c*b*b + i*b + j.
//   DepthToSpace-1: DCR only.   DepthToSpace-11: `mode` attribute.   DepthToSpace-13: adds bfloat16.
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunDepthToSpace(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() == 4, "input must be 4-D [N, C, H, W], got " + ShapeToString(x.shape()));
  const int64_t b = ctx.GetInt("blocksize");
  ctx.Check(b >= 1, "blocksize must be positive");
  const std::string mode = ctx.version() >= 11 ? ctx.GetString("mode") : "DCR";
  ctx.Check(mode == "DCR" || mode == "CRD", "mode must be DCR or CRD, got '" + mode + "'");
  const int64_t c_in = x.shape()[1];
  ctx.Check(c_in % (b * b) == 0, "channels " + std::to_string(c_in) + " are not divisible by blocksize^2");
  const int64_t c_out = c_in / (b * b);
  const Shape out = {x.shape()[0], c_out, x.shape()[2] * b, x.shape()[3] * b};
  const bool dcr = mode == "DCR";
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& o, std::vector<int64_t>& src) {
    const int64_t i = o[2] % b;
    const int64_t j = o[3] % b;
    src[0] = o[0];
    src[1] = dcr ? (i * b + j) * c_out + o[1] : o[1] * b * b + i * b + j;
    src[2] = o[2] / b;
    src[3] = o[3] / b;
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("DepthToSpace")
                        .Versions({1, 11, 13})
                        .Attr("blocksize", AttrType::kInt, /*required=*/true)
                        .String("mode", "DCR").Only(11)
                        .Run(RunDepthToSpace));

}  // namespace parity::ref
