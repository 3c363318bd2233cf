#include "core/reduce_common.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"

namespace parity::ref {
namespace {

// Input elements grouped by the output element they reduce into.
struct ReducePlan {
  Shape out_shape;
  int64_t groups = 0;
  std::vector<int64_t> group_of;  // input flat index -> output flat index
};

std::vector<bool> ReducedAxes(const OpContext& ctx, int64_t rank, int axes_input_since) {
  std::vector<int64_t> axes;
  bool noop = false;
  if (ctx.version() >= axes_input_since) {
    if (ctx.HasInput(1)) axes = ctx.Input(1).ToInt64Vector();
    noop = ctx.GetInt("noop_with_empty_axes") != 0;
  } else if (ctx.HasAttr("axes")) {
    axes = ctx.GetInts("axes");
  }
  std::vector<bool> reduced(rank, axes.empty() && !noop);
  for (int64_t a : NormalizeAxes(axes, rank)) reduced[a] = true;
  return reduced;
}

ReducePlan Plan(const Shape& in, const std::vector<bool>& reduced, bool keepdims) {
  ReducePlan p;
  Shape grid;  // output shape with reduced dims kept as 1
  for (size_t d = 0; d < in.size(); ++d) {
    grid.push_back(reduced[d] ? 1 : in[d]);
    if (!reduced[d] || keepdims) p.out_shape.push_back(grid.back());
  }
  p.groups = ElementCount(grid);
  p.group_of.resize(static_cast<size_t>(ElementCount(in)));
  ForEachCoord(in, [&](int64_t i, const std::vector<int64_t>& c) {
    int64_t flat = 0;
    for (size_t d = 0; d < in.size(); ++d) flat = flat * grid[d] + (reduced[d] ? 0 : c[d]);
    p.group_of[i] = flat;
  });
  return p;
}

double EmptyValue(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::kProd: return 1;
    case ReduceKind::kMax:
    case ReduceKind::kLogSum:
    case ReduceKind::kLogSumExp: return -std::numeric_limits<double>::infinity();
    case ReduceKind::kMin: return std::numeric_limits<double>::infinity();
    case ReduceKind::kMean: return std::numeric_limits<double>::quiet_NaN();
    default: return 0;
  }
}

// Reduction of real values, one group at a time (values are gathered per group first).
double ReduceReals(ReduceKind kind, const std::vector<double>& v) {
  if (v.empty()) return EmptyValue(kind);
  double acc = kind == ReduceKind::kProd ? 1 : 0;
  switch (kind) {
    case ReduceKind::kMax: return *std::max_element(v.begin(), v.end(), [](double a, double b) {
        return std::isnan(b) ? !std::isnan(a) : a < b;
      });
    case ReduceKind::kMin: return *std::min_element(v.begin(), v.end(), [](double a, double b) {
        return std::isnan(a) ? !std::isnan(b) : a < b;
      });
    case ReduceKind::kLogSumExp: {
      const double m = *std::max_element(v.begin(), v.end());
      if (std::isinf(m)) return m;
      for (double x : v) acc += std::exp(x - m);
      return m + std::log(acc);
    }
    default: break;
  }
  for (double x : v) {
    switch (kind) {
      case ReduceKind::kProd: acc *= x; break;
      case ReduceKind::kSumSquare:
      case ReduceKind::kL2: acc += x * x; break;
      case ReduceKind::kL1: acc += std::fabs(x); break;
      default: acc += x; break;
    }
  }
  if (kind == ReduceKind::kMean) return acc / static_cast<double>(v.size());
  if (kind == ReduceKind::kL2) return std::sqrt(acc);
  if (kind == ReduceKind::kLogSum) return std::log(acc);
  return acc;
}

// Lowest / highest value of an integer or bool dtype, in its storage type T.
template <typename T>
T IntLimit(DataType dtype, bool highest) {
  const int bits = dtype == DataType::kBool ? 1 : BitWidth(dtype);
  if (std::is_unsigned_v<T> || dtype == DataType::kBool) {
    if (!highest) return 0;
    return bits >= 64 ? std::numeric_limits<T>::max() : static_cast<T>((uint64_t{1} << bits) - 1);
  }
  if (bits >= 64) return highest ? std::numeric_limits<T>::max() : std::numeric_limits<T>::min();
  const int64_t half = int64_t{1} << (bits - 1);
  return static_cast<T>(highest ? half - 1 : -half);
}

// Exact integer reduction (sums and products wrap through uint64, like the dtype would); the norms and logs go
// through double and truncate.
template <typename T>
T ReduceInts(ReduceKind kind, DataType dtype, const std::vector<T>& v) {
  switch (kind) {
    case ReduceKind::kMax:
      return v.empty() ? IntLimit<T>(dtype, false) : *std::max_element(v.begin(), v.end());
    case ReduceKind::kMin:
      return v.empty() ? IntLimit<T>(dtype, true) : *std::min_element(v.begin(), v.end());
    case ReduceKind::kSum:
    case ReduceKind::kMean:
    case ReduceKind::kProd:
    case ReduceKind::kSumSquare:
    case ReduceKind::kL1: {
      uint64_t acc = kind == ReduceKind::kProd ? 1 : 0;
      for (T x : v) {
        const uint64_t u = static_cast<uint64_t>(x);
        if (kind == ReduceKind::kProd) acc *= u;
        if (kind == ReduceKind::kSum || kind == ReduceKind::kMean) acc += u;
        if (kind == ReduceKind::kSumSquare) acc += u * u;
        if (kind == ReduceKind::kL1) acc += (x < 0 ? uint64_t{0} - u : u);
      }
      if (kind != ReduceKind::kMean) return static_cast<T>(acc);
      if (v.empty()) return 0;
      return static_cast<T>(static_cast<T>(acc) / static_cast<T>(v.size()));
    }
    default: {
      std::vector<double> d(v.begin(), v.end());
      const double r = ReduceReals(kind, d);
      return std::isfinite(r) ? static_cast<T>(r) : 0;
    }
  }
}

}  // namespace

