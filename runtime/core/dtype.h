// Element types. Inside the runtime every tensor is stored as one of three storage types: float32 (for every float
// type: float16, bfloat16, double, the float8 flavours, float4e2m1), int64 (for every integer type, including the
// packed int4/uint4/int2/uint2) and bool (one byte). The ONNX dtype of graph I/O is kept separately and converted at
// the boundaries, so float16 models compute in fp32. Every value of the narrow float types is exact in float32, so
// a value rounded to its type (Cast does that) converts back to the ONNX encoding without loss.
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
              kBool = 9, kFloat16 = 10, kDouble = 11, kUint32 = 12, kUint64 = 13, kComplex64 = 14, kComplex128 = 15,
              kBfloat16 = 16, kFloat8E4M3FN = 17, kFloat8E4M3FNUZ = 18, kFloat8E5M2 = 19, kFloat8E5M2FNUZ = 20,
              kUint4 = 21, kInt4 = 22, kFloat4E2M1 = 23, kFloat8E8M0 = 24, kUint2 = 25, kInt2 = 26;
}

// Storage type of an ONNX dtype; false if the dtype is not supported (string, complex).
bool StorageOf(int onnx_dtype, DType* out);
std::string OnnxTypeName(int onnx_dtype);
// Bytes per element; 0 if unknown or a sub-byte type (use OnnxTypeBytes for those).
size_t OnnxTypeSize(int onnx_dtype);
// Bits per element (4 for int4/uint4/float4e2m1, 2 for int2/uint2); 0 if unknown.
int OnnxTypeBits(int onnx_dtype);
// Bytes of n elements in TensorProto raw_data layout: sub-byte elements are packed, the first element in the low
// bits of the first byte, the last byte padded with zero bits.
size_t OnnxTypeBytes(int onnx_dtype, size_t n);
bool IsOnnxFloatType(int onnx_dtype);

// float8e8m0 rounding (Cast's round_mode): to the power of two at or above |x|, at or below, or the nearer one.
enum class E8M0Rounding : uint8_t { kUp, kDown, kNearest };
// How a float converts to a narrower float type. `saturate` only affects the float8 types (ONNX Cast's saturate
// attribute): out-of-range values and infinities become the largest finite value of their sign instead of NaN
// (or infinity for float8e5m2). float16/bfloat16 always overflow to infinity, float4e2m1 always saturates.
struct NarrowFloatMode {
  bool saturate = true;
  E8M0Rounding e8m0 = E8M0Rounding::kUp;
};

// Encodes v in a float type narrower than float32 (float16, bfloat16, float8*, float4e2m1 in the low 4 bits):
// round to nearest even, including subnormals. Returns 0 for other dtypes.
uint16_t EncodeNarrowFloat(int onnx_dtype, float v, NarrowFloatMode mode = {});
float DecodeNarrowFloat(int onnx_dtype, uint16_t bits);
// v rounded to the nearest value of the ONNX float type (identity for float and double).
float RoundToFloatType(int onnx_dtype, float v, NarrowFloatMode mode = {});
// An integer reduced to the range of the ONNX integer type by two's complement wrapping (int64/uint64 unchanged).
int64_t WrapToIntType(int onnx_dtype, int64_t v);

float HalfToFloat(uint16_t h);
uint16_t FloatToHalf(float f);

// Converts n elements of raw ONNX-typed data into storage type (dst must hold n * DTypeSize(storage)).
void ToStorage(int onnx_dtype, const void* src, size_t n, void* dst);
// Converts n storage elements back to the ONNX dtype.
void FromStorage(int onnx_dtype, const void* src, size_t n, void* dst);

}  // namespace parity::rt
