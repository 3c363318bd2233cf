// Packing of GEMM operands into the panel layouts of gemm_ukernels.h (baseline code, any ISA).
#ifndef PARITY_RUNTIME_KERNELS_GEMM_PACK_H_
#define PARITY_RUNTIME_KERNELS_GEMM_PACK_H_

#include <cstdint>

#include "kernels/gemm/gemm_ukernels.h"

namespace parity::rt {

// Packs op(A)[m0 : m0+mc, k0 : k0+kc] into ceil(mc / mr) panels of kc x mr floats, zero-filling missing rows.
// op(A)(i, k) is a[i * lda + k], or a[k * lda + i] when trans. `row_major_panel` (an ISA's packer, or null for
// the portable gather) packs the panels of the non-transposed case.
void PackAPanels(const float* a, int64_t lda, bool trans, int64_t m0, int64_t mc, int64_t k0, int64_t kc, int mr,
                 float* dst, PackAPanelFn row_major_panel = nullptr);

// Packs op(B)[k0 : k0+kc, n0 : n0+nc] into ceil(nc / nr) panels of kc x nr floats, zero-filling missing columns.
// op(B)(k, j) is b[k * ldb + j], or b[j * ldb + k] when trans.
void PackBPanels(const float* b, int64_t ldb, bool trans, int64_t k0, int64_t kc, int64_t n0, int64_t nc, int nr,
                 float* dst);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_PACK_H_
