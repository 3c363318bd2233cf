#include "harness/backends/model_io.h"

#include <onnx/onnx_pb.h>

#include <set>

namespace parity {

namespace {

IoInfo InfoOf(const onnx::ValueInfoProto& v) {
  IoInfo info;
  info.name = v.name();
  info.is_tensor = v.type().has_tensor_type();
  if (!info.is_tensor) return info;
  const auto& tt = v.type().tensor_type();
  info.type = static_cast<ElementType>(tt.elem_type());
  info.has_shape = tt.has_shape();
  for (const auto& d : tt.shape().dim()) {
    info.dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    info.dim_names.push_back(d.has_dim_param() ? d.dim_param() : "");
  }
  return info;
}

}  // namespace

std::vector<IoInfo> DeclaredInputs(const onnx::ModelProto& model) {
  std::set<std::string> inits;
  for (const auto& i : model.graph().initializer()) inits.insert(i.name());
  std::vector<IoInfo> out;
  for (const auto& v : model.graph().input()) {
    if (!inits.count(v.name())) out.push_back(InfoOf(v));
  }
  return out;
}

std::vector<IoInfo> DeclaredOutputs(const onnx::ModelProto& model) {
  std::vector<IoInfo> out;
  for (const auto& v : model.graph().output()) out.push_back(InfoOf(v));
  return out;
}

}  // namespace parity
