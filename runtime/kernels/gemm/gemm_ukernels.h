// The ISA boundary of GEMM: leaf kernels on raw pointers, one exported function per ISA.
//
// Packed layouts (produced by pack.cc, consumed here):
//   A panel: kc x MR floats, element (k, i) at a[k * MR + i]; rows beyond the valid `mr` are zero.
//   B panel: kc x NR floats, element (k, j) at b[k * NR + j]; columns beyond the valid `nr` are zero.
// Internal header: only gemm/conv drivers and isa_dispatch include it.
#ifndef PARITY_RUNTIME_KERNELS_GEMM_GEMM_UKERNELS_H_
#define PARITY_RUNTIME_KERNELS_GEMM_GEMM_UKERNELS_H_

#include <cstdint>

namespace parity::rt {

// c[0:mr, 0:nr] = alpha * (Apanel * Bpanel) + beta * c. beta == 0 never reads c (NaNs in c are ignored).
// mr <= MR and nr <= NR of the variant; kc >= 1.
using SgemmUkernelFn = void (*)(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr,
                                int64_t nr, float alpha, float beta);

// Epilogue on an output tile, in plain-old-data form so that it crosses the ISA boundary unchanged.
struct EpilogueArgs {
  const float* row_bias;  // bias of the tile's first row (indexed by row), or null
  const float* col_bias;  // bias of the tile's first column (indexed by column), or null
  const float* residual;  // residual element matching c[0], or null
  int64_t residual_ld;
  int residual_after_activation;  // 0: added before the activation, 1: after
  int activation;                 // an Activation value
  float act_alpha;
  float act_beta;
};

// Applies the epilogue in place on c[0:rows, 0:cols] with row stride ldc.
using EpilogueFn = void (*)(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args);

// The micro-kernel followed by the epilogue on its tile, applied to the accumulators before the one store
// where the ISA can (saves a second pass over C); `epilogue` is never null.
using SgemmUkernelEpilogueFn = void (*)(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr,
                                        int64_t nr, float alpha, float beta, const EpilogueArgs* epilogue);

// Small-M product (GEMV-like: classifier layers at batch 1) straight from a packed B. Each B panel is streamed once
// over all of K with the accumulators in registers, so C is read and written once, after the last K block.
inline constexpr int kSgemvMaxM = 4;

struct SgemvArgs {
  int64_t m;       // rows of A and C, 1 .. kSgemvMaxM
  int64_t n;       // columns of C; the last panel may be partial
  int64_t k;       // >= 1
  const float* a;  // row-major m x k, row stride lda
  int64_t lda;
  // Packed B (PackedMatrix layout): the block of depth rows [p * kc, p * kc + kcur) of panel j starts at
  // b + p * kc * n_padded + j * kcur * NR, where kcur = min(kc, k - p * kc).
  const float* b;
  int64_t kc;
  int64_t n_padded;
  float* c;
  int64_t ldc;
  float alpha;
  float beta;                    // 0: C is never read
  const EpilogueArgs* epilogue;  // epilogue of the tile at C(0, 0), or null
};

// C[:, panel_begin * NR : panel_end * NR] = epilogue(alpha * A * B + beta * C), clipped to n columns. Threads may
// run it concurrently on disjoint panel ranges of one SgemvArgs (that is how the driver splits the weights).
using SgemvPackedFn = void (*)(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end);

void SgemvPackedGeneric(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end);
void SgemvPackedAvx2(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end);
void SgemvPackedAvx512(const SgemvArgs* args, int64_t panel_begin, int64_t panel_end);

// Packs one panel of a row-major op(A) (rows <= mr, row stride lda) into [kc][mr], rows past `rows` zeroed: the
// layout PackAPanels produces.
using PackAPanelFn = void (*)(const float* a, int64_t lda, int64_t rows, int64_t kc, int mr, float* dst);

void PackAPanelRowMajorAvx512(const float* a, int64_t lda, int64_t rows, int64_t kc, int mr, float* dst);

void SgemmUkernelGeneric(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                         float alpha, float beta);
void SgemmUkernelAvx2(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                      float alpha, float beta);
void SgemmUkernelAvx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr, int64_t nr,
                        float alpha, float beta);

void SgemmUkernelEpilogueAvx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int64_t mr,
                                int64_t nr, float alpha, float beta, const EpilogueArgs* epilogue);

void EpilogueGeneric(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args);
void EpilogueAvx2(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args);
void EpilogueAvx512(float* c, int64_t ldc, int64_t rows, int64_t cols, const EpilogueArgs* args);

// Tile shapes of each variant (the packed layouts depend on them).
inline constexpr int kGenericMr = 4, kGenericNr = 8;
inline constexpr int kAvx2Mr = 6, kAvx2Nr = 16;
inline constexpr int kAvx512Mr = 14, kAvx512Nr = 32;

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_GEMM_UKERNELS_H_
