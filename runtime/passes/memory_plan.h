// Liveness-based memory planning: every non-constant value (and every kernel's scratch) gets an offset in one
// arena. Values whose lifetimes overlap never share bytes; reshape-like outputs share their input's block, and
// Concat inputs may sit inside their output's block (alias_offset).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace parity::rt {

struct PlanRequest {
  std::vector<size_t> scratch_bytes;  // per node of g.nodes
  std::vector<int> alias_of;          // per value: value whose buffer it shares (-1 = own buffer)
  std::vector<int64_t> alias_offset;  // per value (or empty): byte offset inside the alias_of value's buffer
  bool reuse = true;                  // false: no sharing at all (arena off / debugging)
  bool keep_all = false;              // keep every value alive to the end (intermediates)
};

struct MemoryPlan {
  static constexpr int64_t kNone = -1;
  std::vector<int64_t> value_offset;    // per value, kNone for constants/unused
  std::vector<int64_t> scratch_offset;  // per node, kNone when no scratch
  size_t total_bytes = 0;

  // Live interval [first, last] in node steps (-1 = before the first node) for checks and stats.
  struct Block {
    int64_t offset;
    size_t bytes;
    int first, last;
  };
  std::vector<Block> blocks;
};

MemoryPlan PlanMemory(const Graph& g, const PlanRequest& req);

// True if no two blocks with overlapping lifetimes overlap in memory (test helper; also used in debug builds).
bool PlanIsValid(const MemoryPlan& plan);

}  // namespace parity::rt
