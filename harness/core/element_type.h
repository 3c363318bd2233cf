// Element types as the harness sees them (values equal ONNX TensorProto.DataType, including the types added after
// ONNX 1.12). The harness keeps its own definitions: it must not share code with either engine.
#pragma once

#include <cstdint>
#include <string>

namespace parity {

enum class ElementType : int32_t {
  kUndefined = 0, kFloat = 1, kUint8 = 2, kInt8 = 3, kUint16 = 4, kInt16 = 5, kInt32 = 6, kInt64 = 7,
  kString = 8, kBool = 9, kFloat16 = 10, kDouble = 11, kUint32 = 12, kUint64 = 13, kComplex64 = 14,
  kComplex128 = 15, kBfloat16 = 16, kFloat8E4M3FN = 17, kFloat8E4M3FNUZ = 18, kFloat8E5M2 = 19,
  kFloat8E5M2FNUZ = 20, kUint4 = 21, kInt4 = 22, kFloat4E2M1 = 23, kFloat8E8M0 = 24, kUint2 = 25, kInt2 = 26,
};

// "FLOAT", "FLOAT16", ... as ONNX spells them; "UNKNOWN(n)" otherwise.
std::string ElementTypeName(ElementType type);
// Lower-case short names used in configs and CLI ("float32", "float16", "int64", "uint8", "bool", ...).
std::string ElementTypeShortName(ElementType type);
// Accepts both spellings; throws std::invalid_argument listing the allowed names.
ElementType ParseElementType(const std::string& name);
// Throws std::invalid_argument for values outside the ONNX enum.
ElementType ElementTypeFromOnnx(int32_t value);

// Bytes per element in harness memory. Sub-byte types (int4, uint4, int2, uint2, float4e2m1) are held one
// element per byte, unpacked; 0 for strings.
int ElementSize(ElementType type);
// Bits per element in ONNX's packed serialisation.
int PackedBits(ElementType type);
bool IsFloatingType(ElementType type);
bool IsSignedIntType(ElementType type);
bool IsUnsignedIntType(ElementType type);

// Decoding of the narrow floating formats (bits in the low bits) to double.
double Float16ToDouble(uint16_t bits);
double Bfloat16ToDouble(uint16_t bits);
uint16_t DoubleToFloat16(double value);   // round to nearest even, overflow to infinity
uint16_t DoubleToBfloat16(double value);  // round to nearest even
double Float8ToDouble(ElementType type, uint8_t bits);  // e4m3fn, e4m3fnuz, e5m2, e5m2fnuz, e8m0, float4e2m1

}  // namespace parity
