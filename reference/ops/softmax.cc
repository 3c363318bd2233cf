// Softmax: y = e^(x - max) / sum(e^(x - max)) over each lane (subtracting the lane's max keeps exp finite).
//   axis (int): Softmax-1 and -11: default 1; the input is viewed as 2-D [prod(dims[:axis]), prod(dims[axis:])]
//   and each row is normalised.   Softmax-13: default -1; each 1-D slice along axis is normalised.
//   Softmax-11 differs from -1 only in accepting negative axes; Softmax-13 adds bfloat16.
#include <cmath>

#include "core/softmax_axis.h"

namespace parity::ref {
namespace {

void RunSoftmax(OpContext& ctx) {
  const SoftmaxLanes lanes = SoftmaxLanesOf(ctx);
  Tensor y = ctx.Input(0);
  auto& v = y.reals();
  ForEachLane(lanes, [&](int64_t base, int64_t stride, int64_t length) {
    double max = -INFINITY;
    for (int64_t k = 0; k < length; ++k) max = std::fmax(max, v[base + k * stride]);
    double sum = 0;
    for (int64_t k = 0; k < length; ++k) sum += v[base + k * stride] = std::exp(v[base + k * stride] - max);
    for (int64_t k = 0; k < length; ++k) v[base + k * stride] /= sum;
  });
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Softmax")
                        .Versions({1, 11, 13})
                        .Int("axis", 1).Only(1, 11)
                        .Int("axis", -1).Only(13)
                        .Run(RunSoftmax));

}  // namespace parity::ref
