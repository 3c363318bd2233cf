// ONNX ModelProto -> Graph, and shape inference over a Graph using the kernel factories.
#pragma once

#include <onnx/onnx_pb.h>

#include "ir/graph.h"
#include "kernels/kernel.h"
#include "parity/runtime/options.h"

namespace parity::rt {

// Internal attribute the import adds to every node: the ONNX dtype each input is declared with (graph inputs,
// initializers, value_info, graph outputs, outputs of Constant and Cast), 0 where the model does not say. Kernels
// only see storage dtypes, which do not tell float16 from float or int8 from int32 (CastLike's target type,
// a quantized zero point's type).
constexpr char kInputDtypesAttr[] = "parity.input_dtypes";
// Declared ONNX dtype of node input i; 0 if unknown (nodes created by passes, undeclared intermediates).
int DeclaredInputDtype(const Node& node, int i);

// TensorProto -> constant in storage dtype. Throws CompileError naming `what` for unsupported data.
ConstPtr ConstFromTensorProto(const onnx::TensorProto& t, const std::string& what);

// Imports the main graph: initializers (also those listed as inputs) become constants, Constant nodes are
// turned into constants, symbolic input dims are resolved from options (batch for dim 0, dims map otherwise).
Graph ImportModel(const onnx::ModelProto& model, const CompileOptions& options);

// Imports a subgraph of an If/Loop node; names it reads but does not define become `outer` values.
std::shared_ptr<Graph> ImportSubgraph(const onnx::GraphProto& g, int opset, const CompileOptions& options);

struct InferResult {
  bool dynamic = false;     // some value's shape depends on run-time data or control flow
  std::string dynamic_why;  // first reason, for stats/logs
  int folded = 0;           // nodes evaluated at compile time
};

// Propagates dtypes/dims through the live nodes in order (graph must be topologically sorted). When
// fold_shape_math is set, nodes computing integer/bool tensors from constants (and Shape/Size of known dims)
// are evaluated and replaced by constants. Throws CompileError naming the node for shape errors.
InferResult InferShapes(Graph& g, const CompileOptions& options, bool fold_shape_math);

// Replaces each If whose condition is a constant by the nodes of the branch it takes (plus an Identity per If
// output, keeping the output names). Branches that would redefine a name of g are left alone. Returns how many
// were inlined.
int InlineConstantIfs(Graph& g);
// InferShapes with folding, inlining the Ifs whose conditions fold to constants until none is left: a graph
// whose control flow only tests static shapes comes out static.
InferResult InferShapesInliningIfs(Graph& g, const CompileOptions& options);

// Creates the kernel for node with the given inputs (throws CompileError if the op/opset has no kernel).
// data_used (optional) receives which inputs' values the kernel depends on beyond their dims.
std::unique_ptr<Kernel> CreateKernel(const Node& node, int opset, const std::vector<TensorDesc>& inputs,
                                     const CompileOptions& options, std::vector<TensorDesc>* outputs,
                                     std::vector<bool>* data_used = nullptr);

// Runs a prepared kernel on fully known inputs into freshly allocated outputs of the given descs.
std::vector<ConstPtr> RunPrepared(Kernel& k, const std::vector<TensorDesc>& inputs, const std::vector<TensorDesc>& outs,
                                  ThreadPool* pool);

// Runs node on fully known inputs and returns freshly allocated outputs (compile-time folding, dynamic path).
std::vector<ConstPtr> EvaluateNode(const Node& node, int opset, const std::vector<TensorDesc>& inputs,
                                   const CompileOptions& options, ThreadPool* pool = nullptr);
// Checks that every node (recursively into subgraphs) has a kernel; throws CompileError naming the first that
// has none.
void CheckOpsSupported(const Graph& g, const CompileOptions& options);

// Descs of node's inputs as currently recorded in g.
std::vector<TensorDesc> InputDescs(const Graph& g, const Node& node);

}  // namespace parity::rt
