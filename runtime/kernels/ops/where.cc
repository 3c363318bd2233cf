// Where(cond, a, b) with numpy broadcasting of all three inputs; any value dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class WhereKernel : public Kernel {
 public:
  WhereKernel(Dims out, Dims sc, Dims sa, Dims sb, size_t elem)
      : out_(std::move(out)), sc_(std::move(sc)), sa_(std::move(sa)), sb_(std::move(sb)), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* c = ctx.in[0].as<uint8_t>();
    const auto* a = ctx.in[1].as<uint8_t>();
    const auto* b = ctx.in[2].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t r = out_.size();
    std::vector<int64_t> idx(r, 0);
    int64_t n = NumElements(out_);
    for (int64_t i = 0; i < n; ++i) {
      int64_t oc = 0, oa = 0, ob = 0;
      for (size_t d = 0; d < r; ++d) {
        oc += idx[d] * sc_[d];
        oa += idx[d] * sa_[d];
        ob += idx[d] * sb_[d];
      }
      std::memcpy(y + i * elem_, c[oc] ? a + oa * elem_ : b + ob * elem_, elem_);
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims out_, sc_, sa_, sb_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeWhere(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  b.Require(b.in(0).dtype == DType::kBool, "condition must be bool");
  b.Require(b.in(1).dtype == b.in(2).dtype, "X and Y dtypes differ");
  Dims out = BroadcastDims(b, BroadcastDims(b, b.dims(0), b.dims(1)), b.dims(2));
  b.SetOutput(0, b.in(1).dtype, out);
  return std::make_unique<WhereKernel>(out, BroadcastStrides(b.dims(0), out), BroadcastStrides(b.dims(1), out),
                                       BroadcastStrides(b.dims(2), out), DTypeSize(b.in(1).dtype));
}

PARITY_REGISTER_OP({"", "Where", 9, kMaxOpset, &MakeWhere});

}  // namespace
}  // namespace parity::rt
