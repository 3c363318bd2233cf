// The blocked (NCHW16c) group-1 conv row kernels against a double-precision loop: filter groups of 1..4 output
// blocks, blocked and plain (stem) inputs, channel counts off the block size, stride / dilation / asymmetric
// padding, widths that exercise every tile and edge path, residual and in-register activations, the pointwise
// "pixel run" form and the weight-stationary path of 16- to 32-channel pointwise inputs. Lanes past out_w must
// stay untouched.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kernels/conv/nchwc_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

constexpr int kB = kNchwcBlock;

struct Geometry {
  int blocks;  // output blocks in the filter group
  int64_t c, in_h, in_w, kh, kw, stride, dilation, pad_top, pad_left;
  bool blocked;
};

int64_t OutDim(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pad_begin) {
  // The kernel only needs the begin pads; end pads equal to begin pads give the ONNX output size.
  return (in + 2 * pad_begin - d * (k - 1) - 1) / s + 1;
}

class NchwcConvRowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const KernelTable* t = KernelTableFor(Isa::kAvx512);
    if (t == nullptr || t->conv.nchwc_conv_row == nullptr) GTEST_SKIP() << "no AVX-512 blocked conv kernel here";
    row_ = t->conv.nchwc_conv_row;
  }

  // Runs every output row of the geometry and checks all of them; returns false on the first mismatch.
  bool Check(const Geometry& g, Activation act, bool residual) {
    const int64_t oh = OutDim(g.in_h, g.kh, g.stride, g.dilation, g.pad_top);
    const int64_t ow = OutDim(g.in_w, g.kw, g.stride, g.dilation, g.pad_left);
    const int64_t icb = (g.c + kB - 1) / kB, c_pad = g.blocked ? icb * kB : g.c, oc = g.blocks * kB;
    std::vector<float> x = RandomVector(g.blocked ? icb * g.in_h * g.in_w * kB : g.c * g.in_h * g.in_w, 21);
    if (g.blocked) PoisonPaddingLanes(&x, g.c, g.in_h * g.in_w);
    // Weights packed [f][kh][kw][c_pad][16], zero past c (plain inputs: c_pad = c).
    const int64_t w_block = g.kh * g.kw * c_pad * kB;
    std::vector<float> w = RandomVector(g.blocks * w_block, 22);
    for (int64_t f = 0; f < g.blocks; ++f)
      for (int64_t t = 0; t < g.kh * g.kw; ++t)
        for (int64_t ci = g.c; ci < c_pad; ++ci)
          for (int l = 0; l < kB; ++l) w[((f * g.kh * g.kw + t) * c_pad + ci) * kB + l] = 0.f;
    const std::vector<float> bias = RandomVector(oc, 23);
    const int64_t plane = oh * ow * kB;
    const std::vector<float> res = RandomVector(g.blocks * plane, 24);
    // One spare column per row after out_w: a canary that must stay NaN.
    std::vector<float> y(g.blocks * plane + kB, NAN);
    NchwcConvRowArgs a{};
    a.x = x.data();
    a.in_blocked = g.blocked ? 1 : 0;
    a.x_block_stride = g.in_h * g.in_w * (g.blocked ? kB : 1);
    a.w = w.data();
    a.w_block_stride = w_block;
    a.bias = bias.data();
    a.y_block_stride = plane;
    a.blocks = g.blocks;
    a.out_w = ow;
    a.c = g.c;
    a.in_h = g.in_h;
    a.in_w = g.in_w;
    a.kernel_h = g.kh;
    a.kernel_w = g.kw;
    a.stride_h = a.stride_w = g.stride;
    a.dilation_h = a.dilation_w = g.dilation;
    a.pad_top = g.pad_top;
    a.pad_left = g.pad_left;
    a.act = static_cast<int>(act);
    a.alpha = -0.25f;
    a.beta = 0.5f;
    for (int64_t oy = 0; oy < oh; ++oy) {
      a.oy = oy;
      a.y = y.data() + oy * ow * kB;
      a.res = residual ? res.data() + oy * ow * kB : nullptr;
      row_(&a);
    }
    const KernelTolerance& tol = ToleranceFor("conv_nchwc");
    ActivationParams ap;
    ap.kind = act == Activation::kRelu || act == Activation::kClip ? act : Activation::kNone;
    ap.alpha = a.alpha;
    ap.beta = a.beta;
    const double depth = static_cast<double>(g.c * g.kh * g.kw + 2);
    for (int64_t f = 0; f < g.blocks; ++f) {
      for (int64_t oy = 0; oy < oh; ++oy) {
        for (int64_t ox = 0; ox < ow; ++ox) {
          for (int l = 0; l < kB; ++l) {
            double sum = bias[f * kB + l], mag = std::fabs(sum);
            for (int64_t ky = 0; ky < g.kh; ++ky) {
              const int64_t iy = oy * g.stride - g.pad_top + ky * g.dilation;
              if (iy < 0 || iy >= g.in_h) continue;
              for (int64_t kx = 0; kx < g.kw; ++kx) {
                const int64_t ix = ox * g.stride - g.pad_left + kx * g.dilation;
                if (ix < 0 || ix >= g.in_w) continue;
                for (int64_t ci = 0; ci < g.c; ++ci) {
                  const double xv = g.blocked ? x[(((ci / kB) * g.in_h + iy) * g.in_w + ix) * kB + ci % kB]
                                              : x[(ci * g.in_h + iy) * g.in_w + ix];
                  const double wv = w[((f * g.kh * g.kw + ky * g.kw + kx) * c_pad + ci) * kB + l];
                  sum += xv * wv;
                  mag += std::fabs(xv * wv);
                }
              }
            }
            const int64_t at = f * plane + (oy * ow + ox) * kB + l;
            if (residual) sum += res[at], mag += std::fabs(res[at]);
            const double ref = RefActivation(sum, ap);
            const double bound = tol.dot_eps * FLT_EPSILON * depth * mag + tol.out_eps * (1 + std::fabs(ref));
            if (!(std::fabs(y[at] - ref) <= bound)) {
              ADD_FAILURE() << "block " << f << " row " << oy << " col " << ox << " lane " << l << ": got " << y[at]
                            << ", want " << ref << " (" << Describe(g, ow) << ")";
              return false;
            }
          }
        }
      }
    }
    for (int l = 0; l < kB; ++l) {
      if (!std::isnan(y[g.blocks * plane + l])) {
        ADD_FAILURE() << "wrote past the output (" << Describe(g, ow) << ")";
        return false;
      }
    }
    return true;
  }

 private:
  // Lanes past c hold NaN: a kernel that multiplies them (even by zero weights) fails.
  static void PoisonPaddingLanes(std::vector<float>* x, int64_t c, int64_t plane) {
    if (c % kB == 0) return;
    const int64_t last = c / kB;
    for (int64_t p = 0; p < plane; ++p)
      for (int64_t l = c % kB; l < kB; ++l) (*x)[(last * plane + p) * kB + l] = NAN;
  }
  static std::string Describe(const Geometry& g, int64_t ow) {
    return "blocks=" + std::to_string(g.blocks) + " c=" + std::to_string(g.c) + " in=" + std::to_string(g.in_h) + "x" +
           std::to_string(g.in_w) + " k=" + std::to_string(g.kh) + "x" + std::to_string(g.kw) +
           " s=" + std::to_string(g.stride) + " d=" + std::to_string(g.dilation) + " pad=" + std::to_string(g.pad_top) +
           "," + std::to_string(g.pad_left) + " out_w=" + std::to_string(ow) + (g.blocked ? " blocked" : " plain");
  }

 protected:
  NchwcConvRowFn row_ = nullptr;
};

