// A folder of ready-made tensors: <sample>.npy feeds the one input; <sample>/<input>.npy feeds several. Samples
// are sorted by name. An array one rank short of the model's declared rank gets a leading batch dim of 1.
#include <algorithm>
#include <filesystem>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"
#include "harness/io/npy.h"

namespace parity {
namespace datasets {

namespace {

namespace fs = std::filesystem;

struct NpySample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;  // (model input, .npy path)
};

const IoInfo* FindInput(const std::string& name, const std::vector<IoInfo>& model_inputs) {
  for (const auto& in : model_inputs) {
    if (in.name == name) return &in;
  }
  return nullptr;
}

NpySample FolderSample(const fs::path& dir, const std::vector<IoInfo>& model_inputs) {
  NpySample sample{dir.filename().string(), {}};
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".npy") continue;
    const std::string input = entry.path().stem().string();
    if (FindInput(input, model_inputs) == nullptr) {
      std::string names;
      for (const auto& in : model_inputs) names += (names.empty() ? "'" : ", '") + in.name + "'";
      throw InputError("'" + entry.path().string() + "' names no model input (inputs: " + names + ")");
    }
    sample.files.emplace_back(input, entry.path().string());
  }
  if (sample.files.empty()) throw InputError("npy sample folder '" + dir.string() + "' holds no .npy file");
  std::sort(sample.files.begin(), sample.files.end());
  return sample;
}

std::vector<NpySample> ListSamples(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs) {
  if (!fs::is_directory(spec.root)) throw InputError("npy folder '" + spec.root + "' is not a folder");
  std::vector<NpySample> samples;
  std::string single_input;
  for (const auto& entry : fs::directory_iterator(spec.root)) {
    if (entry.is_directory() && entry.path().filename().string()[0] != '.') {
      samples.push_back(FolderSample(entry.path(), model_inputs));
    } else if (entry.is_regular_file() && entry.path().extension() == ".npy") {
      if (single_input.empty()) single_input = PickInput(spec.input, model_inputs).name;
      samples.push_back({entry.path().stem().string(), {{single_input, entry.path().string()}}});
    }
  }
  if (samples.empty()) throw InputError("npy folder '" + spec.root + "' holds no .npy sample");
  std::sort(samples.begin(), samples.end(), [](const NpySample& a, const NpySample& b) { return a.name < b.name; });
  return samples;
}

std::string StripNpy(const std::string& item) {
  const std::string ext = ".npy";
  const bool has = item.size() > ext.size() && item.compare(item.size() - ext.size(), ext.size(), ext) == 0;
  return has ? item.substr(0, item.size() - ext.size()) : item;
}

std::vector<int64_t> Labels(const std::vector<NpySample>& samples, const std::string& list_path) {
  std::map<std::string, int64_t> list;
  for (const auto& [item, label] : ReadLabelList(list_path)) list[StripNpy(item)] = label;
  std::vector<int64_t> labels;
  for (const auto& sample : samples) {
    const auto it = list.find(sample.name);
    if (it == list.end()) {
      throw InputError("sample '" + sample.files.front().second + "' has no label in '" + list_path + "'");
    }
    labels.push_back(it->second);
    list.erase(it);
  }
  if (!list.empty()) throw InputError("label list '" + list_path + "' names '" + list.begin()->first + "', no sample");
  return labels;
}

class NpyFolderDataset : public Dataset {
 public:
  NpyFolderDataset(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs)
      : root_(spec.root), model_inputs_(model_inputs) {
    if (spec.root.empty()) throw InputError("dataset kind npy_folder needs `root` (a folder of .npy samples)");
    samples_ = ListSamples(spec, model_inputs);
    if (!spec.labels.empty()) labels_ = Labels(samples_, ResolvePath(spec, spec.labels));
  }

  size_t size() const override { return samples_.size(); }

  Sample Get(size_t index) const override {
    const NpySample& entry = samples_.at(index);
    Sample sample;
    sample.id = entry.name;
    for (const auto& [input, path] : entry.files) {
      const IoInfo& info = *FindInput(input, model_inputs_);
      Tensor tensor = ReadNpy(path);
      if (info.has_shape && tensor.dims.size() + 1 == info.dims.size()) tensor.dims.insert(tensor.dims.begin(), 1);
      CheckFeed(info, tensor.dtype, tensor.dims, "'" + path + "'");
      sample.inputs[input] = std::move(tensor);
    }
    if (!labels_.empty()) sample.label = labels_[index];
    return sample;
  }

  std::string Describe() const override {
    return "npy_folder " + root_ + " (" + std::to_string(samples_.size()) + " samples)";
  }

 private:
  std::string root_;
  std::vector<IoInfo> model_inputs_;
  std::vector<NpySample> samples_;
  std::vector<int64_t> labels_;  // by sample; empty when unlabelled
};

}  // namespace

std::unique_ptr<Dataset> OpenNpyFolder(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs) {
  return std::make_unique<NpyFolderDataset>(spec, model_inputs);
}

}  // namespace datasets
}  // namespace parity
