#include "core/interpreter.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <functional>
#include <set>

#include "core/op_context.h"
#include "core/tensor_proto.h"
#include "parity/reference/error.h"

namespace parity::ref {

namespace {

std::string NodeLabel(const onnx::NodeProto& node) {
  std::string name = node.name().empty() ? (node.output_size() ? "output " + node.output(0) : "<unnamed>")
                                         : node.name();
  return "node '" + name + "'";
}

std::string DomainLabel(const std::string& domain) { return domain.empty() ? "ai.onnx" : domain; }

std::string JoinVersions(const std::vector<int>& versions) {
  std::string s;
  for (int v : versions) s += (s.empty() ? "" : ", ") + std::to_string(v);
  return s;
}

std::map<std::string, int> OpsetsOf(const google::protobuf::RepeatedPtrField<onnx::OperatorSetIdProto>& imports) {
  std::map<std::string, int> opsets;
  for (const auto& o : imports) opsets[o.domain() == "ai.onnx" ? "" : o.domain()] = static_cast<int>(o.version());
  return opsets;
}

// Names a graph reads from enclosing scopes (used to keep outer values alive while a subgraph may need them).
void CollectOuterReads(const onnx::GraphProto& graph, std::set<std::string>& reads) {
  std::set<std::string> local;
  for (const auto& i : graph.input()) local.insert(i.name());
  for (const auto& i : graph.initializer()) local.insert(i.name());
  for (const auto& n : graph.node()) {
    for (const auto& in : n.input()) {
      if (!in.empty() && !local.count(in)) reads.insert(in);
    }
    for (const auto& a : n.attribute()) {
      std::set<std::string> inner;
      if (a.has_g()) CollectOuterReads(a.g(), inner);
      for (const auto& g : a.graphs()) CollectOuterReads(g, inner);
      for (const auto& r : inner) {
        if (!local.count(r)) reads.insert(r);
      }
    }
    for (const auto& out : n.output()) local.insert(out);
  }
  for (const auto& o : graph.output()) {
    if (!local.count(o.name())) reads.insert(o.name());
  }
}

AttrType AttrTypeOf(const onnx::AttributeProto& a) {
  switch (a.type()) {
    case onnx::AttributeProto::FLOAT: return AttrType::kFloat;
    case onnx::AttributeProto::INT: return AttrType::kInt;
    case onnx::AttributeProto::STRING: return AttrType::kString;
    case onnx::AttributeProto::TENSOR: return AttrType::kTensor;
    case onnx::AttributeProto::GRAPH: return AttrType::kGraph;
    case onnx::AttributeProto::FLOATS: return AttrType::kFloats;
    case onnx::AttributeProto::INTS: return AttrType::kInts;
    case onnx::AttributeProto::STRINGS: return AttrType::kStrings;
    case onnx::AttributeProto::GRAPHS: return AttrType::kGraphs;
    case onnx::AttributeProto::TYPE_PROTO: return AttrType::kTypeProto;
    default: throw Error("attribute '" + a.name() + "' has unsupported type " + std::to_string(a.type()));
  }
}

}  // namespace

const Value* Scope::Find(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    auto it = s->values_.find(name);
    if (it != s->values_.end()) return &it->second;
    if (s->constants_ != nullptr) {
      auto c = s->constants_->find(name);
      if (c != s->constants_->end()) return &c->second;
    }
  }
  return nullptr;
}

struct Interpreter::CompiledNode {
  const onnx::NodeProto* node = nullptr;
  const OpDef* def = nullptr;  // null for a model-local function call
  int version = 0;
  std::unique_ptr<onnx::GraphProto> function_body;  // function call: body with attributes bound
  std::map<std::string, int> function_opsets;
  std::vector<std::string> frees_after;  // values whose last reader is this node
};

struct Interpreter::CompiledGraph {
  std::vector<CompiledNode> nodes;  // in a topological order
  Scope::Bindings initializers;
  std::map<std::string, int> opsets;
};

Interpreter::Interpreter(const onnx::ModelProto& model, EvaluatorOptions options)
    : model_(model), options_(options), model_opsets_(OpsetsOf(model.opset_import())) {
  for (const auto& f : model.functions()) functions_[{f.domain(), f.name()}] = &f;
}

