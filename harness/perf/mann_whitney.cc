#include "harness/perf/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace parity::stats {

namespace {

void CheckSample(const std::vector<double>& values, const char* name) {
  if (values.empty()) throw std::invalid_argument(std::string(name) + ": empty sample");
  for (double v : values) {
    if (std::isnan(v)) throw std::invalid_argument(std::string(name) + ": NaN in sample");
  }
}

struct RankSums {
  double rank_sum_y = 0;
  double tie_term = 0;  // sum over tie groups of t^3 - t, the variance correction for ties
};

// Ranks the pooled samples (1-based, tied values share their average rank) and sums the ranks of y.
RankSums PooledRanks(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<std::pair<double, bool>> pooled;  // (value, belongs to y)
  pooled.reserve(x.size() + y.size());
  for (double v : x) pooled.emplace_back(v, false);
  for (double v : y) pooled.emplace_back(v, true);
  std::sort(pooled.begin(), pooled.end());
  RankSums sums;
  for (size_t begin = 0; begin < pooled.size();) {
    size_t end = begin + 1;
    while (end < pooled.size() && pooled[end].first == pooled[begin].first) ++end;
    const double t = static_cast<double>(end - begin);
    const double average_rank = (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2;
    for (size_t i = begin; i < end; ++i) {
      if (pooled[i].second) sums.rank_sum_y += average_rank;
    }
    sums.tie_term += t * t * t - t;
    begin = end;
  }
  return sums;
}

// `sorted` reduced to `count` evenly spaced order statistics (first and last kept).
std::vector<double> Thin(const std::vector<double>& sorted, size_t count) {
  if (count >= sorted.size()) return sorted;
  std::vector<double> out;
  out.reserve(count);
  const size_t last = sorted.size() - 1;
  for (size_t i = 0; i < count; ++i) out.push_back(sorted[(i * last + (count - 1) / 2) / (count - 1)]);
  return out;
}

}  // namespace

double NormalSurvival(double z) {
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

double Median(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("median of an empty sample");
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return lower + (upper - lower) / 2;
}

MannWhitneyResult MannWhitneyU(const std::vector<double>& x, const std::vector<double>& y) {
  CheckSample(x, "Mann-Whitney x");
  CheckSample(y, "Mann-Whitney y");
  MannWhitneyResult r;
  r.n_x = x.size();
  r.n_y = y.size();
  const double nx = static_cast<double>(r.n_x), ny = static_cast<double>(r.n_y), n = nx + ny;
  const RankSums sums = PooledRanks(x, y);
  r.u_y = sums.rank_sum_y - ny * (ny + 1) / 2;
  r.mean_u = nx * ny / 2;
  const double variance = nx * ny / 12 * ((n + 1) - sums.tie_term / (n * (n - 1)));
  r.sd_u = variance > 0 ? std::sqrt(variance) : 0;
  if (r.sd_u == 0) return r;  // every value equal: z = 0, p = 1
  // Continuity correction: U is discrete, so move it half a step towards its mean before standardizing.
  const double distance = std::max(std::fabs(r.u_y - r.mean_u) - 0.5, 0.0);
  r.z = std::copysign(distance, r.u_y - r.mean_u) / r.sd_u;
  r.p_two_sided = std::min(1.0, 2 * NormalSurvival(std::fabs(r.z)));
  return r;
}

double HodgesLehmannShift(const std::vector<double>& x, const std::vector<double>& y) {
  CheckSample(x, "Hodges-Lehmann x");
  CheckSample(y, "Hodges-Lehmann y");
  std::vector<double> sx = x, sy = y;
  std::sort(sx.begin(), sx.end());
  std::sort(sy.begin(), sy.end());
  if (sx.size() * sy.size() > kMaxHodgesLehmannPairs) {
    const auto cap = static_cast<size_t>(std::sqrt(static_cast<double>(kMaxHodgesLehmannPairs)));
    if (std::min(sx.size(), sy.size()) > cap) {
      sx = Thin(sx, cap);
      sy = Thin(sy, cap);
    } else if (sx.size() > sy.size()) {
      sx = Thin(sx, kMaxHodgesLehmannPairs / sy.size());
    } else {
      sy = Thin(sy, kMaxHodgesLehmannPairs / sx.size());
    }
  }
  std::vector<double> differences;
  differences.reserve(sx.size() * sy.size());
  for (double b : sy) {
    for (double a : sx) differences.push_back(b - a);
  }
  return Median(std::move(differences));
}

}  // namespace parity::stats
