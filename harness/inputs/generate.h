// Seeded input generation for models without input files.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "harness/backends/backend.h"

namespace parity {

struct GeneratorSpec {
  enum class Kind { kUniform, kNormal, kConstant };
  Kind kind = Kind::kUniform;
  double low = -1.0, high = 1.0;  // uniform
  double mean = 0.0, stddev = 1.0;  // normal
  double value = 0.0;               // constant
  uint64_t seed = 0;
};

// Resolves an input's dims: known dims kept, symbolic dims from `dim_values` (by name), others 1. Throws
// InputError if a dim_values entry is negative.
Dims ResolveDims(const IoInfo& info, const std::map<std::string, int64_t>& dim_values);

// A tensor of the input's type and `dims` filled by `spec`; integers are drawn in [low, high) rounded down,
// bools as value >= 0.5 after a uniform [0,1) draw. The same spec and seed give the same tensor.
Tensor GenerateTensor(const IoInfo& info, const Dims& dims, const GeneratorSpec& spec);

}  // namespace parity
