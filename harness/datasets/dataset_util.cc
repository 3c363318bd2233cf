#include <filesystem>
#include <fstream>
#include <iterator>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {
namespace datasets {

namespace fs = std::filesystem;

namespace {

// The model's shape with symbolic names (or "?") for unknown dims, as a user recognises it.
std::string DeclaredShape(const IoInfo& input) {
  std::string s = "[";
  for (size_t i = 0; i < input.dims.size(); ++i) {
    if (i) s += ",";
    if (input.dims[i] >= 0) {
      s += std::to_string(input.dims[i]);
    } else {
      const bool named = i < input.dim_names.size() && !input.dim_names[i].empty();
      s += named ? input.dim_names[i] : "?";
    }
  }
  return s + "]";
}

bool ShapeMatches(const Dims& declared, const Dims& dims) {
  if (declared.size() != dims.size()) return false;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (declared[i] >= 0 && declared[i] != dims[i]) return false;
  }
  return true;
}

}  // namespace

std::string TrimSpace(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

const IoInfo& PickInput(const std::string& name, const std::vector<IoInfo>& model_inputs) {
  std::string names;
  for (const auto& in : model_inputs) {
    if (!name.empty() && in.name == name) return in;
    names += (names.empty() ? "'" : ", '") + in.name + "'";
  }
  if (model_inputs.empty()) throw InputError("dataset: the model has no inputs to feed");
  if (!name.empty()) throw InputError("dataset input '" + name + "' is not a model input (inputs: " + names + ")");
  if (model_inputs.size() > 1) {
    throw InputError("dataset: the model has " + std::to_string(model_inputs.size()) + " inputs (" + names +
                     "); name the one to feed with the dataset's input");
  }
  return model_inputs.front();
}

std::string ResolvePath(const DatasetSpec& spec, const std::string& path) {
  if (path.empty() || spec.root.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(spec.root) / path).string();
}

void CheckFeed(const IoInfo& input, ElementType dtype, const Dims& dims, const std::string& what) {
  if (input.type != ElementType::kUndefined && input.type != dtype) {
    throw InputError("model input '" + input.name + "' is " + ElementTypeShortName(input.type) + " but " + what +
                     " gives " + ElementTypeShortName(dtype) + " (set the dataset's dtype to match)");
  }
  if (input.has_shape && !ShapeMatches(input.dims, dims)) {
    throw InputError("model input '" + input.name + "' has shape " + DeclaredShape(input) + " but " + what +
                     " gives " + DimsToString(dims) + " (check color, resize, crop and layout)");
  }
}

std::map<std::string, int64_t> ReadLabelList(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read label list '" + path + "'");
  std::map<std::string, int64_t> labels;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    line = TrimSpace(line);
    if (line.empty()) continue;
    const size_t cut = line.find_last_of(" \t");
    const std::string where = "'" + path + "' line " + std::to_string(line_no);
    if (cut == std::string::npos) throw InputError(where + ": expected '<item> <label>', got '" + line + "'");
    const std::string item = TrimSpace(line.substr(0, cut));
    const std::string value = line.substr(cut + 1);
    size_t used = 0;
    int64_t label = -1;
    try {
      label = std::stoll(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != value.size() || label < 0) {
      throw InputError(where + ": label '" + value + "' is not a non-negative integer");
    }
    if (!labels.emplace(item, label).second) throw InputError(where + ": '" + item + "' is listed twice");
  }
  return labels;
}

std::vector<uint8_t> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read '" + path + "'");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace datasets
}  // namespace parity
