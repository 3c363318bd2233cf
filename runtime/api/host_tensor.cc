#include <cstring>

#include "core/dtype.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {

int64_t HostTensor::NumElements() const {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

HostTensor HostTensor::FromFloats(std::vector<int64_t> dims, const std::vector<float>& values) {
  HostTensor t;
  t.dtype = onnx_type::kFloat;
  t.dims = std::move(dims);
  t.bytes.resize(values.size() * 4);
  std::memcpy(t.bytes.data(), values.data(), t.bytes.size());
  return t;
}

HostTensor HostTensor::FromInt64s(std::vector<int64_t> dims, const std::vector<int64_t>& values) {
  HostTensor t;
  t.dtype = onnx_type::kInt64;
  t.dims = std::move(dims);
  t.bytes.resize(values.size() * 8);
  std::memcpy(t.bytes.data(), values.data(), t.bytes.size());
  return t;
}

std::vector<float> HostTensor::ToFloats() const {
  if (dtype != onnx_type::kFloat && dtype != onnx_type::kFloat16 && dtype != onnx_type::kDouble) {
    throw RunError("ToFloats: tensor dtype " + OnnxTypeName(dtype) + " is not a float type");
  }
  std::vector<float> out(static_cast<size_t>(NumElements()));
  ToStorage(dtype, bytes.data(), out.size(), out.data());
  return out;
}

}  // namespace parity::rt
