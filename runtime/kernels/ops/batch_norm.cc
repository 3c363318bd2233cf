// BatchNormalization in inference mode: y = (x - mean) / sqrt(var + eps) * scale + bias per channel. Usually
// folded into the preceding Conv by the fold_batchnorm pass; this kernel covers the rest.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class BatchNormKernel : public Kernel {
 public:
  BatchNormKernel(int64_t n, int64_t c, int64_t hw, std::vector<float> mul, std::vector<float> add)
      : n_(n), c_(c), hw_(hw), mul_(std::move(mul)), add_(std::move(add)) {}
  double Flops() const override { return 2.0 * n_ * c_ * hw_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    for (int64_t p = 0; p < n_ * c_; ++p) {
      float m = mul_[p % c_], a = add_[p % c_];
      for (int64_t i = 0; i < hw_; ++i) y[p * hw_ + i] = x[p * hw_ + i] * m + a;
    }
  }

 private:
  int64_t n_, c_, hw_;
  std::vector<float> mul_, add_;
};

std::unique_ptr<Kernel> MakeBatchNorm(KernelBuilder& b) {
  b.ExpectInputs(5, 5);
  b.ExpectFloat(0);
  b.Require(b.num_outputs() == 1, "training-mode outputs are not supported");
  b.Require(b.node().AttrInt("training_mode", 0) == 0, "training_mode=1 is not supported");
  b.Require(b.node().AttrInt("spatial", 1) == 1, "spatial=0 (per-activation statistics) is not supported");
  b.Require(b.node().AttrInt("is_test", 1) == 1, "is_test=0 is not supported");
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2, "input must be at least 2-D");
  int64_t c = x[1];
  const char* names[] = {"", "scale", "B", "mean", "var"};
  const float* p[5] = {};
  for (int i = 1; i < 5; ++i) {
    const ConstTensor& t = b.ConstInput(i, names[i]);
    b.Require(t.size() == c, std::string(names[i]) + " must have C elements");
    p[i] = t.as<float>();
  }
  float eps = b.node().AttrFloat("epsilon", 1e-5f);
  std::vector<float> mul(c), add(c);
  for (int64_t i = 0; i < c; ++i) {
    mul[i] = p[1][i] / std::sqrt(p[4][i] + eps);
    add[i] = p[2][i] - p[3][i] * mul[i];
  }
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<BatchNormKernel>(x[0], c, NumElements(x) / (x[0] * c), std::move(mul), std::move(add));
}

PARITY_REGISTER_OP({"", "BatchNormalization", 1, kMaxOpset, &MakeBatchNorm});

}  // namespace
}  // namespace parity::rt
