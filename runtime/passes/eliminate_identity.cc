// Removes Identity and inference-mode Dropout nodes by rewiring their consumers to the input.
#include "passes/pass.h"

namespace parity::rt {
namespace {

int EliminateIdentity(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (auto& n : g.nodes) {
    if (n.removed || !n.domain.empty() || (n.op != "Identity" && n.op != "Dropout")) continue;
    if (n.inputs.empty() || n.inputs[0] < 0) continue;
    if (n.op == "Dropout" && (n.inputs.size() > 2 && n.inputs[2] >= 0)) continue;  // training_mode input
    if (n.outputs.size() > 1 && g.UseCount(n.outputs[1]) > 0) continue;            // mask is used
    int in = n.inputs[0], out = n.outputs[0];
    // A graph output keeps its own buffer when the input is also a graph output (two outputs, one value is fine).
    g.ReplaceUses(out, in);
    if (g.values[out].graph_output) g.values[in].graph_output = true;
    n.removed = true;
    ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"eliminate_identity", FusionLevel::kBasic, 10, &EliminateIdentity});

}  // namespace
}  // namespace parity::rt
