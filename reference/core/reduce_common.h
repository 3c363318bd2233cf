// Shared by the Reduce* ops and ArgMax/ArgMin: which axes a node reduces, the reduced shape, and the kernels.
//
// Axes: from the `axes` attribute before version `axes_input_since` (13 for ReduceSum, 18 for the others), from the
// optional int64 second input from then on. No axes (attribute absent, input absent or empty) reduces every axis,
// unless noop_with_empty_axes = 1, which reduces none: each output element then "reduces" the single matching
// input element, so e.g. ReduceSumSquare yields x*x and ReduceMax yields x (as the ONNX reference does).
// Reducing an empty set gives the reduction's identity: 0 for sums and norms, 1 for products, -inf / +inf (or
// the dtype's lowest / highest value for integers and bool) for max / min, -inf for the log sums, NaN for mean.
#pragma once

#include "core/op_context.h"

namespace parity::ref {

enum class ReduceKind { kSum, kMean, kMax, kMin, kProd, kSumSquare, kL1, kL2, kLogSum, kLogSumExp };

// Runs a Reduce* node: input 0, attributes keepdims / axes / noop_with_empty_axes as described above.
void RunReduction(OpContext& ctx, ReduceKind kind, int axes_input_since);

// Runs ArgMax (is_max) or ArgMin: int64 index of the first (or, with select_last_index, last) extreme element
// along `axis`; NaN counts as the extreme value, as in numpy.
void RunArgReduction(OpContext& ctx, bool is_max);

}  // namespace parity::ref
