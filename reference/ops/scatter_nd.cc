// ScatterND: output = copy of data; indices' last dimension (length k) addresses data's first k dimensions, and
// each index tuple receives the matching slice of updates (shape indices.shape[:-1] + data.shape[k:]):
//   output[indices[i..]] = reduce(output[indices[i..]], updates[i..]).
//   ScatterND-11: replace only.   ScatterND-13: adds bfloat16.   ScatterND-16: `reduction` none/add/mul.
//   ScatterND-18: adds max/min.
// Negative index values count from the back. Tuples are applied in order, so repeated tuples combine in order.
#include <string>

#include "core/movement_scatter.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunScatterND(OpContext& ctx) {
  const Tensor& data = ctx.Input(0);
  const Tensor& indices = ctx.Input(1);
  const Tensor& updates = ctx.Input(2);
  const int64_t r = data.rank();
  const int64_t q = indices.rank();
  ctx.Check(q >= 1, "indices must have rank >= 1");
  const int64_t k = indices.shape()[q - 1];
  ctx.Check(k >= 0 && k <= r, "indices' last dimension " + std::to_string(k) + " exceeds data's rank");
  Shape expected(indices.shape().begin(), indices.shape().end() - 1);
  expected.insert(expected.end(), data.shape().begin() + k, data.shape().end());
  ctx.Check(updates.shape() == expected,
            "updates shape " + ShapeToString(updates.shape()) + " should be " + ShapeToString(expected));
  const std::string reduction = ctx.version() >= 16 ? ctx.GetString("reduction") : "none";
  ctx.Check(ctx.version() >= 18 || (reduction != "max" && reduction != "min"),
            "reduction '" + reduction + "' needs version 18");
  int64_t slice = 1;
  for (int64_t d = k; d < r; ++d) slice *= data.shape()[d];
  const std::vector<int64_t> idx = indices.ToInt64Vector();
  const int64_t tuples = ElementCount(Shape(indices.shape().begin(), indices.shape().end() - 1));
  std::vector<int64_t> target;
  target.reserve(updates.size());
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t base = 0;
    for (int64_t j = 0; j < k; ++j) {
      const int64_t dim = data.shape()[j];
      int64_t v = idx[t * k + j];
      if (v < -dim || v >= dim) {
        ctx.Fail("index " + std::to_string(v) + " is out of range for dimension " + std::to_string(dim));
      }
      base = base * dim + (v < 0 ? v + dim : v);
    }
    for (int64_t e = 0; e < slice; ++e) target.push_back(base * slice + e);
  }
  ctx.SetOutput(0, ScatterInto(data, updates, target, reduction));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ScatterND")
                        .Versions({11, 13, 16, 18})
                        .String("reduction", "none").Only(16)
                        .Run(RunScatterND));

}  // namespace parity::ref
