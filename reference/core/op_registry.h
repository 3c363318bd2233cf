// How a reference op declares itself. Each file in reference/ops/ registers one op (all its versions):
//
//   void RunLeakyRelu(OpContext& ctx) { ... }
//   PARITY_REFERENCE_OP(OpDef("LeakyRelu").Versions({6, 16}).Float("alpha", 0.01).Run(RunLeakyRelu));
//
// Versions are the ONNX `since_version`s the file implements; a node is served by the largest listed version
// that is <= the model's opset for the op's domain, and is refused when the ONNX schema says a newer version of
// the op is in force at that opset. Attributes are declared with their schema defaults; a node carrying an
// attribute the op does not declare is refused (so nothing is silently ignored).
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

class OpContext;
using OpKernel = std::function<void(OpContext&)>;

enum class AttrType { kFloat, kInt, kString, kTensor, kGraph, kFloats, kInts, kStrings, kGraphs, kTypeProto };
const char* AttrTypeName(AttrType type);

struct AttrDef {
  std::string name;
  AttrType type;
  bool has_default = false;  // false: optional without default (ctx.HasAttr decides) or required
  bool required = false;
  double float_default = 0;
  int64_t int_default = 0;
  std::string string_default;
  std::vector<double> floats_default;
  std::vector<int64_t> ints_default;
  std::vector<std::string> strings_default;
  // Versions this attribute exists in; empty means all versions the op registers.
  int first_version = 0;
  int last_version = 1 << 30;
};

class OpDef {
 public:
  explicit OpDef(std::string op_type, std::string domain = "");

  OpDef& Versions(std::vector<int> since_versions);
  OpDef& Run(OpKernel kernel);

  // Attributes with a schema default.
  OpDef& Float(const std::string& name, double default_value);
  OpDef& Int(const std::string& name, int64_t default_value);
  OpDef& String(const std::string& name, std::string default_value);
  OpDef& Floats(const std::string& name, std::vector<double> default_value);
  OpDef& Ints(const std::string& name, std::vector<int64_t> default_value);
  OpDef& Strings(const std::string& name, std::vector<std::string> default_value);
  // Attributes without a default: optional (ctx.HasAttr) unless `required`.
  OpDef& Attr(const std::string& name, AttrType type, bool required = false);
  // Restricts the attribute declared last to the versions [first, last] (both inclusive).
  OpDef& Only(int first_version, int last_version = 1 << 30);

  const std::string& op_type() const { return op_type_; }
  const std::string& domain() const { return domain_; }
  const std::vector<int>& versions() const { return versions_; }
  const std::vector<AttrDef>& attributes() const { return attributes_; }
  const OpKernel& kernel() const { return kernel_; }
  const AttrDef* FindAttr(const std::string& name, int version) const;

 private:
  std::string op_type_;
  std::string domain_;
  std::vector<int> versions_;
  std::vector<AttrDef> attributes_;
  OpKernel kernel_;
};

class OpRegistry {
 public:
  static OpRegistry& Global();
  void Add(OpDef def);  // throws on a duplicate (domain, op)
  const OpDef* Find(const std::string& domain, const std::string& op_type) const;
  std::vector<const OpDef*> All() const;

 private:
  std::deque<OpDef> defs_;  // deque: pointers stay valid as ops register
};

namespace internal {
bool RegisterOp(OpDef def);
}

}  // namespace parity::ref

#define PARITY_REF_CONCAT_INNER(a, b) a##b
#define PARITY_REF_CONCAT(a, b) PARITY_REF_CONCAT_INNER(a, b)
// Registers an OpDef at static-initialisation time. Use once per op file, at namespace scope.
#define PARITY_REFERENCE_OP(def) \
  static const bool PARITY_REF_CONCAT(kParityRefOpRegistered_, __LINE__) = ::parity::ref::internal::RegisterOp(def)
