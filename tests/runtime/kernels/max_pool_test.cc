// The max-pool plane kernel of every ISA variant against a direct loop over the window, across kernel sizes,
// strides, asymmetric padding, ceil-mode overhang and widths around the vector lengths. Max is exact: no tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/pool/pool_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

struct PoolCase {
  int64_t in_h, in_w, kernel, stride, pad_top, pad_left, out_h, out_w;
};

std::vector<float> Direct(const std::vector<float>& x, const PoolCase& c) {
  std::vector<float> y(c.out_h * c.out_w);
  for (int64_t oy = 0; oy < c.out_h; ++oy) {
    for (int64_t ox = 0; ox < c.out_w; ++ox) {
      float m = -std::numeric_limits<float>::infinity();
      for (int64_t ky = 0; ky < c.kernel; ++ky) {
        for (int64_t kx = 0; kx < c.kernel; ++kx) {
          const int64_t iy = oy * c.stride - c.pad_top + ky, ix = ox * c.stride - c.pad_left + kx;
          if (iy >= 0 && iy < c.in_h && ix >= 0 && ix < c.in_w) m = std::max(m, x[iy * c.in_w + ix]);
        }
      }
      y[oy * c.out_w + ox] = m;
    }
  }
  return y;
}

// Output size of ONNX MaxPool with symmetric `pad` (ceil mode adds the partial last window).
int64_t OutSize(int64_t in, int64_t k, int64_t s, int64_t pad, bool ceil) {
  const int64_t span = in + 2 * pad - k;
  int64_t out = (ceil ? (span + s - 1) / s : span / s) + 1;
  if (ceil && (out - 1) * s >= in + pad) --out;
  return out;
}

class MaxPoolPlaneTest : public ::testing::TestWithParam<Isa> {};

TEST_P(MaxPoolPlaneTest, MatchesDirectLoop) {
  const MaxPoolPlaneFn fn = KernelTableFor(GetParam())->pool.max_pool_plane;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-10.0f, 10.0f);
  for (int64_t k : {1, 2, 3, 5}) {
    for (int64_t s : {1, 2, 3}) {
      for (int64_t pad : {int64_t{0}, k / 2}) {
        for (bool ceil : {false, true}) {
          for (int64_t w : {7, 16, 17, 33, 56, 111}) {
            PoolCase c{w / 2 + k, w, k, s, pad, pad, 0, 0};
            c.out_h = OutSize(c.in_h, k, s, pad, ceil);
            c.out_w = OutSize(c.in_w, k, s, pad, ceil);
            std::vector<float> x(c.in_h * c.in_w);
            for (float& v : x) v = dist(rng);
            std::vector<float> y(c.out_h * c.out_w, std::nanf("")), ref = Direct(x, c);
            std::vector<float> scratch(MaxPoolScratchFloats(c.in_w, c.out_w, k, s, pad));
            MaxPoolPlaneArgs a{x.data(), c.in_h,  c.in_w,        k, k, s, s, pad, pad, y.data(),
                               c.out_h,  c.out_w, scratch.data()};
            fn(&a);
            ASSERT_EQ(y, ref) << "k=" << k << " s=" << s << " pad=" << pad << " ceil=" << ceil << " w=" << w;
          }
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllIsas, MaxPoolPlaneTest, ::testing::ValuesIn(SupportedIsas()),
                         [](const ::testing::TestParamInfo<Isa>& info) { return std::string(IsaName(info.param)); });

}  // namespace
}  // namespace parity::rt::test
