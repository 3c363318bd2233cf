// Graph execution for the reference evaluator: scopes, version resolution, graph/subgraph/function runs.
// Internal to reference/; the public face is parity/reference/evaluator.h.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/op_registry.h"
#include "parity/reference/evaluator.h"

namespace onnx {
class ModelProto;
class GraphProto;
class NodeProto;
class FunctionProto;
}  // namespace onnx

namespace parity::ref {

// Name -> value bindings of one graph run; lookups fall through to the enclosing scope (subgraphs see outer
// values, ONNX lexical scoping).
class Scope {
 public:
  using Bindings = std::unordered_map<std::string, Value>;
  // `constants` (a graph's initializers, owned elsewhere) are visible below this scope's own values.
  explicit Scope(const Scope* parent = nullptr, const Bindings* constants = nullptr)
      : parent_(parent), constants_(constants) {}
  const Value* Find(const std::string& name) const;
  void Set(const std::string& name, Value value) { values_[name] = std::move(value); }
  void Erase(const std::string& name) { values_.erase(name); }

 private:
  Bindings values_;
  const Scope* parent_;
  const Bindings* constants_;
};

class Interpreter {
 public:
  Interpreter(const onnx::ModelProto& model, EvaluatorOptions options);
  ~Interpreter();

  // Checks every node of the main graph and all subgraphs/functions; throws Error on the first problem.
  void Validate() const;

  // Runs `graph` with its non-initializer inputs bound to `inputs` in order (missing trailing inputs stay
  // unbound), outer values visible through `parent`. Returns the graph outputs in order.
  std::vector<Value> RunGraph(const onnx::GraphProto& graph, const std::vector<Value>& inputs, const Scope* parent);
  // Main-graph run with named feeds.
  std::map<std::string, Value> RunMain(const std::map<std::string, Value>& feeds);

  const EvaluatorOptions& options() const { return options_; }
  std::vector<Intermediate>& intermediates() { return intermediates_; }

 private:
  struct CompiledNode;
  struct CompiledGraph;

  const CompiledGraph& Compile(const onnx::GraphProto& graph, const std::map<std::string, int>& opsets) const;
  void RunNode(const CompiledNode& node, Scope& scope, bool record);
  void RunFunction(const CompiledNode& node, Scope& scope, std::vector<Value>& outputs);
  void Execute(const CompiledGraph& graph, Scope& scope, bool record);

  const onnx::ModelProto& model_;
  EvaluatorOptions options_;
  std::map<std::string, int> model_opsets_;
  std::map<std::pair<std::string, std::string>, const onnx::FunctionProto*> functions_;
  mutable std::map<const void*, std::unique_ptr<CompiledGraph>> compiled_;
  std::vector<Intermediate> intermediates_;
  int depth_ = 0;
};

}  // namespace parity::ref
