#include <algorithm>
#include <cmath>

#include "ir/import.h"
#include "passes/pass.h"

namespace parity::rt {

PassRegistry& PassRegistry::Get() {
  static PassRegistry r;
  return r;
}

bool PassRegistry::Add(PassInfo p) {
  passes_.push_back(std::move(p));
  return true;
}

std::vector<PassInfo> PassRegistry::Ordered() const {
  std::vector<PassInfo> v = passes_;
  std::sort(v.begin(), v.end(), [](const PassInfo& a, const PassInfo& b) { return a.order < b.order; });
  return v;
}

bool PassEnabled(const PassInfo& p, const CompileOptions& o) {
  if (o.disabled_passes.count(p.name)) return false;
  if (p.name == "layout_nchwc") return o.layout != Layout::kNchw;
  return static_cast<int>(o.fusion) >= static_cast<int>(p.min_level);
}

std::vector<std::string> RunPasses(Graph& g, const CompileOptions& o) {
  std::vector<std::string> log;
  for (const PassInfo& p : PassRegistry::Get().Ordered()) {
    if (!PassEnabled(p, o)) continue;
    int changes = p.fn(g, o);
    if (changes > 0) {
      g.Compact();
      InferShapes(g, o, true);
    }
    log.push_back(p.name + ": " + std::to_string(changes));
  }
  return log;
}

int SoleConsumer(const Graph& g, int v) {
  if (g.values[v].graph_output) return -1;
  for (int o : g.outputs) {
    if (o == v) return -1;
  }
  std::vector<int> c = g.Consumers(v);
  if (c.size() != 1) return -1;
  int uses = 0;
  for (int in : g.nodes[c[0]].inputs) uses += in == v;
  return uses == 1 ? c[0] : -1;
}

const ConstTensor* FloatConst(const Graph& g, int v) {
  if (v < 0 || !g.values[v].is_const() || g.values[v].dtype != DType::kF32) return nullptr;
  return g.values[v].data.get();
}

std::vector<float> ValuesAlongAxis(const Graph& g, int c, const Dims& out, size_t axis) {
  const ConstTensor* t = FloatConst(g, c);
  const Dims& d = g.values[c].dims;
  if (!t || d.size() > out.size() || axis >= out.size()) return {};
  if (t->size() == 1) return std::vector<float>(out[axis], t->as<float>()[0]);
  size_t off = out.size() - d.size();
  if (axis < off) return {};
  for (size_t i = 0; i < d.size(); ++i) {
    if (d[i] != (off + i == axis ? out[axis] : 1)) return {};
  }
  return std::vector<float>(t->as<float>(), t->as<float>() + out[axis]);
}

bool IsConstScalar(const Graph& g, int v, float x) {
  const ConstTensor* c = FloatConst(g, v);
  if (!c || c->size() < 1) return false;
  for (int64_t i = 0; i < c->size(); ++i) {
    if (std::fabs(c->as<float>()[i] - x) > 1e-6f * std::max(1.f, std::fabs(x))) return false;
  }
  return true;
}

void TakeOverOutput(Graph& g, Node& prod, int from, int to) {
  for (int& o : prod.outputs) {
    if (o == from) o = to;
  }
  g.values[to].producer = g.values[from].producer;
  g.values[from].producer = -1;
}

void Absorb(Node& into, Node& from) {
  into.covers.insert(into.covers.end(), from.covers.begin(), from.covers.end());
  from.removed = true;
}

}  // namespace parity::rt
