// If: runs then_branch when the single-element bool `cond` is true, else else_branch; the node's outputs are the
// branch's outputs, in order. Branches take no inputs and read outer-scope values by name. Outputs may be
// tensors, sequences or optionals (an empty optional stays empty).
//   If-1:  tensor outputs, both branches must produce the same number of outputs.
//   If-11: branch output shapes may differ.   If-13: sequence outputs.   If-16: optional outputs.
//   If-19/21/23/24/25: more element types (float8, int4, float4, 2-bit ...); no behaviour change.
#include <onnx/onnx_pb.h>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunIf(OpContext& ctx) {
  const Tensor& cond = ctx.Input(0);
  ctx.Check(cond.size() == 1, "cond must hold exactly one element, got shape " + ShapeToString(cond.shape()));
  ctx.Check(cond.dtype() == DataType::kBool, "cond must be bool, got " + DataTypeName(cond.dtype()));
  const bool take_then = cond.AsInt64(0) != 0;
  const char* branch_name = take_then ? "then_branch" : "else_branch";
  const onnx::GraphProto& branch = ctx.GetGraph(branch_name);
  std::vector<Value> results = ctx.RunSubgraph(branch, {});
  ctx.Check(static_cast<int>(results.size()) >= ctx.NumOutputs(),
            std::string(branch_name) + " produces " + std::to_string(results.size()) + " outputs, the node has " +
                std::to_string(ctx.NumOutputs()));
  for (int i = 0; i < static_cast<int>(results.size()); ++i) ctx.SetOutput(i, std::move(results[i]));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("If")
                        .Versions({1, 11, 13, 16, 19, 21, 23, 24, 25})
                        .Attr("then_branch", AttrType::kGraph, /*required=*/true)
                        .Attr("else_branch", AttrType::kGraph, /*required=*/true)
                        .Run(RunIf));

}  // namespace parity::ref
