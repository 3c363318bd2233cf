// QLinearMatMul (opset 10/21) on int8/uint8 operands: acc = (a - a_zero_point) * (b - b_zero_point) exactly, then
// y = saturate(round_half_even(acc * a_scale * b_scale / y_scale) + y_zero_point) in double. a's scale / zero
// point are scalars or per row ([M]), b's scalars or per column ([N]); y's scalars. y has y_zero_point's type.
// float8 operands are refused.
#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

class QLinearMatMulKernel : public Kernel {
 public:
  QLinearMatMulKernel(BatchedMatMul p, int64_t na, int64_t nb, int64_t lo, int64_t hi)
      : p_(std::move(p)), na_(na), nb_(nb), lo_(lo), hi_(hi) {}
  size_t ScratchBytes() const override { return static_cast<size_t>(NumElements(p_.out)) * 8; }
  void Run(const RunContext& ctx) override {
    std::vector<int64_t> azp(ctx.in[2].as<int64_t>(), ctx.in[2].as<int64_t>() + na_);
    std::vector<int64_t> bzp(ctx.in[5].as<int64_t>(), ctx.in[5].as<int64_t>() + nb_);
    const float* as = ctx.in[1].as<float>();
    const float* bs = ctx.in[4].as<float>();
    double ys = ctx.in[6].as<float>()[0];
    int64_t yzp = ctx.in[7].as<int64_t>()[0];
    int64_t* acc = static_cast<int64_t*>(ctx.scratch);
    IntMatMul(p_, ctx.in[0].as<int64_t>(), ctx.in[3].as<int64_t>(), azp, bzp, acc);
    int64_t* y = ctx.out[0].as<int64_t>();
    int64_t total = NumElements(p_.out);
    for (int64_t i = 0; i < total; ++i) {
      int64_t row = (i / p_.n) % p_.m, col = i % p_.n;
      double scale = static_cast<double>(as[na_ == 1 ? 0 : row]) * static_cast<double>(bs[nb_ == 1 ? 0 : col]);
      y[i] = QuantizeValue(static_cast<double>(acc[i]) * scale / ys, yzp, lo_, hi_);
    }
  }

 private:
  BatchedMatMul p_;
  int64_t na_, nb_, lo_, hi_;
};

std::unique_ptr<Kernel> MakeQLinearMatMul(KernelBuilder& b) {
  b.ExpectInputs(8, 8);
  for (int i : {0, 2, 3, 5, 7}) b.Require(b.in(i).dtype == DType::kI64, "a, b and zero points must be integers");
  for (int i : {1, 4, 6}) b.ExpectFloat(i);
  BatchedMatMul p = PlanBatchedMatMul(b, b.dims(0), b.dims(3));
  int64_t na = NumElements(b.dims(1)), nb = NumElements(b.dims(4));
  b.Require(b.dims(1).size() <= 1 && (na == 1 || na == p.m) && NumElements(b.dims(2)) == na,
            "a_scale / a_zero_point must be scalars or have one value per row of a");
  b.Require(b.dims(4).size() <= 1 && (nb == 1 || nb == p.n) && NumElements(b.dims(5)) == nb,
            "b_scale / b_zero_point must be scalars or have one value per column of b");
  b.Require(NumElements(b.dims(6)) == 1 && NumElements(b.dims(7)) == 1, "y_scale and y_zero_point must be scalars");
  int64_t lo = 0, hi = 0;
  QuantTargetRange(b, 7, &lo, &hi);
  b.SetOutput(0, DType::kI64, p.out);
  return std::make_unique<QLinearMatMulKernel>(std::move(p), na, nb, lo, hi);
}

PARITY_REGISTER_OP({"", "QLinearMatMul", 10, kMaxOpset, &MakeQLinearMatMul});

}  // namespace
}  // namespace parity::rt
