// BatchNormalization: y = (x - mean) / sqrt(var + eps) * scale + bias per channel. Inference mode is usually
// folded into the preceding Conv by the fold_batchnorm pass; this kernel covers the rest. Training mode
// (BatchNormalization-14+, training_mode=1) normalizes with the batch statistics (population variance over N and
// the spatial dims) and outputs running_mean / running_var = input * momentum + batch * (1 - momentum).
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

// Batch statistics are computed in double: the sums run over N * spatial elements.
class BatchNormTrainingKernel : public Kernel {
 public:
  BatchNormTrainingKernel(int64_t n, int64_t c, int64_t hw, float eps, float momentum)
      : n_(n), c_(c), hw_(hw), eps_(eps), momentum_(momentum) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, c_, [&](int64_t c0, int64_t c1) {
      for (int64_t ch = c0; ch < c1; ++ch) Channel(ctx, x, y, ch);
    });
  }

 private:
  void Channel(const RunContext& ctx, const float* x, float* y, int64_t ch) const {
    double sum = 0, sq = 0, count = static_cast<double>(n_ * hw_);
    for (int64_t b = 0; b < n_; ++b) {
      const float* xp = x + (b * c_ + ch) * hw_;
      for (int64_t i = 0; i < hw_; ++i) sum += xp[i];
    }
    double mean = count > 0 ? sum / count : 0;
    for (int64_t b = 0; b < n_; ++b) {
      const float* xp = x + (b * c_ + ch) * hw_;
      for (int64_t i = 0; i < hw_; ++i) sq += (xp[i] - mean) * (xp[i] - mean);
    }
    double var = count > 0 ? sq / count : 0;
    double mul = ctx.in[1].as<float>()[ch] / std::sqrt(var + eps_);
    double add = ctx.in[2].as<float>()[ch] - mean * mul;
    for (int64_t b = 0; b < n_; ++b) {
      const float* xp = x + (b * c_ + ch) * hw_;
      float* yp = y + (b * c_ + ch) * hw_;
      for (int64_t i = 0; i < hw_; ++i) yp[i] = static_cast<float>(xp[i] * mul + add);
    }
    double m = momentum_;
    if (ctx.out.size() > 1 && ctx.out[1].data) {
      ctx.out[1].as<float>()[ch] = static_cast<float>(ctx.in[3].as<float>()[ch] * m + mean * (1 - m));
    }
    if (ctx.out.size() > 2 && ctx.out[2].data) {
      ctx.out[2].as<float>()[ch] = static_cast<float>(ctx.in[4].as<float>()[ch] * m + var * (1 - m));
    }
  }
  int64_t n_, c_, hw_;
  float eps_, momentum_;
};

std::unique_ptr<Kernel> MakeBatchNormTraining(KernelBuilder& b) {
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2, "input must be at least 2-D");
  b.Require(b.num_outputs() <= 3, "BatchNormalization-14+ has at most 3 outputs");
  int64_t c = x[1];
  for (int i = 1; i < 5; ++i) {
    b.ExpectFloat(i);
    b.Require(b.dims(i) == Dims{c}, "scale, B, input_mean and input_var must have shape [C]");
  }
  b.SetOutput(0, DType::kF32, x);
  for (int i = 1; i < b.num_outputs(); ++i) b.SetOutput(i, DType::kF32, {c});
  int64_t hw = x[0] * c ? NumElements(x) / (x[0] * c) : 0;
  return std::make_unique<BatchNormTrainingKernel>(x[0], c, hw, b.node().AttrFloat("epsilon", 1e-5f),
                                                   b.node().AttrFloat("momentum", 0.9f));
}

std::unique_ptr<Kernel> MakeBatchNorm(KernelBuilder& b) {
  b.ExpectInputs(5, 5);
  b.ExpectFloat(0);
  b.Require(b.num_outputs() == 1, "training-mode outputs of BatchNormalization before opset 14 are not supported");
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

std::unique_ptr<Kernel> MakeBatchNorm14(KernelBuilder& b) {
  b.ExpectInputs(5, 5);
  b.ExpectFloat(0);
  if (b.node().AttrInt("training_mode", 0) != 0) return MakeBatchNormTraining(b);
  b.Require(b.num_outputs() == 1, "running_mean / running_var are only produced with training_mode=1");
  return MakeBatchNorm(b);
}

PARITY_REGISTER_OP({"", "BatchNormalization", 1, 13, &MakeBatchNorm});
PARITY_REGISTER_OP({"", "BatchNormalization", 14, kMaxOpset, &MakeBatchNorm14});

}  // namespace
}  // namespace parity::rt
