// RMSNormalization (opset 23): X seen as [rows, len] with len = product of X's dims from `axis` on;
//   y = x / sqrt(mean(x^2 over the row) + epsilon) * scale
// stash_type names the precision of the statistics; the mean of squares is accumulated in double, which is at
// least as precise as any float stash type.
#include <cmath>

#include "kernels/common/normalization.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class RmsNormKernel : public Kernel {
 public:
  RmsNormKernel(int64_t rows, int64_t len, float eps, ConstPtr scale)
      : rows_(rows), len_(len), eps_(eps), scale_(std::move(scale)) {}
  double Flops() const override { return 4.0 * rows_ * len_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* g = ctx.in[1].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, rows_, [&](int64_t s, int64_t e) {
      for (int64_t r = s; r < e; ++r) {
        const float* xr = x + r * len_;
        float* yr = y + r * len_;
        double sq = 0.0;
        for (int64_t i = 0; i < len_; ++i) sq += static_cast<double>(xr[i]) * xr[i];
        float inv = static_cast<float>(1.0 / std::sqrt(sq / static_cast<double>(len_) + eps_));
        for (int64_t i = 0; i < len_; ++i) yr[i] = xr[i] * inv * g[i];
      }
    });
  }

 private:
  int64_t rows_, len_;
  float eps_;
  ConstPtr scale_;
};

std::unique_ptr<Kernel> MakeRmsNorm(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  b.Require(b.num_outputs() == 1, "expects one output");
  int64_t stash = b.node().AttrInt("stash_type", 1);
  b.Require(stash == onnx_type::kFloat || stash == onnx_type::kFloat16 || stash == onnx_type::kDouble || stash == 16,
            "stash_type " + std::to_string(stash) + " is not a float type");
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", -1), rank);
  int64_t rows = 1, len = 1;
  for (int64_t i = 0; i < rank; ++i) (i < axis ? rows : len) *= x[i];
  b.Require(CoversNormalizedDims(b.dims(1), x, axis), "scale " + DimsToString(b.dims(1)) +
                                                          " must have the normalized dims of X " + DimsToString(x) +
                                                          " (other broadcasts unsupported)");
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<RmsNormKernel>(rows, len, b.node().AttrFloat("epsilon", 1e-5f), KeepConst(b, 1));
}

PARITY_REGISTER_OP({"", "RMSNormalization", 23, kMaxOpset, &MakeRmsNorm});

}  // namespace
}  // namespace parity::rt
