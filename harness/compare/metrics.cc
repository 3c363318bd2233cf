#include "harness/compare/metrics.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

namespace parity {

namespace {

// SNR of an exact match is infinite; JSON has no infinity, and double precision cannot resolve beyond ~320 dB.
constexpr double kSnrCapDb = 400.0;

int64_t OrderedBits32(float f) {
  int32_t i;
  std::memcpy(&i, &f, 4);
  return i < 0 ? static_cast<int64_t>(std::numeric_limits<int32_t>::min()) - i : i;
}

int64_t OrderedBits16(uint16_t bits) {
  const int32_t i = bits & 0x8000 ? -static_cast<int32_t>(bits & 0x7fff) : static_cast<int32_t>(bits);
  return i;
}

double OrderedBits64(double d) {
  int64_t i;
  std::memcpy(&i, &d, 8);
  // Long double keeps the exact distance of two int64 positions in the mapped order.
  return i < 0 ? -static_cast<double>(static_cast<long double>(i) - std::numeric_limits<int64_t>::min())
               : static_cast<double>(i);
}

bool LooksLikeLogits(const Dims& dims) {
  if (dims.size() == 2) return dims[1] >= 2;
  if (dims.size() == 4) return dims[1] >= 2 && dims[2] == 1 && dims[3] == 1;
  return false;
}

// Top-1 agreement and mean top-k overlap over rows of [rows, classes].
void TopK(const std::vector<double>& got, const std::vector<double>& ref, int64_t rows, int64_t classes, int k,
          std::map<std::string, double>& out) {
  k = static_cast<int>(std::min<int64_t>(k, classes));
  double top1 = 0, overlap = 0;
  std::vector<int64_t> gi(classes), ri(classes);
  for (int64_t r = 0; r < rows; ++r) {
    const double* g = got.data() + r * classes;
    const double* e = ref.data() + r * classes;
    std::iota(gi.begin(), gi.end(), 0);
    std::iota(ri.begin(), ri.end(), 0);
    auto by = [](const double* v) { return [v](int64_t a, int64_t b) { return v[a] > v[b] || (v[a] == v[b] && a < b); }; };
    std::partial_sort(gi.begin(), gi.begin() + k, gi.end(), by(g));
    std::partial_sort(ri.begin(), ri.begin() + k, ri.end(), by(e));
    top1 += gi[0] == ri[0];
    int common = 0;
    for (int a = 0; a < k; ++a) common += std::count(ri.begin(), ri.begin() + k, gi[a]) > 0;
    overlap += static_cast<double>(common) / k;
  }
  out["top1_agreement"] = rows ? top1 / rows : 1.0;
  out["topk_agreement"] = rows ? overlap / rows : 1.0;
}

void FloatMetrics(const Tensor& got, const Tensor& ref, const MetricOptions& o, OutputMetrics& m) {
  const std::vector<double> g = got.ToDoubles();
  const std::vector<double> r = ref.ToDoubles();
  std::vector<double> abs_err;
  abs_err.reserve(g.size());
  double dot = 0, gg = 0, rr = 0, noise = 0, max_ulp = 0;
  int64_t outside = 0;
  const bool ulp_ok = got.declared == ElementType::kFloat || got.declared == ElementType::kFloat16 ||
                      got.declared == ElementType::kBfloat16 || got.declared == ElementType::kDouble;
  for (size_t i = 0; i < g.size(); ++i) {
    m.got_nan += std::isnan(g[i]);
    m.got_inf += std::isinf(g[i]);
    m.ref_nan += std::isnan(r[i]);
    m.ref_inf += std::isinf(r[i]);
    if (!std::isfinite(g[i]) || !std::isfinite(r[i])) {
      const bool same = (std::isnan(g[i]) && std::isnan(r[i])) || g[i] == r[i];
      m.nonfinite_mismatches += !same;
      outside += !same;
      continue;
    }
    const double e = std::fabs(g[i] - r[i]);
    abs_err.push_back(e);
    dot += g[i] * r[i];
    gg += g[i] * g[i];
    rr += r[i] * r[i];
    noise += (g[i] - r[i]) * (g[i] - r[i]);
    outside += e > o.atol + o.rtol * std::fabs(r[i]);
    if (ulp_ok) max_ulp = std::max(max_ulp, UlpDistance(g[i], r[i], got.declared));
  }
  const auto n = static_cast<double>(abs_err.size());
  auto& v = m.values;
  v["cosine"] = (gg == 0 && rr == 0) ? 1.0 : (gg == 0 || rr == 0) ? 0.0 : dot / std::sqrt(gg * rr);
  if (n == 0) return;
  const double rms_ref = std::sqrt(rr / n);
  const double floor = rms_ref > 0 ? o.rel_floor_fraction * rms_ref : 1e-30;
  double max_rel = 0, sum_rel = 0;
  size_t k = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    if (!std::isfinite(g[i]) || !std::isfinite(r[i])) continue;
    const double rel = abs_err[k++] / std::max(std::fabs(r[i]), floor);
    max_rel = std::max(max_rel, rel);
    sum_rel += rel;
  }
  std::vector<double> sorted = abs_err;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  v["max_abs"] = *std::max_element(abs_err.begin(), abs_err.end());
  double peak = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    if (std::isfinite(r[i])) peak = std::max(peak, std::fabs(r[i]));
  }
  v["max_abs_scaled"] = peak > 0 ? v["max_abs"] / peak : (v["max_abs"] > 0 ? 1.0 : 0.0);
  v["mean_abs"] = std::accumulate(abs_err.begin(), abs_err.end(), 0.0) / n;
  v["median_abs"] = sorted[sorted.size() / 2];
  v["max_rel"] = max_rel;
  v["mean_rel"] = sum_rel / n;
  v["rmse"] = std::sqrt(noise / n);
  v["snr_db"] = noise == 0 ? kSnrCapDb : std::min(kSnrCapDb, 10 * std::log10(rr / noise));
  v["frac_outside"] = static_cast<double>(outside) / static_cast<double>(g.size());
  if (ulp_ok) v["max_ulp"] = max_ulp;
  if (o.topk > 0 && (o.logits || LooksLikeLogits(ref.dims))) {
    const int64_t classes = ref.dims[1];
    TopK(g, r, static_cast<int64_t>(g.size()) / classes, classes, o.topk, v);
  }
}

