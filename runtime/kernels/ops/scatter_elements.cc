// ScatterElements (and its deprecated alias Scatter-9/10): output = data, then for every position i of indices,
// output[i with its `axis` coordinate replaced by indices[i]] combined with updates[i] per `reduction`. Updates
// apply in index order, so with reduction none the last duplicate wins. Negative indices count from the back;
// out-of-range ones are a run error.
#include "kernels/common/op_util.h"
#include "kernels/common/scatter_reduction.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

template <typename T>
void ScatterElementsRun(const int64_t* idx, const T* upd, T* y, const Dims& ystride, const Dims& id, int64_t axis,
                        int64_t dim, ScatterReduction red) {
  size_t r = id.size();
  std::vector<int64_t> pos(r, 0);
  int64_t n = NumElements(id);
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = idx[i] < 0 ? idx[i] + dim : idx[i];
    int64_t off = k * ystride[axis];
    for (size_t d = 0; d < r; ++d) {
      if (static_cast<int64_t>(d) != axis) off += pos[d] * ystride[d];
    }
    ScatterCombine(red, y + off, upd[i]);
    for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
      if (++pos[d] < id[d]) break;
      pos[d] = 0;
    }
  }
}

class ScatterElementsKernel : public Kernel {
 public:
  ScatterElementsKernel(Dims x, Dims id, int64_t axis, DType t, ScatterReduction red)
      : xstride_(Strides(x)), id_(std::move(id)), axis_(axis), dim_(x[axis]), n_(NumElements(x)), t_(t), red_(red) {}
  void Run(const RunContext& ctx) override {
    const int64_t* idx = ctx.in[1].as<int64_t>();
    int64_t n = NumElements(id_);
    for (int64_t i = 0; i < n; ++i) {
      if (idx[i] < -dim_ || idx[i] >= dim_) {
        throw RunError("ScatterElements: index " + std::to_string(idx[i]) + " out of range [" + std::to_string(-dim_) +
                       ", " + std::to_string(dim_) + ")");
      }
    }
    CopyIfDistinct(ctx.out[0].data, ctx.in[0].data, static_cast<size_t>(n_) * DTypeSize(t_));
    if (t_ == DType::kF32) {
      ScatterElementsRun(idx, ctx.in[2].as<float>(), ctx.out[0].as<float>(), xstride_, id_, axis_, dim_, red_);
    } else if (t_ == DType::kI64) {
      ScatterElementsRun(idx, ctx.in[2].as<int64_t>(), ctx.out[0].as<int64_t>(), xstride_, id_, axis_, dim_, red_);
    } else {
      ScatterElementsRun(idx, ctx.in[2].as<uint8_t>(), ctx.out[0].as<uint8_t>(), xstride_, id_, axis_, dim_, red_);
    }
  }

 private:
  Dims xstride_, id_;
  int64_t axis_, dim_, n_;
  DType t_;
  ScatterReduction red_;
};

std::unique_ptr<Kernel> MakeScatterElements(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  b.Require(b.in(1).dtype == DType::kI64, "indices must be integers");
  b.Require(b.in(2).dtype == b.in(0).dtype, "updates must have data's dtype");
  const Dims& x = b.dims(0);
  const Dims& id = b.dims(1);
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(rank >= 1, "data must have rank >= 1");
  b.Require(id == b.dims(2), "indices and updates must have the same dims");
  b.Require(static_cast<int64_t>(id.size()) == rank, "indices must have the rank of data");
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 0), rank);
  for (int64_t d = 0; d < rank; ++d) {
    b.Require(d == axis || id[d] <= x[d], "indices dim " + std::to_string(d) + " exceeds data's");
  }
  ScatterReduction red = ParseScatterReduction(b);
  b.SetOutput(0, b.in(0).dtype, x);
  return std::make_unique<ScatterElementsKernel>(x, id, axis, b.in(0).dtype, red);
}

PARITY_REGISTER_OP({"", "Scatter", 9, 10, &MakeScatterElements});
PARITY_REGISTER_OP({"", "ScatterElements", 11, kMaxOpset, &MakeScatterElements});

}  // namespace
}  // namespace parity::rt
