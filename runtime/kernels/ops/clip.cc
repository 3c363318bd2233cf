// Clip: bounds from attributes (opset < 11) or optional constant inputs (opset >= 11); float tensors (any
// layout) and, from Clip-12, integer tensors.
#include <limits>

#include "kernels/common/activation.h"
#include "kernels/common/elementwise.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class ClipKernel : public Kernel {
 public:
  ClipKernel(float lo, float hi, int64_t n) : lo_(lo), hi_(hi), n_(n) {}
  double Flops() const override { return static_cast<double>(n_); }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    CopyIfDistinct(y, x, n_ * sizeof(float));
    ApplyActArray(Act::kClip, lo_, hi_, y, n_);
  }

 private:
  float lo_, hi_;
  int64_t n_;
};

float ScalarInput(const KernelBuilder& b, int i, float def) {
  if (!b.has_input(i)) return def;
  const ConstTensor& t = b.ConstInput(i, i == 1 ? "min" : "max");
  b.Require(t.size() == 1 && t.dtype == DType::kF32, "min/max must be float scalars");
  return *t.as<float>();
}

int64_t IntBound(const KernelBuilder& b, int i, int64_t def) {
  if (!b.has_input(i)) return def;
  const ConstTensor& t = b.ConstInput(i, i == 1 ? "min" : "max");
  b.Require(t.size() == 1 && t.dtype == DType::kI64, "min/max must be integer scalars like the input");
  return *t.as<int64_t>();
}

// min > max gives max everywhere, as the ONNX definition min(max(x, min), max) does.
std::unique_ptr<Kernel> MakeIntClip(KernelBuilder& b) {
  b.Require(!b.node().HasAttr("min") && !b.node().HasAttr("max"), "integer Clip needs the input form (Clip-12+)");
  int64_t lo = IntBound(b, 1, std::numeric_limits<int64_t>::lowest());
  int64_t hi = IntBound(b, 2, std::numeric_limits<int64_t>::max());
  return MakeMap<int64_t, int64_t>(b, DType::kI64, [lo, hi](int64_t x) { return std::min(std::max(x, lo), hi); });
}

std::unique_ptr<Kernel> MakeClip(KernelBuilder& b) {
  b.ExpectInputs(1, 3);
  if (b.in(0).dtype == DType::kI64) return MakeIntClip(b);
  b.ExpectFloat(0);
  float lo, hi;
  if (b.node().HasAttr("min") || b.node().HasAttr("max") || b.num_inputs() == 1) {
    lo = b.node().AttrFloat("min", std::numeric_limits<float>::lowest());
    hi = b.node().AttrFloat("max", std::numeric_limits<float>::max());
  } else {
    lo = ScalarInput(b, 1, std::numeric_limits<float>::lowest());
    hi = ScalarInput(b, 2, std::numeric_limits<float>::max());
  }
  b.SetOutput(0, DType::kF32, b.dims(0), b.in(0).layout, b.in(0).block);
  Value v;
  v.dims = b.dims(0);
  v.layout = b.in(0).layout;
  v.block = b.in(0).block;
  return std::make_unique<ClipKernel>(lo, hi, static_cast<int64_t>(v.StorageBytes() / 4));
}

PARITY_REGISTER_OP({"", "Clip", 1, kMaxOpset, &MakeClip});

}  // namespace
}  // namespace parity::rt
