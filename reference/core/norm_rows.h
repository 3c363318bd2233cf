// Row statistics shared by the normalization ops (InstanceNormalization, LayerNormalization,
// GroupNormalization, RMSNormalization, MeanVarianceNormalization): x seen as [rows, cols] row-major.
#pragma once

#include <cstdint>
#include <vector>

namespace parity::ref {

struct RowMoments {
  std::vector<double> mean;      // per row
  std::vector<double> variance;  // per row, population variance (divided by cols)
};

// Mean and variance (two-pass, for accuracy) of each of `rows` rows of `cols` values.
RowMoments RowMomentsOf(const double* x, int64_t rows, int64_t cols);

// Mean of x^2 of each row (RMSNormalization).
std::vector<double> RowMeanSquares(const double* x, int64_t rows, int64_t cols);

}  // namespace parity::ref
