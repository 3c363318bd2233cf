// Conformance expectations as data (suites/conformance/expectations.yaml): cases expected to fail on a backend,
// and per-case tolerance overrides, each with the reason. Case patterns are full-match ECMAScript regexes over
// the case name (the folder name, e.g. "test_cast_FLOAT_to_FLOAT8E4M3FN").
//
//   expected_failures:
//     reference:
//       - {case: "test_foo_.*", reason: "why it cannot pass"}
//   tolerances:
//     - {case: "test_bar", rtol: 1e-2, atol: 1e-5, reason: "why the default is too tight"}
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace parity {

struct ExpectedFailure {
  std::string backend;
  std::string pattern;
  std::regex regex;
  std::string reason;
};

struct ToleranceOverride {
  std::string pattern;
  std::regex regex;
  double rtol = 0;
  double atol = 0;
  std::string reason;
};

class Expectations {
 public:
  // Throws InputError naming the file, line and the allowed keys for anything malformed.
  static Expectations Load(const std::string& path);

  const ExpectedFailure* FindFailure(const std::string& backend, const std::string& case_name) const;
  const ToleranceOverride* FindTolerance(const std::string& case_name) const;

 private:
  std::vector<ExpectedFailure> failures_;
  std::vector<ToleranceOverride> tolerances_;
};

}  // namespace parity
