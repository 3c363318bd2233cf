#include "core/quant_common.h"

#include <cmath>

#include "core/elementwise.h"
#include "core/float_formats.h"
#include "parity/reference/error.h"

namespace parity::ref {

bool QuantIntegerRange(DataType dtype, double* lo, double* hi) {
  switch (dtype) {
    case DataType::kUint2: *lo = 0, *hi = 3; return true;
    case DataType::kInt2: *lo = -2, *hi = 1; return true;
    case DataType::kUint4: *lo = 0, *hi = 15; return true;
    case DataType::kInt4: *lo = -8, *hi = 7; return true;
    case DataType::kUint8: *lo = 0, *hi = 255; return true;
    case DataType::kInt8: *lo = -128, *hi = 127; return true;
    case DataType::kUint16: *lo = 0, *hi = 65535; return true;
    case DataType::kInt16: *lo = -32768, *hi = 32767; return true;
    case DataType::kInt32: *lo = -2147483648.0, *hi = 2147483647.0; return true;
    default: return false;
  }
}

double QuantizeToType(DataType dtype, double scaled, double zero_point, bool saturate) {
  double lo = 0, hi = 0;
  if (QuantIntegerRange(dtype, &lo, &hi)) {
    if (std::isnan(scaled)) return std::fmin(hi, std::fmax(lo, zero_point));  // no integer stands for NaN
    // std::nearbyint rounds half to even in the default rounding mode.
    return std::fmin(hi, std::fmax(lo, std::nearbyint(scaled) + zero_point));
  }
  switch (dtype) {
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E4M3FNUZ:
    case DataType::kFloat8E5M2:
    case DataType::kFloat8E5M2FNUZ:
    case DataType::kFloat4E2M1:
      return RoundToFloatType(dtype, scaled + zero_point, saturate ? Saturation::kSaturate : Saturation::kNoSaturate);
    default: throw Error(DataTypeName(dtype) + " is not a quantized type");
  }
}

double QuantizeDivide(double x, double scale, DataType precision) {
  if (!IsFloating(precision) || precision == DataType::kDouble) return x / scale;
  return RoundToFloatType(precision, RoundToFloatType(precision, x) / RoundToFloatType(precision, scale));
}

std::vector<int64_t> QuantParamIndex(const Shape& x, const Tensor& param, int64_t axis, int64_t block_size,
                                     const char* what) {
  const int64_t count = ElementCount(x);
  std::vector<int64_t> index(count, 0);
  if (param.size() == 1 && (param.rank() <= 1 || block_size <= 0)) return index;  // per-tensor
  const int64_t rank = static_cast<int64_t>(x.size());
  const int64_t a = NormalizeAxis(axis, rank, "axis");
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < a; ++i) outer *= x[i];
  for (int64_t i = a + 1; i < rank; ++i) inner *= x[i];
  const int64_t dim = x[a];
  if (block_size <= 0) {
    if (param.rank() != 1 || param.dim(0) != dim) {
      throw Error(std::string(what) + " of shape " + ShapeToString(param.shape()) + " fits neither per-tensor nor " +
                  "per-axis quantization of " + ShapeToString(x) + " along axis " + std::to_string(a));
    }
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t d = 0; d < dim; ++d)
        for (int64_t r = 0; r < inner; ++r) index[(o * dim + d) * inner + r] = d;
    return index;
  }
  // Blocked: same shape as x except along axis, where it has ceil(dim / block_size) entries.
  Shape expected = x;
  expected[a] = (dim + block_size - 1) / block_size;
  if (param.shape() != expected) {
    throw Error(std::string(what) + " of shape " + ShapeToString(param.shape()) + " does not fit blocked " +
                "quantization of " + ShapeToString(x) + " along axis " + std::to_string(a) + " with block_size " +
                std::to_string(block_size) + " (expected " + ShapeToString(expected) + ")");
  }
  const int64_t pdim = expected[a];
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t d = 0; d < dim; ++d)
      for (int64_t r = 0; r < inner; ++r) index[(o * dim + d) * inner + r] = (o * pdim + d / block_size) * inner + r;
  return index;
}

Tensor QuantTensorFromDoubles(DataType dtype, const Shape& shape, std::vector<double> values) {
  Tensor t(DataType::kDouble, shape, std::move(values));
  return IsFloating(dtype) ? Tensor(dtype, shape, std::move(t.reals())) : t.WithDtype(dtype);
}

std::vector<double> ZeroPointValues(const Tensor* zero_point) {
  if (zero_point == nullptr) return {0.0};
  return zero_point->ToDoubleVector();
}

std::vector<double> SubtractMatrixZeroPoint(const Tensor& t, const Tensor* zero_point, bool rows, const char* what) {
  std::vector<double> v = t.ToDoubleVector();
  if (zero_point == nullptr) return v;
  const std::vector<double> zp = zero_point->ToDoubleVector();
  if (zp.size() == 1) {
    for (double& x : v) x -= zp[0];
    return v;
  }
  const int64_t cols = t.rank() >= 1 ? t.dim(-1) : 1;
  const int64_t row_count = t.rank() >= 2 ? t.dim(-2) : 1;
  const int64_t matrix = row_count * cols;
  const int64_t along = rows ? row_count : cols;
  // Either one vector shared by every matrix, or one per matrix.
  const int64_t per = static_cast<int64_t>(zp.size());
  if (!(per == along || (matrix > 0 && per == t.size() / matrix * along))) {
    throw Error(std::string(what) + " of shape " + ShapeToString(zero_point->shape()) + " does not fit " +
                ShapeToString(t.shape()));
  }
  for (int64_t i = 0; i < t.size(); ++i) {
    const int64_t within = rows ? (i % matrix) / cols : i % cols;
    const int64_t base = per == along ? 0 : (i / matrix) * along;
    v[i] -= zp[base + within];
  }
  return v;
}

}  // namespace parity::ref