void RunReduction(OpContext& ctx, ReduceKind kind, int axes_input_since) {
  const Tensor& x = ctx.Input(0);
  const bool minmax = kind == ReduceKind::kMax || kind == ReduceKind::kMin;
  ctx.Check(x.dtype() != DataType::kBool || (minmax && ctx.version() >= 20),
            "does not accept " + DataTypeName(x.dtype()) + " input");
  const ReducePlan plan = Plan(x.shape(), ReducedAxes(ctx, x.rank(), axes_input_since), ctx.GetInt("keepdims") != 0);
  Tensor out(x.dtype(), plan.out_shape);
  VisitNumeric(x, [&](const auto& xv) {
    using T = typename std::decay_t<decltype(xv)>::value_type;
    std::vector<std::vector<T>> groups(plan.groups);
    for (size_t i = 0; i < xv.size(); ++i) groups[plan.group_of[i]].push_back(xv[i]);
    auto& ov = std::get<std::vector<T>>(out.storage());
    for (int64_t g = 0; g < plan.groups; ++g) {
      if constexpr (std::is_same_v<T, double>) {
        ov[g] = ReduceReals(kind, groups[g]);
      } else {
        ov[g] = ReduceInts<T>(kind, x.dtype(), groups[g]);
      }
    }
  });
  out.WrapToDtype();
  ctx.SetOutput(0, std::move(out));
}

void RunArgReduction(OpContext& ctx, bool is_max) {
  const Tensor& x = ctx.Input(0);
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  const bool last = ctx.version() >= 12 && ctx.GetInt("select_last_index") != 0;
  const int64_t dim = x.shape()[axis];
  ctx.Check(dim > 0, "cannot take the arg extreme of an empty axis");
  std::vector<bool> reduced(x.rank(), false);
  reduced[axis] = true;
  const ReducePlan plan = Plan(x.shape(), reduced, ctx.GetInt("keepdims") != 0);
  std::vector<int64_t> best(plan.groups, -1);
  VisitNumeric(x, [&](const auto& xv) {
    using T = typename std::decay_t<decltype(xv)>::value_type;
    // b is a strictly better candidate than a (NaN beats everything, as numpy's argmax/argmin pick NaN).
    auto better = [&](T b, T a) {
      if constexpr (std::is_same_v<T, double>) {
        if (std::isnan(a)) return false;
        if (std::isnan(b)) return true;
      }
      return is_max ? b > a : b < a;
    };
    ForEachCoord(x.shape(), [&](int64_t i, const std::vector<int64_t>& c) {
      int64_t& slot = best[plan.group_of[i]];
      if (slot < 0) {
        slot = i;
        return;
      }
      const T cur = xv[slot];
      const T cand = xv[i];
      if (better(cand, cur) || (last && !better(cur, cand))) slot = i;
      (void)c;
    });
  });
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= x.shape()[d];
  std::vector<int64_t> positions(best.size());
  for (size_t g = 0; g < best.size(); ++g) positions[g] = (best[g] / inner) % dim;
  ctx.SetOutput(0, Tensor(DataType::kInt64, plan.out_shape, std::move(positions)));
}

}  // namespace parity::ref
