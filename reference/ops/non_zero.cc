// NonZero: coordinates of the non-zero elements (row-major order) as int64 [rank, count], like numpy.nonzero.
//   NonZero-9.   NonZero-13: adds bfloat16. Strings count as non-zero when non-empty; NaN is non-zero.
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunNonZero(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  std::vector<bool> nonzero(static_cast<size_t>(x.size()));
  VisitStorage(x, [&](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    for (size_t i = 0; i < v.size(); ++i) {
      if constexpr (std::is_same_v<T, std::string>) {
        nonzero[i] = !v[i].empty();
      } else {
        nonzero[i] = v[i] != T{0};
      }
    }
  });
  const int64_t rank = x.rank();
  std::vector<std::vector<int64_t>> coords(rank);
  int64_t count = 0;
  ForEachCoord(x.shape(), [&](int64_t i, const std::vector<int64_t>& c) {
    if (!nonzero[i]) return;
    ++count;
    for (int64_t d = 0; d < rank; ++d) coords[d].push_back(c[d]);
  });
  std::vector<int64_t> flat;
  for (const auto& row : coords) flat.insert(flat.end(), row.begin(), row.end());
  ctx.SetOutput(0, Tensor(DataType::kInt64, {rank, count}, std::move(flat)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("NonZero").Versions({9, 13}).Run(RunNonZero));

}  // namespace parity::ref
