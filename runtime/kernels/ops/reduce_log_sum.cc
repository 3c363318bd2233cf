// ReduceLogSum: log of the sum over the reduced axes (-inf for an empty set). Float only. All versions (axes
// input from 18).
#include <cmath>

#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

struct LogSum {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += x[i]; });
    return static_cast<float>(std::log(acc));
  }
};

std::unique_ptr<Kernel> MakeReduceLogSum(KernelBuilder& b) {
  b.ExpectFloat(0);
  return std::make_unique<ReduceWalkKernel<float, float, LogSum>>(SetupReduce(b, DType::kF32));
}

PARITY_REGISTER_OP({"", "ReduceLogSum", 1, kMaxOpset, &MakeReduceLogSum});

}  // namespace
}  // namespace parity::rt
