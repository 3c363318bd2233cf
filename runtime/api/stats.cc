#include <cstdio>
#include <map>

#include "parity/runtime/runtime.h"

namespace parity::rt {

std::string CompileStats::ToTable() const {
  std::string s;
  char line[160];
  std::snprintf(line, sizeof(line), "%-28s %8s %8s\n", "op", "before", "after");
  s += line;
  int tb = 0, ta = 0;
  for (const auto& c : op_counts) {
    std::snprintf(line, sizeof(line), "%-28s %8d %8d\n", c.op.c_str(), c.before, c.after);
    s += line;
    tb += c.before;
    ta += c.after;
  }
  std::snprintf(line, sizeof(line), "%-28s %8d %8d\n", "total", tb, ta);
  s += line;
  std::snprintf(line, sizeof(line), "arena %.2f MiB, weights %.2f MiB, %.3f GFLOPs, compile %.1f ms%s\n",
                arena_bytes / 1048576.0, weight_bytes / 1048576.0, total_flops / 1e9, compile_ms,
                dynamic ? " (interpreter path)" : "");
  s += line;
  // Which implementation each multi-algorithm op got (e.g. how many convs run as Winograd).
  std::map<std::string, int> algorithms;
  for (const auto& n : nodes) {
    if (!n.algorithm.empty()) ++algorithms[n.algorithm];
  }
  std::string list;
  for (const auto& [name, count] : algorithms) list += (list.empty() ? "" : ", ") + name + " x" + std::to_string(count);
  if (!list.empty()) s += "algorithms: " + list + "\n";
  for (const auto& n : notes) s += "note: " + n + "\n";
  return s;
}

}  // namespace parity::rt
