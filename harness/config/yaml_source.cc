#include "harness/config/yaml_source.h"

#include <filesystem>
#include <set>

#include "harness/core/errors.h"

namespace parity {

namespace fs = std::filesystem;

namespace {
bool Contains(const YAML::Node& tree, const YAML::Node& target) {
  if (tree.is(target)) return true;
  if (tree.IsMap()) {
    for (const auto& kv : tree) {
      if (kv.first.is(target) || Contains(kv.second, target)) return true;
    }
  } else if (tree.IsSequence()) {
    for (const auto& item : tree) {
      if (Contains(item, target)) return true;
    }
  }
  return false;
}
}  // namespace

std::string YamlNode::SourceFile() const {
  if (!documents) return file;
  for (const auto& [doc, path] : *documents) {
    if (Contains(doc, node)) return path;
  }
  return "";  // not in any loaded document: created by a --set override
}

std::string YamlNode::Where() const {
  const std::string source = SourceFile();
  if (source.empty()) return "--set override";
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return source;
  return source + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void YamlNode::Fail(const std::string& message) const { throw InputError(Where() + ": " + message); }

namespace {
std::string Join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}
}  // namespace

void YamlNode::ExpectKeys(const std::vector<std::string>& allowed) const {
  if (!node.IsMap()) Fail("expected a mapping with keys from: " + Join(allowed));
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      // Merging includes rebuilds the top-level keys; their values still belong to the file they came from.
      YamlNode at{kv.first, file, documents};
      if (at.SourceFile().empty()) at.node = kv.second;
      at.Fail("unknown key '" + key + "'; allowed: " + Join(allowed));
    }
  }
}

std::vector<YamlNode> YamlNode::Items() const {
  std::vector<YamlNode> out;
  if (!node.IsDefined()) return out;  // an absent key (checked first: yaml-cpp throws on typing it)
  if (node.IsSequence()) {
    for (const auto& item : node) out.push_back({item, file, documents});
  } else if (!node.IsNull()) {
    out.push_back(*this);
  }
  return out;
}

std::string YamlNode::AsString() const {
  if (!node.IsScalar()) Fail("expected a text value");
  return node.as<std::string>();
}

double YamlNode::AsDouble() const {
  try {
    if (node.IsScalar()) return node.as<double>();
  } catch (const YAML::Exception&) {
  }
  Fail("expected a number, got '" + (node.IsScalar() ? node.as<std::string>() : std::string("a collection")) + "'");
}

int64_t YamlNode::AsInt() const {
  try {
    if (node.IsScalar()) return node.as<int64_t>();
  } catch (const YAML::Exception&) {
  }
  Fail("expected an integer, got '" + (node.IsScalar() ? node.as<std::string>() : std::string("a collection")) + "'");
}

bool YamlNode::AsBool() const {
  try {
    if (node.IsScalar()) return node.as<bool>();
  } catch (const YAML::Exception&) {
  }
  Fail("expected true or false");
}

std::vector<int64_t> YamlNode::AsInts() const {
  std::vector<int64_t> out;
  for (const auto& i : Items()) out.push_back(i.AsInt());
  return out;
}

std::vector<double> YamlNode::AsDoubles() const {
  std::vector<double> out;
  for (const auto& i : Items()) out.push_back(i.AsDouble());
  return out;
}

std::vector<std::string> YamlNode::AsStrings() const {
  std::vector<std::string> out;
  for (const auto& i : Items()) out.push_back(i.AsString());
  return out;
}

std::string YamlNode::AsChoice(const std::vector<std::string>& allowed) const {
  const std::string v = AsString();
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    Fail("'" + v + "' is not allowed here; allowed: " + Join(allowed));
  }
  return v;
}

std::string YamlNode::AsPath() const {
  const std::string v = AsString();
  return v;  // relative paths were resolved against their own file when it was loaded
}

namespace {

YAML::Node ParseFile(const std::string& path) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError("cannot read config file '" + path + "'");
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
                     e.msg);
  }
}

// Keys whose values are paths: rewritten relative to their own file so that merging keeps them meaningful.
const std::set<std::string>& PathKeys() {
  static const std::set<std::string> keys = {"path", "root", "images", "labels", "synset", "file", "data_sets",
                                             "expectations"};
  return keys;
}

