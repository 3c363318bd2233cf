// Shape (with start/end, opset 15) and Size: computed from static dims, folded at compile time.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class ConstOutKernel : public Kernel {
 public:
  explicit ConstOutKernel(std::vector<int64_t> v) : v_(std::move(v)) {}
  void Run(const RunContext& ctx) override { std::memcpy(ctx.out[0].data, v_.data(), v_.size() * 8); }

 private:
  std::vector<int64_t> v_;
};

std::unique_ptr<Kernel> MakeShape(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  int64_t s = b.node().AttrInt("start", 0), e = b.node().AttrInt("end", r);
  if (s < 0) s += r;
  if (e < 0) e += r;
  s = std::clamp<int64_t>(s, 0, r);
  e = std::clamp<int64_t>(e, s, r);
  std::vector<int64_t> v(x.begin() + s, x.begin() + e);
  b.SetOutput(0, DType::kI64, {static_cast<int64_t>(v.size())});
  return std::make_unique<ConstOutKernel>(v);
}

std::unique_ptr<Kernel> MakeSize(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.SetOutput(0, DType::kI64, {});
  return std::make_unique<ConstOutKernel>(std::vector<int64_t>{NumElements(b.dims(0))});
}

PARITY_REGISTER_OP({"", "Shape", 1, kMaxOpset, &MakeShape});
PARITY_REGISTER_OP({"", "Size", 1, kMaxOpset, &MakeSize});

}  // namespace
}  // namespace parity::rt
