#include "harness/compare/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace parity {
namespace {

Tensor F32(Dims dims, std::vector<double> v) { return Tensor::FromDoubles(ElementType::kFloat, std::move(dims), v); }

Tensor Truth(Dims dims, std::vector<double> v) {
  Tensor t = Tensor::FromDoubles(ElementType::kDouble, std::move(dims), v);
  t.declared = ElementType::kFloat;  // as the reference backend hands it back
  return t;
}

TEST(Metrics, HandComputedFloatErrors) {
  const OutputMetrics m = CompareOutputs(F32({4}, {1, 2, 3, 4.5}), Truth({4}, {1, 2, 3, 4}), MetricOptions{});
  ASSERT_TRUE(m.comparable);
  EXPECT_DOUBLE_EQ(m.values.at("max_abs"), 0.5);
  EXPECT_DOUBLE_EQ(m.values.at("mean_abs"), 0.125);
  EXPECT_DOUBLE_EQ(m.values.at("rmse"), std::sqrt(0.25 / 4));
  EXPECT_DOUBLE_EQ(m.values.at("max_rel"), 0.125);
  EXPECT_DOUBLE_EQ(m.values.at("snr_db"), 10 * std::log10(30.0 / 0.25));
  EXPECT_DOUBLE_EQ(m.values.at("frac_outside"), 0.25);
  const double dot = 1 + 4 + 9 + 18, gg = 1 + 4 + 9 + 20.25, rr = 30;
  EXPECT_DOUBLE_EQ(m.values.at("cosine"), dot / std::sqrt(gg * rr));
}

TEST(Metrics, UlpDistanceInTheTestedType) {
  const float one = 1.0f;
  const float next = std::nextafter(one, 2.0f);
  EXPECT_EQ(UlpDistance(one, next, ElementType::kFloat), 1);
  EXPECT_EQ(UlpDistance(-0.0, 0.0, ElementType::kFloat), 0);
  EXPECT_EQ(UlpDistance(1.0, 1.0 + 1.0 / 1024, ElementType::kFloat16), 1);  // float16 has 10 mantissa bits
  EXPECT_EQ(UlpDistance(-1e-40, 1e-40, ElementType::kDouble), 2 * UlpDistance(0, 1e-40, ElementType::kDouble));
}

TEST(Metrics, NanAndInfAreCountedNotPropagated) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const OutputMetrics m = CompareOutputs(F32({4}, {nan, 2, inf, 1}), Truth({4}, {1, 2, inf, 1}), MetricOptions{});
  EXPECT_EQ(m.got_nan, 1);
  EXPECT_EQ(m.got_inf, 1);
  EXPECT_EQ(m.ref_inf, 1);
  EXPECT_EQ(m.nonfinite_mismatches, 1);
  EXPECT_DOUBLE_EQ(m.values.at("max_abs"), 0.0);
  EXPECT_TRUE(std::isfinite(m.values.at("cosine")));
  EXPECT_DOUBLE_EQ(m.values.at("frac_outside"), 0.25);
}

TEST(Metrics, RelativeErrorUsesAFloorNearZero) {
  // RMS(ref) = sqrt((0 + 1e6) / 2); floor = 1e-3 * RMS: the zero element is measured against it, not against 0.
  const OutputMetrics m = CompareOutputs(F32({2}, {1e-3, 1000}), Truth({2}, {0, 1000}), MetricOptions{});
  const double floor = 1e-3 * std::sqrt(1e6 / 2);
  EXPECT_NEAR(m.values.at("max_rel"), static_cast<double>(1e-3f) / floor, 1e-12);  // got holds float32 1e-3
}

TEST(Metrics, TopKAgreementOnLogits) {
  MetricOptions o;
  o.topk = 2;
  const OutputMetrics m = CompareOutputs(F32({2, 3}, {0.1, 0.7, 0.2, 0.5, 0.4, 0.1}),
                                         Truth({2, 3}, {0.1, 0.6, 0.3, 0.4, 0.5, 0.1}), o);
  EXPECT_DOUBLE_EQ(m.values.at("top1_agreement"), 0.5);  // row 0 agrees (1), row 1 does not (0 vs 1)
  EXPECT_DOUBLE_EQ(m.values.at("topk_agreement"), 1.0);  // both rows have the same top-2 set
}

TEST(Metrics, IntegersUseExactMatch) {
  Tensor got = Tensor::FromInt64s(ElementType::kInt64, {4}, {1, 2, 3, 5});
  Tensor ref = Tensor::FromInt64s(ElementType::kInt64, {4}, {1, 2, 3, 4});
  const OutputMetrics m = CompareOutputs(got, ref, MetricOptions{});
  EXPECT_DOUBLE_EQ(m.values.at("exact_match"), 0.75);
  EXPECT_EQ(m.values.count("cosine"), 0u);
}

TEST(Metrics, ShapeMismatchIsNotComparable) {
  const OutputMetrics m = CompareOutputs(F32({2}, {1, 2}), Truth({1, 2}, {1, 2}), MetricOptions{});
  EXPECT_FALSE(m.comparable);
  EXPECT_NE(m.note.find("[2]"), std::string::npos);
  EXPECT_TRUE(m.values.empty());
}

}  // namespace
}  // namespace parity
