// ConvInteger (opset 10): y = conv(x - x_zero_point, w - w_zero_point) as int32 (x_zero_point scalar,
// w_zero_point scalar or per output channel); Conv's attributes. Exact int64 sums wrapped to int32.
#include "kernels/common/conv_int.h"

namespace parity::rt {
namespace {

class ConvIntegerKernel : public Kernel {
 public:
  ConvIntegerKernel(IntConvPlan p, int64_t wzp_count) : p_(std::move(p)), wzp_count_(wzp_count) {}
  void Run(const RunContext& ctx) override {
    int64_t xzp = ctx.in.size() > 2 && ctx.in[2].data ? ctx.in[2].as<int64_t>()[0] : 0;
    std::vector<int64_t> wzp = {0};
    if (ctx.in.size() > 3 && ctx.in[3].data) wzp.assign(ctx.in[3].as<int64_t>(), ctx.in[3].as<int64_t>() + wzp_count_);
    int64_t* y = ctx.out[0].as<int64_t>();
    IntConv(p_, ctx.in[0].as<int64_t>(), xzp, ctx.in[1].as<int64_t>(), wzp, y);
    int64_t total = NumElements(p_.out);
    for (int64_t i = 0; i < total; ++i) y[i] = static_cast<int32_t>(static_cast<uint32_t>(y[i]));
  }

 private:
  IntConvPlan p_;
  int64_t wzp_count_;
};

std::unique_ptr<Kernel> MakeConvInteger(KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  for (int i = 0; i < 4; ++i) {
    if (b.has_input(i)) b.Require(b.in(i).dtype == DType::kI64, "inputs must be integer tensors");
  }
  IntConvPlan p = PlanIntConv(b, b.dims(0), b.dims(1));
  if (b.has_input(2)) b.Require(NumElements(b.dims(2)) == 1, "x_zero_point must be a scalar");
  int64_t wzp = 1;
  if (b.has_input(3)) {
    wzp = NumElements(b.dims(3));
    b.Require(b.dims(3).size() <= 1 && (wzp == 1 || wzp == p.m), "w_zero_point must be a scalar or [M]");
  }
  b.SetOutput(0, DType::kI64, p.out);
  return std::make_unique<ConvIntegerKernel>(std::move(p), wzp);
}

PARITY_REGISTER_OP({"", "ConvInteger", 10, kMaxOpset, &MakeConvInteger});

}  // namespace
}  // namespace parity::rt
