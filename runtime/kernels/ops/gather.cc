// Gather along an axis with int64 indices (negative indices wrap); any data dtype.
#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

class GatherKernel : public Kernel {
 public:
  GatherKernel(int64_t outer, int64_t axis_dim, int64_t inner_bytes, int64_t nidx)
      : outer_(outer), dim_(axis_dim), inner_(inner_bytes), nidx_(nidx) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    const int64_t* idx = ctx.in[1].as<int64_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t i = 0; i < nidx_; ++i) {
        int64_t k = idx[i] < 0 ? idx[i] + dim_ : idx[i];
        if (k < 0 || k >= dim_) {  // ONNX leaves it undefined: an error, never a silent (or unsafe) read
          throw RunError("Gather: index " + std::to_string(idx[i]) + " out of range [" + std::to_string(-dim_) + ", " +
                         std::to_string(dim_) + ")");
        }
        std::memcpy(y + (o * nidx_ + i) * inner_, x + (o * dim_ + k) * inner_, inner_);
      }
    }
  }

 private:
  int64_t outer_, dim_, inner_, nidx_;
};

std::unique_ptr<Kernel> MakeGather(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(1).dtype == DType::kI64, "indices must be integers");
  const Dims& x = b.dims(0);
  const Dims& id = b.dims(1);
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(rank >= 1, "data must have rank >= 1");
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 0), rank);
  if (b.in(1).data) {
    for (int64_t i = 0; i < b.in(1).data->size(); ++i) {
      int64_t k = b.in(1).data->as<int64_t>()[i];
      b.Require(k >= -x[axis] && k < x[axis], "index " + std::to_string(k) + " out of range");
    }
  }
  Dims out(x.begin(), x.begin() + axis);
  out.insert(out.end(), id.begin(), id.end());
  out.insert(out.end(), x.begin() + axis + 1, x.end());
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= x[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= x[i];
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<GatherKernel>(outer, x[axis], inner * static_cast<int64_t>(DTypeSize(b.in(0).dtype)),
                                        NumElements(id));
}

PARITY_REGISTER_OP({"", "Gather", 1, kMaxOpset, &MakeGather});

}  // namespace
}  // namespace parity::rt
