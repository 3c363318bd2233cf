// Memory planner invariants: no two values with overlapping lifetimes share bytes, memory is reused when
// lifetimes do not overlap, aliases share their source's block, and arena=off never shares.
#include <gtest/gtest.h>

#include <random>

#include "passes/memory_plan.h"

namespace parity::rt {
namespace {

// Random DAG: each node reads 1-2 earlier values and writes one new value of random size.
Graph RandomGraph(std::mt19937& rng, int nodes) {
  Graph g;
  int x = g.GetOrAddValue("x");
  g.values[x].dims = {static_cast<int64_t>(rng() % 1000 + 1)};
  g.values[x].graph_input = true;
  g.inputs = {x};
  for (int i = 0; i < nodes; ++i) {
    Node n;
    n.name = "n" + std::to_string(i);
    n.op = "Add";
    int values = static_cast<int>(g.values.size());
    n.inputs = {static_cast<int>(rng() % values), static_cast<int>(rng() % values)};
    int out = g.GetOrAddValue("v" + std::to_string(i));
    g.values[out].dims = {static_cast<int64_t>(rng() % 5000 + 1)};
    n.outputs = {out};
    g.nodes.push_back(n);
  }
  g.outputs = {static_cast<int>(g.values.size()) - 1};
  return g;
}

// Independent check of the invariant using value lifetimes recomputed from the graph.
void ExpectNoLiveOverlap(const Graph& g, const MemoryPlan& plan) {
  size_t nv = g.values.size();
  std::vector<int> first(nv, 1 << 30), last(nv, -2);
  auto touch = [&](int v, int t) {
    first[v] = std::min(first[v], t);
    last[v] = std::max(last[v], t);
  };
  for (int v : g.inputs) touch(v, -1);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    for (int v : g.nodes[i].inputs) touch(v, static_cast<int>(i));
    for (int v : g.nodes[i].outputs) touch(v, static_cast<int>(i));
  }
  for (int v : g.outputs) touch(v, 1 << 29);
  for (size_t a = 0; a < nv; ++a) {
    for (size_t b = a + 1; b < nv; ++b) {
      if (plan.value_offset[a] < 0 || plan.value_offset[b] < 0) continue;
      bool live = !(last[a] < first[b] || last[b] < first[a]);
      int64_t ea = plan.value_offset[a] + static_cast<int64_t>(g.values[a].StorageBytes());
      int64_t eb = plan.value_offset[b] + static_cast<int64_t>(g.values[b].StorageBytes());
      bool mem = plan.value_offset[a] < eb && plan.value_offset[b] < ea;
      EXPECT_FALSE(live && mem) << g.values[a].name << " and " << g.values[b].name << " overlap";
    }
  }
}

TEST(MemoryPlanTest, RandomGraphsNeverOverlapLiveValues) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 50; ++trial) {
    Graph g = RandomGraph(rng, 30);
    PlanRequest req;
    req.scratch_bytes.assign(g.nodes.size(), 0);
    req.scratch_bytes[trial % g.nodes.size()] = 4096;
    req.alias_of.assign(g.values.size(), -1);
    MemoryPlan plan = PlanMemory(g, req);
    EXPECT_TRUE(PlanIsValid(plan));
    ExpectNoLiveOverlap(g, plan);
  }
}

TEST(MemoryPlanTest, ChainReusesMemory) {
  Graph g;
  int prev = g.GetOrAddValue("x");
  g.values[prev].dims = {1024};
  g.inputs = {prev};
  for (int i = 0; i < 10; ++i) {
    Node n;
    n.op = "Relu";
    n.inputs = {prev};
    prev = g.GetOrAddValue("v" + std::to_string(i));
    g.values[prev].dims = {1024};
    n.outputs = {prev};
    g.nodes.push_back(n);
  }
  g.outputs = {prev};
  PlanRequest req;
  req.scratch_bytes.assign(g.nodes.size(), 0);
  req.alias_of.assign(g.values.size(), -1);
  MemoryPlan plan = PlanMemory(g, req);
  EXPECT_TRUE(PlanIsValid(plan));
  EXPECT_EQ(plan.total_bytes, 2u * 4096u);  // ping-pong between two buffers
  req.reuse = false;
  MemoryPlan flat = PlanMemory(g, req);
  EXPECT_EQ(flat.total_bytes, 11u * 4096u);
}

