// The blocked Winograd F(4x4, 3x3) conv (kernels/ops/conv_nchwc_winograd.cc) against a double-precision direct
// conv, within the tolerance table's conv_winograd_f4 contract: channel counts off the 16-lane block, maps that
// are not multiples of the 4x4 tile, padding 0 and 1 (asymmetric too), the residual and activation epilogues
// (in registers and after the kernel), batch 2, 1 and 2 threads, and both schedules (per-thread tile groups,
// shared stages when the transformed weights are large). Also: which convs conv=auto sends to Winograd.
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
  std::vector<int64_t> pads;  // top, left, bottom, right
  bool residual;              // y = act(conv(x) + r)
  std::string act;            // "", "Relu" (in registers) or "Sigmoid" (applied after the kernel)
};

bool WinogradHere() {
  const ConvKernelConfig& k = ActiveKernelTable().conv;
  return k.nchwc_conv_row != nullptr && k.nchwc_winograd_input != nullptr && k.nchwc_winograd_output != nullptr;
}

int64_t OutH(const Case& k) {
  return k.h + k.pads[0] + k.pads[2] - 2;
}
int64_t OutW(const Case& k) {
  return k.w + k.pads[1] + k.pads[3] - 2;
}

onnx::ModelProto CaseModel(const Case& k, const std::vector<float>& w, const std::vector<float>& bias) {
  return testing::ConvWithEpilogue({k.n, k.c, k.h, k.w}, {k.oc, k.c, 3, 3}, {k.n, k.oc, OutH(k), OutW(k)}, w, bias,
                                   k.pads, k.residual, k.act, "conv3x3");
}

// The conv in double; `mag` gets sum |w * x| per output (the tolerance's dot-product magnitude).
std::vector<double> DirectConv(const Case& k, const std::vector<float>& x, const std::vector<float>& w,
                               const std::vector<float>& bias, const std::vector<float>& r, std::vector<double>* mag) {
  const int64_t oh = OutH(k), ow = OutW(k);
  std::vector<double> y(static_cast<size_t>(k.n * k.oc * oh * ow));
  mag->assign(y.size(), 0.0);
  for (int64_t n = 0; n < k.n; ++n) {
    for (int64_t o = 0; o < k.oc; ++o) {
      for (int64_t oy = 0; oy < oh; ++oy) {
        for (int64_t ox = 0; ox < ow; ++ox) {
          double acc = bias[o], m = 0;
          for (int64_t c = 0; c < k.c; ++c) {
            for (int64_t ky = 0; ky < 3; ++ky) {
              const int64_t iy = oy - k.pads[0] + ky;
              if (iy < 0 || iy >= k.h) continue;
              for (int64_t kx = 0; kx < 3; ++kx) {
                const int64_t ix = ox - k.pads[1] + kx;
                if (ix < 0 || ix >= k.w) continue;
                const double p =
                    double{w[((o * k.c + c) * 3 + ky) * 3 + kx]} * x[((n * k.c + c) * k.h + iy) * k.w + ix];
                acc += p;
                m += std::fabs(p);
              }
            }
          }
          const size_t i = static_cast<size_t>(((n * k.oc + o) * oh + oy) * ow + ox);
          if (k.residual) acc += r[i];
          if (k.act == "Relu") acc = std::max(acc, 0.0);
          if (k.act == "Sigmoid") acc = 1.0 / (1.0 + std::exp(-acc));
          y[i] = acc;
          (*mag)[i] = m;
        }
      }
    }
  }
  return y;
}

// Runs the case under conv=winograd at 1 and 2 threads; returns the algorithm of the last compile.
std::string CheckCase(const Case& k) {
  const std::vector<float> w = testing::Pattern(static_cast<size_t>(k.oc * k.c * 9), -0.3f, 0.3f, 3);
  const std::vector<float> bias = testing::Pattern(static_cast<size_t>(k.oc), -0.5f, 0.5f, 4);
  const std::vector<float> x = testing::Pattern(static_cast<size_t>(k.n * k.c * k.h * k.w), -2.f, 2.f, 5);
  const std::vector<float> r = k.residual
                                   ? testing::Pattern(static_cast<size_t>(k.n * k.oc * OutH(k) * OutW(k)), -1.f, 1.f, 6)
                                   : std::vector<float>{};
  std::vector<double> mag;
  const std::vector<double> ref = DirectConv(k, x, w, bias, r, &mag);
  const test::KernelTolerance& tol = test::ToleranceFor("conv_winograd_f4");
  const double depth = static_cast<double>(k.c * 9);
  std::string algorithm;
  for (int threads : {1, 2}) {
    CompileOptions o;
    o.layout = Layout::kNchwc;
    o.conv_algo = ConvAlgo::kWinograd;
    o.threads = threads;
    auto exe = Compile(CaseModel(k, w, bias), o);
    algorithm = AlgorithmOf(*exe, "conv3x3");
    std::vector<HostTensor> in = {HostTensor::FromFloats({k.n, k.c, k.h, k.w}, x)};
    if (k.residual) in.push_back(HostTensor::FromFloats({k.n, k.oc, OutH(k), OutW(k)}, r));
    const std::vector<float> got = exe->Run(in)[0].ToFloats();
    EXPECT_EQ(got.size(), ref.size());
    if (got.size() != ref.size()) break;
    const testing::WorstElement worst = testing::WorstOverBound(got, ref, [&](size_t i) {
      return tol.dot_eps * FLT_EPSILON * depth * mag[i] + tol.out_eps * (1 + std::fabs(ref[i]));
    });
    EXPECT_LE(worst.ratio, 1.0) << "element " << worst.index << " of " << got.size() << ", threads " << threads << ", "
                                << algorithm << ": got " << got[worst.index] << ", want " << ref[worst.index];
  }
  return algorithm;
}

class ConvNchwcWinogradTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!WinogradHere()) GTEST_SKIP() << "no blocked Winograd kernels on this CPU";
  }
};

TEST_F(ConvNchwcWinogradTest, PaddedMapsOffTheTileGrid) {
  EXPECT_EQ(CheckCase({1, 16, 32, 23, 21, {1, 1, 1, 1}, false, ""}).rfind("winograd-f4x4", 0), 0u);
  EXPECT_EQ(CheckCase({1, 24, 40, 13, 18, {1, 1, 1, 1}, false, "Relu"}).rfind("winograd-f4x4", 0), 0u);
}

TEST_F(ConvNchwcWinogradTest, UnpaddedAndAsymmetricPadding) {
  EXPECT_EQ(CheckCase({1, 32, 16, 14, 15, {0, 0, 0, 0}, false, "Relu"}).rfind("winograd-f4x4", 0), 0u);
  EXPECT_EQ(CheckCase({1, 20, 24, 17, 12, {0, 1, 2, 0}, false, ""}).rfind("winograd-f4x4", 0), 0u);
}

TEST_F(ConvNchwcWinogradTest, ResidualAndActivationsInAndOutsideTheRegisters) {
  EXPECT_EQ(CheckCase({1, 32, 48, 19, 19, {1, 1, 1, 1}, true, "Relu"}).rfind("winograd-f4x4", 0), 0u);
  EXPECT_EQ(CheckCase({1, 16, 20, 11, 26, {1, 1, 1, 1}, true, "Sigmoid"}).rfind("winograd-f4x4", 0), 0u);
}

TEST_F(ConvNchwcWinogradTest, BatchOfTwo) {
  EXPECT_EQ(CheckCase({2, 16, 16, 20, 20, {1, 1, 1, 1}, true, ""}).rfind("winograd-f4x4", 0), 0u);
}

TEST_F(ConvNchwcWinogradTest, BothSchedules) {
  // 64 -> 64 channels: 590 KB of transformed weights, per-thread tile groups; 160 -> 160: 3.7 MB, shared stages.
  EXPECT_EQ(CheckCase({1, 64, 64, 40, 40, {1, 1, 1, 1}, false, "Relu"}), "winograd-f4x4-per-thread");
  EXPECT_EQ(CheckCase({1, 160, 160, 14, 14, {1, 1, 1, 1}, false, "Relu"}), "winograd-f4x4-shared-rows");
}

TEST_F(ConvNchwcWinogradTest, AutoPicksItForLargeMapsOnly) {
  auto algorithm_under_auto = [](const Case& k) {
    const std::vector<float> w(static_cast<size_t>(k.oc * k.c * 9), 0.1f), bias(static_cast<size_t>(k.oc), 0.f);
    CompileOptions o;
    o.layout = Layout::kNchwc;
    return AlgorithmOf(*Compile(CaseModel(k, w, bias), o), "conv3x3");
  };
  EXPECT_EQ(algorithm_under_auto({1, 64, 64, 56, 56, {1, 1, 1, 1}, false, ""}).rfind("winograd-f4x4", 0), 0u);
  EXPECT_EQ(algorithm_under_auto({1, 512, 512, 7, 7, {1, 1, 1, 1}, false, ""}), "direct-nchwc");
}

TEST_F(ConvNchwcWinogradTest, CompileTableCountsTheAlgorithms) {
  const Case k{1, 32, 32, 20, 20, {1, 1, 1, 1}, false, ""};
  const std::vector<float> w(static_cast<size_t>(k.oc * k.c * 9), 0.1f), bias(static_cast<size_t>(k.oc), 0.f);
  CompileOptions o;
  o.layout = Layout::kNchwc;
  const std::string table = Compile(CaseModel(k, w, bias), o)->stats().ToTable();
  EXPECT_NE(table.find("algorithms: winograd-f4x4-per-thread x1"), std::string::npos) << table;
}

}  // namespace
}  // namespace parity::rt
