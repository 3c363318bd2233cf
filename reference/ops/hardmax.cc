// Hardmax: y = 1 at the first maximum of each lane, 0 elsewhere. Comparisons with NaN are false, so a NaN is
// never chosen over an earlier element, and a NaN first element is never replaced.
//   axis (int): Hardmax-1 and -11: default 1; the input is viewed as 2-D [prod(dims[:axis]), prod(dims[axis:])]
//   and each row is one lane.   Hardmax-13: default -1; each 1-D slice along axis is a lane.
//   Hardmax-11 differs from -1 only in accepting negative axes; Hardmax-13 adds bfloat16.
#include "core/softmax_axis.h"

namespace parity::ref {
namespace {

void RunHardmax(OpContext& ctx) {
  const SoftmaxLanes lanes = SoftmaxLanesOf(ctx);
  const auto& x = ctx.Input(0).reals();
  Tensor y(ctx.Input(0).dtype(), ctx.Input(0).shape());
  auto& v = y.reals();
  ForEachLane(lanes, [&](int64_t base, int64_t stride, int64_t length) {
    int64_t best = 0;
    for (int64_t k = 1; k < length; ++k) {
      if (x[base + k * stride] > x[base + best * stride]) best = k;
    }
    if (length > 0) v[base + best * stride] = 1.0;
  });
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Hardmax")
                        .Versions({1, 11, 13})
                        .Int("axis", 1).Only(1, 11)
                        .Int("axis", -1).Only(13)
                        .Run(RunHardmax));

}  // namespace parity::ref
