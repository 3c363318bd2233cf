// The channel-blocked (NCHW16c) MaxPool / AveragePool row kernels against a scalar loop with the blocked op's
// semantics (pool_nchwc.cc): kernel sizes, strides, dilations, asymmetric pads, ceil-mode overhang, widths around
// the 8-column groups. Max is exact and the average sums in the same tap order and divides, so results must be
// bit-identical: no tolerance. The input plane sits between NaN guards and the output row between NaN canaries.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/pool/pool_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

constexpr int kB = 16;
constexpr int64_t kGuard = 64;

struct PoolShape {
  int64_t kh, kw, sh, sw, dh, dw;
  int64_t pt, pl, pb, pr;
  int64_t in_h, in_w;
  bool ceil;

  // ONNX output size (ceil mode: the last window must start inside the input or the leading pad).
  static int64_t Out(int64_t in, int64_t k, int64_t s, int64_t d, int64_t p0, int64_t p1, bool ceil) {
    const int64_t span = in + p0 + p1 - ((k - 1) * d + 1);
    int64_t out = (ceil ? (span + s - 1) / s : span / s) + 1;
    if (ceil && (out - 1) * s >= in + p0) --out;
    return out;
  }
  int64_t OutH() const { return Out(in_h, kh, sh, dh, pt, pb, ceil); }
  int64_t OutW() const { return Out(in_w, kw, sw, dw, pl, pr, ceil); }
  bool Valid() const { return in_h + pt + pb >= (kh - 1) * dh + 1 && in_w + pl + pr >= (kw - 1) * dw + 1; }
  std::string Describe() const {
    std::ostringstream s;
    s << "k=" << kh << "x" << kw << " s=" << sh << "x" << sw << " d=" << dh << "x" << dw << " pads(t,l,b,r)=" << pt
      << "," << pl << "," << pb << "," << pr << " in=" << in_h << "x" << in_w << " ceil=" << ceil;
    return s.str();
  }
};

// The portable loop of pool_nchwc.cc, one lane at a time.
float Reference(const PoolShape& s, bool is_max, bool include_pad, const float* x, int64_t oy, int64_t ox, int lane) {
  float acc = is_max ? -std::numeric_limits<float>::infinity() : 0.0f;
  int64_t cnt = 0;
  for (int64_t ky = 0; ky < s.kh; ++ky) {
    const int64_t iy = oy * s.sh - s.pt + ky * s.dh;
    if (iy < 0 || iy >= s.in_h) continue;
    for (int64_t kx = 0; kx < s.kw; ++kx) {
      const int64_t ix = ox * s.sw - s.pl + kx * s.dw;
      if (ix < 0 || ix >= s.in_w) continue;
      const float v = x[(iy * s.in_w + ix) * kB + lane];
      acc = is_max ? std::max(acc, v) : acc + v;
      ++cnt;
    }
  }
  if (is_max) return acc;
  int64_t denom = cnt;
  if (include_pad) {
    const int64_t y0 = oy * s.sh - s.pt, x0 = ox * s.sw - s.pl;
    const int64_t y1 = std::min(y0 + s.kh, s.in_h + s.pb), x1 = std::min(x0 + s.kw, s.in_w + s.pr);
    denom = (y1 - std::max(y0, -s.pt)) * (x1 - std::max(x0, -s.pl));
  }
  return denom ? acc / static_cast<float>(denom) : 0.0f;
}

class NchwcPoolTest : public ::testing::TestWithParam<bool> {  // true: MaxPool, false: AveragePool
 protected:
  void SetUp() override {
    const KernelTable* table = KernelTableFor(Isa::kAvx512);
    if (table == nullptr) GTEST_SKIP() << "AVX-512 is not supported by this CPU";
    fn_ = GetParam() ? table->pool.max_pool_nchwc_row : table->pool.avg_pool_nchwc_row;
    if (fn_ == nullptr) GTEST_SKIP() << "no blocked pooling row kernel in the AVX-512 table";
  }