Interpreter::~Interpreter() = default;

void Interpreter::Validate() const { Compile(model_.graph(), model_opsets_); }

namespace {

// Orders nodes so that every node comes after the producers of its inputs (ONNX asks for this, not every
// exporter obeys). Values from outer scopes, initializers and graph inputs count as available.
std::vector<const onnx::NodeProto*> TopologicalOrder(const onnx::GraphProto& graph) {
  std::set<std::string> produced_here;
  for (const auto& n : graph.node()) {
    for (const auto& o : n.output()) {
      if (!o.empty()) produced_here.insert(o);
    }
  }
  std::set<std::string> available;
  std::vector<const onnx::NodeProto*> order;
  std::vector<bool> done(graph.node_size(), false);
  size_t remaining = graph.node_size();
  while (remaining > 0) {
    bool progressed = false;
    for (int i = 0; i < graph.node_size(); ++i) {
      if (done[i]) continue;
      const auto& n = graph.node(i);
      std::set<std::string> needs;
      for (const auto& in : n.input()) needs.insert(in);
      for (const auto& a : n.attribute()) {
        if (a.has_g()) CollectOuterReads(a.g(), needs);
        for (const auto& g : a.graphs()) CollectOuterReads(g, needs);
      }
      bool ready = true;
      for (const auto& in : needs) {
        if (!in.empty() && produced_here.count(in) && !available.count(in)) {
          ready = false;
          break;
        }
      }
      if (!ready) continue;
      done[i] = true;
      --remaining;
      progressed = true;
      order.push_back(&n);
      for (const auto& o : n.output()) available.insert(o);
    }
    if (!progressed) {
      for (int i = 0; i < graph.node_size(); ++i) {
        if (!done[i]) throw Error("graph '" + graph.name() + "' has a cycle through " + NodeLabel(graph.node(i)));
      }
    }
  }
  return order;
}

// Binds a function body's attribute references (ref_attr_name) to the call node's attributes.
void BindFunctionAttributes(const onnx::NodeProto& call, onnx::GraphProto& body) {
  for (auto& n : *body.mutable_node()) {
    google::protobuf::RepeatedPtrField<onnx::AttributeProto> bound;
    for (const auto& a : n.attribute()) {
      if (a.ref_attr_name().empty()) {
        *bound.Add() = a;
        continue;
      }
      for (const auto& ca : call.attribute()) {
        if (ca.name() == a.ref_attr_name()) {
          auto* b = bound.Add();
          *b = ca;
          b->set_name(a.name());
        }
      }
    }
    *n.mutable_attribute() = bound;
  }
}

}  // namespace

