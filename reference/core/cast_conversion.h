// Element type conversion with ONNX Cast semantics, shared by Cast and CastLike.
//
// - To FLOAT or DOUBLE: the value is kept as the double it is (not rounded to float32): the reference holds
//   every float as double and is the truth side of comparisons. (Integers beyond 2^53 round to double.)
// - To a narrower float format (float16, bfloat16, float8 *, float4e2m1): rounded to nearest-even exactly as
//   the spec says, with `saturation` for the float8 types and `e8m0_rounding` for float8e8m0 (see
//   float_formats.h).
// - Float to integer: truncated toward zero, then wrapped into the target's width (two's complement), which
//   matches ONNX's node tests (FLOAT -9 to INT4 is 7). NaN, infinities and values outside int64 are undefined
//   behaviour in ONNX; the reference gives INT64_MIN wrapped into the target (what x86 conversions produce:
//   0 for every type narrower than 64 bits).
// - Integer to integer: wrapped into the target's width. Anything to BOOL: value != 0 (NaN is true).
// - To STRING: integers in decimal; BOOL as "True"/"False"; floats as numpy prints them (ONNX's reference
//   implementation is numpy's astype(str)): the shortest digits that round-trip in the source type, positional
//   for 1e-4 <= |x| < 1e16 ("0.5", "100.0"), else scientific ("1e+16", "1.5e-05"); "nan", "inf", "-inf".
// - From STRING: decimal or scientific text ("3.14", "1e-5", "1E8"), and case-insensitively "INF", "+INF",
//   "-INF", "NaN" (also "inf"/"infinity" spellings strtod accepts); integers parse exactly when the text is an
//   integer and otherwise as a float truncated toward zero. Anything else is an error (ONNX: undefined).
#pragma once

#include <string>

#include "core/float_formats.h"
#include "parity/reference/tensor.h"

namespace parity::ref {

struct CastOptions {
  Saturation saturation = Saturation::kSaturate;
  E8M0Rounding e8m0_rounding = E8M0Rounding::kUp;
};

// x converted to `to` (same shape). Throws Error for unsupported dtypes and unparsable strings.
Tensor CastTensor(const Tensor& x, DataType to, const CastOptions& options = {});

// "up" / "down" / "nearest" (Cast's round_mode); throws Error naming the value otherwise.
E8M0Rounding ParseE8M0Rounding(const std::string& round_mode);

// The string Cast produces for the value `v` of the floating type `from` (numpy's str()).
std::string FloatToCastString(double v, DataType from);

}  // namespace parity::ref
