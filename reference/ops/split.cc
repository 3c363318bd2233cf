// Split: cuts the input along `axis` into consecutive parts, one per output.
//   Split-2: part sizes from the `split` attribute, else equal parts (the dimension must divide evenly).
//   Split-11: negative axis.   Split-13: `split` becomes an optional int64 input; adds bfloat16.
//   Split-18: `num_outputs` attribute: parts of ceil(dim / num_outputs), the last one smaller when uneven.
// Part sizes must sum to the dimension; zero-size parts are allowed.
#include <algorithm>
#include <numeric>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

std::vector<int64_t> PartSizes(const OpContext& ctx, int64_t dim) {
  std::vector<int64_t> sizes;
  if (ctx.version() >= 13 && ctx.HasInput(1)) {
    sizes = ctx.Input(1).ToInt64Vector();
  } else if (ctx.version() < 13 && ctx.HasAttr("split")) {
    sizes = ctx.GetInts("split");
  } else if (ctx.version() >= 18 && ctx.HasAttr("num_outputs")) {
    const int64_t n = ctx.GetInt("num_outputs");
    ctx.Check(n >= 1 && n == ctx.NumOutputs(), "num_outputs " + std::to_string(n) + " does not match the " +
                                                   std::to_string(ctx.NumOutputs()) + " outputs");
    const int64_t chunk = (dim + n - 1) / n;
    for (int64_t i = 0; i < n; ++i) sizes.push_back(std::max<int64_t>(0, std::min(chunk, dim - i * chunk)));
  } else {
    const int64_t n = ctx.NumOutputs();
    ctx.Check(n >= 1 && dim % n == 0,
              "dimension " + std::to_string(dim) + " does not split evenly into " + std::to_string(n) + " parts");
    sizes.assign(n, dim / n);
  }
  ctx.Check(static_cast<int64_t>(sizes.size()) == ctx.NumOutputs(),
            "split lists " + std::to_string(sizes.size()) + " parts for " + std::to_string(ctx.NumOutputs()) +
                " outputs");
  for (int64_t s : sizes) ctx.Check(s >= 0, "split has a negative part size");
  ctx.Check(std::accumulate(sizes.begin(), sizes.end(), int64_t{0}) == dim,
            "split sizes do not sum to the dimension " + std::to_string(dim));
  return sizes;
}

void RunSplit(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), x.rank());
  const std::vector<int64_t> sizes = PartSizes(ctx, x.shape()[axis]);
  int64_t begin = 0;
  for (size_t k = 0; k < sizes.size(); ++k) {
    Shape out = x.shape();
    out[axis] = sizes[k];
    const auto index = SourceIndices(out, x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
      src = c;
      src[axis] += begin;
    });
    if (ctx.OutputRequested(static_cast<int>(k))) ctx.SetOutput(static_cast<int>(k), TakeElements(x, out, index));
    begin += sizes[k];
  }
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Split")
                        .Versions({2, 11, 13, 18})
                        .Int("axis", 0)
                        .Attr("split", AttrType::kInts).Only(2, 12)
                        .Attr("num_outputs", AttrType::kInt).Only(18)
                        .Run(RunSplit));

}  // namespace parity::ref