TEST_F(NchwcConvRowTest, EveryFilterGroupAndWidth) {
  for (int blocks = 1; blocks <= 4; ++blocks) {
    for (int64_t width : {1, 2, 5, 7, 13, 14, 17, 25, 33}) {
      ASSERT_TRUE(Check({blocks, 16, 3, width, 3, 3, 1, 1, 1, 1, true}, Activation::kNone, false));
      ASSERT_TRUE(Check({blocks, 16, 2, width, 1, 1, 1, 1, 0, 0, true}, Activation::kNone, false));
    }
  }
}

TEST_F(NchwcConvRowTest, NarrowMapsAsOneFullRowTile) {
  // resnet50 layer4: 7-wide rows, stride 1 and 2, one register tile per row with per-tap column ranges.
  for (int blocks = 1; blocks <= 4; ++blocks) {
    ASSERT_TRUE(Check({blocks, 48, 7, 7, 3, 3, 1, 1, 1, 1, true}, Activation::kRelu, true));
    ASSERT_TRUE(Check({blocks, 32, 14, 14, 3, 3, 2, 1, 1, 1, true}, Activation::kNone, false));
    ASSERT_TRUE(Check({blocks, 16, 5, 4, 3, 3, 1, 1, 0, 1, true}, Activation::kNone, false));
  }
}

