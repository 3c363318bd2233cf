#include "harness/io/onnx_model.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/core/errors.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

std::string ReadAll(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw InputError("model file '" + path + "' does not exist or is not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read model file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Resolves an external-data location against the model folder, refusing anything that escapes it.
fs::path ResolveLocation(const fs::path& model_dir, const std::string& location, const std::string& what) {
  const fs::path rel(location);
  if (location.empty() || rel.is_absolute()) {
    throw InputError(what + ": external data location '" + location +
                     "' must be a relative path inside the model's folder");
  }
  const fs::path base = fs::weakly_canonical(model_dir);
  const fs::path full = fs::weakly_canonical(model_dir / rel);
  const auto mismatch = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (mismatch.first != base.end()) {
    throw InputError(what + ": external data location '" + location + "' escapes the model's folder " +
                     base.string() + "; move the data next to the model");
  }
  return full;
}

void InlineTensor(onnx::TensorProto& t, const fs::path& model_dir, const std::string& model_path) {
  if (t.data_location() != onnx::TensorProto::EXTERNAL) return;
  const std::string what = "model '" + model_path + "', tensor '" + t.name() + "'";
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;
  for (const auto& kv : t.external_data()) {
    try {
      if (kv.key() == "location") location = kv.value();
      if (kv.key() == "offset") offset = std::stoll(kv.value());
      if (kv.key() == "length") length = std::stoll(kv.value());
    } catch (const std::exception&) {
      throw InputError(what + ": external data field '" + kv.key() + "' is not a number: '" + kv.value() + "'");
    }
  }
  const fs::path file = ResolveLocation(model_dir, location, what);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(what + ": external data file '" + file.string() + "' cannot be opened");
  in.seekg(0, std::ios::end);
  const int64_t size = in.tellg();
  if (length < 0) length = size - offset;
  if (offset < 0 || offset + length > size) {
    throw InputError(what + ": external data range [" + std::to_string(offset) + ", " +
                     std::to_string(offset + length) + ") is outside '" + file.string() + "' (" +
                     std::to_string(size) + " bytes): truncated data file?");
  }
  std::string bytes(static_cast<size_t>(length), '\0');
  in.seekg(offset);
  in.read(bytes.data(), length);
  t.set_raw_data(std::move(bytes));
  t.clear_external_data();
  t.set_data_location(onnx::TensorProto::DEFAULT);
}

void InlineGraph(onnx::GraphProto& g, const fs::path& dir, const std::string& path);

void InlineAttributes(onnx::NodeProto& n, const fs::path& dir, const std::string& path) {
  for (auto& a : *n.mutable_attribute()) {
    if (a.has_t()) InlineTensor(*a.mutable_t(), dir, path);
    for (auto& t : *a.mutable_tensors()) InlineTensor(t, dir, path);
    if (a.has_g()) InlineGraph(*a.mutable_g(), dir, path);
    for (auto& g : *a.mutable_graphs()) InlineGraph(g, dir, path);
  }
}

void InlineGraph(onnx::GraphProto& g, const fs::path& dir, const std::string& path) {
  for (auto& t : *g.mutable_initializer()) InlineTensor(t, dir, path);
  for (auto& n : *g.mutable_node()) InlineAttributes(n, dir, path);
}

}  // namespace

int DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& o : model.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") return static_cast<int>(o.version());
  }
  return 0;
}

onnx::ModelProto LoadModel(const std::string& path) {
  const std::string bytes = ReadAll(path);
  onnx::ModelProto model;
  if (bytes.empty() || !model.ParseFromString(bytes)) {
    throw InputError("'" + path + "' is not a valid ONNX model: the protobuf does not parse (truncated or corrupt "
                     "file?)");
  }
  if (!model.has_graph() || model.graph().output_size() == 0) {
    throw InputError("'" + path + "' is not a usable ONNX model: it has no graph or no graph outputs (truncated?)");
  }
  if (model.ir_version() < kMinIrVersion || model.ir_version() > kMaxIrVersion) {
    throw InputError("'" + path + "' has IR version " + std::to_string(model.ir_version()) + "; parity reads IR " +
                     std::to_string(kMinIrVersion) + " to " + std::to_string(kMaxIrVersion));
  }
  if (DefaultOpset(model) > kMaxDefaultOpset) {
    throw InputError("'" + path + "' imports ONNX opset " + std::to_string(DefaultOpset(model)) +
                     "; parity knows opsets up to " + std::to_string(kMaxDefaultOpset));
  }
  const fs::path dir = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  InlineGraph(*model.mutable_graph(), dir, path);
  for (auto& f : *model.mutable_functions()) {
    for (auto& n : *f.mutable_node()) InlineAttributes(n, dir, path);
  }
  return model;
}

}  // namespace parity
