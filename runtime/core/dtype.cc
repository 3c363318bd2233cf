#include "core/dtype.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

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

// How a small binary float format spends its special encodings.
enum class NanCode : uint8_t {
  kIeee,     // all-ones exponent: zero mantissa = infinity, else NaN (float16, bfloat16, float8e5m2)
  kAllOnes,  // only S.1111.111 is NaN, no infinity (float8e4m3fn)
  kNegZero,  // the "-0" pattern is the only NaN, no infinity, no -0 (the fnuz flavours)
  kNone,     // no NaN, no infinity (float4e2m1)
};

struct MiniFloat {
  int exp_bits;
  int man_bits;
  int bias;
  NanCode nan;

  uint32_t sign_bit() const { return 1u << (exp_bits + man_bits); }
  uint32_t exp_ones() const { return (1u << exp_bits) - 1; }
  uint32_t man_ones() const { return (1u << man_bits) - 1; }
  int min_exp() const { return 1 - bias; }
  double MaxFinite() const {
    // IEEE formats lose the top exponent to inf/NaN, e4m3fn only its all-ones mantissa.
    int top = static_cast<int>(exp_ones()) - (nan == NanCode::kIeee ? 1 : 0) - bias;
    int man = static_cast<int>(man_ones()) - (nan == NanCode::kAllOnes ? 1 : 0);
    return std::ldexp(1.0 + std::ldexp(man, -man_bits), top);
  }
};

bool FormatOf(int t, MiniFloat* f) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  switch (t) {
    case kFloat16:
      *f = {5, 10, 15, NanCode::kIeee};
      return true;
    case kBfloat16:
      *f = {8, 7, 127, NanCode::kIeee};
      return true;
    case kFloat8E4M3FN:
      *f = {4, 3, 7, NanCode::kAllOnes};
      return true;
    case kFloat8E4M3FNUZ:
      *f = {4, 3, 8, NanCode::kNegZero};
      return true;
    case kFloat8E5M2:
      *f = {5, 2, 15, NanCode::kIeee};
      return true;
    case kFloat8E5M2FNUZ:
      *f = {5, 2, 16, NanCode::kNegZero};
      return true;
    case kFloat4E2M1:
      *f = {2, 1, 1, NanCode::kNone};
      return true;
    default:
      return false;
  }
}

uint32_t EncodeMiniFloat(const MiniFloat& f, float v, bool saturate) {
  const bool neg = std::signbit(v);
  const uint32_t sign = neg ? f.sign_bit() : 0;
  if (std::isnan(v)) {
    switch (f.nan) {
      case NanCode::kIeee:
        return sign | (f.exp_ones() << f.man_bits) | (1u << (f.man_bits - 1));
      case NanCode::kAllOnes:
        return sign | (f.exp_ones() << f.man_bits) | f.man_ones();
      case NanCode::kNegZero:
        return f.sign_bit();
      case NanCode::kNone:
        return f.sign_bit();  // as ml_dtypes (and ONNX's float4e2m1 test data): -0
    }
  }
  const double a = std::fabs(static_cast<double>(v));
  double r = a;
  if (!std::isinf(a)) {
    int e;
    std::frexp(a, &e);  // a = m * 2^e with m in [0.5, 1)
    const int ex = std::max(e - 1, f.min_exp());
    const double quantum = std::ldexp(1.0, ex - f.man_bits);
    r = std::nearbyint(a / quantum) * quantum;  // default rounding mode: nearest, ties to even
  }
  if (r > f.MaxFinite()) {
    if (saturate || f.nan == NanCode::kNone) {
      r = f.MaxFinite();
    } else if (f.nan == NanCode::kIeee) {
      return sign | (f.exp_ones() << f.man_bits);
    } else if (f.nan == NanCode::kAllOnes) {
      return sign | (f.exp_ones() << f.man_bits) | f.man_ones();
    } else {
      return f.sign_bit();
    }
  }
  if (r == 0) return f.nan == NanCode::kNegZero ? 0 : sign;
  int e;
  std::frexp(r, &e);
  const int ex = e - 1;
  if (ex < f.min_exp()) return sign | static_cast<uint32_t>(std::ldexp(r, f.man_bits - f.min_exp()));
  const auto man = static_cast<uint32_t>(std::ldexp(r, f.man_bits - ex)) - (1u << f.man_bits);
  return sign | (static_cast<uint32_t>(ex + f.bias) << f.man_bits) | man;
}

