// Declared graph inputs/outputs of an ONNX model, read by the harness itself (for backends that do not report
// them, such as OpenCV DNN and external commands).
#pragma once

#include <vector>

#include "harness/backends/backend.h"

namespace parity {

// Inputs exclude initializers listed as graph inputs.
std::vector<IoInfo> DeclaredInputs(const onnx::ModelProto& model);
std::vector<IoInfo> DeclaredOutputs(const onnx::ModelProto& model);

}  // namespace parity
