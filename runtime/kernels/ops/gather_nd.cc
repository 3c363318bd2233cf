// GatherND: gathers slices of data addressed by the last axis of indices (length m), after `batch_dims` leading
// axes shared by data and indices. Output dims: indices.dims[:-1] + data.dims[batch_dims + m:]. Negative indices
// count from the back; out-of-range ones are a run error. Any data dtype.
#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

class GatherNDKernel : public Kernel {
 public:
  // batches: product of the batch dims; tuples: index tuples per batch; m: tuple length; dims/strides of data
  // along the m indexed axes; batch_stride and slice in elements.
  GatherNDKernel(int64_t batches, int64_t tuples, Dims dims, Dims strides, int64_t batch_stride, int64_t slice,
                 size_t elem)
      : batches_(batches),
        tuples_(tuples),
        dims_(std::move(dims)),
        strides_(std::move(strides)),
        batch_stride_(batch_stride),
        slice_(slice),
        elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    const int64_t* idx = ctx.in[1].as<int64_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    size_t m = dims_.size();
    size_t bytes = static_cast<size_t>(slice_) * elem_;
    for (int64_t bt = 0; bt < batches_; ++bt) {
      for (int64_t t = 0; t < tuples_; ++t) {
        const int64_t* tup = idx + (bt * tuples_ + t) * static_cast<int64_t>(m);
        int64_t off = bt * batch_stride_;
        for (size_t k = 0; k < m; ++k) {
          int64_t v = tup[k] < 0 ? tup[k] + dims_[k] : tup[k];
          if (v < 0 || v >= dims_[k]) {
            throw RunError("GatherND: index " + std::to_string(tup[k]) + " out of range for dim " +
                           std::to_string(dims_[k]));
          }
          off += v * strides_[k];
        }
        std::memcpy(y + (bt * tuples_ + t) * bytes, x + off * static_cast<int64_t>(elem_), bytes);
      }
    }
  }

 private:
  int64_t batches_, tuples_;
  Dims dims_, strides_;
  int64_t batch_stride_, slice_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeGatherND(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(1).dtype == DType::kI64, "indices must be integers");
  const Dims& x = b.dims(0);
  const Dims& id = b.dims(1);
  int64_t r = static_cast<int64_t>(x.size());
  int64_t q = static_cast<int64_t>(id.size());
  int64_t bd = b.node().AttrInt("batch_dims", 0);
  b.Require(r >= 1 && q >= 1, "data and indices must have rank >= 1");
  b.Require(bd >= 0 && bd < std::min(r, q), "batch_dims " + std::to_string(bd) + " must be below both ranks");
  for (int64_t d = 0; d < bd; ++d) b.Require(x[d] == id[d], "batch dims of data and indices differ");
  int64_t m = id[q - 1];
  b.Require(m >= 1 && m <= r - bd, "indices' last dim " + std::to_string(m) + " must be in [1, rank - batch_dims]");
  Dims out(id.begin(), id.end() - 1);
  out.insert(out.end(), x.begin() + bd + m, x.end());
  Dims xs = Strides(x);
  int64_t batches = 1, tuples = 1, slice = 1;
  for (int64_t d = 0; d < bd; ++d) batches *= x[d];
  for (int64_t d = bd; d < q - 1; ++d) tuples *= id[d];
  for (int64_t d = bd + m; d < r; ++d) slice *= x[d];
  int64_t batch_stride = bd > 0 ? xs[bd - 1] : 0;
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<GatherNDKernel>(batches, tuples, Dims(x.begin() + bd, x.begin() + bd + m),
                                          Dims(xs.begin() + bd, xs.begin() + bd + m), batch_stride, slice,
                                          DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "GatherND", 11, kMaxOpset, &MakeGatherND});

}  // namespace
}  // namespace parity::rt
