// Element types. Inside the runtime every tensor is stored as one of three storage types: float32 (for float16,
// float, double), int64 (for every integer type) and bool (one byte). The ONNX dtype of graph I/O is kept
// separately and converted at the boundaries, so float16 models compute in fp32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace parity::rt {

enum class DType : uint8_t { kF32, kI64, kBool };

inline size_t DTypeSize(DType t) {
  return t == DType::kF32 ? 4 : t == DType::kI64 ? 8 : 1;
}
const char* DTypeName(DType t);

// ONNX TensorProto::DataType numbers used here.
namespace onnx_type {
constexpr int kFloat = 1, kUint8 = 2, kInt8 = 3, kUint16 = 4, kInt16 = 5, kInt32 = 6, kInt64 = 7, kString = 8,
              kBool = 9, kFloat16 = 10, kDouble = 11, kUint32 = 12, kUint64 = 13;
}

// Storage type of an ONNX dtype; false if the dtype is not supported (string, complex, bfloat16...).
bool StorageOf(int onnx_dtype, DType* out);
std::string OnnxTypeName(int onnx_dtype);
size_t OnnxTypeSize(int onnx_dtype);  // 0 if unknown

float HalfToFloat(uint16_t h);
uint16_t FloatToHalf(float f);

// Converts n elements of raw ONNX-typed data into storage type (dst must hold n * DTypeSize(storage)).
void ToStorage(int onnx_dtype, const void* src, size_t n, void* dst);
// Converts n storage elements back to the ONNX dtype.
void FromStorage(int onnx_dtype, const void* src, size_t n, void* dst);

}  // namespace parity::rt
