#include "core/dtype.h"

#include <cstring>

namespace parity::rt {

const char* DTypeName(DType t) {
  return t == DType::kF32 ? "f32" : t == DType::kI64 ? "i64" : "bool";
}

bool StorageOf(int t, DType* out) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace): local constant namespace
  switch (t) {
    case kFloat:
    case kFloat16:
    case kDouble:
    case kBfloat16:
    case kFloat8E4M3FN:
    case kFloat8E4M3FNUZ:
    case kFloat8E5M2:
    case kFloat8E5M2FNUZ:
    case kFloat4E2M1:
    case kFloat8E8M0:
      *out = DType::kF32;
      return true;
    case kUint4:
    case kInt4:
    case kUint2:
    case kInt2:
    case kUint8:
    case kInt8:
    case kUint16:
    case kInt16:
    case kInt32:
    case kInt64:
    case kUint32:
    case kUint64:
      *out = DType::kI64;
      return true;
    case kBool:
      *out = DType::kBool;
      return true;
    default:
      return false;
  }
}

namespace {

constexpr int kNumOnnxTypes = 27;

}  // namespace

std::string OnnxTypeName(int t) {
  static const char* names[kNumOnnxTypes] = {
      "undefined", "float",      "uint8",      "int8",         "uint16",         "int16",      "int32",
      "int64",     "string",     "bool",       "float16",      "double",         "uint32",     "uint64",
      "complex64", "complex128", "bfloat16",   "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz",
      "uint4",     "int4",       "float4e2m1", "float8e8m0",   "uint2",          "int2"};
  if (t >= 0 && t < kNumOnnxTypes) return names[t];
  return "dtype#" + std::to_string(t);
}

int OnnxTypeBits(int t) {
  static const int bits[kNumOnnxTypes] = {0,  32,  8,  8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64,
                                          64, 128, 16, 8, 8,  8,  8,  4,  4, 4, 8,  2,  2};
  return (t >= 0 && t < kNumOnnxTypes) ? bits[t] : 0;
}

size_t OnnxTypeSize(int t) {
  int bits = OnnxTypeBits(t);
  return bits >= 8 ? static_cast<size_t>(bits / 8) : 0;
}

size_t OnnxTypeBytes(int t, size_t n) {
  return (n * static_cast<size_t>(OnnxTypeBits(t)) + 7) / 8;
}

bool IsOnnxFloatType(int t) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  return t == kFloat || t == kFloat16 || t == kDouble || t == kBfloat16 || t == kFloat8E4M3FN || t == kFloat8E4M3FNUZ ||
         t == kFloat8E5M2 || t == kFloat8E5M2FNUZ || t == kFloat4E2M1 || t == kFloat8E8M0;
}

int64_t WrapToIntType(int t, int64_t v) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  const auto u = static_cast<uint64_t>(v);
  switch (t) {
    case kInt8:
      return static_cast<int8_t>(u);
    case kUint8:
      return static_cast<uint8_t>(u);
    case kInt16:
      return static_cast<int16_t>(u);
    case kUint16:
      return static_cast<uint16_t>(u);
    case kInt32:
      return static_cast<int32_t>(u);
    case kUint32:
      return static_cast<uint32_t>(u);
    case kInt4:
      return static_cast<int64_t>(((u & 0xF) ^ 0x8)) - 0x8;
    case kUint4:
      return static_cast<int64_t>(u & 0xF);
    case kInt2:
      return static_cast<int64_t>(((u & 0x3) ^ 0x2)) - 0x2;
    case kUint2:
      return static_cast<int64_t>(u & 0x3);
    default:
      return v;
  }
}

namespace {

template <typename T>
void IntsToStorage(const void* src, size_t n, int64_t* dst) {
  const T* s = static_cast<const T*>(src);
  for (size_t i = 0; i < n; ++i) dst[i] = static_cast<int64_t>(s[i]);
}

template <typename T>
void IntsFromStorage(const int64_t* src, size_t n, void* dst) {
  T* d = static_cast<T*>(dst);
  for (size_t i = 0; i < n; ++i) d[i] = static_cast<T>(src[i]);
}

// Sub-byte elements: element k sits at bit (k * bits) % 8 of byte (k * bits) / 8.
uint32_t PackedAt(const void* src, size_t k, int bits) {
  const auto* b = static_cast<const uint8_t*>(src);
  const size_t bit = k * static_cast<size_t>(bits);
  return (b[bit / 8] >> (bit % 8)) & ((1u << bits) - 1);
}

void PackedSet(void* dst, size_t k, int bits, uint32_t v) {
  auto* b = static_cast<uint8_t*>(dst);
  const size_t bit = k * static_cast<size_t>(bits);
  b[bit / 8] = static_cast<uint8_t>(b[bit / 8] | ((v & ((1u << bits) - 1)) << (bit % 8)));
}

void NarrowToStorage(int t, const void* src, size_t n, float* dst) {
  const int bits = OnnxTypeBits(t);
  for (size_t k = 0; k < n; ++k) {
    uint32_t code = bits < 8    ? PackedAt(src, k, bits)
                    : bits == 8 ? static_cast<const uint8_t*>(src)[k]
                                : static_cast<const uint16_t*>(src)[k];
    dst[k] = DecodeNarrowFloat(t, static_cast<uint16_t>(code));
  }
}

// Values reaching the boundary were already rounded to the type by the op that produced them (Cast saturates or
// not as its attribute says), so encoding must not saturate again: float8e5m2 infinities stay infinities.
void NarrowFromStorage(int t, const float* src, size_t n, void* dst) {
  const int bits = OnnxTypeBits(t);
  NarrowFloatMode exact;
  exact.saturate = false;
  for (size_t k = 0; k < n; ++k) {
    uint16_t code = EncodeNarrowFloat(t, src[k], exact);
    if (bits < 8) {
      PackedSet(dst, k, bits, code);
    } else if (bits == 8) {
      static_cast<uint8_t*>(dst)[k] = static_cast<uint8_t>(code);
    } else {
      static_cast<uint16_t*>(dst)[k] = code;
    }
  }
}

}  // namespace

