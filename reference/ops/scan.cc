// Scan: runs `body` once per position along the scan axis of the M = num_scan_inputs scan inputs, threading N
// state values through the iterations. The body takes (N states, M slices) and returns (N new states, K per-step
// outputs). Node outputs: the N final states, then the K scan outputs (the per-step outputs stacked on a scan axis).
//   Scan-8:  inputs are (sequence_lens optional, N states, M scan inputs); everything has a leading batch axis,
//            the scan axis is 1. `directions` (0 forward, 1 reverse) per scan input. Batch b scans only its first
//            sequence_lens[b] steps; its scan outputs are zero-padded to the full length.
//   Scan-9:  no batch axis, no sequence_lens. Per scan input: scan_input_axes (default 0, negative counts from
//            the back) and scan_input_directions; per scan output: scan_output_axes (default 0, in [-r-1, r] of
//            the per-step rank r) and scan_output_directions (1 = reverse: the first step's value goes last).
//   Scan-11: negative axes allowed.   Scan-16/19/21/23/24/25: more element types; no behaviour change.
// With zero steps the scan outputs are empty, shaped from the body's declared output type.
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <iterator>

#include "core/control_flow_util.h"
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

struct ScanLayout {
  std::vector<int64_t> input_axes, input_dirs, output_axes, output_dirs;
};

struct ScanResult {
  std::vector<Value> states;
  std::vector<std::vector<Tensor>> outputs;  // per scan output, per step, in output order (directions applied)
};

std::vector<int64_t> IntsOr(const OpContext& ctx, const char* name, size_t count, int64_t fill) {
  if (!ctx.HasAttr(name)) return std::vector<int64_t>(count, fill);
  std::vector<int64_t> v = ctx.GetInts(name);
  ctx.Check(v.size() == count,
            std::string(name) + " has " + std::to_string(v.size()) + " entries, expected " + std::to_string(count));
  return v;
}

// Runs `steps` iterations; scan input i is sliced along the (normalised) layout.input_axes[i].
ScanResult RunSteps(const OpContext& ctx, const onnx::GraphProto& body, std::vector<Value> states,
                    const std::vector<const Tensor*>& inputs, const ScanLayout& layout, int64_t steps,
                    int64_t full_length) {
  const size_t num_states = states.size();
  const int num_outputs = body.output_size() - static_cast<int>(num_states);
  ctx.Check(num_outputs >= 0, "body returns fewer outputs than there are states");
  ScanResult r;
  r.outputs.resize(num_outputs);
  for (int64_t t = 0; t < steps; ++t) {
    std::vector<Value> args = std::move(states);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const int64_t index = layout.input_dirs[i] ? full_length - 1 - t : t;
      args.emplace_back(TakeAlongAxis(*inputs[i], layout.input_axes[i], index));
    }
    std::vector<Value> results = ctx.RunSubgraph(body, args);
    states.assign(std::make_move_iterator(results.begin()), std::make_move_iterator(results.begin() + num_states));
    for (int k = 0; k < num_outputs; ++k) r.outputs[k].push_back(results[num_states + k].tensor("scan output"));
  }
  for (int k = 0; k < num_outputs; ++k) {
    if (layout.output_dirs[k]) std::reverse(r.outputs[k].begin(), r.outputs[k].end());
  }
  r.states = std::move(states);
  return r;
}

// The declared per-step shape and type of body output `index` (unknown dims become 0: the result is empty anyway).
Tensor EmptyStack(const onnx::GraphProto& body, int index, int64_t axis) {
  DataType dtype = DataType::kFloat;
  Shape shape;
  const auto& type = body.output(index).type();
  if (type.has_tensor_type()) {
    if (type.tensor_type().elem_type() != 0) dtype = DataTypeFromOnnx(type.tensor_type().elem_type());
    for (const auto& d : type.tensor_type().shape().dim()) shape.push_back(d.has_dim_value() ? d.dim_value() : 0);
  }
  axis = std::min<int64_t>(std::max<int64_t>(axis < 0 ? axis + static_cast<int64_t>(shape.size()) + 1 : axis, 0),
                           static_cast<int64_t>(shape.size()));
  shape.insert(shape.begin() + axis, 0);
  return Tensor(dtype, shape);
}

void RunScan9(OpContext& ctx) {
  const onnx::GraphProto& body = ctx.GetGraph("body");
  const int num_scan = static_cast<int>(ctx.GetInt("num_scan_inputs"));
  const int num_states = ctx.NumInputs() - num_scan;
  ctx.Check(num_scan >= 1 && num_states >= 0, "num_scan_inputs " + std::to_string(num_scan) + " does not fit " +
                                                  std::to_string(ctx.NumInputs()) + " inputs");
  const int num_outputs = body.output_size() - num_states;
  ScanLayout layout;
  layout.input_axes = IntsOr(ctx, "scan_input_axes", num_scan, 0);
  layout.input_dirs = IntsOr(ctx, "scan_input_directions", num_scan, 0);
  layout.output_axes = IntsOr(ctx, "scan_output_axes", num_outputs, 0);
  layout.output_dirs = IntsOr(ctx, "scan_output_directions", num_outputs, 0);
  std::vector<Value> states;
  for (int i = 0; i < num_states; ++i) states.push_back(ctx.InputValue(i));
  std::vector<const Tensor*> inputs;
  int64_t length = -1;
  for (int i = 0; i < num_scan; ++i) {
    const Tensor& t = ctx.Input(num_states + i);
    layout.input_axes[i] = NormalizeAxis(layout.input_axes[i], t.rank(), "scan_input_axes");
    const int64_t len = t.shape()[layout.input_axes[i]];
    ctx.Check(length < 0 || len == length, "scan input " + std::to_string(i) + " has " + std::to_string(len) +
                                               " steps, scan input 0 has " + std::to_string(length));
    length = len;
    inputs.push_back(&t);
  }
  ScanResult r = RunSteps(ctx, body, std::move(states), inputs, layout, length, length);
  for (int i = 0; i < num_states; ++i) ctx.SetOutput(i, std::move(r.states[i]));
  for (int k = 0; k < num_outputs; ++k) {
    if (r.outputs[k].empty()) {
      ctx.SetOutput(num_states + k, EmptyStack(body, num_states + k, layout.output_axes[k]));
      continue;
    }
    const int64_t axis = NormalizeAxis(layout.output_axes[k], r.outputs[k][0].rank() + 1, "scan_output_axes");
    ctx.SetOutput(num_states + k, StackAlongAxis(r.outputs[k], axis));
  }
}

