// `parity conformance`: runs ONNX backend-test cases on one backend and checks outputs with ONNX's rule.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "harness/backends/backend.h"
#include "harness/conformance/expectations.h"

namespace parity {

struct ConformanceOptions {
  std::vector<std::string> paths;
  std::string backend = "reference";
  BackendOptions backend_options;
  std::string filter;            // ECMAScript regex searched in case names; empty = all
  double rtol = 1e-3;
  double atol = 1e-7;
  bool tolerance_given = false;  // --rtol/--atol replace per-case overrides too
  std::string expectations_path;
  std::string json_path;         // per-case results, written as the run goes (atomic rewrite per case)
  bool verbose = false;
  // Count a case the backend declines with an error (unsupported op, type or attribute, at load or run time) as
  // "unsupported" instead of failed; wrong answers still fail. For engines that do not cover every op yet: the
  // gate then guarantees "no silent wrong answer".
  bool unsupported_ok = false;
};

enum class CaseStatus { kPassed, kFailed, kExpectedFailure, kUnexpectedPass, kSkipped, kUnsupported };
const char* CaseStatusName(CaseStatus status);

struct CaseResult {
  std::string name;
  std::string group;
  std::string op;
  CaseStatus status = CaseStatus::kPassed;
  std::string message;  // failure reason or expected-failure reason
  double max_abs_error = 0;
  double seconds = 0;
};

struct ConformanceSummary {
  int passed = 0;
  int failed = 0;       // unexpected failures
  int expected = 0;     // expected failures (counted as skipped in the closing line)
  int unexpected_passes = 0;
  int unsupported = 0;  // refused at load with unsupported_ok (counted as skipped in the closing line)
  std::vector<CaseResult> results;
};

// Runs every case, printing progress/failures and the per-op table to `out`; never throws for a case's own
// failure (bad model, unsupported op, mismatch): that is the case's result. Throws InputError for bad options.
ConformanceSummary RunConformance(const ConformanceOptions& options, std::ostream& out);

}  // namespace parity
