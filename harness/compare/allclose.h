// ONNX's backend-test rule for one output: |got - expected| <= atol + rtol * |expected| elementwise, NaN matching
// NaN, infinities matching in sign; integers and bools through the same rule; strings exactly. Shapes must be
// equal; element types must agree (a wider `dtype` with the same `declared` type is fine).
#pragma once

#include <string>

#include "harness/core/tensor.h"

namespace parity {

struct CloseResult {
  bool ok = true;
  std::string message;       // why not, naming the first offending element
  double max_abs_error = 0;  // over finite elements
  int64_t mismatches = 0;
};

CloseResult AllClose(const Value& got, const Value& expected, double rtol, double atol);

}  // namespace parity