TEST_F(NchwcConvRowTest, ChannelCountsOffTheBlock) {
  for (int64_t c : {1, 5, 17, 40}) {
    ASSERT_TRUE(Check({2, c, 4, 11, 3, 3, 1, 1, 1, 1, true}, Activation::kNone, false));
    ASSERT_TRUE(Check({3, c, 4, 11, 3, 3, 1, 1, 1, 1, false}, Activation::kNone, false));
  }
}

TEST_F(NchwcConvRowTest, StridesDilationsAndPadding) {
  for (int64_t stride : {1, 2, 3}) {
    for (int64_t dilation : {1, 2}) {
      for (int64_t pad : {0, 1, 2, 3}) {
        ASSERT_TRUE(
            Check({4, 19, 9, 23, 3, 3, stride, dilation, pad, pad == 0 ? 0 : pad - 1, true}, Activation::kNone, false));
        ASSERT_TRUE(Check({1, 32, 6, 15, 2, 5, stride, dilation, pad, pad, true}, Activation::kNone, false));
      }
    }
  }
}

TEST_F(NchwcConvRowTest, PlainInputStem) {
  // resnet50's 7x7 stride-2 stem and squeezenet's 3x3 stride-2 stem on small images.
  ASSERT_TRUE(Check({4, 3, 20, 30, 7, 7, 2, 1, 3, 3, false}, Activation::kRelu, false));
  ASSERT_TRUE(Check({4, 3, 17, 29, 3, 3, 2, 1, 0, 0, false}, Activation::kRelu, false));
  // 3x3 stems take the weight-stationary interior path: mobilenet_v2's padded stride-2 stem, stride 1, interiors
  // of 1 to 17 columns (groups of up to 8 split evenly), residual and clip.
  for (int64_t in_w : {3, 4, 11, 18, 37}) {
    ASSERT_TRUE(Check({2, 3, 9, in_w, 3, 3, 2, 1, 1, 1, false}, Activation::kClip, true));
    ASSERT_TRUE(Check({1, 3, 6, in_w, 3, 3, 1, 1, 1, 1, false}, Activation::kRelu, false));
  }
  ASSERT_TRUE(Check({3, 3, 7, 20, 3, 3, 2, 1, 0, 0, false}, Activation::kNone, false));
}

TEST_F(NchwcConvRowTest, EpiloguesInRegisters) {
  for (Activation act : {Activation::kNone, Activation::kRelu, Activation::kClip, Activation::kSigmoid}) {
    for (bool residual : {false, true}) {
      ASSERT_TRUE(Check({3, 24, 5, 19, 3, 3, 1, 1, 1, 1, true}, act, residual));
      ASSERT_TRUE(Check({4, 64, 1, 40, 1, 1, 1, 1, 0, 0, true}, act, residual));
    }
  }
}

