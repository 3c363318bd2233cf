#include "harness/inputs/feeds.h"

#include <algorithm>
#include <filesystem>

#include "harness/core/errors.h"
#include "harness/inputs/generate.h"
#include "harness/io/npy.h"
#include "harness/io/tensor_pb.h"

namespace parity {

namespace fs = std::filesystem;

Value ReadValueFile(const std::string& path) {
  if (fs::path(path).extension() == ".npy") return Value(ReadNpy(path));
  return ReadValuePb(path);
}

namespace {

std::string FindInDir(const std::string& dir, const IoInfo& info, size_t index) {
  for (const std::string& name : {info.name + ".npy", info.name + ".pb", "input_" + std::to_string(index) + ".pb"}) {
    const fs::path p = fs::path(dir) / name;
    if (fs::exists(p)) return p.string();
  }
  return "";
}

}  // namespace

std::map<std::string, Value> MakeFeeds(const std::vector<IoInfo>& inputs, const FeedOptions& options) {
  auto check_known = [&](const std::string& name, const char* what) {
    const bool known = std::any_of(inputs.begin(), inputs.end(), [&](const IoInfo& i) { return i.name == name; });
    if (!known) throw InputError(std::string(what) + " is given for '" + name + "', which is not an input of the model");
  };
  for (const auto& kv : options.files) check_known(kv.first, "an input file");
  for (const auto& kv : options.shapes) check_known(kv.first, "a shape");
  for (const auto& kv : options.values) check_known(kv.first, "a value");
  if (!options.dir.empty() && !fs::is_directory(options.dir)) {
    throw InputError("inputs folder '" + options.dir + "' does not exist");
  }
  std::map<std::string, Value> feeds;
  uint64_t seed = options.seed;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const IoInfo& info = inputs[i];
    std::string file;
    if (auto it = options.files.find(info.name); it != options.files.end()) file = it->second;
    if (file.empty() && !options.dir.empty()) {
      file = FindInDir(options.dir, info, i);
      if (file.empty()) {
        throw InputError("inputs folder '" + options.dir + "' has no file for input '" + info.name + "' (looked for " +
                         info.name + ".npy, " + info.name + ".pb, input_" + std::to_string(i) + ".pb)");
      }
    }
    if (!file.empty()) {
      feeds[info.name] = ReadValueFile(file);
      continue;
    }
    GeneratorSpec spec;
    spec.seed = seed++;
    if (!IsFloatingType(info.type)) {
      spec.low = 0;
      spec.high = 2;
    }
    if (auto v = options.values.find(info.name); v != options.values.end()) {
      spec.kind = GeneratorSpec::Kind::kConstant;
      spec.value = v->second;
    }
    auto shape = options.shapes.find(info.name);
    feeds[info.name] = GenerateTensor(info, shape != options.shapes.end() ? shape->second : ResolveDims(info, options.dims),
                                      spec);
  }
  return feeds;
}

}  // namespace parity
