// The `reduction` attribute shared by ScatterElements and ScatterND: how an update combines with the value
// already in the output (none overwrites; later duplicates win, matching the sequential ONNX definition).
#pragma once

#include <algorithm>
#include <string>

#include "kernels/kernel.h"

namespace parity::rt {

enum class ScatterReduction { kNone, kAdd, kMul, kMax, kMin };

// Parses `reduction`; add/mul exist since opset 16 and max/min since 18, but the attribute is only present in
// models of those opsets, so the name alone decides. Bool data only supports overwriting.
inline ScatterReduction ParseScatterReduction(const KernelBuilder& b) {
  std::string r = b.node().AttrString("reduction", "none");
  ScatterReduction out = r == "none"  ? ScatterReduction::kNone
                         : r == "add" ? ScatterReduction::kAdd
                         : r == "mul" ? ScatterReduction::kMul
                         : r == "max" ? ScatterReduction::kMax
                         : r == "min" ? ScatterReduction::kMin
                                      : (b.Fail("reduction '" + r + "' is not supported"), ScatterReduction::kNone);
  b.Require(out == ScatterReduction::kNone || b.in(0).dtype != DType::kBool,
            "reduction '" + r + "' on bool data is not supported");
  return out;
}

template <typename T>
inline void ScatterCombine(ScatterReduction r, T* dst, T v) {
  switch (r) {
    case ScatterReduction::kNone:
      *dst = v;
      break;
    case ScatterReduction::kAdd:
      *dst += v;
      break;
    case ScatterReduction::kMul:
      *dst *= v;
      break;
    case ScatterReduction::kMax:
      *dst = std::max(*dst, v);
      break;
    case ScatterReduction::kMin:
      *dst = std::min(*dst, v);
      break;
  }
}

}  // namespace parity::rt
