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
      *out = DType::kF32;
      return true;
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

std::string OnnxTypeName(int t) {
  static const char* names[] = {"undefined", "float",  "uint8", "int8",    "uint16", "int16",  "int32",
                                "int64",     "string", "bool",  "float16", "double", "uint32", "uint64"};
  if (t >= 0 && t < 14) return names[t];
  return "dtype#" + std::to_string(t);
}

size_t OnnxTypeSize(int t) {
  static const size_t sizes[] = {0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8};
  return (t >= 0 && t < 14) ? sizes[t] : 0;
}

float HalfToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t man = h & 0x3ff;
  uint32_t bits;
  if (exp == 0) {
    if (man == 0) {
      bits = sign;
    } else {  // subnormal: normalize
      int e = -1;
      do {
        man <<= 1;
        ++e;
      } while ((man & 0x400) == 0);
      bits = sign | (static_cast<uint32_t>(127 - 15 - e) << 23) | ((man & 0x3ff) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (man << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (man << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t FloatToHalf(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  int32_t exp = static_cast<int32_t>((x >> 23) & 0xff) - 127 + 15;
  uint32_t man = x & 0x7fffff;
  if (((x >> 23) & 0xff) == 0xff) return static_cast<uint16_t>(sign | 0x7c00 | (man ? 0x200 : 0));
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7c00);
  if (exp <= 0) {
    if (exp < -10) return static_cast<uint16_t>(sign);
    man |= 0x800000;
    uint32_t shift = static_cast<uint32_t>(14 - exp);
    uint32_t half = man >> shift;
    uint32_t rem = man & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = sign | (static_cast<uint32_t>(exp) << 10) | (man >> 13);
  uint32_t rem = man & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1))) ++half;  // round to nearest even; may carry into exp
  return static_cast<uint16_t>(half);
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

}  // namespace

void ToStorage(int t, const void* src, size_t n, void* dst) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
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
    default:
      break;
  }
}

void FromStorage(int t, const void* src, size_t n, void* dst) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
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
    default:
      break;
  }
}

}  // namespace parity::rt
