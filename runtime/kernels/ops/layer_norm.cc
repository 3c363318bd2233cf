// LayerNormalization (opset 17): normalize over dims [axis, rank), scale and optional bias.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class LayerNormKernel : public Kernel {
 public:
  LayerNormKernel(int64_t rows, int64_t len, float eps, ConstPtr scale, ConstPtr bias)
      : rows_(rows), len_(len), eps_(eps), scale_(std::move(scale)), bias_(std::move(bias)) {}
  double Flops() const override { return 6.0 * rows_ * len_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* g = ctx.in[1].as<float>();
    const float* bb = bias_ || ctx.in.size() > 2 ? ctx.in[2].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, rows_, [&](int64_t s, int64_t e) {
      for (int64_t r = s; r < e; ++r) {
        const float* xr = x + r * len_;
        float* yr = y + r * len_;
        float mean = 0.f;
        for (int64_t i = 0; i < len_; ++i) mean += xr[i];
        mean /= static_cast<float>(len_);
        float var = 0.f;
        for (int64_t i = 0; i < len_; ++i) var += (xr[i] - mean) * (xr[i] - mean);
        float inv = 1.f / std::sqrt(var / static_cast<float>(len_) + eps_);
        for (int64_t i = 0; i < len_; ++i) yr[i] = (xr[i] - mean) * inv * g[i] + (bb ? bb[i] : 0.f);
      }
    });
  }

 private:
  int64_t rows_, len_;
  float eps_;
  ConstPtr scale_, bias_;
};

std::unique_ptr<Kernel> MakeLayerNorm(KernelBuilder& b) {
  b.ExpectInputs(2, 3);
  b.ExpectFloat(0);
  b.Require(b.num_outputs() == 1, "Mean/InvStdDev outputs are not supported");
  const Dims& x = b.dims(0);
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", -1), static_cast<int64_t>(x.size()));
  int64_t rows = 1, len = 1;
  for (size_t i = 0; i < x.size(); ++i) (static_cast<int64_t>(i) < axis ? rows : len) *= x[i];
  b.Require(NumElements(b.dims(1)) == len, "scale must cover the normalized dims");
  if (b.has_input(2)) b.Require(NumElements(b.dims(2)) == len, "bias must cover the normalized dims");
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<LayerNormKernel>(rows, len, b.node().AttrFloat("epsilon", 1e-5f), KeepConst(b, 1),
                                           KeepConst(b, 2));
}

PARITY_REGISTER_OP({"", "LayerNormalization", 17, kMaxOpset, &MakeLayerNorm});
// Produced by the fusion passes from the ReduceMean/Sub/Pow/Sqrt/Div decomposition (same semantics).
PARITY_REGISTER_OP({"parity", "LayerNormalization", 1, kMaxOpset, &MakeLayerNorm});

}  // namespace
}  // namespace parity::rt
