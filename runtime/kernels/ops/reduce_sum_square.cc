// ReduceSumSquare: sum of squares over the reduced axes (float, int64 exact). All versions (axes input from 18).
#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

struct SumSquareF {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += static_cast<double>(x[i]) * x[i]; });
    return static_cast<float>(acc);
  }
};

struct SumSquareI {
  static int64_t Apply(const int64_t* x, const ReduceGeom& g, int64_t base) {
    uint64_t acc = 0;  // unsigned: overflow wraps like the integer type instead of being undefined
    g.ForEach(base, [&](int64_t i) { acc += static_cast<uint64_t>(x[i]) * static_cast<uint64_t>(x[i]); });
    return static_cast<int64_t>(acc);
  }
};

std::unique_ptr<Kernel> MakeReduceSumSquare(KernelBuilder& b) {
  DType t = b.in(0).dtype;
  if (t != DType::kF32 && t != DType::kI64) b.Fail(std::string("unsupported dtype ") + DTypeName(t));
  ReduceGeom g = SetupReduce(b, t);
  if (t == DType::kF32) return std::make_unique<ReduceWalkKernel<float, float, SumSquareF>>(std::move(g));
  return std::make_unique<ReduceWalkKernel<int64_t, int64_t, SumSquareI>>(std::move(g));
}

PARITY_REGISTER_OP({"", "ReduceSumSquare", 1, kMaxOpset, &MakeReduceSumSquare});

}  // namespace
}  // namespace parity::rt
