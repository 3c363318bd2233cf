// ReduceL1: sum of absolute values over the reduced axes (float, int64 exact). All versions (axes input from 18).
#include <cmath>

#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

struct L1F {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += std::fabs(x[i]); });
    return static_cast<float>(acc);
  }
};

struct L1I {
  static int64_t Apply(const int64_t* x, const ReduceGeom& g, int64_t base) {
    uint64_t acc = 0;  // unsigned: overflow wraps like the integer type instead of being undefined
    g.ForEach(base,
              [&](int64_t i) { acc += x[i] < 0 ? 0 - static_cast<uint64_t>(x[i]) : static_cast<uint64_t>(x[i]); });
    return static_cast<int64_t>(acc);
  }
};

std::unique_ptr<Kernel> MakeReduceL1(KernelBuilder& b) {
  DType t = b.in(0).dtype;
  if (t != DType::kF32 && t != DType::kI64) b.Fail(std::string("unsupported dtype ") + DTypeName(t));
  ReduceGeom g = SetupReduce(b, t);
  if (t == DType::kF32) return std::make_unique<ReduceWalkKernel<float, float, L1F>>(std::move(g));
  return std::make_unique<ReduceWalkKernel<int64_t, int64_t, L1I>>(std::move(g));
}

PARITY_REGISTER_OP({"", "ReduceL1", 1, kMaxOpset, &MakeReduceL1});

}  // namespace
}  // namespace parity::rt
