// Public API of the parity optimized CPU runtime.
//
//   parity::rt::CompileOptions opt;  opt.threads = 2;
//   auto exe = parity::rt::Compile(model_proto, opt);           // throws CompileError
//   std::vector<parity::rt::HostTensor> out = exe->Run(inputs);  // inputs in exe->inputs() order
//
// Thread-safety: an Executable is not reentrant; call Run from one thread at a time (it owns one arena and one
// worker pool). For concurrent throughput create several Executables (CompileOptions::instances is the hint the
// harness uses for how many). Distinct Executables share nothing mutable.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "parity/runtime/options.h"

namespace onnx {
class ModelProto;
}

namespace parity::rt {

// Compile failure. what() names the node, op and option involved, e.g.
// "node 'conv1' (Conv): kernel_shape rank 3 is not supported [layout=nchw]".
class CompileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Run-time failure (wrong input count/dtype/shape, error inside a control-flow subgraph).
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exchange tensor: ONNX dtype number (1 = float, 7 = int64, 10 = float16, 9 = bool...), dims, raw bytes in
// row-major order (little endian, as in TensorProto raw_data).
struct HostTensor {
  int dtype = 1;
  std::vector<int64_t> dims;
  std::vector<uint8_t> bytes;

  int64_t NumElements() const;
  static HostTensor FromFloats(std::vector<int64_t> dims, const std::vector<float>& values);
  static HostTensor FromInt64s(std::vector<int64_t> dims, const std::vector<int64_t>& values);
  // Converts float/float16/double data to float (throws RunError for other dtypes).
  std::vector<float> ToFloats() const;
};

struct TensorInfo {
  std::string name;
  int dtype = 1;              // ONNX dtype of the graph I/O (float16 I/O stays float16)
  std::vector<int64_t> dims;  // static dims after symbolic resolution; empty for outputs of dynamic graphs
                              // (control flow / data-dependent shapes), whose dims are known only after Run
};

// One kernel of the compiled plan and the ONNX nodes it covers (a fused Conv+BN+Relu lists three).
struct FusedNodeInfo {
  std::string name;  // kernel name (name of the first covered ONNX node, or a generated one)
  std::string op;    // runtime op, e.g. "Conv" with epilogue "Conv+Relu"
  std::vector<std::string> onnx_nodes;
  std::vector<std::string> outputs;  // ONNX value names the kernel produces
};

struct OpCount {
  std::string op;
  int before = 0;  // in the imported ONNX graph (top level)
  int after = 0;   // in the compiled plan
};

struct NodeStats {
  std::string name;
  std::string op;
  double flops = 0;       // 2 * MACs for conv/gemm, one per element for elementwise
  std::string algorithm;  // implementation chosen where the op has several (e.g. "winograd-f4x4"), or empty
  // The node may divide its work among the threads; false when its kernel runs on the calling thread alone (small
  // nodes, where how small depends on whether their inputs were written by one thread or spread over several).
  bool splits = false;
};

struct CompileStats {
  std::vector<OpCount> op_counts;
  std::vector<NodeStats> nodes;
  std::vector<std::string> passes_run;  // "name: N changes"
  size_t arena_bytes = 0;
  size_t weight_bytes = 0;
  double total_flops = 0;
  double compile_ms = 0;
  // Graph runs on the interpreter path (control flow or data-dependent shapes): kernels are created on first
  // use and cached per input shape, passes are not applied to the outer graph, and attribute errors of nodes
  // inside control-flow bodies surface as RunError at the first Run that reaches them. (An If whose condition
  // folds to a constant at compile time is replaced by its branch and does not make the graph dynamic.)
  bool dynamic = false;
  // Options that could not apply to this model and changed nothing (e.g. layout=nchwc without convolutions).
  std::vector<std::string> notes;

  // onnx-simplifier-style table: op | before | after, then arena/weights/FLOPs lines and the notes.
  std::string ToTable() const;
};

class Executable {
 public:
  class Impl;
  explicit Executable(std::unique_ptr<Impl> impl);
  ~Executable();
  Executable(const Executable&) = delete;
  Executable& operator=(const Executable&) = delete;

  const std::vector<TensorInfo>& inputs() const;
  const std::vector<TensorInfo>& outputs() const;
  // Inputs in inputs() order (dtype and dims must match; float inputs also accept float16/double data).
  // Throws RunError.
  std::vector<HostTensor> Run(const std::vector<HostTensor>& inputs);

  // With keep_intermediates: ONNX names of the values kept (those surviving fusion) and their contents after
  // the last Run. Intermediate() throws RunError for unknown names or when intermediates were not kept.
  std::vector<std::string> IntermediateNames() const;
  HostTensor Intermediate(const std::string& onnx_name) const;
  // Every kernel of the plan and which ONNX nodes it covers (always available).
  const std::vector<FusedNodeInfo>& FusedNodes() const;

  const CompileStats& stats() const;
  const CompileOptions& options() const;
  // On the interpreter path: how many If branches and Loop bodies run as static, fused plans so far. A body is
  // compiled at the first Run that reaches it, once per combination of the dims it reads (at most 4; beyond
  // that, and when its shapes depend on data, it is interpreted node by node).
  int CompiledBodies() const;

 private:
  std::unique_ptr<Impl> impl_;
};

// Imports, optimizes and plans the model. External data must already be inlined. Throws CompileError
// (options are validated first; OptionsError is reported as CompileError too).
std::unique_ptr<Executable> Compile(const onnx::ModelProto& model, const CompileOptions& options);

}  // namespace parity::rt