TEST_F(NchwcConvRowTest, PointwiseChannelsInSeveralPasses) {
  // Wide pointwise convs accumulate a chunk of input channels per pass through the output: partial sums, then
  // the epilogue on the last pass only.
  for (int blocks = 1; blocks <= 4; ++blocks) {
    for (int64_t c : {300, 531}) {
      ASSERT_TRUE(Check({blocks, c, 2, 13, 1, 1, 1, 1, 0, 0, true}, Activation::kRelu, true));
      ASSERT_TRUE(Check({blocks, c, 2, 7, 1, 1, 1, 1, 0, 0, true}, Activation::kClip, false));
    }
  }
}

TEST_F(NchwcConvRowTest, PointwiseFewInputChannels) {
  // 16-, 24- and 32-channel inputs take the weight-stationary path: pixel groups of up to 12 (16-channel passes)
  // or 8 (24 channels) split evenly, two passes for 32 channels (partial sums in y), every epilogue, the residual,
  // and rows past the first (oy > 0).
  for (int64_t c : {16, 24, 32}) {
    for (int blocks = 1; blocks <= 4; ++blocks) {
      for (int64_t width : {1, 7, 8, 9, 12, 13, 25, 56, 112}) {
        ASSERT_TRUE(Check({blocks, c, 2, width, 1, 1, 1, 1, 0, 0, true}, Activation::kNone, false));
      }
    }
    for (Activation act : {Activation::kRelu, Activation::kClip, Activation::kSigmoid}) {
      for (bool residual : {false, true}) ASSERT_TRUE(Check({3, c, 3, 29, 1, 1, 1, 1, 0, 0, true}, act, residual));
    }
  }
}

TEST_F(NchwcConvRowTest, PointwisePixelRun) {
  // A 1x1 conv over a run of pixels crossing image rows: in_h = 1, in_w = out_w = run length, with the channel
  // block stride of the whole image plane.
  const int64_t plane_pixels = 5 * 9, run = 31;
  std::vector<float> x = RandomVector(2 * plane_pixels * kB, 31);
  std::vector<float> w = RandomVector(32 * kB, 32);
  std::vector<float> bias(kB, 0.5f), y(run * kB + kB, NAN);
  NchwcConvRowArgs a{};
  a.x = x.data() + 7 * kB;  // pixels [7, 38)
  a.in_blocked = 1;
  a.x_block_stride = plane_pixels * kB;
  a.w = w.data();
  a.w_block_stride = 32 * kB;
  a.bias = bias.data();
  a.y = y.data();
  a.y_block_stride = run * kB;
  a.blocks = 1;
  a.out_w = a.in_w = run;
  a.in_h = 1;
  a.c = 32;
  a.kernel_h = a.kernel_w = a.stride_h = a.stride_w = a.dilation_h = a.dilation_w = 1;
  row_(&a);
  const KernelTolerance& tol = ToleranceFor("conv_nchwc");
  for (int64_t p = 0; p < run; ++p) {
    for (int l = 0; l < kB; ++l) {
      double sum = 0.5, mag = 0.5;
      for (int64_t ci = 0; ci < 32; ++ci) {
        const double v = static_cast<double>(x[((ci / kB) * plane_pixels + 7 + p) * kB + ci % kB]) * w[ci * kB + l];
        sum += v;
        mag += std::fabs(v);
      }
      const double bound = tol.dot_eps * FLT_EPSILON * 34 * mag + tol.out_eps * (1 + std::fabs(sum));
      ASSERT_LE(std::fabs(y[p * kB + l] - sum), bound) << "pixel " << p << " lane " << l;
    }
  }
  for (int l = 0; l < kB; ++l) ASSERT_TRUE(std::isnan(y[run * kB + l])) << "wrote past the run";
}

}  // namespace
}  // namespace parity::rt::test