void ResolvePaths(YAML::Node node, const fs::path& dir) {
  if (!node.IsMap()) {
    if (node.IsSequence()) {
      for (auto item : node) ResolvePaths(item, dir);
    }
    return;
  }
  for (auto kv : node) {
    const std::string key = kv.first.as<std::string>();
    YAML::Node value = kv.second;
    auto resolve = [&](YAML::Node v) {
      const std::string s = v.as<std::string>();
      if (!s.empty() && !fs::path(s).is_absolute()) v = (dir / s).lexically_normal().string();
    };
    if (PathKeys().count(key) && value.IsScalar()) {
      resolve(value);
    } else if (PathKeys().count(key) && value.IsSequence()) {
      for (auto item : value) {
        if (item.IsScalar()) resolve(item);
      }
    } else {
      ResolvePaths(value, dir);
    }
  }
}

YAML::Node LoadMerged(const std::string& path, std::set<std::string>& stack, YamlNode::Documents& docs) {
  const std::string canonical = fs::weakly_canonical(path).string();
  if (!stack.insert(canonical).second) throw InputError("config include cycle through '" + path + "'");
  YAML::Node self = ParseFile(path);
  if (!self.IsMap() && !self.IsNull()) throw InputError(path + ": a config file must be a mapping");
  const fs::path dir = fs::path(path).parent_path();
  ResolvePaths(self, dir);
  // `output` is a path only at the top level (in gates it names a model output).
  if (self["output"] && self["output"].IsScalar()) {
    const std::string out = self["output"].as<std::string>();
    if (!out.empty() && !fs::path(out).is_absolute()) self["output"] = (dir / out).lexically_normal().string();
  }
  docs.emplace_back(self, path);
  YAML::Node merged(YAML::NodeType::Map);
  if (self["include"]) {
    for (const auto& inc : self["include"]) {
      const std::string inc_path = (dir / inc.as<std::string>()).lexically_normal().string();
      YAML::Node sub = LoadMerged(inc_path, stack, docs);
      for (auto kv : sub) {
        const std::string key = kv.first.as<std::string>();
        if ((key == "models" || key == "backends") && merged[key]) {
          for (auto item : kv.second) merged[key].push_back(item);
        } else {
          merged[key] = kv.second;
        }
      }
    }
  }
  for (auto kv : self) {
    const std::string key = kv.first.as<std::string>();
    if (key == "include") continue;
    if ((key == "models" || key == "backends") && merged[key]) {
      YAML::Node combined(YAML::NodeType::Sequence);
      for (auto item : merged[key]) combined.push_back(item);
      for (auto item : kv.second) combined.push_back(item);
      merged[key] = combined;
    } else {
      merged[key] = kv.second;
    }
  }
  stack.erase(canonical);
  return merged;
}

void ApplyOverride(YAML::Node root, const std::string& item) {
  const auto eq = item.find('=');
  if (eq == std::string::npos || eq == 0) throw InputError("--set '" + item + "' must look like key.path=value");
  const std::string key = item.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(item.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    throw InputError("--set " + key + ": value does not parse as YAML: " + e.msg);
  }
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(key.substr(start, dot - start));
  }
  parts.push_back(key.substr(start));
  std::vector<YAML::Node> chain = {root};
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    YAML::Node cur = chain.back();
    const bool index = !parts[i].empty() && std::all_of(parts[i].begin(), parts[i].end(), ::isdigit);
    if (index) {
      const size_t n = std::stoul(parts[i]);
      if (!cur.IsSequence() || n >= cur.size()) {
        throw InputError("--set " + key + ": '" + parts[i] + "' is not an index of an existing list");
      }
      chain.push_back(cur[n]);
    } else {
      if (!cur[parts[i]]) cur[parts[i]] = YAML::Node(YAML::NodeType::Map);
      chain.push_back(cur[parts[i]]);
    }
  }
  YAML::Node parent = chain.back();
  const std::string& last = parts.back();
  if (!last.empty() && std::all_of(last.begin(), last.end(), ::isdigit) && parent.IsSequence()) {
    const size_t n = std::stoul(last);
    if (n >= parent.size()) throw InputError("--set " + key + ": index " + last + " is past the end of the list");
    parent[n] = value;
  } else {
    parent[last] = value;
  }
}

}  // namespace

YamlNode LoadYamlWithIncludes(const std::string& path, const std::vector<std::string>& overrides) {
  std::set<std::string> stack;
  auto docs = std::make_shared<YamlNode::Documents>();
  YAML::Node root = LoadMerged(path, stack, *docs);
  for (const auto& o : overrides) ApplyOverride(root, o);
  return {root, path, docs};
}

}  // namespace parity
