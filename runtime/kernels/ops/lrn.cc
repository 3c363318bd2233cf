// LRN across channels: y = x / (bias + alpha / size * sum_{c' in window} x[c']^2) ^ beta.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class LrnKernel : public Kernel {
 public:
  LrnKernel(Dims x, int64_t size, float alpha, float beta, float bias)
      : x_(std::move(x)), size_(size), alpha_(alpha), beta_(beta), bias_(bias) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    int64_t n = x_[0], c = x_[1], hw = NumElements(x_) / (n * c);
    int64_t lo = (size_ - 1) / 2, hi = size_ - 1 - lo;  // floor/ceil halves as in the ONNX definition
    for (int64_t b = 0; b < n; ++b)
      for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t i = 0; i < hw; ++i) {
          float sq = 0.f;
          for (int64_t k = std::max<int64_t>(0, ch - lo); k <= std::min(c - 1, ch + hi); ++k) {
            float v = x[(b * c + k) * hw + i];
            sq += v * v;
          }
          int64_t at = (b * c + ch) * hw + i;
          y[at] = x[at] / std::pow(bias_ + alpha_ / static_cast<float>(size_) * sq, beta_);
        }
  }

 private:
  Dims x_;
  int64_t size_;
  float alpha_, beta_, bias_;
};

std::unique_ptr<Kernel> MakeLrn(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  b.Require(b.dims(0).size() >= 3, "input must have N, C and spatial dims");
  b.Require(b.node().HasAttr("size"), "attribute size is required");
  b.SetOutput(0, DType::kF32, b.dims(0));
  return std::make_unique<LrnKernel>(b.dims(0), b.node().AttrInt("size", 1), b.node().AttrFloat("alpha", 1e-4f),
                                     b.node().AttrFloat("beta", 0.75f), b.node().AttrFloat("bias", 1.f));
}

PARITY_REGISTER_OP({"", "LRN", 1, kMaxOpset, &MakeLrn});

}  // namespace
}  // namespace parity::rt
