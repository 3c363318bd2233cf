// The ISA boundary of the normalization kernels: leaf functions on raw pointers, one exported per ISA.
#ifndef PARITY_RUNTIME_KERNELS_NORM_NORM_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_NORM_NORM_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// LayerNormalization of `rows` contiguous rows of `len` floats (float accumulation, two passes):
//   mean = sum(x) / len, var = sum((x - mean)^2) / len, inv = 1 / sqrt(var + eps),
//   y = (x - mean) * inv * scale + bias.
// scale and bias have `len` elements; bias, mean and inv_std (one value per row) may be null. y may be x.
using LayerNormRowsFn = void (*)(const float* x, const float* scale, const float* bias, float* y, int64_t rows,
                                 int64_t len, float eps, float* mean, float* inv_std);

void LayerNormRowsGeneric(const float* x, const float* scale, const float* bias, float* y, int64_t rows, int64_t len,
                          float eps, float* mean, float* inv_std);
void LayerNormRowsAvx512(const float* x, const float* scale, const float* bias, float* y, int64_t rows, int64_t len,
                         float eps, float* mean, float* inv_std);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_NORM_NORM_UKERNELS_H_
