// Split along an axis into parts given by the `split` attribute/input, `num_outputs` (opset 18) or equal parts.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class SplitKernel : public Kernel {
 public:
  SplitKernel(int64_t outer, int64_t inner_bytes, std::vector<int64_t> parts)
      : outer_(outer), inner_(inner_bytes), parts_(std::move(parts)) {
    for (int64_t p : parts_) total_ += p;
  }
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    for (int64_t o = 0; o < outer_; ++o) {
      int64_t off = 0;
      for (size_t i = 0; i < parts_.size(); ++i) {
        std::memcpy(ctx.out[i].as<uint8_t>() + o * parts_[i] * inner_, x + (o * total_ + off) * inner_,
                    parts_[i] * inner_);
        off += parts_[i];
      }
    }
  }

 private:
  int64_t outer_, inner_;
  std::vector<int64_t> parts_;
  int64_t total_ = 0;
};

std::unique_ptr<Kernel> MakeSplit(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 0), static_cast<int64_t>(x.size()));
  std::vector<int64_t> parts = IntsOrAttr(b, 1, "split", "split");
  int64_t n = b.num_outputs();
  if (parts.empty()) {
    int64_t per = (x[axis] + n - 1) / n;  // opset 18: the last part may be smaller
    for (int64_t i = 0; i < n; ++i) parts.push_back(std::min(per, x[axis] - i * per));
  }
  b.Require(static_cast<int64_t>(parts.size()) == n, "split sizes do not match the output count");
  int64_t sum = 0;
  for (int64_t p : parts) sum += p;
  b.Require(sum == x[axis], "split sizes do not add up to the axis length");
  int64_t outer = 1, inner = static_cast<int64_t>(DTypeSize(b.in(0).dtype));
  for (int64_t i = 0; i < axis; ++i) outer *= x[i];
  for (size_t i = axis + 1; i < x.size(); ++i) inner *= x[i];
  for (int64_t i = 0; i < n; ++i) {
    Dims d = x;
    d[axis] = parts[i];
    b.SetOutput(static_cast<int>(i), b.in(0).dtype, d);
  }
  return std::make_unique<SplitKernel>(outer, inner, parts);
}

PARITY_REGISTER_OP({"", "Split", 1, kMaxOpset, &MakeSplit});

}  // namespace
}  // namespace parity::rt
