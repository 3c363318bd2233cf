// ONNX backend-test cases on disk and their data.
//
// A case is either a folder with model.onnx and test_data_set_N/{input_i.pb, output_j.pb}, or a "light" model
// (light_<m>.onnx beside light_<m>_output_0.pb) whose input is arange(n)/n in the input's shape, free dims 1.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/backends/backend.h"

namespace parity {

struct TestCase {
  std::string name;        // folder name or light model stem
  std::string model_path;
  std::string group;       // the folder the case came from ("node", "light", ...)
  bool light = false;
  std::vector<std::string> data_sets;  // folders test_data_set_N, in order
};

struct TestData {
  std::map<std::string, Value> inputs;
  std::vector<std::pair<std::string, Value>> expected;  // by graph output, in order
};

// Expands paths (case folders, folders of cases, light folders) into cases sorted by name. Throws InputError for
// a path that exists but holds no case, or does not exist.
std::vector<TestCase> DiscoverCases(const std::vector<std::string>& paths);

// Loads data set `index` of `test_case` for a backend's declared inputs/outputs.
TestData LoadTestData(const TestCase& test_case, size_t index, const std::vector<IoInfo>& inputs,
                      const std::vector<IoInfo>& outputs);

// The model's operator for per-op tables: the op of a single-node model; for "<x>_expanded" cases the op of the
// sibling "<x>" case; otherwise "(graph)".
std::string CaseOperator(const TestCase& test_case);

}  // namespace parity
