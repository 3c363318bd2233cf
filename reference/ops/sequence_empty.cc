// SequenceEmpty: an empty sequence whose element type is the `dtype` attribute (default FLOAT).
//   SequenceEmpty-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceEmpty(OpContext& ctx) {
  const DataType dtype =
      ctx.HasAttr("dtype") ? DataTypeFromOnnx(static_cast<int32_t>(ctx.GetInt("dtype"))) : DataType::kFloat;
  ctx.SetOutput(0, Value::Sequence({}, dtype));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceEmpty").Versions({11}).Attr("dtype", AttrType::kInt).Run(RunSequenceEmpty));

}  // namespace parity::ref
