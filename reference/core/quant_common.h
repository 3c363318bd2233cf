// Pieces shared by the quantization ops (QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear) and the
// quantized compute ops (ConvInteger, QLinearConv, MatMulInteger, QLinearMatMul).
#pragma once

#include <cstdint>
#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

// [lo, hi] of an integer quantized type (int2 .. int32, uint2 .. uint16); false for other types.
bool QuantIntegerRange(DataType dtype, double* lo, double* hi);

// The stored value of `scaled` (x already divided by the scale) plus `zero_point` in the quantized type `dtype`:
// integers: round half to even, add the zero point, saturate; float8 / float4 formats: add the zero point and
// round to nearest even through float_formats (saturating or not). Throws Error for other types.
double QuantizeToType(DataType dtype, double scaled, double zero_point, bool saturate = true);

// x / scale carried out in the floating type `precision` (QuantizeLinear: y_scale's type unless the
// `precision` attribute says otherwise): operands and quotient rounded to that type, as that type's arithmetic
// does (the reference holds float tensors in double, so an upstream float value may carry extra bits). The
// rounding matters only at the ties of the following round-half-even, where it decides the result.
double QuantizeDivide(double x, double scale, DataType precision);

// For blocked / per-axis / per-tensor quantization parameters (scale, zero point): the index into `param` used
// by each element of a tensor of shape `x`. Per-tensor when `param` has one element; per-axis when it is 1-D
// (length x[axis]); blocked when it has x's rank with x[axis] split in blocks of `block_size` (> 0).
// Throws Error with a message naming `what` when the shapes do not fit.
std::vector<int64_t> QuantParamIndex(const Shape& x, const Tensor& param, int64_t axis, int64_t block_size,
                                     const char* what);

// A tensor of `dtype` holding `values` (exact integers for integer types; already-rounded values otherwise).
Tensor QuantTensorFromDoubles(DataType dtype, const Shape& shape, std::vector<double> values);

// Zero point of a quantized input: per-tensor value or per-row/per-column vector, as doubles; 0 when absent.
std::vector<double> ZeroPointValues(const Tensor* zero_point);

// Values of the matrix operand `t` (MatMul semantics) minus its zero point, which is absent, a scalar, or varies
// along the rows (`rows`: a_zero_point of A, [M] or A's shape with the last dim 1) or the columns (b_zero_point
// of B, [N] or B's shape with the second-to-last dim 1). Throws Error naming `what` when it fits neither.
std::vector<double> SubtractMatrixZeroPoint(const Tensor& t, const Tensor* zero_point, bool rows, const char* what);

}  // namespace parity::ref
