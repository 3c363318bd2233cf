#include "core/op_context.h"

#include <onnx/onnx_pb.h>

#include "core/interpreter.h"
#include "core/tensor_proto.h"
#include "parity/reference/error.h"

namespace parity::ref {

OpContext::OpContext(const onnx::NodeProto& node, const OpDef& def, int version, std::vector<const Value*> inputs,
                     Interpreter& interpreter, const Scope& scope)
    : node_(node),
      def_(def),
      version_(version),
      inputs_(std::move(inputs)),
      outputs_(node.output_size()),
      interpreter_(interpreter),
      scope_(scope) {}

bool OpContext::HasInput(int i) const { return i >= 0 && i < NumInputs() && inputs_[i] != nullptr; }

const Value& OpContext::InputValue(int i) const {
  if (!HasInput(i)) Fail("input " + std::to_string(i) + " is required but was not given");
  return *inputs_[i];
}

const Tensor& OpContext::Input(int i) const {
  const Value& v = InputValue(i);
  if (!v.is_tensor()) Fail("input " + std::to_string(i) + " ('" + node_.input(i) + "') must be a tensor");
  return v.tensor();
}

std::vector<const Tensor*> OpContext::InputsFrom(int first) const {
  std::vector<const Tensor*> out;
  for (int i = first; i < NumInputs(); ++i) {
    if (HasInput(i)) out.push_back(&Input(i));
  }
  return out;
}

int OpContext::NumOutputs() const { return node_.output_size(); }

bool OpContext::OutputRequested(int i) const { return i < node_.output_size() && !node_.output(i).empty(); }

void OpContext::SetOutput(int i, Value value) {
  if (i < 0) Fail("output index " + std::to_string(i) + " is negative");
  if (i >= static_cast<int>(outputs_.size())) outputs_.resize(i + 1);
  outputs_[i] = std::move(value);
}

const onnx::AttributeProto* OpContext::FindAttr(const std::string& name) const {
  for (const auto& a : node_.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

bool OpContext::HasAttr(const std::string& name) const {
  Declared(name);
  return FindAttr(name) != nullptr;
}

const AttrDef& OpContext::Declared(const std::string& name) const {
  const AttrDef* d = def_.FindAttr(name, version_);
  if (d == nullptr) Fail("op file reads attribute '" + name + "' that it does not declare for this version");
  return *d;
}

namespace {
[[noreturn]] void NoValue(const OpContext& ctx, const std::string& name) {
  ctx.Fail("attribute '" + name + "' is not set and has no default");
}
}  // namespace

double OpContext::GetFloat(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return a->f();
  if (!d.has_default) NoValue(*this, name);
  return d.float_default;
}

int64_t OpContext::GetInt(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return a->i();
  if (!d.has_default) NoValue(*this, name);
  return d.int_default;
}

std::string OpContext::GetString(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return a->s();
  if (!d.has_default) NoValue(*this, name);
  return d.string_default;
}

std::vector<double> OpContext::GetFloats(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return {a->floats().begin(), a->floats().end()};
  if (!d.has_default) NoValue(*this, name);
  return d.floats_default;
}

std::vector<int64_t> OpContext::GetInts(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return {a->ints().begin(), a->ints().end()};
  if (!d.has_default) NoValue(*this, name);
  return d.ints_default;
}

std::vector<std::string> OpContext::GetStrings(const std::string& name) const {
  const AttrDef& d = Declared(name);
  if (const auto* a = FindAttr(name)) return {a->strings().begin(), a->strings().end()};
  if (!d.has_default) NoValue(*this, name);
  return d.strings_default;
}

Tensor OpContext::GetTensor(const std::string& name) const {
  Declared(name);
  const auto* a = FindAttr(name);
  if (a == nullptr) NoValue(*this, name);
  return TensorFromProto(a->t());
}

const onnx::GraphProto& OpContext::GetGraph(const std::string& name) const {
  Declared(name);
  const auto* a = FindAttr(name);
  if (a == nullptr) NoValue(*this, name);
  return a->g();
}

const onnx::TypeProto& OpContext::GetTypeProto(const std::string& name) const {
  Declared(name);
  const auto* a = FindAttr(name);
  if (a == nullptr) NoValue(*this, name);
  return a->tp();
}

std::vector<Value> OpContext::RunSubgraph(const onnx::GraphProto& graph, const std::vector<Value>& inputs) const {
  return interpreter_.RunGraph(graph, inputs, &scope_);
}

int OpContext::threads() const { return interpreter_.options().threads; }

const std::string& OpContext::node_name() const { return node_.name(); }

const std::string& OpContext::op_type() const { return node_.op_type(); }

void OpContext::Fail(const std::string& message) const { throw Error(message); }

}  // namespace parity::ref
