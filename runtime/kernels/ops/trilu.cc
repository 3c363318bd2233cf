// Trilu: keeps the upper (upper = 1, default) or lower triangle of the last two dims, shifted by the optional
// constant diagonal offset k (input 1); everything else becomes zero. Any dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class TriluKernel : public Kernel {
 public:
  TriluKernel(int64_t batch, int64_t rows, int64_t cols, int64_t k, bool upper, size_t elem)
      : batch_(batch), rows_(rows), cols_(cols), k_(k), upper_(upper), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t row_bytes = cols_ * elem_;
    for (int64_t m = 0; m < batch_ * rows_; ++m) {
      int64_t i = m % rows_;
      // Kept columns: j >= i + k (upper) or j <= i + k (lower), clamped to [0, cols].
      int64_t lo = upper_ ? std::clamp<int64_t>(i + k_, 0, cols_) : 0;
      int64_t hi = upper_ ? cols_ : std::clamp<int64_t>(i + k_ + 1, 0, cols_);
      const uint8_t* xr = x + m * row_bytes;
      uint8_t* yr = y + m * row_bytes;
      CopyIfDistinct(yr + lo * elem_, xr + lo * elem_, (hi - lo) * elem_);
      std::memset(yr, 0, lo * elem_);
      std::memset(yr + hi * elem_, 0, (cols_ - hi) * elem_);
    }
  }

 private:
  int64_t batch_, rows_, cols_, k_;
  bool upper_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeTrilu(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2, "input must have rank >= 2");
  int64_t k = 0;
  if (b.has_input(1)) {
    std::vector<int64_t> kv = b.ConstInts(1, "k");
    b.Require(kv.size() == 1, "k must be a scalar");
    k = kv[0];
  }
  bool upper = b.node().AttrInt("upper", 1) != 0;
  int64_t rows = x[x.size() - 2], cols = x[x.size() - 1];
  k = std::clamp<int64_t>(k, -rows - cols, rows + cols);  // keeps i + k from overflowing
  int64_t batch = rows > 0 && cols > 0 ? NumElements(x) / (rows * cols) : 0;
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported");
  b.SetOutput(0, b.in(0).dtype, x);
  return std::make_unique<TriluKernel>(batch, rows, cols, k, upper, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "Trilu", 14, kMaxOpset, &MakeTrilu});

}  // namespace
}  // namespace parity::rt
