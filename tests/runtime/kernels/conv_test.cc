// Convolution algorithms against a double-precision direct loop, for every ISA variant and 1 / 2 threads.
#include "kernels/conv/conv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

ConvShape MakeShape(int64_t cin, int64_t cout, int64_t hw, int64_t k, int64_t stride, int64_t pad, int64_t dil,
                    int64_t groups, int64_t batch = 1) {
  ConvShape s;
  s.batch = batch;
  s.in_channels = cin;
  s.out_channels = cout;
  s.in_h = hw;
  s.in_w = hw + 3;  // non-square catches h/w mix-ups
  s.kernel_h = s.kernel_w = k;
  s.stride_h = s.stride_w = stride;
  s.pad_top = s.pad_left = pad;
  s.pad_bottom = pad;
  s.pad_right = pad > 0 ? pad - 1 : 0;  // asymmetric padding
  s.dilation_h = s.dilation_w = dil;
  s.groups = groups;
  return s;
}

struct RunSpec {
  ActivationParams act;
  bool bias = true;
  bool residual = false;
  ResidualOrder order = ResidualOrder::kBeforeActivation;
};

class ConvTest : public ::testing::TestWithParam<std::tuple<Isa, int>> {
 protected:
  void SetUp() override {
    table_ = KernelTableFor(std::get<0>(GetParam()));
    ASSERT_NE(table_, nullptr);
    pool_ = std::make_unique<ThreadPool>(std::get<1>(GetParam()));
  }

