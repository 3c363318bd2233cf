// The double-precision ONNX evaluator: parity's source of truth.
//
// Contract
// - Construction checks the whole model up front: every node's (domain, op, version) must resolve to an
//   implemented op version, and its attributes must be known to that version. Failures throw
//   parity::ref::Error naming the node, op, domain, model opset and the versions that exist.
// - External data must already be inlined into the ModelProto (the harness's loader does that and checks paths).
// - Run() takes feeds by graph-input name. Missing inputs, wrong dtypes and ranks/dims that contradict the
//   model's declared static shape are errors naming the input. Run() is not re-entrant: call it from one thread
//   at a time per Evaluator; separate Evaluators are independent.
// - Floating values are computed in double; see tensor.h for how values are held.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parity/reference/value.h"

namespace onnx {
class ModelProto;
}

namespace parity::ref {

struct EvaluatorOptions {
  // Keep every intermediate value (in execution order) for layer-wise comparison. Costs memory.
  bool keep_intermediates = false;
  // Threads for the heavy kernels (Conv, Gemm, MatMul); 0 means all hardware threads.
  int threads = 0;
};

// Declared type of a graph input or output. Unknown dims are -1 with their symbolic name in `dim_names`.
struct ValueInfo {
  std::string name;
  DataType dtype = DataType::kUndefined;
  bool is_tensor = true;       // false for sequence/optional types
  bool has_shape = false;      // false when the model declares no shape at all
  std::vector<int64_t> dims;
  std::vector<std::string> dim_names;
};

// One value produced while running, in execution order (only with keep_intermediates).
struct Intermediate {
  std::string name;       // the ONNX value name
  std::string node_name;  // the node that produced it
  std::string op_type;
  Value value;
};

class Evaluator {
 public:
  explicit Evaluator(const onnx::ModelProto& model, EvaluatorOptions options = {});
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Graph inputs that the caller must feed (initializers listed as inputs are excluded; they may be overridden
  // by feeding them anyway).
  const std::vector<ValueInfo>& inputs() const;
  const std::vector<ValueInfo>& outputs() const;

  std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds);

  // Values of the last Run() (empty unless options.keep_intermediates).
  const std::vector<Intermediate>& intermediates() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Every op the interpreter implements, for support listings: (domain, op type) -> versions.
struct OpSupport {
  std::string domain;
  std::string op_type;
  std::vector<int> versions;
};
std::vector<OpSupport> SupportedOps();

}  // namespace parity::ref
