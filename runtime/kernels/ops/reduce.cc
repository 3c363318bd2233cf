// ReduceMean / ReduceSum / ReduceMax / ReduceMin / ReduceProd over float or int64, axes from the attribute
// (ReduceSum >= 13 and all >= 18: from input 1), keepdims, noop_with_empty_axes.
#include <limits>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

enum class Red { kMean, kSum, kMax, kMin, kProd };

template <typename T>
class ReduceKernel : public Kernel {
 public:
  ReduceKernel(Red r, Dims in, std::vector<bool> reduced) : r_(r), in_(std::move(in)), red_(std::move(reduced)) {}
  double Flops() const override { return static_cast<double>(NumElements(in_)); }
  void Run(const RunContext& ctx) override {
    const T* x = ctx.in[0].as<T>();
    T* y = ctx.out[0].as<T>();
    // Output strides over the full input rank (0 on reduced axes).
    size_t r = in_.size();
    Dims ostride(r, 0);
    int64_t s = 1, out_n = 1, count = 1;
    for (int i = static_cast<int>(r) - 1; i >= 0; --i) {
      if (red_[i]) {
        count *= in_[i];
      } else {
        ostride[i] = s;
        s *= in_[i];
        out_n *= in_[i];
      }
    }
    T init = r_ == Red::kMax    ? std::numeric_limits<T>::lowest()
             : r_ == Red::kMin  ? std::numeric_limits<T>::max()
             : r_ == Red::kProd ? T(1)
                                : T(0);
    for (int64_t i = 0; i < out_n; ++i) y[i] = init;
    std::vector<int64_t> idx(r, 0);
    int64_t n = NumElements(in_);
    for (int64_t i = 0; i < n; ++i) {
      int64_t o = 0;
      for (size_t d = 0; d < r; ++d) o += idx[d] * ostride[d];
      T v = x[i];
      switch (r_) {
        case Red::kMax:
          y[o] = v > y[o] ? v : y[o];
          break;
        case Red::kMin:
          y[o] = v < y[o] ? v : y[o];
          break;
        case Red::kProd:
          y[o] *= v;
          break;
        default:
          y[o] += v;
      }
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < in_[d]) break;
        idx[d] = 0;
      }
    }
    if (r_ == Red::kMean) {
      for (int64_t i = 0; i < out_n; ++i) y[i] = static_cast<T>(y[i] / static_cast<T>(count ? count : 1));
    }
  }

 private:
  Red r_;
  Dims in_;
  std::vector<bool> red_;
};

template <Red kR, int kAxesInputSince>
std::unique_ptr<Kernel> MakeReduce(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  std::vector<int64_t> axes = b.has_input(1) ? b.ConstInts(1, "axes") : b.node().AttrInts("axes");
  bool noop = b.node().AttrInt("noop_with_empty_axes", 0) != 0;
  std::vector<bool> red(rank, axes.empty() && !noop);
  for (int64_t a : axes) red[NormAxis(b, a, rank)] = true;
  bool keep = b.node().AttrInt("keepdims", 1) != 0;
  Dims out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!red[i])
      out.push_back(x[i]);
    else if (keep)
      out.push_back(1);
  }
  DType t = b.in(0).dtype;
  b.SetOutput(0, t, out);
  if (t == DType::kF32) return std::make_unique<ReduceKernel<float>>(kR, x, red);
  if (t == DType::kI64) return std::make_unique<ReduceKernel<int64_t>>(kR, x, red);
  b.Fail("unsupported dtype");
}

PARITY_REGISTER_OP({"", "ReduceMean", 1, kMaxOpset, &MakeReduce<Red::kMean, 18>});
PARITY_REGISTER_OP({"", "ReduceSum", 1, kMaxOpset, &MakeReduce<Red::kSum, 13>});
PARITY_REGISTER_OP({"", "ReduceMax", 1, kMaxOpset, &MakeReduce<Red::kMax, 18>});
PARITY_REGISTER_OP({"", "ReduceMin", 1, kMaxOpset, &MakeReduce<Red::kMin, 18>});
PARITY_REGISTER_OP({"", "ReduceProd", 1, kMaxOpset, &MakeReduce<Red::kProd, 18>});

}  // namespace
}  // namespace parity::rt
