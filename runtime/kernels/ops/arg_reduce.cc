// ArgMax / ArgMin along an axis (keepdims, select_last_index) over float or int64; int64 output.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

template <typename T>
class ArgKernel : public Kernel {
 public:
  ArgKernel(int64_t outer, int64_t len, int64_t inner, bool max, bool last)
      : outer_(outer), len_(len), inner_(inner), max_(max), last_(last) {}
  void Run(const RunContext& ctx) override {
    const T* x = ctx.in[0].as<T>();
    int64_t* y = ctx.out[0].as<int64_t>();
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t i = 0; i < inner_; ++i) {
        const T* p = x + o * len_ * inner_ + i;
        int64_t best = 0;
        for (int64_t k = 1; k < len_; ++k) {
          T v = p[k * inner_], b = p[best * inner_];
          bool better = max_ ? (v > b || (last_ && v == b)) : (v < b || (last_ && v == b));
          if (better) best = k;
        }
        y[o * inner_ + i] = best;
      }
    }
  }

 private:
  int64_t outer_, len_, inner_;
  bool max_, last_;
};

template <bool kMax>
std::unique_ptr<Kernel> MakeArg(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 0), static_cast<int64_t>(x.size()));
  bool keep = b.node().AttrInt("keepdims", 1) != 0, last = b.node().AttrInt("select_last_index", 0) != 0;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= x[i];
  for (size_t i = axis + 1; i < x.size(); ++i) inner *= x[i];
  Dims out = x;
  if (keep)
    out[axis] = 1;
  else
    out.erase(out.begin() + axis);
  b.SetOutput(0, DType::kI64, out);
  if (b.in(0).dtype == DType::kF32) return std::make_unique<ArgKernel<float>>(outer, x[axis], inner, kMax, last);
  if (b.in(0).dtype == DType::kI64) return std::make_unique<ArgKernel<int64_t>>(outer, x[axis], inner, kMax, last);
  b.Fail("unsupported dtype");
}

PARITY_REGISTER_OP({"", "ArgMax", 1, kMaxOpset, &MakeArg<true>});
PARITY_REGISTER_OP({"", "ArgMin", 1, kMaxOpset, &MakeArg<false>});

}  // namespace
}  // namespace parity::rt
