#include "harness/conformance/test_case.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "harness/core/errors.h"
#include "harness/io/tensor_pb.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

bool IsCaseFolder(const fs::path& dir) { return fs::is_regular_file(dir / "model.onnx"); }

std::vector<std::string> DataSets(const fs::path& dir) {
  std::vector<std::string> sets;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory() && e.path().filename().string().rfind("test_data_set_", 0) == 0) {
      sets.push_back(e.path().string());
    }
  }
  std::sort(sets.begin(), sets.end());
  return sets;
}

void AddFolderCase(const fs::path& dir, const std::string& group, std::vector<TestCase>& out) {
  TestCase c;
  c.name = dir.filename().string();
  c.model_path = (dir / "model.onnx").string();
  c.group = group;
  c.data_sets = DataSets(dir);
  out.push_back(std::move(c));
}

void AddLightCases(const fs::path& dir, std::vector<TestCase>& out) {
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string file = e.path().filename().string();
    if (e.path().extension() != ".onnx") continue;
    const std::string stem = e.path().stem().string();
    if (!fs::exists(dir / (stem + "_output_0.pb"))) continue;
    TestCase c;
    c.name = stem;
    c.model_path = e.path().string();
    c.group = dir.filename().string();
    c.light = true;
    out.push_back(std::move(c));
  }
}

std::string KindHint(const IoInfo& info) {
  return info.is_tensor ? "tensor" : "";
}

Value ReadExpected(const std::string& path, const IoInfo& info, bool is_sequence, bool is_optional) {
  if (is_optional) return ReadValuePb(path, "optional");
  if (is_sequence) return ReadValuePb(path, "sequence");
  return ReadValuePb(path, KindHint(info));
}

// Graph-level value kinds (the backends' IoInfo only says tensor or not).
void KindsOf(const onnx::ModelProto& model, const std::string& name, bool& sequence, bool& optional) {
  auto check = [&](const onnx::ValueInfoProto& v) {
    if (v.name() != name) return;
    sequence = v.type().has_sequence_type();
    optional = v.type().has_optional_type();
  };
  for (const auto& v : model.graph().input()) check(v);
  for (const auto& v : model.graph().output()) check(v);
}

onnx::ModelProto ParseQuietly(const std::string& path) {
  onnx::ModelProto model;
  std::ifstream in(path, std::ios::binary);
  if (!in || !model.ParseFromIstream(&in)) throw InputError("cannot parse '" + path + "'");
  return model;
}

Tensor LightInput(const IoInfo& info) {
  Dims dims = info.dims;
  for (auto& d : dims) d = d < 0 ? 1 : d;
  const int64_t n = NumElements(dims);
  std::vector<double> values(n);
  for (int64_t i = 0; i < n; ++i) values[i] = static_cast<double>(static_cast<float>(i) / static_cast<float>(n));
  return Tensor::FromDoubles(ElementType::kFloat, dims, values);
}

}  // namespace

std::vector<TestCase> DiscoverCases(const std::vector<std::string>& paths) {
  std::vector<TestCase> cases;
  for (const auto& p : paths) {
    const fs::path path(p);
    if (!fs::is_directory(path)) throw InputError("'" + p + "' is not a folder of ONNX backend test cases");
    const size_t before = cases.size();
    if (IsCaseFolder(path)) {
      AddFolderCase(path, path.parent_path().filename().string(), cases);
      continue;
    }
    for (const auto& e : fs::directory_iterator(path)) {
      if (e.is_directory() && IsCaseFolder(e.path())) AddFolderCase(e.path(), path.filename().string(), cases);
    }
    AddLightCases(path, cases);
    if (cases.size() == before) throw InputError("'" + p + "' holds no ONNX backend test case");
  }
  std::sort(cases.begin(), cases.end(), [](const TestCase& a, const TestCase& b) { return a.name < b.name; });
  return cases;
}

TestData LoadTestData(const TestCase& test_case, size_t index, const std::vector<IoInfo>& inputs,
                      const std::vector<IoInfo>& outputs) {
  TestData data;
  if (test_case.light) {
    for (const auto& in : inputs) data.inputs[in.name] = LightInput(in);
    const fs::path dir = fs::path(test_case.model_path).parent_path();
    data.expected.emplace_back(outputs.at(0).name,
                               ReadValuePb((dir / (test_case.name + "_output_0.pb")).string(), "tensor"));
    return data;
  }
  const onnx::ModelProto model = ParseQuietly(test_case.model_path);
  const fs::path dir(test_case.data_sets.at(index));
  for (size_t i = 0; i < inputs.size(); ++i) {
    const fs::path file = dir / ("input_" + std::to_string(i) + ".pb");
    if (!fs::exists(file)) continue;  // an omitted optional input
    bool seq = false, opt = false;
    KindsOf(model, inputs[i].name, seq, opt);
    data.inputs[inputs[i].name] = ReadExpected(file.string(), inputs[i], seq, opt);
  }
  for (size_t j = 0; j < outputs.size(); ++j) {
    const fs::path file = dir / ("output_" + std::to_string(j) + ".pb");
    if (!fs::exists(file)) throw InputError("'" + file.string() + "' is missing");
    bool seq = false, opt = false;
    KindsOf(model, outputs[j].name, seq, opt);
    data.expected.emplace_back(outputs[j].name, ReadExpected(file.string(), outputs[j], seq, opt));
  }
  return data;
}

std::string CaseOperator(const TestCase& test_case) {
  std::string path = test_case.model_path;
  const std::string suffix = "_expanded";
  if (test_case.name.size() > suffix.size() &&
      test_case.name.compare(test_case.name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    const fs::path sibling = fs::path(path).parent_path().parent_path() /
                             test_case.name.substr(0, test_case.name.size() - suffix.size()) / "model.onnx";
    if (fs::exists(sibling)) path = sibling.string();
  }
  try {
    const onnx::ModelProto model = ParseQuietly(path);
    if (model.graph().node_size() == 1) return model.graph().node(0).op_type();
  } catch (const InputError&) {
  }
  return "(graph)";
}

}  // namespace parity
