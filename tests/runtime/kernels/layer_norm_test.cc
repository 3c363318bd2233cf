// LayerNormalization row kernels of every ISA variant against double precision: row lengths around the vector
// width, rows far from zero (the centered second pass), optional bias and statistics outputs, in place.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/norm/norm_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

struct RefStats {
  double mean;
  double inv_std;
};

RefStats RefRow(const float* x, int64_t len, float eps) {
  double sum = 0, sq = 0;
  for (int64_t i = 0; i < len; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(len);
  for (int64_t i = 0; i < len; ++i) sq += (x[i] - mean) * (x[i] - mean);
  return {mean, 1.0 / std::sqrt(sq / static_cast<double>(len) + eps)};
}

class LayerNormRowsTest : public ::testing::TestWithParam<Isa> {};

TEST_P(LayerNormRowsTest, MatchesDoublePrecision) {
  const LayerNormRowsFn fn = KernelTableFor(GetParam())->norm.layer_norm_rows;
  const KernelTolerance& tol = ToleranceFor("layer_norm");
  const float eps = 1e-5f;
  std::mt19937 rng(11);
  for (int64_t len : {1, 7, 16, 17, 33, 256, 1000}) {
    for (float offset : {0.0f, 10.0f}) {
      for (bool with_bias : {false, true}) {
        const int64_t rows = 3;
        std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
        std::vector<float> x(rows * len), y(rows * len, NAN), scale(len), bias(len), mean(rows), inv(rows);
        for (float& v : x) v = offset + dist(rng);
        for (float& v : scale) v = dist(rng);
        for (float& v : bias) v = dist(rng);
        fn(x.data(), scale.data(), with_bias ? bias.data() : nullptr, y.data(), rows, len, eps, mean.data(),
           inv.data());
        for (int64_t r = 0; r < rows; ++r) {
          const RefStats ref = RefRow(x.data() + r * len, len, eps);
          EXPECT_NEAR(mean[r], ref.mean, AllowedError(tol, 0, RefValue{ref.mean, 0})) << "len " << len;
          EXPECT_NEAR(inv[r], ref.inv_std, AllowedError(tol, 0, RefValue{ref.inv_std, 0})) << "len " << len;
          for (int64_t i = 0; i < len; ++i) {
            const double want = (x[r * len + i] - ref.mean) * ref.inv_std * scale[i] + (with_bias ? bias[i] : 0.0);
            EXPECT_LE(std::fabs(y[r * len + i] - want), AllowedError(tol, 0, RefValue{want, 0}))
                << "len " << len << " offset " << offset << " bias " << with_bias << " row " << r << " i " << i;
          }
        }
      }
    }
  }
}

TEST_P(LayerNormRowsTest, InPlaceAndWithoutStatisticsMatch) {
  const LayerNormRowsFn fn = KernelTableFor(GetParam())->norm.layer_norm_rows;
  std::vector<float> x(2 * 37), y(x.size()), scale(37, 1.5f), bias(37, -0.25f);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 11) * 0.7f - 3.0f;
  fn(x.data(), scale.data(), bias.data(), y.data(), 2, 37, 1e-5f, nullptr, nullptr);
  fn(x.data(), scale.data(), bias.data(), x.data(), 2, 37, 1e-5f, nullptr, nullptr);
  EXPECT_EQ(x, y);
}

INSTANTIATE_TEST_SUITE_P(AllIsas, LayerNormRowsTest, ::testing::ValuesIn(SupportedIsas()),
                         [](const ::testing::TestParamInfo<Isa>& info) { return std::string(IsaName(info.param)); });

}  // namespace
}  // namespace parity::rt::test
