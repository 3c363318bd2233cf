// The runtime's own graph IR: values with static dims and storage dtypes, nodes with ONNX attributes plus the
// fields passes add (fused epilogue, covered ONNX nodes, layout). Passes edit it in place; values are never
// deleted (dead ones are simply unreferenced) so value ids stay stable.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <onnx/onnx_pb.h>

#include "core/buffer.h"
#include "core/dtype.h"

namespace parity::rt {

// Activation applied by a fused epilogue (shared by conv, gemm and matmul kernels).
enum class Act : uint8_t { kNone, kRelu, kClip, kSigmoid, kHardSigmoid, kHardSwish, kSilu, kGelu };
const char* ActName(Act a);

// y = act(acc + bias [+ residual]); residual is the node input at index Node::residual_input.
struct NodeEpilogue {
  Act act = Act::kNone;
  float alpha = 0.f;  // Clip min / HardSigmoid alpha
  float beta = 0.f;   // Clip max / HardSigmoid beta
};

// kBlocked = N, ceil(C/b), spatial..., b  with zero padding lanes (b = CompileOptions::channel_block).
enum class MemLayout : uint8_t { kPlain, kBlocked };

struct Value {
  std::string name;
  DType dtype = DType::kF32;
  int onnx_dtype = onnx_type::kFloat;  // declared type (graph I/O conversions)
  Dims dims;                           // logical dims (NCHW even when blocked)
  bool shape_known = false;
  MemLayout layout = MemLayout::kPlain;
  int block = 1;  // channel block when kBlocked
  ConstPtr data;  // non-null: constant
  int producer = -1;
  bool graph_input = false;
  bool graph_output = false;
  bool outer = false;  // defined in an enclosing graph (subgraphs only), looked up by name at run time

  bool is_const() const { return data != nullptr; }
  // Bytes of the stored tensor (blocked tensors include padding lanes).
  size_t StorageBytes() const;
};

struct Graph;

struct Node {
  std::string name;
  std::string op;
  std::string domain;
  std::vector<int> inputs;  // value ids, -1 = optional input omitted
  std::vector<int> outputs;
  std::map<std::string, onnx::AttributeProto> attrs;
  std::map<std::string, std::shared_ptr<Graph>> subgraphs;  // If/Loop bodies
  std::vector<std::string> covers;                          // ONNX nodes this node implements
  NodeEpilogue epilogue;
  int residual_input = -1;  // index into inputs of the fused residual operand, -1 = none
  bool removed = false;

  bool HasAttr(const std::string& n) const { return attrs.count(n) != 0; }
  int64_t AttrInt(const std::string& n, int64_t def) const;
  float AttrFloat(const std::string& n, float def) const;
  std::string AttrString(const std::string& n, const std::string& def) const;
  std::vector<int64_t> AttrInts(const std::string& n) const;  // empty if absent
  std::vector<float> AttrFloats(const std::string& n) const;
  void SetAttrInt(const std::string& n, int64_t v);
  void SetAttrInts(const std::string& n, const std::vector<int64_t>& v);
  void SetAttrFloat(const std::string& n, float v);
  // Human description with epilogue, e.g. "Conv+Add+Relu".
  std::string Describe() const;
};

struct Graph {
  std::vector<Value> values;
  std::vector<Node> nodes;
  std::vector<int> inputs;  // graph inputs that are fed at run time (initializer-inputs are constants)
  std::vector<int> outputs;
  int opset = 1;
  std::unordered_map<std::string, int> by_name;

  int FindValue(const std::string& name) const;
  // Returns the existing value with that name or adds a new one.
  int GetOrAddValue(const std::string& name);
  // Adds a value with a fresh name derived from base.
  int AddValue(const std::string& base);
  int AddConst(const std::string& base, ConstPtr data);
  // Live nodes (not removed) that read value v.
  std::vector<int> Consumers(int v) const;
  // Number of uses of v by live nodes plus one if it is a graph output.
  int UseCount(int v) const;
  // Recomputes Value::producer from live nodes.
  void RebuildProducers();
  // Orders live nodes topologically (stable) and drops removed ones; throws CompileError on cycles.
  void Compact();
  // Replaces every use of `from` (by live nodes and graph outputs) with `to`.
  void ReplaceUses(int from, int to);
};

}  // namespace parity::rt
