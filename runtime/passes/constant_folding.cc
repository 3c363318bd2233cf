// Evaluates nodes whose inputs are all constant (e.g. weight preprocessing chains such as Constant -> Cast ->
// Reshape) and replaces their outputs by constants. Outputs above kMaxFoldBytes stay computed at run time so
// folding never blows up the model size (e.g. Expand of a scalar).
#include "ir/import.h"
#include "passes/pass.h"

namespace parity::rt {
namespace {

constexpr size_t kMaxFoldBytes = 64u << 20;

int FoldConstants(Graph& g, const CompileOptions& options) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (n.removed || !n.subgraphs.empty()) continue;
    bool all_const = true;
    for (int in : n.inputs) all_const = all_const && (in < 0 || g.values[in].is_const());
    if (!all_const) continue;
    const OpSchema* s = OpRegistry::Get().Find(n.domain, n.op, g.opset, options.precision);
    if (!s || !s->foldable) continue;
    bool small = true;
    for (int o : n.outputs) small = small && g.values[o].shape_known && g.values[o].StorageBytes() <= kMaxFoldBytes;
    if (!small) continue;
    std::vector<ConstPtr> vals = EvaluateNode(n, g.opset, InputDescs(g, n), options);
    for (size_t i = 0; i < n.outputs.size(); ++i) g.values[n.outputs[i]].data = vals[i];
    n.removed = true;
    ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"constant_folding", FusionLevel::kBasic, 30, &FoldConstants});

}  // namespace
}  // namespace parity::rt
