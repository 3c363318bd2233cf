// ReduceLogSumExp: log(sum(exp(x))) over the reduced axes, computed as m + log(sum(exp(x - m))) with m the maximum
// so large inputs do not overflow; -inf for an empty set. Float only. All versions (axes input from 18).
#include <cmath>
#include <limits>

#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

struct LogSumExp {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    float m = -std::numeric_limits<float>::infinity();
    bool nan = false;
    g.ForEach(base, [&](int64_t i) {
      nan = nan || std::isnan(x[i]);
      m = x[i] > m ? x[i] : m;
    });
    if (nan) return std::numeric_limits<float>::quiet_NaN();
    if (std::isinf(m)) return m;  // all -inf (or empty) gives -inf; any +inf gives +inf
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += std::exp(static_cast<double>(x[i]) - m); });
    return static_cast<float>(m + std::log(acc));
  }
};

std::unique_ptr<Kernel> MakeReduceLogSumExp(KernelBuilder& b) {
  b.ExpectFloat(0);
  return std::make_unique<ReduceWalkKernel<float, float, LogSumExp>>(SetupReduce(b, DType::kF32));
}

PARITY_REGISTER_OP({"", "ReduceLogSumExp", 1, kMaxOpset, &MakeReduceLogSumExp});

}  // namespace
}  // namespace parity::rt
