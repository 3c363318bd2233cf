// Reading YAML with errors that name the place: every node is paired with the file it came from, so a bad key,
// type or value is reported as "file:line:column: <what>; allowed: <...>" (or "--set key" for overrides).
#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace parity {

struct YamlNode {
  using Documents = std::vector<std::pair<YAML::Node, std::string>>;
  YAML::Node node;
  std::string file;  // the top-level file, or "--set <key>" for a command-line override
  // Every document loaded (includes too): Where() finds the file a node really came from.
  std::shared_ptr<const Documents> documents;

  std::string Where() const;  // "file:line:col"
  [[noreturn]] void Fail(const std::string& message) const;

  bool Has(const std::string& key) const { return node.IsMap() && node[key]; }
  YamlNode operator[](const std::string& key) const { return {node[key], file, documents}; }
  std::string SourceFile() const;
  // Fails unless a mapping whose keys are all in `allowed` (the message lists them).
  void ExpectKeys(const std::vector<std::string>& allowed) const;
  std::vector<YamlNode> Items() const;  // sequence items (a scalar counts as a one-item list)

  std::string AsString() const;
  double AsDouble() const;
  int64_t AsInt() const;
  bool AsBool() const;
  std::vector<int64_t> AsInts() const;
  std::vector<double> AsDoubles() const;
  std::vector<std::string> AsStrings() const;
  // One of `allowed` (the message lists them).
  std::string AsChoice(const std::vector<std::string>& allowed) const;
  // A path; relative paths were already resolved against the folder of the file that holds them.
  std::string AsPath() const;
};

// Loads `path` with its `include:` files merged underneath (keys of the including file win; `models` and
// `backends` lists are concatenated, included first), then applies `overrides` ("a.b.0.c=value", value parsed as
// YAML). Throws InputError with file:line:col for syntax errors, missing includes and include cycles.
YamlNode LoadYamlWithIncludes(const std::string& path, const std::vector<std::string>& overrides);

}  // namespace parity
