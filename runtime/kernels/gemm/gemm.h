// Packed single-precision GEMM with a fused epilogue:
//   C = epilogue(alpha * op(A) * op(B) + beta * C)
// All matrices are row-major with leading dimensions in elements; op(X) is X or its transpose. op(A) is M x K,
// op(B) is K x N, C is M x N. See epilogue.h for bias / activation / residual.
//
// Weights are packed once (PackA / PackB, e.g. at model compile time) into the layout of the chosen ISA's
// micro-kernel; GemmPacked / GemmPackedA then skip packing that operand on every call.
//
// Threading: a call uses up to options.pool->NumThreads() threads (the caller included) and returns when C is
// complete. Different calls may run concurrently on different threads (scratch is per thread). No input
// (A, B, bias, residual) may alias C: to accumulate into C use beta = 1.
// Errors: arguments are preconditions (checked cheaply; a violation aborts with a message naming it).
#ifndef PARITY_RUNTIME_KERNELS_GEMM_GEMM_H_
#define PARITY_RUNTIME_KERNELS_GEMM_GEMM_H_

#include <cstdint>
#include <cstdlib>
#include <memory>

#include "core/cpu_features.h"
#include "core/thread_pool.h"
#include "kernels/gemm/epilogue.h"
#include "parity/runtime/options.h"

namespace parity::rt {

struct KernelTable;

struct GemmOptions {
  ThreadPool* pool = nullptr;            // null: run on the calling thread only
  const KernelTable* kernels = nullptr;  // null: ActiveKernelTable(); tests pass KernelTableFor(isa)
  // Cache blocking (the runtime's `gemm blocking` compile option), in elements. When not automatic, positive
  // values are used (mc rounded up to MR, nc to NR) and zeros stay automatic; kc of a packed operand is fixed
  // when it is packed.
  GemmBlocking blocking;
};

// An operand packed for one ISA's micro-kernel. Move-only; owns its (64-byte aligned) storage.
class PackedMatrix {
 public:
  enum class Side { kA, kB };

  PackedMatrix() = default;
  bool empty() const { return data_ == nullptr; }
  Side side() const { return side_; }
  const KernelTable* kernels() const { return kernels_; }
  int64_t outer() const { return outer_; }  // M for side A, N for side B
  int64_t depth() const { return depth_; }  // K
  int64_t kc() const { return kc_; }
  int panel() const { return panel_; }  // MR (side A) or NR (side B)
  const float* data() const { return data_.get(); }
  int64_t size_floats() const { return size_floats_; }

  // Start of the packed block for depth offset k0 (a multiple of kc()) and outer offset i0 (a multiple of panel()).
  const float* Block(int64_t k0, int64_t i0) const;

 private:
  friend PackedMatrix PackA(bool, int64_t, int64_t, const float*, int64_t, const GemmOptions&);
  friend PackedMatrix PackB(bool, int64_t, int64_t, const float*, int64_t, const GemmOptions&);
  struct FreeDeleter {
    void operator()(float* p) const { std::free(p); }
  };
  static PackedMatrix Allocate(Side side, const KernelTable* kernels, int64_t outer, int64_t depth, int64_t kc);

  Side side_ = Side::kB;
  const KernelTable* kernels_ = nullptr;
  int64_t outer_ = 0;
  int64_t depth_ = 0;
  int64_t kc_ = 0;
  int panel_ = 0;
  int64_t outer_padded_ = 0;
  int64_t size_floats_ = 0;
  std::unique_ptr<float[], FreeDeleter> data_;
};

// Packs op(A) (M x K) for GemmPackedA. Uses options.kernels and options.blocking.kc; ignores the pool.
PackedMatrix PackA(bool trans_a, int64_t m, int64_t k, const float* a, int64_t lda, const GemmOptions& options = {});
// Packs op(B) (K x N) for GemmPacked. Uses options.kernels and options.blocking.kc; ignores the pool.
PackedMatrix PackB(bool trans_b, int64_t k, int64_t n, const float* b, int64_t ldb, const GemmOptions& options = {});

void Gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc, const Epilogue& epilogue = {},
          const GemmOptions& options = {});

// B pre-packed (inference weights, e.g. MatMul / Gemm / Linear). Runs on b.kernels(), whatever options.kernels.
void GemmPacked(bool trans_a, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                const PackedMatrix& b, float beta, float* c, int64_t ldc, const Epilogue& epilogue = {},
                const GemmOptions& options = {});

// A pre-packed (convolution weights in NCHW: Cout x Cin*KH*KW). Runs on a.kernels(), whatever options.kernels.
void GemmPackedA(const PackedMatrix& a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* b,
                 int64_t ldb, float beta, float* c, int64_t ldc, const Epilogue& epilogue = {},
                 const GemmOptions& options = {});

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_GEMM_GEMM_H_
