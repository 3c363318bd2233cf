// Small-M SGEMM on a pre-packed B (the GEMV path of the driver: M <= kSgemvMaxM, classifier layers at batch 1)
// against a double-precision loop, for every ISA variant and 1 / 2 threads. Shapes cover partial panels (n = 1,
// 31, 33, 1000), depth blocks with remainders (k = 257: two blocks of 129 / 128) and weights large enough to be
// split across threads (k >= 1280).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "kernels/gemm/gemm.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

struct GemvCase {
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 1, n = 1, k = 1;
  float alpha = 1.0f, beta = 0.0f;
  Epilogue epilogue;
  bool residual = false;
  bool nan_c = false;  // C starts as NaN: with beta == 0 it must never be read
};

class GemvTest : public ::testing::TestWithParam<std::tuple<Isa, int>> {
 protected:
  void SetUp() override {
    table_ = KernelTableFor(std::get<0>(GetParam()));
    ASSERT_NE(table_, nullptr);
    pool_ = std::make_unique<ThreadPool>(std::get<1>(GetParam()));
  }

  // Runs one case through GemmPacked and compares every element of C (and C's padding columns) with the
  // reference; returns false (after reporting) on the first mismatch.
  bool Check(const GemvCase& c, GemmBlocking blocking = {}) {
    GemmOptions o;
    o.pool = pool_.get();
    o.kernels = table_;
    o.blocking = blocking;
    const int64_t lda = (c.trans_a ? c.m : c.k) + 3;
    const int64_t ldb = (c.trans_b ? c.k : c.n) + 2;
    const int64_t ldc = c.n + 5;
    const int64_t ldr = c.n + 7;
    const std::vector<float> a = RandomVector((c.trans_a ? c.k : c.m) * lda, 11);
    const std::vector<float> b = RandomVector((c.trans_b ? c.n : c.k) * ldb, 12);
    std::vector<float> c0 = RandomVector(c.m * ldc, 13);
    if (c.nan_c) {
      for (int64_t i = 0; i < c.m; ++i) {
        for (int64_t j = 0; j < c.n; ++j) c0[i * ldc + j] = std::numeric_limits<float>::quiet_NaN();
      }
    }
    const std::vector<float> bias = RandomVector(c.m > c.n ? c.m : c.n, 14);
    const std::vector<float> res = RandomVector(c.m * ldr, 15);
    Epilogue e = c.epilogue;
    if (e.bias_kind != BiasKind::kNone) e.bias = bias.data();
    if (c.residual) {
      e.residual = res.data();
      e.residual_ld = ldr;
    }
    std::vector<float> out = c0;
    const PackedMatrix pb = PackB(c.trans_b, c.k, c.n, b.data(), ldb, o);
    GemmPacked(c.trans_a, c.m, c.n, c.k, c.alpha, a.data(), lda, pb, c.beta, out.data(), ldc, e, o);

    const KernelTolerance& tol = ToleranceFor(IsTranscendental(e.activation.kind) ? "gemm_transcendental" : "gemm");
    for (int64_t i = 0; i < c.m; ++i) {
      for (int64_t j = 0; j < c.n; ++j) {
        double sum = 0, abs_sum = 0;
        for (int64_t p = 0; p < c.k; ++p) {
          const double av = c.trans_a ? a[p * lda + i] : a[i * lda + p];
          const double bv = c.trans_b ? b[j * ldb + p] : b[p * ldb + j];
          sum += av * bv;
          abs_sum += std::fabs(av * bv);
        }
        const double old_c = c.beta != 0.0f ? static_cast<double>(c0[i * ldc + j]) : 0.0;
        double v = c.alpha * sum + c.beta * old_c;
        if (e.bias_kind == BiasKind::kPerRow) v += bias[i];
        if (e.bias_kind == BiasKind::kPerColumn) v += bias[j];
        v = RefEpilogue(v, res[i * ldr + j], c.residual, e.residual_order, e.activation);
        const RefValue ref{v, std::fabs(c.alpha) * abs_sum + std::fabs(c.beta * old_c) + 1.0};
        const double got = out[i * ldc + j];
        if (!(std::fabs(got - v) <= AllowedError(tol, static_cast<double>(c.k + 1), ref))) {
          ADD_FAILURE() << "mismatch at (" << i << "," << j << "): got " << got << " want " << v << " | m=" << c.m
                        << " n=" << c.n << " k=" << c.k << " ta=" << c.trans_a << " tb=" << c.trans_b
                        << " alpha=" << c.alpha << " beta=" << c.beta << " act=" << static_cast<int>(e.activation.kind)
                        << " bias=" << static_cast<int>(e.bias_kind) << " residual=" << c.residual
                        << " order=" << static_cast<int>(e.residual_order) << " kc=" << pb.kc();
          return false;
        }
      }
      for (int64_t j = c.n; j < ldc; ++j) {
        if (!(out[i * ldc + j] == c0[i * ldc + j])) {
          ADD_FAILURE() << "wrote outside C at (" << i << "," << j << ") | m=" << c.m << " n=" << c.n << " k=" << c.k;
          return false;
        }
      }
    }
    return true;
  }

