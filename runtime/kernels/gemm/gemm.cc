#include "kernels/gemm/gemm.h"

#include <cstdio>

#include "kernels/gemm/gemm_driver.h"
#include "kernels/gemm/pack.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

int64_t CeilDiv(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

const KernelTable& TableOf(const GemmOptions& options) {
  return options.kernels != nullptr ? *options.kernels : ActiveKernelTable();
}

// Depth blocking of a packed operand: explicit, or K split evenly into blocks of at most the ISA default.
int64_t PackedKc(const GemmOptions& options, const GemmKernelConfig& cfg, int64_t k) {
  if (k <= 0) return 1;
  if (!options.blocking.automatic && options.blocking.kc > 0) return options.blocking.kc < k ? options.blocking.kc : k;
  const int64_t pieces = CeilDiv(k, cfg.kc);
  return CeilDiv(k, pieces);
}

}  // namespace

const float* PackedMatrix::Block(int64_t k0, int64_t i0) const {
  const int64_t kcur = depth_ - k0 < kc_ ? depth_ - k0 : kc_;
  return data_.get() + k0 * outer_padded_ + (i0 / panel_) * kcur * panel_;
}

PackedMatrix PackedMatrix::Allocate(Side side, const KernelTable* kernels, int64_t outer, int64_t depth, int64_t kc) {
  PackedMatrix p;
  p.side_ = side;
  p.kernels_ = kernels;
  p.outer_ = outer;
  p.depth_ = depth;
  p.kc_ = kc;
  p.panel_ = side == Side::kA ? kernels->gemm.mr : kernels->gemm.nr;
  p.outer_padded_ = CeilDiv(outer, p.panel_) * p.panel_;
  p.size_floats_ = p.outer_padded_ * (depth > 0 ? depth : 1);
  const size_t bytes = static_cast<size_t>(CeilDiv(p.size_floats_ * 4, 64) * 64);
  p.data_.reset(static_cast<float*>(std::aligned_alloc(64, bytes)));
  if (p.data_ == nullptr) {
    std::fprintf(stderr, "parity gemm: out of memory packing a %lld x %lld operand\n", static_cast<long long>(outer),
                 static_cast<long long>(depth));
    std::abort();
  }
  return p;
}

PackedMatrix PackA(bool trans_a, int64_t m, int64_t k, const float* a, int64_t lda, const GemmOptions& options) {
  const KernelTable& table = TableOf(options);
  PackedMatrix p = PackedMatrix::Allocate(PackedMatrix::Side::kA, &table, m, k, PackedKc(options, table.gemm, k));
  for (int64_t pc = 0; pc < k; pc += p.kc_) {
    const int64_t kcur = k - pc < p.kc_ ? k - pc : p.kc_;
    PackAPanels(a, lda, trans_a, 0, m, pc, kcur, p.panel_, p.data_.get() + pc * p.outer_padded_,
                table.gemm.pack_a_rows);
  }
  return p;
}

PackedMatrix PackB(bool trans_b, int64_t k, int64_t n, const float* b, int64_t ldb, const GemmOptions& options) {
  const KernelTable& table = TableOf(options);
  PackedMatrix p = PackedMatrix::Allocate(PackedMatrix::Side::kB, &table, n, k, PackedKc(options, table.gemm, k));
  for (int64_t pc = 0; pc < k; pc += p.kc_) {
    const int64_t kcur = k - pc < p.kc_ ? k - pc : p.kc_;
    PackBPanels(b, ldb, trans_b, pc, kcur, 0, n, p.panel_, p.data_.get() + pc * p.outer_padded_);
  }
  return p;
}

void Gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc, const Epilogue& epilogue,
          const GemmOptions& options) {
  GemmOperandA op_a;
  op_a.data = a;
  op_a.ld = lda;
  op_a.trans = trans_a;
  GemmOperandB op_b;
  op_b.data = b;
  op_b.ld = ldb;
  op_b.trans = trans_b;
  RunGemm(TableOf(options), GemmShape{m, n, k, alpha, beta, c, ldc}, op_a, op_b, epilogue, options);
}

void GemmPacked(bool trans_a, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                const PackedMatrix& b, float beta, float* c, int64_t ldc, const Epilogue& epilogue,
                const GemmOptions& options) {
  GemmOperandA op_a;
  op_a.data = a;
  op_a.ld = lda;
  op_a.trans = trans_a;
  GemmOperandB op_b;
  op_b.packed = &b;
  RunGemm(*b.kernels(), GemmShape{m, n, k, alpha, beta, c, ldc}, op_a, op_b, epilogue, options);
}

void GemmPackedA(const PackedMatrix& a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* b,
                 int64_t ldb, float beta, float* c, int64_t ldc, const Epilogue& epilogue, const GemmOptions& options) {
  GemmOperandA op_a;
  op_a.packed = &a;
  GemmOperandB op_b;
  op_b.data = b;
  op_b.ld = ldb;
  op_b.trans = trans_b;
  RunGemm(*a.kernels(), GemmShape{m, n, k, alpha, beta, c, ldc}, op_a, op_b, epilogue, options);
}

}  // namespace parity::rt
