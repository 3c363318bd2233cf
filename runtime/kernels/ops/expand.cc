// Expand (numpy broadcast to a constant shape) and Tile (constant repeats); any dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

// y[i] = x[sum_d idx_d * stride_d] over the output index space (strides of x may be 0 or wrap via modulo).
class GatherCopyKernel : public Kernel {
 public:
  GatherCopyKernel(Dims out, Dims in, bool tile, size_t elem)
      : out_(std::move(out)), in_(std::move(in)), tile_(tile), elem_(elem) {
    st_ = tile_ ? Strides(in_) : BroadcastStrides(in_, out_);
  }
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t r = out_.size();
    std::vector<int64_t> idx(r, 0);
    int64_t n = NumElements(out_);
    for (int64_t i = 0; i < n; ++i) {
      int64_t off = 0;
      for (size_t d = 0; d < r; ++d) off += (tile_ ? idx[d] % in_[d] : idx[d]) * st_[d];
      std::memcpy(y + i * elem_, x + off * elem_, elem_);
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims out_, in_, st_;
  bool tile_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeExpand(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  std::vector<int64_t> shape = b.ConstInts(1, "shape");
  Dims out = BroadcastDims(b, b.dims(0), Dims(shape.begin(), shape.end()));
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<GatherCopyKernel>(out, b.dims(0), false, DTypeSize(b.in(0).dtype));
}

std::unique_ptr<Kernel> MakeTile(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  std::vector<int64_t> reps = b.ConstInts(1, "repeats");
  const Dims& x = b.dims(0);
  b.Require(reps.size() == x.size(), "repeats must have one entry per input dim");
  Dims out = x;
  for (size_t i = 0; i < x.size(); ++i) {
    b.Require(reps[i] >= 0, "negative repeats");
    out[i] *= reps[i];
  }
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<GatherCopyKernel>(out, x, true, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "Expand", 8, kMaxOpset, &MakeExpand});
PARITY_REGISTER_OP({"", "Tile", 6, kMaxOpset, &MakeTile});

}  // namespace
}  // namespace parity::rt
