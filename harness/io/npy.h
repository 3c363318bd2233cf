// NumPy .npy files (format versions 1.0-3.0), C order, little-endian; dtypes bool, int8..int64, uint8..uint64,
// float16, float32, float64. Failures throw InputError naming the file and what is wrong.
#pragma once

#include <string>

#include "harness/core/tensor.h"

namespace parity {

Tensor ReadNpy(const std::string& path);
// Writes version 1.0. Types numpy lacks (bfloat16, float8, 4/2-bit) are refused with InputError.
void WriteNpy(const Tensor& tensor, const std::string& path);

}  // namespace parity
