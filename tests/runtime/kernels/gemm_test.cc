// SGEMM (plain and pre-packed) against a double-precision loop, for every ISA variant and 1 / 2 threads.
#include "kernels/gemm/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

struct Case {
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 1, n = 1, k = 1;
  float alpha = 1.0f, beta = 0.0f;
  Epilogue epilogue;
  bool residual = false;
};

enum class Packing { kNone, kPackA, kPackB };

class GemmTest : public ::testing::TestWithParam<std::tuple<Isa, int>> {
 protected:
  void SetUp() override {
    table_ = KernelTableFor(std::get<0>(GetParam()));
    ASSERT_NE(table_, nullptr);
    pool_ = std::make_unique<ThreadPool>(std::get<1>(GetParam()));
  }

  GemmOptions Options(GemmBlocking blocking = {}) const {
    GemmOptions o;
    o.pool = pool_.get();
    o.kernels = table_;
    o.blocking = blocking;
    return o;
  }

  // Runs one case and compares every element; returns false (after reporting) on the first mismatch.
  bool Check(Case c, Packing packing, GemmBlocking blocking = {}) {
    const int64_t lda = (c.trans_a ? c.m : c.k) + 3;
    const int64_t ldb = (c.trans_b ? c.k : c.n) + 2;
    const int64_t ldc = c.n + 5;
    std::vector<float> a = RandomVector((c.trans_a ? c.k : c.m) * lda, 1);
    std::vector<float> b = RandomVector((c.trans_b ? c.n : c.k) * ldb, 2);
    std::vector<float> c0 = RandomVector(c.m * ldc, 3);
    std::vector<float> bias = RandomVector(c.m > c.n ? c.m : c.n, 4);
    std::vector<float> res = RandomVector(c.m * c.n, 5);
    Epilogue e = c.epilogue;
    if (e.bias_kind != BiasKind::kNone) e.bias = bias.data();
    if (c.residual) {
      e.residual = res.data();
      e.residual_ld = c.n;
    }
    std::vector<float> out = c0;
    const GemmOptions o = Options(blocking);
    if (packing == Packing::kPackB) {
      PackedMatrix pb = PackB(c.trans_b, c.k, c.n, b.data(), ldb, o);
      GemmPacked(c.trans_a, c.m, c.n, c.k, c.alpha, a.data(), lda, pb, c.beta, out.data(), ldc, e, o);
    } else if (packing == Packing::kPackA) {
      PackedMatrix pa = PackA(c.trans_a, c.m, c.k, a.data(), lda, o);
      GemmPackedA(pa, c.trans_b, c.m, c.n, c.k, c.alpha, b.data(), ldb, c.beta, out.data(), ldc, e, o);
    } else {
      Gemm(c.trans_a, c.trans_b, c.m, c.n, c.k, c.alpha, a.data(), lda, b.data(), ldb, c.beta, out.data(), ldc, e, o);
    }
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
        double v = c.alpha * sum + (c.beta != 0.0f ? c.beta * static_cast<double>(c0[i * ldc + j]) : 0.0);
        if (e.bias_kind == BiasKind::kPerRow) v += bias[i];
        if (e.bias_kind == BiasKind::kPerColumn) v += bias[j];
        v = RefEpilogue(v, res[i * c.n + j], c.residual, e.residual_order, e.activation);
        const RefValue ref{v, std::fabs(c.alpha) * abs_sum + std::fabs(c.beta * c0[i * ldc + j]) + 1.0};
        const double err = std::fabs(out[i * ldc + j] - v);
        if (!(err <= AllowedError(tol, static_cast<double>(c.k + 1), ref))) {
          ADD_FAILURE() << "mismatch at (" << i << "," << j << "): got " << out[i * ldc + j] << " want " << v
                        << " | m=" << c.m << " n=" << c.n << " k=" << c.k << " ta=" << c.trans_a << " tb=" << c.trans_b
                        << " alpha=" << c.alpha << " beta=" << c.beta << " act=" << static_cast<int>(e.activation.kind)
                        << " packing=" << static_cast<int>(packing);
          return false;
        }
      }
    }
    // Padding columns of C between n and ldc must be untouched.
    for (int64_t i = 0; i < c.m; ++i) {
      for (int64_t j = c.n; j < ldc; ++j) {
        if (out[i * ldc + j] != c0[i * ldc + j]) {
          ADD_FAILURE() << "wrote outside C at (" << i << "," << j << ")";
          return false;
        }
      }
    }
    return true;
  }

  const KernelTable* table_ = nullptr;
  std::unique_ptr<ThreadPool> pool_;
};

