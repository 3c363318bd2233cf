// DynamicQuantizeLinear (opset 11): uint8 quantization of x with a scale and zero point derived from x's range
// (always including 0): y_scale = (max(0, max x) - min(0, min x)) / 255 rounded to float, y_zero_point =
// round_half_even(clamp(-min / y_scale, 0, 255)), y = saturate(round_half_even(x / y_scale) + y_zero_point); the
// divisions are float divisions (the op reports a float scale, so y is the quantization by that scale).
#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

class DynamicQuantizeKernel : public Kernel {
 public:
  explicit DynamicQuantizeKernel(int64_t n) : n_(n) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float lo = 0.f, hi = 0.f;
    for (int64_t i = 0; i < n_; ++i) {
      lo = std::min(lo, x[i]);
      hi = std::max(hi, x[i]);
    }
    float scale = static_cast<float>((static_cast<double>(hi) - static_cast<double>(lo)) / 255.0);
    int64_t zp = scale == 0.f ? 0 : static_cast<int64_t>(std::nearbyint(std::clamp(0.f - lo / scale, 0.f, 255.f)));
    int64_t* y = ctx.out[0].as<int64_t>();
    for (int64_t i = 0; i < n_; ++i) y[i] = scale == 0.f ? 0 : QuantizeValue(x[i] / scale, zp, 0, 255);
    if (ctx.out.size() > 1 && ctx.out[1].data) *ctx.out[1].as<float>() = scale;
    if (ctx.out.size() > 2 && ctx.out[2].data) *ctx.out[2].as<int64_t>() = zp;
  }

 private:
  int64_t n_;
};

std::unique_ptr<Kernel> MakeDynamicQuantize(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  b.SetOutput(0, DType::kI64, b.dims(0));
  if (b.num_outputs() > 1) b.SetOutput(1, DType::kF32, {});
  if (b.num_outputs() > 2) b.SetOutput(2, DType::kI64, {});
  return std::make_unique<DynamicQuantizeKernel>(NumElements(b.dims(0)));
}

// Random-free but data-dependent: foldable like any other op.
PARITY_REGISTER_OP({"", "DynamicQuantizeLinear", 11, kMaxOpset, &MakeDynamicQuantize});

}  // namespace
}  // namespace parity::rt
