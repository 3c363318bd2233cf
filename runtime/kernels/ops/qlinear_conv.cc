// QLinearConv (opset 10): acc = conv(x - x_zero_point, w - w_zero_point[m]) + B[m] exactly, then
// y = saturate(round_half_even(acc * x_scale * w_scale[m] / y_scale) + y_zero_point) in double. x_scale,
// x_zero_point, y_scale, y_zero_point are scalars; w_scale / w_zero_point scalars or per output channel. y has
// y_zero_point's type. Conv's attributes.
#include "kernels/common/conv_int.h"
#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

class QLinearConvKernel : public Kernel {
 public:
  QLinearConvKernel(IntConvPlan p, int64_t nw, int64_t lo, int64_t hi) : p_(std::move(p)), nw_(nw), lo_(lo), hi_(hi) {}
  size_t ScratchBytes() const override { return static_cast<size_t>(NumElements(p_.out)) * 8; }
  void Run(const RunContext& ctx) override {
    double xs = ctx.in[1].as<float>()[0], ys = ctx.in[6].as<float>()[0];
    int64_t xzp = ctx.in[2].as<int64_t>()[0], yzp = ctx.in[7].as<int64_t>()[0];
    const float* ws = ctx.in[4].as<float>();
    std::vector<int64_t> wzp(ctx.in[5].as<int64_t>(), ctx.in[5].as<int64_t>() + nw_);
    const int64_t* bias = ctx.in.size() > 8 && ctx.in[8].data ? ctx.in[8].as<int64_t>() : nullptr;
    int64_t* acc = static_cast<int64_t*>(ctx.scratch);
    IntConv(p_, ctx.in[0].as<int64_t>(), xzp, ctx.in[3].as<int64_t>(), wzp, acc);
    int64_t* y = ctx.out[0].as<int64_t>();
    int64_t osz = p_.w.OutSize(), total = NumElements(p_.out);
    for (int64_t i = 0; i < total; ++i) {
      int64_t m = (i / osz) % p_.m;
      double real = static_cast<double>(acc[i] + (bias ? bias[m] : 0)) * xs * static_cast<double>(ws[nw_ == 1 ? 0 : m]);
      y[i] = QuantizeValue(real / ys, yzp, lo_, hi_);
    }
  }

 private:
  IntConvPlan p_;
  int64_t nw_, lo_, hi_;
};

std::unique_ptr<Kernel> MakeQLinearConv(KernelBuilder& b) {
  b.ExpectInputs(8, 9);
  for (int i : {0, 2, 3, 5, 7}) b.Require(b.in(i).dtype == DType::kI64, "x, w and zero points must be integers");
  for (int i : {1, 4, 6}) b.ExpectFloat(i);
  IntConvPlan p = PlanIntConv(b, b.dims(0), b.dims(3));
  for (int i : {1, 2, 6, 7}) b.Require(NumElements(b.dims(i)) == 1, "x/y scales and zero points must be scalars");
  int64_t nw = NumElements(b.dims(4));
  b.Require(b.dims(4).size() <= 1 && (nw == 1 || nw == p.m) && NumElements(b.dims(5)) == nw,
            "w_scale / w_zero_point must be scalars or have one value per output channel");
  if (b.has_input(8)) {
    b.Require(b.in(8).dtype == DType::kI64 && b.dims(8) == Dims{p.m}, "B must be int32 [M]");
  }
  int64_t lo = 0, hi = 0;
  QuantTargetRange(b, 7, &lo, &hi);
  b.SetOutput(0, DType::kI64, p.out);
  return std::make_unique<QLinearConvKernel>(std::move(p), nw, lo, hi);
}

PARITY_REGISTER_OP({"", "QLinearConv", 10, kMaxOpset, &MakeQLinearConv});

}  // namespace
}  // namespace parity::rt
