// Dropout (all versions). Inference (training_mode false, the default) and ratio 0 are the identity with an
// all-true mask (output aliases the input). Training mode with 0 < ratio < 1 draws the mask the way ONNX's
// reference implementation and node tests do: numpy's legacy MT19937 seeded with the `seed` attribute (0 when
// absent), u = random_sample() per element in row-major order, keep = u >= ratio, y = keep ? x / (1 - ratio) : 0.
// Dropout-1..11 carry `ratio` as an attribute and have no training mode (is_test / inference only).
#include <random>

#include "kernels/common/op_util.h"

namespace parity::rt {

std::unique_ptr<Kernel> MakeAliasOfInput(KernelBuilder& b);

namespace {

// numpy's RandomState.random_sample(): a 53-bit double from two 32-bit draws.
double NumpyRandomSample(std::mt19937& engine) {
  const uint32_t a = engine() >> 5;
  const uint32_t b = engine() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

class TrainingDropoutKernel : public Kernel {
 public:
  TrainingDropoutKernel(int64_t n, float ratio, uint32_t seed) : n_(n), ratio_(ratio), seed_(seed) {}
  void Run(const RunContext& ctx) override {
    // The mask depends only on the seed and the element count: every run draws the same one, as onnx does.
    std::mt19937 engine(seed_);
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    uint8_t* mask = ctx.out.size() > 1 ? ctx.out[1].as<uint8_t>() : nullptr;
    const float scale = 1.0f / (1.0f - ratio_);
    for (int64_t i = 0; i < n_; ++i) {
      const bool keep = NumpyRandomSample(engine) >= ratio_;
      y[i] = keep ? x[i] * scale : 0.0f;
      if (mask != nullptr) mask[i] = keep ? 1 : 0;
    }
  }

 private:
  int64_t n_;
  float ratio_;
  uint32_t seed_;
};

std::unique_ptr<Kernel> MakeDropout(KernelBuilder& b) {
  b.ExpectInputs(1, 3);
  const bool training = b.has_input(2) && *b.ConstInput(2, "training_mode").as<uint8_t>() != 0;
  if (!training) return MakeAliasOfInput(b);
  const float ratio = b.has_input(1) ? *b.ConstInput(1, "ratio").as<float>() : 0.5f;
  b.Require(ratio >= 0.0f && ratio < 1.0f, "ratio must be in [0, 1) in training mode");
  if (ratio == 0.0f) return MakeAliasOfInput(b);
  b.Require(b.in(0).layout == MemLayout::kPlain, "training-mode Dropout on a blocked tensor");
  b.ExpectFloat(0);
  b.SetOutput(0, DType::kF32, b.dims(0));
  if (b.num_outputs() > 1) b.SetOutput(1, DType::kBool, b.dims(0));
  const auto seed = static_cast<uint32_t>(b.node().AttrInt("seed", 0));
  return std::make_unique<TrainingDropoutKernel>(NumElements(b.dims(0)), ratio, seed);
}

PARITY_REGISTER_OP({"", "Dropout", 1, kMaxOpset, &MakeDropout});

}  // namespace
}  // namespace parity::rt
