// Narrow floating-point formats of ONNX, decoded to and rounded from double exactly as the spec describes:
// float16 (IEEE binary16), bfloat16, float8 e4m3fn / e4m3fnuz / e5m2 / e5m2fnuz, float8 e8m0, float4 e2m1.
// Used by TensorProto decoding and by Cast / CastLike / QuantizeLinear / DequantizeLinear.
#pragma once

#include <cstdint>

#include "parity/reference/data_type.h"

namespace parity::ref {

// Value of the `bits` (low bits used) of a narrow float format. dtype must be a floating type of <= 16 bits.
double DecodeNarrowFloat(DataType dtype, uint32_t bits);

// How values beyond a format's finite range are treated when rounding to it (Cast's `saturate`, opset >= 19).
enum class Saturation { kSaturate, kNoSaturate };
// Rounding of float8 e8m0 (Cast's `round_mode`, opset >= 24): "up", "down", "nearest".
enum class E8M0Rounding { kUp, kDown, kNearest };

// Bits of `value` rounded to the narrow float format (round to nearest even unless stated otherwise).
uint32_t EncodeNarrowFloat(DataType dtype, double value, Saturation saturation = Saturation::kSaturate,
                           E8M0Rounding e8m0_rounding = E8M0Rounding::kUp);

// `value` rounded to a floating dtype's precision and range, returned as double. kFloat and kDouble are returned
// unchanged for kDouble and rounded to binary32 for kFloat.
double RoundToFloatType(DataType dtype, double value, Saturation saturation = Saturation::kSaturate,
                        E8M0Rounding e8m0_rounding = E8M0Rounding::kUp);

}  // namespace parity::ref
