// InstanceNormalization over x [N, C, D1, ...]: per (n, c), mean and population variance over D1..Dn, then
//   y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c]
// Versions 1 (consumed_inputs, legacy), 6 and 22 (bfloat16 added) compute the same thing. Statistics are
// accumulated in double because a channel can span a whole image.
#include <cmath>

#include "kernels/common/normalization.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class InstanceNormKernel : public Kernel {
 public:
  InstanceNormKernel(int64_t n, int64_t c, int64_t spatial, float eps, ConstPtr scale, ConstPtr bias)
      : n_(n), c_(c), spatial_(spatial), eps_(eps), scale_(std::move(scale)), bias_(std::move(bias)) {}
  double Flops() const override { return 6.0 * n_ * c_ * spatial_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* scale = ctx.in[1].as<float>();
    const float* bias = ctx.in[2].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, n_ * c_, [&](int64_t s, int64_t e) {
      for (int64_t nc = s; nc < e; ++nc) {
        const int64_t ch = nc % c_;
        const float* xc = x + nc * spatial_;
        float* yc = y + nc * spatial_;
        const Moments mo = MeanInvStd(xc, spatial_, eps_);
        const float mul = mo.inv_std * scale[ch];
        const float add = bias[ch] - mo.mean * mul;
        for (int64_t i = 0; i < spatial_; ++i) yc[i] = xc[i] * mul + add;
      }
    });
  }

 private:
  int64_t n_, c_, spatial_;
  float eps_;
  ConstPtr scale_, bias_;
};

std::unique_ptr<Kernel> MakeInstanceNorm(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  for (int i = 0; i < 3; ++i) b.ExpectFloat(i);
  b.Require(b.num_outputs() == 1, "expects one output");
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 3, "X must be at least 3-D [N, C, D1, ...], got " + DimsToString(x));
  const int64_t c = x[1];
  for (int i = 1; i <= 2; ++i) {
    b.Require(
        b.dims(i).size() == 1 && b.dims(i)[0] == c,
        std::string(i == 1 ? "scale " : "B ") + DimsToString(b.dims(i)) + " must be [C] = [" + std::to_string(c) + "]");
  }
  int64_t spatial = 1;
  for (size_t i = 2; i < x.size(); ++i) spatial *= x[i];
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<InstanceNormKernel>(x[0], c, spatial, b.node().AttrFloat("epsilon", 1e-5f), KeepConst(b, 1),
                                              KeepConst(b, 2));
}

PARITY_REGISTER_OP({"", "InstanceNormalization", 1, kMaxOpset, &MakeInstanceNorm});

}  // namespace
}  // namespace parity::rt
