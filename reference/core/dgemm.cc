#include "core/dgemm.h"

#include <cstdlib>
#include <string>

#include "parity/reference/error.h"

extern "C" {
#define PARITY_DGEMM_DECLARE(isa)                                                                              \
  void parity_ref_dgemm_##isa(int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, double alpha,         \
                              const double* a, int64_t lda, const double* b, int64_t ldb, double beta, double* c, \
                              int64_t ldc, int threads);
PARITY_DGEMM_DECLARE(avx512)
PARITY_DGEMM_DECLARE(avx2)
PARITY_DGEMM_DECLARE(generic)
#undef PARITY_DGEMM_DECLARE
}

namespace parity::ref {

namespace {

using Entry = void (*)(int, int, int64_t, int64_t, int64_t, double, const double*, int64_t, const double*, int64_t,
                       double, double*, int64_t, int);

struct Variant {
  Entry entry;
  const char* name;
};

Variant Choose() {
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  std::string forced = std::getenv("PARITY_REF_ISA") ? std::getenv("PARITY_REF_ISA") : "";
  if (forced == "generic") return {parity_ref_dgemm_generic, "generic"};
  if (forced == "avx2" && avx2) return {parity_ref_dgemm_avx2, "avx2"};
  if (avx512 && (forced.empty() || forced == "avx512")) return {parity_ref_dgemm_avx512, "avx512"};
  if (avx2) return {parity_ref_dgemm_avx2, "avx2"};
  return {parity_ref_dgemm_generic, "generic"};
}

const Variant& Selected() {
  static const Variant variant = Choose();
  return variant;
}

}  // namespace

void DGemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
           const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  if (m < 0 || n < 0 || k < 0) throw Error("DGemm: negative dimension");
  Selected().entry(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
}

std::string DGemmVariant() { return Selected().name; }

}  // namespace parity::ref
