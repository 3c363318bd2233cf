// A folder of image files (not recursive), sorted by file name, labelled from a "file label" list or from an
// ImageNet-style synset file matched by the "<wnid>_" file-name prefix.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {
namespace datasets {

namespace {

namespace fs = std::filesystem;

bool IsImageFile(const fs::path& path) {
  static const std::set<std::string> kExtensions = {".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".ppm", ".pgm",
                                                    ".pbm", ".pnm",  ".tif", ".tiff", ".webp", ".jp2"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return kExtensions.count(ext) > 0;
}

std::vector<std::string> ListImages(const std::string& root) {
  if (!fs::is_directory(root)) throw InputError("image folder '" + root + "' is not a folder");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_regular_file() && IsImageFile(entry.path())) names.push_back(entry.path().filename().string());
  }
  if (names.empty()) throw InputError("image folder '" + root + "' holds no image files");
  std::sort(names.begin(), names.end());
  return names;
}

// wnid -> class index (line number, from 0). Only the first word of a line is the wnid.
std::map<std::string, int64_t> ReadSynset(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read synset file '" + path + "'");
  std::map<std::string, int64_t> classes;
  std::string line;
  for (int64_t index = 0; std::getline(in, line); ++index) {
    const size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    const std::string wnid = line.substr(begin, line.find_first_of(" \t\r", begin) - begin);
    if (!classes.emplace(wnid, index).second) {
      throw InputError("synset file '" + path + "' lists '" + wnid + "' twice (line " + std::to_string(index + 1) +
                       ")");
    }
  }
  if (classes.empty()) throw InputError("synset file '" + path + "' is empty");
  return classes;
}

std::vector<int64_t> LabelsFromList(const std::vector<std::string>& names, const std::string& root,
                                    const std::string& list_path) {
  std::map<std::string, int64_t> list = ReadLabelList(list_path);
  std::vector<int64_t> labels;
  for (const auto& name : names) {
    const auto it = list.find(name);
    if (it == list.end()) {
      throw InputError("image '" + (fs::path(root) / name).string() + "' has no label in '" + list_path + "'");
    }
    labels.push_back(it->second);
    list.erase(it);
  }
  if (!list.empty()) {
    throw InputError("label list '" + list_path + "' names '" + list.begin()->first + "', which is not an image in '" +
                     root + "'");
  }
  return labels;
}

std::vector<int64_t> LabelsFromSynset(const std::vector<std::string>& names, const std::string& root,
                                      const std::string& synset_path) {
  const std::map<std::string, int64_t> classes = ReadSynset(synset_path);
  std::vector<int64_t> labels;
  for (const auto& name : names) {
    const auto it = classes.find(name.substr(0, name.find('_')));
    if (name.find('_') == std::string::npos || it == classes.end()) {
      throw InputError("image '" + (fs::path(root) / name).string() + "' has no label: its name does not start " +
                       "with '<wnid>_' for a wnid listed in '" + synset_path + "'");
    }
    labels.push_back(it->second);
  }
  return labels;
}

class ImageFolderDataset : public Dataset {
 public:
  ImageFolderDataset(const DatasetSpec& spec, const IoInfo& input) : spec_(spec), input_(input) {
    if (spec.root.empty()) throw InputError("dataset kind image_folder needs `root` (a folder of images)");
    if (!spec.labels.empty() && !spec.synset.empty()) {
      throw InputError("image_folder '" + spec.root + "': set labels or synset, not both");
    }
    names_ = ListImages(spec.root);
    if (!spec.labels.empty()) labels_ = LabelsFromList(names_, spec.root, ResolvePath(spec, spec.labels));
    if (!spec.synset.empty()) labels_ = LabelsFromSynset(names_, spec.root, ResolvePath(spec, spec.synset));
    if (const auto dims = FixedPreprocessedDims(spec.preprocess)) {
      CheckFeed(input_, spec.preprocess.dtype, *dims, "image_folder '" + spec.root + "'");
    }
  }

  size_t size() const override { return names_.size(); }

  Sample Get(size_t index) const override {
    const std::string path = (fs::path(spec_.root) / names_.at(index)).string();
    Sample sample;
    sample.id = names_[index];
    Tensor tensor = DecodeAndPreprocess(ReadFileBytes(path), path, spec_.preprocess);
    CheckFeed(input_, tensor.dtype, tensor.dims, "image '" + path + "'");
    sample.inputs[input_.name] = std::move(tensor);
    if (!labels_.empty()) sample.label = labels_[index];
    return sample;
  }

  std::string Describe() const override {
    return "image_folder " + spec_.root + " (" + std::to_string(names_.size()) + " samples)";
  }

 private:
  DatasetSpec spec_;
  IoInfo input_;
  std::vector<std::string> names_;  // file names in root, sorted
  std::vector<int64_t> labels_;     // by sample; empty when unlabelled
};

}  // namespace

std::unique_ptr<Dataset> OpenImageFolder(const DatasetSpec& spec, const IoInfo& input) {
  return std::make_unique<ImageFolderDataset>(spec, input);
}

}  // namespace datasets
}  // namespace parity
