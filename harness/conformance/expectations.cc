#include "harness/conformance/expectations.h"

#include <yaml-cpp/yaml.h>

#include "harness/core/errors.h"

namespace parity {

namespace {

std::string Where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
}

void CheckKeys(const std::string& path, const YAML::Node& node, const std::vector<std::string>& allowed) {
  if (!node.IsMap()) throw InputError(Where(path, node) + ": expected a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    bool known = false;
    std::string list;
    for (const auto& a : allowed) {
      known = known || a == key;
      list += (list.empty() ? "" : ", ") + a;
    }
    if (!known) throw InputError(Where(path, kv.first) + ": unknown key '" + key + "'; allowed: " + list);
  }
}

std::string Required(const std::string& path, const YAML::Node& node, const std::string& key) {
  if (!node[key]) throw InputError(Where(path, node) + ": missing '" + key + "'");
  return node[key].as<std::string>();
}

std::regex Compile(const std::string& path, const YAML::Node& node, const std::string& pattern) {
  try {
    return std::regex(pattern);
  } catch (const std::regex_error& e) {
    throw InputError(Where(path, node) + ": bad case pattern '" + pattern + "': " + e.what());
  }
}

}  // namespace

Expectations Expectations::Load(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError("cannot read expectations file '" + path + "'");
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
                     e.msg);
  }
  Expectations out;
  if (root.IsNull()) return out;
  CheckKeys(path, root, {"expected_failures", "tolerances"});
  try {
    if (const auto failures = root["expected_failures"]) {
      if (!failures.IsMap()) throw InputError(Where(path, failures) + ": expected a mapping of backend -> list");
      for (const auto& kv : failures) {
        const std::string backend = kv.first.as<std::string>();
        for (const auto& item : kv.second) {
          CheckKeys(path, item, {"case", "reason"});
          ExpectedFailure f;
          f.backend = backend;
          f.pattern = Required(path, item, "case");
          f.regex = Compile(path, item, f.pattern);
          f.reason = Required(path, item, "reason");
          out.failures_.push_back(std::move(f));
        }
      }
    }
    if (const auto tolerances = root["tolerances"]) {
      for (const auto& item : tolerances) {
        CheckKeys(path, item, {"case", "rtol", "atol", "reason"});
        ToleranceOverride t;
        t.pattern = Required(path, item, "case");
        t.regex = Compile(path, item, t.pattern);
        t.rtol = std::stod(Required(path, item, "rtol"));
        t.atol = std::stod(Required(path, item, "atol"));
        t.reason = Required(path, item, "reason");
        out.tolerances_.push_back(std::move(t));
      }
    }
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  } catch (const std::invalid_argument&) {
    throw InputError(path + ": rtol/atol must be numbers");
  }
  return out;
}

const ExpectedFailure* Expectations::FindFailure(const std::string& backend, const std::string& case_name) const {
  for (const auto& f : failures_) {
    if ((f.backend == backend || f.backend == "all") && std::regex_match(case_name, f.regex)) return &f;
  }
  return nullptr;
}

const ToleranceOverride* Expectations::FindTolerance(const std::string& case_name) const {
  for (const auto& t : tolerances_) {
    if (std::regex_match(case_name, t.regex)) return &t;
  }
  return nullptr;
}

}  // namespace parity
