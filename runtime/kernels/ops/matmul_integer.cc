// MatMulInteger (opset 10): y = (A - a_zero_point) * (B - b_zero_point) as int32 with MatMul's numpy semantics;
// zero points are scalars, per row of A ([M]) or per column of B ([N]). Exact int64 sums wrapped to int32.
#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

class MatMulIntegerKernel : public Kernel {
 public:
  explicit MatMulIntegerKernel(BatchedMatMul p) : p_(std::move(p)) {}
  void Run(const RunContext& ctx) override {
    std::vector<int64_t> azp = ZeroPoints(ctx, 2, ctx.in.size() > 2 && ctx.in[2].data ? za_ : 1);
    std::vector<int64_t> bzp = ZeroPoints(ctx, 3, ctx.in.size() > 3 && ctx.in[3].data ? zb_ : 1);
    int64_t* y = ctx.out[0].as<int64_t>();
    IntMatMul(p_, ctx.in[0].as<int64_t>(), ctx.in[1].as<int64_t>(), azp, bzp, y);
    int64_t total = NumElements(p_.out);
    for (int64_t i = 0; i < total; ++i) y[i] = static_cast<int32_t>(static_cast<uint32_t>(y[i]));
  }
  int64_t za_ = 1, zb_ = 1;

 private:
  BatchedMatMul p_;
};

std::unique_ptr<Kernel> MakeMatMulInteger(KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  for (int i = 0; i < 4; ++i) {
    if (b.has_input(i)) b.Require(b.in(i).dtype == DType::kI64, "inputs must be integer tensors");
  }
  BatchedMatMul p = PlanBatchedMatMul(b, b.dims(0), b.dims(1));
  auto k = std::make_unique<MatMulIntegerKernel>(p);
  if (b.has_input(2)) {
    k->za_ = NumElements(b.dims(2));
    b.Require(b.dims(2).size() <= 1 && (k->za_ == 1 || k->za_ == p.m),
              "a_zero_point must be a scalar or 1-D per row of A");
  }
  if (b.has_input(3)) {
    k->zb_ = NumElements(b.dims(3));
    b.Require(b.dims(3).size() <= 1 && (k->zb_ == 1 || k->zb_ == p.n),
              "b_zero_point must be a scalar or 1-D per column of B");
  }
  b.SetOutput(0, DType::kI64, p.out);
  return k;
}

PARITY_REGISTER_OP({"", "MatMulInteger", 10, kMaxOpset, &MakeMatMulInteger});

}  // namespace
}  // namespace parity::rt
