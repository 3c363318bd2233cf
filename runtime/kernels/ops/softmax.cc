// Softmax / LogSoftmax. Opset < 13: the input is flattened to 2-D at `axis` (default 1) and normalized over the
// second part; opset >= 13: normalized along `axis` (default -1).
#include <vector>

#include "kernels/common/op_util.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

class SoftmaxKernel : public Kernel {
 public:
  SoftmaxKernel(int64_t outer, int64_t len, int64_t inner, bool log)
      : outer_(outer), len_(len), inner_(inner), log_(log) {}
  double Flops() const override { return 4.0 * outer_ * len_ * inner_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    const SoftmaxRowsFn rows = ActiveKernelTable().softmax.rows;
    if (inner_ == 1) {  // contiguous rows (the last axis, e.g. attention scores)
      ParallelForOrInline(ctx.pool, outer_,
                          [&](int64_t s, int64_t e) { rows(x + s * len_, y + s * len_, e - s, len_, log_); });
      return;
    }
    // Strided rows (an inner axis): each is copied into a contiguous buffer for the same row kernel.
    ParallelForOrInline(ctx.pool, outer_ * inner_, [&](int64_t s, int64_t e) {
      std::vector<float> row(static_cast<size_t>(len_));
      for (int64_t r = s; r < e; ++r) {
        const int64_t base = (r / inner_) * len_ * inner_ + r % inner_;
        for (int64_t i = 0; i < len_; ++i) row[i] = x[base + i * inner_];
        rows(row.data(), row.data(), 1, len_, log_);
        for (int64_t i = 0; i < len_; ++i) y[base + i * inner_] = row[i];
      }
    });
  }

 private:
  int64_t outer_, len_, inner_;
  bool log_;
};

template <bool kLog>
std::unique_ptr<Kernel> MakeSoftmax(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  bool legacy = b.node().AttrInt("parity_opset", 13) < 13;
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", legacy ? 1 : -1), rank);
  int64_t outer = 1, len = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i) {
    if (i < axis)
      outer *= x[i];
    else if (i == axis || legacy)
      len *= x[i];
    else
      inner *= x[i];
  }
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<SoftmaxKernel>(outer, len, inner, kLog);
}

// The opset decides the semantics; the registry entry per range passes it through an attribute-free wrapper.
template <bool kLog, bool kLegacy>
std::unique_ptr<Kernel> MakeSoftmaxFor(KernelBuilder& b) {
  if (!kLegacy) return MakeSoftmax<kLog>(b);
  Node n = b.node();
  n.SetAttrInt("parity_opset", 1);
  std::vector<TensorDesc> in;
  for (int i = 0; i < b.num_inputs(); ++i) in.push_back(b.in(i));
  KernelBuilder inner(n, in, b.options());
  auto k = MakeSoftmax<kLog>(inner);
  b.SetOutput(0, DType::kF32, inner.out(0).dims);
  return k;
}

PARITY_REGISTER_OP({"", "Softmax", 1, 12, &MakeSoftmaxFor<false, true>});
PARITY_REGISTER_OP({"", "Softmax", 13, kMaxOpset, &MakeSoftmaxFor<false, false>});
PARITY_REGISTER_OP({"", "LogSoftmax", 1, 12, &MakeSoftmaxFor<true, true>});
PARITY_REGISTER_OP({"", "LogSoftmax", 13, kMaxOpset, &MakeSoftmaxFor<true, false>});

}  // namespace
}  // namespace parity::rt
