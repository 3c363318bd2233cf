#include "core/norm_rows.h"

namespace parity::ref {

RowMoments RowMomentsOf(const double* x, int64_t rows, int64_t cols) {
  RowMoments m;
  m.mean.assign(rows, 0.0);
  m.variance.assign(rows, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    const double* row = x + r * cols;
    double sum = 0;
    for (int64_t i = 0; i < cols; ++i) sum += row[i];
    const double mean = sum / static_cast<double>(cols);
    double squares = 0;
    for (int64_t i = 0; i < cols; ++i) squares += (row[i] - mean) * (row[i] - mean);
    m.mean[r] = mean;
    m.variance[r] = squares / static_cast<double>(cols);
  }
  return m;
}

std::vector<double> RowMeanSquares(const double* x, int64_t rows, int64_t cols) {
  std::vector<double> out(rows, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    double sum = 0;
    for (int64_t i = 0; i < cols; ++i) sum += x[r * cols + i] * x[r * cols + i];
    out[r] = sum / static_cast<double>(cols);
  }
  return out;
}

}  // namespace parity::ref
