// Slice: starts/ends/axes/steps from attributes (opset < 10) or constant inputs; negative steps supported.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class SliceKernel : public Kernel {
 public:
  SliceKernel(Dims in, Dims out, Dims start, Dims step, size_t elem)
      : in_(std::move(in)), out_(std::move(out)), start_(std::move(start)), step_(std::move(step)), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t r = in_.size();
    if (r == 0) {
      std::memcpy(y, x, elem_);
      return;
    }
    const Dims& is = in_strides_;
    // Innermost rows with step 1 are contiguous in both tensors: copy them as one block.
    int64_t row = out_[r - 1];
    bool contiguous = step_[r - 1] == 1;
    int64_t rows = row ? NumElements(out_) / row : 0;
    int64_t idx[kMaxRank] = {};
    for (int64_t i = 0; i < rows; ++i) {
      int64_t off = start_[r - 1];
      for (size_t d = 0; d + 1 < r; ++d) off += (start_[d] + idx[d] * step_[d]) * is[d];
      uint8_t* dst = y + i * row * elem_;
      if (contiguous) {
        std::memcpy(dst, x + off * elem_, row * elem_);
      } else {
        for (int64_t k = 0; k < row; ++k) std::memcpy(dst + k * elem_, x + (off + k * step_[r - 1]) * elem_, elem_);
      }
      for (int d = static_cast<int>(r) - 2; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims in_, out_, start_, step_;
  Dims in_strides_ = Strides(in_);
  size_t elem_;
};

std::unique_ptr<Kernel> MakeSlice(KernelBuilder& b) {
  b.ExpectInputs(1, 5);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  bool legacy = !b.has_input(1);
  std::vector<int64_t> starts = legacy ? b.node().AttrInts("starts") : b.ConstInts(1, "starts");
  std::vector<int64_t> ends = legacy ? b.node().AttrInts("ends") : b.ConstInts(2, "ends");
  std::vector<int64_t> axes =
      legacy ? b.node().AttrInts("axes") : (b.has_input(3) ? b.ConstInts(3, "axes") : std::vector<int64_t>{});
  std::vector<int64_t> steps = (!legacy && b.has_input(4)) ? b.ConstInts(4, "steps") : std::vector<int64_t>{};
  b.Require(starts.size() == ends.size(), "starts and ends differ in length");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  b.Require(axes.size() == starts.size() && steps.size() == starts.size(), "axes/steps length mismatch");
  Dims start(rank, 0), step(rank, 1), out = x;
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = NormAxis(b, axes[i], rank), dim = x[a], st = steps[i];
    b.Require(st != 0, "step 0");
    int64_t s = starts[i], e = ends[i];
    if (s < 0) s += dim;
    if (e < 0) e += dim;
    if (st > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      out[a] = e > s ? (e - s + st - 1) / st : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      out[a] = s > e ? (s - e + (-st) - 1) / (-st) : 0;
    }
    start[a] = s;
    step[a] = st;
  }
  b.Require(rank <= kMaxRank, "rank above 8 is not supported");
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<SliceKernel>(x, out, start, step, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "Slice", 1, kMaxOpset, &MakeSlice});

}  // namespace
}  // namespace parity::rt
