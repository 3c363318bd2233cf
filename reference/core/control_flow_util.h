// Tensor plumbing shared by the control-flow and sequence ops (Loop, Scan, SplitToSequence, ConcatFromSequence):
// slicing along an axis, concatenating and stacking along an axis, for every storage kind (numbers and strings).
#pragma once

#include <cstdint>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

// Elements [start, start + length) of `t` along `axis` (axis already normalised); the axis is kept.
Tensor SliceAlongAxis(const Tensor& t, int64_t axis, int64_t start, int64_t length);

// Element `index` along `axis`, with that axis removed (rank drops by one).
Tensor TakeAlongAxis(const Tensor& t, int64_t axis, int64_t index);

// numpy.concatenate: all parts share dtype and every dim but `axis` (checked; throws Error naming the part).
Tensor ConcatAlongAxis(const std::vector<Tensor>& parts, int64_t axis);

// numpy.stack: all parts share dtype and shape; the result has a new axis `axis` in [0, rank].
Tensor StackAlongAxis(const std::vector<Tensor>& parts, int64_t axis);

}  // namespace parity::ref
