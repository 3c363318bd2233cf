// Graph passes. Each pass lives in its own file and registers itself with the pass manager; a pass returns
// how many rewrites it made. Passes must keep Node::covers up to date (the surviving node of a fusion lists
// every ONNX node it absorbed) and may leave removed nodes/unused values behind: the manager compacts the
// graph and re-infers shapes after every pass that changed something.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "parity/runtime/options.h"

namespace parity::rt {

using PassFn = std::function<int(Graph&, const CompileOptions&)>;

struct PassInfo {
  std::string name;       // one of KnownPassNames()
  FusionLevel min_level;  // runs when options.fusion >= min_level (layout_nchwc: decided by options.layout)
  int order;              // position in the pipeline
  PassFn fn;
};

class PassRegistry {
 public:
  static PassRegistry& Get();
  bool Add(PassInfo p);
  std::vector<PassInfo> Ordered() const;

 private:
  std::vector<PassInfo> passes_;
};

#define PARITY_REGISTER_PASS(...)                                         \
  static const bool PARITY_PASS_CONCAT(kParityPassRegistered, __LINE__) = \
      ::parity::rt::PassRegistry::Get().Add(__VA_ARGS__)
#define PARITY_PASS_CONCAT_INNER(a, b) a##b
#define PARITY_PASS_CONCAT(a, b) PARITY_PASS_CONCAT_INNER(a, b)

// Whether pass `name` runs under the options (level, disabled set, layout).
bool PassEnabled(const PassInfo& p, const CompileOptions& o);

// Runs enabled passes in order, compacting and re-inferring after each; returns "name: N" lines.
std::vector<std::string> RunPasses(Graph& g, const CompileOptions& o);

// Whether the options run conv chains in the blocked layout (layout=nchwc, or auto on a CPU with the blocked
// row kernels; layout_nchwc.cc).
bool BlockedLayoutChosen(const CompileOptions& o);

// Helpers for pattern matching in passes.
// The single live consumer of v, or -1 if v has zero or several consumers or is a graph output.
int SoleConsumer(const Graph& g, int v);
// Value v's constant float data if it is a float constant, else nullptr.
const ConstTensor* FloatConst(const Graph& g, int v);
// The out[axis] values of float constant c broadcast against an output of dims `out`, if c is a scalar or a vector
// along `axis` only (e.g. [C, 1, 1] or [1, C, 1, 1] for axis 1 of NCHW); else empty.
std::vector<float> ValuesAlongAxis(const Graph& g, int c, const Dims& out, size_t axis);
// True if v is a float constant whose elements all equal x (within 1e-6 relative).
bool IsConstScalar(const Graph& g, int v, float x);
// The fusable activation node n computes (Relu, Clip with constant bounds, Sigmoid, HardSigmoid, HardSwish,
// parity.Activation), or false (fuse_activation.cc).
bool ActivationOf(const Graph& g, const Node& n, NodeEpilogue* e);
// Moves covers of `from` into `into` and marks `from` removed.
void Absorb(Node& into, Node& from);
// After fusing a consumer into `prod`, makes prod write the consumer's output value `to` instead of its own
// `from` (which had no other use). Keeps ONNX names truthful: a fused Conv+Relu produces the Relu's value and
// the pre-activation value ceases to exist (so intermediates never show post-activation data under the
// pre-activation name).
void TakeOverOutput(Graph& g, Node& prod, int from, int to);

}  // namespace parity::rt
