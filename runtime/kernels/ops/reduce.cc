// ReduceMean / ReduceSum / ReduceMax / ReduceMin / ReduceProd over float or int64 (Max/Min also bool), axes from
// the attribute (ReduceSum >= 13 and all >= 18: from input 1), keepdims, noop_with_empty_axes. An empty reduced
// set gives the identity: 0, 1, -inf/+inf (lowest/highest for int64, false/true for bool), NaN for a float mean.
#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/common/reduce_walk.h"

namespace parity::rt {
namespace {

// Integers accumulate in uint64 so overflow wraps (two's complement) instead of being undefined.
template <typename T>
using AccOf = std::conditional_t<std::is_floating_point<T>::value, double, uint64_t>;

template <typename T>
struct SumOf {
  static T Apply(const T* x, const ReduceGeom& g, int64_t base) {
    AccOf<T> acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += static_cast<AccOf<T>>(x[i]); });
    return static_cast<T>(acc);
  }
};

struct MeanF {
  static float Apply(const float* x, const ReduceGeom& g, int64_t base) {
    double acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += x[i]; });
    return g.count ? static_cast<float>(acc / static_cast<double>(g.count)) : std::numeric_limits<float>::quiet_NaN();
  }
};

struct MeanI {
  // Truncates toward zero, as the float mean cast back to the integer type does.
  static int64_t Apply(const int64_t* x, const ReduceGeom& g, int64_t base) {
    uint64_t acc = 0;
    g.ForEach(base, [&](int64_t i) { acc += static_cast<uint64_t>(x[i]); });
    return static_cast<int64_t>(acc) / g.count;
  }
};

template <typename T>
struct ProdOf {
  static T Apply(const T* x, const ReduceGeom& g, int64_t base) {
    AccOf<T> acc = 1;
    g.ForEach(base, [&](int64_t i) { acc *= static_cast<AccOf<T>>(x[i]); });
    return static_cast<T>(acc);
  }
};

// NaN wins, as in numpy's max/min.
template <typename T, bool kMax>
struct ExtremeOf {
  static T Apply(const T* x, const ReduceGeom& g, int64_t base) {
    T acc = Init();
    bool nan = false;
    g.ForEach(base, [&](int64_t i) {
      T v = x[i];
      if constexpr (std::is_floating_point<T>::value) nan = nan || std::isnan(v);
      acc = (kMax ? v > acc : v < acc) ? v : acc;
    });
    if constexpr (std::is_floating_point<T>::value) {
      if (nan) return std::numeric_limits<T>::quiet_NaN();
    }
    return acc;
  }
  static T Init() {
    if constexpr (std::is_floating_point<T>::value) {
      return kMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    } else {
      return kMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
    }
  }
};

template <bool kMax>
struct AnyAll {
  static uint8_t Apply(const uint8_t* x, const ReduceGeom& g, int64_t base) {
    uint8_t acc = kMax ? 0 : 1;
    g.ForEach(base, [&](int64_t i) { acc = kMax ? (acc | (x[i] != 0)) : (acc & (x[i] != 0)); });
    return acc;
  }
};

enum class Red { kMean, kSum, kMax, kMin, kProd };

template <typename T, Red kR>
std::unique_ptr<Kernel> Typed(ReduceGeom g) {
  if constexpr (kR == Red::kSum) return std::make_unique<ReduceWalkKernel<T, T, SumOf<T>>>(std::move(g));
  if constexpr (kR == Red::kProd) return std::make_unique<ReduceWalkKernel<T, T, ProdOf<T>>>(std::move(g));
  if constexpr (kR == Red::kMax) return std::make_unique<ReduceWalkKernel<T, T, ExtremeOf<T, true>>>(std::move(g));
  if constexpr (kR == Red::kMin) return std::make_unique<ReduceWalkKernel<T, T, ExtremeOf<T, false>>>(std::move(g));
  if constexpr (kR == Red::kMean) {
    if constexpr (std::is_same<T, float>::value) return std::make_unique<ReduceWalkKernel<float, float, MeanF>>(g);
    return std::make_unique<ReduceWalkKernel<int64_t, int64_t, MeanI>>(std::move(g));
  }
}

template <Red kR>
std::unique_ptr<Kernel> MakeReduce(KernelBuilder& b) {
  DType t = b.in(0).dtype;
  ReduceGeom g = SetupReduce(b, t);
  if (t == DType::kF32) return Typed<float, kR>(std::move(g));
  if (t == DType::kI64) {
    if (kR == Red::kMean && g.count == 0) b.Fail("integer mean of an empty set is undefined");
    return Typed<int64_t, kR>(std::move(g));
  }
  if (t == DType::kBool && kR == Red::kMax)
    return std::make_unique<ReduceWalkKernel<uint8_t, uint8_t, AnyAll<true>>>(g);
  if (t == DType::kBool && kR == Red::kMin)
    return std::make_unique<ReduceWalkKernel<uint8_t, uint8_t, AnyAll<false>>>(g);
  b.Fail(std::string("unsupported dtype ") + DTypeName(t));
}

PARITY_REGISTER_OP({"", "ReduceMean", 1, kMaxOpset, &MakeReduce<Red::kMean>});
PARITY_REGISTER_OP({"", "ReduceSum", 1, kMaxOpset, &MakeReduce<Red::kSum>});
PARITY_REGISTER_OP({"", "ReduceMax", 1, kMaxOpset, &MakeReduce<Red::kMax>});
PARITY_REGISTER_OP({"", "ReduceMin", 1, kMaxOpset, &MakeReduce<Red::kMin>});
PARITY_REGISTER_OP({"", "ReduceProd", 1, kMaxOpset, &MakeReduce<Red::kProd>});

}  // namespace
}  // namespace parity::rt
