// Slice: numpy-style basic slicing data[starts:ends:steps] on the listed axes (all others kept whole).
//   Slice-1: `starts`, `ends`, optional `axes` attributes; step 1.
//   Slice-10: they become int inputs (starts, ends, axes?, steps?); steps may be negative (never 0).
//   Slice-11: negative axes documented.   Slice-13: adds bfloat16.
// Negative starts/ends count from the back; then, for step > 0 both clamp to [0, dim], for step < 0 start clamps
// to [0, dim-1] and end to [-1, dim-1] (so INT_MAX/INT_MIN mean "to the end"). Empty ranges give empty outputs.
#include <algorithm>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

struct SliceArgs {
  std::vector<int64_t> starts, ends, axes, steps;
};

SliceArgs ReadArgs(const OpContext& ctx, int64_t rank) {
  SliceArgs a;
  if (ctx.version() < 10) {
    a.starts = ctx.GetInts("starts");
    a.ends = ctx.GetInts("ends");
    if (ctx.HasAttr("axes")) a.axes = ctx.GetInts("axes");
  } else {
    a.starts = ctx.Input(1).ToInt64Vector();
    a.ends = ctx.Input(2).ToInt64Vector();
    if (ctx.HasInput(3)) a.axes = ctx.Input(3).ToInt64Vector();
    if (ctx.HasInput(4)) a.steps = ctx.Input(4).ToInt64Vector();
  }
  const size_t n = a.starts.size();
  if (a.axes.empty() && !(ctx.version() >= 10 && ctx.HasInput(3))) {
    for (size_t i = 0; i < n; ++i) a.axes.push_back(static_cast<int64_t>(i));
  }
  if (a.steps.empty() && !(ctx.version() >= 10 && ctx.HasInput(4))) a.steps.assign(n, 1);
  ctx.Check(a.ends.size() == n && a.axes.size() == n && a.steps.size() == n,
            "starts, ends, axes and steps must have the same length");
  a.axes = NormalizeAxes(a.axes, rank);
  return a;
}

// Clamped start of one axis, following the rules in the header comment.
int64_t ClampIndex(int64_t v, int64_t dim, int64_t step, bool is_end) {
  if (v < 0) v += dim;
  if (step > 0) return std::clamp<int64_t>(v, 0, dim);
  return std::clamp<int64_t>(v, is_end ? -1 : 0, dim - 1);
}

void RunSlice(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t rank = x.rank();
  const SliceArgs a = ReadArgs(ctx, rank);
  std::vector<int64_t> start(rank, 0);
  std::vector<int64_t> step(rank, 1);
  Shape out = x.shape();
  for (size_t i = 0; i < a.axes.size(); ++i) {
    const int64_t ax = a.axes[i];
    const int64_t dim = x.shape()[ax];
    ctx.Check(a.steps[i] != 0, "step on axis " + std::to_string(ax) + " is 0");
    const int64_t s = ClampIndex(a.starts[i], dim, a.steps[i], false);
    const int64_t e = ClampIndex(a.ends[i], dim, a.steps[i], true);
    const int64_t span = a.steps[i] > 0 ? e - s : s - e;
    const int64_t abs_step = a.steps[i] > 0 ? a.steps[i] : -a.steps[i];
    out[ax] = span <= 0 ? 0 : (span + abs_step - 1) / abs_step;
    start[ax] = s;
    step[ax] = a.steps[i];
  }
  const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    for (int64_t d = 0; d < rank; ++d) src[d] = start[d] + c[d] * step[d];
  });
  ctx.SetOutput(0, TakeElements(x, out, index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Slice")
                        .Versions({1, 10, 11, 13})
                        .Attr("starts", AttrType::kInts, /*required=*/true).Only(1, 9)
                        .Attr("ends", AttrType::kInts, /*required=*/true).Only(1, 9)
                        .Attr("axes", AttrType::kInts).Only(1, 9)
                        .Run(RunSlice));

}  // namespace parity::ref
