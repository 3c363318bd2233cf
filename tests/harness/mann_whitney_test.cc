// The statistics behind `parity diff`: Mann–Whitney U (normal approximation with tie and continuity corrections) and
// the Hodges–Lehmann shift. Expected values are worked out by hand in the comments (and agree with
// scipy.stats.mannwhitneyu(..., alternative="two-sided", method="asymptotic")).
#include "harness/perf/mann_whitney.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace parity::stats {
namespace {

std::vector<double> Range(double first, int count) {
  std::vector<double> v;
  for (int i = 0; i < count; ++i) v.push_back(first + i);
  return v;
}

TEST(MannWhitney, CompletelySeparatedSamples) {
  // x = 1..8, y = 9..16: every y beats every x, so U_y = 8 * 8 = 64; E[U] = 32;
  // sd = sqrt(8 * 8 * 17 / 12) = 9.5219; z = (64 - 32 - 0.5) / 9.5219 = 3.3082; p = 2 * P(Z > 3.3082) = 0.000939.
  const MannWhitneyResult r = MannWhitneyU(Range(1, 8), Range(9, 8));
  EXPECT_EQ(r.n_x, 8u);
  EXPECT_EQ(r.n_y, 8u);
  EXPECT_DOUBLE_EQ(r.u_y, 64);
  EXPECT_DOUBLE_EQ(r.mean_u, 32);
  EXPECT_NEAR(r.sd_u, 9.5219046, 1e-6);
  EXPECT_NEAR(r.z, 3.3081617, 1e-6);
  EXPECT_NEAR(r.p_two_sided, 0.00093911, 1e-7);
}

TEST(MannWhitney, TiesShareTheirAverageRank) {
  // Pooled: 1x 2x 3x 3y 4x 4y 5y 6y -> ranks 1 2 3.5 3.5 5.5 5.5 7 8, R_y = 24, U_y = 24 - 4 * 5 / 2 = 14 (pairwise:
  // 2.5 + 3.5 + 4 + 4). Two tie groups of 2: sum(t^3 - t) = 12, var = 16 / 12 * (9 - 12 / 56) = 11.714, sd = 3.4226;
  // z = (14 - 8 - 0.5) / 3.4226 = 1.6070; p = 0.10806.
  const MannWhitneyResult r = MannWhitneyU({1, 2, 3, 4}, {3, 4, 5, 6});
  EXPECT_DOUBLE_EQ(r.u_y, 14);
  EXPECT_DOUBLE_EQ(r.mean_u, 8);
  EXPECT_NEAR(r.sd_u * r.sd_u, 16.0 / 12 * (9 - 12.0 / 56), 1e-12);
  EXPECT_NEAR(r.z, 1.6069590, 1e-6);
  EXPECT_NEAR(r.p_two_sided, 0.10806337, 1e-7);
}

TEST(MannWhitney, OverlappingSamplesAreNotSignificant) {
  // U_y = 43 of 64 pairs: z = (43 - 32 - 0.5) / 9.5219 = 1.1027, p = 0.2701.
  const MannWhitneyResult r = MannWhitneyU({1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8}, {3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_DOUBLE_EQ(r.u_y, 43);
  EXPECT_NEAR(r.p_two_sided, 0.27014853, 1e-7);
}

TEST(MannWhitney, SwappingTheSamplesNegatesZAndKeepsP) {
  const MannWhitneyResult a = MannWhitneyU({1, 2, 3, 4}, {3, 4, 5, 6});
  const MannWhitneyResult b = MannWhitneyU({3, 4, 5, 6}, {1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(b.u_y, 16 - a.u_y);
  EXPECT_DOUBLE_EQ(b.z, -a.z);
  EXPECT_DOUBLE_EQ(b.p_two_sided, a.p_two_sided);
}

TEST(MannWhitney, IdenticalSamplesGivePOne) {
  const MannWhitneyResult r = MannWhitneyU(Range(1, 10), Range(1, 10));
  EXPECT_DOUBLE_EQ(r.u_y, r.mean_u);
  EXPECT_DOUBLE_EQ(r.z, 0);
  EXPECT_DOUBLE_EQ(r.p_two_sided, 1);
}

TEST(MannWhitney, AllValuesEqualGivesPOneWithoutDividingByZero) {
  const MannWhitneyResult r = MannWhitneyU(std::vector<double>(9, 5.0), std::vector<double>(12, 5.0));
  EXPECT_DOUBLE_EQ(r.sd_u, 0);
  EXPECT_DOUBLE_EQ(r.z, 0);
  EXPECT_DOUBLE_EQ(r.p_two_sided, 1);
}

TEST(MannWhitney, ClearlyShiftedNoisySamplesGivePNearZero) {
  std::mt19937 gen(7);
  std::normal_distribution<double> noise(0, 0.2);
  std::vector<double> x, y;
  for (int i = 0; i < 30; ++i) {
    x.push_back(10 + noise(gen));
    y.push_back(12 + noise(gen));
  }
  const MannWhitneyResult r = MannWhitneyU(x, y);
  EXPECT_DOUBLE_EQ(r.u_y, 900);  // 2 ms apart with 0.2 ms noise: no overlap
  EXPECT_GT(r.z, 6);
  EXPECT_LT(r.p_two_sided, 1e-9);
}

TEST(MannWhitney, RejectsEmptyAndNaNSamples) {
  EXPECT_THROW(MannWhitneyU({}, {1, 2}), std::invalid_argument);
  EXPECT_THROW(MannWhitneyU({1, std::numeric_limits<double>::quiet_NaN()}, {1, 2}), std::invalid_argument);
  EXPECT_THROW(HodgesLehmannShift({1}, {}), std::invalid_argument);
}

TEST(MannWhitney, HodgesLehmannIsTheMedianOfPairwiseDifferences) {
  // y - x over {1,2,3,4} x {3,4,5,6}: -1 0 0 1 1 1 2 2 2 2 3 3 3 4 4 5, median (2 + 2) / 2 = 2.
  EXPECT_DOUBLE_EQ(HodgesLehmannShift({1, 2, 3, 4}, {3, 4, 5, 6}), 2);
  // Odd pair count: {0} x {1, 2, 10} -> differences 1 2 10, median 2 (the outlier does not pull it).
  EXPECT_DOUBLE_EQ(HodgesLehmannShift({0}, {1, 2, 10}), 2);
  EXPECT_DOUBLE_EQ(HodgesLehmannShift({3, 4, 5, 6}, {1, 2, 3, 4}), -2);
}

TEST(MannWhitney, HodgesLehmannRecoversAnExactShift) {
  std::vector<double> x = {3.1, 2.7, 9.4, 3.3, 2.9, 3.0, 3.6, 2.8, 3.2}, y;
  for (double v : x) y.push_back(v + 0.75);
  EXPECT_NEAR(HodgesLehmannShift(x, y), 0.75, 1e-12);
}

TEST(MannWhitney, HodgesLehmannStaysAccurateBeyondThePairLimit) {
  // 3000 x 3000 = 9e6 pairs > kMaxHodgesLehmannPairs: the samples are thinned to order statistics first.
  std::mt19937 gen(3);
  std::exponential_distribution<double> skewed(1.0);
  std::vector<double> x, y;
  for (int i = 0; i < 3000; ++i) {
    const double v = 5 + skewed(gen);
    x.push_back(v);
    y.push_back(v + 1.5);
  }
  EXPECT_NEAR(HodgesLehmannShift(x, y), 1.5, 0.01);
  // Lopsided sizes take the other branch (only the larger sample is thinned).
  std::vector<double> few(x.begin(), x.begin() + 100);
  std::vector<double> many;
  for (int i = 0; i < 60000; ++i) many.push_back(few[i % 100] + 1.5);
  EXPECT_NEAR(HodgesLehmannShift(few, many), 1.5, 0.05);
}

TEST(MannWhitney, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(Median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_THROW(Median({}), std::invalid_argument);
}

}  // namespace
}  // namespace parity::stats
