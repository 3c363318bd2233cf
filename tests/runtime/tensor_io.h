// Reads TensorProto files (.pb) of the ONNX test layout into HostTensors.
#pragma once

#include <fstream>
#include <string>

#include <onnx/onnx_pb.h>

#include "core/dtype.h"
#include "ir/import.h"
#include "parity/runtime/runtime.h"

namespace parity::rt::testing {

inline bool ReadTensorFile(const std::string& path, HostTensor* out) {
  onnx::TensorProto t;
  std::ifstream f(path, std::ios::binary);
  if (!f || !t.ParseFromIstream(&f)) return false;
  DType st;
  if (!StorageOf(t.data_type(), &st)) return false;
  ConstPtr c;
  try {
    c = ConstFromTensorProto(t, path);
  } catch (const std::exception&) {
    return false;  // not a plain tensor (sequence/optional cases)
  }
  out->dtype = t.data_type();
  out->dims.assign(t.dims().begin(), t.dims().end());
  out->bytes.resize(OnnxTypeBytes(t.data_type(), static_cast<size_t>(c->size())));
  FromStorage(t.data_type(), c->buf.data(), static_cast<size_t>(c->size()), out->bytes.data());
  return true;
}

}  // namespace parity::rt::testing