float DecodeMiniFloat(const MiniFloat& f, uint32_t bits) {
  const bool neg = (bits & f.sign_bit()) != 0;
  const uint32_t field = (bits >> f.man_bits) & f.exp_ones();
  const uint32_t man = bits & f.man_ones();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  if (f.nan == NanCode::kNegZero && bits == f.sign_bit()) return nan;
  if (f.nan == NanCode::kIeee && field == f.exp_ones()) {
    return man ? nan : (neg ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity());
  }
  if (f.nan == NanCode::kAllOnes && field == f.exp_ones() && man == f.man_ones()) return nan;
  double mag = field == 0 ? std::ldexp(static_cast<double>(man), f.min_exp() - f.man_bits)
                          : std::ldexp(1.0 + std::ldexp(static_cast<double>(man), -f.man_bits),
                                       static_cast<int>(field) - f.bias);
  return static_cast<float>(neg ? -mag : mag);
}

// float8e8m0: unsigned powers of two 2^-127 .. 2^127; 0xFF is NaN.
uint16_t EncodeE8M0(float v, NarrowFloatMode mode) {
  if (std::isnan(v) || v < 0) return 0xFF;
  if (std::isinf(v)) return mode.saturate ? 0xFE : 0xFF;
  if (v == 0) return 0x00;  // below the smallest value: 2^-127
  int e;
  const double m = std::frexp(static_cast<double>(v), &e);  // v = m * 2^e, m in [0.5, 1)
  int p = e - 1;                                            // 2^p <= v < 2^(p+1)
  if (mode.e8m0 == E8M0Rounding::kUp && m > 0.5) ++p;
  if (mode.e8m0 == E8M0Rounding::kNearest && m >= 0.75) ++p;  // linear midpoint 1.5 * 2^p rounds up
  if (p < -127) p = -127;
  if (p > 127) return mode.saturate ? 0xFE : 0xFF;
  return static_cast<uint16_t>(p + 127);
}

uint16_t FloatToBfloat16(float v) {
  uint32_t x;
  std::memcpy(&x, &v, 4);
  if (std::isnan(v)) return static_cast<uint16_t>((x >> 16) | 0x40);
  x += 0x7fff + ((x >> 16) & 1);  // round to nearest even; overflow carries into the infinity pattern
  return static_cast<uint16_t>(x >> 16);
}

float Bfloat16ToFloat(uint16_t h) {
  uint32_t x = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

}  // namespace

uint16_t EncodeNarrowFloat(int t, float v, NarrowFloatMode mode) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  if (t == kFloat16) return FloatToHalf(v);
  if (t == kBfloat16) return FloatToBfloat16(v);
  if (t == kFloat8E8M0) return EncodeE8M0(v, mode);
  MiniFloat f;
  if (!FormatOf(t, &f)) return 0;
  return static_cast<uint16_t>(EncodeMiniFloat(f, v, mode.saturate));
}

float DecodeNarrowFloat(int t, uint16_t bits) {
  using namespace onnx_type;  // NOLINT(google-build-using-namespace)
  if (t == kFloat16) return HalfToFloat(bits);
  if (t == kBfloat16) return Bfloat16ToFloat(bits);
  if (t == kFloat8E8M0) {
    return (bits & 0xFF) == 0xFF ? std::numeric_limits<float>::quiet_NaN() : std::ldexp(1.0f, (bits & 0xFF) - 127);
  }
  MiniFloat f;
  if (!FormatOf(t, &f)) return 0;
  return DecodeMiniFloat(f, bits);
}

float RoundToFloatType(int t, float v, NarrowFloatMode mode) {
  if (t == onnx_type::kFloat || t == onnx_type::kDouble || !IsOnnxFloatType(t)) return v;
  return DecodeNarrowFloat(t, EncodeNarrowFloat(t, v, mode));
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