const Interpreter::CompiledGraph& Interpreter::Compile(const onnx::GraphProto& graph,
                                                        const std::map<std::string, int>& opsets) const {
  auto found = compiled_.find(&graph);
  if (found != compiled_.end()) return *found->second;
  auto compiled = std::make_unique<CompiledGraph>();
  compiled->opsets = opsets;
  for (const auto& init : graph.initializer()) {
    try {
      compiled->initializers.emplace(init.name(), TensorFromProto(init));
    } catch (const Error& e) {
      throw Error("initializer '" + init.name() + "': " + e.what());
    }
  }
  for (const auto& sparse : graph.sparse_initializer()) {
    throw Error("sparse initializer '" + sparse.values().name() + "' is not supported; densify the model first");
  }
  for (const onnx::NodeProto* node : TopologicalOrder(graph)) {
    CompiledNode cn;
    cn.node = node;
    const std::string domain = node->domain() == "ai.onnx" ? "" : node->domain();
    auto fn = functions_.find({node->domain(), node->op_type()});
    if (fn != functions_.end()) {
      cn.function_body = std::make_unique<onnx::GraphProto>();
      for (const auto& n : fn->second->node()) *cn.function_body->add_node() = n;
      for (const auto& i : fn->second->input()) cn.function_body->add_input()->set_name(i);
      for (const auto& o : fn->second->output()) cn.function_body->add_output()->set_name(o);
      BindFunctionAttributes(*node, *cn.function_body);
      cn.function_opsets = OpsetsOf(fn->second->opset_import());
      Compile(*cn.function_body, cn.function_opsets);
      compiled->nodes.push_back(std::move(cn));
      continue;
    }
    auto opset_it = opsets.find(domain);
    if (opset_it == opsets.end()) {
      throw Error(NodeLabel(*node) + " (" + node->op_type() + "): the model imports no opset for domain '" +
                  DomainLabel(domain) + "'");
    }
    const int opset = opset_it->second;
    const OpDef* def = OpRegistry::Global().Find(domain, node->op_type());
    if (def == nullptr) {
      throw Error(NodeLabel(*node) + ": op " + node->op_type() + " (domain " + DomainLabel(domain) + ", opset " +
                  std::to_string(opset) + ") is not implemented by the reference interpreter");
    }
    int version = 0;
    for (int v : def->versions()) {
      if (v <= opset) version = v;
    }
    const auto* schema = onnx::OpSchemaRegistry::Schema(node->op_type(), opset, domain);
    const bool newer_in_force = schema != nullptr && schema->SinceVersion() > version;
    if (version == 0 || newer_in_force) {
      const int needed = newer_in_force ? schema->SinceVersion() : 0;
      throw Error(NodeLabel(*node) + ": " + node->op_type() + " at opset " + std::to_string(opset) + " (domain " +
                  DomainLabel(domain) + ")" +
                  (needed ? " resolves to " + node->op_type() + "-" + std::to_string(needed) : std::string()) +
                  ", which the reference interpreter does not implement; implemented versions: " +
                  JoinVersions(def->versions()));
    }
    cn.def = def;
    cn.version = version;
    for (const auto& a : node->attribute()) {
      const AttrDef* declared = def->FindAttr(a.name(), version);
      if (declared == nullptr) {
        throw Error(NodeLabel(*node) + " (" + node->op_type() + "-" + std::to_string(version) + "): attribute '" +
                    a.name() + "' is not part of this op version");
      }
      if (AttrTypeOf(a) != declared->type) {
        throw Error(NodeLabel(*node) + " (" + node->op_type() + "-" + std::to_string(version) + "): attribute '" +
                    a.name() + "' must be of type " + AttrTypeName(declared->type) + ", got " +
                    AttrTypeName(AttrTypeOf(a)));
      }
      if (a.has_g()) Compile(a.g(), opsets);
      for (const auto& g : a.graphs()) Compile(g, opsets);
    }
    for (const AttrDef& ad : def->attributes()) {
      if (!ad.required || version < ad.first_version || version > ad.last_version) continue;
      bool present = false;
      for (const auto& a : node->attribute()) present = present || a.name() == ad.name;
      if (!present) {
        throw Error(NodeLabel(*node) + " (" + node->op_type() + "-" + std::to_string(version) +
                    "): required attribute '" + ad.name + "' is missing");
      }
    }
    compiled->nodes.push_back(std::move(cn));
  }
  // Liveness: a value produced or bound in this graph is freed after its last reader (graph outputs never).
  std::set<std::string> keep;
  for (const auto& o : graph.output()) keep.insert(o.name());
  std::map<std::string, size_t> last_use;
  for (size_t i = 0; i < compiled->nodes.size(); ++i) {
    const auto& n = *compiled->nodes[i].node;
    std::set<std::string> reads(n.input().begin(), n.input().end());
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectOuterReads(a.g(), reads);
      for (const auto& g : a.graphs()) CollectOuterReads(g, reads);
    }
    for (const auto& r : reads) {
      if (!r.empty()) last_use[r] = i;
    }
  }
  for (const auto& [name, index] : last_use) {
    if (!keep.count(name)) compiled->nodes[index].frees_after.push_back(name);
  }
  auto& slot = compiled_[&graph];
  slot = std::move(compiled);
  return *slot;
}

void Interpreter::Execute(const CompiledGraph& graph, Scope& scope, bool record) {
  for (const CompiledNode& node : graph.nodes) {
    RunNode(node, scope, record);
    if (!(record && options_.keep_intermediates)) {
      for (const auto& name : node.frees_after) scope.Erase(name);
    }
  }
}

