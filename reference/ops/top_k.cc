// TopK: the k largest (or smallest) elements along `axis` and their int64 indices; outputs have the input's shape
// with dim(axis) replaced by k.
//   TopK-1: `k` attribute, always largest, sorted.   TopK-10: K becomes a 1-element int64 input.
//   TopK-11: `largest` and `sorted` attributes; integer types.   TopK-24: adds bfloat16.
// Equal values keep their input order (the lower index comes first), in both directions. NaN sorts as larger than
// every number. Results are always produced in sorted order (a valid answer for sorted = 0 too).
#include <algorithm>
#include <cmath>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

template <typename T>
bool IsNan(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(v);
  } else {
    return false;
  }
}

void RunTopK(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() >= 1, "input must have rank >= 1");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  int64_t k = 0;
  if (ctx.version() >= 10) {
    ctx.Check(ctx.Input(1).size() == 1, "K must hold one value");
    k = ctx.Input(1).AsInt64(0);
  } else {
    k = ctx.GetInt("k");
  }
  const bool largest = ctx.version() < 11 || ctx.GetInt("largest") != 0;
  const int64_t dim = x.shape()[axis];
  ctx.Check(k >= 0 && k <= dim, "k = " + std::to_string(k) + " is out of range for dimension " + std::to_string(dim));
  int64_t outer = 1;
  int64_t inner = 1;
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (d < axis) outer *= x.shape()[d];
    if (d > axis) inner *= x.shape()[d];
  }
  Shape out = x.shape();
  out[axis] = k;
  std::vector<int64_t> source;  // flat input index of each output element
  std::vector<int64_t> positions(static_cast<size_t>(ElementCount(out)));
  source.resize(positions.size());
  VisitNumeric(x, [&](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    auto before = [&](int64_t a, int64_t b) {  // a ranks before b (strictly)
      const T va = v[a];
      const T vb = v[b];
      if (largest) return (IsNan(va) && !IsNan(vb)) || va > vb;
      return (!IsNan(va) && IsNan(vb)) || va < vb;
    };
    std::vector<int64_t> order(dim);
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t in = 0; in < inner; ++in) {
        const int64_t base = o * dim * inner + in;
        for (int64_t j = 0; j < dim; ++j) order[j] = base + j * inner;
        std::stable_sort(order.begin(), order.end(), before);
        for (int64_t j = 0; j < k; ++j) {
          const int64_t dst = o * k * inner + j * inner + in;
          source[dst] = order[j];
          positions[dst] = (order[j] - base) / inner;
        }
      }
    }
  });
  ctx.SetOutput(0, TakeElements(x, out, source));
  ctx.SetOutput(1, Tensor(DataType::kInt64, out, std::move(positions)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("TopK")
                        .Versions({1, 10, 11, 24})
                        .Int("axis", -1)
                        .Attr("k", AttrType::kInt, /*required=*/true).Only(1, 9)
                        .Int("largest", 1).Only(11)
                        .Int("sorted", 1).Only(11)
                        .Run(RunTopK));

}  // namespace parity::ref
