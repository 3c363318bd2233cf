// Variadic Sum / Mean (float) with numpy broadcasting of every input to the common output shape.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class SumKernel : public Kernel {
 public:
  SumKernel(Dims out, std::vector<Dims> strides, bool mean)
      : out_(std::move(out)), st_(std::move(strides)), mean_(mean) {}
  double Flops() const override { return static_cast<double>(NumElements(out_) * st_.size()); }
  void Run(const RunContext& ctx) override {
    float* y = ctx.out[0].as<float>();
    int64_t n = NumElements(out_);
    size_t r = out_.size();
    std::vector<int64_t> idx(r, 0);
    float scale = mean_ ? 1.f / static_cast<float>(st_.size()) : 1.f;
    for (int64_t i = 0; i < n; ++i) {
      float acc = 0.f;
      for (size_t k = 0; k < st_.size(); ++k) {
        int64_t off = 0;
        for (size_t d = 0; d < r; ++d) off += idx[d] * st_[k][d];
        acc += ctx.in[k].as<float>()[off];
      }
      y[i] = acc * scale;
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims out_;
  std::vector<Dims> st_;
  bool mean_;
};

template <bool kMean>
std::unique_ptr<Kernel> MakeSum(KernelBuilder& b) {
  b.Require(b.num_inputs() >= 1, "needs at least one input");
  Dims out = b.dims(0);
  for (int i = 0; i < b.num_inputs(); ++i) {
    b.Require(b.has_input(i), "empty input");
    b.ExpectFloat(i);
    out = BroadcastDims(b, out, b.dims(i));
  }
  std::vector<Dims> st;
  for (int i = 0; i < b.num_inputs(); ++i) st.push_back(BroadcastStrides(b.dims(i), out));
  b.SetOutput(0, DType::kF32, out);
  return std::make_unique<SumKernel>(out, std::move(st), kMean);
}

PARITY_REGISTER_OP({"", "Sum", 6, kMaxOpset, &MakeSum<false>});
PARITY_REGISTER_OP({"", "Mean", 6, kMaxOpset, &MakeSum<true>});

}  // namespace
}  // namespace parity::rt
