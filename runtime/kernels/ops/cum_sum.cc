// CumSum: running sums along the axis given by constant input 1; exclusive = 1 leaves each element out of its own
// sum, reverse = 1 sums from the end. Floats accumulate in double, int64 exactly.
#include <type_traits>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

template <typename T>
class CumSumKernel : public Kernel {
 public:
  CumSumKernel(int64_t outer, int64_t len, int64_t inner, bool exclusive, bool reverse)
      : outer_(outer), len_(len), inner_(inner), exclusive_(exclusive), reverse_(reverse) {}
  double Flops() const override { return static_cast<double>(outer_ * len_ * inner_); }
  void Run(const RunContext& ctx) override {
    const T* x = ctx.in[0].as<T>();
    T* y = ctx.out[0].as<T>();
    auto body = [&](int64_t s, int64_t e) {
      for (int64_t oi = s; oi < e; ++oi) Line(x, y, (oi / inner_) * len_ * inner_ + oi % inner_);
    };
    int64_t lines = outer_ * inner_;
    if (lines > 1 && lines * len_ > (1 << 15)) {
      ParallelForOrInline(ctx.pool, lines, body);
    } else {
      body(0, lines);
    }
  }

 private:
  // One line along the axis starting at offset `start` (stride inner_).
  void Line(const T* x, T* y, int64_t start) const {
    // Integers accumulate in uint64 so overflow wraps instead of being undefined.
    using Acc = std::conditional_t<std::is_floating_point<T>::value, double, uint64_t>;
    Acc acc = 0;
    for (int64_t k = 0; k < len_; ++k) {
      int64_t i = start + (reverse_ ? len_ - 1 - k : k) * inner_;
      T v = x[i];  // read before writing: x and y may share a buffer
      if (exclusive_) {
        y[i] = static_cast<T>(acc);
        acc += static_cast<Acc>(v);
      } else {
        acc += static_cast<Acc>(v);
        y[i] = static_cast<T>(acc);
      }
    }
  }

  int64_t outer_, len_, inner_;
  bool exclusive_, reverse_;
};

std::unique_ptr<Kernel> MakeCumSum(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  const Dims& x = b.dims(0);
  b.Require(!x.empty(), "input must have rank >= 1");
  std::vector<int64_t> axis = b.ConstInts(1, "axis");
  b.Require(axis.size() == 1 && b.dims(1).size() <= 1, "axis must be a scalar");
  int64_t a = NormAxis(b, axis[0], static_cast<int64_t>(x.size()));
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < a; ++d) outer *= x[d];
  for (size_t d = a + 1; d < x.size(); ++d) inner *= x[d];
  bool exclusive = b.node().AttrInt("exclusive", 0) != 0;
  bool reverse = b.node().AttrInt("reverse", 0) != 0;
  DType t = b.in(0).dtype;
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported");
  b.SetOutput(0, t, x);
  if (t == DType::kF32) return std::make_unique<CumSumKernel<float>>(outer, x[a], inner, exclusive, reverse);
  if (t == DType::kI64) return std::make_unique<CumSumKernel<int64_t>>(outer, x[a], inner, exclusive, reverse);
  b.Fail(std::string("unsupported dtype ") + DTypeName(t));
}

PARITY_REGISTER_OP({"", "CumSum", 11, kMaxOpset, &MakeCumSum});

}  // namespace
}  // namespace parity::rt
