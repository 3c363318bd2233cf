// SplitToSequence: splits `input` along `axis` (negative counts from the back) into a sequence of tensors.
//   split absent:     chunks of length 1; keepdims = 0 removes the split axis from every chunk (default 1 keeps it).
//   split scalar s:   chunks of length s, the last one shorter when dim % s != 0 (keepdims ignored).
//   split 1-D [n]:    n chunks with the given lengths, which must sum to the axis dim (keepdims ignored).
// A scalar split must be positive; 1-D lengths must be >= 0.
//   SplitToSequence-11: original.   SplitToSequence-24: more element types (no behaviour change).
#include <algorithm>

#include "core/control_flow_util.h"
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// Chunk lengths along an axis of size `dim`.
std::vector<int64_t> ChunkLengths(const OpContext& ctx, int64_t dim) {
  std::vector<int64_t> lengths;
  if (!ctx.HasInput(1)) {
    lengths.assign(dim, 1);
    return lengths;
  }
  const Tensor& split = ctx.Input(1);
  ctx.Check(split.dtype() == DataType::kInt32 || split.dtype() == DataType::kInt64,
            "split must be int32 or int64, got " + DataTypeName(split.dtype()));
  ctx.Check(split.rank() <= 1, "split must be a scalar or 1-D, got shape " + ShapeToString(split.shape()));
  if (split.rank() == 0) {
    const int64_t s = split.AsInt64(0);
    ctx.Check(s > 0, "scalar split must be positive, got " + std::to_string(s));
    for (int64_t start = 0; start < dim; start += s) lengths.push_back(std::min(s, dim - start));
    return lengths;
  }
  int64_t sum = 0;
  for (int64_t s : split.ToInt64Vector()) {
    ctx.Check(s >= 0, "split lengths must not be negative, got " + std::to_string(s));
    lengths.push_back(s);
    sum += s;
  }
  ctx.Check(sum == dim, "split lengths sum to " + std::to_string(sum) + " but the axis has " + std::to_string(dim));
  return lengths;
}

void RunSplitToSequence(OpContext& ctx) {
  const Tensor& input = ctx.Input(0);
  ctx.Check(input.rank() >= 1, "input must have rank >= 1");
  const int64_t axis = NormalizeAxis(ctx.GetInt("axis"), input.rank());
  const bool squeeze = !ctx.HasInput(1) && ctx.GetInt("keepdims") == 0;
  std::vector<Tensor> parts;
  int64_t start = 0;
  for (int64_t len : ChunkLengths(ctx, input.shape()[axis])) {
    parts.push_back(squeeze ? TakeAlongAxis(input, axis, start) : SliceAlongAxis(input, axis, start, len));
    start += len;
  }
  ctx.SetOutput(0, Value::Sequence(std::move(parts), input.dtype()));
}

}  // namespace

PARITY_REFERENCE_OP(
    OpDef("SplitToSequence").Versions({11, 24}).Int("axis", 0).Int("keepdims", 1).Run(RunSplitToSequence));

}  // namespace parity::ref
