// ReverseSequence: for every batch entry b, reverses the first sequence_lens[b] elements along `time_axis` and
// copies the rest unchanged. time_axis and batch_axis are 0 and 1 (either way round); sequence_lens is int64
// [batch], each in [0, max_time] (0 and 1 leave the entry unchanged).
//   ReverseSequence-10.
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunReverseSequence(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const std::vector<int64_t> lens = ctx.Input(1).ToInt64Vector();
  const int64_t time_axis = ctx.GetInt("time_axis");
  const int64_t batch_axis = ctx.GetInt("batch_axis");
  ctx.Check(x.rank() >= 2, "input must have rank >= 2");
  ctx.Check((time_axis == 0 && batch_axis == 1) || (time_axis == 1 && batch_axis == 0),
            "time_axis and batch_axis must be 0 and 1");
  const int64_t max_time = x.shape()[time_axis];
  ctx.Check(static_cast<int64_t>(lens.size()) == x.shape()[batch_axis], "sequence_lens must have one entry per batch");
  for (int64_t len : lens) {
    ctx.Check(len >= 0 && len <= max_time, "sequence length " + std::to_string(len) + " is out of range");
  }
  const auto index = SourceIndices(x.shape(), x.shape(), [&](const std::vector<int64_t>& c, std::vector<int64_t>& src) {
    src = c;
    const int64_t len = lens[c[batch_axis]];
    if (c[time_axis] < len) src[time_axis] = len - 1 - c[time_axis];
  });
  ctx.SetOutput(0, TakeElements(x, x.shape(), index));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ReverseSequence")
                        .Versions({10})
                        .Int("batch_axis", 1)
                        .Int("time_axis", 0)
                        .Run(RunReverseSequence));

}  // namespace parity::ref
