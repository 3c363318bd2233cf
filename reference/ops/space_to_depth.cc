// SpaceToDepth: the inverse of DepthToSpace in DCR order. Input [N, C, H, W] with H and W divisible by b
// (b = blocksize); output [N, C*b*b, H/b, W/b], where output channel (i*b + j)*C + c at (h, w) reads input
// (c, h*b + i, w*b + j).
//   SpaceToDepth-1.   SpaceToDepth-13: adds bfloat16.
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSpaceToDepth(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() == 4, "input must be 4-D [N, C, H, W], got " + ShapeToString(x.shape()));
  const int64_t b = ctx.GetInt("blocksize");
  ctx.Check(b >= 1, "blocksize must be positive");
  ctx.Check(x.shape()[2] % b == 0 && x.shape()[3] % b == 0,
            "spatial dims of " + ShapeToString(x.shape()) + " are not divisible by blocksize " + std::to_string(b));
  const int64_t c_in = x.shape()[1];
  const Shape out = {x.shape()[0], c_in * b * b, x.shape()[2] / b, x.shape()[3] / b};
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& o, std::vector<int64_t>& src) {
    const int64_t block = o[1] / c_in;
    src[0] = o[0];
    src[1] = o[1] % c_in;
    src[2] = o[2] * b + block / b;
    src[3] = o[3] * b + block % b;
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SpaceToDepth")
                        .Versions({1, 13})
                        .Attr("blocksize", AttrType::kInt, /*required=*/true)
                        .Run(RunSpaceToDepth));

}  // namespace parity::ref
