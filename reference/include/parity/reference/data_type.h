// ONNX element types as the reference interpreter sees them. Values equal ONNX's TensorProto.DataType, including
// the types added after ONNX 1.12 (float8, 4-bit and 2-bit formats), which Debian's libonnx does not name.
#pragma once

#include <cstdint>
#include <string>

namespace parity::ref {

enum class DataType : int32_t {
  kUndefined = 0,
  kFloat = 1,
  kUint8 = 2,
  kInt8 = 3,
  kUint16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
  kUint32 = 12,
  kUint64 = 13,
  kComplex64 = 14,
  kComplex128 = 15,
  kBfloat16 = 16,
  kFloat8E4M3FN = 17,
  kFloat8E4M3FNUZ = 18,
  kFloat8E5M2 = 19,
  kFloat8E5M2FNUZ = 20,
  kUint4 = 21,
  kInt4 = 22,
  kFloat4E2M1 = 23,
  kFloat8E8M0 = 24,
  kUint2 = 25,
  kInt2 = 26,
};

// How a dtype's values are held in a Tensor.
enum class StorageKind { kReal, kInt, kUint, kString, kUnsupported };

StorageKind StorageOf(DataType dtype);
bool IsFloating(DataType dtype);       // any real-valued type, including the 4/8-bit float formats
bool IsSignedInteger(DataType dtype);  // int2 .. int64 (not bool)
bool IsUnsignedInteger(DataType dtype);
bool IsInteger(DataType dtype);        // signed or unsigned, not bool
// Bits per element as stored by ONNX (4 for int4, 1 byte = 8 for bool); 0 for string/undefined.
int BitWidth(DataType dtype);
// ONNX spelling: "FLOAT", "FLOAT16", "INT4", ... ; "UNKNOWN(n)" for values outside the enum.
std::string DataTypeName(DataType dtype);
// Checked conversion from the raw ONNX integer; throws parity::ref::Error for unknown values.
DataType DataTypeFromOnnx(int32_t onnx_type);

}  // namespace parity::ref
