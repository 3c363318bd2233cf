// Size: the input's element count as an int64 scalar.
//   Size-1 (in force at opset 7).   Size-13: adds bfloat16.   Size-19/21/23/24/25: accept the newer element types.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSize(OpContext& ctx) { ctx.SetOutput(0, Tensor::ScalarInt(DataType::kInt64, ctx.Input(0).size())); }

}  // namespace

PARITY_REFERENCE_OP(OpDef("Size").Versions({1, 13, 19, 21, 23, 24, 25}).Run(RunSize));

}  // namespace parity::ref
