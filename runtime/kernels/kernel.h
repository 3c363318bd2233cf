// Kernel interface and self-registration.
//
// Each op file registers an OpSchema {op, opset range, factory}. The factory gets a KernelBuilder describing
// one node with fully known input dims (and the data of constant inputs), validates attributes, sets the output
// dtypes/dims/layout and returns the kernel. Factories must be cheap: the compiler calls them again after every
// pass to re-infer shapes. Expensive one-time work (weight packing) belongs in Kernel::Prepare, which the
// executors call once per plan. Errors go through KernelBuilder::Fail so they name node, op and option.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/buffer.h"
#include "ir/graph.h"
#include "parity/runtime/options.h"

namespace parity::rt {

class ThreadPool;

// Thrown by KernelBuilder::ConstInput when a shape-determining input is only known at run time. Shape inference
// turns it into "dynamic graph" (interpreter path) instead of an error.
class NeedsDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A tensor as the kernel sees it at run time.
struct TensorRef {
  void* data = nullptr;
  const Dims* dims = nullptr;
  template <typename T>
  T* as() const {
    return static_cast<T*>(data);
  }
};

struct RunContext {
  std::vector<TensorRef> in;   // by node input index (data == nullptr for omitted optional inputs)
  std::vector<TensorRef> out;  // by node output index
  void* scratch = nullptr;     // Kernel::ScratchBytes() bytes, 64-byte aligned, not preserved across runs
  ThreadPool* pool = nullptr;
  // Set by the static executor when some computed input was written by several threads (its producer split its
  // loop): then small ops split too, each thread reading what its own core wrote. Otherwise the calling thread
  // wrote them all and a small op stays on it: split, the other threads would fetch their share from this
  // core's cache, which costs more than the work (ppocr-v2-cls's depthwise convs ran 3x slower at 2 threads).
  bool inputs_spread = false;
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  // One-time work with the constant inputs (packing weights). Called before the first Run.
  virtual void Prepare() {}
  virtual void Run(const RunContext& ctx) = 0;
  // Temporary memory needed during Run (planned into the arena, live only during this node).
  virtual size_t ScratchBytes() const { return 0; }
  // Output o shares input i's memory (reshape-like ops); the planner then gives both one buffer.
  virtual int AliasInputOf(int output) const { return -1; }
  // Input i may live inside output 0 at this byte offset (Concat whose inputs are contiguous slices of its
  // output): the planner then lets the producer write there directly, and Run sees in[i] already in place (it
  // must not copy a range onto itself). -1: input i keeps its own buffer.
  virtual int64_t InputOffsetInOutput(int input) const { return -1; }
  // Estimated floating point operations of one Run (compile stats).
  virtual double Flops() const { return 0; }
  // The implementation chosen where an op has several (e.g. "winograd-f4x4" for a Conv); empty otherwise.
  virtual std::string Algorithm() const { return {}; }
  // Whether Run with this context divides its work among the pool's threads (so the executor can tell the
  // consumers where their inputs were written). Default: whenever the pool has more than one thread.
  virtual bool Splits(const RunContext& ctx) const;
};

// Whether a loop of `work` units is worth splitting: at `threshold` when the calling thread wrote the inputs, at an
// eighth of it when they are spread over the cores (producers split by channel blocks or contiguous ranges, as
// the caller's loop does: each thread then reads what its own core wrote, and one thread alone would fetch the
// rest from the other core).
inline bool WorthSplitting(const RunContext& ctx, double work, double threshold) {
  return work >= (ctx.inputs_spread ? threshold / 8 : threshold);
}

struct TensorDesc {
  DType dtype = DType::kF32;
  Dims dims;
  MemLayout layout = MemLayout::kPlain;
  int block = 1;
  ConstPtr data;  // set when the value is constant (or known at run time on the dynamic path)
};

class KernelBuilder {
 public:
  KernelBuilder(const Node& node, std::vector<TensorDesc> inputs, const CompileOptions& options)
      : node_(node), in_(std::move(inputs)), out_(node.outputs.size()), options_(options) {}

  const Node& node() const { return node_; }
  const CompileOptions& options() const { return options_; }
  int num_inputs() const { return static_cast<int>(in_.size()); }
  int num_outputs() const { return static_cast<int>(out_.size()); }
  bool has_input(int i) const { return i < num_inputs() && node_.inputs[i] >= 0; }
  const TensorDesc& in(int i) const { return in_[i]; }
  const Dims& dims(int i) const { return in_[i].dims; }
  // Data of a constant input; throws NeedsDataError when the input is computed at run time. Records that the
  // kernel depends on the input's values (the interpreter's kernel cache keys on them).
  const ConstTensor& ConstInput(int i, const char* what) const;
  // Integer vector from a constant int64 input (e.g. Reshape's shape).
  std::vector<int64_t> ConstInts(int i, const char* what) const;

  void SetOutput(int i, DType t, Dims dims, MemLayout layout = MemLayout::kPlain, int block = 1);
  const TensorDesc& out(int i) const { return out_[i]; }
  const std::vector<TensorDesc>& outputs() const { return out_; }
  const std::vector<bool>& data_used() const { return data_used_; }

  // Throws CompileError "node 'n' (Op): msg".
  [[noreturn]] void Fail(const std::string& msg) const;
  void Require(bool cond, const std::string& msg) const {
    if (!cond) Fail(msg);
  }
  // Checks input count within [lo, hi] and that input 0..lo-1 are present.
  void ExpectInputs(int lo, int hi) const;
  void ExpectFloat(int i) const;

 private:
  const Node& node_;
  std::vector<TensorDesc> in_;
  std::vector<TensorDesc> out_;
  const CompileOptions& options_;
  mutable std::vector<bool> data_used_;
};

using KernelFactory = std::function<std::unique_ptr<Kernel>(KernelBuilder&)>;

struct OpSchema {
  std::string domain;  // "" = ai.onnx, "parity" = runtime-internal ops created by passes
  std::string op;
  int since = 1;
  int until = 1 << 30;
  KernelFactory factory;
  // Compile-time evaluation allowed when all inputs are constant (false for random ops).
  bool foldable = true;
  // Kernel key part 2: the compute precision this kernel implements. bf16/int8 kernels register beside the fp32
  // ones under the same op name; the compiler picks by CompileOptions::precision.
  Precision precision = Precision::kFp32;
};

class OpRegistry {
 public:
  static OpRegistry& Get();
  bool Add(OpSchema schema);
  // nullptr if no schema covers (domain, op, opset, precision).
  const OpSchema* Find(const std::string& domain, const std::string& op, int opset,
                       Precision precision = Precision::kFp32) const;
  std::vector<std::string> OpNames() const;

 private:
  std::vector<OpSchema> schemas_;
};

#define PARITY_CONCAT_INNER(a, b) a##b
#define PARITY_CONCAT(a, b) PARITY_CONCAT_INNER(a, b)
// Registers an op at static-initialization time: PARITY_REGISTER_OP({"", "Relu", 6, INT_MAX, &MakeRelu});
#define PARITY_REGISTER_OP(...) \
  static const bool PARITY_CONCAT(kParityOpRegistered, __LINE__) = ::parity::rt::OpRegistry::Get().Add(__VA_ARGS__)

constexpr int kMaxOpset = 1 << 30;

}  // namespace parity::rt
