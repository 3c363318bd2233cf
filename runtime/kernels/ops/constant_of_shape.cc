// ConstantOfShape: output of the given (constant) shape filled with the `value` attribute (default float 0).
#include "ir/import.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class FillKernel : public Kernel {
 public:
  FillKernel(ConstPtr value, int64_t n) : value_(std::move(value)), n_(n) {}
  void Run(const RunContext& ctx) override {
    size_t e = DTypeSize(value_->dtype);
    auto* y = ctx.out[0].as<uint8_t>();
    for (int64_t i = 0; i < n_; ++i) std::memcpy(y + i * e, value_->buf.data(), e);
  }

 private:
  ConstPtr value_;
  int64_t n_;
};

std::unique_ptr<Kernel> MakeConstantOfShape(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  std::vector<int64_t> shape = b.ConstInts(0, "input");
  ConstPtr value;
  auto it = b.node().attrs.find("value");
  if (it != b.node().attrs.end()) {
    value = ConstFromTensorProto(it->second.t(), b.node().name + ".value");
    b.Require(value->size() == 1, "value must have one element");
  } else {
    value = MakeConst(DType::kF32, {1});
  }
  Dims out(shape.begin(), shape.end());
  b.SetOutput(0, value->dtype, out);
  return std::make_unique<FillKernel>(value, NumElements(out));
}

PARITY_REGISTER_OP({"", "ConstantOfShape", 9, kMaxOpset, &MakeConstantOfShape});

}  // namespace
}  // namespace parity::rt
