// Loading .onnx files for every backend.
//
// LoadModel() parses the file, checks the IR version (3-13) and opset imports (default domain <= 28), and inlines
// external tensor data (initializers, Constant attributes, subgraphs) as raw_data, so backends only ever see
// self-contained models. External data locations must stay inside the model's folder. Every failure throws
// InputError naming the file (and tensor) and saying what to do.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace parity {

constexpr int kMinIrVersion = 3;
constexpr int kMaxIrVersion = 13;
constexpr int kMaxDefaultOpset = 28;

onnx::ModelProto LoadModel(const std::string& path);

// The opset the model imports for the default ONNX domain (0 if none).
int DefaultOpset(const onnx::ModelProto& model);

}  // namespace parity
