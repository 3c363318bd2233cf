// ONNX protobuf tensor files (.pb): TensorProto, and SequenceProto / OptionalProto as the ONNX backend test data
// uses them. Every failure throws InputError naming the file.
#pragma once

#include <string>

#include "harness/core/tensor.h"

namespace onnx {
class TensorProto;
}

namespace parity {

// Decodes raw_data or typed fields (all element types; packed 4/2-bit types). `what` names it in errors.
Tensor TensorFromOnnx(const onnx::TensorProto& proto, const std::string& what);
// Encodes as raw_data (strings as string_data); sub-byte types packed as ONNX specifies.
void TensorToOnnx(const Tensor& tensor, const std::string& name, onnx::TensorProto* proto);

// Reads a .pb holding a TensorProto, or a SequenceProto/OptionalProto when `kind_hint` says so
// ("tensor", "sequence", "optional"); with an empty hint the file is tried as a TensorProto first.
Value ReadValuePb(const std::string& path, const std::string& kind_hint = "");
Tensor ReadTensorPb(const std::string& path);
void WriteTensorPb(const Tensor& tensor, const std::string& name, const std::string& path);

}  // namespace parity
