// Internal GEMM driver shared by the public GEMM entry points and the convolution kernels.
#ifndef PARITY_RUNTIME_KERNELS_GEMM_GEMM_DRIVER_H_
#define PARITY_RUNTIME_KERNELS_GEMM_GEMM_DRIVER_H_

#include <cstdint>

#include "kernels/gemm/gemm.h"

namespace parity::rt {

// Packs op(B)[k0 : k0+kc, n0 : n0+nc] into nr-wide panels (layout of gemm_ukernels.h). Lets convolution build
// B panels straight from the image (implicit im2col) instead of materializing the im2col matrix.
using PackBCallback = void (*)(const void* context, int64_t k0, int64_t kc, int64_t n0, int64_t nc, int nr, float* dst);

struct GemmOperandA {
  const float* data = nullptr;
  int64_t ld = 0;
  bool trans = false;
  const PackedMatrix* packed = nullptr;  // when set, data/ld/trans are unused
};

struct GemmOperandB {
  const float* data = nullptr;
  int64_t ld = 0;
  bool trans = false;
  const PackedMatrix* packed = nullptr;  // when set, the rest is unused
  PackBCallback pack = nullptr;          // when set (and packed is null), data/ld/trans are unused
  const void* pack_context = nullptr;
};

struct GemmShape {
  int64_t m = 0;
  int64_t n = 0;
  int64_t k = 0;
  float alpha = 1.0f;
  float beta = 0.0f;
  float* c = nullptr;
  int64_t ldc = 0;
};

// Runs the GEMM on `kernels` (packed operands must have been packed for the same table).
void RunGemm(const KernelTable& kernels, const GemmShape& shape, const GemmOperandA& a, const GemmOperandB& b,
             const Epilogue& epilogue, const GemmOptions& options);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_GEMM_DRIVER_H_
