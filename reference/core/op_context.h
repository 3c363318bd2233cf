// What an op kernel sees while it runs: its inputs, attributes (with declared defaults), outputs, the resolved
// op version, and a way to run subgraphs (If/Loop/Scan bodies) with outer-scope values visible.
//
// Every error a kernel raises should go through ctx.Fail(...), which prefixes the node name, op and version.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/op_registry.h"
#include "parity/reference/value.h"

namespace onnx {
class NodeProto;
class GraphProto;
class AttributeProto;
class TypeProto;
}  // namespace onnx

namespace parity::ref {

class Scope;
class Interpreter;

class OpContext {
 public:
  OpContext(const onnx::NodeProto& node, const OpDef& def, int version, std::vector<const Value*> inputs,
            Interpreter& interpreter, const Scope& scope);

  // --- Inputs. Index i refers to the node's i-th input; an omitted optional input ("" or beyond the end) is
  // reported by HasInput(i) == false.
  int NumInputs() const { return static_cast<int>(inputs_.size()); }
  bool HasInput(int i) const;
  const Tensor& Input(int i) const;        // throws when absent or not a tensor
  const Value& InputValue(int i) const;    // any kind; throws when absent
  // Inputs with index >= `first` that are present (variadic ops such as Sum, Concat).
  std::vector<const Tensor*> InputsFrom(int first) const;

  // --- Outputs.
  int NumOutputs() const;
  bool OutputRequested(int i) const;  // false when the node omits the output ("" or fewer outputs)
  void SetOutput(int i, Value value);
  std::vector<Value>& outputs() { return outputs_; }

  // --- Attributes. Getters return the node's value, else the declared default; they throw when the attribute
  // is neither set nor defaulted, or was not declared by the op (a bug in the op file).
  bool HasAttr(const std::string& name) const;
  double GetFloat(const std::string& name) const;
  int64_t GetInt(const std::string& name) const;
  std::string GetString(const std::string& name) const;
  std::vector<double> GetFloats(const std::string& name) const;
  std::vector<int64_t> GetInts(const std::string& name) const;
  std::vector<std::string> GetStrings(const std::string& name) const;
  Tensor GetTensor(const std::string& name) const;
  const onnx::GraphProto& GetGraph(const std::string& name) const;
  const onnx::TypeProto& GetTypeProto(const std::string& name) const;
  const onnx::AttributeProto* FindAttr(const std::string& name) const;

  // --- Subgraphs. Runs `graph` with its formal inputs bound to `inputs` (in order); values of the enclosing
  // scopes are visible by name. Returns the graph outputs in order.
  std::vector<Value> RunSubgraph(const onnx::GraphProto& graph, const std::vector<Value>& inputs) const;

  // --- Context.
  int version() const { return version_; }  // the resolved since_version of this op
  int threads() const;
  const std::string& node_name() const;
  const std::string& op_type() const;
  const onnx::NodeProto& node() const { return node_; }

  // Throws parity::ref::Error("node 'n' (Op-v): <message>").
  [[noreturn]] void Fail(const std::string& message) const;
  // Fail unless `condition`.
  void Check(bool condition, const std::string& message) const {
    if (!condition) Fail(message);
  }

 private:
  const AttrDef& Declared(const std::string& name) const;

  const onnx::NodeProto& node_;
  const OpDef& def_;
  int version_;
  std::vector<const Value*> inputs_;
  std::vector<Value> outputs_;
  Interpreter& interpreter_;
  const Scope& scope_;
};

}  // namespace parity::ref
