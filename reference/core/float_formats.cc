// Encoders/decoders of ONNX's narrow float formats. Checked against the ONNX spec (Cast's conversion tables),
// ONNX's reference implementation (onnx/reference/ops/op_cast.py: numpy/ml_dtypes astype, with a clip to the
// finite range first when float8 `saturate` is set) and every cast_* / castlike_* node test:
// - Rounding is to nearest, ties to even, on the target's grid (subnormals included), from the exact double.
// - Overflow: float16/bfloat16 become +/-inf. float8 with saturation: the largest finite value of the sign
//   (infinities too); without: NaN, or +/-inf for float8e5m2 (the one float8 format with infinities).
//   float4e2m1 (no inf, no NaN) always saturates to +/-6.
// - NaN: the format's NaN (the "fnuz" formats' only NaN is 0x80). float4e2m1 has no NaN: like ml_dtypes, and so
//   ONNX's node test cast_FLOAT_to_FLOAT4E2M1, NaN encodes as 0x8 (-0).
// - fnuz formats have no -0: a negative value rounding to zero encodes as +0.
// - float8e8m0 (unsigned powers of two 2^-127 .. 2^127, 0xFF = NaN): round_mode "up" takes the next power of two
//   at or above |x|, "down" the one at or below, "nearest" the closer one with the linear midpoint 1.5 * 2^e
//   rounding up; 0 and values below 2^-127 give 2^-127 (0x00); negative values and NaN give NaN (0xFF); +inf
//   and overflow give 2^127 (0xFE) with saturation, NaN without.
// Cast to FLOAT or DOUBLE does not come through here: the reference keeps such values as the unrounded double
// (it is the truth side of every comparison); RoundToFloatType(kFloat) exists for callers that do want binary32.
#include "core/float_formats.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "parity/reference/error.h"

