#include "core/op_registry.h"

#include <algorithm>

#include "parity/reference/error.h"

namespace parity::ref {

const char* AttrTypeName(AttrType type) {
  switch (type) {
    case AttrType::kFloat: return "float";
    case AttrType::kInt: return "int";
    case AttrType::kString: return "string";
    case AttrType::kTensor: return "tensor";
    case AttrType::kGraph: return "graph";
    case AttrType::kFloats: return "floats";
    case AttrType::kInts: return "ints";
    case AttrType::kStrings: return "strings";
    case AttrType::kGraphs: return "graphs";
    case AttrType::kTypeProto: return "type_proto";
  }
  return "?";
}

OpDef::OpDef(std::string op_type, std::string domain) : op_type_(std::move(op_type)), domain_(std::move(domain)) {
  if (domain_ == "ai.onnx") domain_.clear();
}

OpDef& OpDef::Versions(std::vector<int> since_versions) {
  std::sort(since_versions.begin(), since_versions.end());
  versions_ = std::move(since_versions);
  return *this;
}

OpDef& OpDef::Run(OpKernel kernel) {
  kernel_ = std::move(kernel);
  return *this;
}

OpDef& OpDef::Float(const std::string& name, double default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kFloat;
  a.has_default = true;
  a.float_default = default_value;
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Int(const std::string& name, int64_t default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kInt;
  a.has_default = true;
  a.int_default = default_value;
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::String(const std::string& name, std::string default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kString;
  a.has_default = true;
  a.string_default = std::move(default_value);
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Floats(const std::string& name, std::vector<double> default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kFloats;
  a.has_default = true;
  a.floats_default = std::move(default_value);
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Ints(const std::string& name, std::vector<int64_t> default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kInts;
  a.has_default = true;
  a.ints_default = std::move(default_value);
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Strings(const std::string& name, std::vector<std::string> default_value) {
  AttrDef a;
  a.name = name;
  a.type = AttrType::kStrings;
  a.has_default = true;
  a.strings_default = std::move(default_value);
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Attr(const std::string& name, AttrType type, bool required) {
  AttrDef a;
  a.name = name;
  a.type = type;
  a.required = required;
  attributes_.push_back(std::move(a));
  return *this;
}

OpDef& OpDef::Only(int first_version, int last_version) {
  if (attributes_.empty()) throw Error("OpDef(" + op_type_ + ").Only() needs a preceding attribute");
  attributes_.back().first_version = first_version;
  attributes_.back().last_version = last_version;
  return *this;
}

const AttrDef* OpDef::FindAttr(const std::string& name, int version) const {
  for (const AttrDef& a : attributes_) {
    if (a.name == name && version >= a.first_version && version <= a.last_version) return &a;
  }
  return nullptr;
}

OpRegistry& OpRegistry::Global() {
  static OpRegistry registry;
  return registry;
}

void OpRegistry::Add(OpDef def) {
  if (def.versions().empty() || !def.kernel()) {
    throw Error("reference op " + def.op_type() + " registered without versions or kernel");
  }
  if (Find(def.domain(), def.op_type()) != nullptr) {
    throw Error("reference op " + def.op_type() + " (domain '" + def.domain() + "') registered twice");
  }
  defs_.push_back(std::move(def));
}

const OpDef* OpRegistry::Find(const std::string& domain, const std::string& op_type) const {
  const std::string d = domain == "ai.onnx" ? "" : domain;
  for (const OpDef& def : defs_) {
    if (def.op_type() == op_type && def.domain() == d) return &def;
  }
  return nullptr;
}

std::vector<const OpDef*> OpRegistry::All() const {
  std::vector<const OpDef*> out;
  for (const OpDef& def : defs_) out.push_back(&def);
  return out;
}

namespace internal {
bool RegisterOp(OpDef def) {
  OpRegistry::Global().Add(std::move(def));
  return true;
}
}  // namespace internal

}  // namespace parity::ref