TEST(MemoryPlanTest, AliasSharesBlockAndExtendsLifetime) {
  Graph g;
  int x = g.GetOrAddValue("x"), r = g.GetOrAddValue("r"), y = g.GetOrAddValue("y"), z = g.GetOrAddValue("z");
  for (int v : {x, r, y, z}) g.values[v].dims = {256};
  g.inputs = {x};
  g.nodes.resize(3);
  g.nodes[0].inputs = {x};
  g.nodes[0].outputs = {r};  // reshape-like: r aliases x
  g.nodes[1].inputs = {r};
  g.nodes[1].outputs = {y};
  g.nodes[2].inputs = {y};
  g.nodes[2].outputs = {z};
  g.outputs = {z};
  PlanRequest req;
  req.scratch_bytes.assign(3, 0);
  req.alias_of.assign(g.values.size(), -1);
  req.alias_of[r] = x;
  MemoryPlan plan = PlanMemory(g, req);
  EXPECT_EQ(plan.value_offset[r], plan.value_offset[x]);
  EXPECT_NE(plan.value_offset[y], plan.value_offset[x]);  // x (via r) is still read by node 1
  EXPECT_TRUE(PlanIsValid(plan));
}

// Concat elision: a = f(x), b = g(x), y = Concat(a, b) with a and b placed inside y's block at their offsets;
// the block covers both from a's production to y's last use, so nothing else may live there meanwhile.
TEST(MemoryPlanTest, ConcatInputsSitInsideTheOutputBlock) {
  Graph g;
  int x = g.GetOrAddValue("x"), a = g.GetOrAddValue("a"), b = g.GetOrAddValue("b");
  int t = g.GetOrAddValue("t"), y = g.GetOrAddValue("y"), z = g.GetOrAddValue("z");
  g.values[x].dims = {64};
  g.values[a].dims = {100};
  g.values[b].dims = {28};
  g.values[t].dims = {100};  // temporary between a and b: must not overlap a
  g.values[y].dims = {128};
  g.values[z].dims = {128};
  g.inputs = {x};
  g.nodes.resize(5);
  g.nodes[0].inputs = {x};
  g.nodes[0].outputs = {a};
  g.nodes[1].inputs = {x};
  g.nodes[1].outputs = {t};
  g.nodes[2].inputs = {t};
  g.nodes[2].outputs = {b};
  g.nodes[3].inputs = {a, b};
  g.nodes[3].outputs = {y};
  g.nodes[4].inputs = {y};
  g.nodes[4].outputs = {z};
  g.outputs = {z};
  PlanRequest req;
  req.scratch_bytes.assign(g.nodes.size(), 0);
  req.alias_of.assign(g.values.size(), -1);
  req.alias_offset.assign(g.values.size(), 0);
  req.alias_of[a] = y;
  req.alias_of[b] = y;
  req.alias_offset[b] = 400;
  MemoryPlan plan = PlanMemory(g, req);
  EXPECT_TRUE(PlanIsValid(plan));
  EXPECT_EQ(plan.value_offset[a], plan.value_offset[y]);
  EXPECT_EQ(plan.value_offset[b], plan.value_offset[y] + 400);
  const int64_t t0 = plan.value_offset[t], t1 = t0 + 400, y0 = plan.value_offset[y], y1 = y0 + 512;
  EXPECT_TRUE(t1 <= y0 || y1 <= t0) << "t overlaps the concat block while a is live";
}

TEST(MemoryPlanTest, KeepAllNeverReuses) {
  std::mt19937 rng(3);
  Graph g = RandomGraph(rng, 20);
  PlanRequest req;
  req.scratch_bytes.assign(g.nodes.size(), 0);
  req.alias_of.assign(g.values.size(), -1);
  req.keep_all = true;
  MemoryPlan plan = PlanMemory(g, req);
  size_t sum = 0;
  for (const auto& b : plan.blocks) sum += (b.bytes + 63) / 64 * 64;
  EXPECT_EQ(plan.total_bytes, sum);
}

}  // namespace
}  // namespace parity::rt
