// Unique: the distinct elements of X (flattened), or with `axis` the distinct slices along that axis, plus
//   indices:         int64 position of each unique value's first occurrence in X (flattened, or along axis);
//   inverse_indices: int64, for every element (slice) of X, the position of its value in Y;
//   counts:          int64 number of occurrences of each unique value.
// sorted = 1 (default) orders Y ascending (slices compare lexicographically in row-major order, as numpy.unique
// does); sorted = 0 keeps first-occurrence order.
//   Unique-11.
#include <algorithm>
#include <numeric>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunUnique(OpContext& ctx) {
  const Tensor& x0 = ctx.Input(0);
  const bool has_axis = ctx.HasAttr("axis");
  const Tensor x = has_axis ? x0 : x0.Reshaped({x0.size()});
  const int64_t axis = has_axis ? NormalizeAxis(ctx.GetInt("axis"), x.rank()) : 0;
  const int64_t n = x.shape()[axis];
  const int64_t slice_size = n == 0 ? 0 : x.size() / n;
  // Flat element indices of slice j, in row-major order of the other axes.
  Shape moved = x.shape();
  moved.erase(moved.begin() + axis);
  moved.insert(moved.begin(), n);
  const auto slice_index = SourceIndices(moved, x.shape(), [&](const std::vector<int64_t>& c,
                                                               std::vector<int64_t>& src) {
    for (int64_t d = 0, k = 1; d < x.rank(); ++d) src[d] = d == axis ? c[0] : c[k++];
  });
  // rep[g]: first slice of the g-th distinct value in ascending order; group[j]: the value index of slice j.
  std::vector<int64_t> rep;
  std::vector<int64_t> group(n);
  VisitStorage(x, [&](const auto& v) {
    auto less = [&](int64_t a, int64_t b) {
      for (int64_t e = 0; e < slice_size; ++e) {
        const auto& va = v[slice_index[a * slice_size + e]];
        const auto& vb = v[slice_index[b * slice_size + e]];
        if (va < vb) return true;
        if (vb < va) return false;
      }
      return false;
    };
    auto equal = [&](int64_t a, int64_t b) { return !less(a, b) && !less(b, a); };
    std::vector<int64_t> sorted_slices(n);
    std::iota(sorted_slices.begin(), sorted_slices.end(), 0);
    std::stable_sort(sorted_slices.begin(), sorted_slices.end(), less);
    // Stable sort keeps the first occurrence first within each run of equal slices.
    for (int64_t i = 0; i < n; ++i) {
      const int64_t j = sorted_slices[i];
      if (i == 0 || !equal(sorted_slices[i - 1], j)) rep.push_back(j);
      group[j] = static_cast<int64_t>(rep.size()) - 1;
    }
  });
  // Output order: ascending (as found) or by first occurrence.
  std::vector<int64_t> position(rep.size());
  std::iota(position.begin(), position.end(), 0);
  if (ctx.GetInt("sorted") == 0) {
    std::vector<int64_t> by_first(rep.size());
    std::iota(by_first.begin(), by_first.end(), 0);
    std::sort(by_first.begin(), by_first.end(), [&](int64_t a, int64_t b) { return rep[a] < rep[b]; });
    for (size_t k = 0; k < by_first.size(); ++k) position[by_first[k]] = static_cast<int64_t>(k);
  }
  const int64_t u = static_cast<int64_t>(rep.size());
  std::vector<int64_t> first(u), counts(u, 0), inverse(n);
  for (int64_t g = 0; g < u; ++g) first[position[g]] = rep[g];
  for (int64_t j = 0; j < n; ++j) {
    inverse[j] = position[group[j]];
    ++counts[inverse[j]];
  }
  Shape out = x.shape();
  out[axis] = u;
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    src = c;
    src[axis] = first[c[axis]];
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
  if (ctx.OutputRequested(1)) ctx.SetOutput(1, Tensor(DataType::kInt64, {u}, first));
  if (ctx.OutputRequested(2)) ctx.SetOutput(2, Tensor(DataType::kInt64, {n}, inverse));
  if (ctx.OutputRequested(3)) ctx.SetOutput(3, Tensor(DataType::kInt64, {u}, counts));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Unique")
                        .Versions({11})
                        .Attr("axis", AttrType::kInt)
                        .Int("sorted", 1)
                        .Run(RunUnique));

}  // namespace parity::ref
