#include "harness/conformance/runner.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <regex>

#include "harness/compare/allclose.h"
#include "harness/conformance/test_case.h"
#include "harness/core/errors.h"
#include "harness/io/onnx_model.h"

namespace parity {

const char* CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPassed: return "passed";
    case CaseStatus::kFailed: return "failed";
    case CaseStatus::kExpectedFailure: return "expected-failure";
    case CaseStatus::kUnexpectedPass: return "unexpected-pass";
    case CaseStatus::kSkipped: return "skipped";
    case CaseStatus::kUnsupported: return "unsupported";
  }
  return "?";
}

namespace {

// Runs one case; returns an empty string on success, else what went wrong. `refused` tells whether the backend
// refused the case with an error (at load or run time) rather than computing a wrong answer.
std::string RunCase(const TestCase& test_case, const ConformanceOptions& options, double rtol, double atol,
                    double& max_abs_error, bool& refused) {
  refused = false;
  try {
    const onnx::ModelProto model = LoadModel(test_case.model_path);
    auto backend = CreateBackend(options.backend, options.backend_options);
    refused = true;  // until it has run: any exception from here on is the engine declining the case
    backend->Load(model);
    refused = false;
    const size_t sets = test_case.light ? 1 : test_case.data_sets.size();
    if (sets == 0) return "no test_data_set_N folder";
    for (size_t s = 0; s < sets; ++s) {
      TestData data = LoadTestData(test_case, s, backend->inputs(), backend->outputs());
      refused = true;
      auto got = backend->Run(data.inputs);
      refused = false;
      for (const auto& [name, expected] : data.expected) {
        auto it = got.find(name);
        if (it == got.end()) return "output '" + name + "' missing";
        CloseResult r = AllClose(it->second, expected, rtol, atol);
        max_abs_error = std::max(max_abs_error, r.max_abs_error);
        if (!r.ok) {
          return (sets > 1 ? "data set " + std::to_string(s) + ", " : std::string()) + "output '" + name + "' " +
                 r.message;
        }
      }
    }
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void WriteJson(const std::string& path, const ConformanceOptions& options, const ConformanceSummary& summary) {
  nlohmann::json j;
  j["schema"] = "parity.conformance/1";
  j["backend"] = options.backend;
  j["rtol"] = options.rtol;
  j["atol"] = options.atol;
  j["summary"] = {{"passed", summary.passed},
                  {"failed", summary.failed},
                  {"expected_failures", summary.expected},
                  {"unexpected_passes", summary.unexpected_passes},
                  {"unsupported", summary.unsupported}};
  for (const auto& r : summary.results) {
    j["cases"].push_back({{"name", r.name},
                          {"group", r.group},
                          {"op", r.op},
                          {"status", CaseStatusName(r.status)},
                          {"message", r.message},
                          {"max_abs_error", r.max_abs_error},
                          {"seconds", r.seconds}});
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw InputError("cannot write '" + tmp + "'");
    out << j.dump(1) << "\n";
  }
  std::filesystem::rename(tmp, path);  // atomic: a crash leaves the previous complete file
}

void PrintOpTable(const ConformanceSummary& summary, std::ostream& out) {
  struct Row {
    int total = 0, passed = 0, failed = 0, expected = 0, unsupported = 0;
  };
  std::map<std::string, Row> rows;
  for (const auto& r : summary.results) {
    Row& row = rows[r.op];
    ++row.total;
    if (r.status == CaseStatus::kPassed || r.status == CaseStatus::kUnexpectedPass) ++row.passed;
    if (r.status == CaseStatus::kFailed) ++row.failed;
    if (r.status == CaseStatus::kExpectedFailure) ++row.expected;
    if (r.status == CaseStatus::kUnsupported) ++row.unsupported;
  }
  out << "\n" << std::left << std::setw(28) << "op" << std::right << std::setw(7) << "cases" << std::setw(8)
      << "passed" << std::setw(8) << "failed" << std::setw(10) << "expected" << std::setw(13) << "unsupported"
      << "\n";
  for (const auto& [op, row] : rows) {
    out << std::left << std::setw(28) << op << std::right << std::setw(7) << row.total << std::setw(8) << row.passed
        << std::setw(8) << row.failed << std::setw(10) << row.expected << std::setw(13) << row.unsupported << "\n";
  }
}

}  // namespace

ConformanceSummary RunConformance(const ConformanceOptions& options, std::ostream& out) {
  Expectations expectations;
  if (!options.expectations_path.empty()) expectations = Expectations::Load(options.expectations_path);
  std::regex filter;
  try {
    filter = std::regex(options.filter.empty() ? ".*" : options.filter);
  } catch (const std::regex_error& e) {
    throw InputError("--filter '" + options.filter + "' is not a valid regex: " + e.what());
  }
  ConformanceSummary summary;
  for (const TestCase& test_case : DiscoverCases(options.paths)) {
    if (!std::regex_search(test_case.name, filter)) continue;
    double rtol = options.rtol, atol = options.atol;
    if (const ToleranceOverride* t = expectations.FindTolerance(test_case.name); t && !options.tolerance_given) {
      rtol = t->rtol;
      atol = t->atol;
    }
    CaseResult r;
    r.name = test_case.name;
    r.group = test_case.group;
    r.op = CaseOperator(test_case);
    const auto start = std::chrono::steady_clock::now();
    bool refused = false;
    const std::string error = RunCase(test_case, options, rtol, atol, r.max_abs_error, refused);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ExpectedFailure* xfail = expectations.FindFailure(options.backend, test_case.name);
    if (error.empty()) {
      r.status = xfail ? CaseStatus::kUnexpectedPass : CaseStatus::kPassed;
      ++summary.passed;
      if (xfail) {
        ++summary.unexpected_passes;
        out << "UNEXPECTED PASS " << r.name << " (listed as failing: " << xfail->reason << ")\n";
      } else if (options.verbose) {
        out << "ok   " << r.name << "\n";
      }
    } else if (refused && options.unsupported_ok) {
      r.status = CaseStatus::kUnsupported;
      r.message = error;
      ++summary.unsupported;
      if (options.verbose) out << "unsupported " << r.name << ": " << error << "\n";
    } else if (xfail) {
      r.status = CaseStatus::kExpectedFailure;
      r.message = xfail->reason;
      ++summary.expected;
      if (options.verbose) out << "xfail " << r.name << ": " << xfail->reason << "\n";
    } else {
      r.status = CaseStatus::kFailed;
      r.message = error;
      ++summary.failed;
      out << "FAIL " << r.name << ": " << error << "\n";
    }
    summary.results.push_back(std::move(r));
    if (!options.json_path.empty()) WriteJson(options.json_path, options, summary);
  }
  PrintOpTable(summary, out);
  if (summary.unexpected_passes > 0) {
    out << summary.unexpected_passes << " case(s) listed as expected failures now pass: remove them from "
        << options.expectations_path << "\n";
  }
  if (summary.unsupported > 0) {
    out << summary.unsupported << " case(s) declined with an error (unsupported) by " << options.backend
        << " (counted as skipped)\n";
  }
  out << summary.passed << " passed, " << summary.failed << " failed, " << summary.expected + summary.unsupported
      << " skipped\n";
  return summary;
}

}  // namespace parity
