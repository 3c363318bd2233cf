#include "harness/core/element_type.h"

#include <Eigen/Core>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

namespace parity {

namespace {

struct TypeInfo {
  ElementType type;
  const char* onnx_name;
  const char* short_name;
  int size;
  int packed_bits;
};

const std::vector<TypeInfo>& Types() {
  static const std::vector<TypeInfo> types = {
      {ElementType::kFloat, "FLOAT", "float32", 4, 32},
      {ElementType::kUint8, "UINT8", "uint8", 1, 8},
      {ElementType::kInt8, "INT8", "int8", 1, 8},
      {ElementType::kUint16, "UINT16", "uint16", 2, 16},
      {ElementType::kInt16, "INT16", "int16", 2, 16},
      {ElementType::kInt32, "INT32", "int32", 4, 32},
      {ElementType::kInt64, "INT64", "int64", 8, 64},
      {ElementType::kString, "STRING", "string", 0, 0},
      {ElementType::kBool, "BOOL", "bool", 1, 8},
      {ElementType::kFloat16, "FLOAT16", "float16", 2, 16},
      {ElementType::kDouble, "DOUBLE", "float64", 8, 64},
      {ElementType::kUint32, "UINT32", "uint32", 4, 32},
      {ElementType::kUint64, "UINT64", "uint64", 8, 64},
      {ElementType::kComplex64, "COMPLEX64", "complex64", 8, 64},
      {ElementType::kComplex128, "COMPLEX128", "complex128", 16, 128},
      {ElementType::kBfloat16, "BFLOAT16", "bfloat16", 2, 16},
      {ElementType::kFloat8E4M3FN, "FLOAT8E4M3FN", "float8e4m3fn", 1, 8},
      {ElementType::kFloat8E4M3FNUZ, "FLOAT8E4M3FNUZ", "float8e4m3fnuz", 1, 8},
      {ElementType::kFloat8E5M2, "FLOAT8E5M2", "float8e5m2", 1, 8},
      {ElementType::kFloat8E5M2FNUZ, "FLOAT8E5M2FNUZ", "float8e5m2fnuz", 1, 8},
      {ElementType::kUint4, "UINT4", "uint4", 1, 4},
      {ElementType::kInt4, "INT4", "int4", 1, 4},
      {ElementType::kFloat4E2M1, "FLOAT4E2M1", "float4e2m1", 1, 4},
      {ElementType::kFloat8E8M0, "FLOAT8E8M0", "float8e8m0", 1, 8},
      {ElementType::kUint2, "UINT2", "uint2", 1, 2},
      {ElementType::kInt2, "INT2", "int2", 1, 2},
  };
  return types;
}

const TypeInfo* Find(ElementType type) {
  for (const auto& t : Types()) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

// Value of a small float format with the given layout; special encodings handled by the caller.
double MiniFloat(uint32_t bits, int exponent_bits, int mantissa_bits, int bias) {
  const uint32_t mantissa = bits & ((1u << mantissa_bits) - 1);
  const uint32_t exponent = (bits >> mantissa_bits) & ((1u << exponent_bits) - 1);
  const double sign = ((bits >> (exponent_bits + mantissa_bits)) & 1u) ? -1.0 : 1.0;
  if (exponent == 0) return sign * std::ldexp(static_cast<double>(mantissa), 1 - bias - mantissa_bits);
  return sign * std::ldexp(static_cast<double>(mantissa | (1u << mantissa_bits)),
                           static_cast<int>(exponent) - bias - mantissa_bits);
}

}  // namespace

std::string ElementTypeName(ElementType type) {
  const TypeInfo* t = Find(type);
  return t ? t->onnx_name : (type == ElementType::kUndefined ? "UNDEFINED"
                                                              : "UNKNOWN(" + std::to_string(static_cast<int>(type)) + ")");
}

std::string ElementTypeShortName(ElementType type) {
  const TypeInfo* t = Find(type);
  return t ? t->short_name : ElementTypeName(type);
}

ElementType ParseElementType(const std::string& name) {
  std::string allowed;
  for (const auto& t : Types()) {
    if (name == t.short_name || name == t.onnx_name) return t.type;
    allowed += (allowed.empty() ? "" : ", ") + std::string(t.short_name);
  }
  if (name == "float") return ElementType::kFloat;
  if (name == "double") return ElementType::kDouble;
  throw std::invalid_argument("unknown element type '" + name + "'; allowed: " + allowed);
}

ElementType ElementTypeFromOnnx(int32_t value) {
  if (value < 0 || value > static_cast<int32_t>(ElementType::kInt2)) {
    throw std::invalid_argument("unknown ONNX element type " + std::to_string(value));
  }
  return static_cast<ElementType>(value);
}

int ElementSize(ElementType type) {
  const TypeInfo* t = Find(type);
  return t ? t->size : 0;
}

int PackedBits(ElementType type) {
  const TypeInfo* t = Find(type);
  return t ? t->packed_bits : 0;
}

bool IsFloatingType(ElementType type) {
  switch (type) {
    case ElementType::kFloat:
    case ElementType::kDouble:
    case ElementType::kFloat16:
    case ElementType::kBfloat16:
    case ElementType::kFloat8E4M3FN:
    case ElementType::kFloat8E4M3FNUZ:
    case ElementType::kFloat8E5M2:
    case ElementType::kFloat8E5M2FNUZ:
    case ElementType::kFloat8E8M0:
    case ElementType::kFloat4E2M1:
      return true;
    default:
      return false;
  }
}

bool IsSignedIntType(ElementType type) {
  switch (type) {
    case ElementType::kInt8:
    case ElementType::kInt16:
    case ElementType::kInt32:
    case ElementType::kInt64:
    case ElementType::kInt4:
    case ElementType::kInt2:
      return true;
    default:
      return false;
  }
}

bool IsUnsignedIntType(ElementType type) {
  switch (type) {
    case ElementType::kUint8:
    case ElementType::kUint16:
    case ElementType::kUint32:
    case ElementType::kUint64:
    case ElementType::kUint4:
    case ElementType::kUint2:
      return true;
    default:
      return false;
  }
}

double Float16ToDouble(uint16_t bits) {
  return static_cast<double>(static_cast<float>(Eigen::numext::bit_cast<Eigen::half>(bits)));
}

double Bfloat16ToDouble(uint16_t bits) {
  return static_cast<double>(static_cast<float>(Eigen::numext::bit_cast<Eigen::bfloat16>(bits)));
}

uint16_t DoubleToFloat16(double value) {
  // Via float: double -> float rounding first can only matter for values within 2^-29 relative of a float16
  // rounding midpoint; the harness uses this for generated inputs and file conversion, not for the truth.
  return Eigen::numext::bit_cast<uint16_t>(Eigen::half(static_cast<float>(value)));
}

uint16_t DoubleToBfloat16(double value) {
  return Eigen::numext::bit_cast<uint16_t>(Eigen::bfloat16(static_cast<float>(value)));
}

double Float8ToDouble(ElementType type, uint8_t bits) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  switch (type) {
    case ElementType::kFloat8E4M3FN:
      return (bits & 0x7f) == 0x7f ? kNaN : MiniFloat(bits, 4, 3, 7);
    case ElementType::kFloat8E4M3FNUZ:
      return bits == 0x80 ? kNaN : MiniFloat(bits, 4, 3, 8);
    case ElementType::kFloat8E5M2:
      if ((bits & 0x7c) == 0x7c) {
        return (bits & 0x03) ? kNaN : ((bits & 0x80) ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
      }
      return MiniFloat(bits, 5, 2, 15);
    case ElementType::kFloat8E5M2FNUZ:
      return bits == 0x80 ? kNaN : MiniFloat(bits, 5, 2, 16);
    case ElementType::kFloat8E8M0:
      return bits == 0xff ? kNaN : std::ldexp(1.0, static_cast<int>(bits) - 127);
    case ElementType::kFloat4E2M1:
      return MiniFloat(bits & 0x0f, 2, 1, 1);
    default:
      throw std::invalid_argument(ElementTypeName(type) + " is not an 8-bit or 4-bit float format");
  }
}

}  // namespace parity
