// PRelu: x for x >= 0, slope * x below, slope broadcast onto X (the output has X's shape). PRelu-6 also applies a
// [C] slope per channel (axis 1); from PRelu-7 on broadcasting is numpy's, unidirectional.
#include "kernels/common/elementwise.h"

namespace parity::rt {
namespace {

float PReluOf(float x, float s) {
  return x < 0.f ? s * x : x;
}

// Unsigned multiply: an overflowing product wraps like the integer type instead of being undefined.
int64_t PReluOfInt(int64_t x, int64_t s) {
  return x < 0 ? static_cast<int64_t>(static_cast<uint64_t>(s) * static_cast<uint64_t>(x)) : x;
}

std::unique_ptr<Kernel> MakePReluWith(KernelBuilder& b, Dims slope) {
  b.ExpectInputs(2, 2);
  const Dims& x = b.dims(0);
  DType t = b.in(0).dtype;
  b.Require(t == b.in(1).dtype, "slope and X dtypes differ");
  b.Require(b.in(0).layout == MemLayout::kPlain && b.in(1).layout == MemLayout::kPlain,
            "blocked layout is not supported");
  b.Require(x.size() <= kMaxRank, "rank above 8 is not supported");
  b.Require(BroadcastDims(b, x, slope) == x, "slope " + DimsToString(slope) + " cannot be broadcast to X");
  b.SetOutput(0, t, x);
  if (t == DType::kF32) {
    return std::make_unique<BroadcastKernel<float, float, float, float (*)(float, float)>>(x, slope, x, &PReluOf);
  }
  if (t == DType::kI64) {
    return std::make_unique<BroadcastKernel<int64_t, int64_t, int64_t, int64_t (*)(int64_t, int64_t)>>(x, slope, x,
                                                                                                       &PReluOfInt);
  }
  b.Fail(std::string("unsupported dtype ") + DTypeName(t));
}

std::unique_ptr<Kernel> MakePRelu6(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  Dims slope = b.dims(1);
  const Dims& x = b.dims(0);
  if (slope.size() == 1 && x.size() >= 2 && slope[0] == x[1] && slope[0] != 1) {
    slope = Dims(x.size() - 1, 1);  // [C, 1, ..., 1] lines up with axis 1 under numpy broadcasting
    slope[0] = x[1];
  }
  return MakePReluWith(b, slope);
}

std::unique_ptr<Kernel> MakePRelu(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  return MakePReluWith(b, b.dims(1));
}

PARITY_REGISTER_OP({"", "PRelu", 6, 6, &MakePRelu6});
PARITY_REGISTER_OP({"", "PRelu", 7, kMaxOpset, &MakePRelu});

}  // namespace
}  // namespace parity::rt
