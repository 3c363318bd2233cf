// OneHot: output has indices' dims with a new axis of size `depth` inserted at `axis`; the element is
// values[1] (on) where the new coordinate equals the index, else values[0] (off). Indices and depth may be
// float (truncated toward zero). Indices outside the valid range give an all-off line.
//   OneHot-9: valid indices are [0, depth).   OneHot-11: negative indices count from the back.
// depth decides the output shape, so a run-time depth makes the graph dynamic.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class OneHotKernel : public Kernel {
 public:
  OneHotKernel(int64_t outer, int64_t depth, int64_t inner, bool idx_float, bool wrap, size_t elem)
      : outer_(outer), depth_(depth), inner_(inner), idx_float_(idx_float), wrap_(wrap), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* vals = ctx.in[2].as<uint8_t>();
    const uint8_t* off = vals;
    const uint8_t* on = vals + elem_;
    auto* y = ctx.out[0].as<uint8_t>();
    ParallelForOrInline(ctx.pool, outer_, [&](int64_t s, int64_t e) {
      for (int64_t o = s; o < e; ++o) {
        for (int64_t d = 0; d < depth_; ++d) {
          for (int64_t i = 0; i < inner_; ++i) {
            int64_t k = Index(ctx, o * inner_ + i);
            bool hot = k == d;
            std::memcpy(y + ((o * depth_ + d) * inner_ + i) * static_cast<int64_t>(elem_), hot ? on : off, elem_);
          }
        }
      }
    });
  }

 private:
  // The index at flat position p, wrapped when negative indices are allowed; -1 when out of range.
  int64_t Index(const RunContext& ctx, int64_t p) const {
    int64_t k = 0;
    if (idx_float_) {
      float f = ctx.in[0].as<float>()[p];
      if (!(std::fabs(f) < 1e18f)) return -1;  // NaN, inf or beyond int64: out of range, not UB
      k = static_cast<int64_t>(std::trunc(f));
    } else {
      k = ctx.in[0].as<int64_t>()[p];
    }
    if (k < 0 && wrap_) k += depth_;
    return k >= 0 && k < depth_ ? k : -1;
  }

  int64_t outer_, depth_, inner_;
  bool idx_float_, wrap_;
  size_t elem_;
};

template <bool kWrapNegative>
std::unique_ptr<Kernel> MakeOneHot(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  b.Require(b.in(0).dtype != DType::kBool && b.in(1).dtype != DType::kBool, "indices and depth must be numeric");
  const Dims& id = b.dims(0);
  int64_t rank = static_cast<int64_t>(id.size());
  int64_t axis = b.node().AttrInt("axis", -1);
  b.Require(axis >= -rank - 1 && axis <= rank, "axis " + std::to_string(axis) + " out of range");
  if (axis < 0) axis += rank + 1;
  const ConstTensor& dt = b.ConstInput(1, "depth");
  b.Require(dt.size() == 1, "depth must hold one value");
  int64_t depth = dt.dtype == DType::kF32 ? static_cast<int64_t>(std::trunc(dt.as<float>()[0])) : dt.as<int64_t>()[0];
  b.Require(depth >= 1, "depth must be positive, got " + std::to_string(depth));
  b.Require(NumElements(b.dims(2)) == 2, "values must hold [off_value, on_value]");
  Dims out = id;
  out.insert(out.begin() + axis, depth);
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= id[i];
  for (int64_t i = axis; i < rank; ++i) inner *= id[i];
  b.SetOutput(0, b.in(2).dtype, out);
  return std::make_unique<OneHotKernel>(outer, depth, inner, b.in(0).dtype == DType::kF32, kWrapNegative,
                                        DTypeSize(b.in(2).dtype));
}

PARITY_REGISTER_OP({"", "OneHot", 9, 10, &MakeOneHot<false>});
PARITY_REGISTER_OP({"", "OneHot", 11, kMaxOpset, &MakeOneHot<true>});

}  // namespace
}  // namespace parity::rt
