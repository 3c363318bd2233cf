// ReduceL2: sqrt of the sum of squares over the reduced axes. Float only: for integer tensors ONNX truncates the
// root back to the integer type, which no exported model relies on. All versions (axes input from 18).
#include <cmath>

#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

struct L2 {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += static_cast<double>(x[i]) * x[i]; });
    return static_cast<float>(std::sqrt(acc));
  }
};

std::unique_ptr<Kernel> MakeReduceL2(KernelBuilder& b) {
  b.ExpectFloat(0);
  return std::make_unique<ReduceWalkKernel<float, float, L2>>(SetupReduce(b, DType::kF32));
}

PARITY_REGISTER_OP({"", "ReduceL2", 1, kMaxOpset, &MakeReduceL2});

}  // namespace
}  // namespace parity::rt