  const KernelTable* table_ = nullptr;
  std::unique_ptr<ThreadPool> pool_;
};

TEST_P(GemvTest, ShapeMatrixWithTails) {
  for (int64_t m = 1; m <= kSgemvMaxM; ++m) {
    for (int64_t n : {1, 31, 32, 33, 1000}) {
      for (int64_t k : {1, 7, 256, 257, 1280, 2048}) {
        for (int t = 0; t < 4; ++t) {
          GemvCase c;
          c.m = m, c.n = n, c.k = k;
          c.trans_a = (t & 1) != 0;
          c.trans_b = (t & 2) != 0;
          ASSERT_TRUE(Check(c));
        }
      }
    }
  }
}

TEST_P(GemvTest, AlphaBeta) {
  for (auto [alpha, beta] : {std::pair{1.0f, 1.0f}, {0.5f, 1.0f}, {2.0f, -0.5f}, {-1.0f, 0.0f}, {0.0f, 0.75f}}) {
    for (int64_t m = 1; m <= kSgemvMaxM; ++m) {
      for (int64_t n : {33, 1000}) {
        for (bool trans_b : {false, true}) {
          GemvCase c;
          c.m = m, c.n = n, c.k = 257;
          c.trans_b = trans_b;
          c.alpha = alpha, c.beta = beta;
          ASSERT_TRUE(Check(c));
          c.epilogue.bias_kind = BiasKind::kPerColumn;
          c.epilogue.activation = ActivationParams::Relu();
          ASSERT_TRUE(Check(c));
        }
      }
    }
  }
}

TEST_P(GemvTest, AllEpilogues) {
  for (const ActivationParams& act : AllActivations()) {
    for (BiasKind bias : {BiasKind::kNone, BiasKind::kPerRow, BiasKind::kPerColumn}) {
      for (int r = 0; r < 3; ++r) {
        for (int64_t m = 1; m <= kSgemvMaxM; ++m) {
          for (int64_t n : {33, 1000}) {
            GemvCase c;
            c.m = m, c.n = n, c.k = n == 33 ? 257 : 64;  // 1000 x 64: enough weights for 2 threads
            c.trans_b = m % 2 == 0;
            c.beta = r == 2 ? 1.0f : 0.0f;
            c.epilogue.activation = act;
            c.epilogue.bias_kind = bias;
            c.residual = r > 0;
            c.epilogue.residual_order = r == 2 ? ResidualOrder::kAfterActivation : ResidualOrder::kBeforeActivation;
            ASSERT_TRUE(Check(c));
          }
        }
      }
    }
  }
}

TEST_P(GemvTest, ExplicitDepthBlocks) {
  // kc fixed at packing time: many blocks, and a last block shorter than the others (or of one row).
  for (int kc : {1, 16, 100, 2048}) {
    const GemmBlocking blocking{false, 0, kc, 0};  // {automatic, mc, kc, nc}
    for (int64_t m = 1; m <= kSgemvMaxM; ++m) {
      for (int64_t k : {7, 257, 1281}) {
        GemvCase c;
        c.m = m, c.n = 1000, c.k = k;
        c.trans_b = true;
        c.epilogue.bias_kind = BiasKind::kPerRow;
        c.epilogue.activation = ActivationParams::Clip(-0.5f, 0.75f);
        ASSERT_TRUE(Check(c, blocking));
      }
    }
  }
}

TEST_P(GemvTest, BetaZeroIgnoresNanInC) {
  for (int64_t m = 1; m <= kSgemvMaxM; ++m) {
    GemvCase c;
    c.m = m, c.n = 1000, c.k = 1280;
    c.nan_c = true;
    ASSERT_TRUE(Check(c));
  }
}

std::string Name(const ::testing::TestParamInfo<std::tuple<Isa, int>>& info) {
  return std::string(IsaName(std::get<0>(info.param))) + "_t" + std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(AllIsas, GemvTest,
                         ::testing::Combine(::testing::ValuesIn(SupportedIsas()), ::testing::Values(1, 2)), Name);

}  // namespace
}  // namespace parity::rt::test