namespace parity::ref {

namespace {

// Layout of a small binary floating-point format and its special-value conventions.
struct MiniFloat {
  int exponent_bits;
  int mantissa_bits;
  int bias;
  bool has_sign;
  bool has_infinity;        // IEEE-style: all-ones exponent with zero mantissa is infinity
  bool ieee_nan;            // all-ones exponent with non-zero mantissa is NaN (IEEE style)
  bool nan_is_all_ones;     // only S.1111.111 is NaN (float8 e4m3fn)
  bool nan_is_negative_zero;  // the 1000...0 pattern is the only NaN (the "fnuz" formats)
  bool has_nan;
};

MiniFloat LayoutOf(DataType dtype) {
  switch (dtype) {
    case DataType::kFloat16: return {5, 10, 15, true, true, true, false, false, true};
    case DataType::kBfloat16: return {8, 7, 127, true, true, true, false, false, true};
    case DataType::kFloat8E4M3FN: return {4, 3, 7, true, false, false, true, false, true};
    case DataType::kFloat8E4M3FNUZ: return {4, 3, 8, true, false, false, false, true, true};
    case DataType::kFloat8E5M2: return {5, 2, 15, true, true, true, false, false, true};
    case DataType::kFloat8E5M2FNUZ: return {5, 2, 16, true, false, false, false, true, true};
    case DataType::kFloat4E2M1: return {2, 1, 1, true, false, false, false, false, false};
    case DataType::kFloat8E8M0: return {8, 0, 127, false, false, false, true, false, true};
    default: throw Error(DataTypeName(dtype) + " is not a narrow floating-point format");
  }
}

double Decode(const MiniFloat& f, uint32_t bits) {
  const int total = f.exponent_bits + f.mantissa_bits + (f.has_sign ? 1 : 0);
  bits &= (total >= 32) ? 0xffffffffu : ((1u << total) - 1);
  const uint32_t mantissa_mask = (1u << f.mantissa_bits) - 1;
  const uint32_t exponent_mask = (1u << f.exponent_bits) - 1;
  const uint32_t mantissa = bits & mantissa_mask;
  const uint32_t exponent = (bits >> f.mantissa_bits) & exponent_mask;
  const bool negative = f.has_sign && ((bits >> (total - 1)) & 1u);
  const double sign = negative ? -1.0 : 1.0;
  if (f.nan_is_negative_zero && negative && exponent == 0 && mantissa == 0) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (f.nan_is_all_ones && exponent == exponent_mask && mantissa == mantissa_mask) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (f.ieee_nan && exponent == exponent_mask) {
    if (mantissa == 0 && f.has_infinity) return sign * std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (f.mantissa_bits == 0) return std::ldexp(1.0, static_cast<int>(exponent) - f.bias);  // e8m0
  if (exponent == 0) return sign * std::ldexp(static_cast<double>(mantissa), 1 - f.bias - f.mantissa_bits);
  return sign * std::ldexp(static_cast<double>(mantissa | (1u << f.mantissa_bits)),
                           static_cast<int>(exponent) - f.bias - f.mantissa_bits);
}

// Largest finite value's bit pattern (without sign).
uint32_t MaxFiniteBits(const MiniFloat& f) {
  const uint32_t exponent_mask = (1u << f.exponent_bits) - 1;
  const uint32_t mantissa_mask = (1u << f.mantissa_bits) - 1;
  if (f.has_infinity || f.ieee_nan) return ((exponent_mask - 1) << f.mantissa_bits) | mantissa_mask;
  if (f.nan_is_all_ones) return (exponent_mask << f.mantissa_bits) | (mantissa_mask - 1);
  return (exponent_mask << f.mantissa_bits) | mantissa_mask;
}

uint32_t NanBits(const MiniFloat& f) {
  const int total = f.exponent_bits + f.mantissa_bits + (f.has_sign ? 1 : 0);
  if (f.nan_is_negative_zero) return 1u << (total - 1);
  if (f.nan_is_all_ones) return (1u << (total - (f.has_sign ? 1 : 0))) - 1;
  // IEEE: quiet NaN, exponent all ones, top mantissa bit set.
  return (((1u << f.exponent_bits) - 1) << f.mantissa_bits) | (1u << (f.mantissa_bits - 1));
}

uint32_t Encode(const MiniFloat& f, double value, Saturation saturation) {
  const int total = f.exponent_bits + f.mantissa_bits + (f.has_sign ? 1 : 0);
  const uint32_t sign_bit = f.has_sign ? (1u << (total - 1)) : 0;
  if (std::isnan(value)) {
    if (!f.has_nan) return sign_bit;  // float4e2m1: -0, as ml_dtypes (ONNX's reference) encodes NaN
    return NanBits(f);
  }
  const bool negative = std::signbit(value);
  const uint32_t sign = negative ? sign_bit : 0;
  const double magnitude = std::fabs(value);
  const uint32_t max_bits = MaxFiniteBits(f);
  const double max_value = Decode(f, max_bits);
  auto overflow = [&]() -> uint32_t {
    if (saturation == Saturation::kSaturate || !f.has_nan) return sign | max_bits;
    if (f.has_infinity) return sign | (((1u << f.exponent_bits) - 1) << f.mantissa_bits);
    return NanBits(f);
  };
  if (std::isinf(magnitude)) return overflow();
  // Round to nearest even on the format's grid: find the binade, scale the mantissa to an integer and round.
  const int min_exponent = 1 - f.bias;  // exponent of the smallest normal
  int exponent = magnitude == 0.0 ? min_exponent : std::max(std::ilogb(magnitude), min_exponent);
  const double quantum = std::ldexp(1.0, exponent - f.mantissa_bits);
  double steps = std::nearbyint(magnitude / quantum);  // ties to even under the default rounding mode
  if (steps >= std::ldexp(1.0, f.mantissa_bits + 1)) {  // rounded up into the next binade
    ++exponent;
    steps /= 2;
  }
  const double rounded = steps * std::ldexp(1.0, exponent - f.mantissa_bits);
  if (rounded > max_value) return overflow();
  if (rounded == 0.0) return f.nan_is_negative_zero ? 0u : sign;
  const auto integer_steps = static_cast<uint32_t>(steps);
  uint32_t biased;
  uint32_t mantissa;
  if (integer_steps < (1u << f.mantissa_bits)) {  // subnormal
    biased = 0;
    mantissa = integer_steps;
  } else {
    biased = static_cast<uint32_t>(exponent + f.bias);
    mantissa = integer_steps & ((1u << f.mantissa_bits) - 1);
  }
  return sign | (biased << f.mantissa_bits) | mantissa;
}

uint32_t EncodeE8M0(double value, Saturation saturation, E8M0Rounding rounding) {
  if (std::isnan(value) || value < 0 || (std::isinf(value) && saturation == Saturation::kNoSaturate)) return 0xff;
  if (std::isinf(value)) return 0xfe;
  if (value == 0) return 0;
  int e = std::ilogb(value);
  const bool exact = std::ldexp(1.0, e) == value;
  if (!exact) {
    if (rounding == E8M0Rounding::kUp) {
      ++e;
    } else if (rounding == E8M0Rounding::kNearest) {
      // Compare against the midpoint in the exponent's binade (1.5 * 2^e): ties round up.
      if (value >= 1.5 * std::ldexp(1.0, e)) ++e;
    }
  }
  const int biased = e + 127;
  if (biased < 0) return 0;
  if (biased > 254) return saturation == Saturation::kSaturate ? 0xfe : 0xff;
  return static_cast<uint32_t>(biased);
}

}  // namespace

double DecodeNarrowFloat(DataType dtype, uint32_t bits) { return Decode(LayoutOf(dtype), bits); }

uint32_t EncodeNarrowFloat(DataType dtype, double value, Saturation saturation, E8M0Rounding e8m0_rounding) {
  if (dtype == DataType::kFloat8E8M0) return EncodeE8M0(value, saturation, e8m0_rounding);
  const MiniFloat f = LayoutOf(dtype);
  // IEEE formats (float16, bfloat16) overflow to infinity regardless of `saturation` (Cast semantics).
  const bool ieee16 = dtype == DataType::kFloat16 || dtype == DataType::kBfloat16;
  return Encode(f, value, ieee16 ? Saturation::kNoSaturate : saturation);
}

double RoundToFloatType(DataType dtype, double value, Saturation saturation, E8M0Rounding e8m0_rounding) {
  if (dtype == DataType::kDouble) return value;
  if (dtype == DataType::kFloat) return static_cast<double>(static_cast<float>(value));
  return DecodeNarrowFloat(dtype, EncodeNarrowFloat(dtype, value, saturation, e8m0_rounding));
}

}  // namespace parity::ref
