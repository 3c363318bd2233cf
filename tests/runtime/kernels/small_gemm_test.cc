// Small strided GEMM (no packing) of every ISA variant that has one, against double precision: row and column
// tails around the 14 x 32 tile, depths up to kSmallGemmMaxK, leading dimensions wider than the matrices, plain
// and transposed B, and alpha.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "kernels/matmul/small_gemm_ukernels.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

class SmallGemmTest : public ::testing::TestWithParam<Isa> {};

TEST_P(SmallGemmTest, MatchesDoublePrecision) {
  const SmallGemmFn fn = KernelTableFor(GetParam())->matmul.small_gemm;
  if (fn == nullptr) GTEST_SKIP() << "no small GEMM for " << IsaName(GetParam());
  const KernelTolerance& tol = ToleranceFor("gemm");
  uint32_t seed = 3;
  struct Shape {
    int64_t m, n, k;
  };
  for (const Shape& s : {Shape{1, 1, 1}, Shape{13, 17, 5}, Shape{14, 32, 64}, Shape{29, 70, 33}, Shape{128, 64, 128},
                         Shape{3, 16, kSmallGemmMaxK}}) {
    for (bool trans_b : {false, true}) {
      const int64_t lda = s.k + 3, ldb = (trans_b ? s.k : s.n) + 5, ldc = s.n + 7;
      const std::vector<float> a = RandomVector(s.m * lda, seed++);
      const std::vector<float> b = RandomVector((trans_b ? s.n : s.k) * ldb, seed++);
      std::vector<float> c(s.m * ldc, NAN), scratch(s.k * SmallGemmScratchFloats(s.n));
      const float alpha = 0.75f;
      fn(s.m, s.n, s.k, alpha, a.data(), lda, b.data(), ldb, trans_b, scratch.data(), c.data(), ldc);
      for (int64_t i = 0; i < s.m; ++i) {
        for (int64_t j = 0; j < s.n; ++j) {
          double sum = 0, abs_dot = 0;
          for (int64_t p = 0; p < s.k; ++p) {
            const double bv = trans_b ? b[j * ldb + p] : b[p * ldb + j];
            sum += a[i * lda + p] * bv;
            abs_dot += std::fabs(a[i * lda + p] * bv);
          }
          const double want = alpha * sum;
          EXPECT_LE(std::fabs(c[i * ldc + j] - want),
                    AllowedError(tol, static_cast<double>(s.k), RefValue{want, alpha * abs_dot}))
              << s.m << "x" << s.n << "x" << s.k << " trans_b " << trans_b << " at " << i << "," << j;
        }
        for (int64_t j = s.n; j < ldc; ++j) EXPECT_TRUE(std::isnan(c[i * ldc + j])) << "wrote past column " << s.n;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllIsas, SmallGemmTest, ::testing::ValuesIn(SupportedIsas()),
                         [](const ::testing::TestParamInfo<Isa>& info) { return std::string(IsaName(info.param)); });

}  // namespace
}  // namespace parity::rt::test