void RunScan8(OpContext& ctx) {
  const onnx::GraphProto& body = ctx.GetGraph("body");
  const int num_scan = static_cast<int>(ctx.GetInt("num_scan_inputs"));
  const int num_states = ctx.NumInputs() - 1 - num_scan;
  ctx.Check(num_scan >= 1 && num_states >= 0, "num_scan_inputs " + std::to_string(num_scan) + " does not fit " +
                                                  std::to_string(ctx.NumInputs()) + " inputs");
  const int num_outputs = body.output_size() - num_states;
  ScanLayout layout;
  layout.input_axes.assign(num_scan, 0);  // after taking the batch row, the scan axis is 0
  layout.input_dirs = IntsOr(ctx, "directions", num_scan, 0);
  layout.output_axes.assign(num_outputs, 0);
  layout.output_dirs.assign(num_outputs, 0);
  const Tensor& first = ctx.Input(1 + num_states);
  ctx.Check(first.rank() >= 2, "Scan-8 scan inputs need [batch, sequence, ...] shapes");
  const int64_t batch = first.shape()[0];
  const int64_t max_len = first.shape()[1];
  std::vector<int64_t> lens(batch, max_len);
  if (ctx.HasInput(0)) {
    lens = ctx.Input(0).ToInt64Vector();
    ctx.Check(static_cast<int64_t>(lens.size()) == batch, "sequence_lens must have one entry per batch row");
  }
  std::vector<std::vector<Tensor>> final_states(num_states), outputs(num_outputs);
  for (int64_t b = 0; b < batch; ++b) {
    ctx.Check(lens[b] >= 0 && lens[b] <= max_len, "sequence_lens[" + std::to_string(b) + "] is out of range");
    std::vector<Value> states;
    for (int i = 0; i < num_states; ++i) states.emplace_back(TakeAlongAxis(ctx.Input(1 + i), 0, b));
    std::vector<Tensor> rows;
    for (int i = 0; i < num_scan; ++i) {
      const Tensor& t = ctx.Input(1 + num_states + i);
      ctx.Check(t.rank() >= 2 && t.shape()[0] == batch && t.shape()[1] == max_len,
                "scan input " + std::to_string(i) + " must be [batch, sequence, ...] like scan input 0");
      // A reverse scan of a shortened row starts at its last valid step, so keep only the valid prefix.
      rows.push_back(SliceAlongAxis(TakeAlongAxis(t, 0, b), 0, 0, lens[b]));
    }
    std::vector<const Tensor*> inputs;
    for (const Tensor& r : rows) inputs.push_back(&r);
    ScanResult r = RunSteps(ctx, body, std::move(states), inputs, layout, lens[b], lens[b]);
    for (int i = 0; i < num_states; ++i) final_states[i].push_back(r.states[i].tensor("state"));
    for (int k = 0; k < num_outputs; ++k) {
      ctx.Check(!r.outputs[k].empty(), "Scan-8 with a zero-length sequence cannot shape its outputs");
      Tensor stacked = StackAlongAxis(r.outputs[k], 0);
      if (lens[b] < max_len) {
        Shape pad_shape = stacked.shape();
        pad_shape[0] = max_len - lens[b];
        stacked = ConcatAlongAxis({stacked, Tensor(stacked.dtype(), pad_shape)}, 0);
      }
      outputs[k].push_back(std::move(stacked));
    }
  }
  for (int i = 0; i < num_states; ++i) ctx.SetOutput(i, StackAlongAxis(final_states[i], 0));
  for (int k = 0; k < num_outputs; ++k) ctx.SetOutput(num_states + k, StackAlongAxis(outputs[k], 0));
}

void RunScan(OpContext& ctx) {
  if (ctx.version() == 8) {
    RunScan8(ctx);
  } else {
    RunScan9(ctx);
  }
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Scan")
                        .Versions({8, 9, 11, 16, 19, 21, 23, 24, 25})
                        .Attr("body", AttrType::kGraph, /*required=*/true)
                        .Attr("num_scan_inputs", AttrType::kInt, /*required=*/true)
                        .Attr("directions", AttrType::kInts)
                        .Only(8, 8)
                        .Attr("scan_input_axes", AttrType::kInts)
                        .Only(9)
                        .Attr("scan_input_directions", AttrType::kInts)
                        .Only(9)
                        .Attr("scan_output_axes", AttrType::kInts)
                        .Only(9)
                        .Attr("scan_output_directions", AttrType::kInts)
                        .Only(9)
                        .Run(RunScan));

}  // namespace parity::ref