void ToStorage(int t, const void* src, size_t n, void* dst) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  if (n == 0) return;         // empty tensors may come with null pointers
  auto* f = static_cast<float*>(dst);
  auto* i = static_cast<int64_t*>(dst);
  switch (t) {
    case kFloat:
      std::memcpy(dst, src, n * 4);
      break;
    case kFloat16:
      for (size_t k = 0; k < n; ++k) f[k] = HalfToFloat(static_cast<const uint16_t*>(src)[k]);
      break;
    case kDouble:
      for (size_t k = 0; k < n; ++k) f[k] = static_cast<float>(static_cast<const double*>(src)[k]);
      break;
    case kInt64:
      std::memcpy(dst, src, n * 8);
      break;
    case kInt32:
      IntsToStorage<int32_t>(src, n, i);
      break;
    case kInt16:
      IntsToStorage<int16_t>(src, n, i);
      break;
    case kInt8:
      IntsToStorage<int8_t>(src, n, i);
      break;
    case kUint8:
      IntsToStorage<uint8_t>(src, n, i);
      break;
    case kUint16:
      IntsToStorage<uint16_t>(src, n, i);
      break;
    case kUint32:
      IntsToStorage<uint32_t>(src, n, i);
      break;
    case kUint64:
      IntsToStorage<uint64_t>(src, n, i);
      break;
    case kBool:
      for (size_t k = 0; k < n; ++k) static_cast<uint8_t*>(dst)[k] = static_cast<const uint8_t*>(src)[k] != 0;
      break;
    case kUint4:
    case kInt4:
    case kUint2:
    case kInt2:
      for (size_t k = 0; k < n; ++k) i[k] = WrapToIntType(t, PackedAt(src, k, OnnxTypeBits(t)));
      break;
    default:
      if (IsOnnxFloatType(t)) NarrowToStorage(t, src, n, f);
      break;
  }
}

void FromStorage(int t, const void* src, size_t n, void* dst) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  if (n == 0) return;
  const auto* f = static_cast<const float*>(src);
  const auto* i = static_cast<const int64_t*>(src);
  switch (t) {
    case kFloat:
      std::memcpy(dst, src, n * 4);
      break;
    case kFloat16:
      for (size_t k = 0; k < n; ++k) static_cast<uint16_t*>(dst)[k] = FloatToHalf(f[k]);
      break;
    case kDouble:
      for (size_t k = 0; k < n; ++k) static_cast<double*>(dst)[k] = f[k];
      break;
    case kInt64:
      std::memcpy(dst, src, n * 8);
      break;
    case kInt32:
      IntsFromStorage<int32_t>(i, n, dst);
      break;
    case kInt16:
      IntsFromStorage<int16_t>(i, n, dst);
      break;
    case kInt8:
      IntsFromStorage<int8_t>(i, n, dst);
      break;
    case kUint8:
      IntsFromStorage<uint8_t>(i, n, dst);
      break;
    case kUint16:
      IntsFromStorage<uint16_t>(i, n, dst);
      break;
    case kUint32:
      IntsFromStorage<uint32_t>(i, n, dst);
      break;
    case kUint64:
      IntsFromStorage<uint64_t>(i, n, dst);
      break;
    case kBool:
      std::memcpy(dst, src, n);
      break;
    case kUint4:
    case kInt4:
    case kUint2:
    case kInt2:
      std::memset(dst, 0, OnnxTypeBytes(t, n));
      for (size_t k = 0; k < n; ++k) PackedSet(dst, k, OnnxTypeBits(t), static_cast<uint32_t>(i[k]));
      break;
    default:
      if (IsOnnxFloatType(t)) {
        if (OnnxTypeBits(t) < 8) std::memset(dst, 0, OnnxTypeBytes(t, n));
        NarrowFromStorage(t, f, n, dst);
      }
      break;
  }
}

}  // namespace parity::rt