void ExactMetrics(const Tensor& got, const Tensor& ref, OutputMetrics& m) {
  int64_t equal = 0;
  double max_abs = 0;
  for (int64_t i = 0; i < ref.size(); ++i) {
    if (ref.dtype == ElementType::kString) {
      equal += got.strings[i] == ref.strings[i];
      continue;
    }
    const int64_t a = got.IntAt(i), b = ref.IntAt(i);
    equal += a == b;
    max_abs = std::max(max_abs, std::fabs(static_cast<double>(a) - static_cast<double>(b)));
  }
  m.values["exact_match"] = ref.size() ? static_cast<double>(equal) / ref.size() : 1.0;
  if (ref.dtype != ElementType::kString) m.values["max_abs"] = max_abs;
}

}  // namespace

double UlpDistance(double a, double b, ElementType type) {
  switch (type) {
    case ElementType::kFloat:
      return static_cast<double>(std::llabs(OrderedBits32(static_cast<float>(a)) - OrderedBits32(static_cast<float>(b))));
    case ElementType::kFloat16:
    case ElementType::kBfloat16: {
      auto bits = [type](double x) {
        return type == ElementType::kFloat16 ? Eigen::numext::bit_cast<uint16_t>(Eigen::half(static_cast<float>(x)))
                                             : Eigen::numext::bit_cast<uint16_t>(Eigen::bfloat16(static_cast<float>(x)));
      };
      return static_cast<double>(std::llabs(OrderedBits16(bits(a)) - OrderedBits16(bits(b))));
    }
    case ElementType::kDouble:
      return std::fabs(OrderedBits64(a) - OrderedBits64(b));
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

OutputMetrics CompareOutputs(const Tensor& got, const Tensor& ref, const MetricOptions& options) {
  OutputMetrics m;
  if (got.dims != ref.dims) {
    m.comparable = false;
    m.note = "shape " + DimsToString(got.dims) + " differs from the reference's " + DimsToString(ref.dims);
    return m;
  }
  const bool got_float = IsFloatingType(got.declared), ref_float = IsFloatingType(ref.declared);
  if (got_float != ref_float || (got.dtype == ElementType::kString) != (ref.dtype == ElementType::kString)) {
    m.comparable = false;
    m.note = "type " + ElementTypeName(got.declared) + " is not comparable with the reference's " +
             ElementTypeName(ref.declared);
    return m;
  }
  m.count = ref.size();
  if (ref_float) {
    FloatMetrics(got, ref, options, m);
  } else {
    ExactMetrics(got, ref, m);
  }
  return m;
}

bool HigherIsBetter(const std::string& metric) {
  return metric == "cosine" || metric == "snr_db" || metric == "top1_agreement" || metric == "topk_agreement" ||
         metric == "exact_match";
}

double Worse(const std::string& metric, double a, double b) {
  return HigherIsBetter(metric) ? std::min(a, b) : std::max(a, b);
}

const std::vector<std::string>& MetricNames() {
  static const std::vector<std::string> names = {
      "cosine",  "max_abs",      "max_abs_scaled", "mean_abs", "median_abs",     "max_rel", "mean_rel", "rmse",
      "snr_db",  "frac_outside", "max_ulp",  "top1_agreement", "topk_agreement", "exact_match"};
  return names;
}

}  // namespace parity
