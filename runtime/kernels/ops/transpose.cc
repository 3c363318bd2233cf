// Transpose with any permutation (default: reverse), any dtype. Innermost-contiguous cases copy runs.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class TransposeKernel : public Kernel {
 public:
  TransposeKernel(Dims out, Dims src_strides, size_t elem)
      : out_(std::move(out)), ss_(std::move(src_strides)), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t r = out_.size();
    int64_t n = NumElements(out_);
    if (r == 0) {
      std::memcpy(y, x, elem_);
      return;
    }
    int64_t inner = out_[r - 1], is = ss_[r - 1];
    int64_t idx[kMaxRank] = {};
    for (int64_t o = 0; o < n / std::max<int64_t>(inner, 1); ++o) {
      int64_t off = 0;
      for (size_t d = 0; d + 1 < r; ++d) off += idx[d] * ss_[d];
      uint8_t* yo = y + o * inner * elem_;
      if (is == 1) {
        std::memcpy(yo, x + off * elem_, inner * elem_);
      } else if (elem_ == 4) {
        const float* xs = reinterpret_cast<const float*>(x) + off;
        float* yf = reinterpret_cast<float*>(yo);
        for (int64_t i = 0; i < inner; ++i) yf[i] = xs[i * is];
      } else {
        for (int64_t i = 0; i < inner; ++i) std::memcpy(yo + i * elem_, x + (off + i * is) * elem_, elem_);
      }
      for (int d = static_cast<int>(r) - 2; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims out_, ss_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeTranspose(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  std::vector<int64_t> perm = b.node().AttrInts("perm");
  if (perm.empty())
    for (int64_t i = r - 1; i >= 0; --i) perm.push_back(i);
  b.Require(static_cast<int64_t>(perm.size()) == r, "perm length differs from the input rank");
  b.Require(r <= kMaxRank, "rank above 8 is not supported");
  std::vector<bool> seen(r, false);
  Dims out(r), ss(r);
  Dims is = Strides(x);
  for (int64_t i = 0; i < r; ++i) {
    int64_t p = perm[i];
    b.Require(p >= 0 && p < r && !seen[p], "perm is not a permutation");
    seen[p] = true;
    out[i] = x[p];
    ss[i] = is[p];
  }
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<TransposeKernel>(out, ss, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "Transpose", 1, kMaxOpset, &MakeTranspose});

}  // namespace
}  // namespace parity::rt
