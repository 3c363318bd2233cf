// Binary float formats narrower than float32 (float16, bfloat16, the float8 flavours, float4e2m1, float8e8m0):
// encoding with round-to-nearest-even and each format's saturation / NaN / infinity rules, and decoding. The
// runtime stores them as f32; these give the exact values a Cast to the type produces.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/dtype.h"

namespace parity::rt {

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

}  // namespace parity::rt
