// Two-sample statistics for latency comparisons: the Mann–Whitney U test and the Hodges–Lehmann shift estimate.
//
// Why these: latency samples are skewed and heavy-tailed (scheduler hiccups, frequency changes), so a t-test's
// normality assumption does not hold. The U test only uses ranks, so a few outliers cannot create or hide a
// difference, and the Hodges–Lehmann estimator is the matching robust estimate of "how much slower".
//
// Contract
// - Pure functions: no I/O, no state, inputs are not modified. Inputs must be finite (NaN has no rank); the functions
//   throw std::invalid_argument on a NaN and on an empty sample.
// - The p-value uses the normal approximation of U with the tie correction of the variance and a continuity
//   correction of 0.5 (the same as scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True)). It is
//   accurate to about two digits for n ≥ 8 per sample; callers should treat smaller samples as "too few samples"
//   (kMinSamples).
#pragma once

#include <cstddef>
#include <vector>

namespace parity::stats {

// Below this many samples on either side the normal approximation of U is too coarse to report a p-value.
inline constexpr size_t kMinSamples = 8;

struct MannWhitneyResult {
  size_t n_x = 0, n_y = 0;
  // U of y: the number of pairs (x_i, y_j) with y_j > x_i, ties counting 1/2. U_x = n_x * n_y - u_y.
  double u_y = 0;
  double mean_u = 0;  // n_x * n_y / 2, U's expectation when both samples come from one distribution
  double sd_u = 0;    // U's standard deviation under that hypothesis, tie-corrected; 0 when every value is equal
  // Standardized U_y with continuity correction: positive when y tends to be larger than x. 0 when sd_u is 0.
  double z = 0;
  double p_two_sided = 1;  // in [0, 1]; 1 when sd_u is 0 (all values equal: no evidence of any difference)
};

// Two-sided Mann–Whitney U test of x against y.
MannWhitneyResult MannWhitneyU(const std::vector<double>& x, const std::vector<double>& y);

// Hodges–Lehmann estimate of the shift from x to y: the median of all pairwise differences y_j - x_i (positive when y
// is larger). Exact while n_x * n_y <= kMaxHodgesLehmannPairs; above that each sample is first reduced to evenly
// spaced order statistics so memory stays bounded (the estimate then moves by much less than the samples' spread).
inline constexpr size_t kMaxHodgesLehmannPairs = size_t{4} << 20;
double HodgesLehmannShift(const std::vector<double>& x, const std::vector<double>& y);

// Median (mean of the two middle values for an even count). Throws std::invalid_argument when empty.
double Median(std::vector<double> values);

// Upper tail of the standard normal distribution, P(Z > z).
double NormalSurvival(double z);

}  // namespace parity::stats
