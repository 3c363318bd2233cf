// ONNX test data folders: <root>/test_data_set_N/{input_i.pb, output_j.pb}, as the model zoo and the ONNX
// backend tests ship them. Sets are ordered by N; input_i feeds the model's i-th input (a missing file leaves an
// optional input out); output_j becomes the sample's expected value for the j-th output.
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"
#include "harness/io/tensor_pb.h"

namespace parity {
namespace datasets {

namespace {

namespace fs = std::filesystem;

const std::string kSetPrefix = "test_data_set_";

// N of "<prefix>N<suffix>", or -1 when `name` has another form.
int64_t NumberIn(const std::string& name, const std::string& prefix, const std::string& suffix) {
  if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return -1;
  }
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
  return std::stoll(digits);
}

struct DataSet {
  int64_t number = 0;
  std::string dir;
  std::vector<std::pair<int64_t, std::string>> inputs, outputs;  // (index, .pb path), by index
};

DataSet ScanSet(const fs::path& dir, int64_t number, size_t model_input_count) {
  DataSet set{number, dir.string(), {}, {}};
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (const int64_t i = NumberIn(name, "input_", ".pb"); i >= 0) {
      if (static_cast<size_t>(i) >= model_input_count) {
        throw InputError("'" + entry.path().string() + "' feeds input " + std::to_string(i) + " but the model has " +
                         std::to_string(model_input_count) + " inputs");
      }
      set.inputs.emplace_back(i, entry.path().string());
    } else if (const int64_t j = NumberIn(name, "output_", ".pb"); j >= 0) {
      set.outputs.emplace_back(j, entry.path().string());
    }
  }
  if (set.inputs.empty()) throw InputError("ONNX test data set '" + set.dir + "' holds no input_<i>.pb");
  std::sort(set.inputs.begin(), set.inputs.end());
  std::sort(set.outputs.begin(), set.outputs.end());
  return set;
}

std::vector<DataSet> ScanRoot(const std::string& root, size_t model_input_count) {
  if (!fs::is_directory(root)) throw InputError("ONNX test data root '" + root + "' is not a folder");
  std::vector<DataSet> sets;
  for (const auto& entry : fs::directory_iterator(root)) {
    const int64_t n = NumberIn(entry.path().filename().string(), kSetPrefix, "");
    if (entry.is_directory() && n >= 0) sets.push_back(ScanSet(entry.path(), n, model_input_count));
  }
  if (sets.empty()) throw InputError("'" + root + "' holds no test_data_set_<N> folder");
  std::sort(sets.begin(), sets.end(), [](const DataSet& a, const DataSet& b) { return a.number < b.number; });
  return sets;
}

// The name a TensorProto file carries, "" when it has none or is not a TensorProto.
std::string ProtoName(const std::string& path) {
  onnx::TensorProto proto;
  std::ifstream in(path, std::ios::binary);
  return in && proto.ParseFromIstream(&in) ? proto.name() : "";
}

class OnnxTestDataset : public Dataset {
 public:
  OnnxTestDataset(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                  const std::vector<IoInfo>& model_outputs)
      : root_(spec.root), inputs_(model_inputs), outputs_(model_outputs) {
    if (spec.root.empty()) throw InputError("dataset kind onnx_test_data needs `root` (holding test_data_set_N)");
    sets_ = ScanRoot(spec.root, model_inputs.size());
    for (const auto& set : sets_) {
      const bool beyond = !set.outputs.empty() && static_cast<size_t>(set.outputs.back().first) >= outputs_.size();
      if (!outputs_.empty() && beyond) {
        throw InputError("'" + set.outputs.back().second + "' is beyond the model's " +
                         std::to_string(outputs_.size()) + " outputs");
      }
    }
  }

  size_t size() const override { return sets_.size(); }

  Sample Get(size_t index) const override {
    const DataSet& set = sets_.at(index);
    Sample sample;
    sample.id = fs::path(set.dir).filename().string();
    for (const auto& [i, path] : set.inputs) {
      const IoInfo& info = inputs_[i];
      Value value = ReadValuePb(path, info.is_tensor ? "tensor" : "");
      if (value.kind == Value::Kind::kTensor) CheckFeed(info, value.tensor.dtype, value.tensor.dims, "'" + path + "'");
      sample.inputs[info.name] = std::move(value);
    }
    for (const auto& [j, path] : set.outputs) {
      const bool known = static_cast<size_t>(j) < outputs_.size();
      const bool tensor = !known || outputs_[j].is_tensor;
      sample.expected[OutputName(j, path)] = ReadValuePb(path, tensor ? "tensor" : "");
    }
    return sample;
  }

  std::string Describe() const override {
    return "onnx_test_data " + root_ + " (" + std::to_string(sets_.size()) + " samples)";
  }

 private:
  std::string OutputName(int64_t j, const std::string& path) const {
    if (static_cast<size_t>(j) < outputs_.size()) return outputs_[j].name;
    const std::string name = ProtoName(path);
    return name.empty() ? "output_" + std::to_string(j) : name;
  }

  std::string root_;
  std::vector<IoInfo> inputs_, outputs_;
  std::vector<DataSet> sets_;
};

}  // namespace

std::unique_ptr<Dataset> OpenOnnxTestData(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                                          const std::vector<IoInfo>& model_outputs) {
  return std::make_unique<OnnxTestDataset>(spec, model_inputs, model_outputs);
}

}  // namespace datasets
}  // namespace parity
