// Det: determinant of each trailing [M, M] matrix of a float tensor [..., M, M] (output [...]), by LU
// factorisation with partial pivoting in fp32.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

float Determinant(float* a, int64_t m) {
  float det = 1.f;
  for (int64_t c = 0; c < m; ++c) {
    int64_t piv = c;
    for (int64_t r = c + 1; r < m; ++r) {
      if (std::fabs(a[r * m + c]) > std::fabs(a[piv * m + c])) piv = r;
    }
    if (a[piv * m + c] == 0.f) return 0.f;
    if (piv != c) {
      for (int64_t k = 0; k < m; ++k) std::swap(a[c * m + k], a[piv * m + k]);
      det = -det;
    }
    float p = a[c * m + c];
    det *= p;
    for (int64_t r = c + 1; r < m; ++r) {
      float f = a[r * m + c] / p;
      for (int64_t k = c + 1; k < m; ++k) a[r * m + k] -= f * a[c * m + k];
    }
  }
  return det;
}

class DetKernel : public Kernel {
 public:
  DetKernel(int64_t batch, int64_t m) : batch_(batch), m_(m) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, batch_, [&](int64_t s, int64_t e) {
      std::vector<float> work(static_cast<size_t>(m_ * m_));
      for (int64_t i = s; i < e; ++i) {
        std::copy(x + i * m_ * m_, x + (i + 1) * m_ * m_, work.begin());
        y[i] = Determinant(work.data(), m_);
      }
    });
  }

 private:
  int64_t batch_, m_;
};

std::unique_ptr<Kernel> MakeDet(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2 && x[x.size() - 1] == x[x.size() - 2], "input must be [..., M, M]");
  Dims out(x.begin(), x.end() - 2);
  b.SetOutput(0, DType::kF32, out);
  return std::make_unique<DetKernel>(NumElements(out), x.back());
}

PARITY_REGISTER_OP({"", "Det", 11, kMaxOpset, &MakeDet});

}  // namespace
}  // namespace parity::rt
