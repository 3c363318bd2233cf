#include "harness/backends/runtime_backend.h"

#include <cstdio>

#include <onnx/onnx_pb.h>

#include "harness/backends/runtime_settings.h"
#include "harness/core/errors.h"

namespace parity {

namespace {

IoInfo ToIoInfo(const rt::TensorInfo& t) {
  IoInfo info;
  info.name = t.name;
  info.type = ElementTypeFromOnnx(t.dtype);
  info.has_shape = true;
  info.dims = t.dims;
  info.dim_names.assign(t.dims.size(), "");
  return info;
}

// The runtime's HostTensor carries ONNX raw bytes: sub-byte types (int4, uint2, float4e2m1, ...) are packed
// low bits first, while a harness Tensor keeps one element per byte. Writes into `h`, reusing its buffers.
void ToHost(const Tensor& t, const std::string& name, rt::HostTensor& h) {
  if (t.dtype == ElementType::kString) {
    throw InputError("input '" + name + "': the runtime does not take " + ElementTypeName(t.dtype) + " tensors");
  }
  h.dtype = static_cast<int>(t.dtype);
  h.dims = t.dims;
  const int bits = PackedBits(t.dtype);
  if (bits >= 8) {
    h.bytes.assign(t.data.begin(), t.data.end());
    return;
  }
  const int per_byte = 8 / bits;
  const auto n = static_cast<int64_t>(t.data.size());
  h.bytes.assign(static_cast<size_t>((n + per_byte - 1) / per_byte), 0);
  for (int64_t i = 0; i < n; ++i) {
    h.bytes[i / per_byte] |= static_cast<uint8_t>((t.data[i] & ((1 << bits) - 1)) << ((i % per_byte) * bits));
  }
}

Tensor FromHost(const rt::HostTensor& h) {
  Tensor t(ElementTypeFromOnnx(h.dtype), h.dims);
  const int bits = PackedBits(t.dtype);
  const auto n = static_cast<int64_t>(t.data.size());
  const size_t want = bits >= 8 ? t.data.size() : static_cast<size_t>((n * bits + 7) / 8);
  if (h.bytes.size() != want) {
    throw InputError("runtime returned " + std::to_string(h.bytes.size()) + " bytes for a " + ElementTypeName(t.dtype) +
                     DimsToString(h.dims) + " tensor (expected " + std::to_string(want) + ")");
  }
  if (bits >= 8) {
    t.data = h.bytes;
    return t;
  }
  const int per_byte = 8 / bits;
  for (int64_t i = 0; i < n; ++i) {
    t.data[i] = static_cast<uint8_t>((h.bytes[i / per_byte] >> ((i % per_byte) * bits)) & ((1 << bits) - 1));
  }
  return t;
}

}  // namespace

RuntimeBackend::RuntimeBackend(const BackendOptions& options) {
  if (options.threads > 0) options_.threads = options.threads;
  options_.keep_intermediates = options.keep_intermediates;
  input_shapes_ = options.input_shapes;
  ApplyRuntimeSettings(options.settings, options_);
  try {
    options_.Validate();
  } catch (const rt::OptionsError& e) {
    throw InputError(std::string("runtime options: ") + e.what());
  }
}

RuntimeBackend::~RuntimeBackend() = default;

std::string RuntimeBackend::name() const {
  return "runtime[" + options_.CanonicalName() + "]";
}

void RuntimeBackend::Load(const onnx::ModelProto& model) {
  // Symbolic input dims become static ones from the shapes the harness will feed (explicit dim.* settings win).
  for (const auto& input : model.graph().input()) {
    auto shape = input_shapes_.find(input.name());
    if (shape == input_shapes_.end() || !input.type().has_tensor_type()) continue;
    const auto& dims = input.type().tensor_type().shape().dim();
    for (int axis = 0; axis < dims.size() && axis < static_cast<int>(shape->second.size()); ++axis) {
      if (dims[axis].has_dim_value()) continue;
      const std::string key =
          dims[axis].dim_param().empty() ? input.name() + ":" + std::to_string(axis) : dims[axis].dim_param();
      options_.dims.emplace(key, shape->second[axis]);
    }
  }
  try {
    executable_ = rt::Compile(model, options_);
  } catch (const rt::CompileError& e) {
    throw InputError(std::string("runtime: ") + e.what());
  }
  for (const auto& note : executable_->stats().notes) std::fprintf(stderr, "parity: runtime: note: %s\n", note.c_str());
}

std::vector<IoInfo> RuntimeBackend::inputs() const {
  std::vector<IoInfo> out;
  for (const auto& t : executable_->inputs()) out.push_back(ToIoInfo(t));
  return out;
}

std::vector<IoInfo> RuntimeBackend::outputs() const {
  std::vector<IoInfo> out;
  for (const auto& t : executable_->outputs()) out.push_back(ToIoInfo(t));
  return out;
}

std::map<std::string, Value> RuntimeBackend::Run(const std::map<std::string, Value>& feeds) {
  const auto& infos_in = executable_->inputs();
  host_inputs_.resize(infos_in.size());
  for (size_t i = 0; i < infos_in.size(); ++i) {
    const auto& info = infos_in[i];
    auto it = feeds.find(info.name);
    if (it == feeds.end()) throw InputError("input '" + info.name + "' was not fed");
    if (it->second.kind != Value::Kind::kTensor) throw InputError("input '" + info.name + "' must be a tensor");
    ToHost(it->second.tensor, info.name, host_inputs_[i]);
  }
  std::vector<rt::HostTensor> results;
  try {
    results = executable_->Run(host_inputs_);
  } catch (const rt::RunError& e) {
    throw InputError(std::string("runtime: ") + e.what());
  }
  std::map<std::string, Value> out;
  const auto& infos = executable_->outputs();
  for (size_t i = 0; i < infos.size() && i < results.size(); ++i) out[infos[i].name] = FromHost(results[i]);
  return out;
}

std::string RuntimeBackend::CompileReport() const {
  return "compiled as " + options_.CanonicalName() + "\n" + executable_->stats().ToTable();
}

std::vector<NamedValue> RuntimeBackend::Intermediates() const {
  std::vector<NamedValue> out;
  if (!options_.keep_intermediates) return out;
  std::map<std::string, const rt::FusedNodeInfo*> producer;
  for (const auto& k : executable_->FusedNodes()) {
    for (const auto& o : k.outputs) producer[o] = &k;
  }
  for (const auto& name : executable_->IntermediateNames()) {
    NamedValue v;
    v.name = name;
    if (auto it = producer.find(name); it != producer.end()) {
      v.node_name = it->second->name;
      v.op_type = it->second->op;
    }
    v.value = FromHost(executable_->Intermediate(name));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace parity
