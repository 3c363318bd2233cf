// TensorProto -> reference Tensor, the reference's own decoder (deliberately independent of the runtime's and
// the harness's, so a decoding bug cannot hide on both sides of a comparison).
#pragma once

#include "parity/reference/tensor.h"

namespace onnx {
class TensorProto;
}

namespace parity::ref {

// Decodes raw_data or the typed fields for every dtype the interpreter holds (packed 2/4-bit types included).
// Throws Error when the byte count does not match the shape or the data lives in an external file.
Tensor TensorFromProto(const onnx::TensorProto& proto);

}  // namespace parity::ref
