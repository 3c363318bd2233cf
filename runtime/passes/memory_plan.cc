#include "passes/memory_plan.h"

#include <algorithm>
#include <limits>

#include "core/buffer.h"

namespace parity::rt {
namespace {

int Root(const std::vector<int>& alias_of, int v) {
  while (v >= 0 && v < static_cast<int>(alias_of.size()) && alias_of[v] >= 0) v = alias_of[v];
  return v;
}

// Byte offset of v inside its root's buffer (sum along the alias chain).
int64_t OffsetInRoot(const PlanRequest& req, int v) {
  int64_t off = 0;
  while (v >= 0 && v < static_cast<int>(req.alias_of.size()) && req.alias_of[v] >= 0) {
    if (v < static_cast<int>(req.alias_offset.size())) off += req.alias_offset[v];
    v = req.alias_of[v];
  }
  return off;
}

struct Req {
  size_t bytes;
  int first, last;
  int value;  // -1 for scratch
  int node;
};

// Greedy by size: biggest blocks first, each at the lowest offset that fits between already placed blocks
// whose lifetimes intersect its own.
void Assign(std::vector<Req>& reqs, std::vector<int64_t>* offsets, size_t* total) {
  std::vector<size_t> order(reqs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return reqs[a].bytes > reqs[b].bytes; });
  std::vector<size_t> placed;
  offsets->assign(reqs.size(), 0);
  *total = 0;
  for (size_t idx : order) {
    const Req& r = reqs[idx];
    std::vector<std::pair<int64_t, int64_t>> busy;
    for (size_t p : placed) {
      if (reqs[p].last < r.first || r.last < reqs[p].first) continue;
      busy.emplace_back((*offsets)[p], (*offsets)[p] + static_cast<int64_t>(AlignUp(reqs[p].bytes)));
    }
    std::sort(busy.begin(), busy.end());
    int64_t off = 0;
    for (const auto& [b, e] : busy) {
      if (off + static_cast<int64_t>(r.bytes) <= b) break;
      off = std::max(off, e);
    }
    (*offsets)[idx] = off;
    *total = std::max(*total, static_cast<size_t>(off) + AlignUp(r.bytes));
    placed.push_back(idx);
  }
}

}  // namespace

MemoryPlan PlanMemory(const Graph& g, const PlanRequest& req) {
  const int inf = std::numeric_limits<int>::max() / 2;
  size_t nv = g.values.size();
  std::vector<int> first(nv, inf), last(nv, -2);
  auto touch = [&](int v, int step) {
    int r = Root(req.alias_of, v);
    if (r < 0 || g.values[r].is_const()) return;
    first[r] = std::min(first[r], step);
    last[r] = std::max(last[r], step);
  };
  for (int v : g.inputs) touch(v, -1);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (int v : g.nodes[i].inputs) {
      if (v >= 0) touch(v, static_cast<int>(i));
    }
    for (int v : g.nodes[i].outputs) touch(v, static_cast<int>(i));
  }
  for (int v : g.outputs) touch(v, inf - 1);
  std::vector<Req> reqs;
  std::vector<size_t> root_bytes(nv, 0);
  for (size_t v = 0; v < nv; ++v) {  // a shared block must fit its largest member
    int r = Root(req.alias_of, static_cast<int>(v));
    if (r >= 0 && first[r] != inf) {
      const size_t end = static_cast<size_t>(OffsetInRoot(req, static_cast<int>(v))) + g.values[v].StorageBytes();
      root_bytes[r] = std::max(root_bytes[r], end);
    }
  }
  for (size_t v = 0; v < nv; ++v) {
    if (first[v] == inf || Root(req.alias_of, static_cast<int>(v)) != static_cast<int>(v)) continue;
    int l = req.keep_all ? inf - 1 : last[v];
    reqs.push_back({std::max<size_t>(root_bytes[v], 1), first[v], l, static_cast<int>(v), -1});
  }
  for (size_t i = 0; i < req.scratch_bytes.size(); ++i) {
    if (req.scratch_bytes[i])
      reqs.push_back({req.scratch_bytes[i], static_cast<int>(i), static_cast<int>(i), -1, static_cast<int>(i)});
  }
  if (!req.reuse) {
    for (auto& r : reqs) {
      r.first = -1;
      r.last = inf;
    }
  }
  MemoryPlan plan;
  std::vector<int64_t> offsets;
  Assign(reqs, &offsets, &plan.total_bytes);
  plan.value_offset.assign(nv, MemoryPlan::kNone);
  plan.scratch_offset.assign(g.nodes.size(), MemoryPlan::kNone);
  for (size_t i = 0; i < reqs.size(); ++i) {
    if (reqs[i].value >= 0)
      plan.value_offset[reqs[i].value] = offsets[i];
    else
      plan.scratch_offset[reqs[i].node] = offsets[i];
    plan.blocks.push_back({offsets[i], reqs[i].bytes, reqs[i].first, reqs[i].last});
  }
  for (size_t v = 0; v < nv; ++v) {
    int r = Root(req.alias_of, static_cast<int>(v));
    if (r != static_cast<int>(v) && r >= 0 && plan.value_offset[r] != MemoryPlan::kNone) {
      plan.value_offset[v] = plan.value_offset[r] + OffsetInRoot(req, static_cast<int>(v));
    }
  }
  return plan;
}

bool PlanIsValid(const MemoryPlan& plan) {
  const auto& b = plan.blocks;
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].offset < 0 || static_cast<size_t>(b[i].offset) + b[i].bytes > plan.total_bytes) return false;
    for (size_t j = i + 1; j < b.size(); ++j) {
      bool time = !(b[i].last < b[j].first || b[j].last < b[i].first);
      bool mem = b[i].offset < b[j].offset + static_cast<int64_t>(b[j].bytes) &&
                 b[j].offset < b[i].offset + static_cast<int64_t>(b[i].bytes);
      if (time && mem) return false;
    }
  }
  return true;
}

}  // namespace parity::rt
