// Loop: generic looping. Inputs: M (optional int64 trip count), cond (optional bool), then N loop-carried initial
// values v_initial. The body graph takes (iteration_num: int64 scalar, cond: bool, N carried values) and returns
// (cond, N carried values, K scan outputs). Iterations run while (M absent or i < M) and (cond absent or the
// current cond is true); when the cond input is omitted the body's cond output is ignored (a pure for-loop).
// Outputs: the N final carried values, then the K scan outputs, each the per-iteration values stacked along a new
// axis 0. With zero iterations a scan output is empty, shaped [0, declared dims...] from the body's output type.
//   Loop-1:  tensors only.   Loop-11: M/cond may be omitted consistently, scan output shapes may vary.
//   Loop-13: carried values may be sequences.   Loop-16: and optionals.
//   Loop-19/21/23/24/25: more element types; no behaviour change.
#include <onnx/onnx_pb.h>

#include <algorithm>

#include "core/control_flow_util.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// The empty scan output of a loop that ran zero times, typed from the body's declared output.
Tensor EmptyScanOutput(const onnx::ValueInfoProto& declared) {
  DataType dtype = DataType::kFloat;
  Shape shape = {0};
  if (declared.type().has_tensor_type()) {
    const auto& tt = declared.type().tensor_type();
    if (tt.elem_type() != 0) dtype = DataTypeFromOnnx(tt.elem_type());
    if (tt.has_shape()) {
      for (const auto& d : tt.shape().dim()) shape.push_back(d.has_dim_value() ? d.dim_value() : 0);
    }
  }
  return Tensor(dtype, shape);
}

bool ReadCond(const OpContext& ctx, const Value& v, const char* what) {
  const Tensor& t = v.tensor(what);
  ctx.Check(
      t.size() == 1 && t.dtype() == DataType::kBool,
      std::string(what) + " must be a single bool, got " + DataTypeName(t.dtype()) + " " + ShapeToString(t.shape()));
  return t.AsInt64(0) != 0;
}

void RunLoop(OpContext& ctx) {
  const onnx::GraphProto& body = ctx.GetGraph("body");
  const int num_carried = std::max(0, ctx.NumInputs() - 2);
  const int num_scan = body.output_size() - 1 - num_carried;
  ctx.Check(body.input_size() == 2 + num_carried, "body takes " + std::to_string(body.input_size()) +
                                                      " inputs, expected 2 + " + std::to_string(num_carried) +
                                                      " loop-carried values");
  ctx.Check(num_scan >= 0, "body returns " + std::to_string(body.output_size()) + " outputs, expected at least 1 + " +
                               std::to_string(num_carried));
  int64_t trip_count = -1;  // -1: no trip count
  if (ctx.HasInput(0)) {
    const Tensor& m = ctx.Input(0);
    ctx.Check(m.size() == 1, "M must be a scalar, got shape " + ShapeToString(m.shape()));
    trip_count = m.AsInt64(0);
  }
  const bool has_cond = ctx.HasInput(1);
  bool keep_going = has_cond ? ReadCond(ctx, ctx.InputValue(1), "cond input") : true;
  ctx.Check(trip_count >= 0 || has_cond, "with neither M nor cond the loop would never end");
  std::vector<Value> carried;
  for (int i = 0; i < num_carried; ++i) {
    ctx.Check(ctx.HasInput(2 + i), "loop-carried initial value " + std::to_string(i) + " is missing");
    carried.push_back(ctx.InputValue(2 + i));
  }
  std::vector<std::vector<Tensor>> scans(num_scan);
  for (int64_t i = 0; (trip_count < 0 || i < trip_count) && keep_going; ++i) {
    std::vector<Value> args;
    args.reserve(2 + num_carried);
    args.emplace_back(Tensor::ScalarInt(DataType::kInt64, i));
    args.emplace_back(Tensor::ScalarInt(DataType::kBool, keep_going ? 1 : 0));
    for (Value& v : carried) args.push_back(std::move(v));
    std::vector<Value> results = ctx.RunSubgraph(body, args);
    if (has_cond) keep_going = ReadCond(ctx, results[0], "body cond output");
    for (int k = 0; k < num_carried; ++k) carried[k] = std::move(results[1 + k]);
    for (int k = 0; k < num_scan; ++k) {
      scans[k].push_back(results[1 + num_carried + k].tensor("scan output"));
    }
  }
  for (int k = 0; k < num_carried; ++k) ctx.SetOutput(k, std::move(carried[k]));
  for (int k = 0; k < num_scan; ++k) {
    const int out = num_carried + k;
    if (scans[k].empty()) {
      ctx.SetOutput(out, EmptyScanOutput(body.output(1 + num_carried + k)));
    } else {
      ctx.SetOutput(out, StackAlongAxis(scans[k], 0));
    }
  }
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Loop")
                        .Versions({1, 11, 13, 16, 19, 21, 23, 24, 25})
                        .Attr("body", AttrType::kGraph, /*required=*/true)
                        .Run(RunLoop));

}  // namespace parity::ref