  // signed_zeros: inputs are +0 / -0 / 1 only, so ties decide which zero comes out (the kernel must keep the
  // running value on ties, as std::max(acc, tap) does).
  bool Check(const PoolShape& s, bool include_pad, uint32_t seed, bool signed_zeros = false) {
    const bool is_max = GetParam();
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-10.0f, 10.0f);
    std::vector<float> xbuf(s.in_h * s.in_w * kB + 2 * kGuard, std::nanf(""));
    float* x = xbuf.data() + kGuard;
    for (int64_t i = 0; i < s.in_h * s.in_w * kB; ++i) {
      if (signed_zeros) {
        const uint32_t r = rng() % 8;
        x[i] = r == 0 ? 1.0f : r < 4 ? 0.0f : -0.0f;
        continue;
      }
      // MaxPool: some -inf taps (a real value must still win over them, and an all -inf window stays -inf).
      x[i] = is_max && rng() % 16 == 0 ? -std::numeric_limits<float>::infinity() : dist(rng);
    }
    const int64_t oh = s.OutH(), ow = s.OutW();
    for (int64_t oy = 0; oy < oh; ++oy) {
      std::vector<float> ybuf(ow * kB + 2 * kGuard, std::nanf(""));
      float* y = ybuf.data() + kGuard;
      PoolNchwcRowArgs a{};
      a.x = x;
      a.y = y;
      a.oy = oy;
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
      a.pad_bottom = s.pb;
      a.pad_right = s.pr;
      a.count_include_pad = include_pad ? 1 : 0;
      fn_(&a);
      for (int64_t i = 0; i < kGuard; ++i) {
        if (!std::isnan(ybuf[i]) || !std::isnan(ybuf[kGuard + ow * kB + i])) {
          ADD_FAILURE() << "write outside the output row (canary " << i << ") oy=" << oy << " " << s.Describe();
          return false;
        }
      }
      for (int64_t ox = 0; ox < ow; ++ox) {
        for (int lane = 0; lane < kB; ++lane) {
          const float want = Reference(s, is_max, include_pad, x, oy, ox, lane), got = y[ox * kB + lane];
          if (!(got == want) || std::signbit(got) != std::signbit(want)) {  // exact, zero signs included
            ADD_FAILURE() << (is_max ? "max" : "avg") << " oy=" << oy << " ox=" << ox << " lane=" << lane << ": got "
                          << got << " want " << want << " | " << s.Describe() << " include_pad=" << include_pad;
            return false;
          }
        }
      }
    }
    return true;
  }

  PoolNchwcRowFn fn_ = nullptr;
};

TEST_P(NchwcPoolTest, ShapeMatrix) {
  struct Kernel {
    int64_t kh, kw;
  };
  struct Pads {
    int64_t t, l, b, r;
  };
  const Kernel kernels[] = {{2, 2}, {3, 3}, {1, 1}, {2, 3}, {3, 2}, {5, 5}};
  const Pads pads[] = {{0, 0, 0, 0}, {1, 1, 1, 1}, {1, 0, 0, 1}, {0, 1, 1, 0}, {2, 1, 2, 1}};
  uint32_t seed = 1;
  size_t cases = 0;
  for (const Kernel& k : kernels) {
    for (int64_t stride : {1, 2, 3}) {
      for (int64_t dil : {1, 2}) {
        for (const Pads& p : pads) {
          // ONNX: pads smaller than the kernel; keep the same rule here.
          if (p.t >= k.kh || p.b >= k.kh || p.l >= k.kw || p.r >= k.kw) continue;
          for (bool ceil : {false, true}) {
            for (int64_t in_w : {1, 2, 3, 5, 7, 8, 9, 14, 15, 16, 17, 23, 24, 25, 33, 40, 55, 56}) {
              const int64_t in_h = (k.kh - 1) * dil + 2 + stride;
              PoolShape s{k.kh, k.kw, stride, stride, dil, dil, p.t, p.l, p.b, p.r, in_h, in_w, ceil};
              if (!s.Valid() || s.OutW() < 1 || s.OutH() < 1) continue;
              ++cases;
              ASSERT_TRUE(Check(s, seed % 2 == 0, seed));
              ++seed;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(cases, 1000u);
}

// The hot layers: squeezenet 3x3 s2 p0 ceil (111 -> 55, 55 -> 27, 27 -> 13), resnet50 3x3 s2 p1 (112 -> 56), and
// different strides per axis.
TEST_P(NchwcPoolTest, NetworkShapes) {
  uint32_t seed = 500;
  for (int64_t hw : {111, 55, 27, 13}) {
    ASSERT_TRUE(Check(PoolShape{3, 3, 2, 2, 1, 1, 0, 0, 0, 0, 7, hw, true}, false, seed++));
  }
  ASSERT_TRUE(Check(PoolShape{3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 7, 112, false}, true, seed++));
  ASSERT_TRUE(Check(PoolShape{3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 7, 19, false}, true, seed++));
  ASSERT_TRUE(Check(PoolShape{3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 7, 19, true}, false, seed++));
}

TEST_P(NchwcPoolTest, SignedZeroTies) {
  uint32_t seed = 700;
  for (int64_t k : {2, 3}) {
    for (int64_t stride : {1, 2}) {
      for (int64_t in_w : {7, 16, 17, 33}) {
        ASSERT_TRUE(Check(PoolShape{k, k, stride, stride, 1, 1, 1, 1, 1, 1, 6, in_w, false}, false, seed++, true));
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MaxAndAverage, NchwcPoolTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "MaxPool" : "AveragePool");
                         });

}  // namespace
}  // namespace parity::rt::test
