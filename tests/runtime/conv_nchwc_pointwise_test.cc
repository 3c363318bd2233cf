// Blocked pointwise (1x1) convs compiled as models, against a double-precision loop within the tolerance table's
// conv_nchwc contract, at 1, 2 and 3 threads: the output-channel split, and the input-channel shares that 2+ threads
// use when the input is much deeper than the output (mobilenet's projections), with the residual and activations
// in registers (Relu) and after the kernel (Sigmoid), batch 2, and channel counts that leave the shares uneven.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/tolerances.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::AlgorithmOf;

struct Case {
  int64_t n, c, oc, h, w;
  bool residual;    // y = act(conv(x) + r)
  std::string act;  // "", "Relu" (in registers) or "Sigmoid" (applied after the kernel)
};

onnx::ModelProto CaseModel(const Case& k, const std::vector<float>& w, const std::vector<float>& bias) {
  return testing::ConvWithEpilogue({k.n, k.c, k.h, k.w}, {k.oc, k.c, 1, 1}, {k.n, k.oc, k.h, k.w}, w, bias, {},
                                   k.residual, k.act, "conv1x1");
}

// The conv in double; `mag` gets sum |w * x| per output (the tolerance's dot-product magnitude).
std::vector<double> DirectConv(const Case& k, const std::vector<float>& x, const std::vector<float>& w,
                               const std::vector<float>& bias, const std::vector<float>& r, std::vector<double>* mag) {
  const int64_t pixels = k.h * k.w;
  std::vector<double> y(static_cast<size_t>(k.n * k.oc * pixels));
  mag->assign(y.size(), 0.0);
  for (int64_t n = 0; n < k.n; ++n) {
    for (int64_t o = 0; o < k.oc; ++o) {
      for (int64_t p = 0; p < pixels; ++p) {
        double acc = bias[o], m = std::fabs(bias[o]);
        for (int64_t c = 0; c < k.c; ++c) {
          const double v = double{w[o * k.c + c]} * x[(n * k.c + c) * pixels + p];
          acc += v;
          m += std::fabs(v);
        }
        const size_t i = static_cast<size_t>((n * k.oc + o) * pixels + p);
        if (k.residual) acc += r[i], m += std::fabs(r[i]);
        if (k.act == "Relu") acc = std::max(acc, 0.0);
        if (k.act == "Sigmoid") acc = 1.0 / (1.0 + std::exp(-acc));
        y[i] = acc;
        (*mag)[i] = m;
      }
    }
  }
  return y;
}

// Runs the case on blocked tensors at 1, 2 and 3 threads; returns the algorithm of the 2-thread compile.
std::string CheckCase(const Case& k) {
  const std::vector<float> w = testing::Pattern(static_cast<size_t>(k.oc * k.c), -0.3f, 0.3f, 7);
  const std::vector<float> bias = testing::Pattern(static_cast<size_t>(k.oc), -0.5f, 0.5f, 8);
  const std::vector<float> x = testing::Pattern(static_cast<size_t>(k.n * k.c * k.h * k.w), -2.f, 2.f, 9);
  const std::vector<float> r =
      k.residual ? testing::Pattern(static_cast<size_t>(k.n * k.oc * k.h * k.w), -1.f, 1.f, 10) : std::vector<float>{};
  std::vector<double> mag;
  const std::vector<double> ref = DirectConv(k, x, w, bias, r, &mag);
  const test::KernelTolerance& tol = test::ToleranceFor("conv_nchwc");
  std::string algorithm;
  for (int threads : {1, 2, 3}) {
    CompileOptions o;
    o.layout = Layout::kNchwc;
    o.threads = threads;
    auto exe = Compile(CaseModel(k, w, bias), o);
    if (threads == 2) algorithm = AlgorithmOf(*exe, "conv1x1");
    std::vector<HostTensor> in = {HostTensor::FromFloats({k.n, k.c, k.h, k.w}, x)};
    if (k.residual) in.push_back(HostTensor::FromFloats({k.n, k.oc, k.h, k.w}, r));
    const std::vector<float> got = exe->Run(in)[0].ToFloats();
    EXPECT_EQ(got.size(), ref.size());
    if (got.size() != ref.size()) break;
    const testing::WorstElement worst = testing::WorstOverBound(got, ref, [&](size_t i) {
      return tol.dot_eps * FLT_EPSILON * k.c * mag[i] + tol.out_eps * (1 + std::fabs(ref[i]));
    });
    EXPECT_LE(worst.ratio, 1.0) << "element " << worst.index << " of " << got.size() << ", threads " << threads << ", "
                                << algorithm << ": got " << got[worst.index] << ", want " << ref[worst.index];
  }
  return algorithm;
}

class ConvNchwcPointwiseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ActiveKernelTable().conv.nchwc_conv_row == nullptr) GTEST_SKIP() << "no blocked conv row kernel on this CPU";
  }
};

TEST_F(ConvNchwcPointwiseTest, DeepInputsSplitByInputChannelShares) {
  // mobilenet_v2's 14x14 projection with its residual; a 7x9 map whose 20 input blocks split 10 + 10 at batch 2.
  EXPECT_EQ(CheckCase({1, 576, 96, 14, 14, true, ""}), "pointwise-nchwc-channel-shares");
  EXPECT_EQ(CheckCase({2, 320, 96, 7, 9, true, "Sigmoid"}), "pointwise-nchwc-channel-shares");
  EXPECT_EQ(CheckCase({1, 368, 112, 12, 10, false, "Relu"}), "pointwise-nchwc-channel-shares");  // 23 blocks: 11 + 12
}

TEST_F(ConvNchwcPointwiseTest, OtherShapesSplitByOutputChannels) {
  EXPECT_EQ(CheckCase({1, 192, 32, 28, 28, true, ""}), "pointwise-nchwc");       // 2 output blocks
  EXPECT_EQ(CheckCase({1, 96, 576, 14, 14, false, "Relu"}), "pointwise-nchwc");  // an expansion
  EXPECT_EQ(CheckCase({1, 300, 96, 14, 14, false, ""}), "pointwise-nchwc");      // 300 channels: not whole blocks
}

}  // namespace
}  // namespace parity::rt
