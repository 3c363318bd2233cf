// Removes nodes none of whose outputs are used by a live node or a graph output (repeated to a fixpoint).
#include "passes/pass.h"

namespace parity::rt {
namespace {

int RemoveDeadNodes(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (bool again = true; again;) {
    again = false;
    for (int i = static_cast<int>(g.nodes.size()) - 1; i >= 0; --i) {
      Node& n = g.nodes[i];
      if (n.removed) continue;
      bool used = false;
      for (int o : n.outputs) used = used || g.UseCount(o) > 0;
      if (!used) {
        n.removed = true;
        again = true;
        ++changes;
      }
    }
  }
  return changes;
}

PARITY_REGISTER_PASS({"dead_nodes", FusionLevel::kBasic, 20, &RemoveDeadNodes});

}  // namespace
}  // namespace parity::rt
