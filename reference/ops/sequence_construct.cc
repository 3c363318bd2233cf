// SequenceConstruct: builds a sequence from its (one or more) tensor inputs, in input order. All inputs must share
// one element type, which becomes the sequence's element type.
//   SequenceConstruct-11: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunSequenceConstruct(OpContext& ctx) {
  std::vector<Tensor> elements;
  for (int i = 0; i < ctx.NumInputs(); ++i) {
    const Tensor& t = ctx.Input(i);
    if (!elements.empty() && t.dtype() != elements[0].dtype()) {
      ctx.Fail("input " + std::to_string(i) + " is " + DataTypeName(t.dtype()) + " but input 0 is " +
               DataTypeName(elements[0].dtype()) + "; a sequence holds one element type");
    }
    elements.push_back(t);
  }
  ctx.Check(!elements.empty(), "needs at least one input");
  const DataType dtype = elements[0].dtype();
  ctx.SetOutput(0, Value::Sequence(std::move(elements), dtype));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("SequenceConstruct").Versions({11}).Run(RunSequenceConstruct));

}  // namespace parity::ref