  bool Check(const ConvShape& s, ConvAlgo algo, const RunSpec& spec) {
    const int64_t cin_g = s.in_channels / s.groups, cout_g = s.out_channels / s.groups;
    const int64_t oh_n = s.out_h(), ow_n = s.out_w();
    std::vector<float> x = RandomVector(s.batch * s.in_channels * s.in_h * s.in_w, 11);
    std::vector<float> w = RandomVector(s.out_channels * cin_g * s.kernel_h * s.kernel_w, 12);
    std::vector<float> bias = RandomVector(s.out_channels, 13);
    const int64_t out_size = s.batch * s.out_channels * oh_n * ow_n;
    std::vector<float> res = RandomVector(out_size, 14);
    std::vector<float> y(out_size, NAN);
    PreparedConv conv;
    std::string error;
    ConvPrepareOptions po;
    po.kernels = table_;
    if (!PrepareConv(s, w.data(), algo, po, &conv, &error)) {
      ADD_FAILURE() << "PrepareConv failed: " << error;
      return false;
    }
    ConvRunArgs ra;
    ra.input = x.data();
    ra.output = y.data();
    ra.bias = spec.bias ? bias.data() : nullptr;
    ra.activation = spec.act;
    ra.residual = spec.residual ? res.data() : nullptr;
    ra.residual_order = spec.order;
    ra.pool = pool_.get();
    RunConv(conv, ra);
    const char* kernel = conv.algo() == ConvAlgo::kDepthwise  ? "conv_depthwise"
                         : conv.algo() == ConvAlgo::kWinograd ? "conv_winograd"
                                                              : "conv_gemm";
    const KernelTolerance& tol = ToleranceFor(kernel);
    const double depth = static_cast<double>(cin_g * s.kernel_h * s.kernel_w + 2);
    for (int64_t b = 0; b < s.batch; ++b) {
      for (int64_t co = 0; co < s.out_channels; ++co) {
        const int64_t g = co / cout_g;
        for (int64_t oh = 0; oh < oh_n; ++oh) {
          for (int64_t ow = 0; ow < ow_n; ++ow) {
            double sum = spec.bias ? bias[co] : 0.0, abs_sum = std::fabs(sum);
            for (int64_t ci = 0; ci < cin_g; ++ci) {
              for (int64_t ky = 0; ky < s.kernel_h; ++ky) {
                for (int64_t kx = 0; kx < s.kernel_w; ++kx) {
                  const int64_t ih = oh * s.stride_h - s.pad_top + ky * s.dilation_h;
                  const int64_t iw = ow * s.stride_w - s.pad_left + kx * s.dilation_w;
                  if (ih < 0 || ih >= s.in_h || iw < 0 || iw >= s.in_w) continue;
                  const double p =
                      static_cast<double>(x[((b * s.in_channels + g * cin_g + ci) * s.in_h + ih) * s.in_w + iw]) *
                      w[((co * cin_g + ci) * s.kernel_h + ky) * s.kernel_w + kx];
                  sum += p;
                  abs_sum += std::fabs(p);
                }
              }
            }
            const int64_t idx = ((b * s.out_channels + co) * oh_n + oh) * ow_n + ow;
            const double want = RefEpilogue(sum, res[idx], spec.residual, spec.order, spec.act);
            const double err = std::fabs(y[idx] - want);
            if (!(err <= AllowedError(tol, depth, RefValue{want, abs_sum + 1.0}))) {
              ADD_FAILURE() << "algo " << static_cast<int>(conv.algo()) << " mismatch at b=" << b << " co=" << co
                            << " oh=" << oh << " ow=" << ow << ": got " << y[idx] << " want " << want
                            << " | cin=" << s.in_channels << " cout=" << s.out_channels << " h=" << s.in_h
                            << " k=" << s.kernel_h << " stride=" << s.stride_h << " pad=" << s.pad_top
                            << " dil=" << s.dilation_h << " groups=" << s.groups;
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  const KernelTable* table_ = nullptr;
  std::unique_ptr<ThreadPool> pool_;
};

TEST_P(ConvTest, Im2colShapeMatrix) {
  RunSpec spec;
  spec.act = ActivationParams::Relu();
  for (int64_t k : {1, 2, 3, 5}) {
    for (int64_t stride : {1, 2, 3}) {
      for (int64_t pad : {0, 1, 2}) {
        for (int64_t dil : {1, 2}) {
          for (int64_t groups : {1, 2, 4}) {
            const ConvShape s = MakeShape(4, 8, 9, k, stride, pad, dil, groups);
            if (s.out_h() < 1 || s.out_w() < 1) continue;
            ASSERT_TRUE(Check(s, ConvAlgo::kIm2col, spec));
          }
        }
      }
    }
  }
}

TEST_P(ConvTest, Im2colLargerChannelsAndBatch) {
  RunSpec spec;
  spec.act = ActivationParams::Clip(0.0f, 6.0f);
  ASSERT_TRUE(Check(MakeShape(35, 70, 12, 3, 1, 1, 1, 1, 2), ConvAlgo::kIm2col, spec));
  ASSERT_TRUE(Check(MakeShape(16, 33, 15, 3, 2, 1, 1, 1), ConvAlgo::kIm2col, spec));
  ASSERT_TRUE(Check(MakeShape(3, 16, 20, 7, 2, 3, 1, 1), ConvAlgo::kIm2col, spec));      // stem-like
  ASSERT_TRUE(Check(MakeShape(64, 64, 6, 3, 1, 1, 1, 32, 3), ConvAlgo::kIm2col, spec));  // many groups
  // Rows wider than a vector (the stride-1 packer's two-row masked loads; stride 2 gathers), pads 0..2.
  for (int64_t stride : {1, 2}) {
    for (int64_t pad : {0, 1, 2}) {
      ASSERT_TRUE(Check(MakeShape(6, 20, 37, 3, stride, pad, 1, 1), ConvAlgo::kIm2col, spec));
    }
  }
  ASSERT_TRUE(Check(MakeShape(3, 16, 61, 7, 2, 3, 1, 1), ConvAlgo::kIm2col, spec));  // stem-like, 7x7 stride 2
  ASSERT_TRUE(Check(MakeShape(5, 16, 29, 5, 1, 2, 1, 1, 2), ConvAlgo::kIm2col, spec));
}

TEST_P(ConvTest, Gemm1x1) {
  RunSpec spec;
  for (int64_t groups : {1, 3}) {
    for (int64_t batch : {1, 2}) {
      ASSERT_TRUE(Check(MakeShape(18, 30, 7, 1, 1, 0, 1, groups, batch), ConvAlgo::kGemm1x1, spec));
      ASSERT_TRUE(Check(MakeShape(48, 96, 11, 1, 1, 0, 1, groups, batch), ConvAlgo::kGemm1x1, spec));
    }
  }
}

TEST_P(ConvTest, DepthwiseMatrix) {
  RunSpec spec;
  spec.act = ActivationParams::Clip(0.0f, 6.0f);
  for (int64_t k : {3, 5}) {
    for (int64_t stride : {1, 2}) {
      for (int64_t pad : {0, 1, 2}) {
        for (int64_t hw : {1, 2, 5, 17, 40}) {
          ConvShape s = MakeShape(6, 6, hw, k, stride, pad, 1, 6, hw % 2 == 0 ? 2 : 1);
          if (s.out_h() < 1 || s.out_w() < 1) continue;
          ASSERT_TRUE(Check(s, ConvAlgo::kDepthwise, spec));
        }
      }
    }
  }
}

// Odd and even output sizes (partial last tiles), pads 0..2, batches, channel counts around the GEMM tiles, and
// widths that span several bands of tile rows.
TEST_P(ConvTest, WinogradMatrix) {
  RunSpec spec;
  spec.act = ActivationParams::Relu();
  for (int64_t pad : {0, 1, 2}) {
    for (int64_t hw : {3, 4, 7, 10}) {
      for (int64_t batch : {1, 2}) {
        ASSERT_TRUE(Check(MakeShape(5, 7, hw, 3, 1, pad, 1, 1, batch), ConvAlgo::kWinograd, spec));
      }
    }
  }
  ASSERT_TRUE(Check(MakeShape(33, 30, 13, 3, 1, 1, 1, 1), ConvAlgo::kWinograd, spec));
  ASSERT_TRUE(Check(MakeShape(64, 16, 60, 3, 1, 1, 1, 1), ConvAlgo::kWinograd, spec));
}

TEST_P(ConvTest, AllEpiloguesOnEveryAlgorithm) {
  for (const ActivationParams& act : AllActivations()) {
    for (int r = 0; r < 3; ++r) {
      RunSpec spec;
      spec.act = act;
      spec.bias = r != 1;
      spec.residual = r > 0;
      spec.order = r == 2 ? ResidualOrder::kAfterActivation : ResidualOrder::kBeforeActivation;
      ASSERT_TRUE(Check(MakeShape(8, 16, 9, 3, 1, 1, 1, 1), ConvAlgo::kIm2col, spec));
      ASSERT_TRUE(Check(MakeShape(8, 16, 9, 1, 1, 0, 1, 1), ConvAlgo::kGemm1x1, spec));
      ASSERT_TRUE(Check(MakeShape(8, 8, 9, 3, 2, 1, 1, 8), ConvAlgo::kDepthwise, spec));
      ASSERT_TRUE(Check(MakeShape(8, 16, 9, 3, 1, 1, 1, 1), ConvAlgo::kWinograd, spec));
    }
  }
}

TEST_P(ConvTest, AutoPicksAnApplicableAlgorithm) {
  RunSpec spec;
  ASSERT_TRUE(Check(MakeShape(8, 8, 10, 3, 1, 1, 1, 8), ConvAlgo::kAuto, spec));
  ASSERT_TRUE(Check(MakeShape(8, 12, 10, 1, 1, 0, 1, 1), ConvAlgo::kAuto, spec));
  ASSERT_TRUE(Check(MakeShape(8, 12, 10, 3, 2, 1, 2, 2), ConvAlgo::kAuto, spec));
}

TEST(ConvSelect, AutoHeuristic) {
  EXPECT_EQ(ChooseConvAlgo(MakeShape(32, 32, 56, 3, 1, 1, 1, 32)), ConvAlgo::kDepthwise);
  EXPECT_EQ(ChooseConvAlgo(MakeShape(64, 256, 56, 1, 1, 0, 1, 1)), ConvAlgo::kGemm1x1);
  EXPECT_EQ(ChooseConvAlgo(MakeShape(64, 64, 56, 3, 1, 1, 1, 1)), ConvAlgo::kIm2col);
  EXPECT_EQ(ChooseConvAlgo(MakeShape(128, 128, 28, 3, 1, 1, 1, 1)), ConvAlgo::kIm2col);
  EXPECT_EQ(ChooseConvAlgo(MakeShape(256, 256, 14, 3, 2, 1, 1, 1)), ConvAlgo::kIm2col);
  EXPECT_EQ(ChooseConvAlgo(MakeShape(64, 128, 56, 1, 2, 0, 1, 1)), ConvAlgo::kIm2col);
}

TEST(ConvSelect, InapplicableAlgorithmIsAnErrorNotAFallback) {
  const std::vector<float> w(64 * 64 * 9, 0.5f);
  struct Bad {
    ConvShape shape;
    ConvAlgo algo;
    const char* mentions;
  };
  const Bad bad[] = {
      {MakeShape(8, 8, 9, 3, 1, 1, 1, 1), ConvAlgo::kGemm1x1, "1x1"},
      {MakeShape(8, 8, 9, 1, 2, 0, 1, 1), ConvAlgo::kGemm1x1, "stride"},
      {MakeShape(8, 16, 9, 3, 1, 1, 1, 1), ConvAlgo::kDepthwise, "groups"},
      {MakeShape(8, 8, 9, 7, 1, 1, 1, 8), ConvAlgo::kDepthwise, "3x3"},
      {MakeShape(8, 8, 9, 3, 1, 1, 2, 8), ConvAlgo::kDepthwise, "dilation"},
      {MakeShape(8, 8, 9, 3, 2, 1, 1, 1), ConvAlgo::kWinograd, "stride"},
      {MakeShape(8, 8, 9, 5, 1, 1, 1, 1), ConvAlgo::kWinograd, "3x3"},
      {MakeShape(8, 8, 9, 3, 1, 1, 2, 1), ConvAlgo::kWinograd, "dilation"},
      {MakeShape(8, 8, 9, 3, 1, 1, 1, 2), ConvAlgo::kWinograd, "groups"},
      {MakeShape(8, 8, 9, 3, 1, 1, 1, 1), ConvAlgo::kDirect, "direct"},
      {MakeShape(6, 8, 9, 3, 1, 1, 1, 4), ConvAlgo::kIm2col, "groups"},
  };
  for (const Bad& b : bad) {
    PreparedConv conv;
    std::string error;
    EXPECT_FALSE(PrepareConv(b.shape, w.data(), b.algo, {}, &conv, &error));
    EXPECT_NE(error.find(b.mentions), std::string::npos) << error;
  }
}

std::string Name(const ::testing::TestParamInfo<std::tuple<Isa, int>>& info) {
  return std::string(IsaName(std::get<0>(info.param))) + "_t" + std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(AllIsas, ConvTest,
                         ::testing::Combine(::testing::ValuesIn(SupportedIsas()), ::testing::Values(1, 2)), Name);

}  // namespace
}  // namespace parity::rt::test
