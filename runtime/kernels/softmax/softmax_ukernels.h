// The ISA boundary of the softmax kernels: leaf functions on raw pointers, one exported per ISA.
#ifndef PARITY_RUNTIME_KERNELS_SOFTMAX_SOFTMAX_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_SOFTMAX_SOFTMAX_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// Softmax (or LogSoftmax when `log`) of `rows` contiguous rows of `len` floats: y[r] = exp(x[r] - max) / sum.
// A row holding NaN gives NaN; a row of -inf gives NaN (0 / 0), like the scalar definition. y may be x.
using SoftmaxRowsFn = void (*)(const float* x, float* y, int64_t rows, int64_t len, bool log);

void SoftmaxRowsGeneric(const float* x, float* y, int64_t rows, int64_t len, bool log);
void SoftmaxRowsAvx512(const float* x, float* y, int64_t rows, int64_t len, bool log);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_SOFTMAX_SOFTMAX_UKERNELS_H_
