// Gemm: Y = alpha * A' * B' + beta * C, A' = transA ? A^T : A ([M, K]), B' = transB ? B^T : B ([K, N]);
// C broadcasts unidirectionally onto [M, N] (scalar, [N], [M, 1], [1, N], [M, N], ...).
//   Gemm-6: C broadcasts only with broadcast = 1 (else it must be [M, N]).
//   Gemm-7: numpy-style broadcast of C (Gemm-6's `broadcast` attribute is gone), float types.
//   Gemm-9: adds int32/int64/uint32/uint64 (products exact, wrapping; alpha/beta applied in double).
//   Gemm-11: C becomes optional (absent C adds nothing).   Gemm-13: adds bfloat16.
#include <cmath>

#include "core/elementwise.h"
#include "core/nn_parallel.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// Values of C laid over [m, n] (unidirectional broadcasting), as doubles.
std::vector<double> BroadcastC(const OpContext& ctx, const Tensor& c, int64_t m, int64_t n) {
  const Shape out = {m, n};
  ctx.Check(c.rank() <= 2 && BroadcastShapes(c.shape(), out) == out,
            "C of shape " + ShapeToString(c.shape()) + " does not broadcast to " + ShapeToString(out));
  const std::vector<double> cv = c.ToDoubleVector();
  std::vector<double> full(m * n);
  ForEachBroadcast(out, {c.shape()}, [&](int64_t i, const std::vector<int64_t>& o) { full[i] = cv[o[0]]; });
  return full;
}

template <typename T>
void IntegerGemm(const std::vector<T>& a, const std::vector<T>& b, bool ta, bool tb, int64_t m, int64_t k, int64_t n,
                 double alpha, double beta, const std::vector<double>* c, std::vector<T>& y) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      uint64_t acc = 0;  // wraps like two's complement
      for (int64_t t = 0; t < k; ++t) {
        acc +=
            static_cast<uint64_t>(a[ta ? t * m + i : i * k + t]) * static_cast<uint64_t>(b[tb ? j * k + t : t * n + j]);
      }
      const auto product = static_cast<T>(acc);
      if (alpha == 1.0 && (c == nullptr || beta == 1.0)) {
        y[i * n + j] = static_cast<T>(static_cast<uint64_t>(product) +
                                      (c ? static_cast<uint64_t>(static_cast<T>((*c)[i * n + j])) : 0));
      } else {
        const double v = alpha * static_cast<double>(product) + (c ? beta * (*c)[i * n + j] : 0.0);
        y[i * n + j] = static_cast<T>(std::trunc(v));
      }
    }
  }
}

void RunGemm(OpContext& ctx) {
  const Tensor& a = ctx.Input(0);
  const Tensor& b = ctx.Input(1);
  ctx.Check(a.rank() == 2 && b.rank() == 2,
            "A and B must be 2-D, got " + ShapeToString(a.shape()) + " and " + ShapeToString(b.shape()));
  ctx.Check(a.dtype() == b.dtype(), "A and B have different types");
  const bool floating = IsFloating(a.dtype());
  ctx.Check(floating || (ctx.version() >= 9 && IsInteger(a.dtype())),
            "Gemm-" + std::to_string(ctx.version()) + " does not accept " + DataTypeName(a.dtype()));
  ctx.Check(ctx.version() >= 11 || ctx.HasInput(2), "C is required before Gemm-11");
  const bool ta = ctx.GetInt("transA") != 0, tb = ctx.GetInt("transB") != 0;
  const int64_t m = ta ? a.dim(1) : a.dim(0), k = ta ? a.dim(0) : a.dim(1);
  const int64_t n = tb ? b.dim(0) : b.dim(1), kb = tb ? b.dim(1) : b.dim(0);
  ctx.Check(k == kb, "inner dimensions differ: A' is [" + std::to_string(m) + ", " + std::to_string(k) + "], B' is [" +
                         std::to_string(kb) + ", " + std::to_string(n) + "]");
  const double alpha = ctx.GetFloat("alpha"), beta = ctx.GetFloat("beta");
  const bool has_c = ctx.HasInput(2);
  std::vector<double> c;
  if (has_c && ctx.version() == 6 && ctx.GetInt("broadcast") == 0) {
    ctx.Check(ctx.Input(2).shape() == Shape({m, n}), "without broadcast = 1, C must have shape [M, N]");
  }
  if (has_c) c = BroadcastC(ctx, ctx.Input(2), m, n);

  Tensor y(a.dtype(), {m, n});
  if (floating) {
    auto& yv = y.reals();
    if (has_c) yv = c;
    ParallelDGemm(ta, tb, m, n, k, alpha, a.reals().data(), a.dim(1), b.reals().data(), b.dim(1), has_c ? beta : 0.0,
                  yv.data(), n, ctx.threads());
  } else if (IsSignedInteger(a.dtype())) {
    IntegerGemm(a.ints(), b.ints(), ta, tb, m, k, n, alpha, beta, has_c ? &c : nullptr, y.ints());
  } else {
    IntegerGemm(a.uints(), b.uints(), ta, tb, m, k, n, alpha, beta, has_c ? &c : nullptr, y.uints());
  }
  y.WrapToDtype();
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Gemm")
                        .Versions({6, 7, 9, 11, 13})
                        .Int("broadcast", 0)
                        .Only(6, 6)
                        .Float("alpha", 1.0)
                        .Float("beta", 1.0)
                        .Int("transA", 0)
                        .Int("transB", 0)
                        .Run(RunGemm));

}  // namespace parity::ref
