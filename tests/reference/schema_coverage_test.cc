// Walks Debian libonnx's schema registry (opsets <= 17) and reports, for every in-scope op, the versions from
// opset 7 on (and the version in force at opset 7) that the reference does not implement, and the schema
// attributes an implemented version does not declare or declares with another default. Versions after 17 are
// exercised by the conformance gates (the registry does not know them).
#include <gtest/gtest.h>
#include <onnx/defs/schema.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/op_registry.h"

namespace parity::ref {
namespace {

constexpr int kFirstOpset = 7;
constexpr int kRegistryLastOpset = 17;

std::vector<std::string> InScopeOps() {
  std::ifstream in(std::string(PARITY_TEST_DATA_DIR) + "/in_scope_ops.txt");
  std::vector<std::string> ops;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') ops.push_back(line);
  }
  return ops;
}

// since_versions of `op` (default domain) known to libonnx, ascending.
std::vector<int> SchemaVersions(const std::string& op) {
  std::set<int> versions;
  for (const auto& schema : onnx::OpSchemaRegistry::get_all_schemas_with_history()) {
    if (schema.Name() == op && (schema.domain().empty() || schema.domain() == "ai.onnx")) {
      versions.insert(schema.SinceVersion());
    }
  }
  return {versions.begin(), versions.end()};
}

// The versions in scope: those since opset 7, plus the one in force at opset 7.
std::vector<int> VersionsInScope(const std::vector<int>& versions) {
  std::vector<int> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    const bool in_force_at_7 = versions[i] <= kFirstOpset && (i + 1 == versions.size() || versions[i + 1] > kFirstOpset);
    if (versions[i] >= kFirstOpset || in_force_at_7) out.push_back(versions[i]);
  }
  return out;
}

TEST(SchemaCoverage, EveryInScopeOpVersionIsImplemented) {
  const auto ops = InScopeOps();
  ASSERT_GT(ops.size(), 100u) << "in_scope_ops.txt not found or truncated";
  std::ostringstream gaps;
  int missing = 0;
  for (const auto& op : ops) {
    const OpDef* def = OpRegistry::Global().Find("", op);
    const std::vector<int> wanted = VersionsInScope(SchemaVersions(op));
    std::vector<int> absent;
    for (int v : wanted) {
      if (!def || std::find(def->versions().begin(), def->versions().end(), v) == def->versions().end()) {
        absent.push_back(v);
      }
    }
    if (!def && wanted.empty()) absent.push_back(0);  // an op newer than opset 17, not implemented at all
    if (absent.empty()) continue;
    ++missing;
    gaps << "  " << op << ":";
    for (int v : absent) gaps << " " << (v ? std::to_string(v) : std::string("(all; op is newer than opset 17)"));
    gaps << "\n";
  }
  EXPECT_EQ(missing, 0) << "in-scope ops with unimplemented versions (" << missing << "):\n" << gaps.str();
}

std::string DefaultOf(const onnx::AttributeProto& a) {
  std::ostringstream os;
  switch (a.type()) {
    case onnx::AttributeProto::FLOAT: os << a.f(); break;
    case onnx::AttributeProto::INT: os << a.i(); break;
    case onnx::AttributeProto::STRING: os << a.s(); break;
    case onnx::AttributeProto::INTS: for (auto v : a.ints()) os << v << ","; break;
    case onnx::AttributeProto::FLOATS: for (auto v : a.floats()) os << v << ","; break;
    default: os << "?";
  }
  return os.str();
}

std::string DefaultOf(const AttrDef& a) {
  std::ostringstream os;
  switch (a.type) {
    case AttrType::kFloat: os << static_cast<float>(a.float_default); break;
    case AttrType::kInt: os << a.int_default; break;
    case AttrType::kString: os << a.string_default; break;
    case AttrType::kInts: for (auto v : a.ints_default) os << v << ","; break;
    case AttrType::kFloats: for (auto v : a.floats_default) os << static_cast<float>(v) << ","; break;
    default: os << "?";
  }
  return os.str();
}

TEST(SchemaCoverage, ImplementedVersionsDeclareEverySchemaAttributeWithItsDefault) {
  std::ostringstream problems;
  int count = 0;
  for (const OpDef* def : OpRegistry::Global().All()) {
    for (int v : def->versions()) {
      if (v > kRegistryLastOpset) continue;
      const auto* schema = onnx::OpSchemaRegistry::Schema(def->op_type(), v, def->domain());
      if (schema == nullptr || schema->SinceVersion() != v) continue;
      for (const auto& [name, attr] : schema->attributes()) {
        const AttrDef* declared = def->FindAttr(name, v);
        if (declared == nullptr) {
          ++count;
          problems << "  " << def->op_type() << "-" << v << ": attribute '" << name << "' not declared\n";
          continue;
        }
        if (attr.default_value.has_type() != declared->has_default) {
          ++count;
          problems << "  " << def->op_type() << "-" << v << ": attribute '" << name << "' "
                   << (declared->has_default ? "has a default the schema lacks" : "lacks the schema default ")
                   << (declared->has_default ? "" : DefaultOf(attr.default_value)) << "\n";
        } else if (declared->has_default && DefaultOf(attr.default_value) != DefaultOf(*declared)) {
          ++count;
          problems << "  " << def->op_type() << "-" << v << ": attribute '" << name << "' default "
                   << DefaultOf(*declared) << " != schema " << DefaultOf(attr.default_value) << "\n";
        }
      }
    }
  }
  EXPECT_EQ(count, 0) << "attribute declarations that disagree with the ONNX schema:\n" << problems.str();
}

}  // namespace
}  // namespace parity::ref
