// Pad: constant / reflect / edge / wrap modes, negative pads (cropping), pads from the attribute (opset < 11) or
// constant inputs (with optional axes, opset 18), any dtype for constant mode.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

enum class PadMode { kConstant, kReflect, kEdge, kWrap };

class PadKernel : public Kernel {
 public:
  PadKernel(Dims in, Dims out, Dims before, PadMode mode, ConstPtr value, size_t elem)
      : in_(std::move(in)),
        out_(std::move(out)),
        before_(std::move(before)),
        mode_(mode),
        value_(std::move(value)),
        elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t r = out_.size();
    Dims is = Strides(in_);
    std::vector<int64_t> idx(r, 0);
    int64_t n = NumElements(out_);
    for (int64_t i = 0; i < n; ++i) {
      int64_t off = 0;
      bool inside = true;
      for (size_t d = 0; d < r; ++d) {
        int64_t s = idx[d] - before_[d];
        if (s < 0 || s >= in_[d]) {
          if (mode_ == PadMode::kConstant) {
            inside = false;
            break;
          }
          if (mode_ == PadMode::kEdge) {
            s = std::clamp<int64_t>(s, 0, in_[d] - 1);
          } else if (mode_ == PadMode::kWrap) {
            s = ((s % in_[d]) + in_[d]) % in_[d];
          } else {
            int64_t period = std::max<int64_t>(2 * (in_[d] - 1), 1);
            s = ((s % period) + period) % period;
            if (s >= in_[d]) s = period - s;
          }
        }
        off += s * is[d];
      }
      std::memcpy(y + i * elem_, inside ? x + off * elem_ : static_cast<const uint8_t*>(value_->buf.data()), elem_);
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims in_, out_, before_;
  PadMode mode_;
  ConstPtr value_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakePad(KernelBuilder& b) {
  b.ExpectInputs(1, 4);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  std::string m = b.node().AttrString("mode", "constant");
  PadMode mode = m == "reflect" ? PadMode::kReflect
                 : m == "edge"  ? PadMode::kEdge
                 : m == "wrap"  ? PadMode::kWrap
                                : PadMode::kConstant;
  b.Require(m == "constant" || m == "reflect" || m == "edge" || m == "wrap", "mode '" + m + "' is not supported");
  std::vector<int64_t> pads = IntsOrAttr(b, 1, "pads", "pads");
  std::vector<int64_t> axes;
  if (b.has_input(3)) {
    axes = b.ConstInts(3, "axes");
  } else {
    for (int64_t i = 0; i < r; ++i) axes.push_back(i);
  }
  int64_t na = static_cast<int64_t>(axes.size());
  b.Require(static_cast<int64_t>(pads.size()) == 2 * na, "pads must have 2 * axes entries");
  Dims before(r, 0), out = x;
  for (int64_t i = 0; i < na; ++i) {
    int64_t a = NormAxis(b, axes[i], r);
    before[a] = pads[i];
    out[a] = x[a] + pads[i] + pads[i + na];
    b.Require(out[a] >= 0, "negative pads remove more than the whole dim");
    b.Require(x[a] > 0 || mode == PadMode::kConstant, "cannot pad an empty dim in mode '" + m + "'");
    if (mode == PadMode::kReflect) b.Require(pads[i] < x[a] && pads[i + na] < x[a], "reflect pad larger than the dim");
  }
  DType t = b.in(0).dtype;
  ConstPtr value = MakeConst(t, {1});
  if (b.has_input(2)) {
    const ConstTensor& v = b.ConstInput(2, "constant_value");
    std::memcpy(value->buf.data(), v.buf.data(), DTypeSize(t));
  } else if (t == DType::kF32) {
    *value->mut<float>() = b.node().AttrFloat("value", 0.f);
  }
  b.SetOutput(0, t, out);
  return std::make_unique<PadKernel>(x, out, before, mode, value, DTypeSize(t));
}

PARITY_REGISTER_OP({"", "Pad", 1, kMaxOpset, &MakePad});

}  // namespace
}  // namespace parity::rt
