// Executable::Impl: the compiled plan. Static graphs run a flat list of steps with pointers into one
// pre-allocated arena (no allocation per run); graphs with control flow or run-time shapes run on the
// interpreter path (exec/interpreter.cc).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "ir/graph.h"
#include "kernels/kernel.h"
#include "parity/runtime/runtime.h"
#include "passes/memory_plan.h"

namespace parity::rt {

class KernelCache;
class SubgraphCache;

struct PortBinding {
  int value = -1;
  int onnx_dtype = onnx_type::kFloat;
  Dims dims;
};

class Executable::Impl {
 public:
  // shared_pool (optional, must outlive this): run on it instead of a pool of our own (compiled control-flow
  // bodies share their enclosing executable's threads).
  Impl(Graph g, CompileOptions options, ThreadPool* shared_pool = nullptr);
  ~Impl();

  // Static path: kernels, memory plan and pointer binding. Throws CompileError.
  void BuildStatic();
  void PlaceConcatInputsInOutputs(PlanRequest* req) const;
  // Sets RunContext::inputs_spread of every step from its producers' Kernel::Splits.
  void MarkSpreadInputs();
  // Interpreter path for dynamic graphs (checks every op has a kernel).
  void BuildDynamic();

  std::vector<HostTensor> Run(const std::vector<HostTensor>& inputs);
  // Static path on values already in storage dtype and plain layout (compiled control-flow bodies): inputs in
  // in_ports order, fresh output tensors in out_ports order.
  std::vector<ConstPtr> RunStorage(const std::vector<ConstPtr>& inputs);
  HostTensor ReadValue(int v) const;
  int CompiledBodies() const;

  Graph graph;
  CompileOptions options;
  std::vector<TensorInfo> input_infos, output_infos;
  std::vector<PortBinding> in_ports, out_ports;
  std::vector<FusedNodeInfo> fused;
  CompileStats stats;
  std::set<std::string> onnx_value_names;  // names that exist in the original model (intermediates)
  std::map<std::string, int> kept;         // intermediates available after Run: name -> value
  bool dynamic = false;

 private:
  struct Step {
    Kernel* kernel;
    RunContext ctx;
  };
  void BindInputs(const std::vector<HostTensor>& inputs);
  // Input t into its storage at dst (converted to the storage type; large float images copied by all threads).
  void CopyInput(const HostTensor& t, void* dst) const;
  void* ValuePtr(int v) const;
  std::vector<HostTensor> RunDynamic(const std::vector<HostTensor>& inputs);
  void RunSteps();

  std::unique_ptr<ThreadPool> own_pool_;
  ThreadPool* pool_;
  std::vector<std::unique_ptr<Kernel>> kernels_;
  std::vector<Step> steps_;
  std::vector<Dims> dims_;  // per value (RunContext points into this)
  std::vector<int64_t> offsets_;
  Buffer arena_;
  std::map<int, ConstPtr> dyn_values_;  // interpreter results kept for intermediates
  std::unique_ptr<KernelCache> kernel_cache_;
  std::unique_ptr<SubgraphCache> subgraph_cache_;
  // PARITY_RT_PROFILE=1: per-step wall time accumulated over runs, printed by op on destruction; =2 also
  // prints every node with its GFLOP/s.
  bool profile_ = false;
  bool profile_nodes_ = false;
  std::vector<double> step_ms_;
  int runs_ = 0;
};

// Kernels the interpreter created, reused while a node sees the same input dims and the same values for the
// inputs its kernel depends on (so weights are packed once, not on every run).
class KernelCache {
 public:
  struct Entry {
    std::vector<Dims> dims;
    std::vector<ConstPtr> data;  // inputs whose values the kernel depends on (null = not used)
    std::unique_ptr<Kernel> kernel;
    std::vector<TensorDesc> outs;
  };
  // The cached entry for node if it matches the inputs, else nullptr.
  Entry* Find(const Node* node, const std::vector<TensorDesc>& inputs);
  Entry* Put(const Node* node, Entry e);
  // Outputs of a node whose inputs are all constant, computed on its first run and reused after (subgraph weight
  // chains such as Unsqueeze of an outer initializer), or nullptr.
  const std::vector<ConstPtr>* Folded(const Node* node) const;
  void PutFolded(const Node* node, std::vector<ConstPtr> outs);

 private:
  std::map<const Node*, Entry> entries_;
  std::map<const Node*, std::vector<ConstPtr>> folded_;
};

// Interpreter for dynamic graphs and control-flow bodies. Values are looked up by name through the scope
// chain so subgraphs can read their enclosing graphs' values.
class Interpreter {
 public:
  struct Scope {
    const Graph* graph;
    std::vector<ConstPtr> values;
    const Scope* parent;
    std::vector<char> fixed;  // per value: the same constant on every run (folded by KernelCache)
    // The value named `name` in this or an enclosing scope; *fixed tells whether it is constant.
    ConstPtr Lookup(const std::string& name, bool* fixed) const;
  };
  // cache and subgraphs are optional (null: every node is created and every body interpreted afresh).
  Interpreter(const CompileOptions& options, ThreadPool* pool, KernelCache* cache, SubgraphCache* subgraphs)
      : options_(options), pool_(pool), cache_(cache), subgraphs_(subgraphs) {}
  // Runs g with its fed inputs; returns the graph outputs. `scope_out` (optional) receives all values.
  std::vector<ConstPtr> RunGraph(const Graph& g, const std::vector<ConstPtr>& inputs, const Scope* parent,
                                 std::vector<ConstPtr>* scope_out = nullptr);

 private:
  void RunNode(const Graph& g, const Node& n, Scope& scope);
  void RunIf(const Graph& g, const Node& n, Scope& scope);
  void RunLoop(const Graph& g, const Node& n, Scope& scope);
  ConstPtr Get(const Graph& g, Scope& scope, int v, bool* fixed = nullptr) const;

  const CompileOptions& options_;
  ThreadPool* pool_;
  KernelCache* cache_;
  SubgraphCache* subgraphs_;
};

// If branches and Loop bodies compiled to static executables, specialized to the dims and dtypes of the values
// they read and to the identity of the constants among them (which become foldable weights), so a body runs
// fused and planned instead of node by node. A body still dynamic after specialization (shapes that depend on
// data) is interpreted. Not thread-safe: owned by one executable, used by its runs.
class SubgraphCache {
 public:
  SubgraphCache(const CompileOptions& options, ThreadPool* pool);
  ~SubgraphCache();
  // Runs body on its formal inputs and the enclosing scope into *outs; false when it must be interpreted.
  bool Run(const Graph& body, const std::vector<ConstPtr>& inputs, const Interpreter::Scope& scope,
           std::vector<ConstPtr>* outs);
  int Compiled() const { return compiled_; }

 private:
  struct Variant;

  CompileOptions options_;
  ThreadPool* pool_;
  std::map<const Graph*, std::vector<std::string>> free_names_;  // read from enclosing scopes, nested bodies too
  std::map<const Graph*, std::vector<std::unique_ptr<Variant>>> variants_;
  int compiled_ = 0;
};

}  // namespace parity::rt
