// Shared by Scatter, ScatterElements and ScatterND: writes update elements into a copy of `data` at given flat
// positions, combining with the existing value by the op's `reduction`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/op_context.h"
#include "parity/reference/tensor.h"

namespace parity::ref {

// out = data; then for each k in order: out[target[k]] = reduce(out[target[k]], updates[k]), where reduce is
// "none" (replace), "add", "mul", "max" or "min". Integers wrap to their dtype. Throws Error for another name or
// when data and updates differ in type.
Tensor ScatterInto(const Tensor& data, const Tensor& updates, const std::vector<int64_t>& target,
                   const std::string& reduction);

// ScatterElements' semantics (also Scatter's, with "none"): inputs data, indices, updates of `ctx`, along the
// attribute `axis`; indices may be negative. Fails through ctx on bad shapes or out-of-range indices.
Tensor ScatterAlongAxis(const OpContext& ctx, const std::string& reduction);

}  // namespace parity::ref