TEST_P(GemmTest, ShapeMatrixWithTails) {
  for (int64_t m : {1, 3, 6, 14, 15, 29, 64}) {
    for (int64_t n : {1, 5, 16, 17, 33, 100}) {
      for (int64_t k : {1, 7, 64, 300}) {
        for (int t = 0; t < 4; ++t) {
          Case c;
          c.m = m, c.n = n, c.k = k;
          c.trans_a = (t & 1) != 0;
          c.trans_b = (t & 2) != 0;
          ASSERT_TRUE(Check(c, Packing::kNone));
        }
      }
    }
  }
}

TEST_P(GemmTest, AlphaBeta) {
  for (auto [alpha, beta] : {std::pair{1.0f, 1.0f}, {0.5f, 1.0f}, {2.0f, -0.5f}, {-1.0f, 0.0f}}) {
    Case c;
    c.m = 37, c.n = 45, c.k = 90;
    c.alpha = alpha, c.beta = beta;
    ASSERT_TRUE(Check(c, Packing::kNone));
    ASSERT_TRUE(Check(c, Packing::kPackB));
  }
}

TEST_P(GemmTest, AllEpilogues) {
  for (const ActivationParams& act : AllActivations()) {
    for (BiasKind bias : {BiasKind::kNone, BiasKind::kPerRow, BiasKind::kPerColumn}) {
      for (int r = 0; r < 3; ++r) {
        Case c;
        c.m = 19, c.n = 37, c.k = 33;
        c.beta = r == 2 ? 1.0f : 0.0f;
        c.epilogue.activation = act;
        c.epilogue.bias_kind = bias;
        c.residual = r > 0;
        c.epilogue.residual_order = r == 2 ? ResidualOrder::kAfterActivation : ResidualOrder::kBeforeActivation;
        ASSERT_TRUE(Check(c, Packing::kNone));
        ASSERT_TRUE(Check(c, Packing::kPackA));
      }
    }
  }
}

TEST_P(GemmTest, PrePackedOperandsAndExplicitBlocking) {
  const GemmBlocking small{false, 20, 16, 40};  // forces several blocks in every dimension
  for (int64_t m : {1, 13, 50}) {
    for (int64_t n : {3, 31, 70}) {
      for (int64_t k : {1, 17, 100}) {
        for (int t = 0; t < 2; ++t) {
          Case c;
          c.m = m, c.n = n, c.k = k;
          c.trans_a = t == 1;
          c.trans_b = t == 1;
          c.epilogue.activation = ActivationParams::Relu();
          c.epilogue.bias_kind = BiasKind::kPerColumn;
          ASSERT_TRUE(Check(c, Packing::kPackA, small));
          ASSERT_TRUE(Check(c, Packing::kPackB, small));
          ASSERT_TRUE(Check(c, Packing::kNone, small));
          ASSERT_TRUE(Check(c, Packing::kPackB));
        }
      }
    }
  }
}

TEST_P(GemmTest, LargeShapeUsesAllThreads) {
  Case c;
  c.m = 150, c.n = 260, c.k = 520;
  c.epilogue.activation = ActivationParams::Of(Activation::kGeluErf);
  c.epilogue.bias_kind = BiasKind::kPerRow;
  ASSERT_TRUE(Check(c, Packing::kNone));
  ASSERT_TRUE(Check(c, Packing::kPackA));
  ASSERT_TRUE(Check(c, Packing::kPackB));
}

TEST_P(GemmTest, EmptyDepthAppliesBetaAndEpilogue) {
  Case c;
  c.m = 5, c.n = 9, c.k = 0;
  c.beta = 0.5f;
  c.epilogue.bias_kind = BiasKind::kPerRow;
  c.epilogue.activation = ActivationParams::Relu();
  ASSERT_TRUE(Check(c, Packing::kNone));
}

std::string Name(const ::testing::TestParamInfo<std::tuple<Isa, int>>& info) {
  return std::string(IsaName(std::get<0>(info.param))) + "_t" + std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(AllIsas, GemmTest,
                         ::testing::Combine(::testing::ValuesIn(SupportedIsas()), ::testing::Values(1, 2)), Name);

}  // namespace
}  // namespace parity::rt::test
