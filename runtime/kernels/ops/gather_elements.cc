// GatherElements: out[i] = data[i with its `axis` coordinate replaced by indices[i]]; indices have data's rank and
// may be smaller than data along any axis. Negative indices count from the back; out-of-range ones are a run
// error (ONNX leaves them undefined). Any data dtype.
#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

template <typename T>
void GatherElementsRun(const T* x, const int64_t* idx, T* y, const Dims& xstride, const Dims& id, int64_t axis,
                       int64_t dim) {
  size_t r = id.size();
  std::vector<int64_t> pos(r, 0);
  int64_t n = NumElements(id);
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = idx[i] < 0 ? idx[i] + dim : idx[i];
    int64_t off = k * xstride[axis];
    for (size_t d = 0; d < r; ++d) {
      if (static_cast<int64_t>(d) != axis) off += pos[d] * xstride[d];
    }
    y[i] = x[off];
    for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
      if (++pos[d] < id[d]) break;
      pos[d] = 0;
    }
  }
}

class GatherElementsKernel : public Kernel {
 public:
  GatherElementsKernel(Dims x, Dims id, int64_t axis, size_t elem)
      : xstride_(Strides(x)), id_(std::move(id)), axis_(axis), dim_(x[axis]), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const int64_t* idx = ctx.in[1].as<int64_t>();
    int64_t n = NumElements(id_);
    for (int64_t i = 0; i < n; ++i) {
      if (idx[i] < -dim_ || idx[i] >= dim_) {
        throw RunError("GatherElements: index " + std::to_string(idx[i]) + " out of range [" + std::to_string(-dim_) +
                       ", " + std::to_string(dim_) + ")");
      }
    }
    void* y = ctx.out[0].data;
    const void* x = ctx.in[0].data;
    if (elem_ == 8) {
      GatherElementsRun(static_cast<const int64_t*>(x), idx, static_cast<int64_t*>(y), xstride_, id_, axis_, dim_);
    } else if (elem_ == 4) {
      GatherElementsRun(static_cast<const int32_t*>(x), idx, static_cast<int32_t*>(y), xstride_, id_, axis_, dim_);
    } else {
      GatherElementsRun(static_cast<const uint8_t*>(x), idx, static_cast<uint8_t*>(y), xstride_, id_, axis_, dim_);
    }
  }

 private:
  Dims xstride_, id_;
  int64_t axis_, dim_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeGatherElements(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(1).dtype == DType::kI64, "indices must be integers");
  const Dims& x = b.dims(0);
  const Dims& id = b.dims(1);
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(rank >= 1, "data must have rank >= 1");
  b.Require(static_cast<int64_t>(id.size()) == rank, "indices must have the rank of data");
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 0), rank);
  for (int64_t d = 0; d < rank; ++d) {
    b.Require(d == axis || id[d] <= x[d], "indices dim " + std::to_string(d) + " exceeds data's");
  }
  b.SetOutput(0, b.in(0).dtype, id);
  return std::make_unique<GatherElementsKernel>(x, id, axis, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "GatherElements", 11, kMaxOpset, &MakeGatherElements});

}  // namespace
}  // namespace parity::rt
