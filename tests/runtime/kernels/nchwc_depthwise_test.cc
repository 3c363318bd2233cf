// The channel-blocked (NCHW16c) depthwise row kernel against a double-precision loop: kernel sizes (square,
// non-square, 1x1), strides, dilations, asymmetric pads, widths 1..40 (interior groups of 8 / 4 / 2 / 1 and edge
// columns), residual and every fused activation. Inputs, weights, bias and residual sit between NaN guards, and
// the output row between NaN canaries, so a read or write outside the documented ranges fails the comparison.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/isa_dispatch.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

constexpr int kB = kNchwcBlock;
constexpr int64_t kGuard = 64;  // NaN floats before and after every buffer

struct DwShape {
  int64_t kh, kw, sh, sw, dh, dw;
  int64_t pt, pl, pb, pr;
  int64_t in_h, in_w;

  int64_t OutH() const { return (in_h + pt + pb - ((kh - 1) * dh + 1)) / sh + 1; }
  int64_t OutW() const { return (in_w + pl + pr - ((kw - 1) * dw + 1)) / sw + 1; }
  bool Valid() const { return in_h + pt + pb >= (kh - 1) * dh + 1 && in_w + pl + pr >= (kw - 1) * dw + 1; }
  std::string Describe() const {
    std::ostringstream s;
    s << "k=" << kh << "x" << kw << " s=" << sh << "x" << sw << " d=" << dh << "x" << dw << " pads(t,l,b,r)=" << pt
      << "," << pl << "," << pb << "," << pr << " in=" << in_h << "x" << in_w;
    return s.str();
  }
};

// A buffer of n floats between NaN guards; data() points at the first of the n.
class Guarded {
 public:
  explicit Guarded(const std::vector<float>& v) : buf_(v.size() + 2 * kGuard, std::nanf("")) {
    std::copy(v.begin(), v.end(), buf_.begin() + kGuard);
  }
  float* data() { return buf_.data() + kGuard; }
  const std::vector<float>& raw() const { return buf_; }

 private:
  std::vector<float> buf_;
};

struct Epi {
  bool residual;
  ActivationParams act;
};

class NchwcDepthwiseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const KernelTable* table = KernelTableFor(Isa::kAvx512);
    if (table == nullptr) GTEST_SKIP() << "AVX-512 is not supported by this CPU";
    fn_ = table->conv.nchwc_depthwise_row;
    if (fn_ == nullptr) GTEST_SKIP() << "no blocked depthwise row kernel in the AVX-512 table";
  }

  // Runs every output row of `s`, `rows_per_call` rows per kernel call (0: all rows in one call), and compares with
  // the double-precision loop; false (with a failure) on the first mismatch, so a broken kernel does not flood the
  // log.
  bool Check(const DwShape& s, const Epi& e, uint32_t seed, int64_t rows_per_call = 1) {
    const int64_t oh = s.OutH(), ow = s.OutW();
    const std::vector<float> xv = RandomVector(s.in_h * s.in_w * kB, seed);
    const std::vector<float> wv = RandomVector(s.kh * s.kw * kB, seed + 1);
    const std::vector<float> bv = RandomVector(kB, seed + 2);
    const std::vector<float> rv = RandomVector(oh * ow * kB, seed + 3);
    Guarded x(xv), w(wv), bias(bv), res(rv);
    const KernelTolerance& tol = ToleranceFor("conv_nchwc_depthwise");
    const double depth = static_cast<double>(s.kh * s.kw + 2);
    const int64_t step = rows_per_call > 0 ? rows_per_call : oh;
    for (int64_t oy0 = 0; oy0 < oh; oy0 += step) {
      const int64_t rows = std::min(step, oh - oy0);
      Guarded y(std::vector<float>(rows * ow * kB, std::nanf("")));
      NchwcDepthwiseRowArgs a{};
      a.x = x.data();
      a.w = w.data();
      a.bias = bias.data();
      a.res = e.residual ? res.data() + oy0 * ow * kB : nullptr;
      a.y = y.data();
      a.oy = oy0;
      a.rows = rows_per_call == 1 ? 0 : rows;  // 0 (one row) is what single-row callers leave in the field
      a.out_w = ow;
      a.in_h = s.in_h;
      a.in_w = s.in_w;
      a.kernel_h = s.kh;
      a.kernel_w = s.kw;
      a.stride_h = s.sh;
      a.stride_w = s.sw;
      a.dilation_h = s.dh;
      a.dilation_w = s.dw;
      a.pad_top = s.pt;
      a.pad_left = s.pl;
      a.act = static_cast<int>(e.act.kind);
      a.alpha = e.act.alpha;
      a.beta = e.act.beta;
      fn_(&a);
      for (int64_t i = 0; i < kGuard; ++i) {
        const float before = y.raw()[i], after = y.raw()[kGuard + rows * ow * kB + i];
        if (!std::isnan(before) || !std::isnan(after)) {
          ADD_FAILURE() << "write outside the output rows (canary " << i << ") oy=" << oy0 << " rows=" << rows << " "
                        << s.Describe();
          return false;
        }
      }
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t ox = 0; ox < ow; ++ox) {
          for (int lane = 0; lane < kB; ++lane) {
            const RefValue ref = Reference(s, e, xv, wv, bv, rv, oy0 + r, ox, lane);
            const float got = y.data()[(r * ow + ox) * kB + lane];
            if (!(std::fabs(got - ref.value) <= AllowedError(tol, depth, ref))) {
              ADD_FAILURE() << "oy=" << oy0 + r << " ox=" << ox << " lane=" << lane << ": got " << got << " want "
                            << ref.value << " | " << s.Describe() << " residual=" << e.residual
                            << " act=" << static_cast<int>(e.act.kind) << " rows per call=" << rows;
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  // Activations outside none / relu / clip are the caller's: the kernel must leave the value as is.
  static RefValue Reference(const DwShape& s, const Epi& e, const std::vector<float>& x, const std::vector<float>& w,
                            const std::vector<float>& bias, const std::vector<float>& res, int64_t oy, int64_t ox,
                            int lane) {
    double sum = bias[lane], abs_sum = std::fabs(sum);
    for (int64_t ky = 0; ky < s.kh; ++ky) {
      const int64_t iy = oy * s.sh - s.pt + ky * s.dh;
      if (iy < 0 || iy >= s.in_h) continue;
      for (int64_t kx = 0; kx < s.kw; ++kx) {
        const int64_t ix = ox * s.sw - s.pl + kx * s.dw;
        if (ix < 0 || ix >= s.in_w) continue;
        const double p = static_cast<double>(x[(iy * s.in_w + ix) * kB + lane]) * w[(ky * s.kw + kx) * kB + lane];
        sum += p;
        abs_sum += std::fabs(p);
      }
    }
    if (e.residual) {
      const double r = res[(oy * s.OutW() + ox) * kB + lane];
      sum += r;
      abs_sum += std::fabs(r);
    }
    const Activation k = e.act.kind;
    const bool fused = k == Activation::kNone || k == Activation::kRelu || k == Activation::kClip;
    return RefValue{fused ? RefActivation(sum, e.act) : sum, abs_sum};
  }

  NchwcDepthwiseRowFn fn_ = nullptr;
};

// The epilogues cycled through the shape matrix (the EveryEpilogue test crosses them all with fewer shapes).
const std::vector<Epi>& Epilogues() {
  static const std::vector<Epi> epis = {
      {false, ActivationParams::None()},
      {true, ActivationParams::Relu()},
      {false, ActivationParams::Clip(-0.5f, 0.75f)},
      {true, ActivationParams::None()},
      {false, ActivationParams::Relu()},
      {true, ActivationParams::Clip(0.0f, 6.0f)},
      {true, ActivationParams::Of(Activation::kSigmoid)},
  };
  return epis;
}

TEST_F(NchwcDepthwiseTest, ShapeMatrix) {
  struct Kernel {
    int64_t kh, kw;
  };
  struct Pads {
    int64_t t, l, b, r;
  };
  const Kernel kernels[] = {{3, 3}, {5, 5}, {1, 1}, {2, 3}, {3, 2}, {7, 7}, {3, 5}};
  const Pads pads[] = {{0, 0, 0, 0}, {1, 1, 1, 1}, {2, 2, 2, 2}, {1, 2, 0, 1}, {2, 0, 1, 2}, {0, 1, 2, 0}};
  uint32_t seed = 1;
  size_t epi = 0, cases = 0;
  for (const Kernel& k : kernels) {
    for (int64_t stride : {1, 2, 3}) {
      for (int64_t dil : {1, 2}) {
        for (const Pads& p : pads) {
          for (int64_t in_w = 1; in_w <= 40; ++in_w) {
            // Height: enough rows for top-padded, interior and bottom-padded output rows.
            const int64_t in_h = (k.kh - 1) * dil + 2 + stride;
            DwShape s{k.kh, k.kw, stride, stride, dil, dil, p.t, p.l, p.b, p.r, in_h, in_w};
            if (!s.Valid()) continue;
            ++cases;
            ASSERT_TRUE(Check(s, Epilogues()[epi++ % Epilogues().size()], seed++));
          }
        }
      }
    }
  }
  EXPECT_GT(cases, 4000u);
}

// Different strides and dilations per axis (h / w mix-ups).
TEST_F(NchwcDepthwiseTest, AsymmetricStridesAndDilations) {
  uint32_t seed = 100;
  for (int64_t in_w : {7, 14, 15, 17, 23}) {
    ASSERT_TRUE(Check(DwShape{3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 9, in_w}, {true, ActivationParams::Relu()}, seed++));
    ASSERT_TRUE(Check(DwShape{3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 9, in_w}, {false, ActivationParams::None()}, seed++));
    ASSERT_TRUE(Check(DwShape{3, 3, 1, 1, 2, 1, 2, 1, 2, 1, 9, in_w}, {true, ActivationParams::None()}, seed++));
    ASSERT_TRUE(Check(DwShape{3, 3, 1, 1, 1, 2, 1, 2, 1, 2, 9, in_w}, {false, ActivationParams::Relu()}, seed++));
    ASSERT_TRUE(
        Check(DwShape{5, 5, 1, 2, 2, 1, 2, 2, 2, 2, 12, in_w}, {true, ActivationParams::Clip(0.0f, 6.0f)}, seed++));
  }
}

TEST_F(NchwcDepthwiseTest, EveryEpilogue) {
  uint32_t seed = 200;
  for (const ActivationParams& act : AllActivations()) {
    for (bool residual : {false, true}) {
      for (int64_t stride : {1, 2}) {
        for (int64_t in_w : {7, 14, 17, 40}) {
          ASSERT_TRUE(Check(DwShape{3, 3, stride, stride, 1, 1, 1, 1, 1, 1, 6, in_w}, {residual, act}, seed++));
          ASSERT_TRUE(Check(DwShape{5, 5, stride, stride, 1, 1, 2, 2, 2, 2, 7, in_w}, {residual, act}, seed++));
        }
      }
    }
  }
}

// mobilenet_v2 depthwise geometry (3x3, pad 1) at the real map widths.
TEST_F(NchwcDepthwiseTest, MobilenetV2Widths) {
  uint32_t seed = 300;
  for (int64_t hw : {7, 14, 28, 56, 112}) {
    for (int64_t stride : {1, 2}) {
      const Epi e{stride == 1 && hw <= 28, ActivationParams::Clip(0.0f, 6.0f)};
      ASSERT_TRUE(Check(DwShape{3, 3, stride, stride, 1, 1, 1, 1, 1, 1, 5, hw}, e, seed++));
    }
  }
}

// Several rows per call (narrow planes take the padded multi-row path, wider ones the row loop): every kernel the
// multi-row path specializes (3x3, Kx5, Kx7) and the ones it leaves to the row path, strides 1..3, dilation 1 and
// 2, asymmetric pads, widths and heights on both sides of its 16 KiB buffer, whole planes and partial row ranges.
TEST_F(NchwcDepthwiseTest, SeveralRowsPerCall) {
  struct Kernel {
    int64_t kh, kw;
  };
  struct Pads {
    int64_t t, l, b, r;
  };
  const Kernel kernels[] = {{3, 3}, {5, 5}, {3, 5}, {7, 7}, {2, 3}};
  const Pads pads[] = {{1, 1, 1, 1}, {0, 0, 0, 0}, {2, 1, 0, 2}};
  uint32_t seed = 400;
  size_t epi = 0;
  for (const Kernel& k : kernels) {
    for (int64_t stride : {1, 2, 3}) {
      for (int64_t dil : {1, 2}) {
        for (const Pads& p : pads) {
          for (int64_t hw : {1, 3, 7, 8, 14, 15, 17, 28}) {
            DwShape s{k.kh, k.kw, stride, stride, dil, dil, p.t, p.l, p.b, p.r, hw, hw};
            if (!s.Valid()) continue;
            for (int64_t rows_per_call : {0, 3}) {
              ASSERT_TRUE(Check(s, Epilogues()[epi++ % Epilogues().size()], seed++, rows_per_call));
            }
          }
        }
      }
    }
  }
}

// Channels never mix: only lane `hot` has non-zero weights, so every other lane must be exactly the bias.
TEST_F(NchwcDepthwiseTest, LanesAreIndependent) {
  const DwShape s{3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4, 19};
  const int64_t ow = s.OutW();
  const std::vector<float> x = RandomVector(s.in_h * s.in_w * kB, 7, 1.0f, 2.0f);
  const std::vector<float> bias = RandomVector(kB, 8);
  for (int hot = 0; hot < kB; ++hot) {
    std::vector<float> w(s.kh * s.kw * kB, 0.0f);
    for (int64_t t = 0; t < s.kh * s.kw; ++t) w[t * kB + hot] = 1.0f + 0.125f * static_cast<float>(t);
    std::vector<float> y(ow * kB, std::nanf(""));
    NchwcDepthwiseRowArgs a{};
    a.x = x.data();
    a.w = w.data();
    a.bias = bias.data();
    a.y = y.data();
    a.oy = 1;
    a.out_w = ow;
    a.in_h = s.in_h;
    a.in_w = s.in_w;
    a.kernel_h = a.kernel_w = 3;
    a.stride_h = a.stride_w = a.dilation_h = a.dilation_w = 1;
    a.pad_top = a.pad_left = 1;
    fn_(&a);
    for (int64_t ox = 0; ox < ow; ++ox) {
      for (int lane = 0; lane < kB; ++lane) {
        const float got = y[ox * kB + lane];
        if (lane == hot) {
          EXPECT_GT(got, bias[lane]) << "hot lane " << hot << " ox=" << ox;
        } else {
          ASSERT_EQ(got, bias[lane]) << "lane " << lane << " picked up lane " << hot << " at ox=" << ox;
        }
      }
    }
  }
}

}  // namespace
}  // namespace parity::rt::test
