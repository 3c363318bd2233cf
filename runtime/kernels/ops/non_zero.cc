// NonZero: int64 [rank, count] coordinates of the non-zero elements in row-major order. The output shape
// depends on the values, so a run-time input makes the graph dynamic (interpreter path).
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

template <typename T>
int64_t CountNonZero(const T* x, int64_t n) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) c += x[i] != T(0);
  return c;
}

class NonZeroKernel : public Kernel {
 public:
  NonZeroKernel(Dims x, DType t, int64_t count) : x_(std::move(x)), t_(t), count_(count) {}
  void Run(const RunContext& ctx) override {
    if (t_ == DType::kF32) {
      Emit(ctx.in[0].as<float>(), ctx.out[0].as<int64_t>());
    } else if (t_ == DType::kI64) {
      Emit(ctx.in[0].as<int64_t>(), ctx.out[0].as<int64_t>());
    } else {
      Emit(ctx.in[0].as<uint8_t>(), ctx.out[0].as<int64_t>());
    }
  }

 private:
  template <typename T>
  void Emit(const T* x, int64_t* y) const {
    size_t r = x_.size();
    std::vector<int64_t> pos(r, 0);
    int64_t n = NumElements(x_), j = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (x[i] != T(0)) {
        for (size_t d = 0; d < r; ++d) y[static_cast<int64_t>(d) * count_ + j] = pos[d];
        ++j;
      }
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++pos[d] < x_[d]) break;
        pos[d] = 0;
      }
    }
  }

  Dims x_;
  DType t_;
  int64_t count_;
};

std::unique_ptr<Kernel> MakeNonZero(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  b.Require(!x.empty(), "scalar input is not supported");
  const ConstTensor& c = b.ConstInput(0, "X");
  DType t = c.dtype;
  int64_t n = c.size();
  int64_t count = t == DType::kF32   ? CountNonZero(c.as<float>(), n)
                  : t == DType::kI64 ? CountNonZero(c.as<int64_t>(), n)
                                     : CountNonZero(c.as<uint8_t>(), n);
  b.SetOutput(0, DType::kI64, {static_cast<int64_t>(x.size()), count});
  return std::make_unique<NonZeroKernel>(x, t, count);
}

PARITY_REGISTER_OP({"", "NonZero", 9, kMaxOpset, &MakeNonZero});

}  // namespace
}  // namespace parity::rt
