// GlobalAveragePool / GlobalMaxPool over all spatial dims; plain and channel-blocked layouts.
#include <limits>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

constexpr int64_t kMinParallelElements = int64_t{1} << 15;

class GlobalPoolKernel : public Kernel {
 public:
  GlobalPoolKernel(int64_t n, int64_t c, int64_t hw, int block, bool is_max)
      : n_(n), c_(c), hw_(hw), block_(block), max_(is_max) {}
  double Flops() const override { return static_cast<double>(n_ * c_ * hw_); }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    if (block_ > 1) {
      // Split by channel blocks like the convs that produce the input, so each thread mostly reads what it wrote
      // into its own cache; small inputs stay on the calling thread.
      const int64_t planes = n_ * ((c_ + block_ - 1) / block_);
      ParallelForOrInline(Splits(ctx) ? ctx.pool : nullptr, planes,
                          [&](int64_t p0, int64_t p1) { RunBlocked(x, y, p0, p1); });
      return;
    }
    for (int64_t p = 0; p < n_ * c_; ++p) {
      const float* xp = x + p * hw_;
      float acc = max_ ? -std::numeric_limits<float>::infinity() : 0.f;
      for (int64_t i = 0; i < hw_; ++i) acc = max_ ? std::max(acc, xp[i]) : acc + xp[i];
      y[p] = max_ ? acc : acc / static_cast<float>(hw_);
    }
  }

  bool Splits(const RunContext& ctx) const override {
    return block_ > 1 && WorthSplitting(ctx, static_cast<double>(n_ * c_ * hw_), kMinParallelElements) &&
           Kernel::Splits(ctx);
  }

 private:
  // Blocked input (N, C/b, H, W, b) -> blocked output (N, C/b, 1, 1, b), planes [p0, p1).
  void RunBlocked(const float* x, float* y, int64_t p0, int64_t p1) const {
    for (int64_t p = p0; p < p1; ++p) {
      const float* xp = x + p * hw_ * block_;
      float acc[64];
      for (int j = 0; j < block_; ++j) acc[j] = max_ ? -std::numeric_limits<float>::infinity() : 0.f;
      for (int64_t i = 0; i < hw_; ++i) {
        for (int j = 0; j < block_; ++j)
          acc[j] = max_ ? std::max(acc[j], xp[i * block_ + j]) : acc[j] + xp[i * block_ + j];
      }
      for (int j = 0; j < block_; ++j) y[p * block_ + j] = max_ ? acc[j] : acc[j] / static_cast<float>(hw_);
    }
  }
  int64_t n_, c_, hw_;
  int block_;
  bool max_;
};

template <bool kMax>
std::unique_ptr<Kernel> MakeGlobalPool(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 3, "input must have spatial dims");
  Dims out = x;
  for (size_t i = 2; i < out.size(); ++i) out[i] = 1;
  int64_t hw = NumElements(x) / (x[0] * x[1]);
  bool blocked = b.in(0).layout == MemLayout::kBlocked;
  b.SetOutput(0, DType::kF32, out, b.in(0).layout, b.in(0).block);
  return std::make_unique<GlobalPoolKernel>(x[0], x[1], hw, blocked ? b.in(0).block : 1, kMax);
}

PARITY_REGISTER_OP({"", "GlobalAveragePool", 1, kMaxOpset, &MakeGlobalPool<false>});
PARITY_REGISTER_OP({"", "GlobalMaxPool", 1, kMaxOpset, &MakeGlobalPool<true>});

}  // namespace
}  // namespace parity::rt
