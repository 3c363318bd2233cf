// Softmax / LogSoftmax row kernels of every ISA variant against double precision: row lengths around the vector
// width, wide value ranges (exp underflow), -inf entries (exactly 0), all -inf and NaN rows (NaN, as defined).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/softmax/softmax_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

std::vector<double> RefRow(const float* x, int64_t len, bool log) {
  double mx = -INFINITY;
  for (int64_t i = 0; i < len; ++i) mx = std::max(mx, static_cast<double>(x[i]));
  double sum = 0;
  for (int64_t i = 0; i < len; ++i) sum += std::exp(x[i] - mx);
  std::vector<double> y(len);
  for (int64_t i = 0; i < len; ++i) y[i] = log ? x[i] - mx - std::log(sum) : std::exp(x[i] - mx) / sum;
  return y;
}

class SoftmaxRowsTest : public ::testing::TestWithParam<Isa> {};

TEST_P(SoftmaxRowsTest, MatchesDoublePrecision) {
  const SoftmaxRowsFn fn = KernelTableFor(GetParam())->softmax.rows;
  const KernelTolerance& tol = ToleranceFor("softmax");
  std::mt19937 rng(5);
  for (bool log : {false, true}) {
    for (int64_t len : {1, 7, 16, 17, 128, 1000}) {
      for (float range : {1.0f, 30.0f, 200.0f}) {
        std::uniform_real_distribution<float> dist(-range, range);
        const int64_t rows = 3;
        std::vector<float> x(rows * len), y(rows * len, NAN);
        for (float& v : x) v = dist(rng);
        if (len > 1) x[len + 1] = -INFINITY;  // a masked entry in row 1
        fn(x.data(), y.data(), rows, len, log);
        for (int64_t r = 0; r < rows; ++r) {
          const std::vector<double> ref = RefRow(x.data() + r * len, len, log);
          for (int64_t i = 0; i < len; ++i) {
            const double got = y[r * len + i], want = ref[i];
            if (std::isinf(want)) {
              EXPECT_EQ(got, want) << "len " << len << " row " << r << " i " << i;
              continue;
            }
            // LogSoftmax values grow with the range: the tolerance scales with them (out_eps * (1 + |ref|)).
            EXPECT_LE(std::fabs(got - want), AllowedError(tol, 0, RefValue{want, 0}))
                << "log " << log << " len " << len << " range " << range << " row " << r << " i " << i;
          }
        }
        if (!log && len > 1) {
          EXPECT_EQ(y[len + 1], 0.0f);  // exp(-inf) is exactly 0
        }
      }
    }
  }
}

TEST_P(SoftmaxRowsTest, InPlaceMatchesOutOfPlace) {
  const SoftmaxRowsFn fn = KernelTableFor(GetParam())->softmax.rows;
  for (bool log : {false, true}) {
    std::vector<float> x(2 * 37), y(x.size());
    for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 11) * 0.7f - 3.0f;
    fn(x.data(), y.data(), 2, 37, log);
    fn(x.data(), x.data(), 2, 37, log);
    EXPECT_EQ(x, y) << "log " << log;
  }
}

TEST_P(SoftmaxRowsTest, NanAndAllMaskedRowsGiveNan) {
  const SoftmaxRowsFn fn = KernelTableFor(GetParam())->softmax.rows;
  std::vector<float> x(2 * 20, 1.0f), y(2 * 20, 0.0f);
  x[5] = NAN;
  for (int i = 20; i < 40; ++i) x[i] = -INFINITY;
  fn(x.data(), y.data(), 2, 20, false);
  for (float v : y) EXPECT_TRUE(std::isnan(v));
}

INSTANTIATE_TEST_SUITE_P(AllIsas, SoftmaxRowsTest, ::testing::ValuesIn(SupportedIsas()),
                         [](const ::testing::TestParamInfo<Isa>& info) { return std::string(IsaName(info.param)); });

}  // namespace
}  // namespace parity::rt::test