void Interpreter::RunNode(const CompiledNode& cn, Scope& scope, bool record) {
  const onnx::NodeProto& node = *cn.node;
  std::vector<const Value*> inputs;
  for (const auto& name : node.input()) {
    if (name.empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const Value* v = scope.Find(name);
    if (v == nullptr) {
      throw Error(NodeLabel(node) + " (" + node.op_type() + "): input '" + name +
                  "' is not produced by any node, initializer or graph input");
    }
    inputs.push_back(v);
  }
  std::vector<Value> outputs;
  const std::string label = NodeLabel(node) + " (" + node.op_type() +
                            (cn.def ? "-" + std::to_string(cn.version) : std::string(" function")) + "): ";
  try {
    if (cn.def == nullptr) {
      std::vector<Value> args;
      for (const Value* v : inputs) args.push_back(v ? *v : Value());
      const CompiledGraph& body = Compile(*cn.function_body, cn.function_opsets);
      Scope fscope(nullptr, &body.initializers);
      for (int i = 0; i < cn.function_body->input_size() && i < static_cast<int>(args.size()); ++i) {
        fscope.Set(cn.function_body->input(i).name(), args[i]);
      }
      Execute(body, fscope, false);
      for (const auto& o : cn.function_body->output()) {
        const Value* v = fscope.Find(o.name());
        if (v == nullptr) throw Error("function output '" + o.name() + "' was not produced");
        outputs.push_back(*v);
      }
    } else {
      OpContext ctx(node, *cn.def, cn.version, inputs, *this, scope);
      cn.def->kernel()(ctx);
      outputs = std::move(ctx.outputs());
    }
  } catch (const Error& e) {
    throw Error(label + e.what());
  } catch (const std::exception& e) {
    throw Error(label + "internal error: " + e.what());
  }
  for (int i = 0; i < node.output_size(); ++i) {
    const std::string& name = node.output(i);
    if (name.empty()) continue;
    if (i >= static_cast<int>(outputs.size())) {
      throw Error(label + "produced no value for output " + std::to_string(i) + " ('" + name + "')");
    }
    if (record && options_.keep_intermediates) {
      intermediates_.push_back({name, node.name(), node.op_type(), outputs[i]});
    }
    scope.Set(name, std::move(outputs[i]));
  }
}

std::vector<Value> Interpreter::RunGraph(const onnx::GraphProto& graph, const std::vector<Value>& inputs,
                                         const Scope* parent) {
  if (++depth_ > 64) {
    --depth_;
    throw Error("subgraphs nested more than 64 deep");
  }
  struct DepthGuard {
    int& d;
    ~DepthGuard() { --d; }
  } guard{depth_};
  const CompiledGraph& compiled = Compile(graph, model_opsets_);
  Scope scope(parent, &compiled.initializers);
  for (int i = 0; i < graph.input_size() && i < static_cast<int>(inputs.size()); ++i) {
    scope.Set(graph.input(i).name(), inputs[i]);
  }
  Execute(compiled, scope, false);
  std::vector<Value> outputs;
  for (const auto& o : graph.output()) {
    const Value* v = scope.Find(o.name());
    if (v == nullptr) throw Error("subgraph output '" + o.name() + "' was not produced");
    outputs.push_back(*v);
  }
  return outputs;
}

std::map<std::string, Value> Interpreter::RunMain(const std::map<std::string, Value>& feeds) {
  intermediates_.clear();
  const onnx::GraphProto& graph = model_.graph();
  const CompiledGraph& compiled = Compile(graph, model_opsets_);
  Scope scope(nullptr, &compiled.initializers);
  for (const auto& [name, value] : feeds) scope.Set(name, value);
  Execute(compiled, scope, true);
  std::map<std::string, Value> outputs;
  for (const auto& o : graph.output()) {
    const Value* v = scope.Find(o.name());
    if (v == nullptr) throw Error("graph output '" + o.name() + "' was not produced");
    outputs[o.name()] = *v;
  }
  return outputs;
}

}  // namespace parity::ref
