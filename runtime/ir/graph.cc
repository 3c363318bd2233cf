#include "ir/graph.h"

#include <algorithm>
#include <queue>

#include "parity/runtime/runtime.h"

namespace parity::rt {

std::string DimsToString(const Dims& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "]";
}

const char* ActName(Act a) {
  static const char* names[] = {"", "Relu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "SiLU", "Gelu"};
  return names[static_cast<int>(a)];
}

size_t Value::StorageBytes() const {
  int64_t n = NumElements(dims);
  if (layout == MemLayout::kBlocked && dims.size() >= 2 && dims[1] > 0) {
    int64_t cb = (dims[1] + block - 1) / block * block;
    n = n / dims[1] * cb;
  }
  return static_cast<size_t>(n) * DTypeSize(dtype);
}

int64_t Node::AttrInt(const std::string& n, int64_t def) const {
  auto it = attrs.find(n);
  return it == attrs.end() ? def : it->second.i();
}
float Node::AttrFloat(const std::string& n, float def) const {
  auto it = attrs.find(n);
  return it == attrs.end() ? def : it->second.f();
}
std::string Node::AttrString(const std::string& n, const std::string& def) const {
  auto it = attrs.find(n);
  return it == attrs.end() ? def : it->second.s();
}
std::vector<int64_t> Node::AttrInts(const std::string& n) const {
  auto it = attrs.find(n);
  if (it == attrs.end()) return {};
  return {it->second.ints().begin(), it->second.ints().end()};
}
std::vector<float> Node::AttrFloats(const std::string& n) const {
  auto it = attrs.find(n);
  if (it == attrs.end()) return {};
  return {it->second.floats().begin(), it->second.floats().end()};
}
void Node::SetAttrInt(const std::string& n, int64_t v) {
  onnx::AttributeProto a;
  a.set_name(n);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
  attrs[n] = a;
}
void Node::SetAttrInts(const std::string& n, const std::vector<int64_t>& v) {
  onnx::AttributeProto a;
  a.set_name(n);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
  attrs[n] = a;
}
void Node::SetAttrFloat(const std::string& n, float v) {
  onnx::AttributeProto a;
  a.set_name(n);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(v);
  attrs[n] = a;
}

std::string Node::Describe() const {
  std::string s = op;
  if (residual_input >= 0) s += "+Add";
  if (epilogue.act != Act::kNone) s += std::string("+") + ActName(epilogue.act);
  return s;
}

int Graph::FindValue(const std::string& name) const {
  auto it = by_name.find(name);
  return it == by_name.end() ? -1 : it->second;
}

int Graph::GetOrAddValue(const std::string& name) {
  int v = FindValue(name);
  if (v >= 0) return v;
  values.emplace_back();
  values.back().name = name;
  by_name[name] = static_cast<int>(values.size()) - 1;
  return static_cast<int>(values.size()) - 1;
}

int Graph::AddValue(const std::string& base) {
  std::string name = base;
  for (int k = 1; by_name.count(name); ++k) name = base + "__" + std::to_string(k);
  return GetOrAddValue(name);
}

int Graph::AddConst(const std::string& base, ConstPtr data) {
  int v = AddValue(base);
  Value& val = values[v];
  val.dtype = data->dtype;
  val.onnx_dtype = data->dtype == DType::kF32   ? onnx_type::kFloat
                   : data->dtype == DType::kI64 ? onnx_type::kInt64
                                                : onnx_type::kBool;
  val.dims = data->dims;
  val.shape_known = true;
  val.data = std::move(data);
  return v;
}

std::vector<int> Graph::Consumers(int v) const {
  std::vector<int> out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].removed) continue;
    for (int in : nodes[i].inputs) {
      if (in == v) {
        out.push_back(static_cast<int>(i));
        break;
      }
    }
  }
  return out;
}

int Graph::UseCount(int v) const {
  int n = 0;
  for (const auto& node : nodes) {
    if (node.removed) continue;
    for (int in : node.inputs) n += in == v;
  }
  for (int o : outputs) n += o == v;
  return n;
}

void Graph::RebuildProducers() {
  for (auto& v : values) v.producer = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].removed) continue;
    for (int o : nodes[i].outputs) {
      if (o >= 0) values[o].producer = static_cast<int>(i);
    }
  }
}

void Graph::Compact() {
  std::vector<Node> live;
  for (auto& n : nodes) {
    if (!n.removed) live.push_back(std::move(n));
  }
  nodes = std::move(live);
  RebuildProducers();
  // Kahn's algorithm, preferring original order so plans stay readable and deterministic.
  size_t n = nodes.size();
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> users(n);
  for (size_t i = 0; i < n; ++i) {
    for (int in : nodes[i].inputs) {
      if (in < 0) continue;
      int p = values[in].producer;
      if (p >= 0 && p != static_cast<int>(i)) {
        ++pending[i];
        users[p].push_back(static_cast<int>(i));
      }
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.push(static_cast<int>(i));
  }
  std::vector<int> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int u : users[i]) {
      if (--pending[u] == 0) ready.push(u);
    }
  }
  if (order.size() != n) throw CompileError("graph has a cycle (or a node uses a value nothing produces)");
  std::vector<Node> sorted;
  sorted.reserve(n);
  for (int i : order) sorted.push_back(std::move(nodes[i]));
  nodes = std::move(sorted);
  RebuildProducers();
}

void Graph::ReplaceUses(int from, int to) {
  for (auto& node : nodes) {
    if (node.removed) continue;
    std::replace(node.inputs.begin(), node.inputs.end(), from, to);
  }
  std::replace(outputs.begin(), outputs.end(), from, to);
}

}  // namespace parity::rt
