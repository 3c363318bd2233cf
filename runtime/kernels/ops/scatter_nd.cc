// ScatterND: output = data, then for every index tuple (the last axis of indices, length m) the slice
// data.dims[m:] at that address is combined with the matching slice of updates per `reduction`, in index order.
// Negative indices count from the back; out-of-range ones are a run error.
#include "kernels/common/op_util.h"
#include "kernels/common/scatter_reduction.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

class ScatterNDKernel : public Kernel {
 public:
  ScatterNDKernel(Dims x, int64_t tuples, int64_t m, DType t, ScatterReduction red)
      : dims_(x.begin(), x.begin() + m),
        strides_(Strides(x)),
        tuples_(tuples),
        slice_(NumElements(Dims(x.begin() + m, x.end()))),
        n_(NumElements(x)),
        t_(t),
        red_(red) {
    strides_.resize(m);
  }
  void Run(const RunContext& ctx) override {
    CopyIfDistinct(ctx.out[0].data, ctx.in[0].data, static_cast<size_t>(n_) * DTypeSize(t_));
    if (t_ == DType::kF32) {
      Scatter(ctx.in[1].as<int64_t>(), ctx.in[2].as<float>(), ctx.out[0].as<float>());
    } else if (t_ == DType::kI64) {
      Scatter(ctx.in[1].as<int64_t>(), ctx.in[2].as<int64_t>(), ctx.out[0].as<int64_t>());
    } else {
      Scatter(ctx.in[1].as<int64_t>(), ctx.in[2].as<uint8_t>(), ctx.out[0].as<uint8_t>());
    }
  }

 private:
  template <typename T>
  void Scatter(const int64_t* idx, const T* upd, T* y) const {
    size_t m = dims_.size();
    std::vector<int64_t> offs(tuples_);
    for (int64_t t = 0; t < tuples_; ++t) {
      int64_t off = 0;
      for (size_t k = 0; k < m; ++k) {
        int64_t raw = idx[t * static_cast<int64_t>(m) + k];
        int64_t v = raw < 0 ? raw + dims_[k] : raw;
        if (v < 0 || v >= dims_[k]) {
          throw RunError("ScatterND: index " + std::to_string(raw) + " out of range for dim " +
                         std::to_string(dims_[k]));
        }
        off += v * strides_[k];
      }
      offs[t] = off;
    }
    for (int64_t t = 0; t < tuples_; ++t) {
      for (int64_t j = 0; j < slice_; ++j) ScatterCombine(red_, y + offs[t] + j, upd[t * slice_ + j]);
    }
  }

  Dims dims_, strides_;
  int64_t tuples_, slice_, n_;
  DType t_;
  ScatterReduction red_;
};

std::unique_ptr<Kernel> MakeScatterND(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  b.Require(b.in(1).dtype == DType::kI64, "indices must be integers");
  b.Require(b.in(2).dtype == b.in(0).dtype, "updates must have data's dtype");
  const Dims& x = b.dims(0);
  const Dims& id = b.dims(1);
  int64_t r = static_cast<int64_t>(x.size());
  int64_t q = static_cast<int64_t>(id.size());
  b.Require(r >= 1 && q >= 1, "data and indices must have rank >= 1");
  int64_t m = id[q - 1];
  b.Require(m >= 1 && m <= r, "indices' last dim " + std::to_string(m) + " must be in [1, rank(data)]");
  Dims upd(id.begin(), id.end() - 1);
  upd.insert(upd.end(), x.begin() + m, x.end());
  b.Require(b.dims(2) == upd, "updates must have dims " + DimsToString(upd));
  ScatterReduction red = ParseScatterReduction(b);
  b.SetOutput(0, b.in(0).dtype, x);
  return std::make_unique<ScatterNDKernel>(x, NumElements(Dims(id.begin(), id.end() - 1)), m, b.in(0).dtype, red);
}

PARITY_REGISTER_OP({"", "ScatterND", 11, kMaxOpset, &MakeScatterND});

}  // namespace
}  // namespace parity::rt
