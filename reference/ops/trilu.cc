// Trilu: keeps the upper (upper = 1) or lower (upper = 0) triangle of each matrix formed by the last two dims of
// the input and zeroes the rest (empty strings for STRING). With row i and column j an element is kept when
// j - i >= k (upper) or j - i <= k (lower).
//   upper (int, default 1).   k: optional input 1, an INT64 scalar (0-D or one element), default 0; positive k
//   moves the diagonal up/right, negative down/left.
//   Trilu-14: every type.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunTrilu(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() >= 2, "input must have rank >= 2, got shape " + ShapeToString(x.shape()));
  int64_t k = 0;
  if (ctx.HasInput(1)) {
    const Tensor& kt = ctx.Input(1);
    ctx.Check(kt.dtype() == DataType::kInt64 && kt.size() == 1, "k must be an INT64 scalar");
    k = kt.AsInt64(0);
  }
  const bool upper = ctx.GetInt("upper") != 0;
  const int64_t rows = x.dim(-2);
  const int64_t cols = x.dim(-1);
  Tensor out = x;
  VisitStorage(out, [&](auto& ov) {
    using T = typename std::decay_t<decltype(ov)>::value_type;
    for (int64_t at = 0; at < static_cast<int64_t>(ov.size()); ++at) {
      const int64_t j = at % cols;
      const int64_t i = (at / cols) % rows;
      const bool keep = upper ? j - i >= k : j - i <= k;
      if (!keep) ov[at] = T{};
    }
  });
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Trilu").Versions({14}).Int("upper", 1).Run(RunTrilu));

}  // namespace parity::ref
